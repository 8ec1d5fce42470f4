"""Rendering: untrusted text stays text in Markdown and in the built HTML."""

from __future__ import annotations

import re

import markdown

from briefgen.render import article_slug, md_escape

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
