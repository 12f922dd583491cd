"""A repository's settings (issue 34): `[tool.archcheck]` in pyproject.toml or `.archcheck.toml`, found from
the working directory upwards, overridden by the command line, ignored with --no-config, and every mistake
in it a located error (file:line:col, exit 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from archcheck.cli import main
from archcheck.cli.config import CHOICES, KEYS, find
from archcheck.cli.validate import FORMATS
from tests.conftest import MODELS, ROOT

SUMMARY_INFO = "1 province checked: 0 errors, 0 warnings, 9 info; failing on info or worse → exit 1"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (its root holds .git) with the Lâm Đồng model, the working directory a folder inside it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "models").mkdir()
    shutil.copy(MODELS / "lamdong.yaml", tmp_path / "models" / "lamdong.yaml")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_fail_on_info_in_pyproject_makes_info_findings_fail(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.archcheck]\nfail-on = "info"\n',
                                         encoding="utf-8")
    code, out, _ = _run("validate", "../models/lamdong.yaml")
    assert (code, out.splitlines()[-1]) == (1, SUMMARY_INFO)


def test_the_command_line_wins_and_no_config_ignores_the_file(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.archcheck]\nfail-on = "info"\nformat = "compact"\n', encoding="utf-8")
    code, out, _ = _run("validate", "../models/lamdong.yaml", "--fail-on", "error")
    assert code == 0
    assert out.splitlines()[-1].endswith("failing on error or worse → exit 0")
    assert out.splitlines()[0].startswith("../models/lamdong.yaml:")  # format = "compact" still applies
    code, out, _ = _run("validate", "../models/lamdong.yaml", "--no-config")
    assert code == 0
    assert out.splitlines()[0] == "../models/lamdong.yaml: Lâm Đồng"  # the text report: no setting applied


def test_dotfile_comes_first_and_paths_are_relative_to_it(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.archcheck]\nfail-on = "warning"\n', encoding="utf-8")
    shutil.copytree(ROOT / "examples" / "my-rules", repo / "my-rules")
    (repo / ".archcheck.toml").write_text('fail-on = "info"\nrules = "my-rules"\nframework = "2.0"\n',
                                          encoding="utf-8")
    code, out, _ = _run("validate", "../models/lamdong.yaml", "--as-of", "2021-01-01", "--format", "compact")
    assert code == 1
    assert any(" error LD-001 " in line for line in out.splitlines())  # the file's own rules, found from sub/
    assert out.splitlines()[-1].endswith("failing on info or worse → exit 1")
    code, out, _ = _run("rules", "show", "LD-001")  # a folder setting applies to every command that has it
    assert code == 0, out
    assert out.startswith("LD-001 dms-in-every-commune")


def test_lookup_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.archcheck]\nfail-on = "info"\n', encoding="utf-8")
    inner = tmp_path / "repo" / "a"
    inner.mkdir(parents=True)
    assert find(inner) == tmp_path / "pyproject.toml"
    (tmp_path / "repo" / ".git").mkdir()
    assert find(inner) is None
    (tmp_path / "repo" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find(inner) is None  # a pyproject.toml without [tool.archcheck] is not a configuration


@pytest.mark.parametrize(("name", "text", "message"), [
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.archcheck]\nfail-on = "info"\n  fail_on = "info"\n',
     "pyproject.toml:6:3: unknown key 'fail_on' in the archcheck configuration; did you mean 'fail-on'?"),
    (".archcheck.toml", 'lang = "vi"\nformt = "json"\n',
     ".archcheck.toml:2:1: unknown key 'formt' in the archcheck configuration; did you mean 'format'?"),
    (".archcheck.toml", '\nframework = 2.0\n', ".archcheck.toml:2:1: framework must be a non-empty string, not 2.0"),
    (".archcheck.toml", 'lang = "fr"\n', ".archcheck.toml:1:1: lang = 'fr' is not one of en, vi, both"),
    (".archcheck.toml", 'strict-baseline = "yes"\n',
     '.archcheck.toml:1:1: strict-baseline must be true or false, not "yes"'),
    ("pyproject.toml", '[tool.archcheck]\nlang = "vi"\n\n[tool.archcheck.rules]\nx = 1\n',
     "pyproject.toml:4:1: rules must be a folder or a list of folders (strings), not a table"),
    ("pyproject.toml", '[tool.archcheck]\nfail-on = "info\n',
     "pyproject.toml:2:16: is not valid TOML: Illegal character '\\n'"),
])
def test_a_mistake_in_the_file_is_located(repo: Path, name: str, text: str, message: str) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    code, out, err = _run("validate", "../models/lamdong.yaml")
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"archcheck: error: ../{message}"
    assert err.splitlines()[1].startswith("  hint: ")
    assert _run("validate", "../models/lamdong.yaml", "--no-config")[0] == 0  # --no-config: not even read


def test_keys_are_long_options_of_validate() -> None:
    """Every key names a long option of `validate` (where the settings matter most), with the same choices."""
    command = main.commands["validate"]
    assert isinstance(command, click.Command)
    options = {opt: p for p in command.params for opt in p.opts}
    for key in KEYS:
        assert f"--{key}" in options, key
    assert CHOICES["format"] == FORMATS
    for key, values in CHOICES.items():
        param_type = options[f"--{key}"].type
        assert isinstance(param_type, click.Choice)
        assert tuple(param_type.choices) == values
