"""A costly regex's search, answered the same and sooner: ``Screen(pattern)(text)`` is
``pattern.search(text) is not None``.

A pattern of many alternatives (text/lines.py ``FURNITURE``: 70, under ``re.I``) makes ``re`` try
each of them at every position of a text: about 60 µs for a 100-character sentence. Yet every
match holds one of a few strings that can be read off the pattern: each alternative's literal text
("sign up", "newsletter"), or, where it has none long enough, one string of a group of short
alternatives ("(left)", "(right)"; "friday,", "monday,"). ``needed`` finds such strings;
``Screen`` looks for them first, with one regex of those plain strings (a few µs), and searches with
the pattern itself only a text that holds one. The strings are a necessary condition, so the answer
is the pattern's: only how soon it comes changes.

Why the strings are needed (``needed``, read with ``re``'s own parser): a match of a sequence is a
match of each of its items, one after the other. An item matches one of a few strings when it is a
literal, a class of literals (``[cd]``), an optional one (``x?``), a group or a choice of such; side by side, such items match
one of the strings made by putting theirs together. Every match of the sequence thus holds one of
those strings, and one of the strings any group or repeat (at least once) of it holds; a choice of
alternatives (``a|b``) holds one of the strings its alternative holds. Of all the sets so found for
a sequence one is kept (the longest strings: they are the rarest), which is only a matter of speed.

Case: under ``re.I`` a letter matches its other case, and four characters beyond ASCII match ASCII
letters ('İ' and 'ı' match 'i', 'ſ' 's', the Kelvin sign 'k'; ``_TO_ASCII``, which a test checks
against every character). So the text is looked at with those four made their ASCII letter and then
lower-cased (``str.lower`` may make one character several, but never one that matched a string's
character), and the strings are lower-cased; a string's character beyond ASCII is kept only if it has
no case at all ('©'), which matches only itself.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

#: re's own parser and its opcodes, which read a pattern as ``re`` does (private modules of ``re``, without types)
sre_parse: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

#: The characters beyond ASCII that ``re.I`` matches with an ASCII character, each to the lower-case
#: letter it matches (tests/test_screen.py checks every Unicode character against ``[\x00-\x7f]``).
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
#: The most strings one item or side-by-side items may stand for before they are looked at apart
#: (a size, not a tuned number: ",\s(?:left|right|...)(?: row)?," is 16 strings, the day names 7).
MAX_STRINGS = 64
#: A set of strings, one of which every match holds; ``None``: nothing is known.
Needs = frozenset[str] | None


def _char(code: int, flags: int) -> str | None:
    """A literal as the screen compares it, or None when another character could match it and the screen
    cannot tell which."""
    c = chr(code)
    if not flags & re.IGNORECASE:
        return c
    if c.isascii():
        return c.lower()
    return c if c.lower() == c == c.upper() else None  # caseless: matches itself only


def _strings(item: tuple[Any, Any], flags: int) -> set[str] | None:
    """The few strings one parsed item matches, or None (many, or any)."""
    op, av = item
    if op is sre.LITERAL:
        c = _char(av, flags)
        return None if c is None else {c}
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in av):
        chars = [_char(code, flags) for _, code in av]
        return {c for c in chars if c is not None} if None not in chars else None
    if op is sre.SUBPATTERN:
        _, add, remove, body = av
        return None if add or remove else _sequence_strings(body, flags)
    if op is sre.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            strings = _sequence_strings(alternative, flags)
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= MAX_STRINGS else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] == 0 and av[1] == 1:
        strings = _sequence_strings(av[2], flags)
        return None if strings is None else strings | {""}
    return None


def _sequence_strings(seq: Iterable[tuple[Any, Any]], flags: int) -> set[str] | None:
    out = {""}
    for item in seq:
        strings = _strings(item, flags)
        if strings is None:
            return None
        out = {a + b for a in out for b in strings}
        if len(out) > MAX_STRINGS:
            return None
    return out


def _sets(seq: Iterable[tuple[Any, Any]], flags: int) -> list[frozenset[str]]:
    """Sets of strings, each of which has a string that every match of the sequence holds."""
    found: list[frozenset[str]] = []
    run = {""}  # the strings of the items side by side so far

    def close() -> None:
        if "" not in run:
            found.append(frozenset(run))

    for item in seq:
        strings = _strings(item, flags)
        if strings is not None and len(run) * len(strings) <= MAX_STRINGS:
            run = {a + b for a in run for b in strings}
            continue
        close()
        run = strings if strings is not None else {""}
        if strings is not None:
            continue
        op, av = item
        if op is sre.SUBPATTERN and not av[1] and not av[2]:
            found += _sets(av[3], flags)
        elif op is sre.BRANCH:
            each = [_best(_sets(alternative, flags)) for alternative in av[1]]
            if None not in each:
                found.append(frozenset(s for strings in each if strings is not None for s in strings))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found += _sets(av[2], flags)
        elif op is sre.ATOMIC_GROUP:
            found += _sets(av, flags)
    close()
    return found


def _rare(strings: frozenset[str]) -> tuple[int, int]:
    """How seldom a text holds one of the strings, roughly: its shortest string's length, a mark that is no
    letter, digit or space counting twice ('/' as rare as 'ap'); then the fewer strings the better."""
    if not strings:
        return (1 << 30, 0)  # matches nothing: the rarest of all
    return (min(len(s) + sum(not (c.isalnum() or c == " ") for c in s) for s in strings), -len(strings))


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    return max(sets, key=_rare) if sets else None


def needed(pattern: re.Pattern[str]) -> Needs:
    """Strings one of which every match of ``pattern`` holds, as the screen compares them (under ``re.I``
    lower-cased); None when none are found. An empty set: the pattern matches nothing."""
    if pattern.flags & re.LOCALE:
        return None
    try:
        return _best(_sets(sre_parse.parse(pattern.pattern, pattern.flags), pattern.flags))
    except (TypeError, ValueError, IndexError, AttributeError):  # a parse that reads otherwise (another Python): no screen
        return None


def _alternation(strings: set[str]) -> str:
    """A regex matching any of ``strings``, its alternatives grouped by their first character (a trie: ``re``
    then tries a handful of characters at a position, not every string)."""
    if "" in strings:
        rest = _alternation(strings - {""})
        return f"(?:{rest})?" if rest else ""
    tails: dict[str, set[str]] = {}
    for s in strings:
        tails.setdefault(s[0], set()).add(s[1:])
    parts = [re.escape(c) + _alternation(t) for c, t in sorted(tails.items())]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


class Screen:
    """``pattern.search(text) is not None``, with the texts that hold none of ``needed(pattern)`` answered
    without the pattern."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needs = needed(pattern)
        self.fold = bool(pattern.flags & re.IGNORECASE)
        kept = set() if self.needs is None else {s for s in self.needs if not any(o != s and o in s for o in self.needs)}
        # an empty set of strings: the pattern matches no text, and the screen's regex nothing either
        self.quick = None if self.needs is None else re.compile(_alternation(kept) if kept else r"(?!)")

    def __call__(self, text: str) -> bool:
        if self.quick is not None:
            seen = text if not self.fold else (text if text.isascii() else text.translate(_TO_ASCII)).lower()
            if not self.quick.search(seen):
                return False
        return self.pattern.search(text) is not None
