"""A rule's own examples, run: does each passing example pass and each failing one fail as it declares?

What ``archcheck rules test`` reports for every rule, and what refuses a user's rule file (``--rules``)
whose examples do not hold. The examples are checked by the engine's own evaluation of one rule
(:func:`archcheck.check.engine.evaluate_rule`), at the date each example states.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcheck.errors import ArchcheckError, RuleDefinitionError
from archcheck.values import record

if TYPE_CHECKING:
    from archcheck.findings import Finding
    from archcheck.law.rules import Rule


@record
class ExampleOutcome:
    """The result of running one rule example."""

    rule_id: str
    name: str
    passes: bool
    problems: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True if the example behaved as declared."""
        return not self.problems


def run_examples(rule: Rule) -> list[ExampleOutcome]:
    """Run a rule's pass/fail examples and compare with what they declare."""
    from archcheck.check.engine import evaluate_rule  # noqa: PLC0415 - `rules list` imports no engine
    from archcheck.findings import format_path  # noqa: PLC0415
    from archcheck.read.loading import model_from_document  # noqa: PLC0415

    out: list[ExampleOutcome] = []
    for ex in rule.examples:
        try:
            model = model_from_document(ex.document)
        except ArchcheckError as exc:
            out.append(ExampleOutcome(rule.id, ex.name, ex.passes, (f"example model is invalid: {exc}",), ()))
            continue
        findings: list[Finding] = []
        for province in model.provinces:
            findings.extend(evaluate_rule(rule, province, model.sourcemap, as_of=ex.as_of))
        problems: list[str] = []
        got = [(f.subject, format_path(f.path), f.location.line if f.location else 0, f) for f in findings]
        if ex.passes:
            problems.extend(f"unexpected finding: {s} {p} line {ln}: {f.message}" for s, p, ln, f in got)
        else:
            remaining = list(got)
            for e in ex.expect:
                match = next((g for g in remaining if (g[0], g[1]) == (e.subject, e.path)
                              and e.line in (None, g[2])), None)
                if match is None:
                    at = f" line {e.line}" if e.line is not None else ""
                    problems.append(f"expected finding not produced: {e.subject} {e.path}{at}")
                    continue
                remaining.remove(match)
                f = match[3]
                want_sev = e.severity or rule.default_severity
                if f.severity is not want_sev:
                    problems.append(f"{e.subject} {e.path}: severity {f.severity}, expected {want_sev}")
                if f.unverifiable != e.unverifiable:
                    problems.append(f"{e.subject} {e.path}: unverifiable={f.unverifiable}, expected {e.unverifiable}")
            problems.extend(f"unexpected finding: {s} {p} line {ln}: {f.message}" for s, p, ln, f in remaining)
        out.append(ExampleOutcome(rule.id, ex.name, ex.passes, tuple(problems), tuple(findings)))
    return out


def examples_hold(rule: Rule) -> None:
    """Refuse an added rule whose own examples do not behave as they declare (located at the example).

    Raises:
        RuleDefinitionError: naming the rule, the example and what went wrong.
    """
    for example, outcome in zip(rule.examples, run_examples(rule), strict=True):
        if outcome.ok:
            continue
        loc = example.document.sourcemap.locate(())
        kind = "passing" if example.passes else "failing"
        raise RuleDefinitionError(
            f"rule {rule.id}: its {kind} example {example.name!r} does not hold: {outcome.problems[0]}",
            file=loc.file, line=loc.line, column=loc.column,
            hint="fix the rule's check or its example; `archcheck rules test` shows the same for shipped rules")


__all__ = ["ExampleOutcome", "examples_hold", "run_examples"]
