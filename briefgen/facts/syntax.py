"""Walking the dependency arcs analyze.py kept: subtrees, modifiers, roles as written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.facts.names import ORG_NOUNS, PLACE_NOUNS, TITLES, VESSEL_PREFIXES
from briefgen.models import Sentence, Token

#: Arcs that tie a word left of a name into the name's noun phrase.
PREMODS = frozenset({"compound", "amod", "nmod", "poss", "case", "prep", "pobj"})
BRACKETS = {"(": ")", "[": "]", "“": "”"}
ROLE_NOUNS = ORG_NOUNS | PLACE_NOUNS | {"native", "veteran", "graduate", "citizen", "resident", "member", "star", "icon", "legend",
                                        "suspect", "victim", "widow", "mother", "father", "son", "daughter", "wife", "husband", "agent"}


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
    'Secretary of State' Condoleezza Rice."""
    inside, grew = set(toks), True
    while grew:
        new = {j for j, t in enumerate(sent.tokens[: min(toks)]) if j not in inside and t.dep in PREMODS
               and t.head in inside and t.pos not in ("PRON", "VERB", "AUX") and t.ent not in ("DATE", "TIME", "CARDINAL")
               and (t.dep != "prep" or t.text.casefold() == "of")}
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


def role_spans(sent: Sentence, toks: Sequence[int]) -> list[tuple[int, int]]:
    """Titles as written: pre-modifiers, appositions, 'the regulator X', 'X is the Y'."""
    h = head(sent, toks)
    t = sent.tokens[h]
    # 'the court reporter Nichols murdered': the noun before a relative clause's subject is no title
    after, before = max(toks) + 1, premods(sent, toks)
    lo = min([*before, *toks])
    reduced = after < len(sent.tokens) and sent.tokens[after].pos == "VERB" and sent.tokens[after].tag in ("VBD", "VBN", "VBZ", "VBP") \
        and not any(sent.tokens[j].dep in ("nsubj", "nsubjpass") and (j >= lo or (t.dep == "appos" and j == t.head))
                    for j in children(sent, after))
    reduced = reduced or (t.dep == "nsubj" and sent.tokens[t.head].dep == "relcl")
    spans = [] if reduced else [before]
    for j in children(sent, h):  # 'Prigozhin, the founder of ...'
        if j > h and sent.tokens[j].dep == "appos" and not sent.tokens[j].ent:
            sub = subtree(sent, j)
            if min(sub) == max(toks) + 2 and sent.tokens[max(toks) + 1].text == ",":
                spans.append(sorted(sub))
    by = sent.tokens[t.head]
    if t.dep == "appos" and t.head < toks[0] and by.pos == "NOUN" and (by.dep != "pobj" or by.lemma.casefold() in TITLES) and not reduced:
        spans.append(sorted(j for j in subtree(sent, t.head) - subtree(sent, h) if j < toks[0]))
    verb = sent.tokens[t.head]
    if t.dep == "nsubj" and verb.lemma == "be" and verb.tag in ("VBZ", "VBD", "VBP") and not any(
            sent.tokens[j].dep == "neg" for j in children(sent, t.head)):  # not 'X being Y', not 'X is not Y'
        spans += [sorted(subtree(sent, j)) for j in children(sent, t.head) if sent.tokens[j].dep == "attr" and _agent(sent.tokens[j])]
    out = []
    for span in spans:
        cut = {k for j in span if sent.tokens[j].dep == "conj" and sent.tokens[j].head in span and (
               sent.tokens[j].pos == "PROPN" or any(sent.tokens[c].text == "or" for c in children(sent, sent.tokens[j].head)))
               for k in subtree(sent, j)}  # 'Trooper Hakim', 'or a handful of independents' are someone else
        span = [j for j in span if j not in cut]  # 'a veteran of the force, and Trooper Hakim'
        while span and (sent.tokens[span[-1]].pos in ("PUNCT", "CCONJ", "ADP", "DET")
                        or (sent.tokens[span[-1]].text.isupper() and sent.tokens[span[-1]].text.casefold() in VESSEL_PREFIXES)):
            span = span[:-1]
        while span and sent.tokens[span[0]].pos in ("PUNCT", "CCONJ"):
            span = span[1:]
        while span and span[0] >= 2 and sent.tokens[span[0] - 1].text == "-" and sent.tokens[span[0] - 1].start == \
                end(sent.tokens[span[0] - 2]) and sent.tokens[span[0]].start == sent.tokens[span[0] - 1].start + 1:
            span = [span[0] - 2, span[0] - 1, *span]  # 'free-agent first baseman', not 'agent first baseman'

        words = [sent.tokens[j] for j in span]
        if not span or span != list(range(span[0], span[-1] + 1)) or set(span) & set(toks) or not balanced(words):
            continue
        if span[-1] + 1 < len(sent.tokens) and sent.tokens[span[-1] + 1].start == end(words[-1]) and \
                sent.tokens[span[-1] + 1].text in ("-", "‐", "–"):
            continue  # 'the co' of 'the co-op'

        if len(words) > 25 or any(w.pos == "VERB" and w.dep in ("relcl", "acl", "advcl", "ccomp") for w in words):
            continue  # a clause, not a title
        nouns = [w for w in words if w.pos in ("NOUN", "PROPN") and not w.ent and w.text[:1].isalpha()]
        if (len(words) > 1 or not words[0].text.islower()) and (
                any(w.text.casefold().strip(".") in TITLES for w in words) or any(w.pos == "NOUN" for w in nouns)):
            out.append((words[0].start, end(words[-1])))
    return out
