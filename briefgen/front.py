"""What a reader sees first: stories ranked by what matters now, their leads, sources by outlet,
related stories.

Pure functions over the records of models.py (no I/O); render.py draws their results, and
``relate`` fills ``StoryBrief.related`` for briefing.json and the pages alike.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from briefgen.models import Article, Briefing, Changes, FactBox, StoryBrief, SummarySentence
from briefgen.text import sources as independent
from briefgen.text.outlets import outlet_key, outlet_name
from briefgen.text.stems import stems

TOP_STORIES = 5  # the home page's "Top stories": what fits a phone's first screen with leads
MAX_RELATED = 5  # related stories listed on a story page
#: How close two stories' words must be for one to be listed as related to the other: the cosine of their titles' and
#: summaries' stems (``story_words``). Judged blind, links by a topic and a shared name were right 93 times of 151 on
#: AllSides parts A and B, BASIL part A and Multi-News rows 0-124; the cosine told the right ones from the wrong better
#: than the shared names' weight (area under the ROC curve 0.79 against 0.55). The smallest cosine at which the links
#: above it were right 85% of the time on those four sets (0.182: 47 of 54); chosen the same way on three sets, each
#: fourth set's links above it were right 49 times of 59 (83%; 62% before).
RELATED_WORDS = 0.18


def status(story_id: str, changes: Changes) -> str:
    """ "new" or "updated" since the previous edition, else "" (also on a first edition, where all are new)."""
    if changes.previous is None:
        return ""
    if story_id in changes.new_stories:
        return "new"
    if story_id in changes.updated_stories:
        return "updated"
    return ""


def lead(sb: StoryBrief) -> SummarySentence | None:
    """The story's most important point: its first key point, else the first summary sentence."""
    if sb.key_point_count > 0 and sb.key_points:
        return sb.key_points[0]
    return sb.summary[0] if sb.summary else None


def copies(briefing: Briefing) -> dict[str, frozenset[str]]:
    return {a: frozenset(b) for a, b in briefing.copies}


def source_count(article_ids: Sequence[str], articles: Mapping[str, Article], copied: Mapping[str, frozenset[str]]) -> int:
    """Independent sources among these articles, by the rule of text/sources.py (one outlet, or copies of one text, count once)."""
    return independent.by_outlet(article_ids, articles, copied)


def rank(briefing: Briefing) -> list[StoryBrief]:
    """Stories by what matters now: new, then updated, then the rest; within each, more independent
    sources first, then the most recent."""
    articles = {a.id: a for a in briefing.articles}
    copied = copies(briefing)
    count = {sb.story.id: source_count(sb.story.articles, articles, copied) for sb in briefing.stories}
    out = sorted(briefing.stories, key=lambda sb: sb.story.title.casefold())
    out.sort(key=lambda sb: sb.last_date or "", reverse=True)  # stable sorts: the last one decides first
    fresh = {"new": 0, "updated": 1, "": 2}  # a new story is the newest news; then what moved on
    out.sort(key=lambda sb: (fresh[status(sb.story.id, briefing.changes)], -count[sb.story.id]))
    return out


@dataclass(frozen=True)
class Section:
    title: str
    stories: tuple[StoryBrief, ...]


def sections(briefing: Briefing, ranked: Sequence[StoryBrief]) -> list[Section]:
    """The edition's topics as sections, each with its stories in ranked order, sections ordered by
    their best story. One section when the edition has no topics."""
    position = {sb.story.id: k for k, sb in enumerate(ranked)}
    topics = {t.id: t for t in briefing.topics}
    groups: dict[str, list[StoryBrief]] = defaultdict(list)
    for sb in ranked:
        groups[sb.story.topic if sb.story.topic in topics else ""].append(sb)
    if not topics:
        return [Section("All stories", tuple(ranked))] if ranked else []
    # sections by where their best story ranks; stories of no topic last, as "Other stories"
    order = sorted(groups, key=lambda t: (t == "", position[groups[t][0].story.id]))
    return [Section(topics[t].title if t else "Other stories", tuple(groups[t])) for t in order]


@dataclass(frozen=True)
class SourceItem:
    article: Article
    number: int  # the article's number in the story's Sources list, which citations "[n]" use
    copy_of: tuple[int, ...] = ()  # numbers of the other articles carrying the same wire text


@dataclass(frozen=True)
class OutletGroup:
    name: str  # "" when no outlet is known
    items: tuple[SourceItem, ...]


def sources_by_outlet(
    article_ids: Sequence[str], articles: Mapping[str, Article], copied: Mapping[str, frozenset[str]]
) -> list[OutletGroup]:
    """A story's articles grouped by outlet (the outlet with most articles first; unknown outlet last),
    each group by date; numbered in that order, copies of one text marked with each other's numbers."""
    groups: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    for aid in article_ids:
        a = articles[aid]
        key = outlet_key(a) or ""
        names.setdefault(key, outlet_name(a) or "")
        groups[key].append(a)
    order = sorted(groups, key=lambda k: (k == "", -len(groups[k]), k))
    flat = [a for k in order for a in sorted(groups[k], key=lambda a: (a.date or "", a.id))]
    number = {a.id: n for n, a in enumerate(flat, start=1)}
    out = []
    for k in order:
        items = tuple(
            SourceItem(a, number[a.id], tuple(sorted(number[c] for c in copied.get(a.id, ()) if c in number)))
            for a in sorted(groups[k], key=lambda a: (a.date or "", a.id))
        )
        out.append(OutletGroup(names[k], items))
    return out


def relate(briefs: Sequence[StoryBrief], entities: Sequence[FactBox]) -> list[StoryBrief]:
    """``briefs`` with ``related`` set: the stories of the same topic that share a named participant with it (an
    entity both name, which not every story names) and whose words are close to its own (``RELATED_WORDS``), the
    closest first, at most MAX_RELATED.

    A topic alone is a kind of news (vaccines, a year of one Congress), and names alone are a long-running cast
    (Trump, the FBI): judged blind on AllSides part B, links by a shared topic without a shared name were right 13 of
    25 times, by shared names across topics 1 of 15, by both 50 of 66 (README, *Reading the site*). Both together
    still linked a governor's harassment inquiry to his hurricane declaration: what the stories say must be close
    too."""
    members = {sb.story.id: set(sb.story.articles) for sb in briefs}
    topic = {sb.story.id: sb.story.topic for sb in briefs}
    n = len(briefs)
    score: dict[tuple[str, str], float] = defaultdict(float)
    for e in entities:
        held = [s for s in dict.fromkeys(e.stories) if s in members]
        if len(held) < 2:
            continue
        weight = math.log(n / len(held)) if n > 2 else 1.0  # a name every story holds weighs nothing
        named = set(e.articles)
        share = {s: len(named & members[s]) / max(1, len(members[s])) for s in held}
        for a, b in itertools.combinations(sorted(held), 2):
            if topic[a] and topic[a] == topic[b]:
                score[(a, b)] += weight * min(share[a], share[b])
    words = story_words(briefs)
    linked: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (a, b), value in sorted(score.items()):
        if value > 0 and (close := _cosine(words[a], words[b])) >= RELATED_WORDS:
            linked[a].append((close, b))
            linked[b].append((close, a))
    return [
        replace(sb, related=tuple(s for _, s in sorted(linked[sb.story.id], key=lambda x: (-x[0], x[1]))[:MAX_RELATED])) for sb in briefs
    ]


def story_words(briefs: Sequence[StoryBrief]) -> dict[str, dict[str, float]]:
    """Each story's title and summary as a unit vector of stems (``text.stems.stems``, as the summary counts words: no stop words), each
    weighed (1 + ln count) * (ln((1 + S) / (1 + stories holding it)) + 1) over the S stories: a word every story
    holds still counts a little, so two stories alone are compared too."""
    counts = {sb.story.id: stems(" ".join([sb.story.title, *(s.citation.text for s in sb.summary)])) for sb in briefs}
    held = Counter(w for c in counts.values() for w in c)
    n = len(briefs)
    out = {}
    for sid, c in counts.items():
        v = {w: (1 + math.log(k)) * (math.log((1 + n) / (1 + held[w])) + 1) for w, k in sorted(c.items())}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[sid] = {w: x / norm for w, x in v.items()}
    return out


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())
