"""GitLab Code Quality JSON: a list of issues, each with ``description``, ``check_name``,
``fingerprint``, ``severity`` and ``location`` (``path``, ``lines.begin``).

Each issue also carries the finding's stable ``message_id`` (a key GitLab ignores and keeps in the
artifact; archcheck's catalogue key, as in the JSON and SARIF reports).

Severities: error → ``major``, warning → ``minor``, info and "cannot verify" → ``info``. The
fingerprint is archcheck's line-independent one, so GitLab's merge-request widget sees a finding
that only moved as unchanged. Waived findings are left out (a waiver is a decision, not an open
issue); baselined ones stay in, since GitLab itself compares the branch with its base.
"""

from __future__ import annotations

from typing import Any

from archcheck.api import ValidationRun
from archcheck.findings import Finding, Severity
from archcheck.report._common import province_entries, relative_path
from archcheck.report.escape import for_json
from archcheck.report.options import ReportOptions

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _issue(f: Finding, root: str | None, seen: dict[str, int]) -> dict[str, Any]:
    loc = f.location
    # GitLab keeps one issue per fingerprint: should two findings ever share one, the second
    # gets a suffix rather than vanish from the widget.
    n = seen[f.fingerprint] = seen.get(f.fingerprint, 0) + 1
    fingerprint = f.fingerprint if n == 1 else f"{f.fingerprint}-{n}"
    return {
        "description": f"{f.rule_id} [{f.subject}]: {f.text()} (source: {f.citation})",
        "check_name": f"{f.rule_id} {f.rule_name}",
        "message_id": f.message_id,
        "fingerprint": fingerprint,
        "severity": _SEVERITY[f.severity],
        "location": {"path": relative_path(loc.file, root) if loc else "",
                     "lines": {"begin": loc.line if loc else 1}},
    }


def render_gitlab(run: ValidationRun, options: ReportOptions) -> str:
    """The run as a GitLab Code Quality report."""
    seen: dict[str, int] = {}
    issues = [_issue(e.finding, options.root, seen) for _, entries in province_entries(run) for e in entries
              if not e.waived]
    issues.extend(_issue(f, options.root, seen) for f in (run.gate.findings if run.gate else ()))
    return for_json(issues) + "\n"
