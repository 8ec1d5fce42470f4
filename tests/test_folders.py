"""Own only what briefgen made: folders checked before any work, user files never deleted or overwritten,
the site folder's mode and group kept, lock files released, disk errors told with the path and what to do."""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.cache import LAYOUT, Cache
from briefgen.config import load_config
from briefgen.errors import BriefgenError, BuildError
from briefgen.folders import check_arguments, os_error_message

ROOT = Path(__file__).resolve().parent.parent


def seed_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    for seed in sorted((ROOT / "content").glob("*.txt")):
        shutil.copyfile(seed, content / seed.name)
    return content


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_cache_dir_at_a_folder_of_the_users_is_refused_and_nothing_is_deleted(tmp_path: Path) -> None:
    seed_content(tmp_path)
    (tmp_path / "content" / "vienna").mkdir()
    (tmp_path / "content" / "vienna" / "notes.txt").write_text("mine")
    mine = tmp_path / "mystuff"
    for name in ("videos", "vault", "v2"):
        (mine / name).mkdir(parents=True)
        (mine / name / "keep.bin").write_bytes(b"precious")
    before = tree(tmp_path / "mystuff")
    result = run_cli("build", "--content", "content", "--site-dir", "site", "--cache-dir", "mystuff", "--no-pdf", cwd=tmp_path)
    assert result.returncode == 1
    assert "mystuff: this folder holds files briefgen did not make (v2, vault, videos)" in result.stderr
    assert "give --cache-dir a new or empty folder" in result.stderr
    assert tree(tmp_path / "mystuff") == before
    assert not (tmp_path / "site").exists()  # refused before anything was created
    for bad in ("content", "content/vienna"):  # the content folder or inside it: refused too
        result = run_cli("build", "--content", "content", "--site-dir", "site", "--cache-dir", bad, "--no-pdf", cwd=tmp_path)
        assert result.returncode == 1 and "the cache folder is" in result.stderr, result.stderr
    assert (tmp_path / "content" / "vienna" / "notes.txt").read_text() == "mine"


def test_cache_dir_at_the_site_is_refused_and_keeps_every_edition(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = seed_content(tmp_path)
    config = load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition="v2", cache_dir=tmp_path / "c")
    build(config)
    before = tree(tmp_path / "site")
    with pytest.raises(BuildError, match="the cache folder is the site folder"):
        build(dataclasses.replace(config, edition="v3", cache_dir=tmp_path / "site"))
    with pytest.raises(BuildError, match="the cache folder is inside the site folder"):
        build(dataclasses.replace(config, edition="v3", cache_dir=tmp_path / "site" / "v2"))
    assert tree(tmp_path / "site") == before


def test_prune_deletes_only_names_briefgen_makes_inside_its_marked_folder(tmp_path: Path) -> None:
    store = Cache(tmp_path / "c")
    with store.locked():
        store.put("stories", "a" * 64, b"old")
    (tmp_path / "c" / LAYOUT / "stories" / "aa" / "notes.txt").write_text("a user's file among the entries")
    (tmp_path / "c" / "videos").mkdir()
    (tmp_path / "c" / "videos" / "film.mp4").write_bytes(b"x")
    (tmp_path / "c" / "v0" / "kind" / "ab").mkdir(parents=True)  # an older layout, with a user's file in it
    (tmp_path / "c" / "v0" / "kind" / "ab" / "x.txt").write_text("mine")
    (tmp_path / "c" / "v0" / "kind" / "ab" / ("b" * 64)).write_bytes(b"entry")
    second = Cache(tmp_path / "c")
    second.put("stories", "c" * 64, b"new")
    second.prune()
    assert not second.path("stories", "a" * 64).exists() and second.path("stories", "c" * 64).exists()
    assert (tmp_path / "c" / LAYOUT / "stories" / "aa" / "notes.txt").exists()
    assert (tmp_path / "c" / "videos" / "film.mp4").exists()
    assert (tmp_path / "c" / "v0" / "kind" / "ab" / "x.txt").exists()
    assert not (tmp_path / "c" / "v0" / "kind" / "ab" / ("b" * 64)).exists()
    unmarked = Cache(tmp_path / "unmarked")
    unmarked.put("stories", "d" * 64, b"x")
    Cache(tmp_path / "unmarked").prune()  # not marked by briefgen: nothing is ever deleted there
    assert unmarked.path("stories", "d" * 64).exists()


def test_site_dir_at_a_folder_of_the_users_is_refused_before_any_work(tmp_path: Path) -> None:
    seed_content(tmp_path)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("<p>my home page</p>")
    (mine / "photo.jpg").write_bytes(b"jpeg")
    result = run_cli("build", "--content", "content", "--site-dir", "mine", "--no-pdf", cwd=tmp_path)
    assert result.returncode == 1
    assert "mine: this folder holds files briefgen did not make (index.html, photo.jpg) and is not a briefgen site" in result.stderr
    assert (mine / "index.html").read_text() == "<p>my home page</p>"
    assert sorted(p.name for p in mine.iterdir()) == ["index.html", "photo.jpg"]
    assert not (tmp_path / ".briefgen-cache").exists()
    (mine / "photo.jpg").unlink()  # an index.html alone is the user's too: briefgen would overwrite it
    result = run_cli("build", "--content", "content", "--site-dir", "mine", "--no-pdf", cwd=tmp_path)
    assert result.returncode == 1 and "(index.html)" in result.stderr
    assert (mine / "index.html").read_text() == "<p>my home page</p>"


def test_hidden_files_in_the_site_folder_survive_every_build(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = seed_content(tmp_path)
    site = tmp_path / "site"
    config = load_config(content_dir=content, site_dir=site, pdf=False, edition="e1", cache_dir=tmp_path / "c")
    build(config)
    (site / ".old-backups").mkdir()
    (site / ".old-backups" / "important.txt").write_text("keep me")
    (site / ".build-log").write_text("my log")
    (site / "CNAME").write_text("news.example.org")
    for edition in ("e2", "e3"):
        build(dataclasses.replace(config, edition=edition))
        assert (site / ".old-backups" / "important.txt").read_text() == "keep me"
        assert (site / ".build-log").read_text() == "my log"
        assert (site / "CNAME").read_text() == "news.example.org"


def test_an_edition_name_taken_by_a_folder_of_the_users_is_refused(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = seed_content(tmp_path)
    site = tmp_path / "site"
    config = load_config(content_dir=content, site_dir=site, pdf=False, edition="e1", cache_dir=tmp_path / "c")
    build(config)
    (site / "photos").mkdir()
    (site / "photos" / "cat.jpg").write_bytes(b"jpeg")
    with pytest.raises(BuildError, match="photos: exists and is not an edition briefgen built"):
        build(dataclasses.replace(config, edition="photos"))
    build(dataclasses.replace(config, edition="e1"))  # an edition of its own is rebuilt in place
    assert (site / "photos" / "cat.jpg").read_bytes() == b"jpeg"


def test_site_folder_keeps_its_mode_and_group(tmp_path: Path) -> None:
    from briefgen.pipeline import build

    content = seed_content(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    group = next((g for g in os.getgroups() if g != os.getgid()), None)
    if group is not None:
        os.chown(site, -1, group)
    os.chmod(site, 0o2750)
    want = (stat.S_IMODE(site.stat().st_mode), site.stat().st_gid)
    config = load_config(content_dir=content, site_dir=site, pdf=False, edition="e1", cache_dir=tmp_path / "c")
    for edition in ("e1", "e2"):
        build(dataclasses.replace(config, edition=edition))
        assert (stat.S_IMODE(site.stat().st_mode), site.stat().st_gid) == want


def test_a_refused_build_leaves_no_site_folder_or_lock_behind(tmp_path: Path) -> None:
    content = seed_content(tmp_path)
    (content / "empty.txt").write_text("")
    result = run_cli("build", "--content", "content", "--site-dir", "site", "--no-pdf", "--strict", cwd=tmp_path)
    assert result.returncode == 1 and "strict mode" in result.stderr
    assert not (tmp_path / "site").exists()
    (tmp_path / "site").mkdir()
    result = run_cli("build", "--content", "content", "--site-dir", "site", "--no-pdf", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert list((tmp_path / "site").iterdir()) == []  # the lock file went with the refused build


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--edition", "index.html"], "edition name 'index.html' is reserved"),
        (["--edition", "versions.json"], "is reserved"),
        (["--edition", "Latest"], "is reserved"),
        (["--edition", ""], "edition name is empty"),
        (["--edition", "../up"], "use letters, digits"),
        (["--content", "nope"], "nope: content folder not found"),
        (["--site-dir", "/"], "the site folder is the root folder"),
        (["--site-dir", "content/site"], None),  # a site inside the content folder is allowed (it is not read)
        (["--content", "site/content"], "is inside the site folder"),
    ],
)
def test_arguments_are_checked_before_any_file_is_created(tmp_path: Path, args: list[str], message: str | None) -> None:
    seed_content(tmp_path)
    (tmp_path / "site" / "content").mkdir(parents=True)
    overrides: dict[str, object] = {"content_dir": tmp_path / "content", "site_dir": tmp_path / "site", "edition": None}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        key = {"--edition": "edition", "--content": "content_dir", "--site-dir": "site_dir"}[flag]
        overrides[key] = value if key == "edition" else (Path(value) if value.startswith("/") else tmp_path / value)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    config = dataclasses.replace(load_config(), **overrides)  # type: ignore[arg-type]
    if message is None:
        check_arguments(config)
        return
    with pytest.raises(BriefgenError, match=message.replace(".", r"\.").replace("(", r"\(")):
        check_arguments(config)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_home_folder_is_refused_as_site_or_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = seed_content(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    with pytest.raises(BuildError, match="the site folder is your home folder"):
        check_arguments(load_config(content_dir=content, site_dir=home))
    with pytest.raises(BuildError, match="the cache folder is the root or your home folder"):
        check_arguments(load_config(content_dir=content, site_dir=tmp_path / "site", cache_dir=home))


def test_edition_name_check_comes_before_the_build_in_the_cli(tmp_path: Path) -> None:
    seed_content(tmp_path)
    result = run_cli("build", "--content", "content", "--site-dir", "site", "--edition", "index.html", "--no-pdf", cwd=tmp_path)
    assert result.returncode == 1 and "is reserved" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_disk_errors_name_the_path_and_what_to_do() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/srv/site/.site.briefgen-new/e1/index.html")
    assert os_error_message(full) == (
        "/srv/site/.site.briefgen-new/e1/index.html: the disk is full (no space left on device); free some space and build again"
    )
    quota = OSError(errno.EDQUOT, "Disk quota exceeded", "/home/u/site")
    assert "/home/u/site: your disk quota is used up" in os_error_message(quota)
    denied = PermissionError(errno.EACCES, "Permission denied", "/srv/site")
    assert os_error_message(denied, consequence="the site is unchanged") == (
        "/srv/site: permission denied; check that you may write in this folder; the site is unchanged"
    )
    many = shutil.Error([(f"/a/{i}", f"/b/{i}", "[Errno 28] No space left on device") for i in range(21)])
    text = os_error_message(many)
    assert text == "/b/0: cannot copy: [Errno 28] No space left on device (and 20 more files)"
    assert len(text) < 200


def test_a_full_disk_while_publishing_is_one_line_naming_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import site
    from briefgen.pipeline import build

    content = seed_content(tmp_path)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "site" / "e1"))

    monkeypatch.setattr(site, "publish", full)
    config = load_config(content_dir=content, site_dir=tmp_path / "site", pdf=False, edition="e1", cache_dir=tmp_path / "c")
    with pytest.raises(BuildError) as caught:
        build(config)
    assert (
        str(caught.value.message) == f"{tmp_path / 'site' / 'e1'}: the disk is full (no space left on device); free some space "
        "and build again; the site is unchanged"
    )
