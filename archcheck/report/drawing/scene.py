"""The scene of a drawing: what to draw of one province, from its report, before any format writes it.

:func:`scene` turns one province's report (its :class:`~archcheck.model.Outline`, framework and
findings) into a :class:`Scene`, a plain value: boxes in bands (the framework's layers, the national
systems, kinds outside the framework), lines by connection kind, the findings' marks, the legend.
It is a pure function and deterministic: everything is sorted before it is drawn. The formats
(:mod:`.mermaid`, :mod:`.dot`, :mod:`.svg`) write a scene out.

What the findings add to the drawing:

* a required connection the model lacks (a ``reachable`` or ``connection-required`` rule that
  fails) is a dashed red line from where the chain stops to the component it should reach; a
  required component the model lacks is a dashed red box;
* a forbidden point-to-point connection is a solid red line marked ✕;
* a component with a violation has a red border; one with only "cannot verify" findings is amber
  and marked ``?``. The rule ids are written in the box.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from archcheck.catalogue import Message, Text, has, msg, say
from archcheck.catalogue import word as word_of
from archcheck.check.engine import ProvinceReport
from archcheck.findings import Finding, Severity
from archcheck.law.frameworks import Framework
from archcheck.law.rules import Rule
from archcheck.model import CONNECTION_KINDS as MODEL_KINDS
from archcheck.model import Outline, OutlineComponent, Status
from archcheck.values import field, record, replace

GROUP_OVER = 6
"""Components of one kind in one layer are drawn as one box ("×N") when there are more than this."""

HUB_KINDS = frozenset({"integration-platform", "national-integration-platform"})
"""The integration hubs: drawn with a thick border, in the middle of their layer."""

CONNECTION_KINDS: tuple[str, ...] = tuple(MODEL_KINDS)
"""Every connection kind, from the model's one vocabulary (archcheck.model.CONNECTION_KINDS)."""


class Place(enum.StrEnum):
    """Where a band of boxes goes."""

    ROW = "row"
    LEFT = "left"
    RIGHT = "right"


class Mark(enum.StrEnum):
    """What the findings say of a box: its worst *established* finding, or "cannot verify" when it has
    only findings that cannot be verified (never the red of a violation)."""

    NONE = "none"
    FAILED = "failed"
    """An error."""
    WARNING = "warning"
    INFO = "info"
    CANNOT_VERIFY = "cannot-verify"


_MARK_OF = {Severity.ERROR: Mark.FAILED, Severity.WARNING: Mark.WARNING, Severity.INFO: Mark.INFO}


class Role(enum.StrEnum):
    """What a line stands for."""

    CONNECTION = "connection"
    MISSING = "missing"
    FORBIDDEN = "forbidden"


@record
class Box:
    """One component (or several of one kind, or one the model lacks) as drawn.

    Attributes:
        key: the drawing's own id (``c:<component id>``, ``g:<layer>:<kind>`` for a group,
            ``m:<kind>`` for a missing component).
        title: the component's name (or id), or the kind's name for a group or missing box.
        detail: the component id, or ``×N`` for a group.
        rules: rule ids of the findings on it, sorted.
    """

    key: str
    title: str
    detail: str
    kind: str
    band: str
    status: Status
    hub: bool = False
    missing: bool = False
    count: int = 1
    mark: Mark = Mark.NONE
    rules: tuple[str, ...] = ()


@record
class Line:
    """One connection (or one leg of a connection through a hub) as drawn."""

    source: str
    target: str
    kind: str
    status: Status
    role: Role = Role.CONNECTION
    rules: tuple[str, ...] = ()
    unsure: bool = False
    """Its reach or route is not established (reach "most", ``via: unknown``, a "cannot verify" finding on it):
    drawn dashed."""


@record
class Band:
    """A framework layer (or the national systems, or kinds outside the framework) and its boxes."""

    id: str
    title: str
    place: Place
    boxes: tuple[str, ...]


@record
class Scene:
    """Everything a drawing shows, in drawing order."""

    title: str
    subtitle: str
    bands: tuple[Band, ...]
    boxes: Mapping[str, Box]
    lines: tuple[Line, ...]
    province_rules: tuple[str, ...] = ()
    lang: str | None = None
    legend: tuple[tuple[str, str], ...] = field(default=())
    code: str = ""
    """The diagram's code (Mẫu 02, e.g. ``SĐ-T-02``) and version, written into the SVG's title."""
    version: str = ""


# -- words ----------------------------------------------------------------------------------------
#
# Every word the drawing says is the catalogue's (archcheck/catalogue.yaml: ``drawing.*``, the
# connection kinds ``connection.*``, the layers of the built-in versions ``layer.*`` and the shared
# status, outcome and severity words); the framework file's own titles (kinds, layers, the framework)
# are its data, said as a :class:`~archcheck.catalogue.Text`. ``lang``: ``en``, ``vi`` or ``both``
# (None: both, the drawing's default for now).


def said(value: Any, lang: str | None) -> str:
    """``value`` (a message, a text) in ``lang`` (None: both)."""
    return say(value, lang or "both")




def word(kind: str, lang: str | None) -> str:
    """A connection kind in ``lang`` (None: both); a kind the catalogue does not know (a newer model's)
    is drawn under its own name."""
    key = f"connection.{kind}"
    return say(Message(key), lang or "both") if has(key) else kind


def line_status(status: Status, lang: str | None) -> str:
    """A line's status when it is not present: "status unknown", or the status's own word."""
    return said(msg("drawing.status-unknown") if status is Status.UNKNOWN else word_of("status", status), lang)


@cache
def _layer_titles() -> dict[str, dict[str, dict[str, str]]]:
    text = (Path(__file__).parent.parent / "layers.yaml").read_text("utf-8")
    data: dict[str, dict[str, dict[str, str]]] = yaml.load(text, Loader=yaml.CSafeLoader)
    return data


def layers_of(framework: Framework) -> tuple[tuple[str, Text | Message, str], ...]:
    """(id, title, place) of each layer of ``framework``, in drawing order.

    The framework file's own ``layers:`` (or those of the version it extends) come first, their titles
    the file's; a built-in version without them takes its layers from ``layers.yaml``, their titles
    the catalogue's.
    """
    own = tuple(framework.layers.values())
    if own and any(x.place for x in own):  # the file says where each goes: its order is the drawing order
        return tuple((x.id, Text(x.en, x.vi), x.place or ("cross-cutting" if x.cross_cutting else "row"))
                     for x in own)
    if own:  # named without a place (frameworks/1425.yaml lists L1 first): rows top to bottom from the last
        rows = [x for x in own if not x.cross_cutting]
        return tuple((x.id, Text(x.en, x.vi), "row") for x in reversed(rows)) + \
            tuple((x.id, Text(x.en, x.vi), "cross-cutting") for x in own if x.cross_cutting)
    titles = _layer_titles()
    for version in framework.chain:
        entry = titles.get(version)
        if entry is not None:
            return tuple((k, Message(v["title"]), v["place"]) for k, v in entry.items())
    return ()




# -- the scene ------------------------------------------------------------------------------------


@record
class Target:
    """What a connection rule requires: from components of ``source`` kinds to ``target`` kinds."""

    source: frozenset[str]
    target: frozenset[str]
    via: frozenset[str]
    kinds: frozenset[str] = frozenset()
    """The connection kinds it asks for (``kinds:``; empty: any)."""


def targets_of(check: Mapping[str, Any]) -> tuple[Target, ...]:
    """The connection requirements in a rule's check data (also inside ``all``/``any``/``not``).

    >>> targets_of({"kind": "reachable", "params": {"from": {"kind": "a"}, "to": {"kind": "b"}, "kinds": "payment"}})
    (Target(source=frozenset({'a'}), target=frozenset({'b'}), via=frozenset(), kinds=frozenset({'payment'})),)
    """
    kind = check.get("kind")
    params = check.get("params") or {}
    if kind in ("reachable", "connection-required"):
        via, kinds = params.get("via"), params.get("kinds") or ()
        return (Target(_kinds(params["from"]), _kinds(params["to"]), _kinds(via) if via else frozenset(),
                       frozenset([kinds] if isinstance(kinds, str) else kinds)),)
    if kind in ("all", "any"):
        return tuple(t for sub in params.get("checks", ()) for t in targets_of(sub))
    if kind == "not":
        return ()  # a negated requirement asks for a connection *not* to exist
    return ()


def _kinds(selector: Mapping[str, Any]) -> frozenset[str]:
    kind = selector["kind"]
    return frozenset([kind] if isinstance(kind, str) else kind)


def scene(province: str, outline: Outline, framework: Framework, findings: Sequence[Finding], *,
          evaluated: str = "", requirements: Mapping[str, tuple[Target, ...]] | None = None,
          lang: str | None = None) -> Scene:
    """Lay out what to draw for one province.

    Args:
        province: the province's name (the drawing's title).
        outline: its components and connections.
        framework: the framework it was checked against (the layer of each kind).
        findings: the report's findings.
        evaluated: the evaluation date, for the subtitle.
        requirements: rule id → the connections the rule requires (see :func:`targets_of`); a
            rule not listed draws no missing line, only the mark on its subject.
        lang: ``vi``, ``en`` or None (both).
    """
    marks = _Marks(outline, framework, requirements or {})
    for f in findings:
        marks.add(f)
    boxes = marks.boxes(lang)
    lines = marks.lines()
    bands = _bands(boxes, marks.layers, lines, lang)
    fw_title = said(Text(framework.title_en, framework.title_vi), lang)
    subtitle = f"{fw_title} ({framework.document})" + \
        (f"; {said(msg('drawing.evaluated'), lang)} {evaluated}" if evaluated else "")
    return Scene(province, subtitle, bands, boxes, lines, tuple(sorted(marks.province_rules)), lang,
                 _legend(boxes, lines, lang))


class _Marks:
    """Collects what the findings say about boxes and lines while they are read one by one."""

    def __init__(self, outline: Outline, framework: Framework, requirements: Mapping[str, tuple[Target, ...]]):
        self.outline, self.framework, self.requirements = outline, framework, requirements
        layers = layers_of(framework)
        self.layers = {lid: (title, Place.ROW if place == "row" else Place.LEFT) for lid, title, place in layers}
        """Each layer's title and place, in the framework's drawing order."""
        self.reference = any(place == "cross-cutting" for _, _, place in layers)
        """Whether the framework has cross-cutting components beside its layers (QĐ 1425's provincial view,
        "Hình 8"): the drawing then puts them in a side band, and groups the commune-level parts."""
        self.comps = {c.id: c for c in outline.components}
        self.band_of: dict[str, str] = {}
        # Components of one kind crowding one band are drawn as one box.
        self.members: dict[tuple[str, str], list[str]] = {}
        self.by_kind: dict[str, list[str]] = {}
        bands: dict[tuple[str, bool], str] = {}
        for c in outline.components:
            band = bands.get((c.kind, c.national))
            if band is None:
                band = bands[(c.kind, c.national)] = self._band(c)
            self.band_of[c.id] = band
            self.members.setdefault((band, c.kind), []).append(c.id)
            self.by_kind.setdefault(c.kind, []).append(c.id)
        self.key_of: dict[str, str] = {}
        for (band, kind), ids in self.members.items():
            grouped = len(ids) > (1 if band == "commune" else GROUP_OVER) and kind not in HUB_KINDS
            for cid in ids:
                self.key_of[cid] = f"g:{band}:{kind}" if grouped else f"c:{cid}"
        self.box_rules: dict[str, set[str]] = {}
        self.worst: dict[str, Severity] = {}  # box key → its worst established finding's severity
        self.unsure: set[str] = set()
        self.unsure_legs: set[tuple[str, str, str]] = set()
        self.ghosts: dict[str, OutlineComponent] = {}
        self.line_rules: dict[tuple[str, str, str], set[str]] = {}
        self.forbidden: set[tuple[str, str, str]] = set()
        self.missing: set[tuple[str, str, str]] = set()
        self.province_rules: set[str] = set()

    def _mark(self, key: str, f: Finding) -> None:
        self.box_rules.setdefault(key, set()).add(f.rule_id)
        if f.unverifiable:
            self.unsure.add(key)
        else:
            self._worse(key, f.severity)

    def _band(self, c: OutlineComponent) -> str:
        if c.national:
            return "national"
        if c.owner_level == "commune" and self.reference:
            return "commune"
        info = self.framework.kinds.get(c.kind)
        if info is None or info.national or info.layer is None or info.layer not in self.layers:
            return "other"
        return info.layer

    def _worse(self, key: str, severity: Severity) -> None:
        old = self.worst.get(key)
        if old is None or severity.rank < old.rank:
            self.worst[key] = severity

    def _ghost(self, kind: str) -> str:
        """The box of a component of ``kind`` that a rule requires and the model lacks."""
        info = self.framework.kinds.get(kind)
        ghost = self.ghosts.setdefault(kind, OutlineComponent(f"m:{kind}", kind, None, Status.ABSENT,
                                                              info.national if info else False))
        self.band_of[ghost.id] = self._band(ghost)
        self.key_of[ghost.id] = ghost.id
        return ghost.id

    def add(self, f: Finding) -> None:
        """Put one finding on the drawing."""
        subject, edge = f.subject, f.evidence.edge
        if subject in self.comps:
            self._mark(self.key_of[subject], f)
        elif edge is not None:
            for leg in _legs(self.outline, edge.source, edge.target, edge.kind):
                if f.unverifiable:
                    self.unsure_legs.add(leg)
                else:
                    self.forbidden.add(leg)
                    self.line_rules.setdefault(leg, set()).add(f.rule_id)
            for end in (edge.source, edge.target):
                if end in self.comps:
                    self._mark(self.key_of[end], f)
        elif subject in self.by_kind:
            for cid in self.by_kind[subject]:
                self._mark(self.key_of[cid], f)
        elif subject in self.framework.kinds:
            self._mark(self._ghost(subject), f)
        else:
            self.province_rules.add(f.rule_id)
        if not f.unverifiable and edge is None and subject in self.comps:
            self._missing_lines(f)

    def _missing_lines(self, f: Finding) -> None:
        """Dashed lines for a required connection: from where the chain stops to what it should reach."""
        for need in self.requirements.get(f.rule_id, ()):
            if self.comps[f.subject].kind not in need.source:
                continue
            start = f.evidence.broken_at if f.evidence.broken_at in self.comps else f.subject
            ends = sorted(cid for k in need.target for cid in self.by_kind.get(k, ()))
            if not ends:
                ghost = self._ghost(sorted(need.target)[0])
                self.box_rules.setdefault(ghost, set()).add(f.rule_id)
                self._worse(ghost, f.severity)
                ends = [ghost]
            hubs = sorted(cid for k in need.via for cid in self.by_kind.get(k, ()))
            through = bool(hubs) and not set(f.evidence.chain).intersection(hubs)
            legs = [(start, hubs[0]), (hubs[0], ends[0])] if through else [(start, ends[0])]
            kind = next((k for k in CONNECTION_KINDS if k in need.kinds), "data-exchange")  # the rule's kind
            for a, b in legs:
                self.missing.add((a, b, kind))
                self.line_rules.setdefault((a, b, kind), set()).add(f.rule_id)
            return

    def boxes(self, lang: str | None) -> dict[str, Box]:
        """Every box, with its mark and rule ids."""
        boxes: dict[str, Box] = {}
        titles = {k: (v.vi, v.en) for k, v in self.framework.kinds.items()}
        for (_band_id, kind), ids in sorted(self.members.items()):
            vi, en = titles.get(kind, (kind, kind))
            for cid in ids:
                key = self.key_of[cid]
                if key in boxes:
                    continue
                c = self.comps[cid]
                if key.startswith("g:"):
                    statuses = {self.comps[i].status for i in ids}
                    status = statuses.pop() if len(statuses) == 1 else Status.PRESENT
                    boxes[key] = Box(key, said(Text(en, vi), lang), f"×{len(ids)}", kind, self.band_of[cid], status,
                                     count=len(ids))
                else:
                    boxes[key] = Box(key, c.name or c.id, c.id, kind, self.band_of[cid], c.status,
                                     hub=kind in HUB_KINDS)
        for kind, ghost in sorted(self.ghosts.items()):
            vi, en = titles.get(kind, (kind, kind))
            boxes[ghost.id] = Box(ghost.id, said(Text(en, vi), lang), said(msg("drawing.missing"), lang), kind,
                                  self.band_of[ghost.id], Status.ABSENT, hub=kind in HUB_KINDS, missing=True)
        for key, box in list(boxes.items()):
            worst = self.worst.get(key)
            m = _MARK_OF[worst] if worst else Mark.CANNOT_VERIFY if key in self.unsure else Mark.NONE
            boxes[key] = replace(box, mark=m, rules=tuple(sorted(self.box_rules.get(key, ()))))
        return boxes

    def lines(self) -> tuple[Line, ...]:
        """Every line; a connection through a hub is drawn as its two legs."""
        seen: dict[tuple[str, str, str, Status], Line] = {}
        sure: dict[tuple[str, str, str, Status], bool] = {}  # every connection drawn as the line is established
        missing = set(self.missing)
        marked = self.forbidden | missing
        key_of = self.key_of
        for conn in self.outline.connections:
            legs = ((conn.source, conn.via), (conn.via, conn.target)) if conn.via else ((conn.source, conn.target),)
            for a, b in legs:
                ka, kb = key_of[a], key_of[b]
                if ka == kb:
                    continue
                k = (ka, kb, conn.kind, conn.status)
                leg = (a, b, conn.kind)
                sure[k] = sure.get(k, True) and not conn.unsure and leg not in self.unsure_legs
                if leg not in marked:  # the common case: a plain connection
                    if k not in seen:
                        seen[k] = Line(ka, kb, conn.kind, conn.status)
                    continue
                role = Role.FORBIDDEN if leg in self.forbidden else Role.MISSING
                missing.discard(leg)  # the stated (absent) connection itself is drawn as the missing one
                old = seen.get(k)
                if old is None or _RANK[role] > _RANK[old.role]:
                    rules = {*self.line_rules.get(leg, ()), *(old.rules if old else ())}
                    seen[k] = Line(ka, kb, conn.kind, conn.status, role, tuple(sorted(rules)))
        for a, b, kind in sorted(missing):
            ka, kb = key_of[a], key_of[b]
            if ka != kb:
                seen.setdefault((ka, kb, kind, Status.ABSENT), Line(
                    ka, kb, kind, Status.ABSENT, Role.MISSING, tuple(sorted(self.line_rules.get((a, b, kind), ())))))
        drawn = (replace(ln, unsure=True) if not sure.get(k, True) else ln for k, ln in seen.items())
        return tuple(sorted(drawn, key=lambda ln: (ln.source, ln.target, ln.kind, ln.status, ln.role)))


_RANK = {Role.CONNECTION: 0, Role.MISSING: 1, Role.FORBIDDEN: 2}


def _legs(outline: Outline, source: str, target: str, kind: str) -> list[tuple[str, str, str]]:
    """The drawn legs of the model's connection source → target of this kind."""
    for c in outline.connections:
        if c.source == source and c.target == target and c.kind == kind:
            if c.via:
                return [(source, c.via, kind), (c.via, target, kind)]
            return [(source, target, kind)]
    return [(source, target, kind)]


def _bands(boxes: Mapping[str, Box], layers: Mapping[str, tuple[Text | Message, Place]], lines: Sequence[Line],
           lang: str | None) -> tuple[Band, ...]:
    by_band: dict[str, list[Box]] = {}
    for b in boxes.values():
        by_band.setdefault(b.band, []).append(b)
    rows: list[tuple[str, str, Place]] = []
    for band in by_band:
        if band == "national":
            rows.append((band, said(msg("drawing.national"), lang), Place.RIGHT))
        elif band == "other":
            rows.append((band, said(msg("drawing.other"), lang), Place.ROW))
        elif band == "commune":
            rows.append((band, said(msg("drawing.commune"), lang), Place.ROW))
        else:
            title, place = layers[band]
            rows.append((band, f"{band} · {said(title, lang)}", place))
    rank = {lid: i for i, lid in enumerate(layers)}  # the framework's drawing order
    rows.sort(key=lambda r: (r[0] == "other", r[0] == "national", r[0] == "commune", rank.get(r[0], len(rank)),
                             r[0]))
    order = _order({band: by_band[band] for band, _, _ in rows}, [band for band, _, _ in rows], lines)
    return tuple(Band(band, title, place, tuple(order[band])) for band, title, place in rows)


def _order(by_band: Mapping[str, list[Box]], band_order: list[str], lines: Sequence[Line]) -> dict[str, list[str]]:
    """Boxes in each band, ordered to shorten lines: hubs first, then by the mean place of neighbours.

    A few deterministic barycentre sweeps (ties broken by key), the usual heuristic for layered drawings.
    """
    order = {band: [b.key for b in sorted(boxes, key=lambda b: (not b.hub, b.kind, b.key))]
             for band, boxes in by_band.items()}
    neighbours: dict[str, list[str]] = {}
    for ln in lines:
        neighbours.setdefault(ln.source, []).append(ln.target)
        neighbours.setdefault(ln.target, []).append(ln.source)
    for _ in range(4):
        pos = {key: (i + 0.5) / len(keys) for keys in order.values() for i, key in enumerate(keys)}
        for band in band_order:
            keys = order[band]
            here = {k: i for i, k in enumerate(keys)}

            def weight(key: str, here: dict[str, int] = here, pos: dict[str, float] = pos) -> tuple[float, str]:
                near = [pos[n] for n in neighbours.get(key, ()) if n in pos and n not in here]
                return (sum(near) / len(near) if near else pos[key], key)

            order[band] = sorted(keys, key=weight)
    return order


_MARK_WORDS: Mapping[Mark, Message] = {
    Mark.FAILED: msg("drawing.violation"), Mark.WARNING: word_of("severity", "warning"), Mark.INFO: msg("drawing.note"),
    Mark.CANNOT_VERIFY: word_of("outcome", "cannot-verify"),
}
"""What the legend calls a box's mark."""


def _legend(boxes: Mapping[str, Box], lines: Sequence[Line], lang: str | None) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = [(f"kind:{k}", word(k, lang)) for k in CONNECTION_KINDS
                                  if any(ln.kind == k for ln in lines)]
    if any(ln.role is Role.MISSING for ln in lines):
        out.append(("missing", said(msg("drawing.missing-line"), lang)))
    if any(ln.role is Role.FORBIDDEN for ln in lines):
        out.append(("forbidden", said(msg("drawing.forbidden"), lang)))
    if any(ln.status is Status.UNKNOWN and ln.role is Role.CONNECTION for ln in lines):
        out.append(("unknown", said(msg("drawing.status-unknown"), lang)))
    if any(ln.unsure for ln in lines):
        out.append(("unsure", said(msg("drawing.unsure-line"), lang)))
    if any(b.mark is Mark.FAILED for b in boxes.values()):
        out.append(("failed", said(_MARK_WORDS[Mark.FAILED], lang)))
    for mark in (Mark.WARNING, Mark.INFO):
        if any(b.mark is mark for b in boxes.values()):
            out.append((mark.value, said(_MARK_WORDS[mark], lang)))
    if any(b.mark is Mark.CANNOT_VERIFY for b in boxes.values()):
        out.append(("cannot-verify", said(_MARK_WORDS[Mark.CANNOT_VERIFY], lang)))
    if any(b.hub for b in boxes.values()):
        out.append(("hub", said(msg("drawing.hub"), lang)))
    return tuple(out)


# -- names and texts every format writes ------------------------------------------------------


def title_of(s: Scene) -> str:
    """The drawing's title: the province, and the Mẫu 02 diagram code and version when given."""
    if not s.code:
        return s.title
    version = f" v{s.version}" if s.version else ""
    return f"{s.code}{version} · {s.title}"


def file_name(s: Scene, fmt: str) -> str:
    """The file name Mẫu 02 asks for: code, name and version (``SĐ-T-02_Tinh-Mau_v1.0.svg``).

    >>> file_name(Scene("Tỉnh Đắk Lắk", "", (), {}, (), code="SĐ-T-02", version="1.0"), "svg")
    'SĐ-T-02_Tinh-Dak-Lak_v1.0.svg'
    """
    import unicodedata  # noqa: PLC0415 - only for a file name

    plain = unicodedata.normalize("NFKD", s.title.replace("đ", "d").replace("Đ", "D"))
    name = "-".join("".join(c for c in plain if not unicodedata.combining(c) and (c.isalnum() or c == " ")).split())
    suffix = {"mermaid": "mmd"}.get(fmt, fmt)
    version = f"_v{s.version}" if s.version else ""
    return f"{s.code}_{name}{version}.{suffix}"


def node_text(box: Box) -> list[str]:
    """A box's lines of text: its title, its detail where that differs, the rule ids with a badge."""
    parts = [box.title]
    if box.detail and box.detail != box.title:
        parts.append(box.detail)
    if box.rules:
        badge = "?" if box.mark is Mark.CANNOT_VERIFY else "✕"
        parts.append(f"{badge} {', '.join(box.rules)}")
    return parts


def line_label(ln: Line, lang: str | None, *, status: bool = True) -> str:
    """A line's label in Mermaid and DOT: its kind, what is wrong with it, its status when not present
    (unless ``status`` is False: DOT says it by the line's style), and the rule ids."""
    label = word(ln.kind, lang)
    if ln.role is Role.MISSING:
        label = f"{said(msg('drawing.missing'), lang)}: {label}"
    elif ln.role is Role.FORBIDDEN:
        label = f"✕ {label}"
    elif status and ln.status is not Status.PRESENT:
        label = f"{label} ({line_status(ln.status, lang)})"
    if ln.rules:
        label += f" {', '.join(ln.rules)}"
    return label


def short_ids(s: Scene) -> dict[str, str]:
    """Box key → ``n1``, ``n2``… in drawing order: component ids may clash with a format's keywords."""
    return {key: f"n{i}" for i, key in enumerate((k for band in s.bands for k in band.boxes), start=1)}


def requirements(rules: Mapping[str, Rule]) -> dict[str, tuple[Target, ...]]:
    """Rule id → the connections it requires, for every rule that requires one."""
    out = {rid: targets_of(rule.check_data) for rid, rule in rules.items()}
    return {rid: t for rid, t in sorted(out.items()) if t}


def report_scene(r: ProvinceReport, lang: str | None,
                 needs: Mapping[str, tuple[Target, ...]]) -> Scene | None:
    """The scene of one province's report, or None if the run did not keep its outline
    (``api.validate(outline=True)`` does). ``needs``: the requirements of the rules the run used."""
    if r.outline is None:
        return None
    return scene(r.province, r.outline, r.framework, r.findings, evaluated=r.evaluated_as_of.isoformat(),
                 requirements=needs, lang=lang)
