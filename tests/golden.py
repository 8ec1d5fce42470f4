"""The golden site: a small briefing built from fixed inputs, compared file by file with a committed tree.

Pelican's pattern (tests/output/basic): whole output files, not substrings, so any change to what a
reader sees shows up as a diff. The inputs are the two seed articles (content/) and four ECB+ dev
articles already kept as fixtures (tests/data/ecb/, see tests/data/ecb-README.md): three stories.

After an intended change to the output, regenerate the expected tree with ONE command and review
the diff in git::

    python -m tests.golden --update

``python -m tests.golden`` alone builds and prints the differences without writing anything.

What is compared, byte for byte (``COMPARED``): the pages briefgen writes (home, stories, articles,
changes, archive, entity index, confidence, build report), briefing.json, versions.json and the
root redirect. ``files.txt`` lists every other output path, so a page that appears or goes missing
shows too. Not compared: ``assets/`` (mkdocs-material's and our own static files, copied unchanged;
2.6 MB) and ``pagefind/`` (the search index: binary, compressed, 230 kB, named by content hashes,
so its bytes say nothing a reader could review; the text it indexes is in the compared pages). For
those only their presence is checked (``PRESENT``). The build is run with PDFs off, a fixed edition
name and SOURCE_DATE_EPOCH, a fresh cache and no settings file, so two builds are byte-identical.
"""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "data" / "expected"
INPUTS = (
    ROOT / "content" / "000_93218e4d7ac54160.txt",
    ROOT / "content" / "002_c7be52fe89aa2b02.txt",
    ROOT / "tests" / "data" / "ecb" / "1_1ecb.txt",
    ROOT / "tests" / "data" / "ecb" / "1_2ecb.txt",
    ROOT / "tests" / "data" / "ecb" / "1_1ecbplus.md",
    ROOT / "tests" / "data" / "ecb" / "1_2ecbplus.md",
)
EDITION = "2023-07-25"
EPOCH = "1690243200"  # 2023-07-25 00:00 UTC, the seeds' date
COMPARED = (
    "index.html",
    "versions.json",
    f"{EDITION}/index.html",
    f"{EDITION}/briefing.json",
    f"{EDITION}/stories/*/index.html",
    f"{EDITION}/articles/*/index.html",
    f"{EDITION}/changes/index.html",
    f"{EDITION}/archive/index.html",
    f"{EDITION}/entities/index.html",
    f"{EDITION}/confidence/index.html",
    f"{EDITION}/report/index.html",
)
NOT_LISTED = (f"{EDITION}/assets/*", f"{EDITION}/pagefind/*", ".briefgen.lock")
PRESENT = (
    f"{EDITION}/assets/briefgen.css",
    f"{EDITION}/assets/briefgen.js",
    f"{EDITION}/pagefind/pagefind.js",
    f"{EDITION}/pagefind/pagefind-entry.json",
    f"{EDITION}/pagefind/fragment/*",
    f"{EDITION}/pagefind/index/*",
)
LISTING = "files.txt"
TREE = "site"


def build(work: Path) -> Path:
    """Build the golden inputs with the CLI, as a user would, into ``work``/site; return the site folder."""
    content = work / "content"
    content.mkdir(parents=True)
    for path in INPUTS:
        shutil.copyfile(path, content / path.name)
    site = work / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "briefgen",
        "build",
        "--content",
        str(content),
        "--site-dir",
        str(site),
        "--cache-dir",
        str(work / "cache"),
        "--edition",
        EDITION,
        "--no-pdf",
        "--quiet",
    ]
    # cwd=work: no briefgen.yml there, so only the defaults apply.
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"golden build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return site


def _all_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    # fnmatch's * crosses "/", so "stories/*/index.html" also matches deeper paths; that is wanted here.
    return any(fnmatch.fnmatchcase(rel, pattern) for pattern in patterns)


def outputs(site: Path) -> dict[str, bytes]:
    """The compared files of a built site and the listing of the rest, keyed by path in the expected tree."""
    files = _all_files(site)
    chosen = {f"{TREE}/{rel}": (site / rel).read_bytes() for rel in files if _matches(rel, COMPARED)}
    listed = [rel for rel in files if not _matches(rel, NOT_LISTED)]
    chosen[LISTING] = "".join(f"{rel}\n" for rel in listed).encode()
    return chosen


def missing(site: Path) -> list[str]:
    """Patterns of ``PRESENT`` that no file of the built site matches."""
    files = _all_files(site)
    return [pattern for pattern in PRESENT if not any(fnmatch.fnmatchcase(rel, pattern) for rel in files)]


def expected() -> dict[str, bytes]:
    if not EXPECTED.is_dir():
        return {}
    return {p.relative_to(EXPECTED).as_posix(): p.read_bytes() for p in sorted(EXPECTED.rglob("*")) if p.is_file()}


def differences(actual: dict[str, bytes], wanted: dict[str, bytes]) -> list[str]:
    """A unified diff per differing file (text), or one line per file only on one side."""
    report = []
    for rel in sorted(set(actual) | set(wanted)):
        if rel not in wanted:
            report.append(f"new file (not in {EXPECTED.relative_to(ROOT)}): {rel}")
        elif rel not in actual:
            report.append(f"missing from the build: {rel}")
        elif actual[rel] != wanted[rel]:
            diff = difflib.unified_diff(
                wanted[rel].decode(errors="replace").splitlines(),
                actual[rel].decode(errors="replace").splitlines(),
                f"expected/{rel}",
                f"built/{rel}",
                lineterm="",
                n=1,
            )
            report.append("\n".join(diff))
    return report


UPDATE = "python -m tests.golden --update"


def failure(report: list[str]) -> str:
    """What a developer reads when the build and the expected tree differ: which files, the diffs, and
    what to do (the regenerate command first and last, so it shows however long the diffs are)."""
    todo = (
        f"If the change is intended, regenerate the expected tree with `{UPDATE}` (from the repository root) "
        f"and review `git diff {EXPECTED.relative_to(ROOT)}` before committing it. If not, the diffs show what your change broke."
    )
    head = f"the golden site differs from {EXPECTED.relative_to(ROOT)} in {len(report)} file(s). {todo}"
    return "\n\n".join([head, *report, todo])


def write(actual: dict[str, bytes]) -> None:
    """Replace the expected tree (only tests/data/expected/, which this module owns) with ``actual``."""
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    for rel, data in actual.items():
        path = EXPECTED / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help=f"rewrite {EXPECTED.relative_to(ROOT)} from a fresh build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="briefgen-golden-") as tmp:
        site = build(Path(tmp))
        absent = missing(site)
        if absent:
            print("built site lacks: " + ", ".join(absent), file=sys.stderr)
            return 1
        actual = outputs(site)
    if args.update:
        write(actual)
        size = sum(len(data) for data in actual.values())
        print(f"wrote {len(actual)} files ({size // 1024} kB) to {EXPECTED.relative_to(ROOT)}; review with git diff")
        return 0
    report = differences(actual, expected())
    print(failure(report) if report else "golden site matches")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
