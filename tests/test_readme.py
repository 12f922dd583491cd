"""The README is tested: every ``$ archcheck …`` command in its code blocks runs, and the output the
README shows under it is what the command prints (issue 18).

A shown output may leave lines out with a line holding only ``…``: the lines it does show must
appear in the output in that order, and the last shown line (the summary) must be the output's last.
Commands are read from every fenced block, so a command added to the README is tested without
touching this file. The quick start's two commands are run by CI itself (``.ci/run``) and, for the
installed wheel, by ``tests/test_wheel.py``.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.cli import main
from tests.conftest import ROOT

README = ROOT / "README.md"
ELISION = "…"


@dataclass(frozen=True)
class Example:
    """One ``$ archcheck …`` line of the README and the output shown under it."""

    line: int
    command: str
    shown: tuple[str, ...]


def examples(text: str) -> list[Example]:
    """Every ``$ archcheck`` command in a fenced block, with the lines up to the next ``$`` or fence."""
    out: list[Example] = []
    in_block = False
    current: tuple[int, str] | None = None
    shown: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("```"):
            if in_block and current is not None:
                out.append(Example(current[0], current[1], tuple(shown)))
            in_block, current, shown = not in_block, None, []
            continue
        if not in_block:
            continue
        if raw.startswith("$ "):
            if current is not None:
                out.append(Example(current[0], current[1], tuple(shown)))
            current, shown = ((number, raw[2:]) if raw.startswith("$ archcheck ") else None), []
        elif current is not None:
            shown.append(raw)
    return out


EXAMPLES = examples(README.read_text("utf-8"))


def _run(command: str) -> tuple[int, list[str], bool]:
    """Run the archcheck part of ``command``; True if its output goes on to a pipe or a file."""
    args = shlex.split(command, posix=True)
    assert args[0] == "archcheck"
    cut = next((i for i, a in enumerate(args) if a in {"|", ">", ">>", "&&", ";"}), len(args))
    result = CliRunner().invoke(main, args[1:cut], catch_exceptions=False)
    return result.exit_code, (result.stdout + result.stderr).splitlines(), cut < len(args)


def _sandbox(tmp_path: Path) -> Path:
    """A folder that sees the repository's files (linked) so that a command writing a file leaves it clean."""
    for entry in ROOT.iterdir():
        if entry.name not in {".git", ".venv"}:
            (tmp_path / entry.name).symlink_to(entry)
    return tmp_path


def compare(shown: tuple[str, ...], got: list[str]) -> list[str]:
    """What is wrong with ``got`` against the README's ``shown`` lines (empty: it matches)."""
    if not shown:
        return []
    problems = []
    if ELISION not in {s.strip() for s in shown} and list(shown) != got:
        problems.append("the output differs from the README's block")
    wanted = [s for s in shown if s.strip() != ELISION]
    at = 0
    for s in wanted:
        try:
            at = got.index(s, at) + 1
        except ValueError:
            problems.append(f"not printed (or not in this order): {s}")
    if wanted and got and got[-1] != wanted[-1]:
        problems.append(f"last line is {got[-1]!r}, the README says {wanted[-1]!r}")
    return problems


def test_readme_shows_commands() -> None:
    assert any("validate" in e.command for e in EXAMPLES)
    assert any("rules test --rules" in e.command for e in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"line{e.line}" for e in EXAMPLES])
def test_readme_command(example: Example, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(_sandbox(tmp_path))
    code, got, piped = _run(example.command)
    said = re.search(r"→ exit (\d)$", example.shown[-1]) if example.shown else None
    assert code != 2 or (said and said.group(1) == "2"), "\n".join(got)
    if piped:
        return
    assert compare(example.shown, got) == []
    if said:
        assert code == int(said.group(1))


def test_a_stale_example_fails() -> None:
    got = ["a", "b", "1 province checked: 6 errors; → exit 1"]
    assert compare(("a", ELISION, "1 province checked: 6 errors; → exit 1"), got) == []
    assert compare(("a", ELISION, "1 province checked: 5 errors; → exit 1"), got) != []
    assert compare(("b", "a", ELISION, got[-1]), got) != []
    assert compare(("a", "b"), got) != []


def test_readme_rule_file_is_the_shipped_example() -> None:
    """The rule file the "Your own rules" section shows is the one its commands use."""
    text = README.read_text("utf-8")
    block = re.search(r"```yaml\n# examples/my-rules/(\S+)\n(.*?)```", text, re.S)
    assert block is not None
    shipped = (ROOT / "examples" / "my-rules" / block.group(1)).read_text("utf-8")
    assert f"# examples/my-rules/{block.group(1)}\n{block.group(2)}" == shipped
