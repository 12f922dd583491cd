"""Benchmark `archcheck diff models` on two 63-province national files against one `validate` of one.

The files are benchmarks/generate.py's nation.yaml and nation-next.yaml (one province changed). The
target: the diff costs no more than 2.5× one validate of one file. Both whole-process, all 2.0 rules,
text output, taking turns; medians of --repeat runs.

Usage: python benchmarks/diff.py [--repeat 5] [--out benchmarks/out]
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from generate import options  # this folder, first on the path of a script
from run import interleaved, median

BIN = Path(sys.executable).parent


def main() -> None:
    args, out = options()
    old, new = str(out / "nation.yaml"), str(out / "nation-next.yaml")
    cmds = {
        "validate": [str(BIN / "archcheck"), "validate", "--framework", "2.0", old],
        "diff": [str(BIN / "archcheck"), "diff", "models", "--framework", "2.0", old, new],
    }
    runs = interleaved(dict.fromkeys(cmds, args.repeat), cmds)
    (vt, vm), (dt_, dm) = median(runs["validate"]), median(runs["diff"])
    mb = Path(old).stat().st_size / 1e6
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; median of {args.repeat} runs, "
          "taking turns")
    print()
    print("| case | MB per file | validate one file s | peak MB | diff models s | peak MB | ratio (≤ 2.5) |")
    print("|---|---|---|---|---|---|---|")
    print(f"| 63 provinces, one province changed | {mb:.2f} | {vt:.2f} | {vm:.0f} | {dt_:.2f} | {dm:.0f} | "
          f"{dt_ / vt:.2f} |")


if __name__ == "__main__":
    main()
