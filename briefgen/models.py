"""Records passed between pipeline stages.

Every stage takes records and returns new ones; nothing here is mutated after
creation, and nothing here knows about spaCy, so every stage after analysis can
be tested with hand-made records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    """A block of article text; ``start`` is its offset in ``Article.text``."""

    text: str
    start: int
    is_heading: bool = False


@dataclass(frozen=True)
class Article:
    """One source article as ingested: cleaned text plus what we know about it.

    ``id`` is the file's path relative to the content folder (POSIX); feeds and
    JSON Lines files add ``#n`` for the n-th entry.
    """

    id: str
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    date: str | None = None  # ISO date, YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    author: str | None = None
    story: str | None = None  # editor's pin from front matter
    title_inferred: bool = False  # True when no headline was found
    format: str = "txt"
    note: str | None = None  # e.g. "summary only" for feed entries
    # where ``date`` came from: "front matter", "feed", "page", "dateline", "url", "text" or
    # "inferred" (from similar articles: for grouping only, never shown as the article's date)
    date_source: str | None = None
    language: str = "en"  # ISO 639-1 code, as detected at ingest
    # the section or label its metadata file it under ("Opinion", "Analysis"; front matter or JSON Lines ``section``, a
    # page's ``article:section``, a feed entry's first category): what kind of piece it is (text/pieces.py)
    section: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A file (or entry) that could not be built, with a reason a person can act on."""

    path: str
    reason: str


@dataclass(frozen=True)
class Token:
    """One token of a parsed sentence; ``head`` indexes into the sentence's tokens."""

    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    start: int  # offset in Article.text
    is_stop: bool = False
    ent: str = ""  # entity label if inside a named entity


@dataclass(frozen=True)
class Mention:
    """A named-entity mention; offsets are in ``Article.text``."""

    text: str
    label: str
    start: int
    end: int
    sentence: int  # index into AnalyzedArticle.sentences


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article; ``text == article.text[start:end]`` always holds."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int
    tokens: tuple[Token, ...] = ()
    is_heading: bool = False

    @property
    def words(self) -> int:
        return sum(1 for t in self.tokens if t.pos not in ("PUNCT", "SPACE"))


@dataclass(frozen=True)
class AnalyzedArticle:
    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Citation:
    """A verbatim piece of an article: ``text`` occurs, as written, in sentence ``sentence`` of article ``article``
    (a summary statement whose quotation runs over several sentences starts there and runs on as written)."""

    text: str
    article: str
    sentence: int
    date: str | None = None

    def sentences(self, sentences: Sequence[Sentence]) -> list[Sentence]:
        """The sentences of its article (``sentences``) that it cites: its first, and those its text runs on over."""
        first = next((s for s in sentences if s.index == self.sentence), None)
        if first is None:
            return []
        end = first.start + len(self.text)
        return [s for s in sentences if s.index >= first.index and s.start >= first.start and s.end <= end] or [first]


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    articles: tuple[str, ...]  # article ids, by date then id
    why: tuple[str, ...] = ()  # shared entities and terms that tied the articles
    pinned: bool = False
    topic: str = ""  # id of the Topic holding this story ("" until topics are computed)
    # where grouping found ``title``: "editor" (stories.yml), "headline-central" (the headline of the most central
    # article), "headline" (of a less central one), "lead" (a lead sentence), "fallback"; the stories stage may
    # title the story again from its key points (titles.story_title)
    title_source: str = ""
    title_article: str = ""  # the article whose headline or lead gave ``title`` ("" for an editor's)


@dataclass(frozen=True)
class Topic:
    """A running subject (e.g. "Indonesian earthquakes") holding one or more stories (events)."""

    id: str
    title: str
    stories: tuple[str, ...]  # story ids, most important first


@dataclass(frozen=True)
class SummarySentence:
    citation: Citation
    score: float
    sources: int = 1  # independent sources that carry the same fact
    confidence: str = ""  # high, moderate or low (confidence.py); "" until rated
    confidence_reason: str = ""  # why, in words a reader can check
    reported: bool = False  # a claim attributed to someone ("X said", "alleged", "according to")


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event of a story: a verbatim cited sentence and the day it happened."""

    date: str  # ISO YYYY-MM-DD
    citation: Citation
    approximate: bool = False  # the date was resolved ("on Tuesday") or inferred, not stated


@dataclass(frozen=True)
class Role:
    citation: Citation  # the sentence stating it
    text: str  # the role as written, a verbatim substring of the sentence
    sources: int = 1  # independent sources that state it


@dataclass(frozen=True)
class Quote:
    text: str  # verbatim, without the quotation marks
    speaker: str
    citation: Citation
    sources: int = 1  # independent sources that carry it


#: What a reader sees for each ``FactBox.type`` (site pages and PDF briefs), in the entity index's order.
TYPE_LABELS = {"PERSON": "Person", "ORG": "Organisation", "PLACE": "Place", "VESSEL": "Ship", "PRODUCT": "Product or work"}


@dataclass(frozen=True)
class FactBox:
    id: str  # slug, unique within an edition
    name: str
    type: str  # PERSON, ORG, PLACE, VESSEL or PRODUCT
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    quotes: tuple[Quote, ...]
    mentions: int
    articles: tuple[str, ...]
    sources: int
    related: tuple[str, ...] = ()
    evidence: tuple[Citation, ...] = ()  # what they said or did, in a line from the text
    stories: tuple[str, ...] = ()  # story ids, set on edition-wide entities
    page: str = ""  # id of the edition-wide entity page ("" when it has none)


@dataclass(frozen=True)
class Question:
    question: str
    kind: str  # unknown, disputed, unverified, conflicting, pending
    evidence: tuple[Citation, ...]
    silent: tuple[str, ...] = ()  # articles of the story that do not address it
    score: float = 0.0


#: Grouped by their words alone, undated articles may be one subject's reports of different days: on 2,095 undated BBC
#: reports of 2004-2005 (one outlet), 38 of 40 stories of two or more articles joined two or more events (judged blind).
UNDATED_NOTE = (
    "None of these articles carries a date: they were grouped by their words alone, and may report news of one subject from different days."
)


def undated_join(articles: int, dated: bool) -> bool:
    """A story of ``articles`` articles, ``dated`` when any of them carries a date, joins undated articles only: grouped
    by their words alone. The one rule of the build's warning (``group.undated_stories``) and of ``UNDATED_NOTE``."""
    return articles > 1 and not dated


@dataclass(frozen=True)
class StoryBrief:
    """Everything a story page shows."""

    story: Story
    summary: tuple[SummarySentence, ...]
    facts: tuple[FactBox, ...]
    questions: tuple[Question, ...]
    first_date: str | None = None
    last_date: str | None = None
    # ``summary`` is in the order a reader should take it in, most important first; the first
    # ``key_point_count`` sentences are the story's key points (the home page's lead is the first).
    key_point_count: int = 0
    timeline: tuple[TimelineEvent, ...] = ()  # dated events, in date order
    related: tuple[str, ...] = ()  # ids of related stories (shared entities, same topic)
    problems: tuple[str, ...] = ()  # parts that failed for this story, said to the reader
    # every article is a piece that is no news report by its own label (opinion, analysis: ``pieces.not_news``),
    # so ``summary`` is empty and the page says why
    opinion_only: bool = False
    # no article of the story has a statement a summary could state (summarize.candidates: none left once furniture,
    # captions, credits and lines that are no sentence are out): nothing to tell, so the edition leaves it out
    untold: bool = False

    @property
    def key_points(self) -> tuple[SummarySentence, ...]:
        return self.summary[: self.key_point_count]

    @property
    def undated_note(self) -> str:
        """What the story's page and PDF tell the reader when it joins undated articles only (``undated_join``, of which
        the build also warns the user): "" otherwise."""
        return UNDATED_NOTE if undated_join(len(self.story.articles), self.first_date is not None) else ""


@dataclass(frozen=True)
class Changes:
    previous: str | None
    new_articles: tuple[str, ...]
    new_stories: tuple[str, ...]
    updated_stories: tuple[str, ...]
    quiet_stories: tuple[str, ...] = ()
    new_entities: tuple[str, ...] = ()
    new_questions: tuple[str, ...] = ()
    answered_questions: tuple[str, ...] = ()  # open last edition, answered by a new article
    answers: tuple[tuple[str, Citation], ...] = ()  # (question, the new sentence that answers it)
    dropped_questions: tuple[str, ...] = ()  # no longer listed, but nothing new answered them
    answered_in: tuple[tuple[str, str], ...] = ()  # (question of ``answers``, id of the story it was asked in)
    new_summary: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (story id, sentences)


@dataclass(frozen=True)
class Briefing:
    edition: str
    articles: tuple[Article, ...]
    stories: tuple[StoryBrief, ...]
    skipped: tuple[Skipped, ...]
    changes: Changes
    entities: tuple[FactBox, ...] = ()  # edition-wide: one per entity across all stories
    topics: tuple[Topic, ...] = ()
    merged: tuple[tuple[str, str], ...] = ()  # (retired story id, the id of the story it became)
    warnings: tuple[str, ...] = ()  # everything the build warned about, as told to the user
    copies: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (article id, ids of articles carrying the same text: one wire)
