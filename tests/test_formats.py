"""One format table per kind of result (archcheck/formats.py): every entry is a reporter that imports, each
registry is its table, and each command's ``--format`` choices are its table's names, read at ``--help``
without importing a reporter (issue 31)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable, Mapping
from typing import Any

import click
import pytest

from archcheck import formats
from archcheck.cli import main
from archcheck.report import APPRAISAL_REPORTERS, DRAWING_WRITERS, REPORTERS, SCORE_REPORTERS, appraisal, drawing, score
from archcheck.report.diff import DIFF_REPORTERS, FRAMEWORK_DIFF_REPORTERS, MODEL_DIFF_REPORTERS
from tests.conftest import ROOT


def _function(entry: str) -> Callable[..., Any]:
    module, sep, name = entry.partition(":")
    assert sep and name, entry
    found = getattr(importlib.import_module(module), name)
    assert callable(found), entry
    return found  # type: ignore[no-any-return]


@pytest.mark.parametrize("kind", list(formats.TABLES))
def test_every_entry_is_a_reporter_that_imports(kind: str) -> None:
    table = formats.TABLES[kind]
    assert table, kind
    for entry in table.values():
        _function(entry)


REGISTRIES: dict[str, Mapping[str, Callable[..., Any]]] = {
    "validation": REPORTERS,
    "model-diff": MODEL_DIFF_REPORTERS,
    "framework-diff": FRAMEWORK_DIFF_REPORTERS,
    "score": SCORE_REPORTERS,
    "appraisal": APPRAISAL_REPORTERS,
    "drawing": DRAWING_WRITERS,
}


def test_one_registry_per_table() -> None:
    assert set(REGISTRIES) == set(formats.TABLES)
    assert DIFF_REPORTERS is MODEL_DIFF_REPORTERS


@pytest.mark.parametrize("kind", list(REGISTRIES))
def test_each_registry_is_its_table(kind: str) -> None:
    registry, table = REGISTRIES[kind], formats.TABLES[kind]
    assert list(registry) == list(table) and len(registry) == len(table)
    for fmt, entry in table.items():
        assert registry[fmt] is _function(entry)
    with pytest.raises(KeyError):
        registry["no-such-format"]


def test_machine_formats_are_formats() -> None:
    every = {fmt for table in formats.TABLES.values() for fmt in table}
    assert every >= formats.MACHINE
    assert not formats.MACHINE & {"text", "compact", "markdown", "html", "mermaid", "dot", "svg"}


def test_the_reporter_modules_own_tables_agree() -> None:
    """The drawing, scorecard and appraisal modules still name their formats too; the same functions."""
    assert dict(drawing.FORMATS) == dict(DRAWING_WRITERS.items())
    assert dict(score.FORMATS) == dict(SCORE_REPORTERS.items())
    assert dict(appraisal.APPRAISAL_REPORTERS) == dict(APPRAISAL_REPORTERS.items())


COMMANDS = {
    ("validate",): formats.VALIDATION,
    ("baseline",): None,
    ("diff", "models"): formats.MODEL_DIFF,
    ("diff", "frameworks"): formats.FRAMEWORK_DIFF,
    ("score",): formats.SCORE,
    ("appraise",): formats.APPRAISAL,
    ("graph",): formats.DRAWING,
}


def _command(path: tuple[str, ...]) -> click.Command:
    ctx = click.Context(main)
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(ctx, name)
        assert found is not None, path
        command = found
    return command


@pytest.mark.parametrize("path", [p for p, t in COMMANDS.items() if t is not None], ids=" ".join)
def test_format_choices_are_the_table(path: tuple[str, ...]) -> None:
    table = COMMANDS[path]
    assert table is not None
    (option,) = [p for p in _command(path).params if "--format" in getattr(p, "opts", ())]
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == tuple(table)
    assert option.default == next(iter(table))


def test_help_imports_no_reporter() -> None:
    """Each command's --help (its --format choices included) imports no module of archcheck.report."""
    probe = f"""
import sys
from archcheck.cli import main
for path in {[list(p) for p in COMMANDS]!r}:
    try:
        main([*path, "--help"])
    except SystemExit:
        pass
print(" ".join(sorted(m for m in sys.modules if m.startswith("archcheck"))), file=sys.stderr)
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    imported = done.stderr.splitlines()[-1].split()
    assert "archcheck.formats" in imported
    assert [m for m in imported if m.startswith(("archcheck.report", "archcheck.api", "archcheck.facade"))] == []
