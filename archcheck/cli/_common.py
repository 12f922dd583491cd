"""What every command shares: exit codes, the error guard, atomic output."""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from archcheck.errors import ArchcheckError, OutputError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
F = TypeVar("F", bound=Callable[..., Any])


def _error_text(exc: ArchcheckError) -> str:
    """``archcheck: error: file:line:col: message`` and the hint, each line escaped on its own."""
    from archcheck.report.escape import error_lines  # only on the error path

    return "\n".join(error_lines(exc, "archcheck: error: "))


def fail(exc: ArchcheckError) -> None:
    click.echo(_error_text(exc), err=True)
    sys.exit(EXIT_ERROR)


def report_errors(errors: Iterable[ArchcheckError]) -> None:
    """Each file that could not be checked, located, on stderr (the exit code is then 2)."""
    for exc in errors:
        click.echo(_error_text(exc), err=True)


def guarded(func: F) -> F:
    """Turn every archcheck error into a located message and exit code 2; never a traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        WRITTEN.clear()  # this command's reports only (CliRunner and library callers run several in a process)
        with _terminate_cleanly():
            return _run(*args, **kwargs)

    def _run(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ArchcheckError as exc:
            fail(exc)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:  # the reader stopped (`| head`): end quietly, as other tools do
            _pipe_closed()
        except KeyboardInterrupt:  # Ctrl-C: workers are already stopped (fork_map)
            click.echo(f"archcheck: interrupted; {_what_was_written()}", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except MemoryError:
            click.echo("archcheck: error: out of memory while checking; nothing was written\n"
                       "  hint: check fewer files at once, or raise the memory limit (ulimit -v)", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:  # a bug in archcheck: still no traceback, still "could not check"
            from archcheck.report.escape import for_line  # only on the error path

            click.echo(for_line(f"archcheck: internal error: {type(exc).__name__}: {exc}") + "\n"
                       "  hint: this is a bug in archcheck; please report it with the input file",
                       err=True)
            sys.exit(EXIT_ERROR)
        return None

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper  # type: ignore[return-value]


EXIT_TERMINATED = 143  # 128 + SIGTERM
EXIT_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `yes | head`


def _pipe_closed() -> None:
    """Standard output's reader is gone: send what is still buffered nowhere and exit 141, with no message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush then succeeds silently
    except (OSError, ValueError, AttributeError):  # no real descriptor (an embedding host, a test runner)
        pass
    sys.exit(EXIT_PIPE)


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(EXIT_TERMINATED)  # unwinds: workers are killed, a half-written temp file removed


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """While a command runs, SIGTERM unwinds like an exception instead of ending the process abruptly."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield  # a host application owns its signals
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def write_output(text: str, output: str | None, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write a report to standard output, or atomically to the file ``output``.

    Where a report may go (docs/robustness.md lists the messages):

    * ``None`` or ``-``: standard output.
    * ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N`` (what a shell's process
      substitution ``>(cmd)`` passes): the descriptor this process already holds, written as a stream
      (a pipe, a terminal, or the file the shell redirected it to, at its current offset).
    * A regular file, or a new one: written to a temporary file in the same folder and renamed over it,
      so a failed run never leaves a partial report. A new report gets the permissions the umask gives
      (0644 under umask 022); an existing one keeps its mode.
    * Refused, exit 2: a directory; a device, FIFO or socket (the reader would get nothing and the node
      would be replaced); a symbolic link (archcheck does not write through a link: name its target);
      one of the run's input files (it would overwrite the model).

    The text is written as UTF-8; anything that cannot be encoded (a lone surrogate) is written as a
    ``\\udXXX`` escape, so writing never fails on what the loader accepted.

    Raises:
        OutputError: the report cannot go there (the message names the path and what to do).
    """
    data = text.encode("utf-8", "backslashreplace")
    if output is None or output == "-":
        _write_stream(data, None, output or "-")
        return
    fd = _own_descriptor(output)
    if fd is not None:
        _write_stream(data, fd, output)
        return
    target = check_output(output, inputs)
    _replace_atomically(data, target, output)


_OWN_FD = re.compile(r"/(?:dev/fd|proc/self/fd)/([0-9]{1,9})")
_STD_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}


def _own_descriptor(output: str) -> int | None:
    """The descriptor an output path names, if it is one this process holds (``/dev/fd/63``)."""
    if output in _STD_NAMES:
        return _STD_NAMES[output]
    m = _OWN_FD.fullmatch(output)
    return int(m.group(1)) if m else None


def check_output(output: str, inputs: Iterable[str | Path] = ()) -> Path:
    """Refuse, before any work is done, an output path the report must not be written to.

    Returns the path to write (see :func:`write_output` for what is refused).

    Raises:
        OutputError: a directory, device, FIFO, socket, symbolic link, or one of ``inputs``.
    """
    target = Path(output)
    if output in ("-",) or _own_descriptor(output) is not None:
        return target
    try:
        st = target.lstat()
    except FileNotFoundError:
        return target  # a new report; a missing folder is reported when it is written
    except OSError as exc:
        raise OutputError(f"cannot write the report: {exc.strerror}", file=output) from None
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        raise OutputError(
            f"is a symbolic link (to {target.readlink()}); archcheck does not write through links",
            file=output, hint="name the file the link points to, or remove the link")
    if stat.S_ISDIR(mode):
        raise OutputError("is a directory, not a report file", file=output,
                          hint="name a file inside it, e.g. " + str(target / "report.txt"))
    if not stat.S_ISREG(mode):
        what = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device")
        raise OutputError(f"is {what}, not a regular file; the report would not reach it", file=output,
                          hint="use `-o -` (standard output) and redirect it, e.g. `> " + output + "`")
    for given in inputs:
        try:
            other = Path(given).stat()
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            raise OutputError(f"is one of the input files ({given}); the report would overwrite it",
                              file=output, hint="write the report to another file")
    return target


def _write_stream(data: bytes, fd: int | None, output: str) -> None:
    """Write to standard output (``fd`` None) or to a descriptor this process holds."""
    try:
        if fd is None:
            sys.stdout.flush()
            stream = getattr(sys.stdout, "buffer", None)
            if stream is None:  # a text-only stdout (an embedding host): it gets text
                sys.stdout.write(data.decode("utf-8"))
                return
            stream.write(data)
            stream.flush()
            return
        with os.fdopen(os.dup(fd), "wb") as fh:
            fh.write(data)
    except BrokenPipeError:  # the reader stopped (`| head`): nothing more to say to it
        return
    except OSError as exc:
        raise OutputError(f"cannot write the report: {exc.strerror}", file=output,
                          hint="check that the descriptor is open for writing") from None


WRITTEN: list[str] = []
"""The report files this process has put in place, whole (a Ctrl-C after one of them says so)."""


def _what_was_written() -> str:
    if not WRITTEN:
        return "nothing was written"
    return f"written whole before it: {', '.join(WRITTEN)}; nothing else was written"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace_atomically(data: bytes, target: Path, output: str) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it over ``target``."""
    import tempfile  # only when writing a file

    try:
        existing = target.stat().st_mode & 0o7777
    except OSError:
        existing = None
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write the report: {exc.strerror}", file=output,
                          hint="check that the folder exists and is writable") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(existing if existing is not None else 0o666 & ~_umask())
        WRITTEN.append(output)  # said before the rename, so that no moment has it in place and unsaid
        Path(tmp).replace(target)
    except BaseException as exc:  # an interrupted or failed write leaves nothing behind
        if Path(tmp).exists():  # not renamed: nothing of this report is in place
            Path(tmp).unlink(missing_ok=True)
            if WRITTEN[-1:] == [output]:
                WRITTEN.pop()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write the report: {exc.strerror}", file=output) from None
        raise


def extra_folders(func: F) -> F:
    """The ``--rules DIR`` and ``--frameworks DIR`` options (repeatable) of a command that checks models."""
    func = click.option("--frameworks", "framework_dirs", multiple=True,
                        type=click.Path(path_type=Path, file_okay=False),
                        help="A folder of extra framework files (repeatable).")(func)
    return click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
                        help="A folder of extra rule files (repeatable).")(func)
