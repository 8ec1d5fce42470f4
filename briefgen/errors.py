"""Errors a person can act on; the CLI prints them without a traceback."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import click


class BriefgenError(click.ClickException):
    """Base of every error briefgen raises on purpose."""


class ConfigError(BriefgenError):
    """A setting is missing, of the wrong type or out of range."""


class BuildError(BriefgenError):
    """The build cannot go on (nothing to build, site locked, strict mode)."""


#: Names listed when a folder is refused; the rest are counted ("and 12 more").
SHOWN = 5


def listing(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN])
    return shown + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


#: errno -> what it means and what to do, for the errors a person can fix.
_ADVICE = {
    errno.ENOSPC: "the disk is full (no space left on device); free some space and build again",
    errno.EDQUOT: "your disk quota is used up; free some space or ask for a larger quota, then build again",
    errno.EACCES: "permission denied; check that you may write in this folder",
    errno.EPERM: "operation not permitted; check the folder's owner and permissions",
    errno.EROFS: "the file system is read-only; build into a folder you can write",
    errno.EMFILE: "too many open files; raise the limit (ulimit -n) and build again",
}


def os_error_message(exc: OSError, where: Path | None = None, consequence: str = "") -> str:
    """One line: the path, what went wrong in words, what to do (and, if given, what the build does about it).

    ``shutil.Error`` (copying a tree) carries a list of failures: the first is named and the rest counted.
    """
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        failures = exc.args[0]
        first = failures[0]
        path, why = (first[1], first[2]) if isinstance(first, tuple) and len(first) == 3 else (where, str(first))
        more = f" (and {len(failures) - 1} more files)" if len(failures) > 1 else ""
        return f"{path}: cannot copy: {why}{more}" + (f"; {consequence}" if consequence else "")
    path = exc.filename if exc.filename is not None else where
    text = _ADVICE.get(exc.errno or 0) or (exc.strerror or str(exc))
    return f"{path}: {text}" + (f"; {consequence}" if consequence else "")
