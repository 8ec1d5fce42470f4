"""Whether an article is a news report, by its own label: the one rule for a piece that is not one.

A page says what kind of piece it is in three places: a label before its headline ("Opinion: ...", "Analysis: ...",
"EXPLAINER: ..."), the section its metadata file it under (``Article.section``: "Opinion"; a page's ``article:section``,
``section:`` in front matter) and the section its address files it in (".../opinions/...", ".../commentary/...").
Any of them marks a column, an editorial, a guest essay, an analysis, an explainer or a graphic: a piece that states
no event of its own, whatever its sentences say. Titles never take such a page's headline for a story's title; the
summary never takes its sentences for key points when the story has a report.
"""

from __future__ import annotations

import re

from briefgen.models import Article

#: Labels a page puts before an opinion, an analysis or a graphic rather than a report ("Opinion: ...", "Mapped:
#: Afghan refugees headed to 46 states", "EXPLAINER: What was ..."): a headline with one states no event. A label alone
#: on the headline's line is the page's section label that a copy took for its headline ("Columnist", a column of
#: Multi-News validation row 120 pasted without its headline). Not the labels of a report's medium ("WATCH:", "VIDEO:",
#: "PHOTOS:"), which ``titles.clean_title`` takes off a report's headline.
NOT_NEWS_LABEL = re.compile(
    r"^(?:opinions?|analysis|analyses|commentary|editorials?|columnists?|columns?|op-?eds?|perspectives?|explainers?|"
    r"explained|mapped|charted|charts?|maps?|graphics?|podcasts?|fact[ -]checks?|reviews?|letters?|q ?& ?a|quiz)"
    r"(?:\s*[:|–—-]|\W*$)",
    re.I,
)
#: The sections of opinion: columns, editorials, guest essays ("opinions", "commentary", "op-eds", "columnists"). A page's
#: address or its metadata filing it in one is the site's own label of a piece that states no event, whatever its
#: headline says. Not "analysis", which a section label gives news analysis too: of AllSides part B's stories built of
#: pieces AllSides tags ANALYSIS alone, judged blind, 7 of 11 held a report of their event (a poll's findings, a
#: ruling), against 3 of 10 of those it tags OPINION.
OPINION_SECTIONS = r"(?:opinions?|commentary|editorials?|op-?eds?|columnists?|columns?)"
#: A page filed in an opinion section by its address ("washingtonpost.com/opinions/2021/09/28/...", ".../think/opinion/
#: ..."): AllSides part A: 20 such pages of 518, each an opinion piece by its text.
OPINION_PAGE = re.compile(rf"^(?:https?://)?[^/?#]+/(?:[^?#]*/)?{OPINION_SECTIONS}(?:[/?#]|$)", re.I)
#: A section of opinion as the page's metadata name it ("Opinion", "Commentary", "Opinion | Columnists").
OPINION_SECTION = re.compile(rf"^{OPINION_SECTIONS}\b", re.I)


def labelled_not_news(headline: str) -> bool:
    """``headline`` opens with a label of a piece that is no report (``NOT_NEWS_LABEL``)."""
    return NOT_NEWS_LABEL.match(headline.strip()) is not None


def opinion_page(url: str | None) -> bool:
    """``url`` files its page in an opinion section (``OPINION_PAGE``)."""
    return OPINION_PAGE.match(url or "") is not None


def opinion_section(section: str | None) -> bool:
    """``section`` (Article.section: the page's metadata) is a section of opinion (``OPINION_SECTION``)."""
    return OPINION_SECTION.match((section or "").strip()) is not None


def not_news(article: Article) -> bool:
    """``article`` is not a news report by its own label: its headline's (``labelled_not_news``), its metadata's
    section (``opinion_section``) or its page's address (``opinion_page``)."""
    return labelled_not_news(article.title) or opinion_section(article.section) or opinion_page(article.url)
