"""Policy targets as KPIs: the model's figure for a target rule, and where the province stands.

The figure is read through the rule's own check parameters (the attribute and its denominator, or
the coverage level), so a change of the model's shape only needs the rule files to follow it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from archcheck.check.kinds.base import CheckContext, Selector
from archcheck.findings import Kpi, KpiStatus, Violation
from archcheck.law.rules import Rule
from archcheck.model import AttrValue, Status, Unknown

_PRESENT = frozenset({Status.PRESENT})


def _attr(attrs: Mapping[str, AttrValue], dotted: str) -> AttrValue | None:
    value: AttrValue | None = None
    current: Mapping[str, AttrValue] | None = attrs
    for part in dotted.split("."):
        if current is None or part not in current:
            return None
        value = current[part]
        current = value if isinstance(value, Mapping) else None
    return value


def _shown(value: AttrValue | None) -> str:
    if value is None:
        return "not stated"
    if isinstance(value, Unknown):
        return "unknown"
    return str(value)


def figure(check: Mapping[str, Any], ctx: CheckContext) -> str:
    """What the model says about the quantity a target check measures, in words."""
    kind = check.get("kind")
    params: Mapping[str, Any] = check.get("params", {})
    if kind in ("all", "any"):
        return "; ".join(figure(c, ctx) for c in params.get("checks", ()))
    if kind == "attribute" and params.get("op") == "ratio-min":
        parts = []
        for comp in ctx.select(Selector.parse(params["select"]), statuses=_PRESENT):
            num, den = _attr(comp.attributes, params["attribute"]), _attr(comp.attributes, params["of"])
            text = f"{comp.id}: {params['attribute']} {_shown(num)} of {params['of']} {_shown(den)}"
            if isinstance(num, int | float) and isinstance(den, int | float) and den:
                text += f" ({num / den:.1%})"
            parts.append(text)
        return "; ".join(parts) or "no such component"
    if kind == "coverage":
        level = params["level"]
        unit = ctx.province.units.get(level)
        parts = []
        for comp in ctx.select(Selector.parse(params["select"]), statuses=_PRESENT):
            cov = comp.deployment.get(level)
            parts.append(f"{comp.id} at {level} level: "
                         + (cov.describe(unit.total if unit else None) if cov else "not stated"))
        return "; ".join(parts) or "no such component"
    return "—"


def kpi(rule: Rule, ctx: CheckContext, found: Sequence[Violation], date_after_deadline: bool, *,
        vacuous: bool = False) -> Kpi:
    """The target rule's KPI: met if its check found nothing; unknown if there was nothing to measure
    (``vacuous``) or the model does not state the figure (only "cannot verify", or facts left out);
    else not met."""
    assert rule.target is not None
    if vacuous:
        status = KpiStatus.UNKNOWN
    elif not found:
        status = KpiStatus.MET
    elif all(v.unverifiable or v.from_absence for v in found):
        status = KpiStatus.UNKNOWN
    else:
        status = KpiStatus.NOT_MET
    document = rule.citation.document + ("" if rule.confirmed else " [source unconfirmed]")
    return Kpi(rule.id, rule.name, rule.title_en, rule.title_vi, document, rule.target.value,
               rule.target.deadline.isoformat(), figure(rule.check_data, ctx), status, date_after_deadline)
