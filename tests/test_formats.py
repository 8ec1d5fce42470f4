"""Real-world input: saved web pages, RSS/Atom feeds and JSON Lines, built like text files.

The fixtures in tests/data/formats/ are the two seed articles dressed as what a
reader actually saves: seed 000 as a news page full of navigation, ads, scripts
and comments; seed 002 as an RSS entry with the full text in content:encoded;
both again as JSON Lines exported from another tool (so they are duplicates).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest

from briefgen.config import load_config
from briefgen.ingest import dedupe, ingest, text_key
from briefgen.ingest.feeds import SUMMARY_ONLY, read_feed
from briefgen.ingest.html import decode_html, html_paragraphs, read_html
from briefgen.ingest.jsonl import read_jsonl
from briefgen.ingest.text import read_text_article
from briefgen.models import Article, Paragraph, Skipped
from briefgen.text.pieces import not_news

from .conftest import DATA, SEEDS

FORMATS = DATA / "formats"
MIXED = FORMATS / "mixed"
PAGE = "pages/belarus-interior-minister-wagner.html"
ENTRY = "feeds/world.rss#1"
SEED_PAGE = "000_93218e4d7ac54160.txt"  # the seed the saved page was made from
SEED_ENTRY = "002_c7be52fe89aa2b02.txt"  # the seed the feed entry was made from
LUKASHENKO_TITLE = "Belarusian leader asks Wagner mercenaries to train his military"
PAGE_TITLE = "Belarusian Interior Minister Meets Wagner Representatives to Discuss Training of Special Forces"

# Words from the saved page's furniture: none may reach an article.
BOILERPLATE = [
    "Advertisement", "cookies", "Sign in", "Register", "Breaking", "Gold price", "Most Read", "Related News",
    "Subscribe", "newsletter", "Comments", "Very informative", "Sajid", "Share this", "Facebook", "WhatsApp",
    "Tags:", "Copyright", "All rights reserved", "Privacy Policy", "Follow us", "Photo:", "Home", "Showbiz",
]  # fmt: skip
SCRIPT = ["<script", "googletag", "gtag(", "dataLayer", "adsbygoogle", "document.write", "function(", "{", "}", "<"]


def _ingest(folder: Path) -> tuple[dict[str, Article], dict[str, str]]:
    articles, skipped = ingest(load_config(content_dir=folder))
    return {a.id: a for a in articles}, {s.path: s.reason for s in skipped}


@pytest.fixture(scope="module")
def mixed() -> tuple[dict[str, Article], dict[str, str]]:
    return _ingest(MIXED)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return _ingest(SEEDS)[0]


# --- saved web page -------------------------------------------------------------------------------


def test_saved_page_metadata_comes_from_the_page(mixed) -> None:
    page = mixed[0][PAGE]
    assert page.title == PAGE_TITLE and not page.title_inferred
    assert page.date == "2023-07-25"
    assert page.author == "Fahad Shabbir"
    assert page.source == "UrduPoint"
    assert page.url is not None and page.url.startswith("https://www.urdupoint.com/en/world/")
    assert page.format == "html"
    assert page.section == "World"  # its article:section


def test_saved_page_text_is_the_article_and_nothing_else(mixed, seeds) -> None:
    page = mixed[0][PAGE]
    for word in BOILERPLATE + SCRIPT:
        assert word not in page.text, word
    # Exactly the seed's paragraphs, the dateline dropped as in the text file.
    assert page.text == seeds[SEED_PAGE].text
    assert page.text.startswith("Belarusian Interior Minister Ivan Kubrakov met with")
    assert len(page.paragraphs) == 6
    assert all(page.text[p.start : p.start + len(p.text)] == p.text for p in page.paragraphs)


def test_library_warnings_give_way_to_the_files_own_reason(content_dir, caplog) -> None:
    # trafilatura warns "discarding data: None" (naming no file) on a page nested this deep; the skip reason names it
    deep = "<html><body>" + "<div>" * 3000 + "<p>Police said the suspect fled on Monday.</p>" + "</div>" * 3000 + "</body></html>"
    root = content_dir({"deep.html": deep})
    with caplog.at_level(logging.WARNING):
        articles, skipped = _ingest(root)
    assert articles == {}
    assert "no article text found" in skipped["deep.html"]
    assert not [r for r in caplog.records if r.name.startswith("trafilatura")]


def test_page_without_article_text_is_reported(content_dir) -> None:
    root = content_dir(
        {
            "nav-only.html": "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            "<script>var x = 1;</script><footer>Copyright</footer></body></html>",
            "not-html.html": "Just a line of text saved with the wrong extension.",
        }
    )
    articles, skipped = _ingest(root)
    assert articles == {}
    assert "no article text found" in skipped["nav-only.html"]
    assert "no HTML markup" in skipped["not-html.html"]


def test_page_in_a_legacy_charset_is_decoded_by_its_meta_tag() -> None:
    data = '<html><head><meta charset="windows-1252"></head><body><p>Lukashenko’s “speech” – 1 €</p></body></html>'.encode("cp1252")
    assert "Lukashenko’s “speech” – 1 €" in decode_html(data)
    latin = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Café</p>'.encode("latin-1")
    assert "Café" in decode_html(latin)


def test_html_fragments_become_paragraphs_without_scripts() -> None:
    fragment = (
        "<p>First <b>bold</b>\n  paragraph.</p><script>alert('x')</script><style>p{color:red}</style>"
        "<p>Line one<br>line two</p><!-- comment --><ul><li>Item</li></ul><h2>Where is he?</h2>tail text"
    )
    assert html_paragraphs(fragment) == ["First bold paragraph.", "Line one\nline two", "Item", "Where is he?", "tail text"]
    assert html_paragraphs("") == []


# --- feeds ------------------------------------------------------------------------------------------


def test_feed_entry_carries_full_text_title_and_date(mixed, seeds) -> None:
    entry = mixed[0][ENTRY]
    assert entry.title == LUKASHENKO_TITLE
    assert entry.date == "2023-07-24"
    assert entry.author == "World Desk staff"
    assert entry.source == "World Desk - Europe"
    assert entry.note is None and entry.format == "rss"
    assert entry.section == "Europe"  # its first category
    # The full text from content:encoded, not the one-paragraph description; no ad script, no caption,
    # no "appeared first on" trailer; subheadings stay headings.
    assert entry.text == seeds[SEED_ENTRY].text
    for word in ["adsbygoogle", "Photo:", "appeared first", "<"]:
        assert word not in entry.text
    headings = [p.text for p in entry.paragraphs if p.is_heading]
    assert headings == ["Where is Prigozhin?", "Media group shut down"]


def test_feed_entry_without_text_is_reported_by_its_number(mixed) -> None:
    reason = mixed[1]["feeds/world.rss#2"]
    assert "no text" in reason and "Live updates" in reason
    assert "feeds/world.rss#1" in mixed[0]


def test_atom_summary_only_entry_is_marked() -> None:
    items = list(read_feed((FORMATS / "wagner-briefs.atom").read_bytes(), "briefs.atom"))
    brief, full, empty = items
    assert isinstance(brief, Article) and isinstance(full, Article) and isinstance(empty, Skipped)
    assert brief.id == "briefs.atom#1" and full.id == "briefs.atom#2" and empty.path == "briefs.atom#3"
    assert brief.note == SUMMARY_ONLY and full.note is None
    assert brief.title == "Belarus & Wagner: interior minister meets PMC representatives"  # HTML title unescaped
    assert brief.date == "2023-07-25"  # the publisher's own date, not the UTC date (2023-07-24)
    assert brief.text.startswith("Belarusian Interior Minister")  # dateline dropped from the summary too
    assert len(full.paragraphs) > 10 and full.format == "atom" and full.source == "Wagner briefs"


def test_a_section_of_opinion_marks_a_piece_that_is_no_report_in_every_format() -> None:
    # the metadata's section, as the page's label shows it: a column stays a column whatever its headline says
    body = "Democrats keep telling Americans they have the votes to pass the bill.\n\nThey also say they need help."
    page = '<html><head><title>The Debt Ceiling Deception</title><meta property="article:section" content="Opinion"></head>'
    page += f"<body><article><h1>The Debt Ceiling Deception</h1><p>{body.replace(chr(10) * 2, '</p><p>')}</p></article></body></html>"
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Paper</title><item><title>The Debt Ceiling Deception</title>'
        f"<category>Opinion</category><description>{body}</description></item></channel></rss>"
    )
    pieces = [
        read_text_article(f"---\ntitle: The Debt Ceiling Deception\nsection: Opinion\n---\n\n{body}\n", "a.md", "md"),
        *read_jsonl(json.dumps({"title": "The Debt Ceiling Deception", "text": body, "section": "Opinions"}), "b.jsonl"),
        read_html(page.encode(), "c.html"),
        *read_feed(feed.encode(), "d.rss"),
    ]
    assert [isinstance(a, Article) and not_news(a) for a in pieces] == [True] * 4
    plain = read_text_article(f"---\ntitle: The Debt Ceiling Deception\nsection: Politics\n---\n\n{body}\n", "e.md", "md")
    assert plain.section == "Politics" and not not_news(plain)


def test_files_that_are_not_feeds_are_reported(content_dir) -> None:
    root = content_dir(
        {
            "sitemap.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/</loc></url></urlset>',
            "empty.rss": '<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing yet</title></channel></rss>',
            "garbage.atom": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        }
    )
    articles, skipped = _ingest(root)
    assert articles == {}
    assert "not an RSS or Atom feed" in skipped["sitemap.xml"]
    assert skipped["empty.rss"] == "feed has no entries"
    assert "garbage.atom" in skipped


def test_feed_entry_script_is_never_text(content_dir) -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Hostile</title>'
        "<description><![CDATA[<p>Minsk said on Monday that talks went well.</p><script>alert(document.cookie)</script>"
        '<p onclick="steal()">Second paragraph of the teaser.</p>]]></description></item></channel></rss>'
    )
    articles, skipped = _ingest(content_dir({"hostile.rss": rss}))
    entry = articles["hostile.rss#1"]
    assert entry.note == SUMMARY_ONLY
    assert entry.text == "Minsk said on Monday that talks went well.\n\nSecond paragraph of the teaser."
    assert skipped == {}


# --- JSON Lines --------------------------------------------------------------------------------------


def test_jsonl_lines_build_and_bad_lines_are_reported_by_number(content_dir, seeds) -> None:
    root = content_dir({"wire.jsonl": (MIXED / "wire.jsonl").read_text(encoding="utf-8")})
    articles, skipped = _ingest(root)
    assert sorted(articles) == ["wire.jsonl#1", "wire.jsonl#3"]
    assert skipped["wire.jsonl#2"].startswith("line 2: invalid JSON")
    assert skipped["wire.jsonl#4"] == "line 4: 'text' is missing or empty"
    first, third = articles["wire.jsonl#1"], articles["wire.jsonl#3"]
    assert first.title == "Belarus Interior Ministry, Wagner Discuss Special Forces Training"
    assert (first.date, first.source, first.format) == ("2023-07-25", "Sputnik", "jsonl")
    assert first.url == "https://sputnik.example/20230725/belarus-wagner-training.html"
    assert first.text == seeds[SEED_PAGE].text  # dateline dropped, as in a text file
    # Paragraphs separated by single newlines are still paragraphs.
    assert third.text == seeds[SEED_ENTRY].text and len(third.paragraphs) == len(seeds[SEED_ENTRY].paragraphs)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "Minsk said so.", "date": "tomorrow"}', "line 2: 'date': 'tomorrow' is not a date (use YYYY-MM-DD)"),
        ('{"text": "Minsk said so.", "url": "javascript:alert(1)"}', "line 2: 'url': 'javascript:alert(1)' is not an http(s) address"),
        ('{"text": 42}', "line 2: 'text': 42 is not text"),
        ('{"text": "Minsk said so.", "source": ["a", "b"]}', "line 2: 'source': ['a', 'b'] is not text"),
        ('["Minsk said so."]', 'line 2: expected an object {"title": ..., "text": ...}, got list'),
        ('{"title": "x", "text": ""}', "line 2: 'text' is missing or empty"),
    ],
)
def test_jsonl_bad_values_name_line_and_key(content_dir, line: str, reason: str) -> None:
    good = json.dumps({"title": "Talks in Minsk", "text": "Officials met in Minsk on Monday.", "date": "2023-07-24"})
    articles, skipped = _ingest(content_dir({"feed.jsonl": f"{good}\n{line}\n\n"}))
    assert list(articles) == ["feed.jsonl#1"]
    assert skipped == {"feed.jsonl#2": reason}


def test_empty_jsonl_file_is_reported(content_dir) -> None:
    assert _ingest(content_dir({"empty.jsonl": "\n  \n"}))[1] == {"empty.jsonl": "no lines: an empty JSON Lines file"}


# --- duplicates ----------------------------------------------------------------------------------------


def test_duplicates_across_formats_are_kept_once_and_reported(mixed) -> None:
    articles, skipped = mixed
    assert sorted(articles) == [ENTRY, PAGE]
    assert skipped["wire.jsonl#1"] == f"duplicate of {PAGE}"
    assert skipped["wire.jsonl#3"] == f"duplicate of {ENTRY}"
    assert skipped["wire.jsonl#2"].startswith("line 2: invalid JSON")
    assert len(skipped) == 5


def test_duplicate_text_ignores_case_spacing_and_quote_style(content_dir) -> None:
    root = content_dir(
        {
            "b.txt": 'Talks in Minsk\n\nOfficials met in "Minsk" on Monday.\n\nThey  agreed a plan.',
            "a.txt": "Talks in Minsk\n\nofficials met in “Minsk” on Monday.\nThey agreed a plan!",
            "c.txt": "Talks in Minsk\n\nOfficials met in Minsk on Tuesday. They agreed a plan.",
        }
    )
    articles, skipped = _ingest(root)
    assert sorted(articles) == ["a.txt", "c.txt"]
    assert skipped == {"b.txt": "duplicate of a.txt"}


def test_duplicate_keeps_the_copy_that_knows_most() -> None:
    def art(id: str, **meta: str) -> Article:
        return Article(id, "Talks", "Officials met in Minsk.", (Paragraph("Officials met in Minsk.", 0),), **meta)  # type: ignore[arg-type]

    bare, dated = art("a.txt"), art("z.jsonl#3", date="2023-07-24", source="Wire")
    kept, dupes = dedupe([bare, dated])
    assert kept == [dated] and dupes == [Skipped("a.txt", "duplicate of z.jsonl#3")]
    assert dedupe([dated, bare]) == (kept, dupes)  # not the order the files were read in
    assert text_key("Minsk, Monday.") == text_key("minsk   monday") != text_key("Minsk Tuesday")


def test_unsupported_format_names_the_supported_ones(content_dir) -> None:
    reason = _ingest(content_dir({"scan.pdf": b"%PDF-1.4"}))[1]["scan.pdf"]
    assert reason.startswith("not a supported article format (.pdf)")
    for suffix in (".html", ".rss", ".atom", ".jsonl"):
        assert suffix in reason


# --- end to end --------------------------------------------------------------------------------------


def _as_text_files(root: Path) -> Path:
    """The two seeds as text files with the metadata the page and the feed entry carry."""
    metadata = {
        SEED_PAGE: {"title": PAGE_TITLE, "date": "2023-07-25", "source": "UrduPoint", "author": "Fahad Shabbir"},
        SEED_ENTRY: {"title": LUKASHENKO_TITLE, "date": "2023-07-24", "source": "World Desk - Europe", "author": "World Desk staff"},
    }
    root.mkdir()
    for name, meta in metadata.items():
        front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
        (root / name).write_text(f"---\n{front}---\n" + (SEEDS / name).read_text(encoding="utf-8"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The mixed-format folder and the same two articles as text files, each built into a site (loads spaCy)."""
    from briefgen.pipeline import build

    out = {}
    for name, folder in (("mixed", MIXED), ("text", _as_text_files(tmp_path_factory.mktemp("text") / "content"))):
        site = tmp_path_factory.mktemp(name) / "site"
        build(load_config(content_dir=folder, site_dir=site, edition="2023-07-25", pdf=False))
        out[name] = json.loads((site / "2023-07-25" / "briefing.json").read_text(encoding="utf-8"))
        out[name]["_site"] = site
    return out


def test_mixed_formats_build_a_story_of_each_seed(built) -> None:
    data = built["mixed"]
    # the invitation and the meeting weeks later: two events by the learned grain (README, *One storyline, many days*)
    assert sorted(s["articles"] for s in data["stories"]) == [[ENTRY], [PAGE]]
    by_path = {a["path"]: a for a in data["articles"]}
    assert by_path[PAGE]["title"] == PAGE_TITLE and by_path[PAGE]["date"] == "2023-07-25"
    assert by_path[ENTRY]["title"] == LUKASHENKO_TITLE and by_path[ENTRY]["date"] == "2023-07-24"
    reasons = {s["path"]: s["reason"] for s in data["skipped"]}
    assert reasons["wire.jsonl#1"] == f"duplicate of {PAGE}"


def test_mixed_formats_brief_matches_the_text_files_brief(built) -> None:
    """Same articles, same metadata, other formats: the same story, summary, entities and questions."""
    mixed, text = built["mixed"]["stories"][0], built["text"]["stories"][0]
    assert {mixed["title"], text["title"]} <= {PAGE_TITLE, LUKASHENKO_TITLE}  # ties between the two go by id
    assert [s["text"] for s in mixed["summary"]] == [s["text"] for s in text["summary"]]
    assert [e["name"] for e in mixed["entities"]] == [e["name"] for e in text["entities"]]
    assert [q["question"] for q in mixed["questions"]] == [q["question"] for q in text["questions"]]
    assert len(mixed["summary"]) >= 3


def test_built_pages_carry_no_page_furniture_or_script(built) -> None:
    site: Path = built["mixed"]["_site"]
    pages = list((site / "2023-07-25" / "articles").glob("*/index.html"))
    assert len(pages) == 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        body = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
        for word in ["googletag", "adsbygoogle", "dataLayer", "Most Read", "Very informative", "cookies", "<script"]:
            assert word not in body, (page, word)
    assert re.search(r"Kubrakov", "".join(p.read_text(encoding="utf-8") for p in pages))


def test_content_folder_of_every_format_builds_from_the_cli(tmp_path: Path) -> None:
    """`briefgen build` on a copy of the fixtures: warnings name each skipped entry, the build succeeds."""
    from click.testing import CliRunner

    from briefgen.cli import main

    content = tmp_path / "content"
    shutil.copytree(MIXED, content)
    result = CliRunner().invoke(
        main, ["build", "--content", str(content), "--site-dir", str(tmp_path / "site"), "--edition", "e1", "--no-pdf", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "2 stories from 2 articles, 5 skipped" in result.output
    assert "warning: wire.jsonl#2: line 2: invalid JSON" in result.output
