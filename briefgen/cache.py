"""A content-addressed store beside the site, so a rebuild redoes only what changed.

Every entry is a file named by the sha256 of everything that produced it: its
stage's input records and fingerprint (pipeline.fingerprint: the code the stage
imports, found by ``code_fingerprint``, the packages' and the model's versions, the
stage's settings). An analysis is keyed by the article's text; a story's brief by
its articles and their analyses. Nothing
is invalidated in place: a changed input or model asks for another name, and
entries the last build did not use are removed after it, so the folder stays
the size of one archive. CI caches this one folder between runs.

The default place is ``<parent of the site folder>/.briefgen-cache/``, never a
global one, so two sites never share (or corrupt) each other's entries.

Entries are data, never code (briefgen/codec.py: msgpack and a registry of the records
it may build), each with a checksum. The folder is marked with CACHEDIR.TAG; a folder
without briefgen's mark that holds anything is refused, and pruning deletes only names
briefgen makes, so pointing ``--cache-dir`` at the wrong folder cannot cost a file.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.metadata
import logging
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from briefgen import codec
from briefgen.errors import BuildError, listing, os_error_message
from briefgen.processes import can_fork, exclusive, pool

if TYPE_CHECKING:
    from briefgen.cluster import Cluster

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_NAME = ".briefgen-cache"
#: Bump when the folder layout or the entry format changes; older layouts are removed on the next build.
#: v2: entries are msgpack with a header and checksum (v1 held pickles, never read again).
LAYOUT = "v2"
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
    """Entries by kind (a stage's cache kind: 'ingest', 'analysis', 'stories', ...) and key (a hex digest), stored as files.

    Each file is a header (magic, codec schema, checksum of kind, key and payload) and the
    payload. Reads that fail (a truncated, damaged or foreign file, one written under another
    schema) count as misses, each named in a warning, so a damaged cache costs time, never a
    wrong site. A cache folder that cannot be written is read where it can and otherwise
    left alone: the build goes on without storing.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.base = self.root / LAYOUT
        self.used: dict[str, set[str]] = defaultdict(set)
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()
        self._dirs: set[Path] = set()
        self.writable = True
        self.enabled = True

    def path(self, kind: str, key: str) -> Path:
        return self.base / kind / key[:2] / key

    def has(self, kind: str, key: str) -> bool:
        return self.enabled and self.path(kind, key).is_file()

    def read(self, kind: str, key: str) -> bytes | None:
        """The entry's payload once its header and checksum hold; None (with a warning naming the
        file, unless it is merely missing or made by another version) otherwise. No counting."""
        if not self.enabled:
            return None
        path = self.path(kind, key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("%s: cannot read cache entry (%s); rebuilding it", path, exc.strerror or exc)
            return None
        head = len(_MAGIC) + len(codec.schema())
        if not data.startswith(_MAGIC):
            log.warning("%s: not a briefgen cache entry; ignored and rebuilt", path)
            return None
        if data[len(_MAGIC) : head] != codec.schema():
            return None  # written by another version of briefgen: a plain miss
        payload = data[head + _SUM :]
        if data[head : head + _SUM] != _checksum(kind, key, payload):
            log.warning("%s: damaged cache entry (checksum mismatch); rebuilding it", path)
            return None
        return payload

    def get(self, kind: str, key: str) -> bytes | None:
        data = self.read(kind, key)
        if data is None:
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
        if not self.enabled or not self.writable:
            return
        path = self.path(kind, key)
        tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
        try:
            if path.parent not in self._dirs:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._dirs.add(path.parent)
            tmp.write_bytes(_MAGIC + codec.schema() + _checksum(kind, key, data) + data)
            os.replace(tmp, path)
        except OSError as exc:  # a full or read-only disk slows later builds; it must not fail this one
            self.writable = False
            log.warning("%s", os_error_message(exc, path.parent, "this build keeps nothing in its cache"))
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return
        self.used[kind].add(key)

    def load(self, kind: str, key: str, expect: Callable[[Any], bool] | None = None) -> Any | None:
        """The decoded entry, or None when it is missing, unreadable or not of the ``expect``ed shape."""
        data = self.get(kind, key)
        if data is None:
            return None
        try:
            return codec.loads(data, expect)
        except codec.CodecError as exc:  # a foreign or damaged value: treat as a miss
            log.warning("%s: unreadable cache entry (%s); rebuilding it", self.path(kind, key), exc)
            self.used[kind].discard(key)
            self.hits[kind] -= 1
            self.misses[kind] += 1
            return None

    def store(self, kind: str, key: str, value: Any) -> bytes:
        data = codec.dumps(value)
        self.put(kind, key, data)
        return data

    def prune(self) -> int:
        """Remove entries of the kinds this build used that it did not use; returns how many
        (older layouts and kinds no build makes any more go too, uncounted).

        Only inside a folder briefgen marked (CACHEDIR.TAG with briefgen's line), and only names
        it makes: layouts ``v<n>``, kinds of lowercase letters, entries named by hex digests and
        their temporary files. Anything else in the folder is left as it is.
        """
        if not self.enabled or not self.writable or not owned(self.root):
            return 0
        removed = 0
        for child in self.root.iterdir():
            if child.name != LAYOUT and _OLD_LAYOUT.match(child.name) and child.is_dir() and not child.is_symlink():
                _remove_entries(child, depth=3)  # an older layout
        for child in self.base.iterdir() if self.used and self.base.is_dir() else ():
            if _KIND.match(child.name) and child.name not in self.used and child.is_dir() and not child.is_symlink():
                _remove_entries(child, depth=2)  # a kind no build makes any more
        for kind, keep in self.used.items():
            folder = self.base / kind
            if not keep or not folder.is_dir():
                continue
            for sub in os.scandir(folder):
                if not (sub.is_dir(follow_symlinks=False) and _SHARD.match(sub.name)):
                    continue
                for entry in os.scandir(sub.path):
                    if entry.name not in keep and _ENTRY.match(entry.name) and entry.is_file(follow_symlinks=False):
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                            removed += 1
        return removed

    @contextlib.contextmanager
    def locked(self) -> Iterator[Cache]:
        """Hold the cache for one build; a second build on the same cache fails at once.

        The folder is briefgen's only if it is new, empty or marked by briefgen's CACHEDIR.TAG;
        a folder holding anything else is refused (its files named). A folder that cannot be
        created or written is used as far as it can be read, with a warning.
        """
        foreign = foreign_files(self.root)
        if foreign:
            raise BuildError(
                f"{self.root}: this folder holds files briefgen did not make ({listing(foreign)}), so it is not used as the build "
                f"cache, whose old entries a build deletes; give --cache-dir a new or empty folder (or leave it out)"
            )
        try:
            self.base.mkdir(parents=True, exist_ok=True)
            tag = self.root / "CACHEDIR.TAG"
            if not owned(self.root):
                tag.write_text(_TAG, encoding="utf-8")
            open(self.root / ".lock", "a+").close()  # can the lock file be opened at all?
        except OSError as exc:
            self.writable = False
            self.enabled = self.base.is_dir() and owned(self.root)
            log.warning(
                "%s",
                os_error_message(
                    exc, self.root, "building without storing anything in the cache" + ("" if self.enabled else " or reading from it")
                ),
            )
            yield self
            return
        busy = f"{self.root}: another briefgen build is using this cache; give each site its own --cache-dir"
        with exclusive(self.root / ".lock", busy, f"{self.root}: cannot create the build cache folder"):
            yield self

    def summary(self) -> str:
        kinds = sorted(set(self.hits) | set(self.misses))
        return ", ".join(f"{k} {self.hits[k]} reused / {self.misses[k]} new" for k in kinds)


_MAGIC = b"BGC\x01"
_SUM = 16  # bytes of blake2b: enough to tell damage, not a defence against a forger (the codec is)
_OLD_LAYOUT = re.compile(r"^v[0-9]+$")
_KIND = re.compile(r"^[a-z][a-z0-9_]*$")
_SHARD = re.compile(r"^[0-9a-f]{2}$")
_ENTRY = re.compile(r"^(?:[0-9a-f]{64}|\.[0-9a-f]{64}\.[0-9]+\.tmp)$")


def header_size() -> int:
    """Bytes before an entry's payload (magic, codec schema, checksum): a reader that copies a verified
    entry's payload file to file (PDFs) starts there."""
    return len(_MAGIC) + len(codec.schema()) + _SUM


def _checksum(kind: str, key: str, payload: bytes) -> bytes:
    """Over the kind and key too, so an entry copied under another name is not taken for it."""
    h = hashlib.blake2b(digest_size=_SUM)
    h.update(f"{kind}\x00{key}\x00".encode())
    h.update(payload)
    return h.digest()


def owned(root: Path) -> bool:
    """The folder carries briefgen's CACHEDIR.TAG (the standard signature and briefgen's line)."""
    try:
        text = (root / "CACHEDIR.TAG").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return text.startswith(_TAG.split("\n")[0]) and "briefgen build cache" in text


def foreign_files(root: Path) -> list[str]:
    """Names at the top of ``root`` that briefgen did not put there (empty when it is briefgen's, new or empty)."""
    try:
        names = sorted(os.listdir(root))
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        return [root.name]
    except OSError:
        return []  # unreadable: locked() reports what it cannot do
    return [] if owned(root) else names


def _remove_entries(folder: Path, depth: int) -> int:
    """Delete briefgen's entries under ``folder`` (``depth`` levels of kinds and shards), then the
    folders left empty; a file of any other name keeps its folder."""
    removed = 0
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False) and depth > 1 and (_KIND.match(entry.name) or _SHARD.match(entry.name)):
            removed += _remove_entries(Path(entry.path), depth - 1)
        elif depth == 1 and _ENTRY.match(entry.name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when empty
    return removed


PACKAGE = Path(__file__).resolve().parent


def module_path(name: str) -> Path | None:
    """The source file of briefgen module ``name`` (``briefgen.x.y``), or None when there is none."""
    parts = name.split(".")
    if parts[0] != "briefgen":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def source(name: str) -> bytes:
    """The source of briefgen module ``name``."""
    path = module_path(name)
    if path is None:
        raise ValueError(f"{name}: not a briefgen module")
    return path.read_bytes()


def _import_statements(body: Sequence[ast.AST]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements in ``body`` and in the blocks nested in it (functions, classes, if, try, with, match),
    leaving out ``if TYPE_CHECKING:`` blocks; expressions are never entered (no import lives there)."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and _type_checking(node):
            yield from _import_statements(node.orelse)
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                block = getattr(node, field, None)
                if isinstance(block, list):
                    yield from _import_statements(block)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


@cache
def imports(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The briefgen modules and the top-level outside modules that module ``name`` imports.

    Every import statement counts, also one inside a function (a lazy import runs as surely as
    another), except under ``if TYPE_CHECKING:`` (never run). ``from p import n`` names module
    ``p.n`` when there is one, else ``p``; a package's ``__init__`` counts only when it is named.
    """
    path = module_path(name)
    if path is None:
        return frozenset(), frozenset()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(source(name), filename=str(path))
    ours: set[str] = set()
    outside: set[str] = set()
    for node in _import_statements(tree.body):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" if module_path(f"{base}.{alias.name}") else base for alias in node.names]
        for target in targets:
            top = target.partition(".")[0]
            if top == "briefgen":
                ours.add(target)
            elif top != "__future__" and top not in sys.stdlib_module_names:
                outside.add(top)
    return frozenset(m for m in ours if module_path(m) is not None), frozenset(outside)


@cache
def closure(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """Module ``name`` and every briefgen module it imports, directly or not; and the outside modules they import."""
    seen: set[str] = set()
    outside: set[str] = set()
    todo = [name]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        ours, theirs = imports(module)
        outside |= theirs
        todo.extend(ours - seen)
    return frozenset(seen), frozenset(outside)


@cache
def _distributions() -> dict[str, list[str]]:
    """Top-level module -> the installed distributions declaring it (their top_level.txt), or, for one that
    declares none, named like it. Reading every distribution's file list instead (packages_distributions)
    would cost a warm build a tenth of its time; that is left for a module found neither way."""
    out: dict[str, list[str]] = defaultdict(list)
    for dist in importlib.metadata.distributions():
        declared = dist.read_text("top_level.txt")
        name = dist.metadata["Name"] or ""
        for module in declared.split() if declared else [name.lower().replace("-", "_")]:
            out[module].append(name)
    return out


def _holders(module: str) -> list[str]:
    return _distributions().get(module) or importlib.metadata.packages_distributions().get(module) or [module]


@cache
def package_version(module: str) -> str:
    """``dist==version`` of the installed distribution(s) holding top-level module ``module``."""
    out = []
    for dist in sorted(set(_holders(module))):
        try:
            out.append(f"{dist}=={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            out.append(f"{dist} missing")
    return ",".join(out)


@cache
def code_fingerprint(name: str) -> str:
    """What in the code makes the records of a stage whose function lives in module ``name``: the source
    of every briefgen module it imports (found in the source, never listed by hand), the versions of the
    outside packages those import, and the Python version. A change to any of them gives new cache keys."""
    ours, outside = closure(name)
    parts: list[str | bytes] = [f"python {sys.version_info.major}.{sys.version_info.minor}"]
    for module in sorted(ours):
        parts += [module, source(module)]
    parts += [package_version(m) for m in sorted(outside)]
    return digest(*parts)


_TASK: list[Callable[[int], Any]] = []

#: A map's work for a cluster: a function importable on every worker (a module-level briefgen function)
#: and its arguments, all picklable, so nothing is inherited: ``make(i)`` == ``function(*arguments)``.
Remote = tuple[Callable[..., Any], tuple[Any, ...]]


class _Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def capturing(quiet: bool = False) -> Iterator[list[str]]:
    """The warnings briefgen logs inside the block, so a cached result can give them again when it is
    reused; ``quiet`` keeps them from this process's own handlers (a worker's parent logs them)."""
    logger = logging.getLogger("briefgen")
    captured, propagate = _Captured(), logger.propagate
    logger.addHandler(captured)
    if quiet:
        logger.propagate = False
    try:
        yield captured.messages
    finally:
        logger.removeHandler(captured)
        logger.propagate = propagate


def _run(i: int) -> tuple[bytes, list[str]]:
    """In a forked worker: the result, encoded as the cache stores it, and the warnings it logged,
    which the parent logs again (a worker's own handlers would print them but not collect them)."""
    with capturing(quiet=True) as warned:
        value = _TASK[0](i)
    return codec.dumps(value), warned


def remote_call(module: str, code: str, function: Callable[..., Any], *arguments: Any) -> tuple[bytes, list[str]]:
    """Run on a cluster worker: ``function(*arguments)``, encoded as the cache stores it, and the warnings it
    logged (the client logs them again), after checking that the worker runs the client's code (``code``:
    code_fingerprint(module) on the client), so a cluster's records are the local build's, byte for byte."""
    if code_fingerprint(module) != code:
        import socket

        raise BuildError(
            f"Dask worker on {socket.gethostname()}: its briefgen code or packages ({module}) differ from the "
            "building machine's; install the same briefgen version and requirements on every worker"
        )
    with capturing(quiet=True) as warned:
        value = function(*arguments)
    return codec.dumps(value), warned


def compute(
    store: Cache | None,
    kind: str,
    keys: Sequence[str],
    make: Callable[[int], T],
    processes: int = 1,
    progress: Callable[[int], None] | None = None,
    min_parallel: int = 8,
    sizes: Sequence[int] | None = None,
    expect: Callable[[Any], bool] | None = None,
    keep: Callable[[T], bool] | None = None,
    cluster: Cluster | None = None,
    remote: tuple[str, Callable[[int], Remote]] | None = None,
    compact: Callable[[T], T] | None = None,
) -> list[T]:
    """``make(i)`` for every key, or the value an earlier build stored under it.

    Misses run in ``processes`` forked workers when there are enough of them: the
    workers inherit the records ``make`` reads, so only indices and results travel.
    With ``sizes`` (a cost per key) the largest go first, so no worker is left with
    a big one at the end while the others wait. ``expect`` tells a stored value of
    the right shape (anything else is a miss); ``keep`` says which results to store.

    With a ``cluster`` and ``remote`` = (the stage's module, ``task(i)`` giving the function and
    arguments that make item i), every miss runs on the cluster instead: the arguments travel to a
    worker, the encoded result comes back and is stored here, so the cache is only ever written by
    this process and a cluster build's entries are the local build's.

    ``compact(value)``, if given, is what is kept of each value, read or made: an equal value taking
    less memory (shared strings, say), for a stage that holds one per article.
    """
    hold = compact or (lambda value: value)
    tick = progress or (lambda n: None)
    out: list[Any] = [None] * len(keys)
    todo: list[int] = []
    for i, key in enumerate(keys):
        value = store.load(kind, key, expect) if store is not None else None
        if value is None:
            todo.append(i)
        else:
            out[i] = hold(value)
            tick(1)
    parallel = processes > 1 and len(todo) >= min_parallel and can_fork()  # workers must inherit ``make``
    if sizes is not None:
        todo.sort(key=lambda i: -sizes[i])  # stable: equal sizes keep their order: largest first, on a pool or a cluster

    def stored(i: int, value: Any, data: bytes | None) -> None:
        if store is None or (keep is not None and not keep(value)):
            return
        try:
            store.put(kind, keys[i], data if data is not None else codec.dumps(value))
        except (TypeError, OverflowError, ValueError) as exc:  # a value the codec cannot hold: not cached
            log.warning("%s entry %s: not cached (%s)", kind, keys[i][:12], exc)

    def landed(i: int, data: bytes, warned: Sequence[str]) -> None:
        """A result made in another process (pool worker or cluster): its warnings told, stored, held."""
        for message in warned:
            log.warning("%s", message)
        value = codec.loads(data)
        stored(i, value, data)
        out[i] = hold(value)
        tick(1)

    if cluster is not None and remote is not None and todo:
        module, task = remote
        code = code_fingerprint(module)
        results = cluster.map(remote_call, ((module, code, *_flat(task(i))) for i in todo))
        for i, (data, warned) in zip(todo, results, strict=True):
            landed(i, data, warned)
        return out
    if not parallel:
        for i in todo:
            value = make(i)
            stored(i, value, None)
            out[i] = hold(value)
            tick(1)
        return out
    _TASK[:] = [make]
    try:
        with pool(min(processes, len(todo))) as workers:
            for i, (data, warned) in zip(todo, workers.imap(_run, todo), strict=True):
                landed(i, data, warned)
    finally:
        _TASK.clear()
    return out


def _flat(task: Remote) -> tuple[Any, ...]:
    function, arguments = task
    return (function, *arguments)
