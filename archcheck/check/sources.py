"""Every quote a model cites occurs in the source text it names.

A model's ``sources:`` name documents by id; each fact's ``source`` gives the document and a quote.
This check finds each document's text file and looks for each quote in it, after the same
normalisation on both sides: Unicode NFC, the look-alike letter Ð/ð (U+00D0/U+00F0) read as Đ/đ,
and every run of whitespace folded to one space.

Where the texts are: a document's ``file`` is looked up in each folder of ``sources_dirs`` (given
with ``--sources-dir`` or the ``ARCHCHECK_SOURCES`` environment variable, a list of folders joined
by the system's path separator); where no folder is given, the model's own folder stands for one.

What a model may name is confined (issue 28): the models checked may come from outside parties, and
what this check says of a text must never tell them anything about a file that is not a source text.
So ``file`` is a plain file name (no folder part, not absolute, not ``.``/``..``), a name that is a
symbolic link must lead to a file inside the same folder, and the text is read with its size bounded
(:data:`MAX_SOURCE_BYTES`), as a regular file (a FIFO or a device is never read). A name refused for
any of these is a located error (the model's file:line:column of ``file:``) and no quote of that
source is looked for, so neither the message nor a "quote not found" line depends on what any
file holds.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from archcheck.catalogue import Message, join, msg
from archcheck.errors import ArchcheckError, InputError
from archcheck.findings import Location, ModelPath
from archcheck.read.files import read_bounded
from archcheck.read.sourcemap import load_file
from archcheck.values import record

MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""The largest source text read (a long decree is a few hundred KB of text)."""

ENV = "ARCHCHECK_SOURCES"
"""The environment variable naming the folders of source texts (``os.pathsep``-separated)."""


def sources_dirs_from_env() -> tuple[Path, ...]:
    """The folders ``ARCHCHECK_SOURCES`` names (none if it is unset or empty)."""
    raw = os.environ.get(ENV, "")
    return tuple(Path(p) for p in raw.split(os.pathsep) if p)


def normalise(text: str) -> str:
    """NFC, Ð/ð as Đ/đ, whitespace folded: the form quotes and texts are compared in.

    >>> normalise("Lâm  Ðồng\\n") == "Lâm Đồng"
    True
    """
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return re.sub(r"\s+", " ", text).strip()


@record
class Miss:
    """A cited source file that was not found, or a quote that is not in its text."""

    location: Location
    document: str
    message: Message

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@record
class SourcesReport:
    """What checking one model's citations found."""

    file: str
    documents: int
    quotes: int
    misses: tuple[Miss, ...]


def _citations(node: Any, path: ModelPath) -> Iterator[tuple[ModelPath, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source":
                items = value if isinstance(value, list) else [value]
                for i, item in enumerate(items):
                    if isinstance(item, dict):
                        yield ((*path, key, i) if isinstance(value, list) else (*path, key)), item
            else:
                yield from _citations(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _citations(item, (*path, i))


def _name_problem(name: str) -> str | None:
    """Why ``name`` is not a plain file name, or None."""
    if not name.strip():
        return "is empty"
    if "\0" in name:
        return "holds a NUL character"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "is an absolute path"
    if any(part == ".." for part in re.split(r"[/\\]", name)):
        return "goes up out of the folder (`..`)"
    if "/" in name or "\\" in name:
        return "has a folder part"
    if name in (".", ".."):
        return "is not a file name"
    return None


def _find(name: str, folders: Sequence[Path]) -> tuple[Path, Path] | None:
    """The first folder holding ``name``, with the file it leads to; a link leaving it is refused.

    Raises:
        ValueError: ``name`` in a folder is a symbolic link to something outside that folder.
    """
    for d in folders:
        candidate = d / name
        if not os.path.lexists(candidate):
            continue
        try:
            real, home = candidate.resolve(strict=True), d.resolve(strict=True)
        except (OSError, RuntimeError):  # a link to nothing, or a loop: as if it were not there
            continue
        if real.parent != home:
            raise ValueError("is a symbolic link out of the folder of source texts")
        return d, real
    return None


def check_sources(model: str | Path, sources_dirs: Sequence[Path] = ()) -> SourcesReport:
    """Check that every source file ``model`` cites exists and holds every quote cited from it.

    Raises:
        LoadError: the model file cannot be read as YAML.
    """
    doc = load_file(model)
    sm = doc.sourcemap
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    raw_sources = data.get("sources")
    declared: dict[str, Any] = raw_sources if isinstance(raw_sources, dict) else {}
    files: dict[str, str] = {}
    texts: dict[str, str | None] = {}
    misses: list[Miss] = []
    for sid, meta in declared.items():
        name = meta.get("file") if isinstance(meta, dict) else None
        if not isinstance(name, str):
            continue
        files[sid] = name
        at = sm.locate(("sources", sid, "file"))
        folders = tuple(sources_dirs) or (Path(model).parent,)
        try:
            problem = _name_problem(name)
            found = _find(name, folders) if problem is None else None
        except ValueError as exc:
            problem = str(exc)
        if problem is not None:
            raise InputError(f"source text {name!r} of {sid!r} {problem}", file=at.file, line=at.line,
                             column=at.column, hint="name a file that is in a folder of source texts "
                             f"(--sources-dir or {ENV}) by its plain name, e.g. `file: decree-42.txt`")
        if found is None:
            texts[sid] = None
            said = msg("sources.not-found-in", name=repr(name), source=repr(sid),
                       folders=join([str(d) for d in sources_dirs], "or")) if sources_dirs else \
                msg("sources.not-found-beside", name=repr(name), source=repr(sid), env=ENV)
            misses.append(Miss(at, sid, said))
        else:
            texts[sid] = normalise(_read_text(found[1], name, sid, at))
    quotes = 0
    body = {k: v for k, v in data.items() if k not in ("sources", "archcheck")}
    for path, item in _citations(body, ()):
        quote, doc_id = item.get("quote"), item.get("doc")
        if not isinstance(quote, str) or not isinstance(doc_id, str) or doc_id not in texts:
            continue
        quotes += 1
        text = texts[doc_id]
        if text is not None and normalise(quote) not in text:
            misses.append(Miss(sm.locate((*path, "quote")), doc_id,
                               msg("sources.quote-not-found", name=repr(files[doc_id]), source=doc_id,
                                   quote=repr(quote))))
    return SourcesReport(sm.file, len(texts), quotes, tuple(misses))


def _read_text(path: Path, name: str, sid: str, at: Location) -> str:
    """The text of a source, read as a regular file of at most :data:`MAX_SOURCE_BYTES`.

    Raises:
        InputError: at the model's ``file:``: not a regular file, unreadable, or too large.
    """
    try:
        raw = read_bounded(path, name, MAX_SOURCE_BYTES, what="source text", regular_only=True,
                           hint="a source text is the plain text of one document")
    except ArchcheckError as exc:
        raise InputError(f"source text {name!r} of {sid!r}: {exc.message}", file=at.file, line=at.line,
                         column=at.column, hint=exc.hint) from None
    return raw.decode("utf-8", errors="replace")
