"""What a sentence claims, and when two sentences state the same fact or agree on it.

A claim is read from an analysed sentence as the names it mentions (each name once, however
many words it has: a long organisation name is one name, not five shared words), the numbers
it gives (not years), its content words, the kind of event it reports (a death, an arrest, a
quake ...: "died", "was found dead" and "the death of" are one event), and whether its main
verb is negated or hedged, and the deeds of its main claim with who does them to whom. The rules that read it:

- ``same_fact``: two sentences of one summary that tell the reader the same thing (the
  summary keeps one of them), also in other words: the same kind of event on the main claim
  happening to the same one, named or described ("Bryan Johnson was found dead" and "a former
  police officer was found dead"; a first name alone is the whole name's person: "Devin died"
  and "the death of Devin Lima"), or the same action on the main claim done to the same one
  ("the committee accused Lois Lerner of ..." and "House Republicans accused Lerner of ...");
- ``restates``: the one rule of "the same fact in other words", which ``same_fact`` and ``agree`` both read (the
  summary tells such two statements once, and the confidence label counts the other as a source): the same deed on both main claims, a
  main verb or its nominalisation, lemma-level ("approved the bill", "announced its approval of the bill"), by and to
  the same ones, a name or number of it in common and none of one's that the other lacks, no number, ordinal or day
  against, and neither negating, hedging or planning ("will file") what the other states plainly;
- ``same_lede``: two articles' opening statements that name the same main participant and agree, which
  report one event (summaries and confidence labels compare them through summarize.py ``same_ledes``);
- ``gives_figure``: another sentence gives the main claim's telling figure (``telling``, near its verb:
  ``FIGURE_ARCS``) with all its numbers and a word of it, whatever its verb ("added 194,000 jobs", "created
  194,000 new jobs");
- ``agree``: another source corroborates a sentence only when it states the claim with the
  same names and numbers, gives its telling figure (``gives_figure``), reports the same event of its main claim happening to the same one or
  the same action done to the same one with no number or ordinal against it, states it in other words (``restates``),
  or quotes the same words of a speaker, and neither negates nor hedges what the other states plainly.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from briefgen.models import Sentence, Token
from briefgen.text.daynames import DAY_NAME, MONTH_NAME
from briefgen.text.hedges import REPORTING_VERBS, hedge
from briefgen.text.numbers import NUMBER_WORDS

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Kinds of event that news writes in many words. Each is a class of lemmas that name the same
#: happening; a short list of the events news most often repeats in paraphrase, not a lexicon.
EVENTS = {
    "death": {"die", "death", "dead", "kill", "fatal", "fatally", "body", "perish", "slay", "deadly", "toll"},
    "injury": {"injure", "injury", "wound", "hurt", "injured", "wounded"},
    "arrest": {"arrest", "detain", "custody", "apprehend", "detention", "surrender"},
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
#: A number at least this large (not a year) that two sentences of one story share names one thing
#: ("1,420 subjects", "$66,000"): small numbers (ages, counts, days) coincide too often.
DISTINCT = 100
#: Cosine of claim units (without verbs of saying, as in ``agree``) at which another outlet's lede that reports one
#: event with a lede (``same_lede``: the same day, a main participant of the story) states that lede's claim and not
#: another part of the day ("The House passed the Democrats' voting rights legislation on Friday" for "Democrats' ...
#: bill passed the House ... on Friday", not "Clinton defended her handling of the attack" for "Republicans are
#: challenging a host of statements made by Clinton"). Lower than ``AGREE``: the lede rule has already told that
#: both report one event. Chosen on 84 lede pairs marked by hand (BASIL parts A and B, AllSides part A; notes,
#: labels3) among 0.2, 0.25 and 0.3: the lede pairs then back 44 of 55 rightly (all of them: 56 of 84); 0.3 loses
#: 10 more right ones for 3 wrong, 0.2 keeps 4 more wrong ones for 4 right.
LEDE_AGREE = 0.25
#: Units in common below which no two sentences are taken to state one claim (short sentences
#: match too easily).
SHARED = 3
#: Share of a sentence's main-claim units (``Claim.core``) another sentence must contain to state that
#: claim in its own words. Chosen on Multi-News validation rows 0-124 (tuning data) among 0.4, 0.5 and
#: 0.6 by marking the matches each adds by hand: at 0.4 three of eight more share only the topic.
RESTATE = 0.5
#: Dependents that add a side remark to what they hang on, not the main claim: an apposition ("Turner, a
#: swimmer convicted of ..."). Relative and adverbial clauses are not among them: in news they often carry
#: the fact itself ("a plan that included a seven-member team"), and the parse often hangs a clause wrongly.
SIDE = frozenset({"appos"})
#: Words in a row that two sentences must both quote (inside quotation marks) to quote one statement: a speaker's
#: words given by two outlets are one statement reported twice ("a departure from typical Bureau practice"). On the
#: 224 marked pairs of BASIL parts A and B (notes, labels2-pairs.tsv) no run of 3 to 8 shared quoted words joined
#: two sentences marked as stating different things; runs of 3 or 4 words added 3 right pairs to 6's. Six is a
#: precaution kept all the same: a quoted title or slogan ("The Queen of Rage", "Obama's war on religion") is that
#: short and is shared by sentences that say different things about it.
QUOTE_RUN = 6
#: Dependency arcs from the main claim's verb within which a telling figure is the main claim's own (``Claim.figures``,
#: ``gives_figure``): "fell [1] to [2] 498,000", "won [1] by [2] a vote [3] of 134-63", "passed [1] on [2] a vote [3]
#: 252-to-175 [4]". Chosen among 2, 3, 4 and no limit on the one-source labels of AllSides part A, BASIL part A and
#: Multi-News rows 0-124 (tuning data), every change read: labels raised 10 (10 rightly), 15 (14), 17 (16) and 21 (18),
#: the last adding figures of side phrases (a "$1 trillion" bill that a vote is teed up on, a press conference about a
#: "$1 trillion" cut); ECB+ dev at 4: 6 (4). README, *Confidence*.
FIGURE_ARCS = 4


#: One participant of a deed (``Claim.happens``): the names and numbers (as units) of its phrase, and the lemmas of its
#: nouns and proper nouns (the tagger's names are not always the recognizer's: "complaint against Facebook"), without
#: the clauses and appositions that describe it (``_ASIDES``): "a special rule for the polar bear" is (set(), {"rule",
#: "bear"}); ``NOBODY`` when the sentence says none.
Part = tuple[frozenset[str], frozenset[str]]
NOBODY: Part = (frozenset(), frozenset())
#: The nouns of a participant given by a pronoun ("she", "them"): someone only the sentences before tell.
_PRONOUN = "-pron-"
#: What describes a participant rather than tells which it is: "The Consumer Price Index, [which tracks ...]".
_ASIDES = frozenset({"relcl", "acl", "appos", "advcl"})


@dataclass(frozen=True)
class Claim:
    names: frozenset[str]
    numbers: frozenset[str]
    words: frozenset[str]
    events: frozenset[str]
    negated: bool
    hedged: bool
    #: The events of the main claim, each with whom it happens to: ("death", "n:bryan johnson") for a name,
    #: ("death", "d:officer") for a description, ("death", "") when the sentence does not say.
    acts: frozenset[tuple[str, str]] = frozenset()
    #: The actions of the main claim, each with whom it is done to: (main verb's lemma, "n:" + a name or
    #: "d:" + a noun), for a main verb that is an action ("accused Lerner", "jurors refused"), not
    #: saying or being; only when the sentence says to whom.
    deeds: frozenset[tuple[str, str]] = frozenset()
    #: The units (as ``units``) of the main claim alone: what a reporting verb reports ("X said that ..."), else
    #: the main clause, without side clauses (``SIDE``); all units when the sentence has no parse.
    core: frozenset[str] = frozenset()
    #: The main claim's predicates, as units: the verbs of its main clause that tell of a deed (not
    #: ``NOT_DEEDS``: "is", "has", "said") and the kinds of event there ("!death").
    verbs: frozenset[str] = frozenset()
    #: Every ``QUOTE_RUN`` words in a row (folded, without punctuation) inside quotation marks.
    quoted: frozenset[tuple[str, ...]] = frozenset()
    #: The ordinals it gives ("fourth", "1st" as "1"): "the fourth person charged" and "the first official to face
    #: charges" are two facts.
    ordinals: frozenset[str] = frozenset()
    #: What happens on the main claim, lemma-level (``happening``): for each main verb that tells of a deed, and each
    #: noun that names the deed under a verb that does not ("announced his resignation", "made the decision"), its
    #: stem with who does it and to whom (``Part``), and the names and numbers of what else it tells ("to 498,000").
    happens: frozenset[tuple[str, Part, Part, frozenset[str]]] = frozenset()
    #: A negation on the main claim's verbs (``negated`` reads the root alone: "said he would not resign" is negated here).
    denied: bool = False
    #: A modal on the main claim's verbs ("will vote", "would resign"): a plan or a condition, not a deed done.
    planned: bool = False
    #: The days it names, as words: weekdays ("tuesday"), "yesterday", "today", "tonight" and month days ("jun 29").
    days: frozenset[str] = frozenset()
    #: Its telling figures (``telling``) that the main claim gives close to its verb (``FIGURE_ARCS``): "fell to
    #: 498,000", "added 194,000 jobs", "demanded a $70 million payment"; not "$3.5 trillion" in "struck a compromise on
    #: the path forward to a vote on the resolution that the party wrote to spend $3.5 trillion".
    figures: frozenset[str] = frozenset()

    @cached_property  # made once: same_fact and agree read it for every pair (a field it is not: equality is the fields')
    def units(self) -> frozenset[str]:
        return self.names | {f"#{n}" for n in self.numbers} | self.words | {f"!{e}" for e in self.events}


#: Parts of one that a scale word may follow without a figure ("half a billion", "a quarter-trillion dollars").
FRACTIONS = {"half": 0.5, "quarter": 0.25}


def _number(tokens: list[str]) -> str | None:
    value: float | None = None
    one: float | None = None  # "a" or a fraction before a scale word with no figure: "a billion dollars" is one billion
    for text in tokens:
        low = text.lower().replace(",", "").lstrip("$£€")
        if low in ("a", "an") or low in FRACTIONS:
            one = FRACTIONS.get(low, one or 1.0)
        elif low in SCALE and (value is not None or one is not None):
            value = (value if value is not None else one or 1.0) * SCALE[low]
        elif low in NUMBER_WORDS:
            value = (value or 0) + NUMBER_WORDS[low]
        elif re.fullmatch(r"\d+(?:\.\d+)?", low):
            value = float(low)
        elif low.isalpha():
            one = None  # "a few million", "a couple million": no figure, however the scale word reads
    if value is None:
        return None
    return f"{value:g}"


#: What follows a surname and is no name of its own ("Keith Knowles Jr." is Knowles); fact boxes and grouping use it too.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def fold(text: str) -> str:
    """Lower case without accents: "Grünberg" and "Grunberg" are one name."""
    if text.isascii():
        return text.lower()  # ASCII is its own NFKD form and holds no combining mark
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _name(span: Sequence[Token]) -> str | None:
    """The name a run of tokens of one entity gives, as ``Claim.names`` holds it: a person is their surname
    ("Anthony LaSalle" and "LaSalle" are one name), without "Jr."; a group of people one word names, in the singular
    ("Americans" and "American" are one name); anything else is its words."""
    parts = [x.text for x in span if x.pos not in ("DET", "PUNCT") and x.tag != "POS"]
    if span and span[0].ent == "PERSON":
        parts = [p for p in parts if p.lower().rstrip(".") not in NAME_SUFFIXES] or parts
    if not parts:
        return None
    if span[0].ent == "NORP" and len(parts) == 1 and parts[0].endswith("s") and not parts[0].endswith("ss"):
        return fold(parts[0][:-1])  # a group is one name, one or many of it: "Americans", "American"; "Democrats", "Democrat"
    return fold(parts[-1] if span[0].ent == "PERSON" else " ".join(parts))


def name_at(toks: Sequence[Token], i: int) -> str | None:
    """The name (as ``Claim.names`` holds it) of the entity token ``i`` is part of, if it is part of a name."""
    ent = toks[i].ent
    if ent not in NAME_LABELS:
        return None
    j, k = i, i
    while j > 0 and toks[j - 1].ent == ent:
        j -= 1
    while k + 1 < len(toks) and toks[k + 1].ent == ent:
        k += 1
    return _name(toks[j : k + 1])


def claim(sent: Sentence) -> Claim:
    toks = sent.tokens
    names: set[str] = set()
    numbers: set[str] = set()
    words: set[str] = set()
    events: set[str] = set()
    root = next((k for k, t in enumerate(toks) if t.dep == "ROOT"), None)
    main, starts = _core(toks, root)
    arcs = _arcs(toks, starts)
    figures: set[str] = set()
    heads = set().union(*(main_clause(toks, k) for k in starts)) & (main or set())
    verbs = {
        f"!{_EVENT_OF[t.lemma.lower()]}" if t.lemma.lower() in _EVENT_OF else fold(t.lemma)
        for k, t in enumerate(toks)
        if k in heads and (t.lemma.lower() in _EVENT_OF or (t.pos == "VERB" and t.lemma.lower() not in NOT_DEEDS))
    }
    core: set[str] = set()
    unit_at: dict[int, str] = {}  # the name or number (as a unit) each token is part of
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.ent in NAME_LABELS:
            j = i
            while j + 1 < len(toks) and toks[j + 1].ent == t.ent:
                j += 1
            name = _name(toks[i : j + 1])
            if name:
                names.add(name)
                unit_at.update(dict.fromkeys(range(i, j + 1), name))
                if main is None or main & set(range(i, j + 1)):
                    core.add(name)
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
                if telling(value) and min(arcs.get(k, FIGURE_ARCS + 1) for k in range(i, j + 1)) <= FIGURE_ARCS:
                    figures.add(value)
                unit_at.update(dict.fromkeys(range(i, j + 1), f"#{value}"))
                if main is None or main & set(range(i, j + 1)):
                    core.add(f"#{value}")
            i = j + 1
            continue
        low = t.lemma.lower()
        unit = ""
        if low in _EVENT_OF:
            events.add(_EVENT_OF[low])
            unit = f"!{_EVENT_OF[low]}"
        elif t.pos in ("NOUN", "PROPN", "VERB", "ADJ") and not t.is_stop and len(low) > 2 and t.ent != "DATE":
            unit = fold(low)
            words.add(unit)
        if unit and (main is None or i in main):
            core.add(unit)
        i += 1
    negated = any(t.dep == "neg" and (root is None or t.head == root) for t in toks)
    return Claim(
        frozenset(names),
        frozenset(numbers),
        frozenset(words),
        frozenset(events),
        negated,
        hedge(sent) is not None,
        _acts(sent, root),
        _deeds(sent, root),
        frozenset(core),
        frozenset(verbs),
        _quoted(toks),
        frozenset(re.sub(r"(?<=\d)(?:st|nd|rd|th)$", "", fold(t.text)) for t in toks if t.ent == "ORDINAL"),
        happening(toks, heads, unit_at),
        any(t.dep == "neg" and t.head in heads for t in toks),
        any(t.tag == "MD" and t.head in heads for t in toks),
        _day_words(sent.text),
        frozenset(figures),
    )


def telling(value: str) -> bool:
    """A figure that names one thing in a story: a number of at least ``DISTINCT`` (years are no numbers here) or one
    with a fraction ("5.9", "4.8"): small whole numbers (ages, counts, days) coincide too often."""
    number = float(value)
    return number >= DISTINCT or number != int(number)


def _arcs(toks: Sequence[Token], starts: Sequence[int]) -> dict[int, int]:
    """For each token under one of the main claim's heads (``_core``), how many dependency arcs up to it."""
    out: dict[int, int] = {}
    for k in range(len(toks)):
        step, at, seen = 0, k, set()
        while at not in starts and toks[at].head != at and at not in seen:
            seen.add(at)
            at, step = toks[at].head, step + 1
        if at in starts:
            out[k] = step
    return out


#: Quotation marks that open or close a quotation (straight and curly double marks; single marks are also apostrophes).
_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


def _quoted(toks: Sequence[Token]) -> frozenset[tuple[str, ...]]:
    """The runs of ``QUOTE_RUN`` words inside quotation marks, but for a quoted title (every word of four letters or
    more capitalised: a film, a book, a headline). A sentence of a quotation that runs over several sentences may show
    only one of its marks: the words before a first mark that closes, and after a last mark that opens, are quoted too."""
    marks = [k for k, t in enumerate(toks) if t.text in _QUOTE_MARKS]
    if not marks:
        return frozenset()
    inside, spans, start = False, [], 0
    if toks[marks[0]].text == "\u201d":  # closes a quotation opened in an earlier sentence
        spans.append((0, marks[0]))
        marks = marks[1:]
    for k in marks:
        if inside:
            spans.append((start, k))
        else:
            start = k + 1
        inside = not inside
    if inside:  # opens a quotation that goes on in the next sentence
        spans.append((start, len(toks)))
    out: set[tuple[str, ...]] = set()
    for i, j in spans:
        if all(t.text[:1].isupper() for t in toks[i:j] if t.text.isalpha() and len(t.text) > 3):
            continue  # a title ("Take Me Out to the Ball Game"), not a statement
        words = [fold(t.text).replace("\u2019", "'") for t in toks[i:j] if t.pos not in ("PUNCT", "SPACE")]  # "don’t" is "don't"
        out.update(tuple(words[k : k + QUOTE_RUN]) for k in range(len(words) - QUOTE_RUN + 1))
    return frozenset(out)


def _core(toks: Sequence[Token], root: int | None) -> tuple[set[int] | None, list[int]]:
    """The tokens of the sentence's main claim (None without a parse): what a reporting verb at the root reports
    ("Police said [the man was armed]", "[...]," he said"), else the root's whole clause, either without the
    subtrees of side clauses (``SIDE``); and the heads of that claim (the reported clauses, else the root)."""
    if root is None:
        return None, []
    kids: dict[int, list[int]] = {}
    for k, t in enumerate(toks):
        if t.head != k:
            kids.setdefault(t.head, []).append(k)
    starts = [root]
    if toks[root].lemma.lower() in REPORTING_VERBS:
        starts = [k for k in kids.get(root, ()) if toks[k].dep in ("ccomp", "parataxis")] or starts
    keep: set[int] = set()
    todo = list(starts)
    while todo:
        k = todo.pop()
        keep.add(k)
        todo.extend(c for c in kids.get(k, ()) if toks[c].dep not in SIDE and c not in keep)
    return keep, starts


def main_names(claims: Sequence[Sequence[Claim]]) -> frozenset[str]:
    """The story's main participants: names stated in at least half of its articles (two at least),
    given the claims of each article's statements."""
    per_article = Counter(n for article in claims for n in set().union(*(c.names for c in article)) if article)
    need = max(2, math.ceil(len(claims) / 2))
    return frozenset(n for n, k in per_article.items() if k >= need)


#: Dependents of the main verb that carry the main claim: what a reporting verb reports, a second
#: verb, the state something is found in ("found dead").
_MAIN = ("ccomp", "conj", "xcomp", "oprd", "acomp", "parataxis")


def main_clause(toks: Sequence[Token], root: int) -> set[int]:
    """The tokens that carry a sentence's main claim: its root and the root's ``_MAIN`` dependents."""
    return {root} | {i for i, t in enumerate(toks) if t.head == root and t.dep in _MAIN}


#: Tags of a finite verb (past, present, modal): what makes a clause a statement.
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Clauses that modify a noun ("the gas [that cattle release]", "a photo [fashioned before Photoshop]").
_NOUN_CLAUSES = ("relcl", "acl")
#: Punctuation that ends an aside: a verb right after one ("The star, who returned on Sunday, covered up ...")
#: is the main verb the tagger took for a participle, not a clause about the noun before it.
_ASIDE_END = frozenset({",", "–", "—", "--", "-", ")"})


def is_clause(sent: Sentence) -> bool:
    """The sentence's main clause has a finite verb: not a noun phrase whose only verb is in a clause about one of
    its nouns ("The gas that livestock such as cattle release during digestion.", "A faux photo fashioned long
    before Photoshop, which was introduced in the late 1980s."). A root verb or auxiliary is a main clause (the
    tagger's past participles for past tenses included); under a noun root, a finite verb counts unless it is in
    a clause about a noun that has its own subject or relative pronoun ("that cattle release", "which was
    introduced"): without either, the parser hung the main verb on the subject. Sentences without a parse pass."""
    toks = sent.tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    if root is None or toks[root].pos in ("VERB", "AUX"):
        return True

    def subordinate(k: int) -> bool:
        own = [u for u in toks if toks[u.head] is not u and u.head == k]
        return any(u.dep in ("nsubj", "nsubjpass") or u.tag in ("WDT", "WP", "WP$", "WRB") for u in own)

    for i, t in enumerate(toks):
        participle = t.tag in ("VBN", "VBD") and t.dep in _NOUN_CLAUSES and i > 0 and toks[i - 1].text in _ASIDE_END
        if t.tag not in FINITE and not participle:
            continue
        k, seen = (t.head if participle else i), set()
        while k not in seen and not (toks[k].dep in _NOUN_CLAUSES and subordinate(k)):
            seen.add(k)
            if k == root or toks[k].head == k:
                return True
            k = toks[k].head
    return False


def definite_subject(sent: Sentence, lede: bool = False) -> str | None:
    """The noun of a bare definite subject that leans on a sentence before ("The company said", "The gushy profile,
    published ..., details", "The pair were reconvicted"), if the sentence opens with one; a name ("The Colorado
    Rockies") or a number ("The three oldest") is no bare noun; nor, in an article's lede (``lede``: there is no sentence before it to lean
    on), is a noun the sentence defines where it stands (``_defined``: "The number of people who identify as ...",
    "The final version of the elections bill was unveiled"). Deeper in an article such a noun still leans ("The extent
    of these deletions", "The woman who was a picture of health": which woman, the sentences before say)."""
    toks = sent.tokens
    words = [k for k, t in enumerate(toks) if t.pos not in ("PUNCT", "SPACE")]
    if len(words) < 3 or toks[words[0]].text.lower() != "the":
        return None
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)

    def subject(k: int) -> bool:
        return toks[k].dep in ("nsubj", "nsubjpass") and (root is None or toks[k].head == root)

    for k in words[1:5]:
        t = toks[k]
        if t.pos == "NOUN" and t.dep == "compound" and toks[t.head].pos == "NOUN" and t.head > k:
            continue  # "The study subjects were shown ...": which study, the sentences before say
        if t.pos == "NOUN" and t.dep == "poss" and toks[t.head].pos == "NOUN" and subject(t.head):
            named = any(u.head == t.head and u.pos == "PROPN" for u in toks)  # "The state's governor Ron DeSantis"
            return t.lemma.lower() if not named and not (lede and _defined(toks, k)) else None  # "The prince's lawyers"
        if t.pos == "NOUN":
            return t.lemma.lower() if subject(k) and not (lede and _defined(toks, k)) else None
        if t.pos != "ADJ":
            return None
    return None


#: Modifiers after a noun that say which one it is, where they stand: a clause ("the storm [that walloped the
#: Midwest]", "the bill [poised for a vote]") or an "of" phrase ("the number [of people ...]").
_DEFINING = frozenset({"relcl", "acl"})


def _defined(toks: Sequence[Token], k: int) -> bool:
    """The noun at ``k`` has a modifier after it that tells which one it is (``_DEFINING``, or "of" and its object), not
    set off by a comma (an aside, "The gushy profile, published ..., details", tells more of one already known)."""
    for j, t in enumerate(toks):
        if t.head != k or j <= k or any(toks[m].text in (",", "(", "—", "–", "--") for m in range(k + 1, j)):
            continue
        if t.dep in _DEFINING or (t.dep == "prep" and t.text.lower() == "of" and any(u.head == j and u.dep == "pobj" for u in toks)):
            return True
    return False


def _acts(sent: Sentence, root: int | None, event_of: dict[str, str] = _EVENT_OF, plain: bool = False) -> frozenset[tuple[str, str]]:
    """The kinds of event on the sentence's main claim, each with the one it happens to; ``plain``: only
    those not negated ("his body was not found") and not under a modal ("may have died")."""
    toks = sent.tokens
    if root is None:
        return frozenset()
    main = main_clause(toks, root)
    out = set()
    for i, t in enumerate(toks):
        kind = event_of.get(t.lemma.lower())
        if kind is None or not (i in main or t.head in main):
            continue
        if plain and any(u.head in (i, t.head) and (u.dep == "neg" or u.tag == "MD" or u.lemma.lower() == "no") for u in toks):
            continue
        out.add((kind, _patient(toks, i)))
    return frozenset(out)


def happenings(sent: Sentence, events: dict[str, set[str]]) -> frozenset[tuple[str, str]]:
    """``Claim.acts`` for another lexicon of events (kind -> lemmas), only those stated plainly (not negated,
    not under a modal): what open questions use to see that a result was reported ("X was found")."""
    root = next((k for k, t in enumerate(sent.tokens) if t.dep == "ROOT"), None)
    return _acts(sent, root, {lemma: kind for kind, lemmas in events.items() for lemma in lemmas}, plain=True)


#: Main verbs that are no action of their own, so no news event: being, having, saying, thinking (what
#: is said is the claim) and the light verbs ("make", "take", "get").
#: Main verbs that tell of no deed: being, having, seeming, saying, asking, knowing or wanting ("is in custody", "has a
#: name", "said", "wants"). The root of "X said ..." is not what happened (titles' ``_NO_EVENT``, ``NOT_DEEDS``).
NOT_NEWS = frozenset(
    {"be", "have", "do", "say", "tell", "add", "note", "write", "explain", "ask", "think", "know", "want", "seem", "appear"}
    | {"become", "remain"}
)
#: Main verbs with no deed of their own to compare: ``NOT_NEWS`` and light verbs whose deed is in their object
#: ("made a decision", "took part", "got a call"): summaries' test of an event, claims' deeds.
NOT_DEEDS = NOT_NEWS | {"get", "go", "come", "include", "make", "take"}


def _deeds(sent: Sentence, root: int | None) -> frozenset[tuple[str, str]]:
    """The actions on the sentence's main claim (main-clause verbs that are no event kind, no saying or
    being), each with the one it is done to, when the sentence names or describes it."""
    toks = sent.tokens
    if root is None:
        return frozenset()
    out = set()
    for i in sorted(main_clause(toks, root)):
        t = toks[i]
        low = t.lemma.lower()
        if t.pos != "VERB" or low in NOT_DEEDS or low in _EVENT_OF:
            continue
        who = _patient(toks, i)
        if who:
            out.add((low, who))
    return frozenset(out)


def _patient(toks: tuple, i: int) -> str:  # type: ignore[type-arg]
    """Whom the event at token ``i`` happens to: the object or passive subject of its verb, the
    subject of an intransitive verb or of the verb it describes ("was found dead"), or the owner
    of its noun ("his death", "the death of X"); a name as "n:" + name, else "d:" + the noun."""
    t = toks[i]
    kids = [j for j, u in enumerate(toks) if u.head == i and j != i]
    who: int | None = None
    if t.pos in ("VERB", "AUX"):
        who = next((j for j in kids if toks[j].dep in ("dobj", "nsubjpass")), None)
        if who is None:
            who = next((j for j in kids if toks[j].dep == "nsubj"), None)
    elif t.pos == "ADJ" and t.head != i:
        who = next((j for j, u in enumerate(toks) if u.head == t.head and u.dep in ("nsubj", "nsubjpass", "dobj") and j != i), None)
    elif t.pos in ("NOUN", "PROPN"):
        who = next((j for j in kids if toks[j].dep == "poss"), None)
        of = next((j for j in kids if toks[j].dep == "prep" and toks[j].text.lower() == "of"), None)
        if who is None and of is not None:
            who = next((j for j, u in enumerate(toks) if u.head == of and u.dep == "pobj"), None)
    if who is None:
        return ""
    w = toks[who]
    if w.pos == "PRON" or w.tag in ("PRP", "PRP$", "WP"):
        return ""
    if w.ent in NAME_LABELS:
        # the whole name ("devin lima"), so that a first name alone ("Devin") is the same one
        j, k = who, who
        while j > 0 and toks[j - 1].ent == w.ent and toks[j - 1].pos == "PROPN":
            j -= 1
        while k + 1 < len(toks) and toks[k + 1].ent == w.ent and toks[k + 1].pos == "PROPN":
            k += 1
        return "n:" + " ".join(x.text.lower() for x in toks[j : k + 1])
    return "d:" + w.lemma.lower()


def same_name(a: Iterable[str], b: Iterable[str]) -> bool:
    """The words of two names (lower case) that may name the same one: one name's words are all in the other's
    ("Devin" and "Devin Lima", "Lerner" and "Lois Lerner"); a shared word alone is not enough ("John Smith" and
    "John Doe", "North Korea" and "South Korea" are two)."""
    x, y = set(a), set(b)
    return bool(x) and bool(y) and (x <= y or y <= x)


def _same_one(a: str, b: str) -> bool:
    """Two mentions that may be the same one: unless both are names (``same_name``), or both descriptions, that
    differ (a name and a description of the story's one dead person are taken as the same person)."""
    if not a or not b:
        return True
    if a[:2] == b[:2] == "n:":
        return same_name(a[2:].split(), b[2:].split())
    return a == b or a[:2] != b[:2]


def _same_patient(a: str, b: str) -> bool:
    """Two mentions, both given, of the same one: one name within the other ("Lois Lerner", "Lerner"), or one noun."""
    if a[:2] == b[:2] == "n:":
        return _same_one(a, b)
    return bool(a) and a == b


def same_event(a: Claim, b: Claim) -> bool:
    """The same kind of event on both main claims, happening to the same one, neither negated alone."""
    return a.negated == b.negated and any(ka == kb and _same_one(pa, pb) for ka, pa in a.acts for kb, pb in b.acts)


def same_deed(a: Claim, b: Claim, *, named: bool = False) -> bool:
    """The same action on both main claims done to the same one ("accused Lois Lerner" / "accused Lerner", "Strzok
    has been fired" / "Peter Strzok was fired"), neither negated alone; ``named``: only to one both name."""
    return a.negated == b.negated and any(
        va == vb and _same_patient(pa, pb) and (not named or pa.startswith("n:")) for va, pa in a.deeds for vb, pb in b.deeds
    )


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


#: Derivational endings that make a noun of a verb ("resignation", "announcement", "approval", "passage", "shooting"),
#: longest first; with a verb's own "-ate" and final "e" ("nominate", "nomination": "nomin"). English morphology, not
#: tuned: a stem is only ever compared with another statement's stems.
_DERIVED = ("ation", "ition", "ment", "ance", "ence", "ion", "ure", "age", "ing", "ate", "al")
#: Main verbs whose deed, if any, is their object ("made the decision", "announced his resignation", "has the support
#: of"): the light and reporting verbs, not being ("is a member" names no deed), nor "deny", which turns its object
#: around ("denied wrongdoing" is no telling of "admitted wrongdoing": "deny" is the deed itself).
_LIGHT = (NOT_DEEDS - {"be", "become", "remain", "seem", "appear"}) | (REPORTING_VERBS - {"deny"}) | {"happen", "occur"}


def stem(lemma: str) -> str:
    """The stem a verb and the nouns made of it share, lemma-level: "resign" and "resignation", "approve" and
    "approval", "investigate" and "investigation" (``_DERIVED``; a stem keeps three letters at least, as the shortest
    English verbs that take these endings do: "sue", "act", "pay")."""
    word = fold(lemma)
    for end in _DERIVED:
        if word.endswith(end) and len(word) - len(end) >= 3:
            word = word[: -len(end)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


#: Dependents of a deed that tell more of it (how much, where, when: "rose 4.2%", "fell to 498,000", "won in Ohio"):
#: their names and numbers are the fourth member of each of ``Claim.happens``.
_TOLD = ("prep", "npadvmod", "advmod", "dative", "quantmod")


#: Complements that make a verb no deed of its own but a way of telling one: "tried [to silence]", "will begin [voting]",
#: "called on NAACP [to withdraw]", "looked [reinvigorated]", "called them [inadequate]". The deed, if any, is the
#: complement (a main-clause verb itself, ``main_clause``).
_LINKED = frozenset({"xcomp", "acomp", "attr", "oprd"})


#: Linking verbs besides ``NOT_NEWS``'s: how someone looks is no deed ("Rahman looked a shadow of the fighter", "started
#: to look in trouble").
_LINKING = frozenset({"look", "sound", "feel", "stay"})


def derived(noun: str) -> bool:
    """A noun made of a verb by a derivational ending (``_DERIVED``, not the verb's own "-ate"): "resignation",
    "approval", "shooting"; not "judge" or "plan"."""
    word = fold(noun)
    return any(word.endswith(end) and len(word) - len(end) >= 3 for end in _DERIVED if end != "ate")


def happening(toks: Sequence[Token], heads: Iterable[int], unit_at: Mapping[int, str]) -> frozenset[tuple[str, Part, Part, frozenset[str]]]:
    """``Claim.happens`` of the main claim's ``heads`` (``unit_at``: the name or number unit of each token that is part
    of one): each deed as the kind of event (``EVENTS``, as "!death") or the stem (``stem``) of a main verb that tells
    of one, and under a main verb that does not (``_LIGHT``) of the nouns that do: its object ("announced his
    resignation", "made the decision") or, for "happen" and "occur", its subject ("the shooting happened"); with who
    does it (the subject, a passive's "by", a noun's owner) and to whom (the object, a passive's subject, a noun's
    "of"), and the names and numbers of what else it tells (``_TOLD``). A verb with no subject of its own ("will begin
    voting", "was arrested and charged") has its head's."""
    kids: dict[int, list[int]] = {}
    for k, t in enumerate(toks):
        if t.head != k:
            kids.setdefault(t.head, []).append(k)

    def part(k: int | None) -> Part:
        if k is None:
            return NOBODY
        if toks[k].pos == "PRON" and toks[k].text.lower().endswith(("self", "selves")):
            return NOBODY  # "checked herself into rehab": the subject itself, already a participant
        if toks[k].pos == "PRON":
            return frozenset(), frozenset({_PRONOUN})  # someone, but who only the sentences before tell
        seen, todo = set(), [k]
        while todo:
            j = todo.pop()
            seen.add(j)
            todo.extend(c for c in kids.get(j, ()) if toks[c].dep not in _ASIDES)
        return frozenset(unit_at[j] for j in seen if j in unit_at), frozenset(
            fold(toks[j].lemma) for j in seen if toks[j].pos in ("NOUN", "PROPN")
        )

    def dep(i: int, *deps: str) -> int | None:
        return next((j for j in kids.get(i, ()) if toks[j].dep in deps), None)

    def by(i: int, *preps: str) -> int | None:
        p = next((j for j in kids.get(i, ()) if toks[j].dep in ("agent", "prep") and toks[j].text.lower() in preps), None)
        return None if p is None else dep(p, "pobj")

    def subject(i: int) -> tuple[int | None, int | None]:
        """Who does the verb at ``i`` and to whom it is done, as its subject tells: (agent, patient). A verb with no
        subject of its own has its head's, an agent unless the verb is a passive participle ("was elected to the
        Senate and served five terms": Warner serves; "was arrested and charged": the man is charged)."""
        k, seen = i, set()
        while k not in seen:
            seen.add(k)
            active, passive = dep(k, "nsubj"), dep(k, "nsubjpass")
            if active is not None or passive is not None or toks[k].dep not in ("xcomp", "conj") or toks[k].head == k:
                if k == i or (active is None and passive is None):
                    return active, passive
                who = active if active is not None else passive
                return (None, who) if toks[i].tag == "VBN" else (who, None)
            k = toks[k].head
        return None, None

    out = set()
    for i in heads:
        t = toks[i]
        low = t.lemma.lower()
        if t.pos not in ("VERB", "AUX"):
            continue
        if any(toks[j].dep in _LINKED for j in kids.get(i, ())):
            continue  # "tried to silence", "began voting", "looked reinvigorated": the deed, if any, is what follows
        agent, patient = subject(i)
        if low in _EVENT_OF or (t.pos == "VERB" and low not in _LIGHT and low not in NOT_DEEDS and low not in _LINKING):
            # a phrasal verb is a verb of its own: "call off" is not "call"
            particle = " ".join(toks[j].text.lower() for j in kids.get(i, ()) if toks[j].dep == "prt")
            key = f"!{_EVENT_OF[low]}" if low in _EVENT_OF else " ".join(filter(None, (stem(low), particle)))
            doer = agent if agent is not None else by(i, "by")
            done = patient if patient is not None else dep(i, "dobj")
            told = frozenset().union(*(part(j)[0] for j in kids.get(i, ()) if toks[j].dep in _TOLD))
            out.add((key, part(doer), part(done), told))
        elif low in _LIGHT:
            for u in kids.get(i, ()):
                happen = low in ("happen", "occur")
                if toks[u].pos != "NOUN" or toks[u].dep not in (("nsubj", "nsubjpass") if happen else ("dobj",)):
                    continue
                kind = _EVENT_OF.get(toks[u].lemma.lower())
                if kind is None and not derived(toks[u].lemma):
                    continue  # "told a judge", "announced the plan": a noun that names no deed
                doer = dep(u, "poss")  # "her resignation" is the subject's own: a pronoun owner gives way to it
                doer = doer if doer is not None and toks[doer].pos != "PRON" else by(u, "by")
                doer = doer if doer is not None or happen else agent
                told = frozenset().union(*(part(j)[0] for j in kids.get(u, ()) if toks[j].dep in _TOLD))
                out.add((f"!{kind}" if kind else stem(toks[u].lemma), part(doer), part(by(u, "of", "against", "on")), told))
    return frozenset(out)


_DAY_WORDS = re.compile(
    rf"\b(?:({DAY_NAME}|[Yy]esterday|[Tt]oday|[Tt]onight)|({MONTH_NAME})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_NAME})\b)"
)


def _day_words(text: str) -> frozenset[str]:
    """``Claim.days``: the weekdays a sentence names ("tuesday"), "yesterday", "today" and "tonight", and its month days
    ("jun 29"), as written (not resolved against the article's date: "Tuesday" and "June 29" are two days to this)."""
    out = set()
    for m in _DAY_WORDS.finditer(text):
        if m.group(1):
            out.add(m.group(1).lower())
        else:
            month, day = (m.group(2), m.group(3)) if m.group(2) else (m.group(5), m.group(4))
            out.add(f"{month[:3].lower()} {int(day)}")
    return frozenset(out)


def _same_unit(x: str, y: str) -> bool:
    """Two units (names, "#" numbers) of one participant: equal, or two names of two words or more one of which has all
    the other's words ("U.S. Census Bureau", "Census Bureau"; not "House" and "House Rules Committee")."""
    if x == y:
        return True
    if x[:1] == "#" or y[:1] == "#":
        return False
    a, b = x.split(), y.split()
    return min(len(a), len(b)) > 1 and same_name(a, b)


def _meets(xs: Iterable[str], ys: Iterable[str]) -> bool:
    return any(_same_unit(x, y) for x in xs for y in ys)


def _within(xs: Iterable[str], ys: Iterable[str]) -> bool:
    return all(_meets((x,), ys) for x in xs)


def _together(a: Part, b: Part) -> bool:
    """Two participants of one deed that may be the same one: neither a pronoun ("she", "them": who only the sentences
    before tell), and either unsaid, a name or number in common, or, where either names no one, the nouns of one all
    among the other's ("the bill", "the infrastructure bill"; not "rules changing the way it administers the act" and
    "a special rule for the polar bear")."""
    if _PRONOUN in a[1] | b[1]:
        return False  # "she": who only the sentences before tell, so no one this can match
    if a == NOBODY or b == NOBODY:
        return True
    if a[0] and b[0]:
        return _meets(a[0], b[0])
    return bool(a[1] and b[1]) and (a[1] <= b[1] or b[1] <= a[1])


def restates(a: Claim, b: Claim) -> bool:
    """Two statements that state one fact in other words: the same deed on both main claims (``happens``: one main
    verb, or a verb and its nominalisation, "resigned" and "announced his resignation") by and to the same ones
    (``_together``), with a name or number of the deed in common (of who, to whom, or what else it tells: "fell to
    498,000") and all of one's names and numbers of it given by the other statement, with no number, ordinal or day
    against (both give some and share none), and neither negates, hedges or puts under a modal ("will vote", "would
    resign") what the other states plainly. Evidence from the parse and lemmas alone (the model has no word vectors):
    "fell" and "dropped", or "ousted" and "voted to purge", are two deeds to it."""
    if (a.negated, a.denied, a.hedged, a.planned) != (b.negated, b.denied, b.hedged, b.planned):
        return False
    if number_against(a, b) or (a.days and b.days and not a.days & b.days):
        return False
    for ka, da, pa, ta in a.happens:
        for kb, db, pb, tb in b.happens:
            if ka != kb or not _together(da, db) or not _together(pa, pb):
                continue
            mine, theirs = da[0] | pa[0] | ta, db[0] | pb[0] | tb
            if _meets(mine, theirs) and (_within(mine, b.units) or _within(theirs, a.units)):
                return True  # a name or number of it in common, and none of one that the other does not give
    return False


#: Significant digits a figure must have to be taken as a round figure of another: "1,100" or "212,000" round an exact
#: count ("1,175 points", "212,672 migrants"), "1 million" is too coarse to say which (it rounds "1.4 million" too).
ROUND_DIGITS = 2


def _round_unit(x: float) -> int | None:
    """The unit a round figure is given in ("1,100": 100; "212,000": 1,000), or None: not a whole number, fewer than
    ``ROUND_DIGITS`` significant digits, or fewer than two zeros at its end ("1,170" is as likely a count as a
    rounding)."""
    if x != int(x) or x < DISTINCT:
        return None
    digits = str(int(x))
    zeros = len(digits) - len(digits.rstrip("0"))
    return 10**zeros if zeros >= 2 and len(digits) - zeros >= ROUND_DIGITS else None


def same_figure(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two sentences' figures (``Claim.numbers``) name one thing: a number of ``DISTINCT`` or more in both ("1,420
    subjects", "a sample of 1,420 children"), or one a round figure of the other, within one of its units ("plunged
    more than 1,100 points" and "shed 1,175 points"; "over 212,000 migrants" and "212,672 migrants")."""
    xs, ys = [float(n) for n in a], [float(n) for n in b]
    for x in xs:
        for y in ys:
            if x < DISTINCT or y < DISTINCT:
                continue
            if x == y:
                return True
            unit = max(_round_unit(x) or 0, _round_unit(y) or 0)  # the coarser figure rounds the finer
            if abs(x - y) < unit:
                return True
    return False


def _figure_keys(numbers: Iterable[str]) -> set[tuple[str, int, int]]:
    """Keys two claims share whenever ``same_figure`` may hold between them by rounding: a figure's value in each unit
    of 100 or more, floored, and a round figure's value less one unit in its own unit."""
    keys: set[tuple[str, int, int]] = set()
    for n in numbers:
        x = float(n)
        if x < DISTINCT or x != int(x):
            continue
        unit = 100
        while unit <= x:
            keys.add(("~", unit, int(x) // unit))
            unit *= 10
        own = _round_unit(x)
        if own:
            keys.add(("~", own, int(x) // own - 1))
    return keys


def same_fact(a: Claim, b: Claim) -> bool:
    """Two sentences that tell the reader the same thing: the same numbers about the same
    names or event, one event of the same people, one deed in other words (``restates``), or mostly the same words."""
    if a.numbers & b.numbers and (a.names & b.names or a.events & b.events or len(a.words & b.words) >= 2):
        return True
    if same_figure(a.numbers, b.numbers):
        return True  # "1,420 subjects" and "a sample of 1,420 children": one telling number is one fact, or its round figure
    if a.events & b.events and a.names & b.names and a.negated == b.negated:
        return True
    if same_event(a, b):
        return True
    if same_deed(a, b):
        return True  # the same action done to the same one ("accused Lois Lerner", "jurors refused to serve")
    if restates(a, b):
        return True  # the same deed by or to the same named ones in other words ("resigned", "announced his resignation")
    ua, ub = a.units, b.units
    return len(ua & ub) >= SHARED and _cosine(ua, ub) >= SAME


#: How far below SAME a cosine computed by ``same_fact_pairs`` may be and the pair still be compared: a margin for
#: rounding (its cosine and ``_cosine``'s are the same quotient of the same integers, each a few ulps off the exact
#: value at most, about 1e-16), so that no pair ``same_fact`` would accept is left out. Any margin above that works.
_ROUNDING = 1e-9


def same_fact_pairs(claims: Sequence[Claim], groups: Sequence[Hashable]) -> list[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of claims from different groups (a story's articles) that state the same
    fact: ``[(i, j) for i < j if groups[i] != groups[j] and same_fact(claims[i], claims[j])]``, in that order, with
    ``same_fact`` called only on the pairs that can pass it.

    Which pairs can: ``same_fact`` returns True only through one of its seven tests, and each needs the two claims to
    share something this finds for every pair at once (a matrix product of which claim holds which key):

    1. ``a.numbers & b.numbers and (...)``: a number;
    2. ``same_figure``: a number, or a figure and its round figure, which share a key of ``_figure_keys``;
    3. ``a.events & b.events and a.names & b.names and ...``: an event kind and a name, so an (event, name)
       key of the first is one of the second's (each claim's keys are its events times its names);
    4. ``same_event``: ``any(ka == kb and ... for ka, pa in a.acts for kb, pb in b.acts)``: the kind of an act;
    5. ``any(va == vb and ... for va, pa in a.deeds for vb, pb in b.deeds)``: the verb of a deed;
    6. ``restates``: ``any(ka == kb and ... for ka, ... in a.happens for kb, ... in b.happens)``: the key of a deed;
    7. ``len(ua & ub) >= SHARED and _cosine(ua, ub) >= SAME`` over ``units``: SHARED units or more, counted here
       exactly, at a cosine of at least SAME (less ``_ROUNDING``: the same quotient of the same counts).

    A pair sharing none of these fails all seven, and ``same_fact`` would return False for it; every other pair is
    decided by ``same_fact`` itself, so the result is the pairwise one (tests/test_summarize.py compares them).
    """
    n = len(claims)
    if n < 2:
        return []
    units = [c.units for c in claims]
    keys = [
        {("#", x) for x in c.numbers}
        | _figure_keys(c.numbers)
        | {("!", e, name) for e in c.events for name in c.names}
        | {("act", kind) for kind, _ in c.acts}
        | {("deed", verb) for verb, _ in c.deeds}
        | {("happens", x[0]) for x in c.happens}
        for c in claims
    ]
    shared = _overlaps(units)
    sizes = np.array([len(u) for u in units], dtype=float)
    scale = np.sqrt(np.outer(sizes, sizes))
    cosine = np.divide(shared, scale, out=np.zeros_like(shared), where=scale > 0)
    maybe = ((shared >= SHARED) & (cosine >= SAME - _ROUNDING)) | (_overlaps(keys) > 0)
    index = {g: k for k, g in enumerate(dict.fromkeys(groups))}
    group = np.array([index[g] for g in groups])
    maybe &= group[:, None] != group[None, :]
    rows, cols = np.nonzero(np.triu(maybe, 1))
    return [(i, j) for i, j in zip(rows.tolist(), cols.tolist(), strict=True) if same_fact(claims[i], claims[j])]


def _overlaps(sets: Sequence[Iterable[Hashable]]) -> np.ndarray:
    """How many members each two of ``sets`` share, as a square matrix of floats holding whole numbers (exact:
    sums of ones far below 2**24)."""
    vocab: dict[Hashable, int] = {}
    cells = [(r, vocab.setdefault(x, len(vocab))) for r, s in enumerate(sets) for x in s]
    held = np.zeros((len(sets), max(1, len(vocab))), dtype=np.float32)
    if cells:
        rows, cols = zip(*cells, strict=True)
        held[list(rows), list(cols)] = 1.0
    return np.asarray(held @ held.T, dtype=float)


class Claims:
    """Each sentence's claim, read once: ``claims(sent)`` is ``claim(sent)``, remembered by the sentence's identity.
    Made for one story's brief and dropped with it; an entry keeps its sentence alive, so no other sentence can
    take its id while the memo lives."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Sentence, Claim]] = {}

    def __call__(self, sent: Sentence) -> Claim:
        hit = self._memo.get(id(sent))
        if hit is None:
            hit = self._memo[id(sent)] = (sent, claim(sent))
        return hit[1]


def number_against(a: Claim, b: Claim) -> bool:
    """Both give numbers and share none: "12 people were injured" and "18 people were injured" (or two counts of two
    things, which is not the same claim either); or both give ordinals and share none ("the fourth person charged",
    "the first official to face charges")."""
    return bool(a.numbers and b.numbers and not a.numbers & b.numbers) or bool(a.ordinals and b.ordinals and not a.ordinals & b.ordinals)


def same_lede(a: Claim, b: Claim, main: frozenset[str], things: frozenset[str] = frozenset()) -> bool:
    """Two articles' ledes (their first news statements) that name the same one of the story's ``main`` participants,
    or share two of ``things`` (the words most of its ledes tell of: summarize.py ``lede_things``; "A federal judge
    vacated the nationwide moratorium on evictions" and "Federal Judge Dabney Friedrich struck down the national
    eviction moratorium", the judge named in one only), and agree: neither negates nor hedges what the other states
    plainly, and no number against. Every report of one event opens by stating it, so two such ledes of one day state
    one fact however their words differ ("Senator Maria Lopez lost her primary on Tuesday night", "Tom Reed celebrated
    his upset win over Maria Lopez on Tuesday night"); the day is the caller's to compare (summarize.py ``same_ledes``)."""
    told = bool(a.names & b.names & main) or len(a.words & b.words & things) >= 2
    return told and a.negated == b.negated and a.hedged == b.hedged and not number_against(a, b)


#: The verbs of saying as units: two quotes of one speaker share "said" whatever they say.
_SAYING = frozenset(REPORTING_VERBS)


def lede_agree(a: Claim, b: Claim) -> bool:
    """``b``, another outlet's lede that reports one event with the lede ``a`` (``same_lede``), states ``a``'s claim:
    at least ``SHARED`` units in common and a cosine of ``LEDE_AGREE``, without the verbs of saying. The confidence
    labels count such a lede's article as a source of ``a``; the summary tells the two ledes once either way."""
    ua, ub = a.units - _SAYING, b.units - _SAYING
    return len(ua & ub) >= SHARED and _cosine(ua, ub) >= LEDE_AGREE


#: Significant digits (without trailing zeros) that make a figure exact: "136,927", "2,174" or "5012" are rarely given
#: by chance by two reports of other things, "1,500", "300 million" or "76" often are. Four is the fewest that leaves
#: round and small figures out; a year is no figure.
EXACT_DIGITS = 4


def exact_figure(a: Claim, b: Claim) -> bool:
    """``b`` gives an exact figure of ``a``'s main claim (``EXACT_DIGITS``: "$136,927.07", "2,174 adults") and names one
    of the main claim's names, with no number against it, neither denying nor planning what the other tells: another
    report of the same fact in other words ("handed over a check for $136,927.07" / "received a payment of $136,927.07
    from Aaron Klein"). Hedging is ``agree``'s to compare first."""
    if (a.planned, a.denied) != (b.planned, b.denied):
        return False  # "did not pay the $136,927.07", "will pay": not the payment made
    exact = {u[1:] for u in a.core if u[:1] == "#" and _exact(u[1:])} & b.numbers
    return bool(exact and a.core & a.names & b.names and not number_against(a, b))


def _exact(number: str) -> bool:
    digits = number.replace(".", "").lstrip("0").rstrip("0")
    return digits.isdigit() and len(digits) >= EXACT_DIGITS and not (len(number) == 4 and 1800 <= int(number) <= 2100)


def gives_figure(a: Claim, b: Claim) -> bool:
    """``b`` gives ``a``'s telling figure of its main claim (``Claim.figures``: "5.9%", "about 12 million documents",
    "a 252-to-175 vote") with all the main claim's numbers and a word of it besides (stem-level: "hospitalization",
    "hospitalized"), and neither puts under a modal what the other states, nor gives another number, ordinal or day."""
    if not a.figures & b.numbers or (a.planned, a.denied) != (b.planned, b.denied) or number_against(a, b):
        return False
    if a.days and b.days and not a.days & b.days:
        return False
    if not {u[1:] for u in a.core if u[:1] == "#"} <= b.numbers:
        return False
    words = {stem(u) for u in a.core if u[:1] not in "#!" and u not in a.names}
    return bool(words & {stem(u) for u in b.words})


def agree(a: Claim, b: Claim) -> bool:
    """``b`` states ``a``'s claim, and neither negates or hedges what ``a`` states plainly:

    - the same words of a speaker quoted in both (``QUOTE_RUN`` words in a row inside quotation marks);
    - one deed in other words (``restates``: the rule the summary's ``same_fact`` reads too);
    - the main claim's telling figure with its numbers and a word of it (``gives_figure``: "added 194,000 jobs",
      "created 194,000 new jobs");
    - the same event in other words (``same_event``), or the same action done to the same one named in both
      (``same_deed``), among the names of ``a``'s main claim, with no number or ordinal against it (``number_against``);
    - ``a``'s numbers, at least half of its names and enough of the rest in common (``AGREE``), among them
      a word, number or event of its main claim (``Claim.core``: without the speaker of a report and appositions, which are not what
      the sentence asserts: "Poe said Turner, convicted of ..., should face tougher penalties" is not
      stated by a report of the conviction);
    - or, in other words: ``a``'s main verb (``Claim.verbs``) and most of its main claim (``RESTATE``),
      with the main claim's numbers and one of its names at least, and no number against it.
    """
    if b.hedged and not a.hedged:
        return False
    if a.quoted & b.quoted:
        return True  # the same words of a speaker quoted by both, negation and all: one statement reported twice
    if a.negated != b.negated:
        return False
    if restates(a, b):
        return True  # one fact in other words: the same deed by or to the same named ones, nothing against it
    if gives_figure(a, b):
        return True  # the main claim's telling figure, its numbers and a word of it ("5.9%" of inflation in both)
    if exact_figure(a, b):
        return True  # "handed over a check for $136,927.07" / "received a payment of $136,927.07 from Aaron Klein"
    if same_event(a, b) and not number_against(a, b):
        return True  # the same event in its own words ("was found dead" / "the death of"), no number against it
    names = a.core & a.names
    if same_deed(a, b, named=True) and not number_against(a, b) and (not names or names & b.names):
        return True  # the same action done to the same one named in both ("Strzok has been fired" / "fired Strzok")
    found = a.core & b.units
    if a.core and not found - a.names:
        return False  # nothing of the main claim but its names: the same topic, not the same claim
    if a.numbers <= b.numbers and not number_against(a, b) and not (a.names and 2 * len(a.names & b.names) < len(a.names)):
        ua, ub = a.units - _SAYING, b.units - _SAYING  # "X said" in both is who spoke, not what
        if len(ua & ub) >= SHARED and _cosine(ua, ub) >= AGREE:
            return True
    numbers = {u[1:] for u in a.core if u.startswith("#")}
    if not numbers <= b.numbers or number_against(a, b):
        return False
    if names and not names & b.names:
        return False
    return bool(a.verbs & b.units) and len(found) >= SHARED and len(found) >= RESTATE * len(a.core)
