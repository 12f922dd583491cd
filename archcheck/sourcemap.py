"""YAML loading that keeps positions and refuses what a gate must not accept.

The file is composed into YAML nodes (libyaml's C parser when available), then turned into plain
JSON-like data by our own walker, which:

* records the line and column of every mapping key and sequence item (a model path → position);
* refuses duplicate keys, instead of silently keeping the second;
* refuses every tag outside the YAML core schema, so no input can construct a Python object;
* bounds alias expansion, so a "billion laughs" file is refused instead of eating memory;
* turns dates into ISO strings, so the data validates as JSON would.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from archcheck.errors import LoadError
from archcheck.findings import Location, ModelPath, format_path

JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"

# libyaml is 5-10x faster; the pure-Python loader gives the same nodes.
_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused before parsing (a national file is about 7 MB)."""

MAX_ALIAS_EXPANSION = 100_000
"""How many nodes aliases may add in total before the file is refused as an alias bomb."""

_CORE = "tag:yaml.org,2002:"
_ALLOWED_SCALAR_TAGS = frozenset(
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)


@dataclass(slots=True)
class SourceMap:
    """Model path → (line, column), both 1-based, for one file.

    Paths not recorded (a finding about a key that is absent) resolve to the nearest
    recorded ancestor, so every finding still gets a line.
    """

    file: str
    positions: dict[ModelPath, tuple[int, int]] = field(default_factory=dict)
    prefix: ModelPath = ()

    def locate(self, path: ModelPath) -> Location:
        """The position of ``path``, or of its nearest recorded ancestor.

        >>> sm = SourceMap("m.yaml", {(): (1, 1), ("a",): (2, 3)})
        >>> str(sm.locate(("a", "b")))
        'm.yaml:2:3'
        """
        full = self.prefix + tuple(path)
        while True:
            pos = self.positions.get(full)
            if pos is not None:
                return Location(self.file, pos[0], pos[1])
            if not full:
                return Location(self.file, 1, 1)
            full = full[:-1]

    def sub(self, prefix: ModelPath) -> SourceMap:
        """A view of this map in which paths are relative to ``prefix``."""
        return SourceMap(self.file, self.positions, self.prefix + tuple(prefix))


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the loader changed or noticed without refusing the file."""

    location: Location
    message: str


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """One YAML document as plain data, with its source map and loader notices."""

    data: JSONValue
    sourcemap: SourceMap
    notices: tuple[Notice, ...] = ()


def load_file(path: str | Path, *, display_name: str | None = None) -> LoadedDocument:
    """Read and parse one YAML file.

    Args:
        path: the file to read.
        display_name: how the file is named in messages (defaults to ``path`` as given).

    Raises:
        LoadError: the file cannot be read, is not UTF-8, or is not acceptable YAML.
    """
    name = display_name or str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise LoadError("is a directory, not a model file", file=name, hint="name a .yaml file")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                f"file is {size} bytes; the limit is {MAX_FILE_BYTES}",
                file=name,
                hint="split the national file into one file per province",
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise LoadError("no such file", file=name, hint="check the path") from None
    except PermissionError:
        raise LoadError("permission denied", file=name, hint="make the file readable") from None
    except IsADirectoryError:
        raise LoadError("is a directory, not a model file", file=name) from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", file=name) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> LoadedDocument:
    """Parse YAML bytes; see :func:`load_file`."""
    notices: list[Notice] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        notices.append(Notice(Location(name, 1, 1), "removed a UTF-8 byte-order mark"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            file=name,
            line=line,
            column=col,
            hint="save the file as UTF-8",
        ) from None
    return load_text(text, name, notices)


def load_text(text: str, name: str, notices: list[Notice] | None = None) -> LoadedDocument:
    """Parse YAML text; see :func:`load_file`."""
    notes = list(notices or [])
    if not text.strip():
        raise LoadError("file is empty", file=name, line=1, column=1, hint="write a model into it")
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        hint = "fix the YAML syntax at this position"
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            problem = "a tab character where YAML expects spaces"
            hint = "YAML does not allow tabs for indentation; indent with spaces"
        raise LoadError(
            f"not valid YAML: {problem}",
            file=name,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint=hint,
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise LoadError(f"not valid YAML: {exc}", file=name) from None
    if len(nodes) != 1:
        if not nodes:
            raise LoadError("file holds no YAML document", file=name, line=1, column=1)
        second = nodes[1].start_mark
        raise LoadError(
            f"file holds {len(nodes)} YAML documents; one is expected",
            file=name,
            line=second.line + 1,
            column=second.column + 1,
            hint="put each province in its own file, or list them under `provinces:` in one document",
        )
    walker = _Walker(name, notes)
    data = walker.walk(nodes[0], ())
    return LoadedDocument(data, SourceMap(name, walker.positions), tuple(notes))


class _Walker:
    """Turns a composed node tree into plain data, recording positions."""

    def __init__(self, name: str, notices: list[Notice]) -> None:
        self.name = name
        self.notices = notices
        self.positions: dict[ModelPath, tuple[int, int]] = {}
        self.seen: set[int] = set()
        self.expanded = 0
        self.constructor = SafeConstructor()

    def _error(self, node: yaml.Node, message: str, hint: str | None = None) -> LoadError:
        return LoadError(
            message,
            file=self.name,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            hint=hint,
        )

    def walk(self, node: yaml.Node, path: ModelPath) -> JSONValue:
        # An alias is the same node object seen again: count what it re-expands.
        if id(node) in self.seen:
            self.expanded += _count(node)
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise self._error(
                    node,
                    f"aliases expand to more than {MAX_ALIAS_EXPANSION} nodes (an alias bomb?)",
                    "write the repeated content out, or use fewer aliases",
                )
        elif not isinstance(node, yaml.ScalarNode):
            self.seen.add(id(node))
        if path not in self.positions:
            self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _CORE + "seq":
                raise self._tag_error(node)
            out: list[JSONValue] = []
            for i, item in enumerate(node.value):
                out.append(self.walk(item, (*path, i)))
            return out
        return self._scalar(node, path)

    def _tag_error(self, node: yaml.Node) -> LoadError:
        return self._error(
            node,
            f"tag {node.tag!r} is not allowed",
            "archcheck reads plain YAML only (strings, numbers, booleans, null, dates, "
            "mappings, sequences); remove the tag",
        )

    def _mapping(self, node: yaml.MappingNode, path: ModelPath) -> dict[str, JSONValue]:
        if node.tag != _CORE + "map":
            raise self._tag_error(node)
        out: dict[str, JSONValue] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                raise self._error(
                    key_node, "merge keys (<<) are not supported", "write the keys out in full"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._error(key_node, "a mapping key must be a plain string")
            key = key_node.value
            if key_node.tag != _CORE + "str":
                # `no: 1`, `2018: x`: YAML 1.1 would make this key a bool or int. Keep the text.
                self._check_tag(key_node)
            key = self._nfc(key, key_node)
            if key in out:
                first = self.positions.get((*path, key), (0, 0))
                raise self._error(
                    key_node,
                    f"duplicate key {key!r} (first defined at line {first[0]})",
                    "remove one of the two; YAML would silently keep only the last",
                )
            child = (*path, key)
            self.positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.walk(value_node, child)
        return out

    def _check_tag(self, node: yaml.Node) -> None:
        if node.tag not in _ALLOWED_SCALAR_TAGS:
            raise self._tag_error(node)

    def _nfc(self, text: str, node: yaml.Node) -> str:
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return text
        self.notices.append(
            Notice(
                Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1),
                f"normalised {text!r} to Unicode NFC (composed letters)",
            )
        )
        return unicodedata.normalize("NFC", text)

    def _scalar(self, node: yaml.Node, path: ModelPath) -> JSONValue:
        assert isinstance(node, yaml.ScalarNode)
        self._check_tag(node)
        tag = node.tag
        if tag == _CORE + "str":
            return self._nfc(node.value, node)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError) as exc:
            if tag == _CORE + "timestamp":
                raise self._error(node, f"{node.value!r} is not a valid date: {exc}",
                                  "write a real calendar date as YYYY-MM-DD") from None
            raise self._error(node, f"cannot read value {node.value!r}: {exc}") from None
        if isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if value is None or isinstance(value, bool | int | float | str):
            return value
        raise self._tag_error(node)  # pragma: no cover - the tag check above is exhaustive


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _count(node: yaml.Node) -> int:
    """How many nodes a subtree holds (bounded by the caller's budget)."""
    total = 0
    stack: list[yaml.Node] = [node]
    while stack:
        n = stack.pop()
        total += 1
        if total > MAX_ALIAS_EXPANSION:
            return total
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return total


def iter_paths(sourcemap: SourceMap) -> Iterator[str]:
    """Every recorded path, formatted (for debugging and tests)."""
    for p in sorted(sourcemap.positions, key=format_path):
        yield format_path(p)
