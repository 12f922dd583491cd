"""What archcheck ships besides code: the JSON Schemas (model, rule, framework, report, diff), and where the
built-in rules and frameworks are."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
_PACKAGE = _HERE.parents[1]
"""The archcheck package folder (package data is read from its files: no importlib.resources, whose
import alone costs a small command a sixth of its start-up)."""

SCHEMA_NAMES: tuple[str, ...] = ("model", "rule", "framework", "report", "diff", "baseline", "waivers", "project",
                                 "appraisal")


@cache
def schema_text(name: str) -> str:
    """The schema as published (JSON text).

    Raises:
        KeyError: no schema of that name.
    """
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    return (_HERE / f"{name}.schema.json").read_text("utf-8")


VOCABULARY_DEFS = ("component-kind", "national-kind")
"""The model schema's ``$defs`` that enumerate the built-in frameworks' kinds (scripts/gen_schema_kinds.py)."""


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema archcheck validates with, as a parsed JSON object (cached; treat as read-only).

    The model schema's kind lists are for editors: archcheck checks kinds itself, after the schema, so
    that a kind a ``--frameworks`` profile adds is accepted and a typo or an alias (``lgsp``) gets its
    answer, with every unknown kind of the file in one message. Here they are plain strings.
    """
    loaded: dict[str, Any] = json.loads(schema_text(name))
    if name == "model":
        for key in VOCABULARY_DEFS:
            loaded["$defs"][key] = {k: v for k, v in loaded["$defs"][key].items()
                                    if k not in ("enum", "enumDescriptions", "markdownEnumDescriptions")}
    return loaded


def shipped(folder: str) -> Path:
    """A data folder that ships inside the package (``rules`` or ``frameworks``).

    An installed archcheck has them as ``archcheck/builtin_rules`` and ``archcheck/builtin_frameworks``.
    In a source checkout (an editable install, or ``python -m archcheck`` in the repository) the same
    files are the repository's top-level folders.
    """
    installed = _PACKAGE / f"builtin_{folder}"
    return installed if installed.is_dir() else _PACKAGE.parent / folder


def shipped_files(folder: str) -> list[tuple[Path, str]]:
    """The ``*.yaml`` files of a shipped folder, sorted, each with its display name (``rules/X.yaml``)."""
    found = sorted((f for f in shipped(folder).iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    return [(f, f"{folder}/{f.name}") for f in found]
