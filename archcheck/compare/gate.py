"""What a CI gate sets aside: findings a baseline accepts, findings a waiver excuses, and the
findings about the waivers themselves (expired, unmatched).

These are plain values; :mod:`archcheck.compare.baseline` and :mod:`archcheck.compare.waivers`
read the files and :func:`apply` sorts a run's findings into them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from archcheck.catalogue import Message, Text, msg, say
from archcheck.check.engine import ProvinceReport
from archcheck.findings import Citation, Confidence, Evidence, Finding, Location, Severity
from archcheck.values import record, replace

EXPIRED_RULE_ID = "WVR-001"
UNMATCHED_RULE_ID = "WVR-002"
STALE_RULE_ID = "BSL-001"

WAIVER_HORIZON_YEARS = 2
"""A waiver may run at most this many years past the run's date (``--allow-long-waivers`` lifts it)."""


def model_file_key(name: str) -> str:
    """A model file's name as a baseline or waiver records it, so that the same file matches however
    it was named on the command line: relative to the working directory, normalised (no ``.``,
    ``..`` or doubled separators), with ``/`` separators; a file outside the working directory by its
    absolute path; standard input as ``<stdin>``.

    >>> model_file_key("./province_models//../province_models/lamdong.yaml")
    'province_models/lamdong.yaml'
    """
    if name in ("-", "<stdin>"):
        return "<stdin>"
    absolute = os.path.abspath(name)  # noqa: PTH100 - normalises `..` without following links, as resolve() would
    try:
        relative = os.path.relpath(absolute, Path.cwd())
    except ValueError:  # pragma: no cover - another drive (Windows)
        relative = absolute
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        relative = absolute
    return Path(relative).as_posix()


def horizon(today: dt.date) -> dt.date:
    """The last day a waiver may be granted to on ``today``: :data:`WAIVER_HORIZON_YEARS` years on.

    >>> horizon(dt.date(2024, 2, 29))
    datetime.date(2026, 2, 28)
    """
    year = today.year + WAIVER_HORIZON_YEARS
    try:
        return today.replace(year=year)
    except ValueError:  # 29 February, in a year that has none
        return today.replace(year=year, day=28)


@record
class GateRule:
    """What a finding about the waivers or the baseline says, for ``archcheck rules show`` and the finding.

    These are not rule files: no law makes them; the team's own waivers and baseline files do, and
    the options that read them turn them on.
    """

    id: str
    name: str
    title_en: str
    title_vi: str
    severity: Severity
    source: Message
    when: Message
    rationale: Message
    remediation: Message


GATE_RULES: dict[str, GateRule] = {r.id: r for r in (
    GateRule(EXPIRED_RULE_ID, "waiver-expired", "A waiver applies only until its expiry date",
             "Miễn trừ chỉ có hiệu lực đến ngày hết hạn", Severity.ERROR,
             msg("gate.waiver-expired-source"), msg("gate.waiver-expired-when"),
             msg("gate.waiver-expired-rationale"), msg("gate.waiver-expired-fix")),
    GateRule(UNMATCHED_RULE_ID, "waiver-unmatched", "Every waiver matches a finding",
             "Mỗi miễn trừ ứng với một phát hiện", Severity.WARNING,
             msg("gate.waiver-unmatched-source"), msg("gate.waiver-unmatched-when"),
             msg("gate.waiver-unmatched-rationale"), msg("gate.waiver-unmatched-fix")),
    GateRule(STALE_RULE_ID, "baseline-entry-fixed", "A baseline lists only findings that still occur",
             "Đường cơ sở chỉ liệt kê các phát hiện còn tồn tại", Severity.ERROR,
             msg("gate.baseline-entry-fixed-source"), msg("gate.baseline-entry-fixed-when"),
             msg("gate.baseline-entry-fixed-rationale"), msg("gate.baseline-entry-fixed-fix")),
)}
"""The findings a gate (waivers, baseline) can give, by id (their prose: the catalogue's ``gate.*`` keys)."""


def both(m: Message) -> Text:
    """``m`` said in English and Vietnamese, for a finding's field that a rule file would give as text
    (its document, clause, remediation): a :class:`Text`, which behaves as its English."""
    return Text(say(m, "en"), say(m, "vi"))


@record
class Waiver:
    """One entry of a waivers file.

    Attributes:
        rule: the rule it waives, by id or name, as written.
        province: the province name it applies to.
        file: the model file it applies to, as :func:`model_file_key` gives it.
        subject: the one subject (component id) it applies to; None for every subject.
        reason: why the finding is accepted for now (required).
        expires: the last day the waiver applies (required).
        approved_by: who accepted it, if the file says.
        location: where the entry starts in the waivers file.
    """

    rule: str
    province: str
    subject: str | None
    reason: str
    expires: dt.date
    approved_by: str | None
    location: Location
    file: str = ""

    def matches(self, report: ProvinceReport, finding: Finding) -> bool:
        """True if this waiver is about ``finding`` of ``report``'s province in ``report``'s file."""
        return self.about(finding, report.province) and model_file_key(self.file) == model_file_key(report.file)

    def about(self, finding: Finding, province: str) -> bool:
        """True if this waiver's rule, province and subject are ``finding``'s in ``province`` (any file)."""
        return (self.rule in (finding.rule_id, finding.rule_name) and self.province == province
                and (self.subject is None or self.subject == finding.subject))


@record
class BaselineEntry:
    """One finding a baseline file accepts, with enough to name it when it is fixed."""

    fingerprint: str
    rule_id: str
    province: str
    subject: str
    severity: Severity
    message: str
    file: str
    line: int | None
    location: Location | None = None
    """Where the entry is in the baseline file (None for an entry not read from a file)."""


@record
class Baseline:
    """A baseline file: the findings accepted on the day it was written."""

    file: str
    entries: tuple[BaselineEntry, ...]


@record
class SetAside:
    """A finding the gate does not fail on.

    Attributes:
        report: the index, in the run's reports, of the province report it belongs to.
        finding: the finding.
        waiver: the waiver that excuses it; None if a baseline accepts it.
    """

    report: int
    finding: Finding
    waiver: Waiver | None = None


@record
class Gate:
    """What a baseline and a waivers file did to a run.

    Attributes:
        baseline_file: the baseline given, if any.
        waivers_file: the waivers file given, if any.
        baselined: findings the baseline accepts (not counted against the run).
        waived: findings a valid waiver excuses (not counted against the run).
        fixed: baseline entries that no longer occur (the baseline can be refreshed).
        findings: findings about the waivers themselves: expired (error), unmatched (warning).
    """

    baseline_file: str | None = None
    waivers_file: str | None = None
    baselined: tuple[SetAside, ...] = ()
    waived: tuple[SetAside, ...] = ()
    fixed: tuple[BaselineEntry, ...] = ()
    findings: tuple[Finding, ...] = ()


def _waiver_finding(w: Waiver, index: int, rule_id: str, severity: Severity, message: Message, *,
                    today: dt.date) -> Finding:
    expired = rule_id == EXPIRED_RULE_ID
    rule = GATE_RULES[rule_id]
    # The "source" of a finding about a waiver is the waiver itself; it binds from the day after
    # the expiry (expired) or from the run's date (unmatched).
    since = w.expires + dt.timedelta(days=1) if expired else today
    return Finding(
        rule_id=rule_id,
        rule_name=rule.name,
        title_en=rule.title_en,
        title_vi=rule.title_vi,
        severity=severity,
        message=message,
        subject=" ".join(p for p in (w.rule, w.province, w.subject) if p),
        path=("waivers", index),
        location=w.location,
        evidence=Evidence(expected=msg("gate.waiver-scope-subject", rule=w.rule, province=w.province,
                                       subject=w.subject) if w.subject
                          else msg("gate.waiver-scope", rule=w.rule, province=w.province)),
        citation=Citation(document=both(msg("gate.waivers-file", file=w.location.file)),
                          clause=both(msg("gate.entry-at-line-expires", line=w.location.line,
                                          expires=w.expires.isoformat())),
                          effective=since.isoformat(), confidence=Confidence.CONFIRMED, note=w.reason),
        remediation=both(rule.remediation),
        unverifiable=False,
    )


def _stale_finding(e: BaselineEntry, index: int, baseline_file: str, today: dt.date) -> Finding:
    line = e.location.line if e.location else None
    rule = GATE_RULES[STALE_RULE_ID]
    return Finding(
        rule_id=rule.id, rule_name=rule.name, title_en=rule.title_en, title_vi=rule.title_vi,
        severity=rule.severity,
        message=msg("gate.baseline-entry-fixed", rule=e.rule_id, subject=e.subject, province=e.province,
                    message=e.message),
        subject=" ".join((e.rule_id, e.province, e.subject)), path=("entries", index), location=e.location,
        evidence=Evidence(expected=msg("gate.every-entry-occurs"), actual=msg("gate.fixed")),
        citation=Citation(document=both(msg("gate.baseline-file", file=baseline_file)),
                          clause=both(msg("gate.entry-at-line", line=line)) if line else None,
                          effective=today.isoformat(), confidence=Confidence.CONFIRMED),
        remediation=both(rule.remediation),
        unverifiable=False,
    )


def apply(reports: Sequence[ProvinceReport], *, baseline: Baseline | None = None,
          waivers: Sequence[Waiver] = (), waivers_file: str | None = None,
          today: dt.date, strict_baseline: bool = False,
          files: Iterable[str] = ()) -> tuple[tuple[ProvinceReport, ...], Gate]:
    """Set aside the findings a baseline accepts or a waiver excuses.

    Baseline entries and waivers are scoped to a model file (:func:`model_file_key`): an entry
    accepts, and a waiver excuses, only findings of the file it names, whatever the province is
    called (a submitter chooses the province name; the file is where the model is). Entries and
    waivers of files not checked in this run (``files``, and the reports' files) are left alone:
    neither fixed, stale, expired nor unmatched, so that a run over some of a repository's models
    can use the repository's baseline and waivers.

    With ``strict_baseline``, each baseline entry that no longer occurs is also an error finding
    (BSL-001) at its line in the baseline file, so a stale baseline fails the run.

    A waiver applies up to and including its ``expires`` day; after it, the waiver waives nothing
    and is itself an error finding located at its entry. A waiver matching no finding is a warning.
    A finding both waived and baselined counts as waived (the waiver says why).

    Returns:
        The reports without the set-aside findings, and what was set aside.
    """
    in_run = {model_file_key(f) for f in {*files, *(r.file for r in reports)}}
    keys = {f: model_file_key(f) for f in {*in_run, *(r.file for r in reports), *(w.file for w in waivers),
                                           *(e.file for e in (baseline.entries if baseline else ()))}}
    entries = [(i, e) for i, e in enumerate(baseline.entries) if keys[e.file] in in_run] if baseline else []
    remaining = Counter((keys[e.file], e.fingerprint) for _, e in entries)
    used: set[int] = set()
    gate_findings: list[Finding] = []
    live = []
    for i, w in enumerate(waivers):
        if keys[w.file] not in in_run:
            continue
        if w.expires < today:
            gate_findings.append(_waiver_finding(
                w, i, EXPIRED_RULE_ID, Severity.ERROR,
                msg("gate.waiver-expired", rule=w.rule, province=w.province, expires=w.expires.isoformat(),
                    reason=w.reason),
                today=today))
        else:
            live.append((i, w))
    baselined: list[SetAside] = []
    waived: list[SetAside] = []
    out: list[ProvinceReport] = []
    for index, report in enumerate(reports):
        kept: list[Finding] = []
        file = keys[report.file]
        for f in report.findings:
            matching = [(i, w) for i, w in live if keys[w.file] == file and w.about(f, report.province)]
            if matching:  # the first waiver in the file excuses it; the others still count as matched
                used.update(i for i, _ in matching)
                waived.append(SetAside(index, f, matching[0][1]))
                continue
            if remaining[file, f.fingerprint] > 0:
                remaining[file, f.fingerprint] -= 1
                baselined.append(SetAside(index, f))
            else:
                kept.append(f)
        out.append(replace(report, findings=tuple(kept)) if len(kept) != len(report.findings) else report)
    for i, w in live:
        if i not in used:
            gate_findings.append(_waiver_finding(
                w, i, UNMATCHED_RULE_ID, Severity.WARNING,
                msg("gate.waiver-unmatched-subject", rule=w.rule, province=w.province, subject=w.subject)
                if w.subject else msg("gate.waiver-unmatched", rule=w.rule, province=w.province),
                today=today))
    fixed: list[BaselineEntry] = []
    if baseline is not None:
        for i, e in entries:
            if remaining[keys[e.file], e.fingerprint] > 0:
                remaining[keys[e.file], e.fingerprint] -= 1
                fixed.append(e)
                if strict_baseline:
                    gate_findings.append(_stale_finding(e, i, baseline.file, today))
    gate = Gate(baseline_file=baseline.file if baseline else None, waivers_file=waivers_file,
                baselined=tuple(baselined), waived=tuple(waived), fixed=tuple(fixed),
                findings=tuple(sorted(gate_findings, key=lambda f: (f.location.line if f.location else 0,
                                                                      f.rule_id))))
    return tuple(out), gate
