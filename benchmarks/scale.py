"""Build time and memory at archive scale: a full build and a one-article rebuild, on this machine's
process pool and on a Dask cluster, against a plain spaCy pass; and editions over a window.

Usage: python benchmarks/scale.py [--sizes 2000,5000,20000] [--engines local,dask] [--work DIR] [--no-plain]
       python benchmarks/scale.py --window 7 [--history 1,2,4,8]

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

Builds 2 and 3 run once per engine: ``local`` (the default process pool) and ``dask``
(a ``distributed.LocalCluster`` of as many single-threaded worker processes as the
pool has, started in the build's process before the clock starts, its address passed
as ``scheduler``). It prints each stage's seconds, the ratios to the plain pass and the
peak memory of all the build's processes together: a sampler reads, every 0.2 s, the
resident (RSS) and proportional (PSS: pages shared by forked workers counted once)
memory of the build process and every process under it, and keeps the largest sums.
Timings on a shared machine are noisy: compare ratios measured in one run; the load
average is printed beside each build.

``--window D``: editions over the last D days (``edition_window_days``) of corpora
holding the same newest repeat and 1, 2, 4, 8 ... older repeats (``--history``), each a
fresh site: a full build and a one-article rebuild per corpus. The edition's cost should
follow the window, not the archive.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = (ROOT.parent / "shared/corpora/ecbplus-dev/articles", ROOT / "content")
LABELS = ROOT.parent / "shared/corpora/ecbplus-dev/stories.csv"
CODE = ROOT  # replaced by a snapshot of the code when the benchmark starts
#: A repeat's dates move on by this much. Inside the default grouping window (365 days): two repeats of
#: one event share its words and the names the renaming misses (acronyms, a sentence's first word), and
#: grouping merges some (at 4,950 articles 81 of 406 stories hold more than one repeat). Kept, so that
#: runs stay comparable; a stress test of precision, not a measure of it.
EPOCH_DAYS = 200
START = dt.date(2000, 1, 3)
#: Word swaps that keep a sentence grammatical; a few per repeat make each text unique.
SWAPS = {
    "said": "stated",
    "told": "informed",
    "police": "officers",
    "people": "residents",
    "killed": "slain",
    "reported": "announced",
    "new": "fresh",
    "city": "town",
    "officials": "authorities",
    "large": "big",
    "Monday": "Tuesday",
    "Tuesday": "Wednesday",
    "Wednesday": "Thursday",
    "Thursday": "Friday",
    "Friday": "Monday",
}
_SWAP = re.compile(r"\b(" + "|".join(SWAPS) + r")\b")
#: Endings that make a repeat's names its own; past the list, two are combined.
ENDINGS = ("berg", "sen", "ton", "ley", "ford", "stad", "ham", "wick", "more", "dale", "by", "ov")
#: A capitalised word after a lower-case word or comma: a name, not a sentence's first word.
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b")
_NOT_NAMES = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)
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


def _tree(root: int) -> list[int]:
    """``root`` and every process under it (read from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                    ppid = int(fh.read().rpartition(")")[2].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def _memory(pids: list[int]) -> tuple[int, int, int]:
    """Summed RSS and PSS (KiB) of the processes (smaps_rollup), and the RSS of those among them that are
    the search indexer (pagefind); a process gone meanwhile counts 0."""
    rss = pss = indexer = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/comm", encoding="utf-8") as fh:
                name = fh.read().strip()
            with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                        if name == "pagefind":
                            indexer += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return rss, pss, indexer


class Sampler(threading.Thread):
    """Peak summed memory of a process tree, read every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.rss = self.pss = self.processes = self.indexer = 0  # indexer: pagefind's peak RSS (KiB)
        self.series: list[tuple[float, int, int]] = []  # (time, RSS, PSS) of each reading
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree(self.pid)
            rss, pss, indexer = _memory(pids)
            self.series.append((time.time(), rss, pss))
            if rss > self.rss:
                self.rss, self.processes = rss, len(pids)
            self.pss = max(self.pss, pss)
            self.indexer = max(self.indexer, indexer)
            self.stop.wait(self.interval)


def _child(args: list[str]) -> dict[str, Any]:
    """Run this script's snapshot as a child process, its process tree's memory sampled; returns the JSON it
    prints last, with the peak summed RSS and PSS (MiB) and the load average before and after."""
    env = {**os.environ, "PYTHONPATH": str(CODE)}
    load = os.getloadavg()[0]
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(
        [sys.executable, str(CODE / "scale.py"), "--child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=CODE,
        env=env,
    )
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{err[-3000:]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    done = resource.getrusage(resource.RUSAGE_CHILDREN)  # the child and every process under it that it waited for
    result["cpu_s"] = round(done.ru_utime + done.ru_stime - used.ru_utime - used.ru_stime, 1)
    if "wall_start" in result:  # each stage's peak (MiB): the readings between its start and end
        peaks, start = {}, result["wall_start"]
        for stage, seconds in result["stages"].items():
            inside = [(rss, pss) for t, rss, pss in sampler.series if start <= t <= start + seconds]
            if inside:
                peaks[stage] = [max(r for r, _ in inside) // 1024, max(p for _, p in inside) // 1024]
            start += seconds
        result["stage_peaks_mib"] = peaks
    result.update(
        tree_rss_mib=sampler.rss // 1024,
        tree_pss_mib=sampler.pss // 1024,
        tree_processes=sampler.processes,
        pagefind_rss_mib=sampler.indexer // 1024,
        load=[round(load, 1), round(os.getloadavg()[0], 1)],
    )
    return result


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
    return {
        "seconds": seconds,
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "tokens": tokens,
        "n_process": config.processes,
        "pipes": nlp.pipe_names,
        **_peak(),
    }


def child_build(content: str, site: str, edition: str, engine: str = "local", window: str = "0") -> dict[str, Any]:
    from briefgen.config import load_config
    from briefgen.pipeline import build

    config = load_config(content_dir=Path(content), site_dir=Path(site), edition=edition, pdf=False, edition_window_days=int(window))
    cluster = None
    if engine == "dask":  # started before the clock: a cluster is there before a build
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=config.processes, threads_per_worker=1, processes=True, dashboard_address=None)
        config = dataclasses.replace(config, scheduler=cluster.scheduler_address)
    timings: dict[str, float] = {}
    shards: list[Any] = []  # the search stage's shards: (in the edition, pages in the largest, indexed by pagefind)

    class Shards(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if str(record.msg).startswith("search:"):
                shards.append(record.args)

    logging.getLogger("briefgen.search").addHandler(Shards())
    logging.getLogger("briefgen.search").setLevel(logging.INFO)
    wall_start = time.time()
    start = time.perf_counter()
    briefing = build(config, timings=timings)
    seconds = time.perf_counter() - start
    if cluster is not None:
        cluster.close()
    return {
        "seconds": seconds,
        "stages": timings,
        "articles": len(briefing.articles),
        "stories": len(briefing.stories),
        "skipped": len(briefing.skipped),
        "code": str(Path(sys.modules["briefgen"].__file__ or "").parent),
        "engine": engine,
        "wall_start": wall_start,
        "search_shards": list(shards[-1]) if shards else None,
        **search_size(Path(site) / edition),
        **_peak(),
    }


def search_size(edition: Path) -> dict[str, Any]:
    """The search index on disk (pagefind: word index chunks, one fragment per page; in shards since
    briefgen/search.py, ``pagefind/`` the first and ``shards.json`` naming the others' folders) and what a
    browser loads before the first result: pagefind.js, its worker and WebAssembly, and each shard's entry
    and meta files, then per query a word chunk of each shard (two at most for a word, mostly one)."""
    bundle = edition / "pagefind"
    if not bundle.is_dir():
        return {}
    listed = bundle / "shards.json"
    folders = [bundle] + ([bundle / f for f in json.loads(listed.read_text(encoding="utf-8"))["merge"]] if listed.is_file() else [])
    files = [f for f in bundle.rglob("*") if f.is_file()]
    chunks = [f.stat().st_size for folder in folders for f in (folder / "index").iterdir()]
    fragments = [f.stat().st_size for folder in folders for f in (folder / "fragment").iterdir()]
    startup = sum(
        f.stat().st_size
        for folder in folders
        for f in folder.iterdir()
        if f.name in ("pagefind-entry.json", "pagefind.js", "pagefind-worker.js", "shards.json") or f.suffix in (".pf_meta", ".pagefind")
    )

    def kib(sizes: list[int]) -> float:
        return round(sum(sizes) / max(1, len(sizes)) / 1024, 1)

    return {
        "search_mib": round(sum(f.stat().st_size for f in files) / 2**20, 1),
        "search_shards_on_disk": len(folders),
        "search_chunks": len(chunks),
        "search_chunk_kib_max": round(max(chunks, default=0) / 1024, 1),
        "search_chunk_kib_mean": kib(chunks),
        "search_fragments": len(fragments),
        "search_fragment_kib_mean": kib(fragments),
        "search_startup_kib": round(startup / 1024, 1),
        "search_query_kib": round(len(folders) * sum(chunks) / max(1, len(chunks)) / 1024, 1),  # a chunk a shard, of mean size
    }


def _show(kind: str, b: dict[str, Any]) -> None:
    print(
        f"{kind} ({b['engine']}): {b['seconds']:.1f}s ({b['cpu_s']:.1f}s of CPU), {b['articles']} articles in {b['stories']} stories, "
        f"peak memory of {b['tree_processes']} processes: RSS {b['tree_rss_mib']} MiB, PSS {b['tree_pss_mib']} MiB; "
        f"load {b['load']}",
        flush=True,
    )
    if "search_mib" in b:
        print(
            f"  search index: {b['search_mib']} MiB on disk, {b['search_chunks']} word chunks (mean {b['search_chunk_kib_mean']} KiB, "
            f"max {b['search_chunk_kib_max']} KiB), {b['search_fragments']} page fragments (mean {b['search_fragment_kib_mean']} KiB); "
            f"{b['search_startup_kib']} KiB loaded before a first search, then about {b['search_query_kib']} KiB of word chunks "
            f"({b['search_shards_on_disk']} shards); pagefind peak RSS {b['pagefind_rss_mib']} MiB; "
            f"shards (in the edition, pages in the largest, re-indexed): {b.get('search_shards')}",
            flush=True,
        )
    print("  " + ", ".join(f"{k} {v:.1f}s" for k, v in b["stages"].items()), flush=True)
    if b.get("stage_peaks_mib"):
        print(
            "  peak MiB by stage (RSS/PSS, all processes): " + ", ".join(f"{k} {r}/{p}" for k, (r, p) in b["stage_peaks_mib"].items()),
            flush=True,
        )


def run_size(n: int, work: Path, plain: bool, engines: list[str]) -> dict[str, Any]:
    base = work / str(n)
    content, recipe = make_corpus(n, base / "content")
    print(f"\n== {n} articles ({content})", flush=True)
    result: dict[str, Any] = {"n": n}
    if plain:
        result["plain"] = _child(["plain", str(content)])
        p = result["plain"]
        print(
            f"plain spaCy pass: {p['seconds']:.1f}s over {p['articles']} texts, {p['words']:,} words, "
            f"n_process={p['n_process']}; load {p['load']}",
            flush=True,
        )
    new: Path | None = None
    for engine in engines:
        site, cache = base / f"site-{engine}", base / f".briefgen-cache-{engine}"  # cache_dir default: beside the site
        for path in (site, base / ".briefgen-cache", cache):
            if path.exists():
                shutil.rmtree(path)
        if new is not None:
            new.unlink()
        result[engine] = b = _child(["build", str(content), str(site), "e1", engine])
        _show("full build", b)
        new = add_article(content, recipe)
        result[f"{engine}-rebuild"] = r = _child(["build", str(content), str(site), "e2", engine])
        _show("rebuild after one new article", r)
        if plain:
            print(f"ratios: build/plain {b['seconds'] / result['plain']['seconds']:.2f}, rebuild/build {r['seconds'] / b['seconds']:.3f}")
    if new is not None:
        new.unlink()
    with open(work / "results.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(result) + "\n")
    return result


def table(results: list[dict[str, Any]], engines: list[str]) -> str:
    builds = [(r, e) for r in results for e in engines if e in r]
    stages = list(dict.fromkeys(k for r, e in builds for k in r[e]["stages"]))
    head = [
        "articles",
        "engine",
        "plain spaCy s",
        "build s (CPU s)",
        "build/plain",
        "rebuild s (CPU s)",
        "rebuild/build",
        "peak RSS MiB (all processes)",
        "peak PSS MiB",
        "load",
    ]
    head += [f"{s} s" for s in stages]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r, e in builds:
        b, rb, p = r[e], r[f"{e}-rebuild"], r.get("plain")
        cells = [
            f"{b['articles']:,}",
            e,
            f"{p['seconds']:.0f}" if p else "-",
            f"{b['seconds']:.0f} ({b['cpu_s']:.0f})",
            f"{b['seconds'] / p['seconds']:.2f}" if p else "-",
            f"{rb['seconds']:.1f} ({rb['cpu_s']:.1f})",
            f"{rb['seconds'] / b['seconds']:.3f}",
            f"{max(b['tree_rss_mib'], rb['tree_rss_mib'])}",
            f"{max(b['tree_pss_mib'], rb['tree_pss_mib'])}",
            f"{b['load'][0]}-{b['load'][1]}",
            *(f"{b['stages'].get(s, 0):.1f}" for s in stages),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def make_history(copies: range, dest: Path) -> None:
    """The repeats ``copies`` of the real articles (make_corpus's repeat k: folder rNNN/, dates moved on by k * 200 days)."""
    if dest.exists():
        shutil.rmtree(dest)
    for copy in copies:
        folder = dest / f"r{copy:03d}"
        folder.mkdir(parents=True)
        for index, (path, story) in enumerate(sources()):
            date = article_date(copy, story, path.name)
            (folder / path.name).write_text(with_date(vary(path.read_text(encoding="utf-8"), copy, index, date), date), encoding="utf-8")


def run_window(days: int, history: list[int], work: Path, engine: str) -> None:
    """Editions over the last ``days`` days of corpora with the same newest repeat and more and more older ones."""
    newest = max(history)
    rows = [
        "| older repeats | articles in the folder | articles in the edition | stories | full build s (CPU s) | rebuild s (CPU s) "
        "| peak RSS MiB | rebuild stages (s) | load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for older in history:
        base = work / f"window{days}-{older}"
        content = base / "content"
        make_history(range(newest - older, newest + 1), content)
        total = sum(1 for p in content.rglob("*") if p.is_file())
        site = base / "site"
        for path in (site, base / ".briefgen-cache"):
            if path.exists():
                shutil.rmtree(path)
        print(f"\n== window {days} days, {older} older repeats, {total} articles ({content})", flush=True)
        b = _child(["build", str(content), str(site), "e1", engine, str(days)])
        _show("full build", b)
        path, story = max(sources(), key=lambda ps: (article_date(newest, ps[1], ps[0].name), ps[0].name))  # the newest article
        add_article(content, {"copy": newest, "path": str(path), "story": story, "next_copy": newest + 1})  # its story, a day on
        r = _child(["build", str(content), str(site), "e2", engine, str(days)])
        _show("rebuild after one new article", r)
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items() if v >= 0.05)
        rows.append(
            f"| {older} | {total + 1:,} | {r['articles']:,} | {r['stories']} | {b['seconds']:.1f} ({b['cpu_s']:.0f}) "
            f"| {r['seconds']:.1f} ({r['cpu_s']:.1f}) | {max(b['tree_rss_mib'], r['tree_rss_mib'])} | {stages} "
            f"| {b['load'][0]}-{r['load'][1]} |"
        )
    print()
    print("\n".join(rows))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, args = sys.argv[2], sys.argv[3:]
        out = child_plain(*args) if kind == "plain" else child_build(*args)
        print(json.dumps(out))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000", help="comma-separated corpus sizes (default: 2000)")
    parser.add_argument("--engines", default="local", help="comma-separated: local (process pool), dask (LocalCluster)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefgen-scale"), help="folder for corpora, sites and caches")
    parser.add_argument("--no-plain", dest="plain", action="store_false", help="skip the plain spaCy pass (for the largest sizes)")
    parser.add_argument("--window", type=int, default=0, help="benchmark editions over this many days instead (edition_window_days)")
    parser.add_argument("--history", default="1,2,4,8", help="with --window: numbers of older repeats (default: 1,2,4,8)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    global CODE
    CODE = snapshot(args.work)
    engines = args.engines.split(",")
    if args.window:
        run_window(args.window, [int(k) for k in args.history.split(",")], args.work, engines[0])
        return
    results = [run_size(int(n), args.work, args.plain, engines) for n in args.sizes.split(",")]
    print()
    print(table(results, engines))


if __name__ == "__main__":
    main()
