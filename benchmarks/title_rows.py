"""Story titles of Multi-News rows under one or more revisions of the code, side by side, for a blind judge.

Usage:
  python benchmarks/title_rows.py DATA.csv [--offset K] [--limit N] --rev main --rev HEAD     (git revisions)
  python benchmarks/title_rows.py DATA.csv [--offset K] [--limit N] --code /path/a --code /path/b   (checkouts)
  [--labels main,branch]

Prints a header ``row<TAB>title_<label>...`` and one line per row: the row number and each revision's title,
made as benchmarks/summary_checks.py makes it (one cluster per row: ingest, analysis, ``summarize``, grouping's
title choice, then ``titles.story_title``). Nothing else is printed to stdout: no summaries, no reference, so
the output can be written to a file for a judge without anyone who tunes the rule reading a held-out title.

Each revision runs in its own process with that revision's ``briefgen`` first on the import path: ``--rev``
exports the revision's ``briefgen/`` (``git archive``) into a temporary folder; ``--code`` uses a checkout as
it is. The loading and analysis helpers (benchmarks/summaries.py, with its analysis cache) are this checkout's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def titles(path: Path, offset: int, limit: int | None) -> list[tuple[int, str]]:
    """(row, title) for each row, by whatever ``briefgen`` is first on the import path."""
    import briefgen  # first: its submodules then come from its folder, whatever benchmarks.summaries puts on the path

    print(f"briefgen from {Path(briefgen.__file__).parent}", file=sys.stderr)
    from benchmarks.summaries import analyse_clusters, load_clusters, titled
    from briefgen.config import load_config

    config = load_config(n_process=1)
    clusters = load_clusters(path, offset, limit)
    out = []
    for k, items in enumerate(analyse_clusters(clusters, offset, config)):
        title = titled(f"row {offset + k}", items, config)[0] if items else ""
        out.append((offset + k, " ".join(title.split())))
    return out


def _export(rev: str, into: Path) -> Path:
    """The revision's ``briefgen/`` package, exported into ``into``."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "briefgen"], check=True, capture_output=True).stdout
    archive = into / "code.tar"
    archive.write_bytes(data)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def _run(code: Path, args: argparse.Namespace) -> list[str]:
    """Titles made by the code in ``code`` (a folder holding ``briefgen/``), one per row, in a process of their own."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(code), str(ROOT)]))
    command = [sys.executable, str(Path(__file__).resolve()), str(args.path), "--offset", str(args.offset), "--inner"]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    done = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return done.stdout.splitlines()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of this script, which benchmarks/title_proxy.py shares: the data, its rows, the revisions."""
    parser.add_argument("path", type=Path, help="the Multi-News CSV (read in place, never copied)")
    parser.add_argument("--offset", type=int, default=0, help="first row (default 0)")
    parser.add_argument("--limit", type=int, default=None, help="rows (default: all)")
    parser.add_argument("--rev", action="append", default=[], help="a git revision of this repository (repeatable)")
    parser.add_argument("--code", action="append", default=[], type=Path, help="a checkout holding briefgen/ (repeatable)")
    parser.add_argument("--labels", default="", help="column names, comma-separated (default: the revisions or folders)")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)


def revision_titles(parser: argparse.ArgumentParser, args: argparse.Namespace) -> tuple[list[str], list[list[str]]]:
    """Each revision's label and its ``row<TAB>title`` lines, each revision run in a process of its own."""
    sources = [*args.rev, *map(str, args.code)]
    if not sources:
        parser.error("give at least one --rev or --code")
    labels = args.labels.split(",") if args.labels else sources
    if len(labels) != len(sources):
        parser.error("--labels needs one name for each --rev and --code")
    columns = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, rev in enumerate(args.rev):
            folder = Path(tmp) / str(k)
            folder.mkdir()
            columns.append(_run(_export(rev, folder), args))
        for code in args.code:
            columns.append(_run(code, args))
    return labels, columns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    if args.inner:  # one revision's titles, with its briefgen first on the path (set by _run)
        for row, title in titles(args.path, args.offset, args.limit):
            print(f"{row}\t{title}")
        return
    labels, columns = revision_titles(parser, args)
    print("\t".join(["row", *(f"title_{label}" for label in labels)]))
    for lines in zip(*columns, strict=True):
        cells = [line.split("\t", 1) for line in lines]
        assert len({row for row, _ in cells}) == 1, "revisions disagree on the rows"
        print("\t".join([cells[0][0], *(title for _, title in cells)]))


if __name__ == "__main__":
    main()
