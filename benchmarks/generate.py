"""Deterministic generator of realistic province models for the benchmarks.

Each province: ≈20 departments, ≈10 districts, ≈150 communes (named), its systems (portal, one-stop,
public-service portal, QLVB&ĐH, LGSP, catalogues, SOC, data centre, network), one sector application
and database per department, national components, deployment coverage with source quotes, and the
connections between them, about 100 KB of YAML each (63 provinces ≈ 6.7 MB).

Usage: python benchmarks/generate.py OUT_DIR   (writes the sizes below; same output on every run)
  one.yaml            1 province
  ten.yaml            10 provinces in one national file
  nation.yaml         63 provinces in one file
  nation-63/NN.yaml   the same 63 provinces, one file each
  nation-next.yaml    nation.yaml's next submission: one province drops its SOC and a connection
                      goes point to point (for `archcheck diff models`)
  reform-34.yaml      34 provinces after the 1 July 2025 two-tier reform (no districts)
  stress-252.yaml     252 provinces (4× the country)
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

CORE = [
    ("cong-ttdt", "web-portal", "Cổng thông tin điện tử"),
    ("dvc", "public-service-portal", "Cổng dịch vụ công"),
    ("motcua", "one-stop-shop", "Hệ thống thông tin một cửa điện tử"),
    ("qlvb", "document-management", "Hệ thống quản lý văn bản và điều hành"),
    ("email", "official-email", "Thư điện tử công vụ"),
    ("cks", "digital-signature", "Chữ ký số chuyên dùng"),
    ("lgsp", "integration-platform", "Nền tảng tích hợp, chia sẻ dữ liệu"),
    ("sso", "authentication", "Dịch vụ xác thực tập trung"),
    ("danh-muc", "shared-catalogue", "Hệ thống danh mục dùng chung"),
    ("ttdl", "data-centre", "Trung tâm dữ liệu tỉnh"),
    ("tslcd", "specialised-data-network", "Mạng truyền số liệu chuyên dùng"),
    ("soc", "security-operations-centre", "Trung tâm giám sát an toàn thông tin"),
    ("bao-cao", "reporting-system", "Hệ thống thông tin báo cáo"),
    ("thanh-toan", "payment", "Thanh toán trực tuyến"),
]
NATIONAL = [
    ("truc-qg", "national-document-axis", "Trục liên thông văn bản quốc gia"),
    ("ndxp", "national-integration-platform", "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia"),
    ("dvcqg", "national-public-service-portal", "Cổng Dịch vụ công quốc gia"),
    ("dan-cu", "national-population-database", "Cơ sở dữ liệu quốc gia về dân cư"),
    ("dkdn", "national-business-database", "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp"),
    ("ncsc", "national-cyber-monitoring", "Hệ thống giám sát an toàn không gian mạng quốc gia"),
]
SECTORS = ["Giáo dục", "Y tế", "Tài chính", "Xây dựng", "Giao thông", "Nông nghiệp", "Tài nguyên", "Công thương",
           "Lao động", "Văn hóa", "Tư pháp", "Nội vụ", "Kế hoạch", "Khoa học", "Thông tin", "Dân tộc", "Ngoại vụ",
           "Thanh tra", "Du lịch", "Môi trường", "Quy hoạch", "Thống kê"]
SYLLABLES = ["An", "Bình", "Phú", "Hòa", "Tân", "Long", "Đông", "Tây", "Nam", "Bắc", "Xuân", "Thạnh", "Mỹ",
             "Lộc", "Phước", "Thành", "Hưng", "Quang", "Sơn", "Lâm", "Hải", "Vĩnh", "Trung", "Đức", "Minh"]


def _name(rng: random.Random, words: int = 2) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(words))


def province(index: int, *, two_tier: bool = False) -> dict[str, Any]:
    rng = random.Random(index)  # deterministic per province
    n_dep = 18 + rng.randint(0, 5)
    n_dis = 0 if two_tier else 8 + rng.randint(0, 5)
    n_com = (95 if two_tier else 140) + rng.randint(0, 25)
    src = "report"

    def quote(text: str) -> dict[str, str]:
        return {"doc": src, "quote": text}

    levels = {"department": n_dep, "commune": n_com} | ({} if two_tier else {"district": n_dis})
    units = {lv: {"total": n, "names": [f"{'Xã' if lv == 'commune' else 'Huyện' if lv == 'district' else 'Sở'} "
                                         f"{_name(rng)} {i + 1}" for i in range(n)], "source": quote(f"{n} {lv}")}
             for lv, n in levels.items()}
    components: list[dict[str, Any]] = []
    for cid, kind, name in CORE:
        c: dict[str, Any] = {"id": cid, "kind": kind, "name": name,
                             "attributes": {"security_level": rng.randint(2, 4), "hosting": "ttdl",
                                            "vendor": f"Công ty {_name(rng)}"},
                             "source": quote(f"{name} đã được triển khai")}
        if kind in ("document-management", "one-stop-shop", "official-email"):
            c["deployment"] = {lv: {"used": rng.randint(int(n * 0.6), n), "source": quote(f"{lv} {n}")}
                               for lv, n in levels.items()}
        if kind == "public-service-portal":
            total = rng.randint(1200, 2000)
            c["attributes"]["online_services"] = {"total": total, "level3": total // 3, "level4": total // 3}
        components.append(c)
    for d in range(n_dep):
        sector = SECTORS[d % len(SECTORS)]
        components.append({"id": f"app-{d}", "kind": "sector-application", "name": f"Phần mềm ngành {sector}",
                           "attributes": {"security_level": rng.randint(1, 3)},
                           "source": quote(f"ứng dụng chuyên ngành {sector}")})
        components.append({"id": f"db-{d}", "kind": "sector-database", "name": f"Cơ sở dữ liệu {sector}",
                           "attributes": {"security_level": rng.randint(1, 3)},
                           "source": quote(f"cơ sở dữ liệu {sector}")})
    commune_names = units["commune"]["names"]
    for c_i, cname in enumerate(commune_names):
        components.append({
            "id": f"hcc-xa-{c_i}", "kind": "public-service-centre", "name": f"Bộ phận một cửa {cname}",
            "attributes": {"staff": rng.randint(2, 9), "kiosks": rng.randint(0, 3),
                           "opened": f"20{rng.randint(16, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"},
            "source": quote(f"{cname} đã đưa Bộ phận một cửa vào hoạt động"),
        })
    national = [{"id": nid, "kind": kind, "name": name} for nid, kind, name in NATIONAL]
    conns: list[dict[str, Any]] = [
        {"from": "qlvb", "to": "truc-qg", "kind": "document-exchange", "via": "lgsp"},
        {"from": "lgsp", "to": "ndxp", "kind": "data-exchange"},
        {"from": "motcua", "to": "dvc", "kind": "synchronisation"},
        {"from": "motcua", "to": "dvcqg", "kind": "synchronisation", "via": "lgsp"},
        {"from": "dvc", "to": "sso", "kind": "authentication"},
        {"from": "sso", "to": "dvcqg", "kind": "authentication"},
        {"from": "dvc", "to": "dvcqg", "kind": "payment"},
        {"from": "motcua", "to": "dan-cu", "kind": "data-exchange", "via": "lgsp"},
        {"from": "soc", "to": "ncsc", "kind": "monitoring"},
    ]
    for cid, _, _ in CORE:
        if cid not in ("soc", "ttdl", "tslcd"):
            conns.append({"from": cid, "to": "soc", "kind": "monitoring"})
    for d in range(n_dep):
        conns.append({"from": f"app-{d}", "to": f"db-{d}", "kind": "data-exchange", "via": "lgsp"})
        conns.append({"from": f"app-{d}", "to": "soc", "kind": "monitoring"})
        conns.append({"from": f"db-{d}", "to": "soc", "kind": "monitoring"})
        if rng.random() < 0.15:  # a few point-to-point links, as real provinces have
            conns.append({"from": f"app-{d}", "to": "dkdn", "kind": "data-exchange"})
    for c_i in range(n_com):
        conns.append({"from": f"hcc-xa-{c_i}", "to": "motcua", "kind": "data-exchange", "via": "lgsp",
                      "source": quote("kết nối với hệ thống một cửa điện tử của tỉnh")})
    name = f"Tỉnh {_name(rng)} {index + 1}"
    return {"name": name, "code": f"{index + 1:02d}"[-2:], "as_of": "2025-09-01" if two_tier else "2021-06-30",
            "framework": "2.0", "admin_structure": "two-tier" if two_tier else "three-tier",
            "units": units, "components": components, "national": national, "connections": conns}


def document(provinces: list[dict[str, Any]]) -> str:
    doc: dict[str, Any] = {"archcheck": 1, "sources": {"report": {"title": "Báo cáo tổng hợp (dữ liệu tổng hợp)"}}}
    if len(provinces) == 1:
        doc["province"] = provinces[0]
    else:
        doc["provinces"] = provinces
    return yaml.dump(doc, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False, width=120)


def next_submission(country: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The country with one change injected into province 17: no SOC, and its first connection
    through the LGSP made point to point (a new error for `diff models` to find and explain)."""
    changed = [dict(p) for p in country]
    p = changed[16]
    p["components"] = [c for c in p["components"] if c["id"] != "soc"]
    conns = [c for c in p["connections"] if "soc" not in (c["from"], c["to"])]
    first = next(i for i, c in enumerate(conns) if c.get("via") == "lgsp")
    conns[first] = {k: v for k, v in conns[first].items() if k != "via"}
    p["connections"] = conns
    return changed


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    country = [province(i) for i in range(63)]
    (out / "one.yaml").write_text(document(country[:1]), "utf-8")
    (out / "ten.yaml").write_text(document(country[:10]), "utf-8")
    (out / "nation.yaml").write_text(document(country), "utf-8")
    (out / "nation-next.yaml").write_text(document(next_submission(country)), "utf-8")
    per = out / "nation-63"
    per.mkdir(exist_ok=True)
    for i, p in enumerate(country):
        (per / f"{i + 1:02d}.yaml").write_text(document([p]), "utf-8")
    (out / "reform-34.yaml").write_text(document([province(100 + i, two_tier=True) for i in range(34)]), "utf-8")
    (out / "stress-252.yaml").write_text(document([province(i) for i in range(252)]), "utf-8")


def options() -> tuple[argparse.Namespace, Path]:
    """What every benchmark script takes (``--repeat N``, ``--out DIR``), with the models written to
    the ``--out`` folder."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "out"))
    args = ap.parse_args()
    out = Path(args.out)
    # In a child process: generating 252 provinces takes the generator to 700 MB, and on Linux a
    # process started from a parent inherits its peak-memory mark, which would then be every run's.
    subprocess.run([sys.executable, __file__, str(out)], check=True)
    return args, out


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/out"))
