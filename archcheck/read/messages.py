"""archcheck's own wording for every error a library raises while reading a file.

One place turns what PyYAML (libyaml's C parser or the pure-Python one), jsonschema and jsonschema-rs
report into archcheck's message and hint, so that the user reads the same text, at the same line and
column, whichever reader and whichever version of a library stopped the file:

* libyaml and the pure-Python parser word most syntax errors differently ("did not find expected ','
  or ']'" / "expected ',' or ']', but got '<stream end>'"); both become one phrase here;
* libyaml >= 0.2.5 (PyYAML 6.0.4's wheels) refuses nesting deeper than 1,000 levels by itself, at the
  1,001st level; the reader then reads the text again with the pure-Python parser so that the builder's
  own limit (100 levels) is reported, at the 101st level, as every other version reports it;
* a character YAML does not allow is an unmarked ``ReaderError`` whose offset counts bytes in one parser
  and characters in the other; it is located here from the text;
* rapidyaml's errors are never shown: the fast path (archcheck.read.fastload) declines any text it cannot
  read exactly as the exact loader does, and the exact loader explains it;
* jsonschema-rs only answers valid or not; jsonschema's error objects are explained here from their
  keyword and values, never from the library's message text (which changes between releases).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

import yaml

from archcheck.errors import LoadError
from archcheck.findings import ModelPath, format_path

if TYPE_CHECKING:  # the pure-Python validator is imported only to explain an invalid file
    from jsonschema.exceptions import ValidationError

    from archcheck.read.document import JSONValue, SourceMap

# -- YAML -----------------------------------------------------------------------------------------

NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character YAML 1.1 does not allow in a stream (libyaml's and PyYAML's reader refuse it): C0 and C1
controls other than tab and line breaks (form feed included), U+007F, lone surrogates, U+FFFE, U+FFFF."""

DEPTH_HINT = "a model is a few levels deep; check for runaway brackets or indentation"

_SYNTAX_HINT = "fix the YAML syntax at this position"

# (a regex on the library's problem text, archcheck's message, its hint). The first that matches wins;
# {char} is the character at the error's position.
_SYNTAX: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), message, hint) for pattern, message, hint in (
        (r"expected ',' or '\]'", "a flow sequence `[...]` is not closed here (expected ',' or ']')",
         "close the bracket, or put a value that holds brackets or commas in quotes"),
        (r"expected ',' or '\}'", "a flow mapping `{...}` is not closed here (expected ',' or '}')",
         "close the brace, or put a value that holds braces or commas in quotes"),
        (r"did not find expected '-' indicator|expected <block end>, but found '<block sequence start>'",
         "this line does not fit the list above it (an item `- ` was expected at this indentation)",
         "check the indentation: the items of one list start in the same column"),
        (r"did not find expected key|expected <block end>",
         "this line does not fit the mapping above it (a key was expected at this indentation)",
         "check the indentation: the keys of one mapping start in the same column"),
        (r"mapping values are not allowed",
         "a ': ' inside a value, where YAML cannot start a new key",
         "put the value in quotes, or start the nested mapping on a new line"),
        (r"could not find expected ':'", "a line that is neither `key: value` nor a list item (no ':' found)",
         "add the ':' after the key, or indent the line as part of the value above"),
        (r"unexpected end of stream", "a quoted value is not closed before the end of the file",
         "add the closing quote"),
        (r"unknown escape character", "an unknown escape in a double-quoted value",
         "write \\\\ for a backslash, or use single quotes, where backslashes are plain text"),
        (r"invalid Unicode character escape|expected escape sequence of \d+ hexadecimal|"
         r"did not find expected hexdecimal number",
         "an escape that is not a Unicode character (a lone surrogate, or too few hex digits)",
         "write the character itself, in UTF-8"),
        (r"cannot start any token", "{char!r} cannot start a value",
         "put the value in quotes"),
        (r"found undefined alias|found undefined anchor", "an alias `*name` whose anchor `&name` is not defined",
         "define the anchor before the alias, or write the content out"),
    )
)


def too_deep(name: str, line: int | None, column: int | None, limit: int) -> LoadError:
    """archcheck's message for nesting deeper than ``limit`` (the builder's and every parser's)."""
    return LoadError(f"nesting deeper than {limit} levels", file=name, line=line, column=column, hint=DEPTH_HINT)


def is_library_depth_limit(exc: yaml.YAMLError) -> bool:
    """True if a parser stopped the text for its own nesting limit (libyaml >= 0.2.5 stops at 1,000)."""
    return isinstance(exc, yaml.MarkedYAMLError) and "nesting depth" in str(exc.problem or exc.context or "")


def offset_of(text: str, exc: yaml.YAMLError) -> int:
    """The index in ``text`` just past where a marked error stopped the parser (the end if unmarked)."""
    mark = exc.problem_mark if isinstance(exc, yaml.MarkedYAMLError) else None
    if mark is None:
        return len(text)
    start = 0
    for _ in range(mark.line):
        start = text.index("\n", start) + 1
    return start + mark.column + 1


def yaml_error(exc: yaml.YAMLError, text: str, name: str, *, line_offset: int = 0) -> LoadError:
    """archcheck's located message for a PyYAML error, the same for libyaml and the pure-Python parser."""
    if isinstance(exc, yaml.reader.ReaderError) or not isinstance(exc, yaml.MarkedYAMLError):
        bad = NOT_PRINTABLE.search(text)
        if bad is None:  # pragma: no cover - every unmarked error PyYAML raises is a reader error
            return LoadError(f"not valid YAML: {exc}", file=name, hint=_SYNTAX_HINT)
        row, col = _line_col(text, bad.start())
        return LoadError(
            f"not valid YAML: {_char_name(bad.group())} is not allowed in YAML",
            file=name, line=row + line_offset, column=col,
            hint="delete it (invisible characters are often pasted in with copied text); "
                 "to mean it, write it as an escape such as \\x0c in a double-quoted value",
        )
    mark = exc.problem_mark or exc.context_mark
    problem = str(exc.problem or exc.context or "invalid YAML")
    line: int | None = mark.line + 1 + line_offset if mark else None
    column: int | None = mark.column + 1 if mark else None
    char = _char_at(text, mark.line, mark.column) if mark else ""
    if char == "\t":
        return LoadError("not valid YAML: a tab character where YAML expects spaces", file=name, line=line,
                         column=column, hint="YAML does not allow tabs for indentation; indent with spaces")
    for pattern, message, hint in _SYNTAX:
        if pattern.search(problem):
            if "escape" in pattern.pattern and mark is not None:
                column = _escape_column(text, mark.line, mark.column)
            return LoadError("not valid YAML: " + message.replace("{char!r}", repr(char)), file=name, line=line,
                             column=column, hint=hint)
    return LoadError(f"not valid YAML: {problem}", file=name, line=line, column=column, hint=_SYNTAX_HINT)


def _char_name(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    elif code in (0xFFFE, 0xFFFF):
        kind = "a non-character"
    else:
        kind = unicodedata.name(char, "a control character").lower()
    return f"character U+{code:04X} ({kind})"


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``."""
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _escape_column(text: str, line: int, column: int) -> int:
    """The 1-based column of the backslash that starts the escape at or just before ``column``: libyaml
    points at the backslash, the pure-Python parser at the letter after it."""
    lines = text.split("\n")
    row = lines[line] if 0 <= line < len(lines) else ""
    at = row.rfind("\\", 0, column + 1)
    return at + 1 if at >= 0 else column + 1


# -- JSON Schema ----------------------------------------------------------------------------------


def suggest(word: str, options: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the closest option, or an empty string."""
    import difflib  # noqa: PLC0415 - only when a name is not known

    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


_PY_TYPE = {bool: "a boolean", int: "a whole number", float: "a number", str: "a string",
            list: "a list", dict: "a mapping", type(None): "null (empty)"}


SHOWN_CHARS = 80
"""How much of a value a message quotes: a 100,000-digit number or a megabyte of text in a hostile
file must not make a message (a CI log line, an annotation) as long as itself."""


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """``repr(value)``, cut to about ``limit`` characters with how long it was.

    >>> shown("x" * 5)
    "'xxxxx'"
    >>> shown(10 ** 99, limit=10)
    '1000000000… (100 characters)'
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


def _describe(value: object) -> str:
    return _PY_TYPE.get(type(value), type(value).__name__)


def explain(err: ValidationError, root: JSONValue, sm: SourceMap) -> list[tuple[ModelPath, str]]:
    """Turn one jsonschema error into (model path, message) pairs a person can act on.

    Every message is built from the error's keyword, values and path, never from ``err.message``
    (jsonschema rewords it between releases).
    """
    path: ModelPath = tuple(err.absolute_path)
    where = format_path(path) or "the document"
    v = err.validator
    sch = cast(Mapping[str, Any], err.schema)
    value = cast(Any, err.validator_value)
    instance = cast(Any, err.instance)
    if v == "additionalProperties" and isinstance(instance, dict):
        allowed = set(cast(dict[str, Any], sch.get("properties", {})))
        extra = [k for k in instance if k not in allowed]
        return [
            ((*path, k), f"unknown key {k!r} in {where}{suggest(k, allowed)}") for k in extra
        ]
    if v == "required" and isinstance(instance, dict):
        # jsonschema raises one error per missing key without saying which in an attribute: name every
        # missing key (the issues are deduplicated) rather than parse its message.
        return [(path, f"{where}: {k!r} is required") for k in value if k not in instance]
    if v in ("enum", "const"):
        options = value if v == "enum" else [value]
        hint = suggest(str(instance), [str(o) for o in options])
        if not isinstance(instance, str) and any(isinstance(o, str) for o in options):
            hint += _yaml11_hint(instance, sm.raw(path))  # `status: no` was meant as a word
        listed = ", ".join(repr(o) for o in options)
        return [(path, f"{where}: {shown(instance)} is not allowed; expected {listed}{hint}")]
    if v in ("oneOf", "anyOf"):
        if path == () and isinstance(instance, dict):
            return [((), "a model holds `province:` (one) or `provinces:` (a list), not both or neither")]
        if "$ref" in str(sch) or err.context:
            expected = _expected_from(sch)
            if expected:
                hint = _yaml11_hint(instance, sm.raw(path)) if "a string" in expected else ""
                return [(path, f"{where}: expected {expected}, got {_describe(instance)} {shown(instance)}{hint}")]
            # Explain the alternative whose type matches the value (a mapping with a misspelt key
            # is a bad provenance, not "a list expected").
            fitting = [e for e in err.context if e.validator != "type"] or list(err.context)
            from jsonschema.exceptions import best_match  # noqa: PLC0415 - error path only

            best = best_match(fitting) if fitting else None
            if best is not None:
                return explain(best, root, sm)
        return [(path, f"{where}: {shown(instance)} fits none of the allowed forms")]
    if v == "type":
        hint = _yaml11_hint(instance, sm.raw(path)) if "string" in str(value) else ""
        return [(path, f"{where}: expected {_type_words(value)}, got {_describe(instance)} {shown(instance)}{hint}")]
    if v == "pattern":
        if "a-z0-9" in str(value):
            odd = [c for c in str(instance) if not (c.isascii() and (c.isalnum() or c in "-_"))]
            which = (f": {odd[0]!r} (U+{ord(odd[0]):04X}) is not allowed" if odd else "")
            return [(path, f"{where}: {shown(instance)} is not a valid id{which} (lower-case ASCII letters, "
                     f"digits, '-' and '_', starting with a letter or digit)")]
        if "0-9]{4}" in str(value):
            if str(instance).startswith("0000-"):
                return [(path, f"{where}: {shown(instance)} is not a date: there is no year 0; "
                         "write a real calendar date as YYYY-MM-DD")]
            return [(path, f"{where}: {shown(instance)} is not a date; write YYYY-MM-DD")]
        return [(path, f"{where}: {shown(instance)} does not match {value}")]
    if v == "format":
        return [(path, f"{where}: {shown(instance)} is not a valid {value} (YYYY-MM-DD)")]
    if v in ("minimum", "maximum"):
        word = "below the minimum" if v == "minimum" else "above the maximum"
        return [(path, f"{where}: {shown(instance)} is {word} {value}")]
    if v == "maxLength" and isinstance(instance, str):
        return [(path, f"{where}: {len(instance)} characters; at most {value} are allowed")]
    if v in ("minLength", "maxLength"):
        word = "at least" if v == "minLength" else "at most"
        return [(path, f"{where}: {shown(instance)} is too {'short' if v == 'minLength' else 'long'}; "
                       f"write {word} {value} character{'s' if value != 1 else ''}")]
    if v == "minItems":
        return [(path, f"{where}: the list needs at least {value} item{'s' if value != 1 else ''}")]
    if v == "uniqueItems":
        items = list(instance)
        repeated = next((x for i, x in enumerate(items) if x in items[:i]), None)
        return [(path, f"{where}: {shown(repeated)} is listed twice")]
    if v == "dependentRequired" and isinstance(instance, dict):
        return [((*path, key), f"{format_path((*path, key))}: {key!r} needs {dep!r} beside it")
                for key, deps in value.items() if key in instance for dep in deps if dep not in instance]
    if v == "propertyNames":
        return [(path, f"{where}: a key is not allowed here")]
    return [(path, f"{where}: does not follow the `{v}` part of the schema")]


def _type_words(expected: object) -> str:
    names = {"string": "a string", "integer": "a whole number", "number": "a number",
             "boolean": "true or false", "object": "a mapping", "array": "a list", "null": "null"}
    if isinstance(expected, list):
        return " or ".join(names.get(str(e), str(e)) for e in expected)
    return names.get(str(expected), str(expected))


def _expected_from(sch: Mapping[str, Any]) -> str | None:
    alts = sch.get("oneOf") or sch.get("anyOf") or []
    words: list[str] = []
    for alt in alts:
        ref = alt.get("$ref", "")
        if ref.endswith("/unknown") or alt.get("const") == "unknown":
            words.append("`unknown`")
        elif ref.endswith("/count"):
            words.append("a whole number ≥ 0 or `unknown`")
        elif "type" in alt:
            bound = f" ≥ {alt['minimum']}" if "minimum" in alt else ""
            words.append(_type_words(alt["type"]) + bound)
        else:
            return None
    return " or ".join(words) if words else None


def _yaml11_hint(value: object, raw: str | None) -> str:
    """Explain a YAML 1.1 surprise in terms of what the user wrote."""
    text = raw if raw is not None else str(value)
    quoted = f'write "{text}" in quotes if you meant text'
    if isinstance(value, bool):
        return f" (YAML 1.1 reads {text} as the boolean {str(value).lower()}: {quoted})"
    if isinstance(value, int) and ":" in text:
        return f" (YAML 1.1 reads {text} as the base-60 number {value}: {quoted})"
    if isinstance(value, int) and text.lstrip("+-").startswith("0") and text.lstrip("+-") not in ("0",) \
            and not text.lower().startswith(("0x", "-0x", "+0x")):
        return f" (YAML 1.1 reads {text} as the octal number {value}: {quoted})"
    if isinstance(value, int | float):
        return f" (YAML reads {text} as a number: {quoted})"
    if value is None:
        return f" (YAML reads {text or 'an empty value'} as null: {quoted})"
    return ""
