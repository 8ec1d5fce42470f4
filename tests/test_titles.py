"""Story titles (briefgen/titles.py): a key point made a headline by its parse, and the rule that picks
the story's final title once its key points are known."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from briefgen import cache, titles
from briefgen.config import load_config
from briefgen.group import follow_titles
from briefgen.models import AnalyzedArticle, Article, Citation, Paragraph, Sentence, Story, SummarySentence, Token, Topic

RHINO = "Nola, one of just four northern white rhinos left, died Sunday at the San Diego Zoo, officials said."
LEANING = "He addressed the crowd in Boston on Monday."
IT_REJECTED = "Speaker Nancy Pelosi rejected it hours before the president spoke on Saturday."
#: "he" after a subject that is no person, and after a person named as the object (Multi-News train shapes).
HOUSE_HE = "An Upper East Side auction house is selling love letters he wrote to a Swedish paramour."
NAMED_HE = "British police have named the third attacker as Youssef Zaghba and said that he is an Italian national."
IT_FOUND = "The committee released its report on Tuesday after it met in Boston."
#: A key point whose main clause is longer than MAX_WORDS and names the event; grouping's lead title from another
#: article of the story (row 1 of Multi-News validation) only alludes to it.
JERSEYS = (
    "The Colorado Rockies handed out 15,000 jerseys with the All-Star shortstop's name misspelled in a giveaway gaffe "
    "Saturday night at Coors Field."
)
ALLUDES = "Troy Tulowitzki has a tough name to spell, even at his own ballpark."
#: A second report of the jerseys: the Colorado Rockies and Coors Field are the story's main names.
ROCKIES = "The Colorado Rockies apologized at Coors Field on Sunday for the misspelled jerseys."
#: A second report of Nola's death: the names the story's articles share.
ZOO = "The San Diego Zoo said Nola, a northern white rhino, was put down on Sunday after an infection."
#: A copula: who and where, but not what happened.
CARE = "Nola is now in the care of the veterinarians of the San Diego Zoo."
#: A relative pronoun inside the title leans on nothing before it.
KLAN = "Authorities say 13 people are in custody following a violent altercation that left three people stabbed at a Klan rally."
#: A hyphen inside a word sets no aside off.
HALF = "Prodigy, one-half of the hip-hop duo Mobb Deep, died Tuesday at the age of 42."
# parsed with "with" as a marker of the main verb, so the clause would lose it from its middle (Multi-News row 164)
#: A third-person pronoun after the title's own subject stands for it, and leans on nothing before.
OFFICER = "A police officer in Detroit has died after he was shot in the head on Tuesday night, the police chief said."
#: A name set off after a common noun is who it is, not an aside.
RUNNER = "A former runner-up, Brittany Lewis, was awarded the Miss Delaware crown on Monday."
#: A modal makes a guess, not an event; a bare definite subject leans on the sentence before it for who.
GUESS = "Donald Trump may finally have gone too far with the investigation."
PAIR = "The pair were convicted of the murder in Perugia last month."
#: A first key point whose main clause is longer than LONG_TITLE_WORDS but names the event, and a lead from another
#: article whose subject leans on the sentence before it.
VAULTER = (
    "Austrian pole vaulter Kira Grunberg suffered severe spinal injuries on Thursday after she landed beside the mat on "
    "her head and neck during a practice jump at the national training centre in Innsbruck."
)
PARENTS = "The parents of the pole vaulter were watching when their daughter landed on her head."
#: Two articles of a toddler's death: both name the boy, but neither opening sentence does. The first key point tells a
#: state ("no nurse was on duty"), the other article's lead an event ("are investigating the death").
NO_NURSE = (
    "A fire department spokesman said no nurse was on duty at the preschool that day. "
    "Elijah Silvera was allergic to dairy, his parents said."
)
TODDLER = (
    "City officials are investigating the death of a toddler who ate a sandwich at a preschool. "
    "Elijah Silvera had been at the preschool for a month."
)
#: Multi-News-like: the first key point tells the event without the name the other article gives (a couple's payout,
#: not who they are); the other article's lead names them with an event of its own (validation row 152's shape).
PAYOUT = "Two former day care owners will receive $3.4 million after being wrongfully imprisoned for more than two decades."
KELLERS = "Dan and Fran Keller were freed from prison in Austin after their convictions were overturned."
#: A first key point whose main clause is longer than LONG_TITLE_WORDS, and another article's lead that names the one
#: it is about by his surname alone, never introduced (Multi-News validation row 228's shape).
ARRAIGNED = (
    "A Baltimore defense attorney was arraigned on charges of obstruction of justice and witness intimidation for trying "
    "to dissuade a rape victim from testifying against his client by telling her she risked deportation."
)
HALLWAY = "Vasiliades was arrested in the hallway of the courthouse after the hearing."
#: An infinitive the parse hangs on the noun of an aside before it, set off by a comma: what the vote was for
#: (AllSides part B).
VOTED = (
    "On Thursday, Florida’s State Board of Education voted unanimously, at the behest of Republican Gov. Ron DeSantis, to "
    "ban lessons that employ critical race theory from schools."
)
#: An age and a home set off by commas after a name (Multi-News validation row 196's shape).
AGE_HOME = "Arnold Demoski, 26, of Nulato, was arrested Saturday on suspicion of assault near the Iditarod trail."
#: A name set off after a phrase that the parse makes the subject: both its commas stay.
RUNNER_UP = "Former runner-up for the Miss Delaware pageant, Brittany Lewis, was awarded the crown on Monday."
IPSWICH = "A man who went missing after swimming off an Ipswich beach Tuesday evening with his son-in-law has been rescued, police said."


@pytest.fixture(scope="module")
def parsed() -> dict[str, AnalyzedArticle]:
    """Each sentence used below as a one-sentence article, parsed by the real analysis (loads spaCy)."""
    from briefgen.analyze import analyze

    texts = [RHINO, LEANING, JERSEYS, ALLUDES, ROCKIES, ZOO, CARE, KLAN, HALF, IPSWICH, GUESS, PAIR, VAULTER, PARENTS, CHARGES, SUDDENLY]
    texts += [*LEANS, *STANDS, BABY, EXPECTED, TO_STAND, READ_ON, LABEL, DOW, SENATE, LAWSUIT, STORM]
    texts += [s for s, _ in HEADLINES] + [IT_REJECTED, IT_FOUND, NO_NURSE, TODDLER, PAYOUT, KELLERS, ARRAIGNED, HALLWAY, VOTED]
    texts += [AGE_HOME, RUNNER_UP, HOUSE_HE, NAMED_HE]
    articles = [Article(f"a{k}.md", "", t, (Paragraph(t, 0),), title_inferred=True) for k, t in enumerate(texts)]
    return {a.text: item for a, item in zip(articles, analyze(articles, load_config(n_process=1)), strict=True)}


CHARGES = "The charges that Wang faces carry a maximum sentence of life in prison."
SUDDENLY = (
    "Suddenly, the government's seven-year pursuit of Renaissance Technologies is blanketed in political intrigue, now that"
    " the hedge fund's co-chief executive, Robert Mercer, has morphed into a political force."
)

HEADLINES = [
    # who said it goes, and the side clause set off by commas; the news stays whole
    (RHINO, "Nola died Sunday at the San Diego Zoo"),
    (
        "A 20-year-old woman was arrested Sunday night after crashing a wedding, police said.",
        "A 20-year-old woman was arrested Sunday night after crashing a wedding",
    ),
    # an aside goes whole, the hyphen of its "co-founder" too
    ("Singer Marty Balin, a co-founder of Jefferson Airplane, died on Thursday in Tampa.", "Singer Marty Balin died on Thursday in Tampa"),
    # an abbreviation keeps its full stop; the sentence's own goes
    ("Bone-chilling cold gripped much of the U.S., breaking century-old records.", "Bone-chilling cold gripped much of the U.S."),
    # a side clause after a comma goes; without the comma it is needed, as in grouping's lead titles
    ("The Senate approved the budget deal on Friday, after the House had passed it.", "The Senate approved the budget deal on Friday"),
    (
        "Bone-chilling cold gripped much of the U.S. as 2018 began, breaking century-old records.",
        "Bone-chilling cold gripped much of the U.S. as 2018 began",
    ),
    # a main clause longer than MAX_WORDS is not cut down to one ("... sought to tie his demands for border wall funding")
    (
        "President Donald Trump sought to tie his demands for border wall funding to an attack on a Christmas market in "
        "Strasbourg, France, by a Strasbourg-born gunman.",
        None,
    ),
    # leaning on a sentence before: a connective or "Such", a bare pronoun, a subject naming its owner
    ("Such a move would be a major shift in U.S. policy.", None),
    (LEANING, None),
    ("Their recommended dose should deliver about the same amount of caffeine as a cup of coffee.", None),
    # what a quotation says is not the news; a verb left without its object says nothing ("has released")
    ('Their website clearly states: "The product is odorless, colorless, and safe."', None),
    ("South Korea has released what it says is the first known footage of comfort women.", None),
    # a pronoun after the title's own subject stands for it; a name set off after a common noun stays
    (OFFICER, None),  # longer than MAX_WORDS: see the test below
    (RUNNER, "A former runner-up, Brittany Lewis, was awarded the Miss Delaware crown on Monday"),
]


@pytest.mark.parametrize("sentence, title", HEADLINES)
def test_a_key_point_is_made_a_headline_whole_or_not_at_all(parsed: dict[str, AnalyzedArticle], sentence: str, title: str | None) -> None:
    item = parsed[sentence]
    assert len(item.sentences) == 1
    made = titles.headline(item.sentences[0], item.article.text)
    assert made == title
    if made is not None:
        assert len(made.split()) <= titles.MAX_WORDS


def _story(source: str, title: str = "Zoo animals of the year in pictures", origin: str = "b.md") -> Story:
    return Story("s-1", title, ("a.md", "b.md"), title_source=source, title_article=origin)


def _items(parsed: dict[str, AnalyzedArticle], first: str, headline: str | None = None) -> list[AnalyzedArticle]:
    """Article a.md holding ``first`` (its headline ``headline``, else inferred) and b.md, an article of the story
    that no key point cites."""
    item = parsed[first]
    a = dataclasses.replace(item.article, id="a.md", title=headline or item.article.title, title_inferred=headline is None)
    b = Article("b.md", "Zoo animals of the year in pictures", "Pictures.", (Paragraph("Pictures.", 0),))
    return [AnalyzedArticle(a, item.sentences, item.mentions), AnalyzedArticle(b, (), ())]


def _summary(text: str) -> list[SummarySentence]:
    return [SummarySentence(Citation(text, "a.md", 0), 1.0)]


def test_the_title_is_the_first_key_points_headline_or_that_point_made_one(parsed: dict[str, AnalyzedArticle]) -> None:
    summary = _summary(RHINO)
    # a headline of an article no key point cites, and not the most central: the first key point makes the title
    assert titles.story_title(_story("headline"), _items(parsed, RHINO), summary, 1) == "Nola died Sunday at the San Diego Zoo"
    # the first key point's own article has a real headline: that headline
    real = "Last of her kind: Nola the rhino dies at San Diego Zoo"
    assert titles.story_title(_story("headline"), _items(parsed, RHINO, real), summary, 1) == real
    # grouping's headline of the most central article, or of one a key point cites, gives way to the first key point
    # made a headline when that point's own article has none: the summary ranks the point the story's news
    nola = "Nola died Sunday at the San Diego Zoo"
    assert titles.story_title(_story("headline-central"), _items(parsed, RHINO), summary, 1) == nola
    cited = [*_summary(RHINO), SummarySentence(Citation("Pictures.", "b.md", 0), 0.5)]
    assert titles.story_title(_story("headline"), _items(parsed, RHINO), cited, 2) == nola
    # and stays where the first key point makes none ("He addressed the crowd ...": who, the sentence before says)
    assert titles.story_title(_story("headline-central"), _items(parsed, LEANING), _summary(LEANING), 1) == _story("").title
    leaning = [*_summary(LEANING), SummarySentence(Citation("Pictures.", "b.md", 0), 0.5)]
    assert titles.story_title(_story("headline"), _items(parsed, LEANING), leaning, 2) == _story("").title


def test_an_editors_title_stays_and_a_point_that_makes_no_headline_keeps_groupings(parsed: dict[str, AnalyzedArticle]) -> None:
    editor = _story("editor", "Nola the rhino", "")
    assert titles.story_title(editor, _items(parsed, RHINO, "Zoo rhino dies"), _summary(RHINO), 1) == "Nola the rhino"
    lead = _story("lead", "Officials held a news conference on Monday", "a.md")
    assert titles.story_title(lead, _items(parsed, LEANING), _summary(LEANING), 1) == lead.title
    assert titles.story_title(lead, _items(parsed, RHINO), [], 0) == lead.title  # no summary


def test_the_stories_stage_does_not_run_grouping_code() -> None:
    """Titles are chosen in the stories stage: its cache keys follow the title rule, not the clustering code."""
    ours = cache.closure("briefgen.brief")[0]
    assert "briefgen.titles" in ours
    assert not any(m == "briefgen.group" or m.startswith("briefgen.group.") for m in ours)


def test_a_topic_named_by_its_storys_title_follows_the_final_title() -> None:
    one = Story("s-1", "Grouping's title", ("a.md",))
    two = Story("s-2", "Another", ("b.md",))
    topics = [Topic("t-1", "Grouping's title", ("s-1",)), Topic("t-2", "Sarah Palin, Alaska", ("s-2",))]
    out = follow_titles(topics, [one, two], {"s-1": "Final title", "s-2": "Palin resigns"})
    assert [t.title for t in out] == ["Final title", "Sarah Palin, Alaska"]


def _article(parsed: dict[str, AnalyzedArticle], text: str, name: str, headline: str | None = None) -> AnalyzedArticle:
    item = parsed[text]
    a = dataclasses.replace(item.article, id=name, title=headline or item.article.title, title_inferred=headline is None)
    return AnalyzedArticle(a, item.sentences, item.mentions)


def test_the_first_key_point_names_the_event_without_the_storys_names(parsed: dict[str, AnalyzedArticle]) -> None:
    """The summary ranks its first key point the story's news: made a headline that tells what happened, it names the
    event whether or not it carries one of the story's main names ("the Kellers", named by the other article only), so
    it is the title before another article's lead. Not when its own article has a news headline (that headline says it,
    step 2), nor when it points at what only its page shows ("this picture")."""
    # the Kellers are named in two articles of three: a main name of the story, which the first key point lacks
    items = [_article(parsed, PAYOUT, "a.md"), _article(parsed, KELLERS, "b.md"), _article(parsed, KELLERS, "c.md")]
    lead = Story("s-1", KELLERS.rstrip("."), ("a.md", "b.md", "c.md"), title_source="lead", title_article="b.md")
    assert titles.story_title(lead, items, _summary(PAYOUT), 1) == PAYOUT.rstrip(".")
    headed = [_article(parsed, PAYOUT, "a.md", "Texas to pay couple $3.4 million"), *items[1:]]
    assert titles.story_title(lead, headed, _summary(PAYOUT), 1) == KELLERS.rstrip(".")  # as before: the lead names them
    assert titles._first_point_titles(items, _summary(PAYOUT))
    assert not titles._first_point_titles(headed, _summary(PAYOUT))


def test_the_first_key_points_headline_ranks_above_another_articles_lead(parsed: dict[str, AnalyzedArticle]) -> None:
    """Where it names the event (``_first_point_titles``), the first key point's headline is taken before another
    candidate that names the event too, however long (up to MAX_TITLE_WORDS): here before the lead of another article,
    which names the story's main name but needs the sentences before it to say who he is."""
    items = [_article(parsed, ARRAIGNED, "a.md"), _article(parsed, HALLWAY, "b.md"), _article(parsed, HALLWAY, "c.md")]
    lead = Story("s-1", HALLWAY.rstrip("."), ("a.md", "b.md", "c.md"), title_source="lead", title_article="b.md")
    assert titles.LONG_TITLE_WORDS < len(ARRAIGNED.split()) <= titles.MAX_TITLE_WORDS
    assert titles.story_title(lead, items, _summary(ARRAIGNED), 1) == ARRAIGNED.rstrip(".")


def test_no_comma_is_left_between_a_subject_and_its_verb(parsed: dict[str, AnalyzedArticle]) -> None:
    """Without the age set off after the name, the comma that closed the aside goes too; a name set off by two commas
    keeps both. The same in a lead made a title by its words (``short_title``), where the home stays with the name."""
    made = titles.headline(parsed[AGE_HOME].sentences[0], AGE_HOME, titles.LONG_TITLE_WORDS)
    assert made == "Arnold Demoski of Nulato was arrested Saturday on suspicion of assault near the Iditarod trail"
    assert titles.short_title(AGE_HOME, titles.LONG_TITLE_WORDS) == made
    assert titles.short_title("John Smith, 45, of Boston, a retired teacher, was killed Sunday in a crash.", 28) == (
        "John Smith of Boston was killed Sunday in a crash"
    )
    runner = titles.headline(parsed[RUNNER_UP].sentences[0], RUNNER_UP, titles.LONG_TITLE_WORDS)
    assert runner == RUNNER_UP.rstrip(".")


def test_an_infinitive_set_off_by_a_comma_is_no_aside(parsed: dict[str, AnalyzedArticle]) -> None:
    """ "to ban the lessons" is what the board voted for, though the parse hangs it on the aside's noun: kept."""
    made = titles.headline(parsed[VOTED].sentences[0], VOTED, titles.LONG_TITLE_WORDS)
    assert made == VOTED.removeprefix("On Thursday, ").rstrip(".")  # the day said before the subject goes, as always


def test_a_key_point_that_names_the_event_whole_beats_a_lead_that_alludes_to_it(parsed: dict[str, AnalyzedArticle]) -> None:
    """Longer than MAX_WORDS, the first key point's main clause is still taken whole (up to LONG_TITLE_WORDS) before
    grouping's lead title from an article whose own lead the rule cannot check against the story."""
    items = [_article(parsed, JERSEYS, "a.md"), _article(parsed, ALLUDES, "b.md")]
    lead = Story("s-1", "Troy Tulowitzki has a tough name to spell", ("a.md", "b.md"), title_source="lead", title_article="b.md")
    title = titles.story_title(lead, items, _summary(JERSEYS), 1)
    assert title == JERSEYS.rstrip(".")
    assert titles.MAX_WORDS < len(title.split()) <= titles.LONG_TITLE_WORDS


def test_a_headline_without_the_storys_names_gives_way_to_a_key_point_with_them(parsed: dict[str, AnalyzedArticle]) -> None:
    """Nola and the San Diego Zoo are named in both articles: a headline naming neither ("Local zoo mourns a beloved
    animal") does not say whose story it is; the first key point made a headline does."""
    items = [_article(parsed, RHINO, "a.md", "Local zoo mourns a beloved animal"), _article(parsed, ZOO, "c.md")]
    story = Story("s-1", "Local zoo mourns a beloved animal", ("a.md", "c.md"), title_source="headline-central", title_article="a.md")
    assert titles.story_title(story, items, _summary(RHINO), 1) == "Nola died Sunday at the San Diego Zoo"
    # with the names, the writer's headline stays
    named = [_article(parsed, RHINO, "a.md", "Nola the rhino dies at San Diego Zoo"), _article(parsed, ZOO, "c.md")]
    assert titles.story_title(story, named, _summary(RHINO), 1) == "Nola the rhino dies at San Diego Zoo"


def test_a_lede_longer_than_a_headline_never_beats_a_news_headline(parsed: dict[str, AnalyzedArticle]) -> None:
    """A writer's headline without the story's main names (the Colorado Rockies, Coors Field) still reads as a
    headline; the first key point whole, over MAX_WORDS, reads as an article's opening: the headline is the title. A
    headline that asks is no such headline, and the key point whole stays."""
    plain = "Baseball team misspells its star's name on 15,000 giveaway jerseys"
    asks = "Did a baseball team misspell its star's name on 15,000 jerseys?"
    for headline, title in ((plain, plain), (asks, JERSEYS.rstrip("."))):
        items = [_article(parsed, JERSEYS, "a.md", headline), _article(parsed, ROCKIES, "c.md")]
        story = Story("s-1", headline, ("a.md", "c.md"), title_source="headline-central", title_article="a.md")
        assert titles.story_title(story, items, _summary(JERSEYS), 1) == title
    assert len(JERSEYS.split()) > titles.MAX_WORDS


def test_a_copula_or_a_question_names_no_event(parsed: dict[str, AnalyzedArticle]) -> None:
    names = frozenset({"nola", "san diego zoo"})
    care = titles._headline(parsed[CARE].sentences[0], CARE, titles.MAX_WORDS)
    rhino = titles._headline(parsed[RHINO].sentences[0], RHINO, titles.MAX_WORDS)
    assert care is not None and rhino is not None
    assert titles.names_event(care[0], care[1], names) == 1  # who and where, not what happened
    assert titles.names_event(rhino[0], rhino[1], names) == 2
    assert titles.names_event(rhino[0], rhino[1], frozenset({"sudan"})) == 0  # none of the story's names
    assert titles.names_event("Is Nola the last rhino of the San Diego Zoo?", titles._HEADLINE, names) == 1
    assert titles.names_event("Nola the rhino dies at San Diego Zoo", titles._HEADLINE, names) == 2


@pytest.mark.parametrize(
    ("lemma", "event"), [("take", True), ("make", True), ("kill", True), ("be", False), ("say", False), ("hope", False)]
)
def test_a_light_verb_names_an_event_in_a_title_but_a_state_or_a_saying_does_not(lemma: str, event: bool) -> None:
    verb = Token(lemma, lemma, "VERB", "VBD", "ROOT", 1, 0)  # "Protesters took over the building": a deed, unlike "is", "said"
    assert titles.names_event("Protesters in Kiev took over the building", verb, frozenset({"kiev"})) == (2 if event else 1)


def test_a_relative_pronoun_or_a_hyphen_does_not_break_a_headline(parsed: dict[str, AnalyzedArticle]) -> None:
    klan = titles.headline(parsed[KLAN].sentences[0], KLAN, titles.LONG_TITLE_WORDS)
    assert klan == "13 people are in custody following a violent altercation that left three people stabbed at a Klan rally"
    half = titles.headline(parsed[HALF].sentences[0], HALF, titles.LONG_TITLE_WORDS)
    # not "Prodigy -half of ...": and, longer than MAX_WORDS by the parse's words, without its day (the day phrase test)
    assert half == "Prodigy, one-half of the hip-hop duo Mobb Deep, died at the age of 42"


def test_a_headline_never_leaves_a_word_out_of_the_middle_of_its_clause(parsed: dict[str, AnalyzedArticle]) -> None:
    made = titles.headline(parsed[IPSWICH].sentences[0], IPSWICH, titles.LONG_TITLE_WORDS)
    assert made is None or "evening with his son-in-law" in made  # never "... evening his son-in-law has been rescued"


@pytest.mark.parametrize(
    "line",
    [
        "Click to email this to a friend (Opens in new window)",
        "Add a location to your Tweets",
        "WARNING: The video contains subject matter of a graphic nature that some may find offensive",
    ],
)
def test_share_links_and_viewer_warnings_are_no_headline(line: str) -> None:
    assert titles.title_problem(line) == "boilerplate"


def test_a_pronoun_standing_for_the_titles_own_subject_leans_on_nothing(parsed: dict[str, AnalyzedArticle]) -> None:
    made = titles.headline(parsed[OFFICER].sentences[0], OFFICER, titles.LONG_TITLE_WORDS)
    assert made == "A police officer in Detroit has died after he was shot in the head on Tuesday night"
    assert titles.headline(parsed[LEANING].sentences[0], LEANING, titles.LONG_TITLE_WORDS) is None  # "He addressed ..."
    # "it" never stands for a person named as the subject: "Pelosi rejected it" leans on what came before
    assert titles.headline(parsed[IT_REJECTED].sentences[0], IT_REJECTED, titles.LONG_TITLE_WORDS) is None
    assert titles.headline(parsed[IT_FOUND].sentences[0], IT_FOUND, titles.LONG_TITLE_WORDS) is not None
    # "he" stands only for a person: not the auction house; Youssef Zaghba, named before it as the object
    assert titles.headline(parsed[HOUSE_HE].sentences[0], HOUSE_HE, titles.LONG_TITLE_WORDS) is None
    assert titles.headline(parsed[NAMED_HE].sentences[0], NAMED_HE, titles.LONG_TITLE_WORDS) is not None


def test_a_guess_or_a_subject_that_leans_on_the_sentence_before_names_no_event(parsed: dict[str, AnalyzedArticle]) -> None:
    guess = titles._headline(parsed[GUESS].sentences[0], GUESS, titles.MAX_WORDS)
    pair = titles._headline(parsed[PAIR].sentences[0], PAIR, titles.MAX_WORDS)
    assert guess is not None and pair is not None
    assert titles.names_event(guess[0], guess[1], frozenset({"donald trump"})) == 1  # who, not what happened
    assert titles.names_event(pair[0], pair[1], frozenset({"perugia"})) == 1  # which pair?
    assert titles.names_event("Donald Trump will visit Perugia", titles._HEADLINE, frozenset({"perugia"})) == 2


def test_the_first_key_point_whole_up_to_the_longest_lead_beats_a_lead_that_leans(parsed: dict[str, AnalyzedArticle]) -> None:
    """Over LONG_TITLE_WORDS, the first key point's main clause (up to MAX_TITLE_WORDS, as grouping's longest lead) is
    tried last: it is the title when grouping's lead names no event ("The parents ... were watching")."""
    items = [_article(parsed, VAULTER, "a.md"), _article(parsed, PARENTS, "b.md")]
    lead = Story("s-1", PARENTS.rstrip("."), ("a.md", "b.md"), title_source="lead", title_article="b.md")
    title = titles.story_title(lead, items, _summary(VAULTER), 1)
    assert title.startswith("Austrian pole vaulter Kira Grunberg suffered severe spinal injuries")
    assert titles.LONG_TITLE_WORDS < len(title.split()) <= titles.MAX_TITLE_WORDS


def test_a_title_carries_an_accented_name_as_the_story_folds_it() -> None:
    from briefgen.text.claims import fold

    names = frozenset({fold("Erdoğan"), fold("Peña")})
    assert titles.names_event("Erdoğan wins the runoff vote", titles._HEADLINE, names) == 2
    assert titles.names_event("Peña Nieto visits Washington", titles._HEADLINE, names) == 2


def _sentence(rows: list[tuple[str, str, str, int]]) -> Sentence:
    """(text, pos, dep, head) per token."""
    from briefgen.models import Token

    toks, at = [], 0
    for text, pos, dep, head in rows:
        toks.append(Token(text, text.lower(), pos, "VBD" if pos == "VERB" else "NN", dep, head, at, False, ""))
        at += len(text) + 1
    text = " ".join(r[0] for r in rows)
    return Sentence(0, text, 0, len(text), 0, tuple(toks))


def test_a_title_cut_from_a_sentence_keeps_its_verb_subject_and_whole_last_phrase() -> None:
    from briefgen.titles import whole_clause

    swift = _sentence(  # "Midway through her set , the singer , 31 , played the new track ."
        [
            ("Midway", "ADV", "advmod", 9),
            ("through", "ADP", "prep", 0),
            ("her", "PRON", "poss", 3),
            ("set", "NOUN", "pobj", 1),
            (",", "PUNCT", "punct", 9),
            ("the", "DET", "det", 6),
            ("singer", "NOUN", "nsubj", 9),
            (",", "PUNCT", "punct", 6),
            ("31", "NUM", "appos", 6),
            ("played", "VERB", "ROOT", 9),
            ("the", "DET", "det", 12),
            ("new", "ADJ", "amod", 12),
            ("track", "NOUN", "dobj", 9),
            (".", "PUNCT", "punct", 9),
        ]
    )
    assert not whole_clause(swift, "Midway through her set 31, played the new track")  # the subject went as an aside
    assert whole_clause(swift, "Midway through her set, the singer played the new track")
    assert not whole_clause(swift, "The singer played the new")  # cut before the noun its last word belongs to
    study = _sentence(  # "Babies preserve memories during naps , a study suggests ."
        [
            ("Babies", "NOUN", "nsubj", 1),
            ("preserve", "VERB", "ccomp", 8),
            ("memories", "NOUN", "dobj", 1),
            ("during", "ADP", "prep", 1),
            ("naps", "NOUN", "pobj", 3),
            (",", "PUNCT", "punct", 8),
            ("a", "DET", "det", 7),
            ("study", "NOUN", "nsubj", 8),
            ("suggests", "VERB", "ROOT", 8),
            (".", "PUNCT", "punct", 8),
        ]
    )
    assert whole_clause(study, "Babies preserve memories during naps")  # who said it left out: the clause under it
    noun = _sentence(
        [
            ("The", "DET", "det", 2),
            ("Kansas", "PROPN", "compound", 2),
            ("Republican", "PROPN", "ROOT", 2),
            ("-", "PUNCT", "punct", 2),
            ("who", "PRON", "nsubj", 5),
            ("served", "VERB", "relcl", 2),
            ("years", "NOUN", "npadvmod", 5),
        ]
    )
    assert not whole_clause(noun, "The Kansas Republican - who served years")  # no verb heads it


def test_a_lead_that_trails_off_is_no_title() -> None:
    from briefgen.titles import lead_title

    text = "Less data-sharing among firms can actually lead to more collusion, economists ...\n\nThey say so."
    article = Article("t.txt", "t", text, (Paragraph(text.split("\n\n")[0], 0),), title_inferred=True)
    assert lead_title(SimpleNamespace(article=article, spans=((0, 0, len(text.split("\n\n")[0])),))) is None


def test_a_number_alone_is_no_headlines_subject() -> None:
    from briefgen.titles import headline

    rows = [
        ("Midway", "ADV", "advmod", 9),
        ("through", "ADP", "prep", 0),
        ("the", "DET", "det", 3),
        ("set", "NOUN", "pobj", 1),
        (",", "PUNCT", "punct", 3),
        ("the", "DET", "det", 6),
        ("singer", "NOUN", "appos", 3),
        (",", "PUNCT", "punct", 3),
        ("31", "NUM", "nsubj", 9),
        ("played", "VERB", "ROOT", 9),
        ("the", "DET", "det", 12),
        ("new", "ADJ", "amod", 12),
        ("track", "NOUN", "dobj", 9),
        (".", "PUNCT", "punct", 9),
    ]
    rows[0] = ("Midway", "ADV", "advmod", 8)  # the parse hung the opening phrase on the number
    sentence = _sentence(rows)
    assert headline(sentence, sentence.text) is None
    named = _sentence(
        [
            ("Police", "NOUN", "nsubj", 1),
            ("arrested", "VERB", "ROOT", 1),
            ("three", "NUM", "nummod", 3),
            ("men", "NOUN", "dobj", 1),
            ("in", "ADP", "prep", 1),
            ("Ohio", "PROPN", "pobj", 4),
            ("on", "ADP", "prep", 1),
            ("Monday", "PROPN", "pobj", 6),
            (".", "PUNCT", "punct", 1),
        ]
    )
    assert headline(named, named.text) == "Police arrested three men in Ohio on Monday"


def test_a_lead_title_grouping_cut_to_no_whole_clause_is_no_candidate(parsed: dict[str, AnalyzedArticle]) -> None:
    """Grouping cuts its lead titles by words, before any parse: "The charges that Wang faces" is what is left of a
    sentence whose verb it lost, so the rule does not offer it; the whole clause it does."""
    item = _article(parsed, CHARGES, "b.md")
    assert titles._lead_verb(item, "The charges that Wang faces") is None
    assert titles._lead_verb(item, "The charges that Wang faces carry a maximum sentence of life in prison") is not None


def test_a_lead_cut_of_its_main_clause_as_if_an_aside_lost_its_verb(parsed: dict[str, AnalyzedArticle]) -> None:
    """Grouping's cut by words took ", the government's pursuit ... intrigue," for an aside: what is left ("Suddenly
    now that ...") is found in its sentence all the same, and has lost the sentence's main verb."""
    item = _article(parsed, SUDDENLY, "c.md")
    cut = titles.short_title(SUDDENLY, titles.LONG_TITLE_WORDS)
    assert cut is not None and cut.startswith("Suddenly now that")
    assert titles._lead_sentence(item, cut) is item.sentences[0]
    assert titles._lost_verb(item, cut)
    assert not titles._lost_verb(item, "The government's seven-year pursuit of Renaissance Technologies is blanketed in political intrigue")


def test_a_lead_cut_to_no_whole_clause_gives_way_to_another_articles_whole_lead(parsed: dict[str, AnalyzedArticle]) -> None:
    """When nothing else makes a title, grouping's lead that the parse finds no whole clause ("The charges that Wang
    faces") is not kept: the story is titled by another article's lead that is one; with none, grouping's title stays."""
    items = [_article(parsed, CHARGES, "a.md"), _article(parsed, RHINO, "b.md")]
    cut = Story("s-1", "The charges that Wang faces", ("a.md", "b.md"), title_source="lead", title_article="a.md")
    # the first key point cites an article the story no longer holds: no step but grouping's offers a title
    quoted = [SummarySentence(Citation('"We will appeal," he said.', "z.md", 0), 1.0)]
    assert list(titles._candidates(cut, items, quoted)) == []
    title = titles.story_title(cut, items, quoted, 1)
    assert title != cut.title
    assert title == titles.lead_title(items[1])
    alone = [items[0]]
    assert titles.story_title(dataclasses.replace(cut, articles=("a.md",)), alone, quoted, 1) == cut.title


def test_a_lead_that_keeps_its_verb_of_saying_but_is_cut_before_what_was_said_gives_way(parsed: dict[str, AnalyzedArticle]) -> None:
    """ "The lawsuit says that lawyer John Smith" keeps the sentence's verb (the parse found no clause under it) but ends
    inside the clause "that" opens, before that clause's verb: it says nothing happened, and another article's whole
    lead titles the story."""
    sentence = _misparsed_lawsuit()
    article = Article("a.md", "", sentence.text, (Paragraph(sentence.text, 0),), title_inferred=True)
    items = [AnalyzedArticle(article, (sentence,), ()), _article(parsed, RHINO, "b.md")]
    cut = Story("s-1", "The lawsuit says that lawyer John Smith", ("a.md", "b.md"), title_source="lead", title_article="a.md")
    quoted = [SummarySentence(Citation('"We will appeal," he said.', "z.md", 0), 1.0)]
    assert titles._lead_verb(items[0], cut.title) is None
    assert titles._lost_verb(items[0], cut.title)
    assert not titles._lost_verb(items[0], "The lawsuit says that lawyer John Smith tried to leave")
    assert titles.story_title(cut, items, quoted, 1) == titles.lead_title(items[1])


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("The company moved its headquarters to Boston, Mass.", "The company moved its headquarters to Boston, Mass."),
        ("Bone-chilling cold gripped much of the U.S.", "Bone-chilling cold gripped much of the U.S."),
        ("The company moved its headquarters to Boston.", "The company moved its headquarters to Boston"),
    ],
)
def test_a_lead_ending_on_an_abbreviation_keeps_its_full_stop(sentence: str, title: str) -> None:
    """The sentence's last full stop is the abbreviation's own: "Vt", "U.S" read as cut off."""
    assert titles.short_title(sentence) == title


#: Subjects that lean on a sentence before: a pronoun after an interjection, a bare number, "the" with a common noun
#: and no name, a demonstrative.
LEANS = [
    "The tragic accident happened at about noon on the 23rd floor of a Brooklyn building.",
    "Sure, he earned a master's degree in computer science at age 17.",
    "Of the 12 people arrested on Saturday, seven were booked at the county jail.",
    "To the outside world, this brownstone probably seems like it has it all.",
]
#: Subjects that stand: a name the tagger may take for common words, a name, "a".
STANDS = [
    "The Metropolitan Police have defended a decision to downgrade an inquiry into the attack.",
    "Peter Madsen is to stand trial in Copenhagen over the death of a Swedish journalist.",
]
#: Another article's lead that names the event the first leaning lead alludes to.
BABY = "A baby died on Thursday when her stroller plunged down an empty elevator shaft in Brooklyn."
EXPECTED = "Madsen is expected to appear in court in Copenhagen on Tuesday."
TO_STAND = STANDS[1]
READ_ON = "Read on for the backstage reactions of the winners and the losers."
LABEL = "Talk about too many cooks in the kitchen: Mitt Romney's campaign needed 22 people to approve one tweet."
DOW = "The Dow Jones industrial average plunged more than 1,100 points Monday as stocks took their worst loss in six years."
SENATE = "The Senate passed a Republican budget plan early on Friday that seeks deep cuts in domestic spending over ten years."
LAWSUIT = "The lawsuit says that the lawyer John Smith, who signed the deal, tried to silence her."
STORM = "Flights were cancelled at the airport because of the storm."


@pytest.mark.parametrize("text", LEANS)
def test_a_title_whose_subject_leans_on_a_sentence_before_says_so(parsed: dict[str, AnalyzedArticle], text: str) -> None:
    item = parsed[text]
    lead = text.rstrip(".")
    assert titles._lead_verb(item, lead) is titles._LEANS
    assert titles._rank(lead, titles._LEANS, frozenset()) < titles._rank(lead, titles._NO_VERB, frozenset())


@pytest.mark.parametrize("text", STANDS)
def test_a_title_whose_subject_names_who_stands(parsed: dict[str, AnalyzedArticle], text: str) -> None:
    verb = titles._lead_verb(parsed[text], text.rstrip("."))
    assert verb is not None and verb is not titles._LEANS


def test_a_leaning_title_gives_way_to_another_articles_lead_that_names_the_event(parsed: dict[str, AnalyzedArticle]) -> None:
    """The only candidate leans ("The tragic accident ..."): the story takes the lead of another of its articles that
    stands and names the event; when no other article has one, the leaning title stays (precision first)."""
    accident = LEANS[0]
    items = [_article(parsed, accident, "a.md"), _article(parsed, BABY, "b.md")]
    story = Story("s-1", accident.rstrip("."), ("a.md", "b.md"), title_source="lead", title_article="a.md")
    summary = [SummarySentence(Citation(accident, "a.md", 0), 1.0)]
    assert titles.story_title(story, items, summary, 1) == BABY.rstrip(".")
    alone = dataclasses.replace(story, articles=("a.md",))
    assert titles.story_title(alone, items[:1], summary, 1) == accident.rstrip(".")
    # an article whose lead leans too gives nothing: the first candidate stays
    other = _article(parsed, LEANS[2], "c.md")
    both = dataclasses.replace(story, articles=("a.md", "c.md"))
    assert titles.story_title(both, [items[0], other], summary, 1) == accident.rstrip(".")


def test_a_forecast_names_no_event_and_a_plan_with_is_to_tells_its_verb(parsed: dict[str, AnalyzedArticle]) -> None:
    expected = titles._lead_verb(parsed[EXPECTED], EXPECTED.rstrip("."))
    planned = titles._lead_verb(parsed[TO_STAND], TO_STAND.rstrip("."))
    assert expected is not None and planned is not None
    assert titles.names_event(EXPECTED, expected, frozenset({"madsen"})) == 1  # "is expected to": a guess
    assert planned.lemma == "stand"  # "is to stand trial": as "will stand trial"
    assert titles.names_event(TO_STAND, planned, frozenset({"madsen"})) == 2


def test_a_lead_that_tells_the_reader_to_do_something_is_no_title(parsed: dict[str, AnalyzedArticle]) -> None:
    assert titles.lead_title(parsed[READ_ON]) is None
    # the imperative is a label before a colon, which the title leaves out
    assert titles.lead_title(parsed[LABEL]) == "Mitt Romney's campaign needed 22 people to approve one tweet"


@pytest.mark.parametrize(
    "headline, refused",
    [
        ("I TOLD YOU KAZAAM WAS A DIFFERENT MOVIE!", True),
        ("Why my town voted for the mayor again", True),
        ("Good Country Index is released, US not in the top 20", False),  # the country, in capitals
        ("Obama: I never said that about the bill", False),  # someone quoted after a colon
        ("Pope tells crowd 'I am a sinner' in Manila", False),  # a quotation
    ],
)
def test_a_headline_in_the_writers_own_voice_is_no_title(headline: str, refused: bool) -> None:
    text = "The article's text goes on here in Manila and elsewhere."
    article = Article("h.md", headline, text, (Paragraph(text, 0),))
    made = titles.real_headline(SimpleNamespace(article=article, spans=()))
    assert (made is None) == refused


@pytest.mark.parametrize(
    "sentence, title",
    [
        (
            "SINGAPORE/BEIJING Dennis Rodman arrived in North Korea on Tuesday for a visit.",
            "Dennis Rodman arrived in North Korea on Tuesday",
        ),
        ("PARIS An Algerian man was arrested in Paris on Sunday.", "An Algerian man was arrested in Paris on Sunday"),
        (
            "PRETORIA/KHARTOUM, Sudanese President Omar al-Bashir flew out of South Africa on Monday.",
            "Sudanese President Omar al-Bashir flew out of South Africa on Monday",
        ),
        ("WASHINGTON \u2015 The Senate voted on Tuesday to end the shutdown.", "The Senate voted on Tuesday to end the shutdown"),
    ],
)
def test_a_dateline_in_capitals_is_no_part_of_a_lead_title(sentence: str, title: str) -> None:
    article = Article("d.md", "", sentence, (Paragraph(sentence, 0),), title_inferred=True)
    made = titles.lead_title(SimpleNamespace(article=article, spans=((0, 0, len(sentence)),)))
    assert made is not None and made.startswith(title)


def test_an_aside_that_opens_a_quotation_is_not_cut_out() -> None:
    """Cut out, ", who likes to say," would leave the quotation as if Sheen's name ("Charlie Sheen “I’m an F-18 ..."):
    the sentence is taken whole or not at all."""
    sentence = "Charlie Sheen, who likes to say, “I’m an F-18, bro,” was moving slowly on Tuesday evening."
    assert titles.short_title(sentence, titles.LONG_TITLE_WORDS) == sentence.rstrip(".")
    assert titles.short_title("Nola, who was 41, died at the San Diego Zoo on Sunday.") == "Nola died at the San Diego Zoo on Sunday"


def _misparsed_lawsuit() -> Sentence:
    """ "The lawsuit says that lawyer John Smith tried to leave", parsed as the parser did on Multi-News: the name hung
    on the verb of saying as its object, the clause's verb on the name, no clause under "says"."""
    rows = [  # text, pos, tag, dep, head
        ("The", "DET", "DT", "det", 1),
        ("lawsuit", "NOUN", "NN", "nsubj", 2),
        ("says", "VERB", "VBZ", "ROOT", 2),
        ("that", "SCONJ", "IN", "prep", 2),
        ("lawyer", "NOUN", "NN", "compound", 6),
        ("John", "PROPN", "NNP", "compound", 6),
        ("Smith", "PROPN", "NNP", "dobj", 2),
        ("tried", "VERB", "VBD", "acl", 6),
        ("to", "PART", "TO", "aux", 9),
        ("leave", "VERB", "VB", "xcomp", 7),
    ]
    tokens, at = [], 0
    for text, pos, tag, dep, head in rows:
        tokens.append(Token(text, text.lower(), pos, tag, dep, head, at))
        at += len(text) + 1
    text = " ".join(r[0] for r in rows)
    return Sentence(0, text, 0, len(text), 0, tuple(tokens))


def test_a_lead_cut_inside_a_clause_before_its_verb_is_no_whole_clause(parsed: dict[str, AnalyzedArticle]) -> None:
    """A clause opened by "that" keeps its verb, or it was cut off ("... says that the lawyer John Smith"), also when
    the parse hangs the name on the verb of saying and the clause's verb on the name (as it did on Multi-News)."""
    sentence = parsed[LAWSUIT].sentences[0]
    assert not titles.whole_clause(sentence, "The lawsuit says that the lawyer John Smith")
    assert titles.whole_clause(sentence, "The lawsuit says that the lawyer John Smith tried to silence her")
    storm = parsed[STORM].sentences[0]  # "because of": a preposition, no clause to keep a verb of
    assert [t.tag for t in storm.tokens if t.text == "because"] == ["IN"]
    assert titles.whole_clause(storm, STORM.rstrip("."))
    misparsed = _misparsed_lawsuit()
    assert not titles.whole_clause(misparsed, "The lawsuit says that lawyer John Smith")
    assert titles.whole_clause(misparsed, "The lawsuit says that lawyer John Smith tried to leave")


def test_a_long_clause_taken_whole_leaves_out_the_day_it_happened(parsed: dict[str, AnalyzedArticle]) -> None:
    """Only past MAX_WORDS, only a phrase of a day (not a year: "in 1999" would make an old event today's)."""
    dow = titles.headline(parsed[DOW].sentences[0], DOW, titles.LONG_TITLE_WORDS)
    senate = titles.headline(parsed[SENATE].sentences[0], SENATE, titles.LONG_TITLE_WORDS)
    assert dow == "The Dow Jones industrial average plunged more than 1,100 points as stocks took their worst loss in six years"
    assert senate == "The Senate passed a Republican budget plan that seeks deep cuts in domestic spending over ten years"
    assert titles.headline(parsed[RHINO].sentences[0], RHINO) == "Nola died Sunday at the San Diego Zoo"  # short: kept


def test_a_title_keeps_a_states_full_stop() -> None:
    rows = [("Lane", "PROPN", "nsubj", 1), ("died", "VERB", "ROOT", 1), ("in", "ADP", "prep", 1), ("Charlottesville", "PROPN", "pobj", 2)]
    sentence = _sentence([*rows, (",", "PUNCT", "punct", 3), ("Va.", "PROPN", "appos", 3)])
    assert titles._join(list(range(6)), sentence.tokens, sentence.text) == "Lane died in Charlottesville, Va."


def test_who_said_it_goes_also_when_a_number_of_them_said_it() -> None:
    said = "Three people were killed in the crash on the highway, two witnesses said on Friday."
    assert titles.short_title(said) == "Three people were killed in the crash on the highway"


def test_when_no_title_carries_a_main_name_one_that_tells_what_happened_is_taken(parsed: dict[str, AnalyzedArticle]) -> None:
    """Elijah Silvera is the story's main name, in neither opening sentence: of the first key point, which tells a
    state ("No nurse was on duty at the preschool that day"), and grouping's lead of the other article, which tells an event
    ("City officials are investigating the death of a toddler ..."), the event is the title, though it comes later."""
    items = [_article(parsed, NO_NURSE, "a.md"), _article(parsed, TODDLER, "b.md")]
    lead = titles.lead_title(items[1])
    assert lead is not None and lead.startswith("City officials are investigating the death")
    story = Story("s-1", lead, ("a.md", "b.md"), title_source="lead", title_article="b.md")
    summary = [SummarySentence(Citation(items[0].sentences[0].text, "a.md", 0), 1.0)]
    assert titles.story_title(story, items, summary, 1) == lead
    state = titles._headline(items[0].sentences[0], items[0].article.text, titles.MAX_WORDS)
    assert state is not None and state[1].lemma == "be"
    names = frozenset({"elijah silvera"})
    assert titles._rank(state[0], state[1], names) == 0 < titles._rank(lead, titles._lead_verb(items[1], lead) or titles._NO_VERB, names)
