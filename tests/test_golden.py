"""Golden files for every output format on the shipped models.

Regenerate after an intended change with:  ARCHCHECK_REGEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from archcheck import api
from archcheck.read.schemas import schema
from archcheck.report import REPORTERS, ReportOptions
from tests.conftest import GOLDEN, ROOT

MODELS = ["lamdong-2017.yaml", "lamdong.yaml", "phutho.yaml", "danang.yaml"]
CASES = [(m, v) for m in MODELS for v in ("1.0", "2.0")]


def _render(model: str, version: str, fmt: str) -> str:
    cwd = Path.cwd()
    os.chdir(ROOT)  # golden files name the model by its path relative to the repository
    try:
        run = api.validate([f"province_models/{model}"], framework=version)
    finally:
        os.chdir(cwd)
    return REPORTERS[fmt](run, ReportOptions())


EXTENSIONS = {"text": "txt", "json": "json", "compact": "compact.txt"}


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
@pytest.mark.parametrize(("model", "version"), CASES)
def test_golden(model: str, version: str, fmt: str) -> None:
    got = _render(model, version, fmt)
    golden = GOLDEN / f"{model.removesuffix('.yaml')}-{version}.{EXTENSIONS[fmt]}"
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("model", "version"), CASES)
def test_json_report_follows_its_schema(model: str, version: str) -> None:
    doc = json.loads(_render(model, version, "json"))
    errors = sorted(Draft202012Validator(schema("report")).iter_errors(doc), key=str)
    assert errors == []


def test_output_is_deterministic() -> None:
    assert _render("lamdong.yaml", "2.0", "json") == _render("lamdong.yaml", "2.0", "json")


@pytest.mark.parametrize(("model", "version"), CASES)
def test_compact_lines_are_what_problem_matchers_read(model: str, version: str) -> None:
    import re  # noqa: PLC0415

    from archcheck.report.compact import PATTERN  # noqa: PLC0415

    *lines, summary = _render(model, version, "compact").splitlines()
    assert all(re.match(PATTERN, ln) for ln in lines), lines
    doc = json.loads(_render(model, version, "json"))
    assert len(lines) == sum(len(r["findings"]) for r in doc["reports"])
    assert summary == _render(model, version, "text").splitlines()[-1]
