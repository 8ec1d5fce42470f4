"""Editions: the previous edition's briefing.json as memory, and what changed since it.

Each build is one edition in ``SITE/<edition>/``; ``SITE/versions.json`` lists
them newest first in mike's format, which mkdocs-material's version selector reads.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from briefgen import filestat
from briefgen.cache import Cache, code_fingerprint, digest
from briefgen.errors import BuildError
from briefgen.models import Changes, Citation, StoryBrief

log = logging.getLogger(__name__)

_EDITION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except ValueError:
            raise BuildError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None
    return dt.datetime.now(tz=dt.UTC)


def reproducible_epoch(edition: str, dates: Sequence[str | None]) -> int:
    """SOURCE_DATE_EPOCH if set; else midnight UTC of a date-named edition or of the newest article.

    mkdocs stamps the sitemap with the build time; pinning it to the edition makes
    the same inputs give the same bytes on any day.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return int(build_time().timestamp())
    for candidate in (edition, max((d for d in dates if d), default=None)):
        try:
            day = dt.date.fromisoformat(str(candidate)[:10])
        except ValueError:
            continue
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    return 0


#: Names at the top of a site folder that are not editions: briefgen's own and those static hosts read.
RESERVED = frozenset({"latest", "versions.json", "index.html", "404.html", "cname", "robots.txt", "sitemap.xml", "favicon.ico"})
#: An edition is a folder: a name ending like a web file would be served as one.
_FILE_SUFFIXES = (".html", ".htm", ".json", ".xml", ".txt", ".gz", ".ico")


def edition_name(name: str | None) -> str:
    """The edition's folder name: given, or the build date (UTC)."""
    if name is not None and not name.strip():
        raise BuildError("edition name is empty: leave --edition out for the build date, or give a name such as 2026-11-21")
    name = name or build_time().date().isoformat()
    if not _EDITION.match(name) or ".." in name:
        raise BuildError(f"edition name {name!r}: use letters, digits, '.', '_' and '-' only (for example 2026-11-21)")
    if name.casefold() in RESERVED or name.casefold().endswith(_FILE_SUFFIXES):
        raise BuildError(f"edition name {name!r} is reserved (the site's own files use it); choose another, for example 2026-11-21")
    return name


def read_versions(site_dir: Path) -> list[dict[str, Any]]:
    path = site_dir / "versions.json"
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{path}: cannot read the list of editions: {exc}") from None
    if not isinstance(data, list):
        raise BuildError(f"{path}: expected a list of editions")
    return [v for v in data if isinstance(v, dict) and isinstance(v.get("version"), str)]


def previous_edition(site_dir: Path, edition: str) -> tuple[str, dict[str, Any]] | None:
    """The newest other edition and its briefing.json, if any."""
    for entry in read_versions(site_dir):
        name = entry["version"]
        if name == edition:
            continue
        path = site_dir / name / "briefing.json"
        try:
            return name, json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("%s: cannot read previous edition's briefing (%s); ids start afresh", path, exc)
            return None
    return None


def previous_stories(previous: Mapping[str, Any] | None) -> dict[str, list[str]]:
    if not previous:
        return {}
    return {s["id"]: list(s.get("articles", [])) for s in previous.get("stories", []) if isinstance(s, dict) and "id" in s}


#: (story brief, its questions in the previous edition's briefing.json, its new article ids) -> (question, answer)
Resolver = Callable[[StoryBrief, Sequence[Mapping[str, Any]], set[str]], list[tuple[str, Citation]]]


def compute_changes(
    previous_name: str | None,
    previous: Mapping[str, Any] | None,
    article_ids: Sequence[str],
    stories: Sequence[StoryBrief],
    resolve: Resolver | None = None,
) -> Changes:
    """What a returning reader needs: new articles and stories, updates, answered questions.

    A question of the previous edition counts as answered only when ``resolve`` finds a new article of
    its story that answers it (questions.resolved_questions); one merely gone from the list (outranked,
    or no longer detected) is a dropped question.
    """
    if previous is None:
        return Changes(None, tuple(sorted(article_ids)), tuple(sb.story.id for sb in stories), ())
    old_articles = {a.get("path") for a in previous.get("articles", []) if isinstance(a, dict)}
    old_stories = {s["id"]: s for s in previous.get("stories", []) if isinstance(s, dict) and "id" in s}
    new_articles = tuple(sorted(a for a in article_ids if a not in old_articles))
    fresh = set(new_articles)
    new_stories, updated, new_summary = [], [], []
    for sb in stories:
        old = old_stories.get(sb.story.id)
        if old is None:
            new_stories.append(sb.story.id)
        elif fresh.intersection(sb.story.articles):
            updated.append(sb.story.id)
            old_texts = {s.get("text") for s in old.get("summary", [])}
            new_summary.append((sb.story.id, tuple(s.citation.text for s in sb.summary if s.citation.text not in old_texts)))
    current_ids = {sb.story.id for sb in stories}
    quiet = tuple(sorted(old.get("title", sid) for sid, old in old_stories.items() if sid in current_ids and sid not in updated))
    old_entities = {e.get("name") for s in old_stories.values() for e in s.get("entities", [])}
    new_entities = sorted({f.name for sb in stories for f in sb.facts if f.name not in old_entities})
    old_questions = {q.get("question") for s in old_stories.values() for q in s.get("questions", [])}
    current_questions = {q.question for sb in stories for q in sb.questions}
    answers: dict[str, Citation] = {}
    asked_in: dict[str, str] = {}
    for sb in stories:
        new_here = fresh.intersection(sb.story.articles)
        if resolve is not None and new_here and sb.story.id in old_stories:
            asked = [q for q in old_stories[sb.story.id].get("questions", []) if isinstance(q, dict)]
            for question, citation in resolve(sb, asked, new_here):
                if question not in current_questions:
                    answers.setdefault(question, citation)
                    asked_in.setdefault(question, sb.story.id)
    return Changes(
        previous=previous_name,
        new_articles=new_articles,
        new_stories=tuple(new_stories),
        updated_stories=tuple(updated),
        quiet_stories=quiet if fresh else (),
        new_entities=tuple(new_entities) if previous_name else (),
        new_questions=tuple(sorted(current_questions - old_questions)),
        answered_questions=tuple(sorted(answers)),
        new_summary=tuple(new_summary),
        answers=tuple(sorted(answers.items())),
        dropped_questions=tuple(sorted(q for q in old_questions - current_questions - set(answers) if q)),
        answered_in=tuple(sorted(asked_in.items())),
    )


def updated_versions(site_dir: Path, edition: str, title: str) -> list[dict[str, Any]]:
    """versions.json with ``edition`` first as 'latest'; editions are ordered by name, newest first."""
    entries = [v for v in read_versions(site_dir) if v["version"] != edition]
    for v in entries:
        v["aliases"] = [a for a in v.get("aliases", []) if a != "latest"]
    entries.append({"version": edition, "title": title, "aliases": []})
    entries.sort(key=lambda v: v["version"], reverse=True)
    entries[0]["aliases"] = ["latest"] + [a for a in entries[0]["aliases"] if a != "latest"]
    return [{"version": v["version"], "title": v.get("title", v["version"]), "aliases": v.get("aliases", [])} for v in entries]


def edition_counts(data: Mapping[str, Any]) -> list[int]:
    """An edition's story and article counts, from its briefing.json."""
    return [len(data.get("stories", [])), len(data.get("articles", []))]


def archive_rows(
    site_dir: Path,
    versions: Sequence[Mapping[str, Any]],
    edition: str,
    counts: tuple[int, int],
    cache: Cache | None = None,
    read: Mapping[str, list[int]] | None = None,
) -> list[dict[str, Any]]:
    """Editions up to and including this one, with their story and article counts.

    An earlier edition's counts are read from its briefing.json, or taken from ``cache`` (kind "archive") when a
    build read that file as it is now (``filestat``: an edition is written once, so after the first build that
    counts it, its file is not parsed again), or from ``read`` (edition -> ``edition_counts``) when this build
    parsed its file already (the previous edition's, for grouping's memory)."""
    started = filestat.now()
    code = code_fingerprint(__name__) if cache is not None else ""
    rows = []
    for v in versions:
        name = v["version"]
        if name > edition:
            continue
        if name == edition:
            stories, articles = counts
        else:
            path = site_dir / name / "briefing.json"
            try:
                info = path.stat()
                key = digest(code, name, *map(str, filestat.stamp(info)))
                known = cache.load("archive", key, expect=_is_counts) if cache is not None else None
                if known is None:
                    known = (read or {}).get(name) or edition_counts(json.loads(path.read_text(encoding="utf-8")))
                    if cache is not None and filestat.settled(info, started):
                        cache.store("archive", key, known)
                stories, articles = known
            except (OSError, ValueError):
                continue
        rows.append({"version": name, "stories": stories, "articles": articles})
    return rows


def _is_counts(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(x, int) for x in value)
