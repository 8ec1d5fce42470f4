"""Hedges and attribution: when a sentence does not state its claim as established fact.

The one definition of a hedge ("reportedly", "may", "is believed to") and of a reported claim
("X said", "alleged", "according to"); confidence labels, summaries and open questions (GUESSES:
a forecast is no plan) read them from here. Works on analysed sentences (tokens with lemma, tag and the
dependency tree), never on spaCy objects.
"""

from __future__ import annotations

from briefgen.models import Sentence, Token

#: Words that weigh how likely a claim is: a guess or a forecast ("would probably help"), not a fact or a plan.
GUESSES = frozenset({"probably", "likely", "possibly", "perhaps", "maybe", "unlikely"})
#: Words that by themselves mark a claim as unestablished: the guesses, and words of hearsay or of an unchecked claim.
HEDGES = GUESSES | frozenset(
    {"reportedly", "allegedly", "apparently", "purportedly", "unconfirmed", "unverified", "rumor", "rumour", "speculation", "alleged"}
)
#: Adjectives that forecast a deed when it follows them ("is almost certain to miss the Open", "is bound to prompt",
#: "is sure to add spice"): a guess at what will happen, as "seemed certain to" is; not "sure that ..." (a belief).
FORECASTS = frozenset({"sure", "certain", "bound"})
#: Passive belief verbs: "is believed to", "was expected to".
HEDGE_VERBS = frozenset({"believe", "think", "suspect", "seem", "appear", "rumor", "rumour", "expect"})
HEDGE_MODALS = frozenset({"may", "might", "could"})
#: Verbs that put a claim in someone's mouth: the sentence reports what was said, not what is known.
REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "claim",
        "allege",
        "accuse",
        "report",
        "announce",
        "state",
        "add",
        "insist",
        "deny",
        "argue",
        "testify",
        "confirm",
        "write",
        "tweet",
        "post",
        "suggest",
        "warn",
        "acknowledge",
        "admit",
        "contend",
        "assert",
        "according",
    }
)
#: Lemmas that make a reported claim an allegation (not established by the report itself).
ALLEGATION = frozenset({"allege", "allegedly", "alleged", "accuse", "accusation", "claim"})


def alleging(toks: tuple[Token, ...], i: int) -> bool:
    """Token ``i`` makes what it governs an allegation (ALLEGATION). "claim" does where it is someone's statement: a
    verb telling what is claimed or by whom, without a thing taken for object ("claimed that the vote was rigged",
    "what he claims", "LePage claimed,"), a noun with an owner, a determiner, its clause or its "of"/"against"
    ("their claims against ...", "Biden's claim that ...", "a harassment claim", "claims of fraud"); not a count of
    filings ("initial jobless claims fell to 473,000") or a taking ("the storm claimed ten lives", "claimed victory")."""
    t = toks[i]
    if t.lemma.lower() != "claim":
        return t.lemma.lower() in ALLEGATION or t.text.lower() in ALLEGATION
    kids = [u for j, u in enumerate(toks) if u.head == i and j != i]
    if t.pos in ("VERB", "AUX"):
        objects = [u for u in kids if u.dep == "dobj"]
        return any(u.dep in ("ccomp", "xcomp") for u in kids) or not objects or any(u.tag in ("WP", "PRP") for u in objects)
    return any(u.dep in ("poss", "det", "acl", "ccomp") or (u.dep == "prep" and u.text.lower() in ("of", "against", "by")) for u in kids)


def _root(tokens: tuple[Token, ...]) -> int | None:
    return next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), None)


#: Clauses hung on a word of the sentence that are not its main claim: an adverbial clause ("perhaps because it
#: was still March 31", "accusing him of ..."), a relative or noun clause ("babies allegedly born alive"). A
#: second main verb is part of the claim ("is in good condition and is expected to survive"); only modals
#: there look ahead rather than hedge ("was convicted and could face 20 years": see ``hedge``).
SIDE_CLAUSES = frozenset({"advcl", "relcl", "acl"})


def _side_clause(tokens: tuple[Token, ...], i: int) -> int | None:
    """The head of the first side clause (``SIDE_CLAUSES``) on the way from token ``i`` up to the root, if any."""
    seen = set()
    while i not in seen and tokens[i].dep != "ROOT":
        seen.add(i)
        if tokens[i].dep in SIDE_CLAUSES:
            return i
        i = tokens[i].head
    return None


def _aside(tokens: tuple[Token, ...], i: int) -> bool:
    """Token ``i`` is in a side clause (``SIDE_CLAUSES``) rather than on the sentence's main claim."""
    return _side_clause(tokens, i) is not None


#: Tags of a participle: the verb of a clause that tells more of the main clause's subject, with no subject of its own
#: ("Trump pivoted to Clinton, apparently referring to the FBI's investigation").
PARTICIPLES = frozenset({"VBG", "VBN"})


def hedge(sent: Sentence) -> str | None:
    """The word that hedges the sentence's main claim, if any.

    A modal counts only on the main verb, or on the clause a reporting verb reports ("X may
    have died, experts warned"): "was convicted and could face 20 years" states the verdict;
    what could follow is a side clause; nor on a main verb whose clause concedes before a "but"
    clause without a modal (``_conceded``: "X may be the land of the free, but it's not in the
    top 20"). Hedging words and belief verbs count unless they are in a side clause
    (``SIDE_CLAUSES``: "a lot of people bought it, perhaps because ..."). Without a parse (no
    ROOT), any counts.
    """
    toks = sent.tokens
    root = _root(toks)
    # the main claim: the main verb, or what a reporting verb reports ("X may have died, police said")
    main = {root} | (
        {i for i, t in enumerate(toks) if t.head == root and t.dep in ("ccomp", "parataxis")}
        if root is not None and toks[root].lemma.lower() in REPORTING_VERBS
        else set()
    )
    conceded = root is not None and _conceded(toks, root)
    for i, t in enumerate(toks):
        on_claim = root is None or (t.head in main and not (conceded and t.head == root))
        modal = t.tag == "MD" and t.lemma.lower() in HEDGE_MODALS and on_claim
        # the walk up the parse (``_aside``) only for a word that would hedge
        if (_hedging(toks, i) or modal) and (root is None or not _aside(toks, i)):
            return t.text
    return None


def _conceded(toks: tuple[Token, ...], root: int) -> bool:
    """The main verb's clause concedes and a clause after "but" tells the point: "The United States may be the land of
    the free, but it's not even in the top 20", "Google might be a lot of things today ..., but today it's announcing
    ...": a modal on the conceding clause weighs what is granted, not the claim; the "but" clause has no modal of its own
    (then it is hedged, as "may ..., but may ...")."""
    kids = [k for k, t in enumerate(toks) if t.head == root and k != root]
    but = next((k for k in kids if toks[k].dep == "cc" and toks[k].text.lower() in ("but", "yet")), None)
    if but is None:
        return False
    after = [k for k in kids if toks[k].dep == "conj" and k > but and toks[k].pos in ("VERB", "AUX")]  # the "but" clause
    return bool(after) and not any(t.head in after and t.tag == "MD" for t in toks)


#: Where a hedging noun ("speculation", "rumor") is what the sentence tells of, not the standing of its claim: the
#: object of its verb or of a preposition ("has prompted press speculation as to why ...", "put an end to months of
#: speculation over whether ...", "I've ignored all the speculation"). As the subject it hedges ("Rumors are swirling
#: that ...", "There had been speculation that ...").
_TOLD_OF = frozenset({"dobj", "pobj"})


def _hedging(toks: tuple[Token, ...], i: int) -> bool:
    """Token ``i`` is a hedging word ("apparently", "likely", not "likely voters" nor "more likely to"), a passive
    belief verb ("is believed to") or "seem"/"appear" with a verb after it, or after its adjective ("seemed certain to
    open"); modals are ``hedge``'s to judge."""
    t = toks[i]
    low = t.lemma.lower()
    return (
        (
            (low in HEDGES or t.text.lower() in HEDGES)
            and not (
                low in GUESSES
                and (t.dep == "amod" or any(u.head == i and u.text.lower() in ("more", "less", "most", "least", "as") for u in toks))
            )  # "likely voters" (a kind of thing) and "more likely to" (a comparison of odds) guess nothing about the claim
            and not (t.pos == "NOUN" and t.dep in _TOLD_OF)  # "prompted press speculation as to why ...": told of, not a hedge
        )
        or (low in HEDGE_VERBS and t.tag == "VBN" and any(u.head == i and u.dep == "auxpass" for u in toks))  # "is believed to"
        or (low in ("seem", "appear") and any(u.head == i and (u.dep == "xcomp" or _leads_to_verb(toks, k)) for k, u in enumerate(toks)))
        or _forecast(toks, i)
    )


def _forecast(toks: tuple[Token, ...], i: int) -> bool:
    """Token ``i`` is a ``FORECASTS`` adjective with a verb after it, said of a subject by "be": "is almost certain to
    miss" (its complement), "is bound to prompt" (the participle the tagger makes of "bound", "is" its passive auxiliary);
    not an instruction ("be sure to wear")."""
    t = toks[i]
    if t.text.lower() not in FORECASTS:
        return False
    if _leads_to_verb(toks, i):
        be = t.head
        # of a subject: "be sure to wear a flower in your hair" is an instruction, no forecast
        return be != i and toks[be].lemma.lower() == "be" and any(u.head == be and u.dep in ("nsubj", "expl") for u in toks)
    kids = [u for u in toks if u.head == i]
    return any(u.dep == "xcomp" for u in kids) and any(u.dep == "auxpass" and u.lemma.lower() == "be" for u in kids)


def _leads_to_verb(toks: tuple[Token, ...], k: int) -> bool:
    """Token ``k`` is an adjective complement with a verb after it: "seemed certain to open the door", "appear ready to
    return fire", which guess at the deed as "seems to open" does."""
    return toks[k].dep in ("acomp", "oprd") and any(v.head == k and v.dep == "xcomp" for v in toks)


def side_hedge(sent: Sentence) -> str | None:
    """The hedging word of a participial clause that tells what the sentence's subject did or meant ("Trump pivoted to
    Clinton, apparently referring to the FBI's investigation": the sentence says he referred to it, and hedges that),
    if any: an adverbial clause (``advcl``) of the main clause whose verb is a participle (``PARTICIPLES``) with no
    subject and no linking word of its own. A clause of reason, time or condition ("perhaps because it was still March 31", "as
    ...", "if ..."), a relative or noun clause ("babies allegedly born alive") and a modal in any side clause ("so
    that it could") stay beside the claim. ``hedge`` finds what hedges the main clause; this, what hedges the rest
    of what the sentence tells."""
    toks = sent.tokens
    if _root(toks) is None:
        return None  # without a parse ``hedge`` has counted every hedging word
    for i, t in enumerate(toks):
        if not _hedging(toks, i):
            continue
        k = _side_clause(toks, i)
        if (
            k is not None
            and toks[k].dep == "advcl"
            and toks[k].tag in PARTICIPLES
            and _side_clause(toks, toks[k].head) is None  # it hangs on the main clause, not on another side clause
            and not any(u.head == k and u.dep in ("nsubj", "nsubjpass", "mark") for u in toks)
        ):
            return t.text
    return None


def reported(sent: Sentence) -> bool:
    """A claim attributed to someone: "..., police said", "X told reporters", "according to", "alleged"."""
    toks = sent.tokens
    for i, t in enumerate(toks):
        low = t.lemma.lower()
        if t.text.lower() == "according" and i + 1 < len(toks) and toks[i + 1].text.lower() == "to":  # lemma: "accord"
            return True
        if alleging(toks, i) or t.text.lower() == "reportedly":
            return True
        if (
            t.pos == "VERB"
            and low in REPORTING_VERBS
            and t.dep in ("ROOT", "parataxis", "ccomp", "conj")
            and any(u.head == i and u.dep in ("nsubj", "nsubjpass") for u in toks)
            and any((u.head == i and u.dep in ("ccomp", "parataxis", "dobj", "xcomp")) or u.tag in ("``", "''") for u in toks)
        ):
            return True
    return False


def allegation(sent: Sentence) -> str | None:
    """The word that makes the sentence's main claim an allegation ("accused", "alleged"), if any: not one in a
    side clause ("Gunmen killed him, accusing him of spying" states the killing)."""
    toks = sent.tokens
    root = _root(toks)
    for i, t in enumerate(toks):
        if alleging(toks, i) and (root is None or not _aside(toks, i)):
            return t.text
    return None
