"""Check kinds for changes of the administrative structure itself (the 2025 two-tier reform)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Self

from archcheck.check.kinds.base import Check, CheckContext, ParseCheck, Result
from archcheck.findings import Evidence, Violation
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

    def evaluate(self, ctx: CheckContext) -> Result:
        """Fail on each district fact; pass when the model states none."""
        return Result.of(self._district_facts(ctx))

    def _district_facts(self, ctx: CheckContext) -> Iterator[Violation]:
        p = ctx.province
        expected = "no district level (two-tier local government)"
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
            cov = comp.deployment.get("district")
            if cov is not None:
                yield Violation(comp.id, cov.path,
                                f"{comp.label} is deployed at district level ({cov.describe(None)}), "
                                f"but {self.reform}",
                                Evidence(expected=expected, actual=f"district coverage {cov.describe(None)}"),
                                provenance=cov.provenance)
