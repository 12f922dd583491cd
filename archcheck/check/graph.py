"""Province model → networkx graph, and the pure graph queries the check kinds need.

Nodes are component ids (provincial and national) carrying the :class:`Component`; edges are
connections. A connection that passes through a hub (``via: lgsp``) becomes two edges,
``from → hub`` and ``hub → to``, so reachability "through the hub" is plain graph reachability.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, TypeAlias

from archcheck.model import Component, Province, Status

if TYPE_CHECKING:
    import networkx as nx

Graph: TypeAlias = "nx.MultiDiGraph[str]"
"""The graph type: several connections of different kinds may join the same pair."""

TRAVERSABLE = frozenset({Status.PRESENT})
UNCERTAIN = frozenset({Status.UNKNOWN})


def build_graph(province: Province) -> Graph:
    """Build the province's connection graph.

    >>> import datetime as dt
    >>> from archcheck.model import Readiness
    >>> a = Component("a", "x", None, Status.PRESENT, Readiness.READY, {}, {}, ())
    >>> b = Component("b", "y", None, Status.PRESENT, Readiness.READY, {}, {}, ())
    >>> c = Connection(0, "a", "b", "data-exchange", None, Status.PRESENT, ())
    >>> p = Province("P", None, dt.date(2020, 1, 1), "2.0", None, {}, (a, b), (c,), ())
    >>> sorted(build_graph(p).edges())
    [('a', 'b')]
    """
    import networkx as nx  # noqa: PLC0415 - only a check run builds a graph; listing rules does not import it

    g: Graph = nx.MultiDiGraph()
    for comp in province.components:
        g.add_node(comp.id, component=comp)
    for conn in province.connections:
        legs = [(conn.source, conn.via), (conn.via, conn.target)] if conn.via else [(conn.source, conn.target)]
        for u, v in legs:
            g.add_edge(u, v, kind=conn.kind, status=conn.traversal_status, connection=conn)
    return g


def component(g: Graph, node: str) -> Component:
    """The component stored on a node."""
    comp: Component = g.nodes[node]["component"]
    return comp


def traverse(
    g: Graph,
    source: str,
    *,
    kinds: frozenset[str] | None,
    include_uncertain: bool,
) -> dict[str, str | None]:
    """Breadth-first search from ``source`` along usable edges; returns node → predecessor.

    An edge is usable if its kind is in ``kinds`` (any kind when None) and both the connection
    and the node it leads to are present, or also unknown when ``include_uncertain``.
    Neighbours are visited in sorted order, so the tree (and every witness drawn from it) is
    the same on every run.
    """
    ok_status = TRAVERSABLE | UNCERTAIN if include_uncertain else TRAVERSABLE
    parent: dict[str, str | None] = {source: None}
    queue = deque([source])
    succ, nodes = g.succ, g.nodes  # views bound once: the search asks them for every edge
    while queue:
        node = queue.popleft()
        nexts: set[str] = set()
        for nbr, parallel in succ[node].items():
            if nbr in parent or nodes[nbr]["component"].status not in ok_status:
                continue
            if any(d["status"] in ok_status and (kinds is None or d["kind"] in kinds) for d in parallel.values()):
                nexts.add(nbr)
        for nbr in sorted(nexts):
            parent[nbr] = node
            queue.append(nbr)
    return parent


def path_to(parent: dict[str, str | None], node: str) -> list[str]:
    """The path from the search's source to ``node`` in a :func:`traverse` tree."""
    out = [node]
    step = parent[node]
    while step is not None:
        out.append(step)
        step = parent[step]
    return out[::-1]


def farthest(parent: dict[str, str | None]) -> list[str]:
    """The longest path in a traversal tree (ties broken by node id): how far a chain gets."""
    best: list[str] = []
    for node in sorted(parent):
        p = path_to(parent, node)
        if len(p) > len(best):
            best = p
    return best
