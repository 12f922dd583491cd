"""Benchmark archcheck on generated models of every size; print one table.

For each size: archcheck's whole-process wall time and peak memory with all 2.0 rules, its time per
stage, and, in the same run on the same file(s), check-jsonschema with the model schema and the floor
(benchmarks/floor.py: rapidyaml + jsonschema-rs + networkx). Each figure is the median of --repeat runs;
peak memory is the maximum resident size of that process. Ratios are archcheck ÷ the other.

Usage: python benchmarks/run.py [--repeat 3] [--out benchmarks/out]
Needs the benchmark extra: pip install -e '.[bench]'
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import options  # this folder, first on the path of a script

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
STAGES = ["parse", "schema", "model", "graph", "rules", "report"]
"""Stage columns come from a separate one-process run (ARCHCHECK_WORKERS=1); whole-process times
use every core."""


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak MB of one run of ``cmd``, measured in a fresh helper process."""
    helper = ("import resource, subprocess, sys, time, json\n"
              "t = time.perf_counter()\n"
              "subprocess.run(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
              "w = time.perf_counter() - t\n"
              "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n")
    out = subprocess.run([sys.executable, "-c", helper, json.dumps(cmd)], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    return float(out[0]), float(out[1])


def interleaved(rounds: dict[str, int], cmds: dict[str, list[str]]) -> dict[str, list[tuple[float, float]]]:
    """Run each command its number of rounds, taking turns (a, b, c, a, b, c, ...), so a slow spell
    of the machine falls on all of them alike rather than on whichever ran then."""
    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
    for i in range(max(rounds.values())):
        for key, cmd in cmds.items():
            if i < rounds[key]:
                runs[key].append(measure(cmd))
    return runs


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """Median wall time and median peak memory."""
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def stages(files: list[str]) -> dict[str, dict[str, float]]:
    """Seconds per stage and peak MB when it last ended, from a one-process run (workers do not
    report stages)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
        env = dict(os.environ, ARCHCHECK_STAGES=tmp.name, ARCHCHECK_WORKERS="1")
        subprocess.run([str(BIN / "archcheck"), "validate", "--framework", "2.0", *files],
                       stdout=subprocess.DEVNULL, env=env, check=False)
        data = json.loads(Path(tmp.name).read_text() or "{}")
    return {k: {"seconds": v["seconds"], "peak_mb": v["peak_mb"]} for k, v in data.items()}


def fast_path(cases: list[tuple[str, list[str]]]) -> str:
    """Whether every file of each case takes the fast path (rapidyaml) rather than being declined, and
    what the decline checks (archcheck.read.fastload.declined) cost on it: the median of 5 runs."""
    from archcheck.read.fastload import declined, fast_load  # noqa: PLC0415 - only for this table

    rows = ["| case | fast path taken | decline checks ms |", "|---|---|---|"]
    for name, files in cases:
        texts = [Path(f).read_bytes() for f in files]
        taken = all(fast_load(t.decode("utf-8"), f, min_chars=0) is not None for t, f in zip(texts, files, strict=True))
        times = []
        for _ in range(5):
            t = time.perf_counter()
            for raw in texts:
                declined(raw)
            times.append(time.perf_counter() - t)
        rows.append(f"| {name} | {'yes' if taken else 'NO'} | {statistics.median(times) * 1000:.1f} |")
    return "\n".join(rows)


def main() -> None:
    args, out = options()
    schema_file = out / "model.schema.json"
    schema_file.write_text(subprocess.run([str(BIN / "archcheck"), "schema", "model"], capture_output=True,
                                          text=True, check=True).stdout)
    sizes = [
        ("1 province", ["one.yaml"], 1),
        ("10 provinces, 1 file", ["ten.yaml"], 10),
        ("63 provinces, 1 file", ["nation.yaml"], 63),
        ("63 provinces, 63 files", [f"nation-63/{i:02d}.yaml" for i in range(1, 64)], 63),
        ("34 provinces (2025 reform)", ["reform-34.yaml"], 34),
        ("252 provinces (4x stress)", ["stress-252.yaml"], 252),
    ]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}; median of {args.repeat} runs ({args.repeat * 3} below 1 MB), "
          "archcheck, check-jsonschema and the floor taking turns\n")
    head = ("| case | MB | archcheck s | peak MB | " + " | ".join(STAGES) +
            " | check-jsonschema s | ratio | floor s | floor MB | ratio time | ratio mem |")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    per_province: dict[str, float] = {}
    spread = ""
    memory_rows: list[str] = []
    for name, rel, n in sizes:
        files = [str(out / r) for r in rel]
        mb = sum(Path(f).stat().st_size for f in files) / 1e6
        repeat = args.repeat * 3 if mb < 1 else args.repeat  # small cases are cheap and the noisiest
        runs = interleaved(
            {"archcheck": repeat, "check-jsonschema": 1 if n > 60 else repeat, "floor": repeat},
            {"archcheck": [str(BIN / "archcheck"), "validate", "--framework", "2.0", *files],
             "check-jsonschema": [str(BIN / "check-jsonschema"), "--schemafile", str(schema_file), *files],
             "floor": [sys.executable, str(HERE / "floor.py"), *files]})
        (ac, ac_mem), (cj, _), (fl, fl_mem) = (median(runs[k]) for k in ("archcheck", "check-jsonschema", "floor"))
        if name == "1 province":
            pairs = sorted(a[0] / c[0] for a, c in zip(runs["archcheck"], runs["check-jsonschema"], strict=True))
            spread = (f"1 province, archcheck ÷ check-jsonschema per round: {pairs[0]:.2f}–{pairs[-1]:.2f} "
                      f"({len(pairs)} rounds)")
        st = stages(files)
        memory_rows.append(f"| {name} | " + " | ".join(
            f"{st[s]['peak_mb']:.0f}" if s in st else "" for s in ["startup", *STAGES]) + " |")
        per_province[name] = ac / n
        print(f"| {name} | {mb:.2f} | {ac:.2f} | {ac_mem:.0f} | "
              + " | ".join(f"{st.get(s, {}).get('seconds', 0):.2f}" for s in STAGES)
              + f" | {cj:.2f} | {ac / cj:.2f} | {fl:.2f} | {fl_mem:.0f} | {ac / fl:.2f} | {ac_mem / fl_mem:.2f} |")
    one_file = per_province["63 provinces, 1 file"] * 63
    many = per_province["63 provinces, 63 files"] * 63
    print("\nPeak resident MB of the one-process run when each stage last ended (the stages run per file and "
          "province, so a later stage's figure includes the earlier ones' memory still held):\n")
    print("| case | startup | " + " | ".join(STAGES) + " |")
    print("|---|" + "---|" * (len(STAGES) + 1))
    print("\n".join(memory_rows))
    print(f"\n{spread}")
    print(f"63 files ÷ 1 file (wall): {many / one_file:.2f}")
    chain = [("1 province", 1), ("10 provinces, 1 file", 10), ("63 provinces, 1 file", 63),
             ("252 provinces (4x stress)", 252)]
    steps = []
    for (a, na), (b, nb) in itertools.pairwise(chain):
        grow = per_province[b] * nb / (per_province[a] * na)
        steps.append(f"{na}→{nb}: time ×{grow:.2f} for provinces ×{nb / na:.1f}")
    print("growth (linear or better when time grows no more than provinces): " + "; ".join(steps))
    print("\n" + fast_path([(name, [str(out / r) for r in rel]) for name, rel, _ in sizes]))
    t = time.perf_counter()
    for _ in range(5):
        subprocess.run([str(BIN / "archcheck"), "--version"], stdout=subprocess.DEVNULL, check=True)
    print(f"archcheck --version: {(time.perf_counter() - t) / 5:.3f} s")
    _ = resource  # peak memory is read in the helper process


if __name__ == "__main__":
    main()
