"""How much of grouping's recall gap on Multi-News is real: a judge says which split pieces are one event.

Usage:
  python benchmarks/splits.py SITE --content DIR --out SHEET.md --key KEY.tsv
  python benchmarks/splits.py SITE --tally SHEET.md --key KEY.tsv

A Multi-News row is the articles one digest cited, and they are not always one event: a product page beside the
news of it, a paper's abstract, an error page, an older event the digest recalls. Scored against the row, a site
that keeps such a page apart loses recall it should not have. SITE is a site built from a content folder of
``cNNNN-dK`` files (``judge.py --clusters``; the row is the ``cNNNN``). For every row the site splits into two
stories or more, the sheet shows each piece (the stories' articles of that row, their opening text) and asks, for
every two pieces, whether they report the same real-world event; a judge who has read neither code nor data marks
each ``[y]`` or ``[n]``. ``--tally`` joins the pieces judged one event and prints the site's B-cubed precision,
recall and F1 against the rows and against the judged events (precision against the rows in both: the judge is
not asked about merges). The sheet holds the articles' text: keep it outside the repository (Multi-News is licensed
for non-commercial use).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.grouping import bcubed  # noqa: E402
from benchmarks.judge import briefing  # noqa: E402
from briefgen.unionfind import UnionFind  # noqa: E402

#: Characters of each article's opening text the sheet shows: enough to tell what it reports.
OPENING = 1200
HEAD = (
    "# Same event or not\n\n"
    "Each block shows two or more groups of news articles (G1, G2, ...), each with its articles' opening text. Mark each "
    "question `[y]` if the two groups report the same real-world event (one happening a news briefing should tell as one "
    "story: the same incident, announcement, decision, study or report, even from different angles or on consecutive "
    "days), `[n]` if they report different events (or one is background, another item, a product or archive page, an "
    "error page, an explainer, an opinion piece about something else), with a short reason after the mark.\n"
)


def row(article: str) -> str:
    """The Multi-News row of a ``cNNNN-dK`` file: ``cNNNN``."""
    return article.split("-", 1)[0]


def pieces(data: Mapping[str, object]) -> dict[str, list[tuple[str, list[str]]]]:
    """For each row the site splits, its pieces: (story id, the row's articles in that story), in the site's order."""
    by_row: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for story in data["stories"]:  # type: ignore[attr-defined]
        for article in story["articles"]:
            by_row[row(article)].setdefault(story["id"], []).append(article)
    return {r: list(split.items()) for r, split in sorted(by_row.items()) if len(split) > 1}


def sheet(data: Mapping[str, object], content: Path) -> tuple[str, str]:
    """The sheet and its key (question, row, the two stories)."""
    lines, keys, q = [HEAD], [], 0
    for r, split in pieces(data).items():
        lines.append(f"\n## Block {r}\n")
        for g, (_, articles) in enumerate(split, 1):
            lines.append(f"### G{g} ({len(articles)} article(s))\n")
            for article in sorted(articles):
                text = " ".join((content / article).read_text(encoding="utf-8", errors="replace").split())
                lines.append(f"> {text[:OPENING]}\n")
        for i in range(len(split)):
            for j in range(i + 1, len(split)):
                q += 1
                lines.append(f"- Q{q}. do G{i + 1} and G{j + 1} report the same real-world event? [ ]")
                keys.append(f"Q{q}\t{r}\t{split[i][0]}\t{split[j][0]}")
    return "\n".join(lines) + "\n", "\n".join(keys) + "\n"


def tally(data: Mapping[str, object], marked: str, key: str) -> str:
    """B-cubed against the rows and against the judged events (a row's pieces judged one event joined)."""
    marks = dict(re.findall(r"^- (Q\d+)\..*?\[([yn])\]", marked, flags=re.M))
    story = {a: s["id"] for s in data["stories"] for a in s["articles"]}  # type: ignore[attr-defined]
    joined = UnionFind((row(a), sid) for a, sid in story.items())  # a row's piece: (row, story)
    said = {"y": 0, "n": 0}
    for line in key.splitlines():
        q, r, a, b = line.split("\t")
        if q in marks:
            said[marks[q]] += 1
            if marks[q] == "y":
                joined.join((r, a), (r, b))
    rows = {a: row(a) for a in story}
    events = {a: joined.find((row(a), story[a])) for a in story}
    out = [f"pairs judged: {said['y']} one event, {said['n']} not, {len(key.splitlines()) - sum(said.values())} unmarked"]
    for name, gold in (("the rows", rows), ("the judged events", events)):
        p, r, f = bcubed(story, gold)
        out.append(f"against {name}: P {p:.3f} R {r:.3f} F1 {f:.3f} ({len(story)} articles)")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path, help="a built site folder or a briefing.json")
    ap.add_argument("--content", type=Path, help="the content folder of cNNNN-dK files the site was built from")
    ap.add_argument("--out", type=Path, help="write the sheet here")
    ap.add_argument("--key", type=Path, required=True, help="the sheet's key (written with --out, read with --tally)")
    ap.add_argument("--tally", type=Path, metavar="SHEET", help="a marked sheet to score")
    args = ap.parse_args()
    data = briefing(args.site)
    if args.tally:
        print(tally(data, args.tally.read_text(encoding="utf-8"), args.key.read_text(encoding="utf-8")))
    elif args.out and args.content:
        text, key = sheet(data, args.content)
        args.out.write_text(text, encoding="utf-8")
        args.key.write_text(key, encoding="utf-8")
        print(f"{text.count('- Q')} questions on {text.count('## Block')} rows written to {args.out}; key in {args.key}")
    else:
        ap.error("give --out SHEET.md and --content DIR, or --tally SHEET.md")


if __name__ == "__main__":
    main()
