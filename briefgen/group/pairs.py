"""Candidate pairs -> the probability that the two articles report one event, by a small learned model.

Each candidate pair (cluster.candidate_edges: never all pairs) gets a few features that say
*what kind* of evidence the two articles share or contradict, and a logistic model over them
(fitted by ``benchmarks/grouping.py --learn`` inside each cross-validation fold; the
coefficients in ``COEFFICIENTS`` are its fit on all the labelled data) turns them into a
probability. Average link over those probabilities makes the stories (cluster.py).

The features, each a plain measurement of the pair:

- the similarity of each evidence block alone (words, people and organisations, places,
  time, numbers) and of all together (the weighted cosine);
- the same named participants: whether a person or organisation is shared, and the Jaccard
  overlap of the names (what else they name: the *other* participants of two events differ);
- years: whether both name years and none is shared, and whether their latest years differ
  (a long-running subject's articles of 2011 and of 2018 name different years);
- numbers: whether both give figures (a toll, a sum) and none is shared;
- time apart: ``log(gap / window)`` beyond ``window_days`` for two dated articles, and
  whether either article has no date. An *inferred* date (cluster.infer_dates) counts only
  here, where it can only push apart: never as a sign of the same time.
- days apart within the window: ``log(1 + days)`` (at most the window) for two really dated
  articles, 0 when either date is missing or inferred (an inferred date is right to within the
  window, not to the day). A day's roundups of one storyline weeks apart (a committee formed,
  then its first hearing) share their cast and words; their days tell them apart. It may only
  separate; fitted with AllSides part A it weighs -0.60, -0.55 since the fit settles (README, *One storyline, many days*).
- The same time is evidence of one event only as far as the archive's dates tell its events
  apart (``telling``, cluster.date_telling): the time block's similarity counts times
  ``telling``. (Being dated once counted times ``telling`` too; it then took one value for every
  pair of an archive of dated articles, 0.32 in BASIL part A, 0 in AllSides, and the fit over four
  corpora used it as each archive's own intercept. Now ``undated`` is 1 when either date is
  missing or inferred, 0 else.) Over years of news (ECB+: two events of a kind years
  apart) it is about 0.4; in a week of news it is 0, and being published the same days then
  lifts no pair: two events of one country in the same week (a ship seized and a missile
  test) are kept apart by what they name, not joined by when.
- the length of the shorter article (the log of its feature count): a short page's cosine
  rests on a few words;
- within the pair's block (cluster.py's first pass: articles about the same kind of thing),
  the cosine re-weighted by rarity *within the block*: a name every article of the block
  shares stops counting, and what tells one event from another decides; and whether the two
  are in one block, counted as far as the block is selective (1 less its share of the articles:
  a block of the whole archive tells nothing).

Deterministic: no random start, a fixed number of Newton steps (IRLS) with an L2 penalty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from briefgen.group.features import BLOCKS, YEAR, Features, ordered_sums
from briefgen.group.sparse import Vectors

NAMES = (
    "bias",
    "cosine",
    "words",
    "names",
    "places",
    "time",
    "numbers",
    "name_shared",
    "name_overlap",
    "place_overlap",
    "year_conflict",
    "latest_year_differs",
    "number_conflict",
    "far_apart",
    "undated",
    "short",
    "local",
    "same_block",
    "days_apart",
)

_TIME = BLOCKS.index("t")  # the time block, the one ``PairFeatures.telling`` scales

#: The model's coefficients, in NAMES order: the logistic fit on all the candidate pairs of four corpora
#: (``benchmarks/grouping.py --multinews CSV --clusters BASIL_A --clusters ALLSIDES_A --learn`` prints it):
#: ECB+ dev (two events of one kind per topic, the hard case), the Multi-News sample (one event a cluster,
#: mostly undated), BASIL part A (benchmarks/basil.py: 45 events of ten years of US politics, each told by
#: three outlets; one cast throughout) and AllSides part A (benchmarks/allsides.py: 177 days' roundups of
#: 2021, one storyline's days each an event). Nested cross-validation over the four (settings chosen inside
#: each fold, precision >= 0.95 asked on each corpus): ECB+ P 0.971 R 0.777, Multi-News P 0.977 R 0.806,
#: BASIL part A P 0.978 R 1.000, AllSides part A P 0.952 R 0.795 (README, *One storyline, many days*); with the fit
#: settled (``fit`` holds ``far_apart`` at zero out of the Newton step) 0.968/0.775, 0.977/0.805, 0.978/1.000, 0.954/0.798.
COEFFICIENTS: tuple[float, ...] = (
    -6.18,
    6.16,
    8.41,
    0.40,
    0.66,
    4.84,
    0.52,  # bias, cosine, words, names, places, time, numbers
    0.47,
    -2.16,
    -0.63,  # name_shared, name_overlap, place_overlap
    -0.63,
    0.09,
    -0.76,  # year_conflict, latest_year_differs, number_conflict
    0.00,
    -0.31,
    -0.37,
    3.10,
    4.01,  # far_apart, undated, short, local, same_block
    -0.55,  # days_apart
)

#: The L2 penalty of the fit (on every coefficient but the bias): enough to keep the weights of
#: rare features (a year conflict seen in few pairs) from running away; fixed, not tuned.
L2 = 1.0
#: Newton steps of the fit; the fits converge in under ten on both corpora.
STEPS = 25


def counted(key: str) -> bool:
    """Whether the pair features count ``key`` as shared or not: every name (people and organisations),
    place and figure, and of the time block only the years; words count only in their cosine."""
    return key[0] in "epn" or (key[0] == "t" and YEAR.fullmatch(key[2:]) is not None)


_NAMES, _PLACES, _YEARS, _NUMBERS = (BLOCKS.index(b) for b in "eptn")


class PairFeatures:
    """Per-article facts the pair features read, as arrays: each article's block vectors (its vector cut
    into the evidence blocks, BLOCKS, by the key's first letter, each normalised to length one) side by
    side, how many names, places, years and figures it holds, its latest year, date and size.

    ``compare(i, js)`` gives article ``i``'s block cosines with each of ``js`` and the names, places,
    years and figures they share, in a few numpy operations; ``rows`` turns those into the pairs'
    features (NAMES), many pairs at once. (Memory: the block vectors take 13 bytes a weight; kept as
    dicts and sets for every article they were 17 MiB at 1,982 articles.)"""

    def __init__(self, features: Sequence[Features], window_days: int, telling: float = 1.0, vectors: Vectors | None = None) -> None:
        """``vectors``: the features' weights as sparse.Vectors, if the caller has them."""
        self.window_days = window_days
        self.telling = telling  # how much the same time tells (cluster.date_telling)
        vectors = Vectors.of([f.weights for f in features]) if vectors is None else vectors
        n, width = len(features), len(BLOCKS)
        self.size = vectors.hi - vectors.lo
        block_of_term = np.array([BLOCKS.index(t[0]) if t[0] in BLOCKS else width for t in vectors.terms], dtype=np.int8)
        kept = np.array([counted(t) for t in vectors.terms], dtype=bool)
        year = np.array([int(t[2:]) if t[0] == "t" and kept[k] else -1 for k, t in enumerate(vectors.terms)], dtype=np.int64)
        row = vectors.row_of_entries()
        key = row.astype(np.int64) * (width + 1) + block_of_term[vectors.ids]  # each article's entries block by block
        del row
        if (np.diff(key) >= 0).all() and not (key % (width + 1) == width).any():
            order = None  # already so (vectorize makes them so): the arrays are shared, not copied
            self.ids, weights = vectors.ids, vectors.values
        else:
            order = np.argsort(key, kind="stable")
            order = order[key[order] % (width + 1) < width]  # a key of no block counts in the size only
            self.ids, weights = vectors.ids[order], vectors.values[order]
            key = key[order]
        segments = np.bincount(key // (width + 1) * width + key % (width + 1), minlength=n * width)
        del key, order
        self.bounds = np.concatenate([[0], np.cumsum(segments)])  # segment s (article s // width, block s % width)
        norms = np.sqrt(ordered_sums(weights * weights, self.bounds[:-1], self.bounds[1:]))
        norms[norms == 0.0] = 1.0
        self.values = weights / np.repeat(norms, segments)
        self.counted = kept[self.ids]
        running = np.concatenate([[0], np.cumsum(self.counted, dtype=np.int64)])
        self.held = (running[self.bounds[1:]] - running[self.bounds[:-1]]).reshape(n, width).T  # per block and article: its counted keys
        self.latest = np.full(n, -1, dtype=np.int64)  # each article's latest year named
        at = np.flatnonzero(self.counted & (year[self.ids] >= 0))
        article = (np.searchsorted(self.bounds, at, side="right") - 1) // width
        np.maximum.at(self.latest, article, year[self.ids[at]])
        self.day = np.array([f.date.toordinal() if f.date is not None else -1 for f in features], dtype=np.int64)
        self.inferred = np.array([f.inferred for f in features], dtype=bool)
        self._dense = np.zeros(max(1, len(vectors.terms)))
        self._present = np.zeros(max(1, len(vectors.terms)), dtype=bool)

    def compare(self, i: int, js: np.ndarray | Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Article ``i`` against each of ``js``: its block cosines (one row per block, BLOCKS order;
        each the block's products summed by ``np.add.reduceat`` in the other article's order) and the
        counted keys (``counted``) the two share, per block."""
        width = len(BLOCKS)
        js = np.asarray(js, dtype=np.int64)
        sims = np.zeros(len(js) * width)
        shared = np.zeros(len(js) * width, dtype=np.int64)
        lo, hi = int(self.bounds[i * width]), int(self.bounds[(i + 1) * width])
        segments = (js[:, None] * width + np.arange(width)).reshape(-1)
        starts, sizes = self.bounds[segments], self.bounds[segments + 1] - self.bounds[segments]
        filled = sizes > 0  # reduceat needs no empty segment
        if lo < hi and filled.any():
            starts, sizes = starts[filled], sizes[filled]
            offsets = np.cumsum(sizes) - sizes
            at = np.repeat(starts - offsets, sizes) + np.arange(int(offsets[-1] + sizes[-1]))
            mine = self.ids[lo:hi]
            self._dense[mine] = self.values[lo:hi]
            self._present[mine] = True
            try:
                terms = self.ids[at]
                sims[filled] = np.add.reduceat(self._dense[terms] * self.values[at], offsets)
                shared[filled] = np.add.reduceat((self._present[terms] & self.counted[at]).astype(np.int64), offsets)
            finally:
                self._dense[mine] = 0.0
                self._present[mine] = False
        return sims.reshape(len(js), width).T, shared.reshape(len(js), width).T

    def rows(
        self,
        i: np.ndarray,
        j: np.ndarray,
        cosine: np.ndarray,
        local: np.ndarray,
        same_block: np.ndarray,
        sims: np.ndarray,
        shared: np.ndarray,
    ) -> np.ndarray:
        """The features (NAMES) of the pairs ``(i[k], j[k])``, one row each: ``cosine``, ``local`` and
        ``same_block`` per pair, ``sims`` and ``shared`` from ``compare`` (one row per block)."""
        x = np.empty((len(i), len(NAMES)))
        x[:, 0] = 1.0
        x[:, 1] = cosine
        for b in range(len(BLOCKS)):
            x[:, 2 + b] = sims[b] * self.telling if b == _TIME else sims[b]
        held_i, held_j = self.held[:, i], self.held[:, j]
        both = (held_i > 0) & (held_j > 0)  # per block: both articles hold some
        x[:, 7] = shared[_NAMES] > 0
        x[:, 8] = _jaccard(shared[_NAMES], held_i[_NAMES], held_j[_NAMES])
        x[:, 9] = _jaccard(shared[_PLACES], held_i[_PLACES], held_j[_PLACES])
        x[:, 10] = both[_YEARS] & (shared[_YEARS] == 0)
        x[:, 11] = both[_YEARS] & (self.latest[i] != self.latest[j])
        x[:, 12] = both[_NUMBERS] & (shared[_NUMBERS] == 0)
        day_i, day_j = self.day[i], self.day[j]
        dated = (day_i >= 0) & (day_j >= 0)
        gap = np.abs(day_i - day_j)
        far = dated & (gap > self.window_days) if self.window_days else np.zeros(len(i), dtype=bool)
        x[:, 13] = 0.0
        x[far, 13] = _logs(gap[far] / self.window_days) if far.any() else 0.0
        real = dated & ~self.inferred[i] & ~self.inferred[j]
        x[:, 14] = np.where(real, 0.0, 1.0)
        x[:, 15] = _logs(1 + np.minimum(self.size[i], self.size[j]))
        x[:, 16] = local
        x[:, 17] = same_block
        x[:, 18] = 0.0
        if real.any():
            x[real, 18] = _logs(1.0 + (np.minimum(gap[real], self.window_days) if self.window_days else gap[real]))
        return x

    def row(
        self, i: int, j: int, cosine: float, local: float = 0.0, same_block: float = 0.0, sims: Sequence[float] | None = None
    ) -> list[float]:
        """One pair's features (NAMES). ``sims``: its block cosines (in BLOCKS order), when the caller
        has them."""
        block_sims, shared = self.compare(i, [j])
        if sims is not None:
            block_sims = np.array(sims, dtype=np.float64).reshape(-1, 1)
        one = np.array([i]), np.array([j])
        return [float(v) for v in self.rows(*one, np.array([cosine]), np.array([local]), np.array([same_block]), block_sims, shared)[0]]


def _jaccard(shared: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|A & B| / |A | B| from the sizes, 0.0 when either is empty."""
    both = (a > 0) & (b > 0)
    return np.divide(shared, a + b - shared, out=np.zeros(len(shared)), where=both)


def _logs(values: np.ndarray) -> np.ndarray:
    """math.log of each value (a table over the distinct values: the same floats as Python's log)."""
    distinct, back = np.unique(values, return_inverse=True)
    return np.array([math.log(v) for v in distinct.tolist()], dtype=np.float64)[back.reshape(-1)]


#: The coefficients held at or below zero (``fit``): time apart may only separate.
APART = ("far_apart", "days_apart")


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = STEPS) -> np.ndarray:
    """Logistic regression by Newton's method with an L2 penalty (not on the bias). Deterministic.
    The time-apart coefficients (APART) are held at or below zero: time apart may only separate.

    A coefficient at zero that the data push above it is held there, out of the step: the Newton step is
    solved for the others alone (a projected Newton method). Stepping all of them and then cutting the one
    held back made the others' step for a value it never took, and the fit did not settle: after 25 steps
    it still moved by more than 1 (README, *One event, one story*)."""
    k = x.shape[1]
    w = np.zeros(k)
    penalty = np.full(k, l2)
    penalty[0] = 0.0
    apart = np.array([NAMES.index(name) for name in APART])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        free = np.ones(k, dtype=bool)
        free[apart] = (w[apart] < 0.0) | (grad[apart] >= 0.0)  # at zero and pushed above it: held
        step = np.zeros(k)
        step[free] = np.linalg.solve(hess[np.ix_(free, free)], grad[free])
        w = w - step
        w[apart] = np.minimum(w[apart], 0.0)
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return w


def probabilities(x: np.ndarray, coefficients: Sequence[float]) -> np.ndarray:
    if not len(x):
        return np.zeros(0)
    return 1.0 / (1.0 + np.exp(-(x @ np.asarray(coefficients, dtype=np.float64))))
