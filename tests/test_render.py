"""Rendering: untrusted text stays text in Markdown and in the built HTML."""

from __future__ import annotations

import re

import markdown

from briefgen.render import article_slug, md_escape, story_json

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }} {% raw %}",
    "*bold* _it_ `code` # not a heading",
    "<http://example.com>",
    "![img](http://example.com/x.png)",
    "AT&T &lt;b&gt;",
    "1. not a list",
    "{: onclick=alert(1) }",
]


def render(text: str) -> str:
    return markdown.markdown(md_escape(text), extensions=["attr_list", "md_in_html", "tables", "admonition"])


def test_hostile_text_renders_as_the_same_text() -> None:
    import html

    for text in HOSTILE:
        out = render(text)
        assert "<script" not in out and "<img" not in out and "<a " not in out and "<em>" not in out
        assert not re.search(r"<[^>]*(onclick|onerror|javascript:)", out), out
        inner = out.removeprefix("<p>").removesuffix("</p>")
        assert html.unescape(inner) == text, (text, out)


def test_article_slugs_are_safe_and_unique() -> None:
    ids = ["a.txt", "a.md", "sub/a.txt", "../../etc/passwd", "x y#1", "ünï/çodé.txt", "a" * 300]
    slugs = [article_slug(i) for i in ids]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug), slug
        assert 0 < len(slug) <= 80


def test_build_report_lists_duplicates_as_duplicates_and_the_home_page_none(tmp_path) -> None:
    from briefgen.config import load_config
    from briefgen.models import Article, Briefing, Changes, Citation, Skipped, Story, StoryBrief, SummarySentence
    from briefgen.pages import OutsidePage
    from briefgen.render import page_body, render_pages
    from briefgen.site import PACKAGE_TEMPLATES

    a = Article("a.md", "Flood", "The river rose.", (), date="2024-03-01", source="Courier")
    sb = StoryBrief(Story("s-1", "Flood", ("a.md",)), (SummarySentence(Citation("The river rose.", "a.md", 0), 1.0),), (), ())
    skipped = (Skipped("copy.md", "duplicate of a.md"), Skipped("bad.md", "line 1: front matter is a list"))
    briefing = Briefing(
        "e1",
        (a,),
        (sb,),
        skipped,
        Changes(None, (), ("s-1",), ()),
        warnings=("bad.md: line 1: front matter is a list", "stories.yml: merge: s-9 is not in the build"),
    )
    outside: list[OutsidePage] = []
    render_pages(briefing, tmp_path, load_config(), PACKAGE_TEMPLATES, [], {}, {}, outside)
    body = {p.src: page_body(p, PACKAGE_TEMPLATES) for p in outside}
    report = body["report.md"]
    duplicates = report[report.index("<h2>Duplicates</h2>") :]
    failed = report[report.index("<h2>Files that could not be built</h2>") : report.index("<h2>Duplicates</h2>")]
    assert "copy.md" in duplicates and "copy.md" not in failed and "bad.md" in failed
    assert report.count("front matter is a list") == 1  # a skipped file's warning is not told twice
    assert "stories.yml: merge: s-9 is not in the build" in report
    home = body["index.md"]
    assert "copy.md" not in home and "could not" not in home  # operator information stays off the home page
    assert 'class="bg-lead">The river rose.' in home and "1 source" in home


def test_a_story_of_opinion_only_says_so_on_its_page_and_in_briefing_json() -> None:
    import dataclasses

    from briefgen.models import Article, Story, StoryBrief

    from .conftest import story_page

    a = Article("a.md", "Opinion: The levee was a scandal", "The council let the levee rot.", (), url="https://a.example/opinion/1")
    plain = StoryBrief(Story("s-1", "The levee", ("a.md",)), (), (), ())
    said = "Opinion and analysis only: no news report in this story, so no key points are drawn from it."
    for sb, expected in ((plain, False), (dataclasses.replace(plain, opinion_only=True), True)):
        page = story_page(sb, a)
        assert (said in page) == expected and ("No sentence of these articles" in page) != expected
        assert ('class="bg-mark bg-mark-opinion"' in page) == expected  # marked beside the title, not only in the summary
        assert story_json(sb).get("opinion_only", False) is expected


def test_a_story_of_undated_articles_only_says_it_was_grouped_by_words_alone() -> None:
    import dataclasses

    from briefgen.models import UNDATED_NOTE, Article, Story, StoryBrief

    from .conftest import story_page

    a = Article("a.md", "Ford profits rise", "Ford reported higher profits.", ())
    b = Article("b.md", "Ford cuts output", "Ford cut production.", ())
    two = StoryBrief(Story("s-1", "Ford", ("a.md", "b.md")), (), (), ())
    for sb, expected in (
        (two, True),  # two articles, neither dated
        (dataclasses.replace(two, first_date="2005-02-01", last_date="2005-03-01"), False),  # one dated is enough
        (dataclasses.replace(two, story=Story("s-1", "Ford", ("a.md",))), False),  # one article joins nothing
    ):
        page = story_page(sb, a, b)
        assert (UNDATED_NOTE in page) is expected
        assert bool(sb.undated_note) is expected


def test_the_home_page_marks_a_story_of_opinion_only(tmp_path) -> None:
    from briefgen.config import load_config
    from briefgen.pipeline import build

    content = tmp_path / "content"
    content.mkdir()
    (content / "column.md").write_text(
        "---\ntitle: The council let the levee rot\ndate: 2024-03-05\nurl: https://paper.example/opinion/2024/03/05/levee\n---\n\n"
        "The Millbrook council ignored every warning about the levee for a decade. "
        "That neglect is a scandal, and voters should remember it in November.\n"
    )
    (content / "report.md").write_text(
        "---\ntitle: Storm closes schools in Dover\ndate: 2024-03-01\n---\n\n"
        "A storm closed all 12 schools in Dover on Friday, the district said. Buses will run again on Monday.\n"
    )
    briefing = build(load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False))
    (column,) = [sb for sb in briefing.stories if sb.story.articles == ("column.md",)]
    assert column.opinion_only and not column.summary
    home = next((tmp_path / "site").glob("*/index.html")).read_text()
    assert home.count('class="bg-mark bg-mark-opinion"') == 1  # the column's story only, not the report's
