"""Slugs: names made safe as URL path components (story ids, entity pages, article pages).

One rule, ``slug``: accents folded to ASCII, lowercase, every run of anything but a letter or digit
one dash, no dash at either end. Story ids are also cut to ``STORY_ID_CHARS`` and never empty.
"""

from __future__ import annotations

import re
import unicodedata

#: Longest story id, in characters: long enough for a headline's first words, short enough for a URL.
STORY_ID_CHARS = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(value: object) -> str:
    """``value`` as lowercase ASCII letters, digits and single dashes; "" when it has no letter or digit."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def story_slug(value: object) -> str:
    """A story id made from ``value`` (a pin in stories.yml, a front-matter ``story``): its slug, cut to
    ``STORY_ID_CHARS``; "story" when nothing is left."""
    return slug(value)[:STORY_ID_CHARS].strip("-") or "story"


def unique_slug(value: object, taken: set[str], empty: str) -> str:
    """``value``'s slug (``empty`` when it has none), with -2, -3, ... until not in ``taken``; added to ``taken``."""
    base = out = slug(value) or empty
    n = 1
    while out in taken:
        n += 1
        out = f"{base}-{n}"
    taken.add(out)
    return out
