"""What reading a YAML file gives: plain data, the position of each of its parts, and notices.

Kept apart from the loaders (archcheck.read.sourcemap, the exact one; archcheck.read.fastload), so
that what was read can be kept and used again (archcheck.law.cache keeps parsed rule and framework
files as plain data: :func:`document_to_plain`, :func:`document_from_plain`) without importing a
YAML parser.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import chain
from typing import TypeAlias

from archcheck.findings import Location, ModelPath
from archcheck.values import field, record

JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"


@record(frozen=False)
class SourceMap:
    """Model path → (line, column), both 1-based, for one file.

    Paths not recorded (a finding about a key that is absent) resolve to the nearest
    recorded ancestor, so every finding still gets a line.
    """

    file: str
    positions: Mapping[ModelPath, tuple[int, int]] = field(default_factory=dict)
    prefix: ModelPath = ()
    scalars: Mapping[ModelPath, str] = field(default_factory=dict)
    sheets: Mapping[ModelPath, str] | None = None
    """For a workbook (a Mẫu 03 data set): the sheet of each recorded path, whose position is then
    (row, column) in Excel's numbering."""

    def raw(self, path: ModelPath) -> str | None:
        """The source text of a plain scalar YAML did not read as a string (``010``, ``no``, ``12:30``)."""
        found: str | None = self.scalars.get(self.prefix + tuple(path))
        return found

    def locate(self, path: ModelPath) -> Location:
        """The position of ``path``, or of its nearest recorded ancestor.

        >>> sm = SourceMap("m.yaml", {(): (1, 1), ("a",): (2, 3)})
        >>> str(sm.locate(("a", "b")))
        'm.yaml:2:3'
        """
        full = self.prefix + tuple(path)
        while True:
            pos = self.positions.get(full)
            if pos is not None:
                if self.sheets is not None and full in self.sheets:
                    return _cell_location(self.file, self.sheets[full], pos)
                return Location(self.file, pos[0], pos[1])
            if not full:
                return Location(self.file, 1, 1)
            full = full[:-1]

    def sub(self, prefix: ModelPath) -> SourceMap:
        """A view of this map in which paths are relative to ``prefix``."""
        return SourceMap(self.file, self.positions, self.prefix + tuple(prefix), self.scalars, self.sheets)


def _cell_location(file: str, sheet: str, pos: tuple[int, int]) -> Location:
    col, letters = pos[1], ""
    while col:
        col, r = divmod(col - 1, 26)
        letters = chr(65 + r) + letters
    return Location(file, pos[0], pos[1], sheet=sheet, cell=f"{letters}{pos[0]}")


@record
class Notice:
    """Something the loader changed or noticed without refusing the file."""

    location: Location
    message: str


@record
class LoadedDocument:
    """One YAML document as plain data, with its source map and loader notices."""

    data: JSONValue
    sourcemap: SourceMap
    notices: tuple[Notice, ...] = ()
    fast: bool = False  # read by the fast path (archcheck.read.fastload), with positions computed lazily


FastLoader = Callable[[str, str], "LoadedDocument | None"]


def document_to_plain(doc: LoadedDocument) -> dict[str, JSONValue]:
    """A read document (its data, file name, positions and typed scalars) as JSON-able plain data,
    for archcheck's cache and the parsed data shipped with the package; notices are not kept."""
    sm = doc.sourcemap
    return {"file": sm.file, "data": doc.data,
            "positions": [[*path, line, column] for path, (line, column) in sm.positions.items()],
            "scalars": [[*path, text] for path, text in sm.scalars.items()]}


def document_from_plain(plain: object) -> LoadedDocument:
    """The document :func:`document_to_plain` made ``plain`` of, every part checked.

    Raises:
        ValueError: ``plain`` is not what :func:`document_to_plain` makes.
    """
    if type(plain) is not dict or plain.keys() != {"file", "data", "positions", "scalars"}:
        raise ValueError("not a document")
    file, rows, scalar_rows = plain["file"], plain["positions"], plain["scalars"]
    if type(file) is not str or type(rows) is not list or type(scalar_rows) is not list:
        raise ValueError("not a document")
    # Checked a column at a time (C loops over the ~7,000 positions of the rule files), not row by row.
    if not set(map(type, rows)) <= {list} or not set(map(type, scalar_rows)) <= {list}:
        raise ValueError("not a position")
    if min(map(len, rows), default=2) < 2 or min(map(len, scalar_rows), default=1) < 1:
        raise ValueError("not a position")
    if (not set(map(type, chain.from_iterable(rows))) <= {str, int}
            or not set(map(type, chain.from_iterable(scalar_rows))) <= {str, int}):
        raise ValueError("not a position")
    positions: dict[ModelPath, tuple[int, int]] = {tuple(r[:-2]): (r[-2], r[-1]) for r in rows}
    scalars: dict[ModelPath, str] = {tuple(r[:-1]): r[-1] for r in scalar_rows}
    numbers = list(chain.from_iterable(positions.values()))
    if not set(map(type, numbers)) <= {int} or min(numbers, default=1) < 1 or not set(
            map(type, scalars.values())) <= {str}:
        raise ValueError("not a position")
    return LoadedDocument(plain["data"], SourceMap(file, positions, (), scalars))
