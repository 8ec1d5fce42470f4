"""Story titles (briefgen/titles.py) that carry a person's claim, and titles cut where the sentence's point is lost:
who said it stays when a person says it, a quotation or a lost "what" is no title, a dateline's dash hides nothing,
a ", but ..." that carries the point is not cut off, and a list's last item is no aside."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen import titles
from briefgen.config import load_config
from briefgen.models import AnalyzedArticle, Article, Citation, Paragraph, Story, SummarySentence

#: A person's opinion: without "Mayor Mary Jones said" it would read as the briefing's own claim (invented examples,
#: in the form of the BASIL leads that showed each fault).
RICE = (
    "Mary Jones, the mayor of Springfield since 2019, said the governor's planned stadium on the riverfront will be "
    '"a disaster" for the city.'
)
#: A fact a person passes on: the title states it, as it does what "police said".
#: A second clause set off by a dash and "and" (Multi-News train's shape): the point of the sentence.
ATTIC = "A woman in Arlington heard noises in her home in the middle of the night -- and police found a man in the attic."
CONFIRMED = "A city firefighter has died after he was hurt in a warehouse blaze in Detroit, fire Chief Dan Moss confirmed."
#: A person's announcement of what he will do: the pronoun under it stands for him.
ENDORSES = "Ohio Governor Tom Reed announced on Tuesday he will officially endorse Senator Kay Lund for president."
#: What was said before who said it, and the parse hangs it loose: who said it alone is no title.
MOTTO = (
    'The council vote to affirm that "Springfield First" is the city motto is "not putting people back to work," '
    "Mayor Mary Jones said Wednesday in a speech pushing her jobs plan."
)
#: A person's words quoted whole after the verb.
QUOTED = 'Dan Cole claimed "Our enemies will lie, cheat and steal if they believe it will silence our voters."'
#: A dateline joined to the sentence by a dash, with no space.
DATELINE = (
    "CHICAGO—Joining a chorus of doctors and teachers, nearly 200 nurses at City Hospital have called Governor Tom Reed "
    "to task for his budget cuts."
)
#: A clause after "but" with its own subject: the point.
STARS = (
    "Springfield Mayor Mary Jones has said she will stay out of the governor's race, but she stars in a new campaign ad set to air in Ohio."
)
#: After ", but" no verb: the point ("not before ...").
HEADING = (
    "Senator Kay Lund is heading to Ohio State University for a speech Thursday morning, but not before a sharp rebuke from its faculty."
)
#: After ", but" a verb that shares the subject: it only qualifies what the clause before says.
SHORT_OF = (
    "Senator Kay Lund of Ohio said Tuesday that she would back a new tax cut for the small firms of her state, but "
    "stopped short of supporting the full bill."
)
#: A condition: without it the offer reads as made outright.
OFFERED = (
    "Councilman Joe Park was offered a paid advisory post -- in the area of city planning -- if he left the mayoral "
    "race, a source said on Friday."
)
#: A preview in one article, which the summary ranks first; the event itself in the ledes of two others.
PREVIEW = "Mayor Mary Jones this week will present a comprehensive plan to build new housing in Springfield."
UNVEILED = "Mayor Mary Jones unveiled a sweeping plan to build new housing in Springfield on Wednesday."
CALLED = "Mayor Mary Jones called on Wednesday for a new tax on empty homes as part of a plan to build housing in Springfield."
INJURED = "Five people, including two firefighters, a nurse and a bus driver, were hurt in the crash on a highway near Springfield."


@pytest.fixture(scope="module")
def parsed() -> dict[str, AnalyzedArticle]:
    """Each sentence as a one-sentence article, parsed by the real analysis (loads spaCy)."""
    from briefgen.analyze import analyze

    texts = [RICE, CONFIRMED, ENDORSES, MOTTO, QUOTED, DATELINE, STARS, HEADING, SHORT_OF, INJURED, PREVIEW, UNVEILED, CALLED, OFFERED]
    texts.append(ATTIC)
    articles = [Article(f"a{k}.md", "", t, (Paragraph(t, 0),), title_inferred=True) for k, t in enumerate(texts)]
    return {a.text: item for a, item in zip(articles, analyze(articles, load_config(n_process=1)), strict=True)}


def _headline(item: AnalyzedArticle, limit: int = titles.LONG_TITLE_WORDS) -> str | None:
    return titles.headline(item.sentences[0], item.article.text, limit)


def test_a_persons_claim_keeps_who_says_it(parsed: dict[str, AnalyzedArticle]) -> None:
    made = _headline(parsed[RICE])
    assert made is not None and made.startswith("Mary Jones said the governor's planned stadium")
    assert "since 2019" not in made  # the aside still goes
    # a lead cut short of "Mary Jones said": no whole clause by the parse
    cut = "The governor's planned stadium on the riverfront will be a disaster for the city"
    sentence = parsed[RICE].sentences[0]
    assert not titles.whole_clause(sentence, cut)


def test_a_clause_set_off_by_a_dash_and_and_is_the_point_not_an_aside(parsed: dict[str, AnalyzedArticle]) -> None:
    """ "-- and police found a man living in the attic" is what the sentence tells, as a clause after ", but" is: the
    main clause alone is no title of it (``_headline``), and the lead whole (``short_title``) is."""
    assert _headline(parsed[ATTIC]) is None
    assert titles.short_title(ATTIC, titles.LONG_TITLE_WORDS) == ATTIC.rstrip(".")


def test_a_fact_a_person_confirms_is_stated_without_them(parsed: dict[str, AnalyzedArticle]) -> None:
    made = _headline(parsed[CONFIRMED])
    assert made is not None and made.startswith("A city firefighter has died") and "Moss" not in made


def test_a_persons_announcement_stands_and_tells_what_is_announced(parsed: dict[str, AnalyzedArticle]) -> None:
    item = parsed[ENDORSES]
    made = _headline(item)
    assert made is not None and made.startswith("Ohio Governor Tom Reed announced") and "endorse" in made
    lead = titles.lead_title(item)
    assert lead is not None
    verb = titles._lead_verb(item, lead)
    assert verb is not None and verb.lemma == "endorse"  # judged by what he will do, not by "announce"
    assert titles.names_event(lead, verb, frozenset({"reed", "lund"})) == 2


def test_who_said_it_without_what_is_no_title(parsed: dict[str, AnalyzedArticle]) -> None:
    assert _headline(parsed[MOTTO], titles.MAX_TITLE_WORDS) is None


def test_a_persons_words_quoted_whole_are_no_title(parsed: dict[str, AnalyzedArticle]) -> None:
    item = parsed[QUOTED]
    assert _headline(item, titles.MAX_TITLE_WORDS) is None
    assert titles.lead_title(item) is None


def test_a_datelines_dash_hides_none_of_the_clause(parsed: dict[str, AnalyzedArticle]) -> None:
    made = _headline(parsed[DATELINE])
    assert made is not None and made.startswith("Nearly 200 nurses at City Hospital have called")
    assert "CHICAGO" not in made and "Joining" not in made


def test_a_clause_after_but_that_carries_the_point_is_not_cut_off(parsed: dict[str, AnalyzedArticle]) -> None:
    # a clause of its own after "but": the headline is the whole sentence or none
    assert _headline(parsed[STARS], titles.MAX_TITLE_WORDS) is None
    for text in (STARS, HEADING):
        item = parsed[text]
        lead = titles.lead_title(item)
        assert lead is None or "but" in lead, lead
        cut = text.split(", but")[0]  # as grouping cuts a lead by its words (``short_title`` before ", but")
        assert not titles.whole_clause(item.sentences[0], cut)  # which the parse then refuses
    assert titles.short_title(HEADING) == HEADING.split(", but")[0]


def test_a_qualification_after_but_may_be_cut_off(parsed: dict[str, AnalyzedArticle]) -> None:
    lead = titles.lead_title(parsed[SHORT_OF])
    assert lead is not None and lead.endswith("for the small firms of her state")


def test_a_condition_stays_in_the_title(parsed: dict[str, AnalyzedArticle]) -> None:
    made = _headline(parsed[OFFERED])
    assert made is not None and made.startswith("Councilman Joe Park was offered a paid advisory post")
    assert made.endswith("if he left the mayoral race"), made


def test_a_lists_last_item_is_no_aside() -> None:
    cut = titles.short_title(INJURED, titles.LONG_TITLE_WORDS)
    assert cut is not None and "a nurse and a bus driver" in cut
    # an aside of one noun phrase still goes
    assert titles.short_title("Nola, a northern white rhino, died on Sunday at the San Diego Zoo.") == (
        "Nola died on Sunday at the San Diego Zoo"
    )


def test_the_fact_most_articles_lead_with_beats_one_outlets_angle(parsed: dict[str, AnalyzedArticle]) -> None:
    """The first key point is one article's preview; the ledes of the two others state one fact (``ledes``, as
    summarize.lede_sources gives them): the title is made from those, first the one the summary cites first."""
    items = [
        AnalyzedArticle(dataclasses.replace(parsed[text].article, id=name), parsed[text].sentences, parsed[text].mentions)
        for text, name in ((PREVIEW, "a.md"), (UNVEILED, "b.md"), (CALLED, "c.md"))
    ]
    story = Story("s-1", "Housing plan", ("a.md", "b.md", "c.md"), title_source="lead", title_article="a.md")
    summary = [SummarySentence(Citation(PREVIEW, "a.md", 0), 1.0), SummarySentence(Citation(CALLED, "c.md", 0), 0.9)]
    agree = {("b.md", 0): frozenset({"c.md"}), ("c.md", 0): frozenset({"b.md"})}
    assert titles.story_title(story, items, summary, 2).startswith("Mayor Mary Jones this week will present")
    title = titles.story_title(story, items, summary, 2, ledes=agree)
    assert title.startswith("Mayor Mary Jones called for a new tax on empty homes"), title  # c.md: cited first
    # two ledes of four articles are no majority: a side detail as likely as the news
    fourth = Article("d.md", "", "Pictures.", (Paragraph("Pictures.", 0),))
    more = dataclasses.replace(story, articles=(*story.articles, "d.md"))
    assert titles.story_title(more, [*items, AnalyzedArticle(fourth, (), ())], summary, 2, ledes=agree).startswith(
        "Mayor Mary Jones this week"
    )
    # the first key point's own article among them: its title as before
    assert titles.story_title(story, items, summary, 2, ledes={**agree, ("a.md", 0): frozenset({"b.md", "c.md"})}).startswith(
        "Mayor Mary Jones this week"
    )
    # a real headline of that article is its title, as the first key point's article's is
    items[2] = dataclasses.replace(
        items[2], article=dataclasses.replace(items[2].article, title="Jones seeks tax on empty homes in Springfield", title_inferred=False)
    )
    assert titles.story_title(story, items, summary, 2, ledes=agree) == "Jones seeks tax on empty homes in Springfield"
