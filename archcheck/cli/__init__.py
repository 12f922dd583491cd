"""The command line: parse options, call one library function, pick a reporter, exit 0/1/2.

One module per command group; this one only names them. A command's module is imported when that
command runs (click's lazily loaded subcommands), so ``--version``, ``--help`` and each command pay
for click and for themselves only; heavy modules (the engine, the schema validators) are imported
inside the commands.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, MutableMapping
from typing import Any, cast

import click

from archcheck import __version__

COMMANDS: dict[str, str] = {
    "appraise": "Appraise PROJECT proposals (YAML files or folders) against a province's architecture: NĐ 224 "
                "Art. 23, 37, QĐ 1425, QĐ 1132, NĐ 278 Art. 7, and duplicate candidates.",
    "baseline": "Write a baseline of MODEL files' findings (use it with `validate --baseline FILE`).",
    "diff": "Compare two framework versions, or two submissions of a model.",
    "export": "Write MODEL as a Mẫu 03 data set (XLSX): every sheet, with DM_GIATRI's value lists.",
    "graph": "Draw MODEL: components in their framework layers, connections by kind, findings on it.",
    "import": "Write a Mẫu 03 data set (XLSX) as an archcheck model (YAML), to diff and review in a repository.",
    "kinds": "List the component and national kinds a model may use: Vietnamese and English names, layer, "
             "and the framework versions that know each.",
    "progress": "Per stage of MODEL's approved design: what it includes, what is in operation, what is overdue.",
    "rules": "List, show and test the rules (built-in, and your own with --rules).",
    "schema": "Print a JSON Schema (model, rule, framework, report, diff, baseline, waivers, project or "
              "appraisal), e.g. for an editor.",
    "score": "Score and rank the provinces of MODEL files: obligations met, failed, cannot verify, not in force.",
    "sources": "Check that every source text the MODELS cite exists and holds each quote (NFC, spaces folded).",
    "validate": "Validate MODEL files (YAML; `-` reads standard input) against a framework version.",
}
"""Every command: its name (also the name of its module, ``archcheck.cli.NAME``, and of the command
object in it) and the first paragraph of its help, which ``archcheck --help`` lists without importing
the command (tests/test_cli.py holds it equal to the command's own help)."""


class _Commands(MutableMapping[str, click.Command]):
    """The group's commands by name; a command's module is imported the first time it is looked up."""

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            self._loaded[name] = cast(click.Command, getattr(importlib.import_module(f"{__name__}.{name}"), name))
            if "_ARCHCHECK_COMPLETE" in os.environ:  # the shell asks for completions: versions and rule ids too
                from archcheck.cli.complete import attach

                attach(self._loaded[name])
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("archcheck's commands are fixed")

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._loaded

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*COMMANDS, *self._loaded}))

    def __len__(self) -> int:
        return len({*COMMANDS, *self._loaded})


class _Group(click.Group):
    """The top-level group, listing its commands in ``--help`` from :data:`COMMANDS`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help`` in click's layout, from :data:`COMMANDS` (nothing imported)."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [(name, click.Command(name, help=COMMANDS[name]).get_short_help_str(limit)) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archcheck")
def main() -> None:
    """Check a province's e-government architecture against the national framework.

    Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 could not check.
    """


__all__ = ["COMMANDS", "main"]
