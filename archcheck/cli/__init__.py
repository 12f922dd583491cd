"""The command line: parse options, call one library function, pick a reporter, exit 0/1/2.

One module per command group; this one only assembles them. Heavy modules (networkx, jsonschema)
are imported inside the commands, so ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import click

from archcheck import __version__
from archcheck.cli._common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, write_output
from archcheck.cli.baseline import baseline
from archcheck.cli.diff import diff
from archcheck.cli.graph import graph
from archcheck.cli.kinds import kinds
from archcheck.cli.progress import progress
from archcheck.cli.rules import rules
from archcheck.cli.schema import schema
from archcheck.cli.score import score
from archcheck.cli.sources import sources
from archcheck.cli.validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archcheck")
def main() -> None:
    """Check a province's e-government architecture against the national framework.

    Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 could not check.
    """


for _command in (validate, baseline, rules, kinds, progress, schema, diff, graph, score, sources):
    main.add_command(_command)

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "main", "write_output"]
