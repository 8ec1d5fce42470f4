"""What PDFs cost on a warm rebuild: one new article, built with and without PDFs.

Usage: python benchmarks/pdf.py [CORPUS] [--repeat N] [--work DIR] [--code DIR]

CORPUS (default ../shared/corpora/ecbplus-dev) holds ``articles/`` and ``stories.csv``.
One article (the last file, by name, of the largest labelled story) is held back; the rest
is built as edition ``e1`` with PDFs, from an empty cache. That site, its spare copy and
its cache are the saved state. Then, ``--repeat`` times for each mode, the state is put
back, the held-back article added and edition ``e2`` built in a fresh process: once with
PDFs, once with ``--no-pdf``. It prints the wall time of each build process (imports
included, as a user waits for it) and the CPU time of it and its workers (what the build
costs the machine), the pipeline's own stage timings, the cache's reuse line, and the
ratios PDFs on / off of the medians: the issue's target is at most 1.5.

Every build of a run uses a snapshot of the code (``--code``, default this checkout) taken
when the run starts, so editing the tree meanwhile changes nothing. Timings on a shared
machine are noisy: compare numbers measured in one run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared/corpora/ecbplus-dev"


def held_back(corpus: Path) -> str:
    """The article added by the rebuild: the last file, by name, of the largest labelled story
    (a new report of a running story, the common case of a newsroom's day)."""
    with open(corpus / "stories.csv", encoding="utf-8", newline="") as fh:
        rows = [(r["file"], r["story"]) for r in csv.DictReader(fh)]
    present = {p.name for p in (corpus / "articles").iterdir()}
    rows = [r for r in rows if r[0] in present]
    largest = Counter(story for _, story in rows).most_common(1)[0][0]
    return max(name for name, story in rows if story == largest)


def snapshot(code: Path, work: Path) -> Path:
    """A copy of the code (package, templates, mkdocs.yml) every build of this run uses."""
    dest = work / "code"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(code / "briefgen", dest / "briefgen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(code / "templates", dest / "templates")
    shutil.copy(code / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(__file__, dest / "pdf_bench.py")
    return dest


def child(code: Path, content: Path, site: Path, edition: str, pdf: bool) -> dict[str, Any]:
    """One build in a fresh process; its wall time and what the pipeline reports."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    args = [sys.executable, str(code / "pdf_bench.py"), "--child", str(content), str(site), edition, "1" if pdf else "0"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False, cwd=code, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"build {edition} (pdf={pdf}) failed:\n{done.stderr[-3000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime  # the build and all its workers
    return {"wall": wall, "cpu": cpu, **json.loads(done.stdout.strip().splitlines()[-1])}


def child_build(content: str, site: str, edition: str, pdf: str) -> dict[str, Any]:
    import logging

    from briefgen.config import load_config
    from briefgen.pipeline import build

    summary: list[str] = []

    class Grab(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage().startswith("cache "):
                summary.append(record.getMessage())

    logging.getLogger("briefgen.pipeline").addHandler(Grab())
    logging.getLogger("briefgen.pipeline").setLevel(logging.INFO)
    config = load_config(content_dir=Path(content), site_dir=Path(site), edition=edition, pdf=pdf == "1")
    ticks: dict[str, tuple[int, int]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        ticks[stage] = (done, total)

    timings: dict[str, float] = {}
    start = time.perf_counter()
    briefing = build(config, progress=progress, timings=timings)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "stages": timings,
        "stories": len(briefing.stories),
        "articles": len(briefing.articles),
        "cache": summary[-1] if summary else "",
        "progress": ticks,
    }


def pages(path: Path) -> int | None:
    if not path.is_file() or shutil.which("pdfinfo") is None:
        return None
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
    return next((int(line.split()[1]) for line in out.splitlines() if line.startswith("Pages:")), None)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child_build(*sys.argv[2:6])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="folder with articles/ and stories.csv")
    parser.add_argument("--repeat", type=int, default=3, help="rebuilds per mode (default 3); the median counts")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefgen-pdf-bench"), help="folder for corpus, sites and caches")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose code is measured (default: this one)")
    args = parser.parse_args()
    work: Path = args.work.resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    code = snapshot(args.code.resolve(), work)
    new = held_back(args.corpus)
    content = work / "content"
    content.mkdir()
    for path in sorted((args.corpus / "articles").iterdir()):
        if path.is_file() and path.name != new:
            shutil.copyfile(path, content / path.name)
    state, saved = work / "state", work / "saved"
    state.mkdir()
    site = state / "site"  # the spare copy and the cache land beside it, inside state/
    base = child(code, content, site, "e1", True)
    print(
        f"base build e1 ({base['articles']} articles, {base['stories']} stories, PDFs, empty cache): "
        f"{base['wall']:.1f}s wall; {base['cache']}",
        flush=True,
    )
    shutil.copytree(state, saved, symlinks=True)
    shutil.copyfile(args.corpus / "articles" / new, content / new)
    runs: dict[str, list[dict[str, Any]]] = {"pdf": [], "no-pdf": []}
    for _ in range(args.repeat):
        for mode in runs:
            shutil.rmtree(state)
            shutil.copytree(saved, state, symlinks=True)
            run = child(code, content, site, "e2", mode == "pdf")
            if mode == "pdf":
                run["edition_pages"] = pages(site / "e2" / "pdf" / "edition.pdf")
            runs[mode].append(run)
            stages = ", ".join(f"{k} {v:.2f}" for k, v in run["stages"].items())
            print(
                f"rebuild e2 +{new} {mode:>6}: {run['wall']:.2f}s wall, {run['cpu']:.2f}s CPU, {run['seconds']:.2f}s in build ({stages})",
                flush=True,
            )
    print(f"cache, last rebuild with PDFs: {runs['pdf'][-1]['cache']}")
    print("progress, last rebuild with PDFs: " + ", ".join(f"{k} {d}/{t}" for k, (d, t) in runs["pdf"][-1]["progress"].items()))
    on = statistics.median(r["wall"] for r in runs["pdf"])
    off = statistics.median(r["wall"] for r in runs["no-pdf"])
    pdf_stage = statistics.median(r["stages"].get("pdf", 0.0) for r in runs["pdf"])
    print(f"median wall: PDFs on {on:.2f}s, off {off:.2f}s, ratio {on / off:.2f} (target <= 1.5); pdf stage {pdf_stage:.2f}s")
    cpu_on = statistics.median(r["cpu"] for r in runs["pdf"])
    cpu_off = statistics.median(r["cpu"] for r in runs["no-pdf"])
    print(f"median CPU (build and its workers): PDFs on {cpu_on:.2f}s, off {cpu_off:.2f}s, ratio {cpu_on / cpu_off:.2f}")
    print(f"edition brief: {runs['pdf'][-1]['edition_pages']} pages")


if __name__ == "__main__":
    main()
