"""build(config) -> Briefing: the stages in order, nothing else.

``STAGES`` is the whole pipeline in one table: for each stage, the function that does
its work, the records it reads and makes, the settings that change its records and
its cache kind. ``build`` runs the table top to bottom; each row's ``run`` only wires
records to the stage's function (and, for a cached stage, to the cache).

A cached stage's entries are keyed by its inputs and its ``fingerprint``: the code of
the stage function's module and of every briefgen module that imports, found in the
source (cache.code_fingerprint), the versions of the outside packages they import
(and of the spaCy model, for a stage that imports spaCy), and the values of the
stage's settings. Nothing is listed by hand, so a change to any code a stage runs
gives it new keys, and a change elsewhere leaves its entries in use.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import logging
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefgen import analyze, brief, editions, facts, folders, front, group, ingest, pages, pdf, questions, redirects, render, search, site
from briefgen.analyze import Parsed
from briefgen.cache import Cache, closure, code_fingerprint, compute, default_dir, digest
from briefgen.cluster import Cluster, Spawned, cluster
from briefgen.config import BuildConfig, validate
from briefgen.errors import BriefgenError, BuildError
from briefgen.ingest import window
from briefgen.models import Article, Briefing, FactBox, Skipped, Story, StoryBrief, Topic

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class Run:
    """What every stage may use besides its input records."""

    config: BuildConfig
    cache: Cache
    edition: str
    progress: Progress
    fp: str = ""  # the stage's fingerprint (cached stages)
    printer: pdf.Worker | None = None  # the PDF worker, loading WeasyPrint since the build started (None: no PDFs)
    warnings: list[str] = field(default_factory=list)  # every warning of the build so far (Briefing.warnings)
    cluster: Cluster | None = None  # the Dask cluster the maps run on (``scheduler``), else this machine's processes
    assembly: site.Assembly | None = None  # the new site folder, being assembled beside the site while the build runs


@dataclass(frozen=True)
class Stage:
    """One step of a build."""

    name: str
    run: Callable[..., Any]  # wires records to ``function``: run(Run, **inputs) -> outputs
    function: str  # "module.function" under briefgen/ doing the work; that module's imports make the code fingerprint
    inputs: tuple[str, ...]  # records it reads, made by earlier stages
    outputs: tuple[str, ...]  # records it makes
    settings: tuple[str, ...] = ()  # config keys that change its records (in its cache keys)
    cache: str | None = None  # cache kind of its records; None: made anew by every build

    @property
    def module(self) -> str:
        return "briefgen." + self.function.rpartition(".")[0]


# --- what each stage's row runs: records in, records out --------------------------------------------


def _ingest(run: Run) -> tuple[list[Article], list[Skipped], dict[str, str]]:
    config = run.config
    keys: dict[str, str] = {}
    articles, skipped = window.read(config, run.cache, run.fp, functools.partial(run.progress, "ingest"), keys)
    reasons = "".join(f"\n  {s.path}: {s.reason}" for s in skipped[:MAX_LISTED])
    if len(skipped) > MAX_LISTED:
        reasons += f"\n  ... and {len(skipped) - MAX_LISTED:,} more"
    if config.strict and skipped:
        raise BuildError(f"{len(skipped)} file(s) could not be built (strict mode); the site is unchanged:{reasons}")
    if not articles:
        raise BuildError(f"{config.content_dir}: no article could be built; the site is unchanged" + (f":{reasons}" if skipped else ""))
    return articles, skipped, {a.id: keys.get(a.id) or ingest.article_key(a) for a in articles}  # what later keys know an article by


def _analyze(run: Run, articles: Sequence[Article]) -> tuple[list[Parsed], list[Skipped]]:
    """Each article analysed with its language's model (setting ``models``; English otherwise), in input order.

    An error while analysing costs only the article that raised it: the batch is analysed again one
    article at a time, and the one that fails is left out (``unanalysed``) with the error named.
    """
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        run.progress("analyze", done, len(articles))

    config = run.config
    by_model: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_model.setdefault((config.models or {}).get(a.language, config.model) if a.language != "en" else config.model, []).append(i)
    out: list[Parsed | None] = [None] * len(articles)
    failed: list[Skipped] = []
    for model, indices in by_model.items():
        cfg = config if model == config.model else dataclasses.replace(config, model=model)
        fp = run.fp if model == config.model else fingerprint(STAGE["analyze"], cfg)
        batch = [articles[i] for i in indices]
        try:
            results: list[Parsed | None] = list(analyze.analyze_cached(batch, cfg, run.cache, fp, progress=step, cluster=run.cluster))
        except BriefgenError:
            raise
        except Exception:
            log.debug("analysis failed; analysing one article at a time", exc_info=True)
            results = []
            for article in batch:
                try:
                    results.append(analyze.analyze_cached([article], dataclasses.replace(cfg, n_process=1), run.cache, fp)[0])
                except BriefgenError:
                    raise
                except Exception as exc:
                    reason = (
                        f"analysis failed: {type(exc).__name__}: {_clip(str(exc))} (please report this); the rest of the edition is built"
                    )
                    log.warning("%s: %s", article.id, reason)
                    failed.append(Skipped(article.id, reason))
                    results.append(None)
        for i, item in zip(indices, results, strict=True):
            out[i] = item
    # memory: no later stage parses (a cache entry gone since is parsed again, loading the model again), so the
    # models this process loaded for the workers to share go now, before grouping (about 25 MiB of the 130 spaCy takes)
    analyze.load_model.cache_clear()
    gc.collect()
    return [x for x in out if x is not None], failed


def _counts(run: Run, parsed: Sequence[Parsed], article_keys: Mapping[str, str]) -> list[group.Counts]:
    lead = group.settings_for(run.config).lead

    def count(i: int) -> group.Counts:
        return group.article_counts(analyze.load_tokens([parsed[i]], run.config, run.cache)[0], lead)

    keys = [digest(run.fp, p.key, article_keys[p.article.id]) for p in parsed]
    return compute(run.cache, "counts", keys, count, run.config.processes, expect=_is_counts, compact=group.shared_keys)


def _previous(run: Run) -> tuple[tuple[str, dict[str, Any]] | None, dict[str, list[int]]]:
    """The previous edition and its briefing.json, and its counts for the archive page (its file parsed once)."""
    previous = editions.previous_edition(run.config.site_dir, run.edition)
    return previous, {previous[0]: editions.edition_counts(previous[1])} if previous else {}


def _group(
    run: Run, parsed: Sequence[Parsed], counts: Sequence[group.Counts], previous: tuple[str, dict[str, Any]] | None
) -> tuple[list[Story], group.Grouping]:
    config = run.config
    memory = group.previous_memory(previous[1] if previous else None)
    grouped = group.group_all(parsed, config, memory, load_editor_file(config.content_dir), group.settings_for(config), counts)
    span = window.window([p.article.date for p in parsed], config.edition_window_days)
    if span is None:
        return grouped.stories, grouped
    dates = {p.article.id: p.article.date for p in parsed}  # the edition: stories with an article in the window
    stories = [s for s in grouped.stories if any((dates[a] or "9999")[:10] >= span[0] for a in s.articles)]  # undated: kept
    kept = {s.id for s in stories}
    topics = [replace(t, stories=tuple(s for s in t.stories if s in kept)) for t in grouped.topics]
    return stories, replace(grouped, stories=stories, topics=[t for t in topics if t.stories])


def _minhash(run: Run, articles: Sequence[Article], article_keys: Mapping[str, str]) -> list[facts.Print]:
    keys = [digest(run.fp, article_keys[a.id]) for a in articles]
    return compute(
        run.cache,
        "minhash",
        keys,
        lambda i: facts.minhash_print(articles[i]),
        run.config.processes,
        expect=lambda v: isinstance(v, facts.Print),
    )


def _sources(run: Run, articles: Sequence[Article], prints: Sequence[facts.Print]) -> facts.Independence:
    """The copy pairs, looked for only where an article is new or changed since the last build: its pairs are kept
    (kind ``sources``, one entry named by the stage's fingerprint, written again when they change)."""
    key = digest(run.fp, "copies")
    earlier = run.cache.load("sources", key, expect=facts.sources.usable)
    found, kept = facts.independence_since(articles, {a.id: p for a, p in zip(articles, prints, strict=True)}, earlier)
    if earlier == kept:
        run.cache.keep("sources", key)
    else:
        run.cache.store("sources", key, kept)
    return found


def _stories(
    run: Run, stories: Sequence[Story], parsed: Sequence[Parsed], article_keys: Mapping[str, str], independence: facts.Independence
) -> tuple[list[list[FactBox]], list[StoryBrief], list[Skipped]]:
    """Each story's entities and brief, from its articles' tokens, loaded where a story is not in the cache; a story
    whose brief tells nothing (``_nothing_told``) is left out, its articles returned as skipped."""
    by_id = {p.article.id: p for p in parsed}
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        run.progress("summarize", done, len(stories))

    def own(story: Story) -> facts.Independence:
        """What the independence records say of the story's articles."""
        return facts.Independence(
            {a: independence.outlet.get(a, "") for a in story.articles},
            {a: independence.copies[a] & set(story.articles) for a in story.articles if a in independence.copies},
        )

    def task(k: int) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """The function and inputs that make story k: what a cluster worker is sent (its articles' tokens
        and what the independence records say of them), and what a forked local worker runs."""
        story = stories[k]
        items = analyze.load_tokens([by_id[a] for a in story.articles], run.config, run.cache)
        return brief.story_brief, (story, items, run.config, own(story))

    def alone(k: int) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """What a spawned local worker is sent to make story k: its articles and their analyses' cache keys, from
        which it reads their tokens itself. Copies of the articles, and not their outlines: pickling an object
        reads its ``__dict__``, which Python then keeps beside the object for good (this process held 10 MiB
        more after the stage at 1,982 articles, most of it the outlines' mentions, then 6 MiB the paragraphs')."""
        story = stories[k]
        articles = [(_copy(by_id[a].article), by_id[a].key) for a in story.articles]
        return _brief_from_cache, (run.cache.root, story, articles, run.config, own(story))

    def make(k: int) -> tuple[list[FactBox], StoryBrief]:
        function, arguments = task(k)
        made: tuple[list[FactBox], StoryBrief] = function(*arguments)
        return made

    keys = [story_key(run.fp, s, {a: digest(article_keys[a], by_id[a].key) for a in s.articles}) for s in stories]
    # memory: on this machine the misses run in spawned workers, which read their story's tokens from the cache and
    # hold nothing else of the build (forked ones came to copy the records this process holds: the peak of a build)
    spawned = run.cluster is None and run.config.processes > 1 and run.cache.enabled and run.cache.writable
    made = compute(
        run.cache,
        "stories",
        keys,
        make,
        run.config.processes,
        step,
        sizes=[len(s.articles) for s in stories],
        expect=_is_story_entry,
        keep=lambda v: not v[1].problems,  # a brief with a problem is made again next time
        cluster=Spawned(run.config.processes) if spawned else run.cluster,
        remote=("briefgen.brief", alone if spawned else task),
    )
    for story, (_, story_brief) in zip(stories, made, strict=True):
        for problem in story_brief.problems:
            log.warning("story %s (%s): %s", story.id, folders.listing(list(story.articles)), problem)
    # a brief from the cache holds the story as it was then: the fields its key leaves out (the topic) come from this
    # build; the title is the brief's own (titles.story_title, decided from the story and its articles, both in the key)
    briefs = [replace(b, story=replace(s, title=b.story.title)) for (_, b), s in zip(made, stories, strict=True)]
    told = [not _nothing_told(b) for b in briefs]
    empty = [Skipped(a, NOTHING_TOLD) for b, t in zip(briefs, told, strict=True) if not t for a in b.story.articles]
    return [m[0] for m, t in zip(made, told, strict=True) if t], [b for b, t in zip(briefs, told, strict=True) if t], empty


#: Why the articles of a story whose brief tells nothing are not shown (``_nothing_told``).
NOTHING_TOLD = (
    "no statement of news was found in it (what is left once page furniture is taken out, such as credits, lyrics, a "
    "notice or a caption, tells nothing a summary could state), so it is not shown as a story; if it is an article, "
    "check that the file holds its body text"
)


def _nothing_told(b: StoryBrief) -> bool:
    """A story none of whose articles has a statement a summary could state (``StoryBrief.untold``), so nothing to show:
    no summary, timeline or open question, no part that failed (``problems``), not opinion pieces (``opinion_only``: the
    page says why they have no summary). Its story is left out of the edition and its articles are listed as skipped,
    with ``NOTHING_TOLD``: a page of a title alone tells nothing. A story whose statements the summary's rules all passed
    over (each leans on one before it, say) stays: it is news."""
    return b.untold and not (b.summary or b.timeline or b.questions or b.problems or b.opinion_only)


def _copy(article: Article) -> Article:
    """An equal article made of new objects (its paragraphs too), to be pickled in the build's place."""
    return replace(article, paragraphs=tuple([replace(p) for p in article.paragraphs]))


def _brief_from_cache(
    root: Path, story: Story, articles: Sequence[tuple[Article, str]], config: BuildConfig, own: facts.Independence
) -> tuple[list[FactBox], StoryBrief]:
    """brief.story_brief of ``story``, its ``articles``' tokens read from the cache at ``root`` by their analyses'
    keys: what a spawned worker runs. (``load_tokens`` reads a Parsed's article and key, not its outline.)"""
    parsed = [Parsed(article, key, (), ()) for article, key in articles]
    return brief.story_brief(story, analyze.load_tokens(parsed, config, Cache(root)), config, own)


def story_key(fp: str, story: Story, articles: Mapping[str, str]) -> str:
    """The stories stage's cache key of ``story``: its fingerprint, the story without its topic (which topic holds
    a story does not change its brief, so regrouping the topics re-summarises nothing), and its articles' keys."""
    return digest(fp, repr(replace(story, topic="")), *(articles[a] for a in story.articles))


def _entities(
    run: Run,
    story_entities: Sequence[list[FactBox]],
    drafts: Sequence[StoryBrief],
    articles: Sequence[Article],
    independence: facts.Independence,
) -> tuple[facts.Edition, list[StoryBrief]]:
    entities = facts.edition_entities({b.story.id: boxes for b, boxes in zip(drafts, story_entities, strict=True)}, articles, independence)
    return entities, facts.link(list(drafts), entities)


def _related(run: Run, linked: Sequence[StoryBrief], entities: facts.Edition) -> list[StoryBrief]:
    return front.relate(linked, entities.entities)


def _changes(
    run: Run,
    previous: tuple[str, dict[str, Any]] | None,
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    unanalysed: Sequence[Skipped],
    untold: Sequence[Skipped],
    briefs: Sequence[StoryBrief],
    entities: facts.Edition,
    independence: facts.Independence,
    parsed: Sequence[Parsed],
    grouped: group.Grouping,
) -> Briefing:
    by_id = {p.article.id: p for p in parsed}
    articles = [a for a in articles if a.id in by_id]  # less any that could not be analysed (in ``unanalysed``)
    if not articles:
        raise BuildError(f"{run.config.content_dir}: no article could be analysed; the site is unchanged")
    gone = {s.path for s in untold}  # the articles of stories that tell nothing (``_nothing_told``)
    articles = [a for a in articles if a.id not in gone]

    def resolved(sb: StoryBrief, old: Any, new: Any) -> Any:
        items = analyze.load_tokens([by_id[a] for a in sb.story.articles], run.config, run.cache)
        return questions.resolved_questions(old, items, new)

    prev_name, prev_data = previous if previous else (None, None)
    copies = independence.copies
    if run.config.edition_window_days:  # the edition: its stories' articles (the lookback's others are not in it)
        shown = {a for sb in briefs for a in sb.story.articles}
        articles = [a for a in articles if a.id in shown]
        copies = {a: c & shown for a, c in copies.items() if a in shown and c & shown}
    if not briefs:  # every story of the edition (of its window) told nothing (``_nothing_told``)
        listed = "".join(f"\n  {s.path}" for s in untold[:MAX_LISTED])
        raise BuildError(
            f"{run.config.content_dir}: no file of the edition states any news (credits, lyrics, a notice or a caption "
            f"only?), so there is no story to publish; the site is unchanged. Check that the files hold articles' body "
            f"text:{listed}"
        )
    changes = editions.compute_changes(prev_name, prev_data, [a.id for a in articles], list(briefs), resolved)
    shown_ids = {sb.story.id for sb in briefs}
    titles = {b.story.id: b.story.title for b in briefs}
    if run.config.strict and (run.warnings or untold):  # before anything is written: the site stays as it was
        said = [*run.warnings, *(f"{s.path}: {s.reason}" for s in untold)]  # a file left out is as any skipped one
        listed = "".join(f"\n  {w}" for w in said[:MAX_LISTED])
        more = f"\n  ... and {len(said) - MAX_LISTED:,} more" if len(said) > MAX_LISTED else ""
        raise BuildError(f"{len(said)} warning(s) (strict mode); the site is unchanged:{listed}{more}")
    return Briefing(
        run.edition,
        tuple(sorted(articles, key=lambda a: a.id)),
        tuple(briefs),
        tuple(sorted([*skipped, *unanalysed, *untold], key=lambda s: s.path)),
        changes,
        entities=tuple(entities.entities),
        topics=tuple(group.follow_titles(_shown(grouped.topics, shown_ids, grouped.stories), grouped.stories, titles)),
        merged=tuple(grouped.merged),  # the grouping's memory too; redirects.py skips a target with no page
        copies=tuple((a, tuple(sorted(c))) for a, c in sorted(copies.items())),
        warnings=tuple(run.warnings),
    )


def _shown(topics: Sequence[Topic], shown: set[str], stories: Sequence[Story]) -> list[Topic]:
    """``topics`` with only the stories the edition shows, and none left empty (a story that tells nothing is left out:
    ``_nothing_told``); a topic titled by a story left out takes the title of its first story shown (``stories``:
    grouping's, whose titles ``group.follow_titles`` then makes the final ones)."""
    title = {s.id: s.title for s in stories}
    out = []
    for t in topics:
        kept = tuple(s for s in t.stories if s in shown)
        if not kept:
            continue
        gone = {title.get(s) for s in t.stories if s not in shown}
        out.append(replace(t, stories=kept, title=title.get(kept[0], t.title) if t.title in gone else t.title))
    return out


def _site(run: Run, briefing: Briefing) -> tuple[site.Work, list[dict[str, Any]]]:
    return site.prepare(run.config, run.edition), editions.updated_versions(run.config.site_dir, run.edition, run.edition)


def _pdf(run: Run, briefing: Briefing, work: site.Work) -> tuple[dict[str, str], pdf.PdfJob | None]:
    """Cached PDFs taken at once; the others sent to the worker, rendered while the pages are built."""
    if not run.config.pdf:
        run.cache.spare(pdf.CACHE_KIND)  # kept for the next build with PDFs
        return {}, None
    job = pdf.start(
        briefing, {a.id: a for a in briefing.articles}, run.config, work.templates, run.cache, run.progress, given=run.printer, fp=run.fp
    )
    return job.reserve(work.docs / "pdf"), job


def _pdf_files(run: Run, work: site.Work, pdf_job: pdf.PdfJob | None) -> None:
    if pdf_job is not None:
        pdf.finish(pdf_job, work.out / "pdf")


def _render(
    run: Run,
    briefing: Briefing,
    parsed: Sequence[Parsed],
    article_keys: Mapping[str, str],
    work: site.Work,
    versions: list[dict[str, Any]],
    pdfs: dict[str, str],
    previous_counts: Mapping[str, list[int]],
) -> list[pages.OutsidePage]:
    run.progress("render", 0, 1)
    counts = (len(briefing.stories), len(briefing.articles))
    rows = editions.archive_rows(run.config.site_dir, versions, briefing.edition, counts, run.cache, previous_counts)
    spans = {p.article.id: p.spans for p in parsed}
    outside: list[pages.OutsidePage] = []  # story, article and entity pages: built beside mkdocs, not by it
    render.render_pages(
        briefing, work.docs, run.config, work.templates, rows, pdfs, spans, outside, pages.directory_urls(work.settings), article_keys
    )
    pages.write_shell(work.docs)
    render.write_json(briefing, work.docs / "briefing.json")
    run.progress("render", 1, 1)
    return outside


def _mkdocs(run: Run, briefing: Briefing, work: site.Work) -> None:
    run.progress("mkdocs", 0, 1)
    site.build_mkdocs(work.settings, work.root, editions.reproducible_epoch(briefing.edition, [a.date for a in briefing.articles]))
    run.progress("mkdocs", 1, 1)


def _articles(run: Run, work: site.Work, outside: Sequence[pages.OutsidePage], briefing: Briefing) -> dict[str, str]:
    """The outside pages written; returns what the search index reads of each (search.page_digest), by path."""
    run.progress("articles", 0, len(outside))
    indexed = render.write_pages(work.out, outside, work.settings, work.templates, run.cache, run.fp, search.page_digest)
    redirects.write_merged_pages(work.out, briefing.merged)
    run.progress("articles", len(outside), len(outside))
    return indexed


def _search(run: Run, work: site.Work, briefing: Briefing, indexed: Mapping[str, str]) -> None:
    run.progress("search", 0, 1)
    dates = search.page_dates(
        ((render.article_slug(a.id), a.date if a.date_source != "inferred" else None) for a in briefing.articles),
        ((sb.story.id, sb.first_date) for sb in briefing.stories),
    )
    search.index_search(work.out, dates, run.cache, run.fp, work.root / "search", indexed)
    run.progress("search", 1, 1)


def _publish(run: Run, work: site.Work, versions: list[dict[str, Any]]) -> None:
    site.publish(run.config.site_dir, run.edition, work.out, versions, run.assembly)


#: The pipeline. Records: ``articles`` (models.Article), ``skipped`` (models.Skipped), ``article_keys`` (id -> digest
#: of the record), ``parsed`` (analyze.Parsed: sentence spans and mentions; tokens by analyze.load_tokens),
#: ``counts`` (group.Counts), ``previous`` (the last edition's name and briefing.json), ``previous_counts`` (its story
#: and article counts, by name, for the archive page: editions.edition_counts), ``stories`` (models.Story),
#: ``grouped`` (group.Grouping: the stories, the topics above them, ids retired by merges),
#: ``prints`` (facts.Print), ``independence`` (facts.Independence), ``story_entities`` (every models.FactBox of each
#: story), ``drafts``, ``linked`` and ``briefs`` (models.StoryBrief: as each story's own; with entity links; and with
#: related stories), ``entities`` (facts.Edition),
#: ``briefing`` (models.Briefing), ``work`` (site.Work), ``versions`` (versions.json), ``pdfs`` (id -> file),
#: ``pdf_job`` (pdf.PdfJob: the PDFs being rendered beside the page build), ``outside`` (pages.OutsidePage),
#: ``indexed`` (what the search index reads of each story and article page, by path: search.page_digest).
STAGES: tuple[Stage, ...] = (
    # name, run (the wiring above), function, inputs, outputs, settings, cache kind
    Stage("ingest", _ingest, "ingest.ingest", (), ("articles", "skipped", "article_keys"), ("max_file_bytes", "models"), "ingest"),
    Stage("analyze", _analyze, "analyze.analyze_cached", ("articles",), ("parsed", "unanalysed"), ("model",), "analysis"),
    Stage("counts", _counts, "group.features.article_counts", ("parsed", "article_keys"), ("counts",), (), "counts"),
    Stage("previous", _previous, "editions.previous_edition", (), ("previous", "previous_counts")),
    Stage(
        "group",
        _group,
        "group.group_all",
        ("parsed", "counts", "previous"),
        ("stories", "grouped"),
        ("group_threshold", "group_window_days", "group_apart_days"),
    ),
    Stage("minhash", _minhash, "facts.sources.minhash_print", ("articles", "article_keys"), ("prints",), (), "minhash"),
    Stage("sources", _sources, "facts.sources.independence_since", ("articles", "prints"), ("independence",), (), "sources"),
    Stage(
        "stories",
        _stories,
        "brief.story_brief",
        ("stories", "parsed", "article_keys", "independence"),
        ("story_entities", "drafts", "untold"),
        ("summary_words", "summary_algorithm", "redundancy", "max_fact_boxes", "max_questions"),
        "stories",
    ),
    Stage(
        "entities",
        _entities,
        "facts.edition.edition_entities",
        ("story_entities", "drafts", "articles", "independence"),
        ("entities", "linked"),
    ),
    Stage("related", _related, "front.relate", ("linked", "entities"), ("briefs",)),
    Stage(
        "changes",
        _changes,
        "editions.compute_changes",
        ("previous", "articles", "skipped", "unanalysed", "untold", "briefs", "entities", "independence", "parsed", "grouped"),
        ("briefing",),
    ),
    Stage("site", _site, "site.prepare", ("briefing",), ("work", "versions")),
    Stage("pdf", _pdf, "pdf.start", ("briefing", "work"), ("pdfs", "pdf_job"), (), "pdf"),
    Stage(
        "render",
        _render,
        "render.render_pages",
        ("briefing", "parsed", "article_keys", "work", "versions", "pdfs", "previous_counts"),
        ("outside",),
    ),
    Stage("mkdocs", _mkdocs, "site.build_mkdocs", ("briefing", "work"), ()),
    # max_fact_boxes: render.py's story pages read it (they are not cached: each names its edition), so it is declared
    Stage("articles", _articles, "render.write_pages", ("work", "outside", "briefing"), ("indexed",), ("max_fact_boxes",), "pages"),
    Stage("search", _search, "search.index_search", ("work", "briefing", "indexed"), (), (), "search"),
    Stage("pdf-files", _pdf_files, "pdf.finish", ("work", "pdf_job"), ()),
    Stage("publish", _publish, "site.publish", ("work", "versions"), ()),
)
STAGE = {stage.name: stage for stage in STAGES}
#: The records ``build`` drops after each stage: those no later stage reads (a build holds a record only
#: as long as it is needed; ``briefing`` is the build's result, ``work`` and ``pdf_job`` what it cleans up at the end).
DONE_AFTER: dict[str, tuple[str, ...]] = {
    stage.name: tuple(
        name
        for name in (*stage.inputs, *stage.outputs)
        if name not in ("briefing", "work", "pdf_job") and not any(name in later.inputs for later in STAGES[k + 1 :])
    )
    for k, stage in enumerate(STAGES)
}


def fingerprint(stage: Stage, config: BuildConfig) -> str:
    """What besides its input records shapes a stage's records: the code its function's module imports
    (derived, cache.code_fingerprint), the spaCy model where that code imports spaCy, and its settings."""
    model = analyze.model_id(config.model) if "spacy" in closure(stage.module)[1] else ""
    return digest(stage.name, code_fingerprint(stage.module), model, *(f"{k}={getattr(config, k)!r}" for k in stage.settings))


class Warnings(logging.Handler):
    """Every warning briefgen logs while a build runs, as told to the user (for Briefing.warnings)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a bad format string must not fail the build
            self.messages.append(str(record.msg))


@contextlib.contextmanager
def collecting() -> Iterator[Warnings]:
    handler = Warnings()
    logger = logging.getLogger("briefgen")
    level = logger.level
    if logger.getEffectiveLevel() > logging.WARNING:  # collected even where logging is set quieter
        logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


#: Lines of skipped files or warnings listed in one error message; the rest are counted.
MAX_LISTED = 20


def _is_counts(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict) and (value[1] is None or isinstance(value[1], str))


def _is_story_entry(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list) and isinstance(value[1], StoryBrief)


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build(config: BuildConfig, progress: Progress | None = None, timings: dict[str, float] | None = None) -> Briefing:
    """Build one edition: run the stages in order; ``timings`` (if given) receives each stage's seconds."""
    if getattr(sys.modules.get("__main__"), "__name__", "") == "__mp_main__":
        raise BuildError(  # a worker process of a build is importing the script that started it (Python's "spawn")
            "a build was started while a worker process imported the script that runs it: keep that script's call "
            'under `if __name__ == "__main__":`'
        )
    validate(config)
    folders.check_arguments(config)  # before anything is read or created
    load_editor_file(config.content_dir)  # a bad or oversized editor file stops the build before any work
    with collecting() as warned:
        try:
            briefing = _build(config, warned.messages, progress, timings)
        except OSError as exc:  # disk full, quota, permissions: the path and what to do, not a traceback
            raise BuildError(folders.os_error_message(exc, config.site_dir, "the site is unchanged")) from None
    return dataclasses.replace(briefing, warnings=tuple(warned.messages))  # with any the publishing itself gave


def _build(config: BuildConfig, warned: list[str], progress: Progress | None, timings: dict[str, float] | None) -> Briefing:
    report = progress or (lambda stage, done, total: None)
    mark = stage_clock(timings)
    edition = editions.edition_name(config.edition)
    store = Cache(config.cache_dir or default_dir(config.site_dir))
    records: dict[str, Any] = {}  # each made once, by the stage that names it, and never changed
    with (
        site.site_lock(config.site_dir),
        site.assembling(config.site_dir, edition) as assembly,  # the new site folder, made meanwhile
        store.locked(),
        pdf.worker(config.pdf) as printer,
        cluster(config.scheduler) as engine,
    ):
        run_stages(STAGES, records, config, store, edition, report, mark, printer, warned, engine, assembly)  # PDFs load meanwhile
        store.prune()
        log.info("cache %s: %s", store.root, store.summary())
        mark("cache")
    briefing: Briefing = records["briefing"]
    return briefing


def run_stages(
    stages: Sequence[Stage],
    records: dict[str, Any],
    config: BuildConfig,
    store: Cache,
    edition: str,
    report: Progress,
    mark: Callable[[str], None] = lambda stage: None,
    printer: pdf.Worker | None = None,
    warnings: list[str] | None = None,
    engine: Cluster | None = None,
    assembly: site.Assembly | None = None,
) -> None:
    """Run ``stages`` in order, adding the records each makes to ``records`` and dropping those no later
    stage reads; the work folder, once made, is removed at the end whatever happens (and a PDF job's own
    worker stopped). ``warnings``: the build's warnings so far, as they grow; ``engine``: the Dask
    cluster the maps run on, if any; ``assembly``: the new site folder being assembled for the publish stage."""
    warned = [] if warnings is None else warnings
    thaw = gc.get_freeze_count() == 0  # a caller's own frozen objects stay frozen
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], thresholds[2] * FULL_PASSES_APART)
    try:
        for stage in stages:
            fp = fingerprint(stage, config) if stage.cache else ""
            made = stage.run(
                Run(config, store, edition, report, fp, printer, warned, engine, assembly), **{name: records[name] for name in stage.inputs}
            )
            records.update(zip(stage.outputs, made if len(stage.outputs) > 1 else (made,), strict=False))
            del made
            for name in DONE_AFTER[stage.name]:  # no later stage reads it: its memory goes back now
                records.pop(name, None)
            settle()
            mark(stage.name)
    finally:
        gc.set_threshold(*thresholds)
        if thaw:
            gc.unfreeze()
        if records.get("pdf_job") is not None:
            records["pdf_job"].close()
        if "work" in records:
            site.remove_work(records["work"].root)


#: How many times fewer the collector's full passes run during the stages than Python's default (a full pass once ten
#: passes of the middle generation have run, and the objects that outlived the last full pass grew by a quarter).
#: ``settle`` freezes what each stage leaves, so the quarter is of what the running stage made, reached over and over
#: while a stage of a large edition loads its records: at 19,750 articles a one-article rebuild ran 52 full passes
#: (4.0 of its 54.6 CPU seconds; analysis, render, ingest). Ten times fewer is the collector's own scale between
#: generations (700 objects, then 10 and 10 passes); a cycle that outlives the middle generation waits longer.
FULL_PASSES_APART = 10


def settle() -> None:
    """Leave what is alive after a stage (the records, the loaded modules) out of the collector's later passes.

    Python's cycle collector walks every object it tracks in each full pass, and starts one whenever the objects
    that survived its young passes grow by a quarter: a rebuild holds millions (every article, outline and story
    record of the edition), so its full passes cost a fifth of the build process's CPU at 4,950 articles, in the
    stages that hold the most (render, the entity merge, analysis). The records live until a later stage drops
    them, and are trees freed by their reference counts, so they need no such pass: after each stage the young
    generations are collected (garbage cycles made by the stage go) and the rest is frozen (``gc.freeze``);
    later passes walk only what later stages make. Frozen objects are unfrozen when the stages end."""
    gc.collect(1)
    gc.freeze()


def publish(briefing: Briefing, config: BuildConfig, parsed: Sequence[Parsed] = (), progress: Progress | None = None) -> None:
    """Write a briefing made elsewhere (the tests' hand-made editions) as an edition of the site: the
    stages after the one that makes the briefing, as build() runs them. The caller holds the site lock."""
    after = next(k for k, stage in enumerate(STAGES) if "briefing" in stage.outputs) + 1
    keys = {a.id: ingest.article_key(a) for a in briefing.articles}
    records: dict[str, Any] = {"briefing": briefing, "parsed": list(parsed), "article_keys": keys, "previous_counts": {}}
    with pdf.worker(config.pdf) as printer:
        run_stages(
            STAGES[after:],
            records,
            config,
            Cache(config.cache_dir or default_dir(config.site_dir)),
            briefing.edition,
            progress or (lambda stage, done, total: None),
            printer=printer,
        )


def stage_clock(timings: dict[str, float] | None) -> Callable[[str], None]:
    """``mark(stage)`` adds the time since the previous mark to ``timings[stage]`` and logs it."""
    last = time.perf_counter()

    def mark(stage: str) -> None:
        nonlocal last
        now = time.perf_counter()
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + now - last
        log.info("%s: %.2fs", stage, now - last)
        last = now

    return mark


def load_editor_file(content_dir: Path) -> dict[str, Any]:
    """``content/stories.yml`` (or ``.yaml``): titles, pins, merges and splits (schema in briefgen/group/editor.py).

    The names are ingest's EDITOR_FILES, the files it leaves out as articles, so neither is ever lost.
    """
    found = [content_dir / name for name in ingest.EDITOR_FILES if (content_dir / name).is_file()]
    if not found:
        return {}
    if len(found) > 1:
        raise BuildError(f"{content_dir}: both {' and '.join(p.name for p in found)} exist; keep one editor file")
    path = found[0]
    try:
        if path.stat().st_size > group.editor.MAX_BYTES:
            raise BuildError(
                f"{path}: the editor file is over {group.editor.MAX_BYTES:,} bytes; keep it to titles, pins, merges and splits"
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(f"{path}: cannot read the editor file: {exc}") from None
    return group.validate_editor(group.editor.load_yaml(text, str(path)) or {}, str(path))


__all__ = ["STAGE", "STAGES", "Run", "Stage", "build", "fingerprint", "load_editor_file", "publish", "run_stages", "story_key"]
