"""The engine's entry points: validate models, diff them, list and show rules, appraise proposals.

What the commands and the reporters build on (the layer below :mod:`archcheck.report`); the public
Python API (:mod:`archcheck.facade`, what ``import archcheck`` exposes) sits above the reporters and
calls these. How many processes check a run, and what each runs, is :mod:`archcheck.check.workers`'s;
a rule's own examples are run by :mod:`archcheck.check.examples`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from archcheck.catalogue import Text
from archcheck.check.workers import CheckJob, DiffSide, both_sides, cores, cycle_collector_paused, large, workers
from archcheck.errors import ArchcheckError
from archcheck.read.memory import ModelSource, YAMLText
from archcheck.values import field, record, replace

# ruff: noqa: PLC0415 - every command imports this module, so each function imports what it needs:
# `archcheck schema model` must not pay for the engine, `rules list` not for the graph library
# (tests/test_imports.py checks what each command imports).
if TYPE_CHECKING:

    from archcheck.check.appraisal import Appraisal
    from archcheck.check.binding import RuleSet
    from archcheck.check.engine import ProvinceReport
    from archcheck.check.sources import Miss, SourcesReport
    from archcheck.check.workers import Side
    from archcheck.compare.frameworks import FrameworkDiff
    from archcheck.compare.gate import Gate
    from archcheck.compare.impact import FrameworkComparison
    from archcheck.compare.models import ModelDiff
    from archcheck.findings import Finding, Location, ModelPath, Severity
    from archcheck.law.frameworks import Framework
    from archcheck.law.rules import Rule


@record
class ValidationRun:
    """Everything one ``archcheck validate`` produced."""

    reports: tuple[ProvinceReport, ...]
    framework_override: str | None
    as_of_override: dt.date | None
    errors: tuple[ArchcheckError, ...] = ()
    """Files of the batch that could not be checked, each with its located error (exit code 2)."""
    files: tuple[str, ...] = ()
    """The files as given, in order (reporters list each file's reports or error in this order)."""
    rules: Mapping[str, Rule] = field(default_factory=dict)
    """Every rule loaded for the run (built-in and ``--rules``), by id: what reports describe rules from."""
    gate: Gate | None = None
    """What a baseline or waivers file set aside (None: neither was given); see :func:`apply_gate`."""

    def findings(self) -> list[Finding]:
        """All findings that count: those of all reports, in report order, then the gate's own
        (expired and unmatched waivers). Baselined and waived findings are in :attr:`gate`."""
        out = [f for r in self.reports for f in r.findings]
        if self.gate is not None:
            out.extend(self.gate.findings)
        return out

    def exit_code(self, fail_on: Severity | str) -> int:
        """2 if a file could not be checked; else 1 if a finding is at or above ``fail_on``
        (``"error"``, ``"warning"`` or ``"info"``); else 0."""
        if self.errors:
            return 2
        from archcheck.findings import Severity

        threshold = Severity(fail_on)
        return 1 if any(f.severity.at_least(threshold) for f in self.findings()) else 0

    def in_file_order(self) -> list[tuple[str, list[ProvinceReport], list[ArchcheckError]]]:
        """Each file of the run in the order given, with its reports and the error that stopped it."""
        names = list(dict.fromkeys([*self.files, *(r.file for r in self.reports),
                                    *(e.file or "" for e in self.errors)]))
        return [(n, [r for r in self.reports if r.file == n], [e for e in self.errors if (e.file or "") == n])
                for n in names]


@cache
def builtin_rules() -> dict[str, Rule]:
    """The rules shipped with archcheck, by id."""
    from archcheck.law.rules import builtin_rules as shipped

    return shipped()


def rules_with(extra_dirs: Sequence[Path] = ()) -> dict[str, Rule]:
    """Built-in rules plus the rule files of ``extra_dirs``."""
    if not extra_dirs:
        return builtin_rules()
    from archcheck.check.examples import examples_hold
    from archcheck.check.kinds import compiled
    from archcheck.law.rules import builtin_rule_files, load_rules, rule_dir_files

    files: list[tuple[Path, str]] = [*builtin_rule_files()]
    for d in extra_dirs:
        files.extend(rule_dir_files(d))
    loaded = load_rules(files)
    builtin = builtin_rules()
    for rule in loaded.values():
        compiled(rule)  # a bad check in a user's rule file is reported now, located
    for rule in loaded.values():
        if builtin.get(rule.id) is not None and builtin[rule.id].file == rule.file:
            continue  # shipped rules are tested with the package
        examples_hold(rule)
    return loaded


def own_rules(rules: dict[str, Rule]) -> list[str]:
    """Ids of the rules in ``rules`` that do not ship with archcheck (a user's, from ``--rules``)."""
    shipped = builtin_rules()  # a user's file cannot redefine a shipped id: load_rules refuses duplicates
    return [rid for rid in rules if rid not in shipped]


def rulesets(rules: dict[str, Rule] | None = None, framework_dirs: Sequence[Path] = ()) -> dict[str, RuleSet]:
    """Every framework (built-in, plus those in ``framework_dirs``), bound to its rules.

    A user's own rules (and VOC-001, the vocabulary check) apply in every framework at their own
    severity, unless the framework lists them with a grade of its own. The Mẫu 03 data-set rules are
    kept apart (``RuleSet.dataset_rules``): they run, at their own severity, on provinces read from a
    data set, under whatever framework.
    """
    from archcheck.check.binding import VOCABULARY_RULE_ID, BoundRule, bind, is_dataset_rule
    from archcheck.law.frameworks import all_frameworks

    rules = rules if rules is not None else builtin_rules()
    resolved = all_frameworks(tuple(framework_dirs))  # each file read once, each version resolved once
    vocabulary = {k for fw in resolved.values() for k in fw.kinds}
    everywhere = [*own_rules(rules), *([VOCABULARY_RULE_ID] if VOCABULARY_RULE_ID in rules else [])]
    everywhere = [rid for rid in everywhere if not is_dataset_rule(rules[rid])]
    dataset = tuple(BoundRule(r, r.default_severity, listed=False) for r in rules.values() if is_dataset_rule(r))
    return {v: replace(bind(fw, rules, vocabulary, everywhere), dataset_rules=dataset) for v, fw in resolved.items()}


def validate(paths: Iterable[ModelSource], *, framework: str | None = None, as_of: dt.date | None = None,
             rule_dirs: Sequence[Path] = (), framework_dirs: Sequence[Path] = (), view: str = "operation",
             stage: str | None = None, outline: bool = False, mappings: Sequence[str | Path] = ()) -> ValidationRun:
    """Load and check models: files (YAML models, or Mẫu 03 data sets: ``.xlsx``) or YAML text held in memory.

    Args:
        paths: model files (``-``: standard input), or :class:`~archcheck.read.memory.YAMLText`; each may hold
            one province or many.
        framework: check against this version instead of each province's declared one.
        as_of: evaluate at this date instead of each model's ``as_of``.
        rule_dirs: folders of extra rule files.
        framework_dirs: folders of extra framework files (a profile that `extends` a built-in version).
        outline: attach each province's components and connections to its report (drawings need
            them; other reports do not pay for carrying them back from the workers).
        view: ``operation`` (default: what is in operation on the date) or ``design`` (what the
            model's approved design includes, at the end of ``stage`` or of the whole roadmap).
        stage: in the design view, the stage up to which the design is checked.
        mappings: extra Mẫu 03 column maps (``--mapping``), for the data sets among ``paths``.

    A model that cannot be read or checked does not stop the others: its located error is in
    :attr:`ValidationRun.errors` (and the run's exit code is 2).

    Raises:
        ArchcheckError: a rule or framework could not be read, or ``framework`` does not exist
            (nothing can be checked; exit code 2).
    """
    sources = [p if isinstance(p, YAMLText) else str(p) for p in paths]
    with cycle_collector_paused():
        return _validate(sources, framework, as_of, rule_dirs, framework_dirs, view=view,
                         stage=stage, outline=outline, mappings=tuple(str(m) for m in mappings))


def _name(source: ModelSource) -> str:
    """A model's name in the run's list of files: the path as given, or the text's name."""
    return source.name if isinstance(source, YAMLText) else str(source)


def _validate(sources: list[str | YAMLText], framework: str | None, as_of: dt.date | None,
              rule_dirs: Sequence[Path], framework_dirs: Sequence[Path], *, view: str = "operation",
              stage: str | None = None, outline: bool = False, mappings: tuple[str, ...] = ()) -> ValidationRun:
    from archcheck.law.frameworks import get_framework
    from archcheck.read import sourcemap
    from archcheck.read.files import display_name, refuse_early

    files = tuple(_name(s) for s in sources)
    one = sources[0] if len(sources) == 1 else None
    if isinstance(one, str):  # a 1 GB file or /dev/zero is refused before the rules are even loaded
        refuse_early(one, display_name(one), sourcemap.MAX_FILE_BYTES, what="model file")
    rules = rules_with(rule_dirs)
    sets = rulesets(rules, framework_dirs)
    if framework is not None and framework not in sets:
        get_framework(framework, tuple(framework_dirs))  # raises with the list of versions
    job = CheckJob(sets, framework, as_of, batch=len(sources) > 1, view=view, stage=stage, outline=outline,
                   mappings=mappings)
    # one large national file, across the cores (the design view checks it file by file)
    if isinstance(one, str) and cores() > 1 and view == "operation" and large(one):
        from archcheck.check.national import check_split

        whole = check_split(one, sets, framework=framework, as_of=as_of, workers=cores(), outline=outline)
        if whole is not None:
            return ValidationRun(tuple(whole), framework, as_of, files=files, rules=rules)
    n = workers(sources)
    if n > 1:  # forked: the children inherit the imported modules and the loaded rules
        from archcheck.check.parallel import fork_map

        outcomes = fork_map(job.run, sources, n, chunksize=max(1, len(sources) // (n * 4)))
    else:
        outcomes = [job.run(s) for s in sources]
    reports: list[ProvinceReport] = []
    errors: list[ArchcheckError] = []
    for outcome in outcomes:  # in the order the files were given, whatever order they finished in
        if isinstance(outcome, ArchcheckError):
            errors.append(outcome)
        else:
            reports.extend(outcome)
    return ValidationRun(tuple(reports), framework, as_of, tuple(errors), files, rules=rules)


def apply_gate(run: ValidationRun, *, baseline: str | Path | None = None, waivers: str | Path | None = None,
               today: dt.date | None = None, strict_baseline: bool = False,
               allow_long_waivers: bool = False) -> ValidationRun:
    """Set aside the findings a baseline file accepts or a waivers file excuses.

    Args:
        run: a run from :func:`validate`.
        baseline: a file written by :func:`baseline_text` (``archcheck baseline``).
        waivers: a waivers file (``archcheck schema waivers``).
        today: the date waivers are checked against (default: the system date).
        strict_baseline: a baseline entry that no longer occurs is an error (BSL-001).
        allow_long_waivers: accept a waiver expiring more than two years after ``today``.

    Raises:
        ArchcheckError: a file cannot be read or is not valid (located; exit code 2).
    """
    if baseline is None and waivers is None:
        return run
    from archcheck.compare.baseline import load_baseline
    from archcheck.compare.gate import apply
    from archcheck.compare.waivers import load_waivers

    known = {*run.rules, *(r.name for r in run.rules.values()), *(f.rule_id for f in run.findings()),
             *(f.rule_name for f in run.findings())}
    today = today or dt.date.today()
    loaded_baseline = load_baseline(baseline) if baseline is not None else None
    loaded_waivers = (load_waivers(waivers, known, today=today, allow_long=allow_long_waivers)
                      if waivers is not None else ())
    reports, gate = apply(run.reports, baseline=loaded_baseline, waivers=loaded_waivers,
                          waivers_file=str(waivers) if waivers is not None else None,
                          today=today, strict_baseline=strict_baseline, files=run.files)
    return replace(run, reports=reports, gate=gate)


def baseline_text(run: ValidationRun) -> str:
    """A baseline file accepting every finding of ``run`` (``archcheck schema baseline``)."""
    from archcheck.compare.baseline import entries_of, render_baseline

    return render_baseline(entries_of(run.reports))


def framework(version: str) -> Framework:
    """A built-in framework version, resolved."""
    from archcheck.law.frameworks import get_framework

    return get_framework(version)


def frameworks() -> list[Framework]:
    """All built-in framework versions, oldest first."""
    from archcheck.law.frameworks import available, get_framework

    return [get_framework(v) for v in available()]


def list_rules(version: str | None = None, rule_dirs: Sequence[Path] = (),
               framework_dirs: Sequence[Path] = ()) -> list[tuple[Rule, Severity | None]]:
    """Rules with their severity in ``version`` (None: every rule with no framework grade)."""
    from archcheck.law.frameworks import get_framework

    rules = rules_with(rule_dirs)
    if version is None:
        return [(r, None) for r in rules.values()]
    rs = rulesets(rules, framework_dirs)[get_framework(version, tuple(framework_dirs)).id]
    return [(b.rule, b.severity) for b in rs.rules]


def show_rule(key: str, rule_dirs: Sequence[Path] = ()) -> Rule:
    """One rule by id or name (built-in, or from ``rule_dirs``).

    Raises:
        ArchcheckError: no such rule.
    """
    from archcheck.law.rules import find_rule
    from archcheck.read.validation import suggest

    rules = rules_with(rule_dirs)
    rule = find_rule(rules, key)
    if rule is None:
        raise ArchcheckError(f"no rule {key!r}{suggest(key, [*rules, *(r.name for r in rules.values())])}",
                             hint="`archcheck rules list` lists them")
    return rule


def rule_grades(rule: Rule, rule_dirs: Sequence[Path] = (),
                framework_dirs: Sequence[Path] = ()) -> list[tuple[str, Severity]]:
    """The severity each framework applies ``rule`` at (frameworks that do not apply it left out)."""
    sets = rulesets(rules_with(rule_dirs), framework_dirs)
    return [(v, b.severity) for v, rs in sets.items() for b in rs.rules if b.rule.id == rule.id]


def rules_to_test(rule_dirs: Sequence[Path] = (), framework_dirs: Sequence[Path] = ()) -> list[Rule]:
    """The rules ``rules test`` runs: those of ``rule_dirs`` if given, else the built-in ones.

    Raises:
        ArchcheckError: a rule or framework file is invalid, or a framework grades an unknown rule.
    """
    rules = rules_with(rule_dirs)
    rulesets(rules, framework_dirs)  # a profile that grades these rules must bind
    if rule_dirs:
        return [rules[rid] for rid in own_rules(rules)]
    return list(rules.values())


def check_sources(paths: Iterable[str | Path], sources_dirs: Sequence[Path] = ()) -> list[SourcesReport]:
    """Check that every source text the models cite exists and holds each quote cited from it.

    ``sources_dirs``: folders of source texts; default: those of ``ARCHCHECK_SOURCES``.

    Raises:
        ArchcheckError: a model file cannot be read.
    """
    from archcheck.check.sources import check_sources as _check_sources
    from archcheck.check.sources import sources_dirs_from_env

    dirs = tuple(sources_dirs) or sources_dirs_from_env()
    return [_check_sources(p, dirs) for p in paths]


SOURCES_RULE_ID = "SRC-001"
"""The finding ``--check-sources`` gives for a cited source text that is missing or lacks a quote."""


def apply_sources(run: ValidationRun, paths: Iterable[str | Path],
                  sources_dirs: Sequence[Path] = ()) -> ValidationRun:
    """The run with each miss of :func:`check_sources` as an error finding (SRC-001) of the province
    report of its model file, so that every format shows it, counts it and exits with it (one exit
    code, computed once from the findings).

    Raises:
        ArchcheckError: a model file cannot be read.
    """
    from archcheck.compare.gate import Gate
    from archcheck.findings import Citation, Confidence, Evidence, Finding, Severity

    misses = [m for r in check_sources(paths, sources_dirs) for m in r.misses]
    if not misses:
        return run

    def finding(m: Miss, since: dt.date) -> Finding:
        return Finding(
            rule_id=SOURCES_RULE_ID, rule_name="cited-source-holds-quote",
            title_en="Every cited source text exists and holds each quote cited from it",
            title_vi="Mỗi văn bản nguồn được trích dẫn đều có và chứa đúng câu trích",
            severity=Severity.ERROR, message=m.message, subject=m.document, path=("sources", m.document),
            location=m.location, evidence=Evidence(expected=Text("the cited text holds the quote",
                                                                 "văn bản được trích dẫn chứa câu trích")),
            citation=Citation(document="--check-sources", clause=None, effective=since.isoformat(),
                              confidence=Confidence.CONFIRMED),
            remediation=Text("Put the source text where --sources-dir or ARCHCHECK_SOURCES points, or correct the "
                             "quote to the source's exact words.",
                             "Đặt văn bản nguồn vào thư mục mà --sources-dir hoặc ARCHCHECK_SOURCES chỉ tới, hoặc sửa "
                             "câu trích cho đúng nguyên văn của nguồn."),
            unverifiable=False)

    dates = {r.file: r.evaluated_as_of for r in run.reports}
    by_file: dict[str, list[Finding]] = {}
    for m in misses:
        since = dates.get(m.location.file) or min(dates.values(), default=dt.date(2000, 1, 1))
        by_file.setdefault(m.location.file, []).append(finding(m, since))
    reports = []
    for r in run.reports:
        extra = by_file.pop(r.file, [])
        reports.append(replace(r, findings=tuple(sorted((*r.findings, *extra), key=Finding.sort_key)))
                       if extra else r)
    rest = tuple(f for fs in by_file.values() for f in fs)  # a file without a province report
    gate = run.gate
    if rest:
        gate = replace(gate, findings=(*gate.findings, *rest)) if gate is not None else Gate(findings=rest)
    return replace(run, reports=tuple(reports), gate=gate)


def schema_text(name: str) -> str:
    """A shipped JSON Schema (model, rule, framework, report) as text."""
    from archcheck.read import schemas

    return schemas.schema_text(name)


def _ruleset(version: str, rule_dirs: Sequence[Path], framework_dirs: Sequence[Path]) -> RuleSet:
    from archcheck.law.frameworks import get_framework

    sets = rulesets(rules_with(rule_dirs), framework_dirs)
    if version not in sets:
        get_framework(version, tuple(framework_dirs))  # raises with the list of versions
    return sets[version]


def diff_frameworks(old: str, new: str, *, rule_dirs: Sequence[Path] = (),
                    framework_dirs: Sequence[Path] = ()) -> FrameworkDiff:
    """What framework version ``new`` changes relative to ``old`` (kinds, rules, grades, documents).

    Raises:
        ArchcheckError: an unknown version, or a rule or framework file that cannot be read.
    """
    from archcheck.compare.frameworks import diff_rulesets

    return diff_rulesets(_ruleset(old, rule_dirs, framework_dirs), _ruleset(new, rule_dirs, framework_dirs))


def framework_impact(old: str, new: str, models: Iterable[ModelSource], *, as_of: dt.date | None = None,
                     rule_dirs: Sequence[Path] = (), framework_dirs: Sequence[Path] = ()) -> FrameworkComparison:
    """Check each model under ``old`` and ``new``; the findings that appear, disappear or change
    severity, each attributed to its cause (rule added, removed, re-graded, kind renamed, date).

    Raises:
        ArchcheckError: a model, rule or framework file that cannot be read (the message is located).
    """
    from archcheck.compare.impact import framework_impact as impact_of
    from archcheck.read.memory import load_source

    a = _ruleset(old, rule_dirs, framework_dirs)
    b = _ruleset(new, rule_dirs, framework_dirs)
    with cycle_collector_paused():
        loaded = [load_source(m if isinstance(m, YAMLText) else str(m)) for m in models]
        return impact_of(loaded, a, b, as_of=as_of)


def diff_models(old: ModelSource, new: ModelSource, *, framework: str | None = None, as_of: dt.date | None = None,
                rule_dirs: Sequence[Path] = (), framework_dirs: Sequence[Path] = ()) -> ModelDiff:
    """Compare two submissions of a model (one province each, or two national files; files or YAML text).

    Raises:
        ArchcheckError: either side cannot be read or checked (the message names the file and line).
    """
    from archcheck.compare.models import diff_loaded
    from archcheck.law.frameworks import get_framework

    sets = rulesets(rules_with(rule_dirs), framework_dirs)
    if framework is not None and framework not in sets:
        get_framework(framework, tuple(framework_dirs))

    def compare(a: Side, b: Side, locate_old: Callable[[ModelPath], Location] | None) -> ModelDiff:
        (ma, ra), (mb, rb) = a, b
        return diff_loaded(ma, mb, ra, rb, framework=framework, as_of=as_of, locate_old=locate_old)

    with cycle_collector_paused():
        # large files: the old one read and checked in a forked child meanwhile
        return both_sides(DiffSide(sets, framework, as_of), old if isinstance(old, YAMLText) else str(old),
                          new if isinstance(new, YAMLText) else str(new), compare)


@record
class AppraisalRun:
    """Everything one ``archcheck appraise`` produced: an appraisal per proposal that could be read, and the
    located error of each that could not (exit code 2)."""

    appraisals: tuple[Appraisal, ...]
    errors: tuple[ArchcheckError, ...]
    files: tuple[str, ...]

    def exit_code(self, fail_on: str) -> int:
        """2 if a proposal could not be read; else 1 if a criterion at or above ``fail_on`` failed; else 0."""
        if self.errors:
            return 2
        return 1 if any(a.failed(fail_on) for a in self.appraisals) else 0


def appraise(projects: Sequence[str], architecture: str | Path, *, framework: str | None = None,
             as_of: dt.date | None = None, framework_dirs: Sequence[Path] = ()) -> AppraisalRun:
    """Appraise project proposals (files, or folders of them) against a province's architecture.

    The architecture is read by the same entry point as ``validate`` reads a model
    (:func:`archcheck.read.loading.load_model`), so any format the read layer turns into a model is an
    architecture. It must hold one province. The evaluation date is ``as_of``, else the architecture's
    own; the national shared platforms are the national kinds of ``framework``, else of the framework the
    architecture declares.

    Raises:
        ArchcheckError: the architecture cannot be read, holds no or several provinces, or names an unknown
            framework (nothing can be appraised; exit code 2).
    """
    from archcheck.check.appraisal import appraise as run
    from archcheck.check.architecture import architecture as view
    from archcheck.errors import InputError
    from archcheck.law.frameworks import get_framework
    from archcheck.read.loading import load_model
    from archcheck.read.proposal import load_proposal, proposal_files

    model = load_model(architecture)
    if len(model.provinces) != 1:
        raise InputError(f"holds {len(model.provinces)} provinces; an architecture is one province's",
                         file=model.file, line=1, column=1, hint="split the file, one province per architecture")
    province = model.provinces[0]
    version = framework or province.framework
    if version == "unknown":
        from archcheck.law.frameworks import all_frameworks

        loc = model.sourcemap.locate((*province.path, "framework"))
        when = as_of or province.as_of
        issued = sorted((f for f in all_frameworks(tuple(framework_dirs)).values() if f.issued <= when),
                        key=lambda f: f.issued)
        hint = (f"name one with --framework (the newest issued by {when}: --framework {issued[-1].id})" if issued
                else "name one with --framework")
        raise InputError("the architecture does not say which framework it follows (framework: unknown)",
                         file=model.file, line=loc.line, column=loc.column, hint=hint)
    fw = get_framework(version, tuple(framework_dirs))
    arch = view(province, fw, model.file)
    date = as_of or province.as_of
    files = proposal_files(list(projects))
    appraisals: list[Appraisal] = []
    errors: list[ArchcheckError] = []
    for f in files:
        try:
            appraisals.append(run(load_proposal(f), arch, date))
        except ArchcheckError as exc:
            if exc.file is None:
                exc.file = f
            errors.append(exc)
    return AppraisalRun(tuple(appraisals), tuple(errors), tuple(files))


def _known_kinds(framework_dirs: Sequence[Path] = ()) -> frozenset[str]:
    """Every component kind a loaded framework knows (a data set's objects are given only those)."""
    from archcheck.law.frameworks import all_frameworks

    return frozenset(k for fw in all_frameworks(tuple(framework_dirs)).values() for k in fw.kinds)


def import_dataset(path: str | Path, *, mappings: Sequence[str | Path] = (),
                   framework_dirs: Sequence[Path] = ()) -> str:
    """A Mẫu 03 workbook as the text of an archcheck model (YAML): its components, national systems,
    connections and design, and every sheet's rows under ``province.dataset``.

    Raises:
        ArchcheckError: the workbook cannot be read (located at its sheet and cell), or the model built
            from it is not valid.
    """
    import yaml

    from archcheck.read.loading import model_from_document
    from archcheck.read.mau03.convert import read_dataset
    from archcheck.read.mau03.spec import load_spec

    doc = read_dataset(str(path), load_spec(mappings), known_kinds=_known_kinds(framework_dirs))
    model_from_document(doc)  # what is written must load
    data = doc.data
    assert isinstance(data, dict) and isinstance(data["province"], dict)
    dataset = data["province"]["dataset"]
    assert isinstance(dataset, dict)
    dataset["file"] = Path(str(path)).name
    header = (f"# Imported by `archcheck import` from {Path(str(path)).name} (Mẫu 03 data set). Components, "
              "connections and\n# design are built from the rows under `dataset:`; edit the workbook and import "
              "again rather than this file.\n")
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def export_dataset(model: str | Path, output: str | Path, *, mappings: Sequence[str | Path] = ()) -> list[str]:
    """Write a model file's (first) province as a Mẫu 03 workbook; return what Mẫu 03 has no column for.

    Raises:
        ArchcheckError: the model cannot be read, or it holds more than one province.
    """
    from archcheck.read.loading import model_from_document
    from archcheck.read.mau03.export import rows_of, write_workbook
    from archcheck.read.mau03.spec import load_spec
    from archcheck.read.sourcemap import load_file

    doc = load_file(model)
    loaded = model_from_document(doc)  # a model that does not load is not exported
    data = doc.data
    assert isinstance(data, dict)
    if "province" not in data:
        from archcheck.errors import InputError

        raise InputError(f"{len(loaded.provinces)} provinces: a Mẫu 03 workbook holds one", file=str(model),
                         hint="export one province's model file")
    spec = load_spec(mappings)
    province = data["province"]
    assert isinstance(province, dict)
    rows, left_out = rows_of(province, spec)
    write_workbook(rows, output, spec)
    return left_out
