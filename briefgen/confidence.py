"""How far to trust each summary sentence: high, moderate or low, with the reason in words.

Three things decide it, all read from the story's own sources:

- independent sources: other outlets whose articles carry the same fact in a sentence of their own
  (a verbatim copy of the sentence is the same wire story republished, so it does not count twice);
- hedging: "reportedly", "allegedly", "may", "is believed to" in the sentence itself;
- contest: the sentence is evidence of an open question that is disputed, conflicting or unverified.

A contested sentence is low; so is a hedged one that a single source carries. A sentence carried
by two or more independent sources without hedging is high. Everything else is moderate. Works on
the records of analyze.py only (no spaCy).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from briefgen.models import AnalyzedArticle, Article, Question, Sentence, SummarySentence
from briefgen.text.outlets import outlet_key

HEDGES = {"reportedly", "allegedly", "apparently", "purportedly", "possibly", "probably", "perhaps", "maybe", "unconfirmed",
          "unverified", "rumor", "rumour", "speculation", "likely", "unlikely"}
HEDGE_VERBS = {"believe", "think", "suspect", "seem", "appear", "rumor", "rumour", "expect"}  # "is believed to", "appears to"
HEDGE_MODALS = {"may", "might", "could"}
CONTESTED = {"disputed": "disputed", "conflicting": "the sources give different figures", "unverified": "an unverified claim"}
SUPPORT = 0.45  # cosine of content words above which another article's sentence carries the same fact
SHARED = 3  # and at least this many content words in common: short sentences match too easily


def outlet(article: Article) -> str:
    """Who published it (briefgen.text.outlets); an article with no known outlet stands for itself."""
    return outlet_key(article) or article.id


def _words(sent: Sentence) -> set[str]:
    return {t.lemma.lower() for t in sent.tokens if t.pos in ("NOUN", "PROPN", "VERB", "NUM", "ADJ") and not t.is_stop
            and len(t.lemma) > 1}


def _similar(a: set[str], b: set[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if len(a & b) >= SHARED else 0.0


def hedge(sent: Sentence) -> str | None:
    """The word that hedges the sentence, if any."""
    for i, t in enumerate(sent.tokens):
        low = t.lemma.lower()
        if low in HEDGES:
            return t.text
        if low in HEDGE_VERBS and t.tag == "VBN" and any(u.head == i and u.dep == "auxpass" for u in sent.tokens):
            return t.text  # "is believed to", "was expected to"
        if low in ("seem", "appear") and any(u.head == i and u.dep == "xcomp" for u in sent.tokens):
            return t.text
        if t.tag == "MD" and low in HEDGE_MODALS:
            return t.text
    return None


def supporters(items: Sequence[AnalyzedArticle], article: str, sent: Sentence) -> list[str]:
    """Outlets, other than the sentence's own, that carry the same fact in a sentence that is not a copy of it."""
    own = next((outlet(i.article) for i in items if i.article.id == article), article)
    words, found = _words(sent), set()
    for item in items:
        name = outlet(item.article)
        if item.article.id == article or name == own or name in found:
            continue
        copy = sent.text.strip()
        if any(s.text.strip() != copy and _similar(words, _words(s)) >= SUPPORT for s in item.sentences if not s.is_heading):
            found.add(name)
    return sorted(found)


def annotate(summary: Sequence[SummarySentence], questions: Sequence[Question],
             items: Sequence[AnalyzedArticle]) -> list[SummarySentence]:
    """The summary with ``confidence`` and ``confidence_reason`` set on every sentence."""
    by_id = {i.article.id: i for i in items}
    contest: dict[tuple[str, int], Question] = {}
    for q in questions:
        if q.kind in CONTESTED:
            for c in q.evidence:
                contest.setdefault((c.article, c.sentence), q)
    out = []
    for s in summary:
        item = by_id.get(s.citation.article)
        sent = next((x for x in item.sentences if x.index == s.citation.sentence), None) if item else None
        if sent is None:
            out.append(s)
            continue
        sources = len(supporters(items, s.citation.article, sent)) + 1
        label, reason = rate(sources, hedge(sent), contest.get((s.citation.article, sent.index)))
        # one count of independent sources on the page: the "(N sources)" note and the reason agree
        out.append(replace(s, sources=sources, confidence=label, confidence_reason=reason))
    return out


def rate(sources: int, hedged: str | None, question: Question | None) -> tuple[str, str]:
    """The label and its reason from the three signals."""
    carried = "one source only" if sources == 1 else f"{sources} independent sources"
    if question is not None:
        return "low", f"Low: {CONTESTED[question.kind]} (open question: {question.question}); {carried}."
    if hedged and sources == 1:
        return "low", f"Low: one source only, and it hedges (“{hedged}”)."
    if hedged:
        return "moderate", f"Moderate: {carried}, but the sentence hedges (“{hedged}”)."
    if sources == 1:
        return "moderate", "Moderate: one source only; no other outlet in this story carries it."
    return "high", f"High: {carried} carry it, stated without hedging."
