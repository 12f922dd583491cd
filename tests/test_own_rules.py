"""Rules of one's own (issue 18): a rule from --rules applies, at its own severity, in every run where
it is in force; the rules commands take --rules and --frameworks; VOC-001 is a rule like any other."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.cli import main
from tests.conftest import MODELS, ROOT

MY_RULES = ROOT / "examples" / "my-rules"
LAMDONG = str(MODELS / "lamdong.yaml")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("framework", ["1.0", "2.0"])
def test_an_own_rule_applies_in_every_framework(framework: str) -> None:
    code, out = run("validate", LAMDONG, "--rules", str(MY_RULES), "--framework", framework,
                    "--as-of", "2021-01-01", "--format", "compact")
    assert code == 1
    mine = [ln for ln in out.splitlines() if " LD-001 " in ln]
    assert mine == [f"{LAMDONG}:60:9: error LD-001 [eoffice] eoffice (Phần mềm quản lý văn bản eOffice) is used by "
                    "90/147 commune units (61%); at least 100% of commune units required"]


def test_an_own_rule_is_not_applied_before_it_is_in_force() -> None:
    code, out = run("validate", LAMDONG, "--rules", str(MY_RULES), "--format", "compact")
    assert code == 0
    assert " LD-001 " not in out


def test_a_profile_regrades_an_own_rule(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    (tmp_path / "fw").mkdir()
    write("fw/profile.yaml", 'id: lamdong-2021\nextends: "2.0"\ntitle: {en: Lâm Đồng profile, vi: Hồ sơ Lâm Đồng}\n'
                             "issued: {document: test, date: 2020-01-01, confidence: confirmed}\n"
                             "rules: {LD-001: warning}\n")
    code, out = run("validate", LAMDONG, "--rules", str(MY_RULES), "--frameworks", str(tmp_path / "fw"),
                    "--framework", "lamdong-2021", "--as-of", "2021-01-01", "--format", "compact")
    assert code in (0, 1)
    assert [ln.split(": ", 1)[1].split(" [")[0] for ln in out.splitlines() if " LD-001 " in ln] == ["warning LD-001"]
    code, out = run("rules", "show", "LD-001", "--rules", str(MY_RULES), "--frameworks", str(tmp_path / "fw"))
    assert code == 0
    assert ("severity: error (by framework: 1.0: error, 2.0: error, 3.0: error, 4.0: error, 3090: error, "
            "1425: error, lamdong-2021: warning)") in out


def test_rules_commands_take_rules() -> None:
    code, out = run("rules", "test", "--rules", str(MY_RULES))
    assert (code, out.splitlines()[-1]) == (0, "2 passed, 0 failed")
    code, out = run("rules", "list", "--rules", str(MY_RULES), "--framework", "2.0")
    assert code == 0
    assert "LD-001    error    2020-06-30               law            dms-in-every-commune" in out
    code, out = run("rules", "show", "dms-in-every-commune", "--rules", str(MY_RULES))
    assert code == 0
    assert out.startswith("LD-001 dms-in-every-commune\n")


def test_an_example_may_leave_out_the_line(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    rule = (MY_RULES / "LD-001.yaml").read_text("utf-8")
    assert "line:" not in rule
    (tmp_path / "r").mkdir()
    write("r/LD-001.yaml", rule.replace('path: "province.components[0].deployment.commune"',
                                        'path: "province.components[0].deployment.district"'))
    code, out = run("rules", "test", "--rules", str(tmp_path / "r"))
    # a --rules rule whose own examples fail is refused before anything runs (exit 2, naming the example)
    assert code == 2
    assert "expected finding not produced: qlvb province.components[0].deployment.district" in out


def test_vocabulary_rule_can_be_looked_up() -> None:
    code, out = run("rules", "show", "VOC-001")
    assert code == 0
    assert out.startswith("VOC-001 kind-in-framework-vocabulary\n")
    assert "check: vocabulary" in out
    assert "file: rules/VOC-001.yaml" in out
