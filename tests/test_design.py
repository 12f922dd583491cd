"""The design view (an approved architecture with a roadmap), progress per stage, targets, and the
contradictions a design can hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck import api
from archcheck.check.engine import ProvinceReport
from archcheck.cli import main
from archcheck.errors import SchemaError
from archcheck.findings import Outcome
from tests.conftest import checked

Write = Callable[[str, str], Path]

DESIGN = """\
archcheck: 2
province:
  name: Tỉnh Mẫu
  as_of: 2024-06-30
  framework: "2.0"
  design:
    horizon: 2030-12-31
    stages:
      - {id: s1, name: "2021–2023", from: 2021-01-01, to: 2023-12-31}
      - {id: s2, name: "2024–2025", from: 2024-01-01, to: 2025-12-31}
  targets:
    - {metric: dossiers-online-percent, value: 50, by: 2025-12-31}
  components:
    - {id: qlvb, kind: document-management}
    - {id: dc, kind: data-centre, status: planned, stage: s1}
    - {id: lgsp, kind: integration-platform, status: planned, stage: s2}
"""


def _report(write: Write, text: str = DESIGN, **kw: object) -> ProvinceReport:
    (report,) = checked(api.validate([write("m.yaml", text)], **kw)).reports  # type: ignore[arg-type]
    return report


def _outcome(report: ProvinceReport, rule_id: str) -> Outcome:
    (o,) = [o for o in report.outcomes if o.rule_id == rule_id]
    return o.outcome


def _messages(report: ProvinceReport, rule_id: str) -> list[tuple[str, int, str]]:
    return [(f.subject, f.location.line if f.location else 0, f.text())
            for f in report.findings if f.rule_id == rule_id]


def test_planned_data_centre_passes_in_the_design_view_and_is_not_in_operation_otherwise(write: Write) -> None:
    design = _report(write, view="design")
    assert _outcome(design, "INF-001") is Outcome.PASSED
    assert design.evaluated_as_of == dt.date(2030, 12, 31)
    assert str(design.evaluation_note).endswith("; design view, the whole roadmap (horizon 2030-12-31)")
    operation = _report(write)
    assert _outcome(operation, "INF-001") is Outcome.FAILED
    assert _messages(operation, "INF-001") == [("data-centre", 15, "no data-centre in operation (dc is planned)")]


def test_a_stage_limits_the_design_and_sets_the_date(write: Write) -> None:
    report = _report(write, view="design", stage="s1")
    assert report.evaluated_as_of == dt.date(2023, 12, 31)
    assert str(report.evaluation_note).endswith("; design view, up to stage s1 2021–2023 (to 2023-12-31)")
    assert _outcome(report, "INF-001") is Outcome.PASSED
    assert _messages(report, "INT-002") == [
        ("integration-platform", 16, "the design lacks integration-platform (lgsp is planned)")]
    # s2 ends on 2025-12-31, after NĐ 47/2020 (INT-002) ended: its successor under NĐ 278/2025 (INT-011) passes
    assert _outcome(_report(write, view="design", stage="s2"), "INT-011") is Outcome.PASSED


def test_the_design_lacks_what_it_does_not_include(write: Write) -> None:
    report = _report(write, view="design")
    assert _messages(report, "DOC-003") == [("digital-signature", 13, "the design lacks digital-signature")]


def test_design_view_without_a_design_or_with_an_unknown_stage_is_an_input_error(write: Write) -> None:
    plain = DESIGN.split("  design:", maxsplit=1)[0] + "  components:\n    - {id: qlvb, kind: document-management}\n"
    with pytest.raises(SchemaError) as exc:
        _report(write, plain, view="design")
    assert exc.value.message == "--view design needs the approved design: the model has no `design:`"
    assert (exc.value.line, exc.value.column) == (2, 1)
    with pytest.raises(SchemaError) as exc:
        _report(write, view="design", stage="s3")
    assert exc.value.message == "--stage 's3': the design has no such stage"
    assert exc.value.hint == "the design's stages: s1, s2"


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("stage: s2}", "stage: s9}", 16, "province.components[2].stage: unknown stage 's9'"),
    ("to: 2025-12-31}", "to: 2031-12-31}", 10,
     "province.design.stages[1].to: stage 's2' ends 2031-12-31, after the design's horizon 2030-12-31"),
    ("from: 2024-01-01, to: 2025-12-31}", "from: 2026-01-01, to: 2025-12-31}", 10,
     "province.design.stages[1].to: stage 's2' ends (2025-12-31) before it starts (2026-01-01)"),
])
def test_design_contradictions_are_located_errors(write: Write, old: str, new: str, line: int, message: str) -> None:
    with pytest.raises(SchemaError) as exc:
        _report(write, DESIGN.replace(old, new))
    assert exc.value.line == line
    assert exc.value.message == message


def test_progress_lists_each_stage_and_what_is_overdue(write: Write) -> None:
    model = write("m.yaml", DESIGN)
    result = CliRunner().invoke(main, ["progress", str(model)])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{model}: Tỉnh Mẫu — design to 2030-12-31, model as of 2024-06-30",
        "  stage s1 2021–2023 (2021-01-01 – 2023-12-31, ended)",
        "    in the design: 1; in operation: 0; planned: 1; OVERDUE (the stage ended 2023-12-31)",
        "      overdue: dc (data-centre)",
        "  stage s2 2024–2025 (2024-01-01 – 2025-12-31, under way)",
        "    in the design: 1; in operation: 0; planned: 1",
        "      planned: lgsp (integration-platform)",
        "  targets (the province's own; not evidence for a count)",
        "    dossiers-online-percent: 50 by 2025-12-31 (open)",
    ]


def test_validate_cli_view_design(write: Write) -> None:
    model = write("m.yaml", DESIGN)
    result = CliRunner().invoke(main, ["validate", str(model), "--view", "design", "--stage", "s2"])
    assert "design view, up to stage s2 2024–2025 (to 2025-12-31)" in result.output.splitlines()[2]


UNDATED = DESIGN.replace("horizon: 2030-12-31", "horizon: unknown").replace(
    "from: 2024-01-01, to: 2025-12-31}", "from: unknown, to: unknown}")


def test_a_design_whose_dates_the_document_does_not_give_needs_as_of(write: Write) -> None:
    with pytest.raises(SchemaError) as exc:
        _report(write, UNDATED, view="design")
    assert exc.value.message == ("--view design: the design's horizon has no end date (the document does not give "
                                 "it), so there is no date to check the design at")
    assert (exc.value.line, exc.value.column, exc.value.hint) == (
        7, 5, "pass --as-of DATE to check the design at a date you choose")
    with pytest.raises(SchemaError) as exc:
        _report(write, UNDATED, view="design", stage="s2")
    assert exc.value.message.startswith("--view design: the design's stage 's2' has no end date")
    assert (exc.value.line, exc.value.column) == (10, 52)
    dated = _report(write, UNDATED, view="design", stage="s1")  # s1's dates are known
    assert dated.evaluated_as_of == dt.date(2023, 12, 31)
    chosen = _report(write, UNDATED, view="design", as_of=dt.date(2026, 1, 1))
    assert chosen.evaluated_as_of == dt.date(2026, 1, 1)
    assert str(chosen.evaluation_note) == "--as-of; design view, the whole roadmap (horizon unknown)"
    assert _outcome(chosen, "INT-011") is Outcome.PASSED  # INT-002's successor from 2025-10-22


def test_progress_shows_unknown_dates_and_never_calls_them_overdue(write: Write) -> None:
    model = write("m.yaml", UNDATED.replace("as_of: 2024-06-30", "as_of: 2031-06-30"))
    result = CliRunner().invoke(main, ["progress", str(model)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{model}: Tỉnh Mẫu — design to unknown, model as of 2031-06-30"
    assert lines[4:7] == ["  stage s2 2024–2025 (unknown – unknown, dates unknown)",
                          "    in the design: 1; in operation: 0; planned: 1",
                          "      planned: lgsp (integration-platform)"]
    assert "OVERDUE (the stage ended 2023-12-31)" in lines[2]  # s1's end is known and past


def test_the_shipped_undated_roadmap(write: Write) -> None:
    result = CliRunner().invoke(main, ["validate", "province_models/lamdong.yaml", "--view", "design"])
    assert result.exit_code == 2
    assert "province_models/lamdong.yaml:" in result.stderr and "pass --as-of DATE" in result.stderr
