"""``archcheck kinds``: every kind with its names, layer and versions; search by meaning; near-typo
suggestions only; the command imports neither networkx nor the engine."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck import api
from archcheck.cli import main
from archcheck.errors import SchemaError
from archcheck.law.frameworks import available
from archcheck.read.validation import suggest_typo
from tests.conftest import GOLDEN, ROOT

Write = Callable[[str, str], Path]


def _kinds(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["kinds", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("version", [*available(), None])
def test_kinds_golden(version: str | None) -> None:
    code, out = _kinds(*(["--framework", version] if version else []))
    assert code == 0
    golden = GOLDEN / f"kinds-{version or 'all'}.txt"
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} missing: run ARCHCHECK_REGEN=1 python -m pytest tests/test_kinds.py"
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("word", "expected"), [
    ("IOC", ["operations-centre"]),
    ("LGSP", ["integration-platform"]),
    ("QLVB", ["document-management"]),
    # 1425 names the merged provincial TTHC system "một cửa" too (it takes the one-stop system's place), and the
    # National Single Window (cơ chế một cửa quốc gia) is a group-B national platform
    ("một cửa", ["administrative-procedure-system", "one-stop-shop", "public-service-centre",
                    "national-sectoral-platform"]),
    ("mot cua", ["administrative-procedure-system", "one-stop-shop", "public-service-centre",
                    "national-sectoral-platform"]),
])
def test_search_by_meaning(word: str, expected: list[str]) -> None:
    code, out = _kinds("--search", word)
    assert code == 0
    found = [line.split()[0] for line in out.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert found == expected


def test_search_nen_tang_finds_the_platforms() -> None:
    out = _kinds("--search", "nền tảng", "--framework", "2.0")[1]
    found = {line.split()[0] for line in out.splitlines() if line.startswith("  ") and not line.startswith("   ")}
    assert {"integration-platform", "shared-application-platform", "data-platform", "core-database"} <= found


def test_no_match_points_to_a_command_that_works() -> None:
    out = _kinds("--search", "zzz")[1]
    assert out.splitlines()[0] == "kinds of every framework version matching 'zzz': 0 component, 0 national"
    assert "`archcheck kinds --search WORD`" in out
    assert _kinds("--search", "WORD")[0] == 0


def test_unknown_framework_is_an_input_error() -> None:
    code, out = _kinds("--framework", "9.9")
    assert code == 2
    assert "unknown framework version '9.9'" in out


@pytest.mark.parametrize(("typed", "hint"), [
    ("data-platfrom", "; did you mean 'data-platform'?"),
    ("one-stop-shp", "; did you mean 'one-stop-shop'?"),
    ("digital-data-platform", ""),
    ("shared-platform", ""),
    ("core-databases", "; did you mean 'core-database'?"),
])
def test_did_you_mean_only_for_near_typos(typed: str, hint: str) -> None:
    options = [k for v in available() for k in api.rulesets()[v].framework.kinds]
    assert suggest_typo(typed, options) == hint


def test_unknown_kind_hint_names_working_commands(write: Write) -> None:
    model = write("m.yaml", 'province:\n  name: T\n  as_of: 2021-01-01\n  framework: "2.0"\n'
                            "  components:\n    - {id: x, kind: digital-data-platform}\n")
    (error,) = api.validate([model]).errors  # a file that cannot be checked is reported, not raised
    assert isinstance(error, SchemaError)
    assert error.message == "unknown component kind 'digital-data-platform'"
    assert (error.line, error.column) == (6, 15)
    assert error.hint == ("`archcheck kinds --search WORD` finds a kind by its English or Vietnamese name; "
                              "`archcheck kinds --framework 2.0` lists them all")
    assert _kinds("--framework", "2.0")[0] == 0


def test_new_kinds_are_not_the_ones_a_misspelling_would_satisfy(write: Write) -> None:
    """An IOC is not a SOC, a data platform is not an LGSP."""
    model = write("m.yaml", 'province:\n  name: T\n  as_of: 2021-01-01\n  framework: "2.0"\n'
                            "  components:\n    - {id: ioc, kind: operations-centre}\n"
                            "    - {id: dp, kind: data-platform}\n")
    (report,) = api.validate([model]).reports
    failed = {o.rule_id for o in report.outcomes if o.outcome.value == "failed"}
    assert {"SEC-002", "INT-002"} <= failed


def test_kinds_imports_neither_networkx_nor_the_engine() -> None:
    code = ("import sys\nfrom click.testing import CliRunner\nfrom archcheck.cli import main\n"
            "r = CliRunner().invoke(main, ['kinds', '--search', 'IOC'])\nassert r.exit_code == 0, r.output\n"
            "bad = [m for m in ('networkx', 'archcheck.check.engine', 'archcheck.check') if m in sys.modules]\n"
            "print(bad)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"
