"""Two submissions of a model compared: the structural changes, and what became of each finding.

Provinces are matched by name (so two national files compare province by province), components by
id, connections by (from, to, kind), findings by fingerprint: re-indenting or reordering a file
changes nothing. Each new or fixed finding points at the structural changes that explain it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence

from archcheck.catalogue import Message, has, join, msg, say, word
from archcheck.check.engine import ProvinceReport
from archcheck.compare.impact import classify
from archcheck.compare.matching import Cause, Change, FindingChange, exit_code
from archcheck.findings import Finding, Location, ModelPath, Severity
from archcheck.model import AttrValue, Component, Connection, Province, Status, Unknown
from archcheck.read.loading import ModelFile
from archcheck.values import record, replace


class What(enum.StrEnum):
    """The kinds of structural change between two submissions."""

    AS_OF = "as-of-changed"
    FRAMEWORK = "framework-changed"
    UNITS = "units-changed"
    COMPONENT_ADDED = "component-added"
    COMPONENT_REMOVED = "component-removed"
    KIND = "kind-changed"
    STATUS = "status-changed"
    READINESS = "readiness-changed"
    ATTRIBUTE = "attribute-changed"
    COVERAGE = "coverage-changed"
    CONNECTION_ADDED = "connection-added"
    CONNECTION_REMOVED = "connection-removed"
    CONNECTION_CHANGED = "connection-changed"
    OWNER = "owner-changed"
    STAGE = "stage-changed"
    STRUCTURE = "structure-changed"
    COMPLETENESS = "completeness-changed"


@record
class StructuralChange:
    """One difference between the two models of a province.

    Attributes:
        subject: the component id, the connection (``a->b [kind]``) or ``province``.
        detail: the level, attribute or field within the subject, if any.
        old: the old value as text (None if added).
        new: the new value as text (None if removed).
        location: where it is in the new file (the old file for something removed).
        about: the component ids and kinds involved: what a finding about it would name.
        old_said: the old value as a report says it (a word, a message); None: ``old`` as it is.
        new_said: the new value likewise.
    """

    what: What
    subject: str
    detail: str | None
    old: str | None
    new: str | None
    location: Location | None
    about: tuple[str, ...] = ()
    old_said: object = None
    new_said: object = None

    @property
    def message(self) -> Message:
        """``what: subject detail: old → new``, or ``what: subject (value)`` for an addition or removal."""
        what = word("diff.what", self.what.value)
        target: object = self.subject
        if self.detail and self.detail != "status":
            detail = _word("level", self.detail) if self.what in (What.UNITS, What.COVERAGE) else self.detail
            target = msg("diff.target", subject=self.subject, detail=detail)
        old = self.old if self.old_said is None else self.old_said
        new = self.new if self.new_said is None else self.new_said
        if self.old is None or self.new is None:
            return msg("diff.structural-one", what=what, target=target, value=new if self.old is None else old)
        return msg("diff.structural", what=what, target=target, old=old, new=new)

    def describe(self) -> str:
        """The change in English (:attr:`message`)."""
        return str(self.message)


@record
class ProvinceDiff:
    """One province in both files (or in one only), its structural changes and finding changes."""

    province: str
    old: ProvinceReport | None
    new: ProvinceReport | None
    structural: tuple[StructuralChange, ...]
    changes: tuple[FindingChange, ...]

    def of(self, change: Change) -> list[FindingChange]:
        """The finding changes of one kind, in report order."""
        return [c for c in self.changes if c.change is change]

    @property
    def empty(self) -> bool:
        """True if nothing changed: no structural change and every finding unchanged."""
        return not self.structural and all(c.change is Change.UNCHANGED for c in self.changes)


@record
class ModelDiff:
    """``archcheck diff models OLD NEW``."""

    old_file: str
    new_file: str
    provinces: tuple[ProvinceDiff, ...]
    framework_override: str | None = None
    as_of_override: dt.date | None = None

    def changes(self) -> list[FindingChange]:
        """Every finding change of every province."""
        return [c for p in self.provinces for c in p.changes]

    @property
    def empty(self) -> bool:
        """True if the two files describe the same architecture with the same findings."""
        return all(p.empty for p in self.provinces)

    def exit_code(self, fail_on: Severity) -> int:
        """1 if the new file has a new finding (or a worse one) at or above ``fail_on``, else 0."""
        return exit_code(self.changes(), fail_on)


def _change(what: What, subject: str, detail: str | None, old: object, new: object,  # noqa: PLR0917 - its fields
            location: Location | None, about: tuple[str, ...] = ()) -> StructuralChange:
    """A structural change whose values are given as said (words, messages or plain text)."""
    return StructuralChange(what, subject, detail, None if old is None else say(old), None if new is None else say(new),
                            location, about, old, new)


def _word(group: str, value: str) -> object:
    """``value`` as a word of ``group`` where the catalogue has it, else as it is (an id, a model's own word)."""
    return word(group, value) if has(f"{group}.{value}") else value


NOT_STATED = msg("word.not-stated")
"""What a diff says of a value the model does not state."""


def _status(s: Status) -> Message:
    return word("status", s.value)


def value_said(v: AttrValue | None) -> object:
    """An attribute value as a diff says it: :func:`value_text`, "not stated" and "unknown" as words."""
    if v is None:
        return NOT_STATED
    if isinstance(v, Unknown):
        return word("status", "unknown")
    return value_text(v)


def value_text(v: AttrValue | None) -> str:
    """An attribute value as one line of text (sorted keys, so equal values read equal)."""
    if v is None:
        return "not stated"
    if isinstance(v, Unknown):
        return "unknown"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, tuple):
        return "[" + ", ".join(value_text(x) for x in v) + "]"
    if isinstance(v, Mapping):
        return "{" + ", ".join(f"{k}: {value_text(v[k])}" for k in sorted(v)) + "}"
    return str(v)


def _conn_key(c: Connection) -> tuple[str, str, str]:
    return c.source, c.target, c.kind


def _conn_label(c: Connection) -> str:
    return f"{c.source}->{c.target} [{c.kind}]"


def _conn_state(c: Connection) -> object:
    return msg("diff.via", status=_status(c.status), via=c.via) if c.via else _status(c.status)


def _total(p: Province, level: str) -> object:
    u = p.units.get(level)
    return None if u is None else u.total


def _component_changes(a: Component, b: Component, pa: Province, pb: Province,
                       locate: Callable[[ModelPath], Location]) -> list[StructuralChange]:
    about = (b.id, b.kind) if a.kind == b.kind else (b.id, a.kind, b.kind)
    out: list[StructuralChange] = []

    def add(what: What, detail: str | None, old: object, new: object) -> None:
        if say(old) != say(new):  # located only when there is a change: a lookup costs on a national file
            out.append(_change(what, b.id, detail, old, new, locate(b.path), about))

    add(What.KIND, "kind", a.kind, b.kind)
    add(What.STATUS, "status", _status(a.status), _status(b.status))
    add(What.READINESS, "readiness", _readiness(a), _readiness(b))
    add(What.OWNER, "owner_level", _owner(a), _owner(b))
    add(What.STAGE, "stage", a.stage or _NONE, b.stage or _NONE)
    for key in sorted(a.attributes.keys() | b.attributes.keys()):
        add(What.ATTRIBUTE, key, value_said(a.attributes.get(key)), value_said(b.attributes.get(key)))
    for level in sorted(a.deployment.keys() | b.deployment.keys()):
        ca, cb = a.deployment.get(level), b.deployment.get(level)
        ta = ca.said(_total(pa, level)) if ca else NOT_STATED  # type: ignore[arg-type]
        tb = cb.said(_total(pb, level)) if cb else NOT_STATED  # type: ignore[arg-type]
        add(What.COVERAGE, level, ta, tb)
    return out


_NONE = msg("diff.none")


def _readiness(c: Component) -> Message:
    value = c.readiness.value
    return word("status", value) if value == "unknown" else word("diff.readiness", value)


def _owner(c: Component) -> object:
    return _word("level", c.owner_level) if c.owner_level else msg("diff.province-not-stated")


def _units(total: object) -> object:
    """A unit count as a diff says it: the number, or "unknown" as a word."""
    return str(total) if isinstance(total, int) else word("status", "unknown")


Locate = Callable[[ModelPath], Location]
"""Model path → its place in the file (a source map's ``locate``)."""


def structural_changes(pa: Province, where_a: Locate, pb: Province, where_b: Locate) -> list[StructuralChange]:
    """What differs between two models of one province, in a fixed order.

    ``where_a`` / ``where_b`` locate a path in the old / new file; they are asked only for what changed.
    """
    out: list[StructuralChange] = []
    if pa.as_of != pb.as_of:
        out.append(StructuralChange(What.AS_OF, "province", "as_of", str(pa.as_of), str(pb.as_of),
                                    where_b((*pb.path, "as_of"))))
    if pa.framework != pb.framework:
        out.append(StructuralChange(What.FRAMEWORK, "province", "framework", pa.framework, pb.framework,
                                    where_b((*pb.path, "framework"))))
    sa, sb = _structure(pa), _structure(pb)
    if say(sa) != say(sb):
        out.append(_change(What.STRUCTURE, "province", "admin_structure", sa, sb,
                           where_b((*pb.path, "admin_structure"))))
    if pa.partial != pb.partial:
        out.append(_change(What.COMPLETENESS, "province", "completeness", _completeness(pa), _completeness(pb),
                           where_b(pb.path)))
    for level in sorted(pa.units.keys() | pb.units.keys()):
        ua, ub = pa.units.get(level), pb.units.get(level)
        ta: object = NOT_STATED if ua is None else _units(ua.total)
        tb: object = NOT_STATED if ub is None else _units(ub.total)
        if say(ta) != say(tb):
            out.append(_change(What.UNITS, "province", level, ta, tb,
                               where_b((*pb.path, "units", level)) if ub else None, (level,)))
    ca = {c.id: c for c in pa.components}
    cb = {c.id: c for c in pb.components}
    for cid in sorted(cb.keys() - ca.keys()):
        c = cb[cid]
        out.append(_change(What.COMPONENT_ADDED, cid, None, None, join((c.kind, _status(c.status))),
                           where_b(c.path), (cid, c.kind)))
    for cid in sorted(ca.keys() - cb.keys()):
        c = ca[cid]
        out.append(_change(What.COMPONENT_REMOVED, cid, None, join((c.kind, _status(c.status))), None,
                           where_a(c.path), (cid, c.kind)))
    for cid in sorted(ca.keys() & cb.keys()):
        out.extend(_component_changes(ca[cid], cb[cid], pa, pb, where_b))
    na = {_conn_key(c): c for c in pa.connections}
    nb = {_conn_key(c): c for c in pb.connections}
    for key in sorted(nb.keys() - na.keys()):
        n = nb[key]
        out.append(_change(What.CONNECTION_ADDED, _conn_label(n), None, None, _conn_state(n),
                           where_b(n.path), _conn_about(n)))
    for key in sorted(na.keys() - nb.keys()):
        n = na[key]
        out.append(_change(What.CONNECTION_REMOVED, _conn_label(n), None, _conn_state(n), None,
                           where_a(n.path), _conn_about(n)))
    for key in sorted(na.keys() & nb.keys()):
        a, b = na[key], nb[key]
        pairs: tuple[tuple[str, object, object], ...] = (
            ("status", _status(a.status), _status(b.status)), ("via", _via(a), _via(b)),
            ("reach", _reach(a), _reach(b)), ("stage", a.stage or _NONE, b.stage or _NONE))
        for detail, old, new in pairs:
            if say(old) != say(new):
                out.append(_change(What.CONNECTION_CHANGED, _conn_label(b), detail, old, new,
                                   where_b(b.path), _conn_about(b)))
    return out


def _via(c: Connection) -> object:
    return word("status", "unknown") if c.via_unknown else c.via or msg("diff.direct")


def _reach(c: Connection) -> object:
    return msg("diff.all-not-stated") if c.reach is None else c.reach.said(None)


def _completeness(p: Province) -> Message:
    return word("diff.completeness", "partial" if p.partial else "complete")


def _structure(p: Province) -> object:
    text = _word("diff.structure", p.admin_structure) if p.admin_structure else NOT_STATED
    return text if p.reform_on is None else msg("diff.structure-reformed", structure=text, on=p.reform_on.isoformat())


def _conn_about(c: Connection) -> tuple[str, ...]:
    return (c.source, c.target, *((c.via,) if c.via else ()), f"{c.source}->{c.target}")


def _names(f: Finding) -> set[str]:
    """The component ids and kinds a finding names (subject, chain, edge, candidates)."""
    e = f.evidence
    out = {f.subject, *f.subject.split("->"), *e.chain, *e.candidates}
    if e.broken_at:
        out.add(e.broken_at)
    if e.edge is not None:
        out.update((e.edge.source, e.edge.target))
    return out


def _explain(c: FindingChange, structural: Sequence[StructuralChange]) -> tuple[int, ...]:
    """Indexes of the structural changes that explain a new, fixed or re-graded finding.

    A finding about an attribute or a coverage figure is explained by a change of that attribute
    or figure (or by its component appearing, going or changing status); any other finding by
    every change of a component, kind or connection it names.
    """
    if c.change not in (Change.NEW, Change.FIXED, Change.SEVERITY):
        return ()
    f = c.finding
    names = _names(f)
    path = {p for p in f.path if isinstance(p, str)}
    narrow = bool(path & {"attributes", "deployment"})
    whole = (What.COMPONENT_ADDED, What.COMPONENT_REMOVED, What.STATUS, What.KIND)
    hits: list[int] = []
    for i, s in enumerate(structural):
        if s.what is What.AS_OF:
            hit = c.cause is Cause.IN_FORCE
        elif s.what is What.FRAMEWORK:
            hit = c.cause in (Cause.RULE_ADDED, Cause.RULE_REMOVED, Cause.REGRADED, Cause.VOCABULARY)
        elif s.what is What.UNITS:
            hit = "deployment" in path and s.detail in path
        elif not names & set(s.about):
            hit = False
        elif s.what in (What.ATTRIBUTE, What.COVERAGE):
            hit = s.detail in path
        else:
            hit = not narrow or s.what in whole
        if hit:
            hits.append(i)
    return tuple(hits)


def _one_sided(report: ProvinceReport, change: Change, cause: Cause) -> list[FindingChange]:
    why = msg("diff.only-in-new-file") if change is Change.NEW else msg("diff.only-in-old-file")
    return [FindingChange(change, cause, why, None if change is Change.NEW else f,
                          f if change is Change.NEW else None) for f in report.findings]


def diff_loaded(old: ModelFile, new: ModelFile, old_reports: Sequence[ProvinceReport],
                new_reports: Sequence[ProvinceReport], *, framework: str | None = None,
                as_of: dt.date | None = None, locate_old: Locate | None = None) -> ModelDiff:
    """Compare two loaded model files, given their reports (as ``check_model`` gives them).

    ``locate_old``: where a path is in the old file, if not ``old.sourcemap.locate`` (the old file was
    read in another process, which answers for the few paths a change needs).
    """
    where_a = locate_old or old.sourcemap.locate
    pa = {p.name: (p, r) for p, r in zip(old.provinces, old_reports, strict=True)}
    pb = {p.name: (p, r) for p, r in zip(new.provinces, new_reports, strict=True)}
    out: list[ProvinceDiff] = []
    for name, (prov_b, rb) in pb.items():  # in the new file's order
        if name not in pa:
            out.append(ProvinceDiff(name, None, rb, (), tuple(_one_sided(rb, Change.NEW, Cause.PROVINCE_ADDED))))
            continue
        prov_a, ra = pa[name]
        structural = structural_changes(prov_a, where_a, prov_b, new.sourcemap.locate)
        changes = [_with_model_cause(replace(c, explained_by=_explain(c, structural)), structural)
                   for c in classify(ra.findings, rb.findings, ra, rb)]
        out.append(ProvinceDiff(name, ra, rb, tuple(structural), tuple(changes)))
    for name, (_, ra) in pa.items():
        if name not in pb:
            out.append(ProvinceDiff(name, ra, None, (),
                                    tuple(_one_sided(ra, Change.FIXED, Cause.PROVINCE_REMOVED))))
    return ModelDiff(old.file, new.file, tuple(out), framework, as_of)


def _with_model_cause(c: FindingChange, structural: Sequence[StructuralChange]) -> FindingChange:
    """Between two submissions, a change the rules do not explain is the model's: say which change."""
    if c.cause is not Cause.MODEL:
        return c
    if not c.explained_by:
        return replace(c, why=msg("diff.model-changed-unnamed"))
    shown = join((structural[i].message for i in c.explained_by[:3]), "semicolon")
    if len(c.explained_by) > 3:
        return replace(c, why=msg("diff.model-changes-more", changes=shown, n=len(c.explained_by) - 3))
    return replace(c, why=msg("diff.model-changes", changes=shown))
