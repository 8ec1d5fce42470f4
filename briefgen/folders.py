"""Which folders a build may write and delete in, checked before any work, and what to say when the disk says no.

A build writes three places: the site folder, the build cache and two hidden work folders beside the
site. Each is checked here before anything is read or created, so a wrong argument costs nothing:
no folder, lock file or cache is left behind by a refused build, and no file of the user's is ever
overwritten or deleted because a path pointed at the wrong folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefgen.config import BuildConfig
from briefgen.errors import BuildError, ConfigError, listing, os_error_message

__all__ = ["check_arguments", "check_models", "listing", "os_error_message", "site_foreign"]


def check_arguments(config: BuildConfig) -> None:
    """Every check that needs no article: edition name, content, site and cache folders, models.

    Called by the CLI (and by pipeline.build) before anything is read or created.
    """
    from briefgen import cache, editions, site

    if config.edition is not None:
        editions.edition_name(config.edition)  # raises for empty, reserved or unsafe names
    content = config.content_dir
    if not content.is_dir():
        what = "is a file, not a folder" if content.exists() else "not found"
        raise BuildError(f"{content}: content folder {what}; put the articles in a folder and pass it with --content")
    site_dir = config.site_dir
    content_real, site_real = _real(content), _real(site_dir)
    for name, path, real in (("site", site_dir, site_real), ("content", content, content_real)):
        if real == Path(real.anchor) or real == _real(Path.home()):
            raise BuildError(
                f"{path}: the {name} folder is {'the root folder' if real == Path(real.anchor) else 'your home folder'}; "
                f"give --{'site-dir' if name == 'site' else 'content'} a folder of its own"
            )
    if site_dir.exists() and not site_dir.is_dir():
        raise BuildError(f"{site_dir}: the site folder is a file; give --site-dir a folder")
    if content_real.is_relative_to(site_real):
        where = "is the site folder" if content_real == site_real else f"is inside the site folder {site_dir}"
        raise BuildError(f"{content}: the content folder {where}; a build replaces that folder, so keep them apart")
    if config.edition is not None and (site_dir / config.edition).exists():
        listed = {v["version"] for v in editions.read_versions(site_dir)}
        if config.edition not in listed:
            raise BuildError(
                f"{site_dir / config.edition}: exists and is not an edition briefgen built (not in versions.json); "
                "a build would replace it, so choose another edition name or move it out"
            )
    foreign = site_foreign(site_dir)
    if foreign:
        raise BuildError(
            f"{site_dir}: this folder holds files briefgen did not make ({listing(foreign)}) and is not a briefgen "
            "site (no versions.json); a build would replace them, so give --site-dir a new or empty folder, "
            "or move them out"
        )
    for path in site.foreign_work(site_dir):
        raise BuildError(
            f"{path}: briefgen keeps a build's work files under this name, and this is not a folder it made; a build "
            "would replace it, so move it away (or delete it, if an earlier briefgen build left it)"
        )
    for path in site.foreign_beside(site_dir):
        raise BuildError(
            f"{path}: briefgen keeps a copy of the site under this name, and this is not one it made; a build would "
            "empty it, so move it away (or delete it, if an earlier build left it)"
        )
    store = Path(config.cache_dir) if config.cache_dir is not None else cache.default_dir(site_dir)
    store_real = _real(store)
    for name, real in (("site", site_real), ("content", content_real)):
        hidden = store_real.is_relative_to(real) and any(part.startswith(".") for part in store_real.relative_to(real).parts)
        if name == "content" and hidden:
            continue  # a hidden folder inside the content folder is never read as articles
        if store_real.is_relative_to(real) or real.is_relative_to(store_real):
            relation = "is" if store_real == real else "is inside" if store_real.is_relative_to(real) else "holds"
            raise BuildError(f"{store}: the cache folder {relation} the {name} folder; give --cache-dir a folder of its own")
    if store_real == Path(store_real.anchor) or store_real == _real(Path.home()):
        raise BuildError(f"{store}: the cache folder is the root or your home folder; give --cache-dir a folder of its own")
    foreign = cache.foreign_files(store)
    if foreign:
        raise BuildError(
            f"{store}: this folder holds files briefgen did not make ({listing(foreign)}), so it is not used as the "
            "build cache, whose old entries a build deletes; give --cache-dir a new or empty folder (or leave it out)"
        )
    check_models(config)


def check_models(config: BuildConfig) -> None:
    """``models`` maps language codes (``de``) to spaCy pipelines, each installed (a package or a folder)."""
    import importlib.util

    for lang, model in sorted((config.models or {}).items(), key=str):
        if not (
            isinstance(lang, str)
            and lang.isascii()
            and lang.isalpha()
            and lang.islower()
            and 2 <= len(lang) <= 3
            and isinstance(model, str)
            and model.strip()
        ):
            raise ConfigError(
                f"setting 'models': {lang!r}: {model!r} must map a language code such as 'de' to a spaCy "
                "pipeline name, e.g. {de: de_core_news_sm}"
            )
        found = Path(model).is_dir()
        if not found:
            try:
                found = importlib.util.find_spec(model) is not None
            except (ImportError, ValueError):
                found = False
        if not found:
            raise ConfigError(
                f"setting 'models': {lang}: the spaCy pipeline '{model}' is not installed; "
                f"install it (pip install {model}) or remove the line"
            )


def site_foreign(site_dir: Path) -> list[str]:
    """Visible names in a site folder that is not a briefgen site (no versions.json): the user's files
    (an index.html too: briefgen would overwrite it).

    Hidden files are never touched by a build (they are carried into each new site), so they do not count.
    """
    try:
        names = sorted(os.listdir(site_dir))
    except OSError:
        return []
    if "versions.json" in names:
        return []
    return [n for n in names if not n.startswith(".")]


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))
