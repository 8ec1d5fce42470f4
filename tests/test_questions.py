from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.config import BuildConfig
from briefgen.models import AnalyzedArticle, Article, Mention, Paragraph, Question, Sentence, Token
from briefgen.questions import MAX_WORDS, candidates, clause_question, kinds, open_questions, question_focus, support
from briefgen.questions.answering import answers, mentions
from briefgen.questions.parse import as_tree
from briefgen.summarize import summarize


def awaited(story: list[AnalyzedArticle]) -> list[Question]:
    """The plans raised with pending's strong cue (an outcome others await: support's ``cue``), whatever the other
    signs: one-sentence stories never reach ``support.THRESHOLD`` (no name used twice, no second source)."""
    return [q for q, signs, _ in candidates(story) if q.kind == "pending" and "cue" in signs]


def asked(story: list[AnalyzedArticle], summary: tuple | list | None = None) -> list[Question]:
    """Every question the detectors raise and nothing in the story answers, before the evidence gate
    (``open_questions`` shows only those with enough evidence; see test_evidence_gate_*)."""
    return [q for q, _, _ in candidates(story, summary)]


# --- hand-built parses ----------------------------------------------------------------------------------------------

Row = tuple  # (text, lemma, pos, tag, dep, head[, ent])


def sentence(rows: list[Row], index: int = 0, offset: int = 0) -> Sentence:
    """A parsed sentence from rows; punctuation is glued to the word before, like real text."""
    text, toks = "", []
    for text_, lemma, pos, tag, dep, head, *ent in rows:
        if text and pos != "PUNCT":
            text += " "
        toks.append(Token(text_, lemma, pos, tag, dep, head, offset + len(text), ent=ent[0] if ent else ""))
        text += text_
    return Sentence(index, text, offset, offset + len(text), 0, tuple(toks))


def article(id_: str, sents: list[list[Row]], mentions: tuple[Mention, ...] = (), date: str | None = None) -> AnalyzedArticle:
    built, offset = [], 0
    for i, rows in enumerate(sents):
        s = sentence(rows, i, offset)
        built.append(s)
        offset = s.end + 1
    text = " ".join(s.text for s in built)
    art = Article(id=id_, title=id_, text=text, paragraphs=(Paragraph(text, 0),), date=date)
    return AnalyzedArticle(art, tuple(built), mentions)


TALKS_RESUME = [  # "the talks will resume on Monday"
    ("the", "the", "DET", "DT", "det", 1),
    ("talks", "talk", "NOUN", "NNS", "nsubj", 3),
    ("will", "will", "AUX", "MD", "aux", 3),
    ("resume", "resume", "VERB", "VB", "ROOT", 3),
    ("on", "on", "ADP", "IN", "prep", 3),
    ("Monday", "Monday", "PROPN", "NNP", "pobj", 4, "DATE"),
    (".", ".", "PUNCT", ".", "punct", 3),
]
SAID_WITHDREW = [  # "He said that the troops withdrew from the city."
    ("He", "he", "PRON", "PRP", "nsubj", 1),
    ("said", "say", "VERB", "VBD", "ROOT", 1),
    ("that", "that", "SCONJ", "IN", "mark", 5),
    ("the", "the", "DET", "DT", "det", 4),
    ("troops", "troop", "NOUN", "NNS", "nsubj", 5),
    ("withdrew", "withdraw", "VERB", "VBD", "ccomp", 1),
    ("from", "from", "ADP", "IN", "prep", 5),
    ("the", "the", "DET", "DT", "det", 8),
    ("city", "city", "NOUN", "NN", "pobj", 6),
    (".", ".", "PUNCT", ".", "punct", 1),
]


@pytest.mark.parametrize(
    ("rows", "verb", "expected"),
    [
        (TALKS_RESUME, 3, "Will the talks resume on Monday?"),
        (SAID_WITHDREW, 5, "Did the troops withdraw from the city?"),
        (
            [
                ("The", "the", "DET", "DT", "det", 1),
                ("bridge", "bridge", "NOUN", "NN", "nsubj", 2),
                ("was", "be", "AUX", "VBD", "ROOT", 2),
                ("not", "not", "PART", "RB", "neg", 2),
                ("safe", "safe", "ADJ", "JJ", "acomp", 2),
            ],
            2,
            "Was the bridge safe?",
        ),
        (
            [
                ("Moscow", "Moscow", "PROPN", "NNP", "nsubj", 1),
                ("controls", "control", "VERB", "VBZ", "ROOT", 1),
                ("the", "the", "DET", "DT", "det", 3),
                ("port", "port", "NOUN", "NN", "dobj", 1),
            ],
            1,
            "Does Moscow control the port?",
        ),
        (
            [
                ("Minsk", "Minsk", "PROPN", "NNP", "nsubj", 2),
                ("has", "have", "AUX", "VBZ", "aux", 2),
                ("developed", "develop", "VERB", "VBN", "ROOT", 2),
                ("a", "a", "DET", "DT", "det", 4),
                ("plan", "plan", "NOUN", "NN", "dobj", 2),
            ],
            2,
            "Has Minsk developed a plan?",
        ),
        (
            [
                ("Prigozhin", "Prigozhin", "PROPN", "NNP", "nsubj", 2),
                ("had", "have", "AUX", "VBD", "aux", 2),
                ("marched", "march", "VERB", "VBN", "ROOT", 2),
                ("on", "on", "ADP", "IN", "prep", 2),
                ("Moscow", "Moscow", "PROPN", "NNP", "pobj", 3),
            ],
            2,
            "Did Prigozhin march on Moscow?",
        ),
        (
            [
                ("They", "they", "PRON", "PRP", "nsubj", 2),
                ("could", "could", "AUX", "MD", "aux", 2),
                ("leave", "leave", "VERB", "VB", "ROOT", 2),
                ("soon", "soon", "ADV", "RB", "advmod", 2),
            ],
            2,
            "Can they leave soon?",
        ),
    ],
)
def test_clause_question_fronts_the_right_auxiliary(rows: list[Row], verb: int, expected: str) -> None:
    assert clause_question(sentence(rows), verb) == expected


def test_clause_question_uses_resolved_subject_and_forced_modal() -> None:
    s = sentence(SAID_WITHDREW)
    assert clause_question(s, 5, subs={4: "Wagner troops", 3: ""}) == "Did Wagner troops withdraw from the city?"
    assert clause_question(s, 5, modal="Will").startswith("Will the troops withdraw")


def test_clause_without_subject_is_not_a_question() -> None:
    rows = [("to", "to", "PART", "TO", "aux", 1), ("leave", "leave", "VERB", "VB", "ROOT", 1), ("now", "now", "ADV", "RB", "advmod", 1)]
    assert clause_question(sentence(rows), 1) is None


def test_long_clause_is_cut_at_a_clause_boundary() -> None:
    # "the troops withdrew from the city, which they had held since 2014 when ... (many words)"
    rows = [
        *SAID_WITHDREW[:-1],
        (",", ",", "PUNCT", ",", "punct", 8),
        ("which", "which", "PRON", "WDT", "dobj", 13),
        ("they", "they", "PRON", "PRP", "nsubj", 13),
        ("had", "have", "AUX", "VBD", "aux", 13),
        ("held", "hold", "VERB", "VBN", "relcl", 8),
    ]
    rows += [(f"w{i}", f"w{i}", "NOUN", "NN", "npadvmod", 13) for i in range(25)]
    q = clause_question(sentence(rows), 5)
    assert q == "Did the troops withdraw from the city?"


# --- hand-built stories -------------------------------------------------------------------------------------------

UNCLEAR_WHETHER = [  # "It is unclear whether the talks will resume on Monday."
    ("It", "it", "PRON", "PRP", "nsubj", 1),
    ("is", "be", "AUX", "VBZ", "ROOT", 1),
    ("unclear", "unclear", "ADJ", "JJ", "acomp", 1),
    ("whether", "whether", "SCONJ", "IN", "mark", 7),
    ("the", "the", "DET", "DT", "det", 5),
    ("talks", "talk", "NOUN", "NNS", "nsubj", 7),
    ("will", "will", "AUX", "MD", "aux", 7),
    ("resume", "resume", "VERB", "VB", "ccomp", 1),
    ("on", "on", "ADP", "IN", "prep", 7),
    ("Monday", "Monday", "PROPN", "NNP", "pobj", 8, "DATE"),
    (".", ".", "PUNCT", ".", "punct", 1),
]
DENIED_THAT = [  # "Kyiv denied that its forces shelled the plant."
    ("Kyiv", "Kyiv", "PROPN", "NNP", "nsubj", 1, "GPE"),
    ("denied", "deny", "VERB", "VBD", "ROOT", 1),
    ("that", "that", "SCONJ", "IN", "mark", 5),
    ("its", "its", "PRON", "PRP$", "poss", 4),
    ("forces", "force", "NOUN", "NNS", "nsubj", 5),
    ("shelled", "shell", "VERB", "VBD", "ccomp", 1),
    ("the", "the", "DET", "DT", "det", 7),
    ("plant", "plant", "NOUN", "NN", "dobj", 5),
    (".", ".", "PUNCT", ".", "punct", 1),
]


def test_unclear_whether_becomes_the_clause_question() -> None:
    story = [article("a.txt", [UNCLEAR_WHETHER])]
    (q,) = [q for q in asked(story) if q.kind == "unknown"]
    assert q.question == "Will the talks resume on Monday?"
    assert q.evidence[0].text == story[0].sentences[0].text


def test_denial_of_a_that_clause_resolves_the_possessive() -> None:
    story = [article("a.txt", [DENIED_THAT], (Mention("Kyiv", "GPE", 0, 4, 0),))]
    (q,) = [q for q in asked(story) if q.kind == "disputed"]
    assert q.question == "Did Kyiv's forces shell the plant?"


def test_silent_lists_articles_that_do_not_address_the_question() -> None:
    other = [
        ("Rain", "rain", "NOUN", "NN", "nsubj", 1),
        ("fell", "fall", "VERB", "VBD", "ROOT", 1),
        ("in", "in", "ADP", "IN", "prep", 1),
        ("Minsk", "Minsk", "PROPN", "NNP", "pobj", 2, "GPE"),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    story = [article("a.txt", [UNCLEAR_WHETHER]), article("b.txt", [other]), article("c.txt", [TALKS_RESUME])]
    qs = asked(story)
    (q,) = [q for q in qs if q.kind == "unknown"]
    assert q.silent == ("b.txt",)  # c.txt speaks of the talks resuming, b.txt of the weather


# --- the seeds ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_questions(seed_analyzed: list[AnalyzedArticle], seed_config: BuildConfig) -> list[Question]:
    return open_questions(seed_analyzed, dataclasses.replace(seed_config, max_questions=50))


def _with_evidence(questions: list[Question], kind: str, fragment: str) -> list[Question]:
    return [q for q in questions if q.kind == kind and any(fragment in c.text for c in q.evidence)]


def test_seed_whereabouts_unknown(seed_questions: list[Question]) -> None:
    (q,) = _with_evidence(seed_questions, "unknown", "whereabouts of Prigozhin remain unclear")
    assert q.question.startswith("Where") and "Prigozhin" in q.question


def test_seed_denied_attack_is_disputed_with_the_other_source(seed_questions: list[Question]) -> None:
    (q,) = _with_evidence(seed_questions, "disputed", "which the Russian Defense Ministry denied")
    assert q.question.startswith("Did") and "attack" in q.question and "alleged" not in q.question
    assert any("attack on a Wagner camp" in c.text for c in q.evidence)  # the CNN seed raises the same claim
    assert len({c.article for c in q.evidence}) == 2 and not q.silent


def test_seed_arrival_in_belarus_is_unverified(seed_questions: list[Question]) -> None:
    (q,) = _with_evidence(seed_questions, "unverified", "no videos or photos")
    assert "arrive" in q.question and "Belarus" in q.question
    assert "Prigozhin" in q.question or "Wagner chief" in q.question
    assert any("Lukashenko has said" in c.text for c in q.evidence)


def test_seed_training_is_a_routine_plan_not_shown(seed_questions: list[Question], seed_analyzed: list[AnalyzedArticle]) -> None:
    """ "Wagner will be involved in training": an announced plan, no decision awaited; raised, but not shown."""
    (q,) = [q for q in asked(seed_analyzed) if q.kind == "pending" and "training" in q.question]
    assert q.question.startswith("Will") and "Wagner Group" in q.question
    assert q.question not in {s.question for s in seed_questions}


def test_seed_evidence_is_verbatim_and_never_a_heading(seed_questions: list[Question], seed_analyzed: list[AnalyzedArticle]) -> None:
    by_id = {a.article.id: a for a in seed_analyzed}
    for q in seed_questions:
        assert q.evidence
        for c in q.evidence:
            a = by_id[c.article]
            s = next(s for s in a.sentences if s.index == c.sentence)
            assert c.text == a.article.text[s.start : s.end]
            assert c.date == a.article.date and not s.is_heading


def test_seed_questions_read_as_questions(seed_questions: list[Question], seed_analyzed: list[AnalyzedArticle]) -> None:
    ids = {a.article.id for a in seed_analyzed}
    for q in seed_questions:
        assert q.question.endswith("?") and q.question[0].isupper() and "  " not in q.question
        assert len(q.question.split()) <= MAX_WORDS + 1
        assert all(q.question.rstrip("?") not in c.text for c in q.evidence)  # rephrased, not echoed
        assert set(q.silent) <= ids - {c.article for c in q.evidence}
    assert len({q.question for q in seed_questions}) == len(seed_questions)


def test_seed_default_cap_ranks_and_is_deterministic(seed_analyzed: list[AnalyzedArticle], seed_config: BuildConfig) -> None:
    first = open_questions(seed_analyzed, seed_config)
    assert 0 < len(first) <= seed_config.max_questions
    assert [q.score for q in first] == sorted((q.score for q in first), reverse=True)
    assert first == open_questions(list(seed_analyzed), seed_config)
    assert {"unknown", "disputed", "unverified"} <= {q.kind for q in first}


def test_questions_module_does_not_load_spacy() -> None:
    code = "import sys, briefgen.questions; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- any parse, however odd, gives well-formed questions --------------------------------------------------------

WORDS = [
    ("he", "he", "PRON", "PRP"),
    ("its", "its", "PRON", "PRP$"),
    ("said", "say", "VERB", "VBD"),
    ("denied", "deny", "VERB", "VBD"),
    ("unclear", "unclear", "ADJ", "JJ"),
    ("would", "would", "AUX", "MD"),
    ("has", "have", "AUX", "VBZ"),
    ("is", "be", "AUX", "VBZ"),
    ("not", "not", "PART", "RB"),
    ("no", "no", "DET", "DT"),
    ("videos", "video", "NOUN", "NNS"),
    ("attack", "attack", "NOUN", "NN"),
    ("Kyiv", "Kyiv", "PROPN", "NNP"),
    ("whether", "whether", "SCONJ", "IN"),
    ("expected", "expect", "VERB", "VBN"),
    ("to", "to", "PART", "TO"),
    ("whereabouts", "whereabouts", "NOUN", "NN"),
    ("of", "of", "ADP", "IN"),
    (",", ",", "PUNCT", ","),
    ("“", '"', "PUNCT", "``"),
    ("number", "number", "NOUN", "NN"),
    ("{x}", "{x}", "NOUN", "NN"),
    ("unknown", "unknown", "ADJ", "JJ"),
]
DEPS = [
    "nsubj",
    "nsubjpass",
    "aux",
    "auxpass",
    "neg",
    "ccomp",
    "relcl",
    "acomp",
    "dobj",
    "pobj",
    "prep",
    "poss",
    "mark",
    "xcomp",
    "conj",
    "cc",
    "amod",
    "advcl",
    "punct",
    "ROOT",
    "expl",
    "attr",
]


@st.composite
def parsed(draw: st.DrawFn) -> list[Row]:
    n = draw(st.integers(1, 14))
    return [(*draw(st.sampled_from(WORDS)), draw(st.sampled_from(DEPS)), draw(st.integers(-1, n))) for _ in range(n)]


@settings(max_examples=300, deadline=None)
@given(st.lists(parsed(), min_size=1, max_size=4))
def test_any_parse_gives_well_formed_questions(sents: list[list[Row]]) -> None:
    story = [article("a.txt", sents, (Mention("Kyiv", "GPE", 0, 4, 0),)), article("b.txt", sents[:1])]
    for q in asked(story):
        assert q.question.endswith("?") and q.kind in {"unknown", "disputed", "unverified", "conflicting", "pending"}
        for c in q.evidence:
            a = next(a for a in story if a.article.id == c.article)
            s = a.sentences[c.sentence]
            assert c.text == s.text == a.article.text[s.start : s.end]


@settings(max_examples=300, deadline=None)
@given(parsed())
def test_clean_makes_any_parse_a_tree(rows: list[Row]) -> None:
    s = sentence(rows)
    cleaned = as_tree(s)
    heads = [t.head for t in cleaned.tokens]
    for i in range(len(heads)):
        j, steps = i, 0
        while heads[j] != j:
            j, steps = heads[j], steps + 1
            assert steps <= len(heads)
    assert as_tree(cleaned) is cleaned  # a tree stays the very same sentence


def test_a_detector_runs_wherever_it_can_find_something(seed_analyzed: list[AnalyzedArticle], parse) -> None:
    """open_questions runs a detector only where ``kinds.cues`` says so: skipping must lose nothing."""
    from briefgen.questions import kinds
    from briefgen.questions.parse import lemma_forms

    hits = set()
    court = parse(
        {
            "c.txt": "Police charged John Smith with arson on Monday. Smith faces two counts of arson. Smith sued the city of Boston. "
            "Tom Brown allegedly shot a neighbor, police said."
        }
    )  # no charge, suit or allegation in the seed
    for a in [*seed_analyzed, *court]:
        art = dataclasses.replace(a, sentences=tuple(as_tree(s) for s in a.sentences))
        for s in art.sentences:
            found = {
                "unknown": kinds.unknown(art, s),
                "disputed": kinds.disputed(art, s),
                "claims": kinds.claims(art, s),
                "pending": kinds.pending(art, s),
                "no_proof": kinds.no_proof(s),
                "charged": kinds.charged(art, s),
                "sued": kinds.sued(art, s),
                "alleged": kinds.alleged(art, s),
            }
            hits |= {name for name, f in found.items() if f}
            assert {name for name, f in found.items() if f} <= kinds.cues(lemma_forms(s))
    assert hits == set(kinds.CUES)  # every detector fired somewhere, so the check above checked something


# --- real parses of small stories: conflicting figures, answered questions, what is no plan ---------------------


@pytest.fixture(scope="module")
def parse(seed_config: BuildConfig):
    """Parse {article id: text} with the project's model (loaded once); ``date`` applies to all."""
    from briefgen.analyze import analyze

    def make(texts: dict[str, str], date: str | None = "2024-03-01", dates: dict[str, str] | None = None) -> list[AnalyzedArticle]:
        arts = []
        for aid, text in texts.items():
            paras, start = [], 0
            for block in text.split("\n\n"):
                paras.append(Paragraph(block, start))
                start += len(block) + 2
            arts.append(Article(id=aid, title=aid, text=text, paragraphs=tuple(paras), date=(dates or {}).get(aid, date)))
        return analyze(arts, seed_config)

    return make


def _kind(questions: list[Question], kind: str) -> list[Question]:
    return [q for q in questions if q.kind == kind]


def test_different_tolls_on_one_day_conflict(parse) -> None:
    story = parse(
        {
            "a.txt": "Twelve people were killed in the explosion at the market in Kabul, police said.",
            "b.txt": "Fourteen people were killed in the explosion at the market in Kabul, officials said.",
        }
    )
    (q,) = _kind(asked(story), "conflicting")
    assert q.question == "How many people were killed?"
    assert {c.article for c in q.evidence} == {"a.txt", "b.txt"}
    assert {"Twelve", "Fourteen"} <= {c.text.split()[0] for c in q.evidence}


@pytest.mark.parametrize(
    ("second", "dates"),
    [
        ("At least fourteen people were killed in the explosion at the market in Kabul, officials said.", None),  # a range
        ("Fourteen people were killed in the explosion at the market in Kabul, officials said.", {"b.txt": "2024-03-02"}),  # an update
        (
            "Fourteen people were killed in the explosion at the market in Kabul and twelve people were killed in "
            "the explosion at the market in Herat.",
            None,
        ),  # one source telling two events apart
    ],
)
def test_ranges_updates_and_two_events_do_not_conflict(parse, second: str, dates: dict[str, str] | None) -> None:
    story = parse(
        {"a.txt": "Twelve people were killed in the explosion at the market in Kabul, police said.", "b.txt": second}, dates=dates
    )
    assert not _kind(asked(story), "conflicting")


def test_two_offers_by_different_teams_do_not_conflict(parse) -> None:
    story = parse(
        {
            "a.txt": "The Red Sox made Teixeira a $200 million offer on Monday.",
            "b.txt": "The Nationals made Teixeira a $160 million offer on Monday.",
        }
    )
    assert not _kind(asked(story), "conflicting")


def test_plan_that_another_source_reports_done_is_not_pending(parse) -> None:
    plan = "The Patriot media group will close all offices, the owner said on Friday."
    done = "The Patriot media group closed all offices on Saturday, staff said."
    assert _kind(asked(parse({"a.txt": plan, "b.txt": "Staff packed boxes on Saturday."})), "pending")
    assert not _kind(asked(parse({"a.txt": plan, "b.txt": done})), "pending")


def test_a_plans_outcome_need_not_repeat_when_and_where(parse) -> None:
    """The report that a plan happened names who did what, and its own day, not the plan's session and date."""
    plan = "A minister said Lahoud is expected to be elected by the 128-member Parliament at an extraordinary session on Oct. 15."
    done = "Parliament on Thursday formally elected Gen. Emile Lahoud as Lebanon's next president."
    other = "Parliament on Thursday formally elected Gen. Michel Aoun as speaker."
    assert _kind(asked(parse({"a.txt": plan, "b.txt": other})), "pending")  # someone else elected: still pending
    assert not _kind(asked(parse({"a.txt": plan, "b.txt": done})), "pending")


def test_question_the_summary_answers_is_dropped(parse) -> None:
    from briefgen.models import Citation, SummarySentence

    story = parse(
        {
            "a.txt": "The cause of the fire at the warehouse has not been determined.",
            "b.txt": "The fire at the warehouse was caused by an electrical fault, investigators said.",
        }
    )
    assert not _kind(asked(story), "unknown")  # b.txt answers it
    alone = [story[0], parse({"b.txt": "Crews worked through the night at the warehouse."})[0]]
    (q,) = _kind(asked(alone), "unknown")
    assert q.question.startswith("What caused the fire")
    s = story[1].sentences[0]
    summary = [SummarySentence(Citation(s.text, "b.txt", s.index), 1.0)]
    assert not _kind(asked([alone[0], story[1]], summary=summary), "unknown")


def test_no_open_question_is_answered_by_the_seed_summary(seed_analyzed: list[AnalyzedArticle], seed_config: BuildConfig) -> None:
    """The automatic check: rebuild each question's focus and test it against every summary sentence."""
    summary = summarize(seed_analyzed, seed_config)
    qs = asked(seed_analyzed, summary=summary)
    by_id = {a.article.id: a for a in seed_analyzed}
    sents = [as_tree(by_id[s.citation.article].sentences[s.citation.sentence]) for s in summary]
    checked = 0
    for q in (q for q in qs if q.kind != "conflicting"):
        ev = q.evidence[0]
        f = question_focus(by_id[ev.article], by_id[ev.article].sentences[ev.sentence], q.kind, q.question)
        assert f is not None
        assert not any(answers(f, s) for s in sents), q.question
        assert q.kind != "pending" or not any(mentions(f, s) for s in sents), q.question
        checked += 1
    assert checked >= 4


def test_seed_patriot_closing_is_not_pending_because_it_shut_down(seed_questions: list[Question]) -> None:
    assert not [q for q in seed_questions if q.kind == "pending" and "Patriot" in q.question]


@pytest.mark.parametrize(
    "text",
    [
        "Rahman would go on to win the title in 2005 but lost it a year later.",  # narrative "would"
        "I hope they will start fighting better opponents next year.",  # a speaker's hope
        "The spokesman would not say what the actress was being treated for.",  # a refusal, not a plan
        "It will be her second stint in the job after hosting the ceremony in 2007.",  # a description
        "The star was set to be released on Tuesday when she suffered a heart attack.",  # a plan history overtook
    ],
)
def test_not_a_plan(parse, text: str) -> None:
    assert not _kind(asked(parse({"a.txt": text})), "pending")


def test_stranded_preposition_stays_at_the_end(parse) -> None:
    story = parse({"a.txt": "Actress Tara Reid has checked into rehab. Her spokesman did not say what Reid is being treated for."})
    (q,) = _kind(asked(story), "unknown")
    assert q.question == "What is Reid being treated for?"


def test_questions_with_unresolved_pronouns_are_not_asked(parse) -> None:
    story = parse({"a.txt": "It is unclear whether they will return the money to him."})
    assert not asked(story)


def test_resolved_questions_names_the_answering_sentence(parse) -> None:
    from briefgen.questions import resolved_questions

    old = parse({"a.txt": "The Patriot media group will close all offices, the owner said on Friday."})
    previous = [
        {"question": q.question, "kind": q.kind, "evidence": [{"article": c.article, "sentence": c.sentence} for c in q.evidence]}
        for q in asked(old)
    ]
    assert [p["kind"] for p in previous] == ["pending"]
    now = old + parse({"b.txt": "Staff packed boxes.\n\nThe Patriot media group closed all offices on Saturday."}, date="2024-03-03")
    ((text, citation),) = resolved_questions(previous, now, {"b.txt"})
    assert text == previous[0]["question"] and citation.article == "b.txt" and "closed all offices" in citation.text
    assert resolved_questions(previous, now, set()) == []  # no new article, nothing answered
    assert (
        resolved_questions([{"question": "Gone?", "kind": "pending", "evidence": [{"article": "x.txt", "sentence": 0}]}], now, {"b.txt"})
        == []
    )


def test_what_changed_tells_answered_from_dropped(parse) -> None:
    from briefgen.editions import compute_changes
    from briefgen.models import Story, StoryBrief
    from briefgen.questions import resolved_questions

    old = parse({"a.txt": "The Patriot media group will close all offices, the owner said on Friday."})
    before = [
        {"question": q.question, "kind": q.kind, "evidence": [{"article": c.article, "sentence": c.sentence} for c in q.evidence]}
        for q in asked(old)
    ]
    before.append({"question": "Was it outranked?", "kind": "unknown", "evidence": [{"article": "a.txt", "sentence": 0}]})
    previous = {"articles": [{"path": "a.txt"}], "stories": [{"id": "s-1", "articles": ["a.txt"], "questions": before}]}
    now = old + parse({"b.txt": "The Patriot media group closed all offices on Saturday."}, date="2024-03-03")
    story = Story("s-1", "Patriot", ("a.txt", "b.txt"))
    brief = StoryBrief(story, (), (), tuple(asked(now)))
    changes = compute_changes("e1", previous, ["a.txt", "b.txt"], [brief], lambda sb, q, new: resolved_questions(q, now, new))
    assert changes.answered_questions == (before[0]["question"],)
    ((question, citation),) = changes.answers
    assert question == before[0]["question"] and citation.article == "b.txt"
    assert changes.dropped_questions == ("Was it outranked?",)
    plain = compute_changes("e1", previous, ["a.txt", "b.txt"], [brief])  # without a resolver nothing counts as answered
    assert plain.answered_questions == () and set(plain.dropped_questions) == {q["question"] for q in before}


def test_only_awaited_steps_are_pending(parse) -> None:
    """The future stated as fact, a refused plan and a forecast are not pending; a decision to come is."""
    for text in (
        "The buildings will need to be rebuilt and repaired.",
        "Fans who exchange the jersey also will get a free ticket to a future game.",
        "The department does not plan to release any numbers on tax revenue until late September.",
        "Herbert Hovenkamp, a professor of law, said a Sprint iPhone would probably help AT&T's efforts.",
    ):
        assert not _kind(asked(parse({"a.txt": text})), "pending"), text
    (q,) = awaited(parse({"a.txt": "The judge will decide on Monday whether the trial can go ahead."}))
    assert q.question == "Can the trial go ahead?"  # the step is certain; its outcome is the open point


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (  # a step told as to be announced: its open clause is the question, whoever plans the step
            "Speaker Nancy Pelosi plans to announce this week whether she will create a new committee to investigate the riot.",
            "Will Pelosi create a new committee to investigate the riot?",
        ),
        (  # "whether to": the step's subject is the open clause's
            "Speaker Nancy Pelosi will decide this week whether to create a special committee.",
            "Will Speaker Nancy Pelosi create a special committee?",
        ),
        (  # what a named party has not done yet, a decision's outcome
            "Beijing has yet to formally recognize the Taliban as the government of Afghanistan.",
            "Will Beijing formally recognize the Taliban as the government of Afghanistan?",
        ),
        (  # an aim whose outcome others give
            "Senate Democrats hope to pass the voting rights bill this week.",
            "Will Senate Democrats pass the voting rights bill this week?",
        ),
        (  # a step under way
            "A Manhattan grand jury is weighing whether to indict Allen Weisselberg.",
            "Will a Manhattan grand jury indict Allen Weisselberg?",
        ),
        (  # a step not yet taken
            "Senator Joe Manchin has not decided whether he will support the voting rights bill.",
            "Will Manchin support the voting rights bill?",
        ),
        (  # "whether or not" asks the clause alone
            "Republican senators in Maine are still deciding whether or not to support Governor Paul LePage.",
            "Will Republican senators in Maine support Governor Paul LePage?",
        ),
        (  # "he", resolved in his own sentence, lends the open clause its subject
            "Donald Trump said he will decide by June whether to run for president.",
            "Will Trump run for president?",
        ),
    ],
)
def test_an_outcome_the_sources_call_pending_is_awaited(parse, text: str, question: str) -> None:
    assert [q.question for q in awaited(parse({"a.txt": text}))] == [question]


@pytest.mark.parametrize(
    "text",
    [
        "Most of the money has yet to be distributed to renters.",  # no party whose decision it is
        "Senate Democrats hope to finish the work this week.",  # an aim, no decision's outcome
        "Senate Democrats hoped to pass the voting rights bill last year.",  # a past aim
        "The bill that Senate Democrats hope to pass this week would expand voting rights.",  # the object is outside the clause
        "Beijing had yet to recognize the Taliban when the talks began.",  # a state of the past
        "Senator Joe Manchin decided on Friday whether he would support the bill.",  # a step taken
        "He is weighing whether to run for the Senate next year.",  # which he?
        "Officials have not determined whether Tony Scott had any health problems.",  # a fact not known: the unknown kind
        "Analysts at Goldman Sachs are considering whether the market will rebound next year.",  # not theirs to decide
    ],
)
def test_no_outcome_awaited(parse, text: str) -> None:
    assert not awaited(parse({"a.txt": text})), text


def test_an_awaited_outcome_another_article_reports_is_not_asked(parse) -> None:
    story = parse(
        {
            "a.txt": "Beijing has yet to formally recognize the Taliban as the government of Afghanistan.",
            "b.txt": "Beijing formally recognized the Taliban as the government of Afghanistan on Friday.",
        },
        dates={"a.txt": "2024-03-01", "b.txt": "2024-03-04"},
    )
    assert not _kind(asked(story), "pending")


def test_a_summary_that_states_an_awaited_step_leaves_its_outcome_open(parse) -> None:
    """ "Can the trial of Ortiz go ahead?" stays open beside a summary that says the judge will decide whether it can:
    the summary states the step, not its outcome (a plan the summary states is asked no more)."""
    text = "Judge Amy Carter will decide on Monday whether the trial of Ortiz can go ahead."
    story = parse({"a.txt": text, "b.txt": text.replace("on Monday", "next week")})
    summary = summarize(story, BuildConfig())
    assert summary and [q.question for q in awaited(story)] == ["Can the trial of Ortiz go ahead?"]
    assert [q.question for q in asked(story, summary) if q.kind == "pending"] == ["Can the trial of Ortiz go ahead?"]


def test_an_aside_read_as_a_list_item_is_cut_and_a_list_kept(parse) -> None:
    text = (
        "U.S. House of Representatives Speaker Nancy Pelosi will decide this week whether to create a special committee to "
        "investigate the Jan. 6 attack on the Capitol, her deputy chief of staff, Drew Hammill, said on Twitter on Tuesday."
    )
    assert [q.question for q in awaited(parse({"a.txt": text}))] == [
        "Will U.S. House of Representatives Speaker Nancy Pelosi create a special committee to investigate the Jan. 6 attack on "
        "the Capitol?"
    ]
    listed = "Governor Ron DeSantis is expected to approve bills on schools, roads, prisons and taxes."
    assert [q.question for q in awaited(parse({"a.txt": listed}))] == [
        "Will Governor Ron DeSantis approve bills on schools, roads, prisons and taxes?"
    ]


def test_claims_read_as_questions_about_their_own_subject(parse) -> None:
    story = parse(
        {
            "a.txt": "Zimmerman's lawyer, O'Mara, claimed last week he paid the company $40,000.",
            "b.txt": "La La Land ended the evening with six wins, Moonlight claimed three wins.",
        }
    )
    questions = [q.question for q in asked(story)]
    assert not any(", pay" in q or "six wins" in q for q in questions)  # no comma before the verb; 'claimed' won something


# --- the evidence gate ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "formed"),
    [
        ("Will About 252,000 women in the United States be diagnosed with breast cancer this year?", False),  # a capital no name
        ("Are There many studies in the literature showing the benefit of naps for adults?", False),
        ("Do more than 15 million members worldwide;[1?", False),  # stray symbols
        ("WILL TIM SLEEP IN THE SAME BED?", False),  # in capitals
        ("'s the deal?", False),
        ("What link the man has to the murdered woman?", False),  # statement order
        ("What are the terms of the deal?", True),  # a verb after the wh-word: question order
        ("How many new subscribers Sprint will be able to reel in?", False),  # a count, then a subject and its verb
        ("How many people in Iraq were killed?", True),
        ("How much money did Tim spend?", True),
        ("Will Mr. Durbin run again?", True),  # an honorific
        ("Will Tim sleep in the same bed?", True),  # a name of the story
        ("Was the FBI told?", True),
        ("Where is Prigozhin?", True),
        ("Why was Plotts there?", False),  # 'there' points outside the question
        ("What sparked the incident?", True),  # a verb after the wh-word: it asks for the subject
        ("Did Gaddafi flee to the South American country?", False),  # a class noun standing in for a name
        ("Can the governor emerge as the president's pick?", False),
        ("How many others may have been hurt?", False),
        ("Was Tim in the capital Tripoli?", True),  # the name follows
        ("Was the suspect's gun loaded?", True),  # a part in the story itself, not a stand-in for a name
        ("Can the governor ultimately emerge as the pick?", False),
        ("Will the company's shares fall?", False),  # the class noun ends its phrase: a possessive
        ("Will the city council approve the plan?", True),  # the class noun modifies a noun of the story
        ("Is the country music star in Nashville?", True),
        ("Will the city vote on the plan?", False),  # 'vote' is a verb in the story (see NOUNS)
    ],
)
def test_evidence_gate_wording(question: str, formed: bool) -> None:
    assert support.well_formed(question, frozenset({"tim", "durbin", "prigozhin"}), NOUNS) is formed


#: The words the test story uses only as nouns (``support.story_nouns``).
NOUNS = frozenset({"council", "music", "star", "plan", "shares", "pick"})


def test_a_class_noun_modifying_a_noun_of_the_story_stands_in_for_nothing(parse) -> None:
    story = parse({"a.txt": "The city council will vote on the plan. Members of the council said the vote was close."})
    nouns = support.story_nouns(story)
    assert "council" in nouns and "vote" not in nouns  # 'vote' is also a verb here
    assert support.well_formed("Will the city council approve the plan?", frozenset(), nouns)
    assert not support.well_formed("Will the city vote on the plan?", frozenset(), nouns)


def test_evidence_gate_needs_the_kinds_cue_and_enough_signs() -> None:
    assert support.score({"named", "short", "open", "plain", "sources"}) == 0  # no cue: a routine plan, an undoubted claim
    assert support.score({"cue", "short", "named", "open"}) < support.THRESHOLD <= support.score({"cue", "short", "named", "open", "plain"})
    assert support.named("Did the Wagner chief arrive in Belarus?", frozenset({"belarus"}))
    assert not support.named("Who is the owner?", frozenset({"belarus"}))


def test_a_routine_plan_is_raised_but_not_shown_and_an_awaited_decision_is(parse) -> None:
    story = parse({"a.txt": "Tim Cook will attend the opening of the new store in Paris on Friday, Apple said."})
    assert _kind(asked(story), "pending") and not awaited(story) and not _kind(open_questions(story, BuildConfig()), "pending")
    text = "Judge Amy Berman will decide on Monday whether the trial of Paul Manafort can go ahead. Manafort denies the charges."
    assert _kind(open_questions(parse({"a.txt": text}), BuildConfig()), "pending")  # the cue and every other sign


def test_what_ought_to_stay_unknown_and_what_will_be_made_known_are_not_asked(parse) -> None:
    aim = 'He said: "The listener should not know which part is Bach\'s and which part is mine."'
    assert not _kind(asked(parse({"a.txt": aim})), "unknown")  # an aim, not a gap in the news
    assert _kind(asked(parse({"a.txt": "Police could not say who fired the shots."})), "unknown")  # a refusal stays
    assert not _kind(asked(parse({"a.txt": "Performers have yet to be confirmed for the benefit later this month."})), "pending")
    (q,) = _kind(asked(parse({"a.txt": "Jones has yet to be confirmed by the Senate."})), "pending")  # a vote awaited
    assert q.question == "Will Jones be confirmed by the Senate?"


def test_a_case_under_if_or_unless_is_not_unknown(parse) -> None:
    story = parse({"a.txt": "The gold is not treasure trove unless the identity of the owner cannot be determined."})
    assert not _kind(asked(story), "unknown")
    story = parse({"a.txt": "The identity of the owner of the gold coins has not been determined."})
    assert _kind(asked(story), "unknown")


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("The cause of the fire is under investigation.", "What caused the fire?"),
        ("The cause of the fire was not announced.", "What caused the fire?"),
        ("Police are investigating what caused the fire.", "What caused the fire?"),
        ("The fire marshal will determine the cause of the fire.", "What caused the fire?"),
        ("Investigators are trying to determine why the fire spread so fast.", "Why did the fire spread so fast?"),
        ("Investigators determined that the fire was set on purpose.", None),  # found: nothing left open
        ("Police are not investigating what caused the fire.", None),
        ("A panel will meet to determine how the vaccine should be given to children.", None),  # a decision to come
    ],
)
def test_what_a_probe_under_way_or_to_come_is_to_find_is_unknown(parse, text: str, question: str | None) -> None:
    story = parse({"a.txt": "A fire destroyed a warehouse in Oakland on Tuesday, killing two workers. " + text})
    found = [q.question for q, _, _ in candidates(story) if q.kind == "unknown"]
    assert found == ([question] if question else [])


def test_a_question_about_what_the_title_names_is_about_a_name(parse) -> None:
    """ "What caused the fire?" holds no name, but under "Warehouse fire kills two" the reader knows which fire."""
    story = parse(
        {"a.txt": "A fire destroyed a warehouse in Oakland on Tuesday, killing two workers. The cause of the fire is under investigation."}
    )
    signs = {q.question: s for q, s, _ in candidates(story, title="Warehouse fire kills two in Oakland")}
    assert "named" in signs["What caused the fire?"] and support.score(signs["What caused the fire?"]) >= support.THRESHOLD
    assert "named" not in {q.question: s for q, s, _ in candidates(story)}["What caused the fire?"]  # no title: no anchor


def test_a_denial_counts_from_a_named_party_only(parse) -> None:
    story = parse({"a.txt": "The man denied that the country was in the midst of a civil war."})
    assert not _kind(asked(story), "disputed")
    story = parse({"a.txt": "The Libyan government denied that the country was in the midst of a civil war."})
    assert _kind(asked(story), "disputed")


def test_a_denial_asked_for_or_to_come_is_no_denial(parse) -> None:
    story = parse({"a.txt": "The Libyan government asked the network to help it deny that the country was at war."})
    assert not _kind(asked(story), "disputed")
    story = parse({"a.txt": "The Libyan government will deny that the country is at war."})
    assert not _kind(asked(story), "disputed")
    story = parse({"a.txt": "The Libyan government does deny that the country was in the midst of a civil war."})
    assert _kind(asked(story), "disputed")


def test_a_name_whose_last_word_is_a_role_noun_is_no_he(parse) -> None:
    from briefgen.questions.parse import speaker_of

    (art,) = parse({"a.txt": "Chris Weitz met the studio. The Hollywood Reporter said Friday he is the current candidate."})
    s = art.sentences[1]
    said = next(i for i, t in enumerate(s.tokens) if t.lemma == "say")
    assert speaker_of(art, s, said) == ("the Hollywood Reporter", "many")  # 'it', not 'he'
    assert not any("Hollywood Reporter the" in q.question for q in asked([art]))
    (art,) = parse({"a.txt": "Chris Weitz met the studio. The reporter said Friday he is the current candidate."})
    s = art.sentences[1]
    assert speaker_of(art, s, next(i for i, t in enumerate(s.tokens) if t.lemma == "say"))[1] == "one"  # a description: any


CLAIM = "Chris Weitz is negotiating to direct the sequel to Twilight, industry sources say. The studio would not confirm the report."


def test_a_general_disclaimer_of_missing_proof_links_to_no_claim(parse) -> None:
    claim = "Rebels said government troops shelled the town of Homs on Friday, killing 40 civilians."
    disclaimer = "CNN cannot independently verify opposition or government reports."
    assert not _kind(asked(parse({"a.txt": f"{claim} {disclaimer}"})), "unverified")
    pointed = "The government would not confirm the report."  # points back at the claim before it
    assert _kind(asked(parse({"a.txt": f"{claim} {pointed}"})), "unverified")


@pytest.mark.parametrize(
    ("other", "settled"),
    [
        ("Entertainment Weekly has now confirmed that Chris Weitz will direct the sequel to Twilight.", True),
        ("Entertainment Weekly could not confirm that Chris Weitz will direct the sequel to Twilight.", False),  # no confirmation
        ("Entertainment Weekly has now confirmed that Bill Condon will direct the sequel to Breaking Dawn.", False),  # another claim
    ],
)
def test_an_unverified_claim_that_another_source_reports_confirmed_is_not_asked(parse, other: str, settled: bool) -> None:
    story = parse({"a.txt": CLAIM, "b.txt": other})
    assert _kind(asked([story[0]]), "unverified")  # the claim alone is asked
    assert bool(_kind(asked(story), "unverified")) is not settled


def test_figures_of_different_places_do_not_conflict(parse) -> None:
    story = parse(
        {
            "a.txt": "Twelve people were injured in the riots in Athens on Wednesday, police said.",
            "b.txt": "Eighteen people were injured in the riots in Thessaloniki on Wednesday, police said.",
        }
    )
    assert not _kind(asked(story), "conflicting")
    story = parse(
        {
            "a.txt": "Twelve people were injured in the riots in Athens on Wednesday, police said.",
            "b.txt": "Eighteen people were injured in the riots in Athens on Wednesday, police said.",
        }
    )
    assert _kind(asked(story), "conflicting")


def test_an_identity_another_source_gives_by_the_role_is_not_unknown(parse) -> None:
    unknown = "The identity of the victim was not revealed on Sunday."
    alone = parse({"a.txt": unknown, "b.txt": "Crews cleared the road on Sunday."})
    (q,) = _kind(asked(alone), "unknown")
    assert q.question == "Who is the victim?"
    named = parse({"a.txt": unknown, "b.txt": "The victim, John Smith, was a teacher at the school."})
    assert not _kind(asked(named), "unknown")
    other = parse({"a.txt": unknown, "b.txt": "The driver, John Smith, was a teacher at the school."})
    assert _kind(asked(other), "unknown")  # another role names nobody as the victim


@pytest.mark.parametrize(
    ("open_", "answer", "kind"),
    [
        (
            "The cause of the fire at the warehouse has not been determined.",
            "The fire at the warehouse was started by a space heater, investigators said.",
            "unknown",
        ),
        (
            "The location of the wreck of the Musashi was unknown for decades.",
            "The wreck of the Musashi was found in the Sibuyan Sea by a team led by Paul Allen.",
            "unknown",
        ),
        (
            "Judge Amy Berman will decide on Monday whether the trial of Paul Manafort can go ahead.",
            "Judge Amy Berman ruled on Monday that the trial of Paul Manafort can go ahead.",
            "pending",
        ),
    ],
)
def test_the_event_the_story_reports_answers_its_question_in_other_words(parse, open_: str, answer: str, kind: str) -> None:
    assert _kind(asked(parse({"a.txt": open_, "b.txt": "Crews worked through the night."})), kind)
    assert not _kind(asked(parse({"a.txt": open_, "b.txt": answer})), kind)


@pytest.mark.parametrize(
    ("open_", "other", "settled"),
    [
        ("It was unclear whether anyone else was in the building.", "There was nobody else in the building, police said.", True),
        ("It was unclear whether anyone else was in the building.", "No one else was inside the building.", True),
        ("It was unclear whether anyone else was in the building.", "The gunman was not in the building.", False),  # not "anyone"
        ("It was unclear whether anyone else was in the building.", "Nobody else was in the car.", False),  # another place
        ("It was unclear whether the gunman was armed.", "The gunman was not armed.", True),
        ("It was unclear whether the gunman was armed.", "The officer was not armed.", False),  # another subject
        ("It was unclear whether the gunman was armed.", "He might not have been armed.", False),  # no statement of fact
        ("It was unclear whether the suspect was armed.", "The suspect was not armed, police said.", True),  # a person, no hedge
        ("It was unclear whether the suspect was armed.", "Police suspect he was not armed.", False),  # a hedge
    ],
)
def test_a_yes_no_unknown_that_another_sentence_denies_is_not_asked(parse, open_: str, other: str, settled: bool) -> None:
    assert _kind(asked(parse({"a.txt": open_, "b.txt": "Crews worked through the night."})), "unknown")
    assert bool(_kind(asked(parse({"a.txt": open_, "b.txt": other})), "unknown")) is not settled


@pytest.mark.parametrize(
    ("open_", "other_date", "overtaken"),
    [
        ("It was not immediately known whether the gunman was still in the building.", "2024-03-02", True),
        ("It was not immediately known whether the gunman was still in the building.", "2024-03-01", False),  # same day
        ("It was not immediately known whether the gunman was still in the building.", "2024-02-28", False),  # older
        ("It was unclear whether the gunman was in the building.", "2024-03-02", False),  # no "for now" in it
    ],
)
def test_an_unknown_for_now_is_not_asked_beside_a_later_article(parse, open_: str, other_date: str, overtaken: bool) -> None:
    story = parse({"a.txt": open_, "b.txt": "Crews worked through the night."}, dates={"a.txt": "2024-03-01", "b.txt": other_date})
    assert bool(_kind(asked(story), "unknown")) is not overtaken


def test_an_inferred_date_does_not_overtake_an_unknown_for_now(parse) -> None:
    open_ = "It was not immediately known whether the gunman was still in the building."
    a, b = parse({"a.txt": open_, "b.txt": "Crews worked through the night."}, dates={"a.txt": "2024-03-01", "b.txt": "2024-03-02"})
    b = dataclasses.replace(b, article=dataclasses.replace(b.article, date_source="inferred"))  # for grouping only
    assert _kind(asked([a, b]), "unknown")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The medical examiner's office will determine the cause of death.", False),  # a certain step
        ("The Nevada Tax Commission will vote on the regulation on Thursday.", False),  # a certain step, no outcome
        ("John Fuller, the attorney of Hayes, said Monday that Hayes plans to plead not guilty.", False),  # his own plan
        ("The House Oversight Committee is expected to vote to hold Lois Lerner in contempt of Congress.", True),  # awaited
    ],
)
def test_pending_is_shown_only_for_an_outcome_others_await(parse, text: str, shown: bool) -> None:
    assert bool(awaited(parse({"a.txt": text}))) is shown


def test_an_unknown_up_to_now_is_the_background_the_news_fills(parse) -> None:
    gap = "Scientists have long linked sleep to memory, but it's been unclear what happens when babies sleep for a long time."
    assert not _kind(asked(parse({"a.txt": gap})), "unknown")
    assert _kind(asked(parse({"a.txt": "It is unclear what happens when babies sleep for a long time."})), "unknown")


def test_extent_asks_about_the_thing_not_the_word(parse) -> None:
    (q,) = _kind(asked(parse({"a.txt": "The extent of the damage to the bridge was not clear on Sunday."})), "unknown")
    assert q.question == "How extensive is the damage to the bridge?"
    (q,) = _kind(asked(parse({"a.txt": "The extent of the injuries of the third victim was not clear."})), "unknown")
    assert q.question == "How extensive are the injuries of the third victim?"  # the head noun, not the last, agrees


def test_a_possessive_of_the_questions_own_subject_is_not_replaced_by_the_name(parse) -> None:
    questions = [q.question for q in asked(parse({"a.txt": "It's unclear why Kim Lehmkuhl failed to do her job."}))]
    assert not any("Lehmkuhl's job" in q for q in questions), questions


def test_a_name_owning_the_speaker_is_not_the_speaker(parse) -> None:
    text = (
        "Colvin's mother, Rosemarie, said Sunday that aid workers have been trying for days to remove her daughter's body. "
        "The claim could not be independently verified."
    )
    assert not any("Colvin's daughter" in q.question for q in asked(parse({"a.txt": text})))


def test_a_note_by_the_claims_own_speaker_casts_no_doubt(parse) -> None:
    claim = "Weapons were found in the apartment of the man, the official said."
    own = claim + " There was no immediate evidence that the suspect had ties to any organized groups, the official said."
    other = claim + " The claim could not be independently verified."
    assert not _kind(asked(parse({"a.txt": own})), "unverified")
    assert _kind(asked(parse({"a.txt": other})), "unverified")


def test_figures_for_places_neither_of_which_holds_the_other_do_not_conflict(parse) -> None:
    story = parse(
        {
            "a.txt": "Fifteen people were killed in Idlib and Aleppo on Monday, activists said.",
            "b.txt": "Elsewhere in Syria, two people were killed in Idlib on Monday, activists said.",
        }
    )
    assert not _kind(asked(story), "conflicting")


ALIVE = "It was not known whether Ryan Belliveau was alive."
WHEREABOUTS = "The whereabouts of French reporter Edith Bouvier remain unclear."
NOMINEES = "It is unclear how many potential nominees President Trump is considering for the Supreme Court."


@pytest.mark.parametrize(
    ("open_", "other", "settled"),
    [
        (ALIVE, "The body of Ryan Belliveau was found on Sunday, police said.", True),  # a death
        (ALIVE, "Ryan Belliveau died in hospital on Sunday.", True),
        (ALIVE, "Police have not found Ryan Belliveau.", False),  # no result: negated
        (ALIVE, "Ryan Belliveau may have died in the storm.", False),  # no result: a guess
        (ALIVE, "Tom Grant died in hospital on Sunday.", False),  # another person
        # his death named in a side phrase states it all the same; a search for his body does not
        (ALIVE, "His mother faces murder charges in connection with Ryan Belliveau's death.", True),
        (ALIVE, "Divers searched the lake for Ryan Belliveau's body on Sunday.", False),
        # the question's person a pronoun of its sentence: the name the question gives is whom the death must name
        (
            "Police said Ryan Belliveau had been found, but did not say if he was alive.",
            "His mother faces murder charges in connection with Ryan Belliveau's death.",
            True,
        ),
        (WHEREABOUTS, "Edith Bouvier was rescued from Homs on Tuesday.", True),  # a rescue
        (WHEREABOUTS, "British photographer Paul Conroy was rescued from Homs on Tuesday.", False),  # another person
        (WHEREABOUTS, "French reporter Edith Piaf was rescued from Homs on Tuesday.", False),  # another Edith
        ("It is unclear what happened to Michael Rockefeller.", "Police arrested Michael Rockefeller in Ohio on Tuesday.", True),
        ("It was unclear whether Tony Scott was ill.", "Tony Scott died on Sunday.", False),  # "ill" is no fate: still open
        (
            "The location of the Musashi's wreck was unknown.",
            "Researchers believe the Musashi's wreck was found in the Sibuyan Sea.",
            False,  # a hedge
        ),
        (
            "For decades it was unknown where the wreck of the battleship was.",
            "A team led by Paul Allen found the wreck of the battleship in the Sibuyan Sea.",
            True,  # a thing found with a place
        ),
        (
            "For decades it was unknown where the wreck of the battleship was.",
            "A team led by Paul Allen found the wreck of the battleship with a robot.",
            False,  # found, but no place given
        ),
        (NOMINEES, "President Trump nominated Brett Kavanaugh to the Supreme Court on Monday.", True),  # the choice made
        (NOMINEES, "President Trump will nominate a judge to the Supreme Court on Monday.", False),  # not yet
        (NOMINEES, "The mayor appointed a new police chief on Monday.", False),  # another choice
        (NOMINEES, "President Trump named a Supreme Court clerk as his spokesman on Monday.", False),  # no nomination
        (NOMINEES, "Brett Kavanaugh was never a Supreme Court nominee, but he was nominated for a teaching award.", False),
    ],
)
def test_a_result_answers_the_question_about_the_state_before_it(parse, open_: str, other: str, settled: bool) -> None:
    assert _kind(asked(parse({"a.txt": open_, "b.txt": "Crews worked through the night."})), "unknown")
    assert bool(_kind(asked(parse({"a.txt": open_, "b.txt": other})), "unknown")) is not settled


MEMO = (
    "A memo from the agency said the UN Population Fund worked closely with China's family planning commission. "
    "The fund would not confirm the report."
)


@pytest.mark.parametrize(
    ("other", "settled"),
    [
        ("The UN Population Fund worked closely with China's family planning commission for years.", True),  # plain fact
        ("The UN Population Fund worked closely with China's family planning commission, officials said.", False),  # attributed
        ("The UN Population Fund worked closely with China's family planning commission, the agency wrote.", False),
        ("The UN Population Fund reportedly worked closely with China's family planning commission.", False),
        ("The UN Population Fund worked closely with China's family planning commission, documents show.", False),  # a paper
        ("The UN Population Fund worked closely with China's family planning commission, adding staff in Beijing.", True),  # no one's word
        ("The UN Population Fund may have worked closely with China's family planning commission.", False),  # hedged
        ("The UN Population Fund worked in 150 countries.", False),  # another fact
        ("The UN Population Fund funded a census run by China's family planning commission.", False),  # another deed of theirs
    ],
)
def test_an_unverified_claim_the_story_states_as_fact_is_not_asked(parse, other: str, settled: bool) -> None:
    assert _kind(asked(parse({"a.txt": MEMO})), "unverified")
    assert bool(_kind(asked(parse({"a.txt": f"{MEMO} {other}"})), "unverified")) is not settled


def test_a_note_of_missing_proof_in_another_article_doubts_no_claim(parse) -> None:
    """The note must point at the claim: the next sentence of its own article, or its own sentence. Another article's
    note sharing the claim's words linked claims judged wrong every time on unseen news."""
    claim = "Officials said the company paid large bribes to the mining minister in March."
    note = "There is no evidence that the company paid bribes to the mining minister."
    assert not _kind(asked(parse({"a.txt": claim, "b.txt": f"The company denied wrongdoing. {note}"})), "unverified")
    assert _kind(asked(parse({"a.txt": f"{claim} {note}"})), "unverified")  # the next sentence: asked


def test_missing_proof_of_something_else_doubts_no_claim(parse) -> None:
    """What the missing proof would show, or what is unconfirmed, must be the claim's own matter."""
    claim = "The company said that more than 200,000 credit card numbers were illegally obtained."
    beside = "It found no evidence that personal information of consumers in any other country has been impacted."
    assert not _kind(asked(parse({"a.txt": f"{claim} {beside}"})), "unverified")
    shows = "There is no evidence that any credit card numbers were obtained."
    assert _kind(asked(parse({"a.txt": f"{claim} {shows}"})), "unverified")
    names = "Officials said Nature Air had provided a passenger list, but the names on it had not been confirmed."
    assert not any("passenger list" in q.question for q in _kind(asked(parse({"a.txt": names})), "unverified"))
    # the missing proof names a matter of its own that the claim does not speak of, although both name the U.N.
    memo = "The memo said the U.N. collaborates with the Chinese agency on family planning."
    other = "Still, the memo acknowledged there was no evidence of U.N. support for forced abortions or sterilization."
    assert not _kind(asked(parse({"a.txt": f"{memo} {other}"})), "unverified")
    same = "Still, there was no evidence of U.N. collaboration with the agency."
    assert _kind(asked(parse({"a.txt": f"{memo} {same}"})), "unverified")


@pytest.mark.parametrize(
    "text, shouting",
    [
        ("THE PRESIDENT SAID TODAY THAT THE TALKS WILL GO ON.", True),
        ("The president said today that the talks will go on.", False),
        ("ABCDEFGHIJKLMNOPQRS", False),  # 19 letters: too short to tell
        ("ABCDEFGHIJKLMNOPabcd", False),  # 16 of 20 in capitals: not more than 80 %
        ("ABCDEFGHIJKLMNOPQabc", True),
        ("ⅧⅧⅧ ⒶⒷⒸ abcdefghijklmnopqrstuvwxyz", False),  # capitals that are no letters do not count
        ("ÉTÉ À PARIS, LES GRÈVES CONTINUENT DANS TOUT LE PAYS.", True),
    ],
)
def test_a_sentence_in_capitals_is_shouting(text: str, shouting: bool) -> None:
    from briefgen.questions import _shouting

    letters = [c for c in text if c.isalpha()]
    assert _shouting(text) is shouting
    assert shouting == (len(letters) >= 20 and sum(c.isupper() for c in letters) > 0.8 * len(letters))


THE_TWO = [  # "It was unclear whether the two discussed Cabinet posts."
    ("It", "it", "PRON", "PRP", "nsubjpass", 1),
    ("was", "be", "AUX", "VBD", "ROOT", 1),
    ("unclear", "unclear", "ADJ", "JJ", "acomp", 1),
    ("whether", "whether", "SCONJ", "IN", "mark", 6),
    ("the", "the", "DET", "DT", "det", 5),
    ("two", "two", "NUM", "CD", "nsubj", 6, "CARDINAL"),
    ("discussed", "discuss", "VERB", "VBD", "ccomp", 2),
    ("Cabinet", "Cabinet", "PROPN", "NNP", "compound", 8, "ORG"),
    ("posts", "post", "NOUN", "NNS", "dobj", 6),
    (".", ".", "PUNCT", ".", "punct", 1),
]
THE_TWO_LEADERS = [  # "It was unclear whether the two leaders discussed Cabinet posts."
    ("It", "it", "PRON", "PRP", "nsubjpass", 1),
    ("was", "be", "AUX", "VBD", "ROOT", 1),
    ("unclear", "unclear", "ADJ", "JJ", "acomp", 1),
    ("whether", "whether", "SCONJ", "IN", "mark", 7),
    ("the", "the", "DET", "DT", "det", 6),
    ("two", "two", "NUM", "CD", "nummod", 6, "CARDINAL"),
    ("leaders", "leader", "NOUN", "NNS", "nsubj", 7),
    ("discussed", "discuss", "VERB", "VBD", "ccomp", 2),
    ("Cabinet", "Cabinet", "PROPN", "NNP", "compound", 9, "ORG"),
    ("posts", "post", "NOUN", "NNS", "dobj", 7),
    (".", ".", "PUNCT", ".", "punct", 1),
]


def test_a_number_standing_for_its_noun_is_not_asked() -> None:
    """ "Did the two discuss Cabinet posts?" leaves the reader asking which two, as a bare "they" would; with its noun
    ("the two leaders") the question stands alone."""
    assert not asked([article("a.txt", [THE_TWO])])
    (q,) = asked([article("a.txt", [THE_TWO_LEADERS])])
    assert q.question == "Did the two leaders discuss Cabinet posts?"


def test_a_bare_definite_the_summary_never_mentions_is_not_asked(parse) -> None:
    """ "Who carried out the abduction?" under a summary that never speaks of an abduction: the reader cannot tell
    which one; once a summary sentence other than its own evidence does, the question stands."""
    from briefgen.models import Citation, SummarySentence

    def with_summary(lead: str) -> list[str]:
        story = parse({"a.txt": f"{lead} It was unclear who carried out the abduction."})
        first = story[0].sentences[0]
        return [q.question for q in asked(story, [SummarySentence(Citation(first.text, "a.txt", first.index), 1.0)])]

    assert "Who carried out the abduction?" in asked(parse({"a.txt": "It was unclear who carried out the abduction."}))[0].question
    assert not any("abduction" in q for q in with_summary("Police in Lagos searched the city on Monday."))
    assert any("abduction" in q for q in with_summary("Police in Lagos investigated the abduction of a businessman on Monday."))


def test_a_bare_definite_the_title_does_not_name_is_not_asked(parse) -> None:
    """ "When might the high court act?" under a title that names no court: the reader cannot tell which court; the
    title is what every reader of the question has read, so a court it names ("... court ruling") makes it stand."""
    story = parse({"a.txt": "The president signed the bill on Tuesday. It is unclear when the high court might act."})

    def questions(title: str) -> list[str]:
        return [q.question for q, _, _ in candidates(story, [], title)]

    assert any("court" in q.question for q in asked(story))  # no title, no summary: no such check
    assert not any("court" in q for q in questions("President signs the bill"))
    assert any("court" in q for q in questions("President signs the bill before a court ruling"))


def test_a_title_names_a_noun_in_any_inflection_or_as_a_compound_s_last_part() -> None:
    from briefgen.questions.parse import named_in, stem

    assert named_in(stem("charge"), "Man charged with arson over fire")
    assert named_in(stem("device"), "Two devices found near the bank")
    assert named_in(stem("earthquake"), "Ten dead in southern Iran quake")
    assert named_in(stem("church"), "Palin's Church Damaged In Suspicious Fire")
    assert not named_in(stem("store"), "Man charged with arson over Waitrose fire")
    assert not named_in(stem("office"), "Police officer shot in Detroit")


def test_a_comparison_without_its_other_term_is_not_asked(parse) -> None:
    """ "How many millions more were spent ...?": more than what? The question points back at a sentence the reader
    has not read; with its "than", or without the comparison, it stands alone; "each other" points at nothing outside."""

    def questions(text: str) -> list[str]:
        return [q.question for q in asked(parse({"a.txt": text}))]

    assert not questions("It is unclear how many millions more were spent on the dairy.")
    assert questions("It is unclear how many millions were spent on the dairy.")
    assert not any("another" in q for q in questions("It is unclear whether Lerner will face another hearing."))
    assert any("each other" in q for q in questions("It is unclear whether the two rappers knew each other."))
    assert not questions("It is unclear whether such attacks happened before.")
    assert not questions("It is unclear whether the latter will resign.")
    assert questions("It is unclear whether the former president will resign.")


TORN = [  # "The firm paid a fee to a show hosted by Jones is a pun.": "is a pun" parsed as a clause without a subject
    ("The", "the", "DET", "DT", "det", 1),
    ("firm", "firm", "NOUN", "NN", "nsubj", 2),
    ("paid", "pay", "VERB", "VBD", "ROOT", 2),
    ("a", "a", "DET", "DT", "det", 4),
    ("fee", "fee", "NOUN", "NN", "dobj", 2),
    ("to", "to", "ADP", "IN", "prep", 2),
    ("a", "a", "DET", "DT", "det", 7),
    ("show", "show", "NOUN", "NN", "pobj", 5),
    ("hosted", "host", "VERB", "VBN", "acl", 7),
    ("by", "by", "ADP", "IN", "agent", 8),
    ("Jones", "Jones", "PROPN", "NNP", "pobj", 9, "PERSON"),
    ("is", "be", "AUX", "VBZ", "advcl", 2),
    ("a", "a", "DET", "DT", "det", 13),
    ("pun", "pun", "NOUN", "NN", "attr", 11),
    (".", ".", "PUNCT", ".", "punct", 2),
]


def test_a_rebuilt_clause_that_keeps_a_verb_without_its_subject_is_not_asked() -> None:
    """The parse check of a rebuild: "Did the firm pay a fee to a show hosted by Jones is a pun?" keeps a finite verb
    whose subject the parse never gave it."""
    assert clause_question(sentence(TORN), 2) is None
    assert clause_question(sentence([*TORN[:11], TORN[14]]), 2) == "Did the firm pay a fee to a show hosted by Jones?"


def test_an_article_that_counts_the_noun_both_ways_has_updated_and_does_not_conflict(parse) -> None:
    """ "Police say two people were stabbed" beside another article's three conflicts; once the first article itself
    says "left three people stabbed" further down, it has moved on from its first figure: an update, not a conflict."""
    other = "Three people were stabbed at a rally in Anaheim on Saturday, police said."
    first = "Police say two people were stabbed at a rally in Anaheim on Saturday."
    assert _kind(asked(parse({"a.txt": first, "b.txt": other})), "conflicting")
    later = first + " The brawl left three people stabbed, police said later."
    assert not _kind(asked(parse({"a.txt": later, "b.txt": other})), "conflicting")


@pytest.mark.parametrize(
    ("unknown", "answer", "neither"),
    [
        (  # a noun made of the predicate, after a light verb: "made an appearance" for "appear"
            "It was unclear when Kirkpatrick would appear in court to answer the charge.",
            "Kirkpatrick made a brief appearance in court on Monday on a charge of murder.",
            "Kirkpatrick is in jail on a charge of murder.",
        ),
        (  # what is to become of a thing: something done to it, as what will be
            "It was not immediately clear what would happen to the pirates captured by the navy.",
            "The pirates were taken on board and would be handed over to authorities in Djibouti.",
            "The pirates may be handed over to authorities in Djibouti.",  # a guess answers nothing
        ),
        (  # whether an event goes on: its own predicate, said to go on still
            "It was unclear whether the merger talks were continuing.",
            "A spokesman confirmed the two firms were still discussing a merger.",
            "The two firms discussed a merger last year.",  # a past talk is not one that goes on
        ),
        (  # what a visit was for: the same person's going somewhere, with a purpose
            "Peavy said the specific reason for Ortiz's visit was unknown.",
            "Deputy Ortiz had gone to the apartment complex to question a woman about a shooting.",
            "Deputy Smith had gone to the apartment complex to question a woman about a shooting.",  # another person's
        ),
    ],
)
def test_a_question_another_article_answers_in_other_words_is_not_asked(parse, unknown: str, answer: str, neither: str) -> None:
    assert not _kind(asked(parse({"a.txt": unknown, "b.txt": answer})), "unknown")
    assert _kind(asked(parse({"a.txt": unknown, "b.txt": neither})), "unknown")


def test_a_noun_made_of_a_predicate() -> None:
    from briefgen.questions.answering import nominal

    assert nominal("appearance", {"appear"}) and nominal("arrival", {"arrive"}) and nominal("investigation", {"investigate"})
    assert nominal("visit", {"visit"}) and not nominal("party", {"part"}) and not nominal("parking", {"park"})


def test_a_body_that_reports_it_does_not_know_raises_the_question(parse) -> None:
    """ "Investigators said they still do not know why he jumped": the "they" is the body that reports it, so the sources
    say it is unknown; a named person's "they don't know" stays that person's own view."""

    def questions(text: str) -> list[str]:
        return [q.question for q in _kind(asked(parse({"a.txt": text})), "unknown")]

    assert questions("Investigators said they still do not know why director Tony Scott jumped from the bridge on Sunday.")
    assert not questions("Smith said they still do not know why director Tony Scott jumped from the bridge on Sunday.")


def _unknowns(parse, texts: dict[str, str]) -> list[str]:
    return [q.question for q in _kind(asked(parse(texts)), "unknown")]


def test_the_sources_own_statement_of_what_is_not_known_becomes_its_question(parse) -> None:
    """The phrasings in which the sources say themselves what is open: "exactly" before the wh-word, a "he" that does
    not say (a party keeping it to itself, not his own doubt), a negated release of a name or a reasoning, "whether or
    not", and a plural whose verb agrees."""
    assert "What led up to the shootout at the depot?" in _unknowns(
        parse, {"a.txt": "It is still unclear exactly what led up to the shootout at the depot."}
    )
    assert "What was Maria Lopez being treated for?" in _unknowns(
        parse, {"a.txt": "Her agent spoke to reporters on Monday. He did not say what Maria Lopez was being treated for."}
    )
    assert not _unknowns(parse, {"a.txt": "Governor Ann Brewer has been silent, and she has not said how she will act on the bill."})
    assert "What was behind Ingram's ruling?" in _unknowns(
        parse, {"a.txt": "Judge Paul Ingram dismissed the charges on Tuesday. Ingram has not explained the reasoning behind his ruling."}
    )
    assert "Who is the victim?" in _unknowns(parse, {"a.txt": "Police have not released the name of the victim."})
    assert not _unknowns(parse, {"a.txt": "The ministry did not release the name of the ship."})  # a ship is no "who"
    assert "Is Li Wei still alive?" in _unknowns(parse, {"a.txt": "It remains unknown whether or not Li Wei is still alive."})
    assert "Where are the two missing climbers?" in _unknowns(
        parse, {"a.txt": "The whereabouts of the two missing climbers remain unclear."}
    )
    assert "What is the price of the Pixel 9?" in _unknowns(parse, {"a.txt": "The price of the Pixel 9 remains unknown."})


def test_a_question_that_runs_on_into_another_sentence_is_not_well_formed() -> None:
    names = frozenset({"zhao"})
    assert not support.well_formed("Is Zhao still alive as rescuers carry on searching More than 80 diggers arrived?", names)
    assert support.well_formed("Is Zhao still alive as rescuers carry on searching?", names)
    assert support.well_formed("Will Zhao return to direct The Hunger Games sequel?", names)  # a title


def test_an_embedded_question_answers_nothing(parse) -> None:
    """ "Police ask anyone with information about how the fire started": a request for the answer, not the answer."""
    open_ = "The cause of the fire at the Mill Street warehouse has not been determined."
    assert _unknowns(
        parse,
        {"a.txt": open_, "b.txt": "Police ask anyone with information about how the fire at the Mill Street warehouse started to call."},
    )
    assert not _unknowns(parse, {"a.txt": open_, "b.txt": "The fire at the Mill Street warehouse started in a faulty heater."})


def test_an_article_that_speaks_of_an_unknown_without_what_would_answer_it_leaves_it_open(parse) -> None:
    """For a wh-question the ``open`` sign fails only where another article could half-answer it: a sentence on the
    same matter that holds the kind of thing asked (a cause word for "why")."""

    def signs(other: str) -> frozenset[str]:
        story = parse({"a.txt": "It was not clear why Dr. Alan Reyes was armed at the clinic.", "b.txt": other})
        return next(s for q, s, _ in candidates(story) if q.question.startswith("Why was"))

    assert "open" in signs("Dr. Alan Reyes was armed at the clinic and fired at the attacker.")
    assert "open" not in signs("Dr. Alan Reyes, who was armed at the clinic, was praised after the attack.")


def test_a_pronoun_its_own_sentence_resolves_to_the_questions_name_is_plain(parse) -> None:
    story = parse({"a.txt": "Judge Paul Ingram has not explained the reasoning behind his ruling."})
    signs = next(s for q, s, _ in candidates(story) if q.question == "What was behind Ingram's ruling?")
    assert "plain" in signs


def test_a_pronoun_its_sentences_untagged_subject_names_is_plain(seed_analyzed, parse) -> None:
    """ "Prigozhin portrayed his actions as a response to the ... alleged attack on his group's field camps": the tagger
    missed the sentence's "Prigozhin", and the subject of its main verb is who "his" means (parse.own_subject). Not when
    the tagger found a person before the pronoun: then resolve decides, and two people in reach leave it open."""
    from briefgen.questions.parse import own_subject

    sputnik = next(a for a in seed_analyzed if a.article.id == "000_93218e4d7ac54160.txt")
    signs = next(s for q, s, _ in candidates([sputnik]) if q.kind == "disputed")
    assert {"cue", "plain"} <= signs and support.score(signs) >= support.THRESHOLD
    sent = as_tree(next(s for s in sputnik.sentences if "field camps" in s.text))
    his = [i for i, t in enumerate(sent.tokens) if t.text == "his"]
    assert [own_subject(sputnik, sent, i) for i in his] == ["Prigozhin's", "Prigozhin's"]
    [story] = parse({"a.txt": "Senator John Smith told Mayor Ann Lee that his office was attacked."})
    sent = as_tree(story.sentences[0])
    assert own_subject(story, sent, next(i for i, t in enumerate(sent.tokens) if t.text == "his")) is None


def test_conflicting_figures_are_plain(parse) -> None:
    """A conflict's question is built from a template and the counted noun: no pronoun is resolved."""
    story = parse(
        {
            "a.txt": "Twelve people were killed in the explosion at the market in Kabul, police said.",
            "b.txt": "Fourteen people were killed in the explosion at the market in Kabul, officials said.",
        }
    )
    assert all("plain" in s for q, s, _ in candidates(story) if q.kind == "conflicting")
    assert any(q.kind == "conflicting" for q, _, _ in candidates(story))


def test_a_question_raised_as_two_kinds_is_shown_once(monkeypatch) -> None:
    from briefgen import questions as qs

    q1 = Question("Did Smith have an affair?", "disputed", (), (), 9.0)
    q2 = Question("Did Smith have an affair?", "unverified", (), (), 8.0)
    full = frozenset(support.CUES)
    monkeypatch.setattr(qs, "candidates", lambda *a, **k: [(q1, full, True), (q2, full, True)])
    assert [q.kind for q in open_questions([], BuildConfig())] == ["disputed"]


# --- issue 16: awaited votes on bills, probes under way, excerpts cut short (questions13) ---------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (  # a vote others expect on a bill: its outcome is the bill's passage
            "The House is expected to vote on the bill this week.",
            "Will the House pass the bill this week?",
        ),
        (  # the narrator's scheduled vote: certain to be held, its outcome open
            "The Senate will vote on the measure on Thursday.",
            "Will the Senate pass the measure on Thursday?",
        ),
        (  # an awaited outcome without the steps that follow it (and their "it")
            "A draft was circulated on Saturday, and the legislature is expected to pass the legislation and send it to "
            "Governor Greg Abbott's desk shortly.",
            "Will the legislature pass the legislation?",
        ),
        (  # an alternative that holds the object both verbs share stays ("confirm or deny the meeting")
            "Chelsea have yet to officially confirm or deny the meeting with the player.",
            "Will Chelsea officially confirm or deny the meeting with the player?",
        ),
        (  # an excerpt cut short: the word before the ellipsis opens a phrase that is not there
            "The measure is expected to be approved by the Democratic-led House of Representatives as...",
            "Will the measure be approved by the Democratic-led House of Representatives?",
        ),
        (  # a step under way weighing an act of the subject's own
            "New York Governor Kathy Hochul is considering employing the National Guard at hospitals.",
            "Will New York Governor Kathy Hochul employ the National Guard at hospitals?",
        ),
        (  # a probe under way: its finding is open
            "Robert Mueller, the special counsel, is examining whether the Trump campaign colluded with Russia.",
            "Did the Trump campaign collude with Russia?",
        ),
        (  # a probe sought
            "The leaders called for the World Health Organization to lead an investigation into whether COVID-19 leaked "
            "from a research lab in China.",
            "Did COVID-19 leak from a research lab in China?",
        ),
    ],
)
def test_an_awaited_vote_or_probe_asks_its_outcome(parse, text: str, question: str) -> None:
    assert [q.question for q in awaited(parse({"a.txt": text}))] == [question]


@pytest.mark.parametrize(
    "text",
    [
        "The Senate is expected to vote on the nomination this week.",  # a vote whose outcome is no passage
        "The House is expected to vote on the bill and the budget resolution this week.",  # two passages: which?
        "Democrats plan to vote on the bill this week.",  # a party's own plan, told as what will happen
        "The investigation into whether the campaign colluded with Russia found no evidence.",  # a probe that is over
        "James Comey was leading the investigation into whether the campaign colluded with Russia until he was fired.",
        "Investigators are examining whether to charge him.",  # a party's step, no finding
        "Donald Trump was considering running as a Republican.",  # a step of the past
        "He is considering running for the Senate next year.",  # which he?
    ],
)
def test_no_vote_or_probe_outcome_awaited(parse, text: str) -> None:
    assert not awaited(parse({"a.txt": text})), text


def test_a_bill_another_article_reports_passed_is_not_asked(parse) -> None:
    assert _kind(asked(parse({"a.txt": "The House is expected to vote on the bill this week."})), "pending")
    story = parse(
        {"a.txt": "The House is expected to vote on the bill this week.", "b.txt": "The House passed the bill on Wednesday."},
        dates={"a.txt": "2024-03-01", "b.txt": "2024-03-04"},
    )
    assert not _kind(asked(story), "pending")


def test_a_probe_another_article_settles_is_not_asked(parse) -> None:
    probe = "Robert Mueller, the special counsel, is examining whether the Trump campaign colluded with Russia."
    assert _kind(asked(parse({"a.txt": probe})), "pending")
    story = parse(
        {
            "a.txt": "Robert Mueller, the special counsel, is examining whether the Trump campaign colluded with Russia.",
            "b.txt": "The Trump campaign colluded with Russia, the special counsel found.",
        },
        dates={"a.txt": "2024-03-01", "b.txt": "2024-03-04"},
    )
    assert not _kind(asked(story), "pending")


def test_a_title_about_a_bill_names_the_legislation() -> None:
    from briefgen.questions.parse import named_in, stem

    assert named_in(stem("legislation"), "House GOP leader opposes bill to create commission to study Jan. 6 riot")
    assert named_in(stem("measure"), "Senate Unanimously Approves A Bill To Make Juneteenth A Public Holiday")
    assert not named_in(stem("bill"), "Pelosi Discloses Details of Planned Jan. 6 Capitol Riot Committee")


def test_a_name_the_story_tags_once_may_open_a_question(parse) -> None:
    """ "Will Beijing ...?": a capital after the opening verb is a broken rebuild only when no name of the story has it."""
    story = parse(
        {"a.txt": "While Beijing has yet to formally recognize the Taliban as Afghanistan's new government, China issued a statement."}
    )
    ((q, _, formed),) = [c for c in candidates(story) if c[0].kind == "pending"]
    assert q.question.startswith("Will Beijing") and formed


@pytest.mark.parametrize(
    ("stated", "premise", "more"),
    [
        (  # an unknown the source states: another article tells the attack, not whether it was a prelude
            "It was not immediately clear if the raid was the prelude to a ground invasion against the rebels.",
            "Army ground troops carried out a raid on the border town early Friday.",
            "Analysts said a ground invasion against the rebels could follow the raid.",
        ),
        (  # an awaited outcome: another article restates the weighing, not its outcome
            "Health officials are considering revising masking guidelines for vaccinated Americans.",
            "Dr. Anthony Fauci said Sunday that the Centers for Disease Control and Prevention is considering recommending "
            "masks for vaccinated individuals as the Delta variant continues to surge.",
            "Health officials have discussed new masking guidelines with governors.",
        ),
    ],
)
def test_a_sentence_sharing_only_the_premise_leaves_a_stated_open_point_open(parse, stated: str, premise: str, more: str) -> None:
    """A question its sources state as open is half-answered (no ``open`` sign) only by a sentence that speaks of its
    predicate or shares more than ``support.PREMISE`` key words; two shared words of the premise say nothing of it."""

    def signs(other: str) -> frozenset[str]:
        story = parse({"a.txt": stated, "b.txt": other})
        return next(s for q, s, _ in candidates(story) if "cue" in s)

    assert "open" in signs(premise)
    assert "open" not in signs(more)


# --- a person charged: the trial's outcome is awaited -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "Police charged John Smith with first-degree murder on Monday. Smith was held without bail.",
            "Will John Smith be convicted of first-degree murder?",
        ),
        ("John Smith was charged in the death of Mary Jones, police said.", "Will John Smith be convicted in the death of Mary Jones?"),
        (
            "A grand jury indicted John Smith on federal fraud charges, prosecutors said.",
            "Will John Smith be convicted on federal fraud charges?",
        ),
        ("John Smith faces two counts of arson, police said.", "Will John Smith be convicted of arson?"),
        (
            "Tom Smith and Ann Jones were both charged with one count of murder, police said.",
            "Will Tom Smith and Ann Jones be convicted of murder?",
        ),
        (
            "Rep. John Smith was indicted on charges of illegally converting $250,000 in campaign funds to pay for trips.",
            "Will John Smith be convicted?",
        ),  # the charge too long to read in a question
        ("John Smith pleaded not guilty to the charges in court on Friday.", "Will John Smith be convicted?"),
        # a suit filed: its ruling is awaited
        (
            "Texas sued the Biden administration on Monday over its immigration policy.",
            "Will Texas’ lawsuit against the Biden administration succeed?",
        ),
        (
            "The Justice Department is suing the state of Georgia over its voting law.",
            "Will the Justice Department’s lawsuit against the state of Georgia succeed?",
        ),
        (
            "Seven police officers filed a lawsuit against Donald Trump on Thursday.",
            "Will the lawsuit against Donald Trump succeed?",
        ),  # plaintiffs unnamed
        (
            "Actor Bruce Willis is suing Revolution Studios over an injury.",
            "Will Bruce Willis’ lawsuit against Revolution Studios succeed?",
        ),
    ],
)
def test_a_charge_or_a_suit_awaits_the_court(parse, text: str, question: str) -> None:
    found = [q for q, signs, formed in candidates(parse({"a.txt": text})) if q.kind == "pending" and "cue" in signs]
    assert [q.question for q in found] == [question]


@pytest.mark.parametrize(
    "text",
    [
        "John Smith could be charged with arson, police said.",  # a charge that may come
        "John Smith was not charged, police said.",
        "John Smith was charged with arson in 2019, police said. He is now a firefighter.",  # a case of the past
        "Critics charged John Smith with hypocrisy, and the judge agreed.",  # a reproach, not a charge
        "A man was charged with arson on Monday, police said.",  # nobody named
        "John Smith was charged with arson and later convicted, police said.",
        "John Smith was charged with overseeing the budget.",  # a task, in a story of no crime
        # a firm the tagger read as a person: its last word is the article's common noun
        "Prosecutors say Beatty Rail Maintenance was charged with corporate manslaughter. The firm did the track maintenance.",
    ],
)
def test_no_trial_awaited(parse, text: str) -> None:
    assert not [q for q, _, _ in candidates(parse({"a.txt": text})) if "convicted" in q.question]


@pytest.mark.parametrize(
    "verdict",
    [
        "John Smith pleaded guilty to arson on Friday.",
        "John Smith was sentenced to ten years in prison on Friday.",
        "A jury found John Smith guilty of arson on Friday.",
        "A jury found John Smith not guilty on Friday.",
        "Prosecutors dropped the charges against John Smith on Friday.",
    ],
)
def test_a_trial_another_article_reports_decided_is_not_asked(parse, verdict: str) -> None:
    story = parse({"a.txt": "Police charged John Smith with arson on Monday.", "b.txt": verdict})
    assert not [q for q, _, _ in candidates(story) if "convicted" in q.question]


def test_a_trial_awaited_is_shown_when_two_sources_report_the_charge(parse, seed_config: BuildConfig) -> None:
    story = parse(
        {
            "a.txt": "Police charged John Smith with arson on Monday after the fire at the mill.",
            "b.txt": "John Smith was charged with arson, police said. Smith is held in the county jail.",
        }
    )
    assert [q.question for q in open_questions(story, seed_config)] == ["Will John Smith be convicted of arson?"]


# --- a suit filed: its outcome is awaited (with the charges above) ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "John Smith threatened to sue the city of Boston on Monday.",  # a suit that may come
        "John Smith did not sue Google, his lawyer said.",
        "Jane Doe sued Google in 2015 over the photos, her lawyer said.",  # a suit of the past
        "The company was sued by a former worker on Monday.",  # nobody named it is against
        "The judge dismissed the lawsuit Texas filed against the Biden administration.",
    ],
)
def test_no_ruling_awaited(parse, text: str) -> None:
    assert not [q for q, _, _ in candidates(parse({"a.txt": text})) if "lawsuit" in q.question]


def test_a_suit_another_article_reports_settled_is_not_asked(parse) -> None:
    story = parse({"a.txt": "Texas sued the Biden administration on Monday.", "b.txt": "A federal judge dismissed the case on Friday."})
    assert not [q for q, _, _ in candidates(story) if "lawsuit" in q.question]


# --- a deed alleged, not proven ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("John Smith allegedly shot a neighbor on Friday, police said.", "Did John Smith shoot a neighbor on Friday?"),
        ("John Smith is accused of stealing $5,000 from the church, police said.", "Did John Smith steal $5,000 from the church?"),
        (
            "Officers shot John Smith after he allegedly pointed a gun at the officers, police said.",
            "Did Smith point a gun at the officers?",
        ),  # "he": the one person its sentence names, by the short name it resolves to
        ("John Smith, who is accused of killing Mary Jones, appeared in court on Monday.", "Did John Smith kill Mary Jones?"),
        ("Police accused John Smith of setting the fire at the mill.", "Did John Smith set the fire at the mill?"),
    ],
)
def test_a_deed_alleged_asks_whether_it_was_done(parse, text: str, question: str) -> None:
    found = [q for q, signs, _ in candidates(parse({"a.txt": text})) if q.kind == "unverified" and "cue" in signs]
    assert [q.question for q in found] == [question]


@pytest.mark.parametrize(
    "text",
    [
        "Critics accused John Smith of lying about the budget, the court heard.",  # a reproach, not an allegation of a crime
        "The information John Smith allegedly shared was widely known, police said.",  # the clause is about the information
        "He knew Tom Brown had lied to police when he allegedly asked Mary Jones to stop.",  # "he": two people named
        "John Smith allegedly copied the design from a rival firm.",  # no criminal case in the article
        "John Smith was not accused of stealing anything, police said.",
        "A man allegedly shot a neighbor on Friday, police said.",  # nobody named
    ],
)
def test_no_deed_alleged(parse, text: str) -> None:
    assert not [q for q, _, _ in candidates(parse({"a.txt": text})) if q.kind == "unverified"]


@pytest.mark.parametrize(
    ("other", "asked"),
    [
        ("John Smith was convicted of murder on Friday.", False),  # the case decided
        ("John Smith shot the neighbor on Friday after an argument.", False),  # another source states it as fact
        ("John Smith shot the neighbor on Friday after an argument, according to police.", True),  # the accusers' account
        ("Neighbors contest police allegations that Smith shot the neighbor.", True),
    ],
)
def test_a_deed_alleged_is_answered_only_by_a_source_stating_it(parse, other: str, asked: bool) -> None:
    story = parse({"a.txt": "John Smith allegedly shot the neighbor on Friday, police said.", "b.txt": other})
    found = [q.question for q, _, _ in candidates(story) if q.kind == "unverified"]
    assert found == (["Did John Smith shoot the neighbor on Friday?"] if asked else [])


def test_a_deed_alleged_of_a_person_charged_is_asked_once(parse) -> None:
    story = parse({"a.txt": "John Smith was charged with murder on Monday. Police said Smith is accused of killing Mary Jones."})
    assert [q.question for q, _, _ in candidates(story) if "Smith" in q.question] == ["Will John Smith be convicted of murder?"]


def test_a_case_decided_is_not_one_that_may_be(parse) -> None:
    (art,) = parse({"a.txt": "If the driver was charged or convicted, the claim would be stronger."})
    assert not any(kinds.decided(s) for s in art.sentences)


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Trump contended that Mr. Strzok targeted him and accused Mr. Strzok of being treasonous, police said.",
        "Police said John Smith is accused of being a danger to the town.",  # a name called, not a deed
    ],
)
def test_no_deed_alleged_of_a_reproach(parse, text: str) -> None:
    assert not [q for q, _, _ in candidates(parse({"a.txt": text})) if q.kind == "unverified"]
