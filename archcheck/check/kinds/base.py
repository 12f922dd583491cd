"""What every check kind shares: the evaluation context, selectors, the CheckSpec protocol."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol, Self, TypeVar

from archcheck.catalogue import Join, Message, join, msg, say, word
from archcheck.check.graph import Graph
from archcheck.findings import Evidence, Violation
from archcheck.model import Component, Connection, Province, Status
from archcheck.values import field, record

ParseCheck = Callable[[dict[str, object], str], "CheckSpec"]
T = TypeVar("T")


def joined(items: Iterable[T], how: str = "comma") -> T | Join | str:
    """``items`` as one message argument, joined by ``how`` (``comma``, ``or``, ``semicolon``, ``arrow``).

    A single item is the argument as it is; plain texts (ids, a chain) joined by a mark every language
    writes alike (the catalogue's comma, semicolon and arrow) are joined here, once: both say what the
    :class:`Join` would, and a report says thousands of them (a chain of 2,000 in each of 2,000 findings).
    """
    found = tuple(items)
    if len(found) == 1:
        return found[0]
    mark = _neutral().get(how)
    if mark is not None and all(isinstance(i, str) for i in found):
        return mark.join(found)  # type: ignore[arg-type]  # all str, as checked
    return join(found, how)


_NEUTRAL: list[dict[str, str]] = []


def _neutral() -> dict[str, str]:
    """The joins the catalogue writes alike in English and Vietnamese, with their mark."""
    if not _NEUTRAL:
        marks = {how: (say(join(("", ""), how), "en"), say(join(("", ""), how), "vi"))
                 for how in ("comma", "semicolon", "arrow")}
        _NEUTRAL.append({how: en for how, (en, vi) in marks.items() if en == vi})
    return _NEUTRAL[0]


@record
class Selector:
    """Which components a check is about: by kind, optionally only provincial or national ones.

    >>> Selector.parse({"kind": ["a", "b"]}).kinds == frozenset({"a", "b"})
    True
    """

    kinds: frozenset[str]
    national: bool | None = None
    owners: frozenset[str] | None = None
    """Only components owned at these levels (``owner_level``; unstated is the province); None: any."""

    @classmethod
    def parse(cls, raw: object, *, owners: frozenset[str] | None = None) -> Selector:
        """From ``{kind: X}`` or ``{kind: [X, Y]}`` (optionally ``national: true|false`` and
        ``owner_level: L`` or ``[L, …]``); ``owners`` is the default when ``owner_level`` is not given."""
        assert isinstance(raw, Mapping)
        kind = raw["kind"]
        kinds = frozenset([kind] if isinstance(kind, str) else kind)
        national = raw.get("national")
        owner = raw.get("owner_level")
        if owner is not None:
            owners = frozenset([owner] if isinstance(owner, str) else owner)
        return cls(kinds, national if isinstance(national, bool) else None, owners)

    def matches(self, comp: Component) -> bool:
        """True if the component is of one of the kinds (and side and owner, if given)."""
        if comp.kind not in self.kinds:
            return False
        if self.owners is not None and not comp.national and owner_of(comp) not in self.owners:
            return False
        return self.national is None or comp.national == self.national

    def others(self, ctx: CheckContext) -> list[Component]:
        """Components of the kinds that this selector leaves out for their owner (a district's portal)."""
        if self.owners is None:
            return []
        everyone = Selector(self.kinds, self.national)
        return [c for c in ctx.select(everyone) if not self.matches(c)]

    @property
    def label(self) -> str:
        """The kinds as one English text: ``a`` or ``a or b``."""
        return " or ".join(sorted(self.kinds))

    @property
    def said(self) -> str | Join:
        """The kinds as a message argument: ``a`` or ``a or b``, the "or" said in the report's language."""
        return joined(sorted(self.kinds), "or")


PROVINCE_OWNED = frozenset({"province"})
"""What a rule about the province counts: components the province owns (issue 30)."""


def owner_of(comp: Component) -> str:
    """The level that owns a component: its ``owner_level``, else the province."""
    return comp.owner_level or "province"


@record(frozen=False)
class CheckContext:
    """What a check sees: one province and its graph, with indexes every rule shares.

    The indexes (components by kind, connections by source) are built on first use in one pass over
    the province, so thirty rules asking "which components are of kind X" do not each scan them all.
    """

    province: Province
    graph: Graph
    vocabulary: Mapping[str, bool] | None = None
    """The framework's component kinds (kind → national?), where the check runs under a framework."""
    framework: str | None = None
    """The id of that framework, for messages."""
    kind_map: Mapping[str, str] = field(default_factory=dict)
    """Kinds of earlier versions the framework no longer names → the kind that takes their place."""
    design: bool = False
    """The design view: say "the design lacks X" rather than "no X in operation"."""
    date: dt.date | None = None
    """The evaluation date the engine decided (``Evaluation.date``); read it through :attr:`on`."""
    _cache: dict[Selector, list[Component]] = field(default_factory=dict)
    _by_kind: dict[str, list[Component]] | None = None

    @property
    def on(self) -> dt.date:
        """The evaluation date every check reads: the engine's (it always gives one); a context made
        by hand for one check, without a date, is evaluated at the model's ``as_of``."""
        return self.date or self.province.as_of
    _from: dict[str, list[Connection]] | None = None

    def select(self, selector: Selector, *, statuses: frozenset[Status] | None = None) -> list[Component]:
        """Components matching ``selector`` (sorted by id), optionally only with these statuses."""
        found = self._cache.get(selector)
        if found is None:
            if self._by_kind is None:
                self._by_kind = {}
                for comp in self.province.components:
                    self._by_kind.setdefault(comp.kind, []).append(comp)
            found = sorted((c for k in selector.kinds for c in self._by_kind.get(k, ()) if selector.matches(c)),
                           key=lambda c: c.id)
            self._cache[selector] = found
        if statuses is None:
            return found
        return [c for c in found if c.status in statuses]

    def outgoing(self, source: str) -> list[Connection]:
        """The connections the model declares from ``source``, in file order."""
        if self._from is None:
            self._from = {}
            for conn in self.province.connections:
                self._from.setdefault(conn.source, []).append(conn)
        return self._from.get(source, [])


class Verdict(enum.StrEnum):
    """What one check (or one branch of a composite check) came to.

    ``not-applicable``: there was nothing to check (no component of the kind the check is about);
    it is never a pass, so an ``any`` cannot be satisfied by a branch that found nothing to check.
    """

    PASS = "pass"
    FAIL = "fail"
    CANNOT_VERIFY = "cannot-verify"
    NOT_APPLICABLE = "not-applicable"


@record
class Result:
    """A check's verdict with the violations behind it.

    Attributes:
        verdict: pass, fail, cannot verify or not applicable.
        violations: for ``fail`` at least one violation that is not "cannot verify"; for
            ``cannot-verify`` only "cannot verify" ones; none for ``pass`` and ``not-applicable``.
        reason: for ``not-applicable``, what was missing ("no integration-platform in the model"), as
            a catalogue message.
        from_absence: the ``not-applicable`` rests on something the model does not state (no such
            component at all), not on a stated absence; in a partial model that is "cannot verify".
    """

    verdict: Verdict
    violations: tuple[Violation, ...] = ()
    reason: Message | None = None
    from_absence: bool = False

    @classmethod
    def of(cls, violations: Iterable[Violation]) -> Result:
        """The verdict the violations give: fail if any is a violation, cannot verify if all are
        "cannot verify", pass if there are none."""
        found = tuple(violations)
        if not found:
            return cls(Verdict.PASS)
        if all(v.unverifiable for v in found):
            return cls(Verdict.CANNOT_VERIFY, found)
        return cls(Verdict.FAIL, found)

    @classmethod
    def not_applicable(cls, reason: Message, *, from_absence: bool = False) -> Result:
        """Nothing to check, and why."""
        return cls(Verdict.NOT_APPLICABLE, (), reason, from_absence)


class Check:
    """Mixin of every check kind: ``run`` is the violations of :meth:`evaluate`."""

    __slots__ = ()

    def evaluate(self, ctx: CheckContext) -> Result:
        """The check's verdict on one province."""
        raise NotImplementedError

    def run(self, ctx: CheckContext) -> Iterator[Violation]:
        """The violations behind the verdict (none for a pass or not applicable)."""
        yield from self.evaluate(ctx).violations


def cannot_verify(message: Message) -> Message:
    """``cannot verify: …``: what the model does not say."""
    return msg("check.cannot-verify", m=message)


def cannot_verify_remainder(message: Message) -> Message:
    """``cannot verify the remainder: …``: the model gives part of a figure, not the rest."""
    return msg("check.cannot-verify-remainder", m=message)


def is_status(subject: str, status: Status) -> Message:
    """``qlvb is absent``: a component or connection with its status."""
    return msg("check.is-status", c=subject, status=word("status", status.value))


def stated(message: Message, facts: list[Message]) -> Message:
    """``message (fact, fact)``: the stated facts behind a message, if any."""
    return msg("check.stated", m=message, stated=joined(facts, "comma")) if facts else message


def listed(items: list[Message | str], how: str = "comma") -> Message | str:
    """One item as it is; several as one message, joined by ``how``."""
    return items[0] if len(items) == 1 else msg("check.list", items=join(items, how))


def unknown_subjects(ctx: CheckContext, selector: Selector) -> list[Violation]:
    """One "cannot verify" violation per selected component of unknown status."""
    return [Violation(c.id, c.path, cannot_verify(msg("check.whether-in-operation", c=c.label, kinds=selector.said)),
                      Evidence(expected=msg("check.kinds-in-operation", kinds=selector.said),
                               actual=is_status(c.id, c.status)),
                      unverifiable=True, provenance=c.provenance)
            for c in ctx.select(selector, statuses=frozenset({Status.UNKNOWN}))]


def subjects(ctx: CheckContext, selector: Selector) -> list[Component] | Result:
    """The present components a per-component check is about, or the result if there are none.

    None in operation but some of unknown status: "cannot verify" (one violation per such
    component), never a silent pass. None at all: not applicable, "no X in the model" (from
    absence). Only absent or planned ones: not applicable, "no X in operation (id is absent)".
    """
    present = ctx.select(selector, statuses=frozenset({Status.PRESENT}))
    if present:
        return present
    unsure = unknown_subjects(ctx, selector)
    if unsure:
        return Result.of(unsure)
    found = ctx.select(selector)
    if found and ctx.design:
        return Result.not_applicable(msg("check.design-lacks", kinds=selector.said))
    if found:
        return Result.not_applicable(stated(msg("check.none-in-operation", kinds=selector.said),
                                            [is_status(c.id, c.status) for c in found]))
    return Result.not_applicable(msg("check.none-in-model", kinds=selector.said), from_absence=True)


class CheckSpec(Protocol):
    """A parsed check: built once per rule, run once per province."""

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        """Build the check from its (schema-valid) parameters."""
        ...

    def evaluate(self, ctx: CheckContext) -> Result:
        """The verdict on one province, with the violations behind it."""
        ...

    def run(self, ctx: CheckContext) -> Iterator[Violation]:
        """Yield one violation per problem found; nothing if the province passes."""
        ...

    def kinds_used(self) -> frozenset[str]:
        """Every component kind the check names (to verify it against a framework vocabulary)."""
        ...

    def fields_read(self) -> frozenset[str]:
        """Every model field the check reads, as ``component.kind``, ``connection.via``,
        ``component.attributes.online_services.level4`` (tests/test_verdicts_reach.py lists them per rule)."""
        ...
