"""PDF briefs: one per story and one for the whole edition, via WeasyPrint.

Article text is untrusted, so the print templates autoescape everything and
nothing is fetched while rendering (no network, no local files): a ``<script>``
or ``javascript:`` link in an article prints as the text it is. Source URLs
only become PDF links when they are http(s).

The same input gives byte-identical PDFs: WeasyPrint writes no dates unless the
HTML asks for them, and the file identifier is a hash of the content.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from briefgen.config import BuildConfig
from briefgen.errors import BuildError
from briefgen.models import Article, Briefing, Citation, FactBox, Question, StoryBrief

log = logging.getLogger(__name__)

PRINT_DIR = "print"
EDITION = "edition"  # key and file stem of the whole-edition PDF
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_TYPES = {"PERSON": "Person", "ORG": "Organisation", "PLACE": "Place", "GPE": "Place", "LOC": "Place", "PRODUCT": "Product or work"}


# -- what the templates see: plain, already numbered records -----------------


@dataclass(frozen=True)
class SourceView:
    number: int
    anchor: str
    article: str  # article id
    title: str
    source: str | None
    date: str | None
    url: str | None
    link: bool  # the url is http(s) and may become a live PDF link
    note: str | None


@dataclass(frozen=True)
class CitedView:
    text: str
    number: int
    date: str | None = None
    extra: str = ""  # e.g. a quote's speaker, or "3 sources"


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
    anchor: str  # prefix of every id inside the story, unique within an edition
    title: str
    dates: str
    articles: int
    sources: int
    why: tuple[str, ...]
    summary: tuple[CitedView, ...]
    facts: tuple[FactView, ...]
    questions: tuple[QuestionView, ...]
    source_list: tuple[SourceView, ...]


class _Sources:
    """Numbers the story's articles in story order, then any other cited article."""

    def __init__(self, anchor: str, story_articles: Sequence[str], articles: Mapping[str, Article]) -> None:
        self.anchor = anchor
        self.articles = articles
        self.numbers: dict[str, int] = {}
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
                    source=article.source if article else None,
                    date=format_date(article.date) if article and article.date else None,
                    url=url,
                    link=url is not None and url.lower().startswith(("http://", "https://")),
                    note=article.note if article else None,
                )
            )
        return tuple(out)


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
        type=_TYPES.get(box.type, box.type.title()),
        aliases=tuple(a for a in box.aliases if a != box.name),
        roles=tuple(sources.cite(r.citation, text=r.text) for r in box.roles),
        quotes=tuple(sources.cite(q.citation, extra=q.speaker, text=q.text) for q in box.quotes),
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


def story_view(brief: StoryBrief, articles: Mapping[str, Article], anchor: str = "s") -> StoryView:
    story = brief.story
    sources = _Sources(anchor, story.articles, articles)
    names = {box.id: box.name for box in brief.facts}
    summary = tuple(
        # the confidence label's reason (it names the sources), else the count of sources
        sources.cite(s.citation, extra=s.confidence_reason.rstrip(".") or (f"{s.sources} sources" if s.sources > 1 else ""))
        for s in brief.summary
    )
    facts = tuple(_fact_view(box, names, sources) for box in brief.facts)
    questions = tuple(_question_view(q, sources) for q in brief.questions)
    outlets = {(articles[a].source or a) if a in articles else a for a in story.articles}
    return StoryView(
        id=story.id,
        anchor=anchor,
        title=story.title,
        dates=date_range(brief.first_date, brief.last_date),
        articles=len(story.articles),
        sources=len(outlets),
        why=story.why,
        summary=summary,
        facts=facts,
        questions=questions,
        source_list=sources.views(),
    )


# -- rendering ---------------------------------------------------------------


class _Printer:
    """One Jinja environment, stylesheet and font configuration for many documents."""

    def __init__(self, print_dir: Path) -> None:
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
        # Refuse every URL: the templates need none, and article text must not reach out.
        self.fetcher = URLFetcher(allowed_protocols=frozenset(), fail_on_errors=False)
        self.fonts = FontConfiguration()
        self.css = CSS(string=css_path.read_text(encoding="utf-8"), font_config=self.fonts, url_fetcher=self.fetcher)

    def html(self, template: str, **context: object) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateError as exc:
            where = getattr(exc, "filename", None) or template
            line = getattr(exc, "lineno", None)
            raise BuildError(f"{where}{f':{line}' if line else ''}: {exc}") from None

    def pdf(self, html: str) -> tuple[bytes, int]:
        document = HTML(string=html, url_fetcher=self.fetcher).render(
            stylesheets=[self.css], font_config=self.fonts
        )
        # pdf_identifier=True: /ID is the md5 of the content, so it is stable too.
        return document.write_pdf(pdf_identifier=True), len(document.pages)


@functools.lru_cache(maxsize=4)
def _cached_printer(print_dir: Path, css_mtime: int) -> _Printer:
    return _Printer(print_dir)


def _printer(templates_dir: Path) -> _Printer:
    print_dir = (Path(templates_dir) / PRINT_DIR).resolve()
    try:
        mtime = (print_dir / "print.css").stat().st_mtime_ns
    except OSError:
        mtime = -1
    return _cached_printer(print_dir, mtime)


def _story_context(view: StoryView, edition: str, config: BuildConfig) -> dict[str, object]:
    return {"story": view, "edition": edition, "site_name": config.site_name}


def render_story_html(
    brief: StoryBrief,
    edition: str,
    articles: Mapping[str, Article],
    config: BuildConfig,
    templates_dir: Path,
) -> str:
    """The HTML a story's PDF is made from."""
    view = story_view(brief, articles)
    return _printer(templates_dir).html("story.html", **_story_context(view, edition, config))


def render_edition_html(
    briefing: Briefing, articles: Mapping[str, Article], config: BuildConfig, templates_dir: Path
) -> str:
    views = [story_view(b, articles, anchor=f"s{i}") for i, b in enumerate(briefing.stories, start=1)]
    first = min((b.first_date for b in briefing.stories if b.first_date), default=None)
    last = max((b.last_date for b in briefing.stories if b.last_date), default=None)
    return _printer(templates_dir).html(
        "edition.html",
        stories=views,
        edition=briefing.edition,
        site_name=config.site_name,
        articles=len(briefing.articles),
        dates=date_range(first, last),
    )


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
        path.write_bytes(data)
    except OSError as exc:
        raise BuildError(f"{path}: cannot write PDF: {exc.strerror or exc}") from None


def write_pdfs(
    briefing: Briefing,
    articles: Mapping[str, Article],
    out_dir: Path,
    config: BuildConfig,
    templates_dir: Path,
) -> dict[str, str]:
    """Write ``<story id>.pdf`` per story and ``edition.pdf``; return {story id or "edition": file name}."""
    _check_ids(briefing)
    printer = _printer(templates_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"{out_dir}: cannot create PDF folder: {exc.strerror or exc}") from None
    written: dict[str, str] = {}
    for brief in briefing.stories:
        started = time.perf_counter()
        data, pages = printer.pdf(render_story_html(brief, briefing.edition, articles, config, templates_dir))
        name = f"{brief.story.id}.pdf"
        _write(out_dir / name, data)
        written[brief.story.id] = name
        log.debug("%s: %d pages in %.2fs", name, pages, time.perf_counter() - started)
    started = time.perf_counter()
    data, pages = printer.pdf(render_edition_html(briefing, articles, config, templates_dir))
    name = f"{EDITION}.pdf"
    _write(out_dir / name, data)
    written[EDITION] = name
    log.debug("%s: %d pages in %.2fs", name, pages, time.perf_counter() - started)
    return written
