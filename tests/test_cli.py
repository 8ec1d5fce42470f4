"""The command line: exact options, one-line errors, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from briefgen.cli import main

from .conftest import SEEDS


def test_build_options_are_the_documented_ones() -> None:
    from briefgen.cli import build

    options = {o for p in build.params for o in p.opts}
    assert {"--content", "--site-dir", "--edition", "--no-pdf", "--strict"} <= options


def test_build_seeds(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--content", str(SEEDS), "--site-dir", str(tmp_path / "site"), "--edition", "e1", "--no-pdf", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "Built edition e1: 2 stories from 2 articles"  # two events weeks apart: two stories in result.output
    assert (tmp_path / "site" / "e1" / "briefing.json").is_file()
    assert not (tmp_path / "site" / "e1" / "pdf").exists()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_missing_content_is_one_line_without_traceback(tmp_path: Path) -> None:
    result = run_cli("build", "--content", "nowhere", "--site-dir", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: nowhere: content folder not found; put the articles in a folder and pass it with --content"
    assert "Traceback" not in result.stderr
    assert sorted(tmp_path.iterdir()) == []  # checked before anything was created: no site, lock or cache


def test_nothing_buildable_fails_and_strict_fails_on_skipped(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "empty.txt").write_text("")
    result = run_cli("build", "--content", "content", "--site-dir", "site", "--no-pdf", cwd=tmp_path)
    assert result.returncode == 1
    assert "no article could be built" in result.stderr and "Traceback" not in result.stderr
    (content / "good.txt").write_text((SEEDS / "000_93218e4d7ac54160.txt").read_text(encoding="utf-8"))
    result = run_cli("build", "--content", "content", "--site-dir", "site", "--no-pdf", "--edition", "x", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning: empty.txt:" in result.stderr
    result = run_cli("build", "--content", "content", "--site-dir", "site2", "--no-pdf", "--strict", cwd=tmp_path)
    assert result.returncode == 1 and "empty.txt" in result.stderr


def test_bad_setting_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "briefgen.yml").write_text("summary_words: many\n")
    result = run_cli("build", "--content", str(SEEDS), cwd=tmp_path)
    assert result.returncode == 1
    assert "summary_words" in result.stderr and "Traceback" not in result.stderr


def test_serve_previews_the_site_over_http(tmp_path: Path) -> None:
    import socket
    import time
    import urllib.request

    site = tmp_path / "site"
    (site / "e1").mkdir(parents=True)
    (site / "versions.json").write_text('[{"version": "e1", "title": "e1", "aliases": ["latest"]}]')
    (site / "e1" / "index.html").write_text("<h1>edition one</h1>")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "serve", "--site-dir", str(site), "--port", str(port)])
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/e1/", timeout=2) as resp:
                    assert b"edition one" in resp.read()
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("briefgen serve did not answer")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_without_a_site_says_so(tmp_path: Path) -> None:
    result = run_cli("serve", "--site-dir", "nosite", cwd=tmp_path)
    assert result.returncode == 1
    assert "no built site here" in result.stderr
