"""Walking the dependency arcs analyze.py kept: subtrees, modifiers, roles as written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.facts.lexicon import role_noun
from briefgen.facts.names import HONORIFICS, ORG_NOUNS, PLACE_NOUNS, TITLES, VESSEL_PREFIXES
from briefgen.models import Sentence, Token

#: Arcs that tie a word left of a name into the name's noun phrase.
PREMODS = frozenset({"compound", "amod", "nmod", "poss", "case", "prep", "pobj"})
BRACKETS = {"(": ")", "[": "]", "“": "”"}
ROLE_NOUNS = (
    ORG_NOUNS
    | PLACE_NOUNS
    | {
        "native",
        "veteran",
        "graduate",
        "citizen",
        "resident",
        "member",
        "star",
        "icon",
        "legend",
        "suspect",
        "victim",
        "widow",
        "mother",
        "father",
        "son",
        "daughter",
        "wife",
        "husband",
        "agent",
    }
)


def end(tok: Token) -> int:
    return tok.start + len(tok.text)


def children(sent: Sentence, i: int) -> list[int]:
    return [j for j, t in enumerate(sent.tokens) if t.head == i and j != i]


def subtree(sent: Sentence, i: int) -> set[int]:
    kids: dict[int, list[int]] = {}  # one pass over the sentence, not one per node
    for j, t in enumerate(sent.tokens):
        if t.head != j:
            kids.setdefault(t.head, []).append(j)
    out, todo = {i}, [i]
    while todo:
        new = [j for j in kids.get(todo.pop(), ()) if j not in out]
        out.update(new)
        todo += new
    return out


def head(sent: Sentence, toks: Sequence[int]) -> int:
    return next((i for i in toks if sent.tokens[i].head not in toks), toks[-1])


def premods(sent: Sentence, toks: Sequence[int]) -> list[int]:
    """Contiguous modifiers just left of a name: 'Belarusian Interior Minister' Ivan Kubrakov,
    'Secretary of State' Condoleezza Rice. None when a name NER does not call a person modifies a common noun after
    it: in 'billionaire Amazon founder Jeff Bezos' the words before 'Amazon' describe the founder, not Amazon. A
    person's name keeps them ('First Lady Michelle Obama revelation', 'helped Republican Donald Trump win', misparsed)."""
    h = sent.tokens[head(sent, toks)]
    if h.ent != "PERSON" and h.dep in ("compound", "amod", "nmod") and h.head > max(toks) and sent.tokens[h.head].pos == "NOUN":
        return []
    inside, grew = set(toks), True
    while grew:
        new = {
            j
            for j, t in enumerate(sent.tokens[: min(toks)])
            if j not in inside
            and t.dep in PREMODS
            and t.head in inside
            and t.pos not in ("PRON", "VERB", "AUX")
            and t.ent not in ("DATE", "TIME", "CARDINAL")
            and (t.dep != "prep" or t.text.casefold() == "of")
        }
        inside |= new
        grew = bool(new)
    first = min(toks)
    while first - 1 in inside:
        first -= 1
    out = list(range(first, min(toks)))
    while out and sent.tokens[out[0]].dep in ("prep", "pobj", "case"):  # never start on 'of State'
        out = out[1:]
    return out


def balanced(words: Sequence[Token]) -> bool:
    text = "".join(t.text for t in words)
    return all(text.count(o) == text.count(c) for o, c in BRACKETS.items()) and text.count('"') % 2 == 0


AGENT = re.compile(r"(?:er|or|ist|ian|ant|ent|ee|man|woman|person)$")


def _agent(t: Token) -> bool:
    """'X is a ...' states a role when the noun names a person's kind ('hitter', 'native', 'founder')."""
    word = t.lemma.casefold()
    return t.pos in ("NOUN", "PROPN") and (word in TITLES or word in ROLE_NOUNS or bool(AGENT.search(word)))


FIRST_PERSON = frozenset({"my", "our", "your", "i", "we", "you", "me", "us"})  # a role relative to whoever speaks
#: Possessives that make an organisation's role its relation to someone the role does not name ('Houston Astros: his
#: team', 'Tesla Motors: his electric car company'): nothing the organisation is. A person's ('her lawyer') stays: judged
#: right 2 of 3 times (the owner is most often the story's main person).
WHOSE = frozenset({"his", "her", "their", "its"})
#: Verbs that put the words under them in doubt: 'X denied that Y was the leader', 'CBS suggests that Y
#: is the killer' state no role.
DENIAL = frozenset(
    {
        "deny",
        "dispute",
        "refute",
        "reject",
        "doubt",
        "question",
        "rebut",
        "contest",
        "dismiss",
        "suggest",
        "allege",
        "claim",
        "accuse",
        "speculate",
        "theorize",
        "theorise",
        "suspect",
        "wonder",
    }
)


#: Nouns of a stance toward someone or something, which is no role when the noun says toward what or how strongly ('a
#: vocal critic of the president', 'a staunch Trump critic', 'a supporter of the arts'; judged wrong as roles); a
#: critic of a trade stays one ('film critic'), and a bare relation stays ('his opponent' in an election). Chosen by
#: hand from the role lexicon's nouns of that sense.
STANCES = frozenset({"critic", "supporter", "opponent", "proponent", "backer", "admirer", "detractor", "fan", "foe"})
#: Role nouns that name a person's part in the story's event, not a title, an office, an occupation or a relation:
#: 'The victim' (judged wrong twice, of a chief executive shot dead).
PARTS = frozenset({"victim"})


def stance(sent: Sentence, j: int) -> bool:
    """Token ``j`` is a stance noun (``STANCES``) with a complement ('of the president'), a name before it ('Trump
    critic') or an adjective in lower case ('staunch critic', 'biggest opponent'); not a trade's ('conservative media
    critic') nor a party's ('Republican opponent')."""
    if sent.tokens[j].lemma.casefold() not in STANCES:
        return False
    kids = [sent.tokens[c] for c in children(sent, j)]
    if any(k.dep == "compound" and k.pos == "NOUN" and k.text.islower() for k in kids):
        return False  # 'film critic', 'media critic': an occupation
    return any(
        (k.dep == "prep" and k.text.casefold() == "of")
        or (k.dep == "compound" and k.pos == "PROPN")
        or (k.dep == "amod" and k.text.islower())
        for k in kids
    )


def _judged(sent: Sentence, top: int) -> bool:
    """An adjective on the role's noun that an adverb qualifies ('its highly successful boss', 'an ambitious, sometimes
    savvy politician') or that piles up with another ('a medium-sized, indebted, and relatively unknown firm'): a
    judgement, not a title ('Republican senator', 'former director', "Japan's third-biggest bank" stay)."""
    for j in children(sent, top):
        t = sent.tokens[j]
        if t.pos != "ADJ" or t.dep != "amod" or j > top:
            continue
        for c in children(sent, j):
            k = sent.tokens[c]
            glued = c + 1 < len(sent.tokens) and sent.tokens[c + 1].text in ("-", "‐")  # 'third-biggest', 'well-known'
            if (k.dep == "advmod" and k.pos == "ADV" and not glued) or (k.dep == "conj" and k.pos == "ADJ"):
                return True
    return False


def denied(sent: Sentence, i: int) -> bool:
    """Token ``i`` sits in a clause that a denial, a negated verb or an 'if' governs, or in a question."""
    if sent.text.rstrip(" \"'”’").endswith("?"):
        return True
    k, steps = i, 0
    while sent.tokens[k].head != k and steps < 20:
        child, k, steps = k, sent.tokens[k].head, steps + 1
        t = sent.tokens[k]
        kids = children(sent, k)
        if (
            t.pos in ("VERB", "AUX")
            and sent.tokens[child].dep not in ("nsubj", "nsubjpass")
            and (t.lemma.casefold() in DENIAL or any(sent.tokens[j].dep == "neg" for j in kids))
        ):
            return True  # 'X denied that Y was ...', 'X did not say Y was ...'; not the denier's own title
        if sent.tokens[child].dep == "advcl" and any(sent.tokens[j].text.casefold() in ("if", "unless") for j in children(sent, child)):
            return True
    return False


def _possessor(sent: Sentence, t: Token) -> bool:
    """'Hayes' in 'Hayes' attorney': a name inside a role that says whose."""
    k = t
    for _ in range(4):
        if k.dep == "poss":
            return True
        if k.dep not in ("compound", "flat") or sent.tokens[k.head] is k:
            return False
        k = sent.tokens[k.head]
    return False


def _one_name(sent: Sentence, i: int, j: int) -> bool:
    """Tokens ``i`` and ``j`` (its conjunct) and all between them are one named entity's ('the International Billiards
    and Snooker Federation'): the model gives them all its label."""
    label = sent.tokens[i].ent
    return bool(label) and label not in ("PERSON", "NORP") and all(sent.tokens[k].ent == label for k in range(min(i, j), max(i, j) + 1))


def role_head(sent: Sentence, span: Sequence[int]) -> int:
    """The noun a role phrase is about: the last of its words whose head lies outside it."""
    inside = set(span)
    tops = [j for j in span if sent.tokens[j].head not in inside or sent.tokens[j].head == j]
    nouns = [j for j in tops if sent.tokens[j].pos in ("NOUN", "PROPN")]
    return (nouns or tops or list(span))[-1]


def role_spans(sent: Sentence, toks: Sequence[int], entity_type: str = "PERSON", parts: bool = False) -> list[tuple[int, int]]:
    """Titles as written: pre-modifiers, appositions, 'the regulator X', 'X is the Y'; only those
    headed by a role noun (see lexicon.py) and not under a denial or a negation. ``parts``: keep a person's part in the
    event too ('The victim, John Smith': who the victim is, which a question asks; never a box's role)."""
    h = head(sent, toks)
    t = sent.tokens[h]
    # 'the court reporter Nichols murdered': the noun before a relative clause's subject is no title
    after, before = max(toks) + 1, premods(sent, toks)
    lo = min([*before, *toks])
    reduced = (
        after < len(sent.tokens)
        and sent.tokens[after].pos == "VERB"
        and sent.tokens[after].tag in ("VBD", "VBN", "VBZ", "VBP")
        and not any(
            sent.tokens[j].dep in ("nsubj", "nsubjpass") and (j >= lo or (t.dep == "appos" and j == t.head)) for j in children(sent, after)
        )
    )
    reduced = reduced or (t.dep == "nsubj" and sent.tokens[t.head].dep == "relcl")
    hypothetical = bool(before) and before[0] > 0 and sent.tokens[before[0] - 1].text.casefold() in ("a", "an")  # 'a Senator Colbert'
    spans = [] if reduced or hypothetical else [before]
    for j in children(sent, h):  # 'Prigozhin, the founder of ...'
        if j > h and sent.tokens[j].dep == "appos" and not sent.tokens[j].ent:
            sub = subtree(sent, j)
            if min(sub) == max(toks) + 2 and sent.tokens[max(toks) + 1].text == ",":
                spans.append(sorted(sub))
    by = sent.tokens[t.head]
    if (
        t.dep == "appos"
        and t.head < toks[0]
        and by.pos == "NOUN"
        and (by.dep != "pobj" or by.lemma.casefold() in TITLES)
        and not reduced
        and not any(sent.tokens[j].pos == "NOUN" for j in range(t.head + 1, toks[0]))
        and sent.tokens[toks[0] - 1].text != "("  # 'a bearish conspiracy nut (John Goodman, naturally)': the actor of a part
        and not (sent.tokens[toks[0] - 1].text == "," and max(toks) + 1 < len(sent.tokens) and sent.tokens[max(toks) + 1].dep == "case")
        # 'board member, Founders Fund’s Cyan Banister': set off by a comma, a name with a possessive owns the name the noun
        # is the title of ('the Democratic governor John Bel Edwards’ veto' stays his)
    ):
        # 'the successor of eccentric dictator Niyazov' misparsed as 'successor ... Niyazov': a noun nearer the name is its
        # own title, and the farther one belongs to someone else
        spans.append(sorted(j for j in subtree(sent, t.head) - subtree(sent, h) if j < toks[0]))
    verb = sent.tokens[t.head]
    if (
        t.dep == "nsubj"
        and verb.lemma == "be"
        and verb.tag in ("VBZ", "VBD", "VBP")
        and not any(sent.tokens[j].dep in ("neg", "aux") for j in children(sent, t.head))
    ):  # not 'X being Y', 'X is not Y', 'X may be Y'
        spans += [sorted(subtree(sent, j)) for j in children(sent, t.head) if sent.tokens[j].dep == "attr" and _agent(sent.tokens[j])]
    out = []
    for span in spans:
        after_name = bool(span) and min(span) > max(toks)  # an apposition or 'X is the Y', not the words before the name
        cut = {
            k
            for j in span
            if sent.tokens[j].dep == "conj"
            and sent.tokens[j].head in span
            and (sent.tokens[j].pos == "PROPN" or any(sent.tokens[c].text == "or" for c in children(sent, sent.tokens[j].head)))
            and not _one_name(sent, sent.tokens[j].head, j)
            for k in subtree(sent, j)
        }  # 'Trooper Hakim', 'or a handful of independents' are someone else; 'Billiards and Snooker Federation' is one name
        cut |= {
            k for j in span if sent.tokens[j].dep == "conj" and sent.tokens[j].head in span and stance(sent, j) for k in subtree(sent, j)
        }  # 'the former director of the CIA and a staunch Trump critic': the director stays
        span = [j for j in span if j not in cut]  # 'a veteran of the force, and Trooper Hakim'
        while span and span[0] > 0 and sent.tokens[span[0] - 1].tag == "PRP" and sent.tokens[span[0] - 1].dep == "nsubj":
            span = span[1:]  # 'as they eye captain Steven Gerrard': the word after a subject pronoun is its verb
        while span and (
            sent.tokens[span[-1]].pos in ("PUNCT", "CCONJ", "ADP", "DET")
            or (sent.tokens[span[-1]].pos == "ADV" and sent.tokens[span[-1]].dep in ("cc", "advmod"))  # '... as well'
            or sent.tokens[span[-1]].text.casefold().strip(".") in HONORIFICS  # 'archaeologist Dr' O'Grady
            or (sent.tokens[span[-1]].text.isupper() and sent.tokens[span[-1]].text.casefold() in VESSEL_PREFIXES)
        ):
            span = span[:-1]
        while span and (sent.tokens[span[0]].pos in ("PUNCT", "CCONJ", "SCONJ") or sent.tokens[span[0]].dep == "mark"):
            span = span[1:]  # 'While fellow fired coaches': the clause's conjunction is no part of the title
        while (
            span
            and span[0] >= 2
            and sent.tokens[span[0] - 1].text == "-"
            and sent.tokens[span[0] - 1].start == end(sent.tokens[span[0] - 2])
            and sent.tokens[span[0]].start == sent.tokens[span[0] - 1].start + 1
        ):
            span = [span[0] - 2, span[0] - 1, *span]  # 'free-agent first baseman', not 'agent first baseman'

        words = [sent.tokens[j] for j in span]
        if not span or span != list(range(span[0], span[-1] + 1)) or set(span) & set(toks) or not balanced(words):
            continue
        if (
            span[-1] + 1 < len(sent.tokens)
            and sent.tokens[span[-1] + 1].start == end(words[-1])
            and sent.tokens[span[-1] + 1].text in ("-", "‐", "–")
        ):
            continue  # 'the co' of 'the co-op'

        if len(words) > 25 or any(w.pos == "VERB" and w.dep in ("relcl", "acl", "advcl", "ccomp") for w in words):
            continue  # a clause, not a title
        if any(w.text.casefold() == "than" for w in words):
            continue  # 'a very different national leader than his predecessor': a comparison, not a title
        top_at = role_head(sent, span)
        top = sent.tokens[top_at]
        if (
            not words[0].text[:1].isalnum()
            or any(w.text.casefold() in FIRST_PERSON for w in words)
            or (entity_type != "PERSON" and words[0].text.casefold() in WHOSE)
        ):
            continue  # '-author' of a 'co-author' split in two; 'my wife Portia': the speaker's relation; 'his team'
        if any(
            w.tag in ("WP", "WP$", "WDT")
            or w.ent in ("TIME", "DATE", "CARDINAL", "MONEY", "PERCENT")
            or (w.ent == "PERSON" and w is not top and not _possessor(sent, w))
            for w in words
        ):
            continue  # 'whose company', a clock time, a score, another person ('Maltese and team members')
        if not (role_noun(top.lemma, entity_type) or role_noun(top.text, entity_type)) or denied(sent, h):
            continue  # not a title, office, occupation or relation; or stated under a denial
        if (top.lemma.casefold() in PARTS and not parts) or stance(sent, top_at) or _judged(sent, top_at):
            continue  # 'The victim', 'a vocal critic of the president', 'an ambitious, sometimes savvy politician'
        if entity_type == "PERSON" and after_name and top.tag in ("NNS", "NNPS"):
            continue  # 'Smith, other executives at his company': a plural after a person's name is a group's, not his; a
            # plural before names stays their title ('Sens. Warren and Sanders')
        if entity_type == "PERSON" and after_name and any(w.dep == "conj" and w.tag in ("NNS", "NNPS") and w.head == top_at for w in words):
            continue  # 'the Rev. Jesse L. Jackson, his mother and several brothers and sisters': a list of others, not his
        if len(words) > 1 or not words[0].text.islower():
            out.append((words[0].start, end(words[-1])))
    return out
