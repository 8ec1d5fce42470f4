"""Automatic checks of summaries, titles and confidence on a dev corpus (no reference needed).

Usage:
  python benchmarks/summary_checks.py multinews DATA.csv [--offset K] [--limit N] [--show N]
  python benchmarks/summary_checks.py ecb FOLDER            (FOLDER/articles, FOLDER/stories.csv)

Each cluster (a Multi-News row, or an ECB+ gold story from stories.csv) goes through the real
pipeline pieces: ingest's readers, analysis (spaCy), ``summarize``, ``confidence.annotate`` (with
no open questions: questions belong to another stage) and the title rule (grouping's choice, then
``titles.story_title``). Analyses are cached under /tmp as data (``briefgen.codec``, never pickle), keyed
by the article and the code fingerprint of analysis and ingest (Multi-News rows share
benchmarks/summaries.py's cluster cache), so changing summaries or labels reuses them.

The checks, per summary sentence or pair, shared over all summaries:

- ``unresolved``: a sentence that leans on something the reader has not seen: it opens with a
  personal or possessive pronoun (he, she, his, they, it ...) with no person or thing named in
  an earlier summary sentence or the title, with a demonstrative or connective ("This", "But",
  "Also") and nothing before it, has "also" on its main verb with nothing before it, or has a
  bare definite subject ("The company said") whose noun neither the title nor an earlier summary
  sentence uses; or names a person by a bare last name ("Conard said") that the story gives in full
  ("Michael Conard") but neither the title nor an earlier summary sentence does;
- ``same fact``: pairs of sentences in one summary that state the same fact: they share a
  non-year number and two content words, or most content words (overlap coefficient >= 0.6
  over at least four), or the same subject, verb and object lemmas;
- ``fragment``: no verb, no verb on the main clause, under 6 words, no closing punctuation, a
  quotation left open, or a caption's marks ("is seen", a closing bare date or outlet credit in capitals);
- ``bad title``: boilerplate (a line ingest drops, a reader-addressed or social-media line, a
  credit), an all-capitals title, a title cut at an abbreviation or initial ("... Dr", "U.S"),
  or a dateline / time stamp.

These checks are written apart from the rules in briefgen that avoid the same faults, so a
rule that misses a case shows here; they are heuristics, and hand judgement is the real test.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import itertools
import re
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen import confidence, summarize  # noqa: E402
from briefgen.config import BuildConfig, load_config  # noqa: E402
from briefgen.ingest import read_file  # noqa: E402
from briefgen.ingest.errors import Invalid  # noqa: E402
from briefgen.models import AnalyzedArticle, Article, Sentence  # noqa: E402
from briefgen.text import sources as independent  # noqa: E402
from briefgen.text.lines import TRAILERS  # noqa: E402
from briefgen.text.numbers import NUMBER_WORDS  # noqa: E402

CACHE = Path("/tmp/briefgen-summary-checks-cache")

PRONOUNS = {"he", "she", "him", "his", "her", "they", "them", "their", "it", "its"}
PERSONAL = {"he", "she", "him", "his", "her"}
LEANING = {
    "this",
    "these",
    "those",
    "that",
    "but",
    "however",
    "meanwhile",
    "also",
    "still",
    "yet",
    "instead",
    "moreover",
    "furthermore",
    "besides",
    "then",
    "and",
    "so",
    "thus",
    "therefore",
    "later",
    "previously",
}
_BAD_TITLE = re.compile(
    r"(add location information|Tweet with a location|Image Credit|Photo credit|\bAP Photo\b|See more of|on Facebook|"
    r"Follow (?:us|@)|Sign up|Subscribe|newsletter|cookies|Click here|Getty Images|Advertisement|All rights reserved|"
    r"JavaScript|^(?:You|Your)\b|\bvideo\b.*\bplay|Watch:|^Video\b|^Related\b|^Copyright)",
    re.I,
)
_CUT_TITLE = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Mt|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|Inc|Co|Corp|No|vs)|\b[A-Z]|U\.S|U\.K|\bA \d+)$")
_STAMP_TITLE = re.compile(
    r"^\s*(?:[Pp]osted|[Uu]pdated|[Pp]ublished|POSTED|UPDATED|PUBLISHED)\b|\d{1,2}\s*:\s*\d{2}|^[A-Z][A-Z .,'-]+\s*\("
)


# -- loading -------------------------------------------------------------------------------------


def load_multinews(path: Path, offset: int, limit: int | None) -> list[tuple[str, list[Article]]]:
    from benchmarks.summaries import load_clusters, to_articles

    clusters = load_clusters(path, offset, limit)
    return [(f"row {offset + c}", to_articles(offset + c, docs)) for c, (docs, _) in enumerate(clusters)]


def analyse_multinews(path: Path, offset: int, limit: int | None, config: BuildConfig, cache: Path) -> list[list[AnalyzedArticle]]:
    """The rows analysed as benchmarks/summaries.py does, sharing its cache (``--cache``)."""
    from benchmarks.summaries import analyse_clusters, load_clusters

    return analyse_clusters(load_clusters(path, offset, limit), offset, config, cache)


def load_ecb(folder: Path, config: BuildConfig) -> list[tuple[str, list[Article]]]:
    stories: dict[str, list[Article]] = {}
    with open(folder / "stories.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            try:
                found = read_file(folder / "articles" / row["file"], row["file"], config)
            except Invalid:
                continue
            stories.setdefault(row["story"], []).extend(a for a in found if isinstance(a, Article))
    return [(k, v) for k, v in sorted(stories.items()) if v]


def _code_key() -> str:
    """What makes an analysed article: the source of the readers and of analysis and every briefgen
    module they import (the build's own code fingerprint), so a change to summaries or labels keeps the cache."""
    from briefgen.cache import code_fingerprint, digest

    return digest(code_fingerprint("briefgen.ingest"), code_fingerprint("briefgen.analyze"))[:12]


def analyse(clusters: Sequence[tuple[str, list[Article]]], config: BuildConfig, cache: Path) -> list[list[AnalyzedArticle]]:
    """Analysed articles per cluster, each article cached apart (keyed by its record and the code)."""
    from benchmarks.summaries import SUFFIX, read_entry, write_entry
    from briefgen.analyze import analyze

    cache.mkdir(parents=True, exist_ok=True)
    code = _code_key()
    flat = [a for _, arts in clusters for a in arts]
    paths = [cache / (hashlib.sha256((code + config.model + repr(a)).encode()).hexdigest()[:24] + SUFFIX) for a in flat]
    found = [read_entry(p, lambda v: isinstance(v, AnalyzedArticle)) for p in paths]
    done: dict[int, AnalyzedArticle] = {i: f for i, f in enumerate(found) if f is not None}
    todo = [i for i in range(len(flat)) if i not in done]
    if todo:
        print(f"analysing {len(todo)} articles ...", file=sys.stderr)
        for i, item in zip(todo, analyze([flat[i] for i in todo], config), strict=True):
            plain = AnalyzedArticle(item.article, item.sentences, item.mentions)
            write_entry(paths[i], plain)
            done[i] = plain
    out, k = [], 0
    for _, arts in clusters:
        out.append([done[k + j] for j in range(len(arts))])
        k += len(arts)
    return out


# -- the checks ----------------------------------------------------------------------------------


def _words(s: Sentence) -> list[Any]:
    return [t for t in s.tokens if t.pos not in ("PUNCT", "SPACE", "SYM")]


def _content(s: Sentence) -> set[str]:
    return {t.lemma.lower() for t in s.tokens if t.pos in ("NOUN", "PROPN", "VERB", "ADJ") and not t.is_stop and len(t.lemma) > 2}


def _numbers(s: Sentence) -> set[str]:
    out = set()
    for t in s.tokens:
        low = t.text.lower().replace(",", "")
        if t.pos == "NUM" or low in NUMBER_WORDS:
            value = str(NUMBER_WORDS[low]) if low in NUMBER_WORDS else low
            if re.fullmatch(r"(?:19|20)\d\d", value) or value in ("0", "1", "one"):
                continue  # years and "one" say little
            out.add(value)
    return out


def _person_runs(s: Sentence) -> list[list[int]]:
    """Token indices of each run of PERSON tokens."""
    runs: list[list[int]] = []
    for i, t in enumerate(s.tokens):
        if t.ent == "PERSON" and t.text[:1].isupper():
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def full_names(items: Sequence[AnalyzedArticle]) -> set[str]:
    """The last words of the story's names of people given in full (two words or more)."""
    return {s.tokens[run[-1]].text for i in items for s in i.sentences for run in _person_runs(s) if len(run) > 1}


def unresolved(s: Sentence, before: Sequence[Sentence], title: str, full: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why ``s`` leans on something not yet seen, or None."""
    words = _words(s)
    if not words:
        return None
    given = {b.tokens[run[-1]].text for b in before for run in _person_runs(b) if len(run) > 1} | set(re.findall(r"\w+", title))
    for run in _person_runs(s):
        i = run[0]
        bare = len(run) == 1 and s.tokens[i].dep != "compound" and (i == 0 or s.tokens[i - 1].tag != "NNP")
        if bare and s.tokens[i].text in full and s.tokens[i].text not in given:
            return f"last name '{s.tokens[i].text}' not introduced"
    first = words[0]
    low = first.text.lower()
    persons = any(t.ent == "PERSON" for b in before for t in b.tokens) or bool(re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+", title))
    if low in PRONOUNS and first.tag in ("PRP", "PRP$"):
        if low in PERSONAL and not persons:
            return f"pronoun '{first.text}'"
        if low not in PERSONAL and not before:
            return f"pronoun '{first.text}'"
        return None
    if low in LEANING and not before:
        return f"opens with '{first.text}'"
    root = next((i for i, t in enumerate(s.tokens) if t.dep == "ROOT"), None)
    if not before and root is not None and any(t.text.lower() == "also" and t.head == root for t in s.tokens):
        return "'also' with nothing before"
    if low == "the" and len(words) > 2:
        noun = words[1]
        if noun.pos == "NOUN" and noun.dep in ("nsubj", "nsubjpass") and words[2].pos in ("VERB", "AUX"):
            seen = {t.lemma.lower() for b in before for t in b.tokens} | {w.lower().rstrip("s") for w in re.findall(r"\w+", title)}
            if noun.lemma.lower() not in seen and noun.lemma.lower().rstrip("s") not in seen:
                return f"'the {noun.text}' not introduced"
    return None


def _svo(s: Sentence) -> tuple[str, str, str] | None:
    root = next((i for i, t in enumerate(s.tokens) if t.dep == "ROOT"), None)
    if root is None:
        return None
    subj = next((t.lemma.lower() for t in s.tokens if t.head == root and t.dep in ("nsubj", "nsubjpass")), "")
    obj = next((t.lemma.lower() for t in s.tokens if t.head == root and t.dep in ("dobj", "attr", "dative")), "")
    return (subj, s.tokens[root].lemma.lower(), obj) if subj and obj else None


def same_fact(a: Sentence, b: Sentence) -> bool:
    ca, cb = _content(a), _content(b)
    shared = ca & cb
    if _numbers(a) & _numbers(b) and len(shared) >= 2:
        return True
    if len(shared) >= 4 and len(shared) / max(1, min(len(ca), len(cb))) >= 0.6:
        return True
    svo = _svo(a)
    return svo is not None and svo == _svo(b)


#: A caption's marks, read apart from the rules in briefgen: "is seen" / "are pictured", a picture's bare date
#: closing it ("... in Caracas, Venezuela May 15, 2018"), an outlet's credit closing it ("... USA TODAY").
_CAPTION_MARK = re.compile(
    r"\b(?:is|are) (?:seen|pictured|shown)\b|[A-Z][\w.]+,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? "
    r"\d{1,2},? \d{4}\.?$|[a-z,] [A-Z]{2,}(?: [A-Z]{2,})+$"
)


def fragment(s: Sentence, text: str | None = None) -> str | None:
    """Why the summary sentence ``s`` (shown as ``text``: a quotation over several sentences is one) is no whole
    sentence: too short, no verb, no verb on its main clause ("The gas that livestock release." has one only in a
    relative clause), no closing punctuation, a quotation left open, or a picture's caption."""
    text = (text or s.text).strip()
    words = _words(s)
    if len(words) < 6:
        return "under 6 words"
    if not any(t.pos in ("VERB", "AUX") for t in s.tokens):
        return "no verb"
    root = next((t for t in s.tokens if t.dep == "ROOT"), None)
    if root is not None and root.pos not in ("VERB", "AUX"):
        return "no main verb"  # the only verb is in a relative clause or a modifier
    if not re.search(r"[.!?][\"'”’)\]]*$", text):
        return "no closing punctuation"
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return "quotation left open"
    if _CAPTION_MARK.search(text.rstrip(".")):
        return "caption"
    return None


def bad_title(title: str) -> str | None:
    t = title.strip().rstrip("…").strip()
    if not t:
        return "empty"
    if _BAD_TITLE.search(t) or TRAILERS.match(t):
        return "boilerplate"
    letters = [c for c in t if c.isalpha()]
    if len(letters) > 8 and all(c.isupper() for c in letters):
        return "all capitals"
    if _CUT_TITLE.search(t) and not title.strip().endswith("…"):
        return "cut at an abbreviation"
    if _STAMP_TITLE.search(t):
        return "dateline or time stamp"
    return None


@dataclasses.dataclass
class Tally:
    sentences: int = 0
    unresolved: int = 0
    pairs: int = 0
    same: int = 0
    fragments: int = 0
    fragment_kinds: Counter[str] = dataclasses.field(default_factory=Counter)
    titles: int = 0
    bad_titles: int = 0
    labels: Counter[str] = dataclasses.field(default_factory=Counter)
    over_sources: int = 0
    reported: int = 0
    key_first: list[int] = dataclasses.field(default_factory=list)
    timeline: int = 0
    examples: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def note(self, kind: str, text: str) -> None:
        self.examples.setdefault(kind, [])
        if len(self.examples[kind]) < 4:
            self.examples[kind].append(text[:160])


def check(name: str, items: list[AnalyzedArticle], config: BuildConfig, tally: Tally, show: bool) -> None:
    if not items:
        return
    from benchmarks.summaries import titled

    title, summary = titled(name, items, config)
    tally.titles += 1
    why = bad_title(title)
    if why:
        tally.bad_titles += 1
        tally.note(f"title: {why}", title)
    rated = confidence.annotate(summary, [], items, ledes=summarize.lede_statements(items, summarize.candidates(items)))
    by_key = {(i.article.id, s.index): s for i in items for s in i.sentences}
    sents = [by_key[(s.citation.article, s.citation.sentence)] for s in rated]
    outlets = independent.count([i.article.id for i in items], independent.Independence(independent.outlets(i.article for i in items), {}))
    timeline = getattr(summarize, "timeline", None)
    if timeline is not None:
        tally.timeline += len(timeline(items))
    full = full_names(items)
    for k, (s, r) in enumerate(zip(sents, rated, strict=True)):
        tally.sentences += 1
        tally.labels[r.confidence or "none"] += 1
        tally.reported += r.reported
        if r.sources > min(len(items), outlets):
            tally.over_sources += 1
            tally.note("sources over outlets", f"{r.sources} > {outlets}: {s.text}")
        why = unresolved(s, sents[:k], title, full)
        if why:
            tally.unresolved += 1
            tally.note(f"unresolved: {why}", s.text)
        why = fragment(s, r.citation.text)
        if why:
            tally.fragments += 1
            tally.fragment_kinds[why] += 1
            tally.note(f"fragment: {why}", r.citation.text)
    for a, b in itertools.combinations(range(len(sents)), 2):
        tally.pairs += 1
        if same_fact(sents[a], sents[b]):
            tally.same += 1
            tally.note("same fact", f"{sents[a].text}  ||  {sents[b].text}")
    if show:
        print(f"--- {name}: {title}")
        keys = summarize.key_point_count(rated, config)
        for k, r in enumerate(rated):
            mark = "K" if k < keys else "-"
            print(f"  {mark} [{r.confidence} {r.sources}{' reported' if r.reported else ''}] ({r.citation.article}) {r.citation.text}")


def report(corpus: str, tally: Tally) -> None:
    def pct(n: int, d: int) -> str:
        return f"{n}/{d} ({100 * n / d:.1f}%)" if d else f"{n}/0"

    print(f"{corpus}: {tally.titles} stories, {tally.sentences} summary sentences")
    print(f"  unresolved reference  {pct(tally.unresolved, tally.sentences)}")
    print(f"  same-fact pairs       {pct(tally.same, tally.pairs)}")
    print(f"  fragments             {pct(tally.fragments, tally.sentences)}")
    print("    of which             " + ", ".join(f"{k} {v}" for k, v in sorted(tally.fragment_kinds.items())))
    print(f"  bad titles            {pct(tally.bad_titles, tally.titles)}")
    print(f"  sources > outlets     {pct(tally.over_sources, tally.sentences)}")
    print(f"  reported claims       {pct(tally.reported, tally.sentences)}")
    print(f"  timeline events       {tally.timeline}")
    print("  labels                " + ", ".join(f"{k} {pct(v, tally.sentences)}" for k, v in sorted(tally.labels.items())))
    for kind, texts in sorted(tally.examples.items()):
        print(f"  e.g. {kind}:")
        for t in texts:
            print(f"      {t}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=["multinews", "ecb"], help="which corpus PATH is")
    parser.add_argument("path", type=Path, help="the Multi-News CSV, or the ECB+ folder with articles/ and stories.csv")
    parser.add_argument("--offset", type=int, default=0, help="first cluster to check (default 0)")
    parser.add_argument("--limit", type=int, default=None, help="clusters to check (default: all)")
    parser.add_argument("--show", type=int, default=0, help="print the first N summaries")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"where analysed clusters are kept (default {CACHE})")
    args = parser.parse_args()
    config = load_config(n_process=1)
    if args.corpus == "multinews":
        clusters = load_multinews(args.path, args.offset, args.limit)
        analysed = analyse_multinews(args.path, args.offset, args.limit, config, args.cache)
    else:
        clusters = load_ecb(args.path, config)[args.offset : args.offset + args.limit if args.limit else None]
        analysed = analyse(clusters, config, args.cache)
    tally = Tally()
    for n, ((name, _), items) in enumerate(zip(clusters, analysed, strict=True)):
        check(name, items, config, tally, n < args.show)
    report(f"{args.corpus} {args.path}", tally)
    print(f"  mean summary sentences per story {statistics.mean([tally.sentences / max(1, tally.titles)]):.1f}")


if __name__ == "__main__":
    main()
