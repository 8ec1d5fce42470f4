"""The build cache is data, never code: a crafted entry never runs, a damaged or foreign one is a miss
named in a warning, and a build over a damaged cache gives the clean build's bytes."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import msgpack
import pytest

from briefgen import codec
from briefgen.cache import LAYOUT, Cache, compute, digest
from briefgen.config import load_config
from briefgen.facts.sources import Print
from briefgen.models import Article, Citation, Paragraph, Skipped, Story, StoryBrief, SummarySentence

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("ingest", "analysis", "outline", "counts", "minhash", "stories")


class Boom:
    """A pickle that would run a command when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return os.system, (f"touch {self.marker}",)


def test_values_come_back_exactly_as_stored() -> None:
    article = Article("a.txt", "T", "Text.", (Paragraph("Text.", 0),), date="2024-01-02", language="en")
    brief = StoryBrief(Story("s-1", "T", ("a.txt",)), (SummarySentence(Citation("Text.", "a.txt", 0), 1.5),), (), ())
    for value in (
        [article, Skipped("b.txt", "why")],
        ([], brief),
        ({"terms": {"a": 2}, "dates": {}}, None),
        Print(3, b"\x00\x01", b""),
        (1, [2, (3, "x")], {"k": (True, None, 2.5)}),
    ):
        back = codec.loads(codec.dumps(value))
        assert back == value and type(back) is type(value)
    assert type(codec.loads(codec.dumps(([1], (2,))))[0]) is list


def test_nothing_outside_the_registry_is_stored_or_built() -> None:
    for value in ({1, 2}, object(), os.system, Boom(Path("/nowhere"))):
        with pytest.raises(TypeError):
            codec.dumps(value)
    forged = msgpack.packb(msgpack.ExtType(3, msgpack.packb(["system", "touch /tmp/x"])))
    with pytest.raises(codec.CodecError, match="unknown record type 'system'"):
        codec.loads(forged)
    with pytest.raises(codec.CodecError):
        codec.loads(pickle.dumps(42))
    with pytest.raises(codec.CodecError, match="not what this kind of entry holds"):
        codec.loads(codec.dumps(42), expect=lambda v: isinstance(v, tuple))


def seed_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    for seed in sorted((ROOT / "content").glob("*.txt")):
        shutil.copyfile(seed, content / seed.name)
    return content


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def same_site(one: Path, two: Path) -> bool:
    """The same pages and PDFs byte for byte, but the build report and briefing.json's warnings, which name
    the damaged entries (the report page is for whoever runs the build)."""
    a, b = tree(one), tree(two)
    assert "report/index.html" in a and "report/index.html" in b
    a.pop("report/index.html")
    b.pop("report/index.html")
    ja, jb = (json.loads(x.pop("briefing.json")) for x in (a, b))
    ja.pop("warnings")
    jb.pop("warnings")
    return a == b and ja == jb


def entries(cache_dir: Path, kind: str) -> list[Path]:
    return sorted(p for p in (cache_dir / LAYOUT / kind).rglob("*") if p.is_file())


def test_a_crafted_pickle_in_the_cache_never_runs(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = seed_content(tmp_path)
    cache_dir = tmp_path / "cache"
    config = load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=cache_dir)
    build(config)
    marker = tmp_path / "pwned"
    store = Cache(cache_dir)
    victims = entries(cache_dir, "stories") + entries(cache_dir, "ingest")
    assert victims
    for path in victims:
        payload = pickle.dumps(Boom(marker))
        if path.parent.name == path.name[:2] and len(victims) % 2:  # half as bare pickles, half with a valid header
            path.write_bytes(payload)
        else:
            kind = path.parent.parent.name
            path.unlink()
            store.put(kind, path.name, payload)  # a forger who knows the header and checksum still gets a miss
    again = build(dataclasses.replace(config, edition="e2"))
    assert not marker.exists()
    assert len(again.stories) >= 1 and len(again.articles) == 2 and not again.skipped
    assert any("unreadable cache entry" in w or "not a briefgen cache entry" in w for w in again.warnings)


@pytest.mark.parametrize("kind", KINDS)
def test_a_flipped_byte_in_every_entry_of_a_kind_gives_the_clean_builds_bytes(tmp_path: Path, kind: str) -> None:
    from briefgen.pipeline import build

    content = seed_content(tmp_path)
    clean_cache = tmp_path / "clean-cache"
    base = load_config(content_dir=content, pdf=False, edition="e1")
    build(dataclasses.replace(base, site_dir=tmp_path / "clean", cache_dir=clean_cache))
    damaged = tmp_path / "damaged-cache"
    shutil.copytree(clean_cache, damaged)
    victims = entries(damaged, kind)
    assert victims, f"no {kind} entries"
    for path in victims:
        data = bytearray(path.read_bytes())
        data[len(data) * 2 // 3] ^= 0x10
        path.write_bytes(bytes(data))
    if kind == "analysis":  # tokens are read only for stories not cached: make every story need them
        shutil.rmtree(damaged / LAYOUT / "stories")
    briefing = build(dataclasses.replace(base, site_dir=tmp_path / "again", cache_dir=damaged))
    # every page and PDF byte for byte; briefing.json too, but for the warnings naming the damaged entries (and the
    # build report page listing them)
    assert same_site(tmp_path / "again" / "e1", tmp_path / "clean" / "e1")
    named = [w for w in briefing.warnings if "damaged cache entry" in w]
    assert {Path(w.split(": ")[0]) for w in named} == set(victims)
    for path in victims:  # rebuilt, and sound again
        assert Cache(damaged).read(kind, path.name) is not None


@pytest.mark.parametrize("damage", ["truncated", "foreign", "empty"])
def test_truncated_foreign_or_empty_entries_are_misses(tmp_path: Path, damage: str) -> None:
    store = Cache(tmp_path)
    keys = [digest(str(i)) for i in range(3)]
    compute(store, "t", keys, lambda i: (i, [i]))
    path = store.path("t", keys[1])
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:-3])
    elif damage == "foreign":
        shutil.copyfile(store.path("t", keys[0]), path)  # a sound entry under another name
    else:
        path.write_bytes(b"")
    calls: list[int] = []
    again = compute(Cache(tmp_path), "t", keys, lambda i: calls.append(i) or (i, [i]))
    assert again == [(0, [0]), (1, [1]), (2, [2])] and calls == [1]


def test_an_entry_of_the_wrong_shape_is_a_miss_not_a_dropped_article(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = seed_content(tmp_path)
    cache_dir = tmp_path / "cache"
    config = load_config(content_dir=content, site_dir=tmp_path / "clean", pdf=False, edition="e1", cache_dir=cache_dir)
    build(config)
    store = Cache(cache_dir)
    for kind in ("ingest", "counts", "minhash", "stories"):
        for path in entries(cache_dir, kind):
            path.unlink()
            store.put(kind, path.name, codec.dumps(42))  # well-formed, checksummed, and not what the kind holds
    again = build(dataclasses.replace(config, site_dir=tmp_path / "again"))
    assert len(again.articles) == 2 and not again.skipped
    assert same_site(tmp_path / "again" / "e1", tmp_path / "clean" / "e1")
    assert sum("not what this kind of entry holds" in w for w in again.warnings) >= 4


@pytest.fixture
def read_only(tmp_path: Path):
    """Make folders unwritable, even for root (chattr +i), and writable again afterwards."""
    made: list[Path] = []

    def lock(root: Path) -> None:
        folders = [root, *(p for p in root.rglob("*") if p.is_dir())]
        for folder in folders:
            if os.geteuid() == 0:
                if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
                    pytest.skip("cannot make a folder read-only for root here (chattr +i)")
            else:
                folder.chmod(0o555)
            made.append(folder)

    yield lock
    for folder in reversed(made):
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        else:
            folder.chmod(0o755)


def test_a_read_only_cache_builds_without_it_with_a_warning(tmp_path: Path, read_only) -> None:
    from briefgen.pipeline import build

    content = seed_content(tmp_path)
    cache_dir = tmp_path / "cache"
    config = load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=cache_dir)
    build(config)
    (content / "new.txt").write_text(
        "A new article about the Wagner group and Belarus, published a day later.\n\n"
        "Yevgeny Prigozhin was seen in Minsk on Wednesday, officials said.\n"
    )
    read_only(cache_dir)
    before = tree(cache_dir)
    again = build(dataclasses.replace(config, edition="e2"))
    assert "new.txt" in {a.id for a in again.articles} and not again.skipped
    assert any(str(cache_dir) in w and "keeps nothing in its cache" in w for w in again.warnings)
    assert tree(cache_dir) == before


def test_a_cache_of_an_older_version_is_removed_without_warnings(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = seed_content(tmp_path)
    cache_dir = tmp_path / "cache"
    config = load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=cache_dir)
    build(config)
    old = cache_dir / "v1" / "stories" / "ab"  # the pickle layout of earlier versions
    old.mkdir(parents=True)
    (old / ("ab" * 32)).write_bytes(pickle.dumps({"old": 1}))
    again = build(dataclasses.replace(config, edition="e2"))
    assert again.warnings == ()
    assert not (cache_dir / "v1").exists() and (cache_dir / LAYOUT).is_dir()


def _warn_and_square(i: int) -> int:
    import logging

    logging.getLogger("briefgen.test").warning("item %d looked odd", i)
    return i * i


def test_warnings_logged_in_forked_workers_reach_the_build(tmp_path: Path) -> None:
    from briefgen.pipeline import collecting

    with collecting() as warned:
        out = compute(Cache(tmp_path), "t", [digest(str(i)) for i in range(4)], _warn_and_square, processes=2, min_parallel=1)
    assert out == [0, 1, 4, 9]
    assert sorted(warned.messages) == [f"item {i} looked odd" for i in range(4)]
