"""Evidence that names what was checked (issue 30, item 8): chains only on the route asked about, "reaches
only most" instead of "broken", a national kind under ``components:`` told to move, counts said as counts,
one line per distinct finding, and ``diff models`` seeing every model field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from archcheck import api
from archcheck.check.graph import build_graph
from archcheck.check.kinds import CheckContext, Verdict, parse_check
from archcheck.findings import Finding
from archcheck.read.loading import load_model

Write = Callable[[str, str], Path]

HEAD = "archcheck: 2\nprovince:\n  name: Tỉnh Mẫu\n  as_of: 2022-06-01\n  framework: \"2.0\"\n"


def findings(write: Write, body: str, rule: str) -> list[Finding]:
    run = api.validate([write("m.yaml", HEAD + body)])
    assert not run.errors, run.errors
    return [f for f in run.reports[0].findings if f.rule_id == rule]


def test_int_008_shows_no_chain_that_leads_elsewhere(write: Write) -> None:
    (f,) = findings(write, """\
  components:
    - {id: motcua, kind: one-stop-shop}
    - {id: cong-tthc, kind: public-service-portal}
    - {id: lgsp, kind: integration-platform}
  national:
    - {id: dan-cu, kind: national-population-database}
  connections:
    - {from: motcua, to: cong-tthc, kind: data-exchange}
""", "INT-008")
    assert f.evidence.chain == ("motcua",)
    assert f.text() == ("motcua does not reach national-population-database through integration-platform over "
                         "data-exchange connections: never reaches a integration-platform")


def test_a_direct_route_that_bypasses_the_hub_is_the_chain_shown(write: Write) -> None:
    (f,) = findings(write, """\
  components:
    - {id: motcua, kind: one-stop-shop}
    - {id: lgsp, kind: integration-platform}
  national:
    - {id: dan-cu, kind: national-population-database}
  connections:
    - {from: motcua, to: dan-cu, kind: data-exchange}
""", "INT-008")
    assert (f.evidence.chain, f.evidence.broken_at) == (("motcua", "dan-cu"), None)
    assert f.text().endswith("bypasses integration-platform: reaches dan-cu directly")


def test_reach_most_is_not_a_broken_chain(write: Write) -> None:
    (f,) = findings(write, """\
  components:
    - {id: qlvb, kind: document-management}
  national:
    - {id: truc, kind: national-document-axis}
  connections:
    - {from: qlvb, to: truc, kind: document-exchange, reach: {extent: most}}
""", "DOC-002")
    assert f.unverifiable
    assert f.evidence.broken_at is None
    assert f.evidence.chain == ("qlvb", "truc")
    assert "which reaches only most" in f.text()


def test_a_national_kind_under_components_is_told_to_move(write: Write) -> None:
    (f,) = findings(write, "  components:\n    - {id: truc, kind: national-document-axis}\n", "VOC-001")
    assert f.text() == "truc: kind 'national-document-axis' is a national system: declare it under `national:`"
    assert f.path == ("province", "components", 0, "kind")


def test_a_count_below_the_minimum_is_said_as_a_count(write: Write) -> None:
    model = load_model(write("m.yaml", HEAD + "  components:\n"
                             "    - {id: mail, kind: official-email}\n"
                             "    - {id: mail-huyen, kind: official-email, owner_level: district}\n"))
    (p,) = model.provinces
    check = parse_check({"kind": "component-count", "params": {"select": {"kind": "official-email"}, "min": 3}})
    result = check.evaluate(CheckContext(p, build_graph(p)))
    assert result.verdict is Verdict.FAIL
    (v,) = result.violations
    assert str(v.message) == ("only 1 of at least 3 official-email owned by the province in operation (mail) "
                         "(mail-huyen belongs to the district)")
    assert (str(v.evidence.expected), str(v.evidence.actual)) == (
        "at least 3 official-email owned by the province", "1 present; mail-huyen belongs to the district")


def test_one_line_per_distinct_finding(write: Write) -> None:
    found = findings(write, "  components:\n    - {id: motcua, kind: one-stop-shop, status: unknown}\n", "DVC-008")
    assert [(f.subject, f.text()) for f in found] == [
        ("motcua", "cannot verify: whether motcua (one-stop-shop) is in operation is unknown [source unconfirmed]")]


BEFORE = HEAD + """\
  admin_structure: three-tier
  components:
    - {id: qlvb, kind: document-management}
    - {id: lgsp, kind: integration-platform}
    - {id: cong, kind: web-portal}
  national:
    - {id: truc, kind: national-document-axis}
  connections:
    - {from: qlvb, to: truc, kind: document-exchange, via: lgsp}
"""


def test_diff_models_sees_via_reach_owner_and_structure(write: Write) -> None:
    after = (BEFORE.replace("via: lgsp}", "via: unknown, reach: {extent: most}}")
             .replace("{id: cong, kind: web-portal}", "{id: cong, kind: web-portal, owner_level: district}")
             .replace("admin_structure: three-tier",
                      "admin_structure: {from: three-tier, to: two-tier, on: 2025-07-01}"))
    old, new = write("old.yaml", BEFORE), write("new.yaml", after)
    diff = api.diff_models(old, new)
    (p,) = diff.provinces
    got = {(s.what.value, s.subject, s.detail, s.old, s.new) for s in p.structural}
    assert ("connection-changed", "qlvb->truc [document-exchange]", "via", "lgsp", "unknown") in got
    assert ("connection-changed", "qlvb->truc [document-exchange]", "reach", "all (not stated)", "most") in got
    assert ("owner-changed", "cong", "owner_level", "province (not stated)", "district") in got
    assert ("structure-changed", "province", "admin_structure", "three-tier",
            "three-tier, two-tier from 2025-07-01") in got
