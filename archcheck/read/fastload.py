"""A fast YAML path (rapidyaml) used only where it provably gives what the exact loader gives.

rapidyaml parses a national file about 20× faster than libyaml's event API, but read naively it would
change what files mean: its JSON keeps duplicate keys, reads `no`, `010`, `12:30`, `~` as strings, and
its Python binding has no positions. So this path returns ``None`` (use the exact loader in
:mod:`archcheck.read.sourcemap`) unless every one of these holds:

* no anchors, aliases, tags, merge keys, document markers, block scalars, tabs or unusual line breaks;
* no duplicate key, no container nested in a sequence, nothing deeper than MAX_DEPTH;
* every number is one YAML 1.1 reads the same way, and no string is one YAML 1.1 would read as
  something else (a bool, a null, an octal or base-60 number …), except canonical dates, which both
  paths give as the same text;
* no string the exact loader would normalise or flag (NFD text, look-alike letters);
* no text of a class in :data:`DECLINES` (characters YAML forbids, escapes, explicit keys, multi-line
  flow collections, empty items …) and nothing the walk over the parsed data does not fully know
  (null or empty items, empty or over-long keys); and it takes only what it has proved: a plain scalar
  or key that starts with a letter, a digit or one of a few signs, a float in one written shape.

Positions are computed only when asked (a finding or an error needs one), from the address of a key
or value in the parsed buffer. The property test in tests/test_fastload.py holds this path to the exact
loader's data and positions on generated, mutated and hostile models, and tests/test_yaml_suite.py on the
official YAML test suite.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

from archcheck.findings import ModelPath
from archcheck.read import files
from archcheck.read.document import JSONValue, LoadedDocument, SourceMap
from archcheck.read.sourcemap import (
    _CORE,
    _NAME_KEYS,
    _PLAIN_SPECIAL_FIRST,
    MAX_DEPTH,
    MAX_ITEMS,
    _resolve_plain,
    item_limit,
    remarks_on,
)

_ANCHOR_OR_TAG = re.compile(r"(?:^|[\s\[\]{},:])[&*!]", re.MULTILINE)
_MERGE = re.compile(r"<<\s*:")
_DOC_MARKER = re.compile(r"\n(?:---|\.\.\.)")  # a regex that starts at each newline beats `"\n---" in text`
_BLOCK_SCALAR = re.compile(r"(?:^|[\s:-])[|>][-+0-9]*[ ]*(?:#.*)?$", re.MULTILINE)
_FLOAT_11 = re.compile(r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?\Z")


def unsupported(text: str) -> bool:
    """True if the text uses YAML beyond the plain subset the fast paths take: tabs, line breaks other
    than \\n, document markers, merge keys, anchors, aliases, tags, block scalars. Substring tests
    first: they are C scans. Used by this module and by the national-file splitter."""
    if any(c in text for c in "\t\r\x85\u2028\u2029"):  # tabs, line breaks other than \n
        return True
    if text.startswith(("---", "...")) or _DOC_MARKER.search(text):  # document markers
        return True
    if "<" in text and _MERGE.search(text):  # one character first: a C scan, 20x faster than "<<"
        return True
    if any(c in text for c in "&*!") and _ANCHOR_OR_TAG.search(text):
        return True
    return any(c in text for c in "|>") and _BLOCK_SCALAR.search(text) is not None


_BODY0 = rb"[^\[\]{}\n]"
_FLOW1 = rb"(?:\[" + _BODY0 + rb"*+\]|\{" + _BODY0 + rb"*+\})"
_FLOW2 = rb"(?:\[(?>" + _BODY0 + rb"++|" + _FLOW1 + rb")*+\]|\{(?>" + _BODY0 + rb"++|" + _FLOW1 + rb")*+\})"
_FLOW3 = rb"(?:\[(?>" + _BODY0 + rb"++|" + _FLOW2 + rb")*+\]|\{(?>" + _BODY0 + rb"++|" + _FLOW2 + rb")*+\})"

_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbb\xbf|\xef\xbf[\xbe\xbf]")
_OPEN_FLOW = re.compile(rb"(?!" + _FLOW3 + rb")[\[{]")  # an opener that does not start a closed collection
_QUOTED_BRACKET = re.compile(rb"'[^'\n]*[\[\]{}][^'\n]*'|\"[^\"\n]*[\[\]{}][^\"\n]*\"")
_FLOW_COMMENT = re.compile(rb"^[^\n#]*[\[{][^\n]*[ ]#", re.MULTILINE)
_DASH_COMMENT = re.compile(rb"-[ ]*+#")
_QUESTION = re.compile(rb"(?:^|[\s\[{,])\?", re.MULTILINE)
_SPACES = b" " * 64
_EMPTY_ENTRY = re.compile(rb",[ ]*+[,\]}]|[\[{][ ]*+,")
_FLOW_PAIR = re.compile(rb"\[[^\]\n{]*:[ ,\]\n]")
_ADJACENT = re.compile(rb"[\"']:[^ \n]")

_RARE = frozenset(b"?[]{}\\'\"#,\x7f\xc2\xef" + bytes(range(0x20))) - {0x0A}
_COMMON = bytes(b for b in range(256) if b not in _RARE)
_FLOW_CHARS = frozenset(b"[{")
_CONTROL = _RARE - frozenset(b"?[]{}\\'\"#,")


def _has(raw: bytes, needles: tuple[bytes, ...]) -> bool:
    return any(n in raw for n in needles)


_Test = Callable[[bytes, frozenset[int]], bool]

DECLINES: tuple[tuple[str, str, _Test], ...] = (
    ("forbidden character",
     "a character YAML forbids or libyaml refuses (C0 and C1 controls, form feed, U+007F, lone surrogates, "
     "U+FEFF, U+FFFE, U+FFFF): the exact loader refuses the file, rapidyaml would read it",
     lambda raw, rare: not rare.isdisjoint(_CONTROL) and bool(_FORBIDDEN.search(raw))),
    ("escape",
     "a backslash other than the escapes `\\\"` and `\\\\`, so every other escape in a double-quoted scalar: "
     "rapidyaml and libyaml decode `\\ud800`, `\\x..`, `\\N`, `\\L` and escaped line breaks differently, and one "
     "refuses what the other takes",
     lambda raw, rare: 0x5C in rare and b"\\" in raw.replace(b"\\\\", b"").replace(b'\\"', b"")),
    ("explicit key",
     "`?` after a space, a line start or a flow indicator: an explicit key (`? id` / `: portal`) or a plain "
     "scalar that starts with `?`, which the two parsers place or read differently",
     lambda raw, rare: 0x3F in rare and bool(_QUESTION.search(raw))),
    ("comment after a dash",
     "a list item whose `-` is followed by a comment, which rapidyaml's tree cannot place",
     lambda raw, rare: 0x23 in rare and bool(_DASH_COMMENT.search(raw))),
    ("long run of spaces",
     "64 spaces in a row: a key could then be padded past libyaml's 1,024-character limit for implicit keys",
     lambda raw, rare: _SPACES in raw),
    ("adjacent value",
     "a quoted key followed by `:` and no space in a flow collection (`{\"key\":value}`), which libyaml refuses",
     lambda raw, rare: not rare.isdisjoint(_FLOW_CHARS) and bool(_ADJACENT.search(raw))),
    ("empty flow entry",
     "an empty entry in a flow collection (`[a, , b]`, `{a: 1, }`)",
     lambda raw, rare: not rare.isdisjoint(_FLOW_CHARS) and bool(_EMPTY_ENTRY.search(raw))),
    ("multi-line flow collection",
     "a flow collection `[...]` or `{...}` not closed on the line where it opens, or nested more than three "
     "deep: keys broken across lines and comments inside it, which libyaml refuses or places differently",
     lambda raw, rare: not rare.isdisjoint(_FLOW_CHARS) and bool(_OPEN_FLOW.search(raw))),
    ("pair in a flow sequence",
     "a `key: value` pair written straight into a flow sequence (`[a: b]`), a mapping with no brace to place "
     "it by",
     lambda raw, rare: 0x5B in rare and bool(_FLOW_PAIR.search(raw))),
    ("quoted bracket",
     "a quoted scalar holding a bracket or brace (it would make the same-line check above unsound)",
     lambda raw, rare: not rare.isdisjoint(b"[]{}") and bool(_QUOTED_BRACKET.search(raw))),
    ("comment beside a flow collection",
     "a comment on a line that opens a flow collection",
     lambda raw, rare: not rare.isdisjoint(_FLOW_CHARS) and 0x23 in rare and bool(_FLOW_COMMENT.search(raw))),
)
"""Each class of text the fast path declines before parsing: (name, why, test). A test reads the UTF-8
bytes and the set of rare bytes in them (one C pass), and scans further only where a rare byte occurs;
docs/robustness.md lists the classes (generated by tests/test_robustness.py). What only the parsed data
can show is declined by _check: an empty item, an empty key, a key longer than MAX_KEY_CHARS, a key or
plain scalar that starts with a character :data:`_PLAIN_FIRST_ASCII` does not prove, a float in
another shape than the one proved."""

MAX_KEY_CHARS = 1000
"""Longest key the fast path takes: libyaml refuses an implicit key over 1,024 characters, rapidyaml
takes it."""


def declined(raw: bytes) -> str | None:
    """The name of the first class of :data:`DECLINES` the UTF-8 text ``raw`` falls in, or None."""
    rare = frozenset(raw.translate(None, _COMMON))
    for name, _, test in DECLINES:
        if test(raw, rare):
            return name
    return None


_PLAIN_FIRST_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789(/_.+-")
"""The ASCII characters a plain (unquoted) key or scalar may start with on this path: letters, digits
and the few signs both parsers were shown to read the same at the start of a plain scalar in block and
flow context (tests/test_fastload.py). Built up, not down: a plain scalar that starts with anything else
ASCII (``@``, a backtick, ``%``, ``]``, ``}``, ``!``, ``&`` … and whatever YAML reserves next) is left to
the exact loader, which refuses what YAML forbids. Any non-ASCII first character is a letter or sign
that YAML gives no meaning to (the characters YAML forbids are declined before parsing)."""

_PROVED_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+][0-9]+)?")
"""The only float text this path takes: what YAML 1.1 (PyYAML) and rapidyaml both read as the same
number. rapidyaml also reads ``-.5``, ``.5``, ``1.`` or ``1.5e5`` as numbers, and writes them to JSON
rewritten (``-0.5``), where PyYAML reads some of them as strings: their text is read from the tree."""


def _plain_start(text: str) -> bool:
    """True if a plain scalar or key starting like ``text`` is one this path has proved it reads as
    the exact loader does (see :data:`_PLAIN_FIRST_ASCII`)."""
    return bool(text) and (text[0] in _PLAIN_FIRST_ASCII or (not text[0].isascii() and text[0].isprintable()))


class _Fallback(Exception):
    """The fast path cannot guarantee the exact loader's result for this text."""


def _float(text: str) -> float:
    if not _FLOAT_11.match(text):
        raise _Fallback(f"{text} is not a YAML 1.1 float")
    return float(text)


def _check(data: JSONValue, quoted: Callable[[ModelPath], bool],
           plain_text: Callable[[ModelPath], str | None] = lambda _: None) -> int:
    """Raise _Fallback if the exact loader could read anything in ``data`` differently, or remark on it;
    else return the number of nodes (the document, every mapping entry and every sequence item).

    ``quoted(path)`` tells from the parse tree whether a scalar was quoted: JSON cannot, and a quoted
    '02' is a string where a plain 02 is an octal number; ``plain_text(path)`` gives a plain scalar's
    text as written (a float's, which rapidyaml's JSON rewrites). Iterative; paths are built only for
    containers and for the rare suspicious scalar. A key or string already found clean is not
    checked again (a national file repeats its keys and most of its values thousands of times).
    """
    if not (isinstance(data, dict | list) and data):
        raise _Fallback("a document that is not a non-empty mapping or sequence")
    stack: list[tuple[dict[str, JSONValue] | list[JSONValue], ModelPath]] = [(data, ())]
    clean_keys: set[str] = set()
    clean: set[str] = set()  # strings that are clean wherever they stand, outside a name key
    clean_names: set[str] = set()  # … and as the value of a name key
    nodes = 1
    while stack:
        node, path = stack.pop()
        if len(path) >= MAX_DEPTH:
            raise _Fallback("too deep")
        nodes += len(node)
        if type(node) is dict:  # exact types: json.loads makes no subclasses, and `type() is` is cheaper
            for key, value in node.items():
                if key not in clean_keys:
                    if not key or not key.isprintable():
                        raise _Fallback("an empty or multi-line key (its position cannot be recovered)")
                    if len(key) > MAX_KEY_CHARS or not _plain_start(key):
                        raise _Fallback("a key longer than libyaml takes, or one that starts with a sign not proved")
                    if remarks_on(key, is_name=True):
                        raise _Fallback("a key the exact loader would normalise or flag")
                    clean_keys.add(key)
                if type(value) is str:
                    seen = clean_names if key in _NAME_KEYS else clean
                    if value not in seen and _check_string(value, path, key, quoted):
                        seen.add(value)
                elif type(value) is dict or type(value) is list:
                    stack.append((value, (*path, key)))
                elif type(value) is float:
                    _check_float((*path, key), plain_text)
                elif value is not None and type(value) not in _SCALARS:  # pragma: no cover - see above
                    raise _Fallback("a value the walk does not know")
        else:
            for index, item in enumerate(node):
                if type(item) is str:
                    if not item or not item.isprintable():
                        raise _Fallback("an empty or multi-line string in a sequence")
                    if item not in clean and _check_string(item, path, index, quoted):
                        clean.add(item)
                elif type(item) is dict:
                    if not item:
                        raise _Fallback("an empty mapping in a sequence")
                    stack.append((item, (*path, index)))
                elif type(item) is list:
                    raise _Fallback("a sequence in a sequence")
                elif item is None:
                    raise _Fallback("a null item (rapidyaml's tree may have no text to place it by)")
                elif type(item) is float:
                    _check_float((*path, index), plain_text)
                elif type(item) not in _SCALARS:  # pragma: no cover - json.loads makes no other type
                    raise _Fallback("a value the walk does not know")
    return nodes


_SCALARS = frozenset({str, int, float, bool})


def _check_float(path: ModelPath, plain_text: Callable[[ModelPath], str | None]) -> None:
    """Raise _Fallback unless the float at ``path`` is written in a shape both parsers read alike."""
    text = plain_text(path)
    if text is None or not _PROVED_FLOAT.fullmatch(text):
        raise _Fallback(f"{text!r}: a number written in a shape not proved (a leading dot, no exponent sign …)")


def _check_string(value: str, path: ModelPath, part: str | int, quoted: Callable[[ModelPath], bool]) -> bool:
    """Raise _Fallback if the exact loader could read or report ``value`` differently; return True if
    that holds wherever the value stands (False: it passed only because it was quoted here)."""
    anywhere = True
    if value[:1] in ("?", ":"):
        raise _Fallback(f"{value!r} starts with an indicator")
    if not _plain_start(value):  # by construction: only a start proved for plain scalars may be unquoted
        if not quoted((*path, part)):
            raise _Fallback(f"{value!r} starts with a sign not proved for a plain scalar")
        anywhere = False
    if value[:1] in _PLAIN_SPECIAL_FIRST:
        tag = _resolve_plain(value)
        if tag != _CORE + "str" and not (tag == _CORE + "timestamp" and len(value) == 10 and _canonical_date(value)):
            if not quoted((*path, part)):
                raise _Fallback(f"{value!r} may be typed by YAML 1.1")
            anywhere = False
    if remarks_on(value, is_name=part in _NAME_KEYS):
        raise _Fallback("text the exact loader would normalise or flag")
    return anywhere


def _canonical_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False




def fast_load(text: str, name: str, *, line_offset: int = 0, root: ModelPath = (),
              index_offset: int = 0, min_chars: int | None = None) -> LoadedDocument | None:
    """The document, if the fast path gives exactly what the exact loader would; else None.

    ``line_offset``, ``root`` and ``index_offset`` are those of :func:`archcheck.read.sourcemap.load_text`
    (a slice of a file); ``min_chars`` overrides files.FAST_MIN_CHARS (a batch of files pays the import once).
    """
    if not files.long_enough_for_fast_path(text, min_chars) or unsupported(text):
        return None
    try:
        import ryml  # noqa: PLC0415 - imported only for inputs large enough to gain from it
    except ImportError:  # pragma: no cover - rapidyaml is a dependency; this guards odd platforms
        return None
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (text given as str, not decoded from a file)
        return None
    parsed = None
    if not _certainly_within_limits(raw):
        # Parsed before the classes are scanned (a scan of 50 MB of flow collections takes seconds), so
        # that a file over a limit goes at once to the exact loader, which stops at the first item over.
        parsed = _parse(ryml, raw)
        if parsed is None or _over_limit(parsed[1], root):
            return None
    if declined(raw):
        return None
    if parsed is None:
        parsed = _parse(ryml, raw)
        if parsed is None:
            return None
    buf, tree = parsed
    try:
        data = json.loads(ryml.emit_json(tree), parse_float=_float)
        positions = _LazyPositions(tree, buf, raw, line_offset=line_offset, root=root, index_offset=index_offset)
        if _check(data, positions.is_quoted, positions.plain_text) != tree.size():  # JSON keeps one of duplicates
            raise _Fallback("duplicate key")
    except (_Fallback, ValueError, RecursionError):
        return None
    except Exception:  # pragma: no cover - emitting a parsed tree: not known to fail (the exact loader decides)
        return None
    return LoadedDocument(data, SourceMap(name, positions, scalars={}), (), fast=True)


def _parse(ryml: Any, raw: bytes) -> tuple[bytearray, Any] | None:
    """rapidyaml's tree of ``raw`` and the buffer of its own it was parsed in (the tree points into
    it), or None if rapidyaml refuses the text (the exact loader then says what is wrong)."""
    buf = bytearray(raw)
    try:
        with _quiet_stderr():
            return buf, ryml.parse_in_place(buf)
    except Exception:  # rapidyaml's own parse errors
        return None


_FEWEST_ALLOWED = min(MAX_ITEMS.values())


def _certainly_within_limits(raw: bytes) -> bool:
    """True if no sequence in ``raw`` can hold more items than the smallest of :data:`MAX_ITEMS`.

    A cheap bound, used only this way round (a refusal comes from a parser): every item of a block
    sequence follows a ``-``, the first of a flow sequence a ``[`` and every other a ``,``, so the
    number of those characters bounds the number of items of all sequences together."""
    return raw.count(b"-") + raw.count(b",") + raw.count(b"[") <= _FEWEST_ALLOWED


def _over_limit(tree: Any, root: ModelPath) -> bool:
    """True if the parsed tree may hold a sequence with more items than :func:`item_limit` allows.

    Asked before anything is built from the tree (its JSON, a million dicts): such a file is left to
    the exact loader, which stops at the first item over the limit and says where it is, so both paths
    give one verdict. Only the few nodes on the way to a limited sequence are visited (a province, its
    ``components``, ``national`` and ``connections``); rapidyaml counts a sequence's children in C++.
    """
    stack: list[tuple[int, ModelPath]] = [(tree.root_id(), root)]
    while stack:
        node, path = stack.pop()
        if tree.is_seq(node):
            limit = item_limit(path)
            if limit is not None and tree.num_children(node) > limit:
                return True
            if path == ("provinces",):
                stack.extend((child, (*path, i)) for i, child in enumerate(_children(tree, node)))
        elif tree.is_map(node) and (path in ((), ("province",)) or (len(path) == 2 and path[0] == "provinces")):
            for child in _children(tree, node):
                key = tree.key(child)
                if key is not None:
                    stack.append((child, (*path, bytes(key).decode("utf-8", "replace"))))
    return False


def _children(tree: Any, node: int) -> Iterator[int]:
    child = tree.first_child(node)
    while child != _NONE:
        yield child
        child = tree.next_sibling(child)


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to the null device while rapidyaml parses.

    On a syntax error the C++ library prints its own message (``ERROR: [parse] ...`` and a path in
    its sources) straight to the process's standard error before raising; archcheck says what is
    wrong itself, from the exact loader, so that message must not reach the terminal.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no standard error to protect
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@cache
def _buffer_api() -> tuple[Any, Any, Any]:
    """ctypes' view of the C buffer protocol: (Py_buffer, PyObject_GetBuffer, PyBuffer_Release).

    Made on first use: only a text that takes the fast path needs it, and ctypes costs a small run
    a few milliseconds to import.
    """
    import ctypes  # noqa: PLC0415

    class PyBuffer(ctypes.Structure):
        _fields_ = [("buf", ctypes.c_void_p), ("obj", ctypes.py_object), ("len", ctypes.c_ssize_t),
                    ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
                    ("format", ctypes.c_char_p), ("shape", ctypes.c_void_p), ("strides", ctypes.c_void_p),
                    ("suboffsets", ctypes.c_void_p), ("internal", ctypes.c_void_p)]

    get_buffer = ctypes.pythonapi.PyObject_GetBuffer
    get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(PyBuffer), ctypes.c_int]
    get_buffer.restype = ctypes.c_int
    release_buffer = ctypes.pythonapi.PyBuffer_Release
    release_buffer.argtypes = [ctypes.POINTER(PyBuffer)]
    release_buffer.restype = None
    return PyBuffer, get_buffer, release_buffer


def _address(obj: object) -> int:
    """Where a buffer's bytes start in memory (the C buffer protocol)."""
    import ctypes  # noqa: PLC0415 - already imported by _buffer_api

    buffer_type, get_buffer, release_buffer = _buffer_api()
    view = buffer_type()
    if get_buffer(obj, ctypes.byref(view), 0) != 0:  # pragma: no cover - every view here exports one
        raise _Fallback("no buffer")
    try:
        return int(view.buf or 0)
    finally:
        release_buffer(ctypes.byref(view))


class _LazyPositions(Mapping[ModelPath, tuple[int, int]]):
    """Model path → (line, column), computed on first use from the rapidyaml tree.

    Columns count characters, as libyaml's marks do; a quoted key or scalar is located at its quote,
    a flow collection at its bracket, a block mapping at its first key, as the exact loader does.
    """

    def __init__(self, tree: Any, buf: bytearray, raw: bytes, *, line_offset: int, root: ModelPath,
                 index_offset: int) -> None:
        self.tree = tree
        self.buf = buf  # rapidyaml's nodes point into this buffer; keep it alive
        self.raw = raw  # the text as read (parsing in place may rewrite scalars in buf)
        self.base = _address(buf)
        self.line_offset = line_offset
        self.root = root
        self.index_offset = index_offset
        self._lines: list[int] | None = None
        self._cache: dict[ModelPath, tuple[int, int] | None] = {}
        self._seqs: dict[int, list[int]] = {}
        self._maps: dict[int, dict[bytes, int]] = {}

    def __getitem__(self, path: ModelPath) -> tuple[int, int]:
        if path not in self._cache:
            self._cache[path] = self._locate(path)
        found = self._cache[path]
        if found is None:
            raise KeyError(path)
        return found

    def __iter__(self) -> Iterator[ModelPath]:  # only for debugging; findings never iterate
        return iter(())

    def __len__(self) -> int:
        return 0

    def is_quoted(self, path: ModelPath) -> bool:
        """True if the scalar at ``path`` (relative to the parsed text) was written in quotes."""
        node = self._node(list(path))
        return node is not None and bool(self.tree.is_val_quoted(node))

    def plain_text(self, path: ModelPath) -> str | None:
        """The text of the plain scalar at ``path`` (relative to the parsed text) as written, or None."""
        node = self._node(list(path))
        if node is None or self.tree.is_val_quoted(node):
            return None
        view = self.tree.val(node)
        return None if view is None else bytes(view).decode("utf-8")

    def _node(self, rel: list[str | int]) -> int | None:
        """The tree node at a path relative to the parsed text, or None."""
        tree = self.tree
        node: int = tree.root_id()
        for part in rel:
            if isinstance(part, int):
                if not tree.is_seq(node):
                    return None
                items = self._items(node)
                if part < 0 or part >= len(items):
                    return None
                node = items[part]
            else:
                if not tree.is_map(node):
                    return None
                found = self._keys(node).get(part.encode("utf-8"))
                if found is None:
                    return None
                node = found
        return node

    def _items(self, node: int) -> list[int]:
        """A sequence's item nodes, listed once: rapidyaml finds the n-th child by walking the n before
        it, which made locating every item of a long sequence quadratic."""
        items = self._seqs.get(node)
        if items is None:
            items = self._seqs[node] = list(self._children(node))
        return items

    def _keys(self, node: int) -> dict[bytes, int]:
        """A mapping's entry nodes by key, gathered once (see :meth:`_items`)."""
        keys = self._maps.get(node)
        if keys is None:
            keys = self._maps[node] = {bytes(self.tree.key(c)): c for c in self._children(node)}
        return keys

    def _children(self, node: int) -> Iterator[int]:
        return _children(self.tree, node)

    def _locate(self, path: ModelPath) -> tuple[int, int] | None:
        if path[: len(self.root)] != self.root:
            return None
        rel = list(path[len(self.root):])
        if self.root and rel and isinstance(rel[0], int):
            rel[0] -= self.index_offset
        if not rel:  # the document itself: where its top-level node starts (a slice has none of its own)
            return None if self.root else self._node_start(self.tree.root_id())
        node = self._node(rel)
        if node is None:
            return None
        if isinstance(rel[-1], str):  # a mapping entry is located at its key, as the exact loader does
            return self._at(self.tree.key(node), quoted=self.tree.is_key_quoted(node))
        return self._node_start(node)

    def _node_start(self, node: int) -> tuple[int, int] | None:
        start = self._start(node)
        return None if start is None else self._line_col(start)

    def _start(self, node: int) -> int | None:
        """Where the exact loader places a node, as a byte offset: a scalar at its text (or quote), a flow
        collection at its bracket, a block mapping at its first key, a block sequence at its first dash."""
        tree = self.tree
        if not (tree.is_map(node) or tree.is_seq(node)):
            view = tree.val(node)
            return None if view is None else self._offset(view, quoted=tree.is_val_quoted(node))
        if not tree.has_children(node):
            return None
        first = tree.first_child(node)
        start = self._offset(tree.key(first), quoted=tree.is_key_quoted(first)) if tree.has_key(first) \
            else self._start(first)
        if start is None:
            return None
        if tree.is_flow(node):  # the exact loader points at the bracket
            bracket = self.raw.rfind(b"[" if tree.is_seq(node) else b"{", 0, start)
            if bracket < 0 or self.raw[bracket + 1: start].strip():
                return None
            return bracket
        if tree.is_seq(node):  # ... and a block sequence at the dash of its first item
            dash = self.raw.rfind(b"-", 0, start)
            if dash < 0 or self.raw[dash + 1: start].strip():
                return None
            return dash
        return start

    def _offset(self, view: memoryview, *, quoted: bool) -> int:
        return _address(view) - self.base - (1 if quoted else 0)

    def _at(self, view: memoryview, *, quoted: bool) -> tuple[int, int]:
        return self._line_col(self._offset(view, quoted=quoted))

    def _line_col(self, offset: int) -> tuple[int, int]:
        raw = self.raw
        if self._lines is None:  # newlines before each block: a C count per block, not a list of them all
            self._lines = list(itertools.accumulate(
                (raw.count(b"\n", b, b + _BLOCK) for b in range(0, len(raw), _BLOCK)), initial=0))
        block = offset // _BLOCK
        line = self._lines[block] + raw.count(b"\n", block * _BLOCK, offset)
        start = raw.rfind(b"\n", 0, offset) + 1
        column = len(raw[start:offset].decode("utf-8", "replace")) + 1
        return line + 1 + self.line_offset, column


_BLOCK = 1 << 14
"""Bytes per block of the line index: a position costs one count over at most this many bytes."""

_NONE = 2**64 - 1  # rapidyaml's NONE node id (size_t -1)
