"""Online services and dossiers: by deployer, by level with a stated counting rule, full-process and
partial, dossiers online of all; parts never exceed totals; ratio findings with a sensible precision."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.check.graph import build_graph
from archcheck.check.kinds import CheckContext, parse_check
from archcheck.errors import SchemaError
from archcheck.read.loading import load_model
from tests.conftest import checked

Write = Callable[[str, str], Path]

MODEL = """\
province:
  name: Tỉnh Mẫu
  as_of: 2019-06-01
  framework: "1.0"
  components:
    - id: dvc
      kind: public-service-portal
      attributes:
        online_services:
SERVICES
"""


def _model(write: Write, services: str) -> Path:
    return write("m.yaml", MODEL.replace("SERVICES", services))


def test_level4_ratio_prints_a_sensible_precision_and_names_the_counts(write: Write) -> None:
    province = load_model(_model(write, "          total: 1696\n          level4: 7")).provinces[0]
    check = parse_check({"kind": "attribute", "params": {
        "select": {"kind": "public-service-portal"}, "attribute": "online_services.level4", "op": "ratio-min",
        "of": "online_services.total", "value": 0.3}})
    (v,) = check.evaluate(CheckContext(province, build_graph(province))).violations
    assert str(v.message) == "dvc: online_services.level4 / online_services.total = 7/1696 = 0.4%, below 30%"
    assert str(v.evidence.actual) == "online_services.level4 = 7, online_services.total = 1696 (0.4%)"


def test_the_full_shape_validates(write: Write) -> None:
    services = """\
          counting: highest-level
          total: 1696
          level3: 600
          level4: 7
          by_deployer:
            province: {total: 1200, level3: 500, level4: 7}
            district: {total: 300, level3: 100}
            ministries: {total: 196, full_process: 20, partial: 50}
          dossiers: {online: 1200, total: 250000, period: "2019"}"""
    (report,) = api.validate([_model(write, services)]).reports
    assert report.province == "Tỉnh Mẫu"


@pytest.mark.parametrize(("services", "line", "column", "message"), [
    ("          total: 1696\n          level4: 1697", 11, 11, "level4 1697 is more than total 1696"),
    ("          total: 10\n          full_process: 6\n          partial: 5", 12, 11,
     "full_process 6 + partial 5 is more than total 10"),
    ("          counting: highest-level\n          total: 10\n          level3: 6\n          level4: 5", 13, 11,
     "the levels add up to 11, more than total 10 (counting: highest-level)"),
    ("          counting: cumulative\n          level3: 5\n          level4: 6", 12, 11,
     "level4 6 is more than level3 5 (counting: cumulative, so every higher-level service also counts lower)"),
    ("          dossiers: {online: 11, total: 10}", 10, 22, "dossiers.online 11 is more than dossiers.total 10"),
    ("          by_deployer:\n            district: {total: 3, level4: 4}", 11, 34,
     "level4 4 is more than total 3"),
])
def test_a_part_above_its_total_is_a_located_input_error(write: Write, services: str, line: int, column: int,
                                                          message: str) -> None:
    with pytest.raises(SchemaError) as exc:
        checked(api.validate([_model(write, services)]))
    assert (exc.value.line, exc.value.column) == (line, column)
    assert exc.value.message.endswith(message)
    assert "a part cannot exceed its total" in (exc.value.hint or "")
