"""Open questions: what a story's sources leave unknown, disputed, unverified or pending.

Works only from the records of analyze.py (no spaCy), so it is tested with hand-made tokens.
Questions are rebuilt from the dependency parse instead of echoing a sentence, so they read
like a reader's question; evidence is always whole, verbatim sentences.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from briefgen.config import BuildConfig
from briefgen.models import AnalyzedArticle, Citation, Question, Sentence, Token

log = logging.getLogger(__name__)

WEIGHTS = {"unknown": 3.0, "disputed": 3.0, "unverified": 2.5, "pending": 1.5}  # "conflicting" (numbers) is not built yet
MAX_WORDS = 25
SUBJ = {"nsubj", "nsubjpass", "expl", "csubj"}
CLAUSAL = {"relcl", "advcl", "acl", "appos", "parataxis", "conj"}
UNCLEAR = {"unclear", "unknown", "uncertain", "mystery", "unexplained"}
KNOWABLE = {"know", "clear", "confirm", "determine", "establish", "disclose", "say", "explain", "reveal"}  # unknown when negated
WH = {"why", "how", "when", "where", "who", "what", "which", "whom"}
CLAIM_VERBS = {"say", "claim", "assert", "allege", "insist"}
DENY = {"deny", "dispute", "refute", "contest", "rebut"}
CLAIM_NOUNS = {"claim", "report", "allegation", "accusation", "suggestion", "rumor", "assertion", "it", "this"}
ALLEGED = {"allege", "alleged", "purported", "reported", "claimed", "supposed"}
PLAN = {"plan", "expect", "set", "schedule", "due", "intend", "poise"}
NOUN_VERB = {"attack": "attack", "strike": "strike", "raid": "raid", "bombing": "bomb", "shelling": "shell", "invasion": "invade",
             "killing": "kill", "assault": "assault", "assassination": "assassinate", "poisoning": "poison", "arrest": "arrest"}
NO_PROOF = {"video", "photo", "image", "footage", "evidence", "proof", "confirmation"}
VERIFY = {"verify", "confirm", "corroborate", "authenticate"}
GENERIC = {"say", "be", "have", "do", "tell", "claim", "add", "make", "get", "will", "would", "report", "remain", "know", "deny"}
HEDGES = {"also", "reportedly", "allegedly", "apparently", "exact", "precise"}  # dropped from questions
MODALS = {"will": "Will", "would": "Will", "'ll": "Will", "wo": "Will", "shall": "Will", "can": "Can", "could": "Can",
          "ca": "Can", "may": "May", "might": "Might", "should": "Should", "must": "Must"}
PERSON, THING = ("PERSON",), ("ORG", "GPE")
PRONOUNS = {"he": PERSON, "his": PERSON, "she": PERSON, "her": PERSON, "it": THING, "its": THING, "they": THING, "their": THING}
ENTITY = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"}
WHERE, LARGE, BEHIND = "Where is {x}?", "How large is {np}?", "What was behind {x}?"
FRAMES = {"whereabouts": WHERE, "location": WHERE, "cause": "What caused {x}?", "fate": "What happened to {x}?",
          "identity": "Who {be} {x}?", "number": "How many {x} {be} there?", "motive": BEHIND, "reason": BEHIND,
          "toll": LARGE, "extent": LARGE, "scale": LARGE, "size": LARGE, "amount": LARGE}

Found = tuple[str, Sentence, set[int]]  # question, the sentence it was built from, the tokens it rests on


@dataclass
class _Cand:
    kind: str
    question: str
    evidence: list[tuple[int, int]]  # (article position, sentence index)
    keys: set[str] = field(default_factory=set)
    weight: float = 0.0


def _clean(sent: Sentence) -> Sentence:
    """Make the parse a tree (bad head index or a cycle -> a root), so every walk up ends."""
    toks = sent.tokens
    heads = [t.head if 0 <= t.head < len(toks) else i for i, t in enumerate(toks)]
    for i in range(len(toks)):
        seen, j = set(), i
        while heads[j] != j and j not in seen:
            seen.add(j)
            j = heads[j]
        heads[j] = j
    if all(h == t.head for h, t in zip(heads, toks, strict=True)):
        return sent
    return replace(sent, tokens=tuple(replace(t, head=h) for t, h in zip(toks, heads, strict=True)))


def _children(toks: Sequence[Token]) -> list[list[int]]:
    kids: list[list[int]] = [[] for _ in toks]
    for i, t in enumerate(toks):
        if t.head != i:
            kids[t.head].append(i)
    return kids


def _subtree(kids: list[list[int]], i: int) -> set[int]:
    out, todo = set(), [i]
    while todo:  # a tree (see _clean), so nothing is visited twice
        out.add(j := todo.pop())
        todo.extend(kids[j])
    return out


def _render(toks: Sequence[Token], idx: set[int], subs: dict[int, str] | None = None) -> str:
    """Tokens back to text, keeping the source's spacing between neighbours."""
    out: list[str] = []
    prev = -2
    for i in sorted(idx):
        glued = prev == i - 1 and toks[prev].start + len(toks[prev].text) == toks[i].start
        out.append(("" if glued or not out else " ") + (subs or {}).get(i, toks[i].text))
        prev = i
    return "".join(out)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,;:.!?’'])(?=\s|$)", r"\1", re.sub(r"\s+", " ", text))
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text).strip(" ,;:-–—.!?")
    return text[:1].upper() + text[1:] + "?" if text else ""


def _lower_first(toks: Sequence[Token], idx: set[int], text: str) -> str:
    """Lower a leading "The"/"He": the phrase no longer starts the sentence."""
    t = toks[min(idx)] if idx else None
    if t is not None and t.tag in ("DT", "PRP", "PRP$") and t.text != "I" and text.startswith(t.text):
        return text[:1].lower() + text[1:]
    return text


def _drop(toks: Sequence[Token], kids: list[list[int]], keep: set[int], i: int) -> None:
    """Remove a modifier with the conjunction and comma before it, so the cut is clean."""
    span = _subtree(kids, i)
    keep -= span
    for j in sorted((j for j in keep if j < min(span)), reverse=True):
        if toks[j].head not in (toks[i].head, i) or not (toks[j].dep == "cc" or toks[j].pos == "PUNCT"):
            break
        keep.discard(j)


def _trim(toks: Sequence[Token], kids: list[list[int]], keep: set[int], protect: set[int]) -> None:
    """Shorten to MAX_WORDS by dropping whole clauses, then whole phrases, largest first."""
    for deps in (CLAUSAL, {"prep", "npadvmod", "advmod"}):
        while sum(1 for i in keep if toks[i].pos != "PUNCT") > MAX_WORDS:
            cands = [i for i in keep if toks[i].dep in deps and i not in protect and toks[i].head in keep]
            if not cands:
                break
            _drop(toks, kids, keep, max(cands, key=lambda i: (len(_subtree(kids, i)), i)))


def clause_question(sent: Sentence, verb: int, *, subject: int | None = None, modal: str | None = None,
                    subs: dict[int, str] | None = None, drop: set[int] | frozenset[int] = frozenset()) -> str | None:
    """Turn the clause headed by ``verb`` into a yes/no question; None when it is not a statement.

    ``subject`` lends a subject to a bare infinitive ("X is expected to VERB"), ``modal`` forces the
    first word ("Will"), ``subs`` replaces token texts (resolved pronouns), ``drop`` removes tokens.
    """
    sent = _clean(sent)
    toks, kids = sent.tokens, _children(sent.tokens)
    subj = subject if subject is not None else next((c for c in kids[verb] if toks[c].dep in SUBJ), None)
    if subj is None or toks[subj].lemma.lower() in WH | {"that"}:
        return None
    auxes = sorted(c for c in _subtree(kids, verb) if c < verb and toks[c].dep in ("aux", "auxpass") and toks[c].tag != "TO"
                   and (toks[c].head == verb or toks[toks[c].head].head == verb))  # "would" may hang off "be"
    if subject is None and auxes and auxes[0] < subj:
        return None  # inverted conditional ("had troops continued"): not a statement
    keep = (_subtree(kids, verb) | _subtree(kids, subj)) - set(drop)
    for c in kids[verb]:
        t = toks[c]
        if t.dep == "conj" and t.pos in ("VERB", "AUX") and any(toks[k].dep in SUBJ for k in kids[c]):
            _drop(toks, kids, keep, c)  # a second clause with its own subject is a second claim
        elif t.dep in ("mark", "neg", "parataxis") or (t.dep == "aux" and t.tag == "TO") or (c < subj and c not in auxes):
            keep -= _subtree(kids, c)  # "that", "not" (questions are neutral), framing before the subject
    keep -= {i for i, t in enumerate(toks) if t.tag in ("``", "''") or t.lemma.lower() in HEDGES}
    brackets = [i for i, t in enumerate(toks) if t.tag in ("-LRB-", "-RRB-")]
    for a, b in zip(brackets[::2], brackets[1::2], strict=False):
        keep -= set(range(a, b + 1))
    subj_idx = _subtree(kids, subj) & keep
    for i in sorted(keep):  # asides (", who ...") and clauses inside the subject
        start = min(_subtree(kids, i))
        aside = start > 0 and toks[start - 1].text == "," and toks[i].dep in ("relcl", "appos")
        if i in keep and i not in (verb, subj) and (aside or (i in subj_idx and toks[i].dep in ("relcl", "appos", "acl"))):
            _drop(toks, kids, keep, i)
    _trim(toks, kids, keep, {verb, subj, *auxes})
    subj_idx = _subtree(kids, subj) & keep
    while subj_idx and toks[max(subj_idx)].pos == "PUNCT":
        keep.discard(max(subj_idx))
        subj_idx.discard(max(subj_idx))
    base, fronted = False, None
    if modal:
        first, fronted = modal, auxes[0] if auxes and toks[auxes[0]].tag == "MD" else None
        base = not [x for x in auxes if x != fronted] and toks[verb].tag != "VB"
    elif auxes:
        aux, fronted = toks[auxes[0]], auxes[0]
        low = aux.text.lower()
        if aux.tag == "MD":
            nxt = toks[auxes[1]].lemma.lower() if len(auxes) > 1 else ""
            first = "Would" if low == "would" and nxt == "have" else MODALS.get(low, aux.text.capitalize())
        elif low == "had" and len(auxes) == 1 and toks[verb].tag == "VBN":
            first, base = "Did", True
        else:
            first = aux.text.capitalize()
    elif toks[verb].lemma.lower() == "be":
        first, fronted = toks[verb].text.capitalize(), verb
    elif toks[verb].tag == "VBD" and toks[verb].lemma.lower() == "have" and verb + 1 in keep and toks[verb + 1].tag == "VBN":
        first, fronted, verb = "Did", verb, verb + 1  # "had stolen secrets" misread as "had (stolen secrets)"
        base = True
    elif toks[verb].tag in ("VBD", "VBZ", "VBP"):
        first, base = {"VBD": "Did", "VBZ": "Does", "VBP": "Do"}[toks[verb].tag], True
    else:
        return None
    body = {i for i in keep - subj_idx if i > subj or i in auxes} - {fronted}
    words = dict(subs or {})
    if base:
        words[verb] = toks[verb].lemma.lower()
    return _tidy(f"{first} {_lower_first(toks, subj_idx, _render(toks, subj_idx, words))} {_render(toks, body, words)}")


def _stem(lemma: str) -> str:
    w = lemma.lower()
    for suf in ("ings", "ing", "ments", "ment", "ions", "ion"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def _keys(toks: Sequence[Token], idx: set[int] | range) -> tuple[set[str], set[str]]:
    """Content stems of some tokens, and the subset that are names: for matching and salience."""
    keys, ents = set(), set()
    for i in idx:
        t = toks[i]
        if t.pos in ("NOUN", "PROPN", "VERB") and not t.is_stop and len(t.lemma) > 2 and t.lemma.lower() not in GENERIC:
            keys.add(_stem(t.lemma))
            if t.pos == "PROPN" or t.ent in ENTITY:
                ents.add(_stem(t.lemma))
    return keys, ents


def _name(text: str, label: str) -> str:
    text = re.sub(r"['’]s$", "", text)
    text = "the " + text[4:] if text.startswith("The ") else text
    return text.split()[-1] if label == "PERSON" else text


def _resolve(art: AnalyzedArticle, sent: Sentence, i: int, back: int = 3) -> str | None:
    """Nearest earlier mention fitting a pronoun, at most ``back`` sentences back (further is a guess)."""
    t = sent.tokens[i]
    labels = PRONOUNS.get(t.text.lower(), ())
    found = [m for m in art.mentions if m.label in labels and sent.index - back <= m.sentence <= sent.index
             and (m.sentence < sent.index or m.end <= t.start)]
    if not found:
        return None
    m = max(found, key=lambda m: (m.sentence, m.start))
    return _name(m.text, m.label) + ("'s" if t.tag == "PRP$" else "")


def _pronoun_subs(art: AnalyzedArticle, sent: Sentence, idx: set[int], speaker: tuple[str, bool] | None = None) -> dict[int, str]:
    """Subject pronouns and possessives -> names: "X claimed he ..." -> X, "its forces" -> "Kyiv's forces"."""
    subs = {}
    who, person = speaker or ("", False)
    for i in idx:
        t, low = sent.tokens[i], sent.tokens[i].text.lower()
        fits = bool(who) and (low in ("he", "she", "his", "her") or not person)
        if t.tag == "PRP$":
            name = _resolve(art, sent, i, back=0) or (f"{who}'s" if fits else None) or _resolve(art, sent, i, back=1)
        elif t.tag == "PRP" and t.dep in ("nsubj", "nsubjpass"):
            name = who if fits and low in ("he", "she", "it", "they") else _resolve(art, sent, i)
        else:
            continue
        if name:
            subs[i] = name
    return subs


def _speaker(art: AnalyzedArticle, sent: Sentence, verb: int) -> tuple[str, bool] | None:
    """Who makes the claim: a person's name if the subject holds one, else the subject as written."""
    toks, kids = sent.tokens, _children(sent.tokens)
    v = toks[verb].head if toks[verb].dep == "conj" else verb
    subj = next((c for c in kids[v] if toks[c].dep == "nsubj"), None)
    if subj is None:
        return None
    if toks[subj].tag in ("PRP", "WP"):
        name = _resolve(art, sent, subj)
        return (name, toks[subj].text.lower() in ("he", "she")) if name else None
    span = _subtree(kids, subj)
    for c in sorted(span):
        if toks[c].dep in ("relcl", "appos", "acl"):
            span -= _subtree(kids, c)
    lo, hi = toks[min(span)].start, toks[max(span)].start
    names = [m for m in art.mentions if m.label == "PERSON" and lo <= m.start <= hi]
    return (_name(names[-1].text, "PERSON"), True) if names else (_lower_first(toks, span, _render(toks, span)), False)


def _unknown(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """"X remain(s) unclear", "it is not known whether ...", "an unknown number of ..."."""
    toks, kids = sent.tokens, _children(sent.tokens)
    out: list[Found] = []
    for i, t in enumerate(toks):
        v = t.head if t.dep in ("acomp", "attr", "oprd", "amod") else i
        negated = any(toks[c].dep == "neg" for c in kids[i] + kids[v])
        if not (t.lemma.lower() in UNCLEAR or (t.lemma.lower() in KNOWABLE and t.tag in ("JJ", "VB", "VBN") and negated)) or (
                t.dep == "amod" and toks[v].lemma.lower() not in FRAMES):  # "unknown gunmen" is no open question
            continue
        clause = next((c for c in kids[i] + kids[v] if toks[c].dep in ("ccomp", "csubj", "advcl") and c != i), None)
        subj = v if t.dep == "amod" else next((c for c in kids[v] + kids[i] if toks[c].dep in ("nsubj", "nsubjpass")), None)
        if clause is not None and toks[min(_subtree(kids, clause))].lemma.lower() in WH | {"whether", "if"}:
            if q := _wh_question(art, sent, clause):
                out.append((q, sent, _subtree(kids, clause)))
        elif subj is not None and toks[subj].pos in ("NOUN", "PROPN") and (v != i or toks[subj].dep == "nsubjpass"):
            out.append((_frame(art, sent, subj, amod=t.dep == "amod"), sent, _subtree(kids, subj)))
    return out


def _wh_question(art: AnalyzedArticle, sent: Sentence, verb: int) -> str | None:
    """"unclear whether/why/how CLAUSE" -> the clause as a question."""
    toks, kids = sent.tokens, _children(sent.tokens)
    span = _subtree(kids, verb)
    first, subs = min(span), _pronoun_subs(art, sent, span)
    if toks[first].lemma.lower() in ("whether", "if"):
        return clause_question(sent, verb, subs=subs)
    if toks[first].lemma.lower() not in WH:
        return None
    phrase = first
    while toks[phrase].head != verb and toks[phrase].head in span and toks[phrase].head != phrase:
        phrase = toks[phrase].head
    if toks[phrase].dep in ("nsubj", "nsubjpass"):  # "who ordered it", "how many people died"
        return _tidy(_render(toks, span, subs))
    rest = clause_question(sent, verb, subs=subs, drop=_subtree(kids, phrase))
    return _tidy(f"{_render(toks, _subtree(kids, phrase), subs)} {rest[:1].lower()}{rest[1:]}") if rest else None


def _frame(art: AnalyzedArticle, sent: Sentence, head: int, amod: bool = False) -> str:
    """Unknown noun phrase -> question by its head noun ("whereabouts of X" -> "Where is X?")."""
    toks, kids = sent.tokens, _children(sent.tokens)
    np = {i for i in _subtree(kids, head) if toks[i].lemma.lower() not in HEDGES and toks[i].pos != "PUNCT"}
    subs, x = _pronoun_subs(art, sent, np), None
    frame = FRAMES.get(toks[head].lemma.lower(), FRAMES.get(toks[head].text.lower(), "What is known about {np}?"))
    for c in kids[head]:
        if toks[c].dep == "poss" and frame != BEHIND:  # "his whereabouts", but "his motive" is no "What was behind him?"
            x = {i for i in _subtree(kids, c) if toks[i].dep != "case"}
        elif toks[c].dep == "prep" and toks[c].lemma.lower() in ("of", "for", "behind") and kids[c]:
            x = _subtree(kids, kids[c][0])
    if x is None:
        frame = "What is {np}?" if frame == BEHIND else frame if "{x}" not in frame else "What is known about {np}?"
        x = set()
    be = "are" if x and toks[max(x)].tag in ("NNS", "NNPS") else "is"
    if amod and frame == FRAMES["number"] and x and toks[head].dep in ("nsubj", "nsubjpass"):  # "an unknown number of X died"
        verb = toks[head].head
        rest = _render(toks, {i for i in _subtree(kids, verb) - _subtree(kids, head) if toks[i].pos != "PUNCT"}, subs)
        frame = "How many {x} " + rest.replace("{", "{{").replace("}", "}}")
    x_text = re.sub(r"['’]s$", "", _lower_first(toks, x, _render(toks, x, subs)))
    return _tidy(frame.format(x=x_text, be=be, np=_lower_first(toks, np, _render(toks, np, subs))))


def _np_question(art: AnalyzedArticle, sent: Sentence, head: int) -> Found | None:
    """A denied event noun -> "Did A attack B?" when we know its verb, else "Did X happen?"."""
    toks, kids = sent.tokens, _children(sent.tokens)
    span = _subtree(kids, head)
    for c in sorted(span):
        if toks[c].dep in ("relcl", "appos") or (toks[c].dep == "amod" and toks[c].lemma.lower() in ALLEGED):
            span -= _subtree(kids, c)
    span = {i for i in span if not (toks[i].pos == "PUNCT" and i > head)}
    subs, lemma = _pronoun_subs(art, sent, span), toks[head].lemma.lower()
    poss = next((c for c in kids[head] if toks[c].dep == "poss" and toks[c].tag != "PRP$"), None)
    prep = next((c for c in kids[head] if toks[c].dep == "prep" and kids[c]), None)
    if lemma in NOUN_VERB and poss is not None and prep is not None and toks[prep].lemma.lower() in ("on", "against"):
        agent = {i for i in _subtree(kids, poss) if toks[i].dep != "case"}
        target = _subtree(kids, kids[prep][0]) & span
        return _tidy(f"Did {_render(toks, agent, subs)} {NOUN_VERB[lemma]} {_render(toks, target, subs)}"), sent, span
    if lemma == "involvement":  # "Moscow denied involvement in the attack"
        denier = next((c for c in kids[toks[head].head] if toks[c].dep == "nsubj"), None)
        if denier is not None and prep is not None:
            who = _subtree(kids, denier)
            return _tidy(f"Was {_lower_first(toks, who, _render(toks, who, subs))} involved "
                         f"{_render(toks, _subtree(kids, prep), subs)}"), sent, span
    if lemma in NOUN_VERB or any(toks[c].lemma.lower() in ALLEGED for c in kids[head]):
        return _tidy(f"Did {_lower_first(toks, span, _render(toks, span, subs))} happen"), sent, span
    return None


def _disputed(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """A claim and its denial: "X denied that ...", "an alleged attack, which X denied", "X denied it"."""
    toks, kids = sent.tokens, _children(sent.tokens)
    out: list[Found] = []
    for i, t in enumerate(toks):
        if t.pos != "VERB" or t.lemma.lower() not in DENY:
            continue
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
        if clause is not None and (clause == target or toks[target].lemma.lower() in CLAIM_NOUNS):
            if q := clause_question(sent, clause, subs=_pronoun_subs(art, sent, _subtree(kids, clause))):
                out.append((q, sent, _subtree(kids, clause)))
        elif toks[target].lemma.lower() in CLAIM_NOUNS and sent.index > 0 and not (prev := art.sentences[sent.index - 1]).is_heading:
            out += [(q, src, idx) for q, src, idx, *_ in _claims(art, prev)][:1]  # "Moscow denied it": the claim came before
        elif toks[target].pos in ("NOUN", "PROPN") and (found := _np_question(art, sent, target)):
            out.append(found)
    return out


def _claims(art: AnalyzedArticle, sent: Sentence) -> list[tuple[str, Sentence, set[int], bool, set[int]]]:
    """Claims attributed to one party: (question, sentence, clause tokens, made with claim/allege, the
    clause without its asides: ", a figure that could not be verified" is a note on the claim)."""
    toks, kids = sent.tokens, _children(sent.tokens)
    out = []
    for i, t in enumerate(toks):
        clause = next((c for c in kids[i] if toks[c].dep == "ccomp"), None)
        if t.pos != "VERB" or t.lemma.lower() not in CLAIM_VERBS or clause is None:
            continue
        span = _subtree(kids, clause)
        asides = {j for k in span if toks[k].dep in ("appos", "relcl") for j in _subtree(kids, k)}
        if q := clause_question(sent, clause, subs=_pronoun_subs(art, sent, span, _speaker(art, sent, i))):
            out.append((q, sent, span, t.lemma.lower() in ("claim", "allege"), span - asides))
    return out


def _no_proof(sent: Sentence, skip: set[int] | frozenset[int] = frozenset()) -> bool:
    """The sentence notes missing verification ("no videos", "could not be independently verified")."""
    toks, kids = sent.tokens, _children(sent.tokens)
    for i, t in enumerate(toks):
        lem, h = ("", i) if i in skip else (t.lemma.lower(), t.head)
        if lem in ("unverified", "unconfirmed") or (lem in VERIFY and any(toks[c].dep == "neg" for c in kids[i] + kids[h])):
            return True
        if lem in NO_PROOF and (any(toks[c].lemma.lower() == "no" for c in kids[i]) or toks[h].lemma.lower() == "without"):
            return True
    return False


def _pending(art: AnalyzedArticle, sent: Sentence) -> list[Found]:
    """Announced plans: "X would/will VERB", "X is expected/set/scheduled to VERB", "X plans to VERB"."""
    toks, kids = sent.tokens, _children(sent.tokens)
    out: list[Found] = []
    for i, t in enumerate(toks):
        lem, verb, subj = t.lemma.lower(), None, None
        if t.tag == "MD" and lem in ("will", "would", "shall") and t.dep == "aux":
            verb = t.head
            while toks[verb].dep in ("aux", "auxpass") and toks[verb].head != verb:
                verb = toks[verb].head  # "would" hanging off "be"
            if any(toks[c].lemma.lower() == "have" and c > i for c in kids[verb]) or any(
                    toks[c].dep == "advcl" and any(toks[m].lemma.lower() == "if" for m in kids[c]) for c in kids[verb]):
                continue  # "would have been", "would ... if": hypothetical, not a plan
        elif lem in PLAN and (t.tag == "VBN" or lem in ("plan", "intend", "due")):
            verb = next((c for c in kids[i] if toks[c].dep == "xcomp" and toks[c].pos in ("VERB", "AUX")), None)
            subj = next((c for c in kids[i] + kids[t.head] if toks[c].dep in ("nsubj", "nsubjpass")), None)  # "is due to"
            if subj is None:
                continue
        opened = sum(1 if x.tag == "``" else -1 if x.tag == "''" else 0 for x in toks[:i])
        if verb is None or opened > 0 or toks[min(_subtree(kids, verb))].lemma.lower() in WH | {"whether", "if"}:
            continue  # a speaker's quoted promise, or an open "when it will": not an announced plan
        who = subj if subj is not None else next((c for c in kids[verb] if toks[c].dep in SUBJ), None)
        if who is None or toks[who].lemma.lower() in ("i", "we", "you"):
            continue
        span = _subtree(kids, verb) | _subtree(kids, who)
        head = toks[verb].head  # "X said it would ...": "it" is X
        speaker = _speaker(art, sent, head) if toks[verb].dep == "ccomp" and toks[head].lemma.lower() in CLAIM_VERBS else None
        if q := clause_question(sent, verb, subject=subj, modal="Will", subs=_pronoun_subs(art, sent, span, speaker)):
            out.append((q, sent, span))
    return out


def open_questions(articles: Sequence[AnalyzedArticle], config: BuildConfig) -> list[Question]:
    """What one story's sources leave open, best first, at most ``config.max_questions``."""
    articles = [replace(a, sentences=tuple(_clean(s) for s in a.sentences)) for a in articles]
    sent_keys = {(ai, s.index): _keys(s.tokens, range(len(s.tokens)))[0]
                 for ai, a in enumerate(articles) for s in a.sentences if not s.is_heading}
    names = {n for a in articles for s in a.sentences for n in _keys(s.tokens, range(len(s.tokens)))[1]}
    notes = [(ai, s.index) for ai, a in enumerate(articles) for s in a.sentences if not s.is_heading and _no_proof(s)]
    cands: list[_Cand] = []

    def add(kind: str, found: Found, ai: int, s: Sentence, more: Sequence[tuple[int, int]] = (), bonus: float = 0.0) -> None:
        q, src, idx = found
        if len(q.split()) >= 3:
            evidence = list(dict.fromkeys([(ai, s.index), (ai, src.index), *more]))
            cands.append(_Cand(kind, q, evidence, _keys(src.tokens, idx)[0], WEIGHTS[kind] + bonus))

    for ai, a in enumerate(articles):
        for s in (s for s in a.sentences if not s.is_heading and s.tokens):
            for found in _unknown(a, s):
                add("unknown", found, ai, s)
            for found in _disputed(a, s):  # each other article's best sentence raising the same claim joins the evidence
                keys = _keys(found[1].tokens, found[2])[0]
                hits = sorted((-len((keys & ks) - names), k) for k, ks in sent_keys.items() if k[0] != ai and len((keys & ks) - names) >= 2)
                add("disputed", found, ai, s, list({k[0]: k for _, k in reversed(hits)}.values()))
            for q, src, idx, claimed, core in _claims(a, s):
                keys = _keys(src.tokens, idx)[0]
                linked = [n for n in notes if n != (ai, s.index) and (
                    (n[0] == ai and (n[1] == s.index + 1 or (abs(n[1] - s.index) <= 2 and keys & sent_keys[n])))
                    or len((keys & sent_keys[n]) - names) >= 2)] + [(ai, s.index)] * _no_proof(s, core)
                if linked or claimed:
                    add("unverified", (q, src, idx), ai, s, linked, 0.0 if linked else -0.5)
            for found in _pending(a, s):
                add("pending", found, ai, s)
    merged = _merge(cands)
    questions = _finish(articles, merged, sent_keys, names)
    log.debug("%d open questions from %d candidates", len(questions), len(cands))
    return questions[: config.max_questions]


def _merge(cands: list[_Cand]) -> list[_Cand]:
    """One question per claim across sources: same kind and mostly the same key words."""
    out: list[_Cand] = []
    for c in cands:
        same = next((o for o in out if o.kind == c.kind and (o.question == c.question or (
            c.keys & o.keys and len(c.keys & o.keys) / len(c.keys | o.keys) >= 0.5))), None)
        if same is None:
            out.append(c)
            continue
        same.evidence += [e for e in c.evidence if e not in same.evidence]
        same.keys, same.weight = same.keys | c.keys, max(same.weight, c.weight)
    return out


def _finish(articles: Sequence[AnalyzedArticle], cands: list[_Cand], sent_keys: dict[tuple[int, int], set[str]],
            names: set[str]) -> list[Question]:
    """Score and cite. An article addresses a question if one sentence shares two of its key words,
    two of them not names (names like "Wagner" run through the whole story)."""
    total, result = max(1, len(sent_keys)), []
    by_index = [{s.index: s for s in a.sentences} for a in articles]
    for c in cands:
        cited = {ai for ai, _ in c.evidence}
        need = min(2, len(c.keys - names))
        silent = tuple(a.article.id for ai, a in enumerate(articles) if ai not in cited and not any(
            ki == ai and len(c.keys & ks) >= 2 and len((c.keys & ks) - names) >= need for (ki, _), ks in sent_keys.items()))
        salience = max((sum(1 for ks in sent_keys.values() if e in ks) / total for e in c.keys & names), default=0.0)
        addressing = len(articles) - len(silent) - len(cited)
        score = round(c.weight + 0.5 * (len(cited) - 1) + 0.25 * addressing + min(1.0, 2 * salience), 3)
        evidence = tuple(Citation(text=by_index[ai][si].text, article=articles[ai].article.id, sentence=si, date=articles[ai].article.date)
                         for ai, si in sorted(c.evidence) if si in by_index[ai])
        result.append(Question(c.question, c.kind, evidence, silent, score))
    return sorted(result, key=lambda q: (-q.score, q.question))
