"""What a quotation is: the words between a pair of quotation marks, curly (“...”) or straight ("..."), the two
marks of a pair alike, within one line. The one rule for the fact boxes' quotes, for the sentences that repeat
them and for the writer's own voice outside quotations (``lines.personal_voice``)."""

from __future__ import annotations

import re

QUOTATION = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")


def quoted(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each quotation of ``text``, marks left out."""
    return [(q.start(g), q.end(g)) for q in QUOTATION.finditer(text) for g in (1 if q.group(1) is not None else 2,)]
