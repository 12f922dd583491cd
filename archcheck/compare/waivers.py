"""Waivers files: a finding excused for a written reason until a date.

Read with the exact loader, so that every entry, and every problem in the file, has its line and
column. ``archcheck schema waivers`` prints the format.

Each waiver names the model file it is for (``file:``, relative to the folder archcheck runs in) as
well as the province: a province's name is what a model says, chosen by whoever writes the model,
so a waiver keyed by it alone would excuse the same findings in any other file. A waiver without a
``file`` (as written before archcheck 0.2) is refused, located, with how to add it: silently applying
it everywhere, or nowhere, would both be guesses. A waiver may run at most two years past the run's
date (:data:`archcheck.compare.gate.WAIVER_HORIZON_YEARS`) unless ``--allow-long-waivers`` is given:
an excuse is renewed after review, not granted until 9999.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any, cast

from archcheck.compare.gate import WAIVER_HORIZON_YEARS, Waiver, horizon, model_file_key
from archcheck.errors import SchemaError
from archcheck.read.messages import SHOWN_CHARS, shown
from archcheck.read.sourcemap import load_file
from archcheck.read.validation import suggest, validate_against


def load_waivers(path: str | Path, known_rules: Collection[str] = (), *, today: dt.date | None = None,
                 allow_long: bool = False) -> tuple[Waiver, ...]:
    """Read a waivers file.

    Args:
        path: the YAML file.
        known_rules: rule ids and names; a waiver naming another rule is refused (a typo would
            otherwise waive nothing, silently). Empty: not checked.
        today: the run's date: a waiver expiring more than two years after it is refused, unless
            ``allow_long``. None: not checked.

    Raises:
        LoadError: the file cannot be read or is not acceptable YAML.
        SchemaError: a waiver lacks its file, reason or expiry, has a bad date or an unknown key,
            names a rule or a model file that does not exist, or expires beyond the horizon.
    """
    name = str(path)
    doc = load_file(path, display_name=name)
    sm = doc.sourcemap
    entries = doc.data.get("waivers") if isinstance(doc.data, dict) else None
    for i, w in enumerate(entries if isinstance(entries, list) else ()):
        if isinstance(w, dict) and "file" not in w:  # before the schema: say how to mend an old file
            loc = sm.locate(("waivers", i))
            raise SchemaError("the waiver names no model file (`file:`)", file=name, line=loc.line,
                              column=loc.column,
                              hint="add the model file it is for, relative to the folder archcheck runs in, e.g. "
                                   "`file: province_models/lamdong.yaml` (waivers written before archcheck 0.2 "
                                   "lack it; a waiver applies only to the file it names)")
    validate_against("waivers", doc.data, doc.sourcemap, "waivers file")
    data = cast(dict[str, Any], doc.data)
    latest = horizon(today) if today is not None and not allow_long else None
    out: list[Waiver] = []
    for i, w in enumerate(data["waivers"]):
        rule = w["rule"]
        file = model_file_key(w["file"])
        if file != "<stdin>" and not Path(file).is_file():
            loc = sm.locate(("waivers", i, "file"))
            raise SchemaError(f"waiver names model file {shown(w['file'])}, which does not exist here", file=name,
                              line=loc.line, column=loc.column,
                              hint="name the model file relative to the folder archcheck runs in (the repository's "
                                   "root in CI)")
        expires = dt.date.fromisoformat(w["expires"])
        if latest is not None and expires > latest:
            loc = sm.locate(("waivers", i, "expires"))
            raise SchemaError(f"waiver expires {expires}, more than {WAIVER_HORIZON_YEARS} years after {today} "
                              f"(the latest allowed is {latest})", file=name, line=loc.line, column=loc.column,
                              hint="grant a waiver for a time and renew it after review; "
                                   "--allow-long-waivers accepts a longer one")
        if known_rules and rule not in known_rules:
            loc = sm.locate(("waivers", i, "rule"))
            raise SchemaError(f"waiver names rule {shown(rule)}, which does not exist"
                              f"{suggest(rule, known_rules) if len(rule) <= SHOWN_CHARS else ''}",
                              file=name, line=loc.line, column=loc.column,
                              hint="`archcheck rules list` lists the rule ids and names")
        out.append(Waiver(rule=rule, province=w["province"], subject=w.get("subject"), reason=w["reason"].strip(),
                          expires=expires, approved_by=w.get("approved_by"), location=sm.locate(("waivers", i)),
                          file=file))
    return tuple(out)
