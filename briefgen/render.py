"""Briefing -> pages (Jinja2 over templates/) and briefing.json.

Home and archive are Markdown from ``templates/*.md.j2``, built by mkdocs; every
other page (stories, articles, entities, the entity index, what changed) is HTML
from ``templates/pages/*.html.j2``, put into the theme by pages.py without a
Markdown pass (which cost 2 ms a page, 13 s at 2,000 articles).

Article text is untrusted. In Markdown templates every value printed is
HTML-escaped and Markdown-escaped by ``finalize`` unless the template marks it
safe; HTML templates autoescape. Either way ``<script>``, ``[x](javascript:...)``
or ``{{ ... }}`` in an article shows as text on the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from briefgen import front
from briefgen.cache import digest
from briefgen.confidence import LEGEND, UNRATED
from briefgen.config import BuildConfig
from briefgen.models import TYPE_LABELS, Article, Briefing, Citation, FactBox, Role, Story, StoryBrief
from briefgen.pages import EDITION_MARK, OutsidePage, PageStore, link_outside, page_title, placeholder, title_meta, write_outside_pages
from briefgen.text.outlets import outlet_name
from briefgen.text.plural import plural
from briefgen.text.slugs import story_slug
from briefgen.text.urls import web_address

if TYPE_CHECKING:
    from briefgen.cache import Cache

log = logging.getLogger(__name__)

#: Lines of each list on the build report page (files not built, duplicates, warnings); the rest are
#: counted there and all listed in briefing.json, so bad input cannot grow the page without bound.
MAX_REPORTED = 1000

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
KIND_LABELS = {
    "unknown": "Unknown",
    "disputed": "Disputed",
    "unverified": "Unverified",
    "conflicting": "Conflicting",
    "pending": "Pending",
}
#: Pages shown without the theme's sidebars (material's "hide"): the left one lists only the page itself
#: (the top pages are tabs); the home page's story grid and the search results use the whole width,
#: and the home page needs no "Next" link at its foot.
WIDE = {
    "index.md": ("navigation", "toc", "footer"),
    "search.md": ("navigation", "toc"),
    "entities.md": ("navigation",),
    "changes.md": ("navigation",),
    "report.md": ("navigation",),
    "confidence.md": ("navigation",),
}


def md_escape(value: Any) -> str:
    """Text -> Markdown that renders as exactly that text, with no live HTML or links."""
    text = " ".join(str(value).split())
    # '~' as an entity: Python-Markdown does not undo "\~", so it would show as written
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)).replace("~", "&#126;")


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (Markup, int, float)):
        return value
    return Markup(md_escape(value))


def _attr(value: Any) -> Markup:
    """For values inside HTML attributes, where Markdown escapes are not undone."""
    return Markup(html.escape(" ".join(str(value).split()), quote=True))


def _url(value: str | None) -> Markup:
    """An http(s) address as a Markdown link target; anything else becomes '#'."""
    if value is None or not web_address(value):
        return Markup("#")
    return Markup(html.escape(value.replace("(", "%28").replace(")", "%29"), quote=True))


def article_slug(article_id: str) -> str:
    """A unique, safe page name for an article id (a relative path, maybe with #n)."""
    import hashlib

    stem = re.sub(r"\.(txt|md|markdown|text|html?|xml|rss|atom|jsonl)(?=$|#)", "", article_id, flags=re.I)
    slug = story_slug(stem.replace("/", "-").replace("#", "-"))
    digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"


def with_title_meta(page: str) -> str:
    """A Markdown page with its '# ' heading as its title in front matter (pages.title_meta says why)."""
    if page.startswith("---"):
        return page
    heading = next((line[2:].strip() for line in page.split("\n", 30)[:30] if line.startswith("# ")), None)
    if not heading:
        return page
    return title_meta(html.unescape(re.sub(r"\\(.)", r"\1", heading))) + page


def make_html_env(templates_dir: Path) -> jinja2.Environment:
    """The environment of the HTML page templates: every value escaped for HTML unless marked safe."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        finalize=lambda value: "" if value is None else value,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["url"] = _url
    env.filters["kind"] = lambda k: KIND_LABELS.get(k, k)
    env.filters["type_label"] = lambda t: TYPE_LABELS.get(t, t)
    env.filters["plural"] = plural
    env.filters["day"] = day
    env.globals.update(cite=cite, cite_titled=cite_titled, carried=carried, conf=conf, span=span, outlet=outlet_label, top_role=top_role)
    return env


def top_role(roles: Sequence[Role]) -> Role:
    """The role stated by the most sources, the first of those: the entity index's line shows it. (Jinja's
    ``sort(attribute=..., reverse=true)|first`` gave the same role at about ten times the cost, in the one page
    rendered again on every build: 0.5 of its 0.8 s at 4,950 articles, profiled.)"""
    return max(roles, key=lambda r: r.sources)


def day(iso: str | None) -> str:
    """An ISO date as a reader writes it: "15 Dec 2008" (the text as it is when it is not a date)."""
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d:%b %Y}"


def span(first: str | None, last: str | None) -> str:
    """A story's dates, short: "15 Dec 2008", "12–15 Dec 2008", "30 Nov – 2 Dec 2008", "30 Dec 2008 – 2 Jan 2009"."""
    if not first:
        return ""
    if not last or last == first:
        return day(first)
    try:
        a, b = dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])
    except ValueError:
        return f"{first} – {last}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{day(last)}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {day(last)}"
    return f"{day(first)} – {day(last)}"


def outlet_label(article: Article) -> str:
    return outlet_name(article) or "Outlet not known"


def source_tip(article: Article) -> str:
    """What a citation's tooltip says of its article: outlet, date, headline (never the file name)."""
    return ", ".join(x for x in (outlet_label(article), day(article.date), article.title) if x)


def conf(label: str, reason: str) -> Markup:
    """A confidence label whose reason shows on hover, tap or keyboard focus, and in print (extra.css);
    search leaves the reason out of its snippets."""
    return Markup(
        '<span class="bg-conf bg-conf-{0}" tabindex="0" aria-label="{0} confidence: {1}">{0} confidence'
        '<span class="bg-conf-why" aria-hidden="true" data-pagefind-ignore>{1} <a href="../confidence.md" tabindex="-1">'
        "About the labels</a>"
        "</span></span>"
    ).format(label, reason)


# Citation links of the HTML pages, written in Python rather than as Jinja macros: thousands of
# entity pages call them, and a macro call costs several times a function call. Markup.format
# escapes every value. Links are docs paths, pointed at the built pages by pages.py.
def cite(c: Citation, numbers: Mapping[str, int], slugs: Mapping[str, str], tips: Mapping[str, str]) -> Markup:
    """'[n]' linking to the cited sentence; n is the article's number in the story's sources; its
    tooltip names the outlet, date and headline."""
    return Markup('<a href="../articles/{}.md#s{}" title="{}">[{}]</a>').format(
        slugs[c.article], c.sentence, tips.get(c.article, ""), numbers.get(c.article, "?")
    )


def cite_titled(c: Citation, articles: Mapping[str, Article], slugs: Mapping[str, str]) -> Markup:
    """The article's title linking to the cited sentence, then its date; the tooltip names the outlet."""
    link = Markup('<a href="../articles/{}.md#s{}" title="{}">{}</a>').format(
        slugs[c.article], c.sentence, outlet_label(articles[c.article]), articles[c.article].title
    )
    return link + Markup(", {}").format(c.date) if c.date else link


def carried(n: int) -> Markup:
    return Markup(' <span class="bg-meta">({} independent sources)</span>').format(n) if n > 1 else Markup("")


@functools.cache
def _html_env(templates_dir: Path) -> jinja2.Environment:
    return make_html_env(templates_dir)


def page_body(page: OutsidePage, templates_dir: Path) -> str:
    """An outside page's HTML body: its template rendered (once per process per templates folder)."""
    if page.html:
        return page.html
    context = page.context() if callable(page.context) else page.context
    return _html_env(templates_dir).get_template(page.template).render(**context)


def templates_digest(templates_dir: Path) -> str:
    """Every file of the templates folder, by its path: what a page's body depends on besides its context and
    the code (a template may include or import any other)."""
    root = Path(templates_dir)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return digest(*(part for p in files for part in (p.relative_to(root).as_posix(), p.read_bytes())))


def write_pages(
    out_dir: Path,
    outside: Sequence[OutsidePage],
    settings: Mapping[str, Any],
    templates_dir: Path,
    cache: Cache | None = None,
    fp: str = "",
    indexed: Callable[[str, str], str | None] | None = None,
) -> dict[str, str]:
    """The outside pages written into the built site (pages.write_outside_pages), the bodies of keyed pages
    (articles', entities') taken from ``cache`` when an earlier build filled them under the same key and
    with the same code (``fp``: the stage's fingerprint, this module's imports) and templates."""
    stores: list[PageStore] = []
    built = digest(fp, templates_digest(templates_dir)) if cache is not None and fp else ""

    def store(rest: str) -> PageStore:
        assert cache is not None
        stores.append(PageStore(cache, digest(built, rest)))
        return stores[-1]

    body = functools.partial(page_body, templates_dir=templates_dir)
    found = write_outside_pages(out_dir, outside, settings, body, store if built else None, indexed)
    for made in stores:
        log.info("pages: %d bodies from the cache, %d rendered", made.reused, made.made)
    return found


def make_env(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["attr"] = _attr
    env.filters["url"] = _url
    env.filters["kind"] = lambda k: KIND_LABELS.get(k, k)
    env.filters["type_label"] = lambda t: TYPE_LABELS.get(t, t)
    return env


def render_pages(
    briefing: Briefing,
    docs_dir: Path,
    config: BuildConfig,
    templates_dir: Path,
    editions: Sequence[Mapping[str, Any]],
    pdfs: Mapping[str, str],
    spans: Mapping[str, tuple[tuple[int, int, int], ...]],
    outside: list[OutsidePage],
    directory_urls: bool = True,
    article_keys: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write the Markdown pages of one edition into ``docs_dir``; returns the files written.

    Story, article and entity pages (the bulk of a large archive) are collected in ``outside``
    instead, as HTML, to be built without mkdocs (pages.write_outside_pages), and links to them
    are pointed at where they will be. With ``article_keys`` (each article's record digest) the
    article and entity pages carry the key of their inputs, so an unchanged one is not rendered again.
    """
    env = make_env(templates_dir)
    articles = {a.id: a for a in briefing.articles}
    slugs = {a.id: article_slug(a.id) for a in briefing.articles}
    story_of = {aid: sb.story for sb in briefing.stories for aid in sb.story.articles}
    common = {
        "edition": briefing.edition,
        "site_name": config.site_name,
        "articles": articles,
        "slugs": slugs,
        "pdfs": pdfs,
    }
    written: list[Path] = []
    outside_srcs = (
        {f"articles/{slug}.md" for slug in slugs.values()}
        | {f"entities/{e.page}.md" for e in briefing.entities if e.page}
        | {f"stories/{sb.story.id}.md" for sb in briefing.stories}
    )

    def write(rel: str, template: str, **context: Any) -> None:
        if template.endswith(".html.j2"):  # rendered when pages.write_outside_pages writes it
            page = OutsidePage(rel, template, {**common, **context}, in_nav=rel not in outside_srcs)
            if page.in_nav:  # mkdocs builds the page (nav, search) around a placeholder its body replaces
                page = dataclasses.replace(page, html=page_body(page, templates_dir))
                path = docs_dir / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(placeholder(page_title(page.html), WIDE.get(rel, ())), encoding="utf-8")
                written.append(path)
            outside.append(page)
            return
        path = docs_dir / rel
        text = env.get_template(template).render(**common, **context)
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel != "index.md":
            text = with_title_meta(text)
        path.write_text(link_outside(text, rel, outside_srcs, directory_urls), encoding="utf-8")
        written.append(path)

    ranked = front.rank(briefing)
    copied = front.copies(briefing)
    by_id = {sb.story.id: sb for sb in briefing.stories}
    status = {sb.story.id: front.status(sb.story.id, briefing.changes) for sb in briefing.stories}
    leads = {sb.story.id: front.lead(sb) for sb in briefing.stories}
    sources = {sb.story.id: front.source_count(sb.story.articles, articles, copied) for sb in briefing.stories}
    top = ranked[: front.TOP_STORIES] if len(ranked) > front.TOP_STORIES else []
    listing = {"status": status, "leads": leads, "sources": sources}
    write(
        "index.md",
        "pages/home.html.j2",
        briefing=briefing,
        changes=briefing.changes,
        top=top,
        top_ids={sb.story.id for sb in top},
        sections=front.sections(briefing, ranked),
        **listing,
    )
    write(
        "changes.md",
        "pages/changes.html.j2",
        briefing=briefing,
        changes=briefing.changes,
        new=[sb for sb in ranked if status[sb.story.id] == "new"],
        updates=updates(briefing, ranked, articles),
        unchanged=sum(1 for v in status.values() if not v),
        **listing,
    )
    write("archive.md", "archive.md.j2", editions=editions)
    duplicates = [s for s in briefing.skipped if s.reason.startswith("duplicate of")]
    failed = [s for s in briefing.skipped if not s.reason.startswith("duplicate of")]
    told = {s.path for s in briefing.skipped}
    warnings = [w for w in briefing.warnings if w.split(": ", 1)[0] not in told]
    write(
        "report.md",
        "pages/report.html.j2",
        briefing=briefing,
        duplicates=duplicates[:MAX_REPORTED],
        failed=failed[:MAX_REPORTED],
        warnings=warnings[:MAX_REPORTED],
        problems=[sb for sb in briefing.stories if sb.problems],
        more={"failed": len(failed) - MAX_REPORTED, "duplicates": len(duplicates) - MAX_REPORTED, "warnings": len(warnings) - MAX_REPORTED},
        counts={"failed": len(failed), "duplicates": len(duplicates)},
    )
    write("confidence.md", "pages/confidence.html.j2", legend=LEGEND, unrated=UNRATED)
    write("search.md", "pages/search.html.j2")
    tips = {a.id: source_tip(a) for a in briefing.articles}
    for sb in briefing.stories:
        groups = front.sources_by_outlet(sb.story.articles, articles, copied)
        numbers = {item.article.id: item.number for g in groups for item in g.items}
        related = [by_id[r] for r in sb.related if r in by_id]
        if article_keys is None:
            write(
                f"stories/{sb.story.id}.md",
                STORY_PAGE,
                sb=sb,
                numbers=numbers,
                facts=sb.facts[: config.max_fact_boxes],
                groups=groups,
                tips=tips,
                status=status[sb.story.id],
                sources=sources[sb.story.id],
                related=related,
            )
            continue
        # its context is what the key holds: the brief, its articles and those it cites (by record key), its
        # outlets' list, its status and counts, what it shows of related stories; the edition's name is put in
        # when the page is written (pages.EDITION_MARK), so an unchanged story's body is rendered once
        ids = sorted(set(sb.story.articles) | cited(sb))
        own = {a: articles[a] for a in ids}
        links = [_related_link(r) for r in related]
        listed = [(g.name, [(item.article.id, item.number, item.copy_of) for item in g.items]) for g in groups]
        pdf = {sb.story.id: pdfs[sb.story.id]} if sb.story.id in pdfs else {}
        shown = (status[sb.story.id], sources[sb.story.id], config.max_fact_boxes, config.site_name)
        key = digest(
            STORY_PAGE, repr(sb), repr(numbers), repr(listed), repr(links), repr(pdf), repr(shown), *(article_keys[a] for a in ids)
        )
        story_context: dict[str, Any] = {
            "edition": EDITION_MARK,
            "site_name": config.site_name,
            "articles": own,
            "slugs": {a: slugs[a] for a in ids},
            "pdfs": pdf,
            "sb": sb,
            "numbers": numbers,
            "facts": sb.facts[: config.max_fact_boxes],
            "groups": groups,
            "tips": {a: tips[a] for a in ids},
            "status": shown[0],
            "sources": shown[1],
            "related": links,
        }
        outside.append(OutsidePage(f"stories/{sb.story.id}.md", STORY_PAGE, story_context, key=key, edition=briefing.edition))
    for article in briefing.articles:  # its context is what the key holds: the article, its story's link, its sentences
        story = story_of.get(article.id)
        link, article_spans = _story_link(story) if story is not None else None, spans.get(article.id, ())
        key = digest(ARTICLE_PAGE, article_keys[article.id], repr(link), repr(article_spans)) if article_keys is not None else ""
        context = functools.partial(_article_context, article, link, article_spans)
        outside.append(OutsidePage(f"articles/{slugs[article.id]}.md", ARTICLE_PAGE, context, key=key))
    write_entity_pages(briefing, write, outside, article_keys, slugs)
    return written


#: The templates of the pages whose bodies are cached by key (``OutsidePage.key``): each gets a context holding
#: exactly what its key is made of, so a template reading anything else fails the build (StrictUndefined, a
#: missing dict entry) rather than leaving a page stale.
ARTICLE_PAGE = "pages/article.html.j2"
ENTITY_PAGE = "pages/entity.html.j2"
STORY_PAGE = "pages/story.html.j2"


def cited(sb: StoryBrief) -> set[str]:
    """The articles a brief cites (its summary, timeline, fact boxes and questions): its own, as briefs are made."""
    citations = [s.citation for s in sb.summary] + [e.citation for e in sb.timeline] + [c for q in sb.questions for c in q.evidence]
    for f in sb.facts:
        citations += [r.citation for r in f.roles] + [q.citation for q in f.quotes] + list(f.evidence)
    return {c.article for c in citations}


def _related_link(sb: StoryBrief) -> dict[str, Any]:
    """What a story page shows of a related story (``r.story.id``, ``r.story.title``, its article count, its dates)."""
    return {
        "story": {"id": sb.story.id, "title": sb.story.title, "articles": sb.story.articles},
        "first_date": sb.first_date,
        "last_date": sb.last_date,
    }


def _story_link(story: Story) -> dict[str, str]:
    """What a keyed page shows of a story: a link to it, its title (``story.id``, ``story.title`` in a template)."""
    return {"id": story.id, "title": story.title}


def _article_context(article: Article, story: dict[str, str] | None, spans: tuple[tuple[int, int, int], ...]) -> dict[str, Any]:
    return {"article": article, "story": story, "sentences": sentence_map(article, spans)}


def updates(briefing: Briefing, ranked: Sequence[StoryBrief], articles: Mapping[str, Article]) -> list[dict[str, Any]]:
    """Per updated story (in ranked order), what is new in it: key points, other summary sentences,
    sources, questions opened and answered."""
    changes = briefing.changes
    fresh = set(changes.new_articles)
    new_text = dict(changes.new_summary)
    opened = set(changes.new_questions)
    answers = dict(changes.answers)
    asked_in: dict[str, list[str]] = {}
    for question, sid in changes.answered_in:
        asked_in.setdefault(sid, []).append(question)
    out = []
    for sb in ranked:
        if sb.story.id not in changes.updated_stories:
            continue
        added = set(new_text.get(sb.story.id, ()))
        points = [s.citation.text for s in sb.key_points if s.citation.text in added]
        out.append(
            {
                "story": sb,
                "points": points,
                "summary": [s.citation.text for s in sb.summary[sb.key_point_count :] if s.citation.text in added],
                "articles": [articles[a] for a in sb.story.articles if a in fresh],
                "opened": [q.question for q in sb.questions if q.question in opened],
                "answered": [(q, answers[q]) for q in asked_in.get(sb.story.id, ()) if q in answers],
            }
        )
    return out


def write_entity_pages(
    briefing: Briefing,
    write: Any,
    outside: list[OutsidePage],
    article_keys: Mapping[str, str] | None = None,
    slugs: Mapping[str, str] | None = None,
) -> None:
    """One index page (through ``write``), plus a page per entity that has one (``FactBox.page``; rule in
    facts.has_page) into ``outside``, keyed when ``article_keys`` (the articles' record digests) are given;
    ``slugs``: the articles' page names (article_slug), where made already."""
    pages = [e for e in briefing.entities if e.page]
    stories = {sb.story.id: sb.story for sb in briefing.stories}
    page_of: dict[str, str] = {}
    for e in pages:
        page_of.setdefault(e.name, e.page)
    by_type = {t: [e for e in pages if e.type == t] for t in dict.fromkeys([*TYPE_LABELS, *(e.type for e in pages)])}
    hidden = sum(1 for e in pages if len(e.articles) < 2)
    write(
        "entities.md",
        "pages/entities.html.j2",
        by_type=by_type,
        others=len(briefing.entities) - len(pages),
        stories=stories,
        shown=len(pages) - hidden,
        hidden=hidden,
    )
    articles = {a.id: a for a in briefing.articles}
    slugs = slugs or {a.id: article_slug(a.id) for a in briefing.articles}
    links = {sid: _story_link(story) for sid, story in stories.items()}
    for e in pages:
        cited = [c.article for c in (*(r.citation for r in e.roles), *(q.citation for q in e.quotes), *e.evidence)]
        ids = list(dict.fromkeys([*e.articles, *cited]))
        context = {
            "entity": e,
            "stories": {sid: links[sid] for sid in e.stories},
            "page_of": {name: page_of[name] for name in e.related if name in page_of},
            "articles": {aid: articles[aid] for aid in ids},
            "slugs": {aid: slugs[aid] for aid in ids},
        }
        key = ""
        if article_keys is not None:
            key = digest(ENTITY_PAGE, repr(e), repr(context["stories"]), repr(context["page_of"]), *(article_keys[a] for a in ids))
        outside.append(OutsidePage(f"entities/{e.page}.md", ENTITY_PAGE, context, key=key))


def sentence_map(article: Article, spans: tuple[tuple[int, int, int], ...]) -> list[Any]:
    """Paragraphs of an article as lists of (sentence index or None, text), so pages can anchor sentences.

    ``spans`` holds (sentence index, start, end) offsets in ``article.text``.
    """
    out = []
    for p_index, para in enumerate(article.paragraphs):
        pieces: list[tuple[int | None, str]] = []
        pos = para.start
        end = para.start + len(para.text)
        for index, start, stop in spans:
            if start < para.start or start >= end:
                continue
            if start > pos:
                pieces.append((None, article.text[pos:start]))
            pieces.append((index, article.text[start:stop]))
            pos = stop
        if pos < end:
            pieces.append((None, article.text[pos:end]))
        out.append({"heading": para.is_heading, "pieces": pieces, "index": p_index})
    return out


def briefing_json(briefing: Briefing) -> dict[str, Any]:
    """The edition as plain data for other tools; documented in the README."""
    return {
        "format": "briefgen/1",
        "edition": briefing.edition,
        "articles": [
            {"path": a.id, "title": a.title, "date": a.date, "date_source": a.date_source, "source": a.source, "url": a.url}
            for a in briefing.articles
        ],
        "stories": [story_json(sb) for sb in briefing.stories],
        "topics": [{"id": t.id, "title": t.title, "stories": list(t.stories)} for t in briefing.topics],
        "merged": dict(briefing.merged),
        "skipped": [{"path": s.path, "reason": s.reason} for s in briefing.skipped],
        "warnings": list(briefing.warnings),
        "entities": [entity_json(e) for e in briefing.entities],
        "changes": {
            "previous": briefing.changes.previous,
            "new_articles": list(briefing.changes.new_articles),
            "new_stories": list(briefing.changes.new_stories),
            "updated_stories": list(briefing.changes.updated_stories),
            "quiet_stories": list(briefing.changes.quiet_stories),
            "new_entities": list(briefing.changes.new_entities),
            "new_questions": list(briefing.changes.new_questions),
            "answered_questions": list(briefing.changes.answered_questions),
            "answers": [{"question": q, "text": c.text, "article": c.article, "sentence": c.sentence} for q, c in briefing.changes.answers],
            "dropped_questions": list(briefing.changes.dropped_questions),
        },
    }


def story_json(sb: StoryBrief) -> dict[str, Any]:
    return {
        "id": sb.story.id,
        "title": sb.story.title,
        "topic": sb.story.topic or None,
        "articles": list(sb.story.articles),
        "first_date": sb.first_date,
        "last_date": sb.last_date,
        "why": list(sb.story.why),
        "related": list(sb.related),
        "summary": [
            {
                "text": s.citation.text,
                "article": s.citation.article,
                "sentence": s.citation.sentence,
                "sources": s.sources,
                "confidence": s.confidence or None,
                "confidence_reason": s.confidence_reason or None,
                "reported": s.reported,
            }
            for s in sb.summary
        ],
        "key_point_count": sb.key_point_count,
        "timeline": [
            {
                "date": e.date,
                "approximate": e.approximate,
                "text": e.citation.text,
                "article": e.citation.article,
                "sentence": e.citation.sentence,
            }
            for e in sb.timeline
        ],
        "entities": [entity_json(f) for f in sb.facts],
        "questions": [
            {
                "question": q.question,
                "kind": q.kind,
                "evidence": [{"text": c.text, "article": c.article, "sentence": c.sentence} for c in q.evidence],
                "silent": list(q.silent),
            }
            for q in sb.questions
        ],
        "problems": list(sb.problems),
        **({"opinion_only": True} if sb.opinion_only else {}),
    }


def entity_json(f: FactBox) -> dict[str, Any]:
    return {
        "id": f.id,
        "name": f.name,
        "type": f.type,
        "aliases": list(f.aliases),
        "roles": [
            {"text": r.text, "article": r.citation.article, "date": r.citation.date, "sentence": r.citation.text, "sources": r.sources}
            for r in f.roles
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "article": q.citation.article, "date": q.citation.date, "sources": q.sources}
            for q in f.quotes
        ],
        "mentions": f.mentions,
        "articles": list(f.articles),
        "sources": f.sources,
        "related": list(f.related),
        "page": f.page or None,
        **({"stories": list(f.stories)} if f.stories else {}),
    }


def write_json(briefing: Briefing, path: Path) -> None:
    """briefing.json with one line per article, story, entity and skipped file: readable and diffable,
    and written by the C encoder (``indent`` would take the pure-Python one, seconds per edition)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_json_lines(briefing_json(briefing)) + "\n", encoding="utf-8")


def _json_lines(data: Mapping[str, Any]) -> str:
    """A JSON object with each top-level list's items (and each value of ``changes``) on lines of their own."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    fields = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            inner = ",\n".join(f"    {dump(item)}" for item in value)
            fields.append(f"  {dump(key)}: [\n{inner}\n  ]")
        elif isinstance(value, dict) and value:
            inner = ",\n".join(f"    {dump(k)}: {dump(v)}" for k, v in value.items())
            fields.append(f"  {dump(key)}: {{\n{inner}\n  }}")
        else:
            fields.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(fields) + "\n}"
