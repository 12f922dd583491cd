"""What every command shares: exit codes, the error guard, atomic output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from archcheck.errors import ArchcheckError, OutputError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


def fail(exc: ArchcheckError) -> None:
    click.echo(f"archcheck: error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


def report_errors(errors: Iterable[ArchcheckError]) -> None:
    """Each file that could not be checked, located, on stderr (the exit code is then 2)."""
    for exc in errors:
        click.echo(f"archcheck: error: {exc}", err=True)


def guarded(func: F) -> F:
    """Turn every archcheck error into a located message and exit code 2; never a traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ArchcheckError as exc:
            fail(exc)
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


