"""What the README promises exists, and what exists is in the README or docs/ (sqlite-utils' test_docs.py).

Every CLI command and option has --help text and a README entry; every benchmark and script is
described there, and each of its arguments has help text and each of its options a README entry.
Every setting's help and README row: tests/test_config.py
(test_every_key_is_documented_in_the_readme_as_the_schema_says), not repeated here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
#: The README and the pages it moved its measurements to (docs/): what the project documents.
README = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = [(path, group)]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


COMMANDS = _commands(main)


def _named(option: str) -> bool:
    """``option`` written in the README as an option, not inside a longer word or option."""
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README) is not None


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(("briefgen", *p)) for p, _ in COMMANDS])
def test_every_command_and_option_has_help_and_a_readme_entry(path: tuple[str, ...], command: click.Command) -> None:
    name = " ".join(("briefgen", *path))
    assert (command.help or "").strip(), f"{name} has no help text"
    assert name in README, f"{name} is not in the README"
    shown = CliRunner().invoke(main, [*path, "--help"], terminal_width=200)
    assert shown.exit_code == 0, shown.output
    for param in command.params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        names = param.opts + param.secondary_opts
        assert (param.help or "").strip(), f"{name} {names[0]} has no help text"
        assert " ".join(param.help.split()[:3]) in " ".join(shown.output.split()), f"{name} --help lacks {names[0]}"
        assert any(_named(opt) for opt in names), f"{name} {'/'.join(names)} is not in the README"


SCRIPTS = sorted(
    p.relative_to(ROOT).as_posix() for d in ("benchmarks", "scripts") for p in (ROOT / d).glob("*.py") if p.name != "__init__.py"
)


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_benchmark_and_script_is_described_in_the_readme(script: str) -> None:
    assert script in README, f"{script} is not in the README: say what it measures or makes and how to run it"


def _arguments(script: str) -> list[tuple[list[str], bool]]:
    """Each ``add_argument`` call of ``script`` (read with ast, not imported): its names and whether it has help."""
    found = []
    for node in ast.walk(ast.parse((ROOT / script).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_argument":
            names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            found.append((names, any(k.arg == "help" for k in node.keywords)))
    return found


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_benchmark_argument_has_help_and_every_option_a_readme_entry(script: str) -> None:
    for names, has_help in _arguments(script):
        assert has_help, f"{script}: argument {names[0]} has no help text"
        options = [n for n in names if n.startswith("--")]
        assert not options or any(_named(o) for o in options), f"{script} {options[0]} is not in the README"


def test_the_golden_site_command_is_documented() -> None:
    assert "python -m tests.golden --update" in README


def test_every_page_in_docs_is_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"](docs/{page.name})" in readme, f"docs/{page.name} is not linked from the README"
