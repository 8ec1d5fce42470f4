"""cluster.Pairs, the candidate pairs held as arrays, reads back as the dict it replaces: same pairs
in the same order, same floats, and average link over it gives the same groups as over the dict."""

from __future__ import annotations

import random

import numpy as np
import pytest

from briefgen.group.cluster import CHUNK, Pairs, average_link


def random_pairs(seed: int, n: int, count: int) -> dict[tuple[int, int], float]:
    rng = random.Random(seed)
    out: dict[tuple[int, int], float] = {}
    while len(out) < count:
        i, j = sorted(rng.sample(range(n), 2))
        out[(i, j)] = rng.random()
    return out


def test_pairs_read_back_as_the_sorted_dict() -> None:
    edges = random_pairs(3, 300, CHUNK + 500)  # more than one chunk
    pairs = Pairs.of(edges)
    assert len(pairs) == len(edges)
    assert list(pairs) == sorted(edges)
    assert list(pairs.sorted_items()) == sorted(edges.items())
    for key in list(edges)[:200]:
        assert pairs[key] == edges[key]
    assert (299, 299) not in pairs and (0, 300) not in pairs
    with pytest.raises(KeyError):
        pairs[(299, 299)]
    high = pairs.where(pairs.value >= 0.5)
    assert dict(high.sorted_items()) == {k: v for k, v in edges.items() if v >= 0.5}
    runs = [(i, pairs.j[run].tolist()) for i, run in pairs.runs()]
    assert [i for i, _ in runs] == sorted({i for i, _ in edges})
    assert [j for _, js in runs for j in js] == [j for _, j in sorted(edges)]
    empty = Pairs.of({})
    assert len(empty) == 0 and list(empty) == [] and list(empty.runs()) == []
    assert isinstance(empty.i, np.ndarray)


def test_average_link_is_the_same_over_pairs_and_dict() -> None:
    for seed in range(5):
        edges = random_pairs(seed, 60, 400)
        initial = [[0, 1, 2], [10, 11]]
        for threshold in (0.2, 0.4, 0.6):
            assert average_link(range(60), Pairs.of(edges), threshold, initial) == average_link(range(60), edges, threshold, initial)
