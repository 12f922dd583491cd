"""Write examples/appraisal/architecture.xlsx: the invented merged province of
examples/appraisal/architecture.yaml as a Mẫu 03 data set (MOST draft guidance of 13/09/2026;
/work/shared/domain/mau03.md), with the local codes the example proposals name (KT-01 … KT-15; QG-7,
QG-8, QG-10, QG-15 after QĐ 1425 Appendix II's numbers). Every object, connection and date is INVENTED,
and every row says so in its note ("Ví dụ minh họa, dữ liệu giả định").

tests/test_appraise.py regenerates it and compares every cell, and checks that it reads as the same
province as the YAML model (components, national platforms, connections).

Usage: python scripts/gen_appraisal_example.py [OUTPUT.xlsx]
"""

from __future__ import annotations

# ruff: noqa: E501 - one generated row per line reads better than wrapped sample data
import sys
from pathlib import Path

from archcheck.read.mau03.export import write_workbook
from archcheck.read.mau03.spec import load_spec

INVENTED = "Ví dụ minh họa, dữ liệu giả định (invented example)"
OUT = Path(__file__).resolve().parent.parent / "examples" / "appraisal" / "architecture.xlsx"
BODY = "UBND Tỉnh Ví Dụ (invented)"
L1, L2 = "Hạ tầng số và an ninh mạng dùng chung", "Dữ liệu và nền tảng lõi"
L3, L4 = "Ứng dụng và nghiệp vụ dùng chung", "Kênh tương tác và đo lường hiệu quả"
HTTT = "Hệ thống số/hệ thống thông tin"


def obj(code: str, name: str, otype: str, layer: str, comp: str, *, scope: str = "Cấp tỉnh", **kw: str) -> dict[str, str]:
    """A record the province manages (Bản ghi gốc), in operation."""
    row = {"code": code, "record_type": "Bản ghi gốc", "name": name, "object_type": otype, "layer": layer,
           "layer_component": comp, "model_status": "Hiện trạng", "usage_scope": scope,
           "sharing_scope": "Dùng chung cấp tỉnh", "owner": BODY, "operator": "Sở Khoa học và Công nghệ",
           "technical_contact": "Trung tâm Chuyển đổi số tỉnh", "lifecycle": "Đang vận hành",
           "evidence": "Kế hoạch chuyển đổi số tỉnh năm 2026 (giả định)", "confirmer": "Sở Khoa học và Công nghệ",
           "note": INVENTED}
    row.update(kw)
    return row


def national(code: str, name: str, layer: str, comp: str, owner: str) -> dict[str, str]:
    """A reference record (Bản ghi tham chiếu) of a national shared platform or database the province uses."""
    return obj(code, name, "Nền tảng số", layer, comp, scope="Quốc gia", record_type="Bản ghi tham chiếu",
               source_code="Chưa xác định (Sở Khoa học và Công nghệ, 31/03/2027)",
               sharing_scope="Dùng chung quốc gia cho các ngành, lĩnh vực - Nhóm A", owner=owner,
               operator=owner, usage_at_body="Đang khai thác")


def rel(code: str, source: str, target: str, mechanism: str, exchanged: str, **kw: str) -> dict[str, str]:
    """A relation in operation."""
    row = {"code": code, "source": source, "relation_type": "Trao đổi dữ liệu", "target": target,
           "exchanged": exchanged, "mechanism": mechanism, "status": "Đang khai thác",
           "service_level": "Theo thời gian thực", "basis": "Biên bản kết nối (giả định)",
           "protection": "Nội bộ", "coordinator": "Sở Khoa học và Công nghệ", "note": INVENTED}
    row.update(kw)
    return row


ROWS = {
    "DM_DOITUONG": [
        obj("KT-01", "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)", "Nền tảng số", L2, "Nền tảng lõi"),
        obj("KT-02", "Máy chủ bảo mật điểm kết nối (Agent Node)", "Hạ tầng số", L2, "Nền tảng lõi"),
        obj("KT-03", "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh", HTTT, L3,
            "Ứng dụng và nghiệp vụ dùng chung", scope="Cấp tỉnh; Cấp xã", operator="Văn phòng UBND tỉnh"),
        obj("KT-04", "Hệ thống quản lý văn bản và điều hành tỉnh", HTTT, L3, "Ứng dụng và nghiệp vụ dùng chung",
            scope="Cấp tỉnh; Cấp xã", operator="Văn phòng UBND tỉnh"),
        obj("KT-05", "Kho dữ liệu dùng chung của tỉnh", "CSDL/tài sản dữ liệu", L2, "Dữ liệu"),
        obj("KT-06", "Trung tâm dữ liệu tỉnh", "Hạ tầng số", L1, "Hạ tầng số"),
        obj("KT-07", "Cổng thông tin điện tử tỉnh", HTTT, L4, "Kênh tương tác", operator="Văn phòng UBND tỉnh"),
        obj("KT-08", "Trung tâm giám sát, điều hành thông minh (IOC)", HTTT, L3, "Ứng dụng và nghiệp vụ dùng chung"),
        obj("KT-14", "Hệ thống thông tin báo cáo tỉnh", HTTT, L3, "Ứng dụng và nghiệp vụ dùng chung",
            operator="Văn phòng UBND tỉnh"),
        obj("KT-15", "Cơ sở dữ liệu cán bộ, công chức, viên chức tỉnh", "CSDL/tài sản dữ liệu", L2, "Dữ liệu",
            operator="Sở Nội vụ"),
        national("QG-7", "Nền tảng chia sẻ, điều phối dữ liệu của TTDL quốc gia (NDOP)", L2, "Nền tảng lõi", "Bộ Công an"),
        national("QG-8", "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)", L2, "Nền tảng lõi",
                 "Bộ Khoa học và Công nghệ"),
        national("QG-10", "Trục liên thông văn bản quốc gia", L3, "Ứng dụng và nghiệp vụ dùng chung", "Văn phòng Chính phủ"),
        national("QG-15", "Cổng Dịch vụ công quốc gia", L4, "Kênh tương tác", "Văn phòng Chính phủ"),
        {**national("QG-DANCU", "Cơ sở dữ liệu quốc gia về dân cư", L2, "Dữ liệu", "Bộ Công an"),
         "object_type": "CSDL/tài sản dữ liệu"},
    ],
    "QH_KETNOI": [
        rel("QH-01", "KT-03", "KT-01", "LGSP", "Dữ liệu hồ sơ thủ tục hành chính"),
        rel("QH-02", "KT-14", "KT-01", "LGSP", "Số liệu báo cáo định kỳ"),
        rel("QH-03", "KT-01", "QG-8", "NDXP", "Dữ liệu dùng chung liên thông với bộ, ngành"),
        rel("QH-04", "KT-01", "KT-02", "Kết nối chuyên dùng", "Gói dữ liệu chia sẻ qua NDOP"),
        rel("QH-05", "KT-02", "QG-7", "NDOP", "Dữ liệu chia sẻ bắt buộc (NĐ 278/2025)"),
        rel("QH-06", "KT-03", "QG-15", "LGSP", "Hồ sơ, trạng thái xử lý thủ tục hành chính",
            note=f"[archcheck kind: synchronisation] {INVENTED}"),
        rel("QH-07", "KT-04", "QG-10", "Trục liên thông", "Văn bản điện tử", coordinator="Văn phòng UBND tỉnh"),
    ],
    "LS_PHIENBAN": [
        {"version": "1.0", "effective": "01/12/2026", "cutoff": "01/12/2026", "content": f"Ban hành lần đầu; {INVENTED}",
         "basis": "QĐ 1425/QĐ-TTg", "affected": "Tất cả", "unit": "Sở Khoa học và Công nghệ", "body": BODY},
    ],
}


def write(path: Path) -> None:
    """Write the workbook to ``path``."""
    write_workbook(ROWS, path, load_spec())


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    write(out)
    print(out)


if __name__ == "__main__":
    main(sys.argv[1:])
