"""Province model → connection graph, and the pure graph queries the check kinds need.

Nodes are component ids (provincial and national) carrying the :class:`Component`; edges are
connections. A connection that passes through a hub (``via: lgsp``) becomes two edges,
``from → hub`` and ``hub → to``, so reachability "through the hub" is plain graph reachability.

The graph is networkx's ``MultiDiGraph``: :func:`networkx_graph` builds it with networkx, for its
algorithms. The checks read only its adjacency (``succ``) and node attributes (``nodes``), so
:func:`build_graph` fills the same dictionaries, in the same order and with the same edge keys, as
networkx does for the same calls, without importing networkx: its import is most of the start-up of
checking one small model (docs/performance.md), and `tests/test_graph.py` holds the two to equal
contents on the shipped models and generated ones.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

from archcheck.model import Component, Province, Status
from archcheck.values import field, record

if TYPE_CHECKING:
    import networkx as nx

Adjacency: TypeAlias = dict[str, dict[str, dict[int, dict[str, Any]]]]
"""node → successor → edge key → edge data, as ``networkx.MultiDiGraph.succ`` holds it."""

TRAVERSABLE = frozenset({Status.PRESENT})
UNCERTAIN = frozenset({Status.UNKNOWN})


@record
class Graph:
    """A province's connection graph in networkx's ``MultiDiGraph`` layout (several connections of
    different kinds may join the same pair): what the checks read."""

    succ: Adjacency = field(default_factory=dict)
    """``succ[u][v][key]``: the data (kind, status, connection) of the ``key``-th edge u → v."""
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    """``nodes[n]``: the node's attributes (``component``)."""

    def add_node(self, node: str, **attr: Any) -> None:
        """Add a node or update its attributes, as ``MultiDiGraph.add_node`` does."""
        if node not in self.nodes:
            self.succ[node] = {}
            self.nodes[node] = {}
        self.nodes[node].update(attr)

    def add_edge(self, u: str, v: str, **attr: Any) -> None:
        """Add an edge u → v under the next free key, adding missing nodes without attributes, as
        ``MultiDiGraph.add_edge`` does without a key."""
        for node in (u, v):
            if node not in self.succ:
                self.succ[node] = {}
                self.nodes[node] = {}
        keys = self.succ[u].setdefault(v, {})
        key = len(keys)
        while key in keys:
            key += 1
        keys[key] = dict(attr)


def _build(province: Province, g: Graph | nx.MultiDiGraph[str]) -> None:
    """Add the province's components and connections to ``g`` (the same calls for both kinds)."""
    for comp in province.components:
        g.add_node(comp.id, component=comp)
    for conn in province.connections:
        legs = [(conn.source, conn.via), (conn.via, conn.target)] if conn.via else [(conn.source, conn.target)]
        for u, v in legs:
            g.add_edge(u, v, kind=conn.kind, status=conn.traversal_status, connection=conn)


def build_graph(province: Province) -> Graph:
    """Build the province's connection graph (without importing networkx).

    >>> import datetime as dt
    >>> from archcheck.model import Connection, Readiness
    >>> a = Component("a", "x", None, Status.PRESENT, Readiness.READY, {}, {}, ())
    >>> b = Component("b", "y", None, Status.PRESENT, Readiness.READY, {}, {}, ())
    >>> c = Connection(0, "a", "b", "data-exchange", None, Status.PRESENT, ())
    >>> p = Province("P", None, dt.date(2020, 1, 1), "2.0", None, {}, (a, b), (c,), ())
    >>> sorted((u, v) for u, out in build_graph(p).succ.items() for v in out)
    [('a', 'b')]
    """
    g = Graph()
    _build(province, g)
    return g


def networkx_graph(province: Province) -> nx.MultiDiGraph[str]:
    """The same graph as a ``networkx.MultiDiGraph``, for networkx's algorithms (imports networkx)."""
    import networkx as nx  # noqa: PLC0415 - only where a networkx algorithm is wanted

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    _build(province, g)
    return g
def component(g: Graph, node: str) -> Component:
    """The component stored on a node."""
    comp: Component = g.nodes[node]["component"]
    return comp


Usable: TypeAlias = dict[str, list[str]]
"""node → the successors an edge of the wanted kinds and statuses leads to, sorted: see :func:`usable`."""


def usable(g: Graph, *, kinds: frozenset[str] | None, include_uncertain: bool) -> Usable:
    """The graph's usable edges, sorted by successor: worked out once for a rule and shared by every
    search it makes (:func:`traverse`, :func:`reaching`).

    An edge is usable if its kind is in ``kinds`` (any kind when None) and both the connection
    and the node it leads to are present, or also unknown when ``include_uncertain``.
    """
    ok_status = TRAVERSABLE | UNCERTAIN if include_uncertain else TRAVERSABLE
    nodes = g.nodes
    out: Usable = {}
    for u, succ in g.succ.items():
        out[u] = sorted(v for v, parallel in succ.items()
                        if getattr(nodes[v].get("component"), "status", None) in ok_status and any(
                            d["status"] in ok_status and (kinds is None or d["kind"] in kinds)
                            for d in parallel.values()))
    return out


def traverse(
    g: Graph,
    source: str,
    *,
    kinds: frozenset[str] | None,
    include_uncertain: bool,
    edges: Usable | None = None,
) -> dict[str, str | None]:
    """Breadth-first search from ``source`` along usable edges; returns node → predecessor.

    An edge is usable if its kind is in ``kinds`` (any kind when None) and both the connection
    and the node it leads to are present, or also unknown when ``include_uncertain``; ``edges``,
    if given, is :func:`usable` for the same ``kinds`` and ``include_uncertain``.
    Neighbours are visited in sorted order, so the tree (and every witness drawn from it) is
    the same on every run. Each node and edge is looked at once: linear in the graph.
    """
    if edges is None:
        edges = usable(g, kinds=kinds, include_uncertain=include_uncertain)
    parent: dict[str, str | None] = {source: None}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for nbr in edges[node]:
            if nbr not in parent:
                parent[nbr] = node
                queue.append(nbr)
    return parent


MAX_CHAIN = 3_000
"""The longest chain of components a finding may show. A real architecture's chains are a few hops
long; a generated chain of 20,000 would make each of its 20,000 findings show up to 20,000 names (the
report, and the time to write it, the square of that), so such a model is refused instead."""


class ChainTooLong(Exception):
    """A chain longer than :data:`MAX_CHAIN`, from ``start``: the engine refuses the model, located there."""

    def __init__(self, start: str, length: int) -> None:
        super().__init__(f"a chain of {length:,} components from {start}")
        self.start = start
        self.length = length


def path_to(parent: dict[str, str | None], node: str) -> list[str]:
    """The path from the search's source to ``node`` in a :func:`traverse` tree.

    Raises:
        ChainTooLong: the path is longer than :data:`MAX_CHAIN`.
    """
    out = [node]
    step = parent[node]
    while step is not None:
        out.append(step)
        step = parent[step]
    if len(out) > MAX_CHAIN:
        raise ChainTooLong(out[-1], len(out))
    return out[::-1]


def farthest(parent: dict[str, str | None]) -> list[str]:
    """The longest path in a traversal tree (ties broken by node id): how far a chain gets.

    One pass over the tree: a breadth-first tree lists each node after its predecessor, so every
    node's depth is known when it is met (a path per node made this quadratic, and a rule checked
    from every component of a long chain cubic).

    >>> farthest({"a": None, "c": "a", "b": "a", "d": "b"})
    ['a', 'b', 'd']
    """
    depth: dict[str, int] = {}
    best: str | None = None
    for node, up in parent.items():
        d = depth[node] = 0 if up is None else depth[up] + 1
        if best is None or d > depth[best] or (d == depth[best] and node < best):
            best = node
    return path_to(parent, best) if best is not None else []


def reaching(
    g: Graph,
    is_target: Callable[[str], bool],
    *,
    kinds: frozenset[str] | None,
    include_uncertain: bool,
    edges: Usable | None = None,
) -> set[str]:
    """Every node from which :func:`traverse` would find a node ``is_target`` accepts (the targets
    included): one backward search for all the sources of a rule instead of one search per source.

    >>> import datetime as dt
    >>> from archcheck.model import Connection, Readiness
    >>> mk = lambda i: Component(i, "x", None, Status.PRESENT, Readiness.READY, {}, {}, ())
    >>> conns = (Connection(0, "a", "b", "data-exchange", None, Status.PRESENT, ()),)
    >>> p = Province("P", None, dt.date(2020, 1, 1), "2.0", None, {}, (mk("a"), mk("b"), mk("c")), conns, ())
    >>> sorted(reaching(build_graph(p), lambda n: n == "b", kinds=None, include_uncertain=False))
    ['a', 'b']
    """
    if edges is None:
        edges = usable(g, kinds=kinds, include_uncertain=include_uncertain)
    pred: dict[str, list[str]] = {}
    for u, vs in edges.items():
        for v in vs:
            pred.setdefault(v, []).append(u)
    found = {n for n in g.nodes if is_target(n)}
    stack = list(found)
    while stack:
        for u in pred.get(stack.pop(), ()):
            if u not in found:
                found.add(u)
                stack.append(u)
    return found
