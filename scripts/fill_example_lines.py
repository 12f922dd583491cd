"""Fill the `line:` of every expected finding in rule examples from its `path:`.

The line is where the expected model path sits in the rule file, so the example test still
checks that each finding is located at the path the rule author expected.
Usage: python scripts/fill_example_lines.py rules/*.yaml
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from archcheck.read.sourcemap import load_bytes

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> tuple[str | int, ...]:
    return tuple(int(i) if i else k for k, i in _PART.findall(text))


def fill(path: Path) -> int:
    doc = load_bytes(path.read_bytes(), str(path))
    lines = path.read_text("utf-8").splitlines(keepends=True)
    changed = 0
    data = doc.data
    assert isinstance(data, dict)
    for outcome in ("fail",):
        for i, ex in enumerate(data["examples"][outcome]):
            for j, exp in enumerate(ex.get("expect", [])):
                target = ("examples", outcome, i, "model", *parse_path(exp["path"]))
                want = doc.sourcemap.locate(target).line
                at = doc.sourcemap.locate(("examples", outcome, i, "expect", j)).line - 1
                new = re.sub(r"line: \d+", f"line: {want}", lines[at], count=1)
                if new != lines[at]:
                    lines[at] = new
                    changed += 1
    path.write_text("".join(lines), "utf-8")
    return changed


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg, fill(Path(arg)))
