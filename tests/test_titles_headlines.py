"""Story titles (briefgen/titles.py) from writers' headlines: the headline the other outlets' articles share most,
not the first key point's outlet's angle; no opinion, analysis or graphic label, explainer's opening ("How ...",
"Why ..."), exclamation or reader addressed; no headline of an article dated apart from the story's main day.
Hand-made records (no parse needed): invented examples in the form of the AllSides faults."""

from __future__ import annotations

import pytest

from briefgen import titles
from briefgen.models import AnalyzedArticle, Article, Citation, Paragraph, Sentence, Story, SummarySentence

#: Three outlets tell one event: a general's secret calls to China, revealed in a book. The first key point's
#: article (a.md) heads it with its own angle.
ANGLE = ("a.md", "Left", "General Ray Lund becomes lightning rod on the right", "General Ray Lund faced calls to resign on Tuesday.")
BOOK = (
    "b.md",
    "Centre",
    "Book says General Ray Lund secretly called China's army chief",
    "General Ray Lund secretly called China's army chief twice, a new book says.",
)
CALLS = (
    "c.md",
    "Right",
    "General Ray Lund's secret calls to China revealed in new book",
    "A new book reveals that General Ray Lund made secret calls to China's army chief.",
)


def _item(id_: str, source: str, headline: str, lede: str, date: str | None = "2021-09-15", url: str | None = None) -> AnalyzedArticle:
    article = Article(id_, headline, lede, (Paragraph(lede, 0),), date=date, source=source, url=url)
    return AnalyzedArticle(article, (Sentence(0, lede, 0, len(lede), 0),), ())


def _title(items: list[AnalyzedArticle]) -> str:
    story = Story("s-1", "Grouping's title", tuple(i.article.id for i in items), title_source="lead", title_article="x.md")
    summary = [SummarySentence(Citation(i.sentences[0].text, i.article.id, 0), 1.0) for i in items]
    return titles.story_title(story, items, summary, 1)


def test_the_headline_the_other_outlets_share_beats_the_first_key_points_angle() -> None:
    items = [_item(*ANGLE), _item(*BOOK), _item(*CALLS)]
    assert _title(items) in (BOOK[2], CALLS[2])
    angle, book = (titles._support(i.article.title, i, items) for i in items[:2])
    assert angle < book
    # one outlet alone: nothing to share, the first key point's headline as before
    alone = [_item(*ANGLE), _item("b.md", "Left", *BOOK[2:]), _item("c.md", "Left", *CALLS[2:])]
    assert titles._shared_headlines(alone, []) == []
    assert _title(alone) == ANGLE[2]


def test_what_a_headline_quotes_is_no_word_it_shares() -> None:
    quoted = _item("d.md", "Other", "“Secret calls to China's army chief”: General Ray Lund book", CALLS[3])
    items = [_item(*BOOK), _item(*CALLS), quoted]
    assert titles._support(quoted.article.title, quoted, items) < titles._support(BOOK[2], items[0], items)


@pytest.mark.parametrize(
    "headline",
    [
        "Opinion: General Ray Lund must resign",
        "Mapped: where General Ray Lund's calls went",
        "ANALYSIS - What General Ray Lund's calls to China mean",
        "General Ray Lund called China. Now he must go!",
        "What you need to know about General Ray Lund's calls to China",
        "General Ray Lund called China. We want answers.",
        "How General Ray Lund's calls to China went unnoticed",
        "Why General Ray Lund called China's army chief",
        "Here's what General Ray Lund told China's army chief",
        "Inside General Ray Lund's calls to China",
        "4 reasons General Ray Lund's calls to China matter",
    ],
)
def test_an_opinion_a_graphic_or_a_voice_is_no_news_headline(headline: str) -> None:
    item = _item("d.md", "Other", headline, CALLS[3])
    assert titles.news_headline(item) is None
    items = [_item("d.md", "Left", headline, CALLS[3]), _item(*BOOK)]
    assert _title(items) == BOOK[2]


@pytest.mark.parametrize(
    "headline",
    [
        "US says General Ray Lund called China",  # the country, not the writer's "us"
        "'We did nothing wrong': General Ray Lund defends his calls to China",  # someone quoted
        "General Ray Lund: calls to China were routine",  # a label of who, not of a kind of piece
        "Insiders say General Ray Lund called China",  # a word, not the explainer's opening "Inside ..."
        "Howard Lund says General Ray Lund called China",
    ],
)
def test_a_report_is_a_news_headline(headline: str) -> None:
    item = _item("d.md", "Other", headline, CALLS[3])
    assert titles.news_headline(item) == headline


def test_a_headline_of_an_article_dated_apart_from_the_storys_day_is_not_its_title() -> None:
    late = _item("d.md", "Other", "General Ray Lund testifies before the Senate on Afghanistan", CALLS[3], "2021-09-28")
    items = [_item(*BOOK), _item(*CALLS), _item(*ANGLE), late]
    assert str(titles._main_day(items)) == "2021-09-15"
    assert titles.news_headline(late, titles._main_day(items)) is None
    # the morning after is the same story's day
    next_day = _item("d.md", "Other", late.article.title, CALLS[3], "2021-09-16")
    assert titles.news_headline(next_day, titles._main_day([*items[:3], next_day])) == late.article.title
    # no day holds more than half the articles: no main day, no headline refused for its date
    spread = [_item(*BOOK[:4], date=d) for d in ("2021-09-01", "2021-09-10", "2021-09-20")]
    assert titles._main_day(spread) is None


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Breaking News-Three People Shot in Office Shooting", "Three People Shot in Office Shooting"),
        ("27 / 09 / 2013-Turkmenistan to hold its first two-party election", "Turkmenistan to hold its first two-party election"),
        ("12.5 million jobs added in May", "12.5 million jobs added in May"),  # a number, not a date stamp
        ("Update:Judge calls emergency meeting over redaction errors", "Judge calls emergency meeting over redaction errors"),
        ("Update on the storm: rain continues", "Update on the storm: rain continues"),  # a word, not a label
    ],
)
def test_a_date_stamp_or_breaking_news_label_is_no_part_of_a_headline(line: str, headline: str) -> None:
    assert titles.clean_title(line) == headline


@pytest.mark.parametrize(
    ("url", "news"),
    [
        ("https://www.washingtonpost.com/opinions/2021/09/28/general-lund-debunked-his-critics/", False),
        ("https://www.nbcnews.com/think/opinion/general-lund-calls-china-ncna1275205", False),
        ("https://thehill.com/opinion/national-security/571234-general-lund", False),
        ("nypost.com/columnists/general-lund", False),
        ("https://www.nytimes.com/2021/09/15/us/politics/general-lund-china-calls.html", True),
        ("https://www.politico.com/news/2021/09/15/opinion-poll-general-lund-511920", True),  # a word of the slug
        (None, True),
    ],
)
def test_a_page_filed_as_opinion_by_its_address_is_no_news_headline(url: str | None, news: bool) -> None:
    """A column's headline may read as a report ("General Ray Lund debunked his critics"); its page's address says what
    it is, as a label would."""
    headline = "General Ray Lund debunked his critics on China"
    item = _item("d.md", "Other", headline, CALLS[3], url=url)
    assert (titles.news_headline(item) == headline) is news
    if not news:
        assert _title([_item("d.md", "Left", headline, CALLS[3], url=url), _item(*BOOK)]) == BOOK[2]
