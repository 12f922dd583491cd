"""The CLI through click's CliRunner: exit codes 0/1/2, messages, --output behaviour."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from archcheck.cli import COMMANDS, main
from tests.conftest import MINIMAL, MODELS

LAMDONG = str(MODELS / "lamdong.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_exit_0_when_nothing_at_or_above_fail_on() -> None:
    code, out, _ = run("validate", LAMDONG)
    assert code == 0
    assert out.splitlines()[-1] == (
        "1 province checked: 0 errors, 0 warnings, 9 info; failing on error or worse → exit 0")


def test_exit_1_when_fail_on_info() -> None:
    code, out, _ = run("validate", LAMDONG, "--fail-on", "info")
    assert code == 1
    assert out.splitlines()[-1].endswith("failing on info or worse → exit 1")


def test_exit_1_on_errors(write: Callable[[str, str], Path]) -> None:
    model = write("m.yaml", MINIMAL)
    code, out, _ = run("validate", str(model))
    assert code == 1
    assert "DOC-002 dms-reaches-national-axis  [qlvb]" in out


def test_exit_2_missing_file() -> None:
    code, out, err = run("validate", "no/such/model.yaml")
    assert code == 2
    assert out == ""
    assert err == "archcheck: error: no/such/model.yaml: no such file\n  hint: check the path\n"


def test_exit_2_invalid_yaml(write: Callable[[str, str], Path]) -> None:
    model = write("bad.yaml", "province:\n  name: [unclosed\n")
    code, _, err = run("validate", str(model))
    assert code == 2
    assert err.startswith(f"archcheck: error: {model}:3:1: not valid YAML")


def test_exit_2_rule_file_with_unknown_check_kind(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    text = (MODELS.parent / "rules" / "DOC-001.yaml").read_text("utf-8")
    text = text.replace("id: DOC-001", "id: DOC-901").replace("name: dms-present", "name: custom-rule")
    text = text.replace("kind: component-count", "kind: component-cuont")
    (rules / "DOC-901.yaml").write_text(text, "utf-8")
    code, out, err = run("validate", LAMDONG, "--rules", str(rules))
    assert code == 2
    assert out == ""
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "component-cuont" in ln)
    assert err.startswith(f"archcheck: error: {rules / 'DOC-901.yaml'}:{line}:3: check.kind: 'component-cuont' "
                          "is not allowed; expected 'component-count', ")
    assert "did you mean 'component-count'?" in err


def test_exit_2_unknown_framework() -> None:
    code, _, err = run("validate", LAMDONG, "--framework", "9.9")
    assert code == 2
    assert err == ("archcheck: error: unknown framework version '9.9'\n"
                   "  hint: available: 1.0, 2.0, 3.0, 4.0, 3090, 1425\n")


def test_usage_error_is_exit_2() -> None:
    code, _, _ = run("validate")
    assert code == 2


def test_output_file_written(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    code, stdout, _ = run("validate", LAMDONG, "--format", "json", "--output", str(out))
    assert code == 0
    assert stdout == ""
    assert json.loads(out.read_text("utf-8"))["summary"] == {"provinces": 1, "error": 0, "warning": 0, "info": 9}


def test_output_not_written_when_run_fails(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    code, _, _ = run("validate", "missing.yaml", "--output", str(out))
    assert code == 2
    assert list(tmp_path.iterdir()) == []


def test_output_path_that_cannot_be_written(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "report.txt"
    code, _, err = run("validate", LAMDONG, "--output", str(target))
    assert code == 2
    assert err.startswith(f"archcheck: error: {target}: cannot write the report")


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out) == (0, "archcheck, version 0.1.0\n")


def test_rules_list_framework() -> None:
    code, out, _ = run("rules", "list", "--framework", "2.0")
    assert code == 0
    assert out.splitlines()[-1] == "49 rules in framework 2.0"  # 48 it lists or binds by law, and VOC-001


def test_rules_show_by_name() -> None:
    code, out, _ = run("rules", "show", "hub-required")
    assert code == 0
    assert out.splitlines()[0] == "INT-007 hub-required"
    assert ("severity: warning (by framework: 1.0: warning, 2.0: warning, 3.0: warning, 4.0: warning, 3090: warning, "
            "1425: warning)") in out


def test_rules_show_unknown() -> None:
    code, _, err = run("rules", "show", "DOC-00")
    assert code == 2
    assert "no rule 'DOC-00'; did you mean" in err


def test_rules_test_runs_all_examples() -> None:
    code, out, _ = run("rules", "test")
    assert code == 0
    assert out.splitlines()[-1].endswith(" passed, 0 failed")


def test_schema_model_is_json() -> None:
    code, out, _ = run("schema", "model")
    assert code == 0
    assert json.loads(out)["title"] == "archcheck province model"


def test_exit_2_rule_file_whose_vi_block_translates_a_missing_field(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    text = (MODELS.parent / "rules" / "DOC-001.yaml").read_text("utf-8")
    text = text.replace("id: DOC-001", "id: DOC-901").replace("name: dms-present", "name: custom-rule")
    assert "\nvi:\n" in text and "\ntarget:" not in text
    text = text.replace("\nvi:\n", "\nvi:\n  target: chỉ tiêu không có bản tiếng Anh\n", 1)
    (rules / "DOC-901.yaml").write_text(text, "utf-8")
    code, out, err = run("validate", LAMDONG, "--rules", str(rules))
    assert (code, out) == (2, "")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "chỉ tiêu không có bản tiếng Anh" in ln)
    assert err == (f"archcheck: error: {rules / 'DOC-901.yaml'}:{line}:3: vi.target translates a field the rule "
                   "does not have\n  hint: remove vi.target, or add the English text it translates\n")


@pytest.mark.parametrize("width", [40, 80, 120])
def test_help_lists_each_command_as_the_command_itself_would(width: int) -> None:
    """``--help`` lists the commands from COMMANDS without importing them (issue 15): the same text as
    a group holding the real command objects, at every terminal width."""
    eager = click.Group("archcheck", commands=[main.commands[name] for name in COMMANDS], params=main.params,
                        help=main.help, context_settings=main.context_settings)
    def text(group: click.Group) -> str:
        return group.get_help(click.Context(group, info_name="archcheck", terminal_width=width,
                                            **main.context_settings))

    assert text(main) == text(eager)
    # The first paragraph of each command's help, its lines joined (Python 3.13 dedents docstrings, 3.11 does not).
    assert [c for c in COMMANDS if COMMANDS[c] != " ".join((main.commands[c].help or "").partition("\n\n")[0].split())
            ] == []


def test_a_mistyped_command_is_named_with_the_nearest_one() -> None:
    code, _, err = run("valdate", LAMDONG)
    assert code == 2
    # click suggests the nearest command since it has NoSuchCommand (8.2.0, the lowest supported, does not)
    hint = " Did you mean 'validate'?" if hasattr(click.exceptions, "NoSuchCommand") else ""
    assert err.splitlines()[-1] == f"Error: No such command 'valdate'.{hint}"


def test_ctrl_c_after_a_report_is_in_place_says_which_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A Ctrl-C between the report's rename and the exit: the report is whole, and the message says so."""
    from archcheck.cli import _common  # noqa: PLC0415

    monkeypatch.setattr(_common, "WRITTEN", [])
    out = tmp_path / "report.txt"

    @_common.guarded
    def command() -> None:
        _common.write_output("whole\n", str(out))
        raise KeyboardInterrupt

    with pytest.raises(SystemExit) as exc:
        command()
    assert exc.value.code == 130
    assert capsys.readouterr().err == (f"archcheck: interrupted; written whole before it: {out}; "
                                       "nothing else was written\n")
    assert out.read_text(encoding="utf-8") == "whole\n"


def test_each_command_names_only_its_own_reports_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from archcheck.cli import _common  # noqa: PLC0415

    monkeypatch.setattr(_common, "WRITTEN", [])

    @_common.guarded
    def writes() -> None:
        _common.write_output("whole\n", str(tmp_path / "first.txt"))

    @_common.guarded
    def interrupted() -> None:
        raise KeyboardInterrupt

    writes()
    with pytest.raises(SystemExit):
        interrupted()
    assert capsys.readouterr().err == "archcheck: interrupted; nothing was written\n"
