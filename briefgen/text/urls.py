"""Which link targets briefgen keeps: one rule for every reader and every page.

A link is kept only when it is a plain http(s) address: a scheme, a host and no white
space, control or invisible formatting characters. Bidirectional controls (U+202E and
its kin) would make the address shown differ from the address followed, so an address
holding one is never a live link. Apostrophes, parentheses and other characters that
are legal in a URL are kept (pages escape them).
"""

from __future__ import annotations

import re
import unicodedata

_WEB = re.compile(r"^https?://[^\s<>\"`/?#]+[^\s<>\"`]*$", re.I)


def web_address(value: object) -> str | None:
    """``value`` if it is an http(s) address safe to link to, else None."""
    if not isinstance(value, str) or not _WEB.match(value):
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in value):
        return None
    return value
