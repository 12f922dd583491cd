"""A Mẫu 03 data set → the model a YAML file describes (components, national, connections, design),
plus the rows themselves (``province.dataset``), with each model path placed on its cell.

What becomes what is data (``kinds.yaml``): an object's kind from its name or type, a relation's
connection kind and route from its type and mechanism (2.6: NDXP, NDOP, LGSP, LDOP, API, trục liên
thông, kết nối chuyên dùng), a status from the lifecycle column; HOANTHIEN_NV's tasks become the
design's stages (deadline → stage end), so ``archcheck progress`` reads them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping

from archcheck.errors import LoadError
from archcheck.findings import Location, ModelPath
from archcheck.read.document import JSONValue, LoadedDocument, Notice, SourceMap
from archcheck.read.mau03.spec import Spec, normalise
from archcheck.read.mau03.workbook import SheetRows, Workbook, cell_name

SHEET_ORDER = ("DM_DOITUONG", "QH_KETNOI", "ANHXA", "HOANTHIEN_NV", "DM_GIATRI", "TU_DIEN_TRUONG", "LS_PHIENBAN")
DATASET: ModelPath = ("province", "dataset")


def slug(code: str) -> str:
    """A local code as a model id: ``KT-12`` → ``kt-12``.

    >>> slug("KT-12"), slug("NV-DL 01"), slug("Đ.1")
    ('kt-12', 'nv-dl-01', 'd-1')
    """
    text = normalise(code).replace(" ", "-")
    text = re.sub(r"[^a-z0-9_-]+", "-", text).strip("-_")
    return text or "x"


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_QUARTER = re.compile(r"^(?:quy|q)\s*([1-4]|i{1,3}|iv)\s*(?:nam\s*)?(\d{4})$")
_YEAR = re.compile(r"^(?:nam\s*)?(\d{4})$")
_RANGE = re.compile(r"^(?:giai doan\s*)?(\d{4})\s*(?:den|to)?\s*(\d{4})$")
_QUARTERS = {"1": 3, "i": 3, "2": 6, "ii": 6, "3": 9, "iii": 9, "4": 12, "iv": 12}


def deadline_date(text: str) -> dt.date | None:
    """The last day a deadline cell allows, or None if it is not a concrete date or period.

    >>> deadline_date("31/12/2027"), deadline_date("Quý IV/2027"), deadline_date("2026-2030")
    (datetime.date(2027, 12, 31), datetime.date(2027, 12, 31), datetime.date(2030, 12, 31))
    >>> deadline_date("trung hạn") is None
    True
    """
    t = text.strip()
    try:
        return dt.date.fromisoformat(t[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", t) else _parse(t)
    except ValueError:
        return None


def _parse(t: str) -> dt.date | None:
    if m := _DMY.match(t):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    n = normalise(t)
    if m := _MY.match(t):
        month, year = int(m[1]), int(m[2])
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    if m := _QUARTER.match(n):
        month = _QUARTERS[m[1]]
        return dt.date(int(m[2]), month, calendar.monthrange(int(m[2]), month)[1])
    if (m := _YEAR.match(n)) or (m := _RANGE.match(n)):
        return dt.date(int(m[m.lastindex or 1]), 12, 31)
    return None


_PERIOD = re.compile(r"^(\S+)\s+(?:-|–|—|đến)\s+(\S+)$")


def period(text: str) -> tuple[dt.date | None, dt.date | None]:
    """A deadline cell as (start, end): ``01/01/2026 – 31/12/2027`` gives both, a single deadline the end.

    >>> period("01/01/2026 – 31/12/2027")
    (datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))
    """
    m = _PERIOD.match(text.strip())
    if m:
        a, z = deadline_date(m[1]), deadline_date(m[2])
        if a is not None and z is not None and re.match(r"^\d{1,2}/\d{1,2}/\d{4}$|^\d{4}-\d{2}-\d{2}$", m[1]):
            return a, z
    return None, deadline_date(text)


class _Builder:
    def __init__(self, wb: Workbook, spec: Spec, known_kinds: frozenset[str] | None) -> None:
        self.wb, self.spec, self.known = wb, spec, known_kinds
        self.positions: dict[ModelPath, tuple[int, int]] = {}
        self.sheets: dict[ModelPath, str] = {}
        self.notices: list[Notice] = []

    def place(self, path: ModelPath, sheet: str, row: int, field: str | None) -> None:
        rows = self.wb.sheets[sheet]
        col = rows.columns.get(field, 0) if field else 0
        self.positions[path] = (row, col + 1)
        self.sheets[path] = rows.title

    def notice(self, sheet: str, row: int, field: str | None, message: str) -> None:
        rows = self.wb.sheets[sheet]
        col = rows.columns.get(field, 0) if field else 0
        self.notices.append(Notice(Location(self.wb.file, row, col + 1, sheet=rows.title, cell=cell_name(row, col)),
                                   message))


def to_document(wb: Workbook, spec: Spec, *, known_kinds: Iterable[str] | None = None) -> LoadedDocument:
    """The model document of a read workbook, its source map pointing at cells.

    ``known_kinds``: the component kinds some loaded framework knows; a kinds.yaml entry naming another
    is skipped (None: every entry is used).

    Raises:
        LoadError: the data set does not say which province it is or its data cut-off date.
    """
    b = _Builder(wb, spec, frozenset(known_kinds) if known_kinds is not None else None)
    first = wb.sheets["DM_DOITUONG"]
    for root in ((), ("province",)):
        b.place(root, "DM_DOITUONG", first.header_row, None)
    name, as_of = _identity(b)
    components, national, ids = _objects(b)
    connections = _relations(b, ids, {str(c["id"]): str(c["kind"]) for c in [*components, *national]})
    design = _design(b, as_of, ids, components)
    province: dict[str, JSONValue] = {"name": name, "as_of": as_of.isoformat(), "framework": spec.framework}
    if components:
        province["components"] = components  # type: ignore[assignment]
    if national:
        province["national"] = national  # type: ignore[assignment]
    if connections:
        province["connections"] = connections  # type: ignore[assignment]
    if design is not None:
        province["design"] = design
    province["dataset"] = dataset_data(b)
    data: dict[str, JSONValue] = {"archcheck": 2, "province": province}
    sm = SourceMap(wb.file, b.positions, sheets=b.sheets)
    return LoadedDocument(data, sm, tuple(wb.notices) + tuple(b.notices))


def dataset_data(b: _Builder) -> dict[str, JSONValue]:
    """``province.dataset``: every sheet's rows, each placed on its cells."""
    sheets: dict[str, JSONValue] = {}
    positions, titles = b.positions, b.sheets
    for sname in SHEET_ORDER:
        rows = b.wb.sheets.get(sname)
        if rows is None:
            continue
        out: list[JSONValue] = []
        title, columns = rows.title, list(rows.columns.items())
        for i, (r, cells) in enumerate(rows.rows):  # b.place, unrolled: a cell per field of every row
            base = (*DATASET, "sheets", sname, i)
            positions[base] = (r, 1)
            titles[base] = title
            for key, c in columns:
                path = (*base, key)
                positions[path] = (r, c + 1)
                titles[path] = title
            out.append({"row": r, **{k: cells[k] for k, _ in columns if k in cells}})
        sheets[sname] = out
    b.place(DATASET, "DM_DOITUONG", b.wb.sheets["DM_DOITUONG"].header_row, None)
    return {"template": "mau03", "sheets": sheets}


def _identity(b: _Builder) -> tuple[str, dt.date]:
    """The province (LS_PHIENBAN's "Cơ quan chủ quản khung") and date (its data cut-off) of the latest version."""
    hist = b.wb.sheets.get("LS_PHIENBAN")
    file = b.wb.file
    if hist is None or not hist.rows:
        raise LoadError("the data set has no version row (LS_PHIENBAN), so its province and data cut-off date are "
                        "unknown", file=file, hint="add a LS_PHIENBAN row with the version, effective date, data "
                        "cut-off date and the framework's body (Cơ quan chủ quản khung, e.g. UBND tỉnh Lâm Đồng)")
    dated: list[tuple[dt.date, int, Mapping[str, str]]] = []
    for r, cells in hist.rows:
        text = cells.get("cutoff") or cells.get("effective") or ""
        day = deadline_date(text) if text else None
        if day is None or not re.match(r"^\d|^\d{1,2}/", text):
            err = LoadError(f"LS_PHIENBAN row {r}: data cut-off date {text!r} is not a date", file=file,
                            line=r, column=hist.columns.get("cutoff", 0) + 1,
                            hint="write it as dd/mm/yyyy or yyyy-mm-dd")
            err.sheet, err.cell = hist.title, cell_name(r, hist.columns.get("cutoff", 0))
            raise err
        dated.append((day, r, cells))
    day, r, cells = max(dated, key=lambda t: (t[0], t[1]))
    body = cells.get("body", "")
    if not body:
        err = LoadError(f"LS_PHIENBAN row {r}: the framework's body (Cơ quan chủ quản khung) is empty, so the "
                        "province is unknown", file=file, line=r, column=hist.columns.get("body", 0) + 1,
                        hint="write the province's People's Committee, e.g. UBND tỉnh Lâm Đồng")
        err.sheet, err.cell = hist.title, cell_name(r, hist.columns.get("body", 0))
        raise err
    b.place(("province", "name"), "LS_PHIENBAN", r, "body")
    b.place(("province", "as_of"), "LS_PHIENBAN", r, "cutoff")
    b.place(("province", "framework"), "LS_PHIENBAN", r, "version")
    return _province_name(body, b.spec), day


def _province_name(body: str, spec: Spec) -> str:
    words = body.split()
    prefixes = {normalise(p) for p in spec.province_prefixes}
    for k in range(len(words) - 1, 0, -1):
        if normalise(" ".join(words[:k])) in prefixes:
            return " ".join(words[k:])
    return body


_NOTE = re.compile(r"\[archcheck (kind|via): ([a-z0-9_-]+)\]")


def note_says(cells: Mapping[str, str], what: str) -> str | None:
    """What a row's note states outright: ``[archcheck kind: X]`` or ``[archcheck via: Y]``."""
    for m in _NOTE.finditer(cells.get("note", "")):
        if m[1] == what:
            return m[2]
    return None


def _kind(b: _Builder, name: str, obj_type: str, national: bool, stated: str | None) -> tuple[str | None, str]:
    if stated is not None:
        return stated, "note"
    n = f" {normalise(name)} "
    for rule in b.spec.kinds:
        if rule.national != national or (b.known is not None and rule.kind not in b.known):
            continue
        if any(f" {normalise(x)} " in n for x in rule.names):
            return rule.kind, "name"
    if national:
        return None, "none"
    kind = b.spec.by_type.get(normalise(obj_type))
    return (kind, "type") if kind else ("sector-application", "default")


def _objects(b: _Builder) -> tuple[list[dict[str, JSONValue]], list[dict[str, JSONValue]], dict[str, str]]:
    """DM_DOITUONG rows → components and national entries; local code → model id."""
    spec, sheet = b.spec, "DM_DOITUONG"
    comps: list[dict[str, JSONValue]] = []
    nats: list[dict[str, JSONValue]] = []
    ids: dict[str, str] = {}
    used: set[str] = set()
    prefixes = tuple(normalise(p) for p in spec.national_prefixes)
    for r, cells in b.wb.sheets[sheet].rows:
        code = cells.get("code", "")
        if not code or code in ids:
            continue  # an empty or repeated code is the data-set rules' business (M03)
        cid = slug(code)
        if cid in used:
            b.notice(sheet, r, "code", f"code {code} reads as model id {cid}, which another code already has: "
                                       "left out of the model")
            continue
        name = cells.get("name")
        national = normalise(code).startswith(prefixes) or normalise(cells.get("sharing_scope", "")) in \
            spec.national_scopes
        kind, basis = _kind(b, name or "", cells.get("object_type", ""), national, note_says(cells, "kind"))
        if kind is None:
            b.notice(sheet, r, "name", f"{code} ({name}): no national kind matches this name; the object stays in "
                                       "the data set only (add it to a --mapping file's `kinds:`)")
            continue
        ids[code] = cid
        used.add(cid)
        group, out = ("national", nats) if national else ("components", comps)
        path = ("province", group, len(out))
        b.place(path, sheet, r, "code")
        b.place((*path, "id"), sheet, r, "code")
        b.place((*path, "name"), sheet, r, "name")
        b.place((*path, "kind"), sheet, r, {"name": "name", "note": "note"}.get(basis, "object_type"))
        entry: dict[str, JSONValue] = {"id": cid, "kind": kind}
        if name:
            entry["name"] = name
        if not national:
            b.place((*path, "status"), sheet, r, "lifecycle" if "lifecycle" in cells else "usage_at_body")
            entry["status"] = _status(cells, spec)
            attrs: dict[str, JSONValue] = {"local_code": code, "kind_from": basis,
                                           **dict.fromkeys(spec.unstated_attributes, "unknown")}
            for key in ("record_type", "layer", "owner"):
                if key in cells:
                    attrs[key] = cells[key]
            entry["attributes"] = attrs
            b.place((*path, "attributes"), sheet, r, "code")
        out.append(entry)
    return comps, nats, ids


def _status(cells: Mapping[str, str], spec: Spec) -> str:
    for key in ("lifecycle", "usage_at_body"):
        text = cells.get(key)
        if text:
            if spec.is_unknown(text):
                return "unknown"
            return spec.lifecycle_status.get(normalise(text), "unknown")
    if normalise(cells.get("model_status", "")) == normalise("Mục tiêu"):
        return "planned"
    return "unknown"


def _relations(b: _Builder, ids: Mapping[str, str], kinds: Mapping[str, str]) -> list[dict[str, JSONValue]]:
    """QH_KETNOI rows → connections, routed by the mechanism column."""
    spec, sheet = b.spec, "QH_KETNOI"
    out: list[dict[str, JSONValue]] = []
    by_kind: dict[str, list[str]] = {}
    for cid, ckind in kinds.items():
        by_kind.setdefault(ckind, []).append(cid)
    for r, cells in b.wb.sheets[sheet].rows:
        rtype, mech = normalise(cells.get("relation_type", "")), normalise(cells.get("mechanism", ""))
        kind: str | None = note_says(cells, "kind") or spec.route_kinds.get(mech) or spec.relation_kinds.get(rtype)
        src, dst = ids.get(cells.get("source", "")), ids.get(cells.get("target", ""))
        if kind is None or src is None or dst is None or src == dst:
            continue  # not a connection, or an end the data-set rules report (QF-3)
        path = ("province", "connections", len(out))
        entry: dict[str, JSONValue] = {"from": src, "to": dst, "kind": kind}
        for key, field in (("", "source"), ("from", "source"), ("to", "target"), ("kind", "relation_type"),
                           ("via", "mechanism"), ("status", "status")):
            b.place((*path, key) if key else path, sheet, r, field)
        if "code" in cells:
            entry["id"] = slug(cells["code"])
        stated_via = note_says(cells, "via")
        via = stated_via if stated_via in kinds else _route(b, r, cells.get("mechanism", ""), mech, src, dst, by_kind)
        if via is not None:
            entry["via"] = via
        status = cells.get("status", "")
        entry["status"] = "unknown" if not status or spec.is_unknown(status) else \
            spec.relation_status.get(normalise(status), "unknown")
        out.append(entry)
    return out


def _route(b: _Builder, r: int, text: str, mech: str, src: str, dst: str,  # noqa: PLR0917 - one relation's parts
           by_kind: Mapping[str, list[str]]) -> str | None:
    """The hub id, None for a direct connection, ``unknown`` where the data set does not say."""
    if mech not in b.spec.routes:
        return "unknown"  # no mechanism, "Chưa xác định", "Khác" or a value outside the list
    for kind in b.spec.routes[mech]:
        hubs = [h for h in by_kind.get(kind, ()) if h not in (src, dst)]
        ends = [h for h in by_kind.get(kind, ()) if h in (src, dst)]
        if ends and not hubs:
            return None  # the connection ends at the hub itself
        if len(hubs) == 1:
            return hubs[0]
        if len(hubs) > 1:
            b.notice("QH_KETNOI", r, "mechanism", f"mechanism {text}: the catalogue has {len(hubs)} objects of kind "
                                                  f"{kind} ({', '.join(hubs)}); the route is taken as unknown")
            return "unknown"
    if b.spec.routes[mech]:
        b.notice("QH_KETNOI", r, "mechanism", f"mechanism {text}: the catalogue has no object of kind "
                                              f"{' or '.join(b.spec.routes[mech])}; the route is taken as unknown")
        return "unknown"
    return None


def _design(b: _Builder, as_of: dt.date, ids: Mapping[str, str],
            components: list[dict[str, JSONValue]]) -> dict[str, JSONValue] | None:
    """HOANTHIEN_NV's tasks → the design's stages (one per task code, ending at its deadline); a target
    object a task concerns is brought in by that task's stage."""
    sheet = "HOANTHIEN_NV"
    rows = b.wb.sheets.get(sheet)
    if rows is None:
        return None
    stages: dict[str, dict[str, JSONValue]] = {}
    by_id = {c["id"]: c for c in components}
    for r, cells in rows.rows:
        task = cells.get("task")
        if not task or slug(task) in stages:
            continue
        sid = slug(task)
        start, end = period(cells.get("deadline", ""))
        if start is None and end is not None:
            start = min(as_of, end)  # a deadline alone: the stage runs from the data cut-off to it
        stage: dict[str, JSONValue] = {"id": sid, "name": cells.get("task_name") or task,
                                       "from": start.isoformat() if start else "unknown",
                                       "to": end.isoformat() if end else "unknown"}
        path = ("province", "design", "stages", len(stages))
        b.place(path, sheet, r, "task")
        b.place((*path, "to"), sheet, r, "deadline")
        stages[sid] = stage
        for code in b.spec.split(cells.get("objects", "")):
            comp = by_id.get(ids.get(code, ""))
            if comp is not None and comp.get("status") == "planned" and "stage" not in comp:
                comp["stage"] = sid
    if not stages:
        return None
    ends = [s["to"] for s in stages.values() if s["to"] != "unknown"]
    b.place(("province", "design"), sheet, rows.header_row, None)
    return {"horizon": max(ends) if ends else "unknown", "stages": list(stages.values())}  # type: ignore[type-var]


def read_dataset(path: str, spec: Spec, *, display_name: str | None = None,
                 known_kinds: Iterable[str] | None = None) -> LoadedDocument:
    """Read a Mẫu 03 workbook into a model document (see :func:`to_document`)."""
    from archcheck.read.mau03.workbook import read_workbook  # noqa: PLC0415

    return to_document(read_workbook(path, spec, display_name=display_name), spec, known_kinds=known_kinds)


def sheet_rows(wb: Workbook) -> Mapping[str, SheetRows]:
    """The sheets of ``wb`` by canonical name."""
    return wb.sheets


