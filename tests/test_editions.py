"""Editions: frozen archive, stable ids, what changed, and the same bytes twice."""

from __future__ import annotations

import csv
import filecmp
import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from briefgen.config import load_config
from briefgen.editions import edition_name, updated_versions
from briefgen.errors import BuildError
from briefgen.pipeline import build

from .conftest import DATA, ROOT

ECB = DATA / "ecb"
FIRST = [
    "1_1ecb.txt",
    "1_2ecb.txt",
    "1_3ecb.txt",
    "1_1ecbplus.md",
    "1_2ecbplus.md",
    "1_3ecbplus.md",
    "3_1ecb.txt",
    "3_2ecb.txt",
    "3_1ecbplus.md",
    "3_2ecbplus.md",
]
ADDED = ["1_4ecb.txt", "1_5ecb.txt", "1_4ecbplus.md", "1_5ecbplus.md", "3_3ecb.txt", "3_3ecbplus.md"]


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def two_builds(base: Path) -> Path:
    content = base / "content"
    content.mkdir(parents=True)
    for name in FIRST:
        shutil.copy(ECB / name, content / name)
    site = base / "site"
    build(load_config(content_dir=content, site_dir=site, edition="2024-01-01", pdf=False))
    (base / "first.json").write_text(json.dumps(tree_digest(site / "2024-01-01")))
    for name in ADDED:
        shutil.copy(ECB / name, content / name)
    build(load_config(content_dir=content, site_dir=site, edition="2024-01-02", pdf=False))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    a = tmp_path_factory.mktemp("a")
    b = tmp_path_factory.mktemp("b")
    return two_builds(a), two_builds(b)


def load(site: Path, edition: str) -> dict:
    return json.loads((site / edition / "briefing.json").read_text(encoding="utf-8"))


def test_first_edition_untouched_by_second(built: tuple[Path, Path]) -> None:
    site = built[0]
    before = json.loads((site.parent / "first.json").read_text())
    assert tree_digest(site / "2024-01-01") == before


def test_story_ids_kept_and_new_articles_listed(built: tuple[Path, Path]) -> None:
    site = built[0]
    first, second = load(site, "2024-01-01"), load(site, "2024-01-02")
    assert sorted(second["changes"]["new_articles"]) == sorted(ADDED)
    assert second["changes"]["previous"] == "2024-01-01"
    old = {s["id"]: set(s["articles"]) for s in first["stories"]}
    new = {s["id"]: set(s["articles"]) for s in second["stories"]}
    kept = [sid for sid, arts in old.items() if sid in new and arts <= new[sid]]
    assert len(kept) / len(old) >= 0.95
    assert set(second["changes"]["updated_stories"]) | set(second["changes"]["new_stories"]) >= {
        sid for sid, arts in new.items() if arts & set(ADDED)
    }
    page = (site / "2024-01-02" / "changes" / "index.html").read_text(encoding="utf-8")
    assert "What changed in edition 2024" in page and "2024-01-01" in page


def test_stories_follow_the_labels(built: tuple[Path, Path]) -> None:
    with open(DATA / "ecb-stories.csv", newline="", encoding="utf-8") as fh:
        gold = {row["file"]: row["story"] for row in csv.DictReader(fh)}
    second = load(built[0], "2024-01-02")
    for story in second["stories"]:
        labels = {gold[a] for a in story["articles"]}
        assert len(labels) == 1, f"{story['title']} mixes {labels}"


def test_versions_and_archive(built: tuple[Path, Path]) -> None:
    site = built[0]
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == ["2024-01-02", "2024-01-01"]
    assert versions[0]["aliases"] == ["latest"] and versions[1]["aliases"] == []
    archive = (site / "2024-01-02" / "archive" / "index.html").read_text(encoding="utf-8")
    assert "2024-01-01" in archive and "2024-01-02" in archive


def test_same_inputs_same_bytes(built: tuple[Path, Path]) -> None:
    a, b = built
    cmp = filecmp.dircmp(a, b)
    assert tree_digest(a) == tree_digest(b), (cmp.diff_files, cmp.left_only, cmp.right_only)


def test_edition_names_are_checked() -> None:
    assert edition_name("2026-11-21") == "2026-11-21"
    for bad in ("../x", "latest", "a/b", "", ".hidden"):
        if bad:
            with pytest.raises(BuildError):
                edition_name(bad)


def test_default_edition_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1690243200")
    assert edition_name(None) == "2023-07-25"


def test_rebuilding_an_edition_keeps_one_latest(tmp_path: Path) -> None:
    (tmp_path / "versions.json").write_text(
        json.dumps(
            [
                {"version": "b", "title": "b", "aliases": ["latest"]},
                {"version": "a", "title": "a", "aliases": []},
            ]
        )
    )
    versions = updated_versions(tmp_path, "b", "b")
    assert [v["version"] for v in versions] == ["b", "a"]
    assert [v["aliases"] for v in versions] == [["latest"], []]


def test_ci_workflow_rebuilds_caches_and_publishes() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert "content/**" in triggers["push"]["paths"]
    steps = workflow["jobs"]["publish"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    uses = [s.get("uses", "") for s in steps]
    assert "briefgen build" in runs and "--site-dir site" in runs
    assert any(u.startswith("actions/cache") and s["with"]["path"] == ".briefgen-cache" for u, s in zip(uses, steps, strict=False))
    assert any(s.get("with", {}).get("ref") == "gh-pages" for s in steps), "earlier editions must be restored"
    publish = next(s for s in steps if "gh-pages" in s.get("uses", ""))
    assert publish["with"]["keep_files"] is True
    # every option the workflow passes exists on the CLI
    from briefgen.cli import build as build_command

    options = {o for p in build_command.params for o in p.opts}
    for line in runs.splitlines():
        if "briefgen build" in line:
            for word in line.split():
                if word.startswith("--"):
                    assert word in options


def test_merged_story_keeps_its_old_link(tmp_path: Path) -> None:
    """Two published stories merge in the next edition: the retired id's page points to the story
    it became, and briefing.json says so."""
    content, site = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    for name in FIRST:
        shutil.copy(ECB / name, content / name)
    build(load_config(content_dir=content, site_dir=site, edition="2024-01-01", pdf=False))
    first = load(site, "2024-01-01")
    a, b = sorted(first["stories"], key=lambda s: (-len(s["articles"]), s["id"]))[:2]
    (content / "stories.yml").write_text(yaml.safe_dump({"merge": [[a["id"], b["id"]]]}), encoding="utf-8")
    build(load_config(content_dir=content, site_dir=site, edition="2024-01-02", pdf=False))
    second = load(site, "2024-01-02")
    live = {s["id"]: s for s in second["stories"]}
    assert a["id"] in live and b["id"] not in live  # the larger part keeps its id
    assert second["merged"] == {b["id"]: a["id"]}
    old_page = site / "2024-01-02" / "stories" / b["id"] / "index.html"
    text = old_page.read_text(encoding="utf-8")
    href = re.search(r'<a href="([^"]+)"', text)
    assert href is not None
    target = (old_page.parent / href.group(1) / "index.html").resolve()
    assert target == (site / "2024-01-02" / "stories" / a["id"] / "index.html").resolve()
    assert html.escape(live[a["id"]]["title"], quote=False) in target.read_text(encoding="utf-8")
    # where each article's date came from; every story has a topic, and the topics list holds each story once
    assert {a["date_source"] for a in second["articles"] if a["date"]} <= {"front matter", "feed", "page", "dateline", "url", "text"}
    assert all(a["date_source"] is None for a in second["articles"] if not a["date"])
    assert all(s["topic"] for s in second["stories"])
    listed = [sid for t in second["topics"] for sid in t["stories"]]
    assert sorted(listed) == sorted(live)


def test_an_edition_over_a_window_holds_the_stories_with_an_article_in_it_and_reads_no_older_article(tmp_path: Path) -> None:
    dated = {  # Tara Reid's rehab (1_*) in January and a late report; Brian Nichols's sentencing (3_*) into March
        "1_1ecb.txt": "2024-01-01",
        "1_2ecb.txt": "2024-01-02",
        "1_3ecb.txt": "2024-02-20",
        "3_3ecb.txt": "2024-02-20",
        "3_1ecb.txt": "2024-03-01",
        "3_2ecb.txt": "2024-03-02",
    }
    content = tmp_path / "content"
    content.mkdir()
    for name, day in dated.items():
        (content / name).write_text(f"---\ndate: {day}\n---\n\n" + (ECB / name).read_text(encoding="utf-8"), encoding="utf-8")

    def edition(days: int) -> tuple[set[str], set[tuple[str, ...]], int]:
        base = tmp_path / f"w{days}"
        briefing = build(
            load_config(
                content_dir=content, site_dir=base / "site", cache_dir=base / "cache", edition="e1", pdf=False, edition_window_days=days
            )
        )
        parsed = sum(1 for p in base.glob("cache/v*/analysis/*/*") if p.is_file())
        return {a.id for a in briefing.articles}, {s.story.articles for s in briefing.stories}, parsed

    everything, _, parsed_all = edition(0)
    assert everything == set(dated) and parsed_all == len(dated)  # the default: every article
    shown, stories, parsed = edition(7)
    # the window is 2024-02-25 to 2024-03-02, its lookback the 7 days before
    window = {a for a, day in dated.items() if day >= "2024-02-25"}
    assert window <= shown <= {a for a, day in dated.items() if day >= "2024-02-18"}
    assert all(window.intersection(s) for s in stories)  # each story has an article in the window
    assert parsed == 4  # January's articles were never analysed: the edition's cost follows the window


def test_a_windowed_rebuild_reads_only_the_files_that_can_be_in_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.ingest as ingest_module

    dated = {"1_1ecb.txt": "2024-01-01", "1_2ecb.txt": "2024-01-02", "3_3ecb.txt": "2024-02-20", "3_1ecb.txt": "2024-03-01"}
    content = tmp_path / "content"
    content.mkdir()
    for name, day in dated.items():
        (content / name).write_text(f"---\ndate: {day}\n---\n\n" + (ECB / name).read_text(encoding="utf-8"), encoding="utf-8")
    (content / "undated.txt").write_text((ECB / "1_3ecb.txt").read_text(encoding="utf-8"), encoding="utf-8")
    real = ingest_module.read_file
    read: list[str] = []
    monkeypatch.setattr(ingest_module, "read_file", lambda path, rel, *a, **k: read.append(rel) or real(path, rel, *a, **k))

    def edition(name: str) -> set[str]:
        read.clear()
        briefing = build(load_config(content_dir=content, site_dir=tmp_path / "site", edition=name, pdf=False, edition_window_days=7))
        return {a.id for a in briefing.articles}

    first = edition("e1")
    assert set(read) == set(dated) | {"undated.txt"}  # the first build learns every file's dates
    assert "1_1ecb.txt" not in first and "3_1ecb.txt" in first
    (content / "3_2ecb.txt").write_text(
        "---\ndate: 2024-03-02\n---\n\n" + (ECB / "3_2ecb.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    second = edition("e2")
    assert set(read) == {"3_3ecb.txt", "3_1ecb.txt", "3_2ecb.txt", "undated.txt"}  # January's files are not read again
    assert "3_2ecb.txt" in second
    (content / "3_2ecb.txt").unlink()
    (content / "3_1ecb.txt").unlink()  # the newest articles gone: the window moves back to February, January is read again
    third = edition("e3")
    assert "1_1ecb.txt" in read and "3_3ecb.txt" in third


def test_the_file_dates_index_is_keyed_by_the_window_rules_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import cache as cache_module
    from briefgen.ingest import window

    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text("---\ndate: 2024-03-01\n---\n\n" + (ECB / "3_1ecb.txt").read_text(encoding="utf-8"), encoding="utf-8")
    config = load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition_window_days=7)
    store = cache_module.Cache(tmp_path / "cache")
    keys: list[str] = []
    monkeypatch.setattr(store, "store", lambda kind, key, value: keys.append(key) if kind == "dates" else None)
    for code in ("rule one", "rule two"):  # a change to ingest/window.py: its index is read afresh, never a stale one
        monkeypatch.setattr(window, "code_fingerprint", lambda name, code=code: code)
        window.read(config, store, "fp")
    assert len(keys) == 2 and keys[0] != keys[1]
