"""The edition's search index, in shards: each shard's pagefind index cached by the text it indexes.

Pagefind (``pagefind[bin]``, a Rust binary) holds every page it indexes in memory, about 0.17 MiB a
page, and indexed the whole edition again on every build. Here the story and article pages are
cut into shards of about ``SHARD_PAGES`` pages; each shard is indexed by its own pagefind run over
copies of its pages holding only what pagefind reads of them (the ``data-pagefind-body`` element,
without its ``data-pagefind-ignore`` parts: the edition's name, "new" and "updated" marks), and its
index is cached under the digest of those copies. A build runs pagefind only for shards whose
pages' indexed text changed, one shard at a time: its memory is one shard's, whatever the edition's
size. The browser merges the shards at query time (pagefind's ``mergeIndex``; briefgen.js).

Shards are runs of pages in date order (an article by its date, a story by its first article's),
cut before each page whose path hashes to a multiple of ``SHARD_PAGES`` (content-defined, as
chunking backup tools do): a page added anywhere changes only the shard it falls into, never the
cuts elsewhere (but where a shard reached its size limit and was cut there, the next shard changes
too, up to the next cut the pages make), so a rebuild after one new article re-indexes the shards
of the pages whose indexed text it changed (its own page, its story's), not the edition. A story's
page does not index its list of related stories (their titles and article counts), which would
carry one story's change to the pages of every story related to it.

Layout in the edition: ``pagefind/`` is the first shard's bundle (pagefind.js, its worker and
WebAssembly, entry file, meta file, word chunks in ``index/``, page fragments in ``fragment/``),
each other shard's index is in ``pagefind/<digest>/``, and ``pagefind/shards.json`` lists those
folders. An edition of one shard has exactly pagefind's usual layout.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.cache import Cache, digest
from briefgen.errors import BuildError

log = logging.getLogger(__name__)

SEARCH_DIR = "pagefind"  # the search index's folder in each edition
SHARDS_FILE = "shards.json"  # in SEARCH_DIR: the folders of the shards after the first, which the browser merges
CACHE_KIND = "search"
#: Expected pages in a shard (a shard is cut before a page whose path hashes to a multiple of it), and
#: ``MAX_SHARD`` times that at most (a cut is forced there). Chosen from pagefind's memory, about 10 MiB
#: plus 0.17 MiB a page (measured: 18 MiB for 45 pages, 350 MiB for 2,147): at most 2,000 pages, about
#: 350 MiB, leaves room under the 2 GiB goal beside the build process at 20,000 articles, while a
#: browser merges one shard per 1,000 pages (each a meta file and, per query, a word chunk).
SHARD_PAGES = 1000
MAX_SHARD = 2
#: The pages pagefind indexes: story and article pages. An entity page repeats what the story pages' fact
#: boxes and the articles say, and reading them tripled the indexer's time (6,782 pages instead of 2,122
#: at 1,982 articles).
PAGE_FOLDERS = ("stories", "articles")
#: pagefind's own search UIs and the WebAssembly for pages of no known language: the site has its own UI
#: (briefgen.js) and every page is English.
_UNUSED = frozenset(
    {
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-component-ui.js",
        "pagefind-component-ui.css",
        "pagefind-modular-ui.js",
        "pagefind-modular-ui.css",
        "pagefind-highlight.js",
        "wasm.unknown.pagefind",
    }
)
#: Files only the first shard's bundle (the folder the browser imports pagefind.js from) needs.
_CODE = ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind")


@dataclass(frozen=True)
class Page:
    """One page to index: its path in the edition (``stories/s-1/index.html``), the key that orders it
    (its date, then its path) and the digest of what pagefind reads of it."""

    path: str
    order: tuple[str, str]
    text: str


@dataclass(frozen=True)
class Stats:
    """What a build's search stage did: shards in the edition, shards indexed by pagefind (the others
    came from the cache), pages in the largest shard."""

    shards: int
    indexed: int
    largest: int


# --- what pagefind reads of a page ------------------------------------------------------------------

_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>")  # a start tag and its attributes
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))
_BODY = re.compile(r"\sdata-pagefind-body(?:[\s=/]|$)")
_IGNORE = re.compile(r"\sdata-pagefind-ignore(?:\s*=\s*[\"']?(?:index|all)?[\"']?)?(?:[\s/]|$)")
_ATTRIBUTE = re.compile(r"\sdata-pagefind-(?:filter|meta|sort|index-attrs|weight)")
_HEAD = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"></head><body>\n'
_TAIL = "\n</body></html>\n"


def indexed_html(html: str) -> str | None:
    """The page as pagefind indexes it: its ``data-pagefind-body`` elements in a bare document, less the
    elements marked ``data-pagefind-ignore``; None for a page without a body element (pagefind skips it).

    Pagefind indexes only those elements once a site marks any (every story and article page does), and
    never the ignored ones' text; an ignored element holding a pagefind attribute (a filter, a meta value,
    which pagefind would still read) is kept. A test checks that pagefind makes the same files from these
    as from the whole pages.
    """
    bodies: list[str] = []
    at = 0
    while (start := _marked(html, "data-pagefind-body", _BODY, at)) is not None:
        begin, tag = start
        end = _end(html, begin, tag)
        if end is None:
            break
        out, pos = [], begin
        inner = begin + 1
        while (found := _marked(html, "data-pagefind-ignore", _IGNORE, inner, end)) is not None:
            cut_at, cut_tag = found
            cut_end = _end(html, cut_at, cut_tag)
            if cut_end is None or cut_end > end:
                break
            if _ATTRIBUTE.search(html, cut_at, cut_end) is None:
                out.append(html[pos:cut_at])
                pos = cut_end
            inner = cut_end
        out.append(html[pos:end])
        bodies.append("".join(out))
        at = end
    return _HEAD + "\n".join(bodies) + _TAIL if bodies else None


def _marked(html: str, attribute: str, pattern: re.Pattern[str], at: int, until: int | None = None) -> tuple[int, str] | None:
    """The next start tag from ``at`` carrying ``attribute``: where it opens and its name (None: no more).
    The attribute's name in text, not in a tag, is passed over."""
    limit = len(html) if until is None else until
    while (found := html.find(attribute, at, limit)) >= 0:
        begin = html.rfind("<", 0, found)
        m = _START.match(html, begin) if begin >= 0 else None
        if m is not None and m.end() > found and pattern.search(m.group(2) + " "):
            return begin, m.group(1).lower()
        at = found + len(attribute)
    return None


@functools.cache
def _tags(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){tag}(?=[\s/>])(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>", re.IGNORECASE)


def _end(html: str, begin: int, tag: str) -> int | None:
    """Where the element whose start tag opens at ``begin`` ends (after its end tag); None when it never does."""
    if tag in _VOID:
        m = _START.match(html, begin)
        return m.end() if m else None
    depth = 0
    for m in _tags(tag).finditer(html, begin):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return None


# --- shards -----------------------------------------------------------------------------------------


def _cut_here(path: str) -> bool:
    """A shard starts at this page: its path's hash is a multiple of SHARD_PAGES (one page in SHARD_PAGES)."""
    return int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:8], "big") % SHARD_PAGES == 0


def shards(pages: Iterable[Page]) -> list[list[Page]]:
    """The pages in date order, cut before each page whose path says so and after MAX_SHARD * SHARD_PAGES pages."""
    out: list[list[Page]] = []
    for page in sorted(pages, key=lambda p: p.order):
        if not out or (_cut_here(page.path) and out[-1]) or len(out[-1]) >= MAX_SHARD * SHARD_PAGES:
            out.append([])
        out[-1].append(page)
    return out


def shard_key(fp: str, version: str, shard: Sequence[Page]) -> str:
    """A shard's cache key: the stage's code, pagefind's version, and each page's path and indexed text."""
    return digest(fp, version, *(f"{p.path}\x00{p.text}" for p in shard))


def page_dates(articles: Iterable[tuple[str, str | None]], stories: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Each page's path -> the date that orders it, from (page name, date) pairs: an article's date (its
    page named by render.article_slug), a story's first article's date (its page named by its id)."""
    dates: dict[str, str] = {}
    for folder, items in (("articles", articles), ("stories", stories)):
        for name, date in items:
            if date:
                dates[f"{folder}/{name}/index.html"] = date
    return dates


def page_digest(path: str, html: str) -> str | None:
    """The digest of what pagefind reads of the page at ``path`` in the edition (``stories/s-1/index.html``)
    with this HTML; None for a page it does not index (another folder, or no ``data-pagefind-body``)."""
    if path.partition("/")[0] not in PAGE_FOLDERS:
        return None
    indexed = indexed_html(html)
    return hashlib.sha256(indexed.encode("utf-8")).hexdigest() if indexed is not None else None


def find_pages(out_dir: Path, dates: Mapping[str, str], known: Mapping[str, str] | None = None) -> list[Page]:
    """The edition's story and article pages that pagefind indexes, each with its order and indexed text's digest.

    ``known``: the digest (``page_digest``) of every such page, by path, taken as the pages were written (the
    articles stage writes all of them): then no page is looked for or read on the disk."""
    if known is not None:
        return [Page(rel, (dates.get(rel, ""), rel), text) for rel, text in sorted(known.items())]
    pages = []
    for folder in PAGE_FOLDERS:
        for dirpath, dirnames, filenames in os.walk(out_dir / folder):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(".html"):
                    continue
                path = Path(dirpath, name)
                rel = path.relative_to(out_dir).as_posix()
                text = page_digest(rel, path.read_text(encoding="utf-8"))
                if text is not None:
                    pages.append(Page(rel, (dates.get(rel, ""), rel), text))
    return pages


# --- running pagefind -------------------------------------------------------------------------------


def _executable() -> tuple[str, str]:
    """pagefind's binary and its version."""
    import importlib.metadata

    try:
        from pagefind_bin import get_executable

        return str(get_executable()), importlib.metadata.version("pagefind_bin")
    except (ImportError, FileNotFoundError, importlib.metadata.PackageNotFoundError) as exc:
        raise BuildError(f"the search indexer is missing ({exc}); install it with `pip install 'pagefind[bin]'`") from None


def _run_pagefind(exe: str, out_dir: Path, shard: Sequence[Page], scratch: Path) -> tuple[tuple[str, bytes], ...]:
    """Pagefind over the shard's pages (as ``indexed_html`` makes them, at their own paths, so results
    link to them): its bundle's files, by path."""
    site, bundle = scratch / "site", scratch / "bundle"
    for folder in (site, bundle):
        shutil.rmtree(folder, ignore_errors=True)
    for page in shard:
        html = indexed_html((out_dir / page.path).read_text(encoding="utf-8"))
        target = site / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html or "", encoding="utf-8")
    command = [
        exe,
        "--site",
        str(site),
        "--output-path",
        str(bundle),
        "--glob",
        "{" + ",".join(PAGE_FOLDERS) + "}/**/*.html",
        "--force-language",
        "en",
        "--exclude-selectors",
        ".headerlink",  # headings' permalink marks are not text
        "--silent",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"{out_dir}: the search indexer (pagefind) failed: {(done.stderr or done.stdout).strip()[-500:]}")
    files = tuple(
        (f.relative_to(bundle).as_posix(), f.read_bytes()) for f in sorted(bundle.rglob("*")) if f.is_file() and f.name not in _UNUSED
    )
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(bundle, ignore_errors=True)
    return files


def _bundle(value: object) -> bool:
    return isinstance(value, tuple) and all(
        isinstance(f, tuple) and len(f) == 2 and isinstance(f[0], str) and isinstance(f[1], bytes) for f in value
    )


#: Pagefind backtracks a word missing from an index to its longest prefix that is in it ("Canadastad" finds
#: "can"; Pagefind/pagefind#315, #793). Over one index that happens only for a word of no page; over merged
#: shards, for a word missing from any one shard, whose pages then fill the results. Pagefind's "playground
#: mode" names the index word each result matched, so briefgen.js keeps only results whose words begin with
#: the query's words; pagefind 1.5.2 turns that mode on for the first index only and does not export it.
#: These edits turn it on for every merged index and export it (each must match once: PAGEFIND_VERSION).
PAGEFIND_VERSION = "1.5.2"
_EVERY_INDEX = (
    "async enterPlaygroundMode(){await this.primary.enterPlaygroundMode();}",
    "async enterPlaygroundMode(){await Promise.all(this.instances.map((i)=>i.enterPlaygroundMode()));}",
)
_PATCHES = {
    "pagefind.js": (
        _EVERY_INDEX,
        (
            "export{createInstance,",
            "var enterPlaygroundMode=async()=>{init_pagefind();return await pagefind.enterPlaygroundMode();};"
            "export{enterPlaygroundMode,createInstance,",
        ),
    ),
    "pagefind-worker.js": (_EVERY_INDEX,),
}


def patched(rel: str, data: bytes) -> bytes:
    """Pagefind's script ``rel`` with the edits above (other files as they are)."""
    text = data.decode("utf-8") if rel in _PATCHES else ""
    for old, new in _PATCHES.get(rel, ()):
        if text.count(old) != 1:
            raise BuildError(
                f"pagefind's {rel} is not the one briefgen edits (pagefind {PAGEFIND_VERSION}); install pagefind[bin]=={PAGEFIND_VERSION}"
            )
        text = text.replace(old, new)
    return text.encode("utf-8") if rel in _PATCHES else data


def _write(folder: Path, files: Iterable[tuple[str, bytes]], code: bool) -> None:
    for rel, data in files:
        if rel.startswith("/") or ".." in rel.split("/") or (not code and rel in _CODE):
            continue
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(patched(rel, data))


#: A shard's folder is named by the first hex digits of its cache key: 16 (64 bits) keep the names of one edition's
#: shards apart (a clash would need about 4 billion shards) and short in the URLs the browser fetches.
SHARD_NAME = 16


def index_search(
    out_dir: Path, dates: Mapping[str, str], cache: Cache, fp: str, scratch: Path, known: Mapping[str, str] | None = None
) -> Stats:
    """The search index of the built edition in ``out_dir / SEARCH_DIR``, shard by shard (module docstring):
    each shard's bundle from the cache, or from a pagefind run over its pages; ``scratch`` is a folder
    for those runs' copies; ``known``: the digests of all its pages as they were written (``page_digest``), by path."""
    exe, version = _executable()
    cut = shards(find_pages(out_dir, dates, known))
    if not cut:
        cut = [[]]  # no page to index: pagefind says so (an edition has at least one story)
    target = out_dir / SEARCH_DIR
    names: list[str] = []
    indexed = 0
    for k, shard in enumerate(cut):
        key = shard_key(fp, version, shard)
        files = cache.load(CACHE_KIND, key, expect=_bundle)
        if files is None:
            files = _run_pagefind(exe, out_dir, shard, scratch)
            cache.store(CACHE_KIND, key, files)
            indexed += 1
        if k == 0:
            _write(target, files, code=True)
        else:
            names.append(key[:SHARD_NAME])
            _write(target / key[:SHARD_NAME], files, code=False)
    (target / SHARDS_FILE).write_text(json.dumps({"merge": [f"{n}/" for n in names]}) + "\n", encoding="utf-8")
    stats = Stats(len(cut), indexed, max(len(s) for s in cut))
    log.info("search: %d shards (largest %d pages), %d indexed by pagefind, the others cached", stats.shards, stats.largest, stats.indexed)
    return stats
