"""benchmarks/judge.py: a judged --blind question sheet split per site by its key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks import judge


def test_a_blind_question_sheet_is_tallied_per_site(tmp_path: Path) -> None:
    sites = {
        "main": {"stories": [_story("s-1", ["Where is Smith?"]), _story("s-2", ["Who fired?", "Why now?"])]},
        "branch": {"stories": [_story("s-1", ["Where is Smith?"]), _story("s-2", [])]},
    }
    sheet, key = judge.blind_questions(sites, None, seed=1)
    marks = {"Where is Smith?": "y", "Who fired?": "n", "Why now?": "y"}
    judged = []
    for line in sheet.splitlines():
        if line.startswith("- question:"):
            line = line.replace("[ ]", f"[{next(m for q, m in marks.items() if q in line)}]")
        elif line.startswith("- open point: s-1"):
            line = line.replace("[ ]", "[y]")
        elif line.startswith("- open point:"):
            line = line.replace("[ ]", "[n] nothing open")
        judged.append(line)
    assert _tallied(tmp_path, judged, key) == [
        "site branch: questions right 1 of 1; stories with a real open point: 1, showing a right question: 1",
        "site main: questions right 2 of 3; stories with a real open point: 1, showing a right question: 1",
    ]


def _two_builds(tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any], None, tuple[Path | None, Path | None]]:
    """Two builds of one story s-1 whose second key point differs (``_site``), as the sheets' writers take them."""
    _site(tmp_path / "a", "Officials said the bridge stays shut.")
    _site(tmp_path / "b", "Nobody was hurt.")
    a, b = judge.briefing(tmp_path / "a"), judge.briefing(tmp_path / "b")
    return a, b, None, (judge.edition_of(tmp_path / "a", a), judge.edition_of(tmp_path / "b", b))


def _tallied(tmp_path: Path, judged: list[str], key: str) -> list[str]:
    """``tally_sites`` of a judged sheet's lines and its key, written to ``tmp_path``."""
    (tmp_path / "sheet.md").write_text("\n".join(judged), encoding="utf-8")
    (tmp_path / "key.tsv").write_text(key, encoding="utf-8")
    return judge.tally_sites([tmp_path / "sheet.md"], tmp_path / "key.tsv").splitlines()


def _story(sid: str, questions: list[str]) -> dict[str, object]:
    return {
        "id": sid,
        "title": f"Story {sid}",
        "summary": [{"text": "Something happened."}],
        "questions": [{"question": q, "kind": "unknown", "evidence": []} for q in questions],
    }


def test_a_story_sheet_shows_key_points_labels_and_articles_and_is_tallied_per_story(tmp_path: Path) -> None:
    edition = _site(tmp_path / "site", "Officials said the bridge stays shut.")
    data = judge.briefing(tmp_path / "site")
    sheet = judge.story_sheet(data, None, judge.edition_of(tmp_path / "site", data), 5, seed=1)
    lines = sheet.splitlines()
    assert "### T1. story s-1: 2 articles" in lines and "s-2" not in sheet  # one article: under --min-articles
    assert lines[lines.index("### T1. story s-1: 2 articles") + 2 :][:8] == [
        "- title: Flood closes the Elm Street bridge [ ]",
        "- one event [ ]",
        "- point 1: The river rose over the Elm Street bridge on Monday. (a.md) [ ]",
        "- label 1: high — High: 2 independent sources state it. [ ]",
        "- point 2: Officials said the bridge stays shut. (b.md) [ ]",
        "- label 2: moderate — Moderate: one source only. [ ]",
        "- key fact in first two [ ]",
        "",
    ]
    assert "Nobody was hurt." not in sheet.split("####")[0]  # not a key point
    # the articles as the site holds them (no --content): headline, outlet, date, every paragraph
    assert "#### b.md: Gazette, 2024-03-02" in lines and "**Bridge shut**" in lines
    assert "> Officials said the bridge stays shut. Nobody was hurt." in lines and "> Repairs begin in May." in lines
    assert edition.name == "e1"
    (tmp_path / "content").mkdir()  # with --content: the file's text, less its front matter; the site's where none
    (tmp_path / "content" / "a.md").write_text("---\ntitle: River floods\n---\n\nThe river rose.\nIt rained.\n", encoding="utf-8")
    from_content = judge.story_sheet(data, tmp_path / "content", edition, 5, seed=1).splitlines()
    assert "> The river rose. It rained." in from_content and "> Repairs begin in May." in from_content
    assert not any("title: River floods" in line for line in from_content)
    marks = iter(["y", "n", "y", "y", "n", "n", "y"])
    judged = [line.replace("[ ]", f"[{next(marks)}]") if line.endswith("[ ]") else line for line in lines]
    (tmp_path / "sheet.md").write_text("\n".join(judged), encoding="utf-8")
    tally = judge.tally([tmp_path / "sheet.md"]).splitlines()
    assert tally[:5] == [
        "title          1 of    1 right (100%)",
        "one event      0 of    1 right (0%)",
        "point          1 of    2 right (50%)",
        "label          1 of    2 right (50%)",
        "key fact       1 of    1 right (100%)",
    ]
    assert (
        tally[5]
        == "stories: title 1 of 1; one event 0 of 1; point 1 of 2; label 1 of 2; key fact 1 of 1; stories with every point right 0 of 1"
    )
    assert tally[6] == f"  {tmp_path / 'sheet.md'}:T1 s-1: title 1 of 1; one event 0 of 1; point 1 of 2; label 1 of 2; key fact 1 of 1"


def test_an_events_sheet_asks_one_event_per_story_with_each_articles_opening_and_is_tallied(tmp_path: Path) -> None:
    edition = _site(tmp_path / "site", "Officials said the bridge stays shut.")
    data = judge.briefing(tmp_path / "site")
    lines = judge.events_sheet(data, None, edition, 5, seed=1).splitlines()
    assert "### E1. story s-1: 2 articles" in lines and "s-2" not in "\n".join(lines)  # one article: under --min-articles
    at = lines.index("### E1. story s-1: 2 articles")
    assert lines[at + 2 : at + 5] == ["Title shown: Flood closes the Elm Street bridge", "", "- one event [ ]"]
    assert "#### b.md (2024-03-02)" in lines and "**Bridge shut**" in lines
    assert "> Officials said the bridge stays shut. Nobody was hurt. Repairs begin in May." in lines  # its opening
    assert not any("point" in line or "label" in line for line in lines if line.endswith("[ ]"))  # grouping only
    (tmp_path / "sheet.md").write_text("\n".join(line.replace("[ ]", "[n] b.md: another day") for line in lines), encoding="utf-8")
    assert judge.tally([tmp_path / "sheet.md"]).splitlines()[0] == "one event      0 of    1 right (0%)"


def test_a_boxs_first_use_and_a_quotes_paragraph_come_from_the_text_not_the_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        '---\ntitle: "AARP open to Social Security cuts"\ndate: 2011-06-17\n---\n\nThe AARP said Social Security could change.'
        '\n\n"We are open to it," Rand said.\n',
        encoding="utf-8",
    )
    box = {"articles": ["a.md"], "aliases": ["Social Security"]}
    assert judge.first_use(tmp_path, box) == ["> The AARP said Social Security could change. (a.md)"]
    assert judge.around(judge.article_paragraphs(tmp_path, None, "a.md"), "We are open") == (
        '> The AARP said Social Security could change.\n>\n> "We are open to it," Rand said.'
    )


def test_a_blind_story_sheet_is_tallied_per_build(tmp_path: Path) -> None:
    sheet, key = judge.blind_stories(*_two_builds(tmp_path), 3, seed=4)
    rows = [row.split("\t") for row in key.splitlines()[1:]]
    assert sorted(r[2] for r in rows) == ["A", "B"] and {r[1] for r in rows} == {"s-1"}  # two builds' s-1, one each
    assert "build" not in sheet.split("\n", 3)[3] and "/a/" not in sheet  # nothing says which build
    build = {r[0]: r[2] for r in rows}
    judged, story = [], ""
    for line in sheet.splitlines():
        story = line[4:].split(".")[0] if line.startswith("### T") else story
        if line.startswith("- point 2:"):  # A's second point is right, B's is wrong
            line = line.replace("[ ]", "[y]" if build[story] == "A" else "[n] a side detail")
        elif line.endswith("[ ]"):
            line = line.replace("[ ]", "[y]")
        judged.append(line)
    assert _tallied(tmp_path, judged, key) == [
        "build A: title 1 of 1; one event 1 of 1; point 2 of 2; label 2 of 2; key fact 1 of 1; stories with every point right 1 of 1",
        "build B: title 1 of 1; one event 1 of 1; point 1 of 2; label 2 of 2; key fact 1 of 1; stories with every point right 0 of 1",
    ]


def test_a_paired_sheet_shows_the_stories_two_builds_tell_apart_and_is_tallied_per_build(tmp_path: Path) -> None:
    sheet, key = judge.paired_stories(*_two_builds(tmp_path), 5, seed=4)
    rows = [row.split("\t") for row in key.splitlines()[1:]]
    assert [r[1] for r in rows] == ["s-1"] and sorted(rows[0][2:]) == ["A", "B"]  # s-2 is told alike: not on the sheet
    assert "River floods" in sheet and "build" not in sheet.split("\n", 3)[3]  # the articles once; nothing says which build
    better = next(label for label, build in zip("XY", rows[0][2:], strict=True) if build == "B")
    judged, version = [], ""
    for line in sheet.splitlines():
        version = line.split()[-1] if line.startswith("#### Version") else version
        if line.startswith("- point 2:"):  # A's second point is wrong, B's right
            line = line.replace("[ ]", "[y]" if dict(zip("XY", rows[0][2:], strict=True))[version] == "B" else "[n] a side detail")
        elif line.startswith("- better:"):
            line = line.replace("[ ]", f"[{better}]")
        elif line.endswith("[ ]"):
            line = line.replace("[ ]", "[y]")
        judged.append(line)
    assert _tallied(tmp_path, judged, key) == [
        "build A: title 1 of 1; point 1 of 2",
        "build B: title 1 of 1; point 2 of 2",
        "better: A 0, B 1, same 0",
    ]


def _site(site: Path, second: str) -> Path:
    """A built edition ``e1`` in ``site`` as judge.py reads it: briefing.json and the article pages, rendered by the site's
    own templates. Story s-1 has two articles and the key points "The river rose ..." and ``second``; s-2 one article."""
    from briefgen.config import load_config
    from briefgen.models import Article, Briefing, Changes, Citation, Paragraph, Story, StoryBrief, SummarySentence
    from briefgen.pages import OutsidePage
    from briefgen.render import article_slug, briefing_json, page_body, render_pages
    from briefgen.site import PACKAGE_TEMPLATES

    def article(aid: str, title: str, paras: list[str], source: str, date: str) -> Article:
        starts = [sum(len(p) + 2 for p in paras[:k]) for k in range(len(paras))]
        return Article(aid, title, "\n\n".join(paras), tuple(map(Paragraph, paras, starts)), date=date, source=source)

    a = article("a.md", "River floods", ["The river rose over the Elm Street bridge on Monday."], "Courier", "2024-03-01")
    b = article(
        "b.md", "Bridge shut", ["Officials said the bridge stays shut. Nobody was hurt.", "Repairs begin in May."], "Gazette", "2024-03-02"
    )
    c = article("c.md", "Fair opens", ["The county fair opened."], "Courier", "2024-03-01")
    texts = {"The river rose over the Elm Street bridge on Monday.": "a.md", "Officials said the bridge stays shut.": "b.md"}
    texts["Nobody was hurt."] = "b.md"

    def said(text: str, confidence: str, reason: str) -> SummarySentence:
        return SummarySentence(Citation(text, texts[text], 0), 1.0, confidence=confidence, confidence_reason=reason)

    third = next(t for t in ("Officials said the bridge stays shut.", "Nobody was hurt.") if t != second)
    summary = (
        said("The river rose over the Elm Street bridge on Monday.", "high", "High: 2 independent sources state it."),
        said(second, "moderate", "Moderate: one source only."),
        said(third, "moderate", "Moderate: one source only."),
    )
    stories = (
        StoryBrief(Story("s-1", "Flood closes the Elm Street bridge", ("a.md", "b.md")), summary, (), (), key_point_count=2),
        StoryBrief(Story("s-2", "Fair opens", ("c.md",)), (said("Nobody was hurt.", "low", "Low."),), (), (), key_point_count=1),
    )
    briefing = Briefing("e1", (a, b, c), stories, (), Changes(None, (), ("s-1", "s-2"), ()))
    outside: list[OutsidePage] = []
    render_pages(briefing, site / "e1", load_config(), PACKAGE_TEMPLATES, [], {}, {}, outside)
    for page in outside:
        if page.src.startswith("articles/"):
            path = site / "e1" / "articles" / page.src[len("articles/") : -len(".md")] / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page_body(page, PACKAGE_TEMPLATES), encoding="utf-8")
    assert {article_slug(x.id) for x in briefing.articles} == {p.name for p in (site / "e1" / "articles").iterdir()}
    (site / "e1" / "briefing.json").write_text(json.dumps(briefing_json(briefing)), encoding="utf-8")
    return site / "e1"


def test_a_split_sheet_scores_grouping_against_the_events_a_judge_joins(tmp_path: Path) -> None:
    """benchmarks/splits.py: row c0001 split in three pieces, two judged one event; row c0002 whole."""
    from benchmarks import splits

    data = {
        "stories": [
            {"id": "s-a", "articles": ["c0001-d0.txt", "c0001-d1.txt"]},
            {"id": "s-b", "articles": ["c0001-d2.txt"]},
            {"id": "s-c", "articles": ["c0001-d3.txt"]},
            {"id": "s-d", "articles": ["c0002-d0.txt", "c0002-d1.txt"]},
        ]
    }
    for name in ("c0001-d0", "c0001-d1", "c0001-d2", "c0001-d3"):
        (tmp_path / f"{name}.txt").write_text(f"The text of {name}.\n", encoding="utf-8")
    text, key = splits.sheet(data, tmp_path)
    assert text.count("## Block") == 1 and "The text of c0001-d2." in text
    assert key.splitlines() == ["Q1\tc0001\ts-a\ts-b", "Q2\tc0001\ts-a\ts-c", "Q3\tc0001\ts-b\ts-c"]
    marked = text.replace("G1 and G2 report the same real-world event? [ ]", "G1 and G2 report the same real-world event? [y] one crash")
    marked = marked.replace("[ ]", "[n] another event")
    lines = splits.tally(data, marked, key).splitlines()
    assert lines[0] == "pairs judged: 1 one event, 2 not, 0 unmarked"
    # against the rows: c0001's four articles in pieces of 2, 1 and 1, c0002's two whole
    assert lines[1] == f"against the rows: P 1.000 R {(2 * 2 / 4 + 1 / 4 + 1 / 4 + 2) / 6:.3f} F1 0.737 (6 articles)"
    # against the judged events: s-a and s-b one event of three articles, s-c one of its own
    assert lines[2] == f"against the judged events: P 1.000 R {(2 * 2 / 3 + 1 / 3 + 1 + 2) / 6:.3f} F1 0.875 (6 articles)"
