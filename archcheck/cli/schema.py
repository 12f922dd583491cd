"""``archcheck schema``: print a published JSON Schema."""

from __future__ import annotations

import click

from archcheck.cli._common import guarded
from archcheck.read.schemas import SCHEMA_NAMES


@click.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES))
@guarded
def schema(name: str) -> None:
    """Print a JSON Schema (model, rule, framework, report, diff, baseline, waivers, project or
    appraisal), e.g. for an editor."""
    from archcheck.read.schemas import schema_text  # the schema files only: not the library facade

    click.echo(schema_text(name), nl=False)
