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
