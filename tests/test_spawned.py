"""Story briefs in spawned workers (cluster.Spawned): tasks run in fresh processes, in order, and a build whose
briefs are made there gives the bytes and cache entries of a build that makes them all in its own process."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import pytest

from briefgen import cluster, pipeline
from briefgen.cache import Cache, compute, digest
from briefgen.config import load_config
from briefgen.pipeline import build, collecting

from .conftest import DATA


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def test_a_spawned_map_runs_its_tasks_in_other_processes_and_keeps_their_order() -> None:
    tasks = [(i, 2) for i in range(cluster.MIN_SPAWNED + 3)]
    assert list(cluster.Spawned(2).map(pow, tasks)) == [i * i for i, _ in tasks]
    pids = set(cluster.Spawned(2).map(os.getpid, [()] * cluster.MIN_SPAWNED))
    assert os.getpid() not in pids
    assert 1 <= len(pids) <= 2


def test_a_worker_that_dies_stops_the_map_with_a_reason_not_a_hang() -> None:
    from briefgen.errors import BuildError

    with pytest.raises(BuildError, match="worker process stopped"):
        list(cluster.Spawned(2).map(os._exit, [(1,)] * cluster.MIN_SPAWNED))  # as the out-of-memory killer would


def test_a_build_started_by_a_worker_importing_the_script_stops_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A spawned worker imports the script that started the build as ``__mp_main__``: a script that calls the build at
    its top level would build again in every worker. It stops before reading anything, saying how to guard the call."""
    import sys
    import types

    from briefgen.errors import BuildError

    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__mp_main__"))
    with pytest.raises(BuildError, match='if __name__ == "__main__"'):
        build(load_config(content_dir=DATA / "nowhere"))


def test_a_few_tasks_or_one_process_run_here() -> None:
    assert set(cluster.Spawned(2).map(os.getpid, [()] * (cluster.MIN_SPAWNED - 1))) == {os.getpid()}
    assert set(cluster.Spawned(1).map(os.getpid, [()] * cluster.MIN_SPAWNED)) == {os.getpid()}


def _warn_and_square(i: int) -> int:
    logging.getLogger("briefgen.test").warning("item %d looked odd", i)
    return i * i


def test_warnings_logged_in_spawned_workers_reach_the_build(tmp_path: Path) -> None:
    n = cluster.MIN_SPAWNED
    with collecting() as warned:
        out = compute(
            Cache(tmp_path),
            "t",
            [digest(str(i)) for i in range(n)],
            _warn_and_square,
            cluster=cluster.Spawned(2),
            remote=("briefgen.brief", lambda i: (_warn_and_square, (i,))),  # any briefgen module: the code check
        )
    assert out == [i * i for i in range(n)]
    assert sorted(warned.messages) == sorted(f"item {i} looked odd" for i in range(n))


def test_briefs_made_in_spawned_workers_are_the_briefs_made_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[int] = []

    class Counted(cluster.Spawned):
        def map(self, function, tasks):  # type: ignore[no-untyped-def]
            todo = list(tasks)
            sent.append(len(todo))
            return super().map(function, todo)

    monkeypatch.setattr(pipeline, "Spawned", Counted)
    monkeypatch.setattr(cluster, "MIN_SPAWNED", 2)  # the test corpus has fewer stories than the default
    sites = {}
    for n in (1, 2):
        base = tmp_path / str(n)
        build(
            load_config(
                content_dir=DATA / "ecb", site_dir=base / "site", cache_dir=base / "cache", edition="2024-01-01", pdf=False, n_process=n
            )
        )
        sites[n] = tree(base / "site")
    assert sent and sent[0] >= 2  # the two-process build sent its stories to spawned workers; the one-process build none
    assert len(sent) == 1
    assert sites[1] == sites[2]
    assert tree(next((tmp_path / "1" / "cache").glob("v*/stories"))) == tree(next((tmp_path / "2" / "cache").glob("v*/stories")))
