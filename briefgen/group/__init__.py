"""Analysed articles -> stories (one real-world event each), with ids that last.

How articles are compared (features.py): people and organisations, places,
years and dates, distinctive numbers and content words, each a block of TF-IDF
features with a weight of its own; headline and lead count extra; similarity
fades with the days between two dated articles.

How they are grouped without comparing every pair (cluster.py): candidate
pairs come from an inverted index over each article's strongest features,
common features only linking articles near in time; a first average-link pass
finds blocks of one kind of news, a small learned model (pairs.py) gives each
candidate pair the probability that it is one event (two prison escapes years
apart share a block, not a story), and average link over those makes the
stories. The work grows about linearly with the archive, and is numpy over flat arrays
(sparse.py), each float as the Python loops made it.

Nothing is kept between builds but the previous edition's ``briefing.json``: every TF-IDF weight
depends on the whole edition (a new article changes the article count, so every weight), and the
first pass's blocks may depend on any article, so a rebuild groups every article again, exactly as a
build from an empty cache would.

Ids (``assign_ids``): the previous edition's ``briefing.json`` is the memory.
Its stories enter the clustering whole, so they grow or merge but never split
on their own; each old id goes to the new group holding the largest part of
it, so a story keeps its id as articles join it and a merge keeps the id of
the larger part; other groups get ``s-`` and a hash of their first article.
Editor pins (``story:`` in front matter, ``articles:`` in ``stories.yml``) and
the file's ``split``, ``merge`` and ``titles`` are applied on top (editor.py).
The model and its threshold are learned by benchmarks/grouping.py --learn
(nested cross-validation, cross-corpus).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from briefgen.config import BuildConfig
from briefgen.editions import previous_stories
from briefgen.group.cluster import Edges, candidate_edges, infer_dates, story_clusters, topic_clusters
from briefgen.group.editor import applicable, merge_stories, split_out, validate_editor
from briefgen.group.features import (
    ENTITY_BLOCKS,
    Counts,
    Features,
    Outlined,
    Settings,
    article_counts,
    dot,
    normalize_entity,
    shared_keys,
    surname,
    vector_layout,
    vectorized,
)
from briefgen.group.sparse import Vectors
from briefgen.models import AnalyzedArticle, Story, Topic, undated_join
from briefgen.text.outlets import AGENCIES, name_key, outlet_key
from briefgen.text.places import PLACE_ABBREVIATIONS, STATE_CODES
from briefgen.text.slugs import story_slug
from briefgen.titles import MAX_TITLE_WORDS, clean_title, lead_title, real_headline, sentence_case, spans, title_problem

__all__ = [
    "Counts",
    "Grouping",
    "Memory",
    "Settings",
    "article_counts",
    "assign_ids",
    "group",
    "group_all",
    "merged_ids",
    "previous_memory",
    "settings_for",
    "shared_keys",
    "topic_names",
    "topic_title",
    "validate_editor",
]


@dataclasses.dataclass(frozen=True)
class Grouping:
    """What grouping hands on: stories (each with its ``topic``), topics above them, and the published
    story ids this edition retires by merging, with the id each became (Briefing.merged)."""

    stories: list[Story]
    topics: list[Topic]
    merged: list[tuple[str, str]]


@dataclasses.dataclass(frozen=True)
class Memory:
    """The previous edition as grouping needs it (from its briefing.json): story id -> article ids,
    topic id -> article ids, and the retired story ids it already pointed on (old id -> id)."""

    stories: Mapping[str, Sequence[str]] = dataclasses.field(default_factory=dict)
    topics: Mapping[str, Sequence[str]] = dataclasses.field(default_factory=dict)
    merged: Mapping[str, str] = dataclasses.field(default_factory=dict)


def previous_memory(previous: Mapping[str, Any] | None) -> Memory:
    """Read the previous edition's briefing.json (None: a first edition); malformed parts are ignored."""
    if not previous:
        return Memory()
    stories = previous_stories(previous)
    topics: dict[str, list[str]] = {}
    for t in previous.get("topics", []) or []:
        if isinstance(t, dict) and isinstance(t.get("id"), str) and isinstance(t.get("stories", []), list):
            topics[t["id"]] = [a for sid in t.get("stories", []) for a in stories.get(sid, ())]
    merged = previous.get("merged") or {}
    return Memory(stories, topics, {str(k): str(v) for k, v in merged.items()} if isinstance(merged, dict) else {})


log = logging.getLogger(__name__)


def settings_for(config: BuildConfig) -> Settings:
    """Learned settings, with the config's grouping keys (their defaults are the learned values)."""
    return dataclasses.replace(
        Settings(), story_threshold=config.group_threshold, window_days=config.group_window_days, apart_days=config.group_apart_days
    )


def group(
    items: Sequence[Outlined],
    config: BuildConfig,
    previous: Mapping[str, Sequence[str]] | None = None,
    editor: Mapping[str, Any] | None = None,
    settings: Settings | None = None,
    counted: Sequence[Counts] | None = None,
) -> list[Story]:
    """Group articles into stories; ``previous`` maps old story ids to their article ids.
    ``counted``: each item's features.article_counts, if the caller has them (from its cache);
    without them the items must be AnalyzedArticles (their tokens are counted).
    The stories only; ``group_all`` gives topics and merged ids too."""
    return group_all(items, config, Memory(previous or {}), editor, settings, counted).stories


def group_all(
    items: Sequence[Outlined],
    config: BuildConfig,
    memory: Memory | None = None,
    editor: Mapping[str, Any] | None = None,
    settings: Settings | None = None,
    counted: Sequence[Counts] | None = None,
) -> Grouping:
    """Stories (one event each), the topics above them, and the ids retired by merges.
    ``memory``: the previous edition (``previous_memory``)."""
    if not items:
        return Grouping([], [], [])
    memory = memory or Memory()
    previous = memory.stories
    edit = validate_editor(dict(editor or {}))
    settings = settings or settings_for(config)
    if counted is None:  # counted once, for the story and the topic vectors
        if not all(isinstance(item, AnalyzedArticle) for item in items):
            raise TypeError("group_all: records without tokens (analyze.Parsed) need their counts passed")
        counted = [article_counts(item, settings.lead) for item in items if isinstance(item, AnalyzedArticle)]
    features, layout = vectorized(items, settings, counted)
    vectors = Vectors(*layout)
    dated = [Features(f.id, {}, f.date) for f in features]  # ids and own dates (the topics' candidates read no more)
    edges = candidate_edges(features, settings.topic_threshold / 4, vectors)
    features = infer_dates(features, edges, settings)
    index = {item.article.id: i for i, item in enumerate(items)}
    moved = {path for paths in edit["split"].values() for path in paths}
    kept = [[index[a] for a in arts if a in index and a not in moved] for _, arts in sorted((previous or {}).items())]
    clusters = story_clusters(features, settings, edges, initial=[g for g in kept if len(g) > 1], vectors=vectors)
    clusters = apart(clusters, [f.date for f in dated], [f.date for f in features], settings.apart_days, kept)
    pins: dict[int, str] = {}
    for i, item in enumerate(items):
        pin = edit["articles"].get(item.article.id) or item.article.story
        if pin:
            pins[i] = story_slug(pin)
    groups, group_pins = place_pins(clusters, pins)
    unsplit: list[str] = []  # the ids the stories would have without the file's splits
    if edit["split"]:
        unsplit = assign_ids(
            [[items[i].article.id for i in g] for g in groups], group_pins, [founding_article(items, g) for g in groups], previous or {}
        )
    edit = applicable(edit, [*(previous or {}), *pins.values(), *unsplit], [item.article.id for item in items])
    moved = {path for paths in edit["split"].values() for path in paths}
    groups, group_pins, excluded = split_out(groups, group_pins, edit["split"], index)
    founders = [founding_article(items, g) for g in groups]
    ids = assign_ids([[items[i].article.id for i in g] for g in groups], group_pins, founders, previous or {}, excluded)
    members: dict[str, list[int]] = defaultdict(list)
    pinned: set[str] = set()
    for g, sid, pin, ex in zip(groups, ids, group_pins, excluded, strict=True):
        members[sid].extend(g)  # a pin naming a story that lives on from the last edition joins it
        if pin or ex:
            pinned.add(sid)
    pinned |= merge_stories(members, edit["merge"], previous or {}, [item.article.id for item in items], moved)
    for sid in edit["titles"]:
        if sid not in members:
            log.warning("stories.yml: titles: story '%s' is not in this build", sid)
    stories = []
    written = written_names(items)  # once, for the stories' and the topics' names
    for sid, group_ in members.items():
        ordered = sorted(group_, key=lambda i: (items[i].article.date or "9999", items[i].article.id))
        title, source, origin = title_choice(items, ordered, features, vectors)
        if edit["titles"].get(sid):
            title, source, origin = edit["titles"][sid], "editor", ""
        stories.append(
            Story(
                id=sid,
                title=title,
                title_source=source,
                title_article=origin,
                articles=tuple(items[i].article.id for i in ordered),
                why=why_grouped(items, ordered, features, written=written, vectors=vectors),
                pinned=sid in pinned,
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    del features, edges, vectors  # memory: the topic pass makes its own
    topic_vectors = Vectors(*vector_layout(items, dataclasses.replace(settings, weights=settings.topic_weights), counted))
    topic_edges = candidate_edges(dated, settings.topic_link / 4, topic_vectors)
    del dated, topic_vectors
    stories, topics = make_topics(items, stories, topic_edges, settings, memory.topics, written)
    undated_stories(stories, {item.article.id: item.article.date for item in items})
    return Grouping(stories, topics, merged_ids(previous, stories, memory.merged))


def apart(
    clusters: Sequence[Sequence[int]],
    own: Sequence[dt.date | None],
    inferred: Sequence[dt.date | None],
    days: int,
    whole: Sequence[Sequence[int]] = (),
) -> list[list[int]]:
    """Each story cut where its own-dated articles stand more than ``days`` apart: one event's reports come within days
    of each other, and two events of one storyline weeks apart (a plane's disappearance and the search a month on, a
    revelation and the hearing it led to) share their cast and words, which the pair model's fade does not keep apart
    when the days between are bridged; the later event is a story of its own, in the same topic. A published story
    (``whole``: the previous edition's, which enter the clustering whole) is never cut: its dates count as one span, and
    only articles more than ``days`` from it are cut off. An article dated only by inference (``infer_dates``) or not at
    all goes with the part its inferred date falls in, or the nearest; with none, the largest part. ``days`` 0: no cut."""
    if not days:
        return [list(c) for c in clusters]
    owner = {i: k for k, g in enumerate(whole) for i in g}
    out: list[list[int]] = []
    for cluster in clusters:
        members = set(cluster)
        units: dict[object, list[int]] = {}  # a published story wholly in the cluster, or an article of its own
        for i in cluster:
            k = owner.get(i)
            key = ("story", k) if k is not None and set(whole[k]) <= members else ("article", i)
            units.setdefault(key, []).append(i)
        dated, loose = [], []
        for unit in units.values():
            dates = [d for i in unit if (d := own[i]) is not None]
            if dates:
                dated.append((min(dates), max(dates), unit))
            else:
                loose.append(unit)
        dated.sort(key=lambda u: (u[0], u[1], min(u[2])))
        parts: list[list[int]] = []
        spans: list[tuple[dt.date, dt.date]] = []  # each part's first and last own date
        for first, last, unit in dated:
            if not parts or (first - spans[-1][1]).days > days:
                parts.append([])
                spans.append((first, last))
            parts[-1].extend(unit)
            spans[-1] = (spans[-1][0], max(spans[-1][1], last))
        if len(parts) < 2:
            out.append(list(cluster))
            continue
        for unit in loose:
            guess = next((d for i in unit if (d := inferred[i]) is not None), None)
            if guess is None:
                best = max(range(len(parts)), key=lambda k: (len(parts[k]), -k))
            else:
                best = min(range(len(parts)), key=lambda k: (max((spans[k][0] - guess).days, (guess - spans[k][1]).days, 0), k))
            parts[best].extend(unit)
        out.extend(sorted(p) for p in parts)
    return out


def undated_stories(stories: Sequence[Story], dates: Mapping[str, str | None]) -> list[Story]:
    """The stories of two or more articles none of which carries a date, told to the user: their grouping rests on
    their words alone (a date inferred from similar articles may only separate), and the reports of one subject on
    different days share most of their words. On 2,095 BBC reports of 2004-2005 (no dates, one outlet), 156 of 160
    pairs of articles sampled from such stories were judged two events."""
    undated = [s for s in stories if undated_join(len(s.articles), any(dates.get(a) for a in s.articles))]
    if undated:
        log.warning(
            "%d %s articles that carry no date (%s): grouped by their words alone, they may hold reports "
            "of one subject on different days. Give the articles their dates (front matter date:, a dateline, a "
            "URL with the day) so that grouping can tell those days apart.",
            len(undated),
            "story joins" if len(undated) == 1 else "stories join",
            "; ".join(" and ".join(f"'{a}'" for a in s.articles[:2]) for s in undated[:2]) + ("; ..." if len(undated) > 2 else ""),
        )
    return undated


def make_topics(
    items: Sequence[Outlined],
    stories: Sequence[Story],
    edges: Edges,
    settings: Settings,
    previous: Mapping[str, Sequence[str]],
    written: Sequence[Written] | None = None,
) -> tuple[list[Story], list[Topic]]:
    """Topics above the stories (cluster.topic_clusters over ``edges``, the topic weights'
    similarities), each story's ``topic`` filled in.

    Topic ids last like story ids: each previous topic id goes to the new topic holding the
    largest part of its articles; a new topic gets ``t-`` and a hash of its first article.
    """
    index = {item.article.id: i for i, item in enumerate(items)}
    groups = topic_clusters([[index[a] for a in s.articles] for s in stories], edges, settings.topic_link)
    members = [[a for k in g for a in stories[k].articles] for g in groups]
    founders = [founding_article(items, [index[a] for a in arts]) for arts in members]
    ids = assign_ids(members, [None] * len(groups), founders, previous, prefix="t-")
    topic_of = {k: tid for g, tid in zip(groups, ids, strict=True) for k in g}
    out_stories = [dataclasses.replace(s, topic=topic_of[k]) for k, s in enumerate(stories)]
    names = topic_names([[stories[k] for k in g] for g in groups], items, index, written)
    topics = [
        Topic(tid, topic_title([stories[k] for k in g], known), tuple(stories[k].id for k in g))
        for g, tid, known in zip(groups, ids, names, strict=True)
    ]
    size = {s.id: len(s.articles) for s in stories}
    topics.sort(key=lambda t: (-sum(size[sid] for sid in t.stories), t.id))
    return out_stories, topics


def topic_title(stories: Sequence[Story], names: Sequence[str]) -> str:
    """A short name for the running subject.

    Several stories: its two names (``topic_names``), "Sarah Palin, Alaska", or its one name ("Facebook"); else the
    headline of the largest story that has a real one. One story: its title, unless that is no real headline
    (a caption, a page's furniture), then its names. (A story's headline names one event of the section, not its
    subject: judged blind on AllSides part B, 7 of 15 sections were titled so and none aptly.)"""
    if len(stories) > 1 and names:
        return ", ".join(names[:2])
    ranked = sorted(stories, key=lambda s: (-len(s.articles), s.id))
    fit = [s.title for s in ranked if title_problem(s.title) is None]
    whole = [t for t in fit if not t.endswith("…")]  # a headline, not a lead sentence cut short
    if whole or fit:
        return (whole or fit)[0]
    return ", ".join(names[:2]) if names else ranked[0].title


def follow_titles(topics: Sequence[Topic], stories: Sequence[Story], titles: Mapping[str, str]) -> list[Topic]:
    """``topics`` with a title that is one of its stories' grouping titles (``topic_title``) changed to that
    story's final title (``titles``: story id -> title, as the stories stage chose it)."""
    by_id = {s.id: s for s in stories}
    out = []
    for topic in topics:
        for sid in topic.stories:
            if sid in by_id and by_id[sid].title == topic.title and sid in titles:
                topic = dataclasses.replace(topic, title=titles[sid])
                break
        out.append(topic)
    return out


#: A name as the articles write it: capitalised, and a word or an acronym ("NASA"), not "U.S" cut short.
_NAME_SURFACE = re.compile(r"^[A-Z](?=.*(?:[a-z]{2}|[A-Z]{2}$))")


def topic_names(
    topics: Sequence[Sequence[Story]], items: Sequence[Outlined], index: Mapping[str, int], written: Sequence[Written] | None = None
) -> list[list[str]]:
    """Each topic's names (people, organisations, places) that at least half of its stories name
    (two at least, when it has several), most telling first: the share of its stories' articles
    naming it, times how rare it is among the topics (an agency or outlet every topic quotes, "Associated
    Press", "CNN", tells nothing), never a news agency or an outlet of the edition's articles. A person or
    organisation, then a place, when both are there."""
    shares: list[dict[str, float]] = []
    counts: list[Counter[str]] = []
    spelled: defaultdict[str, Counter[str]] = defaultdict(Counter)  # key -> how the topics' articles write it
    for stories in topics:
        share: defaultdict[str, float] = defaultdict(float)
        count: Counter[str] = Counter()
        for story in stories:
            per_article = [entity_surfaces(items, [index[a]], written) for a in story.articles]
            seen: Counter[str] = Counter(k for found in per_article for k, v in found.items() if _NAME_SURFACE.match(v))
            for found in per_article:
                for k, v in found.items():
                    spelled[k][v] += 1
            for k, n in seen.items():
                share[k] += n / len(story.articles) / len(stories)
                count[k] += 1
        shares.append(dict(share))
        counts.append(count)
    # as most articles write it, a dateline's capitals ("WASHINGTON") only when no article writes it otherwise
    surfaces = {k: min(c.items(), key=lambda kv: (kv[0].isupper() and len(kv[0]) > 5, -kv[1], kv[0]))[0] for k, c in spelled.items()}
    spread = Counter(k for named in shares for k in named)
    # who reports is not what a topic is about: the news agencies and the edition's own outlets ("Associated Press", "CNN")
    reporters = set(AGENCIES) | {outlet for item in items if (outlet := outlet_key(item.article))}
    out = []
    for stories, named, count in zip(topics, shares, counts, strict=True):
        need = max(2 if len(stories) > 1 else 1, (len(stories) + 1) // 2)
        rarity = {k: math.log((1 + len(topics)) / (1 + spread[k])) + 1 for k in named}
        shared = sorted((k for k in named if count[k] >= need), key=lambda k: (-named[k] * rarity[k], k))
        who = [k for k in shared if k.startswith("e:")]
        where = [k for k in shared if k.startswith("p:")]
        names: list[str] = []
        for key in ([who[0], where[0]] if who and where else []) + shared:
            label = surfaces[key]
            if label.rstrip(".").casefold() in PLACE_ABBREVIATIONS | STATE_CODES:
                continue  # "Fla" of "Sen. Marco Rubio (R-Fla.)": a party tag's state, not the subject's place
            if name_key(label) in reporters:
                continue
            if not any(label.lower() in o.lower() or o.lower() in label.lower() for o in names):
                names.append(label)
        out.append(names)
    return out


def merged_ids(previous: Mapping[str, Sequence[str]], stories: Sequence[Story], earlier: Mapping[str, str]) -> list[tuple[str, str]]:
    """(retired id, the id it became): a published story whose id is gone and most of whose articles
    are now in one story has merged into it. Ids the previous edition already pointed on follow
    along, so an old link keeps working edition after edition."""
    live = {s.id for s in stories}
    story_of = {a: s.id for s in stories for a in s.articles}
    out: dict[str, str] = {}
    for old_id, arts in sorted(previous.items()):
        if old_id in live:
            continue
        now = Counter(story_of[a] for a in arts if a in story_of)
        if now:
            target, n = min(now.items(), key=lambda kv: (-kv[1], kv[0]))
            if 2 * n > len(arts):
                out[old_id] = target
    for old_id, target in sorted(earlier.items()):
        target = out.get(target, target)
        if old_id not in live and old_id not in out and target in live:
            out[old_id] = target
    return sorted(out.items())


def place_pins(clusters: Sequence[Sequence[int]], pins: Mapping[int, str]) -> tuple[list[list[int]], list[str | None]]:
    """Pinned articles go to their pinned story; the rest of a cluster follows a pin only
    when more than half of the cluster is pinned to it (pinning one article out of a
    story moves that article, not the story)."""
    by_pin: dict[str, list[int]] = defaultdict(list)
    free: list[list[int]] = []
    for cluster in clusters:
        counts = Counter(pins[i] for i in cluster if i in pins)
        rest = [i for i in cluster if i not in pins]
        for i in cluster:
            if i in pins:
                by_pin[pins[i]].append(i)
        leader = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None
        if leader is not None and 2 * counts[leader] > len(cluster):
            by_pin[leader].extend(rest)
        elif rest:
            free.append(rest)
    groups = [sorted(g) for _, g in sorted(by_pin.items())] + free
    return groups, [*sorted(by_pin), *([None] * len(free))]


def founding_article(items: Sequence[Outlined], group: Sequence[int]) -> str:
    return min((items[i].article.date or "9999", items[i].article.id) for i in group)[1]


def new_id(founder: str, used: set[str], prefix: str = "s-") -> str:
    digest = hashlib.sha1(founder.encode("utf-8")).hexdigest()
    length = 8
    while prefix + digest[:length] in used:
        length += 2
    return prefix + digest[:length]


def assign_ids(
    clusters: Sequence[Sequence[str]],
    pins: Sequence[str | None],
    founders: Sequence[str],
    previous: Mapping[str, Sequence[str]],
    excluded: Sequence[frozenset[str]] | None = None,
    prefix: str = "s-",
) -> list[str]:
    """Keep each old id with the new group holding the largest part of it.

    A pinned group takes its pin as id. An unpinned group may inherit an old id
    that is also a pin (the caller then joins the two); new ids avoid both.
    ``excluded[k]`` lists old ids group ``k`` may not take (it was split from them).
    """
    ids: list[str | None] = list(pins)
    holding: defaultdict[str, set[int]] = defaultdict(set)  # article -> the groups holding it
    for k, cluster in enumerate(clusters):
        for a in cluster:
            holding[a].add(k)
    overlaps = []
    for old_id, old_articles in sorted(previous.items()):
        shares = Counter(k for a in set(old_articles) for k in holding.get(a, ()))
        for k, shared in shares.items():
            if ids[k] is None and not (excluded and old_id in excluded[k]):
                overlaps.append((-shared, -len(clusters[k]), old_id, k))
    taken: set[str] = set()
    for _, _, old_id, k in sorted(overlaps):
        if ids[k] is None and old_id not in taken:
            ids[k] = old_id
            taken.add(old_id)
    used = set(previous) | {p for p in pins if p}
    out = []
    for k, story_id in enumerate(ids):
        if story_id is None:
            story_id = new_id(founders[k], used, prefix)
            used.add(story_id)
        out.append(story_id)
    return out


def title_choice(
    items: Sequence[Outlined], group: Sequence[int], features: Sequence[Features], vectors: Vectors | None = None
) -> tuple[str, str, str]:
    """(title, where it came from, article) at grouping time: the headline of the most central article
    (closest to the rest of the story) that is a real headline ("headline"; "headline-central" when that
    article is the most central of all); failing that, the lead sentence (or its main clause) of the most
    central article that has one ("lead", ``lead_title``); else weaker lines ("fallback"). The stories stage
    may title the story again from its key points (titles.story_title). ``vectors``: the features' weights
    as sparse.Vectors, if the caller has them (the same centralities, from arrays)."""
    centrality: dict[int, float] = {}
    if vectors is not None:  # each sum as features.dot makes it (fsum: exact), the centroid summed in group order
        _, _, totals, at, entries = vectors.sums(group)
        mine, theirs = vectors.values[entries], totals[at]
        bounds = np.cumsum([0, *(vectors.hi[i] - vectors.lo[i] for i in group)]).tolist()
        for i, lo, hi in zip(group, bounds, bounds[1:], strict=False):
            centrality[i] = math.fsum((mine[lo:hi] * theirs[lo:hi]).tolist()) - math.fsum((mine[lo:hi] * mine[lo:hi]).tolist())
    else:
        centroid: defaultdict[str, float] = defaultdict(float)
        for i in group:
            for feature, w in features[i].weights.items():
                centroid[feature] += w
        for i in group:
            centrality[i] = dot(features[i].weights, centroid) - dot(features[i].weights, features[i].weights)
    # Closeness to the centroid, to 9 decimals: the sums carry rounding errors near 1e-16 of their size,
    # and closeness that is equal in exact arithmetic (in a story of two articles each one's is the dot
    # product of the two) must rank as a tie, so the article id decides and the title does not flip as
    # other articles move the weights. 9 decimals: far above those errors, below any difference that
    # tells two articles apart in a way a reader would see.
    ranked = sorted(group, key=lambda i: (-round(centrality[i], 9), items[i].article.id))
    for rank, i in enumerate(ranked):
        headline = real_headline(items[i])
        if headline:
            return headline, "headline-central" if rank == 0 else "headline", items[i].article.id
    for i in ranked:
        lead = lead_title(items[i])
        if lead:
            return lead, "lead", items[i].article.id
    for i in ranked:
        lead = lead_title(items[i], MAX_TITLE_WORDS)
        if lead:
            return lead, "lead", items[i].article.id
    for i in ranked:  # no lead makes a title: any article's own headline line, however weak, if whole
        title = clean_title(items[i].article.title)
        if not items[i].article.title_inferred and title_problem(title) in (None, "not a headline"):
            return sentence_case(title, items[i].article.text), "fallback", items[i].article.id
    first = items[ranked[0]]
    lines = spans(first)
    if first.article.title.endswith("…") and lines:  # the whole first sentence rather than a cut one
        sentence = clean_title(first.article.text[lines[0][1] : lines[0][2]]).rstrip(".")
        if len(sentence.split()) <= 2 * MAX_TITLE_WORDS:
            return sentence_case(sentence, first.article.text), "fallback", first.article.id
    return first.article.title, "fallback", first.article.id


def why_grouped(
    items: Sequence[Outlined],
    group: Sequence[int],
    features: Sequence[Features],
    limit: int = 6,
    written: Sequence[Written] | None = None,
    vectors: Vectors | None = None,
) -> tuple[str, ...]:
    """Names, then terms, found in at least two of the story's articles; most shared first (then of
    the larger weight summed over them). ``written``: every item's ``written_names``, ``vectors``: the
    features' weights as sparse.Vectors, if the caller has them."""
    if len(group) < 2:
        return ()
    seen: Counter[str] = Counter()
    total: defaultdict[str, float] = defaultdict(float)
    if vectors is not None:
        held_terms, held, totals, _, _ = vectors.sums(group)
        for t, n, w in zip(held_terms.tolist(), held.tolist(), totals.tolist(), strict=True):
            key = vectors.terms[t]
            if n >= 2 and key[0] in "epwt":
                seen[key], total[key] = n, w
    else:
        for i in group:
            for key, w in features[i].weights.items():
                if key[0] in "epwt":
                    seen[key] += 1
                    total[key] += w
    surfaces = entity_surfaces(items, group, written)
    names = [k for k in seen if seen[k] >= 2 and k in surfaces]
    terms = [k for k in seen if seen[k] >= 2 and k[0] in "wt"]
    out: list[str] = []
    texts = [items[i].article.text for i in group]
    for keys in (names, terms):
        for key in sorted(keys, key=lambda k: (-seen[k], -total[k], k)):
            label = surfaces.get(key) or term_label(key, texts)
            low = f" {label.lower()} "
            if any(low in f" {o.lower()} " or f" {o.lower()} " in low for o in out):
                continue
            out.append(label)
            if len(out) >= limit:
                return tuple(out)
    return tuple(out)


def term_label(key: str, texts: Sequence[str]) -> str:
    """A grouping term as a reader writes it: a month or a day as the pages write dates ("Oct 2021", "5 Oct 2021"), a
    word as most of ``texts`` write it inside a sentence ("Facebook", "Kraft": a name the tagger missed; "church"),
    else as counted (the word's lower-case lemma)."""
    block, term = key.split(":", 1)
    if block == "t" and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", term):
        try:
            day = dt.date.fromisoformat(term if len(term) == 10 else term + "-01")
        except ValueError:
            return term
        return f"{day:%b %Y}" if len(term) == 7 else f"{day.day} {day:%b %Y}"
    if block != "w":
        return term
    forms: Counter[str] = Counter()
    pattern = re.compile(rf"(?<![\w'’-]){re.escape(term)}(?![\w'’-])", re.I)
    for text in texts:
        for m in pattern.finditer(text):
            before = text[: m.start()].rstrip(" \"“‘'(")
            if before and before[-1] not in ".!?:\n":  # a sentence's first word is capitalised whatever it is
                forms[m.group(0)] += 1
    if not forms:
        return term
    best, count = max(forms.items(), key=lambda kv: (kv[1], kv[0] == term, kv[0]))
    return best if count > forms.get(term, 0) else term


#: Each person, organisation and place an article names, as (feature key, how it is written, the key
#: of the surname of a person's full name or ""), with how often (``written_names``).
Written = Counter[tuple[str, str, str]]


def written_names(items: Sequence[Outlined]) -> list[Written]:
    """Each article's names (``Written``); a mention text is read once however many articles hold it."""
    known: dict[tuple[str, str], tuple[str, str, str] | None] = {}
    out = []
    for item in items:
        found: Written = Counter()
        for m in item.mentions:
            named = known.get((m.label, m.text), ())
            if named == ():
                named = known[m.label, m.text] = entity_name(m.label, m.text)
            if named:
                found[named] += 1
        out.append(found)
    return out


def entity_surfaces(items: Sequence[Outlined], group: Sequence[int], written: Sequence[Written] | None = None) -> dict[str, str]:
    """Feature key -> how the articles write it; a surname key shows the full name. ``written``: every
    item's ``written_names``, if the caller has them."""
    seen: dict[str, dict[str, int]] = {}  # key -> surface -> mentions
    full: dict[str, dict[str, int]] = {}  # surname key -> full name -> mentions
    for i in group:
        for (key, surface, last), n in (written[i] if written is not None else written_names([items[i]])[0]).items():
            spelled = seen.get(key)
            if spelled is None:
                spelled = seen[key] = {}
            spelled[surface] = spelled.get(surface, 0) + n
            if last:  # "Lukashenko" shows as the full name
                spelled = full.get(last)
                if spelled is None:
                    spelled = full[last] = {}
                spelled[surface] = spelled.get(surface, 0) + n
    return {k: _most_written(full.get(k) or c) for k, c in seen.items()}


def _most_written(spelled: Mapping[str, int]) -> str:
    """The way most mentions write it; of equal counts the longer, then the first in text order."""
    if len(spelled) == 1:
        return next(iter(spelled))
    return min(spelled.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]


_POSSESSIVE = re.compile(r"[’']s$")
_ARTICLE = re.compile(r"^(the|a|an)\s+", flags=re.I)


def entity_name(label: str, text: str) -> tuple[str, str, str] | None:
    """A person, organisation or place mention's feature key, how it is written ("the" and a
    possessive "'s" left out), and for a person's full name the key of the surname ("" otherwise);
    None for other mentions and ones that name nothing."""
    block = ENTITY_BLOCKS.get(label)
    if not block or label == "NORP":
        return None
    key = normalize_entity(text)
    surface = _ARTICLE.sub("", _POSSESSIVE.sub("", " ".join(text.split()))).strip(" .,:;-")
    if not key or not surface:
        return None
    last = surname(key) if label == "PERSON" else key
    return f"{block}:{key}", surface, f"{block}:{last}" if last != key else ""
