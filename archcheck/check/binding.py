"""A framework's rule list bound to rule objects: which rules apply, at which severity.

Apart from the engine so that listing, showing and grading rules (``archcheck rules``) needs
neither the engine nor the graph library: binding reads the rules' checks as data only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from archcheck.check.kinds import compiled
from archcheck.errors import FrameworkError
from archcheck.findings import Severity
from archcheck.law.frameworks import Framework
from archcheck.law.rules import Binding, Rule
from archcheck.values import record

VOCABULARY_RULE_ID = "VOC-001"


def is_dataset_rule(rule: Rule) -> bool:
    """A Mẫu 03 data-set rule (check kind ``dataset``): it checks a data set's cells, so it applies under
    every framework, and only to a province read from a data set."""
    return rule.check_data.get("kind") == "dataset"


@record
class BoundRule:
    """A rule as one framework applies it."""

    rule: Rule
    severity: Severity
    listed: bool = True
    """True if the framework lists (and grades) the rule; False for binding law it does not list,
    which applies from its own dates at its own severity."""


@record
class RuleSet:
    """A framework with its rules bound and checked for consistency.

    Attributes:
        vocabulary: every component kind any loaded framework knows (a model kind outside it is a typo).
    """

    framework: Framework
    rules: tuple[BoundRule, ...]
    vocabulary: frozenset[str] = frozenset()
    dataset_rules: tuple[BoundRule, ...] = ()
    """The Mẫu 03 data-set rules: run on a province read from a data set (see :func:`is_dataset_rule`)."""


def bind(framework: Framework, rules: Mapping[str, Rule], vocabulary: Iterable[str] = (),
         everywhere: Iterable[str] = ()) -> RuleSet:
    """Attach rule objects to a framework's rule list, plus the binding law it does not list.

    Law by date, framework by version: a rule whose ``binding`` is ``law`` applies by the
    evaluation date under every version (at the version's grade where it lists the rule, else at
    the rule's own severity); a ``recommendation`` applies only where the version lists it.

    A rule may name kinds a later version adds (they cannot occur in a model of an earlier
    version), but every kind it names must be known to some version: that catches typos.
    The rules of ``everywhere`` (a user's own rules from ``--rules``, and VOC-001) apply in every
    framework at their own severity, after the framework's list, unless the framework grades them.

    Raises:
        FrameworkError: the framework names an unknown rule, grades an unconfirmed rule as an
            error, or applies a rule that names a component kind no framework knows.
    """
    vocabulary = frozenset(vocabulary) or frozenset(framework.kinds)
    bound: list[BoundRule] = []
    grades = dict(framework.rules)
    for rid in sorted(everywhere):
        grades.setdefault(rid, "default")
    for rid, grade in grades.items():
        file, line = framework.rule_lines.get(rid, (framework.file, 1))
        rule = rules.get(rid)
        if rule is None:
            from archcheck.read.validation import suggest  # noqa: PLC0415 - only on this error path

            raise FrameworkError(f"framework {framework.id} applies unknown rule {rid}{suggest(rid, rules)}",
                                 file=file, line=line, column=3)
        severity = rule.default_severity if grade == "default" else Severity(grade)
        if not rule.confirmed and severity is Severity.ERROR:
            raise FrameworkError(
                f"framework {framework.id} grades {rid} as an error, but its source is unconfirmed",
                file=file, line=line, column=3, hint="grade it warning or info",
            )
        unknown = sorted(k for k in compiled(rule).kinds_used() if k not in vocabulary)
        if unknown:
            raise FrameworkError(
                f"rule {rid} names kinds that no framework version knows: {', '.join(unknown)}",
                file=rule.file, line=1, column=1, hint="check the spelling against the framework files",
            )
        bound.append(BoundRule(rule, severity, listed=rid in framework.rules))
    for rid, rule in rules.items():
        if rid in grades or rule.binding is not Binding.LAW:
            continue
        unknown = sorted(k for k in compiled(rule).kinds_used() if k not in vocabulary)
        if unknown:
            raise FrameworkError(
                f"rule {rid} names kinds that no framework version knows: {', '.join(unknown)}",
                file=rule.file, line=1, column=1, hint="check the spelling against the framework files",
            )
        bound.append(BoundRule(rule, rule.default_severity, listed=False))
    bound.sort(key=lambda b: b.rule.id)
    return RuleSet(framework, tuple(bound), vocabulary)
