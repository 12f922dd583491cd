"""openpyxl (read-only mode) against python-calamine on a generated Mẫu 03 workbook: which XLSX reader
archcheck uses. Prints a table (median of --repeat in-process runs after one warm-up; imports not
counted): opening the file and reading every cell of every sheet as Python values, nothing else.

The workbook: 2,000 objects (DM_DOITUONG, 20 columns), 5,000 relations (QH_KETNOI, 12 columns), 2,000
mappings (ANHXA, 12 columns), 2,000 gap-task rows (HOANTHIEN_NV, 22 columns) and the support sheets,
written with openpyxl's write-only mode (archcheck writes workbooks with openpyxl either way).

Usage: python benchmarks/xlsx_readers.py [--repeat 5] [--objects 2000] [--relations 5000]
"""

from __future__ import annotations

# ruff: noqa: E501 - one generated row per line reads better than wrapped sample data
import argparse
import gc
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import python_calamine


def generate(path: Path, objects: int, relations: int) -> int:
    """Write the workbook; return how many cells it holds."""
    wb = openpyxl.Workbook(write_only=True)
    cells = 0

    def sheet(name: str, width: int, rows: int, row: Callable[[int], list[object]]) -> None:
        nonlocal cells
        ws = wb.create_sheet(name)
        ws.append([f"Trường {name} {j + 1}" for j in range(width)])
        for i in range(rows):
            ws.append(row(i))
        cells += width * (rows + 1)

    sheet("DM_DOITUONG", 20, objects, lambda i: [f"KT-{i + 1}", "Bản ghi gốc", "Chưa xác định",
                                                   f"Hệ thống thông tin số {i + 1} của tỉnh", "Hệ thống số/hệ thống thông tin",
                                                   "Ứng dụng và nghiệp vụ dùng chung", "Ứng dụng và nghiệp vụ dùng chung",
                                                   "Hiện trạng", "cấp tỉnh; cơ quan/tổ chức", "Dùng chung cấp tỉnh",
                                                   "UBND tỉnh", "Sở KH&CN", "Trung tâm CĐS", "Sở KH&CN", "Đang vận hành",
                                                   "", "Tiếp tục sử dụng", "QĐ 1/QĐ-UBND, 2026", "Sở KH&CN", ""])
    sheet("QH_KETNOI", 12, relations, lambda i: [f"QH-{i + 1}", f"KT-{i % objects + 1}", "Trao đổi dữ liệu",
                                                  f"KT-{(i * 7) % objects + 1}", "Dữ liệu hồ sơ", "LGSP", "Đang khai thác",
                                                  "Hằng ngày", "Biên bản kết nối 2026", "Nội bộ", "Sở KH&CN", ""])
    sheet("ANHXA", 12, objects, lambda i: [f"KT-{i + 1}", "Hình 7", "Hình 8", "Không áp dụng", "QĐ 1425/QĐ-TTg",
                                            "Thủ tướng Chính phủ", "1.0, 29/07/2026", "L3", "Cụ thể hóa", "VI.2",
                                            "SĐ-T-02", ""])
    sheet("HOANTHIEN_NV", 22, objects, lambda i: [f"ND-{i + 1}", f"KT-{i + 1}", "Đang vận hành", "Kết nối LGSP",
                                                   "Chưa kết nối", "Chuẩn hóa/kết nối/tích hợp", "Trực tiếp",
                                                   f"NV-{i + 1}", "Kết nối", "Kết nối xong", "Sở KH&CN", "",
                                                   "Cao", "31/12/2027", "Ngân sách tỉnh", "Mới xác định tại Khung",
                                                   "", "", "Biên bản nghiệm thu", "Chưa đầy đủ", "Chưa thực hiện", ""])
    sheet("DM_GIATRI", 2, 120, lambda i: [f"Danh mục {i // 10}", f"Giá trị {i}"])
    sheet("TU_DIEN_TRUONG", 5, 70, lambda i: ["DM_DOITUONG", f"1.{i}", f"Trường {i}", "B", ""])
    sheet("LS_PHIENBAN", 8, 3, lambda i: [f"1.{i}", "2026-11-30", "2026-11-30", "Ban hành", "QĐ", "Tất cả",
                                          "Sở KH&CN", "UBND tỉnh Lâm Đồng"])
    wb.save(path)
    return cells


def read_openpyxl(path: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
    return n


def read_openpyxl_formulas(path: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
    return n


def read_calamine(path: Path) -> int:
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    n = 0
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
            n += len(row)
    wb.close()
    return n


READERS: dict[str, tuple[Callable[[Path], int], str]] = {
    "openpyxl 3.1 read-only, cached values (data_only)": (read_openpyxl, "sees hidden sheets, merged ranges "
                                                          "(not in read-only mode), formulas (second pass)"),
    "openpyxl 3.1 read-only, formulas as text": (read_openpyxl_formulas, "tells a formula without a cached value "
                                                 "from an empty cell"),
    "python-calamine 0.9 (Rust calamine)": (read_calamine, "sheet visibility, merged ranges, password error; "
                                            "a formula without a cached value reads as empty"),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--objects", type=int, default=2000)
    ap.add_argument("--relations", type=int, default=5000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mau03.xlsx"
        cells = generate(path, args.objects, args.relations)
        size = path.stat().st_size / 1e6
        print(f"machine: {platform.machine()}, Python {platform.python_version()}; {args.objects} objects, "
              f"{args.relations} relations, {cells} cells, {size:.2f} MB; median of {args.repeat} runs")
        print()
        print("| reader | s | cells/s | what it gives beyond values |")
        print("|---|---|---|---|")
        gc.disable()
        for name, (fn, props) in READERS.items():
            fn(path)  # warm-up
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                got = fn(path)
                times.append(time.perf_counter() - t0)
            med = statistics.median(times)
            print(f"| {name} | {med:.3f} | {got / med:,.0f} | {props} |")
        gc.enable()


if __name__ == "__main__":
    main()
