"""One owner of the evaluation date (issue 31, item 3): ``--as-of D`` and a model written ``as_of: D``
with the same facts get the same verdicts, rule by rule and target by target.

The facts held equal: every line of the model but its ``as_of`` (the components, connections, units,
coverage figures, the stated administrative structure and its date of change, the framework it names or
``unknown``). What may differ is only the wording that names the date's basis (``--as-of`` against ``the
model's as_of``) and what a message says of the model's own date; never an outcome, a finding's rule,
subject, path or severity, a target's status, or the date the rules were evaluated at.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.check.engine import ProvinceReport
from archcheck.model import DateBasis, Evaluation

from .conftest import MODELS

Write = Callable[[str, str], Path]

DATES = (dt.date(2024, 6, 1), dt.date(2025, 7, 1), dt.date(2026, 1, 1), dt.date(2026, 12, 1))
SHIPPED = sorted(MODELS.glob("*.yaml"))
_AS_OF = re.compile(r"^(  as_of: ).*$", re.MULTILINE)


def _dated(text: str, date: dt.date) -> str:
    """The model with its ``as_of`` (the one province's) set to ``date``; nothing else changed."""
    out, n = _AS_OF.subn(lambda m: f"{m.group(1)}{date.isoformat()}", text, count=1)
    assert n == 1
    return out


def _verdicts(r: ProvinceReport) -> dict[str, object]:
    """What a run concluded on one province, without the words that name the date's basis."""
    return {
        "date": r.evaluation.date,
        "framework": r.framework.id,
        "outcomes": [(o.rule_id, o.outcome.value, o.severity.value) for o in r.outcomes],
        "findings": sorted((f.rule_id, f.subject, f.path, f.severity.value, f.unverifiable, f.partial)
                           for f in r.findings),
        "kpis": [(k.rule_id, k.status.value, k.state.value, k.due, str(k.figure), k.plan_status) for k in r.kpis],
        "in_force": r.rules_in_force,
        "not_in_force": r.rules_not_in_force,
        "ended": [rid for rid, _ in r.rules_ended],
        "superseded": r.rules_superseded,
    }


def _report(path: Path, as_of: dt.date | None = None) -> ProvinceReport:
    run = api.validate([path], as_of=as_of)
    assert not run.errors, run.errors
    (report,) = run.reports
    return report


@pytest.mark.parametrize("date", DATES, ids=str)
@pytest.mark.parametrize("model", SHIPPED, ids=lambda p: p.name)
def test_as_of_given_equals_the_model_dated_then(model: Path, date: dt.date, write: Write) -> None:
    given = _report(model, as_of=date)
    dated = _report(write(model.name, _dated(model.read_text(encoding="utf-8"), date)))
    assert given.evaluation.basis is DateBasis.GIVEN
    assert dated.evaluation.basis is DateBasis.MODEL
    a, b = _verdicts(given), _verdicts(dated)
    for key in a:
        assert a[key] == b[key], (model.name, date, key)


# -- the case: DOC-004 by district coverage ------------------------------------------------

DOC_004 = """\
archcheck: 2
province:
  name: Tỉnh Mẫu
  as_of: {as_of}
  framework: "2.0"
  units: {{department: {{total: 20}}, district: {{total: 12}}, commune: {{total: 140}}}}
  components:
    - id: qlvb
      kind: document-management
      deployment: {{department: {{used: 20}}, district: {{used: 3}}, commune: {{used: 100}}}}
"""


def test_doc_004_as_of_2026_on_a_2024_model_is_the_verdict_of_the_model_dated_2026(write: Write) -> None:
    early = _report(write("early.yaml", DOC_004.format(as_of="2024-06-01")), as_of=dt.date(2026, 1, 1))
    late = _report(write("late.yaml", DOC_004.format(as_of="2026-01-01")))
    k_early = next(k for k in early.kpis if k.rule_id == "DOC-004")
    k_late = next(k for k in late.kpis if k.rule_id == "DOC-004")
    assert (k_early.status.value, k_early.state.value) == (k_late.status.value, k_late.state.value) == ("met", "met")
    assert str(k_early.figure) == str(k_late.figure)
    assert _verdicts(early) == _verdicts(late)
    # the same model at its own date (2024, three tiers): the district part applies and is below target
    own = _report(write("own.yaml", DOC_004.format(as_of="2024-06-01")))
    assert next(k for k in own.kpis if k.rule_id == "DOC-004").status.value == "not-met"


# -- the one record ---------------------------------------------------------------------------------

def test_the_evaluation_says_its_basis(write: Write) -> None:
    path = write("m.yaml", DOC_004.format(as_of="2024-06-01"))
    assert _report(path).evaluation == Evaluation(dt.date(2024, 6, 1), DateBasis.MODEL, dt.date(2024, 6, 1))
    given = _report(path, as_of=dt.date(2026, 1, 1)).evaluation
    assert given == Evaluation(dt.date(2026, 1, 1), DateBasis.GIVEN, dt.date(2024, 6, 1))
    assert (given.note.key, str(given.note)) == ("eval.given", "--as-of")
    old = write("old.yaml", DOC_004.format(as_of="2018-06-01"))
    framework = _report(old).evaluation
    assert (framework.date, framework.basis) == (dt.date(2019, 12, 31), DateBasis.FRAMEWORK)
    assert str(framework.note) == ("the framework's issue date, which is later than the model's as_of 2018-06-01; "
                                   "pass --as-of to evaluate at another date")


def test_a_model_that_names_no_framework_is_matched_by_the_evaluation_date(write: Write) -> None:
    text = DOC_004.format(as_of="2019-06-01").replace('framework: "2.0"', "framework: unknown")
    path = write("m.yaml", text)
    own = _report(path)
    assert (own.framework.id, str(own.evaluation.note)) == (
        "1.0", "the model's as_of; the model does not say which framework it follows; checked against 1.0, "
        "the latest issued by 2019-06-01")
    later = _report(path, as_of=dt.date(2022, 1, 1))
    assert (later.framework.id, str(later.evaluation.note)) == (
        "2.0", "--as-of; the model does not say which framework it follows; checked against 2.0, the latest "
        "issued by 2022-01-01")
    assert str(later.evaluation_note) == str(later.evaluation.note)  # the compatibility text: its English
