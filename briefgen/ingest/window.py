"""Editions over a window (setting ``edition_window_days``): which articles an edition reads.

An edition over the last N days holds the stories with an article in those days; to group them it
reads the N days before as well (the lookback), so a story running into the window keeps its recent
articles. Older articles stay in the earlier editions that hold them: a daily edition's work grows
with the window, not with the archive. Even ingest looks at an old file only to see that it is
unchanged: a file-dates index in the cache keeps each file's size, modification time and newest
article date as the last build found them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence

from briefgen import ingest
from briefgen.cache import Cache, code_fingerprint, digest
from briefgen.config import BuildConfig
from briefgen.models import Article, Skipped


def window(dates: Sequence[str | None], days: int) -> tuple[str, str] | None:
    """The dates (first day, first day of the lookback) of an edition over the last ``days`` days, counted back
    from the newest article's date (not the build's, so a rebuild of the same articles is the same edition);
    None when ``days`` is 0 (every article) or no article is dated."""
    known = [d[:10] for d in dates if d]
    if not days or not known:
        return None
    newest = dt.date.fromisoformat(max(known))
    first = newest - dt.timedelta(days=days - 1)
    return first.isoformat(), (first - dt.timedelta(days=days)).isoformat()


def read(
    config: BuildConfig, cache: Cache, fp: str, progress: Callable[[int, int], None] | None = None, keys: dict[str, str] | None = None
) -> tuple[list[Article], list[Skipped]]:
    """The articles of the edition's window and lookback (every article when the setting is 0; undated
    ones, which cannot be placed, always), and the files that could not be built.

    A file unchanged since a build found that it holds only articles older than the lookback is not read
    again (a newer article can only move the window on, never back); when the newest files were removed
    or changed so that the window moves back, every file is read. ``keys`` receives each article's
    ``ingest.article_key`` by id.
    """
    days = config.edition_window_days
    if not days:
        return ingest.ingest(config, cache, fp, progress, keys=keys)
    index = digest(fp, code_fingerprint(__name__), "file dates")  # this module's rule is part of what the index means
    known: dict[str, tuple[int, int, str | None]] = cache.load("dates", index) or {}
    before = window([entry[2] for entry in known.values()], days)
    seen: dict[str, tuple[int, int]] = {}
    read: set[str] = set()

    def select(rel: str, info: os.stat_result) -> bool:
        seen[rel] = (info.st_size, info.st_mtime_ns)
        entry = known.get(rel)
        if before and entry and entry[:2] == seen[rel] and entry[2] is not None and entry[2] < before[1]:
            return False
        read.add(rel)
        return True

    articles, skipped = ingest.ingest(config, cache, fp, progress, select, keys)
    now = window([a.date for a in articles] + [known[rel][2] for rel in seen.keys() - read], days)
    if before and now and now[1] < before[1]:  # the newest files were removed or changed: the window moved back
        read = set(seen)
        articles, skipped = ingest.ingest(config, cache, fp, progress, keys=keys)
    newest: dict[str, str | None] = {}
    for a in articles:
        rel = a.id if a.id in seen else a.id.rpartition("#")[0]  # a feed's or JSON Lines file's entries: path#n
        day = a.date[:10] if a.date else None
        newest[rel] = None if day is None or (rel in newest and newest[rel] is None) else max(day, newest.get(rel) or day)
    dates = {rel: (*seen[rel], newest.get(rel)) if rel in read else known[rel] for rel in seen}
    if dates != known:
        cache.store("dates", index, dates)
    else:
        cache.keep("dates", index)
    span = window([a.date for a in articles], days)
    if span:  # undated articles cannot be placed before the lookback
        articles = [a for a in articles if not a.date or a.date[:10] >= span[1]]
    return articles, skipped
