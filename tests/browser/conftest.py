"""A real browser against the built site: Debian's chromium driven by Playwright.

The site is two editions built into one folder from the real-world format
fixtures (2023-07-24: the RSS feed, one article; 2023-07-25: the saved page,
the feed and the JSON Lines file), served by a plain HTTP server on 127.0.0.1.
Every request the browser makes is recorded, and any that would leave the
machine is blocked and reported.

Chromium comes from Debian (`make browser-deps` installs it); Playwright only
drives it (``executable_path``), it never downloads a browser of its own.
Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from briefgen.config import load_config

from ..conftest import DATA, ROOT

FORMATS = DATA / "formats"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
OLD, NEW = "2023-07-24", "2023-07-25"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "poppler-utils", "fonts-liberation"]


def find_chromium() -> Path | None:
    for candidate in (os.environ.get("BRIEFGEN_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def install_chromium() -> str:
    """Install Debian's chromium when we may (root, apt-get); return why not otherwise."""
    if shutil.which("apt-get") is None:
        return "no apt-get on this machine"
    if os.geteuid() != 0:
        return "not root, so apt-get cannot install it (run `sudo make browser-deps`)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], INSTALL):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            return f"`{' '.join(cmd)}` failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}"
    return ""


@pytest.fixture(scope="session")
def chromium() -> Path:
    path = find_chromium()
    if path is None:
        why = install_chromium()
        path = find_chromium()
        if path is None:
            pytest.skip(f"browser tests need Debian's chromium at /usr/bin/chromium: not found, and it could not be installed ({why})")
    return path


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two editions in one site folder, with PDFs (loads spaCy)."""
    from briefgen.pipeline import build

    root = tmp_path_factory.mktemp("browser-site")
    first = root / "content-old"
    (first / "feeds").mkdir(parents=True)
    shutil.copyfile(FORMATS / "mixed" / "feeds" / "world.rss", first / "feeds" / "world.rss")
    site_dir = root / "site"
    build(load_config(content_dir=first, site_dir=site_dir, edition=OLD))
    build(load_config(content_dir=FORMATS / "mixed", site_dir=site_dir, edition=NEW))
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The site over HTTP on 127.0.0.1 (search and the version selector need HTTP, not file://)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")
    with sync_api.sync_playwright() as pw:
        # headless=False: Playwright would add its own --headless; ours is in the flags.
        browser = pw.chromium.launch(executable_path=str(chromium), headless=False, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Requests:
    """Every URL the page asked for, and those that would have left the machine (blocked)."""

    seen: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True  # never leave the browser
    return parts.scheme in ("http", "https", "ws") and parts.hostname == "127.0.0.1"


@pytest.fixture
def requests_seen() -> Requests:
    return Requests()


def _new_context(browser: Any, requests_seen: Requests, **options: Any) -> Any:
    context = browser.new_context(service_workers="block", **options)

    def guard(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            requests_seen.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    context.on("request", lambda request: requests_seen.seen.append(request.url))
    context.on("requestfailed", lambda request: requests_seen.failed.append(f"{request.url}: {request.failure}"))

    def check(response: Any) -> None:
        if response.status >= 400:
            requests_seen.failed.append(f"{response.url}: HTTP {response.status}")

    context.on("response", check)
    return context


@pytest.fixture
def page(browser: Any, requests_seen: Requests) -> Iterator[Any]:
    """A desktop-sized page in a fresh context (its own empty profile)."""
    context = _new_context(browser, requests_seen, viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()
    assert requests_seen.blocked == [], "requests to leave the machine (blocked)"


@pytest.fixture
def phone(browser: Any, requests_seen: Requests) -> Iterator[Any]:
    """A 375 px wide touch screen, as a small phone."""
    context = _new_context(
        browser, requests_seen, viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        yield context.new_page()
    finally:
        context.close()
    assert requests_seen.blocked == [], "requests to leave the machine (blocked)"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


MADE_OLD, MADE_NEW = "2024-03-01", "2024-03-02"


def made_briefing(edition: str) -> Any:
    """A hand-made edition (no spaCy): two topics, eight stories, one of them new and one updated
    since MADE_OLD, with key points, a timeline, outlets named three ways, copies of one wire text,
    related stories and a story with a problem. Rendered and published by the real stages."""
    from dataclasses import replace

    from briefgen import models as m

    def article(aid: str, title: str, date: str, **kw: Any) -> m.Article:
        text = f"{title}. The council met on {date} and agreed the plan after a long debate about the river."
        if aid == "city/bus-1.md":  # text that looks like markup stays text, in pages and in search results
            text += " Zanzibarian <img src=x onerror=alert(1)> & <b>bold</b> claims."
        return m.Article(aid, title, text, (m.Paragraph(text, 0),), date=date, **kw)

    def sentence(a: m.Article, conf: str = "high", sources: int = 2) -> m.SummarySentence:
        reason = f"{conf.title()}: {sources} independent sources carry it."
        return m.SummarySentence(m.Citation(a.text, a.id, 0, a.date), 1.0, sources, conf, reason)

    articles: list[m.Article] = []
    briefs: list[m.StoryBrief] = []
    topics = {"t-floods": ("River floods", []), "t-transit": ("City transit", [])}
    plan = [  # story id, topic, title, articles (id, outlet kwargs, date)
        (
            "millbrook-flood",
            "t-floods",
            "Millbrook flood defences fail after record rain",
            [
                ("wire/flood-1.md", {"source": "Valley Courier"}, "2024-02-27"),
                ("wire/flood-2.md", {"url": "https://www.rivernews.example/floods/2"}, "2024-02-28"),
                ("wire/flood-3.txt", {}, "2024-02-29"),
                ("wire/flood-4.md", {"source": "Valley Courier"}, "2024-03-01"),
            ],
        ),
        (
            "ashby-levee",
            "t-floods",
            "Ashby levee repairs begin as waters recede",
            [("wire/levee-1.md", {"source": "Ashby Times"}, "2024-02-20"), ("wire/levee-2.md", {"source": "Daily Post"}, "2024-02-21")],
        ),
        (
            "tram-strike",
            "t-transit",
            "Tram drivers strike over new rota",
            [("city/tram-1.md", {"source": "Metro Wire"}, "2024-03-02"), ("city/tram-2.md", {"source": "Daily Post"}, "2024-03-02")],
        ),
        *[
            (
                f"story-{k}",
                "t-transit",
                f"Bus route {k} moves to the ring road",
                [(f"city/bus-{k}.md", {"source": f"Paper {k}"}, f"2024-01-{10 + k:02d}")],
            )
            for k in range(1, 6)
        ],
    ]
    for sid, topic, title, members in plan:
        arts = [article(aid, f"{title} ({n})", date, **kw) for n, (aid, kw, date) in enumerate(members, start=1)]
        articles += arts
        summary = tuple(sentence(a) for a in arts[:3])
        timeline = (
            tuple(m.TimelineEvent(a.date or "", m.Citation(a.text, a.id, 0, a.date), approximate=(n == 1)) for n, a in enumerate(arts))
            if len(arts) > 1
            else ()
        )
        story = m.Story(sid, title, tuple(a.id for a in arts), why=("Millbrook",), topic=topic)
        topics[topic][1].append(sid)
        briefs.append(
            m.StoryBrief(
                story,
                summary,
                (),
                (),
                arts[0].date,
                arts[-1].date,
                key_point_count=min(2, len(summary)),
                timeline=timeline,
                problems=("The open questions could not be worked out.",) if sid == "story-5" else (),
            )
        )
    related = {"millbrook-flood": ("ashby-levee",), "ashby-levee": ("millbrook-flood",)}
    briefs = [replace(sb, related=related.get(sb.story.id, ())) for sb in briefs]
    first = edition == MADE_OLD
    if first:  # the first edition lacks the tram strike and the last flood article
        briefs = [b for b in briefs if b.story.id != "tram-strike"]
        briefs = [
            replace(b, story=replace(b.story, articles=b.story.articles[:3]), last_date="2024-02-29", timeline=b.timeline[:3])
            if b.story.id == "millbrook-flood"
            else b
            for b in briefs
        ]
    ids = {a for b in briefs for a in b.story.articles}
    articles = [a for a in articles if a.id in ids]
    changes = (
        m.Changes(None, (), tuple(b.story.id for b in briefs), ())
        if first
        else m.Changes(
            MADE_OLD,
            ("city/tram-1.md", "city/tram-2.md", "wire/flood-4.md"),
            ("tram-strike",),
            ("millbrook-flood",),
            new_summary=(("millbrook-flood", tuple(a.text for a in articles if a.id == "wire/flood-2.md")),),
        )
    )
    return m.Briefing(
        edition,
        tuple(sorted(articles, key=lambda a: a.id)),
        tuple(briefs),
        (),
        changes,
        topics=tuple(
            m.Topic(t, title, tuple(s for s in members if s in {b.story.id for b in briefs})) for t, (title, members) in topics.items()
        ),
        copies=(("wire/flood-1.md", ("wire/flood-3.txt",)), ("wire/flood-3.txt", ("wire/flood-1.md",))),
    )


@pytest.fixture(scope="session")
def made_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two hand-made editions (made_briefing) through render, mkdocs, pagefind and publish: no spaCy.
    Their search index is cut into shards of about two pages (briefgen/search.py), so the browser
    merges several."""
    from briefgen import pipeline, search

    root = tmp_path_factory.mktemp("made-site")
    site_dir = root / "site"
    saved = search.SHARD_PAGES
    search.SHARD_PAGES = MADE_SHARD_PAGES
    try:
        for edition in (MADE_OLD, MADE_NEW):
            config = load_config(content_dir=root, site_dir=site_dir, edition=edition, pdf=False)
            with pipeline.site.site_lock(site_dir):
                pipeline.publish(made_briefing(edition), config)
    finally:
        search.SHARD_PAGES = saved
    return site_dir


MADE_SHARD_PAGES = 2  # pages in a search shard of the made site (expected): a dozen pages, several shards


@pytest.fixture(scope="session")
def made_server(made_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(made_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
