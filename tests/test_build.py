"""End to end: the seed articles through every stage into a site, read as a person would."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefgen.config import load_config
from briefgen.pipeline import build

from .conftest import SEEDS, search_docs


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("seed") / "site"
    build(load_config(content_dir=SEEDS, site_dir=site, edition="2023-07-25"))
    return site


@pytest.fixture(scope="module")
def seed_json(seed_site: Path) -> dict:
    return json.loads((seed_site / "2023-07-25" / "briefing.json").read_text(encoding="utf-8"))


CNN = "002_c7be52fe89aa2b02.txt"  # Lukashenko invites Wagner to train his army (undated)
SPUTNIK = "000_93218e4d7ac54160.txt"  # Belarus' interior minister meets Wagner, weeks later (dated 2023-07-25)


def story_of(seed_json: dict, path: str) -> dict:
    return next(s for s in seed_json["stories"] if path in s["articles"])


def test_each_seed_article_is_its_own_story(seed_json: dict) -> None:
    """Two events weeks apart (the invitation, the meeting): the learned grouping keeps them apart when built alone
    (README, *One storyline, many days*), and every article is in exactly one story."""
    assert len(seed_json["articles"]) == 2
    assert seed_json["skipped"] == []
    assert sorted(a for s in seed_json["stories"] for a in s["articles"]) == sorted(a["path"] for a in seed_json["articles"])
    assert story_of(seed_json, CNN) is not story_of(seed_json, SPUTNIK)


def test_titles_dates_and_sources_found(seed_json: dict) -> None:
    by_path = {a["path"]: a for a in seed_json["articles"]}
    cnn = by_path[CNN]
    urdu = by_path[SPUTNIK]
    assert cnn["title"] == "Belarusian leader asks Wagner mercenaries to train his military"
    assert urdu["date"] == "2023-07-25"
    assert urdu["source"] == "UrduPoint News / Sputnik"
    assert story_of(seed_json, CNN)["title"] == cnn["title"]
    # the headline-less wire story is titled by its lede, whole, not by the article's clipped title
    title = story_of(seed_json, SPUTNIK)["title"]
    assert title.startswith("Belarusian Interior Minister Ivan Kubrakov met with representatives of the Wagner Group")
    assert not title.endswith("…") and "MINSK" not in title


def test_summary_is_verbatim_cited_and_clean(seed_json: dict) -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    for story in seed_json["stories"]:
        summary = story["summary"]
        assert 3 <= len(summary) <= 10
        for item in summary:
            assert item["article"] in story["articles"]
            assert item["text"] in texts[item["article"]]
            assert not re.search(r"appeared first on|@\w|date 2023|MINSK \(", item["text"])
        assert len({s["text"] for s in summary}) == len(summary)


def test_entities_merged_with_roles(seed_json: dict) -> None:
    for story in seed_json["stories"]:  # both name Prigozhin and Lukashenko, each in one box (not split within a story)
        people = [e for e in story["entities"] if e["type"] == "PERSON"]
        prigozhin = [e for e in people if "Prigozhin" in e["name"]]
        assert len(prigozhin) == 1 and {"Yevgeny Prigozhin", "Prigozhin"} <= set(prigozhin[0]["aliases"])
        assert len([e for e in people if "Lukashenko" in e["name"]]) == 1
        assert not any(e["name"].startswith("@") or e["name"] in ("MINSK", "UrduPoint News") for e in story["entities"])
    cnn = [e for e in story_of(seed_json, CNN)["entities"] if e["type"] == "PERSON"]
    assert {"Aleksandr Lukashenko", "Lukashenko"} <= set(next(e for e in cnn if "Lukashenko" in e["name"])["aliases"])
    assert any(r["text"] == "Wagner leader" for r in next(e for e in cnn if "Prigozhin" in e["name"])["roles"])
    assert not any("Kubrakov" in e["name"] for e in cnn)
    sputnik = [e for e in story_of(seed_json, SPUTNIK)["entities"] if e["type"] == "PERSON"]
    kubrakov = [e for e in sputnik if "Kubrakov" in e["name"]]
    assert len(kubrakov) == 1
    assert [r["text"] for r in kubrakov[0]["roles"]] == ["Belarusian Interior Minister"]


def test_whereabouts_and_arrival_questions_with_evidence(seed_json: dict) -> None:
    questions = story_of(seed_json, CNN)["questions"]
    where = [q for q in questions if q["kind"] == "unknown" and "Prigozhin" in q["question"]]
    assert [q["question"] for q in where] == ["Where is Prigozhin?"]
    assert any("whereabouts of Prigozhin remain unclear" in e["text"] for e in where[0]["evidence"])
    arrived = [q for q in questions if q["question"] == "Did the Wagner chief arrive in Belarus Tuesday?"]
    assert [q["kind"] for q in arrived] == ["unverified"]
    assert any("said the Wagner chief arrived in Belarus Tuesday" in e["text"] for e in arrived[0]["evidence"])


def test_the_denied_attack_is_disputed_within_the_one_article(seed_json: dict) -> None:
    """A claim and its denial by the named party in one sentence of the Sputnik report: the one source is enough."""
    questions = story_of(seed_json, SPUTNIK)["questions"]
    disputed = [q for q in questions if q["kind"] == "disputed"]
    assert [q["question"] for q in disputed] == ["Did the Russian Defense Ministry attack Prigozhin's group's field camps?"]
    assert [(e["article"], e["text"]) for e in disputed[0]["evidence"]] == [
        (
            SPUTNIK,
            "Prigozhin portrayed his actions as a response to the Russian Defense Ministry's alleged attack on his group's "
            "field camps, which the Russian Defense Ministry denied.",
        )
    ]


def test_site_pages_pdfs_and_versions(seed_site: Path, seed_json: dict) -> None:
    edition = seed_site / "2023-07-25"
    assert (edition / "index.html").is_file()
    pages = {}
    for story in seed_json["stories"]:
        pages[story["id"]] = (edition / "stories" / story["id"] / "index.html").read_text(encoding="utf-8")
        assert f"../../pdf/{story['id']}.pdf" in pages[story["id"]]
        assert (edition / "pdf" / f"{story['id']}.pdf").read_bytes().startswith(b"%PDF-")
    assert "Where is Prigozhin?" in pages[story_of(seed_json, CNN)["id"]]
    assert "Where is Prigozhin?" not in pages[story_of(seed_json, SPUTNIK)["id"]]
    assert (edition / "changes" / "index.html").is_file()
    assert (edition / "archive" / "index.html").is_file()
    assert len(list((edition / "articles").iterdir())) == 2
    assert (edition / "pdf" / "edition.pdf").read_bytes().startswith(b"%PDF-")
    versions = json.loads((seed_site / "versions.json").read_text(encoding="utf-8"))
    assert versions == [{"version": "2023-07-25", "title": "2023-07-25", "aliases": ["latest"]}]
    assert "url=2023-07-25/" in (seed_site / "index.html").read_text(encoding="utf-8")
    # no page links Google Fonts or any other outside resource
    for html_file in edition.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_citation_links_reach_the_sentence(seed_site: Path, seed_json: dict) -> None:
    for story in seed_json["stories"]:
        page = (seed_site / "2023-07-25" / "stories" / story["id"] / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'href="\.\./\.\./articles/([^/"]+)/#s(\d+)"', page)
        assert links
        for slug, index in links:
            article_page = (seed_site / "2023-07-25" / "articles" / slug / "index.html").read_text(encoding="utf-8")
            assert f'id="s{index}"' in article_page
            # every paragraph of the source stays a paragraph
            assert article_page.count("<p>") >= 6


@pytest.mark.parametrize(("path", "question"), [(CNN, "#where-is-prigozhin"), (SPUTNIK, "#did-the-russian-defense-ministry-attack")])
def test_story_page_is_a_theme_page_with_its_table_of_contents_and_links(
    seed_site: Path, seed_json: dict, path: str, question: str
) -> None:
    """Story pages are built beside mkdocs (pages.py) yet read like mkdocs pages: theme, contents, working links."""
    story = story_of(seed_json, path)
    page = (seed_site / "2023-07-25" / "stories" / story["id"] / "index.html").read_text(encoding="utf-8")
    assert "md-header" in page and "BRIEFGEN" not in page and "briefgenpage" not in page  # no placeholder left
    skip = re.search(r'<a href="#([^"]+)" class="md-skip"', page)
    assert skip and f'<h1 id="{skip.group(1)}"' in page  # "Skip to content" goes to the page's heading
    toc = page[page.index('data-md-component="toc"') :]
    for anchor in ("#summary", "#open-questions", "#who-and-what", "#sources"):
        assert f'href="{anchor}"' in toc, anchor
        assert f'id="{anchor[1:]}"' in page
    anchor = re.search(rf'href="({re.escape(question)}[^"]*)"', toc)  # the question's own heading
    assert anchor and f'id="{anchor.group(1)[1:]}"' in page
    assert f'href="../../pdf/{story["id"]}.pdf"' in page  # a file link rebased like mkdocs does
    assert (seed_site / "2023-07-25" / "pdf" / f"{story['id']}.pdf").is_file()
    for href in re.findall(r'href="(\.\./\.\./(?:articles|entities)/[^"#]+)', page):
        assert (seed_site / "2023-07-25" / "stories" / story["id"] / href / "index.html").resolve().is_file(), href
    docs = search_docs(seed_site / "2023-07-25")
    assert any(d["url"] == f"/stories/{story['id']}/" and "Prigozhin" in d["content"] for d in docs)


def test_outside_page_headings_get_the_ids_and_contents_mkdocs_would_give() -> None:
    from briefgen.pages import anchor_headings

    body, toc = anchor_headings("<h1>T</h1><h2>Open &amp; shut</h2><h3>Who?</h3><h3>Who?</h3><h2>&lt;b&gt;x</h2>")
    assert '<h2 id="open-shut">Open &amp; shut<a class="headerlink" href="#open-shut" title="Permanent link">&para;</a></h2>' in body
    assert [t["id"] for t in toc[0]["children"]] == ["open-shut", "bx"]
    assert [t["id"] for t in toc[0]["children"][0]["children"]] == ["who", "who_1"]
    assert toc[0]["children"][1]["name"] == "&lt;b&gt;x"  # still escaped: the contents entry shows text, never tags


def test_long_nav_pages_get_their_body_nav_and_search_entry(seed_site: Path) -> None:
    """'People and places' and 'What changed' are built by mkdocs around a placeholder their HTML body replaces."""
    edition = seed_site / "2023-07-25"
    pages = (("entities", ">People<", 'href="ivan-kubrakov/"'), ("changes", ">What changed in edition 2023-07-25", "first edition"))
    for folder, heading, link in pages:
        page = (edition / folder / "index.html").read_text(encoding="utf-8")
        assert "BRIEFGEN" not in page
        assert heading in page and link in page
        assert "md-nav__link--active" in page  # the nav marks the page as the current one
    # search holds the story and article pages, each once; not index pages, nor entity pages (their facts are
    # found in the stories' fact boxes)
    urls = [d["url"] for d in search_docs(edition)]
    assert len(urls) == len(set(urls)) and all(u.startswith(("/stories/", "/articles/")) for u in urls)
    assert any(u.startswith("/stories/") for u in urls) and any(u.startswith("/articles/") for u in urls)


@pytest.mark.parametrize("target", ["", "index.html", "stories/", "stories/s-1/", "pdf/s.pdf", "../e1/", "a/b/c/", "entities/x/index.html"])
@pytest.mark.parametrize("here", ["", "index.html", "stories/", "stories/s-1/", "entities/x/index.html", "changes.html", "a/b/"])
def test_relative_urls_are_posix_relpaths(target: str, here: str) -> None:
    import posixpath

    from briefgen.pages import relative_url

    rel = posixpath.relpath(target or ".", here.rpartition("/")[0] or ".")
    assert relative_url(target, here) == (rel + "/" if (target.endswith("/") or not target) and not rel.endswith("/") else rel)


def test_briefing_json_has_a_line_per_record(seed_site: Path, seed_json: dict) -> None:
    text = (seed_site / "2023-07-25" / "briefing.json").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert sum(line.startswith('    {"path": ') for line in lines) == len(seed_json["articles"])
    assert sum(line.startswith('    {"id": "s-') for line in lines) == len(seed_json["stories"])
    assert text.endswith("}\n") and json.loads(text) == seed_json


NO_NEWS = {
    "lyrics.txt": "From the LP Surrealistic Pillow\n\nThe summer had inhaled and held its breath too long\n\n"
    "The winter looked the same, as if it never had gone\n\nI saw you, I saw you, comin' back to me\n",
    "credits.txt": "Published on Apr 1, 2017\n\nCAST\n\nSinbad\n\nJames - Bradley Bundlie\n\nRachael - Jolie Ledford\n\n"
    "CREW\n\nDirector - Ryan Anthony Martin & Royce Adkins\n\nWriter - Mike Trapp & Royce Adkins\n\nProducer - Shane Crown\n",
}
STORM = (
    '---\ntitle: "Storm cuts power to 40,000 homes in Maine"\ndate: 2024-03-10\nsource: "Portland Herald"\n---\n\n'
    "A late-winter storm cut power to more than 40,000 homes across southern Maine on Sunday, the state's largest utility "
    "said.\n\nCrews from three states were working to restore service, and the utility said most customers would have power "
    "back by Tuesday night.\n"
)


def test_a_file_that_states_no_news_is_skipped_with_the_reason_not_shown_as_a_story(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "storm.md").write_text(STORM, encoding="utf-8")
    for name, text in NO_NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
    build(load_config(content_dir=folder, site_dir=tmp_path / "site", edition="e1", pdf=False))
    data = json.loads((tmp_path / "site" / "e1" / "briefing.json").read_text(encoding="utf-8"))
    assert [s["articles"] for s in data["stories"]] == [["storm.md"]]
    assert [a["path"] for a in data["articles"]] == ["storm.md"]
    reasons = {s["path"]: s["reason"] for s in data["skipped"]}
    assert reasons.keys() == NO_NEWS.keys()
    assert all(r.startswith("no statement of news was found in it") and "not shown as a story" in r for r in reasons.values())
    assert {s for t in data["topics"] for s in t["stories"]} == {data["stories"][0]["id"]}
    assert not list((tmp_path / "site" / "e1" / "articles").glob("lyrics*"))


def test_a_build_where_no_file_states_news_stops_and_says_so(tmp_path: Path) -> None:
    from briefgen.errors import BuildError

    folder = tmp_path / "content"
    folder.mkdir()
    for name, text in NO_NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=r"(?s)no file of the edition states any news.*lyrics\.txt"):
        build(load_config(content_dir=folder, site_dir=tmp_path / "site", edition="e1", pdf=False))
    assert not (tmp_path / "site").exists()


def test_strict_mode_stops_on_a_file_that_states_no_news(tmp_path: Path) -> None:
    from briefgen.errors import BuildError

    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "storm.md").write_text(STORM, encoding="utf-8")
    (folder / "lyrics.txt").write_text(NO_NEWS["lyrics.txt"], encoding="utf-8")
    with pytest.raises(BuildError, match=r"(?s)strict mode.*lyrics\.txt: no statement of news"):
        build(load_config(content_dir=folder, site_dir=tmp_path / "site", edition="e1", pdf=False, strict=True))
    assert not (tmp_path / "site").exists()


def test_an_edition_window_holding_only_files_that_state_no_news_stops_and_says_so(tmp_path: Path) -> None:
    from briefgen.errors import BuildError

    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "storm.md").write_text(STORM, encoding="utf-8")  # dated 2024-03-10: outside a one-day window
    credits = '---\ntitle: "Credits"\ndate: 2024-03-20\n---\n\n' + NO_NEWS["credits.txt"]
    (folder / "credits.md").write_text(credits, encoding="utf-8")
    with pytest.raises(BuildError, match=r"(?s)no file of the edition states any news.*credits\.md"):
        build(load_config(content_dir=folder, site_dir=tmp_path / "site", edition="e1", pdf=False, edition_window_days=1))
    assert not (tmp_path / "site").exists()
