"""Start-up benchmark alone (issue 15): every shipped province model and every small command, whole process.

For each shipped model under province_models/: `archcheck validate MODEL` (all rules of the model's
framework) beside check-jsonschema with the model schema on the same file and `python -c pass`; for
the small commands (--version, --help, schema model, kinds, rules list, rules show) beside
`python -c pass`. The commands of a row take turns, round by round, so that a slow spell of the
machine falls on all of them alike; the median of --repeat rounds (at least 9) is printed with the
range. benchmarks/run.py prints the same table after its own.

With ``--against TREE`` (another checkout of archcheck, e.g. ``git worktree add /tmp/before main``, or
``git archive main | tar -x -C /tmp/before``), it prints instead a before/after table: ``import archcheck``,
``archcheck --help`` and ``archcheck validate`` of one shipped province, each run from that tree and from
this one, the two taking turns round by round (both run by this interpreter from their source,
bytecode compiled first).

Usage: python benchmarks/startup.py [--repeat 9] [--against TREE]
Needs the benchmark extra: pip install '.[bench]'
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import BIN, HERE, interleaved, startup  # this folder, first on the path of a script

AGAINST = [
    ("import archcheck", ["-c", "import archcheck"]),
    ("archcheck --help", ["-c", "import sys; from archcheck.cli import main; sys.argv[0] = 'archcheck'; main()",
                          "--help"]),
    ("archcheck validate province_models/danang.yaml",
     ["-c", "import sys; from archcheck.cli import main; sys.argv[0] = 'archcheck'; main()", "validate",
      str(HERE.parent / "province_models" / "danang.yaml")]),
]
"""The rows of the before/after table: what `import archcheck`, `--help` and one province cost."""


def against(tree: Path, rounds: int) -> str:
    """A before/after table: each row's command from ``tree`` (before) and from this checkout (after), in turns."""
    here = HERE.parent
    for root in (tree, here):
        compileall.compile_dir(str(root / "archcheck"), quiet=1)
    rows = [f"median of {rounds} rounds (range), before = {tree}, after = {here}, taking turns", "",
            "| case | before s | after s | after ÷ before |", "|---|---|---|---|"]
    for name, args in AGAINST:
        # run from /, where neither checkout is: the current folder would come first on the path
        cmds = {"before": ["env", "-C", "/", f"PYTHONPATH={tree}", sys.executable, *args],
                "after": ["env", "-C", "/", f"PYTHONPATH={here}", sys.executable, *args]}
        subprocess.run(cmds["before"], capture_output=True, check=False)  # each side's rule cache, warmed
        subprocess.run(cmds["after"], capture_output=True, check=False)
        runs = interleaved({"before": rounds, "after": rounds}, cmds)
        b, a = (statistics.median(r[0] for r in runs[k]) for k in ("before", "after"))
        span = {k: f"{min(r[0] for r in runs[k]):.3f}–{max(r[0] for r in runs[k]):.3f}" for k in runs}
        rows.append(f"| {name} | {b:.3f} ({span['before']}) | {a:.3f} ({span['after']}) | {a / b:.2f} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="rounds per row (at least 9)")
    parser.add_argument("--against", type=Path, metavar="TREE",
                        help="another checkout: a before/after table of start-up instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = tmp  # archcheck's rule cache: this run's own
        os.environ["XDG_STATE_HOME"] = tmp  # and the cache's secret
        if args.against is not None:
            print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                  f"load average {os.getloadavg()[0]:.1f}; " + against(args.against.resolve(), max(9, args.repeat)))
            return
        schema_file = Path(tmp) / "model.schema.json"
        schema_file.write_text(subprocess.run([str(BIN / "archcheck"), "schema", "model"], capture_output=True,
                                              text=True, check=True).stdout, encoding="utf-8")
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"{platform.platform()}; " + startup(max(9, args.repeat), schema_file))


if __name__ == "__main__":
    main()
