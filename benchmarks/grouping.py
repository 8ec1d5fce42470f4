"""Score story grouping against labelled corpora (B-cubed precision, recall, F1).

Usage: python benchmarks/grouping.py [CORPUS_DIR] [--multinews CSV] [--clusters DIR]... [--singletons DIR [--same PAIRS.tsv]]
       [--learn] [--scale] [--small] [--topics] [--threshold T] [--no-cache]

CORPUS_DIR holds ``articles/`` and ``stories.csv`` (``file,topic,story``), as
``../shared/corpora/ecbplus-dev`` does. ``--multinews CSV`` adds the Multi-News sample
(``documents,num_documents,summary``; each row one event): every row's articles pooled into one
content folder written under the cache folder (never the repository), gold = the row. Scores
are printed at the story level and, for ECB+, at the topic level (the topics the grouping puts
above its stories against ECB+'s topic column). Every file of stories.csv that ingest builds is
scored; one it drops as a copy counts with the copy kept, as a reader sees it, unless the copy
kept belongs to another gold cluster (page boilerplate several crawls picked up: an archive's
notice, a tweet box), which is reported as not built.

The analysis of each article is cached under /tmp/briefgen-bench (BRIEFGEN_BENCH_CACHE moves
it), keyed by its text and the model, so runs after the first take seconds and a change to
ingest costs no new parse. Every run also prints, for each corpus, a rebuild: group 70% of the
articles, then all of them with ``previous=``; the share of first-run stories that keep their id
and all their articles, the rebuild's story scores and how many of its stories differ from the
one-pass build's.

``--singletons DIR`` adds one outlet's archive, whose every report is its own event (BBC files one report per
event): gold = the file, but for the pairs ``--same PAIRS.tsv`` names (file names, tab-separated, judged one event).
Its story precision is how often the grouping joins one subject's reports of different days.

``--learn`` fits the pair model (briefgen/group/pairs.py) and prints what unseen news would get:

- nested cross-validation: outer folds hold topics out (ECB+: one topic each; Multi-News: ten
  folds of clusters); inside each, the model is fitted on the other topics' candidate pairs, the
  story threshold (GRID_STORY) chosen on those topics (``choose``: precision >= 0.95 first, then
  F1), then the lone-article rule on or off at that threshold (GRID_ATTACH, ``choose_model``), then
  the topics' text and link (GRID_TOPIC_TEXT, GRID_TOPIC_LINK), and the held-out fold is scored; the same with the
  model fitted on both corpora's remaining topics;
- the plain TF-IDF + average-link baseline (GRID_BASELINE), its threshold chosen the same way;
- cross-corpus: fitted and chosen on all of one corpus, scored on the other (baseline too);
- the fit on all of ECB+ dev (the defaults: pairs.COEFFICIENTS, config's group_threshold) and,
  for comparison, on both corpora, with their coefficients.

A corpus whose gold topics are the stories (Multi-News) is also grouped one cluster at a time:
how many of its clusters come out as two or more stories.

``--scale`` times grouping 5,000 and 20,000 articles: the corpus repeated with the names in each
copy changed (so each copy's events are new events of the same kinds, sharing the words) and
dates shifted by 45 days a copy. ``--small`` scores small sites: two topics at a time with 2, 3
or 5 articles per story.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import logging
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.config import load_config  # noqa: E402
from briefgen.group import Settings, group, group_all, settings_for  # noqa: E402
from briefgen.group.cluster import (  # noqa: E402
    Pairs,
    attach_singletons,
    average_link,
    candidate_edges,
    infer_dates,
    pair_matrix,
    stories_from,
    story_clusters,
    topic_clusters,
)
from briefgen.group.features import LEDE, Features, vectorize  # noqa: E402
from briefgen.group.pairs import NAMES, fit, probabilities  # noqa: E402
from briefgen.models import AnalyzedArticle, Article, Mention, Sentence, Story, Token  # noqa: E402

#: Benchmark caches (the parsed corpora); BRIEFGEN_BENCH_CACHE moves them.
CACHE = Path(os.environ.get("BRIEFGEN_BENCH_CACHE", "/tmp/briefgen-bench"))
#: What --learn chooses inside each fold, besides fitting the pair model (pairs.fit): the story
#: threshold (the mean probability of one event two groups need to merge) and the topic link.
#: Up to 0.8: fitted with AllSides part A (one storyline's daily roundups, each its own event), no
#: threshold up to 0.6 gave every corpus precision >= 0.95, and the rule asks for it before recall.
GRID_STORY = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8)
#: The lone-article rule (Settings.attach) off or on, chosen after the story threshold (off first:
#: kept on a tie).
GRID_ATTACH = (False, True)
GRID_TOPIC_LINK = (0.05, 0.06, 0.07, 0.08)
#: What the topic pass compares (Settings.topic_weights), chosen with the link: the whole text's content
#: words (the rule before) or the lede's (the headline and first sentences: features.LEDE). The whole
#: text first: kept on a tie.
GRID_TOPIC_TEXT: dict[str, dict[str, float]] = {"words": {"w": 1.0}, "lede": {LEDE: 1.0}}
#: The plain TF-IDF + average-link baseline's thresholds, learned the same way.
GRID_BASELINE = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


def bcubed(pred: Mapping[str, object], gold: Mapping[str, object]) -> tuple[float, float, float]:
    """B-cubed over the items both labelings share."""
    items = sorted(set(pred) & set(gold))
    by_pred: dict[object, set[str]] = defaultdict(set)
    by_gold: dict[object, set[str]] = defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        same = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += same / len(by_pred[pred[i]])
        r += same / len(by_gold[gold[i]])
    p /= len(items)
    r /= len(items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def load(corpus: Path, use_cache: bool) -> tuple[list[AnalyzedArticle], dict[str, str], list[tuple[str, str]]]:
    """Ingest the corpus (seconds) and parse it, taking each article's parse from the analysis cache
    under CACHE when an earlier run parsed the same text (the build's own cache, keyed by text and model),
    so a change to ingest (dates, say) does not cost a new parse.

    Returns the analysed articles and the duplicates ingest dropped (id -> id of the copy kept).
    """
    from briefgen.analyze import analyze_cached, load_tokens
    from briefgen.cache import Cache
    from briefgen.ingest import ingest
    from briefgen.pipeline import STAGE, fingerprint

    config = load_config(content_dir=corpus / "articles")
    t0 = time.perf_counter()
    articles, skipped = ingest(config)
    store = Cache(CACHE / ("store" if use_cache else f"store-{os.getpid()}"))
    with store.locked():
        parsed = analyze_cached(articles, config, store, fingerprint(STAGE["analyze"], config))
        analyzed = load_tokens(parsed, config, store)
    duplicates = {s.path: s.reason.removeprefix("duplicate of ") for s in skipped if s.reason.startswith("duplicate of ")}
    print(
        f"{corpus.name}: {len(articles)} articles ingested and analysed in {time.perf_counter() - t0:.0f}s "
        f"({len(skipped)} skipped, {len(duplicates)} of them duplicates)"
    )
    return analyzed, duplicates, [(s.path, s.reason) for s in skipped]


def clusters_to_labels(
    items: Sequence[AnalyzedArticle], clusters: Iterable[Sequence[int]], duplicates: Mapping[str, str]
) -> dict[str, int]:
    return with_duplicates({items[i].article.id: n for n, c in enumerate(clusters) for i in c}, duplicates)


def with_duplicates(pred: Mapping[str, object], duplicates: Mapping[str, str]) -> dict[str, object]:
    """A dropped duplicate goes to the story of the copy kept."""
    return {**pred, **{dup: pred[kept] for dup, kept in duplicates.items() if kept in pred}}


def report(pred: Mapping[str, object], gold_story: Mapping[str, str], gold_topic: Mapping[str, str]) -> None:
    print("level   precision  recall  F1")
    for name, gold in (("story", gold_story), ("topic", gold_topic)):
        p, r, f = bcubed(pred, gold)
        print(f"{name:7} {p:9.3f} {r:7.3f} {f:6.3f}")


# -- learning and honest scores: nested cross-validation, cross-corpus ----------------------------


@dataclasses.dataclass
class Corpus:
    """A labelled corpus as the scores need it. ``gold_topic`` is the unit of held-out folds (ECB+'s
    topics; for Multi-News, where each cluster is one event, the cluster); ``topic_level`` says whether
    gold topics are real topics above the stories (ECB+) and so scored as a level of their own."""

    name: str
    items: list[AnalyzedArticle]
    duplicates: dict[str, str]
    gold_story: dict[str, str]
    gold_topic: dict[str, str]
    folds: list[list[str]]
    topic_level: bool
    files: int
    skipped: list[tuple[str, str]]


Sums = dict[str, tuple[float, float, int]]


@dataclasses.dataclass
class Row:
    """One candidate's per-gold-topic B-cubed sums on one corpus: story level, and topic level for
    each topic text (GRID_TOPIC_TEXT) and topic_link value."""

    label: str
    settings: Settings | None  # None: the baseline (``baseline`` holds its threshold)
    baseline: float
    story: Sums
    topic: dict[tuple[str, float], Sums]
    attach: bool = False  # the lone-article rule on (GRID_ATTACH)


def read_corpus(path: Path, use_cache: bool, name: str | None = None) -> Corpus:
    """A corpus folder (``articles/``, ``stories.csv``). One whose gold topics are its stories (each
    cluster one event: Multi-News, a ``--clusters`` folder) has no topic level and is held out in ten
    folds of clusters; ECB+ one topic a fold."""
    gold_story, gold_topic = {}, {}
    with open(path / "stories.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gold_story[row["file"]] = row["story"]
            gold_topic[row["file"]] = row["topic"]
    items, duplicates, skipped = load(path, use_cache)
    topics = sorted(set(gold_topic.values()), key=lambda t: (len(t), t))
    multinews = all(gold_topic[f] == gold_story[f] for f in gold_story)  # clusters, no topic level
    # Copies: one kept in another gold cluster is a page boilerplate (an archive's notice, a tweet
    # box) that several clusters' crawls picked up, not an article: neither it nor its copies is
    # scored. A copy within its own cluster counts with the copy kept, as a reader sees it.
    junk = {kept for dup, kept in duplicates.items() if gold_story.get(dup) != gold_story.get(kept)}
    junk |= {dup for dup, kept in duplicates.items() if kept in junk}
    for file in junk:
        gold_story.pop(file, None)
        gold_topic.pop(file, None)
    duplicates = {d: k for d, k in duplicates.items() if d not in junk}
    folds = [[t] for t in topics] if not multinews else [topics[k::10] for k in range(10)]
    why = [(p, r) for p, r in skipped if not r.startswith("duplicate of ")]
    why += [(j, "page boilerplate copied in several clusters") for j in sorted(junk)]
    return Corpus(
        name or path.name,
        items,
        duplicates,
        gold_story,
        gold_topic,
        folds,
        not multinews,
        len(list((path / "articles").iterdir())),
        why,
    )


def _corpus_folder(out: Path, key: str, rows: Iterable[tuple[str, bytes, str]]) -> Path:
    """Writes a corpus folder under CACHE once for ``key``: ``articles/`` of (file name, bytes, gold
    story) rows and their ``stories.csv`` (topic = story). Kept while ``key`` (the source's hash) holds."""
    if (out / f".{key}").is_file():
        return out
    import shutil

    shutil.rmtree(out, ignore_errors=True)
    (out / "articles").mkdir(parents=True)
    with open(out / "stories.csv", "w", newline="", encoding="utf-8") as gold:
        writer = csv.writer(gold)
        writer.writerow(["file", "topic", "story"])
        for name, data, story in rows:
            (out / "articles" / name).write_bytes(data)
            writer.writerow([name, story, story])
    (out / f".{key}").write_text("")
    return out


def multinews_folder(source: Path) -> Path:
    """The Multi-News sample as a content folder under CACHE (never in the repository): each row's
    ``documents`` (a Python list literal, read with ast.literal_eval) one .txt per article, the row
    its gold story."""
    import ast

    def rows() -> Iterator[tuple[str, bytes, str]]:
        csv.field_size_limit(1 << 30)
        with open(source, newline="", encoding="utf-8") as fh:
            for r, row in enumerate(csv.DictReader(fh)):
                for k, doc in enumerate(ast.literal_eval(row["documents"])):
                    if isinstance(doc, str) and doc.strip():
                        yield f"mn{r:03d}_{k}.txt", (doc.strip() + "\n").encode("utf-8"), f"mn{r:03d}"

    return _corpus_folder(CACHE / "multinews", hashlib.sha1(source.read_bytes()).hexdigest()[:12], rows())


#: A ``--clusters`` file's name: cluster number, article number (``c0012-d3.md``); gold = the cluster.
CLUSTER_FILE = re.compile(r"c(\d+)-d\d+\.\w+")


def _listing_key(files: Sequence[Path], extra: Sequence[str] = ()) -> str:
    """What a copied folder under CACHE is kept for: its files' names, sizes and times (and ``extra`` lines)."""
    lines = [*(f"{f.name} {f.stat().st_size} {f.stat().st_mtime_ns}" for f in files), *extra]
    return hashlib.sha1("\n".join(lines).encode()).hexdigest()[:12]


def clusters_folder(source: Path) -> Path:
    """A content folder of ``cNNNN-dK`` files (one cluster, one event: the Giveme5W1H clusters as
    /work/notes/write_g5.py writes them, front matter title and date) as a corpus folder under CACHE
    (copied there, never into the repository), gold story = NNNN."""
    found = sorted((f, m.group(1)) for f in source.iterdir() if (m := CLUSTER_FILE.fullmatch(f.name)))
    key = _listing_key([f for f, _ in found])
    out = CACHE / f"clusters-{hashlib.sha1(str(source.resolve()).encode()).hexdigest()[:8]}"
    return _corpus_folder(out, key, ((f.name, f.read_bytes(), f"c{cluster}") for f, cluster in found))


def singletons_folder(source: Path, same: Path | None = None) -> Path:
    """A content folder of one outlet's reports, one event each (BBC files one report per event), as a corpus folder
    under CACHE (copied there, never into the repository): gold story = the file, but for the pairs of file names
    that ``same`` lists, tab-separated, one pair a line (judged one event), which share one story."""
    files = sorted(f for f in source.iterdir() if f.is_file() and not f.name.startswith("."))
    story = {f.name: f.name for f in files}
    pairs = [line.split("\t") for line in same.read_text(encoding="utf-8").splitlines() if line.strip()] if same else []
    for a, b in pairs:
        story[b] = story[a]
    key = _listing_key(files, ["\t".join(pair) for pair in pairs])
    out = CACHE / f"singletons-{hashlib.sha1(str(source.resolve()).encode()).hexdigest()[:8]}"
    return _corpus_folder(out, key, ((f.name, f.read_bytes(), story[f.name]) for f in files))


def corpus_name(folder: Path, taken: Sequence[str]) -> str:
    """A ``--clusters`` folder's name in the output: its own, or with its parents' names before it
    while that is taken (BASIL part A and AllSides part A are both folders named ``content``). Never
    a ``/``: pooled topics are named ``corpus/topic``."""
    parts = folder.resolve().parts[1:]
    for k in range(1, len(parts) + 1):
        name = "-".join(parts[-k:])
        if name not in taken:
            return name
    return "-".join(parts) + f"-{len(taken)}"


def describe(s: Settings) -> str:
    w = ", ".join(f"{k}={v:g}" for k, v in s.weights.items())
    return (
        f"weights({w}) lead={s.lead:g} topic_threshold={s.topic_threshold:g} story_threshold={s.story_threshold:g} "
        f"window_days={s.window_days} fade={s.fade:g} undated={s.undated:g} topic_link={s.topic_link:g} "
        f"attach={'on' if s.attach else 'off'}"
    )


def per_topic_sums(pred: Mapping[str, object], gold: Mapping[str, str], topic: Mapping[str, str]) -> Sums:
    """Per gold topic: sums of item B-cubed precision and recall, and the item count (scored items only)."""
    by_pred: dict[object, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    scored = [a for a in sorted(pred) if a in gold]
    for a in scored:
        by_pred[pred[a]].add(a)
        by_gold[gold[a]].add(a)
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for a in scored:
        c = pred[a]
        same = len(by_pred[c] & by_gold[gold[a]])
        acc = sums[topic[a]]
        acc[0] += same / len(by_pred[c])
        acc[1] += same / len(by_gold[gold[a]])
        acc[2] += 1
    return {t: (p, r, int(n)) for t, (p, r, n) in sums.items()}


def f1_of(sums: Mapping[str, tuple[float, float, int]], topics: Iterable[str]) -> tuple[float, float, float]:
    ps = rs = n = 0.0
    for t in topics:
        p, r, k = sums.get(t, (0.0, 0.0, 0))
        ps, rs, n = ps + p, rs + r, n + k
    if not n:
        return 0.0, 0.0, 0.0
    p, r = ps / n, rs / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def by_topic(pred: Mapping[str, object], gold_story: Mapping[str, str], gold_topic: Mapping[str, str]) -> None:
    sums = per_topic_sums(pred, gold_story, gold_topic)
    cells = [f"{t}:{f1_of(sums, [t])[2]:.2f}" for t in sorted(sums, key=lambda t: (len(t), t))]
    print("story F1 by topic: " + " ".join(cells))


@dataclasses.dataclass
class PairData:
    """A corpus's candidate pairs with their features (pairs.NAMES) and labels (same gold story)."""

    corpus: Corpus
    settings: Settings
    features: list[Features]  # with inferred dates, as the pair features were made
    pairs: Pairs
    x: np.ndarray
    y: np.ndarray
    topic: list[str | None]  # each article's gold topic (the unit of folds)
    topic_edges: Mapping[str, Mapping[tuple[int, int], float]]  # per topic text (GRID_TOPIC_TEXT)

    def train(self, held: set[str]) -> np.ndarray:
        """The pairs whose two articles are both scored and in topics not held out."""
        t = self.topic
        return np.array(
            [t[i] is not None and t[j] is not None and t[i] not in held and t[j] not in held for i, j in self.pairs], dtype=bool
        )


def pair_data(corpus: Corpus, settings: Settings) -> PairData:
    items = corpus.items
    features = vectorize(items, settings)
    edges = candidate_edges(features, settings.topic_threshold / 4)
    features = infer_dates(features, edges, settings)
    pairs, x = pair_matrix(features, edges, settings)
    story = [corpus.gold_story.get(item.article.id) for item in items]
    y = np.array([float(story[i] is not None and story[i] == story[j]) for i, j in pairs])
    topic_edges: dict[str, Mapping[tuple[int, int], float]] = {}
    if corpus.topic_level:
        for text, weights in GRID_TOPIC_TEXT.items():
            topic_edges[text] = candidate_edges(vectorize(items, dataclasses.replace(settings, weights=weights)), min(GRID_TOPIC_LINK) / 4)
    return PairData(corpus, settings, features, pairs, x, y, [corpus.gold_topic.get(item.article.id) for item in items], topic_edges)


def model_rows(data: PairData, coefficients: Sequence[float]) -> list[Row]:
    """One row per story threshold: the stories the model makes at it, scored per gold topic (and the
    topics above them, for each topic link, on a corpus with a topic level)."""
    corpus, items, dups = data.corpus, data.corpus.items, data.corpus.duplicates
    probability = probabilities(data.x, coefficients)
    rows = []
    for threshold, attach in [(t, a) for t in GRID_STORY for a in GRID_ATTACH]:
        chosen = dataclasses.replace(data.settings, story_threshold=threshold, attach=attach)
        stories = attach_singletons(
            stories_from(len(items), data.pairs, probability, threshold), data.features, data.pairs, probability, chosen
        )
        pred = clusters_to_labels(items, stories, dups)
        topic_sums = {}
        if corpus.topic_level:
            for text, link in [(text, link) for text in GRID_TOPIC_TEXT for link in GRID_TOPIC_LINK]:
                topics = topic_clusters(stories, data.topic_edges[text], link)
                merged = [[i for k in t for i in stories[k]] for t in topics]
                topic_sums[text, link] = per_topic_sums(clusters_to_labels(items, merged, dups), corpus.gold_topic, corpus.gold_topic)
        rows.append(
            Row(
                f"story_threshold={threshold:g} attach={'on' if attach else 'off'}",
                None,
                threshold,
                per_topic_sums(pred, corpus.gold_story, corpus.gold_topic),
                topic_sums,
                attach,
            )
        )
    return rows


def baseline_rows(corpus: Corpus) -> list[Row]:
    """The plain TF-IDF (content words) + average-link baseline at each of its thresholds."""
    items, dups = corpus.items, corpus.duplicates
    features = vectorize(items, Settings(weights={"w": 1.0}, lead=0.0))
    edges = candidate_edges(features, min(GRID_BASELINE) / 4)
    rows = []
    for threshold in GRID_BASELINE:
        mine = edges.where(edges.value >= threshold / 4)
        pred = clusters_to_labels(items, average_link(range(len(items)), mine, threshold), dups)
        sums = per_topic_sums(pred, corpus.gold_story, corpus.gold_topic)
        rows.append(Row(f"baseline threshold={threshold:g}", None, threshold, sums, {}))
    return rows


#: Precision first (issue 14): of the candidates whose pooled B-cubed precision on the topics they
#: are learned on reaches this, the best F1 is chosen; when none does, the best F1.
PRECISION_FLOOR = 0.95


def choose(rows: Sequence[Row], topics: Sequence[str]) -> Row:
    """The row of best F1 among those whose story precision reaches PRECISION_FLOOR on every corpus
    of ``topics`` (pooled topics are named ``corpus/topic``): a corpus whose events share their cast
    (a year of one government's news) is not outvoted by the larger corpora's pairs. With no such
    row, the most precise (on its least precise corpus): precision first."""
    corpora = sorted({t.split("/", 1)[0] for t in topics if "/" in t})
    groups = [[t for t in topics if t.startswith(c + "/")] for c in corpora] or [list(topics)]

    def floor(row: Row) -> float:
        return min(f1_of(row.story, group)[0] for group in groups)

    scored = [(f1_of(row.story, topics), floor(row), n, row) for n, row in enumerate(rows)]
    precise = [x for x in scored if x[1] >= PRECISION_FLOOR]
    if not precise:
        return max(scored, key=lambda x: (x[1], -x[2]))[3]
    return max(precise, key=lambda x: (x[0][2], -x[2]))[3]


def choose_model(rows: Sequence[Row], topics: Sequence[str]) -> Row:
    """The story threshold first, chosen with the lone-article rule off (``choose``), then the rule's
    threshold at that story threshold (off kept on a tie), as the topic link is chosen after both: the
    rule only adds articles to stories, and chosen together with the story threshold it moved the
    choice of the threshold instead (on the topics the model is fitted on, a higher threshold plus
    the rule looks best; on held-out ECB+ topics it lost recall: nested CV F1 0.943 against 0.955)."""
    story = choose([r for r in rows if not r.attach], topics)
    return choose([r for r in rows if r.baseline == story.baseline], topics)


def choose_link(row: Row, topics: Sequence[str]) -> tuple[str, float]:
    """The topic text and link of best topic F1 on ``topics`` (of equals, the first in grid order)."""
    order = list(row.topic)
    return max(order, key=lambda key: (f1_of(row.topic[key], topics)[2], -order.index(key)))


def nested_baseline(rows: Sequence[Row], corpus: Corpus) -> tuple[float, float, float]:
    """Nested cross-validation of the baseline: its threshold chosen on the other folds' topics."""
    all_topics = [t for fold in corpus.folds for t in fold]
    held: Sums = {}
    for fold in corpus.folds:
        best = choose(rows, [t for t in all_topics if t not in fold])
        held.update({t: best.story[t] for t in fold if t in best.story})
    return f1_of(held, all_topics)


def fmt(prf: tuple[float, float, float]) -> str:
    return f"P {prf[0]:.3f} R {prf[1]:.3f} F1 {prf[2]:.3f}"


def nested_model(datas: Sequence[PairData], folds: Sequence[Mapping[str, set[str]]]) -> dict[str, tuple[Sums, Sums, list[str]]]:
    """Nested cross-validation of the pair model over one or more corpora. In each outer fold (corpus
    name -> its held-out topics) the model is fitted on the pairs of the other topics of every corpus
    given, the story threshold and the lone-article rule chosen on those topics (``choose_model``, their
    articles pooled), then the topic link; the held-out topics are scored. Returns per corpus the held-out story and topic sums
    and the choices made."""
    out: dict[str, tuple[Sums, Sums, list[str]]] = {d.corpus.name: ({}, {}, []) for d in datas}
    for fold in folds:
        masks = [d.train(fold.get(d.corpus.name, set())) for d in datas]
        w = fit(
            np.vstack([d.x[m] for d, m in zip(datas, masks, strict=True)]),
            np.concatenate([d.y[m] for d, m in zip(datas, masks, strict=True)]),
        )
        rows = {d.corpus.name: model_rows(d, w) for d in datas}
        train = [f"{d.corpus.name}/{t}" for d in datas for f_ in d.corpus.folds for t in f_ if t not in fold.get(d.corpus.name, set())]
        pooled = [
            Row(r0.label, None, r0.baseline, {f"{name}/{t}": v for name in rows for t, v in rows[name][n].story.items()}, {}, r0.attach)
            for n, r0 in enumerate(rows[datas[0].corpus.name])
        ]
        best = choose_model(pooled, train)
        n = [r.label for r in pooled].index(best.label)
        for d in datas:
            held_story, held_topic, chosen = out[d.corpus.name]
            row = rows[d.corpus.name][n]
            mine = fold.get(d.corpus.name, set())
            held_story.update({t: row.story[t] for t in mine if t in row.story})
            link = None
            if row.topic:
                link = choose_link(row, [t for f_ in d.corpus.folds for t in f_ if t not in mine])
                held_topic.update({t: row.topic[link][t] for t in mine if t in row.topic[link]})
            if mine:
                chosen.append(best.label + (f" topic={link[0]} topic_link={link[1]:g}" if link else ""))
    return out


def learn(corpora: Sequence[Corpus], base: Settings) -> None:
    """Honest scores of the pair model and the baseline: nested CV within each corpus and over both
    pooled, cross-corpus (fitted and chosen on all of one corpus, scored on the other), then the fit
    on everything (the defaults in pairs.COEFFICIENTS and config's group_threshold)."""
    t0 = time.perf_counter()
    datas = [pair_data(c, base) for c in corpora]
    print(
        f"pair features of {', '.join(f'{d.corpus.name}: {len(d.pairs)} pairs ({int(d.y.sum())} same story)' for d in datas)} "
        f"in {time.perf_counter() - t0:.0f}s"
    )
    baselines = {c.name: baseline_rows(c) for c in corpora}
    for d in datas:
        c = d.corpus
        topics = [t for fold in c.folds for t in fold]
        story, topic, chosen = nested_model([d], [{c.name: set(fold)} for fold in c.folds])[c.name]
        print(
            f"{c.name}, nested CV ({len(c.folds)} outer folds, fitted on {c.name} only): story {fmt(f1_of(story, topics))}"
            + (f"; topic {fmt(f1_of(topic, topics))}" if topic else "")
            + f"; baseline story {fmt(nested_baseline(baselines[c.name], c))}"
        )
        for text, n in Counter(chosen).most_common(3):
            print(f"  chosen in {n:2d} of {len(c.folds)} outer folds: {text}")
    if len(datas) > 1:
        k = 10
        folds = [{d.corpus.name: set([t for f_ in d.corpus.folds for t in f_][m::k]) for d in datas} for m in range(k)]
        result = nested_model(datas, folds)
        for d in datas:
            story, topic, chosen = result[d.corpus.name]
            topics = [t for f_ in d.corpus.folds for t in f_]
            print(
                f"{d.corpus.name}, nested CV ({k} outer folds, fitted on all corpora's other topics): story {fmt(f1_of(story, topics))}"
                + (f"; topic {fmt(f1_of(topic, topics))}" if topic else "")
            )
        print(f"  chosen: {dict(Counter(chosen).most_common())}")
    for a in datas:
        w = fit(a.x, a.y)
        rows_a = model_rows(a, w)
        best = choose_model(rows_a, [t for f_ in a.corpus.folds for t in f_])
        for b in datas:
            if b is a:
                continue
            topics_b = [t for f_ in b.corpus.folds for t in f_]
            row = next(r for r in model_rows(b, w) if r.label == best.label)
            plain = choose(baselines[a.corpus.name], [t for f_ in a.corpus.folds for t in f_])
            plain_b = next(r for r in baselines[b.corpus.name] if r.label == plain.label)
            print(
                f"cross-corpus: fitted on {a.corpus.name}, scored on {b.corpus.name}: story {fmt(f1_of(row.story, topics_b))} "
                f"[{best.label}]; baseline {fmt(f1_of(plain_b.story, topics_b))} [{plain.label}]"
            )
    for fitted in (datas, [datas[0]]) if len(datas) > 1 else ([datas[0]],):
        w = fit(np.vstack([d.x for d in fitted]), np.concatenate([d.y for d in fitted]))
        rows = {d.corpus.name: model_rows(d, w) for d in datas}
        pooled = [
            Row(
                r0.label,
                None,
                r0.baseline,
                {f"{d.corpus.name}/{t}": v for d in fitted for t, v in rows[d.corpus.name][n].story.items()},
                {},
                r0.attach,
            )
            for n, r0 in enumerate(rows[datas[0].corpus.name])
        ]
        best = choose_model(pooled, [f"{d.corpus.name}/{t}" for d in fitted for f_ in d.corpus.folds for t in f_])
        which = " and ".join(d.corpus.name for d in fitted)
        print(f"fitted on {which}" + (" (the defaults)" if fitted is datas else " (for comparison)") + f": {best.label}")
        print("  COEFFICIENTS = (" + ", ".join(f"{v:.2f}" for v in w) + ")  # " + " ".join(NAMES))
        for d in datas:
            row = next(r for r in rows[d.corpus.name] if r.label == best.label)
            topics = [t for f_ in d.corpus.folds for t in f_]
            link = choose_link(row, topics) if row.topic else None
            print(
                f"  on {d.corpus.name}"
                + (" (in-sample, not a result)" if d in fitted else " (never seen in fitting)")
                + f": story {fmt(f1_of(row.story, topics))}"
                + (f"; topic {fmt(f1_of(row.topic[link], topics))} at topic={link[0]} topic_link={link[1]:g}" if link else "")
            )


# -- small sites ----------------------------------------------------------------------------------


def small_sites(items: Sequence[AnalyzedArticle], gold_story: Mapping[str, str], gold_topic: Mapping[str, str], settings: Settings) -> None:
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_story[gold_story[item.article.id]].append(i)
    topics = sorted(set(gold_topic.values()), key=lambda t: (len(t), t))
    for k in (2, 3, 5):
        pred: dict[str, tuple[int, int]] = {}
        gold: dict[str, str] = {}
        for c, pair in enumerate(zip(topics[0::2], topics[1::2], strict=False)):
            sub = [
                i
                for story in sorted(by_story)
                if gold_topic[items[by_story[story][0]].article.id] in pair
                for i in sorted(by_story[story], key=lambda i: items[i].article.id)[:k]
            ]
            site = [items[i] for i in sub]
            features = vectorize(site, settings)
            for n, cluster in enumerate(story_clusters(features, settings)):
                for x in cluster:
                    pred[f"{c}/{site[x].article.id}"] = (c, n)
                    gold[f"{c}/{site[x].article.id}"] = gold_story[site[x].article.id]
        p, r, f = bcubed(pred, gold)
        print(f"small sites, {k} articles a story, two topics a site: story P {p:.3f} R {r:.3f} F1 {f:.3f}")


# -- id stability and scale -----------------------------------------------------------------------


def id_stability(corpus: Corpus, config: object, one_pass: Sequence[Story]) -> None:
    """Group 70% of the articles, then all of them with that edition as ``previous=`` (as a rebuild
    does): how many first-run stories keep their id and articles, the rebuild's story scores, and how
    many of its stories differ from the one-pass build's (``one_pass``) over the same articles."""
    items = corpus.items
    first = [item for n, item in enumerate(items) if n % 10 < 7]
    before = group(first, config)  # type: ignore[arg-type]
    after = group(items, config, previous={s.id: s.articles for s in before})  # type: ignore[arg-type]
    new = {s.id: set(s.articles) for s in after}
    story_of = {a: s.id for s in after for a in s.articles}
    kept = sum(1 for s in before if s.id in new and set(s.articles) <= new[s.id])
    merged = sum(1 for s in before if s.id not in new and len({story_of[a] for a in s.articles}) == 1)
    print(
        f"  ids: of {len(before)} stories of a 70% first edition, after adding the rest {kept} keep their id and "
        f"articles, {merged} merged into a larger story, {len(before) - kept - merged} split"
    )
    pred = with_duplicates(story_of, corpus.duplicates)
    topics = [t for fold in corpus.folds for t in fold]
    differ = {frozenset(s.articles) for s in after} ^ {frozenset(s.articles) for s in one_pass}
    print(
        f"  rebuild (70%, then all): story {fmt(f1_of(per_topic_sums(pred, corpus.gold_story, corpus.gold_topic), topics))}, "
        f"{len(after)} stories, {len(differ)} differ from the one-pass build's"
    )


def _tag(k: int) -> str:
    return "".join(chr(ord("a") + int(d)) for d in str(k))


def _shift(date: str | None, days: int) -> str | None:
    import datetime as dt

    if not date:
        return None
    try:
        return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return date


def replicate(items: Sequence[AnalyzedArticle], total: int) -> list[AnalyzedArticle]:
    """The corpus repeated until ``total`` articles: copy k renames every name (so its events are
    new events of the same kinds), gets ids ``k/...`` and dates shifted by 45 * k days."""
    out = list(items)
    k = 0
    while len(out) < total:
        k += 1
        tag = _tag(k)

        def rename(text: str, tag: str = tag) -> str:
            return re.sub(r"([^\W\d_]+)", lambda word: word.group(1) + tag, text)

        for item in items:
            if len(out) >= total:
                break
            a = item.article
            article = Article(f"{k}/{a.id}", rename(a.title), a.text, a.paragraphs, _shift(a.date, 45 * k), title_inferred=a.title_inferred)
            sentences = tuple(
                Sentence(
                    s.index,
                    s.text,
                    s.start,
                    s.end,
                    s.paragraph,
                    tuple(
                        Token(
                            t.text,
                            rename(t.lemma) if t.ent or t.pos == "PROPN" else t.lemma,
                            t.pos,
                            t.tag,
                            t.dep,
                            t.head,
                            t.start,
                            t.is_stop,
                            t.ent,
                        )
                        for t in s.tokens
                    ),
                    s.is_heading,
                )
                for s in item.sentences
            )
            mentions = tuple(
                Mention(rename(m.text) if m.label != "DATE" else m.text, m.label, m.start, m.end, m.sentence) for m in item.mentions
            )
            out.append(AnalyzedArticle(article, sentences, mentions))
    return out


def scale(items: Sequence[AnalyzedArticle], gold_story: Mapping[str, str], config: object) -> None:
    for total in (5000, 20000):
        corpus = replicate(items, total)
        t0 = time.perf_counter()
        stories = group(corpus, config)  # type: ignore[arg-type]
        took = time.perf_counter() - t0
        pred = {a: s.id for s in stories for a in s.articles}
        gold = {
            a.article.id: (a.article.id.split("/")[0] if "/" in a.article.id else "0", gold_story[a.article.id.split("/")[-1]])
            for a in corpus
        }
        f = bcubed(pred, gold)[2]
        print(f"scale: {total} articles grouped in {took:.1f}s ({len(stories)} stories, story F1 {f:.3f})")


def one_at_a_time(corpus: Corpus, config: object) -> None:
    """Group each gold cluster's articles alone: how many clusters come out as two or more stories."""
    by_cluster: dict[str, list[AnalyzedArticle]] = defaultdict(list)
    for item in corpus.items:
        if item.article.id in corpus.gold_story:
            by_cluster[corpus.gold_story[item.article.id]].append(item)
    split = sum(len(group(items, config)) > 1 for items in by_cluster.values())  # type: ignore[arg-type]
    print(f"  one cluster at a time: {split} of {len(by_cluster)} clusters come out as two or more stories")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "corpus",
        nargs="?",
        default=str(ROOT.parent / "shared/corpora/ecbplus-dev"),
        help="folder with articles/ and stories.csv (default: the shared ECB+ dev corpus)",
    )
    parser.add_argument("--multinews", metavar="CSV", help="also score the Multi-News sample (documents,num_documents,summary) pooled")
    parser.add_argument(
        "--clusters",
        metavar="DIR",
        action="append",
        default=[],
        help="also score a content folder of cNNNN-dK files pooled (gold = the cluster NNNN); repeatable",
    )
    parser.add_argument(
        "--singletons",
        metavar="DIR",
        help="also score a content folder of one outlet's reports, every file its own event (a one-outlet archive)",
    )
    parser.add_argument("--same", metavar="PAIRS.tsv", help="with --singletons: file-name pairs judged one event, tab-separated")
    parser.add_argument("--threshold", type=float, default=None, help="story threshold (group_threshold)")
    parser.add_argument("--learn", action="store_true", help="nested CV, cross-corpus and baseline scores over the grid")
    parser.add_argument("--small", action="store_true", help="score small sites (two topics, few articles a story)")
    parser.add_argument("--scale", action="store_true", help="time grouping 5,000 and 20,000 articles")
    parser.add_argument("--no-cache", action="store_true", help="parse the corpus again")
    parser.add_argument("--topics", action="store_true", help="print story F1 topic by topic")
    args = parser.parse_args()
    # the corpora are undated on purpose: a build's warning about stories of undated articles tells nothing here
    logging.getLogger("briefgen.group").setLevel(logging.ERROR)
    corpora = [read_corpus(Path(args.corpus), not args.no_cache)]
    if args.multinews:
        corpora.append(read_corpus(multinews_folder(Path(args.multinews)), not args.no_cache, "Multi-News"))
    for folder in args.clusters:
        corpora.append(read_corpus(clusters_folder(Path(folder)), not args.no_cache, corpus_name(Path(folder), [c.name for c in corpora])))
    if args.singletons:
        folder = Path(args.singletons)
        corpora.append(
            read_corpus(
                singletons_folder(folder, Path(args.same) if args.same else None),
                not args.no_cache,
                corpus_name(folder, [c.name for c in corpora]),
            )
        )
    config = load_config(content_dir=Path(args.corpus) / "articles", group_threshold=args.threshold)
    settings = settings_for(config)
    print(f"settings: {describe(settings)}")
    for corpus in corpora:
        t0 = time.perf_counter()
        result = group_all(corpus.items, config)
        took = time.perf_counter() - t0
        pred = with_duplicates({a: s.id for s in result.stories for a in s.articles}, corpus.duplicates)
        topic_pred = with_duplicates({a: s.topic for s in result.stories for a in s.articles}, corpus.duplicates)
        scored = len([a for a in pred if a in corpus.gold_story])
        print(
            f"{corpus.name}: {corpus.files} files, {scored} scored ({scored / corpus.files:.1%}; "
            f"{len(corpus.skipped)} not: {', '.join(sorted({r.split(' (')[0] for _, r in corpus.skipped})) or '-'}), "
            f"{len(result.stories)} stories (gold {len(set(corpus.gold_story.values()))}), "
            f"{len(result.topics)} topics, grouping {took:.2f}s"
        )
        topics = [t for fold in corpus.folds for t in fold]
        print(f"  story {fmt(f1_of(per_topic_sums(pred, corpus.gold_story, corpus.gold_topic), topics))}")
        if corpus.topic_level:
            print(f"  topic {fmt(f1_of(per_topic_sums(topic_pred, corpus.gold_topic, corpus.gold_topic), topics))}")
        if args.topics:
            by_topic(pred, corpus.gold_story, corpus.gold_topic)
        if not corpus.topic_level:
            one_at_a_time(corpus, config)
        id_stability(corpus, config, result.stories)
    ecb = corpora[0]
    if args.scale:
        scale(ecb.items, ecb.gold_story, config)
    if args.small:
        small_sites(ecb.items, ecb.gold_story, ecb.gold_topic, settings)
    if args.learn:
        learn(corpora, settings)


if __name__ == "__main__":
    main()
