"""The search index in shards (briefgen/search.py): what pagefind reads of a page, the shard cuts, the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen import search
from briefgen.cache import Cache
from briefgen.errors import BuildError

from .conftest import search_docs

GOLDEN = Path(__file__).parent / "data" / "expected" / "site" / "2023-07-25"


def test_indexed_html_keeps_the_body_and_cuts_what_pagefind_ignores() -> None:
    page = (
        '<html><head><title>Site · e1</title></head><body><nav><h1>Menu</h1></nav><article class="md-content">'
        '<div data-pagefind-body>\n<h1>Flood</h1>\n<p data-pagefind-ignore><span>Edition e1 · <span class="new">new</span></span></p>\n'
        '<p>Rain <span class="bg-conf-why" data-pagefind-ignore>why <a href="x">this</a></span>fell.<br>Again.</p>\n'
        '<div data-pagefind-ignore="all"><p data-pagefind-filter="kind">story</p></div>\n<img src="a.png" alt="map">\n</div>'
        "<footer>© e1</footer></article></body></html>"
    )
    html = search.indexed_html(page)
    assert html is not None
    body = html[html.index("<div data-pagefind-body>") : html.rindex("</div>") + len("</div>")]
    assert body == (
        "<div data-pagefind-body>\n<h1>Flood</h1>\n\n<p>Rain fell.<br>Again.</p>\n"
        '<div data-pagefind-ignore="all"><p data-pagefind-filter="kind">story</p></div>\n<img src="a.png" alt="map">\n</div>'
    )  # the edition's name and marks are gone; an ignored element holding a filter stays (pagefind reads it)
    assert "Menu" not in html and "e1" not in html
    # the same page in another edition indexes the same
    assert search.indexed_html(page.replace("e1", "e2")) == html
    assert search.indexed_html("<html><body><h1>Redirect</h1></body></html>") is None


def test_pagefind_indexes_the_stripped_pages_as_the_whole_pages(tmp_path: Path) -> None:
    """The golden edition's story and article pages, whole and as indexed_html makes them: pagefind's
    bundles are the same files, byte for byte (their names are their contents' hashes)."""
    import subprocess

    exe, _ = search._executable()
    stripped = tmp_path / "stripped"
    for folder in search.PAGE_FOLDERS:
        for path in (GOLDEN / folder).rglob("*.html"):
            html = search.indexed_html(path.read_text(encoding="utf-8"))
            assert html is not None
            target = stripped / path.relative_to(GOLDEN)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
    bundles = []
    for site, out in ((GOLDEN, tmp_path / "whole-out"), (stripped, tmp_path / "stripped-out")):
        glob = "{stories,articles}/**/*.html"
        subprocess.run(
            [exe, "--site", str(site), "--output-path", str(out), "--glob", glob, "--force-language", "en", "--silent"], check=True
        )
        bundles.append({f.relative_to(out).as_posix(): f.read_bytes() for f in out.rglob("*") if f.is_file()})
    assert len([p for p in bundles[0] if p.startswith("fragment/")]) == 10  # 4 stories, 6 articles
    assert bundles[0] == bundles[1]


def _pages(n: int, start: int = 0) -> list[search.Page]:
    return [
        search.Page(f"articles/a{i}/index.html", (f"2024-{1 + i % 12:02d}-01", f"articles/a{i}/index.html"), f"t{i}")
        for i in range(start, n)
    ]


def test_shards_are_cut_by_the_pages_so_a_new_page_changes_one_shard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 20)
    pages = _pages(1000)
    cut = search.shards(pages)
    assert [p for s in cut for p in s] == sorted(pages, key=lambda p: p.order)  # every page once, in date order
    sizes = [len(s) for s in cut]
    assert max(sizes) <= search.MAX_SHARD * 20 and 25 <= len(cut) <= 100, sizes  # about 1000 / 20 shards
    assert search.shards(list(reversed(pages))) == cut  # the input's order does not matter
    changed = []
    for new in (_pages(1001, 1000)[0], search.Page("stories/s/index.html", ("2024-05-01", "stories/s/index.html"), "x")):
        after = search.shards([*pages, new])
        keys = {tuple(s) for s in cut}
        changed.append([s for s in after if tuple(s) not in keys])
        assert len(changed[-1]) == 1 and new in changed[-1][0]  # only the shard the page falls into
        assert len(after) - len(cut) <= 1  # it may start a shard of its own (one page in SHARD_PAGES does)
    # a page's text changing changes its shard's key, and no other shard's
    edited = [search.Page(p.path, p.order, "edited") if p == cut[3][0] else p for p in pages]
    old = [search.shard_key("fp", "1", s) for s in cut]
    new_keys = [search.shard_key("fp", "1", s) for s in search.shards(edited)]
    assert [k for k, (a, b) in enumerate(zip(old, new_keys, strict=True)) if a != b] == [3]


def _edition(out: Path, n: int, edition: str = "e1") -> None:
    for i in range(n):
        page = out / "articles" / f"a{i}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"<html><head><title>Brief · {edition}</title></head><body><div data-pagefind-body><h1>Article {i}</h1>"
            f"<p data-pagefind-ignore>Edition {edition}</p><p>Rain number{i} fell on the {['hill', 'town', 'river'][i % 3]}.</p>"
            "</div></body></html>",
            encoding="utf-8",
        )
    redirect = out / "stories" / "merged" / "index.html"  # no body: not indexed
    redirect.parent.mkdir(parents=True, exist_ok=True)
    redirect.write_text('<html><head><meta http-equiv="refresh" content="0; url=../s/"></head></html>', encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in folder.rglob("*") if f.is_file()}


def test_a_rebuild_after_one_new_page_indexes_one_shard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 6)
    cache = Cache(tmp_path / "cache")
    dates = {f"articles/a{i}/index.html": f"2024-01-{1 + i:02d}" for i in range(40)}
    first = tmp_path / "e1"
    _edition(first, 30)
    stats = search.index_search(first, dates, cache, "fp", tmp_path / "scratch")
    assert stats.shards >= 3 and stats.indexed == stats.shards and stats.largest <= search.MAX_SHARD * 6
    merge = json.loads((first / "pagefind" / "shards.json").read_text(encoding="utf-8"))["merge"]
    assert len(merge) == stats.shards - 1
    docs = search_docs(first)
    assert sorted(d["url"] for d in docs) == sorted(f"/articles/a{i}/" for i in range(30))
    assert (first / "pagefind" / "pagefind.js").is_file() and not (first / "pagefind" / merge[0] / "pagefind.js").exists()

    # the next edition, with one article more: its name is on every page, in a part pagefind ignores
    second = tmp_path / "e2"
    _edition(second, 31, "e2")
    again = search.index_search(second, dates, cache, "fp", tmp_path / "scratch")
    assert again.indexed == 1 and again.shards in (stats.shards, stats.shards + 1)
    assert sorted(d["url"] for d in search_docs(second)) == sorted(f"/articles/a{i}/" for i in range(31))
    # the same files as a build from an empty cache
    fresh = tmp_path / "fresh"
    _edition(fresh, 31, "e2")
    alone = search.index_search(fresh, dates, Cache(tmp_path / "cache2"), "fp", tmp_path / "scratch")
    assert alone.indexed == alone.shards
    assert _files(fresh / "pagefind") == _files(second / "pagefind")
    # other code (another fingerprint) indexes every shard again
    third = tmp_path / "e3"
    _edition(third, 31, "e3")
    assert search.index_search(third, dates, cache, "other", tmp_path / "scratch").indexed == again.shards


def test_pagefind_scripts_are_edited_to_name_the_words_each_result_matched(tmp_path: Path) -> None:
    out = tmp_path / "e1"
    _edition(out, 3)
    search.index_search(out, {}, Cache(tmp_path / "cache"), "fp", tmp_path / "scratch")
    script = (out / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    assert "export{enterPlaygroundMode," in script and "this.instances.map((i)=>i.enterPlaygroundMode())" in script
    worker = (out / "pagefind" / "pagefind-worker.js").read_text(encoding="utf-8")
    assert "this.instances.map((i)=>i.enterPlaygroundMode())" in worker
    with pytest.raises(BuildError, match="install pagefind"):
        search.patched("pagefind.js", b"export{createInstance,search};")  # another pagefind's script
    assert search.patched("index/en_1.pf_index", b"\x00data") == b"\x00data"
