"""Three-valued checks: every rule passes, fails, cannot be verified, or is not applicable; the
``any``/``all``/``not`` table; no vacuous pass; the text and JSON reports say which."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from archcheck import api
from archcheck.check.engine import ProvinceReport
from archcheck.check.graph import build_graph
from archcheck.check.kinds import CheckContext, Result, Verdict, parse_check
from archcheck.cli import main
from archcheck.findings import Outcome, Violation
from archcheck.read.loading import load_model

Write = Callable[[str, str], Path]

HEAD = """\
province:
  name: Tỉnh Mẫu
  as_of: 2021-01-01
  framework: "2.0"
"""


def _report(write: Write, body: str) -> ProvinceReport:
    (report,) = api.validate([write("m.yaml", HEAD + body)]).reports
    return report


def _outcome(report: ProvinceReport, rule_id: str) -> tuple[Outcome, str | None]:
    (o,) = [o for o in report.outcomes if o.rule_id == rule_id]
    return o.outcome, None if o.reason is None else str(o.reason)


def _findings(report: ProvinceReport, rule_id: str) -> list[tuple[str, int, str]]:
    return [(f.subject, f.location.line if f.location else 0, f.text())
            for f in report.findings if f.rule_id == rule_id]


DVC004_CASE = """\
  components:
    - {id: dvc, kind: public-service-portal}
    - {id: motcua, kind: one-stop-shop, status: STATUS}
  connections:
    - {from: dvc, to: motcua, kind: synchronisation, status: absent}
"""


def test_dvc004_one_stop_unknown_cannot_verify_not_a_vacuous_pass(write: Write) -> None:
    report = _report(write, DVC004_CASE.replace("STATUS", "unknown"))
    assert _outcome(report, "DVC-004") == (Outcome.CANNOT_VERIFY, None)
    assert _findings(report, "DVC-004") == [
        ("motcua", 7, "cannot verify: whether motcua (one-stop-shop) is in operation is unknown")]


def test_dvc004_one_stop_present_fails_and_names_the_absent_edge(write: Write) -> None:
    report = _report(write, DVC004_CASE.replace("STATUS", "present"))
    assert _outcome(report, "DVC-004") == (Outcome.FAILED, None)
    (dvc,) = [f for f in report.findings if f.rule_id == "DVC-004"]
    assert (dvc.subject, dvc.location.line if dvc.location else 0) == ("dvc", 9)
    assert dvc.text() == ("dvc has no synchronisation connection in operation to one-stop-shop "
                           "(dvc → motcua is absent) (nor does the other alternative)")
    assert str(dvc.evidence.actual) == "dvc -[synchronisation]-> motcua (absent)"


def test_dvc004_without_one_stop_fails_the_other_alternative_does_not_apply(write: Write) -> None:
    report = _report(write, "  components:\n    - {id: dvc, kind: public-service-portal}\n")
    assert _outcome(report, "DVC-004") == (Outcome.FAILED, None)
    assert _findings(report, "DVC-004") == [
        ("dvc", 6, "dvc has no synchronisation connection to one-stop-shop (the model has no one-stop-shop) "
                   "(the other alternative does not apply: no one-stop-shop in the model)")]


def test_int005_not_applicable_without_an_lgsp(write: Write) -> None:
    report = _report(write, "  components:\n    - {id: qlvb, kind: document-management}\n")
    assert _outcome(report, "INT-005") == (Outcome.NOT_APPLICABLE, "no integration-platform in the model")
    assert _findings(report, "INT-005") == []
    assert _outcome(report, "INT-002")[0] is Outcome.FAILED


def test_int005_not_applicable_when_the_lgsp_is_stated_absent(write: Write) -> None:
    report = _report(write, "  components:\n    - {id: lgsp, kind: integration-platform, status: absent}\n")
    assert _outcome(report, "INT-005") == (Outcome.NOT_APPLICABLE,
                                           "no integration-platform in operation (lgsp is absent)")


def test_int005_cannot_verify_when_the_lgsp_is_unknown(write: Write) -> None:
    report = _report(write, "  components:\n    - {id: lgsp, kind: integration-platform, status: unknown}\n")
    assert _outcome(report, "INT-005") == (Outcome.CANNOT_VERIFY, None)
    assert _findings(report, "INT-005") == [
        ("lgsp", 6, "cannot verify: whether lgsp (integration-platform) is in operation is unknown")]


def test_partial_model_nothing_to_check_by_omission_is_cannot_verify(write: Write) -> None:
    report = _report(write, "  completeness: partial\n  components:\n    - {id: qlvb, kind: document-management}\n")
    assert _outcome(report, "INT-005") == (
        Outcome.CANNOT_VERIFY, "the model is partial and says nothing of it: no integration-platform in the model")


def _verdict(write: Write, body: str, check: dict[str, object]) -> Result:
    model = load_model(write("m.yaml", HEAD + body))
    province = model.provinces[0]
    return parse_check(check).evaluate(CheckContext(province, build_graph(province)))


Check = dict[str, object]


def _count(kind: str, low: int, high: int | None = None) -> Check:
    params: dict[str, object] = {"select": {"kind": kind}, "min": low}
    if high is not None:
        params["max"] = high
    return {"kind": "component-count", "params": params}


COUNT_DOC = _count("document-management", 1)
COUNT_LGSP = _count("integration-platform", 1)
AT_MOST_LGSP = _count("integration-platform", 0, 1)
LGSP_NDXP: Check = {"kind": "connection-required", "params": {"from": {"kind": "integration-platform"},
                                                              "to": {"kind": "national-integration-platform"}}}
LGSP_UNKNOWN = "  components:\n    - {id: qlvb, kind: document-management}\n" \
               "    - {id: lgsp, kind: integration-platform, status: unknown}\n"
ONLY_DOC = "  components:\n    - {id: qlvb, kind: document-management}\n"


def test_combination_table(write: Write) -> None:
    """pass / fail / cannot verify / not applicable through any, all and not."""
    passing, failing, unsure, vacuous = COUNT_DOC, COUNT_LGSP, LGSP_NDXP, AT_MOST_LGSP
    cases: list[tuple[str, dict[str, object], Verdict]] = [
        (ONLY_DOC, passing, Verdict.PASS),
        (ONLY_DOC, failing, Verdict.FAIL),
        (LGSP_UNKNOWN, unsure, Verdict.CANNOT_VERIFY),
        (ONLY_DOC, vacuous, Verdict.NOT_APPLICABLE),
        # any: a pass wins; then cannot verify; then fail; a vacuous branch is never a pass
        (ONLY_DOC, {"kind": "any", "params": {"checks": [failing, vacuous]}}, Verdict.FAIL),
        (ONLY_DOC, {"kind": "any", "params": {"checks": [vacuous, passing]}}, Verdict.PASS),
        (LGSP_UNKNOWN, {"kind": "any", "params": {"checks": [COUNT_LGSP, unsure]}}, Verdict.CANNOT_VERIFY),
        (ONLY_DOC, {"kind": "any", "params": {"checks": [vacuous, vacuous]}}, Verdict.NOT_APPLICABLE),
        # all: a fail wins; then cannot verify; then pass; not applicable only if every branch is
        (ONLY_DOC, {"kind": "all", "params": {"checks": [passing, vacuous]}}, Verdict.PASS),
        (ONLY_DOC, {"kind": "all", "params": {"checks": [passing, failing]}}, Verdict.FAIL),
        (LGSP_UNKNOWN, {"kind": "all", "params": {"checks": [passing, unsure]}}, Verdict.CANNOT_VERIFY),
        (ONLY_DOC, {"kind": "all", "params": {"checks": [vacuous, vacuous]}}, Verdict.NOT_APPLICABLE),
        # not: swaps pass and fail, keeps the other two
        (ONLY_DOC, {"kind": "not", "params": {"check": passing, "message": "m"}}, Verdict.FAIL),
        (ONLY_DOC, {"kind": "not", "params": {"check": failing, "message": "m"}}, Verdict.PASS),
        (LGSP_UNKNOWN, {"kind": "not", "params": {"check": unsure, "message": "m"}}, Verdict.CANNOT_VERIFY),
        (ONLY_DOC, {"kind": "not", "params": {"check": vacuous, "message": "m"}}, Verdict.NOT_APPLICABLE),
    ]
    got = [_verdict(write, body, check).verdict for body, check, _ in cases]
    assert got == [want for _, _, want in cases]


def test_result_of_violations() -> None:
    assert Result.of([]).verdict is Verdict.PASS
    assert Result.of([Violation("a", (), "cannot verify: x", unverifiable=True)]).verdict is Verdict.CANNOT_VERIFY
    assert Result.of([Violation("a", (), "x"), Violation("b", (), "y", unverifiable=True)]).verdict is Verdict.FAIL


def test_text_report_counts_outcomes_and_show_passed_lists_them(write: Write) -> None:
    model = write("m.yaml", HEAD + ONLY_DOC)
    result = CliRunner().invoke(main, ["validate", str(model), "--show-passed"])
    lines = result.output.splitlines()
    assert lines[3] == "  rules: 2 passed, 11 failed, 0 cannot verify, 8 not applicable; targets: 4 cannot verify"
    start = lines.index("  passed (2): DOC-001, VOC-001")
    assert lines[start + 1:start + 4] == [
        "  not applicable (8)",
        "    DVC-003: no public-service-portal in the model; no one-stop-shop in the model",
        "    DVC-004: no public-service-portal in the model; no one-stop-shop in the model"]
    assert "    INT-005: no integration-platform in the model" in lines[start + 2:start + 12]
    plain = CliRunner().invoke(main, ["validate", str(model)]).output.splitlines()
    assert not [line for line in plain if line.startswith("  passed (")]


def test_json_outcomes_carry_not_applicable_with_reason(write: Write) -> None:
    model = write("m.yaml", HEAD + ONLY_DOC)
    doc = json.loads(CliRunner().invoke(main, ["validate", str(model), "--format", "json"]).output)
    (int005,) = [o for o in doc["reports"][0]["outcomes"] if o["rule_id"] == "INT-005"]
    assert int005 == {"rule_id": "INT-005", "outcome": "not-applicable", "severity": "error",
                      "reason": "no integration-platform in the model"}
