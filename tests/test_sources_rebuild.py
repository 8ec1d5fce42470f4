"""The sources stage looks for copy pairs only where an article is new or changed: the same pairs as a
pass over every LSH bucket, and as every pair checked by the rule itself."""

from __future__ import annotations

import itertools
import random

import numpy as np

from briefgen import codec
from briefgen.facts.sources import (
    BANDS,
    CONTAINMENT,
    ROWS,
    Copies,
    independence,
    independence_since,
    minhash_print,
    usable,
)
from briefgen.models import Article, Paragraph

WORDS = [f"w{k}" for k in range(400)]


def _article(i: str, text: str) -> Article:
    return Article(i, i, text, (Paragraph(text, 0),))


def _corpus(seed: int, n: int = 60) -> list[Article]:
    """Texts of random words, many of them copies of another with a few words changed or a lede added,
    so that copies, near misses and short texts (under 3 shingles) are all there."""
    rng = random.Random(seed)
    texts: list[str] = []
    for _ in range(n):
        if texts and rng.random() < 0.5:
            words = rng.choice(texts).split()
            for _ in range(rng.randrange(0, 12)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            if rng.random() < 0.3:
                words = [rng.choice(WORDS) for _ in range(rng.randrange(5, 40))] + words
        else:
            words = [rng.choice(WORDS) for _ in range(rng.choice([3, 5, 40, 80, 120]))]
        texts.append(" ".join(words))
    return [_article(f"a{k:03d}", t) for k, t in enumerate(texts)]


def _by_rule(articles: list[Article]) -> dict[str, frozenset[str]]:
    """Every pair checked: a shared band of ROWS signature values, then the containment."""
    prints = {a.id: minhash_print(a) for a in articles}
    out: dict[str, set[str]] = {}
    for a, b in itertools.combinations(sorted(prints), 2):
        pa, pb = prints[a], prints[b]
        if pa.shingles < 3 or pb.shingles < 3:
            continue
        sa, sb = (np.frombuffer(p.minhash, dtype=np.uint64).reshape(BANDS, ROWS) for p in (pa, pb))
        if not (sa == sb).all(axis=1).any():
            continue
        x, y = (np.frombuffer(p.grams, dtype=np.uint32) for p in (pa, pb))
        if len(np.intersect1d(x, y)) >= CONTAINMENT * min(pa.shingles, pb.shingles):
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


def test_the_pass_finds_the_pairs_the_rule_gives() -> None:
    for seed in range(4):
        articles = _corpus(seed)
        found = independence(articles).copies
        assert found == _by_rule(articles)
        assert sum(len(v) for v in found.values()) > 10  # copies are there to find


def test_a_rebuild_keeps_the_pairs_of_unchanged_articles_and_finds_the_rest() -> None:
    for seed in range(4):
        rng = random.Random(100 + seed)
        first = _corpus(seed)
        _, kept = independence_since(first)
        kept = codec.loads(codec.dumps(kept))  # as the cache gives it back
        assert usable(kept)
        later = list(first)
        later.append(_article("a900", later[3].text + " w1 w2"))  # a copy of an old article
        later.append(_article("a001x", "w7 w8 w9 w10 w11 w12"))  # a new short one, between old ids
        del later[rng.randrange(len(later) - 2)]  # one gone
        k = rng.randrange(len(later) - 2)
        later[k] = _article(later[k].id, later[(k + 5) % len(later)].text)  # one changed into a copy of another
        full = independence(later)
        again, memo = independence_since(later, earlier=kept)
        assert again.copies == full.copies == _by_rule(later)
        assert again.outlet == full.outlet
        assert memo == independence_since(later)[1]  # what the next build gets: as from a pass over every bucket


def test_a_damaged_entry_is_not_used() -> None:
    _, kept = independence_since(_corpus(1))
    assert usable(kept)
    assert not usable(kept._replace(prints=kept.prints[:-1]))
    assert not usable(kept._replace(ids=kept.ids[:-1]))
    assert not usable(kept._replace(pairs=np.array([0, len(kept.ids)], dtype=np.int32).tobytes()))
    assert not usable(Copies((), b"", b"\x00"))


def test_sources_are_counted_as_joining_every_pair_gives() -> None:
    """``count``: groups of the articles joined by an outlet or a copy within them, as a plain closure finds them."""
    from briefgen.text.sources import Independence, count

    rng = random.Random(7)
    ids = [f"a{k}" for k in range(40)]
    for _ in range(30):
        outlet = {i: rng.choice(["", "", "x", "y"]) for i in ids}
        copies: dict[str, set[str]] = {}
        for _ in range(rng.randrange(0, 60)):
            a, b = rng.sample(ids, 2)
            copies.setdefault(a, set()).add(b)
            copies.setdefault(b, set()).add(a)
        ind = Independence(outlet, {k: frozenset(v) for k, v in copies.items()})
        chosen = rng.sample(ids, rng.randrange(1, 25))
        group = {i: {i} for i in chosen}  # each article's group, merged until nothing joins
        for a, b in itertools.combinations(chosen, 2):
            if (outlet[a] and outlet[a] == outlet[b]) or b in copies.get(a, ()):
                merged = group[a] | group[b]
                for i in merged:
                    group[i] = merged
        assert count(chosen, ind) == len({frozenset(g) for g in group.values()})
