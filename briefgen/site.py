"""Markdown pages -> a mkdocs-material site for one edition, published atomically.

Everything is built in a hidden work folder inside the site folder and moved
into place with renames at the end, so a build that fails or is killed leaves
the previous site as it was. A lock file keeps two builds off one site.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import BuildError

log = logging.getLogger(__name__)

REDIRECT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Redirecting</title>
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}"></head>
<body><a href="{target}">Latest edition</a></body></html>
"""


@contextlib.contextmanager
def site_lock(site_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the site folder, or fail at once with a clear message."""
    site_dir.mkdir(parents=True, exist_ok=True)
    path = site_dir / ".briefgen.lock"
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise BuildError(f"{site_dir}: another briefgen build is running on this site; try again when it ends") from None
            raise
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def work_dir(site_dir: Path, edition: str) -> Path:
    """A fresh hidden folder inside the site folder for this build's intermediate files."""
    path = site_dir / f".build-{edition}"
    if path.exists():
        shutil.rmtree(path)  # left by a build that was killed
    path.mkdir(parents=True)
    return path


def mkdocs_config(base: Path | None, docs_dir: Path, out_dir: Path, site_name: str, edition: str) -> dict[str, Any]:
    """The edition's mkdocs settings: the project's mkdocs.yml with our paths and nav."""
    settings: dict[str, Any] = {}
    if base is not None and base.is_file():
        try:
            settings = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise BuildError(f"{base}: invalid YAML: {exc}") from None
    settings.update(
        site_name=f"{site_name} · {edition}",
        docs_dir=str(docs_dir.resolve()),
        site_dir=str(out_dir.resolve()),
        nav=[
            {"Stories": "index.md"},
            {"What changed": "changes.md"},
            {"Archive": "archive.md"},
        ],
    )
    settings.setdefault("theme", {"name": "material", "font": False})
    return settings


def build_mkdocs(settings: Mapping[str, Any], work: Path, epoch: int) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_path = work / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(dict(settings), sort_keys=False), encoding="utf-8")
    for name in ("mkdocs", "mkdocs.commands.build", "mkdocs.structure.pages", "mkdocs.plugins"):
        logging.getLogger(name).setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        cfg = load_config(config_file=str(config_path))
        build(cfg)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs could not build the site: {exc}") from None
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def publish(site_dir: Path, edition: str, built: Path, versions: Sequence[Mapping[str, Any]]) -> None:
    """Swap the built edition into place, then update versions.json and the redirects."""
    target = site_dir / edition
    old = site_dir / f".old-{edition}"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.rename(target, old)
    os.rename(built, target)
    if old.exists():
        shutil.rmtree(old)
    _atomic_write(site_dir / "versions.json", json.dumps(list(versions), indent=2) + "\n")
    latest = versions[0]["version"]
    _atomic_write(site_dir / "index.html", REDIRECT.format(target=f"{latest}/"))
    (site_dir / "latest").mkdir(exist_ok=True)
    _atomic_write(site_dir / "latest" / "index.html", REDIRECT.format(target=f"../{latest}/"))


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
