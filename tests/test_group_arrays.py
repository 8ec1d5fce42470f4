"""Grouping's numpy paths against the plain Python they replaced: the same floats, bit for bit.

Each reference below is the code grouping ran before its work moved to arrays (briefgen/group/sparse.py
and the array paths of features, cluster and pairs). A build's stories rest on exact comparisons of
these floats with thresholds and with each other, so equal is asked, never approximately equal.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import math
import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
import pytest

from briefgen.group import cluster, entity_surfaces, settings_for, title_choice, why_grouped, written_names
from briefgen.group.cluster import Pairs
from briefgen.group.features import BLOCKS, LEDE, YEAR, Features, Settings, article_counts, ordered_sums, parse_day, time_factor, vectorize
from briefgen.group.pairs import NAMES
from briefgen.group.sparse import SparseRows, Vectors
from briefgen.models import AnalyzedArticle

from .test_group import CONFIG, DATA, ESCAPE_A, ESCAPE_B, REHAB, event_articles

SETTINGS = settings_for(CONFIG)


@pytest.fixture(scope="module")
def ecb() -> list[AnalyzedArticle]:
    """The 16 ECB+ articles of tests/data, parsed once; three lose their date, so dates are inferred."""
    from briefgen.analyze import analyze
    from briefgen.config import load_config
    from briefgen.ingest import ingest

    articles, _ = ingest(load_config(content_dir=DATA / "ecb"))
    with open(DATA / "ecb-stories.csv", newline="", encoding="utf-8") as fh:
        assert {row["file"] for row in csv.DictReader(fh)} >= {a.id for a in articles}
    articles = [dataclasses.replace(a, date=None) if k % 5 == 0 else a for k, a in enumerate(articles)]
    return analyze(articles, CONFIG)


def corpora(ecb: list[AnalyzedArticle]) -> list[list[AnalyzedArticle]]:
    made = event_articles(ESCAPE_A, "a", 5) + event_articles(ESCAPE_B, "b", 4) + event_articles(REHAB, "r", 4)
    return [ecb, made, ecb + made]


# --- the references: the Python code the arrays replaced -------------------------------------------


def python_vectorize(items: Sequence[AnalyzedArticle], settings: Settings) -> list[Features]:
    counted = [article_counts(item, settings.lead) for item in items]
    counts = [c for c, _ in counted]
    n = len(items)
    vectors: list[dict[str, float]] = [{} for _ in items]
    for block in (*BLOCKS, LEDE):
        weight = settings.weights.get(block, 0.0)
        if weight <= 0:
            continue
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c[block].keys())
        for vec, c in zip(vectors, counts, strict=True):
            for k, tf in c[block].items():
                vec[f"{block}:{k}"] = weight * (1 + math.log(tf)) * (math.log((1 + n) / (1 + df[k])) + 1.0)
    for vec in vectors:
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        for k in vec:
            vec[k] /= norm
    return [Features(item.article.id, vec, parse_day(day)) for item, vec, (_, day) in zip(items, vectors, counted, strict=True)]


def python_candidate_edges(features: Sequence[Features], floor: float) -> Pairs:
    index: dict[str, list[int]] = defaultdict(list)
    top: list[list[str]] = []
    for i, f in enumerate(features):
        keys = sorted(f.weights, key=lambda k: (-f.weights[k], k))[: cluster.CANDIDATE_FEATURES]
        top.append(keys)
        for key in keys:
            index[key].append(i)
    when = [(f.date.toordinal() if f.date else 0, f.id) for f in features]
    position: dict[str, dict[int, int]] = {}
    for key, postings in index.items():
        if len(postings) > cluster.MAX_POSTINGS:
            postings.sort(key=lambda i: when[i])
            position[key] = {i: p for p, i in enumerate(postings)}
    rows = SparseRows.of([f.weights for f in features])
    out: dict[tuple[int, int], float] = {}
    for i, keys in enumerate(top):
        cands: set[int] = set()
        for key in keys:
            postings = index[key]
            if key in position:
                p = position[key][i]
                postings = postings[max(0, p - cluster.NEIGHBOURS) : p + cluster.NEIGHBOURS + 1]
            cands.update(j for j in postings if j > i)
        others = sorted(cands)
        for j, product in zip(others, rows.dots(i, others), strict=True):
            if product >= floor:
                out[i, j] = product
    return Pairs.of(out)


def python_weigh(features: Sequence[Features], edges: Pairs, settings: Settings) -> Pairs:
    def factor(a: Features, b: Features) -> float:
        f = time_factor(a.date, b.date, settings.window_days, settings.fade, settings.undated)
        return min(f, settings.undated) if a.inferred or b.inferred else f

    return Pairs(edges.i, edges.j, edges.value * np.array([factor(features[i], features[j]) for i, j in edges]))


def python_local_vectors(features: Sequence[Features], group: Sequence[int]) -> dict[int, dict[str, float]]:
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


def python_block_vectors(weights: Mapping[str, float]) -> dict[str, dict[str, float]]:
    by_block: dict[str, dict[str, float]] = {b: {} for b in BLOCKS}
    for key, w in weights.items():
        by_block.setdefault(key[0], {})[key] = w
    for b, vec in by_block.items():
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        by_block[b] = {k: w / norm for k, w in vec.items()}
    return by_block


def python_pair_matrix(features: Sequence[Features], edges: Pairs, settings: Settings) -> np.ndarray:
    """The pair features as PairFeatures.row made them: sets per article, block cosines by SparseRows."""
    timed = python_weigh(features, edges, settings)
    timed = timed.where(timed.value >= settings.topic_threshold / 4)
    blocks = cluster.average_link(range(len(features)), timed, settings.topic_threshold)
    block_of = np.zeros(len(features), dtype=np.int64)
    block_size = np.zeros(len(features), dtype=np.int64)
    local_rows = SparseRows(len(features))
    local = np.zeros(len(features), dtype=bool)
    for t, group in enumerate(blocks):
        block_of[group] = t
        block_size[group] = len(group)
        if len(group) >= cluster.LOCAL_BLOCK:
            local[group] = True
            for i, vector in python_local_vectors(features, group).items():
                local_rows.add(i, vector)
    local_rows.done()
    telling = cluster.date_telling(features, edges, settings.window_days)
    block_rows = [SparseRows(len(features)) for _ in BLOCKS]
    for i, f in enumerate(features):
        vectors = python_block_vectors(f.weights)
        for b, rows_ in zip(BLOCKS, block_rows, strict=True):
            rows_.add(i, vectors[b])
    for rows_ in block_rows:
        rows_.done()
    keys = [[k for k in f.weights if k[0] in "eptn"] for f in features]
    names = [frozenset(k for k in ks if k[0] == "e") for ks in keys]
    places = [frozenset(k for k in ks if k[0] == "p") for ks in keys]
    years = [frozenset(int(k[2:]) for k in ks if k[0] == "t" and YEAR.fullmatch(k[2:])) for ks in keys]
    numbers = [frozenset(k for k in ks if k[0] == "n") for ks in keys]

    def jaccard(a: frozenset[object], b: frozenset[object]) -> float:
        return len(a & b) / len(a | b) if a and b else 0.0

    rows = []
    for i, run in edges.runs():
        others, sims = edges.j[run].tolist(), edges.value[run].tolist()
        per_block = [rows_.dots(i, others) for rows_ in block_rows]
        locals_ = local_rows.dots(i, others) if local[i] else sims
        for k, j in enumerate(others):
            fi, fj = features[i], features[j]
            far = 0.0
            if fi.date and fj.date and settings.window_days:
                gap = abs((fi.date - fj.date).days)
                if gap > settings.window_days:
                    far = math.log(gap / settings.window_days)
            real = fi.date is not None and fj.date is not None and not fi.inferred and not fj.inferred
            same = bool(block_of[j] == block_of[i])
            rows.append(
                [
                    1.0,
                    sims[k],
                    *(column[k] * telling if b == BLOCKS.index("t") else column[k] for b, column in enumerate(per_block)),
                    float(not names[i].isdisjoint(names[j])),
                    jaccard(names[i], names[j]),
                    jaccard(places[i], places[j]),
                    float(bool(years[i]) and bool(years[j]) and years[i].isdisjoint(years[j])),
                    float(bool(years[i]) and bool(years[j]) and max(years[i]) != max(years[j])),
                    float(bool(numbers[i]) and bool(numbers[j]) and numbers[i].isdisjoint(numbers[j])),
                    far,
                    1.0 - real,
                    math.log(1 + min(len(fi.weights), len(fj.weights))),
                    locals_[k] if same else 0.0,
                    float(same) * (1.0 - block_size[i] / max(len(features), cluster.SELECTIVE_OVER)),
                    math.log(1 + min(abs((fi.date - fj.date).days), settings.window_days)) if real and fi.date and fj.date else 0.0,
                ]
            )
    return np.array(rows, dtype=np.float64).reshape(-1, len(NAMES))


def python_entity_surfaces(items: Sequence[AnalyzedArticle], group: Sequence[int]) -> dict[str, str]:
    import re

    from briefgen.group.features import ENTITY_BLOCKS, normalize_entity, surname

    seen: dict[str, Counter[str]] = defaultdict(Counter)
    full: dict[str, Counter[str]] = defaultdict(Counter)
    for i in group:
        for m in items[i].mentions:
            block = ENTITY_BLOCKS.get(m.label)
            if not block or m.label == "NORP":
                continue
            key = normalize_entity(m.text)
            surface = re.sub(r"^(the|a|an)\s+", "", re.sub(r"[’']s$", "", " ".join(m.text.split())), flags=re.I).strip(" .,:;-")
            if not key or not surface:
                continue
            seen[f"{block}:{key}"][surface] += 1
            if m.label == "PERSON" and surname(key) != key:
                full[f"{block}:{surname(key)}"][surface] += 1
    return {k: min((full.get(k) or c).items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0] for k, c in seen.items()}


def random_features(seed: int, n: int) -> list[Features]:
    """Vectors over a few shared words, names, years and figures, some undated, some with inferred dates."""
    rng = random.Random(seed)
    keys = [f"w:{k}" for k in range(30)] + [f"e:{k}" for k in range(12)] + ["p:a", "p:b", "t:2009", "t:2011", "t:2011-05", "n:12", "n:40"]
    out = []
    for i in range(n):
        weights = {k: rng.choice([0.1, 0.2, 0.25, rng.random()]) for k in rng.sample(keys, rng.randrange(0, 14))}
        day = None if rng.random() < 0.2 else dt.date(2009, 1, 1) + dt.timedelta(days=rng.randrange(0, 900))
        out.append(Features(f"a{i:03d}", weights, day, inferred=day is not None and rng.random() < 0.1))
    return out


# --- the tests ---------------------------------------------------------------------------------------


def test_ordered_sums_are_pythons_sums() -> None:
    rng = random.Random(3)
    rows = [[rng.random() * 10 ** rng.randrange(-8, 8) for _ in range(rng.randrange(0, 40))] for _ in range(60)]
    sizes = np.array([len(r) for r in rows])
    hi = np.cumsum(sizes)
    values = np.array([v for r in rows for v in r])
    assert ordered_sums(values, hi - sizes, hi).tolist() == [float(sum(r)) for r in rows]


def test_vectors_are_the_python_tf_idf(ecb: list[AnalyzedArticle]) -> None:
    for items in corpora(ecb):
        for settings in (SETTINGS, dataclasses.replace(SETTINGS, weights=SETTINGS.topic_weights)):
            mine, theirs = vectorize(items, settings), python_vectorize(items, settings)
            assert [(f.id, list(f.weights.items()), f.date) for f in mine] == [(f.id, list(f.weights.items()), f.date) for f in theirs]
            vectors = Vectors.of([f.weights for f in mine])
            rows = zip(vectors.lo.tolist(), vectors.hi.tolist(), strict=True)
            names = [vectors.terms[t] for t in vectors.ids.tolist()]
            read_back = [dict(zip(names[a:b], vectors.values[a:b].tolist(), strict=True)) for a, b in rows]
            assert read_back == [f.weights for f in mine]


@pytest.mark.parametrize("common", [False, True])
def test_candidate_edges_are_the_python_index(ecb: list[AnalyzedArticle], monkeypatch: pytest.MonkeyPatch, common: bool) -> None:
    """The same pairs and cosines; ``common``: postings limits so small that most features link only
    neighbours in time."""
    if common:
        monkeypatch.setattr(cluster, "MAX_POSTINGS", 3)
        monkeypatch.setattr(cluster, "NEIGHBOURS", 1)
        monkeypatch.setattr(cluster, "CANDIDATE_FEATURES", 6)
    monkeypatch.setattr(cluster, "PAIR_BLOCK", 7)  # several blocks of articles
    cases = [vectorize(items, SETTINGS) for items in corpora(ecb)] + [random_features(seed, 90) for seed in range(4)]
    for features in cases:
        for floor in (0.0, 0.0075, 0.1):
            mine, theirs = cluster.candidate_edges(features, floor), python_candidate_edges(features, floor)
            assert np.array_equal(mine.i, theirs.i) and np.array_equal(mine.j, theirs.j)
            assert mine.value.tobytes() == theirs.value.tobytes()


def test_pair_features_are_the_python_rows(ecb: list[AnalyzedArticle]) -> None:
    """Inferred dates, undated articles, blocks large enough to be re-weighted: every column equal."""
    cases = []
    for items in corpora(ecb):
        features = vectorize(items, SETTINGS)
        edges = cluster.candidate_edges(features, SETTINGS.topic_threshold / 4)
        cases.append((cluster.infer_dates(features, edges, SETTINGS), edges))
    for seed in range(3):
        features = random_features(seed, 120)
        cases.append((features, cluster.candidate_edges(features, 0.0)))
    assert any(f.inferred for features, _ in cases[:3] for f in features)
    for features, edges in cases:
        assert len(edges) > 20
        _, x = cluster.pair_matrix(features, edges, SETTINGS)
        assert x.tobytes() == python_pair_matrix(features, edges, SETTINGS).tobytes()
        assert python_weigh(features, edges, SETTINGS).value.tobytes() == cluster.weigh(features, edges, SETTINGS).value.tobytes()


@pytest.mark.parametrize("chunk", [5, 1000])
def test_within_block_vectors_are_the_python_ones(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(cluster, "PAIR_BLOCK", chunk)  # blocks taken a few at a time, or all together
    for seed in range(5):
        features = random_features(seed, 40)
        rng = random.Random(seed)
        order = rng.sample(range(40), 40)
        blocks = [sorted(order[:3]), sorted(order[3:20]), sorted(order[20:22]), sorted(order[22:])]
        rows = cluster.local_rows(Vectors.of([f.weights for f in features]), blocks)
        for group in blocks:
            expected = python_local_vectors(features, group) if len(group) >= cluster.LOCAL_BLOCK else {i: {} for i in group}
            for i in group:
                got = rows.values[rows.lo[i] : rows.hi[i]].tolist()
                assert got == list(expected[i].values())


def test_lone_options_are_the_python_loop() -> None:
    rng = random.Random(5)
    for _ in range(20):
        n = rng.randrange(5, 40)
        order = rng.sample(range(n), n)
        cuts = sorted(rng.sample(range(1, n), rng.randrange(1, n // 2 + 1)))
        stories = [sorted(order[a:b]) for a, b in zip([0, *cuts], [*cuts, n], strict=True)]
        pairs = Pairs.of({(i, j): 0.0 for i in range(n) for j in range(i + 1, n) if rng.random() < rng.choice([0.0, 0.3])})
        probability = np.array([rng.choice([0.0, 0.3, rng.random()]) for _ in range(len(pairs))])
        story_of = {i: k for k, s in enumerate(stories) for i in s}
        best: dict[tuple[int, int], float] = {}
        for (i, j), q in zip(pairs, probability.tolist(), strict=True):
            for a, b in ((i, j), (j, i)):
                if len(stories[story_of[a]]) == 1 and len(stories[story_of[b]]) > 1:
                    best[a, story_of[b]] = max(best.get((a, story_of[b]), 0.0), q)
        assert cluster.lone_options(stories, pairs, probability) == best
        assert cluster.lone_options(stories, list(pairs), probability) == best


def test_average_link_over_negative_similarities_rechecks_every_neighbour() -> None:
    """With a negative similarity a mean with a growing group can rise: every neighbour is rechecked,
    and the merges are still the heap's."""
    from .test_group import heap_average_link, random_pairs

    for seed in range(8):
        rng = random.Random(seed)
        n = rng.choice([30, 80])
        edges = {k: v - 0.2 for k, v in random_pairs(seed, n, rng.choice([3 * n, 8 * n])).items()}
        initial = [rng.sample(range(n), rng.randrange(2, 6)) for _ in range(seed % 3)]
        for threshold in (0.05, 0.3):
            expected = heap_average_link(range(n), edges, threshold, initial)
            assert cluster.average_link(range(n), Pairs.of(edges), threshold, initial) == expected


def test_names_titles_and_why_from_arrays_are_the_python_ones(ecb: list[AnalyzedArticle]) -> None:
    for items in corpora(ecb):
        features = vectorize(items, SETTINGS)
        vectors = Vectors.of([f.weights for f in features])
        written = written_names(items)
        rng = random.Random(len(items))
        groups = [list(range(len(items)))] + [rng.sample(range(len(items)), rng.randrange(1, 8)) for _ in range(10)]
        for group in groups:
            assert entity_surfaces(items, group, written) == python_entity_surfaces(items, group) == entity_surfaces(items, group)
            assert title_choice(items, group, features, vectors) == title_choice(items, group, features)
            assert why_grouped(items, group, features, written=written, vectors=vectors) == why_grouped(items, group, features)


def test_a_story_of_two_keeps_its_title_article_as_the_weights_move(ecb: list[AnalyzedArticle]) -> None:
    """In a story of two articles each is as close to the other as the other is to it: a tie the article
    id decides, whatever the weights (they move a little with every new article in the archive)."""
    features = vectorize(ecb, SETTINGS)
    rng = random.Random(7)
    moved_by = {key: 1 + rng.uniform(-1e-3, 1e-3) for f in features for key in f.weights}  # as document frequencies move
    moved = [dataclasses.replace(f, weights={k: w * moved_by[k] for k, w in f.weights.items()}) for f in features]
    pairs = [rng.sample(range(len(ecb)), 2) for _ in range(300)]
    for group in pairs:
        chosen = {
            title_choice(ecb, g, fs, vs)[2]
            for fs in (features, moved)
            for g in (group, group[::-1])
            for vs in (None, Vectors.of([f.weights for f in fs]))
        }
        assert len(chosen) == 1, (group, chosen)
