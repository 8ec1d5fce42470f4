"""Entity fact boxes: who and what a story is about, every claim cited to a sentence.

Works only from the records analyze.py produced (no spaCy here), so the rules are plain
heuristics over NER labels and dependency arcs. Stages, in the order data flows:
mentions (clean names, junk out) -> cluster (one entity per person, org, place or
ship) -> boxes (roles, quotes, evidence, counts) -> edition (entities across stories).
"""

from briefgen.facts.boxes import story_entities
from briefgen.facts.edition import Edition, edition_entities, has_page, link
from briefgen.facts.sources import Copies, Independence, Print, count, independence, independence_since, minhash_print

__all__ = [
    "Copies",
    "Edition",
    "Independence",
    "Print",
    "count",
    "edition_entities",
    "has_page",
    "independence",
    "independence_since",
    "link",
    "minhash_print",
    "story_entities",
]
