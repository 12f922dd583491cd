"""The JSON Schemas archcheck ships: model, rule, framework and report."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_NAMES: tuple[str, ...] = ("model", "rule", "framework", "report")


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
