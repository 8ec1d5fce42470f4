"""Where the build's maps run when a ``scheduler`` is set: a Dask cluster (``dask.distributed``).

Analysis (per article) and story briefs (per story) are maps: cache.compute and analyze send
each miss to the cluster as a function and its inputs, and store the encoded result that comes
back in the build's own cache, so the cache is written by the building process alone and a
cluster's entries are a local build's, byte for byte (cache.remote_call checks each worker runs
the same code). Everything else (ingest, grouping, the entity merge, pages, publishing) stays on
the machine that builds. Nothing here is imported by a stage's code, so Dask's version is no part
of any cache key, and without a scheduler Dask is neither imported nor started.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from briefgen.errors import BuildError

#: Tasks a cluster map keeps submitted ahead of the one it waits for, per worker thread: enough to keep
#: every worker busy while results come back in order, few enough that the inputs in flight (article
#: texts, a story's tokens) stay a small, fixed part of memory whatever the archive's size.
AHEAD_PER_THREAD = 4


class Cluster:
    """A Dask cluster (``dask.distributed``) that the build's maps run on: analysis per article and
    briefs per story. Opened by ``cluster(address)``; nothing of Dask is imported without one."""

    def __init__(self, address: str, client: Any) -> None:
        self.address = address
        self.client = client

    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def map(self, function: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        """``function(*task)`` for each task, run on the cluster's workers; results in the tasks' order.

        A worker that dies takes its running tasks with it; the scheduler gives them to another worker
        (up to its ``allowed-failures``), so the map loses nothing. An exception a task raises comes back
        here, raised as it was.
        """
        ahead = AHEAD_PER_THREAD * self.threads()
        queue: collections.deque[Any] = collections.deque()
        for task in tasks:
            queue.append(self.client.submit(function, *task, pure=False))
            if len(queue) > ahead:
                yield queue.popleft().result()
        while queue:
            yield queue.popleft().result()


class Spawned(Cluster):
    """This machine's cores as a cluster: a map's tasks run in ``processes`` spawned worker processes,
    fresh interpreters that hold briefgen's modules and the inputs sent to them, nothing of the build.

    For a map whose tasks read their large inputs from disk (a story's tokens, from the cache): the
    workers' memory then follows the task, not the archive. Forked workers inherit the build process's
    records and come to hold private copies of its pages (about as much again as the build process
    holds, per worker, at 1,982 and 4,950 articles). Fewer than ``MIN_SPAWNED`` tasks run in this process:
    starting the workers (about 0.3 s of imports each) would cost more than they save.
    """

    def __init__(self, processes: int) -> None:
        super().__init__("", None)
        self.processes = processes

    def threads(self) -> int:
        return self.processes

    def map(self, function: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        """``function(*task)`` for each task, results in the tasks' order, at most ``AHEAD_PER_THREAD`` tasks a worker
        sent ahead of the result waited for (the rest are made as they are sent). A worker that dies (killed, out
        of memory) stops the map with a BuildError that says so: unlike a Dask cluster, nothing is retried. An
        exception a task raises comes back here, raised as it was."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        tasks = iter(tasks)
        first = list(itertools.islice(tasks, MIN_SPAWNED))
        if self.processes < 2 or len(first) < MIN_SPAWNED:
            for task in first:
                yield function(*task)
            return
        ahead = AHEAD_PER_THREAD * self.processes
        try:
            with ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn")) as workers:
                queue: collections.deque[Any] = collections.deque()
                for task in itertools.chain(first, tasks):
                    queue.append(workers.submit(function, *task))
                    if len(queue) > ahead:
                        yield queue.popleft().result()
                while queue:
                    yield queue.popleft().result()
        except BrokenProcessPool:
            raise BuildError(
                "a worker process stopped before its story was made (killed, or out of memory); build again, "
                "or set 'processes: 1' to make the stories in the build's own process"
            ) from None


#: The fewest tasks a ``Spawned`` map starts workers for: cache.compute's ``min_parallel`` for forked workers.
MIN_SPAWNED = 8


@contextlib.contextmanager
def cluster(address: str, where: str = "settings") -> Iterator[Cluster | None]:
    """A connection to the Dask scheduler at ``address`` (``tcp://host:8786``) for the block; None when
    ``address`` is empty (the default: the local process pool, no Dask imported or started)."""
    if not address:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise BuildError(
            f"{where}: setting 'scheduler': {address} needs Dask; install it with "
            "`pip install 'briefgen[dask]'`, or leave 'scheduler' unset to build on this machine"
        ) from None
    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise BuildError(
            f"{where}: setting 'scheduler': cannot reach a Dask scheduler at {address} ({exc}); start one with "
            "`dask scheduler` and workers with `dask worker ADDRESS`, or leave 'scheduler' unset"
        ) from None
    try:
        yield Cluster(address, client)
    finally:
        client.close()
