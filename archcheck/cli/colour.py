"""Colour on a terminal: a finding in the colour of its severity, the verdict in red or green.

Reporters stay pure text (a report file, a pipe, CI's log parsers and the golden files never see an
escape sequence); this module colours the text and compact reports on their way to a terminal.

When (``--color auto``, the default): standard output is a terminal, ``TERM`` is not ``dumb`` and
``NO_COLOR`` is not set (https://no-color.org); ``FORCE_COLOR`` (https://force-color.org) colours where
the output is not a terminal (a CI log that shows colours). ``NO_COLOR`` wins over ``FORCE_COLOR``, as in
CPython; ``--color always`` and ``--color never`` win over both.
"""

from __future__ import annotations

import functools
import os
import re
from typing import IO

RESET = "\x1b[0m"
STYLES = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m", "ok": "\x1b[32m", "bold": "\x1b[1m"}
"""SGR sequences by severity (bold red, yellow, cyan), a passing verdict (green), headings (bold)."""

CHOICES = ("auto", "always", "never")


def wanted(choice: str, stream: IO[str] | None) -> bool:
    """Whether to colour output to ``stream`` under ``--color choice`` and the environment."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb" or stream is None:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def _paint(style: str, text: str) -> str:
    return f"{STYLES[style]}{text}{RESET}"


_COMPACT = re.compile(r"^(.+?:\d+:\d+: )(error|warning|info)( [A-Z][A-Z0-9]*-\d+| INPUT)( .*)$")
@functools.cache
def _verdict_pattern() -> re.Pattern[str]:
    """The summary line's ``→ exit N`` in any language, from the catalogue's summary (``report.summary``)."""
    from archcheck.catalogue import catalogue  # only when colouring

    tails = {text[text.rindex("→"):text.rindex("{code}")] for text in catalogue()["report.summary"]}
    return re.compile(f"({'|'.join(re.escape(t) for t in sorted(tails))})(\\d+)$")


def _verdict(line: str) -> str:
    m = _verdict_pattern().search(line)
    if m is None:
        return line
    style = "ok" if m.group(2) == "0" else "error"
    return _paint("bold", line[:m.start()]) + _paint(style, m.group(1) + m.group(2))


def compact(text: str) -> str:
    """The compact report coloured: each line's severity and rule id, the summary's verdict."""
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        m = _COMPACT.match(line)
        if m:
            out.append(m.group(1) + _paint(m.group(2), m.group(2) + m.group(3)) + m.group(4))
        elif i == len(lines) - 2:  # the summary (the text ends with a newline)
            out.append(_verdict(line))
        else:
            out.append(line)
    return "\n".join(out)


def _headings() -> dict[str, str]:
    """The severity headings of the text report (``errors (3)``, ``lỗi (3)``) → severity."""
    from archcheck.catalogue import LANGS, msg, say  # only when colouring

    keys = {"error": "report.errors", "warning": "report.warnings", "info": "severity.info"}
    return {say(msg(key), lang): sev for sev, key in keys.items() for lang in LANGS}


_HEADING = re.compile(r"^  (\S.*?) \(\d+\)$")
_FIRST = re.compile(r"^    \S")


def text(report: str) -> str:
    """The text report coloured: severity headings and each finding's first line, the verdict."""
    headings = _headings()
    lines = report.split("\n")
    out: list[str] = []
    current: str | None = None
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if m and m.group(1) in headings:
            current = headings[m.group(1)]
            out.append(_paint(current, line))
        elif line.startswith("    ") or not line:
            out.append(_paint(current, line) if current is not None and _FIRST.match(line) else line)
        else:  # another heading, a province's or the gate's file line, the summary
            current = None
            out.append(_verdict(line) if i == len(lines) - 2 else line)
    return "\n".join(out)
