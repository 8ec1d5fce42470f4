"""A story's articles -> a short extractive summary, each sentence cited.

sumy rates sentences of one document; we give it the whole story as one
document (one sumy paragraph per article paragraph, built offline with our own
tokenizer), then add what single-document rankers miss: corroboration by the
story's other articles, position in the article, and redundancy removal (MMR).
Sentences are copied verbatim from the analysed article, never rewritten.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from briefgen.config import BuildConfig
from briefgen.errors import ConfigError
from briefgen.models import AnalyzedArticle, Citation, Sentence, SummarySentence

log = logging.getLogger(__name__)

ALGORITHMS = {
    "lexrank": "sumy.summarizers.lex_rank:LexRankSummarizer",
    "textrank": "sumy.summarizers.text_rank:TextRankSummarizer",
    "lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "kl": "sumy.summarizers.kl:KLSummarizer",
    "sumbasic": "sumy.summarizers.sum_basic:SumBasicSummarizer",
    "luhn": "sumy.summarizers.luhn:LuhnSummarizer",
}
MIN_WORDS = 8
MAX_WORDS = 70
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
# Sentences that are site furniture, captions or credits, never news.
_JUNK = re.compile(
    r"(Tweet with a location|Follow (?:us|him|her) on|Sign up|Subscribe|newsletter|cookies?\b|"
    r"privacy policy|terms of (?:use|service)|Click here|Read more|All rights reserved|Copyright|©|"
    r"Getty Images|\bAP Photo\b|\(Photo|Photo:|Image:|Picture:|File photo|caption|"
    r"appeared first on|https?://|www\.|@\w{2,}|Contact us|Advertisement|Related articles?)",
    re.I,
)
_PRONOUN_START = re.compile(r"^(?:He|She|They|It|This|That|These|Those|But|And|Also|However|Meanwhile)\b")
WEIGHTS = {"algorithm": 0.4, "corroboration": 0.35, "position": 0.25}


class _Tokenizer:
    """What sumy needs of a tokenizer, without NLTK's punkt data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph]

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


@cache
def _stemmer() -> Any:
    from sumy.nlp.stemmers import Stemmer

    return Stemmer("english")


@cache
def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def make_summarizer(name: str) -> Any:
    import importlib

    try:
        module, cls = ALGORITHMS[name.lower()].split(":")
    except KeyError:
        raise ConfigError(f"setting 'summary_algorithm': {name!r} is not one of {', '.join(sorted(ALGORITHMS))}") from None
    summarizer = getattr(importlib.import_module(module), cls)(_stemmer())
    summarizer.stop_words = _stop_words()
    return summarizer


def is_candidate(sentence: Sentence) -> bool:
    """Whole, self-standing news sentences only: no headings, fragments, credits or notices."""
    text = sentence.text.strip()
    words = len(_WORD.findall(text))
    if sentence.is_heading or words < MIN_WORDS or words > MAX_WORDS:
        return False
    if not re.search(r"[.!?][\"'”’)]?$", text) or not re.match(r"^[\"“‘(]?[A-Z0-9]", text):
        return False
    if _JUNK.search(text):
        return False
    if (text.count("“") != text.count("”")) or text.count('"') % 2:
        return False  # a quote that opens or closes in another sentence
    if re.match(r"^[\"“]", text) and re.search(r"[\"”]$", text):
        return False  # a bare quotation: its speaker is in another sentence
    return True


def stems(text: str) -> Counter[str]:
    stem = _stemmer()
    stop = _stop_words()
    return Counter(stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in stop)


def rate(summarizer: Any, groups: Sequence[Sequence[str]]) -> list[float]:
    """Run a sumy summarizer over paragraphs of sentences; return each sentence's rank score in [0, 1]."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = _Tokenizer()
    flat: list[Any] = []
    paragraphs = []
    for group in groups:
        sents = [SumySentence(text, tokenizer) for text in group]
        flat.extend(sents)
        paragraphs.append(Paragraph(sents))
    document = ObjectDocumentModel(tuple(paragraphs))
    captured: dict[Any, float] = {}

    def grab(sentences: Sequence[Any], count: int, rating: Any, *args: Any, **kwargs: Any) -> tuple[()]:
        for s in sentences:
            captured[s] = rating[s] if isinstance(rating, dict) else rating(s, *args, **kwargs)
        return ()

    summarizer._get_best_sentences = grab
    if flat:
        summarizer(document, len(flat))
    values = [float(captured.get(s, 0.0)) for s in flat]
    order = sorted(range(len(values)), key=lambda i: (values[i], -i))
    ranks = [0.0] * len(values)
    for rank, i in enumerate(order):
        ranks[i] = (rank + 1) / len(values)
    return ranks


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def summarize(
    items: Sequence[AnalyzedArticle],
    config: BuildConfig,
    summarizer: Callable[..., Any] | None = None,
) -> list[SummarySentence]:
    """Pick sentences that together tell the story, within ``config.summary_words``."""
    candidates: list[tuple[int, Sentence]] = []
    for a, item in enumerate(items):
        for sent in item.sentences:
            if is_candidate(sent):
                candidates.append((a, sent))
    if not candidates:
        return []
    groups: list[list[str]] = []
    last: tuple[int, int] | None = None
    for a, sent in candidates:
        if (a, sent.paragraph) != last:
            groups.append([])
            last = (a, sent.paragraph)
        groups[-1].append(sent.text)
    algo = rate(summarizer or make_summarizer(config.summary_algorithm), groups)
    vectors = [stems(sent.text) for _, sent in candidates]
    # corroboration: how well the other articles of the story carry the same content
    by_article: dict[int, list[int]] = {}
    for k, (a, _) in enumerate(candidates):
        by_article.setdefault(a, []).append(k)
    scores: list[float] = []
    support: list[int] = []
    for k, (a, sent) in enumerate(candidates):
        best = [max(cosine(vectors[k], vectors[j]) for j in ks) for b, ks in by_article.items() if b != a]
        corroboration = sum(best) / len(best) if best else 0.0
        support.append(1 + sum(1 for v in best if v >= 0.4))
        position = 1.0 / (1.0 + 0.15 * sent.paragraph)
        score = (
            WEIGHTS["algorithm"] * algo[k]
            + WEIGHTS["corroboration"] * corroboration
            + WEIGHTS["position"] * position
        )
        if _PRONOUN_START.match(sent.text):
            score *= 0.6
        scores.append(score)
    chosen = select_mmr(candidates, vectors, scores, config)
    chosen.sort(key=lambda k: (items[candidates[k][0]].article.date or "9999", candidates[k][0], candidates[k][1].index))
    out = []
    for k in chosen:
        a, sent = candidates[k]
        article = items[a].article
        out.append(
            SummarySentence(
                Citation(sent.text, article.id, sent.index, article.date),
                round(scores[k], 6),
                support[k],
            )
        )
    return out


def select_mmr(candidates: Sequence[tuple[int, Sentence]], vectors: Sequence[Counter[str]], scores: Sequence[float], config: BuildConfig, lam: float = 0.7) -> list[int]:
    """Maximal marginal relevance under a word budget; near-duplicates are never both chosen."""
    chosen: list[int] = []
    words = 0
    remaining = set(range(len(candidates)))
    while remaining and words < config.summary_words:
        best, best_value = None, -1e9
        for k in sorted(remaining):
            overlap = max((cosine(vectors[k], vectors[j]) for j in chosen), default=0.0)
            if overlap >= config.redundancy:
                continue
            value = lam * scores[k] - (1 - lam) * overlap
            if value > best_value:
                best, best_value = k, value
        if best is None:
            break
        remaining.discard(best)
        length = len(_WORD.findall(candidates[best][1].text))
        if chosen and words + length > config.summary_words * 1.15:
            continue
        chosen.append(best)
        words += length
    return chosen
