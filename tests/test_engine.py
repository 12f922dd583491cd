"""Engine behaviour: evaluation dates, rules in force, severity caps, internal errors, fingerprints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from archcheck import api
from archcheck.check import kinds
from archcheck.check.binding import RuleSet
from archcheck.check.engine import run_province
from archcheck.check.kinds import CheckContext
from archcheck.findings import Severity, Violation
from archcheck.law.frameworks import get_framework
from archcheck.read.loading import load_model
from archcheck.values import replace
from tests.conftest import MINIMAL, MODELS


def test_framework_issued_after_model_date_evaluates_at_issue_date() -> None:
    (report,) = api.validate([MODELS / "lamdong.yaml"], framework="2.0").reports
    assert report.evaluated_as_of == dt.date(2019, 12, 31)
    assert str(report.evaluation_note) == (
        "the framework's issue date, which is later than the model's as_of 2018-08-26; "
        "pass --as-of to evaluate at another date")


def test_explicit_as_of_is_honoured_even_before_the_framework() -> None:
    (report,) = api.validate([MODELS / "lamdong.yaml"], framework="2.0", as_of=dt.date(2018, 12, 31)).reports
    assert (report.evaluated_as_of, str(report.evaluation_note)) == (dt.date(2018, 12, 31), "--as-of")


def test_as_of_override_brings_later_rules_into_force() -> None:
    (report,) = api.validate([MODELS / "lamdong.yaml"], framework="2.0", as_of=dt.date(2022, 1, 1)).reports
    assert report.evaluated_as_of == dt.date(2022, 1, 1)
    assert report.rules_not_in_force == (
        ("ADM-001", dt.date(2025, 7, 1)), ("ARC-001", dt.date(2027, 1, 30)), ("ARC-002", dt.date(2026, 7, 1)),
        ("ARC-003", dt.date(2026, 6, 24)), ("DVC-010", dt.date(2025, 7, 1)), ("DVC-011", dt.date(2025, 7, 1)),
        ("DVC-012", dt.date(2026, 7, 20)), ("ID-002", dt.date(2024, 7, 1)), ("INT-010", dt.date(2027, 1, 1)),
        ("INT-011", dt.date(2025, 10, 22)), ("INT-012", dt.date(2025, 10, 22)), ("INT-013", dt.date(2025, 10, 22)),
        ("PORT-002", dt.date(2022, 8, 15)), ("PORT-003", dt.date(2026, 7, 1)), ("PORT-004", dt.date(2026, 7, 1)),
        ("SEC-005", dt.date(2026, 7, 1)), ("SEC-006", dt.date(2027, 1, 1)))
    assert "INT-002" in report.rules_in_force


def test_rule_not_charged_before_its_effective_date(write: Callable[[str, str], Path]) -> None:
    model = write("m.yaml", MINIMAL.replace("as_of: 2021-01-01", "as_of: 2018-09-05").replace('"2.0"', '"1.0"'))
    (report,) = api.validate([model]).reports
    assert ("DOC-001", dt.date(2018, 9, 6)) in report.rules_not_in_force
    assert "DOC-001" not in {f.rule_id for f in report.findings}


def test_lgsp_not_ready_caps_direct_connection_at_warning(write: Callable[[str, str], Path]) -> None:
    text = MINIMAL + """\
    - {id: motcua, kind: one-stop-shop}
    - {id: lgsp, kind: integration-platform, readiness: not-ready}
  national:
    - {id: dkdn, kind: national-business-database}
  connections:
    - {from: motcua, to: dkdn, kind: data-exchange}
"""
    (report,) = api.validate([write("m.yaml", text)]).reports
    (hub,) = [f for f in report.findings if f.rule_id == "INT-007"]
    line = hub.location.line if hub.location else 0
    assert (hub.severity, hub.subject, line) == (Severity.WARNING, "motcua->dkdn", 12)
    assert hub.text().endswith("tolerated while lgsp is declared not ready (TT 13/2017 exception)")
    assert hub.evidence.edge is not None and str(hub.evidence.edge) == "motcua -[data-exchange]-> dkdn"


def test_unconfirmed_rule_findings_say_so(write: Callable[[str, str], Path]) -> None:
    text = MINIMAL + "    - {id: a, kind: integration-platform}\n    - {id: b, kind: integration-platform}\n"
    (report,) = api.validate([write("m.yaml", text)]).reports
    (single,) = [f for f in report.findings if f.rule_id == "INT-003"]
    assert single.severity is Severity.WARNING
    assert single.text().endswith("[source unconfirmed]")



class _Broken:
    def evaluate(self, ctx: CheckContext) -> kinds.Result:
        raise ZeroDivisionError("division by zero")

    def run(self, ctx: CheckContext) -> Iterator[Violation]:
        raise ZeroDivisionError("division by zero")
        yield  # pragma: no cover

    def kinds_used(self) -> frozenset[str]:
        return frozenset()


def test_a_rule_that_raises_becomes_an_internal_finding_and_others_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    model = load_model(MODELS / "lamdong.yaml")
    rules = api.builtin_rules()
    broken = replace(rules["PORT-001"])
    monkeypatch.setitem(kinds._COMPILED, id(broken), (broken, _Broken()))
    fw = get_framework("1.0")
    rs = RuleSet(fw, tuple(b if b.rule.id != "PORT-001" else replace(b, rule=broken)
                           for b in api.rulesets()["1.0"].rules))
    report = run_province(model.provinces[0], rs, model.sourcemap)
    internal = [f for f in report.findings if f.rule_id == "PORT-001"]
    assert [(f.severity, f.text()) for f in internal] == [
        (Severity.ERROR, "internal error while running this rule: ZeroDivisionError: division by zero")]
    assert {f.rule_id for f in report.findings} >= {"SEC-001", "INT-001"}


def test_fingerprint_ignores_line_numbers(write: Callable[[str, str], Path]) -> None:
    a = api.validate([write("a.yaml", MINIMAL)]).findings()
    b = api.validate([write("b.yaml", "# a comment\n\n" + MINIMAL)]).findings()
    assert [f.fingerprint for f in a] == [f.fingerprint for f in b]
    assert [f.location.line for f in a if f.location] != [f.location.line for f in b if f.location]


def test_national_file_reports_each_province_under_its_own_name(write: Callable[[str, str], Path]) -> None:
    one = MINIMAL.split("province:\n", 1)[1]
    body = "provinces:\n" + "  - " + one.replace("\n  ", "\n    ").lstrip() + "  - " + one.replace(
        "Tỉnh Mẫu", "Tỉnh Khác").replace("\n  ", "\n    ").lstrip()
    run = api.validate([write("nation.yaml", body)])
    assert [r.province for r in run.reports] == ["Tỉnh Mẫu", "Tỉnh Khác"]
    assert {f.path[:2] for f in run.reports[1].findings} == {("provinces", 1)}


def test_partial_model_turns_silence_into_cannot_verify(write: Callable[[str, str], Path]) -> None:
    complete = api.validate([write("c.yaml", MINIMAL)], framework="2.0", as_of=dt.date(2021, 1, 1))
    partial = api.validate([write("p.yaml", MINIMAL.replace('  framework: "2.0"\n',
                                                            '  framework: "2.0"\n  completeness: partial\n'))],
                           framework="2.0", as_of=dt.date(2021, 1, 1))
    (c_soc,) = [f for f in complete.findings() if f.rule_id == "SEC-002"]
    (p_soc,) = [f for f in partial.findings() if f.rule_id == "SEC-002"]
    assert (c_soc.severity, c_soc.text()) == (Severity.WARNING, "no security-operations-centre in operation")
    assert (p_soc.severity, p_soc.text(), p_soc.unverifiable) == (
        Severity.INFO, "cannot verify (the model is partial): no security-operations-centre in operation", True)


def test_partial_model_keeps_violations_of_stated_facts(write: Callable[[str, str], Path]) -> None:
    text = MINIMAL.replace('  framework: "2.0"\n', '  framework: "2.0"\n  completeness: partial\n') + """\
  national:
    - {id: axis, kind: national-document-axis}
  connections:
    - {from: qlvb, to: axis, kind: document-exchange, status: absent}
"""
    (doc,) = [f for f in api.validate([write("p.yaml", text)]).findings() if f.rule_id == "DOC-002"]
    assert doc.severity is Severity.ERROR
    assert doc.text().endswith("(qlvb → axis is absent)")


def test_recommendation_gives_way_to_binding_successor_once_in_force() -> None:
    before = api.validate([MODELS / "lamdong.yaml"], framework="2.0").reports[0]
    after = api.validate([MODELS / "lamdong.yaml"], framework="2.0", as_of=dt.date(2021, 1, 1)).reports[0]
    assert "INT-001" in before.rules_in_force
    assert ("INT-001", "INT-002") not in before.rules_superseded
    assert "INT-001" not in after.rules_in_force
    assert after.rules_superseded == (("INT-001", "INT-002"), ("INT-004", "INT-005"), ("INT-006", "INT-007"))


def test_select_uses_the_kind_index_sorted_by_id_with_side_and_status() -> None:
    from archcheck.check.graph import build_graph  # noqa: PLC0415
    from archcheck.check.kinds.base import Selector  # noqa: PLC0415
    from archcheck.model import Status  # noqa: PLC0415

    (province,) = load_model(MODELS / "danang.yaml").provinces
    ctx = CheckContext(province, build_graph(province))
    kinds = sorted({c.kind for c in province.components})
    for kind in kinds:
        for side in (None, True, False):
            sel = Selector(frozenset({kind, kinds[0]}), side)
            expected = sorted((c for c in province.components if sel.matches(c)), key=lambda c: c.id)
            assert ctx.select(sel) == expected
            assert ctx.select(sel, statuses=frozenset({Status.PRESENT})) == [
                c for c in expected if c.status is Status.PRESENT]
    for comp in province.components:
        assert ctx.outgoing(comp.id) == [c for c in province.connections if c.source == comp.id]


def test_validate_pauses_the_cycle_collector_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc  # noqa: PLC0415

    seen: list[bool] = []
    real = api._validate

    def spy(*args: Any, **kwargs: Any) -> api.ValidationRun:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "_validate", spy)
    was = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            api.validate([MODELS / "lamdong.yaml"])
            assert gc.isenabled() is state  # as it was before the call
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False]  # paused during the call either way
