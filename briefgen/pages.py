"""Pages built outside mkdocs: the bulk of an edition, in the theme's look, converted once.

Stories, articles and entities are most of an archive's pages, and mkdocs spends
tens of milliseconds on each (Markdown, the theme's templates, search) however
little it holds. So mkdocs renders one page in the theme with placeholders (the
shell: title, table of contents, body), and every outside page is that shell with
its own title, table of contents and body put in: same look, header, search box
and URL as a mkdocs page. Bodies are HTML from templates/pages/*.html.j2, with no
Markdown pass (Python-Markdown took 2 ms a page, 13 s for 2,000 articles); their
headings get the ids and permalinks the site's toc extension would give, their
links are pointed where mkdocs would point them, and all are added to the site's
search index.

A page whose inputs did not change since the last build is not rendered again: each story, article and
entity page carries the digest of everything its template reads (``OutsidePage.key``, made by render.py
from the context it builds, which holds nothing else), and its filled body (title, table of contents, body
with links and heading anchors) is cached under that key (``PageStore``); a story page's body names its
edition by EDITION_MARK, the name put in as it is written. The page itself is written in every edition:
the shell around it names the edition.
"""

from __future__ import annotations

import functools
import html
import json
import os
import posixpath
import re
import shutil
import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from briefgen.cache import digest
from briefgen.errors import BuildError

if TYPE_CHECKING:
    from briefgen.cache import Cache

SHELL_SRC = "articles/_page/index.md"
_TITLE_MARK = "BRIEFGENPAGETITLE"
_BODY_MARK = "BRIEFGENPAGEBODY"
#: A story page's body is rendered with this in the edition's name's place, and the name put in as the page is
#: written (``OutsidePage.edition``): so one body serves every edition in which the story is unchanged.
EDITION_MARK = "BRIEFGENEDITIONNAME"
_TOC_MARK = "BRIEFGENPAGETOC"  # a heading in the shell, so the theme draws one table-of-contents entry to copy
_TOC_SLOT = "\x00toc\x00"
_SKIP_LINK = f'href="#{_TITLE_MARK.lower()}"'  # the theme's "Skip to content" link, to the page's h1
_TOC_SHOWN, _TOC_HIDDEN = 'data-md-type="toc" >', 'data-md-type="toc" hidden>'
_MD_LINK = re.compile(r"\]\(([^)\s#:]+\.md)(#[^)\s]*)?")
_HREF = re.compile(r'href="(?![a-zA-Z][\w+.-]*:|/|#)([^"#?]+)([#?][^"]*)?"')  # relative links: docs paths
_FALLBACK_SHELL = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
    f'<title>{_TITLE_MARK}</title><link rel="stylesheet" href="../../assets/briefgen.css"></head>\n<body><main>',
    "</main></body></html>\n",
)


@dataclass(frozen=True)
class OutsidePage:
    """A page written beside the mkdocs pages; ``src`` is the docs path it stands for (``articles/x.md``).

    Its body is ``template`` (templates/pages/*.html.j2) rendered with ``context`` (or with what
    ``context()`` returns, made only when the page is rendered), links written as docs paths
    (../articles/x.md); ``html`` holds it when it was rendered already. ``key``, when given, is the
    digest of the template's name and of everything in its context: the page's body is then taken
    from the cache when an earlier build filled it under the same key (``PageStore``).
    """

    src: str
    template: str
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]]
    in_nav: bool = False  # a page of the nav: mkdocs builds it around ``placeholder``, and its body goes in there
    html: str = ""
    key: str = ""
    edition: str = ""  # when given, ``context`` names the edition EDITION_MARK, and the body gets this name when written


def page_title(body: str) -> str:
    """The text of an HTML body's first h1, tags dropped and escapes undone ("" if none)."""
    m = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else ""


def directory_urls(settings: Mapping[str, Any]) -> bool:
    return bool(settings.get("use_directory_urls", True))


def page_url(src: str, directory_urls: bool) -> str:
    """The site-relative URL mkdocs gives the page built from docs path ``src``."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def outside_url(src: str, directory_urls: bool) -> str:
    """An outside page's URL: always a folder of its own holding index.html."""
    stem = src[:-3] if src.endswith(".md") else src
    return f"{stem}/" if directory_urls else f"{stem}/index.html"


def relative_url(target: str, from_url: str) -> str:
    """Site-relative URL ``target`` as a link from the page at site-relative URL ``from_url``.

    posixpath.relpath on the two, done on the strings alone (relpath asks the file system for
    the working directory twice per call, and the pages hold 30,000 links per 1,000 articles)."""
    to = [part for part in posixpath.normpath(target or ".").split("/") if part != "."]
    here = [part for part in from_url.rpartition("/")[0].split("/") if part and part != "."]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common] != "..":
        common += 1
    rel = "/".join([".."] * (len(here) - common) + to[common:]) or "."
    return rel + "/" if (target.endswith("/") or not target) and not rel.endswith("/") else rel


def link_outside(text: str, src: str, outside: Collection[str], directory_urls: bool) -> str:
    """Markdown of mkdocs page ``src`` with links to outside pages pointed at where those will be."""
    here = page_url(src, directory_urls)
    folder = posixpath.dirname(src)

    def fix(m: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(folder, m.group(1)))
        if target not in outside:
            return m.group(0)
        return "](" + relative_url(outside_url(target, directory_urls), here) + (m.group(2) or "")

    return _MD_LINK.sub(fix, text)


def write_shell(docs_dir: Path) -> None:
    """The one page mkdocs renders for all outside pages: placeholders where the title, contents and body go."""
    path = docs_dir / SHELL_SRC
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {_TITLE_MARK}\nsearch:\n  exclude: true\n---\n\n# {_TITLE_MARK}\n\n## {_TOC_MARK}\n\n{_BODY_MARK}\n", encoding="utf-8"
    )


def title_meta(title: str, hide: Sequence[str] = ()) -> str:
    """Front matter giving a mkdocs page its title, HTML-escaped.

    Without it mkdocs-material writes ``<title>{{ page.title | striptags }}</title>``, and
    ``striptags`` turns an escaped heading back into raw HTML: a title such as
    ``</title><script>...`` would run. Material prints ``page.meta.title`` as it is.
    """
    fields: dict[str, Any] = {"title": html.escape(title, quote=False)}
    if hide:
        fields["hide"] = list(hide)  # material's page option: sidebars to leave out
    meta = yaml.safe_dump(fields, allow_unicode=True, width=10_000)
    return f"---\n{meta}---\n\n"


def placeholder(title: str, hide: Sequence[str] = ()) -> str:
    """The Markdown of a nav page whose body is put in after mkdocs: its title, then the shell's marks.

    Long index pages (every entity, every new article) are built this way: mkdocs spent
    seconds on their Markdown tables and search entries, and gives the nav around them."""
    return f"{title_meta(title, hide)}# {_TITLE_MARK}\n\n## {_TOC_MARK}\n\n{_BODY_MARK}\n"


@dataclass(frozen=True)
class Shell:
    """The built shell page cut at its placeholders; ``entry`` is the theme's contents entry for one heading."""

    head: str  # up to the page's h1; holds _TOC_SLOT where the contents entries go
    tail: str
    entry: str = ""  # '' when the theme draws no table of contents

    def page(self, title: str, toc: str, body: str) -> str:
        heading = re.search(r'<h1 id="([^"]+)"', body)  # the theme's "Skip to content" link goes to the page's h1
        skip = heading.group(1) if heading else ""
        if "\x00" in title + skip:  # could make a contents slot (never in a real title): replace in turn, as below
            head = self.head.replace(_SKIP_LINK, f'href="#{skip}"')
            head = head.replace(_TITLE_MARK, title).replace(_TOC_SLOT, toc)
            if not toc:
                head = head.replace(_TOC_SHOWN, _TOC_HIDDEN, 1)
            return head + body + self.tail.replace(_TITLE_MARK, title)
        # the head and tail cut once at their slots (the skip link's target, the title, the contents), then joined
        # with this page's values: what replacing the slots in turn gives, since no value can make another slot
        with_toc, without_toc, tail = self._pieces
        values = {_SKIP_LINK: f'href="#{skip}"', _TITLE_MARK: title, _TOC_SLOT: toc}
        parts = [values.get(piece, piece) for piece in (with_toc if toc else without_toc)]
        return "".join([*parts, body, *(title if piece == _TITLE_MARK else piece for piece in tail)])

    @functools.cached_property
    def _pieces(self) -> tuple[list[str], list[str], list[str]]:
        """The head cut at its slots (and again with the empty contents hidden, as material hides them on a page
        without sections), and the tail at its title slots."""
        slots = re.compile("(" + "|".join(map(re.escape, (_SKIP_LINK, _TITLE_MARK, _TOC_SLOT))) + ")")
        head = slots.split(self.head)
        hidden = list(head)
        for k, piece in enumerate(hidden):
            if k % 2 == 0 and _TOC_SHOWN in piece:  # the first, as str.replace(..., 1) on the whole head
                hidden[k] = piece.replace(_TOC_SHOWN, _TOC_HIDDEN, 1)
                break
        return head, hidden, re.split(f"({_TITLE_MARK})", self.tail)

    def contents(self, tokens: Sequence[Mapping[str, Any]]) -> str:
        """The table of contents for toc tokens (``anchor_headings``), drawn as the theme draws mkdocs pages'.

        As in material, the page's h1 is left out and its sections listed; each entry is the
        shell's own entry with the heading's id and text (already HTML-escaped by Markdown).
        """
        if not self.entry:
            return ""
        if len(tokens) == 1 and tokens[0].get("level") == 1:
            tokens = tokens[0].get("children") or []
        out = []
        for t in tokens:
            name, children = str(t.get("name", "")), self.contents(t.get("children") or [])
            item = self.entry.replace(f"#{_TOC_MARK.lower()}", f"#{t.get('id', '')}").replace(_TOC_MARK, name)
            if children:
                label = name.replace('"', "&quot;")
                nested = f'<nav class="md-nav" aria-label="{label}"><ul class="md-nav__list">{children}</ul></nav>'
                cut = item.rfind("</li>")
                item = item[:cut] + nested + item[cut:]
            out.append(item)
        return "".join(out)


def _split_shell(page: str) -> Shell | None:
    """The shell around its h1 and body placeholder, or None when the theme did not keep them."""
    body = f"<p>{_BODY_MARK}</p>"
    end = page.find(body)
    start = page.rfind("<h1", 0, end)
    if end < 0 or start < 0 or _TITLE_MARK not in page[start:end]:
        return None
    head, tail = page[:start], page[end + len(body) :]
    entry = ""
    while (link := head.find(f'href="#{_TOC_MARK.lower()}"')) >= 0:  # a nav page has it twice: sidebar and nav
        entry_start = head.rfind('<li class="md-nav__item"', 0, link)
        entry_end = head.find("</li>", link)
        if entry_start < 0 or entry_end < 0:
            return None
        entry_end += len("</li>")
        entry = entry or head[entry_start:entry_end]
        head = head[:entry_start] + _TOC_SLOT + head[entry_end:]
    return Shell(head, tail, entry)


def _permalink(settings: Mapping[str, Any]) -> str:
    """The mark after each heading that links to it, as the site's ``toc`` extension sets it ('' for none)."""
    for ext in settings.get("markdown_extensions") or []:
        if isinstance(ext, dict) and isinstance(ext.get("toc"), dict):
            value = ext["toc"].get("permalink")
            return "&para;" if value is True else html.escape(str(value)) if value else ""
    return ""


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)


def anchor_headings(body: str, permalink: str = "&para;") -> tuple[str, list[dict[str, Any]]]:
    """Give each heading of ``body`` an id (and a permalink) as Python-Markdown's toc extension
    does, so anchors match those of mkdocs pages; returns the body and its toc tokens."""
    from markdown.extensions.toc import slugify, unique

    used: set[str] = set()
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []

    def heading(m: re.Match[str]) -> str:
        level, inner = int(m.group(1)), m.group(2)
        name = re.sub(r"<[^>]+>", "", inner).strip()  # still HTML-escaped, as toc tokens are
        ident = unique(slugify(html.unescape(name), "-"), used)
        token = {"level": level, "id": ident, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
        link = f'<a class="headerlink" href="#{ident}" title="Permanent link">{permalink}</a>' if permalink else ""
        return f'<h{level} id="{ident}">{inner}{link}</h{level}>'

    return _HEADING.sub(heading, body), root


#: The filled bodies of cached pages are held in this many cache entries, each page in the one its path
#: hashes to (crc32): a build reads them one at a time and writes again only those holding a page that
#: changed, came or went. At 52,000 pages (20,000 articles) an entry holds about 200 (under 1 MB), so a
#: rebuild after one new article (its page and those of the few dozen entities it names) writes a few
#: dozen entries, not the whole store. A count chosen from those sizes, not tuned.
PAGE_BUCKETS = 256
CACHE_KIND = "pages"


def _is_bucket(value: object) -> bool:
    """A PageStore entry: page path -> [key, title, table of contents, body]."""
    return isinstance(value, dict) and all(
        isinstance(v, list) and len(v) == 4 and all(isinstance(x, str) for x in v) for v in value.values()
    )


class PageStore:
    """Filled bodies (title, table of contents, body with links fixed and headings anchored) of cached outside
    pages, from earlier builds: ``PAGE_BUCKETS`` cache entries named by ``fp`` (what every page's body
    depends on besides its own inputs: the code, the templates, the shell's contents entry, how links are
    resolved) and their number. A stored body is used only for a page whose key equals the one it was
    stored under (``OutsidePage.key``)."""

    def __init__(self, cache: Cache, fp: str) -> None:
        self.cache, self.fp = cache, fp
        self.reused = self.made = 0

    @staticmethod
    def bucket(src: str) -> int:
        return zlib.crc32(src.encode("utf-8")) % PAGE_BUCKETS

    def _name(self, bucket: int) -> str:
        return digest(self.fp, CACHE_KIND, str(bucket))

    def load(self, bucket: int) -> dict[str, list[str]]:
        found: dict[str, list[str]] | None = self.cache.load(CACHE_KIND, self._name(bucket), expect=_is_bucket)
        return found or {}

    def save(self, bucket: int, pages: dict[str, list[str]], changed: bool) -> None:
        """Keep the bucket's pages of this build: written again when one changed, came or went."""
        if not pages:
            return  # not used by this build: pruned
        if changed:
            self.cache.store(CACHE_KIND, self._name(bucket), pages)
        else:
            self.cache.keep(CACHE_KIND, self._name(bucket))


def link_rule(srcs: Collection[str], directory_urls: bool) -> str:
    """What of the set of outside pages a body's links depend on (``_fix_hrefs``): a link to a docs page goes to
    its outside URL when it is an outside page, else to the URL mkdocs gives it. With directory URLs the two
    differ only for a page named ``index``; without, for every page, so there the whole set counts."""
    if not directory_urls:
        return "files\x00" + "\x00".join(sorted(srcs))
    return "folders\x00" + "\x00".join(sorted(s for s in srcs if posixpath.basename(s) == "index.md"))


def write_outside_pages(
    out_dir: Path,
    pages: Sequence[OutsidePage],
    settings: Mapping[str, Any],
    body: Callable[[OutsidePage], str],
    store: Callable[[str], PageStore] | None = None,
    indexed: Callable[[str, str], str | None] | None = None,
) -> dict[str, str]:
    """Render each outside page (``body`` gives its HTML) into the built site and add them all to the
    search index. One process: creating thousands of page folders and files is file-system work the
    kernel serialises, and forking the build cost more than the rendering it would share (measured).

    ``store(fp)``, given what every body depends on besides the page's own inputs, gives the PageStore
    that keyed pages' bodies come from and go to. ``indexed(path, html)`` sees each page as written (its
    path in the site, its HTML) and returns what to remember of it (or None); returns those by path."""
    dir_urls = directory_urls(settings)
    shell_dir = out_dir / posixpath.dirname(SHELL_SRC)
    shell_page = shell_dir / "index.html"
    shell = _split_shell(shell_page.read_text(encoding="utf-8")) if shell_page.is_file() else None
    if shell_dir.is_dir():
        shutil.rmtree(shell_dir)
    shell = shell or Shell(*_FALLBACK_SHELL)
    srcs = {p.src for p in pages if not p.in_nav}
    permalink = _permalink(settings)
    listed = (out_dir / "search" / "search_index.json").is_file()  # mkdocs' search plugin is on: its index gets the pages too
    cached = store(f"{shell.entry}\x00{permalink}\x00{link_rule(srcs, dir_urls)}") if store is not None else None
    found: dict[str, str] = {}
    root = str(out_dir)

    def fill(page: OutsidePage, here: str, into: Shell) -> list[str]:
        """The page's title, its table of contents as ``into`` draws it, and its body as it goes into the shell."""
        text = body(page)
        content, toc = anchor_headings(_fix_hrefs(text, here, page.src, srcs, dir_urls), permalink)
        return [page_title(text), into.contents(toc), content]

    def named(page: OutsidePage, filled: list[str], here: str, into: Shell) -> tuple[OutsidePage, list[str]]:
        """A page whose body names its edition by EDITION_MARK (``filled``), and that body, when the mark is there
        once and in the body alone; else (an article quoting the mark) the page with the edition named in its
        context, filled again: it is then neither kept nor reused."""
        if not page.edition or (filled[2].count(EDITION_MARK) == 1 and EDITION_MARK not in filled[0] + filled[1]):
            return page, filled
        context = page.context() if callable(page.context) else page.context
        page = replace(page, context={**context, "edition": page.edition}, key="", edition="")
        return page, fill(page, here, into)

    def write(page: OutsidePage, filled: Sequence[str] | None) -> tuple[str, str]:
        """The page written, its body filled now unless given; returns its title and its text for mkdocs' search index."""
        if filled is None and page.edition:
            here = outside_url(page.src, dir_urls)
            page, filled = named(page, fill(page, here, shell), here, shell)
        if page.in_nav:
            here = page_url(page.src, dir_urls)
            path = out_dir / (here + "index.html" if here.endswith("/") or not here else here)
            own = _split_shell(path.read_text(encoding="utf-8")) if path.is_file() else None
            if own is None:
                raise BuildError(f"{page.src}: the theme did not keep the page's placeholders; cannot put its body in")
            title, toc, content = filled or fill(page, here, own)
            text = own.page(html.escape(title, quote=False), toc, content)
            path.write_text(text, encoding="utf-8")
            rel = path.relative_to(out_dir).as_posix()
        else:
            title, toc, content = filled or fill(page, outside_url(page.src, dir_urls), shell)
            if page.edition:
                content = content.replace(EDITION_MARK, page.edition)
            text = shell.page(html.escape(title, quote=False), toc, content)
            rel = outside_url(page.src, True) + "index.html"
            folder = f"{root}/{rel[: -len('/index.html')]}"  # plain strings and os calls: 52,000 pages at 20,000 articles
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            with open(f"{folder}/index.html", "w", encoding="utf-8") as fh:
                fh.write(text)
        if indexed is not None:
            value = indexed(rel, text)
            if value is not None:
                found[rel] = value
        return title, _text_of(content) if listed else ""

    written: list[tuple[str, str]] = [("", "")] * len(pages)
    buckets: dict[int, list[int]] = {}  # pages by the PageStore entry holding them (-1: not cached)
    for k, page in enumerate(pages):
        buckets.setdefault(cached.bucket(page.src) if cached is not None and page.key and not page.in_nav else -1, []).append(k)
    for bucket, ks in sorted(buckets.items()):
        if cached is None or bucket < 0:
            for k in ks:
                written[k] = write(pages[k], None)
            continue
        old = cached.load(bucket)
        new: dict[str, list[str]] = {}
        changed = False
        for k in ks:
            page = pages[k]
            entry = old.get(page.src)
            if entry is not None and entry[0] == page.key:
                filled = entry[1:]
                cached.reused += 1
            else:
                here = outside_url(page.src, dir_urls)
                page, filled = named(page, fill(page, here, shell), here, shell)
                changed = True
                cached.made += 1
            if page.key:
                new[page.src] = [page.key, *filled]
            written[k] = write(page, filled)
        cached.save(bucket, new, changed or new.keys() != old.keys())
    if listed:
        _add_to_search(out_dir, pages, written, dir_urls)
    return found


def _text_of(body: str) -> str:
    """A converted body as one paragraph of text for the search index, without its h1."""
    body = re.sub(r"<h1\b.*?</h1>", " ", body, count=1, flags=re.S)
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", body)
    return "<p>" + " ".join(re.sub(r"<[^>]+>", " ", body).split()) + "</p>"


def _fix_hrefs(body: str, here: str, src: str, outside: Collection[str], directory_urls: bool) -> str:
    """Relative links in a body (docs paths: pages' ``.md``, files such as PDFs, folders) as mkdocs would
    write them from the page at site URL ``here`` built from docs path ``src``."""
    folder = posixpath.dirname(src)

    def fix(m: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(folder, m.group(1)))
        if not target.endswith(".md"):
            url = target + "/" if m.group(1).endswith("/") else target
        else:
            url = outside_url(target, directory_urls) if target in outside else page_url(target, directory_urls)
        return f'href="{relative_url(url, here)}{m.group(2) or ""}"'

    return _HREF.sub(fix, body)


def _add_to_search(out_dir: Path, pages: Sequence[OutsidePage], written: Sequence[tuple[str, str]], directory_urls: bool) -> None:
    path = out_dir / "search" / "search_index.json"
    if not path.is_file():
        return  # the search plugin is off
    data = json.loads(path.read_text(encoding="utf-8"))
    shell = page_url(SHELL_SRC, directory_urls)
    filled = {page_url(p.src, directory_urls) for p in pages if p.in_nav}

    def replaced(location: str) -> bool:  # the shell's entries, and those of nav pages' placeholders
        return location.startswith(shell) or location.split("#", 1)[0] in filled

    docs = [d for d in data.get("docs", []) if not replaced(str(d.get("location", "")))]
    # Material shows search results as HTML (innerHTML): the title must be escaped like the texts are.
    docs += [
        {
            "location": page_url(p.src, directory_urls) if p.in_nav else outside_url(p.src, directory_urls),
            "title": html.escape(title, quote=False),
            "text": text,
        }
        for p, (title, text) in zip(pages, written, strict=True)
    ]
    data["docs"] = docs
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
