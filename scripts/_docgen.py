"""What the doc generators share: write a generated file, or check that it is current."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(out: Path, text: str, root: Path, command: str) -> None:
    """Write ``text`` to ``out``; with --check, exit 1 (saying how to fix it) if ``out`` differs."""
    name = out.relative_to(root)
    if "--check" in sys.argv:
        if out.read_text("utf-8") != text:
            print(f"{name} is out of date: run {command}")
            sys.exit(1)
        print(f"{name} is up to date")
    else:
        out.write_text(text, "utf-8")
        print(f"wrote {name}")
