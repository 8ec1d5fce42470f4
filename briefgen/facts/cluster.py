"""Mentions -> entities within one story: people by name, bare surnames, org suffixes, ships.

Conservative on purpose: a missed merge shows as two boxes, a wrong one would put one
person's words in another's mouth. A bare name that could be either of two people
(two Smiths in one story) stays apart.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from typing import NamedTuple

from briefgen.facts import names as n
from briefgen.facts.mentions import M
from briefgen.unionfind import UnionFind

log = logging.getLogger(__name__)


#: Letters with points, an acronym ('u.n.', 'f.b.i.'): never a bare surname, whatever its letters spell ('Un').
_DOTTED = re.compile(r"^(?:[^\W\d_]\.){2,}$")


class Ent(NamedTuple):
    name: str
    type: str
    mentions: list[int]
    forms: Counter[str]
    ambiguous: bool = False  # a surname two people share: its quotes and roles could be either's
    placed: bool = False  # the text places it: 'in Russia', 'Russian' (see ``placed``)


#: Prepositions whose object is a place in news ('in Russia', 'across Syria', 'throughout Ukraine'), chosen by hand. Not
#: 'to' and 'from': on the tuning rows they took a rhino ('genetic material from Nola') and a language ('translated to
#: Klingon'); nor 'at' ('at Google' is where someone works).
WHERE = frozenset({"in", "across", "throughout"})


def placed(ms: list[M], idx: list[int], norp: frozenset[str]) -> bool:
    """A cue in the text that the name is a place: a mention after one of WHERE (without 'the': 'in the NBA' is a
    body's), a noun beside it that says place ('the town of X', 'X County'), or the story's adjective of it, which
    NER labels a nationality or group ('Russian' for Russia, ``norp``: the story's NORP mentions, casefolded)."""
    if any(ms[i].prep in WHERE or ms[i].hint == "PLACE" for i in idx):
        return True
    keys = {ms[i].key for i in idx if " " not in ms[i].key}
    return any(n.adjective_of(a, k) for a in norp if " " not in a for k in keys)


def cluster(ms: list[M], quoted: frozenset[int] = frozenset()) -> list[tuple[list[int], str, bool]]:
    """Groups of mention indices, each with the type it must have ("" = by majority) and whether it
    is a bare surname that two people of the story share (nobody's words or roles can be its). ``quoted``: the
    mentions inside quotation marks, a speaker's words, whose spelling is not the writer's."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        groups[m.key].append(i)
    groups = {k: v for k, v in groups.items() if not all(ms[i].in_title for i in v)}  # 'Interior' Minister
    for k in [k for k in groups if "-" in k and k.replace("-", " ") in groups]:  # 'Kim Jong-un' is 'Kim Jong Un'
        groups[k.replace("-", " ")] += groups.pop(k)
    votes = {k: Counter(ms[i].label for i in v if ms[i].label) for k, v in groups.items()}
    stated = {k: Counter(ms[i].hint for i in v if ms[i].hint) for k, v in groups.items()}
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    u = UnionFind(order)
    forced: dict[str, str] = {}
    unsure: set[str] = set()  # bare surnames that two people of the story share

    vessels: dict[str, list[str]] = defaultdict(list)
    for k in order:
        if n.vessel_key(k) and votes[k]["VESSEL"]:
            vessels[n.vessel_key(k)].append(k)
    for vk, ks in vessels.items():
        for k in [*ks[1:], *([vk] if vk in groups and vk not in ks else [])]:
            u.join(k, ks[0])
        forced[ks[0]] = "VESSEL"
    shipped = {k for ks in vessels.values() for k in ks} | set(vessels)

    def personal(k: str) -> bool:
        """A full name, by vote, or because its bare surname is voted a person ('Bettie Page')."""
        last = k.split()[-1]
        if n.top(stated[k]) not in ("", "PERSON"):
            return False
        return n.top(votes[k]) == "PERSON" or (
            last in votes
            and n.top(votes[last]) == "PERSON"
            and n.org_key(k) == k
            and "," not in k
            and not {w.strip(".") for w in k.split()} & (n.ORG_NOUNS | n.GENERIC_ORGS | n.PLACE_SUFFIXES)
        )

    written = {k: {ms[i].art for i in v if i not in quoted} for k, v in groups.items()}  # the writer's own spellings

    def apart(k: str, o: str) -> bool:
        """Two spellings of a given name in one article are two people ('Bob Goodlatte' and his son
        'Bobby Goodlatte'): a writer keeps to one spelling of one person, bar an initial; a speaker quoted may not
        ('Debbie Wasserman Schultz', and Trump's "Deborah Wasserman Schultz" in quotation marks). A name with
        and without a generation ('Donald Trump', 'Donald Trump Jr.') is two people anywhere."""
        a, b = k.split()[0].strip("."), o.split()[0].strip(".")
        ends = {w.strip(".,") for w in (k.split()[-1], o.split()[-1])}
        generation = len(ends & n.NAME_SUFFIXES) > 0 and len(ends) == 2  # 'Joseph Smith' and his son 'Joseph Smith III'
        bare = min(len(n.strip_words(x, n.NAME_SUFFIXES, 0)) for x in (k, o)) == 1  # 'Kunz Sr.': no given name
        return generation or (not bare and a != b and min(len(a), len(b)) > 1 and bool(written[k] & written[o]))

    people: list[list[str]] = []
    for k in order:
        if " " in k and k not in shipped and personal(k):
            longer = [
                c
                for c in people
                if any(" " in o and (k.endswith(" " + o) or o.endswith(" " + k) or o.startswith(k + " ")) and not apart(k, o) for o in c)
            ]
            # 'Interior Ken Salazar' is Ken Salazar; 'Jing Xu' is Alison Jing Xu; 'Ahmad Seth' is Ahmad Seth Zaharie
            fits = longer or [c for c in people if all(n.same_person(k, o) and not apart(k, o) for o in c)]
            if len(fits) == 1:
                fits[0].append(k)
                u.join(k, fits[0][0])
            else:  # a new name, or one that could be either of two people
                people.append([k])
    for c in people:
        forced[c[0]] = "PERSON"
    surnames = Counter(n.surname(c[0]) for c in people)
    for k in (k for k in order if " " not in k and k not in shipped and not _DOTTED.match(k)):  # 'U.N.' is no 'Kim Jong Un'
        kind = n.top(votes[k])
        fits = [c for c in people if n.surname(c[0]) == n.skel(k)]
        if not fits and kind in ("PERSON", ""):
            fits = [c for c in people if n.misspelt(k, c[0].split()[-1])]  # Klistchko
        if not fits and kind in ("PERSON", "") and not surnames[n.skel(k)] and not any(ms[i].kin for i in groups[k]):
            # 'Tara' for Tara Reid, in any spelling of the person's name ('David' of "Dave Collins" and "David Collins"), but
            # not from a longer form than the name's, which may open with a title ('Clerk' of 'Clerk Kim Lehmkuhl')
            fits = [c for c in people if any(n.first_name(o) == n.skel(k) for o in c if len(o.split()) <= len(c[0].split()))]
        at = sum(ms[i].at for i in groups[k])  # "in Washington", "at Morningside"
        place = (2 * at >= len(groups[k]) and not votes[k]["PERSON"]) or n.top(stated[k]) not in ("", "PERSON")
        if len(fits) == 1 and not place:
            u.join(k, fits[0][0])
        elif len(fits) > 1:
            log.debug("%r could be any of %s; not merged", k, [c[0] for c in fits])
            forced[k] = "PERSON"  # a person, but which one the text does not say
            unsure.add(k)
    in_people = {k for c in people for k in c}

    orgs: dict[str, list[str]] = defaultdict(list)
    for k in order:
        if u.find(k) == k and k not in in_people and k not in shipped and n.top(votes[k]) in ("ORG", ""):
            orgs[n.org_key(k)].append(k)
    for k in orgs.pop("", []):  # "the PMC" is the one org called "X PMC", if there is one
        owners = {u.find(o) for ks in orgs.values() for o in ks if o.split()[-1] == k}
        if len(owners) == 1:
            u.join(k, owners.pop())
    for ks in orgs.values():
        for o in ks[1:]:
            u.join(o, ks[0])
    for k in [k for k in orgs if k in n.GENERIC_ORGS]:  # "the Navy" is the story's one "X Navy"
        owners = {u.find(o) for key, ks in orgs.items() for o in ks if key != k and key.split()[-1] == k}
        if len(owners) == 1:
            u.join(orgs[k][0], owners.pop())
    things = ("ORG", "PRODUCT")

    def fuller(k: str, o: str) -> bool:
        """``o`` names ``k`` more fully: a body's name with a kind of body or an 'of' phrase, both voted bodies, or
        a product's with its version, voted a product ('Windows 8', not the formula 'CO 2')."""
        if k.split()[0].replace(".", "") == n.COUNTRY_WORD:
            return False  # a name that writes its country is written in full: 'U.S. Capitol Police' is no 'Capitol Police Board'
        how = n.short_form(n.body_key(k), n.body_key(o))
        if how == "version":
            return n.top(votes[o]) == "PRODUCT"
        return bool(how) and n.top(votes[o]) == n.top(votes[k]) == "ORG"

    bodies = [o for o in order if " " in o and o not in in_people and o not in shipped and n.top(votes[o]) in things]
    for k in order:  # 'Interior' is the story's one 'Interior Department', 'Ways and Means' its one 'Ways and Means Committee',
        # 'House' its one 'House of Representatives', 'Windows' its one 'Windows 8' (not 'House' of 'White House': a tail
        # is another body)
        if u.find(k) != k or k in in_people or k in shipped or n.top(votes[k]) not in things or k in n.GENERIC_ORGS:
            continue
        owners = {u.find(o) for o in bodies if fuller(k, o)}
        if len(owners) == 1:
            u.join(k, owners.pop())
    places = {k for k in order if " " not in k and n.top(votes[k]) == "PLACE"}
    named = [k for k in order if " " in k and k not in in_people and k not in shipped and n.top(votes[k]) != "PERSON"]
    for i, a in enumerate(named):  # 'Malaysian Airlines' is 'Malaysia Airlines' when the story names Malaysia, a place
        for b in named[i + 1 :]:
            aw, bw = a.split(), b.split()
            diff = [j for j in range(len(aw)) if len(aw) == len(bw) and aw[j] != bw[j]]
            if len(diff) == 1 and any(
                n.adjective_of(x, y) and y in places for x, y in ((aw[diff[0]], bw[diff[0]]), (bw[diff[0]], aw[diff[0]]))
            ):
                u.join(b, a)
    country = {u.find(k) for k in order if k in n.ONE_COUNTRY and k not in in_people and n.top(votes[k]) != "PERSON"}
    if len(country) >= 2:  # 'U.S.' and 'America' in one story: one country
        first = min(country, key=order.index)
        for k in country:
            u.join(k, first)
    initials: dict[str, set[str]] = defaultdict(set)  # 'fbi' -> the roots of 'Federal Bureau of Investigation'
    for k in order:
        if k not in in_people and (ini := n.initials(k)):
            initials[ini].add(u.find(k))
    for k in order:  # an acronym joins its expansion, when the story has one
        if " " not in k and 2 <= len(k) <= 6 and k not in in_people and all(ms[i].form.isupper() for i in groups[k]):
            roots = initials.get(k.replace(".", ""), set()) - {u.find(k)}
            if len(roots) == 1:
                u.join(k, roots.pop())
    clusters: dict[str, list[int]] = defaultdict(list)
    for k in order:
        clusters[u.find(k)] += groups[k]
    kinds = {u.find(k): t for k, t in forced.items()}
    ambiguous = {u.find(k) for k in unsure}
    return [(sorted(v), kinds.get(root, ""), root in ambiguous) for root, v in clusters.items()]


def entity(
    ms: list[M],
    idx: list[int],
    kind: str = "",
    ambiguous: bool = False,
    norp: frozenset[str] = frozenset(),
    quoted: frozenset[int] = frozenset(),
) -> Ent | None:
    """Settle the type: what a noun beside the name states, else NER's majority, then a place by its context
    (see below); name it by its most frequent full form, a person's by the one most frequent in the writers' own words
    first (not inside quotation marks, ``quoted``: "Debbie Wasserman Schultz", not a speaker's "Deborah"; a body's
    longest form is often quoted from a document: "Central Intelligence Agency"). ``norp``: the story's NORP mentions,
    casefolded."""
    votes = Counter(ms[i].label for i in idx if ms[i].label)
    stated = n.top(Counter(ms[i].hint for i in idx if ms[i].hint))
    if not kind and not stated and votes["PERSON"] and all(" " not in ms[i].form for i in idx):
        other = Counter({k: v for k, v in votes.items() if k != "PERSON"})
        if 2 * other.total() >= votes["PERSON"]:  # 'Facebook', 'Twitter': one word that NER often calls something else
            kind = n.top(other)
    kind = kind or stated or n.top(votes)
    if kind == "PERSON" and all(" " not in ms[i].form for i in idx) and 3 * sum(ms[i].at for i in idx) >= len(idx):
        kind = "PLACE"  # "checked into Morningside"
    heads = [i for i in idx if not ms[i].mod] or idx  # "Woodburn police", "Woodburn-area bank": a modifier tells neither
    if (
        kind == "ORG"
        and not stated
        and all(" " not in ms[i].form for i in idx)
        and 2 * sum(ms[i].at for i in heads) > len(heads)
        and (ms[idx[0]].key not in n.GENERIC_ORGS | {"congress"})
    ):
        kind = "PLACE"  # "in Nulato", "in Tasmania": where things happen, not who does them ("in Congress" stays a body)
    where = placed(ms, idx, norp)
    if kind == "ORG" and not stated and where and any(ms[i].ner == "GPE" for i in idx):
        # A country, state or town that NER calls a body where it acts ('Russia said', 'Russia's decision', 'Russia
        # vetoed'): governments speak as their countries, and a briefing names the country, so a name NER calls a
        # geopolitical place at least once and the text places ('in Russia', 'Russian') is a place. Only a noun that says
        # body ('the company X': ``stated``) keeps it a body. Without a place cue the split is left to gate.doubt.
        kind = "PLACE"
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    written: Counter[str] = Counter()  # each key's mentions outside quotation marks
    for i in idx:
        spelled[ms[i].key][ms[i].form] += 1
        written[ms[i].key] += i not in quoted
    forms = Counter({min(c, key=lambda f: (-c[f], f)): c.total() for c in spelled.values()})
    own = {f: written[f.casefold()] for f in forms}
    full = [f for f in forms if len(n.strip_words(f.casefold(), n.NAME_SUFFIXES, 0)) > 1] or list(forms)  # not 'Kunz Sr.'
    if kind == "VESSEL":
        full = [f for f in full if n.vessel_key(f.casefold())] or full
    name = min(full, key=lambda f: (-own[f] if kind == "PERSON" else 0, -forms[f], -len(f), f))
    return Ent(name, kind, idx, forms, ambiguous, where) if kind else None
