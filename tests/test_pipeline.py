"""The stage table: consistent, naming real functions, and keys that follow exactly the code each stage runs."""

from __future__ import annotations

import ast
import dataclasses
import importlib
from pathlib import Path

import pytest

from briefgen import cache
from briefgen.config import FIELDS, OUTPUT_SETTINGS, BuildConfig
from briefgen.pipeline import STAGE, STAGES, fingerprint

PACKAGE = Path(cache.__file__).resolve().parent
MODULES = sorted(
    ".".join(("briefgen", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__") for p in PACKAGE.rglob("*.py")
)
CACHED = [stage for stage in STAGES if stage.cache]


def test_every_record_is_made_once_before_it_is_read() -> None:
    made: set[str] = set()
    for stage in STAGES:
        assert set(stage.inputs) <= made, stage.name
        assert not made & set(stage.outputs), stage.name
        made |= set(stage.outputs)
    assert "briefing" in made
    assert len(STAGE) == len(STAGES)
    assert len({stage.cache for stage in CACHED}) == len(CACHED)


@pytest.mark.parametrize("stage", STAGES, ids=lambda s: s.name)
def test_each_stage_names_a_real_function(stage) -> None:
    module, _, name = stage.function.rpartition(".")
    assert callable(getattr(importlib.import_module(f"briefgen.{module}"), name))


def _settings_read(module: str) -> set[str]:
    """Settings whose names the code of ``module`` and of what it imports reads as attributes (``config.x``)."""
    found: set[str] = set()
    for name in cache.closure(module)[0]:
        for node in ast.walk(ast.parse(cache.source(name))):
            if isinstance(node, ast.Attribute) and node.attr in FIELDS:
                found.add(node.attr)
    return found


@pytest.mark.parametrize("stage", CACHED, ids=lambda s: s.name)
def test_a_cached_stage_declares_every_setting_its_code_reads(stage) -> None:
    """A setting read but not declared would leave the stage's cache stale when it changes."""
    assert _settings_read(stage.module) - OUTPUT_SETTINGS <= set(stage.settings)
    assert set(stage.settings) <= set(FIELDS) - OUTPUT_SETTINGS


def test_the_import_scan_finds_lazy_imports_and_skips_type_checking_ones() -> None:
    ours, outside = cache.closure("briefgen.ingest")
    assert {"briefgen.ingest.html", "briefgen.ingest.feeds", "briefgen.text.dates"} <= ours  # imported inside functions
    assert {"trafilatura", "feedparser", "yaml"} <= outside
    assert "briefgen.config" not in cache.closure("briefgen.analyze")[0]  # only under TYPE_CHECKING there
    assert "spacy" in cache.closure("briefgen.analyze")[1]


def _changed_by_touching(module: str, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    config = BuildConfig()
    before = {stage.name: fingerprint(stage, config) for stage in CACHED}
    real = cache.source
    monkeypatch.setattr(cache, "source", lambda name: real(name) + (b"\n# touched\n" if name == module else b""))
    cache.code_fingerprint.cache_clear()
    try:
        return {stage.name for stage in CACHED if fingerprint(stage, config) != before[stage.name]}
    finally:
        monkeypatch.undo()
        cache.code_fingerprint.cache_clear()


@pytest.mark.parametrize("module", MODULES)
def test_touching_a_module_changes_exactly_the_keys_of_the_stages_importing_it(module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    importing = {stage.name for stage in CACHED if module in cache.closure(stage.module)[0]}
    assert _changed_by_touching(module, monkeypatch) == importing


@pytest.mark.parametrize(
    ("module", "stages"),
    [
        ("briefgen.summarize", {"stories"}),
        ("briefgen.questions.kinds", {"stories"}),
        ("briefgen.facts.sources", {"minhash", "sources", "stories", "articles"}),  # articles: render.py counts sources through it
        ("briefgen.analyze.parse", {"analyze"}),
        ("briefgen.ingest.html", {"ingest"}),
        # the timeline resolves "on Tuesday" through it, and the labels a point's day (render.py reads confidence's legend)
        ("briefgen.text.dates", {"ingest", "counts", "stories", "articles"}),
        # the sentence splitter reads month names; claims.py the days a statement names (render.py reads claims through titles)
        ("briefgen.text.daynames", {"ingest", "analyze", "counts", "stories", "articles"}),
        # via text/sources.py, which facts/sources.py imports; pdf.py; render.py (articles)
        ("briefgen.text.outlets", {"minhash", "sources", "stories", "pdf", "articles"}),
        ("briefgen.front", {"pdf", "articles"}),
        # search: the cache's codec
        ("briefgen.models", {"ingest", "analyze", "counts", "minhash", "sources", "stories", "pdf", "articles", "search"}),
        ("briefgen.search", {"search"}),
        ("briefgen.render", {"articles"}),  # the cached bodies of story, article and entity pages
        ("briefgen.site", set()),
        ("briefgen.pipeline", set()),
    ],
)
def test_what_a_change_to_a_module_reruns(module: str, stages: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Anchors, written by hand, for the derived closures above."""
    assert _changed_by_touching(module, monkeypatch) == stages


def test_a_new_package_version_or_model_changes_the_keys_of_the_stages_using_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import analyze

    config = BuildConfig()
    before = {stage.name: fingerprint(stage, config) for stage in CACHED}
    real = cache.package_version
    monkeypatch.setattr(cache, "package_version", lambda m: real(m) + ("+new" if m == "sumy" else ""))
    cache.code_fingerprint.cache_clear()
    # sumy's stemmer and stop words: the summaries, and the related stories the pages and PDFs list (front.story_words)
    assert {s.name for s in CACHED if fingerprint(s, config) != before[s.name]} == {"stories", "articles", "pdf"}
    monkeypatch.undo()
    cache.code_fingerprint.cache_clear()
    assert fingerprint(STAGE["analyze"], dataclasses.replace(config, batch_size=7)) == before["analyze"]
    monkeypatch.setattr(analyze, "model_id", lambda name: "en_core_web_sm-9.9.9")
    assert {s.name for s in CACHED if fingerprint(s, config) != before[s.name]} == {"analyze"}


def test_the_readme_shows_the_stage_table_as_it_is() -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| ") and line.count("|") == 7]
    shown = {cells[0]: cells for cells in ([c.strip() for c in row.strip("|").split("|")] for row in rows)}
    for stage in STAGES:
        _, function, reads, makes, settings, kind = shown[stage.name]
        assert function == f"`{stage.function}`", stage.name
        assert makes == ", ".join(stage.outputs), stage.name
        assert settings == ", ".join(stage.settings) and kind == (stage.cache or ""), stage.name
        assert [r for r in reads.split(", ") if r in {o for s in STAGES for o in s.outputs}] == list(stage.inputs), stage.name


def test_a_rebuild_after_a_change_to_summaries_redoes_the_stories_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.config import load_config
    from briefgen.pipeline import build

    config = load_config(
        content_dir=PACKAGE.parent / "content", site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=tmp_path / "cache"
    )

    def entries() -> dict[str, set[str]]:
        base = tmp_path / "cache" / cache.LAYOUT
        return {kind.name: {p.name for p in kind.rglob("*") if p.is_file()} for kind in base.iterdir() if kind.is_dir()}

    build(config)
    before = entries()
    real = cache.source
    monkeypatch.setattr(cache, "source", lambda name: real(name) + (b"\n# touched\n" if name == "briefgen.summarize" else b""))
    cache.code_fingerprint.cache_clear()
    try:
        build(dataclasses.replace(config, edition="e2"))
    finally:
        monkeypatch.undo()
        cache.code_fingerprint.cache_clear()
    after = entries()
    assert set(before) == set(after) >= {"ingest", "analysis", "outline", "counts", "minhash", "stories", "pages"}
    assert all(after[kind] == before[kind] for kind in after if kind not in ("stories", "ingest"))
    assert after["stories"] and after["stories"].isdisjoint(before["stories"])
    # no file parsed again: the files' records stood for them (ingest's _Book), and each file's own parse entry went
    assert after["ingest"] < before["ingest"]


def test_a_story_brief_key_leaves_out_the_topic_only() -> None:
    from briefgen.models import Story
    from briefgen.pipeline import story_key

    story = Story("quake", "Quake hits", ("a", "b"), ("quake",), topic="t-quakes")
    articles = {"a": "ka", "b": "kb"}
    key = story_key("fp", story, articles)
    assert story_key("fp", dataclasses.replace(story, topic="t-other"), articles) == key
    assert story_key("fp", dataclasses.replace(story, title="Quake strikes"), articles) != key
    assert story_key("fp", dataclasses.replace(story, articles=("a",)), articles) != key
    assert story_key("fp", story, {"a": "ka", "b": "kb2"}) != key
    assert story_key("fp2", story, articles) != key


def test_a_topic_titled_by_a_story_left_out_takes_its_first_shown_storys_title() -> None:
    from briefgen.models import Story, Topic
    from briefgen.pipeline import _shown

    stories = [Story("s-video", "Watch: Sinbad's new sketch", ("v.txt",)), Story("s-news", "Storm cuts power", ("n.md",))]
    topics = [Topic("t-1", "Watch: Sinbad's new sketch", ("s-video", "s-news")), Topic("t-2", "Other", ("s-video",))]
    assert _shown(topics, {"s-news"}, stories) == [Topic("t-1", "Storm cuts power", ("s-news",))]
    named = [Topic("t-3", "Maine, New England", ("s-video", "s-news"))]  # a title of names stays
    assert _shown(named, {"s-news"}, stories) == [Topic("t-3", "Maine, New England", ("s-news",))]
