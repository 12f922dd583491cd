"""The province models: every quote occurs in the document it names (after whitespace folding),
every component and every figure carries a source, and every model checks cleanly (no input errors)
under both frameworks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archcheck import api
from archcheck.read.sourcemap import load_file
from tests.conftest import MODELS

MODEL_FILES = sorted(MODELS.glob("*.yaml"))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _provenances(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source":
                for item in value if isinstance(value, list) else [value]:
                    yield path, item
            else:
                yield from _provenances(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _provenances(item, f"{path}[{i}]")


def _data(model: Path) -> dict[str, Any]:
    data = load_file(model).data
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("model", MODEL_FILES, ids=[m.name for m in MODEL_FILES])
def test_every_quote_occurs_in_its_source(model: Path) -> None:
    data = _data(model)
    sources = data["sources"]
    missing = []
    quotes = 0
    for where, prov in _provenances(data["province"], "province"):
        if "quote" not in prov:
            continue
        quotes += 1
        seed = (model.parent / sources[prov["doc"]]["file"]).resolve()
        assert seed.is_file(), f"{model.name}: source file {seed} not found (../shared must sit beside the repo)"
        if _fold(prov["quote"]) not in _fold(seed.read_text("utf-8")):
            missing.append(f"{where}: {prov['quote']!r} not in {seed.name}")
    assert missing == []
    assert quotes > 0


@pytest.mark.parametrize("model", MODEL_FILES, ids=[m.name for m in MODEL_FILES])
def test_every_component_and_figure_has_a_source(model: Path) -> None:
    p = _data(model)["province"]
    unsourced = [f"components[{i}] {c['id']}" for i, c in enumerate(p.get("components", [])) if "source" not in c]
    for level, unit in p.get("units", {}).items():
        if "source" not in unit:
            unsourced.append(f"units.{level}")
        elif isinstance(unit["total"], int) and "quote" not in str(unit["source"]):
            unsourced.append(f"units.{level}: a number without a quote")
    for c in p.get("components", []):
        for level, cov in c.get("deployment", {}).items():
            number = isinstance(cov.get("used"), int) or "percent" in cov
            if "source" not in cov or (number and "quote" not in str(cov["source"])):
                unsourced.append(f"{c['id']}.deployment.{level}")
    assert unsourced == []


@pytest.mark.parametrize("version", ["1.0", "2.0"])
@pytest.mark.parametrize("model", MODEL_FILES, ids=[m.name for m in MODEL_FILES])
def test_model_checks_without_input_errors(model: Path, version: str) -> None:
    run = api.validate([model], framework=version)
    assert [r.framework.id for r in run.reports] == [version]
