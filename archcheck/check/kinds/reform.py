"""Check kinds for changes of the administrative structure itself (the 2025 two-tier reform)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Self

from archcheck.catalogue import Message, msg, word
from archcheck.check.kinds.base import Check, CheckContext, ParseCheck, Result
from archcheck.findings import Evidence, Violation
from archcheck.model import TWO_TIER_FROM, UNKNOWN, Count, Extent, Status
from archcheck.values import record


@record
class NoDistrictLevel(Check):
    """The model has no district level: no ``three-tier`` structure, no district units, no district coverage.

    The rule's effective date carries the reform's date; this kind only finds district facts.
    """

    reform: str
    """The reform as the rule names it (a :class:`~archcheck.catalogue.Text` where the rule gives its
    Vietnamese: said in the report's language)."""

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        reform = params["reform"]
        return cls(reform if isinstance(reform, str) else str(reform))

    def kinds_used(self) -> frozenset[str]:
        return frozenset()

    def fields_read(self) -> frozenset[str]:
        return frozenset({"province.admin_structure", "province.units", "unit.total", "component.owner_level",
                          "component.status", "component.deployment", "coverage.used", "coverage.percent",
                          "coverage.extent"})

    def evaluate(self, ctx: CheckContext) -> Result:
        """Fail on each district fact; pass when the model states none."""
        return Result.of(self._district_facts(ctx))

    def _district_facts(self, ctx: CheckContext) -> Iterator[Violation]:
        p = ctx.province
        expected = msg("reform.expected")
        if p.reform_on is not None:
            # the model states the change: its district facts are the state before that day
            if p.reform_on > TWO_TIER_FROM:
                yield Violation("province", (*p.path, "admin_structure", "on"),
                                msg("reform.change-late", date=p.reform_on.isoformat(), reform=self.reform),
                                Evidence(expected=msg("reform.change-by", date=TWO_TIER_FROM.isoformat()),
                                         actual=f"admin_structure.on: {p.reform_on}"))
            return
        if p.admin_structure == "three-tier":
            yield Violation("province", (*p.path, "admin_structure"),
                            msg("reform.three-tier", reform=self.reform),
                            Evidence(expected=expected, actual="admin_structure: three-tier"))
        if "district" in p.units:
            unit = p.units["district"]
            yield Violation("province", (*p.path, "units", "district"),
                            msg("reform.district-units", total=_said_count(unit.total), reform=self.reform),
                            Evidence(expected=expected, actual=f"units.district: {unit.total}"),
                            provenance=unit.provenance)
        for comp in p.components:
            if comp.owner_level == "district" and comp.status is not Status.ABSENT:
                if comp.status is Status.UNKNOWN:
                    yield Violation(comp.id, (*comp.path, "owner_level"),
                                    msg("reform.owned-unknown", component=comp.label, reform=self.reform),
                                    Evidence(expected=expected, actual="owner_level: district, status: unknown"),
                                    unverifiable=True, provenance=comp.provenance)
                else:
                    yield Violation(comp.id, (*comp.path, "owner_level"),
                                    msg("reform.owned", component=comp.label, status=word("status", comp.status.value),
                                        reform=self.reform),
                                    Evidence(expected=msg("reform.expected-owner"), actual="owner_level: district"),
                                    provenance=comp.provenance)
            cov = comp.deployment.get("district")
            if cov is None:
                continue
            total = p.units["district"].total if "district" in p.units else None
            if cov.used == 0 or cov.percent == 0 or cov.extent is Extent.NONE:
                continue  # "used by no district" is no district fact
            actual = msg("reform.district-coverage", figure=cov.said(None))
            if cov.used is UNKNOWN or (cov.extent is Extent.UNKNOWN and cov.used is None and cov.percent is None):
                yield Violation(comp.id, cov.path,
                                msg("reform.deployed-unknown", component=comp.label, figure=cov.said(total),
                                    reform=self.reform),
                                Evidence(expected=expected, actual=actual),
                                unverifiable=True, provenance=cov.provenance)
                continue
            yield Violation(comp.id, cov.path,
                            msg("reform.deployed", component=comp.label, figure=cov.said(total), reform=self.reform),
                            Evidence(expected=expected, actual=actual),
                            provenance=cov.provenance)


def _said_count(value: Count) -> Message | int:
    """A unit count for a message: the number, or "unknown" in the report's language."""
    return value if isinstance(value, int) else word("status", "unknown")


@record
class OwnArchitectureFramework(Check):
    """The province has issued its own digital architecture framework (``digital_architecture_framework``).

    The rule's effective date carries the deadline; this kind only reads what the model states: a
    document and its date pass (unless dated after the evaluation date), ``none`` fails, a date of
    ``unknown`` cannot be verified, and a model that does not say fails as "not stated" (so a partial
    model gets "cannot verify").
    """

    document: str
    """The document that orders the framework (a :class:`~archcheck.catalogue.Text` where the rule gives
    its Vietnamese)."""

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        document = params["document"]
        return cls(document if isinstance(document, str) else str(document))

    def kinds_used(self) -> frozenset[str]:
        return frozenset()

    def fields_read(self) -> frozenset[str]:
        return frozenset({"province.digital_architecture_framework", "province.as_of"})

    def evaluate(self, ctx: CheckContext) -> Result:
        p = ctx.province
        own = p.own_framework
        expected = msg("own-framework.expected", document=self.document)
        if own is None:
            return Result.of([Violation(
                "province", p.path, msg("own-framework.not-stated", document=self.document),
                Evidence(expected=expected, actual=msg("own-framework.field-not-stated")),
                from_absence=True)])
        if own.document is None:
            return Result.of([Violation(
                "province", own.path, msg("own-framework.not-issued", document=self.document),
                Evidence(expected=expected, actual="digital_architecture_framework: none"),
                provenance=own.provenance)])
        if own.issued is None:
            return Result.of([Violation(
                "province", own.path, msg("own-framework.date-unknown", document=own.document),
                Evidence(expected=expected, actual=msg("own-framework.issued-unknown", document=own.document)),
                unverifiable=True, provenance=own.provenance)])
        # the evaluation date, not the model's own: a model of 2026-06 evaluated --as-of 2027 is judged as
        # the same facts dated 2027 would be
        date = ctx.on
        if own.issued > date:
            key = "own-framework.after-as-of" if date == p.as_of else "own-framework.after-date"
            return Result.of([Violation(
                "province", own.path, msg(key, document=own.document, issued=own.issued.isoformat(),
                                          date=date.isoformat()),
                Evidence(expected=expected, actual=msg("own-framework.issued", document=own.document,
                                                       issued=own.issued.isoformat())),
                provenance=own.provenance)])
        return Result.of([])
