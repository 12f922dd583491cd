"""Benchmark archcheck on generated models of every size; print one table.

For each size: archcheck's whole-process wall time and peak memory with all 2.0 rules, its time per
stage, and, in the same run on the same file(s), check-jsonschema with the model schema and the floor
(benchmarks/floor.py: rapidyaml + jsonschema-rs + networkx). Each figure is the median of --repeat runs;
peak memory is the maximum resident size of that process. Ratios are archcheck ÷ the other.

Then the start-up table (:func:`startup`; alone: benchmarks/startup.py): each shipped model and each
small command, whole process, beside check-jsonschema on the same file and `python -c pass`.

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


SMALL_COMMANDS = [["--version"], ["--help"], ["schema", "model"], ["kinds"], ["rules", "list"],
                  ["rules", "show", "DOC-001"]]
"""The commands of the start-up target (issue 15: each ≤ 0.15 s whole process), and `rules show`."""
COLD_COMMANDS = [["kinds"], ["rules", "list"]]
"""The small commands that read the parsed rules or frameworks, measured again on a first run."""
SMALL_TARGET_S = 0.15


def _first_run() -> list[str]:
    """A command prefix that runs archcheck as a first run does: with a cache folder and a secret
    folder that are empty, emptied again before every run (``sh -c``, ≈1 ms, is in the time)."""
    empty = Path(os.environ["XDG_CACHE_HOME"]) / "empty"
    return ["sh", "-c", 'rm -rf "$0" && mkdir "$0" && XDG_CACHE_HOME="$0" XDG_STATE_HOME="$0" exec "$@"',
            str(empty)]
MODEL_TARGET_RATIO = 0.5


def startup(rounds: int, schema_file: Path) -> str:
    """Whole-process rows for each shipped model (`archcheck validate MODEL`, all rules of its
    framework) against check-jsonschema with the model schema on the same file, and for the small
    commands, each beside `python -c pass` and `python -c "import click"` (what any click command pays
    before its own code: the floor of a small command): all commands of a row taking turns,
    ``rounds`` rounds; the median, and the range of the per-round ratio.

    archcheck's cache of parsed rules is warmed first (as every run after a user's first finds it),
    in a folder of this run's own (set ``XDG_CACHE_HOME`` before calling); one row repeats the first
    model with the cache unusable, and one row per model and per listing runs with an empty cache,
    emptied before every run: what a first run, or every CI job, pays (issue 34).
    """
    import compileall  # noqa: PLC0415 - only for this table

    import archcheck  # noqa: PLC0415 - where the measured archcheck lives

    # An installed wheel has its bytecode compiled by pip; a checkout run with PYTHONDONTWRITEBYTECODE
    # would compile every module in every run, which is not what a user's start-up costs.
    compileall.compile_dir(str(Path(archcheck.__file__).parent), quiet=1)
    subprocess.run([str(BIN / "archcheck"), "rules", "list"], stdout=subprocess.DEVNULL, check=True)  # the cache
    floor = [sys.executable, "-c", "pass"]
    click_floor = [sys.executable, "-c", "import click"]  # what any click command pays before its own code
    rows = [f"median of {rounds} rounds, the commands of each row taking turns; ratio = archcheck ÷ "
            "check-jsonschema on the same file (median, and the range over the rounds)", "",
            "| case | archcheck s (range) | check-jsonschema s | ratio | ratio range | python -c pass s | "
            "import click s | target | met |",
            "|---|---|---|---|---|---|---|---|---|"]
    models = sorted((HERE.parent / "province_models").glob("*.yaml"))
    no_cache = Path(os.environ["XDG_CACHE_HOME"]) / "a-file"  # no folder can be made under a file
    no_cache.write_text("", encoding="utf-8")
    cases = [(f"{m.parent.name}/{m.name}", m, []) for m in models]
    cases.append((f"{models[0].parent.name}/{models[0].name}, cache unusable", models[0],
                  ["env", f"XDG_CACHE_HOME={no_cache}"]))
    cases += [(f"{m.parent.name}/{m.name}, cache empty (a first run)", m, _first_run()) for m in models]
    for name, model, prefix in cases:
        runs = interleaved({"a": rounds, "c": rounds, "p": rounds},
                           {"a": [*prefix, str(BIN / "archcheck"), "validate", str(model)],
                            "c": [str(BIN / "check-jsonschema"), "--schemafile", str(schema_file), str(model)],
                            "p": floor})
        ac, cj, py = (statistics.median(r[0] for r in runs[k]) for k in "acp")
        lo, hi = min(r[0] for r in runs["a"]), max(r[0] for r in runs["a"])
        ratios = sorted(a[0] / c[0] for a, c in zip(runs["a"], runs["c"], strict=True))
        rows.append(f"| validate {name} | {ac:.3f} ({lo:.3f}–{hi:.3f}) | {cj:.3f} | {ac / cj:.2f} | "
                    f"{ratios[0]:.2f}–{ratios[-1]:.2f} | {py:.3f} | | ≤ {MODEL_TARGET_RATIO}× | "
                    f"{'yes' if ac / cj <= MODEL_TARGET_RATIO else 'NO'} |")
    small = [([], args) for args in SMALL_COMMANDS] + [(_first_run(), args) for args in COLD_COMMANDS]
    for prefix, args in small:
        runs = interleaved({"a": rounds, "p": rounds, "k": rounds},
                           {"a": [*prefix, str(BIN / "archcheck"), *args], "p": floor, "k": click_floor})
        ac, py, ck = (statistics.median(r[0] for r in runs[k]) for k in "apk")
        lo, hi = min(r[0] for r in runs["a"]), max(r[0] for r in runs["a"])
        target = SMALL_TARGET_S if args != ["rules", "show", "DOC-001"] else None
        met = "" if target is None else ("yes" if ac <= target else "NO")
        cold = ", cache empty (a first run)" if prefix else ""
        rows.append(f"| archcheck {' '.join(args)}{cold} | {ac:.3f} ({lo:.3f}–{hi:.3f}) | | | | {py:.3f} | {ck:.3f} | "
                    f"{f'≤ {target} s' if target else ''} | {met} |")
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
    os.environ["XDG_CACHE_HOME"] = str(out / "xdg-cache")  # archcheck's rule cache: this run's own
    os.environ["XDG_STATE_HOME"] = str(out / "xdg-state")  # and the cache's secret
    print("\nStart-up: the shipped models and the small commands, whole process (issue 15); "
          + startup(max(9, args.repeat * 3), schema_file))
    _ = resource  # peak memory is read in the helper process


if __name__ == "__main__":
    main()
