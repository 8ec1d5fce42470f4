"""Build time at archive scale: a full build and a one-article rebuild against a plain spaCy pass.

Usage: python benchmarks/scale.py [--sizes 2000,5000,20000] [--work DIR] [--no-plain]

For each size N it writes a corpus of N articles made from real ones (the ECB+
articles in ../shared/corpora/ecbplus-dev/articles plus content/), repeated with
variations: each repeat gets its own ids, dates moved on by 200 days, its proper
names changed ("Lohan" becomes "Lohanberg" in one repeat, "Lohansen" in another) so
that its events are new events of the same kinds, as a later year of an archive
would hold, and a few words swapped. Then, each in a fresh process:

1. plain: the same texts through ``nlp.pipe`` once (same model, batch size and
   n_process as the build), timing only the pass: the floor every build pays;
2. build: ``briefgen build --no-pdf`` from nothing (empty cache);
3. rebuild: one new article added, built as the next edition.

It prints each stage's seconds, the ratios to the plain pass and the peak
resident memory (ru_maxrss) of the build process and of its worker processes.
Timings on a shared machine are noisy: compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = (ROOT.parent / "shared/corpora/ecbplus-dev/articles", ROOT / "content")
LABELS = ROOT.parent / "shared/corpora/ecbplus-dev/stories.csv"
CODE = ROOT  # replaced by a snapshot of the code when the benchmark starts
EPOCH_DAYS = 200  # a repeat's dates move on by this much: far outside the grouping window
START = dt.date(2000, 1, 3)
#: Word swaps that keep a sentence grammatical; a few per repeat make each text unique.
SWAPS = {
    "said": "stated", "told": "informed", "police": "officers", "people": "residents", "killed": "slain",
    "reported": "announced", "new": "fresh", "city": "town", "officials": "authorities", "large": "big",
    "Monday": "Tuesday", "Tuesday": "Wednesday", "Wednesday": "Thursday", "Thursday": "Friday", "Friday": "Monday",
}
_SWAP = re.compile(r"\b(" + "|".join(SWAPS) + r")\b")
#: Endings that make a repeat's names its own; past the list, two are combined.
ENDINGS = ("berg", "sen", "ton", "ley", "ford", "stad", "ham", "wick", "more", "dale", "by", "ov")
#: A capitalised word after a lower-case word or comma: a name, not a sentence's first word.
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b")
_NOT_NAMES = frozenset([
    "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
])
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _h(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def sources() -> list[tuple[Path, str]]:
    """(file, story label) of every real article; content/ seeds are one story."""
    labels: dict[str, str] = {}
    if LABELS.is_file():
        for line in LABELS.read_text(encoding="utf-8").splitlines()[1:]:
            name, _, story = line.split(",")
            labels[name] = story
    out = []
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md") and path.is_file():
                out.append((path, labels.get(path.name, folder.name)))
    return out


def ending(copy: int) -> str:
    k = copy - 1
    return ENDINGS[k % len(ENDINGS)] + (ENDINGS[k // len(ENDINGS) - 1] if k >= len(ENDINGS) else "")


def rename(text: str, copy: int) -> str:
    """Every name the text uses mid-sentence, wherever it appears, with the repeat's ending."""
    names = {m.group(1) for m in _NAME.finditer(text)} - _NOT_NAMES
    if not names:
        return text
    pattern = re.compile(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: m.group(1) + ending(copy), text)


def vary(text: str, copy: int, index: int, date: dt.date) -> str:
    """The text with its names changed for the repeat (``rename``), up to three words swapped, chosen by
    (copy, index), and an 'Updated' line with the repeat's date; copy 0 is the original.
    """
    if copy == 0:
        return text
    text = rename(text, copy)
    spots = list(_SWAP.finditer(text))
    chosen = sorted({spots[_h(copy, index, k) % len(spots)].start() for k in range(3)}) if spots else []
    for start in reversed(chosen):
        word = _SWAP.match(text, start)
        assert word is not None
        text = text[:start] + SWAPS[word.group(1)] + text[word.end() :]
    return text.rstrip() + f"\n\nUpdated {date:%B} {date.day}, {date.year}.\n"


def with_date(text: str, date: dt.date) -> str:
    """Front matter with ``date`` (kept or added), so the repeat lands in its own time."""
    m = _FRONT.match(text)
    if m:
        lines = [ln for ln in m.group(1).splitlines() if not ln.startswith("date:")]
        return "---\n" + "\n".join([*lines, f"date: {date.isoformat()}"]) + "\n---\n" + text[m.end() :]
    return f"---\ndate: {date.isoformat()}\n---\n\n{text}"


def article_date(copy: int, story: str, name: str) -> dt.date:
    """Same story, close dates (within 3 days); stories spread over 120 days; repeats 200 days apart."""
    return START + dt.timedelta(days=copy * EPOCH_DAYS + _h(story) % 120 + _h(name) % 3)


def make_corpus(n: int, dest: Path) -> tuple[Path, dict[str, Any]]:
    """N articles under ``dest`` (repeat k in folder rNN/), and the recipe for one more."""
    if dest.exists():
        shutil.rmtree(dest)
    real = sources()
    written = 0
    copy = 0
    last: tuple[int, Path, str] | None = None
    while written < n:
        folder = dest / f"r{copy:03d}"
        folder.mkdir(parents=True)
        for index, (path, story) in enumerate(real):
            if written == n:
                break
            date = article_date(copy, story, path.name)
            text = vary(path.read_text(encoding="utf-8"), copy, index, date)
            (folder / path.name).write_text(with_date(text, date), encoding="utf-8")
            written += 1
            last = (copy, path, story)
        copy += 1
    assert last is not None
    return dest, {"copy": last[0], "path": str(last[1]), "story": last[2], "next_copy": copy}


def add_article(content: Path, recipe: dict[str, Any]) -> Path:
    """One new article: another report of the newest repeat's last story, a day later."""
    path = Path(recipe["path"])
    date = article_date(recipe["copy"], recipe["story"], path.name) + dt.timedelta(days=1)
    text = vary(path.read_text(encoding="utf-8"), recipe["next_copy"] + 1, 7, date)
    new = content / "new" / f"late-{path.name}"
    new.parent.mkdir(parents=True, exist_ok=True)
    new.write_text(with_date(text, date), encoding="utf-8")
    return new


def snapshot(work: Path) -> Path:
    """A copy of the code as it is now: every build of this run uses it, whatever changes in the tree meanwhile
    (a changed module would rightly make the rebuild redo the stories)."""
    code = work / "code"
    if code.exists():
        shutil.rmtree(code)
    shutil.copytree(ROOT / "briefgen", code / "briefgen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", code / "templates")
    shutil.copy(ROOT / "mkdocs.yml", code / "mkdocs.yml")
    shutil.copy(__file__, code / "scale.py")
    return code


def _child(args: list[str]) -> dict[str, Any]:
    """Run this script's snapshot as a child process; returns the JSON it prints last."""
    env = {**os.environ, "PYTHONPATH": str(CODE)}
    done = subprocess.run([sys.executable, str(CODE / "scale.py"), "--child", *args], capture_output=True, text=True,
                          check=False, cwd=CODE, env=env)
    if done.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _peak() -> dict[str, int]:
    """Peak resident memory in MiB of this process and of its largest child (workers)."""
    return {
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "children_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
    }


def child_plain(content: str) -> dict[str, Any]:
    import spacy

    from briefgen.config import load_config
    from briefgen.ingest import ingest

    config = load_config(content_dir=Path(content))
    articles, _ = ingest(config)
    texts = [a.text for a in articles]
    nlp = spacy.load(config.model)
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=config.batch_size, n_process=config.processes))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "articles": len(texts), "words": sum(len(t.split()) for t in texts), "tokens": tokens,
            "n_process": config.processes, "pipes": nlp.pipe_names, **_peak()}


def child_build(content: str, site: str, edition: str) -> dict[str, Any]:
    from briefgen.config import load_config
    from briefgen.pipeline import build

    config = load_config(content_dir=Path(content), site_dir=Path(site), edition=edition, pdf=False)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    briefing = build(config, timings=timings)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "stages": timings, "articles": len(briefing.articles), "stories": len(briefing.stories),
            "skipped": len(briefing.skipped), "code": str(Path(sys.modules["briefgen"].__file__ or "").parent),
            **search_size(Path(site) / edition), **_peak()}


def search_size(edition: Path) -> dict[str, Any]:
    """The search index on disk (pagefind: word index chunks, one fragment per page) and what a
    browser loads before the first result: the entry file, the wasm and the chunks' meta file."""
    bundle = edition / "pagefind"
    if not bundle.is_dir():
        return {}
    files = [f for f in bundle.rglob("*") if f.is_file()]
    chunks = [f.stat().st_size for f in (bundle / "index").iterdir()]
    fragments = [f.stat().st_size for f in (bundle / "fragment").iterdir()]
    startup = sum(f.stat().st_size for f in files if f.name == "pagefind-entry.json" or f.suffix in (".pf_meta", ".pagefind")
                  or f.name == "pagefind.js")
    def kib(sizes: list[int]) -> float:
        return round(sum(sizes) / max(1, len(sizes)) / 1024, 1)

    return {"search_mib": round(sum(f.stat().st_size for f in files) / 2**20, 1), "search_chunks": len(chunks),
            "search_chunk_kib_max": round(max(chunks, default=0) / 1024, 1), "search_chunk_kib_mean": kib(chunks),
            "search_fragments": len(fragments), "search_fragment_kib_mean": kib(fragments), "search_startup_kib": round(startup / 1024, 1)}


def run_size(n: int, work: Path, plain: bool) -> dict[str, Any]:
    base = work / str(n)
    content, recipe = make_corpus(n, base / "content")
    site, cache = base / "site", base / ".briefgen-cache"
    for path in (site, cache):
        if path.exists():
            shutil.rmtree(path)
    print(f"\n== {n} articles ({content})", flush=True)
    result: dict[str, Any] = {"n": n}
    if plain:
        result["plain"] = _child(["plain", str(content)])
        p = result["plain"]
        print(f"plain spaCy pass: {p['seconds']:.1f}s over {p['articles']} texts, {p['words']:,} words, "
              f"n_process={p['n_process']}", flush=True)
    result["build"] = _child(["build", str(content), str(site), "e1"])
    b = result["build"]
    print(f"full build: {b['seconds']:.1f}s, {b['stories']} stories, peak RSS {b['rss_mib']} MiB "
          f"(largest worker {b['children_rss_mib']} MiB)", flush=True)
    if "search_mib" in b:
        print(f"  search index: {b['search_mib']} MiB on disk, {b['search_chunks']} word chunks (mean {b['search_chunk_kib_mean']} KiB, "
              f"max {b['search_chunk_kib_max']} KiB), {b['search_fragments']} page fragments (mean {b['search_fragment_kib_mean']} KiB); "
              f"{b['search_startup_kib']} KiB loaded before a first search", flush=True)
    print("  " + ", ".join(f"{k} {v:.1f}s" for k, v in b["stages"].items()), flush=True)
    add_article(content, recipe)
    result["rebuild"] = _child(["build", str(content), str(site), "e2"])
    r = result["rebuild"]
    print(f"rebuild after one new article: {r['seconds']:.1f}s", flush=True)
    print("  " + ", ".join(f"{k} {v:.1f}s" for k, v in r["stages"].items()), flush=True)
    if plain:
        print(f"ratios: build/plain {b['seconds'] / result['plain']['seconds']:.2f}, rebuild/build {r['seconds'] / b['seconds']:.3f}")
    with open(work / "results.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(result) + "\n")
    return result


def table(results: list[dict[str, Any]]) -> str:
    stages = list(dict.fromkeys(k for r in results for k in r["build"]["stages"]))
    head = ["articles", "plain spaCy s", "build s", "build/plain", "rebuild s", "rebuild/build", "peak RSS MiB"]
    head += [f"{s} s" for s in stages]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        b, rb, p = r["build"], r["rebuild"], r.get("plain")
        cells = [
            f"{b['articles']:,}",
            f"{p['seconds']:.0f}" if p else "-",
            f"{b['seconds']:.0f}",
            f"{b['seconds'] / p['seconds']:.2f}" if p else "-",
            f"{rb['seconds']:.1f}",
            f"{rb['seconds'] / b['seconds']:.3f}",
            f"{max(b['rss_mib'], b['children_rss_mib'])}",
            *(f"{b['stages'].get(s, 0):.1f}" for s in stages),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, args = sys.argv[2], sys.argv[3:]
        out = child_plain(*args) if kind == "plain" else child_build(*args)
        print(json.dumps(out))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000", help="comma-separated corpus sizes (default: 2000)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefgen-scale"), help="folder for corpora, sites and caches")
    parser.add_argument("--no-plain", dest="plain", action="store_false", help="skip the plain spaCy pass (for the largest sizes)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    global CODE
    CODE = snapshot(args.work)
    results = [run_size(int(n), args.work, args.plain) for n in args.sizes.split(",")]
    print()
    print(table(results))


if __name__ == "__main__":
    main()
