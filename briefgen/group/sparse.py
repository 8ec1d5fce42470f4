"""Sparse vectors as flat numpy arrays: many rows' dot products, sums and counts in a few numpy operations.

Grouping compares every article with its candidates several times (the corpus-wide cosine, each
evidence block's cosine, the names they share, the cosine re-weighted within a block). Done a pair at a
time in Python that was most of the group stage's 50 s at 19,783 articles. Here a set of vectors is
three flat arrays (term numbers, weights, and where each row lies), and one row is compared with many
others at once: its weights are spread into a dense array, the others' terms are read from it.

Every sum is ``np.add.reduceat`` over one row's products, in that row's order, so a result depends
only on the two rows compared, never on which other rows are compared in the same call.
"""

from __future__ import annotations

import array
import itertools
from collections.abc import Mapping, Sequence

import numpy as np


class SparseRows:
    """Sparse vectors as three flat arrays (term numbers, weights, and where each row lies), for one
    row's dot products with many others in a few numpy operations (the pairs were most of grouping's
    time). Rows may be added in any order (``add(row, vector)``); a row never added is empty.
    Memory: 12 bytes a weight and no numpy array per row (two per row were 224 bytes of headers)."""

    def __init__(self, rows: int) -> None:
        self._number: dict[str, int] | None = {}
        self._ids = array.array("i")
        self._values = array.array("d")
        self.lo = np.zeros(rows, dtype=np.int64)
        self.hi = np.zeros(rows, dtype=np.int64)
        self.ids = np.zeros(0, dtype=np.int32)
        self.values = np.zeros(0)
        self.dense = np.zeros(1)

    @classmethod
    def of(cls, vectors: Sequence[Mapping[str, float]]) -> SparseRows:
        """Row k is ``vectors[k]``."""
        out = cls(len(vectors))
        for row, vector in enumerate(vectors):
            out.add(row, vector)
        return out.done()

    @classmethod
    def from_arrays(cls, lo: np.ndarray, hi: np.ndarray, ids: np.ndarray, values: np.ndarray, terms: int) -> SparseRows:
        """Rows already laid out: row k holds entries ``lo[k]:hi[k]`` of ``ids`` (term numbers below
        ``terms``) and ``values``."""
        out = cls(len(lo))
        out.lo, out.hi = lo.astype(np.int64, copy=False), hi.astype(np.int64, copy=False)
        out.ids, out.values = ids.astype(np.int32, copy=False), values.astype(np.float64, copy=False)
        out.dense = np.zeros(max(1, terms))
        out._number, out._ids, out._values = None, array.array("i"), array.array("d")
        return out

    def add(self, row: int, vector: Mapping[str, float]) -> None:
        assert self._number is not None, "SparseRows.add after done"
        number = self._number
        self.lo[row] = len(self._values)
        self._ids.extend(number.setdefault(k, len(number)) for k in vector)
        self._values.extend(vector.values())
        self.hi[row] = len(self._values)

    def done(self) -> SparseRows:
        """Freeze the rows added (the term numbering is dropped)."""
        if self._number is not None:
            self.ids = np.frombuffer(self._ids, dtype=np.int32).copy()
            self.values = np.frombuffer(self._values, dtype=np.float64).copy()
            self.dense = np.zeros(max(1, len(self._number)))
            self._number, self._ids, self._values = None, array.array("i"), array.array("d")
        return self

    def dots(self, i: int, others: Sequence[int] | np.ndarray) -> list[float]:
        """Dot products of row ``i`` with each row of ``others``: each row's products summed by
        ``np.add.reduceat`` in the row's order, empty rows 0.0."""
        lo, hi = int(self.lo[i]), int(self.hi[i])
        if not len(others) or lo == hi:
            return [0.0] * len(others)
        js = np.asarray(others, dtype=np.int64)
        starts, sizes = self.lo[js], self.hi[js] - self.lo[js]
        filled = sizes > 0  # reduceat needs no empty row
        if not filled.any():
            return [0.0] * len(others)
        starts, sizes = starts[filled], sizes[filled]
        offsets = np.cumsum(sizes) - sizes
        at = np.repeat(starts - offsets, sizes) + np.arange(int(offsets[-1] + sizes[-1]))
        mine = self.ids[lo:hi]
        self.dense[mine] = self.values[lo:hi]
        try:
            out = np.zeros(len(others))
            out[filled] = np.add.reduceat(self.dense[self.ids[at]] * self.values[at], offsets)
            return out.tolist()
        finally:
            self.dense[mine] = 0.0


class Vectors:
    """A list of sparse vectors (term -> weight mappings) as flat arrays: row k holds entries
    ``lo[k]:hi[k]`` of ``ids`` (numbers into ``terms``) and ``values``, in the mapping's own order."""

    def __init__(self, lo: np.ndarray, hi: np.ndarray, ids: np.ndarray, values: np.ndarray, terms: list[str]) -> None:
        self.lo, self.hi, self.ids, self.values, self.terms = lo, hi, ids, values, terms

    @classmethod
    def of(cls, vectors: Sequence[Mapping[str, float]]) -> Vectors:
        """Terms numbered in order of first appearance."""
        keys = list(itertools.chain.from_iterable(vectors))
        number = {k: n for n, k in enumerate(dict.fromkeys(keys))}
        ids = np.fromiter(map(number.__getitem__, keys), dtype=np.int32, count=len(keys))
        values = np.fromiter(itertools.chain.from_iterable(v.values() for v in vectors), dtype=np.float64, count=len(keys))
        hi = np.cumsum(np.fromiter(map(len, vectors), dtype=np.int64, count=len(vectors)))
        return cls(np.concatenate([[0], hi[:-1]]).astype(np.int64) if len(hi) else hi, hi, ids, values, list(number))

    def __len__(self) -> int:
        return len(self.lo)

    def row_of_entries(self) -> np.ndarray:
        """The row of each entry."""
        return np.repeat(np.arange(len(self.lo), dtype=np.int32), self.hi - self.lo)

    def sums(self, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The entries of ``rows``, row after row in that order (``entries``), and of the terms they hold:
        the term numbers, how many of the rows hold each, the weights summed one by one in that order
        (from 0.0), and each entry's place among those terms."""
        rows_ = np.asarray(rows, dtype=np.int64)
        sizes = self.hi[rows_] - self.lo[rows_]
        offsets = np.cumsum(sizes) - sizes
        entries = np.repeat(self.lo[rows_] - offsets, sizes) + np.arange(int(sizes.sum()))
        terms, at = np.unique(self.ids[entries], return_inverse=True)
        at = at.reshape(-1)
        totals = np.zeros(len(terms))
        np.add.at(totals, at, self.values[entries])  # one entry at a time, in order
        return terms, np.bincount(at, minlength=len(terms)), totals, at, entries

    def rows(self) -> SparseRows:
        return SparseRows.from_arrays(self.lo, self.hi, self.ids, self.values, len(self.terms))
