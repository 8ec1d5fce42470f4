"""spaCy lives here and only here: article paragraphs -> sentences, tokens, mentions.

Paragraphs are parsed separately (split on blank lines first), which gives
spaCy's parser-based sentence splitter cleaner input than whole articles.

Parsing is the floor of a build's time, so each article text is parsed once:
results go to the analysis cache under a key made of the text and the stage's
fingerprint (its code and what it imports, spaCy's and the model's versions;
pipeline.fingerprint). Only the components whose output we keep are loaded.
New texts are parsed in worker processes that run the pipeline over batches of
paragraphs and send back our own compact records; spaCy's
``n_process`` would instead ship every Doc to the worker and back through
msgpack, which on two cores costs about what the second core gains.

A build takes two steps: ``analyze_cached`` parses what is new and returns each
article's ``Parsed`` outline (sentence offsets and mentions, what grouping and the
pages need); ``load_tokens`` reads the full records of the articles a stage needs
tokens for, so a rebuild decodes the tokens of the changed stories only.
"""

from __future__ import annotations

import json
import logging
import marshal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefgen.analyze.parse import (
    COMPONENTS,
    ENTITY_LABELS,
    Chunk,
    TokenAttributes,
    _parse_here,
    _workers,
    load_model,
    marshalled,
    model_meta,
    model_version,
    on_cluster,
)
from briefgen.cache import digest
from briefgen.models import AnalyzedArticle, Article, Mention, Sentence, Token

if TYPE_CHECKING:
    from briefgen.cache import Cache
    from briefgen.cluster import Cluster
    from briefgen.config import BuildConfig

__all__ = [
    "COMPONENTS",
    "ENTITY_LABELS",
    "Parsed",
    "TokenAttributes",
    "analyze",
    "analyze_cached",
    "article_key",
    "load_model",
    "load_tokens",
    "model_id",
    "model_meta",
    "model_version",
]

log = logging.getLogger(__name__)

#: Longest piece of a paragraph parsed at once (our choice, far below spaCy's own max_length, to bound
#: memory and time per Doc); longer paragraphs are cut at sentence-like points.
MAX_CHARS = 20_000
#: Below this many new paragraphs, starting workers costs more than it saves.
MIN_PARALLEL_CHUNKS = 400

Rows = tuple[tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...]]  # sentence rows, mention rows (see _convert)
Outline = tuple[tuple[tuple[int, int, int], ...], tuple[tuple[Any, ...], ...]]  # sentence spans, mention rows


@dataclass(frozen=True)
class Parsed:
    """An article's analysis short of its tokens: what grouping and the pages read, kept beside each
    analysis so a rebuild need not decode every token. ``load_tokens`` gives the full record."""

    article: Article
    key: str  # the analysis's cache key: its text under the stage's fingerprint
    spans: tuple[tuple[int, int, int], ...]  # (index, start, end) of each sentence
    mentions: tuple[Mention, ...]


def model_id(name: str) -> str:
    """The model's name and version, as its meta.json says (loading it only when there is none)."""
    meta = model_meta(name)
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}" if meta else model_version(name)


def article_key(article: Article, fp: str) -> str:
    """The cache key of an article's analysis: its text and paragraphs under one fingerprint."""
    layout = json.dumps([(p.start, p.is_heading) for p in article.paragraphs])
    return digest(fp, article.text, layout, "\x00".join(p.text for p in article.paragraphs))


def _chunks(article: Article) -> Iterable[Chunk]:
    for p_index, para in enumerate(article.paragraphs):
        text = para.text
        start = 0
        while start < len(text):
            end = min(len(text), start + MAX_CHARS)
            if end < len(text):
                cut = max(text.rfind(". ", start, end), text.rfind("\n", start, end))
                end = cut + 1 if cut > start else end
            yield text[start:end], p_index, para.start + start, para.is_heading
            start = end


def _parse_all(
    chunks: dict[int, list[Chunk]], config: BuildConfig, meanwhile: Callable[[], None] = lambda: None, cluster: Cluster | None = None
) -> Iterator[tuple[int, bytes]]:
    """(article index, marshalled rows) of every article in ``chunks``, in workers when there are enough, or
    on ``cluster`` (Dask) when there is one; ``meanwhile`` runs while the workers start."""
    if chunks and cluster is not None:
        meanwhile()
        yield from on_cluster(cluster, chunks, config)
    elif chunks and config.processes > 1 and sum(len(c) for c in chunks.values()) >= MIN_PARALLEL_CHUNKS:
        with _workers(chunks, config) as results:  # the workers start parsing at once ...
            meanwhile()  # ... while this process does something else
            yield from results
    else:
        meanwhile()
        if chunks:
            yield from _parse_here(chunks, config)


def analyze(articles: Sequence[Article], config: BuildConfig, progress: Callable[[int], None] | None = None) -> list[AnalyzedArticle]:
    """Parse every article, without a cache; one full AnalyzedArticle per input, in order."""
    tick = progress or (lambda n: None)
    out: list[AnalyzedArticle | None] = [None] * len(articles)
    for i, data in _parse_all({i: list(_chunks(a)) for i, a in enumerate(articles)}, config):
        out[i] = _record(articles[i], _rows(data))
        tick(1)
    return [record for record in out if record is not None]


def analyze_cached(
    articles: Sequence[Article],
    config: BuildConfig,
    cache: Cache,
    fp: str,
    progress: Callable[[int], None] | None = None,
    cluster: Cluster | None = None,
) -> list[Parsed]:
    """Parse the articles ``cache`` holds no analysis of under fingerprint ``fp``, store them; the outline
    of every article, in order. With a ``cluster`` the parsing runs on its workers (results stored here)."""
    tick = progress or (lambda n: None)
    keys = [article_key(a, fp) for a in articles]
    todo = [i for i in range(len(articles)) if not cache.has("analysis", keys[i])]
    cache.misses["analysis"] += len(todo)
    records: list[Parsed | None] = [None] * len(articles)

    def keep(i: int, data: bytes) -> None:
        outline = _outline(_rows(data))
        cache.put("analysis", keys[i], data)
        cache.put("outline", keys[i], marshalled(outline))
        records[i] = _parsed(articles[i], keys[i], outline)
        tick(1)

    def load_hits() -> None:
        missing = set(todo)
        for i in range(len(articles)):
            if i in missing:
                continue
            data = cache.get("outline", keys[i])
            try:
                outline = _outline_of(data) if data is not None else None
            except (ValueError, EOFError, TypeError) as exc:  # a damaged entry: parse again below
                log.warning("%s: unreadable cache entry (%s)", cache.path("outline", keys[i]), exc)
                outline = None
            if outline is None:
                continue
            cache.keep("analysis", keys[i])
            records[i] = _parsed(articles[i], keys[i], outline)
            tick(1)

    for i, data in _parse_all({i: list(_chunks(articles[i])) for i in todo}, config, meanwhile=load_hits, cluster=cluster):
        keep(i, data)
    late = {i: list(_chunks(articles[i])) for i, r in enumerate(records) if r is None}
    if late:  # cache entries that vanished or were damaged since we looked
        for i, data in _parse_here(late, config):
            keep(i, data)
    return [record for record in records if record is not None]


def load_tokens(parsed: Sequence[Parsed], config: BuildConfig, cache: Cache) -> list[AnalyzedArticle]:
    """The full records (sentences with their tokens) of analyses ``analyze_cached`` stored; an entry
    gone or damaged since is parsed again, and stored."""
    return [_record(p.article, _load_rows(cache, p.key, p.article, config)) for p in parsed]


def _parsed(article: Article, key: str, outline: Outline) -> Parsed:
    return Parsed(article, key, outline[0], tuple([Mention(*m) for m in outline[1]]))


def _record(article: Article, rows: Rows) -> AnalyzedArticle:
    sentences = tuple(
        Sentence(i, text, start, end, p, tuple([Token(*t) for t in tokens]), heading) for i, text, start, end, p, heading, tokens in rows[0]
    )
    return AnalyzedArticle(article, sentences, tuple([Mention(*m) for m in rows[1]]))


def _outline(rows: Rows) -> Outline:
    return tuple((row[0], row[2], row[3]) for row in rows[0]), rows[1]


def _outline_of(data: bytes) -> Outline:
    spans, mentions = marshal.loads(data)
    if not isinstance(spans, tuple) or not isinstance(mentions, tuple) or any(len(s) != 3 for s in spans):
        raise ValueError("not an analysis outline")
    return spans, mentions


def _load_rows(cache: Cache, key: str, article: Article, config: BuildConfig) -> Rows:
    """The rows of a cached analysis (counted as reused when the build began); parsed again,
    and stored, if it is gone or damaged."""
    data = cache.read("analysis", key)  # None, with a warning, when damaged
    if data is None and not cache.path("analysis", key).is_file():
        log.warning("%s: cache entry gone; parsing the article again", cache.path("analysis", key))
    try:
        if data is not None:
            return _rows(data)
    except (ValueError, EOFError, TypeError) as exc:
        log.warning("%s: unreadable cache entry (%s)", cache.path("analysis", key), exc)
    ((_, data),) = _parse_here({0: list(_chunks(article))}, config)
    cache.put("analysis", key, data)
    return _rows(data)


def _rows(data: bytes) -> Rows:
    """A cache entry -> its rows; marshal keeps interned strings shared.
    Raises ValueError, EOFError or TypeError for a damaged entry."""
    sentences, mentions = marshal.loads(data)
    if not isinstance(sentences, tuple) or not isinstance(mentions, tuple) or any(len(row) != 7 for row in sentences):
        raise ValueError("not an analysis record")
    return sentences, mentions
