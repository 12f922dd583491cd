"""Every quote a model cites occurs in the source text it names.

A model's ``sources:`` name documents by id; each fact's ``source`` gives the document and a quote.
This check finds each document's text file and looks for each quote in it, after the same
normalisation on both sides: Unicode NFC, the look-alike letter Ð/ð (U+00D0/U+00F0) read as Đ/đ,
and every run of whitespace folded to one space.

Where the texts are: a document's ``file`` is looked up in each folder of ``sources_dirs`` (given
with ``--sources-dir`` or the ``ARCHCHECK_SOURCES`` environment variable, a list of folders joined
by the system's path separator), then beside the model file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from archcheck.findings import Location, ModelPath
from archcheck.read.sourcemap import load_file
from archcheck.values import record

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
    message: str

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


def _find(name: str, model: Path, dirs: Sequence[Path]) -> Path | None:
    for d in dirs:
        if (d / name).is_file():
            return d / name
    beside = model.parent / name
    return beside if beside.is_file() else None


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
        found = _find(name, Path(model), sources_dirs)
        if found is None:
            texts[sid] = None
            where = (f"in {' or '.join(str(d) for d in sources_dirs)} or beside the model" if sources_dirs
                     else f"beside the model (no folder of source texts: --sources-dir or {ENV})")
            misses.append(Miss(sm.locate(("sources", sid, "file")), sid,
                               f"source text {name!r} of {sid!r} not found {where}"))
        else:
            texts[sid] = normalise(found.read_text("utf-8", errors="replace"))
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
                               f"quote not found in {files[doc_id]!r} ({doc_id}): {quote!r}"))
    return SourcesReport(sm.file, len(texts), quotes, tuple(misses))
