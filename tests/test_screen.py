"""text/screen.py: a screened search answers as the pattern's own search does."""

from __future__ import annotations

import random
import re

import pytest

from briefgen.text.lines import FURNITURE
from briefgen.text.screen import _TO_ASCII, Screen, needed

from .conftest import DATA

#: Characters beyond ASCII that re.I matches with an ASCII one, and their neighbours in case.
_TWISTED = "İıſKkKsSiI"


def test_to_ascii_holds_every_character_re_matches_with_ascii() -> None:
    """Every character beyond ASCII that ``re.I`` matches with an ASCII character is in the table, made the
    lower-case letter it matches (checked over all of Unicode)."""
    ascii_any = re.compile(r"[\x00-\x7f]", re.I)
    found = {c for c in map(chr, range(0x80, 0x110000)) if ascii_any.fullmatch(c)}
    assert found == {chr(k) for k in _TO_ASCII}
    for c in found:
        matched = {a for a in map(chr, range(128)) if re.fullmatch(re.escape(a), c, re.I)}
        assert {a.lower() for a in matched} == {c.translate(_TO_ASCII)}


def _texts() -> list[str]:
    """Lines and sentences of the test articles, and of every paragraph the golden content holds."""
    out = []
    for path in sorted([*DATA.glob("ecb/*"), *DATA.glob("content/*"), *DATA.glob("content/**/*")]):
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            for line in text.splitlines():
                out += [line, *re.split(r"(?<=[.!?])\s+", line)]
    return out


def test_furniture_screen_answers_as_the_pattern() -> None:
    screen = Screen(FURNITURE)
    assert screen.needs and "newsletter" in screen.needs and "/" in screen.needs
    texts = _texts()
    assert len(texts) > 1000
    # the screen answers most real texts without the pattern
    assert sum(not screen.quick.search(t.lower()) for t in texts) > 0.8 * len(texts)  # type: ignore[union-attr]
    # every needed string in a text, in other cases, with the characters beyond ASCII that match ASCII letters
    for s in sorted(screen.needs):
        for form in (s, s.upper(), s.title(), s.replace("i", "İ"), s.replace("i", "ı"), s.replace("s", "ſ"), s.replace("k", "K")):
            texts += [form, f"A line with {form} in it.", f"{form}, left, (AP Photo/Jane Doe)"]
    texts += [
        "Police stand guard in Minsk, Tuesday, June 27, 2023.",
        "Police stood guard in Minsk on Tuesday.",
        "Soldiers patrol the street, left, on Monday. (REUTERS/Stringer)",
        "© 2024 The Company",
        "SUBSCRİBE to our NEWSLETTER",
        "Watch: the clip",
        "He said it would be a good day for the company.",
    ]
    for text in texts:
        assert screen(text) == (FURNITURE.search(text) is not None), text


def _pattern(rng: random.Random, depth: int = 0) -> str:
    """A random pattern of literals (some with case beyond ASCII), classes, anchors, groups, choices and repeats."""
    atoms = ["a", "b", "k", "s", "i", "ı", "©", "/", " ", r"\w", r"\s", "[ab]", ".", r"\b", "^", "(?i:a)", "(?=b)"]
    parts = []
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.6 or depth > 2:
            parts.append(rng.choice(atoms))
        elif roll < 0.8:
            parts.append("(?:" + "|".join(_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3))) + ")")
        else:
            parts.append("(?:" + _pattern(rng, depth + 1) + ")" + rng.choice(["?", "*", "+", "{2}", "{1,3}", "??"]))
    return "".join(parts)


@pytest.mark.parametrize("flags", [0, re.I])
def test_screen_answers_as_random_patterns(flags: int) -> None:
    rng = random.Random(19)
    alphabet = "abkAB /©" + _TWISTED
    rejected = checked = 0
    for _ in range(1500):
        pattern = re.compile(_pattern(rng), flags)
        screen = Screen(pattern)
        for _ in range(20):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
            assert screen(text) == (pattern.search(text) is not None), (pattern.pattern, text)
            checked += 1
            rejected += screen.quick is not None and not screen.quick.search((text.translate(_TO_ASCII)).lower() if flags else text)
    assert rejected > checked / 10


def test_needed_strings() -> None:
    assert needed(re.compile("ab(?:c|d)e")) == {"abce", "abde"}
    assert needed(re.compile(r"x\w+(?:left|right)")) == {"left", "right"}  # the rarer of "x" and the choice
    assert needed(re.compile("Sign up", re.I)) == {"sign up"}
    assert needed(re.compile(r"\w+")) is None
    assert needed(re.compile("a?b?")) is None  # nothing every match holds
    assert needed(re.compile("(?i:abc)x")) == {"x"}  # a group with flags of its own is not read
    assert needed(re.compile("©|İstanbul", re.I)) == {"©", "stanbul"}  # "İ", cased beyond ASCII, is left out
    assert needed(re.compile("©", re.I)) == {"©"}
