"""A Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``: the verdict first,
the counts per province, a table of errors with links to their lines and the legal source, then
warnings and info folded away, waived and baselined findings apart, and files that could not be
checked."""

from __future__ import annotations

from urllib.parse import quote

from archcheck.api import ValidationRun
from archcheck.findings import Finding, Severity
from archcheck.report._common import Entry, province_entries, relative_path, rule_help_uri
from archcheck.report.options import ReportOptions


def cell(text: str) -> str:
    """Text safe in one Markdown table cell (no pipes, no line breaks, no raw HTML).

    >>> cell("a | b\\n<c>")
    'a \\\\| b &lt;c&gt;'
    """
    text = " ".join(text.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _where(f: Finding, options: ReportOptions) -> str:
    if f.location is None:
        return "-"
    path = relative_path(f.location.file, options.root)
    base = f"{options.link_base.rstrip('/')}/" if options.link_base else ""
    return f"[{cell(path)}:{f.location.line}]({base}{quote(path, safe='/')}#L{f.location.line})"


def _rule(f: Finding, run: ValidationRun) -> str:
    if f.rule_id in run.rules:
        return f"[{f.rule_id}]({rule_help_uri(f.rule_id, f.rule_name)}) {cell(f.rule_name)}"
    return f"{f.rule_id} {cell(f.rule_name)}"


def _table(findings: list[Finding], run: ValidationRun, options: ReportOptions) -> list[str]:
    out = ["| Where | Rule | Subject | Finding | Source |", "|---|---|---|---|---|"]
    out.extend(f"| {_where(f, options)} | {_rule(f, run)} | {cell(f.subject)} | {cell(f.message)} | "
               f"{cell(str(f.citation))} |" for f in findings)
    return out


def _folded(summary: str, body: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>", ""]


def render_markdown(run: ValidationRun, options: ReportOptions) -> str:
    """The run as a Markdown summary."""
    counted = run.findings()
    code = run.exit_code(options.fail_on)
    verdict = ("⚠️ could not check every file" if run.errors
               else "❌ fails" if code else "✅ passes")
    n = {s: sum(1 for f in counted if f.severity is s) for s in Severity}
    lines = [f"## archcheck: {verdict} (exit {2 if run.errors else code})", "",
             f"{len(run.reports)} province(s) checked: **{n[Severity.ERROR]} error(s)**, "
             f"{n[Severity.WARNING]} warning(s), {n[Severity.INFO]} info; failing on "
             f"{options.fail_on.value} or worse.", ""]
    gate = run.gate
    if gate is not None:
        parts = []
        if gate.baseline_file is not None:
            parts.append(f"{len(gate.baselined)} baselined (`{cell(gate.baseline_file)}`), "
                         f"{len(gate.fixed)} fixed since the baseline")
        if gate.waivers_file is not None:
            parts.append(f"{len(gate.waived)} waived (`{cell(gate.waivers_file)}`)")
        lines += ["Set aside: " + "; ".join(parts) + ".", ""]
    entries = province_entries(run)
    if run.reports:
        lines += ["| Province | File | Framework | Evaluated as of | Errors | Warnings | Info |",
                  "|---|---|---|---|---:|---:|---:|"]
        lines += [f"| {cell(r.province)} | {cell(relative_path(r.file, options.root))} | {cell(r.framework.id)} | "
                  f"{r.evaluated_as_of} | {r.count(Severity.ERROR)} | {r.count(Severity.WARNING)} | "
                  f"{r.count(Severity.INFO)} |" for r in run.reports]
        lines.append("")
    by_sev = {s: [f for f in counted if f.severity is s] for s in Severity}
    if by_sev[Severity.ERROR]:
        lines += ["### Errors", "", *_table(by_sev[Severity.ERROR], run, options), ""]
    if by_sev[Severity.WARNING]:
        lines += _folded(f"Warnings ({len(by_sev[Severity.WARNING])})",
                         _table(by_sev[Severity.WARNING], run, options))
    if by_sev[Severity.INFO]:
        lines += _folded(f"Info and “cannot verify” ({len(by_sev[Severity.INFO])})",
                         _table(by_sev[Severity.INFO], run, options))
    waived: list[Entry] = [e for _, es in entries for e in es if e.waived]
    if waived:
        lines += [f"### Waived ({len(waived)})", "",
                  "| Where | Rule | Subject | Reason | Expires | Approved by |", "|---|---|---|---|---|---|"]
        for e in waived:
            w = e.set_aside.waiver if e.set_aside else None
            assert w is not None
            lines.append(f"| {_where(e.finding, options)} | {_rule(e.finding, run)} | {cell(e.finding.subject)} | "
                         f"{cell(w.reason)} | {w.expires} | {cell(w.approved_by or '-')} |")
        lines.append("")
    baselined = [e.finding for _, es in entries for e in es if e.baselined]
    if baselined:
        lines += _folded(f"Baselined ({len(baselined)}): accepted, not failing the run",
                         _table(baselined, run, options))
    if gate is not None and gate.fixed:
        lines += [f"### Fixed since the baseline ({len(gate.fixed)})", "",
                  "These baseline entries no longer occur; refresh the baseline with `archcheck baseline`.", ""]
        lines += [f"- {cell(x.rule_id)} [{cell(x.subject)}] in {cell(x.province)}: {cell(x.message)}"
                  for x in gate.fixed]
        lines.append("")
    if run.errors:
        lines += ["### Could not check", ""]
        lines += [f"- `{cell(err.location() or '-')}`: {cell(err.message)}" for err in run.errors]
        lines.append("")
    return "\n".join(lines)
