"""The checks' graph is networkx's MultiDiGraph, filled without importing networkx (issue 15).

:func:`archcheck.check.graph.build_graph` must hold exactly what networkx holds for the same calls:
the same nodes with the same attributes, the same successors in the same order, the same edge keys
and data. Checked on every shipped model, every rule example and generated provinces.
"""

from __future__ import annotations

from typing import Any

import pytest

from archcheck import api
from archcheck.check.graph import Graph, build_graph, networkx_graph
from archcheck.model import Province
from archcheck.read.loading import load_model, model_from_document
from benchmarks.generate import document, province
from tests.conftest import MODELS


def _networkx_layout(province: Province) -> tuple[dict[str, Any], dict[str, Any]]:
    g = networkx_graph(province)
    succ = {u: {v: dict(keys) for v, keys in out.items()} for u, out in g.succ.items()}
    return succ, {n: dict(attrs) for n, attrs in g.nodes.items()}


def _same(province: Province) -> None:
    ours = build_graph(province)
    succ, nodes = _networkx_layout(province)
    assert ours.succ == succ
    assert ours.nodes == nodes
    # and in the same order: the checks' searches visit neighbours in sorted order, but witnesses and
    # ties depend on nothing else, and this keeps it so
    assert [(u, list(out), [list(k) for k in out.values()]) for u, out in ours.succ.items()] == [
        (u, list(out), [list(k) for k in out.values()]) for u, out in succ.items()]
    assert list(ours.nodes) == list(nodes)


def _provinces() -> list[tuple[str, Province]]:
    out = []
    for path in sorted(MODELS.glob("*.yaml")):
        out.extend((path.name, p) for p in load_model(path).provinces)
    for rule in api.builtin_rules().values():
        for ex in rule.examples:
            out.extend((f"{rule.id} {ex.name}", p) for p in model_from_document(ex.document).provinces)
    return out


@pytest.mark.parametrize(("name", "province"), _provinces(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_checks_graph_is_networkx_s(name: str, province: Province) -> None:
    _same(province)


def test_generated_provinces_and_parallel_edges(tmp_path: Any) -> None:
    path = tmp_path / "ten.yaml"
    path.write_text(document([province(i) for i in range(3)]), encoding="utf-8")
    for p in load_model(path).provinces:
        _same(p)


def test_the_same_calls_give_networkx_s_dictionaries() -> None:
    import networkx as nx  # noqa: PLC0415 - the reference

    ours, theirs = Graph(), nx.MultiDiGraph()
    for g in (ours, theirs):
        g.add_node("a", component=1)
        g.add_edge("a", "b", kind="x")  # b added without attributes
        g.add_edge("a", "b", kind="y")  # a parallel edge: the next key
        g.add_edge("b", "b", kind="z")  # a loop
        g.add_node("b", component=2)  # attributes added later
        g.add_node("a", other=3)  # and updated
        g.add_edge("c", "a", kind="x")
    assert ours.succ == {u: {v: dict(k) for v, k in out.items()} for u, out in theirs.succ.items()}
    assert ours.nodes == {n: dict(a) for n, a in theirs.nodes.items()}
    assert list(ours.succ) == list(theirs.succ) and list(ours.succ["a"]["b"]) == [0, 1]
