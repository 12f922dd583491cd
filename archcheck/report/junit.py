"""JUnit XML as GitLab and Jenkins read it: a test suite per province, a test case per rule.

A rule in force with no finding is one passing test case. A rule with findings has one test case per
finding (named ``ID name [subject]``): a failure when the finding is at least ``--fail-on`` severe,
skipped when it is "cannot verify", waived or baselined, passing with the finding in
``system-out`` when it is below the threshold. A rule the framework lists that did not bind
(not in force, superseded, ended, not applicable) is one skipped test case saying why. So the
document has exactly one ``<failure>`` per finding that fails the run. Files a batch could not
check are test suites with one ``<error>``; expired and unmatched waivers are test cases of a
suite named after the waivers file. A finding's details give its stable ``message_id`` (archcheck's
catalogue key, as in the JSON and SARIF reports) on the line after its message.
"""

from __future__ import annotations

from archcheck.api import ValidationRun
from archcheck.catalogue import say, word
from archcheck.findings import Finding, Outcome
from archcheck.report._common import Entry, province_entries, relative_path
from archcheck.report.escape import error_lines, for_xml
from archcheck.report.options import ReportOptions
from archcheck.values import record

_NOT_BINDING = frozenset({Outcome.NOT_IN_FORCE, Outcome.SUPERSEDED, Outcome.ENDED, Outcome.NOT_APPLICABLE})
"""The outcomes of a rule that did not bind: a skipped test case, saying the outcome (the catalogue's
``outcome.*`` word, in English as every machine format) and its reason."""


_x = for_xml  # XML 1.0 content and double-quoted attributes


def _lines(lines: list[str]) -> str:
    """Several lines of text content, each escaped on its own (a newline inside a value is encoded)."""
    return "\n".join(_x(line) for line in lines)


@record
class _Case:
    name: str
    classname: str
    file: str | None = None
    line: int | None = None
    kind: str | None = None  # failure, skipped, error, or None (passed)
    message: str = ""
    body: str = ""  # already XML (see _lines)
    out: str = ""  # already XML

    def xml(self) -> str:
        attrs = f'name="{_x(self.name)}" classname="{_x(self.classname)}"'
        if self.file is not None:
            attrs += f' file="{_x(self.file)}"'
        if self.line is not None:
            attrs += f' line="{self.line}"'
        inner = ""
        if self.kind == "skipped":
            inner += f'\n      <skipped message="{_x(self.message)}"/>'
        elif self.kind is not None:
            inner += (f'\n      <{self.kind} message="{_x(self.message)}" type="{self.kind}">'
                      f"{self.body}</{self.kind}>")
        if self.out:
            inner += f"\n      <system-out>{self.out}</system-out>"
        return f"    <testcase {attrs}>{inner}\n    </testcase>" if inner else f"    <testcase {attrs}/>"


def _details(f: Finding, root: str | None) -> str:
    where = f"{relative_path(f.location.file, root)}:{f.location.line}:{f.location.column}" if f.location else "-"
    lines = [f"{where}: {f.rule_id} {f.rule_name} [{f.subject}]", f.text(), f"message_id: {f.message_id}",
             f"title: {f.title_en}",
             f"title (vi): {f.title_vi}", f"source: {f.citation}"]
    if len(f.evidence.chain) > 1:
        lines.append(f"chain: {' → '.join(f.evidence.chain)}")
    if not f.unverifiable:
        lines.append(f"fix: {' '.join(f.remediation.split())}")
    return _lines(lines)


def _finding_case(e: Entry, classname: str, options: ReportOptions) -> _Case:
    f = e.finding
    loc = f.location
    base = _Case(name=f"{f.rule_id} {f.rule_name} [{f.subject}]", classname=classname,
                 file=relative_path(loc.file, options.root) if loc else None, line=loc.line if loc else None)
    details = _details(f, options.root)
    where = f"{base.file}:{base.line}" if loc else "-"
    if e.set_aside is not None and e.set_aside.waiver is not None:
        w = e.set_aside.waiver
        by = f", approved by {w.approved_by}" if w.approved_by else ""
        return _case(base, "skipped", f"waived until {w.expires}{by}: {w.reason}", out=details)
    if e.baselined:
        return _case(base, "skipped", "baselined: accepted by the baseline file", out=details)
    if f.unverifiable:
        return _case(base, "skipped", f"{say(word('outcome', 'cannot-verify'))}: {f.text()}", out=details)
    if f.severity.at_least(options.fail_on):
        return _case(base, "failure", f"{where}: {f.text()} ({f.citation.document})", body=details)
    return _case(base, None, "", out=f"{f.severity.value}: {details}")


def _case(base: _Case, kind: str | None, message: str, *, body: str = "", out: str = "") -> _Case:
    return _Case(base.name, base.classname, base.file, base.line, kind, message, body, out)


def _suite(name: str, cases: list[_Case], file: str | None = None) -> list[str]:
    counts = {k: sum(1 for c in cases if c.kind == k) for k in ("failure", "error", "skipped")}
    attrs = (f'name="{_x(name)}" tests="{len(cases)}" failures="{counts["failure"]}" '
             f'errors="{counts["error"]}" skipped="{counts["skipped"]}"')
    if file is not None:
        attrs += f' file="{_x(file)}"'
    return [f"  <testsuite {attrs}>", *(c.xml() for c in cases), "  </testsuite>"]


def render_junit(run: ValidationRun, options: ReportOptions) -> str:
    """The run as a JUnit XML document."""
    suites: list[tuple[str, list[_Case], str | None]] = []
    for report, entries in province_entries(run):
        classname = report.province
        by_rule: dict[str, list[Entry]] = {}
        for e in entries:
            by_rule.setdefault(e.finding.rule_id, []).append(e)
        cases: list[_Case] = []
        listed = set()
        for o in report.outcomes:
            listed.add(o.rule_id)
            found = by_rule.get(o.rule_id, [])
            rule = run.rules.get(o.rule_id)
            name = f"{o.rule_id} {rule.name}" if rule else o.rule_id
            if o.outcome in _NOT_BINDING:
                said = say(word("outcome", o.outcome.value))
                if o.reason and o.outcome is Outcome.ENDED:
                    why = say(o.reason)  # "ended 2022-08-15 by …": the reason already says the outcome
                else:
                    why = said + (f": {say(o.reason)}" if o.reason else "")
                cases.append(_Case(name, classname, kind="skipped", message=why))
            elif not found:
                cases.append(_Case(name, classname))
            else:
                cases.extend(_finding_case(e, classname, options) for e in found)
        for rid in sorted(set(by_rule) - listed):  # archcheck's own checks (the vocabulary)
            cases.extend(_finding_case(e, classname, options) for e in by_rule[rid])
        file = relative_path(report.file, options.root)
        suites.append((f"{report.province} ({file}, framework {report.framework.id})", cases, file))
    if run.gate is not None and run.gate.findings:
        file = relative_path(run.gate.waivers_file or "waivers", options.root)
        suites.append((f"waivers ({file})",
                       [_finding_case(Entry(f), "waivers", options) for f in run.gate.findings], file))
    for err in run.errors:
        shown = relative_path(err.file, options.root) if err.file else "-"
        where = err.location() or shown
        case = _Case("could not check", shown, file=shown if err.file else None, line=err.line, kind="error",
                     message=f"{where}: {err.message}", body=_lines(error_lines(err)))
        suites.append((shown, [case], shown if err.file else None))
    total = {k: sum(1 for _, cs, _ in suites for c in cs if c.kind == k) for k in ("failure", "error", "skipped")}
    tests = sum(len(cs) for _, cs, _ in suites)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<testsuites name="archcheck" tests="{tests}" failures="{total["failure"]}" '
             f'errors="{total["error"]}" skipped="{total["skipped"]}">']
    for name, cases, suite_file in suites:
        lines.extend(_suite(name, cases, suite_file))
    lines.append("</testsuites>")
    return "\n".join(lines) + "\n"

