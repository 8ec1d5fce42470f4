"""spaCy lives here and only here: article paragraphs -> sentences, tokens, mentions.

Paragraphs are parsed separately (split on blank lines first), which gives
spaCy's parser-based sentence splitter cleaner input than whole articles.

Parsing is the floor of a build's time, so each article text is parsed once:
results go to the analysis cache under a key made of the text and everything
that shapes the result (model name and version, spaCy version, the components
run, the conversion code below). Only the components whose output we keep are
loaded. New texts are parsed in worker processes that run the pipeline over
batches of paragraphs and send back our own compact records; spaCy's
``n_process`` would instead ship every Doc to the worker and back through
msgpack, which on two cores costs about what the second core gains.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.metadata
import inspect
import json
import logging
import marshal
from collections.abc import Callable, Iterable, Sequence
from functools import cache, cached_property
from typing import Any

from briefgen import models
from briefgen.analyze import sentences as boundaries
from briefgen.analyze.parse import (
    COMPONENTS,
    ENTITY_LABELS,
    Chunk,
    TokenAttributes,
    _convert,
    _parse_here,
    _workers,
    load_model,
    model_meta,
    model_version,
)
from briefgen.cache import Cache, digest
from briefgen.config import BuildConfig
from briefgen.models import AnalyzedArticle, Article, Mention, Sentence, Token

__all__ = [
    "COMPONENTS", "ENTITY_LABELS", "Parsed", "TokenAttributes", "analyze", "article_key", "fingerprint", "load_model",
    "model_meta", "model_version", "spans",
]

log = logging.getLogger(__name__)

#: spaCy has a hard limit per text; longer paragraphs are cut at sentence-like points.
MAX_CHARS = 20_000
#: Bump when the records change in a way the code fingerprint below cannot see.
FORMAT = 1
#: Below this many new paragraphs, starting workers costs more than it saves.
MIN_PARALLEL_CHUNKS = 400

Rows = tuple[tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...]]  # sentence rows, mention rows (see _convert)
Outline = tuple[tuple[tuple[int, int, int], ...], tuple[tuple[Any, ...], ...]]  # sentence spans, mention rows


class Parsed(AnalyzedArticle):
    """An AnalyzedArticle whose sentences and tokens are read and decoded when first used.

    Reading and decoding every token is most of what taking 2,000 analyses from the
    cache costs, yet a rebuild after one new article needs the tokens of the changed
    stories only: grouping keeps its own per-article counts, pages need sentence
    offsets and grouping's "why" line the mentions, and both are in the small outline
    kept beside each analysis. ``rows`` loads the full record. Made with ``sentences``
    and ``mentions`` (as ``dataclasses.replace`` does), it is a plain one.
    """

    _outline: Outline
    _load: Callable[[], Rows] | None

    def __init__(self, article: Article, sentences: tuple[Sentence, ...] | None = None,
                 mentions: tuple[Mention, ...] | None = None, *, outline: Outline | None = None,
                 rows: Callable[[], Rows] | None = None) -> None:
        object.__setattr__(self, "article", article)
        object.__setattr__(self, "_load", rows)
        if rows is None or outline is None:
            object.__setattr__(self, "sentences", sentences or ())
            object.__setattr__(self, "mentions", mentions or ())
            outline = (tuple((x.index, x.start, x.end) for x in sentences or ()), ())
        object.__setattr__(self, "_outline", outline)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:  # type: ignore[override]
        assert self._load is not None
        return tuple(Sentence(i, text, start, end, p, tuple([Token(*t) for t in tokens]), heading)
                     for i, text, start, end, p, heading, tokens in self._load()[0])

    @cached_property
    def mentions(self) -> tuple[Mention, ...]:  # type: ignore[override]
        return tuple([Mention(*m) for m in self._outline[1]])

    def spans(self) -> tuple[tuple[int, int, int], ...]:
        """(index, start, end) of each sentence, without reading the tokens."""
        return self._outline[0]

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (and copied) as the plain record, decoded
        return AnalyzedArticle, (self.article, self.sentences, self.mentions)


def _outline(rows: Rows) -> Outline:
    return tuple((row[0], row[2], row[3]) for row in rows[0]), rows[1]


def spans(item: AnalyzedArticle) -> tuple[tuple[int, int, int], ...]:
    """(index, start, end) of each sentence of an analysed article."""
    return item.spans() if isinstance(item, Parsed) else tuple((x.index, x.start, x.end) for x in item.sentences)


@cache
def fingerprint(model: str) -> str:
    """Everything besides the text that shapes an analysis; a change re-parses every article."""
    meta = model_meta(model)
    try:
        spacy_version = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - spaCy is a dependency
        spacy_version = "?"
    records = [
        f"{cls.__name__}:{','.join(f.name for f in dataclasses.fields(cls))}"
        for cls in (models.Paragraph, models.Token, models.Mention, models.Sentence)
    ]
    return digest(
        f"briefgen-analysis/{FORMAT}",
        model,
        f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}" if meta else model_version(model),
        spacy_version,
        ",".join(COMPONENTS),
        str(MAX_CHARS),
        ",".join(sorted(ENTITY_LABELS)),
        *records,
        f"marshal-{marshal.version}",
        *(_source(f) for f in (_chunks, _convert, _rows, _outline, Parsed, TokenAttributes, boundaries.add_to,
                               boundaries.mark_boundaries)),
        repr((boundaries.ABBREVIATIONS, sorted(boundaries.BEFORE_NAME), boundaries.PARENTHESIS)),
    )


def _source(func: Callable[..., Any]) -> str:
    try:
        return inspect.getsource(func)
    except (OSError, TypeError):  # no source shipped: the bytecode still tells a change
        code = getattr(func, "__code__", None)
        return code.co_code.hex() if code is not None else repr(sorted(vars(func)))


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


def analyze(
    articles: Sequence[Article],
    config: BuildConfig,
    progress: Callable[[int], None] | None = None,
    cache: Cache | None = None,
) -> list[AnalyzedArticle]:
    """Parse every article (or take its analysis from ``cache``); one AnalyzedArticle per input, in order."""
    if not articles:
        return []
    tick = progress or (lambda n: None)
    fp = fingerprint(config.model) if cache is not None else ""
    keys = [article_key(a, fp) for a in articles] if cache is not None else []
    todo = [i for i in range(len(articles)) if cache is None or not cache.has("analysis", keys[i])]
    if cache is not None:
        cache.misses["analysis"] += len(todo)
    records: list[Parsed | None] = [None] * len(articles)

    def keep(i: int, data: bytes) -> None:
        rows = _rows(data)
        records[i] = Parsed(articles[i], outline=_outline(rows), rows=lambda: rows)
        if cache is not None:
            cache.put("analysis", keys[i], data)
            cache.put("outline", keys[i], marshal.dumps(_outline(rows)))
        tick(1)

    def load_hits() -> None:
        assert cache is not None
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
            records[i] = Parsed(articles[i], outline=outline, rows=functools.partial(_load_rows, cache, keys[i], articles[i], config))
            tick(1)

    chunks = {i: list(_chunks(articles[i])) for i in todo}
    if todo and config.processes > 1 and sum(len(c) for c in chunks.values()) >= MIN_PARALLEL_CHUNKS:
        with _workers(chunks, config) as results:  # the workers start parsing at once ...
            if cache is not None:
                load_hits()  # ... while this process reads what an earlier build parsed
            for i, data in results:
                keep(i, data)
    else:
        if cache is not None:
            load_hits()
        if todo:
            for i, data in _parse_here(chunks, config):
                keep(i, data)
    late = {i: list(_chunks(articles[i])) for i, r in enumerate(records) if r is None}
    if late:  # cache entries that vanished or were damaged since we looked
        for i, data in _parse_here(late, config):
            keep(i, data)
    out: list[AnalyzedArticle] = []
    for record in records:
        assert record is not None
        out.append(record)
    return out


def _outline_of(data: bytes) -> Outline:
    spans, mentions = marshal.loads(data)
    if not isinstance(spans, tuple) or not isinstance(mentions, tuple) or any(len(s) != 3 for s in spans):
        raise ValueError("not an analysis outline")
    return spans, mentions


def _load_rows(cache: Cache, key: str, article: Article, config: BuildConfig) -> Rows:
    """The full record of a cached analysis (counted as reused when the build began); parsed again,
    and stored, if it is gone or damaged."""
    try:
        return _rows(cache.path("analysis", key).read_bytes())
    except OSError as exc:
        log.warning("%s: cache entry gone (%s)", cache.path("analysis", key), exc.strerror or exc)
    except (ValueError, EOFError, TypeError) as exc:
        log.warning("%s: unreadable cache entry (%s)", cache.path("analysis", key), exc)
    ((_, data),) = _parse_here({0: list(_chunks(article))}, config)
    cache.put("analysis", key, data)
    return _rows(data)


def _rows(data: bytes) -> Rows:
    """A cache entry -> its rows (decoded into records by Parsed); marshal keeps interned strings shared.
    Raises ValueError, EOFError or TypeError for a damaged entry."""
    sentences, mentions = marshal.loads(data)
    if not isinstance(sentences, tuple) or not isinstance(mentions, tuple) or any(len(row) != 7 for row in sentences):
        raise ValueError("not an analysis record")
    return sentences, mentions
