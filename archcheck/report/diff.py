"""Diff reporters: one ``render(result, options) -> str`` per format, for each kind of diff.

``result`` is a :class:`~archcheck.compare.impact.FrameworkComparison` (``diff frameworks``) or a
:class:`~archcheck.compare.models.ModelDiff` (``diff models``); each reporter is a pure function of
values, like the validation reporters. The formats are the tables :data:`archcheck.formats.MODEL_DIFF`
and :data:`archcheck.formats.FRAMEWORK_DIFF`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from archcheck import formats
from archcheck.report import Registry
from archcheck.report.diff_text import DiffResult
from archcheck.report.options import ReportOptions

DiffReporter = Callable[[DiffResult, ReportOptions], str]

MODEL_DIFF_REPORTERS: Mapping[str, DiffReporter] = Registry(formats.MODEL_DIFF)
"""``diff models`` format → reporter."""

FRAMEWORK_DIFF_REPORTERS: Mapping[str, DiffReporter] = Registry(formats.FRAMEWORK_DIFF)
"""``diff frameworks`` format → reporter."""

DIFF_REPORTERS: Mapping[str, DiffReporter] = MODEL_DIFF_REPORTERS
"""Both kinds of diff are written by the same reporters today (the model diff's table)."""

__all__ = ["DIFF_REPORTERS", "FRAMEWORK_DIFF_REPORTERS", "MODEL_DIFF_REPORTERS", "DiffReporter", "DiffResult"]
