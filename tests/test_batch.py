"""A batch reports every file: one that cannot be checked gets its located error in the report,
the others are still checked and reported, and the run exits 2 (issue 18)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from archcheck import api
from archcheck.cli import main
from archcheck.findings import Severity
from archcheck.read.schemas import schema
from tests.conftest import MINIMAL, ROOT

BROKEN = "province:\n  name: {a: 1\n"
MESSAGE = "not valid YAML: a flow mapping `{...}` is not closed here (expected ',' or '}')"
ERROR = f"archcheck: error: bad.yaml:3:1: {MESSAGE}"
HINT = "close the brace, or put a value that holds braces or commas in quotes"


def _batch(write: Callable[[str, str], Path]) -> list[str]:
    write("a.yaml", MINIMAL)
    write("bad.yaml", BROKEN)
    write("b.yaml", MINIMAL.replace("Tỉnh Mẫu", "Tỉnh Khác"))
    return ["a.yaml", "bad.yaml", "b.yaml"]


def test_api_collects_the_error_and_checks_the_others(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    files = [str(tmp_path / f) for f in _batch(write)]
    run = api.validate(files)
    assert [r.province for r in run.reports] == ["Tỉnh Mẫu", "Tỉnh Khác"]
    assert [(e.file, e.line, e.column) for e in run.errors] == [(files[1], 3, 1)]
    assert [(n, len(r), len(e)) for n, r, e in run.in_file_order()] == [
        (files[0], 1, 0), (files[1], 0, 1), (files[2], 1, 0)]
    assert run.exit_code(Severity.ERROR) == 2


def test_text_reports_every_file_with_the_error_in_its_place(write: Callable[[str, str], Path], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    files = _batch(write)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", *files])
    assert result.exit_code == 2
    out = result.stdout.splitlines()
    starts = [i for i, ln in enumerate(out) if ln.startswith(("a.yaml:", "b.yaml:", "archcheck: error:"))]
    assert [out[i] for i in starts] == ["a.yaml: Tỉnh Mẫu", ERROR, "b.yaml: Tỉnh Khác"]
    assert out[-1].startswith("2 provinces checked: ")
    assert out[-1].endswith("; 1 file could not be checked; failing on error or worse → exit 2")
    assert result.stderr == ""  # said once, in the report


def test_json_is_one_document_with_the_errors(write: Callable[[str, str], Path], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    files = _batch(write)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--format", "json", *files])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    Draft202012Validator(schema("report")).validate(doc)
    assert doc["exit_code"] == 2
    assert [r["province"] for r in doc["reports"]] == ["Tỉnh Mẫu", "Tỉnh Khác"]
    assert doc["errors"] == [{"file": "bad.yaml", "line": 3, "column": 1,
                              "message": MESSAGE,
                              "hint": HINT}]
    assert result.stderr.splitlines()[0] == ERROR


def test_json_for_a_single_unreadable_file_is_still_a_document(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--format", "json", "missing.yaml"])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["reports"] == []
    assert [(e["file"], e["message"]) for e in doc["errors"]] == [("missing.yaml", "no such file")]


def test_stderr_holds_only_archcheck_lines(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    """rapidyaml (the fast reader of a batch) prints its own C++ message on a syntax error: silenced."""
    files = _batch(write)
    done = subprocess.run([sys.executable, "-m", "archcheck", "validate", "--format", "json", *files],
                          cwd=tmp_path, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert done.stderr.splitlines() == [ERROR, f"  hint: {HINT}"]
    assert len(json.loads(done.stdout)["reports"]) == 2
