"""RSS and Atom feed files (.rss, .atom, .xml) -> one Article per entry, via feedparser.

An entry's id is ``path#n``, n counting entries from 1 in file order. The full
text is used where the entry carries it (``content:encoded``, Atom
``<content>``); otherwise the summary is, and the article says so
(``note="summary only"``) so nobody mistakes a teaser for the story. A bad
entry is reported on its own and the others still build.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

from briefgen.ingest.errors import Invalid as _Invalid
from briefgen.ingest.html import html_paragraphs
from briefgen.ingest.text import _Meta, parse_date, parse_text
from briefgen.models import Article, Skipped
from briefgen.text.urls import web_address

log = logging.getLogger(__name__)

SUMMARY_ONLY = "summary only"


_ISO_DAY = re.compile(r"^-?\d{1,4}-\d{1,2}-\d{1,2}")


def read_feed(data: bytes, rel: str) -> Iterator[Article | Skipped]:
    """A feed file -> an Article per entry, or a Skipped for an entry that cannot be built."""
    import feedparser

    try:
        # A stream, never bytes or str: feedparser treats a string as a file name or URL to open.
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # feedparser is lenient; a crash here is one bad file, not a failed build
        raise _Invalid(f"not a readable RSS or Atom feed: {type(exc).__name__}: {exc}") from None
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise _Invalid("not an RSS or Atom feed" + (f": {_first_line(problem)}" if problem else " (no <rss>, <feed> or <rdf:RDF> root)"))
    if not parsed.entries:
        raise _Invalid("feed has no entries")
    if parsed.get("bozo"):
        log.warning("%s: feed is not well-formed XML (%s); read leniently", rel, _first_line(parsed.get("bozo_exception")))
    fmt = "atom" if str(parsed.get("version", "")).startswith("atom") else "rss"
    feed_title = _plain(parsed.feed.get("title"), parsed.feed.get("title_detail"))
    for n, entry in enumerate(parsed.entries, start=1):
        entry_id = f"{rel}#{n}"
        try:
            yield _entry_article(entry, entry_id, fmt, feed_title)
        except _Invalid as exc:  # ingest() logs and reports it
            yield Skipped(entry_id, str(exc))


def _entry_article(entry: Any, entry_id: str, fmt: str, feed_title: str | None) -> Article:
    paragraphs: list[str] = []
    for content in sorted(entry.get("content") or [], key=lambda c: -len(c.get("value") or "")):
        paragraphs = _paragraphs(content.get("value"), content.get("type"))
        if paragraphs:
            break
    note = None
    if not paragraphs:
        detail = entry.get("summary_detail") or {}
        paragraphs = _paragraphs(entry.get("summary"), detail.get("type"))
        note = SUMMARY_ONLY if paragraphs else None
    title = _plain(entry.get("title"), entry.get("title_detail"))
    if not paragraphs:
        raise _Invalid("no text: the entry has neither content nor a summary" + (f" ({title!r})" if title else ""))
    raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
    date = parse_date(raw_date)  # the date as written, in the publisher's own time zone
    if date is None and not _ISO_DAY.match(str(raw_date or "").strip()):
        # feedparser's reading, for forms our parser lacks; never for an ISO day we could not accept
        # (2024-02-30, 0000-00-00), which feedparser rolls over into another, wrong day
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        date = time.strftime("%Y-%m-%d", parsed) if parsed and 1 <= parsed.tm_year <= 9999 else None
    source_el = entry.get("source") or {}
    source = _plain(source_el.get("title")) if isinstance(source_el, dict) else None
    link = entry.get("link")
    meta = _Meta(
        title=title,
        date_source="feed",
        date=date,
        source=source or feed_title,
        url=web_address(link),
        author=_plain(entry.get("author")),
        section=_plain(next((t.get("term") for t in entry.get("tags") or [] if isinstance(t, dict)), None)),
    )
    article = parse_text("\n\n".join(paragraphs), entry_id, meta, fmt)
    if note:
        from dataclasses import replace

        article = replace(article, note=note)
    return article


def _paragraphs(value: Any, kind: Any) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return []
    if kind == "text/plain":
        return [p.strip() for p in re.split(r"\n[ \t]*\n", value) if p.strip()]
    return html_paragraphs(value)


def _plain(value: Any, detail: Any = None) -> str | None:
    """A feed's title field as one line of plain text (some feeds put HTML in titles)."""
    if not isinstance(value, str):
        return None
    if isinstance(detail, dict) and detail.get("type") in ("text/html", "application/xhtml+xml"):
        value = " ".join(html_paragraphs(value))
    value = " ".join(value.split())
    return value or None


def _first_line(exc: Any) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
