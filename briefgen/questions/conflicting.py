"""Conflicting figures: two sources give different numbers for the same thing ("killed 12" vs "killed 14").

A figure is a number with what it counts and what it hangs on: (people, kill), (year, contract),
($, offer), or an earthquake's magnitude. Two articles of one day that give different exact figures
for the same (counted, anchor) pair, in sentences that share another content word, conflict. Figures
hedged with "at least", "about" or "more than", and tolls that "rose" to a new number, do not: they
are ranges and updates, not contradictions. Articles of different days are updates too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefgen.models import AnalyzedArticle, Sentence, Token
from briefgen.questions.parse import GENERIC, Kids, children, lower_first, render, stem, subtree, tidy
from briefgen.text.dates import is_month
from briefgen.text.numbers import NUMBER_WORDS

SCALE = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
QUALIFIERS = {
    "least",
    "about",
    "around",
    "nearly",
    "almost",
    "more",
    "over",
    "up",
    "some",
    "approximately",
    "roughly",
    "estimate",
    "estimated",
    "as",
    "few",
    "fewer",
    "less",
    "under",
    "than",
    "several",
    "dozens",
    "hundreds",
    "thousands",
    "close",
    "upwards",
    "possibly",
    "perhaps",
    "to",
    "between",
    "or",
}
UPDATES = {"rise", "climb", "increase", "jump", "grow", "reach", "now", "revise", "update", "raise", "lower", "mount"}
UNITS = {"year", "month", "week", "day", "hour", "minute"}
PAST = {"ago", "last", "previous", "earlier"}
PLACES = {"GPE", "LOC", "FAC"}  # NER labels of places
AT = {"in", "at", "near", "outside"}  # prepositions whose proper-noun object is a place
IRREGULAR = {
    "hit": "hit",
    "hurt": "hurt",
    "shoot": "shot",
    "take": "taken",
    "leave": "left",
    "find": "found",
    "hold": "held",
    "win": "won",
    "lose": "lost",
    "give": "given",
    "make": "made",
    "put": "put",
    "set": "set",
    "cut": "cut",
    "pay": "paid",
    "sell": "sold",
    "buy": "bought",
    "bring": "brought",
    "keep": "kept",
    "strike": "struck",
    "catch": "caught",
    "steal": "stolen",
    "send": "sent",
    "spend": "spent",
    "fight": "fought",
    "see": "seen",
}


@dataclass(frozen=True)
class Figure:
    article: int
    sentence: Sentence
    value: float
    key: tuple[str, str]  # (what is counted, what it hangs on)
    question: str
    tokens: frozenset[int]
    words: frozenset[str]  # the sentence's content stems, to tell the same event from another
    owner: frozenset[str] = frozenset()  # names in the subject: the Red Sox' offer is not the Nationals'
    places: frozenset[str] = frozenset()  # the places the sentence names: a toll in Athens is not one in Thessaloniki


def _participle(t: Token) -> str:
    if t.tag == "VBN":
        return t.text.lower()
    low = t.lemma.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low.endswith("e"):
        return low + "d"
    if re.search(r"[^aeiou]y$", low):
        return low[:-1] + "ied"
    return low + "ed"


def _value(toks: Sequence[Token], span: list[int]) -> float | None:
    """ "$200 million" -> 2e8, "6. 1" -> 6.1, "three" -> 3; None for what is not one plain number."""
    total, current, seen = 0.0, None, False
    text = " ".join(toks[i].text for i in span)
    if m := re.fullmatch(r"\$?\s*(\d+)\s*\.\s*(\d+)", text):
        return float(f"{m[1]}.{m[2]}")
    for i in span:
        w = toks[i].text.lower().replace(",", "")
        if w in ("$", "£", "€", "-"):
            continue
        if re.fullmatch(r"\d+(\.\d+)?", w):
            current, seen = float(w), True
        elif w in NUMBER_WORDS:
            current, seen = float(NUMBER_WORDS[w]), True
        elif w in SCALE and current is not None:
            total += current * SCALE[w]
            current = None
        else:
            return None
    return total + (current or 0.0) if seen else None


def _exact(toks: Sequence[Token], kids: Kids, span: list[int]) -> bool:
    before = {toks[j].lemma.lower() for j in range(max(0, span[0] - 3), span[0])}
    inside = {toks[j].lemma.lower() for i in span for j in subtree(kids, i)}
    return not (before | inside) & QUALIFIERS and not any(toks[j].tag == "CD" and j not in span for i in span for j in kids[i])


def _span(toks: Sequence[Token], i: int) -> list[int]:
    """The number's tokens: "$ 200 million", "6 . 1"."""
    lo = hi = i
    while (
        lo > 0
        and (toks[lo - 1].ent == toks[i].ent != "" or toks[lo - 1].text in ("$", "£", "€"))
        and (toks[lo - 1].head in range(lo - 1, i + 2))
    ):
        lo -= 1
    while hi + 2 < len(toks) and toks[hi + 1].text == "." and toks[hi + 2].text.isdigit() and toks[hi].text.isdigit():
        hi += 2
    return list(range(lo, hi + 1))


def _subject(toks: Sequence[Token], kids: Kids, verb: int) -> str | None:
    subj = next((c for c in kids[verb] if toks[c].dep == "nsubj"), None)
    if subj is None or toks[subj].pos not in ("NOUN", "PROPN"):
        return None
    span = {j for j in subtree(kids, subj) if toks[j].dep not in ("relcl", "appos", "acl", "punct")}
    for j in sorted(span):
        if toks[j].dep in ("relcl", "appos", "acl", "prep"):
            span -= subtree(kids, j)
    return lower_first(toks, span, render(toks, span)) if len(span) <= 5 else None


def _question(toks: Sequence[Token], kids: Kids, num: int, money: bool) -> tuple[tuple[str, str], str] | None:
    """The figure's key and the question asking for it."""
    counted = toks[num].head
    if money:  # "$200 million offer", "offered $200 million"
        anchor = counted if toks[num].dep in ("nummod", "compound", "amod", "nmod") else num
        host = toks[anchor].head if anchor == num else anchor
        if toks[host].pos == "NOUN":
            return ("$", stem(toks[host].lemma)), f"How much is the {toks[host].lemma.lower()} worth?"
        if toks[num].dep == "dobj" and toks[host].pos == "VERB" and (who := _subject(toks, kids, host)):
            return ("$", stem(toks[host].lemma)), f"How much did {who} {toks[host].lemma.lower()}?"
        return None
    if toks[num].dep != "nummod" or toks[counted].pos != "NOUN":
        return None
    noun, host = toks[counted], toks[counted].head
    if noun.lemma.lower() in UNITS:  # "an eight-year contract"
        if noun.dep in ("amod", "compound", "npadvmod") and toks[host].pos == "NOUN" and toks[host].lemma.lower() not in UNITS:
            return (noun.lemma.lower(), stem(toks[host].lemma)), f"How long is the {toks[host].lemma.lower()}?"
        return None
    plural = noun.text.lower() if noun.tag == "NNS" else noun.lemma.lower() + "s"
    verb = toks[host]
    if verb.pos != "VERB" or verb.lemma.lower() in GENERIC or noun.ent or noun.pos == "PROPN":
        return None
    auxes = [toks[c].text.lower() for c in kids[host] if toks[c].dep in ("aux", "auxpass") and toks[c].tag != "TO"]
    if noun.dep == "nsubjpass" or (noun.dep == "dobj" and verb.tag in ("VBG", "VBN")):  # "were killed", "killing 12 people"
        q = f"How many {plural} were {_participle(verb)}?"
    elif noun.dep == "nsubj" and verb.tag == "VBN" and not auxes:  # "three people killed"
        q = f"How many {plural} were {verb.text.lower()}?"
    elif noun.dep == "nsubj":  # "12 people died"
        q = f"How many {plural} {' '.join([*auxes, verb.text.lower()])}?"
    elif noun.dep == "dobj" and (who := _subject(toks, kids, host)):
        q = f"How many {plural} did {who} {verb.lemma.lower()}?"
    else:
        return None
    return (stem(noun.lemma), stem(verb.lemma)), tidy(q)


def _magnitude(sent: Sentence) -> Figure | None:
    """ "a 6.1-magnitude quake", "measuring 5.9 on the Richter scale"."""
    toks = sent.tokens
    if not any(t.lemma.lower() in ("magnitude", "richter") for t in toks):
        return None
    for i, t in enumerate(toks):
        if t.text.isdigit():
            span = _span(toks, i)
            value = _value(toks, span)
            if value is not None and len(span) == 3 and 2 <= value < 10:
                return Figure(-1, sent, value, ("magnitude", "quake"), "How strong was the earthquake?", frozenset(span), frozenset())
    return None


def _owner(toks: Sequence[Token], kids: Kids, i: int) -> frozenset[str]:
    """Names in the subject of the clause that holds the figure."""
    v = i
    while toks[v].pos not in ("VERB", "AUX") and toks[v].head != v:
        v = toks[v].head
    subj = next((c for c in kids[v] if toks[c].dep in ("nsubj", "nsubjpass")), None)
    if subj is None or i in subtree(kids, subj):
        return frozenset()
    return frozenset(stem(toks[j].lemma) for j in subtree(kids, subj) if toks[j].pos == "PROPN")


def figures(ai: int, sent: Sentence) -> list[Figure]:
    toks = sent.tokens
    ents = {t.ent for t in toks}
    if "CARDINAL" not in ents and "MONEY" not in ents and not any(map(str.isdigit, [t.text for t in toks])):
        return []  # no number at all, as in most sentences
    if sent.is_heading or not toks or any(t.lemma.lower() in UPDATES for t in toks) or sent.text.rstrip(" \"'”’").endswith("?"):
        return []
    if "DATE" in ents and any(
        t.ent == "DATE" and (is_month(t.text) or re.fullmatch(r"(1[89]|20)\d\d", t.text) or t.lemma.lower() in PAST) for t in toks
    ):
        return []  # "In February, a quake killed 612 people": background, another event
    kids = children(toks)
    out: list[Figure] = []
    if (mag := _magnitude(sent)) is not None:
        out.append(mag)
    for i, t in enumerate(toks):
        money = t.ent == "MONEY"
        if not (t.ent in ("CARDINAL", "MONEY") and (t.tag == "CD" or t.lemma.lower() in NUMBER_WORDS)):
            continue
        span = _span(toks, i)
        root = next((j for j in span if toks[j].head not in span or toks[j].head == j), None)
        if root != i:
            continue  # each number once, from its head token
        value = _value(toks, span)
        if value is None or value == 0 or not _exact(toks, kids, span) or (not money and 1900 <= value <= 2100):
            continue
        if (found := _question(toks, kids, i, money)) is not None:
            out.append(Figure(ai, sent, value, found[0], found[1], frozenset(span), frozenset(), _owner(toks, kids, i)))
    if not out:
        return out
    words = frozenset(stem(t.lemma) for t in toks if t.pos in ("NOUN", "PROPN", "VERB") and not t.is_stop and len(t.lemma) > 2)
    at = [
        i
        for i, t in enumerate(toks)
        if t.ent in PLACES
        or (  # NER may call a city an organisation:
            t.pos == "PROPN"
            and t.dep in ("pobj", "compound")
            and t.ent not in ("DATE", "TIME")  # "in Thessaloniki" is a place
            and toks[t.head if t.dep == "pobj" else toks[t.head].head].lemma.lower() in AT
        )
    ]
    at += [i for i, t in enumerate(toks) if t.pos == "PROPN" and t.dep == "conj" and t.head in at]  # "in Idlib and Aleppo"
    places = frozenset(stem(toks[i].lemma) for i in at)
    return [replace(f, article=ai, words=words, places=places) for f in out]  # the words only of the few sentences with a figure


def counts(sent: Sentence) -> set[tuple[str, float]]:
    """Every (counted noun's stem, number) of the sentence, hedged or not, whatever verb the noun hangs on: "left three
    people stabbed", "all three people who were stabbed". An article that gives a figure and also counts the same noun
    with the other figure has updated or told the two apart itself ("Police say two people have been stabbed" in its
    first lines, "three people stabbed" further down): its two figures are no conflict with another article."""
    toks = sent.tokens
    if sent.is_heading or not any(t.tag == "CD" for t in toks):
        return set()
    out = set()
    for i, t in enumerate(toks):
        if t.tag == "CD" and t.dep == "nummod" and toks[t.head].pos == "NOUN" and (value := _value(toks, _span(toks, i))) is not None:
            out.add((stem(toks[t.head].lemma), value))
    return out


def conflicts(articles: Sequence[AnalyzedArticle]) -> list[tuple[str, list[tuple[int, int]], set[str]]]:
    """(question, evidence as (article position, sentence index) one per figure given, key words)."""
    found: dict[tuple[str, str], list[Figure]] = {}
    dates = [a.article.date for a in articles]
    counted: dict[int, set[tuple[str, float]]] = {}  # each article's (counted noun, number) pairs, whatever the verb
    for ai, a in enumerate(articles):
        if not any(bi != ai and not (dates[ai] and other and dates[ai] != other) for bi, other in enumerate(dates)):
            continue  # no other article of its day (see _same_event): its figures conflict with none
        for s in a.sentences:
            for f in figures(ai, s):
                found.setdefault(f.key, []).append(f)
            counted.setdefault(ai, set()).update(counts(s))
    out = []
    for key, figs in sorted(found.items()):
        by_value: dict[float, list[Figure]] = {}
        values: dict[int, set[float]] = {}  # an article giving both figures is telling two things apart
        for f in figs:
            by_value.setdefault(f.value, []).append(f)
            values.setdefault(f.article, set()).add(f.value)
        near = (lambda a, b: b - a <= 1.0) if key[0] == "magnitude" else (lambda a, b: b <= 10 * a)
        pairs = [
            (fa, fb)
            for va in by_value
            for vb in by_value
            if va < vb and near(va, vb)
            for fa in by_value[va]
            for fb in by_value[vb]
            if vb not in values[fa.article]
            and va not in values[fb.article]
            and (key[0], vb) not in counted.get(fa.article, set())
            and (key[0], va) not in counted.get(fb.article, set())
            and _same_event(articles, fa, fb)
        ]  # an article that counts the noun both ways has moved on ("two people stabbed", later "left three people stabbed")
        if not pairs:
            continue
        chosen: dict[float, Figure] = {}
        for fa, fb in pairs:
            chosen.setdefault(fa.value, fa)
            chosen.setdefault(fb.value, fb)
        ev = [(f.article, f.sentence.index) for f in sorted(chosen.values(), key=lambda f: (f.article, f.sentence.index))]
        out.append((min((f.question for f in chosen.values()), key=len), ev, {key[0], key[1]}))
    return out


def _same_event(articles: Sequence[AnalyzedArticle], a: Figure, b: Figure) -> bool:
    """Different articles of the same day, in sentences that share more than the figure's own words,
    about the same subject (two players' points are two quantities, not a conflict) and, when both
    name places, the places of one among the other's (a figure for a wider or another area is another quantity)."""
    if a.article == b.article:
        return False
    da, db = articles[a.article].article.date, articles[b.article].article.date
    if (da and db and da != db) or a.owner != b.owner:
        return False  # the same quantity of the same thing: the same subject, both named or both not
    if a.places and b.places and not (a.places <= b.places or b.places <= a.places):
        return False  # "12 injured in Athens" and "18 injured in Thessaloniki": two places, two quantities; "15 killed in
        #               Idlib, nine in Aleppo" and "two killed in Sarmeen in Idlib": each names a place the other does not
    return len((a.words & b.words) - set(a.key)) >= 2
