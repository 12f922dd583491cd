"""``archcheck rules list|show|test``: the rules, their sources and their examples."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from archcheck.cli._common import EXIT_FINDINGS, EXIT_OK, guarded

if TYPE_CHECKING:
    from archcheck.law.rules import Rule


@click.group()
def rules() -> None:
    """List, show and test the built-in rules."""


@rules.command("list")
@click.option("--framework", metavar="VERSION", help="Only the rules this version applies, with its severities.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def rules_list(framework: str | None, fmt: str) -> None:
    """List rules: id, name, severity, source confidence, effective date, title."""
    from archcheck.api import list_rules

    rows = list_rules(framework)
    if fmt == "json":
        data = [{"id": r.id, "name": r.name, "severity": (sev or r.default_severity).value,
                 "confidence": r.citation.confidence.value, "binding": r.binding.value,
                 "effective": r.citation.effective, "until": r.until.isoformat() if r.until else None,
                 "ended_by": r.ended_by.document if r.ended_by else None, "superseded_by": r.superseded_by,
                 "document": r.citation.document, "title": {"en": r.title_en, "vi": r.title_vi}}
                for r, sev in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for r, sev in rows:
        mark = "" if r.confirmed else " (unconfirmed)"
        life = f"{r.citation.effective} → {r.until}" if r.until else f"{r.citation.effective}"
        click.echo(f"{r.id:<9} {(sev or r.default_severity).value:<8} {life:<24} {r.binding.value:<14} "
                   f"{r.name}{mark}\n          {r.title_vi}\n          {r.title_en}")
    click.echo(f"{len(rows)} rules" + (f" in framework {framework}" if framework else ""))


@rules.command("show")
@click.argument("rule_id")
@guarded
def rules_show(rule_id: str) -> None:
    """Show one rule (by id or name): source, rationale, fix, check, examples."""
    from archcheck.api import frameworks, show_rule
    from archcheck.law.rules import Binding

    r = show_rule(rule_id)
    grades = [f"{fw.id}: {fw.rules[r.id] if fw.rules[r.id] != 'default' else r.default_severity.value}"
              if r.id in fw.rules else f"{fw.id}: {r.default_severity.value} (binding law, not graded)"
              for fw in frameworks() if r.id in fw.rules or r.binding is Binding.LAW]
    click.echo(f"{r.id} {r.name}\n  {r.title_vi}\n  {r.title_en}\n"
               f"severity: {r.default_severity.value} (by framework: {', '.join(grades) or 'not applied'})\n"
               f"binding: {r.binding.value}\n"
               f"source: {r.citation}\n" + (f"  note: {r.citation.note.strip()}\n" if r.citation.note else "")
               + f"lifetime: {_lifetime(r)}\n"
               + f"rationale: {r.rationale}\nremediation: {r.remediation}\n"
               f"check: {r.check_kind}\nexamples: "
               + "; ".join(f"{'pass' if e.passes else 'fail'}: {e.name}" for e in r.examples)
               + f"\nfile: {r.file}")


def _lifetime(r: Rule) -> str:
    """From when to when the rule applies, with what ended it and what replaced it."""
    text = f"from {r.citation.effective}"
    text += f", {r.ended_reason()}" if r.until else ", no end date known"
    if r.ended_by is not None and r.ended_by.note:
        text += f" ({r.ended_by.note.strip()})"
    if r.superseded_by:
        text += f"; superseded by {r.superseded_by} once that is in force"
    return text


@rules.command("test")
@guarded
def rules_test() -> None:
    """Run every rule's pass/fail examples; exit 1 if one does not behave as declared."""
    from archcheck.api import builtin_rules, run_examples

    failed = 0
    total = 0
    for rule in builtin_rules().values():
        for outcome in run_examples(rule):
            total += 1
            if not outcome.ok:
                failed += 1
                click.echo(f"FAIL {rule.id} {outcome.name}")
                for p in outcome.problems:
                    click.echo(f"  {p}")
    click.echo(f"{total - failed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
