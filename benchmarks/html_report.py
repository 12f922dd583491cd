"""Benchmark the HTML report against the JSON report of the same run; print one table.

Whole-process wall time and peak memory of ``archcheck validate --framework 2.0 --format json`` and
``--format html`` (each writing its report to a file), on the generated 63-province national file and
on one generated province, taking turns, the median of --repeat runs. The HTML run also carries each
province's outline back from the workers and draws 63 architectures; the target is ≤ 2× the JSON run.

Usage: python benchmarks/html_report.py [--repeat 5] [--out benchmarks/out]
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from pathlib import Path

from generate import options  # this folder, first on the path of a script
from run import interleaved, median

BIN = Path(sys.executable).parent


def main() -> None:
    args, out = options()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}; median of {args.repeat} runs, json and html taking turns\n")
    print("| case | MB | json s | json peak MB | html s | html peak MB | html ÷ json (time) | html MB |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, rel in (("1 province", "one.yaml"), ("63 provinces, 1 file", "nation.yaml")):
            model = str(out / rel)
            cmds = {fmt: [str(BIN / "archcheck"), "validate", "--framework", "2.0", model, "--format", fmt,
                          "--output", str(Path(tmp) / f"report.{fmt}")] for fmt in ("json", "html")}
            runs = interleaved(dict.fromkeys(cmds, args.repeat), cmds)
            (jt, jm), (ht, hm) = median(runs["json"]), median(runs["html"])
            size = (Path(tmp) / "report.html").stat().st_size / 1e6
            mb = Path(model).stat().st_size / 1e6
            print(f"| {name} | {mb:.2f} | {jt:.2f} | {jm:.0f} | {ht:.2f} | {hm:.0f} | {ht / jt:.2f} | {size:.1f} |")


if __name__ == "__main__":
    main()
