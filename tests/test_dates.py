"""Dates for articles that carry none, and where each article's date came from (briefgen/text/dates.py)."""

from __future__ import annotations

import pytest

from briefgen.ingest.text import read_text_article
from briefgen.text.dates import lead_date, parse_date_fallback, url_date

BODY = "Dan Patrick reported on his show that the Boston Red Sox made an offer.\n\nIf so, that is a big one.\n"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://nypost.com/2013/05/02/lindsay-lohan-is-mia/", "2013-05-02"),
        ("http://www.itv.com/news/westcountry/story/2013-07-21/wellington-supermarket-fire/", "2013-07-21"),
        ("http://www.ens-newswire.com/ens/apr2009/2009-04-28-091.asp", "2009-04-28"),
        ("http://digitaljournal.com/article/268554", None),
        ("http://example.com/1066/10/14/hastings", None),  # an id, not a day of news
        ("http://example.com/2013/02/30/", None),  # no such day
        (None, None),
    ],
)
def test_url_date(url: str | None, day: str | None) -> None:
    assert url_date(url) == day


def test_lead_date_takes_the_first_full_date_of_the_lead() -> None:
    assert lead_date(["The judge ruled on May 2, 2013 that she must go.", "In 2008 ..."]) == "2013-05-02"
    assert lead_date(["No date here, only the year 2013."]) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("3 May 2013", "2013-05-03"),
        ("Friday 3rd May, 2013 | 10:21", "2013-05-03"),  # the rules miss it; dateparser reads it
        ("Tuesday", None),  # no day, month and year: never completed from today's date
        ("in 2013", None),
        ("03.05.2013 10:21", "2013-05-03"),  # dots: day first, as stamp_line reads them
        ("yesterday at noon, 2013", None),
    ],
)
def test_parse_date_fallback(text: str, day: str | None) -> None:
    assert parse_date_fallback(text) == day


@pytest.mark.parametrize(
    ("text", "date", "source"),
    [
        ("---\ndate: 2008-12-15\n---\nHeadline of the day here\n\n" + BODY, "2008-12-15", "front matter"),
        ("Headline of the day here\n\nDecember 15th, 2008, 7: 35 am\n\n" + BODY, "2008-12-15", "dateline"),
        ("---\nurl: http://nypost.com/2013/05/02/story/\n---\nHeadline of the day here\n\n" + BODY, "2013-05-02", "url"),
        ("Headline of the day here\n\nOn December 14, 2008, Dan Patrick said so.\n\n" + BODY, "2008-12-14", "text"),
        ("Headline of the day here\n\n" + BODY, None, None),
        # day and month both possible: month first, unless the URL's month says otherwise
        ("Headline of the day here\n\n11 / 09 / 2010\n\n" + BODY, "2010-11-09", "dateline"),
        (
            "---\nurl: http://x.blogspot.nl/2010/09/kraft.html\n---\nHeadline of the day here\n\n11 / 09 / 2010\n\n" + BODY,
            "2010-09-11",
            "dateline",
        ),
        ("---\nurl: http://x.com/2010/11/kraft.html\n---\nHeadline of the day here\n\n11 / 09 / 2010\n\n" + BODY, "2010-11-09", "dateline"),
        (
            "---\nurl: http://x.com/2010/09/kraft.html\n---\nHeadline of the day here\n\n11 / 25 / 2010\n\n" + BODY,
            "2010-11-25",
            "dateline",
        ),  # only one reading is a day
    ],
)
def test_date_source_says_where_the_date_came_from(text: str, date: str | None, source: str | None) -> None:
    article = read_text_article(text, "a.md", "md")
    assert (article.date, article.date_source) == (date, source)
