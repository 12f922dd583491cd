"""The check kinds. Each is a frozen record: ``parse`` from rule parameters, ``run`` over a graph."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise
from typing import Any, Self

from archcheck.catalogue import Join, Message, as_message, msg, word
from archcheck.check.graph import Graph, Usable, farthest, path_to, reaching, traverse, usable
from archcheck.check.kinds.base import (
    PROVINCE_OWNED,
    Check,
    CheckContext,
    ParseCheck,
    Result,
    Selector,
    Verdict,
    cannot_verify,
    cannot_verify_remainder,
    is_status,
    joined,
    listed,
    owner_of,
    stated,
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


def _listed(ids: tuple[str, ...]) -> str | Join | Message:
    """``ids`` joined by commas, the first :data:`MAX_LISTED` of them and how many more.

    The ids are joined once (:func:`joined`) and the list shared by each of the thousands of findings
    that name it.

    >>> _listed(("a", "b"))
    'a, b'
    >>> str(_listed(tuple(str(i) for i in range(25))))
    '0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 and 5 more'
    """
    shown = joined(ids[:MAX_LISTED], "comma")
    return shown if len(ids) <= MAX_LISTED else msg("count.and-more", ids=shown, n=f"{len(ids) - MAX_LISTED:,}")


def _kinds_said(kinds: frozenset[str] | None) -> str | Join:
    """Connection kinds for a message: ``a or b``, or ``any``."""
    return joined(sorted(kinds), "or") if kinds else "any"


def _level(level: str) -> Message:
    return word("level", level)


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
                Violation(c.id, c.path, cannot_verify(msg("count.at-most-unknown", max=self.max, kinds=self.select.said,
                                                          n=len(present), c=c.label)),
                          Evidence(expected=msg("count.at-most", max=self.max),
                                   actual=msg("count.present-unknown", n=len(present), unknown=len(unsure)),
                                   candidates=_ids(present + unsure)),
                          unverifiable=True, provenance=c.provenance)
                for c in unsure[:1])
        if self.min == 0 and not present:
            # "at most N" with none in operation: there is nothing to count
            found = subjects(ctx, self.select)
            if isinstance(found, Result):
                return found  # none at all: not applicable; only some of unknown status: cannot verify
            return Result.not_applicable(msg("count.none-known-in-operation", kinds=self.select.said))
        return Result.of(self._violations(ctx, present))

    def _violations(self, ctx: CheckContext, present: list[Component]) -> Iterator[Violation]:
        if len(present) < self.min:
            unsure = ctx.select(self.select, statuses=UNSURE)
            others = [c for c in ctx.select(self.select) if c.status not in PRESENT | UNSURE]
            elsewhere = self.select.others(ctx)
            owned = bool(elsewhere)  # "owned by the province": said where others' components are left out
            kinds = self.select.said
            belongs = [msg("count.belongs-to", c=c.id, level=_level(owner_of(c))) for c in elsewhere]
            pairs = [msg("count.id-status", c=c.id, status=word("status", c.status.value)) for c in others + unsure]
            actual = msg("count.present-with", n=len(present), stated=joined(pairs, "comma")) if pairs else msg(
                "count.present", n=len(present))
            evidence = Evidence(
                expected=msg("count.at-least-owned" if owned else "count.at-least", min=self.min, kinds=kinds),
                actual=msg("count.elsewhere", m=actual, owners=joined(belongs, "semicolon")) if belongs else actual,
                candidates=_ids(others + unsure + elsewhere),
            )
            if len(present) + len(unsure) >= self.min:
                yield Violation(
                    subject=self.select.label,
                    path=unsure[0].path,
                    message=cannot_verify(msg("count.whether-exists", ids=joined(_ids(unsure), "comma"), kinds=kinds)),
                    evidence=evidence,
                    unverifiable=True,
                    provenance=unsure[0].provenance,
                )
            else:
                where = others[0].path if others else elsewhere[0].path if elsewhere else _components_path(ctx)
                key = ("check.design-lacks-owned" if owned else "check.design-lacks") if ctx.design else (
                    "check.none-owned-in-operation" if owned else "check.none-in-operation")
                lacks = msg(key, kinds=kinds)
                if present:  # a count below the minimum is said as a count, never as "none"
                    key = ("count.design-has-only-owned" if owned else "count.design-has-only") if ctx.design else (
                        "count.only-owned-in-operation" if owned else "count.only-in-operation")
                    lacks = msg(key, n=len(present), min=self.min, kinds=kinds, ids=joined(_ids(present), "comma"))
                yield Violation(
                    subject=self.select.label,
                    path=where,
                    message=stated(lacks, [is_status(c.id, c.status) for c in others] + belongs),
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
                    message=msg("count.too-many", c=extra.label, kinds=self.select.said, n=len(present), ids=found,
                                max=self.max),
                    evidence=Evidence(expected=msg("count.at-most", max=self.max), actual=str(len(present)),
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


def _stated(c: Connection) -> Message | str:
    """The connection as evidence names it, with its status unless it is in operation:
    ``dvc -[synchronisation]-> motcua (absent)``."""
    edge = str(_edge(c))
    return edge if c.status is Status.PRESENT else msg("connection.edge-status", edge=edge,
                                                      status=word("status", c.status.value))


def _link(c: Connection) -> str:
    """``a → b``: a connection as a message names it."""
    return f"{c.source} → {c.target}"


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
            kinds = _kinds_said(self.kinds)
            to = self.target.said
            evidence = Evidence(
                expected=msg("connection.expected", kinds=kinds, c=comp.id, t=to),
                actual=listed([_stated(c) for c in mine]) if mine else msg("connection.no-such"),
                candidates=tuple(sorted(targets)),
            )
            if unsure:
                first = unsure[0]
                if first.partial and first.status in PRESENT and first.reach is not None:
                    message = cannot_verify_remainder(msg("connection.reaches-only", c=comp.label, t=first.target,
                                                          figure=first.reach.said(None)))
                else:
                    message = cannot_verify(msg("connection.unknown-status", c=comp.label, t=first.target))
                yield Violation(comp.id, first.path, message, evidence, unverifiable=True,
                                provenance=first.provenance)
                continue
            if to_target:
                yield Violation(comp.id, to_target[0].path,
                                msg("connection.none-in-operation", c=comp.label, kinds=kinds, t=to,
                                    stated=joined([is_status(_link(c), c.status) for c in to_target], "comma")),
                                evidence, provenance=to_target[0].provenance)
                continue
            yield Violation(comp.id, comp.path,
                            msg("connection.none" if targets else "connection.none-in-model", c=comp.label,
                                kinds=kinds, t=to),
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
                 edges: Usable) -> tuple[bool, Evidence, Message | None]:
        """Whether ``start`` reaches a target, with the chain that shows it; ``towards`` holds the
        nodes from which a target can be reached at all (:func:`reaching`), so that a hub that leads
        nowhere is not searched from again for every source; ``edges``: :func:`usable`."""
        g = ctx.graph
        tree = traverse(g, start, kinds=self.kinds, include_uncertain=uncertain, edges=edges)
        targets = sorted(n for n in tree if n != start and self.target.matches(g.nodes[n]["component"]))
        if self.via is None:
            if targets:
                return True, Evidence(chain=tuple(path_to(tree, targets[0]))), None
            chain = farthest(tree)
            return False, Evidence(chain=tuple(chain), broken_at=chain[-1],
                                   expected=msg("reach.path-to", t=self.target.said)), None
        hubs = sorted(n for n in tree if n != start and self.via.matches(g.nodes[n]["component"]))
        for hub in hubs:
            if hub not in towards:
                continue
            onward = traverse(g, hub, kinds=self.kinds, include_uncertain=uncertain, edges=edges)
            hit = sorted(n for n in onward if n != hub and self.target.matches(g.nodes[n]["component"]))
            if hit:
                return True, Evidence(chain=tuple(path_to(tree, hub) + path_to(onward, hit[0])[1:])), None
        if hubs:
            chain = path_to(tree, hubs[0])
            onward_chain = farthest(traverse(g, hubs[0], kinds=self.kinds, include_uncertain=uncertain,
                                             edges=edges))
            full = chain + onward_chain[1:]
            return False, Evidence(chain=tuple(full), broken_at=full[-1],
                                   expected=msg("reach.hub-then-target", h=self.via.said, t=self.target.said)), (
                msg("reach.hub-but-stops", hub=hubs[0], at=full[-1])
            )
        # the chain shown is the route asked about: to the target if it gets there without the hub, else
        # none (where else the source's connections go says nothing about this route)
        chain = path_to(tree, targets[0]) if targets else [start]
        note = msg("reach.bypasses", h=self.via.said, t=targets[0]) if targets else msg(
            "reach.never-hub", h=self.via.said)
        return False, Evidence(chain=tuple(chain), broken_at=None if targets else start,
                               expected=msg("reach.path-through", h=self.via.said, t=self.target.said)), note

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
        to = self.target.said
        # the hub the route must pass, said only by the messages that name one
        hub: dict[str, str | Join] = {"h": self.via.said} if self.via else {}
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
                message = cannot_verify_remainder(msg(
                    "reach.only-over-through" if hub else "reach.only-over", c=comp.label, t=to, **hub,
                    links=joined([msg("reach.link-reaches-only", link=_link(c), figure=c.reach.said(None))
                                for c in partial if c.reach is not None], "semicolon"))) if partial else cannot_verify(
                    msg("reach.only-over-unknown-through" if hub else "reach.only-over-unknown", c=comp.label, t=to,
                        **hub))
                # the route that may reach: no "broken at", which would advise adding what exists
                shown = replace(maybe_evidence, broken_at=None, expected=evidence.expected)
                yield Violation(comp.id, comp.path, message, shown, unverifiable=True,
                                provenance=(*comp.provenance, *(p for c in partial for p in c.provenance)))
                continue
            route = self._unknown_route(ctx, comp.id, maybe_set, maybe_edges) if unknown_routes else None
            if route is not None:
                yield Violation(comp.id, route.path,
                                cannot_verify(msg("reach.via-unknown", link=_link(route),
                                                  h=hub.get("h") or msg("check.a-hub"))),
                                evidence, unverifiable=True, provenance=route.provenance)
                continue
            where: Message
            if len(evidence.chain) <= 1 and note and any(self.kinds is None or c.kind in self.kinds
                                                          for c in ctx.outgoing(comp.id)):
                where = note  # it has connections, none toward the hub the route must pass
            elif len(evidence.chain) <= 1:
                where = msg("reach.no-outgoing-of-kinds" if self.kinds else "reach.no-outgoing")
            else:
                where = note or msg("reach.chain-stops", chain=joined(evidence.chain, "arrow"),
                                    at=str(evidence.broken_at))
            gap = self._stated_gaps(ctx, comp.id, maybe_set, maybe_edges) if gaps else []
            where = stated(where, [is_status(_link(c), c.status) for c in gap])
            key = ("reach.not-reached-through-over" if self.kinds else "reach.not-reached-through") if hub else (
                "reach.not-reached-over" if self.kinds else "reach.not-reached")
            over = {"kinds": _kinds_said(self.kinds)} if self.kinds else {}
            yield Violation(comp.id, comp.path, msg(key, c=comp.label, t=to, **hub, **over, why=where),
                            evidence, provenance=comp.provenance, from_absence=not gap)

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
            return Result.not_applicable(msg("forbidden.none-in-model", kinds=_kinds_said(self.kinds)),
                                         from_absence=True)
        return Result.of(found)

    def _violations(self, ctx: CheckContext, checked: list[Connection]) -> Iterator[Violation]:
        p = ctx.province
        comps = {c.id: c for c in p.components}
        hubs = ctx.select(self.unless_via) if self.unless_via else []
        not_ready = [h for h in hubs if h.readiness.value == "not-ready"]
        hub: str | Message | Join = self.unless_via.said if self.unless_via else msg("check.a-hub")
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
            through = msg("forbidden.passes-through", h=hub)
            if conn.via_unknown:
                yield Violation(f"{conn.source}->{conn.target}", conn.path,
                                cannot_verify(msg("forbidden.via-unknown", kind=conn.kind, link=_link(conn), h=hub)),
                                Evidence(edge=_edge(conn), expected=through, actual=msg("forbidden.route-unknown")),
                                unverifiable=True, provenance=conn.provenance)
                continue
            if conn.via and self.unless_via and self.unless_via.matches(comps[conn.via]):
                continue
            edge = _edge(conn)
            evidence = Evidence(edge=edge, expected=through,
                                actual=msg("forbidden.direct-via", edge=str(edge), via=conn.via) if conn.via else msg(
                                    "forbidden.direct", edge=str(edge)),
                                candidates=_ids(hubs))
            subject = f"{conn.source}->{conn.target}"
            if conn.status in UNSURE:
                yield Violation(subject, conn.path,
                                cannot_verify(msg("forbidden.unknown-status", kind=conn.kind, edge=str(edge), h=hub)),
                                evidence, unverifiable=True, provenance=conn.provenance)
                continue
            unsure_ends = [c.label for c in (a, b) if c.status in UNSURE]
            if unsure_ends:
                # a connection is no more certain than its ends: a system of unknown status is not a fact
                ends = dict(zip(("c", "c2"), unsure_ends, strict=False))
                yield Violation(subject, conn.path,
                                cannot_verify(msg("forbidden.joins-unknown-both" if len(unsure_ends) > 1
                                                  else "forbidden.joins-unknown", kind=conn.kind, edge=str(edge),
                                                  h=hub, **ends)),
                                evidence, unverifiable=True, provenance=conn.provenance)
                continue
            cap = None
            message = msg("forbidden.bypasses", kind=conn.kind, link=_link(conn), h=hub)
            if self.cap_when_hub_not_ready and not_ready:
                cap = self.cap_when_hub_not_ready
                message = msg("forbidden.bypasses-tolerated", kind=conn.kind, link=_link(conn), h=hub,
                              ids=joined(_ids(not_ready), "comma"))
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
        on = ctx.on
        if self.level not in ctx.province.levels(on):
            # the two-tier reform: no district level on the evaluation date
            return Result.not_applicable(msg("coverage.no-level", level=_level(self.level), date=str(on)))
        found = subjects(ctx, self.select)
        local = [c for c in self.select.others(ctx) if owner_of(c) == self.level and c.status in PRESENT]
        if isinstance(found, Result):
            if found.verdict is Verdict.NOT_APPLICABLE and local:
                first = local[0]
                return Result.of([Violation(
                    first.id, first.path,
                    cannot_verify(msg("coverage.only-local", kinds=self.select.said, level=_level(self.level),
                                      ids=joined(_ids(local), "comma"))),
                    Evidence(expected=msg("coverage.of-province", kinds=self.select.said),
                             actual=msg("coverage.level-owned", n=len(local), level=_level(self.level)),
                             candidates=_ids(local)),
                    unverifiable=True, provenance=first.provenance)])
            return found
        return Result.of(self._violations(ctx, found, local))

    def _violations(self, ctx: CheckContext, present: list[Component],
                    local: list[Component]) -> Iterator[Violation]:
        p = ctx.province
        unit = p.units.get(self.level)
        default_total = unit.total if unit else None
        level = _level(self.level)
        need = msg("coverage.in-use-at", level=level) if self.presence else msg(
            "coverage.at-least", share=f"{self.min_percent:g}%", level=level)
        want = self.min_percent / 100
        for comp in present:
            cov = comp.deployment.get(self.level)
            if cov is None:
                yield Violation(comp.id, (*comp.path, "deployment"),
                                msg("coverage.deployment-not-stated", c=comp.label, level=level),
                                Evidence(expected=need, actual=msg("coverage.not-stated")), provenance=comp.provenance,
                                from_absence=True, detail=self.level)
                continue
            bounds = cov.bounds(default_total)
            shown = cov.said(default_total)
            evidence = Evidence(expected=need, actual=shown)
            if bounds is None:
                yield Violation(comp.id, cov.path,
                                cannot_verify(msg("coverage.unknown", level=level, c=comp.label, figure=shown)),
                                evidence, unverifiable=True, provenance=cov.provenance)
                continue
            low, exclusive, high = bounds
            if self.presence:
                holds, broken = low > 0 or exclusive, high == 0
            else:
                holds, broken = low + 1e-9 >= want, high + 1e-9 < want
            if holds:
                continue
            if not broken and (cov.extent is not None or cov.at_least):
                only_as = msg("coverage.only-as", level=level, c=comp.label, figure=shown, need=need)
                yield Violation(comp.id, cov.path,
                                cannot_verify_remainder(only_as) if cov.extent is not None else cannot_verify(only_as),
                                evidence, unverifiable=True, provenance=cov.provenance)
                continue
            # a figure in numbers is said with its share; an extent word is said as it is
            used: dict[str, object] = {"c": comp.label, "figure": shown, "level": level, "need": need}
            if cov.extent is None:
                used["share"] = f"{low * 100:.0f}%"
            if local:  # units of the level with their own system: the rest may be covered
                yield Violation(comp.id, cov.path,
                                cannot_verify_remainder(msg(
                                    "coverage.used-by-units-local" if cov.extent is None
                                    else "coverage.used-by-share-local", ids=joined(_ids(local), "comma"), **used)),
                                replace(evidence, candidates=_ids(local)), unverifiable=True,
                                provenance=cov.provenance)
                continue
            yield Violation(comp.id, cov.path,
                            msg("coverage.used-by-units" if cov.extent is None else "coverage.used-by-share", **used),
                            evidence, provenance=cov.provenance)


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


_EXPECT = {"in": "attribute.expect-in", "min": "attribute.expect-min", "max": "attribute.expect-max",
           "equals": "attribute.expect-equals", "ratio-min": "attribute.expect-ratio-min"}
"""The operators said in words (``in`` is "thuộc" in Vietnamese); another is said as it is written."""


def _value(value: AttrValue | None) -> Message | str:
    """An attribute's value as the model gives it, ``unknown`` said in the report's language."""
    return word("status", "unknown") if isinstance(value, Unknown) else str(value)


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

    def _fails(self, value: AttrValue, comp: Component) -> Message | Unknown | None:
        """None if the constraint holds; UNKNOWN if it cannot be decided; else what is wrong."""
        c = comp.label
        if self.op == "present":
            return None
        if self.op == "in":
            assert isinstance(self.value, list)
            return None if value in self.value else msg("attribute.not-one-of", c=c, value=repr(value),
                                                        allowed=str(self.value))
        if self.op == "equals":
            return None if value == self.value else msg("attribute.not-equal", c=c, value=repr(value),
                                                        wanted=repr(self.value))
        if not isinstance(value, int | float) or isinstance(value, bool):
            return msg("attribute.not-a-number", c=c, value=repr(value))
        limit = float(self.value)  # type: ignore[arg-type]
        if self.op == "min":
            return None if value >= limit else msg("attribute.below", c=c, value=str(value), limit=f"{limit:g}")
        if self.op == "max":
            return None if value <= limit else msg("attribute.above", c=c, value=str(value), limit=f"{limit:g}")
        # ratio-min
        assert self.of is not None
        denom = attribute_value(comp.attributes, self.of)
        if denom is None or isinstance(denom, Unknown):
            return UNKNOWN
        if not isinstance(denom, int | float) or denom == 0:
            return msg("attribute.of-is", c=c, of=self.of, value=repr(denom))
        share = value / denom
        return None if share + 1e-9 >= limit else msg(
            "attribute.ratio-below", c=c, a=self.attribute, of=self.of, ratio=f"{value}/{denom}",
            share=percent(share), limit=percent(limit))

    def _actual(self, value: AttrValue, comp: Component) -> Message | str:
        """What the model says, naming both counts of a ratio: ``level4 = 7, total = 1696 (0.4%)``."""
        if self.op != "ratio-min" or self.of is None:
            return _value(value)
        denom = attribute_value(comp.attributes, self.of)
        if isinstance(value, int | float) and isinstance(denom, int | float) and denom:
            return msg("attribute.ratio-share", a=self.attribute, value=_value(value), of=self.of,
                       total=_value(denom), share=percent(value / denom))
        return msg("attribute.ratio", a=self.attribute, value=_value(value), of=self.of, total=_value(denom))

    def _expected(self, *, of: bool = True) -> Message:
        """What the rule asks of the attribute: ``online_services.level4 ratio-min 0.3 of …`` (without
        the ``of …`` where the attribute itself is not stated)."""
        if self.value is None and self.op == "present":
            said = msg("attribute.expect-present", a=self.attribute)
        elif self.value is None:
            said = msg("attribute.expect-op", a=self.attribute, op=self.op)
        else:
            key = _EXPECT.get(self.op)
            said = msg(key, a=self.attribute, value=str(self.value)) if key else msg(
                "attribute.expect-op-value", a=self.attribute, op=self.op, value=str(self.value))
        return msg("attribute.expect-of", m=said, of=self.of) if self.of and of else said


    def evaluate(self, ctx: CheckContext) -> Result:
        found = subjects(ctx, self.select)
        return found if isinstance(found, Result) else Result.of(self._violations(found))

    def _violations(self, present: list[Component]) -> Iterator[Violation]:
        for comp in present:
            path = (*comp.path, "attributes", *self.attribute.split("."))
            value = attribute_value(comp.attributes, self.attribute)
            if value is None:
                yield Violation(comp.id, (*comp.path, "attributes"),
                                msg("attribute.not-stated", c=comp.label, a=self.attribute),
                                Evidence(expected=self._expected(of=False), actual=msg("coverage.not-stated")),
                                provenance=comp.provenance, from_absence=True)
                continue
            problem = UNKNOWN if isinstance(value, Unknown) else self._fails(value, comp)
            if problem is None:
                continue
            evidence = Evidence(expected=self._expected(), actual=self._actual(value, comp))
            if isinstance(problem, Unknown):
                yield Violation(comp.id, path,
                                cannot_verify(msg("attribute.unknown-or", a=self.attribute, c=comp.label, of=self.of)
                                              if self.of else msg("attribute.unknown", a=self.attribute, c=comp.label)),
                                evidence, unverifiable=True, provenance=comp.provenance)
            else:
                yield Violation(comp.id, path, problem, evidence, provenance=comp.provenance)


# -- composition ----------------------------------------------------------------------------------


def _parse_children(params: dict[str, Any], parse_check: ParseCheck) -> tuple[Any, ...]:
    return tuple(parse_check(c, f"check {i}") for i, c in enumerate(params["checks"]))


def _tail(results: list[Result], chosen: Result) -> Message | Join | str | None:
    """What the other alternatives of a failed ``any`` came to (None: there are none)."""
    others = [r for r in results if r is not chosen]
    if not others:
        return None
    na = [r.reason for r in others if r.verdict is Verdict.NOT_APPLICABLE and r.reason]
    failed = len(others) - len(na)
    parts = []
    if failed == 1:
        parts.append(msg("any.the-other-fails" if len(others) == 1 else "any.one-other-fails"))
    elif failed > 1:
        parts.append(msg("any.others-fail", n=failed))
    if na:
        parts.append(msg("any.the-other-does-not-apply" if len(others) == 1 else "any.others-do-not-apply",
                         reasons=joined(na, "semicolon")))
    said: Message | Join | str = joined(parts, "semicolon")
    return said


def _reasons(results: list[Result]) -> Message:
    """Why every sub-check was not applicable: their reasons, each once."""
    reasons = list(dict.fromkeys(r.reason for r in results if r.reason is not None))
    return reasons[0] if len(reasons) == 1 else msg("check.list", items=joined(reasons, "semicolon"))


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
            return Result.not_applicable(_reasons(results), from_absence=all(r.from_absence for r in results))
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
            return Result.not_applicable(_reasons(results), from_absence=all(r.from_absence for r in results))
        chosen = failed[0]
        tail = _tail(results, chosen)
        if tail is None:
            return chosen
        return Result(Verdict.FAIL, tuple(
            v if v.unverifiable else replace(v, message=msg("any.others", m=v.message, others=tail))
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
        said = params["message"]  # the rule's own words: a Text in both languages where the rule gives them
        return cls(parse_check(params["check"], "check"), said if isinstance(said, str) else str(said))

    def kinds_used(self) -> frozenset[str]:
        used: frozenset[str] = self.check.kinds_used()
        return used

    def fields_read(self) -> frozenset[str]:
        read: frozenset[str] = self.check.fields_read()
        return read

    def evaluate(self, ctx: CheckContext) -> Result:
        inner: Result = self.check.evaluate(ctx)
        if inner.verdict is Verdict.PASS:
            return Result.of([Violation("province", ctx.province.path, as_message(self.message))])
        if inner.verdict is Verdict.FAIL:
            return Result(Verdict.PASS)
        if inner.verdict is Verdict.CANNOT_VERIFY:
            return Result.of(replace(v, message=msg("check.undecided", m=v.message))
                             for v in inner.violations)
        return inner
