"""`archcheck validate` on generated Mẫu 03 data sets, one core: prints a table (median of --repeat
whole-process runs, pinned to CPU 0 with taskset where it exists, ARCHCHECK_WORKERS=1).

The data sets are written by archcheck's own exporter: N objects (KT-n, with an LGSP and the national
NDXP/NDOP), 2.5·N relations through the LGSP, N gap-task rows with dates, DM_GIATRI and the rest.
No test asserts a time; docs/performance.md records what this prints.

Usage: python benchmarks/mau03.py [--repeat 5] [--objects 200 2000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archcheck.read.mau03.export import write_workbook
from archcheck.read.mau03.spec import load_spec


def rows(n: int) -> dict[str, list[dict[str, str]]]:
    base = {"record_type": "Bản ghi gốc", "object_type": "Hệ thống số/hệ thống thông tin",
            "layer": "Ứng dụng và nghiệp vụ dùng chung", "layer_component": "Ứng dụng và nghiệp vụ dùng chung",
            "model_status": "Hiện trạng", "usage_scope": "Cấp tỉnh; Cấp xã", "sharing_scope": "Dùng chung cấp tỉnh",
            "owner": "UBND tỉnh Lâm Đồng", "lifecycle": "Đang vận hành", "evidence": "Kế hoạch 2026",
            "confirmer": "Sở KH&CN"}
    objects = [{**base, "code": "KT-1", "name": "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
                "object_type": "Nền tảng số"},
               {**base, "code": "QG-1", "name": "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
                "record_type": "Bản ghi tham chiếu", "source_code": "Chưa xác định (Sở KH&CN, 31/03/2027)"}]
    objects += [{**base, "code": f"KT-{i}", "name": f"Hệ thống thông tin số {i}"} for i in range(2, n)]
    relations = [{"code": f"QH-{j + 1}", "source": f"KT-{2 + j % (n - 2)}", "target": "QG-1" if j % 5 == 0 else
                  f"KT-{2 + (j * 7 + 1) % (n - 2)}", "relation_type": "Trao đổi dữ liệu", "exchanged": "Hồ sơ",
                  "mechanism": "LGSP", "status": "Đang khai thác", "basis": "Biên bản kết nối 2026"}
                 for j in range(int(2.5 * n))]
    relations = [r for r in relations if r["source"] != r["target"]]
    tasks = [{"gap": f"ND-{i}", "objects": f"KT-{i}", "current": "Chưa kết nối", "requirement": "Kết nối qua LGSP",
              "gap_text": "Chưa kết nối", "treatment": "Chuẩn hóa/kết nối/tích hợp", "task": f"NV-{i}",
              "task_name": f"Kết nối hệ thống {i}", "result": "Kết nối xong", "lead": "Sở KH&CN", "priority": "Cao",
              "deadline": "31/12/2027", "resources": "Ngân sách tỉnh", "verification": "Nhật ký LGSP",
              "task_status": "Đang thực hiện"} for i in range(2, n)]
    version = [{"version": "1.0", "effective": "30/11/2026", "cutoff": "30/11/2026", "content": "Ban hành",
                "body": "UBND tỉnh Lâm Đồng"}]
    return {"DM_DOITUONG": objects, "QH_KETNOI": relations, "HOANTHIEN_NV": tasks, "LS_PHIENBAN": version}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--objects", type=int, nargs="+", default=[200, 2000])
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("archcheck")
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    env = {**os.environ, "ARCHCHECK_WORKERS": "1"}
    print(f"Python {sys.version.split()[0]}; one core ({'taskset -c 0' if pin else 'not pinned'}), "
          f"ARCHCHECK_WORKERS=1; median of {args.repeat} runs after a warm-up")
    print()
    print("| objects | relations | task rows | MB | wall s | CPU s (user + sys) | exit |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.objects:
            data = rows(n)
            path = Path(tmp) / f"mau03-{n}.xlsx"
            write_workbook(data, path, load_spec())
            cmd = [*pin, str(exe), "validate", str(path), "--framework", "1425"]
            code = subprocess.run(cmd, capture_output=True, env=env, check=False).returncode
            times, cpu = [], []
            for _ in range(args.repeat):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                subprocess.run(cmd, capture_output=True, env=env, check=False)
                times.append(time.perf_counter() - t0)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            print(f"| {n:,} | {len(data['QH_KETNOI']):,} | {len(data['HOANTHIEN_NV']):,} | "
                  f"{path.stat().st_size / 1e6:.2f} | {statistics.median(times):.2f} | {statistics.median(cpu):.2f} "
                  f"| {code} |")


if __name__ == "__main__":
    main()
