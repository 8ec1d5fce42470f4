"""The golden site (tests/golden.py): a fresh build of fixed inputs equals the committed expected tree.

After an intended change to the output: ``python -m tests.golden --update``, then review ``git diff``.
"""

from __future__ import annotations

from pathlib import Path

from . import golden


def test_golden_site_matches_the_expected_tree(tmp_path: Path) -> None:
    site = golden.build(tmp_path)
    assert golden.missing(site) == []
    wanted = golden.expected()
    assert wanted, f"{golden.EXPECTED} is empty: run {golden.UPDATE}"
    report = golden.differences(golden.outputs(site), wanted)
    assert not report, golden.failure(report)


def test_the_comparison_sees_a_changed_byte_a_new_file_and_a_missing_one() -> None:
    wanted = {"site/a.html": b"<p>one</p>\n", "site/b.json": b"{}\n"}
    actual = {"site/a.html": b"<p>two</p>\n", "site/c.html": b""}
    report = golden.differences(actual, wanted)
    assert len(report) == 3
    assert "-<p>one</p>" in report[0] and "+<p>two</p>" in report[0]
    assert report[1] == "missing from the build: site/b.json"
    assert report[2].startswith("new file") and report[2].endswith("site/c.html")
    message = golden.failure(report)
    assert message.startswith("the golden site differs from tests/data/expected in 3 file(s)")
    assert message.count("python -m tests.golden --update") == 2 and "-<p>one</p>" in message


def test_the_expected_tree_stays_small() -> None:
    size = sum(p.stat().st_size for p in golden.EXPECTED.rglob("*") if p.is_file())
    assert size < 512 * 1024, f"{golden.EXPECTED} holds {size} bytes: compare fewer pages"
