"""The floor for the benchmarks: the fastest available parse + compiled schema validation + networkx
graph build of the same file(s), with nothing else (no positions, no duplicate-key check, no rules).

Usage: python benchmarks/floor.py FILE...
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema_rs
import networkx as nx
import ryml

from archcheck.read.schemas import schema


def main(paths: list[str]) -> None:
    validator = jsonschema_rs.validator_for(schema("model"), validate_formats=True)
    for path in paths:
        tree = ryml.parse_in_arena(Path(path).read_bytes())
        data = json.loads(ryml.emit_json(tree))
        validator.is_valid(data)
        provinces = data["provinces"] if "provinces" in data else [data["province"]]
        for p in provinces:
            g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
            for c in p.get("components", []) + p.get("national", []):
                g.add_node(c["id"], data=c)
            for c in p.get("connections", []):
                g.add_edge(c["from"], c["to"], data=c)


if __name__ == "__main__":
    main(sys.argv[1:])
