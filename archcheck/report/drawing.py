"""The province drawn: components in their framework layers, connections by kind, findings on it.

:func:`scene` turns one province's report (its :class:`~archcheck.model.Outline`, framework and
findings) into a :class:`Scene`, a plain value; :func:`to_mermaid`, :func:`to_dot` and :func:`to_svg`
write a scene out. All are pure functions and deterministic: everything is sorted before it is
drawn, and the SVG is laid out here (layers as rows, security at the left, national systems at the
right), with no external program.

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
import itertools
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from archcheck.api import builtin_rules
from archcheck.check.engine import ProvinceReport
from archcheck.findings import Finding, Severity
from archcheck.law.frameworks import Framework
from archcheck.law.rules import Rule
from archcheck.model import CONNECTION_KINDS as KIND_WORDS
from archcheck.model import Outline, OutlineComponent, Status
from archcheck.report.escape import for_line, for_xml
from archcheck.values import field, record, replace

GROUP_OVER = 6
"""Components of one kind in one layer are drawn as one box ("×N") when there are more than this."""

HUB_KINDS = frozenset({"integration-platform", "national-integration-platform"})
"""The integration hubs: drawn with a thick border, in the middle of their layer."""

CONNECTION_KINDS: tuple[str, ...] = tuple(KIND_WORDS)
"""Every connection kind, from the model's one vocabulary (archcheck.model.CONNECTION_KINDS)."""
COLOURS: Mapping[str, str] = {
    "document-exchange": "#1f5fbf", "data-exchange": "#138a72", "synchronisation": "#7b3fb5",
    "authentication": "#c46a00", "payment": "#2e7d32", "hosting": "#6b6b6b", "monitoring": "#8d5524",
    "operates": "#ad1457",
}
RED, AMBER, GREY = "#c62828", "#b7791f", "#9e9e9e"
ORANGE, BLUE = "#ef6c00", "#1976d2"
MARK_COLOURS: Mapping[str, str] = {"failed": RED, "warning": ORANGE, "info": BLUE, "cannot-verify": AMBER}
"""A box's border by its mark: the worst established finding's severity, or amber for "cannot verify"."""


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

_WORDS: Mapping[str, tuple[str, str]] = {
    "national": ("Hệ thống quốc gia", "National systems"),
    "other": ("Ngoài danh mục của Khung", "Outside the framework's vocabulary"),
    "framework": ("Khung", "framework"),
    "as_of": ("đánh giá ngày", "evaluated as of"),
    "missing": ("thiếu", "missing"),
    "forbidden": ("kết nối trực tiếp bị cấm", "forbidden direct connection"),
    "missing_line": ("kết nối bắt buộc còn thiếu", "required connection missing"),
    "failed": ("vi phạm", "violation"),
    "cannot-verify": ("chưa xác minh được", "cannot verify"),
    "hub": ("nền tảng tích hợp", "integration hub"),
    "status-unknown": ("trạng thái chưa rõ", "status unknown"),
    "status-absent": ("không có", "absent"),
    "status-planned": ("đang kế hoạch", "planned"),
    "province": ("cấp tỉnh", "province-wide"),
    **KIND_WORDS,
    "commune": ("Cấp xã (gộp theo loại)", "Commune level (grouped by kind)"),
    "warning": ("cảnh báo", "warning"),
    "info": ("lưu ý", "note (info)"),
    "unsure_line": ("phạm vi hoặc tuyến kết nối chưa xác định", "reach or route not established"),
}


def word(key: str, lang: str | None) -> str:
    """A drawing's word in ``lang`` (``vi``, ``en``; None: Vietnamese / English)."""
    vi, en = _WORDS.get(key, (key, key))  # a kind a newer model knows is drawn under its own name
    return vi if lang == "vi" else en if lang == "en" else f"{vi} / {en}"


def _pick(vi: str, en: str, lang: str | None) -> str:
    return vi if lang == "vi" else en if lang == "en" else f"{vi} / {en}"


@cache
def _layer_titles() -> dict[str, dict[str, dict[str, str]]]:
    text = Path(__file__).with_name("layers.yaml").read_text("utf-8")
    data: dict[str, dict[str, dict[str, str]]] = yaml.load(text, Loader=yaml.CSafeLoader)
    return data


def layers_of(framework: Framework) -> tuple[tuple[str, str, str, str], ...]:
    """(id, Vietnamese title, English title, place) of each layer of ``framework``, in drawing order.

    The framework file's own ``layers:`` (or those of the version it extends) come first; a built-in
    version without them takes its titles from ``layers.yaml``.
    """
    own = tuple(framework.layers.values())
    if own and any(x.place for x in own):  # the file says where each goes: its order is the drawing order
        return tuple((x.id, x.vi, x.en, x.place or ("cross-cutting" if x.cross_cutting else "row")) for x in own)
    if own:  # named without a place (frameworks/1425.yaml lists L1 first): rows top to bottom from the last
        rows = [x for x in own if not x.cross_cutting]
        return tuple((x.id, x.vi, x.en, "row") for x in reversed(rows)) + \
            tuple((x.id, x.vi, x.en, "cross-cutting") for x in own if x.cross_cutting)
    titles = _layer_titles()
    for version in framework.chain:
        entry = titles.get(version)
        if entry is not None:
            return tuple((k, v["vi"], v["en"], v["place"]) for k, v in entry.items())
    return ()


def layer_info(framework: Framework, layer: str) -> tuple[str, str, Place] | None:
    """(Vietnamese title, English title, place) of a layer in ``framework``, or None if unknown."""
    for lid, vi, en, place in layers_of(framework):
        if lid == layer:
            return vi, en, Place.ROW if place == "row" else Place.LEFT
    return None


def reference_view(framework: Framework) -> bool:
    """Whether ``framework`` has cross-cutting components beside its layers (QĐ 1425's provincial view,
    "Hình 8"): the drawing then puts them in a side band, and groups the commune-level parts."""
    return any(place == "cross-cutting" for _, _, _, place in layers_of(framework))


# -- the scene ------------------------------------------------------------------------------------


@record
class Target:
    """What a connection rule requires: from components of ``source`` kinds to ``target`` kinds."""

    source: frozenset[str]
    target: frozenset[str]
    via: frozenset[str]


def targets_of(check: Mapping[str, Any]) -> tuple[Target, ...]:
    """The connection requirements in a rule's check data (also inside ``all``/``any``/``not``).

    >>> targets_of({"kind": "reachable", "params": {"from": {"kind": "a"}, "to": {"kind": "b"}}})
    (Target(source=frozenset({'a'}), target=frozenset({'b'}), via=frozenset()),)
    """
    kind = check.get("kind")
    params = check.get("params") or {}
    if kind in ("reachable", "connection-required"):
        via = params.get("via")
        return (Target(_kinds(params["from"]), _kinds(params["to"]), _kinds(via) if via else frozenset()),)
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
    bands = _bands(boxes, framework, lines, lang)
    fw_title = _pick(framework.title_vi, framework.title_en, lang)
    subtitle = f"{fw_title} ({framework.document})" + (f"; {word('as_of', lang)} {evaluated}" if evaluated else "")
    return Scene(province, subtitle, bands, boxes, lines, tuple(sorted(marks.province_rules)), lang,
                 _legend(boxes, lines, lang))


class _Marks:
    """Collects what the findings say about boxes and lines while they are read one by one."""

    def __init__(self, outline: Outline, framework: Framework, requirements: Mapping[str, tuple[Target, ...]]):
        self.outline, self.framework, self.requirements = outline, framework, requirements
        self.comps = {c.id: c for c in outline.components}
        self.band_of: dict[str, str] = {}
        # Components of one kind crowding one band are drawn as one box.
        self.members: dict[tuple[str, str], list[str]] = {}
        self.by_kind: dict[str, list[str]] = {}
        bands: dict[tuple[str, bool], str] = {}
        for c in outline.components:
            band = bands.get((c.kind, c.national))
            if band is None:
                band = bands[(c.kind, c.national)] = _band(c, framework)
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

    def _worse(self, key: str, severity: Severity) -> None:
        old = self.worst.get(key)
        if old is None or severity.rank < old.rank:
            self.worst[key] = severity

    def _ghost(self, kind: str) -> str:
        """The box of a component of ``kind`` that a rule requires and the model lacks."""
        info = self.framework.kinds.get(kind)
        ghost = self.ghosts.setdefault(kind, OutlineComponent(f"m:{kind}", kind, None, Status.ABSENT,
                                                              info.national if info else False))
        self.band_of[ghost.id] = _band(ghost, self.framework)
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
            kind = _line_kind(f)
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
                    boxes[key] = Box(key, _pick(vi, en, lang), f"×{len(ids)}", kind, self.band_of[cid], status,
                                     count=len(ids))
                else:
                    boxes[key] = Box(key, c.name or c.id, c.id, kind, self.band_of[cid], c.status,
                                     hub=kind in HUB_KINDS)
        for kind, ghost in sorted(self.ghosts.items()):
            vi, en = titles.get(kind, (kind, kind))
            boxes[ghost.id] = Box(ghost.id, _pick(vi, en, lang), word("missing", lang), kind,
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


def _line_kind(f: Finding) -> str:
    """The connection kind a missing line is drawn in: the rule's kind, named in its expectation."""
    text = f"{f.evidence.expected or ''} {f.text()}"
    for kind in CONNECTION_KINDS:
        if kind in text:
            return kind
    return "data-exchange"


def _legs(outline: Outline, source: str, target: str, kind: str) -> list[tuple[str, str, str]]:
    """The drawn legs of the model's connection source → target of this kind."""
    for c in outline.connections:
        if c.source == source and c.target == target and c.kind == kind:
            if c.via:
                return [(source, c.via, kind), (c.via, target, kind)]
            return [(source, target, kind)]
    return [(source, target, kind)]


def _band(c: OutlineComponent, framework: Framework) -> str:
    if c.national:
        return "national"
    if c.owner_level == "commune" and reference_view(framework):
        return "commune"
    info = framework.kinds.get(c.kind)
    if info is None or info.national or info.layer is None or layer_info(framework, info.layer) is None:
        return "other"
    return info.layer


def _bands(boxes: Mapping[str, Box], framework: Framework, lines: Sequence[Line], lang: str | None) -> tuple[Band, ...]:
    by_band: dict[str, list[Box]] = {}
    for b in boxes.values():
        by_band.setdefault(b.band, []).append(b)
    rows: list[tuple[str, str, Place]] = []
    for band in by_band:
        if band == "national":
            rows.append((band, word("national", lang), Place.RIGHT))
        elif band == "other":
            rows.append((band, word("other", lang), Place.ROW))
        elif band == "commune":
            rows.append((band, word("commune", lang), Place.ROW))
        else:
            info = layer_info(framework, band)
            assert info is not None
            rows.append((band, f"{band} · {_pick(info[0], info[1], lang)}", info[2]))
    rank = {lid: i for i, (lid, *_rest) in enumerate(layers_of(framework))}  # the framework's drawing order
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


def _legend(boxes: Mapping[str, Box], lines: Sequence[Line], lang: str | None) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = [(f"kind:{k}", word(k, lang)) for k in CONNECTION_KINDS
                                  if any(ln.kind == k for ln in lines)]
    if any(ln.role is Role.MISSING for ln in lines):
        out.append(("missing", word("missing_line", lang)))
    if any(ln.role is Role.FORBIDDEN for ln in lines):
        out.append(("forbidden", word("forbidden", lang)))
    if any(ln.status is Status.UNKNOWN and ln.role is Role.CONNECTION for ln in lines):
        out.append(("unknown", word("status-unknown", lang)))
    if any(ln.unsure for ln in lines):
        out.append(("unsure", word("unsure_line", lang)))
    if any(b.mark is Mark.FAILED for b in boxes.values()):
        out.append(("failed", word("failed", lang)))
    for mark in (Mark.WARNING, Mark.INFO):
        if any(b.mark is mark for b in boxes.values()):
            out.append((mark.value, word(mark.value, lang)))
    if any(b.mark is Mark.CANNOT_VERIFY for b in boxes.values()):
        out.append(("cannot-verify", word("cannot-verify", lang)))
    if any(b.hub for b in boxes.values()):
        out.append(("hub", word("hub", lang)))
    return tuple(out)


# -- Mermaid --------------------------------------------------------------------------------------


def _mermaid_text(text: str) -> str:
    text = for_line(text)  # controls (line breaks included) shown as escapes
    return (text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
            .replace("|", "#124;").replace("\n", " "))


def _node_text(box: Box) -> list[str]:
    parts = [box.title]
    if box.detail and box.detail != box.title:
        parts.append(box.detail)
    if box.rules:
        badge = "?" if box.mark is Mark.CANNOT_VERIFY else "✕"
        parts.append(f"{badge} {', '.join(box.rules)}")
    return parts


def to_mermaid(s: Scene) -> str:
    """The scene as a Mermaid flowchart (renders in GitHub and GitLab Markdown)."""
    ids = _short_ids(s)
    out = ["flowchart TB", f"  %% {_mermaid_text(s.title)}: {_mermaid_text(s.subtitle)}"]
    for i, band in enumerate(s.bands):
        out.append(f'  subgraph B{i}["{_mermaid_text(band.title)}"]')
        out.append("    direction LR")
        for key in band.boxes:
            box = s.boxes[key]
            label = "<br/>".join(_mermaid_text(p) for p in _node_text(box))
            shape = ('[["', '"]]') if box.hub else ('["', '"]')
            out.append(f"    {ids[key]}{shape[0]}{label}{shape[1]}")
        out.append("  end")
    rows = [i for i, b in enumerate(s.bands) if b.place is Place.ROW]
    for a, b in itertools.pairwise(rows):
        out.append(f"  B{a} ~~~ B{b}")
    styles: list[str] = []
    for n, ln in enumerate(s.lines, start=len(rows) - 1 if rows else 0):
        arrow = "-->" if ln.status is Status.PRESENT and ln.role is not Role.MISSING and not ln.unsure else "-.->"
        label = word(ln.kind, s.lang)
        if ln.role is Role.MISSING:
            label = f"{word('missing', s.lang)}: {label}"
        elif ln.role is Role.FORBIDDEN:
            label = f"✕ {label}"
        elif ln.status is not Status.PRESENT:
            label = f"{label} ({word('status-' + ln.status.value, s.lang)})"
        if ln.rules:
            label += f" {', '.join(ln.rules)}"
        out.append(f"  {ids[ln.source]} {arrow}|{_mermaid_text(label)}| {ids[ln.target]}")
        colour = RED if ln.role is not Role.CONNECTION else (
            COLOURS.get(ln.kind, GREY) if ln.status is Status.PRESENT else GREY)
        dash = ",stroke-dasharray:6 4" if ln.role is Role.MISSING or ln.status is not Status.PRESENT or ln.unsure \
            else ""
        width = "3px" if ln.role is not Role.CONNECTION else "1.5px"
        styles.append(f"  linkStyle {n} stroke:{colour},stroke-width:{width}{dash}")
    out.extend(styles)
    out.append(f"  classDef failed stroke:{RED},stroke-width:3px")
    for mark, colour in ((Mark.WARNING, ORANGE), (Mark.INFO, BLUE)):
        if any(b.mark is mark for b in s.boxes.values()):
            out.append(f"  classDef {mark.value} stroke:{colour},stroke-width:2px")
    out.append(f"  classDef unsure stroke:{AMBER},stroke-width:2px,stroke-dasharray:4 3,fill:#fff8e1")
    out.append(f"  classDef missing stroke:{RED},stroke-width:2px,stroke-dasharray:6 4,fill:#ffebee")
    out.append("  classDef hub stroke:#1f5fbf,stroke-width:4px,fill:#e3f2fd")
    out.append(f"  classDef faint stroke:{GREY},stroke-dasharray:3 3,color:#616161")
    picks: tuple[tuple[str, Callable[[Box], bool]], ...] = (
                     ("hub", lambda b: b.hub and not b.missing),
                      ("faint", lambda b: b.status is not Status.PRESENT and not b.missing),
                      ("unsure", lambda b: b.mark is Mark.CANNOT_VERIFY),
                      ("failed", lambda b: b.mark is Mark.FAILED and not b.missing),
                      ("warning", lambda b: b.mark is Mark.WARNING and not b.missing),
                      ("info", lambda b: b.mark is Mark.INFO and not b.missing),
                      ("missing", lambda b: b.missing))
    for cls, pick in picks:
        chosen = [ids[k] for band in s.bands for k in band.boxes if pick(s.boxes[k])]
        if chosen:
            out.append(f"  class {','.join(chosen)} {cls}")
    return "\n".join(out) + "\n"


def _short_ids(s: Scene) -> dict[str, str]:
    """Box key → ``n1``, ``n2``… in drawing order: component ids may clash with a format's keywords."""
    return {key: f"n{i}" for i, key in enumerate((k for band in s.bands for k in band.boxes), start=1)}


# -- DOT ------------------------------------------------------------------------------------------


def _dot_text(text: str) -> str:
    text = for_line(text)  # controls (line breaks included) shown as escapes
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def to_dot(s: Scene) -> str:
    """The scene as a Graphviz DOT digraph (``dot -Tsvg``), one cluster per layer.

    Each box, layer and line carries an ``id`` (``box:KEY``, ``band:ID``, ``line:SOURCE|TARGET|KIND|N``) that
    Graphviz writes into its SVG, so that its drawing can be compared with the built-in one.
    """
    ids = _short_ids(s)
    title = title_of(s)
    out = [f'digraph "{_dot_text(title)}" {{',
           f'  graph [rankdir=TB, newrank=true, fontname="DejaVu Sans", labelloc=t, '
           f'label="{_dot_text(title)}\\n{_dot_text(s.subtitle)}"];',
           '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="DejaVu Sans", fontsize=10];',
           '  edge [fontname="DejaVu Sans", fontsize=9];']
    for i, band in enumerate(s.bands):
        out.append(f"  subgraph cluster_{i} {{")
        out.append(f'    id="band:{_dot_text(band.id)}"; label="{_dot_text(band.title)}"; style="rounded"; '
                   'color="#bdbdbd";')
        if band.place is Place.ROW:
            out.append("    rank=same;")
        for key in band.boxes:
            box = s.boxes[key]
            label = "\\n".join(_dot_text(p) for p in _node_text(box))
            attrs = [f'id="box:{_dot_text(key)}"', f'label="{label}"']
            if box.missing and box.mark is Mark.CANNOT_VERIFY:
                attrs += [f'color="{AMBER}"', 'style="rounded,dashed,filled"', 'fillcolor="#fff8e1"', "penwidth=2"]
            elif box.missing:
                attrs += [f'color="{RED}"', 'style="rounded,dashed,filled"', 'fillcolor="#ffebee"', "penwidth=2"]
            elif box.mark in (Mark.FAILED, Mark.WARNING, Mark.INFO):
                attrs += [f'color="{MARK_COLOURS[box.mark.value]}"', "penwidth=3"]
            elif box.mark is Mark.CANNOT_VERIFY:
                attrs += [f'color="{AMBER}"', 'style="rounded,dashed,filled"', 'fillcolor="#fff8e1"', "penwidth=2"]
            elif box.status is not Status.PRESENT:
                attrs += [f'color="{GREY}"', 'style="rounded,dotted,filled"', 'fontcolor="#616161"']
            if box.hub and not box.missing:
                attrs += ['fillcolor="#e3f2fd"', "penwidth=4" if box.mark is Mark.NONE else "peripheries=2"]
            out.append(f"    {ids[key]} [{', '.join(attrs)}];")
        out.append("  }")
    rows = [b for b in s.bands if b.place is Place.ROW]
    for a, b in itertools.pairwise(rows):
        out.append(f"  {ids[a.boxes[0]]} -> {ids[b.boxes[0]]} [style=invis, weight=10];")
    for n, ln in enumerate(s.lines):
        label = word(ln.kind, s.lang)
        if ln.role is Role.MISSING:
            label = f"{word('missing', s.lang)}: {label}"
        elif ln.role is Role.FORBIDDEN:
            label = f"✕ {label}"
        if ln.rules:
            label += f" {', '.join(ln.rules)}"
        attrs = [f'id="line:{_dot_text(ln.source)}|{_dot_text(ln.target)}|{_dot_text(ln.kind)}|{n}"',
                 f'label="{_dot_text(label)}"']
        if ln.role is Role.CONNECTION:
            colour = COLOURS.get(ln.kind, GREY) if ln.status is Status.PRESENT else GREY
            attrs.append(f'color="{colour}"')
            if ln.status is not Status.PRESENT:
                attrs.append("style=dotted")
            elif ln.unsure:
                attrs.append("style=dashed")
        else:
            attrs += [f'color="{RED}"', f'fontcolor="{RED}"', "penwidth=2.5"]
            if ln.role is Role.MISSING:
                attrs.append("style=dashed")
        out.append(f"  {ids[ln.source]} -> {ids[ln.target]} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


# -- SVG ------------------------------------------------------------------------------------------

BOX_W, GAP, PAD, LINE_H, PER_ROW = 172, 22, 14, 14, 7
_CHARS = 25  # characters of 11.5 px sans per line of a box
_COLUMN_CHARS = 28  # characters of a column's title per line
_ROW_CHARS = 64  # characters of a row's title per line: a caption as wide as the row would wall its boxes off
LEGEND_COLUMNS, LEGEND_W = 2, 430
CAPTION_CHANNEL = 14
"""Room between a band's caption and its boxes, for the lines that reach the boxes' top sides."""


def _text_width(text: str, per_char: float) -> float:
    """A sans-serif text's width in px, estimated from its length (no font metrics here)."""
    return len(text) * per_char


def _esc(text: str) -> str:
    """XML-escape text for an SVG (or HTML) element or attribute (controls XML forbids shown as escapes)."""
    return for_xml(text).replace("'", "&#39;")


def wrap(text: str, width: int = _CHARS, lines: int = 3) -> list[str]:
    """Break ``text`` at spaces into at most ``lines`` lines of about ``width`` characters.

    >>> wrap("Hệ thống quản lý văn bản và điều hành", 20)
    ['Hệ thống quản lý văn', 'bản và điều hành']
    """
    out: list[str] = []
    current = ""
    for w in text.split():
        if current and len(current) + 1 + len(w) > width:
            out.append(current)
            current = w
        else:
            current = f"{current} {w}" if current else w
    if current:
        out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], out[lines - 1][: width - 1] + "…"]
    return [ln if len(ln) <= width + 6 else ln[: width + 5] + "…" for ln in out]


@record
class _Placed:
    x: float
    y: float
    w: float
    h: float


def _box_lines(box: Box) -> list[tuple[str, str]]:
    out = [(t, "t") for t in wrap(box.title)]
    if box.detail and box.detail != box.title:
        out.append((box.detail, "d"))
    if box.rules:
        badge = "?" if box.mark is Mark.CANNOT_VERIFY else "✕"
        for part in wrap(f"{badge} {', '.join(box.rules)}", _CHARS - 1, 3):
            out.append((part, "r"))
    return out


def layout(s: Scene) -> tuple[dict[str, _Placed], list[tuple[str, str, float, float, float, float]], float, float]:
    """Place every box: rows top to bottom in the middle, left and right columns beside them.

    Returns the box positions, the band frames (band id, title, x, y, w, h) and the canvas size.
    """
    heights = {k: PAD + LINE_H * len(_box_lines(b)) + 4 for k, b in s.boxes.items()}
    left = [b for b in s.bands if b.place is Place.LEFT]
    right = [b for b in s.bands if b.place is Place.RIGHT]
    rows = [b for b in s.bands if b.place is Place.ROW]
    col_w = BOX_W + 2 * GAP
    x0 = GAP + (col_w + GAP if left else 0)
    per_row = max((min(len(b.boxes), PER_ROW) for b in rows), default=1)
    # wide enough for the boxes, for each row's title, and (with the columns) for the subtitle and legend
    main_w = max(per_row * (BOX_W + GAP) + GAP, 2 * (BOX_W + GAP),
                 max((_text_width(t, 7.2) + 24 for b in rows for t in wrap(b.title, _ROW_CHARS, 3)), default=0))
    sides = (col_w + GAP) * ((1 if left else 0) + (1 if right else 0))
    main_w = max(main_w, _text_width(s.subtitle, 6.4) - sides, LEGEND_COLUMNS * LEGEND_W - sides)
    placed: dict[str, _Placed] = {}
    frames: list[tuple[str, str, float, float, float, float]] = []
    top = 64.0
    y = top
    for band in rows:
        y_band = y
        y += 12 + 14 * len(wrap(band.title, _ROW_CHARS, 3)) + CAPTION_CHANNEL
        chunks = [band.boxes[i: i + PER_ROW] for i in range(0, len(band.boxes), PER_ROW)]
        for chunk in chunks:
            h = max(heights[k] for k in chunk)
            span = len(chunk) * (BOX_W + GAP) - GAP
            x = x0 + (main_w - span) / 2
            for k in chunk:
                placed[k] = _Placed(x, y + (h - heights[k]) / 2, BOX_W, heights[k])
                x += BOX_W + GAP
            y += h + 34
        frames.append((band.id, band.title, x0, y_band, main_w, y - y_band - 12))
        y += 4
    bottom = y

    def column(bands: list[Band], x: float) -> float:
        yy = top
        for band in bands:
            y_band = yy
            yy += 12 + 14 * len(wrap(band.title, _COLUMN_CHARS, 3)) + CAPTION_CHANNEL
            for k in band.boxes:
                placed[k] = _Placed(x + GAP, yy, BOX_W, heights[k])
                yy += heights[k] + 22
            frames.append((band.id, band.title, x, y_band, col_w, yy - y_band - 8))
            yy += 12
        return yy

    if left:
        bottom = max(bottom, column(left, GAP))
    if right:
        bottom = max(bottom, column(right, x0 + main_w + GAP))
    width = x0 + main_w + GAP + (col_w + GAP if right else 0)
    return placed, frames, width, bottom


def _captions(frames: Sequence[tuple[str, str, float, float, float, float]]) -> list[tuple[str, float, float]]:
    """Each band caption's lines: (text, x, baseline y)."""
    out: list[tuple[str, float, float]] = []
    for _, title, x, y, w, _h in frames:
        parts = wrap(title, _ROW_CHARS if w > BOX_W + 2 * GAP else _COLUMN_CHARS, 3)
        out.extend((part, x + 10, y + 17 + 14 * i) for i, part in enumerate(parts))
    return out


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


def to_svg(s: Scene, prefix: str = "") -> str:
    """The scene as a standalone SVG image (no script, no external resource).

    Lines are routed around the boxes and the band captions (:mod:`archcheck.report.drawing_route`).
    ``prefix`` starts every id in the image, so that several drawings can sit in one HTML page.
    """
    placed, frames, width, height = layout(s)
    height += 12  # a channel under the last band for lines that go round it
    legend_h = 30 + 20 * ((len(s.legend) + LEGEND_COLUMNS - 1) // LEGEND_COLUMNS)
    routing_h = height
    height += legend_h
    title = title_of(s)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="{width:.0f}" height="{height:.0f}" font-family="DejaVu Sans, Arial, sans-serif" '
           f'role="img" aria-label="{_esc(title)}">',
           f"<title>{_esc(title)}: {_esc(s.subtitle)}</title>",
           "<defs>"]
    colours = sorted({*COLOURS.values(), RED, GREY})
    for c in colours:
        out.append(f'<marker id="{prefix}a{c[1:]}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                   f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>')
    out.append("</defs>")
    out.append(f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>')
    out.append(f'<text x="{GAP}" y="28" font-size="18" font-weight="bold" fill="#212121">{_esc(title)}</text>')
    out.append(f'<text x="{GAP}" y="48" font-size="12" fill="#424242">{_esc(s.subtitle)}</text>')
    for band_id, _title, x, y, w, h in frames:
        out.append(f'<rect class="band" data-band="{_esc(band_id)}" x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" '
                   f'height="{h:.0f}" rx="8" fill="#fafafa" stroke="#d0d0d0"/>')
    captions = _captions(frames)
    for part, x, y in captions:
        out.append(f'<text class="caption" x="{x:.0f}" y="{y:.0f}" font-size="11.5" font-weight="bold" '
                   f'fill="#546e7a">{_esc(part)}</text>')
    caption_rects = [(x - 2, y - 12, _text_width(part, 7.4) + 4, 16) for part, x, y in captions]
    out.extend(_svg_lines(s, placed, prefix, caption_rects, (4, 54, width - 8, routing_h - 58)))
    for band in s.bands:
        for key in band.boxes:
            out.extend(_svg_box(s.boxes[key], placed[key]))
    # legend
    y = height - legend_h + 18
    out.append(f'<text x="{GAP}" y="{y:.0f}" font-size="11.5" font-weight="bold" fill="#546e7a">'
               f'{_esc(_pick("Chú giải", "Legend", s.lang))}</text>')
    for i, (key, text) in enumerate(s.legend):
        lx = GAP + (i % LEGEND_COLUMNS) * LEGEND_W
        ly = y + 18 + (i // LEGEND_COLUMNS) * 20
        out.append(_legend_sample(key, lx, ly))
        out.append(f'<text x="{lx + 44}" y="{ly + 4}" font-size="11" fill="#212121">{_esc(text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


LABEL_SIZE = 10.0
"""Font size of a line's label (what it carries), in px of the drawing."""
LABEL_SPREAD = 220.0
"""A line's label is left out when the same label is this close (Manhattan px): the lines are bundled."""


def _svg_lines(s: Scene, placed: Mapping[str, _Placed], prefix: str,
               captions: Sequence[tuple[float, float, float, float]],
               bounds: tuple[float, float, float, float]) -> list[str]:
    """The lines, routed around boxes and captions and drawn under the boxes, each labelled with
    what it carries where the label fits (the legend keys the colours everywhere else)."""
    from archcheck.report.drawing_route import label_spot, route  # noqa: PLC0415 - only the SVG needs it

    # the boxes as drawn (whole pixels), so that a line meets the border the reader sees
    rects = {k: (float(round(p.x)), float(round(p.y)), float(round(p.w)), float(round(p.h))) for k, p in placed.items()}
    paths = route(rects, [(ln.source, ln.target, ln.kind) for ln in s.lines], captions, bounds)
    taken: list[tuple[float, float, float, float]] = [*rects.values(), *captions]
    out: list[str] = []
    labels: list[str] = []
    placed_labels: dict[str, list[tuple[float, float]]] = {}
    for ln, pts in zip(s.lines, paths, strict=True):
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        if ln.role is Role.CONNECTION:
            colour = COLOURS.get(ln.kind, GREY) if ln.status is Status.PRESENT else GREY
            extra = "" if ln.status is Status.PRESENT else ' stroke-dasharray="2 3"'
            if ln.unsure and ln.status is Status.PRESENT:
                extra = ' stroke-dasharray="6 4"'
            width_ = 1.6
        else:
            colour, width_ = RED, 2.6
            extra = ' stroke-dasharray="7 5"' if ln.role is Role.MISSING or ln.unsure else ""
        cls = ln.role.value + (" unsure" if ln.unsure else "")
        out.append(f'<path class="line {cls}" data-source="{_esc(ln.source)}" data-target="{_esc(ln.target)}" '
                   f'data-kind="{_esc(ln.kind)}" d="{d}" fill="none" stroke="{colour}" stroke-width="{width_}"{extra} '
                   f'stroke-linejoin="round" marker-end="url(#{prefix}a{colour[1:]})">'
                   f"<title>{_esc(_line_title(s, ln))}</title></path>")
        if ln.role is Role.CONNECTION:
            text, fill, weight = _kind_label(ln.kind, s.lang), colour, ""
        else:
            tag = "✕ " if ln.role is Role.FORBIDDEN else ""
            text = f"{tag}{', '.join(ln.rules)}" if ln.rules else tag.strip()
            fill, weight = RED, ' font-weight="bold"'
        if not text:
            continue
        spot = label_spot(pts, _text_width(text, LABEL_SIZE * 0.62) + 4, LABEL_SIZE + 2, taken)
        if spot is not None:
            x, y, w, h = spot
            near = placed_labels.setdefault(text, [])
            if ln.role is Role.CONNECTION and any(abs(x - a) + abs(y - b) < LABEL_SPREAD for a, b in near):
                continue  # the same word close by already says what this bundle carries
            near.append((x, y))
            labels.append(f'<text class="label" x="{x + w / 2:.1f}" y="{y + h - 3:.1f}" font-size="{LABEL_SIZE:g}"'
                          f'{weight} fill="{fill}" text-anchor="middle" stroke="#ffffff" stroke-width="3" '
                          f'paint-order="stroke">{_esc(text)}</text>')
    return out + labels


def _kind_label(kind: str, lang: str | None) -> str:
    """A line's label: the kind in one language (the legend has both)."""
    return word(kind, "en" if lang == "en" else "vi")


def _line_title(s: Scene, ln: Line) -> str:
    src, dst = s.boxes[ln.source].detail, s.boxes[ln.target].detail
    text = f"{src} → {dst}: {word(ln.kind, s.lang)}"
    if ln.status is not Status.PRESENT and ln.role is Role.CONNECTION:
        text += f" ({word('status-' + ln.status.value, s.lang)})"
    if ln.role is Role.MISSING:
        text += f"; {word('missing_line', s.lang)}"
    if ln.role is Role.FORBIDDEN:
        text += f"; {word('forbidden', s.lang)}"
    if ln.rules:
        text += f" [{', '.join(ln.rules)}]"
    return text


def _svg_box(box: Box, p: _Placed) -> list[str]:
    fill, stroke, width, dash = "#ffffff", "#78909c", 1.2, ""
    if box.status is not Status.PRESENT and not box.missing:
        fill, stroke, dash = "#f5f5f5", GREY, ' stroke-dasharray="3 3"'
    if box.hub:
        fill, stroke, width = "#e3f2fd", "#1f5fbf", 3.5
    if box.mark is Mark.CANNOT_VERIFY:
        fill, stroke, width, dash = "#fff8e1", AMBER, 3.5 if box.hub else 2.2, ' stroke-dasharray="5 3"'
    if box.mark in (Mark.FAILED, Mark.WARNING, Mark.INFO):
        stroke, width = MARK_COLOURS[box.mark.value], 3.5 if box.hub else 3.0 if box.mark is Mark.FAILED else 2.4
    if box.missing:
        # a missing component that only "cannot verify" findings ask for is amber, not a violation's red
        unsure = box.mark is Mark.CANNOT_VERIFY
        fill, stroke, width, dash = ("#fff8e1" if unsure else "#ffebee"), (AMBER if unsure else RED), 2.2, \
            ' stroke-dasharray="7 5"'
    cls = f"box {box.mark.value}" + (" hub" if box.hub else "") + (" missing" if box.missing else "")
    out = [f'<g class="{cls}" data-key="{_esc(box.key)}">',
           f"<title>{_esc(box.title)} ({_esc(box.kind)}; {_esc(box.status.value)})</title>",
           f'<rect x="{p.x:.0f}" y="{p.y:.0f}" width="{p.w:.0f}" height="{p.h:.0f}" rx="6" fill="{fill}" '
           f'stroke="{stroke}" stroke-width="{width}"{dash}/>']
    y = p.y + PAD + 2
    for text, style in _box_lines(box):
        if style == "t":
            attrs = 'font-size="11.5" fill="#212121"'
        elif style == "d":
            attrs = 'font-size="10" fill="#607d8b" font-family="DejaVu Sans Mono, monospace"'
        else:
            colour = MARK_COLOURS.get(box.mark.value, RED)
            attrs = f'font-size="10.5" font-weight="bold" fill="{colour}"'
        out.append(f'<text x="{p.x + p.w / 2:.0f}" y="{y:.0f}" text-anchor="middle" {attrs}>{_esc(text)}</text>')
        y += LINE_H
    out.append("</g>")
    return out


def _legend_sample(key: str, x: float, y: float) -> str:
    if key.startswith("kind:"):
        colour = COLOURS.get(key[5:], GREY)
        return f'<line x1="{x}" y1="{y}" x2="{x + 36}" y2="{y}" stroke="{colour}" stroke-width="2"/>'
    if key in ("missing", "forbidden", "unknown", "unsure"):
        colour = GREY if key in ("unknown", "unsure") else RED
        dash = {"missing": ' stroke-dasharray="7 5"', "unknown": ' stroke-dasharray="2 3"',
                "unsure": ' stroke-dasharray="6 4"'}.get(key, "")
        return f'<line x1="{x}" y1="{y}" x2="{x + 36}" y2="{y}" stroke="{colour}" stroke-width="2.6"{dash}/>'
    style = {"failed": f'fill="#ffffff" stroke="{RED}" stroke-width="3"',
             "cannot-verify": f'fill="#fff8e1" stroke="{AMBER}" stroke-width="2" stroke-dasharray="5 3"',
             "warning": f'fill="#ffffff" stroke="{ORANGE}" stroke-width="2.4"',
             "info": f'fill="#ffffff" stroke="{BLUE}" stroke-width="2.4"',
             "hub": 'fill="#e3f2fd" stroke="#1f5fbf" stroke-width="3"'}[key]
    return f'<rect x="{x}" y="{y - 7}" width="36" height="14" rx="3" {style}/>'


def requirements(rules: Mapping[str, Rule]) -> dict[str, tuple[Target, ...]]:
    """Rule id → the connections it requires, for every rule that requires one."""
    out = {rid: targets_of(rule.check_data) for rid, rule in rules.items()}
    return {rid: t for rid, t in sorted(out.items()) if t}


def report_scene(r: ProvinceReport, lang: str | None,
                 needs: Mapping[str, tuple[Target, ...]] | None = None) -> Scene | None:
    """The scene of one province's report, or None if the run did not keep its outline
    (``api.validate(outline=True)`` does). ``needs`` defaults to the built-in rules' requirements."""
    if r.outline is None:
        return None
    if needs is None:
        needs = requirements(builtin_rules())
    return scene(r.province, r.outline, r.framework, r.findings, evaluated=r.evaluated_as_of.isoformat(),
                 requirements=needs, lang=lang)


FORMATS: Mapping[str, Callable[[Scene], str]] = {"mermaid": to_mermaid, "dot": to_dot, "svg": to_svg}
"""Drawing format name → writer; `archcheck graph --format` reads its choices from here."""
