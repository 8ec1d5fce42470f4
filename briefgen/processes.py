"""How builds share a machine: worker pools, and locks that keep two builds off one folder."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import multiprocessing
import multiprocessing.pool
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from briefgen.errors import BuildError


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def pool(
    processes: int, initializer: Callable[..., Any] | None = None, initargs: tuple[Any, ...] = ()
) -> Iterator[multiprocessing.pool.Pool]:
    """``processes`` workers, forked where the system can (spawned elsewhere), stopped when the block ends.

    Forked workers inherit the parent's records, so only indices and results need to travel; the
    collector is frozen while they fork, so they leave the parent's objects (and their memory pages)
    untouched.
    """
    context = multiprocessing.get_context("fork" if can_fork() else "spawn")
    if context.get_start_method() == "fork":
        gc.freeze()
    try:
        workers = context.Pool(processes, initializer=initializer, initargs=initargs)
    finally:
        gc.unfreeze()
    try:
        yield workers
        workers.close()
    finally:
        workers.terminate()
        workers.join()


@contextlib.contextmanager
def exclusive(path: Path, busy: str, unopenable: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the block, or fail at once with BuildError:
    ``busy`` when another process holds it, ``unopenable`` and the reason when the file cannot be opened."""
    try:
        fh = open(path, "a+")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise BuildError(f"{unopenable}: {exc.strerror or exc}") from None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise BuildError(busy) from None
            raise
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
