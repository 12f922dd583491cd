"""Reporters: one ``render(run, options) -> str`` function per output format, in a dict registry.

A reporter is a pure function of values: the run and the options below. Adding a format is one new
module and one line in :data:`REPORTERS`; the CLI reads its ``--format`` choices from this table.
"""

from __future__ import annotations

from collections.abc import Callable

from archcheck.api import ValidationRun
from archcheck.report.compact import render_compact
from archcheck.report.github import render_github
from archcheck.report.gitlab import render_gitlab
from archcheck.report.html import render_html
from archcheck.report.json_report import render_json
from archcheck.report.junit import render_junit
from archcheck.report.markdown import render_markdown
from archcheck.report.options import ReportOptions
from archcheck.report.sarif import render_sarif
from archcheck.report.text import render_text

Reporter = Callable[[ValidationRun, ReportOptions], str]

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
    "compact": render_compact,
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
    "gitlab": render_gitlab,
    "markdown": render_markdown,
    "html": render_html,
}

OUTLINE_FORMATS: frozenset[str] = frozenset({"html"})
"""Formats that draw the architecture: a run reported in one of them keeps each province's outline
(``api.validate(outline=True)``), which the others do not pay for."""

__all__ = ["OUTLINE_FORMATS", "REPORTERS", "ReportOptions", "Reporter"]
