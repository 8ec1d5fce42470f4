"""Files in the content folder -> Article records.

The only stage that reads ``content/``. Each file is either built into one or
more articles or reported as Skipped with a reason a person can act on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import re
import stat
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import filestat
from briefgen.cache import capturing, digest
from briefgen.ingest import language
from briefgen.ingest.errors import Invalid as _Invalid
from briefgen.ingest.text import decode, parse_date, read_text, sniff
from briefgen.models import Article, Skipped

if TYPE_CHECKING:
    from briefgen.cache import Cache
    from briefgen.config import BuildConfig

__all__ = ["READERS", "article_key", "decode", "discover", "ingest", "parse_date", "read_file"]

log = logging.getLogger(__name__)

#: A reader turns one file's bytes into articles, and Skipped records for entries it cannot build.
Reader = Callable[[bytes, str], Iterable[Article | Skipped]]


def _text(fmt: str) -> Reader:
    def read(data: bytes, rel: str) -> Iterator[Article]:
        yield read_text(data, rel, fmt)

    return read


def _html(data: bytes, rel: str) -> Iterator[Article]:
    from briefgen.ingest.html import read_html  # trafilatura is slow to import: only when needed

    yield read_html(data, rel)


def _feed(data: bytes, rel: str) -> Iterator[Article | Skipped]:
    from briefgen.ingest.feeds import read_feed

    yield from read_feed(data, rel)


def _jsonl(data: bytes, rel: str) -> Iterator[Article | Skipped]:
    from briefgen.ingest.jsonl import read_jsonl

    yield from read_jsonl(decode(data), rel)


#: File suffix -> reader. A new format is a module in ingest/ and a line here.
READERS: dict[str, Reader] = {
    ".txt": _text("txt"),
    ".text": _text("txt"),
    ".md": _text("md"),
    ".markdown": _text("md"),
    ".html": _html,
    ".htm": _html,
    ".rss": _feed,
    ".atom": _feed,
    ".xml": _feed,
    ".jsonl": _jsonl,
    ".ndjson": _jsonl,
}
#: Files in the content folder that configure the build rather than hold articles.
EDITOR_FILES = ("stories.yml", "stories.yaml")  # read by pipeline.load_editor_file
CONTROL_FILES = set(EDITOR_FILES)
BACKUP_SUFFIXES = (".bak", ".swp", ".swo", ".orig", ".rej", ".tmp", "~")
#: A folder holding one of these is a site (or an edition) built earlier, never articles.
SITE_MARKERS = ("versions.json", "briefing.json")
#: Longest article text analysed; longer texts would stall the analysis (spaCy, summaries) of the whole build.
MAX_ARTICLE_CHARS = 100_000
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def discover(content_dir: Path, exclude: Path | None = None) -> tuple[list[Path], list[Skipped]]:
    """Every file under ``content_dir`` to read, sorted, and the files and folders left out with why.

    Hidden files and folders (a leading '.') and the control file stories.yml are left out
    silently; everything else is either returned or reported. Symbolic links to folders are
    never followed (no loops, no duplicates); links to files are followed only inside the folder.
    ``exclude`` is the site folder, when it lies inside the content folder.
    """
    root = Path(os.path.realpath(content_dir))
    excluded = Path(os.path.realpath(exclude)) if exclude is not None else None
    files: list[Path] = []
    skipped: list[Skipped] = []

    def skip(path: Path, reason: str, folder: bool = False) -> None:
        skipped.append(Skipped(shown(_rel(path, content_dir)) + ("/" if folder else ""), reason))

    def unreadable(exc: OSError) -> None:
        if exc.filename is not None:
            skip(Path(exc.filename), f"folder cannot be read: {exc.strerror or exc}; check its permissions", folder=True)

    for dirpath, dirnames, filenames in os.walk(content_dir, onerror=unreadable, followlinks=False):
        base = Path(dirpath)
        keep = []
        for name in sorted(dirnames):
            path = base / name
            if name.startswith("."):
                continue
            if _BAD_NAME.search(name):
                skip(path, "folder name has control characters or bytes that are not UTF-8: rename it", folder=True)
            elif path.is_symlink():
                skip(path, "symbolic link to a folder: not followed (move or copy the folder into the content folder)")
            elif excluded is not None and Path(os.path.realpath(path)) == excluded:
                skip(path, "the site folder being built: not read", folder=True)
            elif any((path / marker).is_file() for marker in SITE_MARKERS):
                skip(
                    path,
                    "a site or edition briefgen built (it holds versions.json or briefing.json): not read as articles; "
                    "move it out of the content folder",
                    folder=True,
                )
            elif name.startswith("_"):
                skip(path, "folder name starts with '_' (drafts): not read; rename it to build its files", folder=True)
            else:
                keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            path = base / name
            rel = _rel(path, content_dir)
            if name.startswith(".") or rel in CONTROL_FILES:
                continue
            if _BAD_NAME.search(name):
                skip(path, "file name has control characters or bytes that are not UTF-8: rename it")
            elif name.endswith(BACKUP_SUFFIXES) or (len(name) > 1 and name.startswith("#") and name.endswith("#")):
                skip(path, "an editor's backup or temporary file: not read (rename it to .txt or .md to build it)")
            elif path.is_symlink():
                target = Path(os.path.realpath(path))
                if not target.is_relative_to(root):
                    skip(path, "symbolic link leading outside the content folder: not followed")
                elif not target.exists():
                    skip(path, "broken symbolic link (its target is missing, or it points to itself)")
                else:
                    files.append(path)
            else:
                files.append(path)
    return files, skipped


def _rel(path: Path, content_dir: Path) -> str:
    return path.relative_to(content_dir).as_posix()


def shown(name: str) -> str:
    """A file name safe to print and to write as UTF-8: undecodable bytes and controls replaced."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return re.sub(r"[\x00-\x1f\x7f]", "?", text)


#: The files' records (what each holds, and its size and times as last read) are kept in this many cache entries,
#: each file in the one its path hashes to (crc32): a rebuild reads them all and writes again only those holding
#: a file that came, changed or went. About 80 files an entry (under 1 MB) at 20,000 files; chosen, not tuned.
FILE_BUCKETS = 256


class _Book:
    """The records of the content folder's files from earlier builds (``FILE_BUCKETS`` cache entries of kind
    "ingest", named by the stage's fingerprint): per file its stamp (``filestat``: trusted when the file had
    settled before the build that recorded it), the articles and skipped entries it held, the warnings its
    reader gave, and its articles' text keys (``dedupe``) and record keys (``article_key``). A file whose stamp
    matches a trusted record is not read again: its record stands for it. Any other file is read (its parse
    may still come from its own entry, by content)."""

    def __init__(self, cache: Cache, fp: str) -> None:
        self.cache, self.fp = cache, fp
        self.started = filestat.now()
        self.old: dict[int, dict[str, list[Any]]] = {}
        self.new: dict[int, dict[str, list[Any]]] = {}
        self.changed: set[int] = set()

    def _name(self, bucket: int) -> str:
        return digest(self.fp, "file records", str(bucket))

    def _bucket(self, rel: str) -> tuple[int, dict[str, list[Any]]]:
        bucket = zlib.crc32(rel.encode("utf-8", "surrogateescape")) % FILE_BUCKETS
        if bucket not in self.old:
            self.old[bucket] = self.cache.load("ingest", self._name(bucket), expect=_is_book) or {}
            self.new[bucket] = {}
        return bucket, self.old[bucket]

    def unchanged(self, rel: str, info: os.stat_result) -> list[Any] | None:
        """The file's record when the file is as recorded (kept for this build), else None."""
        bucket, old = self._bucket(rel)
        record = old.get(rel)
        if record is None or not record[5] or record[:5] != filestat.stamp(info):
            return None
        self.new[bucket][rel] = record
        return record

    def record(self, rel: str, info: os.stat_result, items: list[Article | Skipped], warned: list[str]) -> list[Any]:
        """A file just read: its record, for the next build (its keys are added by ``derive``)."""
        bucket, _ = self._bucket(rel)
        record = [*filestat.stamp(info), filestat.settled(info, self.started), items, warned, {}]
        self.new[bucket][rel] = record
        self.changed.add(bucket)
        return record

    def derived(self, rel: str, record: list[Any], article: str, keys: list[str]) -> None:
        """An article's text key and record key, kept in its file's record."""
        record[8][article] = keys
        self.changed.add(self._bucket(rel)[0])

    def save(self, listed: set[str]) -> None:
        """Store the buckets that changed; a file not read this build (an edition over a window skips old
        files) keeps its record while it is in the folder."""
        for bucket, old in self.old.items():
            new = self.new[bucket]
            for rel, record in old.items():
                if rel not in new and rel in listed:
                    new[rel] = record
            if bucket in self.changed or new.keys() != old.keys():
                self.cache.store("ingest", self._name(bucket), new)
            elif new:
                self.cache.keep("ingest", self._name(bucket))


def _is_book(value: object) -> bool:
    """A _Book entry: path -> [size, mtime, ctime, inode, device, trusted, items, warnings, keys by article id]."""
    return isinstance(value, dict) and all(
        isinstance(r, list)
        and len(r) == 9
        and all(isinstance(x, int) for x in r[:5])
        and isinstance(r[5], bool)
        and isinstance(r[6], list)
        and all(isinstance(x, (Article, Skipped)) for x in r[6])
        and isinstance(r[7], list)
        and all(isinstance(x, str) for x in r[7])
        and isinstance(r[8], dict)
        and all(isinstance(k, list) and len(k) == 2 and all(isinstance(x, str) for x in k) for k in r[8].values())
        for r in value.values()
    )


def ingest(
    config: BuildConfig,
    cache: Cache | None = None,
    fp: str = "",
    progress: Callable[[int, int], None] | None = None,
    select: Callable[[str, os.stat_result], bool] | None = None,
    keys: dict[str, str] | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read every article under ``config.content_dir``; bad files become Skipped records.

    With ``cache``, a file's articles are kept under its path and bytes and ``fp``, the stage's
    fingerprint (pipeline.fingerprint: the readers' code and libraries), so a rebuild parses only new
    or changed files; and a file whose size, times, inode and device are as a build recorded them (and
    settled before it: ``_Book``, ``filestat``) is not read at all. ``progress`` gets (files read,
    files found) as it goes. ``select(path, stat)``, if given, sees every file first, and a file it
    returns False for is not read (an edition over a window leaves out files it knows hold only older
    articles). ``keys``, if given, receives each article's ``article_key`` by id."""
    if cache is not None and not fp:
        raise ValueError("ingest: a cache needs the stage's fingerprint (pipeline.fingerprint) in its keys")
    content_dir = config.content_dir
    if not content_dir.is_dir():
        from briefgen.errors import BuildError

        raise BuildError(f"{content_dir}: content folder not found")
    content_real, site_real = Path(os.path.realpath(content_dir)), Path(os.path.realpath(config.site_dir))
    if content_real.is_relative_to(site_real):
        from briefgen.errors import BuildError

        where = "is the site folder" if content_real == site_real else f"is inside the site folder {config.site_dir}"
        raise BuildError(f"{content_dir}: the content folder {where}; a build replaces that folder, so keep them apart")
    files, skipped = discover(content_dir, exclude=config.site_dir)
    book = _Book(cache, fp) if cache is not None else None
    articles: list[Article] = []
    records: dict[str, tuple[str, list[Any]]] = {}  # article id -> the file holding it and its record
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files))
        rel = _rel(path, content_dir)
        info: os.stat_result | None = None
        if select is not None or book is not None:
            try:
                info = path.stat()
            except OSError:
                info = None  # read_file says why
            if select is not None and info is not None and not select(rel, info):
                continue
        record = book.unchanged(rel, info) if book is not None and info is not None else None
        items: Iterable[Article | Skipped]
        if record is not None:
            items = record[6]
            for message in record[7]:
                log.warning("%s", message)
        else:
            try:
                with capturing() as warned:  # what the reader said, said again when its record stands for the file
                    items = read_file(path, rel, config, cache, fp)
                if book is not None and info is not None:
                    record = book.record(rel, info, list(items), warned)
            except _Invalid as exc:
                items = [Skipped(rel, str(exc))]
            except Exception as exc:  # a bug in a reader costs one file, not the build
                log.debug("%s: unexpected error", rel, exc_info=True)
                items = [Skipped(rel, f"could not be read: unexpected {type(exc).__name__}: {_clip(str(exc))} (please report this)")]
        for item in items:
            if isinstance(item, Skipped):
                skipped.append(item)
                log.info("%s: %s", item.path, item.reason)  # reported in Briefing.skipped, not as a warning too
            elif len(item.text) > MAX_ARTICLE_CHARS:
                reason = f"article text is {len(item.text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit: split it into several files"
                skipped.append(Skipped(item.id, reason))
                log.info("%s: %s", item.id, reason)
            else:
                article = _valid_text(item)
                if article.language != "en" and article.language not in (config.models or {}):
                    reason = (
                        f"written in {language.name(article.language)}; briefgen reads English (to read it, install a spaCy "
                        f"pipeline for it and set models: {{{article.language}: <pipeline>}} in briefgen.yml)"
                    )
                    skipped.append(Skipped(article.id, reason))
                    log.info("%s: %s", article.id, reason)
                else:
                    articles.append(article)
                    if record is not None:
                        records[article.id] = (rel, record)
    language.release()  # the language model's memory is not needed by the later stages
    if progress is not None:
        progress(len(files), len(files))
    known: dict[str, list[str]] = {}  # article id -> [text key, article key], from the records, else made now
    for article in articles:
        rel, record = records.get(article.id, ("", []))
        pair = record[8].get(article.id) if record else None
        if pair is None:
            pair = [text_key(article.text), article_key(article)]
            if book is not None and record:
                book.derived(rel, record, article.id, pair)
        known[article.id] = pair
    if book is not None:
        book.save({_rel(path, content_dir) for path in files})
    if keys is not None:
        keys.update((a, pair[1]) for a, pair in known.items())
    articles, duplicates = dedupe(articles, {a: pair[0] for a, pair in known.items()})
    skipped.extend(duplicates)
    return articles, sorted(skipped, key=lambda s: s.path)


def article_key(article: Article) -> str:
    """What later stages' cache keys know an article by: the digest of its whole record."""
    return digest(repr(article))


def _with_language(article: Article) -> Article:
    code = language.detect(article.title if not article.title_inferred else "", article.text)
    return article if code == article.language else dataclasses.replace(article, language=code)


def text_key(text: str) -> str:
    """A hash of an article's words, blind to case, spacing, punctuation and quote styles."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def dedupe(articles: list[Article], text_keys: Mapping[str, str] | None = None) -> tuple[list[Article], list[Skipped]]:
    """Keep one of articles with the same text and report the others.

    The copy kept is the one that knows most (a real headline, date, source, link, author),
    then the first by id, so the choice does not depend on the order files were read in.
    ``text_keys``: each article's ``text_key`` by id, where known.
    """
    keyed = dict(text_keys or {})
    for article in articles:
        if article.id not in keyed:
            keyed[article.id] = text_key(article.text)

    def preference(a: Article) -> tuple[int, str]:
        known = (not a.title_inferred) + sum(v is not None for v in (a.date, a.source, a.url, a.author))
        return -known, a.id

    keep: dict[str, str] = {}
    for article in sorted(articles, key=preference):
        keep.setdefault(keyed[article.id], article.id)
    kept: list[Article] = []
    duplicates: list[Skipped] = []
    for article in articles:
        first = keep[keyed[article.id]]
        if first == article.id:
            kept.append(article)
        else:
            duplicates.append(Skipped(article.id, f"duplicate of {first}"))
            log.info("%s: duplicate of %s", article.id, first)
    return kept, duplicates


def read_file(path: Path, rel: str, config: BuildConfig, cache: Cache | None = None, fp: str = "") -> list[Article | Skipped]:
    """One file -> its articles (feeds and JSON Lines files may hold several, and Skipped entries).

    Raises Invalid with the reason when the file as a whole cannot be built.
    """
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    data = _read_bytes(path, config.max_file_bytes if reader else 4096, whole=reader is not None)
    problem = sniff(data)
    if reader is None:
        formats = ", ".join(sorted(READERS))
        found = f": {problem}" if problem else ""
        raise _Invalid(f"not a supported article format ({suffix or 'no extension'}){found}; briefgen reads {formats}")
    if problem:
        raise _Invalid(problem)
    if cache is None:
        return [_with_language(x) if isinstance(x, Article) else x for x in reader(data, rel)]
    if not fp:
        raise ValueError("read_file: a cache needs the stage's fingerprint (pipeline.fingerprint) in its keys")
    key = digest(fp, rel, data)
    entry = cache.load("ingest", key, expect=_is_entry)
    if entry is None:
        with capturing() as warned:  # a reader's warnings (a malformed feed) are given again when its entry is reused
            items = [_with_language(x) if isinstance(x, Article) else x for x in reader(data, rel)]
        cache.store("ingest", key, (items, warned))
        return items
    items, warned = entry
    for message in warned:
        log.warning("%s", message)
    return list(items)


def _is_entry(value: Any) -> bool:
    """An ingest cache entry: (the file's articles and skipped entries, the reader's warnings)."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], list)
        and isinstance(value[1], list)
        and all(isinstance(x, (Article, Skipped)) for x in value[0])
        and all(isinstance(x, str) for x in value[1])
    )


def _read_bytes(path: Path, limit: int, whole: bool) -> bytes:
    """The file's bytes (at most ``limit``); only regular files are opened, so a pipe cannot block the build."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a named pipe" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
            raise _Invalid(f"not a regular file ({kind}): not read")
        if whole and info.st_size > limit:
            raise _Invalid(f"file is {info.st_size / 1e6:,.1f} MB, over the {limit / 1e6:,.1f} MB limit (max_file_bytes): split it")
        if whole:
            data = path.read_bytes()
        else:
            with path.open("rb") as fh:
                data = fh.read(limit)
    except OSError as exc:
        hint = "; check its permissions" if isinstance(exc, PermissionError) else ""
        raise _Invalid(f"cannot be read: {exc.strerror or exc}{hint}") from None
    if whole and len(data) > limit:  # it grew since stat()
        raise _Invalid(f"file is over the {limit / 1e6:,.1f} MB limit (max_file_bytes): split it")
    return data


def _valid_text(article: Article) -> Article:
    """Lone surrogates (from JSON or YAML escapes) cannot be written as UTF-8: replace them, keeping every offset."""
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(article):
        value = getattr(article, field.name)
        if isinstance(value, str) and _SURROGATE.search(value):
            fields[field.name] = _SURROGATE.sub("\ufffd", value)
    if any(_SURROGATE.search(p.text) for p in article.paragraphs):
        fields["paragraphs"] = tuple(dataclasses.replace(p, text=_SURROGATE.sub("\ufffd", p.text)) for p in article.paragraphs)
    return dataclasses.replace(article, **fields) if fields else article


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
