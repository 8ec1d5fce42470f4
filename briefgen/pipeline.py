"""build(config) -> Briefing: the stages in order, nothing else."""

from __future__ import annotations

import functools
import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from briefgen import analyze, confidence, editions, facts, group, ingest, pages, pdf, questions, render, site, summarize
from briefgen.cache import Cache, code_fingerprint, compute, default_dir, digest, settings_fingerprint
from briefgen.config import BuildConfig
from briefgen.errors import BuildError
from briefgen.models import AnalyzedArticle, Briefing, FactBox, Story, StoryBrief

log = logging.getLogger(__name__)

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def templates_dir(config: BuildConfig) -> Path:
    if config.templates_dir is not None:
        return config.templates_dir
    local = Path("templates")
    return local if (local / "pages" / "story.html.j2").is_file() else PACKAGE_TEMPLATES


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
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise BuildError(f"{path}: invalid YAML: {exc}") from None
    return group.validate_editor(data, str(path))


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


def story_keys(stories: list[Story], article: dict[str, str], config: BuildConfig) -> list[str]:
    """Cache keys of story briefs: the story, its articles (``article``: id -> digest of text and
    metadata), the settings and the code."""
    fixed = digest("story", code_fingerprint(), settings_fingerprint(config), analyze.fingerprint(config.model))
    return [digest(fixed, repr(story), *(article[a] for a in story.articles)) for story in stories]


def count_keys(analyzed: list[AnalyzedArticle], article: dict[str, str], config: BuildConfig, lead: float) -> list[str]:
    """Cache keys of grouping's per-article counts: the article, its analysis, the grouping code
    (and ingest's, whose date parser reads the dates the text names)."""
    fixed = digest("counts", _source_of(group.features), ingest.readers_fingerprint(), analyze.fingerprint(config.model), repr(lead))
    return [digest(fixed, article[item.article.id]) for item in analyzed]


def _source_of(module: Any) -> bytes:
    return Path(module.__file__).read_bytes()


def build(config: BuildConfig, progress: Progress | None = None, timings: dict[str, float] | None = None) -> Briefing:
    """Build one edition; ``timings`` (if given) receives each stage's seconds."""
    report = progress or (lambda stage, done, total: None)
    mark = stage_clock(timings)
    edition = editions.edition_name(config.edition)
    site_dir = config.site_dir
    store = Cache(config.cache_dir or default_dir(site_dir))
    with site.site_lock(site_dir), store.locked(), pdf.worker(config.pdf) as printer:  # it loads WeasyPrint meanwhile
        articles, skipped = ingest.ingest(config, store, functools.partial(report, "ingest"))
        reasons = "".join(f"\n  {s.path}: {s.reason}" for s in skipped)
        if config.strict and skipped:
            raise BuildError(f"{len(skipped)} file(s) could not be built (strict mode); the site is unchanged:{reasons}")
        if not articles:
            raise BuildError(f"{config.content_dir}: no article could be built; the site is unchanged" + (f":{reasons}" if skipped else ""))
        mark("ingest")
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            report("analyze", done, len(articles))

        analyzed = analyze.analyze(articles, config, progress=step, cache=store)
        mark("analyze")
        prev = editions.previous_edition(site_dir, edition)
        prev_name, prev_data = prev if prev else (None, None)
        article_digest = {item.article.id: digest(repr(item.article)) for item in analyzed}
        settings = group.settings_for(config)
        counted = compute(store, "counts", count_keys(analyzed, article_digest, config, settings.lead),
                          lambda i: group.article_counts(analyzed[i], settings.lead), config.processes)
        stories = group.group(analyzed, config, editions.previous_stories(prev_data), load_editor_file(config.content_dir),
                              settings, counted)
        mark("group")
        by_id = {item.article.id: item for item in analyzed}
        briefs = []
        boxes: dict[str, list[FactBox]] = {}  # every entity of each story, not only the boxes shown
        # Which articles are copies of one another, over the edition: a pair's verdict depends on the
        # two articles only, so each story's share of it is what the story alone would give.
        fixed = digest("minhash", _source_of(facts.sources))
        prints = compute(store, "minhash", [digest(fixed, article_digest[a.id]) for a in articles],
                         lambda i: facts.fingerprint(articles[i]), config.processes)
        independence = facts.independence(articles, {a.id: p for a, p in zip(articles, prints, strict=True)})

        def work(k: int) -> tuple[list[FactBox], StoryBrief]:
            """One story's entities and brief: a function of its articles only, so it is cached per story."""
            story = stories[k]
            items = [by_id[a] for a in story.articles]
            story_boxes = facts.story_entities(items, config, independence)
            return story_boxes, brief(story, items, config, story_boxes)

        summarized = 0

        def summarized_one(n: int) -> None:
            nonlocal summarized
            summarized += n
            report("summarize", summarized, len(stories))

        made = compute(store, "stories", story_keys(stories, article_digest, config), work, config.processes, summarized_one,
                       sizes=[len(s.articles) for s in stories])
        for story, (story_boxes, story_brief) in zip(stories, made, strict=True):
            boxes[story.id] = story_boxes
            briefs.append(story_brief)
        mark("stories")
        entities = facts.edition_entities(boxes, articles, independence)
        briefs = facts.link(briefs, entities)
        mark("entities")
        changes = editions.compute_changes(
            prev_name, prev_data, [a.id for a in articles], briefs,
            lambda sb, old, new: questions.resolved_questions(old, [by_id[x] for x in sb.story.articles], new))
        briefing = Briefing(edition, tuple(sorted(articles, key=lambda a: a.id)), tuple(briefs), tuple(skipped), changes,
                            entities=tuple(entities.entities))
        mark("changes")
        publish(briefing, analyzed, config, report, mark, store, printer)
        store.prune()
        log.info("cache %s: %s", store.root, store.summary())
        mark("cache")
    return briefing


def brief(story: Any, items: list[AnalyzedArticle], config: BuildConfig, boxes: list[FactBox]) -> StoryBrief:
    """One story's page content; ``boxes`` are all its entities, most important first."""
    dates = sorted(i.article.date for i in items if i.article.date)
    summary = summarize.summarize(items, config)
    open_questions = tuple(questions.open_questions(items, config, summary=summary))  # none the summary answers
    return StoryBrief(
        story=story,
        summary=tuple(confidence.annotate(summary, open_questions, items)),
        facts=tuple(boxes[: config.max_fact_boxes]),
        questions=open_questions,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )


def publish(
    briefing: Briefing,
    analyzed: list[AnalyzedArticle],
    config: BuildConfig,
    report: Progress,
    mark: Callable[[str], None] = lambda stage: None,
    store: Cache | None = None,
    printer: pdf.Worker | None = None,
) -> None:
    site_dir = config.site_dir
    work = site.work_dir(site_dir, briefing.edition)
    job = None
    try:
        docs = work / "docs"
        docs.mkdir()
        tdir = templates_dir(config)
        versions = editions.updated_versions(site_dir, briefing.edition, briefing.edition)
        rows = editions.archive_rows(site_dir, versions, briefing.edition, (len(briefing.stories), len(briefing.articles)))
        pdfs: dict[str, str] = {}
        if config.pdf:  # cached PDFs now; the rest rendered in a worker while the pages are built
            job = pdf.start(briefing, {a.id: a for a in briefing.articles}, config, tdir, store, report, given=printer)
            pdfs = job.reserve(docs / "pdf")
            mark("pdf")
        elif store is not None:
            store.spare(pdf.CACHE_KIND)  # kept for the next build with PDFs
        spans = {i.article.id: analyze.spans(i) for i in analyzed}
        base = config.mkdocs_config or (Path("mkdocs.yml") if Path("mkdocs.yml").is_file() else PACKAGE_TEMPLATES.parent / "mkdocs.yml")
        out = work / "site"
        settings = site.mkdocs_config(base, docs, out, config.site_name, briefing.edition)
        outside: list[pages.OutsidePage] = []  # story, article and entity pages: built beside mkdocs, not by it
        report("render", 0, 1)
        render.render_pages(briefing, docs, config, tdir, rows, pdfs, spans, outside, pages.directory_urls(settings))
        pages.write_shell(docs)
        render.write_json(briefing, docs / "briefing.json")
        css = tdir / "site" / "extra.css"
        if css.is_file():
            (docs / "assets").mkdir(exist_ok=True)
            shutil.copyfile(css, docs / "assets" / "briefgen.css")
        report("render", 1, 1)
        mark("render")
        report("mkdocs", 0, 1)
        epoch = editions.reproducible_epoch(briefing.edition, [a.date for a in briefing.articles])
        site.build_mkdocs(settings, work, epoch)
        report("mkdocs", 1, 1)
        mark("mkdocs")
        report("articles", 0, len(outside))
        pages.write_outside_pages(out, outside, settings, functools.partial(render.page_body, templates_dir=tdir))
        report("articles", len(outside), len(outside))
        mark("articles")
        if job is not None:
            job.finish(out / "pdf")
            mark("pdf")
        site.publish(site_dir, briefing.edition, out, versions)
        mark("publish")
    finally:
        if job is not None:
            job.close()
        shutil.rmtree(work, ignore_errors=True)
