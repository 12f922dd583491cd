"""What archcheck ships besides code: the JSON Schemas (model, rule, framework, report, diff), and where the
built-in rules and frameworks are."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

SCHEMA_NAMES: tuple[str, ...] = ("model", "rule", "framework", "report", "diff", "baseline", "waivers")


@cache
def schema_text(name: str) -> str:
    """The schema as published (JSON text).

    Raises:
        KeyError: no schema of that name.
    """
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    return resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8")


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema as a parsed JSON object (cached; treat as read-only)."""
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


def shipped(folder: str) -> Traversable:
    """A data folder that ships inside the package (``rules`` or ``frameworks``).

    An installed archcheck has them as ``archcheck.builtin_rules`` and ``archcheck.builtin_frameworks``.
    Run from a source checkout without installing it (``python -m archcheck`` in the repository, which
    shadows an installed copy), the same files are the repository's top-level folders.
    """
    try:
        return resources.files(f"archcheck.builtin_{folder}")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[3] / folder
