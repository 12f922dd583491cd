"""Every rule's pass/fail examples behave as declared: each expected finding is matched by rule
id, subject, model path and line in the rule file, with its severity; no other finding appears."""

from __future__ import annotations

import pytest

from archcheck import api
from archcheck.check.examples import run_examples
from archcheck.law.rules import Rule
from archcheck.values import replace

RULES = list(api.builtin_rules().values())
CASES = [(r, i) for r in RULES for i in range(len(r.examples))]


@pytest.mark.parametrize(("rule", "index"), CASES, ids=[f"{r.id}-{r.examples[i].name}" for r, i in CASES])
def test_example(rule: Rule, index: int) -> None:
    outcome = run_examples(rule)[index]
    assert outcome.problems == ()
    example = rule.examples[index]
    if example.passes:
        assert outcome.findings == ()
    else:
        assert {f.rule_id for f in outcome.findings} == {rule.id}
        assert len(outcome.findings) == len(example.expect)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_pass_and_fail_examples(rule: Rule) -> None:
    assert any(e.passes for e in rule.examples)
    assert any(not e.passes for e in rule.examples)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_unconfirmed_rules_are_never_errors(rule: Rule) -> None:
    if not rule.confirmed:
        assert rule.default_severity.value != "error"
        for version in ("1.0", "2.0"):
            for r, sev in api.list_rules(version):
                if r.id == rule.id:
                    assert sev is not None and sev.value != "error"


def test_rule_file_name_is_its_id() -> None:
    for rule in RULES:
        assert rule.file == f"rules/{rule.id}.yaml"


def test_a_failing_example_is_reported() -> None:
    """The runner itself is tested: an example whose expectation is wrong is reported, not passed."""
    rule = api.builtin_rules()["DOC-001"]
    failing = next(e for e in rule.examples if not e.passes)
    wrong = type(failing)(failing.name, failing.passes, failing.document, failing.as_of,
                          (type(failing.expect[0])("somebody-else", "province", 1),))
    broken = replace(rule, examples=(wrong,))
    (outcome,) = run_examples(broken)
    assert outcome.problems == (
        "expected finding not produced: somebody-else province line 1",
        "unexpected finding: document-management province.components line 45: no document-management in operation",
    )
