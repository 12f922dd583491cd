"""Baselines and waivers are scoped to a model file, waivers to a horizon, and hostile gate files are
located errors (issue 28, item 4 and the "smaller" items).

A province's name is what the model says, and the model may be an outside party's: a baseline or a
waiver keyed by it alone would clear the same findings in any file that declares the same name.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.cli import main
from archcheck.compare.gate import horizon, model_file_key
from tests.conftest import ROOT

BROKEN = ROOT / "tests" / "models" / "broken-chain.yaml"
TODAY = "2026-06-01"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def two_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Two files of the same province (Tỉnh Mẫu) with the same findings, in the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    shutil.copy(BROKEN, tmp_path / "models" / "ours.yaml")
    shutil.copy(BROKEN, tmp_path / "models" / "theirs.yaml")
    return "models/ours.yaml", "models/theirs.yaml"


def _summary(out: str) -> str:
    return out.splitlines()[-1]


@pytest.mark.parametrize("strict", [[], ["--strict-baseline"]])
def test_a_baseline_of_one_file_clears_nothing_in_another(two_models: tuple[str, str], strict: list[str]) -> None:
    ours, theirs = two_models
    assert run("baseline", ours, "-o", "b.json")[0] == 0
    code, out, _ = run("validate", ours, "--baseline", "b.json", *strict)
    assert code == 0, out
    code, out, _ = run("validate", theirs, "--baseline", "b.json", *strict)
    assert code == 1
    assert _summary(out).startswith("1 province checked: 5 errors")
    assert "BSL-001" not in out  # ours is not checked in this run: its entries are neither fixed nor stale
    code, out, _ = run("validate", theirs, "--baseline", "b.json", "--format", "json", *strict)
    gate = json.loads(out)["gate"]
    assert (gate["baselined"], gate["fixed"]) == ([], [])


def test_a_baseline_matches_its_file_however_it_is_named(two_models: tuple[str, str], tmp_path: Path) -> None:
    ours, _ = two_models
    run("baseline", f"./models/../{ours}", "-o", "b.json")
    assert {e["file"] for e in json.loads(Path("b.json").read_text(encoding="utf-8"))["entries"]} == {ours}
    for name in (ours, f"./{ours}", str(tmp_path / ours)):
        assert run("validate", name, "--baseline", "b.json", "--strict-baseline")[0] == 0


def test_a_baseline_of_both_files_accepts_each_files_own(two_models: tuple[str, str]) -> None:
    ours, theirs = two_models
    run("baseline", ours, theirs, "-o", "b.json")
    code, out, _ = run("validate", ours, theirs, "--baseline", "b.json", "--format", "json")
    assert code == 0
    assert len(json.loads(out)["gate"]["baselined"]) == 24


def _waivers(path: Path, *entries: str) -> str:
    path.write_text("waivers:\n" + "".join(entries), encoding="utf-8")
    return str(path)


def _waiver(file: str, *, expires: str = "2026-12-31", rule: str = "DOC-002") -> str:
    return (f"  - rule: {rule}\n    file: {file}\n    province: Tỉnh Mẫu\n    subject: qlvb\n"
            f"    reason: contracted\n    expires: {expires}\n")


def test_a_waiver_of_one_file_excuses_nothing_in_another(two_models: tuple[str, str], tmp_path: Path) -> None:
    ours, theirs = two_models
    w = _waivers(tmp_path / "w.yaml", _waiver(ours))
    _, out, _ = run("validate", ours, "--waivers", w, "--today", TODAY, "--format", "json")
    assert len(json.loads(out)["gate"]["waived"]) == 1
    _, out, _ = run("validate", theirs, "--waivers", w, "--today", TODAY, "--format", "json")
    gate = json.loads(out)["gate"]
    assert gate["waived"] == []
    assert gate["findings"] == []  # ours is not in this run: its waiver is neither used nor unmatched
    assert "DOC-002" in [f["rule_id"] for r in json.loads(out)["reports"] for f in r["findings"]]


def test_a_waiver_without_a_file_is_refused_with_how_to_mend_it(two_models: tuple[str, str],
                                                               tmp_path: Path) -> None:
    ours, _ = two_models
    w = _waivers(tmp_path / "w.yaml", "  - rule: DOC-002\n    province: Tỉnh Mẫu\n    reason: r\n"
                                      "    expires: 2026-12-31\n")
    code, out, err = run("validate", ours, "--waivers", w, "--today", TODAY)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"archcheck: error: {w}:2:5: the waiver names no model file (`file:`)",
        "  hint: add the model file it is for, relative to the folder archcheck runs in, e.g. "
        "`file: province_models/lamdong.yaml` (waivers written before archcheck 0.2 lack it; a waiver "
        "applies only to the file it names)"]


def test_a_waiver_naming_a_file_that_does_not_exist_is_refused(two_models: tuple[str, str], tmp_path: Path) -> None:
    ours, _ = two_models
    w = _waivers(tmp_path / "w.yaml", _waiver("models/our.yaml"))
    code, _, err = run("validate", ours, "--waivers", w, "--today", TODAY)
    assert code == 2
    assert err.splitlines()[0] == (f"archcheck: error: {w}:3:5: waiver names model file 'models/our.yaml', "
                                   "which does not exist here")


@pytest.mark.parametrize(("expires", "extra", "code"), [
    ("2028-06-01", [], 1),  # two years to the day: accepted
    ("2028-06-02", [], 2),
    ("9999-12-31", [], 2),
    ("9999-12-31", ["--allow-long-waivers"], 1),
])
def test_a_waiver_expires_within_two_years_of_the_run(two_models: tuple[str, str], tmp_path: Path, expires: str,
                                                      extra: list[str], code: int) -> None:
    ours, _ = two_models
    w = _waivers(tmp_path / "w.yaml", _waiver(ours, expires=expires))
    got, _, err = run("validate", ours, "--waivers", w, "--today", TODAY, *extra)
    assert got == code
    if code == 2:
        assert err.splitlines()[0] == (
            f"archcheck: error: {w}:7:5: waiver expires {expires}, more than 2 years after {TODAY} "
            "(the latest allowed is 2028-06-01)")


def test_the_horizon_of_a_leap_day() -> None:
    assert horizon(dt.date(2024, 2, 29)) == dt.date(2026, 2, 28)


def test_model_file_key_normalises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert model_file_key("a//b/./c.yaml") == "a/b/c.yaml"
    assert model_file_key(str(tmp_path / "a" / ".." / "m.yaml")) == "m.yaml"
    assert model_file_key("../elsewhere.yaml") == str(tmp_path.parent / "elsewhere.yaml")
    assert model_file_key("-") == "<stdin>"


# --- hostile gate files --------------------------------------------------------------------------

HOSTILE_BASELINES = {
    "5,000-digit number": '{"baseline_version": 1' + "0" * 5000 + ', "tool": {"name": "archcheck", '
                          '"version": "1"}, "entries": []}',
    "100,000-digit line": '{"baseline_version": 1, "tool": {"name": "archcheck", "version": "1"}, "entries": '
                          '[{"fingerprint": "x", "rule_id": "DOC-001", "province": "p", "subject": "s", '
                          '"severity": "error", "message": "m", "file": "f", "line": 1' + "0" * 100_000 + "}]}",
    "nesting 100,000 deep": '{"baseline_version": 1, "entries": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "entries a mapping": '{"baseline_version": 1, "tool": {"name": "archcheck", "version": "1"}, '
                         '"entries": {"a": 1}}',
    "a huge string as a line": '{"baseline_version": 1, "tool": {"name": "archcheck", "version": "1"}, "entries": '
                               '[{"fingerprint": "x", "rule_id": "DOC-001", "province": "p", "subject": "s", '
                               '"severity": "error", "message": "m", "file": "f", "line": "' + "9" * 100_000 + '"}]}',
    "an empty file name": '{"baseline_version": 1, "tool": {"name": "archcheck", "version": "1"}, "entries": '
                          '[{"fingerprint": "x", "rule_id": "DOC-001", "province": "p", "subject": "s", '
                          '"severity": "error", "message": "m", "file": "", "line": 1}]}',
}


@pytest.mark.parametrize("content", HOSTILE_BASELINES.values(), ids=HOSTILE_BASELINES)
def test_a_hostile_baseline_is_a_located_error_with_a_bounded_message(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run("validate", str(BROKEN), "--baseline", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"archcheck: error: {path}:1:")
    assert "internal error" not in err
    assert len(err) < 1000


HOSTILE_WAIVERS = {
    "100,000-digit number": "  - rule: DOC-002\n    file: {f}\n    province: P\n    reason: r\n"
                            "    expires: 2026-12-31\n    approved_by: " + "9" * 100_000 + "\n",
    "nesting 100,000 deep": "  - " + "[" * 100_000 + "]" * 100_000 + "\n",
    "a huge string as a rule": "  - rule: " + "x" * 100_000 + "\n    file: {f}\n    province: P\n    reason: r\n"
                               "    expires: 2026-12-31\n",
    "a list as a reason": "  - rule: DOC-002\n    file: {f}\n    province: P\n    reason: [" + "1, " * 30_000
                          + "1]\n    expires: 2026-12-31\n",
}


@pytest.mark.parametrize("body", HOSTILE_WAIVERS.values(), ids=HOSTILE_WAIVERS)
def test_a_hostile_waivers_file_is_a_located_error_with_a_bounded_message(tmp_path: Path, body: str) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("waivers:\n" + body.replace("{f}", str(BROKEN)), encoding="utf-8")
    code, out, err = run("validate", str(BROKEN), "--waivers", str(path), "--today", TODAY)
    assert (code, out) == (2, "")
    assert err.startswith(f"archcheck: error: {path}:")
    assert "internal error" not in err
    assert len(err) < 1000


def test_a_100000_digit_integer_in_a_model_is_not_echoed(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(BROKEN.read_text(encoding="utf-8").replace("as_of:", "population: " + "7" * 100_000
                                                                + "\n  as_of:", 1), encoding="utf-8")
    code, _, err = run("validate", str(model))
    assert code == 2
    assert "a number of 100000 characters is too long to be read as a number" in err
    assert len(err) < 1000
