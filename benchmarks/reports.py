"""Report rendering on a large run: the 63-province national file with every connection removed, so
that each province fails most rules (thousands of findings, many with a reachability chain).

Prints, per format, the median time to render the report from the same ValidationRun, its size and
its ratio to the JSON report's time (the target for SARIF: at most 1.5×). Checking the model is
done once and not counted: it is the same for every format.

Usage: python benchmarks/reports.py [--repeat N] [--out DIR]
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archcheck import api
from archcheck.report import REPORTERS, ReportOptions
from benchmarks.generate import document, options, province

FORMATS = ["json", "sarif", "junit", "gitlab", "github", "markdown", "text"]
VIETNAMESE = ["markdown", "text"]  # also rendered with --lang vi: every message through the catalogue


def main() -> None:
    args, out = options()
    model = out / "nation-no-connections.yaml"
    provinces = [province(i) for i in range(63)]
    for p in provinces:
        p["connections"] = []
    model.write_text(document(provinces), "utf-8")
    run = api.validate([str(model)])
    findings = run.findings()
    chains = sum(1 for f in findings if f.chain_locations)
    print(f"{model.name}: {model.stat().st_size / 1e6:.1f} MB, {len(run.reports)} provinces, "
          f"{len(findings)} findings ({chains} with a located chain)")
    # As `archcheck validate` does (a one-shot process): the cycle collector off, or each reporter's
    # new dicts would make it re-walk the million objects of the loaded model.
    gc.disable()
    times: dict[str, float] = {}
    sizes: dict[str, int] = {}
    cases = [(fmt, None) for fmt in FORMATS] + [(fmt, "vi") for fmt in VIETNAMESE]
    for fmt, lang in cases:
        opts = ReportOptions(lang=lang)
        runs = []
        for _ in range(max(1, args.repeat)):
            start = time.perf_counter()
            text = REPORTERS[fmt](run, opts)
            runs.append(time.perf_counter() - start)
        name = fmt + (f" --lang {lang}" if lang else "")
        times[name] = statistics.median(runs)
        sizes[name] = len(text.encode("utf-8"))
    print(f"| format | render (median of {args.repeat}) | size | × json |")
    print("|---|---:|---:|---:|")
    for name, took in times.items():
        print(f"| {name} | {took:.3f} s | {sizes[name] / 1e6:.1f} MB | {took / times['json']:.2f} |")


if __name__ == "__main__":
    main()
