"""The check kinds. Each is a frozen record: ``parse`` from rule parameters, ``run`` over a graph."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise
from typing import Any, Self

from archcheck.check.graph import Graph, Usable, farthest, path_to, reaching, traverse, usable
from archcheck.check.kinds.base import (
    PROVINCE_OWNED,
    Check,
    CheckContext,
    ParseCheck,
    Result,
    Selector,
    Verdict,
    owner_of,
    subjects,
    unknown_subjects,
)
from archcheck.findings import Edge, Evidence, Severity, Violation
from archcheck.model import UNKNOWN, AttrValue, Component, Connection, Status, Unknown
from archcheck.values import record, replace

PRESENT = frozenset({Status.PRESENT})
UNSURE = frozenset({Status.UNKNOWN})


def _kinds(raw: object) -> frozenset[str] | None:
    if raw is None:
        return None
    return frozenset([raw] if isinstance(raw, str) else list(raw))  # type: ignore[call-overload]


def _ids(comps: list[Component]) -> tuple[str, ...]:
    return tuple(c.id for c in comps)


SELECTING = frozenset({"component.id", "component.kind", "component.status", "component.national"})
"""What every check that selects components by kind reads of them."""
CONNECTING = frozenset({"connection.from", "connection.to", "connection.kind", "connection.status",
                        "connection.reach"}) | frozenset(f"coverage.{f}" for f in ("used", "total", "percent",
                                                                                   "extent", "bound"))
"""What a check that follows connections reads of them (``reach`` is a coverage)."""
COVERAGE = frozenset(f"coverage.{f}" for f in ("used", "total", "percent", "extent", "bound"))
"""What a check of a deployment figure reads of it."""


def owners(*selectors: Selector | None) -> frozenset[str]:
    """``component.owner_level`` if a selector picks components by their owner."""
    return frozenset({"component.owner_level"}) if any(s is not None and s.owners for s in selectors) \
        else frozenset()


def _cap(params: Mapping[str, Any]) -> Severity | None:
    cap = params.get("cap")
    return Severity(cap) if cap else None


def capped(result: Result, cap: Severity | None) -> Result:
    """The result with each violation reported at most at ``cap`` (None: as the rule grades it)."""
    if cap is None or not result.violations:
        return result
    return replace(result, violations=tuple(
        replace(v, severity_cap=cap if v.severity_cap is None else v.severity_cap.capped(cap))
        for v in result.violations))


MAX_LISTED = 20
"""Most ids a message lists: the rest are counted (``a, b, … and 24,980 more``)."""


def _listed(ids: tuple[str, ...]) -> str:
    """``ids`` joined by commas, the first :data:`MAX_LISTED` of them and how many more.

    >>> _listed(("a", "b"))
    'a, b'
    >>> _listed(tuple(str(i) for i in range(25)))
    '0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 and 5 more'
    """
    shown = ", ".join(ids[:MAX_LISTED])
    return shown if len(ids) <= MAX_LISTED else f"{shown} and {len(ids) - MAX_LISTED:,} more"


def _components_path(ctx: CheckContext) -> tuple[str | int, ...]:
    return (*ctx.province.path, "components")


# -- component-count ------------------------------------------------------------------------------


@record
class ComponentCount(Check):
    """The province has between ``min`` and ``max`` present components of the selected kinds."""

    select: Selector
    min: int
    max: int | None
    cap: Severity | None = None

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        # a rule that counts components is about the province: a district's portal is not the province's
        return cls(Selector.parse(params["select"], owners=PROVINCE_OWNED), int(params.get("min", 1)),
                   params.get("max"), _cap(params))

    def kinds_used(self) -> frozenset[str]:
        return self.select.kinds

    def fields_read(self) -> frozenset[str]:
        return SELECTING | {"component.owner_level"}

    def evaluate(self, ctx: CheckContext) -> Result:
        return capped(self._evaluate(ctx), self.cap)

    def _evaluate(self, ctx: CheckContext) -> Result:
        present = ctx.select(self.select, statuses=PRESENT)
        unsure = ctx.select(self.select, statuses=UNSURE)
        if self.min == 0 and self.max is not None and len(present) <= self.max < len(present) + len(unsure):
            return Result.of(
                Violation(c.id, c.path, f"cannot verify: at most {self.max} {self.select.label} allowed, "
                          f"{len(present)} in operation and {c.label} of unknown status",
                          Evidence(expected=f"at most {self.max}",
                                   actual=f"{len(present)} present, {len(unsure)} unknown",
                                   candidates=_ids(present + unsure)),
                          unverifiable=True, provenance=c.provenance)
                for c in unsure[:1])
        if self.min == 0 and not present:
            # "at most N" with none in operation: there is nothing to count
            found = subjects(ctx, self.select)
            if isinstance(found, Result):
                return found  # none at all: not applicable; only some of unknown status: cannot verify
            return Result.not_applicable(f"no {self.select.label} known to be in operation")
        return Result.of(self._violations(ctx, present))

    def _violations(self, ctx: CheckContext, present: list[Component]) -> Iterator[Violation]:
        if len(present) < self.min:
            unsure = ctx.select(self.select, statuses=UNSURE)
            others = [c for c in ctx.select(self.select) if c.status not in PRESENT | UNSURE]
            elsewhere = self.select.others(ctx)
            owned = " owned by the province" if elsewhere else ""
            below = "".join(f"; {c.id} belongs to the {owner_of(c)}" for c in elsewhere)
            evidence = Evidence(
                expected=f"at least {self.min} {self.select.label}{owned}",
                actual=f"{len(present)} present"
                + "".join(f", {c.id} {c.status}" for c in others + unsure) + below,
                candidates=_ids(others + unsure + elsewhere),
            )
            if len(present) + len(unsure) >= self.min:
                yield Violation(
                    subject=self.select.label,
                    path=unsure[0].path,
                    message=f"cannot verify: whether {', '.join(_ids(unsure))} "
                    f"({self.select.label}) exists is unknown",
                    evidence=evidence,
                    unverifiable=True,
                    provenance=unsure[0].provenance,
                )
            else:
                where = others[0].path if others else elsewhere[0].path if elsewhere else _components_path(ctx)
                lacks = (f"the design lacks {self.select.label}{owned}" if ctx.design
                         else f"no {self.select.label}{owned} in operation")
                if present:  # a count below the minimum is said as a count, never as "none"
                    ids = ", ".join(_ids(present))
                    lacks = (f"the design has only {len(present)} of at least {self.min} {self.select.label}{owned} "
                             f"({ids})" if ctx.design else
                             f"only {len(present)} of at least {self.min} {self.select.label}{owned} in operation "
                             f"({ids})")
                said = [f"{c.id} is {c.status}" for c in others] + [
                    f"{c.id} belongs to the {owner_of(c)}" for c in elsewhere]
                yield Violation(
                    subject=self.select.label,
                    path=where,
                    message=lacks + (f" ({', '.join(said)})" if said else ""),
                    evidence=evidence,
                    provenance=others[0].provenance if others else (),
                    from_absence=not others and not elsewhere,
                )
        if self.max is not None and len(present) > self.max:
            # said once and shared by every finding: each of thousands of extras naming all the others
            # made the report (and the time to write it) grow with the square of their number
            found = _listed(_ids(present))
            candidates = _ids(present[:MAX_LISTED])
            for extra in present[self.max :]:
                yield Violation(
                    subject=extra.id,
                    path=extra.path,
                    message=f"{extra.label} is one {self.select.label} too many: "
                    f"{len(present)} found ({found}), at most {self.max} expected",
                    evidence=Evidence(expected=f"at most {self.max}", actual=str(len(present)),
                                      candidates=candidates),
                    provenance=extra.provenance,
                )


# -- connection-required --------------------------------------------------------------------------


def _edge(c: Connection) -> Edge:
    return Edge(c.source, c.target, c.kind, c.path)


def _partial_links(ctx: CheckContext, chain: tuple[str, ...]) -> list[Connection]:
    """The connections along ``chain`` that are stated for only part of their units."""
    legs = set(pairwise(chain))
    out = []
    for c in ctx.province.connections:
        if not c.partial or c.status not in PRESENT:
            continue
        hops = [(c.source, c.via), (c.via, c.target)] if c.via else [(c.source, c.target)]
        if any(h in legs for h in hops):
            out.append(c)
    return out


def percent(share: float) -> str:
    """A share as a percentage with a sensible precision: whole percents from 10%, one decimal below,
    two significant digits under 0.1%, so 7/1696 is ``0.4%``, never ``0%``.

    >>> [percent(x) for x in (0.3, 7 / 1696, 0.0004, 0.0, 1.0, 0.0567)]
    ['30%', '0.4%', '0.04%', '0%', '100%', '5.7%']
    """
    pct = share * 100
    if pct == 0 or pct >= 10:
        return f"{pct:.0f}%"
    if pct >= 0.1:
        return f"{pct:.1f}%".replace(".0%", "%")
    return f"{pct:.2g}%"


def _stated(c: Connection) -> str:
    """The connection as evidence names it, with its status unless it is in operation:
    ``dvc -[synchronisation]-> motcua (absent)``."""
    return str(_edge(c)) if c.status is Status.PRESENT else f"{_edge(c)} ({c.status})"


@record
class ConnectionRequired(Check):
    """Every present ``from`` component has a direct connection (of ``kinds``) to a ``to`` component."""

    source: Selector
    target: Selector
    kinds: frozenset[str] | None

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        return cls(Selector.parse(params["from"]), Selector.parse(params["to"]), _kinds(params.get("kinds")))

    def kinds_used(self) -> frozenset[str]:
        return self.source.kinds | self.target.kinds

    def fields_read(self) -> frozenset[str]:
        return SELECTING | CONNECTING | owners(self.source, self.target)

    def evaluate(self, ctx: CheckContext) -> Result:
        found = subjects(ctx, self.source)
        return found if isinstance(found, Result) else Result.of(self._violations(ctx, found))

    def _violations(self, ctx: CheckContext, present: list[Component]) -> Iterator[Violation]:
        targets = {c.id: c for c in ctx.select(self.target)}
        for comp in present:
            mine = [c for c in ctx.outgoing(comp.id) if self.kinds is None or c.kind in self.kinds]
            to_target = [c for c in mine if c.target in targets]
            sure = [c for c in to_target if c.status in PRESENT and not c.partial
                    and targets[c.target].status in PRESENT]
            if sure:
                continue
            unsure = [c for c in to_target if c.status in PRESENT | UNSURE
                      and targets[c.target].status in PRESENT | UNSURE]
            kinds = " or ".join(sorted(self.kinds)) if self.kinds else "any"
            evidence = Evidence(
                expected=f"a {kinds} connection from {comp.id} to {self.target.label}",
                actual=", ".join(_stated(c) for c in mine) or "no such connection",
                candidates=tuple(sorted(targets)),
            )
            if unsure:
                first = unsure[0]
                if first.partial and first.status in PRESENT:
                    message = (f"cannot verify the remainder: the connection from {comp.label} to {first.target} "
                               f"{first.describe_reach()}")
                else:
                    message = f"cannot verify: the connection from {comp.label} to {first.target} is of unknown status"
                yield Violation(comp.id, first.path, message, evidence, unverifiable=True,
                                provenance=first.provenance)
                continue
            if to_target:
                stated = ", ".join(f"{c.source} → {c.target} is {c.status}" for c in to_target)
                yield Violation(comp.id, to_target[0].path,
                                f"{comp.label} has no {kinds} connection in operation to {self.target.label} "
                                f"({stated})", evidence, provenance=to_target[0].provenance)
                continue
            missing = "" if targets else f" (the model has no {self.target.label})"
            yield Violation(comp.id, comp.path,
                            f"{comp.label} has no {kinds} connection to {self.target.label}{missing}",
                            evidence, provenance=comp.provenance, from_absence=True)


# -- reachable ------------------------------------------------------------------------------------


@record
class Reachable(Check):
    """Present ``from`` components reach a ``to`` component, through a ``via`` hub if given.

    ``quantifier: each`` (default) requires every ``from`` component to reach; ``some`` requires
    at least one (e.g. "the one-stop system or the portal synchronises with the national portal"),
    and reports every ``from`` component only when none does.
    """

    source: Selector
    target: Selector
    via: Selector | None
    kinds: frozenset[str] | None
    some: bool = False

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        via = params.get("via")
        return cls(Selector.parse(params["from"]), Selector.parse(params["to"]),
                   Selector.parse(via) if via else None, _kinds(params.get("kinds")),
                   params.get("quantifier", "each") == "some")

    def kinds_used(self) -> frozenset[str]:
        return self.source.kinds | self.target.kinds | (self.via.kinds if self.via else frozenset())

    def fields_read(self) -> frozenset[str]:
        return SELECTING | CONNECTING | {"connection.via"} | owners(self.source, self.target, self.via)

    def _is_target(self, g: Graph) -> Callable[[str], bool]:
        nodes = g.nodes
        return lambda n: "component" in nodes[n] and self.target.matches(nodes[n]["component"])

    def _reaches(self, ctx: CheckContext, start: str, uncertain: bool, towards: set[str],
                 edges: Usable) -> tuple[bool, Evidence, str]:
        """Whether ``start`` reaches a target, with the chain that shows it; ``towards`` holds the
        nodes from which a target can be reached at all (:func:`reaching`), so that a hub that leads
        nowhere is not searched from again for every source; ``edges``: :func:`usable`."""
        g = ctx.graph
        tree = traverse(g, start, kinds=self.kinds, include_uncertain=uncertain, edges=edges)
        targets = sorted(n for n in tree if n != start and self.target.matches(g.nodes[n]["component"]))
        if self.via is None:
            if targets:
                return True, Evidence(chain=tuple(path_to(tree, targets[0]))), ""
            chain = farthest(tree)
            return False, Evidence(chain=tuple(chain), broken_at=chain[-1],
                                   expected=f"a path to {self.target.label}"), ""
        hubs = sorted(n for n in tree if n != start and self.via.matches(g.nodes[n]["component"]))
        for hub in hubs:
            if hub not in towards:
                continue
            onward = traverse(g, hub, kinds=self.kinds, include_uncertain=uncertain, edges=edges)
            hit = sorted(n for n in onward if n != hub and self.target.matches(g.nodes[n]["component"]))
            if hit:
                return True, Evidence(chain=tuple(path_to(tree, hub) + path_to(onward, hit[0])[1:])), ""
        if hubs:
            chain = path_to(tree, hubs[0])
            onward_chain = farthest(traverse(g, hubs[0], kinds=self.kinds, include_uncertain=uncertain,
                                             edges=edges))
            full = chain + onward_chain[1:]
            return False, Evidence(chain=tuple(full), broken_at=full[-1],
                                   expected=f"{self.via.label} → {self.target.label}"), (
                f"reaches {hubs[0]} but the chain stops at {full[-1]}"
            )
        # the chain shown is the route asked about: to the target if it gets there without the hub, else
        # none (where else the source's connections go says nothing about this route)
        chain = path_to(tree, targets[0]) if targets else [start]
        note = f"bypasses {self.via.label}: reaches {targets[0]} directly" if targets else (
            f"never reaches a {self.via.label}")
        return False, Evidence(chain=tuple(chain), broken_at=None if targets else start,
                               expected=f"a path through {self.via.label} to {self.target.label}"), note

    def evaluate(self, ctx: CheckContext) -> Result:
        present = subjects(ctx, self.source)
        if isinstance(present, Result):
            return present
        found = list(self._each(ctx, present))
        if not self.some:
            return Result.of(found)
        if len(found) < len(present):
            return Result(Verdict.PASS)  # at least one source reaches the target
        undecided = [v for v in found if v.unverifiable]
        # none of those in operation surely reaches; one that might, or one of unknown status, could
        return Result.of(undecided or unknown_subjects(ctx, self.source) or found)

    def _each(self, ctx: CheckContext, present: list[Component]) -> Iterator[Violation]:
        kinds = f" over {' or '.join(sorted(self.kinds))} connections" if self.kinds else ""
        through = f" through {self.via.label}" if self.via else ""
        # One backward search per rule, not one forward search per source: a source outside
        # ``sure`` cannot reach a target, one inside it (and not a target itself) surely does.
        g = ctx.graph
        is_target = self._is_target(g)
        edges = usable(g, kinds=self.kinds, include_uncertain=False)
        maybe_edges = usable(g, kinds=self.kinds, include_uncertain=True)
        sure = reaching(g, is_target, kinds=self.kinds, include_uncertain=False, edges=edges)
        maybe_set = reaching(g, is_target, kinds=self.kinds, include_uncertain=True, edges=maybe_edges)
        # whether any connection could be a stated gap or an undecided route at all: if none, no
        # failing source needs the search that looks for one
        gaps = any(c.status in (Status.ABSENT, Status.PLANNED) and c.target in maybe_set
                   for c in ctx.province.connections)
        unknown_routes = any(c.via_unknown for c in ctx.province.connections)
        for comp in present:
            if self.via is None and comp.id in sure and not is_target(comp.id):
                continue
            ok, evidence, note = self._reaches(ctx, comp.id, False, sure, edges)
            if ok:
                continue
            maybe, maybe_evidence = False, evidence
            if self.via is not None or comp.id in maybe_set:  # else no search finds a target
                maybe, maybe_evidence, _ = self._reaches(ctx, comp.id, True, maybe_set, maybe_edges)
            if maybe:
                partial = _partial_links(ctx, maybe_evidence.chain)
                message = (f"cannot verify the remainder: {comp.label} reaches {self.target.label}{through} "
                           "only over " + "; ".join(f"{c.source} → {c.target}, which {c.describe_reach()}"
                                                    for c in partial)) if partial else (
                    f"cannot verify: {comp.label} reaches {self.target.label}{through} only "
                    "over connections or components of unknown status")
                # the route that may reach: no "broken at", which would advise adding what exists
                shown = replace(maybe_evidence, broken_at=None, expected=evidence.expected)
                yield Violation(comp.id, comp.path, message, shown, unverifiable=True,
                                provenance=(*comp.provenance, *(p for c in partial for p in c.provenance)))
                continue
            route = self._unknown_route(ctx, comp.id, maybe_set, maybe_edges) if unknown_routes else None
            if route is not None:
                yield Violation(comp.id, route.path,
                                f"cannot verify: whether {route.source} → {route.target} passes through "
                                f"{self.via.label if self.via else 'a hub'} is unknown (via: unknown)",
                                evidence, unverifiable=True, provenance=route.provenance)
                continue
            if len(evidence.chain) <= 1 and note and any(self.kinds is None or c.kind in self.kinds
                                                          for c in ctx.outgoing(comp.id)):
                where = note  # it has connections, none toward the hub the route must pass
            elif len(evidence.chain) <= 1:
                where = "it has no usable outgoing connection of " + ("those kinds" if self.kinds else "any kind")
            else:
                where = note or f"the chain {' → '.join(evidence.chain)} stops at {evidence.broken_at}"
            stated = self._stated_gaps(ctx, comp.id, maybe_set, maybe_edges) if gaps else []
            if stated:
                where += f" ({', '.join(f'{c.source} → {c.target} is {c.status}' for c in stated)})"
            yield Violation(comp.id, comp.path,
                            f"{comp.label} does not reach {self.target.label}{through}{kinds}: {where}",
                            evidence, provenance=comp.provenance, from_absence=not stated)

    def _near(self, ctx: CheckContext, start: str, edges: Usable) -> list[Connection]:
        """The connections (of the rule's kinds) declared from the part of the graph ``start`` may
        reach, in file order: read from each reached node's own connections, not from all of them."""
        near = traverse(ctx.graph, start, kinds=self.kinds, include_uncertain=True, edges=edges)
        found = [c for n in near for c in ctx.outgoing(n) if self.kinds is None or c.kind in self.kinds]
        return sorted(found, key=lambda c: c.index)

    def _unknown_route(self, ctx: CheckContext, start: str, towards: set[str], edges: Usable) -> Connection | None:
        """A connection with ``via: unknown`` on the way from ``start`` toward a target, if the rule
        needs a hub: whether the path passes the hub cannot be decided. ``towards``: the nodes that
        may reach a target (:func:`reaching`, unknown status included)."""
        if self.via is None:
            return None
        for c in self._near(ctx, start, edges):
            if c.via_unknown and c.status in PRESENT | UNSURE and c.target in towards:
                return c
        return None

    def _stated_gaps(self, ctx: CheckContext, start: str, towards: set[str], edges: Usable) -> list[Connection]:
        """Connections the model states are absent or planned, which would lead from the part of the
        graph ``start`` reaches on toward a target: the stated facts behind a failure."""
        return [c for c in self._near(ctx, start, edges) if c.status in (Status.ABSENT, Status.PLANNED)
                and c.target in towards]


# -- forbidden-connection -------------------------------------------------------------------------


@record
class ForbiddenConnection(Check):
    """No connection (of ``kinds``) joins ``from`` and ``to`` components unless it passes a hub.

    Where ``cap_when_hub_not_ready`` is set and the model declares the hub not ready, the
    violation is capped at that severity (the TT 13/2017 exception for direct connections).
    """

    source: Selector
    target: Selector
    kinds: frozenset[str] | None
    unless_via: Selector | None
    both_directions: bool
    cap_when_hub_not_ready: Severity | None

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        via = params.get("unless_via")
        cap = params.get("cap_when_hub_not_ready")
        return cls(
            Selector.parse(params["from"]), Selector.parse(params["to"]), _kinds(params.get("kinds")),
            Selector.parse(via) if via else None, bool(params.get("both_directions", True)),
            Severity(cap) if cap else None,
        )

    def kinds_used(self) -> frozenset[str]:
        via = self.unless_via.kinds if self.unless_via else frozenset()
        return self.source.kinds | self.target.kinds | via

    def fields_read(self) -> frozenset[str]:
        ready = {"component.readiness"} if self.cap_when_hub_not_ready else set()
        return (SELECTING | {"connection.from", "connection.to", "connection.kind", "connection.status",
                             "connection.via"} | ready | owners(self.source, self.target, self.unless_via))

    def evaluate(self, ctx: CheckContext) -> Result:
        checked: list[Connection] = []
        found = list(self._violations(ctx, checked))
        if not checked:
            kinds = " or ".join(sorted(self.kinds)) if self.kinds else "any"
            return Result.not_applicable(f"no {kinds} connection between kinds this rule covers in the model",
                                         from_absence=True)
        return Result.of(found)

    def _violations(self, ctx: CheckContext, checked: list[Connection]) -> Iterator[Violation]:
        p = ctx.province
        comps = {c.id: c for c in p.components}
        hubs = ctx.select(self.unless_via) if self.unless_via else []
        not_ready = [h for h in hubs if h.readiness.value == "not-ready"]
        for conn in p.connections:
            if conn.status not in PRESENT | UNSURE:
                continue
            if self.kinds is not None and conn.kind not in self.kinds:
                continue
            a, b = comps[conn.source], comps[conn.target]
            hit = (self.source.matches(a) and self.target.matches(b)) or (
                self.both_directions and self.source.matches(b) and self.target.matches(a))
            if not hit:
                continue
            checked.append(conn)
            if conn.via_unknown:
                hub = self.unless_via.label if self.unless_via else "a hub"
                yield Violation(f"{conn.source}->{conn.target}", conn.path,
                                f"cannot verify: whether the {conn.kind} connection {conn.source} → {conn.target} "
                                f"passes through {hub} is unknown (via: unknown)",
                                Evidence(edge=_edge(conn), expected=f"the connection passes through {hub}",
                                         actual="route unknown"),
                                unverifiable=True, provenance=conn.provenance)
                continue
            if conn.via and self.unless_via and self.unless_via.matches(comps[conn.via]):
                continue
            edge = _edge(conn)
            hub = self.unless_via.label if self.unless_via else "a hub"
            evidence = Evidence(edge=edge, expected=f"the connection passes through {hub}",
                                actual=f"{edge} is direct" + (f" (via {conn.via})" if conn.via else ""),
                                candidates=_ids(hubs))
            subject = f"{conn.source}->{conn.target}"
            if conn.status in UNSURE:
                yield Violation(subject, conn.path,
                                f"cannot verify: a direct {conn.kind} connection {edge} bypassing {hub} "
                                "is of unknown status", evidence, unverifiable=True,
                                provenance=conn.provenance)
                continue
            unsure_ends = [c.label for c in (a, b) if c.status in UNSURE]
            if unsure_ends:
                # a connection is no more certain than its ends: a system of unknown status is not a fact
                yield Violation(subject, conn.path,
                                f"cannot verify: a direct {conn.kind} connection {edge} bypassing {hub} joins "
                                f"{' and '.join(unsure_ends)}, of unknown status", evidence, unverifiable=True,
                                provenance=conn.provenance)
                continue
            cap = None
            message = f"direct {conn.kind} connection {conn.source} → {conn.target} bypasses {hub}"
            if self.cap_when_hub_not_ready and not_ready:
                cap = self.cap_when_hub_not_ready
                message += (f"; tolerated while {', '.join(_ids(not_ready))} is declared not ready "
                            "(TT 13/2017 exception)")
            yield Violation(subject, conn.path, message, evidence, severity_cap=cap,
                            provenance=conn.provenance)


# -- coverage -------------------------------------------------------------------------------------


@record
class CoverageCheck(Check):
    """Each present selected component is used by at least ``min_percent`` of the units of ``level``."""

    select: Selector
    level: str
    min_percent: float
    presence: bool = False
    cap: Severity | None = None

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        # the province's own systems are judged for the units of a level; a system a unit of that level
        # owns (a district's own QLVB) is evidence for those units, never a system to reach them all
        return cls(Selector.parse(params["select"], owners=PROVINCE_OWNED), str(params["level"]),
                   float(params.get("min_percent", 0)), bool(params.get("presence", False)), _cap(params))

    def kinds_used(self) -> frozenset[str]:
        return self.select.kinds

    def fields_read(self) -> frozenset[str]:
        return (SELECTING | COVERAGE | owners(self.select)
                | {"component.deployment", "province.units", "unit.total", "province.admin_structure"})

    def evaluate(self, ctx: CheckContext) -> Result:
        return capped(self._evaluate(ctx), self.cap)

    def _evaluate(self, ctx: CheckContext) -> Result:
        on = ctx.date or ctx.province.as_of
        if self.level not in ctx.province.levels(on):
            # the two-tier reform: no district level on the evaluation date
            return Result.not_applicable(f"the province has no {self.level} level on {on}")
        found = subjects(ctx, self.select)
        local = [c for c in self.select.others(ctx) if owner_of(c) == self.level and c.status in PRESENT]
        if isinstance(found, Result):
            if found.verdict is Verdict.NOT_APPLICABLE and local:
                first = local[0]
                return Result.of([Violation(
                    first.id, first.path,
                    f"cannot verify: the model has no {self.select.label} of the province in operation; the "
                    f"{self.level}-owned {', '.join(_ids(local))} serve some {self.level} units",
                    Evidence(expected=f"{self.select.label} of the province", actual=f"{len(local)} {self.level}-owned",
                             candidates=_ids(local)),
                    unverifiable=True, provenance=first.provenance)])
            return found
        return Result.of(self._violations(ctx, found, local))

    def _violations(self, ctx: CheckContext, present: list[Component],
                    local: list[Component]) -> Iterator[Violation]:
        p = ctx.province
        unit = p.units.get(self.level)
        default_total = unit.total if unit else None
        need = (f"in use at {self.level} level" if self.presence
                else f"at least {self.min_percent:g}% of {self.level} units")
        want = self.min_percent / 100
        for comp in present:
            cov = comp.deployment.get(self.level)
            if cov is None:
                yield Violation(comp.id, (*comp.path, "deployment"),
                                f"{comp.label}: deployment at {self.level} level is not stated "
                                f"(write `used: unknown` if the source does not say)",
                                Evidence(expected=need, actual="not stated"), provenance=comp.provenance,
                                from_absence=True, detail=self.level)
                continue
            bounds = cov.bounds(default_total)
            shown = cov.describe(default_total)
            evidence = Evidence(expected=need, actual=shown)
            if bounds is None:
                yield Violation(comp.id, cov.path,
                                f"cannot verify: {self.level} coverage of {comp.label} is {shown}",
                                evidence, unverifiable=True, provenance=cov.provenance)
                continue
            low, exclusive, high = bounds
            if self.presence:
                holds, broken = low > 0 or exclusive, high == 0
            else:
                holds, broken = low + 1e-9 >= want, high + 1e-9 < want
            if holds:
                continue
            if not broken and cov.extent is not None:
                yield Violation(comp.id, cov.path,
                                f"cannot verify the remainder: the source gives {self.level} coverage of "
                                f"{comp.label} only as {shown}; {need} required", evidence, unverifiable=True,
                                provenance=cov.provenance)
                continue
            if not broken and cov.at_least:
                yield Violation(comp.id, cov.path,
                                f"cannot verify: the source gives {self.level} coverage of {comp.label} "
                                f"only as {shown}; {need} required", evidence, unverifiable=True,
                                provenance=cov.provenance)
                continue
            figure = f"{shown} {self.level} units ({low * 100:.0f}%)" if cov.extent is None else \
                f"{shown} of the {self.level} units"
            if local:  # units of the level with their own system: the rest may be covered
                yield Violation(comp.id, cov.path,
                                f"cannot verify the remainder: {comp.label} is used by {figure}; {need} required, "
                                f"and the {self.level}-owned {', '.join(_ids(local))} may serve the rest",
                                replace(evidence, candidates=_ids(local)), unverifiable=True,
                                provenance=cov.provenance)
                continue
            yield Violation(comp.id, cov.path, f"{comp.label} is used by {figure}; {need} required", evidence,
                            provenance=cov.provenance)


# -- attribute ------------------------------------------------------------------------------------


def attribute_value(attrs: Mapping[str, AttrValue], dotted: str) -> AttrValue | None:
    """The value at a dotted attribute path (``online_services.level4``); None if not stated."""
    value: AttrValue | None = None
    current: Mapping[str, AttrValue] | None = attrs
    for part in dotted.split("."):
        if current is None or part not in current:
            return None
        value = current[part]
        current = value if isinstance(value, Mapping) else None
    return value


@record
class AttributeCheck(Check):
    """Each present selected component has an attribute meeting a constraint.

    Operators: ``present``; ``in`` (a list); ``min`` / ``max`` (numbers); ``equals``;
    ``ratio-min`` (attribute ÷ ``of`` attribute ≥ value, e.g. level-4 services ÷ all services).
    """

    select: Selector
    attribute: str
    op: str
    value: object
    of: str | None

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        return cls(Selector.parse(params["select"]), params["attribute"], params.get("op", "present"),
                   params.get("value"), params.get("of"))

    def kinds_used(self) -> frozenset[str]:
        return self.select.kinds

    def fields_read(self) -> frozenset[str]:
        return (SELECTING | owners(self.select) | {"component.attributes", f"component.attributes.{self.attribute}"}
                | ({f"component.attributes.{self.of}"} if self.of else set()))

    def _fails(self, value: AttrValue, comp: Component) -> str | Unknown | None:
        """None if the constraint holds; UNKNOWN if it cannot be decided; else what is wrong."""
        if self.op == "present":
            return None
        if self.op == "in":
            assert isinstance(self.value, list)
            return None if value in self.value else f"{value!r} is not one of {self.value}"
        if self.op == "equals":
            return None if value == self.value else f"{value!r} is not {self.value!r}"
        if not isinstance(value, int | float) or isinstance(value, bool):
            return f"{value!r} is not a number"
        limit = float(self.value)  # type: ignore[arg-type]
        if self.op == "min":
            return None if value >= limit else f"{value} is below {limit:g}"
        if self.op == "max":
            return None if value <= limit else f"{value} is above {limit:g}"
        # ratio-min
        assert self.of is not None
        denom = attribute_value(comp.attributes, self.of)
        if denom is None or isinstance(denom, Unknown):
            return UNKNOWN
        if not isinstance(denom, int | float) or denom == 0:
            return f"{self.of} is {denom!r}"
        share = value / denom
        return None if share + 1e-9 >= limit else (
            f"{self.attribute} / {self.of} = {value}/{denom} = {percent(share)}, below {percent(limit)}")

    def _actual(self, value: AttrValue, comp: Component) -> str:
        """What the model says, naming both counts of a ratio: ``level4 = 7, total = 1696 (0.4%)``."""
        if self.op != "ratio-min" or self.of is None:
            return str(value)
        denom = attribute_value(comp.attributes, self.of)
        shown = f"{self.attribute} = {value}, {self.of} = {denom}"
        if isinstance(value, int | float) and isinstance(denom, int | float) and denom:
            shown += f" ({percent(value / denom)})"
        return shown

    def evaluate(self, ctx: CheckContext) -> Result:
        found = subjects(ctx, self.select)
        return found if isinstance(found, Result) else Result.of(self._violations(found))

    def _violations(self, present: list[Component]) -> Iterator[Violation]:
        for comp in present:
            path = (*comp.path, "attributes", *self.attribute.split("."))
            value = attribute_value(comp.attributes, self.attribute)
            expected = self.op if self.value is None else f"{self.op} {self.value}"
            if value is None:
                yield Violation(comp.id, (*comp.path, "attributes"),
                                f"{comp.label}: attribute {self.attribute} is not stated "
                                "(write `unknown` if the source does not say)",
                                Evidence(expected=f"{self.attribute} {expected}", actual="not stated"),
                                provenance=comp.provenance, from_absence=True)
                continue
            problem = UNKNOWN if isinstance(value, Unknown) else self._fails(value, comp)
            if problem is None:
                continue
            evidence = Evidence(expected=f"{self.attribute} {expected}"
                                + (f" of {self.of}" if self.of else ""), actual=self._actual(value, comp))
            if isinstance(problem, Unknown):
                yield Violation(comp.id, path,
                                f"cannot verify: {self.attribute} of {comp.label} is unknown"
                                + (f" (or {self.of} is)" if self.of else ""),
                                evidence, unverifiable=True, provenance=comp.provenance)
            else:
                yield Violation(comp.id, path, f"{comp.label}: {problem}", evidence,
                                provenance=comp.provenance)


# -- composition ----------------------------------------------------------------------------------


def _parse_children(params: dict[str, Any], parse_check: ParseCheck) -> tuple[Any, ...]:
    return tuple(parse_check(c, f"check {i}") for i, c in enumerate(params["checks"]))


def _tail(results: list[Result], chosen: Result) -> str:
    """What the other alternatives of a failed ``any`` came to."""
    others = [r for r in results if r is not chosen]
    if not others:
        return ""
    na = [r.reason for r in others if r.verdict is Verdict.NOT_APPLICABLE and r.reason]
    failed = len(others) - len(na)
    parts = []
    if failed == 1:
        parts.append("nor does the other alternative" if len(others) == 1 else "nor does one other alternative")
    elif failed > 1:
        parts.append(f"nor do the other {failed} alternatives")
    if na:
        parts.append(("the other alternative does not apply: " if len(others) == 1
                      else "alternatives that do not apply: ") + "; ".join(na))
    return f" ({'; '.join(parts)})"


@record
class AllOf(Check):
    """Every sub-check must pass.

    Combination: fail if any sub-check fails; else cannot verify if any cannot be verified; else
    pass if any passes; not applicable only if every sub-check is (the reasons joined). Yields all
    the sub-checks' violations.
    """

    checks: tuple[Any, ...]

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        return cls(_parse_children(params, parse_check))

    def kinds_used(self) -> frozenset[str]:
        return frozenset().union(*(c.kinds_used() for c in self.checks))

    def fields_read(self) -> frozenset[str]:
        return frozenset().union(*(c.fields_read() for c in self.checks))

    def evaluate(self, ctx: CheckContext) -> Result:
        results: list[Result] = [c.evaluate(ctx) for c in self.checks]
        if all(r.verdict is Verdict.NOT_APPLICABLE for r in results):
            return Result.not_applicable("; ".join(dict.fromkeys(r.reason or "" for r in results)),
                                         from_absence=all(r.from_absence for r in results))
        # one line per distinct finding: three levels of one component of unknown status are one doubt
        distinct: dict[tuple[object, ...], Violation] = {}
        for r in results:
            for v in r.violations:
                distinct.setdefault((v.subject, v.path, v.message), v)
        return Result.of(distinct.values())


@record
class AnyOf(Check):
    """At least one sub-check must pass; a sub-check that is not applicable is not a pass.

    Combination: pass if any sub-check passes; else cannot verify if any cannot be verified (only
    its "cannot verify" violations are yielded); else fail if any fails (the first failing
    alternative's violations, saying what the others came to); not applicable only if every
    sub-check is.
    """

    checks: tuple[Any, ...]

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        return cls(_parse_children(params, parse_check))

    def kinds_used(self) -> frozenset[str]:
        return frozenset().union(*(c.kinds_used() for c in self.checks))

    def fields_read(self) -> frozenset[str]:
        return frozenset().union(*(c.fields_read() for c in self.checks))

    def evaluate(self, ctx: CheckContext) -> Result:
        results: list[Result] = [c.evaluate(ctx) for c in self.checks]
        for verdict in (Verdict.PASS, Verdict.CANNOT_VERIFY):
            hit = [r for r in results if r.verdict is verdict]
            if hit:
                return hit[0]
        failed = [r for r in results if r.verdict is Verdict.FAIL]
        if not failed:
            return Result.not_applicable("; ".join(dict.fromkeys(r.reason or "" for r in results)),
                                         from_absence=all(r.from_absence for r in results))
        chosen = failed[0]
        tail = _tail(results, chosen)
        return Result(Verdict.FAIL, tuple(v if v.unverifiable else replace(v, message=str(v.message) + tail)
                                          for v in chosen.violations))


@record
class NotCheck(Check):
    """The sub-check must fail: a violation (with ``message``) if it passes.

    Combination: pass if the sub-check fails, fail if it passes; cannot verify and not applicable
    stay as they are.
    """

    check: Any
    message: str

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        return cls(parse_check(params["check"], "check"), str(params["message"]))

    def kinds_used(self) -> frozenset[str]:
        used: frozenset[str] = self.check.kinds_used()
        return used

    def fields_read(self) -> frozenset[str]:
        read: frozenset[str] = self.check.fields_read()
        return read

    def evaluate(self, ctx: CheckContext) -> Result:
        inner: Result = self.check.evaluate(ctx)
        if inner.verdict is Verdict.PASS:
            return Result.of([Violation("province", ctx.province.path, self.message)])
        if inner.verdict is Verdict.FAIL:
            return Result(Verdict.PASS)
        if inner.verdict is Verdict.CANNOT_VERIFY:
            return Result.of(replace(v, message=f"{v.message} (so whether the rule's condition fails "
                                     "cannot be decided)") for v in inner.violations)
        return inner


@record
class VocabularyCheck(Check):
    """Every component's kind is in the vocabulary of the framework the model is checked against.

    A kind that no framework knows at all is a typo and stops the check (the engine refuses it,
    located); this check reports a kind another version has (a 2.0 kind in a 1.0 model).
    """

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        return cls()

    def kinds_used(self) -> frozenset[str]:
        return frozenset()

    def fields_read(self) -> frozenset[str]:
        return frozenset({"component.kind", "component.national"})

    def evaluate(self, ctx: CheckContext) -> Result:
        vocabulary = ctx.vocabulary
        if vocabulary is None:
            return Result.not_applicable("no framework to compare the kinds with")
        fw = ctx.framework or "this framework"
        found = []
        for comp in ctx.province.components:
            known = vocabulary.get(comp.kind)
            if known == comp.national:
                continue
            side = "national" if comp.national else "component"
            if known is not None:  # the kind is known, on the other side: say where it belongs
                move = ("a national system: declare it under `national:`" if known
                        else "a provincial component: declare it under `components:`")
                found.append(Violation(comp.id, (*comp.path, "kind"),
                                       f"{comp.label}: kind {comp.kind!r} is {move}",
                                       Evidence(expected=f"a {side} kind of framework {fw}",
                                                actual=f"{comp.kind} ({'national' if known else 'component'})")))
                continue
            mapped = ctx.kind_map.get(comp.kind)
            found.append(Violation(comp.id, (*comp.path, "kind"),
                                   f"{comp.label}: kind {comp.kind!r} is not part of framework {fw}'s vocabulary"
                                   + (f"; framework {fw} puts {mapped!r} in its place" if mapped else ""),
                                   Evidence(expected=mapped or f"a {side} kind of framework {fw}",
                                            actual=comp.kind)))
        return Result.of(found)
