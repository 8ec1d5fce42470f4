"""Shared text rules (briefgen/text/): sentence dates, claims, hedges and reported speech, on hand-made tokens."""

from __future__ import annotations

import random
import re

import pytest

from briefgen.models import Sentence, Token
from briefgen.text.claims import agree, claim, same_fact
from briefgen.text.dates import date_mentions, of_a_thing, scheduled, sentence_date
from briefgen.text.hedges import allegation, hedge, reported
from briefgen.text.lines import LEANING_START, personal_voice
from briefgen.text.quotes import quoted, unquoted
from briefgen.text.slugs import STORY_ID_CHARS, slug, story_slug, unique_slug
from briefgen.text.speech import speech_form


def parsed(rows: list[tuple[str, str, str, str, str, int, str]]) -> Sentence:
    """(text, lemma, pos, tag, dep, head, ent) per token."""
    toks, pos = [], 0
    for text, lemma, p, tag, dep, head, ent in rows:
        toks.append(Token(text, lemma, p, tag, dep, head, pos, False, ent))
        pos += len(text) + 1
    text = " ".join(r[0] for r in rows)
    return Sentence(0, text, 0, len(text), 0, tuple(toks))


@pytest.mark.parametrize(
    "text, date",
    [
        ("The quake struck on March 3, 2011, killing three.", ("2011-03-03", False)),
        ("The quake struck on Tuesday, killing three.", ("2011-03-08", True)),
        ("Police said yesterday that five people died.", ("2011-03-09", True)),
        ("He was freed last Thursday.", ("2011-03-03", True)),
        ("He was arrested March 3 in Ohio.", ("2011-03-03", True)),
        ("The vote was held on December 20.", ("2010-12-20", True)),
        ("Talks are set for March 25 in Geneva.", ("2011-03-25", True)),  # a coming day: this year, not last
        ("She may 3 times have said so.", None),
        ("No date at all.", None),
    ],
)
def test_sentence_date_states_or_resolves_against_the_article_date(text: str, date: tuple[str, bool] | None) -> None:
    assert sentence_date(text, "2011-03-10") == date  # a Thursday


@pytest.mark.parametrize(
    "text, article_date, day",
    [
        ("Lawmakers face a May 10 deadline.", "2013-05-02", "2013-05-10"),
        ("The report is due on 30 September.", "2013-05-02", "2013-09-30"),  # 151 days on, not 214 back
        ("The fire began on December 28.", "2013-01-03", "2012-12-28"),
        ("The trial opens January 5.", "2012-12-28", "2013-01-05"),
        ("It was signed on 29 February.", "2013-03-01", "2012-02-29"),  # the only near year that has it
    ],
)
def test_sentence_date_takes_the_year_nearest_the_article_date(text: str, article_date: str, day: str) -> None:
    assert sentence_date(text, article_date) == (day, True)


def test_sentence_date_without_an_article_date_takes_only_full_dates() -> None:
    assert sentence_date("The quake struck on Tuesday.", None) is None
    assert sentence_date("The quake struck on 3 March 2011.", None) == ("2011-03-03", False)


PLEADED = parsed(
    [
        ("Smith", "Smith", "PROPN", "NNP", "nsubj", 1, "PERSON"),
        ("pleaded", "plead", "VERB", "VBD", "ROOT", 1, ""),
        ("guilty", "guilty", "ADJ", "JJ", "oprd", 1, ""),
        ("on", "on", "ADP", "IN", "prep", 1, ""),
        ("Monday", "Monday", "PROPN", "NNP", "pobj", 3, "DATE"),
        ("and", "and", "CCONJ", "CC", "cc", 1, ""),
        ("was", "be", "AUX", "VBD", "auxpass", 7, ""),
        ("remanded", "remand", "VERB", "VBN", "conj", 1, ""),
        ("until", "until", "ADP", "IN", "prep", 7, ""),
        ("August", "August", "PROPN", "NNP", "pobj", 8, "DATE"),
        ("19", "19", "NUM", "CD", "nummod", 9, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
)
RELEASE_DATE = parsed(
    [
        ("Warner", "Warner", "PROPN", "NNP", "nsubj", 1, "ORG"),
        ("staked", "stake", "VERB", "VBD", "ROOT", 1, ""),
        ("out", "out", "ADP", "RP", "prt", 1, ""),
        ("a", "a", "DET", "DT", "det", 8, ""),
        ("November", "November", "PROPN", "NNP", "nmod", 8, "DATE"),
        ("22", "22", "NUM", "CD", "nummod", 4, "DATE"),
        ("2013", "2013", "NUM", "CD", "nummod", 8, "DATE"),
        ("release", "release", "NOUN", "NN", "compound", 8, ""),
        ("date", "date", "NOUN", "NN", "dobj", 1, ""),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
)
TO_BE_VOTED = parsed(
    [
        ("Austerity", "austerity", "NOUN", "NN", "compound", 1, ""),
        ("measures", "measure", "NOUN", "NNS", "nsubj", 7, ""),
        ("to", "to", "PART", "TO", "aux", 4, ""),
        ("be", "be", "AUX", "VB", "auxpass", 4, ""),
        ("voted", "vote", "VERB", "VBN", "relcl", 1, ""),
        ("on", "on", "ADP", "IN", "prep", 4, ""),
        ("Thursday", "Thursday", "PROPN", "NNP", "pobj", 5, "DATE"),
        ("include", "include", "VERB", "VBP", "ROOT", 7, ""),
        ("wage", "wage", "NOUN", "NN", "compound", 9, ""),
        ("cuts", "cut", "NOUN", "NNS", "dobj", 7, ""),
        (".", ".", "PUNCT", ".", "punct", 7, ""),
    ]
)
DUE_TO_APPEAR = parsed(
    [
        ("He", "he", "PRON", "PRP", "nsubj", 1, ""),
        ("is", "be", "AUX", "VBZ", "ROOT", 1, ""),
        ("due", "due", "ADJ", "JJ", "acomp", 1, ""),
        ("to", "to", "PART", "TO", "aux", 4, ""),
        ("appear", "appear", "VERB", "VB", "xcomp", 2, ""),
        ("in", "in", "ADP", "IN", "prep", 4, ""),
        ("court", "court", "NOUN", "NN", "pobj", 5, ""),
        ("on", "on", "ADP", "IN", "prep", 4, ""),
        ("Friday", "Friday", "PROPN", "NNP", "pobj", 7, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
)
IS_TO_BE_VOTED = parsed(
    [
        ("The", "the", "DET", "DT", "det", 1, ""),
        ("bill", "bill", "NOUN", "NN", "nsubj", 2, ""),
        ("is", "be", "AUX", "VBZ", "ROOT", 2, ""),
        ("to", "to", "PART", "TO", "aux", 5, ""),
        ("be", "be", "AUX", "VB", "auxpass", 5, ""),
        ("voted", "vote", "VERB", "VBN", "xcomp", 2, ""),
        ("on", "on", "ADP", "IN", "prep", 5, ""),
        ("Thursday", "Thursday", "PROPN", "NNP", "pobj", 6, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
)
REMANDED_TO_APPEAR = parsed(
    [
        ("Pitman", "Pitman", "PROPN", "NNP", "nsubjpass", 2, "PERSON"),
        ("was", "be", "AUX", "VBD", "auxpass", 2, ""),
        ("remanded", "remand", "VERB", "VBN", "ROOT", 2, ""),
        ("in", "in", "ADP", "IN", "prep", 2, ""),
        ("custody", "custody", "NOUN", "NN", "pobj", 3, ""),
        ("to", "to", "PART", "TO", "aux", 6, ""),
        ("appear", "appear", "VERB", "VB", "advcl", 2, ""),
        ("in", "in", "ADP", "IN", "prep", 6, ""),
        ("court", "court", "NOUN", "NN", "pobj", 7, ""),
        ("on", "on", "ADP", "IN", "prep", 6, ""),
        ("19", "19", "NUM", "CD", "nummod", 11, "DATE"),
        ("August", "August", "PROPN", "NNP", "pobj", 9, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
)
ARRESTED_BY = parsed(
    [
        ("Smith", "Smith", "PROPN", "NNP", "nsubjpass", 2, "PERSON"),
        ("was", "be", "AUX", "VBD", "auxpass", 2, ""),
        ("arrested", "arrest", "VERB", "VBN", "ROOT", 2, ""),
        ("by", "by", "ADP", "IN", "agent", 2, ""),
        ("police", "police", "NOUN", "NNS", "pobj", 3, ""),
        ("in", "in", "ADP", "IN", "prep", 2, ""),
        ("Athens", "Athens", "PROPN", "NNP", "pobj", 5, "GPE"),
        ("on", "on", "ADP", "IN", "prep", 2, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 7, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
)

SET_FOR = parsed(
    [
        ("Sentencing", "sentencing", "NOUN", "NN", "nsubjpass", 2, ""),
        ("is", "be", "AUX", "VBZ", "auxpass", 2, ""),
        ("set", "set", "VERB", "VBN", "ROOT", 2, ""),
        ("for", "for", "ADP", "IN", "prep", 2, ""),
        ("March", "March", "PROPN", "NNP", "pobj", 3, "DATE"),
        ("25", "25", "NUM", "CD", "nummod", 4, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
)
SET_FIRE_ON = parsed(
    [
        ("He", "he", "PRON", "PRP", "nsubj", 1, ""),
        ("set", "set", "VERB", "VBD", "ROOT", 1, ""),
        ("fire", "fire", "NOUN", "NN", "dobj", 1, ""),
        ("to", "to", "ADP", "IN", "prep", 1, ""),
        ("the", "the", "DET", "DT", "det", 5, ""),
        ("house", "house", "NOUN", "NN", "pobj", 3, ""),
        ("on", "on", "ADP", "IN", "prep", 1, ""),
        ("Monday", "Monday", "PROPN", "NNP", "pobj", 6, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
)

EVACUATED_SINCE = parsed(
    [
        ("The", "the", "DET", "DT", "det", 1, ""),
        ("U.S.", "U.S.", "PROPN", "NNP", "nsubj", 3, "GPE"),
        ("has", "have", "AUX", "VBZ", "aux", 3, ""),
        ("evacuated", "evacuate", "VERB", "VBN", "ROOT", 3, ""),
        ("82,300", "82,300", "NUM", "CD", "nummod", 5, "CARDINAL"),
        ("people", "people", "NOUN", "NNS", "dobj", 3, ""),
        ("since", "since", "SCONJ", "IN", "prep", 3, ""),  # as the model tags it
        ("Aug.", "Aug.", "PROPN", "NNP", "pobj", 6, "DATE"),
        ("14", "14", "NUM", "CD", "nummod", 7, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 3, ""),
    ]
)


@pytest.mark.parametrize(
    "sentence, dates",
    [
        (EVACUATED_SINCE, [("Aug. 14", True)]),  # a count over the days since, not an event of that day
        (PLEADED, [("Monday", False), ("August 19", True)]),  # the plea's day; the remand's limit
        (RELEASE_DATE, [("November 22 2013", True)]),  # a planned date, in 2012 news
        (TO_BE_VOTED, [("Thursday", True)]),  # a vote to come
        (DUE_TO_APPEAR, [("Friday", True)]),
        (IS_TO_BE_VOTED, [("Thursday", True)]),
        (REMANDED_TO_APPEAR, [("19 August", True)]),  # the court date to come, not the remand's day
        (ARRESTED_BY, [("Tuesday", False)]),  # "by police" is the agent, not a limit
        (SET_FOR, [("March 25", True)]),  # the sentencing to come
        (SET_FIRE_ON, [("Monday", False)]),  # the day of the fire
    ],
)
def test_scheduled_tells_limit_and_plan_dates_from_event_dates(sentence: Sentence, dates: list[tuple[str, bool]]) -> None:
    found = date_mentions(sentence.text, "2012-11-15")
    assert [(sentence.text[a:b], scheduled(sentence, a, b)) for a, b, _, _ in found] == dates


SURVIVORS_OF = parsed(
    [
        ("Survivors", "survivor", "NOUN", "NNS", "nsubj", 7, ""),
        ("of", "of", "ADP", "IN", "prep", 0, ""),
        ("the", "the", "DET", "DT", "det", 5, "DATE"),
        ("August", "August", "PROPN", "NNP", "nmod", 5, "DATE"),
        ("17", "17", "NUM", "CD", "nummod", 3, "DATE"),
        ("earthquake", "earthquake", "NOUN", "NN", "pobj", 1, ""),
        ("are", "be", "AUX", "VBP", "aux", 7, ""),
        ("living", "live", "VERB", "VBG", "ROOT", 7, ""),
        ("in", "in", "ADP", "IN", "prep", 7, ""),
        ("tents", "tent", "NOUN", "NNS", "pobj", 8, ""),
        (".", ".", "PUNCT", ".", "punct", 7, ""),
    ]
)
QUAKE_KILLED = parsed(
    [
        ("The", "the", "DET", "DT", "det", 3, ""),
        ("Aug.", "Aug.", "PROPN", "NNP", "nmod", 3, "DATE"),
        ("17", "17", "NUM", "CD", "nummod", 1, "DATE"),
        ("earthquake", "earthquake", "NOUN", "NN", "nsubj", 4, ""),
        ("killed", "kill", "VERB", "VBD", "ROOT", 4, ""),
        ("17,000", "17,000", "NUM", "CD", "nummod", 6, "CARDINAL"),
        ("people", "people", "NOUN", "NNS", "dobj", 4, ""),
        (".", ".", "PUNCT", ".", "punct", 4, ""),
    ]
)
RELATIVES_MET = parsed(
    [
        ("Relatives", "relative", "NOUN", "NNS", "nsubj", 9, ""),
        ("of", "of", "ADP", "IN", "prep", 0, ""),
        ("those", "those", "PRON", "DT", "pobj", 1, ""),
        ("killed", "kill", "VERB", "VBN", "acl", 2, ""),
        ("in", "in", "ADP", "IN", "prep", 3, ""),
        ("the", "the", "DET", "DT", "det", 8, ""),
        ("March", "March", "PROPN", "NNP", "nmod", 8, "DATE"),
        ("3", "3", "NUM", "CD", "nummod", 6, "DATE"),
        ("crash", "crash", "NOUN", "NN", "pobj", 4, ""),
        ("met", "meet", "VERB", "VBD", "ROOT", 9, ""),
        ("officials", "official", "NOUN", "NNS", "dobj", 9, ""),
        ("on", "on", "ADP", "IN", "prep", 9, ""),
        ("Friday", "Friday", "PROPN", "NNP", "pobj", 11, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 9, ""),
    ]
)
ARRESTED_NIGHT = parsed(
    [
        ("Police", "police", "NOUN", "NNS", "nsubj", 1, ""),
        ("arrested", "arrest", "VERB", "VBD", "ROOT", 1, ""),
        ("him", "he", "PRON", "PRP", "dobj", 1, ""),
        ("on", "on", "ADP", "IN", "prep", 1, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "compound", 5, "DATE"),
        ("night", "night", "NOUN", "NN", "pobj", 3, "TIME"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
)

WALKED_IN_ON = parsed(  # the parser hangs "on Monday" on "shotgun": a date after its noun is not the noun's
    [
        ("He", "he", "PRON", "PRP", "nsubj", 1, ""),
        ("walked", "walk", "VERB", "VBD", "ROOT", 1, ""),
        ("in", "in", "ADV", "RB", "advmod", 1, ""),
        ("with", "with", "ADP", "IN", "prep", 1, ""),
        ("a", "a", "DET", "DT", "det", 5, ""),
        ("shotgun", "shotgun", "NOUN", "NN", "pobj", 3, ""),
        ("on", "on", "ADP", "IN", "prep", 5, ""),
        ("Monday", "Monday", "PROPN", "NNP", "pobj", 6, "DATE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
)


@pytest.mark.parametrize(
    "sentence, dates",
    [
        (WALKED_IN_ON, [("Monday", False)]),
        (SURVIVORS_OF, [("August 17", True)]),  # the quake's day, not the day of living in tents
        (RELATIVES_MET, [("March 3", True), ("Friday", False)]),  # the crash's day; the meeting's
        (QUAKE_KILLED, [("Aug. 17", False)]),  # the subject of a past verb: the day of the killing
        (ARRESTED_NIGHT, [("Tuesday", False)]),  # "night" is a word of time: the date tells the arrest
        (ARRESTED_BY, [("Tuesday", False)]),
        (SET_FIRE_ON, [("Monday", False)]),
    ],
)
def test_of_a_thing_tells_a_named_things_date_from_the_day_of_what_is_told(sentence: Sentence, dates: list[tuple[str, bool]]) -> None:
    found = date_mentions(sentence.text, "1999-08-20")
    assert [(sentence.text[a:b], of_a_thing(sentence, a, b)) for a, b, _, _ in found] == dates


SMITH_DIED = parsed(
    [
        ("Anthony", "Anthony", "PROPN", "NNP", "compound", 1, "PERSON"),
        ("Smith", "Smith", "PROPN", "NNP", "nsubj", 2, "PERSON"),
        ("died", "die", "VERB", "VBD", "ROOT", 2, ""),
        ("on", "on", "ADP", "IN", "prep", 2, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 3, "DATE"),
    ]
)
SMITH_DEAD = parsed(
    [
        ("Smith", "Smith", "PROPN", "NNP", "nsubjpass", 2, "PERSON"),
        ("was", "be", "AUX", "VBD", "auxpass", 2, ""),
        ("found", "find", "VERB", "VBN", "ROOT", 2, ""),
        ("dead", "dead", "ADJ", "JJ", "oprd", 2, ""),
    ]
)
JONES_DIED = parsed([("Jones", "Jones", "PROPN", "NNP", "nsubj", 1, "PERSON"), ("died", "die", "VERB", "VBD", "ROOT", 1, "")])
SEVEN_DEAD = parsed(
    [
        ("Seven", "seven", "NUM", "CD", "nummod", 1, "CARDINAL"),
        ("people", "people", "NOUN", "NNS", "nsubj", 2, ""),
        ("died", "die", "VERB", "VBD", "ROOT", 2, ""),
        ("in", "in", "ADP", "IN", "prep", 2, ""),
        ("Aden", "Aden", "PROPN", "NNP", "pobj", 3, "GPE"),
    ]
)
FIVE_DEAD = parsed(
    [
        ("Five", "five", "NUM", "CD", "nummod", 1, "CARDINAL"),
        ("people", "people", "NOUN", "NNS", "nsubj", 2, ""),
        ("died", "die", "VERB", "VBD", "ROOT", 2, ""),
        ("in", "in", "ADP", "IN", "prep", 2, ""),
        ("Aden", "Aden", "PROPN", "NNP", "pobj", 3, "GPE"),
    ]
)
NOT_SEVEN = parsed(
    [
        ("Seven", "seven", "NUM", "CD", "nummod", 1, "CARDINAL"),
        ("people", "people", "NOUN", "NNS", "nsubj", 4, ""),
        ("did", "do", "AUX", "VBD", "aux", 4, ""),
        ("not", "not", "PART", "RB", "neg", 4, ""),
        ("die", "die", "VERB", "VB", "ROOT", 4, ""),
        ("in", "in", "ADP", "IN", "prep", 4, ""),
        ("Aden", "Aden", "PROPN", "NNP", "pobj", 5, "GPE"),
    ]
)
MAY_SEVEN = parsed(
    [
        ("Seven", "seven", "NUM", "CD", "nummod", 1, "CARDINAL"),
        ("people", "people", "NOUN", "NNS", "nsubj", 4, ""),
        ("may", "may", "AUX", "MD", "aux", 4, ""),
        ("have", "have", "AUX", "VB", "aux", 4, ""),
        ("died", "die", "VERB", "VBN", "ROOT", 4, ""),
        ("in", "in", "ADP", "IN", "prep", 4, ""),
        ("Aden", "Aden", "PROPN", "NNP", "pobj", 5, "GPE"),
    ]
)


def test_the_same_event_of_the_same_person_is_one_fact_in_other_words() -> None:
    assert same_fact(claim(SMITH_DIED), claim(SMITH_DEAD))
    assert not same_fact(claim(SMITH_DIED), claim(JONES_DIED))
    assert claim(SMITH_DIED).names == {"smith"}  # a person is one name, however many words


def test_agreement_needs_the_same_numbers_and_no_negation_or_added_hedge() -> None:
    seven = claim(SEVEN_DEAD)
    assert agree(seven, claim(SEVEN_DEAD))
    assert not agree(seven, claim(FIVE_DEAD))  # another number
    assert not agree(seven, claim(NOT_SEVEN))  # negated
    assert not agree(seven, claim(MAY_SEVEN))  # only hedged
    assert agree(claim(MAY_SEVEN), seven)  # a plain statement backs a hedged one


def test_a_modal_hedges_only_the_main_verb() -> None:
    verdict = parsed(
        [
            ("He", "he", "PRON", "PRP", "nsubjpass", 2, ""),
            ("was", "be", "AUX", "VBD", "auxpass", 2, ""),
            ("convicted", "convict", "VERB", "VBN", "ROOT", 2, ""),
            ("and", "and", "CCONJ", "CC", "cc", 2, ""),
            ("could", "could", "AUX", "MD", "aux", 5, ""),
            ("face", "face", "VERB", "VB", "conj", 2, ""),
            ("prison", "prison", "NOUN", "NN", "dobj", 5, ""),
        ]
    )
    assert hedge(verdict) is None
    assert hedge(MAY_SEVEN) == "may"


def test_reported_claims_and_allegations() -> None:
    said = parsed(
        [
            ("Five", "five", "NUM", "CD", "nummod", 1, "CARDINAL"),
            ("people", "people", "NOUN", "NNS", "nsubj", 2, ""),
            ("died", "die", "VERB", "VBD", "ccomp", 5, ""),
            (",", ",", "PUNCT", ",", "punct", 5, ""),
            ("police", "police", "NOUN", "NNS", "nsubj", 5, ""),
            ("said", "say", "VERB", "VBD", "ROOT", 5, ""),
        ]
    )
    accused = parsed(
        [
            ("Police", "police", "NOUN", "NNS", "nsubj", 1, ""),
            ("accused", "accuse", "VERB", "VBD", "ROOT", 1, ""),
            ("Smith", "Smith", "PROPN", "NNP", "dobj", 1, "PERSON"),
        ]
    )
    assert reported(said) and not reported(FIVE_DEAD)
    assert reported(accused) and allegation(accused) == "accused" and allegation(said) is None


def test_a_modal_in_what_a_reporting_verb_reports_hedges_the_claim() -> None:
    warned = parsed(
        [
            ("Data", "datum", "NOUN", "NNS", "nsubjpass", 3, ""),
            ("may", "may", "AUX", "MD", "aux", 3, ""),
            ("be", "be", "AUX", "VB", "auxpass", 3, ""),
            ("lost", "lose", "VERB", "VBN", "ccomp", 5, ""),
            ("experts", "expert", "NOUN", "NNS", "nsubj", 5, ""),
            ("warned", "warn", "VERB", "VBD", "ROOT", 5, ""),
        ]
    )
    assert hedge(warned) == "may"


@pytest.mark.parametrize(
    "text, voice",
    [
        ("If your name is Jake Gyllenhaal, you might just want to close the tab right now.", True),
        ("We will pore over this footage for years.", True),
        ("“We are doing everything we can,” Mayor Ann Ruiz told reporters.", False),
        ("The mayor said the town would rebuild.", False),
        ("I know my father better,” the student told the paper.", False),  # the end of a quotation
    ],
)
def test_personal_voice_is_the_writer_outside_quotations(text: str, voice: bool) -> None:
    assert personal_voice(text) is voice


@pytest.mark.parametrize(
    "text, quotations",
    [
        ('“It is fine,” he said. "We go on," she said.', ["It is fine,", "We go on,"]),
        # a quoted paragraph run on into the next (their break lost): the first ends where the next opens, and the
        # reporter's words after the second stay his
        (
            '"It is incredible," said Moya. "All my energy went into today. "I will not live this again." Spain won in '
            '2000. And Moya admitted: "The Davis Cup is my dream."',
            ["It is incredible,", "All my energy went into today.", "I will not live this again.", "The Davis Cup is my dream."],
        ),
        # a mark opening inside a sentence is a quotation within the quotation, read as closing (as pairing in turn
        # reads it); the closing mark after it then closes nothing
        ('"He once called a "gold standard," she said.', ["He once called a "]),
        # a closing mark missing in the source, a sentence of the reporter's after the quotation: it ran on to its
        # sentence's end, and the next mark opens another (not "only 10% ... Dr Gibbons ... said ... after ")
        (
            'She said lists were "only 10% of the agenda. Dr Gibbons, a GP, said staff wanted rest after "tremendous '
            'change". Mr. Smith agreed.',
            ["only 10% of the agenda.", "tremendous change"],
        ),
        # the reporter's attribution closing a quotation left open is his: it ends at the comma
        (
            'He said: "He asked for the inquiry. He accepted that it had not happened, he said. "But I think it is over."',
            ["He asked for the inquiry. He accepted that it had not happened,", "But I think it is over."],
        ),
        ('"We lost, I said. "Then we left." Spain won.', ["We lost, I said.", "Then we left."]),
        # a quotation in a quotation closed, a space, then the closing mark
        ('"I said \'you are doing well.\' "Olivera, a veteran, nodded. "Yes," he said.', ["I said 'you are doing well.' ", "Yes,"]),
        ('a 5\'10" man said "hello there" to me', ["hello there"]),  # an inch mark closes nothing
        ('"no end in this line\nnor here"', []),  # never past a line's end
        ("“a “b” c”", ["b"]),  # a second curly opening mark before the closing one starts again
        # the two kinds mixed: a curly quotation closed by a straight mark, a straight one by a curly mark
        ('“I find it disturbing," Inslee said. "We will act.” Then', ["I find it disturbing,", "We will act."]),
    ],
)
def test_quoted_pairs_straight_marks_by_the_way_they_face(text: str, quotations: list[str]) -> None:
    assert [text[a:b] for a, b in quoted(text)] == quotations


def test_quotations_are_spans_inside_the_text_in_order_on_any_text() -> None:
    """On texts made of marks, letters, spaces, punctuation and line breaks at random: every quotation lies inside
    the text, holds no line break, starts after the one before it ends, and ``unquoted`` keeps every line break."""
    rng = random.Random(18)
    alphabet = ['"', "“", "”", "'", "’", " ", " ", "a", "b", "I", ".", ",", "?", "\n", "(", "-"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        spans = quoted(text)
        end = 0
        for a, b in spans:
            assert end <= a < b <= len(text) and "\n" not in text[a:b], (text, spans)
            end = b
        assert unquoted(text).count("\n") == text.count("\n")


def test_unquoted_blanks_each_quotation_with_its_marks() -> None:
    assert unquoted('We said "you go" and “they stay” now') == "We said   and   now"
    assert unquoted('"All of it. "More here." Then us.') == "    Then us."


SLUG_SAMPLES = [
    "Texas Escape: Comeaux!",
    "Ünïcödé",
    "???",
    "",
    "  -a--b-  ",
    "Rostov-on-Don",
    "Jürgen's café (2023)",
    "x" * 59 + " yz",
    "a" * 80,
    "../../etc",
    "Ivan Kubrakov",
    "Ⅻ ligature ﬁ",
]


@pytest.mark.parametrize("value", SLUG_SAMPLES)
def test_slugs_fold_accents_and_keep_letters_digits_and_single_dashes(value: str) -> None:
    out = slug(value)
    assert re.fullmatch(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?", out)
    assert story_slug(value) == (out[:STORY_ID_CHARS].strip("-") or "story")


def test_slug_examples() -> None:
    assert slug("Texas Escape: Comeaux!") == "texas-escape-comeaux"
    assert slug("Ünïcödé") == "unicode"
    assert story_slug("???") == "story"
    taken: set[str] = set()
    assert [unique_slug(v, taken, "entity") for v in ("Belarus", "belarus", "!!", "")] == ["belarus", "belarus-2", "entity", "entity-2"]


JOHNSON_FOUND = parsed(
    [
        ("Bryan", "Bryan", "PROPN", "NNP", "compound", 1, "PERSON"),
        ("Johnson", "Johnson", "PROPN", "NNP", "nsubjpass", 3, "PERSON"),
        ("was", "be", "AUX", "VBD", "auxpass", 3, ""),
        ("found", "find", "VERB", "VBN", "ROOT", 3, ""),
        ("dead", "dead", "ADJ", "JJ", "oprd", 3, ""),
    ]
)
OFFICER_FOUND = parsed(
    [
        ("A", "a", "DET", "DT", "det", 2, ""),
        ("former", "former", "ADJ", "JJ", "amod", 2, ""),
        ("officer", "officer", "NOUN", "NN", "nsubjpass", 4, ""),
        ("was", "be", "AUX", "VBD", "auxpass", 4, ""),
        ("found", "find", "VERB", "VBN", "ROOT", 4, ""),
        ("dead", "dead", "ADJ", "JJ", "oprd", 4, ""),
    ]
)
GUNMAN_KILLED = parsed(
    [
        ("The", "the", "DET", "DT", "det", 1, ""),
        ("gunman", "gunman", "NOUN", "NN", "nsubjpass", 3, ""),
        ("was", "be", "AUX", "VBD", "auxpass", 3, ""),
        ("killed", "kill", "VERB", "VBN", "ROOT", 3, ""),
    ]
)
OFFICER_KILLED = parsed(
    [
        ("The", "the", "DET", "DT", "det", 1, ""),
        ("officer", "officer", "NOUN", "NN", "nsubjpass", 3, ""),
        ("was", "be", "AUX", "VBD", "auxpass", 3, ""),
        ("killed", "kill", "VERB", "VBN", "ROOT", 3, ""),
    ]
)


def test_a_name_and_a_description_of_the_one_it_happens_to_are_one_fact() -> None:
    named, described = claim(JOHNSON_FOUND), claim(OFFICER_FOUND)
    assert ("death", "n:bryan johnson") in named.acts and ("death", "d:officer") in described.acts  # the whole name
    assert same_fact(named, described)  # "Bryan Johnson was found dead" = "a former officer was found dead"
    assert agree(described, named)  # another source states it in its own words
    assert not same_fact(claim(GUNMAN_KILLED), claim(OFFICER_KILLED))  # two descriptions: two people
    assert not same_fact(named, claim(JONES_DIED))  # two names: two people


def test_a_guess_word_as_an_adjective_or_a_comparison_is_no_hedge() -> None:
    voters = parsed(
        [
            ("Likely", "likely", "ADJ", "JJ", "amod", 1, ""),
            ("voters", "voter", "NOUN", "NNS", "nsubj", 2, ""),
            ("favour", "favour", "VERB", "VBP", "ROOT", 2, ""),
            ("Smith", "Smith", "PROPN", "NNP", "dobj", 2, "PERSON"),
        ]
    )
    odds = parsed(
        [
            ("Victims", "victim", "NOUN", "NNS", "nsubj", 1, ""),
            ("are", "be", "AUX", "VBP", "ROOT", 1, ""),
            ("more", "more", "ADV", "RBR", "advmod", 3, ""),
            ("likely", "likely", "ADJ", "JJ", "acomp", 1, ""),
            ("to", "to", "PART", "TO", "aux", 5, ""),
            ("suffer", "suffer", "VERB", "VB", "xcomp", 3, ""),
        ]
    )
    guess = parsed(
        [
            ("Smith", "Smith", "PROPN", "NNP", "nsubj", 1, "PERSON"),
            ("is", "be", "AUX", "VBZ", "ROOT", 1, ""),
            ("likely", "likely", "ADJ", "JJ", "acomp", 1, ""),
            ("to", "to", "PART", "TO", "aux", 4, ""),
            ("win", "win", "VERB", "VB", "xcomp", 2, ""),
        ]
    )
    assert hedge(voters) is None and hedge(odds) is None
    assert hedge(guess) == "likely"


def test_captions_without_credits_are_told_by_their_grammar() -> None:
    from briefgen.text.captions import is_caption

    cover = parsed(
        [
            ("Armed", "armed", "ADJ", "JJ", "amod", 1, ""),
            ("men", "man", "NOUN", "NNS", "nsubj", 2, ""),
            ("take", "take", "VERB", "VBP", "ROOT", 2, ""),
            ("cover", "cover", "NOUN", "NN", "dobj", 2, ""),
            ("behind", "behind", "ADP", "IN", "prep", 2, ""),
            ("a", "a", "DET", "DT", "det", 6, ""),
            ("vehicle", "vehicle", "NOUN", "NN", "pobj", 4, ""),
            (".", ".", "PUNCT", ".", "punct", 2, ""),
        ]
    )
    faces = parsed(
        [
            ("Gosnell", "Gosnell", "PROPN", "NNP", "nsubj", 2, "PERSON"),
            ("still", "still", "ADV", "RB", "advmod", 2, ""),
            ("faces", "face", "VERB", "VBZ", "ROOT", 2, ""),
            ("charges", "charge", "NOUN", "NNS", "dobj", 2, ""),
            (".", ".", "PUNCT", ".", "punct", 2, ""),
        ]
    )
    they = parsed(
        [
            ("They", "they", "PRON", "PRP", "nsubj", 1, ""),
            ("walk", "walk", "VERB", "VBP", "ROOT", 1, ""),
            ("home", "home", "ADV", "RB", "advmod", 1, ""),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    walk = parsed(
        [
            ("Schumer", "Schumer", "PROPN", "NNP", "nsubj", 3, "PERSON"),
            ("and", "and", "CCONJ", "CC", "cc", 0, ""),
            ("McConnell", "McConnell", "PROPN", "NNP", "conj", 0, "PERSON"),
            ("walk", "walk", "VERB", "VB", "ROOT", 3, ""),  # the tagger's bare form for the plural present
            ("to", "to", "ADP", "IN", "prep", 3, ""),
            ("the", "the", "DET", "DT", "det", 6, ""),
            ("floor", "floor", "NOUN", "NN", "pobj", 4, ""),
            (".", ".", "PUNCT", ".", "punct", 3, ""),
        ]
    )
    assert is_caption(cover, alone=True)
    assert is_caption(walk, alone=True)
    assert not is_caption(cover, alone=False)  # inside a paragraph of text: the story's present tense
    assert not is_caption(faces, alone=True)  # news in the present
    assert not is_caption(they, alone=True)  # a pronoun leans on a story; a caption names who is pictured


def test_a_photographers_credit_after_a_bar_is_furniture() -> None:
    """A page's picture credit runs into its headline ("| John Shinkle/POLITICO Congressional leaders reach ..."); a bar
    in prose is not one."""
    from briefgen.text.captions import has_furniture

    assert has_furniture("| John Shinkle/POLITICO Congressional leaders reach budget deal The agreement would raise caps.")
    assert not has_furniture("The vote was 52-48 | a narrow margin for the bill.")


def test_one_month_and_weekday_pattern_serves_dates_captions_and_furniture() -> None:
    from briefgen.text.dates import DAY_NAME, MONTH
    from briefgen.text.lines import FURNITURE

    assert all(re.fullmatch(MONTH, m) for m in ("March", "Mar.", "Sept.", "September", "Jun", "May"))
    assert re.fullmatch(DAY_NAME, "Wednesday") and not re.fullmatch(DAY_NAME, "Wedday")
    assert FURNITURE.search("Police stand guard in Minsk, Tuesday, June 27, 2023.")  # a wire photo's dated caption
    assert not FURNITURE.search("Police stood guard in Minsk on Tuesday.")
    assert sentence_date("He was arrested Sept. 3 in Ohio.", "2011-09-09") == ("2011-09-03", True)


def test_lines_addressed_to_the_reader_are_neither_summary_nor_title() -> None:
    from briefgen.text.lines import READER
    from briefgen.titles import title_problem

    for line in (
        "You can watch the full interview on our site tonight",
        "Anyone with information should call police",
        "Rescuers reached the mine on Friday (video below)",
    ):
        assert READER.search(line)
        assert title_problem(line) == "boilerplate"
    assert not READER.search("Rescuers reached the mine on Friday")


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("After all, the votes had been counted twice.", True),
        ("In addition, the firm must pay a fine.", True),
        ("As a result, the road was closed.", True),
        ("Besides, the firm must pay a fine.", True),
        ("Instead, the council voted to wait.", True),
        ("Then the council voted to wait.", True),
        ("Later that day the council voted to wait.", True),
        ("So the council voted to wait.", True),
        ("Either way, the council will vote in May.", True),
        ("On the other hand, the firm must pay a fine.", True),
        ("In other words, the plan is dead.", True),
        ("For its part, the company denied any wrongdoing.", True),
        ("In response, the league banned the drink.", True),
        ("Otherwise, they will only end up shooting themselves in the foot.", True),
        # the same words opening a phrase that leans on nothing
        ("After all the votes were counted, Smith had won.", False),
        ("In addition to the fine, the firm must repay its customers.", False),
        ("As a result of the storm, the road was closed.", False),
        ("Besides the fine, the firm must repay its customers.", False),
        ("Instead of a vote, the council held a hearing.", False),
        ("Then-President Barack Obama signed the bill in 2010.", False),
        ("So-called sanctuary cities refuse to hold migrants.", False),
        ("Later this year the council will vote on the plan.", False),
        ("So far no one has claimed the attack.", False),
        ("In response to the ruling, the council voted to wait.", False),
        ("In contrast to its rivals, the firm grew.", False),
        ("Otherwise healthy adults rarely fall ill.", False),
        ("As such measures go, the fine is small.", False),
    ],
)
def test_an_opener_leans_only_as_a_connective(text: str, leans: bool) -> None:
    assert bool(LEANING_START.match(text)) is leans


def test_a_noun_phrase_whose_only_verb_is_in_a_clause_about_a_noun_is_no_sentence() -> None:
    from briefgen.text.claims import is_clause

    gas = parsed(  # "The gas that livestock release during digestion."
        [
            ("The", "the", "DET", "DT", "det", 1, ""),
            ("gas", "gas", "NOUN", "NN", "ROOT", 1, ""),
            ("that", "that", "PRON", "WDT", "dobj", 4, ""),
            ("livestock", "livestock", "NOUN", "NN", "nsubj", 4, ""),
            ("release", "release", "VERB", "VBP", "relcl", 1, ""),
            ("during", "during", "ADP", "IN", "prep", 4, ""),
            ("digestion", "digestion", "NOUN", "NN", "pobj", 5, ""),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    photo = parsed(  # "A faux photo fashioned before Photoshop, which was introduced in 1988."
        [
            ("A", "a", "DET", "DT", "det", 2, ""),
            ("faux", "faux", "ADJ", "JJ", "amod", 2, ""),
            ("photo", "photo", "NOUN", "NN", "ROOT", 2, ""),
            ("fashioned", "fashion", "VERB", "VBN", "acl", 2, ""),
            ("before", "before", "ADP", "IN", "prep", 3, ""),
            ("Photoshop", "Photoshop", "PROPN", "NNP", "pobj", 4, ""),
            (",", ",", "PUNCT", ",", "punct", 5, ""),
            ("which", "which", "PRON", "WDT", "nsubjpass", 9, ""),
            ("was", "be", "AUX", "VBD", "auxpass", 9, ""),
            ("introduced", "introduce", "VERB", "VBN", "relcl", 5, ""),
            ("in", "in", "ADP", "IN", "prep", 9, ""),
            ("1988", "1988", "NUM", "CD", "pobj", 10, "DATE"),
            (".", ".", "PUNCT", ".", "punct", 2, ""),
        ]
    )
    # the tagger took the main verb for a participle and hung it on the subject: after the aside, it is the main verb
    star = parsed(  # "The star, who returned on Sunday, covered up."
        [
            ("The", "the", "DET", "DT", "det", 1, ""),
            ("star", "star", "NOUN", "NN", "ROOT", 1, ""),
            (",", ",", "PUNCT", ",", "punct", 1, ""),
            ("who", "who", "PRON", "WP", "nsubj", 4, ""),
            ("returned", "return", "VERB", "VBD", "relcl", 1, ""),
            ("on", "on", "ADP", "IN", "prep", 4, ""),
            ("Sunday", "Sunday", "PROPN", "NNP", "pobj", 5, "DATE"),
            (",", ",", "PUNCT", ",", "punct", 1, ""),
            ("covered", "cover", "VERB", "VBN", "acl", 1, ""),
            ("up", "up", "ADP", "RP", "prt", 8, ""),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    said = parsed(
        [
            ("Police", "police", "NOUN", "NNS", "nsubj", 1, ""),
            ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
            ("so", "so", "ADV", "RB", "advmod", 1, ""),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    assert not is_clause(gas) and not is_clause(photo)
    assert is_clause(star) and is_clause(said)
    from briefgen.summarize import is_candidate

    assert not is_candidate(photo)  # the summary's rule is this one


def test_captions_by_their_closing_date_credit_or_is_seen_and_alone_beside_a_credit() -> None:
    from briefgen.text.captions import alone_in, is_caption
    from briefgen.titles import title_problem

    def plain(text: str, index: int = 0, paragraph: int = 0, tag: str = "VBZ") -> Sentence:
        words = text.split()
        toks = tuple(
            Token(w, w.lower(), "VERB" if k == 1 else "NOUN", tag if k == 1 else "NN", "ROOT" if k == 1 else "dep", 1, 0)
            for k, w in enumerate(words)
        )
        return Sentence(index, text, 0, len(text), paragraph, toks)

    dated = plain("A box of corn flakes made by Kellogg sits on a cart in Caracas, Venezuela May 15, 2018")
    prose = plain("The vote was held in Caracas on May 15, 2018.", tag="VBD")
    credit = plain("Police departments across the country responded to bomb threats USA TODAY", tag="VBD")
    acronym = plain("The march was organised by the NAACP.", tag="VBD")
    seen = plain("A box of corn flakes is seen on a shopping cart inside a local shop.")
    seen_as = plain("The senator is seen as a likely candidate for the post.")
    on_day = plain("The vote will be held on Thursday, May 15, 2018.")
    prevalence = plain("The disease is seen in about one in 5,000 births.")
    assert is_caption(dated, alone=False) and is_caption(credit, alone=False) and is_caption(seen, alone=True)
    assert not is_caption(prose, alone=True) and not is_caption(acronym, alone=True) and not is_caption(seen_as, alone=False)
    assert not is_caption(on_day, alone=False)  # the weekday is no place: "on" stands before the date
    assert not is_caption(prevalence, alone=False)  # "is seen in" inside a paragraph of prose
    assert title_problem("Police departments across the country responded to bomb threats USA TODAY") == "caption"
    assert title_problem("Judge sides with AP") is None  # a title has no full stop to tell a closing credit by
    assert title_problem("Police across the country responded to bomb threats") is None
    # a caption with its credit in the same paragraph still stands alone; text after a lead does not
    caption = plain("A man lays on top of a woman as others flee the festival grounds.", index=3, paragraph=2)
    photo = plain("(Photo: David Becker, Getty Images)", index=4, paragraph=2)
    lead = plain("Gunmen opened fire on a crowd of concert goers on Sunday night.", index=0, paragraph=0, tag="VBD")
    more = plain("A man lays flowers at the site where the victims were found.", index=5, paragraph=3)
    later = plain("Mourners gathered through the night.", index=6, paragraph=3, tag="VBD")
    alone = alone_in([lead, caption, photo, more, later])
    assert alone[3] and alone[0] and not alone[5]


def test_fold_of_ascii_is_its_lower_case_as_the_full_rule_gives_it() -> None:
    import unicodedata

    from briefgen.text.claims import fold

    def full(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))

    ascii_text = "".join(map(chr, range(128)))
    assert fold(ascii_text) == full(ascii_text) == ascii_text.lower()
    for word in ("Grünberg", "Ångström", "ﬁnal", "Ĳssel", "São Paulo", "LaSalle"):
        assert fold(word) == full(word)
    assert fold("Grünberg") == fold("Grunberg") == "grunberg"


def test_forms_of_verbs_of_saying_are_read_without_a_lemmatizer() -> None:
    """The sentence splitter runs before the lemmatizer: 'said', 'tweeted', 'testified', 'admitted' are verbs of
    saying; 'nodded', 'needs' and a name are not."""
    said = ("said", "says", "told", "wrote", "added", "noted", "tweeted", "testified", "replies", "admitted", "stresses", "asked")
    assert all(speech_form(w) for w in said)
    assert not any(speech_form(w) for w in ("nodded", "needs", "Smith", "the", "rested", "walked"))


def test_a_scale_word_without_a_figure_before_it_is_one_of_it() -> None:
    """ "a billion dollars" is one billion, the figure "$1 billion" gives: two tellings of one number."""
    from briefgen.text.claims import _number

    assert _number(["a", "billion", "dollars"]) == _number(["$1", "billion"]) == "1e+09"
    assert _number(["1.5", "million"]) == "1.5e+06" and _number(["two", "million"]) == "2e+06"
    assert _number(["half", "a", "billion", "dollars"]) == "5e+08" and _number(["quarter", "-", "trillion"]) == "2.5e+11"
    assert _number(["billion", "-", "dollar"]) is None  # "a billion-dollar company": no figure of the claim
    assert _number(["a", "few", "million"]) is None and _number(["a", "couple", "million"]) is None  # vague: no figure


def test_a_group_of_people_is_one_name_one_or_many_of_it() -> None:
    """ "Americans" and "American", "Democrats" and "Democrat": one name in a claim; "Swiss" keeps its last letter."""
    many = parsed([("Americans", "Americans", "PROPN", "NNPS", "nsubj", 1, "NORP"), ("voted", "vote", "VERB", "VBD", "ROOT", 1, "")])
    one = parsed(
        [
            ("American", "american", "ADJ", "JJ", "amod", 1, "NORP"),
            ("voters", "voter", "NOUN", "NNS", "nsubj", 2, ""),
            ("voted", "vote", "VERB", "VBD", "ROOT", 2, ""),
        ]
    )
    swiss = parsed([("Swiss", "Swiss", "ADJ", "JJ", "nsubj", 1, "NORP"), ("voted", "vote", "VERB", "VBD", "ROOT", 1, "")])
    assert claim(many).names == claim(one).names == {"american"}
    assert claim(swiss).names == {"swiss"}
