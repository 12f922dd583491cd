"""Reading an input file with its size bounded before anything is read, whatever kind of file it is.

Every reader of user input (models, national files, rule and framework folders, standard input) goes
through :func:`read_bounded`: a regular file larger than the limit is refused from its size alone (a
1 GB sparse file costs one ``fstat``); a pipe or standard input is read in chunks and refused as soon
as it passes the limit; a device, directory, socket or anything else is refused without reading.
The file is opened without blocking, so a FIFO with no writer does not hang the run.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from archcheck.errors import ArchcheckError, LoadError

STDIN = "-"
"""The path that means standard input (``archcheck validate -``)."""

STDIN_NAME = "<stdin>"
"""How standard input is named in messages and reports."""

FAST_MIN_CHARS = 256 * 1024
"""Smaller texts take the exact loader: it is fast enough there, and neither the fast path
(archcheck.read.fastload) nor rapidyaml is even imported."""

def long_enough_for_fast_path(text: str, min_chars: int | None = None) -> bool:
    """True if ``text`` is long enough to try the fast path: ``min_chars`` (a batch passes 0) or
    :data:`FAST_MIN_CHARS` characters. The one test of it, for the fast path and for its callers
    that must not import it before it is needed."""
    return len(text) >= (FAST_MIN_CHARS if min_chars is None else min_chars)


SPLIT_MIN_BYTES = 1024 * 1024
"""From this size on, one national file is split across the cores (archcheck.check.national); below
it, the file is not even looked at for splitting (nor is the splitter imported)."""

_CHUNK = 1 << 20


def display_name(path: str | Path) -> str:
    """How ``path`` is named in messages: ``<stdin>`` for ``-``, else as given."""
    return STDIN_NAME if str(path) == STDIN else str(path)


def read_bounded(path: str | Path, name: str, limit: int, *, what: str = "file",
                 error: type[ArchcheckError] = LoadError, regular_only: bool = False,
                 hint: str = "split the national file into one file per province") -> bytes:
    """The bytes of ``path`` (``-``: standard input), refusing more than ``limit`` of them.

    ``regular_only``: refuse a FIFO too (a rule or framework folder holds files, never streams).

    Raises:
        LoadError (or ``error``): missing, unreadable, not a file, a device, or larger than ``limit``.
    """
    if str(path) == STDIN:
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        if stream is None:  # pragma: no cover - a text-only stdin (an embedding host)
            raise error("standard input cannot be read as bytes", file=name)
        return _read_capped(stream.read, name, limit, error, hint)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if Path(path).is_symlink():
            raise error("is a symbolic link to nothing (its target does not exist)", file=name,
                        hint="fix or remove the link") from None
        raise error("no such file", file=name, hint="check the path") from None
    except PermissionError:
        raise error("permission denied", file=name, hint="make the file readable") from None
    except IsADirectoryError:
        raise error(f"is a directory, not a {what}", file=name, hint="name a .yaml file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise error("is a symbolic link that loops", file=name, hint="fix or remove the link") from None
        if exc.errno == errno.ENXIO:  # a FIFO with no writer, or a socket
            raise error("is a FIFO or socket with nothing writing to it", file=name,
                        hint="name a regular .yaml file") from None
        raise error(f"cannot read file: {exc.strerror}", file=name) from None
    st = os.fstat(fd)
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise error(f"is a directory, not a {what}", file=name, hint="name a .yaml file")
    with os.fdopen(fd, "rb", buffering=0) as fh:
        if stat.S_ISREG(mode):
            if st.st_size > limit:
                raise error(f"file is {st.st_size} bytes; the limit is {limit}", file=name, hint=hint)
        elif stat.S_ISFIFO(mode) and regular_only:
            raise error(f"is a FIFO, not a {what}", file=name, hint=f"put a regular {what} here")
        elif not stat.S_ISFIFO(mode):  # a device (/dev/zero), a socket: nothing to read a model from
            raise error(f"is a device, not a {what}", file=name,
                        hint="name a regular .yaml file, or pipe it in with `-`" if what == "model file"
                        else f"put a regular {what} here")
        os.set_blocking(fd, True)  # opened non-blocking only so that opening could not hang
        try:
            return _read_capped(fh.read, name, limit, error, hint)
        except OSError as exc:
            raise error(f"cannot read file: {exc.strerror}", file=name) from None


def refuse_early(path: str | Path, name: str, limit: int, *, what: str = "file") -> None:
    """Refuse, from ``stat`` alone, a path :func:`read_bounded` would refuse for its size or kind.

    For a run of one file, before the rules are loaded: a 1 GB file or /dev/zero is refused in the
    time it takes to start. Anything else (missing, unreadable) is left to :func:`read_bounded`.

    Raises:
        LoadError: a regular file larger than ``limit``, or a device.
    """
    if str(path) == STDIN:
        return
    try:
        st = Path(path).stat()
    except (OSError, ValueError):
        return
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise LoadError(f"file is {st.st_size} bytes; the limit is {limit}", file=name,
                        hint="split the national file into one file per province")
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        raise LoadError(f"is a device, not a {what}", file=name,
                        hint="name a regular .yaml file, or pipe it in with `-`")


def _read_capped(read: Callable[[int], bytes | None], name: str, limit: int, error: type[ArchcheckError],
                 hint: str) -> bytes:
    """Read chunks until end of file, refusing the input as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise error(f"more than {limit} bytes; the limit is {limit}", file=name, hint=hint)
        chunks.append(chunk)


def yaml_files(directory: Path, *, what: str, error: type[ArchcheckError] = LoadError) -> list[Path]:
    """The ``*.yaml`` entries of a folder, sorted (what each one is gets checked when it is read).

    Raises:
        LoadError (or ``error``): not a folder, or a folder that cannot be listed.
    """
    if not directory.is_dir():
        raise error(f"is not a folder of {what}s", file=str(directory))
    try:
        return sorted(p for p in directory.iterdir() if p.name.endswith(".yaml"))
    except OSError as exc:
        raise error(f"cannot list the folder: {exc.strerror}", file=str(directory)) from None
