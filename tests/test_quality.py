"""The project's own gates, run as tests so the README's one test command covers them:
ruff, mypy --strict, the import-layer contract, and generated docs being up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "cmd",
    [
        (str(BIN / "ruff"), "check", "archcheck", "tests", "scripts", "benchmarks"),
        (sys.executable, "-m", "mypy"),
        (str(BIN / "lint-imports"),),
        (sys.executable, "scripts/gen_rules_doc.py", "--check"),
        (sys.executable, "scripts/gen_case_studies.py", "--check"),
        (sys.executable, "scripts/gen_timeline.py", "--check"),
        (sys.executable, "scripts/gen_framework_diff.py", "--check"),
    ],
    ids=["ruff", "mypy-strict", "import-layers", "rules-doc-fresh", "case-studies-fresh", "timeline-fresh",
         "framework-diff-doc-fresh"],
)
def test_gate(cmd: tuple[str, ...]) -> None:
    result = _run(*cmd)
    assert result.returncode == 0, result.stdout + result.stderr
