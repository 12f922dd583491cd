"""The scorecard's arithmetic: provinces compared by the obligations they meet, per area, with a ranking.

A pure comparison of province reports (every rule's outcome, :attr:`ProvinceReport.outcomes`) and of
the coverage figures in their outlines; the areas and weights are data (``areas.yaml``). This is a
compliance scorecard of the rules archcheck encodes, **not** the ministry's official IT-application
index or the DTI, whose indicators and weights differ.

How a province is scored: each rule in force is one obligation, counted by its outcome — met
(passed), failed, or cannot verify (the model does not say enough). Rules not applicable (nothing to
check), not yet in force, ended or superseded are counted apart and do not score. An area's share is
met / (met + failed + cannot verify): what a model does not say is not counted as met, so a province
is never ranked up for silence, and "cannot verify" is shown apart so that a reader sees how much of
a score is unknown rather than failed. The overall score is the weighted mean of the area shares over
the areas with at least one obligation. Provinces with equal scores share a rank ("1, 2, 2, 4").

:mod:`archcheck.report.score` writes a scorecard out (text, JSON, Markdown, HTML).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from archcheck.catalogue import Message
from archcheck.check.engine import ProvinceReport
from archcheck.compare.areas import Area, area_of, areas
from archcheck.findings import Outcome, TargetState
from archcheck.law.rules import Rule
from archcheck.values import record

MET, FAILED, UNSURE = Outcome.PASSED, Outcome.FAILED, Outcome.CANNOT_VERIFY
NOT_IN_FORCE = frozenset({Outcome.NOT_IN_FORCE, Outcome.ENDED, Outcome.SUPERSEDED})


@record
class Tally:
    """Obligations by outcome."""

    met: int = 0
    failed: int = 0
    cannot_verify: int = 0
    not_applicable: int = 0
    not_in_force: int = 0
    targets: int = 0
    """Policy targets: counted apart (met / below / missed / cannot verify), never scored as rules."""

    @property
    def scored(self) -> int:
        """Obligations that count in the share: met, failed or cannot verify."""
        return self.met + self.failed + self.cannot_verify

    @property
    def share(self) -> float | None:
        """met / scored, or None when nothing is scored."""
        return self.met / self.scored if self.scored else None

    def plus(self, other: Tally) -> Tally:
        """The sum of two tallies."""
        return Tally(self.met + other.met, self.failed + other.failed, self.cannot_verify + other.cannot_verify,
                     self.not_applicable + other.not_applicable, self.not_in_force + other.not_in_force,
                     self.targets + other.targets)


@record
class CoverageFigure:
    """One coverage figure of the model against a coverage target in force.

    Attributes:
        level: the level's id (``commune``); a report says it as a word (``level.*``).
        figure: the figure as a message (:meth:`archcheck.model.Coverage.said`): ``90/147``, ``more than
            30%``, ``most ("phần lớn")``; ``str()`` of it is the English.
    """

    rule_id: str
    component: str
    level: str
    figure: Message | str
    target_percent: float
    outcome: Outcome
    target: bool = False
    """The rule is a policy target: a figure under it is below the target, never a failed rule."""


@record
class ProvinceScore:
    """One province's scorecard."""

    province: str
    file: str
    framework: str
    evaluated_as_of: str
    areas: tuple[tuple[str, Tally], ...]
    total: Tally
    score: float | None
    coverage: tuple[CoverageFigure, ...]
    rank: int | None = None
    targets: tuple[tuple[str, TargetState], ...] = ()
    """Each policy target in force and where the province stands on it (not scored)."""


@record
class Scorecard:
    """Provinces in ranking order (unscored ones last), with the areas they were scored by."""

    provinces: tuple[ProvinceScore, ...]
    areas: tuple[Area, ...]


def _rank_key(p: ProvinceScore) -> tuple[int, float, str, str]:
    return (p.score is None, -(p.score or 0.0), p.province.casefold(), p.file)


def scorecard(reports: Iterable[ProvinceReport], rules: Mapping[str, Rule]) -> Scorecard:
    """Score each province report and rank them.

    Args:
        reports: the reports of one run (a national file, or several files).
        rules: the rules the run used (for the coverage targets).
    """
    scored = [_score(r, rules) for r in reports]
    scored.sort(key=_rank_key)
    ranked: list[ProvinceScore] = []
    rank = 0
    previous: float | None = None
    for i, p in enumerate(scored, start=1):
        if p.score is None:
            ranked.append(p)
            continue
        score = round(p.score, 6)  # equal to the sixth decimal is a tie, whatever the float noise
        if previous is None or score != previous:
            rank, previous = i, score
        ranked.append(_with_rank(p, rank))
    return Scorecard(tuple(ranked), tuple(a for a in areas() if a.weight > 0 or a.id == "other"))


def _with_rank(p: ProvinceScore, rank: int) -> ProvinceScore:
    return ProvinceScore(p.province, p.file, p.framework, p.evaluated_as_of, p.areas, p.total, p.score,
                         p.coverage, rank, p.targets)


def _score(r: ProvinceReport, rules: Mapping[str, Rule]) -> ProvinceScore:
    tallies: dict[str, Tally] = {a.id: Tally() for a in areas()}
    for o in r.outcomes:
        one = Tally(met=int(o.outcome is MET), failed=int(o.outcome is FAILED),
                    cannot_verify=int(o.outcome is UNSURE), not_applicable=int(o.outcome is Outcome.NOT_APPLICABLE),
                    not_in_force=int(o.outcome in NOT_IN_FORCE), targets=int(o.outcome is Outcome.TARGET))
        aid = area_of(o.rule_id).id
        tallies[aid] = tallies[aid].plus(one)
    total = Tally()
    for t in tallies.values():
        total = total.plus(t)
    weights = {a.id: a.weight for a in areas()}
    parts = [(weights[aid], t.share) for aid, t in tallies.items() if t.share is not None and weights[aid] > 0]
    weight = sum(w for w, _ in parts)
    score = sum(w * s for w, s in parts if s is not None) / weight if weight else None
    return ProvinceScore(r.province, r.file, r.framework.id, r.evaluated_as_of.isoformat(),
                         tuple((aid, t) for aid, t in tallies.items() if t != Tally()), total, score,
                         _coverage(r, rules), targets=tuple((k.rule_id, k.state) for k in r.kpis))


def coverage_targets(check: Mapping[str, Any]) -> list[tuple[frozenset[str], str, float]]:
    """(kinds, level, minimum percent) of every coverage check in a rule's check data.

    >>> coverage_targets({"kind": "coverage", "params": {"select": {"kind": "a"}, "level": "commune",
    ...                   "min_percent": 30}})
    [(frozenset({'a'}), 'commune', 30.0)]
    """
    kind = check.get("kind")
    params = check.get("params") or {}
    if kind == "coverage":
        sel = params["select"]["kind"]
        kinds = frozenset([sel] if isinstance(sel, str) else sel)
        return [(kinds, str(params["level"]), float(params["min_percent"]))]
    if kind in ("all", "any"):
        return [t for sub in params.get("checks", ()) for t in coverage_targets(sub)]
    return []


def _coverage(r: ProvinceReport, rules: Mapping[str, Rule]) -> tuple[CoverageFigure, ...]:
    if r.outline is None:
        return ()
    in_force = set(r.rules_in_force)
    out: list[CoverageFigure] = []
    kinds = {c.id: c for c in r.outline.components}
    for rid in sorted(in_force):
        rule = rules.get(rid)
        if rule is None:
            continue
        for sel, level, minimum in coverage_targets(rule.check_data):
            for cov in r.outline.coverage:
                comp = kinds[cov.component]
                if cov.level != level or comp.kind not in sel or comp.status.value != "present":
                    continue
                if cov.ratio is None:
                    outcome = UNSURE
                elif cov.ratio * 100 + 1e-9 >= minimum:
                    outcome = MET
                else:
                    outcome = UNSURE if cov.at_least else FAILED
                out.append(CoverageFigure(rid, cov.component, level, cov.figure, minimum, outcome,
                                          rule.target is not None))
    return tuple(out)


__all__ = ["CoverageFigure", "ProvinceScore", "Scorecard", "Tally", "coverage_targets", "scorecard"]
