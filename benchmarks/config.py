"""What looking for a configuration costs (issue 34): `[tool.archcheck]` / `.archcheck.toml`.

Two tables. In the process: ``archcheck.cli.config.find`` from a folder 8 levels below the repository's
root with no configuration on the way (the cost every run pays), and ``find`` + ``load`` of a
``pyproject.toml`` with a ``[tool.archcheck]`` table (tomllib imported once, as in a run): microseconds,
median of many calls. Whole process: ``archcheck rules list`` (a small command, cache warm) and
``archcheck validate`` of a shipped model, each run in a folder with no configuration, with a
``.archcheck.toml`` and with a ``pyproject.toml`` holding the table, taking turns, median of --repeat rounds.

Usage: python benchmarks/config.py [--repeat 15]
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

from run import BIN, HERE, interleaved  # this folder, first on the path of a script

SETTINGS = 'framework = "2.0"\nfail-on = "error"\nlang = "en"\n'


def _micro(calls: int) -> list[str]:
    sys.path.insert(0, str(HERE.parent))
    from archcheck.cli import config  # noqa: PLC0415 - the module measured

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".git").mkdir()
        deep = root.joinpath(*[f"d{i}" for i in range(8)])
        deep.mkdir(parents=True)
        t0 = time.perf_counter_ns()
        for _ in range(calls):
            assert config.find(deep) is None
        none_us = (time.perf_counter_ns() - t0) / calls / 1000
        (root / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.archcheck]\n' + SETTINGS,
                                             encoding="utf-8")
        found = config.find(deep)
        assert found is not None
        config.load(found)  # tomllib imported once, as a run does
        t0 = time.perf_counter_ns()
        for _ in range(calls):
            config.load(config.find(deep) or found)
        load_us = (time.perf_counter_ns() - t0) / calls / 1000
    rows += [f"| find: no configuration, 8 folders up to the root | {none_us:.0f} µs |",
             f"| find + load: pyproject.toml with [tool.archcheck], 8 folders up | {load_us:.0f} µs |"]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds per command (at least 9)")
    args = parser.parse_args()
    rounds = max(9, args.repeat)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}\n")
    print("| in the process | per call |\n|---|---|")
    print("\n".join(_micro(2000)))
    model = str(HERE.parent / "province_models" / "lamdong.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        folders = {}
        for name, file, text in [("none", None, ""), ("dotfile", ".archcheck.toml", SETTINGS),
                                 ("pyproject", "pyproject.toml", "[tool.archcheck]\n" + SETTINGS)]:
            folder = Path(tmp) / name
            (folder / ".git").mkdir(parents=True)
            if file:
                (folder / file).write_text(text, encoding="utf-8")
            folders[name] = folder
        print(f"\nwhole process, median of {rounds} rounds taking turns (s)\n")
        print("| command | no configuration | .archcheck.toml | pyproject.toml [tool.archcheck] |\n|---|---|---|---|")
        for cmd in (["rules", "list"], ["validate", model]):
            subprocess.run([str(BIN / "archcheck"), *cmd], cwd=folders["none"], stdout=subprocess.DEVNULL, check=False)
            runs = interleaved(dict.fromkeys(folders, rounds),
                               {k: ["env", "-C", str(f), str(BIN / "archcheck"), *cmd] for k, f in folders.items()})
            med = {k: statistics.median(r[0] for r in v) for k, v in runs.items()}
            shown = " ".join(cmd).replace(model, "province_models/lamdong.yaml")
            print(f"| archcheck {shown} | {med['none']:.3f} | {med['dotfile']:.3f} | {med['pyproject']:.3f} |")


if __name__ == "__main__":
    main()
