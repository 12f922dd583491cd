"""``archcheck validate``: check models against a framework version."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from archcheck.cli._common import check_output, guarded, write_output


@click.command()
@click.argument("models", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--framework", "framework", metavar="VERSION",
              help="Check against this framework version (default: the one each model declares).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Evaluate at this date (default: the model's as_of).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 if any finding is at least this severe.")
@click.option("--view", type=click.Choice(["operation", "design"]), default="operation", show_default=True,
              help="operation: what is in operation on the date; design: what the model's approved design "
                   "includes (present and planned), at the end of --stage or of the whole roadmap.")
@click.option("--stage", "stage_id", metavar="ID",
              help="With --view design: check the design up to the end of this stage.")
@click.option("--show-passed", is_flag=True,
              help="List the rules that passed and those with nothing to check (text report).")
@click.option("--output", "-o", type=str, metavar="FILE", help="Write the report here instead of stdout.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra rule files (repeatable).")
@click.option("--frameworks", "framework_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra framework files, e.g. a profile that extends 2.0 (repeatable).")
@guarded
def validate(models: tuple[str, ...], framework: str | None, as_of: dt.datetime | None, fmt: str,
             fail_on: str, view: str, stage_id: str | None, show_passed: bool, output: str | None,
             rule_dirs: tuple[Path, ...], framework_dirs: tuple[Path, ...]) -> None:
    """Validate MODEL files (YAML) against a framework version."""
    import gc

    if output is not None:
        check_output(output, models)  # refused before any work: a directory, a device, the model itself

    # A one-shot process whose objects live until it exits: the cycle collector would only re-walk
    # them (0.1 s after checking a national file), so it stays off; see api.validate.
    gc.disable()
    from archcheck.api import validate as run_validate
    from archcheck.findings import Severity
    from archcheck.report import REPORTERS, ReportOptions
    from archcheck.stages import stage

    run = run_validate(models, framework=framework, as_of=as_of.date() if as_of else None,
                       rule_dirs=rule_dirs, framework_dirs=framework_dirs, view=view, stage=stage_id)
    threshold = Severity(fail_on)
    with stage("report"):
        write_output(REPORTERS[fmt](run, ReportOptions(fail_on=threshold, show_passed=show_passed)), output,
                     inputs=models)
    sys.exit(run.exit_code(threshold))
