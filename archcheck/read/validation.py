"""Schema validation with located, actionable messages, shared by models, rules and frameworks."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from archcheck.errors import SchemaError
from archcheck.findings import Location, ModelPath, format_path
from archcheck.read.document import JSONValue, SourceMap
from archcheck.read.messages import explain, suggest
from archcheck.read.schemas import schema

if TYPE_CHECKING:  # the pure-Python validator is imported only to explain an invalid file
    from jsonschema import Draft202012Validator

__all__ = ["MAX_SCHEMA_ISSUES", "suggest", "validate_against"]  # suggest: "did you mean", from messages

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
        for path, message in explain(err, data, sourcemap):
            issues.append((sourcemap.locate(path), message))
    raise schema_error(issues, what, sourcemap.file)


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


def schema_error(issues: list[tuple[Location, str]], what: str, file: str) -> SchemaError:
    """One error for every problem of a file, in file order (``located`` keeps them all, for a later
    stage that finds more: archcheck.check.engine.with_unknown_kinds)."""
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
        sheet=first.sheet,
        cell=first.cell,
        hint=f"`archcheck schema {'model' if what == 'model' else what.split(maxsplit=1)[0]}` prints the schema",
    )
    err.issues = tuple(lines)
    err.located = tuple(issues)
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
