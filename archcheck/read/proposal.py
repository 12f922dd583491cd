"""Project proposal file → schema check → :class:`Proposal`, with positions (``archcheck schema project``).

A proposal is what an officer fills in for the appraisal of a project, task or service rental
(NĐ 224/2026/NĐ-CP Art. 23–24, 37): its objects with the Mẫu 03 values (kind, layer, component,
treatment), its connections, hosting, security level, master data and the roadmap tasks it carries
out. The loader refuses what is malformed (located, exit code 2) and keeps what is left out as
``None``: the appraisal says what a missing fact means for each criterion.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, cast

from archcheck.errors import SchemaError
from archcheck.findings import Location, ModelPath, format_path
from archcheck.read import files
from archcheck.read.document import SourceMap
from archcheck.read.validation import suggest_typo, validate_against
from archcheck.read.words import fold
from archcheck.values import record

MAX_PROPOSAL_BYTES = 1 << 20
"""Largest proposal file accepted: a proposal is a page of YAML."""


@record
class Value:
    """One entry of a Mẫu 03 value list."""

    id: str
    vi: str
    en: str
    layer: str | None = None
    aliases: tuple[str, ...] = ()


@record
class ValueLists:
    """The value lists of archcheck/read/mau03-values.yaml."""

    lists: Mapping[str, tuple[Value, ...]]
    new_codes: tuple[str, ...]
    unknown: tuple[str, ...]

    def find(self, name: str, text: str) -> Value | None:
        """The entry of list ``name`` that ``text`` spells (case, diacritics, "/" and spacing ignored)."""
        key = fold(text)
        for v in self.lists[name]:
            if key in (fold(v.vi), fold(v.en), fold(v.id), *(fold(a) for a in v.aliases)):
                return v
        return None

    def get(self, name: str, vid: str) -> Value:
        """The entry of list ``name`` with id ``vid``."""
        return next(v for v in self.lists[name] if v.id == vid)


@cache
def value_lists() -> ValueLists:
    """The shipped value lists (read once)."""
    import yaml  # noqa: PLC0415 - a small data file, read only by the commands that appraise

    data = cast(dict[str, Any], yaml.safe_load(Path(__file__).with_name("mau03-values.yaml").read_text("utf-8")))
    lists = {name: tuple(Value(v["id"], v["vi"], v["en"], v.get("layer"), tuple(v.get("aliases", ())))
                         for v in data[name])
             for name in ("treatments", "object_kinds", "layers", "components", "hosting", "scopes")}
    return ValueLists(lists, tuple(data["new_codes"]), tuple(data["unknown"]))


@record
class ProposedObject:
    """An object the proposal builds or changes.

    Attributes:
        code: the object's code in the architecture as written, or None for a new one (``mới``).
        kind, layer, component, treatment: ids of the Mẫu 03 values (None: not stated).
        scope: ids of the Phạm vi sử dụng values.
    """

    code: str | None
    name: str | None
    kind: str | None
    layer: str | None
    component: str | None
    treatment: str | None
    function: str | None
    scope: tuple[str, ...]
    path: ModelPath

    @property
    def label(self) -> str:
        """The code (or "new") with the name, for messages."""
        code = self.code or "mới"
        return f"{code} ({self.name})" if self.name else code


@record
class ProposedConnection:
    """A connection the proposal states."""

    source: str
    target: str
    via: str | None
    data: str | None
    path: ModelPath


@record
class Proposal:
    """A project proposal as read. ``None`` everywhere means: the proposal does not say."""

    file: str
    name: str
    owner: str | None
    funding: str | None
    objects: tuple[ProposedObject, ...] | None
    connections: tuple[ProposedConnection, ...] | None
    hosting: str | None
    """``cloud``, ``provincial-dc`` or ``own-servers``."""
    hosting_note: str | None
    security_level: int | None
    security_basis: str | None
    master_data: tuple[str, ...] | None
    linked_nd: tuple[str, ...] | None
    linked_nv: tuple[str, ...] | None
    sourcemap: SourceMap
    description: str | None = None

    def locate(self, path: ModelPath) -> Location:
        """Where ``path`` is in the proposal file (its nearest stated ancestor)."""
        return self.sourcemap.locate(path)

    def state_share(self) -> float | None:
        """The share of the state budget in the funding, 0..1, read from its words; None if not said.

        "Ngân sách tỉnh 100%" → 1.0; "Ngân sách nhà nước 70%, xã hội hóa 30%" → 0.7; "Ngân sách tỉnh"
        alone → 1.0 (no other source named); "Vốn doanh nghiệp" → 0.0.
        """
        if self.funding is None:
            return None
        parts = [p for p in re.split(r"[,;+]", self.funding) if p.strip()]
        state, others, share_given = 0.0, 0, False
        for raw_part in parts:
            m = re.search(r"(\d+(?:[.]\d+)?)\s*%|(\d+(?:[.]\d+)?)\s*phần trăm", raw_part)
            pct = float(m.group(1) or m.group(2)) / 100 if m else None
            share_given |= pct is not None
            part = fold(raw_part)
            if "ngan sach" in part or "nsnn" in part.split():
                state += pct if pct is not None else (1.0 if len(parts) == 1 else 0.0)
            else:
                others += 1
        if not share_given and state == 0.0 and others == 0:
            return None
        if not share_given and len(parts) > 1 and any("ngan sach" in fold(p) for p in parts):
            return None  # several sources, no shares: how much is the state's is not said
        return min(state, 1.0)


def load_proposal(path: str | Path, *, display_name: str | None = None) -> Proposal:
    """Read, schema-check and build one proposal file.

    Raises:
        LoadError: unreadable file or YAML.
        SchemaError: the data does not follow the project schema, or a value is not in its Mẫu 03 list.
    """
    from archcheck.read.sourcemap import load_bytes  # noqa: PLC0415 - the YAML parser, when a file is read

    name = display_name or files.display_name(path)
    raw = files.read_bounded(path, name, MAX_PROPOSAL_BYTES, what="project file",
                             hint="a project proposal is a page of YAML")
    doc = load_bytes(raw, name)
    sm = doc.sourcemap
    if not isinstance(doc.data, dict):
        loc = sm.locate(())
        raise SchemaError("a project file is a mapping with at least `name:`", file=name, line=loc.line,
                          column=loc.column, hint="see `archcheck schema project` and examples/appraisal/")
    validate_against("project", doc.data, sm, "project file")
    return _build(cast(dict[str, Any], doc.data), sm)


def _build(d: dict[str, Any], sm: SourceMap) -> Proposal:
    values = value_lists()
    problems: list[tuple[Location, str]] = []

    def pick(list_name: str, text: object, path: ModelPath, what: str) -> str | None:
        if text is None:
            return None
        assert isinstance(text, str)
        if fold(text) in {fold(u) for u in values.unknown}:
            return None  # "Chưa xác định": stated as unknown, which for the appraisal is not stated
        found = values.find(list_name, text)
        if found is None:
            options = [v.vi for v in values.lists[list_name]]
            problems.append((sm.locate(path), f"{format_path(path)}: {text!r} is not a {what}"
                             f"{suggest_typo(text, options)}; one of: {'; '.join(options)}"))
            return None
        return found.id

    objects: tuple[ProposedObject, ...] | None = None
    if "objects" in d:
        out = []
        for i, o in enumerate(d["objects"]):
            p: ModelPath = ("objects", i)
            code = str(o["code"]).strip()
            is_new = fold(code) in {fold(c) for c in values.new_codes}
            scope_raw = o.get("scope")
            scopes = [scope_raw] if isinstance(scope_raw, str) else list(scope_raw or [])
            scope_ids = tuple(s for j, text in enumerate(scopes)
                              if (s := pick("scopes", text, (*p, "scope", *((j,) if not isinstance(scope_raw, str)
                                                                            else ())), "scope")) is not None)
            out.append(ProposedObject(
                code=None if is_new else code, name=o.get("name"),
                kind=pick("object_kinds", o.get("kind"), (*p, "kind"), "Mẫu 03 object kind (Loại đối tượng)"),
                layer=pick("layers", o.get("layer"), (*p, "layer"), "layer or cross-cutting component of QĐ 1425"),
                component=pick("components", o.get("component"), (*p, "component"),
                               "component of a layer (Thành phần trong lớp)"),
                treatment=pick("treatments", o.get("treatment"), (*p, "treatment"),
                               "treatment option (Phương án xử lý)"),
                function=o.get("function"), scope=scope_ids, path=p))
        objects = tuple(out)
    connections = None if "connections" not in d else tuple(
        ProposedConnection(str(c["from"]), str(c["to"]), c.get("via"), c.get("data"), ("connections", i))
        for i, c in enumerate(d["connections"]))
    hosting = pick("hosting", d.get("hosting"), ("hosting",), "hosting (cloud, own DC, on-premise)")
    level_raw = d.get("security_level")
    level: int | None = None
    if isinstance(level_raw, int) and not isinstance(level_raw, bool):
        level = level_raw
    elif isinstance(level_raw, str) and fold(level_raw) not in {fold(u) for u in values.unknown}:
        m = re.fullmatch(r"(?:cap do\s*|level\s*)?([1-5])", fold(level_raw))
        if m is None:
            problems.append((sm.locate(("security_level",)),
                             f"security_level: {level_raw!r} is not a level; write 1 to 5, or Chưa xác định"))
        else:
            level = int(m.group(1))
    if problems:
        problems.sort(key=lambda x: (x[0].line or 0, x[0].column or 0))
        first = problems[0][0]
        issues = tuple(f"{loc}: {msg}" for loc, msg in problems)
        err = SchemaError(problems[0][1] if len(problems) == 1 else
                          f"{len(problems)} values are not in their Mẫu 03 lists:\n" + "\n".join(issues),
                          file=sm.file, line=first.line, column=first.column,
                          hint="write the values as in Mẫu 03's DM_GIATRI sheet (`archcheck schema project`)")
        err.issues = issues
        raise err
    linked = d.get("linked")
    return Proposal(
        file=sm.file, name=d["name"], owner=d.get("owner"), funding=d.get("funding"), objects=objects,
        connections=connections, hosting=hosting, hosting_note=d.get("hosting_note"), security_level=level,
        security_basis=d.get("security_basis"),
        master_data=None if "master_data" not in d else tuple(d["master_data"]),
        linked_nd=None if linked is None or "nd" not in linked else tuple(linked["nd"]),
        linked_nv=None if linked is None or "nv" not in linked else tuple(linked["nv"]),
        sourcemap=sm, description=d.get("description"))


def proposal_files(paths: Sequence[str]) -> list[str]:
    """The proposal files of ``paths``: a folder gives its ``*.yaml``/``*.yml`` files, sorted."""
    out: list[str] = []
    for p in paths:
        if p != "-" and Path(p).is_dir():
            out.extend(str(f) for f in files.yaml_files(Path(p), what="project file"))
        else:
            out.append(p)
    return out
