"""Sentence boundaries the parser gets wrong in news text, fixed before it runs.

spaCy's parser splits sentences where news text does not end them: after a title that
its tokenizer does not know ("Police Lt. Gerry Scherlinck", "said Sgt. Marty Earley"), or
two joined by a hyphen ("Det.-Sgt. John Smith"), after a weekday's abbreviation before its
date ("was Sun. Oct. 5"), after an initial ("K. C. Jones"), before a word in lower case (the rest of a sentence
after a quotation or an ellipsis), and inside a parenthesis. It also runs a closing
quotation on into the next sentence ('... saying only: “The article speaks for itself.”
Weinstein, the executive producer ..., acknowledged ...'), where the quote would be read as the
next sentence's subject's words; and it splits off a quote's attribution after its closing mark
('“Stop lying!” Mr. Fox wrote.'), where the quote is left with no speaker. The abbreviations
become single tokens (tokenizer special cases), and a component run just before the parser
(after the tagger) marks the tokens that cannot start a sentence and those that must; the
parser keeps to those marks, and where it still starts a sentence at a marked token the two
parts are joined again (``joined_sentences``). The text is untouched, so ``Sentence.text ==
article.text[start:end]`` still holds.
"""

from __future__ import annotations

import re
from typing import Any

from briefgen.text.abbreviations import ACRONYM as _ACRONYM
from briefgen.text.abbreviations import BEFORE_NAME, PLURAL_TITLES
from briefgen.text.abbreviations import INITIAL as _INITIAL
from briefgen.text.abbreviations import LEADING as _LEADING
from briefgen.text.abbreviations import before_name as _title
from briefgen.text.daynames import DAY_ABBREVIATION, MONTH
from briefgen.text.speech import speech_form

#: Titles before names (``BEFORE_NAME``) that the model's tokenizer already keeps with their full stop (checked against
#: en_core_web_sm 3.8).
_KNOWN_TITLES = frozenset({"Adm.", "Dr.", "Gen.", "Gov.", "Messrs.", "Mr.", "Mrs.", "Ms.", "Mt.", "Prof.", "Rep.", "Rev.", "Sen.", "St."})
#: Abbreviations the model's tokenizer splits off their full stop: the other titles before names, and these. Not the
#: plural titles: the model's entity recogniser takes such a title, kept whole, into the name after it ("Reps. Jim
#: Jordan" a person); their full stop split off, the boundary marks keep the sentence whole all the same.
ABBREVIATIONS = (
    *sorted(BEFORE_NAME - _KNOWN_TITLES - PLURAL_TITLES),
    "Ave.",
    "Blvd.",
    "Rd.",
    "Sr.",
    "Dept.",
    "Univ.",
    "Vt.",
    "Wyo.",
    "approx.",
)
#: Tokens inside a parenthesis at most, for the parenthesis to be kept in one sentence (a stray
#: "(" must not glue a paragraph together).
PARENTHESIS = 60
#: A weekday's abbreviation, with or without the full stop the tokenizer split off ("Sun", "Sun.").
_WEEKDAY = re.compile(rf"^{DAY_ABBREVIATION}\.?$")
#: What follows a weekday in a date: a month ("Oct.", "October") or a day's number.
_DATE_NEXT = re.compile(rf"^(?:{MONTH}|\d{{1,2}}(?:st|nd|rd|th)?)$")
#: Marks that close a quotation ('.”', '!”', '?”', '."'), and the ends of a sentence they may follow.
CLOSING = frozenset({"”", '"'})
ENDS = frozenset({".", "!", "?"})
#: Marks that open a quotation, and marks that open or close one (one inside an attribution means it leads
#: into another quote).
OPENING = frozenset({"“", '"'})
QUOTE_MARKS = frozenset({"“", "”", '"'})
#: Words at most before the verb of a quote's attribution ('“...?” Justice Breyer asked.', '“...!” Mr. Fox
#: wrote.', 'Prime Minister Malcolm Turnbull said'): five holds a title and a name of three words; a subject
#: with an aside ('Weinstein, the executive producer of ..., acknowledged ...') opens a sentence of its own.
ATTRIBUTION = 5
#: Tags of the verb of an attribution: said, says, say, and "said" read as a participle ('“Why?” Trump asked'
#: is tagged VBN); a bare verb or a gerund ('Smith will say', 'Saying ...') is no attribution.
ATTRIBUTION_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})
#: Tags of a word right after the verb that begins an object of its own, so the verb is no attribution ('Witnesses
#: described scenes of ...', 'He denied the allegations', 'He told reporters'); a name, a preposition, an adverb or
#: an adjective may follow an attribution ('told CNBC', 'said at a news conference', 'tweeted early', 'said last week').
OBJECT = frozenset({"DT", "NN", "NNS", "PRP", "PRP$", "CD", "WDT", "WP", "WRB", "PDT", "EX"})
#: Prepositions that bring in the verb's own complement ('The Bush Doctrine argued for preventive strikes', 'called
#: for', 'warned of', 'asked about'), unlike those of a time or place ('said at a news conference', 'wrote in a letter').
COMPLEMENT = frozenset({"for", "of", "against", "about"})
#: Marks after which a line break leads into what follows ('He added,' and the quote on the next line).
LEAD_IN = frozenset({",", ":", ";"})
#: Tags of a verb that makes a clause of its own after the attribution's verb ('He said the meeting should not
#: take place'); participles are left to the attribution ('Mrs. Clinton said, her voice rising').
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD", "VB"})
COMPONENT = "briefgen_boundaries"
#: Where ``mark_boundaries`` leaves the indices of the tokens it marked as no sentence's start (``Doc.user_data``): the
#: parser mostly keeps to the marks, but not always ("... Toronto home, Det.-Sgt." and "Susan Gomes, of the homicide
#: squad, said ..."), so the sentences are joined again where it split at one (``joined_sentences``).
NOT_STARTS = "briefgen_not_starts"


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


def after_quote(doc: Any, i: int) -> int | None:
    """The first word after token ``i`` when ``i`` closes a quotation right after '.', '!' or '?' (no space before
    the mark, a space after it) and that word starts in upper case, or opens another quotation that does ('...
    threats." "North Korea's ...'): where a sentence ends unless an attribution follows. None otherwise: at the
    paragraph's end or before a word in lower case ('“Why?” he asked'), the parser decides."""
    if i < 1 or doc[i].text not in CLOSING or doc[i - 1].text not in ENDS or doc[i - 1].whitespace_:
        return None
    j = i + 1
    while j < len(doc) and doc[j].is_space:
        j += 1
    if j == len(doc) or (j == i + 1 and not doc[i].whitespace_):
        return None
    word = doc[j + 1].text if doc[j].text in OPENING and j + 1 < len(doc) and not doc[j].whitespace_ else doc[j].text
    return j if word[:1].isupper() else None


def attribution(doc: Any, j: int) -> int | None:
    """The verb of the quote's attribution starting at word ``j`` ('Mr. Jordan said.', 'Trump tweeted early Tuesday.',
    'Mr. Calderón told CNBC.'): a verb of saying within ATTRIBUTION words, with no object of its own (the quote is
    what it says), and no other clause or quote before the sentence's end. None when the words open a sentence of
    their own ('He said the meeting should not ...', 'Witnesses described scenes of ...', 'He added, “That all
    changes ...”', which leads into the next quote)."""
    verb = None
    for k in range(j, len(doc) + 1):
        t = doc[k] if k < len(doc) else None
        if t is not None and t.text in ENDS:
            break
        if t is None or "\n" in t.text:  # a line's or paragraph's end after a word ends the attribution; after
            if doc[k - 1].text in LEAD_IN:  # ',' or ':' it leads into what follows ('He added,' and the next quote)
                return None
            break
        if t.text in QUOTE_MARKS:
            return None
        if verb is None and (t.tag_.startswith("VB") or t.tag_ == "MD"):
            if k - j > ATTRIBUTION or t.tag_ not in ATTRIBUTION_TAGS or not speech_form(t.text):
                return None
            after = doc[k + 1] if k + 1 < len(doc) else None
            if after is not None and (after.tag_ in OBJECT or after.text.casefold() in COMPLEMENT):
                return None
            verb = k
        elif verb is not None and t.tag_ in FINITE:
            return None
    return verb


def mark_boundaries(doc: Any) -> Any:
    """Mark tokens that cannot start a sentence (``is_sent_start = False``) and those that must (``True``: the
    word after a closing quotation that ends a sentence); the parser keeps to them."""
    words = [t.text for t in doc]
    keep = [False] * len(words)
    starts = [False] * len(words)
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
        j = after_quote(doc, i) if word in CLOSING else None  # a Token is made only at a closing mark
        if j is not None:
            keep[i] = True  # the mark stays with its quote: '... ransom."' is not '... ransom.' and '"'
            verb = attribution(doc, j)
            if verb is None:
                starts[j] = True  # '... speaks for itself.” Weinstein, the executive producer ..., acknowledged ...'
            else:
                keep[j : verb + 1] = [True] * (verb + 1 - j)  # '“Stop lying!” Mr. Fox wrote.'
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
        elif starts[i]:
            doc[i].is_sent_start = True
    doc.user_data[NOT_STARTS] = frozenset(i for i, k in enumerate(keep) if k and not doc[i].is_space)
    return doc


def joined_sentences(doc: Any) -> list[Any]:
    """The parsed ``doc``'s sentences as spans, two joined where the parser started one at a token ``mark_boundaries``
    marked as no sentence's start (the joined span keeps both parts' roots; the first is its main clause)."""
    marked = doc.user_data.get(NOT_STARTS, frozenset())
    out: list[Any] = []
    for sent in doc.sents:
        first = next((t.i for t in sent if not t.is_space), sent.start)
        if out and first in marked:
            out[-1] = doc[out[-1].start : sent.end]
        else:
            out.append(sent)
    return out
