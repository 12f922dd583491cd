"""Waivers files: a finding excused for a written reason until a date.

Read with the exact loader, so that every entry, and every problem in the file, has its line and
column. ``archcheck schema waivers`` prints the format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any, cast

from archcheck.compare.gate import Waiver
from archcheck.errors import SchemaError
from archcheck.read.sourcemap import load_file
from archcheck.read.validation import suggest, validate_against


def load_waivers(path: str | Path, known_rules: Collection[str] = ()) -> tuple[Waiver, ...]:
    """Read a waivers file.

    Args:
        path: the YAML file.
        known_rules: rule ids and names; a waiver naming another rule is refused (a typo would
            otherwise waive nothing, silently). Empty: not checked.

    Raises:
        LoadError: the file cannot be read or is not acceptable YAML.
        SchemaError: a waiver lacks its reason or expiry, has a bad date or an unknown key, or
            names a rule that does not exist.
    """
    name = str(path)
    doc = load_file(path, display_name=name)
    validate_against("waivers", doc.data, doc.sourcemap, "waivers file")
    data = cast(dict[str, Any], doc.data)
    sm = doc.sourcemap
    out: list[Waiver] = []
    for i, w in enumerate(data["waivers"]):
        rule = w["rule"]
        if known_rules and rule not in known_rules:
            loc = sm.locate(("waivers", i, "rule"))
            raise SchemaError(f"waiver names rule {rule!r}, which does not exist{suggest(rule, known_rules)}",
                              file=name, line=loc.line, column=loc.column,
                              hint="`archcheck rules list` lists the rule ids and names")
        out.append(Waiver(rule=rule, province=w["province"], subject=w.get("subject"), reason=w["reason"].strip(),
                          expires=dt.date.fromisoformat(w["expires"]), approved_by=w.get("approved_by"),
                          location=sm.locate(("waivers", i))))
    return tuple(out)
