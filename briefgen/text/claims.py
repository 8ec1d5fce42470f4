"""What a sentence claims, and when two sentences state the same fact or agree on it.

A claim is read from an analysed sentence as the names it mentions (each name once, however
many words it has: a long organisation name is one name, not five shared words), the numbers
it gives (not years), its content words, the kind of event it reports (a death, an arrest, a
quake ...: "died", "was found dead" and "the death of" are one event), and whether its main
verb is negated or hedged. Two rules use it, one for each stage that needs it:

- ``same_fact``: two sentences of one summary that tell the reader the same thing (the
  summary keeps one of them);
- ``agree``: another source corroborates a sentence only when it states the claim with the
  same names and numbers and neither negates nor hedges what the other states plainly.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from briefgen.models import Sentence
from briefgen.text.hedges import hedge

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
NUMBER_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}
NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Kinds of event that news writes in many words. Each is a class of lemmas that name the same
#: happening; a short list of the events news most often repeats in paraphrase, not a lexicon.
EVENTS = {
    "death": {"die", "death", "dead", "kill", "fatal", "fatally", "body", "perish", "slay", "deadly", "toll"},
    "injury": {"injure", "injury", "wound", "hurt", "injured", "wounded"},
    "arrest": {"arrest", "detain", "custody", "apprehend", "detention"},
    "charge": {"charge", "indict", "indictment"},
    "quake": {"earthquake", "quake", "temblor", "tremor", "magnitude"},
    "verdict": {"convict", "conviction", "guilty", "sentence", "acquit", "verdict"},
    "resign": {"resign", "resignation", "quit"},
}
_EVENT_OF = {lemma: kind for kind, lemmas in EVENTS.items() for lemma in lemmas}
#: Word-set cosine at which two sentences say the same thing (with the names and numbers rules
#: below); the value the summaries' former duplicate test used (config ``redundancy``'s default).
SAME = 0.45
#: Cosine of claim units (names, numbers, words, events) at which another source's sentence
#: states the claim; as confidence.py's former ``SUPPORT``, now over names counted once.
AGREE = 0.4
#: Units in common below which no two sentences are taken to state one claim (short sentences
#: match too easily).
SHARED = 3


@dataclass(frozen=True)
class Claim:
    names: frozenset[str]
    numbers: frozenset[str]
    words: frozenset[str]
    events: frozenset[str]
    negated: bool
    hedged: bool

    @property
    def units(self) -> frozenset[str]:
        return self.names | {f"#{n}" for n in self.numbers} | self.words | {f"!{e}" for e in self.events}


def _number(tokens: list[str]) -> str | None:
    value: float | None = None
    for text in tokens:
        low = text.lower().replace(",", "").lstrip("$£€")
        if low in SCALE and value is not None:
            value *= SCALE[low]
        elif low in NUMBER_WORDS:
            value = (value or 0) + NUMBER_WORDS[low]
        elif re.fullmatch(r"\d+(?:\.\d+)?", low):
            value = float(low)
    if value is None:
        return None
    return f"{value:g}"


def claim(sent: Sentence) -> Claim:
    toks = sent.tokens
    names: set[str] = set()
    numbers: set[str] = set()
    words: set[str] = set()
    events: set[str] = set()
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.ent in NAME_LABELS:
            j = i
            while j + 1 < len(toks) and toks[j + 1].ent == t.ent:
                j += 1
            parts = [x.text for x in toks[i : j + 1] if x.pos not in ("DET", "PUNCT") and x.tag != "POS"]
            if parts:
                # a person is their surname ("Anthony LaSalle" and "LaSalle" are one name)
                names.add((parts[-1] if t.ent == "PERSON" else " ".join(parts)).lower())
            i = j + 1
            continue
        if t.ent in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT") or t.pos == "NUM":
            j = i
            while j + 1 < len(toks) and ((toks[j + 1].ent == t.ent and t.ent) or toks[j + 1].pos == "NUM"):
                j += 1
            value = _number([x.text for x in toks[i : j + 1]])
            year = t.ent == "DATE" or re.fullmatch(r"(?:1[89]|20)\d\d", t.text)
            if value and value not in ("0", "1") and not year:
                numbers.add(value)
            i = j + 1
            continue
        low = t.lemma.lower()
        if low in _EVENT_OF:
            events.add(_EVENT_OF[low])
        elif t.pos in ("NOUN", "PROPN", "VERB", "ADJ") and not t.is_stop and len(low) > 2 and t.ent != "DATE":
            words.add(low)
        i += 1
    root = next((k for k, t in enumerate(toks) if t.dep == "ROOT"), None)
    negated = any(t.dep == "neg" and (root is None or t.head == root) for t in toks)
    return Claim(frozenset(names), frozenset(numbers), frozenset(words), frozenset(events), negated, hedge(sent) is not None)


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def same_fact(a: Claim, b: Claim) -> bool:
    """Two sentences that tell the reader the same thing: the same numbers about the same
    names or event, one event of the same people, or mostly the same words."""
    if a.numbers & b.numbers and (a.names & b.names or a.events & b.events or len(a.words & b.words) >= 2):
        return True
    if a.events & b.events and a.names & b.names and a.negated == b.negated:
        return True
    ua, ub = a.units, b.units
    return len(ua & ub) >= SHARED and _cosine(ua, ub) >= SAME


def agree(a: Claim, b: Claim) -> bool:
    """``b`` states ``a``'s claim: ``a``'s numbers and most of its names, with neither negating or
    hedging what ``a`` states plainly, and enough of the rest in common."""
    if a.negated != b.negated or (b.hedged and not a.hedged):
        return False
    if not a.numbers <= b.numbers:
        return False
    if a.names and 2 * len(a.names & b.names) < len(a.names):
        return False
    ua, ub = a.units, b.units
    return len(ua & ub) >= SHARED and _cosine(ua, ub) >= AGREE
