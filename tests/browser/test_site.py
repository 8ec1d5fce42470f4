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

from .conftest import NEW, OLD, Requests, is_local

pytestmark = pytest.mark.browser

TIMEOUT = 15_000  # ms; a generous cap on waiting for the page, not a speed assertion


def _story_path(site: Path, edition: str) -> str:
    data = json.loads((site / edition / "briefing.json").read_text(encoding="utf-8"))
    assert len(data["stories"]) == 1
    return f"/{edition}/stories/{data['stories'][0]['id']}/"


def _article_paths(site: Path, edition: str) -> list[str]:
    return sorted(f"/{edition}/articles/{p.parent.name}/" for p in (site / edition / "articles").glob("*/index.html"))


def _open(page: Any, url: str) -> None:
    page.goto(url, wait_until="networkidle", timeout=TIMEOUT)


def test_pages_load_with_no_request_leaving_the_machine(
    page: Any, server: str, site: Path, requests_seen: Requests, artifacts: Path
) -> None:
    paths = ["/", f"/{NEW}/changes/", f"/{NEW}/archive/", _story_path(site, NEW), *_article_paths(site, NEW), f"/{OLD}/"]
    for path in paths:
        _open(page, server + path)
        assert page.locator("article h1").first.is_visible(), path
    page.goto(server + "/", wait_until="networkidle")
    assert page.url == f"{server}/{NEW}/"  # the root redirects to the newest edition
    page.screenshot(path=str(artifacts / "home-desktop.png"), full_page=True)
    assert len(requests_seen.seen) > 20
    assert any(url.endswith("/search/search_index.json") for url in requests_seen.seen)  # scripts ran and fetched
    assert requests_seen.blocked == []
    outside = [url for url in requests_seen.seen if not is_local(url)]
    assert outside == []
    assert requests_seen.failed == []


def test_search_finds_an_entity(page: Any, server: str, requests_seen: Requests, artifacts: Path) -> None:
    _open(page, f"{server}/{NEW}/")
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens show a search button instead of the box
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    box.press_sequentially("Prigozhin", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=TIMEOUT)
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.search(r"\d+ matching documents?", meta), meta
    assert "Prigozhin" in results.first.inner_text()
    page.screenshot(path=str(artifacts / "search-prigozhin.png"))
    results.first.locator("a").first.click()
    page.wait_for_load_state("networkidle")
    assert "Prigozhin" in page.locator("article").inner_text()
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
    paths = {"home": f"/{NEW}/", "story": _story_path(site, NEW), "article": _article_paths(site, NEW)[1], "archive": f"/{NEW}/archive/"}
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
    assert "Summary" in text and "Who and what" in text
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
