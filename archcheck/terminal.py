"""Text from a model, made safe to print, so that a model cannot drive the terminal (reporters and errors).

A model's names, quotes and ids reach the report as written, and YAML's double-quoted escapes (``\\e``,
``\\a``, ``\\b``, ``\\r``, ``\\u202e``) can put any character there. Printed raw, an ESC sequence could
clear the screen or recolour a finding, a carriage return or backspace overwrite what the reviewer
reads, a bidirectional override reorder it. Every such character is shown as its Python escape instead
(``\\x1b``, ``\\u202e``), so the report shows what the file holds.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f"  # C0 controls but the newline, DEL, C1 controls
    "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"  # bidi marks, zero-width, separators, BOM
    "\ud800-\udfff]"  # lone surrogates (never valid UTF-8)
)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every control, bidirectional-format or invisible character written as an escape.

    Newlines are kept (reports are line based); tabs are escaped too (a report never writes one).

    >>> for_terminal("\\x1b[2Jname\\a\\r\\u202eok\\n")
    '\\\\x1b[2Jname\\\\x07\\\\x0d\\\\u202eok\\n'
    """
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE.sub(_escape, text)
