"""Reporters: one ``render(run, fail_on) -> str`` function per output format, in a dict registry."""

from __future__ import annotations

from collections.abc import Callable

from archcheck.api import ValidationRun
from archcheck.findings import Severity
from archcheck.report.json_report import render_json
from archcheck.report.text import render_text

Reporter = Callable[[ValidationRun, Severity], str]

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
}

__all__ = ["REPORTERS", "Reporter"]
