"""A story's articles -> a short extractive summary, each sentence cited.

Candidates are whole news statements from every article of the story: single
sentences, or a few consecutive ones when a quotation runs across them (a quote
fragment never stands alone). Each candidate is scored by what single-document
rankers see and what they miss across sources:

- ``algorithm``: sumy's rank (LexRank, TextRank, LSA, KL, SumBasic, Luhn) with
  the whole story as one document (one sumy paragraph per article paragraph,
  built offline with our own tokenizer; NLTK data is never needed);
- ``centrality``: tf-idf cosine to the story's centroid;
- ``corroboration``: how closely each other article states the same thing
  (best-matching candidate there, averaged over the other articles);
- ``coverage``: the share of its word pairs that the other articles also use;
- ``position``: the lead of each article, decaying with rank in the article.

Maximal marginal relevance then picks statements under the word budget, never
two that say the same thing, and the summary is put in reading order (date,
article, position). Sentences are copied verbatim from the analysed article.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

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
MAX_WORDS = 70  # one sentence
MAX_UNIT_WORDS = 110  # a quotation over several sentences
MAX_UNIT_SENTENCES = 4
#: Candidates per story, taken lead-first across its articles: rating compares every pair, so a
#: story of dozens of articles would otherwise cost time quadratic in its length.
MAX_CANDIDATES = 300
#: Weights of the (0..1) features; tuned on half of a Multi-News sample, checked on the other half.
WEIGHTS = {"position": 1.0, "corroboration": 0.5, "coverage": 0.5, "centrality": 0.3, "algorithm": 0.3}
POSITION_DECAY = 8.0  # candidates into an article at which the lead weight falls to 1/e
PRONOUN_PENALTY = 0.6  # a sentence leaning on the one before, chosen without it
MMR_LAMBDA = 0.85
BACKSTORY = 0.8  # score factor for a statement in the past perfect ("had marched"): background, not the news
SAME_FACT = 0.4  # word cosine at which another article carries the same statement

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
# Sentences that are site furniture, captions, credits or headings, never news.
_JUNK = re.compile(
    r"(Tweet with a location|Follow (?:us|him|her|@)|Sign up|Subscribe|newsletter|mailing list|your inbox|cookies?\b|"
    r"privacy policy|terms of (?:use|service)|Click here|Read more|Continue reading|Story continued|All rights reserved|"
    r"Copyright \d|©|Getty Images|\bAP Photo\b|\(Photo|Photo(?:graph)?:|Image:|Picture:|File photo|\bfile photo\b|caption|"
    r"appeared first on|https?://|www\.|@\w{2,}|Contact us|Advertisement|Related articles?|enable Javascript|"
    r"Facebook Twitter|Share (?:this|on)|contributed to this report|Add as an interest|Watch the video)",
    re.I,
)
_CAPTION = re.compile(
    r"^(?:FILE\s*[-–—(]|In this (?:[\w.,]+ ){1,6}(?:file )?(?:photo|image)\b|"
    r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b)",
    re.I,
)
_READER = re.compile(r"^(?:You|Your)\b")  # addressed to the reader: site furniture, not news
_BYLINE = re.compile(r"^By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,|$| and )")
_LABEL = re.compile(r"^(?:[A-Z][\w'’&-]*\s){0,3}[A-Z][\w'’&-]*:\s")  # "RELATED: ...", "Drop This Fact: ..."
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,30}(?:, [A-Z][\w.]+)?\s*(?:\([\w .&/-]{2,40}\)\s*)?[-–—]{1,2}\s")
_PRONOUN_START = re.compile(r"^[\"“‘(]?(?:He|She|They|It|This|That|These|Those|His|Her|Their|Its|But|And|Also|However|Meanwhile)\b")
_QUOTE_OPEN = re.compile(r"^[\"“]")
_QUOTE_CLOSE = re.compile(r"[\"”][)]?$")
_ATTRIBUTION = re.compile(r"[\"”],? (?:\w+ ){0,4}(?:said|says|told|added|wrote)\b")


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
def _stem(word: str) -> str:
    return str(_stemmer()(word))


@cache
def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def make_summarizer(name: str) -> Any:
    """A sumy summarizer by name, stemming through our memo (same stems, each word stemmed once per process)."""
    import importlib

    try:
        module, cls = ALGORITHMS[name.lower()].split(":")
    except KeyError:
        raise ConfigError(f"setting 'summary_algorithm': {name!r} is not one of {', '.join(sorted(ALGORITHMS))}") from None
    base = getattr(importlib.import_module(module), cls)
    summarizer = (_matrix_lexrank(base) if name.lower() == "lexrank" else base)(_stem)
    summarizer.stop_words = _stop_words()
    return summarizer


@cache
def _matrix_lexrank(base: type) -> type:
    """sumy's LexRank with its two O(sentences²) Python loops done as matrix products.

    sumy compares every pair of sentences in Python (a 300-sentence story is 90,000
    calls); here the idf-modified cosines are one product of tf-idf rows. The tf,
    the idf formula, the threshold, the degree normalisation and the power method
    are sumy's own, so the ranks are LexRank's.
    """

    class MatrixLexRank(base):  # type: ignore[misc, valid-type]
        @staticmethod
        def _compute_idf(sentences: Sequence[Sequence[str]]) -> dict[str, float]:
            df = Counter(t for s in sentences for t in set(s))
            return {t: math.log(len(sentences) / (1 + d)) for t, d in df.items()}

        def _create_matrix(self, sentences: Sequence[Sequence[str]], threshold: float,
                           tf_metrics: Sequence[dict[str, float]], idf_metrics: dict[str, float]) -> np.ndarray:
            vocab = {t: k for k, t in enumerate(idf_metrics)}
            rows = np.zeros((len(sentences), max(1, len(vocab))))
            for r, tf in enumerate(tf_metrics):
                for t, v in tf.items():
                    rows[r, vocab[t]] = v * idf_metrics[t]
            norms = np.sqrt((rows * rows).sum(axis=1))
            products = rows @ rows.T
            scale = np.outer(norms, norms)
            cosines = np.divide(products, scale, out=np.zeros_like(products), where=scale > 0)
            matrix = (cosines > threshold).astype(float)
            degrees = matrix.sum(axis=1)
            degrees[degrees == 0] = 1
            return matrix / degrees[:, None]

    return MatrixLexRank


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _open_quote(text: str) -> bool:
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1


def is_junk(text: str) -> bool:
    """Furniture, captions, credits, labels, datelines, words to the reader: never part of a summary."""
    return bool(_JUNK.search(text)) or any(p.match(text) for p in (_CAPTION, _BYLINE, _LABEL, _DATELINE, _READER))


def is_candidate(sentence: Sentence) -> bool:
    """A whole, self-standing news sentence: no heading, fragment, question, credit or notice."""
    return _statement_ok((sentence,))


def _statement_ok(sentences: Sequence[Sentence]) -> bool:
    text = " ".join(s.text.strip() for s in sentences)
    if any(s.is_heading or _words(s.text) > MAX_WORDS for s in sentences):
        return False
    if not MIN_WORDS <= _words(text) <= MAX_UNIT_WORDS:
        return False
    if not re.search(r"[.!][\"'”’)]?$", text) or not re.match(r"^[\"“‘(]?[A-Z0-9]", text):
        return False  # questions, cut-off text, lower-case continuations
    if any(is_junk(s.text.strip()) for s in sentences) or _open_quote(text):
        return False
    # a bare quotation: its speaker is in another sentence
    return not (_QUOTE_OPEN.match(text) and _QUOTE_CLOSE.search(text) and not _ATTRIBUTION.search(text))


def statements(sentences: Sequence[Sentence]) -> list[tuple[Sentence, ...]]:
    """An article's sentences grouped so that a quotation running over several stays whole."""
    out: list[tuple[Sentence, ...]] = []
    i = 0
    while i < len(sentences):
        group = [sentences[i]]
        while (
            _open_quote(" ".join(s.text for s in group))
            and i + len(group) < len(sentences)
            and sentences[i + len(group)].paragraph == sentences[i].paragraph
            and len(group) < MAX_UNIT_SENTENCES
        ):
            group.append(sentences[i + len(group)])
        text = " ".join(s.text for s in group)
        # '"More of the quote."' right after a quotation in the same paragraph: the same speaker goes on
        if out and _QUOTE_OPEN.match(text) and out[-1][-1].paragraph == group[0].paragraph and re.search(r"[\"“”]", out[-1][-1].text):
            merged = out[-1] + tuple(group)
            if len(merged) <= MAX_UNIT_SENTENCES:
                out[-1] = merged
                i += len(group)
                continue
        out.append(tuple(group))
        i += len(group)
    return out


def stems(text: str) -> Counter[str]:
    stop = _stop_words()
    return Counter(_stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in stop)


def _pairs(text: str) -> set[tuple[str, str]]:
    """Stemmed word pairs, leaving out pairs of two stop words."""
    stop = _stop_words()
    words = [w.lower() for w in _WORD.findall(text)]
    return {(_stem(a), _stem(b)) for a, b in itertools.pairwise(words) if not (a in stop and b in stop)}


def rate(summarizer: Any, groups: Sequence[Sequence[str]]) -> list[float]:
    """Run a sumy summarizer over paragraphs of sentences; return each sentence's rank score in (0, 1]."""
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


@dataclass(frozen=True)
class _Candidate:
    article: int
    sentences: tuple[Sentence, ...]
    rank: int  # among the article's candidates

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def _past_perfect(sentence: Sentence) -> bool:
    """'had marched': what happened before the news, which other articles usually tell too."""
    toks = sentence.tokens
    return any(t.text.lower() == "had" and t.dep == "aux" and toks[t.head].tag == "VBN" for t in toks) if toks else False


def _unit_rows(vectors: Sequence[Counter[str]], idf: dict[str, float] | None = None) -> np.ndarray:
    """Counts (or tf-idf) as L2-normalised rows, so a matrix product gives cosines."""
    vocab = {t: i for i, t in enumerate(sorted({t for v in vectors for t in v}))}
    m = np.zeros((len(vectors), max(1, len(vocab))))
    for r, v in enumerate(vectors):
        for t, c in v.items():
            m[r, vocab[t]] = c * (idf[t] if idf else 1.0)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def _scaled(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def summarize(
    items: Sequence[AnalyzedArticle],
    config: BuildConfig,
    summarizer: Callable[..., Any] | None = None,
) -> list[SummarySentence]:
    """Pick statements that together tell the story, within ``config.summary_words``."""
    cands: list[_Candidate] = []
    for a, item in enumerate(items):
        kept = [unit for unit in statements(item.sentences) if _statement_ok(unit)]
        cands.extend(_Candidate(a, unit, r) for r, unit in enumerate(kept))
    if not cands:
        return []
    if len(cands) > MAX_CANDIDATES:
        keep = sorted(range(len(cands)), key=lambda k: (cands[k].rank, cands[k].article))[:MAX_CANDIDATES]
        cands = [cands[k] for k in sorted(keep)]
    features = _features(items, cands, summarizer or make_summarizer(config.summary_algorithm))
    scores = features["backstory"] * sum(WEIGHTS[name] * features[name] for name in WEIGHTS) / sum(WEIGHTS.values())
    rows = _unit_rows([stems(c.text) for c in cands])
    overlap = rows @ rows.T
    chosen = select_mmr(cands, scores, overlap, config)
    chosen.sort(key=lambda k: (items[cands[k].article].article.date or "9999", cands[k].article, cands[k].sentences[0].index))
    support = _sources(items, cands, overlap)
    out = []
    for k in chosen:
        article = items[cands[k].article].article
        for sent in cands[k].sentences:
            out.append(SummarySentence(Citation(sent.text, article.id, sent.index, article.date), round(float(scores[k]), 6), support[k]))
    return out


def _features(items: Sequence[AnalyzedArticle], cands: Sequence[_Candidate], summarizer: Any) -> dict[str, np.ndarray]:
    n = len(cands)
    groups: list[list[str]] = []
    last: tuple[int, int] | None = None
    for c in cands:
        if (c.article, c.sentences[0].paragraph) != last:
            groups.append([])
            last = (c.article, c.sentences[0].paragraph)
        groups[-1].append(c.text)
    algorithm = np.array(rate(summarizer, groups))
    vectors = [stems(c.text) for c in cands]
    df = Counter(t for v in vectors for t in v)
    rows = _unit_rows(vectors, {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()})
    similarity = rows @ rows.T
    centroid = rows.sum(axis=0)
    centrality = rows @ (centroid / (np.linalg.norm(centroid) or 1.0))
    articles = sorted({c.article for c in cands})
    members = {a: np.array([k for k, c in enumerate(cands) if c.article == a]) for a in articles}
    pairs = [set().union(*(_pairs(s.text) for s in item.sentences)) if item.sentences else set() for item in items]
    corroboration = np.zeros(n)
    coverage = np.zeros(n)
    others_count = len(items) - 1
    for k, c in enumerate(cands):
        if others_count == 0:
            break
        corroboration[k] = sum(float(similarity[k, members[b]].max()) for b in articles if b != c.article) / others_count
        own = _pairs(c.text)
        if own:
            coverage[k] = sum(len(own & pairs[b]) for b in range(len(items)) if b != c.article) / (len(own) * others_count)
    position = np.exp(-np.array([c.rank for c in cands]) / POSITION_DECAY)
    backstory = np.array([BACKSTORY if any(_past_perfect(s) for s in c.sentences) else 1.0 for c in cands])
    return {
        "algorithm": algorithm,
        "centrality": _scaled(centrality),
        "corroboration": _scaled(corroboration),
        "coverage": _scaled(coverage),
        "position": position,
        "backstory": backstory,
    }


def _sources(items: Sequence[AnalyzedArticle], cands: Sequence[_Candidate], similarity: np.ndarray) -> list[int]:
    """Independent sources (distinct outlets, else distinct articles) that carry each statement."""
    out = []
    for k, c in enumerate(cands):
        carriers = {c.article} | {cands[int(j)].article for j in np.nonzero(similarity[k] >= SAME_FACT)[0]}
        out.append(len({items[a].article.source or items[a].article.id for a in carriers}))
    return out


def select_mmr(cands: Sequence[_Candidate], scores: np.ndarray, overlap: np.ndarray, config: BuildConfig) -> list[int]:
    """Maximal marginal relevance under a word budget; near-duplicates are never both chosen.

    A statement that opens with a pronoun or connective is marked down unless the
    statement before it in its article is already chosen.
    """
    n = len(cands)
    ends = {(c.article, c.sentences[-1].index): k for k, c in enumerate(cands)}
    before = np.array([ends.get((c.article, c.sentences[0].index - 1), -1) for c in cands])
    leaning = np.array([bool(_PRONOUN_START.match(c.text)) for c in cands])
    lengths = [_words(c.text) for c in cands]
    open_ = np.ones(n, dtype=bool)
    taken = np.zeros(n, dtype=bool)
    worst = np.zeros(n)
    chosen: list[int] = []
    words = 0
    while words < config.summary_words:
        alone = leaning & ~((before >= 0) & taken[np.maximum(before, 0)])
        value = MMR_LAMBDA * np.where(alone, scores * PRONOUN_PENALTY, scores) - (1 - MMR_LAMBDA) * worst
        value[~open_ | (worst >= config.redundancy)] = -np.inf
        best = int(np.argmax(value))  # the first of equals: deterministic
        if value[best] == -np.inf:
            break
        open_[best] = False
        if chosen and words + lengths[best] > config.summary_words * 1.15:
            continue
        chosen.append(best)
        taken[best] = True
        words += lengths[best]
        worst = np.maximum(worst, overlap[:, best])
    return chosen
