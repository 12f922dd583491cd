"""Messages as values (issue 31): what the engine, the targets, the date, the reform, vocabulary, own-framework
and Mẫu 03 check kinds, the source-text check and the appraisal hand up is a catalogue message, never a
plain sentence passed through the ``text`` key (:func:`archcheck.catalogue.as_message`).

Run over every rule's examples, every shipped model (at its own date and at 2026-12-01, under each
framework it can be checked against), the Mẫu 03 example workbook and the appraisal examples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from archcheck import api
from archcheck.catalogue import Message, catalogue, say
from archcheck.check.engine import ProvinceReport
from archcheck.check.examples import run_examples
from archcheck.findings import Finding, Outcome

from .conftest import MODELS, ROOT

Write = Callable[[str, str], Path]

MINE = frozenset({"no-district-level", "own-architecture-framework", "vocabulary", "dataset"})
"""The check kinds whose messages these tests hold to the catalogue (the others: tests/test_kinds.py …)."""
SHIPPED = sorted(MODELS.glob("*.yaml"))
EXAMPLES = ROOT / "examples"


def _plain(value: Any) -> list[str]:
    """The plain sentences in ``value``: every ``text`` message among its keys (none for a plain value)."""
    if not isinstance(value, Message):
        return []
    return [say(value)] if "text" in set(value.keys()) else []


def _own(reason: Message) -> Message:
    """A rule outcome's reason without what a check kind of another part handed up (a target's ``why``)."""
    return Message(reason.key, tuple((k, v) for k, v in reason.args if k != "why"))


def _left(reports: Iterable[ProvinceReport]) -> list[tuple[str, str]]:
    left: list[tuple[str, str]] = []
    rules = api.builtin_rules()
    for r in reports:
        left += [("evaluation", s) for s in _plain(r.evaluation.note)]
        for f in r.findings:
            if rules[f.rule_id].check_kind in MINE:
                left += _finding(f)
        for o in r.outcomes:
            if o.outcome in (Outcome.NOT_IN_FORCE, Outcome.ENDED, Outcome.SUPERSEDED):
                assert isinstance(o.reason, Message), o
                left += [(o.rule_id, s) for s in _plain(o.reason)]
            elif o.outcome is Outcome.TARGET:
                assert isinstance(o.reason, Message) and o.reason.key.startswith("target."), o
                left += [(o.rule_id, s) for s in _plain(_own(o.reason))]
    return left


def _finding(f: Finding) -> list[tuple[str, str]]:
    parts = [f.message, f.evidence.expected, f.evidence.actual]
    return [(f.rule_id, s) for p in parts for s in _plain(p)]


def test_every_rule_example_of_these_kinds_is_catalogued() -> None:
    left = []
    for rule in api.builtin_rules().values():
        if rule.check_kind not in MINE:
            continue
        for outcome in run_examples(rule):
            for f in outcome.findings:
                left += _finding(f)
    assert left == []


@pytest.mark.parametrize("model", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_model_is_catalogued(model: Path) -> None:
    left, kinds = [], set()
    rules = api.builtin_rules()
    for framework in (None, "1.0", "2.0", "3090", "1425"):
        for as_of in (None, dt.date(2026, 12, 1)):
            run = api.validate([model], framework=framework, as_of=as_of)
            assert not run.errors
            left += _left(run.reports)
            kinds |= {rules[f.rule_id].check_kind for r in run.reports for f in r.findings} & MINE
    assert left == []
    assert "no-district-level" in kinds  # the test saw them (the rule examples see every kind)


def test_the_mau03_example_workbook_is_catalogued() -> None:
    books = sorted((EXAMPLES / "mau03").glob("*.xlsx"))
    assert books
    run = api.validate(books, framework="1425")
    assert not run.errors
    assert any(o.rule_id.startswith("MAU-") for r in run.reports for o in r.outcomes)  # (its findings: the
    assert _left(run.reports) == []  # rule examples of MAU-001 … MAU-012 above)


def test_the_design_view_note_is_catalogued() -> None:
    run = api.validate([MODELS / "danang.yaml"], view="design")
    assert not run.errors
    (report,) = run.reports
    note = report.evaluation.note
    assert isinstance(note, Message) and "text" not in set(note.keys())
    assert str(note) == ("the end of the checked design; the model does not say which framework it follows; "
                         "checked against 3090, the latest issued by 2025-12-31; design view, the whole roadmap "
                         "(horizon 2025-12-31)")
    assert say(note, "vi").startswith("thời điểm kết thúc của phần thiết kế được kiểm tra; mô hình không nêu")


def test_the_source_text_check_is_catalogued(write: Write) -> None:
    model = write("m.yaml", "archcheck: 2\nsources:\n  qd: {title: QĐ 1, file: qd.txt}\nprovince:\n"
                            "  name: Lâm Đồng\n  as_of: 2020-01-01\n  framework: \"2.0\"\n  components: []\n")
    (report,) = api.check_sources([str(model)])
    assert [(m.message.key, str(m.message)) for m in report.misses] == [
        ("sources.not-found-beside", "source text 'qd.txt' of 'qd' not found beside the model (no folder of "
         "source texts: --sources-dir or ARCHCHECK_SOURCES)")]


def test_the_appraisal_is_catalogued() -> None:
    run = api.appraise([str(EXAMPLES / "appraisal" / "projects")], EXAMPLES / "appraisal" / "architecture.yaml")
    assert run.appraisals
    keys = catalogue()
    said = [e.message for a in run.appraisals for s in a.sections for e in s.evidence] + \
        [m for a in run.appraisals for c in a.candidates for m in c.reasons]
    assert said and all(m.key.startswith("appraisal.") and m.key in keys and "text" not in set(m.keys()) for m in said)
