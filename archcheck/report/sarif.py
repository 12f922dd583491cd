"""SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one run, every rule that ran described in
``tool.driver.rules``, one result per finding.

Mapping: error → ``error``, warning → ``warning``, info and "cannot verify" → ``note`` (with the
property ``cannotVerify``). ``partialFingerprints`` carries archcheck's line-independent fingerprint,
so an alert survives reformatting the model. A reachability finding whose chain runs through the
model gets a code flow, one step per node, each located where the node is declared. A waived finding
carries an accepted external suppression with the waiver's reason; a baselined one has
``baselineState: unchanged`` (new ones ``new``). Files a batch could not check become tool execution
notifications. Paths are relative to ``--sarif-root`` (ReportOptions.root) or as given.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from archcheck import __version__
from archcheck.api import ValidationRun
from archcheck.findings import Finding, Location, Severity, format_path
from archcheck.report._common import REPOSITORY_URL, Entry, province_entries, relative_path, rule_help_uri
from archcheck.report.escape import for_json
from archcheck.report.options import ReportOptions

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "archcheckFingerprint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str, root: str | None) -> str:
    """A relative URI reference for a file under the root; a ``file:`` URI for one outside it.

    >>> artifact_uri("province_models/lâm đồng.yaml", None)
    'province_models/l%C3%A2m%20%C4%91%E1%BB%93ng.yaml'
    """
    path = relative_path(file, root)
    return f"file://{quote(path, safe='/:')}" if path.startswith("/") else quote(path, safe="/")


def _physical(loc: Location, root: str | None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": loc.line, "startColumn": loc.column}
    if loc.sheet is not None:  # a workbook cell: row and column as Excel numbers them, and the cell's name
        region["properties"] = {"sheet": loc.sheet, "cell": loc.cell}
    return {"artifactLocation": {"uri": artifact_uri(loc.file, root)}, "region": region}


def _rule_descriptors(run: ValidationRun, entries: list[tuple[Any, list[Entry]]]) -> list[dict[str, Any]]:
    """Every rule that ran (in force in some province), and every rule a finding names, by id."""
    severity: dict[str, Severity] = {}
    for r in run.reports:
        for o in r.outcomes:
            severity.setdefault(o.rule_id, o.severity)
    ran = {rid for r in run.reports for rid in r.rules_in_force}
    samples: dict[str, Finding] = {}
    for _, es in entries:
        for e in es:
            samples.setdefault(e.finding.rule_id, e.finding)
    for f in run.gate.findings if run.gate else ():
        samples.setdefault(f.rule_id, f)
    out = []
    for rid in sorted(ran | set(samples)):
        rule = run.rules.get(rid)
        if rule is not None:
            level = severity.get(rid, rule.default_severity)
            d: dict[str, Any] = {
                "id": rid, "name": rule.name,
                "shortDescription": {"text": rule.title_en},
                "fullDescription": {"text": " ".join(rule.rationale.split())},
                "help": {"text": " ".join(rule.remediation.split())},
                "helpUri": rule_help_uri(rid, rule.name),
                "defaultConfiguration": {"level": _LEVEL[level]},
                "properties": {"title_vi": rule.title_vi, "source": _citation(rule.citation),
                               "tags": list(rule.tags)},
            }
        else:  # archcheck's own checks (vocabulary, waivers): described from their finding
            f = samples[rid]
            d = {"id": rid, "name": f.rule_name, "shortDescription": {"text": f.title_en},
                 "fullDescription": {"text": f.title_en}, "help": {"text": f.remediation},
                 "defaultConfiguration": {"level": _LEVEL[f.severity]},
                 "properties": {"title_vi": f.title_vi}}
        out.append(d)
    return out


def _citation(c: Any) -> dict[str, Any]:
    return {"document": c.document, "clause": c.clause, "effective": c.effective,
            "confidence": c.confidence.value, "text": str(c)}


def _code_flow(f: Finding, root: str | None) -> list[dict[str, Any]]:
    chain, where = f.evidence.chain, f.chain_locations
    if len(chain) < 2 or len(where) != len(chain):
        return []
    steps = []
    for i, (node, loc) in enumerate(zip(chain, where, strict=True)):
        text = node
        if i == len(chain) - 1 and f.evidence.broken_at == node:
            text = f"{node}: the chain stops here"
        steps.append({"location": {"physicalLocation": _physical(loc, root), "message": {"text": text}},
                      "executionOrder": i + 1})
    stop = f"; stops at {f.evidence.broken_at}" if f.evidence.broken_at else ""
    return [{"message": {"text": " → ".join(chain) + stop}, "threadFlows": [{"locations": steps}]}]


def _result(e: Entry, province: str | None, index: dict[str, int], root: str | None,
            with_baseline: bool) -> dict[str, Any]:
    f = e.finding
    props: dict[str, Any] = {"province": province, "messageId": f.message_id, "subject": f.subject,
                             "path": format_path(f.path),
                             "severity": f.severity.value, "citation": _citation(f.citation)}
    if province is None:
        del props["province"]
    if f.unverifiable:
        props["cannotVerify"] = True
    if e.baselined:
        props["baselined"] = True
    res: dict[str, Any] = {
        "ruleId": f.rule_id, "ruleIndex": index[f.rule_id], "level": _LEVEL[f.severity],
        "message": {"text": f.text()},
    }
    if f.location is not None:
        res["locations"] = [{"physicalLocation": _physical(f.location, root)}]
    res["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    flow = _code_flow(f, root)
    if flow:
        res["codeFlows"] = flow
    if with_baseline:
        res["baselineState"] = "unchanged" if e.baselined else "new"
    if e.set_aside is not None and e.set_aside.waiver is not None:
        w = e.set_aside.waiver
        sup: dict[str, Any] = {"kind": "external", "status": "accepted", "justification": w.reason,
                               "location": {"physicalLocation": _physical(w.location, root)},
                               "properties": {"expires": w.expires.isoformat()}}
        if w.approved_by:
            sup["properties"]["approvedBy"] = w.approved_by
        res["suppressions"] = [sup]
    res["properties"] = props
    return res


def render_sarif(run: ValidationRun, options: ReportOptions) -> str:
    """The run as one SARIF 2.1.0 log (UTF-8 JSON, Vietnamese kept as is)."""
    root = options.root
    entries = province_entries(run)
    rules = _rule_descriptors(run, entries)
    index = {d["id"]: i for i, d in enumerate(rules)}
    with_baseline = run.gate is not None and run.gate.baseline_file is not None
    results = [_result(e, r.province, index, root, with_baseline) for r, es in entries for e in es]
    gate = run.gate
    if gate is not None:
        results.extend(_result(Entry(f), None, index, root, with_baseline) for f in gate.findings)
    notifications = []
    for err in run.errors:
        n: dict[str, Any] = {"level": "error", "message": {"text": err.message + (f" ({err.hint})" if err.hint
                                                                                 else "")}}
        if err.file is not None:
            region = {"startLine": err.line or 1, "startColumn": err.column or 1}
            n["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(err.file, root)}, "region": region}}]
        notifications.append(n)
    invocation: dict[str, Any] = {"executionSuccessful": not run.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    props: dict[str, Any] = {"exitCode": run.exit_code(options.fail_on), "failOn": options.fail_on.value}
    if gate is not None:
        props["baselined"] = len(gate.baselined)
        props["waived"] = len(gate.waived)
        if gate.baseline_file is not None:
            props["fixedBaselineEntries"] = [
                {"fingerprint": x.fingerprint, "ruleId": x.rule_id, "province": x.province, "subject": x.subject,
                 "message": x.message} for x in gate.fixed]
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "archcheck", "version": __version__, "semanticVersion": __version__,
                                "informationUri": REPOSITORY_URL, "rules": rules}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": props,
        }],
    }
    return for_json(doc) + "\n"
