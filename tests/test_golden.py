"""Golden files for every output format on the shipped models.

Same verdict everywhere: every cell of the version matrix (Python 3.11-3.13 x the lowest and the newest
versions pyproject.toml allows; see CONTRIBUTING.md) runs this file, so every shipped model gives the
report of its golden file (findings, severities, messages, fingerprints, outcomes) in each of them.

Regenerate after an intended change with:  ARCHCHECK_REGEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from importlib import metadata
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from archcheck import api
from archcheck.compare.baseline import entries_of
from archcheck.compare.gate import Baseline, BaselineEntry, apply
from archcheck.compare.waivers import load_waivers
from archcheck.findings import Severity
from archcheck.read.schemas import schema
from archcheck.report import REPORTERS, ReportOptions
from archcheck.values import replace
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


EXTENSIONS = {"text": "txt", "json": "json", "compact": "compact.txt"}


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
@pytest.mark.parametrize(("model", "version"), CASES)
def test_golden(model: str, version: str, fmt: str) -> None:
    got = _render(model, version, fmt)
    golden = GOLDEN / f"{model.removesuffix('.yaml')}-{version}.{EXTENSIONS[fmt]}"
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


@pytest.mark.parametrize(("model", "version"), CASES)
def test_compact_lines_are_what_problem_matchers_read(model: str, version: str) -> None:
    import re  # noqa: PLC0415

    from archcheck.report.compact import PATTERN  # noqa: PLC0415

    *lines, summary = _render(model, version, "compact").splitlines()
    assert all(re.match(PATTERN, ln) for ln in lines), lines
    doc = json.loads(_render(model, version, "json"))
    assert len(lines) == sum(len(r["findings"]) for r in doc["reports"])
    assert summary == _render(model, version, "text").splitlines()[-1]


# The CI reporters: one golden file per format for the shipped Lâm Đồng model (its declared
# framework) and for a model whose DOC-002 chain breaks (the SARIF holds the code flow); the
# "gated" case adds a baseline (the SEC-004 findings, plus an entry that no longer occurs) and the
# waivers file beside the model, checked as of 2026-06-01 (one waiver valid, one expired, one
# matching nothing).
CI_FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "junit.xml", "github": "github.txt",
              "gitlab": "gitlab.json", "markdown": "md"}
CI_MODELS = {"lamdong": "province_models/lamdong.yaml", "broken-chain": "tests/models/broken-chain.yaml",
             "broken-chain-gated": "tests/models/broken-chain.yaml"}
GATE_TODAY = dt.date(2026, 6, 1)


def ci_run(case: str) -> api.ValidationRun:
    """The run behind a CI golden file, with paths relative to the repository."""
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        run = api.validate([CI_MODELS[case]])
        if case.endswith("-gated"):
            accepted = [e for e in entries_of(run.reports) if e.rule_id == "SEC-004"]
            gone = BaselineEntry("0123456789abcdef", "DOC-001", "Tỉnh Mẫu", "qlvb-cu", Severity.ERROR,
                                 "an old finding the model no longer has", CI_MODELS[case], 7)
            known = {*run.rules, *(r.name for r in run.rules.values())}
            waivers = load_waivers("tests/models/broken-chain.waivers.yaml", known)
            reports, gate = apply(run.reports, baseline=Baseline("archcheck-baseline.json", (*accepted, gone)),
                                  waivers=waivers, waivers_file="tests/models/broken-chain.waivers.yaml",
                                  today=GATE_TODAY)
            run = replace(run, reports=reports, gate=gate)
    finally:
        os.chdir(cwd)
    return run


def ci_golden(case: str, fmt: str) -> Path:
    return GOLDEN / f"{case}.{CI_FORMATS[fmt]}"


@pytest.mark.parametrize("fmt", list(CI_FORMATS))
@pytest.mark.parametrize("case", list(CI_MODELS))
def test_ci_golden(case: str, fmt: str) -> None:
    if fmt in ("text", "json") and case == "lamdong":
        pytest.skip("lamdong-*.txt and lamdong-*.json above cover these")
    got = REPORTERS[fmt](ci_run(case), ReportOptions())
    golden = ci_golden(case, fmt)
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


# The gated case in Vietnamese (--lang vi), as a reviewer or a decision-maker reads it: the text
# report and the Markdown summary, every sentence of the gate (waivers, baseline) included.
VI_FORMATS = {"text": "vi.txt", "markdown": "vi.md"}


@pytest.mark.parametrize("fmt", list(VI_FORMATS))
def test_ci_golden_in_vietnamese(fmt: str) -> None:
    got = REPORTERS[fmt](ci_run("broken-chain-gated"), ReportOptions(lang="vi", verbose=True))
    golden = GOLDEN / f"broken-chain-gated.{VI_FORMATS[fmt]}"
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
