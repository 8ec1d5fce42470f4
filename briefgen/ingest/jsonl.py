"""JSON Lines files (.jsonl, .ndjson) -> one Article per line.

Each line is an object ``{"title", "text", "date", "source", "url"}`` (``author``
and ``section`` too, if present; other keys are ignored, as exports carry many). Only ``text``
is required. An article's id is ``path#n`` where n is its line number, so a
reported id points at the line to fix and stays put when an earlier line is
fixed. A bad line is reported with its number and the other lines still build.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from briefgen.ingest.errors import Invalid as _Invalid
from briefgen.ingest.text import _Meta, parse_date, parse_text
from briefgen.models import Article, Skipped
from briefgen.text.urls import web_address

log = logging.getLogger(__name__)

_TEXT_KEYS = ("title", "source", "url", "author", "section")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


def read_jsonl(text: str, rel: str) -> Iterator[Article | Skipped]:
    """Decoded JSON Lines -> an Article per line, or a Skipped naming the line that cannot be built."""
    found = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        entry_id = f"{rel}#{lineno}"
        try:
            yield _line_article(line, entry_id)
        except _Invalid as exc:  # ingest() logs and reports it
            yield Skipped(entry_id, f"line {lineno}: {exc}")
        except Exception as exc:  # a bug meeting an odd value costs its line, not the file
            log.debug("%s: unexpected error", entry_id, exc_info=True)
            reason = f"could not be read: unexpected {type(exc).__name__}: {_short(str(exc))} (please report this)"
            yield Skipped(entry_id, f"line {lineno}: {reason}")
    if not found:
        raise _Invalid("no lines: an empty JSON Lines file")


def _line_article(line: str, entry_id: str) -> Article:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Invalid(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise _Invalid("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # a number of over 4,300 digits, and the like
        raise _Invalid(f"invalid JSON value: {_short(str(exc))}") from None
    if not isinstance(data, dict):
        raise _Invalid(f'expected an object {{"title": ..., "text": ...}}, got {type(data).__name__}')
    body = data.get("text")
    if not isinstance(body, str) or not body.strip():
        raise _Invalid("'text' is missing or empty" if body in (None, "") else f"'text': {_short(body)} is not text")
    values: dict[str, str | None] = {}
    for key in _TEXT_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or (key != "title" and not isinstance(value, str)):
            raise _Invalid(f"'{key}': {_short(value)} is not text")
        values[key] = " ".join(_CONTROLS.sub("", str(value)).split()) or None
    raw_date = data.get("date")
    if raw_date is not None and raw_date != "":
        values["date"] = parse_date(raw_date) if isinstance(raw_date, str) else None
        if values["date"] is None:
            raise _Invalid(f"'date': {_short(raw_date)} is not a date (use YYYY-MM-DD)")
    url = values.get("url")
    if url and not web_address(url):
        raise _Invalid(f"'url': {_short(url)} is not an http(s) address")
    body = _CONTROLS.sub("", body.replace("\r\n", "\n").replace("\r", "\n"))
    if "\n\n" not in body.strip():
        body = body.replace("\n", "\n\n")  # exports often separate paragraphs with single newlines
    return parse_text(body, entry_id, _Meta(**values), "jsonl")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
