"""Parse-tree helpers shared by the question kinds: walk, cut and render a clause, resolve pronouns.

Works only on the records of analyze.py (no spaCy), so everything here is tested with hand-made tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import replace
from functools import lru_cache

from briefgen.facts.lexicon import role_noun
from briefgen.models import AnalyzedArticle, Sentence, Token

MAX_WORDS = 25
SUBJ = {"nsubj", "nsubjpass", "expl", "csubj"}
CLAUSAL = {"relcl", "advcl", "acl", "appos", "parataxis", "conj"}
WH = {"why", "how", "when", "where", "who", "what", "which", "whom"}
PERCEIVE = {"see", "hear", "watch", "catch", "find", "spot", "notice", "witness"}
REPORTING = {"say", "claim", "allege", "report", "tell", "insist", "assert"}
GENERIC = {"say", "be", "have", "do", "tell", "claim", "add", "make", "get", "will", "would", "report", "remain", "know", "deny"}
UNASKED = {
    "also",
    "reportedly",
    "allegedly",
    "apparently",
    "exact",
    "precise",
    "exactly",
    "likely",
    "probably",
    "possibly",
    "undoubtedly",
    "definitely",
    "certainly",
}  # words dropped when a sentence is phrased as a question
MODALS = {
    "will": "Will",
    "would": "Will",
    "'ll": "Will",
    "wo": "Will",
    "shall": "Will",
    "can": "Can",
    "could": "Can",
    "ca": "Can",
    "may": "May",
    "might": "Might",
    "should": "Should",
    "must": "Must",
}
PERSON, THING = ("PERSON",), ("ORG", "GPE")
PRONOUNS = {"he": PERSON, "his": PERSON, "she": PERSON, "her": PERSON, "it": THING, "its": THING, "they": THING, "their": THING}
ENTITY = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"}
#: A question still holding one of these after pronoun resolution leaves the reader asking "who?".
UNRESOLVED = re.compile(r"\b(?:he|she|him|her|his|hers|they|them|their|it|its|I|me|my|we|our|us|you|your|whose|whom)\b")
Kids = tuple[tuple[int, ...], ...]  # each token's dependents, in order (see children)


def as_tree(sent: Sentence) -> Sentence:
    """Make the parse a tree (bad head index or a cycle -> a root), so every walk up ends."""
    heads = tuple(t.head for t in sent.tokens)
    tree = _tree(heads)
    if tree == heads:
        return sent
    return replace(sent, tokens=tuple(replace(t, head=h) for t, h in zip(sent.tokens, tree, strict=True)))


@lru_cache(maxsize=4096)
def _tree(heads: tuple[int, ...]) -> tuple[int, ...]:
    """Cached on the head indices alone: a sentence is cleaned again by every question built from it."""
    out = [h if 0 <= h < len(heads) else i for i, h in enumerate(heads)]
    walk = [-1] * len(out)  # the first walk up that passed each token; a later one meeting it ends at a root
    for i in range(len(out)):
        j = i
        while out[j] != j and walk[j] < 0:
            walk[j] = i
            j = out[j]
        if walk[j] == i:
            out[j] = j  # this walk closed a cycle: cut it here
    return tuple(out)


def children(toks: Sequence[Token]) -> Kids:
    return _children(tuple(t.head for t in toks))


@lru_cache(maxsize=4096)
def _children(heads: tuple[int, ...]) -> Kids:
    """Cached on the head indices alone: every detector asks for the same sentence's dependents."""
    kids: list[list[int]] = [[] for _ in heads]
    for i, h in enumerate(heads):
        if h != i:
            kids[h].append(i)
    return tuple(map(tuple, kids))


def subtree(kids: Kids, i: int) -> set[int]:
    out, todo = set(), [i]
    while todo:  # a tree (see as_tree), so nothing is visited twice
        out.add(j := todo.pop())
        todo.extend(kids[j])
    return out


def render(toks: Sequence[Token], idx: set[int], subs: dict[int, str] | None = None) -> str:
    """Tokens back to text, keeping the source's spacing between neighbours."""
    out: list[str] = []
    prev = -2
    for i in sorted(idx):
        glued = prev == i - 1 and toks[prev].start + len(toks[prev].text) == toks[i].start
        out.append(("" if glued or not out else " ") + (subs or {}).get(i, toks[i].text))
        prev = i
    return "".join(out)


def tidy(text: str) -> str:
    text = re.sub(r"\s+([,;:.!?’'])(?=\s|$)", r"\1", re.sub(r"\s+", " ", text))
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text).strip(" ,;:-–—.!?")
    text = re.sub(r"[\s,]+(?:or|and|but)$", "", text)
    text = re.sub(r",?\s+(?:or\s+)?(?:more|less)$", "", text)  # "$175 million, possibly more": the hedge went
    if text.count("(") != text.count(")"):
        text = re.sub(r"\s*[()]\s*", " ", text).strip()
    return text[:1].upper() + text[1:] + "?" if text else ""


def lower_first(toks: Sequence[Token], idx: set[int], text: str) -> str:
    """Lower a leading "The"/"He"/"Roads"/"Smaller": the phrase no longer starts the sentence."""
    t = toks[min(idx)] if idx else None
    first = (
        t is not None and t.pos != "PROPN" and not t.ent and t.start == min(x.start for x in toks) and (t.text[1:].islower())
    )  # "Smaller counties", "Emergency legislation": capitalised only because the sentence began
    if t is not None and (t.tag in ("DT", "PRP", "PRP$") or first) and t.text != "I" and text.startswith(t.text):
        return text[:1].lower() + text[1:]
    return text


def drop_phrase(toks: Sequence[Token], kids: Kids, keep: set[int], i: int) -> None:
    """Remove a modifier with the conjunction and comma before it, so the cut is clean."""
    span = subtree(kids, i)
    keep -= span
    before = False
    for j in sorted((j for j in keep if j < min(span)), reverse=True):
        if toks[j].head not in (toks[i].head, i) or not (toks[j].dep == "cc" or toks[j].pos == "PUNCT"):
            break
        keep.discard(j)
        before = before or toks[j].text == ","
    after = max(span) + 1
    if before and after in keep and toks[after].text == "," and toks[i].dep in ("appos", "relcl", "acl", "advcl"):
        keep.discard(after)  # "X, from the town, appeared": both commas of the aside go


def trim(toks: Sequence[Token], kids: Kids, keep: set[int], protect: set[int]) -> None:
    """Shorten to MAX_WORDS by dropping whole clauses, then whole phrases, largest first."""
    for deps in (CLAUSAL, {"prep", "npadvmod", "advmod"}):
        while sum(1 for i in keep if toks[i].pos != "PUNCT") > MAX_WORDS:
            cands = [i for i in keep if toks[i].dep in deps and i not in protect and toks[i].head in keep]
            if not cands:
                break
            drop_phrase(toks, kids, keep, max(cands, key=lambda i: (len(subtree(kids, i)), i)))


def clause_question(
    sent: Sentence,
    verb: int,
    *,
    subject: int | None = None,
    modal: str | None = None,
    subs: dict[int, str] | None = None,
    drop: set[int] | frozenset[int] = frozenset(),
) -> str | None:
    """Turn the clause headed by ``verb`` into a yes/no question; None when it is not a statement.

    ``subject`` lends a subject to a bare infinitive ("X is expected to VERB"), ``modal`` forces the
    first word ("Will"), ``subs`` replaces token texts (resolved pronouns), ``drop`` removes tokens.
    """
    sent = as_tree(sent)
    toks, kids = sent.tokens, children(sent.tokens)
    subj = subject if subject is not None else next((c for c in kids[verb] if toks[c].dep in SUBJ), None)
    if subj is None or toks[subj].lemma.lower() in WH | {"that"}:
        return None
    auxes = sorted(
        c
        for c in subtree(kids, verb)
        if c < verb
        and toks[c].dep in ("aux", "auxpass")
        and toks[c].tag != "TO"
        and (toks[c].head == verb or toks[toks[c].head].head == verb)
    )  # "would" may hang off "be"
    if subject is None and auxes and auxes[0] < subj:
        return None  # inverted conditional ("had troops continued"): not a statement
    cut = cut_off(toks, kids)
    if verb in cut or subj in cut:
        return None  # the clause itself is what the excerpt cut short
    keep = (subtree(kids, verb) | subtree(kids, subj)) - set(drop) - cut
    # a lent subject whose own "who ..." clause holds the verb ("Smith, who is accused of killing"): the subject is the
    # name without that clause
    own = subtree(kids, subj) - (subtree(kids, verb) if verb in subtree(kids, subj) else set())
    for c in kids[verb]:
        t = toks[c]
        if t.dep == "conj" and t.pos in ("VERB", "AUX") and any(toks[k].dep in SUBJ | {"aux", "auxpass"} for k in kids[c]):
            drop_phrase(toks, kids, keep, c)  # a second clause with its own subject is a second claim
        elif t.dep in ("mark", "neg", "parataxis") or (t.dep == "aux" and t.tag == "TO") or (c < subj and c not in auxes):
            keep -= subtree(kids, c)  # "that", "not" (questions are neutral), framing before the subject
        elif (
            t.dep == "advcl"
            and t.tag == "VBG"
            and (
                t.lemma.lower() in ("add", "say", "note", "explain", "tell")
                or (min(subtree(kids, c)) > 0 and toks[min(subtree(kids, c)) - 1].text == ",")
            )
        ):
            drop_phrase(toks, kids, keep, c)  # ", adding that ...", ", writing in a statement": an aside, not the claim
    for i in sorted(keep):  # "countries that are eager ... but wary of": an adjective misread as a second noun
        if i in keep and toks[i].dep == "conj" and toks[i].pos == "ADJ" and toks[toks[i].head].pos in ("NOUN", "PROPN"):
            drop_phrase(toks, kids, keep, i)
    unasked = {i for i, t in enumerate(toks) if t.tag in ("``", "''") or t.lemma.lower() in UNASKED}
    keep -= unasked
    brackets = [i for i, t in enumerate(toks) if t.tag in ("-LRB-", "-RRB-")]
    for a, b in zip(brackets[::2], brackets[1::2], strict=False):
        keep -= set(range(a, b + 1))
    subj_idx = own & keep
    for i in sorted(keep):  # asides (", who ...") and clauses inside the subject
        if i not in keep or i in (verb, subj) or toks[i].dep not in ("relcl", "appos", "acl"):
            continue
        start = min(subtree(kids, i))
        if (start > 0 and toks[start - 1].text == "," and toks[i].dep in ("relcl", "appos")) or i in subj_idx:
            drop_phrase(toks, kids, keep, i)
    for i in sorted(keep):  # "the attack on the Capitol, her deputy chief of staff, said": an aside the parser joined as a list
        if i in keep and i not in (verb, subj) and _aside_conj(toks, kids, i):
            drop_phrase(toks, kids, keep, i)
    trim(toks, kids, keep, {verb, subj, *auxes})
    subj_idx = own & keep
    while subj_idx and toks[max(subj_idx)].pos == "PUNCT":
        keep.discard(max(subj_idx))
        subj_idx.discard(max(subj_idx))
    if (
        not subj_idx
        or not any(toks[i].pos in ("NOUN", "PROPN", "PRON", "NUM") for i in subj_idx)
        or any(
            toks[i].pos in ("VERB", "AUX")
            and toks[i].dep not in ("relcl", "acl", "amod", "compound")
            and toks[toks[i].head].dep != "relcl"
            and i not in auxes
            for i in subj_idx
            if i == subj
        )
    ):
        return None  # no subject left, or a verb in the subject slot ("... told's ...")
    if torn(toks, kids, keep, {verb, subj}, unasked):
        return None  # "... a podcast hosted by Enoch is a pun on ...", "central to a hard-core": the cuts tore the clause
    for k in sorted(j for j in keep if max(subj_idx) < j < verb):
        if toks[k].pos != "PUNCT":
            break
        keep.discard(k)  # "Zimmerman's lawyer, pay": the aside's commas went with it
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
        elif aux.lemma.lower() == "get" and aux.tag in ("VBD", "VBZ", "VBP"):  # "got involved": do-support, "get" stays
            first, fronted = {"VBD": "Did", "VBZ": "Does", "VBP": "Do"}[aux.tag], None
        else:
            first = aux.text.capitalize()
    elif toks[verb].lemma.lower() == "be":
        first, fronted = toks[verb].text.capitalize(), verb
    elif toks[verb].tag == "VBD" and toks[verb].lemma.lower() == "have" and verb + 1 in keep and toks[verb + 1].tag == "VBN":
        first, fronted, verb = "Did", verb, verb + 1  # "had stolen secrets" misread as "had (stolen secrets)"
        base = True
    elif toks[verb].tag in ("VBD", "VBZ", "VBP"):
        first, base = {"VBD": "Did", "VBZ": "Does", "VBP": "Do"}[toks[verb].tag], True
    elif toks[verb].tag == "VBN" and subject is None and toks[subj].dep == "nsubj":
        first, base = "Did", True  # "whether COVID-19 leaked from a lab", "leaked" tagged a participle: an active past, no auxiliary
    else:
        return None
    body = {i for i in keep - subj_idx if i > subj or i in auxes} - {fronted}
    if toks[verb].lemma.lower() in PERCEIVE and any(
        (toks[c].dep == "dobj" and any(j not in keep for j in subtree(kids, c) if j > c))
        or (toks[c].dep in ("xcomp", "advcl", "ccomp", "oprd") and c not in keep)
        for c in kids[verb]
    ):
        return None  # "saw her boyfriend, Darby Johns, dancing with ...": what was seen went with the cut
    if any(toks[i].lemma.lower() in REPORTING and toks[i].pos == "VERB" and i != verb for i in body | subj_idx):
        return None  # "... of what North Korea claimed a hydrogen bomb involved ...": a claim inside the claim
    lo, hi = min(subj_idx), max(subj_idx)
    if any(
        0 <= j < len(toks) and j not in subj_idx and toks[j].pos == "PROPN" and toks[j].head in subj_idx | {subj} for j in (lo - 1, hi + 1)
    ) or (hi + 1 < len(toks) and hi + 1 not in keep and toks[hi + 1].pos == "PROPN" and toks[hi].pos == "PROPN"):
        return None  # "Will Texas begin airing ..." of "Texas Right to Life plans to ...": a name cut in two
    if first in ("Was", "Is", "Has", "Does") and toks[subj].tag in ("NNS", "NNPS") and subj not in (subs or {}):
        first = {"Was": "Were", "Is": "Are", "Has": "Have", "Does": "Do"}[first]  # "Were the workers involved?"
    elif first == "Do" and (
        (toks[subj].tag in ("NN", "NNP") and subj not in (subs or {})) or (subj in (subs or {}) and not (subs or {})[subj].endswith("s"))
    ):
        first = "Does"  # "the government claims they have": "Does the government have ...?"
    words = dict(subs or {})
    if fronted is None and auxes and toks[auxes[0]].lemma.lower() == "get" and not modal:
        words[auxes[0]] = "get"
    if base:
        words[verb] = toks[verb].lemma.lower()
        for c in kids[verb]:  # "Did X have sex ... and carry on ...", not "... and carried on"
            if (
                c in keep
                and toks[c].dep == "conj"
                and toks[c].tag in ("VBD", "VBZ", "VBP")
                and not any(toks[k].dep in SUBJ | {"aux", "auxpass"} for k in kids[c])
            ):
                words[c] = toks[c].lemma.lower()
    return tidy(f"{first} {lower_first(toks, subj_idx, render(toks, subj_idx, words))} {render(toks, body, words)}")


#: Dependents that modify their head, so that a clause stays whole without them.
_MODIFIERS = frozenset({"prep", "agent", "advcl", "acl", "relcl", "npadvmod", "advmod", "appos", "conj", "cc", "amod", "nummod"})


def cut_off(toks: Sequence[Token], kids: Kids) -> set[int]:
    """The phrase an excerpt cuts short ("... approved by the House as...", "... advertiser data for its own illegal..."):
    before a closing ellipsis, the largest modifier whose words run to the cut. Excerpts (AllSides') end so; the question
    keeps the clause without it ("Will the measure be approved by the House?"). Nothing when the cut falls in the clause's
    core (its object or complement): the clause is then not whole, and ``torn`` or the subject checks see it."""
    if len(toks) < 3 or toks[-1].text not in ("...", "…"):
        return set()
    last, top, i = len(toks) - 2, None, len(toks) - 2
    for _ in range(len(toks)):
        if max(subtree(kids, i)) != last or toks[i].head == i:
            break
        if toks[i].dep in _MODIFIERS:
            top = i
        i = toks[i].head
    return subtree(kids, top) if top is not None else set()


def _aside_conj(toks: Sequence[Token], kids: Kids, i: int) -> bool:
    """A noun joined to the noun before it by a comma alone, with no "and" or "or" anywhere in its list: a speaker's aside
    that the parser read as a second item ("... the Jan. 6 attack on the Capitol, her deputy chief of staff, ...")."""
    if toks[i].dep != "conj" or toks[i].pos not in ("NOUN", "PROPN") or toks[toks[i].head].pos not in ("NOUN", "PROPN"):
        return False
    first = i
    while toks[first].dep == "conj" and toks[first].head != first:
        first = toks[first].head
    chain, todo = {first}, [first]  # every item of the list, however the parser chained them
    while todo:
        for c in kids[todo.pop()]:
            if toks[c].dep == "conj" and c not in chain:
                chain.add(c)
                todo.append(c)
    start = min(subtree(kids, i))
    return start > 0 and toks[start - 1].text == "," and not any(toks[c].dep in ("cc", "preconj") for j in chain for c in kids[j])


def torn(toks: Sequence[Token], kids: Kids, keep: set[int], roots: set[int], unasked: Set[int] = frozenset()) -> bool:
    """The tokens ``keep`` of a clause rebuilt as a question (its verb and subject ``roots``, the subject perhaps
    lent from another clause: "X is expected to go") are no longer one sound clause: a word
    whose head was cut ("a hard-core" of "a hard-core, explicitly neo-Nazi tendency"), or a verb kept without the
    subject ("a podcast hosted by Enoch is a pun", once "the name of which" went, or never parsed as its own). The parse check of a
    rebuild: the cuts must take whole phrases. ``unasked`` are the words left out as hedges or quotation marks
    ("allegedly", ``UNASKED``), whose dependents stay."""
    held = keep | set(unasked)
    for i in keep:
        if i in roots or toks[i].pos == "PUNCT":
            continue
        if toks[i].head not in held:
            return True
        if toks[i].tag in ("VBD", "VBZ", "VBP") and toks[i].dep not in ("aux", "auxpass", "conj"):
            subjects = [c for c in kids[i] if toks[c].dep in SUBJ]
            if not subjects or any(c not in held for c in subjects):
                return True  # a finite verb without its subject; a conjunct shares its head's
    return False


#: Determiners that point back at something the reader is taken to know ("the two", "these three").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def number_for_noun(toks: Sequence[Token], idx: set[int]) -> bool:
    """A number standing for its noun among the tokens ``idx`` a question was built from ("Did the two discuss
    Cabinet posts?", "What did the other three do for a living?"): like a bare pronoun, it leaves the reader asking
    which ones; "the two bombers" and "two of the victims" hold their noun."""
    kids = children(toks)
    return any(
        toks[i].pos == "NUM"
        and toks[i].ent in ("", "CARDINAL")  # not "the 1990s", "the 60s"
        and toks[i].dep not in ("nummod", "compound", "quantmod", "amod", "npadvmod")
        and not any(toks[k].dep == "prep" for k in kids[i] if k in idx)
        and any(toks[k].dep == "det" and toks[k].lemma.lower() in DEFINITE for k in kids[i] if k in idx)
        for i in idx
    )


#: Words that compare with, or add to, something said before them: "How many millions more were spent ...?" (more than
#: what?), "Will Lerner face another legal headache?", "the other suspects", "the same period". A question must stand
#: alone, and these point back at a sentence the reader of the question has not read. Each with the word that
#: completes it in the question itself ("more than 200", "the same day as the vote"); "each other" and "one another"
#: point at nothing outside.
COMPARED = {"more": "than", "less": "than", "fewer": "than", "other": "than", "another": "", "same": "as", "such": "as"}
#: Words that stand for a noun said before them ("Did the latter resign?"); "the former president" holds its noun.
BACK = frozenset({"former", "latter"})


def dangling(toks: Sequence[Token], idx: set[int]) -> bool:
    """Among the tokens ``idx`` a question holds, a comparison or addition whose other term it does not hold
    (``COMPARED``), or "the former"/"the latter" standing for a noun (``BACK``): like a bare pronoun, it leaves the
    reader asking "than what?", "besides which?", "which one?"."""
    held = {toks[i].lemma.lower() for i in idx}
    for i in idx:
        low = toks[i].text.lower()
        if low in BACK and not (toks[i].dep == "amod" and toks[toks[i].head].pos in ("NOUN", "PROPN")):
            return True  # "the latter": which one?
        if low not in COMPARED or (COMPARED[low] and COMPARED[low] in held):
            continue
        if low in ("more", "less", "fewer") and toks[i].tag not in ("JJR", "RBR"):
            continue  # "less" as a verb's particle, a name
        if low in ("other", "another") and i > 0 and toks[i - 1].text.lower() in ("each", "one"):
            continue  # "each other", "one another"
        return True
    return False


#: What a noun phrase may hold besides its noun and still say nothing of which one it is ("the recent abduction",
#: "the two bombers"): its determiner, adjectives, numbers and nouns before it. Anything else (a name, a date, an
#: owner, a phrase or clause after the noun) tells the reader which one ("the 1997 world skiing championships").
_BARE = frozenset({"det", "amod", "nummod", "compound", "advmod", "punct", "quantmod"})


def bare_definites(toks: Sequence[Token], idx: set[int]) -> set[str]:
    """The nouns of a question's definite noun phrases that say nothing of which one they mean: "the
    abduction", "this evidence" (a number standing for its noun: ``number_for_noun``), but not "the Gates
    tape", "Hariri's country" or "the abduction of a businessman". Stems (``stem``), of the tokens ``idx``
    a question was built from; the question stands alone only if the reader already knows each of them."""
    kids = children(toks)
    out = set()
    for i in idx:
        t = toks[i]
        if t.pos != "NOUN" or t.dep in ("compound", "nummod", "amod"):
            continue
        phrase = subtree(kids, i) & idx
        if not any(toks[d].dep == "det" and toks[d].lemma.lower() in DEFINITE for d in kids[i] if d in idx):
            continue
        if all(j == i or (toks[j].dep in _BARE and toks[j].pos != "PROPN" and toks[j].ent not in ENTITY | {"DATE"}) for j in phrase):
            out.add(stem(t.lemma))
    return out


#: Endings a word of a title may carry that the noun it names lacks ("Devices", "charged", "burning"): each with what
#: takes its place, so a title's word can be compared with a lemma's stem without a parse of the title.
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))


#: Nouns that name one thing in the news of a chamber (stems): a title about a "bill" names "the legislation" and "the
#: measure" its sources vote on ("House GOP leader opposes bill to create commission ..." beside "The House is expected
#: to vote on the legislation Wednesday"; AllSides part A).
_ONE_THING = (frozenset({"bill", "legislat", "measure"}),)


def named_in(noun: str, title: str) -> bool:
    """Does ``title`` name the thing whose noun stem (``stem``) is ``noun``? A word of the title in any inflection
    ("the charge" in "Man charged with arson"), or the last part of a compound noun ("the earthquake" in "Ten dead in
    Iran quake"), or another noun of the same thing (``_ONE_THING``: "the legislation" in "... opposes bill to ...").
    A title is a line of text, not a parse, so its words are compared by their endings."""
    nouns = next((group for group in _ONE_THING if noun in group), {noun})
    for word in re.findall(r"[a-z]+", re.sub(r"['’]s\b", "", title.casefold())):
        bases = {word[: -len(end)] + add for end, add in _INFLECTIONS if word.endswith(end) and len(word) - len(end) >= 3}
        forms = {word, *bases} | {stem(f) for f in {word, *bases}}
        if not nouns.isdisjoint(forms) or (len(word) >= 4 and any(n.endswith(word) for n in nouns)):
            return True
    return False


@lru_cache(maxsize=1 << 16)
def stem(lemma: str) -> str:
    w = lemma.lower()
    for suf in ("ings", "ing", "ments", "ment", "ions", "ion"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w  # "Oscars" = "oscar"


def lemma_forms(sent: Sentence) -> frozenset[str]:
    """Every lemma of the sentence, lowercased and stemmed: one set per sentence for the cheap first
    tests (which detectors can find anything here, which sentences can answer a question)."""
    lemmas = {t.lemma for t in sent.tokens}
    return frozenset(map(stem, lemmas)).union(map(str.lower, lemmas))


def key_stems(toks: Sequence[Token], idx: set[int] | range) -> tuple[set[str], set[str]]:
    """Content stems of some tokens, and the subset that are names: for matching and salience."""
    keys, ents = set(), set()
    for i in idx:
        t = toks[i]
        if t.pos in ("NOUN", "PROPN", "VERB") and not t.is_stop and (key := _key(t.lemma)):
            keys.add(key)
            if t.pos == "PROPN" or t.ent in ENTITY:
                ents.add(key)
    return keys, ents


@lru_cache(maxsize=1 << 16)
def _key(lemma: str) -> str:
    """The stem of a lemma that can be a key word, "" for a short or generic one."""
    return stem(lemma) if len(lemma) > 2 and lemma.lower() not in GENERIC else ""


def short_name(text: str, label: str) -> str:
    text = re.sub(r"['’]s$", "", text)
    text = "the " + text[4:] if text.startswith("The ") else text
    words = [w for w in text.split() if w.rstrip(".,") not in ("Jr", "Sr", "II", "III", "IV")] or text.split()
    return words[-1] if label == "PERSON" else text


def resolve(art: AnalyzedArticle, sent: Sentence, i: int, back: int = 3, exclude: frozenset[str] = frozenset()) -> str | None:
    """The mention a pronoun most likely means, at most ``back`` sentences back (further is a guess).

    The nearest fitting mention; for he, she, his and her only when one person is in reach (a question
    about the wrong person misleads; one with the pronoun left in is not asked). ``exclude`` holds
    names that cannot be meant, such as the speaker of "X did not say why he left".
    """
    t = sent.tokens[i]
    labels = PRONOUNS.get(t.text.lower(), ()) if t.text.lower() not in ("they", "their") else ()  # a group: too often wrong
    reach = [
        m
        for m in art.mentions
        if m.label in labels and sent.index - back <= m.sentence <= sent.index and (m.sentence < sent.index or m.end <= t.start)
    ]
    owners = {m.start for m in reach if m.sentence == sent.index and _owns_person(sent, m.end)}
    reach = [m for m in reach if m.start not in owners]  # "Colvin's mother said ... her daughter": 'her' is the mother
    found = [m for m in reach if short_name(m.text, m.label) not in exclude]
    if not found:
        return None
    m = max(found, key=lambda m: (m.sentence, m.start))
    people = reach if t.tag == "PRP$" else found  # "Lewis did not say how many donations her campaign had": hers may be the speaker's
    if m.label == "PERSON" and len({short_name(x.text, "PERSON") for x in people if x.label == "PERSON"}) > 1:
        return None  # two people in reach: which one 'he' or 'her' means, the text alone does not settle
    return short_name(m.text, m.label) + ("'s" if t.tag == "PRP$" else "")


def own_subject(art: AnalyzedArticle, sent: Sentence, i: int) -> str | None:
    """The name a person pronoun means when its own sentence's subject names it and the tagger missed the name
    ("Prigozhin portrayed his actions as a response to ... his group's field camps", no person tagged in the
    sentence): the subject of the sentence's main verb, a proper noun before the pronoun outside every tagged name.
    None when a tagged person comes before the pronoun in the sentence (``resolve`` decides then) or for another
    pronoun than he, his, she or her."""
    t = sent.tokens[i]
    if PRONOUNS.get(t.text.lower()) != PERSON:
        return None
    if any(m.label in PERSON and m.sentence == sent.index and m.end <= t.start for m in art.mentions):
        return None
    toks = sent.tokens
    k = next((k for k, s in enumerate(toks[:i]) if s.dep == "nsubj" and toks[s.head].dep == "ROOT"), None)
    if k is None or toks[k].pos != "PROPN" or toks[k].ent:
        return None
    return toks[k].text + ("'s" if t.tag == "PRP$" else "")


def _owns_person(sent: Sentence, end: int) -> bool:
    """The name ending at ``end`` owns a person ("Colvin's mother", "Smith's lawyer"): that person, not the name, is
    who a later 'she' or 'her' of the sentence most likely means."""
    toks = sent.tokens
    k = next((k for k, t in enumerate(toks) if t.start == end and t.text in ("'s", "’s", "'", "’")), None)
    if k is None or toks[k].head == k:
        return False
    owned = toks[toks[toks[k].head].head] if toks[toks[k].head].dep == "poss" else toks[toks[k].head]
    return owned.pos == "NOUN" and role_noun(owned.lemma, "PERSON")


def pronoun_subs(
    art: AnalyzedArticle,
    sent: Sentence,
    idx: set[int],
    speaker: tuple[str, str] | None = None,
    exclude: frozenset[str] = frozenset(),
    top: int | None = None,
) -> dict[int, str]:
    """Subject pronouns and possessives -> names: "X claimed he ..." -> X, "its forces" -> "Kyiv's forces".

    The speaker stands in only for a pronoun that can mean it (see ``speaker_of``) and, when ``top``
    is given, only for the subject of that clause: in "X claimed they got credit for work they didn't
    do", the second "they" is not X.
    """
    subs = {}
    who, sort = speaker or ("", "")
    fitting = {"person": {"he", "she", "his", "her"}, "many": {"it", "its", "they", "their"}}.get(sort, set(PRONOUNS) - {"it"})
    for i in idx:
        t, low = sent.tokens[i], sent.tokens[i].text.lower()
        fits = bool(who) and low in fitting
        if t.tag == "PRP$":
            fits = fits and sort == "person"  # "their arms" in "X said the pirates and their arms ...": not X's
            near = resolve(art, sent, i, 1, exclude) if low in ("his", "her") else None  # "its" a sentence back: a guess
            name = resolve(art, sent, i, 0, exclude) or (f"{who}'s" if fits else None) or near
        elif t.tag == "PRP" and t.dep in ("nsubj", "nsubjpass"):
            fits = fits and (top is None or t.head == top) and not (low == "it" and sent.tokens[t.head].lemma.lower() == "be")
            # "allege that it was Burke who ...": a cleft's 'it' is nobody
            name = who if fits else resolve(art, sent, i, 3, exclude) if low != "it" else None  # "it": too often wrong
        else:
            continue
        if name:
            subs[i] = name
    for i, name in sorted(subs.items()):
        bare = re.sub(r"['’]s$", "", name)
        if sent.tokens[i].tag == "PRP$" and any(
            j < i and (subs.get(j) or sent.tokens[j].text).split()[-1:] == bare.split()[-1:] for j in idx
        ):
            del subs[i]  # "why Lehmkuhl failed to do her job": not "Lehmkuhl's job" after "Lehmkuhl"; 'her' is left, so it is not asked
    return subs


def speaker_of(art: AnalyzedArticle, sent: Sentence, verb: int) -> tuple[str, str] | None:
    """Who makes the claim, and which pronouns can mean it: a named person ("person": he, she), a group,
    organisation or place ("many": it, they), or a description like "the Belarusian leader" ("one": any)."""
    toks, kids = sent.tokens, children(sent.tokens)
    v = toks[verb].head if toks[verb].dep == "conj" else verb
    subj = next((c for c in kids[v] if toks[c].dep == "nsubj"), None)
    if subj is not None and toks[subj].tag == "WP" and toks[v].dep == "relcl":
        subj = toks[v].head  # "a woman who claims she ...": the woman
    if subj is None:
        return None
    if toks[subj].tag in ("PRP", "WP"):
        name = resolve(art, sent, subj)
        return (name, "person" if toks[subj].text.lower() in ("he", "she") else "many") if name else None
    span = subtree(kids, subj)
    for c in sorted(span):
        if c != subj and toks[c].dep in ("relcl", "appos", "acl"):  # the head itself may be an appositive
            span -= subtree(kids, c)
    span = {c for c in span if toks[c].pos != "PUNCT"} or span  # "Zimmerman's lawyer, O'Mara,": the aside's commas go too
    lo, hi = toks[min(span)].start, toks[max(span)].start
    inside = [m for m in art.mentions if lo <= m.start <= hi]
    owner = {toks[j].start for c in kids[subj] if toks[c].dep == "poss" for j in subtree(kids, c)}
    names = [m for m in inside if m.label == "PERSON" and m.start not in owner]  # "Colvin's mother said": not Colvin
    if owner and not names:
        return None  # "Colvin's mother said ... her daughter": which 'her' is whose is a guess
    if names:
        return short_name(names[-1].text, "PERSON"), "person"
    many = (
        toks[subj].tag in ("NNS", "NNPS", "NNP")
        or toks[subj].lemma.lower() == "police"
        or any(m.label in ("ORG", "GPE", "NORP") and m.start <= toks[subj].start < m.end for m in inside)
    )  # not "a Brooklyn woman"
    if not many and not role_noun(toks[subj].lemma, "PERSON"):
        many = True  # "the indictment alleged he offered ...": 'he' is not the indictment
    if not many and toks[subj].text[:1].isupper() and subj != 0:
        many = True  # "The Hollywood Reporter said he ...": a capitalised head inside the sentence is a name, and a name
        #              NER does not call a person is no 'he', whatever its last word means in lower case
    return lower_first(toks, span, render(toks, span)), "many" if many else "one"
