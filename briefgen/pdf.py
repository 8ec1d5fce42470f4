"""PDF briefs: one per story, and the edition's brief, via WeasyPrint.

A story's PDF is the whole story: key points, timeline, the rest of the summary with
confidence labels and their reasons, fact boxes, open questions, numbered sources. The
edition's brief is what a reader takes in first: a cover with the top stories, then a
page per topic with each story's key points and open questions, each story linked to its
own PDF (``<id>.pdf`` beside it), not copied in.

**Cached by content.** Each PDF is a function of what it prints (the story's view, built
from its brief record and its articles' titles, outlets and dates), the print templates,
this module's code and WeasyPrint's version; its bytes are kept in the build cache under
the digest of those. A story PDF does not print the edition's name, so an unchanged story
keeps the same PDF, and the same cache entry, from edition to edition: a rebuild renders
only the PDFs of stories that changed, and the edition's brief.

**Beside the site build.** What must be rendered is rendered in a forked worker process
(``start`` ... ``PdfJob.finish``) while the build writes and builds the pages, so the
WeasyPrint import (about 2 s) and the rendering overlap the rest of publishing.

Article text is untrusted, so the print templates autoescape everything and nothing is
fetched while rendering (no network, no local files): a ``<script>`` or ``javascript:``
link in an article prints as the text it is. Source URLs only become PDF links when they
are http(s).

The same input gives byte-identical PDFs: WeasyPrint writes no dates unless the HTML asks
for them, and the file identifier is a hash of the content.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import functools
import gc
import logging
import multiprocessing
import os
import re
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path

import jinja2

from briefgen import front
from briefgen.cache import Cache, code_fingerprint, compute, digest, header_size, package_version
from briefgen.config import BuildConfig
from briefgen.errors import BuildError
from briefgen.models import TYPE_LABELS, Article, Briefing, Citation, FactBox, Question, StoryBrief
from briefgen.processes import can_fork
from briefgen.text.outlets import outlet_name

log = logging.getLogger(__name__)

PRINT_DIR = "print"
EDITION = "edition"  # key and file stem of the edition's brief
CACHE_KIND = "pdf"
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_DOUBLE = '"“”„«»'  # double quotation marks a quote's text may still carry at either end
#: Key points a story shows when its brief has none marked (``StoryBrief.key_point_count`` 0):
#: its first summary sentences. Three is the low end of the 3-5 key points news readers lead with.
FALLBACK_POINTS = 3
#: Open questions per story in the edition's brief (its most important first); the story's own
#: PDF has them all. Two keeps a topic of two or three stories to about one page.
BRIEF_QUESTIONS = 2
TOP_STORIES = front.TOP_STORIES  # stories on the cover's "Top stories" list, as on the home page
ProgressFn = Callable[[str, int, int], None]
_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h): a signal for this process when its parent dies


# -- what the templates see: plain, already numbered records -----------------


@dataclass(frozen=True)
class SourceView:
    number: int
    anchor: str
    article: str  # article id
    title: str
    outlet: str | None  # who published it, as the story page names it; None when not known
    date: str | None
    url: str | None  # http(s) only: the title links there
    note: str | None
    copy_of: tuple[int, ...] = ()  # numbers of the other sources carrying the same text (one wire)


@dataclass(frozen=True)
class CitedView:
    text: str
    number: int
    date: str | None = None
    extra: str = ""  # e.g. a quote's speaker, or "3 sources"
    confidence: str = ""  # high, moderate or low; "" when not rated
    reason: str = ""  # why, in words a reader can check


@dataclass(frozen=True)
class FactView:
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[CitedView, ...]
    quotes: tuple[CitedView, ...]
    evidence: tuple[CitedView, ...]
    mentions: int
    articles: int
    sources: int
    related: tuple[str, ...]
    long: bool = False  # too tall to keep on one page: let it break


@dataclass(frozen=True)
class QuestionView:
    question: str
    kind: str
    evidence: tuple[CitedView, ...]
    silent: tuple[int, ...]  # source numbers of articles that do not address it


@dataclass(frozen=True)
class StoryView:
    id: str
    anchor: str  # prefix of every id inside the story
    title: str
    dates: str
    articles: int
    sources: int  # independent sources, as the story page counts them (front.source_count)
    why: tuple[str, ...]
    key_points: tuple[CitedView, ...]
    timeline: tuple[CitedView, ...]  # date in ``date``; ``extra`` says "about" when approximate
    summary: tuple[CitedView, ...]  # the rest of the summary, after the key points
    facts: tuple[FactView, ...]
    questions: tuple[QuestionView, ...]
    source_list: tuple[SourceView, ...]
    problems: tuple[str, ...] = ()  # parts of the story that could not be built, said to the reader
    opinion_only: bool = False  # StoryBrief.opinion_only: no news report, so no key points
    undated_note: str = ""  # StoryBrief.undated_note: none of its articles is dated, as its page says


class _Sources:
    """Numbers the story's articles as the story page does (by outlet: front.sources_by_outlet), then any
    other cited article."""

    def __init__(
        self,
        anchor: str,
        story_articles: Sequence[str],
        articles: Mapping[str, Article],
        copied: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.anchor = anchor
        self.articles = articles
        self.numbers: dict[str, int] = {}
        self.copies: dict[str, tuple[int, ...]] = {}
        for group in front.sources_by_outlet([a for a in story_articles if a in articles], articles, copied or {}):
            for item in group.items:
                self.numbers[item.article.id] = item.number
                self.copies[item.article.id] = item.copy_of
        for article_id in story_articles:
            self.number(article_id)

    def number(self, article_id: str) -> int:
        return self.numbers.setdefault(article_id, len(self.numbers) + 1)

    def cite(self, citation: Citation, extra: str = "", text: str | None = None) -> CitedView:
        article = self.articles.get(citation.article)
        date = citation.date or (article.date if article else None)
        shown = format_date(date) if date else None
        return CitedView(citation.text if text is None else text, self.number(citation.article), shown, extra)

    def views(self) -> tuple[SourceView, ...]:
        out = []
        for article_id, number in self.numbers.items():
            article = self.articles.get(article_id)
            url = article.url if article else None
            out.append(
                SourceView(
                    number=number,
                    anchor=f"{self.anchor}-src-{number}",
                    article=article_id,
                    title=article.title if article else article_id,
                    outlet=outlet(article) if article else None,
                    date=format_date(article.date) if article and article.date else None,
                    url=url if url and url.lower().startswith(("http://", "https://")) else None,
                    note=article.note if article else None,
                    copy_of=self.copies.get(article_id, ()),
                )
            )
        return tuple(sorted(out, key=lambda v: v.number))


def outlet(article: Article) -> str | None:
    """Who published the article, as the story page shows it; None when not known."""
    return outlet_name(article)


def quoted(text: str) -> str:
    """``text`` in quotation marks, unless it already opens and closes with them (no doubled marks)."""
    text = text.strip()
    if len(text) > 1 and ((text[0] in _DOUBLE and text[-1] in _DOUBLE) or (text[0] == "‘" and text[-1] == "’")):
        return text
    return f"“{text.strip(_DOUBLE)}”"


def format_date(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


def date_range(first: str | None, last: str | None) -> str:
    """``3–5 July 2023``, ``28 June – 2 July 2023``; ISO text kept if not a date."""
    if not first or not last:
        only = first or last
        return format_date(only) if only else ""
    try:
        a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        return first if first == last else f"{first} – {last}"
    if a == b:
        return format_date(first)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%B %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%B} – {b.day} {b:%B %Y}"
    return f"{format_date(first)} – {format_date(last)}"


#: Estimated lines above which a fact box may break across pages; a box kept
#: whole that cannot fit leaves a blank page before it.
LONG_BOX_LINES = 30


def _lines(texts: Sequence[str], per_line: int = 95) -> int:
    return sum(1 + len(t) // per_line for t in texts)


def _fact_view(box: FactBox, names: Mapping[str, str], sources: _Sources) -> FactView:
    estimate = (
        4
        + _lines([box.name, ", ".join(box.aliases), ", ".join(box.related)])
        + _lines([r.text for r in box.roles])
        + _lines([q.text for q in box.quotes]) * 2
        + _lines([c.text for c in box.evidence])
    )
    return FactView(
        name=box.name,
        type=TYPE_LABELS.get(box.type, box.type.title()),
        aliases=tuple(a for a in box.aliases if a != box.name),
        roles=tuple(sources.cite(r.citation, text=r.text) for r in box.roles),
        quotes=tuple(sources.cite(q.citation, extra=q.speaker, text=quoted(q.text)) for q in box.quotes),
        evidence=tuple(sources.cite(c) for c in box.evidence),
        mentions=box.mentions,
        articles=len(box.articles),
        sources=box.sources,
        related=tuple(names.get(r, r) for r in box.related),
        long=estimate > LONG_BOX_LINES,
    )


def _question_view(question: Question, sources: _Sources) -> QuestionView:
    return QuestionView(
        question=question.question,
        kind=question.kind.capitalize(),
        evidence=tuple(sources.cite(c) for c in question.evidence),
        silent=tuple(sources.number(a) for a in question.silent),
    )


def _reason(label: str, reason: str) -> str:
    """The reason without the label it starts with ("High: ..."), which the PDF prints beside it."""
    return reason.removeprefix(f"{label.capitalize()}: ") if label else reason


def key_point_count(brief: StoryBrief) -> int:
    """How many of the summary's sentences lead as key points: those the brief marks, else the first few."""
    return brief.key_point_count or min(FALLBACK_POINTS, len(brief.summary))


def story_view(
    brief: StoryBrief, articles: Mapping[str, Article], anchor: str = "s", copied: Mapping[str, frozenset[str]] | None = None
) -> StoryView:
    """What a story's PDF prints: a function of the story and its articles only, so that another story's
    change never renders it again (related stories, which change with their neighbours, are on the web
    page, not here). ``copied`` (article id -> the articles carrying the same text) counts its
    independent sources as the web does."""
    story = brief.story
    sources = _Sources(anchor, story.articles, articles, copied)
    names = {box.id: box.name for box in brief.facts}
    summary = tuple(  # the count of sources once: in the confidence reason when there is one
        replace(
            sources.cite(s.citation, extra=f"{s.sources} sources" if s.sources > 1 and not s.confidence_reason else ""),
            confidence=s.confidence,
            reason=_reason(s.confidence, s.confidence_reason),
        )
        for s in brief.summary
    )
    points = key_point_count(brief)
    timeline = tuple(
        replace(sources.cite(e.citation), date=format_date(e.date), extra="about" if e.approximate else "") for e in brief.timeline
    )
    facts = tuple(_fact_view(box, names, sources) for box in brief.facts)
    questions = tuple(_question_view(q, sources) for q in brief.questions)
    return StoryView(
        id=story.id,
        anchor=anchor,
        title=story.title,
        dates=date_range(brief.first_date, brief.last_date),
        articles=len(story.articles),
        sources=front.source_count(story.articles, articles, copied or {}),
        why=story.why,
        key_points=summary[:points],
        timeline=timeline,
        summary=summary[points:],
        facts=facts,
        questions=questions,
        source_list=sources.views(),
        problems=brief.problems,
        opinion_only=brief.opinion_only,
        undated_note=brief.undated_note,
    )


# -- the edition's brief -------------------------------------------------------


@dataclass(frozen=True)
class PointView:
    text: str
    confidence: str = ""
    sources: int = 1


@dataclass(frozen=True)
class BriefStoryView:
    id: str
    anchor: str
    title: str
    pdf: str  # file name of the story's own PDF, beside the edition's
    dates: str
    articles: int
    status: str  # "new", "updated" or ""
    points: tuple[PointView, ...]
    questions: tuple[tuple[str, str], ...]  # (question, kind)
    more_questions: int  # open questions not shown here
    problems: tuple[str, ...] = ()  # parts of the story that could not be built, as its own PDF and page say
    opinion_only: bool = False  # StoryBrief.opinion_only: no news report, so no key points


@dataclass(frozen=True)
class TopicView:
    anchor: str
    title: str
    articles: int
    stories: tuple[BriefStoryView, ...]


@dataclass(frozen=True)
class EditionView:
    site_name: str
    edition: str
    stories: int
    articles: int
    dates: str
    top: tuple[BriefStoryView, ...]
    topics: tuple[TopicView, ...]


def _status(brief: StoryBrief, briefing: Briefing) -> str:
    return front.status(brief.story.id, briefing.changes)


def _brief_story(brief: StoryBrief, briefing: Briefing, anchor: str) -> BriefStoryView:
    points = brief.summary[: key_point_count(brief)]
    return BriefStoryView(
        id=brief.story.id,
        anchor=anchor,
        title=brief.story.title,
        pdf=f"{brief.story.id}.pdf",
        dates=date_range(brief.first_date, brief.last_date),
        articles=len(brief.story.articles),
        status=_status(brief, briefing),
        points=tuple(PointView(s.citation.text, s.confidence, s.sources) for s in points),
        questions=tuple((q.question, q.kind.capitalize()) for q in brief.questions[:BRIEF_QUESTIONS]),
        more_questions=max(0, len(brief.questions) - BRIEF_QUESTIONS),
        problems=brief.problems,
        opinion_only=brief.opinion_only,
    )


def edition_view(briefing: Briefing, config: BuildConfig) -> EditionView:
    """Cover and topic pages: the home page's top stories and sections (front.rank, front.sections),
    a topic page per section."""
    ranked = front.rank(briefing)
    anchors = {b.story.id: f"b{i}" for i, b in enumerate(briefing.stories, start=1)}
    topics = tuple(
        TopicView(
            f"t{i}",
            section.title,
            sum(len(b.story.articles) for b in section.stories),
            tuple(_brief_story(b, briefing, anchors[b.story.id]) for b in section.stories),
        )
        for i, section in enumerate(front.sections(briefing, ranked), start=1)
    )
    first = min((b.first_date for b in briefing.stories if b.first_date), default=None)
    last = max((b.last_date for b in briefing.stories if b.last_date), default=None)
    return EditionView(
        site_name=config.site_name,
        edition=briefing.edition,
        stories=len(briefing.stories),
        articles=len(briefing.articles),
        dates=date_range(first, last),
        top=tuple(_brief_story(b, briefing, anchors[b.story.id]) for b in ranked[:TOP_STORIES]),
        topics=topics,
    )


# -- rendering ---------------------------------------------------------------


class _Templates:
    """The print templates: one Jinja environment, the stylesheet's text, and the digest of every
    file of the folder (part of every PDF's cache key)."""

    def __init__(self, print_dir: Path) -> None:
        self.dir = print_dir
        css_path = print_dir / "print.css"
        if not (print_dir / "story.html").is_file() or not css_path.is_file():
            raise BuildError(f"{print_dir}: print templates missing (need story.html, edition.html, print.css)")
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(print_dir)),
            autoescape=True,  # every template, whatever its suffix: all text is untrusted
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.css = css_path.read_text(encoding="utf-8")
        parts: list[str | bytes] = []
        for path in sorted(p for p in print_dir.rglob("*") if p.is_file()):
            parts += [path.relative_to(print_dir).as_posix(), path.read_bytes()]
        self.fingerprint = digest(*parts)

    def html(self, template: str, **context: object) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateError as exc:
            where = getattr(exc, "filename", None) or template
            line = getattr(exc, "lineno", None)
            raise BuildError(f"{where}{f':{line}' if line else ''}: {exc}") from None


class _Printer:
    """WeasyPrint with one stylesheet and font configuration for many documents (imported only
    when something must be rendered: the import alone takes about 2 s)."""

    def __init__(self, css: str) -> None:
        from weasyprint import CSS  # type: ignore[import-untyped]
        from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
        from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

        # Refuse every URL: the templates need none, and article text must not reach out.
        self.fetcher = URLFetcher(allowed_protocols=frozenset(), fail_on_errors=False)
        self.fonts = FontConfiguration()
        self.css = CSS(string=css, font_config=self.fonts, url_fetcher=self.fetcher)

    def pdf(self, html: str) -> tuple[bytes, int]:
        from weasyprint import HTML

        document = HTML(string=html, url_fetcher=self.fetcher).render(stylesheets=[self.css], font_config=self.fonts)
        # pdf_identifier=True: /ID is the md5 of the content, so it is stable too.
        return document.write_pdf(pdf_identifier=True), len(document.pages)


@functools.lru_cache(maxsize=4)
def _cached_templates(print_dir: Path, stamp: tuple[tuple[str, int, int], ...]) -> _Templates:
    return _Templates(print_dir)


def _templates(templates_dir: Path) -> _Templates:
    """The print templates, read again when any of their files changes."""
    print_dir = (Path(templates_dir) / PRINT_DIR).resolve()
    stamp: tuple[tuple[str, int, int], ...] = ()
    if print_dir.is_dir():
        stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(print_dir.iterdir()) if p.is_file())
    return _cached_templates(print_dir, stamp)


@functools.lru_cache(maxsize=4)
def _printer(css: str) -> _Printer:
    return _Printer(css)


def render_story_html(
    brief: StoryBrief,
    articles: Mapping[str, Article],
    config: BuildConfig,
    templates_dir: Path,
) -> str:
    """The HTML a story PDF is made from; tests inspect it for escaping."""
    return _story_html(_templates(templates_dir), story_view(brief, articles), config)


def _story_html(templates: _Templates, view: StoryView, config: BuildConfig) -> str:
    return templates.html("story.html", story=view, site_name=config.site_name)


def render_edition_html(briefing: Briefing, config: BuildConfig, templates_dir: Path) -> str:
    return _templates(templates_dir).html("edition.html", brief=edition_view(briefing, config))


def _check_ids(briefing: Briefing) -> None:
    seen: set[str] = set()
    for brief in briefing.stories:
        story_id = brief.story.id
        if not _SAFE_ID.fullmatch(story_id):
            raise BuildError(f"story '{story_id}': id is not a safe file name for its PDF")
        if story_id == EDITION or story_id in seen:
            raise BuildError(f"story '{story_id}': PDF name '{story_id}.pdf' is taken twice")
        seen.add(story_id)


def _write(path: Path, data: bytes) -> None:
    try:
        path.unlink(missing_ok=True)  # a copy of a placeholder (PdfJob.reserve) may share its file
        path.write_bytes(data)
    except OSError as exc:
        raise BuildError(f"{path}: cannot write PDF: {exc.strerror or exc}") from None


# -- the job: cached PDFs at once, the rest rendered beside the build ----------


def _render_all(css: str, htmls: list[str], processes: int, tick: Callable[[int], None]) -> list[bytes]:
    """Every document rendered, the largest first, in ``processes`` workers when there are many."""
    printer = _printer(css)  # before compute forks: its workers inherit WeasyPrint, imported once

    def make(i: int) -> bytes:
        started = time.perf_counter()
        data, pages = printer.pdf(htmls[i])
        log.debug("PDF %d: %d pages in %.2fs", i, pages, time.perf_counter() - started)
        return data

    return compute(None, CACHE_KIND, [str(i) for i in range(len(htmls))], make, processes, tick, sizes=[len(h) for h in htmls])


class Worker:
    """A forked process that imports WeasyPrint as soon as it starts (about 2 s, while the build reads,
    analyses and groups), then renders the documents one job sends it, and ends.

    Start it with ``worker()``, which stops it whatever happens; a worker never sent a job ends when
    its connection closes."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        gc.freeze()  # the worker then leaves the build's objects (and their memory pages) untouched
        try:
            self.process = ctx.Process(target=_serve, args=(child, self.conn, os.getpid()), name="briefgen-pdf")
            self.process.start()
        finally:
            gc.unfreeze()
        child.close()

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.join(timeout=0.5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _die_with(parent: int) -> None:
    """End this process when the build that forked it dies (Linux): it holds the build's locks too."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before that took effect
        os._exit(1)


def _serve(conn: Connection, parent_end: Connection, parent: int) -> None:
    """The worker: WeasyPrint imported first; then one ("render", css, htmls, processes) message is
    answered with ("tick", n) as documents finish, then ("done", pdfs) or ("error", text)."""
    _die_with(parent)
    parent_end.close()  # so that the parent's end closing ends this worker
    try:
        import weasyprint  # noqa: F401  # the slow part, done while the build runs
    except Exception:  # raised again, and reported, when rendering
        log.debug("cannot import WeasyPrint", exc_info=True)
    try:
        message = conn.recv()
    except (EOFError, OSError):
        return  # nothing to render
    try:
        _, css, htmls, processes = message
        conn.send(("done", _render_all(css, htmls, processes, lambda n: conn.send(("tick", n)))))
    except BaseException as exc:  # anything: the build says it, the worker must not print
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


@contextlib.contextmanager
def worker(enabled: bool = True) -> Iterator[Worker | None]:
    """A ``Worker`` for the build's PDFs (None when not ``enabled`` or processes cannot fork), stopped at the end."""
    if not enabled or not can_fork():
        yield None
        return
    started = Worker()
    try:
        yield started
    finally:
        started.stop()


class PdfJob:
    """PDFs of one edition: ``names`` at once (pages link them), the files from ``finish``."""

    def __init__(self, names: dict[str, str], store: Cache | None, report: ProgressFn, total: int) -> None:
        self.names = names
        self._store = store
        self._report = report
        self._total = total
        self._done = 0
        self._lock = threading.Lock()
        self._ready: dict[str, Path] = {}  # file name -> its cache entry, copied as it is
        self._misses: list[tuple[str, str]] = []  # (file name, cache key) to render
        self._rendered: list[bytes] | None = None
        self._error: str | None = None
        self._worker: Worker | None = None
        self._own_worker = False
        self._reader: threading.Thread | None = None
        self.started = time.perf_counter()

    def tick(self, n: int) -> None:
        with self._lock:
            self._done += n
            done = self._done
        self._report("pdf", done, self._total)

    def _render(self, css: str, htmls: list[str], processes: int, background: bool, given: Worker | None) -> None:
        if not htmls:
            return
        if not background or (given is None and not can_fork()):
            self._rendered = _render_all(css, htmls, processes, self.tick)
            return
        self._worker, self._own_worker = (given, False) if given is not None else (Worker(), True)
        self._worker.conn.send(("render", css, htmls, processes))
        self._reader = threading.Thread(target=self._read, args=(self._worker.conn,), name="briefgen-pdf-reader", daemon=True)
        self._reader.start()

    def _read(self, conn: Connection) -> None:
        try:
            while True:
                kind, value = conn.recv()
                if kind == "tick":
                    self.tick(value)
                else:
                    if kind == "done":
                        self._rendered = value
                    else:
                        self._error = value
                    return
        except (EOFError, OSError):
            pass

    def reserve(self, folder: Path) -> dict[str, str]:
        """Empty files under the PDFs' names in ``folder`` (the pages' source folder), so that a site
        builder checking links finds them; ``finish`` writes the real ones where the site is built."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name in self.names.values():
                (folder / name).touch()
        except OSError as exc:
            raise BuildError(f"{folder}: cannot create PDF folder: {exc.strerror or exc}") from None
        return dict(self.names)

    def finish(self, out_dir: Path) -> dict[str, str]:
        """Wait for the rendering, write every PDF into ``out_dir`` and the new ones into the cache."""
        if self._reader is not None and self._worker is not None:
            self._reader.join()
            if self._rendered is None:
                self._worker.process.join(timeout=1)
                why = self._error or f"it stopped with exit code {self._worker.process.exitcode}"
                raise BuildError(f"PDF briefs could not be made: {why}; build with --no-pdf to skip them")
        rendered = self._rendered or []
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BuildError(f"{out_dir}: cannot create PDF folder: {exc.strerror or exc}") from None
        for name, entry in self._ready.items():
            try:
                (out_dir / name).unlink(missing_ok=True)  # a copy of a placeholder (reserve) may share its file
                with open(entry, "rb") as src, open(out_dir / name, "wb") as dst:
                    src.seek(header_size())  # the entry's payload: the PDF as it was stored
                    shutil.copyfileobj(src, dst)
            except OSError as exc:
                raise BuildError(f"{out_dir / name}: cannot write PDF from the build cache: {exc.strerror or exc}") from None
        for (name, key), data in zip(self._misses, rendered, strict=True):
            _write(out_dir / name, data)
            if self._store is not None:
                self._store.put(CACHE_KIND, key, data)
        log.info(
            "PDF briefs: %d reused, %d rendered, %.2fs since the job started",
            len(self._ready),
            len(self._misses),
            time.perf_counter() - self.started,
        )
        self.close()
        return dict(self.names)

    def close(self) -> None:
        """Stop a worker this job started (a build's own worker is stopped by ``worker()``)."""
        if self._own_worker and self._worker is not None:
            self._worker.stop()


def start(
    briefing: Briefing,
    articles: Mapping[str, Article],
    config: BuildConfig,
    templates_dir: Path,
    store: Cache | None = None,
    report: ProgressFn | None = None,
    background: bool = True,
    given: Worker | None = None,
    fp: str = "",
) -> PdfJob:
    """Take the cached PDFs and start rendering the others: in ``given`` (a ``Worker`` started
    with the build), else in a worker started now when ``background``, else here and now.

    A PDF's cache key is what it prints (its view), the print templates, the site name and ``fp``,
    the stage's fingerprint (pipeline.fingerprint: this module's code and what it imports, WeasyPrint's
    version), with pydyf's, which writes the file. Template errors are raised here; ``finish`` writes the files."""
    _check_ids(briefing)
    templates = _templates(templates_dir)
    fixed = digest("pdf", fp or code_fingerprint(__name__), package_version("pydyf"), templates.fingerprint, config.site_name)
    docs: list[tuple[str, str, Callable[[], str]]] = []  # (file name, cache key, its HTML)
    copied = front.copies(briefing)
    for brief in briefing.stories:
        view = story_view(brief, articles, copied=copied)
        docs.append((f"{brief.story.id}.pdf", digest(fixed, "story", repr(view)), functools.partial(_story_html, templates, view, config)))
    cover = edition_view(briefing, config)
    docs.append((f"{EDITION}.pdf", digest(fixed, "edition", repr(cover)), functools.partial(templates.html, "edition.html", brief=cover)))
    names = {b.story.id: f"{b.story.id}.pdf" for b in briefing.stories} | {EDITION: f"{EDITION}.pdf"}
    job = PdfJob(names, store, report or (lambda stage, done, total: None), len(docs))
    job.tick(0)
    htmls = []
    for name, key, html in docs:
        entry = _cached(store, key) if store is not None else None
        if entry is not None:
            job._ready[name] = entry
            job.tick(1)
        else:
            job._misses.append((name, key))
            htmls.append(html())
    job._render(templates.css, htmls, config.processes, background, given)
    return job


def _cached(store: Cache, key: str) -> Path | None:
    """The cache entry of a whole PDF under ``key``, once its checksum holds and its payload starts and ends
    as a PDF does; the payload (after ``cache.header_size()`` bytes) is copied file to file when written."""
    data = store.read(CACHE_KIND, key)  # None, with a warning naming the file, when damaged
    if data is None or not data.startswith(b"%PDF-") or b"%%EOF" not in data[-32:]:
        store.misses[CACHE_KIND] += 1
        return None
    store.keep(CACHE_KIND, key)
    return store.path(CACHE_KIND, key)


def finish(job: PdfJob, out_dir: Path) -> dict[str, str]:
    """Wait for a job's rendering and write its PDFs into ``out_dir`` (PdfJob.finish)."""
    return job.finish(out_dir)


def write_pdfs(
    briefing: Briefing,
    articles: Mapping[str, Article],
    out_dir: Path,
    config: BuildConfig,
    templates_dir: Path,
    store: Cache | None = None,
) -> dict[str, str]:
    """Write ``<story id>.pdf`` per story and ``edition.pdf`` at once; return {story id or "edition": file name}."""
    return start(briefing, articles, config, templates_dir, store, background=False).finish(out_dir)
