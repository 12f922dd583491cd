"""Targets apart (issue 30, item 4): a policy target is never a rule outcome of ``failed``; the ``rules:``
line, the JSON outcomes, the score and the HTML count targets in their own section."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from archcheck import api
from archcheck.cli import main
from archcheck.findings import Outcome, TargetState
from archcheck.report.score import scorecard

Write = Callable[[str, str], Path]

PORTAL_7_OF_1696 = """\
archcheck: 2
province:
  name: Tỉnh Mẫu
  as_of: 2021-06-01
  framework: "2.0"
  components:
    - id: dvc
      kind: public-service-portal
      attributes: {security_level: 3, online_services: {total: 1696, level3: 600, level4: 7}}
"""


def test_dvc_007_as_a_target_is_never_failed(write: Write) -> None:
    run = api.validate([write("m.yaml", PORTAL_7_OF_1696)])
    r = run.reports[0]
    o = next(o for o in r.outcomes if o.rule_id == "DVC-007")
    assert o.outcome is Outcome.TARGET
    assert str(o.reason) == "target: at least 30% of online public services at level 4 by 2020-12-31 (missed)"
    kpi = next(k for k in r.kpis if k.rule_id == "DVC-007")
    assert kpi.state is TargetState.MISSED
    assert not [f for f in r.findings if f.rule_id == "DVC-007"]


def test_the_rules_line_counts_targets_apart(write: Write) -> None:
    result = CliRunner().invoke(main, ["validate", str(write("m.yaml", PORTAL_7_OF_1696))])
    line = next(x for x in result.output.splitlines() if x.startswith("  rules: "))
    assert line.endswith("; targets: 1 missed, 3 cannot verify")
    assert "DVC-007" not in line


def test_json_outcomes_say_target_and_kpis_say_the_state(write: Write) -> None:
    result = CliRunner().invoke(main, ["validate", str(write("m.yaml", PORTAL_7_OF_1696)), "--format", "json"])
    doc = json.loads(result.stdout)
    province = doc["reports"][0]
    outcome = next(o for o in province["outcomes"] if o["rule_id"] == "DVC-007")
    assert outcome["outcome"] == "target"
    kpi = next(k for k in province["kpis"] if k["rule_id"] == "DVC-007")
    assert (kpi["status"], kpi["due"], kpi["state"]) == ("not-met", True, "missed")
    assert "failed" not in {o["outcome"] for o in province["outcomes"] if o["rule_id"].startswith("DVC-007")}


def test_the_score_counts_targets_apart(write: Write) -> None:
    run = api.validate([write("m.yaml", PORTAL_7_OF_1696)], outline=True)
    card = scorecard(run.reports, run.rules)
    p = card.provinces[0]
    assert ("DVC-007", TargetState.MISSED) in p.targets
    assert p.total.targets >= 1
    services = dict(p.areas)["public-services"]
    assert services.failed == sum(1 for o in run.reports[0].outcomes
                                  if o.outcome is Outcome.FAILED and o.rule_id.startswith(("DVC", "PORT")))
    result = CliRunner().invoke(main, ["score", str(write("m.yaml", PORTAL_7_OF_1696)), "--lang", "en"])
    assert "  Targets (not scored): " in result.output
    assert "DVC-007 missed" in result.output


def test_the_html_shows_the_targets_section(write: Write) -> None:
    result = CliRunner().invoke(main, ["validate", str(write("m.yaml", PORTAL_7_OF_1696)), "--format", "html",
                                       "--lang", "en"])
    html = result.stdout
    section = re.search(r'<section class="targets">(.*?)</section>', html, re.S)
    assert section is not None
    assert '<tr data-rule="DVC-007" data-state="missed">' in section.group(1)
    assert "Targets (KPIs, not violations)" in section.group(1)


def test_the_html_groups_by_severity_and_lists_no_info_note_as_a_violation(write: Write) -> None:
    # a 3.0 kind in a 2.0 model: VOC-001, an info note, and no violation at error level
    model = PORTAL_7_OF_1696.replace("  components:\n", "  components:\n    - {id: dl, kind: data-platform}\n")
    result = CliRunner().invoke(main, ["validate", str(write("m.yaml", model)), "--format", "html", "--lang", "en",
                                       "--framework", "1.0"])
    html = result.stdout
    severities = re.findall(r'<section class="findings" data-severity="([a-z]+)"><h3>([A-Za-z]+) \(', html)
    assert [s for s, _ in severities][:2] == ["error", "warning"]
    assert "Violations" not in html
    info = re.search(r'<section class="findings" data-severity="info">(.*?)</section>\n</section>', html, re.S)
    assert info is not None and 'data-rule="VOC-001"' in info.group(1)
