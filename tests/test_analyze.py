"""The analysis stage: records from the remembered token attributes equal the full pipeline's."""

from __future__ import annotations

import pytest

from briefgen import analyze
from briefgen.analyze import parse
from briefgen.config import load_config
from briefgen.ingest import ingest

from .conftest import ROOT


@pytest.fixture(scope="module")
def ecb_articles():
    articles, skipped = ingest(load_config(content_dir=ROOT / "tests" / "data" / "ecb"))
    assert len(articles) >= 15 and not skipped
    # paragraphs that exercise the ruler's two-token patterns and their look-alikes
    extra = [
        "There is no word yet. There are two. Is there? Gonna go, gotta run, let's see, y'all ain't done.",
        "The gon na and the got ta; c'mon, I said it to you and it said I did, but it did.",
    ]
    return articles, extra


def _records(articles, extra, monkeypatch, remembered: bool) -> list[bytes]:
    monkeypatch.setattr(analyze.TokenAttributes, "usable", classmethod(lambda cls, nlp: remembered))
    config = load_config()
    nlp = analyze.load_model(config.model)
    chunks = {i: list(analyze._chunks(a)) for i, a in enumerate(articles)}
    chunks[len(articles)] = [(text, k, 0, False) for k, text in enumerate(extra)]
    return [data for _, data in parse._parse(nlp, chunks, config.batch_size)]


def test_remembered_pos_and_lemma_equal_the_full_pipeline(ecb_articles, monkeypatch) -> None:
    articles, extra = ecb_articles
    full = _records(articles, extra, monkeypatch, remembered=False)
    fast = _records(articles, extra, monkeypatch, remembered=True)
    assert len(full) == len(articles) + 1
    assert fast == full


def test_the_pinned_model_can_use_remembered_attributes() -> None:
    nlp = analyze.load_model(load_config().model)
    assert analyze.TokenAttributes.usable(nlp)
    attributes = analyze.TokenAttributes(nlp)
    assert len(attributes.context) >= 1  # the two-token patterns are watched for


@pytest.mark.parametrize(
    "text, first",
    [
        (
            "Troy Police Lt. Gerry Scherlinck identified the victims. They were local.",
            "Troy Police Lt. Gerry Scherlinck identified the victims.",
        ),
        (
            "The shooting began after 7 p.m., said Sgt. Marty Earley. Nobody was hurt.",
            "The shooting began after 7 p.m., said Sgt. Marty Earley.",
        ),
        (
            "He robbed a shop at 3100 N. Andrews Ave. in Oakland Park. Police came.",
            "He robbed a shop at 3100 N. Andrews Ave. in Oakland Park.",
        ),
        (
            "Jennifer Lawrence (she starred in The Hunger Games. It was a hit.) wants a raise. She asked.",
            "Jennifer Lawrence (she starred in The Hunger Games. It was a hit.) wants a raise.",
        ),
        (
            "“Did you do the acts shown in these pictures?” one defense attorney asked. She nodded.",
            "“Did you do the acts shown in these pictures?” one defense attorney asked.",
        ),
        ("The man was named K. C. Jones by the court. He was 40.", "The man was named K. C. Jones by the court."),
        (  # two titles joined by a hyphen
            "Police said Det.-Sgt. John Smith led the inquiry. He retired.",
            "Police said Det.-Sgt. John Smith led the inquiry.",
        ),
        (  # the same where the parser split at the name all the same: the two parts joined again
            "Investigators made the determination after six weeks of collecting evidence at the billionaire couple's Toronto"
            " home, Det.-Sgt. Susan Gomes, of the homicide squad, said at a Friday afternoon news conference. It was a relief.",
            "Investigators made the determination after six weeks of collecting evidence at the billionaire couple's Toronto"
            " home, Det.-Sgt. Susan Gomes, of the homicide squad, said at a Friday afternoon news conference.",
        ),
        (  # a constable (Canada, Britain)
            "The other people escaped without injury, Const. Tim Fanning said. The shock was tremendous.",
            "The other people escaped without injury, Const. Tim Fanning said.",
        ),
        (  # a weekday's abbreviation before its date
            "The last time the team won was Sun. Oct. 5, against Ohio State. It lost since.",
            "The last time the team won was Sun. Oct. 5, against Ohio State.",
        ),
        ("The show airs Thurs. Dec. 12 on NBC. It is new.", "The show airs Thurs. Dec. 12 on NBC."),
        ("He writes for the Sun. The paper said so.", "He writes for the Sun."),  # a name, then a sentence
        (  # a plural title before two names (and see the test below)
            "It was signed by Sens. Elizabeth Warren and Bernie Sanders. Both are Democrats.",
            "It was signed by Sens. Elizabeth Warren and Bernie Sanders.",
        ),
    ],
)
def test_sentences_do_not_end_at_titles_initials_or_inside_a_parenthesis(text: str, first: str) -> None:
    from briefgen.models import Article, Paragraph

    (item,) = analyze.analyze([Article("a.txt", "A", text, (Paragraph(text, 0),))], load_config(n_process=1))
    assert item.sentences[0].text == first
    assert all(s.text == text[s.start : s.end] for s in item.sentences)


def test_a_plural_title_ends_no_sentence_and_is_no_part_of_the_names_after_it() -> None:
    from briefgen.models import Article, Paragraph

    text = "Pelosi said that Reps. Jim Jordan of Ohio and Jim Banks of Indiana made statements. Both denied it."
    (item,) = analyze.analyze([Article("a.txt", "A", text, (Paragraph(text, 0),))], load_config(n_process=1))
    assert [s.text for s in item.sentences] == [text.removesuffix(" Both denied it."), "Both denied it."]
    assert {(m.text, m.label) for m in item.mentions if m.label == "PERSON"} >= {("Jim Jordan", "PERSON"), ("Jim Banks", "PERSON")}


@pytest.mark.parametrize(
    "text, sentences",
    [
        (  # a quote run on into the next line's sentence (the parser joined them)
            "The minister warned that the plan would fail, saying: “It will leave the country weaker than it was a year ago.”\n"
            "Critics, including two former chiefs of staff, rejected his claim.",
            [
                "The minister warned that the plan would fail, saying: “It will leave the country weaker than it was a year ago.”",
                "Critics, including two former chiefs of staff, rejected his claim.",
            ],
        ),
        (  # straight quotes: the closing mark stays with its sentence (the parser put it at the next one's start)
            'The ministry said in a statement: "We will not pay any ransom."\nNegotiations with the group broke down last year.',
            ['The ministry said in a statement: "We will not pay any ransom."', "Negotiations with the group broke down last year."],
        ),
        (  # the attribution stays with its quote (the parser split it off)
            "The justices pressed the lawyer on the remedy. “How would a court work out the back pay for each of the women?” "
            "Justice Ginsburg asked.",
            [
                "The justices pressed the lawyer on the remedy.",
                "“How would a court work out the back pay for each of the women?” Justice Ginsburg asked.",
            ],
        ),
        (  # the same after a full stop, rare in news style ('“We will win,” Smith said' is the usual form)
            "The team trailed by ten points. “We will win this game.” Smith said. Nobody else spoke.",
            ["The team trailed by ten points.", "“We will win this game.” Smith said.", "Nobody else spoke."],
        ),
        (
            "The former president answered on Twitter. “Stop lying!” Mr. Fox wrote. “Mexico is not yours to play with.”",
            ["The former president answered on Twitter.", "“Stop lying!” Mr. Fox wrote.", "“Mexico is not yours to play with.”"],
        ),
        (  # a verb of saying with a clause of its own opens a new sentence, as does one leading into the next quote
            "“We will win,” Smith said. “The article speaks for itself.” He said the company would sue the paper.",
            ["“We will win,” Smith said.", "“The article speaks for itself.”", "He said the company would sue the paper."],
        ),
        (
            "The mayor thanked the crews. “They worked through the night.” He added, “That all changes now.”",
            ["The mayor thanked the crews.", "“They worked through the night.”", "He added, “That all changes now.”"],
        ),
        (  # 'He added,' at a line's end leads into the next line's quote, not back to the last one
            "“They file a joint return for federal tax purposes.” He added,\n“We will need to see guidance from each state.”",
            ["“They file a joint return for federal tax purposes.”", "He added,\n“We will need to see guidance from each state.”"],
        ),
        (  # the same at the paragraph's end (the next paragraph's quote is parsed apart)
            "“They file a joint return for federal tax purposes.” He added,",
            ["“They file a joint return for federal tax purposes.”", "He added,"],
        ),
        (  # a verb of saying with a complement of its own ('argued for') is no attribution
            "It is a saltier version of “Don’t Do Stupid Stuff.” The Bush Doctrine argued for preventive strikes in 2002.",
            ["It is a saltier version of “Don’t Do Stupid Stuff.”", "The Bush Doctrine argued for preventive strikes in 2002."],
        ),
        ("“We will win,” Smith said. Nobody else spoke.", ["“We will win,” Smith said.", "Nobody else spoke."]),
    ],
)
def test_a_closing_quotation_ends_its_sentence_unless_its_attribution_follows(text: str, sentences: list[str]) -> None:
    from briefgen.models import Article, Paragraph

    (item,) = analyze.analyze([Article("a.txt", "A", text, (Paragraph(text, 0),))], load_config(n_process=1))
    assert [s.text for s in item.sentences] == sentences
    assert all(s.text == text[s.start : s.end] for s in item.sentences)


def test_the_analysis_cache_key_follows_the_sentence_rules() -> None:
    """A change to the splitter's rules (or the verbs of saying it reads) gives new analysis keys, so no build
    reuses sentences split the old way."""
    from briefgen.cache import closure
    from briefgen.pipeline import STAGE

    modules, _ = closure(STAGE["analyze"].module)
    assert {"briefgen.analyze.sentences", "briefgen.text.speech"} <= modules


def test_rows_are_the_same_bytes_whatever_the_process_shared() -> None:
    """Marshal refers back only to objects with more than one reference: two equal rows, one built from shared
    objects and one from fresh ones, gave other bytes (a cluster build's analysis after a worker was killed differed
    from the local build's). ``marshalled`` gives equal values equal bytes, and they read back equal, type for type."""
    import marshal

    from briefgen.analyze.parse import marshalled

    def made(*parts: str) -> str:  # a string made at run time, as the parser's are (not a constant of the code)
        return "".join(parts)

    text, offset, pair = made("I ", "partied."), int("861"), (made("NO", "UN"), made("par", "ty"))
    shared = ((text, offset, pair, True), (text, offset, pair, 1))
    first = (made("I part", "ied."), int("861"), (made("N", "OUN"), made("p", "arty")), True)
    fresh = (first, (made("I partie", "d."), 860 + int("1"), (made("NOU", "N"), made("part", "y")), 1))
    assert shared == fresh and marshal.dumps(shared) != marshal.dumps(fresh)
    assert marshalled(shared) == marshalled(fresh)
    back = marshal.loads(marshalled(shared))
    assert back == shared and [type(row[3]) for row in back] == [bool, int]
