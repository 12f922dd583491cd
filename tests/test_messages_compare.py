"""The compare layer hands up values, not sentences (issue 31): the gate's findings (expired and
unmatched waivers, stale baseline entries) and the causes of a diff (framework impact, model diff)
are catalogue messages with typed arguments, said in English exactly as before and in Vietnamese;
a user's own words (a waiver's reason, a baseline entry's message) are plain arguments, never
translated and never wrapped in the ``text`` key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.catalogue import Message, Text, has, say
from archcheck.compare.baseline import entries_of
from archcheck.compare.frameworks import RuleChange
from archcheck.compare.gate import GATE_RULES, Baseline, BaselineEntry, apply
from archcheck.compare.matching import Cause, Change, FindingChange
from archcheck.compare.models import What
from archcheck.compare.waivers import load_waivers
from archcheck.findings import Citation, Confidence, Finding, Severity
from tests.conftest import ROOT
from tests.test_diff import PROFILES, SMALL_2018, SMALL_2021

MODEL = "tests/models/broken-chain.yaml"
WAIVERS = "tests/models/broken-chain.waivers.yaml"
TODAY = dt.date(2026, 6, 1)


def _catalogued(m: Message) -> None:
    """Every key of ``m`` is the catalogue's, and none is the transition's ``text``."""
    keys = list(m.keys())
    assert "text" not in keys, m
    assert all(has(k) for k in keys), m


@pytest.fixture
def gate_findings(monkeypatch: pytest.MonkeyPatch) -> dict[str, Finding]:
    """The gate of the CI golden case, with --strict-baseline: one finding of each gate rule."""
    monkeypatch.chdir(ROOT)
    run = api.validate([MODEL])
    accepted = [e for e in entries_of(run.reports) if e.rule_id == "SEC-004"]
    gone = BaselineEntry("0123456789abcdef", "DOC-001", "Tỉnh Mẫu", "qlvb-cu", Severity.ERROR,
                         "an old finding the model no longer has", MODEL, 7)
    known = {*run.rules, *(r.name for r in run.rules.values())}
    _, gate = apply(run.reports, baseline=Baseline("archcheck-baseline.json", (*accepted, gone)),
                    waivers=load_waivers(WAIVERS, known), waivers_file=WAIVERS, today=TODAY, strict_baseline=True)
    found = {f.rule_id: f for f in gate.findings}
    assert sorted(found) == ["BSL-001", "WVR-001", "WVR-002"]
    return found


def test_gate_findings_carry_catalogue_messages(gate_findings: dict[str, Finding]) -> None:
    for f in gate_findings.values():
        _catalogued(f.message)
        for value in (f.evidence.expected, f.evidence.actual):
            if value is not None:
                assert isinstance(value, Message)
                _catalogued(value)
        assert f.message_id == f.message.key
        assert f.message_id.startswith("gate.")
        for prose in (f.citation.document, f.remediation):
            assert isinstance(prose, Text) and prose.vi, prose
    assert {f.rule_id: f.message_id for f in gate_findings.values()} == {
        "WVR-001": "gate.waiver-expired", "WVR-002": "gate.waiver-unmatched", "BSL-001": "gate.baseline-entry-fixed"}


def test_gate_findings_say_the_same_english(gate_findings: dict[str, Finding]) -> None:
    expired, unmatched, stale = (gate_findings[r] for r in ("WVR-001", "WVR-002", "BSL-001"))
    assert expired.text() == ("the waiver of soc-present for Tỉnh Mẫu expired on 2025-12-31 and no longer applies: "
                              "The outsourced SOC was to be procured by the end of 2025.")
    assert unmatched.text() == "the waiver of PORT-001 for Lâm Đồng matches no finding of this run"
    assert stale.text() == ("the baseline entry for DOC-001 [qlvb-cu] in Tỉnh Mẫu no longer occurs: "
                            "an old finding the model no longer has")
    assert str(expired.citation) == (f"waivers file {WAIVERS}, entry at line 10, expires 2025-12-31; "
                                     "in force from 2026-01-01")
    assert str(stale.citation) == "baseline file archcheck-baseline.json; in force from 2026-06-01"
    assert (str(expired.evidence.expected), str(unmatched.evidence.expected)) == (
        "soc-present in Tỉnh Mẫu", "PORT-001 in Lâm Đồng")
    assert (str(stale.evidence.expected), str(stale.evidence.actual)) == ("every baseline entry still occurs", "fixed")
    assert expired.remediation == str(GATE_RULES["WVR-001"].remediation) == (
        "Fix the finding, or renew the waiver with a new reason and expiry date after review.")


def test_gate_findings_in_vietnamese_keep_the_users_words(gate_findings: dict[str, Finding]) -> None:
    expired, unmatched, stale = (gate_findings[r] for r in ("WVR-001", "WVR-002", "BSL-001"))
    assert expired.text("vi") == ("miễn trừ soc-present cho Tỉnh Mẫu đã hết hạn ngày 2025-12-31 và không còn áp dụng: "
                                  "The outsourced SOC was to be procured by the end of 2025.")
    assert unmatched.text("vi") == "miễn trừ PORT-001 cho Lâm Đồng không ứng với phát hiện nào của lượt kiểm tra này"
    assert stale.text("vi") == ("mục của đường cơ sở cho DOC-001 [qlvb-cu] tại Tỉnh Mẫu không còn xuất hiện: "
                                "an old finding the model no longer has")
    assert say(expired.citation.document, "vi") == f"tệp miễn trừ {WAIVERS}"
    assert say(expired.citation.clause, "vi") == "mục ở dòng 10, hết hạn ngày 2025-12-31"
    assert say(stale.citation.document, "vi") == "tệp đường cơ sở archcheck-baseline.json"
    assert say(unmatched.remediation, "vi") == "Xoá miễn trừ, hoặc sửa lại quy tắc, tỉnh hay đối tượng của nó."
    assert say(stale.evidence.actual, "vi") == "đã sửa"
    assert expired.text("both") == f"{expired.text('vi')} / {expired.text('en')}"


def test_a_waiver_for_one_subject_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    waivers = tmp_path / "w.yaml"
    waivers.write_text(f"waivers:\n  - rule: DOC-002\n    province: Tỉnh Mẫu\n    file: {MODEL}\n    subject: nowhere\n"
                       "    reason: Lý do của tỉnh.\n    expires: 2026-12-31\n", encoding="utf-8")
    run = api.validate([MODEL])
    _, gate = apply(run.reports, waivers=load_waivers(waivers), waivers_file=str(waivers), today=TODAY)
    (f,) = gate.findings
    assert f.message_id == "gate.waiver-unmatched-subject"
    assert f.text() == "the waiver of DOC-002 for Tỉnh Mẫu [nowhere] matches no finding of this run"
    assert f.text("vi") == "miễn trừ DOC-002 cho Tỉnh Mẫu [nowhere] không ứng với phát hiện nào của lượt kiểm tra này"
    assert say(f.evidence.expected, "vi") == "DOC-002 tại Tỉnh Mẫu [nowhere]"


@pytest.mark.parametrize("rule_id", list(GATE_RULES))
def test_the_gate_rules_prose_is_said_in_both_languages(rule_id: str) -> None:
    rule = GATE_RULES[rule_id]
    for prose in (rule.source, rule.when, rule.rationale, rule.remediation):
        _catalogued(prose)
        assert say(prose, "en") != say(prose, "vi")


# -- diffs -----------------------------------------------------------------------------------------


def _changed(changes: list[FindingChange]) -> list[FindingChange]:
    return [c for c in changes if c.change is not Change.UNCHANGED]


def _diff_catalogued(c: FindingChange) -> None:
    assert isinstance(c.why, Message)
    why = c.why
    if why.key == "diff.not-binding":  # the engine's reason why a rule did not bind is the engine's message
        why = Message(why.key, tuple((k, v) for k, v in why.args if k != "why"))
    _catalogued(why)
    assert c.explanation == say(c.why, "en")


def test_impact_causes_are_catalogue_messages(write: Callable[[str, str], Path]) -> None:
    seen: dict[Cause, FindingChange] = {}
    for old, new, text in (("1.0", "2.0", SMALL_2018), ("1.0", "2.0", SMALL_2021), ("2.0", "1.0", SMALL_2021)):
        (impact,) = api.framework_impact(old, new, [write(f"m-{old}-{new}.yaml", text)]).impacts
        for c in _changed(list(impact.changes)):
            _diff_catalogued(c)
            seen.setdefault(c.cause, c)
    assert {Cause.RULE_ADDED, Cause.RULE_REMOVED, Cause.IN_FORCE} <= set(seen)
    added, removed, in_force = seen[Cause.RULE_ADDED], seen[Cause.RULE_REMOVED], seen[Cause.IN_FORCE]
    assert added.why is not None and added.why.key == "diff.rule-added"
    assert say(added.why, "vi") == f"mới trong 2.0, có hiệu lực từ {added.finding.citation.effective}"
    assert removed.why is not None and say(removed.why, "vi") == f"1.0 không còn áp dụng {removed.finding.rule_id}"
    assert in_force.why is not None and in_force.why.key == "diff.not-yet-in-force"
    assert say(in_force.why, "vi").endswith(
        "chưa có hiệu lực tại ngày 2018-06-01 (ngày đánh giá theo 1.0), "
        "có hiệu lực tại ngày 2019-12-31 (ngày đánh giá theo 2.0)")


def test_an_unchanged_finding_has_no_cause(write: Callable[[str, str], Path]) -> None:
    (impact,) = api.framework_impact("1.0", "2.0", [write("m.yaml", SMALL_2021)]).impacts
    same = [c for c in impact.changes if c.change is Change.UNCHANGED]
    assert same and all(c.why is None and c.explanation == "" for c in same)


def test_model_diff_causes_and_changes_are_said_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = api.diff_models("province_models/lamdong-2017.yaml", "province_models/lamdong.yaml",
                             framework="2.0", as_of=dt.date(2021, 12, 31))
    (p,) = result.provinces
    for c in _changed(list(p.changes)):
        _diff_catalogued(c)
    for s in p.structural:
        _catalogued(s.message)
        assert s.describe() == say(s.message, "en")
    c = next(c for c in p.of(Change.NEW) if c.finding.rule_id == "INT-009")
    assert c.why is not None and c.why.key == "diff.model-changes"
    assert c.explanation == "component-added: danh-muc (shared-catalogue, planned)"
    assert say(c.why, "vi") == "thêm thành phần: danh-muc (shared-catalogue, mới có kế hoạch)"
    units = next(s for s in p.structural if s.what is What.UNITS and s.detail == "department")
    assert (units.old, units.new, units.describe()) == ("20", "21", "units-changed: province department: 20 → 21")
    assert say(units.message, "vi") == "đổi số đơn vị: province sở, ngành: 20 → 21"


def test_a_rule_changes_aspects_are_said_in_vietnamese() -> None:
    c = RuleChange("DOC-002", "dms-reaches-national-axis", Citation("QĐ 28/2018/QĐ-TTg", None, "2019-03-12",
                                                                     Confidence.CONFIRMED),
                   (("effective", "2019-03-12", "2020-01-01"), ("superseded_by", "none", "DOC-009")))
    assert [str(m) for m in c.said] == ["effective: 2019-03-12 → 2020-01-01", "superseded_by: none → DOC-009"]
    assert [say(m, "vi") for m in c.said] == ["ngày có hiệu lực: 2019-03-12 → 2020-01-01",
                                              "được thay bằng: không có → DOC-009"]


def test_a_kind_renamed_is_said_in_vietnamese(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name, text in PROFILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    model = write("m.yaml", SMALL_2021)
    (impact,) = api.framework_impact("2.0", "2.2", [model], framework_dirs=(folder,)).impacts
    (c,) = [c for c in impact.changes if c.finding.rule_id == "VOC-001"]
    assert c.cause is Cause.KIND_RENAMED and c.why is not None and c.why.key == "diff.kind-renamed"
    _diff_catalogued(c)
    assert say(c.why, "vi") == ("mô hình vẫn dùng loại document-management, loại mà 2.2 đổi thành records-management "
                                "(Quản lý hồ sơ / Records management)")
