"""The output formats of each kind of result: format name → ``"module:function"`` of its reporter.

One table per kind of result. The reporter registries (:mod:`archcheck.report`,
:mod:`archcheck.report.diff`) import a reporter from its table the first time its format is used, the
CLI builds its ``--format`` choices from the tables' names, and the Python API (:func:`archcheck.render`)
looks a result's format up in its kind's table: adding a format is one new reporter and one line here.
This module imports nothing, so that ``archcheck COMMAND --help`` lists the formats without importing a
reporter (tests/test_imports.py); tests/test_formats.py holds every entry importable and each registry
equal to its table.

The order of a table is the order ``--format`` lists its choices in; the first entry is the default.
"""

from __future__ import annotations

from collections.abc import Mapping

VALIDATION: Mapping[str, str] = {
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
"""``validate`` (and ``baseline``'s run): ``render(run: ValidationRun, options: ReportOptions) -> str``."""

MODEL_DIFF: Mapping[str, str] = {
    "text": "archcheck.report.diff_text:render_diff_text",
    "json": "archcheck.report.diff_json:render_diff_json",
    "markdown": "archcheck.report.diff_markdown:render_diff_markdown",
}
"""``diff models``: ``render(diff: ModelDiff, options: ReportOptions) -> str``."""

FRAMEWORK_DIFF: Mapping[str, str] = {
    "text": "archcheck.report.diff_text:render_diff_text",
    "json": "archcheck.report.diff_json:render_diff_json",
    "markdown": "archcheck.report.diff_markdown:render_diff_markdown",
}
"""``diff frameworks``: ``render(comparison: FrameworkComparison, options: ReportOptions) -> str``."""

SCORE: Mapping[str, str] = {
    "text": "archcheck.report.score:render_text",
    "json": "archcheck.report.score:render_json",
    "markdown": "archcheck.report.score:render_markdown",
    "html": "archcheck.report.score:render_html",
}
"""``score``: ``render(card: Scorecard, lang: str | None) -> str``."""

APPRAISAL: Mapping[str, str] = {
    "text": "archcheck.report.appraisal:render_text",
    "json": "archcheck.report.appraisal:render_json",
    "html": "archcheck.report.appraisal:render_html",
}
"""``appraise``: ``render(run: AppraisalRun, lang: str) -> str``."""

DRAWING: Mapping[str, str] = {
    "mermaid": "archcheck.report.drawing.mermaid:to_mermaid",
    "dot": "archcheck.report.drawing.dot:to_dot",
    "svg": "archcheck.report.drawing.svg:to_svg",
}
"""``graph``: ``render(scene: Scene) -> str`` (the scene is drawn in its language already)."""

TABLES: Mapping[str, Mapping[str, str]] = {
    "validation": VALIDATION,
    "model-diff": MODEL_DIFF,
    "framework-diff": FRAMEWORK_DIFF,
    "score": SCORE,
    "appraisal": APPRAISAL,
    "drawing": DRAWING,
}
"""Every table, by the kind of result it renders."""

MACHINE: frozenset[str] = frozenset({"json", "sarif", "junit", "github", "gitlab"})
"""Formats read by programs: they stay in English (with a ``message_id`` per finding) whatever the language
asked; the others (text, compact, markdown, html and the drawings) are written in it (compact keeps its
``file:line:col: severity RULE-ID`` head in every language, which problem matchers read)."""

__all__ = ["APPRAISAL", "DRAWING", "FRAMEWORK_DIFF", "MACHINE", "MODEL_DIFF", "SCORE", "TABLES", "VALIDATION"]
