"""A Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``: the verdict first,
the counts per province, a table of errors with links to their lines and the legal source, then
warnings and info folded away, waived and baselined findings apart, and files that could not be
checked. ``--lang vi`` writes it in Vietnamese (headings, the checks' messages, the rules' titles and
sources, from the one catalogue), ``--lang both`` each phrase as ``vi / en``, ``--lang en`` (the
default) in English."""

from __future__ import annotations

from urllib.parse import quote

from archcheck.api import ValidationRun
from archcheck.catalogue import Message, join
from archcheck.findings import Finding, Severity
from archcheck.report._common import Entry, province_entries, relative_path, rule_help_uri
from archcheck.report.escape import for_markdown, for_markdown_code
from archcheck.report.i18n import Translator, translator
from archcheck.report.options import ReportOptions


def cell(text: str) -> str:
    """Text safe in one Markdown table cell (no pipes, no line breaks, no raw HTML, no link, image,
    mention or heading): :func:`archcheck.report.escape.for_markdown`.

    >>> cell("a | b\\n<c>")
    'a \\\\| b &lt;c&gt;'
    """
    return for_markdown(text)


def _where(f: Finding, options: ReportOptions) -> str:
    if f.location is None:
        return "-"
    path = relative_path(f.location.file, options.root)
    base = f"{options.link_base.rstrip('/')}/" if options.link_base else ""
    return f"[{cell(path)}:{f.location.line}]({base}{quote(path, safe='/')}#L{f.location.line})"


def _rule(f: Finding, run: ValidationRun, t: Translator) -> str:
    name = cell(f.title_vi if t.lang != "en" else f.rule_name)  # in Vietnamese the rule's title, else its name
    if f.rule_id in run.rules:
        return f"[{f.rule_id}]({rule_help_uri(f.rule_id, f.rule_name)}) {name}"
    return f"{f.rule_id} {name}"


def _table(findings: list[Finding], run: ValidationRun, options: ReportOptions, t: Translator) -> list[str]:
    out = [t.word("report.md-findings"), "|---|---|---|---|---|"]
    out.extend(f"| {_where(f, options)} | {_rule(f, run, t)} | {cell(f.subject)} | {cell(t.message(f.said))} | "
               f"{cell(t.citation(f.citation))} |" for f in findings)
    return out


def _folded(summary: str, body: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>", ""]


def render_markdown(run: ValidationRun, options: ReportOptions) -> str:
    """The run as a Markdown summary."""
    t = translator(options.lang)
    counted = run.findings()
    code = run.exit_code(options.fail_on)
    verdict = t.phrase("report.md-unchecked" if run.errors else "report.md-fails" if code else "report.md-passes")
    n = {s: sum(1 for f in counted if f.severity is s) for s in Severity}
    lines = ["## " + t.word("report.md-head", verdict=verdict, code=2 if run.errors else code), "",
             t.word("report.md-counts", n=len(run.reports), e=n[Severity.ERROR], w=n[Severity.WARNING],
                    i=n[Severity.INFO], level=t.phrase(f"severity.{options.fail_on.value}")), ""]
    gate = run.gate
    if gate is not None:
        parts: list[Message] = []
        if gate.baseline_file is not None:
            parts.append(t.phrase("report.md-baselined-part", n=len(gate.baselined),
                                  file=for_markdown_code(gate.baseline_file), m=len(gate.fixed)))
        if gate.waivers_file is not None:
            parts.append(t.phrase("report.md-waived-part", n=len(gate.waived),
                                  file=for_markdown_code(gate.waivers_file)))
        lines += [t.word("report.md-set-aside", parts=join(parts, "semicolon")), ""]
    entries = province_entries(run)
    if run.reports:
        lines += [t.word("report.md-provinces"), "|---|---|---|---|---:|---:|---:|"]
        lines += [f"| {cell(r.province)} | {cell(relative_path(r.file, options.root))} | {cell(r.framework.id)} | "
                  f"{r.evaluated_as_of} | {r.count(Severity.ERROR)} | {r.count(Severity.WARNING)} | "
                  f"{r.count(Severity.INFO)} |" for r in run.reports]
        lines.append("")
    by_sev = {s: [f for f in counted if f.severity is s] for s in Severity}
    if by_sev[Severity.ERROR]:
        lines += [f"### {t.word('html.errors')}", "", *_table(by_sev[Severity.ERROR], run, options, t), ""]
    if by_sev[Severity.WARNING]:
        lines += _folded(t.word("report.md-warnings", n=len(by_sev[Severity.WARNING])),
                         _table(by_sev[Severity.WARNING], run, options, t))
    if by_sev[Severity.INFO]:
        lines += _folded(t.word("report.md-info", n=len(by_sev[Severity.INFO])),
                         _table(by_sev[Severity.INFO], run, options, t))
    waived: list[Entry] = [e for _, es in entries for e in es if e.waived]
    if waived:
        lines += [f"### {t.word('report.md-waived', n=len(waived))}", "", t.word("report.md-waivers"),
                  "|---|---|---|---|---|---|"]
        for e in waived:
            w = e.set_aside.waiver if e.set_aside else None
            assert w is not None
            lines.append(f"| {_where(e.finding, options)} | {_rule(e.finding, run, t)} | {cell(e.finding.subject)} | "
                         f"{cell(w.reason)} | {w.expires} | {cell(w.approved_by or '-')} |")
        lines.append("")
    baselined = [e.finding for _, es in entries for e in es if e.baselined]
    if baselined:
        lines += _folded(t.word("report.md-baselined", n=len(baselined)), _table(baselined, run, options, t))
    if gate is not None and gate.fixed:
        lines += [f"### {t.word('report.md-fixed', n=len(gate.fixed))}", "", t.word("report.md-fixed-note"), ""]
        lines += ["- " + t.word("report.md-fixed-entry", rule=cell(x.rule_id), subject=cell(x.subject),
                                province=cell(x.province), message=cell(x.message))
                  for x in gate.fixed]
        lines.append("")
    if run.errors:
        lines += [f"### {t.word('report.md-could-not')}", ""]
        lines += [f"- {for_markdown_code(err.location() or '-')}: {cell(err.message)}" for err in run.errors]
        lines.append("")
    return "\n".join(lines)
