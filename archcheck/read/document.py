"""What reading a YAML file gives: plain data, the position of each of its parts, and notices.

Kept apart from the loaders (archcheck.read.sourcemap, the exact one; archcheck.read.fastload), so
that what was read can be kept and used again (archcheck.law.cache unpickles parsed rule and
framework files) without importing a YAML parser.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
