"""A content-addressed store beside the site, so a rebuild redoes only what changed.

Every entry is a file named by the sha256 of everything that produced it: an
analysis by the article's text plus the model, its version and the conversion
code; a story's brief by its articles plus the settings and the code. Nothing
is invalidated in place: a changed input or model asks for another name, and
entries the last build did not use are removed after it, so the folder stays
the size of one archive. CI caches this one folder between runs.

The default place is ``<parent of the site folder>/.briefgen-cache/``, never a
global one, so two sites never share (or corrupt) each other's entries.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import fcntl
import gc
import hashlib
import importlib.metadata
import logging
import multiprocessing
import os
import pickle
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from briefgen.config import BuildConfig
from briefgen.errors import BuildError

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_NAME = ".briefgen-cache"
#: Bump when the folder layout changes; older layouts are removed on the next build.
LAYOUT = "v1"
#: Settings that say where and how to build, not what the records hold.
OUTPUT_SETTINGS = frozenset({
    "content_dir", "site_dir", "edition", "pdf", "strict", "templates_dir", "mkdocs_config", "site_name",
    "n_process", "batch_size", "cache_dir",
})
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# briefgen build cache: safe to delete, rebuilt on the next build.\n"


def default_dir(site_dir: Path) -> Path:
    """``<parent of the site folder>/.briefgen-cache``: beside the site, one folder for CI to keep."""
    return site_dir.resolve().parent / DEFAULT_NAME


def digest(*parts: str | bytes) -> str:
    """sha256 over the parts, each length-prefixed so ('ab', 'c') and ('a', 'bc') differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class Cache:
    """Entries by kind ('analysis', 'briefs', ...) and key (a hex digest), stored as files.

    Reads that fail (a truncated or foreign file) count as misses, so a damaged
    cache costs time, never a wrong site.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.base = self.root / LAYOUT
        self.used: dict[str, set[str]] = defaultdict(set)
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()
        self._dirs: set[Path] = set()

    def path(self, kind: str, key: str) -> Path:
        return self.base / kind / key[:2] / key

    def has(self, kind: str, key: str) -> bool:
        return self.path(kind, key).is_file()

    def get(self, kind: str, key: str) -> bytes | None:
        try:
            data = self.path(kind, key).read_bytes()
        except OSError:
            self.misses[kind] += 1
            return None
        self.used[kind].add(key)
        self.hits[kind] += 1
        return data

    def keep(self, kind: str, key: str) -> None:
        """Count an entry as used by this build (so prune keeps it) without reading it."""
        self.used[kind].add(key)
        self.hits[kind] += 1

    def spare(self, kind: str) -> None:
        """Leave every entry of ``kind`` to the next build: this one skipped the stage that uses them
        (PDFs under ``--no-pdf``), so prune must not take them for entries no build needs."""
        self.used.setdefault(kind, set())

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Write atomically (temporary file, then rename): a killed build leaves no half entry."""
        path = self.path(kind, key)
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError as exc:  # a full or read-only disk slows later builds; it must not fail this one
            log.warning("%s: cannot write cache entry (%s)", path, exc)
            tmp.unlink(missing_ok=True)
            return
        self.used[kind].add(key)

    def load(self, kind: str, key: str) -> Any | None:
        """The unpickled entry, or None when it is missing or unreadable."""
        data = self.get(kind, key)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception as exc:  # any damage to the file: treat as a miss
            log.warning("%s: unreadable cache entry (%s); rebuilding it", self.path(kind, key), exc)
            self.used[kind].discard(key)
            self.hits[kind] -= 1
            self.misses[kind] += 1
            return None

    def store(self, kind: str, key: str, value: Any) -> bytes:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.put(kind, key, data)
        return data

    def prune(self) -> int:
        """Remove entries of the kinds this build used that it did not use; returns how many."""
        removed = 0
        for child in self.root.iterdir() if self.root.is_dir() else ():
            if child.is_dir() and child.name != LAYOUT and child.name.startswith("v"):
                shutil.rmtree(child, ignore_errors=True)  # an older layout
        for child in self.base.iterdir() if self.used and self.base.is_dir() else ():
            if child.is_dir() and child.name not in self.used:
                shutil.rmtree(child, ignore_errors=True)  # a kind no build makes any more
        for kind, keep in self.used.items():
            folder = self.base / kind
            if not keep or not folder.is_dir():
                continue
            for sub in os.scandir(folder):
                if not sub.is_dir():
                    continue
                for entry in os.scandir(sub.path):
                    if entry.name not in keep:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                            removed += 1
        return removed

    @contextlib.contextmanager
    def locked(self) -> Iterator[Cache]:
        """Hold the cache for one build; a second build on the same cache fails at once."""
        try:
            self.base.mkdir(parents=True, exist_ok=True)
            tag = self.root / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(_TAG, encoding="utf-8")
        except OSError as exc:
            raise BuildError(f"{self.root}: cannot create the build cache folder: {exc}") from None
        with open(self.root / ".lock", "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno in (errno.EAGAIN, errno.EACCES):
                    hint = "give each site its own --cache-dir"
                    raise BuildError(f"{self.root}: another briefgen build is using this cache; {hint}") from None
                raise
            try:
                yield self
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def summary(self) -> str:
        kinds = sorted(set(self.hits) | set(self.misses))
        return ", ".join(f"{k} {self.hits[k]} reused / {self.misses[k]} new" for k in kinds)


def settings_fingerprint(config: BuildConfig) -> str:
    """Every setting that can change a record; new settings count unless listed in OUTPUT_SETTINGS."""
    return digest(*(f"{f.name}={getattr(config, f.name)!r}" for f in dataclasses.fields(config) if f.name not in OUTPUT_SETTINGS))


#: Modules that cannot change a story's brief: output, ingest and grouping (their records are in
#: the key), analysis (its own fingerprint is in the key). Everything else counts, new modules too.
NOT_IN_BRIEFS = frozenset({"__main__", "cli", "report", "render", "site", "pdf", "cache", "editions", "ingest", "group", "analyze"})


@cache
def code_fingerprint() -> str:
    """The source of the modules briefs come from, and the summarizer's version: other code's records are not reused."""
    root = Path(__file__).resolve().parent
    parts: list[str | bytes] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0].removesuffix(".py") not in NOT_IN_BRIEFS:
            parts += [rel.as_posix(), path.read_bytes()]
    for package in ("sumy",):
        try:
            parts.append(f"{package}=={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{package} missing")
    return digest(*parts)


_TASK: list[Callable[[int], Any]] = []


def _run(i: int) -> bytes:
    return pickle.dumps(_TASK[0](i), protocol=pickle.HIGHEST_PROTOCOL)


def compute(
    store: Cache | None,
    kind: str,
    keys: Sequence[str],
    make: Callable[[int], T],
    processes: int = 1,
    progress: Callable[[int], None] | None = None,
    min_parallel: int = 8,
    sizes: Sequence[int] | None = None,
) -> list[T]:
    """``make(i)`` for every key, or the value an earlier build stored under it.

    Misses run in ``processes`` forked workers when there are enough of them: the
    workers inherit the records ``make`` reads, so only indices and results travel.
    With ``sizes`` (a cost per key) the largest go first, so no worker is left with
    a big one at the end while the others wait.
    """
    tick = progress or (lambda n: None)
    out: list[Any] = [None] * len(keys)
    todo: list[int] = []
    for i, key in enumerate(keys):
        value = store.load(kind, key) if store is not None else None
        if value is None:
            todo.append(i)
        else:
            out[i] = value
            tick(1)
    parallel = processes > 1 and len(todo) >= min_parallel and "fork" in multiprocessing.get_all_start_methods()
    if parallel and sizes is not None:
        todo.sort(key=lambda i: -sizes[i])  # stable: equal sizes keep their order
    if not parallel:
        for i in todo:
            out[i] = make(i)
            if store is not None:
                store.store(kind, keys[i], out[i])
            tick(1)
        return out
    _TASK[:] = [make]
    gc.freeze()  # workers then leave the parent's objects (and their memory pages) untouched
    try:
        pool = multiprocessing.get_context("fork").Pool(min(processes, len(todo)))
    finally:
        gc.unfreeze()
    try:
        for i, data in zip(todo, pool.imap(_run, todo), strict=True):
            out[i] = pickle.loads(data)
            if store is not None:
                store.put(kind, keys[i], data)
            tick(1)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _TASK.clear()
    return out
