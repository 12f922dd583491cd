"""``archcheck appraise``: appraise project proposals against a province's architecture."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from archcheck.cli._common import EXIT_ERROR, check_output, guarded, report_errors, write_output
from archcheck.cli.config import configured
from archcheck.cli.lang import lang_option
from archcheck.formats import APPRAISAL

FORMATS = tuple(APPRAISAL)
"""The appraisal reporters' names, from the table behind archcheck.report.APPRAISAL_REPORTERS (``--help``
imports no reporter)."""


@click.command()
@click.argument("projects", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--architecture", "architecture", required=True, metavar="ARCH",
              help="The province's architecture: a model file or a Mẫu 03 data set (.xlsx; its objects are "
                   "named by their local codes, KT-01, QG-8), anything `validate` reads.")
@click.option("--framework", "framework", metavar="VERSION",
              help="Take the national shared platforms from this framework version (default: the architecture's).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Appraise under the law in force on this date (default: the architecture's as_of).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: the appraisal in full (one line per proposal for several); json: every appraisal in "
                   "full (archcheck schema appraisal); html: a one-page appraisal note per proposal.")
@lang_option("The appraisal")
@click.option("--output", "-o", type=str, metavar="FILE", help="Write the report here instead of stdout.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 if a criterion at least this severe failed (duplicate candidates never do).")
@click.option("--frameworks", "framework_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra framework files (repeatable).")
@configured
@guarded
def appraise(projects: tuple[str, ...], architecture: str, framework: str | None, as_of: dt.datetime | None,
             fmt: str, lang: str, output: str | None, fail_on: str, framework_dirs: tuple[Path, ...]) -> None:
    """Appraise PROJECT proposals (YAML files or folders) against a province's architecture: NĐ 224
    Art. 23, 37, QĐ 1425, QĐ 1132, NĐ 278 Art. 7, and duplicate candidates."""
    if output is not None:
        check_output(output, (*projects, architecture))
    from archcheck.api import appraise as run_appraise
    from archcheck.report import APPRAISAL_REPORTERS

    run = run_appraise(projects, architecture, framework=framework, as_of=as_of.date() if as_of else None,
                       framework_dirs=framework_dirs)
    code = run.exit_code(fail_on)
    if run.errors and not run.appraisals:
        report_errors(run.errors)
        sys.exit(EXIT_ERROR)
    if lang == "both" and fmt == "text":  # the note in Vietnamese, then in English
        text = APPRAISAL_REPORTERS[fmt](run, "vi").rstrip("\n") + "\n\n" + APPRAISAL_REPORTERS[fmt](run, "en")
    else:  # a page (html) is one language: both gives the Vietnamese one; json is English
        text = APPRAISAL_REPORTERS[fmt](run, "vi" if lang == "both" else lang)
    if run.errors:
        write_output(text, None)  # the rest to the terminal; no report file for a partial run
        report_errors(run.errors)
        if output not in (None, "-"):
            click.echo(f"archcheck: error: {len(run.errors)} proposal(s) could not be read; no report file written",
                       err=True)
        sys.exit(EXIT_ERROR)
    write_output(text, output, inputs=(*projects, architecture))
    sys.exit(code)
