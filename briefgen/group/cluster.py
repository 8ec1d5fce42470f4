"""Sparse clustering: candidate pairs from an inverted index, then average link, twice.

Nothing here compares every article with every other one. Each article is
indexed under its strongest features; a feature held by few articles links
them all, a common one links each article only to its nearest neighbours in
time (blocking by time window). So each article gets a bounded number of
candidates, and the work grows about linearly with the archive (the benchmark
times 500 and 5,000 articles).

Pass one groups articles into blocks (two prison escapes, say: the same kind
of thing) by average link over the corpus-wide cosines. Then each candidate
pair gets its features (pairs.py: block cosines, shared and differing names,
conflicting years and figures, time apart, and its cosine re-weighted by
rarity *within its block*, where the name every article shares stops
counting), a learned logistic model gives the probability that the two report
one event, and average link over those probabilities (the mean over all pairs
of two groups, a missing pair counting as zero) makes the stories: it keeps
two similar events apart where single link would chain them together. Last
edition's stories enter already whole: they can grow or merge, never split.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np

from briefgen.group.features import Features, Settings, ordered_sums, surname, time_factor
from briefgen.group.pairs import COEFFICIENTS, NAMES, PairFeatures, probabilities
from briefgen.group.sparse import SparseRows, Vectors

CANDIDATE_FEATURES = 40  # per article, for retrieval
MAX_POSTINGS = 50  # a feature shared by more articles links each only to its nearest in time:
NEIGHBOURS = 10  # this many on each side, in date order

#: Average link rescores a group with more neighbours than this over arrays, fewer in a loop: about where the
#: two took the same time here (numpy's cost per call against the loop's per neighbour). Either gives the same.
MANY_NEIGHBOURS = 64

#: Pairs are read back from their arrays in chunks of this many: a bound on the Python objects alive
#: at once (about 2 MiB of them), large enough that numpy's cost per call does not count. Not tuned.
CHUNK = 1 << 14


class Pairs(Mapping[tuple[int, int], float]):
    """Article pairs (i < j) with a value each, as three numpy arrays sorted by (i, j): the same
    mapping and order as ``sorted(dict)`` of ``(i, j) -> value``, without a tuple and a dict entry per
    pair (memory: at 1,982 articles the candidate pairs' dict and its time-weighed copy were 31 MiB).
    Iterating gives the pairs in sorted order; values come back as the same Python floats."""

    def __init__(self, i: np.ndarray, j: np.ndarray, value: np.ndarray) -> None:
        self.i, self.j, self.value = i, j, value

    @classmethod
    def of(cls, pairs: Mapping[tuple[int, int], float]) -> Pairs:
        """From any mapping of pairs: kept as it is if already Pairs, else sorted."""
        if isinstance(pairs, Pairs):
            return pairs
        items = sorted(pairs.items())
        return cls(
            np.array([i for (i, _), _ in items], dtype=np.int64),
            np.array([j for (_, j), _ in items], dtype=np.int64),
            np.array([v for _, v in items], dtype=np.float64),
        )

    def where(self, keep: np.ndarray, value: np.ndarray | None = None) -> Pairs:
        """The pairs where ``keep`` holds, with ``value`` (one per pair) in place of theirs if given."""
        return Pairs(self.i[keep], self.j[keep], (self.value if value is None else value)[keep])

    def __len__(self) -> int:
        return len(self.value)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for (i, j), _ in self.sorted_items():
            yield i, j

    def __getitem__(self, key: tuple[int, int]) -> float:
        i, j = key
        lo, hi = np.searchsorted(self.i, i, "left"), np.searchsorted(self.i, i, "right")
        at = lo + int(np.searchsorted(self.j[lo:hi], j))
        if at < hi and self.j[at] == j:
            return float(self.value[at])
        raise KeyError(key)

    def sorted_items(self) -> Iterator[tuple[tuple[int, int], float]]:
        """((i, j), value) in (i, j) order, read in chunks."""
        for at in range(0, len(self), CHUNK):
            part = slice(at, at + CHUNK)
            yield from zip(zip(self.i[part].tolist(), self.j[part].tolist(), strict=True), self.value[part].tolist(), strict=True)

    def runs(self) -> Iterator[tuple[int, slice]]:
        """(i, the slice of the pairs whose first article is i), by i."""
        if not len(self):
            return
        starts = np.flatnonzero(np.diff(self.i)) + 1
        bounds = [0, *starts.tolist(), len(self)]
        for lo, hi in itertools.pairwise(bounds):
            yield int(self.i[lo]), slice(lo, hi)


Edges = Pairs


def sorted_items(edges: Mapping[tuple[int, int], float]) -> Iterator[tuple[tuple[int, int], float]]:
    """((i, j), value) of any mapping of pairs, in (i, j) order."""
    return edges.sorted_items() if isinstance(edges, Pairs) else iter(sorted(edges.items()))


def candidate_edges(features: Sequence[Features], floor: float, vectors: Vectors | None = None) -> Edges:
    """Cosine similarities >= ``floor`` of article pairs that share one of their strongest features
    (time is weighed later, once undated articles have their inferred dates: ``weigh``).

    Each article is indexed under its CANDIDATE_FEATURES strongest features. A
    feature held by at most MAX_POSTINGS articles links them all; a commoner one
    (a big story's main name, a word of the trade) links each article only to its
    NEIGHBOURS nearest in time. So the candidates per article are bounded, and
    the work grows linearly with the archive. ``vectors``: the features' weights as sparse.Vectors, if
    the caller has them (then only the features' ids and dates are read).
    """
    vectors = Vectors.of([f.weights for f in features]) if vectors is None else vectors
    when = [(f.date.toordinal() if f.date else 0, f.id) for f in features]
    first, second = candidate_pairs(vectors, when)
    rows = vectors.rows()
    firsts: list[np.ndarray] = []
    seconds: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for i, run in Pairs(first, second, second).runs():
        others = second[run]
        products = np.array(rows.dots(i, others), dtype=np.float64)
        keep = products >= floor
        seconds.append(others[keep])
        values.append(products[keep])
        firsts.append(np.full(len(values[-1]), i, dtype=np.int64))
    if not values:
        return Pairs.of({})
    return Pairs(np.concatenate(firsts), np.concatenate(seconds), np.concatenate(values))


#: Candidate pairs are gathered for this many articles at a time (memory: at most 40 features times
#: 50 postings each, 16 bytes a pair, about 32 MiB). Not tuned.
PAIR_BLOCK = 1000


def candidate_pairs(vectors: Vectors, when: Sequence[tuple[int, str]]) -> tuple[np.ndarray, np.ndarray]:
    """The article pairs (i < j, sorted) that share one of their CANDIDATE_FEATURES strongest features
    (largest weight first, then the key's text), by ``candidate_edges``' rule: a feature held by at most
    MAX_POSTINGS articles links them all, a commoner one each article to its NEIGHBOURS nearest on each
    side in ``when`` order (date, then id)."""
    n = len(vectors)
    rank = np.empty(len(vectors.terms), dtype=np.int32)  # each term's place in the terms' text order
    rank[sorted(range(len(vectors.terms)), key=vectors.terms.__getitem__)] = np.arange(len(vectors.terms), dtype=np.int32)
    tops = [np.zeros(0, dtype=np.int64)]
    for r0 in range(0, n, PAIR_BLOCK):  # each article's strongest features, PAIR_BLOCK articles at a time (memory)
        r1 = min(n, r0 + PAIR_BLOCK)
        a, b = int(vectors.lo[r0]), int(vectors.hi[r1 - 1])
        sizes = vectors.hi[r0:r1] - vectors.lo[r0:r1]
        row = np.repeat(np.arange(r1 - r0), sizes)
        order = np.lexsort((rank[vectors.ids[a:b]], -vectors.values[a:b], row))  # by article, strongest first
        first = vectors.lo[r0:r1] - a  # each article's first entry in ``order``
        keep = np.minimum(sizes, CANDIDATE_FEATURES)
        tops.append(a + order[np.repeat(first - (np.cumsum(keep) - keep), keep) + np.arange(int(keep.sum()))])
    top = np.concatenate(tops)
    del tops
    top_row = np.repeat(np.arange(n, dtype=np.int64), np.minimum(vectors.hi - vectors.lo, CANDIDATE_FEATURES))
    top_term = vectors.ids[top].astype(np.int64)
    held = np.bincount(top_term, minlength=len(vectors.terms))
    common = held > MAX_POSTINGS
    time_rank = np.empty(n, dtype=np.int64)
    time_rank[sorted(range(n), key=when.__getitem__)] = np.arange(n)
    postings = np.lexsort((np.where(common[top_term], time_rank[top_row], top_row), top_term))  # by term: articles, or their times
    posting_row = top_row[postings]
    start = np.concatenate([[0], np.cumsum(held)])
    place = np.empty(len(postings), dtype=np.int64)
    place[postings] = np.arange(len(postings))
    at = place - start[top_term]  # each top feature's place among its term's postings
    # the postings each top feature links to: a rare term's later articles (j > i in article order), a
    # common term's neighbours on both sides (those after i kept below)
    lo = np.where(common[top_term], start[top_term] + np.maximum(0, at - NEIGHBOURS), start[top_term] + at + 1)
    hi = np.where(common[top_term], np.minimum(start[top_term + 1], start[top_term] + at + NEIGHBOURS + 1), start[top_term + 1])
    firsts, seconds = [], []
    bounds = np.searchsorted(top_row, np.arange(0, n + PAIR_BLOCK, PAIR_BLOCK))
    for a, b in itertools.pairwise(bounds.tolist()):
        sizes = hi[a:b] - lo[a:b]
        starts = np.cumsum(sizes) - sizes
        linked = posting_row[np.repeat(lo[a:b] - starts, sizes) + np.arange(int(sizes.sum()))]
        owner = np.repeat(top_row[a:b], sizes)
        codes = np.sort(owner[linked > owner] * n + linked[linked > owner])
        codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])] if len(codes) else codes  # each pair once
        firsts.append(codes // n)
        seconds.append(codes % n)
    if not firsts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


#: How many of an undated article's most similar dated articles vote on its date (their median).
#: Three is the smallest count with a median that one stray neighbour cannot move.
DATE_VOTERS = 3


def infer_dates(features: Sequence[Features], edges: Mapping[tuple[int, int], float], settings: Settings) -> list[Features]:
    """An undated article takes the median date of its DATE_VOTERS most similar dated articles
    (cosine >= topic_threshold), when they agree within ``window_days``; when they do not (two
    same-kind events years apart, say) it stays undated. For grouping only: never the article's date."""
    near: dict[int, list[tuple[float, int]]] = defaultdict(list)
    edges = Pairs.of(edges)
    for (i, j), sim in edges.where(edges.value >= settings.topic_threshold).sorted_items():
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


def weigh(features: Sequence[Features], edges: Mapping[tuple[int, int], float], settings: Settings) -> Edges:
    """Corpus-wide similarity times the time factor (settings.window_days, fade, undated). An inferred
    date (``infer_dates``) may only separate: a pair with one counts as undated, or less when the
    inferred dates are further apart than the window."""

    pairs = Pairs.of(edges)
    day = np.array([f.date.toordinal() if f.date is not None else -1 for f in features], dtype=np.int64)
    inferred = np.array([f.inferred for f in features], dtype=bool)
    a, b = pairs.i, pairs.j
    gap = np.where((day[a] >= 0) & (day[b] >= 0), np.abs(day[a] - day[b]), -1)  # -1: undated
    kinds, first, back = np.unique(gap, return_index=True, return_inverse=True)
    # the factor of each gap (or of no date), from one pair that has it: time_factor is the rule
    table = [time_factor(features[a[k]].date, features[b[k]].date, settings.window_days, settings.fade, settings.undated) for k in first]
    factors = np.array(table, dtype=np.float64)[back.reshape(-1)] if len(kinds) else np.zeros(0)
    factors = np.where(inferred[a] | inferred[b], np.minimum(factors, settings.undated), factors)
    return Pairs(a, b, pairs.value * factors)


def average_link(
    nodes: Sequence[int], edges: Mapping[tuple[int, int], float], threshold: float, initial: Sequence[Sequence[int]] = ()
) -> list[list[int]]:
    """Merge the two groups of highest mean pair similarity while it stays >= ``threshold``; of equal
    means, the pair (a, b), a < b, with the smallest a, then b.

    ``initial`` groups (last edition's stories) start merged, so they are never split.

    Each group keeps the sums of its pairs' similarities with its neighbours (``link``, a dict each;
    each sum added up in (i, j) order of the pairs); the pair to merge is found from each group's best
    neighbour above it (two arrays, value and neighbour), not from a heap of every pair (memory: in the
    first pass at 1,982 articles the heap grew to 414,000 entries, stale ones included, for 137,549
    pairs). A merge of b into a recomputes the best neighbour of a and of each group whose best it was
    a or b, and compares the new mean of each group that was b's neighbour. (With no negative
    similarity a group that was a's neighbour only needs nothing: its mean with the larger group can
    only fall, and it was not its best.)"""
    root = {i: i for i in nodes}
    members: dict[int, list[int]] = {i: [i] for i in nodes}
    for group in initial:
        heads = sorted({root[i] for i in group if i in root})
        for head in heads[1:]:
            for i in members.pop(head):
                root[i] = heads[0]
                members[heads[0]].append(i)
    size = 1 + max(root, default=-1)  # every article's index: a group folded into another by ``initial`` keeps its slot
    pairs = Pairs.of(edges)
    link = _links(root, pairs, size)
    falls = bool((pairs.value >= 0).all())  # no negative similarity: a mean with a growing group only falls
    del pairs
    sizes = [0] * size  # each group's size
    for a, group_ in members.items():
        sizes[a] = len(group_)
    counts = np.array(sizes, dtype=np.int64)  # the same, for rescoring many neighbours at once
    best = np.full(size, -np.inf)  # each group's highest mean with a neighbour above it (-inf: none)
    partner = np.full(size, -1, dtype=np.int64)  # that neighbour (the smallest, of equal means)

    def rescore(a: int) -> None:
        value, other = -math.inf, -1
        n = sizes[a]
        near = link[a]
        if len(near) > MANY_NEIGHBOURS:  # the same means (each total over the product of the sizes), as arrays
            keys = np.fromiter(near.keys(), dtype=np.int64, count=len(near))
            above = keys > a
            if above.any():
                keys = keys[above]
                means = np.fromiter(near.values(), dtype=np.float64, count=len(near))[above] / (n * counts[keys])
                value = float(means.max())
                other = int(keys[means == value].min())
            best[a], partner[a] = value, other
            return
        for c, total in near.items():
            if c > a:
                mean = total / (n * sizes[c])
                if mean > value or (mean == value and c < other):
                    value, other = mean, c
        best[a], partner[a] = value, other

    for a in members:
        rescore(a)
    while len(best):
        a = int(np.argmax(best))  # the first of equal maxima: the smallest a
        if not best[a] >= threshold:
            break
        b = int(partner[a])
        members[a].extend(members.pop(b))
        sizes[a], sizes[b] = sizes[a] + sizes[b], 0
        counts[a], counts[b] = sizes[a], 0
        best[b], partner[b] = -np.inf, -1
        joined = link.pop(b)
        mine = link[a]
        for c, total in joined.items():
            theirs = link[c]
            theirs.pop(b, None)
            if c != a:
                mine[c] = theirs[a] = mine.get(c, 0.0) + total
                if a < c < b and partner[c] == b:  # its best neighbour is gone, and a is below it
                    rescore(c)
        rescore(a)
        n = sizes[a]
        if falls:  # the groups below a whose best was a or b, then b's other neighbours below a
            lost = set(np.flatnonzero((partner[:a] == a) | (partner[:a] == b)).tolist())
            for c in lost:
                rescore(c)
            near = [c for c in joined if c < a and c not in lost]
        else:
            near = []
            for c in mine:
                if c < a:
                    if partner[c] in (a, b):
                        rescore(c)
                    else:
                        near.append(c)
        for c in near:
            mean = mine[c] / (sizes[c] * n)
            if mean > best[c] or (mean == best[c] and a < partner[c]):
                best[c], partner[c] = mean, a
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _links(root: Mapping[int, int], edges: Pairs, size: int) -> dict[int, dict[int, float]]:
    """Each group's neighbours and the sum of its pairs' similarities with each, added in (i, j)
    order of the pairs (pairs within one group, or with an article not in ``root``, left out)."""
    identity = all(k == v for k, v in root.items()) and len(root) == size  # every article 0..size-1 its own group
    if identity and not len(edges):
        low, high, total = edges.i, edges.j, edges.value
    elif identity and edges.i.min() >= 0 and edges.j.max() < size and (edges.i < edges.j).all() and ordered_pairs(edges):
        low, high, total = edges.i, edges.j, 0.0 + edges.value  # each pair once, in order (the first pass): nothing to add up
    else:
        head = np.full(max(size, 1 + int(edges.i.max(initial=-1)), 1 + int(edges.j.max(initial=-1))), -1, dtype=np.int64)
        head[np.fromiter(root, dtype=np.int64, count=len(root))] = np.fromiter(root.values(), dtype=np.int64, count=len(root))
        a, b = head[edges.i], head[edges.j]
        keep = (a >= 0) & (b >= 0) & (a != b)
        a, b, value = a[keep], b[keep], edges.value[keep]
        del keep
        pair, at = np.unique(np.minimum(a, b) * size + np.maximum(a, b), return_inverse=True)
        del a, b
        total = np.zeros(len(pair))
        np.add.at(total, at.reshape(-1), value)  # one pair at a time, in order: the sums a loop over the pairs makes
        del at, value
        low, high = pair // size, pair % size
        del pair
    # memory: one int object per group and one float per pair, each shared by both groups' dicts
    groups = {g: g for g in root.values()}
    number = [groups.get(g, g) for g in range(size)]
    sums = total.tolist()
    del total
    link: dict[int, dict[int, float]] = {g: {} for g in groups}
    by_high = np.argsort(high, kind="stable")
    up = np.searchsorted(low, np.arange(size + 1)).tolist()  # group g's neighbours above it: pairs up[g]:up[g + 1]
    down = [0, *np.cumsum(np.bincount(high, minlength=size)).tolist()]  # below it: pairs by_high[down[g]:down[g + 1]]
    for g in link:  # a group's neighbours at a time (no list of every pair's neighbour)
        below = by_high[down[g] : down[g + 1]].tolist()
        keys = [*map(number.__getitem__, high[up[g] : up[g + 1]].tolist()), *map(number.__getitem__, low[below].tolist())]
        link[g] = dict(zip(keys, [*sums[up[g] : up[g + 1]], *map(sums.__getitem__, below)], strict=True))
    return link


def ordered_pairs(pairs: Pairs) -> bool:
    """Whether each pair comes once, in (i, j) order."""
    di, dj = np.diff(pairs.i), np.diff(pairs.j)
    return bool(((di > 0) | ((di == 0) & (dj > 0))).all())


def local_rows(vectors: Vectors, blocks: Sequence[Sequence[int]]) -> SparseRows:
    """The vectors of the articles of each block of LOCAL_BLOCK or more articles, re-weighted by rarity
    within their block (a feature that m of its b articles hold is multiplied by log((1 + b) / (1 + m)),
    so one every article has gets weight zero; one no other article has is left out), each of length
    one. Other articles' rows are empty."""
    n, terms = len(vectors), len(vectors.terms)
    kept: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]  # the entries kept, and their new weights
    weights: list[np.ndarray] = [np.zeros(0)]
    large = [g for g in blocks if len(g) >= LOCAL_BLOCK]
    at = 0
    while at < len(large):  # blocks of about PAIR_BLOCK articles together (memory)
        chunk = large[at : at + 1]
        while at + len(chunk) < len(large) and sum(map(len, chunk)) < PAIR_BLOCK:
            chunk.append(large[at + len(chunk)])
        at += len(chunk)
        rows = np.concatenate([np.asarray(g, dtype=np.int64) for g in chunk])
        block = np.repeat(np.arange(len(chunk)), [len(g) for g in chunk])
        sizes = vectors.hi[rows] - vectors.lo[rows]
        entries = np.repeat(vectors.lo[rows] - (np.cumsum(sizes) - sizes), sizes) + np.arange(int(sizes.sum()))
        block = np.repeat(block, sizes)
        _, back, held = np.unique(block * terms + vectors.ids[entries], return_inverse=True, return_counts=True)
        df = held[back.reshape(-1)]  # how many of the block's articles hold the entry's feature
        entries, block, df = entries[df > 1], block[df > 1], df[df > 1]
        members = np.array([len(g) for g in chunk], dtype=np.int64)[block]
        kinds, first, back = np.unique(members * (n + 2) + df, return_index=True, return_inverse=True)
        table = [math.log((1 + int(members[k])) / (1 + int(df[k]))) for k in first.tolist()]
        kept.append(entries)
        weights.append(vectors.values[entries] * (np.array(table, dtype=np.float64)[back.reshape(-1)] if len(kinds) else np.zeros(0)))
    entries, values = np.concatenate(kept), np.concatenate(weights)
    del kept, weights
    order = np.argsort(entries, kind="stable")  # back in article order, each article's in its own
    entries, values = entries[order], values[order]
    del order
    counts = np.bincount(np.searchsorted(vectors.hi, entries, side="right"), minlength=n)[:n]
    hi = np.cumsum(counts)
    lo = hi - counts
    norms = np.sqrt(ordered_sums(values * values, lo, hi))
    norms[norms == 0.0] = 1.0
    values /= np.repeat(norms, counts)
    return SparseRows.from_arrays(lo, hi, vectors.ids[entries], values, terms)


#: Blocks smaller than this keep the corpus-wide cosine as their ``local`` feature: in a block of a
#: few articles, most often one event's, re-weighting by rarity zeroes what they all share.
LOCAL_BLOCK = 3
#: The fewest articles a block's share is read over (``pair_rows``): a site of fewer is taken as a sample
#: of a larger stream, where one block of all its articles (the two reports of one event) tells nothing
#: of the archive. Set by its meaning, not tuned: above the few dozen articles of a small site, below the
#: 135 of the smallest corpus the model is fitted on, so the fit and its scores do not depend on it.
SELECTIVE_OVER = 100


def date_telling(features: Sequence[Features], pairs: Pairs, window_days: int) -> float:
    """How much two dates within the window tell that two articles report one event: 1 - the share of
    the candidate pairs of two really dated articles (inferred dates do not count) that are within
    ``window_days``. Near 0 for a week or a month of news, where every pair is near in time and most
    near pairs are different events; about 0.4 on ECB+ dev (events of a kind years apart); 1 when no
    pair of dated articles is a candidate (nothing to scale). A base rate of the archive itself, not
    a setting: the pair model (pairs.PairFeatures) weighs the same time by it."""
    if not window_days:
        return 1.0
    day = np.array([f.date.toordinal() if f.date is not None and not f.inferred else -1 for f in features], dtype=np.int64)
    a, b = day[pairs.i], day[pairs.j]
    dated = (a >= 0) & (b >= 0)
    if not dated.any():
        return 1.0
    return 1.0 - float(np.count_nonzero(np.abs(a - b)[dated] <= window_days)) / float(np.count_nonzero(dated))


def pair_matrix(features: Sequence[Features], edges: Mapping[tuple[int, int], float], settings: Settings) -> tuple[Pairs, np.ndarray]:
    """The candidate pairs (sorted) and their features (pairs.NAMES), one row each (``pair_rows``
    in one matrix: for fitting the model; a build reads the rows a chunk at a time)."""
    pairs = Pairs.of(edges)
    chunks = [x for _, x in pair_rows(features, pairs, settings)]
    return pairs, np.concatenate(chunks) if chunks else np.empty((0, len(NAMES)))


def pair_rows(
    features: Sequence[Features], edges: Pairs, settings: Settings, vectors: Vectors | None = None
) -> Iterator[tuple[int, np.ndarray]]:
    """The features (pairs.NAMES) of the candidate pairs ``edges`` (sorted), as (first pair, matrix)
    chunks of CHUNK rows: never the whole matrix (memory: 144 bytes a pair, 19 MiB at 1,982
    articles and about 1.7 million pairs at 20,000).

    Pass one groups articles into blocks (the same kind of thing) by average link over the
    time-weighed corpus-wide cosines at ``topic_threshold``; each pair's ``local`` feature is its
    cosine re-weighted by rarity within its block (``local_rows``; blocks of fewer than three
    articles keep the corpus-wide cosine), zero across blocks. Being in one block (``same_block``)
    says as much as the block is selective: 1 less the block's share of the articles, so a block
    that holds most of the archive (a year of one country's politics, one cast throughout) no longer
    lifts every pair in it. (A corpus-wide indicator, it was fitted where blocks are small, ECB+'s
    topics, and joined the events of 45 of them into 15 stories when one block held them all.)

    The blocks depend on the articles alone, never on last edition's stories: started from those
    stories, average link's greedy order changed, articles moved between blocks and the pairs'
    probabilities with them, so a rebuild over the very same articles merged stories the full build
    kept apart (13 of 406 at 4,950 synthetic articles, each two repeats of one event a year apart).
    Stories stay whole where they must, in the story pass (``stories_from``)."""
    timed = weigh(features, edges, settings)
    timed = timed.where(timed.value >= settings.topic_threshold / 4)
    blocks = average_link(range(len(features)), timed, settings.topic_threshold)
    del timed  # memory: the blocks are all that is kept of the first pass
    block_of = np.zeros(len(features), dtype=np.int64)
    local = np.zeros(len(features), dtype=bool)  # re-weighted within its block (LOCAL_BLOCK)
    selective = np.zeros(len(features))  # what sharing its block tells: 1 - the block's share of the articles
    for t, group in enumerate(blocks):
        block_of[group] = t
        selective[group] = 1.0 - len(group) / max(len(features), SELECTIVE_OVER)
        if len(group) >= LOCAL_BLOCK:
            local[group] = True
    vectors = Vectors.of([f.weights for f in features]) if vectors is None else vectors
    within = local_rows(vectors, blocks)
    facts = PairFeatures(features, settings.window_days, date_telling(features, edges, settings.window_days), vectors)

    def batches() -> Iterator[np.ndarray]:
        """The pairs' rows, a few runs (about CHUNK pairs) at a time."""
        parts: list[tuple[np.ndarray, ...]] = []
        held = 0
        for i, run in edges.runs():  # by i, then by j
            others, sims = edges.j[run], edges.value[run]
            block_sims, shared = facts.compare(i, others)
            locals_ = np.asarray(within.dots(i, others)) if local[i] else sims
            same = block_of[others] == block_of[i]
            parts.append((np.full(len(others), i), others, sims, np.where(same, locals_, 0.0), same * selective[i], block_sims, shared))
            held += len(others)
            if held >= CHUNK:
                yield facts.rows(*(np.concatenate(part, axis=-1) for part in zip(*parts, strict=True)))
                parts, held = [], 0
        if parts:
            yield facts.rows(*(np.concatenate(part, axis=-1) for part in zip(*parts, strict=True)))

    first = 0  # the pair number of the next chunk's first row
    waiting = np.empty((0, len(NAMES)))
    for rows in batches():
        waiting = np.concatenate([waiting, rows]) if len(waiting) else rows
        while len(waiting) >= CHUNK:
            yield first, np.array(waiting[:CHUNK])
            waiting, first = waiting[CHUNK:], first + CHUNK
    if len(waiting):
        yield first, np.array(waiting)


def story_clusters(
    features: Sequence[Features],
    settings: Settings,
    edges: Mapping[tuple[int, int], float] | None = None,
    initial: Sequence[Sequence[int]] = (),
    coefficients: Sequence[float] = COEFFICIENTS,
    vectors: Vectors | None = None,
) -> list[list[int]]:
    """Stories: average link over the candidate pairs' probabilities of being one event (pairs.py's
    model with ``coefficients`` over ``pair_rows``), merging while the mean probability between
    two groups (a missing pair counting zero) stays >= ``settings.story_threshold``.

    ``edges``: candidate_edges' cosines (computed here when not given). ``features`` should carry
    inferred dates already (``infer_dates``). ``initial`` groups are kept together (and may grow or
    merge). ``vectors``: the features' weights as sparse.Vectors, if the caller has them."""
    if edges is None:
        edges = candidate_edges(features, settings.topic_threshold / 4, vectors)
    pairs = Pairs.of(edges)
    probability = np.empty(len(pairs))
    for first, x in pair_rows(features, pairs, settings, vectors):  # CHUNK rows at a time, never the whole matrix
        probability[first : first + len(x)] = probabilities(x, coefficients)
    stories = stories_from(len(features), pairs, probability, settings.story_threshold, initial)
    return attach_singletons(stories, features, pairs, probability, settings)


def stories_from(
    n: int, pairs: Iterable[tuple[int, int]], probability: np.ndarray, threshold: float, initial: Sequence[Sequence[int]] = ()
) -> list[list[int]]:
    """Average link over the pairs' probabilities at ``threshold``. Pairs below a quarter of it are
    left out (they would count about as a missing pair does, and cost time)."""
    if isinstance(pairs, Pairs):
        kept: Mapping[tuple[int, int], float] = pairs.where(probability >= threshold / 4, probability)
    else:
        kept = {pair: q for pair, q in zip(pairs, probability.tolist(), strict=True) if q >= threshold / 4}
    return average_link(range(n), kept, threshold, initial)


#: How many of a story's named participants a lone article must name to join it (``attach_singletons``):
#: one shared name is a long-running subject ("Obama", a surname two people share), two are the same
#: people or bodies at work. Set by the rule's meaning, not tuned. At the defaults it moves 2 ECB+ dev
#: and 5 Multi-News articles, 6 to their own event's story (the 7th to a story of two that average link
#: had already mixed, one of its own event's articles and one of another's).
ATTACH_PARTICIPANTS = 2


def participants(names: Iterable[str]) -> set[str]:
    """Named participants (people, organisations: 'e:' keys), one each: a surname key that is the
    surname of a full name among them ("e:lohan" beside "e:lindsay lohan") is not a second participant."""
    keys = set(names)
    full = {surname(k[2:]) for k in keys if surname(k[2:]) != k[2:]}
    return {k for k in keys if k[2:] not in full}


def attach_singletons(
    stories: Sequence[Sequence[int]],
    features: Sequence[Features],
    pairs: Iterable[tuple[int, int]],
    probability: np.ndarray,
    settings: Settings,
) -> list[list[int]]:
    """A story of one article left over by average link joins the one story of several articles it
    is clearly closest to: it names at least ATTACH_PARTICIPANTS of that story's participants (the
    names of the who-block, people and organisations, that at least half of its articles name), no
    other story of several articles it was compared with (a candidate pair) shares as many with it,
    one of the story's articles is the same event by the standard
    two groups need to merge (pair probability >= ``settings.story_threshold``), and its date (a
    real or an inferred one) is within ``window_days`` of one of the story's dates when both have
    dates. ``settings.attach`` turns the rule on (learned: benchmarks/grouping.py --learn).

    Multi-News gathers an event's background pieces with its reports; they share its people but not
    its date, place or figures, so average link over all pairs leaves them alone. A lone article
    joining one story is a smaller risk than two stories merging, which this never does. Each lone
    article is decided against the stories as average link left them (order does not matter)."""
    if not settings.attach:
        return [list(s) for s in stories]
    story_of = {i: k for k, s in enumerate(stories) for i in s}
    best = lone_options(stories, pairs, probability)  # (lone article, story) -> its highest pair probability
    names: dict[int, frozenset[str]] = {}

    def names_of(i: int) -> frozenset[str]:
        if i not in names:
            names[i] = frozenset(k for k in features[i].weights if k.startswith("e:"))
        return names[i]

    core: dict[int, frozenset[str]] = {}
    for k in sorted({k for _, k in best}):
        held = Counter(name for i in stories[k] for name in names_of(i))
        core[k] = frozenset(name for name, c in held.items() if 2 * c >= len(stories[k]))
    moves: dict[int, int] = {}
    by_article: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (i, k), q in sorted(best.items()):
        by_article[i].append((k, q))
    for i, options in sorted(by_article.items()):
        shared = {k: len(participants(names_of(i) & core[k])) for k, _ in options}
        top = max(shared.values())
        fit = [(k, q) for k, q in options if shared[k] == top]
        if top < ATTACH_PARTICIPANTS or len(fit) > 1:
            continue
        k, q = fit[0]
        day = features[i].date
        days = [d for j in stories[k] if (d := features[j].date) is not None]
        if q < settings.story_threshold or (day is not None and days and min(abs((day - d).days) for d in days) > settings.window_days):
            continue
        moves[i] = k
    out = [list(s) for s in stories]
    for i, k in sorted(moves.items()):
        out[story_of[i]].remove(i)
        out[k].append(i)
    return sorted((sorted(s) for s in out if s), key=lambda s: s[0])


def lone_options(
    stories: Sequence[Sequence[int]], pairs: Iterable[tuple[int, int]], probability: np.ndarray
) -> dict[tuple[int, int], float]:
    """(article alone in its story, a story of several articles it was compared with) -> the highest
    probability of its pairs with that story's articles (at least 0.0)."""
    if isinstance(pairs, Pairs):
        first, second = pairs.i, pairs.j
    else:
        listed = list(pairs)
        first = np.array([i for i, _ in listed], dtype=np.int64)
        second = np.array([j for _, j in listed], dtype=np.int64)
    if not len(first):
        return {}
    top_index = max(int(first.max()), int(second.max()), *(max(s, default=-1) for s in stories))
    story_of = np.full(1 + top_index, -1, dtype=np.int64)
    size = np.zeros(len(stories), dtype=np.int64)
    for k, s in enumerate(stories):
        story_of[np.asarray(s, dtype=np.int64)] = k
        size[k] = len(s)
    if (story_of[first] < 0).any() or (story_of[second] < 0).any():
        raise KeyError("attach_singletons: a pair's article is in no story")
    whose, which, value = [], [], []
    for a, b in ((first, second), (second, first)):
        fit = (size[story_of[a]] == 1) & (size[story_of[b]] > 1)
        whose.append(a[fit])
        which.append(story_of[b[fit]])
        value.append(probability[fit])
    code = np.concatenate(whose) * len(stories) + np.concatenate(which)
    values = np.concatenate(value)
    order = np.argsort(code, kind="stable")
    code, values = code[order], values[order]
    starts = np.flatnonzero(np.diff(code, prepend=-1))
    top = np.maximum(np.maximum.reduceat(values, starts), 0.0) if len(starts) else values
    return {(int(c) // len(stories), int(c) % len(stories)): float(q) for c, q in zip(code[starts].tolist(), top.tolist(), strict=True)}


def topic_clusters(stories: Sequence[Sequence[int]], edges: Mapping[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Stories -> topics: average link over the cosines of the stories' articles by the topic
    weights (Settings.topic_weights; no time fade: a topic such as "Indonesian earthquakes" runs
    for years). Stories are never split. Returns lists of story numbers."""
    n = 1 + max((i for s in stories for i in s), default=-1)
    merged = average_link(range(n), edges, threshold, stories)
    story_of = {i: k for k, s in enumerate(stories) for i in s}
    return [sorted({story_of[i] for i in group}) for group in merged]
