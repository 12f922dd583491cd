"""The command line: parse options, call one library function, pick a reporter, exit 0/1/2.

Heavy modules (networkx, jsonschema) are imported inside the commands, so ``--help`` and
``--version`` stay fast.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from archcheck import __version__
from archcheck.errors import ArchcheckError, OutputError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


def _fail(exc: ArchcheckError) -> None:
    click.echo(f"archcheck: error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


def _guarded(func: F) -> F:
    """Turn every archcheck error into a located message and exit code 2; never a traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ArchcheckError as exc:
            _fail(exc)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug in archcheck: still no traceback, still "could not check"
            click.echo(f"archcheck: internal error: {type(exc).__name__}: {exc}\n"
                       "  hint: this is a bug in archcheck; please report it with the input file",
                       err=True)
            sys.exit(EXIT_ERROR)
        return None

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper  # type: ignore[return-value]


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to ``output``: a failed run never leaves a partial file."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    target = Path(output)
    try:
        import tempfile  # only when writing a file

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if str(target.parent) else ".")
    except OSError as exc:
        raise OutputError(f"cannot write the report: {exc.strerror}", file=output,
                          hint="check that the folder exists and is writable") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        Path(tmp).replace(target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write the report: {exc.strerror}", file=output) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archcheck")
def main() -> None:
    """Check a province's e-government architecture against the national framework.

    Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 could not check.
    """


@main.command()
@click.argument("models", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--framework", "framework", metavar="VERSION",
              help="Check against this framework version (default: the one each model declares).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Evaluate at this date (default: the model's as_of).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 if any finding is at least this severe.")
@click.option("--output", "-o", type=str, metavar="FILE", help="Write the report here instead of stdout.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra rule files (repeatable).")
@click.option("--frameworks", "framework_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra framework files, e.g. a profile that extends 2.0 (repeatable).")
@_guarded
def validate(models: tuple[str, ...], framework: str | None, as_of: dt.datetime | None, fmt: str,
             fail_on: str, output: str | None, rule_dirs: tuple[Path, ...],
             framework_dirs: tuple[Path, ...]) -> None:
    """Validate MODEL files (YAML) against a framework version."""
    import gc

    # A one-shot process whose objects live until it exits: the cycle collector would only re-walk
    # them (0.1 s after checking a national file), so it stays off; see api.validate.
    gc.disable()
    from archcheck.api import validate as run_validate
    from archcheck.findings import Severity
    from archcheck.reporters import REPORTERS
    from archcheck.stages import stage

    run = run_validate(models, framework=framework, as_of=as_of.date() if as_of else None,
                       rule_dirs=rule_dirs, framework_dirs=framework_dirs)
    threshold = Severity(fail_on)
    with stage("report"):
        write_output(REPORTERS[fmt](run, threshold), output)
    sys.exit(run.exit_code(threshold))


@main.group()
def rules() -> None:
    """List, show and test the built-in rules."""


@rules.command("list")
@click.option("--framework", metavar="VERSION", help="Only the rules this version applies, with its severities.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guarded
def rules_list(framework: str | None, fmt: str) -> None:
    """List rules: id, name, severity, source confidence, effective date, title."""
    from archcheck.api import list_rules

    rows = list_rules(framework)
    if fmt == "json":
        data = [{"id": r.id, "name": r.name, "severity": (sev or r.default_severity).value,
                 "confidence": r.citation.confidence.value, "effective": r.citation.effective,
                 "document": r.citation.document, "title": {"en": r.title_en, "vi": r.title_vi}}
                for r, sev in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for r, sev in rows:
        mark = "" if r.confirmed else " (unconfirmed)"
        click.echo(f"{r.id:<9} {(sev or r.default_severity).value:<8} {r.citation.effective}  "
                   f"{r.name}{mark}\n          {r.title_vi}\n          {r.title_en}")
    click.echo(f"{len(rows)} rules" + (f" in framework {framework}" if framework else ""))


@rules.command("show")
@click.argument("rule_id")
@_guarded
def rules_show(rule_id: str) -> None:
    """Show one rule (by id or name): source, rationale, fix, check, examples."""
    from archcheck.api import frameworks, show_rule

    r = show_rule(rule_id)
    grades = [f"{fw.id}: {fw.rules[r.id] if fw.rules[r.id] != 'default' else r.default_severity.value}"
              for fw in frameworks() if r.id in fw.rules]
    click.echo(f"{r.id} {r.name}\n  {r.title_vi}\n  {r.title_en}\n"
               f"severity: {r.default_severity.value} (by framework: {', '.join(grades) or 'not applied'})\n"
               f"source: {r.citation}\n" + (f"  note: {r.citation.note.strip()}\n" if r.citation.note else "")
               + f"rationale: {r.rationale}\nremediation: {r.remediation}\n"
               f"check: {r.check_kind}\nexamples: "
               + "; ".join(f"{'pass' if e.passes else 'fail'}: {e.name}" for e in r.examples)
               + f"\nfile: {r.file}")


@rules.command("test")
@_guarded
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


@main.command()
@click.argument("name", type=click.Choice(["model", "rule", "framework", "report"]))
@_guarded
def schema(name: str) -> None:
    """Print a JSON Schema (model, rule, framework or report), e.g. for an editor."""
    from archcheck.api import schema_text

    click.echo(schema_text(name), nl=False)
