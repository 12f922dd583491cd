"""Write examples/mau03/lamdong-mau03.xlsx: a small Mẫu 03 data set built from the MOST draft guidance's
own examples (13/09/2026; /work/shared/domain/mau03.md): its code prefixes (KT-, QG-, LQ-, CX-, NV-DL-01),
the national platforms of QĐ 1425 Appendix II by their names, the chain source → LGSP → Agent Node →
NDOP (Mẫu 01 VI.3.2.2), a reference record for another body's database, a gap with its task.

The province, dates, owners and sources are INVENTED for the example: every row says so in its note
("Ví dụ minh họa, dữ liệu giả định"). Usage: python scripts/gen_mau03_example.py
"""

from __future__ import annotations

# ruff: noqa: E501 - one generated row per line reads better than wrapped sample data
from pathlib import Path

from archcheck.read.mau03.export import write_workbook
from archcheck.read.mau03.spec import load_spec

INVENTED = "Ví dụ minh họa, dữ liệu giả định (invented example)"
OUT = Path(__file__).resolve().parent.parent / "examples" / "mau03" / "lamdong-mau03.xlsx"


def obj(code: str, name: str, otype: str, layer: str, comp: str, **kw: str) -> dict[str, str]:
    row = {"code": code, "record_type": "Bản ghi gốc", "name": name, "object_type": otype, "layer": layer,
           "layer_component": comp, "model_status": "Hiện trạng", "usage_scope": "Cấp tỉnh; Cấp xã",
           "sharing_scope": "Dùng chung cấp tỉnh", "owner": "UBND tỉnh Lâm Đồng", "operator": "Sở KH&CN",
           "technical_contact": "Trung tâm Chuyển đổi số tỉnh", "lifecycle": "Đang vận hành",
           "evidence": "Kế hoạch CĐS tỉnh 2026 (giả định)", "confirmer": "Sở KH&CN", "note": INVENTED}
    row.update(kw)
    return row


def national(code: str, name: str, group: str = "A") -> dict[str, str]:
    scope = ("Dùng chung quốc gia cho các ngành, lĩnh vực - Nhóm A" if group == "A"
             else "Dùng chung quốc gia cho ngành, lĩnh vực - Nhóm B")
    return obj(code, name, "Nền tảng số", "Dữ liệu và nền tảng lõi", "Nền tảng lõi", record_type="Bản ghi tham chiếu",
               source_code="Chưa xác định (Sở KH&CN, 31/03/2027)", sharing_scope=scope, owner="Bộ Công an",
               lifecycle="Đang vận hành", usage_at_body="Đang khai thác", usage_scope="Quốc gia")


L2, L3, L4 = "Dữ liệu và nền tảng lõi", "Ứng dụng và nghiệp vụ dùng chung", "Kênh tương tác và đo lường hiệu quả"
ROWS = {
    "DM_DOITUONG": [
        obj("KT-1", "Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh", "Hệ thống số/hệ thống thông tin",
            L3, "Ứng dụng và nghiệp vụ dùng chung"),
        obj("KT-2", "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)", "Nền tảng số", L2, "Nền tảng lõi"),
        obj("KT-3", "Agent Node - Máy chủ bảo mật điểm kết nối", "Hạ tầng số", L2, "Nền tảng lõi",
            lifecycle="Dự kiến", model_status="Mục tiêu"),
        obj("KT-4", "Kho dữ liệu dùng chung cấp tỉnh", "CSDL/tài sản dữ liệu", L2, "Dữ liệu"),
        obj("KT-5", "Hệ thống quản lý văn bản và điều hành", "Hệ thống số/hệ thống thông tin", L3,
            "Ứng dụng và nghiệp vụ dùng chung"),
        obj("KT-6", "Cổng thông tin điện tử của UBND tỉnh", "Hệ thống số/hệ thống thông tin", L4, "Kênh tương tác"),
        national("QG-1", "Nền tảng chia sẻ, điều phối dữ liệu của Trung tâm dữ liệu quốc gia (NDOP)"),
        {**national("QG-2", "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)"), "owner": "Bộ Khoa học và Công nghệ"},
        {**national("QG-3", "Cổng Dịch vụ công quốc gia", "A"), "owner": "Văn phòng Chính phủ", "layer": L4,
         "layer_component": "Kênh tương tác"},
        {**national("QG-4", "Trục liên thông văn bản quốc gia"), "owner": "Văn phòng Chính phủ", "layer": L3,
         "layer_component": "Ứng dụng và nghiệp vụ dùng chung"},
        obj("LQ-1", "Cơ sở dữ liệu quốc gia về đất đai", "CSDL/tài sản dữ liệu", L2, "Dữ liệu",
            record_type="Bản ghi tham chiếu", source_code="Chưa xác định (Sở Nông nghiệp và Môi trường, 31/03/2027)",
            owner="Bộ Nông nghiệp và Môi trường", sharing_scope="Dùng chung cấp bộ", usage_at_body="Đang kết nối",
            lifecycle="Đang vận hành"),
        obj("CX-1", "Bộ phận một cửa cấp xã dùng hệ thống TTHC tỉnh", "Dịch vụ số", L3,
            "Ứng dụng và nghiệp vụ dùng chung", usage_scope="Cấp xã"),
    ],
    "QH_KETNOI": [
        {"code": "QH-1", "source": "KT-1", "relation_type": "Trao đổi dữ liệu", "target": "QG-3",
         "exchanged": "Hồ sơ, trạng thái xử lý TTHC", "mechanism": "NDXP", "status": "Đang khai thác",
         "service_level": "Theo thời gian thực", "basis": "Biên bản kết nối (giả định)",
         "protection": "Dữ liệu cá nhân; chia sẻ theo mục đích TTHC", "coordinator": "Sở KH&CN", "note": INVENTED},
        {"code": "QH-2", "source": "KT-4", "relation_type": "Trao đổi dữ liệu", "target": "KT-2",
         "exchanged": "Dữ liệu dùng chung của tỉnh", "mechanism": "API", "status": "Đang khai thác",
         "service_level": "Hằng ngày", "basis": "Biên bản kết nối (giả định)", "protection": "Nội bộ",
         "coordinator": "Sở KH&CN", "note": INVENTED},
        {"code": "QH-3", "source": "KT-2", "relation_type": "Kết nối kỹ thuật", "target": "KT-3",
         "exchanged": "Gói dữ liệu chia sẻ", "mechanism": "Kết nối chuyên dùng", "status": "Dự kiến",
         "service_level": "Không áp dụng", "basis": "Kế hoạch 2027 (giả định)", "protection": "Nội bộ",
         "coordinator": "Sở KH&CN", "note": INVENTED},
        {"code": "QH-4", "source": "KT-3", "relation_type": "Trao đổi dữ liệu", "target": "QG-1",
         "exchanged": "Dữ liệu chia sẻ bắt buộc (NĐ 278/2025)", "mechanism": "NDOP", "status": "Dự kiến",
         "service_level": "Không áp dụng", "basis": "Kế hoạch 2027 (giả định)", "protection": "Theo QĐ 2439",
         "coordinator": "Sở KH&CN", "note": INVENTED},
        {"code": "QH-5", "source": "KT-5", "relation_type": "Trao đổi dữ liệu", "target": "QG-4",
         "exchanged": "Văn bản điện tử", "mechanism": "Trục liên thông", "status": "Đang khai thác",
         "service_level": "Theo thời gian thực", "basis": "Biên bản kết nối (giả định)", "protection": "Nội bộ",
         "coordinator": "Văn phòng UBND tỉnh", "note": INVENTED},
        {"code": "QH-6", "source": "KT-1", "relation_type": "Trao đổi dữ liệu", "target": "LQ-1",
         "exchanged": "Thông tin thửa đất", "mechanism": "LGSP", "status": "Chưa kết nối",
         "service_level": "Không áp dụng", "basis": "Chưa xác định (Sở KH&CN, 30/06/2027)", "protection": "Nội bộ",
         "coordinator": "Sở Nông nghiệp và Môi trường", "note": INVENTED},
    ],
    "ANHXA": [
        {"object": "KT-2", "overview_model": "Hình 7", "component_model": "Hình 8 - Nền tảng lõi",
         "source_document": "QĐ 1425/QĐ-TTg", "source_issuer": "Thủ tướng Chính phủ",
         "source_version": "1.0, 29/07/2026", "source_object": "Hạ tầng kết nối, chia sẻ dữ liệu cấp tỉnh",
         "mapping": "Cụ thể hóa", "in_template_02": "SĐ-T-02", "result": INVENTED},
    ],
    "HOANTHIEN_NV": [
        {"gap": "ND-1", "objects": "KT-2; KT-3", "current": "Chưa có Agent Node (Kế hoạch 2026, giả định)",
         "requirement": "Chia sẻ qua NDOP có Agent Node (NĐ 278/2025 Điều 7)",
         "gap_text": "Thiếu Máy chủ bảo mật điểm kết nối", "treatment": "Bổ sung mới", "task": "NV-1",
         "task_name": "Triển khai Agent Node kết nối NDOP", "result": "LGSP → Agent Node → NDOP vận hành",
         "lead": "Sở KH&CN", "priority": "Cao", "deadline": "30/06/2027", "resources": "Ngân sách tỉnh (giả định)",
         "specification": "Mới xác định tại Khung", "verification": "Nhật ký kết nối NDOP", "data_readiness": "Chưa có",
         "task_status": "Chưa thực hiện", "note": INVENTED},
        {"gap": "ND-2", "objects": "LQ-1; KT-1", "current": "Chưa kết nối CSDL đất đai (giả định)",
         "requirement": "Khai thác dữ liệu đất đai qua LGSP", "gap_text": "Chưa kết nối CSDL quốc gia về đất đai",
         "treatment": "Chuẩn hóa/kết nối/tích hợp", "task": "NV-DL-01", "task_name": "Kết nối CSDL đất đai",
         "result": "Dữ liệu thửa đất dùng trong TTHC", "lead": "Sở Nông nghiệp và Môi trường", "priority": "Trung bình",
         "deadline": "Quý IV/2027", "resources": "Ngân sách tỉnh (giả định)", "specification": "Mới xác định tại Khung",
         "verification": "Số hồ sơ dùng dữ liệu đất đai", "data_readiness": "Chưa đầy đủ",
         "task_status": "Chưa thực hiện", "note": INVENTED},
    ],
    "LS_PHIENBAN": [
        {"version": "1.0", "effective": "30/11/2026", "cutoff": "30/11/2026", "content": f"Ban hành lần đầu; {INVENTED}",
         "basis": "QĐ 1425/QĐ-TTg", "affected": "Tất cả", "unit": "Sở KH&CN", "body": "UBND tỉnh Lâm Đồng"},
    ],
}


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(ROWS, OUT, load_spec())
    print(OUT)


if __name__ == "__main__":
    main()
