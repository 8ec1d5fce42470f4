"""Saved web pages (.html, .htm) -> one Article, via trafilatura.

A page saved from a browser is mostly furniture: navigation, ads, scripts,
cookie banners, share buttons, related links, comments. trafilatura finds the
article body and the page's title, date, author and site name; we then run the
body through the same cleaning as pasted text (datelines, bylines, trailers),
so an article reads the same whichever format it came in.

``html_paragraphs`` turns an HTML fragment (a feed entry's content) into
paragraphs without trafilatura, which is built for whole pages and drops short
fragments.
"""

from __future__ import annotations

import codecs
import logging
import re
from typing import Any

from briefgen.ingest.errors import Invalid as _Invalid
from briefgen.ingest.text import _Meta, parse_date, parse_text
from briefgen.models import Article
from briefgen.text.urls import web_address

log = logging.getLogger(__name__)
#: trafilatura's own warnings ("discarding data: None" for a page nested too deep) name no file and tell the reader
#: nothing to do: what the reader makes of each page is reported by it, with the file's name (a skip reason when
#: no article text is found). Its errors still show.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
#: Page furniture removed before extraction: on a page with no article, trafilatura returns the menus.
#: Not <form>: ASP.NET pages wrap the whole body in one.
_PRUNE = ["//nav", "//footer", "//aside", "//*[@role='navigation' or @role='contentinfo' or @role='complementary']"]


#: Python codecs that are no page charset (host names, escapes, a codec that always fails): a page
#: naming one is read as Windows-1252 like a page naming none.
_NOT_CHARSETS = frozenset(
    {
        "utf-8",
        "utf-16",
        "utf-32",
        "idna",
        "punycode",
        "undefined",
        "unicode-escape",
        "raw-unicode-escape",
        "utf-7",
        "mbcs",
        "oem",
        "charmap",
    }
)


def decode_html(data: bytes) -> str:
    """Bytes -> text: BOM, else UTF-8, else the page's own <meta charset>, else Windows-1252.

    Deterministic on purpose: no statistical charset guessing, which can change
    between library versions and turn one build's text into another's.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Invalid("starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            codec = codecs.lookup(match.group(1).decode("ascii"))
            if codec.name not in _NOT_CHARSETS and getattr(codec, "_is_text_encoding", True):
                return data.decode(codec.name, errors="replace")
        except (LookupError, UnicodeError, ValueError, TypeError):  # a name Python knows but no page charset
            pass
    return data.decode("cp1252", errors="replace")


def read_html(data: bytes, rel: str) -> Article:
    """A saved web page -> Article; title, date, author and site name from the page's metadata."""
    import trafilatura

    page = decode_html(data)
    if not re.search(r"<\s*(?:html|body|p|div|article)\b", page[:200_000], re.I):
        raise _Invalid("no HTML markup found: is this a saved web page? (rename plain text to .txt)")
    # Precision mode: a page with no article gives nothing, where recall mode gives its menus.
    doc = _extract(trafilatura, page)
    text = _clean(doc.get("text")) if doc else ""
    if doc is None or not text:
        raise _Invalid("no article text found in the page (only navigation, scripts or boilerplate)")
    title = _one_line(doc.get("title"))
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and lines and _same(lines[0], title):
        lines = lines[1:] or [title]  # the headline repeated as the body's first line
    url = doc.get("url")
    meta = _Meta(
        title=title,
        date_source="page",
        date=parse_date(doc.get("date")),
        source=_one_line(doc.get("sitename")),
        url=web_address(url),
        author=_one_line(doc.get("author")),
        section=_first(doc.get("categories")),  # its ``article:section`` or first category
    )
    article = parse_text("\n\n".join(lines), rel, meta, "html")
    log.debug("%s: %d paragraphs extracted", rel, len(article.paragraphs))
    return article


def _extract(trafilatura: Any, page: str) -> dict[str, Any] | None:
    try:
        doc = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            prune_xpath=_PRUNE,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception as exc:  # a library crash on one odd page must not stop the build
        raise _Invalid(f"the page could not be parsed: {type(exc).__name__}: {exc}") from None
    if doc is None:
        return None
    return doc if isinstance(doc, dict) else doc.as_dict()


def _clean(text: str | None) -> str:
    return _CONTROLS.sub("", text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _one_line(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _first(values: Any) -> str | None:
    """The first of a list of metadata values, as one line."""
    return _one_line(values[0]) if isinstance(values, list) and values else None


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return " ".join(re.findall(r"\w+", s.casefold()))

    return key(a) == key(b)


# --- HTML fragments (feed entries) -------------------------------------------------------------

_BLOCK = frozenset(
    {
        *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre"),
        *("table", "tr", "section", "article", "header", "footer", "main", "figure", "figcaption", "hr", "address"),
        *("details", "summary"),
    }
)
_DROP = frozenset(
    {"script", "style", "noscript", "iframe", "object", "embed", "form", "button", "select", "textarea", "svg", "template"}
    | {"head", "title", "meta", "link"}
)
_PARA, _BREAK = "\x00", "\x01"


def html_paragraphs(fragment: str) -> list[str]:
    """An HTML fragment -> its paragraphs as plain text; scripts, styles and embeds dropped."""
    import lxml.etree
    import lxml.html

    if not fragment or not fragment.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    out: list[str] = []
    _walk(root, out)
    paragraphs = []
    for block in "".join(out).split(_PARA):
        lines = [" ".join(part.split()) for part in block.split(_BREAK)]
        para = "\n".join(ln for ln in lines if ln)
        if para:
            paragraphs.append(para)
    return paragraphs


def _walk(el: Any, out: list[str]) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else None
    if tag is None or tag in _DROP:  # comments and processing instructions too
        if el.tail:
            out.append(_ws(el.tail))
        return
    block = tag in _BLOCK
    if block:
        out.append(_PARA)
    elif tag == "br":
        out.append(_BREAK)
    if el.text:
        out.append(_ws(el.text))
    for child in el:
        _walk(child, out)
    if block:
        out.append(_PARA)
    if el.tail:
        out.append(_ws(el.tail))


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", _CONTROLS.sub("", text))
