"""An automatic stand-in for judging story titles: how close each revision's titles come to the reference's news.

Usage:
  python benchmarks/title_proxy.py DATA.csv [--offset K] [--limit N] --code /path/a --code /path/b [--labels a,b]
  (or --rev REV, as in benchmarks/title_rows.py)

A Multi-News reference summary opens with the news, so its first sentence (``key_points.first_sentence``) stands for
what a right title names. For each revision's titles (made as ``benchmarks/title_rows.py`` makes them, each revision
in a process of its own) it prints, over the rows, only averages, never a title: so it may be run on held-out rows.

- ``R1``, ``R2``: ROUGE-1 and ROUGE-2 F1 (Porter stemming) of the title against that first sentence;
- ``names``: the share of rows whose title carries a name of that first sentence (a run of capitalised words, not
  counting the sentence's first word on its own), of the rows whose first sentence has one;
- ``words``: mean words per title, and titles over 20 words (F1 rewards length, and the judge counts long titles);
- ``changed``: titles that differ from the first revision's.

A proxy only: F1 against a 20-40-word sentence rewards longer titles, and a title can share words with the
reference and still state a side detail; judging by hand (README, "Judged blind") is the real test.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.key_points import first_sentence  # noqa: E402
from benchmarks.summaries import load_clusters  # noqa: E402
from benchmarks.title_rows import add_arguments, revision_titles  # noqa: E402

#: Capitalised words that open or join sentences, and days and months: no names.
_NOT_NAMES = frozenset(
    {"the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "this", "that", "when", "if", "but", "and", "as"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march"}
    | {"april", "may", "june", "july", "august", "september", "october", "november", "december"}
)


def names(sentence: str) -> list[str]:
    """Runs of capitalised words in ``sentence``: a name each, a lone first word of the sentence, days and months excepted."""
    out = []
    for m in re.finditer(r"(?:[A-Z][\w'’.-]*(?:\s+(?:of|de|la|van|von|the)?\s*[A-Z][\w'’.-]*)*)", sentence):
        words = [w for w in m.group(0).split() if w.lower() not in _NOT_NAMES]
        if not words or (m.start() == 0 and len(m.group(0).split()) == 1):
            continue
        out.append(" ".join(words).strip(".'’"))
    return [n for n in out if len(n) > 1]


def carries(title: str, found: list[str]) -> bool:
    low = title.lower()
    return any(re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", low) for n in found for w in n.split() if len(w) > 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    from rouge_score import rouge_scorer

    labels, lines = revision_titles(parser, args)
    columns = [[line.split("\t", 1)[1] for line in column] for column in lines]
    refs = [
        first_sentence(ref.replace("\n", " ").strip().lstrip("– ").strip()) for _, ref in load_clusters(args.path, args.offset, args.limit)
    ]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    found = [names(r) for r in refs]
    print(f"rows {args.offset}-{args.offset + len(refs) - 1}: {len(refs)}; first sentences with a name: {sum(map(bool, found))}")
    print("revision\tR1\tR2\tnames\twords\tchanged")
    for label, titles in zip(labels, columns, strict=True):
        scores = [scorer.score(r, t) for r, t in zip(refs, titles, strict=True)]
        r1 = 100 * statistics.mean(s["rouge1"].fmeasure for s in scores)
        r2 = 100 * statistics.mean(s["rouge2"].fmeasure for s in scores)
        named = [carries(t, f) for t, f in zip(titles, found, strict=True) if f]
        changed = sum(a != b for a, b in zip(columns[0], titles, strict=True))
        words = [len(t.split()) for t in titles]
        length = f"{statistics.mean(words):.1f}, {sum(w > 20 for w in words)} over 20"
        share = f"{sum(named)}/{len(named)} ({100 * sum(named) / max(1, len(named)):.1f}%)"
        print(f"{label}\t{r1:.2f}\t{r2:.2f}\t{share}\t{length}\t{changed}")


if __name__ == "__main__":
    main()
