"""Words as the summary counts them: sumy's English stemmer and stop words (both need no data), one definition for
the summary (its candidates' vectors, LexRank, word pairs) and the related stories (``front.story_words``)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

#: A word: letters and digits, with an apostrophe's ending ("Reid's", "don't").
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


@cache
def stemmer() -> Any:
    from sumy.nlp.stemmers import Stemmer

    return Stemmer("english")


@cache
def stem(word: str) -> str:
    return str(stemmer()(word))


@cache
def stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def stems(text: str) -> Counter[str]:
    """How often each stem of ``text``'s words occurs, stop words left out."""
    stop = stop_words()
    return Counter(stem(w) for w in map(str.lower, WORD.findall(text)) if w not in stop)
