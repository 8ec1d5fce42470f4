"""Plain text and Markdown articles: front matter, headline, dateline, trailers.

Pasted wire copy is messy: a headline
line, a ``date ...`` line or a time stamp (``Posted: Nov 27, 2005 8: 20 AM ET``, above or
under the headline), a dateline such as ``MINSK (UrduPoint News / Sputnik -
25th July, 2023)``, bylines, and trailers like ``This post appeared first on``.
We keep the article text verbatim and only drop whole metadata lines or the
dateline prefix, so every later sentence is a substring of the original text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

import yaml

from briefgen.ingest.errors import Invalid as _Invalid
from briefgen.models import Article, Paragraph
from briefgen.text.abbreviations import first_sentence
from briefgen.text.dates import DATE_LINE, STAMP_PARAGRAPHS, lead_date, parse_date, parse_date_fallback, stamp_line, url_date, url_month
from briefgen.text.lines import (
    BYLINE,
    BYLINE_LEAD,
    DATELINE,
    DATELINE_BARE,
    DATELINE_CAPS,
    DATELINE_NAMED,
    HANDLE_LINE,
    PLAYER_BUTTON,
    TRAILERS,
    is_boilerplate,
)
from briefgen.text.slugs import slug
from briefgen.text.urls import web_address

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Meta:
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    story: str | None = None
    date_source: str | None = None  # where ``date`` came from (Article.date_source); None: front matter
    section: str | None = None  # Article.section


# -- bytes -> text -------------------------------------------------------------

#: Leading bytes of files people drop into a content folder by mistake: (pattern, what it is, what to do).
_MAGIC: tuple[tuple[re.Pattern[bytes], str, str], ...] = tuple(
    (re.compile(pattern, re.S), kind, hint)
    for pattern, kind, hint in (
        (rb"\x1f\x8b", "gzip-compressed data", "unpack it (gunzip) and keep the article inside"),
        (rb"PK\x03\x04|PK\x05\x06", "a ZIP archive (as are .docx, OpenDocument and EPUB files)", "save the article as plain text"),
        (rb"%PDF-", "a PDF document", "copy its text into a .txt file"),
        (rb"\x89PNG\r\n\x1a\n", "a PNG image", "an image holds no article text"),
        (rb"\xff\xd8\xff", "a JPEG image", "an image holds no article text"),
        (rb"GIF8[79]a", "a GIF image", "an image holds no article text"),
        (rb"RIFF....WEBP", "a WebP image", "an image holds no article text"),
        (rb"BZh[1-9]1AY&SY", "bzip2-compressed data", "unpack it (bunzip2) and keep the article inside"),
        (rb"\xfd7zXZ\x00", "xz-compressed data", "unpack it (unxz) and keep the article inside"),
        (rb"\x28\xb5\x2f\xfd", "zstd-compressed data", "unpack it (unzstd) and keep the article inside"),
        (rb"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and keep the article inside"),
        (rb".{257}ustar", "a tar archive", "unpack it (tar -xf) and keep the article inside"),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls, .ppt)", "save the article as plain text"),
        (rb"\{\\rtf", "an RTF document", "save it as plain text (.txt)"),
        (rb"\x7fELF", "a program (ELF executable)", "it holds no article text"),
        (rb"SQLite format 3\x00", "an SQLite database", "it holds no article text"),
    )
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
#: Bytes that never appear in text: NUL and the C0 controls other than tab, newlines, form feed and escape.
_CONTROL_BYTES = bytes([*range(9), *range(14, 27), *range(28, 32)])
_WINDOW = 8192
#: Characters Python itself treats as line breaks; they become newlines.
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: Controls, byte-order marks, non-characters and lone surrogates: removed.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252 (Latin-1 where it has no character)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    out = []
    for byte in bad:
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out), exc.end


codecs.register_error("briefgen-cp1252", _cp1252_fallback)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark shows as every other byte being NUL."""
    head = data[:_WINDOW]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def sniff(data: bytes) -> str | None:
    """Why ``data`` is not text (a known binary format, or NUL and control bytes), else None."""
    for pattern, kind, hint in _MAGIC:
        if pattern.match(data):
            return f"this is {kind}, not text: {hint}"
    if data.startswith(tuple(bom for bom, _ in _BOMS)) or _utf16_without_bom(data):
        return None
    middle = max(0, len(data) // 2 - _WINDOW // 2)
    for start in sorted({0, middle, max(0, len(data) - _WINDOW)}):
        window = data[start : start + _WINDOW]
        nul = window.count(0)
        controls = len(window) - len(window.translate(None, _CONTROL_BYTES))
        if nul > len(window) // 100 + 1 or controls > len(window) // 20 + 1:
            where = start + min((i for i in (window.find(0), *(window.find(bytes([c])) for c in _CONTROL_BYTES)) if i >= 0), default=0)
            return f"binary data, not text (NUL or control bytes from byte {where}); if it is an article, save it again as UTF-8 text"
    return None


def decode(data: bytes) -> str:
    """Bytes -> clean text: a BOM's encoding, else UTF-8 with Windows-1252 for stray bytes; LF endings, no controls."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec, "the file starts with its byte-order mark")
            break
    else:
        codec16 = _utf16_without_bom(data)
        if codec16:
            text = _strict(data, codec16, "every other byte is NUL")
        else:
            text = data.decode("utf-8", errors="briefgen-cp1252")
    return normalize_characters(text)


def _strict(data: bytes, codec: str, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        name = codec.split("-")[0].upper() + "-" + codec.split("-")[1]
        raise _Invalid(f"line {line}: not valid {name} ({why}); save the file again as UTF-8") from None


def normalize_characters(text: str) -> str:
    """Newlines for every kind of line break; control characters and lone surrogates removed."""
    return _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text))


# -- front matter ----------------------------------------------------------------

#: Longest front matter read; longer is almost always a missing closing '---'.
MAX_FRONT_MATTER_CHARS = 64_000
#: Longest text value in front matter (title, source, author, story).
MAX_VALUE_CHARS = 1_000
_FM_OPEN = re.compile(r"---[ \t]*\n")
_FM_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")

_FM_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str, int, float),
    "source": (str,),
    "url": (str,),
    "author": (str,),
    "story": (str, int),
    "section": (str,),
}


class _Loader(yaml.SafeLoader):
    """Safe loading only; a bad date or an over-long number stays text, so its message names the key.

    The pure-Python loader on purpose: libyaml's crashes the process on deeply nested input.
    """


def _scalar_or_text(constructor: Any) -> Any:
    def construct(loader: Any, node: Any) -> Any:
        try:
            return constructor(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)

    return construct


for _tag, _constructor in (
    ("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_timestamp),
    ("tag:yaml.org,2002:int", yaml.constructor.SafeConstructor.construct_yaml_int),
    ("tag:yaml.org,2002:float", yaml.constructor.SafeConstructor.construct_yaml_float),
):
    _Loader.add_constructor(_tag, _scalar_or_text(_constructor))


def _describe(value: Any) -> str:
    """A short description of a YAML value for a message (never the repr of a big structure)."""
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _one_line(value: Any) -> str:
    return " ".join(normalize_characters(str(value)).split())


def split_front_matter(text: str) -> tuple[_Meta, str, int]:
    """Split YAML front matter (``---`` ... ``---``) from the body, checking each known key.

    Returns the metadata, the body and the number of lines before the body.
    """
    if not _FM_OPEN.match(text):
        return _Meta(), text, 0
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[1:], start=1) if _FM_CLOSE.fullmatch(line)), None)
    if end is None:
        raise _Invalid("line 1: front matter starts with '---' but no line closes it with '---'")
    raw = "\n".join(lines[1:end])
    if len(raw) > MAX_FRONT_MATTER_CHARS:
        raise _Invalid(f"lines 1-{end + 1}: front matter is {len(raw):,} characters, over the {MAX_FRONT_MATTER_CHARS:,} limit")
    data = _load_yaml(raw)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _Invalid(f"line 2: front matter is {_describe(data)}; write it as 'key: value' lines (title: ..., date: ...)")
    front = lines[1:end]

    def fail(key: str, problem: str) -> _Invalid:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*:")
        line = next((n for n, ln in enumerate(front, start=2) if pattern.match(ln)), None)
        return _Invalid(f"{f'line {line}: ' if line else ''}front matter '{key}': {problem}")

    values: dict[str, str | None] = {}
    for key, expected in _FM_TYPES.items():
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, expected):
            quote = " (put it in quotes)" if isinstance(value, (bool, int, float, dt.date)) else ""
            raise fail(key, f"{_describe(value)} is not text{quote}")
        text_value = _one_line(value)
        if len(text_value) > MAX_VALUE_CHARS:
            raise fail(key, f"is {len(text_value):,} characters long, over the {MAX_VALUE_CHARS:,} limit")
        values[key] = text_value or None
    if data.get("date") not in (None, ""):
        date = parse_date_fallback(data["date"])
        if date is None:
            raise fail("date", f"{_describe(data['date'])} is not a date (write it as YYYY-MM-DD)")
        values["date"] = date
    url = values.get("url")
    if url and not web_address(url):
        raise fail("url", f"{_describe(url)} is not an http(s) address")
    story = values.get("story")
    if story is not None:
        story_id = slug(story)
        if not story_id:
            raise fail("story", f"{_describe(story)} has no letters or digits to make a story id from")
        if story_id in RESERVED_STORY_IDS:
            raise fail("story", f"{_describe(story)} is a reserved name; choose another story id")
    body = "\n".join(lines[end + 1 :])
    return _Meta(**values), body, end + 1


#: Story ids that name other files of an edition (the edition PDF is pdf/edition.pdf).
RESERVED_STORY_IDS = frozenset({"edition"})


#: Deepest nesting of [ ] and { } read in front matter; deeper is an attack or an accident.
MAX_FRONT_MATTER_DEPTH = 50


def _load_yaml(raw: str) -> Any:
    depth = deepest = 0
    for bracket in re.sub(r"[^\[\]{}]+", "", raw):
        depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    if deepest > MAX_FRONT_MATTER_DEPTH:
        raise _Invalid(f"front matter is nested more than {MAX_FRONT_MATTER_DEPTH} levels deep")
    try:
        return yaml.load(raw, Loader=_Loader)  # _Loader is a SafeLoader: no Python objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _Invalid(f"{where}front matter is not valid YAML: {problem}") from None
    except RecursionError:
        raise _Invalid("front matter is not valid YAML: nested too deeply") from None


#: A dash typed as an underscore between spaces, as news agencies' plain-text wires wrote it ("ATLANTA _ Attorneys for
#: ...", "Qatar is small _ only about a third the size of Belgium _ but"): written as the dash it stands for.
WIRE_DASH = re.compile(r"(?<=\S) _{1,2} (?=\S)")


def parse_text(text: str, rel: str, meta: _Meta, fmt: str) -> Article:
    """Clean pasted article text into paragraphs, inferring title, date and source."""
    blocks = re.split(r"\n[ \t]*\n", text)
    title, date, source, author = meta.title, meta.date, meta.source, meta.author
    date_source = (meta.date_source or "front matter") if date else None
    title_inferred = False
    paragraphs: list[str] = []
    head = True  # still in the metadata lines at the top
    datelined = False  # a dateline was taken off a paragraph's start (the story proper opens there)
    furniture = 0  # whole paragraphs of site, archive or social-media furniture dropped
    for block in blocks:
        if is_boilerplate(block.strip()):
            furniture += 1
            continue
        block_lines = [ln for ln in block.split("\n") if ln.strip()]
        kept: list[str] = []
        for ln in block_lines:
            stripped = ln.strip()
            if fmt == "md":
                stripped = re.sub(r"^#{1,6}\s+", "", stripped) if head and title is None else stripped
            if head or len(paragraphs) < STAMP_PARAGRAPHS:
                m = DATE_LINE.match(stripped)
                if m:
                    date, date_source = _first_date(date, date_source, parse_date_fallback(m.group("date")), "dateline")
                    continue
                is_stamp, stamp_date = stamp_line(stripped, url_month(meta.url))
                if is_stamp:
                    date, date_source = _first_date(date, date_source, stamp_date, "dateline")
                    continue
            if head and (BYLINE.match(stripped) or HANDLE_LINE.match(stripped)):
                author = author or re.sub(r"^(?:By|BY|Written by|Reporting by)\s+", "", stripped).strip()
                continue
            if TRAILERS.match(stripped) and len(stripped.split()) <= 30:
                continue
            kept.append(ln.rstrip())
        if not kept:
            continue
        if head and title is None and len(kept) == 1 and _is_headline(kept[0]):
            title = kept[0].strip()
            if fmt == "md":
                title = re.sub(r"^#{1,6}\s+", "", title)
            continue
        para = PLAYER_BUTTON.sub("", WIRE_DASH.sub(" \u2014 ", "\n".join(kept).strip()))
        if head and (byline := BYLINE_LEAD.match(para)):
            # a byline and date run into the lead ("By Karen Graham Oct 31, 2015 in Entertainment A famous ...")
            author = author or byline.group("author")
            date, date_source = _first_date(date, date_source, parse_date_fallback(byline.group("date")), "dateline")
            para = para[byline.end() :]
        if head or (not datelined and len(paragraphs) < STAMP_PARAGRAPHS):
            # the story proper may open after a caption or a standfirst ("U.S. military personnel prepare to ... (AP)",
            # then "YOKOSUKA, Japan (AP) — U.S. and Japanese vessels were searching ..."): its dateline is no part of
            # its lede, which a summary cites from its first word; past the head only a dateline that names a place
            rest, place_source, place_date = _strip_dateline(para, place=not head)
            datelined = rest != para
            para = rest
            source = source or place_source
            date, date_source = _first_date(date, date_source, place_date, "dateline")
            if not para:
                continue
        head = False
        paragraphs.append(para)
    headline_only = False
    if not paragraphs and furniture:
        raise _Invalid(
            f"no article text: only site, archive or social-media furniture ({furniture} paragraph(s), "
            "e.g. 'Tweet with a location', web-archive notes, a site's error page); nothing to summarise. If the page "
            "held an article, save it again once its text has loaded"
        )
    if not paragraphs and title is not None:
        headline_only = True
        paragraphs = [title]  # a headline with no body (video pages, briefs) is still news
    if not paragraphs:
        raise _Invalid("no article text (empty, or only metadata)")
    if not any(re.search(r"\w", p) for p in paragraphs):
        raise _Invalid("no article text (no letters or digits)")
    if title is None:
        title = _title_from(paragraphs[0])
        title_inferred = True
    if date is None:  # no date given or in a date line: the URL's path, then a full date in the lead
        date, date_source = _first_date(date, date_source, url_date(meta.url), "url")
        date, date_source = _first_date(date, date_source, lead_date(paragraphs[:LEAD_DATE_PARAGRAPHS]), "text")
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
        section=meta.section,
        title_inferred=title_inferred,
        format=fmt,
        date_source=date_source,
    )


#: Paragraphs of the body searched for a full date when the article has none: the lead, where a date
#: is most often the news's own day ("... said on May 2, 2013"); later ones name earlier events.
LEAD_DATE_PARAGRAPHS = 2


def _first_date(date: str | None, source: str | None, found: str | None, found_source: str) -> tuple[str | None, str | None]:
    """Keep the date found first (the rules run strongest first); else take ``found`` and say where from."""
    return (date, source) if date or not found else (found, found_source)


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


def _strip_dateline(para: str, place: bool = False) -> tuple[str, str | None, str | None]:
    """Remove a leading dateline; return (rest, source, date) found in it. ``place``: only one that names a place
    ("WASHINGTON (AP) —", "LARGO, Fla. —"), not a bare "(CNN)", which past a text's head may be a parenthesis."""
    m = DATELINE.match(para)
    if m and place and not m.group("place"):
        m = None
    if m and (m.group("place") or m.end() < len(para)):
        inner = m.group("inner").strip()
        date = parse_date_fallback(inner)
        source_part = re.split(r"\s+[-–—]\s+|,\s*(?=\d)", inner)[0].strip()
        source = source_part if source_part and parse_date(source_part) is None and len(source_part) <= 60 else None
        # "(CNN)" with no place is a dateline too; "(Wagner mercenaries)" mid-text is not matched here.
        if m.group("place") or re.fullmatch(r"[A-Z][\w.&' /-]{1,40}", inner):
            return para[m.end() :].lstrip(), source, date
    m = DATELINE_NAMED.match(para)
    if m:
        return para[m.end() :].lstrip(), m.group("inner"), None
    m = DATELINE_BARE.match(para) or DATELINE_CAPS.match(para)
    rest = para[m.end() :].lstrip() if m else ""
    # what follows starts a sentence ("NEW-YORK-based ABC-TV" is no dateline before "based")
    if m and len(rest.split()) >= 4 and (rest[:1].isupper() or rest[:1] in '"“'):
        return rest, None, None
    return para, None, None


#: Longest title made from the first sentence; a sentence with no spaces (a pasted blob) is cut here.
MAX_INFERRED_TITLE = 150


def _title_from(para: str) -> str:
    first = first_sentence(para[: MAX_INFERRED_TITLE * 20])  # not cut at "Sen." or "U.S." ("Sen. Lindsey Graham said ...")
    words = first.split()
    title = first.rstrip(".") if len(words) <= 14 else " ".join(words[:12]).rstrip(",;:") + "…"
    if not title.strip():
        title = first.strip() or "Untitled"
    if len(title) > MAX_INFERRED_TITLE:
        cut = title[:MAX_INFERRED_TITLE]
        title = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:…") + "…"
    return title


def read_text_article(text: str, rel: str, fmt: str) -> Article:
    """A decoded .txt or .md file -> Article (front matter first, when present)."""
    if not text.strip():
        raise _Invalid("the file is empty" if not text else "the file holds only blank lines and spaces")
    meta, body, lines = split_front_matter(text)
    if lines and not body.strip():
        raise _Invalid(f"lines 1-{lines}: front matter but no article text after its closing '---'")
    return parse_text(body, rel, meta, fmt)


def read_text(data: bytes, rel: str, fmt: str) -> Article:
    """A .txt or .md file's bytes -> Article."""
    return read_text_article(decode(data), rel, fmt)
