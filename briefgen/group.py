"""Analysed articles -> stories (one real-world event each), with ids that last.

Method, near-linear in the archive size:

1. Each article becomes a sparse TF-IDF vector of content lemmas plus named
   entities (entities weigh more: two rehab stories share words, not people).
2. Candidate retrieval: an inverted index over each article's highest-weighted
   features, skipping features too common to discriminate, so an article is
   only compared with articles that share something distinctive.
3. Similarities are damped by the days between two dated articles.
4. Average-link agglomerative clustering over that sparse graph: two groups
   merge while the mean similarity over all their article pairs (missing pairs
   count as zero) stays above the threshold. Average link keeps two similar
   events apart where single link would chain them together.

Story ids come from the previous edition's ``briefing.json``: each old story
gives its id to the new group holding the largest part of it; other groups get
a new id from a hash of their founding article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefgen.config import BuildConfig
from briefgen.models import AnalyzedArticle, Story

log = logging.getLogger(__name__)

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART"}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
ENTITY_WEIGHT = 2.0
TITLE_WEIGHT = 2.0
CANDIDATE_FEATURES = 30  # per article, for retrieval
MAX_DF_RATIO = 0.2  # features in more than this share of articles are not used for retrieval
MIN_DF_CAP = 50


@dataclass(frozen=True)
class Features:
    """An article as a unit-length sparse vector; keys are 'w:lemma' or 'e:entity'."""

    id: str
    weights: Mapping[str, float]
    date: dt.date | None


def article_terms(item: AnalyzedArticle) -> Counter[str]:
    """Raw feature counts: content lemmas, entity names; the headline counts extra."""
    counts: Counter[str] = Counter()
    title_words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]+", item.article.title)}
    for sent in item.sentences:
        for tok in sent.tokens:
            if tok.pos in CONTENT_POS and not tok.is_stop and tok.lemma.isalpha() and len(tok.lemma) > 2:
                lemma = tok.lemma.lower()
                counts["w:" + lemma] += 1
    for word in title_words:
        if "w:" + word in counts:
            counts["w:" + word] += TITLE_WEIGHT
    for mention in item.mentions:
        if mention.label in ENTITY_LABELS:
            key = normalize_entity(mention.text)
            if key:
                counts["e:" + key] += 1
    return counts


def normalize_entity(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text).lower()


def vectorize(items: Sequence[AnalyzedArticle]) -> list[Features]:
    counts = [article_terms(item) for item in items]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(items)
    out = []
    for item, c in zip(items, counts, strict=True):
        weights: dict[str, float] = {}
        for key, tf in c.items():
            idf = math.log((1 + n) / (1 + df[key])) + 1.0
            w = (1 + math.log(tf)) * idf
            if key.startswith("e:"):
                w *= ENTITY_WEIGHT
            weights[key] = w
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        out.append(Features(item.article.id, {k: w / norm for k, w in weights.items()}, _date(item.article.date)))
    return out


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def similarity(a: Features, b: Features, window_days: int) -> float:
    if len(a.weights) > len(b.weights):
        a, b = b, a
    sim = sum(w * b.weights.get(k, 0.0) for k, w in a.weights.items())
    if a.date and b.date and window_days:
        gap = abs((a.date - b.date).days)
        if gap > window_days:
            sim *= window_days / gap
    return sim


def candidate_edges(features: Sequence[Features], config: BuildConfig) -> dict[tuple[int, int], float]:
    """Similarities of article pairs that share a distinctive feature; no all-pairs step."""
    n = len(features)
    max_df = max(MIN_DF_CAP, int(MAX_DF_RATIO * n))
    index: dict[str, list[int]] = defaultdict(list)
    top: list[list[str]] = []
    for i, f in enumerate(features):
        keys = sorted(f.weights, key=lambda k: (-f.weights[k], k))[:CANDIDATE_FEATURES]
        top.append(keys)
        for key in keys:
            index[key].append(i)
    edges: dict[tuple[int, int], float] = {}
    floor = config.group_threshold / 4
    for i, keys in enumerate(top):
        cands: set[int] = set()
        for key in keys:
            postings = index[key]
            if len(postings) <= max_df:
                cands.update(j for j in postings if j > i)
        for j in sorted(cands):
            sim = similarity(features[i], features[j], config.group_window_days)
            if sim >= floor:
                edges[(i, j)] = sim
    return edges


def average_link(n: int, edges: Mapping[tuple[int, int], float], threshold: float, initial: Sequence[Sequence[int]] = ()) -> list[list[int]]:
    """Sparse average-link clustering; ``initial`` groups (editor pins) start merged and never merge with each other."""
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    pinned: set[int] = set()
    for group in initial:
        root = group[0]
        for i in group[1:]:
            members[root].extend(members.pop(i))
            cluster_of[i] = root
        pinned.add(root)
    link: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), sim in edges.items():
        a, b = cluster_of[i], cluster_of[j]
        if a != b:
            link[a][b] = link[a].get(b, 0.0) + sim
            link[b][a] = link[b].get(a, 0.0) + sim
    heap: list[tuple[float, int, int]] = []
    for a, nbrs in link.items():
        for b, total in nbrs.items():
            if a < b:
                heapq.heappush(heap, (-total / (len(members[a]) * len(members[b])), a, b))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or -neg < threshold:
            if -neg < threshold:
                break
            continue
        current = link[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(current + neg) > 1e-12:
            continue  # stale entry
        if a in pinned and b in pinned:
            continue
        # merge b into a
        members[a].extend(members.pop(b))
        if b in pinned:
            pinned.add(a)
        for c, total in link.pop(b).items():
            link[c].pop(b, None)
            if c == a:
                continue
            link[a][c] = link[a].get(c, 0.0) + total
            link[c][a] = link[a][c]
        for c, total in link[a].items():
            heapq.heappush(heap, (-total / (len(members[a]) * len(members[c])), min(a, c), max(a, c)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def group(
    items: Sequence[AnalyzedArticle],
    config: BuildConfig,
    previous: Mapping[str, Sequence[str]] | None = None,
    editor: Mapping[str, object] | None = None,
) -> list[Story]:
    """Group articles into stories; ``previous`` maps old story ids to their article ids."""
    if not items:
        return []
    features = vectorize(items)
    edges = candidate_edges(features, config)
    pins: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if item.article.story:
            pins[slugify(item.article.story)].append(i)
    clusters = average_link(len(items), edges, config.group_threshold, [g for _, g in sorted(pins.items())])
    pin_of = {i: key for key, group in pins.items() for i in group}
    surfaces = entity_surfaces(items)
    titles = dict((editor or {}).get("titles", {}) or {})  # type: ignore[call-overload]
    stories = []
    taken: set[str] = set()
    assigned = assign_ids(
        [[items[i].article.id for i in c] for c in clusters],
        [next((pin_of[i] for i in c if i in pin_of), None) for c in clusters],
        [founding_article(items, c) for c in clusters],
        previous or {},
    )
    for cluster, story_id in zip(clusters, assigned, strict=True):
        taken.add(story_id)
        ordered = sorted(cluster, key=lambda i: (items[i].article.date or "9999", items[i].article.id))
        stories.append(
            Story(
                id=story_id,
                title=str(titles.get(story_id) or choose_title(items, cluster, edges)),
                articles=tuple(items[i].article.id for i in ordered),
                why=why_grouped(features, cluster, surfaces),
                pinned=any(i in pin_of for i in cluster),
            )
        )
    return sorted(stories, key=lambda s: (-len(s.articles), s.id))


def founding_article(items: Sequence[AnalyzedArticle], cluster: Sequence[int]) -> str:
    return min((items[i].article.date or "9999", items[i].article.id) for i in cluster)[1]


def assign_ids(
    clusters: Sequence[Sequence[str]],
    pins: Sequence[str | None],
    founders: Sequence[str],
    previous: Mapping[str, Sequence[str]],
) -> list[str]:
    """Keep each old id with the new group holding the largest part of it."""
    ids: list[str | None] = [pin for pin in pins]
    used = {i for i in ids if i}
    overlaps = []
    for old_id, old_articles in previous.items():
        old = set(old_articles)
        for k, cluster in enumerate(clusters):
            shared = len(old.intersection(cluster))
            if shared:
                overlaps.append((-shared, -len(cluster), old_id, k))
    for _, _, old_id, k in sorted(overlaps):
        if ids[k] is None and old_id not in used:
            ids[k] = old_id
            used.add(old_id)
    used |= set(previous)
    out = []
    for k, story_id in enumerate(ids):
        if story_id is None:
            digest = hashlib.sha1(founders[k].encode("utf-8")).hexdigest()
            length = 8
            while "s-" + digest[:length] in used:
                length += 2
            story_id = "s-" + digest[:length]
            used.add(story_id)
        out.append(story_id)
    return out


def choose_title(items: Sequence[AnalyzedArticle], cluster: Sequence[int], edges: Mapping[tuple[int, int], float]) -> str:
    """The headline of the most central article, preferring real headlines to inferred ones."""
    def centrality(i: int) -> float:
        return sum(edges.get((min(i, j), max(i, j)), 0.0) for j in cluster if j != i)

    best = min(cluster, key=lambda i: (items[i].article.title_inferred, -centrality(i), items[i].article.id))
    return items[best].article.title


def entity_surfaces(items: Sequence[AnalyzedArticle]) -> dict[str, str]:
    """Feature key -> the most common way the articles write it; nationality words left out."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        for m in item.mentions:
            if m.label in ENTITY_LABELS and m.label != "NORP":
                key = normalize_entity(m.text)
                surface = re.sub(r"^(the|a|an)\s+", "", re.sub(r"[’']s$", "", " ".join(m.text.split())), flags=re.I)
                seen["e:" + key][surface] += 1
    return {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in seen.items()}


def why_grouped(features: Sequence[Features], cluster: Sequence[int], surfaces: Mapping[str, str], limit: int = 6) -> tuple[str, ...]:
    """Entities and terms found in at least two of the story's articles, strongest first."""
    if len(cluster) < 2:
        return ()
    total: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for i in cluster:
        for key, w in features[i].weights.items():
            total[key] += w
            seen[key] += 1
    shared = [k for k in total if seen[k] >= 2 and (k.startswith("w:") or k in surfaces)]
    shared.sort(key=lambda k: (not k.startswith("e:"), -total[k] * seen[k], k))
    out: list[str] = []
    for key in shared:
        label = surfaces.get(key, key[2:])
        if not any(label.lower() in o.lower() for o in out):
            out.append(label)
        if len(out) >= limit:
            break
    return tuple(out)


def slugify(value: object) -> str:
    """A safe path component: lowercase ascii letters, digits and dashes only."""
    import unicodedata

    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:60].strip("-") or "story"
