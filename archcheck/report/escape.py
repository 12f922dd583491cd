"""Text from a model, a rule, a waiver or a baseline file, encoded for the place it is written to.

archcheck gates models that outside parties submit, and what it writes lands in terminals, CI logs,
pull-request comments, annotations, code-scanning alerts and pages. Every string a submitter could
have chosen (names, ids, quotes, reasons, messages that repeat them) passes through one of the
functions below, one per output context, at the point where a reporter writes it:

======================  =====================================================================
context                 function
======================  =====================================================================
terminal, CI log        :func:`for_terminal` (a whole text), :func:`for_line` (one value or line)
Markdown                :func:`for_markdown` (inline text, table cells), :func:`for_markdown_code`
HTML                    :func:`for_html`
SVG, XML (JUnit)        :func:`for_xml`
JSON, SARIF, GitLab     :func:`for_json`
======================  =====================================================================

What each guarantees, whatever the input:

* no line a CI runner executes: a value never starts a line of its own (newlines and carriage
  returns in it are escaped or encoded), and no line begins with ``::`` (GitHub Actions' workflow
  commands) or holds ``##[`` / ``##vso[`` (the older syntax and Azure Pipelines', honoured anywhere
  in a line);
* no raw ESC, C0 or C1 control, bidirectional override, zero-width or separator character: they
  are shown as their Python escapes (``\\x1b``, ``\\u202e``), so the report shows what the file holds
  (in JSON, which must keep the value, as ``\\u`` escapes that decode to it);
* in Markdown no link, image, autolink, @mention, heading, list, raw HTML or table break;
* in HTML and XML no markup, and no character XML 1.0 forbids.

Ordinary text, Vietnamese included, comes out byte for byte as it went in, but for the characters
each format itself must escape (``<`` and ``&`` in HTML, ``|`` in a Markdown table …).

This module imports only the standard library and :mod:`archcheck.terminal`, so an error message can
be escaped without importing the reporters.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from archcheck.terminal import for_terminal as _visible

if TYPE_CHECKING:
    from archcheck.errors import ArchcheckError

__all__ = ["error_lines", "for_html", "for_json", "for_line", "for_markdown", "for_markdown_code", "for_terminal",
           "for_xml"]

_RUNNER = re.compile(r"##(?=(?:vso)?\[)")
"""``##[`` and ``##vso[``: logging commands that runners find anywhere in a line."""


def _inert(line: str, colon: str, hash_: str) -> str:
    """``line`` with a leading ``::`` and every ``##[`` made inert by writing one character otherwise."""
    if "##" in line:
        line = _RUNNER.sub(lambda _: "#" + hash_, line)
    stripped = line.lstrip()
    if stripped.startswith("::"):
        at = len(line) - len(stripped)
        line = line[:at] + colon + line[at + 1:]
    return line


def for_line(text: str) -> str:
    """One value (or one whole line) of a terminal or CI log: every control character escaped,
    newlines and carriage returns included, and nothing a CI runner would take for a command.

    >>> for_line("Sở\\n::error file=x::pwned")
    'Sở\\\\x0a::error file=x::pwned'
    >>> for_line("::add-mask::secret \\x1b[31m ##[error]x")
    '\\\\x3a:add-mask::secret \\\\x1b[31m #\\\\x23[error]x'
    """
    if text.isascii() and text.isprintable() and "::" not in text and "##" not in text:
        return text
    return _inert(_visible(text).replace("\n", "\\x0a"), "\\x3a", "\\x23")


def for_terminal(text: str) -> str:
    """A whole text for a terminal or CI log, line by line (its newlines kept): see :func:`for_line`.

    Use it on text whose every line the caller wrote; a value that may hold a newline goes through
    :func:`for_line` first, so that it cannot start a line of its own.

    >>> for_terminal("a\\n  ::warning::x\\n\\x1b[2J")
    'a\\n  \\\\x3a:warning::x\\n\\\\x1b[2J'
    """
    if text.isascii() and "::" not in text and "##" not in text and text.replace("\n", "").isprintable():
        return text
    return "\n".join(for_line(line) for line in text.split("\n"))


def error_lines(exc: ArchcheckError, prefix: str = "") -> list[str]:
    """An error as the lines a terminal shows (``prefix`` + location and message, the message's own
    further lines, such as a schema error's list of problems, then the hint), each escaped by
    :func:`for_line`: whatever a message repeats from a model, no line is one a CI runner executes.

    >>> from archcheck.errors import LoadError
    >>> error_lines(LoadError("bad \\x1b[2J::x", file="m.yaml", line=2, hint="fix it"), "archcheck: error: ")
    ['archcheck: error: m.yaml:2: bad \\\\x1b[2J::x', '  hint: fix it']
    """
    where = exc.location()
    first, *rest = exc.message.split("\n")
    out = [for_line(f"{prefix}{where}: {first}" if where else f"{prefix}{first}")]
    out.extend(for_line(line) for line in rest)
    if exc.hint:
        out.append("  hint: " + for_line(exc.hint))
    return out


_MD_ESCAPE = re.compile(r"[\\`|]|(?<=\])[(\[]|^\[")
"""Backslash, backtick and pipe everywhere; after ``]`` the ``(`` or ``[`` that every kind of link and
image needs, and a ``[`` that starts the text (a reference definition): ``[subject]`` stays as written."""
_MD_MENTION = re.compile(r"@(?=[\w-])")
_MD_AUTOLINK = re.compile(r":(?=//)|(?<=www)\.", re.IGNORECASE)
_MD_BLOCK = re.compile(r"#{1,6}(?=\s|$)|[-+*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|([-*_=~])\s*\1\s*\1")
"""What makes a line a heading, a list item, a thematic break, a setext underline or a fence."""


def for_markdown(text: str) -> str:
    r"""Inline Markdown (GitHub's flavour) that shows ``text`` as it is: in a paragraph, a heading, a
    list item or a table cell. Whitespace runs become one space; ``\ ` |``, the ``(`` or ``[`` after a
    ``]`` and a leading ``[`` are backslash-escaped (no link, image or reference can form), ``& < >`` written as
    entities (no raw HTML, no autolink); an @mention, a bare URL and ``www.`` are broken by a
    zero-width space or an escape, so that GitHub neither notifies nor links; a leading ``#``, ``-``,
    ``+``, ``*``, ``=`` or ``1.`` cannot start a heading, a list or a rule.

    >>> for_markdown("[x](http://evil) ![i](y) @everyone <b>|")
    '\\[x]\\(http\\://evil) ![i]\\(y) @&#8203;everyone &lt;b&gt;\\|'
    >>> for_markdown("## Verdict: PASSES")
    '\\## Verdict: PASSES'
    >>> for_markdown("Sở Thông tin và Truyền thông [stttt] (STTTT)")
    'Sở Thông tin và Truyền thông [stttt] (STTTT)'
    """
    text = " ".join(_visible(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_ESCAPE.sub(r"\\\g<0>", text)
    if "@" in text:
        text = _MD_MENTION.sub("@&#8203;", text)
    if ":" in text or "." in text:
        text = _MD_AUTOLINK.sub(r"\\\g<0>", text)
    first = _MD_BLOCK.match(text)
    if first:
        text = text[: first.end()] + "\\" + text[first.end():] if first.group()[0].isdigit() else "\\" + text
    return _inert(text, "\\:", "\\#")  # printed to a CI log, still no command (an escape shows the same)


def for_markdown_code(text: str, *, table: bool = False) -> str:
    """An inline code span showing ``text`` (a file name, a location), fenced with more backticks
    than it holds; ``table``: the span stands in a table cell, where GitHub needs ``|`` escaped even
    inside code.

    >>> for_markdown_code("a`b")
    '``a`b``'
    >>> for_markdown_code("m.yaml:3:5")
    '`m.yaml:3:5`'
    """
    text = " ".join(_visible(text).split())
    if table:
        text = text.replace("|", "\\|")
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _markup(text: str, *, apostrophe: bool) -> str:
    """Shared by HTML and XML: controls visible, markup and quotes as entities, line breaks as
    character references (so a value never starts a line of the document), runner commands inert."""
    text = _visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if apostrophe:
        text = text.replace("'", "&#x27;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    return _inert(text, "&#58;", "&#35;")


def for_html(text: str) -> str:
    """Text for HTML content or a double-quoted attribute value.

    >>> for_html('<img src=x onerror="alert(1)">\\n::error::x')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#10;::error::x'
    """
    return _markup(text, apostrophe=True)


def for_xml(text: str) -> str:
    """Text for XML 1.0 content or a double-quoted attribute (SVG, JUnit): a character XML forbids
    (``\\x00``, ``\\x1b`` …) cannot be written even as a reference, so it is shown as its escape.

    >>> for_xml("a\\x00b & <c>")
    'a\\\\x00b &amp; &lt;c&gt;'
    """
    return _markup(text, apostrophe=False)


_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]|##(?=(?:vso)?\\[)")


def _json_escape(m: re.Match[str]) -> str:
    return "#\\u0023" if m.group().startswith("#") else f"\\u{ord(m.group()):04x}"


def for_json(doc: object, *, indent: int | None = 2) -> str:
    """``doc`` as JSON text (UTF-8, Vietnamese as it is), with every control, bidirectional or
    invisible character and every ``##[`` written as a ``\\u`` escape: the values are unchanged for
    a JSON reader, and a log that shows the text executes nothing.

    >>> for_json({"name": "a\\u202e\\n##[error]"}, indent=None)
    '{"name": "a\\\\u202e\\\\n#\\\\u0023[error]"}'
    """
    text = json.dumps(doc, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(_json_escape, text)
