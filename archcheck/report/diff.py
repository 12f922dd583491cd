"""Diff reporters: one ``render(result, options) -> str`` per format, in their own small registry.

``result`` is a :class:`~archcheck.compare.impact.FrameworkComparison` (``diff frameworks``) or a
:class:`~archcheck.compare.models.ModelDiff` (``diff models``); each reporter is a pure function of
values, like the validation reporters.
"""

from __future__ import annotations

from collections.abc import Callable

from archcheck.report.diff_json import render_diff_json
from archcheck.report.diff_markdown import render_diff_markdown
from archcheck.report.diff_text import DiffResult, render_diff_text
from archcheck.report.options import ReportOptions

DiffReporter = Callable[[DiffResult, ReportOptions], str]

DIFF_REPORTERS: dict[str, DiffReporter] = {
    "text": render_diff_text,
    "json": render_diff_json,
    "markdown": render_diff_markdown,
}

__all__ = ["DIFF_REPORTERS", "DiffReporter", "DiffResult"]
