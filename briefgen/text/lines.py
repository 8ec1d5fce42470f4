"""Lines of pasted news that are not article text: bylines, handles, datelines, site furniture."""

from __future__ import annotations

import re

from briefgen.text.dates import MONTH as _MONTH

BYLINE = re.compile(r"^\s*(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.'’-]+(?:[ ,]+[\w.'’&-]+){0,10}\s*$")
HANDLE_LINE = re.compile(r"^\s*\(?@\w+\)?\s*$")
# A dateline: "MINSK (UrduPoint News / Sputnik - 25th July, 2023)", "WASHINGTON (Reuters) -",
# "LONDON, July 3 (AP) --", "(CNN)".
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"(?:,\s*" + _MONTH + r"\s+\d{1,2})?)?\s*"
    r"\((?P<inner>[^()\n]{2,90})\)\s*(?:[-–—:]{1,2}\s*)?"
)
DATELINE_BARE = re.compile(r"^(?P<place>[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+){0,3}(?:, [A-Z][A-Za-z.]+)?)\s+[-–—]{1,2}\s+")
# Whole lines that are site furniture, not article text.
TRAILERS = re.compile(
    r"^\s*(?:This (?:post|article|story) (?:appeared|was originally published|first appeared)"
    r"|Tweet with a location|Follow us on|Sign up for|Subscribe (?:to|now)|Click here"
    r"|Read more\b|Related:|Share this|All rights reserved|Copyright\s|©|\(c\) \d{4}"
    r"|We use cookies|This site uses cookies|Advertisement\s*$|ADVERTISEMENT\s*$"
    r"|Photo:|Image:|Picture:|Getty Images\s*$|Caption:)",
    re.I,
)
