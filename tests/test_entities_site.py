"""Entity pages and the index: links from fact boxes, the page rule, and escaping of article text."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.config import BuildConfig
from briefgen.facts import edition_entities, link
from briefgen.models import Article, Briefing, Changes, Citation, FactBox, Paragraph, Quote, Role, Story, StoryBrief
from briefgen.pages import OutsidePage
from briefgen.render import page_body, render_pages
from briefgen.site import PACKAGE_TEMPLATES

EVIL = "<script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }} *bold* | pipe"


def _article(aid: str, text: str, title: str, source: str) -> Article:
    return Article(aid, title, text, (Paragraph(text, 0),), date="2024-05-01", source=source)


def _box(name: str, aid: str, text: str, **extra: object) -> FactBox:
    c = Citation(text, aid, 0, "2024-05-01")
    fields: dict[str, object] = {"roles": (), "quotes": (), "evidence": (c,)}
    fields.update(extra)
    return FactBox(
        id=name.lower().replace(" ", "-"),
        name=name,
        type="PERSON",
        aliases=(name,),
        mentions=2,
        articles=(aid,),
        sources=1,
        related=(),
        **fields,
    )  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The Markdown pages mkdocs builds (a folder) and the HTML bodies of the others (by docs path)."""
    text_a = f"Ivan Kubrakov, the minister, said “{EVIL}” on Monday."
    text_b = "Ivan Kubrakov met Olga Petrova in Minsk on Monday."
    a = _article("a.txt", text_a, f"Minister speaks {EVIL}", "Wire")
    b = _article("b.txt", text_b, "A meeting", "Paper")
    role = Role(Citation(text_a, "a.txt", 0, "2024-05-01"), "the minister", sources=2)
    quote = Quote(EVIL, "Ivan Kubrakov", Citation(text_a, "a.txt", 0, "2024-05-01"))
    boxes = {
        "s1": [_box("Ivan Kubrakov", "a.txt", text_a, roles=(role,), quotes=(quote,)), _box(f"Evil {EVIL}", "a.txt", text_a)],
        "s2": [_box("Ivan Kubrakov", "b.txt", text_b), _box("Olga Petrova", "b.txt", text_b)],
    }
    ed = edition_entities(boxes, [a, b])
    briefs = [StoryBrief(Story(sid, f"Story {sid} {EVIL}", (bs[0].articles[0],)), (), tuple(bs), ()) for sid, bs in boxes.items()]
    briefing = Briefing("2024-05-01", (a, b), tuple(link(briefs, ed)), (), Changes(None, (), (), ()), entities=tuple(ed.entities))
    docs = tmp_path_factory.mktemp("docs")
    outside: list[OutsidePage] = []
    render_pages(briefing, docs, BuildConfig(), PACKAGE_TEMPLATES, [], {}, {}, outside)
    return docs, {p.src: page_body(p, PACKAGE_TEMPLATES) for p in outside}


def test_pages_follow_the_rule(site: tuple[Path, dict[str, str]]) -> None:
    docs, bodies = site
    # Kubrakov: two articles and a role; the others: one article, no role, no quote
    assert sorted(src for src in bodies if src.startswith("entities/")) == ["entities/ivan-kubrakov.md"]
    assert not (docs / "entities").exists()  # built beside mkdocs, not by it
    index = bodies["entities.md"]  # a page of the nav: mkdocs builds a placeholder, this body goes in
    assert "BRIEFGENPAGEBODY" in (docs / "entities.md").read_text(encoding="utf-8")
    assert 'href="entities/ivan-kubrakov.md"' in index and "2 other entities are named only on the story pages" in index
    assert "Olga Petrova" not in index


def test_fact_boxes_link_to_entity_pages(site: tuple[Path, dict[str, str]]) -> None:
    _, bodies = site
    s1, s2 = bodies["stories/s1.md"], bodies["stories/s2.md"]
    link = '<h3><a href="../entities/ivan-kubrakov.md">Ivan Kubrakov</a></h3>'
    assert link in s1 and link in s2
    assert "<h3>Olga Petrova</h3>" in s2  # no page, no link
    assert "(2 sources)" in s1  # the role is carried by two independent sources
    page = bodies["entities/ivan-kubrakov.md"]
    assert 'href="../stories/s1.md"' in page and 'href="../stories/s2.md"' in page
    assert 'href="../articles/a-cfc7b4.md#s0"' in page and 'href="../articles/b-aceba9.md#s0"' in page


def test_entity_pages_escape_article_text(site: tuple[Path, dict[str, str]]) -> None:
    _, bodies = site
    for html in bodies.values():
        assert "<script" not in html and 'href="javascript' not in html and "49" not in html  # no live link, no template run
    html = bodies["entities/ivan-kubrakov.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "{{ 7*7 }}" in html and "*bold*" in html


def test_the_index_shows_the_role_jinjas_sort_chose() -> None:
    """top_role (a Python max) gives the role the template's ``sort(attribute="sources", reverse=true)|first`` gave:
    the most sources, and among equals the first."""
    import itertools

    import jinja2

    from briefgen.render import top_role

    sort_first = jinja2.Environment().from_string('{{ (roles|sort(attribute="sources", reverse=true)|first).text }}')
    c = Citation("x", "a.txt", 0, "2024-05-01")
    for n in range(1, 5):
        for sources in itertools.product((1, 2, 3), repeat=n):
            roles = [Role(c, f"role {k}", s) for k, s in enumerate(sources)]
            assert top_role(roles).text == sort_first.render(roles=roles)
