"""The Mẫu 03 data set's own checks (MOST draft guidance 13/09/2026, Mẫu 03 §5, §8), on its cells.

One kind, ``dataset``, whose ``check`` parameter names the guidance's check; each yields one violation
per offending cell, located by the cell's model path (``province.dataset.sheets.SHEET[i].field``, which
a workbook's source map turns into ``SHEET!CELL``). Messages are written in both languages at the
catalogue: each message is the key ``mau03.KEY`` (archcheck/catalogue.yaml), with the same values in both.
A province without a data set is never checked by these (the engine leaves the rules out).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Self

from archcheck.catalogue import Message, msg
from archcheck.check.kinds.base import Check, CheckContext, ParseCheck, Result
from archcheck.findings import Evidence, ModelPath, Violation
from archcheck.model import DataRow, DataSet
from archcheck.read.mau03.convert import deadline_date
from archcheck.read.mau03.spec import Spec, load_spec, normalise
from archcheck.values import record

_DATA_SHEETS = ("DM_DOITUONG", "QH_KETNOI", "ANHXA", "HOANTHIEN_NV")


def _row_label(sheet: str, row: DataRow) -> Message | str:
    """What a row is about, for messages: ``KT-12 (Cổng thông tin)``, ``ND-1/NV-2``, ``QH-3`` or ``row 14``."""
    c = row.cells
    if sheet == "DM_DOITUONG" and "code" in c:
        return f"{c['code']} ({c['name']})" if "name" in c else c["code"]
    if sheet == "HOANTHIEN_NV" and ("gap" in c or "task" in c):
        return f"{c.get('gap', '?')}/{c.get('task', '?')}"
    if sheet == "QH_KETNOI":
        return c.get("code") or f"{c.get('source', '?')} → {c.get('target', '?')}"
    if sheet == "ANHXA" and "object" in c:
        return c["object"]
    return msg("mau03.row", row=row.row)


def _subject(sheet: str, row: DataRow) -> str:
    c = row.cells
    if sheet == "DM_DOITUONG" and "code" in c:
        return c["code"]
    if sheet == "HOANTHIEN_NV" and ("gap" in c or "task" in c):
        return f"{c.get('gap', '?')}/{c.get('task', '?')}"
    if sheet == "QH_KETNOI" and "code" in c:
        return c["code"]
    return f"{sheet}:{row.row}"


@record
class DataSetCheck(Check):
    """One of the guidance's checks on a Mẫu 03 data set's cells."""

    check: str
    params: Mapping[str, Any]

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        rest = {k: v for k, v in params.items() if k != "check"}
        return cls(str(params["check"]), rest)

    def kinds_used(self) -> frozenset[str]:
        return frozenset()

    def fields_read(self) -> frozenset[str]:
        return frozenset({"province.dataset"})

    def evaluate(self, ctx: CheckContext) -> Result:
        ds = ctx.province.dataset
        if ds is None:
            return Result.not_applicable(msg("mau03.not-a-dataset"))
        return Result.of(_CHECKS[self.check](self, ds, load_spec()))

    def violation(self, key: str, sheet: str, row: DataRow, cell_key: str | None, *, expected: str | None = None,
                  unverifiable: bool = False, **values: object) -> Violation:
        """A violation at ``row``'s ``cell_key`` cell with the catalogue's ``mau03.KEY`` message."""
        path: ModelPath = (*row.path, cell_key) if cell_key else row.path
        cell = row.cells.get(cell_key or "", "")
        return Violation(_subject(sheet, row), path, msg(f"mau03.{key}", row=_row_label(sheet, row), **values),
                         Evidence(expected=expected, actual=cell or "empty") if expected else Evidence(),
                         unverifiable=unverifiable, detail=cell_key)


def _unique_code(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    first: dict[str, DataRow] = {}
    for row in ds.rows("DM_DOITUONG"):
        code = row.cells.get("code")
        if not code:
            continue
        key = normalise(code)
        if key in first:
            yield c.violation("duplicate", "DM_DOITUONG", row, "code", code=code, first=first[key].row)
        else:
            first[key] = row


def _is_marker(text: str, spec: Spec) -> bool:
    return spec.is_unknown(text) or spec.is_not_applicable(text)


def _mandatory(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    for sname in _DATA_SHEETS:
        sheet = spec.sheet(sname)
        for row in ds.rows(sname):
            for f in sheet.fields:
                if f.mandatory and not row.cells.get(f.key):
                    yield c.violation("empty", sname, row, f.key, field=f.label)


_DATE_IN = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{4}|\b(?:19|20)\d{2}\b")


def _unknown_contact(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    own = set(c.params.get("own_facts", ()))
    for sname in _DATA_SHEETS:
        sheet = spec.sheet(sname)
        for row in ds.rows(sname):
            for f in sheet.fields:
                text = row.cells.get(f.key, "")
                if not text or text[:2].lower() != "ch" or \
                        not normalise(text).startswith(normalise(spec.unknown[0])):
                    continue  # "Chưa xác định" (the first test is a cheap one for the many other cells)
                if sname == "DM_DOITUONG" and f.key in own:
                    yield c.violation("own-fact", sname, row, f.key, field=f.label)
                    continue
                said = text[len(spec.unknown[0]):] + " " + row.cells.get("note", "")
                has_date = _DATE_IN.search(said) is not None
                words = re.sub(_DATE_IN, " ", said)
                has_contact = len(re.findall(r"\w{2,}", words)) >= 2
                if not (has_date and has_contact):
                    yield c.violation("no-contact", sname, row, f.key, field=f.label)


def _codes(ds: DataSet) -> set[str]:
    return {normalise(r.cells["code"]) for r in ds.rows("DM_DOITUONG") if "code" in r.cells}


def _references(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    codes = _codes(ds)
    for sname, fields in (("QH_KETNOI", ("source", "target")), ("ANHXA", ("object",)), ("HOANTHIEN_NV", ("objects",))):
        for row in ds.rows(sname):
            for key in fields:
                text = row.cells.get(key, "")
                if not text or _is_marker(text, spec):
                    continue
                items = spec.split(text) if key == "objects" else [text]
                for item in items:
                    if normalise(item) not in codes:
                        yield c.violation("dangling", sname, row, key, code=item)


def _gap_task(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    with_task = {normalise(r.cells["gap"]) for r in ds.rows("HOANTHIEN_NV")
                 if r.cells.get("gap") and r.cells.get("task")}
    seen: set[str] = set()
    for row in ds.rows("HOANTHIEN_NV"):
        gap = row.cells.get("gap")
        if gap and normalise(gap) not in with_task and normalise(gap) not in seen:
            seen.add(normalise(gap))
            yield c.violation("no-task", "HOANTHIEN_NV", row, "task", gap=gap)


def _duplicate_pair(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    first: dict[tuple[str, str], DataRow] = {}
    for row in ds.rows("HOANTHIEN_NV"):
        gap, task = row.cells.get("gap"), row.cells.get("task")
        if not gap or not task:
            continue
        key = (normalise(gap), normalise(task))
        if key in first:
            yield c.violation("pair", "HOANTHIEN_NV", row, "task", gap=gap, task=task, first=first[key].row)
        else:
            first[key] = row


def _consistent(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    sheet = spec.sheet("HOANTHIEN_NV")
    for code_key, fields in c.params["fields"].items():
        first: dict[str, DataRow] = {}
        for row in ds.rows("HOANTHIEN_NV"):
            code = row.cells.get(code_key)
            if not code:
                continue
            prev = first.setdefault(normalise(code), row)
            if prev is row:
                continue
            for f in fields:
                a, b = prev.cells.get(f, ""), row.cells.get(f, "")
                if a and b and normalise(a) != normalise(b):
                    yield c.violation("differs", "HOANTHIEN_NV", row, f, code=code, field=sheet.field(f).label,
                                      first=prev.row)


def _allowed(ds: DataSet, spec: Spec) -> dict[str, set[str]]:
    """Each value list: the data set's own DM_GIATRI where it has the list, else the guidance's."""
    names = {normalise(n): key for key, ns in spec.list_names.items() for n in ns}
    own: dict[str, set[str]] = {}
    for row in ds.rows("DM_GIATRI"):
        key = names.get(normalise(row.cells.get("list", "")))
        if key and row.cells.get("value"):
            own.setdefault(key, set()).add(normalise(row.cells["value"]))
    return {key: own.get(key) or {normalise(v) for v in vals} for key, vals in spec.values.items()}


def _values(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    allowed = _allowed(ds, spec)
    for sname in _DATA_SHEETS:
        sheet = spec.sheet(sname)
        for row in ds.rows(sname):
            for f in sheet.fields:
                text = row.cells.get(f.key, "")
                if not f.values or not text or _is_marker(text, spec):
                    continue
                for item in spec.split(text) if f.multi else [text]:
                    if normalise(item) not in allowed[f.values]:
                        yield c.violation("value", sname, row, f.key, value=item, field=f.label)


def _deadline(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    for row in ds.rows("HOANTHIEN_NV"):
        text = row.cells.get("deadline", "")
        if not text or _is_marker(text, spec):
            continue
        if deadline_date(text) is None and not any(ch.isdigit() for ch in text):
            yield c.violation("vague", "HOANTHIEN_NV", row, "deadline", value=text)


def _verified(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    done = normalise(str(c.params["status"]))
    for row in ds.rows("HOANTHIEN_NV"):
        if normalise(row.cells.get("task_status", "")) != done:
            continue
        evidence = row.cells.get("verification", "")
        if not evidence or _is_marker(evidence, spec):
            yield c.violation("no-evidence", "HOANTHIEN_NV", row, "verification")


def _secrets(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    patterns = [(str(p["what"]), re.compile(str(p["pattern"]), re.IGNORECASE)) for p in c.params["patterns"]]
    anything = re.compile("|".join(f"(?:{p.pattern})" for _, p in patterns), re.IGNORECASE)
    for sname in _DATA_SHEETS:
        for row in ds.rows(sname):
            for key, text in row.cells.items():
                if anything.search(text) is None:
                    continue  # one pass over most cells; which pattern matched is asked only on a hit
                hit = next((what for what, pat in patterns if pat.search(text)), None)
                if hit is not None:
                    yield c.violation("secret", sname, row, key, what=hit)


def _reference_record(c: DataSetCheck, ds: DataSet, spec: Spec) -> Iterator[Violation]:
    ref, own = normalise("Bản ghi tham chiếu"), normalise("Bản ghi gốc")
    others = tuple(normalise(p) for p in c.params["other_prefixes"])
    for row in ds.rows("DM_DOITUONG"):
        kind, code = normalise(row.cells.get("record_type", "")), row.cells.get("code", "")
        if kind == ref and not row.cells.get("source_code"):
            yield c.violation("no-source", "DM_DOITUONG", row, "source_code")
        if kind == own and code and normalise(code).startswith(others):
            yield c.violation("claims", "DM_DOITUONG", row, "record_type", code=code)


_CHECKS = {
    "unique-code": _unique_code,
    "mandatory": _mandatory,
    "unknown-contact": _unknown_contact,
    "references": _references,
    "gap-task": _gap_task,
    "duplicate-pair": _duplicate_pair,
    "consistent": _consistent,
    "values": _values,
    "deadline": _deadline,
    "verified-evidence": _verified,
    "secrets": _secrets,
    "reference-record": _reference_record,
}
CHECK_NAMES = tuple(_CHECKS)
