"""``archcheck schema``: print a published JSON Schema."""

from __future__ import annotations

import click

from archcheck.cli._common import guarded


@click.command()
@click.argument("name", type=click.Choice(["model", "rule", "framework", "report", "diff", "baseline", "waivers"]))
@guarded
def schema(name: str) -> None:
    """Print a JSON Schema (model, rule, framework, report, diff, baseline or waivers), e.g. for an editor."""
    from archcheck.api import schema_text

    click.echo(schema_text(name), nl=False)
