"""archcheck's Python API: check models, compare models and frameworks, and render any result.

What ``import archcheck`` exposes (``archcheck.validate``, ``archcheck.diff_models``,
``archcheck.diff_frameworks``, ``archcheck.render``; also ``archcheck.score`` and ``archcheck.appraise``): a
small layer above the reporters and below the command line. The engine's own entry points are
:mod:`archcheck.api`; the reporters are found through the format tables of :mod:`archcheck.formats`.

A model is given as one of:

* a path (``str`` or :class:`os.PathLike`): a YAML model file, or a Mẫu 03 data set (``.xlsx``);
* a ``dict`` (any :class:`~collections.abc.Mapping`) in the model schema's shape (``archcheck schema
  model``), as a YAML model file holds it: it is written as YAML and read by the file loader, so it is
  accepted or refused exactly as that file would be, and the findings' lines count in that YAML text;
* :class:`YAMLText`: a model's YAML text held in memory, with the name findings give it.

A ``str`` is always a path, never YAML text (wrap text in :class:`YAMLText`), so nothing is guessed.

Results are typed values (:class:`~archcheck.api.ValidationRun`, :class:`~archcheck.compare.models.ModelDiff`,
:class:`~archcheck.compare.impact.FrameworkComparison`); :func:`render` writes any of them in one of the
formats of its kind. Input that cannot be read raises :class:`~archcheck.errors.ArchcheckError` with
its file, line and column, as the command line says it (exit code 2 there); a model among several that
cannot be read does not stop the others in :func:`validate` (it is in ``run.errors``). An argument of the wrong
type or value (``None`` or bytes for a model, ``2.0`` for the version ``"2.0"``, an unknown ``view``, a ``stage``
outside the design view) raises :class:`TypeError` or :class:`ValueError` naming the parameter, the value and
what is expected, before any work.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

from archcheck import formats
from archcheck.read.memory import YAMLText

# ruff: noqa: PLC0415 - `import archcheck` must stay cheap: each function imports the engine it needs.
if TYPE_CHECKING:
    from archcheck.api import AppraisalRun, ValidationRun
    from archcheck.compare.impact import FrameworkComparison
    from archcheck.compare.models import ModelDiff
    from archcheck.findings import Severity
    from archcheck.read.memory import ModelSource
    from archcheck.report.score import Scorecard

Model: TypeAlias = str | os.PathLike[str] | Mapping[str, Any] | YAMLText
"""A model: a path, a dict in the model schema's shape, or YAML text (:class:`YAMLText`)."""

Result: TypeAlias = "ValidationRun | ModelDiff | FrameworkComparison | Scorecard | AppraisalRun"
"""What :func:`render` writes."""

Lang = Literal["en", "vi", "both"]
"""The language of human formats: English, Vietnamese, or both (Vietnamese, then the English where they differ)."""

Date: TypeAlias = dt.date | str | None
"""A date, as a :class:`datetime.date` or ``YYYY-MM-DD`` text."""


def validate(models: Model | Iterable[Model], *, framework: str | None = None, as_of: Date = None,
             rules: Sequence[str | os.PathLike[str]] = (), frameworks: Sequence[str | os.PathLike[str]] = (),
             view: Literal["operation", "design"] = "operation", stage: str | None = None,
             baseline: str | os.PathLike[str] | None = None, waivers: str | os.PathLike[str] | None = None,
             today: Date = None, outline: bool = True) -> ValidationRun:
    """Check models against the national framework and the law in force on their date.

    Args:
        models: one model or several (see the module's introduction for what a model may be).
        framework: check against this framework version (``"1425"``, ``"4.0"``…) instead of the one each
            model declares.
        as_of: evaluate at this date instead of each model's ``as_of``.
        rules: folders of extra rule files.
        frameworks: folders of extra framework files (a profile that ``extends`` a built-in version).
        view: ``operation`` (what is in operation on the date) or ``design`` (what the approved design
            includes, at the end of ``stage`` or of the whole roadmap).
        stage: in the design view, the stage up to which the design is checked.
        baseline: a baseline file (``archcheck baseline``): the findings it accepts are set aside.
        waivers: a waivers file (``archcheck schema waivers``): waived findings are set aside with their reason.
        today: the date waivers expire against (default: the system date).
        outline: keep each province's components and connections, which the ``html`` format draws
            (``False`` saves memory on large batches that are not rendered as HTML).

    Returns:
        The run: ``run.findings()`` (every finding that counts), ``run.reports`` (one per province),
        ``run.errors`` (the models that could not be read, located), ``run.exit_code("error")``.

    Raises:
        ArchcheckError: a rule, framework, baseline or waivers file cannot be read, or ``framework`` is
            unknown (nothing could be checked); a model given as data cannot be written as YAML.
        TypeError: an argument of the wrong type (a model that is not a path, a dict or
            :class:`YAMLText`; a framework version that is not a ``str``), before any work.
        ValueError: ``view`` is not ``operation`` or ``design``; ``stage`` without ``view="design"``; a date
            that is not one; before any work.
    """
    from archcheck import api

    given = _models(models, "models")
    _version(framework, "framework", optional=True)
    _view(view, stage)
    date = _date(as_of, "as_of")
    folders = _folders(rules, "rules"), _folders(frameworks, "frameworks")
    gate = _path(baseline, "baseline"), _path(waivers, "waivers"), _date(today, "today")
    _flag(outline, "outline")
    run = api.validate(_sources(given), framework=framework, as_of=date,
                       rule_dirs=folders[0], framework_dirs=folders[1], view=view, stage=stage, outline=outline)
    if baseline is None and waivers is None:
        return run
    return api.apply_gate(run, baseline=gate[0], waivers=gate[1], today=gate[2])


def diff_models(old: Model, new: Model, *, framework: str | None = None, as_of: Date = None,
                rules: Sequence[str | os.PathLike[str]] = (),
                frameworks: Sequence[str | os.PathLike[str]] = ()) -> ModelDiff:
    """Compare two submissions of a model: the findings new, fixed and unchanged, each new or fixed one
    with the model change that explains it (matched by fingerprint, never by line).

    Args:
        old, new: the two models (each one province, or two national files).
        framework: check both against this framework version (default: the one each declares).
        as_of: evaluate both at this date.
        rules, frameworks: folders of extra rule and framework files.

    Raises:
        ArchcheckError: either model cannot be read or checked (the message names the file and line).
        TypeError, ValueError: an argument of the wrong type or value (as :func:`validate`), before any work.
    """
    from archcheck import api

    given = [_model(old, "old"), _model(new, "new")]
    _version(framework, "framework", optional=True)
    date = _date(as_of, "as_of")
    rule_dirs, framework_dirs = _folders(rules, "rules"), _folders(frameworks, "frameworks")
    a, b = _sources(given)
    return api.diff_models(a, b, framework=framework, as_of=date, rule_dirs=rule_dirs, framework_dirs=framework_dirs)


def diff_frameworks(old: str, new: str, *, models: Model | Iterable[Model] = (), as_of: Date = None,
                    rules: Sequence[str | os.PathLike[str]] = (),
                    frameworks: Sequence[str | os.PathLike[str]] = ()) -> FrameworkComparison:
    """What framework version ``new`` changes relative to ``old`` (kinds, rules, grades, documents), and,
    for each of ``models``, the findings that appear, disappear or change severity, each with its cause.

    Args:
        old, new: framework versions (``"3090"``, ``"1425"``, ``"4.0"``…; ``archcheck rules list`` names them).
        models: models to check under both versions (none: the framework diff alone).
        as_of: evaluate the models at this date.
        rules, frameworks: folders of extra rule and framework files.

    Raises:
        ArchcheckError: an unknown version, or a model, rule or framework file that cannot be read.
        TypeError, ValueError: a version that is not a ``str`` (``"2.0"``, not ``2.0``), or another argument of
            the wrong type or value (as :func:`validate`), before any work.
    """
    from archcheck import api
    from archcheck.compare.impact import FrameworkComparison

    _version(old, "old")
    _version(new, "new")
    given = _models(models, "models")
    date = _date(as_of, "as_of")
    rule_dirs, framework_dirs = _folders(rules, "rules"), _folders(frameworks, "frameworks")
    sources = _sources(given)
    if sources:
        return api.framework_impact(old, new, sources, as_of=date, rule_dirs=rule_dirs, framework_dirs=framework_dirs)
    return FrameworkComparison(api.diff_frameworks(old, new, rule_dirs=rule_dirs, framework_dirs=framework_dirs))


def score(models: Model | Iterable[Model], *, framework: str | None = None, as_of: Date = None,
          rules: Sequence[str | os.PathLike[str]] = (), frameworks: Sequence[str | os.PathLike[str]] = ()) -> Scorecard:
    """Score and rank the provinces of ``models``: obligations met, failed, cannot verify, not in force, per area,
    with the coverage figures against the targets in force (``archcheck score``). A compliance scorecard of
    archcheck's rules, not the ministry's official index.

    Raises:
        ArchcheckError: a model, rule or framework file cannot be read (the first model that cannot, located).
    """
    from archcheck import api
    from archcheck.report.score import scorecard

    run = validate(models, framework=framework, as_of=as_of, rules=rules, frameworks=frameworks, outline=True)
    if run.errors:
        raise run.errors[0]
    return scorecard(run.reports, api.rules_with(_folders(rules, "rules")))


def appraise(projects: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
             architecture: str | os.PathLike[str], *, framework: str | None = None, as_of: Date = None,
             frameworks: Sequence[str | os.PathLike[str]] = ()) -> AppraisalRun:
    """Appraise project proposals (files, or folders of them) against a province's architecture (a model file or
    a Mẫu 03 data set), as ``archcheck appraise`` does: NĐ 224 Art. 23, 37, QĐ 1425, QĐ 1132, NĐ 278 Art. 7,
    and duplicate candidates. A proposal that cannot be read is in ``run.errors``, located.

    Raises:
        ArchcheckError: the architecture cannot be read, holds no or several provinces, or names no framework.
    """
    from archcheck import api

    given = _folders(projects, "projects")
    where = _path(architecture, "architecture")
    _version(framework, "framework", optional=True)
    date, framework_dirs = _date(as_of, "as_of"), _folders(frameworks, "frameworks")
    return api.appraise([os.fspath(p) for p in given], cast("str", where), framework=framework, as_of=date,
                        framework_dirs=framework_dirs)


def render(result: Result, format: str = "text", *, lang: Lang = "en",
           fail_on: Severity | str = "error", verbose: bool = False, show_passed: bool = False,
           quiet: bool = False, root: str | None = None, link_base: str | None = None) -> str:
    """``result`` written in ``format``, as the command that made it writes it.

    Args:
        result: a :class:`~archcheck.api.ValidationRun` (formats: :data:`archcheck.formats.VALIDATION`), a
            :class:`~archcheck.compare.models.ModelDiff` (:data:`~archcheck.formats.MODEL_DIFF`), a
            :class:`~archcheck.compare.impact.FrameworkComparison` (:data:`~archcheck.formats.FRAMEWORK_DIFF`),
            a scorecard (:data:`~archcheck.formats.SCORE`) or an appraisal run (:data:`~archcheck.formats.APPRAISAL`).
        format: one of the formats of the result's kind (``text``, ``json``, ``markdown``, ``sarif``…).
        lang: ``en``, ``vi`` or ``both``, for the human formats (text, markdown, html); machine formats
            (json, sarif, junit, github, gitlab, compact) are English, with a ``message_id`` per finding,
            whatever ``lang`` says.
        fail_on: the severity that fails the run, which the reports state (validation and diffs).
        verbose, show_passed, quiet, root, link_base: as the ``validate`` options of those names.

    Raises:
        ValueError: ``format`` is not a format of the result's kind, or ``lang`` is not en, vi or both.
        TypeError: ``result`` is not a result archcheck renders.
    """
    from archcheck.catalogue import LANGS

    if lang not in LANGS:
        raise ValueError(f"lang {lang!r} is not one of {', '.join(LANGS)}")
    kind, table = _kind(result)
    if format not in table:
        raise ValueError(f"{format!r} is not a format of a {kind}; choose from {', '.join(table)}")
    said = "en" if format in formats.MACHINE else lang
    if kind in ("validation run", "model diff", "framework diff"):
        from archcheck.findings import Severity
        from archcheck.report import ReportOptions

        options = ReportOptions(fail_on=Severity(fail_on), verbose=verbose, show_passed=show_passed, root=root,
                                lang=said, link_base=link_base, quiet=quiet)
        if kind == "validation run":
            from archcheck.report import REPORTERS

            reporter: Callable[[Any, ReportOptions], str] = REPORTERS[format]
        else:
            from archcheck.report.diff import FRAMEWORK_DIFF_REPORTERS, MODEL_DIFF_REPORTERS

            reporter = (MODEL_DIFF_REPORTERS if kind == "model diff" else FRAMEWORK_DIFF_REPORTERS)[format]
        return reporter(result, options)  # the result's kind chose the reporter
    if kind == "scorecard":
        from archcheck.report import SCORE_REPORTERS

        return SCORE_REPORTERS[format](cast("Scorecard", result), said)
    from archcheck.report import APPRAISAL_REPORTERS

    return APPRAISAL_REPORTERS[format](cast("AppraisalRun", result), said)


def _kind(result: object) -> tuple[str, Mapping[str, str]]:
    """The kind of ``result`` and the table of its formats."""
    from archcheck.api import AppraisalRun, ValidationRun
    from archcheck.compare.impact import FrameworkComparison
    from archcheck.compare.models import ModelDiff

    if isinstance(result, ValidationRun):
        return "validation run", formats.VALIDATION
    if isinstance(result, ModelDiff):
        return "model diff", formats.MODEL_DIFF
    if isinstance(result, FrameworkComparison):
        return "framework diff", formats.FRAMEWORK_DIFF
    if isinstance(result, AppraisalRun):
        return "appraisal run", formats.APPRAISAL
    if type(result).__name__ == "Scorecard":  # not imported for the other kinds: the scorecard's module is large
        from archcheck.report.score import Scorecard

        if isinstance(result, Scorecard):
            return "scorecard", formats.SCORE
    raise TypeError(f"archcheck.render writes a validation run, a model diff, a framework diff, a scorecard or "
                    f"an appraisal run, not {type(result).__name__}")


_A_MODEL = ("a path, a dict or archcheck.YAMLText (a str or os.PathLike naming a model file, a dict in the model "
            "schema's shape, or the YAML text as archcheck.YAMLText(text))")


def _shown(value: object) -> str:
    """``value`` as an error message names it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _a(value: object) -> str:
    """What ``value`` is, for an error message: ``None``, ``an int``, ``a bytes``."""
    if value is None:
        return "None"
    kind = type(value).__name__
    if isinstance(value, bytes | bytearray):
        return kind
    return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"


def _models(models: object, name: str) -> list[Model]:
    """The models of parameter ``name`` (one model, or an iterable of them), each checked to be a model.

    Raises:
        TypeError: ``models`` (or one of them) is not a model: names the parameter, the value and what a model is.
    """
    if isinstance(models, str | os.PathLike | Mapping | YAMLText):
        return [_model(models, name)]
    if isinstance(models, bytes | bytearray | memoryview) or not isinstance(models, Iterable):
        decode = " (YAML text held as bytes: archcheck.YAMLText(data.decode()))" \
            if isinstance(models, bytes | bytearray) else ""
        raise TypeError(f"{name}={_shown(models)} is {_a(models)}, not a model or an iterable of "
                        f"models: a model is {_A_MODEL}{decode}")
    return [_model(m, f"{name}[{i}]") for i, m in enumerate(cast("Iterable[object]", models))]


def _model(model: object, name: str) -> Model:
    """``model`` if it is one (a path, a mapping, YAML text), else a TypeError naming ``name``."""
    if isinstance(model, YAMLText | Mapping) or (isinstance(model, str | os.PathLike)
                                                 and isinstance(os.fspath(model), str)):
        return cast("Model", model)
    what = "a bytes path" if isinstance(model, os.PathLike) else _a(model)
    raise TypeError(f"{name}={_shown(model)} is {what}, not a model: a model is {_A_MODEL}")


def _sources(given: list[Model]) -> list[ModelSource]:
    """Models (checked by :func:`_models`) as the engine reads them: paths as text, data as YAML text (numbered
    when there are several).

    Raises:
        InputError: a path holds a line break (YAML text given as a path), or data cannot be written as YAML.
    """
    from archcheck.errors import InputError

    out: list[ModelSource] = []
    for i, m in enumerate(given, start=1):
        if isinstance(m, YAMLText):
            out.append(m)
        elif isinstance(m, Mapping):
            from archcheck.read.memory import from_data

            out.append(from_data(m, "<dict>" if len(given) == 1 else f"<dict {i}>"))
        else:
            path = os.fspath(m)
            if "\n" in path:
                raise InputError("a model given as a str is a path, and this one holds a line break, as YAML "
                                 "text does", hint="pass YAML text as archcheck.YAMLText(text), or the model as "
                                                   "a dict")
            out.append(path)
    return out


def _version(value: object, name: str, *, optional: bool = False) -> None:
    """Refuse a framework version that is not a ``str`` (``2.0`` for ``"2.0"``, None where one is needed)."""
    if (value is None and optional) or isinstance(value, str):
        return
    none = " (or None: the version each model declares)" if optional else ""
    raise TypeError(f"{name}={_shown(value)} is {_a(value)}, not a framework version: give a str such as \"2.0\" "
                    f"or \"1425\"{none}")


def _view(view: object, stage: object) -> None:
    """Refuse a view other than operation and design, and a stage outside the design view."""
    if view not in ("operation", "design"):
        raise ValueError(f"view={_shown(view)} is not a view: give \"operation\" (what is in operation on the "
                         f"date) or \"design\" (what the approved design includes)")
    if stage is not None and not isinstance(stage, str):
        raise TypeError(f"stage={_shown(stage)} is {_a(stage)}, not a stage id: give the stage's id "
                        f"as a str")
    if stage is not None and view != "design":
        raise ValueError(f"stage={_shown(stage)} is given with view={_shown(view)}: a stage is checked only in the "
                         f"design view; give view=\"design\" with it, or no stage")


def _folders(folders: object, name: str) -> tuple[Path, ...]:
    """The paths of parameter ``name``: one path or an iterable of paths."""
    if isinstance(folders, str | os.PathLike):
        folders = [folders]
    if isinstance(folders, bytes | bytearray | memoryview) or not isinstance(folders, Iterable):
        raise TypeError(f"{name}={_shown(folders)} is {_a(folders)}: give a path (str or "
                        f"os.PathLike), or a sequence of them")
    out: list[Path] = []
    for i, f in enumerate(cast("Iterable[object]", folders)):
        if not isinstance(f, str | os.PathLike) or not isinstance(os.fspath(f), str):
            raise TypeError(f"{name}[{i}]={_shown(f)} is {_a(f)}, not a path (str or os.PathLike)")
        out.append(Path(f))
    return tuple(out)


def _flag(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{name}={_shown(value)} is {_a(value)}: give True or False")


def _path(path: object, name: str) -> str | None:
    if path is None:
        return None
    if not isinstance(path, str | os.PathLike) or not isinstance(os.fspath(path), str):
        raise TypeError(f"{name}={_shown(path)} is {_a(path)}, not a file's path (str or os.PathLike)")
    return cast("str", os.fspath(path))


def _date(value: Date, name: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str):
        raise TypeError(f"{name}={_shown(value)} is {_a(value)}, not a date: give a datetime.date or "
                        f"YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} {value!r} is not a date: give a datetime.date or YYYY-MM-DD") from None


__all__ = ["Date", "Lang", "Model", "Result", "YAMLText", "appraise", "diff_frameworks", "diff_models", "render",
           "score", "validate"]
