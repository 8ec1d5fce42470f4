"""Write BASIL's event triplets as a ``--clusters`` folder for benchmarks/grouping.py, read where they lie.

Usage:
  python benchmarks/basil.py GIT_DIR OUT [--part A|B]

BASIL (launchnlp/BASIL, the data of Fan et al., "In Plain Sight: Media Bias Through the Lens of
Factual Reporting", EMNLP 2019) holds 100 events of 2010-2019, mostly US politics, each reported by
The New York Times, Fox News and HuffPost: 300 dated articles with title, date, url and outlet. Its
events share their cast (one president, one Congress, months or years apart), which is what a
newsroom's archive looks like and what ECB+ and Multi-News do not test. The repository states no
licence: the texts stay the publishers', the set is for research only, and this script reads a git
snapshot of it (``GIT_DIR``, a bare or normal repository at COMMIT) and writes outside this repository.

The events are split once, with a fixed seed, into part A (45 events, 135 files: a tuning corpus of
``--learn``) and part B (the other 55, 165 files: scored only, never tuned on). Files are
``cNNNN-dK.md`` with front matter (title, date, source, url), the cluster ``NNNN`` the event.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from pathlib import Path

COMMIT = "4fdbc4f68d5ddae648990063cb6dd11424d96222"  # launchnlp/BASIL, 2021-09-30
SEED = 20261206  # the day the parts were drawn
PART_A = 45  # events in part A: 135 files, as large a tuning corpus as keeps most events unseen
OUTLETS = {"nyt": "The New York Times", "fox": "Fox News", "hpo": "HuffPost"}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
URL = re.compile(r"https?://\S+")


def articles(git_dir: Path) -> list[dict]:
    """Every article record of BASIL at COMMIT, with its path."""

    def git(*args: str) -> str:
        return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True, text=True).stdout

    paths = sorted(p for p in git("ls-tree", "-r", "--name-only", COMMIT).splitlines() if p.startswith("articles/") and p.endswith(".json"))
    return [{**json.loads(git("show", f"{COMMIT}:{path}")), "_path": path} for path in paths]


def page(record: dict) -> str:
    """The article as Markdown: front matter, then BASIL's paragraphs (lists of sentence chunks)."""
    lines = ["---"]
    title = " ".join(str(record.get("title") or "").split())
    if title:
        lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    if DAY.fullmatch(str(record.get("date") or "").strip()):
        lines.append(f"date: {record['date'].strip()}")
    if str(record.get("source") or "").lower() in OUTLETS:
        lines.append(f"source: {json.dumps(OUTLETS[record['source'].lower()])}")
    if URL.fullmatch(str(record.get("url") or "").strip()):
        lines.append(f"url: {json.dumps(record['url'].strip())}")
    paragraphs = [" ".join(" ".join(str(c).split()) for c in chunks if str(c).strip()) for chunks in record.get("body-paragraphs") or []]
    return "\n".join([*lines, "---", ""]) + "\n" + "\n\n".join(p for p in paragraphs if p) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", type=Path, help="a git snapshot of launchnlp/BASIL holding COMMIT")
    parser.add_argument("out", type=Path, help="a new folder for the cNNNN-dK.md files")
    parser.add_argument("--part", choices="AB", default="A", help="A: the 45 tuning events; B: the other 55, never tuned on")
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"{args.out}: not empty; give a new folder")
    events: dict[str, list[dict]] = {}
    for record in articles(args.git_dir):
        events.setdefault(record["triplet-uuid"], []).append(record)
    rng = random.Random(SEED)
    part_a = rng.sample(sorted(events), PART_A)
    chosen = part_a if args.part == "A" else [e for e in sorted(events) if e not in set(part_a)]
    if args.part == "B":
        rng.shuffle(chosen)
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for number, event in enumerate(chosen, start=1):
        members = sorted(events[event], key=lambda r: r["_path"])
        rng.shuffle(members)  # so that d1 is not always one outlet
        k = 0
        for record in members:
            text = page(record)
            if not text.rstrip().endswith("---"):  # an article with no paragraph is left out
                k += 1
                (args.out / f"c{number:04d}-d{k}.md").write_text(text, encoding="utf-8")
                written += 1
    print(f"part {args.part}: {len(chosen)} events, {written} files -> {args.out}")


if __name__ == "__main__":
    main()
