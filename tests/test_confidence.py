from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from briefgen.confidence import annotate, hedge, rate
from briefgen.config import BuildConfig
from briefgen.models import AnalyzedArticle, Article, Citation, Paragraph, Question, Sentence, SummarySentence, Token

WORDS = {"reportedly": ("ADV", "RB"), "may": ("AUX", "MD"), "believed": ("VERB", "VBN"), "is": ("AUX", "VBZ")}


def sentence(text: str, index: int = 0, offset: int = 0) -> Sentence:
    toks, pos = [], offset
    for w in text.rstrip(".").split():
        p, tag = WORDS.get(w, ("NOUN", "NN"))
        toks.append(Token(w, w.lower(), p, tag, "dep", 0, pos))
        pos += len(w) + 1
    if text.endswith("."):
        toks.append(Token(".", ".", "PUNCT", ".", "punct", 0, pos - 1))
    return Sentence(index, text, offset, offset + len(text), 0, tuple(toks))


def article(id_: str, texts: list[str], url: str | None = None, source: str | None = None) -> AnalyzedArticle:
    sents, offset = [], 0
    for i, t in enumerate(texts):
        sents.append(sentence(t, i, offset))
        offset += len(t) + 1
    text = " ".join(texts)
    return AnalyzedArticle(Article(id_, id_, text, (Paragraph(text, 0),), url=url, source=source), tuple(sents), ())


def summary_of(item: AnalyzedArticle, index: int = 0) -> SummarySentence:
    s = item.sentences[index]
    return SummarySentence(Citation(s.text, item.article.id, s.index), 1.0)


FACT = "Navy commandos captured pirates near Aden port today."
SAME = "Commandos of the navy captured pirates near Aden port."
OTHER = "Weather stayed calm over the capital."


def test_sources_are_counted_by_outlet_source_then_site_and_an_unknown_outlet_stands_alone() -> None:
    from briefgen.text.sources import Independence, count, outlets

    arts = [
        Article("a.txt", "t", "", (), source="Reuters "),
        Article("b.txt", "t", "", (), source="reuters"),
        Article("c.txt", "t", "", (), url="https://www.bbc.co.uk/news/1"),
        Article("d.txt", "t", "", (), url="https://bbc.co.uk/2"),
        Article("e.txt", "t", "", ()),
        Article("f.txt", "t", "", ()),
    ]
    assert outlets(arts) == {"a.txt": "reuters", "b.txt": "reuters", "c.txt": "bbc", "d.txt": "bbc", "e.txt": "", "f.txt": ""}
    assert count([a.id for a in arts], Independence(outlets(arts), {})) == 4


def test_two_outlets_carrying_a_fact_make_it_high() -> None:
    a, b = article("a.md", [FACT], url="https://a.example/1"), article("b.md", [SAME], url="https://b.example/2")
    (s,) = annotate([summary_of(a)], [], [a, b])
    assert s.confidence == "high" and "2 independent sources" in s.confidence_reason


@pytest.mark.parametrize(
    ("other", "said"),
    [
        (article("b.md", [FACT], url="https://b.example/2"), "one source only"),  # the same wire copy, republished
        (article("b.md", [SAME], url="https://www.a.example/9"), "one source only"),  # the same outlet
        # another outlet, another fact: what was checked, not a count of what was not found
        (article("b.md", [OTHER], url="https://b.example/2"), "no other independent source in this story was found stating it"),
    ],
)
def test_copies_same_outlet_and_other_facts_do_not_corroborate(other: AnalyzedArticle, said: str) -> None:
    a = article("a.md", [FACT], url="https://a.example/1")
    (s,) = annotate([summary_of(a)], [], [a, other])
    assert s.confidence == "moderate" and said in s.confidence_reason
    assert ("one source only" in s.confidence_reason) == (said == "one source only")


_CLAIM = "Navy commandos captured twelve pirates near the port of Aden on Monday."
_HEDGED = "Navy commandos reportedly captured twelve pirates near the port of Aden on Monday."
_CLOSE = "The navy said its commandos had trained near the port of Aden for a week."  # close to the claim, not the claim
_FAR = "Shipping firms welcomed the news from Aden."  # nothing close


@pytest.mark.parametrize(
    ("fact", "other", "label"),
    [
        (_CLAIM, _CLOSE, ""),
        (_CLAIM, "Twelve pirates were detained by navy commandos near Aden on Monday.", "high"),  # the claim: a second source
        (_CLAIM, _FAR, "moderate"),  # no other source states it
        (_HEDGED, _CLOSE, ""),  # low without another source, moderate with one: which, a guess
        (_HEDGED, _FAR, "low"),
    ],
)
def test_a_close_sentence_of_another_source_that_cannot_be_matched_leaves_the_point_unlabelled(
    seed_config: BuildConfig, fact: str, other: str, label: str
) -> None:
    """'No other source was found stating it' is said only where no sentence of another independent source holds a
    fifth of the point's words (weighted by rarity): where one does, it may state it in other words, and the point is
    shown without a label rather than with a wrong one (``confidence.UNRATED``). So for a hedged point: low with no
    other source found, moderate with one."""
    from briefgen.analyze import analyze
    from briefgen.confidence import UNRATED

    arts = [Article(k, k, t, (Paragraph(t, 0),), url=f"https://{k[0]}.example/1") for k, t in (("a.md", fact), ("b.md", other))]
    a, b = analyze(arts, seed_config)
    (s,) = annotate([summary_of(a)], [], [a, b])
    assert s.confidence == label
    assert (s.confidence_reason == UNRATED) == (label == "")


def test_a_report_that_names_the_other_outlet_as_its_source_is_not_a_second_source(seed_config: BuildConfig) -> None:
    """A sentence that has its claim from the point's outlet ("..., Fox News reported"), or a point that has it from
    the other article's outlet, relays one report: one source, not two (``confidence.relayed``)."""
    from briefgen.analyze import analyze

    fact = "Navy commandos captured twelve pirates near the port of Aden on Monday."
    for own, other, label in (
        (fact, "Twelve pirates were detained by navy commandos near Aden on Monday, Fox News reported.", "not high"),
        (fact.removesuffix(".") + ", CNN reported.", "Twelve pirates were detained by navy commandos near Aden on Monday.", "not high"),
        (fact, "Twelve pirates were detained by navy commandos near Aden on Monday, officials said.", "high"),
    ):
        arts = [
            Article("a.md", "a", own, (Paragraph(own, 0),), source="Fox News"),
            Article("b.md", "b", other, (Paragraph(other, 0),), source="CNN"),
        ]
        a, b = analyze(arts, seed_config)
        (s,) = annotate([summary_of(a)], [], [a, b])
        assert (s.confidence == "high") == (label == "high"), (own, other, s.confidence_reason)


@pytest.mark.parametrize(
    ("own", "other_date", "label"),
    [
        ("Navy commandos captured twelve pirates near the port of Aden on Monday.", "2024-05-05", "not high"),  # the day before
        ("Navy commandos captured twelve pirates near the port of Aden on Monday.", "2024-05-06", "high"),  # that day
        ("Navy commandos captured twelve pirates near the port of Aden on Monday.", None, "high"),  # undated: who knows
        # a day inside a quotation is its speaker's, and a plan's day is to come: neither dates the deed
        ('The ministry said: "Navy commandos captured twelve pirates near the port of Aden on Monday."', "2024-05-05", "high"),
        ("Navy commandos are set to capture twelve pirates near the port of Aden on Monday.", "2024-05-05", "high"),
    ],
)
def test_an_article_published_before_the_day_a_point_tells_of_is_no_second_source(
    seed_config: BuildConfig, own: str, other_date: str | None, label: str
) -> None:
    """A point that tells what was done on a day ("on Monday", read against its article's date, Tuesday 7 May 2024) is
    not backed by an article published before that day: a preview, not a report of it (``confidence.event_day``)."""
    from briefgen.analyze import analyze

    other = "Twelve pirates were detained by navy commandos near Aden on Monday."
    if "set to" in own:
        other = "Twelve pirates are set to be detained by navy commandos near Aden on Monday."
    arts = [
        Article("a.md", "a", own, (Paragraph(own, 0),), source="Fox News", date="2024-05-07"),
        Article("b.md", "b", other, (Paragraph(other, 0),), source="CNN", date=other_date),
    ]
    a, b = analyze(arts, seed_config)
    (s,) = annotate([summary_of(a)], [], [a, b])
    assert (s.confidence == "high") == (label == "high"), s.confidence_reason


def test_hedging_lowers_the_label() -> None:
    hedged = "Navy commandos reportedly captured pirates near Aden port today."
    a, b = article("a.md", [hedged], url="https://a.example/1"), article("b.md", [SAME], url="https://b.example/2")
    (alone,) = annotate([summary_of(a)], [], [a])
    (backed,) = annotate([summary_of(a)], [], [a, b])
    assert alone.confidence == "low" and "reportedly" in alone.confidence_reason
    assert backed.confidence == "moderate" and "reportedly" in backed.confidence_reason


def test_hedge_finds_modals_and_passive_belief_but_not_plain_text() -> None:
    assert hedge(sentence("Pirates may hold hostages.")) == "may"
    assert hedge(sentence("Pirates captured hostages.")) is None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The plan appears to have failed.", "appears"),
        ("The statement seemed certain to open the door to another round of threats.", "seemed"),  # its adjective's verb
        ("Republicans appear ready to return fire with a bomb of their own.", "appear"),
        ("The senator seemed tired after the vote.", None),  # how he seemed, no deed guessed at
        ("The mayor appeared at the rally on Monday.", None),  # came out in public
        # "be" with an adjective that forecasts the deed after it: a guess at what will happen
        ("Mark Philippoussis is almost certain to miss the Australian Open.", "certain"),
        ("Today's incident is bound to prompt a more serious interest in their work.", "bound"),
        ("The Dutchman's presence is sure to add spice to the fixture.", "sure"),
        ("He is sure that the plan will work.", None),  # a belief of his, no deed forecast
        ("If you go to San Francisco, be sure to wear a flower in your hair.", None),  # an instruction
        ("The two sides are bound by a treaty signed in 1990.", None),  # tied by it, nothing after it
    ],
)
def test_seem_appear_and_a_forecast_hedge_a_deed_after_them(seed_config: BuildConfig, text: str, word: str | None) -> None:
    from briefgen.analyze import analyze

    (item,) = analyze([Article("a.md", "a", text, (Paragraph(text, 0),))], seed_config)
    assert hedge(item.sentences[0]) == word


def test_a_statement_over_several_sentences_is_labelled_by_all_of_them() -> None:
    """A quotation that runs over two sentences is one summary statement: a hedge in its second sentence counts."""
    first, second = '"Pirates captured the ship.', 'Pirates may hold hostages," the navy said.'
    a = article("a.md", [first, second, "The navy said nothing more."])
    whole = SummarySentence(Citation(f"{first} {second}", "a.md", 0), 1.0)
    assert [x.index for x in whole.citation.sentences(a.sentences)] == [0, 1]
    assert [x.index for x in summary_of(a).citation.sentences(a.sentences)] == [0]
    (s,) = annotate([whole], [], [a])
    assert s.confidence == "low" and "may" in s.confidence_reason


def test_evidence_of_a_disputed_question_is_low_whatever_its_sources() -> None:
    a, b = article("a.md", [FACT], url="https://a.example/1"), article("b.md", [SAME], url="https://b.example/2")
    q = Question("Did navy commandos capture pirates?", "disputed", (Citation(FACT, "a.md", 0),))
    (s,) = annotate([summary_of(a)], [q], [a, b])
    assert s.confidence == "low" and q.question in s.confidence_reason and "disputed" in s.confidence_reason


def test_rate_covers_every_combination_with_a_reason() -> None:
    q = Question("How many?", "conflicting", ())
    for sources in (1, 2, 5):
        for hedged in (None, "may"):
            for question in (None, q):
                label, reason = rate(sources, hedged, question)
                assert label in ("high", "moderate", "low") and reason.startswith(label.capitalize())
                assert (label == "high") == (sources > 1 and not hedged and question is None)


def test_seed_summary_is_rated_and_disputed_evidence_is_low(seed_analyzed: list[AnalyzedArticle], seed_config: BuildConfig) -> None:
    from briefgen.questions import open_questions
    from briefgen.summarize import summarize

    summary = summarize(seed_analyzed, seed_config)
    qs = open_questions(seed_analyzed, dataclasses.replace(seed_config, max_questions=50), summary=summary)
    rated = annotate(summary, qs, seed_analyzed)
    assert [s.citation for s in rated] == [s.citation for s in summary]
    assert all(s.confidence in ("high", "moderate", "low", "") and s.confidence_reason for s in rated)  # "": UNRATED
    disputed = {(c.article, c.sentence) for q in qs if q.kind == "disputed" for c in q.evidence}
    in_summary = [s for s in rated if (s.citation.article, s.citation.sentence) in disputed]
    assert in_summary and all(s.confidence == "low" for s in in_summary)


def test_confidence_module_does_not_load_spacy() -> None:
    code = "import sys, briefgen.confidence; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_story_page_shows_the_label_with_its_reason_on_focus() -> None:
    from briefgen.models import Story, StoryBrief

    from .conftest import story_page

    a = article("a.md", [FACT], url="https://a.example/1")
    (s,) = annotate([summary_of(a)], [], [a])
    s = dataclasses.replace(s, confidence_reason='One source "only" <b>')
    page = story_page(StoryBrief(Story("s-1", "Pirates", ("a.md",)), (s,), (), ()), a.article)
    # focusable (a tap or the keyboard shows the reason, not only a hover), the reason escaped
    assert (
        '<span class="bg-conf bg-conf-moderate" tabindex="0" aria-label="moderate confidence: One source &#34;only&#34; &lt;b&gt;">'
        'moderate confidence<span class="bg-conf-why" aria-hidden="true" data-pagefind-ignore>'
        "One source &#34;only&#34; &lt;b&gt; "
    ) in page


# --- real parses: what the main claim is, for hedges, allegations and corroboration -------------------------------


@pytest.fixture(scope="module")
def parsed(seed_config: BuildConfig):
    """Parse one-sentence texts with the project's model (loaded once): their first sentences."""
    from briefgen.analyze import analyze

    def make(*texts: str) -> list[Sentence]:
        arts = [Article(f"a{i}.txt", "t", t, (Paragraph(t, 0),)) for i, t in enumerate(texts)]
        return [a.sentences[0] for a in analyze(arts, seed_config)]

    return make


def test_a_hedge_or_accusation_in_a_side_clause_leaves_the_main_claim_plain(parsed) -> None:
    from briefgen.confidence import allegation

    side, plain, second, killed, accused = parsed(
        "A lot of people bought it, perhaps because it was still March 31 when the company sent the tweet.",
        "The driver reportedly fled the scene.",
        "The two officers are in good condition and are expected to survive.",
        "Gunmen killed the reporter on Monday, accusing him of spying.",
        "Prosecutors accused the mayor of taking bribes.",
    )
    assert hedge(side) is None and hedge(plain) == "reportedly"
    assert hedge(second) == "expected"  # a second main verb is part of the claim
    assert allegation(killed) is None and allegation(accused) == "accused"


def test_a_claim_is_an_allegation_only_where_it_tells_what_is_claimed(parsed) -> None:  # type: ignore[no-untyped-def]
    """'jobless claims' and 'claimed ten lives' allege nothing; 'claimed that ...', 'claims of fraud' do."""
    from briefgen.confidence import allegation
    from briefgen.text.hedges import reported

    jobless, lives, that, of = parsed(
        "Initial jobless claims fell to 473,000 last week, the lowest since March 2020.",
        "The storm claimed ten lives in the province.",
        "The candidate claimed that the vote was rigged.",
        "Claims of fraud spread quickly after the vote.",
    )
    assert allegation(jobless) is None and not reported(jobless)
    assert allegation(lives) is None
    assert allegation(that) == "claimed" and allegation(of) == "Claims"


def test_another_source_backs_the_main_claim_in_other_words_but_not_a_side_remark(parsed) -> None:
    from briefgen.text.claims import AGREE, _cosine, agree, claim

    poe, convicted, knowles, booked, other = (
        claim(s)
        for s in parsed(
            "Poe said that Brock Turner, a swimmer convicted of assaulting a woman in 2015, should face tougher penalties.",
            "Turner was convicted of assaulting a woman in 2015.",
            "Over the weekend, Keith Knowles turned himself in to Broward Sheriff's detectives.",
            "Keith Knowles Jr., 27, turned himself in to Fort Lauderdale police and was booked into jail on Sunday after "
            "detectives circulated security camera video from four pharmacies that were robbed in June, according to the arrest report.",
            "Keith Knowles was seen on security camera video at four stores, detectives said.",
        )
    )
    assert not agree(poe, convicted)  # the conviction is an apposition; Poe's claim is the penalties
    assert agree(knowles, booked) and _cosine(knowles.units, booked.units) < AGREE  # "turned himself in", in more words
    assert not agree(knowles, other)


def test_a_lede_is_backed_by_another_outlets_lede_only_where_it_states_the_ledes_claim() -> None:
    """Two ledes of one day naming the story's main participant report one event (``summarize.same_ledes``: the summary
    tells it once), but the label counts the other's outlet only where its lede states this lede's claim
    (``claims.lede_agree``), not where it tells another part of the day ("Reed celebrated his win" for "Lopez was
    beaten"); another day's lede, or a later sentence, never."""
    from briefgen.summarize import candidates, lede_sources, lede_statements

    from .test_summarize import primary_story

    def rated(items: list[AnalyzedArticle], index: int = 0) -> SummarySentence:
        (s,) = annotate([summary_of(items[0], index)], [], items, ledes=lede_statements(items, candidates(items)))
        return s

    items = primary_story()
    assert lede_sources(items, candidates(items)) == {("a.txt", 0): frozenset({"b.txt"}), ("b.txt", 0): frozenset({"a.txt"})}
    lede = rated(items)  # the other lede tells the winner's side: only the loser's name in common
    assert lede.sources == 1 and lede.confidence == ""  # not a second source; close enough that none is claimed either
    told = primary_story(lede="Maria Lopez, a senator for four terms, was beaten on Tuesday night by a school teacher from Ohio.")
    assert annotate([summary_of(told[0])], [], told)[0].sources == 2  # the same claim: found without the ledes too
    both = rated(told)
    assert both.sources == 2 and both.confidence == "high"  # counted once, however many rules find it
    assert rated(told, 1).sources == 1  # not a lede: as before
    assert rated(primary_story(day="Monday")).sources == 1


def test_lede_agree_needs_shared_words_at_the_lede_cosine() -> None:
    from briefgen.text.claims import LEDE_AGREE, SHARED, Claim, lede_agree

    def of(*words: str) -> Claim:
        return Claim(frozenset(), frozenset(), frozenset(words), frozenset(), False, False)

    a = of("house", "pass", "voting", "rights", "bill", "friday", "ethics", "reform")
    assert lede_agree(a, of("house", "pass", "voting", "rights", "legislation", "measure", "barrier", "ballot"))  # 4 of 8: 0.5
    assert not lede_agree(a, of("house", "pass", "senate", "debate", "vote", "week", "republicans", "budget"))  # 2 shared
    wide = of("house", "pass", "voting", *(f"w{k}" for k in range(40)))  # 3 shared among 43: below the cosine
    assert SHARED == 3 and not lede_agree(a, wide) and LEDE_AGREE > 3 / (8 * 43) ** 0.5


def test_a_hedge_in_a_participial_clause_keeps_a_sentence_from_high_but_one_source_is_not_low(parsed) -> None:
    from briefgen.text.hedges import side_hedge

    pivot, reason, relative, plain, nested = parsed(
        "Trump then pivoted to Clinton, apparently referring to the FBI's investigation into her use of a private email server.",
        "A lot of people bought it, perhaps because it was still March 31 when the company sent the tweet.",
        "The doctor faces charges involving babies allegedly born alive.",
        "Trump then pivoted to Clinton, referring to the FBI's investigation into her use of a private email server.",
        "More than three-quarters of Republican-led states plan to end an extra $300-a-week in federal jobless benefits "
        "early, as unemployment claims reached a new pandemic low, likely triggering a decrease in the number of benefits "
        "recipients this summer.",
    )
    assert hedge(pivot) is None and side_hedge(pivot) == "apparently"  # the reference is what the sentence tells
    assert side_hedge(reason) is None and side_hedge(relative) is None and side_hedge(plain) is None
    assert side_hedge(nested) is None  # a forecast hung on a clause of time ("as claims reached ..."), not on the plan
    assert rate(3, None, None, partly="apparently")[0] == "moderate" and "apparently" in rate(3, None, None, partly="apparently")[1]
    assert rate(1, None, None, partly="apparently")[0] == "moderate"  # its main claim is plain: one source is no hedge
    assert rate(3, None, None)[0] == "high"


def test_the_same_deed_done_to_the_same_one_in_other_words_is_a_second_source(seed_config: BuildConfig) -> None:
    """Two outlets that tell one action on the same one in their own words ("has been fired" / "was fired") are two
    sources; another action on the same one, or the same action on another, is not the same claim."""
    from briefgen.analyze import analyze

    texts = {
        "a.md": "Peter Strzok, who was removed from the special counsel's team last year, has been fired from the bureau.",
        "b.md": "The F.B.I. fired Peter Strzok on Friday over the text messages, his lawyer said.",
        "c.md": "Peter Strzok was questioned by the inspector general for hours about the text messages.",
        "d.md": "The bureau fired Lisa Page, a lawyer, over the text messages last year.",
    }
    arts = [Article(k, k, t, (Paragraph(t, 0),), url=f"https://{k[0]}.example/1") for k, t in texts.items()]
    a, b, c, d = analyze(arts, seed_config)
    assert annotate([summary_of(a)], [], [a, b])[0].sources == 2
    assert annotate([summary_of(a)], [], [a, b])[0].confidence == "high"
    assert annotate([summary_of(a)], [], [a, c])[0].sources == 1  # another deed
    assert annotate([summary_of(a)], [], [a, d])[0].sources == 1  # the same deed done to another


def test_a_speakers_words_quoted_by_two_outlets_are_one_statement_reported_twice(parsed) -> None:
    """Six words in a row inside quotation marks in both: the same statement, however the rest is worded; a short shared
    phrase (a title, a catchword) is not."""
    from briefgen.text.claims import agree, claim

    ad, split, title, other = (
        claim(s)
        for s in parsed(
            "\"I'm not ashamed to admit that I'm a Christian, but you don't need to be in the pew every Sunday to "
            "know there's something wrong in this country,\" says Perry in the new ad.",
            "\u201cBut you don\u2019t need to be in the pews every Sunday to know that there\u2019s something wrong in "
            "this country,\u201d the Texas governor continues in the commercial.",
            'The headline on the magazine cover reads "The Queen of Rage" in white letters.',
            'Critics called the cover "The Queen of Rage" stunt sexist and demeaning to women.',
        )
    )
    assert ad.quoted & split.quoted and agree(ad, split)
    assert not title.quoted and not agree(title, other)


def test_a_detail_only_one_outlet_gives_is_not_backed_by_another_ordinal(parsed) -> None:
    """ "The fourth person charged" and "the first official to face charges" are two facts (ordinals against each other),
    though they share the inquiry and its names."""
    from briefgen.text.claims import agree, claim

    fourth, first = (
        claim(s)
        for s in parsed(
            "He was the fourth person charged in the investigation of Robert Mueller, the special counsel.",
            "Flynn pleaded guilty on Friday in special counsel Robert Mueller's investigation, becoming the first "
            "former administration official to face charges in the investigation.",
        )
    )
    assert fourth.ordinals == {"fourth"} and first.ordinals == {"first"}
    assert not agree(fourth, first)


def test_a_quoted_title_is_no_statement(parsed) -> None:
    """A quoted title ("Take Me Out to the Ball Game", seven words) names a work, it states nothing: two sentences that
    quote it are not backed by it; the same words quoted as what someone said are."""
    from briefgen.text.claims import claim

    title, said = (
        claim(s)
        for s in parsed(
            'The champion swimmer starred in "Take Me Out to the Ball Game" with Gene Kelly in 1949.',
            'The coach told his players: "take me out to the ball game tonight."',
        )
    )
    assert not title.quoted
    assert ("take", "me", "out", "to", "the", "ball") in said.quoted


#: One fact in other words (a verb and its nominalisation, few words in common), and near misses that change one thing:
#: another bill, another committee, another day, another deed.
APPROVED = (
    "The Senate Finance Committee approved the highway bill on Tuesday, despite loud objections from the White House and several governors."
)
APPROVAL = (
    "On Tuesday, after a long and bitter debate among its members, the Senate Finance Committee announced its approval of the highway bill."
)
NEAR_APPROVAL = (
    APPROVAL.replace("highway", "farm"),
    APPROVAL.replace("the Senate Finance", "the House Rules"),
    APPROVAL.replace("Tuesday", "Monday"),
    APPROVAL.replace("approval", "rejection"),
)


def test_one_fact_in_other_words_is_one_fact_for_the_summary_and_a_second_source_for_the_label(parsed, seed_config: BuildConfig) -> None:  # type: ignore[no-untyped-def]
    """``claims.restates`` is the one rule of "the same fact in other words": the summary's ``same_fact`` and the label's
    ``agree`` both read it, so the approval told as a verb by one outlet and as a noun by another is told once and backs
    the label, and a change of bill, committee, day or deed is neither."""
    from briefgen.analyze import analyze
    from briefgen.text.claims import agree, claim, restates, same_fact

    denied, admitted = (
        claim(s)
        for s in parsed(
            "Senator Maria Lopez denied any wrongdoing in the campaign finance case that prosecutors brought last spring.",
            "Senator Maria Lopez admitted wrongdoing in the campaign finance case on Tuesday, her lawyer told reporters.",
        )
    )
    assert not restates(denied, admitted)  # "deny" turns its object around: the deed is the denial
    approved, approval, *near = (claim(s) for s in parsed(APPROVED, APPROVAL, *NEAR_APPROVAL))
    assert restates(approved, approval) and same_fact(approved, approval) and agree(approved, approval)
    for other in near:
        assert not restates(approved, other) and not same_fact(approved, other) and not agree(approved, other)
    arts = [Article(k, k, t, (Paragraph(t, 0),), url=f"https://{k[0]}.example/1") for k, t in (("a.md", APPROVED), ("b.md", APPROVAL))]
    a, b = analyze(arts, seed_config)
    rated = annotate([summary_of(a)], [], [a, b])[0]
    assert (rated.sources, rated.confidence) == (2, "high")


#: One telling figure of a main claim told by two outlets with other verbs ("added" / "created"), and near misses:
#: another figure, a hedge, a plan, the figure of another thing, a figure far from the main verb.
ADDED = (
    "Employers added just 194,000 jobs in September, a second straight tepid gain and evidence that the pandemic still "
    "has a grip on the economy."
)
CREATED = "America's recovery hit a roadblock last month: businesses created only 194,000 new jobs, the government reported on Friday."
NEAR_CREATED = (
    CREATED.replace("194,000", "195,000"),
    "Businesses may have created only 194,000 new jobs last month, economists said on Friday.",
    "Businesses will create only 194,000 new jobs next month, economists said on Friday.",
    "The union said that 194,000 members had signed the petition against the plan by Friday.",
)
FAR_FIGURE = (
    "Pelosi struck a compromise with moderate Democrats on the path forward to a vote on the resolution that the party "
    "wrote to spend $3.5 trillion."
)


def test_a_telling_figure_of_the_main_claim_told_in_other_words_backs_the_label(parsed, seed_config: BuildConfig) -> None:  # type: ignore[no-untyped-def]
    """``claims.gives_figure``: another outlet's sentence that gives the main claim's telling figure (194,000, near its
    verb), all its numbers and a word of it ("jobs") states it, whatever its verb ("created" for "added"), so the
    label counts it; another figure, a hedge, a plan or the figure of something else does not, and a figure far down a
    side phrase is no figure of the main claim."""
    from briefgen.analyze import analyze
    from briefgen.text.claims import agree, claim, gives_figure

    added, created, *near = (claim(s) for s in parsed(ADDED, CREATED, *NEAR_CREATED))
    assert added.figures == {"194000"} and gives_figure(added, created) and agree(added, created)
    for other in near:
        assert not agree(added, other)
    (far,) = (claim(s) for s in parsed(FAR_FIGURE))
    assert "3.5e+12" in far.numbers and not far.figures
    arts = [Article(k, k, t, (Paragraph(t, 0),), url=f"https://{k[0]}.example/1") for k, t in (("a.md", ADDED), ("b.md", CREATED))]
    a, b = analyze(arts, seed_config)
    rated = annotate([summary_of(a)], [], [a, b])[0]
    assert (rated.sources, rated.confidence) == (2, "high")


#: One exact figure in two outlets' words (Multi-News validation row 242's shape), and near misses: a round figure,
#: another figure, no name of the main claim, a denial.
CHECK = (
    "Aaron Klein, co-owner of the shuttered Sweet Cakes by Melissa, handed over a check for $136,927.07 at the "
    "Portland office, agency spokesman Charlie Burr said."
)
PAYMENT = "Charlie Burr told KOIN 6 News the agency received a payment of $136,927.07 from Aaron Klein on Monday."
NEAR_PAYMENT = (
    "Charlie Burr told KOIN 6 News the agency received a payment of $136,928.07 from Aaron Klein on Monday.",
    "The agency received a payment of $136,927.07 on Monday, a spokesman told KOIN 6 News.",
    "Charlie Burr said Aaron Klein did not pay the $136,927.07 the agency ordered.",
)


def test_an_exact_figure_of_the_main_claim_with_its_name_backs_the_label(parsed) -> None:  # type: ignore[no-untyped-def]
    """``claims.exact_figure``: "$136,927.07" (four significant digits or more, not a year) and Klein in both: one fact
    in other words ("handed over a check" / "received a payment"); not another figure, nor the figure without a name of
    the main claim, nor a denial of it. A round figure is none (``claims._exact``)."""
    from briefgen.text.claims import _exact, agree, claim, exact_figure

    check, payment, *near = (claim(s) for s in parsed(CHECK, PAYMENT, *NEAR_PAYMENT))
    assert exact_figure(check, payment) and agree(check, payment)
    for other in near:
        assert not agree(check, other)
    assert [_exact(n) for n in ("136927", "2174", "1500", "300000000", "2021", "76")] == [True, True, False, False, False, False]


@pytest.mark.parametrize(
    ("claimed", "backing", "others"),
    [
        (  # the same rise of one index in other words; not another thing's rise, a rise that could be, or another figure
            "The Consumer Price Index, which tracks the cost of a variety of consumer goods as well as housing and energy "
            "prices, has risen 4.2 percent from a year ago, notably higher than the estimated 3.6 percent.",
            "The Consumer Price Index, which measures a basket of goods as well as energy and housing costs, rose 4.2% from "
            "a year earlier.",
            (
                "Gas prices, which had been climbing steadily across the Midwest, rose 4.2% from a year earlier, the auto club said.",
                "The Consumer Price Index, which measures a basket of goods as well as energy and housing costs, could rise "
                "4.2% from a year earlier, economists said.",
                "The Consumer Price Index, which measures a basket of goods as well as energy and housing costs, rose 5.1% "
                "from a year earlier.",
            ),
        ),
        (  # the same filing against the same one; not another's filing, a filing against another, or one still to come
            "The Federal Trade Commission has filed an amended antitrust complaint against Facebook, saying the company "
            "bought Instagram and WhatsApp to crush its rivals.",
            "The Federal Trade Commission filed a new antitrust complaint against Facebook on Thursday, continuing its "
            "fight in federal court after a judge threw out its initial claims.",
            (
                "The Justice Department filed a new antitrust complaint against Google on Thursday, continuing its fight "
                "in federal court after a judge threw out its initial claims.",
                "The Federal Trade Commission filed a new antitrust complaint against Amazon on Thursday, continuing its "
                "fight in federal court after a judge threw out its initial claims.",
                "The Federal Trade Commission will file a new antitrust complaint against Facebook on Thursday, "
                "continuing its fight in federal court after a judge threw out its initial claims.",
            ),
        ),
        (  # one agency named in full and in short; not another agency, nor the same one on another day
            "The U.S. Census Bureau will release data on Thursday from the 2020 census that states will use to draw "
            "congressional and state legislative districts for the next decade.",
            "The Census Bureau on Thursday will release the data used to draw voting districts, setting up a scramble of "
            "map-drawing and litigation ahead of the 2022 midterm elections.",
            (
                "The Labor Statistics Bureau on Thursday will release the data used to draw voting districts, setting up a "
                "scramble of map-drawing and litigation ahead of the 2022 midterm elections.",
                "The Census Bureau on Friday will release the data used to draw voting districts, setting up a scramble of "
                "map-drawing and litigation ahead of the 2022 midterm elections.",
            ),
        ),
    ],
)
def test_another_outlet_telling_the_same_deed_by_the_same_ones_backs_a_claim(
    parsed, claimed: str, backing: str, others: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    """Two outlets' tellings of one deed (AllSides part A, shortened): the same main verb by and to the same ones (a
    name of two words or more within another is one name), with a number or name of it in common and nothing against
    it, though one adds a figure or a reason the other lacks."""
    from briefgen.text.claims import agree, claim

    own, back, *rest = (claim(s) for s in parsed(claimed, backing, *others))
    assert agree(own, back)
    assert not any(agree(own, other) for other in rest)


def test_a_name_within_another_is_one_participant_only_when_both_have_two_words_or_more() -> None:
    from briefgen.text.claims import _same_unit

    assert _same_unit("u.s. census bureau", "census bureau")
    assert not _same_unit("house", "house rules committee")  # the House is not its committee
    assert not _same_unit("census bureau", "labor statistics bureau")
    assert not _same_unit("#12", "#120") and _same_unit("#12", "#12")


def test_speculation_the_sentence_tells_of_is_no_hedge_but_speculation_as_its_subject_is(parsed) -> None:  # type: ignore[no-untyped-def]
    """A hedging noun as the object of the verb or of a preposition is what the sentence reports; as the subject, or
    what "there is", it is the standing of the claim."""
    prompted, ended, swirling, there = parsed(
        "The crash has prompted press speculation as to why Poland still used an ageing Soviet aircraft.",
        "The opening ceremony will put an end to months of speculation over whether the Games would go ahead.",
        "Rumors are swirling that the couple are on the brink of splitting.",
        "There had been speculation that the envoy would secure the prisoner's release.",
    )
    assert hedge(prompted) is None and hedge(ended) is None
    assert hedge(swirling) == "Rumors" and hedge(there) == "speculation"


def test_a_modal_on_a_clause_that_concedes_before_but_is_no_hedge(parsed) -> None:  # type: ignore[no-untyped-def]
    """ "X may be ..., but Y is ...": the modal weighs what is granted; the claim is the "but" clause, unless it has a
    modal of its own."""
    conceded, both, plain, anded = parsed(
        "The United States may be the land of the free, but it is not even in the world's top 20 countries.",
        "The plant may close this year, but it may also stay open.",
        "The plant may close this year.",
        "The plant may close this year and cut 200 jobs, but it may also stay open.",
    )
    assert hedge(conceded) is None
    assert hedge(both) == "may" and hedge(plain) == "may" and hedge(anded) == "may"


def test_according_to_makes_a_statement_reported(seed_config: BuildConfig) -> None:
    """ "According to" attributes what the sentence states (the tagger's lemma of "according" is "accord")."""
    from briefgen.analyze import analyze
    from briefgen.text.hedges import reported

    texts = ("Two men were arrested on Monday, according to police.", "Two men were arrested on Monday.")
    arts = [Article(f"{k}.md", "t", t, (Paragraph(t, 0),)) for k, t in enumerate(texts)]
    attributed, plain = analyze(arts, seed_config)
    assert reported(attributed.sentences[0]) and not reported(plain.sentences[0])
