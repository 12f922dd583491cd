"""Inputs that once stalled the gate (issue 28, item 6): long chains and very many components.

Each case is a model generated here (never committed) and checked by a whole `archcheck validate
--format compact` process; its wall and CPU seconds and its own peak memory (max RSS) come from
``wait4``. Targets: a 2,000-component chain in under 5 s, 25,000 components in under 10 s; a
20,000-component chain and a million components (50 MB, under the 64 MB limit) answered in seconds or
refused early with a located limit (exit 2).

  chain N        N document-management systems, each linked to the next by document exchange, none
                 reaching the national axis: DOC-002 fails for every one, each finding showing the
                 chain as far as it goes (the case that was cubic: 2,000 took 131 s)
  osc chain N    N one-stop systems linked by data exchange: nine findings each
  components N   N sector applications, no connections (the case whose positions were quadratic:
                 25,000 took 57 s); "with a tab": the same read by the exact loader. A million is
                 refused at the 50,001st as it is read: the exact loader stops there, and the fast
                 path leaves the file to it once rapidyaml's tree shows the count (nothing built)

Usage: python benchmarks/stall.py [--quick]   (--quick: leave out the million)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "archcheck"
HEAD = 'province:\n  name: Tỉnh Mẫu\n  as_of: 2021-01-01\n  framework: "2.0"\n  components:\n'


def chain(n: int, kind: str = "document-management", link: str = "document-exchange") -> str:
    """``n`` components of ``kind``, each connected to the next."""
    comps = "".join(f"    - {{id: c{i}, kind: {kind}, name: Hệ thống {i}}}\n" for i in range(n))
    conns = "".join(f"    - {{from: c{i}, to: c{i + 1}, kind: {link}}}\n" for i in range(n - 1))
    return HEAD + comps + "  connections:\n" + conns


def components(n: int) -> str:
    """``n`` sector applications, as short as a line can be."""
    return HEAD + "".join(f"  - {{id: c{i}, kind: sector-application, name: a}}\n" for i in range(n))


def run(path: Path) -> tuple[int, float, float, float, str]:
    """Exit code, wall and CPU seconds, peak MB of this one child, and its line to show: the first line
    of a refusal (where and why, exit 2), else the last line (the summary)."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN), "validate", str(path), "--format", "compact"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    first = last = b""
    for line in proc.stdout:  # read as it comes: a pipe that fills would stall the child
        first = first or line
        last = line
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    return code, wall, cpu, usage.ru_maxrss / 1024, (first if code == 2 else last).decode("utf-8").strip()


def main() -> None:
    cases = [("chain 2,000", lambda: chain(2_000)), ("chain 20,000", lambda: chain(20_000)),
             ("osc chain 2,000", lambda: chain(2_000, "one-stop-shop", "data-exchange")),
             ("components 25,000", lambda: components(25_000))]
    if "--quick" not in sys.argv:
        cases.append(("components 1,000,000", lambda: components(1_000_000)))
        # a tab anywhere sends the file to the exact loader (libyaml): the slowest reading of it
        cases.append(("... with a tab", lambda: components(1_000_000).replace("Mẫu\n", "Mẫu\t# tab\n", 1)))
    print(f"{'case':<22} {'MB':>6} {'exit':>4} {'wall s':>7} {'CPU s':>6} {'peak MB':>8}  refusal, or last line")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in cases:
            path = Path(tmp) / "m.yaml"
            path.write_text(make(), encoding="utf-8")
            size = path.stat().st_size / 1e6
            code, wall, cpu, peak, last = run(path)
            print(f"{name:<22} {size:>6.1f} {code:>4} {wall:>7.1f} {cpu:>6.1f} {peak:>8.0f}  {last[:110]}")


if __name__ == "__main__":
    main()
