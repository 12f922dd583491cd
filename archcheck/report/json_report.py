"""The JSON report: a documented, versioned format (``archcheck schema report``).

Later reporters (SARIF, JUnit, HTML) are built from the same data. Keys never disappear within a
report version; new keys may be added. Everything is sorted; no timestamps.
"""

from __future__ import annotations

from typing import Any

from archcheck import __version__
from archcheck.api import ValidationRun
from archcheck.check.engine import ProvinceReport
from archcheck.compare.gate import Waiver
from archcheck.errors import ArchcheckError
from archcheck.findings import Evidence, Finding, Location, Severity, format_path
from archcheck.report.escape import for_json
from archcheck.report.options import ReportOptions

REPORT_VERSION = 1


def _location(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    out: dict[str, Any] = {"file": loc.file, "line": loc.line, "column": loc.column}
    if loc.sheet is not None:  # a workbook: the sheet, the cell, the row as Excel numbers it
        out.update(sheet=loc.sheet, cell=loc.cell, row=loc.line)
    return out


def _evidence(e: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if e.chain:
        out["chain"] = list(e.chain)
    if e.broken_at is not None:
        out["broken_at"] = e.broken_at
    if e.edge is not None:
        out["edge"] = {"from": e.edge.source, "to": e.edge.target, "kind": e.edge.kind,
                       "path": format_path(e.edge.path) if e.edge.path else None}
    if e.expected is not None:
        out["expected"] = str(e.expected)
    if e.actual is not None:
        out["actual"] = str(e.actual)
    if e.candidates:
        out["candidates"] = list(e.candidates)
    return out


def finding_dict(f: Finding) -> dict[str, Any]:
    """One finding as a JSON object."""
    c = f.citation
    return {
        "rule_id": f.rule_id,
        "rule_name": f.rule_name,
        "severity": f.severity.value,
        "title": {"en": f.title_en, "vi": f.title_vi},
        "message": f.text(),
        "message_id": f.message_id,
        "partial": f.partial,
        "unconfirmed": f.unconfirmed,
        "subject": f.subject,
        "path": format_path(f.path),
        "location": _location(f.location),
        "unverifiable": f.unverifiable,
        "evidence": _evidence(f.evidence),
        "source": {"document": c.document, "clause": c.clause, "effective": c.effective,
                   "confidence": c.confidence.value, "note": c.note},
        "remediation": f.remediation,
        "provenance": [{"document": p.document, "locator": p.locator, "quote": p.quote} for p in f.provenance],
        "fingerprint": f.fingerprint,
    }


def error_dict(e: ArchcheckError) -> dict[str, Any]:
    """A file that could not be checked, as a JSON object."""
    out: dict[str, Any] = {"file": e.file, "line": e.line, "column": e.column, "message": e.message, "hint": e.hint}
    if e.sheet is not None:  # a workbook (a Mẫu 03 data set)
        out.update(sheet=e.sheet, cell=e.cell)
    return out


def _summary(findings: list[Finding]) -> dict[str, int]:
    return {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}


def report_dict(r: ProvinceReport) -> dict[str, Any]:
    """One province's report as a JSON object."""
    fw = r.framework
    return {
        "file": r.file,
        "province": r.province,
        "location": _location(r.location),
        "framework": {"id": fw.id, "title": {"en": fw.title_en, "vi": fw.title_vi},
                      "document": fw.document, "issued": fw.issued.isoformat()},
        "evaluated_as_of": r.evaluated_as_of.isoformat(),
        "evaluation_note": str(r.evaluation_note),
        "rules_in_force": list(r.rules_in_force),
        "rules_not_in_force": [{"rule_id": rid, "effective": d.isoformat()} for rid, d in r.rules_not_in_force],
        "rules_superseded": [{"rule_id": rid, "by": by} for rid, by in r.rules_superseded],
        "rules_ended": [{"rule_id": rid, "reason": str(why)} for rid, why in r.rules_ended],
        "kpis": [{"rule_id": k.rule_id, "rule_name": k.rule_name, "title": {"en": k.title_en, "vi": k.title_vi},
                  "document": str(k.document), "target": k.target, "deadline": k.deadline, "figure": str(k.figure),
                  "status": k.status.value, "due": k.due, "state": k.state.value,
                  "plan": None if k.plan is None else {
                      "target": str(k.plan), "status": str(k.plan_status),
                      "count_percent": k.count, "count_reaches_plan": k.count_reaches_plan}}
                 for k in r.kpis],
        "notices": [{"location": _location(n.location), "message": n.message} for n in r.notices],
        "design_approved": r.design_approved.isoformat() if r.design_approved else None,
        "after_design_approval": [{"rule_id": rid, "effective": d.isoformat()} for rid, d in r.after_approval],
        "summary": _summary(list(r.findings)),
        "outcomes": [{"rule_id": o.rule_id, "outcome": o.outcome.value, "severity": o.severity.value,
                      "reason": None if o.reason is None else str(o.reason)} for o in r.outcomes],
        "findings": [finding_dict(f) for f in r.findings],
    }


def render_json(run: ValidationRun, options: ReportOptions) -> str:
    """The whole run as a JSON document (UTF-8 text, Vietnamese kept as is)."""
    fail_on = options.fail_on
    doc: dict[str, Any] = {
        "report_version": REPORT_VERSION,
        "tool": {"name": "archcheck", "version": __version__},
        "framework_override": run.framework_override,
        "as_of_override": run.as_of_override.isoformat() if run.as_of_override else None,
        "fail_on": fail_on.value,
        "exit_code": run.exit_code(fail_on),
        "summary": {"provinces": len(run.reports), **_summary(run.findings())},
        "reports": [report_dict(r) for r in run.reports],
        "errors": [error_dict(e) for e in run.errors],
    }
    gate = run.gate
    if gate is not None:
        doc["gate"] = {
            "baseline_file": gate.baseline_file,
            "waivers_file": gate.waivers_file,
            "baselined": [{"province": run.reports[s.report].province, "finding": finding_dict(s.finding)}
                          for s in gate.baselined],
            "waived": [{"province": run.reports[s.report].province, "finding": finding_dict(s.finding),
                        "waiver": _waiver(s.waiver)} for s in gate.waived if s.waiver is not None],
            "fixed": [{"fingerprint": e.fingerprint, "rule_id": e.rule_id, "province": e.province,
                       "subject": e.subject, "severity": e.severity.value, "message": e.message, "file": e.file,
                       "line": e.line} for e in gate.fixed],
            "findings": [finding_dict(f) for f in gate.findings],
        }
    return for_json(doc) + "\n"


def _waiver(w: Waiver) -> dict[str, Any]:
    return {"rule": w.rule, "province": w.province, "subject": w.subject, "reason": w.reason,
            "expires": w.expires.isoformat(), "approved_by": w.approved_by, "location": _location(w.location)}
