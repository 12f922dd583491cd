"""What moving from one framework version to another means for a model: its findings under both,
paired by fingerprint, each change attributed to its cause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from archcheck.catalogue import Message, msg, word
from archcheck.check.binding import VOCABULARY_RULE_ID, RuleSet
from archcheck.check.engine import ProvinceReport, check_model
from archcheck.compare.frameworks import FrameworkDiff, diff_rulesets
from archcheck.compare.matching import Cause, Change, FindingChange, exit_code, pair
from archcheck.findings import Finding, Outcome, Severity
from archcheck.read.loading import ModelFile
from archcheck.values import record

NOT_BINDING = frozenset({Outcome.NOT_IN_FORCE, Outcome.ENDED, Outcome.SUPERSEDED})
"""Outcomes of a rule the framework lists but that did not bind on the evaluation date."""


@record
class ProvinceImpact:
    """One province checked under both versions, and what became of each finding."""

    file: str
    province: str
    old: ProvinceReport
    new: ProvinceReport
    changes: tuple[FindingChange, ...]

    def of(self, change: Change) -> list[FindingChange]:
        """The changes of one kind, in report order."""
        return [c for c in self.changes if c.change is change]


@record
class FrameworkComparison:
    """``archcheck diff frameworks A B [--model M...]``: the framework diff and its impact on models."""

    diff: FrameworkDiff
    impacts: tuple[ProvinceImpact, ...] = ()
    as_of_override: dt.date | None = None

    def changes(self) -> list[FindingChange]:
        """Every finding change of every model."""
        return [c for i in self.impacts for c in i.changes]

    def exit_code(self, fail_on: Severity) -> int:
        """1 if a model gains a finding (or one gets worse) at or above ``fail_on``, else 0."""
        return exit_code(self.changes(), fail_on)


def _outcome(report: ProvinceReport, rule_id: str) -> tuple[Outcome, Severity, Message | str | None] | None:
    for o in report.outcomes:
        if o.rule_id == rule_id:
            return o.outcome, o.severity, o.reason
    return None


def _kind_cause(f: Finding, appeared: bool, old: ProvinceReport, new: ProvinceReport,
                fdiff: FrameworkDiff | None) -> tuple[Cause, Message]:
    kind = str(f.evidence.actual or "?")
    side, other = (new, old) if appeared else (old, new)
    rename = fdiff.rename_of(kind) if fdiff is not None and appeared else None
    if rename is not None:
        return Cause.KIND_RENAMED, msg("diff.kind-renamed", kind=kind, framework=new.framework.id,
                                       new_id=rename.new_id, new_en=rename.new_en, new_vi=rename.new_vi)
    if kind in other.framework.kinds and kind not in side.framework.kinds:
        return Cause.VOCABULARY, msg("diff.kind-in-other-vocabulary", kind=kind, other=other.framework.id,
                                     side=side.framework.id)
    return Cause.MODEL, msg("diff.kind-not-in-vocabulary", kind=kind, framework=side.framework.id)


def _not_binding(rule_id: str, outcome: tuple[Outcome, Severity, Message | str | None], effective: str,
                 idle: ProvinceReport, bound: ProvinceReport) -> Message:
    """Why a rule bound on one side's evaluation date and not on the other's."""
    dates = {"idle_date": idle.evaluated_as_of.isoformat(), "idle": idle.framework.id,
             "bound_date": bound.evaluated_as_of.isoformat(), "bound": bound.framework.id}
    if outcome[0] is Outcome.NOT_IN_FORCE:
        return msg("diff.not-yet-in-force", effective=effective, **dates)
    why = outcome[2] or word("outcome", outcome[0].value)
    return msg("diff.not-binding", rule=rule_id, why=why, **dates)


def attribute(change: Change, old_f: Finding | None, new_f: Finding | None, old: ProvinceReport,
              new: ProvinceReport, *, fdiff: FrameworkDiff | None = None) -> tuple[Cause, Message | None]:
    """The rule-level cause of one change, and a message saying it (None for an unchanged finding);
    ``model`` if none applies."""
    f = new_f or old_f
    assert f is not None
    rid = f.rule_id
    a, b = old.framework.id, new.framework.id
    if change is Change.UNCHANGED:
        return Cause.UNCHANGED, None
    if rid == VOCABULARY_RULE_ID and change in (Change.NEW, Change.FIXED):
        return _kind_cause(f, change is Change.NEW, old, new, fdiff)
    oa, ob = _outcome(old, rid), _outcome(new, rid)
    effective = f.citation.effective
    if change is Change.NEW:
        if oa is None:
            return Cause.RULE_ADDED, msg("diff.rule-added", framework=b, effective=effective)
        if oa[0] in NOT_BINDING:
            return Cause.IN_FORCE, _not_binding(rid, oa, effective, old, new)
    if change is Change.FIXED:
        if ob is None:
            return Cause.RULE_REMOVED, msg("diff.rule-removed", framework=b, rule=rid)
        if ob[0] in NOT_BINDING:
            return Cause.IN_FORCE, _not_binding(rid, ob, effective, new, old)
    if change is Change.SEVERITY and oa is not None and ob is not None and oa[1] is not ob[1]:
        return Cause.REGRADED, msg("diff.rule-regraded", rule=rid, old=word("severity", oa[1].value),
                                   new=word("severity", ob[1].value), framework=b)
    if fdiff is not None and any(c.rule_id == rid for c in fdiff.rules_changed):
        return Cause.RULE_CHANGED, msg("diff.rule-changed", framework=b, rule=rid)
    if fdiff is not None and old.evaluated_as_of != new.evaluated_as_of:
        return Cause.EVALUATION_DATE, msg("diff.evaluation-date", old_date=old.evaluated_as_of.isoformat(), old=a,
                                          new_date=new.evaluated_as_of.isoformat(), new=b)
    return Cause.MODEL, msg("diff.model-changed")


def classify(old_findings: Iterable[Finding], new_findings: Iterable[Finding], old: ProvinceReport,
             new: ProvinceReport, *, fdiff: FrameworkDiff | None = None) -> list[FindingChange]:
    """Pair two runs' findings and attribute every change (unchanged ones included)."""
    pairs, gone, came = pair(old_findings, new_findings)
    out: list[FindingChange] = []
    for fa, fb in pairs:
        change = Change.UNCHANGED if fa.severity is fb.severity else Change.SEVERITY
        cause, why = attribute(change, fa, fb, old, new, fdiff=fdiff)
        out.append(FindingChange(change, cause, why, fa, fb))
    for fa in gone:
        cause, why = attribute(Change.FIXED, fa, None, old, new, fdiff=fdiff)
        out.append(FindingChange(Change.FIXED, cause, why, fa, None))
    for fb in came:
        cause, why = attribute(Change.NEW, None, fb, old, new, fdiff=fdiff)
        out.append(FindingChange(Change.NEW, cause, why, None, fb))
    return sorted(out, key=FindingChange.sort_key)


def framework_impact(models: Sequence[ModelFile], old: RuleSet, new: RuleSet, *,
                     as_of: dt.date | None = None) -> FrameworkComparison:
    """Check every province of ``models`` under both versions and attribute each difference.

    Each side is evaluated at the date ``validate`` would use for it (the model's ``as_of``, or the
    framework's issue date if that is later; ``as_of`` overrides both), and the reports say which.
    """
    fdiff = diff_rulesets(old, new)
    a, b = old.framework.id, new.framework.id
    impacts: list[ProvinceImpact] = []
    for model in models:
        under_a = check_model(model, {a: old}, framework=a, as_of=as_of)
        under_b = check_model(model, {b: new}, framework=b, as_of=as_of)
        for ra, rb in zip(under_a, under_b, strict=True):
            changes = classify(ra.findings, rb.findings, ra, rb, fdiff=fdiff)
            impacts.append(ProvinceImpact(model.file, ra.province, ra, rb, tuple(changes)))
    return FrameworkComparison(fdiff, tuple(impacts), as_of)
