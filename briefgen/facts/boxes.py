"""One story's articles -> its fact boxes, every claim cited to a sentence."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from briefgen.config import BuildConfig
from briefgen.facts import gate
from briefgen.facts import names as n
from briefgen.facts import sources as src
from briefgen.facts.cluster import Ent, cluster, entity
from briefgen.facts.mentions import M, mentions
from briefgen.facts.story import JOIN, Story, cite, quote_spans
from briefgen.facts.syntax import children, role_spans
from briefgen.models import AnalyzedArticle, Citation, FactBox, Quote, Role
from briefgen.text.pieces import not_news
from briefgen.text.quotes import quoted
from briefgen.text.slugs import unique_slug

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_EVIDENCE = 2
MAX_RELATED = 5


def ordered(items: list[tuple[Citation, int, T]], newest: bool, key: Callable[[T], Hashable]) -> list[T]:
    """Unique by ``key``, by article date (undated last), then article id, then position."""
    items = sorted(items, key=lambda x: (x[0].article, x[0].sentence, x[1]))
    if newest:
        items.sort(key=lambda x: x[0].date or "", reverse=True)
    else:
        items.sort(key=lambda x: (x[0].date is None, x[0].date or ""))
    seen: dict[Hashable, T] = {}
    for _, _, item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def carried(items: Sequence[tuple[Citation, int, T]], key: Callable[[T], Hashable], ind: src.Independence) -> dict[Hashable, int]:
    """For each distinct item, how many independent sources state it."""
    where: dict[Hashable, set[str]] = defaultdict(set)
    for c, _, item in items:
        where[key(item)].add(c.article)
    return {k: src.count(v, ind) for k, v in where.items()}


_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _pieces(text: str) -> tuple[str, ...]:
    """A quote's pieces (split at JOIN) as words: case, quotation marks, punctuation and spacing aside,
    each padded with spaces so that containment is of whole words."""
    return tuple(" " + " ".join(_QUOTE_WORD.findall(p.casefold().replace("’", "'"))) + " " for p in text.split(JOIN))


def _within(ps: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Every piece of one quote inside one piece of the other."""
    return all(any(p in o for o in other) for p in ps)


def _told(c: Citation, quotes: Sequence[Quote]) -> bool:
    """The sentence ``c`` ("In the news") says what one of ``quotes`` (the box's "Said") already shows: it is mostly a
    quotation whose words are within the quote (the quote's own sentence, '"This is a historic day ...," Pelosi said.',
    or another outlet's copy of it beside the whole quote). One statement is shown once; a sentence that says more than
    the quote ('"My client is ensconced in the bosom of that facility right now," Heller argued after a prosecutor
    objected to Lohan's choice of rehab facilities.') stays."""
    spans = [c.text[a:b] for a, b in quoted(c.text)]
    words = len(_QUOTE_WORD.findall(c.text))
    if not spans or 2 * sum(len(_QUOTE_WORD.findall(x)) for x in spans) <= words:
        return False  # no quotation, or one that is no more than half of what the sentence says
    return any(_within(_pieces(x), _pieces(q.text)) for x in spans for q in quotes)


def quotes_of(items: Sequence[tuple[Citation, int, Quote]], ind: src.Independence) -> tuple[Quote, ...]:
    """One entity's quotes as its box shows them, newest first, each once: a quote whose words are all
    in another quote of the same entity (every piece within one piece of the other: 'ensconced in the
    bosom of' beside the whole sentence it came from) is left out, and quotes that differ only in case,
    quotation marks, punctuation or spacing are one, carried by the sources of all of them."""
    pieces = {q.text: _pieces(q.text) for _, _, q in items}  # each text's once
    # each form with its size (of two quotes each within the other, the longer stays) and its longest piece (a
    # quote within another has none longer than the other's longest)
    forms = [(f, (sum(map(len, f)), f), max(map(len, f))) for f in set(pieces.values())]
    part = set()
    for f, size, longest in forms:
        for o, other, reach in forms:
            if o is not f and longest <= reach and _within(f, o) and (not _within(o, f) or other > size):
                part.add(f)
                break
    kept = [x for x in items if pieces[x[2].text] not in part]
    count = carried(kept, lambda q: pieces[q.text], ind)
    return tuple(replace(q, sources=count[pieces[q.text]]) for q in ordered(kept, True, lambda q: pieces[q.text]))


Roles = Mapping[int, list[tuple[Citation, int, Role]]]
_ROLE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def role_words(text: str) -> frozenset[str]:
    """'the F.B.I. director' -> {fbi, director}: case, points, articles and a possessive ("Lohan’s lawyer", "Lohan's
    lawyer", "Lohan lawyer") do not make another role."""
    words = _ROLE_WORD.findall(text.casefold().replace(".", "").replace("’", "'"))
    return frozenset(w.removesuffix("'s") for w in words if w not in ("the", "a", "an"))


def fold(items: Sequence[tuple[Citation, int, Role]]) -> list[tuple[Citation, int, Role]]:
    """Variants of one role as one: 'Director', 'FBI Director' and 'the F.B.I. director' are all
    'former FBI Director' when that is the one fuller role holding their words. A role that two
    different fuller ones hold ('Minister' beside 'Interior Minister' and 'Foreign Minister') stays
    as it is. Each item keeps its own citation (so sources are still counted per article) but
    carries the role it folds into."""
    words = {r.text: role_words(r.text) for _, _, r in items}
    best: dict[frozenset[str], Role] = {}
    for _c, _, r in sorted(items, key=lambda x: (x[0].date or "", x[0].article, x[0].sentence), reverse=True):
        best.setdefault(words[r.text], r)  # the newest wording of each set of words
    top = [w for w in best if w and not any(w < o for o in best)]
    out = []
    for c, k, r in items:
        w = words[r.text]
        over = [o for o in top if w <= o]
        out.append((c, k, best[over[0]] if len(over) == 1 else best.get(w, r)))
    return out


def describe(articles: Sequence[AnalyzedArticle], ms: list[M], ents: list[Ent], roles: Roles) -> list[tuple[int, M]]:
    """'the Belarusian leader' is the one person of the article whose stated role has those words
    and a title of the same kind ('Belarusian President Aleksandr Lukashenko')."""
    taken = {(m.art, m.sent, j) for m in ms for j in m.toks}
    words: dict[int, list[set[str]]] = {e: [set(r.text.casefold().replace("-", " ").split()) for _, _, r in rs] for e, rs in roles.items()}
    in_article: dict[int, set[int]] = defaultdict(set)
    for e, ent in enumerate(ents):
        if ent.type == "PERSON" and e in words:
            for i in ent.mentions:
                in_article[ms[i].art].add(e)
    out = []
    for ai, aa in enumerate(articles):
        for si, sent in enumerate(aa.sentences):
            if sent.is_heading or not in_article[ai]:
                continue
            for i, t in enumerate(sent.tokens):
                if t.pos != "NOUN":
                    continue
                title = t.text.casefold()
                if title not in n.TITLES or (ai, si, i) in taken or t.dep in ("compound", "appos"):
                    continue
                kids = children(sent, i)
                if any(sent.tokens[j].dep == "appos" for j in kids):
                    continue
                det = [j for j in kids if sent.tokens[j].dep == "det" and sent.tokens[j].text.casefold() == "the" and j < i]
                mods = [j for j in kids if sent.tokens[j].dep in ("compound", "amod") and det and det[0] < j < i]
                if not det or any((ai, si, j) in taken for j in mods):
                    continue
                need = {sent.tokens[j].text.casefold() for j in mods}
                kinds = n.title_class(title) if need else frozenset({title})
                fits = [e for e in sorted(in_article[ai]) if any(need <= w and w & kinds for w in words[e])]
                if len(fits) == 1:
                    toks = tuple(range(det[0], i + 1))
                    start = sent.tokens[det[0]].start
                    form = aa.article.text[start : t.start + len(t.text)]
                    out.append((fits[0], M(ai, si, start, form, "", toks, description=True)))
    return out


def _padded(form: str, forms: Counter[str]) -> bool:
    """'Interior Dirk Kempthorne': a rarer form that is a more frequent full name with words in front."""
    return any(" " in o and form.endswith(" " + o) and forms[form] < forms[o] for o in forms)


def story_entities(articles: Sequence[AnalyzedArticle], config: BuildConfig, ind: src.Independence | None = None) -> list[FactBox]:
    """Every entity of one story that has the evidence for a box (see gate.py), most mentioned first (then
    most articles, name); ids are slugs unique within the story. ``ind`` tells which articles are one
    source (computed if not given)."""
    boxes = []
    for box, why in candidates(articles, ind):
        if why:
            log.debug("no box for %r (%s): %s", box.name, box.type, why)
        else:
            boxes.append(box)
    taken: set[str] = set()
    return [replace(b, id=unique_slug(b.name, taken, "entity")) for b in boxes]


def candidates(articles: Sequence[AnalyzedArticle], ind: src.Independence | None = None) -> list[tuple[FactBox, str | None]]:
    """Every entity of one story as a box (without an id), in box order, each with the reason it gets no
    box (gate.py; None: it does). Every entity takes part in finding speakers and pronouns, whether or
    not it gets a box."""
    if not articles:
        return []
    if ind is None:
        ind = src.independence([a.article for a in articles])
    ms = mentions(articles)
    norp = frozenset(m.text.casefold() for aa in articles for m in aa.mentions if m.label == "NORP")  # 'Russian'
    in_quotes = [[(qs, qe) for qs, qe, _ in quote_spans(aa)] for aa in articles]
    inside = frozenset(i for i, m in enumerate(ms) if any(qs <= m.start < qe for qs, qe in in_quotes[m.art]))  # a speaker's
    ents = [e for e in (entity(ms, c, kind, unsure, norp, inside) for c, kind, unsure in cluster(ms, inside)) if e is not None]
    roles: dict[int, list[tuple[Citation, int, Role]]] = defaultdict(list)
    for e, ent in enumerate(ents):
        for m in (ms[i] for i in ent.mentions):
            aa = articles[m.art]
            stated = ent.type in ("PERSON", "ORG") and not ent.ambiguous  # a surname two people share has no roles
            for start, end in role_spans(aa.sentences[m.sent], m.toks, ent.type) if stated else ():
                text = aa.article.text[start:end]
                opened = aa.article.text[aa.sentences[m.sent].start : start]  # a quote whose closing mark is paragraphs on
                if any(qs <= start < qe for qs, qe in in_quotes[m.art]) or opened.count("“") > opened.count("”"):
                    continue  # '"Hugh Jackman is a consummate entertainer"': a speaker's praise, not the writer's statement
                if not any(f.casefold() in text.casefold() for f in ent.forms):  # 'the Wagner Group company'
                    roles[e].append((cite(aa, m.sent), start, Role(cite(aa, m.sent), text)))
    for e in roles:
        roles[e] = fold(roles[e])
    for e, m in describe(articles, ms, ents, roles):
        ents[e].mentions.append(len(ms))
        ms.append(m)
    story = Story(articles, ms, ents)
    quotes: dict[int, list[tuple[Citation, int, Quote]]] = defaultdict(list)
    evidence: dict[int, list[tuple[Citation, int, Citation]]] = defaultdict(list)
    together: dict[tuple[int, int], set[int]] = defaultdict(set)
    for e, ent in enumerate(ents):
        for m in (ms[i] for i in ent.mentions):
            together[(m.art, m.sent)].add(e)
    for ai in range(len(articles)):
        for k, (e, q) in enumerate(story.quotes(ai)):
            if not ents[e].ambiguous:  # 'the younger Goodlatte tweeted': father's or son's, the name does not say
                quotes[e].append((q.citation, k, q))
        if not_news(articles[ai].article):
            continue  # a column's sentence about someone is its writer's view, not "In the news" (its quotes stay theirs)
        for e, c in story.evidence(ai):
            evidence[e].append((c, 0, c))
    related: dict[int, Counter[int]] = defaultdict(Counter)
    for group in together.values():
        for e in group:
            related[e].update(group - {e})
    words, lead = gate.Words(articles), gate.leads(articles)
    whole = gate.people(ents, words)
    boxes = []
    for e, ent in enumerate(ents):
        said = bool(roles[e] or quotes[e])  # a stated role or an own quote says what the name is
        why = gate.doubt(ent, ms, words, ents, articles, whole)
        if why is None and not (said or gate.enough(ent, ms, lead)):
            why = "named once, not in a lead"
        if why is None and ent.type == "PERSON" and not ent.ambiguous:
            why = gate.unsure_person(e, story, said, words)
        ids = sorted({articles[ms[i].art].article.id for i in ent.mentions})
        near = sorted(related[e].items(), key=lambda x: (-x[1], ents[x[0]].name))
        role_n = carried(roles[e], lambda r: r.text, ind)
        said_here = quotes_of(quotes[e], ind)
        boxes.append(
            (
                FactBox(
                    id="",
                    name=ent.name,
                    type=ent.type,
                    aliases=tuple(
                        sorted((f for f in ent.forms if not _padded(f, ent.forms)), key=lambda f: (f != ent.name, -ent.forms[f], f))
                    ),
                    roles=tuple(replace(r, sources=role_n[r.text]) for r in ordered(roles[e], True, lambda r: r.text)),
                    quotes=said_here,
                    mentions=len(ent.mentions),
                    articles=tuple(ids),
                    sources=src.count(ids, ind),
                    related=tuple(ents[o].name for o, _ in near[:MAX_RELATED]),
                    evidence=tuple(ordered([x for x in evidence[e] if not _told(x[0], said_here)], False, lambda c: c.text)[:MAX_EVIDENCE]),
                ),
                why,
            )
        )
    boxes.sort(key=lambda x: (-x[0].mentions, -len(x[0].articles), x[0].name, x[0].type))
    return boxes
