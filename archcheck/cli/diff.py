"""``archcheck diff``: what changed between two framework versions (and what that means for a
model), or between two submissions of a model."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

from archcheck.cli._common import check_output, guarded, write_output
from archcheck.cli.config import configured
from archcheck.cli.lang import lang_option
from archcheck.formats import FRAMEWORK_DIFF, MODEL_DIFF


@click.group()
def diff() -> None:
    """Compare two framework versions, or two submissions of a model.

    Exit codes: 0 nothing new at or above --fail-on; 1 something new is; 2 could not compare.
    """


F = TypeVar("F", bound=Callable[..., Any])


def _common(formats: Mapping[str, str]) -> Callable[[F], F]:
    """The options both diff commands take; ``formats``: the command's table of archcheck.formats."""
    return lambda func: _options(func, tuple(formats))


def _options(func: F, formats: tuple[str, ...]) -> F:
    for option in reversed([
        click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
                     help="Evaluate both sides at this date (default: as validate does for each side)."),
        click.option("--format", "fmt", type=click.Choice(formats), default=formats[0], show_default=True),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error",
                     show_default=True,
                     help="Exit 1 if a new finding (or one that got worse) is at least this severe."),
        click.option("--verbose", is_flag=True, help="List unchanged findings one per line."),
        lang_option("Text and Markdown: the findings' messages"),
        click.option("--output", "-o", type=str, metavar="FILE", help="Write the diff here instead of stdout."),
        click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
                     help="A folder of extra rule files (repeatable)."),
        click.option("--frameworks", "framework_dirs", multiple=True,
                     type=click.Path(path_type=Path, file_okay=False),
                     help="A folder of extra framework files, e.g. a profile that extends 2.0 (repeatable)."),
    ]):
        func = option(func)
    return func


@diff.command("frameworks")
@click.argument("old")
@click.argument("new")
@click.option("--model", "models", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="Check this model under both versions and attribute every change (repeatable).")
@_common(FRAMEWORK_DIFF)
@configured
@guarded
def frameworks(old: str, new: str, models: tuple[str, ...], as_of: dt.datetime | None, fmt: str, fail_on: str,
               verbose: bool, output: str | None, rule_dirs: tuple[Path, ...],
               framework_dirs: tuple[Path, ...], lang: str = "en") -> None:
    """What framework version NEW changes relative to OLD; with --model, what that means for a model."""
    if output is not None:
        check_output(output, models)
    from archcheck import api
    from archcheck.compare.impact import FrameworkComparison
    from archcheck.findings import Severity
    from archcheck.report import ReportOptions
    from archcheck.report.diff import FRAMEWORK_DIFF_REPORTERS

    if models:
        result = api.framework_impact(old, new, models, as_of=as_of.date() if as_of else None,
                                      rule_dirs=rule_dirs, framework_dirs=framework_dirs)
    else:
        result = FrameworkComparison(api.diff_frameworks(old, new, rule_dirs=rule_dirs,
                                                         framework_dirs=framework_dirs))
    options = ReportOptions(fail_on=Severity(fail_on), verbose=verbose, lang=lang)
    write_output(FRAMEWORK_DIFF_REPORTERS[fmt](result, options), output, inputs=models)
    sys.exit(result.exit_code(options.fail_on))


@diff.command("models")
@click.argument("old", type=click.Path(dir_okay=False, path_type=str))
@click.argument("new", type=click.Path(dir_okay=False, path_type=str))
@click.option("--framework", "framework", metavar="VERSION",
              help="Check both against this framework version (default: the one each model declares).")
@_common(MODEL_DIFF)
@configured
@guarded
def models(old: str, new: str, framework: str | None, as_of: dt.datetime | None, fmt: str, fail_on: str,
           verbose: bool, output: str | None, rule_dirs: tuple[Path, ...], framework_dirs: tuple[Path, ...],
           lang: str = "en") -> None:
    """What changed between two submissions OLD and NEW of a model: findings new, fixed, unchanged."""
    import gc

    if output is not None:
        check_output(output, (old, new))
    gc.disable()  # a one-shot process, as in validate
    from archcheck import api
    from archcheck.findings import Severity
    from archcheck.report import ReportOptions
    from archcheck.report.diff import MODEL_DIFF_REPORTERS

    result = api.diff_models(old, new, framework=framework, as_of=as_of.date() if as_of else None,
                             rule_dirs=rule_dirs, framework_dirs=framework_dirs)
    options = ReportOptions(fail_on=Severity(fail_on), verbose=verbose, lang=lang)
    write_output(MODEL_DIFF_REPORTERS[fmt](result, options), output, inputs=(old, new))
    sys.exit(result.exit_code(options.fail_on))
