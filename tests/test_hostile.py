"""Hostile and broken input end to end: the build goes on, pages show text, the site is never half-published.

- a content folder of broken and hostile files next to good ones builds every good
  article, reports every other file, and no page (HTML or PDF) carries live script;
- exit codes: 0 with warnings, 1 under --strict or when nothing could be built;
- a build killed at any step leaves the previous site byte for byte, and writes
  nothing outside the site folder; two builds on one site meet a lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefgen import site
from briefgen.cli import main
from briefgen.errors import BuildError

from .conftest import search_docs
from .test_ingest import CASES, EXPECTED

GOOD = ["good-plain.txt", "good-front-matter.md", "good-library.txt"]


def run_cli(*args: str, cwd: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, capture_output=True, text=True, timeout=600, **kwargs)


def tree(root: Path) -> dict[str, Any]:
    """Every entry under ``root``: file bytes, link targets, folders; for byte-comparing sites."""
    out: dict[str, Any] = {}
    if not root.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = path.read_bytes()
    return out


SCHEMES = ("javascript:", "data:", "vbscript:")
#: The analysis cache (briefgen/cache.py) may live beside the site: not part of what a build must not touch.
CACHE = ".briefgen-cache"
SPARE = ".site.briefgen-spare"  # the site as the previous publish left it, hard links: the next publish's start


class LiveContent(HTMLParser):
    """Collects anything in a page that a browser would run or follow as script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key.lower().startswith("on"):
                self.problems.append(f"<{tag} {key}=>")
            link = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if key.lower() in {"href", "src", "action", "formaction", "data", "xlink:href"} and link.startswith(SCHEMES):
                self.problems.append(f"<{tag} {key}={link[:40]}>")
        if tag in {"iframe", "object", "embed"}:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            code = "".join(self._script)
            if re.search(r"alert|document\.(cookie|location)|evil", code):
                self.problems.append(f"<script>{code[:60]}")
            self._script = None


def live_content(html: str) -> list[str]:
    parser = LiveContent()
    parser.feed(html)
    return parser.problems


# --- the hostile folder, end to end ------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(CASES, root / "content", symlinks=True)
    content = root / "content"
    outside = root / "outside.txt"
    outside.write_text("Outside text that must never be read.\n")
    os.symlink(outside, content / "link-outside.txt")
    os.symlink(".", content / "loop")
    os.mkfifo(content / "pipe.txt")
    with open(content / "huge.txt", "wb") as fh:
        fh.truncate(50_000_000)
    (content / "one-line.txt").write_text("word " * 1_000_000)
    (content / "<img src=x onerror=alert('name')>.txt").write_text(
        (CASES / "good-plain.txt").read_text().replace("The River Lenn burst", "In a file with a hostile name the River Lenn burst")
    )

    def stamps() -> dict[Path, int]:
        return {p: p.lstat().st_mtime_ns for p in root.rglob("*") if not {"site", CACHE, SPARE} & set(p.relative_to(root).parts)}

    before = stamps()
    result = run_cli("build", "--content", "content", "--site-dir", "site", "--edition", "e1", "-q", cwd=root)
    after = stamps()
    assert after == before, "the build wrote outside its site folder"
    assert sorted(p.name for p in root.iterdir() if p.name not in (CACHE, SPARE)) == ["content", "outside.txt", "site"]
    return root / "site", result


def test_hostile_folder_builds_every_good_article(hostile_build) -> None:
    site_dir, result = hostile_build
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    data = json.loads((site_dir / "e1" / "briefing.json").read_text(encoding="utf-8"))
    built = {a["path"] for a in data["articles"]}
    skipped = {s["path"]: s["reason"] for s in data["skipped"]}
    for name, expected in EXPECTED.items():
        if expected is None:
            assert name in built, f"{name}: {skipped.get(name)}"
        else:
            assert expected in skipped[name]
            assert f"warning: {name}: {skipped[name]}" in result.stderr
    assert "<img src=x onerror=alert('name')>.txt" in built
    for name in ("link-outside.txt", "loop", "pipe.txt", "huge.txt", "one-line.txt"):
        assert skipped[name], name
    assert "Outside text" not in (site_dir / "e1" / "briefing.json").read_text(encoding="utf-8")
    assert f"{len(skipped)} skipped" in result.stdout


def test_no_page_runs_article_text(hostile_build) -> None:
    site_dir, _ = hostile_build
    pages = list((site_dir / "e1").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert live_content(html) == [], page
        assert "<script>alert" not in html and "</title><script>" not in html, page
    # The search index holds the page's text as text (pagefind reads the DOM); briefgen.js shows excerpts
    # escaped, keeping only pagefind's <mark>s.
    docs = search_docs(site_dir / "e1")
    assert any("<script>alert('title')</script> Flood <b>update</b>" in d["content"] for d in docs)
    script = (site_dir / "e1" / "assets" / "briefgen.js").read_text(encoding="utf-8")
    assert "function excerptHtml" in script and ".innerHTML = items" in script
    article = next((site_dir / "e1" / "articles").glob("hostile-template-syntax-*/index.html")).read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in article and "49 million" not in article and "{% raw %}" in article
    title_page = next((site_dir / "e1" / "articles").glob("hostile-script-title-*/index.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert('title')&lt;/script&gt; Flood &lt;b&gt;update&lt;/b&gt;" in title_page
    assert re.search(r"<title>&lt;script&gt;alert\('title'\)", title_page)


def test_no_pdf_runs_article_text(hostile_build) -> None:
    site_dir, _ = hostile_build
    pdfs = list((site_dir / "e1" / "pdf").glob("*.pdf"))
    assert pdfs
    text = ""
    for pdf in pdfs:
        data = pdf.read_bytes()
        for action in (b"/JavaScript", b"/JS ", b"/Launch", b"/OpenAction", b"javascript:"):
            assert action not in data, (pdf, action)
        if shutil.which("pdftotext"):
            text += subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    if shutil.which("pdftotext"):
        assert "<script>alert('title')</script>" in text  # shown as the text it is
        assert "{{ 7*7 }}" in text


# --- exit codes --------------------------------------------------------------------------------------


def _content(root: Path, names: list[str]) -> Path:
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(CASES / name, content / name)
    return content


def test_warnings_exit_zero_strict_and_nothing_built_exit_one(tmp_path: Path) -> None:
    content = _content(tmp_path, [*GOOD, "empty.txt", "front-matter-date-tomorrow.md"])
    args = ["build", "--content", str(content), "--site-dir", str(tmp_path / "site"), "--no-pdf", "-q"]
    ok = CliRunner().invoke(main, [*args, "--edition", "e1"])
    assert ok.exit_code == 0, ok.output
    assert "warning: empty.txt: the file is empty" in ok.output
    assert "3 articles, 2 skipped" in ok.output
    before = tree(tmp_path / "site")

    strict = run_cli(*args, "--edition", "e2", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert strict.stderr.startswith("Error: 2 file(s) could not be built (strict mode); the site is unchanged:")
    assert "  front-matter-date-tomorrow.md: line 3: front matter 'date': 'tomorrow' is not a date" in strict.stderr
    assert "Traceback" not in strict.stderr
    assert tree(tmp_path / "site") == before

    bad = _content(tmp_path / "bad", ["empty.txt", "image.png"])
    nothing = run_cli("build", "--content", str(bad), "--site-dir", str(tmp_path / "site"), "--no-pdf", "--edition", "e3", cwd=tmp_path)
    assert nothing.returncode == 1
    assert "no article could be built; the site is unchanged:" in nothing.stderr
    assert "  image.png: not a supported article format (.png)" in nothing.stderr
    assert tree(tmp_path / "site") == before


def test_a_second_build_meets_the_lock(tmp_path: Path) -> None:
    content = _content(tmp_path, GOOD)
    site_dir = tmp_path / "site"
    args = ["build", "--content", str(content), "--site-dir", str(site_dir), "--no-pdf", "-q", "--edition", "e1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    before = tree(site_dir)
    with open(site_dir / site.LOCK_NAME, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        second = run_cli(*args, cwd=tmp_path)
    assert second.returncode == 1
    assert second.stderr.strip() == f"Error: {site_dir}: another briefgen build is running on this site; try again when it ends"
    assert tree(site_dir) == before


# --- atomic publish ---------------------------------------------------------------------------------


def _fake_edition(root: Path, name: str, text: str) -> Path:
    built = root / f"built-{name}"
    (built / "stories").mkdir(parents=True)
    (built / "index.html").write_text(f"<p>{text}</p>")
    (built / "briefing.json").write_text(json.dumps({"edition": name, "text": text}))
    (built / "stories" / "a.html").write_text(text * 3)
    return built


def _versions(*names: str) -> list[dict[str, Any]]:
    return [{"version": n, "title": n, "aliases": ["latest"] if i == 0 else []} for i, n in enumerate(sorted(names, reverse=True))]


def _old_site(root: Path) -> Path:
    site_dir = root / "site"
    with site.site_lock(site_dir):
        site.publish(site_dir, "e1", _fake_edition(root, "e1", "first"), _versions("e1"))
    (site_dir / "user-notes.txt").write_text("kept")  # not ours, still carried along
    os.symlink("e1", site_dir / "first")
    return site_dir


_HOOKED = [
    (os, "rename"),
    (os, "replace"),
    (os, "link"),
    (os, "symlink"),
    (os, "mkdir"),
    (os, "unlink"),
    (os, "rmdir"),
    (shutil, "copy2"),
    (Path, "write_text"),
    (site, "_exchange"),
]


def _publish_killed_at(step: int, root: Path, edition: str) -> bool:
    """Publish in a child process that kills itself with SIGKILL before its ``step``-th file system change.

    Returns True when the child was killed, False when it finished first.
    """
    built = _fake_edition(root, f"{edition}-new", "second")
    pid = os.fork()
    if pid == 0:  # child
        try:
            count = 0

            def hook(real: Callable[..., Any]) -> Callable[..., Any]:
                def call(*args: Any, **kwargs: Any) -> Any:
                    nonlocal count
                    count += 1
                    if count == step:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return real(*args, **kwargs)

                return call

            for owner, name in _HOOKED:
                setattr(owner, name, hook(getattr(owner, name)))
            with site.site_lock(root / "site"):
                site.publish(root / "site", edition, built, _versions("e1", edition))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    shutil.rmtree(built, ignore_errors=True)
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


@pytest.mark.parametrize("edition", ["e1", "e2"])  # replace the edition in place, or add a new one
def test_publish_killed_at_every_step_leaves_old_or_new_site(tmp_path: Path, edition: str) -> None:
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    old_site = _old_site(pristine)
    old = tree(old_site)
    lock_inode = (old_site / site.LOCK_NAME).stat().st_ino
    assert not _publish_killed_at(0, pristine, edition)  # a run that is not killed gives the new site
    new = tree(old_site)
    assert new != old and new["user-notes.txt"] == b"kept"
    assert json.loads(new[f"{edition}/briefing.json"]) == {"edition": f"{edition}-new", "text": "second"}
    assert (old_site / site.LOCK_NAME).stat().st_ino == lock_inode  # the same lock file: a build waiting on it still waits
    assert sorted(p.name for p in pristine.iterdir()) == [SPARE, "site"]  # nothing else left beside the site

    killed_states = set()
    step = 1
    while True:
        root = tmp_path / f"run{step}"
        root.mkdir()
        root_site = _old_site(root)
        assert tree(root_site) == old
        if not _publish_killed_at(step, root, edition):
            break
        after = tree(root_site)
        assert after in (old, new), f"killed before step {step}: the site is neither the old nor the new one"
        killed_states.add("new" if after == new else "old")
        # the next build cleans what the killed one left beside the site
        assert not _publish_killed_at(0, root, edition)
        assert tree(root_site) == new
        assert sorted(p.name for p in root.iterdir()) == [SPARE, "site"]
        shutil.rmtree(root)
        step += 1
    assert step > 10 and killed_states == {"old", "new"}


def test_publish_without_atomic_swap_still_publishes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_dir = _old_site(tmp_path)

    def refuse(a: Path, b: Path) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(site, "_exchange", refuse)
    site.publish(site_dir, "e2", _fake_edition(tmp_path, "e2", "second"), _versions("e1", "e2"))
    assert json.loads((site_dir / "e2" / "briefing.json").read_text())["text"] == "second"
    assert json.loads((site_dir / "versions.json").read_text())[0]["version"] == "e2"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


KILL_AT_STAGE = """
import os, signal, sys
from briefgen.config import load_config
from briefgen.pipeline import build
stage = sys.argv[1]
def progress(name, done, total):
    if name == stage:
        os.kill(os.getpid(), signal.SIGKILL)
build(load_config(content_dir="content", site_dir="site", edition="e1", pdf=stage == "pdf"), progress=progress)
"""


def test_build_killed_at_each_stage_leaves_the_site_whole(tmp_path: Path) -> None:
    _content(tmp_path, GOOD)
    first = run_cli("build", "--content", "content", "--site-dir", "site", "--edition", "e1", "--no-pdf", "-q", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    (tmp_path / "content" / "good-library.txt").unlink()  # the next build would change the edition
    before = tree(tmp_path / "site")
    for stage in ("ingest", "analyze", "summarize", "pdf", "render", "mkdocs"):
        killed = subprocess.run([sys.executable, "-c", KILL_AT_STAGE, stage], cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert killed.returncode == -signal.SIGKILL, (stage, killed.stderr)
        assert tree(tmp_path / "site") == before, stage
    states = []
    for delay in (0.5, 2.0):  # and at moments of the clock, as a person would: the site is old or new, never half
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefgen", "build", "--content", "content", "--site-dir", "site", "--edition", "e1", "--no-pdf", "-q"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.kill()
        proc.wait()
        states.append(tree(tmp_path / "site"))
    last = run_cli("build", "--content", "content", "--site-dir", "site", "--edition", "e1", "--no-pdf", "-q", cwd=tmp_path)
    assert last.returncode == 0, last.stderr
    final = tree(tmp_path / "site")
    assert final != before
    for state in states:
        assert state in (before, final)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in (CACHE, SPARE)) == ["content", "site"]  # leftovers: gone


def test_publish_links_only_the_newest_edition_into_the_spare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The site the last publish replaced is kept beside (hard links): the next publish adds what changed since,
    so its work does not grow with the number of editions."""
    site_dir = tmp_path / "site"
    with site.site_lock(site_dir):
        for k in (1, 2):
            site.publish(site_dir, f"e{k}", _fake_edition(tmp_path, f"e{k}", f"text {k}"), _versions(*(f"e{j}" for j in range(1, k + 1))))
    linked: list[str] = []
    real_link = os.link
    monkeypatch.setattr(os, "link", lambda src, dst, **kw: (linked.append(str(dst)), real_link(src, dst, **kw))[1])
    with site.site_lock(site_dir):
        site.publish(site_dir, "e3", _fake_edition(tmp_path, "e3", "text 3"), _versions("e1", "e2", "e3"))
    # (an edition's folder is linked under a hidden name, then renamed into place)
    editions = {m.group(1) for path in linked if (m := re.search(r"/(?:\.briefgen-partial-)?(e\d)/", path))}
    assert editions == {"e2"}  # e1 was in the spare
    assert {p.name for p in site_dir.iterdir()} >= {"e1", "e2", "e3", "versions.json", "index.html", "latest"}
    for k in (1, 2, 3):
        assert json.loads((site_dir / f"e{k}" / "briefing.json").read_text())["text"] == f"text {k}"
    spare = tmp_path / SPARE
    assert sorted(p.name for p in spare.iterdir() if p.name.startswith("e")) == ["e1", "e2"]  # the site before e3


def test_latest_serves_the_newest_edition_at_every_path(tmp_path: Path) -> None:
    site_dir = _old_site(tmp_path)
    (site_dir / "latest").unlink()  # as older versions left it: a folder with a redirect page
    (site_dir / "latest").mkdir()
    (site_dir / "latest" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=../e1/">')
    with site.site_lock(site_dir):
        site.publish(site_dir, "e2", _fake_edition(tmp_path, "e2", "second"), _versions("e1", "e2"))
    assert (site_dir / "latest").is_symlink() and os.readlink(site_dir / "latest") == "e2"
    assert (site_dir / "latest" / "stories" / "a.html").read_text() == "second" * 3
    assert "e2/" in (site_dir / "index.html").read_text()  # the root still redirects to the newest edition


def test_latest_never_removes_a_folder_briefgen_did_not_make(tmp_path: Path) -> None:
    site_dir = _old_site(tmp_path)
    (site_dir / "latest").unlink()
    (site_dir / "latest").mkdir()
    (site_dir / "latest" / "mine.txt").write_text("keep")
    with site.site_lock(site_dir), pytest.raises(BuildError, match="did not make"):
        site.publish(site_dir, "e2", _fake_edition(tmp_path, "e2", "second"), _versions("e1", "e2"))
    assert (site_dir / "latest" / "mine.txt").read_text() == "keep"
