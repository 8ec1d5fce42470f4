"""Judging sheets for fact boxes, open questions and stories: sample them from a built site, mark them by hand, tally.

Usage:
  python benchmarks/judge.py SITE [--content DIR] [--out SHEET.md] [--boxes N] [--questions N] [--quotes N] [--seed S]
  python benchmarks/judge.py SITE --stories N [--content DIR] [--min-articles 2] [--seed S] --out SHEET.md
  python benchmarks/judge.py SITE --events N [--content DIR] [--min-articles 2] [--seed S] --out SHEET.md
  python benchmarks/judge.py SITE --versus SITE2 --stories N [--content DIR] --out SHEET.md --key KEY.tsv [--seed S]
  python benchmarks/judge.py SITE --versus SITE2 --stories N --differing [--content DIR] --out SHEET.md --key KEY.tsv
  python benchmarks/judge.py --tally SHEET.md [SHEET.md ...]
  python benchmarks/judge.py --clusters DATA.csv --rows 0:12 --content DIR
  python benchmarks/judge.py --blind SITE_A SITE_B --content DIR --out SHEET.md --key KEY.tsv [--seed S]
  python benchmarks/judge.py SITE --versus SITE2 --content DIR --out SHEET.md --key KEY.tsv [--boxes N] [--seed S] [--differing]

SITE is a folder ``python -m briefgen build --site-dir`` wrote (its newest edition's briefing.json
is read) or a briefing.json itself. ``--content`` is the folder the site was built from: with it
the sheet shows each quote in its paragraph and the paragraph before (to judge the speaker), and
for each question the sentences of the story's other articles that share most of its words (to
judge whether another article answers it).

The sheet is Markdown. Every line to judge ends in ``[ ]``: replace the space with ``y`` (right)
or ``n`` (wrong), optionally followed by a short reason after the bracket. Line kinds:

- ``entity``: the entity is real (one thing, not a fragment or a common word), rightly typed, and
  not a split of another box of the story (a surname beside its full name);
- ``role``: the role is a role of this entity, stated (not denied) by the evidence sentence;
- ``quote``: the quoted words are this entity's, and a quote (not a scare-quoted word);
- ``question``: sensible, grammatical, of the right kind, and still open given all the story's
  articles;
- ``open point``: the story has a real open point (something its sources leave open).

``--quotes N`` adds N more quotes, sampled from the boxes not sampled (a section of their own, so
the quote rate rests on more than the boxes' few). A box is wholly right when its entity line and
every role and quote line are ``y``. ``--tally``
prints the counts per line kind, boxes wholly right, questions wholly right, and how many of
the stories with a real open point got at least one question.

``--blind`` writes every question that any of several sites (built from the same content by different code)
shows, once each, shuffled, without saying which site showed it, and ``--key`` the TSV that says so (and
how many questions each site shows per story), so a judge marks the lines blind and ``--tally SHEET --key
KEY.tsv`` splits the tally afterwards: per site, questions right of those it shows, and the stories judged to
have a real open point that show a right question.
``--versus SITE2 --key KEY.tsv`` compares two builds of the same content blind: it samples ``--boxes``
boxes from the union of SITE's and SITE2's boxes (a box both show alike, same story, name, type,
aliases, roles and quotes, counts once), shuffles them into a sheet that does not say which build
shows which, and writes the key (A: SITE, B: SITE2, A+B: both). ``--tally SHEET --key KEY.tsv``
then adds boxes wholly right per build. With ``--differing`` only the boxes that one build shows
and the other does not are sampled (where the builds differ, which a sample of the union mostly
misses).

``--stories N`` writes a story sheet instead: N stories of ``--min-articles`` (2) or more articles, sampled by
``random.Random(seed)``, each with its title, its key points (the first ``key_point_count`` sentences of its
summary, each with its article) and their confidence labels and reasons, and then its articles in full (id,
outlet, date, headline and text: the file in ``--content`` when given, else the site's article page). Line kinds:

- ``title``: a real headline of this story's event, not cut, not boilerplate;
- ``one event``: all the story's articles report one real-world event;
- ``point``: a whole sentence that states a fact of this story's event, understandable alone or from the points
  before it, not a repeat of an earlier point;
- ``label``: the point's confidence label and reason are defensible given the story's articles (a point shown without a
  label, ``confidence.UNRATED``, has no label line);
- ``key fact``: the event's key fact is in the first two points.

``--tally`` counts these beside the other kinds, and per story. With ``--versus SITE2 --key KEY.tsv``, N stories
are sampled from each of the two builds (the same seed; a story both show alike, same articles, title, key points
and labels, counts once), shuffled into one sheet that does not say which build shows which, and the key written
(A: SITE, B: SITE2, A+B: both); ``--tally SHEET --key KEY.tsv`` then splits the story counts per build.

``--events N`` writes a grouping sheet: N stories sampled as ``--stories`` samples them, each with its title, a ``one
event`` line and each article's headline, date and opening, for many stories judged quickly; ``--tally`` counts it.

``--stories N --versus SITE2 --differing`` writes a paired sheet instead: N of the stories the two builds make of the
same articles whose title or key points differ (what a change changed, judged where it changed it), each shown as
versions X and Y in an order the seed draws, then its articles once; a ``better`` line asks which serves a reader
better. ``--tally SHEET --key KEY.tsv`` gives each build's titles, points and no-points right and the better counts.

``--clusters`` writes Multi-News clusters (rows of DATA.csv, ``documents`` a Python-list literal
of article texts) as ``DIR/cNNNN-dK.txt`` for a build. The data is read where it lies and never
copied into the repository: give a DIR outside it (e.g. under /tmp).
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.render import article_slug  # noqa: E402
from briefgen.text.outlets import host_name  # noqa: E402

KINDS = ("entity", "role", "quote", "question", "open point", "title", "one event", "point", "label", "key fact")
MARK = re.compile(rf"^\s*-\s*({'|'.join(KINDS)})\b.*\[([ yYnN?])\]\s*(.*)$")
#: The line kinds of a story sheet (``--stories``), as ``tally`` counts them per story.
STORY_KINDS = KINDS[5:]
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
STOP = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "what",
        "who",
        "whom",
        "which",
        "when",
        "where",
        "why",
        "how",
        "did",
        "does",
        "do",
        "not",
        "no",
        "it",
        "its",
        "he",
        "she",
        "his",
        "her",
        "they",
        "their",
        "this",
        "that",
        "there",
        "than",
        "about",
        "into",
        "over",
        "after",
        "before",
        "said",
        "says",
    }
)


def briefing(site: Path) -> dict[str, Any]:
    """The briefing.json of SITE's newest edition (or SITE itself when it is that file)."""
    if site.is_file():
        return dict(json.loads(site.read_text(encoding="utf-8")))
    found = sorted(site.glob("*/briefing.json"), key=lambda p: p.stat().st_mtime)
    if not found:
        sys.exit(f"{site}: no */briefing.json here; give the --site-dir of a build, or a briefing.json")
    return dict(json.loads(found[-1].read_text(encoding="utf-8")))


def paragraphs(content: Path | None, article: str) -> list[str]:
    if content is None or not (content / article).is_file():
        return []
    text = (content / article).read_text(encoding="utf-8", errors="replace")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def around(paras: list[str], needle: str) -> str:
    """The paragraph holding ``needle``, with the one before it."""
    probe = needle.split(" … ")[0][:60]  # a quote in pieces: find its first
    for k, p in enumerate(paras):
        if probe in p:
            return (f"> {paras[k - 1]}\n>\n" if k > 0 else "") + f"> {p}"
    return "> (not found in the content folder)"


def first_use(content: Path | None, box: dict[str, Any]) -> list[str]:
    """The first sentence of the box's articles that writes its name (to judge what the name is), in their text, not in
    a file's front matter."""
    for path in box["articles"]:
        for para in article_paragraphs(content, None, path):
            for s in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", para):
                if any(a in s for a in box["aliases"]):
                    return [f"> {s[:400]} ({path})"]
    return []


def words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)} - STOP


def near_sentences(content: Path | None, story: dict[str, Any], q: dict[str, Any], top: int = 3) -> list[tuple[str, str]]:
    """Sentences of the story's articles (not the evidence ones) sharing most of the question's words."""
    if content is None:
        return []
    want = words(q["question"])
    cited = {e["text"] for e in q["evidence"]}
    scored = []
    for path in story["articles"]:
        for para in article_paragraphs(content, None, path):
            for s in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", para):
                if s in cited or len(s) > 600:
                    continue
                shared = len(want & words(s))
                if shared >= 2:
                    scored.append((-shared, path, s))
    scored.sort()
    return [(p, s) for _, p, s in scored[:top]]


def sheet(data: dict[str, Any], content: Path | None, n_boxes: int, n_questions: int, seed: int, n_quotes: int = 0) -> str:
    rng = random.Random(seed)
    stories = data["stories"]
    boxes = [(s, b) for s in stories for b in s["entities"]]
    questions = [(s, q) for s in stories for q in s["questions"]]
    boxes = rng.sample(boxes, min(n_boxes, len(boxes)))
    questions = rng.sample(questions, min(n_questions, len(questions)))
    in_boxes = {(b["name"], q["text"]) for _, b in boxes for q in b["quotes"]}
    said = [(s, b, q) for s in stories for b in s["entities"] for q in b["quotes"] if (b["name"], q["text"]) not in in_boxes]
    said = rng.sample(said, min(n_quotes, len(said)))
    order = {s["id"]: k for k, s in enumerate(stories)}
    boxes.sort(key=lambda x: order[x[0]["id"]])
    questions.sort(key=lambda x: order[x[0]["id"]])
    out = [
        f"# Judging sheet: edition {data['edition']}, seed {seed}",
        "",
        f"{len(stories)} stories; {len(boxes)} of {sum(len(s['entities']) for s in stories)} boxes and "
        f"{len(questions)} of {sum(len(s['questions']) for s in stories)} questions sampled.",
        "Mark every `[ ]` with y or n (a reason may follow the bracket). See benchmarks/judge.py.",
        "",
        "## Fact boxes",
        "",
    ]
    for k, (s, b) in enumerate(boxes, 1):
        out += box_lines(k, s, b, [o["name"] for o in s["entities"] if o["id"] != b["id"]], content)
    if said:
        out += ["## Quotes", "", "Quotes sampled apart from the boxes above: is each by the entity named?", ""]
    order_said = sorted(said, key=lambda x: order[x[0]["id"]])
    for k, (s, b, q) in enumerate(order_said, 1):
        out += [
            f"### S{k}. {b['name']} ({b['type']}), story {s['id']}",
            "",
            f"- quote: “{q['text']}” ({q['article']}) [ ]",
            "",
            around(article_paragraphs(content, None, q["article"]), q["text"]),
            "",
        ]
    out += ["## Open questions", ""]
    for k, (s, q) in enumerate(questions, 1):
        out += question_lines(k, s, q, content)
    out += ["## Stories", "", "Does the story have a real open point? (questions shown in brackets)", ""]
    for s in stories:
        lead = " ".join(x["text"] for x in s["summary"][:2])[:400]
        qs = "; ".join(q["question"] for q in s["questions"]) or "none"
        out += [f"- open point: {s['id']} {s['title']} [ ]", f"  > {lead}", f"  questions shown: {qs}"]
    return "\n".join(out) + "\n"


def blind_questions(sites: dict[str, dict[str, Any]], content: Path | None, seed: int) -> tuple[str, str]:
    """Every question any of ``sites`` (name -> briefing) shows, once, in an order shuffled by ``seed``, with no
    sign of which site showed it; and the key: a TSV of line number, the sites that show it, kind and question.
    Lines are the sheet's ``question`` lines (``--tally`` counts them); the ``open point`` lines list every story
    without its questions, so that a story's open point is judged blind too (count the stories with a question
    from the key)."""
    rng = random.Random(seed)
    found: dict[tuple[str, str, str], tuple[dict[str, Any], dict[str, Any], list[str]]] = {}
    stories: dict[str, dict[str, Any]] = {}
    for name, data in sites.items():
        for s in data["stories"]:
            stories.setdefault(s["id"], s)
            for q in s["questions"]:
                found.setdefault((s["id"], q["question"], q["kind"]), (s, q, []))[2].append(name)
    lines = sorted(found.values(), key=lambda x: (x[0]["id"], x[1]["question"]))
    rng.shuffle(lines)
    out = [
        f"# Blind judging sheet: {len(lines)} questions shown by any of {len(sites)} sites, seed {seed}",
        "",
        "Mark every `[ ]` with y or n (a reason may follow the bracket). See benchmarks/judge.py.",
        "",
        "## Open questions",
        "",
    ]
    key = ["line\tsites\tstory\tkind\tquestion"]
    for k, (s, q, names) in enumerate(lines, 1):
        out += question_lines(k, s, q, content)
        key.append(f"Q{k}\t{'+'.join(sorted(names))}\t{s['id']}\t{q['kind']}\t{q['question']}")
    out += ["## Stories", "", "Does the story have a real open point? (its questions are not listed: see the key)", ""]
    for sid in sorted(stories):
        s = stories[sid]
        lead = " ".join(x["text"] for x in s["summary"][:2])[:400]
        out += [f"- open point: {sid} {s['title']} [ ]", f"  > {lead}"]
    for sid in sorted(stories):
        key.append(
            f"story\t{sid}\t"
            + "\t".join(f"{n}={sum(len(x['questions']) for x in d['stories'] if x['id'] == sid)}" for n, d in sites.items())
        )
    return "\n".join(out) + "\n", "\n".join(key) + "\n"


def question_lines(k: int, s: dict[str, Any], q: dict[str, Any], content: Path | None) -> list[str]:
    """Question ``k`` of a sheet: the question and its kind, its evidence, the story's other sentences on it."""
    out = [f"### Q{k}. story {s['id']}: {s['title']}", "", f"- question: **{q['question']}** ({q['kind']}) [ ]"]
    out += [f"  > {e['text']} ({e['article']})" for e in q["evidence"]]
    near = near_sentences(content, s, q)
    if near:
        out += ["", "  other sentences of the story on it:"] + [f"  - {t} ({p})" for p, t in near]
    return [*out, ""]


def box_lines(k: int, s: dict[str, Any], b: dict[str, Any], others: list[str], content: Path | None) -> list[str]:
    """Box ``k`` of the sheet: its entity, each role with its sentence, each quote in its paragraph."""
    out = [
        f"### B{k}. {b['name']} ({b['type']}), story {s['id']}: {s['title']}",
        "",
        f"aliases: {', '.join(b['aliases'])}; mentions {b['mentions']}; articles {len(b['articles'])}",
        f"other boxes of the story: {', '.join(others)}",
        *first_use(content, b),
        "",
        "- entity: real, rightly typed, not a split of another box [ ]",
    ]
    for r in b["roles"]:
        out += [f"- role: **{r['text']}** ({r['date'] or 'undated'}) [ ]", f"  > {r['sentence']}"]
    for q in b["quotes"]:
        out += [f"- quote: “{q['text']}” ({q['article']}) [ ]", "", around(article_paragraphs(content, None, q["article"]), q["text"]), ""]
    out.append("")
    return out


def _judged(s: dict[str, Any], b: dict[str, Any]) -> tuple[Any, ...]:
    """What a judge sees of a box, so a box two builds show alike is one box: its story's articles, name, type,
    aliases, roles (with their sentences) and quotes (with their articles)."""
    return (
        tuple(s["articles"]),
        b["name"],
        b["type"],
        tuple(b["aliases"]),
        tuple((r["text"], r["sentence"]) for r in b["roles"]),
        tuple((q["text"], q["article"]) for q in b["quotes"]),
    )


def blind_boxes(
    a: dict[str, Any], b: dict[str, Any], content: Path | None, n_boxes: int, seed: int, differing: bool = False
) -> tuple[str, str]:
    """A sheet of ``n_boxes`` boxes sampled from the union of two builds' boxes (a box both show alike counts
    once; with ``differing``, only the boxes one build shows and the other does not), shuffled, with nothing on
    it saying which build shows which; and its key (TSV: each box's number, story, name, type and the builds
    that show it, A for the first, B for the second, A+B for both)."""
    union: dict[tuple[Any, ...], tuple[dict[str, Any], dict[str, Any], set[str], list[str]]] = {}
    for label, data in (("A", a), ("B", b)):
        for s in data["stories"]:
            for box in s["entities"]:
                key = _judged(s, box)
                _, _, sites, others = union.setdefault(key, (s, box, set(), []))
                sites.add(label)
                others += [o["name"] for o in s["entities"] if o["id"] != box["id"] and o["name"] not in others]
    pool = sorted((k for k, v in union.items() if not differing or len(v[2]) == 1), key=repr)  # sorted: the sample rests on the seed
    picked = random.Random(seed).sample(pool, min(n_boxes, len(pool)))
    out = [
        f"# Blind judging sheet, seed {seed}",
        "",
        f"{len(picked)} of {len(pool)} boxes{' that one build shows and the other not' if differing else ''} of two builds, shuffled;"
        " which build shows each is in the key file.",
        "Other boxes of the story: those of the build(s) that show the box.",
        "Mark every `[ ]` with y or n (a reason may follow the bracket). See benchmarks/judge.py.",
        "",
        "## Fact boxes",
        "",
    ]
    key = ["box\tstory\tname\ttype\tsites"]
    for k, judged in enumerate(picked, 1):
        s, box, sites, others = union[judged]
        out += box_lines(k, s, box, others, content)
        key.append(f"B{k}\t{s['id']}\t{box['name']}\t{box['type']}\t{'+'.join(sorted(sites))}")
    return "\n".join(out) + "\n", "\n".join(key) + "\n"


def sample_stories(data: dict[str, Any], n: int, seed: int, min_articles: int = 2) -> list[dict[str, Any]]:
    """``n`` stories of ``min_articles`` or more articles, drawn by ``random.Random(seed)`` in the briefing's order."""
    pool = [s for s in data["stories"] if len(s["articles"]) >= min_articles]
    return random.Random(seed).sample(pool, min(n, len(pool)))


class _PageText(HTMLParser):
    """The paragraphs and subheadings of a site's article page (its ``data-pagefind-body``, less the meta line)."""

    def __init__(self) -> None:
        super().__init__()
        self.paras: list[str] = []
        self.depth = 0  # <div>s open inside the page body (0: outside it)
        self.text: list[str] | None = None  # the paragraph being read
        self.anchor = False  # inside a heading's permalink (its "¶")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        if tag == "div" and (self.depth or "data-pagefind-body" in names):
            self.depth += 1
        elif self.depth and tag in ("p", "h2") and "data-pagefind-ignore" not in names:
            self.text = []
        elif tag == "a" and ("class", "headerlink") in attrs:
            self.anchor = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.anchor = False
        elif tag == "div" and self.depth:
            self.depth -= 1
        elif tag in ("p", "h2") and self.text is not None:
            if para := " ".join("".join(self.text).split()):
                self.paras.append(para)
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.text is not None and not self.anchor:
            self.text.append(data)


def article_paragraphs(content: Path | None, edition: Path | None, article: str) -> list[str]:
    """An article's text by paragraph: its file in ``content`` (less any front matter) when there is one, else its
    page in the site's ``edition`` folder, else nothing."""
    paras = paragraphs(content, article)
    if paras and paras[0].startswith("---"):  # front matter: up to the next line of three dashes
        rest = "\n\n".join(paras).split("\n")
        end = next((k for k in range(1, len(rest)) if rest[k].strip() == "---"), 0)
        paras = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(rest[end + 1 :])) if p.strip()]
    if paras or edition is None:
        return paras
    page = edition / "articles" / article_slug(article) / "index.html"
    if not page.is_file():
        return []
    reader = _PageText()
    reader.feed(page.read_text(encoding="utf-8", errors="replace"))
    return reader.paras


def edition_of(site: Path, data: dict[str, Any]) -> Path:
    """The folder of the edition whose briefing.json ``data`` is (SITE may be that file)."""
    return site.parent if site.is_file() else site / data["edition"]


def story_lines(k: int, s: dict[str, Any], data: dict[str, Any], content: Path | None, edition: Path | None) -> list[str]:
    """Story ``k`` of a story sheet: its title, one event, each key point and its label, key fact, then its articles."""
    out = [f"### T{k}. story {s['id']}: {len(s['articles'])} articles", "", f"- title: {s['title']} [ ]", "- one event [ ]"]
    for n, p in enumerate(s["summary"][: s["key_point_count"]], 1):
        out.append(f"- point {n}: {p['text']} ({p['article']}) [ ]")
        if p["confidence"]:  # a point shown without a label (confidence.UNRATED) has none to judge
            out.append(f"- label {n}: {p['confidence']} — {p['confidence_reason']} [ ]")
    out += ["- key fact in first two [ ]", ""]
    meta = {a["path"]: a for a in data["articles"]}
    for path in s["articles"]:
        a = meta.get(path, {})
        outlet = a.get("source") or host_name(a.get("url")) or "outlet not known"
        out += [f"#### {path}: {outlet}, {a.get('date') or 'undated'}", "", f"**{a.get('title', '')}**", ""]
        out += [f"> {' '.join(p.split())}\n>" for p in article_paragraphs(content, edition, path)] or ["> (text not found)"]
        out.append("")
    return out


STORY_HELP = [
    "Mark every `[ ]` with y or n (a reason may follow the bracket). See benchmarks/judge.py. Right is:",
    "title: a real headline of this story's event, not cut, not boilerplate; one event: all the story's articles report",
    "one real-world event; point: a whole sentence stating a fact of this event, understandable alone or from the points",
    "before it, not a repeat of an earlier point; label: defensible given the story's articles; key fact in first two:",
    "the event's key fact is in point 1 or 2.",
    "",
]


def story_sheet(data: dict[str, Any], content: Path | None, edition: Path | None, n: int, seed: int, min_articles: int = 2) -> str:
    """A sheet of ``n`` stories of ``min_articles`` or more articles, sampled by ``seed``, in the briefing's order."""
    picked = sample_stories(data, n, seed, min_articles)
    order = {s["id"]: k for k, s in enumerate(data["stories"])}
    picked.sort(key=lambda s: order[s["id"]])
    pool = sum(len(s["articles"]) >= min_articles for s in data["stories"])
    out = [
        f"# Story judging sheet: edition {data['edition']}, seed {seed}",
        "",
        f"{len(picked)} of {pool} stories of {min_articles} or more articles ({len(data['stories'])} stories in all).",
        *STORY_HELP,
    ]
    for k, s in enumerate(picked, 1):
        out += story_lines(k, s, data, content, edition)
    return "\n".join(out) + "\n"


#: Words of each article's opening an ``--events`` sheet shows: enough to tell which happening it reports.
OPENING_WORDS = 170

EVENTS_HELP = [
    "For each story: do ALL its articles report the same one real-world event (one happening: one deal, one crash, one",
    "ruling, one result, one announcement; follow-ups that report that same event count)? Mark `one event` [y] or [n];",
    "after an [n], name the articles that do not belong with the largest group and why. A running subject with several",
    "distinct events (a company's two deals, two quarters' results, two matches) is [n].",
    "",
]


def events_sheet(data: dict[str, Any], content: Path | None, edition: Path | None, n: int, seed: int, min_articles: int = 2) -> str:
    """A grouping sheet (``--events N``): ``n`` stories of ``min_articles`` or more articles, sampled as ``story_sheet``
    samples them, each with its title, a ``one event`` line and each article's headline, date and opening
    (``OPENING_WORDS``): whether one story is one event, judged quickly over many stories."""
    picked = sample_stories(data, n, seed, min_articles)
    pool = sum(len(s["articles"]) >= min_articles for s in data["stories"])
    meta = {a["path"]: a for a in data["articles"]}
    out = [
        f"# One-event sheet: edition {data['edition']}, seed {seed}",
        "",
        f"{len(picked)} of {pool} stories of {min_articles} or more articles.",
        *EVENTS_HELP,
    ]
    for k, s in enumerate(picked, 1):
        out += [f"### E{k}. story {s['id']}: {len(s['articles'])} articles", "", f"Title shown: {s['title']}", "", "- one event [ ]", ""]
        for path in s["articles"]:
            a = meta.get(path, {})
            paras = article_paragraphs(content, edition, path)
            paras = paras[1:] if paras and paras[0].strip() == a.get("title", "").strip() else paras  # a headline line: shown above
            words = " ".join(paras[:3]).split()
            opening = " ".join(words[:OPENING_WORDS]) + (" ..." if len(words) > OPENING_WORDS else "")
            out += [
                f"#### {path} ({a.get('date') or 'undated'})",
                "",
                f"**{a.get('title', '')}**",
                "",
                f"> {opening or '(text not found)'}",
                "",
            ]
    return "\n".join(out) + "\n"


def _story_judged(s: dict[str, Any]) -> tuple[Any, ...]:
    """What a judge sees of a story, so a story two builds show alike is one: its articles, title and key points."""
    points = s["summary"][: s["key_point_count"]]
    return (tuple(s["articles"]), s["title"], tuple((p["text"], p["article"], p["confidence"], p["confidence_reason"]) for p in points))


def blind_stories(
    a: dict[str, Any],
    b: dict[str, Any],
    content: Path | None,
    editions: tuple[Path | None, Path | None],
    n: int,
    seed: int,
    min_articles: int = 2,
) -> tuple[str, str]:
    """``n`` stories sampled from each of two builds (the same seed; a story both show alike counts once), shuffled
    into one sheet that does not say which build shows which; and its key (TSV: each story's number, id, the builds
    that show it, A for the first, B for the second, A+B for both, and its title)."""
    union: dict[tuple[Any, ...], tuple[dict[str, Any], dict[str, Any], Path | None, set[str]]] = {}
    for label, data, edition in (("A", a, editions[0]), ("B", b, editions[1])):
        for s in sample_stories(data, n, seed, min_articles):
            union.setdefault(_story_judged(s), (s, data, edition, set()))[3].add(label)
    picked = sorted(union, key=repr)  # sorted: the order rests on the seed alone
    random.Random(seed).shuffle(picked)
    out = [
        f"# Blind story judging sheet, seed {seed}",
        "",
        f"{len(picked)} stories of {min_articles} or more articles, {n} sampled from each of two builds, shuffled;"
        " which build shows each is in the key file.",
        *STORY_HELP,
    ]
    key = ["number\tstory\tsites\ttitle"]
    for k, judged in enumerate(picked, 1):
        s, data, edition, sites = union[judged]
        out += story_lines(k, s, data, content, edition)
        key.append(f"T{k}\t{s['id']}\t{'+'.join(sorted(sites))}\t{s['title']}")
    return "\n".join(out) + "\n", "\n".join(key) + "\n"


PAIRED_HELP = [
    "Each story was built twice from the same articles; versions X and Y are shown in random order. For each version",
    "mark `title` (a real headline of this story's event, not opinion framing, not cut) and each key `point` (a whole",
    "sentence stating a fact of the story's event: not opinion, comment or analysis stated as fact, not background,",
    "understandable alone or from the points before it, not a repeat) with [y] or [n] (a reason may follow); a version",
    "with no key points says so (`no points`: [y] when the story's articles hold no news report of their own event).",
    "Then mark `better`: [X], [Y] or [same], the version that serves a reader of a news briefing better.",
    "",
]


def _key_points(s: dict[str, Any]) -> tuple[str, tuple[str, ...], bool]:
    """What a paired sheet shows of one build's story: its title, key points and whether it is opinion only."""
    return s["title"], tuple(p["text"] for p in s["summary"][: s["key_point_count"]]), bool(s.get("opinion_only"))


def paired_stories(
    a: dict[str, Any], b: dict[str, Any], content: Path | None, editions: tuple[Path | None, Path | None], n: int, seed: int
) -> tuple[str, str]:
    """``n`` of the stories two builds make of the same articles whose title or key points differ (``--differing``), each
    as versions X and Y in an order the seed draws, then its articles once; and the key (TSV: the story's number, id,
    and which build X and Y are, A the first, B the second). What one rule changed, judged where it changed it."""
    ours = {tuple(sorted(s["articles"])): s for s in b["stories"]}
    changed = sorted(
        (s for s in a["stories"] if (o := ours.get(tuple(sorted(s["articles"])))) is not None and _key_points(s) != _key_points(o)),
        key=lambda s: s["id"],
    )
    rng = random.Random(seed)
    picked = rng.sample(changed, min(n, len(changed)))
    out = [f"# Paired story judging sheet, seed {seed}", "", f"{len(picked)} of {len(changed)} stories that differ.", *PAIRED_HELP]
    key = ["number	story	X	Y"]
    for k, s in enumerate(picked, 1):
        versions = [("A", s), ("B", ours[tuple(sorted(s["articles"]))])]
        rng.shuffle(versions)
        out += [f"### P{k}. story {s['id']}: {len(s['articles'])} articles", ""]
        for label, (_, v) in zip("XY", versions, strict=True):
            title, points, only = _key_points(v)
            out += [f"#### Version {label}", "", f"- title: {title} [ ]"]
            out += ["- no points (opinion and analysis only, the version says) [ ]"] if only or not points else []
            out += [f"- point {j}: {p} [ ]" for j, p in enumerate(points, 1)] + [""]
        out += ["- better: [ ] (X, Y or same)", ""]
        meta = {x["path"]: x for x in a["articles"]}
        for path in s["articles"]:
            x = meta.get(path, {})
            out += [f"#### {path}: {x.get('source') or host_name(x.get('url')) or 'outlet not known'}, {x.get('date') or 'undated'}"]
            out += ["", f"**{x.get('title', '')}**", ""]
            out += [f"> {' '.join(p.split())}\n>" for p in article_paragraphs(content, editions[0], path)] or ["> (text not found)"]
            out.append("")
        key.append(f"P{k}\t{s['id']}\t{versions[0][0]}\t{versions[1][0]}")
    return "\n".join(out) + "\n", "\n".join(key) + "\n"


#: A paired sheet's marks: a version's heading, its title, point and no-points lines, and the story's better line.
_VERSION = re.compile(r"^#### Version ([XY])$")
_PAIRED_MARK = re.compile(r"^\s*-\s*(title|point|no points)\b.*\[([yYnN])\]")
_BETTER = re.compile(r"^\s*-\s*better:\s*\[\s*(X|Y|same)\s*\]", re.I)


def tally_paired(paths: list[Path], key: list[str]) -> str:
    """Per build of a paired sheet (its ``key`` lines): titles, points and no-points right, and which was better."""
    which = {row.split("\t")[0]: dict(zip("XY", row.split("\t")[2:4], strict=True)) for row in key[1:] if row}
    right: dict[str, Counter[str]] = {"A": Counter(), "B": Counter()}
    total: dict[str, Counter[str]] = {"A": Counter(), "B": Counter()}
    better: Counter[str] = Counter()
    for path in paths:
        story, version = "", ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("### P"):
                story, version = line[4:].split(".")[0], ""
            elif m := _VERSION.match(line):
                version = m[1]
            elif line.startswith("#### "):
                version = ""
            elif story in which and (m := _BETTER.match(line)):
                better["same" if m[1].lower() == "same" else which[story][m[1].upper()]] += 1
            elif story in which and version and (m := _PAIRED_MARK.match(line)):
                build = which[story][version]
                total[build][m[1]] += 1
                right[build][m[1]] += m[2].lower() == "y"
    kinds = ("title", "point", "no points")
    lines = [f"build {b}: " + "; ".join(f"{k} {right[b][k]} of {total[b][k]}" for k in kinds if total[b][k]) for b in ("A", "B")]
    return "\n".join([*lines, f"better: A {better['A']}, B {better['B']}, same {better['same']}"])


def story_marks(paths: list[Path]) -> dict[str, dict[str, list[bool]]]:
    """Per story of judged story sheets (``path:T3 s-id``), its marked lines by kind (True: y)."""
    stories: dict[str, dict[str, list[bool]]] = {}
    for path in paths:
        current = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("### "):
                current = f"{path}:{line[4:].split('.')[0]} {line.split()[3].rstrip(':')}" if line.startswith("### T") else None
            elif current and (m := MARK.match(line)) and m[1] in STORY_KINDS and m[2].lower() in ("y", "n"):
                stories.setdefault(current, {k: [] for k in STORY_KINDS})[m[1]].append(m[2].lower() == "y")
    return stories


def story_counts(stories: list[dict[str, list[bool]]]) -> str:
    """Right of marked per story line kind, over ``stories`` (as ``story_marks`` gives them)."""
    parts = []
    for kind in STORY_KINDS:
        marks = [m for s in stories for m in s[kind]]
        parts.append(f"{kind} {sum(marks)} of {len(marks)}")
    whole = [s for s in stories if s["point"]]
    parts.append(f"stories with every point right {sum(all(s['point']) for s in whole)} of {len(whole)}")
    return "; ".join(parts)


def tally_sites(paths: list[Path], key: Path) -> str:
    """Boxes wholly right per build, from judged blind sheets and their key; for a ``--blind`` question key, questions
    right per site and how many stories with a real open point show a right one."""
    lines = key.read_text(encoding="utf-8").splitlines()
    if lines and lines[0] == "line\tsites\tstory\tkind\tquestion":
        return tally_questions(paths, lines)
    if lines and lines[0] == "number\tstory\tX\tY":
        return tally_paired(paths, lines)
    if lines and lines[0] == "number\tstory\tsites\ttitle":
        shows = {row.split("\t")[0]: row.split("\t")[2].split("+") for row in lines[1:]}
        judged = story_marks(paths)
        per_site: dict[str, list[dict[str, list[bool]]]] = {}
        for name, marks in judged.items():
            for site in shows.get(name.rsplit(":", 1)[1].split()[0], []):
                per_site.setdefault(site, []).append(marks)
        return "\n".join(f"build {site}: {story_counts(per_site[site])}" for site in sorted(per_site))
    if not lines or lines[0] != "box\tstory\tname\ttype\tsites":
        raise SystemExit(f"{key}: not the key of a --versus box or story sheet or a --blind question sheet")
    sites = {}
    for row in lines[1:]:
        box, _, _, _, shown = row.split("\t")
        sites[box] = shown.split("+")
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for path in paths:
        box, ok = "", True
        for line in [*path.read_text(encoding="utf-8").splitlines(), "### end"]:
            if line.startswith("### "):
                if box in sites:
                    for site in sites[box]:
                        total[site] += 1
                        right[site] += ok
                box, ok = line[4:].split(".")[0], True
            elif (m := MARK.match(line)) and m[1] in ("entity", "role", "quote") and m[2].lower() in ("y", "n"):
                ok = ok and m[2].lower() == "y"
    return "\n".join(f"build {site}: boxes wholly right {right[site]} of {total[site]}" for site in sorted(total))


def tally_questions(paths: list[Path], key: list[str]) -> str:
    """Per site of a ``--blind`` question sheet (its ``key`` lines): questions right of those it shows, and the stories
    judged to have a real open point that show at least one right question."""
    shown: dict[str, tuple[list[str], str]] = {}  # Q line -> (sites, story)
    sites: set[str] = set()
    for row in key[1:]:
        cells = row.split("\t")
        if cells[0].startswith("Q"):
            shown[cells[0]] = (cells[1].split("+"), cells[2])
            sites.update(cells[1].split("+"))
        elif cells[0] == "story":
            sites.update(c.split("=")[0] for c in cells[2:])
    right: dict[str, bool] = {}
    open_points: set[str] = set()
    for path in paths:
        line_id = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("### Q"):
                line_id = line[4:].split(".")[0]
            elif (m := MARK.match(line)) and m[2].lower() in ("y", "n"):
                if m[1] == "question" and line_id in shown:
                    right[line_id] = m[2].lower() == "y"
                elif m[1] == "open point" and m[2].lower() == "y":
                    open_points.add(line.split("open point:")[1].split()[0])
    out = []
    for site in sorted(sites):
        mine = [q for q, (names, _) in shown.items() if site in names and q in right]
        good = {shown[q][1] for q in mine if right[q]}
        out.append(
            f"site {site}: questions right {sum(right[q] for q in mine)} of {len(mine)}; "
            f"stories with a real open point: {len(open_points)}, showing a right question: {len(good & open_points)}"
        )
    return "\n".join(out)


def tally(paths: list[Path]) -> str:
    marks: dict[str, Counter[str]] = {}
    boxes: Counter[str] = Counter()
    questions_by_story: dict[str, bool] = {}
    stories_open: Counter[str] = Counter()
    box_ok: bool | None = None
    unmarked = 0

    def close_box() -> None:
        if box_ok is not None:
            boxes["right" if box_ok else "wrong"] += 1

    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("### "):
                close_box()
                box_ok = True if line.startswith("### B") else None
                continue
            m = MARK.match(line)
            if not m:
                continue
            kind, mark = m[1], m[2].lower()
            if mark in (" ", "?"):
                unmarked += 1
                continue
            marks.setdefault(kind, Counter())[mark] += 1
            if kind in ("entity", "role", "quote") and box_ok is not None:
                box_ok = box_ok and mark == "y"
            if kind == "open point":
                sid = line.split("open point:")[1].split()[0]
                questions_by_story[f"{path}:{sid}"] = mark == "y"
        close_box()
        box_ok = None
        for line in path.read_text(encoding="utf-8").splitlines():  # stories with an open point and a question
            if line.strip().startswith("- open point:") and (m := MARK.match(line)) and m[2].lower() == "y":
                sid = line.split("open point:")[1].split()[0]
                stories_open["open"] += 1
                shown = next((x for x in _following(path, line)), "")
                if shown and shown.strip() != "questions shown: none":
                    stories_open["with question"] += 1
                else:
                    stories_open[f"without: {sid}"] += 0
    lines = []
    for kind in KINDS:
        c = marks.get(kind, Counter())
        total = c["y"] + c["n"]
        if total:
            lines.append(f"{kind:11s} {c['y']:4d} of {total:4d} right ({100 * c['y'] / total:.0f}%)")
    total = boxes["right"] + boxes["wrong"]
    if total:
        lines.append(f"boxes wholly right {boxes['right']} of {total} ({100 * boxes['right'] / total:.0f}%)")
    if stories_open["open"]:
        lines.append(
            f"stories with a real open point: {stories_open['open']}, with at least one question shown: {stories_open['with question']}"
        )
    if stories := story_marks(paths):
        lines.append(f"stories: {story_counts(list(stories.values()))}")
        for name, m in stories.items():
            lines.append(f"  {name}: " + "; ".join(f"{k} {sum(m[k])} of {len(m[k])}" for k in STORY_KINDS if m[k]))
    if unmarked:
        lines.append(f"unmarked lines: {unmarked}")
    return "\n".join(lines)


def _following(path: Path, line: str) -> list[str]:
    rows = path.read_text(encoding="utf-8").splitlines()
    k = rows.index(line)
    return [r.strip() for r in rows[k + 1 : k + 3] if r.strip().startswith("questions shown:")]


def write_clusters(data: Path, rows: str, content: Path) -> int:
    lo, _, hi = rows.partition(":")
    start, stop = int(lo or 0), int(hi) if hi else None
    csv.field_size_limit(1 << 30)
    content.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(data, newline="", encoding="utf-8") as fh:
        for r, row in enumerate(csv.DictReader(fh)):
            if r < start or (stop is not None and r >= stop):
                continue
            try:
                docs = [str(d) for d in ast.literal_eval(row["documents"])]
            except (ValueError, SyntaxError):
                docs = row["documents"].split("|||||")
            for d, text in enumerate(docs):
                text = re.sub(r"[ \t]*\n[ \t]*\n[ \t]*", "\n\n", text.replace("\r", "")).strip()
                if len(text.split()) >= 30:
                    (content / f"c{r:04d}-d{d}.txt").write_text(text + "\n", encoding="utf-8")
                    written += 1
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", nargs="?", type=Path, help="a built site folder or a briefing.json")
    ap.add_argument("--content", type=Path, help="the content folder the site was built from")
    ap.add_argument("--out", type=Path, help="write the sheet here (default: stdout)")
    ap.add_argument("--boxes", type=int, default=40, help="fact boxes to sample (default 40)")
    ap.add_argument("--questions", type=int, default=40, help="questions to sample (default 40)")
    ap.add_argument("--quotes", type=int, default=0, help="further quotes to sample apart from the boxes' (default 0)")
    ap.add_argument("--seed", type=int, default=16, help="random seed of the sample (default 16)")
    ap.add_argument("--stories", type=int, metavar="N", help="a story sheet of N stories (titles, key points, labels, articles)")
    ap.add_argument("--events", type=int, metavar="N", help="a one-event sheet of N stories (title, each article's headline and opening)")
    ap.add_argument("--min-articles", type=int, default=2, help="with --stories: sample stories of this many articles or more (default 2)")
    ap.add_argument(
        "--blind", nargs="+", type=Path, metavar="SITE", help="with --out and --key: every question these sites show, unattributed"
    )
    ap.add_argument("--tally", nargs="+", type=Path, metavar="SHEET", help="count the marks of judged sheets")
    ap.add_argument("--clusters", type=Path, metavar="DATA.csv", help="write Multi-News clusters to --content")
    ap.add_argument("--rows", default="0:12", help="rows of --clusters, as START:STOP (default 0:12)")
    ap.add_argument("--versus", type=Path, metavar="SITE2", help="a blind sheet of --boxes boxes from SITE's and SITE2's, with --key")
    ap.add_argument(
        "--differing",
        action="store_true",
        help="with --versus: only boxes that one build shows and the other not; with --stories: a paired sheet of the "
        "stories whose title or key points differ",
    )
    ap.add_argument(
        "--key", type=Path, help="the key file of a --blind or --versus sheet (written), or of --tally box sheets (read: per build)"
    )
    args = ap.parse_args()
    if args.tally:
        print(tally(args.tally))
        if args.key:
            print(tally_sites(args.tally, args.key))
    elif args.blind:
        if args.out is None or args.key is None:
            ap.error("--blind needs --out SHEET.md and --key KEY.tsv")
        names = [site.name or str(site) for site in args.blind]
        if len(set(names)) < len(names):  # the key tells sites apart by their folder's name
            ap.error("--blind sites need folders of different names: " + ", ".join(str(site) for site in args.blind))
        text, key = blind_questions({n: briefing(site) for n, site in zip(names, args.blind, strict=True)}, args.content, args.seed)
        args.out.write_text(text, encoding="utf-8")
        args.key.write_text(key, encoding="utf-8")
        print(f"{text.count('- question:')} questions written to {args.out}; key in {args.key}")
    elif args.events is not None:
        if args.site is None:
            ap.error("--events needs SITE")
        data = briefing(args.site)
        text = events_sheet(data, args.content, edition_of(args.site, data), args.events, args.seed, args.min_articles)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    elif args.stories is not None:
        if args.site is None:
            ap.error("--stories needs SITE")
        data = briefing(args.site)
        if args.versus:
            if not (args.out and args.key):
                ap.error("--stories with --versus needs --out and --key")
            other = briefing(args.versus)
            editions = (edition_of(args.site, data), edition_of(args.versus, other))
            if args.differing:
                text, key = paired_stories(data, other, args.content, editions, args.stories, args.seed)
            else:
                text, key = blind_stories(data, other, args.content, editions, args.stories, args.seed, args.min_articles)
            args.key.write_text(key, encoding="utf-8")
        else:
            text = story_sheet(data, args.content, edition_of(args.site, data), args.stories, args.seed, args.min_articles)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    elif args.versus:
        if not (args.site and args.out and args.key):
            ap.error("--versus needs SITE, --out and --key")
        text, key = blind_boxes(briefing(args.site), briefing(args.versus), args.content, args.boxes, args.seed, args.differing)
        args.out.write_text(text, encoding="utf-8")
        args.key.write_text(key, encoding="utf-8")
    elif args.clusters:
        if args.content is None:
            ap.error("--clusters needs --content DIR (outside the repository)")
        print(f"{write_clusters(args.clusters, args.rows, args.content)} articles written to {args.content}")
    elif args.site:
        text = sheet(briefing(args.site), args.content, args.boxes, args.questions, args.seed, args.quotes)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    else:
        ap.error("give SITE, --tally or --clusters")


if __name__ == "__main__":
    main()
