"""Edge-case benchmark (issue 16): inputs that must be refused fast and small, and deep `extends` chains.

Each case runs the whole `archcheck validate` process; its wall and CPU seconds and its own peak
memory (max RSS) come from ``wait4`` (CPU time is what a loaded machine does not inflate). Targets:
a 1 GB sparse file and /dev/zero refused in under 1 s and 100 MB; a 1,000-deep `extends` chain
resolved in under 1 s; a 10,000-deep one refused (no RecursionError). ``resolve s`` is the CPU time
to read and resolve every framework, in-process, the built-in files already read.

Usage: python benchmarks/edges.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "archcheck"
MODEL = """\
province:
  name: Tỉnh Mẫu
  as_of: 2021-01-01
  framework: "2.0"
  components:
    - {id: qlvb, kind: document-management}
"""
FRAMEWORK = ('id: "9.{i}"\ntitle: {{en: Profile {i}, vi: Hồ sơ {i}}}\n'
             'issued: {{document: test, date: 2020-01-01, confidence: confirmed}}\nextends: "{parent}"\n')
RESOLVE = ("import sys, time; from pathlib import Path; from archcheck.law import frameworks as f; f._builtin_raw(); "
           "t = time.process_time(); n = len(f.all_frameworks((Path(sys.argv[1]),))); "
           "print(f'{time.process_time() - t:.3f}')")


def run(args: list[str]) -> tuple[int, float, float, float, str]:
    """Exit code, wall and CPU seconds, peak MB of this one child, first line of its error output."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return proc.returncode, wall, cpu, usage.ru_maxrss / 1024, err.splitlines()[0] if err else ""


def chain(folder: Path, depth: int) -> str:
    folder.mkdir()
    for i in range(1, depth + 1):
        parent = "2.0" if i == 1 else f"9.{i - 1}"
        (folder / f"9.{i}.yaml").write_text(FRAMEWORK.format(i=i, parent=parent), encoding="utf-8")
    return f"9.{depth}"


def resolve_seconds(folder: Path) -> str:
    done = subprocess.run([sys.executable, "-c", RESOLVE, str(folder)], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "refused"


def main() -> None:
    print(f"{'case':<36} {'exit':>5} {'wall s':>7} {'CPU s':>6} {'peak MB':>8} {'resolve s':>9}  message")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        model = root / "m.yaml"
        model.write_text(MODEL, encoding="utf-8")
        sparse = root / "sparse.yaml"
        with sparse.open("wb") as fh:
            fh.truncate(1 << 30)
        rows: list[tuple[str, list[str], str]] = [
            ("validate, 1 GB sparse file", ["validate", str(sparse)], ""),
            ("validate /dev/zero", ["validate", "/dev/zero"], ""),
        ]
        for depth in (1000, 10_000):
            folder = root / f"chain{depth}"
            top = chain(folder, depth)
            rows.append((f"`extends` chain {depth:,} deep", ["validate", str(model), "--frameworks", str(folder),
                                                              "--framework", top], resolve_seconds(folder)))
        for name, args, resolve in rows:
            code, wall, cpu, peak, msg = run(args)
            shown = msg.replace(tmp, "…").removeprefix("archcheck: error: ")[:70]
            print(f"{name:<36} {code:>5} {wall:>7.3f} {cpu:>6.3f} {peak:>8.1f} {resolve or '-':>9}  {shown}")


if __name__ == "__main__":
    main()
