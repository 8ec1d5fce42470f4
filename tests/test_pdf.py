from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import pytest

from briefgen import pdf
from briefgen.cache import Cache
from briefgen.config import BuildConfig
from briefgen.errors import BuildError
from briefgen.models import (
    Article,
    Briefing,
    Changes,
    Citation,
    FactBox,
    Paragraph,
    Question,
    Quote,
    Role,
    Story,
    StoryBrief,
    SummarySentence,
    Topic,
)
from briefgen.pdf import date_range, render_edition_html, render_story_html, write_pdfs

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_LINK = "[x](javascript:alert(1))"
CONFIG = BuildConfig(site_name="Test Brief")


def _article(id: str, title: str, text: str, date: str, source: str, url: str) -> Article:
    return Article(id, title, text, (Paragraph(text, 0),), date=date, source=source, url=url)


def _cite(article: Article, sentence: int = 0) -> Citation:
    return Citation(article.text, article.id, sentence, article.date)


def make_briefing() -> tuple[Briefing, dict[str, Article]]:
    a1 = _article(
        "a1.txt",
        "Wagner instructors arrive in Belarus",
        f"Instructors began training Belarusian troops, officials said. {HOSTILE_LINK}",
        "2023-07-20",
        "Wire A",
        "https://example.org/a1",
    )
    a2 = _article(
        "a2.txt",
        "Minister meets Wagner representatives",
        "Interior Minister Ivan Kubrakov met Wagner representatives on Monday.",
        "2023-07-24",
        "Wire B",
        "javascript:alert(1)",
    )
    a3 = _article("a3.txt", "Harbour reopens", "The harbour reopened after the storm.", "2023-07-22", "Wire A", "https://x.test/3")
    articles = {a.id: a for a in (a1, a2, a3)}
    kubrakov = FactBox(
        id="ivan-kubrakov",
        name="Ivan Kubrakov",
        type="PERSON",
        aliases=("Kubrakov",),
        roles=(Role(_cite(a2), "Interior Minister"),),
        quotes=(Quote("we will accept this experience", "Ivan Kubrakov", _cite(a2)),),
        mentions=3,
        articles=("a2.txt",),
        sources=1,
        related=("wagner",),
    )
    wagner = FactBox(
        id="wagner",
        name=HOSTILE_TITLE,
        type="ORG",
        aliases=(),
        roles=(),
        quotes=(),
        mentions=5,
        articles=("a1.txt", "a2.txt"),
        sources=2,
        evidence=(Citation("“We will train them,” he said.", "a1.txt", 1, "2023-07-20"),),
    )
    first = StoryBrief(
        story=Story("s-wagner", HOSTILE_TITLE, ("a1.txt", "a2.txt"), why=("Wagner", "Belarus")),
        summary=(
            SummarySentence(
                _cite(a1),
                1.0,
                confidence="moderate",
                confidence_reason="Moderate: one source only; no other outlet in this story carries it.",
            ),
            SummarySentence(
                _cite(a2),
                0.5,
                sources=2,
                confidence="high",
                confidence_reason="High: 2 independent sources carry it, stated without hedging.",
            ),
        ),
        facts=(kubrakov, wagner),
        questions=(Question("How many instructors are there?", "unknown", (_cite(a1),), silent=("a2.txt",)),),
        first_date="2023-07-20",
        last_date="2023-07-24",
    )
    second = StoryBrief(
        story=Story("s-harbour", "Harbour reopens", ("a3.txt",)),
        summary=(SummarySentence(_cite(a3), 1.0),),
        facts=(),
        questions=(),
        first_date="2023-07-22",
        last_date="2023-07-22",
    )
    briefing = Briefing(
        edition="2023-07-25",
        articles=(a1, a2, a3),
        stories=(first, second),
        skipped=(),
        changes=Changes(None, (), (), ()),
    )
    return briefing, articles


def write_sample(out_dir: Path) -> dict[str, str]:
    """Also run in a subprocess by the determinism test."""
    briefing, articles = make_briefing()
    return write_pdfs(briefing, articles, out_dir, CONFIG, TEMPLATES)


def _pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    assert match, out
    return int(match.group(1))


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Mapping[str, str]]:
    out = tmp_path_factory.mktemp("pdf")
    return out, write_sample(out)


def test_writes_one_pdf_per_story_and_one_for_the_edition(written: tuple[Path, Mapping[str, str]]) -> None:
    out, names = written
    assert names == {"s-wagner": "s-wagner.pdf", "s-harbour": "s-harbour.pdf", "edition": "edition.pdf"}
    for name in names.values():
        assert (out / name).read_bytes().startswith(b"%PDF-")


@needs_poppler
def test_edition_brief_is_a_cover_and_a_page_per_topic_linking_the_story_pdfs(written: tuple[Path, Mapping[str, str]]) -> None:
    out, _ = written
    assert _pages(out / "edition.pdf") == 2  # no topics yet: the cover, then the edition as one topic
    text = _text(out / "edition.pdf")
    assert "Top stories" in text and "Full brief: s-harbour.pdf" in text
    links = subprocess.run(["pdfinfo", "-url", str(out / "edition.pdf")], capture_output=True, text=True, check=True).stdout
    assert "s-wagner.pdf" in links and "s-harbour.pdf" in links  # linked, not copied in
    assert "Who and what" not in text and "Role:" not in text  # fact boxes stay in the story PDF


@needs_poppler
def test_topics_get_a_page_each(tmp_path: Path) -> None:
    briefing, articles = make_briefing()
    topics = (Topic("t-belarus", "Wagner in Belarus", ("s-wagner",)), Topic("t-ports", "Harbours", ("s-harbour",)))
    stories = tuple(
        dataclasses.replace(b, story=dataclasses.replace(b.story, topic=t.id)) for b, t in zip(briefing.stories, topics, strict=True)
    )
    write_pdfs(dataclasses.replace(briefing, topics=topics, stories=stories), articles, tmp_path, CONFIG, TEMPLATES)
    assert _pages(tmp_path / "edition.pdf") == 3
    text = _text(tmp_path / "edition.pdf")
    assert text.index("Wagner in Belarus") < text.index("Harbours")
    assert "Other stories" not in text


def test_key_points_lead_and_fall_back_to_the_first_sentences() -> None:
    briefing, articles = make_briefing()
    brief = briefing.stories[0]
    view = pdf.story_view(brief, articles)
    assert [p.text for p in view.key_points] == [s.citation.text for s in brief.summary]  # none marked: the first few
    marked = pdf.story_view(dataclasses.replace(brief, key_point_count=1), articles)
    assert [p.text for p in marked.key_points] == [brief.summary[0].citation.text]
    assert [p.text for p in marked.summary] == [brief.summary[1].citation.text]
    html = render_story_html(dataclasses.replace(brief, key_point_count=1), articles, CONFIG, TEMPLATES)
    assert html.index("Key points") < html.index("Instructors began") < html.index("More of the story") < html.index("Kubrakov met")


@needs_poppler
def test_confidence_labels_and_reasons_are_printed(written: tuple[Path, Mapping[str, str]]) -> None:
    out, _ = written
    text = " ".join(_text(out / "s-wagner.pdf").split())
    assert "HIGH CONFIDENCE 2 independent sources carry it, stated without hedging." in text
    assert "MODERATE CONFIDENCE one source only" in text


@needs_poppler
def test_quotes_get_one_pair_of_marks(written: tuple[Path, Mapping[str, str]]) -> None:
    out, _ = written
    text = _text(out / "s-wagner.pdf")
    assert "“we will accept this experience”" in text
    assert "“We will train them,” he said." in text  # a sentence keeps its own marks, none added
    assert "““" not in text and "””" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we will", "“we will”"),
        ("“we will”", "“we will”"),
        ('"we will"', '"we will"'),
        ("“we will", "“we will”"),
        ("‘we will’", "‘we will’"),
    ],
)
def test_quoted(text: str, expected: str) -> None:
    assert pdf.quoted(text) == expected


@needs_poppler
def test_sources_are_named_by_outlet_not_by_file_or_url(written: tuple[Path, Mapping[str, str]]) -> None:
    out, _ = written
    text = _text(out / "s-wagner.pdf")
    assert "Wire A, 20 July 2023" in text
    assert "a1.txt" not in text and "https://example.org/a1" not in text  # the title links there instead
    assert "2 articles from 2 independent sources" in text  # counted as the story page counts them


def test_rebuild_renders_only_changed_stories_and_the_edition(tmp_path: Path) -> None:
    briefing, articles = make_briefing()
    store = Cache(tmp_path / "cache")
    write_pdfs(briefing, articles, tmp_path / "one", CONFIG, TEMPLATES, store)
    assert (store.hits["pdf"], store.misses["pdf"]) == (0, 3)
    again = Cache(tmp_path / "cache")
    assert write_pdfs(dataclasses.replace(briefing, edition="2023-07-26"), articles, tmp_path / "two", CONFIG, TEMPLATES, again)
    assert (again.hits["pdf"], again.misses["pdf"]) == (2, 1)  # the stories print no edition name: only the brief is new
    for name in ("s-wagner.pdf", "s-harbour.pdf"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
    harbour = briefing.stories[1]
    changed = dataclasses.replace(harbour, story=dataclasses.replace(harbour.story, title="Harbour reopens at last"))
    third = Cache(tmp_path / "cache")
    write_pdfs(
        dataclasses.replace(briefing, stories=(briefing.stories[0], changed)), articles, tmp_path / "three", CONFIG, TEMPLATES, third
    )
    assert (third.hits["pdf"], third.misses["pdf"]) == (1, 2)
    assert "Harbour reopens at last" in " ".join(_text(tmp_path / "three" / "s-harbour.pdf").split())


def test_rendering_in_a_worker_gives_the_same_files_and_real_progress(written: tuple[Path, Mapping[str, str]], tmp_path: Path) -> None:
    out, names = written
    briefing, articles = make_briefing()
    seen: list[tuple[str, int, int]] = []
    job = pdf.start(briefing, articles, CONFIG, TEMPLATES, None, lambda *args: seen.append(args))
    assert job.reserve(tmp_path / "docs") == names and (tmp_path / "docs" / "edition.pdf").stat().st_size == 0
    assert job.finish(tmp_path / "site") == names
    for name in names.values():
        assert (tmp_path / "site" / name).read_bytes() == (out / name).read_bytes(), name
    assert seen[0] == ("pdf", 0, 3) and seen[-1] == ("pdf", 3, 3)


def test_no_pdf_build_leaves_the_pdf_cache_alone(tmp_path: Path) -> None:
    store = Cache(tmp_path)
    store.put("pdf", "ab" * 32, b"%PDF-1.7")
    store.put("stories", "cd" * 32, b"x")
    later = Cache(tmp_path)
    later.get("stories", "cd" * 32)
    later.spare("pdf")
    later.prune()
    assert later.has("pdf", "ab" * 32)


def test_same_input_gives_identical_bytes(written: tuple[Path, Mapping[str, str]], tmp_path: Path) -> None:
    out, names = written
    assert write_sample(tmp_path) == names
    for name in names.values():
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_identical_bytes_across_processes(written: tuple[Path, Mapping[str, str]], tmp_path: Path) -> None:
    """Hash randomisation must not change the order of anything written to the PDF."""
    out, names = written
    code = "import sys, pathlib; sys.path.insert(0, sys.argv[1]); import test_pdf; test_pdf.write_sample(pathlib.Path(sys.argv[2]))"
    subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent), str(tmp_path)],
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    for name in names.values():
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_untrusted_text_is_escaped_in_html() -> None:
    briefing, articles = make_briefing()
    html = render_story_html(briefing.stories[0], articles, CONFIG, TEMPLATES)
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE_LINK in html  # Markdown-looking text stays text
    assert not re.search(r"href=[\"']?\s*javascript", html, re.IGNORECASE)
    assert 'href="https://example.org/a1"' in html  # http(s) source urls stay links


def test_citations_point_to_numbered_sources() -> None:
    briefing, articles = make_briefing()
    html = render_story_html(briefing.stories[0], articles, CONFIG, TEMPLATES)
    targets = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert targets == {"s-src-1", "s-src-2"}
    assert targets <= ids
    assert "Kubrakov met Wagner" in html.split('id="s-src-2"')[0]  # the a2 sentence is cited as [2]


def test_edition_ids_are_unique_and_every_link_resolves() -> None:
    briefing, _ = make_briefing()
    html = render_edition_html(briefing, CONFIG, TEMPLATES)
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert set(re.findall(r'href="#([^"]+)"', html)) <= set(ids)


@needs_poppler
def test_untrusted_text_prints_literally(written: tuple[Path, Mapping[str, str]]) -> None:
    out, _ = written
    for name in ("s-wagner.pdf", "edition.pdf"):
        text = _text(out / name)
        assert HOSTILE_TITLE in text
        assert HOSTILE_LINK in text
        links = subprocess.run(["pdfinfo", "-url", str(out / name)], capture_output=True, text=True, check=True).stdout
        assert "javascript" not in links.lower()
    links = subprocess.run(["pdfinfo", "-url", str(out / "s-wagner.pdf")], capture_output=True, text=True, check=True).stdout
    assert "https://example.org/a1" in links
    edition = _text(out / "edition.pdf")
    assert "2 stories · 3 articles" in edition
    assert "Test Brief · 2023-07-25" in edition  # running footer
    assert "Page 1 of" in edition


def test_print_css_and_templates_raise_no_weasyprint_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """WeasyPrint drops CSS it does not support with only a warning; catch that here."""
    pdf._printer.cache_clear()  # the stylesheet is parsed once per process
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        write_sample(tmp_path)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


def test_empty_edition_still_gets_a_cover(tmp_path: Path) -> None:
    briefing = Briefing("2023-07-25", (), (), (), Changes(None, (), (), ()))
    assert write_pdfs(briefing, {}, tmp_path, CONFIG, TEMPLATES) == {"edition": "edition.pdf"}
    assert (tmp_path / "edition.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("story_id", ["edition", "../evil", ""])
def test_story_ids_that_cannot_be_file_names_are_refused(story_id: str, tmp_path: Path) -> None:
    briefing, articles = make_briefing()
    story = briefing.stories[1]
    bad = StoryBrief(Story(story_id, "x", story.story.articles), story.summary, (), ())
    with pytest.raises(BuildError, match="story"):
        write_pdfs(Briefing(briefing.edition, briefing.articles, (bad,), (), briefing.changes), articles, tmp_path, CONFIG, TEMPLATES)
    assert not list(tmp_path.iterdir())


def test_missing_templates_name_the_folder(tmp_path: Path) -> None:
    briefing, articles = make_briefing()
    with pytest.raises(BuildError, match="print templates missing"):
        write_pdfs(briefing, articles, tmp_path / "out", CONFIG, tmp_path)


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2023-07-03", "2023-07-05", "3–5 July 2023"),
        ("2023-06-28", "2023-07-02", "28 June – 2 July 2023"),
        ("2022-12-30", "2023-01-02", "30 December 2022 – 2 January 2023"),
        ("2023-07-03", "2023-07-03", "3 July 2023"),
        (None, None, ""),
        ("sometime", "sometime", "sometime"),
    ],
)
def test_date_range(first: str | None, last: str | None, expected: str) -> None:
    assert date_range(first, last) == expected


def test_build_reports_every_stage_to_the_end_and_a_rebuild_reuses_the_story_pdf(tmp_path: Path) -> None:
    from briefgen.config import load_config
    from briefgen.pipeline import build

    from .conftest import SEEDS

    seen: dict[str, tuple[int, int]] = {}

    def report(stage: str, done: int, total: int) -> None:
        seen[stage] = (done, total)

    site = tmp_path / "site"
    build(load_config(content_dir=SEEDS, site_dir=site, edition="2023-07-25"), progress=report)
    files = sum(1 for p in SEEDS.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert seen["ingest"] == (files, files)
    assert seen["pdf"] == (3, 3)  # the seeds' two stories (two events weeks apart) and the edition's brief
    assert all(done == total > 0 for done, total in seen.values()), seen
    story_pdf = next(p for p in (site / "2023-07-25" / "pdf").iterdir() if p.name != "edition.pdf")
    cached = Cache(tmp_path / ".briefgen-cache").base / "pdf"
    assert len([p for p in cached.rglob("*") if p.is_file()]) == 3
    build(load_config(content_dir=SEEDS, site_dir=site, edition="2023-07-26", pdf=False))
    assert len([p for p in cached.rglob("*") if p.is_file()]) == 3  # --no-pdf kept them
    build(load_config(content_dir=SEEDS, site_dir=site, edition="2023-07-26"))
    assert (site / "2023-07-26" / "pdf" / story_pdf.name).read_bytes() == story_pdf.read_bytes()


def test_a_worker_started_with_the_build_renders_its_job_and_an_idle_one_ends(
    written: tuple[Path, Mapping[str, str]], tmp_path: Path
) -> None:
    out, names = written
    briefing, articles = make_briefing()
    with pdf.worker() as given:
        assert given is not None
        assert pdf.start(briefing, articles, CONFIG, TEMPLATES, given=given).finish(tmp_path) == names
    assert not given.process.is_alive()
    for name in names.values():
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    with pdf.worker() as idle:
        assert idle is not None
    assert idle.process.exitcode == 0  # never sent a job: it ends when the build does
    with pdf.worker(enabled=False) as none:
        assert none is None


def test_the_worker_ends_with_a_killed_build() -> None:
    """It holds the build's site and cache locks too: a killed build's worker must not keep them."""
    code = (
        "import os; from briefgen import pdf; w = pdf.Worker(); print(w.process.pid, flush=True)\n"
        "page = '<p>' + 'words ' * 100000 + '</p>'\n"
        "w.conn.send(('render', '', [page], 1)); os.kill(os.getpid(), 9)"  # a job of many seconds, then killed
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    build = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert build.stdout is not None
    pid = int(build.stdout.readline())
    build.wait()
    build.stdout.close()
    status = Path(f"/proc/{pid}/status")
    for _ in range(30):  # at most 3 s, far less than the job: it goes at once
        if not status.exists() or "\nState:\tZ" in status.read_text():
            break
        time.sleep(0.1)
    else:
        pytest.fail("the PDF worker outlived the build that started it")


def test_a_damaged_cache_entry_is_rendered_again(tmp_path: Path) -> None:
    briefing, articles = make_briefing()
    store = Cache(tmp_path / "cache")
    write_pdfs(briefing, articles, tmp_path / "one", CONFIG, TEMPLATES, store)
    entries = sorted(p for p in (store.base / "pdf").rglob("*") if p.is_file())
    entries[0].write_bytes(entries[0].read_bytes()[:-200])  # cut short: no %%EOF
    again = Cache(tmp_path / "cache")
    write_pdfs(briefing, articles, tmp_path / "two", CONFIG, TEMPLATES, again)
    assert (again.hits["pdf"], again.misses["pdf"]) == (2, 1)
    for name in ("s-wagner.pdf", "s-harbour.pdf", "edition.pdf"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def test_problems_are_told_and_a_story_without_summary_says_so() -> None:
    briefing, articles = make_briefing()
    broken = dataclasses.replace(briefing.stories[1], summary=(), problems=("The fact boxes could not be built.",))
    html = render_story_html(broken, articles, CONFIG, TEMPLATES)
    assert "Part of this story could not be built" in html and "The fact boxes could not be built." in html
    edition = render_edition_html(dataclasses.replace(briefing, stories=(briefing.stories[0], broken)), CONFIG, TEMPLATES)
    assert "No sentence of its articles stands on its own as a summary" in edition


def test_a_story_of_opinion_only_says_why_it_has_no_key_points() -> None:
    briefing, articles = make_briefing()
    plain = dataclasses.replace(briefing.stories[1], summary=(), key_point_count=0)
    said = "Opinion and analysis only: no news report in this story, so no key points are drawn from it."
    for sb, expected in ((plain, False), (dataclasses.replace(plain, opinion_only=True), True)):
        story = render_story_html(sb, articles, CONFIG, TEMPLATES)
        edition = render_edition_html(dataclasses.replace(briefing, stories=(briefing.stories[0], sb)), CONFIG, TEMPLATES)
        assert (said in story, said in edition) == (expected, expected)
        assert ("No sentence of" in story, "No sentence of" in edition) == (not expected, not expected)


def test_a_story_of_undated_articles_only_says_so_in_its_pdf_as_on_its_page() -> None:
    from briefgen.models import UNDATED_NOTE

    briefing, articles = make_briefing()
    dated = briefing.stories[0]  # two articles, dated
    assert len(dated.story.articles) > 1 and dated.first_date
    for sb, expected in ((dated, False), (dataclasses.replace(dated, first_date=None, last_date=None), True)):
        assert (UNDATED_NOTE in render_story_html(sb, articles, CONFIG, TEMPLATES)) is expected


@needs_poppler
def test_both_pdfs_print_a_storys_problems_as_its_web_page_does(tmp_path: Path) -> None:
    briefing, articles = make_briefing()
    note = "The timeline could not be built (ValueError: day is out of range for month)."
    broken = dataclasses.replace(briefing.stories[1], problems=(note,))
    write_pdfs(dataclasses.replace(briefing, stories=(briefing.stories[0], broken)), articles, tmp_path, CONFIG, TEMPLATES)
    heading = "Part of this story could not be built"  # the story page's words (templates/pages/story.html.j2)
    story = " ".join(_text(tmp_path / f"{broken.story.id}.pdf").split())
    assert heading in story and note in story
    edition = " ".join(_text(tmp_path / "edition.pdf").split())
    assert edition.count(heading) == 1 and note in edition  # under the broken story only
    assert heading not in " ".join(_text(tmp_path / f"{briefing.stories[0].story.id}.pdf").split())


def test_copies_of_one_text_count_once_and_are_marked(tmp_path: Path) -> None:
    briefing, articles = make_briefing()
    copied = dataclasses.replace(briefing, copies=(("a1.txt", ("a2.txt",)), ("a2.txt", ("a1.txt",))))
    write_pdfs(copied, articles, tmp_path, CONFIG, TEMPLATES)
    text = " ".join(_text(tmp_path / "s-wagner.pdf").split())
    assert "2 articles from 1 independent source" in text
    assert "(same text as [2])" in text and "(same text as [1])" in text
