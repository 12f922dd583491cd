"""The compact report: one line per finding, ``file:line:col: severity RULE-ID message``.

The form compilers and linters print (yamllint's ``parsable``, ruff's ``concise``, ESLint's
``compact``), which editors' problem matchers, CI logs and pre-commit read. A file that could not
be checked gives one line too, with ``INPUT`` in place of a rule id; so does each finding of the gate
(an expired waiver, a stale baseline entry). The last line is the summary, which counts every line.
The message and the summary follow ``--lang`` (``both``: ``vi / en`` on the one line); the severity
and rule id, which problem matchers read, stay as they are.
"""

from __future__ import annotations

from archcheck.api import ValidationRun
from archcheck.errors import ArchcheckError
from archcheck.findings import Finding
from archcheck.report.escape import for_line
from archcheck.report.i18n import Translator, translator
from archcheck.report.options import ReportOptions
from archcheck.report.text import summary_line

PATTERN = r"^(.+?):(\d+):(\d+): (error|warning|info) ([A-Z][A-Z0-9]*-\d+|INPUT) (.*)$"
"""A regular expression for one line: file, line, column, severity, rule id, message."""
CELL_PATTERN = r"^(.+?\.xls[xm]):([^!]+)!([A-Z]+\d+): (error|warning|info) ([A-Z][A-Z0-9]*-\d+|INPUT) (.*)$"
"""The same for a finding in a workbook (a Mẫu 03 data set): file, sheet, cell, severity, rule id, message."""


def _line(f: Finding, fallback: str, t: Translator) -> str:
    where = str(f.location) if f.location else f"{fallback}:1:1"
    return f"{where}: {f.severity.value} {f.rule_id} [{f.subject}] {t.message(f.said)}"


def _error(e: ArchcheckError) -> list[str]:
    """One line per problem: a file with several (a schema error, unknown kinds) gives each its own line."""
    hint = f" (hint: {e.hint})" if e.hint else ""
    where = e.location() if e.sheet is not None else f"{e.file or '-'}:{e.line or 1}:{e.column or 1}"
    issues: tuple[str, ...] = getattr(e, "issues", ())
    if len(issues) > 1:  # each "file:line:col: message", and perhaps "... and N more"
        located = [i.partition(": ") for i in issues]
        return [f"{at}: error INPUT {message}{hint}" if sep else f"{where}: error INPUT {at}"
                for at, sep, message in located]
    return [f"{where}: error INPUT {e.message}{hint}"]


def _key(f: Finding) -> tuple[int, int, int, str, str]:
    loc = f.location
    return (loc.line if loc else 0, loc.column if loc else 0, f.severity.rank, f.rule_id, f.subject)


def render_compact(run: ValidationRun, options: ReportOptions) -> str:
    """The run as one line per finding (in file order, then by position), then a summary line.

    ``options.quiet``: only the findings at or above ``options.fail_on``; the summary counts them all.
    """
    t = translator(options.lang)
    lines: list[str] = []
    for _file, reports, errors in run.in_file_order():
        for r in reports:
            lines.extend(_line(f, r.file, t) for f in sorted(r.findings, key=_key)
                         if not options.quiet or f.severity.at_least(options.fail_on))
        lines.extend(line for e in errors for line in _error(e))
    if run.gate is not None:  # the gate's own findings (an expired waiver, a stale baseline entry) count too
        lines.extend(_line(f, "-", t) for f in run.gate.findings)
    lines.append(summary_line(run, options.fail_on, t))
    # each line escaped on its own: a newline inside a name cannot start a line (a CI runner's command)
    return "\n".join(for_line(line) for line in lines) + "\n"
