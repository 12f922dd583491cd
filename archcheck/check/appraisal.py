"""Appraise a project proposal against a province's architecture and the law in force on a date.

One section per criterion of archcheck/law/appraisal-criteria.yaml, each evaluated by the check its
entry names (:data:`CHECKS`, a table of small functions), with an outcome (passed / failed / cannot verify /
not applicable) and its evidence; and the duplicate candidates (:func:`duplicates`): advice for the
appraiser, never a failure by itself.

Every sentence is a message of the one catalogue (``appraisal.*`` keys of archcheck/catalogue.yaml) with
parameters, so a report in either language is written from the same values.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from archcheck.catalogue import Message, Text, join, msg, word
from archcheck.check.architecture import Architecture, ArchObject, families_in, kinds_in, layer_of
from archcheck.findings import ModelPath
from archcheck.law.appraisal import Criterion, DataGroup, Functions, criteria, data_groups, functions
from archcheck.read.proposal import Proposal, ProposedObject, value_lists
from archcheck.read.words import contains_phrase, content_words, fold, similarity
from archcheck.values import record


class Outcome(enum.StrEnum):
    """What a criterion's check concluded."""

    PASSED = "passed"
    FAILED = "failed"
    CANNOT_VERIFY = "cannot-verify"
    """chưa đủ cơ sở đánh giá: the proposal or the architecture does not give what the criterion needs."""
    NOT_APPLICABLE = "not-applicable"


OUTCOME_TEXT: Mapping[Outcome, Message] = {
    Outcome.PASSED: word("outcome", "passed"),
    Outcome.FAILED: word("outcome", "failed"),
    Outcome.CANNOT_VERIFY: msg("appraisal.cannot-verify"),
    Outcome.NOT_APPLICABLE: word("outcome", "not-applicable"),
}
"""Each outcome as the appraisal says it ("cannot verify" is the appraiser's "chưa đủ cơ sở đánh giá")."""


def _m(key: str, params: Mapping[str, object] | None = None) -> Message:
    """The catalogue's ``appraisal.KEY`` message with ``params`` (strings, texts in both languages, lists)."""
    return Message(f"appraisal.{key}", tuple((params or {}).items()))


@record
class Evidence:
    """One piece of evidence of a section: a sentence, and where in the proposal it comes from."""

    message: Message
    path: ModelPath | None = None


@record
class Section:
    """One criterion's result."""

    criterion: Criterion
    outcome: Outcome
    evidence: tuple[Evidence, ...]


@record
class Candidate:
    """A possible duplicate: an object of the proposal and an object of the architecture or a national platform."""

    subject: str
    subject_path: ModelPath
    target: ArchObject
    score: float
    reasons: tuple[Message, ...]


@record
class Appraisal:
    """The appraisal of one proposal."""

    proposal: Proposal
    architecture: Architecture
    as_of: dt.date
    sections: tuple[Section, ...]
    candidates: tuple[Candidate, ...]

    def failed(self, threshold: str = "info") -> list[Section]:
        """The failed sections at or above ``threshold`` (error > warning > info)."""
        rank = {"error": 3, "warning": 2, "info": 1}
        return [s for s in self.sections
                if s.outcome is Outcome.FAILED and rank[s.criterion.severity] >= rank[threshold]]

    def counts(self) -> dict[str, int]:
        """How many sections have each outcome (every outcome listed, in a fixed order)."""
        return {o.value: sum(1 for s in self.sections if s.outcome is o) for o in Outcome}

    @property
    def verdict(self) -> Outcome:
        """failed if any criterion failed, else passed (how many could not be verified is in :meth:`counts`)."""
        return Outcome.FAILED if any(s.outcome is Outcome.FAILED for s in self.sections) else Outcome.PASSED


# -- what the checks share ---------------------------------------------------------------------------


@record
class Subject:
    """A proposal's object as the duplicate search sees it."""

    obj: ProposedObject
    existing: ArchObject | None
    kinds: frozenset[str]
    families: frozenset[str]
    layer: str | None
    object_type: str | None
    scope: frozenset[str]
    words: frozenset[str]

    @property
    def label(self) -> str:
        """The object as written in the proposal."""
        return self.obj.label


@record(eq=False)
class Context:
    """What every check reads."""

    proposal: Proposal
    arch: Architecture
    as_of: dt.date
    subjects: tuple[Subject, ...]
    candidates: tuple[Candidate, ...]
    groups: tuple[DataGroup, ...]
    fns: Functions


def _subjects(p: Proposal, arch: Architecture, fns: Functions) -> tuple[Subject, ...]:
    out = []
    for o in p.objects or ():
        existing = arch.lookup(o.code) if o.code else None
        kinds = set(kinds_in(o.name, arch.framework))
        if o.function:
            kinds.add(o.function)
        fams = set(families_in(o.name, fns))
        if existing is not None:
            kinds.add(existing.kind)
            fams |= existing.families
        for k in kinds:
            fam = fns.family_of_kind(k)
            if fam is not None:
                fams.add(fam.id)
        layer = o.layer or (existing.layer if existing else None)
        if layer is None and o.function:
            layer = layer_of(o.function, arch.framework)
        out.append(Subject(o, existing, frozenset(kinds), frozenset(fams), layer,
                           o.kind or (existing.object_type if existing else None),
                           frozenset(o.scope or (existing.scope if existing else ())),
                           content_words(o.name or "") | (existing.words if existing else frozenset())))
    return tuple(out)


def _bi(v: Any) -> Text:
    """A named value of the data (a function, a kind, a value-list entry, a data group) in both languages."""
    return Text(v.en, v.vi)


def _layer_name(layer: str | None) -> str:
    """A layer of Mẫu 03's value list as a message argument: its code and name in each language."""
    if layer is None:
        return "?"
    v = value_lists().get("layers", layer)
    return Text(f"{layer} {v.en}", f"{layer} {v.vi}")


NAME_SIMILARITY = 0.5
"""Shared content words over all content words of two names, from which two names count as similar."""


def duplicates(subjects: Sequence[Subject], arch: Architecture, fns: Functions) -> tuple[Candidate, ...]:
    """The objects of the architecture and the national platforms each proposed object may duplicate.

    A candidate has the same kind (component kind or Mẫu 03 object kind) or the same layer, and an
    overlapping function (family) or a similar name (content words, diacritics and word order ignored);
    its score weighs function 0.45, name similarity 0.3, layer 0.1, kind 0.1, scope 0.05. An object
    the proposal only upgrades or connects (an existing code) is compared with the national platforms alone
    (QĐ 1132 forbids extending a system similar to one), never with itself; a provincial component and the
    national platform QĐ 1425 places beside it (LGSP and NDXP) are never candidates of each other. The
    project's name is never compared: only its objects are.
    """
    out: list[Candidate] = []
    for s in subjects:
        for t in arch.objects:
            if s.existing is not None and (t.id == s.existing.id or not t.national):
                continue
            if any(fns.counterpart(k, t.kind) for k in s.kinds):
                continue
            same_kind = t.kind in s.kinds or (s.object_type is not None and s.object_type == t.object_type)
            same_layer = s.layer is not None and s.layer == t.layer
            shared_fam = sorted(s.families & t.families)
            sim = similarity(s.words, t.words)
            if not (same_kind or same_layer) or not (shared_fam or sim >= NAME_SIMILARITY):
                continue
            reasons: list[Message] = []
            score = 0.0
            if shared_fam:
                fam = next(f for f in fns.families if f.id == shared_fam[0])
                reasons.append(_m("reason-function", {"family": _bi(fam)}))
                score += 0.45
            if sim >= NAME_SIMILARITY:
                reasons.append(_m("reason-name", {"words": ", ".join(sorted(s.words & t.words))}))
            score += 0.3 * sim
            if same_kind:
                info = arch.framework.kind(t.kind)
                kind_name = (_bi(info) if info is not None and t.kind in s.kinds else
                             _bi(value_lists().get("object_kinds", t.object_type)) if t.object_type else t.kind)
                reasons.append(_m("reason-kind", {"kind": kind_name}))
                score += 0.1
            if same_layer:
                reasons.append(_m("reason-layer", {"layer": _layer_name(t.layer)}))
                score += 0.1
            common_scope = sorted(s.scope & set(t.scope))
            if common_scope:
                reasons.append(_m("reason-scope", {"scope": join(
                    _bi(value_lists().get("scopes", x)) for x in common_scope)}))
                score += 0.05
            if t.national:
                reasons.append(_m("reason-national"))
            out.append(Candidate(s.label, s.obj.path, t, round(min(score, 1.0), 2), tuple(reasons)))
    out.sort(key=lambda c: (c.subject_path, -c.score, c.target.code))
    return tuple(out)


# -- the checks --------------------------------------------------------------------------------------

Result = tuple[Outcome, list[Evidence]]


def _resolve(code: str, ctx: Context) -> str | ArchObject | None:
    """What a connection's end names: ``"own"`` (an object of the proposal), an object of the architecture,
    or None."""
    new_codes = {fold(c) for c in value_lists().new_codes}
    objects = ctx.proposal.objects or ()
    for o in objects:
        if (o.code and o.code.casefold() == code.strip().casefold()) or (o.name and fold(o.name) == fold(code)):
            return "own" if o.code is None or ctx.arch.lookup(o.code) is None else ctx.arch.lookup(o.code)
    if fold(code) in new_codes and any(o.code is None for o in objects):
        return "own"
    return ctx.arch.lookup(code)


def _position(ctx: Context) -> Result:
    p = ctx.proposal
    ev: list[Evidence] = []
    ok = True
    if not p.objects:
        ok = False
        ev.append(Evidence(_m("no-objects"), ("objects",)))
    for o in p.objects or ():
        if o.code is not None:
            t = ctx.arch.lookup(o.code)
            if t is None:
                ok = False
                ev.append(Evidence(_m("object-unknown", {"object": o.label, "code": o.code}), o.path))
            else:
                ev.append(Evidence(_m("object-maps", {"object": o.label, "target": t.label,
                                                           "layer": _layer_name(t.layer)}), o.path))
            continue
        if o.layer is None:
            ok = False
            ev.append(Evidence(_m("new-object-no-layer", {"object": o.label}), o.path))
            continue
        comp = value_lists().get("components", o.component) if o.component else None
        if comp is not None and comp.layer is not None and comp.layer != o.layer:
            ok = False
            ev.append(Evidence(_m("component-not-in-layer", {"object": o.label, "component": _bi(comp),
                                                                  "layer": _layer_name(o.layer)}), o.path))
        elif comp is None and o.layer.startswith("L"):
            ev.append(Evidence(_m("new-object-no-component", {"object": o.label,
                                                                   "layer": _layer_name(o.layer)}), o.path))
        else:
            ev.append(Evidence(_m("new-object-placed", {"object": o.label, "layer": _layer_name(o.layer),
                                                             "component": _bi(comp) if comp else "—"}), o.path))
    if p.connections is None:
        ok = False
        ev.append(Evidence(_m("no-connections"), ("connections",)))
    elif not p.connections:
        ev.append(Evidence(_m("states-no-connections"), ("connections",)))
    for c in p.connections or ():
        ends = [_resolve(code, ctx) for code in (c.source, c.target)]
        unknown = next((code for code, end in zip((c.source, c.target), ends, strict=True) if end is None), None)
        if unknown is not None:
            ok = False
            ev.append(Evidence(_m("connection-unknown", {"source": c.source, "target": c.target,
                                                              "code": unknown}), c.path))
            continue
        source, target = (e.label if isinstance(e, ArchObject) else code
                          for e, code in zip(ends, (c.source, c.target), strict=True))
        ev.append(Evidence(_m("connection-resolved-via" if c.via else "connection-resolved",
                                   {"source": source, "target": target, "via": c.via or ""}), c.path))
    return (Outcome.PASSED if ok else Outcome.FAILED), ev


def _interfaces(ctx: Context) -> Result:
    ev = [Evidence(_m("interfaces-basis"))]
    for c in ctx.proposal.connections or ():
        key = "connection-data" if c.data else "connection-no-data"
        ev.append(Evidence(_m(key, {"source": c.source, "target": c.target, "data": c.data or ""}), c.path))
    return Outcome.CANNOT_VERIFY, ev


def _cloud_first(ctx: Context) -> Result:
    p = ctx.proposal
    if p.hosting is None:
        return Outcome.CANNOT_VERIFY, [Evidence(_m("hosting-unstated"), ("hosting",))]
    if p.hosting == "cloud":
        return Outcome.PASSED, [Evidence(_m("hosting-cloud"), ("hosting",))]
    where = _bi(value_lists().get("hosting", p.hosting))
    if p.hosting_note:
        return Outcome.PASSED, [Evidence(_m("hosting-reason", {"hosting": where, "note": p.hosting_note}),
                                         ("hosting_note",))]
    return Outcome.FAILED, [Evidence(_m("hosting-no-reason", {"hosting": where}), ("hosting",))]


def _security_level(ctx: Context) -> Result:
    p = ctx.proposal
    if p.security_level is None:
        return Outcome.FAILED, [Evidence(_m("level-missing"), ("security_level",))]
    if p.security_basis:
        return Outcome.PASSED, [Evidence(_m("level-stated", {"level": str(p.security_level),
                                                                  "basis": p.security_basis}), ("security_level",))]
    return Outcome.PASSED, [Evidence(_m("level-no-basis", {"level": str(p.security_level)}),
                                     ("security_level",))]


def _match_group(item: str, groups: Sequence[DataGroup]) -> tuple[DataGroup, str] | None:
    for g in groups:
        for term in (g.vi, *g.terms):
            if contains_phrase(item, term):
                return g, term
    return None


def _master_data(ctx: Context) -> Result:
    p = ctx.proposal
    if p.master_data is None:
        return Outcome.CANNOT_VERIFY, [Evidence(_m("master-unstated"), ("master_data",))]
    if not p.master_data:
        return Outcome.PASSED, [Evidence(_m("master-none"), ("master_data",))]
    own = {s.existing.id for s in ctx.subjects if s.existing is not None}
    ev: list[Evidence] = []
    outcomes: list[Outcome] = []
    for i, item in enumerate(p.master_data):
        path: ModelPath = ("master_data", i)
        hit = _match_group(item, [g for g in ctx.groups if g.confirmed])
        if hit is not None:
            g, term = hit
            holder_name = Text(g.holder_en, g.holder_vi)
            ev.append(Evidence(_m("master-national", {"item": item, "group": _bi(g), "holder": holder_name,
                                                           "term": term}), path))
            outcomes.append(Outcome.FAILED)
            continue
        holder = next(((t, e) for t in ctx.arch.objects if t.id not in own for e in t.master_data
                       if contains_phrase(item, e) or contains_phrase(e, item)), None)
        if holder is not None:
            ev.append(Evidence(_m("master-province", {"item": item, "holder": holder[0].label,
                                                           "entry": holder[1]}), path))
            outcomes.append(Outcome.FAILED)
            continue
        hit = _match_group(item, [g for g in ctx.groups if not g.confirmed])
        if hit is not None:
            g, term = hit
            ev.append(Evidence(_m("master-national-unconfirmed", {"item": item, "group": _bi(g),
                                                                       "holder": Text(g.holder_en, g.holder_vi),
                                                                       "term": term}), path))
            outcomes.append(Outcome.CANNOT_VERIFY)
            continue
        ev.append(Evidence(_m("master-own", {"item": item}), path))
        outcomes.append(Outcome.PASSED)
    for o in (Outcome.FAILED, Outcome.CANNOT_VERIFY):
        if o in outcomes:
            return o, ev
    return Outcome.PASSED, ev


def _basis_only(key: str) -> Callable[[Context], Result]:
    def check(ctx: Context) -> Result:
        return Outcome.CANNOT_VERIFY, [Evidence(_m(key))]
    return check


def _candidate_evidence(cands: Sequence[Candidate]) -> list[Evidence]:
    return [Evidence(_m("candidate", {"object": c.subject, "target": c.target.label,
                                           "score": f"{c.score:.2f}"}), c.subject_path) for c in cands]


def _reuse(ctx: Context) -> Result:
    if ctx.proposal.objects is None:
        return Outcome.CANNOT_VERIFY, [Evidence(_m("objects-unstated"), ("objects",))]
    ev: list[Evidence] = []
    outcome = Outcome.PASSED
    for s in ctx.subjects:
        if s.existing is not None:
            treatment = _bi(value_lists().get("treatments", s.obj.treatment)) if s.obj.treatment else "—"
            ev.append(Evidence(_m("builds-on-existing", {"object": s.label, "treatment": treatment}), s.obj.path))
            continue
        mine = [c for c in ctx.candidates if c.subject_path == s.obj.path]
        if mine:
            outcome = Outcome.CANNOT_VERIFY
            ev.extend(_candidate_evidence(mine))
        else:
            ev.append(Evidence(_m("no-candidate", {"object": s.label}), s.obj.path))
    if not ctx.subjects:
        return Outcome.CANNOT_VERIFY, [Evidence(_m("no-objects"), ("objects",))]
    return outcome, ev


def _no_duplicate_shared(ctx: Context) -> Result:
    outcome, ev = _reuse(ctx)
    extra = [c for c in ctx.candidates if any(s.existing is not None and s.obj.path == c.subject_path
                                              for s in ctx.subjects)]
    if extra:
        ev.extend(_candidate_evidence(extra))
        outcome = Outcome.CANNOT_VERIFY
    return outcome, ev


def _no_similar_national(ctx: Context) -> Result:
    if ctx.proposal.objects is None:
        return Outcome.CANNOT_VERIFY, [Evidence(_m("objects-unstated"), ("objects",))]
    national = [c for c in ctx.candidates if c.target.national]
    if national:
        return Outcome.CANNOT_VERIFY, _candidate_evidence(national)
    return Outcome.PASSED, [Evidence(_m("no-national-candidate", {"framework": ctx.arch.framework.id}))]


def _mentions(via: str, *words: str) -> bool:
    folded = fold(via)
    return any(f" {w} " in f" {folded} " for w in words)


def _sharing_route(ctx: Context) -> Result:
    conns = ctx.proposal.connections
    if not conns:
        return Outcome.NOT_APPLICABLE, [Evidence(_m("no-connections-route"), ("connections",))]
    ev: list[Evidence] = []
    outcomes: list[Outcome] = []
    for c in conns:
        ends = [_resolve(code, ctx) for code in (c.source, c.target)]
        objs = [e for e in ends if isinstance(e, ArchObject)]
        national = next((o for o in objs if o.national), None)
        params = {"source": c.source, "target": c.target, "via": c.via or ""}
        if national is None:
            ev.append(Evidence(_m("route-internal", params), c.path))
            outcomes.append(Outcome.PASSED)
            continue
        params["national"] = national.label
        platform_end = any(o.kind == "integration-platform" for o in objs)
        via_objs = [ctx.arch.lookup(v.strip()) for v in (c.via or "").split(",") if v.strip()]
        through_platform = platform_end or (c.via is not None and (
            _mentions(c.via, "lgsp", "ldop") or any(v is not None and v.kind == "integration-platform"
                                                   for v in via_objs)))
        agent = (c.via is not None and (_mentions(c.via, "agent node") or any(
            v is not None and v.kind == "agent-node" for v in via_objs))) or any(o.kind == "agent-node" for o in objs)
        if c.via is None and not platform_end:
            ev.append(Evidence(_m("route-unstated", params), c.path))
            outcomes.append(Outcome.CANNOT_VERIFY)
        elif not through_platform:
            ev.append(Evidence(_m("route-bypass", params), c.path))
            outcomes.append(Outcome.FAILED)
        elif national.kind == "national-data-coordination-platform" and not agent:
            if c.via is None:
                ev.append(Evidence(_m("route-unstated", params), c.path))
                outcomes.append(Outcome.CANNOT_VERIFY)
            else:
                ev.append(Evidence(_m("route-no-agent", params), c.path))
                outcomes.append(Outcome.FAILED)
        else:
            ev.append(Evidence(_m("route-ok", {**params, "via": c.via or national.label}), c.path))
            outcomes.append(Outcome.PASSED)
    for o in (Outcome.FAILED, Outcome.CANNOT_VERIFY):
        if o in outcomes:
            return o, ev
    return Outcome.PASSED, ev


IDENTITY_KINDS = frozenset({"national-identity-system", "national-identity-platform"})
"""The e-identification and authentication system (VNeID) and platform (QĐ 1425 Appendix II no. 6, 16)."""


def _identity_level(ctx: Context) -> Result:
    p = ctx.proposal
    ev: list[Evidence] = []
    outcomes: list[Outcome] = []
    for c in p.connections or ():
        ends = [_resolve(code, ctx) for code in (c.source, c.target)]
        national = next((e for e in ends if isinstance(e, ArchObject) and e.kind in IDENTITY_KINDS), None)
        if national is None:
            continue
        params = {"source": c.source, "target": c.target, "national": national.label,
                  "level": str(p.security_level)}
        if p.security_level is None:
            ev.append(Evidence(_m("identity-level-unstated", params), c.path))
            outcomes.append(Outcome.CANNOT_VERIFY)
        elif p.security_level < 3:
            ev.append(Evidence(_m("identity-level-low", params), ("security_level",)))
            outcomes.append(Outcome.FAILED)
        else:
            ev.append(Evidence(_m("identity-level-ok", params), c.path))
            outcomes.append(Outcome.PASSED)
    if not outcomes:
        return Outcome.NOT_APPLICABLE, [Evidence(_m("identity-none"))]
    for o in (Outcome.FAILED, Outcome.CANNOT_VERIFY):
        if o in outcomes:
            return o, ev
    return Outcome.PASSED, ev


def _conformance(ctx: Context) -> Result:
    p = ctx.proposal
    share = p.state_share()
    if share == 0.0:
        return Outcome.NOT_APPLICABLE, [Evidence(_m("not-state-funded", {"funding": p.funding or ""}),
                                                 ("funding",))]
    ev = [Evidence(_m("state-funded", {"funding": p.funding or ""}), ("funding",)) if share is not None
          else Evidence(_m("funding-unknown"), ("funding",))]
    placed, _ = _position(ctx)
    if placed is Outcome.FAILED:
        ev.append(Evidence(_m("not-positioned")))
        return (Outcome.FAILED if share is not None else Outcome.CANNOT_VERIFY), ev
    ev.append(Evidence(_m("positioned", {"province": ctx.arch.province, "framework": ctx.arch.framework.id})))
    if not (p.linked_nd or p.linked_nv):
        ev.append(Evidence(_m("not-linked"), ("linked",)))
        return Outcome.CANNOT_VERIFY, ev
    ev.append(Evidence(_m("linked", {"nd": ", ".join(p.linked_nd or ()) or "—",
                                          "nv": ", ".join(p.linked_nv or ()) or "—"}), ("linked",)))
    return (Outcome.PASSED if share is not None else Outcome.CANNOT_VERIFY), ev


CHECKS: Mapping[str, Callable[[Context], Result]] = {
    "reuse": _reuse,
    "cloud-first": _cloud_first,
    "position": _position,
    "interfaces": _interfaces,
    "security-level": _security_level,
    "master-data": _master_data,
    "user-centred": _basis_only("user-centred-basis"),
    "modular": _basis_only("modular-basis"),
    "conformance": _conformance,
    "no-duplicate-shared": _no_duplicate_shared,
    "no-similar-national": _no_similar_national,
    "sharing-route": _sharing_route,
    "identity-level": _identity_level,
}
"""Check name (the criteria file's ``check``) → the function that evaluates it."""


def appraise(proposal: Proposal, arch: Architecture, as_of: dt.date,
             selected: Sequence[Criterion] | None = None) -> Appraisal:
    """Appraise ``proposal`` against ``arch`` on ``as_of``: every criterion (in force or not) and the
    duplicate candidates."""
    fns = functions()
    subjects = _subjects(proposal, arch, fns)
    ctx = Context(proposal, arch, as_of, subjects, duplicates(subjects, arch, fns), data_groups(), fns)
    sections = []
    for crit in selected if selected is not None else criteria():
        if not crit.in_force(as_of):
            key, params = (("ceased", {"until": str(crit.until)}) if crit.until and as_of >= crit.until
                           else ("not-in-force", {"effective": str(crit.effective)}))
            sections.append(Section(crit, Outcome.NOT_APPLICABLE,
                                    (Evidence(_m(key, {"date": str(as_of), **params})),)))
            continue
        outcome, ev = CHECKS[crit.check](ctx)
        sections.append(Section(crit, outcome, tuple(ev)))
    return Appraisal(proposal, arch, as_of, tuple(sections), ctx.candidates)


__all__ = ["CHECKS", "OUTCOME_TEXT", "Appraisal", "Candidate", "Evidence", "Message", "Outcome", "Section", "appraise",
           "duplicates"]
