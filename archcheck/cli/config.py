"""A repository's settings: ``[tool.archcheck]`` in pyproject.toml, or a ``.archcheck.toml``.

The options a repository repeats on every run (which framework, which rule and framework folders,
the baseline, the waivers, the threshold, the language, the format) are facts of the repository, so
they can be written once::

    # pyproject.toml                      # or .archcheck.toml, the same keys at the top level
    [tool.archcheck]
    framework = "2.0"
    fail-on = "warning"
    rules = ["architecture/rules"]        # a folder, or a list of them
    baseline = "archcheck-baseline.json"

How it is found and read:

* From the working directory upwards, the first folder holding ``.archcheck.toml``, or a
  ``pyproject.toml`` with a ``[tool.archcheck]`` table (``.archcheck.toml`` first in one folder); the
  search stops at the repository's root (the folder holding ``.git``) or the file system's.
* Keys are named as the long options; a path is relative to the folder of the file that names it.
* An option given on the command line wins over the file; ``--no-config`` ignores the file.
* An unknown key, a value of the wrong type or an unknown choice stops the run with the file, line and
  column (exit 2), as any bad input does; so does a file that is not TOML.
* Cheap when there is none: a few ``stat`` calls up the tree; a ``pyproject.toml`` is read as bytes and
  parsed (``tomllib``) only if it names ``tool.archcheck``.
"""

# The look-up (find) runs in every command: it uses os.path on strings, a third of pathlib's cost per folder.
# ruff: noqa: PTH100, PTH109, PTH110, PTH113, PTH118, PTH120, PTH123

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from archcheck.errors import ArchcheckError
from archcheck.formats import VALIDATION

F = TypeVar("F", bound=Callable[..., Any])

FILE_NAMES = (".archcheck.toml", "pyproject.toml")
"""What is looked for in each folder, in this order."""


class ConfigError(ArchcheckError):
    """The configuration file is not TOML, or names a key or value archcheck does not know."""


_CHECKING = frozenset({"validate", "baseline", "score", "graph", "diff models"})
"""The commands that check models: the model-level settings apply to them."""

KEYS: dict[str, tuple[str, frozenset[str] | None]] = {
    # key: (kind of value, the commands it applies to; None: every command that has the option)
    "framework": ("string", _CHECKING),
    "fail-on": ("string", frozenset({"validate", "diff models", "diff frameworks"})),
    "rules": ("folders", None),
    "frameworks": ("folders", None),
    "baseline": ("file", frozenset({"validate"})),
    "strict-baseline": ("boolean", frozenset({"validate"})),
    "waivers": ("file", frozenset({"validate"})),
    "lang": ("string", None),
    "format": ("string", frozenset({"validate"})),
}
"""The keys a configuration may set. Listing commands (``rules list``, ``kinds``, ``diff frameworks``)
take ``--framework`` as a filter, not as the repository's framework, so the file does not set it there."""

CHOICES: dict[str, tuple[str, ...]] = {
    "fail-on": ("error", "warning", "info"),
    "lang": ("en", "vi", "both"),
    "format": tuple(VALIDATION),
}
"""The values of the keys that take a choice (``format``: validate's; tests/test_config.py holds it equal)."""


class Config:
    """A configuration file's settings, checked, with paths resolved against its folder.

    Attributes:
        file: the file, as a path relative to the working directory where it is below it.
        values: key → value (a string, a bool, or a tuple of paths for ``rules``/``frameworks``).
    """

    def __init__(self, file: str, values: dict[str, Any]) -> None:
        self.file = file
        self.values = values


def find(start: Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the working directory), or None.

    Plain ``os`` calls on strings (a pathlib object per folder would cost more than the look-up itself).
    """
    folder = os.path.abspath(start if start is not None else os.getcwd())
    while True:
        dotfile = os.path.join(folder, FILE_NAMES[0])
        if os.path.isfile(dotfile):
            return Path(dotfile)
        pyproject = os.path.join(folder, FILE_NAMES[1])
        try:
            with open(pyproject, "rb") as fh:
                data = fh.read()
        except OSError:
            data = b""
        if b"tool.archcheck" in data or (b"archcheck" in data and _TABLE.search(data)):
            return Path(pyproject)
        parent = os.path.dirname(folder)
        if parent == folder or os.path.exists(os.path.join(folder, ".git")):
            return None
        folder = parent


_TABLE = re.compile(rb"^\s*\[\s*tool\s*\.\s*archcheck\s*[\].]", re.M)


def load(path: Path) -> Config:
    """Read and check the configuration in ``path``.

    Raises:
        ConfigError: not UTF-8 TOML, an unknown key, or a value of the wrong type or not among the choices.
    """
    import tomllib  # only when a file was found

    shown = _shown(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration: {exc.strerror}", file=shown) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        raise ConfigError("is not UTF-8 text", file=shown, line=line, column=1,
                          hint="save the file as UTF-8 (TOML files are UTF-8)") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", msg)
        at_line = int(m.group(1)) if m else None
        at_column = int(m.group(2)) if m else None
        raise ConfigError(f"is not valid TOML: {msg[:m.start()] if m else msg}", file=shown, line=at_line,
                          column=at_column, hint="see https://toml.io for the syntax") from None
    in_pyproject = path.name == FILE_NAMES[1]
    table: Any = data.get("tool", {}).get("archcheck", {}) if in_pyproject else data
    where = _Locator(text, "tool.archcheck" if in_pyproject else None, shown)
    if not isinstance(table, dict):
        raise where.error("tool.archcheck", "`tool.archcheck` must be a table: write `[tool.archcheck]`", None)
    values: dict[str, Any] = {}
    folder = path.parent
    for key, value in table.items():
        if key not in KEYS:
            near = _near(key)
            raise where.error(key, f"unknown key {key!r} in the archcheck configuration{near}",
                              f"the keys are {', '.join(KEYS)} (named as the long options)")
        values[key] = _value(key, value, folder, where)
    return Config(shown, values)


def _near(key: str) -> str:
    from archcheck.read.validation import suggest_typo  # only on the error path

    return suggest_typo(key.replace("_", "-"), KEYS) or (
        f"; did you mean {key.replace('_', '-')!r}?" if key.replace("_", "-") in KEYS else "")


def _value(key: str, value: Any, folder: Path, where: _Locator) -> Any:
    kind, _ = KEYS[key]
    if kind == "boolean":
        if not isinstance(value, bool):
            raise where.error(key, f"{key} must be true or false, not {_toml(value)}", None)
        return value
    if kind == "folders":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(v, str) and v for v in items):
            raise where.error(key, f"{key} must be a folder or a list of folders (strings), not {_toml(value)}",
                              f'e.g. {key} = ["architecture/{key}"]')
        return tuple(Path(_resolve(folder, v)) for v in items)
    if not isinstance(value, str) or not value:
        hint = f'write it as a string: {key} = "{value}"' if isinstance(value, int | float) and key == "framework" \
            else None
        raise where.error(key, f"{key} must be a non-empty string, not {_toml(value)}", hint)
    if kind == "file":
        return _resolve(folder, value)
    if key in CHOICES and value not in CHOICES[key]:
        raise where.error(key, f"{key} = {value!r} is not one of {', '.join(CHOICES[key])}", None)
    return value


def _toml(value: Any) -> str:
    """A value as TOML would write it, for messages (``2.0``, ``true``, ``["a"]``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def _resolve(folder: Path, value: str) -> str:
    """``value`` (a path in the file) relative to the file's folder, shown relative to the working directory."""
    full = folder / Path(value).expanduser()
    try:
        return os.path.relpath(full)
    except ValueError:  # another drive (Windows)
        return str(full)


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel


class _Locator:
    """Where a key of the archcheck table is written: TOML parsers give no positions, so a light scan."""

    def __init__(self, text: str, table: str | None, file: str) -> None:
        self.lines = text.splitlines()
        self.table = table
        self.file = file

    def _find(self, key: str) -> tuple[int, int]:
        """(line, column) of ``key =`` in the table, or of a ``[KEY]`` sub-table, or of the table's header."""
        k = rf"[\"']?{re.escape(key)}[\"']?"
        prefix = r"tool\s*\.\s*archcheck\s*\.\s*" if self.table else ""
        assignment = re.compile(rf"^(\s*){k}\s*[=.]")
        subtable = re.compile(rf"^(\s*)\[\[?\s*{prefix}{k}\s*[\].]")
        header = re.compile(r"^(\s*)\[\s*tool\s*\.\s*archcheck\s*\]")
        start = 0
        if self.table:
            found = next((i for i, line in enumerate(self.lines) if header.match(line)), None)
            if found is None:  # dotted keys: tool.archcheck.KEY = ... (or no table at all)
                dotted = re.compile(rf"^(\s*)tool\s*\.\s*archcheck\s*\.\s*{k}\s*=")
                return next(((i + 1, len(m.group(1)) + 1) for i, line in enumerate(self.lines)
                             if (m := dotted.match(line))), (1, 1))
            if key == "tool.archcheck":
                return found + 1, 1
            start = found + 1
        for i in range(start, len(self.lines)):
            line = self.lines[i]
            if re.match(r"^\s*\[", line):
                break  # the next table: the key is not a plain key of this one
            m = assignment.match(line)
            if m:
                return i + 1, len(m.group(1)) + 1
        for i, line in enumerate(self.lines):
            m = subtable.match(line)
            if m:
                return i + 1, len(m.group(1)) + 1
        return max(start, 1), 1

    def error(self, key: str, message: str, hint: str | None) -> ConfigError:
        line, column = self._find(key)
        return ConfigError(message, file=self.file, line=line, column=column,
                           hint=hint or "see `Configuration` in archcheck's README")


def _command_path(ctx: click.Context) -> str:
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def apply(config: Config, ctx: click.Context, kwargs: dict[str, Any]) -> dict[str, Any]:
    """``kwargs`` with each setting the command has, and the command line does not give, taken from ``config``."""
    from click.core import ParameterSource

    command = _command_path(ctx)
    options = {opt: p for p in ctx.command.params if isinstance(p, click.Option) for opt in p.opts}
    out = dict(kwargs)
    for key, value in config.values.items():
        _, commands = KEYS[key]
        param = options.get(f"--{key}")
        if param is None or param.name is None or (commands is not None and command not in commands):
            continue
        if ctx.get_parameter_source(param.name) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP, None):
            continue  # given on the command line: it wins
        if isinstance(param.type, click.Choice) and value not in param.type.choices:
            continue  # e.g. format = "compact" means nothing to a command without that format
        out[param.name] = value
    return out


def configured(func: F) -> F:
    """Give a command the repository's settings for the options it was not given, and ``--no-config``.

    Put it above :func:`archcheck.cli._common.guarded`; a bad configuration file is reported as any bad
    input is (file:line:col, exit 2).
    """

    def wrapper(*args: Any, no_config: bool = False, **kwargs: Any) -> Any:
        if not no_config:
            try:
                path = find()
            except OSError:  # the working directory was removed: no configuration to look for
                path = None
            if path is not None:
                try:
                    config = load(path)
                except ArchcheckError as exc:
                    from archcheck.cli._common import fail

                    fail(exc)
                kwargs = apply(config, click.get_current_context(), kwargs)
        return func(*args, **kwargs)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    option = click.option("--no-config", is_flag=True,
                          help="Ignore [tool.archcheck] in pyproject.toml and .archcheck.toml.")
    return option(wrapper)  # type: ignore[return-value]
