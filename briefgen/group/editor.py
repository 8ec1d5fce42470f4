"""``content/stories.yml``: the editor's word over the grouping.

The file is a mapping with up to four keys, all optional::

    titles:                   # story id -> the title to show
      s-1a2b3c4d: Wagner moves to Belarus
    articles:                 # article path -> story id (like `story:` in front matter; this file wins)
      feeds/wire.xml#3: wagner-belarus
    merge:                    # each list becomes one story, which keeps the id of its largest part
      - [s-1a2b3c4d, s-99aa00bb]
    split:                    # story id -> its articles that go to a new story of their own
      s-1a2b3c4d: [wire/2023-07-25.txt]

Story ids are the ones on the site (``stories/<id>/``) and in ``briefing.json``.
A merge or split that names a story or article not in this build is skipped
with a warning: stories come and go between editions, the file stays.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from briefgen.errors import BuildError
from briefgen.ingest.text import RESERVED_STORY_IDS
from briefgen.text.slugs import slug, story_slug

log = logging.getLogger(__name__)

KEYS = ("titles", "articles", "merge", "split")
#: Limits on the editor file, so a small file cannot take the build's memory or time: its size,
#: and the nodes it holds once YAML aliases are expanded (an alias counts as a copy of what it
#: names, so "a billion laughs" of nested aliases is refused before anything is built from it).
#: A hand-kept file of a few hundred stories is a few thousand nodes; the limits leave room for 50x.
MAX_BYTES = 1_000_000
MAX_NODES = 200_000


def load_yaml(text: str, where: str) -> Any:
    """The editor file's YAML, safely: no Python objects, and no more than MAX_NODES nodes counting alias copies."""
    import yaml

    if len(text.encode("utf-8")) > MAX_BYTES:
        raise BuildError(f"{where}: the editor file is over {MAX_BYTES:,} bytes; keep it to titles, pins, merges and splits")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise BuildError(f"{where}: invalid YAML: {_clip(str(exc))}") from None
    if node is None:
        return None
    size = _expanded_size(node)
    if size > MAX_NODES:
        raise BuildError(
            f"{where}: the editor file expands to more than {MAX_NODES:,} values (YAML aliases repeat what they "
            "name); write the entries out instead of repeating them with aliases"
        )
    try:
        return yaml.SafeLoader(text).get_single_data()
    except yaml.YAMLError as exc:
        raise BuildError(f"{where}: invalid YAML: {_clip(str(exc))}") from None


def _expanded_size(root: Any) -> int:
    """Nodes counted with every alias expanded, computed once per distinct node (linear in the file);
    a node that contains itself counts as too many."""
    import yaml

    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Any) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:  # recursive alias
            return MAX_NODES + 1
        active.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child)
                if total > MAX_NODES:
                    break
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
                if total > MAX_NODES:
                    break
        active.discard(key)
        sizes[key] = total
        return total

    return size(root)


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


EXAMPLE = {
    "titles": "titles: {s-1a2b3c4d: Wagner moves to Belarus}",
    "articles": "articles: {wire/a.txt: wagner-belarus}",
    "merge": "merge: [[s-1a2b3c4d, s-99aa00bb]]",
    "split": "split: {s-1a2b3c4d: [wire/a.txt]}",
}


def _text(value: Any) -> str | None:
    """Story ids and paths: text, or a bare number YAML read as one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)) and str(value).strip():
        return str(value).strip()
    return None


def validate_editor(data: Any, where: str = "stories.yml") -> dict[str, Any]:
    """Check the file's shape; every error names the key and shows the expected form."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BuildError(f"{where}: expected a mapping with any of the keys {', '.join(KEYS)}")
    unknown = sorted(str(k) for k in data if k not in KEYS)
    if unknown:
        raise BuildError(f"{where}: unknown key '{unknown[0]}' (expected any of {', '.join(KEYS)})")
    out: dict[str, Any] = {"titles": {}, "articles": {}, "merge": [], "split": {}}

    def bad(key: str, detail: str) -> BuildError:
        return BuildError(f"{where}: '{key}' {detail}; expected e.g. {EXAMPLE[key]}")

    for key in ("titles", "articles"):
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise bad(key, "must be a mapping")
        for k, v in value.items():
            name, target = _text(k), _text(v)
            if name is None or target is None:
                raise bad(key, f"entry {_clip(repr(k), 60)}: {_clip(repr(v), 60)} must map text to text")
            if key == "articles" and (not slug(target) or story_slug(target) in RESERVED_STORY_IDS):
                raise bad(key, f"entry {name!r}: {target!r} cannot be a story id (reserved, or no letters or digits)")
            out[key][name] = target
    merge = data.get("merge") or []
    if not isinstance(merge, list):
        raise bad("merge", "must be a list of lists of story ids")
    for n, entry in enumerate(merge, start=1):
        ids = [_text(x) for x in entry] if isinstance(entry, list) else []
        if len(ids) < 2 or any(x is None for x in ids):
            raise bad("merge", f"entry {n} ({_clip(repr(entry), 60)}) must list two or more story ids")
        out["merge"].append([x for x in ids if x is not None])
    split = data.get("split") or {}
    if not isinstance(split, dict):
        raise bad("split", "must be a mapping of story id to a list of article paths")
    for k, v in split.items():
        paths = [_text(x) for x in v] if isinstance(v, list) else []
        if _text(k) is None or not paths or any(x is None for x in paths):
            raise bad("split", f"entry {_clip(repr(k), 60)} must map a story id to a list of article paths")
        out["split"][str(_text(k))] = [x for x in paths if x is not None]
    return out


def applicable(edit: Mapping[str, Any], stories: Iterable[str], article_ids: Iterable[str]) -> dict[str, Any]:
    """The file's entries that name what this build has; each other one is left out with a warning
    naming it. A ``split`` of a story that does not exist (``stories``: the previous edition's ids,
    pins and the ids this build's stories get) is not applied: it would otherwise cut articles out
    of whatever story holds them now."""
    present = set(article_ids)
    known = set(stories)
    out = dict(edit)
    for path in sorted(edit["articles"]):
        if path not in present:
            log.warning("stories.yml: articles: '%s' is not an article of this build; entry ignored", path)
    split = {}
    for sid, paths in sorted(edit["split"].items()):
        if sid not in known:
            log.warning("stories.yml: split: story '%s' does not exist in this build; entry not applied", sid)
        else:
            split[sid] = paths
    out["split"] = split
    return out


def split_out(
    groups: Sequence[Sequence[int]], pins: Sequence[str | None], split: Mapping[str, Sequence[str]], index: Mapping[str, int]
) -> tuple[list[list[int]], list[str | None], list[frozenset[str]]]:
    """Before ids are given, each ``split`` entry's articles leave their groups and form one
    group that may not take the id of the story they were split from: the rest of that story
    keeps it, and next edition the split-off part keeps the id it got now."""
    moved: dict[int, str] = {}
    for sid, paths in sorted(split.items()):
        for path in paths:
            if path not in index:
                log.warning("stories.yml: split: article '%s' (of story '%s') is not in this build", path, sid)
            elif index[path] not in moved:
                moved[index[path]] = sid
    out_groups: list[list[int]] = []
    out_pins: list[str | None] = []
    for g, pin in zip(groups, pins, strict=True):
        kept = [i for i in g if i not in moved]
        if kept:
            out_groups.append(kept)
            out_pins.append(pin)
    excluded = [frozenset[str]() for _ in out_groups]
    for sid in sorted(set(moved.values())):
        out_groups.append(sorted(i for i, s in moved.items() if s == sid))
        out_pins.append(None)
        excluded.append(frozenset({sid}))
    return out_groups, out_pins, excluded


def merge_stories(
    members: dict[str, list[int]],
    merge: Sequence[Sequence[str]],
    previous: Mapping[str, Sequence[str]],
    article_ids: Sequence[str],
    split_off: Iterable[str] = (),
) -> set[str]:
    """Join the stories each ``merge`` entry names, and any story whose articles were mostly
    in them last edition (the smaller part of a merged story may come back with a new id),
    leaving out articles the file splits off; the largest part keeps its id. Returns the
    ids of the merged stories."""
    touched: set[str] = set()
    moved = set(split_off)
    for entry in merge:
        old = {a for sid in entry for a in previous.get(sid, ()) if a not in moved}
        present = [
            sid for sid in sorted(members) if sid in entry or 2 * sum(article_ids[i] in old for i in members[sid]) > len(members[sid])
        ]
        for sid in entry:
            if sid not in members and sid not in previous:
                log.warning("stories.yml: merge: story '%s' is not in this build", sid)
        if len(present) < 2:
            continue
        keep = min(present, key=lambda s: (-len(members[s]), entry.index(s) if s in entry else len(entry), s))
        for sid in present:
            if sid != keep:
                members[keep].extend(members.pop(sid))
        touched.add(keep)
    return touched
