"""build(config) -> Briefing: the stages in order, nothing else."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from briefgen import analyze, confidence, editions, facts, folders, group, ingest, pages, questions, render, site, summarize
from briefgen.cache import Cache, code_fingerprint, compute, default_dir, digest, settings_fingerprint
from briefgen.config import BuildConfig
from briefgen.errors import BriefgenError, BuildError
from briefgen.models import AnalyzedArticle, Article, Briefing, FactBox, Question, Skipped, Story, StoryBrief, SummarySentence

log = logging.getLogger(__name__)
T = TypeVar("T")

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
        if path.stat().st_size > group.editor.MAX_BYTES:
            raise BuildError(f"{path}: the editor file is over {group.editor.MAX_BYTES:,} bytes; "
                             "keep it to titles, pins, merges and splits")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(f"{path}: cannot read the editor file: {exc}") from None
    return group.validate_editor(group.editor.load_yaml(text, str(path)) or {}, str(path))


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


def build(config: BuildConfig, progress: Progress | None = None, timings: dict[str, float] | None = None) -> Briefing:
    """Build one edition; ``timings`` (if given) receives each stage's seconds."""
    folders.check_arguments(config)  # before anything is read or created
    with collecting() as warned:
        try:
            return _build(config, warned, progress, timings)
        except OSError as exc:  # disk full, quota, permissions: the path and what to do, not a traceback
            raise BuildError(folders.os_error_message(exc, config.site_dir, "the site is unchanged")) from None


def _build(config: BuildConfig, warned: Warnings, progress: Progress | None, timings: dict[str, float] | None) -> Briefing:
    report = progress or (lambda stage, done, total: None)
    mark = stage_clock(timings)
    edition = editions.edition_name(config.edition)
    site_dir = config.site_dir
    store = Cache(config.cache_dir or default_dir(site_dir))
    editor = load_editor_file(config.content_dir)  # a bad or oversized editor file stops the build before any work
    with site.site_lock(site_dir), store.locked():
        report("ingest", 0, 1)
        articles, skipped = ingest.ingest(config, store)
        reasons = "".join(f"\n  {s.path}: {s.reason}" for s in skipped[:MAX_LISTED])
        if len(skipped) > MAX_LISTED:
            reasons += f"\n  ... and {len(skipped) - MAX_LISTED:,} more"
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

        analyzed, failed = analyze_each(articles, config, store, step)
        if failed:
            dropped = {f.path for f in failed}
            articles = [a for a in articles if a.id not in dropped]
            skipped = sorted([*skipped, *failed], key=lambda s: s.path)
            if not articles:
                raise BuildError(f"{config.content_dir}: no article could be analysed; the site is unchanged")
        mark("analyze")
        prev = editions.previous_edition(site_dir, edition)
        prev_name, prev_data = prev if prev else (None, None)
        article_digest = {item.article.id: digest(repr(item.article)) for item in analyzed}
        settings = group.settings_for(config)
        counted = compute(store, "counts", count_keys(analyzed, article_digest, config, settings.lead),
                          lambda i: group.article_counts(analyzed[i], settings.lead), config.processes, expect=_is_counts)
        stories = group.group(analyzed, config, editions.previous_stories(prev_data), editor, settings, counted)
        mark("group")
        by_id = {item.article.id: item for item in analyzed}
        briefs = []
        boxes: dict[str, list[FactBox]] = {}  # every entity of each story, not only the boxes shown
        # Which articles are copies of one another, over the edition: a pair's verdict depends on the
        # two articles only, so each story's share of it is what the story alone would give.
        fixed = digest("minhash", _source_of(facts.sources))
        prints = compute(store, "minhash", [digest(fixed, article_digest[a.id]) for a in articles],
                         lambda i: facts.fingerprint(articles[i]), config.processes, expect=lambda v: isinstance(v, facts.Print))
        independence = facts.independence(articles, {a.id: p for a, p in zip(articles, prints, strict=True)})

        def work(k: int) -> tuple[list[FactBox], StoryBrief]:
            """One story's entities and brief: a function of its articles only, so it is cached per story.
            A part that fails costs that part of this story only (StoryBrief.problems says which)."""
            story = stories[k]
            items = [by_id[a] for a in story.articles]
            problems: list[str] = []
            story_boxes: list[FactBox] = _guarded(problems, "fact boxes", lambda: facts.story_entities(items, config, independence), [])
            return story_boxes, brief(story, items, config, story_boxes, problems)

        summarized = 0

        def summarized_one(n: int) -> None:
            nonlocal summarized
            summarized += n
            report("summarize", summarized, len(stories))

        made = compute(store, "stories", story_keys(stories, article_digest, config), work, config.processes, summarized_one,
                       sizes=[len(s.articles) for s in stories], expect=_is_story_entry, keep=lambda v: not v[1].problems)
        for story, (story_boxes, story_brief) in zip(stories, made, strict=True):
            boxes[story.id] = story_boxes
            briefs.append(story_brief)
            for problem in story_brief.problems:
                log.warning("story %s (%s): %s", story.id, folders.listing(list(story.articles)), problem)
        mark("stories")
        entities = facts.edition_entities(boxes, articles, independence)
        briefs = facts.link(briefs, entities)
        mark("entities")
        changes = editions.compute_changes(
            prev_name, prev_data, [a.id for a in articles], briefs,
            lambda sb, old, new: questions.resolved_questions(old, [by_id[x] for x in sb.story.articles], new))
        briefing = Briefing(edition, tuple(sorted(articles, key=lambda a: a.id)), tuple(briefs), tuple(skipped), changes,
                            entities=tuple(entities.entities), warnings=tuple(warned.messages))
        mark("changes")
        if config.strict and warned.messages:
            listed = "".join(f"\n  {w}" for w in warned.messages[:MAX_LISTED])
            more = f"\n  ... and {len(warned.messages) - MAX_LISTED:,} more" if len(warned.messages) > MAX_LISTED else ""
            raise BuildError(f"{len(warned.messages)} warning(s) (strict mode); the site is unchanged:{listed}{more}")
        publish(briefing, analyzed, config, report, mark)
        store.prune()
        log.info("cache %s: %s", store.root, store.summary())
        mark("cache")
    return dataclasses.replace(briefing, warnings=tuple(warned.messages))  # with any the publish itself gave


#: Lines of skipped files or warnings listed in one error message; the rest are counted.
MAX_LISTED = 20


def _is_counts(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict) and (value[1] is None or isinstance(value[1], str))


def _is_story_entry(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list) and isinstance(value[1], StoryBrief)


def analyze_each(articles: list[Article], config: BuildConfig, store: Cache | None,
                 step: Callable[[int], None]) -> tuple[list[AnalyzedArticle], list[Skipped]]:
    """Each article analysed with its language's model (``models``; English otherwise), in input order.

    An error while analysing costs only the article that raised it: the batch is analysed again one
    article at a time, and the one that fails is skipped with the error named.
    """
    by_model: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        model = config.models.get(a.language, config.model) if a.language != "en" else config.model
        by_model.setdefault(model, []).append(i)
    out: list[AnalyzedArticle | None] = [None] * len(articles)
    failed: list[Skipped] = []
    for model, indices in by_model.items():
        cfg = config if model == config.model else dataclasses.replace(config, model=model)
        batch = [articles[i] for i in indices]
        try:
            results: list[AnalyzedArticle | None] = list(analyze.analyze(batch, cfg, progress=step, cache=store))
        except BriefgenError:
            raise
        except Exception:
            log.debug("analysis failed; analysing one article at a time", exc_info=True)
            results = []
            for article in batch:
                try:
                    results.append(analyze.analyze([article], dataclasses.replace(cfg, n_process=1), cache=store)[0])
                except BriefgenError:
                    raise
                except Exception as exc:
                    reason = (f"analysis failed: {type(exc).__name__}: {_clip(str(exc))} (please report this); "
                              "the rest of the edition is built")
                    log.warning("%s: %s", article.id, reason)
                    failed.append(Skipped(article.id, reason))
                    results.append(None)
        for i, item in zip(indices, results, strict=True):
            out[i] = item
    return [x for x in out if x is not None], failed


#: What a reader is told when a part of a story could not be made.
_PART_NOTE = "The {part} of this story could not be made because of an error in briefgen ({error}); the rest of this page is complete."


def _guarded(problems: list[str], part: str, make: Callable[[], T], fallback: T) -> T:
    """``make()``, or ``fallback`` with a note in ``problems`` when it raises (a bug must cost one part of one story)."""
    try:
        return make()
    except BriefgenError:
        raise
    except Exception as exc:
        log.debug("%s failed", part, exc_info=True)
        problems.append(_PART_NOTE.format(part=part, error=f"{type(exc).__name__}: {_clip(str(exc), 120)}"))
        return fallback


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def brief(story: Any, items: list[AnalyzedArticle], config: BuildConfig, boxes: list[FactBox],
          problems: list[str] | None = None) -> StoryBrief:
    """One story's page content; ``boxes`` are all its entities, most important first. A part that
    raises is left out and said in ``problems`` (the summary, the questions, the confidence labels)."""
    problems = [] if problems is None else problems
    dates = sorted(i.article.date for i in items if i.article.date)
    summary: list[SummarySentence] = _guarded(problems, "summary", lambda: list(summarize.summarize(items, config)), [])
    open_questions: tuple[Question, ...] = _guarded(problems, "open questions",  # none the summary answers
                              lambda: tuple(questions.open_questions(items, config, summary=summary)), ())
    rated = _guarded(problems, "confidence labels", lambda: tuple(confidence.annotate(summary, open_questions, items)), tuple(summary))
    return StoryBrief(
        story=story,
        summary=rated,
        facts=tuple(boxes[: config.max_fact_boxes]),
        questions=open_questions,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        problems=tuple(problems),
    )


def publish(
    briefing: Briefing,
    analyzed: list[AnalyzedArticle],
    config: BuildConfig,
    report: Progress,
    mark: Callable[[str], None] = lambda stage: None,
) -> None:
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
            mark("pdf")
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
        mark("render")
        report("mkdocs", 0, 1)
        epoch = editions.reproducible_epoch(briefing.edition, [a.date for a in briefing.articles])
        site.build_mkdocs(settings, work, epoch)
        mark("mkdocs")
        report("articles", 0, 1)
        pages.write_outside_pages(out, outside, settings, functools.partial(render.page_body, templates_dir=tdir))
        mark("articles")
        site.publish(site_dir, briefing.edition, out, versions)
        mark("publish")
    finally:
        shutil.rmtree(work, ignore_errors=True)
