"""The parsed built-in rule and framework files (and the list of provinces), kept across runs in the
user's cache folder.

Reading and schema-checking the shipped rule files is most of what checking one small model costs
after the imports; unpickling what they gave last time is about ten times faster
(docs/performance.md). An entry is used only if it was made from the same bytes of every file, by
the same archcheck (version and the size and modification time of each of its modules) on the same
Python, so it is never stale: an edited rule file, an upgrade or an edit to archcheck's own code
gives a new key and the files are read afresh. The key is kept whole in the entry and compared byte
for byte (no digest stands for it, so no collision can answer for other files); its CRC-32 only
names the entry's file. The folder is ``$XDG_CACHE_HOME/archcheck`` (else
``~/.cache/archcheck``); where it cannot be read or written the cache is skipped, silently, and
nothing else changes. Only the shipped files are cached, never a user's ``--rules`` or
``--frameworks`` folder.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar, cast

from archcheck import __version__

T = TypeVar("T")


def cache_folder() -> Path | None:
    """Where entries are kept: ``$XDG_CACHE_HOME/archcheck``, else ``~/.cache/archcheck`` (None: no home)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / "archcheck"
    try:
        return Path.home() / ".cache" / "archcheck"
    except RuntimeError:  # no home folder can be determined
        return None


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


def cached(kind: str, files: Iterable[tuple[Path, str]], build: Callable[[], T]) -> T:
    """What ``build()`` gives for ``files``, from the cache when an entry was made from the same bytes.

    ``kind`` names the entry (``rules``, ``frameworks``); ``build`` reads the files itself (an error
    it raises is never cached). A missing, unreadable or corrupt entry is rebuilt; a folder that
    cannot be written is left as it is.
    """
    folder = cache_folder()
    if folder is None:
        return build()
    parts = [_code_fingerprint()]
    try:
        for f, name in files:
            data = f.read_bytes()
            parts += [f"{name}\0{len(data)}\0".encode(), data]
    except OSError:
        return build()  # let the reader report what is wrong with the file
    key = b"".join(parts)
    entry = folder / f"{kind}-{zlib.crc32(key):08x}{len(key):x}.pickle"
    try:
        with entry.open("rb") as fh:
            made_from, value = pickle.load(fh)
        if made_from == key:
            return cast(T, value)
    except Exception:  # missing, unreadable, or from an incompatible run: rebuild it
        pass
    value = build()
    _store(folder, kind, entry, (key, value))
    return value


def _store(folder: Path, kind: str, entry: Path, value: object) -> None:
    """Write ``entry`` atomically and remove the older entries of ``kind``; on any failure, nothing."""
    import tempfile  # noqa: PLC0415 - only when an entry is written

    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp).replace(entry)
        tmp = None
        for old in folder.glob(f"{kind}-*.pickle"):
            if old != entry:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
