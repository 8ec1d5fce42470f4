"""Learn and score the key-point order: is the story's news among a summary's first points?

Usage:
  python benchmarks/key_points.py DATA.csv --learn 0:125 [--score 125:250] [--cache DIR]
  python benchmarks/key_points.py DATA.csv --score 125:250

DATA.csv is Multi-News style (``documents``, ``summary``; read in place, never copied). A
reference summary opens with the news ("A former police officer was found dead ..."), so its
first sentence stands for the story's key fact. For each cluster, every summary candidate of
``briefgen.summarize`` is scored against that sentence (ROUGE-1 and ROUGE-2 F1, averaged: recall alone would favour long sentences);
the candidates within ``NEAR`` of the best one state the key fact.

``--learn A:B``: fits the logistic weights of ``summarize.SIGNALS`` (Newton's method with a
small L2 penalty) to tell those candidates from the rest on rows A..B-1, and prints them in the
form of ``summarize.IMPORTANCE``. ``--score A:B``: on rows A..B-1, the share of clusters whose
key fact is among the first two sentences of our summary (``first two``) and is the first
(``first``), with the summary as built (the weights in summarize.py, or the ones just learned
when --learn is given), and the same for the first two sentences of the lead-article baseline.
Rows with no candidate near the reference (best score under ``FLOOR``) are left out.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.summaries import CACHE, analyse_clusters, load_clusters  # noqa: E402
from briefgen import summarize as summ  # noqa: E402
from briefgen.config import load_config  # noqa: E402

#: A candidate states the key fact when its score is at least this share of the best candidate's.
NEAR = 0.8
#: Clusters whose best candidate scores under this against the reference's first sentence are left
#: out: none of the articles states the reference's opening (Multi-News references are rewritten).
FLOOR = 0.2
#: L2 penalty of the logistic fit (weights of 0..1 signals; a small value only keeps Newton stable).
PENALTY = 1.0


def first_sentence(reference: str) -> str:
    import re

    m = re.search(r"(?<![A-Z])(?<!\bMrs)(?<!\bMr|\bMs|\bDr|\bSt)[.!?][\"”’)]?\s+(?=[\"“A-Z])", reference.strip())
    return reference.strip()[: m.end()] if m else reference.strip()


def _rows(spec: str) -> tuple[int, int]:
    a, b = spec.split(":")
    return int(a), int(b)


def clusters_for(data: Path, spec: str, config: object, cache: Path) -> list[tuple[list, str]]:
    start, end = _rows(spec)
    clusters = load_clusters(data, start, end - start)
    analysed = analyse_clusters(clusters, start, config, cache)  # type: ignore[arg-type]
    return [(items, ref) for items, (_, ref) in zip(analysed, clusters, strict=True)]


def targets(scorer: object, cands: list, reference: str) -> np.ndarray:
    first = first_sentence(reference)
    out = []
    for c in cands:
        s = scorer.score(first, c.text)  # type: ignore[attr-defined]
        out.append((s["rouge1"].fmeasure + s["rouge2"].fmeasure) / 2)
    return np.array(out)


def matrix(items: list, config: object) -> tuple[list, np.ndarray, np.ndarray]:
    cands = summ.candidates(items)
    if not cands:
        return [], np.zeros((0, len(summ.SIGNALS))), np.zeros(0)
    features = summ._features(items, cands, summ.make_summarizer(config.summary_algorithm))  # type: ignore[attr-defined]
    values = summ.signals(items, cands, features)
    x = np.column_stack([values[name] for name in summ.SIGNALS])
    return cands, x, summ.importance(values)


def fit(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Logistic regression by Newton's method (bias last), L2 penalty on the weights only."""
    x = np.column_stack([xs, np.ones(len(xs))])
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], PENALTY)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - ys) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the Multi-News CSV (read in place, never copied)")
    parser.add_argument("--learn", default=None, help="rows A:B to learn the weights on")
    parser.add_argument("--score", default=None, help="rows A:B to score the order on")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"where analysed clusters are kept (default {CACHE})")
    args = parser.parse_args()
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    config = load_config(n_process=1)
    if args.learn:
        xs, ys = [], []
        for items, reference in clusters_for(args.data, args.learn, config, args.cache):
            cands, x, _ = matrix(items, config)
            if not cands:
                continue
            t = targets(scorer, cands, reference)
            if t.max() < FLOOR:
                continue
            xs.append(x)
            ys.append((t >= NEAR * t.max()).astype(float))
        w = fit(np.vstack(xs), np.concatenate(ys))
        learned = {name: round(float(v), 2) for name, v in zip([*summ.SIGNALS, "bias"], w, strict=True)}
        print(f"learned on rows {args.learn} ({sum(len(y) for y in ys)} candidates, {int(sum(y.sum() for y in ys))} key):")
        print("IMPORTANCE = " + repr(learned))
        summ.IMPORTANCE.update(learned)
    if args.score:
        hits = {"ours first": 0, "ours first two": 0, "lead first two": 0, "importance top two": 0}
        counted = 0
        for items, reference in clusters_for(args.data, args.score, config, args.cache):
            cands, _, imp = matrix(items, config)
            if not cands:
                continue
            t = targets(scorer, cands, reference)
            if t.max() < FLOOR:
                continue
            counted += 1
            key = {(cands[k].article, s.index) for k in range(len(cands)) if t[k] >= NEAR * t.max() for s in cands[k].sentences}
            by_id = {item.article.id: a for a, item in enumerate(items)}
            summary = summ.summarize(items, dataclasses.replace(config, summary_words=config.summary_words))  # type: ignore[type-var]
            firsts = [(by_id[s.citation.article], s.citation.sentence) for s in summary[:2]]
            hits["ours first"] += bool(firsts[:1] and firsts[0] in key)
            hits["ours first two"] += any(f in key for f in firsts)
            lead = [(a, s.index) for a, item in enumerate(items) for s in item.sentences if summ.is_candidate(s)][:2]
            hits["lead first two"] += any(f in key for f in lead)
            top = np.argsort(-imp, kind="stable")[:2]
            hits["importance top two"] += any((cands[k].article, s.index) in key for k in top for s in cands[k].sentences)
        print(f"rows {args.score}: {counted} clusters with a key fact in some article (best >= {FLOOR})")
        for name, h in hits.items():
            print(f"  {name:20} {h}/{counted} ({100 * h / max(1, counted):.1f}%)")


if __name__ == "__main__":
    main()
