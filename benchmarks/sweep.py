"""Run the whole pipeline over every article we have and report whatever went wrong.

Usage: python benchmarks/sweep.py [--ecb DIR] [--multinews CSV] [--fixtures] [--limit N] [--out DIR] [--pdf]

Builds, each into its own site and cache folder under ``--out`` (default /tmp/briefgen-sweep):

- ``ecb``: every ECB+ dev article in one build (pooled), and one build per topic;
- ``mn-<row>``: each Multi-News validation cluster on its own (its documents as .txt files), and
  ``mn-pooled``: every cluster in one build;
- ``fixtures-*``: the test fixtures (tests/data/content, tests/data/formats, content/).

For each build it records whether it raised (and what), the warnings (Briefing.warnings), the
stories published with a problem (StoryBrief.problems) and the skipped files, then prints a
summary and every problem found. A story problem or an exception is a bug to fix; skipped files
are listed by reason. Multi-News text is read from where it lies and only written under --out
(temporary folders, never into the repository).
"""

from __future__ import annotations

import argparse
import ast
import csv
import shutil
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.config import load_config  # noqa: E402
from briefgen.pipeline import build  # noqa: E402

ECB = ROOT.parent / "shared" / "corpora" / "ecbplus-dev"
MULTINEWS = Path("/work/data/multinews_validation.csv")


def multinews_clusters(path: Path) -> list[list[str]]:
    csv.field_size_limit(1 << 30)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = [row["documents"] for row in csv.DictReader(fh)]
    return [[str(d) for d in ast.literal_eval(raw)] if raw.startswith("[") else raw.split("|||||") for raw in rows]


def write_cluster(folder: Path, docs: list[str], prefix: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for k, doc in enumerate(docs):
        if doc.strip():
            (folder / f"{prefix}{k:02d}.txt").write_text(doc, encoding="utf-8")


def run(name: str, content: Path, out: Path, pdf: bool) -> dict[str, object]:
    site, cache = out / "sites" / name, out / "caches" / name
    shutil.rmtree(site, ignore_errors=True)
    config = load_config(content_dir=content, site_dir=site, cache_dir=cache, edition="sweep", pdf=pdf)
    start = time.perf_counter()
    result: dict[str, object] = {"name": name, "error": None, "warnings": [], "problems": [], "skipped": [], "stories": 0, "articles": 0}
    try:
        briefing = build(config)
    except Exception as exc:  # BuildError (nothing to build) included: reported, not fatal to the sweep
        result["error"] = f"{type(exc).__name__}: {exc}"
        if not hasattr(exc, "show"):
            result["trace"] = traceback.format_exc()
    else:
        result.update(
            warnings=list(briefing.warnings),
            problems=[f"{sb.story.id}: {p}" for sb in briefing.stories for p in sb.problems],
            skipped=[f"{s.path}: {s.reason}" for s in briefing.skipped],
            stories=len(briefing.stories),
            articles=len(briefing.articles),
        )
    result["seconds"] = round(time.perf_counter() - start, 1)
    shutil.rmtree(site, ignore_errors=True)  # keep the disk use small; caches stay for a rerun
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ecb", type=Path, default=ECB, help=f"ECB+ folder with articles/ and stories.csv (default {ECB})")
    parser.add_argument("--multinews", type=Path, default=MULTINEWS, help=f"the Multi-News CSV (default {MULTINEWS})")
    parser.add_argument("--limit", type=int, default=None, help="Multi-News clusters built one by one (default: all)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/briefgen-sweep"), help="folder for the builds (default /tmp/briefgen-sweep)")
    parser.add_argument("--pdf", action="store_true", help="build the PDFs too (slow)")
    parser.add_argument("--only", choices=["ecb", "multinews", "fixtures"], action="append", help="run only these parts")
    args = parser.parse_args()
    parts = set(args.only or ["ecb", "multinews", "fixtures"])
    out: Path = args.out
    inputs = out / "inputs"
    jobs: list[tuple[str, Path]] = []
    if "fixtures" in parts:
        for name in ("content", "formats"):
            jobs.append((f"fixtures-{name}", ROOT / "tests" / "data" / name))
        jobs.append(("fixtures-seeds", ROOT / "content"))
    if "ecb" in parts and (args.ecb / "articles").is_dir():
        jobs.append(("ecb-pooled", args.ecb / "articles"))
        by_topic: dict[str, list[Path]] = {}
        for path in sorted((args.ecb / "articles").iterdir()):
            by_topic.setdefault(path.name.split("_")[0], []).append(path)
        for topic, paths in sorted(by_topic.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0):
            folder = inputs / f"ecb-{topic}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            for path in paths:
                shutil.copyfile(path, folder / path.name)
            jobs.append((f"ecb-{topic}", folder))
    if "multinews" in parts and args.multinews.is_file():
        clusters = multinews_clusters(args.multinews)
        pooled = inputs / "mn-pooled"
        shutil.rmtree(pooled, ignore_errors=True)
        for n, docs in enumerate(clusters):
            write_cluster(pooled, docs, prefix=f"{n:03d}-")
            if args.limit is None or n < args.limit:
                folder = inputs / f"mn-{n:03d}"
                shutil.rmtree(folder, ignore_errors=True)
                write_cluster(folder, docs)
                jobs.append((f"mn-{n:03d}", folder))
        jobs.append(("mn-pooled", pooled))
    results = []
    for k, (name, content) in enumerate(jobs, start=1):
        result = run(name, content, out, args.pdf)
        results.append(result)
        flag = "ERROR" if result["error"] else "problems" if result["problems"] else "ok"
        print(
            f"[{k}/{len(jobs)}] {name}: {flag}, {result['articles']} articles, {result['stories']} stories, "
            f"{len(result['warnings'])} warnings, {len(result['skipped'])} skipped, {result['seconds']}s",
            flush=True,
        )
    print("\n== summary ==")
    print(
        f"builds: {len(results)}; raised: {sum(1 for r in results if r['error'])}; "
        f"with story problems: {sum(1 for r in results if r['problems'])}"
    )
    reasons = Counter(str(s).split(": ", 1)[1].split(";")[0][:80] for r in results for s in r["skipped"])  # type: ignore[attr-defined]
    print("skipped files by reason:", dict(reasons.most_common(12)))
    warnings = Counter(str(w)[:100] for r in results for w in r["warnings"])  # type: ignore[attr-defined]
    print("warnings:", sum(warnings.values()))
    for text, n in warnings.most_common(15):
        print(f"  {n} x {text}")
    for r in results:
        if r["error"] or r["problems"]:
            print(f"\n-- {r['name']}: {r['error'] or ''}")
            for p in r["problems"]:  # type: ignore[attr-defined]
                print(f"   problem: {p}")
            if r.get("trace"):
                print(r["trace"])


if __name__ == "__main__":
    main()
