"""The YAML loaders one could use, on the same generated files: time and what each keeps of YAML's
meaning. Prints a table (median of --repeat in-process runs after one warm-up, imports not counted;
the two pure-Python loaders run once on the national file: they take tens of seconds). The cycle
collector is off for all of them, as it is in `archcheck validate`: with it on, the loaders that build
a million objects spend much of their time in it (PyYAML's C loader 4.5 s instead of ~1 s here).

Usage: python benchmarks/parsers.py [--repeat 3] [--out benchmarks/out]
Needs the benchmark extra (ruamel.yaml comes with check-jsonschema): pip install '.[bench]'
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import ryml
import yaml
from generate import options  # this folder, first on the path of a script
from ruamel.yaml import YAML

from archcheck.read.fastload import fast_load
from archcheck.read.sourcemap import load_text

# What each loader gives, beyond a tree of plain data, as archcheck needs it:
# duplicate keys refused, a (line, column) for any path, YAML 1.1 types as PyYAML reads them
# (`no` is false, `010` is 8), and safety (no object construction, alias expansion bounded).
PROPERTIES = {
    "PyYAML SafeLoader (pure Python)": "no duplicate-key check; positions only via compose; YAML 1.1",
    "PyYAML CSafeLoader (libyaml)": "no duplicate-key check; positions only via compose; YAML 1.1",
    "ruamel.yaml safe, pure (YAML 1.2)": "refuses duplicate keys; no positions in safe mode; YAML 1.2 types",
    "archcheck exact loader (libyaml events)": "refuses duplicate keys; every position; YAML 1.1; "
                                               "depth and alias budget",
    "rapidyaml parse + emit JSON + json.loads": "keeps duplicate keys; no positions; YAML 1.2 scalars as text",
    "archcheck fast path (rapidyaml + checks)": "the exact loader's data and positions, or declines",
}


def loaders() -> dict[str, Callable[[str], Any]]:
    """Name → a function from text to data."""
    ruamel = YAML(typ="safe", pure=True)

    def rapid(text: str) -> Any:
        return json.loads(ryml.emit_json(ryml.parse_in_arena(text.encode("utf-8"))))

    def fast(text: str) -> Any:
        doc = fast_load(text, "m.yaml", min_chars=0)
        if doc is None:
            raise RuntimeError("the fast path declined a generated file")
        return doc.data

    return {
        "PyYAML SafeLoader (pure Python)": lambda t: yaml.load(t, Loader=yaml.SafeLoader),
        "PyYAML CSafeLoader (libyaml)": lambda t: yaml.load(t, Loader=yaml.CSafeLoader),
        "ruamel.yaml safe, pure (YAML 1.2)": ruamel.load,
        "archcheck exact loader (libyaml events)": lambda t: load_text(t, "m.yaml").data,
        "rapidyaml parse + emit JSON + json.loads": rapid,
        "archcheck fast path (rapidyaml + checks)": fast,
    }


def timed(fn: Callable[[str], Any], text: str, repeat: int) -> float:
    if repeat > 1:
        fn(text)  # warm-up: first-call costs (lazy imports, caches) are not the parser's
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    gc.disable()
    args, out = options()
    cases = [("1 province", out / "one.yaml"), ("63 provinces", out / "nation.yaml")]
    texts = {name: path.read_text("utf-8") for name, path in cases}
    print("| loader | " + " | ".join(f"{n} ({len(t.encode()) / 1e6:.2f} MB) s" for n, t in texts.items())
          + " | keeps |")
    print("|---|" + "---|" * len(texts) + "---|")
    for name, fn in loaders().items():
        cells = []
        for case, text in texts.items():
            slow = name.startswith(("PyYAML SafeLoader", "ruamel")) and case != "1 province"
            cells.append(f"{timed(fn, text, 1 if slow else args.repeat):.3f}")
        print(f"| {name} | " + " | ".join(cells) + f" | {PROPERTIES[name]} |")


if __name__ == "__main__":
    main()
