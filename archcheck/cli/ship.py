"""``python -m archcheck.cli.ship FOLDER``: the parsed built-in rules, frameworks and provinces, and
what ``rules list`` and ``kinds`` print of them, written as the entries a wheel ships (issue 34).

Run by ``setup.py`` when a wheel is built, into the wheel's ``archcheck/law/shipped``: each entry is
made by the very calls a run makes (archcheck.law.cache in its "ship" mode reads the files afresh
and writes what they gave), so a shipped entry can only hold what a run would have read. At run
time an entry is used only while the files beside it are the bytes it was made from
(:func:`archcheck.law.cache.shipped_digest`). Not a command of the CLI: a build step.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def write_shipped(folder: Path) -> list[Path]:
    """Write every shipped entry into ``folder``; the files written, sorted."""
    from archcheck.law import cache

    cache.SHIP_TO = folder
    caches: tuple[Any, ...] = ()
    try:
        from archcheck.api import builtin_rules
        from archcheck.cli.kinds import kind_rows
        from archcheck.cli.rules import list_rows
        from archcheck.law.frameworks import _builtin_raw, available
        from archcheck.law.provinces import lists

        caches = (builtin_rules, _builtin_raw, lists)  # what this process read before is read again
        for memo in caches:
            memo.cache_clear()
        builtin_rules()
        available()  # the framework files
        lists()
        list_rows(None)
        kind_rows(None)
    finally:
        cache.SHIP_TO = None
        for memo in caches:
            memo.cache_clear()
    return sorted(folder.glob("*.json"))


def main(argv: list[str]) -> int:
    """Entry point: ``python -m archcheck.cli.ship FOLDER``."""
    if len(argv) != 1:
        sys.stderr.write("usage: python -m archcheck.cli.ship FOLDER\n")
        return 2
    written = write_shipped(Path(argv[0]))
    sys.stdout.write("".join(f"{p}\n" for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
