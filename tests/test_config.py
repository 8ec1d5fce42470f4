"""Settings: the schema checks every value when it is read, names the key, and is what the README documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.config import FIELDS, SUMMARY_ALGORITHMS, BuildConfig, default, load_config, settings_table
from briefgen.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_every_key_is_documented_in_the_readme_as_the_schema_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- settings table: start -->\n(.*?)<!-- settings table: end -->", readme, re.S)
    assert table is not None
    assert table.group(1) == settings_table()
    assert {f"`{key}`" for key in FIELDS} <= set(re.findall(r"^\| (`\w+`) \|", table.group(1), re.M))


def test_every_key_has_a_line_of_help_and_a_valid_default() -> None:
    for key, field in FIELDS.items():
        assert field.metadata["help"].strip(), key
    assert load_config() == BuildConfig()  # every default passes its own checks
    from briefgen.config import check

    for key in FIELDS:
        assert check(key, default(key)) == default(key), key


def test_summary_algorithm_choices_are_the_summarizers() -> None:
    from briefgen.summarize import ALGORITHMS

    assert set(SUMMARY_ALGORITHMS) == set(ALGORITHMS)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("summary_algorithm", "bogus", "setting 'summary_algorithm': 'bogus' is not one of lexrank, textrank"),
        ("redundancy", 1.5, "setting 'redundancy': 1.5 is out of range; use a number from 0.0 to 1.0"),
        ("redundancy", "high", "setting 'redundancy': 'high' is not a number"),
        ("max_questions", -1, "setting 'max_questions': -1 is out of range; use a number at least 0"),
        ("summary_words", 2.5, "setting 'summary_words': 2.5 is not a whole number"),
        ("pdf", "yes", "setting 'pdf': 'yes' is not true or false"),
        ("site_name", 3, "setting 'site_name': 3 is not text"),
        ("site_name", None, None),  # dropped: an unset CLI option
        ("colour", "red", "unknown setting 'colour'"),
    ],
)
def test_a_bad_value_is_refused_naming_the_key(key: str, value: object, message: str | None) -> None:
    if message is None:
        assert load_config(**{key: value}) == BuildConfig()
        return
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(**{key: value})


def test_values_are_converted_to_the_key_type(tmp_path: Path) -> None:
    path = tmp_path / "briefgen.yml"
    path.write_text("summary_algorithm: TextRank\nredundancy: 1\ncache_dir: c\nedition: null\n", encoding="utf-8")
    config = load_config(path)
    assert (config.summary_algorithm, config.redundancy, config.cache_dir, config.edition) == ("textrank", 1.0, Path("c"), None)
    assert isinstance(config.redundancy, float)
    path.write_text("group_threshold: 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(f"{path}: setting 'group_threshold': 2 is out of range")):
        load_config(path)


def test_a_bad_setting_fails_the_build_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "settings.yml").write_text("summary_algorithm: bogus\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--content",
            str(tmp_path / "nowhere"),
            "--site-dir",
            str(tmp_path / "site"),
            "--config",
            str(tmp_path / "settings.yml"),
            "-q",
        ],
    )
    assert result.exit_code == 1
    assert "setting 'summary_algorithm': 'bogus' is not one of" in result.output
    assert "content folder not found" not in result.output  # refused before ingest looked for the articles
    assert not (tmp_path / "site").exists()


def test_a_library_build_checks_its_config_too(tmp_path: Path) -> None:
    import dataclasses

    from briefgen.pipeline import build

    config = dataclasses.replace(load_config(content_dir=tmp_path, site_dir=tmp_path / "site"), redundancy=-1.0)
    with pytest.raises(ConfigError, match=re.escape("config: setting 'redundancy': -1.0 is out of range")):
        build(config)
    assert not (tmp_path / "site").exists()
