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

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from briefgen.group.features import Features, Settings, dot, time_factor

CANDIDATE_FEATURES = 40  # per article, for retrieval
MAX_POSTINGS = 50  # a feature shared by more articles links each only to its nearest in time:
NEIGHBOURS = 10  # this many on each side, in date order

Edges = dict[tuple[int, int], float]


def candidate_edges(features: Sequence[Features], floor: float, window_days: int, fade: float = 1.0) -> Edges:
    """Similarities >= ``floor`` of article pairs that share one of their strongest features.

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
        a = features[i]
        others = sorted(cands)
        for j, product in zip(others, rows.dots(i, others), strict=True):
            sim = product * time_factor(a.date, features[j].date, window_days, fade)
            if sim >= floor:
                edges[(i, j)] = sim
    return edges


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

    ``initial`` groups are kept together (and may grow or merge) in both passes.
    """
    if edges is None:
        edges = candidate_edges(features, settings.topic_threshold / 4, settings.window_days, settings.fade)
    topics = average_link(range(len(features)), edges, settings.topic_threshold, initial)
    by_topic: dict[int, Edges] = defaultdict(dict)
    topic_of = {i: t for t, group in enumerate(topics) for i in group}
    for (i, j), sim in edges.items():
        if topic_of[i] == topic_of[j]:
            by_topic[topic_of[i]][(i, j)] = sim
    initial_of: dict[int, list[Sequence[int]]] = defaultdict(list)
    for group in initial:
        if group:
            initial_of[topic_of[group[0]]].append(group)
    stories: list[list[int]] = []
    for t, group in enumerate(topics):
        if len(group) < 3:
            stories.append(group)
            continue
        local = local_vectors(features, group)
        local_edges = {
            (i, j): dot(local[i], local[j]) * time_factor(features[i].date, features[j].date, settings.window_days, settings.fade)
            for (i, j) in by_topic[t]
        }
        stories.extend(average_link(group, local_edges, story_threshold(settings, len(group)), initial_of[t]))
    return sorted(stories, key=lambda m: m[0])
