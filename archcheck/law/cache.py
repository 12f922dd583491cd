"""The parsed built-in rule and framework files (and the list of provinces), kept across runs in the
user's cache folder, as plain data that can neither run code nor change a verdict.

Reading and schema-checking the shipped rule files is most of what checking one small model costs
after the imports; reading back what they gave last time is several times faster
(docs/performance.md). What is kept, and how it is trusted (issue 28):

- **Plain data, rebuilt on load.** An entry is JSON: the parsed documents (data, positions) or the
  rows a listing prints, never a pickle. Each kind of entry comes with a ``dump`` that makes plain
  data of a value and a ``load`` that checks that data field by field and builds the value again with
  the same constructors a fresh read uses; reading JSON runs no code, and anything ``load`` does not
  accept is a bad entry.
- **Bound to its key and its content.** An entry is used only if it was made from the same bytes of
  every file, by the same archcheck (version and the size and modification time of each of its
  modules) on the same Python: that key, the entry's kind and its content are covered by a keyed
  BLAKE2b digest (a MAC), checked before the content is even parsed. The MAC's key is a random secret
  of this user's, kept *outside* the cache folder (``$XDG_STATE_HOME/archcheck/cache.key``, else
  ``~/.local/state/archcheck/cache.key``, mode 0600), so that an entry written by anyone else (another
  user, a CI cache restored from another branch's job) never verifies: replacing an entry, or editing
  one and keeping its key, gets it rebuilt from the files. A missing secret is made on first use.
- **A folder of the user's own, and files only.** The cache folder (``$XDG_CACHE_HOME/archcheck``,
  else ``~/.cache/archcheck``) and the secret's folder must be directories (not symbolic links) owned
  by the user who runs archcheck and writable by no one else; otherwise they are not used, one notice
  says so on standard error, and the run goes on without the cache. Entries are opened relative to the
  folder's descriptor without following a symbolic link and without blocking, must be regular files
  of the user's, and are read up to :data:`MAX_ENTRY_BYTES`: a FIFO, a link or a device is never read.
- **A bad entry is rebuilt, never believed**: missing, foreign, too large, not verifying, or refused
  by ``load``, the files are read afresh and the entry replaced (atomically).

Where the folder cannot be made or written the cache is skipped, silently, and nothing else changes.
Only the shipped files are cached, never a user's ``--rules`` or ``--frameworks`` folder.

**Shipped with the package** (issue 34): an installed wheel also holds every entry, made from its own
rule, framework and province files when the wheel was built (``python -m archcheck.cli.ship``, run by
``setup.py``), in ``archcheck/law/shipped/KIND.json``. It is used, before the user's cache is even
looked at, when its digest of the files' names, sizes and bytes (and archcheck's version) equals
that of the files beside it now, so a first run, or a CI job that starts with no cache, reads the
parsed files as fast as a warm cache does; an edited rule file makes it stale, and the user's cache
(or a fresh read) answers instead. The package's own files are as trusted as its code, so no secret
is involved; what they hold still goes through the same ``load`` checks.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from archcheck import __version__

try:  # the keyed BLAKE2b of CPython's hashlib, without loading OpenSSL (≈3 ms at every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b
try:
    from _operator import _compare_digest as compare_digest  # what hmac.compare_digest is
except ImportError:  # pragma: no cover - another Python
    from hmac import compare_digest  # type: ignore[no-redef]  # the same function

T = TypeVar("T")

MAX_ENTRY_BYTES = 32 * 1024 * 1024
"""An entry larger than this is not read (the largest, the parsed rules, is well under 1 MB)."""

SHIPPED_FORMAT = b"archcheck-shipped 1\n"
SHIPPED = Path(__file__).with_name("shipped")
"""Where a wheel keeps the entries made when it was built (absent from a source checkout)."""

SHIP_TO: Path | None = None
"""Set by ``archcheck.cli.ship`` while a wheel is built: every :func:`cached` call reads its files
afresh and writes what they gave to this folder as a shipped entry."""

SECRET_BYTES = 32
FORMAT = b"archcheck-cache 2\n"
"""The first line of every entry; the second is the MAC in hex, then the JSON content."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_USABLE = bool(_NOFOLLOW) and hasattr(os, "geteuid") and os.open in os.supports_dir_fd
"""POSIX: where the checks above can be made. Elsewhere the cache is not used at all."""


class BadEntry(ValueError):
    """Raised by a ``load`` function: the plain data is not what its ``dump`` makes."""


def plain_text(v: object, what: str, *, optional: bool = False) -> Any:
    """``v`` if it is a string (or None, where ``optional``): a field of plain data read back from the
    cache or the shipped data, checked before it is believed (else ``ValueError("not <what>")``, and the
    entry is rebuilt)."""
    if type(v) is str or (optional and v is None):
        return v
    raise ValueError(f"not {what}")


def plain_texts(v: object, what: str) -> tuple[str, ...]:
    """``v`` if it is a list of strings, as a tuple (see :func:`plain_text`)."""
    if type(v) is not list:
        raise ValueError(f"not {what}")
    return tuple(plain_text(x, what) for x in v)


def cache_folder() -> Path | None:
    """Where entries are kept: ``$XDG_CACHE_HOME/archcheck``, else ``~/.cache/archcheck`` (None: no home)."""
    return _xdg("XDG_CACHE_HOME", ".cache")


def secret_folder() -> Path | None:
    """Where the MAC's secret is kept: ``$XDG_STATE_HOME/archcheck``, else ``~/.local/state/archcheck``."""
    return _xdg("XDG_STATE_HOME", ".local/state")


def _xdg(variable: str, default: str) -> Path | None:
    base = os.environ.get(variable)
    if base and Path(base).is_absolute():
        return Path(base) / "archcheck"
    try:
        return Path.home() / default / "archcheck"
    except RuntimeError:  # no home folder can be determined
        return None


_noticed: list[str] = []


def _notice(message: str) -> None:
    """Say once per run, on standard error, why the cache is not used."""
    if not _noticed:
        _noticed.append(message)
        sys.stderr.write(f"archcheck: note: {message}; this run reads the rule files without the cache\n")


def _open_folder(folder: Path, *, create: bool) -> int | None:
    """A descriptor of ``folder`` if it is a directory of the user's that no one else may write (made,
    mode 0700, if ``create`` and missing); None (with a notice if it exists but may not be trusted)."""
    flags = os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(folder, flags)
    except FileNotFoundError:
        if not create:
            return None
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            folder.mkdir(mode=0o700, exist_ok=True)  # another run may make it at the same moment
            fd = os.open(folder, flags)
        except OSError:
            return None
    except OSError as exc:
        # A symbolic link is refused with a notice; a folder that cannot be made or read (under a
        # file, without permission), silently: as if archcheck had no cache.
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and folder.is_symlink():
            _notice(f"{folder} is a symbolic link, not a folder; make it a folder of your own")
        return None
    st = os.fstat(fd)
    problem = _untrusted(st, group_other=0o022)
    if problem is None:
        return fd
    os.close(fd)
    _notice(f"{folder} {problem}; remove it, or make it yours and `chmod go-w` it")
    return None


def _untrusted(st: os.stat_result, *, group_other: int) -> str | None:
    """Why a file or folder of these stats may not be trusted, or None."""
    if st.st_uid != os.geteuid():
        return f"is owned by user id {st.st_uid}, not by you ({os.geteuid()})"
    if st.st_mode & group_other:
        return f"may be written by others (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def _read(dir_fd: int, name: str, limit: int, *, private: bool = False) -> bytes | None:
    """The bytes of ``name`` in the folder ``dir_fd`` if it is a regular file of the user's, not group-
    or other-writable (not accessible to them at all if ``private``), of at most ``limit`` bytes."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0), dir_fd=dir_fd)
    except OSError:  # missing, a symbolic link (ELOOP), a FIFO with no writer (ENXIO), …
        return None
    try:
        st = os.fstat(fd)
        if (not stat.S_ISREG(st.st_mode) or st.st_size > limit
                or _untrusted(st, group_other=0o077 if private else 0o022) is not None):
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
        return None  # it grew past the limit while being read
    except OSError:
        return None
    finally:
        os.close(fd)


@cache
def _secret() -> bytes | None:
    """This user's MAC secret (made on first use), or None where it cannot be kept safely."""
    folder = secret_folder()
    if folder is None:
        return None
    fd = _open_folder(folder, create=True)
    if fd is None:
        return None
    try:
        found = _read(fd, "cache.key", SECRET_BYTES, private=True)
        if found is not None and len(found) == SECRET_BYTES:
            return found
        if found is None and _exists(fd, "cache.key"):
            _notice(f"{folder / 'cache.key'} is not a private file of yours; remove it")
            return None
        # Written under another name and linked into place, so that a second archcheck starting at the
        # same time reads either no secret or the whole of one, never half of one.
        tmp = f".cache.key-{os.urandom(8).hex()}"
        wfd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=fd)
        try:
            os.write(wfd, os.urandom(SECRET_BYTES))
        finally:
            os.close(wfd)
        try:
            os.link(tmp, "cache.key", src_dir_fd=fd, dst_dir_fd=fd, follow_symlinks=False)
        except FileExistsError:
            pass  # another run made it first: use theirs
        finally:
            os.unlink(tmp, dir_fd=fd)
        found = _read(fd, "cache.key", SECRET_BYTES, private=True)
        return found if found is not None and len(found) == SECRET_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _exists(dir_fd: int, name: str) -> bool:
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return False
    return True


@cache
def _code_fingerprint() -> bytes:
    """archcheck's version, the Python it runs on, and the size and modification time of each of its
    modules: what produced an entry, besides the files it was read from."""
    root = Path(__file__).resolve().parent.parent
    parts = [f"{__version__}\0{sys.version}\0{root}\0"]
    modules: list[tuple[str, int, int]] = []
    folders = [str(root)]
    while folders:  # os.scandir and its cached stat: a fraction of Path.rglob's time
        with os.scandir(folders.pop()) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__":
                        folders.append(e.path)
                elif e.name.endswith(".py"):
                    st = e.stat()
                    modules.append((os.path.relpath(e.path, root), st.st_size, st.st_mtime_ns))
    parts += [f"{rel}\0{size}\0{mtime}\0" for rel, size, mtime in sorted(modules)]
    return "".join(parts).encode()


def files_key(files: Iterable[tuple[Path, str]]) -> bytes | None:
    """The names, sizes and bytes of ``files``, in order (None if one cannot be read)."""
    parts = []
    try:
        for f, name in files:
            data = f.read_bytes()
            parts += [f"{name}\0{len(data)}\0".encode(), data]
    except OSError:
        return None
    return b"".join(parts)


def mac(secret: bytes, kind: str, key_digest: bytes, content: bytes) -> str:
    """The keyed digest binding an entry's content to its kind and key."""
    h = blake2b(key=secret, digest_size=32)
    h.update(f"{kind}\0".encode())
    h.update(key_digest)
    h.update(content)
    return h.hexdigest()


def cached(kind: str, files: Iterable[tuple[Path, str]], build: Callable[[], T],
           dump: Callable[[T], Any], load: Callable[[Any], T]) -> T:
    """What ``build()`` gives for ``files``, from the cache when an entry was made from the same bytes.

    ``kind`` names the entry (``rules``, ``frameworks``); ``build`` reads the files itself (an error
    it raises is never cached); ``dump`` makes JSON-able plain data of its value and ``load`` checks
    such data and makes the value again (raising :class:`BadEntry`, or any error, on what it does not
    accept). A missing, foreign, unverifiable or refused entry is rebuilt; a folder that cannot be
    written is left as it is.
    """
    if SHIP_TO is not None:
        return _ship(kind, files, build, dump, load)
    content_key = files_key(files)
    if content_key is None:
        return build()  # let the reader report what is wrong with the file
    from_package = _shipped(kind, content_key, load)
    if from_package is not None:
        return from_package[0]
    folder = cache_folder()
    if folder is None or not _USABLE:
        return build()
    fd = _open_folder(folder, create=True)
    if fd is None:
        return build()
    try:
        secret = _secret()
        if secret is None:
            return build()
        key_digest = blake2b(_code_fingerprint() + b"\0" + content_key, digest_size=32).digest()
        name = f"{kind}-{key_digest[:12].hex()}.json"
        raw = _read(fd, name, MAX_ENTRY_BYTES)
        found = _verified(raw, secret, kind, key_digest, load) if raw is not None else None
        if found is not None:
            return found[0]
        value = build()
        _store(fd, kind, name, secret=secret, key_digest=key_digest, dump=lambda: dump(value))
        return value
    finally:
        os.close(fd)


def shipped_digest(kind: str, content_key: bytes) -> str:
    """What a shipped entry is checked against: the files it was made from, by which archcheck."""
    return blake2b(f"{kind}\0{__version__}\0".encode() + SHIPPED_FORMAT + content_key, digest_size=32).hexdigest()


def _shipped(kind: str, content_key: bytes, load: Callable[[Any], T]) -> tuple[T] | None:
    """The package's own entry for ``kind`` if it was made from exactly these files, else None."""
    try:
        with (SHIPPED / f"{kind}.json").open("rb") as fh:
            raw = fh.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None  # a source checkout, or an installation without them
    if not raw.startswith(SHIPPED_FORMAT) or len(raw) > MAX_ENTRY_BYTES:
        return None
    digest, newline, content = raw[len(SHIPPED_FORMAT):].partition(b"\n")
    if not newline or digest.decode("ascii", "replace") != shipped_digest(kind, content_key):
        return None  # made from other files: a rule file was edited since the wheel was built
    import json  # noqa: PLC0415 - only when an entry is used

    try:
        return (load(json.loads(content)),)
    except Exception:  # never believed: the files are read instead
        return None


def _ship(kind: str, files: Iterable[tuple[Path, str]], build: Callable[[], T], dump: Callable[[T], Any],
          load: Callable[[Any], T]) -> T:
    """Read the files afresh, and write what they gave to :data:`SHIP_TO` (a wheel being built).

    Raises:
        ValueError: what the files gave does not come back whole through JSON and ``load`` (the
            wheel's build fails rather than ship an entry that would never be used).
    """
    import json  # noqa: PLC0415 - only while a wheel is built

    assert SHIP_TO is not None  # the caller checked it
    files = list(files)
    value = build()
    content_key = files_key(files)
    if content_key is None:
        raise OSError(f"cannot read the files of {kind}")
    plain = dump(value)
    content = json.dumps(plain, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    if json.loads(content) != plain:
        raise ValueError(f"{kind}: what the files gave does not survive JSON")
    load(json.loads(content))
    SHIP_TO.mkdir(parents=True, exist_ok=True)
    (SHIP_TO / f"{kind}.json").write_bytes(SHIPPED_FORMAT + shipped_digest(kind, content_key).encode() + b"\n"
                                           + content)
    return value


def _verified(raw: bytes, secret: bytes, kind: str, key_digest: bytes,
              load: Callable[[Any], T]) -> tuple[T] | None:
    """The value of an entry whose MAC verifies and whose content ``load`` accepts, else None."""
    if not raw.startswith(FORMAT):
        return None
    tag, newline, content = raw[len(FORMAT):].partition(b"\n")
    if not newline or not compare_digest(tag, mac(secret, kind, key_digest, content).encode()):
        return None
    import json  # noqa: PLC0415 - only when an entry verifies

    try:
        return (load(json.loads(content)),)
    except Exception:  # whatever a bad entry makes load raise, it is rebuilt, never believed
        return None


def _store(fd: int, kind: str, name: str, *, secret: bytes, key_digest: bytes, dump: Callable[[], Any]) -> None:
    """Write the entry atomically, and remove the older entries of ``kind``; on any failure, nothing."""
    import json  # noqa: PLC0415 - only when an entry is written

    try:
        plain = dump()
        content = json.dumps(plain, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        if json.loads(content) != plain:  # a tuple, or a key that is not a string: not kept as it is
            return
    except (TypeError, ValueError, RecursionError):
        return
    tmp_name = f".{kind}-{os.urandom(8).hex()}.tmp"
    tmp: str | None = tmp_name
    try:
        wfd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                      0o600, dir_fd=fd)
        with os.fdopen(wfd, "wb") as fh:
            fh.write(FORMAT + mac(secret, kind, key_digest, content).encode() + b"\n" + content)
        os.replace(tmp_name, name, src_dir_fd=fd, dst_dir_fd=fd)
        tmp = None
        for old in os.listdir(fd):
            if old != name and old.startswith(f"{kind}-") and old.endswith((".json", ".pickle")):
                os.unlink(old, dir_fd=fd)
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=fd)
