"""Policy targets as KPIs: the model's figure for a target rule, and where the province stands.

The figure is read through the rule's own check parameters (the attribute and its denominator, or
the coverage level), so a change of the model's shape only needs the rule files to follow it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from archcheck.catalogue import Message, join, msg, word
from archcheck.check.kinds.base import PROVINCE_OWNED, CheckContext, Selector, owner_of
from archcheck.check.kinds.core import attribute_value as _attr
from archcheck.findings import Kpi, KpiStatus, PlanStatus, Violation
from archcheck.law.rules import Rule
from archcheck.model import AttrValue, Status, Unknown

_PRESENT = frozenset({Status.PRESENT})


def _shown(value: AttrValue | None) -> Message | str:
    if value is None:
        return msg("coverage.not-stated")
    if isinstance(value, Unknown):
        return word("status", "unknown")
    return str(value)


def figure_message(check: Mapping[str, Any], ctx: CheckContext) -> Message | str:
    """What the model says about the quantity a target check measures, as a message (``—`` where the
    check measures no quantity)."""
    kind = check.get("kind")
    params: Mapping[str, Any] = check.get("params", {})
    if kind in ("all", "any"):
        return _joined([figure_message(c, ctx) for c in params.get("checks", ())])
    if kind == "attribute" and params.get("op") == "ratio-min":
        parts: list[Message | str] = []
        for comp in ctx.select(Selector.parse(params["select"]), statuses=_PRESENT):
            num, den = _attr(comp.attributes, params["attribute"]), _attr(comp.attributes, params["of"])
            values = {"component": comp.id, "attribute": params["attribute"], "value": _shown(num),
                      "of": params["of"], "total": _shown(den)}
            if isinstance(num, int | float) and isinstance(den, int | float) and den:
                parts.append(msg("kpi.ratio-share", **values, share=f"{num / den:.1%}"))
            else:
                parts.append(msg("kpi.ratio", **values))
        return _joined(parts) if parts else msg("kpi.no-component")
    if kind == "coverage":
        level = params["level"]
        unit = ctx.province.units.get(level)
        parts = []
        select = Selector.parse(params["select"], owners=PROVINCE_OWNED)  # as the coverage check judges
        for comp in ctx.select(select, statuses=_PRESENT):
            cov = comp.deployment.get(level)
            parts.append(msg("kpi.coverage", component=comp.id, level=word("level", level),
                             figure=cov.said(unit.total if unit else None) if cov else msg("coverage.not-stated")))
        local = [c.id for c in select.others(ctx) if owner_of(c) == level and c.status in _PRESENT]
        if local:
            parts.append(msg("kpi.owned", level=word("level", level), ids=join(local)))
        return _joined(parts) if parts else msg("kpi.no-component")
    return "—"


def _joined(parts: Sequence[Message | str]) -> Message | str:
    """Several figures said as one, separated by semicolons (one as it is)."""
    if len(parts) == 1:
        return parts[0]
    return msg("engine.joined", parts=join(parts, "semicolon"))


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
    document = rule.prose("document") if rule.confirmed else msg("finding.unconfirmed", m=rule.prose("document"))
    plan, plan_status, plan_value = _plan(rule, ctx)
    compared = plan is not None and not ctx.design  # the operation view sets the count beside the plan
    count = measured(rule.check_data, ctx) if compared else None
    reaches = None if count is None or plan_value is None else count >= plan_value
    return Kpi(rule.id, rule.name, rule.title_en, rule.title_vi, document, rule.prose("target"),
               rule.target.deadline.isoformat(), figure_message(rule.check_data, ctx), status,
               date_after_deadline, plan, plan_status, count, reaches, compared)


def measured(check: Mapping[str, Any], ctx: CheckContext) -> float | None:
    """The quantity a target check measures, as a percentage, where the model gives it in numbers:
    one component's ``attribute / of`` (a ratio check) or its ``used / total`` at a level (coverage).
    None where it is unknown, not stated, or spread over several components."""
    kind = check.get("kind")
    params: Mapping[str, Any] = check.get("params", {})
    owned = PROVINCE_OWNED if kind == "coverage" else None
    comps = ctx.select(Selector.parse(params["select"], owners=owned), statuses=_PRESENT) if "select" in params else []
    if len(comps) != 1:
        return None
    comp = comps[0]
    if kind == "attribute" and params.get("op") == "ratio-min":
        num, den = _attr(comp.attributes, params["attribute"]), _attr(comp.attributes, params["of"])
        if isinstance(num, int | float) and isinstance(den, int | float) and den:
            return float(num) / float(den) * 100
        return None
    if kind == "coverage":
        cov = comp.deployment.get(params["level"])
        unit = ctx.province.units.get(params["level"])
        if cov is None or cov.at_least:
            return None
        if cov.percent is not None:
            return float(cov.percent)
        total = cov.total if cov.total is not None else (unit.total if unit else None)
        if isinstance(cov.used, int) and isinstance(total, int) and total:
            return cov.used / total * 100
    return None


def _plan(rule: Rule, ctx: CheckContext) -> tuple[Message | None, PlanStatus | None, float | None]:
    """The province's own target for the rule's metric, set beside the national one.

    Only what the plan says: a plan is never evidence that the figure is reached, and a model with no
    target for the metric gives nothing here (not "below"). With several targets for the metric, the
    one that stands best counts (the plan reaches the national target if any of its stages does).
    """
    national = rule.target
    if national is None or national.metric is None or national.at_least is None:
        return None, None, None
    mine = [t for t in ctx.province.targets if t.metric == national.metric]
    if not mine:
        return None, None, None

    at_least, deadline = national.at_least, national.deadline

    def standing(value: float | str, by: dt.date) -> PlanStatus:
        if isinstance(value, str | bool):
            return PlanStatus.UNKNOWN
        if value < at_least:
            return PlanStatus.BELOW
        return PlanStatus.MEETS if by <= deadline else PlanStatus.LATER

    order = (PlanStatus.MEETS, PlanStatus.LATER, PlanStatus.BELOW, PlanStatus.UNKNOWN)
    best = min(mine, key=lambda t: (order.index(standing(t.value, t.by)), t.by))
    value = f"{best.value:g}" if isinstance(best.value, float) else str(best.value)
    number = None if isinstance(best.value, str | bool) else float(best.value)
    return msg("kpi.plan", metric=best.metric, value=value, date=best.by.isoformat()), standing(best.value, best.by), \
        number
