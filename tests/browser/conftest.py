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
