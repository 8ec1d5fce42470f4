"""Independent sources: the one definition of who carries a claim apart from whom.

Two articles are one source when they come from one outlet (``outlet_key`` in text/outlets.py:
the source an article names, else the site of its web address) or when one copies or rewrites
the other. Which articles copy which is found by MinHash in facts/sources.py (the build's
``minhash`` and ``sources`` stages) and handed on as ``Independence.copies``. Fact boxes,
summaries, confidence labels and the pages all count sources through ``count``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from briefgen.models import Article
from briefgen.text.outlets import outlet_key
from briefgen.unionfind import UnionFind


class Independence(NamedTuple):
    """What makes articles one source: their outlet, and which articles copy or rewrite them."""

    outlet: dict[str, str]  # article id -> outlet ("" when unknown)
    copies: dict[str, frozenset[str]]  # article id -> its near-duplicates


def outlets(articles: Iterable[Article]) -> dict[str, str]:
    """Each article's outlet as sources are counted ("" when it has none: it then stands for itself)."""
    return {a.id: outlet_key(a) or "" for a in articles}


def count(article_ids: Iterable[str], ind: Independence) -> int:
    """How many independent sources carry something found in these articles: groups of them
    joined by a shared outlet or by copying, within these articles only (two outlets are not
    one source because some third article copied from both)."""
    members = set(article_ids)
    ids = sorted(members)
    u = UnionFind(ids)
    first: dict[str, str] = {}
    for i in ids:
        o = ind.outlet.get(i, "")
        if o:
            u.join(i, first.setdefault(o, i))
        for j in members.intersection(ind.copies.get(i, ())):  # its copies among these (an agency text has hundreds)
            u.join(i, j)
    return len({u.find(i) for i in ids})


def by_outlet(article_ids: Iterable[str], articles: Mapping[str, Article], copies: Mapping[str, frozenset[str]]) -> int:
    """``count`` for articles known by id, with the copies found at build time (briefing.json's pages)."""
    ids = [a for a in article_ids if a in articles]
    return count(ids, Independence(outlets(articles[a] for a in ids), {a: copies[a] for a in ids if a in copies}))


__all__ = ["Independence", "by_outlet", "count", "outlets"]
