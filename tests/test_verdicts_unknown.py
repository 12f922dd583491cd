"""Unknown is never absent and never a fact (issue 30, item 5), derived for every rule from its own
examples: the components a rule is about, set to ``status: unknown``, make it "cannot verify", never
"not applicable" (as if they were absent), never a violation (as if the unknown were a fact) and never a
pass, except where the exemption below says why a pass is right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.check.graph import build_graph
from archcheck.check.kinds import CheckContext, Result, Verdict, compiled
from archcheck.findings import Outcome
from archcheck.law.rules import Rule
from archcheck.model import UNKNOWN, Province, Status
from archcheck.read.loading import model_from_document
from archcheck.values import replace

Write = Callable[[str, str], Path]

PASS_IS_RIGHT: dict[tuple[str, str], str] = {
    ("INT-006", "through the LGSP"): "the rule forbids a stated direct route; a route stated through the hub is "
                                     "not direct, whatever the status of the systems it joins",
    ("INT-007", "through the LGSP"): "as INT-006",
    ("INT-012", "LDOP to NDOP through the Agent Node"): "as INT-006: the route to NDOP is stated through the Agent "
                                                        "Node, so it is not a direct one, known or not",
}
"""(rule, example) whose pass stays a pass with its systems unknown, and why."""

FAIL_IS_RIGHT: dict[tuple[str, str], str] = {
    ("DVC-011", "only a commune's centre"): "a commune's centre is not the province's, known or not: the rule "
                                           "fails on the province's centre, which the model does not have",
}
"""(rule, example) whose fail stays a fail with its systems unknown (on no fact about them), and why."""


def _unknown(rule: Rule) -> list[tuple[str, str, Province, tuple[str, ...], dt.date]]:
    """Each example of ``rule`` (in force on its date) with the components the rule names made unknown."""
    kinds = compiled(rule).kinds_used()
    out = []
    for ex in rule.examples:
        model = model_from_document(ex.document)
        for p in model.provinces:
            date = ex.as_of or p.as_of
            changed = tuple(c.id for c in p.components
                            if c.kind in kinds and not c.national and c.status is Status.PRESENT)
            if not changed or not rule.in_force_on(date):
                continue
            q = replace(p, components=tuple(replace(c, status=Status.UNKNOWN) if c.id in changed else c
                                            for c in p.components))
            out.append((rule.id, ex.name, q, changed, date))
    return out


CASES = [case for rule in api.builtin_rules().values() for case in _unknown(rule)]


def test_every_rule_about_components_has_a_derived_case() -> None:
    derived = {rid for rid, *_ in CASES}
    about_components = {r.id for r in api.builtin_rules().values() if compiled(r).kinds_used()}
    assert derived == about_components


@pytest.mark.parametrize(("rule_id", "example", "province", "changed", "date"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_a_system_of_unknown_status_gives_cannot_verify(rule_id: str, example: str, province: Province,
                                                        changed: tuple[str, ...], date: dt.date) -> None:
    rule = api.builtin_rules()[rule_id]
    result: Result = compiled(rule).evaluate(CheckContext(province, build_graph(province), date=date))
    facts = [v.message for v in result.violations if not v.unverifiable and v.subject in changed]
    assert facts == [], "an unknown status read as a fact"
    assert result.verdict is not Verdict.NOT_APPLICABLE, f"unknown read as absent: {result.reason}"
    if (rule_id, example) in PASS_IS_RIGHT:
        assert result.verdict is Verdict.PASS
    elif (rule_id, example) in FAIL_IS_RIGHT:
        assert result.verdict is Verdict.FAIL
    else:
        assert result.verdict is Verdict.CANNOT_VERIFY


def test_int_003_on_an_lgsp_of_unknown_status_is_cannot_verify(write: Write) -> None:
    model = write("m.yaml", "archcheck: 2\nprovince:\n  name: Tỉnh Mẫu\n  as_of: 2021-06-01\n  framework: \"2.0\"\n"
                            "  components:\n    - {id: lgsp, kind: integration-platform, status: unknown}\n")
    r = api.validate([model]).reports[0]
    assert next(o.outcome for o in r.outcomes if o.rule_id == "INT-003") is Outcome.CANNOT_VERIFY
    (f,) = [f for f in r.findings if f.rule_id == "INT-003"]
    assert (f.subject, f.unverifiable, f.path) == ("lgsp", True, ("province", "components", 0))


def _unknown_units(rule: Rule) -> list[tuple[str, str, Province, dt.date]]:
    """Each example of a rule that reads unit counts, with every unit total made unknown."""
    out = []
    for ex in rule.examples:
        for p in model_from_document(ex.document).provinces:
            date = ex.as_of or p.as_of
            if p.units and rule.in_force_on(date):
                q = replace(p, units={k: replace(u, total=UNKNOWN) for k, u in p.units.items()})
                out.append((rule.id, ex.name, q, date))
    return out


UNIT_CASES = [case for rule in api.builtin_rules().values() if "unit.total" in compiled(rule).fields_read()
              for case in _unknown_units(rule)]

UNIT_FACTS_STAND: dict[str, str] = {
    "ADM-001": "declaring district units is the fact the rule reads after the reform, whatever their number",
}


@pytest.mark.parametrize(("rule_id", "example", "province", "date"), UNIT_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in UNIT_CASES])
def test_a_unit_count_of_unknown_size_is_never_read_as_a_fact(rule_id: str, example: str, province: Province,
                                                             date: dt.date) -> None:
    rule = api.builtin_rules()[rule_id]
    result = compiled(rule).evaluate(CheckContext(province, build_graph(province), date=date))
    facts = [v.message for v in result.violations if not v.unverifiable and not v.from_absence]
    if rule_id in UNIT_FACTS_STAND:
        return
    assert facts == [], "a unit count of unknown size read as a fact"
