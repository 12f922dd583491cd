"""The README's command table is complete and says what --help says (issue 34); `rules show` knows every id a
finding can carry; shell completion, as the README documents it, completes framework versions and rule ids."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from archcheck.cli import main
from archcheck.cli.complete import GATE_IDS
from archcheck.compare.gate import GATE_RULES
from archcheck.law.frameworks import available
from archcheck.read.schemas import shipped_files
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
NOT_IN_ROWS = {"--help", "--no-config"}  # said once under the table


def _leaves(cmd: click.Command, path: tuple[str, ...] = ()) -> dict[str, click.Command]:
    if isinstance(cmd, click.Group):
        return {k: v for name in sorted(cmd.commands) for k, v in _leaves(cmd.commands[name], (*path, name)).items()}
    return {" ".join(path): cmd}


LEAVES = _leaves(main)
ROWS = [m.group(1).replace("\\|", "|") for m in re.finditer(r"^\| `(archcheck [^`]+)` \|", README, re.M)]


def _row(path: str) -> str:
    rows = [r for r in ROWS if re.match(rf"archcheck {re.escape(path)}( |$)", r)]
    assert len(rows) == 1, (path, rows)
    return rows[0]


def test_every_command_has_one_row() -> None:
    assert len(ROWS) == len(LEAVES)
    for path in LEAVES:
        _row(path)


@pytest.mark.parametrize("path", sorted(LEAVES))
def test_a_row_says_what_help_says(path: str) -> None:
    cmd, row = LEAVES[path], _row(path)
    options = {p.opts[0]: p for p in cmd.params if isinstance(p, click.Option)}
    long_names = {o for p in cmd.params for o in p.opts if o.startswith("--")}
    written = re.findall(r"\[(--[a-z-]+)([^\]]*)\](\.\.\.)?", row)
    # a required option is written without brackets: `--architecture ARCH`
    written += [(n, v, "") for n, v in re.findall(r"(?<=[` ])(--[a-z-]+)( [A-Z][A-Za-z.]*)(?=[ `])", row)]
    for name, _, _ in written:
        if not row.count(f"[{name}") and name in options:
            assert options[name].required, f"{name}: brackets exactly where the option is optional"
    assert {w for w, _, _ in written} <= long_names, "the row names an option the command does not have"
    assert sorted(w for w, _, _ in written) == sorted(set(options) - NOT_IN_ROWS), "an option is missing"
    for name, value, repeated in written:
        param = options[name]
        assert bool(repeated) == param.multiple, f"{name}: `...` exactly where the option is repeatable"
        assert bool(value.strip()) == (not param.is_flag), f"{name}: a value exactly where it takes one"
        if isinstance(param.type, click.Choice) and "|" in value:
            assert value.strip().split("|") == list(param.type.choices), name
    for arg in (p for p in cmd.params if isinstance(p, click.Argument)):
        if arg.nargs == -1:
            assert re.search(r" [A-Z]+\.\.\.", row), f"{path}: takes several {arg.name}"
        elif isinstance(arg.type, click.Choice):
            assert "|".join(arg.type.choices) in row
    if not any(isinstance(p, click.Argument) and p.nargs == -1 for p in cmd.params):
        assert not re.search(r" [A-Z]+\.\.\.", row), f"{path}: takes one file per argument"
    help_text = CliRunner().invoke(main, [*path.split(), "--help"]).stdout
    for name in options:
        assert name in help_text


@pytest.mark.parametrize("rule_id", [*(f.name.removesuffix(".yaml") for f, _ in shipped_files("rules")),
                                     *GATE_RULES])
def test_rules_show_knows_every_id_a_finding_can_carry(rule_id: str) -> None:
    result = CliRunner().invoke(main, ["rules", "show", rule_id])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{rule_id} ")


def test_rules_show_of_an_expired_waiver() -> None:
    result = CliRunner().invoke(main, ["rules", "show", "waiver-expired"])
    assert result.stdout.splitlines()[:4] == [
        "WVR-001 waiver-expired", "  Miễn trừ chỉ có hiệu lực đến ngày hết hạn",
        "  A waiver applies only until its expiry date",
        "severity: error (a finding of the gate, not of a rule file; every framework)"]
    assert tuple(GATE_RULES) == GATE_IDS


def _complete(words: str) -> list[str]:
    """What bash completion offers for ``words`` (the README's set-up: click's bash_complete)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_ARCHCHECK_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    done = subprocess.run([sys.executable, "-c", "import sys; from archcheck.cli import main; "
                           "main(prog_name='archcheck')"], env=env, capture_output=True, text=True, check=False)
    return [line.partition(",")[2] for line in done.stdout.splitlines()]


def test_completion_of_versions_and_rule_ids() -> None:
    assert sorted(_complete("archcheck validate m.yaml --framework ")) == sorted(available(()))
    assert _complete("archcheck diff frameworks 1") == ["1.0", "1425"]
    assert _complete("archcheck rules show wvr") == ["WVR-001", "WVR-002"]
    assert _complete("archcheck rules show BSL") == ["BSL-001"]
    assert _complete("archcheck schema r") == ["rule", "report"]


def test_completion_is_documented() -> None:
    section = README[README.index("### Shell completion"):]
    section = section[:section.index("\n## ")]
    for shell in ("bash", "zsh", "fish"):
        assert f"_ARCHCHECK_COMPLETE={shell}_source archcheck" in section
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_ARCHCHECK_COMPLETE": "bash_source"}
    script = subprocess.run([sys.executable, "-c", "from archcheck.cli import main; main(prog_name='archcheck')"],
                            env=env, capture_output=True, text=True, check=False).stdout
    assert "_archcheck_completion" in script
