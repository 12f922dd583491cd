"""Every kind and field reaches the rules that concern it (issue 30, item 3).

For each component kind of every framework and each field the model schema documents, the rules that
read it are listed (a rule's check declares the fields it reads, ``fields_read``; the engine reads a few
for every rule); a kind or field read by no rule fails the test unless the exemption lists say why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.check.kinds import compiled
from archcheck.findings import Outcome
from archcheck.law.frameworks import all_frameworks
from archcheck.read.schemas import schema

Write = Callable[[str, str], Path]

RULES = sorted(api.builtin_rules().values(), key=lambda r: r.id)
ALL = frozenset(r.id for r in RULES)

# -- kinds -----------------------------------------------------------------------------------------

KINDS = sorted({k for fw in all_frameworks().values() for k in fw.kinds})

_APPENDIX_II = ("a national shared platform of QĐ 1425 Appendix II; no provincial obligation to connect to it is "
                "encoded (archcheck appraise names it as a duplicate candidate of a proposal, QĐ 1132)")

KINDS_READ_BY_NO_RULE: dict[str, str] = {
    "iot-devices": "sensors, cameras and edge devices (QĐ 1425 Hình 8, L1): equipment, not an information system "
                   "with a security level; no obligation about them is encoded",
    "national-blockchain-platform": _APPENDIX_II,
    "national-cloud-platform": _APPENDIX_II,
    "national-cyber-defence": _APPENDIX_II,
    "national-data-dictionary": _APPENDIX_II,
    "national-data-portal": _APPENDIX_II,
    "national-hpc-centre": _APPENDIX_II,
    "national-law-portal": _APPENDIX_II,
    "national-official-gazette": _APPENDIX_II,
    "national-sectoral-platform": _APPENDIX_II,
    "national-soc-platform": _APPENDIX_II,
    "national-statistics-platform": _APPENDIX_II,
    "national-virtual-assistant": _APPENDIX_II,
    "national-aggregated-data-store": "a national store of framework 3.0, reached through the NDXP/NDOP; no "
                                      "obligation with a confirmed date names it",
    "national-people-data-store": "as national-aggregated-data-store",
    "national-data-center": "the National Data Centre (3.0); no provincial obligation to connect to it is encoded",
    "national-identity-platform": "identity rules (ID-001/002) name the national portal and VNeID "
                                  "(national-identity-system); the platform behind them is not a separate "
                                  "obligation",
    "network-infrastructure": "LAN/WAN/Internet connections named by reports; INF-002 is about the specialised "
                              "data network, and no rule concerns general networks",
}
"""Kinds no rule reads, and why."""


def rules_reading_kind(kind: str) -> list[str]:
    return [r.id for r in RULES if kind in compiled(r).kinds_used()]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_read_by_a_rule_or_exempt_with_a_reason(kind: str) -> None:
    readers = rules_reading_kind(kind)
    if kind in KINDS_READ_BY_NO_RULE:
        assert readers == [], f"{kind} is read by {readers}: drop its exemption"
    else:
        assert readers, f"{kind} is read by no rule: add it to a rule's selection or exempt it with a reason"


def test_the_new_kinds_are_in_the_every_system_selections() -> None:
    for kind in ("procedure-portal", "core-database", "data-platform", "operations-centre",
                 "shared-application-platform"):
        assert {"SEC-001", "SEC-004", "INT-006", "INT-007"} <= set(rules_reading_kind(kind)), kind
    assert {"INT-006", "INT-007"} <= set(rules_reading_kind("ministry-system"))


# -- fields ----------------------------------------------------------------------------------------

_GROUPS = {"component": "component", "connection": "connection", "province": "province", "coverage": "coverage",
           "unit_count": "unit", "design": "design", "target": "target", "national": "national",
           "attributes": "component.attributes", "online_services": "component.attributes.online_services",
           "provenance": "source", "document": "sources.*"}


def documented_fields() -> list[str]:
    defs = schema("model")["$defs"]
    return sorted(f"{prefix}.{p}" for name, prefix in _GROUPS.items() for p in defs[name].get("properties", {}))


TARGET_RULES = frozenset(r.id for r in RULES if r.target is not None and r.target.metric is not None)

READ_BY_THE_ENGINE: dict[str, frozenset[str]] = {
    "province.as_of": ALL,  # the evaluation date: which rules are in force
    "province.framework": ALL,  # which rules apply, at which severity
    "province.completeness": ALL,  # a partial model: an omission is "cannot verify" in every rule
    "province.components": ALL,
    "province.connections": ALL,
    "province.national": ALL,
    "national.id": ALL,
    "national.kind": ALL,
    "province.design": ALL,  # --view design: every rule judges the designed province
    "design.horizon": ALL,
    "design.approved": ALL,  # --view design: obligations after the approval are reported apart
    "design.stages": ALL,
    "component.stage": ALL,
    "connection.stage": ALL,
    "province.targets": TARGET_RULES,  # the province's own target set beside the national one
    "target.metric": TARGET_RULES,
    "target.value": TARGET_RULES,
    "target.by": TARGET_RULES,
}
"""Fields the engine reads for rules (not through one check's parameters), and for which."""

FIELDS_READ_BY_NO_RULE: dict[str, str] = {
    **dict.fromkeys(("component.name", "connection.id", "national.name", "province.name", "province.name_en",
                     "province.code", "province.notes", "unit.names", "coverage.phrase"),
                    "an identifier, name or note for people and messages; never judged"),
    **dict.fromkeys(("component.source", "connection.source", "province.source", "coverage.source", "unit.source",
                     "target.source", "national.source", "component.attributes.online_services.source",
                     "design.document", "source.doc", "source.locator", "source.quote", "source.reading",
                     "sources.*.title", "sources.*.file", "sources.*.url", "sources.*.publisher",
                     "sources.*.author", "sources.*.published_in", "sources.*.date"),
                    "provenance: carried into findings and checked by `archcheck sources`, never a fact a rule "
                    "judges"),
    "national.readiness": "NGSP/NDXP readiness (TT 13/2017's exception) is read on the provincial hub only "
                          "(INT-007's cap); no rule caps on a national system's readiness",
    "component.attributes.hosting": "descriptive (where a system runs); hosting connections carry the "
                                    "architecture fact",
    "component.attributes.vendor": "descriptive: no rule concerns who supplied a system",
    "component.attributes.product": "descriptive: no rule concerns which product a system is",
    "component.attributes.mobile_interface": "NQ 17's \"50% of portals with a mobile interface\" is a national "
                                             "share across ministries and provinces, not a per-province check",
    "component.attributes.online_services.level1": "levels 1–3 are context for level 4 (DVC-007 reads level4 of "
                                                   "total); no target concerns them",
    "component.attributes.online_services.level2": "as level1",
    "component.attributes.online_services.level3": "as level1 (NQ 17's 30% of levels 3–4 integrated with the "
                                                   "national portal is a count of integrations, not of levels)",
    "component.attributes.online_services.full_process": "NĐ 42/2022's full-process services: no national target "
                                                         "with a confirmed figure per province is encoded",
    "component.attributes.online_services.partial": "as full_process",
    "component.attributes.online_services.counting": "read by the loader, which refuses parts above their totals "
                                                     "under each way of counting; level4 ÷ total, the one ratio "
                                                     "a rule computes, is the same under both",
    "component.attributes.online_services.by_deployer": "a breakdown of the province's counts by who deploys the "
                                                        "services; every target in force is on the totals",
}
"""Fields no rule reads, and why."""


def rules_reading_field(field: str) -> list[str]:
    readers = set(READ_BY_THE_ENGINE.get(field, frozenset()))
    for r in RULES:
        read = compiled(r).fields_read()
        if field in read or any(f.startswith(field + ".") for f in read):
            readers.add(r.id)
    return sorted(readers)


@pytest.mark.parametrize("field", documented_fields())
def test_every_field_is_read_by_a_rule_or_exempt_with_a_reason(field: str) -> None:
    readers = rules_reading_field(field)
    if field in FIELDS_READ_BY_NO_RULE:
        assert readers == [], f"{field} is read by {readers}: drop its exemption"
    else:
        assert readers, f"{field} is read by no rule: make a rule read it or exempt it with a reason"


def test_the_exemptions_name_documented_fields_and_kinds() -> None:
    assert set(FIELDS_READ_BY_NO_RULE) <= set(documented_fields())
    assert set(KINDS_READ_BY_NO_RULE) <= set(KINDS)


@pytest.mark.parametrize(("field", "rule"), [
    ("component.owner_level", "PORT-002"), ("component.owner_level", "DVC-011"), ("component.owner_level", "ADM-001"),
    ("connection.kind", "DVC-011"),  # operates
    ("component.attributes.online_services.dossiers", "DVC-013"),
    ("component.attributes.online_services.level4", "DVC-007"),
    ("component.readiness", "INT-007"), ("connection.via", "INT-008"), ("connection.reach", "DOC-002"),
])
def test_the_fields_the_issue_named_reach_their_rules(field: str, rule: str) -> None:
    assert rule in rules_reading_field(field)


# -- the 2026 administrative-procedure system -------------------------------------------------------

def _model(components: str, connections: str = "", units: str = "") -> str:
    return ("archcheck: 2\nprovince:\n  name: Tỉnh Mẫu\n  as_of: 2026-01-15\n  framework: \"4.0\"\n" + units
            + "  components:\n" + components
            + "  national:\n    - {id: dvcqg, kind: national-public-service-portal}\n"
            + ("  connections:\n" + connections if connections else ""))


def _outcome(write: Write, text: str, rule: str) -> tuple[Outcome, list[str]]:
    r = api.validate([write("m.yaml", text)]).reports[0]
    return (next(o.outcome for o in r.outcomes if o.rule_id == rule),
            [f"{f.severity.value} {f.subject}: {f.message}" for f in r.findings if f.rule_id == rule])


def test_the_2026_system_is_checked_for_online_payment(write: Write) -> None:
    system = "    - {id: httt, kind: administrative-procedure-system}\n"
    assert _outcome(write, _model(system), "DVC-006")[0] is Outcome.FAILED
    paid = _model(system, "    - {from: httt, to: dvcqg, kind: payment}\n")
    assert _outcome(write, paid, "DVC-006")[0] is Outcome.PASSED


def test_the_2026_system_is_checked_for_commune_coverage(write: Write) -> None:
    text = _model("    - {id: httt, kind: administrative-procedure-system, deployment: {commune: {used: 40}}}\n",
                  units="  units: {commune: {total: 129}}\n")
    outcome, found = _outcome(write, text, "DVC-010")
    assert outcome is Outcome.FAILED
    assert found == ["warning httt: httt is used by 40/129 commune units (31%); at least 100% of commune units "
                     "required"]


def test_a_merged_province_running_three_systems_is_told_one(write: Write) -> None:
    three = "".join(f"    - {{id: httt-{x}, kind: administrative-procedure-system, deployment: {{commune: "
                    f"{{extent: all}}}}}}\n" for x in "abc")
    outcome, found = _outcome(write, _model(three), "DVC-010")
    assert outcome is Outcome.FAILED
    assert [f.split(":")[0] for f in found] == ["warning httt-b", "warning httt-c"]
