"""The built site in Debian's chromium, as a reader uses it: offline, searchable, versioned, on a phone, on paper.

Screenshots of each check are saved under test-artifacts/browser/ to look at.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..conftest import search_docs
from .conftest import MADE_NEW, NEW, OLD, Requests, is_local

pytestmark = pytest.mark.browser

TIMEOUT = 15_000  # ms; a generous cap on waiting for the page, not a speed assertion


def _story_path(site: Path, edition: str) -> str:
    data = json.loads((site / edition / "briefing.json").read_text(encoding="utf-8"))
    # the seeds' two stories (two events weeks apart): the one of the feed entry, CNN's report, with its open questions
    story = next(s for s in data["stories"] if "feeds/world.rss#1" in s["articles"])
    return f"/{edition}/stories/{story['id']}/"


def _article_paths(site: Path, edition: str) -> list[str]:
    return sorted(f"/{edition}/articles/{p.parent.name}/" for p in (site / edition / "articles").glob("*/index.html"))


def _open(page: Any, url: str) -> None:
    page.goto(url, wait_until="networkidle", timeout=TIMEOUT)


def test_pages_load_with_no_request_leaving_the_machine(
    page: Any, server: str, site: Path, requests_seen: Requests, artifacts: Path
) -> None:
    paths = [
        "/",
        f"/{NEW}/changes/",
        f"/{NEW}/archive/",
        f"/{NEW}/entities/",
        f"/{NEW}/search/",
        f"/{NEW}/report/",
        f"/{NEW}/confidence/",
        _story_path(site, NEW),
        *_article_paths(site, NEW),
        f"/{OLD}/",
    ]
    for path in paths:
        _open(page, server + path)
        assert page.locator("article h1").first.is_visible(), path
    page.goto(server + "/", wait_until="networkidle")
    assert page.url == f"{server}/{NEW}/"  # the root redirects to the newest edition
    page.screenshot(path=str(artifacts / "home-desktop.png"), full_page=True)
    assert len(requests_seen.seen) > 20
    assert any(url.endswith("/versions.json") for url in requests_seen.seen)  # scripts ran and fetched
    assert requests_seen.blocked == []
    outside = [url for url in requests_seen.seen if not is_local(url)]
    assert outside == []
    assert requests_seen.failed == []


def _search(page: Any, server: str, edition: str, query: str) -> Any:
    """Open the search page from the header's button and type ``query``; returns the result items."""
    _open(page, f"{server}/{edition}/")
    page.locator("a.bg-search-button").click()
    page.wait_for_url(re.compile(r"/search/$"), timeout=TIMEOUT)
    box = page.locator("#bg-search-input")
    box.wait_for(timeout=TIMEOUT)
    box.press_sequentially(query, delay=20)
    results = page.locator(".bg-result")
    results.first.wait_for(timeout=TIMEOUT)
    return results


def test_search_returns_sections_with_snippets(page: Any, server: str, site: Path, requests_seen: Requests, artifacts: Path) -> None:
    results = _search(page, server, NEW, "Prigozhin")
    status = page.locator("#bg-search-status").inner_text()
    assert re.search(r"\d+ pages? match", status), status
    # each hit is a section of a page: a link with an anchor, and a snippet with the word marked
    section = results.first.locator(".bg-section a").first
    href = section.get_attribute("href") or ""
    assert "#" in href, href
    assert "Prigozhin" in section.locator("mark").first.inner_text()
    snippet = section.inner_text()
    assert len(snippet) < 400, "a section's snippet, not the whole page"
    # the story's summary is found as its own section
    assert page.locator(".bg-section__title", has_text="Summary").count() >= 1
    page.screenshot(path=str(artifacts / "search-prigozhin.png"))
    # the index comes in pieces: no request for the whole index, each piece small
    pieces = [u for u in requests_seen.seen if "/pagefind/" in u]
    assert any("/pagefind/index/" in u for u in pieces) and any("/pagefind/fragment/" in u for u in pieces)
    for url in pieces:
        rel = url.split(f"/{NEW}/", 1)[1]
        if "/index/" in rel or "/fragment/" in rel:
            assert (site / NEW / rel).stat().st_size < 200_000, rel
    section.click()
    page.wait_for_load_state("networkidle")
    assert "Prigozhin" in page.locator("article").inner_text()
    assert "#" in page.url
    assert requests_seen.blocked == []


def test_version_selector_lists_editions_and_switches(page: Any, server: str, site: Path, artifacts: Path) -> None:
    _open(page, f"{server}/{NEW}/")
    current = page.locator(".md-version__current")
    current.wait_for(timeout=TIMEOUT)
    assert current.inner_text().strip() == NEW
    current.hover()
    links = page.locator(".md-version__link")
    assert [t.strip() for t in links.all_inner_texts()] == [NEW, OLD]  # newest first
    page.screenshot(path=str(artifacts / "version-selector.png"))
    page.locator(".md-version__link", has_text=OLD).click()
    page.wait_for_url(re.compile(rf"/{OLD}/"), timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    page.locator(".md-version__current").wait_for(timeout=TIMEOUT)
    assert page.locator(".md-version__current").inner_text().strip() == OLD
    assert OLD in page.locator("article h1").inner_text()
    old = json.loads((site / OLD / "briefing.json").read_text(encoding="utf-8"))
    assert [a["path"] for a in old["articles"]] == ["feeds/world.rss#1"]
    assert old["stories"][0]["title"] in page.locator("article").inner_text()
    page.screenshot(path=str(artifacts / "version-switched.png"))


def test_story_pdf_link_opens_a_pdf(page: Any, server: str, site: Path, artifacts: Path) -> None:
    _open(page, server + _story_path(site, NEW))
    link = page.get_by_role("link", name="PDF brief")
    assert link.count() == 1
    href = link.get_attribute("href")
    assert href and href.endswith(".pdf")
    url = page.evaluate("(a) => a.href", link.element_handle())
    assert url.startswith(f"{server}/{NEW}/pdf/")
    response = page.request.get(url)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-") and len(body) > 2000
    (artifacts / "story-brief.pdf").write_bytes(body)


def test_layout_holds_at_phone_width(phone: Any, server: str, site: Path, requests_seen: Requests, artifacts: Path) -> None:
    paths = {
        "home": f"/{NEW}/",
        "story": _story_path(site, NEW),
        "article": _article_paths(site, NEW)[1],
        "archive": f"/{NEW}/archive/",
        "changes": f"/{NEW}/changes/",
        "entities": f"/{NEW}/entities/",
        "search": f"/{NEW}/search/",
        "report": f"/{NEW}/report/",
    }
    for name, path in paths.items():
        _open(phone, server + path)
        width = phone.evaluate("() => window.innerWidth")
        scroll = phone.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        assert width == 375, name
        assert scroll <= width, f"{name}: page is {scroll}px wide at {width}px, scrolls sideways"
        wide = phone.evaluate(
            """() => [...document.querySelectorAll('article *')]
                  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(e).position !== 'fixed')
                  .filter(e => !e.closest('.md-typeset__scrollwrap, pre, .md-typeset__table'))
                  .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
        )
        assert wide == [], f"{name}: elements overflow the screen: {wide}"
        phone.screenshot(path=str(artifacts / f"phone-{name}.png"), full_page=name in ("home", "archive"))
    assert requests_seen.blocked == []


def test_printed_story_is_readable(page: Any, server: str, site: Path, artifacts: Path) -> None:
    _open(page, server + _story_path(site, NEW))
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search', '.md-tabs',
                  '.md-footer', '.md-top', '.md-version', '.md-skip']
            .map(sel => [sel, [...document.querySelectorAll(sel)].every(e => e.offsetParent === null
                                || getComputedStyle(e).display === 'none' || getComputedStyle(e).visibility === 'hidden')])"""
    )
    assert [sel for sel, gone in hidden if not gone] == []
    content = page.locator("article.md-content__inner")
    box = content.bounding_box()
    assert box is not None and box["width"] >= 0.8 * 1280, f"printed text uses {box} of the page width"
    title = page.locator("article h1").inner_text()
    page.screenshot(path=str(artifacts / "story-print-media.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=False, margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    assert pdf.startswith(b"%PDF-")
    out = artifacts / "story-printed.pdf"
    out.write_bytes(pdf)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is missing: printed PDF written but its text is not checked")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert " ".join(title.split())[:40] in " ".join(text.split())
    assert "Summary" in text and "Who and what" in text and "Sources" in text
    for furniture in ("Skip to content", "Search", "What changed", "Archive", "Back to top", "127.0.0.1"):
        assert furniture not in text, furniture  # nor the site's own link addresses
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(out), str(artifacts / "story-printed")], check=True)
    # An article page on paper says where the original is.
    article = next(p for p in _article_paths(site, NEW) if "belarus-interior-minister-wagner" in p)
    _open(page, server + article)
    out = artifacts / "article-printed.pdf"
    out.write_bytes(page.pdf(format="A4"))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Kubrakov" in text and "urdupoint.com/en/world/" in "".join(text.split())
    assert "127.0.0.1" not in text


def test_latest_serves_the_newest_edition_of_any_page(page: Any, server: str, site: Path, requests_seen: Requests) -> None:
    story = _story_path(site, NEW)
    _open(page, server + story)
    title = page.locator("article h1").inner_text()
    latest = story.replace(f"/{NEW}/", "/latest/", 1)
    _open(page, server + latest)
    assert page.url.endswith(latest) or page.url.endswith(story)
    assert page.locator("article h1").inner_text() == title
    assert f"Edition {NEW}" in page.locator("article").inner_text()
    assert requests_seen.failed == []


def test_dark_mode_toggle(page: Any, server: str, artifacts: Path) -> None:
    _open(page, f"{server}/{NEW}/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=TIMEOUT)
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
    assert sum(channels) < 3 * 100, background  # dark
    page.screenshot(path=str(artifacts / "home-dark.png"))
    _open(page, f"{server}/{NEW}/changes/")  # the choice stays from page to page
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_home_page_sections_top_stories_and_markers(phone: Any, made_server: str, artifacts: Path) -> None:
    _open(phone, f"{made_server}/{MADE_NEW}/")
    headings = [h.strip(" ¶\n") for h in phone.locator("article h2").all_inner_texts()]
    assert headings[0] == "Top stories"
    assert set(headings[1:]) == {"River floods", "City transit"}  # the edition's topics
    top = phone.locator(".bg-top > li")
    assert top.count() == 5
    first = top.first
    assert "Tram drivers strike" in first.locator(".bg-story__title").inner_text()  # the new story leads
    assert first.locator(".bg-mark-new").inner_text().strip().lower() == "new"
    assert first.locator(".bg-lead").inner_text().startswith("Tram drivers strike over new rota (1).")
    assert "2 sources" in first.locator(".bg-meta").inner_text()
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 812, "the top story with its lead is on the first screen"
    assert phone.locator(".bg-top .bg-mark-updated").count() == 1
    # topic sections: each story's title; leads only in Top stories, top stories not repeated on a phone
    sections = phone.locator(".bg-sections")
    assert sections.locator(".bg-lead").count() == 0
    assert sections.locator(".bg-seen").count() == 5 and not any(x.is_visible() for x in sections.locator(".bg-seen").all())
    others = sections.locator(".bg-story__title:not(.bg-seen)")
    assert others.count() == 3 and all(x.is_visible() for x in others.all())
    footer = phone.locator(".bg-footer-links")
    assert footer.get_by_role("link", name="Build report").count() == 1
    phone.screenshot(path=str(artifacts / "phone-home-sections.png"), full_page=True)


def test_story_page_key_points_timeline_sources_by_outlet_related(page: Any, made_server: str, artifacts: Path) -> None:
    _open(page, f"{made_server}/{MADE_NEW}/stories/millbrook-flood/")
    article = page.locator("article")
    headings = [h.strip(" ¶\n") for h in article.locator("h2").all_inner_texts()]
    assert headings[:3] == ["Key points", "Timeline", "Summary"]
    assert "Sources" in headings and "Related stories" in headings
    timeline = article.locator(".bg-timeline > li")
    assert timeline.count() == 4
    assert timeline.first.locator(".bg-when").inner_text().strip() == "27 Feb 2024"
    assert timeline.nth(1).locator(".bg-when").inner_text().startswith("about")  # an approximate date says so
    sources = article.locator(".bg-sources > li")
    outlets = [sources.nth(k).locator("strong").first.inner_text() for k in range(sources.count())]
    assert outlets == ["Valley Courier", "rivernews.example", "Outlet not known"]
    text = article.locator(".bg-sources").inner_text()
    assert "flood-3" not in text and ".md" not in text and ".txt" not in text  # never the file name
    assert "same wire text as [4]" in text and "same wire text as [1]" in text
    cite = article.locator(".bg-points a[title]").first
    assert cite.get_attribute("title") == "Valley Courier, 27 Feb 2024, Millbrook flood defences fail after record rain (1)"
    # a confidence label shows its reason on focus (a tap), without hover
    label = article.locator(".bg-conf").first
    assert not label.locator(".bg-conf-why").is_visible()
    label.focus()
    assert label.locator(".bg-conf-why").is_visible()
    assert "independent sources" in label.locator(".bg-conf-why").inner_text()
    page.screenshot(path=str(artifacts / "story-sections.png"), full_page=True)
    related = article.locator(".bg-related a")
    assert related.all_inner_texts() == ["Ashby levee repairs begin as waters recede"]
    related.first.click()
    page.wait_for_url(re.compile(r"/stories/ashby-levee/$"), timeout=TIMEOUT)
    assert "Millbrook flood defences" in page.locator(".bg-related").inner_text()  # and back


def test_story_problems_changes_and_entity_filter(page: Any, made_server: str, artifacts: Path) -> None:
    _open(page, f"{made_server}/{MADE_NEW}/stories/story-5/")
    note = page.locator(".bg-problems")
    assert note.is_visible() and "open questions could not be worked out" in note.inner_text()
    _open(page, f"{made_server}/{MADE_NEW}/changes/")
    text = page.locator("article").inner_text()
    assert "6 stories have no new articles" in text and "Bus route 3" not in text  # unchanged: not listed one by one
    updated = page.locator("article h3", has_text="Millbrook flood defences")
    assert updated.count() == 1
    assert re.search(r"New key point\s+Millbrook flood defences fail after record rain \(2\)\.", text), text
    assert "Valley Courier: Millbrook flood defences fail after record rain (4)" in text  # the new source, by outlet
    page.screenshot(path=str(artifacts / "changes.png"), full_page=True)
    _open(page, f"{made_server}/{MADE_NEW}/report/")
    assert "nothing to report" in page.locator("article").inner_text()


def test_entity_index_filter(page: Any, server: str) -> None:
    _open(page, f"{server}/{NEW}/entities/")
    items = page.locator(".bg-entities > li")
    shown = page.locator(".bg-entities > li:visible")
    total = shown.count()
    assert 1 < total < items.count()  # those named in one article are on the page, hidden until asked for
    name = shown.last.locator("a").inner_text()
    page.locator("#bg-filter").press_sequentially(name, delay=20)
    page.wait_for_function("n => document.querySelectorAll('.bg-entities > li:not([hidden])').length < n", arg=total, timeout=TIMEOUT)
    names = shown.locator("a").all_inner_texts()
    assert name in names and len(names) < total  # others may match by a story title they share
    assert page.locator("#bg-filter-count").inner_text().startswith(f"{len(names)} ")
    page.locator("#bg-filter").fill("")
    page.locator("#bg-filter-all").check()
    assert shown.count() == items.count()


def test_search_shows_markup_in_articles_as_text(page: Any, made_server: str, requests_seen: Requests) -> None:
    page.on("dialog", lambda dialog: requests_seen.failed.append(f"a dialog opened: {dialog.message}"))
    results = _search(page, made_server, MADE_NEW, "Zanzibarian")
    snippet = results.first.locator(".bg-snippet").first
    assert "Zanzibarian" in snippet.inner_text()
    assert snippet.locator("img, b, script").count() == 0  # only pagefind's <mark>s are elements
    assert "<img src=x onerror=alert(1)> & <b>bold</b> claims" in snippet.inner_text()  # shown as the text it is
    page.wait_for_timeout(300)
    assert requests_seen.failed == []


def test_search_merges_the_shards_of_the_index(page: Any, made_server: str, made_site: Path, requests_seen: Requests) -> None:
    """The made site's index is in several shards (briefgen/search.py): a query finds the pages of
    every shard, each shard loading its own word chunk, and no shard's whole index."""
    edition = made_site / MADE_NEW
    listed = json.loads((edition / "pagefind" / "shards.json").read_text(encoding="utf-8"))["merge"]
    assert len(listed) >= 2, "the made site should have several shards"
    holding = [d for d in search_docs(edition) if "millbrook" in d["content"].lower()]
    shards_holding = {d["shard"] for d in holding}
    assert len(shards_holding) >= 2, "the word should be in more than one shard"
    results = _search(page, made_server, MADE_NEW, "Millbrook")
    expected = f"{len(holding)} page" + (" matches" if len(holding) == 1 else "s match")
    page.wait_for_function(
        "expected => document.querySelector('#bg-search-status').textContent.startsWith(expected)", arg=expected, timeout=10_000
    )
    assert results.count() == min(len(holding), 10)
    chunks = {u.split("/pagefind/", 1)[1].rsplit("index/", 1)[0] for u in requests_seen.seen if "/pagefind/" in u and "/index/" in u}
    assert {f"{s}/" if s else "" for s in shards_holding} <= chunks, chunks
    assert requests_seen.failed == []


def test_search_shows_no_page_for_a_word_no_page_holds(page: Any, made_server: str, requests_seen: Requests) -> None:
    """Pagefind matches a word missing from an index by its longest prefix there ("Millbrookian" by
    "millbrook"); over shards that would fill the results with each shard's prefix matches. Only pages
    whose words begin with the query's are shown."""
    _open(page, f"{made_server}/{MADE_NEW}/search/")
    box = page.locator("#bg-search-input")
    box.wait_for(timeout=TIMEOUT)
    box.press_sequentially("Millbrookian", delay=20)
    page.wait_for_function("() => document.querySelector('#bg-search-status').textContent.startsWith('0 pages match')", timeout=10_000)
    assert page.locator(".bg-result").count() == 0
    assert "No results for" in page.locator("#bg-search-results").inner_text()
    box.fill("")
    box.press_sequentially("Millbrook", delay=20)  # the word itself, and a word being typed, still find pages
    page.locator(".bg-result").first.wait_for(timeout=TIMEOUT)
    assert requests_seen.failed == []
