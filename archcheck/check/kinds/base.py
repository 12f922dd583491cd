"""What every check kind shares: the evaluation context, selectors, the CheckSpec protocol."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, Self

from archcheck.check.graph import Graph
from archcheck.findings import Violation
from archcheck.model import Component, Connection, Province, Status

ParseCheck = Callable[[dict[str, object], str], "CheckSpec"]


@dataclass(frozen=True, slots=True)
class Selector:
    """Which components a check is about: by kind, optionally only provincial or national ones.

    >>> Selector.parse({"kind": ["a", "b"]}).kinds == frozenset({"a", "b"})
    True
    """

    kinds: frozenset[str]
    national: bool | None = None

    @classmethod
    def parse(cls, raw: object) -> Selector:
        """From ``{kind: X}`` or ``{kind: [X, Y]}`` (optionally ``national: true|false``)."""
        assert isinstance(raw, Mapping)
        kind = raw["kind"]
        kinds = frozenset([kind] if isinstance(kind, str) else kind)
        national = raw.get("national")
        return cls(kinds, national if isinstance(national, bool) else None)

    def matches(self, comp: Component) -> bool:
        """True if the component is of one of the kinds (and side, if given)."""
        if comp.kind not in self.kinds:
            return False
        return self.national is None or comp.national == self.national

    @property
    def label(self) -> str:
        """The kinds, for messages: ``a`` or ``a or b``."""
        return " or ".join(sorted(self.kinds))


@dataclass(slots=True)
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
    _cache: dict[Selector, list[Component]] = field(default_factory=dict)
    _by_kind: dict[str, list[Component]] | None = None
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


class CheckSpec(Protocol):
    """A parsed check: built once per rule, run once per province."""

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        """Build the check from its (schema-valid) parameters."""
        ...

    def run(self, ctx: CheckContext) -> Iterator[Violation]:
        """Yield one violation per problem found; nothing if the province passes."""
        ...

    def kinds_used(self) -> frozenset[str]:
        """Every component kind the check names (to verify it against a framework vocabulary)."""
        ...
