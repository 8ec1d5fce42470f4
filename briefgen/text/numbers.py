"""Numbers written as words: the one table the stages read ("twelve" -> 12, "a dozen" -> 12).

Claims compare the figures two sentences give (text/claims.py), conflicting questions find two
figures for one count (questions/conflicting.py), and the summary checks read numbers the same way.
"""

from __future__ import annotations

_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")  # fmt: skip
_TENS = ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

NUMBER_WORDS: dict[str, int] = {
    **{w: i for i, w in enumerate(_UNITS)},
    **{w: 30 + 10 * i for i, w in enumerate(_TENS)},
    "hundred": 100,
    "dozen": 12,
}
