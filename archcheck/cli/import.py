"""``archcheck import FILE.xlsx -o model.yaml``: a Mẫu 03 data set written as an archcheck model."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archcheck.cli._common import check_output, guarded, write_output


@click.command(name="import")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=str))
@click.option("--output", "-o", type=str, metavar="FILE", default="-", show_default=True,
              help="Where to write the model ('-' for stdout).")
@click.option("--mapping", "mappings", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=str),
              metavar="FILE", help="Extra column map (aliases, value lists, kinds), laid out like "
                                   "archcheck/read/mau03/columns.yaml; repeatable.")
@click.option("--frameworks", "framework_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              metavar="DIR", help="Extra framework files (their kinds become usable).")
@guarded
def import_command(workbook: str, output: str, mappings: tuple[str, ...], framework_dirs: tuple[Path, ...]) -> None:
    """Write a Mẫu 03 data set (XLSX) as an archcheck model (YAML), to diff and review in a repository."""
    check_output(output, (workbook,))
    from archcheck.api import import_dataset

    write_output(import_dataset(workbook, mappings=mappings, framework_dirs=framework_dirs), output,
                 inputs=(workbook,))


setattr(sys.modules[__name__], "import", import_command)  # the registry looks the command up by its name
