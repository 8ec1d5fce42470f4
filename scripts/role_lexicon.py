"""Write briefgen/facts/role_nouns.py: the nouns that can head a stated role, from WordNet 3.0.

Usage: python scripts/role_lexicon.py [WORDNET_DIR]   (default /usr/share/wordnet, Debian's wordnet-base)

A role in a fact box is a title, an office, an occupation or a relation ("Interior Minister", "the
founder of ...", "her husband"), and an organisation's role is the kind of body it is ("the shoe
company"). This script takes every one-word lemma under a few WordNet noun synsets (hyponym closure)
and writes them, each with its kind (``person`` or ``org``), to the lexicon briefgen reads at run
time (a Python module, so the build cache's code fingerprint covers it). WordNet is read only here,
so a build needs no WordNet. Regenerate after changing ROOTS, ADD or EXCLUDE and commit the result;
the file's header names the source and its licence.
"""

from __future__ import annotations

import sys
import textwrap
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "briefgen" / "facts" / "role_nouns.py"
#: (lemma, WordNet 3.0 sense number): the roots whose hyponyms are roles. Persons: occupations,
#: offices, titles, relations, and the parts people play in a news event (suspect, victim, witness).
ROOTS = {
    "person": [
        ("worker", 1),
        ("professional", 1),
        ("leader", 1),
        ("head", 4),
        ("official", 1),
        ("representative", 1),
        ("representative", 3),
        ("spokesperson", 1),
        ("relative", 1),
        ("spouse", 1),
        ("lover", 3),
        ("friend", 1),
        ("friend", 2),
        ("expert", 1),
        ("entertainer", 1),
        ("performer", 1),
        ("athlete", 1),
        ("player", 1),
        ("contestant", 1),
        ("creator", 2),
        ("writer", 1),
        ("scientist", 1),
        ("serviceman", 1),
        ("legislator", 1),
        ("head_of_state", 1),
        ("sovereign", 1),
        ("aristocrat", 1),
        ("clergyman", 1),
        ("student", 1),
        ("defendant", 1),
        ("litigant", 1),
        ("suspect", 1),
        ("victim", 1),
        ("witness", 1),
        ("witness", 5),
        ("prisoner", 1),
        ("owner", 1),
        ("owner", 2),
        ("founder", 2),
        ("member", 1),
        ("native", 2),
        ("resident", 1),
        ("inhabitant", 1),
        ("candidate", 1),
        ("candidate", 2),
        ("nominee", 1),
        ("winner", 1),
        ("advocate", 1),
        ("advocate", 2),
        ("activist", 1),
        ("volunteer", 1),
        ("volunteer", 2),
        ("employee", 1),
        ("adviser", 1),
        ("parent", 1),
        ("child", 2),
        ("colleague", 1),
        ("associate", 1),
        ("partner", 2),
        ("partner", 3),
        ("citizen", 1),
    ],
    "org": [("organization", 1), ("institution", 1), ("company", 1), ("business", 1), ("enterprise", 2)],
}
#: Roles of news text that WordNet files under other roots (a reporter is a "communicator", a killer a
#: "wrongdoer", a patient a "sick person"): added by hand, each a person's occupation, status or relation.
ADD = {
    "person": frozenset(
        {
            "sheriff",
            "reporter",
            "star",
            "model",
            "icon",
            "legend",
            "rookie",
            "heiress",
            "widow",
            "widower",
            "fiance",
            "fiancee",
            "boyfriend",
            "neighbor",
            "neighbour",
            "classmate",
            "anchor",
            "billionaire",
            "millionaire",
            "socialite",
            "tycoon",
            "mogul",
            "entrepreneur",
            "investor",
            "donor",
            "protester",
            "attacker",
            "killer",
            "murderer",
            "hijacker",
            "pirate",
            "survivor",
            "patient",
            "refugee",
            "migrant",
            "immigrant",
            "tourist",
            "passenger",
            "nun",
            "historian",
            "engineer",
            "blogger",
            "celebrity",
            "dictator",
            "insurgent",
            "terrorist",
            "fighter",
            "mercenary",
            "gunman",
            "shooter",
            "spokesman",
        }
    ),
    "org": frozenset(
        {
            "retailer",
            "maker",
            "manufacturer",
            "publisher",
            "broadcaster",
            "carrier",
            "airline",
            "automaker",
            "insurer",
            "lender",
            "chain",
            "brand",
            "label",
            "outlet",
            "network",
            "band",
            "team",
            "party",
            "hospital",
            "group",
        }
    ),
}
#: Lemmas under those roots that are mostly something else in news text, or say nothing of a role.
EXCLUDE = frozenset(
    {
        "hand",
        "man",
        "woman",
        "boy",
        "girl",
        "guy",
        "type",
        "party",
        "individual",
        "hero",
        "heroine",
        "old",
        "young",
        "baby",
        "body",
        "house",
        "shop",
        "store",
        "press",
        "bar",
        "board",
        "side",
        "unit",
        "world",
        "family",
        "home",
        "line",
        "class",
        "group",
        "set",
        "crew",
        "team",
        "cast",
        "staff",
        "force",
        "power",
        "fire",
        "key",
        "light",
        "mark",
        "model",
        "plant",
        "post",
        "second",
        "sign",
        "spring",
        "top",
        "fan",
        "lover",
        "voice",
        "wing",
        "hospital",
    }
)


def read(wordnet: Path) -> tuple[dict[str, list[str]], dict[str, tuple[list[str], list[str]]]]:
    """index: lemma -> synset offsets by sense; data: offset -> (lemmas, hyponym offsets)."""
    index: dict[str, list[str]] = {}
    for line in (wordnet / "index.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        p = line.split()
        pointers = int(p[3])
        index[p[0]] = p[4 + pointers + 2 :]
    data: dict[str, tuple[list[str], list[str]]] = {}
    for line in (wordnet / "data.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        p = line.split("|")[0].split()
        words = int(p[3], 16)
        lemmas = [p[4 + 2 * k].casefold() for k in range(words)]
        k = 4 + 2 * words
        pointers = int(p[k])
        hypo = [p[k + 1 + 4 * j + 1] for j in range(pointers) if p[k + 1 + 4 * j] == "~"]
        data[p[0]] = (lemmas, hypo)
    return index, data


def closure(data: dict[str, tuple[list[str], list[str]]], root: str) -> set[str]:
    out, todo = set(), [root]
    while todo:
        o = todo.pop()
        if o in out:
            continue
        out.add(o)
        todo += data[o][1]
    return out


def main() -> None:
    wordnet = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/wordnet")
    if not (wordnet / "data.noun").is_file():
        sys.exit(f"{wordnet}: no WordNet data.noun here; install Debian's wordnet-base or give its folder")
    index, data = read(wordnet)
    kinds: dict[str, set[str]] = defaultdict(set)
    for kind, roots in ROOTS.items():
        for lemma, sense in roots:
            for o in closure(data, index[lemma][sense - 1]):
                for w in data[o][0]:
                    w = w.split("(")[0]  # 'president(a)': a syntactic marker
                    if w.isalpha() and w not in EXCLUDE:
                        kinds[w].add(kind)
    for kind, words in ADD.items():
        for w in words:
            kinds[w].add(kind)
    header = [
        "# Nouns that head a stated role, with their kind (person or org).",
        "# Generated by scripts/role_lexicon.py from WordNet 3.0 (Princeton University), the hyponyms of:",
        *(f"#   {kind}: " + ", ".join(f"{lemma}.n.{sense:02d}" for lemma, sense in roots) for kind, roots in ROOTS.items()),
        *(f"#   and by hand ({kind}): " + ", ".join(sorted(words)) for kind, words in ADD.items()),
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Used under the WordNet 3.0",
        "# licence (https://wordnet.princeton.edu/license-and-commercial-use): permission to use, copy, modify",
        "# and distribute for any purpose without fee, with this notice. THE DATABASE IS PROVIDED 'AS IS'.",
    ]
    rows = [f"{w}\t{k}" for w in sorted(kinds) for k in sorted(kinds[w])]
    write_module(OUT, "role_lexicon.py", header, "One 'noun<TAB>kind' a line.", rows)
    print(f"{len(kinds)} nouns written to {OUT}")


def write_module(out: Path, script: str, header: list[str], what: str, rows: list[str]) -> None:
    """A generated lexicon module: its docstring, the ``header`` comment lines (source and licence, wrapped at
    120), and ``TABLE``, one row a line (scripts/thing_lexicon.py writes its module through this too)."""
    wrapped = [w for line in header for w in textwrap.wrap(line, 120, subsequent_indent="#     ")]
    body = [
        f'"""Generated by scripts/{script}; do not edit by hand. Source and licence below."""',
        "",
        *wrapped,
        "",
        f"#: {what}",
        'TABLE = """\\',
        *rows,
        '"""',
    ]
    out.write_text("\n".join(body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
