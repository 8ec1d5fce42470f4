"""Sentence boundaries the parser gets wrong in news text, fixed before it runs.

spaCy's parser splits sentences where news text does not end them: after a title that
its tokenizer does not know ("Police Lt. Gerry Scherlinck", "said Sgt. Marty Earley"), or
two joined by a hyphen ("Det.-Sgt. John Smith"), after a weekday's abbreviation before its
date ("was Sun. Oct. 5"), after an initial ("K. C. Jones"), before a word in lower case (the rest of a sentence
after a quotation or an ellipsis), and inside a parenthesis. The abbreviations become
single tokens (tokenizer special cases), and a component run just before the parser marks
the tokens that cannot start a sentence; the parser keeps to those marks. The text is
untouched, so ``Sentence.text == article.text[start:end]`` still holds.
"""

from __future__ import annotations

import re
from typing import Any

from briefgen.text.daynames import DAY_ABBREVIATION, MONTH

#: Abbreviations the model's tokenizer splits off their full stop (checked against
#: en_core_web_sm 3.8; the ones it already knows, such as "Dr." and "Gov.", are left to it).
ABBREVIATIONS = (
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
    "Hon.",
    "Pres.",
    "Atty.",
    "Brig.",
    "Lieut.",
    "Msgr.",
    "Mme.",
    "Ave.",
    "Blvd.",
    "Rd.",
    "Ft.",
    "Sr.",
    "Dept.",
    "Univ.",
    "Vt.",
    "Wyo.",
    "approx.",
)
#: Abbreviations that come before a name or number and so never end a sentence.
BEFORE_NAME = frozenset(
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
#: Tokens inside a parenthesis at most, for the parenthesis to be kept in one sentence (a stray
#: "(" must not glue a paragraph together).
PARENTHESIS = 60
_INITIAL = re.compile(r"^[A-Z]\.$")
_LEADING = re.compile(r"^\W+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$")
#: A weekday's abbreviation, with or without the full stop the tokenizer split off ("Sun", "Sun.").
_WEEKDAY = re.compile(rf"^{DAY_ABBREVIATION}\.?$")
#: What follows a weekday in a date: a month ("Oct.", "October") or a day's number.
_DATE_NEXT = re.compile(rf"^(?:{MONTH}|\d{{1,2}}(?:st|nd|rd|th)?)$")
COMPONENT = "briefgen_boundaries"


def add_to(nlp: Any) -> None:
    """Teach ``nlp`` the abbreviations and put the boundary component before its parser."""
    from spacy.attrs import ORTH
    from spacy.language import Language

    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    if not Language.has_factory(COMPONENT):
        Language.component(COMPONENT, func=mark_boundaries)
    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")


def _title(word: str) -> bool:
    """A title before a name, also the last of several joined by hyphens ("Det.-Sgt.", "Lt.-Col.")."""
    return word in BEFORE_NAME or ("-" in word and word.rsplit("-", 1)[1] in BEFORE_NAME)


def mark_boundaries(doc: Any) -> Any:
    """Mark tokens that cannot start a sentence (``is_sent_start = False``); the parser keeps to them."""
    words = [t.text for t in doc]
    keep = [False] * len(words)
    for i in range(1, len(words)):
        prev, word = words[i - 1], words[i]
        if _title(prev) and (word[:1].isupper() or word[:1].isdigit()):
            keep[i] = True  # "Lt. Gerry", "Mt. Everest", "St. Louis", "Det.-Sgt. John"
        elif prev == "." and i >= 2 and _title(_LEADING.sub("", words[i - 2]) + ".") and word[:1].isupper():
            keep[i] = True  # the same with the full stop split off: '"Dr' '.' 'Kolb', 'Det.-Sgt' '.' 'John'
            keep[i - 1] = True
        elif _DATE_NEXT.match(word) and (
            (_WEEKDAY.match(prev) and prev.endswith(".")) or (prev == "." and i >= 2 and _WEEKDAY.match(words[i - 2]))
        ):
            keep[i] = True  # a weekday's abbreviation before its date: "was Sun. Oct. 5", "Thurs. 12"
            keep[i - 1] = prev == "." or keep[i - 1]
        elif _ACRONYM.match(prev) and word == "(":
            keep[i] = True  # "said D.C. (Duck-chul) Lee"
        elif _INITIAL.match(prev) and word[:1].isupper():
            keep[i] = True  # "K. C. Jones", "John F. Kennedy"
        elif word[:1].isalpha() and word[:1].islower():
            keep[i] = True  # a sentence never starts in lower case: "...," one attorney asked
        elif prev == "." and i >= 2 and words[i - 2] == "No" and word[:1].isdigit():
            keep[i] = True  # "No. 1"
    i = 0
    while i < len(words):
        if words[i] == "(":
            close = next((j for j in range(i + 1, min(len(words), i + PARENTHESIS)) if words[j] in "()"), None)
            if close is not None and words[close] == ")":
                for j in range(i + 1, close + 1):
                    keep[j] = True
                i = close
        i += 1
    for i, k in enumerate(keep):
        if k and not doc[i].is_space:
            doc[i].is_sent_start = False
    return doc
