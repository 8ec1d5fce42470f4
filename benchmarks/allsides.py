"""Write AllSides' story roundups as a ``--clusters`` folder for benchmarks/grouping.py, read where they lie.

Usage:
  python benchmarks/allsides.py GIT_DIR OUT --part A|B

The AllSides crawl of Lee et al., "NeuS: Neutral Multi-News Summarization for Mitigating Framing
Bias" (NAACL 2022; HLTCHKUST/framing-bias-metric, ``data/raw_crawled/headline_11_2021-10-19_crawled_all.jsonl``
at COMMIT) holds 506 of AllSides' story roundups of April to October 2021, mostly US news: each an
event told by a left, a centre and a right outlet (sometimes two of them), with AllSides' title,
source, link and excerpt of each article (a few paragraphs, the last often ending in "..." as a feed's
excerpt does; kept as they are). Unlike BASIL, the outlets change from event to event, the events
of one cast are days apart, and some of the articles are opinion or analysis. The repository's
README shows an MIT badge for its code; the texts stay their publishers' (and AllSides' excerpts),
so the set is for research only, and this script reads a git snapshot of it (``GIT_DIR``, a bare or
normal repository holding COMMIT) and writes outside this repository.

One cluster per event (events deduplicated by id). An article with no paragraph is left out, and
so is one whose link an earlier event (by id) already gave, so each article is written once; an
event left with fewer than two articles is skipped. The usable events are split once, with a fixed
seed, into part A (PART_A of them: a tuning corpus) and part B (the rest: scored only, never tuned
on). Files are ``cNNNN-dK.md`` (``NNNN`` the event, articles shuffled so that d1 is not always one
side) with front matter: title, date, source (AllSides' outlet name without its bracketed label,
"CNN (Online News)" -> "CNN"), url, and section when AllSides tags the piece opinion, analysis or a fact check
(SECTIONS). The date is the one in the article's url when it has one
(``/2021/10/18/``, ``/2021/oct/18/``, ``-2021-10-18/``: URL_DAY); otherwise the event's date on
AllSides, which may be a day or so after the article's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
from pathlib import Path

COMMIT = "d2935816bf2989df5d301adffe863b6610d23a01"  # HLTCHKUST/framing-bias-metric, 2022-06-23
PATH = "data/raw_crawled/headline_11_2021-10-19_crawled_all.jsonl"
SEED = 20261206  # the day the parts were drawn
PART_A = 0.35  # share of the usable events in part A: enough to tune on, most kept unseen
LABEL = re.compile(r"\s*\((?:Online News|News|Online|Opinion)\)\s*$")  # AllSides' tag after an outlet's name
#: A date in an article's url: /2021/10/18/, /2021/oct/18/ (Washington Times), /2021-10-18/ or
#: -2021-10-18/ (Reuters, Bloomberg, Los Angeles Times): year, month (number or name), day.
URL_DAY = re.compile(r"/(20\d\d)/(\d{1,2}|[a-z]{3,9})/(\d{1,2})/|[/-](20\d\d)-(\d\d)-(\d\d)(?=[/-]|$)", re.IGNORECASE)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
URL = re.compile(r"https?://\S+")
#: AllSides' tag of a piece that is no report, shown beside its headline on the roundup as a page's section label is
#: shown beside a column's: written as the article's ``section`` (front matter), as a saved page's ``article:section``
#: would give it. (The crawl tags 140 of its 1,228 articles OPINION, 103 ANALYSIS, 6 FACT CHECK and 2 DATA; DATA, a
#: chart's page, is no section a page would name.)
SECTIONS = {"OPINION": "Opinion", "ANALYSIS": "Analysis", "FACT CHECK": "Fact check"}


def events(git_dir: Path) -> dict[int, dict]:
    """Every AllSides event at COMMIT, by id (a repeated id keeps its first record)."""
    text = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{COMMIT}:{PATH}"], check=True, capture_output=True, text=True).stdout
    found: dict[int, dict] = {}
    for line in text.splitlines():
        if line.strip():
            record = json.loads(line)
            found.setdefault(int(record["id"]), record)
    return found


def day(link: str, event_date: str) -> str | None:
    """The article's date: the one in its url when there is a valid one, else the event's."""
    if m := URL_DAY.search(link):
        year, month, d = (g for g in m.groups() if g is not None)
        month = month[:3].lower()
        number = MONTHS.index(month) + 1 if month in MONTHS else int(month) if month.isdigit() else 0
        try:
            return dt.date(int(year), number, int(d)).isoformat()
        except ValueError:
            pass
    try:
        return dt.date.fromisoformat(event_date.strip()[:10]).isoformat()
    except ValueError:
        return None


def page(article: dict, event_date: str) -> str | None:
    """The article as Markdown (front matter, then AllSides' paragraphs), or None without a paragraph."""
    paragraphs = [" ".join(str(p).split()) for p in article.get("newBody") or []]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return None
    lines = ["---"]
    title = " ".join(str(article.get("newsTitle") or "").split())
    if title:
        lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    link = str(article.get("newsLink") or "").strip()
    if when := day(link, event_date):
        lines.append(f"date: {when}")
    source = LABEL.sub("", " ".join(str(article.get("newsSource") or "").split()))
    if source:
        lines.append(f"source: {json.dumps(source, ensure_ascii=False)}")
    if URL.fullmatch(link):
        lines.append(f"url: {json.dumps(link)}")
    if section := SECTIONS.get(str(article.get("opinionTag") or "")):
        lines.append(f"section: {json.dumps(section)}")
    return "\n".join([*lines, "---", ""]) + "\n" + "\n\n".join(paragraphs) + "\n"


def usable(found: dict[int, dict]) -> dict[int, list[str]]:
    """Each event's pages, in the order left, center, right, for the events with two or more."""
    seen: set[str] = set()
    out: dict[int, list[str]] = {}
    for event_id in sorted(found):
        record = found[event_id]
        news = record.get("news") or {}
        pages = []
        for side in sorted(news):
            article = news[side] or {}
            link = str(article.get("newsLink") or "").strip()
            text = page(article, str(record.get("date") or ""))
            if text is None or (link and link in seen):
                continue
            seen.add(link)
            pages.append(text)
        if len(pages) >= 2:
            out[event_id] = pages
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", type=Path, help="a git snapshot of HLTCHKUST/framing-bias-metric holding COMMIT")
    parser.add_argument("out", type=Path, help="a new folder for the cNNNN-dK.md files")
    parser.add_argument("--part", choices="AB", required=True, help="A: the tuning events; B: the others, never tuned on")
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"{args.out}: not empty; give a new folder")
    pages = usable(events(args.git_dir))
    rng = random.Random(SEED)
    part_a = rng.sample(sorted(pages), round(PART_A * len(pages)))
    chosen = part_a if args.part == "A" else [e for e in sorted(pages) if e not in set(part_a)]
    if args.part == "B":
        rng.shuffle(chosen)
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for number, event in enumerate(chosen, start=1):
        members = list(pages[event])
        rng.shuffle(members)  # so that d1 is not always one side
        for k, text in enumerate(members, start=1):
            (args.out / f"c{number:04d}-d{k}.md").write_text(text, encoding="utf-8")
            written += 1
    print(f"part {args.part}: {len(chosen)} events, {written} files -> {args.out}")


if __name__ == "__main__":
    main()
