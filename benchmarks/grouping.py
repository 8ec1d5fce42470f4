"""Score story grouping against labelled corpora (B-cubed precision, recall, F1).

Usage: python benchmarks/grouping.py [CORPUS_DIR] [--threshold T] [--cv] [--small] [--topics] [--no-scale] [--no-cache]

CORPUS_DIR holds ``articles/`` and ``stories.csv`` (``file,topic,story``), as
``../shared/corpora/ecbplus-dev`` does. Scores are printed at the story level
(what a briefing should group by) and at the coarser topic level, which shows
the trap: a method that merges same-kind events scores well on topics only.
Every file of stories.csv is scored: one that ingest drops as a duplicate of
another (the same text under another time stamp) counts as grouped with the
copy kept, as a reader sees it. ``--topics`` prints story F1 topic by topic.

The parsed corpus is cached with pickle under /tmp/briefgen-bench (keyed by the
files, the model and the ingest/analysis code), so runs after the first take
seconds. Every run also prints:

- ids: group 70% of the articles, then all of them with ``previous=``; the
  share of first-run stories that keep their id and all their articles;
- scale: seconds to group 500 and 5,000 articles. The 5,000 are the corpus
  repeated with the names in each copy changed (so each copy's events are new
  events of the same kinds, sharing the words) and dates shifted by 45 days a copy.

``--cv`` learns the settings: a small grid over block weights and thresholds,
scored by leave-one-topic-out cross-validation (the settings are chosen on 21
topics and scored on the one left out, for each topic in turn), so the number
printed estimates what unseen topics get. ``--small`` scores small sites: two
topics at a time with 2, 3 or 5 articles per story.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import itertools
import json
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.config import load_config  # noqa: E402
from briefgen.group import Settings, group, settings_for  # noqa: E402
from briefgen.group.cluster import candidate_edges, story_clusters  # noqa: E402
from briefgen.group.features import vectorize  # noqa: E402
from briefgen.models import AnalyzedArticle, Article, Mention, Sentence, Token  # noqa: E402

CACHE = Path("/tmp/briefgen-bench")
#: The grid --cv searches: block weights (words fixed at 1), headline/lead boost, thresholds.
GRID = {
    "e": (1.0, 1.5, 2.0),
    "p": (1.0, 2.0),
    "t": (1.0, 2.0, 3.0),
    "n": (0.5,),
    "lead": (1.0,),
    "topic_threshold": (0.03, 0.05),
    "story_threshold": (0.05, 0.06, 0.07),
    "window_days": (10, 365),
    "fade": (0.0, 0.25, 0.5),
}


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


def load(corpus: Path, use_cache: bool) -> tuple[list[AnalyzedArticle], dict[str, str]]:
    """Ingest and parse the corpus, or read the cached result of an identical earlier run.

    Returns the analysed articles and the duplicates ingest dropped (id -> id of the copy kept).
    """
    config = load_config(content_dir=corpus / "articles")
    key = hashlib.sha1()
    for path in sorted((corpus / "articles").iterdir()):
        stat = path.stat()
        key.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    from briefgen.pipeline import STAGE, fingerprint

    for stage in ("ingest", "analyze"):  # the build's own keys of the two stages' code, libraries, model and settings
        key.update(fingerprint(STAGE[stage], config).encode())
    key.update(b"with duplicates")  # the cached layout
    cached = CACHE / f"{corpus.name}-{key.hexdigest()[:16]}.pkl"
    if use_cache and cached.is_file():
        with open(cached, "rb") as fh:
            return pickle.load(fh)
    from briefgen.analyze import analyze
    from briefgen.ingest import ingest

    t0 = time.perf_counter()
    articles, skipped = ingest(config)
    analyzed = analyze(articles, config)
    duplicates = {s.path: s.reason.removeprefix("duplicate of ") for s in skipped if s.reason.startswith("duplicate of ")}
    print(f"analysed {len(articles)} articles in {time.perf_counter() - t0:.0f}s ({len(skipped)} skipped)")
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(cached, "wb") as fh:
        pickle.dump((analyzed, duplicates), fh)
    return analyzed, duplicates


def clusters_to_labels(items: Sequence[AnalyzedArticle], clusters: Iterable[Sequence[int]],
                       duplicates: Mapping[str, str]) -> dict[str, int]:
    return with_duplicates({items[i].article.id: n for n, c in enumerate(clusters) for i in c}, duplicates)


def with_duplicates(pred: Mapping[str, object], duplicates: Mapping[str, str]) -> dict[str, object]:
    """A dropped duplicate goes to the story of the copy kept."""
    return {**pred, **{dup: pred[kept] for dup, kept in duplicates.items() if kept in pred}}


def report(pred: Mapping[str, object], gold_story: Mapping[str, str], gold_topic: Mapping[str, str]) -> None:
    print("level   precision  recall  F1")
    for name, gold in (("story", gold_story), ("topic", gold_topic)):
        p, r, f = bcubed(pred, gold)
        print(f"{name:7} {p:9.3f} {r:7.3f} {f:6.3f}")


# -- leave-one-topic-out cross-validation -------------------------------------------------------


def grid_settings(base: Settings) -> list[Settings]:
    out = []
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        v = dict(zip(keys, values, strict=True))
        if v.get("fade") == 0 and v.get("window_days", base.window_days) != GRID.get("window_days", (base.window_days,))[0]:
            continue  # no fade: the window makes no difference
        weights = {"w": 1.0, **{b: v.pop(b) for b in "eptn"}}
        out.append(dataclasses.replace(base, weights=weights, **v))
    return out


def describe(s: Settings) -> str:
    w = ", ".join(f"{k}={v:g}" for k, v in s.weights.items())
    return (f"weights({w}) lead={s.lead:g} topic_threshold={s.topic_threshold:g} story_threshold={s.story_threshold:g} "
            f"window_days={s.window_days} fade={s.fade:g}")


def per_topic_sums(pred: Mapping[str, object], gold: Mapping[str, str],
                   topic: Mapping[str, str]) -> dict[str, tuple[float, float, int]]:
    """Per gold topic: sums of item B-cubed precision and recall, and the item count."""
    by_pred: dict[object, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for a, c in pred.items():
        by_pred[c].add(a)
        by_gold[gold[a]].add(a)
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for a, c in pred.items():
        same = len(by_pred[c] & by_gold[gold[a]])
        acc = sums[topic[a]]
        acc[0] += same / len(by_pred[c])
        acc[1] += same / len(by_gold[gold[a]])
        acc[2] += 1
    return {t: (p, r, int(n)) for t, (p, r, n) in sums.items()}


def f1_of(sums: Mapping[str, tuple[float, float, int]], topics: Iterable[str]) -> tuple[float, float, float]:
    ps = rs = n = 0.0
    for t in topics:
        p, r, k = sums[t]
        ps, rs, n = ps + p, rs + r, n + k
    p, r = ps / n, rs / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def by_topic(pred: Mapping[str, object], gold_story: Mapping[str, str], gold_topic: Mapping[str, str]) -> None:
    sums = per_topic_sums(pred, gold_story, gold_topic)
    cells = [f"{t}:{f1_of(sums, [t])[2]:.2f}" for t in sorted(sums, key=lambda t: (len(t), t))]
    print("story F1 by topic: " + " ".join(cells))


def cross_validate(items: Sequence[AnalyzedArticle], duplicates: Mapping[str, str], gold_story: Mapping[str, str],
                   gold_topic: Mapping[str, str], base: Settings) -> None:
    candidates = grid_settings(base)
    print(f"cross-validation: {len(candidates)} settings, leave one topic out")
    table: list[tuple[Settings, dict[str, tuple[float, float, int]], dict[str, tuple[float, float, int]]]] = []
    by_features: dict[str, list[Settings]] = defaultdict(list)
    for s in candidates:
        by_features[json.dumps([sorted(s.weights.items()), s.lead])].append(s)
    t0 = time.perf_counter()
    for group_ in by_features.values():
        features = vectorize(items, group_[0])
        by_time: dict[tuple[int, float], list[Settings]] = defaultdict(list)
        for s in group_:
            by_time[(s.window_days, s.fade)].append(s)
        for (window_days, fade), same_time in by_time.items():
            floor = min(s.topic_threshold for s in same_time) / 4
            edges = candidate_edges(features, floor, window_days, fade)
            for s in same_time:
                mine = {k: v for k, v in edges.items() if v >= s.topic_threshold / 4}
                pred = clusters_to_labels(items, story_clusters(features, s, edges=mine), duplicates)
                table.append((s, per_topic_sums(pred, gold_story, gold_topic), per_topic_sums(pred, gold_topic, gold_topic)))
    topics = sorted(set(gold_topic.values()), key=lambda t: (len(t), t))
    held_story: dict[str, tuple[float, float, int]] = {}
    held_topic: dict[str, tuple[float, float, int]] = {}
    chosen: Counter[str] = Counter()
    for out in topics:
        train = [t for t in topics if t != out]
        best = max(table, key=lambda row: f1_of(row[1], train)[2])
        held_story[out], held_topic[out] = best[1][out], best[2][out]
        chosen[describe(best[0])] += 1
    ps, rs, fs = f1_of(held_story, topics)
    ft = f1_of(held_topic, topics)[2]
    print(f"grid scored in {time.perf_counter() - t0:.0f}s")
    print(f"CV (held-out topics) story P {ps:.3f} R {rs:.3f} F1 {fs:.3f}; topic F1 {ft:.3f}")
    for text, n in chosen.most_common(3):
        print(f"  chosen in {n:2d} of {len(topics)} folds: {text}")
    best = max(table, key=lambda row: f1_of(row[1], topics)[2])
    print(f"best on all topics (in-sample) F1 {f1_of(best[1], topics)[2]:.3f}: {describe(best[0])}")
    default = next((row for row in table if row[0] == base), None)
    if default is not None:
        print(f"current defaults, in-sample F1 {f1_of(default[1], topics)[2]:.3f}")


# -- small sites ----------------------------------------------------------------------------------


def small_sites(items: Sequence[AnalyzedArticle], gold_story: Mapping[str, str], gold_topic: Mapping[str, str],
                settings: Settings) -> None:
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_story[gold_story[item.article.id]].append(i)
    topics = sorted(set(gold_topic.values()), key=lambda t: (len(t), t))
    for k in (2, 3, 5):
        pred: dict[str, tuple[int, int]] = {}
        gold: dict[str, str] = {}
        for c, pair in enumerate(zip(topics[0::2], topics[1::2], strict=False)):
            sub = [i for story in sorted(by_story) if gold_topic[items[by_story[story][0]].article.id] in pair
                   for i in sorted(by_story[story], key=lambda i: items[i].article.id)[:k]]
            site = [items[i] for i in sub]
            features = vectorize(site, settings)
            for n, cluster in enumerate(story_clusters(features, settings)):
                for x in cluster:
                    pred[f"{c}/{site[x].article.id}"] = (c, n)
                    gold[f"{c}/{site[x].article.id}"] = gold_story[site[x].article.id]
        p, r, f = bcubed(pred, gold)
        print(f"small sites, {k} articles a story, two topics a site: story P {p:.3f} R {r:.3f} F1 {f:.3f}")


# -- id stability and scale -----------------------------------------------------------------------


def id_stability(items: Sequence[AnalyzedArticle], config: object) -> None:
    first = [item for n, item in enumerate(items) if n % 10 < 7]
    before = group(first, config)  # type: ignore[arg-type]
    after = group(items, config, previous={s.id: s.articles for s in before})  # type: ignore[arg-type]
    new = {s.id: set(s.articles) for s in after}
    story_of = {a: s.id for s in after for a in s.articles}
    kept = sum(1 for s in before if s.id in new and set(s.articles) <= new[s.id])
    merged = sum(1 for s in before if s.id not in new and len({story_of[a] for a in s.articles}) == 1)
    print(f"ids: of {len(before)} stories of a 70% first edition, after adding the rest {kept} keep their id and "
          f"articles, {merged} merged into a larger story, {len(before) - kept - merged} split")


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
            article = Article(f"{k}/{a.id}", rename(a.title), a.text, a.paragraphs, _shift(a.date, 45 * k),
                              title_inferred=a.title_inferred)
            sentences = tuple(
                Sentence(s.index, s.text, s.start, s.end, s.paragraph,
                         tuple(Token(t.text, rename(t.lemma) if t.ent or t.pos == "PROPN" else t.lemma, t.pos, t.tag, t.dep,
                                     t.head, t.start, t.is_stop, t.ent) for t in s.tokens), s.is_heading)
                for s in item.sentences
            )
            mentions = tuple(Mention(rename(m.text) if m.label != "DATE" else m.text, m.label, m.start, m.end, m.sentence)
                             for m in item.mentions)
            out.append(AnalyzedArticle(article, sentences, mentions))
    return out


def scale(items: Sequence[AnalyzedArticle], gold_story: Mapping[str, str], config: object) -> None:
    for total in (500, 5000):
        corpus = replicate(items, total)
        t0 = time.perf_counter()
        stories = group(corpus, config)  # type: ignore[arg-type]
        took = time.perf_counter() - t0
        pred = {a: s.id for s in stories for a in s.articles}
        gold = {a.article.id: (a.article.id.split("/")[0] if "/" in a.article.id else "0",
                               gold_story[a.article.id.split("/")[-1]]) for a in corpus}
        f = bcubed(pred, gold)[2]
        print(f"scale: {total} articles grouped in {took:.1f}s ({len(stories)} stories, story F1 {f:.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared/corpora/ecbplus-dev"))
    parser.add_argument("--threshold", type=float, default=None, help="story threshold (group_threshold)")
    parser.add_argument("--cv", action="store_true", help="learn settings by leave-one-topic-out cross-validation")
    parser.add_argument("--small", action="store_true", help="score small sites (two topics, few articles a story)")
    parser.add_argument("--no-scale", action="store_true", help="skip timing 500 and 5,000 articles")
    parser.add_argument("--no-cache", action="store_true", help="parse the corpus again")
    parser.add_argument("--topics", action="store_true", help="print story F1 topic by topic")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    config = load_config(content_dir=corpus / "articles", group_threshold=args.threshold)
    settings = settings_for(config)
    gold_story, gold_topic = {}, {}
    with open(corpus / "stories.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gold_story[row["file"]] = row["story"]
            gold_topic[row["file"]] = row["topic"]
    items, duplicates = load(corpus, not args.no_cache)
    t0 = time.perf_counter()
    stories = group(items, config)
    took = time.perf_counter() - t0
    pred = with_duplicates({a: s.id for s in stories for a in s.articles}, duplicates)
    gold_stories = len(set(gold_story.values()))
    print(f"articles {len(items)} (+{len(duplicates)} duplicates), stories {len(stories)} (gold {gold_stories}), grouping {took:.2f}s")
    print(f"settings: {describe(settings)}")
    report(pred, gold_story, gold_topic)
    if args.topics:
        by_topic(pred, gold_story, gold_topic)
    id_stability(items, config)
    if not args.no_scale:
        scale(items, gold_story, config)
    if args.small:
        small_sites(items, gold_story, gold_topic, settings)
    if args.cv:
        cross_validate(items, duplicates, gold_story, gold_topic, settings)


if __name__ == "__main__":
    main()
