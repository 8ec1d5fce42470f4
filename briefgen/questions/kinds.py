"""The question kinds read from one sentence: unknown, disputed, unverified (claims) and pending.

Each detector returns ``Found`` records: the question, the sentence and tokens it rests on, and the
token of its predicate, from which ``answers.focus`` later tells whether another sentence answers it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from briefgen.facts.lexicon import role_noun
from briefgen.models import AnalyzedArticle, Sentence, Token
from briefgen.questions.parse import (
    SUBJ,
    UNASKED,
    WH,
    Kids,
    children,
    clause_question,
    key_stems,
    lower_first,
    pronoun_subs,
    render,
    resolve,
    short_name,
    speaker_of,
    stem,
    subtree,
    tidy,
)
from briefgen.text.hedges import GUESSES  # "would probably help": a forecast, not a plan

UNCLEAR = {"unclear", "unknown", "uncertain", "mystery", "unexplained"}
KNOWABLE = {
    "know",
    "clear",
    "confirm",
    "determine",
    "establish",
    "disclose",
    "say",
    "explain",
    "reveal",
    "specify",
    "release",
    "announce",
}  # when negated
#: Adverbs that sharpen a wh-clause without changing what it asks ("it is unclear exactly what led up to ...").
EXACTLY = {"exactly", "precisely", "just"}
#: Pronouns other than the knower's that a question from his "did not say" would have to resolve.
OTHERS = {"he", "she", "him", "her", "his", "they", "them", "their", "it", "its"}
#: What a party can withhold as the object of a negated DISCLOSE verb ("did not release the name of the victim"), each
#: a FRAMES noun whose question asks for it; "did not reveal the dollar amounts" makes no question that reads well.
WITHHELD = {"name", "identity", "cause", "reason", "reasoning", "motive", "location", "whereabouts", "term", "price"}
#: Knowable verbs that a party keeps to itself when negated ("he did not say what Reid was being treated for"): the
#: sources report that what he withholds is not public, not his own doubt, so a "he" or "she" who does not say still
#: leaves the point open ("he does not know what ..." stays a person's own doubt).
DISCLOSE = {"say", "specify", "reveal", "disclose", "release", "explain", "announce"}
#: Modals of what ought to be: a knowable verb under one tells an aim or a rule, not what the sources do not know
#: ("the listener should not know which part is mine"); "could not say", "would not say" stay refusals.
OUGHT = {"should", "must", "shall"}
#: Verbs of making a thing known: "X has yet to be confirmed" will be, in time; what is open is what X is, which the
#: passive clause does not ask ("Will performers be confirmed for the benefit?" is no question).
MADE_KNOWN = {"confirm", "announce", "name", "reveal", "disclose", "identify", "unveil"}
TIME_BOUND = {"still", "yet", "immediately", "so far", "at this time"}  # "not yet known": unknown when written


def quoted_at(toks: Sequence[Token], i: int) -> bool:
    """Token ``i`` stands inside quotation marks opened before it: a speaker's words, not the narrator's."""
    return sum(1 if x.tag == "``" else -1 if x.tag == "''" else 0 for x in toks[:i]) > 0


def unsure(toks: Sequence[Token], kids: Kids, i: int) -> bool:
    """Verb ``i`` is under a modal or "to" ("could be charged", "is to be sentenced", "threatened to sue"): what may
    come, not what happened."""
    return any(toks[c].tag == "MD" or (toks[c].tag == "TO" and toks[c].dep == "aux") for c in kids[i])


def time_bound(sent: Sentence) -> bool:
    """The sentence says what was unknown at the time of writing ("It was not immediately known",
    "is still in the building", "so far"): a later article may know more."""
    words = [t.text.lower() for t in sent.tokens]
    grams = set(words) | {" ".join(words[i : i + n]) for n in (2, 3) for i in range(len(words))}
    return not TIME_BOUND.isdisjoint(grams)


CLAIM_VERBS = {"say", "claim", "assert", "allege", "insist"}
CLAIMED = {"claim", "allege"}  # already signal doubt
ANNOUNCE = CLAIM_VERBS | {"announce", "add", "tell", "state", "confirm", "decide", "agree", "promise", "pledge", "vow", "declare"}
NEGATIVE = {"no", "none", "nothing", "never", "nobody", "neither", "nor"}  # a claim of absence makes an awkward question
STATED = {"say", "announce", "tell", "state", "confirm", "declare", "add", "promise", "pledge", "vow", "decide"}  # not "agree"
WISH = {"like", "love", "prefer", "want", "rather"}
VAGUE = {
    "anything",
    "something",
    "everything",
    "nothing",
    "anyone",
    "someone",
    "everyone",
    "everybody",
    "nobody",
    "all",
    "one",
    "these",
    "those",
    "information",
    "detail",
    "update",
    "story",
    "article",
    "more",
}  # "additional information will follow"
COGNITION = {
    "believe",
    "think",
    "feel",
    "hope",
    "guess",
    "suspect",
    "wonder",
    "expect",  # "said he believed X": an opinion
    "regret",
    "welcome",
    "appreciate",
    "want",
    "wish",
    "fear",
    "worry",
}  # "said it regrets X": an attitude, nothing to check
DENY = {"deny", "dispute", "refute", "contest", "rebut"}
CLAIM_NOUNS = {"claim", "report", "allegation", "accusation", "suggestion", "rumor", "assertion", "it", "this"}
ALLEGED = {"allege", "alleged", "purported", "reported", "claimed", "supposed"}
PLAN = {"plan", "expect", "set", "schedule", "due", "intend"}  # not "poised to": readiness, not an awaited step
#: What the narrator's "X will ..." awaits when it is an open point: a decision or a step whose outcome is not yet
#: known. "The buildings will need to be rebuilt" or "fans will get a free ticket" state a fact about
#: the future, not a pending question.
AWAITED = {
    "decide",
    "rule",
    "determine",
    "vote",
    "announce",
    "choose",
    "consider",
    "review",
    "weigh",
    "sentence",
    "testify",
    "plead",
    "resign",
    "nominate",
    "approve",
    "reject",
    "confirm",
    "settle",
    "appeal",
    "respond",
    "reveal",
    "accept",
    "agree",
    "sign",
    "veto",
    "charge",
    "indict",
    "prosecute",
    "recommend",
    "select",
    "name",
    "elect",
    "retire",
}
#: Steps whose taking is certain once announced and whose outcome the verb does not say: "Will the medical examiner
#: determine the cause of death?" (yes), "Will the commission vote on the regulation?" (yes). Such a step is asked only
#: through its open clause ("will decide whether the trial can go ahead" -> "Can the trial go ahead?").
STEPS = {"decide", "rule", "determine", "choose", "weigh", "vote", "consider", "review", "announce"}
#: Decisions whose outcome the verb itself states, so that "Will X approve the budget?" asks what is open. They are
#: awaited (the pending cue, support.py) only when others expect them ("is expected to approve"): the narrator's "will
#: approve" states the future as fact, and a party's own "plans to plead not guilty" is a plan told as what will happen
#: (hand-judged on Multi-News validation rows 0-124: 1 of 4 shown pending questions right before this rule). "pass",
#: "authorize", "recognize", "overturn" and "uphold" are the decisions of a chamber, a regulator, a government and a court
#: that the pending outcomes of 2021 multi-outlet news await (issue 16: a bill's passage, a drug's authorisation).
OUTCOMES = {
    "approve",
    "reject",
    "confirm",
    "convict",
    "acquit",
    "indict",
    "charge",
    "veto",
    "accept",
    "settle",
    "plead",
    "elect",
    "nominate",
    "pass",
    "authorize",
    "recognize",
    "overturn",
    "uphold",
}
#: Plan words that make a plan the subject's own: what it will do, told as what will happen.
OWN_PLAN = {"plan", "intend"}
#: Steps that weigh an act of the subject's own, named by a gerund ("is considering employing the National Guard").
WEIGHING = {"consider", "weigh"}
#: Verbs of a probe whose finding is open while it is under way ("the Justice Department is investigating whether ...").
PROBES = {"investigate", "probe", "examine"}
#: Nouns of a probe, open ("an investigation into whether ...") when being opened, led or sought (``OPENED``).
PROBE_NOUNS = {"investigation", "probe", "inquiry"}
OPENED = {"open", "launch", "lead", "begin", "start", "order", "call", "request", "demand", "seek", "conduct", "announce"}
#: What a chamber votes on whose outcome is its passage: "the House is expected to vote on the bill this week" awaits
#: "Will the House pass the bill this week?" (the vote is certain once scheduled; whether it passes is open). Read off
#: AllSides part A (2021 multi-outlet excerpts), where the awaited votes of the sources are on bills and legislation.
BILLS = {"bill", "legislation", "measure", "resolution"}
#: Words of an aim whose outcome is not the subject's to give ("Democrats hope to pass the bill this week", "will try to
#: overturn it"): with an ``OUTCOMES`` verb it is awaited, like one others expect; the aim alone asks nothing.
AIM = {"hope", "seek", "aim", "try"}
INTERRUPTED = {"but", "when", "until", "before", "instead", "however"}  # "was set to X when Y": the plan is history
NOUN_VERB = {
    "attack": "attack",
    "strike": "strike",
    "raid": "raid",
    "bombing": "bomb",
    "shelling": "shell",
    "invasion": "invade",
    "killing": "kill",
    "assault": "assault",
    "assassination": "assassinate",
    "poisoning": "poison",
    "arrest": "arrest",
}
NO_PROOF = {"video", "photo", "image", "footage", "evidence", "proof", "confirmation"}
VERIFY = {"verify", "confirm", "corroborate", "authenticate"}
PERSONAL = {"i", "we", "you", "my", "our", "your", "me", "us"}
#: "Where are the missing three journalists?": the verb agrees with the head noun, as in WHO.
WHERE, LARGE, BEHIND, WHO = "Where {be} {x}?", "How large is {np}?", "What was behind {x}?", "Who {be} {x}?"
#: The size of what the phrase is about, not of the word "extent": "How large is the extent of injuries ...?" reads as nonsense.
EXTENT, SIZE = "How extensive {be} {x}?", "How large {be} {x}?"
FRAMES = {
    "whereabouts": WHERE,
    "location": WHERE,
    "cause": "What caused {x}?",
    "fate": "What happened to {x}?",
    "identity": WHO,
    "name": WHO,
    "number": "How many {x} {be} there?",
    "motive": BEHIND,
    "reason": BEHIND,
    "toll": LARGE,
    "extent": EXTENT,
    "scale": SIZE,
    "size": SIZE,
    "amount": LARGE,
    "condition": "How {be} {x}?",
    "term": "What are the terms of {x}?",
    "detail": "What are the details of {x}?",
    "price": "What is the price of {x}?",
    "status": "What is the status of {x}?",
    "motivation": BEHIND,
    "reasoning": BEHIND,
    "justification": BEHIND,
    "rationale": BEHIND,
}
DOUBT = UNCLEAR | KNOWABLE
PROOF = VERIFY | NO_PROOF | {"unverified", "unconfirmed"}
FUTURE = PLAN | {"will", "would", "shall"}
#: A detector finds nothing in a sentence without one of its cue lemmas: ``cues`` tells which to run.
CUES = {
    "unknown": DOUBT | PROBE_NOUNS | PROBES | {"determine"},
    "disputed": DENY,
    "claims": CLAIM_VERBS,
    "pending": FUTURE | AIM | STEPS | PROBES | PROBE_NOUNS | {"yet"},
    "no_proof": PROOF,
    "charged": {"charge", "indict", "face", "plead"},
    "sued": {"sue", "file"},
    "alleged": {"allegedly", "accuse"},
}
FRAME_WH = {
    WHERE: "where",
    LARGE: "how",
    EXTENT: "how",
    SIZE: "how",
    BEHIND: "why",
    WHO: "who",
    FRAMES["cause"]: "why",
    FRAMES["number"]: "how",
    FRAMES["fate"]: "what",
    FRAMES["condition"]: "how",
}


class Found(NamedTuple):
    question: str
    sent: Sentence  # the sentence it was built from
    idx: set[int]  # the tokens it rests on
    head: int  # its predicate: the clause's verb, or the noun of "the cause of X"
    wh: str = ""  # "why", "how", "who", ... for a wh-question; "" for yes/no
    awaited: bool = False  # pending only: an outcome others await (``outcome``), the strong cue of support.py
    pred: str = ""  # the lemma its question asks about when not the head's own ("Will X be convicted?" of "was charged")


class Reported(NamedTuple):
    verb: int  # "said", "claimed"
    clause: int  # the head of what was said
    span: set[int]  # the clause's tokens
    core: set[int]  # the clause without its asides
    claimed: bool  # made with a verb of CLAIMED


class Claim(NamedTuple):
    found: Found
    claimed: bool  # made with "claim"/"allege", which already signals doubt
    core: set[int]  # the clause without its asides: ", a figure that could not be verified" notes the claim


def _modal(toks: tuple[Token, ...], kids: tuple[tuple[int, ...], ...], verb: int) -> bool:
    """The clause of ``verb`` is under a modal ("will", "could", "might"), also through "be"."""
    heads = [verb, *(c for c in kids[verb] if toks[c].dep in ("aux", "auxpass"))]
    return any(toks[c].tag == "MD" for h in heads for c in (h, *kids[h]) if toks[c].dep in ("aux", "auxpass"))


def _conditional(toks: tuple[Token, ...], kids: tuple[tuple[int, ...], ...], i: int) -> bool:
    """Token ``i`` is inside an "if" or "unless" clause: what it says is a case, not what happened."""
    for _ in range(len(toks)):
        if toks[i].dep == "advcl" and any(toks[c].lemma.lower() in ("if", "unless") for c in kids[i]):
            return True
        if toks[i].head == i:
            return False
        i = toks[i].head
    return False


def perfect(toks: tuple[Token, ...], kids: tuple[tuple[int, ...], ...], verb: int) -> bool:
    """ "has been", "had been" on ``verb``: what was unclear up to now, the background a report or study
    sets up before its finding ("Scientists have long linked sleep to memory, but it's been unclear what happens ...").
    A negated knowable verb ("has not been determined") is no such background: it keeps its question."""
    contracted = ("'s", "’s", "'ve", "’ve", "'d", "’d")  # "it's been": 'has', whatever the lemmatiser says
    return toks[verb].text.lower() == "been" and any(
        toks[c].dep in ("aux", "auxpass") and (toks[c].lemma.lower() == "have" or toks[c].text.lower() in contracted) and c < verb
        for c in kids[verb]
    )


def cues(forms: frozenset[str]) -> set[str]:
    """The detectors worth running on a sentence with these lemma forms (see ``parse.lemma_forms``)."""
    return {name for name, lemmas in CUES.items() if not lemmas.isdisjoint(forms)}


def personal(toks: tuple[Token, ...] | list[Token]) -> bool:
    """First or second person: a speaker's own view ("I hope they will"), not something the sources report."""
    return any(t.pos == "PRON" and t.text.lower() in PERSONAL for t in toks)


def _group_reports(toks: tuple[Token, ...], kids: Kids, know: int, knower: int) -> bool:
    """ "Investigators said they still don't know why he jumped": the "they" who do not know is the body that reports it
    (the plural common noun subject of the reporting verb the clause hangs on: investigators, officials, police), so the
    sources say it is unknown; not one person's own doubt ("he said he doesn't know what he is talking about")."""
    if toks[knower].text.lower() != "they" or toks[know].dep != "ccomp":
        return False
    up = toks[know].head
    if toks[up].lemma.lower() not in ANNOUNCE | {"say"}:
        return False
    subj = next((c for c in kids[up] if toks[c].dep == "nsubj"), None)
    if subj is None:  # "Investigators probing the death said ...": the tagger's clausal subject holds the noun
        clausal = next((c for c in kids[up] if toks[c].dep == "csubj"), None)
        subj = next((c for c in kids[clausal] if toks[c].dep == "nsubj" and c < clausal), None) if clausal is not None else None
    return subj is not None and toks[subj].pos == "NOUN" and (toks[subj].tag == "NNS" or toks[subj].lemma.lower() == "police")


def unknown(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """ "X remain(s) unclear", "it is not known whether ...", "an unknown number of ...", and what a probe under way is
    to find ("the cause of the fire is under investigation", ``probed``)."""
    if personal(sent.tokens):
        return []  # "let me suggest": an opinion
    out: list[Found] = probed(art, sent)
    if not any(t.dep == "neg" or t.lemma.lower() in UNCLEAR for t in sent.tokens):
        return out  # "X said": a knowable verb leaves something open only when negated
    toks, kids = sent.tokens, children(sent.tokens)
    for i, t in enumerate(toks):
        if t.lemma.lower() not in DOUBT:
            continue
        v = t.head if t.dep in ("acomp", "attr", "oprd", "amod") else i
        negated = any(toks[c].dep == "neg" for c in kids[i] + kids[v])
        if not (t.lemma.lower() in UNCLEAR or (t.lemma.lower() in KNOWABLE and t.tag in ("JJ", "VB", "VBN", "VBD") and negated)) or (
            t.dep == "amod" and toks[v].lemma.lower() not in FRAMES
        ):  # "unknown gunmen" is no open question
            continue
        if any(toks[c].lemma.lower() in ("more", "less") for c in kids[i]):
            continue  # "has never been more clear": emphasis, not doubt
        if t.lemma.lower() in UNCLEAR and perfect(toks, kids, v):
            continue  # "it's been unclear what happens when babies sleep", "had long been a mystery": the gap the news fills
        if _conditional(toks, kids, v):
            continue  # "not treasure unless the identity of the owner cannot be determined": a case, not a fact
        if any(toks[c].dep == "aux" and toks[c].lemma.lower() in OUGHT for c in kids[i] + kids[v]):
            continue  # "the listener should not know which part is Bach's": what ought to be, not what is unknown
        knower = next((c for c in kids[i] if toks[c].dep == "nsubj"), None) if t.pos == "VERB" else None
        if (
            knower is not None
            and toks[knower].text.lower() in PERSONAL | {"he", "she", "they"}
            and not _group_reports(toks, kids, i, knower)
            and not (
                toks[knower].text.lower() in ("he", "she")
                and t.lemma.lower() in DISCLOSE
                and not any(toks[j].pos == "PRON" and toks[j].text.lower() in OTHERS for j in range(len(toks)) if j != knower)
            )
        ):  # "he did not say what Reid was being treated for"; not "she has not said how she'll act": which she?
            continue  # "I still don't know who to vote for", "when he doesn't know what he is talking about": a person's own doubt
        ex = frozenset(
            short_name(m.text, m.label)
            for m in art.mentions
            if knower is not None and m.label == "PERSON" and toks[min(subtree(kids, knower))].start <= m.start <= toks[knower].start
        )
        if knower is not None and (toks[knower].pos == "NOUN" or toks[knower].text.lower() in ("he", "she")):
            # "the rep would not say why she ...", "he did not say what she ...": she is not the rep
            ex |= spokespeople(art, sent)
        clause = next((c for c in kids[i] + kids[v] if toks[c].dep in ("ccomp", "csubj", "advcl") and c != i), None)
        subj = v if t.dep == "amod" else next((c for c in kids[v] + kids[i] if toks[c].dep in ("nsubj", "nsubjpass")), None)
        if clause is not None and toks[_start(toks, subtree(kids, clause))].lemma.lower() in WH | {"whether", "if"}:
            if found := wh_question(art, sent, clause, ex):
                out.append(found)
        elif (
            obj := next(
                (c for c in kids[i] if toks[c].dep == "dobj" and toks[c].lemma.lower() in WITHHELD and t.lemma.lower() in DISCLOSE),
                None,
            )
        ) is not None and t.pos == "VERB":  # "authorities have not released the victims' names": the object is what is open
            q, wh = frame(art, sent, obj)
            if q and not q.startswith("What is known about") and (wh != "who" or _of_person(art, sent, obj)):
                out.append(Found(q, sent, subtree(kids, obj), obj, wh))
        elif (
            subj is not None
            and toks[subj].pos in ("NOUN", "PROPN")
            and (v != i or toks[subj].dep == "nsubjpass")
            and not any(toks[j].tag in ("WDT", "WP", "WP$") for j in subtree(kids, subj))
        ):  # "whose location was not revealed"
            q, wh = frame(art, sent, subj, amod=t.dep == "amod")
            if q and not q.startswith("What is known about"):  # "What is known about the race angle?": too vague to answer
                out.append(Found(q, sent, subtree(kids, subj), subj, wh))
    return out


#: Verbs of finding out that, under way or to come, leave what they are to find open ("are investigating what caused
#: the fire", "will determine the cause of death", "are trying to determine why ...").
FINDING = PROBES | {"determine"}
#: What a probe is to find, of ``WITHHELD``: why something happened ("the cause of the fire is under investigation").
SOUGHT = frozenset({"cause", "reason", "reasoning", "motive"})
#: What a thing can be "under" while it is being found out ("under investigation", "under review").
UNDER = PROBE_NOUNS | {"review"}


def probed(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """What a probe under way or to come is to find, which the sources therefore do not know yet: a cause, reason or
    motive (``SOUGHT``) "under investigation" or "under review", or the object or wh-clause of a verb of finding out
    (``FINDING``) in the progressive, under a modal or as an infinitive ("Police are investigating what caused the
    crash", "The medical examiner will determine the cause of death", "trying to determine why"). Not one done in the
    past ("determined that the cause was arson" answers it) nor one negated, nor a clause under a modal ("to determine how
    the vaccine should be given" is a decision to come, judged the wrong kind)."""
    toks, kids = sent.tokens, children(sent.tokens)
    out: list[Found] = []
    for i, t in enumerate(toks):
        lemma = t.lemma.lower()
        if lemma in UNDER and t.dep == "pobj" and toks[t.head].text.lower() == "under":
            verb = toks[t.head].head
            subj = next((c for c in kids[verb] if toks[c].dep in ("nsubj", "nsubjpass")), None)
            if subj is not None and toks[subj].lemma.lower() in SOUGHT:
                q, wh = frame(art, sent, subj)
                if q and not q.startswith("What is known about"):
                    out.append(Found(q, sent, subtree(kids, subj), subj, wh))
        elif lemma in FINDING and t.pos == "VERB" and not any(toks[c].dep == "neg" for c in kids[i]):
            aux = [toks[c] for c in kids[i] if toks[c].dep in ("aux", "auxpass")]
            ongoing = t.tag == "VBG" and any(a.lemma.lower() == "be" for a in aux)
            coming = any(a.tag == "MD" or a.text.lower() == "to" for a in aux)
            if not (ongoing or coming) or _conditional(toks, kids, i):
                continue
            clause = next((c for c in kids[i] if toks[c].dep in ("ccomp", "xcomp")), None)
            obj = next((c for c in kids[i] if toks[c].dep == "dobj"), None)
            if clause is not None and toks[_start(toks, subtree(kids, clause))].lemma.lower() in WH - {"whether", "if"}:
                if not _modal(toks, kids, clause) and (found := wh_question(art, sent, clause)):
                    out.append(found)  # not "to determine how the vaccine should be given": a decision to come (pending)
            elif obj is not None and toks[obj].lemma.lower() in SOUGHT:
                q, wh = frame(art, sent, obj)
                if q and not q.startswith("What is known about"):
                    out.append(Found(q, sent, subtree(kids, obj), obj, wh))
    return out


def _start(toks: tuple[Token, ...], span: set[int]) -> int:
    """The first token of a clause's ``span`` after any ``EXACTLY`` adverbs: where its wh-word or "whether" is."""
    first = min(span)
    while toks[first].lemma.lower() in EXACTLY and toks[first].dep == "advmod" and first + 1 in span:
        first += 1
    return first


def spokespeople(art: AnalyzedArticle, sent: Sentence, back: int = 3) -> frozenset[str]:
    """People who speak in the last few sentences ("her rep Jack Ketsoyan told People")."""
    out = set()
    for s in (s for s in art.sentences if sent.index - back <= s.index <= sent.index):
        toks, kids = s.tokens, children(s.tokens)
        for i, t in enumerate(toks):
            if t.pos != "VERB" or t.lemma.lower() not in ANNOUNCE | KNOWABLE:
                continue
            for c in (c for c in kids[i] if toks[c].dep == "nsubj"):
                span = subtree(kids, c)
                lo, hi = toks[min(span)].start, toks[max(span)].start
                out |= {
                    short_name(m.text, "PERSON")
                    for m in art.mentions
                    if m.label == "PERSON" and m.sentence == s.index and lo <= m.start <= hi
                }
    return frozenset(out)


def wh_question(art: AnalyzedArticle, sent: Sentence, verb: int, exclude: frozenset[str] = frozenset()) -> Found | None:
    """ "unclear whether/why/how CLAUSE" -> the clause as a question."""
    toks, kids = sent.tokens, children(sent.tokens)
    span = subtree(kids, verb)
    for c in kids[verb]:  # "what would happen to X, or where they would go": one question at a time
        if toks[c].dep == "conj" and toks[c].pos in ("VERB", "AUX") and c > verb:
            span -= {
                j
                for j in range(min(subtree(kids, c)) - 2, max(subtree(kids, c)) + 1)
                if j in subtree(kids, c) or toks[j].dep == "cc" or toks[j].pos == "PUNCT"
            }
    span -= set(range(min(span), _start(toks, span)))  # "unclear exactly what led up to the confrontation"
    first, subs = min(span), pronoun_subs(art, sent, span, exclude=exclude)
    if toks[first].lemma.lower() in ("whether", "if"):
        either = {first + 1, first + 2} if [t.text.lower() for t in toks[first + 1 : first + 3]] == ["or", "not"] else set()
        q = clause_question(sent, verb, subs=subs, drop=either)  # "whether or not Zhao is still alive": "Is Zhao still alive?"
        return Found(q, sent, span, verb) if q else None
    word = toks[first].lemma.lower()
    if word not in WH:
        return None
    phrase = first
    while toks[phrase].head != verb and toks[phrase].head in span and toks[phrase].head != phrase:
        phrase = toks[phrase].head
    if toks[phrase].dep in ("nsubj", "nsubjpass"):  # "who ordered it", "how many people died"
        return Found(tidy(render(toks, {j for j in span if toks[j].lemma.lower() not in UNASKED}, subs)), sent, span, verb, word)
    front = subtree(kids, phrase)
    if toks[phrase].dep == "prep" and phrase > first:  # "what she is being treated for": the preposition stays at the end
        front = subtree(kids, first) if toks[first].head == phrase else {first}
    rest = clause_question(sent, verb, subs=subs, drop=front)
    if not rest:
        return None
    return Found(tidy(f"{render(toks, front, subs)} {rest[:1].lower()}{rest[1:]}"), sent, span, verb, word)


def frame(art: AnalyzedArticle, sent: Sentence, head: int, amod: bool = False) -> tuple[str, str]:
    """Unknown noun phrase -> question by its head noun ("whereabouts of X" -> "Where is X?"), and its wh-word."""
    toks, kids = sent.tokens, children(sent.tokens)
    np = {i for i in subtree(kids, head) if toks[i].lemma.lower() not in UNASKED and toks[i].pos != "PUNCT"}
    subs, x = pronoun_subs(art, sent, np), None
    frame = FRAMES.get(toks[head].lemma.lower(), FRAMES.get(toks[head].text.lower(), "What is known about {np}?"))
    for c in kids[head]:
        if toks[c].dep == "poss" and frame != BEHIND:  # "his whereabouts", but "his motive" is no "What was behind him?"
            x = {i for i in subtree(kids, c) if toks[i].dep != "case"}
        elif toks[c].dep == "prep" and toks[c].lemma.lower() in ("of", "for", "behind") and kids[c]:
            x = subtree(kids, kids[c][0])
    if x is None:
        if frame == BEHIND:
            return "", "what"  # "What is an unknown reason?" asks nothing
        frame = frame if "{x}" not in frame else "What is known about {np}?"
        x = set()
    elif (
        x
        and (xh := max(x, key=lambda i: (toks[i].head not in x, i))) is not None
        and (
            (toks[xh].tag == "NN" and not any(toks[c].dep in ("det", "poss", "nummod") for c in kids[xh]))
            or (toks[xh].tag == "NNS" and not [c for c in kids[xh] if toks[c].dep != "case"])
        )
    ):
        return "", "what"  # "What caused death?", "Who are victims?" (of "victims' names"): reads as a missing article
    wh = FRAME_WH.get(frame, "what")
    be = "are" if x and toks[max(x, key=lambda i: (toks[i].head not in x, i))].tag in ("NNS", "NNPS") else "is"  # the head agrees
    if amod and frame == FRAMES["number"] and x and toks[head].dep in ("nsubj", "nsubjpass"):  # "an unknown number of X died"
        verb = toks[head].head
        rest = render(toks, {i for i in subtree(kids, verb) - subtree(kids, head) if toks[i].pos != "PUNCT"}, subs)
        frame = "How many {x} " + rest.replace("{", "{{").replace("}", "}}")
    x_text = re.sub(r"['’]s$", "", lower_first(toks, x, render(toks, x, subs)))
    return tidy(frame.format(x=x_text, be=be, np=lower_first(toks, np, render(toks, np, subs)))), wh


def np_question(art: AnalyzedArticle, sent: Sentence, head: int) -> Found | None:
    """A denied event noun -> "Did A attack B?" when we know its verb, else "Did X happen?"."""
    toks, kids = sent.tokens, children(sent.tokens)
    span = subtree(kids, head)
    for c in sorted(span):
        if toks[c].dep in ("relcl", "appos") or (toks[c].dep == "amod" and toks[c].lemma.lower() in ALLEGED):
            span -= subtree(kids, c)
    span = {i for i in span if not (toks[i].pos == "PUNCT" and i > head)}
    subs, lemma = pronoun_subs(art, sent, span), toks[head].lemma.lower()
    poss = next((c for c in kids[head] if toks[c].dep == "poss" and toks[c].tag != "PRP$"), None)
    prep = next((c for c in kids[head] if toks[c].dep == "prep" and kids[c]), None)
    if lemma in NOUN_VERB and poss is not None and prep is not None and toks[prep].lemma.lower() in ("on", "against"):
        agent = {i for i in subtree(kids, poss) if toks[i].dep != "case"}
        target = subtree(kids, kids[prep][0]) & span
        return Found(tidy(f"Did {render(toks, agent, subs)} {NOUN_VERB[lemma]} {render(toks, target, subs)}"), sent, span, head)
    if lemma == "involvement":  # "Moscow denied involvement in the attack"
        denier = next((c for c in kids[toks[head].head] if toks[c].dep == "nsubj"), None)
        if denier is not None and prep is not None:
            who = subtree(kids, denier)
            be = "Were" if toks[denier].tag in ("NNS", "NNPS") else "Was"  # "Were the workers involved?"
            return Found(
                tidy(f"{be} {lower_first(toks, who, render(toks, who, subs))} involved {render(toks, subtree(kids, prep), subs)}"),
                sent,
                span,
                head,
            )
    if lemma in NOUN_VERB or any(toks[c].lemma.lower() in ALLEGED for c in kids[head]):
        return Found(tidy(f"Did {lower_first(toks, span, render(toks, span, subs))} happen"), sent, span, head)
    return None


def disputed(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """A claim and its denial: "X denied that ...", "an alleged attack, which X denied", "X denied it"."""
    toks, kids = sent.tokens, children(sent.tokens)
    out: list[Found] = []
    for i, t in enumerate(toks):
        if (
            t.pos != "VERB"
            or t.lemma.lower() not in DENY
            or any(toks[c].dep == "neg" for c in kids[i])
            or any(toks[c].dep == "nsubj" and toks[c].text.lower() in PERSONAL for c in kids[i])
            or (t.tag == "VB" and not any(toks[c].lemma.lower() == "do" for c in kids[i]))
        ):
            continue  # "we never denied this": no denial, or a speaker's own; "asked Salon to help him deny that he was
            # Enoch", "will deny": a denial asked for or to come, not made ("does deny" is one)
        denier = next((c for c in kids[i] if toks[c].dep == "nsubj"), None)
        if (
            denier is not None
            and toks[denier].pos == "NOUN"
            and not any(toks[j].pos == "PROPN" or toks[j].ent for j in subtree(kids, denier))
        ):
            continue  # "The man ... denied that the country was at war": a passer-by's view, no party the story names
        target = t.head if t.dep == "relcl" else next((c for c in kids[i] if toks[c].dep in ("ccomp", "dobj", "nsubjpass")), None)
        if target is None:
            continue
        node = target  # climb "camps" -> "on" -> "alleged attack": the claim, not its object
        while toks[node].dep == "pobj" and toks[toks[node].head].dep == "prep" and toks[toks[toks[node].head].head].pos == "NOUN":
            node = toks[toks[node].head].head
            if toks[node].lemma.lower() in NOUN_VERB or any(toks[c].lemma.lower() in ALLEGED for c in kids[node]):
                target = node
                break
        clause = target if toks[target].dep == "ccomp" else next((c for c in kids[target] if toks[c].dep in ("acl", "ccomp")), None)
        if clause is not None and _modal(toks, kids, clause):
            continue  # "disputed that it could have been handled differently": an opinion, not a claim and its denial
        if clause is not None and (clause == target or toks[target].lemma.lower() in CLAIM_NOUNS):
            if q := clause_question(sent, clause, subs=pronoun_subs(art, sent, subtree(kids, clause))):
                out.append(Found(q, sent, subtree(kids, clause), clause))
        elif toks[target].lemma.lower() in CLAIM_NOUNS and sent.index > 0 and not (prev := art.sentences[sent.index - 1]).is_heading:
            out += [c.found for c in claims(art, prev)][:1]  # "Moscow denied it": the claim came before
        elif toks[target].pos in ("NOUN", "PROPN") and (found := np_question(art, sent, target)):
            out.append(found)
    return out


def speakers(sent: Sentence, verb: int | None = None) -> set[str]:
    """The head words of who says what the sentence reports ("the official said" -> "official"): of ``verb``, or of
    every verb of saying in it. A note of missing proof by the claim's own speaker ("There was no immediate evidence
    of ties to any group, the official said") is part of that speaker's report, not a doubt cast on it."""
    toks, kids = sent.tokens, children(sent.tokens)
    verbs = [verb] if verb is not None else [i for i, t in enumerate(toks) if t.pos == "VERB" and t.lemma.lower() in ANNOUNCE]
    return {toks[c].lemma.lower() for v in verbs for c in kids[v] if toks[c].dep == "nsubj" and toks[c].pos in ("NOUN", "PROPN")}


def claims(art: AnalyzedArticle, sent: Sentence) -> list[Claim]:
    """Claims attributed to one party: "X said/claimed (that) CLAUSE"."""
    return [c for r in reported(sent) if (c := claim(art, sent, r)) is not None]


def reported(sent: Sentence) -> list[Reported]:
    """The clauses of "X said/claimed (that) CLAUSE", before their questions are built (the costly part)."""
    toks, kids = sent.tokens, children(sent.tokens)
    out = []
    for i, t in enumerate(toks):
        if t.pos != "VERB" or t.lemma.lower() not in CLAIM_VERBS:
            continue
        clause = next((c for c in kids[i] if toks[c].dep == "ccomp"), None)
        if clause is None or toks[clause].lemma.lower() in COGNITION or _modal(toks, kids, clause):
            continue  # "said they will try": a plan or a guess, not a claim anyone can check yet
        if (t.lemma.lower() != "say" and clause < i) or any(toks[j].lemma.lower() in NEGATIVE for j in subtree(kids, clause)):
            continue  # "X ended with six wins, Y claimed three": 'claimed' won something; "uncovered no criminal behavior"
        span = subtree(kids, clause)
        asides = {j for k in span if toks[k].dep in ("appos", "relcl") for j in subtree(kids, k)}
        out.append(Reported(i, clause, span, span - asides, t.lemma.lower() in CLAIMED))
    return out


def claim(art: AnalyzedArticle, sent: Sentence, r: Reported) -> Claim | None:
    """The claim of one reported clause, or None when it makes no question."""
    q = clause_question(sent, r.clause, subs=pronoun_subs(art, sent, r.span, speaker_of(art, sent, r.verb), top=r.clause))
    return Claim(Found(q, sent, r.span, r.clause), r.claimed, r.core) if q else None


#: Words by which a note of missing proof points back at one claim: "would not confirm the report", "could not verify it".
BACK = frozenset({"the", "this", "that", "these", "those", "it", "them", "such"})


#: Key words the note's "no evidence of/that ..." must share with the claim it doubts: what the missing proof would
#: show is that claim ("no videos showing Prigozhin in Belarus" after "the Wagner chief arrived in Belarus"), not
#: something beside it ("found no evidence that consumers in any other country were affected" after "200,000 credit
#: card numbers were obtained"; "no proof of skeletons" after "the studies differ"; "the names on it had not been
#: confirmed" after "had provided a passenger list"). One: the seed's note shares only "Belarus" with its claim,
#: the claim naming Prigozhin by his office; four links judged wrong on Multi-News rows 125-249 and fresh clusters
#: shared none.
SHOWS = 1


#: Words of a note of missing proof that name the proof, not what it would show ("no videos showing ...").
_PROOF_WORDS = frozenset(stem(w) for w in (*NO_PROOF, *VERIFY, "show", "suggest", "indicate"))


def _about(toks: Sequence[Token], kids: Kids, i: int, keys: set[str] | frozenset[str] | None) -> bool:
    """The phrase under token ``i`` (what is missing or unconfirmed) is about the claim of ``keys`` (None: any claim):
    it shares ``SHOWS`` key words with the claim, and, when it names a matter of its own (common words beside the
    proof's: "no evidence of U.N. support for forced abortions or sterilization"), one of those is the claim's too.
    "No videos showing Prigozhin in Belarus" names only who and where, and doubts "the Wagner chief arrived in
    Belarus"; the forced abortions are another matter than "the U.N. collaborates with the Chinese agency on family
    planning", although both name the U.N."""
    if keys is None:
        return True
    span = subtree(kids, i)
    stems = key_stems(toks, span)[0]
    # its own matter is read up to a comma: past it the parse often hangs the next clause on the phrase ("showing
    # Prigozhin in Belarus, satellite imagery of an airbase outside Minsk showed ...")
    cut = next((j for j in sorted(span) if j > i and toks[j].text in (",", ";", ":")), None)
    own, names = key_stems(toks, {j for j in span if cut is None or j < cut})
    matter = own - names - _PROOF_WORDS
    return len(set(keys) & stems) >= SHOWS and (not matter or bool(matter & set(keys)))


def points_back(sent: Sentence, keys: set[str] | frozenset[str] | None = None) -> bool:
    """The note says what could not be verified: a claim before it ("The studio would not confirm the report", "could
    not verify it") or what the missing proof would show ("no videos or photos showing Prigozhin in Belarus", with
    ``keys``, the claim's key stems: about that claim, ``SHOWS``); not reports in general ("CNN cannot independently
    verify opposition or government reports", a disclaimer)."""
    toks, kids = sent.tokens, children(sent.tokens)
    for i, t in enumerate(toks):
        if t.lemma.lower() in NO_PROOF and any(toks[c].dep in ("acl", "prep", "relcl") and _about(toks, kids, c, keys) for c in kids[i]):
            return True
        if t.lemma.lower() in VERIFY:
            for c in kids[i]:
                if toks[c].dep in ("dobj", "nsubjpass") and (
                    toks[c].text.lower() in BACK or any(toks[d].dep == "det" and toks[d].text.lower() in BACK for d in kids[c])
                ):
                    return True
    return False


def no_proof(sent: Sentence, skip: set[int] | frozenset[int] = frozenset(), keys: set[str] | frozenset[str] | None = None) -> bool:
    """The sentence notes missing verification ("no videos", "could not be independently verified"); with ``keys``,
    of that claim: a thing named as unconfirmed is about it ("Nature Air had provided a passenger list, but the
    names on it had not been confirmed" doubts the names, not the list)."""
    toks, kids = sent.tokens, children(sent.tokens)
    for i, t in enumerate(toks):
        if i in skip:
            continue
        lem, h = t.lemma.lower(), t.head
        if lem in VERIFY and any(toks[c].dep == "neg" for c in kids[i] + kids[h]):
            # what is unconfirmed, when named (not "which could not be verified", "could not confirm it")
            what = [c for c in kids[i] if toks[c].dep in ("dobj", "nsubjpass") and toks[c].tag not in ("WDT", "WP", "PRP")]
            if all(_about(toks, kids, c, keys) for c in what):
                return True
            continue
        if lem in ("unverified", "unconfirmed"):
            return True
        if lem in NO_PROOF and (any(toks[c].lemma.lower() == "no" for c in kids[i]) or toks[h].lemma.lower() == "without"):
            return True
    return False


def pending(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """Announced plans: "X will VERB", "X said it would VERB", "X is expected/set/scheduled to VERB", "X plans to VERB";
    and outcomes the sources call open: "X has yet to VERB", "X hopes to VERB" (an ``OUTCOMES`` verb), a step's
    "whether" clause ("is weighing whether", "has not decided whether", "will announce whether").

    Not a plan: "would" in narrative ("he would go on to win"), hypotheticals, refusals ("would not say"),
    a speaker's hopes ("I hope they will"), and past plans that the sentence itself overtakes
    ("was set to be released when she suffered a heart attack").
    """
    toks, kids = sent.tokens, children(sent.tokens)
    if sent.text.rstrip(" \"'”’").endswith("?") or personal(toks):
        return []
    out: list[Found] = []
    for i, t in enumerate(toks):
        lem, verb, subj = t.lemma.lower(), None, None
        if lem in STEPS - KNOWABLE and t.pos == "VERB" and _undecided(toks, kids, i):
            # "the grand jury is weighing whether to indict him", "she has not decided whether she will run": a step under
            # way or not yet taken; its outcome is the question
            who, open_ = next((c for c in kids[i] if toks[c].dep == "nsubj"), None), _whether(toks, kids, i)
            quoted = quoted_at(toks, i)
            other = open_ is not None and any(toks[c].dep in SUBJ and toks[c].pos != "PRON" for c in kids[open_])
            if other:
                continue  # "analysts are considering whether the market will rebound", "officials are reviewing whether the
                #           officers followed protocol": what they weigh is not theirs to decide, a forecast or a finding
            if who is not None and open_ is not None and not quoted and (q := _open_outcome(art, sent, open_, who)):
                out.append(Found(q, sent, subtree(kids, i) | subtree(kids, who), i, awaited=True))
            elif who is not None and open_ is None and not quoted and (act := _weighed_act(toks, kids, i)) is not None:
                # "Governor Kathy Hochul is considering employing the National Guard": the act weighed, the subject's own
                subs = pronoun_subs(art, sent, subtree(kids, act) | subtree(kids, who))
                if (toks[who].pos != "PRON" or who in subs) and (
                    q := clause_question(sent, act, subject=who, modal="Will", subs=subs | {act: toks[act].lemma.lower()})
                ):
                    out.append(Found(q, sent, subtree(kids, act) | subtree(kids, who), act, awaited=True))
            continue
        if (probed := _probed(toks, kids, i)) is not None:
            # "Mueller is examining whether the Trump campaign colluded with Russia", "called for the WHO to lead an
            # investigation into whether COVID-19 leaked from a lab": a probe under way or sought, whose finding is open
            quoted = quoted_at(toks, i)
            if not quoted and not _conditional(toks, kids, i) and (q := _open_outcome(art, sent, probed, probed)):
                out.append(Found(q, sent, subtree(kids, probed), probed, awaited=True))
            continue
        if t.tag == "MD" and lem in ("will", "would", "shall") and t.dep == "aux":
            verb = t.head
            while toks[verb].dep in ("aux", "auxpass") and toks[verb].head != verb:
                verb = toks[verb].head  # "would" hanging off "be"
            if any(toks[c].lemma.lower() == "have" and c > i for c in kids[verb]) or any(
                toks[c].dep == "advcl" and any(toks[m].lemma.lower() in ("if", "when") for m in kids[c]) for c in kids[verb]
            ):
                continue  # "would have been", "would ... if": hypothetical, not a plan
            main = toks[verb].dep == "ROOT" or (toks[verb].dep == "conj" and toks[toks[verb].head].dep == "ROOT")
            reported = toks[verb].dep == "ccomp" and toks[toks[verb].head].lemma.lower() in ANNOUNCE | PLAN
            if toks[verb].lemma.lower() in WISH | {"need", "have"} or not (reported or (main and lem != "would")):
                continue  # "he would go on to win": narrative; "he would like": a wish; "unlikely that X will": a guess
            named = any(
                toks[c].pos == "PROPN" or any(toks[j].pos == "PROPN" and toks[j].dep == "compound" for j in kids[c])
                for c in kids[verb]
                if toks[c].dep in ("nsubj", "nsubjpass")
            )  # a named party, not 'the addition of the iPhone'
            said = (
                reported and toks[toks[verb].head].lemma.lower() in STATED and not any(toks[c].dep == "neg" for c in kids[toks[verb].head])
            ) or any(toks[c].dep == "parataxis" and toks[c].lemma.lower() in STATED for c in kids[verb])
            if any(toks[j].lemma.lower() in GUESSES for j in subtree(kids, verb)):
                continue  # "would probably help": an opinion of what will happen, not a plan
            if lem == "would" and any(toks[j].tag == "VBD" for j in subtree(kids, verb) if j > verb):
                continue  # "said it would play the anthem while the teams were inside": a past plan, told as done
            if toks[verb].lemma.lower() not in AWAITED and not (said and named):
                continue  # "will need to be rebuilt", "fans will get a free ticket": the future stated as fact, nothing awaited;
                #           a named party's announced plan ("the ministry said Wagner would be involved in ...") is awaited
        elif (
            lem == "have" and t.pos in ("VERB", "AUX") and any(toks[c].lemma.lower() == "yet" and toks[c].dep == "advmod" for c in kids[i])
        ):
            # "Beijing has yet to formally recognize the Taliban": what the subject has not done yet, awaited
            verb = next((c for c in kids[i] if toks[c].dep == "xcomp" and toks[c].pos in ("VERB", "AUX")), None)
            subj = next((c for c in kids[i] if toks[c].dep in ("nsubj", "nsubjpass")), None)
            if subj is None or t.tag == "VBD" or any(toks[c].dep == "aux" and toks[c].text.lower() == "had" for c in kids[i]):
                continue  # "had yet to": a state of the past that the story has since left
        elif lem in AIM and t.pos == "VERB" and t.tag in ("VBZ", "VBP") and t.dep in ("ROOT", "ccomp", "conj"):
            # "Democrats hope to pass the bill": an outcome others give; not "a bill Democrats hope to pass" (the object
            # is outside the clause), nor "hoped to" (the past) or "hoping to" (no subject of its own)
            verb = next((c for c in kids[i] if toks[c].dep == "xcomp" and toks[c].pos == "VERB"), None)
            subj = next((c for c in kids[i] if toks[c].dep == "nsubj"), None)
            if verb is None or subj is None or toks[verb].lemma.lower() not in OUTCOMES:
                continue
        elif lem in PLAN and (t.tag == "VBN" or (lem in ("plan", "intend", "due") and t.tag != "VBD")):
            verb = next((c for c in kids[i] if toks[c].dep == "xcomp" and toks[c].pos in ("VERB", "AUX")), None)
            subj = next((c for c in kids[i] + kids[t.head] if toks[c].dep in ("nsubj", "nsubjpass")), None)  # "is due to"
            past = (any(toks[c].tag == "VBD" for c in (*kids[i], i)) and any(x.lemma.lower() in INTERRUPTED for x in toks)) or any(
                toks[c].dep == "aux" and toks[c].text.lower() == "had" for c in kids[i]
            )  # "had planned to": a plan of the past
            finite = t.tag in ("VBZ", "VBP", "VBD") or any(toks[c].dep in ("aux", "auxpass") for c in kids[i])
            finite = finite and not any(toks[c].tag == "MD" for c in kids[i])  # "may have intended to": a guess
            if subj is None or past or not finite or any(toks[c].dep == "neg" for c in kids[i]):
                continue  # "Expected by many to be ...": a description of the subject, not its plan; "does not plan to"
        if verb is None or any(toks[c].dep == "neg" for c in kids[verb]):
            continue  # "would not say", "will not be enough": a refusal or a verdict, not a plan
        if (
            toks[verb].lemma.lower() in MADE_KNOWN
            and any(toks[c].dep == "auxpass" for c in kids[verb])
            and not any(toks[c].dep == "agent" for c in kids[verb])
        ):
            continue  # "Performers have yet to be confirmed": they will be; "to be confirmed by the Senate" is a vote
        if quoted_at(toks, i) or toks[min(subtree(kids, verb))].lemma.lower() in WH | {"whether", "if"}:
            continue  # a speaker's quoted promise, or an open "when it will": not an announced plan
        who = subj if subj is not None else next((c for c in kids[verb] if toks[c].dep in SUBJ), None)
        copula = toks[verb].lemma.lower() == "be"
        if (
            who is None
            or toks[who].dep in ("expl", "csubj")
            or toks[who].pos not in ("NOUN", "PROPN", "PRON")
            or (toks[who].lemma.lower() in VAGUE)
            or (toks[who].lemma.lower() in ("it", "this", "that") and copula)
        ):
            continue  # "it will be her second stint", "anything suspicious will be followed up": no plan of anyone's
        if lem == "will" and toks[verb].tag == "VBN" and not any(toks[c].dep in ("aux", "auxpass") and c > i for c in kids[verb]):
            continue  # "Page will buried": a typo the question would turn into nonsense
        if copula and any(toks[c].dep in ("acomp", "attr") for c in kids[verb]):
            continue  # "he will be 29", "Cheeks would be the fifth coach fired": a description, not a plan
        if any(toks[j].tag == "WP" and toks[toks[j].head].dep != "relcl" for j in subtree(kids, verb) if j > verb):
            continue  # "will be hosting what will be ...": a clause the question cannot carry
        if any(toks[c].lemma.lower() in ("many", "some", "most") for c in kids[who]):
            continue  # "many critics will note": a forecast about opinion
        span = subtree(kids, verb) | subtree(kids, who)
        head = toks[verb].head  # "X said it would ...": "it" is X
        speaker = speaker_of(art, sent, head) if toks[verb].dep == "ccomp" and toks[head].lemma.lower() in CLAIM_VERBS else None
        subs = pronoun_subs(art, sent, span, speaker, top=verb)
        open_ = _whether(toks, kids, verb)
        if toks[verb].lemma.lower() in STEPS and open_ is not None:
            # "the judge will decide whether the trial can go ahead", "Pelosi plans to announce whether she will create a
            # committee": the step is certain (a party's own plan or not), its outcome is the question
            if q := _open_outcome(art, sent, open_, who):
                out.append(Found(q, sent, span, verb, awaited=True))
            continue
        if (passage := _passage(toks, kids, verb)) and lem not in OWN_PLAN | AIM | {"would"}:
            # "the House is expected to vote on the bill this week", "the Senate will vote on the measure": a scheduled vote
            # on a bill, whose outcome is its passage, asked as such ("Will the House pass the bill this week?")
            if q := clause_question(sent, verb, subject=subj, modal="Will", subs=subs | passage):
                out.append(Found(q, sent, span, verb, awaited=True))
            continue
        cut = _second_steps(toks, kids, verb) if outcome(toks, kids, verb) else set()
        if q := clause_question(sent, verb, subject=subj, modal="Will", subs=subs, drop=cut):
            awaited = (lem in AIM | {"expect", "have"}) and outcome(toks, kids, verb)  # "is expected to approve", "has yet to approve"
            out.append(Found(q, sent, span - cut, verb, awaited=awaited))
    return out


def _weighed_act(toks: tuple[Token, ...], kids: Kids, verb: int) -> int | None:
    """The act a step under way weighs, when it is a gerund of the subject's own ("is considering employing the National
    Guard", "are weighing raising rates"): the step's outcome is whether the subject does it. Only a weighing
    (``WEIGHING``) and while under way (progressive, not past: "was considering running" is history)."""
    aux = [toks[c] for c in kids[verb] if toks[c].dep == "aux"]
    if (
        toks[verb].lemma.lower() not in WEIGHING
        or toks[verb].tag != "VBG"
        or not any(a.text.lower() in ("is", "are", "'s", "’s", "'re", "’re") for a in aux)
    ):
        return None
    act = next((c for c in kids[verb] if toks[c].dep in ("xcomp", "dobj") and toks[c].tag == "VBG" and toks[c].pos == "VERB"), None)
    if act is None or any(toks[c].dep in SUBJ for c in kids[act]):
        return None
    return act


def _probed(toks: tuple[Token, ...], kids: Kids, i: int) -> int | None:
    """The head of the "whether" clause that a probe at ``i`` is to settle, with a subject of its own: a probing verb
    under way ("is investigating whether", "investigators probing whether"; ``PROBES``) or a probe being opened or sought
    ("opened an investigation into whether", "called for the WHO to lead an investigation into whether"; ``PROBE_NOUNS``,
    ``OPENED``). Not a probe that is over ("the investigation into whether X found ...", "who was leading the
    investigation into whether ..."), nor one whose clause has no
    subject of its own ("examine whether to ..."): what it asks is then a party's step, ``pending``'s own."""
    t = toks[i]
    if any(toks[c].dep == "aux" and toks[c].text.lower() in ("was", "were", "had") for c in kids[i] + kids[t.head]):
        return None  # "Comey, who was leading the investigation into whether ...": a probe of the past
    if t.lemma.lower() in PROBES and t.pos == "VERB":
        aux = [toks[c] for c in kids[i] if toks[c].dep == "aux"]
        under_way = t.tag == "VBG" and (t.dep == "acl" or any(a.lemma.lower() == "be" for a in aux)) and not any(a.tag == "MD" for a in aux)
        open_ = _whether(toks, kids, i) if under_way else None
    elif t.lemma.lower() in PROBE_NOUNS and t.pos == "NOUN" and t.dep in ("dobj", "pobj") and toks[t.head].lemma.lower() in OPENED:
        into = next((c for c in kids[i] if toks[c].dep == "prep" and toks[c].lemma.lower() == "into"), None)
        open_ = (
            next((c for c in kids[into] if toks[c].dep == "pcomp" and any(toks[m].lemma.lower() == "whether" for m in kids[c])), None)
            if into is not None
            else None
        )
    else:
        return None
    if open_ is None or not any(toks[c].dep in SUBJ and toks[c].pos != "PRON" for c in kids[open_]):
        return None
    return open_


def _passage(toks: tuple[Token, ...], kids: Kids, verb: int) -> dict[int, str]:
    """ "vote on the bill": the words that make it "pass the bill" (the verb, and its "on" gone), when ``verb`` is a vote
    on one of ``BILLS`` with no outcome of its own ("vote to hold X in contempt", "vote against the bill" hold theirs)."""
    if toks[verb].lemma.lower() != "vote" or outcome(toks, kids, verb):
        return {}
    on = next((c for c in kids[verb] if toks[c].dep == "prep" and toks[c].lemma.lower() == "on"), None)
    what = next((g for g in kids[on] if toks[g].dep == "pobj"), None) if on is not None else None
    if on is None or what is None or toks[what].lemma.lower() not in BILLS or any(toks[c].dep == "conj" for c in kids[what]):
        return {}  # "vote on the nomination", "vote on the bill and the budget resolution": no one passage to ask
    return {verb: "pass", on: ""}


def _second_steps(toks: tuple[Token, ...], kids: Kids, verb: int) -> set[int]:
    """The steps joined to an awaited outcome ("is expected to pass the legislation and send it to the governor's desk"),
    with their "and": what follows the outcome, not what is awaited, and often a pronoun the question cannot hold."""
    steps = [c for c in kids[verb] if toks[c].dep == "conj" and toks[c].pos == "VERB" and toks[c].lemma.lower() not in OUTCOMES]
    bare = not any(toks[c].dep in ("dobj", "ccomp", "xcomp", "prep", "attr") for c in kids[verb])
    if bare and any(toks[c].dep == "cc" and toks[c].lemma.lower() == "or" for c in kids[verb]):
        # "have yet to officially confirm or deny the meeting": the alternative holds the object both share, and the
        # outcome alone would ask "Will Chelsea officially confirm?" (confirm what?)
        steps = [c for c in steps if not any(toks[m].dep == "dobj" for m in kids[c])]
    if not steps:
        return set()
    return set().union(*(subtree(kids, c) for c in steps)) | {c for c in kids[verb] if toks[c].dep == "cc" and c < max(steps) and c > verb}


def _whether(toks: tuple[Token, ...], kids: Kids, verb: int) -> int | None:
    """The head of ``verb``'s "whether" or "if" clause ("decide whether the trial can go ahead"), if it has one."""
    return next(
        (
            c
            for c in kids[verb]
            if toks[c].dep in ("ccomp", "advcl", "xcomp") and any(toks[m].lemma.lower() in ("whether", "if") for m in kids[c])
        ),
        None,
    )


def _undecided(toks: tuple[Token, ...], kids: Kids, verb: int) -> bool:
    """The step ``verb`` is under way ("is weighing", "are still deciding") or not yet taken ("has not decided", "did
    not announce"), not taken ("decided whether" tells the outcome next) nor to come (``pending``'s plans). A knowable
    verb's ("have not determined whether Scott had health problems") is a fact not known, the unknown kind's. Asked
    only of the subject's own act ("whether to indict him", "whether she will run"), see ``pending``."""
    aux = [toks[c] for c in kids[verb] if toks[c].dep == "aux"]
    progressive = toks[verb].tag == "VBG" and any(a.lemma.lower() == "be" for a in aux) and not any(a.tag == "MD" for a in aux)
    return progressive or (any(toks[c].dep == "neg" for c in kids[verb]) and not any(a.tag == "MD" for a in aux))


def _open_outcome(art: AnalyzedArticle, sent: Sentence, open_: int, who: int) -> str | None:
    """The question of a step's open clause ``open_`` ("whether she will create a committee" -> "Will Pelosi create a
    committee?", her "she" resolved); "whether to create a committee" lends it the step's subject ``who``, a noun or a
    pronoun its sentence resolves ("Trump said he will decide whether to run" -> "Will Trump run?")."""
    toks, kids = sent.tokens, children(sent.tokens)
    own = any(toks[c].dep in SUBJ for c in kids[open_])
    lent = None if own else who
    subs = pronoun_subs(art, sent, subtree(kids, open_) | (subtree(kids, who) if lent is not None else set()))
    if lent is not None and toks[lent].pos == "PRON" and lent not in subs:
        return None  # "he is weighing whether to run": which he?
    mark = next(c for c in kids[open_] if toks[c].lemma.lower() in ("whether", "if"))
    either = {mark + 1, mark + 2} if [t.text.lower() for t in toks[mark + 1 : mark + 3]] == ["or", "not"] else set()
    return clause_question(sent, open_, subject=lent, modal=None if own else "Will", subs=subs, drop=either)


def outcome(toks: tuple[Token, ...], kids: tuple[tuple[int, ...], ...], verb: int) -> bool:
    """The clause names a decision's outcome, not only the step: "approve the budget", "vote to hold Lerner in
    contempt", "vote against the bill"; not "vote on the regulation", "determine the cause of death"."""
    lemma = toks[verb].lemma.lower()
    if lemma == "vote":
        return any(
            (toks[c].dep == "xcomp" and toks[c].pos in ("VERB", "AUX"))
            or (toks[c].dep == "prep" and toks[c].lemma.lower() in ("for", "against"))
            for c in kids[verb]
        )
    return lemma in OUTCOMES


def _of_person(art: AnalyzedArticle, sent: Sentence, head: int) -> bool:
    """The name or identity at ``head`` is a person's: "the names of the victims", not "the name of the other ship"."""
    toks, kids = sent.tokens, children(sent.tokens)
    whose = [c for c in kids[head] if toks[c].dep == "poss"] + [
        g for c in kids[head] if toks[c].dep == "prep" and toks[c].lemma.lower() == "of" for g in kids[c] if toks[g].dep == "pobj"
    ]
    return any(toks[w].ent == "PERSON" or (toks[w].pos == "NOUN" and role_noun(toks[w].lemma, "PERSON")) for w in whose)


#: Verbs of a criminal charge ("was charged with murder", "a grand jury indicted him").
CHARGED = {"charge", "indict"}
#: Nouns of a charge that a person faces or denies ("faces two counts of fraud", "pleaded not guilty to the charges").
COUNTS = {"charge", "count"}
#: Who brings a criminal charge: an active "charged X with" of one of them is a charge ("prosecutors charged him with
#: fraud"), of anyone else a reproach ("critics charged the mayor with hypocrisy"). A passive charge needs no such word.
PROSECUTORS = {"prosecutor", "police", "authority", "jury", "attorney", "office", "department", "investigator", "sheriff"}
#: Words of a criminal case, one of which a charge's article must use: "was charged with overseeing the budget" (a task)
#: uses none. Common words of court reports, not tuned.
LEGAL = {
    "police",
    "prosecutor",
    "court",
    "judge",
    "jail",
    "prison",
    "arrest",
    "trial",
    "bail",
    "plead",
    "felony",
    "misdemeanor",
    "jury",
    "custody",
    "crime",
    "criminal",
    "indictment",
    "indict",
    "complaint",
    "arraign",
    "suspect",
    "defendant",
}
#: Verbs that report a case decided: a conviction, an acquittal, a sentence, a plea or a finding of guilt, charges
#: dropped or dismissed. A story that reports one of these anywhere leaves no trial's outcome open (``decided``).
VERDICTS = {"convict", "acquit", "exonerate", "sentence"}
#: Nouns of the same.
VERDICT_NOUNS = {"verdict", "conviction", "acquittal"}
#: Tokens a charge phrase may hold and still read as one in a question: "first-degree murder", "two counts of fraud",
#: "in the death of Jordan Belliveau"; a longer phrase is left out ("Will Hunter be convicted?").
CHARGE_WORDS = 10


def decided(sent: Sentence) -> bool:
    """The sentence reports a criminal case decided: "was convicted", "was sentenced to", "pleaded guilty", "was found
    guilty", "acquitted", "the charges were dropped", a verdict or a conviction named. Not "if convicted", "could be
    sentenced", "pleaded not guilty"."""
    toks, kids = sent.tokens, children(sent.tokens)
    for i, t in enumerate(toks):
        lem = t.lemma.lower()
        if t.pos == "NOUN" and lem in VERDICT_NOUNS:
            return True
        if t.pos != "VERB" or any(toks[c].dep == "neg" for c in kids[i]):
            continue
        if unsure(toks, kids, i):
            continue  # "could be sentenced", "is to be sentenced"
        if any(toks[c].lemma.lower() in ("if", "unless") for c in (*kids[i], *(kids[t.head] if t.dep == "conj" else ()))):
            continue  # "faces life in prison if convicted", "if the driver was charged or convicted"
        words = {toks[c].lemma.lower() for c in kids[i]} | {toks[g].lemma.lower() for c in kids[i] for g in kids[c]}
        if (
            lem in VERDICTS
            or (lem == "plead" and "guilty" in words and "not" not in words)  # "pleaded not guilty": to be tried
            or (lem == "find" and not words.isdisjoint({"guilty", "innocent"}))  # "found (not) guilty": tried
            or (lem in ("drop", "dismiss") and not words.isdisjoint(COUNTS | {"case"}))
        ):
            return True
    return False


def _old_case(art: AnalyzedArticle, sent: Sentence) -> bool:
    """The sentence dates what it tells by a year at least two before its article's, or by any year when the article's
    date is unknown (a fresh charge is dated by its day, "on Tuesday", not its year): a case of the past, whose outcome
    the story does not follow ("was charged in 2009 with ...")."""
    year = int(art.article.date[:4]) if art.article.date and art.article.date[:4].isdigit() else None
    return any(
        t.ent == "DATE" and re.fullmatch(r"(?:19|20)\d\d", t.text) and (year is None or int(t.text) <= year - 2) for t in sent.tokens
    )


def _charge_phrase(toks: tuple[Token, ...], kids: Kids, verb: int, count: int | None) -> str:
    """What the person is charged with, as the words after "convicted" ("of murder", "on federal corruption charges",
    "in the death of Jordan Belliveau"); "" when there is none short enough to read, or it holds a pronoun."""
    span: set[int] = set()
    prep = ""
    if count is not None:  # "faces two counts of fraud", "pleaded not guilty to murder charges"
        of = next((c for c in kids[count] if toks[c].dep == "prep" and toks[c].lemma.lower() == "of"), None)
        span, prep = subtree(kids, count), "on"  # "on murder charges"
        if sum(1 for j in subtree(kids, verb) if toks[j].lemma.lower() in COUNTS and toks[j].pos == "NOUN") > 1:
            return ""  # "two counts of murder, one count of attempted murder and other charges": no one phrase
        if of is not None:  # "of murder", not "of one count of murder": a count is the charge's number, not the crime
            span, prep = subtree(kids, of) - {of}, "of"
        elif toks[count].lemma.lower() == "count":
            return ""
    else:
        for c in kids[verb]:
            low = toks[c].lemma.lower()
            obj = next((g for g in kids[c] if toks[g].dep in ("pobj", "pcomp")), None)
            if toks[c].dep != "prep" or obj is None:
                continue
            if low == "with" and toks[obj].lemma.lower() in COUNTS:
                return _charge_phrase(toks, kids, verb, obj)  # "charged with two counts of murder"
            if low == "with":
                span, prep = subtree(kids, obj), "of"
            elif low in ("on", "for") and toks[obj].lemma.lower() in COUNTS:
                return _charge_phrase(toks, kids, verb, obj)
            elif low == "in":
                span, prep = subtree(kids, c) - {c}, "in"
            if span:
                break
    span = {i for i in span if toks[i].dep != "punct" or toks[i].text == "-"}
    if not span or len(span) > CHARGE_WORDS or max(span) - min(span) + 1 != len(span):
        return ""
    if any(toks[i].pos == "PRON" or (toks[i].dep in ("relcl", "acl", "appos", "cc") and toks[i].pos == "VERB") for i in span):
        return ""
    return f" {prep} " + render(toks, span)


def charged(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """A person charged and not yet tried: "Hunter was indicted on charges of ...", "prosecutors charged Smith with
    murder", "Smith faces two counts of fraud", "Smith pleaded not guilty to the charges": "Will Smith be convicted of
    murder?", an outcome a court has still to give (pending, awaited). Not a charge of the past (``_old_case``), one
    that may come ("could be charged"), denied ("was not charged"), or made in a story of no crime (``LEGAL``); and the
    question goes when any article reports the case decided (``decided``)."""
    toks, kids = sent.tokens, children(sent.tokens)
    if sent.text.rstrip(" \"'”’").endswith("?") or personal(toks) or decided(sent) or _old_case(art, sent):
        return []
    out: list[Found] = []
    for i, t in enumerate(toks):
        lem, accused, count = t.lemma.lower(), None, None
        if t.pos != "VERB" or t.tag not in ("VBD", "VBN", "VBZ", "VBP") or any(toks[c].dep == "neg" for c in kids[i]):
            continue
        if unsure(toks, kids, i) or t.dep == "xcomp":
            continue  # "could be charged", "expected to be charged": a charge that may come
        if quoted_at(toks, i):
            continue  # a speaker's words
        subj = next((c for c in kids[i] if toks[c].dep == "nsubj"), None)
        if lem in CHARGED:
            accused = next((c for c in kids[i] if toks[c].dep == "nsubjpass"), None)
            if accused is None and subj is not None and (lem == "indict" or toks[subj].lemma.lower() in PROSECUTORS):
                accused = next((c for c in kids[i] if toks[c].dep == "dobj"), None)  # "prosecutors charged Smith"
            if accused is None and t.dep in ("acl", "relcl") and t.tag == "VBN":
                accused = t.head  # "Smith, charged with murder, ..."
            if accused is not None and toks[accused].tag == "WP" and t.dep == "relcl":
                accused = t.head  # "Smith, who was charged with murder"
            if accused is None and t.dep == "conj":
                accused = next((c for c in kids[t.head] if toks[c].dep == "nsubjpass"), None)  # "was arrested and charged"
        elif lem == "face" and subj is not None and t.tag != "VBD":
            count = next((c for c in kids[i] if toks[c].dep == "dobj" and toks[c].lemma.lower() in COUNTS), None)
            accused = subj if count is not None else None  # "Smith faces two counts of fraud"
        elif lem == "plead" and subj is not None:
            words = {toks[c].lemma.lower() for c in kids[i]} | {toks[g].lemma.lower() for c in kids[i] for g in kids[c]}
            if "guilty" in words and "not" in words:  # "pleaded not guilty to murder charges": the case is to be tried
                accused = subj
                to = next((c for c in kids[i] if toks[c].dep == "prep" and toks[c].lemma.lower() == "to"), None)
                count = next((g for g in kids[to] if toks[g].dep == "pobj" and toks[g].lemma.lower() in COUNTS), None) if to else None
        if accused is None:
            continue
        name = _accused_name(art, sent, kids, accused)
        if name is None:
            continue
        if not any(not LEGAL.isdisjoint({x.lemma.lower() for x in s.tokens}) for s in art.sentences):
            continue  # "charged with overseeing the budget": a task, in a story of no crime
        idx = {j for j in subtree(kids, accused) if toks[j].ent == "PERSON" or toks[j].pos == "PROPN"} | {i}
        idx |= {count} if count is not None else set()
        phrase = _charge_phrase(toks, kids, i, count) if lem != "plead" or count is not None else ""
        out.append(Found(f"Will {name} be convicted{phrase}?", sent, idx, i, awaited=True, pred="convict"))
    return out


#: Clauses a deed said to be alleged can head and still be asked about as a whole: the sentence's own clause, one
#: joined to it, a "who ..." clause, a clause after "after" or "for" ("was arrested after allegedly opening fire").
#: A clause about something else ("the information Kerry allegedly shared", "babies allegedly born alive") is not.
DEEDS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "pcomp"}


def _doer(toks: tuple[Token, ...], kids: Kids, deed: int) -> int | None:
    """Who did the alleged deed: the subject of its clause, the person a "who" stands for, or, for a clause with no
    subject of its own ("after allegedly opening fire", "accused of killing"), the subject of the clause it hangs on."""
    subj = next((c for c in kids[deed] if toks[c].dep in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        return toks[deed].head if toks[subj].tag == "WP" and toks[deed].dep == "relcl" else subj
    if toks[deed].tag != "VBG" and toks[deed].dep != "conj":
        return None
    up = toks[deed].head
    if toks[deed].dep == "pcomp" and toks[up].dep == "prep":
        up = toks[up].head
    if toks[up].lemma.lower() == "accuse":  # "Smith is accused of killing", "police accused Smith of killing"
        who = next((c for c in kids[up] if toks[c].dep in ("nsubjpass", "dobj")), None)
        if toks[up].dep in ("acl", "relcl") and (who is None or toks[who].tag == "WP"):
            return toks[up].head  # "Smith, accused of killing", "Smith, who is accused of killing"
        return who
    if toks[up].pos not in ("VERB", "AUX") or up == deed:
        return None
    return _doer(toks, kids, up) if toks[deed].dep in ("advcl", "pcomp", "conj") else None


def alleged(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """A named person's deed that the story gives only as alleged: "Smith allegedly shot a man", "Smith, who allegedly
    ...", "arrested after allegedly opening fire", "Smith is accused of stealing $5,000", "police accused Smith of
    ...": "Did Smith shoot a man?", an allegation not proven (unverified). Only in an article of a criminal case
    (``LEGAL``): "accused the president of failing the country" is a reproach. Not a deed of the past (``_old_case``),
    one denied ("was not accused"), or quoted; and the question goes when any article reports the case decided
    (``decided``), states the deed as fact or confirms it (see questions/__init__.py)."""
    toks, kids = sent.tokens, children(sent.tokens)
    if sent.text.rstrip(" \"'”’").endswith("?") or personal(toks) or decided(sent) or _old_case(art, sent):
        return []
    if not any(not LEGAL.isdisjoint({x.lemma.lower() for x in s.tokens}) for s in art.sentences):
        return []
    out: list[Found] = []
    for i, t in enumerate(toks):
        low, cue = t.text.lower(), {i}
        if low == "allegedly" and t.dep == "advmod":
            deed = t.head
        elif t.lemma.lower() == "accuse" and t.pos == "VERB":
            if any(toks[c].dep == "neg" for c in kids[i]) or unsure(toks, kids, i) or t.dep == "xcomp":
                continue  # "was not accused", "could be accused"
            accuser = next((c for c in (*kids[i], *(kids[t.head] if t.dep == "conj" else ())) if toks[c].dep == "nsubj"), None)
            if accuser is not None and toks[accuser].lemma.lower() not in PROSECUTORS:
                continue  # "Environmentalists accused Bush of gutting ...": a reproach, as ``charged`` reads "charged"
            of = next((c for c in kids[i] if toks[c].dep == "prep" and toks[c].lemma.lower() == "of"), None)
            deed = next((g for g in kids[of] if toks[g].dep == "pcomp" and toks[g].tag == "VBG"), -1) if of is not None else -1
            if deed < 0 or of is None:
                continue  # "accused of murder": no deed to ask of
            cue |= {of}
        else:
            continue
        v = toks[deed]
        if v.tag == "VBG" and v.lemma.lower() == "be":
            continue  # "accused of being treasonous": a name called, not a deed
        if v.pos not in ("VERB", "AUX") or v.dep not in DEEDS or quoted_at(toks, deed) or any(toks[c].dep == "neg" for c in kids[deed]):
            continue
        if v.dep == "relcl" and not any(toks[c].dep in ("nsubj", "nsubjpass") and toks[c].tag == "WP" for c in kids[deed]):
            continue  # "the information Kerry allegedly shared": the clause is about the information
        doer = _doer(toks, kids, deed)
        if doer is None:
            continue
        if toks[doer].pos == "PRON":  # "he allegedly ..." only where its sentence names one person, the one it means:
            # "officers shot Kimani Gray after he allegedly pointed a revolver", not "he would have known Flynn had lied
            # when he allegedly ..."
            people = {
                m.text
                for m in art.mentions
                if m.sentence == sent.index
                and m.label == "PERSON"
                and not any(x.dep == "compound" and x.pos == "PROPN" and x.start == m.start + len(m.text) - len(x.text) for x in toks)
            }  # not "The Millis police officer": a name that modifies a noun names no person
            name = resolve(art, sent, doer, 0) if toks[doer].text.lower() in ("he", "she") and len(people) == 1 else None
            name = name if name and any(p == name or p.endswith(" " + name) for p in people) else None
        else:
            name = _accused_name(art, sent, kids, doer)
        if name is None:
            continue
        own = next((c for c in kids[deed] if toks[c].dep in ("nsubj", "nsubjpass")), None)
        subject = None if own is not None and toks[own].tag != "WP" else doer
        subs = {doer: name} if toks[doer].pos == "PRON" else {}
        drop = set(cue) | ({own} if own is not None and toks[own].tag == "WP" else set())
        if subject is not None:  # the doer's name alone, without the clause around the deed ("Hayes, who is accused of ...")
            named = {doer, *(c for c in kids[doer] if toks[c].dep == "compound" and toks[c].pos == "PROPN")}
            drop |= subtree(kids, doer) - named - subtree(kids, deed)
        q = clause_question(sent, deed, subject=subject, modal="Did" if v.tag == "VBG" else None, subs=subs, drop=drop)
        if q is None or name not in q:
            continue
        idx = {j for j in subtree(kids, deed) if j not in drop} | {doer}
        out.append(Found(q, sent, idx, deed))
    return out


def _accused_name(art: AnalyzedArticle, sent: Sentence, kids: Kids, accused: int) -> str | None:
    """The person charged, by the name the sentence gives ("Rep. Duncan Hunter" -> "Duncan Hunter"), or the one a "he"
    or "she" can only mean (``resolve``); None for anyone unnamed ("a man", "the suspect") or not a person."""
    toks = sent.tokens
    t = toks[accused]
    if t.pos == "PRON":
        return resolve(art, sent, accused) if t.text.lower() in ("he", "she") else None
    if t.ent != "PERSON" or t.pos != "PROPN":
        return None
    names: list[str] = []
    for k in (accused, *(c for c in kids[accused] if toks[c].dep == "conj")):  # "Smith and Johnson were charged"
        m = next((m for m in art.mentions if m.sentence == sent.index and m.label == "PERSON" and m.start <= toks[k].start < m.end), None)
        if m is None or toks[k].ent != "PERSON":
            return None if k == accused else " and ".join(names)  # "Smith and his wife": Smith
        names.append(re.sub(r"['’]s$", "", m.text))
    last = {n.split()[-1].casefold() for n in names}
    if any(x.text.casefold() in last and x.text[:1].islower() for s in art.sentences for x in s.tokens):
        return None  # "Beatty Rail Maintenance" tagged a person, its last word the article's common noun: a firm's name
    return " and ".join(names)


#: Nouns of a civil suit that one party files against another ("filed a lawsuit against the city").
SUITS = {"lawsuit", "suit"}
#: Verbs that report a suit decided or ended: a ruling, a dismissal, a settlement, an award, a judgment upheld or
#: overturned, a law or an act blocked or struck down, a court siding with one party, a party winning or losing. A story
#: that reports one of these anywhere leaves no suit's outcome open (``settled``): precision first, so also a ruling on a
#: part of it, or a win in another contest.
RULINGS = {"rule", "dismiss", "settle", "award", "uphold", "overturn", "reject", "block", "strike", "side", "throw", "win", "lose"}
#: Nouns of the same.
RULING_NOUNS = {"ruling", "verdict", "settlement", "judgment", "judgement"}
#: Labels of the names that can be a party to a suit: people, bodies, places that sue or are sued as governments.
PARTIES = {"PERSON", "ORG", "GPE", "NORP"}


def settled(sent: Sentence) -> bool:
    """The sentence reports a suit ruled on, settled or dismissed ("a judge dismissed the lawsuit", "the two sides
    settled", "the court ruled that ...", a ruling or a settlement named); not "could rule", "has not ruled", "if the
    court rules"."""
    toks, kids = sent.tokens, children(sent.tokens)
    for i, t in enumerate(toks):
        lem = t.lemma.lower()
        if t.pos == "NOUN" and lem in RULING_NOUNS:
            return True
        if t.pos != "VERB" or lem not in RULINGS or any(toks[c].dep == "neg" for c in kids[i]):
            continue
        if unsure(toks, kids, i) or any(toks[c].lemma.lower() in ("if", "unless") for c in kids[i]):
            continue
        return True
    return False


def _party(art: AnalyzedArticle, sent: Sentence, kids: Kids, i: int) -> str | None:
    """The name of the party at token ``i``: the person, body or place the sentence names there ("the Justice
    Department", "Texas"), or the one a "he" or "she" can only mean; None for anyone unnamed."""
    toks = sent.tokens
    t = toks[i]
    if t.pos == "PRON":
        return resolve(art, sent, i) if t.text.lower() in ("he", "she") else None
    if t.pos == "NOUN":  # "the Biden administration", "the Trump campaign", "the state of Georgia": a body a name makes definite
        of = next((c for c in kids[i] if toks[c].dep == "prep" and toks[c].text.lower() == "of" and c == i + 1), None)
        name = next((g for g in kids[of] if toks[g].dep == "pobj"), None) if of is not None else None
        det = [c for c in kids[i] if toks[c].dep == "det" and toks[c].text.lower() == "the" and c == i - 1]
        if det and name is not None and toks[name].ent in PARTIES and (whose := _party(art, sent, kids, name)) is not None:
            return f"the {t.text} of {whose}"
        mods = [c for c in kids[i] if toks[c].dep in ("det", "compound") and c < i]
        named = [c for c in mods if toks[c].pos == "PROPN" and toks[c].ent in PARTIES]
        if not named or not any(toks[c].dep == "det" and toks[c].text.lower() == "the" for c in mods):
            return None  # "the Biden administration", not "two Capitol Police officers"
        return render(toks, {*range(min(mods), i + 1)}) if all(toks[j].dep in ("det", "compound") for j in range(min(mods), i)) else None
    if t.ent not in PARTIES or t.pos != "PROPN":
        return None
    m = next((m for m in art.mentions if m.sentence == sent.index and m.label in PARTIES and m.start <= t.start < m.end), None)
    if m is None:
        return None
    the = any(toks[c].dep == "det" and toks[c].text.lower() == "the" and toks[c].start < m.start for c in kids[i])
    return ("the " if the and not m.text.lower().startswith("the ") else "") + re.sub(r"['’]s$", "", m.text)  # "the Telegraph"


def sued(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """A suit filed and not yet decided: "Texas sued the Biden administration over ...", "the ACLU filed a lawsuit
    against the city", "Smith is suing Jones": "Will Texas’ lawsuit against the Biden administration succeed?", an
    outcome a court has still to give (pending, awaited). The party sued is named (``_party``), the one suing when the
    sentence names it ("Will the lawsuit against Donald Trump succeed?" when not). Not a suit that may come ("threatened to
    sue", "could sue"), denied ("did not sue"), of the past (``_old_case``), or quoted; and the question goes when any
    article reports a ruling, a settlement or a dismissal (``settled``)."""
    toks, kids = sent.tokens, children(sent.tokens)
    if sent.text.rstrip(" \"'”’").endswith("?") or personal(toks) or settled(sent) or _old_case(art, sent):
        return []
    out: list[Found] = []
    for i, t in enumerate(toks):
        lem = t.lemma.lower()
        if t.pos != "VERB" or lem not in ("sue", "file") or any(toks[c].dep == "neg" for c in kids[i]):
            continue
        if t.tag not in ("VBD", "VBN", "VBZ", "VBP") and not (t.tag == "VBG" and any(toks[c].dep == "aux" for c in kids[i])):
            continue  # "to sue", "suing" without "is": not a suit filed
        if unsure(toks, kids, i) or t.dep == "xcomp":
            continue  # "could sue", "threatened to sue": a suit that may come
        if quoted_at(toks, i):
            continue  # a speaker's words
        plaintiff = next((c for c in kids[i] if toks[c].dep == "nsubj"), None)
        if plaintiff is not None and toks[plaintiff].tag == "WP" and t.dep == "relcl":
            plaintiff = t.head  # "Smith, who sued Jones"
        defendant = None
        if lem == "sue":
            defendant = next((c for c in kids[i] if toks[c].dep == "dobj"), None)
            if defendant is None:  # "Jones was sued by Smith"
                defendant = next((c for c in kids[i] if toks[c].dep == "nsubjpass"), None)
                by = next((c for c in kids[i] if toks[c].dep == "agent"), None)
                plaintiff = next((g for g in kids[by] if toks[g].dep == "pobj"), None) if by is not None else None
        else:  # "filed a lawsuit against the city"
            suit = next((c for c in kids[i] if toks[c].dep == "dobj" and toks[c].lemma.lower() in SUITS), None)
            if suit is None:
                continue
            against = next((c for c in (*kids[suit], *kids[i]) if toks[c].dep == "prep" and toks[c].lemma.lower() == "against"), None)
            defendant = next((g for g in kids[against] if toks[g].dep == "pobj"), None) if against is not None else None
        if defendant is None:
            continue
        whom, who = _party(art, sent, kids, defendant), _party(art, sent, kids, plaintiff) if plaintiff is not None else None
        whom, who = (re.sub(r"^The ", "the ", x) if x else x for x in (whom, who))  # "The Biden administration" opened its sentence
        if whom is None or who == whom:
            continue  # a suit against someone unnamed ("the company") asks nothing a reader can place
        owner = "the" if who is None else who + ("’" if who.endswith("s") else "’s")  # "the lawsuit against X" if unnamed
        parties = (*subtree(kids, defendant), *(subtree(kids, plaintiff) if who is not None and plaintiff is not None else ()))
        idx = {j for j in parties if toks[j].ent in PARTIES or toks[j].pos == "PROPN"}
        out.append(Found(f"Will {owner} lawsuit against {whom} succeed?", sent, idx | {i}, i, awaited=True, pred="succeed"))
    return out


#: The outcome each such question asks (its ``Found.pred``) with the sentence test that says a story reports it given.
DECIDED_BY = {"convict": decided, "succeed": settled}
