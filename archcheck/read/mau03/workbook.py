"""An XLSX file → the Mẫu 03 sheets as rows of text, each cell with its Excel position.

python-calamine reads the values (ten times faster than openpyxl's read-only mode on a 2,000-object
data set: docs/performance.md); openpyxl is asked only where calamine cannot tell, whether an empty
cell holds a formula without a saved value. Every way a file can be unfit is a located
:class:`~archcheck.errors.LoadError` (exit code 2), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from archcheck.errors import LoadError
from archcheck.findings import Location
from archcheck.read.document import Notice
from archcheck.read.mau03.spec import Sheet, Spec, normalise
from archcheck.values import record

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A workbook larger than this is refused before it is opened."""
MAX_ROWS = 20_000
"""Rows one sheet may hold: ten times the largest provincial catalogue expected (2,000 objects)."""
MAX_CELL_CHARS = 32_767
"""Excel's own limit on the text of one cell; a longer one was not written by Excel."""
HEADER_SEARCH_ROWS = 10
"""The header row is looked for among the first rows (a template may put a title above it)."""


def column_letter(index: int) -> str:
    """0-based column index → Excel letters.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def cell_name(row: int, col: int) -> str:
    """1-based row, 0-based column → ``D14``."""
    return f"{column_letter(col)}{row}"


@record
class SheetRows:
    """One template sheet as read: where each field's column is and each data row's cells.

    Attributes:
        columns: field key → 0-based column index.
        rows: (Excel row number, field key → cell text); empty cells are left out.
    """

    sheet: Sheet
    title: str
    header_row: int
    columns: Mapping[str, int]
    rows: tuple[tuple[int, Mapping[str, str]], ...]


@record
class Workbook:
    """The template sheets found in a workbook, with the loader's notices."""

    file: str
    sheets: Mapping[str, SheetRows]
    notices: tuple[Notice, ...]


def _error(file: str, message: str, *, sheet: str | None = None, row: int | None = None, col: int | None = None,
           hint: str | None = None) -> LoadError:
    err = LoadError(message, file=file, line=row, column=col + 1 if col is not None else None, hint=hint)
    err.sheet = sheet
    err.cell = cell_name(row, col) if row is not None and col is not None else None
    return err


def _text(value: Any) -> str:
    """A cell value as the text archcheck compares (dates ISO, whole numbers without ``.0``, NFC)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def read_workbook(path: str | Path, spec: Spec, *, display_name: str | None = None) -> Workbook:
    """Read the template's sheets from ``path``.

    Raises:
        LoadError: not a workbook, encrypted, too large, a template sheet missing, hidden or with merged
            cells below its title, a mandatory column missing or twice, a formula without a saved value
            where a value is read, a cell longer than Excel allows.
    """
    import python_calamine  # noqa: PLC0415 - only data sets pay for the reader

    name = display_name or str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror}", file=name) from None
    if size > MAX_FILE_BYTES:
        raise _error(name, f"the workbook is {size / 1e6:.0f} MB; archcheck reads data sets up to "
                           f"{MAX_FILE_BYTES // (1024 * 1024)} MB", hint="split it or remove embedded files")
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise _error(name, "the file is password-protected (encrypted) or an old .xls workbook, which cannot be read",
                     hint="save an unprotected copy as .xlsx (File › Info › Protect Workbook › remove the password)")
    if not magic.startswith(b"PK\x03\x04"):
        raise _error(name, "the file is not an XLSX workbook (it is not a ZIP package)",
                     hint="save the data set as Excel Workbook (.xlsx); a YAML model needs a .yaml name")
    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(p))
    except python_calamine.PasswordError:
        raise _error(name, "the workbook is password-protected",
                     hint="save an unprotected copy as .xlsx") from None
    except Exception as exc:  # calamine's errors (ZipError, XmlError, CalamineError) and IO errors
        raise _error(name, f"the file is not a readable XLSX workbook: {type(exc).__name__}: {exc}",
                     hint="open it in Excel or LibreOffice and save it again as .xlsx") from None
    try:
        return _read(wb, p, name, spec)
    finally:
        wb.close()


def _match_sheet(titles: Sequence[str], sheet: Sheet) -> str | None:
    wanted = {normalise(sheet.name), *(normalise(a) for a in sheet.aliases)}
    return next((t for t in titles if normalise(t) in wanted), None)


def _read(wb: Any, path: Path, name: str, spec: Spec) -> Workbook:
    import python_calamine  # noqa: PLC0415

    meta = {m.name: m for m in wb.sheets_metadata}
    titles = list(wb.sheet_names)
    notices: list[Notice] = []
    out: dict[str, SheetRows] = {}
    for sheet in spec.sheets:
        title = _match_sheet(titles, sheet)
        if title is None:
            if sheet.optional:
                continue
            raise _error(name, f"no sheet {sheet.name} ({sheet.table or 'support sheet'} of Mẫu 03); "
                               f"the workbook has: {', '.join(titles) or 'no sheets'}",
                         hint=f"rename the sheet that holds it to {sheet.name} (the template's sheet names may not "
                              "be changed), or add a name to the column map with --mapping")
        visible = meta[title].visible if title in meta else None
        if visible is not None and visible != python_calamine.SheetVisibleEnum.Visible:
            raise _error(name, f"sheet {title} is hidden: a reviewer would not see what archcheck checks",
                         sheet=title, hint="unhide it (right-click a sheet tab › Unhide) and save")
        ws = wb.get_sheet_by_name(title)
        if ws.total_height > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise _error(name, f"sheet {title} has {ws.total_height:,} rows; archcheck reads up to {MAX_ROWS:,} "
                               "data rows a sheet", sheet=title, row=ws.total_height, col=0,
                         hint="a Mẫu 03 catalogue lists objects, not single machines or table rows (Mẫu 03 §1)")
        grid = ws.to_python(skip_empty_area=False)
        out[sheet.name] = _sheet_rows(name, path, title, sheet, grid, ws.merged_cell_ranges or (), notices)
    return Workbook(name, out, tuple(notices))


def _find_header(grid: Sequence[Sequence[Any]], sheet: Sheet) -> tuple[int, dict[str, int], list[tuple[int, str]]]:
    """The header row index (0-based) and field → column; unmatched header cells."""
    best: tuple[int, dict[str, int], list[tuple[int, str]]] = (0, {}, [])
    names = {f.key: {normalise(f.name), *(normalise(a) for a in f.aliases)} for f in sheet.fields}
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        other: list[tuple[int, str]] = []
        for c, value in enumerate(row):
            text = _text(value)
            if not text:
                continue
            key = normalise(text)
            hit = next((k for k, ns in names.items() if key in ns and k not in found), None)
            if hit is not None:
                found[hit] = c
            else:
                other.append((c, text))
        if len(found) > len(best[1]):
            best = (r, found, other)
    return best


def _sheet_rows(name: str, path: Path, title: str, sheet: Sheet, grid: Sequence[Sequence[Any]],  # noqa: PLR0917
                merged: Sequence[Any], notices: list[Notice]) -> SheetRows:
    r0, columns, other = _find_header(grid, sheet)
    header_row = r0 + 1
    for (r1, c1), (r2, c2) in merged:
        if r2 >= r0:
            where = "header" if r1 <= r0 else "data"
            span = f"{cell_name(r1 + 1, c1)}:{cell_name(r2 + 1, c2)}"
            raise _error(name, f"sheet {title} has merged {where} cells {span}; archcheck reads one value a cell",
                         sheet=title, row=r1 + 1, col=c1,
                         hint="unmerge them (Home › Merge & Center › Unmerge Cells) and fill each cell")
    for c, text in other:
        norm = normalise(text)
        if norm.startswith("kiem tra"):
            continue  # the template's check formulas
        dup = next((f for f in sheet.fields if norm in {normalise(f.name), *(normalise(a) for a in f.aliases)}), None)
        if dup is not None:
            raise _error(name, f"sheet {title}: two columns are field {dup.label} "
                               f"({column_letter(columns[dup.key])} and {column_letter(c)})",
                         sheet=title, row=header_row, col=c, hint="remove or rename one of them")
        notices.append(Notice(Location(name, header_row, c + 1, sheet=title, cell=cell_name(header_row, c)),
                              f"column {column_letter(c)} ({text!r}) is not a field of {sheet.name}: not read"))
    missing = [f for f in sheet.fields if f.mandatory and f.key not in columns]
    if missing:
        # a header cell's line breaks (Alt+Enter) shown as spaces: one message line, read as the reader reads it
        found = [" ".join(_text(v).split()) for v in (grid[r0] if grid else ()) if _text(v)]
        f = missing[0]
        raise _error(name, f"sheet {title}: no column for mandatory field {f.label}"
                           + (f" (nor {', '.join(m.label for m in missing[1:])})" if len(missing) > 1 else "")
                           + f"; the header row {header_row} has: {'; '.join(found) or 'nothing'}",
                     sheet=title, row=header_row, col=0,
                     hint="name the column as the guidance does (case, accents and spacing do not matter), or "
                          "map your header to the field with --mapping FILE")
    rows: list[tuple[int, dict[str, str]]] = []
    formula_suspects: list[tuple[int, int]] = []
    mandatory = {c for key, c in columns.items() if sheet.field(key).mandatory}
    for r in range(r0 + 1, len(grid)):
        raw = grid[r]
        cells: dict[str, str] = {}
        for key, c in columns.items():
            value = raw[c] if c < len(raw) else None
            text = _text(value)
            if len(text) >= MAX_CELL_CHARS:  # the reader stops at Excel's limit: reaching it means more was cut
                raise _error(name, f"cell {cell_name(r + 1, c)} of sheet {title} holds {MAX_CELL_CHARS:,} characters "
                                   f"or more; Excel allows {MAX_CELL_CHARS:,}", sheet=title, row=r + 1, col=c,
                             hint="keep long texts in Mẫu 01 and refer to them")
            if text:
                cells[key] = text
            elif value == "" and c in mandatory:  # where a value is required, an empty cell may hide a formula
                formula_suspects.append((r, c))
        if cells:
            rows.append((r + 1, cells))
    if formula_suspects and rows:
        _refuse_formulas(name, path, title, {(r, c) for r, c in formula_suspects if r + 1 <= rows[-1][0]})
    return SheetRows(sheet, title, header_row, columns, tuple(rows))


def _refuse_formulas(name: str, path: Path, title: str, empty: set[tuple[int, int]]) -> None:
    """An empty-looking cell that holds a formula without a saved value is refused (calamine reads it as
    empty; openpyxl, asked only here, sees the formula)."""
    if not empty:
        return
    import openpyxl  # noqa: PLC0415 - only when a read cell is empty

    last = max(r for r, _ in empty) + 1
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[title]
        for r, row in enumerate(ws.iter_rows(max_row=last, values_only=True)):
            for c, value in enumerate(row):
                if (r, c) in empty and isinstance(value, str) and value.startswith("="):
                    raise _error(name, f"cell {cell_name(r + 1, c)} of sheet {title} holds a formula ({value[:60]}) "
                                       "without a saved value", sheet=title, row=r + 1, col=c,
                                 hint="open the file in Excel or LibreOffice and save it, so the values are stored "
                                      "(or paste the values over the formulas)")
    finally:
        wb.close()


