"""Write briefgen/facts/thing_nouns.py: names that are first of all common things, from Open English WordNet.

Usage: python scripts/thing_lexicon.py [OEWN_GIT_DIR]
       (default /work/.mirror/globalwordnet+english-wordnet/repo, a clone of
       https://github.com/globalwordnet/english-wordnet; read with git at tag REF, no work tree needed)

spaCy's small model calls diseases, substances, devices, file formats and terms places or bodies ('Ebola',
'AIDS', 'RAM', 'HPV' as places or organisations). WordNet files every noun sense under a lexicographer file:
noun.location, noun.group and noun.person hold places, bodies and people; noun.substance, noun.state
(diseases), noun.artifact, noun.cognition and the other files hold kinds of things. A lemma is a thing's
name here when

- WordNet writes it with a capital letter ('Ebola', 'AIDS', 'RAM'): a lemma in lower case ('apple', 'jaguar',
  'shell', 'coal') is not the capitalised name a story writes for a firm or a place ('Apple', 'Jaguar', 'Shell');
  a story that writes the word in lower case too is caught by gate.py's own rule;
- and more of its noun senses are kinds of things (not brands, whose definition says 'trademark' or 'brand': a
  brand names its firm too) (classes in a thing file) than are places, bodies, people,
  natural objects or named individuals (instances: 'Pentagon', a building, is a place; 'Java' is an island
  as well as a coffee and a language, a tie that keeps it a place).

The lemmas are written as WordNet writes them, one a line (a name matches only in the same case: 'Eu',
europium, is not the 'EU'), to a Python module (so the build cache's code fingerprint
covers it); WordNet is read only here, so a build needs none. Regenerate after changing THINGS and commit
the result; the file's header names the source, its commit and its licence.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from role_lexicon import write_module  # run as a script: scripts/ is on the path

OUT = Path(__file__).resolve().parent.parent / "briefgen" / "facts" / "thing_nouns.py"
DEFAULT = Path("/work/.mirror/globalwordnet+english-wordnet/repo")
#: The edition read: the last that holds proper nouns (named places, bodies, people, buildings as instances);
#: OEWN removed them in December 2025, and without them 'Chicago' (also a card game) would be a thing.
REF = "2024-edition"
#: WordNet's noun lexicographer files of kinds of things: everything but noun.Tops (the top concepts),
#: noun.group, noun.location, noun.person (bodies, places, people) and noun.object (natural objects:
#: mountains, rivers, planets, mostly named places).
THINGS = frozenset(
    {
        "act",
        "animal",
        "artifact",
        "attribute",
        "body",
        "cognition",
        "communication",
        "event",
        "feeling",
        "food",
        "motive",
        "phenomenon",
        "plant",
        "possession",
        "process",
        "quantity",
        "relation",
        "shape",
        "state",
        "substance",
        "time",
    }
)


#: A definition that names a brand: a trademark names its maker's firm too ('Coke', 'Xerox', 'Lego', 'Pepsi').
BRAND = re.compile(r"trademark|brand", re.IGNORECASE)
#: Names WordNet files only as a thing that news writes as the name of the firm that runs it, by hand.
EXCLUDE = frozenset({"Twitter", "Xerox", "Polaroid"})


def show(repo: Path, path: str) -> object:
    text = subprocess.run(["git", "-C", str(repo), "show", f"{REF}:{path}"], check=True, capture_output=True, text=True).stdout
    return yaml.load(text, Loader=yaml.CSafeLoader)


def main() -> None:
    repo = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", f"{REF}^{{commit}}"], check=True, capture_output=True, text=True
    ).stdout.strip()
    files = subprocess.run(["git", "-C", str(repo), "ls-tree", "--name-only", REF, "src/yaml/"], check=True, capture_output=True, text=True)
    paths = files.stdout.split()
    lexfile: dict[str, str] = {}  # noun synset id -> its lexicographer file ('substance')
    instance: set[str] = set()  # synsets of named individuals and brands
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        if not name.startswith("noun."):
            continue
        kind = name[len("noun.") : -len(".yaml")]
        for sid, synset in (show(repo, path) or {}).items():
            lexfile[sid] = kind
            if synset.get("instance_hypernym") or any(BRAND.search(d) for d in synset.get("definition", [])):
                instance.add(sid)
    things: set[str] = set()
    for path in paths:
        if not path.rsplit("/", 1)[-1].startswith("entries-"):
            continue
        for lemma, entry in (show(repo, path) or {}).items():
            lemma = str(lemma)
            if lemma[:1].islower() or not lemma[:1].isalpha() or "n" not in entry or lemma in EXCLUDE:
                continue
            senses = [s["synset"] for s in entry["n"].get("sense", [])]
            thing = sum(1 for s in senses if lexfile.get(s) in THINGS and s not in instance)
            if senses and thing * 2 > len(senses):
                things.add(lemma)
    header = [
        "# Names (as WordNet writes them) that are first of all common things: kinds of substances, diseases, devices, terms.",
        "# Generated by scripts/thing_lexicon.py from Open English WordNet (https://github.com/globalwordnet/english-wordnet,",
        f"# {REF}, commit {commit}): capitalised noun lemmas more of whose senses are classes in the noun files "
        + ", ".join(sorted(THINGS))
        + " than are places, bodies, people, natural objects, named individuals or brands"
        + " (a definition saying 'trademark' or 'brand'); not "
        + ", ".join(sorted(EXCLUDE))
        + " (by hand: a firm's name).",
        "# Open English WordNet is derived from Princeton WordNet (WordNet 3.0 Copyright 2006 by Princeton University,",
        "# used under the WordNet licence) and developed by the Open English Wordnet team under the Creative Commons",
        "# Attribution 4.0 International licence (https://creativecommons.org/licenses/by/4.0/).",
    ]
    write_module(OUT, "thing_lexicon.py", header, "One name a line.", sorted(things))
    print(f"{len(things)} names written to {OUT}")


if __name__ == "__main__":
    main()
