"""Pages for retired story ids: when an edition merges two published stories, the id that is
retired keeps working. ``stories/<old-id>/`` becomes a small page that points to the story it
became (briefing.json's ``merged`` holds the same pairs). Written into the built site after the
story pages; a page of a live story is never replaced.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Story moved</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body><main><p>This story is now part of another story: <a href="{href}">{new}</a>.</p></main></body></html>
"""


_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,80}")


def write_merged_pages(site: Path, merged: Sequence[tuple[str, str]]) -> list[Path]:
    """``site/stories/<old>/index.html`` pointing to ``../<new>/`` for each (old id, new id); returns the pages written."""
    written = []
    for old, new in merged:
        if not (_ID.fullmatch(old) and _ID.fullmatch(new)):
            continue  # ids are slugs (text.slugs.story_slug); anything else did not come from briefgen
        folder = site / "stories" / old
        if (folder / "index.html").exists() or not (site / "stories" / new / "index.html").is_file():
            continue  # a live story's page stays; a target with no page gets no pointer to nowhere
        folder.mkdir(parents=True, exist_ok=True)
        href = html.escape(f"../{new}/", quote=True)
        (folder / "index.html").write_text(PAGE.format(href=href, new=html.escape(new)), encoding="utf-8")
        written.append(folder / "index.html")
    return written
