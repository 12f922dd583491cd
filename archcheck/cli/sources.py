"""``archcheck sources``: every cited source text exists and holds every quote cited from it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archcheck.cli._common import EXIT_FINDINGS, EXIT_OK, guarded

SOURCES_DIR = click.option(
    "--sources-dir", "sources_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
    help="A folder of source texts (repeatable; default: $ARCHCHECK_SOURCES, then beside the model).")


@click.command()
@click.argument("models", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@SOURCES_DIR
@guarded
def sources(models: tuple[str, ...], sources_dirs: tuple[Path, ...]) -> None:
    """Check that every source text the MODELS cite exists and holds each quote (NFC, spaces folded)."""
    from archcheck.api import check_sources
    from archcheck.report.escape import for_line

    reports = check_sources(models, sources_dirs)
    for r in reports:
        for miss in r.misses:
            click.echo(for_line(str(miss)))  # the quote is the model's: escaped as one line
    misses = sum(len(r.misses) for r in reports)
    quotes = sum(r.quotes for r in reports)
    documents = sum(r.documents for r in reports)
    code = EXIT_FINDINGS if misses else EXIT_OK
    click.echo(f"{quotes} quotes from {documents} sources in {len(reports)} "
               f"model{'s' if len(reports) != 1 else ''} checked: {misses} missing → exit {code}")
    sys.exit(code)
