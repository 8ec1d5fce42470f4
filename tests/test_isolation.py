"""One story, one article or one sentence never sinks the edition; every warning reaches the user."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen import analyze, brief, facts, pipeline, questions, summarize
from briefgen.cache import LAYOUT
from briefgen.config import BuildConfig, load_config
from briefgen.models import AnalyzedArticle, Article, Paragraph, Story

ROOT = Path(__file__).resolve().parent.parent

FLOOD = """River floods hit Carlisle

Carlisle, England, December 6, 2015. The River Eden burst its banks on Saturday night and flooded
more than 2,000 homes in Carlisle, the Environment Agency said.

Rescue teams used boats to reach residents in the Warwick Road area, Cumbria Police said on Sunday.

Prime Minister David Cameron will visit the city on Monday, his office said.
"""


def two_stories(tmp_path: Path) -> Path:
    """The seeds and a flood report: three stories (the seeds' invitation and meeting weeks apart are two events)."""
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    for seed in sorted((ROOT / "content").glob("*.txt")):
        shutil.copyfile(seed, content / seed.name)
    (content / "flood.txt").write_text(FLOOD, encoding="utf-8")
    return content


def config_for(tmp_path: Path, **kw: object) -> BuildConfig:
    return load_config(
        content_dir=two_stories(tmp_path), site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=tmp_path / "cache", **kw
    )


def test_an_exception_in_one_storys_summary_costs_that_summary_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = summarize.summarize

    def broken(items, config, **kwargs):  # type: ignore[no-untyped-def]
        if any(i.article.id == "flood.txt" for i in items):
            raise ValueError("math domain error")
        return real(items, config, **kwargs)

    monkeypatch.setattr(summarize, "summarize", broken)
    briefing = pipeline.build(config_for(tmp_path))
    flood = next(sb for sb in briefing.stories if "flood.txt" in sb.story.articles)
    others = [sb for sb in briefing.stories if "flood.txt" not in sb.story.articles]
    assert len(briefing.stories) == 3
    assert flood.summary == () and flood.facts  # the fact boxes that did work are published
    assert flood.problems == (
        "The summary of this story could not be made because of an error in briefgen "
        "(ValueError: math domain error); the rest of this page is complete.",
    )
    assert others and all(o.summary and not o.problems for o in others)
    assert any(w.startswith(f"story {flood.story.id} (flood.txt): The summary") for w in briefing.warnings)
    page = (tmp_path / "site" / "e1" / "stories" / flood.story.id / "index.html").read_text()
    assert "Part of this story could not be built" in page and "math domain error" in page
    data = json.loads((tmp_path / "site" / "e1" / "briefing.json").read_text())
    assert [s["problems"] for s in data["stories"] if s["id"] == flood.story.id] == [list(flood.problems)]
    assert data["warnings"] == list(briefing.warnings)
    stored = [p for p in (tmp_path / "cache" / LAYOUT / "stories").rglob("*") if p.is_file()]
    assert len(stored) == len(others)  # the sound stories' briefs; a brief with a problem is not cached


@pytest.mark.parametrize("part", ["fact boxes", "open questions", "confidence labels"])
def test_an_exception_in_fact_boxes_questions_or_labels_is_caught_per_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    from briefgen import confidence

    target, name = {
        "fact boxes": (facts, "story_entities"),
        "open questions": (questions, "open_questions"),
        "confidence labels": (confidence, "annotate"),
    }[part]
    real = getattr(target, name)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        items = args[0] if part != "confidence labels" else args[2]
        if any(i.article.id == "flood.txt" for i in items):
            raise RuntimeError("boom")
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, broken)
    briefing = pipeline.build(config_for(tmp_path))
    flood = next(sb for sb in briefing.stories if "flood.txt" in sb.story.articles)
    assert len(flood.problems) == 1 and f"The {part} of this story could not be made" in flood.problems[0]
    assert all(not sb.problems for sb in briefing.stories if sb is not flood)
    if part != "open questions":
        assert flood.summary  # the summary still stands
    if part == "confidence labels":
        assert all(s.confidence == "" for s in flood.summary)


def test_forced_story_error_exits_zero_and_one_under_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.cli import main

    def broken(items, config, summary=()):  # type: ignore[no-untyped-def]
        raise KeyError("no such token")

    monkeypatch.setattr(questions, "open_questions", broken)
    two_stories(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["build", "--content", "content", "--site-dir", "site", "--no-pdf", "--edition", "e1", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "3 warnings" in result.stdout  # one per story, counted in the summary line
    assert "warning: story s-" in result.stderr and "open questions" in result.stderr
    strict = CliRunner().invoke(main, [*args[:-3], "--edition", "e2", "--strict"])
    assert strict.exit_code == 1 and "3 warning(s) (strict mode); the site is unchanged" in strict.stderr
    assert not (tmp_path / "site" / "e2").exists()


def test_an_exception_in_one_articles_analysis_skips_that_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = analyze.analyze_cached

    def broken(articles, config, cache, fp, progress=None):  # type: ignore[no-untyped-def]
        if any(a.id == "flood.txt" for a in articles):
            raise IndexError("list index out of range")
        return real(articles, config, cache, fp, progress=progress)

    monkeypatch.setattr(analyze, "analyze_cached", broken)
    briefing = pipeline.build(config_for(tmp_path))
    assert "flood.txt" not in {a.id for a in briefing.articles} and len(briefing.articles) == 2
    assert [(s.path, s.reason.split(";")[0]) for s in briefing.skipped] == [
        ("flood.txt", "analysis failed: IndexError: list index out of range (please report this)")
    ]
    assert any(w.startswith("flood.txt: analysis failed") for w in briefing.warnings)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def test_unknown_ids_in_the_editor_file_warn_and_a_split_of_a_missing_story_is_not_applied(tmp_path: Path) -> None:
    content = two_stories(tmp_path)
    run_cli("build", "--content", "content", "--site-dir", "site", "--no-pdf", "--edition", "e1", cwd=tmp_path)
    before = {s["id"]: s["articles"] for s in json.loads((tmp_path / "site" / "e1" / "briefing.json").read_text())["stories"]}
    seeds = next(arts for arts in before.values() if "flood.txt" not in arts)
    (content / "stories.yml").write_text(
        f"split:\n  s-doesnotexist: [{seeds[0]}]\ntitles:\n  s-nothere: A title\narticles:\n  gone.txt: somewhere\n"
    )
    result = run_cli("build", "--content", "content", "--site-dir", "site", "--no-pdf", "--edition", "e2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning: stories.yml: split: story 's-doesnotexist' does not exist in this build; entry not applied" in result.stderr
    assert "warning: stories.yml: titles: story 's-nothere' is not in this build" in result.stderr
    assert "warning: stories.yml: articles: 'gone.txt' is not an article of this build; entry ignored" in result.stderr
    assert ", 3 warnings -> " in result.stdout
    after = json.loads((tmp_path / "site" / "e2" / "briefing.json").read_text())
    assert {s["id"]: s["articles"] for s in after["stories"]} == before  # nothing split
    assert len(after["warnings"]) == 3
    strict = run_cli("build", "--content", "content", "--site-dir", "site", "--no-pdf", "--edition", "e3", "--strict", cwd=tmp_path)
    assert strict.returncode == 1 and "3 warning(s) (strict mode)" in strict.stderr


def test_stderr_and_the_build_report_list_a_bounded_number_of_skipped_files(tmp_path: Path) -> None:
    content = two_stories(tmp_path)
    (content / "bad.jsonl").write_text("".join("{nope\n" for _ in range(1100)), encoding="utf-8")
    result = run_cli("build", "--content", "content", "--site-dir", "site", "--no-pdf", "--edition", "e1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.stderr.splitlines()) <= 52
    assert "... and 1,050 more skipped files (all listed in briefing.json)" in result.stderr
    report = (tmp_path / "site" / "e1" / "report" / "index.html").read_text()
    assert report.count("bad.jsonl#") == 1000 and "and 100 more, all listed in" in report
    assert "1,100 files could not be built" in report
    assert len(json.loads((tmp_path / "site" / "e1" / "briefing.json").read_text())["skipped"]) == 1100


# --- the crash of question extraction, and the grammar shapes that break parsers -------------------------------------

CONFIG = load_config()


def analysed(*paragraphs: str, aid: str = "a.txt") -> AnalyzedArticle:
    text = "\n\n".join(paragraphs)
    paras, pos = [], 0
    for p in paragraphs:
        paras.append(Paragraph(p, pos))
        pos += len(p) + 2
    article = Article(aid, "Title", text, tuple(paras), date="2024-03-01", source=f"Outlet {aid}")
    return analyze.analyze([article], dataclasses.replace(CONFIG, n_process=1))[0]


def test_a_relative_clause_on_an_appositive_head_does_not_crash_question_extraction() -> None:
    from briefgen.questions.parse import speaker_of

    item = analysed(
        "The lawsuit was filed by Jane Doe, a singer who claims she was never paid for the album, on Monday.",
        "Jane Doe, a singer who claims she wrote the song, said the label has not responded.",
    )
    for sent in item.sentences:
        for i, tok in enumerate(sent.tokens):
            if tok.text == "claims":
                who = speaker_of(item, sent, i)
                assert who is None or who[0]  # no crash; a speaker, if any, has a name
    made = brief.brief(Story("s-1", "T", ("a.txt",)), [item], CONFIG, [])
    assert not made.problems


NAMES = ["Jane Doe", "Yevgeny Prigozhin", "Alexander Lukashenko", "the minister", "Police", "Reuters"]
ROLES = ["a singer", "the mayor", "a spokesman for the ministry", "an aide", "the company's lawyer"]
CLAIMS = ["claims", "says", "denies", "insists", "told reporters"]
CLAUSES = [
    "she was never paid",
    "he was in Minsk on Tuesday",
    "the deal was signed",
    "they had left the country",
    "it is not known where he is",
    "nobody has been charged",
]


def shapes() -> st.SearchStrategy[str]:
    name, role, claim, clause = (st.sampled_from(x) for x in (NAMES, ROLES, CLAIMS, CLAUSES))
    relative = st.builds(lambda n, r, c, cl, c2: f"{n}, {r} who {c} {cl}, {c2} on Monday.", name, role, claim, clause, claim)
    appositive = st.builds(lambda n, r, cl: f"{n}, {r}, said {cl}.", name, role, clause)
    nested_quote = st.builds(
        lambda n, m, cl: f"\"{n} told me, '{cl[0].upper() + cl[1:]},' and I believed it,\" {m} said.", name, name, clause
    )
    listing = st.builds(lambda a, b, c, cl: f"{a}, {b} and {c} said {cl}, while {a} denied it.", name, name, name, clause)
    fragment = st.builds(lambda n, r: f"{n} — {r}? Who {r}, who {n}.", name, role)
    sentence = st.one_of(relative, appositive, nested_quote, listing, fragment)
    caps = st.builds(lambda s, up: s.upper() if up else s, sentence, st.booleans())
    return st.lists(caps, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=shapes(), second=shapes())
def test_parser_breaking_grammar_shapes_go_through_every_story_stage(first: str, second: str) -> None:
    items = [analysed(first, second, aid="a.txt"), analysed(second, first, aid="b.txt")]
    boxes = facts.story_entities(items, CONFIG, facts.independence([i.article for i in items]))  # raises, unguarded
    summary = summarize.summarize(items, CONFIG)
    asked = questions.open_questions(items, CONFIG, summary=summary)
    made = brief.brief(Story("s-1", "T", ("a.txt", "b.txt")), items, CONFIG, boxes)
    assert not made.problems, made.problems
    for q in asked:
        assert q.question.strip()
    for s in summary:
        assert s.citation.text in (items[0].article.text + items[1].article.text)


def test_publishing_without_the_atomic_swap_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import site

    def no_swap(a: Path, b: Path) -> None:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(site, "_exchange", no_swap)
    briefing = pipeline.build(config_for(tmp_path))
    assert (tmp_path / "site" / "e1" / "index.html").is_file()
    assert any("cannot swap folders atomically (Function not implemented); publishing in place" in w for w in briefing.warnings)


def test_a_story_whose_statements_cannot_be_read_stays_with_the_problem_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a story has any statement (``StoryBrief.untold``) is read under the guard: an error there costs the
    summary, said on the page, and never drops the story as one that tells nothing."""
    real = summarize.candidates

    def broken(items, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(i.article.id == "flood.txt" for i in items):
            raise ValueError("bad statement")
        return real(items, *args, **kwargs)

    monkeypatch.setattr(summarize, "candidates", broken)
    briefing = pipeline.build(config_for(tmp_path))
    flood = next(sb for sb in briefing.stories if "flood.txt" in sb.story.articles)
    assert len(briefing.stories) == 3 and not flood.untold
    assert any("could not be made" in p and "bad statement" in p for p in flood.problems)
    assert "flood.txt" not in {s.path for s in briefing.skipped}
