"""``archcheck baseline``: record today's findings so that CI fails only on new ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from archcheck.cli._common import check_output, extra_folders, guarded, write_output
from archcheck.cli.config import configured


@click.command()
@click.argument("models", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--output", "-o", type=str, metavar="FILE", default="archcheck-baseline.json", show_default=True,
              help="Where to write the baseline ('-' for stdout).")
@click.option("--framework", "framework", metavar="VERSION",
              help="Check against this framework version (default: the one each model declares).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Evaluate at this date (default: the model's as_of).")
@extra_folders
@configured
@guarded
def baseline(models: tuple[str, ...], output: str, framework: str | None, as_of: dt.datetime | None,
             rule_dirs: tuple[Path, ...], framework_dirs: tuple[Path, ...]) -> None:
    """Write a baseline of MODEL files' findings (use it with `validate --baseline FILE`)."""
    from archcheck.cli.inputs import expand

    models = expand(models)  # a folder: the models in it
    check_output(output, models)  # refused before any work: a directory, a device, a model file
    from archcheck.api import baseline_text
    from archcheck.api import validate as run_validate

    run = run_validate(models, framework=framework, as_of=as_of.date() if as_of else None,
                       rule_dirs=rule_dirs, framework_dirs=framework_dirs)
    text = baseline_text(run)
    write_output(text, output, inputs=models)
    if output != "-":
        click.echo(f"{output}: {len(run.findings())} findings of {len(run.reports)} province(s) baselined", err=True)
