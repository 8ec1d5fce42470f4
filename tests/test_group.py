"""Story grouping: hand-made records for the rules, the ECB+ sample for the real thing."""

from __future__ import annotations

import csv
import dataclasses
import logging
import random
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from briefgen.config import BuildConfig, load_config
from briefgen.errors import BuildError
from briefgen.group import group, group_all, term_label, validate_editor
from briefgen.group.cluster import CHUNK, Pairs, average_link
from briefgen.models import AnalyzedArticle, Article, Mention, Paragraph, Sentence, Token
from briefgen.titles import headline_like

CONFIG = BuildConfig()
DATA = Path(__file__).resolve().parent / "data"

# Two prison escapes, years apart: same kind of event, different people, places and dates.
ESCAPE_A = {
    "people": ["Arcade Comeaux", "Brad Livingston"],
    "places": ["Houston", "Conroe"],
    "date": "2009-11-30",
    "words": "inmate escaped prison van guards wheelchair pistol manhunt marshals",
}
ESCAPE_B = {
    "people": ["Brian Nichols", "Rowland Barnes"],
    "places": ["Atlanta", "Fulton County"],
    "date": "2005-03-11",
    "words": "courthouse killer escaped deputy judge shooting manhunt marshals",
}
REHAB = {
    "people": ["Lindsay Lohan", "Shawn Holley"],
    "places": ["Betty Ford Center", "Rancho Mirage"],
    "date": "2013-05-03",
    "words": "actress rehab treatment probation court judge stay center",
}


def make(
    aid: str, title: str, sentences: Sequence[str], date: str | None = None, story: str | None = None, names: dict[str, str] | None = None
) -> AnalyzedArticle:
    """An analysed article by hand: capitalised words are proper nouns; ``names`` maps
    entity text to its label, and every occurrence of it becomes a mention."""
    text = " ".join(sentences)
    sents, mentions, pos = [], [], 0
    for index, raw in enumerate(sentences):
        start = text.index(raw, pos)
        tokens = tuple(
            Token(m.group(), m.group().lower(), "PROPN" if m.group()[0].isupper() else "NOUN", "NN", "dep", 0, start + m.start())
            for m in re.finditer(r"[\w'-]+", raw)
        )
        sents.append(Sentence(index, raw, start, start + len(raw), 0, tokens))
        for name, label in (names or {}).items():
            for m in re.finditer(re.escape(name), raw):
                mentions.append(Mention(name, label, start + m.start(), start + m.end(), index))
        pos = start + len(raw)
    article = Article(aid, title, text, (Paragraph(text, 0),), date=date, story=story)
    return AnalyzedArticle(article, tuple(sents), tuple(mentions))


def event_articles(event: dict, prefix: str, n: int, offset: int = 0) -> list[AnalyzedArticle]:
    """``n`` reports of one event: each names its people and places and most of its words,
    in a different order, among words every story uses."""
    names = dict.fromkeys(event["people"], "PERSON") | dict.fromkeys(event["places"], "GPE")
    words = event["words"].split()
    out = []
    for k in range(offset, offset + n):
        first, second = event["people"][k % 2], event["people"][(k + 1) % 2]
        here, there = event["places"][k % 2], event["places"][(k + 1) % 2]
        picked = [words[(k + j) % len(words)] for j in range(len(words) - 2)]
        sentences = [
            f"{first} was in the news in {here} as officials reported the {' and the '.join(picked[:4])}.",
            f"Reports said {second} spoke about the {' and the '.join(picked[4:])} near {there}.",
            f"Police officials said the day was long, and {first} and {second} were seen in {here} and {there}.",
        ]
        out.append(make(f"{prefix}{k}.txt", f"{first} {picked[0]} in {here}", sentences, event["date"], names=names))
    return out


def test_same_kind_events_apart_and_each_event_together() -> None:
    items = event_articles(ESCAPE_A, "a", 5) + event_articles(ESCAPE_B, "b", 5) + event_articles(REHAB, "r", 4)
    stories = group(items, CONFIG)
    groups = sorted(sorted(s.articles) for s in stories)
    assert groups == sorted(sorted(a.article.id for a in items if a.article.id.startswith(p)) for p in "abr")


def test_a_follow_up_weeks_later_is_a_story_of_its_own_in_the_event_s_topic() -> None:
    """A trial two years after an escape, or the search a month after a plane went missing, shares the event's cast and
    words; it is a later event of the same running subject: its own story, in the same topic (``group.apart``)."""
    trial = dict(ESCAPE_A, date="2011-12-01")
    items = event_articles(ESCAPE_A, "a", 4) + event_articles(trial, "t", 3, offset=4) + event_articles(ESCAPE_B, "b", 5)
    grouping = group_all(items, CONFIG)
    groups = sorted(sorted(s.articles) for s in grouping.stories)
    assert sorted(a.article.id for a in items if a.article.id[0] == "a") in groups
    assert sorted(a.article.id for a in items if a.article.id[0] == "t") in groups
    assert sorted(a.article.id for a in items if a.article.id[0] == "b") in groups
    topic = {s.id: s.topic for s in grouping.stories}
    assert topic[story_of(grouping, "a0.txt")] == topic[story_of(grouping, "t4.txt")]
    together = group(items, dataclasses.replace(CONFIG, group_apart_days=0))  # 0: never cut
    assert sorted(a.article.id for a in items if a.article.id[0] in "at") in sorted(sorted(s.articles) for s in together)


def test_apart_cuts_where_dates_stand_apart_and_places_the_undated() -> None:
    from datetime import date

    from briefgen.group import apart

    own = [date(2024, 3, 1), date(2024, 3, 3), date(2024, 3, 25), None, None, date(2024, 3, 8)]
    inferred = [*own[:3], date(2024, 3, 24), None, own[5]]
    assert apart([[0, 1, 2, 3, 4, 5]], own, inferred, 7) == [[0, 1, 4, 5], [2, 3]]  # 5 days from 3 to 8 March: kept
    assert apart([[0, 1, 2, 3, 4, 5]], own, inferred, 0) == [[0, 1, 2, 3, 4, 5]]
    assert apart([[0, 1, 3]], own, inferred, 7) == [[0, 1, 3]]  # an inferred date alone cuts nothing
    assert apart([[0, 1, 2, 3, 4, 5]], own, inferred, 7, whole=[[1, 2]]) == [[0, 1, 2, 3, 4, 5]]  # a published story bridges
    assert apart([[0, 1, 2, 3, 4, 5]], own, inferred, 7, whole=[[0, 1]]) == [[0, 1, 4, 5], [2, 3]]


def test_adding_articles_keeps_ids() -> None:
    first = event_articles(ESCAPE_A, "a", 3) + event_articles(ESCAPE_B, "b", 3)
    before = group(first, CONFIG)
    more = first + event_articles(ESCAPE_A, "a", 3, offset=3) + event_articles(REHAB, "r", 3)
    after = group(more, CONFIG, previous={s.id: s.articles for s in before})
    old = {s.id: set(s.articles) for s in before}
    new = {s.id: set(s.articles) for s in after}
    assert all(sid in new and arts <= new[sid] for sid, arts in old.items())
    (rehab,) = [sid for sid, arts in new.items() if any(a.startswith("r") for a in arts)]
    assert rehab not in old and rehab.startswith("s-")
    (escape,) = [sid for sid, arts in old.items() if any(a.startswith("a") for a in arts)]
    assert len(new[escape]) == 6


def test_a_rebuild_over_the_same_articles_groups_them_as_the_full_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """Last edition's stories keep themselves whole in the story pass only: the first pass's blocks (the
    pair model's "same kind of thing") are made from the articles alone. Started from those stories,
    average link's greedy order moved articles between blocks, and at 4,950 synthetic articles a rebuild
    over the very same articles merged 13 of 406 stories."""
    import briefgen.group.cluster as cluster

    items = event_articles(ESCAPE_A, "a", 4) + event_articles(ESCAPE_B, "b", 3) + event_articles(REHAB, "r", 3)
    full = group(items, CONFIG)
    calls: list[tuple[int, int]] = []  # (articles, initial groups) of each average link
    real = cluster.average_link

    def spy(nodes, edges, threshold, initial=()):  # type: ignore[no-untyped-def]
        calls.append((len(nodes), len(initial)))
        return real(nodes, edges, threshold, initial)

    monkeypatch.setattr(cluster, "average_link", spy)
    again = group(items, CONFIG, previous={s.id: s.articles for s in full})
    assert [(s.id, s.articles) for s in again] == [(s.id, s.articles) for s in full]
    blocks, stories = calls[0], calls[1]  # the first pass, then the story pass
    assert blocks == (len(items), 0) and stories == (len(items), len([s for s in full if len(s.articles) > 1]))


def test_ids_do_not_depend_on_input_order() -> None:
    items = event_articles(ESCAPE_A, "a", 4) + event_articles(ESCAPE_B, "b", 4)
    one = group(items, CONFIG)
    two = group(list(reversed(items)), CONFIG)
    assert [(s.id, s.articles, s.title, s.why) for s in one] == [(s.id, s.articles, s.title, s.why) for s in two]


def test_merge_keeps_the_id_of_the_larger_part_and_published_stories_stay_whole() -> None:
    a = event_articles(ESCAPE_A, "a", 6)
    b = event_articles(ESCAPE_B, "b", 2)
    apart = {"s-b": [x.article.id for x in a[4:]], "s-a": [x.article.id for x in a[:4]]}
    (story,) = group(a, CONFIG, previous=apart)
    assert story.id == "s-a"
    wrong = {"s-old": [x.article.id for x in a + b]}  # an earlier edition put two events together
    (kept,) = group(a + b, CONFIG, previous=wrong)
    assert kept.id == "s-old" and len(kept.articles) == 8
    fixed = group(a + b, CONFIG, previous=wrong, editor={"split": {"s-old": [x.article.id for x in b]}})
    assert {s.id: len(s.articles) for s in fixed}["s-old"] == 6 and len(fixed) == 2


def test_front_matter_pin_moves_one_article_and_names_the_story() -> None:
    items = event_articles(ESCAPE_A, "a", 4)
    pinned = items[0]
    items[0] = AnalyzedArticle(
        Article(
            pinned.article.id,
            pinned.article.title,
            pinned.article.text,
            pinned.article.paragraphs,
            date=pinned.article.date,
            story="Texas Escape!",
        ),
        pinned.sentences,
        pinned.mentions,
    )
    stories = {s.id: s for s in group(items, CONFIG)}
    assert stories["texas-escape"].articles == (pinned.article.id,)
    assert stories["texas-escape"].pinned
    assert len(stories) == 2  # the other three stay a story of their own


def test_pins_of_most_of_a_story_take_the_rest_along() -> None:
    items = event_articles(ESCAPE_A, "a", 4)
    editor = {"articles": {x.article.id: "escape" for x in items[:3]}}
    stories = group(items, CONFIG, editor=editor)
    assert [(s.id, len(s.articles)) for s in stories] == [("escape", 4)]


def test_editor_file_merges_splits_and_titles() -> None:
    a = event_articles(ESCAPE_A, "a", 4)
    b = event_articles(ESCAPE_B, "b", 2)
    base = {frozenset(s.articles): s.id for s in group(a + b, CONFIG)}
    ida, idb = base[frozenset(x.article.id for x in a)], base[frozenset(x.article.id for x in b)]
    merged = group(a + b, CONFIG, editor={"merge": [[idb, ida]], "titles": {ida: "Two escapes"}})
    assert [(s.id, len(s.articles), s.title) for s in merged] == [(ida, 6, "Two escapes")]
    moved = [a[2].article.id, a[3].article.id]
    split = group(a + b, CONFIG, editor={"split": {ida: moved}})
    sets = {s.id: set(s.articles) for s in split}
    assert sets[ida] == {a[0].article.id, a[1].article.id}
    (new,) = [sid for sid, arts in sets.items() if arts == set(moved)]
    assert new not in (ida, idb)
    again = group(a + b, CONFIG, previous={s.id: s.articles for s in split}, editor={"split": {ida: moved}})
    assert {s.id: set(s.articles) for s in again} == sets  # the split story keeps its id next edition


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"title": {}}, "title"),
        ({"titles": ["x"]}, "titles"),
        ({"merge": [["s-1"]]}, "merge"),
        ({"merge": {"a": "b"}}, "merge"),
        ({"split": {"s-1": "a.txt"}}, "split"),
        ({"articles": {"a.txt": None}}, "articles"),
    ],
)
def test_editor_file_errors_name_the_key(data: dict, key: str) -> None:
    with pytest.raises(BuildError, match=f"content/stories.yml: .*'{key}'"):
        validate_editor(data, "content/stories.yml")


def test_editor_file_schema_normalised() -> None:
    out = validate_editor({"titles": {"s-1": "T"}, "merge": [["s-1", 2]], "split": {"s-3": ["x.md"]}, "articles": {"x.md": "s-1"}})
    assert out == {"titles": {"s-1": "T"}, "merge": [["s-1", "2"]], "split": {"s-3": ["x.md"]}, "articles": {"x.md": "s-1"}}
    assert validate_editor(None) == {"titles": {}, "articles": {}, "merge": [], "split": {}}


def test_title_is_a_headline_and_why_names_people_and_places() -> None:
    items = event_articles(ESCAPE_A, "a", 4)
    stamp = items[0]
    items[0] = AnalyzedArticle(
        Article(stamp.article.id, "Posted 11 / 27 / 2009 7: 21 AM", stamp.article.text, stamp.article.paragraphs, date=stamp.article.date),
        stamp.sentences,
        stamp.mentions,
    )
    (story,) = group(items, CONFIG)
    assert headline_like(story.title) and story.title in {x.article.title for x in items[1:]}
    assert set(story.why[:2]) <= {"Arcade Comeaux", "Brad Livingston", "Houston", "Conroe"}
    assert not headline_like("12 January 2010 @ 09: 29 pm") and not headline_like("APR 28")


@pytest.fixture(scope="module")
def ecb() -> tuple[list[AnalyzedArticle], dict[str, str]]:
    """The 16 ECB+ articles of tests/data (two topics, two real events each), parsed once."""
    from briefgen.analyze import analyze
    from briefgen.ingest import ingest

    articles, skipped = ingest(load_config(content_dir=DATA / "ecb"))
    assert not skipped
    with open(DATA / "ecb-stories.csv", newline="", encoding="utf-8") as fh:
        gold = {row["file"]: row["story"] for row in csv.DictReader(fh)}
    return analyze(articles, CONFIG), gold


def test_ecb_stories_do_not_mix_events_and_keep_ids(ecb: tuple[list[AnalyzedArticle], dict[str, str]]) -> None:
    items, gold = ecb
    subset = [i for i in items if not re.match(r"\d+_[45]ecb", i.article.id)]
    before = group(subset, CONFIG)
    after = group(items, CONFIG, previous={s.id: s.articles for s in before})
    for story in after:
        assert len({gold[a] for a in story.articles}) == 1, f"{story.title} mixes events"
    new = {s.id: set(s.articles) for s in after}
    assert all(s.id in new and set(s.articles) <= new[s.id] for s in before)
    assert len(after) <= len(gold.values()) and len({gold[a] for s in after for a in s.articles}) == 4


def test_why_leads_with_names_shared_by_the_articles(ecb: tuple[list[AnalyzedArticle], dict[str, str]]) -> None:
    items, _ = ecb
    by_id = {i.article.id: i for i in items}
    stories = [s for s in group(items, CONFIG) if len(s.articles) > 1]  # one article shares nothing
    assert len(stories) >= 3
    for story in stories:
        assert story.why, story.title
        names = [{m.text.lower() for m in by_id[a].mentions if m.label in {"PERSON", "ORG", "GPE", "LOC", "FAC"}} for a in story.articles]
        assert sum(any(story.why[0].lower() in n for n in ns) for ns in names) >= 2, (story.why, story.title)


def test_why_terms_read_as_the_articles_write_them() -> None:
    """A word as most articles write it inside a sentence, a month or a day as the pages write dates."""
    texts = ["Shares of Facebook fell.", "Facebook said on Monday. Facebook shares rose.", "facebook.com was down."]
    assert term_label("w:facebook", texts) == "Facebook"  # a name the tagger missed
    assert term_label("w:church", ["The church burned.", "Church leaders met near the church."]) == "church"  # first words aside
    assert term_label("w:stab", ["He was stabbed."]) == "stab"  # no word as counted: the lemma
    assert (term_label("t:2021-10", []), term_label("t:2021-10-05", []), term_label("t:2021", [])) == ("Oct 2021", "5 Oct 2021", "2021")


def test_stories_file_read_and_checked_by_the_pipeline(content_dir) -> None:
    from briefgen.pipeline import load_editor_file

    good = content_dir({"stories.yml": "titles:\n  s-1: Two escapes\nmerge:\n  - [s-1, s-2]\n"})
    assert load_editor_file(good)["merge"] == [["s-1", "s-2"]]
    bad = content_dir({"stories.yml": "split:\n  s-1: a.txt\n"})
    with pytest.raises(BuildError, match=r"stories\.yml: 'split'"):
        load_editor_file(bad)


def test_stories_yaml_is_read_too_but_not_beside_stories_yml(tmp_path) -> None:
    from briefgen.pipeline import load_editor_file

    (tmp_path / "stories.yaml").write_text("titles:\n  s-1: Two escapes\n")
    assert load_editor_file(tmp_path)["titles"] == {"s-1": "Two escapes"}
    (tmp_path / "stories.yml").write_text("titles: {}\n")
    with pytest.raises(BuildError, match=r"both stories\.yml and stories\.yaml exist"):
        load_editor_file(tmp_path)


def test_sparse_rows_give_the_dot_products_of_the_vectors() -> None:
    """candidate_edges' numpy products equal features.dot, empty vectors included."""
    import random

    from briefgen.group.cluster import SparseRows
    from briefgen.group.features import Features, dot

    rng = random.Random(7)
    fs = [Features(str(i), {f"w:{rng.randrange(40)}": rng.random() for _ in range(rng.randrange(0, 9))}, None) for i in range(50)]
    rows = SparseRows.of([f.weights for f in fs])
    shuffled = SparseRows(50)  # rows added in any order, some never: the same products
    order = list(range(50))
    rng.shuffle(order)
    for i in order[:45]:
        shuffled.add(i, fs[i].weights)
    shuffled.done()
    for i in range(50):
        others = list(range(50))
        for j, product in zip(others, rows.dots(i, others), strict=True):
            assert product == pytest.approx(dot(fs[i].weights, fs[j].weights), abs=1e-12)
            # exactly as reduceat sums each row's products, in the row's order (the sums grouping always made)
            mine, theirs = fs[i].weights, fs[j].weights
            products = np.array([mine.get(k, 0.0) * w for k, w in theirs.items()])
            assert product == (float(np.add.reduceat(products, [0])[0]) if mine and theirs else 0.0)
        expected = [p if i in order[:45] and j in order[:45] else 0.0 for j, p in enumerate(rows.dots(i, others))]
        assert shuffled.dots(i, others) == expected
    assert rows.dots(0, []) == []


def test_topics_hold_same_kind_stories_and_keep_their_ids() -> None:
    """Two prison escapes are two stories of one topic. Topic ids last across editions like story
    ids, and every story names its topic. (The hand-made reports share most of their words, so the
    rehab stay may join the topic too; ECB+ scores topics for real: benchmarks/grouping.py.)"""
    from briefgen.group import Memory, group_all

    items = event_articles(ESCAPE_A, "a", 4) + event_articles(ESCAPE_B, "b", 4) + event_articles(REHAB, "r", 4)
    first = group_all(items, CONFIG)
    by_story = {s.id: s for s in first.stories}
    assert sorted(sid for t in first.topics for sid in t.stories) == sorted(by_story)
    assert all(by_story[sid].topic == t.id for t in first.topics for sid in t.stories)
    topic_of = {a: s.topic for s in first.stories for a in s.articles}
    assert topic_of["a0.txt"] == topic_of["b0.txt"] and story_of(first, "a0.txt") != story_of(first, "b0.txt")
    memory = Memory(
        {s.id: s.articles for s in first.stories}, {t.id: [a for sid in t.stories for a in by_story[sid].articles] for t in first.topics}
    )
    more = items + event_articles(ESCAPE_A, "a", 2, offset=4) + event_articles(REHAB, "r", 2, offset=4)
    second = group_all(more, CONFIG, memory)
    assert sorted(t.id for t in second.topics) == sorted(t.id for t in first.topics)
    assert second.merged == []


def story_of(grouping: object, article: str) -> str:
    return next(s.id for s in grouping.stories if article in s.articles)  # type: ignore[attr-defined]


def test_a_merge_is_recorded_and_old_pointers_follow_on() -> None:
    from briefgen.group import merged_ids
    from briefgen.models import Story

    now = [Story("s-a", "A", ("1", "2", "3")), Story("s-c", "C", ("4",))]
    previous = {"s-a": ["1"], "s-b": ["2", "3"], "s-c": ["4"], "s-gone": ["9"]}
    # s-b's articles are now in s-a; s-x was retired into s-b an edition ago, so it follows to s-a
    assert merged_ids(previous, now, {"s-x": "s-b"}) == [("s-b", "s-a"), ("s-x", "s-a")]


def test_pair_features_measure_shared_names_and_conflicting_years_and_figures() -> None:
    """The pair model reads what two articles share and what they contradict: the same names,
    different years named, different figures."""
    from briefgen.group.features import Settings, vectorize
    from briefgen.group.pairs import NAMES, PairFeatures

    names = {
        "Qeshm": "GPE",
        "Iran": "GPE",
        "Red Crescent": "ORG",
        "2005": "DATE",
        "2008": "DATE",
        "10": "CARDINAL",
        "30": "CARDINAL",
        "44": "CARDINAL",
    }
    a = make(
        "a.txt",
        "Quake on Qeshm",
        ["A quake hit Qeshm in Iran in 2005, the Red Crescent said.", "It killed 10 people and hurt 44."],
        names=names,
    )
    b = make("b.txt", "Quake on Qeshm", ["A quake hit Qeshm in Iran in 2008, the Red Crescent said.", "It killed 30 people."], names=names)
    c = make("c.txt", "Quake on Qeshm", ["The Red Crescent said a quake hit Qeshm in Iran in 2005.", "It killed 10 people."], names=names)
    features = vectorize([a, b, c], Settings())
    facts = PairFeatures(features, 365)
    apart = dict(zip(NAMES, facts.row(0, 1, 0.5), strict=True))
    same = dict(zip(NAMES, facts.row(0, 2, 0.5), strict=True))
    assert apart["name_shared"] == same["name_shared"] == 1.0
    assert apart["year_conflict"] == apart["latest_year_differs"] == apart["number_conflict"] == 1.0
    assert same["year_conflict"] == same["latest_year_differs"] == same["number_conflict"] == 0.0
    assert apart["undated"] == 1.0


def test_an_inferred_date_only_separates() -> None:
    """An undated article given its neighbours' date (grouping only) never gains from it: the pair
    weighs as undated, or less when the inferred dates are years apart; the model's time-apart
    coefficient is held at or below zero when fitted."""
    import numpy as np

    from briefgen.group.cluster import weigh
    from briefgen.group.features import Features, Settings
    from briefgen.group.pairs import COEFFICIENTS, NAMES, PairFeatures, fit

    settings = Settings()
    dated = Features("a", {"w:quake": 1.0}, parse("2005-11-27"))
    inferred = Features("b", {"w:quake": 1.0}, parse("2005-11-28"), inferred=True)
    later = Features("c", {"w:quake": 1.0}, parse("2008-09-10"), inferred=True)
    real = Features("d", {"w:quake": 1.0}, parse("2005-11-28"))
    edges = {(0, 1): 0.5, (0, 2): 0.5, (0, 3): 0.5}
    weighed = weigh([dated, inferred, later, real], edges, settings)
    assert weighed[(0, 3)] == 0.5
    assert weighed[(0, 1)] == 0.5 * settings.undated
    assert weighed[(0, 2)] < 0.5 * settings.undated
    facts = PairFeatures([dated, inferred, later, real], 365)
    near = dict(zip(NAMES, facts.row(0, 1, 0.5), strict=True))
    far = dict(zip(NAMES, facts.row(0, 2, 0.5), strict=True))
    assert near["undated"] == far["undated"] == 1.0 and near["far_apart"] == 0.0 < far["far_apart"]
    assert COEFFICIENTS[NAMES.index("far_apart")] <= 0 and len(COEFFICIENTS) == len(NAMES)
    # data in which being far apart goes with the same story: the fit still may not reward it
    x = np.array([[1.0] + [0.0] * (len(NAMES) - 1) for _ in range(8)])
    x[:4, NAMES.index("far_apart")] = 2.0
    y = np.array([1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0])
    w = fit(x, y)
    assert w[NAMES.index("far_apart")] <= 0
    assert np.array_equal(w, fit(x, y))


def test_one_block_of_the_whole_archive_lifts_no_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    """Being in one first-pass block counts as far as the block is selective: 1 less its share of the
    articles. An archive that is one block (a year of one cast's politics) lifts no pair by it; a small
    site is read as a sample of a larger stream (cluster.SELECTIVE_OVER), so its two reports of one
    event still count as one block."""
    import briefgen.group.cluster as cluster
    from briefgen.group.features import Features, Settings
    from briefgen.group.pairs import NAMES

    def same_block(n: int) -> set[float]:
        features = [Features(f"a{k}", {"w:senate": 0.6, "e:smith": 0.6, f"w:x{k}": 0.53}, None) for k in range(n)]
        _, x = cluster.pair_matrix(features, cluster.candidate_edges(features, Settings().topic_threshold / 4), Settings())
        return set(x[:, NAMES.index("same_block")].round(9).tolist())

    assert cluster.SELECTIVE_OVER == 100
    assert same_block(2) == {0.98}  # two reports of one event: a small site, one block
    assert same_block(40) == {0.6}  # one block of 40 articles, read over 100
    monkeypatch.setattr(cluster, "SELECTIVE_OVER", 10)
    assert same_block(40) == {0.0}  # the whole archive one block: no lift


def test_the_same_days_lift_no_pair_in_a_week_of_news() -> None:
    """Being published the same days counts only as far as the archive's dates tell its events apart
    (cluster.date_telling): in a week of news every candidate pair is near, so the time block's
    similarity counts nothing; over years of news it counts. Being dated is a plain indicator (a
    value shared by every pair of a dated archive would be that archive's own intercept in the fit)."""
    from briefgen.group.cluster import date_telling
    from briefgen.group.features import Features
    from briefgen.group.pairs import NAMES, PairFeatures

    week = [
        Features(x, {"w:quake": 1.0, "t:2017": 0.5}, parse(d)) for x, d in (("a", "2017-12-27"), ("b", "2017-12-28"), ("c", "2017-12-30"))
    ]
    pairs = Pairs.of({(0, 1): 0.5, (0, 2): 0.5, (1, 2): 0.5})
    assert date_telling(week, pairs, 365) == 0.0
    row = dict(zip(NAMES, PairFeatures(week, 365, 0.0).row(0, 1, 0.5), strict=True))
    assert row["undated"] == 0.0 and row["time"] == 0.0  # dated, but the same days tell nothing
    years = [*week, Features("d", {"w:quake": 1.0}, parse("2012-05-01")), Features("e", {"w:quake": 1.0}, None)]
    spread = Pairs.of({(0, 1): 0.5, (0, 3): 0.5, (1, 3): 0.5, (2, 3): 0.5, (0, 4): 0.5})
    assert date_telling(years, spread, 365) == 0.75  # 3 of the 4 dated pairs are years apart; (0, 4) has no date
    inferred = [dataclasses.replace(f, inferred=True) if f.id == "d" else f for f in years]
    assert date_telling(inferred, spread, 365) == 0.0  # an inferred date never counts
    assert date_telling(years, Pairs.of({(0, 4): 0.5}), 365) == 1.0  # no dated pair: nothing to scale
    row = dict(zip(NAMES, PairFeatures(years, 365, 0.75).row(0, 1, 0.5), strict=True))
    assert row["undated"] == 0.0 and row["time"] > 0.0
    assert dict(zip(NAMES, PairFeatures(years, 365, 0.75).row(0, 4, 0.5), strict=True))["undated"] == 1.0


def test_days_apart_separate_one_storylines_roundups() -> None:
    """Two really dated articles get ``days_apart``, log(1 + days) up to the window: a day's roundups of
    one storyline weeks apart (a committee formed, then its first hearing) say the same words and names,
    and their days tell them apart. A missing or inferred date gives 0 (an inferred date is right to the
    window, not to the day). Fitted where the days tell events apart it gets a negative weight, and the
    same words then weigh less a month apart than a day apart; the fit never rewards days apart."""
    import math

    import numpy as np

    from briefgen.group.features import Features
    from briefgen.group.pairs import NAMES, PairFeatures, fit, probabilities

    words = {"w:committee": 0.6, "e:pelosi": 0.6, "w:subpoena": 0.5}
    dates = ("2021-06-22", "2021-06-23", "2021-07-22", "2023-01-01", None, "2021-06-23")
    articles = [Features(str(k), words, parse(d) if d else None, inferred=k == 5) for k, d in enumerate(dates)]  # type: ignore[arg-type]
    facts = PairFeatures(articles, 365, 0.0)
    apart = {j: dict(zip(NAMES, facts.row(0, j, 0.5), strict=True))["days_apart"] for j in range(1, 6)}
    assert apart[1] == math.log(2) and apart[2] == math.log(31)
    assert apart[3] == math.log(366)  # beyond the window: at most the window (far_apart counts the rest)
    assert apart[4] == 0.0 and apart[5] == 0.0  # no date, an inferred one
    column = NAMES.index("days_apart")
    x = np.array([[1.0] + [0.0] * (len(NAMES) - 1) for _ in range(8)])
    x[:, column] = [0.0, 0.7, 0.0, 0.7, 3.4, 3.0, 3.4, 2.0]  # the same day or the next: one event; weeks: two
    w = fit(x, np.array([1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0]))
    assert w[column] < 0
    day, month = (np.array([facts.row(0, j, 0.5)]) for j in (1, 2))
    assert probabilities(month, w)[0] < probabilities(day, w)[0]
    x[:, column] = [3.0, 3.0, 3.0, 0.0, 0.0, 0.0, 3.0, 0.0]  # days apart going with one event: never rewarded
    assert fit(x, np.array([1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0]))[column] <= 0


def parse(day: str) -> object:
    import datetime as dt

    return dt.date.fromisoformat(day)


@pytest.mark.parametrize(
    "title",
    [
        "You can add location information to your Tweets",
        "Image copyright Getty Images Image caption The band broke up in 1980",
        "Bernie Sanders liked what he heard. REUTERS/Jonathan Ernst",
        "The State Department said on Monday it was ending U.S",
        "A champion of the second-shooter conspiracy theory behind the John F",
        "Posted 11 / 27 / 2009 7: 21 AM",
        "The House's top Democrat, however, swung out against the plan",  # answers a sentence before it
        "Police departments responded to bomb threats emailed to targets demanding bitcoin. USA TODAY",  # a credit
        "Speaker John Boehner urged passage of a bill during a news conference on Thursday. (AP)",
    ],
)
def test_boilerplate_captions_and_cut_lines_are_not_titles(title: str) -> None:
    from briefgen.titles import title_problem

    assert title_problem(title) is not None


def test_an_all_caps_headline_is_put_in_sentence_case_keeping_names() -> None:
    from briefgen.titles import sentence_case, title_problem

    text = "Fans said that the film with Shaquille O'Neal was Kazaam, not the one they remember from the NBA era."
    assert title_problem("I TOLD YOU KAZAAM WAS A DIFFERENT MOVIE!") is None
    assert sentence_case("I TOLD YOU KAZAAM WAS A DIFFERENT MOVIE!", text) == "I told you Kazaam was a different movie!"
    assert sentence_case("Pirates seized off Aden", text) == "Pirates seized off Aden"


def test_without_a_real_headline_the_title_is_a_whole_lead_sentence() -> None:
    items = event_articles(ESCAPE_A, "a", 3)
    items = [
        AnalyzedArticle(dataclasses.replace(x.article, title="You can add location information to your Tweets"), x.sentences, x.mentions)
        for x in items
    ]
    (story,) = group(items, CONFIG)
    assert "location information" not in story.title
    assert any(s.text.startswith(story.title.rstrip("…")) for x in items for s in x.sentences)


@pytest.mark.parametrize(
    "title, clean",
    [
        ("Story highlights Russian defense minister says his troops will stay", "Russian defense minister says his troops will stay"),
        ("TOP STORIES | WEB EXCLUSIVE New Moon, Same Old Sexist Story", "New Moon, Same Old Sexist Story"),
        (
            "HIROSHIMA--A stray dog that escaped being put down joined the rescue",
            "A stray dog that escaped being put down joined the rescue",
        ),
        ("Tokyo (CNN) Seven US sailors are missing after a collision", "Seven US sailors are missing after a collision"),
        ("U.S.-China trade talks collapse", "U.S.-China trade talks collapse"),
    ],
)
def test_section_labels_and_datelines_are_taken_off_a_headline(title: str, clean: str) -> None:
    from briefgen.titles import clean_title

    assert clean_title(title) == clean


@pytest.mark.parametrize(
    "sentence, title",
    [
        (
            "Eight people were injured in Philadelphia on Monday, when a gas explosion tore through a row house under renovation.",
            "Eight people were injured in Philadelphia on Monday",
        ),
        (
            "In a match made in hippie heaven, Phish guitarist Trey Anastasio will join the Grateful Dead for three shows.",
            "Phish guitarist Trey Anastasio will join the Grateful Dead for three shows",
        ),
        (
            "The parents of Austria's top pole vaulter Kira Grunberg were watching when their daughter landed on her head.",
            None,
        ),  # no comma: what follows "when" is needed
        (
            "A former police officer was found dead Tuesday in his home in Texas, authorities said.",
            "A former police officer was found dead Tuesday in his home in Texas",
        ),
        (
            "Police say a Pittsburgh teacher who resigned this month was arrested on Wednesday.",
            "A Pittsburgh teacher who resigned this month was arrested on Wednesday",
        ),
        ("When people in a business negotiation share not just a meal but a plate, they cooperate more and settle faster.", None),
    ],
)
def test_a_long_lead_is_cut_to_its_main_clause_or_not_used(sentence: str, title: str | None) -> None:
    from briefgen.titles import short_title

    assert short_title(sentence) == title
    if title is None and not sentence.startswith("When"):  # a whole sentence of up to 28 words stands instead
        assert short_title(sentence, 28) == sentence.rstrip(".")


@pytest.mark.parametrize(
    "title",
    [
        "share tweet pin email",
        "Follow CBSMIAMI.COM: Facebook | Twitter",
        "Most Popular Stories Most Popular Stories More>>",
        "The scene of collapsed houses on Daly Street. (LUKE RAFFERTY / Staff Photographer)",
        "The San Diego Zoo Safari Park is absolutely",
        "By Staff Sgt. Benjamin W. Stratton, 7th Air Force Public Affairs",
        "Fans wear shirts emblazoned with the misspelled…",
    ],
)
def test_widgets_credits_bylines_and_cut_lines_are_no_title(title: str) -> None:
    from briefgen.titles import title_problem

    assert title_problem(title) is not None


def test_topic_title_names_the_subject_not_the_agency() -> None:
    """A topic of several stories is named by a person and a place most of its stories name; a news
    agency that every topic quotes is not the subject."""
    from briefgen.group import topic_names, topic_title
    from briefgen.models import Story

    names = {"Sarah Palin": "PERSON", "Alaska": "GPE", "Associated Press": "ORG", "Wasilla": "GPE", "Ohio": "GPE"}
    fire = [
        make(
            f"f{k}.txt",
            "Church fire",
            ["Sarah Palin spoke in Wasilla, Alaska, the Associated Press said.", "The church burned."],
            names=names,
        )
        for k in range(2)
    ]
    speech = [
        make(f"s{k}.txt", "Speech", ["Sarah Palin gave a speech in Alaska, the Associated Press said.", "Crowds came."], names=names)
        for k in range(2)
    ]
    other = [make("o.txt", "Flood", ["A flood hit Ohio, the Associated Press said.", "Rivers rose."], names=names)]
    items = fire + speech + other
    index = {item.article.id: i for i, item in enumerate(items)}
    palin = [Story("s-fire", "Church fire in Wasilla", ("f0.txt", "f1.txt")), Story("s-speech", "Palin speaks", ("s0.txt", "s1.txt"))]
    flood = [Story("s-flood", "Flood hits towns in Ohio", ("o.txt",))]
    found = topic_names([palin, flood], items, index)
    assert topic_title(palin, found[0]) == "Sarah Palin, Alaska"
    assert topic_title(flood, found[1]) == "Flood hits towns in Ohio"
    # a news agency is never a topic's name, even where no other topic quotes it (the rarity above would not tell)
    assert "Associated Press" not in topic_names([palin], items, index)[0]


def test_topic_names_pass_by_a_state_abbreviation() -> None:
    """A party tag's state ("Sen. Marco Rubio (R-Fla.)") is no place a topic is about."""
    from briefgen.group import topic_names, topic_title
    from briefgen.models import Story

    names = {"Marco Rubio": "PERSON", "Fla": "GPE", "Senate": "ORG", "Ohio": "GPE"}
    said = [
        make(f"r{k}.txt", "Rubio", ["Sen. Marco Rubio (R-Fla.) spoke in the Senate on Sunday.", "He took questions."], names=names)
        for k in range(4)
    ]
    other = [make("o.txt", "Flood", ["A flood hit Ohio on Monday.", "Rivers rose."], names=names)]
    items = said + other
    index = {item.article.id: i for i, item in enumerate(items)}
    rubio = [Story("s-a", "Rubio talks immigration", ("r0.txt", "r1.txt")), Story("s-b", "Rubio on Jay-Z", ("r2.txt", "r3.txt"))]
    flood = [Story("s-flood", "Flood hits towns in Ohio", ("o.txt",))]
    found = topic_names([rubio, flood], items, index)
    assert "Fla" not in found[0]
    assert topic_title(rubio, found[0]) == "Marco Rubio, Senate"


def test_a_topic_of_several_stories_with_one_shared_name_is_titled_by_it() -> None:
    """Not by one story's headline, which names one event of the section rather than its subject."""
    from briefgen.group import topic_title
    from briefgen.models import Story

    stories = [Story("s-a", "Facebook fined over data leak", ("a.txt",)), Story("s-b", "Facebook outage hits millions", ("b.txt",))]
    assert topic_title(stories, ["Facebook"]) == "Facebook"
    assert topic_title(stories, []) == "Facebook fined over data leak"  # no shared name: the largest story's headline


@pytest.mark.parametrize(
    "title",
    [
        "/ Updated By Ken Dilanian, Peter Alexander",
        "The interactive transcript could not be loaded",
        "JavaScript is disabled in your browser",
        "The WARC files associated with this crawl are not available",
        "Sign in using you account with: {* loginWidget *}",
    ],
)
def test_page_furniture_is_not_a_title(title: str) -> None:
    from briefgen.titles import title_problem

    assert title_problem(title) == "boilerplate"


def test_a_lone_article_joins_the_one_story_whose_participants_it_names() -> None:
    """A background piece left alone by average link (Multi-News: it shares the event's people, not
    its date, place or figures) joins the one story of several articles that it names two
    participants of, when one of that story's articles is the same event by the merge standard;
    one shared person, a weak link, two candidate stories or a date years away keep it alone."""
    import numpy as np

    from briefgen.group.cluster import attach_singletons
    from briefgen.group.features import Features, Settings

    rehab = {"e:lindsay lohan": 1.0, "e:lohan": 1.0, "e:shawn holley": 1.0, "e:holley": 1.0, "w:rehab": 1.0}
    escape = {"e:arcade comeaux": 1.0, "e:comeaux": 1.0, "e:brad livingston": 1.0, "e:livingston": 1.0, "w:escape": 1.0}
    day = parse("2013-05-03")
    features = [
        Features("r0", rehab, day),  # 0-2: the rehab story
        Features("r1", rehab, day),
        Features("r2", {**rehab, "e:betty ford": 1.0}, day),
        Features("a0", escape, day),  # 3-4: the escape story
        Features("a1", escape, day),
        Features("bg", {"e:lindsay lohan": 1.0, "e:lohan": 1.0, "e:shawn holley": 1.0, "w:career": 1.0}, None),  # 5: joins
        Features("one", {"e:lindsay lohan": 1.0, "e:lohan": 1.0, "w:career": 1.0}, None),  # 6: one person, two keys
        Features("weak", {"e:lohan": 1.0, "e:holley": 1.0}, None),  # 7: link below the threshold
        Features("both", {"e:lohan": 1.0, "e:holley": 1.0, "e:comeaux": 1.0, "e:livingston": 1.0}, None),  # 8: two stories
        Features("late", {"e:lohan": 1.0, "e:holley": 1.0}, parse("2016-06-01")),  # 9: years after the story
    ]
    stories = [[0, 1, 2], [3, 4], [5], [6], [7], [8], [9]]
    links = {(0, 5): 0.6, (1, 5): 0.1, (3, 5): 0.3, (0, 6): 0.9, (0, 7): 0.4, (1, 7): 0.45, (0, 8): 0.7, (3, 8): 0.7, (0, 9): 0.9}
    pairs = sorted(links)
    probability = np.array([links[p] for p in pairs])
    settings = Settings(story_threshold=0.5)
    out = attach_singletons(stories, features, pairs, probability, settings)
    assert out == [[0, 1, 2, 5], [3, 4], [6], [7], [8], [9]]
    assert attach_singletons(stories, features, pairs, probability, dataclasses.replace(settings, attach=False)) == stories
    # two stories of several articles are never merged by it, however strong their link
    assert attach_singletons([[0, 1], [2, 3]], features, [(0, 2)], np.array([0.99]), settings) == [[0, 1], [2, 3]]


# --- cluster.Pairs: the candidate pairs held as arrays read back as the dict they replace -----------------------


def random_pairs(seed: int, n: int, count: int) -> dict[tuple[int, int], float]:
    rng = random.Random(seed)
    out: dict[tuple[int, int], float] = {}
    while len(out) < count:
        i, j = sorted(rng.sample(range(n), 2))
        out[(i, j)] = rng.random()
    return out


def test_pairs_read_back_as_the_sorted_dict() -> None:
    edges = random_pairs(3, 300, CHUNK + 500)  # more than one chunk
    pairs = Pairs.of(edges)
    assert len(pairs) == len(edges)
    assert list(pairs) == sorted(edges)
    assert list(pairs.sorted_items()) == sorted(edges.items())
    for key in list(edges)[:200]:
        assert pairs[key] == edges[key]
    assert (299, 299) not in pairs and (0, 300) not in pairs
    with pytest.raises(KeyError):
        pairs[(299, 299)]
    high = pairs.where(pairs.value >= 0.5)
    assert dict(high.sorted_items()) == {k: v for k, v in edges.items() if v >= 0.5}
    runs = [(i, pairs.j[run].tolist()) for i, run in pairs.runs()]
    assert [i for i, _ in runs] == sorted({i for i, _ in edges})
    assert [j for _, js in runs for j in js] == [j for _, j in sorted(edges)]
    empty = Pairs.of({})
    assert len(empty) == 0 and list(empty) == [] and list(empty.runs()) == []
    assert isinstance(empty.i, np.ndarray)


def test_average_link_is_the_same_over_pairs_and_dict() -> None:
    for seed in range(5):
        edges = random_pairs(seed, 60, 400)
        initial = [[0, 1, 2], [10, 11]]
        for threshold in (0.2, 0.4, 0.6):
            assert average_link(range(60), Pairs.of(edges), threshold, initial) == average_link(range(60), edges, threshold, initial)


def heap_average_link(
    nodes: Sequence[int], edges: dict[tuple[int, int], float], threshold: float, initial: Sequence[Sequence[int]] = ()
) -> list[list[int]]:
    """The textbook average link that cluster.average_link replaced (a heap of every pair, stale entries
    skipped): the same merges in the same order, so the same groups and the same sums."""
    import heapq

    root = {i: i for i in nodes}
    members: dict[int, list[int]] = {i: [i] for i in nodes}
    for start in initial:
        heads = sorted({root[i] for i in start if i in root})
        for head in heads[1:]:
            for i in members.pop(head):
                root[i] = heads[0]
                members[heads[0]].append(i)
    link: dict[int, dict[int, float]] = {i: {} for i in members}
    for (i, j), sim in sorted(edges.items()):
        if i in root and j in root and root[i] != root[j]:
            a, b = root[i], root[j]
            link[a][b] = link[a].get(b, 0.0) + sim
            link[b][a] = link[a][b]
    heap = [(-t / (len(members[a]) * len(members[b])), a, b) for a in sorted(link) for b, t in sorted(link[a].items()) if a < b]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if -neg < threshold:
            break
        if a not in members or b not in members or link[a].get(b, 0.0) / (len(members[a]) * len(members[b])) != -neg:
            continue  # stale entry
        members[a].extend(members.pop(b))
        for c, total in sorted(link.pop(b).items()):
            link[c].pop(b, None)
            if c != a:
                link[a][c] = link[a].get(c, 0.0) + total
                link[c][a] = link[a][c]
        for c, total in sorted(link[a].items()):
            heapq.heappush(heap, (-total / (len(members[a]) * len(members[c])), min(a, c), max(a, c)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def test_average_link_when_a_kept_story_folds_in_the_last_article() -> None:
    """Last edition's stories fold their articles into their first: when that takes in the article of
    the highest index and it has no pair of its own, the groups are still every article's (it raised
    an IndexError: the arrays were sized by the groups left, not the articles)."""
    assert average_link(range(3), {(0, 1): 0.9}, 0.5, [[0, 2]]) == [[0, 2], [1]]  # mean 0.9 / 2 < 0.5
    assert average_link(range(3), {(0, 1): 0.9}, 0.4, [[0, 2]]) == [[0, 1, 2]]
    assert average_link(range(3), Pairs.of({(0, 1): 0.9}), 0.5, [[0, 2]]) == heap_average_link(range(3), {(0, 1): 0.9}, 0.5, [[0, 2]])
    assert average_link(range(4), {(0, 1): 0.2}, 0.5, [[1, 3]]) == [[0], [1, 3], [2]]


@pytest.mark.parametrize("arrays", [False, True])
@pytest.mark.parametrize("ties", [False, True])
def test_average_link_merges_as_the_heap_of_every_pair_does(ties: bool, arrays: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Best neighbours in arrays, not a heap: the same groups, equal means broken the same way (ties:
    similarities from a few values, so many means are equal); a group's best neighbour found in a loop or,
    with many neighbours, over arrays (arrays: every group rescored over arrays)."""
    import briefgen.group.cluster as cluster

    if arrays:
        monkeypatch.setattr(cluster, "MANY_NEIGHBOURS", 0)
    for seed in range(12):
        rng = random.Random(seed)
        n = rng.choice([30, 80, 150])
        edges = random_pairs(seed, n, rng.choice([n, 3 * n, 8 * n]))
        if ties:
            edges = {k: rng.choice([0.1, 0.2, 0.3, 0.5]) for k in edges}
        nodes = range(n) if seed % 3 else [i for i in range(n) if i % 7]  # nodes need not be all
        initial = [rng.sample(range(n), rng.randrange(2, 6)) for _ in range(seed % 4)]
        for threshold in (0.05, 0.15, 0.3, 0.6):
            assert average_link(nodes, Pairs.of(edges), threshold, initial) == heap_average_link(nodes, edges, threshold, initial)


def test_pair_rows_come_in_chunks_that_make_the_whole_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build reads the pair features CHUNK rows at a time (memory); cut anywhere, the chunks are the
    rows of the one matrix the model is fitted on, and the stories are the same."""
    import briefgen.group.cluster as cluster
    from briefgen.group import settings_for
    from briefgen.group.features import article_counts, vectorize

    items = event_articles(ESCAPE_A, "a", 5) + event_articles(ESCAPE_B, "b", 4) + event_articles(REHAB, "r", 4)
    settings = settings_for(CONFIG)
    features = vectorize(items, settings, [article_counts(item, settings.lead) for item in items])
    edges = cluster.candidate_edges(features, settings.topic_threshold / 4)
    pairs, whole = cluster.pair_matrix(features, edges, settings)
    stories = cluster.story_clusters(features, settings, edges)
    assert len(pairs) > 20 and whole.shape == (len(pairs), len(cluster.NAMES))
    for size in (1, 7, len(pairs) - 1):
        monkeypatch.setattr(cluster, "CHUNK", size)
        chunks = list(cluster.pair_rows(features, pairs, settings))
        assert [first for first, _ in chunks] == list(range(0, len(pairs), size))
        assert all(len(x) == size for _, x in chunks[:-1])
        assert np.array_equal(np.concatenate([x for _, x in chunks]), whole)
        assert cluster.story_clusters(features, settings, edges) == stories


# Two fires years apart (a dairy, a church) and a town election: the fires are one kind of news,
# told in their headlines and ledes; the dairy's reports and the election's share the town's
# background in their bodies (its council, budget and roads), which is the setting, not the subject.
TOWN = (
    "The town council and the mayor argued with the valley voters about the budget, the school board and the road tax.",
    "The council said the budget for the roads, the school board and the harbor would be voted on before winter.",
    "The valley voters told the council that the road tax and the harbor budget were the town's main worry.",
)


def lede_articles(
    prefix: str, title: str, lede: Sequence[str], body: Sequence[str], date: str, names: dict[str, str]
) -> list[AnalyzedArticle]:
    """Three reports of one event: the same headline and lede, the body's sentences in a different order."""
    return [make(f"{prefix}{k}.txt", title, [*lede, *body[k:], *body[:k]], date, names=names) for k in range(3)]


def test_topics_follow_what_the_ledes_report_not_the_background() -> None:
    from briefgen.group import group_all

    dairy = lede_articles(
        "d",
        "Fire destroys dairy plant",
        [
            "Fire destroyed the dairy plant in Palmer overnight, and Mike Hall said nobody was hurt.",
            "Firefighters fought the blaze for hours before the roof collapsed.",
        ],
        TOWN,
        "2008-12-20",
        {"Palmer": "GPE", "Mike Hall": "PERSON"},
    )
    church = lede_articles(
        "c",
        "Fire damages church",
        [
            "Fire damaged the church in Wasilla on Friday, and Larry Kroon said nobody was hurt.",
            "Firefighters fought the blaze as smoke poured from the roof.",
        ],
        (
            "The congregation and the pastor prayed in the parish hall while the choir sang carols for the children.",
            "The pastor said the congregation would hold its services and the choir rehearsals in the parish hall.",
            "Members of the congregation brought blankets and soup for the choir and the children in the hall.",
        ),
        "2012-12-14",
        {"Wasilla": "GPE", "Larry Kroon": "PERSON"},
    )
    vote = lede_articles(
        "v",
        "Voters elect new mayor",
        [
            "Voters elected Sarah Jones mayor of Palmer on Tuesday by a narrow margin.",
            "The count showed a close race after a long campaign.",
        ],
        TOWN,
        "2010-10-05",
        {"Palmer": "GPE", "Sarah Jones": "PERSON"},
    )
    result = group_all(dairy + church + vote, CONFIG)
    assert sorted(sorted(s.articles) for s in result.stories) == [[a.article.id for a in g] for g in (church, dairy, vote)]
    topic_of = {a: s.topic for s in result.stories for a in s.articles}
    assert topic_of["d0.txt"] == topic_of["c0.txt"]  # two fires: one kind of news
    assert topic_of["d0.txt"] != topic_of["v0.txt"]  # the same town, another subject


def test_the_lede_block_holds_what_happened_not_when() -> None:
    """The topics' lede words: the headline's and the first two sentences' content words, not the
    words of a date ("April" in the ledes of unrelated pages made one topic of them), and
    not the body's."""
    from briefgen.group.features import LEDE, article_counts

    item = make(
        "x.txt",
        "Fire destroys dairy",
        ["Fire destroyed the dairy on Friday in April.", "Firefighters fought the blaze.", "The council met about the budget."],
    )
    dated = tuple(
        dataclasses.replace(s, tokens=tuple(dataclasses.replace(t, ent="DATE" if t.text in ("Friday", "April") else "") for t in s.tokens))
        for s in item.sentences
    )
    counts, _ = article_counts(dataclasses.replace(item, sentences=dated), 1.0)
    assert {"fire", "destroyed", "dairy", "firefighters", "fought", "blaze"} <= set(counts[LEDE])
    assert not {"friday", "april", "council", "budget"} & set(counts[LEDE])
    assert counts[LEDE]["fire"] == 2.0  # the headline's and the lede's
    assert {"friday", "april", "council", "budget"} <= set(counts["w"])


def test_the_fit_settles_with_a_coefficient_held_at_zero() -> None:
    """A time-apart coefficient the data would make positive is held at zero, and the others are fitted as
    they would be without it (a projected Newton step); stepping all and cutting that one back after each
    step never settled."""
    import numpy as np

    from briefgen.group.pairs import NAMES, fit

    rng = np.random.default_rng(7)
    n, k = 400, len(NAMES)
    x = np.zeros((n, k))
    x[:, 0] = 1.0
    x[:, 1] = rng.random(n)
    column = NAMES.index("days_apart")
    x[:, column] = np.log1p(rng.integers(0, 30, n))
    y = (rng.random(n) < 1 / (1 + np.exp(-(4 * x[:, 1] + 0.5 * x[:, column] - 2)))).astype(float)  # apart goes with one event
    w = fit(x, y)
    assert w[column] == 0.0
    blank = x.copy()
    blank[:, column] = 0.0  # the same data without the column: its coefficient stays 0, the others are fitted freely
    assert np.allclose(w, fit(blank, y), atol=1e-9)


def test_stories_of_undated_articles_only_are_told(caplog: pytest.LogCaptureFixture) -> None:
    """A story of two or more articles none of which has a date is grouped by its words alone: the build says so,
    naming its files and what to do; a story with one dated article, or of one article, is not named."""
    from briefgen.group import undated_stories
    from briefgen.models import Story

    stories = [
        Story("s-a", "A", ("a1.txt", "a2.txt")),
        Story("s-b", "B", ("b1.txt", "b2.txt")),
        Story("s-c", "C", ("c1.txt",)),
    ]
    dates = {"a1.txt": None, "a2.txt": None, "b1.txt": "2005-01-04", "b2.txt": None, "c1.txt": None}
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        told = undated_stories(stories, dates)
    assert [s.id for s in told] == ["s-a"]
    (message,) = [r.getMessage() for r in caplog.records]
    assert message.startswith("1 story joins articles that carry no date ('a1.txt' and 'a2.txt')") and "front matter date:" in message
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        assert undated_stories(stories[1:], dates) == []
    assert caplog.records == []


def test_a_one_outlet_archive_scores_every_report_as_its_own_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """benchmarks/grouping.py --singletons: gold = the file, but for the pairs --same names, which share a story."""
    from benchmarks import grouping as bench

    monkeypatch.setattr(bench, "CACHE", tmp_path / "cache")
    source = tmp_path / "bbc"
    source.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (source / name).write_text(f"Headline {name}\n\nText of {name}.\n", encoding="utf-8")
    same = tmp_path / "same.tsv"
    same.write_text("a.txt\tc.txt\n", encoding="utf-8")
    folder = bench.singletons_folder(source, same)
    with open(folder / "stories.csv", newline="", encoding="utf-8") as fh:
        gold = {row["file"]: row["story"] for row in csv.DictReader(fh)}
    assert gold == {"a.txt": "a.txt", "b.txt": "b.txt", "c.txt": "a.txt"}
    assert sorted(p.name for p in (folder / "articles").iterdir()) == ["a.txt", "b.txt", "c.txt"]
