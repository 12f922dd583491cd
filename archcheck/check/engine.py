"""Runs a framework's rules over a province and stamps each violation into a finding.

The engine owns three decisions: which rules apply (framework + effective dates), at which
severity (framework grade, capped for unconfirmed sources and exceptions, info for "cannot
verify"), and where a finding points (model path → file:line:column).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from archcheck.catalogue import Message, msg, word
from archcheck.check.binding import BoundRule, RuleSet
from archcheck.check.design import designed, scope
from archcheck.check.graph import MAX_CHAIN, ChainTooLong, build_graph
from archcheck.check.identity import SubjectKeys, about, subject_keys
from archcheck.check.kinds import CheckContext, Result, Verdict, compiled
from archcheck.check.kpi import kpi
from archcheck.errors import InputError, SchemaError
from archcheck.findings import (
    Confidence,
    Finding,
    Kpi,
    Location,
    ModelPath,
    Outcome,
    RuleOutcome,
    Severity,
    Violation,
    format_path,
)
from archcheck.law.frameworks import Framework, all_frameworks, available, get_framework
from archcheck.law.provinces import check_name
from archcheck.law.rules import Rule
from archcheck.model import DateBasis, Evaluation, Outline, Province
from archcheck.read.document import Notice, SourceMap
from archcheck.read.loading import ModelFile
from archcheck.read.validation import schema_error, suggest, suggest_typo
from archcheck.stages import stage
from archcheck.values import record, replace


def evaluation_for(province: Province, framework: Framework, as_of: dt.date | None, *,
                   design: bool = False) -> Evaluation:
    """THE evaluation date of a province's run and its basis (made once per province, here).

    An explicit ``--as-of`` is honoured as given. Without it the model's ``as_of`` (in the design view,
    the designed province's date: the end of the checked design), unless the framework was issued
    later: then the framework's issue date ("what would 2.0 require of my 2018 architecture").
    """
    if as_of is not None:
        return Evaluation(as_of, DateBasis.GIVEN, province.as_of)
    date = province.as_of
    if framework.issued > date:
        return Evaluation(framework.issued, DateBasis.FRAMEWORK, date)
    return Evaluation(date, DateBasis.DESIGN if design else DateBasis.MODEL, date)


@record
class ProvinceReport:
    """The outcome of checking one province against one framework."""

    file: str
    province: str
    location: Location
    framework: Framework
    evaluation: Evaluation
    """THE evaluation date and its basis: every rule, coverage figure and KPI of the run used this date."""
    findings: tuple[Finding, ...]
    rules_in_force: tuple[str, ...]
    rules_not_in_force: tuple[tuple[str, dt.date], ...]
    notices: tuple[Notice, ...]
    rules_superseded: tuple[tuple[str, str], ...] = ()
    outcomes: tuple[RuleOutcome, ...] = ()
    rules_ended: tuple[tuple[str, Message], ...] = ()
    """Rules whose obligation ended before the evaluation date, with the reason."""
    kpis: tuple[Kpi, ...] = ()
    """Policy targets in force: target, deadline, the model's figure; never findings."""
    """Every rule the framework lists, in rule order, with what it came to on the evaluation date."""
    outline: Outline | None = None
    """The province's components and connections, for drawings; only when the run asked for it."""
    design_approved: dt.date | None = None
    """Design view: the day the design was approved, where the model states it."""
    after_approval: tuple[tuple[str, dt.date], ...] = ()
    """Design view: rules in force whose obligation began after the design was approved, with that date;
    their findings are the law that came after the design, reported apart from the design's own."""

    @property
    def evaluated_as_of(self) -> dt.date:
        """The evaluation date (``evaluation.date``)."""
        return self.evaluation.date

    @property
    def evaluation_note(self) -> Message:
        """Why that date (``evaluation.note``): the JSON reports carry its English."""
        return self.evaluation.note

    def later_than_design(self, f: Finding) -> bool:
        """The finding is of an obligation that came after the design was approved."""
        return any(rid == f.rule_id for rid, _ in self.after_approval)

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity is severity)


def check_vocabulary(province: Province, framework: Framework, sourcemap: SourceMap,
                     all_kinds: Iterable[str]) -> None:
    """Refuse the component kinds that no framework knows (typos, or aliases written for the id), all at once.

    A kind that only another version knows is not an input error: rule VOC-001 (check kind
    ``vocabulary``) reports it as info. A kind written as one of a kind's aliases (``lgsp``, ``QLVB``,
    ``one-stop``, ``IOC``) is answered with the id to write; a near-typo with the nearest id.

    Raises:
        SchemaError: the component kinds that are in no framework's vocabulary, each at its line.
    """
    known_anywhere = set(all_kinds)
    issues: list[tuple[Location, str]] = []
    for comp in province.components:
        if comp.kind in known_anywhere or comp.kind in framework.kinds:
            continue
        side = "national" if comp.national else "component"
        loc = sourcemap.locate((*comp.path, "kind"))
        issues.append((loc, f"unknown {side} kind {comp.kind!r}{_answer(comp.kind, framework, comp.national)}"))
    if not issues:
        return
    first = issues[0][0]
    err = SchemaError(
        issues[0][1] if len(issues) == 1 else f"{len(issues)} unknown kinds in this model",
        file=first.file, line=first.line, column=first.column, sheet=first.sheet, cell=first.cell,
        hint=f"`archcheck kinds --search WORD` finds a kind by its English or Vietnamese name; "
             f"`archcheck kinds --framework {framework.id}` lists them all",
    )
    err.issues = tuple(f"{loc}: {said}" for loc, said in issues)
    if len(issues) > 1:
        err.message += ":\n  " + "\n  ".join(err.issues)
    raise err


def _answer(kind: str, framework: Framework, national: bool) -> str:
    """What to write instead of an unknown kind: the kind an alias names, a near-typo's kind, or nothing."""
    alias = alias_of(kind, framework, national=national)
    if alias:
        return f"; `{kind}` is an alias of `{alias}`: write `kind: {alias}`"
    return suggest_typo(kind, [k for k, v in framework.kinds.items() if v.national == national])


def with_unknown_kinds(err: SchemaError, sets: Mapping[str, RuleSet], framework: str | None) -> SchemaError:
    """``err`` (a model that failed its schema) with the unknown kinds of the file added, so that a first
    model's misspelt keys and kinds come in one run; ``err`` itself if there are none or it cannot say.

    The schema error carries the document it was raised on (archcheck.read.loading); it is dropped here,
    so the error crosses a process boundary without it.
    """
    doc = err.__dict__.pop("document", None)
    if doc is None or not isinstance(doc.data, dict) or not sets:
        return err
    data: dict[str, object] = doc.data
    many = data.get("provinces")
    raw: list[tuple[ModelPath, object]] = [(("province",), data.get("province"))] if "province" in data else \
        [(("provinces", i), p) for i, p in enumerate(many if isinstance(many, list) else [])]
    known = {k for rs in sets.values() for k in rs.vocabulary}
    added: list[tuple[Location, str]] = []
    for path, province in raw:
        if not isinstance(province, dict):
            continue
        declared = province.get("framework")
        version = framework or (declared if isinstance(declared, str) and declared in sets else None) or [*sets][-1]
        fw = sets[version].framework
        for key, side, national in (("components", "component", False), ("national", "national", True)):
            items = province.get(key)
            for i, item in enumerate(items if isinstance(items, list) else []):
                kind = item.get("kind") if isinstance(item, dict) else None
                if isinstance(kind, str) and kind and kind not in known and kind not in fw.kinds:
                    loc = doc.sourcemap.locate((*path, key, i, "kind"))
                    added.append((loc, f"unknown {side} kind {kind!r}{_answer(kind, fw, national)}"))
    if not added:
        return err
    located = [(loc, msg) for loc, msg in err.located if isinstance(loc, Location)] or \
        [(Location(err.file or doc.sourcemap.file, err.line or 1, err.column or 1), err.message)]
    merged = schema_error([*located, *added], "model", err.file or doc.sourcemap.file)
    kinds = "`archcheck kinds --search WORD` finds a kind by its English or Vietnamese name or alias"
    merged.hint = f"{err.hint}; {kinds}" if err.hint else kinds
    return merged


def _fold(text: str) -> str:
    """``text`` for comparing with an alias: case, Vietnamese diacritics, spaces, hyphens and ``&`` folded."""
    from archcheck.read.words import fold  # noqa: PLC0415 - only on the error path

    return fold(text).replace(" ", "")


def alias_of(word: str, framework: Framework, *, national: bool) -> str | None:
    """The kind whose id or alias ``word`` is, written another way (``lgsp`` → ``integration-platform``), if one."""
    folded = _fold(word)
    for kind, info in framework.kinds.items():
        if info.national == national and folded in {_fold(kind), *map(_fold, info.aliases)}:
            return kind
    return None


def run_province(province: Province, ruleset: RuleSet, sourcemap: SourceMap, *,
                 as_of: dt.date | None = None, all_kinds: Iterable[str] = (),
                 notices: tuple[Notice, ...] = (), design: bool = False, outline: bool = False,
                 evaluation: Evaluation | None = None) -> ProvinceReport:
    """Check one province against a bound framework (``design``: as designed; ``outline``: with its outline)
    at ``evaluation`` (default: :func:`evaluation_for` the province, the framework and ``as_of``)."""
    fw = ruleset.framework
    evaluation = evaluation or evaluation_for(province, fw, as_of, design=design)
    date = evaluation.date
    keys = subject_keys(province)
    check_vocabulary(province, fw, sourcemap, all_kinds or fw.kinds)
    findings: list[Finding] = []
    with stage("graph"):
        ctx = CheckContext(province, build_graph(province), vocabulary=_vocabulary(fw), framework=fw.id,
                           kind_map=fw.kind_map, design=design, date=date)
    with stage("rules"):
        try:
            outcome = _run_rules(ruleset, ctx, date, sourcemap, keys)
        except ChainTooLong as exc:
            raise _chain_too_long(exc, province, sourcemap) from None
    findings.extend(outcome.findings)
    approved = province.design.approved if design and province.design is not None else None
    later = tuple((b.rule.id, b.rule.effective) for b in ruleset.rules
                  if approved is not None and b.rule.id in outcome.in_force and b.rule.effective > approved)
    return ProvinceReport(
        file=sourcemap.file, province=province.name, location=sourcemap.locate(province.path),
        framework=fw, evaluation=evaluation,
        findings=tuple(sorted(findings, key=Finding.sort_key)), rules_in_force=outcome.in_force,
        rules_not_in_force=outcome.not_in_force, notices=notices, rules_superseded=outcome.superseded,
        outcomes=outcome.outcomes, rules_ended=outcome.ended, kpis=outcome.kpis,
        outline=Outline.of(province) if outline else None, design_approved=approved, after_approval=later,
    )


@record
class _Outcome:
    findings: tuple[Finding, ...]
    in_force: tuple[str, ...]
    not_in_force: tuple[tuple[str, dt.date], ...]
    superseded: tuple[tuple[str, str], ...]
    outcomes: tuple[RuleOutcome, ...]
    ended: tuple[tuple[str, Message], ...]
    kpis: tuple[Kpi, ...]


def _rule_outcome(rule_id: str, severity: Severity, found: list[Finding], result: Result | None = None,
                  partial: bool = False) -> RuleOutcome:
    """Not applicable when the check found nothing to check (in a partial model, when that rests on
    what the model omits: cannot verify); passed with no finding; cannot verify when every finding
    is "cannot verify"; else failed."""
    if result is not None and result.verdict is Verdict.NOT_APPLICABLE and not found:
        if partial and result.from_absence:
            return RuleOutcome(rule_id, Outcome.CANNOT_VERIFY, severity,
                               msg("rule.partial-silent", m=result.reason or ""))
        return RuleOutcome(rule_id, Outcome.NOT_APPLICABLE, severity, result.reason)
    if not found:
        return RuleOutcome(rule_id, Outcome.PASSED, severity)
    if all(f.unverifiable for f in found):
        return RuleOutcome(rule_id, Outcome.CANNOT_VERIFY, severity)
    return RuleOutcome(rule_id, Outcome.FAILED, severity)


def _applied(ruleset: RuleSet, province: Province) -> tuple[BoundRule, ...]:
    """The framework's rules, and for a province read from a Mẫu 03 data set its own rules too, by id."""
    if province.dataset is None:
        return ruleset.rules
    return tuple(sorted((*ruleset.rules, *ruleset.dataset_rules), key=lambda b: b.rule.id))


def _run_rules(ruleset: RuleSet, ctx: CheckContext, date: dt.date, sourcemap: SourceMap,
               keys: SubjectKeys) -> _Outcome:
    """Run every rule in force at ``date``; a rule that raises becomes an internal finding."""
    province = ctx.province
    applied = {b.rule.id: b.rule for b in ruleset.rules}
    findings: list[Finding] = []
    in_force: list[str] = []
    not_in_force: list[tuple[str, dt.date]] = []
    superseded: list[tuple[str, str]] = []
    outcomes: list[RuleOutcome] = []
    ended: list[tuple[str, Message]] = []
    kpis: list[Kpi] = []
    for bound in _applied(ruleset, province):
        rule = bound.rule
        if rule.effective > date:
            not_in_force.append((rule.id, rule.effective))
            outcomes.append(RuleOutcome(rule.id, Outcome.NOT_IN_FORCE, bound.severity,
                                        msg("rule.in-force-from", date=rule.effective.isoformat())))
            continue
        if rule.until is not None and rule.until <= date:
            reason = rule.ended_reason()
            ended.append((rule.id, reason))
            outcomes.append(RuleOutcome(rule.id, Outcome.ENDED, bound.severity, reason))
            continue
        successor = _successor_in_force(rule, applied, date)
        if successor is not None:
            superseded.append((rule.id, successor.id))
            outcomes.append(RuleOutcome(rule.id, Outcome.SUPERSEDED, bound.severity,
                                        msg("rule.superseded-by", rule=successor.id)))
            continue
        in_force.append(rule.id)
        violations: list[Violation] = []
        result: Result | None = None
        try:
            result = compiled(rule).evaluate(ctx)
        except ChainTooLong:
            raise  # a limit of the model, not a broken rule: run_province refuses the model
        except Exception as exc:  # a broken rule must not hide the others' findings
            internal = Violation("province", province.path,
                                 msg("finding.internal-error", error=f"{type(exc).__name__}: {exc}"))
            stamped = [_stamp(rule, Severity.ERROR, internal, sourcemap, province=province, keys=keys)]
        else:
            violations = list(result.violations)
            stamped = [_stamp(rule, bound.severity, v, sourcemap, province=province, keys=keys)
                       for v in violations]
        if rule.target is not None and result is not None:  # (None: the rule broke)
            # a policy target is a KPI in its own section, never a structural finding
            vacuous = result is not None and result.verdict is Verdict.NOT_APPLICABLE
            measured = kpi(rule, ctx, violations, date > rule.target.deadline, vacuous=vacuous)
            kpis.append(measured)
            why = _target_reason(rule, measured, result.reason if vacuous else None)
            outcomes.append(RuleOutcome(rule.id, Outcome.TARGET, bound.severity, why))
            continue
        findings.extend(stamped)
        outcomes.append(_rule_outcome(rule.id, bound.severity, stamped, result, province.partial))
    return _Outcome(tuple(findings), tuple(in_force), tuple(not_in_force), tuple(superseded), tuple(outcomes),
                    tuple(ended), tuple(kpis))


def _target_reason(rule: Rule, measured: Kpi, why: Message | None) -> Message:
    """A target rule's outcome: ``target: VALUE by DEADLINE (STATE)``, with why nothing was measured."""
    assert rule.target is not None
    state = msg("target.cannot-verify") if measured.state.value == "cannot-verify" else \
        word("target-state", measured.state.value)
    values = {"value": rule.prose("target"), "deadline": rule.target.deadline.isoformat(), "state": state}
    return msg("target.reason-why", **values, why=why) if why else msg("target.reason", **values)


def _chain_too_long(exc: ChainTooLong, province: Province, sourcemap: SourceMap) -> InputError:
    """The located refusal of a model whose chain is longer than a finding may show."""
    at = next((c.path for c in province.components if c.id == exc.start), province.path)
    loc = sourcemap.locate(at)
    return InputError(
        f"{format_path(at)}: the connections make {exc}, longer than the {MAX_CHAIN:,} archcheck checks",
        file=loc.file, line=loc.line, column=loc.column,
        hint="a real architecture's chains of connections are a few components long; check whether the model "
        "was generated or meant to be this long")


_DECLARED: list[Any] = [None, None, {}]
"""The province and source map last asked about, and its components' declarations by id, filled as
asked: a long chain's nodes recur in thousands of findings, each looked up once (not once a finding)."""


def _chain_locations(chain: tuple[str, ...], province: Province | None, sourcemap: SourceMap) -> tuple[Location, ...]:
    """The declaration of each chain node, or nothing if one of them is not a component."""
    if len(chain) < 2 or province is None:
        return ()
    if _DECLARED[0] is not province or _DECLARED[1] is not sourcemap:
        _DECLARED[:] = [province, sourcemap, {c.id: c.path for c in province.components}]
    paths: dict[str, Any] = _DECLARED[2]
    if any(node not in paths for node in chain):
        return ()
    out = []
    for node in chain:
        where = paths[node]
        if not isinstance(where, Location):
            where = paths[node] = sourcemap.locate(where)
        out.append(where)
    return tuple(out)


def _stamp(rule: Rule, severity: Severity, v: Violation, sourcemap: SourceMap, *, province: Province,
           keys: SubjectKeys) -> Finding:
    message = v.message
    partial = province.partial and v.from_absence and not v.unverifiable
    # A partial model (drawn from a news report) is silent, not negative, about what it omits.
    unverifiable = v.unverifiable or partial
    sev = Severity.INFO if unverifiable else severity.capped(v.severity_cap)
    if rule.citation.confidence is Confidence.UNCONFIRMED:
        sev = sev.capped(Severity.WARNING)
    return Finding(
        rule_id=rule.id, rule_name=rule.name, title_en=rule.title_en, title_vi=rule.title_vi,
        severity=sev, message=message, subject=v.subject, path=v.path,
        location=sourcemap.locate(v.path), evidence=v.evidence, citation=rule.citation,
        remediation=rule.prose("remediation"), unverifiable=unverifiable, provenance=v.provenance,
        about=about(province, keys, v.subject, v.path, v.detail),
        chain_locations=_chain_locations(v.evidence.chain, province, sourcemap), partial=partial,
    )


def _vocabulary(framework: Framework) -> dict[str, bool]:
    """The framework's kinds, each with whether it is a national one."""
    return {k: v.national for k, v in framework.kinds.items()}


def all_vocabulary(framework_dirs: tuple[Path, ...] = ()) -> set[str]:
    """Every component kind any framework (built-in, or in ``framework_dirs``) knows."""
    kinds: set[str] = set()
    for fw in all_frameworks(framework_dirs).values():
        kinds.update(fw.kinds)
    return kinds


def check_model(model: ModelFile, ruleset_for: Mapping[str, RuleSet], *, framework: str | None,
                as_of: dt.date | None, view: str = "operation", stage_id: str | None = None,
                outline: bool = False) -> list[ProvinceReport]:
    """Check every province of a loaded model file.

    Args:
        model: the loaded file.
        ruleset_for: bound rule sets by framework id.
        framework: force this framework (default: each province's declared one).
        as_of: evaluation date override.
        view: ``operation`` (what is in operation) or ``design`` (what the approved design includes).
        stage_id: in the design view, check the design up to the end of this stage.
        outline: attach each province's :class:`Outline` to its report (for drawings).

    Raises:
        SchemaError: a province's name is a misspelling of a provincial-level unit of the list for
            its date (or the name of one merged before it), or it declares a framework archcheck
            does not have.
    """
    out = []
    for stated in model.provinces:
        named = check_name(stated.name, stated.as_of)
        if named.problem is not None:
            loc = model.sourcemap.locate((*stated.path, "name"))
            raise SchemaError(f"{format_path((*stated.path, 'name'))}: {named.problem}", file=loc.file,
                              line=loc.line, column=loc.column, sheet=loc.sheet, cell=loc.cell, hint=named.hint)
        province, design_note = stated, None
        if view == "design":
            within = scope(stated, stage_id, model.sourcemap)
            province = designed(stated, within, as_of, model.sourcemap)
            design_note = within.describe()
        version = framework or province.framework
        chosen = None
        if version == "unknown":
            # by the evaluation date where one is given: `--as-of D` chooses as `as_of: D` would
            version = chosen = _latest_by(as_of or province.as_of, ruleset_for)
        ruleset = ruleset_for.get(version)
        if ruleset is None:
            loc = model.sourcemap.locate((*province.path, "framework"))
            raise SchemaError(
                f"unknown framework version {version!r}{suggest(version, ruleset_for)}",
                file=loc.file if framework is None else None,
                line=loc.line if framework is None else None,
                column=loc.column if framework is None else None,
                hint=f"available: {', '.join(ruleset_for)}",  # oldest first
            )
        evaluation = replace(evaluation_for(province, ruleset.framework, as_of, design=view == "design"),
                             chosen=chosen, chosen_by=as_of or province.as_of if chosen else None,
                             design=design_note)
        report = run_province(province, ruleset, model.sourcemap, as_of=as_of, all_kinds=ruleset.vocabulary,
                              notices=model.notices, design=view == "design", outline=outline,
                              evaluation=evaluation)
        out.append(report)
    return out


def _successor_in_force(rule: Rule, applied: Mapping[str, Rule], date: dt.date) -> Rule | None:
    """The rule that took over from ``rule`` by ``date``: its ``superseded_by`` once in force, followed on
    when that one has ended (INT-001 → INT-002, ended 2025-10-22 → INT-011). An obligation overtaken by a
    later one does not revive when the later one ends: a successor that has ended with no successor of its
    own still supersedes it."""
    seen = {rule.id}
    last_ended: Rule | None = None
    successor = applied.get(rule.superseded_by or "")
    while successor is not None and successor.id not in seen:
        if successor.in_force_on(date):
            return successor
        if successor.until is None or date < successor.until:
            return last_ended  # not yet in force
        last_ended = successor
        seen.add(successor.id)
        successor = applied.get(successor.superseded_by or "")
    return last_ended


def _latest_by(date: dt.date, ruleset_for: Mapping[str, RuleSet]) -> str:
    """The newest framework issued on or before ``date`` (else the oldest)."""
    ordered = sorted(ruleset_for.values(), key=lambda rs: rs.framework.issued)
    issued = [rs for rs in ordered if rs.framework.issued <= date] or ordered[:1]
    return issued[-1].framework.id


def evaluate_rule(rule: Rule, province: Province, sourcemap: SourceMap, *,
                  severity: Severity | None = None, as_of: dt.date | None = None) -> list[Finding]:
    """Run one rule on one province (the rule-example runner uses this).

    Returns no findings if ``as_of`` (default: the model's) is outside the rule's lifetime.
    """
    evaluation = Evaluation(as_of, DateBasis.GIVEN, province.as_of) if as_of is not None else \
        Evaluation(province.as_of, DateBasis.MODEL, province.as_of)
    date = evaluation.date
    if not rule.in_force_on(date):
        return []
    fw = get_framework(province.framework) if province.framework in available() else None
    ctx = CheckContext(province, build_graph(province), vocabulary=_vocabulary(fw) if fw else None,
                       framework=fw.id if fw else None, kind_map=fw.kind_map if fw else {}, date=date)
    sev = severity or rule.default_severity
    keys = subject_keys(province)
    return sorted((_stamp(rule, sev, v, sourcemap, province=province, keys=keys) for v in compiled(rule).run(ctx)),
                  key=Finding.sort_key)
