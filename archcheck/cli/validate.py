"""``archcheck validate``: check models against a framework version."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from archcheck.cli._common import EXIT_ERROR, check_output, guarded, report_errors, write_output
from archcheck.cli.config import configured
from archcheck.cli.lang import lang_option
from archcheck.formats import VALIDATION

FORMATS = tuple(VALIDATION)
"""The reporters' names, from the table behind archcheck.report.REPORTERS (``--help`` imports no reporter)."""


def parse_report(value: str) -> tuple[str, str]:
    """``FMT:FILE`` → (format, file).

    Raises:
        click.BadParameter: no colon, an unknown format or an empty file name.
    """
    fmt, sep, file = value.partition(":")
    if not sep or not file:
        raise click.BadParameter(f"{value!r} is not FORMAT:FILE (e.g. sarif:archcheck.sarif)",
                                 param_hint="'--report'")
    if fmt not in FORMATS:
        raise click.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}",
                                 param_hint="'--report'")
    return fmt, file


def _reports(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[tuple[str, str]]:
    out = [parse_report(v) for v in values]
    files = [f for _, f in out]
    for f in files:
        if files.count(f) > 1:
            raise click.BadParameter(f"{f!r} is named twice", param_hint="'--report'")
    return out


@click.command()
@click.argument("models", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--framework", "framework", metavar="VERSION",
              help="Check against this framework version (default: the one each model declares).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Evaluate at this date (default: the model's as_of).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="The report on stdout (or --output); compact: one line per finding, "
                   "file:line:col: severity RULE-ID message.")
@click.option("--verbose", "-v", is_flag=True, help="Text: every finding in full, repeats of one rule not grouped.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 if any finding is at least this severe.")
@click.option("--view", type=click.Choice(["operation", "design"]), default="operation", show_default=True,
              help="operation: what is in operation on the date; design: what the model's approved design "
                   "includes (present and planned), at the end of --stage or of the whole roadmap.")
@click.option("--stage", "stage_id", metavar="ID",
              help="With --view design: check the design up to the end of this stage.")
@lang_option("Text, compact, HTML and Markdown: the report")
@click.option("--show-passed", is_flag=True,
              help="List the rules that passed and those with nothing to check (text report).")
@click.option("--output", "-o", type=str, metavar="FILE", help="Write the report here instead of stdout.")
@click.option("--report", "reports", multiple=True, metavar="FORMAT:FILE", callback=_reports,
              help="Also write this report to FILE, e.g. sarif:archcheck.sarif (repeatable; written atomically, "
                   "none if the run cannot check).")
@click.option("--sarif-root", "root", metavar="DIR",
              help="Make file paths in machine reports relative to DIR (default: as given).")
@click.option("--link-base", metavar="URL",
              help="Prefix for links to lines in the markdown report, e.g. "
                   "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA.")
@click.option("--baseline", "baseline", type=str, metavar="FILE",
              help="Findings this baseline (archcheck baseline) accepts are reported apart and do not fail the run.")
@click.option("--strict-baseline", is_flag=True,
              help="A baseline entry that no longer occurs is an error (BSL-001): keeps the baseline fresh.")
@click.option("--waivers", "waivers", type=str, metavar="FILE",
              help="A waivers file (archcheck schema waivers): waived findings are reported with their reason.")
@click.option("--allow-long-waivers", is_flag=True,
              help="Accept waivers expiring more than two years after --today (refused by default).")
@click.option("--today", "today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The date waivers expire against (default: the system date), for reproducible runs.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra rule files (repeatable).")
@click.option("--frameworks", "framework_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra framework files, e.g. a profile that extends 2.0 (repeatable).")
@click.option("--mapping", "mappings", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=str),
              metavar="FILE", help="Mẫu 03 data sets (.xlsx): an extra column map (header aliases, value lists, "
                                   "kinds) laid out like archcheck/read/mau03/columns.yaml (repeatable).")
@click.option("--check-sources", is_flag=True,
              help="Also check that every cited source text exists and holds each quote (see `archcheck sources`).")
@click.option("--sources-dir", "sources_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of source texts for --check-sources (repeatable; default: $ARCHCHECK_SOURCES).")
@click.option("--quiet", "-q", is_flag=True,
              help="Text and compact: only the findings that fail the run (at or above --fail-on) and the summary.")
@click.option("--color", "--colour", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True,
              help="Colour the text and compact reports by severity: auto on a terminal (NO_COLOR turns it off, "
                   "FORCE_COLOR on).")
@click.option("--only-models", is_flag=True,
              help="Skip YAML files that are not models (no top-level `province:` or `provinces:` key): "
                   "for hooks that pass every YAML file.")
@configured
@guarded
def validate(models: tuple[str, ...], framework: str | None, as_of: dt.datetime | None, fmt: str,
             verbose: bool, fail_on: str, view: str, stage_id: str | None, lang: str, show_passed: bool,
             output: str | None,
             reports: list[tuple[str, str]], root: str | None, link_base: str | None, baseline: str | None,
             strict_baseline: bool, waivers: str | None, allow_long_waivers: bool, today: dt.datetime | None,
             rule_dirs: tuple[Path, ...],
             framework_dirs: tuple[Path, ...], check_sources: bool, sources_dirs: tuple[Path, ...],
             only_models: bool, mappings: tuple[str, ...], quiet: bool,
             color: str) -> None:
    """Validate MODEL files (YAML; `-` reads standard input) against a framework version.

    A folder stands for the model files in it (*.yaml, *.yml with a top-level `province:` or
    `provinces:` key; hidden folders left out).
    """
    import gc

    from archcheck.cli.inputs import expand, looks_like_a_model

    if only_models:
        models = tuple(m for m in models if looks_like_a_model(m))
    models = expand(models)
    inputs = models + tuple(x for x in (baseline, waivers) if x)
    for target in (output, *(file for _, file in reports)):
        if target is not None:
            check_output(target, inputs)  # refused before any work: a directory, a device, an input file
    if len(models) == 1:  # a 1 GB file or /dev/zero: refused from its size or kind, before the heavy imports
        from archcheck.read import sourcemap
        from archcheck.read.files import display_name, refuse_early

        refuse_early(models[0], display_name(models[0]), sourcemap.MAX_FILE_BYTES, what="model file")

    # A one-shot process whose objects live until it exits: the cycle collector would only re-walk
    # them (0.1 s after checking a national file), so it stays off; see api.validate.
    gc.disable()
    from archcheck.api import apply_gate
    from archcheck.api import validate as run_validate
    from archcheck.findings import Severity
    from archcheck.report import OUTLINE_FORMATS, REPORTERS, ReportOptions
    from archcheck.stages import stage

    run = run_validate(models, framework=framework, as_of=as_of.date() if as_of else None,
                       rule_dirs=rule_dirs, framework_dirs=framework_dirs, view=view, stage=stage_id,
                       outline=bool(OUTLINE_FORMATS.intersection([fmt, *(f for f, _ in reports)])),
                       mappings=mappings)
    run = apply_gate(run, baseline=baseline, waivers=waivers, today=today.date() if today else None,
                     strict_baseline=strict_baseline, allow_long_waivers=allow_long_waivers)
    if check_sources and not run.errors:
        from archcheck.api import apply_sources

        # before any report: a missing quote is a finding of every format, and the exit code counts it
        run = apply_sources(run, models, sources_dirs)
    threshold = Severity(fail_on)
    options = ReportOptions(fail_on=threshold, verbose=verbose, show_passed=show_passed, root=root,
                            link_base=link_base, lang=lang, quiet=quiet)
    code = run.exit_code(threshold)
    to_stdout = output is None or output == "-"
    with stage("report"):
        if code == 2 or run.errors:
            if fmt == "text" and not run.reports:
                report_errors(run.errors)  # nothing could be checked: the located messages alone
                sys.exit(EXIT_ERROR)
            # Some file could not be checked: the report goes to the terminal (it names the files and
            # has each error in its place), but no report file is written, so that CI never takes a
            # partial run for a whole one.
            if to_stdout:
                write_output(REPORTERS[fmt](run, options), output)
            if fmt not in ("text", "compact") or not to_stdout:  # those two hold each error already
                report_errors(run.errors)
            if reports or not to_stdout:
                click.echo(f"archcheck: error: {len(run.errors)} file(s) could not be checked; "
                           "no report file written", err=True)
            sys.exit(EXIT_ERROR)
        # Every report is rendered before any is written: a failure leaves no partial set behind.
        texts = [(REPORTERS[f](run, options), file) for f, file in reports]
        main_text = REPORTERS[fmt](run, options)
        for text, file in texts:
            write_output(text, file, inputs=inputs)
        if to_stdout:
            main_text = _coloured(main_text, fmt, color)
        write_output(main_text, output, inputs=inputs)
    sys.exit(code)


def _coloured(text: str, fmt: str, color: str) -> str:
    """The text or compact report coloured by severity, if ``--color`` and the terminal want it."""
    if fmt not in ("text", "compact"):
        return text
    from archcheck.cli import colour

    if not colour.wanted(color, sys.stdout):
        return text
    return colour.text(text) if fmt == "text" else colour.compact(text)
