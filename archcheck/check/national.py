"""Checking one large national file on every core, with exactly the result of checking it whole.

A ministry's national file is one ``provinces:`` list of a few MB; parsing it is most of the work.
When the list is a plain block sequence (the plain YAML of :func:`archcheck.read.fastload.unsupported`:
no anchors, aliases, tags, document markers or unusual line breaks; nothing after it), it is cut at
its top-level items; each worker parses its slice with the same exact loader (lines counted from
the slice's place in the file, paths ``provinces[i]`` as in the whole file) and checks
those provinces; the reports come back in file order with the file's notices. The cut is proved,
not trusted: every item start is a line the cut sees, so it can only see too many (a quoted scalar
may go on at column 0 with ``- ``); each worker's parse must find exactly the items the cut counted
in its slice (a cut inside a scalar leaves a slice that does not parse). Anything irregular, and
any error or miscount in a slice, means ``None``: the caller then checks the file whole, so every message and
finding is the one the whole-file path gives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import ChainMap
from collections.abc import Callable, Mapping
from pathlib import Path

from archcheck.check.binding import RuleSet
from archcheck.check.engine import ProvinceReport, check_model
from archcheck.check.parallel import fork_map
from archcheck.errors import ArchcheckError
from archcheck.findings import ModelPath
from archcheck.read import files, sourcemap
from archcheck.read.document import JSONValue, LoadedDocument, Notice, SourceMap
from archcheck.read.fastload import fast_load, unsupported
from archcheck.read.files import read_bounded
from archcheck.read.loading import model_from_document
from archcheck.read.sourcemap import load_text
from archcheck.values import record, replace

_HEADER_KEYS = frozenset({"archcheck", "sources", "provinces"})
_HEAD = re.compile(r"\nprovinces:[ ]*(?=\n)")
_HEAD_AT_START = re.compile(r"provinces:[ ]*(?=\n)")
_FIRST_ITEM = re.compile(r"^( *)- ", re.MULTILINE)


@record
class Slice:
    """Consecutive top-level items of the ``provinces:`` list, as text with its place in the file."""

    start_line: int  # 0-based line of the slice's first line in the file
    text: str
    first_index: int  # index in ``provinces`` of the slice's first item
    count: int = 0  # how many items the cut found in it; the worker's parse must find exactly as many


def split(text: str, parts: int) -> tuple[str, list[Slice]] | None:
    """Cut a national file into a header (up to ``provinces:``) and about ``parts`` slices, or None.

    >>> header, slices = split("archcheck: 1\\nprovinces:\\n- a: 1\\n- a: 2\\n", 2)
    >>> header, [(s.start_line, s.first_index) for s in slices]
    ('archcheck: 1\\nprovinces:\\n', [(2, 0), (3, 1)])
    """
    if unsupported(text):  # anchors could cross slices; \r would make libyaml count lines differently
        return None
    # Regexes that start with a literal newline: the engine skips to each newline in C, where a
    # MULTILINE ``^`` would try every character (70 ms on 6 MB against 10 ms).
    heads = [m.end() for m in _HEAD.finditer(text)]
    if (m := _HEAD_AT_START.match(text)) is not None:
        heads.insert(0, m.end())
    if len(heads) != 1:
        return None
    body = heads[0] + 1
    first = _FIRST_ITEM.search(text, body)
    if first is None or not _only_comments(text[body: first.start()]):
        return None  # only blank lines and comments may stand between `provinces:` and its first item
    indent = len(first.group(1))
    items = [first.start()]
    # Every later line that starts at or left of the item indent must be an item at that indent or a
    # comment; anything else means the list is not a plain block sequence.
    for m in re.compile(rf"\n {{0,{indent}}}(?=[^ \n])").finditer(text, first.end()):
        content = m.end()
        if content - m.start() - 1 == indent and text.startswith("- ", content):
            items.append(m.start() + 1)
        elif text[content] != "#":
            return None
    if len(items) < 2:
        return None
    bounds = _balanced(items, len(text), parts)
    line_of = _line_counter(text)
    slices = [Slice(line_of(items[a]), text[items[a]: items[b] if b < len(items) else len(text)], a, b - a)
              for a, b in bounds]
    return text[:body], slices


def _only_comments(chunk: str) -> bool:
    """True if every line is blank or a comment."""
    return all(not ln.strip() or ln.strip().startswith("#") for ln in chunk.splitlines())


def _line_counter(text: str) -> Callable[[int], int]:
    """offset → 0-based line number, counting newlines incrementally (offsets asked in order)."""
    state = [0, 0]  # last offset, lines before it

    def line_of(offset: int) -> int:
        state[1] += text.count("\n", state[0], offset)
        state[0] = offset
        return state[1]

    return line_of


def _balanced(items: list[int], end: int, parts: int) -> list[tuple[int, int]]:
    """Group item indexes into ``parts`` contiguous runs of about equal size in bytes."""
    total = end - items[0]
    bounds: list[tuple[int, int]] = []
    start = 0
    for k in range(1, parts):
        target = items[0] + total * k // parts
        cut = next((j for j in range(start + 1, len(items)) if items[j] >= target), len(items))
        if start < cut < len(items):
            bounds.append((start, cut))
            start = cut
    bounds.append((start, len(items)))
    return bounds


@record
class _SliceJob:
    """What a worker needs to check one slice (inherited by the forked worker, not sent to it)."""

    file: str
    header: dict[str, JSONValue]
    header_positions: Mapping[tuple[str | int, ...], tuple[int, int]]
    sets: Mapping[str, RuleSet]
    framework: str | None
    as_of: dt.date | None
    outline: bool = False

    def run(self, piece: Slice) -> tuple[list[ProvinceReport], tuple[Notice, ...]] | None:
        try:
            doc = fast_load(piece.text, self.file, line_offset=piece.start_line, root=("provinces",),
                            index_offset=piece.first_index) or load_text(
                piece.text, self.file, line_offset=piece.start_line, root=("provinces",),
                index_offset=piece.first_index)
            if not isinstance(doc.data, list) or len(doc.data) != piece.count:
                # A line the cut took for an item start was inside a scalar (a quoted scalar may go on
                # at column 0 with "- "): the exact loader found fewer items. Check the file whole.
                return None
            data = dict(self.header)
            data["provinces"] = doc.data
            # the header's positions first; a lazy map (fast path) is asked only for the rest
            positions: ChainMap[ModelPath, tuple[int, int]] = ChainMap(
                dict(self.header_positions), doc.sourcemap.positions)  # type: ignore[arg-type]
            sm = SourceMap(self.file, positions, scalars=doc.sourcemap.scalars)
            model = model_from_document(LoadedDocument(data, sm, doc.notices), first_index=piece.first_index)
            reports = check_model(model, self.sets, framework=self.framework, as_of=self.as_of,
                                  outline=self.outline)
        except ArchcheckError:
            return None  # the whole-file path gives the exact message
        return reports, doc.notices


def check_split(path: str, sets: Mapping[str, RuleSet], *, framework: str | None, as_of: dt.date | None,
                workers: int, outline: bool = False) -> list[ProvinceReport] | None:
    """Check a large national file in ``workers`` processes; None if it must be checked whole."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size < files.SPLIT_MIN_BYTES or size > sourcemap.MAX_FILE_BYTES or not p.is_file():
            return None  # small, too large or not a regular file: the whole-file path says what to say
        raw = read_bounded(p, path, sourcemap.MAX_FILE_BYTES)
    except (OSError, ArchcheckError):
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    cut = split(text, workers * 2)
    if cut is None:
        return None
    header_text, slices = cut
    try:
        header = load_text(header_text, path)
    except ArchcheckError:
        return None
    if not isinstance(header.data, dict) or set(header.data) - _HEADER_KEYS or header.data.get("provinces") is not None:
        return None
    job = _SliceJob(path, header.data, header.sourcemap.positions, sets, framework, as_of, outline)
    results = fork_map(job.run, slices, workers)
    if any(r is None for r in results):
        return None
    notices = header.notices + tuple(n for r in results if r is not None for n in r[1])
    return [replace(rep, notices=notices) for r in results if r is not None for rep in r[0]]
