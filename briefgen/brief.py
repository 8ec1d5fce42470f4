"""One story's brief: its entities, cited summary, open questions and confidence.

A function of the story and its analysed articles only (and which of them copy one
another), so the pipeline caches it per story and runs stories in parallel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, partial
from typing import TYPE_CHECKING, TypeVar

from briefgen import confidence, facts, questions, summarize, titles
from briefgen.errors import BriefgenError
from briefgen.models import AnalyzedArticle, FactBox, Question, Story, StoryBrief, SummarySentence
from briefgen.text.claims import Claims

if TYPE_CHECKING:
    from briefgen.config import BuildConfig

log = logging.getLogger(__name__)
T = TypeVar("T")


def story_brief(
    story: Story, items: Sequence[AnalyzedArticle], config: BuildConfig, independence: facts.Independence | None = None
) -> tuple[list[FactBox], StoryBrief]:
    """Every entity of the story (most important first: the edition's entity pages need them all) and its brief,
    which shows the first ``max_fact_boxes`` of them. A part that fails costs that part of this story only
    (StoryBrief.problems says which)."""
    problems: list[str] = []
    boxes: list[FactBox] = _guarded(problems, "fact boxes", lambda: facts.story_entities(items, config, independence), [])
    return boxes, brief(story, items, config, boxes, independence, problems=problems)


def brief(
    story: Story,
    items: Sequence[AnalyzedArticle],
    config: BuildConfig,
    boxes: Sequence[FactBox],
    independence: facts.Independence | None = None,
    *,
    problems: list[str] | None = None,
) -> StoryBrief:
    """One story's page content; ``boxes`` are all its entities, most important first. A part that raises
    is left out and said in ``problems`` (summary, key points, timeline, open questions, confidence labels)."""
    problems = [] if problems is None else problems
    dates = sorted(i.article.date for i in items if i.article.date)
    # read once for the parts below: each sentence's claim, and the statements the summary and the timeline choose from
    claims = Claims()
    cands = cache(partial(summarize.candidates, items))
    ledes = cache(lambda: summarize.same_ledes(items, cands(), claims))  # for the summary, the title and the labels alike
    told = cache(lambda: summarize.lead_statements(items, cands(), claims, ledes()))  # for the labels
    sources = cache(lambda: summarize.lede_sources(items, cands(), claims, ledes()))  # for the title
    summary: list[SummarySentence] = _guarded(
        problems, "summary", lambda: list(summarize.summarize(items, config, claims=claims, cands=cands(), ledes=ledes())), []
    )
    key_points = _guarded(problems, "key points", lambda: summarize.key_point_count(summary, config), 0)
    title = _guarded(problems, "title", lambda: titles.story_title(story, items, summary, key_points, claims, sources()), story.title)
    open_questions: tuple[Question, ...] = _guarded(
        problems,
        "open questions",  # none the summary answers, each about what the title names
        lambda: tuple(questions.open_questions(items, config, summary=summary, title=title)),
        (),
    )
    rated = _guarded(
        problems,
        "confidence labels",
        lambda: tuple(confidence.annotate(summary, open_questions, items, independence, claims, told())),
        tuple(summary),
    )
    return StoryBrief(
        story=replace(story, title=title),
        summary=rated,
        facts=tuple(boxes[: config.max_fact_boxes]),
        questions=open_questions,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        key_point_count=key_points,
        timeline=_guarded(problems, "timeline", lambda: tuple(summarize.timeline(items, claims, cands())), ()),
        problems=tuple(problems),
        opinion_only=summarize.opinion_only(items),
        untold=_guarded([], "statements", lambda: not cands(), False),  # when they cannot be read, the summary's problem says so
    )


#: What a reader is told when a part of a story could not be made.
_PART_NOTE = "The {part} of this story could not be made because of an error in briefgen ({error}); the rest of this page is complete."


def _guarded(problems: list[str], part: str, make: Callable[[], T], fallback: T) -> T:
    """``make()``, or ``fallback`` with a note in ``problems`` when it raises (a bug must cost one part of one story)."""
    try:
        return make()
    except BriefgenError:
        raise
    except Exception as exc:
        log.debug("%s failed", part, exc_info=True)
        text = " ".join(str(exc).split())
        problems.append(_PART_NOTE.format(part=part, error=f"{type(exc).__name__}: {text if len(text) <= 120 else text[:119] + '…'}"))
        return fallback
