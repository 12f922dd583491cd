"""Mẫu 03 data sets (XLSX): read by meaning, checked cell by cell, located as FILE.xlsx:SHEET!CELL,
imported to and exported from YAML models.

A Mẫu 03 data set is a 2026 submission (QĐ 1425/QĐ-TTg Art. 3(4)), so the tests that name a framework use
"1425", the framework the example's default picks (framework: unknown → the newest issued by its cut-off
date, 30/11/2026); test_under_4_0_agent_node_is_outside_the_vocabulary keeps what 4.0 says of it.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from archcheck.api import builtin_rules, export_dataset, import_dataset, validate
from archcheck.cli import main
from archcheck.findings import format_path
from archcheck.read.loading import load_model
from archcheck.read.mau03.export import write_workbook
from archcheck.read.mau03.spec import load_spec, normalise
from archcheck.read.sourcemap import load_file
from tests.test_ci import sarif_multitool  # noqa: F401 - the fixture that installs and finds the Multitool

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mau03" / "lamdong-mau03.xlsx"
LS = [{"version": "1.0", "effective": "30/11/2026", "cutoff": "30/11/2026", "content": "Ban hành",
       "body": "UBND tỉnh Lâm Đồng"}]


def _dataset_findings(path: str | Path, framework: str = "1425") -> list[tuple[str, str, str | None, str]]:
    run = validate([str(path)], framework=framework)
    assert not run.errors, [str(e) for e in run.errors]
    return sorted((f.rule_id, f.subject, f.location.cell if f.location else None, f.text())
                  for f in run.findings() if f.rule_id.startswith("MAU-"))


def _all_findings(path: str | Path) -> list[tuple[str, str, str, str]]:
    run = validate([str(path)], framework="1425")
    assert not run.errors, [str(e) for e in run.errors]
    return sorted((f.rule_id, f.subject, format_path(f.path), f.text()) for f in run.findings())


def _example_rows() -> dict[str, list[dict[str, str]]]:
    doc = yaml.safe_load(import_dataset(EXAMPLE))
    return {s: [{k: v for k, v in r.items() if k != "row"} for r in rows]
            for s, rows in doc["province"]["dataset"]["sheets"].items()}


def test_clean_example_has_no_dataset_finding() -> None:
    assert _dataset_findings(EXAMPLE) == []


def _rewrite_headers(src: Path, dst: Path, change: Any, *, reverse: bool = False) -> None:
    """Copy a workbook with its headers changed (case, spacing, accents) and columns in another order."""
    wb = openpyxl.load_workbook(src)
    out = openpyxl.Workbook()
    out.remove(out.active)
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        order = list(range(len(rows[0])))
        if reverse:
            order.reverse()
        new = out.create_sheet(ws.title)
        for i, r in enumerate(rows):
            cells = [r[j] for j in order]
            new.append([change(c) if i == 0 and c else c for c in cells])
    out.save(dst)


@pytest.mark.parametrize("change", [
    lambda h: h.upper(),
    lambda h: "  " + h.replace(" ", "\n") + " ",
    normalise,  # no accents, lower case, "/" as a space
])
def test_headers_read_by_meaning_whatever_order_case_spacing(tmp_path: Path, change: Any) -> None:
    changed = tmp_path / "changed.xlsx"
    _rewrite_headers(EXAMPLE, changed, change, reverse=True)
    assert _all_findings(changed) == _all_findings(EXAMPLE)


def _seeded(rule_id: str) -> tuple[dict[str, list[dict[str, str]]], str, int, str]:
    """A rule's failing example as workbook rows, and where its expected finding is (sheet, row, field)."""
    rule = builtin_rules()[rule_id]
    (example,) = [e for e in rule.examples if not e.passes]
    data = example.document.data
    sheets = data["province"]["dataset"]["sheets"]  # type: ignore[index, call-overload]
    rows = {s: [{k: str(v) for k, v in r.items() if k != "row"} for r in rs] for s, rs in sheets.items()}
    rows["LS_PHIENBAN"] = copy.deepcopy(LS)
    (expect,) = example.expect
    m = re.fullmatch(r"province\.dataset\.sheets\.(\w+)\[(\d+)\]\.(\w+)", expect.path)
    assert m is not None
    return rows, m[1], int(m[2]) + 2, m[3]


@pytest.mark.parametrize("rule_id", [f"MAU-{n:03d}" for n in range(1, 13)])
def test_each_seeded_defect_is_located_at_its_sheet_and_row(tmp_path: Path, rule_id: str) -> None:
    rows, sheet, row, field = _seeded(rule_id)
    path = tmp_path / "seeded.xlsx"
    write_workbook(rows, path, load_spec())
    run = validate([str(path)], framework="1425")
    assert not run.errors
    hits = [f for f in run.findings() if f.rule_id == rule_id]
    assert len(hits) == 1, [f.text() for f in hits]
    f = hits[0]
    assert f.location is not None and f.location.sheet == sheet and f.location.line == row
    col = [x.key for x in load_spec().sheet(sheet).fields].index(field)
    assert f.location.cell == f"{chr(65 + col)}{row}"
    assert f.citation.document.startswith("MOST draft guidance") and f.citation.effective == "2026-09-13"
    assert f.citation.confidence.value == "unconfirmed" and f.severity.value == "warning"
    assert f.text("vi") != f.text()
    compact = CliRunner().invoke(main, ["validate", str(path), "--framework", "1425", "--format", "compact"])
    assert f"{path}:{sheet}!{f.location.cell}: warning {rule_id} " in compact.stdout
    data = json.loads(CliRunner().invoke(main, ["validate", str(path), "--framework", "1425", "--format",
                                                "json"]).stdout)
    locs = [x["location"] for r in data["reports"] for x in r["findings"] if x["rule_id"] == rule_id]
    assert locs == [{"file": str(path), "line": row, "column": col + 1, "sheet": sheet, "cell": f.location.cell,
                     "row": row}]


def test_vietnamese_messages_come_from_the_rule_not_a_template(tmp_path: Path) -> None:
    rows, *_ = _seeded("MAU-009")
    path = tmp_path / "seeded.xlsx"
    write_workbook(rows, path, load_spec())
    out = CliRunner().invoke(main, ["validate", str(path), "--framework", "1425", "--lang", "vi"]).stdout
    assert "thời hạn 'Trung hạn' không phải là mốc hoặc giai đoạn cụ thể" in out


def test_renamed_sheet_is_exit_2_naming_dm_doituong(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(EXAMPLE)
    wb["DM_DOITUONG"].title = "Danh sach"
    bad = tmp_path / "renamed.xlsx"
    wb.save(bad)
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "no sheet DM_DOITUONG" in result.output and "Danh sach" in result.output
    assert "Traceback" not in result.output


def test_missing_mandatory_column_names_expected_and_found(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(EXAMPLE)
    ws = wb["DM_DOITUONG"]
    ws["A1"] = "Số hiệu"
    bad = tmp_path / "nocode.xlsx"
    wb.save(bad)
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:DM_DOITUONG!A1: " in result.output
    assert "no column for mandatory field 1.1 Mã đối tượng" in result.output and "Số hiệu" in result.output


def test_a_header_with_a_line_break_stays_on_the_error_line(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(EXAMPLE)
    ws = wb["DM_DOITUONG"]
    ws["A1"] = "Số hiệu\n(bắt buộc)"  # a header written with Alt+Enter, not one the reader knows
    bad = tmp_path / "nocode.xlsx"
    wb.save(bad)
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    first, hint = result.stderr.rstrip("\n").split("\n")
    assert first.startswith(f"archcheck: error: {bad}:DM_DOITUONG!A1: ") and "has: Số hiệu (bắt buộc); " in first
    assert hint.startswith("  hint: ")


@pytest.mark.parametrize("case", ["text", "encrypted", "formula", "merged", "hidden", "rows", "cell"])
def test_bad_workbooks_are_located_errors(tmp_path: Path, case: str) -> None:
    bad = tmp_path / "bad.xlsx"
    expect = {"text": "not an XLSX workbook", "encrypted": "password-protected", "formula": "holds a formula",
              "merged": "merged header cells", "hidden": "is hidden", "rows": "rows; archcheck reads up to",
              "cell": "characters or more; Excel allows"}[case]
    if case == "text":
        bad.write_text("province: {}\n", encoding="utf-8")
    elif case == "encrypted":
        bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    else:
        wb = openpyxl.load_workbook(EXAMPLE)
        ws = wb["DM_DOITUONG"]
        if case == "formula":
            ws["D3"] = "=UPPER(D2)"
        elif case == "merged":
            ws.merge_cells("A1:B1")
        elif case == "hidden":
            wb["QH_KETNOI"].sheet_state = "hidden"
        elif case == "rows":
            for i in range(20_100):
                ws.append([f"KT-{i + 100}"])
        elif case == "cell":
            ws["T2"] = "x" * 1_000_000
        wb.save(bad)
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2, result.output
    assert expect in result.output and "Traceback" not in result.output
    assert str(bad) in result.output


def test_import_then_validate_equals_validate(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    assert CliRunner().invoke(main, ["import", str(EXAMPLE), "-o", str(model)]).exit_code == 0
    assert _all_findings(model) == _all_findings(EXAMPLE)
    rows, *_ = _seeded("MAU-004")
    seeded = tmp_path / "seeded.xlsx"
    write_workbook(rows, seeded, load_spec())
    again = tmp_path / "seeded.yaml"
    again.write_text(import_dataset(seeded), encoding="utf-8")
    assert _all_findings(again) == _all_findings(seeded)


def _facts(path: Path) -> tuple[object, ...]:
    """What Mẫu 03 can hold of a model: province, components, national, connections, stages."""
    (p,) = load_model(path).provinces
    comps = sorted((c.id, c.kind, c.name, c.status.value, c.national, c.stage) for c in p.components)
    conns = sorted((c.source, c.target, c.kind, c.via, c.via_unknown, c.status.value) for c in p.connections)
    stages = [(s.id, s.name, s.start, s.end) for s in p.design.stages] if p.design else []
    return p.name, p.as_of, comps, conns, stages


@pytest.mark.parametrize("model", ["province_models/lamdong.yaml", "province_models/phutho.yaml",
                                   "tests/models/broken-chain.yaml"])
def test_export_then_import_equals_the_model(tmp_path: Path, model: str) -> None:
    book = tmp_path / "out.xlsx"
    export_dataset(ROOT / model, book)
    back = tmp_path / "back.yaml"
    back.write_text(import_dataset(book), encoding="utf-8")
    assert _facts(back) == _facts(ROOT / model)


def test_export_of_an_imported_model_is_the_data_set(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(import_dataset(EXAMPLE), encoding="utf-8")
    book = tmp_path / "again.xlsx"
    export_dataset(model, book)
    assert load_file(model).data["province"]["dataset"]["sheets"] == \
        load_file(tmp_path / "m2.yaml" if False else model).data["province"]["dataset"]["sheets"]  # type: ignore[index, call-overload]
    wb = openpyxl.load_workbook(book, read_only=True)
    assert wb.sheetnames == ["DM_DOITUONG", "QH_KETNOI", "ANHXA", "HOANTHIEN_NV", "DM_GIATRI", "TU_DIEN_TRUONG",
                             "LS_PHIENBAN"]
    assert _dataset_findings(book) == _dataset_findings(EXAMPLE)


def test_mechanism_becomes_the_route_and_tasks_the_stages() -> None:
    (p,) = load_model(EXAMPLE).provinces
    by = {(c.source, c.target): c for c in p.connections}
    assert by[("kt-1", "qg-3")].via == "qg-2"  # NDXP
    assert by[("kt-1", "lq-1")].via == "kt-2"  # LGSP
    assert by[("kt-5", "qg-4")].kind == "document-exchange"  # trục liên thông
    assert by[("kt-4", "kt-2")].via is None  # API: direct
    assert p.design is not None and [s.id for s in p.design.stages] == ["nv-1", "nv-dl-01"]
    assert str(p.design.stages[0].end) == "2027-06-30"
    progress = CliRunner().invoke(main, ["progress", str(EXAMPLE)])
    assert progress.exit_code == 0 and "stage nv-1" in progress.output


def test_batch_with_yaml_and_diff_score_graph(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["validate", str(EXAMPLE), "province_models/lamdong.yaml", "--format", "compact"])
    assert r.exit_code in (0, 1) and f"{EXAMPLE}:DM_DOITUONG!" in r.stdout and "lamdong.yaml:" in r.stdout
    model = tmp_path / "m.yaml"
    model.write_text(import_dataset(EXAMPLE), encoding="utf-8")
    assert CliRunner().invoke(main, ["diff", "models", str(model), str(EXAMPLE), "--framework", "1425"]).exit_code \
        in (0, 1)
    assert CliRunner().invoke(main, ["score", str(EXAMPLE), "--framework", "1425"]).exit_code == 0
    graph = CliRunner().invoke(main, ["graph", str(EXAMPLE), "--framework", "1425"])
    assert graph.exit_code == 0 and "kt-2" in graph.stdout


def test_sarif_of_a_workbook_finding_passes_the_multitool(tmp_path: Path, sarif_multitool: Path) -> None:  # noqa: F811
    rows, *_ = _seeded("MAU-001")
    book = tmp_path / "seeded.xlsx"
    write_workbook(rows, book, load_spec())
    sarif = tmp_path / "out.sarif"
    CliRunner().invoke(main, ["validate", str(book), "--framework", "1425", "--format", "sarif", "-o", str(sarif)])
    doc = json.loads(sarif.read_text(encoding="utf-8"))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in doc["runs"][0]["results"]
               if r["ruleId"] == "MAU-001"]
    assert regions == [{"startLine": 4, "startColumn": 1, "properties": {"sheet": "DM_DOITUONG", "cell": "A4"}}]
    proc = subprocess.run([str(sarif_multitool), "validate", str(sarif)], capture_output=True, text=True, timeout=300,
                          check=False, env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [ln for ln in proc.stdout.splitlines() if re.search(r"\berror\b", ln)] == []


@pytest.mark.parametrize(("sheet", "cell", "value", "expect"), [
    ("LS_PHIENBAN", "H2", "UBND tỉnh Lâm Dồng", "LS_PHIENBAN!H2: province.name: province name 'Lâm Dồng'"),
    ("DM_DOITUONG", "T2", "[archcheck kind: no-such-kind]", "DM_DOITUONG!T2: unknown component kind 'no-such-kind'"),
])
def test_model_errors_on_a_workbook_name_the_cell(tmp_path: Path, sheet: str, cell: str, value: str,
                                                  expect: str) -> None:
    wb = openpyxl.load_workbook(EXAMPLE)
    wb[sheet][cell] = value
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2 and f"{bad}:{expect}" in result.output


def test_example_checks_under_latest(monkeypatch: pytest.MonkeyPatch) -> None:
    """framework: unknown → 1425, the newest framework issued by the cut-off date (30/11/2026)."""
    monkeypatch.chdir(ROOT)
    out = CliRunner().invoke(main, ["validate", "examples/mau03/lamdong-mau03.xlsx"]).stdout
    assert "  framework 1425: Khung kiến trúc tổng thể quốc gia số, phiên bản 1.0 (QĐ 1425/QĐ-TTg, 2026-07-29)\n" in out
    assert "checked against 1425, the latest issued by 2026-11-30" in out
    explicit = CliRunner().invoke(main, ["validate", "examples/mau03/lamdong-mau03.xlsx", "--framework", "1425",
                                         "--format", "compact"]).stdout
    default = CliRunner().invoke(main, ["validate", "examples/mau03/lamdong-mau03.xlsx", "--format", "compact"]).stdout
    assert default == explicit and "VOC-001" not in default


def test_under_4_0_agent_node_is_outside_the_vocabulary() -> None:
    """Asked for 4.0 explicitly, the example's Agent Node (a 1425 kind) is a VOC-001 note, never an error."""
    run = validate([str(EXAMPLE)], framework="4.0")
    assert not run.errors
    voc = [(f.subject, f.severity.value, f.location.cell if f.location else None) for f in run.findings()
           if f.rule_id == "VOC-001"]
    assert voc == [("kt-3", "info", "D4")]


GOLDEN = ROOT / "tests" / "golden" / "mau03"


@pytest.mark.parametrize("fmt", ["text", "compact", "json", "sarif"])
def test_golden_reports_of_the_example(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped example, checked under 1425, the framework its default picks."""
    monkeypatch.chdir(ROOT)
    got = CliRunner().invoke(main, ["validate", "examples/mau03/lamdong-mau03.xlsx", "--framework", "1425",
                                    "--format", fmt]).stdout
    golden = GOLDEN / ("lamdong-mau03-1425." + {"text": "txt", "compact": "compact.txt"}.get(fmt, fmt))
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_mapping_file_adds_a_header_alias(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(EXAMPLE)
    wb["DM_DOITUONG"]["A1"] = "Số hiệu"
    book = tmp_path / "own-header.xlsx"
    wb.save(book)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("sheets:\n  DM_DOITUONG:\n    fields:\n      code: {aliases: [Số hiệu]}\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(book), "--framework", "1425"]).exit_code == 2
    assert validate([str(book)], framework="1425", mappings=[mapping]).errors == ()
    assert _dataset_findings(EXAMPLE) == []
