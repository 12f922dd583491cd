"""Shell completion of what click cannot know: framework versions and rule ids.

Click completes commands, options and choices by itself (``_ARCHCHECK_COMPLETE=bash_source archcheck``,
README "Shell completion"). This module adds the values that are data: ``--framework`` and the versions
of ``diff frameworks`` complete to the built-in framework versions, ``rules show`` to every rule id
(the built-in rule files' and the findings of the gate, WVR-001, WVR-002, BSL-001). It is attached only
when the shell asks for completions, so a normal run never imports it.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

from archcheck.read.schemas import shipped_files

GATE_IDS = ("WVR-001", "WVR-002", "BSL-001")
"""The ids of the gate's findings (archcheck.compare.gate.GATE_RULES; tests/test_commands.py holds them equal),
named here so that completing does not import the engine."""


def framework_versions(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The built-in framework versions starting with ``incomplete``."""
    versions = [f.name.removesuffix(".yaml") for f, _ in shipped_files("frameworks")]
    return [CompletionItem(v) for v in versions if v.startswith(incomplete)]


def rule_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Every rule id (built-in rule files, then the gate's) starting with ``incomplete`` (any case)."""
    ids = [f.name.removesuffix(".yaml") for f, _ in shipped_files("rules")] + list(GATE_IDS)
    return [CompletionItem(i) for i in ids if i.upper().startswith(incomplete.upper())]


def attach(command: click.Command) -> None:
    """Give ``command`` (and its subcommands) the completions above."""
    if isinstance(command, click.Group):
        for name in command.commands:
            sub = command.commands[name]
            attach(sub)
        return
    for p in command.params:
        if p.name == "framework" or (command.name == "frameworks" and p.name in ("old", "new")):
            p._custom_shell_complete = framework_versions
        elif p.name == "rule_id":
            p._custom_shell_complete = rule_ids
