"""The CI gate: SARIF, JUnit, GitHub, GitLab and Markdown reports, ``--report``, baselines, waivers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from archcheck.cli import main
from archcheck.cli.validate import FORMATS
from archcheck.errors import LoadError
from archcheck.findings import Severity
from archcheck.read.schemas import schema
from archcheck.report import REPORTERS, ReportOptions
from archcheck.report._common import REPOSITORY_URL
from archcheck.report.github import command, escape_data, escape_property
from archcheck.values import replace
from tests.conftest import GOLDEN, ROOT
from tests.test_golden import CI_MODELS, ci_golden, ci_run

BROKEN = str(ROOT / "tests" / "models" / "broken-chain.yaml")
LAMDONG = str(ROOT / "province_models" / "lamdong.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_format_choices_are_the_reporters() -> None:
    assert tuple(REPORTERS) == FORMATS


def test_repository_url_is_the_projects() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'Repository = "{REPOSITORY_URL}"' in text


# --- SARIF -------------------------------------------------------------------------------------

def test_sarif_code_flow_walks_the_broken_chain() -> None:
    doc = json.loads(ci_golden("broken-chain", "sarif").read_text(encoding="utf-8"))
    (sarif_run,) = doc["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    (doc002,) = [r for r in sarif_run["results"] if r["ruleId"] == "DOC-002"]
    assert rules[doc002["ruleIndex"]]["id"] == "DOC-002"
    assert rules[doc002["ruleIndex"]]["helpUri"] == (
        f"{REPOSITORY_URL}/blob/main/docs/rules.md#doc-002-dms-reaches-national-axis")
    steps = doc002["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [(s["location"]["message"]["text"], s["location"]["physicalLocation"]["region"]["startLine"])
            for s in steps] == [("qlvb", 10), ("truc-tinh", 14), ("lgsp: the chain stops here", 18)]
    assert doc002["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "tests/models/broken-chain.yaml"
    assert doc002["properties"]["citation"]["document"] == "QĐ 28/2018/QĐ-TTg"
    assert len(doc002["partialFingerprints"]["archcheckFingerprint/v1"]) >= 16


def test_sarif_cannot_verify_is_a_note() -> None:
    doc = json.loads(ci_golden("lamdong", "sarif").read_text(encoding="utf-8"))
    notes = [r for r in doc["runs"][0]["results"] if r["properties"].get("cannotVerify")]
    assert notes
    assert {r["level"] for r in notes} == {"note"}


def test_sarif_waived_result_is_suppressed_with_its_reason() -> None:
    doc = json.loads(ci_golden("broken-chain-gated", "sarif").read_text(encoding="utf-8"))
    results = doc["runs"][0]["results"]
    (waived,) = [r for r in results if "suppressions" in r]
    assert waived["ruleId"] == "DOC-002"
    assert waived["suppressions"][0]["justification"].startswith("The LGSP's document-exchange link")
    assert waived["suppressions"][0]["status"] == "accepted"
    assert sorted(r["baselineState"] for r in results if r["ruleId"] == "SEC-004") == ["unchanged"] * 3
    (expired,) = [r for r in results if r["ruleId"] == "WVR-001"]
    assert expired["level"] == "error"
    assert expired["locations"][0]["physicalLocation"]["region"]["startLine"] == 10


def test_sarif_run_errors_become_notifications(tmp_path: Path) -> None:
    bad = replace(ci_run("lamdong"), errors=(LoadError("not valid YAML", file="m/bad.yaml", line=3, column=1),))
    doc = json.loads(REPORTERS["sarif"](bad, ReportOptions()))
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    junit = ET.fromstring(REPORTERS["junit"](bad, ReportOptions()))
    (error,) = junit.iter("error")
    assert error.get("message") == "m/bad.yaml:3:1: not valid YAML"


def test_sarif_root_makes_paths_relative() -> None:
    doc = json.loads(REPORTERS["sarif"](ci_run("broken-chain"), ReportOptions(root="tests")))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert uris == {"models/broken-chain.yaml"}


MULTITOOL_PREFIX = ROOT / ".ci" / "tools"
"""Where .ci/run installs the npm package @microsoft/sarif-multitool (git-ignored)."""


@pytest.fixture(scope="session")
def sarif_multitool() -> Path:
    """The SARIF Multitool, installed with npm if it is not yet; skipped only where npm is absent
    (CI sets ARCHCHECK_REQUIRE_SARIF_MULTITOOL=1, which turns that skip into a failure)."""
    tool = MULTITOOL_PREFIX / "node_modules" / ".bin" / "sarif-multitool"
    if not tool.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("ARCHCHECK_REQUIRE_SARIF_MULTITOOL"):
                pytest.fail("npm is needed to install @microsoft/sarif-multitool")
            pytest.skip("npm is not installed: cannot run Microsoft's SARIF Multitool")
        subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(MULTITOOL_PREFIX),
                        "@microsoft/sarif-multitool@5"], check=True, capture_output=True, timeout=600)
    return tool


def _sarif_files() -> list[Path]:
    return [ci_golden(case, "sarif") for case in CI_MODELS]


def test_sarif_files_pass_the_multitool_and_the_schema(sarif_multitool: Path) -> None:
    """Microsoft's SARIF Multitool reports no error on any golden SARIF file, and each validates
    against the SARIF 2.1.0 JSON Schema the Multitool ships."""
    files = _sarif_files()
    proc = subprocess.run([str(sarif_multitool), "validate", *map(str, files)], capture_output=True, text=True,
                          timeout=300, check=False,
                          # invariant globalization: the .NET tool then needs no ICU library on the machine
                          env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"})
    errors = [line for line in proc.stdout.splitlines() if re.search(r"\berror\b", line)]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert errors == []
    schemas = sorted(sarif_multitool.parent.parent.glob("@microsoft/sarif-multitool-*/sarif-2.1.0.json"))
    assert schemas, "the Multitool package ships sarif-2.1.0.json"
    validator = Draft202012Validator(json.loads(schemas[0].read_text(encoding="utf-8")))
    for f in files:
        assert sorted(str(e) for e in validator.iter_errors(json.loads(f.read_text(encoding="utf-8")))) == [], f


# --- JUnit, GitHub, GitLab ---------------------------------------------------------------------

@pytest.mark.parametrize("case", list(CI_MODELS))
def test_junit_has_one_failure_per_error_finding(case: str) -> None:
    tree = ET.fromstring(ci_golden(case, "junit").read_text(encoding="utf-8"))
    failures = [tc.get("name") for tc in tree.iter("testcase") if tc.find("failure") is not None]
    errors = [f for f in ci_run(case).findings() if f.severity is Severity.ERROR]
    assert sorted(failures) == sorted(f"{f.rule_id} {f.rule_name} [{f.subject}]" for f in errors)
    assert tree.get("failures") == str(len(errors))


def test_junit_skips_rules_not_in_force_and_cannot_verify() -> None:
    tree = ET.fromstring(ci_golden("lamdong", "junit").read_text(encoding="utf-8"))
    skipped = {tc.get("name"): tc.find("skipped").get("message") for tc in tree.iter("testcase")  # type: ignore[union-attr]
               if tc.find("skipped") is not None}
    assert skipped["SEC-001 security-level-declared [eoffice]"].startswith("cannot verify: ")
    assert any(m.startswith("not in force: in force from ") for m in skipped.values())


def test_junit_says_why_a_rule_did_not_bind_with_the_catalogues_outcome_words() -> None:
    """Each skipped rule that did not bind says its outcome (the catalogue's ``outcome.*``, in English) and why;
    an ended rule's reason says it already ("ended 2025-07-01 by …")."""
    import datetime as dt  # noqa: PLC0415

    from archcheck import api  # noqa: PLC0415
    from archcheck.catalogue import say, word  # noqa: PLC0415
    from archcheck.findings import Outcome  # noqa: PLC0415

    run = api.validate([LAMDONG], as_of=dt.date(2026, 8, 1))
    tree = ET.fromstring(REPORTERS["junit"](run, ReportOptions(lang="vi")))
    skipped = {tc.get("name", "").split()[0]: tc.find("skipped").get("message", "")  # type: ignore[union-attr]
               for tc in tree.iter("testcase") if tc.find("skipped") is not None and " [" not in tc.get("name", "")}
    outcomes = {o.rule_id: o for o in run.reports[0].outcomes}
    seen = set()
    for rule_id, message in skipped.items():
        o = outcomes[rule_id]
        seen.add(o.outcome)
        if o.outcome is Outcome.ENDED:
            assert message == say(o.reason) and message.startswith("ended 20"), message
        else:
            assert message == f"{say(word('outcome', o.outcome.value))}: {say(o.reason)}", message
    assert seen == {Outcome.NOT_IN_FORCE, Outcome.ENDED, Outcome.SUPERSEDED}  # not applicable: the goldens
    assert skipped["SEC-001"] == ("ended 2026-07-01 by Law 116/2025/QH15 (Luật An ninh mạng), replaced by SEC-005 "
                                  "(levels under Law 116/2025, approved under NĐ 85/2016 in the transition), then "
                                  "SEC-006 (NĐ 331/2026, from 01/01/2027)")


def test_junit_waived_is_skipped_with_reason() -> None:
    tree = ET.fromstring(ci_golden("broken-chain-gated", "junit").read_text(encoding="utf-8"))
    (case,) = [tc for tc in tree.iter("testcase") if tc.get("name") == "DOC-002 dms-reaches-national-axis [qlvb]"]
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith(
        "waived until 2026-09-30, approved by Sở Thông tin và Truyền thông: The LGSP's")


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nok") == "100%25 done%0D%0Aok"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("error", "x: y, z", file="a,b.yaml", line=3, col=None, title="T: 1") == (
        "::error file=a%2Cb.yaml,line=3,title=T%3A 1::x: y, z")


def test_github_annotation_line() -> None:
    lines = ci_golden("broken-chain", "github").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("::error file=tests/models/broken-chain.yaml,line=10,col=7,"
                               "title=DOC-002 dms-reaches-national-axis [qlvb]::qlvb (")
    assert all("\n" not in line for line in lines)


def test_gitlab_code_quality_fields() -> None:
    issues = json.loads(ci_golden("broken-chain", "gitlab").read_text(encoding="utf-8"))
    assert issues[0]["check_name"] == "DOC-002 dms-reaches-national-axis"
    assert issues[0]["severity"] == "major"
    assert issues[0]["location"] == {"path": "tests/models/broken-chain.yaml", "lines": {"begin": 10}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_markdown_verdict_first_and_links() -> None:
    text = ci_golden("broken-chain", "markdown").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "## archcheck: ❌ fails (exit 1)"
    assert "[tests/models/broken-chain.yaml:10](tests/models/broken-chain.yaml#L10)" in text
    linked = REPORTERS["markdown"](ci_run("broken-chain"), ReportOptions(link_base="https://git.example/r/blob/abc/"))
    assert "](https://git.example/r/blob/abc/tests/models/broken-chain.yaml#L10)" in linked


# --- --report ----------------------------------------------------------------------------------

def test_several_reports_in_one_run(tmp_path: Path) -> None:
    sarif, junit = tmp_path / "a.sarif", tmp_path / "j.xml"
    code, out, _ = run("validate", BROKEN, "--report", f"sarif:{sarif}", "--report", f"junit:{junit}")
    assert code == 1
    assert out.splitlines()[-1] == (
        "1 province checked: 5 errors, 7 warnings, 0 info; failing on error or worse → exit 1")
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.fromstring(junit.read_text(encoding="utf-8")).get("failures") == "5"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sarif", "j.xml"]  # no temporary file left


def test_no_report_written_when_the_run_exits_2(tmp_path: Path) -> None:
    sarif = tmp_path / "a.sarif"
    code, _, err = run("validate", str(tmp_path / "missing.yaml"), "--report", f"sarif:{sarif}")
    assert code == 2
    assert "no such file" in err
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers:\n  - rule: DOC-002\n    province: X\n    expires: 2030-01-01\n", encoding="utf-8")
    code, _, err = run("validate", BROKEN, "--waivers", str(waivers), "--report", f"sarif:{sarif}")
    assert code == 2
    assert list(tmp_path.iterdir()) == [waivers]


def test_no_report_written_when_a_file_of_a_batch_cannot_be_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("province:\n  name: [unclosed\n", encoding="utf-8")
    sarif, junit = tmp_path / "a.sarif", tmp_path / "j.xml"
    code, _, _ = run("validate", BROKEN, str(bad), "--report", f"sarif:{sarif}", "--report", f"junit:{junit}")
    assert code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


@pytest.mark.parametrize(("value", "message"), [
    ("sarif", "'sarif' is not FORMAT:FILE"), ("pdf:x.pdf", "unknown format 'pdf'"), ("sarif:", "is not FORMAT:FILE")])
def test_bad_report_option(value: str, message: str) -> None:
    code, _, err = run("validate", BROKEN, "--report", value)
    assert code == 2
    assert message in err


# --- baseline ----------------------------------------------------------------------------------

def _reindented(change: Callable[[dict[str, Any]], object] | None = None) -> str:
    """broken-chain.yaml re-indented by 4, its keys sorted, flow style gone, comments dropped,
    after ``change`` (applied to the province mapping)."""
    data = yaml.safe_load(Path(BROKEN).read_text(encoding="utf-8"))
    if change is not None:
        change(data["province"])
    return yaml.safe_dump(data, indent=4, allow_unicode=True, sort_keys=True, default_flow_style=False)


REORDERED = """\
archcheck: 1
province:
    name: Tỉnh Mẫu
    as_of: 2021-01-01
    framework: "2.0"
    national:
        -   {id: axis, kind: national-document-axis, name: Trục liên thông văn bản quốc gia}
    connections:
        -   {from: lgsp, to: axis, kind: data-exchange}
        -   {from: truc-tinh, to: lgsp, kind: document-exchange}
        -   {from: qlvb, to: truc-tinh, kind: document-exchange}
    components:
        -   id: lgsp
            kind: integration-platform
            name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)
            attributes: {security_level: 3}
        -   id: truc-tinh
            kind: provincial-document-axis
            name: Trục liên thông văn bản tỉnh
            attributes: {security_level: 3}
        -   id: qlvb
            kind: document-management
            name: Hệ thống quản lý văn bản và điều hành
            attributes: {security_level: 3}
"""


def _json_run(*args: str) -> tuple[int, dict[str, object]]:
    code, out, _ = run("validate", *args, "--format", "json")
    return code, json.loads(out)


def _baselined_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the broken-chain model and a baseline made for it (a baseline names its model file)."""
    model, baseline = tmp_path / "m.yaml", tmp_path / "archcheck-baseline.json"
    shutil.copy(BROKEN, model)
    code, out, err = run("baseline", str(model), "--output", str(baseline))
    assert (code, out) == (0, "")
    assert err.endswith("12 findings of 1 province(s) baselined\n")
    return model, baseline


def test_baseline_round_trip(tmp_path: Path) -> None:
    model, baseline = _baselined_copy(tmp_path)
    doc = json.loads(baseline.read_text(encoding="utf-8"))
    assert doc["baseline_version"] == 1
    assert len(doc["entries"]) == 12

    reindented = _reindented()
    model.write_text(reindented, encoding="utf-8")
    code, report = _json_run(str(model), "--baseline", str(baseline))
    assert code == 0
    assert report["summary"] == {"provinces": 1, "error": 0, "warning": 0, "info": 0}
    gate = report["gate"]
    assert isinstance(gate, dict)
    assert (len(gate["baselined"]), gate["fixed"]) == (12, [])

    # a new violation: the LGSP loses its security level → exactly one new finding, SEC-001 for lgsp
    model.write_text(_reindented(lambda p: p["components"][2]["attributes"].clear()), encoding="utf-8")
    code, report = _json_run(str(model), "--baseline", str(baseline))
    assert code == 1
    new = [(f["rule_id"], f["subject"]) for r in report["reports"] for f in r["findings"]]  # type: ignore[attr-defined]
    assert new == [("SEC-001", "lgsp")]

    # a fix: the province gets its web portal → PORT-001 is listed as fixed
    model.write_text(_reindented(lambda p: p["components"].append(
        {"id": "cong", "kind": "web-portal", "attributes": {"security_level": 2}})), encoding="utf-8")
    code, out, _ = run("validate", str(model), "--baseline", str(baseline))
    assert "PORT-001  [web-portal]  Tỉnh Mẫu: no web-portal in operation" in out
    assert "1 baseline entries no longer occur" in out


def test_baseline_survives_reordering(tmp_path: Path) -> None:
    model, baseline = _baselined_copy(tmp_path)
    model.write_text(REORDERED, encoding="utf-8")  # components and connections in another order
    code, report = _json_run(str(model), "--baseline", str(baseline))
    assert code == 0
    assert report["summary"] == {"provinces": 1, "error": 0, "warning": 0, "info": 0}


def test_strict_baseline_fails_on_a_fixed_entry(tmp_path: Path) -> None:
    model, baseline = _baselined_copy(tmp_path)
    model.write_text(_reindented(lambda p: p["components"].append(
        {"id": "cong", "kind": "web-portal", "attributes": {"security_level": 2}})), encoding="utf-8")
    code, _, _ = run("validate", str(model), "--baseline", str(baseline), "--fail-on", "error")
    assert code == 0  # the new SEC-004 warning for the portal does not fail on error
    code, out, _ = run("validate", str(model), "--baseline", str(baseline), "--strict-baseline")
    assert code == 1
    # the entry is located at its first key, the line before its rule_id
    line = baseline.read_text(encoding="utf-8").splitlines().index('      "rule_id": "PORT-001",') - 1
    assert f"{baseline}:{line}:5  BSL-001 baseline-entry-fixed  [PORT-001 Tỉnh Mẫu web-portal]" in out


def test_baseline_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run("baseline", BROKEN, LAMDONG, "-o", str(a))
    run("baseline", BROKEN, LAMDONG, "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(("content", "message"), [
    ('{"baseline_version": 1, "entries": [', ":1:37: not valid JSON: Expecting value"),
    ('{"entries": []}', ":1:1: not an archcheck baseline file (no `baseline_version`)"),
    ('{"baseline_version": 2, "tool": {"name": "archcheck", "version": "1"}, "entries": []}',
     ":1:2: baseline_version: 2 is not allowed; expected 1"),
    ('{"baseline_version": 1,\n "tool": {"name": "archcheck", "version": "1"},\n "entries": [{"rule_id": "X"}]}',
     ":3:14: 7 problems in this baseline file"),
])
def test_bad_baseline_is_located(write: Callable[[str, str], Path], content: str, message: str) -> None:
    path = write("b.json", content)
    code, out, err = run("validate", BROKEN, "--baseline", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"archcheck: error: {path}{message}")


# --- waivers -----------------------------------------------------------------------------------

def _waivers(write: Callable[[str, str], Path], body: str) -> Path:
    return write("waivers.yaml", "waivers:\n" + body)


def test_valid_waiver_waives_with_reason(write: Callable[[str, str], Path]) -> None:
    w = _waivers(write, "  - rule: dms-reaches-national-axis\n    province: Tỉnh Mẫu\n    subject: qlvb\n"
                        f"    reason: contracted for Q3\n    expires: 2026-09-30\n    file: {BROKEN}\n")
    code, report = _json_run(BROKEN, "--waivers", str(w), "--today", "2026-09-30")
    assert code == 1  # other errors remain
    gate = report["gate"]
    assert isinstance(gate, dict)
    (waived,) = gate["waived"]
    assert (waived["finding"]["rule_id"], waived["waiver"]["reason"], waived["waiver"]["location"]["line"]) == (
        "DOC-002", "contracted for Q3", 2)
    assert gate["findings"] == []
    assert report["summary"]["error"] == 4  # type: ignore[index]


def test_expired_waiver_is_an_error_at_its_line(write: Callable[[str, str], Path]) -> None:
    w = _waivers(write, "  - rule: INF-001\n    province: Lâm Đồng\n    reason: planned\n    expires: 2026-01-31\n"
                        f"    file: {LAMDONG}\n")
    code, out, _ = run("validate", LAMDONG, "--waivers", str(w), "--today", "2026-02-01")
    assert code == 1
    assert f"    {w}:2:5  WVR-001 waiver-expired  [INF-001 Lâm Đồng]" in out
    code, _, _ = run("validate", LAMDONG, "--waivers", str(w), "--today", "2026-01-31")
    assert code == 0


def test_unmatched_waiver_is_a_warning(write: Callable[[str, str], Path]) -> None:
    w = _waivers(write, "  - rule: DOC-002\n    province: Lâm Đồng\n    subject: nothing-here\n"
                        f"    reason: r\n    expires: 2027-01-01\n    file: {LAMDONG}\n")
    code, out, _ = run("validate", LAMDONG, "--waivers", str(w), "--today", "2026-01-01")
    assert code == 0
    assert f"    {w}:2:5  WVR-002 waiver-unmatched  [DOC-002 Lâm Đồng nothing-here]" in out


@pytest.mark.parametrize(("body", "message"), [
    ("  - rule: DOC-002\n    province: X\n    expires: 2030-01-01\n", ":2:5: waivers[0]: 'reason' is required"),
    ("  - rule: DOC-002\n    province: X\n    reason: r\n", ":2:5: waivers[0]: 'expires' is required"),
    ("  - rule: DOC-002\n    province: X\n    reason: r\n    expires: 2030-02-30\n",
     ":5:14: '2030-02-30' is not a valid date"),
    ("  - rule: DOC-002\n    province: X\n    reason: r\n    expires: soon\n",
     ":5:5: waivers[0].expires: 'soon' is not a date; write YYYY-MM-DD"),
    ("  - rule: DOC-002\n    province: X\n    reason: r\n    expires: 2030-01-01\n    owner: me\n",
     ":6:5: unknown key 'owner' in waivers[0]"),
    ("  - rule: DOC-02\n    province: X\n    reason: r\n    expires: 2030-01-01\n",
     ":2:5: waiver names rule 'DOC-02', which does not exist; did you mean 'DOC-002'?"),
    ("  - rule: DOC-002\n   province: X\n", ":3:4: not valid YAML"),
    ("  - rule: DOC-002\n    province: X\n    reason: '  '\n    expires: 2030-01-01\n",
     ":4:5: waivers[0].reason: '  ' does not match"),
])
def test_bad_waivers_file_is_located(write: Callable[[str, str], Path], body: str, message: str) -> None:
    w = _waivers(write, body + f"    file: {BROKEN}\n")
    code, out, err = run("validate", BROKEN, "--waivers", str(w), "--allow-long-waivers")
    assert (code, out) == (2, "")
    assert err.startswith(f"archcheck: error: {w}{message}"), err


@pytest.mark.parametrize("name", ["baseline", "waivers"])
def test_schema_commands(name: str) -> None:
    code, out, _ = run("schema", name)
    assert code == 0
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_golden_files_exist_for_every_ci_format() -> None:
    names = {p.name for p in GOLDEN.iterdir()}
    for case in CI_MODELS:
        for fmt in ("sarif", "junit", "github", "gitlab", "markdown"):
            assert ci_golden(case, fmt).name in names


def test_gated_json_report_follows_its_schema() -> None:
    doc = json.loads(ci_golden("broken-chain-gated", "json").read_text(encoding="utf-8"))
    assert sorted(str(e) for e in Draft202012Validator(schema("report")).iter_errors(doc)) == []
    assert [f["rule_id"] for f in doc["gate"]["findings"]] == ["WVR-001", "WVR-002"]
