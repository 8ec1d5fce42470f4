"""What a quotation is: the words between an opening quotation mark and its closing one, curly (“...”) or straight
("..."), within one line. The one rule for the fact boxes' quotes, for the sentences that repeat them, for the
summary's share of quoted words and for the writer's own voice outside quotations (``lines.personal_voice``).

A straight mark does not say which way it faces; its neighbours do. One after a space (or a line's start, a
bracket, a dash) and before a word opens; one after a word and before a space, punctuation or the line's end
closes; one between two words or two spaces may do either. A quotation that runs on into the next paragraph has no
closing mark (the next paragraph opens with one again), and where a text's paragraphs were joined into one line
the opening mark of the next quoted paragraph comes where a closing one is due: '"All my energy has been focused
on today. "What I have lived today I do not think I will live again." Spain's only other ...'. Paired blindly,
the reporter's words between two quotations ('" Spain's only other Davis Cup title came two years ago in Valencia
... admitted: "') would read as a quotation; paired by the way each mark faces, the first quotation ends where
the next opens and the reporter's words stay his.
"""

from __future__ import annotations

import re

from briefgen.text.abbreviations import ends_no_sentence

#: A sentence's end inside a quotation and the next sentence's start: a stop, a space, a capital.
_STOP = re.compile(r"([.!?])\s+(?=[A-Z])")
#: An attribution closing a sentence after a comma: ", he said.", ", Mr Smith added.", ", said Jones." (not the speaker's
#: own ", I said.").
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:he|she|they|(?!I\s)[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?:said|says|added|adds)"
    r"|(?:said|says|added|adds)\s+(?:he|she|they|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}))\s*[.!?]?\s*$"
)
_OPEN_AFTER = frozenset("([{—–-/")  # besides a space or the line's start, what may stand before an opening mark
_CLOSE_BEFORE = frozenset(",.;:!?)]}—–-'’")  # besides a space or the line's end, what may follow a closing mark


def _faces(text: str, i: int) -> str:
    """Which way the straight mark at ``i`` faces: "open", "close" or "either"."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() and i > 1 and text[i - 2] in "'’":
        return "either"  # '... doing.' "Olivera, himself ...': a quotation in a quotation closed, a space, then its close
    opens = (before.isspace() or before in _OPEN_AFTER) and not after.isspace() and after not in _CLOSE_BEFORE
    closes = not before.isspace() and (after.isspace() or after in _CLOSE_BEFORE)
    return "open" if opens and not closes else "close" if closes and not opens else "either"


def open_quote(text: str) -> bool:
    """``text`` leaves a quotation open (or closes one it did not open): its curly marks do not pair up, or its
    straight ones are odd in number. A sentence of a quotation that runs on, or a line cut inside one."""
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1


def quoted(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words of each quotation of ``text``, marks left out: a curly quotation from “ to the next
    ” (or a straight mark that closes), a straight one from an opening mark to the next closing one, or up to the
    next opening one after a sentence's end (a quotation that runs on, its words up to there quoted); none runs past
    the end of a line, and one still open there is no quotation (its end is not in the text)."""
    out: list[tuple[int, int]] = []
    opened: tuple[str, int] | None = None  # the open quotation's mark and where its words start
    for i, c in enumerate(text):
        if c == "\n":
            opened = None
        elif c == "“" and (opened is None or opened[0] == "“"):
            opened = ("“", i + 1)  # a second “ before the ” restarts, as the one before it has no end in the line
        elif c == "”" and opened is not None:
            if i > opened[1]:
                out.append((opened[1], i))  # '"... ”' as well: the two kinds mixed in pasted text
            opened = None
        elif c == '"':
            faces = _faces(text, i)
            if opened is not None and opened[0] == "“":
                if faces == "close":  # '“I find it disturbing," Inslee said': a curly quotation closed by a straight mark
                    if i > opened[1]:
                        out.append((opened[1], i))
                    opened = None
            elif opened is None:
                if faces != "close":  # a closing mark with nothing open is a stray one
                    opened = ('"', i + 1)
            elif opened[0] == '"':
                end = len(text[:i].rstrip())
                if faces == "open" and text[:end].rstrip("'’")[-1:] in (".", "!", "?"):
                    # the open quotation ran on to its paragraph's end: a sentence ends before this mark (a mark
                    # opening inside a sentence, '... once called a "gold standard," ...', is a quotation within the
                    # quotation, which one pair of straight marks cannot tell from a closing one: read as closing)
                    end = _unsaid(text, opened[1], end)
                    if end > opened[1]:
                        out.append((opened[1], end))
                    opened = ('"', i + 1)
                elif faces == "open" and (stop := _last_stop(text, opened[1], end)) is not None:
                    # the open quotation's closing mark is missing and a sentence of the reporter's follows it
                    # ('were "only 10% of the health agenda. Dr Gibbons, ..., said NHS staff wanted ... after
                    # "tremendous change"'): it ran on to its sentence's end, and this mark opens another
                    out.append((opened[1], _unsaid(text, opened[1], stop)))
                    opened = ('"', i + 1)
                else:
                    if i > opened[1]:
                        out.append((opened[1], i))
                    opened = None
    return out


def _unsaid(text: str, start: int, end: int) -> int:
    """The end of a quotation that ran on to ``end`` without its closing mark, before the reporter's attribution that
    closes its last sentence ('"He accepted that it had not happened, he said. "But I think ...': the quotation
    ends at the comma); ``end`` when there is none."""
    m = _ATTRIBUTION.search(text, start, end)
    return m.start() + 1 if m else end


def _last_stop(text: str, start: int, end: int) -> int | None:
    """The end (after its full stop, "!" or "?") of the last sentence that ends in ``text[start:end]`` before another
    begins in it: a stop, a space and a capital, the stop closing no title, initial or acronym ("Mr.", "U.S.")."""
    found = None
    for m in _STOP.finditer(text, start, end):
        word = text[start : m.start() + 1].rsplit(None, 1)[-1]
        if m.group(1) != "." or not ends_no_sentence(word):
            found = m.start() + 1
    return found


def unquoted(text: str) -> str:
    """``text`` with each quotation, its marks included, made a space."""
    out, at = [], 0
    for a, b in quoted(text):
        out += [text[at : a - 1], " "]
        at = b + 1 if text[b : b + 1] in ('"', "”") else b
    return "".join(out) + text[at:]
