"""Write the kinds the frameworks know into the model schema, so that an editor completes them.

The model schema's ``$defs/component-kind`` and ``$defs/national-kind`` enumerate every component and
national kind of the built-in frameworks (frameworks/*.yaml), each described by its Vietnamese and
English names, layer, the versions that know it and its aliases (``enumDescriptions`` and
``markdownEnumDescriptions``, which VS Code and yaml-language-server show beside each completion).
Only these two blocks of archcheck/read/schemas/model.schema.json are rewritten; the rest of the file is
left as it is. archcheck itself does not validate kinds with this enum (archcheck/read/schemas: a kind
from a ``--frameworks`` profile is allowed, and a typo or alias gets a better message from the
vocabulary check); tests/test_schema_kinds.py fails when the file and the frameworks disagree.

Usage: python scripts/gen_schema_kinds.py          (rewrite the schema after changing a framework file)
       python scripts/gen_schema_kinds.py --check  (exit 1, saying so, if the schema is out of date)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archcheck.cli.kinds import KindRow, kind_rows  # noqa: E402 - after the path is set

SCHEMA = ROOT / "archcheck" / "read" / "schemas" / "model.schema.json"
DEFS = {
    "component-kind": (False, "A component kind from the framework's vocabulary (`archcheck kinds --framework V` lists "
                              "them, `archcheck kinds --search WORD` finds one by name or alias). The list is the "
                              "built-in frameworks' kinds; a kind your own framework file (--frameworks) adds is "
                              "accepted by archcheck too."),
    "national-kind": (True, "A national system's kind (under `national:`), from the framework's vocabulary "
                            "(`archcheck kinds --search WORD`)."),
}


def _describe(r: KindRow) -> tuple[str, str]:
    """The plain and the Markdown description of one kind."""
    where = f"layer {r.layer}; " if r.layer else ""
    known = f"framework {', '.join(r.versions)}"
    also = f"; also called {', '.join(r.aliases)}" if r.aliases else ""
    plain = f"{r.vi} — {r.en} ({where}{known}{also})"
    markdown = f"**{r.vi}**  \n{r.en}  \n{where}{known}{also}"
    return plain, markdown


def block(name: str) -> str:
    """The ``$defs`` entry ``name`` as the schema file holds it (indented, with its trailing comma)."""
    national, description = DEFS[name]
    rows = [r for r in kind_rows(None) if r.national == national]
    described = [_describe(r) for r in rows]
    entry: dict[str, Any] = {
        "type": "string", "minLength": 1, "description": description,
        "enum": [r.id for r in rows],
        "enumDescriptions": [p for p, _ in described],
        "markdownEnumDescriptions": [m for _, m in described],
    }
    text = json.dumps({name: entry}, ensure_ascii=False, indent=2)
    inner = text.strip()[1:-1].strip("\n")  # drop the outer braces
    return "\n".join("  " + line for line in inner.splitlines()) + ",\n"


def render(current: str) -> str:
    """The schema text with both blocks in place (replaced, or added first under ``$defs``)."""
    text = current
    for name in DEFS:
        pattern = re.compile(rf'^    "{re.escape(name)}": \{{\n.*?^    \}},\n', re.M | re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _m, n=name: block(n), text, count=1)  # type: ignore[misc]
        else:
            text = text.replace('  "$defs": {\n', '  "$defs": {\n' + block(name), 1)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the schema is up to date")
    args = parser.parse_args()
    current = SCHEMA.read_text(encoding="utf-8")
    wanted = render(current)
    json.loads(wanted)  # still one JSON document
    if args.check:
        if wanted != current:
            print(f"{SCHEMA.relative_to(ROOT)} is out of date: run python scripts/gen_schema_kinds.py")
            return 1
        return 0
    if wanted != current:
        SCHEMA.write_text(wanted, encoding="utf-8")
        print(f"wrote {SCHEMA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
