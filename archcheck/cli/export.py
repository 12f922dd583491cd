"""``archcheck export MODEL -o FILE.xlsx``: a model written as a Mẫu 03 workbook (every sheet, DM_GIATRI)."""

from __future__ import annotations

import click

from archcheck.cli._common import check_output, guarded


@click.command()
@click.argument("model", type=click.Path(dir_okay=False, path_type=str))
@click.option("--output", "-o", type=str, metavar="FILE.xlsx", required=True, help="The workbook to write.")
@click.option("--mapping", "mappings", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=str),
              metavar="FILE", help="Extra column map, laid out like archcheck/read/mau03/columns.yaml.")
@guarded
def export(model: str, output: str, mappings: tuple[str, ...]) -> None:
    """Write MODEL as a Mẫu 03 data set (XLSX): every sheet, with DM_GIATRI's value lists."""
    if not output.lower().endswith(".xlsx"):
        raise click.UsageError("--output must name an .xlsx file")
    check_output(output, (model,))
    from archcheck.api import export_dataset

    left_out = export_dataset(model, output, mappings=mappings)
    click.echo(f"{output}: written", err=True)
    if left_out:
        click.echo(f"not in Mẫu 03 (no column for them), so not written: {', '.join(left_out[:12])}"
                   + (f" and {len(left_out) - 12} more" if len(left_out) > 12 else ""), err=True)
