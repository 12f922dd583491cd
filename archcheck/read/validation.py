"""Schema validation with located, actionable messages, shared by models, rules and frameworks."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from archcheck.errors import SchemaError
from archcheck.findings import Location, ModelPath, format_path
from archcheck.read.schemas import schema
from archcheck.read.sourcemap import JSONValue, SourceMap

if TYPE_CHECKING:  # the pure-Python validator is imported only to explain an invalid file
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

MAX_SCHEMA_ISSUES = 25
"""How many schema problems one report lists before it says how many more there are."""


@cache
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker  # noqa: PLC0415 - error path only

    return Draft202012Validator(schema(name), format_checker=FormatChecker())


@cache
def _fast_is_valid(name: str) -> Callable[[object], bool]:
    """A compiled validator's ``is_valid`` (jsonschema-rs), or the pure-Python one if it is missing."""
    try:
        import jsonschema_rs  # noqa: PLC0415 - optional accelerator, imported once on first use
    except ImportError:  # pragma: no cover - the wheel is a dependency; this guards odd platforms
        return _validator(name).is_valid
    compiled = jsonschema_rs.validator_for(schema(name), validate_formats=True)
    return cast(Callable[[object], bool], compiled.is_valid)


def validate_against(name: str, data: JSONValue, sourcemap: SourceMap, what: str) -> None:
    """Validate ``data`` against a shipped schema; raise one :class:`SchemaError` listing all issues.

    Args:
        name: schema name (model, rule, framework).
        data: the loaded document.
        sourcemap: positions for the messages.
        what: how to call the document in the message ("model", "rule file").
    """
    if _fast_is_valid(name)(data):  # the fast path: compiled, and no error objects for a valid file
        return
    validator = _validator(name)
    errors = sorted(validator.iter_errors(data), key=lambda e: _path_key(tuple(e.absolute_path)))
    # NaN and infinities pass JSON Schema's number checks in Python (NaN compares false with every
    # bound); the compiled validator refuses them. Both must: every number archcheck reads is finite.
    issues: list[tuple[Location, str]] = [
        (sourcemap.locate(path), f"{format_path(path)}: {sourcemap.raw(path) or value!s} is not a finite number; "
         "write a number")
        for path, value in _non_finite(data)]
    if not errors and not issues:  # pragma: no cover - the two validators disagree: trust the reference one
        return
    dated = {tuple(e.absolute_path) for e in errors
             if e.validator == "pattern" and "0-9]{4}" in str(e.validator_value)}
    for err in errors:
        if err.validator == "format" and tuple(err.absolute_path) in dated:
            continue  # the pattern already said "not a date"; do not say it twice
        for path, message in _explain(err, data, sourcemap):
            issues.append((sourcemap.locate(path), message))
    raise _schema_error(issues, what, sourcemap.file)


def _non_finite(data: JSONValue) -> list[tuple[ModelPath, float]]:
    """Every NaN or infinite float in ``data``, with its path (iteratively: no depth limit here)."""
    found: list[tuple[ModelPath, float]] = []
    stack: list[tuple[ModelPath, JSONValue]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            found.append((path, node))
        elif isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
    return found


def _schema_error(issues: list[tuple[Location, str]], what: str, file: str) -> SchemaError:
    issues = sorted(set(issues), key=lambda i: (i[0].line, i[0].column, i[1]))
    first = issues[0][0]
    lines = [f"{loc}: {msg}" for loc, msg in issues[:MAX_SCHEMA_ISSUES]]
    if len(issues) > MAX_SCHEMA_ISSUES:
        lines.append(f"... and {len(issues) - MAX_SCHEMA_ISSUES} more")
    head = issues[0][1] if len(issues) == 1 else f"{len(issues)} problems in this {what}"
    err = SchemaError(
        head,
        file=file,
        line=first.line,
        column=first.column,
        hint=f"`archcheck schema {'model' if what == 'model' else what.split(maxsplit=1)[0]}` prints the schema",
    )
    err.issues = tuple(lines)
    if len(issues) > 1:
        err.message = head + ":\n  " + "\n  ".join(lines)
    return err


def _path_key(path: Sequence[Any]) -> tuple[tuple[int, str], ...]:
    return tuple((0, f"{p:09d}") if isinstance(p, int) else (1, str(p)) for p in path)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent transpositions (optimal string alignment).

    >>> edit_distance("one-stop-shp", "one-stop-shop"), edit_distance("data-platform", "integration-platform")
    (1, 9)
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, prev2[j - 2] + 1)
            cur.append(best)
        prev2, prev = prev, cur
    return prev[-1]


def suggest_typo(word: str, options: Iterable[str]) -> str:
    """``; did you mean 'x'?`` only for a near-typo (at most 2 edits, 1 for short words), else empty.

    Meaning is not spelling: ``data-platform`` is not a typo of ``integration-platform``.
    """
    limit = 1 if len(word) < 6 else 2
    scored = sorted((edit_distance(word, o), o) for o in options)
    return f"; did you mean {scored[0][1]!r}?" if scored and scored[0][0] <= limit else ""


def suggest(word: str, options: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the closest option, or an empty string."""
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


_PY_TYPE = {bool: "a boolean", int: "a whole number", float: "a number", str: "a string",
            list: "a list", dict: "a mapping", type(None): "null (empty)"}


def _describe(value: object) -> str:
    return _PY_TYPE.get(type(value), type(value).__name__)


def _explain(err: ValidationError, root: JSONValue, sm: SourceMap) -> list[tuple[ModelPath, str]]:
    """Turn one jsonschema error into (model path, message) pairs a person can act on."""
    path: ModelPath = tuple(err.absolute_path)
    where = format_path(path) or "the document"
    v = err.validator
    sch = cast(Mapping[str, Any], err.schema)
    value = cast(Any, err.validator_value)
    if v == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(cast(dict[str, Any], sch.get("properties", {})))
        extra = [k for k in err.instance if k not in allowed]
        return [
            ((*path, k), f"unknown key {k!r} in {where}{suggest(k, allowed)}") for k in extra
        ]
    if v == "required":
        return [(path, f"{where}: {err.message.replace('is a required property', 'is required')}")]
    if v in ("enum", "const"):
        options = value if v == "enum" else [value]
        hint = suggest(str(err.instance), [str(o) for o in options])
        shown = ", ".join(repr(o) for o in options)
        return [(path, f"{where}: {err.instance!r} is not allowed; expected {shown}{hint}")]
    if v in ("oneOf", "anyOf"):
        if path == () and isinstance(err.instance, dict):
            return [((), "a model holds `province:` (one) or `provinces:` (a list), not both or neither")]
        if "$ref" in str(sch) or err.context:
            expected = _expected_from(sch)
            if expected:
                hint = _yaml11_hint(err.instance, sm.raw(path)) if "a string" in expected else ""
                return [(path, f"{where}: expected {expected}, got {_describe(err.instance)} {err.instance!r}{hint}")]
            # Explain the alternative whose type matches the value (a mapping with a misspelt key
            # is a bad provenance, not "a list expected").
            fitting = [e for e in err.context if e.validator != "type"] or list(err.context)
            from jsonschema.exceptions import best_match  # noqa: PLC0415 - error path only

            best = best_match(fitting) if fitting else None
            if best is not None:
                return _explain(best, root, sm)
    if v == "type":
        hint = _yaml11_hint(err.instance, sm.raw(path)) if "string" in str(value) else ""
        return [(path, f"{where}: expected {_type_words(value)}, got {_describe(err.instance)} {err.instance!r}{hint}")]
    if v == "pattern":
        if "a-z0-9" in str(value):
            odd = [c for c in str(err.instance) if not (c.isascii() and (c.isalnum() or c in "-_"))]
            which = (f": {odd[0]!r} (U+{ord(odd[0]):04X}) is not allowed" if odd else "")
            return [(path, f"{where}: {err.instance!r} is not a valid id{which} (lower-case ASCII letters, "
                     f"digits, '-' and '_', starting with a letter or digit)")]
        if "0-9]{4}" in str(value):
            if str(err.instance).startswith("0000-"):
                return [(path, f"{where}: {err.instance!r} is not a date: there is no year 0; "
                         "write a real calendar date as YYYY-MM-DD")]
            return [(path, f"{where}: {err.instance!r} is not a date; write YYYY-MM-DD")]
        return [(path, f"{where}: {err.instance!r} does not match {value}")]
    if v == "format":
        return [(path, f"{where}: {err.instance!r} is not a valid {value} (YYYY-MM-DD)")]
    if v == "maxLength" and isinstance(err.instance, str):
        return [(path, f"{where}: {len(err.instance)} characters; at most {value} are allowed")]
    if v in ("minimum", "maximum"):
        word = "below the minimum" if v == "minimum" else "above the maximum"
        return [(path, f"{where}: {err.instance!r} is {word} {value}")]
    return [(path, f"{where}: {err.message}")]


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


