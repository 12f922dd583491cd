"""The province model as frozen dataclasses. No I/O here; see :mod:`archcheck.read.loading`."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from archcheck.findings import ModelPath, Provenance


class Unknown(enum.Enum):
    """The source does not say. Distinct from absent, zero or false."""

    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return "unknown"


UNKNOWN = Unknown.UNKNOWN
Count: TypeAlias = int | Unknown
Scalar: TypeAlias = str | int | float | bool
AttrValue: TypeAlias = "Scalar | Unknown | tuple[Scalar, ...] | Mapping[str, AttrValue]"

LEVELS: tuple[str, ...] = ("department", "district", "commune")
"""Administrative levels below the province, in the order reports list them."""

TWO_TIER_FROM = dt.date(2025, 7, 1)
"""From this date there is no district level (NQ 202/2025/QH15; Law 72/2025/QH15)."""


class Status(enum.StrEnum):
    """Whether a component or connection exists, according to the source."""

    PRESENT = "present"
    ABSENT = "absent"
    PLANNED = "planned"
    UNKNOWN = "unknown"


class Readiness(enum.StrEnum):
    """Whether a platform (LGSP, NGSP) is ready to carry traffic (TT 13/2017 exceptions)."""

    READY = "ready"
    NOT_READY = "not-ready"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class UnitCount:
    """How many organisational units of one level the province has."""

    total: Count
    names: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many units of one level use a component."""

    used: Count | None
    total: Count | None
    percent: float | None
    at_least: bool
    path: ModelPath
    provenance: tuple[Provenance, ...] = ()

    def ratio(self, default_total: Count | None) -> float | Unknown | None:
        """Share of units covered, 0..1; UNKNOWN if the source does not say; None if undeclared.

        >>> Coverage(90, 147, None, False, ()).ratio(None)
        0.6122448979591837
        """
        if self.used is not None:
            total = self.total if self.total is not None else default_total
            if self.used is UNKNOWN or total is UNKNOWN:
                return UNKNOWN
            if total is None or total == 0:
                return UNKNOWN if total is None else None
            assert isinstance(self.used, int) and isinstance(total, int)
            return self.used / total
        if self.percent is not None:
            return self.percent / 100.0
        return None

    def describe(self, default_total: Count | None) -> str:
        """The figure as the source gives it, e.g. ``90/147`` or ``more than 30%``."""
        prefix = "more than " if self.at_least else ""
        if self.used is not None:
            total = self.total if self.total is not None else default_total
            return f"{prefix}{self.used}/{total if total is not None else 'unknown'}"
        if self.percent is not None:
            return f"{prefix}{self.percent:g}%"
        return "not stated"


@dataclass(frozen=True, slots=True)
class Component:
    """A provincial system (document management, one-stop shop, LGSP, …)."""

    id: str
    kind: str
    name: str | None
    status: Status
    readiness: Readiness
    attributes: Mapping[str, AttrValue]
    deployment: Mapping[str, Coverage]
    path: ModelPath
    national: bool = False
    provenance: tuple[Provenance, ...] = ()

    @property
    def label(self) -> str:
        """``id`` with the name, for messages."""
        return f"{self.id} ({self.name})" if self.name else self.id


@dataclass(frozen=True, slots=True)
class Connection:
    """A directed connection between two components, optionally through a hub."""

    index: int
    source: str
    target: str
    kind: str
    via: str | None
    status: Status
    path: ModelPath
    id: str | None = None
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class Province:
    """One province's architecture at one date."""

    name: str
    code: str | None
    as_of: dt.date
    framework: str
    admin_structure: str | None
    units: Mapping[str, UnitCount]
    components: tuple[Component, ...]
    connections: tuple[Connection, ...]
    path: ModelPath
    sources: Mapping[str, str] = field(default_factory=dict)
    partial: bool = False

    def component(self, cid: str) -> Component | None:
        """The component (provincial or national) with this id."""
        for c in self.components:
            if c.id == cid:
                return c
        return None

    def levels(self) -> tuple[str, ...]:
        """The administrative levels this province has at its ``as_of`` date."""
        two_tier = self.admin_structure == "two-tier" or (
            self.admin_structure is None and self.as_of >= TWO_TIER_FROM
        )
        return tuple(lv for lv in LEVELS if not (two_tier and lv == "district"))


@dataclass(frozen=True, slots=True)
class OutlineComponent:
    """What a drawing shows of a component."""

    id: str
    kind: str
    name: str | None
    status: Status
    national: bool


@dataclass(frozen=True, slots=True)
class OutlineConnection:
    """What a drawing shows of a connection."""

    source: str
    target: str
    kind: str
    via: str | None
    status: Status


@dataclass(frozen=True, slots=True)
class OutlineCoverage:
    """One deployment figure: a component's coverage of one level, as the source gives it.

    Attributes:
        figure: the figure in words, e.g. ``90/147`` or ``more than 30%``.
        ratio: the share of units covered, 0..1, or None where it is unknown or not a number.
        at_least: the source gives a lower bound ("more than 30%").
    """

    component: str
    level: str
    figure: str
    ratio: float | None
    at_least: bool


@dataclass(frozen=True, slots=True)
class Outline:
    """A province's components and connections (and deployment figures) without attributes or sources.

    Small enough to travel back from a worker process with the report (a whole :class:`Province`
    pickles ten times slower), and all a drawing of the architecture needs.
    """

    components: tuple[OutlineComponent, ...]
    connections: tuple[OutlineConnection, ...]
    coverage: tuple[OutlineCoverage, ...] = ()

    @classmethod
    def of(cls, province: Province) -> Outline:
        """The outline of ``province``, in model order."""
        return cls(
            tuple(OutlineComponent(c.id, c.kind, c.name, c.status, c.national) for c in province.components),
            tuple(OutlineConnection(c.source, c.target, c.kind, c.via, c.status) for c in province.connections),
            tuple(_coverage(province, c.id, level, cov) for c in province.components
                  for level, cov in sorted(c.deployment.items())),
        )


def _coverage(province: Province, cid: str, level: str, cov: Coverage) -> OutlineCoverage:
    unit = province.units.get(level)
    total = unit.total if unit else None
    ratio = cov.ratio(total)
    return OutlineCoverage(cid, level, cov.describe(total), ratio if isinstance(ratio, float) else None,
                           cov.at_least)
