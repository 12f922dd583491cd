"""Check kinds for changes of the administrative structure itself (the 2025 two-tier reform)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Self

from archcheck.check.kinds.base import Check, CheckContext, ParseCheck, Result
from archcheck.findings import Evidence, Violation
from archcheck.model import TWO_TIER_FROM, UNKNOWN, Extent, Status
from archcheck.values import record


@record
class NoDistrictLevel(Check):
    """The model has no district level: no ``three-tier`` structure, no district units, no district coverage.

    The rule's effective date carries the reform's date; this kind only finds district facts.
    """

    reform: str

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        return cls(str(params["reform"]))

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
        expected = "no district level (two-tier local government)"
        if p.reform_on is not None:
            # the model states the change: its district facts are the state before that day
            if p.reform_on > TWO_TIER_FROM:
                yield Violation("province", (*p.path, "admin_structure", "on"),
                                f"the model states the change to two tiers on {p.reform_on}, but {self.reform}",
                                Evidence(expected=f"the change on {TWO_TIER_FROM} or earlier",
                                         actual=f"admin_structure.on: {p.reform_on}"))
            return
        if p.admin_structure == "three-tier":
            yield Violation("province", (*p.path, "admin_structure"),
                            f"the model declares a three-tier structure, but {self.reform}",
                            Evidence(expected=expected, actual="admin_structure: three-tier"))
        if "district" in p.units:
            unit = p.units["district"]
            yield Violation("province", (*p.path, "units", "district"),
                            f"the model declares district units ({unit.total}), but {self.reform}",
                            Evidence(expected=expected, actual=f"units.district: {unit.total}"),
                            provenance=unit.provenance)
        for comp in p.components:
            if comp.owner_level == "district" and comp.status is not Status.ABSENT:
                if comp.status is Status.UNKNOWN:
                    yield Violation(comp.id, (*comp.path, "owner_level"),
                                    f"cannot verify: {comp.label} is owned by the district level, but whether "
                                    f"it is still in operation is unknown ({self.reform})",
                                    Evidence(expected=expected, actual="owner_level: district, status: unknown"),
                                    unverifiable=True, provenance=comp.provenance)
                else:
                    yield Violation(comp.id, (*comp.path, "owner_level"),
                                    f"{comp.label} is owned by the district level ({comp.status}), "
                                    f"but {self.reform}",
                                    Evidence(expected=f"{expected}: the system owned by the province or a commune",
                                             actual="owner_level: district"),
                                    provenance=comp.provenance)
            cov = comp.deployment.get("district")
            if cov is None:
                continue
            total = p.units["district"].total if "district" in p.units else None
            if cov.used == 0 or cov.percent == 0 or cov.extent is Extent.NONE:
                continue  # "used by no district" is no district fact
            if cov.used is UNKNOWN or (cov.extent is Extent.UNKNOWN and cov.used is None and cov.percent is None):
                yield Violation(comp.id, cov.path,
                                f"cannot verify: the model gives {comp.label} a district deployment of "
                                f"{cov.describe(total)}; whether any district use remains is unknown "
                                f"({self.reform})",
                                Evidence(expected=expected, actual=f"district coverage {cov.describe(None)}"),
                                unverifiable=True, provenance=cov.provenance)
                continue
            yield Violation(comp.id, cov.path,
                            f"{comp.label} is deployed at district level ({cov.describe(total)}), "
                            f"but {self.reform}",
                            Evidence(expected=expected, actual=f"district coverage {cov.describe(None)}"),
                            provenance=cov.provenance)


@record
class OwnArchitectureFramework(Check):
    """The province has issued its own digital architecture framework (``digital_architecture_framework``).

    The rule's effective date carries the deadline; this kind only reads what the model states: a
    document and its date pass (unless dated after the model's ``as_of``), ``none`` fails, a date of
    ``unknown`` cannot be verified, and a model that does not say fails as "not stated" (so a partial
    model gets "cannot verify").
    """

    document: str

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        return cls(str(params["document"]))

    def kinds_used(self) -> frozenset[str]:
        return frozenset()

    def fields_read(self) -> frozenset[str]:
        return frozenset({"province.digital_architecture_framework", "province.as_of"})

    def evaluate(self, ctx: CheckContext) -> Result:
        p = ctx.province
        own = p.own_framework
        expected = f"a digital architecture framework of the province's own, issued under {self.document}"
        if own is None:
            return Result.of([Violation(
                "province", p.path,
                f"the model does not state the province's own digital architecture framework ({self.document})",
                Evidence(expected=expected, actual="digital_architecture_framework not stated"),
                from_absence=True)])
        if own.document is None:
            return Result.of([Violation(
                "province", own.path,
                f"the province has not issued its own digital architecture framework ({self.document})",
                Evidence(expected=expected, actual="digital_architecture_framework: none"),
                provenance=own.provenance)])
        if own.issued is None:
            return Result.of([Violation(
                "province", own.path,
                f"cannot verify: the issue date of {own.document} is unknown",
                Evidence(expected=expected, actual=f"{own.document}, issued unknown"),
                unverifiable=True, provenance=own.provenance)])
        if own.issued > p.as_of:
            return Result.of([Violation(
                "province", own.path,
                f"{own.document} is dated {own.issued}, after the model's as_of {p.as_of}",
                Evidence(expected=expected, actual=f"{own.document}, issued {own.issued}"),
                provenance=own.provenance)])
        return Result.of([])
