"""The province model as frozen records (archcheck.values). No I/O here; see :mod:`archcheck.read.loading`."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import TypeAlias

from archcheck.catalogue import Message, join, msg, word
from archcheck.findings import ModelPath, Provenance
from archcheck.values import field, record


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

CONNECTION_KINDS: tuple[str, ...] = ("document-exchange", "data-exchange", "synchronisation", "authentication",
                                      "payment", "hosting", "monitoring", "operates")
"""The one vocabulary of connection kinds, in the order reports and legends list them. The model and
rule schemas, the drawing and the reports all read this list (tests/test_verdicts_vocabulary.py holds
them to it); the words for each are the catalogue's ``connection.<kind>``."""

OPERATES = "operates"
"""The connection kind by which a public-service centre runs a system for citizens."""

OPERATOR_KINDS = frozenset({"public-service-centre"})
"""The component kinds an ``operates`` connection may start from."""

OWNER_LEVELS: tuple[str, ...] = ("province", "department", "district", "commune")
"""Who may own a component (``owner_level``); unstated is the province."""


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


@record
class UnitCount:
    """How many organisational units of one level the province has."""

    total: Count
    names: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = ()


class Extent(enum.StrEnum):
    """How far a deployment or a connection reaches, in the source's words when it gives no figure.

    ``all``: every unit; ``most``: more than half, how many not said; ``some``: in use, at least one
    unit, how far not said (e.g. "deployed at district level"); ``none``: no unit; ``unknown``: the
    source does not say.
    """

    ALL = "all"
    MOST = "most"
    SOME = "some"
    NONE = "none"
    UNKNOWN = "unknown"


_EXTENT_BOUNDS = {Extent.ALL: (1.0, False, 1.0), Extent.MOST: (0.5, True, 1.0), Extent.SOME: (0.0, True, 1.0),
                  Extent.NONE: (0.0, False, 0.0), Extent.UNKNOWN: (0.0, False, 1.0)}


@record
class Coverage:
    """How many units of one level use a component (or how far a connection reaches).

    Attributes:
        extent: the source's word where it gives no figure (``most``, ``some``, …).
        phrase: the source's own phrase for the extent ("phần lớn các cơ quan").
    """

    used: Count | None
    total: Count | None
    percent: float | None
    at_least: bool
    path: ModelPath
    provenance: tuple[Provenance, ...] = ()
    extent: Extent | None = None
    phrase: str | None = None

    def bounds(self, default_total: Count | None) -> tuple[float, bool, float] | None:
        """The share of units covered as an interval ``(low, low_is_exclusive, high)`` in 0..1, or None
        if the figures cannot say (unknown counts, no total).

        >>> Coverage(None, None, None, False, (), extent=Extent.MOST).bounds(None)
        (0.5, True, 1.0)
        >>> Coverage(None, None, 30, True, ()).bounds(None)
        (0.3, False, 1.0)
        """
        if self.extent is not None and self.used is None and self.percent is None:
            return None if self.extent is Extent.UNKNOWN else _EXTENT_BOUNDS[self.extent]
        ratio = self.ratio(default_total)
        if ratio is None or isinstance(ratio, Unknown):
            return None
        return (ratio, False, 1.0 if self.at_least else ratio)

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
        """The figure as the source gives it, in English, e.g. ``90/147`` or ``more than 30%``."""
        return str(self.said(default_total))

    def said(self, default_total: Count | None) -> Message | str:
        """The figure as the source gives it, as a message (a plain ``90/147`` or ``30%`` where it is all
        numbers): ``more than 30%``, ``most ("phần lớn")``, ``not stated``."""
        if self.extent is not None and self.used is None and self.percent is None:
            extent = word("status", "unknown") if self.extent is Extent.UNKNOWN else word("extent", self.extent.value)
            return msg("coverage.quoted", extent=extent, phrase=self.phrase) if self.phrase else extent
        figure: Message | str
        if self.used is not None:
            total = self.total if self.total is not None else default_total
            if isinstance(self.used, int) and isinstance(total, int):
                figure = f"{self.used}/{total}"
            else:
                figure = msg("coverage.fraction", used=_count(self.used), total=_count(total))
        elif self.percent is not None:
            figure = f"{self.percent:g}%"
        else:
            return msg("coverage.not-stated")
        return msg("coverage.more-than", figure=figure) if self.at_least else figure


def _count(value: Count | None) -> Message | int:
    """A count for a message: the number, or "unknown" said in the report's language."""
    return value if isinstance(value, int) else word("status", "unknown")


@record
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
    owner_level: str | None = None
    """Who the component belongs to where not the province (``district``, ``commune``)."""
    stage: str | None = None
    """The roadmap stage of the design that brings the component in (``province.design.stages``)."""

    @property
    def label(self) -> str:
        """``id`` with the name, for messages."""
        return f"{self.id} ({self.name})" if self.name else self.id


@record
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
    via_unknown: bool = False
    """``via: unknown``: the source does not say whether the connection passes through a hub."""
    reach: Coverage | None = None
    """How far the connection reaches (``most`` of the source's units, 15/21 …); None: fully."""
    stage: str | None = None
    """The roadmap stage of the design that brings the connection in."""

    @property
    def partial(self) -> bool:
        """The connection is stated for only part of the units, or how far it reaches is unknown."""
        if self.reach is None:
            return False
        b = self.reach.bounds(None)
        return b is None or b[0] < 1.0

    @property
    def traversal_status(self) -> Status:
        """The status reachability uses: a partial reach is not a sure path (unknown), a reach of
        none is absent."""
        if self.status is not Status.PRESENT or self.reach is None:
            return self.status
        b = self.reach.bounds(None)
        if b is not None and b[2] == 0.0:
            return Status.ABSENT
        return Status.UNKNOWN if self.partial else Status.PRESENT

    def said_reach(self) -> Message | None:
        """``reaches only most ("phần lớn")`` as a message; None if full."""
        if self.reach is None or not self.partial:
            return None
        return msg("coverage.reaches-only", figure=self.reach.said(None))


@record
class Stage:
    """One stage of an approved design's roadmap."""

    id: str
    name: str | None
    start: dt.date | None
    """None: the document does not give it (``from: unknown``)."""
    end: dt.date | None
    """None: the document does not give it (``to: unknown``)."""
    path: ModelPath


@record
class Design:
    """The approved architecture (Kiến trúc CQĐT/CQS tỉnh): its document, horizon and roadmap."""

    horizon: dt.date | None
    """None: the document does not give it (``horizon: unknown``)."""
    stages: tuple[Stage, ...]
    path: ModelPath
    document: tuple[Provenance, ...] = ()
    approved: dt.date | None = None
    """The day the design was approved (None: not stated)."""

    def stage(self, sid: str) -> Stage | None:
        """The stage with this id."""
        return next((s for s in self.stages if s.id == sid), None)


@record
class Target:
    """A province's own indicator with its deadline, as its plan states it (a fact, not a count)."""

    metric: str
    value: float | str
    by: dt.date
    path: ModelPath
    provenance: tuple[Provenance, ...] = ()


@record
class OwnFramework:
    """The province's own digital architecture framework as the model states it (QĐ 1425/QĐ-TTg Art. 3(4)).

    Attributes:
        document: the issuing decision, or None where the model says ``none`` (not issued).
        issued: the date it was issued; None if the model says ``unknown``.
    """

    document: str | None
    issued: dt.date | None
    path: ModelPath
    provenance: tuple[Provenance, ...] = ()


@record
class DataRow:
    """One row of a data-set sheet: its row number as Excel numbers it and its non-empty cells by field key."""

    row: int
    cells: Mapping[str, str]
    path: ModelPath


@record
class DataSet:
    """A Mẫu 03 data set (MOST draft guidance 13/09/2026) as submitted: every sheet's rows, by the
    sheet's canonical name (``DM_DOITUONG`` …). The model's components, connections and design are
    built from it; the data-set rules (M03-*) check the rows themselves."""

    template: str
    sheets: Mapping[str, tuple[DataRow, ...]]
    path: ModelPath

    def rows(self, sheet: str) -> tuple[DataRow, ...]:
        """The rows of ``sheet`` (none if the data set has no such sheet)."""
        return self.sheets.get(sheet, ())


@record
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
    design: Design | None = None
    targets: tuple[Target, ...] = ()
    dataset: DataSet | None = None
    """The submission's Mẫu 03 data set, row by row, where the model was read from one (or imported)."""
    own_framework: OwnFramework | None = None
    """``digital_architecture_framework``; None where the model does not state it."""
    reform_on: dt.date | None = None
    """The day the model says the province became two-tier (``admin_structure: {from: three-tier, to:
    two-tier, on: DATE}``); ``admin_structure`` is then the structure before it."""

    def structure_on(self, date: dt.date) -> str | None:
        """The administrative structure the model states for ``date``."""
        if self.reform_on is not None and date >= self.reform_on:
            return "two-tier"
        return self.admin_structure

    def component(self, cid: str) -> Component | None:
        """The component (provincial or national) with this id."""
        for c in self.components:
            if c.id == cid:
                return c
        return None

    def levels(self, on: dt.date) -> tuple[str, ...]:
        """The administrative levels this province has on the evaluation date ``on`` (always given: the
        run's :class:`Evaluation` date, never the model's own ``as_of`` by default). From the reform's
        date there is no district level by law, whatever the model states (a ``three-tier`` model then
        gets ADM-001), so a model of 2024 evaluated in 2026 and the same model dated 2026 get the same
        verdicts.
        """
        date = on
        two_tier = self.structure_on(date) == "two-tier" or date >= TWO_TIER_FROM
        return tuple(lv for lv in LEVELS if not (two_tier and lv == "district"))


class DateBasis(enum.StrEnum):
    """Why a run evaluates a province at its date."""

    GIVEN = "given"
    """``--as-of`` (the caller's date)."""
    MODEL = "model"
    """The model's ``as_of``."""
    FRAMEWORK = "framework"
    """The framework's issue date, later than the model's ``as_of``."""
    DESIGN = "design"
    """The end of the checked design (the design view)."""


@record
class Evaluation:
    """THE evaluation date of one province's run and its basis: made once, by the engine
    (:func:`archcheck.check.engine.evaluation_for`), and read by every rule, coverage figure, KPI and
    report. Nothing else decides a date (a check reads ``CheckContext.date``, which is this date).

    Attributes:
        as_of: the model's own ``as_of`` (for the framework basis's note).
        chosen: the framework the province is checked against, where the model does not say which
            (``framework: unknown``) and archcheck chose the latest issued by ``chosen_by``; None otherwise.
        design: the design view's scope, said (``design view, the whole roadmap (horizon …)``).
    """

    date: dt.date
    basis: DateBasis
    as_of: dt.date
    chosen: str | None = None
    chosen_by: dt.date | None = None
    design: Message | None = None

    @property
    def note(self) -> Message:
        """Why this date, as the report says it: the basis, then the chosen framework, then the design
        scope, joined by semicolons."""
        basis: Message = {
            DateBasis.GIVEN: msg("eval.given"),
            DateBasis.MODEL: msg("eval.model"),
            DateBasis.FRAMEWORK: msg("eval.framework", as_of=self.as_of.isoformat()),
            DateBasis.DESIGN: msg("eval.design"),
        }[self.basis]
        parts: list[Message] = [basis]
        if self.chosen is not None:
            parts.append(msg("eval.latest-framework", framework=self.chosen,
                             date=(self.chosen_by or self.date).isoformat()))
        if self.design is not None:
            parts.append(self.design)
        if len(parts) == 1:
            return basis
        return msg("engine.joined", parts=join(parts, "semicolon"))


@record
class OutlineComponent:
    """What a drawing shows of a component."""

    id: str
    kind: str
    name: str | None
    status: Status
    national: bool
    owner_level: str | None = None
    """The level that owns the component (``commune`` parts are grouped in the 1425 view)."""


@record
class OutlineConnection:
    """What a drawing shows of a connection."""

    source: str
    target: str
    kind: str
    via: str | None
    status: Status
    unsure: bool = False
    """Its reach is partial or unknown, or its route is ``via: unknown``: drawn dashed, not as a sure line."""


@record
class OutlineCoverage:
    """One deployment figure: a component's coverage of one level, as the source gives it.

    Attributes:
        figure: the figure as a message (:meth:`Coverage.said`), e.g. ``90/147`` or ``more than 30%``.
        ratio: the share of units covered, 0..1, or None where it is unknown or not a number.
        at_least: the source gives a lower bound ("more than 30%").
    """

    component: str
    level: str
    figure: Message | str
    ratio: float | None
    at_least: bool


@record
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
            tuple(OutlineComponent(c.id, c.kind, c.name, c.status, c.national, c.owner_level)
                  for c in province.components),
            tuple(OutlineConnection(c.source, c.target, c.kind, c.via, c.status, c.partial or c.via_unknown)
                  for c in province.connections),
            tuple(_coverage(province, c.id, level, cov) for c in province.components
                  for level, cov in sorted(c.deployment.items())),
        )


def _coverage(province: Province, cid: str, level: str, cov: Coverage) -> OutlineCoverage:
    unit = province.units.get(level)
    total = unit.total if unit else None
    ratio = cov.ratio(total)
    if not isinstance(ratio, float):  # a word that decides (all, none) is a share too
        b = cov.bounds(total)
        ratio = b[0] if b is not None and not b[1] and b[0] == b[2] else None
    return OutlineCoverage(cid, level, cov.said(total), ratio, cov.at_least)
