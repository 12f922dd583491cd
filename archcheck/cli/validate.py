"""``archcheck validate``: check models against a framework version."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from archcheck.cli._common import EXIT_ERROR, check_output, guarded, report_errors, write_output


@click.command()
@click.argument("models", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--framework", "framework", metavar="VERSION",
              help="Check against this framework version (default: the one each model declares).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Evaluate at this date (default: the model's as_of).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "compact"]), default="text", show_default=True,
              help="text (for reading), json (report version 1), compact (one line per finding: file:line:col: "
                   "severity RULE-ID message).")
@click.option("--verbose", "-v", is_flag=True, help="Text: every finding in full, repeats of one rule not grouped.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 if any finding is at least this severe.")
@click.option("--show-passed", is_flag=True,
              help="List the rules that passed and those with nothing to check (text report).")
@click.option("--output", "-o", type=str, metavar="FILE", help="Write the report here instead of stdout.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra rule files (repeatable).")
@click.option("--frameworks", "framework_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra framework files, e.g. a profile that extends 2.0 (repeatable).")
@click.option("--check-sources", is_flag=True,
              help="Also check that every cited source text exists and holds each quote (see `archcheck sources`).")
@click.option("--sources-dir", "sources_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of source texts for --check-sources (repeatable; default: $ARCHCHECK_SOURCES).")
@click.option("--only-models", is_flag=True,
              help="Skip YAML files that are not models (no top-level `province:` or `provinces:` key): "
                   "for hooks that pass every YAML file.")
@guarded
def validate(models: tuple[str, ...], framework: str | None, as_of: dt.datetime | None, fmt: str,
             verbose: bool, fail_on: str, show_passed: bool, output: str | None, rule_dirs: tuple[Path, ...],
             framework_dirs: tuple[Path, ...], check_sources: bool, sources_dirs: tuple[Path, ...],
             only_models: bool) -> None:
    """Validate MODEL files (YAML) against a framework version."""
    import gc

    if only_models:
        models = tuple(m for m in models if _looks_like_a_model(m))

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
                       rule_dirs=rule_dirs, framework_dirs=framework_dirs)
    threshold = Severity(fail_on)
    to_stdout = output is None or output == "-"
    if fmt == "text" and run.errors and not run.reports:
        # Nothing could be checked: the messages alone, on stderr; nothing on stdout or in --output.
        report_errors(run.errors)
        sys.exit(EXIT_ERROR)
    with stage("report"):
        options = ReportOptions(fail_on=threshold, verbose=verbose, show_passed=show_passed)
        write_output(REPORTERS[fmt](run, options), output, inputs=models)
    if run.errors and (fmt != "text" or not to_stdout):
        report_errors(run.errors)  # the report has them; the terminal is told too
    code = run.exit_code(threshold)
    if check_sources:
        from archcheck.api import check_sources as run_sources

        unreadable = {e.file for e in run.errors}
        checked = [f for f in models if f not in unreadable]
        misses = [m for r in run_sources(checked, sources_dirs) for m in r.misses]
        for miss in misses:
            click.echo(f"archcheck: source: {miss}", err=True)
        if misses and code == 0:
            code = 1
    sys.exit(code)


def _looks_like_a_model(path: str) -> bool:
    """True unless the file is readable and has no top-level ``province:`` / ``provinces:`` key."""
    import re

    try:
        text = Path(path).read_text("utf-8", errors="replace")
    except OSError:
        return True  # validate says what is wrong with it
    return re.search(r"^provinces?[ \t]*:", text, re.MULTILINE) is not None
