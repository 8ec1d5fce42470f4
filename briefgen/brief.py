"""One story's brief: its entities, cited summary, open questions and confidence.

A function of the story and its analysed articles only (and which of them copy one
another), so the pipeline caches it per story and runs stories in parallel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefgen import confidence, facts, questions, summarize
from briefgen.models import AnalyzedArticle, FactBox, Story, StoryBrief

if TYPE_CHECKING:
    from briefgen.config import BuildConfig


def story_brief(story: Story, items: Sequence[AnalyzedArticle], config: BuildConfig,
                independence: facts.Independence | None = None) -> tuple[list[FactBox], StoryBrief]:
    """Every entity of the story (most important first: the edition's entity pages need them all) and its brief,
    which shows the first ``max_fact_boxes`` of them."""
    boxes = facts.story_entities(items, config, independence)
    return boxes, brief(story, items, config, boxes, independence)


def brief(story: Story, items: Sequence[AnalyzedArticle], config: BuildConfig, boxes: Sequence[FactBox],
          independence: facts.Independence | None = None) -> StoryBrief:
    """One story's page content; ``boxes`` are all its entities, most important first."""
    dates = sorted(i.article.date for i in items if i.article.date)
    summary = summarize.summarize(items, config)
    open_questions = tuple(questions.open_questions(items, config, summary=summary))  # none the summary answers
    return StoryBrief(
        story=story,
        summary=tuple(confidence.annotate(summary, open_questions, items, independence)),
        facts=tuple(boxes[: config.max_fact_boxes]),
        questions=open_questions,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        key_point_count=summarize.key_point_count(summary, config),
        timeline=tuple(summarize.timeline(items)),
    )
