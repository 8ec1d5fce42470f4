"""Counts in words: "1 story", "2 stories", "1,982 articles"."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one; ``many`` defaults to ``one`` + 's'."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"
