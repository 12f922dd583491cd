"""``archcheck rules list|show|test``: the rules, their sources and their examples."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from archcheck.cli._common import EXIT_FINDINGS, EXIT_OK, guarded
from archcheck.cli.config import configured
from archcheck.cli.lang import lang_option
from archcheck.report.escape import for_json, for_line, for_terminal

_RULES = click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
                      help="A folder of your own rule files (repeatable).")
_FRAMEWORKS = click.option("--frameworks", "framework_dirs", multiple=True,
                           type=click.Path(path_type=Path, file_okay=False),
                           help="A folder of extra framework files, e.g. a profile (repeatable).")

if TYPE_CHECKING:
    from archcheck.law.rules import Rule


@click.group()
def rules() -> None:
    """List, show and test the rules (built-in, and your own with --rules)."""


@rules.command("list")
@click.option("--framework", metavar="VERSION", help="Only the rules this version applies, with its severities.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_RULES
@_FRAMEWORKS
@lang_option("The rules' titles and the listing's words")
@configured
@guarded
def rules_list(framework: str | None, fmt: str, rule_dirs: tuple[Path, ...], framework_dirs: tuple[Path, ...],
               lang: str = "en") -> None:
    """List rules: id, name, severity, source confidence, effective date, title."""
    rows = list_rows(framework, rule_dirs, framework_dirs)
    if fmt == "json":

        click.echo(for_json(rows))
        return
    from archcheck.catalogue import msg, say, words

    langs = ("vi", "en") if lang == "both" else (lang,)
    unconfirmed = "".join(say(msg("cmd.rules-unconfirmed"), x) for x in langs)  # each a parenthesis of its own
    # the severity and binding columns in the language, each as wide as its longest word (at least as wide
    # as the English columns always were); a value the catalogue does not name is shown as it is
    severities, bindings = words("severity", lang), words("binding", lang)
    sev_width = max(8, *(len(w) + 1 for w in severities.values()))
    binding_width = max(14, *(len(w) for w in bindings.values()))
    for r in rows:
        mark = "" if r["confidence"] == "confirmed" else unconfirmed
        life = f"{r['effective']} → {r['until']}" if r["until"] else f"{r['effective']}"
        titles = "".join(f"\n          {for_line(r['title'][x])}" for x in langs)
        severity = severities.get(r["severity"], r["severity"])
        binding = bindings.get(r["binding"], r["binding"])
        click.echo(f"{for_line(r['id']):<9} {severity:<{sev_width}} {life:<24} {binding:<{binding_width}} "
                   f"{for_line(r['name'])}{mark}{titles}")
    count = msg("cmd.rules-count-in", n=len(rows), fw=framework) if framework else msg("cmd.rules-count", n=len(rows))
    click.echo(say(count, lang))


def list_rows(framework: str | None, rule_dirs: tuple[Path, ...] = (),
              framework_dirs: tuple[Path, ...] = ()) -> list[dict[str, Any]]:
    """What ``rules list`` shows of each rule: the object ``--format json`` prints.

    The rows of the built-in rules with no framework are kept in archcheck's cache (archcheck.law.cache,
    keyed by the rule files' bytes and archcheck's code) beside the parsed rules, so that a warm
    ``rules list`` reads one small entry and imports neither the rule objects nor the YAML and schema
    machinery; every other listing is built afresh, by the same function.
    """
    if framework is None and not rule_dirs and not framework_dirs:
        from archcheck.law.cache import cached
        from archcheck.read.schemas import shipped_files

        return cached("rulelist", shipped_files("rules"), lambda: _rows(None, (), ()), lambda rows: rows,
                      _rows_from_plain)
    return _rows(framework, rule_dirs, framework_dirs)


_ROW_TEXT = ("id", "name", "severity", "confidence", "binding", "effective", "document")
_ROW_OPTIONAL = ("until", "ended_by", "superseded_by")


def _rows_from_plain(plain: object) -> list[dict[str, Any]]:
    """The rows :func:`_rows` made, as archcheck's cache kept them, every field checked."""
    if type(plain) is not list:
        raise ValueError("not a list of rules")
    for row in plain:
        if type(row) is not dict or row.keys() != {*_ROW_TEXT, *_ROW_OPTIONAL, "title"}:
            raise ValueError("not a rule row")
        title = row["title"]
        if (any(type(row[k]) is not str for k in _ROW_TEXT)
                or any(row[k] is not None and type(row[k]) is not str for k in _ROW_OPTIONAL)
                or type(title) is not dict or title.keys() != {"en", "vi"}
                or any(type(t) is not str for t in title.values())):
            raise ValueError("not a rule row")
    return plain


def _rows(framework: str | None, rule_dirs: tuple[Path, ...], framework_dirs: tuple[Path, ...]) -> list[dict[str, Any]]:
    from archcheck.api import list_rules

    return [{"id": r.id, "name": r.name, "severity": (sev or r.default_severity).value,
             "confidence": r.citation.confidence.value, "binding": r.binding.value,
             "effective": r.citation.effective, "until": r.until.isoformat() if r.until else None,
             "ended_by": r.ended_by.document if r.ended_by else None, "superseded_by": r.superseded_by,
             "document": r.citation.document, "title": {"en": r.title_en, "vi": r.title_vi}}
            for r, sev in list_rules(framework, rule_dirs, framework_dirs)]


@rules.command("show")
@click.argument("rule_id")
@_RULES
@_FRAMEWORKS
@lang_option("The rule's titles, prose and the listing's words")
@configured
@guarded
def rules_show(rule_id: str, rule_dirs: tuple[Path, ...], framework_dirs: tuple[Path, ...], lang: str = "en") -> None:
    """Show one rule (by id or name): source, rationale, fix, check, examples.

    Also the findings a waivers file or a baseline gives (WVR-001, WVR-002, BSL-001).
    """
    gate_rule = _gate_rule(rule_id, lang)
    if gate_rule is not None:
        click.echo(gate_rule)
        return
    from archcheck.api import rule_grades, show_rule

    r = show_rule(rule_id, rule_dirs)
    grades = [(v, sev.value) for v, sev in rule_grades(r, rule_dirs, framework_dirs)]
    if lang == "both":  # the rule in Vietnamese, then in English
        click.echo(_show(r, grades, "vi") + "\n\n" + _show(r, grades, "en"))
    else:
        click.echo(_show(r, grades, lang))


def _show(r: Rule, grades: list[tuple[str, str]], lang: str) -> str:
    """``rules show`` in one language (``en`` or ``vi``): the catalogue's words, the rule's prose by field
    (:meth:`Rule.prose <archcheck.law.rules.Rule.prose>`: its ``vi`` block, its English where it gives none).
    The notes and the examples' names are the rule file's English: it gives them in no other language."""
    from archcheck.catalogue import join, msg, say, word

    def w(key: str, **values: object) -> str:
        return say(msg(key, **values), lang)

    def p(field: str, english: str) -> str:
        return english if lang == "en" else say(r.prose(field), lang)

    # a rule file may come from anyone (--rules): one-line fields escaped as lines, prose line by line
    line, prose = for_line, for_terminal
    title = r.title_en if lang == "en" else r.title_vi
    c = r.citation
    source = p("document", c.document) + (f", {p('clause', c.clause)}" if c.clause else "")
    source += "; " + w("report.in-force-from", d=c.effective)
    if c.confidence.value == "unconfirmed":
        source += f" ({w('word.unconfirmed')})"
    examples = "; ".join(f"{w('cmd.show-pass' if e.passes else 'cmd.show-fail')}: {line(e.name)}" for e in r.examples)
    graded = join([f"{v}: {say(word('severity', sev), lang)}" for v, sev in grades]) if grades \
        else msg("cmd.show-not-applied")
    return (f"{line(r.id)} {line(r.name)}\n  {line(title)}\n"
            + w("cmd.show-severity", sev=word("severity", r.default_severity.value), grades=graded) + "\n"
            + w("cmd.show-binding", x=word("binding", r.binding.value)) + "\n"
            + f"{w('word.source')}: {line(source)}\n"
            + (w("cmd.show-note", x=prose(c.note.strip())) + "\n" if c.note else "")
            + w("cmd.show-lifetime", x=line(_lifetime(r, lang))) + "\n"
            + w("cmd.show-rationale", x=prose(p("rationale", r.rationale))) + "\n"
            + w("cmd.show-remediation", x=prose(p("remediation", r.remediation))) + "\n"
            + w("cmd.show-check", x=line(r.check_kind)) + "\n"
            + w("cmd.show-examples", x=examples) + "\n"
            + w("cmd.show-file", x=line(str(r.file))))


def _gate_rule(key: str, lang: str = "en") -> str | None:
    """``rules show`` of a finding a waivers file or a baseline gives, by id or name, in ``lang``; None if
    ``key`` is not one. Its prose is the catalogue's (``gate.*``), its labels those of a rule file's."""
    if not key.upper().startswith(("WVR-", "BSL-")) and not key.startswith(("waiver-", "baseline-")):
        return None  # a rule file's id or name: the gate's table is not even imported
    from archcheck.catalogue import msg, say, word
    from archcheck.compare.gate import GATE_RULES

    found = [g for g in GATE_RULES.values() if key.upper() == g.id or key == g.name]
    if not found:
        return None
    g = found[0]

    def shown(said: str, titles: tuple[str, ...]) -> str:
        def w(name: str, **values: object) -> str:
            return say(msg(name, **values), said)

        return (f"{g.id} {g.name}\n" + "".join(f"  {t}\n" for t in titles)
                + w("cmd.show-gate-severity", sev=word("severity", g.severity.value)) + "\n"
                + f"{w('word.source')}: {say(g.source, said)}\n"
                + w("cmd.show-when", x=g.when) + "\n"
                + w("cmd.show-rationale", x=g.rationale) + "\n"
                + w("cmd.show-remediation", x=g.remediation))

    if lang == "both":  # in Vietnamese, then in English
        return shown("vi", (g.title_vi,)) + "\n\n" + shown("en", (g.title_en,))
    if lang == "vi":
        return shown("vi", (g.title_vi,))
    return shown("en", (g.title_vi, g.title_en))  # in English, both titles (as it always was)


def _lifetime(r: Rule, lang: str = "en") -> str:
    """From when to when the rule applies, with what ended it and what replaced it, in ``lang``."""
    from archcheck.catalogue import msg, say

    text = say(msg("cmd.show-from", d=r.citation.effective), lang)
    text += f", {say(r.ended_reason(), lang)}" if r.until else say(msg("cmd.show-no-end"), lang)
    if r.ended_by is not None and r.ended_by.note:
        text += f" ({r.ended_by.note.strip()})"
    if r.superseded_by:
        text += say(msg("cmd.show-superseded", x=r.superseded_by), lang)
    return text


@rules.command("test")
@_RULES
@_FRAMEWORKS
@configured
@guarded
def rules_test(rule_dirs: tuple[Path, ...], framework_dirs: tuple[Path, ...]) -> None:
    """Run the rules' pass/fail examples (only yours with --rules); exit 1 if one misbehaves."""
    from archcheck.api import rules_to_test
    from archcheck.check.examples import run_examples

    failed = 0
    total = 0
    for rule in rules_to_test(rule_dirs, framework_dirs):
        for outcome in run_examples(rule):
            total += 1
            if not outcome.ok:
                failed += 1
                click.echo(for_line(f"FAIL {rule.id} {outcome.name}"))
                for p in outcome.problems:
                    click.echo(for_line(f"  {p}"))
    click.echo(f"{total - failed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
