"""The text report, written for a provincial architect: grouped by province and severity,
Vietnamese title beside the English one, the chain or edge that explains each finding, the
document that requires it, and what to do."""

from __future__ import annotations

from archcheck.api import ValidationRun
from archcheck.check.engine import ProvinceReport
from archcheck.findings import Finding, Outcome, Severity
from archcheck.report.escape import for_terminal
from archcheck.report.options import ReportOptions

_HEADINGS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def _finding(f: Finding) -> list[str]:
    where = str(f.location) if f.location else "-"
    lines = [f"    {where}  {f.rule_id} {f.rule_name}  [{f.subject}]",
             f"      {f.title_vi}",
             f"      {f.title_en}",
             f"      {f.message}"]
    e = f.evidence
    if len(e.chain) > 1:
        stop = f" (stops at {e.broken_at})" if e.broken_at and e.broken_at != e.chain[-1] else ""
        lines.append(f"      chain: {' → '.join(e.chain)}{stop}")
    if e.edge is not None:
        lines.append(f"      edge: {e.edge}")
    if e.expected and e.actual and e.edge is None and len(e.chain) <= 1:
        lines.append(f"      expected {e.expected}; found {e.actual}")
    lines.append(f"      source: {f.citation}")
    for p in f.provenance:
        quote = f': "{p.quote}"' if p.quote else ""
        lines.append(f"      model fact from {p.document}{quote}")
    if not f.unverifiable:
        lines.append(f"      fix: {f.remediation}")
    return lines


def _grouped(group: list[Finding]) -> list[str]:
    """One block for the findings of one rule in one severity: the subjects listed, the rest once."""
    f = group[0]
    lines = [f"    {f.rule_id} {f.rule_name}  ({len(group)} findings; --verbose shows each in full)",
             f"      {f.title_vi}",
             f"      {f.title_en}"]
    for g in group:
        where = str(g.location) if g.location else "-"
        lines.append(f"      {where}  [{g.subject}] {g.message}")
    lines.append(f"      source: {f.citation}")
    if not all(g.unverifiable for g in group):
        lines.append(f"      fix: {f.remediation}")
    return lines


def _findings(group: list[Finding], verbose: bool) -> list[str]:
    """Each finding in full (``verbose``), or a rule that repeats across subjects as one block."""
    if verbose:
        return [line for f in group for line in _finding(f)]
    by_rule: dict[str, list[Finding]] = {}
    for f in group:
        by_rule.setdefault(f.rule_id, []).append(f)
    lines: list[str] = []
    for f in group:
        same = by_rule.get(f.rule_id)
        if same is None:
            continue  # already shown in its rule's block
        del by_rule[f.rule_id]
        lines.extend(_finding(f) if len(same) == 1 else _grouped(same))
    return lines


_COUNTED = ((Outcome.PASSED, "passed"), (Outcome.FAILED, "failed"), (Outcome.CANNOT_VERIFY, "cannot verify"),
            (Outcome.NOT_APPLICABLE, "not applicable"))


def _outcome_counts(r: ProvinceReport) -> str:
    """``12 passed, 3 failed, 4 cannot verify, 2 not applicable`` over the rules in force."""
    return ", ".join(f"{sum(1 for o in r.outcomes if o.outcome is kind)} {word}" for kind, word in _COUNTED)


def _passed(r: ProvinceReport) -> list[str]:
    """The rules that passed, and those that found nothing to check with the reason (--show-passed)."""
    passed = [o.rule_id for o in r.outcomes if o.outcome is Outcome.PASSED]
    out = ["", f"  passed ({len(passed)})" + (f": {', '.join(passed)}" if passed else "")]
    vacuous = [o for o in r.outcomes if o.outcome is Outcome.NOT_APPLICABLE]
    if vacuous:
        out.append(f"  not applicable ({len(vacuous)})")
        out.extend(f"    {o.rule_id}: {o.reason}" for o in vacuous)
    quiet = [o for o in r.outcomes if o.outcome is Outcome.CANNOT_VERIFY and o.reason]
    if quiet:
        out.append(f"  cannot verify without a finding ({len(quiet)})")
        out.extend(f"    {o.rule_id}: {o.reason}" for o in quiet)
    return out


def _report(r: ProvinceReport, options: ReportOptions) -> list[str]:
    fw = r.framework
    out = [f"{r.file}: {r.province}",
           f"  framework {fw.id}: {fw.title_vi} ({fw.document}, {fw.issued})",
           f"  evaluated as of {r.evaluated_as_of} ({r.evaluation_note}); "
           f"{len(r.rules_in_force)} rules in force, {len(r.rules_not_in_force)} not yet in force"]
    out.append(f"  rules: {_outcome_counts(r)}")
    for n in r.notices:
        out.append(f"  note: {n.location}: {n.message}")
    if not r.findings:
        out.append("  no findings")
    for sev in Severity:
        group = [f for f in r.findings if f.severity is sev]
        if not group:
            continue
        out.append("")
        out.append(f"  {_HEADINGS[sev]} ({len(group)})")
        out.extend(_findings(group, options.verbose))
    if options.show_passed:
        out.extend(_passed(r))
    if r.kpis:
        out.append("")
        out.append(f"  targets (KPIs, not findings) ({len(r.kpis)})")
        for k in r.kpis:
            state = {"met": "met", "not-met": "missed" if k.due else "not yet met",
                     "unknown": "cannot verify"}[k.status.value]
            out.append(f"    {k.rule_id} {k.rule_name}: {k.target} by {k.deadline} ({k.document}) → {state}")
            out.append(f"      model: {k.figure}")
    if r.rules_ended:
        out.append("")
        out.append(f"  no longer in force on {r.evaluated_as_of}: "
                   + "; ".join(f"{rid} ({why})" for rid, why in r.rules_ended))
    if r.rules_superseded:
        out.append("")
        out.append("  superseded by a binding rule in force: "
                   + ", ".join(f"{rid} (by {by})" for rid, by in r.rules_superseded))
    if r.rules_not_in_force:
        later = ", ".join(f"{rid} ({d})" for rid, d in r.rules_not_in_force)
        out.append("")
        out.append(f"  not yet in force on {r.evaluated_as_of}: {later}")
    return out


def _gate(run: ValidationRun, verbose: bool) -> list[str]:
    """The findings a baseline or waivers file set aside, and the findings about the waivers."""
    gate = run.gate
    if gate is None:
        return []
    out: list[str] = []
    for file in dict.fromkeys(f.location.file if f.location else "-" for f in gate.findings):
        mine = [f for f in gate.findings if (f.location.file if f.location else "-") == file]
        what = "the baseline" if file == gate.baseline_file else "the waivers"
        out.append(f"{file}: {what}")
        for sev in Severity:
            group = [f for f in mine if f.severity is sev]
            if group:
                out.append(f"  {_HEADINGS[sev]} ({len(group)})")
                for f in group:
                    out.extend(_finding(f))
        out.append("")
    if gate.waived:
        out.append(f"waived ({len(gate.waived)}, by {gate.waivers_file}; not counted)")
        for s in gate.waived:
            f, w = s.finding, s.waiver
            if w is None:  # pragma: no cover - waived entries always carry their waiver
                continue
            where = str(f.location) if f.location else "-"
            by = f", approved by {w.approved_by}" if w.approved_by else ""
            out.append(f"    {where}  {f.rule_id} {f.rule_name}  [{f.subject}]  {run.reports[s.report].province}")
            out.append(f"      {f.message}")
            out.append(f"      waived until {w.expires}{by} ({w.location}): {w.reason}")
        out.append("")
    if gate.baseline_file is not None:
        out.append(f"baseline {gate.baseline_file}: {len(gate.baselined)} known findings not counted, "
                   f"{len(gate.fixed)} baseline entries no longer occur")
        for s in gate.baselined if verbose else ():  # a baseline may hold thousands: listed with --verbose
            f = s.finding
            where = str(f.location) if f.location else "-"
            out.append(f"    baselined {where}  {f.rule_id} {f.rule_name}  [{f.subject}]  {f.severity.value}")
        for e in gate.fixed:
            out.append(f"    fixed     {e.file}  {e.rule_id}  [{e.subject}]  {e.province}: {e.message}")
        if gate.fixed:
            out.append("    (refresh the baseline with `archcheck baseline`)")
        out.append("")
    return out


def render_text(run: ValidationRun, options: ReportOptions) -> str:
    """The run as plain text, one block per province, then a summary line."""
    fail_on = options.fail_on
    lines: list[str] = []
    for _file, reports, errors in run.in_file_order():
        for r in reports:
            lines.extend(_report(r, options))
            lines.append("")
        for e in errors:  # a file of the batch that could not be checked, in its place
            lines.append(f"archcheck: error: {e}")
            lines.append("")
    lines.extend(_gate(run, options.verbose))
    findings = run.findings()
    counts = [_plural(sum(1 for f in findings if f.severity is s), s.value) for s in Severity]
    code = run.exit_code(fail_on)
    unchecked = f"; {_plural(len(run.errors), 'file')} could not be checked" if run.errors else ""
    lines.append(f"{_plural(len(run.reports), 'province')} checked: {', '.join(counts)}{unchecked}; "
                 f"failing on {fail_on.value} or worse → exit {code}")
    return for_terminal("\n".join(lines) + "\n")  # a model's text never drives the terminal
