"""Full stops that end no sentence: a title before a name ("Sen. Lindsey Graham", "Oklahoma Gov. Mary Fallin"), an
initial ("Stephen A. Smith"), a dotted acronym ("The U.S. Coast Guard"). The one list of the titles: the analysis
marks them for the parser (analyze/sentences.py), and ingest reads them where it cuts a headline out of a first
sentence (``first_sentence``), which has no parse."""

from __future__ import annotations

import re

#: Titles before two or more names ("Reps. Jim Jordan of Ohio and Jim Banks of Indiana", "Sens. Warren and Sanders").
PLURAL_TITLES = frozenset({"Reps.", "Sens.", "Govs.", "Gens.", "Drs.", "Profs."})
#: Abbreviations that come before a name or number and so never end a sentence.
BEFORE_NAME = PLURAL_TITLES | frozenset(
    {
        "Lt.",
        "Capt.",
        "Sgt.",
        "Cpl.",
        "Pvt.",
        "Maj.",
        "Col.",
        "Cmdr.",
        "Det.",
        "Insp.",
        "Supt.",
        "Const.",
        "Cst.",
        "Hon.",
        "Pres.",
        "Atty.",
        "Brig.",
        "Lieut.",
        "Msgr.",
        "Mme.",
        "Dr.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Mt.",
        "St.",
        "Ft.",
        "Gov.",
        "Sen.",
        "Rep.",
        "Gen.",
        "Adm.",
        "Rev.",
        "Prof.",
        "Messrs.",
    }
)

#: Words of address before a last name ("Mr. Rother", "Dr. Kazdin"), without their full stop: they tell no more of who
#: someone is than the last name alone.
ADDRESS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})
#: One capital and its full stop: an initial ("K.", "F.").
INITIAL = re.compile(r"^[A-Z]\.$")
#: Capitals each with its full stop: an acronym ("U.S.", "D.C.").
ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$")
#: A full stop, "!" or "?" (closing marks after it) and the space after it: where a sentence may end.
_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
#: Marks before a word ("\"Dr"): a title is read without them.
LEADING = re.compile(r"^\W+")


def before_name(word: str) -> bool:
    """A title before a name, also the last of several joined by hyphens ("Det.-Sgt.", "Lt.-Col.")."""
    return word in BEFORE_NAME or ("-" in word and word.rsplit("-", 1)[1] in BEFORE_NAME)


def ends_no_sentence(word: str) -> bool:
    """``word`` (with its full stop; marks before it are left out) is a title before a name (``before_name``), an
    initial or a dotted acronym: its full stop ends no sentence when a capital follows."""
    word = LEADING.sub("", word)
    return before_name(word) or INITIAL.match(word) is not None or ACRONYM.match(word) is not None


def first_sentence(text: str) -> str:
    """``text`` up to the end of its first sentence (its closing marks kept, the space after it not): the first
    full stop, "!" or "?" followed by a space, unless a word in lower case follows (a sentence never starts in lower
    case: "Sen. Lindsey Graham (R-S.C.) said ...") or it closes a word of ``ends_no_sentence`` and a capital follows
    ("Sen. Lindsey Graham said ..." is one sentence)."""
    for end in _END.finditer(text):
        word, after = text[: end.start() + 1].rsplit(None, 1)[-1], text[end.end() : end.end() + 1]
        if after.islower() or (text[end.start()] == "." and ends_no_sentence(word) and after.isupper()):
            continue
        return text[: end.end()].rstrip()
    return text
