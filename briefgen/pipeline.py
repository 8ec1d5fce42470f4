"""build(config) -> Briefing: the stages in order, nothing else."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from briefgen import analyze, editions, facts, group, ingest, questions, render, site, summarize
from briefgen.config import BuildConfig
from briefgen.errors import BuildError
from briefgen.models import AnalyzedArticle, Briefing, StoryBrief

log = logging.getLogger(__name__)

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def templates_dir(config: BuildConfig) -> Path:
    if config.templates_dir is not None:
        return config.templates_dir
    local = Path("templates")
    return local if (local / "story.md.j2").is_file() else PACKAGE_TEMPLATES


def load_editor_file(content_dir: Path) -> dict[str, Any]:
    """``content/stories.yml``: story titles and other editor decisions."""
    path = content_dir / "stories.yml"
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise BuildError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise BuildError(f"{path}: expected a mapping (titles: ...)")
    return data


def build(config: BuildConfig, progress: Progress | None = None) -> Briefing:
    report = progress or (lambda stage, done, total: None)
    edition = editions.edition_name(config.edition)
    site_dir = config.site_dir
    with site.site_lock(site_dir):
        report("ingest", 0, 1)
        articles, skipped = ingest.ingest(config)
        if config.strict and skipped:
            reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
            raise BuildError(f"{len(skipped)} file(s) could not be read (strict mode): {reasons}")
        if not articles:
            raise BuildError(f"{config.content_dir}: no article could be built" + (f" ({len(skipped)} skipped)" if skipped else ""))
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            report("analyze", done, len(articles))

        analyzed = analyze.analyze(articles, config, progress=step)
        prev = editions.previous_edition(site_dir, edition)
        prev_name, prev_data = prev if prev else (None, None)
        stories = group.group(analyzed, config, editions.previous_stories(prev_data), load_editor_file(config.content_dir))
        by_id = {item.article.id: item for item in analyzed}
        briefs = []
        for n, story in enumerate(stories, start=1):
            report("summarize", n, len(stories))
            briefs.append(brief(story, [by_id[a] for a in story.articles], config))
        changes = editions.compute_changes(prev_name, prev_data, [a.id for a in articles], briefs)
        briefing = Briefing(edition, tuple(sorted(articles, key=lambda a: a.id)), tuple(briefs), tuple(skipped), changes)
        publish(briefing, analyzed, config, report)
    return briefing


def brief(story: Any, items: list[AnalyzedArticle], config: BuildConfig) -> StoryBrief:
    dates = sorted(i.article.date for i in items if i.article.date)
    return StoryBrief(
        story=story,
        summary=tuple(summarize.summarize(items, config)),
        facts=tuple(facts.fact_boxes(items, config)),
        questions=tuple(questions.open_questions(items, config)),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )


def publish(briefing: Briefing, analyzed: list[AnalyzedArticle], config: BuildConfig, report: Progress) -> None:
    site_dir = config.site_dir
    work = site.work_dir(site_dir, briefing.edition)
    try:
        docs = work / "docs"
        docs.mkdir()
        tdir = templates_dir(config)
        versions = editions.updated_versions(site_dir, briefing.edition, briefing.edition)
        rows = editions.archive_rows(site_dir, versions, briefing.edition, (len(briefing.stories), len(briefing.articles)))
        pdfs: dict[str, str] = {}
        if config.pdf:
            from briefgen import pdf

            report("pdf", 0, len(briefing.stories) + 1)
            names = pdf.write_pdfs(briefing, {a.id: a for a in briefing.articles}, docs / "pdf", config, tdir)
            pdfs = dict(names)
        spans = {i.article.id: tuple((s.index, s.start, s.end) for s in i.sentences) for i in analyzed}
        report("render", 0, 1)
        render.render_pages(briefing, docs, config, tdir, rows, pdfs, spans)
        render.write_json(briefing, docs / "briefing.json")
        css = tdir / "site" / "extra.css"
        if css.is_file():
            (docs / "assets").mkdir(exist_ok=True)
            shutil.copyfile(css, docs / "assets" / "briefgen.css")
        base = config.mkdocs_config or (Path("mkdocs.yml") if Path("mkdocs.yml").is_file() else PACKAGE_TEMPLATES.parent / "mkdocs.yml")
        report("mkdocs", 0, 1)
        out = work / "site"
        epoch = editions.reproducible_epoch(briefing.edition, [a.date for a in briefing.articles])
        site.build_mkdocs(site.mkdocs_config(base, docs, out, config.site_name, briefing.edition), work, epoch)
        site.publish(site_dir, briefing.edition, out, versions)
    finally:
        shutil.rmtree(work, ignore_errors=True)
