"""The text report, written for a provincial architect: grouped by province and severity, the
rule's title, the chain or edge that explains each finding, the document that requires it, and what
to do. ``--lang en`` (the default) writes it in English, ``--lang vi`` in Vietnamese, ``--lang both``
each title, message and fix in Vietnamese then English and every other phrase as ``vi / en``; every
word from the one catalogue (archcheck/catalogue.yaml, said through archcheck/report/i18n.py)."""

from __future__ import annotations

from archcheck.api import ValidationRun
from archcheck.catalogue import Message, join
from archcheck.check.engine import ProvinceReport
from archcheck.check.kinds.core import percent
from archcheck.findings import Finding, Outcome, Severity, TargetState, target_counts
from archcheck.report.escape import error_lines, for_line
from archcheck.report.i18n import Translator, translator
from archcheck.report.options import ReportOptions

_COUNT_KEYS = {Severity.ERROR: "report.errors", Severity.WARNING: "report.warnings", Severity.INFO: "severity.info"}
_N_KEYS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def _count(t: Translator, n: int, key: str) -> Message:
    """``3 errors`` / ``3 lỗi``: ``key`` is error, warning, info, province or file."""
    if key == "info":
        return t.phrase("report.info-n", n=n)
    return t.phrase(f"report.{key}-n" if n == 1 else f"report.{key}s-n", n=n)


def _titles(t: Translator, f: Finding) -> list[str]:
    """The rule's titles: both by default, one with --lang."""
    return {"vi": [f.title_vi], "en": [f.title_en]}.get(t.lang, [f.title_vi, f.title_en])


def _finding(f: Finding, t: Translator) -> list[str]:
    where = str(f.location) if f.location else "-"
    lines = [f"    {where}  {f.rule_id} {f.rule_name}  [{f.subject}]",
             *(f"      {title}" for title in _titles(t, f)),
             *(f"      {line}" for line in t.lines(f.said))]
    e = f.evidence
    if len(e.chain) > 1:
        stop = f" ({t.word('report.stops-at', x=e.broken_at)})" if e.broken_at and e.broken_at != e.chain[-1] else ""
        lines.append(f"      {t.word('report.chain')}: {' → '.join(e.chain)}{stop}")
    if e.edge is not None:
        lines.append(f"      {t.word('report.edge')}: {e.edge}")
    if e.expected and e.actual and e.edge is None and len(e.chain) <= 1:
        lines += t.each(lambda t: "      " + t.word("report.expected-found", e=t.arg(e.expected), a=t.arg(e.actual)))
    lines += t.each(lambda t: f"      {t.word('word.source')}: {t.citation(f.citation)}")
    for p in f.provenance:
        quote = f': "{p.quote}"' if p.quote else ""
        lines += t.each(lambda t: f"      {t.word('report.fact', doc=p.document)}{quote}")  # noqa: B023
    if not f.unverifiable:
        lines.extend(_fix(f, t))
    return lines


def _fix(f: Finding, t: Translator) -> list[str]:
    """What to do: a line per language (``both``: Vietnamese, then English)."""
    return t.each(lambda t: f"      {t.word('word.fix')}: {t.text(f.remediation)}")


def _grouped(group: list[Finding], t: Translator) -> list[str]:
    """One block for the findings of one rule in one severity: the subjects listed, the rest once."""
    f = group[0]
    lines = [f"    {f.rule_id} {f.rule_name}  ({t.word('report.grouped', n=len(group))})",
             *(f"      {title}" for title in _titles(t, f))]
    for g in group:
        where = str(g.location) if g.location else "-"
        said = t.lines(g.said)
        lines.append(f"      {where}  [{g.subject}] {said[0]}")
        lines.extend(f"      {' ' * len(where)}  {' ' * (len(g.subject) + 2)} {line}" for line in said[1:])
    lines += t.each(lambda t: f"      {t.word('word.source')}: {t.citation(f.citation)}")
    if not all(g.unverifiable for g in group):
        lines.extend(_fix(f, t))
    return lines


def _findings(group: list[Finding], verbose: bool, t: Translator) -> list[str]:
    """Each finding in full (``verbose``), or a rule that repeats across subjects as one block."""
    if verbose:
        return [line for f in group for line in _finding(f, t)]
    by_rule: dict[str, list[Finding]] = {}
    for f in group:
        by_rule.setdefault(f.rule_id, []).append(f)
    lines: list[str] = []
    for f in group:
        same = by_rule.get(f.rule_id)
        if same is None:
            continue  # already shown in its rule's block
        del by_rule[f.rule_id]
        lines.extend(_finding(f, t) if len(same) == 1 else _grouped(same, t))
    return lines


_COUNTED = ((Outcome.PASSED, "outcome.passed"), (Outcome.FAILED, "outcome.failed"),
            (Outcome.CANNOT_VERIFY, "outcome.cannot-verify"), (Outcome.NOT_APPLICABLE, "outcome.not-applicable"))


_TARGET_WORDS = {TargetState.MET: "target-state.met", TargetState.BELOW: "report.not-yet-met",
                 TargetState.MISSED: "target-state.missed", TargetState.CANNOT_VERIFY: "outcome.cannot-verify"}


def _outcome_counts(r: ProvinceReport, t: Translator) -> str:
    """``12 passed, 3 failed, 4 cannot verify, 2 not applicable`` over the rules in force, then the
    targets apart (``; targets: 1 met, 1 missed``): a target is never a failed rule."""
    rules = ", ".join(f"{sum(1 for o in r.outcomes if o.outcome is kind)} {t.word(key)}" for kind, key in _COUNTED)
    counts = target_counts(r.kpis)
    if not counts:
        return rules
    return rules + f"; {t.word('report.targets-word')}: " + ", ".join(
        f"{n} {t.word(_TARGET_WORDS[state])}" for state, n in counts.items())


def _passed(r: ProvinceReport, t: Translator) -> list[str]:
    """The rules that passed, and those that found nothing to check with the reason (--show-passed)."""
    passed = [o.rule_id for o in r.outcomes if o.outcome is Outcome.PASSED]
    out = ["", f"  {t.word('outcome.passed')} ({len(passed)})" + (f": {', '.join(passed)}" if passed else "")]
    vacuous = [o for o in r.outcomes if o.outcome is Outcome.NOT_APPLICABLE]
    if vacuous:
        out.append(f"  {t.word('outcome.not-applicable')} ({len(vacuous)})")
        out.extend(f"    {o.rule_id}: {line}" for o in vacuous for line in t.lines(o.reason or ""))
    quiet = [o for o in r.outcomes if o.outcome is Outcome.CANNOT_VERIFY and o.reason]
    if quiet:
        out.append(f"  {t.word('report.quiet')} ({len(quiet)})")
        out.extend(f"    {o.rule_id}: {line}" for o in quiet for line in t.lines(o.reason or ""))
    return out


def _failing(r: ProvinceReport, options: ReportOptions, t: Translator) -> list[str]:
    """``--quiet``: the province's findings that fail the run, under its file and name; nothing if none."""
    out: list[str] = []
    for sev in Severity:
        group = [f for f in r.findings if f.severity is sev]
        if group and sev.at_least(options.fail_on):
            out += ["", f"  {t.word(_COUNT_KEYS[sev])} ({len(group)})", *_findings(group, options.verbose, t)]
    return [f"{r.file}: {r.province}", *out[1:], ""] if out else []


def _report(r: ProvinceReport, options: ReportOptions, t: Translator) -> list[str]:
    fw = r.framework
    out = [f"{r.file}: {r.province}",
           f"  {t.word('word.framework')} {fw.id}: {fw.title_vi} ({fw.document}, {fw.issued})",
           *t.each(lambda t: "  " + t.word("report.evaluated", date=r.evaluated_as_of, note=t.arg(r.evaluation_note),
                                           n=len(r.rules_in_force), m=len(r.rules_not_in_force)))]
    out.append(f"  {t.word('word.rules')}: {_outcome_counts(r, t)}")
    for n in r.notices:
        out.extend(f"  {t.word('report.note')}: {n.location}: {line}" for line in t.lines(n.message))
    if not r.findings:
        out.append(f"  {t.word('report.no-findings')}")
    for sev in Severity:
        group = [f for f in r.findings if f.severity is sev and not r.later_than_design(f)]
        if not group:
            continue
        out.append("")
        out.append(f"  {t.word(_COUNT_KEYS[sev])} ({len(group)})")
        out.extend(_findings(group, options.verbose, t))
    came_later = [f for f in r.findings if r.later_than_design(f)]
    if came_later and r.design_approved is not None:
        # the law that came after the approval is not a fault of the design: said apart, still counted
        out.append("")
        hit = {f.rule_id for f in came_later}
        out.append(f"  {t.word('report.after-approval', d=r.design_approved, n=len(came_later))}: "
                   + ", ".join(f"{rid} ({t.word('report.in-force-from', d=d)})" for rid, d in r.after_approval
                               if rid in hit))
        out.extend(_findings(came_later, options.verbose, t))
    if options.show_passed:
        out.extend(_passed(r, t))
    if r.kpis:
        out.append("")
        out.append(f"  {t.word('report.targets')} ({len(r.kpis)})")
        for k in r.kpis:
            out += t.each(lambda t: f"    {k.rule_id} {k.rule_name}: " + t.word(  # noqa: B023
                "report.target-line", target=t.text(k.target), deadline=k.deadline,  # noqa: B023
                document=t.name(k.document), state=t.phrase(_TARGET_WORDS[k.state])))  # noqa: B023
            out += t.each(lambda t: f"      {t.word('word.model')}: {t.message(k.figure)}")  # noqa: B023
            if k.plan is not None and k.plan_status is not None:
                count = ""
                if k.count_compared:
                    key = {True: "report.count-reaches", False: "report.count-below",
                           None: "report.count-unknown"}[k.count_reaches_plan]
                    count = t.word(key, p=percent(k.count / 100) if k.count is not None else "")
                plan = t.word("report.plan", plan=t.arg(k.plan), status=t.phrase("report.plan-" + k.plan_status))
                out.append(f"      {plan}{count}")
    if r.rules_ended:
        out.append("")
        out.append(f"  {t.word('report.ended', d=r.evaluated_as_of)}: "
                   + "; ".join(f"{rid} ({t.message(why)})" for rid, why in r.rules_ended))
    if r.rules_superseded:
        out.append("")
        out.append(f"  {t.word('report.superseded')}: "
                   + ", ".join(f"{rid} ({t.word('report.by', x=by)})" for rid, by in r.rules_superseded))
    if r.rules_not_in_force:
        later = ", ".join(f"{rid} ({d})" for rid, d in r.rules_not_in_force)
        out.append("")
        out.append(f"  {t.word('report.not-in-force', d=r.evaluated_as_of)}: {later}")
    return out


def _gate(run: ValidationRun, verbose: bool, t: Translator, quiet: Severity | None = None) -> list[str]:
    """The findings a baseline or waivers file set aside, and the findings about the waivers.

    ``quiet``: only the findings about the waivers and baseline at or above this severity.
    """
    gate = run.gate
    if gate is None:
        return []
    out: list[str] = []
    shown = [f for f in gate.findings if quiet is None or f.severity.at_least(quiet)]
    for file in dict.fromkeys(f.location.file if f.location else "-" for f in shown):
        mine = [f for f in shown if (f.location.file if f.location else "-") == file]
        out.append(f"{file}: {t.word('report.the-baseline' if file == gate.baseline_file else 'report.the-waivers')}")
        for sev in Severity:
            group = [f for f in mine if f.severity is sev]
            if group:
                out.append(f"  {t.word(_COUNT_KEYS[sev])} ({len(group)})")
                for f in group:
                    out.extend(_finding(f, t))
        out.append("")
    if quiet is not None:
        return out
    if gate.waived:
        out.append(t.word("report.waived-head", n=len(gate.waived), file=gate.waivers_file))
        for s in gate.waived:
            f, w = s.finding, s.waiver
            if w is None:  # pragma: no cover - waived entries always carry their waiver
                continue
            where = str(f.location) if f.location else "-"
            by = t.phrase("report.approved-by", x=w.approved_by) if w.approved_by else ""
            out.append(f"    {where}  {f.rule_id} {f.rule_name}  [{f.subject}]  {run.reports[s.report].province}")
            out.extend(f"      {line}" for line in t.lines(f.said))
            out.append("      " + t.word("report.waived-until", d=w.expires, by=by, where=w.location, reason=w.reason))
        out.append("")
    if gate.baseline_file is not None:
        out.append(t.word("report.baseline-head", file=gate.baseline_file, n=len(gate.baselined), m=len(gate.fixed)))
        baselined, fixed = t.word("report.baselined"), t.word("gate.fixed")
        width = max(len(baselined), len(fixed))
        for s in gate.baselined if verbose else ():  # a baseline may hold thousands: listed with --verbose
            f = s.finding
            where = str(f.location) if f.location else "-"
            level = t.word(f"severity.{f.severity.value}")
            out.append(f"    {baselined:<{width}} {where}  {f.rule_id} {f.rule_name}  [{f.subject}]  {level}")
        for e in gate.fixed:
            out.append(f"    {fixed:<{width}} {e.file}  {e.rule_id}  [{e.subject}]  {e.province}: {e.message}")
        if gate.fixed:
            out.append(f"    {t.word('report.refresh')}")
        out.append("")
    return out


def summary_line(run: ValidationRun, fail_on: Severity, t: Translator) -> str:
    """``1 province checked: 0 errors, …; failing on error or worse → exit 0`` (the text and compact
    reports' last line)."""
    findings = run.findings()
    counts = join([_count(t, sum(1 for f in findings if f.severity is s), _N_KEYS[s]) for s in Severity])
    unchecked = t.phrase("report.unchecked", files=_count(t, len(run.errors), "file")) if run.errors else ""
    return t.word("report.summary", provinces=_count(t, len(run.reports), "province"), counts=counts,
                  unchecked=unchecked, level=t.phrase(f"severity.{fail_on.value}"), code=run.exit_code(fail_on))


def render_text(run: ValidationRun, options: ReportOptions) -> str:
    """The run as plain text, one block per province, then a summary line."""
    return _render(run, options, translator(options.lang))  # escaped line by line


def _render(run: ValidationRun, options: ReportOptions, t: Translator) -> str:
    """The report's text, each line escaped for a terminal; ``t.missed`` then lists what has no translation."""
    lines: list[str] = []
    for _file, reports, errors in run.in_file_order():
        for r in reports:
            if options.quiet:
                lines.extend(_failing(r, options, t))
                continue
            lines.extend(_report(r, options, t))
            lines.append("")
        for e in errors:  # a file of the batch that could not be checked, in its place
            lines.extend(error_lines(e, t.word("report.file-error", e="")))
            lines.append("")
    lines.extend(_gate(run, options.verbose, t, options.fail_on if options.quiet else None))
    lines += t.each(lambda t: summary_line(run, options.fail_on, t))
    # each line escaped on its own: a newline inside a name cannot start a line (a CI runner's command)
    return "\n".join(for_line(line) for line in lines) + "\n"
