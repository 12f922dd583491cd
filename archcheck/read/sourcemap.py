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
import re
import unicodedata
from pathlib import Path
from typing import cast

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from archcheck.errors import LoadError, SchemaError
from archcheck.findings import Location, ModelPath, format_path
from archcheck.read import files, messages
from archcheck.read.document import FastLoader, JSONValue, LoadedDocument, Notice, SourceMap
from archcheck.values import record

# libyaml is 5-10x faster; the pure-Python loader gives the same nodes.
_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused before parsing (a national file is about 7 MB)."""

MAX_ALIAS_EXPANSION = 100_000
"""How many nodes aliases may add in total before the file is refused as an alias bomb."""

MAX_DEPTH = 100
"""Deepest nesting accepted; a model is about eight levels deep."""

MAX_ITEMS = {"components": 50_000, "national": 50_000, "connections": 100_000}
"""The most components, national components and connections one province may list. A real province
has a few hundred; 25,000 components are checked in seconds (docs/performance.md), but a million
(50 MB, under the size limit) would take minutes and gigabytes, so such a model is refused as it is
read, at the first item over the limit, before anything after it is parsed."""


def item_limit(path: ModelPath) -> int | None:
    """The most items the sequence at ``path`` may hold (:data:`MAX_ITEMS`: a province's
    ``components``, ``national`` or ``connections``, in a one-province or a national file), or None."""
    if (len(path) == 2 and path[0] == "province") or (
            len(path) == 3 and path[0] == "provinces" and type(path[1]) is int):
        key = path[-1]
        return MAX_ITEMS.get(key) if isinstance(key, str) else None
    return None


def too_many(path: ModelPath, limit: int, file: str, line: int | None, column: int | None) -> SchemaError:
    """The refusal of a sequence that holds more than ``limit`` items, located at the first item over
    the limit (``(*path, limit)``, at ``line``:``column``). The same from the exact loader, which stops
    there, and from a check of data already read."""
    at = (*path, limit)
    key = path[-1]
    return SchemaError(
        f"{format_path(at)}: the province lists more than {limit:,} {key}, the most archcheck checks in one "
        "province (reading stopped here)",
        file=file, line=line, column=column,
        hint=f"a province's model has at most {limit:,} {key}; split a generated model, or check whether it "
        "was meant to be this large")


_CORE = "tag:yaml.org,2002:"
_ALLOWED_SCALAR_TAGS = frozenset(
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)




def load_file(path: str | Path, *, display_name: str | None = None,
              fast: FastLoader | None = None) -> LoadedDocument:
    """Read and parse one YAML file.

    Args:
        path: the file to read; ``-`` is standard input (named ``<stdin>``). Its size is bounded before
            anything is read (see :mod:`archcheck.read.files`).
        display_name: how the file is named in messages (defaults to ``path`` as given).

    Raises:
        LoadError: the file cannot be read, is not UTF-8, or is not acceptable YAML.
    """
    name = display_name or files.display_name(path)
    raw = files.read_bounded(path, name, MAX_FILE_BYTES, what="model file")
    return load_bytes(raw, name, fast=fast)


def load_bytes(raw: bytes, name: str, *, fast: FastLoader | None = None) -> LoadedDocument:
    """Parse YAML bytes; see :func:`load_file`.

    ``fast`` is tried first on the decoded text; it returns None wherever it cannot promise the
    exact loader's result (and it is not tried on a file that starts with a byte-order mark).
    """
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
    _refuse_odd_line_breaks(text, name)
    if fast is not None and not notices:
        doc = fast(text, name)
        if doc is not None:
            return doc
    return load_text(text, name, notices)


_ODD_BREAKS = {"\x85": "U+0085 (NEXT LINE)", "\u2028": "U+2028 (LINE SEPARATOR)",
               "\u2029": "U+2029 (PARAGRAPH SEPARATOR)"}


def _refuse_odd_line_breaks(text: str, name: str) -> None:
    """Refuse U+0085, U+2028 and U+2029: YAML 1.1 (libyaml) reads them as line breaks, where editors,
    diffs and reviewers do not, so a comment could hide a key and every later line would be off by one."""
    if not any(c in text for c in _ODD_BREAKS):
        return
    at = min(i for i in (text.find(c) for c in _ODD_BREAKS) if i >= 0)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    raise LoadError(f"{_ODD_BREAKS[text[at]]} is a line break to YAML but not to editors", file=name,
                    line=line, column=column, hint="replace it with a newline, or with a space if it is inside text")


def load_text(text: str, name: str, notices: list[Notice] | None = None, *, line_offset: int = 0,
              root: ModelPath = (), index_offset: int = 0) -> LoadedDocument:
    """Parse YAML text; see :func:`load_file`.

    ``line_offset``, ``root`` and ``index_offset`` let a slice of a file be parsed on its own: lines
    are counted from the slice's place in the file, and the slice's top-level sequence items get the
    paths ``(*root, index_offset + i)`` they have in the whole file.
    """
    notes = list(notices or [])
    if not text.strip():
        raise LoadError("file is empty", file=name, line=1, column=1, hint="write a model into it")
    builder = _Builder(name, notes, text, line_offset=line_offset, root=root, index_offset=index_offset)
    try:
        _run(builder, _Loader, text)
    except yaml.YAMLError as exc:
        if not messages.is_library_depth_limit(exc):
            raise messages.yaml_error(exc, text, name, line_offset=line_offset) from None
        # libyaml >= 0.2.5 stops at 1,000 levels, before the builder's own limit could: read the text
        # again with the pure-Python parser, which has no limit, so that the builder stops it at the
        # same level, line and column as with every other parser.
        # The text up to where libyaml stopped is enough (the builder's limit comes first), and spares
        # the pure-Python scanner the rest of a runaway file.
        builder = _Builder(name, notes, text, line_offset=line_offset, root=root, index_offset=index_offset)
        try:
            _run(builder, yaml.SafeLoader, text[: messages.offset_of(text, exc)])
        except yaml.YAMLError as again:
            raise messages.yaml_error(again, text, name, line_offset=line_offset) from None
        raise messages.too_deep(name, None, None, MAX_DEPTH) from None  # pragma: no cover - stopped above
    if not builder.done:
        raise LoadError("file holds no YAML document", file=name, line=1, column=1)
    sm = SourceMap(name, builder.positions, scalars=builder.raw)
    return LoadedDocument(builder.result, sm, tuple(notes))


def _run(builder: _Builder, loader_class: type[yaml.SafeLoader | yaml.CSafeLoader], text: str) -> None:
    loader = loader_class(text)  # the pure-Python reader checks the characters here, libyaml while parsing
    try:
        builder.run(loader)
    finally:
        loader.dispose()


@record(frozen=False)
class _Frame:
    """A mapping or sequence under construction."""

    value: dict[str, JSONValue] | list[JSONValue]
    path: ModelPath
    anchor: str | None
    start_count: int
    key: str | None = None
    limit: int | None = None
    """The most items this sequence may hold (:func:`item_limit`), or None."""


def _mark(event: yaml.Event) -> yaml.Mark:
    mark = event.start_mark
    assert mark is not None  # libyaml marks every event
    return cast(yaml.Mark, mark)


class _Builder:
    """Builds plain data from libyaml's event stream, iteratively (no recursion, so no depth crash).

    Refuses duplicate keys, non-core tags, merge keys, nesting deeper than MAX_DEPTH and alias
    expansion past MAX_ALIAS_EXPANSION; records the position of every key and item, and the raw
    text of every plain scalar that YAML did not read as a string (for YAML 1.1 hints).
    """

    def __init__(self, name: str, notices: list[Notice], text: str, *, line_offset: int = 0,
                 root: ModelPath = (), index_offset: int = 0) -> None:
        self.line_offset = line_offset
        self.root = root
        self.index_offset = index_offset
        self.name = name
        self.notices = notices
        self.positions: dict[ModelPath, tuple[int, int]] = {}
        self.raw: dict[ModelPath, str] = {}
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[JSONValue, int]] = {}
        self.count = 0
        self.expanded = 0
        self.documents = 0
        self.done = False
        self.result: JSONValue = None
        self.constructor = SafeConstructor()

    def _error(self, mark: yaml.Mark, message: str, hint: str | None = None) -> LoadError:
        return LoadError(message, file=self.name, line=mark.line + 1 + self.line_offset, column=mark.column + 1,
                         hint=hint)

    def run(self, loader: yaml.SafeLoader | yaml.CSafeLoader) -> None:
        """Consume every event of ``loader``. The two most frequent cases (a plain or quoted scalar
        as a mapping key, and as a string value) are handled inline; the rest go through ``feed``."""
        get_event = loader.get_event
        scalar_event = yaml.ScalarEvent
        positions = self.positions
        stack = self.stack
        plain_special = _PLAIN_SPECIAL_FIRST
        while True:
            event = get_event()
            if event is None:
                return
            if event.__class__ is scalar_event and stack and event.anchor is None and event.tag is None:
                top = stack[-1]
                value = event.value
                if top.value.__class__ is dict and (not event.implicit[0] or value[:1] not in plain_special):
                    mark = _mark(event)
                    key = top.key
                    if key is None:  # a key: plain text, or quoted
                        if not value.isascii():
                            value = self._nfc(value, mark)
                        if value in top.value:
                            self._scalar(event)  # the general path raises the duplicate-key error
                            continue
                        top.key = value
                        positions[(*top.path, value)] = (mark.line + 1 + self.line_offset, mark.column + 1)
                    else:  # a string value
                        if not value.isascii():
                            value = self._nfc(value, mark, is_name=key in _NAME_KEYS)
                        top.value[key] = value
                        top.key = None
                    self.count += 1
                    continue
            self.feed(event)

    def feed(self, event: yaml.Event) -> None:
        """Handle one event (the general path)."""
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._start(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self._end()
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._error(
                    _mark(event), "file holds more than one YAML document; one is expected",
                    "put each province in its own file, or list them under `provinces:` in one document",
                )

    # -- where a value goes -------------------------------------------------------------------

    def _slot(self, mark: yaml.Mark) -> ModelPath | None:
        """The path the next value takes; None if it is a mapping key."""
        if not self.stack:
            return self.root
        top = self.stack[-1]
        if isinstance(top.value, list):
            offset = self.index_offset if len(self.stack) == 1 else 0
            path = (*top.path, len(top.value) + offset)
            if top.limit is not None and len(top.value) >= top.limit:  # stop here: nothing after it is read
                raise too_many(top.path, top.limit, self.name, mark.line + 1 + self.line_offset, mark.column + 1)
            self.positions[path] = (mark.line + 1 + self.line_offset, mark.column + 1)
            return path
        if top.key is None:
            return None
        return (*top.path, top.key)

    def _place(self, value: JSONValue) -> None:
        if not self.stack:
            self.result = value
            self.done = True
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            assert top.key is not None
            top.value[top.key] = value
            top.key = None

    # -- events -------------------------------------------------------------------------------

    def _start(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        expected = _CORE + ("map" if is_map else "seq")
        if event.tag not in (None, "!", expected):
            raise self._tag_error(event.tag, _mark(event))
        path = self._slot(_mark(event))
        if path is None:
            raise self._error(_mark(event), "a mapping key must be a plain string",
                              "write the key as text")
        if len(self.stack) >= MAX_DEPTH:
            mark = _mark(event)
            raise messages.too_deep(self.name, mark.line + 1 + self.line_offset, mark.column + 1, MAX_DEPTH)
        self.positions.setdefault(path, (_mark(event).line + 1 + self.line_offset, _mark(event).column + 1))
        self.count += 1
        container: dict[str, JSONValue] | list[JSONValue] = {} if is_map else []
        self.stack.append(_Frame(container, path, event.anchor, self.count,
                                 limit=None if is_map else item_limit(path)))

    def _end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.value, self.count - frame.start_count + 1)
        self._place(frame.value)

    def _alias(self, event: yaml.AliasEvent) -> None:
        path = self._slot(_mark(event))
        if path is None:
            raise self._error(_mark(event), "an alias cannot be a mapping key")
        anchor = event.anchor
        if anchor not in self.anchors:  # pragma: no cover - libyaml refuses undefined aliases first
            raise self._error(_mark(event), f"alias *{anchor} is not defined")
        value, size = self.anchors[anchor]
        self.expanded += size
        self.count += size  # an anchor that holds aliases weighs what they expand to
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise self._error(
                _mark(event),
                f"aliases expand to more than {MAX_ALIAS_EXPANSION} nodes (an alias bomb?)",
                "write the repeated content out, or use fewer aliases",
            )
        self.positions.setdefault(path, (_mark(event).line + 1 + self.line_offset, _mark(event).column + 1))
        self._place(value)

    def _tag_error(self, tag: str | None, mark: yaml.Mark) -> LoadError:
        return self._error(
            mark,
            f"tag {tag!r} is not allowed",
            "archcheck reads plain YAML only (strings, numbers, booleans, null, dates, "
            "mappings, sequences); remove the tag",
        )

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        mark = _mark(event)
        if event.tag not in (None, "!"):
            tag = event.tag
            if tag not in _ALLOWED_SCALAR_TAGS:
                raise self._tag_error(tag, mark)
        elif event.implicit[0]:  # plain scalar: YAML 1.1 resolution (bool, int, float, null, date)
            tag = _resolve_plain(event.value)
        else:
            tag = _CORE + "str"
        path = self._slot(mark)
        self.count += 1
        if path is None:  # a mapping key
            if tag == _CORE + "merge":
                raise self._error(mark, "merge keys (<<) are not supported", "write the keys out in full")
            top = self.stack[-1]
            key = self._nfc(event.value, mark)
            if isinstance(top.value, dict) and key in top.value:
                first = self.positions.get((*top.path, key), (0, 0))
                raise self._error(
                    mark,
                    f"duplicate key {key!r} (first defined at line {first[0]})",
                    "remove one of the two; YAML would silently keep only the last",
                )
            top.key = key
            self.positions[(*top.path, key)] = (mark.line + 1 + self.line_offset, mark.column + 1)
            return
        if tag == _CORE + "str":
            value: JSONValue = self._nfc(event.value, mark, is_name=bool(path) and path[-1] in _NAME_KEYS)
        else:
            value = self._construct(tag, event.value, mark)
            if event.implicit[0]:
                self.raw[path] = event.value
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._place(value)

    def _construct(self, tag: str, text: str, mark: yaml.Mark) -> JSONValue:
        node = yaml.ScalarNode(tag, text, mark, mark)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError) as exc:
            if tag == _CORE + "timestamp":
                raise self._error(mark, f"{messages.shown(text)} is not a valid date: {exc}",
                                  "write a real calendar date as YYYY-MM-DD") from None
            if "integer string conversion" in str(exc):  # Python's bound on int(str): thousands of digits
                raise self._error(mark, f"cannot read value {messages.shown(text)}: a number of {len(text)} "
                                  "characters is too long to be read as a number",
                                  "quote it if it is text; no number archcheck reads needs that many digits") from None
            raise self._error(mark, f"cannot read value {messages.shown(text)}: {exc}") from None
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        if value is None or isinstance(value, bool | int | float | str):
            return value
        raise self._tag_error(tag, mark)  # pragma: no cover - the tag check is exhaustive

    def _nfc(self, text: str, mark: yaml.Mark, *, is_name: bool = True) -> str:
        """NFC-normalise every string; in names (and keys) also fix or flag look-alike letters.

        Quotes and readings are left as written: they copy a source, look-alikes included.
        """
        if text.isascii():
            return text
        fixed = text.translate(_LOOKALIKES) if is_name else text
        if fixed != text:
            self.notices.append(Notice(
                Location(self.name, mark.line + 1 + self.line_offset, mark.column + 1),
                f"replaced the look-alike letter Ð/ð (U+00D0/U+00F0, Icelandic eth) with Vietnamese "
                f"Đ/đ (U+0110/U+0111) in {text!r}",
            ))
            text = fixed
        if not unicodedata.is_normalized("NFC", text):
            self.notices.append(Notice(
                Location(self.name, mark.line + 1 + self.line_offset, mark.column + 1),
                f"normalised {text!r} to Unicode NFC (composed letters)",
            ))
            text = unicodedata.normalize("NFC", text)
        mixed = _mixed_script_word(text) if is_name else None
        if mixed:
            self.notices.append(Notice(
                Location(self.name, mark.line + 1 + self.line_offset, mark.column + 1),
                f"warning: {mixed!r} mixes Latin with Cyrillic or Greek letters that look alike; "
                "retype it (left unchanged: it cannot be corrected safely)",
            ))
        return text


_NAME_KEYS = frozenset({"name", "name_en", "title"})
"""Keys whose values are names: look-alike letters in them are corrected or flagged."""


def remarks_on(text: str, *, is_name: bool) -> bool:
    """True if the exact loader would change ``text`` or add a notice about it (NFC normalisation;
    in names, look-alike letters or a Latin/Cyrillic/Greek mix). The fast path declines such text."""
    if text.isascii():
        return False
    if not unicodedata.is_normalized("NFC", text):
        return True
    return is_name and (text.translate(_LOOKALIKES) != text or _mixed_script_word(text) is not None)


_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


_GREEK_OR_CYRILLIC = re.compile("[\u0370-\u03ff\u0400-\u04ff]")


def _mixed_script_word(text: str) -> str | None:
    """The first word mixing Latin letters with Cyrillic or Greek ones, if any."""
    if not _GREEK_OR_CYRILLIC.search(text):
        return None
    for word in text.split():
        scripts = set()
        for ch in word:
            if ch.isalpha():
                code = ord(ch)
                if 0x0370 <= code <= 0x03FF:
                    scripts.add("greek")
                elif 0x0400 <= code <= 0x04FF:
                    scripts.add("cyrillic")
                elif ch.isascii() or 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
                    scripts.add("latin")
        if "latin" in scripts and len(scripts) > 1:
            return word
    return None


_PLAIN_SPECIAL_FIRST = frozenset("0123456789+-.~<=yYnNtTfFoO") | {""}
"""A plain scalar starting with anything else is a string under YAML 1.1 (PyYAML's resolvers)."""

_IMPLICIT = cast(dict[str | None, list[tuple[str, re.Pattern[str]]]], yaml.resolver.Resolver.yaml_implicit_resolvers)


def _resolve_plain(value: str) -> str:
    """The YAML 1.1 tag of a plain scalar, as PyYAML's resolver decides it (bool, int, float, null,
    timestamp, merge, else str)."""
    for tag, pattern in _IMPLICIT.get(value[:1] if value else "", []) + _IMPLICIT.get(None, []):
        if pattern.match(value):
            return tag
    return _CORE + "str"
