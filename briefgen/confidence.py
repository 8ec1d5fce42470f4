"""How far to trust each summary sentence: high, moderate or low, with the reason in words.

Three things decide it, all read from the story's own sources:

- independent sources: the articles whose sentences state the same claim (text/claims.py
  ``agree``: the same names and numbers, the same event or action done to the same one, one deed in other words
  (``restates``, the rule the summary's ``same_fact`` reads too), the main claim's telling figure with a word of
  it (``gives_figure``: "added 194,000 jobs", "created 194,000 new jobs"), or the same quoted words,
  no negation or hedge the sentence lacks, no number or ordinal against it; and, for an article's
  lede, the articles whose ledes report one event with it, summarize.py ``same_ledes``, and share
  enough of its words, ``claims.lede_agree``: a lede of that day telling another part of it is no
  source; and for a statement of an article's lead, the other outlets' lead statements that retell its news,
  summarize.py ``retellings``, sharing enough of its words as well), counted once per independent source
  (text/sources.py: one outlet, or copies of one text, are one source); a verbatim copy of the sentence is the same
  wire story republished, so it never counts;
- hedging and allegation (text/hedges.py): "reportedly", "may", "is believed to" on the main
  claim, or a hedging word in a participial clause that tells more of it ("pivoted to Clinton,
  apparently referring to ..."); "accused", "alleged" make it an allegation;
- contest: the sentence is evidence of an open question that is disputed, conflicting or unverified.

A contested sentence is low; so is a hedged one that a single source carries. An allegation is
at most moderate, as is a hedged sentence that others carry, and one whose participial clause
hedges. A sentence carried by two or more independent sources without hedging is high. Everything
else is moderate. Works on the records of analyze.py only (no spaCy).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple

from briefgen.facts.sources import independence
from briefgen.models import AnalyzedArticle, Question, Sentence, SummarySentence
from briefgen.text import sources as independent
from briefgen.text.claims import Claims, agree, lede_agree
from briefgen.text.dates import date_mentions
from briefgen.text.hedges import allegation, hedge, reported, side_hedge
from briefgen.text.outlets import name_key
from briefgen.text.quotes import quoted
from briefgen.text.stems import stems

__all__ = ["CONTESTED", "LEGEND", "UNRATED", "annotate", "backers", "hedge", "near", "rate", "supporters"]

CONTESTED = {"disputed": "disputed", "conflicting": "the sources give different figures", "unverified": "an unverified claim"}
#: What each label means, for the legend page and the PDF.
LEGEND = (
    (
        "high",
        "Two or more independent sources state the same claim (the same names and numbers, the same event or action "
        "done to the same one, the same telling figure of it, or the same quoted words), and none of them hedges it. "
        "Copies of one wire story, and articles of one outlet, count as one source; an article published before the day "
        "the claim tells of does not count.",
    ),
    (
        "moderate",
        "No second source: the story has one independent source only, or none of its others was found stating it in "
        "the same terms (the same names and numbers, most of the same words, the same event or action done to the same "
        "one, or the same quoted words; a source telling it in quite other words can be missed); "
        "or the sentence hedges (\u201creportedly\u201d, \u201cmay\u201d, \u201capparently referring to\u201d) although "
        "others carry it; "
        "or it reports an allegation (\u201caccused\u201d, \u201calleged\u201d), which no number of reports establishes.",
    ),
    (
        "low",
        "The sources disagree about it (an open question marks it disputed, conflicting or unverified), or a single "
        "source carries it and hedges it.",
    ),
)


#: The least share of a statement's words (each weighted by its rarity among the story's sentences, idf) that one
#: sentence of another independent source holds for "no other source was found stating it" to go unsaid: above it the
#: other source tells something close, which ``agree`` could not match as the same claim and may be it in other words.
#: Chosen on the 54 such labels judged blind in session 20 (Multi-News rows 125-249, BASIL part B, AllSides part B):
#: under 0.2, 18 of 19 were right; over it, 22 of 35 wrong. Checked on session 21's 55 (rows 0-124, BASIL part A,
#: AllSides part A): under it 16 of 18 right, over it 28 of 37 wrong.
NEAR_SHARE = 0.2
#: What a point shows instead of a label when another source tells something close to it (``near``).
UNRATED = (
    "No label: another independent source of this story has a sentence close to it (a fifth or more of its words, the "
    "rarer counting more) that could not be matched as the same claim; it may state it in other words, so neither one "
    "source nor two is claimed."
)


class StoryWords(NamedTuple):
    """The story's sentences as stem sets, with each stem's sentence count: read once per story for ``near``."""

    sents: list[tuple[str, frozenset[str]]]  # (article id, stems), every sentence but headings
    df: Counter[str]


def story_words(items: Sequence[AnalyzedArticle]) -> StoryWords:
    sents = [(i.article.id, frozenset(stems(x.text))) for i in items for x in i.sentences if not x.is_heading]
    return StoryWords(sents, Counter(w for _, words in sents for w in words))


def near(
    items: Sequence[AnalyzedArticle], article: str, unit: Sequence[Sentence], ind: independent.Independence, words: StoryWords | None = None
) -> bool:
    """A sentence of another independent source holds ``NEAR_SHARE`` of the statement's words, weighted by rarity
    among the story's sentences: what it says may be told there in other words. ``words``: ``story_words(items)``."""
    sents, df = words if words is not None else story_words(items)
    n = len(sents)
    own = frozenset().union(*(stems(x.text) for x in unit))
    weight = {w: math.log((n + 1) / (df[w] + 1)) + 1 for w in own}
    total = sum(weight.values())
    other: dict[str, bool] = {}
    for aid, found in sents:
        if aid not in other:
            other[aid] = aid != article and independent.count([article, aid], ind) > 1
        if total and other[aid] and sum(weight[w] for w in own & found) >= NEAR_SHARE * total:
            return True
    return False


def supporters(
    items: Sequence[AnalyzedArticle],
    article: str,
    sent: Sentence,
    claims: Claims | None = None,
    ind: independent.Independence | None = None,
) -> list[str]:
    """Articles, other than the sentence's own, with a sentence that states the same claim and is not a copy of it;
    ``claims``: the story's memo of claims; with ``ind``, not a sentence that names the claim's outlet (``relayed``)."""
    of = claims if claims is not None else Claims()
    own = of(sent)
    copy = sent.text.strip()
    outlet = ind.outlet.get(article, "") if ind is not None else ""
    found = []
    for item in items:
        if item.article.id == article:
            continue
        if any(
            s.text.strip() != copy and agree(own, of(s)) and not relayed(item, s.index, outlet) for s in item.sentences if not s.is_heading
        ):
            found.append(item.article.id)
    return found


def named_outlets(item: AnalyzedArticle, index: int) -> frozenset[str]:
    """The outlets a sentence names, as sources are counted (``outlets.name_key``): "told Fox News", "CNN reported"."""
    return frozenset(name_key(m.text) for m in item.mentions if m.sentence == index and m.label in ("ORG", "WORK_OF_ART"))


def relayed(item: AnalyzedArticle, index: int, outlet: str) -> bool:
    """The sentence ``index`` of ``item`` names ``outlet`` (an outlet key): what it states it has from that outlet,
    so with that outlet's own report it makes one source, not two ("multiple sources tell Fox News ...")."""
    return bool(outlet) and outlet in named_outlets(item, index)


def backers(
    items: Sequence[AnalyzedArticle],
    article: str,
    sent: Sentence,
    claims: Claims,
    ledes: Mapping[tuple[str, int], Iterable[tuple[str, int]]],
    sentences: Mapping[tuple[str, int], Sentence],
    ind: independent.Independence | None = None,
) -> list[str]:
    """The articles, other than the sentence's own, that state its claim: ``supporters``, and for an article's lede the
    articles whose ledes report one event with it, or for a statement of its lead the other outlets' lead statements
    that retell it (``ledes``: summarize.py ``lead_statements``), and state its claim in enough of its words
    (``claims.lede_agree``): a lead statement of the same day that tells another part of it (another speaker, another
    angle) is no source of this one. ``sentences``: the story's sentences by (article id, index). With ``ind`` (which
    articles are one source), an article is no backer where its sentence names the point's outlet as where it has it
    from, or the point names that article's outlet (``relayed``): one report relayed, not two. An article published
    before the day the sentence says it happened (``event_day``) is no backer either: a preview does not report it."""
    found = supporters(items, article, sent, claims, ind)
    own = claims(sent)
    by_id = {i.article.id: i for i in items}
    for other, index in sorted(ledes.get((article, sent.index), ())):
        lede = sentences.get((other, index))
        if other in found or lede is None or not lede_agree(own, claims(lede)):
            continue
        if ind is None or (item := by_id.get(other)) is None or not relayed(item, index, ind.outlet.get(article, "")):
            found.append(other)
    mine = by_id.get(article)
    if ind is not None and mine is not None:
        named = named_outlets(mine, sent.index)
        found = [other for other in found if ind.outlet.get(other, "") not in named]
    if mine is not None and (day := event_day(mine, sent)):
        found = [other for other in found if not _dated_before(by_id.get(other), day)]
    return found


def event_day(item: AnalyzedArticle, sent: Sentence) -> str | None:
    """The latest day, on or before its article's date, on which the sentence says something was done (``_past``), read against
    that date ("on Thursday", "yesterday", "on June 9": ``dates.date_mentions``' resolved days), as an ISO date; None
    when it names none or its article is undated. A date written whole ("Jan. 6, 2021") is left out: an anniversary or
    a deadline named in passing dates no deed of the sentence; so is a day named inside a quotation (``quotes.quoted``),
    which is its speaker's, said perhaps the day before the article that quotes it."""
    day = _published(item)
    if not day or not _past(sent):
        return None
    text = sent.text
    spans = quoted(text)  # a day named inside a quotation is its speaker's ("Today, CDC is updating ..."), said before
    return max(
        (
            d
            for start, _, d, resolved in date_mentions(text, item.article.date)
            if resolved and d <= day and not any(a <= start < b for a, b in spans)
        ),
        default=None,
    )


def _past(sent: Sentence) -> bool:
    """The main clause tells what was done, in the simple past ("met", "were arrested", "said"): a day it names is the
    day of the deed. A plan's day ("is set to meet with Lionsgate officials on Monday") is one still to come."""
    toks = sent.tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    return root is not None and (
        toks[root].tag == "VBD" or any(t.head == root and t.dep in ("aux", "auxpass") and t.tag == "VBD" for t in toks)
    )


def _published(item: AnalyzedArticle) -> str:
    """The day ``item`` was published, as an ISO date ("" when undated)."""
    return (item.article.date or "")[:10]


def _dated_before(item: AnalyzedArticle | None, day: str) -> bool:
    """``item`` was published before ``day``: what it tells cannot be that something happened on that day (a preview
    of Thursday's meeting, dated Wednesday, is no source of "met on Thursday")."""
    return item is not None and "" < _published(item) < day


def annotate(
    summary: Sequence[SummarySentence],
    questions: Sequence[Question],
    items: Sequence[AnalyzedArticle],
    ind: independent.Independence | None = None,
    claims: Claims | None = None,
    ledes: Mapping[tuple[str, int], Iterable[tuple[str, int]]] | None = None,
) -> list[SummarySentence]:
    """The summary with ``sources``, ``reported``, ``confidence`` and ``confidence_reason`` set on every sentence;
    ``ind``: which articles are one source (the build's, else found among ``items``); ``claims``: the story's memo
    of claims; ``ledes``: for each article's lede (article id, sentence index), the other articles' ledes that report
    one event with it (summarize.py ``lede_statements``); see ``backers``. The count is of the articles that state the
    claim, the sentence's own among them, once per independent source: never more than those articles."""
    by_id = {i.article.id: i for i in items}
    ind = ind or independence([i.article for i in items])
    contest: dict[tuple[str, int], Question] = {}
    for q in questions:
        if q.kind in CONTESTED:
            for c in q.evidence:
                contest.setdefault((c.article, c.sentence), q)
    claims = claims if claims is not None else Claims()
    alone = independent.count(by_id, ind) == 1  # the story has one independent source in all
    told = ledes or {}
    sentences = {(i.article.id, x.index): x for i in items for x in i.sentences}
    out = []
    words: StoryWords | None = None  # read when a point first needs it
    for s in summary:
        item = by_id.get(s.citation.article)
        unit = s.citation.sentences(item.sentences) if item else []  # a quotation over several sentences is one statement
        if not unit:
            out.append(s)
            continue
        sent = unit[0]
        carriers = [s.citation.article, *backers(items, s.citation.article, sent, claims, told, sentences, ind)]
        count = independent.count(carriers, ind)
        hedged = next((h for x in unit if (h := hedge(x))), None)
        partly = next((h for x in unit if (h := side_hedge(x))), None)
        alleged = next((a for x in unit if (a := allegation(x))), None)
        contested = next((hit for x in unit if (hit := contest.get((s.citation.article, x.index)))), None)
        label, reason = rate(count, hedged, contested, alleged, alone=alone, partly=partly)
        # "no other independent source found stating it" decides a plain statement's moderate and a hedged one's low
        # (with another source it would be moderate): where another source tells something close, that is a guess
        unmatched = (
            count == 1
            and not alone
            and contested is None
            and ((label == "moderate" and not (hedged or alleged or partly)) or label == "low")
        )
        if unmatched:
            words = words if words is not None else story_words(items)
            if near(items, s.citation.article, unit, ind, words):
                label, reason = "", UNRATED  # shown without a label
        # one count of independent sources on the page: the "(N sources)" note and the reason agree
        said = s.reported or any(reported(x) for x in unit)
        out.append(replace(s, sources=count, reported=said, confidence=label, confidence_reason=reason))
    return out


def rate(
    sources: int,
    hedged: str | None,
    question: Question | None,
    alleged: str | None = None,
    *,
    alone: bool = False,
    partly: str | None = None,
) -> tuple[str, str]:
    """The label and its reason from the signals; ``alone``: the story has no other independent source; ``partly``: the
    word that hedges a participial clause of the sentence (``side_hedge``), which keeps it from high but, its main
    claim being plain, does not make one source low. A reason
    says what was checked: "no other source states it" only where there is another source to ask, and then in
    the terms ``agree`` compares (a report in quite other words can be missed)."""
    # one source: the story's only one ("one source only"), else what was checked, not a count of what was not found
    unmatched = "no other independent source found stating it in the same terms"
    carried = f"{sources} independent sources" if sources > 1 else "one source only" if alone else unmatched
    if question is not None:
        return "low", f"Low: {CONTESTED[question.kind]} (open question: {question.question}); {carried}."
    if hedged and sources == 1:
        return "low", f"Low: it hedges (\u201c{hedged}\u201d); {carried}."
    if hedged:
        return "moderate", f"Moderate: {carried}, but the sentence hedges (\u201c{hedged}\u201d)."
    if alleged:
        return "moderate", f"Moderate: an allegation (\u201c{alleged}\u201d), {carried}; reporting it does not establish it."
    if partly and sources > 1:
        return "moderate", f"Moderate: {carried}, but the sentence hedges part of what it tells (\u201c{partly}\u201d)."
    if sources == 1 and alone:
        return "moderate", "Moderate: one source only; this story has no other independent source."
    if sources == 1:
        return "moderate", (
            "Moderate: no other independent source in this story was found stating it in the same terms (names, numbers, "
            "main words, event or action, quoted words); one telling it in quite other words can be missed."
        )
    return "high", f"High: {carried} state it, without hedging."
