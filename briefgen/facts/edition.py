"""Story fact boxes -> one entity per person, organisation or place across the edition.

Stories are different events, so merging across them is stricter than within one: a
full name joins the one compatible full name of the edition (Alexander/Aleksandr
Lukashenko), a bare surname joins only when the edition has a single full name with
that surname, organisations and places join by name without suffixes. A page is
written only for entities worth one (see ``has_page``); the index lists those.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple

from briefgen.facts import names as n
from briefgen.facts import sources as src
from briefgen.facts.boxes import carried, fold, ordered, quotes_of, role_words
from briefgen.models import Article, FactBox, StoryBrief
from briefgen.text.slugs import unique_slug
from briefgen.unionfind import UnionFind

MAX_EVIDENCE = 5
MAX_RELATED = 10
Node = tuple[str, int]  # (story id, index of the box in that story's list)


class Edition(NamedTuple):
    entities: list[FactBox]
    links: dict[tuple[str, str], str]  # (story id, story box id) -> entity id


def has_page(box: FactBox) -> bool:
    """The rule for entity pages: in two or more articles, or with a stated role or a quote."""
    return len(box.articles) >= 2 or bool(box.roles) or bool(box.quotes)


def _relative(box: FactBox) -> bool:
    """The box is someone's relative by a stated role ("His son", "Goodlatte's son"): ``names.KIN``, among the role's
    words as the roles' own folding reads them (``boxes.role_words``)."""
    return any(role_words(r.text) & n.KIN for r in box.roles)


def _groups(story_boxes: Mapping[str, Sequence[FactBox]]) -> list[list[Node]]:
    nodes = [(s, i) for s in story_boxes for i in range(len(story_boxes[s]))]
    box = {nd: story_boxes[nd[0]][nd[1]] for nd in nodes}
    u: UnionFind[Node] = UnionFind(nodes)
    find = u.find

    def join(a: Node, b: Node) -> None:
        ra, rb = find(a), find(b)
        u.join(max(ra, rb), min(ra, rb))  # the smaller root lasts: groups do not depend on the order of joins

    order = sorted(nodes, key=lambda nd: (-box[nd].mentions, box[nd].name, nd))
    # Full-name clusters, oldest first, under the surname all their members share (same_person
    # demands it), each with its distinct names (a name is checked against those alone) and, by story, whether a box
    # of that story in it is someone's relative by its role ("His son"): two boxes of one story of which one is, are
    # two people the story kept apart ("Bob Goodlatte" and his son "Bobby Goodlatte"), never one here. (Other boxes
    # one story kept apart, two spellings in one article, are joined as before: "Joe Biden" and "Joseph R. Biden Jr.")
    people: dict[str, list[tuple[Node, set[str], dict[str, bool]]]] = defaultdict(list)
    for nd in order:
        key = box[nd].name.casefold()
        if box[nd].type == "PERSON" and " " in key:
            namesakes = people[n.surname(key)]
            kin = _relative(box[nd])
            fits = [c for c in namesakes if not (nd[0] in c[2] and (kin or c[2][nd[0]])) and all(n.same_person(key, o) for o in c[1])]
            if len(fits) == 1:
                fits[0][1].add(key)
                fits[0][2][nd[0]] = fits[0][2].get(nd[0], False) or kin
                join(nd, fits[0][0])
            else:
                namesakes.append((nd, {key}, {nd[0]: kin}))
    bare: dict[str, Node] = {}
    for nd in order:
        key = box[nd].name.casefold()
        if box[nd].type == "PERSON" and " " not in key:
            fits = people.get(n.skel(key), [])
            if len(fits) == 1:
                join(nd, fits[0][0])
            elif not fits:
                join(nd, bare.setdefault(n.skel(key), nd))
    things: dict[str, Node] = {}
    for nd in order:
        b = box[nd]
        if b.type != "PERSON":
            key = b.name.casefold()
            join(nd, things.setdefault(n.vessel_key(key) if b.type == "VESSEL" else n.org_key(key) or key, nd))
    out: dict[Node, list[Node]] = defaultdict(list)
    for nd in order:
        out[find(nd)].append(nd)
    return list(out.values())


def edition_entities(
    story_boxes: Mapping[str, Sequence[FactBox]], articles: Sequence[Article], ind: src.Independence | None = None
) -> Edition:
    """Merge every story's boxes (all of them, not only those shown) into edition entities,
    most mentioned first; ``page`` is set on those that get a page. ``ind``: the articles'
    independence, if the caller has it."""
    ind = ind or src.independence(articles)
    members = _groups(story_boxes)
    box = {(s, i): b for s, bs in story_boxes.items() for i, b in enumerate(bs)}
    entity_of = {nd: k for k, nodes in enumerate(members) for nd in nodes}
    story_order = {s: k for k, s in enumerate(story_boxes)}
    by_name = {(s, b.name): (s, i) for (s, i), b in box.items()}
    merged = []
    for nodes in members:
        bs = [box[nd] for nd in nodes]
        mentions: Counter[str] = Counter()
        for b in bs:
            mentions[b.type] += b.mentions
        kind = "PERSON" if mentions["PERSON"] and any(b.type == "PERSON" and " " in b.name for b in bs) else n.top(mentions)
        full = [b for b in bs if " " in b.name] or bs
        name = max(full, key=lambda b: (b.mentions, len(b.articles), b.name)).name
        aliases: Counter[str] = Counter(a for b in bs for a in b.aliases)
        roles = fold([(r.citation, 0, r) for b in bs for r in b.roles])
        quotes = [(q.citation, 0, q) for b in bs for q in b.quotes]
        role_n = carried(roles, lambda r: r.text, ind)
        ids = sorted({a for b in bs for a in b.articles})
        near: Counter[int] = Counter()
        for s, i in nodes:
            for r in box[(s, i)].related:
                other = by_name.get((s, r))
                if other is not None and entity_of[other] != entity_of[(s, i)]:
                    near[entity_of[other]] += 1
        merged.append(
            (
                FactBox(
                    id="",
                    name=name,
                    type=kind,
                    aliases=tuple(sorted(aliases, key=lambda a: (a != name, -aliases[a], a))),
                    roles=tuple(replace(r, sources=role_n[r.text]) for r in ordered(roles, True, lambda r: r.text)),
                    quotes=quotes_of(quotes, ind),
                    mentions=sum(b.mentions for b in bs),
                    articles=tuple(ids),
                    sources=src.count(ids, ind),
                    evidence=tuple(ordered([(c, 0, c) for b in bs for c in b.evidence], False, lambda c: c.text)[:MAX_EVIDENCE]),
                    stories=tuple(sorted({s for s, _ in nodes}, key=story_order.__getitem__)),
                ),
                near,
            )
        )
    order = sorted(
        range(len(merged)), key=lambda k: (-merged[k][0].mentions, -len(merged[k][0].articles), merged[k][0].name, merged[k][0].type)
    )
    taken: set[str] = set()
    slugs = {k: unique_slug(merged[k][0].name, taken, "entity") for k in order}
    entities = []
    for k in order:
        b, near = merged[k]
        related = sorted(near.items(), key=lambda x: (-x[1], merged[x[0]][0].name))[:MAX_RELATED]
        b = replace(b, id=slugs[k], related=tuple(merged[o][0].name for o, _ in related))
        entities.append(replace(b, page=b.id if has_page(b) else ""))
    page_of = {k: e.page for k, e in zip(order, entities, strict=True)}
    links = {(s, box[(s, i)].id): page_of[entity_of[(s, i)]] for (s, i) in box}
    return Edition(entities, links)


def link(briefs: Sequence[StoryBrief], edition: Edition) -> list[StoryBrief]:
    """Story fact boxes with ``page`` set, so their names link to the entity pages."""
    return [replace(sb, facts=tuple(replace(f, page=edition.links.get((sb.story.id, f.id), "")) for f in sb.facts)) for sb in briefs]
