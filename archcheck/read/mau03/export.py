"""A model → a Mẫu 03 workbook (every sheet, DM_GIATRI's lists and TU_DIEN_TRUONG's fields), written
with openpyxl (python-calamine only reads).

A model imported from a data set (one with ``province.dataset``) is written back row by row, as it was
read. Any other model is written from its components, national systems, connections and design: each
component one DM_DOITUONG row (its id, upper-cased, as the local code), each connection one QH_KETNOI
row (the mechanism from its hub's kind), each stage one HOANTHIEN_NV row; where the name or the
mechanism would not give the kind or hub back, the row's note states it (``[archcheck kind: …]``).
Mẫu 03 has no column for deployment figures, attributes, sources, units or targets: they are not
written (the caller is told which).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from archcheck.read.mau03.convert import SHEET_ORDER, deadline_date
from archcheck.read.mau03.spec import Spec, normalise

Rows = dict[str, list[dict[str, str]]]

_LIFECYCLE = {"present": "Đang vận hành", "planned": "Dự kiến", "absent": "Kết thúc sử dụng",
              "unknown": "Chưa xác định"}
_LINK = {"present": "Đang khai thác", "planned": "Dự kiến", "absent": "Chưa kết nối", "unknown": "Chưa xác định"}
_MECHANISM = {"national-integration-platform": "NDXP", "national-data-coordination-platform": "NDOP",
              "integration-platform": "LGSP", "provincial-document-axis": "Trục liên thông",
              "national-document-axis": "Trục liên thông"}


def _vn(day: str) -> str:
    y, m, d = day.split("-")
    return f"{d}/{m}/{y}"


def rows_of(province: Mapping[str, Any], spec: Spec) -> tuple[Rows, list[str]]:
    """The sheets' rows for a province's model data, and what of the model Mẫu 03 cannot hold."""
    dataset = province.get("dataset")
    if dataset is not None:
        return ({s: [{k: str(v) for k, v in r.items() if k != "row"} for r in rows]
                 for s, rows in dataset["sheets"].items()}, [])
    left_out: list[str] = []
    comps = list(province.get("components", ()))
    nats = list(province.get("national", ()))
    kind_of = {c["id"]: c["kind"] for c in [*comps, *nats]}
    objects: list[dict[str, str]] = []
    for c, national in [*((c, False) for c in comps), *((c, True) for c in nats)]:
        row = {"code": c["id"].upper(), "record_type": "Bản ghi tham chiếu" if national else "Bản ghi gốc",
               "name": c.get("name", ""), "model_status": "Hiện trạng",
               "note": f"[archcheck kind: {c['kind']}]"}
        if national:
            row["sharing_scope"] = "Dùng chung quốc gia cho các ngành, lĩnh vực - Nhóm A"
            row["source_code"] = "Chưa xác định"
        else:
            row["lifecycle"] = _LIFECYCLE[c.get("status", "present")]
            if c.get("status") == "planned":
                row["model_status"] = "Mục tiêu"
        for key in ("deployment", "source", "owner_level", "readiness"):
            if key in c:
                left_out.append(f"{c['id']}.{key}")
        if c.get("attributes"):
            left_out.append(f"{c['id']}.attributes")
        objects.append(row)
    relations: list[dict[str, str]] = []
    for i, c in enumerate(province.get("connections", ())):
        via = c.get("via")
        mech = "" if via == "unknown" else _MECHANISM.get(kind_of.get(via, ""), "") if via else "API"
        row = {"source": c["from"].upper(), "target": c["to"].upper(), "relation_type": "Trao đổi dữ liệu",
               "status": _LINK[c.get("status", "present")], "note": f"[archcheck kind: {c['kind']}]"}
        if "id" in c:
            row["code"] = c["id"].upper()
        if via not in (None, "unknown"):
            row["note"] += f" [archcheck via: {via}]"
        if mech:
            row["mechanism"] = mech
        for key in ("reach", "source", "stage"):
            if key in c:
                left_out.append(f"connections[{i}].{key}")
        relations.append(row)
    tasks: list[dict[str, str]] = []
    design = province.get("design")
    for i, s in enumerate(design["stages"] if design else ()):
        members = [c["id"].upper() for c in comps if c.get("stage") == s["id"]]
        when = "" if s["to"] == "unknown" else _vn(s["to"])
        if when and s["from"] != "unknown":
            when = f"{_vn(s['from'])} – {when}"
        tasks.append({"gap": f"ND-{i + 1}", "objects": "; ".join(members) or "Không áp dụng",
                      "task": s["id"].upper(), "task_name": s.get("name", s["id"]),
                      "deadline": when or "Chưa xác định"})
    for key in ("units", "targets", "sources"):
        if province.get(key):
            left_out.append(key)
    as_of = str(province["as_of"])
    rows: Rows = {"DM_DOITUONG": objects, "QH_KETNOI": relations, "ANHXA": [], "HOANTHIEN_NV": tasks,
                  "LS_PHIENBAN": [{"version": "1.0", "effective": _vn(as_of), "cutoff": _vn(as_of),
                                   "content": "Xuất từ mô hình archcheck", "body": f"UBND tỉnh {province['name']}"}]}
    return rows, left_out


def _support(spec: Spec, rows: Rows) -> Rows:
    out = dict(rows)
    if not out.get("DM_GIATRI"):
        out["DM_GIATRI"] = [{"list": spec.list_names[k][0], "value": v} for k, vs in spec.values.items() for v in vs]
    if not out.get("TU_DIEN_TRUONG"):
        out["TU_DIEN_TRUONG"] = [{"sheet": s.name, "no": f.no or "", "field": f.name, "level": f.level}
                                 for s in spec.sheets if not s.support for f in s.fields]
    return out


def write_workbook(rows: Rows, path: str | Path, spec: Spec) -> None:
    """Write every template sheet (header row of the guidance's field names, then ``rows``) atomically."""
    import openpyxl  # noqa: PLC0415 - only export writes workbooks

    full = _support(spec, rows)
    wb = openpyxl.Workbook(write_only=True)
    for sname in SHEET_ORDER:
        sheet = spec.sheet(sname)
        ws = wb.create_sheet(sname)
        ws.append([f.name for f in sheet.fields])
        for r in full.get(sname, ()):
            ws.append([r.get(f.key) or None for f in sheet.fields])
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path())
    os.close(fd)
    try:
        wb.save(tmp)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def concrete(text: str) -> bool:
    """A deadline the guidance accepts: a date or a period, not only "ngắn/trung/dài hạn"."""
    return deadline_date(text) is not None or any(ch.isdigit() for ch in normalise(text))


__all__: Sequence[str] = ("concrete", "rows_of", "write_workbook")
