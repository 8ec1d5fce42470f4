"""Score story summaries with ROUGE against reference summaries (Multi-News style).

Usage: python benchmarks/summaries.py DATA.csv [--limit N] [--offset K] [--words ref|N] [--algorithm NAME] [--cache DIR]

DATA.csv has the columns ``documents`` (a cluster's articles, either a Python
list literal or joined with ``|||||``) and ``summary``. The file is read from
where it lies and never copied: Multi-News is licensed for non-commercial use.

Each article goes through the real pipeline pieces: ingest's text parser
(``read_text_article``, paragraphs split on blank lines) and
``briefgen.analyze.analyze`` (spaCy). Analysed clusters are cached under /tmp,
keyed by the text and the source of the parsing code, as data (``briefgen.codec``,
msgpack of the model records; never pickle: /tmp is shared, and a planted file must
not run code when read: one that does not decode is analysed again). Every system
sees the same spaCy sentences and every output is cut to the same number of
words (the reference's length by default), then scored with Google's
``rouge-score`` (ROUGE-1/2/L F1, Porter stemming on).

Systems: ours (``briefgen.summarize.summarize``); sumy's LexRank and TextRank
run on the concatenated cluster as one document; ``lead`` (the first sentences
of the concatenated cluster) and ``lead-rr`` (leads taken in turn from each
article, a stronger lead for many sources).
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen import codec, titles  # noqa: E402
from briefgen import summarize as summ  # noqa: E402
from briefgen.config import BuildConfig, load_config  # noqa: E402
from briefgen.group import settings_for, title_choice  # noqa: E402
from briefgen.group.features import vectorize  # noqa: E402
from briefgen.ingest.errors import Invalid  # noqa: E402
from briefgen.ingest.text import read_text_article  # noqa: E402
from briefgen.models import AnalyzedArticle, Article, Sentence, Story, SummarySentence  # noqa: E402

CACHE = Path("/tmp/briefgen-summaries-cache")
SEPARATOR = "|||||"
SUFFIX = ".msgpack"  # cache entries: briefgen.codec data (earlier .pkl files are never read)


def read_entry(path: Path, expect: Callable[[Any], bool]) -> Any:
    """A benchmark cache entry (``briefgen.codec``: data, never code), or None when missing or not one."""
    try:
        return codec.loads(path.read_bytes(), expect)
    except (OSError, codec.CodecError):
        return None


def write_entry(path: Path, value: Any) -> None:
    """Write an entry whole (a temporary file, then renamed), so a reader never sees half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(codec.dumps(value))
    os.replace(tmp, path)


def _analysed_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, AnalyzedArticle) for v in value)


def load_clusters(path: Path, offset: int, limit: int | None) -> list[tuple[list[str], str]]:
    """(documents, reference summary) per row; empty documents dropped."""
    csv.field_size_limit(1 << 30)
    out = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            raw = row["documents"]
            docs: list[str] = []
            if raw.startswith("[") and raw.endswith("]"):
                try:
                    docs = [str(d) for d in ast.literal_eval(raw)]
                except (ValueError, SyntaxError):
                    docs = []
            if not docs:
                docs = raw.split(SEPARATOR)
            docs = [d.replace("\r", "") for d in docs if d.strip()]
            reference = row["summary"].strip().lstrip("–-— ").strip()
            out.append((docs, reference))
    return out[offset : offset + limit if limit else None]


def to_articles(cluster: int, docs: Sequence[str]) -> list[Article]:
    """Multi-News paragraphs are separated by lines holding a space; ingest's parser reads those."""
    articles = []
    for d, text in enumerate(docs):
        try:
            articles.append(read_text_article(text, f"c{cluster:04d}/d{d}.txt", "txt"))
        except Invalid:
            continue
    return articles


def _code_key(config: BuildConfig) -> str:
    """The build's own keys: the analysis stage's, and the code of the reader used here (to_articles)."""
    from briefgen.cache import code_fingerprint, digest
    from briefgen.pipeline import STAGE, fingerprint

    return digest(fingerprint(STAGE["analyze"], config), code_fingerprint(read_text_article.__module__))[:12]


def titled(name: str, items: Sequence[AnalyzedArticle], config: BuildConfig) -> tuple[str, list[SummarySentence]]:
    """A cluster's articles as one story, titled as the stories stage titles it (grouping's choice, then
    ``titles.story_title`` from the summary's key points), and its summary."""
    first, source, origin = title_choice(items, list(range(len(items))), vectorize(items, settings_for(config)))
    summary = list(summ.summarize(items, config))
    story = Story(name, first, tuple(i.article.id for i in items), title_source=source, title_article=origin)
    ledes = summ.lede_sources(items, summ.candidates(items))
    return titles.story_title(story, items, summary, summ.key_point_count(summary, config), ledes=ledes), summary


def analyse_clusters(
    clusters: Sequence[tuple[list[str], str]], offset: int, config: BuildConfig, cache: Path = CACHE
) -> list[list[AnalyzedArticle]]:
    """Analysed articles per cluster, from the cache when the text and the code are unchanged."""
    from briefgen.analyze import analyze

    cache.mkdir(parents=True, exist_ok=True)
    code = _code_key(config)
    out: list[list[AnalyzedArticle] | None] = []
    todo: list[int] = []
    paths = []
    for i, (docs, _) in enumerate(clusters):
        key = hashlib.sha256((code + config.model + SEPARATOR.join(docs)).encode()).hexdigest()[:24]
        path = cache / f"{key}{SUFFIX}"
        paths.append(path)
        found = read_entry(path, _analysed_list)
        out.append(found)
        if found is None:
            todo.append(i)
    if todo:
        t0 = time.perf_counter()
        batch: list[Article] = []
        owner: list[int] = []
        for i in todo:
            arts = to_articles(offset + i, clusters[i][0])
            batch.extend(arts)
            owner.extend([i] * len(arts))
        analysed = analyze(batch, config)
        per: dict[int, list[AnalyzedArticle]] = {i: [] for i in todo}
        for i, item in zip(owner, analysed, strict=True):
            per[i].append(item)
        for i in todo:
            write_entry(paths[i], per[i])
            out[i] = per[i]
        words = sum(len(a.text.split()) for a in batch)
        print(f"analysed {len(todo)} clusters, {words} words in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    return [o or [] for o in out]


def _all_sentences(items: Sequence[AnalyzedArticle]) -> list[tuple[int, Sentence]]:
    return [(a, s) for a, item in enumerate(items) for s in item.sentences if s.text.strip()]


def _pick(sentences: Sequence[tuple[int, Sentence]], order: Sequence[int], words: int, output: Callable[[int], Any] | None = None) -> str:
    """Best-first until the budget is filled, then in ``output`` order (default: document order, what sumy returns)."""
    chosen: list[int] = []
    total = 0
    for k in order:
        if total >= words:
            break
        chosen.append(k)
        total += len(sentences[k][1].text.split())
    return " ".join(sentences[k][1].text for k in sorted(chosen, key=output))


def sumy_baseline(name: str) -> Callable[[Sequence[AnalyzedArticle], int], str]:
    def run(items: Sequence[AnalyzedArticle], words: int) -> str:
        sentences = _all_sentences(items)
        if not sentences:
            return ""
        groups: list[list[str]] = []
        last = None
        for a, s in sentences:
            if (a, s.paragraph) != last:
                groups.append([])
                last = (a, s.paragraph)
            groups[-1].append(s.text)
        ranks = summ.rate(summ.make_summarizer(name), groups)
        order = sorted(range(len(sentences)), key=lambda k: (-ranks[k], k))
        return _pick(sentences, order, words)

    return run


def lead(items: Sequence[AnalyzedArticle], words: int) -> str:
    sentences = _all_sentences(items)
    return _pick(sentences, range(len(sentences)), words)


def lead_round_robin(items: Sequence[AnalyzedArticle], words: int) -> str:
    sentences = _all_sentences(items)
    rank: dict[int, int] = {}
    seen: dict[int, int] = {}
    for k, (a, _) in enumerate(sentences):
        rank[k] = seen.get(a, 0)
        seen[a] = rank[k] + 1
    order = sorted(range(len(sentences)), key=lambda k: (rank[k], sentences[k][0]))
    return _pick(sentences, order, words, output=lambda k: (rank[k], sentences[k][0]))


def ours(config: BuildConfig) -> Callable[[Sequence[AnalyzedArticle], int], str]:
    import dataclasses

    def run(items: Sequence[AnalyzedArticle], words: int) -> str:
        cfg = dataclasses.replace(config, summary_words=words)
        return " ".join(s.citation.text for s in summ.summarize(items, cfg))

    return run


def truncate(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="CSV with documents and summary columns (read in place, never copied)")
    parser.add_argument("--offset", type=int, default=0, help="first row to score (default 0)")
    parser.add_argument("--limit", type=int, default=None, help="rows to score (default: all)")
    parser.add_argument("--words", default="ref", help="'ref' (each reference's length, default) or a fixed word count")
    parser.add_argument("--algorithm", default=None, help="our summary_algorithm (default: the config's)")
    parser.add_argument("--systems", default="ours,lead,lead-rr,lexrank,textrank", help="systems to score (default: all five)")
    parser.add_argument("--show", type=int, default=0, help="print the first N of our summaries")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"where analysed clusters are cached (default {CACHE})")
    args = parser.parse_args()
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        sys.exit("needs rouge-score: pip install rouge-score==0.1.2")
    overrides: dict[str, Any] = {"n_process": 1}
    if args.algorithm:
        overrides["summary_algorithm"] = args.algorithm
    config = load_config(**overrides)
    clusters = load_clusters(args.data, args.offset, args.limit)
    analysed = analyse_clusters(clusters, args.offset, config, args.cache)
    systems: dict[str, Callable[[Sequence[AnalyzedArticle], int], str]] = {
        "ours": ours(config),
        "lead": lead,
        "lead-rr": lead_round_robin,
        "lexrank": sumy_baseline("lexrank"),
        "textrank": sumy_baseline("textrank"),
    }
    names = [n for n in args.systems.split(",") if n]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    scores: dict[str, list[tuple[float, float, float]]] = {n: [] for n in names}
    times: dict[str, list[float]] = {n: [] for n in names}
    lengths = []
    for c, (items, (_, reference)) in enumerate(zip(analysed, clusters, strict=True)):
        words = len(reference.split()) if args.words == "ref" else int(args.words)
        lengths.append(words)
        for name in names:
            t0 = time.perf_counter()
            text = truncate(systems[name](items, words), words)
            times[name].append(time.perf_counter() - t0)
            s = scorer.score(reference, text)
            scores[name].append((s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeL"].fmeasure))
            if name == "ours" and c < args.show:
                print(f"--- cluster {args.offset + c} ({len(items)} articles, {words} words)\n{text}\n")
    print(
        f"clusters {len(clusters)} (rows {args.offset}-{args.offset + len(clusters) - 1}), "
        f"words per summary: {'reference length' if args.words == 'ref' else args.words} (mean {statistics.mean(lengths):.0f}), "
        f"algorithm {config.summary_algorithm}"
    )
    print(f"{'system':10} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8} {'s/story':>8}")
    for name in names:
        r1, r2, rl = (100 * statistics.mean(x[i] for x in scores[name]) for i in range(3))
        print(f"{name:10} {r1:8.2f} {r2:8.2f} {rl:8.2f} {statistics.mean(times[name]):8.3f}")


if __name__ == "__main__":
    main()
