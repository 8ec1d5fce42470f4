"""When does a sentence answer an open question?

A question's ``Focus`` is its predicate (with a few synonyms), the content words around it and the
names among them. A sentence answers the question when it states that predicate about the same
things as a plain assertion: not negated, not under a modal, a plan, a hedge or a "whether", and,
for a wh-question, with the kind of word the question asks for (a number for "how many", a cause
for "why", a place for "where"). Used three ways: to drop a question the story's own summary or
another of its sources answers, and to say on the what-changed page which questions of the previous
edition new articles answered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass

from briefgen.facts.lexicon import role_noun
from briefgen.facts.syntax import role_spans
from briefgen.models import Sentence, Token
from briefgen.questions.kinds import ANNOUNCE, KNOWABLE, PLAN, UNCLEAR, VERIFY, Found, personal
from briefgen.questions.parse import ENTITY, GENERIC, UNASKED, WH, Kids, children, key_stems, stem, subtree
from briefgen.text import claims
from briefgen.text.claims import EVENTS, happenings
from briefgen.text.dates import WEEKDAYS
from briefgen.text.hedges import reported

SYNONYMS = [
    {"reverse", "overturn", "rescind", "repeal", "scrap"},
    {"close", "shut"},
    {"resign", "quit"},
    {"arrive", "land", "reach"},
    {"fire", "dismiss", "sack"},
    {"arrest", "detain"},
    {"charge", "indict"},
    {"release", "free"},
    {"host", "emcee"},
    {"sign", "agree"},
    {"decide", "rule"},
    {"vote", "pass", "approve", "reject"},
    {"talk", "discuss", "negotiate"},  # "were still discussing a merger": the talks go on
]  # a decision taken answers "Will X decide?"
FRAME_PRED = {
    "whereabouts": {"whereabouts", "location", "arrive", "stay", "live", "hide", "locate", "find", "discover"},
    "location": {"location", "locate", "find", "discover"},  # "the wreck was found 1 km down": where it is
    "cause": {"cause", "start", "spark", "trigger", "blame"},  # "the fire was started by a heater": what caused it
    "motive": {"motive", "because"},
    "reason": {"reason", "because"},
    "identity": {"identify", "name"},
    "name": {"identify", "name"},
    "toll": {"toll", "kill", "die"},
}
HEDGED = {
    "reportedly",
    "allegedly",
    "apparently",
    "possibly",
    "likely",
    "probably",
    "perhaps",
    "maybe",
    "unconfirmed",
    "rumor",
    "whether",
    "if",
    "believe",
    "suspect",
    "seem",
    "appear",
    "expect",
    "plan",
    "hope",
    "investigate",
    "try",
    "unverified",
    "allege",  # "police allege", "alleged", "allegedly": what is alleged is not yet stated as fact
    "allegation",  # "contest police allegations that Gray pointed a gun": a report of the allegation answers nothing
    "accuse",
    "accusation",
    "assertion",  # "differs from Kelly's assertion that Gray had pointed a revolver": reported, not stated
    "contention",
}
MODAL = {"will", "would", "shall", "may", "might", "could", "can", "should", "must", "'ll", "wo", "ca"}
CAUSAL = {"because", "due", "reason", "motive", "cause", "blame", "over", "after"}
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
DATED = {"DATE", "TIME"}
LIGHT = GENERIC | {"take", "go", "come", "put", "give", "keep", "need", "want"}  # say nothing without their object
BEFORE = {"previously", "first", "once", "formerly", "earlier", "ago", "last", "before", "already"}
ANYONE = {"anyone", "anybody", "anything", "someone", "somebody", "something"}  # a yes/no question's open subject
NOBODY = {"nobody", "none", "nothing", "no"}  # its plain "no": "nobody else was", "no one else was"


#: Results that answer a question about the state before them (the story has moved past it). Where they
#: came from: the judge's reasons on held-out rows ("Was X alive?" beside "his body was found", "Where is
#: the wreck?" in the story of its discovery, nominees counted after the nomination); the kinds of event
#: are ``claims.EVENTS``' where it has them, so "died", "the death of" and "his body" are one result.
#:
#: - ``FATE``: the predicates of a question about a person's fate or life ("Where is X?", "What happened to
#:   X?", "Was X alive?", "Did X survive?", "Is X safe?"), answered by a death, a finding, a rescue or an
#:   arrest (``RESULTS``) that the story reports of that person, by name;
#: - ``FOUND``: "Where is X?" of a thing is answered by X found, located or discovered, with a place named;
#: - ``CHOICE``: a question about candidates, nominees or a pick, answered by the choice made (``CHOSEN``)
#:   in a sentence sharing its topic.
FATE = frozenset({"alive", "survive", "safe", "whereabouts", "location", "fate", "happen"})  # "happen": "What happened to X?"
FOUND = frozenset({"find", "locate", "discover"})
RESULTS = {"death": EVENTS["death"], "arrest": EVENTS["arrest"], "found": set(FOUND), "rescue": {"rescue"}}
#: Nouns of a death that, owned by a person's name anywhere in a sentence, state it ("charges in connection with Jordan
#: Belliveau's death"): a side phrase as much as a main clause answers "Was Belliveau alive?". Not "body", which a
#: search for someone's body names before anyone is found.
DEATH_NOUNS = frozenset({"death", "killing", "murder", "slaying", "drowning"})
CHOSEN = frozenset({"nominate", "pick", "choose", "name", "appoint", "select", "tap"})
#: Each choice noun with the verbs that make its choice: a nomination is made by nominating ("Jackman was
#: named host of the Oscars" makes no Oscar nominations), a pick or a candidate's choice by any of them.
CHOICE: dict[str, frozenset[str]] = {"nominee": frozenset({"nominate"}), "nomination": frozenset({"nominate"})}
CHOICE |= dict.fromkeys(("candidate", "contender", "finalist", "shortlist", "pick", "choice", "successor"), CHOSEN)
QUALIFIED = frozenset({"potential", "possible", "likely", "top", "consideration", "list"})  # words of any choice, no topic
PLACES = ("GPE", "LOC", "FAC")
#: Verbs that say nothing but that their object happened: "made an appearance" (appeared), "held talks" (talked),
#: "conducted an investigation", "paid a visit".
LIGHT_VERBS = frozenset({"make", "hold", "have", "conduct", "pay", "give", "carry", "stage"})
#: Endings that make a noun of a verb ("appearance", "arrival", "investigation", "payment"), for ``nominal``.
NOMINAL = ("", "s", "ance", "ence", "al", "ion", "ation", "ment", "ure")


def nominals(preds: Set[str]) -> frozenset[str]:
    """The nouns the predicates ``preds`` (stems) make: "appearance" of "appear", "arrival" of "arrive", "visit" of
    "visit"."""
    return frozenset(base + end for p in preds if len(p) >= 4 for base in {p, p.removesuffix("e")} for end in NOMINAL)


def nominal(noun: str, preds: Set[str]) -> bool:
    """``noun`` is one of the predicates ``preds`` made a noun (``nominals``)."""
    return noun.lower() in nominals(preds)


#: Verbs that ask whether an event goes on rather than what happens: "Were the talks continuing?".
ASPECTUAL = frozenset({"continue", "resume", "proceed"})
#: Words that say an event goes on, which an answer to an aspectual question must hold ("were still discussing").
ONGOING = frozenset({"still", "continue", "resume", "ongoing", "proceed"})
#: A question about what is to come: "what will happen", "what would happen".
FUTURE = frozenset({"will", "would", "'ll", "shall"})
#: Acts of going somewhere, which answer for each other when a why-question asks what a visit or a trip was for: "Ortiz
#: had gone to the apartment to question a woman" says what was behind Ortiz's visit.
MOTION = frozenset({"visit", "go", "come", "travel", "return", "head", "trip"})
#: Words that open a purpose or the business one was on: "went there to question a woman", "was shot while
#: investigating a shooting", "so that", "in order to".
PURPOSE = frozenset({"to", "while", "because", "so", "order"})
#: Papers and sources a sentence can lean on with a verb ``hedges.reported`` does not count ("documents show", "a memo
#: reveals", "sources familiar with the talks"): a claim stated in such a sentence is still only a claim.
ATTRIBUTED = frozenset({"report", "source", "memo", "document", "letter"})


@dataclass(frozen=True)
class Focus:
    kind: str
    wh: str  # "" for a yes/no question
    pred: frozenset[str]  # stems of the predicate and its synonyms
    args: frozenset[str]  # content stems around it
    names: frozenset[str]  # the args that are names
    dated: frozenset[str] = frozenset()  # words of its dates and times ("next", "year")
    pos: str = "VERB"  # of the predicate
    subj: str = ""  # stem of the subject's head noun, when it is one
    light: str = ""  # the predicate's lemma when it says nothing alone ("be" of "Was anyone else in the building?")
    anyone: bool = False  # the subject is "anyone", "someone", ...
    people: frozenset[str] = frozenset()  # the words of the people's names it is about ("edith", "bouvier")
    topic: frozenset[str] = frozenset()  # a choice's topic (``CHOICE``): its noun's modifiers and the sentence's names
    chosen: frozenset[str] = frozenset()  # the verbs that make that choice (``CHOICE``)
    # the args only in the predicate's adjuncts ("at an extraordinary session", "on Oct. 15"): what a report that the
    # plan happened need not repeat ("Parliament formally elected Lahoud" answers "Will Lahoud be elected by the
    # Parliament at an extraordinary session on Oct. 15?")
    adjunct: frozenset[str] = frozenset()
    # "What will happen to the pirates?": the stem of the noun whose fate to come it asks ("pirate"; ``fated``)
    target: str = ""
    # "Why did Ortiz go there?", "What was behind Ortiz's visit?": the stems of the act whose purpose it asks (with
    # ``MOTION`` for a visit or a trip; ``purposed``)
    act: frozenset[str] = frozenset()
    # "Were the talks continuing?": a question whether an event goes on (``ASPECTUAL``), whose predicate is then the
    # event's own (talk, discuss, negotiate) and whose answer must say it still does ("were still discussing")
    aspect: bool = False


#: Dependents of a predicate that say when, where or how, not who or what: a plan's outcome need not repeat them.
ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "tmod"})
#: Day words an outcome's report names instead of the plan's date ("elected Lahoud on Thursday").
RELATIVE_DAYS = frozenset(WEEKDAYS) | {"today", "yesterday", "tonight"}


def _content(t: Token) -> bool:
    low = t.lemma.lower()
    return (
        t.pos in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
        and not t.is_stop
        and len(low) > 2
        and low not in GENERIC | UNASKED
        and t.ent not in DATED
    )


def _is_name(t: Token) -> bool:
    return (t.pos == "PROPN" or t.ent in ENTITY) and t.ent not in NOT_NAMES


def predicate(toks: tuple[Token, ...], head: int) -> int:
    """The word carrying the meaning: "was relevant" -> relevant, "is host" -> host."""
    if toks[head].lemma.lower() == "be":
        return next((c for c, t in enumerate(toks) if t.head == head and c != head and t.dep in ("acomp", "attr")), head)
    return head


def _preds(lemma: str) -> set[str]:
    low = lemma.lower()
    out = {stem(low)} | FRAME_PRED.get(low, set())
    for group in SYNONYMS:
        if low in group:
            out |= group
    return out


def focus(kind: str, found: Found) -> Focus:
    toks = found.sent.tokens
    head = predicate(toks, found.head)
    obj = next((c for c, t in enumerate(toks) if t.head == head and t.dep == "dobj" and c != head), None)
    if toks[head].lemma.lower() == "face" and obj is not None and toks[obj].lemma.lower() in ("charge", "trial"):
        head = obj  # "will face charges": the question is whether X is charged
    lemma = found.pred or toks[head].lemma  # "Will Smith be convicted?" asks of a conviction, not of the charge
    pred = _preds(lemma) if lemma.lower() not in LIGHT else set()
    kids = children(toks)
    event = next((c for c in kids[head] if toks[c].dep in ("nsubj", "nsubjpass") and toks[c].pos == "NOUN"), None)
    aspect = toks[head].lemma.lower() in ASPECTUAL and event is not None
    if aspect and event is not None:  # "Were the talks continuing?": is the talking still going on
        pred |= _preds(toks[event].lemma)
    core = set(found.idx)
    for c in sorted(core):  # the claim itself, not a second clause or an aside
        if c != found.head and (
            toks[c].dep in ("advcl", "relcl", "parataxis", "appos", "acl") or (toks[c].dep == "conj" and toks[c].pos in ("VERB", "AUX"))
        ):
            core -= subtree(kids, c)
    args = {stem(toks[i].lemma) for i in core if i != head and _content(toks[i])} - pred
    around = {j for c in kids[head] if toks[c].dep in ADJUNCTS for j in subtree(kids, c)}
    adjunct = args - {stem(toks[i].lemma) for i in core - around if i != head and _content(toks[i])}
    names = {stem(toks[i].lemma) for i in core if i != head and _content(toks[i]) and _is_name(toks[i])} - pred
    dated = {toks[i].text.lower() for i in found.idx if toks[i].ent in DATED}
    people = {toks[i].text.lower() for i in found.idx if toks[i].ent == "PERSON" and toks[i].pos == "PROPN"}
    if not people:  # a pronoun the question names ("... did not say if he was alive": "Was Belliveau alive?")
        asked = {w.lower() for w in re.findall(r"[\w'’-]+", found.question)}
        people = {t.text.lower() for t in toks if t.ent == "PERSON" and t.pos == "PROPN" and t.text.lower() in asked}
    topic: set[str] = set()
    chosen: set[str] = set()
    for i in (i for i in found.idx if toks[i].lemma.lower() in CHOICE):  # "potential Supreme Court nominees"
        topic |= key_stems(toks, subtree(kids, i) - {i})[0] | key_stems(toks, range(len(toks)))[1]
        chosen |= CHOICE[toks[i].lemma.lower()]
    target, act = _target(toks, kids, found), _act(toks, kids, found, head)
    return Focus(
        kind,
        found.wh,
        frozenset(pred),
        frozenset(args),
        frozenset(names),
        frozenset(dated),
        toks[head].pos,
        "" if aspect else _subject(toks, kids, found.head),  # the talks that go on are the event, not its doer
        toks[head].lemma.lower() if not pred else "",
        any(toks[c].dep in ("nsubj", "nsubjpass") and toks[c].lemma.lower() in ANYONE for c in kids[found.head]),
        frozenset(people),
        frozenset(topic - QUALIFIED),
        frozenset(chosen),
        frozenset(adjunct),
        target,
        act,
        aspect,
    )


def _target(toks: tuple[Token, ...], kids: Kids, found: Found) -> str:
    """ "What will (would) happen to X?": the stem of X's head noun; "" for any other question (a past "What happened
    to X?" is ``FATE``'s)."""
    v = found.head
    if found.wh != "what" or toks[v].lemma.lower() != "happen" or not any(toks[c].lemma.lower() in FUTURE for c in kids[v]):
        return ""
    to = next((c for c in kids[v] if toks[c].dep == "prep" and toks[c].lemma.lower() == "to"), None)
    x = next((g for g in kids[to] if toks[g].dep == "pobj"), None) if to is not None else None
    return stem(toks[x].lemma) if x is not None and toks[x].pos in ("NOUN", "PROPN") else ""


def _act(toks: tuple[Token, ...], kids: Kids, found: Found, head: int) -> frozenset[str]:
    """A why-question's act: its verb ("Why did Reid enter rehab?": enter), or the noun a reason is for ("the reason for
    Ortiz's visit": visit); with ``MOTION`` when it is a going somewhere."""
    if found.wh != "why":
        return frozenset()
    act = head
    if toks[head].pos == "NOUN":
        pobj = [g for c in kids[head] if toks[c].dep == "prep" and toks[c].lemma.lower() in ("for", "behind") for g in kids[c]]
        act = next((g for g in pobj if toks[g].dep == "pobj" and toks[g].pos == "NOUN"), head)
        if act == head:
            return frozenset()
    low = toks[act].lemma.lower()
    if low in LIGHT:
        return frozenset()
    return frozenset(MOTION if low in MOTION else {stem(low)})


def _subject(toks: tuple[Token, ...], kids: Kids, v: int) -> str:
    t = toks[v]
    if t.dep == "relcl" and t.head != v and any(toks[c].tag in ("WP", "WDT") and toks[c].dep.startswith("nsubj") for c in kids[v]):
        return stem(toks[t.head].lemma) if toks[t.head].pos in ("NOUN", "PROPN") else ""
    subj = next((c for c in kids[v] if toks[c].dep in ("nsubj", "nsubjpass")), None)
    if subj is None and t.dep == "conj" and t.head != v:
        subj = next((c for c in kids[t.head] if toks[c].dep in ("nsubj", "nsubjpass")), None)
    return stem(toks[subj].lemma) if subj is not None and toks[subj].pos in ("NOUN", "PROPN") else ""


def uncertain(sent: Sentence) -> bool:
    """The sentence itself leaves things open, or is a speaker's own view, so it answers nothing."""
    toks, kids = sent.tokens, children(sent.tokens)
    if sent.text.rstrip(" \"'”’").endswith("?") or personal(toks):
        return True
    for i, t in enumerate(toks):
        low = t.lemma.lower()
        if t.pos == "NOUN" and role_noun(t.lemma, "PERSON"):
            continue  # "the suspect": a person, no hedge
        if low in UNCLEAR or low in HEDGED or (low in KNOWABLE and any(toks[c].dep == "neg" for c in kids[i] + kids[t.head])):
            return True
    return False


def _clause(toks: tuple[Token, ...], kids: Kids, v: int) -> set[int]:
    """The verb's clause, with the subject it shares: "X, who was charged", "X was arrested and charged"."""
    out = subtree(kids, v)
    t = toks[v]
    if t.dep == "relcl" and t.head != v:
        out |= subtree(kids, t.head) - subtree(kids, v) | out
    elif t.dep == "conj" and t.head != v:
        out |= {j for c in kids[t.head] if toks[c].dep in ("nsubj", "nsubjpass") for j in subtree(kids, c)}
    return out


def _asserted(toks: tuple[Token, ...], kids: Kids, v: int, kind: str) -> bool:
    """The clause of verb ``v`` states that something happened (or, outside plans, is so)."""
    if any(toks[c].dep == "neg" or toks[c].lemma.lower() == "no" for c in _clause(toks, kids, v)):
        return False  # "was not charged", "no reason was given"
    return _plain(toks, kids, v, kind)


#: Clauses that can be an embedded question ("about how the fire started", "looking into what caused the crash"); a
#: relative clause ("the man who was arrested") asserts, and is not among them.
EMBEDDED = {"ccomp", "pcomp", "pobj", "csubj", "advcl", "xcomp", "dobj"}


def _plain(toks: tuple[Token, ...], kids: Kids, v: int, kind: str) -> bool:
    """The clause of verb ``v``, negated or not, is a statement of fact: no modal, plan or wish over it."""
    t = toks[v]
    if t.pos not in ("VERB", "AUX"):
        return False
    auxes = [toks[c] for c in kids[v] if toks[c].dep in ("aux", "auxpass")]
    if any(a.lemma.lower() in MODAL or a.tag in ("MD", "TO") for a in auxes):
        return False  # "will be charged", "to be charged"
    up = toks[t.head]
    if t.dep == "xcomp" or (t.dep in ("ccomp", "advcl") and up.lemma.lower() in PLAN | {"hope", "want", "wish", "if"}):
        return False
    if t.dep in EMBEDDED and toks[min(subtree(kids, v))].lemma.lower() in WH | {"whether"}:
        return False  # "ask anyone with information about how the fire started", "looking into what caused the crash": asked
    if kind in ("disputed", "unverified") and t.dep == "ccomp" and up.lemma.lower() in ANNOUNCE:
        return False  # "X said Y": the claim again, not its proof
    if kind == "pending":  # the plan's outcome: it happened, or is happening
        past = t.tag == "VBN" and not auxes and any(toks[c].dep == "nsubj" for c in kids[v])  # the tagger's VBN for VBD
        return t.tag == "VBD" or past or (t.tag in ("VBN", "VBG") and bool(auxes))
    return t.tag in ("VBD", "VBZ", "VBP") or (t.tag in ("VBN", "VBG") and bool(auxes))


def could_answer(f: Focus, question: str, sent: Sentence) -> bool:
    """``sent`` holds the kind of thing ``f``'s wh-word asks for anywhere in it (a number for "how many", a place for
    "where", a cause word for "why", a person or body for "who", a date for "when"), so an article that speaks of the
    question there may half-answer it. True for a yes/no question and for "what" or a plain "how", whose answers have no
    such mark."""
    if f.wh not in ("why", "when", "where", "who", "whom") and not (f.wh == "how" and re.match(r"How (?:many|much)\b", question)):
        return True
    return _wh_ok(f, sent.tokens, children(sent.tokens), set(range(len(sent.tokens))), 0)


def _wh_ok(f: Focus, toks: tuple[Token, ...], kids: Kids, clause: set[int], p: int) -> bool:
    """The clause holds the kind of thing the wh-word asks for."""
    near = [toks[i] for i in sorted(clause)]
    if f.wh in ("", "whether"):
        return True
    if f.wh == "why":  # not the clause's own "after" ("moments after Hiller was suspended" says when, not why)
        return bool(f.pred & {"cause", "motive", "reason"}) or any(
            toks[i].lemma.lower() in CAUSAL and not (toks[i].dep == "mark" and toks[i].head == p) for i in sorted(clause)
        )
    if f.wh == "how":
        return any(t.pos == "NUM" and t.ent not in DATED for t in near)
    if f.wh == "when":
        return any(t.ent in DATED for t in near)
    if f.wh == "where":
        return any(t.ent in ("GPE", "LOC", "FAC") and stem(t.lemma) not in f.names for t in near)
    if f.wh in ("who", "whom"):
        return any(t.ent in ("PERSON", "ORG", "NORP") and stem(t.lemma) not in f.names for t in near)
    # "what": the predicate has a complement the question did not already hold
    comp = [c for c in kids[p] if toks[c].dep in ("dobj", "attr", "oprd", "ccomp")]
    comp += [g for c in kids[p] if toks[c].dep == "prep" for g in kids[c] if toks[g].dep == "pobj"]
    return any(stem(toks[c].lemma) not in f.args and _content(toks[c]) for c in comp)


def _matches(f: Focus, sent: Sentence, loose: bool = False) -> Iterator[tuple[int, int, set[int]]]:
    """(predicate token, its verb, the clause) for each place where ``sent`` speaks of the question's focus.

    ``loose``: the predicate in any part of speech, and the same subject is enough ("DiLeo was
    appointed coach" speaks of "Will DiLeo coach the team?")."""
    toks, kids = sent.tokens, children(sent.tokens)
    for p, t in enumerate(toks):
        light = t.pos == "NOUN" and t.dep == "dobj" and toks[t.head].lemma.lower() in LIGHT_VERBS and nominal(t.lemma, f.pred)
        if not (stem(t.lemma) in f.pred or t.lemma.lower() in f.pred or light):
            continue
        if f.pos in ("VERB", "AUX") and t.pos != "VERB" and not loose and not light:
            continue  # a verb for a verb, or its noun after a light verb: "made an appearance" for "appear"
        v = t.head if t.pos in ("NOUN", "ADJ", "PROPN") and t.head != p else p
        clause = _clause(toks, kids, v)
        if loose and f.subj and _subject(toks, kids, v) == f.subj:
            yield p, v, clause
            continue
        words = {stem(toks[i].lemma) for i in clause if _content(toks[i])} | {toks[i].lemma.lower() for i in clause}
        needed = f.args - f.adjunct if f.kind == "pending" else f.args  # a plan's outcome: its who and what, not its when
        shared = needed & words
        if len(shared) * 2 < len(needed) or not (f.names <= words or (f.names & words and len(shared - f.names) >= 2)):
            continue  # about other things: "defended his title against Thompson" is not "against Charr"
        if f.subj and (other := _subject(toks, kids, v)) and other != f.subj and other not in f.args:
            continue  # "the officers fired their weapons" does not answer "Did the teenager fire a weapon?"
        yield p, v, clause


def mentions(f: Focus, sent: Sentence) -> bool:
    """``sent`` speaks of the same thing, in any mood: "X will host" mentions "Will X host?"."""
    return bool(f.pred) and not sent.is_heading and next(_matches(f, sent, loose=True), None) is not None


def answers(f: Focus, sent: Sentence) -> bool:
    """Does ``sent`` answer a question with focus ``f``? Errs towards "no".

    The sentence must hold the predicate (a verb for a verb: "the direction was good" does not answer
    "Will Ross direct?") as a plain assertion, in a clause about the same subject that names the
    question's names (or one of them and two of its other words) and at least half its words, at no
    other time than the question's ("hosted the Oscars in 2007" does not answer "Will she host next year?").
    """
    toks = sent.tokens
    if not toks or not f.pred or sent.is_heading or uncertain(sent):
        return False
    kids = children(toks)
    for p, v, clause in _matches(f, sent):
        dated = {toks[i].text.lower() for i in clause if toks[i].ent in DATED}
        relative = f.kind == "pending" and dated <= RELATIVE_DAYS  # "on Thursday" of an outcome may be the plan's "Oct. 15"
        if (f.dated and dated and not f.dated & dated and not relative) or (
            f.kind == "pending"
            and (any(re.fullmatch(r"(1[89]|20)\d\d", toks[i].text) for i in clause) or any(toks[i].lemma.lower() in BEFORE for i in clause))
        ):
            continue  # another occasion: "hosted the Oscars in 2007", "previously hosted"
        if f.aspect and not any(toks[i].lemma.lower() in ONGOING for i in clause):
            continue  # "discussed a merger last year" does not say the talks go on
        if _asserted(toks, kids, v, f.kind) and _wh_ok(f, toks, kids, clause, p):
            return True
    return False


def denies(f: Focus, sent: Sentence) -> bool:
    """Does ``sent`` answer a yes/no unknown with a plain "no"? "There was nobody else in the building"
    answers "Was anyone else in the building?"; "The gunman was not armed" answers "Was the gunman armed?".

    Stricter than ``answers``: the predicate (or, for a light one like "be", the same verb) in a
    statement of fact (``_plain``) whose clause holds all the question's words and names, negated about
    the same subject: the question's own subject noun with a "not", or, for "anyone", a "nobody"/"no
    one"/"nothing" in its place ("the officer was not hurt" does not answer "Was anyone hurt?"). A
    question with neither kind of subject is never answered so. Errs towards "no".
    """
    toks = sent.tokens
    if f.kind != "unknown" or f.wh not in ("", "whether") or not toks or sent.is_heading or uncertain(sent):
        return False
    if not (f.subj or f.anyone) or not (f.pred or f.light):
        return False
    kids = children(toks)
    for v, t in enumerate(toks):
        if not ((stem(t.lemma) in f.pred or t.lemma.lower() in f.pred) if f.pred else t.lemma.lower() == f.light):
            continue
        if f.pos in ("VERB", "AUX") and t.pos not in ("VERB", "AUX", "ADJ"):
            continue  # a verb for a verb (or its participle): "no arms were found" does not answer "Was X armed?"
        w = v  # "was not armed": the copula carries the subject, the tense and perhaps the "not"
        if toks[v].dep in ("acomp", "attr") and toks[toks[v].head].lemma.lower() == "be":
            w = toks[v].head
        clause = _clause(toks, kids, w)
        words = {stem(toks[i].lemma) for i in clause if _content(toks[i])}
        if not (f.args <= words and f.names <= words) or (any(toks[i].ent in DATED for i in clause) and not f.dated):
            continue  # about other things, or another time: "nobody was inside at 9 a.m."
        slots = [c for c in kids[w] if toks[c].dep in ("nsubj", "nsubjpass", "attr", "expl")]
        if f.anyone:
            # "no one", "nobody": the open subject itself answered by its negative ("there was nobody")
            no = any(
                toks[c].lemma.lower() in NOBODY or any(toks[g].lemma.lower() == "no" and toks[g].dep == "det" for g in kids[c])
                for c in slots
            )
        else:
            no = _subject(toks, kids, w) == f.subj and any(toks[c].dep == "neg" for c in kids[v] + kids[w])
        if no and _plain(toks, kids, w, f.kind):
            return True
    return False


def answered(f: Focus, sentences: Iterable[Sentence]) -> Sentence | None:
    return next((s for s in sentences if answers(f, s)), None)


def confirms(keys: Set[str], names: Set[str], sent: Sentence) -> bool:
    """``sent`` reports that someone confirmed the claim of an unverified question: "EW has now confirmed
    that Chris Weitz will direct the sequel" settles "Is Chris Weitz negotiating to direct the sequel?".

    ``keys`` are the claim's key stems (``parse.key_stems``), ``names`` those of them that are names.
    The confirming verb (``kinds.VERIFY``) is plain (not negated, not under a modal: "will not confirm"
    is the opposite), and what it confirms, a clause or an object, is about the same things as the
    claim: all its names and at least half its key words (the test ``_matches`` uses). The confirmed
    clause need not repeat the claim's verb: a step ("negotiating to direct") is settled by its
    outcome ("will direct").
    """
    toks = sent.tokens
    if not toks or sent.is_heading or not keys or sent.text.rstrip(" \"'”’").endswith("?") or personal(toks):
        return False
    kids = children(toks)
    for i, t in enumerate(toks):
        if (
            t.pos != "VERB"
            or t.lemma.lower() not in VERIFY
            or any(
                toks[c].dep == "neg" or toks[c].tag == "MD" or (toks[c].dep == "advmod" and toks[c].lemma.lower() in HEDGED)
                for c in kids[i]
            )
        ):  # "reportedly confirmed"; an aside on the rumour before ("Rumored to be ...") is no hedge
            continue
        for c in kids[i]:
            if toks[c].dep not in ("ccomp", "dobj"):
                continue
            span = subtree(kids, c)
            if any(toks[j].dep == "neg" or toks[j].lemma.lower() in HEDGED | {"no"} for j in span):
                continue  # "confirmed that he was not in talks", "confirmed he may direct"
            words = key_stems(toks, span)[0]
            if names <= words and len(keys & words) * 2 >= len(keys):
                return True
    return False


def asked_person(found: Found) -> str:
    """The role noun an identity question asks about: "the identity of the victim" -> "victim" ("" for others)."""
    toks, kids = found.sent.tokens, children(found.sent.tokens)
    if found.wh != "who" or toks[found.head].lemma.lower() not in ("identity", "name"):
        return ""
    for c in kids[found.head]:
        x = (
            c
            if toks[c].dep == "poss"
            else next((g for g in kids[c] if toks[g].dep == "pobj"), None)
            if (toks[c].dep == "prep" and toks[c].lemma.lower() == "of")
            else None
        )
        if x is not None and toks[x].pos == "NOUN" and role_noun(toks[x].lemma, "PERSON"):
            return toks[x].lemma.lower()
    return ""


def names_as(noun: str, sent: Sentence, people: Iterable[tuple[int, int]]) -> bool:
    """``sent`` names a person by the role ``noun`` ("victim John Smith", "the victim, John Smith"), stated,
    not denied: it answers "Who is the victim?". ``people`` are the (start, end) offsets of its people's names."""
    toks = sent.tokens
    for start, end in people:
        idx = [i for i, t in enumerate(toks) if start <= t.start < end]
        if not idx:
            continue
        for lo, hi in role_spans(sent, idx, "PERSON", parts=True):
            if any(lo <= t.start < hi and t.lemma.lower() == noun for t in toks):
                return True
    return False


def _asks(f: Focus, words: Set[str]) -> bool:
    return any(w in f.pred or stem(w) in f.pred for w in words)


def outcome(f: Focus, sent: Sentence) -> bool:
    """``sent`` reports a result that answers the question's state before it (see ``FATE``, ``FOUND``,
    ``CHOICE``): "Police said Belliveau's body was found" answers "Was Belliveau alive?"; "the wreck of the
    Musashi was found in the Sibuyan Sea" answers "Where is the Musashi's wreck?"; "Trump nominated Kavanaugh
    to the Supreme Court" answers "How many potential Supreme Court nominees are under consideration?".
    The result must be plain (not negated, not under a modal, not hedged) and about the same one: a person
    by name ("Conroy has been rescued" does not answer "Where is Bouvier?"). Errs towards "no"."""
    toks = sent.tokens
    if not toks or sent.is_heading or uncertain(sent):
        return False
    where = f.wh == "where" and (bool(f.pred & {"whereabouts", "location"}) or f.light == "be")
    if f.kind == "unknown" and f.people and (where or _asks(f, FATE)):
        for _, who in happenings(sent, RESULTS):
            if who.startswith("n:") and claims.same_name(who[2:].split(), f.people):
                return True
        kids = children(toks)
        for k, t in enumerate(toks):
            if t.pos == "NOUN" and t.lemma.lower() in DEATH_NOUNS:  # "in connection with Jordan Belliveau's death"
                owner = [toks[j].text.lower() for c in kids[k] if toks[c].dep == "poss" for j in sorted(subtree(kids, c))]
                if claims.same_name([w for w in owner if w not in ("'s", "’s")], f.people):
                    return True
    if f.kind == "unknown" and where and not f.people and any(t.ent in PLACES and stem(t.lemma) not in f.names for t in toks):
        for _, who in happenings(sent, {"found": set(FOUND)}):
            if who and stem(who[2:].split()[-1]) in f.args | f.names:
                return True  # "the Musashi was found ...", "the wreck was discovered ..."
    if f.kind in ("unknown", "pending", "unverified") and f.topic:
        kids = children(toks)  # a choice noun in the question (``Focus.topic``): the choice made, in the past, on its topic
        return any(
            t.pos == "VERB"
            and t.lemma.lower() in f.chosen
            and _asserted(toks, kids, v, "pending")
            and f.topic & key_stems(toks, _clause(toks, kids, v))[0]  # "was nominated for a Golden Globe" is no Oscar
            for v, t in enumerate(toks)
        )
    return False


def fated(f: Focus, sent: Sentence) -> bool:
    """``sent`` says what is to become of the question's ``Focus.target``: "The pirates ... would be handed over to
    authorities in Djibouti" answers "What would happen to the pirates?". Something done to the same noun (its
    passive subject or object) as a plain statement of what will be (will/would, not may or might), not negated, not
    hedged. Errs towards "no"."""
    toks = sent.tokens
    if not f.target or not toks or sent.is_heading or uncertain(sent):
        return False
    kids = children(toks)
    for v, t in enumerate(toks):
        if t.pos != "VERB" or t.lemma.lower() in LIGHT | {"happen"}:
            continue
        undergoes = _subject(toks, kids, v) == f.target and any(toks[c].dep == "auxpass" for c in kids[v])
        undergoes = undergoes or any(toks[c].dep == "dobj" and stem(toks[c].lemma) == f.target for c in kids[v])
        w = toks[v].head if toks[v].dep == "conj" else v  # "were taken on board and would be handed over"
        auxes = {toks[c].lemma.lower() for c in kids[v] + kids[w] if toks[c].dep in ("aux", "auxpass")}
        negated = any(toks[c].dep == "neg" for c in kids[v])
        if undergoes and auxes & FUTURE and not negated:
            return True
    return False


def purposed(f: Focus, sent: Sentence) -> bool:
    """``sent`` says what the person of a why-question's act was doing it for: "Deputy Ortiz had gone to the apartment to
    question a woman" answers "What was behind Ortiz's visit?". The act (``Focus.act``: the same verb, or any going for a
    visit) done by the same person (by name, ``claims.same_name``), stated as plain past or present fact, with a purpose
    (``PURPOSE``: "to question", "while investigating") hanging on it. Errs towards "no"."""
    toks = sent.tokens
    if not f.act or not f.people or not toks or sent.is_heading or uncertain(sent):
        return False
    kids = children(toks)
    for v, t in enumerate(toks):
        if t.pos != "VERB" or stem(t.lemma.lower()) not in f.act or not _asserted(toks, kids, v, f.kind):
            continue
        subj = next((c for c in kids[v] if toks[c].dep == "nsubj"), None)
        who = [toks[j].text.lower() for j in subtree(kids, subj) if toks[j].ent == "PERSON"] if subj is not None else []
        if not who or not claims.same_name(who, f.people):
            continue
        for c in kids[v]:
            if toks[c].dep in ("advcl", "xcomp") and any(
                toks[g].lemma.lower() in PURPOSE and toks[g].dep in ("aux", "mark") for g in kids[c]
            ):
                return True
    return False


def stated(f: Focus, claim_sent: Sentence, core: tuple[Set[str], Set[str]], sent: Sentence) -> bool:
    """``sent`` states the claim of ``claim_sent`` (focus ``f``; the reported clause's key stems and names
    ``core``) as plain fact: the same fact (``claims.same_fact``) with the claim's predicate about the same
    things (``_matches``), all its names and half its key words, and no reporting verb, attribution,
    quotation, hedge or negation of its own. A claim the story itself states outright is no unverified claim.
    An attribution is ``hedges.reported``'s; what it does not count is added here: a quotation mark anywhere (a
    quoted claim is the speaker's, with or without a reporting verb) and a paper or source (``ATTRIBUTED``)."""
    toks = sent.tokens
    if not f.pred or next(_matches(f, sent), None) is None:
        return False  # "three people died in a blaze" is not "protesters started the fire"
    if not toks or sent.is_heading or uncertain(sent) or any(q in sent.text for q in ('"', "“", "”")):
        return False
    if reported(sent) or any(t.lemma.lower() in ATTRIBUTED for t in toks):
        return False
    a, b = claims.claim(claim_sent), claims.claim(sent)
    if b.hedged or b.negated or not claims.same_fact(a, b):
        return False
    keys, names = core
    words = key_stems(toks, range(len(toks)))[0]
    return bool(keys) and set(names) <= words and len(keys & words) * 2 >= len(keys)
