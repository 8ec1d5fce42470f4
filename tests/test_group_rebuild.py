"""A rebuild groups as a build from an empty cache does: grouping keeps nothing between builds but
the previous edition's briefing.json, so the same articles and the same previous edition give the
same stories, ids and topics, whatever the cache holds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from briefgen.config import load_config
from briefgen.pipeline import build

from .test_editions import ADDED, ECB, FIRST


def grouping(site: Path, edition: str) -> dict[str, Any]:
    briefing = json.loads((site / edition / "briefing.json").read_text(encoding="utf-8"))
    return {
        "stories": sorted((s["id"], sorted(s["articles"])) for s in briefing["stories"]),
        "topics": sorted((t["id"], sorted(t["stories"])) for t in briefing["topics"]),
        "merged": briefing.get("merged"),
    }


def test_a_rebuild_groups_as_a_build_from_an_empty_cache(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name in FIRST:
        shutil.copy(ECB / name, content / name)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(load_config(content_dir=content, site_dir=site, cache_dir=cache, edition="e1", pdf=False))
    shutil.copytree(site, tmp_path / "fresh-site", symlinks=True)  # the same previous edition, for the fresh build
    for name in ADDED:
        shutil.copy(ECB / name, content / name)
    build(load_config(content_dir=content, site_dir=site, cache_dir=cache, edition="e2", pdf=False))
    fresh = tmp_path / "fresh-site"
    build(load_config(content_dir=content, site_dir=fresh, cache_dir=tmp_path / "empty-cache", edition="e2", pdf=False))
    rebuilt, scratch = grouping(site, "e2"), grouping(fresh, "e2")
    assert rebuilt == scratch
    first = grouping(site, "e1")
    assert len(rebuilt["stories"]) >= 2 and {sid for sid, _ in first["stories"]} & {sid for sid, _ in rebuilt["stories"]}
