"""Hostile-input benchmark: a ~1 KB "billion laughs" alias bomb, and very deep nesting, through the
whole `archcheck validate` process. Prints wall time and peak memory (max RSS) per case.

Usage: python benchmarks/alias_bomb.py
"""

from __future__ import annotations

import itertools
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "archcheck"


def bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["a: &a [" + ",".join(['"lol"'] * width) + "]"]
    names = "abcdefghijklmnopqrstuvwxyz"
    for prev, cur in itertools.pairwise(names[:levels]):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * width) + "]")
    return "\n".join(lines) + "\n"


def measure(text: str) -> tuple[int, float, float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.yaml"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        proc = subprocess.Popen([str(BIN), "validate", str(path)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        _, err = proc.communicate()
        wall = time.perf_counter() - start
        rusage = resource.getrusage(resource.RUSAGE_CHILDREN)  # this process has one child: the run
        return proc.returncode, wall, rusage.ru_maxrss / 1024, err.splitlines()[0] if err else ""


def main() -> None:
    cases = [
        ("alias bomb 10 levels × 25 (≈10^14 nodes expanded)", bomb(10, 25)),
        ("alias bomb 9 × 9 (≈387 million nodes expanded)", bomb(9, 9)),
        ("deep nesting, 100,000 brackets", "a: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ]
    print(f"{'case':<50} {'bytes':>8} {'exit':>5} {'wall s':>8} {'peak MB':>8}  message")
    for name, text in cases:
        # each case in a fresh measuring process, so peak RSS is that case's alone
        out = subprocess.run([sys.executable, __file__, "--one", name], input=text, capture_output=True,
                             text=True, check=True).stdout.strip()
        print(f"{name:<50} {len(text.encode()):>8} {out}")


if __name__ == "__main__":
    if "--one" in sys.argv:
        code, wall, peak, msg = measure(sys.stdin.read())
        print(f"{code:>5} {wall:>8.3f} {peak:>8.1f}  {msg[:90]}")
    else:
        main()
