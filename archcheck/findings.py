"""Severity, locations, evidence and findings: plain frozen values, no formatting.

A check kind yields :class:`Violation` objects, which know nothing of rule ids, severities or
file positions; the engine turns each into a :class:`Finding` by stamping those on.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from archcheck.catalogue import Message, msg, say
from archcheck.values import field, record

ModelPath = tuple[str | int, ...]


class Severity(enum.StrEnum):
    """How much a finding matters. Ordered: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: the sort key (most severe first)."""
        return _RANK[self]

    def at_least(self, threshold: Severity) -> bool:
        """True if this severity is as severe as ``threshold`` or more.

        >>> Severity.ERROR.at_least(Severity.WARNING)
        True
        """
        return self.rank <= threshold.rank

    def capped(self, cap: Severity | None) -> Severity:
        """This severity, lowered to ``cap`` if ``cap`` is less severe."""
        if cap is None or cap.rank <= self.rank:
            return self
        return cap


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Outcome(enum.StrEnum):
    """What one rule in a run came to, for one province.

    ``passed`` means the rule ran and found what it requires; ``not-applicable`` that it found
    nothing to check (the reason says what was missing); ``cannot-verify`` that the model does not
    say enough (only "cannot verify" findings). ``not-in-force``, ``ended`` and ``superseded`` are
    rules the framework lists that did not bind on the evaluation date.
    """

    PASSED = "passed"
    FAILED = "failed"
    CANNOT_VERIFY = "cannot-verify"
    NOT_APPLICABLE = "not-applicable"
    NOT_IN_FORCE = "not-in-force"
    ENDED = "ended"
    SUPERSEDED = "superseded"
    TARGET = "target"
    """A policy target, never a rule outcome of failed: where the province stands is the target's
    state (:class:`TargetState`), counted in the targets section apart from the rules."""


@record
class RuleOutcome:
    """One rule's outcome for one province, with the severity it had and why, where that helps."""

    rule_id: str
    outcome: Outcome
    severity: Severity
    reason: Message | None = None


class KpiStatus(enum.StrEnum):
    """Where a province stands on a policy target."""

    MET = "met"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"


class TargetState(enum.StrEnum):
    """Where a province stands on a target, as every report counts it: met; below it before the
    deadline; missed after the deadline; or cannot verify (the model does not say)."""

    MET = "met"
    BELOW = "below"
    MISSED = "missed"
    CANNOT_VERIFY = "cannot-verify"


class PlanStatus(enum.StrEnum):
    """A province's own target set beside the national one: a fact of its plan, never a count."""

    MEETS = "meets"
    """At least the national value, by the national deadline or earlier."""
    BELOW = "below"
    """A lower value than the national target."""
    LATER = "later"
    """The national value or more, but only after the national deadline."""
    UNKNOWN = "unknown"
    """The plan states the indicator without a figure (``value: unknown``)."""


@record
class Kpi:
    """A policy target as a key performance indicator: the target, its deadline, the model's figure.

    Attributes:
        due: the evaluation date is after the deadline (a not-met target is then missed, not pending).
    """

    rule_id: str
    rule_name: str
    title_en: str
    title_vi: str
    document: Message | str
    """The source document (a rule's prose, in both languages; a message where it is unconfirmed)."""
    target: str
    deadline: str
    figure: Message | str
    """What the model says of the measured quantity."""
    status: KpiStatus
    due: bool
    plan: Message | str | None = None
    """The province's own target for the same indicator (``metric value by date``), if the model has one."""
    plan_status: PlanStatus | None = None
    """How that plan stands against the national target (None: the model states no such target)."""
    count: float | None = None
    """Operation view, with a plan: the model's count as a percentage (None: unknown or not in numbers)."""
    count_reaches_plan: bool | None = None
    """Operation view: whether that count reaches the plan's value (None: it cannot be verified)."""
    count_compared: bool = False
    """The operation view set the count beside the plan (False in the design view or without a plan)."""

    @property
    def state(self) -> TargetState:
        """Met, below (not met before the deadline), missed (not met after it) or cannot verify."""
        if self.status is KpiStatus.MET:
            return TargetState.MET
        if self.status is KpiStatus.UNKNOWN:
            return TargetState.CANNOT_VERIFY
        return TargetState.MISSED if self.due else TargetState.BELOW


def target_counts(kpis: Iterable[Kpi]) -> dict[TargetState, int]:
    """How many targets stand in each state, in the order of :class:`TargetState` (zeros left out)."""
    states = [k.state for k in kpis]
    return {s: states.count(s) for s in TargetState if s in states}


class Confidence(enum.StrEnum):
    """How sure the domain reference is of a rule's legal source (✅ / ⚠️)."""

    CONFIRMED = "confirmed"
    UNCONFIRMED = "unconfirmed"


def format_path(path: ModelPath) -> str:
    """Render a model path the way users read it.

    >>> format_path(("province", "components", 2, "kind"))
    'province.components[2].kind'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@record
class Location:
    """Where in which file: 1-based line and column; in a workbook (a Mẫu 03 data set), the sheet and
    cell, with ``line`` the row as Excel numbers it and ``column`` the column's number (A = 1)."""

    file: str
    line: int
    column: int
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.file}:{self.sheet}!{self.cell}" if self.cell else f"{self.file}:{self.sheet}"
        return f"{self.file}:{self.line}:{self.column}"


@record
class Citation:
    """The legal or framework text a rule comes from."""

    document: str
    clause: str | None
    effective: str
    confidence: Confidence
    note: str | None = None

    @property
    def said(self) -> Message:
        """The citation as a message: document, clause, from when, and whether it is unconfirmed (the
        document and clause are the rule's own prose, a :class:`~archcheck.catalogue.Text` where the
        rule gives its Vietnamese)."""
        out = msg("citation.clause", document=self.document, clause=self.clause, effective=self.effective) \
            if self.clause else msg("citation.document", document=self.document, effective=self.effective)
        return msg("citation.unconfirmed", m=out) if self.confidence is Confidence.UNCONFIRMED else out

    def __str__(self) -> str:
        return say(self.said, "en")


@record
class Edge:
    """One connection as the evidence names it."""

    source: str
    target: str
    kind: str
    path: ModelPath | None = None

    def __str__(self) -> str:
        return f"{self.source} -[{self.kind}]-> {self.target}"


@record
class Evidence:
    """Why a violation holds, as data a reporter can render or serialise.

    Attributes:
        chain: for reachability, the longest known chain from the subject toward the target.
        broken_at: the node where the chain stops.
        edge: for a forbidden connection, the offending edge.
        expected: what the rule requires, in words or numbers.
        actual: what the model says.
        candidates: nodes that would satisfy the rule, if any exist.
    """

    chain: tuple[str, ...] = ()
    broken_at: str | None = None
    edge: Edge | None = None
    expected: Message | str | None = None
    actual: Message | str | None = None
    candidates: tuple[str, ...] = ()


@record
class Provenance:
    """Where a fact in the model comes from: a document, a place in it, a short quote."""

    document: str
    locator: str | None = None
    quote: str | None = None


@record
class Violation:
    """What a check kind yields: the bare facts of one problem.

    Attributes:
        subject: the component id (or ``province``) the problem is about.
        path: the model path that best locates it.
        message: what is wrong, as a catalogue message naming the subject (never a sentence).
        evidence: the witness (chain, edge, numbers).
        unverifiable: the model says ``unknown`` where the rule needs a fact: "cannot verify".
        severity_cap: the most severe level this violation may be reported at (an exception applies).
        provenance: sources of the model facts the check used.
        from_absence: the violation rests on something the model does not state (a missing
            component, connection, figure or attribute), not on a stated fact; in a partial
            model the engine reports it as "cannot verify".
    """

    subject: str
    path: ModelPath
    message: Message
    evidence: Evidence = field(default_factory=Evidence)
    unverifiable: bool = False
    severity_cap: Severity | None = None
    provenance: tuple[Provenance, ...] = ()
    from_absence: bool = False
    detail: str | None = None
    """What within the subject, where the path does not say it (a level, an attribute): part of the key."""


@record
class Finding:
    """A violation stamped with its rule, severity, location and citation."""

    rule_id: str
    rule_name: str
    title_en: str
    title_vi: str
    severity: Severity
    message: Message
    subject: str
    path: ModelPath
    location: Location | None
    evidence: Evidence
    citation: Citation
    remediation: str
    unverifiable: bool
    provenance: tuple[Provenance, ...] = ()
    about: str = ""
    """What the finding is about, without list positions or lines: ``province/subject/attribute…``.

    Built by :func:`archcheck.check.identity.about`, e.g. ``Lâm Đồng/component=qlvb/deployment/district``
    or ``Lâm Đồng/connection=motcua->dvcqg:data-exchange``. Empty for a finding made by hand: the
    fingerprint then falls back to the subject and model path.
    """
    chain_locations: tuple[Location, ...] = ()
    """Where each node of ``evidence.chain`` is declared in the model, in chain order (reports that
    walk the chain step by step, such as SARIF code flows, point at these)."""
    partial: bool = False
    """"Cannot verify" because the model is partial (drawn from a report) and silent on what the rule
    needs: the check found an absence, which a partial model does not establish."""

    @property
    def unconfirmed(self) -> bool:
        """The rule's legal source is unconfirmed (⚠️ in the domain reference): never an error."""
        return self.citation.confidence is Confidence.UNCONFIRMED

    @property
    def message_id(self) -> str:
        """The stable id of the message (its catalogue key, with the keys it wraps)."""
        return self.message.id

    @property
    def said(self) -> Message:
        """The message with what the finding's fields add: partial model, unconfirmed source."""
        out = self.message
        if self.partial:
            out = msg("finding.partial", m=out)
        if self.unconfirmed:
            out = msg("finding.unconfirmed", m=out)
        return out

    def text(self, lang: str = "en") -> str:
        """The message with its fields said, in ``lang`` (English: what machine formats carry)."""
        return say(self.said, lang)

    @property
    def fingerprint(self) -> str:
        """A stable id of this finding: the first 16 hex digits of SHA-256 of ``rule_id NUL about``.

        Never a line number or a list position: a baseline or a model diff keyed on it survives
        reformatting the file and moving, inserting or deleting other components, connections or
        provinces. Two findings of one run never share one.
        """
        import hashlib  # noqa: PLC0415 - only where fingerprints are asked for (baselines, CI formats)

        about = self.about or f"{self.subject}\x00{format_path(self.path)}"
        key = f"{self.rule_id}\x00{about}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple[int, str, tuple[tuple[int, str | int], ...], str, str]:
        """The one deterministic order: severity, rule id, model path, subject, message."""
        typed_path = tuple((0, p) if isinstance(p, int) else (1, p) for p in self.path)
        return (self.severity.rank, self.rule_id, typed_path, self.subject, self.text())
