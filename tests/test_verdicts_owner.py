"""The level that owns a system (issue 30, item 2): rules about the province count only what the province
owns; after the reform a district-owned system is an ADM-001 finding; ``operates`` only from a
public-service centre; the evaluation date, not the model's ``as_of``, decides which levels exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.check.engine import ProvinceReport
from archcheck.errors import SchemaError
from archcheck.findings import Outcome

Write = Callable[[str, str], Path]


def model(components: str, *, as_of: str = "2026-01-15", extra: str = "", header: str = "") -> str:
    return (f"archcheck: 2\nprovince:\n  name: Tỉnh Mẫu\n  as_of: {as_of}\n  framework: \"2.0\"\n{header}"
            f"  components:\n{components}{extra}")


def report(write: Write, text: str, as_of: dt.date | None = None) -> ProvinceReport:
    run = api.validate([write("m.yaml", text)], as_of=as_of)
    assert not run.errors, run.errors
    return run.reports[0]


def outcome(r: ProvinceReport, rule: str) -> Outcome:
    return next(o.outcome for o in r.outcomes if o.rule_id == rule)


def messages(r: ProvinceReport, rule: str) -> list[str]:
    return [f"{f.subject}: {f.text()}" for f in r.findings if f.rule_id == rule]


def test_a_district_portal_alone_does_not_pass_port_002(write: Write) -> None:
    r = report(write, model("    - {id: cong-huyen, kind: web-portal, owner_level: district}\n"))
    assert outcome(r, "PORT-002") is Outcome.FAILED
    assert messages(r, "PORT-002") == [
        "web-portal: no web-portal owned by the province in operation (cong-huyen belongs to the district)"]
    assert r.findings[[f.rule_id for f in r.findings].index("PORT-002")].path == ("province", "components", 0)


def test_a_district_portal_alone_does_not_pass_port_001(write: Write) -> None:
    r = report(write, model("    - {id: cong-huyen, kind: web-portal, owner_level: district}\n", as_of="2021-06-01"))
    assert outcome(r, "PORT-001") is Outcome.FAILED


def test_a_commune_centre_alone_does_not_pass_dvc_011(write: Write) -> None:
    r = report(write, model("    - {id: hcc-xa, kind: public-service-centre, owner_level: commune}\n"))
    assert outcome(r, "DVC-011") is Outcome.FAILED
    assert messages(r, "DVC-011") == [
        "public-service-centre: no public-service-centre owned by the province in operation (hcc-xa belongs "
        "to the commune)"]


@pytest.mark.parametrize("owner", ["", ", owner_level: province"])
def test_the_provinces_own_centre_passes_dvc_011(write: Write, owner: str) -> None:
    r = report(write, model(f"    - {{id: hcc, kind: public-service-centre{owner}}}\n"
                            "    - {id: hcc-xa, kind: public-service-centre, owner_level: commune}\n"
                            "    - {id: httt, kind: administrative-procedure-system}\n",
                            extra="  connections:\n    - {from: hcc, to: httt, kind: operates}\n"
                                  "    - {from: hcc-xa, to: httt, kind: operates}\n"))
    assert outcome(r, "DVC-011") is Outcome.PASSED


def test_a_centre_that_operates_no_system_does_not_pass_dvc_011(write: Write) -> None:
    r = report(write, model("    - {id: hcc, kind: public-service-centre}\n"
                            "    - {id: httt, kind: administrative-procedure-system}\n"))
    assert outcome(r, "DVC-011") is Outcome.FAILED
    assert messages(r, "DVC-011") == ["hcc: hcc has no operates connection to administrative-procedure-system or "
                                      "one-stop-shop"]


def test_a_district_system_does_not_count_against_one_per_province(write: Write) -> None:
    r = report(write, model("    - {id: lgsp, kind: integration-platform}\n"
                            "    - {id: lgsp-huyen, kind: integration-platform, owner_level: district}\n",
                            as_of="2024-01-01"))
    assert outcome(r, "INT-003") is Outcome.PASSED


def test_after_the_reform_a_district_owned_system_is_an_adm_001_finding(write: Write) -> None:
    r = report(write, model("    - {id: cong-huyen, kind: web-portal, owner_level: district}\n"))
    found = [f for f in r.findings if f.rule_id == "ADM-001"]
    assert [(f.subject, f.path, f.severity.value) for f in found] == [
        ("cong-huyen", ("province", "components", 0, "owner_level"), "error")]
    assert found[0].text().startswith("cong-huyen is owned by the district level (present), but from 2025-07-01")


def test_before_the_reform_a_district_owned_system_is_no_finding(write: Write) -> None:
    r = report(write, model("    - {id: cong-huyen, kind: web-portal, owner_level: district}\n", as_of="2024-01-01"))
    assert outcome(r, "ADM-001") is Outcome.NOT_IN_FORCE


def test_adm_001_cannot_verify_a_district_deployment_of_unknown_extent(write: Write) -> None:
    r = report(write, model("    - {id: motcua, kind: one-stop-shop, deployment: {district: {used: unknown}}}\n"
                            "    - {id: qlvb, kind: document-management, deployment: {district: {extent: none}}}\n"))
    found = [f for f in r.findings if f.rule_id == "ADM-001"]
    assert [(f.subject, f.unverifiable) for f in found] == [("motcua", True)]
    assert outcome(r, "ADM-001") is Outcome.CANNOT_VERIFY


def test_operates_starts_at_a_public_service_centre(write: Write) -> None:
    text = model("    - {id: dvc, kind: public-service-portal}\n    - {id: motcua, kind: one-stop-shop}\n",
                 extra="  connections:\n    - {from: dvc, to: motcua, kind: operates}\n")
    run = api.validate([write("m.yaml", text)])
    assert len(run.errors) == 1
    err = run.errors[0]
    assert isinstance(err, SchemaError)
    assert (err.line, err.column) == (10, 8)
    assert "an `operates` connection starts at a public-service centre, but 'dvc' is a public-service-portal" \
        in err.message


def test_operates_ends_at_a_provincial_system(write: Write) -> None:
    text = model("    - {id: hcc, kind: public-service-centre}\n",
                 extra="  national:\n    - {id: dvcqg, kind: national-public-service-portal}\n"
                       "  connections:\n    - {from: hcc, to: dvcqg, kind: operates}\n")
    run = api.validate([write("m.yaml", text)])
    assert len(run.errors) == 1
    assert "'dvcqg' is a national system" in run.errors[0].message


# -- the evaluation date decides the levels --------------------------------------------------------

THREE_TIER = """\
    - id: qlvb
      kind: document-management
      deployment: {department: {used: 20}, district: {used: 3}, commune: {used: 100}}
"""
UNITS = "  units: {department: {total: 20}, district: {total: 12}, commune: {total: 140}}\n"


@pytest.mark.parametrize("structure", ["", "  admin_structure: three-tier\n"])
def test_doc_004_evaluated_later_is_judged_as_a_model_of_that_date(write: Write, structure: str) -> None:
    early = report(write, model(THREE_TIER, as_of="2024-06-01", header=structure + UNITS), as_of=dt.date(2026, 1, 1))
    late = report(write, model(THREE_TIER, as_of="2026-01-01", header=structure + UNITS))
    kpi_early = next(k for k in early.kpis if k.rule_id == "DOC-004")
    kpi_late = next(k for k in late.kpis if k.rule_id == "DOC-004")
    assert (kpi_early.status, kpi_early.figure) == (kpi_late.status, kpi_late.figure)
    assert kpi_early.status.value == "met"  # the district part does not apply once there are no districts
    assert outcome(early, "DOC-004") == outcome(late, "DOC-004")
    assert messages(early, "ADM-001") == messages(late, "ADM-001")


# -- a unit's own system is evidence for the units of its level ------------------------------------

COVERED = """\
    - id: qlvb
      kind: document-management
      deployment: {department: {used: 20}, district: {used: 10}, commune: {used: 140}}
"""
UNITS_2020 = "  units: {department: {total: 20}, district: {total: 12}, commune: {total: 140}}\n"


def test_a_district_owned_system_is_evidence_for_the_remaining_districts(write: Write) -> None:
    alone = report(write, model(COVERED, as_of="2020-06-01", header=UNITS_2020))
    assert next(k for k in alone.kpis if k.rule_id == "DOC-004").state.value == "below"
    helped = report(write, model(COVERED + "    - {id: qlvb-dt, kind: document-management, owner_level: district}\n",
                                 as_of="2020-06-01", header=UNITS_2020))
    kpi = next(k for k in helped.kpis if k.rule_id == "DOC-004")
    assert kpi.state.value == "cannot-verify"
    assert str(kpi.figure) == "qlvb at department level: 20/20; qlvb at district level: 10/12; district-owned: qlvb-dt"


def test_a_district_owned_system_is_not_asked_to_serve_every_district(write: Write) -> None:
    r = report(write, model("    - {id: motcua, kind: one-stop-shop, deployment: {department: {used: 20}, "
                            "district: {used: 12}, commune: {used: 140}}}\n"
                            "    - {id: motcua-dt, kind: one-stop-shop, owner_level: district}\n",
                            as_of="2021-06-01", header=UNITS_2020))
    assert [f.subject for f in r.findings if f.rule_id == "DVC-008"] == []


def test_only_unit_owned_systems_at_a_level_cannot_verify_that_level(write: Write) -> None:
    r = report(write, model("    - {id: motcua-xa, kind: one-stop-shop, owner_level: commune}\n",
                            as_of="2021-06-01", header=UNITS_2020))
    found = [(f.subject, f.unverifiable, f.text()) for f in r.findings if f.rule_id == "DVC-008"]
    assert ("motcua-xa", True, "cannot verify: the model has no one-stop-shop of the province in operation; the "
            "commune-owned motcua-xa serve some commune units [source unconfirmed]") in found
