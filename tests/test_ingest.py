"""Ingest of broken and hostile files: every file is built or reported with a reason, nothing crashes.

tests/data/content/ holds one file per case; cases that cannot live in a repository
(symbolic links, pipes, 50 MB files, file names that are not UTF-8) are made in tmp_path.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.config import load_config
from briefgen.ingest import MAX_ARTICLE_CHARS, READERS, discover, ingest, read_file
from briefgen.ingest.errors import Invalid
from briefgen.ingest.text import decode, read_text, read_text_article, sniff, split_front_matter
from briefgen.models import Article

CASES = Path(__file__).resolve().parent / "data" / "content"

#: Every file of tests/data/content: None when it is built, else a piece of the reason it is skipped.
EXPECTED: dict[str, str | None] = {
    "good-plain.txt": None,
    "good-front-matter.md": None,
    "good-library.txt": None,
    "good-crlf.txt": None,
    "good-cr-only.txt": None,
    "good-utf8-bom.txt": None,
    "good-utf16le-bom.txt": None,
    "good-utf16be-bom.txt": None,
    "good-utf16le-no-bom.txt": None,
    "good-cp1252.txt": None,
    "good-latin1.txt": None,
    "good-mixed-encoding.txt": None,
    "good-nul-and-controls.txt": None,
    "name with spaces éè #1.txt": None,
    "dots..in..name.txt": None,
    "hostile-html-in-text.txt": None,
    "hostile-script-title.md": None,
    "hostile-template-syntax.txt": None,
    "hostile-story-traversal.md": None,
    "hostile-markdown.md": None,
    "empty.txt": "the file is empty",
    "whitespace-only.txt": "only blank lines",
    "only-metadata.txt": "no article text",
    "front-matter-only.md": "front matter but no article text",
    "front-matter-unclosed.md": "line 1: front matter starts with '---' but no line closes it",
    "front-matter-list.md": "line 2: front matter is a list",
    "front-matter-date-tomorrow.md": "line 3: front matter 'date': 'tomorrow' is not a date",
    "front-matter-date-impossible.md": "line 3: front matter 'date': '2024-02-30' is not a date",
    "front-matter-invalid-yaml.md": "line 3: front matter is not valid YAML",
    "front-matter-python-tag.md": "could not determine a constructor",
    "front-matter-title-list.md": "front matter 'title': a list is not text",
    "front-matter-title-yes.md": "put it in quotes",
    "front-matter-title-too-long.md": "over the 1,000 limit",
    "front-matter-billion-laughs.md": "front matter 'title': a list is not text",
    "front-matter-deep-nesting.md": "nested more than 50 levels deep",
    "front-matter-story-no-slug.md": "front matter 'story': '../..' has no letters or digits",
    "front-matter-url-javascript.md": "front matter 'url': 'javascript:alert(1)' is not an http(s) address",
    "utf16-broken.txt": "line 2: not valid UTF-16",
    "binary-gzip-renamed.txt": "gzip-compressed data, not text",
    "binary-random.txt": "binary data, not text",
    "image.png": "not a supported article format (.png): this is a PNG image",
    "png-renamed.md": "this is a PNG image, not text",
    "document.docx": "not a supported article format (.docx): this is a ZIP archive",
    "document.pdf": "not a supported article format (.pdf): this is a PDF document",
    "notes.rst": "not a supported article format (.rst)",
    "no-extension": "not a supported article format (no extension)",
    "good-plain.txt~": "backup or temporary file",
    "#good-plain.txt#": "backup or temporary file",
    "_drafts/": "folder name starts with '_'",
}
HIDDEN = {".hidden-note.txt"}


def _config(content: Path, **overrides):
    return load_config(content_dir=content, site_dir=content.parent / "site", **overrides)


def _outcome(content: Path) -> tuple[dict[str, Article], dict[str, str]]:
    articles, skipped = ingest(_config(content))
    return {a.id: a for a in articles}, {s.path: s.reason for s in skipped}


@pytest.fixture(scope="module")
def cases() -> tuple[dict[str, Article], dict[str, str]]:
    return _outcome(CASES)


def test_every_fixture_file_is_listed_here() -> None:
    on_disk = {p.name for p in CASES.iterdir() if p.is_file()} | {f"{p.name}/" for p in CASES.iterdir() if p.is_dir()}
    assert on_disk - HIDDEN == set(EXPECTED)


def test_every_file_is_built_or_skipped_with_its_reason(cases) -> None:
    built, skipped = cases
    for name, expected in EXPECTED.items():
        if expected is None:
            assert name in built, f"{name} not built: {skipped.get(name)}"
            assert name not in skipped
        else:
            assert name not in built
            assert expected in skipped.get(name, ""), f"{name}: {skipped.get(name)!r}"
    assert not (set(built) | set(skipped)) & HIDDEN


def test_encodings_decode_to_the_same_clean_text(cases) -> None:
    built, _ = cases
    assert built["good-cp1252.txt"].title == "Eastbridge bakery “will not give up”"
    assert "€40,000" in built["good-cp1252.txt"].text
    assert "José Muñoz" in built["good-latin1.txt"].text
    assert "Renée Dubois" in built["good-mixed-encoding.txt"].text  # UTF-8 kept, the one stray byte read as cp1252
    assert "Monday–late" in built["good-mixed-encoding.txt"].text
    assert built["good-utf8-bom.txt"].title == "Café owners in Eastbridge reopen"
    for name in ("good-utf16le-bom.txt", "good-utf16be-bom.txt", "good-utf16le-no-bom.txt", "good-crlf.txt", "good-cr-only.txt"):
        article = built[name]
        assert article.date is not None and article.source == "Valley Courier", name
        assert "\r" not in article.text and "\x00" not in article.text
    text = built["good-nul-and-controls.txt"].text
    assert "Engineers continued to inspect the south bridge" in text
    assert not any(ord(c) < 32 and c != "\n" for c in text)


def test_hostile_text_is_kept_as_text(cases) -> None:
    built, _ = cases
    assert built["hostile-script-title.md"].title == "<script>alert('title')</script> Flood <b>update</b>"
    assert "{{ 7*7 }}" in built["hostile-template-syntax.txt"].text
    assert built["hostile-story-traversal.md"].story == "../../etc"  # text.slugs.story_slug makes it 'etc'


def test_python_tag_in_front_matter_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n\nBody.\n"
    with pytest.raises(Invalid, match="could not determine a constructor"):
        read_text_article(text, "x.md", "md")
    assert not marker.exists()


# --- decoding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfcaf\xc3\xa9\r\n", "café\n"),
        ("café\n".encode("utf-16"), "café\n"),
        (b"\xff\xfe\x00\x00" + "café".encode("utf-32-le"), "café"),
        (b"caf\xe9 \x93q\x94", "café “q”"),
        (b"\x81\x8d ok", " ok"),  # bytes cp1252 leaves undefined are C1 controls: removed
        (b"a\rb\r\nc\x0bd\xe2\x80\xa8e", "a\nb\nc\nd\ne"),
        (b"Some article text. " * 10 + b"a\x00b\x07c\x1bd", "Some article text. " * 10 + "abcd"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert sniff(data) is None
    assert decode(data) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x1f\x8b\x08\x00" + bytes(50), "gzip"),
        (b"PK\x03\x04" + bytes(50), "ZIP archive"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"{\\rtf1\\ansi hello}", "RTF document"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_sniff_names_what_a_binary_file_is(data: bytes, reason: str) -> None:
    assert reason in (sniff(data) or "")


def test_binary_tail_after_text_is_found() -> None:
    data = b"Some text.\n" * 2000 + bytes(range(256)) * 40
    assert "binary data" in (sniff(data) or "")


# --- front matter ---------------------------------------------------------------------------------


def test_front_matter_values_are_cleaned() -> None:
    meta, body, lines = split_front_matter('---   \ntitle: "  A\\ttitle\\x00 with\\nlines "\nstory: 7\n...\nBody\n')
    assert (meta.title, meta.story, body, lines) == ("A title with lines", "7", "Body\n", 4)


def test_front_matter_date_forms() -> None:
    assert split_front_matter("---\ndate: 2024-03-01 10:30:00\n---\nx")[0].date == "2024-03-01"
    assert split_front_matter("---\ndate: 3 March 2024\n---\nx")[0].date == "2024-03-03"
    with pytest.raises(Invalid, match="'date': 20240301 is not a date"):
        split_front_matter("---\ndate: 20240301\n---\nx")


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("story: Edition", "reserved name"),
        ("url: 'https://x.org/a b'", "is not an http(s) address"),
        ('url: "https://x.org/\\" onmouseover=\\"x"', "is not an http(s) address"),
        ("title: " + "1" * 5000, "over the 1,000 limit"),  # over Python's int-string limit: read as text
        ("source: {a: 1}", "'source': a mapping is not text"),
        ("? [a, b]\n: c", "not valid YAML"),
        ("a: b\n" + "x" * 70_000, "over the 64,000 limit"),
    ],
)
def test_front_matter_problems(front: str, reason: str) -> None:
    with pytest.raises(Invalid, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_text_article(f"---\n{front}\n---\n\nBody text.\n", "x.md", "md")


def test_inferred_title_of_a_blob_is_short() -> None:
    article = read_text_article("x" * 50_000, "blob.txt", "txt")
    assert len(article.title) <= 151


def _body_offsets_hold(article: Article) -> None:
    for para in article.paragraphs:
        assert article.text[para.start : para.start + len(para.text)] == para.text


def test_time_stamp_under_the_headline_gives_the_date_and_leaves_the_headline() -> None:
    text = (
        "Report: Red Sox offer Teixeira $200 million\n\nDecember 15th, 2008, 7: 35 am\n\n"
        "Dan Patrick reported on his show that the Boston Red Sox have made Mark Teixeira an offer.\n\n"
        "If so, that blows the reported offers out of the water.\n"
    )
    article = read_text_article(text, "a.md", "md")
    assert article.date == "2008-12-15"
    assert article.title == "Report: Red Sox offer Teixeira $200 million" and not article.title_inferred
    assert "7: 35" not in article.text and article.text.startswith("Dan Patrick reported")
    _body_offsets_hold(article)


def test_a_bare_time_stamp_is_never_the_title() -> None:
    text = "8: 24am:\n\nAccording to Michael Silverman of the Boston Herald, the Red Sox made an offer.\n\nMore text.\n"
    article = read_text_article(text, "a.txt", "txt")
    assert "24am" not in article.title and article.title.startswith("According to Michael Silverman")
    assert "8: 24am" not in article.text
    assert article.date is None
    _body_offsets_hold(article)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Posted: Nov 27, 2005 8: 20 AM ET Last Updated: Nov 27, 2005 8: 10 PM ET", "2005-11-27"),
        ("12 / 16 / 08 1: 30 AM EST", "2008-12-16"),  # month first when either order is possible
        ("27 / 09 / 2013", "2013-09-27"),  # day first when the month cannot be 27
        ("Article posted on 08. 07. 2012", "2012-07-08"),  # dots: day first
        ("Published: 2012. 08. 08 09: 01 AM", "2012-08-08"),
        ("9: 53 AM, MON 22 JUL 2013", "2013-07-22"),
        ("TNN Nov 12, 2011, 05. 51AM IST MUMBAI:", "2011-11-12"),
        ("12: 52 p. m. EDT May 2, 2013", "2013-05-02"),
        ("Posted on November 15, 2011 6: 07: 15 PM GMT+01: 0", "2011-11-15"),
        ("APR 28", None),  # a stamp, but no year: no date
    ],
)
def test_time_stamp_forms_are_read_under_a_standfirst(line: str, date: str | None) -> None:
    text = f"A headline about the news\n\nA standfirst that says more about it\n\n{line}\n\nThe body of the article.\n"
    article = read_text_article(text, "a.txt", "txt")
    assert article.date == date
    assert article.title == "A headline about the news"
    assert line not in article.text and "The body of the article." in article.text
    _body_offsets_hold(article)


@pytest.mark.parametrize(
    "line",
    [
        "Obama sworn in on January 20, 2009",
        "Posted 1 year, 160 days ago [downloaded on 2 October 2013]",
        "5 Thoughts on Why the Academy Picked Ellen DeGeneres",
        "Top 10 stories of 2013",
        "The price rose to 6.50 on May 2, 2013, traders said.",
    ],
)
def test_lines_that_only_hold_a_date_are_kept(line: str) -> None:
    text = f"A headline about the news\n\n{line}\n\nThe body of the article.\n"
    assert line in read_text_article(text, "a.txt", "txt").text


# --- discovery: links, pipes, names, permissions --------------------------------------------------


GOOD = (CASES / "good-plain.txt").read_text(encoding="utf-8")


def _variant(n: int) -> str:
    return GOOD.replace("The River Lenn burst", f"In report {n} the River Lenn burst")


def test_links_pipes_and_odd_names(tmp_path: Path) -> None:
    content = tmp_path / "content"
    outside = tmp_path / "outside"
    content.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret text that must not be read.\n\nMore secret text.\n")
    (content / "good.txt").write_text(_variant(1))
    (content / "sub").mkdir()
    (content / "sub" / "deeper.txt").write_text(_variant(2))
    os.symlink(outside / "secret.txt", content / "link-outside.txt")
    os.symlink("../outside/secret.txt", content / "sub-link.txt")
    os.symlink("good.txt", content / "link-inside.txt")
    os.symlink("missing.txt", content / "link-broken.txt")
    os.symlink("link-self.txt", content / "link-self.txt")
    os.symlink(".", content / "loop")
    os.symlink(outside, content / "folder-outside")
    os.mkfifo(content / "pipe.txt")
    os.mkfifo(content / "pipe.md")
    (content / "new\nline.txt").write_text(_variant(3))
    (content / 'x") [a](javascript:alert(1)) <img src=x onerror=alert(2)>.txt').write_text(_variant(4))
    os.mkdir(os.path.join(os.fsencode(content), b"bad-\xff-folder"))
    Path(os.fsdecode(os.path.join(os.fsencode(content), b"latin-\xe9.txt"))).write_text(_variant(5))
    (content / ".git").mkdir()
    (content / ".git" / "config.txt").write_text("hidden\n")

    built, skipped = _outcome(content)
    assert set(built) == {"good.txt", "sub/deeper.txt", 'x") [a](javascript:alert(1)) <img src=x onerror=alert(2)>.txt'}
    assert skipped["link-inside.txt"] == "duplicate of good.txt"  # followed, inside the folder: the same text
    assert "outside the content folder" in skipped["link-outside.txt"]
    assert "outside the content folder" in skipped["sub-link.txt"]
    assert "broken symbolic link" in skipped["link-broken.txt"]
    assert "broken symbolic link" in skipped["link-self.txt"]
    assert "symbolic link to a folder: not followed" in skipped["loop"]
    assert "symbolic link to a folder: not followed" in skipped["folder-outside"]
    assert "named pipe" in skipped["pipe.txt"] and "named pipe" in skipped["pipe.md"]
    assert "control characters" in skipped["new?line.txt"]
    assert "not UTF-8" in skipped["latin-\ufffd.txt"]
    assert "not UTF-8" in skipped["bad-\ufffd-folder/"]
    for path in skipped:
        path.encode("utf-8")  # every reported name can be printed and written
    assert all("Secret" not in a.text for a in built.values())


def test_unreadable_file_and_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    (content / "locked").mkdir(parents=True)
    (content / "locked" / "a.txt").write_text(_variant(1))
    (content / "open.txt").write_text(_variant(2))
    (content / "secret.txt").write_text(_variant(3))
    real_read = Path.read_bytes
    real_scandir = os.scandir

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read(self)

    def scandir(path=None):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    built, skipped = _outcome(content)
    assert set(built) == {"open.txt"}
    assert skipped["secret.txt"] == "cannot be read: Permission denied; check its permissions"
    assert skipped["locked/"].startswith("folder cannot be read: Permission denied")


def test_size_limits(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    with open(content / "huge.txt", "wb") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB on paper, no disk used
    (content / "one-line.txt").write_text("word " * 1_000_000)  # 5 MB on one line
    (content / "long.md").write_text("# Long\n\n" + ("The council met again today. " * 40 + "\n\n") * 100)
    (content / "ok.txt").write_text(_variant(1))
    built, skipped = _outcome(content)
    assert set(built) == {"ok.txt"}
    assert "50.0 MB, over the 5.0 MB limit (max_file_bytes)" in skipped["huge.txt"]
    assert "over the 100,000 limit" in skipped["long.md"]
    assert skipped["one-line.txt"]  # over either limit, depending on its exact size
    assert len(built["ok.txt"].text) < MAX_ARTICLE_CHARS


def test_site_folder_inside_content_is_not_read(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "site" / "e1").mkdir(parents=True)
    (content / "site" / "e1" / "page.html").write_text("<html><body><p>Old page</p></body></html>")
    (content / "a.txt").write_text(_variant(1))
    articles, skipped = ingest(load_config(content_dir=content, site_dir=content / "site"))
    assert [a.id for a in articles] == ["a.txt"]
    assert [(s.path, s.reason) for s in skipped] == [("site/", "the site folder being built: not read")]


def test_a_crashing_reader_costs_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text(_variant(1))
    (content / "b.md").write_text(_variant(2))

    def boom(data: bytes, rel: str):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(READERS, ".md", boom)
    built, skipped = _outcome(content)
    assert set(built) == {"a.txt"}
    assert skipped["b.md"] == "could not be read: unexpected ZeroDivisionError: division by zero (please report this)"


def test_lone_surrogates_from_a_reader_are_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text(_variant(1))
    real = READERS[".txt"]

    def reader(data: bytes, rel: str):  # type: ignore[no-untyped-def]
        for article in real(data, rel):
            bad = article.text.replace("Lenn", "L\ud800nn")
            paragraphs = tuple(dataclasses.replace(p, text=bad[p.start : p.start + len(p.text)]) for p in article.paragraphs)
            yield dataclasses.replace(article, title="T\udc80", text=bad, paragraphs=paragraphs)

    monkeypatch.setitem(READERS, ".txt", reader)
    article = _outcome(content)[0]["a.txt"]
    assert article.title == "T\ufffd" and "L\ufffdnn" in article.text
    for p in article.paragraphs:
        assert article.text[p.start : p.start + len(p.text)] == p.text


def test_discover_skips_hidden_silently(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / ".cache").mkdir(parents=True)
    (content / ".cache" / "x.txt").write_text("x")
    (content / ".DS_Store").write_bytes(b"\x00\x01")
    (content / "stories.yml").write_text("titles: {}\n")
    assert discover(content) == ([], [])


# --- fuzz -----------------------------------------------------------------------------------------


def _check(article: Article) -> None:
    assert article.title.strip()
    article.text.encode("utf-8")
    article.title.encode("utf-8")
    assert "\r" not in article.text and "\x00" not in article.text
    for p in article.paragraphs:
        assert article.text[p.start : p.start + len(p.text)] == p.text


_LINES = st.sampled_from(
    [
        "---",
        "...",
        "title: A title",
        "date: 2024-03-01",
        "date: tomorrow",
        "story: ../../x",
        "url: javascript:x",
        "title: [a, b]",
        "- item",
        "  indented: : x",
        "&a [1, 2]",
        "*a",
        "!!python/object:os.system x",
        "{{ 7*7 }}",
        "<script>alert(1)</script>",
        "MINSK (Agency) - The text.",
        "By Some Writer",
        "date 2024-03-01",
        "",
        " ",
        "# Heading",
        "Plain sentence of the article body.",
        '"quoted',
        "'single",
        "key: 'unterminated",
        "[link](javascript:x)",
    ]
)
_TEXTS = st.one_of(st.text(max_size=400), st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=25).map("\n".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, fmt=st.sampled_from(["txt", "md"]))
def test_fuzz_text_articles(text: str, fmt: str) -> None:
    try:
        article = read_text_article(decode(text.encode("utf-8", "surrogatepass")), "f.txt", fmt)
    except Invalid:
        return
    _check(article)


_BYTES = st.one_of(
    st.binary(max_size=600),
    _TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x1f\x8b", b"---\n", b""]), st.binary(max_size=300)).map(
        lambda t: t[0] + t[1]
    ),
    _TEXTS.map(lambda t: t.encode("utf-16-le", "surrogatepass")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=_BYTES)
def test_fuzz_bytes_of_text_files(data: bytes) -> None:
    try:
        article = read_text(data, "f.txt", "txt") if sniff(data) is None else None
    except Invalid:
        return
    if article is not None:
        _check(article)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=_BYTES, suffix=st.sampled_from(sorted(READERS)))
def test_fuzz_every_reader(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    """Every registered format: bytes -> articles and Skipped records, or Invalid; never another exception."""
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"f{suffix}"
    path.write_bytes(data)
    config = load_config(content_dir=folder, site_dir=folder / "site")
    try:
        items = list(read_file(path, path.name, config))
    except Invalid:
        return
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for item in items:
        if isinstance(item, Article):
            _check(item)


@pytest.mark.parametrize("site", [".", "..", "../.."])
def test_content_folder_that_is_or_lies_in_the_site_folder_is_refused(tmp_path: Path, site: str) -> None:
    from briefgen.errors import BuildError

    content = tmp_path / "a" / "b"
    content.mkdir(parents=True)
    (content / "x.txt").write_text(_variant(1))
    with pytest.raises(BuildError, match="keep them apart"):
        ingest(load_config(content_dir=content, site_dir=content / site))


def test_social_media_and_archive_paragraphs_are_dropped_whole() -> None:
    widget = (
        "Tweet with a location \n \n You can add location information to your Tweets, such as your city or precise "
        "location, from the web and via third-party applications. You always have the option to delete it. Learn more"
    )
    body = "Heavy rain flooded the river town of Millbrook on Tuesday, forcing 2,000 residents from their homes."
    article = read_text_article(f"{widget}\n \n {body}\n \n ___\n \n Advertisement", "a.txt", "txt")
    assert article.text == body and "Tweet" not in article.title and "location" not in article.title


@pytest.mark.parametrize(
    "text",
    [
        "Tweet with a location \n \n You can add location information to your Tweets, such as your city. Learn more",
        "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. Flowing in every day, "
        "these data are added to the Wayback Machine after an embargo period.",
        "Add a location to your Tweets\n\nWhen you tweet with a location, Twitter stores that location. Learn more",
        "The seed for Wide00014 was:\n\n- Slash pages from every domain on the web:\n\n-- a ranking of all URLs that have "
        "more than one incoming inter-domain link\n\n- Top ranked pages (up to a max of 100) from every linked-to domain",
        "This is a set of web collections curated by Mark Graham using the Archive-IT service of the Internet Archive.",
        "The seed for this crawl was a list of every host in the Wayback Machine\n\nThis crawl was run at a level 1 (URLs "
        "including their embeds)\n\nThe WARC files associated with this crawl are not currently available to the public.",
        # a video page: its licensing notice and its credits' addresses (a headline-only article before)
        "Published on Sep 8, 2015\n\n\u201cThis video is represented by Break.com - For any licensing requests please contact "
        "licensing@break.com\u201d\n\nStunt man - https://instagram.com/someone/\n\nhttps://instagram.com/another/",
        # a page's social buttons and newsletter box
        "Join us on Facebook Like us and you'll find top breaking news in your Facebook newsfeed.\n\nSign up for the "
        "Curbed NY newsletter Sign up for our daily email newsletter and get top stories delivered to your inbox.",
        # a web archive's collection and partner notes
        "A collection of provincial web content. Terms of use for this material are available at the province's site.",
        "Springfield Public LibraryArchive-It Partner Since: May, 2009Organization Type: Public Libraries",
        # a saved error page: the host's notice that the address moved, a page gone
        "The IP address has changed.\n\nThe IP address for this domain may have changed recently. Check your DNS settings.",
        "We’re sorry, but this page is not available. Try typing the web address again.",
    ],
)
def test_a_file_of_furniture_only_is_skipped_with_the_reason(text: str) -> None:
    with pytest.raises(Invalid, match="no article text: only site, archive or social-media furniture"):
        read_text_article(text, "a.txt", "txt")


@pytest.mark.parametrize(
    "text",
    [
        "Police said the IP address of the laptop had changed twice before the arrest.",
        "A collection of paintings stolen in 1990 was found in a barn, the museum said on Monday.",
        "A collection of web pages documenting the protest was saved by the city library, its director said.",
        "Officials said they were sorry, but the page of the report that named the victims is not available.",
    ],
)
def test_news_that_speaks_of_addresses_collections_or_pages_is_no_furniture(text: str) -> None:
    assert read_text_article(text, "a.txt", "txt").text == text


def test_a_hosts_placeholder_for_a_new_site_is_furniture() -> None:
    """What is left is a heading alone, a statement of nothing, which the build then leaves out of the edition."""
    placeholder = (
        "You're Almost There...\n\nYour custom domain mapping may take as little as 15-30 minutes to resolve, but in some "
        "cases mapping a new custom domain can take up to 24 hours. If you need additional information about domain "
        "mapping, please visit our help center."
    )
    assert "domain" not in read_text_article(placeholder, "a.txt", "txt").text


def test_a_byline_and_date_run_into_the_lead_are_not_article_text() -> None:
    text = (
        "Photo of the century\n\nBy By Karen Graham Oct 31, 2015 in Entertainment A famous photograph of a miner "
        "turned out to be staged, the museum said on Friday.\n\nThe museum apologised.\n"
    )
    article = read_text_article(text, "x.txt", "txt")
    assert article.text.startswith("A famous photograph of a miner")
    assert article.author == "Karen Graham" and article.date == "2015-10-31"
    section = "Senate passes the budget bill\n\nBy Jane Doe Oct 31, 2015 in Politics President Obama said on Friday he would sign.\n"
    assert read_text_article(section, "z.txt", "txt").text.startswith("President Obama said")  # the section is one word
    lead = "By Friday, he was tweeting that the deal was off, the paper said.\n"  # "By" opening the text, no byline
    assert read_text_article(f"Deal off\n\n{lead}", "y.txt", "txt").text.startswith("By Friday, he was tweeting")


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014", "\u2015"])
def test_a_dateline_ends_with_any_dash_a_site_writes(dash: str) -> None:
    """Hyphen, en dash, em dash, or the horizontal bar some sites write ("WASHINGTON ― President ...")."""
    article = read_text_article(f"WASHINGTON {dash} The Senate voted on Tuesday to end the shutdown.\n", "w.txt", "txt")
    assert article.text.startswith("The Senate voted")
    _body_offsets_hold(article)


def test_a_dateline_set_close_against_its_sentence_goes_too() -> None:
    article = read_text_article("WASHINGTON\u2014An attorney for the aide said Thursday that he would cooperate.\n", "w.txt", "txt")
    assert article.text.startswith("An attorney for the aide")
    kept = read_text_article("NEW-YORK-based ABC-TV said on Thursday that it would air the debate.\n", "k.txt", "txt")
    assert kept.text.startswith("NEW-YORK-based ABC-TV said")  # hyphens set close join words
    for lede, source in (
        ("Washington (CNN) Vermont Sen. Bernie Sanders lauded Pope Francis on Thursday.", "CNN"),
        ("Denver (AP) \u2013 Colorado's top law enforcement official promises to defend the law.", "AP"),
        ("PARIS An Algerian man suspected of planning an attack has been arrested in Paris.", None),
        ("WASHINGTON \u2015House Majority Whip Steve Scalise was still in critical condition on Thursday.", None),
    ):
        article = read_text_article(f"{lede}\n", "n.txt", "txt")
        assert article.text.split()[0] in ("Vermont", "Colorado's", "An", "House") and article.source == source
    said = read_text_article("Obama (D-Ill.) said on Thursday that he would sign the bill.\n", "o.txt", "txt")
    assert said.text.startswith("Obama (D-Ill.) said")  # a parenthesis that is no agency's mark


def test_a_video_players_button_is_no_part_of_its_caption() -> None:
    text = "CLOSE Bone-chilling cold gripped much of the U.S. as 2018 began, breaking century-old records.\n"
    assert read_text_article(text, "c.txt", "txt").text.startswith("Bone-chilling cold gripped")
    assert read_text_article("Close to 100 people were hurt in the storm on Monday.\n", "d.txt", "txt").text.startswith("Close to")


def test_a_dateline_after_a_standfirst_is_taken_off_the_lede_too() -> None:
    """The story proper may open after a caption or a standfirst: its dateline goes, as the head paragraph's would, once,
    and only one that names a place (a parenthesis opening a later paragraph stays)."""
    text = (
        "Seven American sailors are missing after a collision off Japan.\n\n"
        "YOKOSUKA, Japan (AP) \u2014 U.S. and Japanese vessels were searching Saturday for seven American sailors.\n\n"
        "TOKYO \u2014 The container ship was berthed in Tokyo.\n\n"
        "(Wagner mercenaries) were seen near the border, the ministry said.\n"
    )
    article = read_text_article(text, "d.txt", "txt")
    assert [p.text for p in article.paragraphs][1:] == [
        "U.S. and Japanese vessels were searching Saturday for seven American sailors.",
        "TOKYO \u2014 The container ship was berthed in Tokyo.",  # one dateline opens a story
        "(Wagner mercenaries) were seen near the border, the ministry said.",
    ]
    _body_offsets_hold(article)


def test_a_wire_dash_typed_as_an_underscore_is_a_dash_and_ends_a_dateline() -> None:
    text = (
        "ATLANTA _ Attorneys for the former speaker asked a judge on Friday to seal the records.\n\n"
        "The state is small _ only about a third the size of Belgium _ but rich. The file_name stays.\n"
    )
    article = read_text_article(text, "a.txt", "txt")
    assert article.text.startswith("Attorneys for the former speaker")  # the place's dateline is gone
    assert "small \u2014 only about a third the size of Belgium \u2014 but rich" in article.text
    assert "file_name" in article.text
    _body_offsets_hold(article)


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Sen. Lindsey Graham said Sunday the speech was tone deaf.", "Sen. Lindsey Graham said Sunday the speech was tone deaf"),
        ("The U.S. Coast Guard rescued a 58-year-old man at sea.", "The U.S. Coast Guard rescued a 58-year-old man at sea"),
        ("Stephen A. Smith has reported that the team let its coach go.", "Stephen A. Smith has reported that the team let its coach go"),
        ("Sen. Dick Durbin (D.-Ill.) on Sunday joined the chorus.", "Sen. Dick Durbin (D.-Ill.) on Sunday joined the chorus"),
        ("Oklahoma Gov. Mary Fallin spoke. She was encouraged.", "Oklahoma Gov. Mary Fallin spoke"),
        ("Reps. Jim Jordan and Jim Banks were removed from the panel.", "Reps. Jim Jordan and Jim Banks were removed from the panel"),
    ],
)
def test_a_title_made_of_the_first_sentence_is_not_cut_at_an_abbreviation(first: str, title: str) -> None:
    # a file with no headline is titled by its first sentence: "Sen", "U.S" or "Stephen A" named no article
    article = read_text_article(f"{first} More of the report follows here.\n\nA second paragraph.\n", "a.txt", "txt")
    assert article.title_inferred and article.title == title
