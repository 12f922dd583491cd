"""Extent, not only counts: coverage and connections that reach all, most, some or none of their
units (with the source's phrase); ``via: unknown``; parts never exceed totals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.check.engine import ProvinceReport
from archcheck.check.graph import build_graph
from archcheck.check.kinds import CheckContext, Verdict, parse_check
from archcheck.errors import SchemaError
from archcheck.findings import Outcome, Severity
from archcheck.read.loading import load_model
from tests.conftest import checked

Write = Callable[[str, str], Path]

HEAD = """\
province:
  name: Tỉnh Mẫu
  as_of: 2021-01-01
  framework: "2.0"
"""


def _report(write: Write, body: str, **kw: object) -> ProvinceReport:
    (report,) = checked(api.validate([write("m.yaml", HEAD + body)], **kw)).reports  # type: ignore[arg-type]
    return report


def _outcome(report: ProvinceReport, rule_id: str) -> Outcome:
    (o,) = [o for o in report.outcomes if o.rule_id == rule_id]
    return o.outcome


def _findings(report: ProvinceReport, rule_id: str) -> list[tuple[str, int, Severity, str]]:
    return [(f.subject, f.location.line if f.location else 0, f.severity, f.text())
            for f in report.findings if f.rule_id == rule_id]


AXIS = """\
  components:
    - {id: qlvb, kind: document-management}
  national:
    - {id: axis, kind: national-document-axis}
  connections:
    - {from: qlvb, to: axis, kind: document-exchange, reach: REACH}
"""


def test_most_connected_to_the_national_axis_cannot_verify_not_a_pass(write: Write) -> None:
    report = _report(write, AXIS.replace("REACH", '{extent: most, phrase: "phần lớn các cơ quan"}'))
    assert _outcome(report, "DOC-002") is Outcome.CANNOT_VERIFY
    assert _findings(report, "DOC-002") == [
        ("qlvb", 6, Severity.INFO, "cannot verify the remainder: qlvb reaches national-document-axis only over "
                                   'qlvb → axis, which reaches only most ("phần lớn các cơ quan")')]


def test_a_connection_reaching_all_passes_and_none_fails(write: Write) -> None:
    assert _outcome(_report(write, AXIS.replace("REACH", "{extent: all}")), "DOC-002") is Outcome.PASSED
    assert _outcome(_report(write, AXIS.replace("REACH", "{used: 21, total: 21}")), "DOC-002") is Outcome.PASSED
    assert _outcome(_report(write, AXIS.replace("REACH", "{extent: none}")), "DOC-002") is Outcome.FAILED
    assert _outcome(_report(write, AXIS.replace("REACH", "{used: 15, total: 21}")), "DOC-002") \
        is Outcome.CANNOT_VERIFY


def test_reach_part_above_its_total_is_a_located_input_error(write: Write) -> None:
    with pytest.raises(SchemaError) as exc:
        _report(write, AXIS.replace("REACH", "{used: 22, total: 21}"))
    assert (exc.value.line, exc.value.column) == (10, 63)
    assert "used 22 is more than total 21" in exc.value.message


ROUTE = """\
  components:
    - {id: motcua, kind: one-stop-shop}
    - {id: csdl, kind: shared-database}
    - {id: lgsp, kind: integration-platform}
  connections:
    - {from: motcua, to: csdl, kind: data-exchange, via: VIA}
"""


@pytest.mark.parametrize(("date", "rule_id"), [("2018-01-01", "INT-006"), ("2021-01-01", "INT-007")])
def test_unknown_route_gives_no_point_to_point_warning_or_error(write: Write, date: str, rule_id: str) -> None:
    head = HEAD.replace("2021-01-01", date).replace('"2.0"', '"1.0"' if date < "2019" else '"2.0"')
    (report,) = api.validate([write("m.yaml", head + ROUTE.replace("VIA", "unknown"))]).reports
    assert _outcome(report, rule_id) is Outcome.CANNOT_VERIFY
    assert _findings(report, rule_id) == [
        ("motcua->csdl", 10, Severity.INFO, "cannot verify: whether the data-exchange connection motcua → csdl "
                                           "passes through integration-platform is unknown (via: unknown)")]


def test_known_route_still_passes_and_a_direct_one_still_fails(write: Write) -> None:
    assert _outcome(_report(write, ROUTE.replace("VIA", "lgsp")), "INT-007") is Outcome.PASSED
    direct = ROUTE.replace(", via: VIA", "")
    assert _outcome(_report(write, direct), "INT-007") is Outcome.FAILED


def _coverage(write: Write, deployment: str, check: dict[str, object]) -> tuple[Verdict, list[str]]:
    text = HEAD + "  components:\n    - id: motcua\n      kind: one-stop-shop\n      deployment:\n" + deployment
    province = load_model(write("m.yaml", text)).provinces[0]
    result = parse_check(check).evaluate(CheckContext(province, build_graph(province)))
    return result.verdict, [str(v.message) for v in result.violations]


def _cov(level: str, **params: object) -> dict[str, object]:
    return {"kind": "coverage", "params": {"select": {"kind": "one-stop-shop"}, "level": level, **params}}


EACH_LEVEL = """\
        department: {extent: some, phrase: "triển khai ở 3 cấp"}
        district: {extent: some, phrase: "triển khai ở 3 cấp"}
        commune: {extent: some, phrase: "triển khai ở 3 cấp"}
"""


def test_deployed_at_each_level_without_counts_passes_presence_per_level(write: Write) -> None:
    for level in ("department", "district", "commune"):
        assert _coverage(write, EACH_LEVEL, _cov(level, presence=True)) == (Verdict.PASS, [])


def test_some_or_most_never_passes_a_full_coverage_obligation(write: Write) -> None:
    verdict, messages = _coverage(write, EACH_LEVEL, _cov("district", min_percent=100))
    assert verdict is Verdict.CANNOT_VERIFY
    assert messages == ['cannot verify the remainder: the source gives district coverage of motcua only as '
                        'some ("triển khai ở 3 cấp"); at least 100% of district units required']
    most = '        district: {extent: most, phrase: "đa số"}\n'
    assert _coverage(write, most, _cov("district", min_percent=100))[0] is Verdict.CANNOT_VERIFY
    assert _coverage(write, most, _cov("district", min_percent=50)) == (Verdict.PASS, [])


def test_extent_words_all_and_none_decide(write: Write) -> None:
    assert _coverage(write, "        district: {extent: all}\n", _cov("district", min_percent=100)) == (
        Verdict.PASS, [])
    assert _coverage(write, "        district: {extent: none}\n", _cov("district", min_percent=100)) == (
        Verdict.FAIL, ["motcua is used by none of the district units; at least 100% of district units required"])
    assert _coverage(write, "        district: {extent: none}\n", _cov("district", presence=True))[0] \
        is Verdict.FAIL
    assert _coverage(write, "        district: {extent: unknown}\n", _cov("district", presence=True))[0] \
        is Verdict.CANNOT_VERIFY
