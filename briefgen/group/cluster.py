"""Sparse clustering: candidate pairs from an inverted index, then average link, twice.

Nothing here compares every article with every other one. Each article is
indexed under its strongest features; a feature held by few articles links
them all, a common one links each article only to its nearest neighbours in
time (blocking by time window). So each article gets a bounded number of
candidates, and the work grows about linearly with the archive (the benchmark
times 500 and 5,000 articles).

Pass one groups articles by topic (two prison escapes, say) with corpus-wide
weights. Pass two re-weights each topic's articles by how rare each feature is
*within the topic*: the name every article of the topic shares stops counting,
and what tells one event from another (the other people, the place, the year)
decides. Average link (the mean similarity over all pairs of two groups, a
missing pair counting as zero) keeps two similar events apart where single
link would chain them together. Last edition's stories enter both passes
already whole: they can grow or merge, never split.
"""

from __future__ import annotations

import dataclasses
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from briefgen.group.features import Features, Settings, dot, time_factor

CANDIDATE_FEATURES = 40  # per article, for retrieval
MAX_POSTINGS = 50  # a feature shared by more articles links each only to its nearest in time:
NEIGHBOURS = 10  # this many on each side, in date order

Edges = dict[tuple[int, int], float]


def candidate_edges(features: Sequence[Features], floor: float) -> Edges:
    """Cosine similarities >= ``floor`` of article pairs that share one of their strongest features
    (time is weighed later, once undated articles have their inferred dates: ``weigh``).

    Each article is indexed under its CANDIDATE_FEATURES strongest features. A
    feature held by at most MAX_POSTINGS articles links them all; a commoner one
    (a big story's main name, a word of the trade) links each article only to its
    NEIGHBOURS nearest in time. So the candidates per article are bounded, and
    the work grows linearly with the archive.
    """
    index: dict[str, list[int]] = defaultdict(list)
    top: list[list[str]] = []
    for i, f in enumerate(features):
        keys = sorted(f.weights, key=lambda k: (-f.weights[k], k))[:CANDIDATE_FEATURES]
        top.append(keys)
        for key in keys:
            index[key].append(i)
    when = [(f.date.toordinal() if f.date else 0, f.id) for f in features]
    position: dict[str, dict[int, int]] = {}
    for key, postings in index.items():
        if len(postings) > MAX_POSTINGS:
            postings.sort(key=lambda i: when[i])
            position[key] = {i: p for p, i in enumerate(postings)}
    rows = SparseRows(features)
    edges: Edges = {}
    for i, keys in enumerate(top):
        cands: set[int] = set()
        for key in keys:
            postings = index[key]
            if key in position:
                p = position[key][i]
                postings = postings[max(0, p - NEIGHBOURS) : p + NEIGHBOURS + 1]
            cands.update(j for j in postings if j > i)
        others = sorted(cands)
        for j, product in zip(others, rows.dots(i, others), strict=True):
            if product >= floor:
                edges[(i, j)] = product
    return edges


#: How many of an undated article's most similar dated articles vote on its date (their median).
#: Three is the smallest count with a median that one stray neighbour cannot move.
DATE_VOTERS = 3


def infer_dates(features: Sequence[Features], edges: Edges, settings: Settings) -> list[Features]:
    """An undated article takes the median date of its DATE_VOTERS most similar dated articles
    (cosine >= topic_threshold), when they agree within ``window_days``; when they do not (two
    same-kind events years apart, say) it stays undated. For grouping only: never the article's date."""
    near: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), sim in edges.items():
        if sim < settings.topic_threshold:
            continue
        if features[i].date is None and features[j].date is not None:
            near[i].append((-sim, j))
        if features[j].date is None and features[i].date is not None:
            near[j].append((-sim, i))
    out = list(features)
    for i, votes in near.items():
        days = sorted(features[j].date for _, j in sorted(votes)[:DATE_VOTERS])  # type: ignore[type-var]
        if len(days) < 2 or (days[-1] - days[0]).days > settings.window_days:  # type: ignore[operator]
            continue
        out[i] = dataclasses.replace(features[i], date=days[(len(days) - 1) // 2], inferred=True)
    return out


def evidence(features: Sequence[Features]) -> Callable[[int, int], bool]:
    """``proven(i, j)``: the two articles share a named participant (a person or organisation:
    the entity block) *and* a specific time, place or number (a date, year, place or figure).
    The same kind of event with other names, or the same names at another time, is not proof."""
    who = [frozenset(k for k in f.weights if k.startswith("e:")) for f in features]
    what = [frozenset(k for k in f.weights if k[:2] in ("p:", "t:", "n:")) for f in features]

    def proven(i: int, j: int) -> bool:
        return not who[i].isdisjoint(who[j]) and not what[i].isdisjoint(what[j])

    return proven


def weigh(features: Sequence[Features], edges: Edges, settings: Settings) -> Edges:
    """Corpus-wide similarity times the time factor (settings.window_days, fade, undated)."""
    return {
        (i, j): sim * time_factor(features[i].date, features[j].date, settings.window_days, settings.fade, settings.undated)
        for (i, j), sim in edges.items()
    }


class SparseRows:
    """The feature vectors as arrays of term numbers and weights, for one article's dot products
    with many others in a few numpy operations (the pairs were most of grouping's time)."""

    def __init__(self, features: Sequence[Features]) -> None:
        number: dict[str, int] = {}
        self.ids: list[np.ndarray] = []
        self.values: list[np.ndarray] = []
        for f in features:
            self.ids.append(np.array([number.setdefault(k, len(number)) for k in f.weights], dtype=np.int64))
            self.values.append(np.fromiter(f.weights.values(), dtype=np.float64, count=len(f.weights)))
        self.dense = np.zeros(max(1, len(number)))

    def dots(self, i: int, others: Sequence[int]) -> list[float]:
        """Dot products of row ``i`` with each row of ``others``."""
        filled = [j for j in others if len(self.ids[j])]  # reduceat needs no empty row
        if not filled or not len(self.ids[i]):
            return [0.0] * len(others)
        self.dense[self.ids[i]] = self.values[i]
        try:
            sizes = np.array([len(self.ids[j]) for j in filled])
            products = self.dense[np.concatenate([self.ids[j] for j in filled])] * np.concatenate([self.values[j] for j in filled])
            sums = dict(zip(filled, np.add.reduceat(products, np.cumsum(sizes) - sizes).tolist(), strict=True))
            return [sums.get(j, 0.0) for j in others]
        finally:
            self.dense[self.ids[i]] = 0.0


def average_link(
    nodes: Sequence[int], edges: Mapping[tuple[int, int], float], threshold: float, initial: Sequence[Sequence[int]] = ()
) -> list[list[int]]:
    """Merge the two groups of highest mean pair similarity while it stays >= ``threshold``.

    ``initial`` groups (last edition's stories) start merged, so they are never split.
    """
    root = {i: i for i in nodes}
    members: dict[int, list[int]] = {i: [i] for i in nodes}
    for group in initial:
        heads = sorted({root[i] for i in group if i in root})
        for head in heads[1:]:
            for i in members.pop(head):
                root[i] = heads[0]
                members[heads[0]].append(i)
    link: dict[int, dict[int, float]] = {i: {} for i in members}
    for (i, j), sim in sorted(edges.items()):
        if i in root and j in root and root[i] != root[j]:
            a, b = root[i], root[j]
            link[a][b] = link[a].get(b, 0.0) + sim
            link[b][a] = link[a][b]
    heap = [(-total / (len(members[a]) * len(members[b])), a, b) for a in sorted(link) for b, total in sorted(link[a].items()) if a < b]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if -neg < threshold:
            break
        if a not in members or b not in members:
            continue
        if abs(link[a].get(b, 0.0) / (len(members[a]) * len(members[b])) + neg) > 1e-12:
            continue  # stale entry
        members[a].extend(members.pop(b))
        for c, total in sorted(link.pop(b).items()):
            link[c].pop(b, None)
            if c != a:
                link[a][c] = link[a].get(c, 0.0) + total
                link[c][a] = link[a][c]
        for c, total in sorted(link[a].items()):
            heapq.heappush(heap, (-total / (len(members[a]) * len(members[c])), min(a, c), max(a, c)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def local_vectors(features: Sequence[Features], group: Sequence[int]) -> dict[int, dict[str, float]]:
    """Re-weight by rarity within ``group``: a feature every member has gets weight zero."""
    m = len(group)
    df: Counter[str] = Counter()
    for i in group:
        df.update(features[i].weights.keys())
    out = {}
    for i in group:
        vec = {k: w * math.log((1 + m) / (1 + df[k])) for k, w in features[i].weights.items() if df[k] > 1}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        out[i] = {k: w / norm for k, w in vec.items()}
    return out


def story_threshold(settings: Settings, size: int) -> float:
    """Topic-local similarities run higher in small topics (fewer features survive the
    re-weighting), so the bar rises there: threshold * (small_topic / size) ** small_power."""
    if size >= settings.small_topic:
        return settings.story_threshold
    return settings.story_threshold * (settings.small_topic / size) ** settings.small_power


def story_clusters(
    features: Sequence[Features], settings: Settings, edges: Edges | None = None, initial: Sequence[Sequence[int]] = ()
) -> list[list[int]]:
    """Topic groups by corpus-wide weights, then stories within each topic by topic-local weights.

    ``edges``: candidate_edges' cosines (computed here when not given). ``features`` should carry
    inferred dates already (``infer_dates``). ``initial`` groups are kept together (and may grow or
    merge) in both passes. A pair counts fully in the story pass only with specific evidence
    (``evidence``); otherwise times ``settings.unproven``.
    """
    if edges is None:
        edges = candidate_edges(features, settings.topic_threshold / 4)
    timed = {k: v for k, v in weigh(features, edges, settings).items() if v >= settings.topic_threshold / 4}
    blocks = average_link(range(len(features)), timed, settings.topic_threshold, initial)
    by_block: dict[int, Edges] = defaultdict(dict)
    block_of = {i: t for t, group in enumerate(blocks) for i in group}
    for (i, j), sim in timed.items():
        if block_of[i] == block_of[j]:
            by_block[block_of[i]][(i, j)] = sim
    initial_of: dict[int, list[Sequence[int]]] = defaultdict(list)
    for group in initial:
        if group:
            initial_of[block_of[group[0]]].append(group)
    proven = evidence(features)
    stories: list[list[int]] = []
    for t, group in enumerate(blocks):
        if len(group) < 3:
            if len(group) == 2 and not proven(group[0], group[1]) and settings.unproven == 0 and not initial_of[t]:
                stories.extend([[group[0]], [group[1]]])
            else:
                stories.append(group)
            continue
        local = local_vectors(features, group) if settings.local else {}
        local_edges = {}
        for (i, j), timed_sim in by_block[t].items():
            sim = timed_sim * (1 - settings.local)  # corpus-wide cosine, already times the time factor
            if settings.local:
                sim += settings.local * dot(local[i], local[j]) * time_factor(
                    features[i].date, features[j].date, settings.window_days, settings.fade, settings.undated)
            local_edges[(i, j)] = sim if proven(i, j) else sim * settings.unproven
        stories.extend(average_link(group, local_edges, story_threshold(settings, len(group)), initial_of[t]))
    return sorted(stories, key=lambda m: m[0])


def topic_clusters(stories: Sequence[Sequence[int]], edges: Edges, threshold: float) -> list[list[int]]:
    """Stories -> topics: average link over the cosines of the stories' articles by the topic
    weights (Settings.topic_weights; no time fade: a topic such as "Indonesian earthquakes" runs
    for years). Stories are never split. Returns lists of story numbers."""
    n = 1 + max((i for s in stories for i in s), default=-1)
    merged = average_link(range(n), edges, threshold, stories)
    story_of = {i: k for k, s in enumerate(stories) for i in s}
    return [sorted({story_of[i] for i in group}) for group in merged]
