"""Reporters: one ``render(run, options) -> str`` function per output format, in a dict registry.

A reporter is a pure function of values: the run and the options below. Adding a format is one new
module and one line in the table behind :data:`REPORTERS`; the CLI reads its ``--format`` choices from this table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, cast

from archcheck.report.options import ReportOptions

if TYPE_CHECKING:  # not at run time: archcheck.report.escape must not pull in the engine with the package
    from archcheck.api import ValidationRun

Reporter = Callable[["ValidationRun", ReportOptions], str]

_REPORTER_FUNCTIONS: dict[str, str] = {
    "text": "archcheck.report.text:render_text",
    "json": "archcheck.report.json_report:render_json",
    "compact": "archcheck.report.compact:render_compact",
    "sarif": "archcheck.report.sarif:render_sarif",
    "junit": "archcheck.report.junit:render_junit",
    "github": "archcheck.report.github:render_github",
    "gitlab": "archcheck.report.gitlab:render_gitlab",
    "markdown": "archcheck.report.markdown:render_markdown",
    "html": "archcheck.report.html:render_html",
}


class _Reporters(Mapping[str, Reporter]):
    """The reporters by format, each module imported when its format is first used: a text run does
    not import the HTML reporter and its drawing code (tests/test_imports.py checks it)."""

    def __getitem__(self, fmt: str) -> Reporter:
        module, _, function = _REPORTER_FUNCTIONS[fmt].partition(":")
        return cast(Reporter, getattr(importlib.import_module(module), function))

    def __iter__(self) -> Iterator[str]:
        return iter(_REPORTER_FUNCTIONS)

    def __len__(self) -> int:
        return len(_REPORTER_FUNCTIONS)


REPORTERS: Mapping[str, Reporter] = _Reporters()
"""Format name → ``render(run, options) -> str``, in the order ``--format`` lists them."""

OUTLINE_FORMATS: frozenset[str] = frozenset({"html"})
"""Formats that draw the architecture: a run reported in one of them keeps each province's outline
(``api.validate(outline=True)``), which the others do not pay for."""

__all__ = ["OUTLINE_FORMATS", "REPORTERS", "ReportOptions", "Reporter"]
