"""Files in the content folder -> Article records.

The only stage that reads ``content/``. Each file is either built into one or
more articles or reported as Skipped with a reason a person can act on.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

from briefgen.config import BuildConfig
from briefgen.ingest.errors import Invalid as _Invalid
from briefgen.ingest.text import parse_date, read_text_article
from briefgen.models import Article, Skipped

__all__ = ["discover", "ingest", "parse_date", "read_file"]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
#: Files in the content folder that configure the build rather than hold articles.
CONTROL_FILES = {"stories.yml", "stories.yaml"}
BACKUP_SUFFIXES = (".bak", ".swp", ".swo", ".orig", ".rej", ".tmp", "~")


def discover(content_dir: Path) -> tuple[list[Path], list[Skipped]]:
    """All candidate files under ``content_dir``, sorted; hidden, backup and control files left out."""
    root = content_dir.resolve()
    files: list[Path] = []
    skipped: list[Skipped] = []
    for dirpath, dirnames, filenames in os.walk(content_dir, followlinks=False):
        base = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for d in list(dirnames):
            if (base / d).is_symlink():
                dirnames.remove(d)
                skipped.append(Skipped(_rel(base / d, content_dir), "symbolic link to a folder: not followed"))
        for name in sorted(filenames):
            path = base / name
            rel = _rel(path, content_dir)
            if name.startswith((".", "#")) or name.endswith(BACKUP_SUFFIXES):
                continue
            if rel in CONTROL_FILES:
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    skipped.append(Skipped(rel, "symbolic link leading outside the content folder: not followed"))
                    continue
            files.append(path)
    return files, skipped


def _rel(path: Path, content_dir: Path) -> str:
    return path.relative_to(content_dir).as_posix()


def ingest(config: BuildConfig) -> tuple[list[Article], list[Skipped]]:
    """Read every article under ``config.content_dir``; bad files become Skipped records."""
    content_dir = config.content_dir
    if not content_dir.is_dir():
        from briefgen.errors import BuildError

        raise BuildError(f"{content_dir}: content folder not found")
    files, skipped = discover(content_dir)
    articles: list[Article] = []
    for path in files:
        rel = _rel(path, content_dir)
        try:
            articles.extend(read_file(path, rel, config))
        except _Invalid as exc:
            skipped.append(Skipped(rel, str(exc)))
            log.warning("%s: %s", rel, exc)
    return articles, sorted(skipped, key=lambda s: s.path)


def read_file(path: Path, rel: str, config: BuildConfig) -> Iterator[Article]:
    """One file -> its articles (feeds and JSON Lines files may hold several)."""
    suffix = path.suffix.lower()
    fmt = TEXT_SUFFIXES.get(suffix)
    if fmt is None:
        raise _Invalid(f"not a supported article format ({suffix or 'no extension'}); use .txt or .md")
    try:
        size = path.stat().st_size
        if size > config.max_file_bytes:
            raise _Invalid(f"file is {size / 1e6:.1f} MB, over the {config.max_file_bytes / 1e6:.1f} MB limit (max_file_bytes)")
        data = path.read_bytes()
    except OSError as exc:
        raise _Invalid(f"cannot be read: {exc.strerror or exc}") from None
    yield read_text_article(decode(data), rel, fmt)


def decode(data: bytes) -> str:
    """Bytes -> clean text: BOMs honoured, UTF-8 else Windows-1252, controls removed, LF endings."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Invalid("starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    else:
        head = data[:8192]
        if b"\x00" in head and head.count(b"\x00") > len(head) // 100 + 1:
            raise _Invalid("binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]", "", text)
    return text


