"""The text report groups the findings of one rule that repeat across components into one block,
the subjects listed; --verbose shows every finding in full (issue 18)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from archcheck.cli import main
from tests.conftest import ROOT

MODEL = "province_models/lamdong-2017.yaml"


def _text(*extra: str) -> list[str]:
    return CliRunner().invoke(main, ["validate", MODEL, "--framework", "2.0", *extra]).stdout.splitlines()


def test_a_repeating_rule_is_one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    lines = _text()
    start = lines.index("    SEC-001 security-level-declared  (6 findings; --verbose shows each in full)")
    block = lines[start + 2:start + 8]
    assert [ln.split("  [")[1].split("]")[0] for ln in block] == [
        "qlvb", "motcua", "dvc", "csdl-dan-cu", "csdl-doanh-nghiep", "ho-tich"]
    assert sum(1 for ln in lines if "SEC-001" in ln) == 1
    assert lines[start + 8].startswith("      source: NĐ 85/2016/NĐ-CP")


def test_verbose_shows_each_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    lines = _text("--verbose")
    assert sum(1 for ln in lines if " SEC-001 security-level-declared  [" in ln) == 6
    assert _text()[-1] == lines[-1]
