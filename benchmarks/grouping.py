"""Score story grouping against labelled corpora (B-cubed precision, recall, F1).

Usage: python benchmarks/grouping.py [CORPUS_DIR] [--threshold T]

CORPUS_DIR holds ``articles/`` and ``stories.csv`` (``file,topic,story``), as
``../shared/corpora/ecbplus-dev`` does. Scores are printed at the story level
(what a briefing should group by) and at the coarser topic level, which shows
the trap: a method that merges same-kind events scores well on topics only.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.analyze import analyze  # noqa: E402
from briefgen.config import load_config  # noqa: E402
from briefgen.group import group  # noqa: E402
from briefgen.ingest import ingest  # noqa: E402


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed over the items both labelings share."""
    items = sorted(set(pred) & set(gold))
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
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
    return p, r, 2 * p * r / (p + r)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared/corpora/ecbplus-dev"))
    parser.add_argument("--threshold", type=float, default=None)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    overrides = {"content_dir": corpus / "articles"}
    if args.threshold is not None:
        overrides["group_threshold"] = args.threshold
    config = load_config(**overrides)
    gold_story, gold_topic = {}, {}
    with open(corpus / "stories.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gold_story[row["file"]] = row["story"]
            gold_topic[row["file"]] = row["topic"]
    t0 = time.perf_counter()
    articles, skipped = ingest(config)
    analyzed = analyze(articles, config)
    t1 = time.perf_counter()
    stories = group(analyzed, config)
    t2 = time.perf_counter()
    pred = {a: s.id for s in stories for a in s.articles}
    print(f"articles {len(articles)}, skipped {len(skipped)}, stories {len(stories)} (gold {len(set(gold_story.values()))})")
    print(f"analysis {t1 - t0:.1f}s, grouping {t2 - t1:.2f}s, threshold {config.group_threshold}")
    print("level   precision  recall  F1")
    for name, gold in (("story", gold_story), ("topic", gold_topic)):
        p, r, f = bcubed(pred, gold)
        print(f"{name:7} {p:9.3f} {r:7.3f} {f:6.3f}")


if __name__ == "__main__":
    main()
