"""Benchmark the drawing's two layouts: the built-in one (routed lines) and Graphviz's ``dot``; print one table.

For each model: the number of boxes and lines, the built-in layout's time in-process (``to_svg`` on the
scene: layout, routing every line around the boxes, writing), Graphviz's time (``dot -Tsvg`` on
``to_dot`` of the same scene, a whole process, as ``archcheck graph --layout graphviz`` runs it), and how
many of the built-in drawing's lines pass through a box that is not one of their ends (always 0: the
check of tests/test_drawing_route.py). The median of --repeat runs, the two taking turns.

Usage: python benchmarks/drawing.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from generate import document, province  # noqa: E402 - this folder, put on the path above

from archcheck import api  # noqa: E402
from archcheck.report.drawing import Scene, report_scene, requirements, to_dot, to_svg  # noqa: E402
from tests.test_drawing_route import crossings  # noqa: E402


def _busy(seed: int) -> dict[str, Any]:
    """A generated province with 40 more connections between random components (a crowded drawing)."""
    p = province(seed)
    rng = random.Random(seed)
    ids = [c["id"] for c in p["components"] if not c["id"].startswith("hcc-xa-")] + [n["id"] for n in p["national"]]
    kinds = ["document-exchange", "data-exchange", "synchronisation", "authentication", "monitoring"]
    for _ in range(40):
        a, b = rng.sample(ids, 2)
        p["connections"].append({"from": a, "to": b, "kind": rng.choice(kinds)})
    return p


def _scenes(tmp: Path) -> list[tuple[str, Scene]]:
    cases: list[tuple[str, Path, str | None]] = [
        (f"{p.stem} (2.0)", p, "2.0") for p in sorted((ROOT / "province_models").glob("*.yaml"))]
    drawing = ROOT / "tests" / "models" / "drawing"
    cases += [(p, drawing / f"{p}.yaml", None) for p in ("report-2018", "design-2021", "province-2026")]
    (tmp / "gen.yaml").write_text(document([province(0)]), encoding="utf-8")
    (tmp / "busy.yaml").write_text(document([_busy(1)]), encoding="utf-8")
    cases += [("generated province", tmp / "gen.yaml", None), ("generated, +40 connections", tmp / "busy.yaml", None)]
    needs = requirements(api.builtin_rules())
    out = []
    for name, path, fw in cases:
        run = api.validate([path], framework=fw, outline=True)
        s = report_scene(run.reports[0], None, needs)
        assert s is not None
        out.append((name, s))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    dot = shutil.which("dot")
    version = (subprocess.run([dot, "-V"], capture_output=True, text=True, check=False).stderr.strip()
               if dot else "Graphviz not installed")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}; {version}; median of {args.repeat} runs, the two layouts taking turns\n")
    print("| model | boxes | lines | built-in s | Graphviz `dot` s | built-in ÷ dot | lines through a box (built-in) |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, s in _scenes(Path(tmp)):
            ours: list[float] = []
            theirs: list[float] = []
            source = to_dot(s)
            svg = ""
            for _ in range(args.repeat):
                t = time.perf_counter()
                svg = to_svg(s)
                ours.append(time.perf_counter() - t)
                if dot:
                    t = time.perf_counter()
                    subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, check=True)
                    theirs.append(time.perf_counter() - t)
            o = statistics.median(ours)
            g = f"{statistics.median(theirs):.3f}" if theirs else "–"
            ratio = f"{o / statistics.median(theirs):.1f}" if theirs else "–"
            print(f"| {name} | {len(s.boxes)} | {len(s.lines)} | {o:.3f} | {g} | {ratio} | {len(crossings(svg))} |")


if __name__ == "__main__":
    main()
