"""The design view judges the design (issue 30, item 6): items of unknown current state that a stage
brings in are in the design; obligations that began after the design was approved are reported apart,
with the date; the reform can be stated as a change of ``admin_structure`` at a date."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from archcheck import api
from archcheck.cli import main
from archcheck.findings import Outcome

Write = Callable[[str, str], Path]

DESIGN = """\
archcheck: 2
sources:
  qd: {title: "Quyết định phê duyệt Kiến trúc Chính quyền điện tử tỉnh"}
province:
  name: Lâm Đồng
  as_of: 2021-06-01
  framework: "2.0"
  admin_structure: three-tier
  units: {department: {total: 20}, district: {total: 12}, commune: {total: 140}}
  design:
    document: {doc: qd, quote: "phê duyệt"}
    approved: 2021-03-01
    horizon: 2030-12-31
    stages:
      - {id: s1, name: "2021–2025", from: 2021-01-01, to: 2025-12-31}
      - {id: s2, name: "2026–2030", from: 2026-01-01, to: 2030-12-31}
  components:
    - {id: cong, kind: web-portal, attributes: {security_level: 2}}
    - {id: lgsp, kind: integration-platform, status: unknown, stage: s1, attributes: {security_level: 3}}
"""


def outcomes(write: Write, text: str, *args: str) -> dict[str, Outcome]:
    view = "design" if "--view" in args else "operation"
    run = api.validate([write("m.yaml", text)], view=view)
    assert not run.errors, run.errors
    return {o.rule_id: o.outcome for o in run.reports[0].outcomes}


def test_an_item_of_unknown_state_that_a_stage_brings_in_is_in_the_design(write: Write) -> None:
    assert outcomes(write, DESIGN)["INT-002"] is Outcome.CANNOT_VERIFY  # in operation: the source does not say
    # the design is judged at its horizon (2030), where INT-002 (NĐ 47/2020) has ended and INT-011 (NĐ 278/2025,
    # its successor) asks for the same platform
    assert outcomes(write, DESIGN, "--view")["INT-002"] is Outcome.ENDED
    assert outcomes(write, DESIGN, "--view")["INT-011"] is Outcome.PASSED  # the design includes it
    result = CliRunner().invoke(main, ["progress", str(write("m.yaml", DESIGN))])
    assert "lgsp" in result.output


def test_an_item_of_unknown_state_without_a_stage_is_not_in_the_design(write: Write) -> None:
    text = DESIGN.replace("status: unknown, stage: s1, ", "status: unknown, ")
    assert outcomes(write, text, "--view")["INT-011"] is Outcome.CANNOT_VERIFY


def test_obligations_after_the_approval_are_reported_apart_with_the_date(write: Write) -> None:
    model = write("m.yaml", DESIGN)
    text = CliRunner().invoke(main, ["validate", str(model), "--view", "design"]).output
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if "came after the design was approved" in line)
    assert lines[head].startswith("  obligations that came after the design was approved on 2021-03-01 (")
    assert "ADM-001 (in force from 2025-07-01)" in lines[head]
    # ADM-001's findings are in that section, not among the design's own errors
    before = "\n".join(lines[:head])
    assert "ADM-001" not in before
    assert "ADM-001 no-district-level" in "\n".join(lines[head:])
    doc = json.loads(CliRunner().invoke(main, ["validate", str(model), "--view", "design", "--format",
                                               "json"]).output)
    report = doc["reports"][0]
    assert report["design_approved"] == "2021-03-01"
    assert {"rule_id": "ADM-001", "effective": "2025-07-01"} in report["after_design_approval"]


def test_without_an_approval_date_nothing_is_set_apart(write: Write) -> None:
    run = api.validate([write("m.yaml", DESIGN.replace("    approved: 2021-03-01\n", ""))], view="design")
    assert run.reports[0].after_approval == ()


def test_the_reform_stated_as_a_change_at_a_date(write: Write) -> None:
    text = DESIGN.replace("admin_structure: three-tier",
                          "admin_structure: {from: three-tier, to: two-tier, on: 2025-07-01}")
    assert outcomes(write, text, "--view")["ADM-001"] is Outcome.PASSED
    late = text.replace("on: 2025-07-01", "on: 2026-01-01")
    run = api.validate([write("m.yaml", late)], view="design")
    (f,) = [f for f in run.reports[0].findings if f.rule_id == "ADM-001"]
    assert f.path == ("province", "admin_structure", "on")
    assert f.text().startswith("the model states the change to two tiers on 2026-01-01, but from 2025-07-01")


def test_a_version_1_model_is_told_the_change_is_format_2(write: Write) -> None:
    text = DESIGN.replace("archcheck: 2", "archcheck: 1").replace("admin_structure: three-tier",
                                                                  "admin_structure: {from: three-tier, to: "
                                                                  "two-tier, on: 2025-07-01}")
    run = api.validate([write("m.yaml", text)])
    assert len(run.errors) == 1
    assert "is model format 2" in run.errors[0].message


def test_the_html_shows_the_obligations_after_the_approval_apart(write: Write) -> None:
    model = write("m.yaml", DESIGN)
    html = CliRunner().invoke(main, ["validate", str(model), "--view", "design", "--format", "html",
                                     "--lang", "en"]).output
    head = '<section class="after-approval findings"><h3>Obligations that came after the design was approved on ' \
           '2021-03-01 ('
    assert head in html
    before = html[:html.index(head)]
    assert 'data-rule="ADM-001"' not in before
    assert 'data-rule="ADM-001"' in html[html.index(head):]
