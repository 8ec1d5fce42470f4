"""Which language an article is written in (py3langid: offline, its model ships with it).

briefgen's analysis is English unless a spaCy pipeline is configured for another language
(``models: {de: de_core_news_sm}``); an article in any other language is skipped with its
language named, rather than read as English (German nouns taken for places, a Russian
phrase for a person, a sentence cut so that it says the opposite).
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

#: Characters of an article looked at: plenty for a confident verdict, and bounded.
SAMPLE_CHARS = 3000
#: Below this many letters there is too little for the model to tell; the script decides instead (``detect``).
MIN_LETTERS = 30
#: An article counts as not English only when py3langid's normalised probability of English is below
#: this. Measured on the 1,152 texts of ECB+ dev and the Multi-News validation sample, all English:
#: the lowest probability of English any of them gets is 0.005 when cut to its first 40 characters,
#: 0.007 at 80 and 150, 0.069 at 300, 0.32 whole; short German or Russian sentences of 30 letters
#: get 1e-4 or less. So a tenth of the lowest English value.
MAX_ENGLISH = 0.0005
#: Names for the messages; a code not listed is shown as the code alone.
NAMES = {
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
    "uk": "Ukrainian",
    "pl": "Polish",
    "cs": "Czech",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "fi": "Finnish",
    "tr": "Turkish",
    "ar": "Arabic",
    "fa": "Persian",
    "he": "Hebrew",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "el": "Greek",
    "hu": "Hungarian",
    "ro": "Romanian",
    "id": "Indonesian",
    "hi": "Hindi",
    "ca": "Catalan",
}


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(title: str, text: str) -> str:
    """The ISO 639-1 code of the article's language; "en" unless another is clear."""
    sample = " ".join(f"{title}\n{text}"[:SAMPLE_CHARS].split())
    sample = sample.encode("utf-8", "replace").decode("utf-8")  # lone surrogates (from JSON escapes) become '?'
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        if 2 * sum(_latin(ch) for ch in letters) >= len(letters):
            return "en"  # too short to tell, and in the Latin script: counts as English ("LOL", "Hi.")
        # English is written in the Latin script: a short text mostly in another is not English, whatever the
        # model makes of so few letters ("最牡慢敧", what a UTF-16 mark before stray bytes decodes to)
        return next(str(lang) for lang, _ in _identifier().rank(sample) if lang != "en")
    ranked = _identifier().rank(sample)
    english = next((float(p) for lang, p in ranked if lang == "en"), 0.0)
    top = str(ranked[0][0])
    return top if top != "en" and english < MAX_ENGLISH else "en"


def _latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def name(code: str) -> str:
    """ "German (de)" """
    return f"{NAMES[code]} ({code})" if code in NAMES else code


def release() -> None:
    """Let the model go (about 120 MB while loaded); the next ``detect`` loads it again."""
    _identifier.cache_clear()
