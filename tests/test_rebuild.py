"""A rebuild after a small change redoes only what the change touches, and makes the same site as a build
from nothing: cached page bodies (render.write_pages), the files' records (ingest's _Book, filestat), the
earlier editions' counts (editions.archive_rows), the search pages' digests (search.page_digest) and the
new site folder assembled while the build runs (site.Assembly)."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from briefgen import editions, filestat, search, site
from briefgen.config import load_config
from briefgen.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT / "tests" / "data" / "ecb"


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ECB, folder)
    return folder


def config(tmp_path: Path, folder: Path, name: str, site_dir: str = "site", **kw):
    return load_config(content_dir=folder, site_dir=tmp_path / site_dir, edition=name, pdf=False, **kw)


class Counted(logging.Handler):
    """The numbers the page store logs (bodies from the cache, rendered)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.pages: list[tuple[int, int]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("pages:"):
            self.pages.append(tuple(record.args))  # type: ignore[arg-type]


@pytest.fixture
def counted():
    handler, logger = Counted(), logging.getLogger("briefgen.render")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.fixture(autouse=True)
def reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


# --- page bodies ------------------------------------------------------------------------------------


def test_unchanged_pages_come_from_the_cache_and_the_site_is_a_fresh_builds(tmp_path: Path, counted: Counted) -> None:
    folder = content(tmp_path)
    build(config(tmp_path, folder, "e1"))
    (made,) = counted.pages
    assert made[0] == 0 and made[1] > 20  # the first build renders every article and entity page
    text = (folder / "1_1ecb.txt").read_text(encoding="utf-8")
    (folder / "1_1ecb.txt").write_text(text.replace("Reid", "Reyd", 1), encoding="utf-8")  # one article changes
    build(config(tmp_path, folder, "e2"))
    reused, rendered = counted.pages[-1]
    assert reused > rendered >= 1  # its page and its entities' pages again; the others from the cache
    # the same edition from nothing (another site and cache, the same e1 before it) is the same, file for file
    shutil.copytree(ECB, tmp_path / "fresh-content")
    build(config(tmp_path, tmp_path / "fresh-content", "e1", "fresh"))
    (tmp_path / "fresh-content" / "1_1ecb.txt").write_text(text.replace("Reid", "Reyd", 1), encoding="utf-8")
    shutil.rmtree(tmp_path / ".briefgen-cache")  # both sites share the cache beside them: empty it first
    build(config(tmp_path, tmp_path / "fresh-content", "e2", "fresh"))
    assert counted.pages[-1][0] == 0
    assert tree(tmp_path / "site" / "e2") == tree(tmp_path / "fresh" / "e2")


def test_a_template_change_renders_every_page_again(tmp_path: Path, counted: Counted) -> None:
    folder = content(tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    build(config(tmp_path, folder, "e1", templates_dir=templates))
    build(config(tmp_path, folder, "e2", templates_dir=templates))
    assert counted.pages[-1][1] == 0
    page = templates / "pages" / "article.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("<h1>", "<h1 class='x'>", 1), encoding="utf-8")
    build(config(tmp_path, folder, "e3", templates_dir=templates))
    assert counted.pages[-1][0] == 0
    assert "<h1 class='x'" in next((tmp_path / "site" / "e3" / "articles").glob("*/index.html")).read_text(encoding="utf-8")


def test_a_keyed_page_reading_what_its_key_leaves_out_stops_the_build(tmp_path: Path) -> None:
    """A cached page's context holds only what its key is made of: a template reading more fails, never goes stale."""
    from jinja2.exceptions import UndefinedError

    from briefgen.errors import BuildError

    folder = content(tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "pages" / "article.html.j2"
    page.write_text(page.read_text(encoding="utf-8") + "{{ edition }}\n", encoding="utf-8")
    with pytest.raises((UndefinedError, BuildError)):
        build(config(tmp_path, folder, "e1", templates_dir=templates))


def test_the_shell_cut_once_gives_the_pages_that_replacing_its_slots_in_turn_gives() -> None:
    from briefgen.pages import _SKIP_LINK, _TITLE_MARK, _TOC_SHOWN, _TOC_SLOT, Shell

    head = (
        f"<title>{_TITLE_MARK} - site</title><a {_SKIP_LINK}>skip</a><nav {_TOC_SHOWN}<ul>{_TOC_SLOT}</ul></nav>"
        f"<h2>{_TITLE_MARK}</h2><nav {_TOC_SHOWN}x</nav>"
    )
    shell = Shell(head, f"<footer>{_TITLE_MARK}</footer>", "<li>entry</li>")

    def in_turn(title: str, toc: str, body: str) -> str:  # the rule, as pages.py wrote it before the cut
        heading = re.search(r'<h1 id="([^"]+)"', body)
        done = head.replace(_SKIP_LINK, f'href="#{heading.group(1) if heading else ""}"')
        done = done.replace(_TITLE_MARK, title).replace(_TOC_SLOT, toc)
        if not toc:
            done = done.replace(_TOC_SHOWN, 'data-md-type="toc" hidden>', 1)
        return done + body + shell.tail.replace(_TITLE_MARK, title)

    for title in ("Flood", "A &amp; B", _TITLE_MARK, "x\x00toc\x00y", ""):
        for toc in ("", "<li>a</li>", _TITLE_MARK):
            for body in ('<h1 id="flood">Flood</h1><p>x</p>', "<p>no heading</p>", f'<h1 id="a">{_TOC_SLOT}</h1>'):
                assert shell.page(title, toc, body) == in_turn(title, toc, body), (title, toc, body)


# --- search ----------------------------------------------------------------------------------------


def test_the_digests_written_with_the_pages_are_those_read_from_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = content(tmp_path)
    seen: dict[str, dict[str, str]] = {}
    real = search.index_search

    def spy(out_dir, dates, cache, fp, scratch, known=None):
        seen["known"] = dict(known or {})
        seen["read"] = {p.path: p.text for p in search.find_pages(out_dir, dates)}  # every page read from the disk
        return real(out_dir, dates, cache, fp, scratch, known)

    monkeypatch.setattr(search, "index_search", spy)
    build(config(tmp_path, folder, "e1"))
    assert seen["known"] == seen["read"] and len(seen["read"]) > 20


# --- the files' records (ingest) ---------------------------------------------------------------------


def test_a_settled_unchanged_file_is_not_read_again_and_a_changed_one_always_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.ingest as ingest_module

    monkeypatch.setattr(filestat, "SETTLED_NS", 0)  # the files below count as settled at once (see the next test)
    folder = content(tmp_path)
    real = ingest_module.read_file
    read: list[str] = []
    monkeypatch.setattr(ingest_module, "read_file", lambda path, rel, *a, **k: read.append(rel) or real(path, rel, *a, **k))
    first = build(config(tmp_path, folder, "e1"))
    assert len(read) == 16
    read.clear()
    target = folder / "1_1ecb.txt"
    info = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Reid", "Reyd", 1), encoding="utf-8")  # same size
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same modification time, as cp -p or rsync -t leave it
    (folder / "1_2ecb.txt").unlink()
    shutil.copy2(ECB / "1_2ecb.txt", folder / "1_2ecb.txt")  # the same bytes and times, another file (inode)
    second = build(config(tmp_path, folder, "e2"))
    assert sorted(read) == ["1_1ecb.txt", "1_2ecb.txt"]  # the change time moved, the inode changed: read again
    assert "Reyd" in next(a.text for a in second.articles if a.id == "1_1ecb.txt")
    assert [a.id for a in first.articles] == [a.id for a in second.articles]
    read.clear()
    (folder / "1_3ecb.txt").unlink()
    third = build(config(tmp_path, folder, "e3"))
    assert read == [] and "1_3ecb.txt" not in {a.id for a in third.articles}


def test_a_file_changed_just_before_the_build_that_read_it_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its record may hold the times of a change made in the same tick of the clock as a later one: not trusted."""
    import briefgen.ingest as ingest_module

    folder = content(tmp_path)
    real = ingest_module.read_file
    read: list[str] = []
    monkeypatch.setattr(ingest_module, "read_file", lambda path, rel, *a, **k: read.append(rel) or real(path, rel, *a, **k))
    monkeypatch.setattr(filestat, "now", lambda: (folder / "1_1ecb.txt").stat().st_ctime_ns + filestat.SETTLED_NS // 2)
    build(config(tmp_path, folder, "e1"))
    read.clear()
    build(config(tmp_path, folder, "e2"))
    assert len(read) == 16  # every file changed within SETTLED_NS of the build that recorded it


def test_a_reader_warning_is_given_again_when_the_record_stands_for_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filestat, "SETTLED_NS", 0)
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("1_1ecb.txt", "1_2ecb.txt"):
        shutil.copy(ECB / name, folder / name)
    (folder / "feed.rss").write_text(
        "<rss><channel><item><title>T</title><description>The river rose over the bank, the mayor said on Monday night."
        "</description></item><item><title>Empty & broken</title></item></channel>",  # not well-formed: read leniently, with a warning
        encoding="utf-8",
    )
    first = build(config(tmp_path, folder, "e1"))
    second = build(config(tmp_path, folder, "e2"))
    told = [w for w in first.warnings if "feed.rss" in w]
    assert told and [w for w in second.warnings if "feed.rss" in w] == told
    assert [s.path for s in first.skipped] == [s.path for s in second.skipped]


# --- earlier editions' counts ------------------------------------------------------------------------


def test_an_earlier_editions_counts_are_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsed once, by the build that first counts the edition (the next one, which parsed the file already for
    grouping's memory, hands its counts on); later builds take them from the cache while the file is as it was."""
    from briefgen.cache import Cache

    monkeypatch.setattr(filestat, "SETTLED_NS", 0)
    site_dir = tmp_path / "site"
    (site_dir / "e1").mkdir(parents=True)
    (site_dir / "e1" / "briefing.json").write_text(json.dumps({"stories": [1, 2], "articles": [1, 2, 3]}), encoding="utf-8")
    versions = [{"version": "e2"}, {"version": "e1"}]
    store = Cache(tmp_path / "cache")
    parsed: list[str] = []
    real = json.loads
    monkeypatch.setattr(editions.json, "loads", lambda text, *a, **k: parsed.append(text) or real(text, *a, **k))
    assert editions.archive_rows(site_dir, versions, "e2", (5, 9), None, {"e1": [2, 3]})[1]["stories"] == 2 and not parsed  # read already
    rows = editions.archive_rows(site_dir, versions, "e2", (5, 9), store)
    again = editions.archive_rows(site_dir, versions, "e2", (5, 9), store)
    assert rows == again == [{"version": "e2", "stories": 5, "articles": 9}, {"version": "e1", "stories": 2, "articles": 3}]
    assert len(parsed) == 1
    (site_dir / "e1" / "briefing.json").write_text(json.dumps({"stories": [1], "articles": [1, 2, 3]}), encoding="utf-8")
    assert editions.archive_rows(site_dir, versions, "e2", (5, 9), store)[1]["stories"] == 1 and len(parsed) == 2


# --- the new site folder, assembled while the build runs -----------------------------------------------


def test_an_assembly_stopped_at_any_link_leaves_a_spare_to_start_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "site"
    for name in ("e1", "e2"):
        for page in ("a", "b/c", "d/e/f"):
            (src / name / page).parent.mkdir(parents=True, exist_ok=True)
            (src / name / page).write_text(f"{name} {page}")
    (src / "versions.json").write_text("[]")
    whole = tree(src)
    real = site._link_or_copy
    for stop_at in range(1, 8):
        dst = tmp_path / f"dst{stop_at}"
        dst.mkdir()
        stop = threading.Event()
        links = iter(range(1, 100))

        def link(a: str, b: str, stop_at: int = stop_at, stop: threading.Event = stop, links=links) -> None:
            if next(links) == stop_at:
                stop.set()
            real(a, b)

        monkeypatch.setattr(site, "_link_or_copy", link)
        with contextlib.suppress(site._Stopped):
            site._sync_tree(src, dst, skip=set(), stop=stop.is_set)
        monkeypatch.setattr(site, "_link_or_copy", real)
        for entry in dst.iterdir():  # what it holds, it holds whole; the half-linked folder is hidden
            if not entry.name.startswith("."):
                assert tree(entry) == tree(src / entry.name) if entry.is_dir() else entry.read_bytes() == (src / entry.name).read_bytes()
        site._sync_tree(src, dst, skip=set())
        assert tree(dst) == whole and not [p for p in dst.iterdir() if p.name.startswith(".")]


def test_a_build_that_fails_keeps_the_spare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import pipeline

    folder = content(tmp_path)
    build(config(tmp_path, folder, "e1"))
    build(config(tmp_path, folder, "e2"))
    spare = tmp_path / ".site.briefgen-spare"
    before, held = tree(tmp_path / "site"), tree(spare)

    def broken(run, *args, **kwargs):
        run.assembly.result()  # the new folder assembled first: on a loaded machine the failure could come before it
        raise RuntimeError("render failed")

    stages = tuple(dataclasses.replace(s, run=broken) if s.name == "render" else s for s in pipeline.STAGES)
    monkeypatch.setattr(pipeline, "STAGES", stages)
    with pytest.raises(RuntimeError, match="render failed"):
        build(config(tmp_path, folder, "e3"))
    assert tree(tmp_path / "site") == before
    assert tree(spare) == before != held  # brought up to date with the site, and kept
    assert not (tmp_path / ".site.briefgen-new").exists()


def test_what_the_assembly_warns_reaches_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The assembly runs in another process (where the system forks): its warnings are the build's all the same."""
    folder = content(tmp_path)
    build(config(tmp_path, folder, "e1"))
    real = site._same_access

    def warned(src: Path, dst: Path) -> None:
        site.log.warning("%s: assembled by process %d", src, os.getpid())
        real(src, dst)

    monkeypatch.setattr(site, "_same_access", warned)
    briefing = build(config(tmp_path, folder, "e2"))
    told = [w for w in briefing.warnings if "assembled by process" in w]
    assert len(told) == 1
    assert (int(told[0].rsplit(" ", 1)[1]) != os.getpid()) == site.can_fork()
    assert json.loads((tmp_path / "site" / "versions.json").read_text(encoding="utf-8"))[0]["version"] == "e2"


def _stage_waiting_for_the_assembly(tmp_path: Path, then):
    """The render stage, run once the new site folder beside the site is assembled (its versions.json, linked
    last, is there), after ``then()``: what a user does to the site while a build runs."""
    from briefgen import pipeline

    def waiting(run, *args, **kwargs):
        new = tmp_path / ".site.briefgen-new"
        for _ in range(600):
            if (new / "versions.json").exists():
                break
            threading.Event().wait(0.05)
        then()
        return real(run, *args, **kwargs)

    (stage,) = [s for s in pipeline.STAGES if s.name == "render"]
    real = stage.run
    return tuple(dataclasses.replace(s, run=waiting) if s is stage else s for s in pipeline.STAGES)


def test_a_file_put_in_the_site_while_a_build_runs_stays_in_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The assembly reads the site when the build starts; the publish takes in what came or went since."""
    from briefgen import pipeline

    folder = content(tmp_path)
    build(config(tmp_path, folder, "e1"))
    site_dir = tmp_path / "site"
    (site_dir / "old.txt").write_text("old", encoding="utf-8")

    def user() -> None:
        (site_dir / "CNAME").write_text("news.example.org", encoding="utf-8")
        (site_dir / "old.txt").unlink()

    monkeypatch.setattr(pipeline, "STAGES", _stage_waiting_for_the_assembly(tmp_path, user))
    build(config(tmp_path, folder, "e2"))
    assert (site_dir / "CNAME").read_text(encoding="utf-8") == "news.example.org" and not (site_dir / "old.txt").exists()
    monkeypatch.undo()
    build(config(tmp_path, folder, "e3"))
    assert (site_dir / "CNAME").read_text(encoding="utf-8") == "news.example.org"


def test_a_folder_named_as_the_spare_that_briefgen_did_not_make_is_left_alone(tmp_path: Path) -> None:
    from briefgen.errors import BuildError

    folder = content(tmp_path)
    build(config(tmp_path, folder, "e1"))
    for role in ("spare", "new", "work"):
        mine = tmp_path / f".site.briefgen-{role}"
        shutil.rmtree(mine, ignore_errors=True)
        (mine / "notes").mkdir(parents=True)
        (mine / "notes" / "mine.txt").write_text("mine", encoding="utf-8")
        with pytest.raises(BuildError, match=r"not (?:one|a folder) it made"):
            build(config(tmp_path, folder, "e2"))
        assert (mine / "notes" / "mine.txt").read_text(encoding="utf-8") == "mine"
        assert [v["version"] for v in json.loads((tmp_path / "site" / "versions.json").read_text(encoding="utf-8"))] == ["e1"]
        shutil.rmtree(mine)
    build(config(tmp_path, folder, "e2"))  # the spare briefgen makes is its own again
    build(config(tmp_path, folder, "e3"))
    assert not site.foreign_beside(tmp_path / "site")


def test_the_spare_holds_a_lock_file_at_every_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock file is what tells the spare is briefgen's (site.foreign_beside): a new lock in the site (the old
    one deleted) replaces the spare's in one step, so a build killed then leaves a spare that is still its own."""
    src, dst = tmp_path / "site", tmp_path / "spare"
    for folder in (src, dst):
        (folder / "e1").mkdir(parents=True)
        (folder / "e1" / "index.html").write_text("e1")
        (folder / site.LOCK_NAME).write_text("")  # two lock files: the site's was made again

    def killed(a: str, b: str) -> None:
        raise OSError("killed")

    monkeypatch.setattr(site, "_link_or_copy", killed)
    with pytest.raises(OSError, match="killed"):
        site._sync_tree(src, dst, skip=set())
    assert (dst / site.LOCK_NAME).is_file()
    monkeypatch.undo()
    site._sync_tree(src, dst, skip=set())
    assert (dst / site.LOCK_NAME).stat().st_ino == (src / site.LOCK_NAME).stat().st_ino
    assert sorted(p.name for p in dst.iterdir()) == sorted(p.name for p in src.iterdir())


def test_a_first_build_that_fails_leaves_nothing_beside_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import pipeline

    folder = content(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr(pipeline, "STAGES", tuple(dataclasses.replace(s, run=broken) if s.name == "render" else s for s in pipeline.STAGES))
    with pytest.raises(RuntimeError, match="render failed"):
        build(config(tmp_path, folder, "e1"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".briefgen-cache", "content"]


def test_the_work_folder_a_killed_build_left_is_replaced(tmp_path: Path) -> None:
    """The work folder a killed build leaves holds briefgen's mark: the next build replaces it (one without the mark
    stops the build, untouched: test_a_folder_named_as_the_spare_that_briefgen_did_not_make_is_left_alone)."""
    folder = content(tmp_path)
    build(config(tmp_path, folder, "e1"))
    work = tmp_path / ".site.briefgen-work"
    (work / "docs").mkdir(parents=True)
    (work / site.WORK_MARK).write_bytes(b"")  # as a killed build leaves it
    (work / "docs" / "index.md").write_text("half", encoding="utf-8")
    build(config(tmp_path, folder, "e2"))
    assert not (work / "docs" / "index.md").exists()
    assert [v["version"] for v in json.loads((tmp_path / "site" / "versions.json").read_text(encoding="utf-8"))] == ["e2", "e1"]


def test_a_build_killed_while_removing_its_work_folder_leaves_it_marked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build killed part way through removing its work folder (at its end, or when the next build replaces it)
    leaves a folder that still holds the mark, so the next build replaces it instead of stopping: the mark goes last."""
    work = tmp_path / ".site.briefgen-work"
    for part in ("docs", "site", "pdf"):
        (work / part).mkdir(parents=True)
        (work / part / "index.md").write_text("half", encoding="utf-8")
    (work / site.WORK_MARK).write_bytes(b"")
    real = shutil.rmtree
    removed: list[str] = []

    def killed(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if removed:  # the second removal: the build is killed here
            raise KeyboardInterrupt
        removed.append(str(path))
        real(path)

    monkeypatch.setattr(shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        site.remove_work(work)
    monkeypatch.setattr(shutil, "rmtree", real)
    assert removed and (work / site.WORK_MARK).exists()
    assert site.foreign_work(tmp_path / "site") == []
    site.remove_work(work)
    assert not work.exists()


def test_a_story_body_names_its_edition_when_written_and_serves_the_next_edition(tmp_path: Path) -> None:
    """A story page's body is kept with EDITION_MARK for the edition's name and the name put in as it is written;
    a body holding the mark elsewhere too (an article quoting it) is rendered with the name and not kept."""
    from briefgen.cache import Cache
    from briefgen.pages import EDITION_MARK, OutsidePage, PageStore, write_outside_pages

    rendered: list[str] = []

    def body(page: OutsidePage) -> str:
        context = page.context() if callable(page.context) else page.context
        rendered.append(page.src)
        return f"<h1>A story</h1>\n<p>Edition {context['edition']}</p>\n<p>{context['text']}</p>\n"

    cache = Cache(tmp_path / "cache")
    stores: list[PageStore] = []

    def store(rest: str) -> PageStore:
        stores.append(PageStore(cache, rest))
        return stores[-1]

    def write(edition: str, text: str) -> str:
        out = tmp_path / edition
        out.mkdir()
        context = {"edition": EDITION_MARK, "text": text}
        page = OutsidePage("stories/s-1.md", "pages/story.html.j2", context, key=f"k {text}", edition=edition)
        write_outside_pages(out, [page], {}, body, store)
        return (out / "stories" / "s-1" / "index.html").read_text(encoding="utf-8")

    first = write("e1", "It rained.")
    assert "Edition e1" in first and EDITION_MARK not in first and rendered == ["stories/s-1.md"]
    second = write("e2", "It rained.")
    assert rendered == ["stories/s-1.md"] and stores[-1].reused == 1  # from the cache, not rendered again
    assert second == first.replace("Edition e1", "Edition e2")
    quoted = write("e3", f"The page said {EDITION_MARK}.")
    assert "Edition e3" in quoted and f"The page said {EDITION_MARK}." in quoted and len(rendered) == 3  # marked, then named
    again = write("e4", f"The page said {EDITION_MARK}.")
    assert "Edition e4" in again and f"The page said {EDITION_MARK}." in again and len(rendered) == 5  # nothing was kept


# --- the collector ------------------------------------------------------------------------------------


def test_the_records_of_earlier_stages_are_left_out_of_the_collectors_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from briefgen import pipeline

    seen: dict[str, object] = {}
    render = pipeline.STAGE["render"].run

    def watched(run, briefing, **records):
        seen["tracked"] = any(o is briefing for o in gc.get_objects())  # frozen objects are in no generation
        seen["frozen"] = gc.get_freeze_count()
        seen["thresholds"] = gc.get_threshold()
        return render(run, briefing=briefing, **records)

    stages = tuple(dataclasses.replace(s, run=watched) if s.name == "render" else s for s in pipeline.STAGES)
    monkeypatch.setattr(pipeline, "STAGES", stages)
    gc.unfreeze()
    before = gc.get_threshold()
    build(config(tmp_path, content(tmp_path), "e1"))
    assert seen["tracked"] is False and seen["frozen"]
    assert gc.get_freeze_count() == 0  # unfrozen when the stages end
    # full passes further apart while the stages run, the caller's thresholds back when they end
    assert seen["thresholds"] == (*before[:2], before[2] * pipeline.FULL_PASSES_APART)
    assert gc.get_threshold() == before
