"""Framework versions as data; ``extends`` resolved into one flat :class:`Framework`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, cast

from archcheck.catalogue import Text
from archcheck.errors import ArchcheckError, FrameworkError
from archcheck.findings import Confidence
from archcheck.law.cache import cached
from archcheck.read.document import JSONValue, LoadedDocument, SourceMap, document_from_plain, document_to_plain
from archcheck.read.files import read_bounded, yaml_files
from archcheck.read.schemas import shipped_files
from archcheck.values import field, record


@record
class KindInfo:
    """A component kind in a framework's vocabulary."""

    id: str
    en: str
    vi: str
    layer: str | None
    national: bool
    renamed_from: str | None = None
    """The id this kind had in the version this one extends, if the newer file renames it."""
    aliases: tuple[str, ...] = ()
    note: Text | None = None
    """The file's ``note`` (English) with its ``note_vi`` (Vietnamese, None where the file gives none)."""
    group: str | None = None
    """For a national shared digital platform: its group, A (cross-sector) or B (sectoral)."""
    owner: str | None = None


@record
class Layer:
    """A layer, or a cross-cutting component, of a framework that declares its own."""

    id: str
    en: str
    vi: str
    cross_cutting: bool = False
    components: tuple[str, ...] = ()
    place: str | None = None
    """Where a drawing puts it, if the file says: ``row``, ``column`` or ``cross-cutting``; the file's order
    is then the drawing order, top to bottom."""


@record
class Repeal:
    """The document that repealed a framework version."""

    document: str
    date: dt.date
    confidence: Confidence
    note: Text | None = None
    """``note`` (English) with its ``note_vi``."""


@record
class Framework:
    """One framework version, with everything it inherits already merged in.

    Attributes:
        rules: rule id → severity in this framework (``default`` keeps the rule's own).
        rule_lines: rule id → (framework file, line) where this version grades the rule.
        chain: this version and the ones it extends, newest first.
    """

    id: str
    title_en: str
    title_vi: str
    document: str
    issued: dt.date
    issued_confidence: Confidence
    kinds: Mapping[str, KindInfo]
    rules: Mapping[str, str]
    chain: tuple[str, ...]
    file: str
    rule_lines: Mapping[str, tuple[str, int]]
    layers: Mapping[str, Layer] = field(default_factory=dict)
    """The version's own layers (inherited from the version it extends); empty for 1.0–4.0, whose layers
    are reconstructed for the drawings only (archcheck/report/layers.yaml)."""
    kind_map: Mapping[str, str] = field(default_factory=dict)
    """Kinds of earlier versions no longer named → the kind that takes their place."""
    repealed: Repeal | None = None

    def kind(self, kind_id: str) -> KindInfo | None:
        """Vocabulary entry for a kind, or None if the framework does not know it."""
        return self.kinds.get(kind_id)


@record
class _Raw:
    data: dict[str, Any]
    sourcemap: SourceMap
    file: str


@cache
def _builtin_raw() -> dict[str, _Raw]:
    files = shipped_files("frameworks")
    return cached("frameworks", files, lambda: _read_raw(files, {}), _raws_to_plain, _raws_from_plain)


def _raws_to_plain(raws: Mapping[str, _Raw]) -> list[dict[str, JSONValue]]:
    return [document_to_plain(LoadedDocument(raw.data, raw.sourcemap)) for raw in raws.values()]


def _raws_from_plain(plain: object) -> dict[str, _Raw]:
    """The files :func:`_raws_to_plain` kept, checked (archcheck.law.cache: a bad entry is rebuilt)."""
    if type(plain) is not list:
        raise ValueError("not a list of framework documents")
    out: dict[str, _Raw] = {}
    for item in plain:
        doc = document_from_plain(item)
        data = doc.data
        version = data.get("id") if type(data) is dict else None
        if type(data) is not dict or type(version) is not str or version in out:
            raise ValueError("not a framework document")
        out[version] = _Raw(data, doc.sourcemap, doc.sourcemap.file)
    return out


def _read_raw(files: list[tuple[Path, str]], base: Mapping[str, _Raw]) -> dict[str, _Raw]:
    # The loaders and the schema check are imported only when a file is read: parsed files usually
    # come from archcheck.law.cache, and then no YAML parser or schema validator is imported at all.
    from archcheck.read.sourcemap import MAX_FILE_BYTES, load_bytes  # noqa: PLC0415
    from archcheck.read.validation import validate_against  # noqa: PLC0415

    out: dict[str, _Raw] = dict(base)
    for f, name in files:
        try:
            raw = read_bounded(f, name, MAX_FILE_BYTES, what="framework file", regular_only=True,
                               hint="a framework file is a few KB")
            doc = load_bytes(raw, name)
            validate_against("framework", doc.data, doc.sourcemap, "framework file")
        except ArchcheckError as exc:
            raise FrameworkError(exc.message, file=exc.file, line=exc.line, column=exc.column,
                                 hint=exc.hint) from None
        data = cast(dict[str, Any], doc.data)
        if data["id"] in out:
            loc = doc.sourcemap.locate(("id",))
            raise FrameworkError(f"framework {data['id']} is defined twice (also in {out[data['id']].file})",
                                 file=name, line=loc.line, column=loc.column,
                                 hint="give your framework its own version id, and `extends` the built-in one")
        out[data["id"]] = _Raw(data, doc.sourcemap, name)
    return out


def _raws(extra_dirs: tuple[Path, ...]) -> dict[str, _Raw]:
    # Only the built-in files are cached: user folders are read afresh, so an edited profile
    # (or the same relative path from another folder) is never answered from a stale cache.
    raws = _builtin_raw()
    for d in extra_dirs:
        raws = _read_raw([(f, str(f)) for f in yaml_files(d, what="framework file", error=FrameworkError)], raws)
    return raws


def _version_key(version: str) -> tuple[int, tuple[int, ...], str]:
    """Numbered versions (``1.0``, ``2.0``) by number first, then any other id by name.

    >>> sorted(["lamdong", "10.0", "2.0"], key=_version_key)
    ['2.0', '10.0', 'lamdong']
    """
    parts = version.split(".")
    if all(p.isdigit() for p in parts):  # the schema bounds an id to a few characters
        return (0, tuple(int(p) for p in parts), "")
    return (1, (), version)


def _order(raws: Mapping[str, _Raw]) -> list[str]:
    """Numbered versions by issue date (1.0 … 4.0, then 3090 of 2025 and 1425 of 2026), then by number;
    any other id after them by name."""
    def key(version: str) -> tuple[int, str, tuple[int, ...], str]:
        numbered, number, name = _version_key(version)
        return (numbered, raws[version].data["issued"]["date"] if numbered == 0 else "", number, name)
    return sorted(raws, key=key)


def available(extra_dirs: tuple[Path, ...] = ()) -> list[str]:
    """Ids of the framework versions (built-in, plus those in ``extra_dirs``), oldest first."""
    return _order(_raws(extra_dirs))


def get_framework(version: str, extra_dirs: tuple[Path, ...] = ()) -> Framework:
    """The framework ``version`` with ``extends`` resolved.

    Raises:
        FrameworkError: unknown version, an ``extends`` cycle, or a removal of something absent.
    """
    raws = _raws(extra_dirs)
    if version not in raws:
        from archcheck.read.validation import suggest  # noqa: PLC0415 - only on this error path

        raise FrameworkError(
            f"unknown framework version {version!r}{suggest(version, raws)}",
            hint=f"available: {', '.join(available())}",
        )
    return _resolve(version, raws, {})


def all_frameworks(extra_dirs: tuple[Path, ...] = ()) -> dict[str, Framework]:
    """Every framework version (built-in, plus ``extra_dirs``), resolved, oldest first.

    Each file is read once and each version resolved once, whatever the depth of the ``extends``
    chains (a version's parent is resolved before it, and kept): linear in the number of files.

    Raises:
        FrameworkError: as :func:`get_framework`, for any of the versions.
    """
    raws = _raws(extra_dirs)
    done: dict[str, Framework] = {}
    order = _order(raws)
    for version in order:
        _resolve(version, raws, done)
    return {v: done[v] for v in order}


MAX_EXTENDS_DEPTH = 2000
"""Longest ``extends`` chain accepted (a real profile extends a built-in version: a chain of three)."""


def _resolve(version: str, raws: Mapping[str, _Raw], done: dict[str, Framework]) -> Framework:
    """Resolve ``version`` into ``done`` (iteratively: a chain of any length never recurses)."""
    pending: list[str] = []  # from ``version`` up to the first ancestor already resolved, or the root
    on_chain: set[str] = set()
    current: str | None = version
    while current is not None and current not in done:
        if current in on_chain:
            cycle = " → ".join((*pending[pending.index(current):], current))
            last = raws[pending[-1]]
            loc = last.sourcemap.locate(("extends",))
            raise FrameworkError(f"`extends` forms a cycle: {cycle}", file=last.file, line=loc.line,
                                 column=loc.column, hint="a framework may extend only an older version")
        on_chain.add(current)
        pending.append(current)
        parent_id = raws[current].data.get("extends")
        if parent_id is not None and parent_id not in raws:
            raw = raws[current]
            loc = raw.sourcemap.locate(("extends",))
            raise FrameworkError(f"extends unknown framework {parent_id!r}", file=raw.file,
                                 line=loc.line, column=loc.column)
        current = parent_id
    for v in reversed(pending):  # the oldest first: each one's parent is already resolved
        parent_id = raws[v].data.get("extends")
        parent = done[parent_id] if parent_id is not None else None
        if parent is not None and len(parent.chain) >= MAX_EXTENDS_DEPTH:
            loc = raws[v].sourcemap.locate(("extends",))
            raise FrameworkError(f"the `extends` chain of {v} is longer than {MAX_EXTENDS_DEPTH} versions",
                                 file=raws[v].file, line=loc.line, column=loc.column,
                                 hint="extend a built-in version directly")
        done[v] = _build(v, raws[v], parent)
    return done[version]


def _build(version: str, raw: _Raw, parent: Framework | None) -> Framework:
    """One version from its file and its resolved parent."""
    d = raw.data
    kinds: dict[str, KindInfo] = dict(parent.kinds) if parent else {}
    rules: dict[str, str] = dict(parent.rules) if parent else {}
    rule_lines: dict[str, tuple[str, int]] = dict(parent.rule_lines) if parent else {}
    chain: tuple[str, ...] = (version, *parent.chain) if parent else (version,)
    parent_id = d.get("extends")
    removals = d.get("remove", {})
    for group, national in (("component_kinds", False), ("national_kinds", True)):
        for i, k in enumerate(removals.get(group, ())):
            if k not in kinds:
                loc = raw.sourcemap.locate(("remove", group, i))
                raise FrameworkError(f"removes kind {k!r}, which {parent_id} does not have",
                                     file=raw.file, line=loc.line, column=loc.column)
            del kinds[k]
        for k, info in d.get(group, {}).items():
            kinds[k] = KindInfo(k, info["en"], info["vi"], info.get("layer"), national, info.get("renamed_from"),
                                tuple(info.get("aliases", ())), _note(info), info.get("group"),
                                info.get("owner"))
    for i, rid in enumerate(removals.get("rules", ())):
        if rid not in rules:
            loc = raw.sourcemap.locate(("remove", "rules", i))
            raise FrameworkError(f"removes rule {rid}, which {parent_id} does not apply",
                                 file=raw.file, line=loc.line, column=loc.column)
        del rules[rid]
    for rid, sev in d.get("rules", {}).items():
        rules[rid] = sev
        rule_lines[rid] = (raw.file, raw.sourcemap.locate(("rules", rid)).line)
    layers = dict(parent.layers) if parent else {}
    if "layers" in d:
        layers = {lid: Layer(lid, info["en"], info["vi"],
                             bool(info.get("cross_cutting", False)) or info.get("place") == "cross-cutting",
                             tuple(info.get("components", ())), info.get("place"))
                  for lid, info in d["layers"].items()}
    kind_map = {**(parent.kind_map if parent else {}), **d.get("kind_map", {})}
    for old, new in d.get("kind_map", {}).items():
        if new not in kinds:
            loc = raw.sourcemap.locate(("kind_map", old))
            raise FrameworkError(f"kind_map sends {old!r} to {new!r}, which framework {version} does not have",
                                 file=raw.file, line=loc.line, column=loc.column,
                                 hint="map a removed kind to one of this version's own kinds")
    rep = d.get("repealed")
    repealed = Repeal(rep["document"], dt.date.fromisoformat(rep["date"]), Confidence(rep["confidence"]),
                      _note(rep)) if rep else None
    return Framework(
        id=d["id"], title_en=d["title"]["en"], title_vi=d["title"]["vi"],
        document=d["issued"]["document"], issued=dt.date.fromisoformat(d["issued"]["date"]),
        issued_confidence=Confidence(d["issued"]["confidence"]), kinds=dict(sorted(kinds.items())),
        rules=dict(sorted(rules.items())), chain=chain, file=raw.file, rule_lines=rule_lines,
        layers=layers, kind_map=kind_map, repealed=repealed,
    )


def _note(entry: Mapping[str, Any]) -> Text | None:
    """An entry's ``note`` (English) and ``note_vi`` (Vietnamese) as one text; None where it has no note
    (the schema refuses a ``note_vi`` without a ``note``)."""
    note = entry.get("note")
    return None if note is None else Text(note, entry.get("note_vi"))
