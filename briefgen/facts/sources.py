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
    return independence_since(articles, prints)[0]


@register  # the sources stage keeps it for the next build (briefgen/codec.py builds only registered classes)
class Copies(NamedTuple):
    """The copy pairs of one build's articles, for the next build: ``ids`` sorted, each article's print
    digest (``print_digest``, PRINT_DIGEST bytes each, in ``ids`` order) and the pairs found, as int32
    (k, l) with k < l, numbers into ``ids``."""

    ids: tuple[str, ...]
    prints: bytes
    pairs: bytes


PRINT_DIGEST = 16  # bytes of blake2b over a print: enough that two different prints never meet by chance


def usable(value: object) -> bool:
    """A ``Copies`` whose parts fit together (a damaged or foreign entry is a miss)."""
    if not (isinstance(value, Copies) and isinstance(value.prints, bytes) and isinstance(value.pairs, bytes)):
        return False
    if len(value.prints) != PRINT_DIGEST * len(value.ids) or len(value.pairs) % 8:
        return False
    pairs = np.frombuffer(value.pairs, dtype=np.int32)
    return not len(pairs) or (int(pairs.min()) >= 0 and int(pairs.max()) < len(value.ids))


def print_digest(p: Print) -> bytes:
    """What a pair's outcome depends on of one article: its whole print (shingle count, signature, shingles)."""
    h = hashlib.blake2b(digest_size=PRINT_DIGEST)
    h.update(p.shingles.to_bytes(8, "little"))
    h.update(len(p.minhash).to_bytes(8, "little"))
    h.update(p.minhash)
    h.update(p.grams)
    return h.digest()


def independence_since(
    articles: Sequence[Article], prints: Mapping[str, Print] | None = None, earlier: Copies | None = None
) -> tuple[Independence, Copies]:
    """``independence``, and its pairs kept for the next build. With ``earlier`` (the last build's
    ``Copies``) only pairs with a new or changed article are looked for: whether two articles are copies
    depends on their two prints alone (a shared LSH bucket, then the exact containment), so a pair of
    articles whose prints are unchanged keeps the answer it had. The same pairs as a pass over every
    bucket (tests/test_sources_rebuild.py)."""
    ids = sorted({a.id for a in articles})
    by_id = {a.id: a for a in articles}
    known = prints or {}
    fp = {i: known.get(i) or minhash_print(by_id[i]) for i in ids}
    digests = [print_digest(fp[i]) for i in ids]
    kept = np.zeros((0, 2), dtype=np.int32)  # pairs of unchanged articles, from ``earlier``
    fresh = np.ones(len(ids), dtype=bool)  # articles whose pairs are looked for
    if earlier is not None:
        size = PRINT_DIGEST
        was = dict(zip(earlier.ids, (earlier.prints[k : k + size] for k in range(0, len(earlier.prints), size)), strict=True))
        fresh = np.array([was.get(i) != d for i, d in zip(ids, digests, strict=True)], dtype=bool)
        place = {i: k for k, i in enumerate(ids)}
        now = np.array([place[i] if i in place and not fresh[place[i]] else -1 for i in earlier.ids], dtype=np.int64)  # -1: gone or changed
        old = np.frombuffer(earlier.pairs, dtype=np.int32).reshape(-1, 2)
        moved = now[old] if len(old) else np.zeros((0, 2), dtype=np.int64)
        kept = moved[(moved >= 0).all(axis=1)].astype(np.int32) if len(moved) else kept
    found = _pairs(ids, fp, fresh)
    pairs = np.concatenate([kept, np.array(found, dtype=np.int32).reshape(-1, 2)])
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))] if len(pairs) else pairs
    copies: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs.tolist():
        copies[ids[a]].add(ids[b])
        copies[ids[b]].add(ids[a])
    ind = Independence(outlets(by_id[i] for i in ids), {i: frozenset(copies[i]) for i in ids if i in copies})
    return ind, Copies(tuple(ids), b"".join(digests), pairs.astype(np.int32).tobytes())


def _pairs(ids: Sequence[str], fp: Mapping[str, Print], fresh: np.ndarray) -> list[tuple[int, int]]:
    """The copy pairs (k, l), k < l, numbers into ``ids``, with at least one article of ``fresh``: article
    pairs that share an LSH bucket (a band of ROWS signature values) and pass the exact check."""
    comparable = [k for k, i in enumerate(ids) if fp[i].shingles >= 3]
    if not comparable or not fresh[comparable].any():
        return []
    rows = np.array(comparable, dtype=np.int64)
    signatures = np.frombuffer(b"".join(fp[ids[k]].minhash for k in comparable), dtype=np.uint64).reshape(len(rows), BANDS, ROWS)
    hot = fresh[rows]
    grams: dict[int, np.ndarray] = {}

    def common(a: int, b: int) -> int:
        """Shingles two articles share."""
        x, y = (grams.setdefault(k, np.frombuffer(fp[ids[k]].grams, dtype=np.uint32)) for k in (a, b))
        return len(np.intersect1d(x, y, assume_unique=True))

    checked: set[tuple[int, int]] = set()
    out = []
    for band in range(BANDS):
        key = signatures[:, band, 0]
        for r in range(1, ROWS):  # each value is below 2**31 (mod _PRIME): a band's two as one exact number (62 bits)
            key = (key << np.uint64(31)) | signatures[:, band, r]
        members = np.flatnonzero(np.isin(key, key[hot])) if not hot.all() else np.arange(len(rows))
        buckets: dict[int, list[int]] = defaultdict(list)
        for m, k in zip(members.tolist(), key[members].tolist(), strict=True):
            buckets[k].append(m)
        for bucket in buckets.values():
            for x, m in enumerate(bucket):
                for n in bucket[x + 1 :]:
                    if not (hot[m] or hot[n]):
                        continue
                    a, b = int(rows[m]), int(rows[n])  # m < n, so a < b
                    if (a, b) in checked:
                        continue
                    checked.add((a, b))
                    if common(a, b) >= CONTAINMENT * min(fp[ids[a]].shingles, fp[ids[b]].shingles):
                        out.append((a, b))
    return out


__all__ = [
    "Copies",
    "Independence",
    "Print",
    "count",
    "independence",
    "independence_since",
    "minhash_print",
    "print_digest",
    "shingles",
    "signature",
    "usable",
]
