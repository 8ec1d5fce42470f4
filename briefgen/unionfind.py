"""Union-find over hashable keys: which things end up in one group after pairwise joins."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Groups of keys; ``join(k, into)`` puts k's group under ``into``'s root, so callers choose which root lasts."""

    def __init__(self, keys: Iterable[K]) -> None:
        self.parent: dict[K, K] = {k: k for k in keys}

    def __contains__(self, key: object) -> bool:
        return key in self.parent

    def find(self, key: K) -> K:
        """The root of ``key``'s group (path halving keeps later finds short)."""
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(self, key: K, into: K) -> None:
        self.parent[self.find(key)] = self.find(into)
