"""Builds on a Dask cluster (the ``scheduler`` setting): a real distributed.LocalCluster of two worker
processes, the same bytes as a local build, and a worker killed mid-run costs nothing."""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from briefgen.analyze import parse
from briefgen.config import load_config
from briefgen.errors import BuildError
from briefgen.pipeline import build

from .conftest import DATA

ECB = DATA / "ecb"


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def cache_entries(cache: Path, kind: str) -> dict[str, str]:
    return tree(next(cache.glob(f"v*/{kind}")))


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ECB test articles built on this machine (the default: the local process pool)."""
    base = tmp_path_factory.mktemp("local")
    build(load_config(content_dir=ECB, site_dir=base / "site", cache_dir=base / "cache", edition="2024-01-01", pdf=False))
    return base


def test_a_build_on_the_cluster_is_byte_identical_to_the_local_build(cluster: LocalCluster, local: Path, tmp_path: Path) -> None:
    with Client(cluster) as client:
        before = sum(client.run(lambda dask_worker: dask_worker.state.executed_count).values())
        build(
            load_config(
                content_dir=ECB,
                site_dir=tmp_path / "site",
                cache_dir=tmp_path / "cache",
                edition="2024-01-01",
                pdf=False,
                scheduler=cluster.scheduler_address,
            )
        )
        ran = sum(client.run(lambda dask_worker: dask_worker.state.executed_count).values())
    assert ran > before  # the workers did the maps
    assert tree(tmp_path / "site") == tree(local / "site")
    for kind in ("analysis", "stories"):  # the same content-addressed entries, byte for byte
        assert cache_entries(tmp_path / "cache", kind) == cache_entries(local / "cache", kind)


def test_a_worker_killed_during_the_run_loses_nothing(
    cluster: LocalCluster, local: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse, "TASK_ARTICLES", 1)  # one analysis task per article: many in flight at the kill
    killed: list[int] = []
    with Client(cluster) as client:
        pids = client.run(os.getpid)

        def progress(stage: str, done: int, total: int) -> None:
            if stage != "analyze" or killed or done < 1:
                return
            for _ in range(200):  # the worker busy with an article now, as soon as one is
                busy = [addr for addr, keys in client.processing().items() if keys and addr in pids]
                if busy:
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(pids[busy[0]])
                    return
                time.sleep(0.01)

        build(
            load_config(
                content_dir=ECB,
                site_dir=tmp_path / "site",
                cache_dir=tmp_path / "cache",
                edition="2024-01-01",
                pdf=False,
                scheduler=cluster.scheduler_address,
            ),
            progress=progress,
        )
        client.wait_for_workers(2, timeout=60)  # the nanny starts a new worker for the next test
    assert killed, "no worker was busy when the first article came back"
    assert tree(tmp_path / "site") == tree(local / "site")
    assert cache_entries(tmp_path / "cache", "analysis") == cache_entries(local / "cache", "analysis")


def test_an_unreachable_scheduler_is_named_with_what_to_do(tmp_path: Path) -> None:
    config = load_config(content_dir=ECB, site_dir=tmp_path / "site", pdf=False, scheduler="tcp://127.0.0.1:9")
    with pytest.raises(BuildError, match=r"scheduler.*tcp://127.0.0.1:9.*dask scheduler"):
        build(config)
