"""Markdown pages -> a mkdocs-material site for one edition, published atomically.

A build never changes the site folder in place. Pages are built in a hidden
work folder beside the site; publishing assembles the whole new site in a
second hidden folder beside it (the previous editions hard-linked, not copied),
then swaps the two folders in one atomic rename (Linux ``renameat2`` with
``RENAME_EXCHANGE``). A build that fails or is killed at any moment leaves the
site exactly as it was, or exactly as the finished build made it; leftovers
beside it are removed by the next build. A lock file inside the site (carried
into each new site as the same hard-linked file) keeps two builds off one site.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import logging
import multiprocessing
import multiprocessing.process
import os
import shutil
import stat
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from briefgen.errors import BuildError
from briefgen.processes import can_fork, exclusive

if TYPE_CHECKING:
    from briefgen.config import BuildConfig

log = logging.getLogger(__name__)

REDIRECT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Redirecting</title>
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}"></head>
<body><a href="{target}">Latest edition</a></body></html>
"""


@contextlib.contextmanager
def site_lock(site_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the site folder, or fail at once with a clear message.

    A build that publishes nothing leaves nothing: the lock file, and the site folder if this
    build created it, are removed again (while still locked, so no other build holds them).
    """
    path = site_dir / LOCK_NAME
    made_dir = not site_dir.exists()
    made_lock = not path.exists()
    cannot = f"{site_dir}: cannot create the site folder or its lock file"
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from briefgen.errors import os_error_message

        raise BuildError(os_error_message(exc, site_dir, "cannot create the site folder or its lock file")) from None
    with exclusive(path, f"{site_dir}: another briefgen build is running on this site; try again when it ends", cannot):
        try:
            yield
        finally:
            if made_lock and not (site_dir / "versions.json").exists():  # nothing published: leave no trace
                with contextlib.suppress(OSError):
                    path.unlink()
                if made_dir:
                    with contextlib.suppress(OSError):
                        site_dir.rmdir()


LOCK_NAME = ".briefgen.lock"
#: Names inside a site folder that belong to briefgen's own bookkeeping, never carried into a new site
#: (the lock file is, separately). Every other name, hidden ones too, is carried over: it may be the user's.
_INTERNAL = (".briefgen-",)


def _beside(site_dir: Path, role: str) -> Path:
    """A hidden folder next to the site folder (same file system, so renames are atomic)."""
    real = site_dir.resolve()
    if real.name:
        return real.parent / f".{real.name}.briefgen-{role}"
    return real / f".briefgen-{role}"  # the site is a file system root: fall back to inside


def _fresh(path: Path) -> Path:
    if path.exists() or path.is_symlink():
        _remove(path)  # left by a build that was killed
    path.mkdir(parents=True)
    return path


def _remove(path: Path) -> None:
    """Remove a file, link or folder; a folder's marks (``WORK_MARK``, ``LOCK_NAME``) go last, so a build killed while
    removing one of its folders leaves a folder that still carries its mark, or an empty one: never a half-emptied folder
    the next build would take for the user's (``_not_made``)."""
    if not (path.is_dir() and not path.is_symlink()):
        path.unlink()
        return
    for name in os.listdir(path):
        if name not in (WORK_MARK, LOCK_NAME):
            child = path / name
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    shutil.rmtree(path)


def remove_work(path: Path) -> None:
    """Remove a build's work folder (``work_dir``) once the build is done or has failed, its mark last (``_remove``);
    a folder that cannot be removed stays for the next build to replace."""
    with contextlib.suppress(OSError):
        _remove(path)


#: A file briefgen writes into each work folder it makes (``work_dir``): what tells a killed build's work folder,
#: which the next build replaces, from a folder of the user's that happens to have its name.
WORK_MARK = ".briefgen-work-folder"


def foreign_work(site_dir: Path) -> list[Path]:
    """The folders at the places of briefgen's work folder (``work_dir``: beside the site, or inside it) that briefgen
    did not make (``_not_made``, its mark ``WORK_MARK``). A build would replace them."""
    return [path for path in (_beside(site_dir, "work"), site_dir.resolve() / ".briefgen-work") if _not_made(path, WORK_MARK)]


def foreign_beside(site_dir: Path) -> list[Path]:
    """The folders beside the site with the names of briefgen's new site and spare (``_beside``) that briefgen did
    not make: a build would empty them. One it made is a folder that is empty or holds the site's lock file
    (``_sync_tree`` links it first and keeps one at every step; the spare is the site the last publish replaced)."""
    return [path for path in (_beside(site_dir, "new"), _beside(site_dir, "spare")) if _not_made(path, LOCK_NAME)]


def _not_made(path: Path, mark: str) -> bool:
    """``path``, at a place briefgen keeps a folder of its own, is not one it made: a file or a link, or a folder that
    is not empty and does not hold ``mark``, the file briefgen keeps in such a folder."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        return True
    names = os.listdir(path) if path.is_dir() else []
    return bool(names) and mark not in names


def work_dir(site_dir: Path, edition: str) -> Path:
    """A fresh hidden folder beside the site folder for this build's intermediate files, marked as briefgen's
    (``WORK_MARK``; ``foreign_work`` stops a build before one of the user's by that name is replaced)."""
    try:
        work = _fresh(_beside(site_dir, "work"))
    except OSError:  # the site's parent folder is not writable: work inside the site instead
        work = _fresh(site_dir.resolve() / ".briefgen-work")
    (work / WORK_MARK).write_bytes(b"")
    return work


PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def templates_dir(config: BuildConfig) -> Path:
    """The templates folder: the setting, else the project's templates/, else the packaged one."""
    if config.templates_dir is not None:
        return config.templates_dir
    local = Path("templates")
    return local if (local / "pages" / "story.html.j2").is_file() else PACKAGE_TEMPLATES


@dataclass(frozen=True)
class Work:
    """This build's hidden work folder beside the site: Markdown sources in ``docs``, the built edition in ``out``."""

    root: Path
    docs: Path
    out: Path
    settings: Mapping[str, Any]  # the edition's mkdocs settings
    templates: Path


def prepare(config: BuildConfig, edition: str) -> Work:
    """A fresh work folder, the edition's mkdocs settings (from the project's mkdocs.yml, else the packaged
    one) and the site's stylesheet in place."""
    root = work_dir(config.site_dir, edition)
    try:
        docs = root / "docs"
        docs.mkdir()
        templates = templates_dir(config)
        base = config.mkdocs_config or (Path("mkdocs.yml") if Path("mkdocs.yml").is_file() else PACKAGE_TEMPLATES.parent / "mkdocs.yml")
        out = root / "site"
        settings = mkdocs_config(base, docs, out, config.site_name, edition)
        css = templates / "site" / "extra.css"
        if css.is_file():
            (docs / "assets").mkdir(exist_ok=True)
            shutil.copyfile(css, docs / "assets" / "briefgen.css")
    except BaseException:
        remove_work(root)
        raise
    return Work(root, docs, out, settings, templates)


def mkdocs_config(base: Path | None, docs_dir: Path, out_dir: Path, site_name: str, edition: str) -> dict[str, Any]:
    """The edition's mkdocs settings: the project's mkdocs.yml with our paths and nav."""
    settings: dict[str, Any] = {}
    if base is not None and base.is_file():
        try:
            settings = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise BuildError(f"{base}: invalid YAML: {exc}") from None
    settings.update(
        site_name=f"{site_name} · {edition}",
        docs_dir=str(docs_dir.resolve()),
        site_dir=str(out_dir.resolve()),
        nav=[
            {"Stories": "index.md"},
            {"What changed": "changes.md"},
            {"People and places": "entities.md"},
            {"Archive": "archive.md"},
            {"Confidence labels": "confidence.md"},
        ],
    )
    settings.setdefault("theme", {"name": "material", "font": False})
    theme = settings["theme"]
    if isinstance(theme, dict) and theme.get("custom_dir") and base is not None:
        # paths in mkdocs.yml are relative to it, and the config mkdocs reads is written elsewhere
        theme["custom_dir"] = str((base.resolve().parent / str(theme["custom_dir"])).resolve())
    return settings


def build_mkdocs(settings: Mapping[str, Any], work: Path, epoch: int) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_path = work / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(dict(settings), sort_keys=False), encoding="utf-8")
    for name in ("mkdocs", "mkdocs.commands.build", "mkdocs.structure.pages", "mkdocs.plugins"):
        logging.getLogger(name).setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        cfg = load_config(config_file=str(config_path))
        build(cfg)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs could not build the site: {exc}") from None
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


class Assembly:
    """The new site folder assembled beside the site while the build makes the edition: the spare (the site as the
    last publish left it, hard links) brought up to date with the site, less the edition being built. It reads only
    the site (the build's lock keeps other builds off it, not the user: ``publish`` takes in what came or went in the
    site since, a few links at most), so ``publish`` needs only to add the edition and swap.

    It runs in a forked process where the system can fork (a thread elsewhere): linking tens of thousands of files
    is Python work between system calls, and in a thread it held the interpreter's lock against the build's own
    stages. ``result()`` waits for it (raising what it raised, and logging its warnings here); ``abandon()`` stops
    it, and what it assembled so far becomes the spare again (``_sync_tree`` leaves a folder whole at every step)."""

    def __init__(self, site_dir: Path, edition: str) -> None:
        self.site_dir, self.edition = site_dir, edition
        self.stop = threading.Event()
        self.outcome: tuple[Path | None, BaseException | None, list[str]] | None = None
        self.published = False  # set by publish: the assembly is the new site now, not to be abandoned
        self.process: multiprocessing.process.BaseProcess | None = None
        self.thread: threading.Thread | None = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self.receive, send = context.Pipe(duplex=False)
            self.process = context.Process(target=_assemble_in_child, args=(site_dir, edition, send), name="briefgen-assembly")
            self.process.start()
            send.close()
        else:
            self.thread = threading.Thread(target=self._run, name="briefgen-assembly", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        try:
            self.outcome = (assemble(self.site_dir, self.edition, self.stop.is_set), None, [])
        except BaseException as exc:  # given to the build when it publishes
            self.outcome = (None, exc, [])

    def result(self) -> Path | None:
        """The assembled folder, or None when none can be made beside the site (publish in place)."""
        if self.process is not None:
            try:
                self.outcome = self.receive.recv()
            except EOFError:  # the process died without a word (killed, out of memory)
                self.outcome = None
            self.process.join()
        elif self.thread is not None:
            self.thread.join()
        if self.outcome is None:
            code = self.process.exitcode if self.process is not None else None
            raise BuildError(f"{self.site_dir}: assembling the new site folder stopped (exit code {code}); the site is unchanged")
        stage, error, warnings = self.outcome
        for message in warnings:
            log.warning("%s", message)
        if error is not None:
            raise error
        return stage

    def abandon(self) -> None:
        """The build stops without publishing: the assembly stops, and becomes the spare again."""
        self.stop.set()
        if self.process is not None:
            self.process.terminate()  # a folder half linked has a hidden name: nothing seen is partial
            self.process.join()
        elif self.thread is not None:
            self.thread.join()
        new, spare = _beside(self.site_dir, "new"), _beside(self.site_dir, "spare")
        if new.is_dir() and not new.is_symlink() and not (spare.exists() or spare.is_symlink()):
            with contextlib.suppress(OSError):
                if set(os.listdir(new)) <= {LOCK_NAME}:  # nothing published yet: no spare to keep, no trace left
                    shutil.rmtree(new)
                else:
                    os.rename(new, spare)


class _Told(logging.Handler):
    """What a forked assembly logs, sent back to the build to log (the build's handlers are the parent's)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _assemble_in_child(site_dir: Path, edition: str, send: Any) -> None:
    """``assemble`` in the forked process: its outcome (folder, error, warnings) sent back through ``send``. It
    stops when the build's process is gone (killed): an orphan would go on writing beside the site, and hold
    the site's lock, which it shares."""
    logger = logging.getLogger("briefgen")
    told = _Told()
    logger.handlers, logger.propagate = [told], False
    parent = os.getppid()
    try:
        orphaned = lambda: os.getppid() != parent  # noqa: E731
        outcome: tuple[Path | None, BaseException | None, list[str]] = (assemble(site_dir, edition, orphaned), None, told.messages)
    except BaseException as exc:
        outcome = (None, exc, told.messages)
    send.send(outcome)
    send.close()


@contextlib.contextmanager
def assembling(site_dir: Path, edition: str) -> Iterator[Assembly]:
    """An Assembly for the build inside the block (which holds the site lock); abandoned unless published."""
    assembly = Assembly(site_dir, edition)
    try:
        yield assembly
    finally:
        if not assembly.published:
            assembly.abandon()


class _Stopped(Exception):
    """An assembly told to stop (its build ended without publishing)."""


def assemble(site_dir: Path, edition: str, stop: Callable[[], bool] | None = None) -> Path | None:
    """The new site folder beside the site: the spare (the site the last publish replaced) made to hold what the
    site holds, hard links to the same files, but for ``edition``; None when no folder can be made there (the
    site's parent is read-only: publish in place)."""
    real = site_dir.resolve()
    spare = _beside(site_dir, "spare")
    try:
        stage = _fresh(_beside(site_dir, "new"))
    except OSError as exc:
        log.warning(
            "%s: cannot assemble the new site beside this folder (%s); publishing in place, so a build killed now "
            "could leave this edition missing",
            real,
            exc.strerror or exc,
        )
        return None
    if spare.is_dir() and not spare.is_symlink():
        os.rmdir(stage)
        os.rename(spare, stage)  # the site as the last build left it: bring it up to date
    _same_access(real, stage)
    try:
        _sync_tree(real, stage, skip={edition}, stop=stop)
    except _Stopped:
        return stage
    return stage


def publish(site_dir: Path, edition: str, built: Path, versions: Sequence[Mapping[str, Any]], assembly: Assembly | None = None) -> None:
    """Make the site hold ``built`` as ``edition`` with versions.json and redirects updated, all at once.

    The new site is assembled beside the old one (by ``assembly`` while the build ran, else now), then the
    two folders are exchanged atomically.
    """
    real = site_dir.resolve()
    spare = _beside(site_dir, "spare")
    stage = assembly.result() if assembly is not None else assemble(site_dir, edition)
    if assembly is not None:
        assembly.published = True
        if stage is not None:  # what the user put in or took out of the site while the build ran (a few links at most)
            _sync_tree(real, stage, skip={edition})
    if stage is not None:
        os.rename(built, stage / edition)
        _write_index(stage, versions)
        try:
            _exchange(stage, real)
        except OSError as exc:
            log.warning(
                "%s: cannot swap folders atomically (%s); publishing in place, so a build killed now could leave this edition missing",
                real,
                exc.strerror or exc,
            )
            os.rename(stage / edition, built)
            shutil.rmtree(stage, ignore_errors=True)
        else:
            os.rename(stage, spare)  # the previous site, now beside: the next build's starting point
            return
    _publish_in_place(real, edition, built, versions)


def _same_access(src: Path, dst: Path) -> None:
    """Give the new site folder the old one's mode (setgid and sticky bits too) and group: a site kept
    private (2750) stays private after the swap. A group we may not set is left with a warning."""
    info = src.stat()
    os.chmod(dst, stat.S_IMODE(info.st_mode))
    if dst.stat().st_gid != info.st_gid:
        try:
            os.chown(dst, -1, info.st_gid)
        except OSError as exc:
            log.warning(
                "%s: cannot keep the site folder's group (%s); the new site belongs to group %d", src, exc.strerror, dst.stat().st_gid
            )


def _sync_tree(src: Path, dst: Path, skip: set[str], stop: Callable[[], bool] | None = None) -> None:
    """Make ``dst`` hold what ``src`` holds, but ``skip``: hard links to the same files.

    ``dst`` is the spare, the site before the last publish; entries it shares with ``src``
    (the same files, by inode) stay, so a build links the files of the newest edition,
    not of every edition again. Editions are compared by the files at their top (they are
    only ever replaced whole, never written in place). So every entry of ``dst`` is whole at
    every step: a folder is linked under a hidden name and renamed into place when complete,
    and one that goes is renamed away before it is removed (a stop, or a kill, leaves ``dst``
    fit to start from again). ``stop()``, when true, ends the work early.
    """

    def link(source: str, target: str) -> None:
        if stop is not None and stop():
            raise _Stopped
        _link_or_copy(source, target)

    live = {e.name: e for e in os.scandir(src) if e.name not in skip and not (e.name.startswith(_INTERNAL) and e.name != LOCK_NAME)}
    lock = live.pop(LOCK_NAME, None)
    if lock is not None:  # first, and replaced in one step: ``dst`` holds a lock file at every step (foreign_beside)
        held = dst / LOCK_NAME
        if not (held.is_file() and not held.is_symlink() and held.stat().st_ino == lock.inode()):
            fresh = dst / f"{_INTERNAL[0]}lock"
            if fresh.exists() or fresh.is_symlink():
                _remove(fresh)
            _link_or_copy(lock.path, str(fresh))
            os.replace(fresh, held)
    for entry in list(os.scandir(dst)):
        if lock is not None and entry.name == LOCK_NAME:
            continue
        other = live.get(entry.name)
        if other is None or _identity(entry) != _identity(other):
            _discard(Path(entry.path))
    for name, entry in sorted(live.items()):
        target = dst / name
        if target.exists() or target.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            partial = dst / f"{_INTERNAL[0]}partial-{name}"
            shutil.copytree(entry.path, partial, symlinks=True, copy_function=link)
            os.rename(partial, target)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        else:
            _link_or_copy(entry.path, str(target))


def _discard(path: Path) -> None:
    """Remove an entry of the site being assembled: a folder is renamed away first, so it is never seen half removed."""
    if path.is_dir() and not path.is_symlink() and not path.name.startswith(_INTERNAL):
        gone = path.with_name(f"{_INTERNAL[0]}gone-{path.name}")
        if gone.exists() or gone.is_symlink():
            _remove(gone)
        os.rename(path, gone)
        path = gone
    _remove(path)


def _identity(entry: os.DirEntry[str]) -> tuple[Any, ...]:
    """What tells two entries hold the same: a link's target, a file's inode, a folder's files' inodes."""
    if entry.is_symlink():
        return ("link", os.readlink(entry.path))
    if entry.is_dir(follow_symlinks=False):
        files = tuple(sorted((e.name, e.inode()) for e in os.scandir(entry.path) if not e.is_dir(follow_symlinks=False)))
        return ("dir", files) if files else ("folder of folders", entry.path)  # nothing to tell by: never the same
    return ("file", entry.inode())


def _write_index(site: Path, versions: Sequence[Mapping[str, Any]]) -> None:
    """versions.json and the redirects to the latest edition."""
    _atomic_write(site / "versions.json", json.dumps(list(versions), indent=2) + "\n")
    latest = versions[0]["version"]
    _atomic_write(site / "index.html", REDIRECT.format(target=f"{latest}/"))
    _point_latest(site, latest)


def _point_latest(site: Path, edition: str) -> None:
    """``latest`` as a link to the newest edition's folder, so ``latest/stories/<id>/`` (any page's
    path) always serves that page's current version; replaced in one rename."""
    link, tmp = site / "latest", site / ".briefgen-latest"
    if tmp.exists() or tmp.is_symlink():
        _remove(tmp)
    os.symlink(edition, tmp, target_is_directory=True)
    if link.is_dir() and not link.is_symlink():  # the redirect folder older versions wrote
        own = {e.name for e in os.scandir(link)}
        if not own <= {"index.html"}:
            _remove(tmp)
            raise BuildError(f"{link}: a folder briefgen did not make is in the way of the 'latest' link; move it away")
        shutil.rmtree(link)
    os.replace(tmp, link)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); OSError where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        raise OSError(errno.ENOSYS, "renameat2 is not available") from None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(b))


def _publish_in_place(site_dir: Path, edition: str, built: Path, versions: Sequence[Mapping[str, Any]]) -> None:
    """Fallback without an atomic folder swap: rename the edition into place, then the index files.

    A kill in the few instructions between the two renames of the edition leaves it missing.
    """
    target = site_dir / edition
    old = site_dir / f".briefgen-old-{edition}"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.rename(target, old)
    os.rename(built, target)
    if old.exists():
        shutil.rmtree(old)
    _write_index(site_dir, versions)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
