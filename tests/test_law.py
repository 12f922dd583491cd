"""The law over time: rule lifetimes, law by date whatever the declared framework, frameworks 3.0 and 4.0."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.check.engine import ProvinceReport
from archcheck.errors import RuleDefinitionError
from archcheck.findings import KpiStatus, Outcome, Severity
from archcheck.law.frameworks import get_framework
from archcheck.law.rules import Binding, load_rule_file
from tests.conftest import ROOT
from tests.test_cli import run

Write = Callable[[str, str], Path]

MODEL_2021_V1 = """\
province:
  name: Tỉnh Mẫu
  as_of: 2021-12-31
  framework: "1.0"
  components:
    - {id: cong, kind: web-portal, attributes: {security_level: 2}}
    - {id: qlvb, kind: document-management, attributes: {security_level: 2}}
    - {id: cks, kind: digital-signature}
    - {id: motcua, kind: one-stop-shop, attributes: {security_level: 3}}
    - {id: dvc, kind: public-service-portal, attributes: {security_level: 3}}
    - {id: lgsp, kind: integration-platform, attributes: {security_level: 3}}
    - {id: danhmuc, kind: shared-catalogue}
    - {id: ttdl, kind: data-centre}
    - {id: mang, kind: specialised-data-network}
  national:
    - {id: truc, kind: national-document-axis}
    - {id: ngsp, kind: national-integration-platform}
    - {id: dvcqg, kind: national-public-service-portal}
  connections:
    - {from: qlvb, to: truc, kind: document-exchange}
    - {from: dvc, to: motcua, kind: synchronisation}
    - {from: lgsp, to: ngsp, kind: data-exchange}
"""

MODEL_2026_MERGED = """\
province:
  name: Tỉnh Mẫu
  as_of: 2026-01-15
  framework: "4.0"
  admin_structure: two-tier
  components:
    - {id: cong, kind: web-portal, attributes: {security_level: 2}}
    - {id: qlvb, kind: document-management, attributes: {security_level: 2}}
    - {id: cks, kind: digital-signature}
    - {id: httt, kind: administrative-procedure-system, attributes: {security_level: 3},
       deployment: {commune: {extent: all}}}
    - {id: lgsp, kind: integration-platform, attributes: {security_level: 3}}
    - {id: danhmuc, kind: shared-catalogue, attributes: {security_level: 1}}
    - {id: ttdl, kind: data-centre}
    - {id: mang, kind: specialised-data-network}
  national:
    - {id: truc, kind: national-document-axis}
    - {id: ndxp, kind: national-integration-platform}
    - {id: dvcqg, kind: national-public-service-portal}
    - {id: vneid, kind: national-identity-system}
    - {id: dancu, kind: national-population-database}
  connections:
    - {from: qlvb, to: truc, kind: document-exchange}
    - {from: httt, to: dvcqg, kind: synchronisation, via: lgsp}
    - {from: httt, to: vneid, kind: authentication}
    - {from: httt, to: dancu, kind: data-exchange, via: lgsp}
    - {from: httt, to: dvcqg, kind: payment}
    - {from: lgsp, to: ndxp, kind: data-exchange}
"""

# Binding law 1.0 does not list, in force on 2021-12-31.
LAW_NOT_IN_1_0 = {"DVC-003", "DVC-005", "DVC-006", "DVC-008", "ID-001", "INT-003", "INT-008"}


def _found(report: ProvinceReport, rule_ids: set[str]) -> list[tuple[str, str, int, Severity]]:
    return [(f.rule_id, f.subject, f.location.line if f.location else 0, f.severity)
            for f in report.findings if f.rule_id in rule_ids]


def test_a_2021_model_declaring_1_0_is_held_to_the_law_of_2021(write: Write) -> None:
    (report,) = api.validate([write("m.yaml", MODEL_2021_V1)]).reports
    assert report.framework.id == "1.0"
    assert report.evaluated_as_of == dt.date(2021, 12, 31)
    assert set(report.rules_in_force) >= LAW_NOT_IN_1_0
    assert sorted(_found(report, LAW_NOT_IN_1_0)) == [
        ("DVC-005", "dvc", 10, Severity.ERROR),
        ("DVC-005", "motcua", 9, Severity.ERROR),
        ("DVC-006", "dvc", 10, Severity.WARNING),
        ("DVC-006", "motcua", 9, Severity.WARNING),
        ("DVC-008", "motcua", 9, Severity.WARNING),
        ("DVC-008", "motcua", 9, Severity.WARNING),
        ("DVC-008", "motcua", 9, Severity.WARNING),
        ("ID-001", "dvc", 10, Severity.WARNING),
        ("ID-001", "motcua", 9, Severity.WARNING),
        ("INT-008", "motcua", 9, Severity.WARNING),
    ]
    # The SOC rules are recommendations (a directive and a letter): only the versions that list them apply them.
    assert not {"SEC-002", "SEC-003", "SEC-004"} & {o.rule_id for o in report.outcomes}
    (v2,) = api.validate([write("m.yaml", MODEL_2021_V1)], framework="2.0").reports
    assert {"SEC-002", "SEC-003", "SEC-004"} <= set(v2.rules_in_force)


def test_law_rules_apply_under_every_version_at_their_own_severity_where_unlisted() -> None:
    rules = api.builtin_rules()
    for fw in api.frameworks():
        bound = {b.rule.id: b for b in api.rulesets()[fw.id].rules}
        for rid, rule in rules.items():
            if rule.binding is Binding.LAW:
                assert rid in bound, (fw.id, rid)
                if rid not in fw.rules:
                    assert (bound[rid].listed, bound[rid].severity) == (False, rule.default_severity)
            else:
                assert (rid in bound) == (rid in fw.rules), (fw.id, rid)


def test_an_ended_rule_is_reported_ended_with_its_reason(write: Write) -> None:
    model = write("m.yaml", MODEL_2021_V1.replace("2021-12-31", "2023-01-01"))
    (report,) = api.validate([model]).reports
    outcome = {o.rule_id: o for o in report.outcomes}
    assert (outcome["PORT-001"].outcome, str(outcome["PORT-001"].reason)) == (
        Outcome.ENDED, "ended 2022-08-15 by NĐ 42/2022/NĐ-CP [source unconfirmed], replaced by PORT-002 "
        "(NĐ 42/2022's web-portal obligation)")
    assert outcome["PORT-002"].outcome is Outcome.PASSED
    assert ("PORT-001", str(outcome["PORT-001"].reason)) in [(rid, str(why)) for rid, why in report.rules_ended]
    assert "PORT-001" not in report.rules_in_force


def test_the_day_before_the_end_the_rule_still_applies(write: Write) -> None:
    model = write("m.yaml", MODEL_2021_V1.replace("2021-12-31", "2022-08-14"))
    (report,) = api.validate([model]).reports
    assert "PORT-001" in report.rules_in_force
    assert ("PORT-002", dt.date(2022, 8, 15)) in report.rules_not_in_force


def test_ended_rules_are_listed_in_the_text_report(write: Write) -> None:
    model = write("m.yaml", MODEL_2021_V1.replace("2021-12-31", "2024-07-01"))
    code, out, _ = run("validate", str(model))
    assert code == 1
    line = next(ln for ln in out.splitlines() if ln.startswith("  no longer in force on 2024-07-01: "))
    assert "ID-001 (ended 2024-07-01 by NĐ 69/2024/NĐ-CP, replaced by VNeID login (ID-002))" in line
    assert "PORT-001 (ended 2022-08-15 by NĐ 42/2022/NĐ-CP [source unconfirmed]" in line


def test_until_must_follow_the_effective_date(write: Write) -> None:
    text = (ROOT / "rules" / "PORT-001.yaml").read_text("utf-8").replace("until: 2022-08-15", "until: 2011-10-01")
    with pytest.raises(RuleDefinitionError) as err:
        load_rule_file(write("PORT-001.yaml", text), "PORT-001.yaml")
    assert str(err.value).startswith("PORT-001.yaml:")
    assert "until 2011-10-01 is not after the rule's effective date 2011-10-01" in str(err.value)


def test_until_needs_the_document_that_ended_it(write: Write) -> None:
    text = (ROOT / "rules" / "PORT-003.yaml").read_text("utf-8").replace(
        "\nrationale:", "\nuntil: 2030-01-01\nrationale:", 1)
    with pytest.raises(RuleDefinitionError) as err:
        load_rule_file(write("PORT-003.yaml", text), "PORT-003.yaml")
    assert "ended_by" in str(err.value)


def test_rules_show_gives_the_lifetime() -> None:
    code, out, _ = run("rules", "show", "ID-001")
    assert code == 0
    assert ("lifetime: from 2020-05-22, ended 2024-07-01 by NĐ 69/2024/NĐ-CP, replaced by VNeID login (ID-002)"
            in out)
    assert "binding: law" in out


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_rules_list_for_the_new_frameworks(version: str) -> None:
    code, out, _ = run("rules", "list", "--framework", version)
    assert code == 0
    assert out.splitlines()[-1] == f"{len(api.list_rules(version))} rules in framework {version}"
    assert "PORT-001  error    2011-10-01 → 2022-08-15" in out


def test_what_3_0_and_4_0_change() -> None:
    v2, v3, v4 = (get_framework(v) for v in ("2.0", "3.0", "4.0"))
    assert (v3.document, v3.issued, v3.chain) == ("QĐ 2568/QĐ-BTTTT", dt.date(2023, 12, 29), ("3.0", "2.0", "1.0"))
    assert (v4.document, v4.issued, v4.chain) == ("QĐ 292/QĐ-BKHCN", dt.date(2025, 3, 25),
                                                  ("4.0", "3.0", "2.0", "1.0"))
    added = {k: v.national for k, v in v3.kinds.items() if k not in v2.kinds}
    assert added == {
        "administrative-procedure-system": False,
        "national-aggregated-data-store": True,
        "national-data-center": True,
        "national-identity-platform": True,
        "national-identity-system": True,
        "national-people-data-store": True,
    }
    assert set(v2.kinds) <= set(v3.kinds)
    assert {k: v.national for k, v in v4.kinds.items() if k not in v3.kinds} == {
        "national-data-coordination-platform": True}
    assert set(v3.kinds) <= set(v4.kinds)
    assert dict(v3.rules) == dict(v2.rules)
    assert dict(v4.rules) == {**v3.rules, "INF-003": "default"}  # QĐ 33/2025's network, listed from 4.0 (law 2026)
    assert v4.title_vi == "Khung kiến trúc Chính phủ số Việt Nam, phiên bản 4.0"


def test_an_unknown_framework_model_dated_2026_is_checked_against_the_latest_issued(write: Write) -> None:
    text = MODEL_2021_V1.replace("2021-12-31", "2025-10-07").replace('"1.0"', "unknown")
    (report,) = api.validate([write("m.yaml", text)]).reports
    assert report.framework.id == "4.0"
    assert str(report.evaluation_note) == ("the model's as_of; the model does not say which framework it follows; "
                                      "checked against 4.0, the latest issued by 2025-10-07")
    # QĐ 3090/QĐ-BKHCN from 2025-10-08, QĐ 1425/QĐ-TTg from 2026-07-29: the day before and the day of each
    for date, expected in (("2025-10-08", "3090"), ("2026-07-28", "3090"), ("2026-07-29", "1425")):
        (report,) = api.validate([write("m.yaml", text.replace("2025-10-07", date))]).reports
        assert report.framework.id == expected, date


def test_every_ended_rule_cites_a_checked_address() -> None:
    for rule in api.builtin_rules().values():
        if rule.binding is Binding.LAW and rule.until is not None:
            assert rule.ended_by is not None
            assert "http" in (rule.ended_by.note or "") + (rule.citation.note or ""), rule.id


def test_a_2026_two_tier_model_with_the_merged_system_gets_no_portal_or_one_stop_error(write: Write) -> None:
    (report,) = api.validate([write("m.yaml", MODEL_2026_MERGED)]).reports
    assert [(f.rule_id, f.subject, f.location.line if f.location else 0, f.severity) for f in report.findings] == [
        ("DVC-011", "public-service-centre", 6, Severity.WARNING),
        ("SEC-002", "security-operations-centre", 6, Severity.WARNING),
        ("SEC-004", "cong", 7, Severity.WARNING),
        ("SEC-004", "qlvb", 8, Severity.WARNING),
        ("SEC-004", "httt", 10, Severity.WARNING),
        ("SEC-004", "lgsp", 12, Severity.WARNING),
        ("SEC-004", "danhmuc", 13, Severity.WARNING),
    ]
    # the QĐ 626 coverage aims are KPIs, reported in their own section
    assert [(k.rule_id, k.status) for k in report.kpis] == [("DOC-004", KpiStatus.UNKNOWN),
                                                            ("DOC-005", KpiStatus.UNKNOWN),
                                                            ("DVC-013", KpiStatus.UNKNOWN)]
    outcome = {o.rule_id: o for o in report.outcomes}
    ended = "ended 2025-07-01 by NĐ 118/2025/NĐ-CP, replaced by the provincial administrative-procedure " \
            "information system rules (DVC-010)"
    for rid in ("DVC-001", "DVC-002", "DVC-003", "DVC-004", "DVC-008"):
        assert (outcome[rid].outcome, str(outcome[rid].reason)) == (Outcome.ENDED, ended)
    for rid in ("DVC-010", "DVC-005", "ID-002", "PORT-002", "INT-011", "INT-013"):
        assert outcome[rid].outcome is Outcome.PASSED, rid
    # NĐ 61/2018 ended on 2025-07-01, NĐ 47/2020 on 2025-10-22: their rules are ended, never charged
    for rid, until in (("INT-008", "2025-07-01"), ("INT-002", "2025-10-22"), ("INT-005", "2025-10-22")):
        reason = str(outcome[rid].reason).split(" by ")[0]
        assert (outcome[rid].outcome, reason) == (Outcome.ENDED, f"ended {until}"), rid


def test_the_same_model_before_the_reform_needs_the_portal_and_one_stop_rules(write: Write) -> None:
    (report,) = api.validate([write("m.yaml", MODEL_2026_MERGED.replace("2026-01-15", "2024-12-31").replace(
        "  admin_structure: two-tier\n", ""))]).reports
    outcome = {o.rule_id: o.outcome for o in report.outcomes}
    # the merged system stands for the portal and the one-stop system under NĐ 61/2018 too
    assert (outcome["DVC-001"], outcome["DVC-002"]) == (Outcome.PASSED, Outcome.PASSED)
    assert outcome["DVC-010"] is Outcome.NOT_IN_FORCE


def test_the_same_2026_model_with_district_units_gets_an_error_naming_the_reform(write: Write) -> None:
    text = MODEL_2026_MERGED.replace("  admin_structure: two-tier\n",
                                     "  admin_structure: two-tier\n  units: {district: {total: 9}}\n")
    (report,) = api.validate([write("m.yaml", text)]).reports
    errors = [(f.rule_id, f.subject, f.location.line if f.location else 0, f.location.column if f.location else 0,
               f.text()) for f in report.findings if f.severity is Severity.ERROR]
    assert errors == [("ADM-001", "province", 6, 11, "the model declares district units (9), but from 2025-07-01 "
                       "there is no district level (two-tier local government, Law 72/2025/QH15)")]


def test_district_facts_before_the_reform_are_not_charged(write: Write) -> None:
    text = MODEL_2026_MERGED.replace("2026-01-15", "2025-06-30").replace(
        "  admin_structure: two-tier\n", "  admin_structure: three-tier\n  units: {district: {total: 9}}\n")
    (report,) = api.validate([write("m.yaml", text)]).reports
    assert ("ADM-001", dt.date(2025, 7, 1)) in report.rules_not_in_force
    assert "ADM-001" not in {f.rule_id for f in report.findings}


def test_targets_are_kpis_not_findings(write: Write) -> None:
    text = MODEL_2021_V1.replace(
        "    - {id: dvc, kind: public-service-portal, attributes: {security_level: 3}}",
        "    - {id: dvc, kind: public-service-portal, attributes: {security_level: 3, "
        "online_services: {total: 1696, level4: 7}}}")
    (report,) = api.validate([write("m.yaml", text)]).reports
    assert not {"DVC-007", "DOC-004", "DOC-005"} & {f.rule_id for f in report.findings}
    kpis = {k.rule_id: k for k in report.kpis}
    level4 = kpis["DVC-007"]
    assert (level4.target, level4.deadline, level4.document, level4.status, level4.due) == (
        "at least 30% of online public services at level 4", "2020-12-31", "NQ 17/NQ-CP", KpiStatus.NOT_MET, True)
    assert str(level4.figure) == "dvc: online_services.level4 7 of online_services.total 1696 (0.4%)"
    assert str(kpis["DOC-005"].document) == "QĐ 626/QĐ-VPCP [source unconfirmed]"
    _, out, _ = run("validate", str(write("m.yaml", text)))
    assert ("    DVC-007 level4-share: at least 30% of online public services at level 4 by 2020-12-31 "
            "(NQ 17/NQ-CP) → missed") in out.splitlines()
    assert "      model: dvc: online_services.level4 7 of online_services.total 1696 (0.4%)" in out.splitlines()


def test_a_target_ends_when_it_is_superseded(write: Write) -> None:
    (report,) = api.validate([write("m.yaml", MODEL_2021_V1.replace("2021-12-31", "2022-08-15"))]).reports
    assert "DVC-007" not in {k.rule_id for k in report.kpis}
    assert ("DVC-007", "ended 2022-08-15 by NĐ 42/2022/NĐ-CP, replaced by full-process and partial online public "
            "services (two levels instead of levels 1–4)") in [(rid, str(why)) for rid, why in report.rules_ended]


def test_ndop_binds_from_the_day_after_its_deadline(write: Write) -> None:
    text = MODEL_2026_MERGED.replace("    - {id: ndxp, kind: national-integration-platform}\n",
                                     "    - {id: ndxp, kind: national-integration-platform}\n"
                                     "    - {id: ndop, kind: national-data-coordination-platform}\n")
    (before,) = api.validate([write("m.yaml", text.replace("2026-01-15", "2026-12-31"))]).reports
    assert ("INT-010", dt.date(2027, 1, 1)) in before.rules_not_in_force
    (after,) = api.validate([write("m.yaml", text.replace("2026-01-15", "2027-01-01"))]).reports
    assert [(f.rule_id, f.subject, f.severity) for f in after.findings if f.rule_id == "INT-010"] == [
        ("INT-010", "lgsp", Severity.ERROR)]
