"""``archcheck score``: a compliance scorecard and ranking across provinces."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from archcheck.cli._common import check_output, extra_folders, guarded, write_output
from archcheck.cli.config import configured
from archcheck.cli.lang import lang_option
from archcheck.formats import SCORE

SCORE_FORMATS = tuple(SCORE)  # the scorecard's table: --help imports no reporter


@click.command()
@click.argument("models", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(SCORE_FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=str, metavar="FILE", help="Write the scorecard here instead of stdout.")
@click.option("--framework", "framework", metavar="VERSION",
              help="Score against this framework version (default: the one each model declares).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Evaluate at this date (default: each model's as_of).")
@lang_option("The scorecard")
@extra_folders
@configured
@guarded
def score(models: tuple[str, ...], fmt: str, output: str | None, framework: str | None,
          as_of: dt.datetime | None, lang: str, rule_dirs: tuple[Path, ...],
          framework_dirs: tuple[Path, ...]) -> None:
    """Score and rank the provinces of MODEL files: obligations met, failed, cannot verify, not in force.

    Per province and area (integration, documents, public services, identity, security,
    infrastructure), with the coverage figures against the targets in force. A compliance
    scorecard of archcheck's rules, not the ministry's official IT-application index. "Cannot
    verify" never counts as met. Exit 0 when scored, 2 when a file cannot be checked.
    """
    from archcheck.cli.inputs import expand

    models = expand(models)  # a folder: the models in it
    if output is not None:
        check_output(output, models)
    from archcheck.api import rules_with
    from archcheck.api import validate as run_validate
    from archcheck.report import SCORE_REPORTERS
    from archcheck.report.score import scorecard

    run = run_validate(models, framework=framework, as_of=as_of.date() if as_of else None,
                       rule_dirs=rule_dirs, framework_dirs=framework_dirs, outline=True)
    if run.errors:
        raise run.errors[0]
    card = scorecard(run.reports, rules_with(rule_dirs))
    write_output(SCORE_REPORTERS[fmt](card, lang), output, inputs=models)
