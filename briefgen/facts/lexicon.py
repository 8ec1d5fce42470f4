"""Two lexicons made offline from WordNet: the nouns that can head a stated role (role_nouns.py, from WordNet 3.0
by scripts/role_lexicon.py) and the names that are first of all common things (thing_nouns.py, from Open English
WordNet by scripts/thing_lexicon.py).

A role is a title, an office, an occupation or a relation of a person ("Interior Minister", "the
founder of ...", "her husband"), or the kind of body an organisation is ("the shoe company"). Any
other premodifier or apposition ("the hearing", "ever the showman", a score, a clock time) is not.
"""

from __future__ import annotations

from functools import lru_cache

from briefgen.facts.names import ORG_NOUNS, TITLES
from briefgen.facts.role_nouns import TABLE
from briefgen.facts.thing_nouns import TABLE as THINGS

#: Roles that WordNet files under other senses, or words the titles list already treats as one
#: ('ceo', 'chairwoman'); never the modifiers of a title ('former', 'acting').
_NOT_HEADS = frozenset({"former", "acting", "interim", "new", "vice", "assistant", "veteran", "head"})


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for line in TABLE.splitlines():
        if line:
            word, kind = line.split("\t")
            kinds.setdefault(word, set()).add(kind)
    return {w: frozenset(k) for w, k in kinds.items()}


def role_noun(word: str, entity_type: str) -> bool:
    """Can ``word`` (a lemma) head a role of an entity of this type? People take person nouns,
    organisations (and ships, as their operators' assets do not) organisation nouns."""
    w = word.casefold().strip(".")
    kinds = _table().get(w, frozenset())
    if entity_type == "PERSON":
        return "person" in kinds or (w in TITLES and w not in _NOT_HEADS) or w == "head"
    if entity_type == "ORG":
        return "org" in kinds or w in ORG_NOUNS
    return False


@lru_cache(maxsize=1)
def _things() -> frozenset[str]:
    return frozenset(line for line in THINGS.splitlines() if line)


def thing_name(name: str) -> bool:
    """Is ``name``, as written, a name WordNet gives first of all to a kind of thing: a disease, a substance, a
    device, a term ('Ebola', 'AIDS', 'RAM', 'AI')? Case counts: 'Apple' is not 'apple', 'EU' not 'Eu'."""
    return name in _things()
