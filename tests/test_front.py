"""briefgen.front: what a reader sees first, from hand-made records (no spaCy)."""

from __future__ import annotations

from briefgen.front import lead, rank, relate, sections, sources_by_outlet, status
from briefgen.models import Article, Briefing, Changes, Citation, FactBox, Story, StoryBrief, SummarySentence, Topic


def art(aid: str, date: str | None = None, **kw: str) -> Article:
    return Article(aid, f"Headline {aid}", "text", (), date=date, **kw)


def said(aid: str, text: str) -> SummarySentence:
    return SummarySentence(Citation(text, aid, 0), 1.0)


def brief(
    sid: str, articles: list[str], last: str | None = None, topic: str = "", key: int = 0, summary: tuple[SummarySentence, ...] = ()
) -> StoryBrief:
    return StoryBrief(Story(sid, f"Story {sid}", tuple(articles), topic=topic), summary, (), (), last, last, key_point_count=key)


def test_lead_is_the_first_key_point_else_the_first_sentence() -> None:
    a, b = said("a", "first in reading order"), said("a", "most important")
    assert lead(brief("s", ["a"], summary=(b, a), key=1)) == b
    assert lead(brief("s", ["a"], summary=(a, b))) == a
    assert lead(brief("s", ["a"])) is None


def test_rank_new_then_updated_then_sources_then_recency() -> None:
    arts = [
        art("n1"),
        art("u1"),
        *(art(f"big{k}", source=f"Outlet {k}") for k in range(3)),
        art("old1", source="X"),
        art("recent1", source="Y"),
    ]
    stories = (
        brief("big", ["big0", "big1", "big2"], "2024-01-01"),
        brief("old", ["old1"], "2023-01-01"),
        brief("recent", ["recent1"], "2024-02-01"),
        brief("upd", ["u1"], "2020-01-01"),
        brief("new", ["n1"], "2019-01-01"),
    )
    changes = Changes("prev", ("n1", "u1"), ("new",), ("upd",))
    b = Briefing("e", tuple(arts), stories, (), changes)
    assert [sb.story.id for sb in rank(b)] == ["new", "upd", "big", "recent", "old"]
    assert [status(sid, changes) for sid in ("new", "upd", "big")] == ["new", "updated", ""]
    assert status("new", Changes(None, (), ("new",), ())) == ""  # a first edition marks nothing


def test_copies_of_one_wire_count_once_in_the_ranking() -> None:
    arts = [art("w1", source="A"), art("w2", source="B"), art("w3", source="C"), art("x1", source="D"), art("x2", source="E")]
    stories = (brief("wire", ["w1", "w2", "w3"]), brief("two", ["x1", "x2"]))
    copies = (("w1", ("w2", "w3")), ("w2", ("w1", "w3")), ("w3", ("w1", "w2")))
    b = Briefing("e", tuple(arts), stories, (), Changes(None, (), (), ()), copies=copies)
    assert [sb.story.id for sb in rank(b)] == ["two", "wire"]  # 2 independent sources beat 3 copies of one text


def test_sections_follow_topics_ordered_by_their_best_story() -> None:
    stories = (brief("a", ["1"], topic="t1"), brief("b", ["2"], topic="t2"), brief("c", ["3"], topic="t1"), brief("d", ["4"]))
    b = Briefing(
        "e",
        tuple(art(x) for x in "1234"),
        stories,
        (),
        Changes(None, (), (), ()),
        topics=(Topic("t1", "Floods", ("a", "c")), Topic("t2", "Strikes", ("b",))),
    )
    ranked = [stories[1], stories[0], stories[3], stories[2]]
    got = [(s.title, [sb.story.id for sb in s.stories]) for s in sections(b, ranked)]
    assert got == [("Strikes", ["b"]), ("Floods", ["a", "c"]), ("Other stories", ["d"])]
    assert [s.title for s in sections(Briefing("e", (), stories, (), Changes(None, (), (), ())), list(stories))] == ["All stories"]


def test_sources_by_outlet_name_the_outlet_never_the_file() -> None:
    arts = {
        a.id: a
        for a in (
            art("f/1.md", "2024-01-02", source="Courier"),
            art("f/2.md", "2024-01-01", url="https://www.news.example/x"),
            art("f/3.txt", "2024-01-03"),
            art("f/4.md", "2024-01-01", source="courier "),
        )
    }
    groups = sources_by_outlet(list(arts), arts, {"f/1.md": frozenset({"f/3.txt"}), "f/3.txt": frozenset({"f/1.md"})})
    assert [(g.name, [i.article.id for i in g.items]) for g in groups] == [
        ("Courier", ["f/4.md", "f/1.md"]),
        ("news.example", ["f/2.md"]),
        ("", ["f/3.txt"]),
    ]
    numbers = {i.article.id: (i.number, i.copy_of) for g in groups for i in g.items}
    assert numbers == {"f/4.md": (1, ()), "f/1.md": (2, (4,)), "f/2.md": (3, ()), "f/3.txt": (4, (2,))}


def box(name: str, stories: list[str], articles: list[str]) -> FactBox:
    return FactBox(name, name, "PERSON", (), (), (), 1, tuple(articles), 1, stories=tuple(stories))


def test_related_stories_share_a_topic_and_a_name() -> None:
    siege = (said("x", "Russian forces shelled Bakhmut again as the siege of the eastern town entered its seventh month."),)
    briefs = [brief(f"s{k}", [f"s{k}a", f"s{k}b"], topic="t" if k in (5, 6, 7) else "", summary=siege) for k in range(8)]
    entities = [
        box("Klitschko", ["s0", "s1"], ["s0a", "s0b", "s1a", "s1b"]),  # in every article of both, but no shared topic
        box("Bakhmut", ["s6", "s7"], ["s6a", "s6b", "s7a", "s7b"]),  # same topic and a name: related
        box("Zelensky", ["s5", "s7"], ["s5a", "s7a"]),  # same topic, a name in fewer of their articles
        box("USA", [f"s{k}" for k in range(8)], [f"s{k}a" for k in range(8)]),  # in every story: weighs nothing
    ]
    got = {sb.story.id: sb.related for sb in relate(briefs, entities)}
    assert got["s0"] == () and got["s1"] == ()  # names alone: a long-running cast, not a connection
    assert got["s6"] == ("s7",) and got["s5"] == ("s7",)  # s5 and s6 share only "USA", held by every story
    assert got["s7"] == ("s5", "s6")  # as close as each other: in order of their ids
    two = relate(briefs[6:], [box("Bakhmut", ["s6", "s7"], ["s6a", "s7a"])])  # two stories: every shared name counts
    assert [sb.related for sb in two] == [("s7",), ("s6",)]


def test_related_stories_say_close_things() -> None:
    """A topic and a shared name are not enough: a governor's inquiry and his storm declaration are two subjects."""
    inquiry = (
        said("a", "An independent inquiry found that Governor Andrew Cuomo sexually harassed eleven women, investigators said."),
        said("a", "The attorney general's report said the harassment created a hostile workplace for his aides."),
    )
    inquiry2 = (
        said("b", "Investigators said Governor Andrew Cuomo sexually harassed several women, including aides."),
        said("b", "Lawmakers called for his impeachment after the inquiry's report on the harassment."),
    )
    storm = (
        said("c", "Governor Andrew Cuomo declared a state of emergency as Hurricane Henri approached Long Island."),
        said("c", "Forecasters expected flooding rain and power cuts across the region on Sunday."),
    )
    briefs = [
        brief("harass", ["a"], topic="t", summary=inquiry),
        brief("inquiry", ["b"], topic="t", summary=inquiry2),
        brief("storm", ["c"], topic="t", summary=storm),
        *(brief(f"other{k}", [f"o{k}"], topic="u", summary=(said(f"o{k}", f"Report number {k} on farm prices."),)) for k in range(3)),
    ]
    got = {sb.story.id: sb.related for sb in relate(briefs, [box("Andrew Cuomo", ["harass", "inquiry", "storm"], ["a", "b", "c"])])}
    assert got["harass"] == ("inquiry",) and got["inquiry"] == ("harass",)
    assert got["storm"] == ()
