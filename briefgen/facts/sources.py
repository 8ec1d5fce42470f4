"""Copies and rewrites of one wire text: the MinHash half of independent sources.

Articles are compared by word 5-shingles: MinHash signatures, banded into buckets
(locality-sensitive hashing) so only articles that share a bucket are compared, then
the candidates are checked exactly. Near-linear in the number of articles; no
pairwise pass over an archive. What makes two articles one source (one outlet, or a
copy) and how sources are counted is defined once, in briefgen/text/sources.py.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

from briefgen.codec import register
from briefgen.models import Article
from briefgen.text.sources import Independence, count, outlets

SHINGLE = 5
BANDS, ROWS = 32, 2  # 64 hashes; pairs with Jaccard >= ~0.2 almost always share a bucket
#: Share of the shorter article's shingles found in the longer one: a copy with a new lede,
#: or a rewrite that keeps most of the wire's sentences.
CONTAINMENT = 0.5
_PRIME = (1 << 31) - 1  # a*x + b stays below 2**63


def _coefficients(tag: str) -> np.ndarray:
    """Fixed hash parameters, the same on every machine and numpy version."""
    raw = (hashlib.blake2b(f"{tag}{i}".encode(), digest_size=8).digest() for i in range(BANDS * ROWS))
    return np.array([1 + int.from_bytes(r, "little") % (_PRIME - 1) for r in raw], dtype=np.uint64)


_A, _B = _coefficients("a"), _coefficients("b")
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """Each distinct run of SHINGLE words (all the words if fewer), hashed once."""
    words = [w.encode() for w in _WORD.findall(text.casefold())]
    runs = zip(*(words[k:] for k in range(SHINGLE)), strict=False) if len(words) > SHINGLE else [words]  # the last run ends it
    grams = set(map(b" ".join, runs)) - {b""}
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return {from_bytes(blake2b(g, digest_size=4).digest(), "little") % _PRIME for g in grams}


def signature(sh: set[int]) -> np.ndarray:
    """MinHash: per hash function the least (a*x + b) mod p over the shingles (all < 2**31)."""
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh)) if sh else np.zeros(1, dtype=np.uint64)
    h = _A[:, None] * x[None, :]
    h += _B[:, None]
    h %= np.uint64(_PRIME)
    return np.asarray(h.min(axis=1))


@register  # the minhash stage caches it (briefgen/codec.py builds only registered classes)
class Print(NamedTuple):
    """What LSH needs of one article, a function of its text alone (so a build can cache it)."""

    shingles: int  # how many distinct shingles
    minhash: bytes  # the signature's uint64 values; empty under 3 shingles (too short to compare)
    grams: bytes = b""  # the shingles, sorted uint32 values, for the exact check of LSH's pairs


def minhash_print(article: Article) -> Print:
    """The article's MinHash signature and shingles (a function of its text alone)."""
    sh = shingles(article.text)
    if len(sh) < 3:
        return Print(len(sh), b"")
    return Print(len(sh), signature(sh).tobytes(), np.array(sorted(sh), dtype=np.uint32).tobytes())


def independence(articles: Sequence[Article], prints: Mapping[str, Print] | None = None) -> Independence:
    """Near-duplicate pairs by MinHash + LSH, checked exactly; outlets by text/sources.py.
    ``prints``: articles' ``minhash_print`` by id, where the caller has them."""
    ids = sorted({a.id for a in articles})
    by_id = {a.id: a for a in articles}
    known = prints or {}
    fp = {i: known.get(i) or minhash_print(by_id[i]) for i in ids}

    def common(a: str, b: str) -> int:
        """Shingles two articles share."""
        x, y = (np.frombuffer(fp[i].grams, dtype=np.uint32) for i in (a, b))
        return len(np.intersect1d(x, y, assume_unique=True))

    buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
    for i in ids:
        if fp[i].shingles < 3:
            continue
        sig = np.frombuffer(fp[i].minhash, dtype=np.uint64)
        for band in range(BANDS):
            buckets[(band, sig[band * ROWS : (band + 1) * ROWS].tobytes())].append(i)
    copies: dict[str, set[str]] = defaultdict(set)
    checked: set[tuple[str, str]] = set()
    for members in buckets.values():
        for k, a in enumerate(members):
            for b in members[k + 1 :]:
                if (a, b) in checked:
                    continue
                checked.add((a, b))
                if common(a, b) >= CONTAINMENT * min(fp[a].shingles, fp[b].shingles):
                    copies[a].add(b)
                    copies[b].add(a)
    return Independence(outlets(by_id[i] for i in ids), {i: frozenset(v) for i, v in copies.items()})


__all__ = ["Independence", "Print", "count", "independence", "minhash_print", "shingles", "signature"]
