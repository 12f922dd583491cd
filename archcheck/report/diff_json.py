"""The JSON form of a diff: a documented, versioned format (``archcheck schema diff``).

Keys never disappear within a diff version; new keys may be added. Everything is sorted; no timestamps.
"""

from __future__ import annotations

from typing import Any

from archcheck import __version__
from archcheck.check.engine import ProvinceReport
from archcheck.compare.frameworks import FrameworkDiff
from archcheck.compare.impact import FrameworkComparison
from archcheck.compare.matching import Change, FindingChange
from archcheck.compare.models import ModelDiff
from archcheck.findings import Citation, Location
from archcheck.law.frameworks import Framework
from archcheck.report.diff_text import DiffResult
from archcheck.report.escape import for_json
from archcheck.report.json_report import finding_dict
from archcheck.report.options import ReportOptions

DIFF_VERSION = 1


def _framework(fw: Framework) -> dict[str, Any]:
    return {"id": fw.id, "title": {"en": fw.title_en, "vi": fw.title_vi}, "document": fw.document,
            "issued": fw.issued.isoformat(), "issued_confidence": fw.issued_confidence.value}


def _citation(c: Citation) -> dict[str, Any]:
    return {"document": c.document, "clause": c.clause, "effective": c.effective,
            "confidence": c.confidence.value}


def _location(loc: Location | None) -> dict[str, Any] | None:
    return None if loc is None else {"file": loc.file, "line": loc.line, "column": loc.column}


def framework_diff_dict(d: FrameworkDiff) -> dict[str, Any]:
    """The framework diff as a JSON object."""
    def kind(k: Any) -> dict[str, Any]:
        return {"id": k.id, "national": k.national, "layer": k.layer, "name": {"en": k.en, "vi": k.vi}}

    def rule(e: Any) -> dict[str, Any]:
        return {"rule_id": e.rule_id, "name": e.name, "title": {"en": e.title_en, "vi": e.title_vi},
                "severity": e.severity.value, "source": _citation(e.citation)}

    return {
        "old": _framework(d.old),
        "new": _framework(d.new),
        "empty": d.empty,
        "kinds_added": [kind(k) for k in d.kinds_added],
        "kinds_removed": [kind(k) for k in d.kinds_removed],
        "kinds_renamed": [{"old_id": r.old_id, "new_id": r.new_id, "national": r.national,
                           "old_name": {"en": r.old_en, "vi": r.old_vi}, "new_name": {"en": r.new_en, "vi": r.new_vi}}
                          for r in d.kinds_renamed],
        "kinds_moved": [{"id": m.id, "national": m.national, "old_layer": m.old_layer, "new_layer": m.new_layer}
                        for m in d.kinds_moved],
        "rules_added": [rule(e) for e in d.rules_added],
        "rules_removed": [rule(e) for e in d.rules_removed],
        "rules_regraded": [{"rule_id": g.rule_id, "name": g.name, "old": g.old.value, "new": g.new.value,
                            "source": _citation(g.citation)} for g in d.rules_regraded],
        "rules_changed": [{"rule_id": c.rule_id, "name": c.name, "source": _citation(c.citation),
                           "aspects": [{"what": w, "old": a, "new": b} for w, a, b in c.aspects]}
                          for c in d.rules_changed],
    }


def _side(r: ProvinceReport | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {"file": r.file, "framework": r.framework.id, "evaluated_as_of": r.evaluated_as_of.isoformat(),
            "evaluation_note": str(r.evaluation_note)}


def _change(c: FindingChange) -> dict[str, Any]:
    return {"change": c.change.value, "cause": c.cause.value, "explanation": c.explanation,
            "fingerprint": c.finding.fingerprint, "rule_id": c.finding.rule_id, "subject": c.finding.subject,
            "severity": c.severity.value, "explained_by": list(c.explained_by),
            "old": finding_dict(c.old) if c.old is not None else None,
            "new": finding_dict(c.new) if c.new is not None else None}


def _summary(changes: list[FindingChange]) -> dict[str, int]:
    return {"new": sum(1 for c in changes if c.change is Change.NEW),
            "fixed": sum(1 for c in changes if c.change is Change.FIXED),
            "severity_changed": sum(1 for c in changes if c.change is Change.SEVERITY),
            "unchanged": sum(1 for c in changes if c.change is Change.UNCHANGED)}


def diff_dict(result: DiffResult, options: ReportOptions) -> dict[str, Any]:
    """The diff as a JSON object following ``diff.schema.json``."""
    doc: dict[str, Any] = {"diff_version": DIFF_VERSION, "tool": {"name": "archcheck", "version": __version__},
                           "fail_on": options.fail_on.value, "exit_code": result.exit_code(options.fail_on)}
    if isinstance(result, FrameworkComparison):
        doc["kind"] = "frameworks"
        doc["as_of_override"] = result.as_of_override.isoformat() if result.as_of_override else None
        doc["summary"] = _summary(result.changes())
        doc["frameworks"] = framework_diff_dict(result.diff)
        doc["impacts"] = [{"file": i.file, "province": i.province, "old": _side(i.old), "new": _side(i.new),
                           "summary": _summary(list(i.changes)), "changes": [_change(c) for c in i.changes]}
                          for i in result.impacts]
    else:
        assert isinstance(result, ModelDiff)
        doc["kind"] = "models"
        doc["old_file"], doc["new_file"] = result.old_file, result.new_file
        doc["framework_override"] = result.framework_override
        doc["as_of_override"] = result.as_of_override.isoformat() if result.as_of_override else None
        doc["summary"] = _summary(result.changes())
        doc["provinces"] = [
            {"province": p.province, "old": _side(p.old), "new": _side(p.new), "summary": _summary(list(p.changes)),
             "structural": [{"what": s.what.value, "subject": s.subject, "detail": s.detail, "old": s.old,
                             "new": s.new, "location": _location(s.location)} for s in p.structural],
             "changes": [_change(c) for c in p.changes]}
            for p in result.provinces]
    return doc


def render_diff_json(result: DiffResult, options: ReportOptions) -> str:
    """The diff as a JSON document (UTF-8 text, Vietnamese kept as is)."""
    return for_json(diff_dict(result, options)) + "\n"
