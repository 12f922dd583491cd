"""Output for people and a first model in one run (issue 34): --quiet, colour by severity (NO_COLOR,
FORCE_COLOR, --color), each input error once, a closed pipe ends quietly, a folder checks the models in
it, every unknown kind of a file in one run with aliases answered."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.cli import main
from tests.conftest import MODELS, ROOT

LAMDONG = str(MODELS / "lamdong.yaml")
ESC = "\x1b["


def _run(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"NO_COLOR": None, "FORCE_COLOR": None, **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def test_quiet_prints_only_what_fails_and_the_summary() -> None:
    code, out, _ = _run("validate", LAMDONG, "--framework", "2.0", "--as-of", "2022-01-01", "--quiet")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == f"{LAMDONG}: Lâm Đồng"
    assert lines[1] == "  errors (1)"
    assert lines[2] == f"    {LAMDONG}:48:7  DOC-002 dms-reaches-national-axis  [eoffice]"
    assert not [line for line in lines if "info" in line.split(":")[0] or line.startswith("  info")]
    assert "warnings (" not in out
    assert lines[-1] == "1 province checked: 1 error, 1 warning, 25 info; failing on error or worse → exit 1"


def test_quiet_compact_has_no_info_line() -> None:
    code, out, _ = _run("validate", LAMDONG, "--format", "compact", "-q")
    assert code == 0
    assert out == "1 province checked: 0 errors, 0 warnings, 9 info; failing on error or worse → exit 0\n"
    code, out, _ = _run("validate", LAMDONG, "--format", "compact", "-q", "--fail-on", "info")
    assert code == 1
    assert len(out.splitlines()) == 10  # with --fail-on info, the info findings are what fails


@pytest.mark.parametrize(("env", "args", "coloured"), [
    ({}, (), False),  # not a terminal
    ({"FORCE_COLOR": "1"}, (), True),
    ({"NO_COLOR": "1"}, (), False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, (), False),  # NO_COLOR wins, as in CPython
    ({"NO_COLOR": "1"}, ("--color", "always"), True),  # the option wins over both
    ({"FORCE_COLOR": "1"}, ("--color", "never"), False),
])
def test_colour(env: dict[str, str | None], args: tuple[str, ...], coloured: bool) -> None:
    for fmt in ("text", "compact"):
        _, out, _ = _run("validate", LAMDONG, "--framework", "2.0", "--as-of", "2022-01-01", "--format", fmt,
                         *args, env=env)
        assert (ESC in out) is coloured, (fmt, env, args)


def test_colour_by_severity() -> None:
    _, out, _ = _run("validate", LAMDONG, "--framework", "2.0", "--as-of", "2022-01-01", "--format", "compact",
                     env={"FORCE_COLOR": "1"})
    lines = out.splitlines()
    assert any(line.startswith(f"{LAMDONG}:48:7: \x1b[1;31merror DOC-002\x1b[0m [eoffice]") for line in lines)
    assert any("\x1b[33mwarning " in line for line in lines)
    assert any("\x1b[36minfo SEC-001\x1b[0m" in line for line in lines)
    assert lines[-1].endswith("\x1b[1;31m→ exit 1\x1b[0m")
    _, report, _ = _run("validate", LAMDONG, "--framework", "2.0", "--as-of", "2022-01-01", "-o", "-",
                        env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31m  errors (1)\x1b[0m" in report.splitlines()


def test_colour_never_reaches_a_file(tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    assert _run("validate", LAMDONG, "-o", str(out), "--color", "always")[0] == 0
    assert ESC not in out.read_text(encoding="utf-8")


MANY_KINDS = """\
archcheck: 2
province:
  name: Tỉnh Mẫu
  as_of: 2021-01-01
  framework: "2.0"
  components:
    - {id: a, kind: lgsp}
    - {id: b, kind: QLVB}
    - {id: c, kind: ioc}
    - {id: d, kind: one-stop}
    - {id: e, kind: data-platfrom}
    - {id: f, kind: blockchain}
"""


def test_every_unknown_kind_in_one_run_with_aliases_answered(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(MANY_KINDS, encoding="utf-8")
    code, out, err = _run("validate", str(model), "--format", "compact")
    assert (code, err) == (2, "")  # each input error once: in the report, not again on stderr
    hint = (" (hint: `archcheck kinds --search WORD` finds a kind by its English or Vietnamese name; "
            "`archcheck kinds --framework 2.0` lists them all)")
    assert out.splitlines()[:-1] == [f"{model}:{line}: error INPUT {message}{hint}" for line, message in [
        ("7:15", "unknown component kind 'lgsp'; `lgsp` is an alias of `integration-platform`: "
                 "write `kind: integration-platform`"),
        ("8:15", "unknown component kind 'QLVB'; `QLVB` is an alias of `document-management`: "
                 "write `kind: document-management`"),
        ("9:15", "unknown component kind 'ioc'; `ioc` is an alias of `operations-centre`: "
                 "write `kind: operations-centre`"),
        ("10:15", "unknown component kind 'one-stop'; `one-stop` is an alias of `one-stop-shop`: "
                  "write `kind: one-stop-shop`"),
        ("11:15", "unknown component kind 'data-platfrom'; did you mean 'data-platform'?"),
        ("12:15", "unknown component kind 'blockchain'"),
    ]]
    code, out, err = _run("validate", str(model))
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"archcheck: error: {model}:7:15: 6 unknown kinds in this model:"
    assert err.count("unknown component kind") == 6


def test_misspelt_keys_and_unknown_kinds_in_one_run(tmp_path: Path) -> None:
    """The schema's problems and the unknown kinds it lets through, together (a first model, one run)."""
    model = tmp_path / "m.yaml"
    model.write_text(MANY_KINDS.replace("{id: a, kind: lgsp}", "{id: a, kind: lgsp, stauts: present}")
                     + "  national:\n    - {id: n, kind: ndxp}\n", encoding="utf-8")
    other = tmp_path / "other.yaml"
    shutil.copy(MODELS / "lamdong.yaml", other)
    code, out, _ = _run("validate", str(model), str(other), "--format", "compact")  # a batch: the worker path
    assert code == 2
    problems = [line.split(" (hint: ")[0] for line in out.splitlines() if line.startswith(str(model))]
    assert problems[:2] == [
        f"{model}:7:15: error INPUT unknown component kind 'lgsp'; `lgsp` is an alias of `integration-platform`: "
        "write `kind: integration-platform`",
        f"{model}:7:27: error INPUT unknown key 'stauts' in province.components[0]; did you mean 'status'?"]
    assert len(problems) == 8  # 6 kinds, the key, the national kind
    assert problems[-1] == f"{model}:14:15: error INPUT unknown national kind 'ndxp'"


def test_a_folder_checks_the_models_in_it(tmp_path: Path) -> None:
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    shutil.copy(MODELS / "lamdong.yaml", tmp_path / "a" / "deep" / "lamdong.yaml")
    shutil.copy(MODELS / "phutho.yaml", tmp_path / "a" / "phutho.yml")
    shutil.copy(MODELS / "danang.yaml", tmp_path / ".hidden" / "danang.yaml")
    (tmp_path / "a" / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")  # not a model: skipped
    code, out, _ = _run("validate", str(tmp_path), "--format", "compact", "-q")
    assert code == 0
    assert out.splitlines()[-1].startswith("2 provinces checked:")
    code, _, _ = _run("validate", str(tmp_path / "a" / "deep"), "-q")
    assert code == 0


@pytest.mark.parametrize("args", [["rules", "list"], ["kinds"], ["schema", "model"], ["validate", LAMDONG, "-v"],
                                  ["rules", "show", "DOC-002"], ["diff", "frameworks", "1.0", "2.0"]])
def test_a_closed_pipe_ends_quietly(args: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("FORCE_COLOR", None)
    cmd = [sys.executable, "-c", "from archcheck.cli import main; main()", *args]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before the first line, as with `| head -0`
        err = proc.stderr.read().decode()
        code = proc.wait()
    assert err == ""
    assert code in (0, 1, 141)


def test_reference_problems_and_unknown_kinds_in_one_run(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(MANY_KINDS + "    - {id: a, kind: data-centre}\n  connections:\n"
                     "    - {from: a, to: axs, kind: document-exchange}\n", encoding="utf-8")
    code, out, _ = _run("validate", str(model), "--format", "compact")
    assert code == 2
    problems = [line.split(" (hint: ")[0].removeprefix(f"{model}:") for line in out.splitlines()[:-1]]
    assert len(problems) == 8  # 6 kinds, the duplicate id, the dangling end
    assert problems[-2:] == ["13:8: error INPUT province.components[6].id: duplicate id 'a' (first used at line 7)",
                             "15:17: error INPUT province.connections[0].to: to 'axs' is not a declared component"]
