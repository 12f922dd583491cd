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
from archcheck.check.sources import ENV, sources_dirs_from_env
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
    """`archcheck sources` on each shipped model: every cited text exists and holds every quote.

    The texts (news reports, the domain reference) are not part of the repository: each model's
    `sources:` says what and where each one is. Set ARCHCHECK_SOURCES to the folders that hold them
    (CI does, so a missing text fails there); without it the check is skipped, not passed.
    """
    dirs = sources_dirs_from_env()
    if not dirs:
        pytest.skip(f"{ENV} is not set: the source texts are not part of the repository (.ci/run sets it)")
    (report,) = api.check_sources([model], dirs)
    assert [str(m) for m in report.misses] == []
    assert report.quotes > 0


def test_every_source_is_cited_in_full() -> None:
    """Each source says what it is without its local copy: title, publisher or author, where published."""
    for model in MODEL_FILES:
        for sid, meta in _data(model)["sources"].items():
            assert {"title", "published_in"} <= meta.keys(), f"{model.name}: {sid}"
            assert meta.keys() & {"publisher", "author"}, f"{model.name}: {sid}"
            assert "/" not in meta["file"], f"{model.name}: {sid}: a file name, found in the sources folders"


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
