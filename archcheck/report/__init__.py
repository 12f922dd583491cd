"""Reporters: one pure function per output format, in one registry per kind of result.

A reporter is a pure function of values: a result and the options below. The formats of each kind of
result, and the function behind each, are the tables of :mod:`archcheck.formats` (which the CLI reads its
``--format`` choices from without importing a reporter); the registries here import a reporter the first
time its format is used. Adding a format is one new module and one line in its table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from archcheck import formats
from archcheck.report.options import ReportOptions

if TYPE_CHECKING:  # not at run time: archcheck.report.escape must not pull in the engine with the package
    from archcheck.api import AppraisalRun, ValidationRun
    from archcheck.report.drawing import Scene
    from archcheck.report.score import Scorecard

Reporter = Callable[["ValidationRun", ReportOptions], str]
"""A validation reporter: ``render(run, options) -> str``."""
ScoreReporter = Callable[["Scorecard", "str | None"], str]
AppraisalReporter = Callable[["AppraisalRun", str], str]
DrawingWriter = Callable[["Scene"], str]

F = TypeVar("F", bound=Callable[..., Any])


class Registry(Mapping[str, F]):
    """Reporters by format, from one table of :mod:`archcheck.formats`, each module imported when its format
    is first used: a text run does not import the HTML reporter and its drawing code (tests/test_imports.py)."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = table

    def __getitem__(self, fmt: str) -> F:
        module, _, function = self.table[fmt].partition(":")
        return cast(F, getattr(importlib.import_module(module), function))

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        return f"Registry({', '.join(self.table)})"


REPORTERS: Mapping[str, Reporter] = Registry(formats.VALIDATION)
"""Format name → ``render(run, options) -> str``, in the order ``--format`` lists them."""

SCORE_REPORTERS: Mapping[str, ScoreReporter] = Registry(formats.SCORE)
"""Scorecard format → ``render(card, lang) -> str``."""

APPRAISAL_REPORTERS: Mapping[str, AppraisalReporter] = Registry(formats.APPRAISAL)
"""Appraisal format → ``render(run, lang) -> str``."""

DRAWING_WRITERS: Mapping[str, DrawingWriter] = Registry(formats.DRAWING)
"""Drawing format → ``write(scene) -> str``."""

OUTLINE_FORMATS: frozenset[str] = frozenset({"html"})
"""Formats that draw the architecture: a run reported in one of them keeps each province's outline
(``api.validate(outline=True)``), which the others do not pay for."""

__all__ = ["APPRAISAL_REPORTERS", "DRAWING_WRITERS", "OUTLINE_FORMATS", "REPORTERS", "SCORE_REPORTERS",
           "AppraisalReporter", "DrawingWriter", "Registry", "ReportOptions", "Reporter", "ScoreReporter"]
