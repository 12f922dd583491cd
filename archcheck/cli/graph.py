"""``archcheck graph``: draw a province's architecture with the findings on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from archcheck.cli._common import check_output, extra_folders, guarded, write_output
from archcheck.cli.config import configured
from archcheck.cli.lang import lang_option
from archcheck.formats import DRAWING

DRAWING_FORMATS = tuple(DRAWING)  # the drawings' table: --help imports no writer


@click.command()
@click.argument("model", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(DRAWING_FORMATS), default="mermaid", show_default=True,
              help="mermaid (GitHub/GitLab Markdown), dot (Graphviz) or svg (a standalone image).")
@click.option("--output", "-o", type=str, metavar="FILE", help="Write the drawing here instead of stdout.")
@click.option("--province", metavar="NAME", help="The province to draw, when the file holds several.")
@click.option("--framework", "framework", metavar="VERSION",
              help="Check against this framework version (default: the one the model declares).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Evaluate at this date (default: the model's as_of).")
@lang_option("The drawing's captions")
@click.option("--layout", type=click.Choice(["builtin", "graphviz"]), default="builtin", show_default=True,
              help="svg only: the built-in layout (needs nothing installed), or Graphviz's `dot` when installed. "
                   "Both draw the same components, layers and connections.")
@click.option("--diagram-code", "code", metavar="CODE",
              help="The diagram's code (Mẫu 02, e.g. SĐ-T-02), written into the drawing's title.")
@click.option("--diagram-version", "version", metavar="V", help="The diagram's version (e.g. 1.0), with the code.")
@extra_folders
@configured
@guarded
def graph(model: str, fmt: str, output: str | None, province: str | None, framework: str | None,
          as_of: dt.datetime | None, lang: str, layout: str, code: str | None, version: str | None,
          rule_dirs: tuple[Path, ...], framework_dirs: tuple[Path, ...]) -> None:
    """Draw MODEL: components in their framework layers, connections by kind, findings on it.

    A required connection the model lacks is a dashed red line where it should be; a forbidden
    point-to-point connection is red and marked ✕; a component with a violation has a red border,
    one that cannot be verified is amber and marked ?. Exit 0 when drawn, 2 when it cannot be.
    With --diagram-code (and --diagram-version) the title carries the Mẫu 02 code and version, and
    the file name to give the drawing is suggested on stderr when no --output is given.
    """
    if layout == "graphviz" and fmt != "svg":
        raise click.UsageError("--layout graphviz draws an svg: add --format svg "
                               "(--format dot writes Graphviz's input)")
    if version is not None and code is None:
        raise click.UsageError("--diagram-version needs --diagram-code")
    if output is not None:
        check_output(output, (model,))  # refused before any work: a directory, a device, the model itself
    from archcheck.api import rules_with
    from archcheck.api import validate as run_validate
    from archcheck.errors import ArchcheckError
    from archcheck.read.validation import suggest
    from archcheck.report import DRAWING_WRITERS
    from archcheck.report.drawing import file_name, report_scene, requirements
    from archcheck.values import replace

    run = run_validate([model], framework=framework, as_of=as_of.date() if as_of else None,
                       rule_dirs=rule_dirs, framework_dirs=framework_dirs, outline=True)
    if run.errors:
        raise run.errors[0]
    reports = list(run.reports)
    if province is not None:
        names = [r.province for r in reports]
        reports = [r for r in reports if r.province == province]
        if not reports:
            raise ArchcheckError(f"no province {province!r} in the file{suggest(province, names)}", file=model,
                                 hint=f"the file holds: {', '.join(names)}")
    elif len(reports) > 1:
        shown = ", ".join(r.province for r in reports[:5]) + (", …" if len(reports) > 5 else "")
        raise ArchcheckError(f"the file holds {len(reports)} provinces; a drawing shows one", file=model,
                             hint=f"choose one with --province NAME ({shown})")
    drawn = report_scene(reports[0], lang, requirements(rules_with(rule_dirs)))
    assert drawn is not None  # validate(outline=True) keeps every outline
    if code is not None:
        drawn = replace(drawn, code=code, version=version or "")
    if layout == "graphviz":
        from archcheck.report.drawing.graphviz import to_svg_graphviz

        text = to_svg_graphviz(drawn)
    else:
        text = DRAWING_WRITERS[fmt](drawn)
    write_output(text, output, inputs=(model,))
    if code is not None and output in (None, "-"):
        click.echo(f"suggested file name: {file_name(drawn, fmt)}", err=True)
