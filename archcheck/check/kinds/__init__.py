"""The generic check kinds that rule files instantiate, in a plain name → class registry.

A check kind never knows its rule id, severity or file position: it yields bare
:class:`~archcheck.findings.Violation` objects and the engine stamps the rest.
Parameters are validated by the rule schema before :meth:`CheckSpec.parse` sees them.
"""

from __future__ import annotations

from archcheck.check.kinds.base import CheckContext, CheckSpec, Result, Selector, Verdict
from archcheck.check.kinds.core import (
    AllOf,
    AnyOf,
    AttributeCheck,
    ComponentCount,
    ConnectionRequired,
    CoverageCheck,
    ForbiddenConnection,
    NotCheck,
    Reachable,
)
from archcheck.check.kinds.dataset import DataSetCheck
from archcheck.check.kinds.reform import NoDistrictLevel, OwnArchitectureFramework
from archcheck.check.kinds.vocabulary import VocabularyCheck
from archcheck.errors import RuleDefinitionError
from archcheck.law.rules import Rule

REGISTRY: dict[str, type[CheckSpec]] = {
    "component-count": ComponentCount,
    "connection-required": ConnectionRequired,
    "reachable": Reachable,
    "forbidden-connection": ForbiddenConnection,
    "coverage": CoverageCheck,
    "attribute": AttributeCheck,
    "all": AllOf,
    "any": AnyOf,
    "not": NotCheck,
    "vocabulary": VocabularyCheck,
    "no-district-level": NoDistrictLevel,
    "dataset": DataSetCheck,
    "own-architecture-framework": OwnArchitectureFramework,
}


def parse_check(raw: dict[str, object], where: str = "check") -> CheckSpec:
    """Build a check from its rule-file form ``{kind: ..., params: {...}}``.

    Raises:
        RuleDefinitionError: the kind is not registered.
    """
    kind = str(raw.get("kind"))
    cls = REGISTRY.get(kind)
    if cls is None:
        raise RuleDefinitionError(
            f"{where}: unknown check kind {kind!r}",
            hint=f"known kinds: {', '.join(sorted(REGISTRY))}",
        )
    params = raw.get("params", {})
    assert isinstance(params, dict)
    return cls.parse(params, parse_check)


_COMPILED: dict[int, tuple[Rule, CheckSpec]] = {}


def compiled(rule: Rule) -> CheckSpec:
    """The rule's check as code, parsed once per rule object.

    Raises:
        RuleDefinitionError: the rule names an unknown check kind (located at ``check.kind``).
    """
    hit = _COMPILED.get(id(rule))
    if hit is not None and hit[0] is rule:
        return hit[1]
    try:
        spec = parse_check(rule.check_with_prose(), "check")
    except RuleDefinitionError as exc:
        raise RuleDefinitionError(exc.message, file=rule.file, line=rule.check_line[0],
                                  column=rule.check_line[1], hint=exc.hint) from None
    _COMPILED[id(rule)] = (rule, spec)
    return spec


__all__ = ["REGISTRY", "CheckContext", "CheckSpec", "Result", "Selector", "Verdict", "compiled", "parse_check"]
