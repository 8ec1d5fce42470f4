"""The build cache: content-addressed entries, reuse across builds, invalidation, and the pages built outside mkdocs."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from briefgen.cache import LAYOUT, Cache, compute, default_dir, digest
from briefgen.config import BuildConfig, load_config
from briefgen.errors import BuildError
from briefgen.models import Article, Paragraph

from .conftest import search_docs

ROOT = Path(__file__).resolve().parent.parent


def test_digest_separates_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")
    assert len(digest("x")) == 64


def test_default_dir_is_beside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "out" / "site"
    assert default_dir(site) == (tmp_path / "out" / ".briefgen-cache").resolve()


def test_put_get_and_prune_keep_only_what_the_last_build_used(tmp_path: Path) -> None:
    first = Cache(tmp_path / "c")
    with first.locked():  # marks the folder as briefgen's: prune deletes only in a marked folder
        pass
    first.put("analysis", "a" * 64, b"one")
    first.put("analysis", "b" * 64, b"two")
    (tmp_path / "c" / "v0").mkdir()  # an older layout
    first.put("pages", "d" * 64, b"a kind builds no longer make")
    second = Cache(tmp_path / "c")
    assert second.get("analysis", "a" * 64) == b"one"
    assert second.get("analysis", "c" * 64) is None
    assert second.prune() == 1
    third = Cache(tmp_path / "c")
    assert third.get("analysis", "a" * 64) == b"one"
    assert third.get("analysis", "b" * 64) is None
    assert not (tmp_path / "c" / "v0").exists()
    assert not (tmp_path / "c" / LAYOUT / "pages").exists()
    assert not list((tmp_path / "c").rglob("*.tmp"))


def test_a_damaged_entry_is_a_miss_not_an_error(tmp_path: Path) -> None:
    store = Cache(tmp_path)
    store.store("stories", "d" * 64, {"x": 1})
    store.path("stories", "d" * 64).write_bytes(b"\x80 not a pickle")
    assert Cache(tmp_path).load("stories", "d" * 64) is None


def test_one_build_at_a_time_per_cache(tmp_path: Path) -> None:
    with Cache(tmp_path).locked(), pytest.raises(BuildError, match="another briefgen build"), Cache(tmp_path).locked():
        pass
    with Cache(tmp_path).locked():  # released
        pass
    assert (tmp_path / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def _square(i: int) -> tuple[int, int]:
    return i, i * i


@pytest.mark.parametrize("processes", [1, 2])
def test_compute_stores_then_reuses(tmp_path: Path, processes: int) -> None:
    keys = [digest(str(i)) for i in range(10)]
    made = compute(Cache(tmp_path), "t", keys, _square, processes=processes, min_parallel=1)
    assert made == [(i, i * i) for i in range(10)]
    calls: list[int] = []

    def counted(i: int) -> tuple[int, int]:
        calls.append(i)
        return _square(i)

    again = Cache(tmp_path)
    assert compute(again, "t", [*keys, digest("new")], lambda i: counted(i) if i < 10 else (-1, -1)) == [*made, (-1, -1)]
    assert calls == []
    assert again.hits["t"] == 10


def test_a_stage_key_follows_its_settings_only() -> None:
    from briefgen.pipeline import STAGE, fingerprint

    base = BuildConfig()
    stories, counts = STAGE["stories"], STAGE["counts"]
    assert fingerprint(stories, base) != fingerprint(stories, dataclasses.replace(base, summary_words=90))
    assert fingerprint(counts, base) == fingerprint(counts, dataclasses.replace(base, summary_words=90))
    elsewhere = dataclasses.replace(base, site_dir=Path("elsewhere"), n_process=3, batch_size=8)
    assert all(fingerprint(stage, base) == fingerprint(stage, elsewhere) for stage in (stories, counts, STAGE["analyze"]))


def test_article_key_follows_text_paragraphs_and_fingerprint() -> None:
    from briefgen.analyze import article_key

    text = "One paragraph.\n\nTwo paragraphs."
    a = Article("a.txt", "T", text, (Paragraph("One paragraph.", 0), Paragraph("Two paragraphs.", 16)))
    assert article_key(a, "fp") == article_key(dataclasses.replace(a, id="b.txt", date="2020-01-01"), "fp")
    assert article_key(a, "fp") != article_key(a, "other model")
    assert article_key(a, "fp") != article_key(dataclasses.replace(a, text=text.replace("One", "Uno")), "fp")
    merged = dataclasses.replace(a, paragraphs=(Paragraph(text, 0),))
    assert article_key(a, "fp") != article_key(merged, "fp")
    heading = dataclasses.replace(a, paragraphs=(Paragraph("One paragraph.", 0, is_heading=True), a.paragraphs[1]))
    assert article_key(a, "fp") != article_key(heading, "fp")


def _analysis_fp(config: BuildConfig) -> str:
    from briefgen.pipeline import STAGE, fingerprint

    return fingerprint(STAGE["analyze"], config)


def test_cached_analysis_equals_a_fresh_one(tmp_path: Path, seed_config: BuildConfig, seed_analyzed: list) -> None:
    from briefgen.analyze import analyze_cached, load_tokens

    articles = [item.article for item in seed_analyzed]
    fp = _analysis_fp(seed_config)
    first = Cache(tmp_path)
    parsed = analyze_cached(articles, seed_config, first, fp)
    assert load_tokens(parsed, seed_config, first) == seed_analyzed
    assert [p.mentions for p in parsed] == [a.mentions for a in seed_analyzed]
    assert [p.spans for p in parsed] == [tuple((s.index, s.start, s.end) for s in a.sentences) for a in seed_analyzed]
    assert first.misses["analysis"] == len(articles)
    second = Cache(tmp_path)
    assert analyze_cached(articles, seed_config, second, fp) == parsed
    assert load_tokens(parsed, seed_config, second) == seed_analyzed
    assert second.hits["analysis"] == len(articles)
    assert second.misses["analysis"] == 0
    changed = dataclasses.replace(articles[0], text=articles[0].text + " ")
    third = Cache(tmp_path)
    analyze_cached([changed, articles[1]], seed_config, third, fp)
    assert (third.hits["analysis"], third.misses["analysis"]) == (1, 1)
    assert len(fp) == 64


def test_rebuild_reuses_the_cache_and_builds_the_same_site(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = tmp_path / "content"
    content.mkdir()
    for seed in sorted((ROOT / "content").glob("*.txt")):
        (content / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    cache_dir = tmp_path / "cache"
    config = load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=cache_dir)
    build(config)

    def entries() -> set[Path]:
        base = cache_dir / LAYOUT
        return {p.relative_to(base) for p in base.rglob("*") if p.is_file() and p.parts[-3] in ("analysis", "stories")}

    before = entries()
    assert sum(1 for e in before if e.parts[0] == "analysis") == 2
    timings: dict[str, float] = {}
    build(dataclasses.replace(config, edition="e2"), timings=timings)
    assert {"ingest", "analyze", "stories", "mkdocs", "articles"} <= set(timings)
    assert entries() == before  # nothing new, nothing lost
    one = json.loads((tmp_path / "site" / "e1" / "briefing.json").read_text())
    two = json.loads((tmp_path / "site" / "e2" / "briefing.json").read_text())
    assert one["stories"] == two["stories"]


def test_article_pages_are_built_beside_mkdocs_and_stay_linked_and_searchable(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    config = load_config(content_dir=ROOT / "content", site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=tmp_path / "c")
    briefing = build(config)
    edition = tmp_path / "site" / "e1"
    pages = sorted((edition / "articles").glob("*/index.html"))
    assert len(pages) == len(briefing.articles)
    assert not (edition / "articles" / "_page").exists()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "BRIEFGEN" not in html
        assert html.count("<h1") == 1
        assert 'id="s0"' in html  # sentence anchors for citations
        assert "md-header" in html  # the theme's page around it
    story = next((edition / "stories").glob("*/index.html")).read_text(encoding="utf-8")
    cited = [href for href in story.split('href="')[1:] if href.startswith("../../articles/")]
    assert cited
    for href in cited:
        target = href.split('"')[0].split("#")[0]
        assert (edition / "stories" / "x" / target / "index.html").resolve().is_file()
    docs = search_docs(edition)
    located = {d["url"] for d in docs}
    assert {f"/articles/{p.parent.name}/" for p in pages} <= located
    assert not any(loc.startswith("/articles/_page") for loc in located)
    title = briefing.articles[0].title[:30]
    assert any(title in d["meta"]["title"] for d in docs)


def test_a_rebuild_reads_tokens_only_of_the_stories_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Grouping counts and story briefs come from the cache, so unchanged stories' tokens are never loaded. A story is
    unchanged when its record is: the new article can reorder another story's shared terms (``why``, weighed over the
    whole archive), and that story's brief is made again."""
    import shutil

    from briefgen import analyze
    from briefgen.pipeline import build

    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "data" / "ecb", content)
    late = sorted(content.iterdir())[-1]
    held = late.read_text(encoding="utf-8")
    late.unlink()
    site = tmp_path / "site"
    build(load_config(content_dir=content, site_dir=site, edition="e1", pdf=False))
    first = json.loads((site / "e1" / "briefing.json").read_text(encoding="utf-8"))["stories"]
    before = {(s["id"], tuple(s["articles"]), tuple(s["why"])) for s in first}
    late.write_text(held, encoding="utf-8")
    decoded: set[str] = set()
    real = analyze.load_tokens
    monkeypatch.setattr(analyze, "load_tokens", lambda parsed, *a: decoded.update(p.article.id for p in parsed) or real(parsed, *a))
    briefing = build(load_config(content_dir=content, site_dir=site, edition="e2", pdf=False))
    changed = {a for sb in briefing.stories if (sb.story.id, sb.story.articles, sb.story.why) not in before for a in sb.story.articles}
    assert late.name in decoded
    assert decoded <= changed | {late.name}
    assert len(decoded) < len(briefing.articles) / 2


def test_ingest_reuses_parsed_files_and_notices_a_changed_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import ingest as ingest_module
    from briefgen.ingest import ingest

    parsed: list[str] = []
    for suffix in (".txt", ".md"):
        reader = ingest_module.READERS[suffix]
        monkeypatch.setitem(ingest_module.READERS, suffix, lambda data, rel, reader=reader: parsed.append(rel) or reader(data, rel))

    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text("Storm hits coast\n\nA storm hit the coast on Monday, officials said.\n", encoding="utf-8")
    (content / "b.md").write_text("---\ntitle: Quake\ndate: 2024-05-01\n---\n\nA quake shook the city.\n", encoding="utf-8")
    from briefgen.pipeline import STAGE, fingerprint

    config = load_config(content_dir=content, site_dir=tmp_path / "site")
    store = Cache(tmp_path / "cache")
    fp = fingerprint(STAGE["ingest"], config)
    first, _ = ingest(config, store, fp)
    assert sorted(parsed) == ["a.txt", "b.md"]
    again, _ = ingest(config, store, fp)
    assert again == first and len(parsed) == 2  # read again (just written: not settled), not parsed again
    (content / "b.md").write_text("---\ntitle: Quake\ndate: 2024-05-02\n---\n\nA quake shook the city.\n", encoding="utf-8")
    changed, _ = ingest(config, store, fp)
    assert [a.date for a in changed if a.id == "b.md"] == ["2024-05-02"] and sorted(parsed) == ["a.txt", "b.md", "b.md"]
    assert changed == ingest(config)[0]  # the same articles as without a cache
    with pytest.raises(ValueError, match="fingerprint"):  # a key without the readers' code could go stale
        ingest(config, Cache(tmp_path / "other"))


@pytest.mark.parametrize("kind", ["analysis", "outline"])
def test_a_damaged_or_missing_analysis_entry_is_parsed_again(
    tmp_path: Path, seed_config: BuildConfig, seed_analyzed: list, kind: str
) -> None:
    """Full records are read only when tokens are needed; one found damaged then is parsed again."""
    from briefgen.analyze import analyze_cached, article_key, load_tokens

    articles = [item.article for item in seed_analyzed]
    fp = _analysis_fp(seed_config)
    analyze_cached(articles, seed_config, Cache(tmp_path), fp)
    store = Cache(tmp_path)
    victim = store.path(kind, article_key(articles[0], fp))
    victim.write_bytes(victim.read_bytes()[:20])
    (store.path(kind, article_key(articles[1], fp))).unlink()
    assert load_tokens(analyze_cached(articles, seed_config, store, fp), seed_config, store) == seed_analyzed
    assert len(victim.read_bytes()) > 20  # stored again, whole
