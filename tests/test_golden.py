"""Golden files for every output format on the shipped models.

Same verdict everywhere: every cell of the version matrix (Python 3.11-3.13 x the lowest and the newest
versions pyproject.toml allows; see CONTRIBUTING.md) runs this file, so every shipped model gives the
report of its golden file (findings, severities, messages, fingerprints, outcomes) in each of them.

Regenerate after an intended change with:  ARCHCHECK_REGEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
import platform
from importlib import metadata
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from archcheck import api
from archcheck.read.schemas import schema
from archcheck.report import REPORTERS, ReportOptions
from tests.conftest import GOLDEN, ROOT
from tests.conftest import MODELS as MODEL_DIR

MODELS = sorted(p.name for p in MODEL_DIR.glob("*.yaml"))  # every shipped model
CASES = [(m, v) for m in MODELS for v in ("1.0", "2.0")]
LIBRARIES = ("pyyaml", "jsonschema", "jsonschema-rs", "rapidyaml", "networkx", "click")


def cell() -> str:
    """This cell of the version matrix: the Python version and the library versions installed."""
    return f"Python {platform.python_version()}; " + ", ".join(f"{n} {metadata.version(n)}" for n in LIBRARIES)


def _render(model: str, version: str, fmt: str) -> str:
    cwd = Path.cwd()
    os.chdir(ROOT)  # golden files name the model by its path relative to the repository
    try:
        run = api.validate([f"province_models/{model}"], framework=version)
    finally:
        os.chdir(cwd)
    return REPORTERS[fmt](run, ReportOptions())


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize(("model", "version"), CASES)
def test_golden(model: str, version: str, fmt: str) -> None:
    got = _render(model, version, fmt)
    golden = GOLDEN / f"{model.removesuffix('.yaml')}-{version}.{'txt' if fmt == 'text' else 'json'}"
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.write_text(got, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} missing: every shipped model has golden reports"
    assert got == golden.read_text(encoding="utf-8"), cell()


@pytest.mark.parametrize(("model", "version"), CASES)
def test_json_report_follows_its_schema(model: str, version: str) -> None:
    doc = json.loads(_render(model, version, "json"))
    errors = sorted(Draft202012Validator(schema("report")).iter_errors(doc), key=str)
    assert errors == []


def test_output_is_deterministic() -> None:
    assert _render("lamdong.yaml", "2.0", "json") == _render("lamdong.yaml", "2.0", "json")
