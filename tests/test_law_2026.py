"""The law of December 2026 (issue 29): no repealed decree charged, the 2025–2026 law encoded, frameworks 3090
and 1425, the province's own digital architecture framework, the 2026 changes of provincial type."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.findings import Outcome, Severity
from archcheck.law.frameworks import get_framework
from archcheck.law.provinces import list_for
from tests.conftest import ROOT
from tests.test_cli import run

Write = Callable[[str, str], Path]

TWO_TIER_2026 = ROOT / "tests" / "models" / "two-tier-2026.yaml"

# The documents that had ended by 2026: NĐ 61/2018 and NĐ 107/2021 on 2025-07-01 (NĐ 118/2025), NĐ 47/2020 on
# 2025-10-22 (NĐ 278/2025 Art. 23(2)), NĐ 42/2022 on 2026-07-01 (NĐ 224/2026 Art. 90(2)(b)), QĐ 31/2021 on
# 2026-07-20 (QĐ 29/2026/QĐ-TTg).
ENDED_BY_2026 = ("NĐ 47/2020", "NĐ 61/2018", "NĐ 107/2021", "NĐ 42/2022")


@pytest.mark.parametrize("framework", ["4.0", "1425"])
@pytest.mark.parametrize("date", ["2026-03-31", "2026-12-01"])
def test_no_finding_in_2026_rests_on_an_ended_document(framework: str, date: str) -> None:
    as_of = dt.date.fromisoformat(date)
    (report,) = api.validate([TWO_TIER_2026], framework=framework, as_of=as_of).reports
    assert report.findings  # the model is not clean: the ground of what it is charged with is what is tested
    ended = ENDED_BY_2026 + (("QĐ 31/2021",) if as_of >= dt.date(2026, 7, 20) else ())
    for f in report.findings:
        ground = f"{f.citation.document} {f.citation.clause or ''}"
        assert not [d for d in ended if d in ground], (f.rule_id, ground)
    # no VOC-001 error: a kind of another version is an info note under 1425 as under 4.0
    assert {f.severity for f in report.findings if f.rule_id == "VOC-001"} <= {Severity.INFO}


def test_the_old_rules_are_ended_on_the_2026_model_and_their_successors_apply() -> None:
    (report,) = api.validate([TWO_TIER_2026], framework="4.0", as_of=dt.date(2026, 12, 1)).reports
    outcome = {o.rule_id: o for o in report.outcomes}
    for rid in ("INT-002", "INT-003", "INT-005", "INT-007", "INT-008", "INT-009", "PORT-002", "SEC-001",
                "DVC-005", "DVC-006"):
        assert outcome[rid].outcome is Outcome.ENDED, rid
    assert str(outcome["INT-002"].reason).startswith("ended 2025-10-22 by NĐ 278/2025/NĐ-CP [source unconfirmed]")
    assert str(outcome["PORT-002"].reason).startswith("ended 2026-07-01 by NĐ 224/2026/NĐ-CP, replaced by PORT-003")
    # the CV 1178 recommendation INT-001 stays superseded after INT-002 ends: INT-011 took over
    assert (outcome["INT-001"].outcome, str(outcome["INT-001"].reason)) == (Outcome.SUPERSEDED, "superseded by INT-011")
    charged = {(f.rule_id, f.subject) for f in report.findings}
    assert ("INT-012", "lgsp->ndop") in charged  # LGSP → NDOP without the Agent Node
    assert ("SEC-005", "cong") in charged
    assert ("ARC-003", "dvc") in charged
    assert ("PORT-004", "cong") in charged


def test_a_2021_model_keeps_its_2021_law(write: Write) -> None:
    text = TWO_TIER_2026.read_text("utf-8").replace("as_of: 2026-03-31", "as_of: 2021-12-31").replace(
        '  framework: "4.0"\n  admin_structure: two-tier\n', '  framework: "2.0"\n  admin_structure: three-tier\n')
    (report,) = api.validate([write("m.yaml", text)]).reports
    cited = {f.citation.document for f in report.findings}
    assert "NĐ 85/2016/NĐ-CP" in cited  # SEC-001, in 2021
    assert not {"NĐ 224/2026/NĐ-CP", "NĐ 278/2025/NĐ-CP", "QĐ 1425/QĐ-TTg"} & cited
    assert {"INT-011", "PORT-003", "ARC-001"} <= {rid for rid, _ in report.rules_not_in_force}


def test_rules_in_force_on_2026_12_01_cite_the_2025_2026_law() -> None:
    day = dt.date(2026, 12, 1)
    in_force = [r for r in api.builtin_rules().values() if r.in_force_on(day)]

    def citing(doc: str) -> set[str]:
        return {r.id for r in in_force if doc in r.citation.document}

    assert citing("NĐ 224/2026") == {"ARC-002", "PORT-003", "PORT-004"}
    assert citing("NĐ 278/2025") == {"INT-011", "INT-012", "INT-013"}
    assert citing("Law 116/2025") | citing("NĐ 331/2026") == {"SEC-005"}


# Each new date boundary: (rule, the first day it binds or None, the first day it no longer binds or None).
BOUNDARIES = [
    ("PORT-001", "2011-10-01", "2022-08-15"),
    ("INT-002", None, "2025-10-22"), ("INT-003", None, "2025-10-22"), ("INT-005", None, "2025-10-22"),
    ("INT-007", None, "2025-10-22"), ("INT-009", None, "2025-10-22"), ("INT-008", None, "2025-07-01"),
    ("INT-011", "2025-10-22", None), ("INT-012", "2025-10-22", None), ("INT-013", "2025-10-22", None),
    ("INF-003", "2025-09-15", None),
    ("ARC-003", "2026-06-24", None),
    ("PORT-002", None, "2026-07-01"), ("PORT-003", "2026-07-01", None), ("PORT-004", "2026-07-01", None),
    ("ARC-002", "2026-07-01", None),
    ("SEC-001", None, "2026-07-01"), ("SEC-005", "2026-07-01", "2027-01-01"), ("SEC-006", "2027-01-01", None),
    ("DVC-005", None, "2026-07-20"), ("DVC-006", None, "2026-07-20"), ("DVC-012", "2026-07-20", None),
    ("ARC-001", "2027-01-30", None),
]


@pytest.mark.parametrize(("rid", "start", "end"), BOUNDARIES)
def test_each_new_date_boundary_the_day_before_and_the_day_of(rid: str, start: str | None, end: str | None) -> None:
    rule = api.builtin_rules()[rid]
    one = dt.timedelta(days=1)
    if start is not None:
        first = dt.date.fromisoformat(start)
        assert rule.effective == first
        assert (rule.in_force_on(first - one), rule.in_force_on(first)) == (False, True)
    if end is not None:
        last = dt.date.fromisoformat(end)
        assert rule.until == last
        assert (rule.in_force_on(last - one), rule.in_force_on(last)) == (True, False)


@pytest.mark.parametrize(("date", "charged"), [("2025-10-21", True), ("2025-10-22", False)])
def test_nd47_rules_are_charged_the_day_before_nd278_and_not_on_the_day(date: str, charged: bool) -> None:
    (report,) = api.validate([TWO_TIER_2026], framework="4.0", as_of=dt.date.fromisoformat(date)).reports
    # INT-005's check (the LGSP reaches NDXP) passes here; INT-007 sees the point-to-point link motcua → csdl
    assert ("INT-007" in {f.rule_id for f in report.findings}) is charged
    assert ("INT-012" in {f.rule_id for f in report.findings}) is not charged


@pytest.mark.parametrize("search", ["NDOP", "NDXP", "Agent Node", "VNeID", "LDOP"])
def test_kinds_1425_finds_the_national_and_provincial_platforms(search: str) -> None:
    expected = {"NDOP": "national-data-coordination-platform", "NDXP": "national-integration-platform",
                "Agent Node": "agent-node", "VNeID": "national-identity-system",
                "LDOP": "integration-platform"}[search]
    code, out, _ = run("kinds", "--framework", "1425", "--search", search)
    assert code == 0
    found = [line.split()[0] for line in out.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert expected in found


def test_framework_1425_has_four_layers_four_cross_cutting_components_and_the_17_group_a_platforms() -> None:
    fw = get_framework("1425")
    assert (fw.document, fw.issued, fw.chain) == ("QĐ 1425/QĐ-TTg", dt.date(2026, 7, 29),
                                                  ("1425", "3090", "4.0", "3.0", "2.0", "1.0"))
    rows = [lid for lid, layer in fw.layers.items() if not layer.cross_cutting]
    cross = [lid for lid, layer in fw.layers.items() if layer.cross_cutting]
    assert (rows, cross) == (["L1", "L2", "L3", "L4"], ["X1", "X2", "X3", "X4"])
    assert sum(len(layer.components) for layer in fw.layers.values()) == 7
    assert fw.layers["L2"].vi == "Dữ liệu và nền tảng lõi"
    group_a = {k: v.owner for k, v in fw.kinds.items() if v.national and v.group == "A"}
    assert len(group_a) == 17
    assert group_a["national-integration-platform"] == "Bộ Khoa học và Công nghệ"
    assert group_a["national-document-axis"] == "Văn phòng Chính phủ"
    assert group_a["national-data-coordination-platform"] == "Bộ Công an"
    agent = fw.kinds["agent-node"]
    assert (agent.layer, agent.vi, agent.national) == ("L2", "Máy chủ bảo mật điểm kết nối (Agent Node)", False)
    assert (fw.kinds["ai-platform"].layer, fw.kinds["iot-platform"].layer) == ("L3", "L2")
    # every provincial kind sits in one of the four layers
    assert {v.layer for v in fw.kinds.values() if not v.national} == {"L1", "L2", "L3", "L4"}
    assert dict(fw.kind_map) == {"one-stop-shop": "administrative-procedure-system",
                                 "procedure-portal": "administrative-procedure-system",
                                 "public-service-portal": "administrative-procedure-system"}
    v3090 = get_framework("3090")
    assert v3090.repealed is not None
    assert (v3090.issued, v3090.repealed.date, v3090.repealed.document) == (
        dt.date(2025, 10, 8), dt.date(2026, 7, 29), "QĐ 1425/QĐ-TTg")
    assert get_framework("4.0").repealed is None  # not expressly repealed


def test_an_old_kind_checks_under_1425_with_a_note_naming_its_place() -> None:
    (report,) = api.validate([TWO_TIER_2026], framework="1425", as_of=dt.date(2026, 12, 1)).reports
    notes = [(f.subject, f.severity, f.text()) for f in report.findings if f.rule_id == "VOC-001"]
    assert ("motcua", Severity.INFO, "motcua: kind 'one-stop-shop' is not part of framework 1425's vocabulary; "
            "framework 1425 puts 'administrative-procedure-system' in its place") in notes


def test_diff_frameworks_4_0_to_1425_adds_the_agent_node() -> None:
    code, out, _ = run("diff", "frameworks", "4.0", "1425")
    assert code == 0
    lines = out.splitlines()
    added = lines.index(next(ln for ln in lines if "Kinds added" in ln))
    removed = lines.index(next(ln for ln in lines if "Kinds removed" in ln))
    assert any(ln.strip().startswith("agent-node (L2)") for ln in lines[added:removed])
    code, out, _ = run("diff", "frameworks", "4.0", "1425", "--model", str(TWO_TIER_2026), "--fail-on", "error")
    assert code in (0, 1)
    assert "tests/models/two-tier-2026.yaml: Lâm Đồng" in out
    assert "VOC-001" in out  # the model's one-stop system and DVC portal are noted under 1425


OWN = """\
province:
  name: Tỉnh Mẫu
  as_of: {date}
  framework: "1425"
{own}  components: [{{id: cong, kind: web-portal}}]
"""


@pytest.mark.parametrize(("date", "own", "charged"), [
    ("2027-01-29", "", False),  # the deadline itself
    ("2027-01-30", "", True),
    ("2027-02-01", "", True),
    ("2027-02-01", "  digital_architecture_framework: none\n", True),
    ("2027-02-01", "  digital_architecture_framework: {document: QĐ 12/QĐ-UBND, issued: 2027-01-15}\n", False),
])
def test_a_province_without_its_own_framework_after_the_deadline_gets_a_finding_citing_1425(
        write: Write, date: str, own: str, charged: bool) -> None:
    (report,) = api.validate([write("m.yaml", OWN.format(date=date, own=own))]).reports
    found = [f for f in report.findings if f.rule_id == "ARC-001"]
    assert bool(found) is charged
    if found:
        assert (found[0].citation.document, found[0].severity) == ("QĐ 1425/QĐ-TTg", Severity.ERROR)
        assert "Art. 3(4)" in (found[0].citation.clause or "")


def test_the_own_framework_field_is_located_when_wrong(write: Write) -> None:
    code, _, err = run("validate", str(write("m.yaml", OWN.format(
        date="2027-02-01", own="  digital_architecture_framework: yes\n"))))
    assert code == 2
    assert err.startswith("archcheck: error: ") and ":5:" in err and "Traceback" not in err


def test_rules_show_port_001_says_2011_10_01() -> None:
    code, out, _ = run("rules", "show", "PORT-001")
    assert code == 0
    assert "2011-10-01" in out
    assert "2011-06-13" not in out.replace("Signed 13/06/2011", "")


@pytest.mark.parametrize(("date", "cities"), [
    ("2026-04-29", 6), ("2026-04-30", 7),  # Đồng Nai, NQ 30/2026/QH16
    ("2026-08-31", 7), ("2026-09-01", 8),  # Quảng Ninh, NQ 36/2026/QH16
    ("2026-09-19", 8), ("2026-09-20", 9),  # Bắc Ninh, NQ 39/2026/QH16
])
def test_the_2026_changes_of_provincial_type(date: str, cities: int) -> None:
    day = dt.date.fromisoformat(date)
    units = list_for(day).units
    assert len(units) == 34
    assert sum(u.type_on(day) == "city" for u in units) == cities


def test_a_kind_map_to_a_kind_the_version_lacks_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        'id: "p-2027"\nextends: "1425"\ntitle: {en: a profile, vi: hồ sơ}\n'
        "issued: {document: QĐ 1/QĐ-UBND, date: 2027-01-01, confidence: confirmed}\n"
        "kind_map:\n  one-stop-shop: one-stop-system\n", encoding="utf-8")
    code, _, err = run("kinds", "--frameworks", str(tmp_path))
    assert code == 2
    assert err.startswith(f"archcheck: error: {tmp_path / 'p.yaml'}:6:")
    assert "kind_map sends 'one-stop-shop' to 'one-stop-system', which framework p-2027 does not have" in err


def test_kinds_json_gives_the_group_and_owner_of_a_national_shared_platform() -> None:
    code, out, _ = run("kinds", "--framework", "1425", "--search", "VNeID", "--format", "json")
    assert code == 0
    (row,) = json.loads(out)
    assert (row["id"], row["group"], row["owner"], row["layer"]) == (
        "national-identity-system", "A", "Bộ Công an", "L4")


def test_the_1425_drawing_has_its_four_layers_channels_on_top(write: Write) -> None:
    text = TWO_TIER_2026.read_text("utf-8").replace('framework: "4.0"', 'framework: "1425"').replace(
        "    - {from: hcc, to: motcua, kind: operates}\n", "")
    code, out, _ = run("graph", str(write("m.yaml", text)), "--lang", "en")
    assert code == 0
    bands = [ln.split('["', 1)[1].split(" · ")[0] for ln in out.splitlines() if ln.strip().startswith("subgraph")
             and " · " in ln]
    assert bands == ["L4", "L3", "L2", "L1"]
