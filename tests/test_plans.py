"""A province's own targets (``province.targets``) beside the national ones, and the shipped design
example (province_models/danang.yaml: the city's plan for NQ 17/NQ-CP) in both views."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.findings import KpiStatus, PlanStatus
from archcheck.report import REPORTERS, ReportOptions
from tests.conftest import GOLDEN, ROOT
from tests.test_law import MODEL_2021_V1

Write = Callable[[str, str], Path]

WITH_COUNTS = MODEL_2021_V1.replace(
    "    - {id: dvc, kind: public-service-portal, attributes: {security_level: 3}}",
    "    - {id: dvc, kind: public-service-portal, attributes: {security_level: 3, "
    "online_services: {total: 1696, level4: 7}}}")


def _with_targets(*targets: str) -> str:
    return WITH_COUNTS.replace("  components:\n", "  targets:\n" + "".join(f"    - {t}\n" for t in targets)
                               + "  components:\n", 1)


@pytest.mark.parametrize(("targets", "plan", "status"), [
    (["{metric: level4-services-percent, value: 40, by: 2019-10-31}"],
     "level4-services-percent 40 by 2019-10-31", PlanStatus.MEETS),
    (["{metric: level4-services-percent, value: 20, by: 2020-06-30}"],
     "level4-services-percent 20 by 2020-06-30", PlanStatus.BELOW),
    (["{metric: level4-services-percent, value: 30, by: 2021-06-30}"],
     "level4-services-percent 30 by 2021-06-30", PlanStatus.LATER),
    (["{metric: level4-services-percent, value: unknown, by: 2020-12-31}"],
     "level4-services-percent unknown by 2020-12-31", PlanStatus.UNKNOWN),
    (["{metric: level4-services-percent, value: 20, by: 2019-12-31}",
      "{metric: level4-services-percent, value: 35, by: 2020-12-31}"],
     "level4-services-percent 35 by 2020-12-31", PlanStatus.MEETS),  # the stage that reaches it counts
])
def test_the_plan_is_set_beside_the_national_target(write: Write, targets: list[str], plan: str,
                                                     status: PlanStatus) -> None:
    (report,) = api.validate([write("m.yaml", _with_targets(*targets))]).reports
    (kpi,) = [k for k in report.kpis if k.rule_id == "DVC-007"]
    assert (str(kpi.plan), kpi.plan_status) == (plan, status)
    assert kpi.status is KpiStatus.NOT_MET  # the plan never stands for the count: 7 of 1696 is 0.4%
    assert str(kpi.figure) == "dvc: online_services.level4 7 of online_services.total 1696 (0.4%)"


def test_the_operation_view_sets_the_count_beside_the_plan(write: Write) -> None:
    below = _with_targets("{metric: level4-services-percent, value: 40, by: 2019-10-31}")
    (report,) = api.validate([write("m.yaml", below)]).reports
    (kpi,) = [k for k in report.kpis if k.rule_id == "DVC-007"]
    assert (kpi.count_compared, kpi.count_reaches_plan) == (True, False)
    assert kpi.count is not None and round(kpi.count, 2) == 0.41  # 7 of 1696
    reached = below.replace("online_services: {total: 1696, level4: 7}", "online_services: {total: 100, level4: 45}")
    run = api.validate([write("m.yaml", reached)])
    (kpi,) = [k for k in run.reports[0].kpis if k.rule_id == "DVC-007"]
    assert (kpi.status, kpi.count_reaches_plan) == (KpiStatus.MET, True)
    assert ("      the province's own target (a plan, not a count): level4-services-percent 40 by 2019-10-31 → "
            "meets the national target; the model's count (45%) reaches it") in \
        REPORTERS["text"](run, ReportOptions()).splitlines()
    unknown = below.replace("online_services: {total: 1696, level4: 7}",
                            "online_services: {total: 100, level4: unknown}")
    (report,) = api.validate([write("m.yaml", unknown)]).reports
    (kpi,) = [k for k in report.kpis if k.rule_id == "DVC-007"]
    assert (kpi.count, kpi.count_compared, kpi.count_reaches_plan) == (None, True, None)


def test_the_design_view_sets_only_the_plan_beside_the_national_target(write: Write) -> None:
    text = _with_targets("{metric: level4-services-percent, value: 40, by: 2019-10-31}").replace(
        "  targets:\n", "  design:\n    horizon: 2020-12-31\n    stages: [{id: s1, from: 2019-01-01, to: 2020-12-31}]\n"
        "  targets:\n", 1).replace("province:\n", "archcheck: 2\nprovince:\n", 1)
    (report,) = api.validate([write("m.yaml", text)], view="design").reports
    (kpi,) = [k for k in report.kpis if k.rule_id == "DVC-007"]
    assert (kpi.plan_status, kpi.count_compared, kpi.count, kpi.count_reaches_plan) == (
        PlanStatus.MEETS, False, None, None)


def test_no_target_for_the_metric_says_nothing(write: Write) -> None:
    (report,) = api.validate([write("m.yaml", _with_targets(
        "{metric: dossiers-online-percent, value: 50, by: 2020-12-31}"))]).reports
    (kpi,) = [k for k in report.kpis if k.rule_id == "DVC-007"]
    assert (kpi.plan, kpi.plan_status) == (None, None)
    text = REPORTERS["text"](api.validate([write("m.yaml", WITH_COUNTS)]), ReportOptions())
    assert "own target" not in text


def test_the_plan_in_the_text_and_json_reports(write: Write) -> None:
    run = api.validate([write("m.yaml", _with_targets(
        "{metric: level4-services-percent, value: 20, by: 2020-06-30}"))])
    lines = REPORTERS["text"](run, ReportOptions()).splitlines()
    i = lines.index("      model: dvc: online_services.level4 7 of online_services.total 1696 (0.4%)")
    assert lines[i + 1] == ("      the province's own target (a plan, not a count): level4-services-percent 20 by "
                            "2020-06-30 → below the national target; the model's count (0.4%) is below it")
    (entry,) = [k for k in json.loads(REPORTERS["json"](run, ReportOptions()))["reports"][0]["kpis"]
                if k["rule_id"] == "DVC-007"]
    assert entry["plan"] == {"target": "level4-services-percent 20 by 2020-06-30", "status": "below",
                             "count_percent": 7 / 1696 * 100, "count_reaches_plan": False}


def test_a_target_quote_is_never_the_evidence_of_a_finding() -> None:
    model = ROOT / "province_models" / "danang.yaml"
    quotes = {"tối thiểu 40% dịch vụ công trực tuyến ở mức 4 hoàn thành trong tháng 10-2019",
              "100% cơ quan và địa phương triển khai sử dụng thanh toán trực tuyến và hóa đơn điện tử"}
    for view in ("operation", "design"):
        (report,) = api.validate([model], view=view).reports
        used = {p.quote for f in report.findings for p in f.provenance}
        assert not quotes & used, view


VIEWS = [("operation", None), ("design", None), ("design", "nq17-2019-2020")]
EXTENSIONS = {"text": "txt", "json": "json"}


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
@pytest.mark.parametrize(("view", "stage"), VIEWS)
def test_golden_design_example(view: str, stage: str | None, fmt: str) -> None:
    """The shipped design example validates in both views (whole roadmap and its one stage)."""
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        run = api.validate(["province_models/danang.yaml"], view=view, stage=stage)
    finally:
        os.chdir(cwd)
    assert not run.errors
    got = REPORTERS[fmt](run, ReportOptions())
    golden = GOLDEN / f"danang-{view}{'-' + stage if stage else ''}.{EXTENSIONS[fmt]}"
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
