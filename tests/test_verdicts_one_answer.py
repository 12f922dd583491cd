"""One run, one answer (issue 30, item 7): the exit code is computed once and every format prints,
writes and returns the same; every error the gate raises (an expired waiver, a stale baseline entry, a
missing source text) is in every format, the compact one included."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.cli import main
from archcheck.report import REPORTERS
from tests.conftest import ROOT

Write = Callable[[str, str], Path]

MODEL = """\
archcheck: 2
sources:
  n: {title: T, file: none.txt}
province:
  name: Tỉnh Mẫu
  as_of: 2015-06-01
  framework: "1.0"
  components:
    - {id: cong, kind: web-portal, source: {doc: n, quote: x}}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def said_code(fmt: str, out: str) -> int | None:
    """The exit code a report says it exits with, where the format says one."""
    if fmt == "json":
        code: int = json.loads(out)["exit_code"]
        return code
    found = re.search(r"(?:→ exit|→ mã thoát) (\d)", out)
    return int(found.group(1)) if found else None


@pytest.fixture
def sourced(write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHCHECK_SOURCES", raising=False)
    return write("m.yaml", MODEL)


def test_without_check_sources_the_model_passes(sourced: Path) -> None:
    code, out, _ = run(str(sourced), "--fail-on", "error", "--format", "compact")
    assert code == 0 and out.endswith("→ exit 0\n")


@pytest.mark.parametrize("fmt", ["text", "json", "compact", "markdown"])
def test_check_sources_reports_the_exit_code_it_exits_with(sourced: Path, fmt: str) -> None:
    code, out, err = run(str(sourced), "--check-sources", "--format", fmt)
    assert code == 1
    assert said_code(fmt, out) == (None if fmt == "markdown" else 1)
    assert "SRC-001" in out
    assert err == ""


def test_check_sources_in_json_lists_the_miss_as_a_finding(sourced: Path) -> None:
    _, out, _ = run(str(sourced), "--check-sources", "--format", "json")
    doc = json.loads(out)
    (miss,) = [f for f in doc["reports"][0]["findings"] if f["rule_id"] == "SRC-001"]
    assert (miss["severity"], miss["location"]["line"], miss["subject"]) == ("error", 3, "n")
    assert doc["summary"]["error"] >= 1


def compact_counts(out: str) -> tuple[dict[str, int], dict[str, int]]:
    """The lines of each severity, and what the summary line counts."""
    lines = out.splitlines()
    printed = {sev: sum(1 for line in lines[:-1] if re.match(rf"^.+?:\d+:\d+: {sev} (?!INPUT )", line))
               for sev in ("error", "warning", "info")}
    summary = re.search(r"(\d+) errors?, (\d+) warnings?, (\d+) info", lines[-1])
    assert summary is not None
    return printed, dict(zip(("error", "warning", "info"), map(int, summary.groups()), strict=True))


def _copy_gated(tmp_path: Path) -> None:
    """The gated model and its waivers in ``tmp_path``, the waivers naming the copy (waivers are scoped to a file)."""
    for name in ("broken-chain.yaml", "broken-chain.waivers.yaml"):
        text = (ROOT / "tests" / "models" / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("file: tests/models/broken-chain.yaml", "file: broken-chain.yaml"),
                                     encoding="utf-8")


def test_compact_prints_an_expired_waiver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _copy_gated(tmp_path)
    code, out, _ = run("broken-chain.yaml", "--waivers", "broken-chain.waivers.yaml", "--today", "2026-06-01",
                       "--format", "compact")
    printed, counted = compact_counts(out)
    assert printed == counted
    assert any(" error WVR-001 " in line for line in out.splitlines())
    assert code == 1


def test_compact_prints_a_stale_baseline_entry(write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "tests" / "models" / "broken-chain.yaml", tmp_path / "m.yaml")
    CliRunner().invoke(main, ["baseline", "m.yaml", "--output", "b.json"])
    fixed = (tmp_path / "m.yaml").read_text(encoding="utf-8").replace(
        "  national:\n", "    - {id: cong, kind: web-portal, attributes: {security_level: 2}}\n  national:\n")
    (tmp_path / "m.yaml").write_text(fixed, encoding="utf-8")
    code, out, _ = run("m.yaml", "--baseline", "b.json", "--strict-baseline", "--format", "compact")
    printed, counted = compact_counts(out)
    assert printed == counted
    assert any(" error BSL-001 " in line for line in out.splitlines()), out
    assert code == 1


@pytest.mark.parametrize("fmt", sorted(set(REPORTERS) - {"html", "sarif", "junit", "gitlab", "github"}))
def test_every_format_says_the_code_it_exits_with(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _copy_gated(tmp_path)
    for fail_on in ("error", "warning", "info"):
        code, out, _ = run("broken-chain.yaml", "--waivers", "broken-chain.waivers.yaml", "--today", "2026-06-01",
                           "--fail-on", fail_on, "--format", fmt)
        assert said_code(fmt, out) in (None, code)


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_shows_the_gates_errors(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _copy_gated(tmp_path)
    code, out, _ = run("broken-chain.yaml", "--waivers", "broken-chain.waivers.yaml", "--today", "2026-06-01",
                       "--format", fmt)
    assert code == 1
    assert "WVR-001" in out and "WVR-002" in out
