"""Messages as values (issue 31), for the core check kinds: count, connection-required, reachable,
forbidden-connection, coverage, attribute and the all/any/not wrappers.

Every finding, evidence and not-applicable reason these kinds produce for the built-in rules' examples
and the shipped province models is a catalogue message (no plain sentence wrapped in the ``text`` key,
which only the old regular-expression translator could say in Vietnamese); each sentence a case below
builds is said in English exactly as before and in the catalogue's Vietnamese; every key of the kinds'
section of the catalogue is one the code names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from archcheck import api
from archcheck.catalogue import CATALOGUE_FILE, Message, Text, say
from archcheck.check.examples import run_examples
from archcheck.check.graph import build_graph
from archcheck.check.kinds import CheckContext, Verdict, parse_check
from archcheck.findings import Outcome
from archcheck.law.rules import Rule
from archcheck.model import Coverage, Extent, Status
from archcheck.read.loading import load_model

ROOT = Path(__file__).resolve().parent.parent
MODELS = sorted((ROOT / "province_models").glob("*.yaml"))
FRAMEWORKS = ("1.0", "2.0", "4.0", "1425")
CORE = frozenset({"component-count", "connection-required", "reachable", "forbidden-connection", "coverage",
                  "attribute", "all", "any", "not"})
"""The check kinds whose messages this file holds to the catalogue (the others' are other parts of issue 31)."""
SECTION = "# ---------------------------------------------------------------- check kinds: count, connection, reach"

Write = Callable[[str, str], Path]


def _kinds(check: Any) -> Iterator[str]:
    """Every check kind of a rule's check, sub-checks of all/any/not included."""
    kind = str(check["kind"])
    yield kind
    params = check.get("params") or {}
    if kind in ("all", "any"):
        for sub in params["checks"]:
            yield from _kinds(sub)
    elif kind == "not":
        yield from _kinds(params["check"])


def _core(rule: Rule) -> bool:
    return set(_kinds(rule.check_data)) <= CORE


def _said_plainly(value: object) -> list[str]:
    """What of ``value`` is not the catalogue's: a Message wrapping a plain text, or a str that is a sentence."""
    if isinstance(value, Message):
        return [str(value)] if "text" in set(value.keys()) else []
    if isinstance(value, str):  # a value: a count, a figure, an edge, an id, an attribute's value
        sentence = re.search(r"\b(is|are|of|the|no|not|in|to|from|at|and|or|has|only|unknown|present)\b",
                             re.sub(r"-\[[\w-]+\]->", " ", value))
        return [value] if sentence else []
    return [] if value is None else [repr(value)]


def test_the_core_kinds_hand_up_catalogue_messages_for_every_example_and_shipped_model() -> None:
    rules = api.builtin_rules()
    mine = {rid for rid, rule in rules.items() if _core(rule)}
    assert len(mine) > 30  # the check kinds most rules are written in
    plain: list[tuple[str, str, str]] = []
    seen = 0
    for rule in rules.values():
        if rule.id not in mine:
            continue
        for outcome in run_examples(rule):
            for f in outcome.findings:
                seen += 1
                for part in (f.message, f.evidence.expected, f.evidence.actual):
                    plain.extend((rule.id, outcome.name, p) for p in _said_plainly(part))
    for model in MODELS:
        for framework in FRAMEWORKS:
            for as_of in (None, dt.date(2026, 12, 1)):
                run = api.validate([model], framework=framework, as_of=as_of)
                where = f"{model.name} {framework} {as_of}"
                for report in run.reports:
                    for f in report.findings:
                        if f.rule_id in mine:
                            seen += 1
                            for part in (f.message, f.evidence.expected, f.evidence.actual):
                                plain.extend((f.rule_id, where, p) for p in _said_plainly(part))
                    for o in report.outcomes:
                        if o.rule_id in mine and o.outcome is Outcome.NOT_APPLICABLE:
                            seen += 1
                            plain.extend((o.rule_id, where, p) for p in _said_plainly(o.reason))
    assert seen > 500
    assert plain == []


def test_the_design_view_of_the_shipped_designs_is_said_in_messages() -> None:
    run = api.validate([ROOT / "province_models" / "danang.yaml"], view="design")
    mine = {rid for rid, rule in api.builtin_rules().items() if _core(rule)}
    findings = [f for r in run.reports for f in r.findings if f.rule_id in mine]
    assert findings
    assert [p for f in findings for part in (f.message, f.evidence.expected, f.evidence.actual)
            for p in _said_plainly(part)] == []


def test_every_key_of_the_check_kinds_section_is_named_by_the_code() -> None:
    text = CATALOGUE_FILE.read_text(encoding="utf-8")
    section = text[text.index(SECTION):].split("\n# ----", 1)[0]
    keys = re.findall(r"^([a-z0-9.-]+):", section, re.MULTILINE)
    assert len(keys) > 100
    code = "".join((ROOT / "archcheck" / "check" / "kinds" / name).read_text(encoding="utf-8")
                   for name in ("base.py", "core.py"))
    assert [k for k in keys if f'"{k}"' not in code] == []


# -- each sentence in both languages ----------------------------------------------------------------

HEAD = "archcheck: 2\nprovince:\n  name: Tỉnh Mẫu\n  as_of: 2022-06-01\n  framework: \"2.0\"\n"
UNITS = "  units: {department: {total: 20}, district: {total: 10}, commune: {total: 100}}\n"


def _said(write: Write, body: str, check: dict[str, Any], *, design: bool = False,
          ) -> tuple[Verdict, list[tuple[str, str]]]:
    """The check's verdict on the model, with each message (or the reason) in English and Vietnamese."""
    (p,) = load_model(write("m.yaml", HEAD + body)).provinces
    result = parse_check(check).evaluate(CheckContext(p, build_graph(p), design=design))
    said = [result.reason] if result.reason is not None else [v.message for v in result.violations]
    assert all(isinstance(m, Message) and "text" not in set(m.keys()) for m in said)
    return result.verdict, [(say(m, "en"), say(m, "vi")) for m in said]


COUNT = {"kind": "component-count", "params": {"select": {"kind": "official-email"}, "min": 3}}
EMAILS = "  components:\n    - {id: mail, kind: official-email}\n"
ELSEWHERE = "    - {id: mail-huyen, kind: official-email, owner_level: district}\n"


def test_a_count_below_its_minimum(write: Write) -> None:
    assert _said(write, EMAILS, COUNT) == (Verdict.FAIL, [(
        "only 1 of at least 3 official-email in operation (mail)",
        "chỉ có 1 trên tối thiểu 3 official-email đang vận hành (mail)")])
    assert _said(write, EMAILS, COUNT, design=True) == (Verdict.FAIL, [(
        "the design has only 1 of at least 3 official-email (mail)",
        "thiết kế chỉ có 1 trên tối thiểu 3 official-email (mail)")])
    assert _said(write, EMAILS + ELSEWHERE, COUNT, design=True) == (Verdict.FAIL, [(
        "the design has only 1 of at least 3 official-email owned by the province (mail) "
        "(mail-huyen belongs to the district)",
        "thiết kế chỉ có 1 trên tối thiểu 3 official-email của tỉnh (mail) (mail-huyen thuộc cấp huyện)")])
    assert _said(write, "  components:\n" + ELSEWHERE, COUNT, design=True) == (Verdict.FAIL, [(
        "the design lacks official-email owned by the province (mail-huyen belongs to the district)",
        "thiết kế không có official-email nào của tỉnh (mail-huyen thuộc cấp huyện)")])


def test_a_count_above_its_maximum_lists_twenty_and_counts_the_rest(write: Write) -> None:
    body = "  components:\n" + "".join(f"    - {{id: m{i:02}, kind: official-email}}\n" for i in range(25))
    verdict, said = _said(write, body, {"kind": "component-count", "params": {
        "select": {"kind": "official-email"}, "max": 1}})
    assert verdict is Verdict.FAIL and len(said) == 24
    ids = ", ".join(f"m{i:02}" for i in range(20))
    assert said[0] == (f"m01 is one official-email too many: 25 found ({ids} and 5 more), at most 1 expected",
                       f"m01 là một official-email thừa: có 25 ({ids} và 5 mục khác), chỉ được tối đa 1")


def test_at_most_with_none_in_operation(write: Write) -> None:
    body = "  components:\n    - {id: mail, kind: official-email, status: planned}\n"
    check = {"kind": "component-count", "params": {"select": {"kind": "official-email"}, "min": 0, "max": 1}}
    assert _said(write, body, check) == (Verdict.NOT_APPLICABLE, [(
        "no official-email in operation (mail is planned)",
        "không có official-email nào đang vận hành (mail: mới có kế hoạch)")])
    assert _said(write, body, check, design=True)[1] == [(
        "the design lacks official-email", "thiết kế không có official-email")]


PORTALS = "  components:\n    - {id: cong, kind: web-portal}\n"
PORTAL_CHECK = {"kind": "reachable", "params": {"from": {"kind": "web-portal"},
                                                "to": {"kind": "government-portal"}}}


def test_alternatives_say_what_the_others_came_to(write: Write) -> None:
    fails = {"kind": "connection-required", "params": {"from": {"kind": "web-portal"}, "to": {"kind": "sso"}}}
    none = {"kind": "connection-required", "params": {"from": {"kind": "one-stop-shop"}, "to": {"kind": "sso"}}}
    assert _said(write, PORTALS, {"kind": "any", "params": {"checks": [fails, PORTAL_CHECK, PORTAL_CHECK]}}) == (
        Verdict.FAIL, [("cong has no any connection to sso (the model has no sso) "
                        "(nor do the other 2 alternatives)",
                        "cong không có kết nối any đến sso (mô hình không có sso) (2 phương án còn lại cũng vậy)")])
    assert _said(write, PORTALS, {"kind": "any", "params": {"checks": [fails, PORTAL_CHECK, none]}}) == (
        Verdict.FAIL, [("cong has no any connection to sso (the model has no sso) (nor does one other alternative; "
                        "alternatives that do not apply: no one-stop-shop in the model)",
                        "cong không có kết nối any đến sso (mô hình không có sso) (một phương án khác cũng vậy; "
                        "các phương án không áp dụng: mô hình không có one-stop-shop)")])
    assert _said(write, PORTALS, {"kind": "all", "params": {"checks": [none, {
        "kind": "attribute", "params": {"select": {"kind": "sso"}, "attribute": "x"}}]}}) == (
        Verdict.NOT_APPLICABLE, [("no one-stop-shop in the model; no sso in the model",
                                  "mô hình không có one-stop-shop; mô hình không có sso")])


def test_not_says_an_undecided_condition(write: Write) -> None:
    body = "  components:\n    - {id: cong, kind: web-portal, status: unknown}\n"
    assert _said(write, body, {"kind": "not", "params": {"check": PORTAL_CHECK, "message": "x"}}) == (
        Verdict.CANNOT_VERIFY, [(
            "cannot verify: whether cong (web-portal) is in operation is unknown (so whether the rule's condition "
            "fails cannot be decided)",
            "chưa thể xác minh: chưa rõ cong (web-portal) có đang vận hành hay không (vì vậy không thể quyết định "
            "điều kiện của quy tắc có bị vi phạm hay không)")])


def test_a_partial_connection(write: Write) -> None:
    body = ("  components:\n    - {id: cong, kind: web-portal}\n  national:\n"
            "    - {id: cp, kind: government-portal}\n"
            "  connections:\n"
            "    - {from: cong, to: cp, kind: data-exchange, reach: {extent: most, phrase: phần lớn}}\n")
    check = {"kind": "connection-required", "params": {"from": {"kind": "web-portal"},
                                                       "to": {"kind": "government-portal"}}}
    assert _said(write, body, check) == (Verdict.CANNOT_VERIFY, [(
        'cannot verify the remainder: the connection from cong to cp reaches only most ("phần lớn")',
        'chưa thể xác minh phần còn lại: kết nối từ cong đến cp chỉ tới được phần lớn ("phần lớn")')])


HUB = ("  components:\n    - {id: qlvb, kind: document-management}\n    - {id: lgsp, kind: integration-platform}\n"
       "    - {id: x, kind: data-warehouse}\n  national:\n    - {id: truc, kind: national-document-axis}\n")
VIA = {"kind": "reachable", "params": {"from": {"kind": "document-management"},
                                       "to": {"kind": "national-document-axis"},
                                       "via": {"kind": "integration-platform"}}}


def test_reachability_through_a_hub(write: Write) -> None:
    stops = HUB + "  connections:\n    - {from: qlvb, to: lgsp, kind: data-exchange}\n"
    verdict, said = _said(write, stops, VIA)
    assert (verdict, said) == (Verdict.FAIL, [(
        "qlvb does not reach national-document-axis through integration-platform: reaches lgsp but the chain "
        "stops at lgsp",
        "qlvb không đến được national-document-axis qua integration-platform: đến được lgsp nhưng chuỗi dừng ở lgsp")])
    unsure = HUB + ("  connections:\n    - {from: qlvb, to: lgsp, kind: data-exchange}\n"
                    "    - {from: lgsp, to: truc, kind: data-exchange, status: unknown}\n")
    assert _said(write, unsure, VIA) == (Verdict.CANNOT_VERIFY, [(
        "cannot verify: qlvb reaches national-document-axis through integration-platform only over connections or "
        "components of unknown status",
        "chưa thể xác minh: qlvb chỉ đến được national-document-axis qua integration-platform bằng các kết nối hoặc "
        "thành phần chưa rõ trạng thái")])
    most = HUB + ("  connections:\n    - {from: qlvb, to: lgsp, kind: data-exchange}\n"
                  "    - {from: lgsp, to: truc, kind: data-exchange, reach: {used: 15, total: 21}}\n")
    assert _said(write, most, VIA) == (Verdict.CANNOT_VERIFY, [(
        "cannot verify the remainder: qlvb reaches national-document-axis through integration-platform only over "
        "lgsp → truc, which reaches only 15/21",
        "chưa thể xác minh phần còn lại: qlvb chỉ đến được national-document-axis qua integration-platform bằng "
        "lgsp → truc, kết nối này chỉ tới được 15/21")])


def test_reachability_without_a_hub(write: Write) -> None:
    check = {"kind": "reachable", "params": {"from": {"kind": "document-management"},
                                             "to": {"kind": "national-document-axis"}}}
    assert _said(write, HUB, check) == (Verdict.FAIL, [(
        "qlvb does not reach national-document-axis: it has no usable outgoing connection of any kind",
        "qlvb không đến được national-document-axis: không có kết nối đi ra nào dùng được")])
    chain = HUB + ("  connections:\n    - {from: qlvb, to: x, kind: data-exchange}\n"
                   "    - {from: x, to: truc, kind: data-exchange, status: absent}\n")
    assert _said(write, chain, check) == (Verdict.FAIL, [(
        "qlvb does not reach national-document-axis: the chain qlvb → x stops at x (x → truc is absent)",
        "qlvb không đến được national-document-axis: chuỗi qlvb → x dừng ở x (x → truc: không có)")])


def test_a_hub_not_ready_tolerates_a_direct_connection(write: Write) -> None:
    body = ("  components:\n    - {id: qlvb, kind: document-management, status: unknown}\n"
            "    - {id: lgsp, kind: integration-platform, readiness: not-ready}\n"
            "    - {id: truc, kind: one-stop-shop, status: unknown}\n"
            "  connections:\n    - {from: qlvb, to: truc, kind: data-exchange}\n")
    check = {"kind": "forbidden-connection", "params": {
        "from": {"kind": "document-management"}, "to": {"kind": "one-stop-shop"},
        "unless_via": {"kind": "integration-platform"}, "cap_when_hub_not_ready": "warning"}}
    assert _said(write, body, check) == (Verdict.CANNOT_VERIFY, [(
        "cannot verify: a direct data-exchange connection qlvb -[data-exchange]-> truc bypassing "
        "integration-platform joins qlvb and truc, of unknown status",
        "chưa thể xác minh: kết nối data-exchange trực tiếp qlvb -[data-exchange]-> truc bỏ qua integration-platform, "
        "nối qlvb và truc, chưa rõ trạng thái")])
    sure = body.replace(", status: unknown", "")
    assert _said(write, sure, check) == (Verdict.FAIL, [(
        "direct data-exchange connection qlvb → truc bypasses integration-platform; tolerated while lgsp is "
        "declared not ready (TT 13/2017 exception)",
        "kết nối data-exchange trực tiếp qlvb → truc bỏ qua integration-platform; được chấp nhận khi lgsp được khai "
        "báo là chưa sẵn sàng (ngoại lệ theo TT 13/2017)")])
    unknown_route = sure.replace("kind: data-exchange}", "kind: data-exchange, via: unknown}")
    assert _said(write, unknown_route, {"kind": "forbidden-connection", "params": {
        "from": {"kind": "document-management"}, "to": {"kind": "one-stop-shop"}}}) == (
        Verdict.CANNOT_VERIFY, [(
            "cannot verify: whether the data-exchange connection qlvb → truc passes through a hub is unknown "
            "(via: unknown)",
            "chưa thể xác minh: chưa rõ kết nối data-exchange qlvb → truc có đi qua nền tảng trung gian hay không "
            "(via: unknown)")])


COVERED = "  components:\n    - id: qlvb\n      kind: document-management\n      deployment:\n"
COVERAGE = {"kind": "coverage", "params": {"select": {"kind": "document-management"}, "level": "commune",
                                           "min_percent": 100}}


@pytest.mark.parametrize(("deployment", "verdict", "en", "vi"), [
    ("{used: 40}", Verdict.FAIL,
     "qlvb is used by 40/100 commune units (40%); at least 100% of commune units required",
     "qlvb được 40/100 đơn vị cấp xã sử dụng (40%); cần ít nhất 100% số đơn vị cấp xã"),
    ("{extent: most}", Verdict.CANNOT_VERIFY,
     "cannot verify the remainder: the source gives commune coverage of qlvb only as most; at least 100% of "
     "commune units required",
     "chưa thể xác minh phần còn lại: nguồn chỉ cho biết mức triển khai cấp xã của qlvb là phần lớn; cần ít nhất "
     "100% số đơn vị cấp xã"),
    ("{percent: 30, bound: at-least}", Verdict.CANNOT_VERIFY,
     "cannot verify: the source gives commune coverage of qlvb only as more than 30%; at least 100% of commune "
     "units required",
     "chưa thể xác minh: nguồn chỉ cho biết mức triển khai cấp xã của qlvb là hơn 30%; cần ít nhất 100% số đơn vị "
     "cấp xã"),
    ("{used: unknown}", Verdict.CANNOT_VERIFY, "cannot verify: commune coverage of qlvb is unknown/100",
     "chưa thể xác minh: mức triển khai cấp xã của qlvb là chưa rõ/100"),
])
def test_coverage_figures(write: Write, deployment: str, verdict: Verdict, en: str, vi: str) -> None:
    body = UNITS + COVERED + f"        commune: {deployment}\n"
    assert _said(write, body, COVERAGE) == (verdict, [(en, vi)])


def test_coverage_with_units_of_the_level_that_have_their_own(write: Write) -> None:
    body = UNITS + COVERED + ("        commune: {extent: none}\n"
                              "    - {id: qlvb-xa, kind: document-management, owner_level: commune}\n")
    assert _said(write, body, COVERAGE) == (Verdict.CANNOT_VERIFY, [(
        "cannot verify the remainder: qlvb is used by none of the commune units; at least 100% of commune units "
        "required, and the commune-owned qlvb-xa may serve the rest",
        "chưa thể xác minh phần còn lại: qlvb được không số đơn vị cấp xã sử dụng; cần ít nhất 100% số đơn vị cấp xã, "
        "và qlvb-xa thuộc cấp xã có thể phục vụ phần còn lại")])


ATTRIBUTED = "  components:\n    - {id: dvc, kind: public-service-portal, attributes: ATTRS}\n"


@pytest.mark.parametrize(("attrs", "params", "said"), [
    ("{level: 2}", {"op": "min", "value": 3}, ("dvc: 2 is below 3", "dvc: 2 thấp hơn 3",
     ("level min 3", "level tối thiểu 3"))),
    ("{level: 4}", {"op": "max", "value": 3}, ("dvc: 4 is above 3", "dvc: 4 cao hơn 3",
     ("level max 3", "level tối đa 3"))),
    ("{level: x}", {"op": "min", "value": 3}, ("dvc: 'x' is not a number", "dvc: 'x' không phải là số",
     ("level min 3", "level tối thiểu 3"))),
    ("{level: 2}", {"op": "equals", "value": 3}, ("dvc: 2 is not 3", "dvc: 2 không phải 3",
     ("level equals 3", "level bằng 3"))),
    ("{level: 2}", {"op": "in", "value": [3, 4]}, ("dvc: 2 is not one of [3, 4]", "dvc: 2 không thuộc [3, 4]",
     ("level in [3, 4]", "level thuộc [3, 4]"))),
    ("{level: 2, all: 0}", {"op": "ratio-min", "value": 0.5, "of": "all"}, ("dvc: all is 0", "dvc: all bằng 0",
     ("level ratio-min 0.5 of all", "level tối thiểu 0.5 của all"))),
    ("{other: 1}", {}, ("dvc: attribute level is not stated (write `unknown` if the source does not say)",
     "dvc: mô hình không nêu thuộc tính level (ghi `unknown` nếu nguồn không nói)",
     ("level present", "có thuộc tính level"))),
])
def test_attribute_constraints(write: Write, attrs: str, params: dict[str, Any],
                               said: tuple[str, str, tuple[str, str]]) -> None:
    en, vi, expected = said
    (p,) = load_model(write("m.yaml", HEAD + ATTRIBUTED.replace("ATTRS", attrs))).provinces
    check = parse_check({"kind": "attribute", "params": {
        "select": {"kind": "public-service-portal"}, "attribute": "level", **params}})
    (v,) = check.evaluate(CheckContext(p, build_graph(p))).violations
    assert isinstance(v.message, Message) and isinstance(v.evidence.expected, Message)
    assert (say(v.message, "en"), say(v.message, "vi")) == (en, vi)
    assert (say(v.evidence.expected, "en"), say(v.evidence.expected, "vi")) == expected


@pytest.mark.parametrize("cov", [
    Coverage(90, 147, None, False, ()), Coverage(90, None, None, True, ()), Coverage(None, None, 30, True, ()),
    Coverage(None, None, 12.5, False, ()), Coverage(None, None, None, False, ()),
    Coverage(None, None, None, False, (), extent=Extent.SOME, phrase="một số"),
    Coverage(None, None, None, False, (), extent=Extent.UNKNOWN), Coverage(None, 20, None, False, ()),
])
def test_a_figure_is_said_in_english_as_the_model_describes_it(cov: Coverage) -> None:
    for total in (None, 147):
        assert say(cov.said(total), "en") == cov.describe(total)
    assert "unknown" not in say(cov.said(None), "vi")


def test_statuses_are_said_in_vietnamese(write: Write) -> None:
    body = ("  components:\n    - {id: dvc, kind: public-service-portal}\n"
            "    - {id: motcua, kind: one-stop-shop}\n"
            "  connections:\n    - {from: dvc, to: motcua, kind: synchronisation, status: planned}\n")
    (p,) = load_model(write("m.yaml", HEAD + body)).provinces
    check = parse_check({"kind": "connection-required", "params": {
        "from": {"kind": "public-service-portal"}, "to": {"kind": "one-stop-shop"}, "kinds": "synchronisation"}})
    (v,) = check.evaluate(CheckContext(p, build_graph(p))).violations
    assert say(v.evidence.actual, "vi") == "dvc -[synchronisation]-> motcua (mới có kế hoạch)"
    assert say(v.message, "vi") == ("dvc không có kết nối synchronisation nào đang vận hành đến one-stop-shop "
                                    f"(dvc → motcua: {say(Message('status.' + Status.PLANNED.value), 'vi')})")


def test_not_says_the_rules_own_words_in_both_languages(write: Write) -> None:
    (p,) = load_model(write("m.yaml", HEAD + PORTALS)).provinces
    check = parse_check({"kind": "not", "params": {"check": {
        "kind": "component-count", "params": {"select": {"kind": "web-portal"}}},
        "message": Text("a web portal is not allowed here", "không được có cổng thông tin ở đây")}})
    (v,) = check.evaluate(CheckContext(p, build_graph(p))).violations
    assert (say(v.message, "en"), say(v.message, "vi")) == (
        "a web portal is not allowed here", "không được có cổng thông tin ở đây")
