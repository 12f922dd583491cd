"""Baselines: today's findings recorded by fingerprint, so that CI fails only on new ones.

The fingerprint leaves out line numbers, so re-indenting the model or moving a component does not
turn a baselined finding into a new one. Each entry names its model file (relative to the folder
archcheck runs in, normalised: :func:`archcheck.compare.gate.model_file_key`), and accepts only a
finding of that file: a baseline written for one model clears nothing in another, whatever province
name the other declares. The file is JSON (``archcheck schema baseline``), sorted,
with no timestamp: regenerating it on an unchanged model gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from archcheck import __version__
from archcheck.check.engine import ProvinceReport
from archcheck.compare.gate import Baseline, BaselineEntry, model_file_key
from archcheck.errors import LoadError, SchemaError
from archcheck.findings import Severity
from archcheck.read.sourcemap import load_file
from archcheck.read.validation import validate_against

BASELINE_VERSION = 1


def entries_of(reports: Iterable[ProvinceReport]) -> list[BaselineEntry]:
    """Every finding of ``reports`` as a baseline entry, sorted."""
    out = [BaselineEntry(fingerprint=f.fingerprint, rule_id=f.rule_id, province=r.province, subject=f.subject,
                         severity=f.severity, message=f.text(), file=model_file_key(r.file),
                         line=f.location.line if f.location else None)
           for r in reports for f in r.findings]
    return sorted(out, key=lambda e: (e.file, e.province, e.rule_id, e.subject, e.fingerprint, e.message))


def render_baseline(entries: Iterable[BaselineEntry]) -> str:
    """A baseline file's text."""
    doc = {
        "baseline_version": BASELINE_VERSION,
        "tool": {"name": "archcheck", "version": __version__},
        "entries": [{"fingerprint": e.fingerprint, "rule_id": e.rule_id, "province": e.province,
                     "subject": e.subject, "severity": e.severity.value, "message": e.message,
                     "file": e.file, "line": e.line} for e in entries],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline file written by ``archcheck baseline``.

    It is read with the exact YAML loader (JSON is YAML), so a problem is located by line and column.

    Raises:
        LoadError: the file cannot be read or parsed.
        SchemaError: it is not a baseline file (or one of another version).
    """
    name = str(path)
    try:
        json.loads(Path(path).read_bytes())
    except json.JSONDecodeError as exc:
        raise LoadError(f"not valid JSON: {exc.msg}", file=name, line=exc.lineno, column=exc.colno,
                        hint="regenerate it with `archcheck baseline MODEL... --output FILE`") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        # Unreadable, or JSON that Python's reader will not take (a number of thousands of digits,
        # nesting past its recursion limit): the exact loader below says what is wrong, located,
        # within its own depth and size limits.
        pass
    doc = load_file(path, display_name=name)
    if not isinstance(doc.data, dict) or "baseline_version" not in doc.data:
        raise SchemaError("not an archcheck baseline file (no `baseline_version`)", file=name, line=1, column=1,
                          hint="write one with `archcheck baseline MODEL... --output FILE`")
    validate_against("baseline", doc.data, doc.sourcemap, "baseline file")
    data = cast(dict[str, Any], doc.data)
    entries = tuple(
        BaselineEntry(fingerprint=e["fingerprint"], rule_id=e["rule_id"], province=e["province"],
                      subject=e["subject"], severity=Severity(e["severity"]), message=e["message"],
                      file=model_file_key(e["file"]), line=e["line"], location=doc.sourcemap.locate(("entries", i)))
        for i, e in enumerate(data["entries"]))
    return Baseline(name, entries)
