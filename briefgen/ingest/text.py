"""Plain text and Markdown articles: front matter, headline, dateline, trailers.

Pasted wire copy is messy: a headline
line, a ``date ...`` line, a dateline such as ``MINSK (UrduPoint News / Sputnik -
25th July, 2023)``, bylines, and trailers like ``This post appeared first on``.
We keep the article text verbatim and only drop whole metadata lines or the
dateline prefix, so every later sentence is a substring of the original text.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

import yaml

from briefgen.ingest.errors import Invalid as _Invalid
from briefgen.models import Article, Paragraph

log = logging.getLogger(__name__)


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    re.compile(rf"(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})", re.I),
    re.compile(rf"(?P<mon>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>\d{{4}})", re.I),
]
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_DATE_LINE = re.compile(
    rf"^\s*(?:date[d]?:?\s+|published:?\s+|updated:?\s+)?{_WEEKDAY}"
    rf"(?P<date>\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:[T ][\d:.]+Z?)?|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|"
    rf"{_MONTH}\s+{_DAY},?\s+\d{{4}})"
    r"(?:\s*(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
    r"\s*(?:\(@?[\w.]+\))?\s*$",
    re.I,
)
_BYLINE = re.compile(r"^\s*(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.'’-]+(?:[ ,]+[\w.'’&-]+){0,10}\s*$")
_HANDLE_LINE = re.compile(r"^\s*\(?@\w+\)?\s*$")
# A dateline: "MINSK (UrduPoint News / Sputnik - 25th July, 2023)", "WASHINGTON (Reuters) -",
# "LONDON, July 3 (AP) --", "(CNN)".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"(?:,\s*" + _MONTH + r"\s+\d{1,2})?)?\s*"
    r"\((?P<inner>[^()\n]{2,90})\)\s*(?:[-–—:]{1,2}\s*)?"
)
_DATELINE_BARE = re.compile(r"^(?P<place>[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+){0,3}(?:, [A-Z][A-Za-z.]+)?)\s+[-–—]{1,2}\s+")
# Whole lines that are site furniture, not article text.
_TRAILERS = re.compile(
    r"^\s*(?:This (?:post|article|story) (?:appeared|was originally published|first appeared)"
    r"|Tweet with a location|Follow us on|Sign up for|Subscribe (?:to|now)|Click here"
    r"|Read more\b|Related:|Share this|All rights reserved|Copyright\s|©|\(c\) \d{4}"
    r"|We use cookies|This site uses cookies|Advertisement\s*$|ADVERTISEMENT\s*$"
    r"|Photo:|Image:|Picture:|Getty Images\s*$|Caption:)",
    re.I,
)


def parse_date(value: Any) -> str | None:
    """Return an ISO date for a date, datetime or a date written in English, else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(value)
        if not match:
            continue
        parts = match.groupdict()
        try:
            month = int(parts["m"]) if parts.get("m") else _MONTHS[_month_key(parts["mon"])]
            day = int(re.sub(r"\D", "", parts["d"]))
            return dt.date(int(parts["y"]), month, day).isoformat()
        except (KeyError, ValueError):
            continue
    return None


def _month_key(name: str) -> str:
    name = name.rstrip(".").lower()
    return "sept" if name.startswith("sept") else name[:3]


@dataclass(frozen=True)
class _Meta:
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    story: str | None = None


_FM_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str, int, float),
    "source": (str,),
    "url": (str,),
    "author": (str,),
    "story": (str, int),
}


def split_front_matter(text: str) -> tuple[_Meta, str, int]:
    """Split YAML front matter (``---`` ... ``---``) from the body, checking each known key."""
    if not text.startswith("---\n"):
        return _Meta(), text, 0
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), None)
    if end is None:
        raise _Invalid("front matter starts with '---' on line 1 but has no closing '---'")
    raw = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _Invalid(f"front matter{where}: invalid YAML: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _Invalid("front matter must be a mapping of key: value lines")
    values: dict[str, str | None] = {}
    for key, expected in _FM_TYPES.items():
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, expected):
            raise _Invalid(f"front matter '{key}': {value!r} is not text")
        values[key] = str(value).strip() or None
    if "date" in data and data["date"] is not None:
        date = parse_date(data["date"])
        if date is None:
            raise _Invalid(f"front matter 'date': {data['date']!r} is not a date (use YYYY-MM-DD)")
        values["date"] = date
    url = values.get("url")
    if url and not re.match(r"^https?://", url, re.I):
        raise _Invalid(f"front matter 'url': {url!r} is not an http(s) address")
    body = "\n".join(lines[end + 1 :])
    return _Meta(**values), body, end + 1


def parse_text(text: str, rel: str, meta: _Meta, fmt: str) -> Article:
    """Clean pasted article text into paragraphs, inferring title, date and source."""
    blocks = re.split(r"\n[ \t]*\n", text)
    title, date, source, author = meta.title, meta.date, meta.source, meta.author
    title_inferred = False
    paragraphs: list[str] = []
    head = True  # still in the metadata lines at the top
    for block in blocks:
        block_lines = [ln for ln in block.split("\n") if ln.strip()]
        kept: list[str] = []
        for ln in block_lines:
            stripped = ln.strip()
            if fmt == "md":
                stripped = re.sub(r"^#{1,6}\s+", "", stripped) if head and title is None else stripped
            if head:
                m = _DATE_LINE.match(stripped)
                if m:
                    date = date or parse_date(m.group("date"))
                    continue
                if _BYLINE.match(stripped) or _HANDLE_LINE.match(stripped):
                    author = author or re.sub(r"^(?:By|BY|Written by|Reporting by)\s+", "", stripped).strip()
                    continue
            if _TRAILERS.match(stripped) and len(stripped.split()) <= 30:
                continue
            kept.append(ln.rstrip())
        if not kept:
            continue
        if head and title is None and len(kept) == 1 and _is_headline(kept[0]):
            title = kept[0].strip()
            if fmt == "md":
                title = re.sub(r"^#{1,6}\s+", "", title)
            continue
        para = "\n".join(kept).strip()
        if head:
            para, place_source, place_date = _strip_dateline(para)
            source = source or place_source
            date = date or place_date
            if not para:
                continue
        head = False
        paragraphs.append(para)
    headline_only = not paragraphs and title is not None
    if headline_only:
        paragraphs = [title]  # a headline with no body (video pages, briefs) is still news
    if not paragraphs:
        raise _Invalid("no article text (empty, or only metadata)")
    if title is None:
        title = _title_from(paragraphs[0])
        title_inferred = True
    out: list[Paragraph] = []
    offset = 0
    for para in paragraphs:
        out.append(Paragraph(para, offset, is_heading=not headline_only and _is_heading(para)))
        offset += len(para) + 2
    body = "\n\n".join(paragraphs)
    return Article(
        id=rel,
        title=title,
        text=body,
        paragraphs=tuple(out),
        date=date,
        source=source,
        url=meta.url,
        author=author,
        story=meta.story,
        title_inferred=title_inferred,
        format=fmt,
    )


def _is_headline(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 25 and len(line) <= 200 and not re.search(r"[.,;:\"”]$", line.strip())


def _is_heading(para: str) -> bool:
    """A short one-line paragraph inside the body: a subheading such as 'Where is Prigozhin?'."""
    if "\n" in para:
        return False
    words = para.split()
    if para.endswith("?"):
        return len(words) <= 6
    return len(words) <= 10 and not re.search(r"[.!,;:\"”’)]$", para)


def _strip_dateline(para: str) -> tuple[str, str | None, str | None]:
    """Remove a leading dateline; return (rest, source, date) found in it."""
    m = _DATELINE.match(para)
    if m and (m.group("place") or m.end() < len(para)):
        inner = m.group("inner").strip()
        date = parse_date(inner)
        source_part = re.split(r"\s+[-–—]\s+|,\s*(?=\d)", inner)[0].strip()
        source = source_part if source_part and parse_date(source_part) is None and len(source_part) <= 60 else None
        # "(CNN)" with no place is a dateline too; "(Wagner mercenaries)" mid-text is not matched here.
        if m.group("place") or re.fullmatch(r"[A-Z][\w.&' /-]{1,40}", inner):
            return para[m.end() :].lstrip(), source, date
    m = _DATELINE_BARE.match(para)
    if m:
        return para[m.end() :].lstrip(), None, None
    return para, None, None


def _title_from(para: str) -> str:
    first = re.split(r"(?<=[.!?])\s+", para, maxsplit=1)[0]
    words = first.split()
    if len(words) <= 14:
        return first.rstrip(".")
    return " ".join(words[:12]).rstrip(",;:") + "…"


def read_text_article(text: str, rel: str, fmt: str) -> Article:
    """A decoded .txt or .md file -> Article (front matter first, when present)."""
    meta = _Meta()
    if fmt == "md" or text.startswith("---\n"):
        meta, text, _ = split_front_matter(text)
    return parse_text(text, rel, meta, fmt)
