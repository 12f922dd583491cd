"""Appraisal benchmark (issue 35): `archcheck appraise` on one proposal and on a folder of 50, whole process.

The folder holds the five shipped example proposals (examples/appraisal/projects), ten renamed copies of
each; the architecture is examples/appraisal/architecture.yaml. Each row beside `archcheck --version` (the
start-up every command pays) and `python -c pass`; the commands of a row take turns, round by round; the
median of --repeat rounds with the range.

Usage: python benchmarks/appraise.py [--repeat 9]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EX = ROOT / "examples" / "appraisal"


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="rounds per row")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = tmp
        folder = Path(tmp) / "fifty"
        folder.mkdir()
        for f in sorted((EX / "projects").glob("*.yaml")):
            text = f.read_text("utf-8")
            for i in range(10):
                (folder / f"{f.stem}-{i:02d}.yaml").write_text(text.replace("\nname: ", f"\nname: {i} ", 1), "utf-8")
        arch = str(EX / "architecture.yaml")
        one = str(EX / "projects" / "1-lgsp-upgrade.yaml")
        rows = {
            "archcheck --version": [str(BIN / "archcheck"), "--version"],
            "python -c pass": [sys.executable, "-c", "pass"],
            "appraise 1 proposal (text)": [str(BIN / "archcheck"), "appraise", one, "--architecture", arch],
            "appraise 1 proposal (html)": [str(BIN / "archcheck"), "appraise", one, "--architecture", arch,
                                           "--format", "html"],
            "appraise folder of 50 (lines)": [str(BIN / "archcheck"), "appraise", str(folder), "--architecture", arch],
            "appraise folder of 50 (json)": [str(BIN / "archcheck"), "appraise", str(folder), "--architecture", arch,
                                             "--format", "json"],
        }
        times: dict[str, list[float]] = {k: [] for k in rows}
        for _ in range(args.repeat):
            for name, cmd in rows.items():
                times[name].append(_time(cmd))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{args.repeat} rounds, whole process, seconds: median (min–max)\n")
    print("| command | time |\n|---|---|")
    for name, ts in times.items():
        print(f"| {name} | {statistics.median(ts):.3f} ({min(ts):.3f}–{max(ts):.3f}) |")


if __name__ == "__main__":
    main()
