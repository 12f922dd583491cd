"""Appraise a project proposal against a province's architecture and the law in force on a date.

One section per criterion of archcheck/law/appraisal-criteria.yaml, each evaluated by the check its
entry names (:data:`CHECKS`, a table of small functions), with an outcome (passed / failed / cannot verify /
not applicable) and its evidence; and the duplicate candidates (:func:`duplicates`): advice for the
appraiser, never a failure by itself.

Every sentence is a message key with parameters; :data:`MESSAGES` holds each key's English and
Vietnamese text, so a report in either language is written from the same values.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence

from archcheck.check.architecture import Architecture, ArchObject, families_in, kinds_in, layer_of
from archcheck.findings import ModelPath
from archcheck.law.appraisal import Criterion, DataGroup, Functions, criteria, data_groups, functions
from archcheck.read.proposal import Proposal, ProposedObject, value_lists
from archcheck.read.words import contains_phrase, content_words, fold, similarity
from archcheck.values import field, record


class Outcome(enum.StrEnum):
    """What a criterion's check concluded."""

    PASSED = "passed"
    FAILED = "failed"
    CANNOT_VERIFY = "cannot-verify"
    """chưa đủ cơ sở đánh giá: the proposal or the architecture does not give what the criterion needs."""
    NOT_APPLICABLE = "not-applicable"


OUTCOME_TEXT: Mapping[Outcome, tuple[str, str]] = {
    Outcome.PASSED: ("passed", "đạt"),
    Outcome.FAILED: ("failed", "không đạt"),
    Outcome.CANNOT_VERIFY: ("cannot verify", "chưa đủ cơ sở đánh giá"),
    Outcome.NOT_APPLICABLE: ("not applicable", "không áp dụng"),
}

MESSAGES: Mapping[str, tuple[str, str]] = {
    # applicability
    "not-in-force": ("not in force on {date}: binds from {effective}",
                     "chưa có hiệu lực vào ngày {date}: áp dụng từ ngày {effective}"),
    "ceased": ("no longer in force on {date}: ceased on {until}", "hết hiệu lực vào ngày {date}: từ ngày {until}"),
    # position and connections (23(3)(a))
    "no-objects": ("the proposal names no object of the architecture it builds or changes (`objects`)",
                   "đề xuất không nêu đối tượng nào của kiến trúc mà dự án xây dựng hoặc thay đổi (`objects`)"),
    "object-maps": ("{object} is {target} of the architecture, layer {layer}",
                    "{object} là {target} của kiến trúc, lớp {layer}"),
    "object-unknown": ("{object}: no object of the architecture has the code {code}",
                       "{object}: kiến trúc không có đối tượng mã {code}"),
    "new-object-placed": ("{object} is new, in layer {layer}, component {component}",
                          "{object} là đối tượng mới, thuộc lớp {layer}, thành phần {component}"),
    "new-object-no-layer": ("{object} is new and its layer in the architecture is not stated",
                            "{object} là đối tượng mới nhưng không nêu lớp kiến trúc"),
    "new-object-no-component": ("{object} is new, in layer {layer}; its component in the layer is not stated",
                                "{object} là đối tượng mới, thuộc lớp {layer}; chưa nêu thành phần trong lớp"),
    "component-not-in-layer": ("{object}: component {component} is not part of layer {layer}",
                               "{object}: thành phần {component} không thuộc lớp {layer}"),
    "no-connections": ("the proposal does not state its connections (`connections`)",
                       "đề xuất không nêu các kết nối (`connections`)"),
    "states-no-connections": ("the proposal states that it has no connections",
                              "đề xuất nêu rõ không có kết nối"),
    "connection-resolved": ("connection {source} → {target}", "kết nối {source} → {target}"),
    "connection-resolved-via": ("connection {source} → {target} via {via}", "kết nối {source} → {target} qua {via}"),
    "connection-unknown": ("connection {source} → {target}: {code} is neither an object of the proposal, "
                           "of the architecture, nor a national platform",
                           "kết nối {source} → {target}: {code} không phải đối tượng của đề xuất, của kiến "
                           "trúc, cũng không phải nền tảng quốc gia"),
    # interfaces 23(3)(b)-(c)
    "interfaces-basis": ("the proposal format does not describe API services or the standards used; "
                         "basis needed: the technical design (thiết kế cơ sở)",
                         "mẫu đề xuất không mô tả dịch vụ API và tiêu chuẩn áp dụng; cần căn cứ: "
                         "hồ sơ thiết kế cơ sở"),
    "connection-data": ("connection {source} → {target} exchanges: {data}",
                        "kết nối {source} → {target} trao đổi: {data}"),
    "connection-no-data": ("connection {source} → {target}: what it exchanges is not stated",
                           "kết nối {source} → {target}: chưa nêu dữ liệu/dịch vụ trao đổi"),
    # cloud first 23(2)(a)
    "hosting-unstated": ("the proposal does not say where the system runs (`hosting`)",
                         "đề xuất không nêu nơi triển khai hệ thống (`hosting`)"),
    "hosting-cloud": ("it runs in the cloud", "triển khai trên điện toán đám mây"),
    "hosting-reason": ("it runs on {hosting}, for this reason: {note}", "triển khai tại {hosting}, lý do: {note}"),
    "hosting-no-reason": ("it runs on {hosting} and gives no reason for not using the cloud (`hosting_note`)",
                          "triển khai tại {hosting} nhưng không nêu lý do không dùng điện toán đám mây "
                          "(`hosting_note`)"),
    # security level 23(4)(a)
    "level-stated": ("security level {level} is fixed at design; basis: {basis}",
                     "cấp độ an toàn {level} được xác định khi thiết kế; căn cứ: {basis}"),
    "level-no-basis": ("security level {level} is fixed at design; its basis is not stated (`security_basis`)",
                       "cấp độ an toàn {level} được xác định khi thiết kế; chưa nêu căn cứ (`security_basis`)"),
    "level-missing": ("the security level is not fixed in the design (`security_level`)",
                      "thiết kế chưa xác định cấp độ an toàn hệ thống thông tin (`security_level`)"),
    # master data 23(5)(b)
    "master-unstated": ("the proposal does not say which data it keeps as master copy (`master_data`)",
                        "đề xuất không nêu dữ liệu chủ mà hệ thống lưu giữ (`master_data`)"),
    "master-none": ("it keeps no master data of its own", "hệ thống không lưu giữ dữ liệu chủ"),
    "master-national": ("'{item}' is {group}, which {holder} holds as master copy (matched: '{term}'); "
                        "read it online instead of keeping a copy",
                        "'{item}' là {group}, dữ liệu chủ do {holder} lưu giữ (khớp: '{term}'); cần khai thác "
                        "trực tuyến thay vì lưu bản sao"),
    "master-national-unconfirmed": ("'{item}' may be {group}, held by {holder} (matched: '{term}'); what "
                                    "that database holds is not confirmed in a source",
                                    "'{item}' có thể là {group} do {holder} lưu giữ (khớp: '{term}'); nội dung "
                                    "cơ sở dữ liệu này chưa được xác nhận từ nguồn"),
    "master-province": ("'{item}' is already kept as master data by {holder} of the architecture ('{entry}')",
                        "'{item}' đã là dữ liệu chủ của {holder} trong kiến trúc ('{entry}')"),
    "master-own": ("'{item}': no national database or other object of the architecture is known to hold it",
                   "'{item}': không có cơ sở dữ liệu quốc gia hay đối tượng nào khác của kiến trúc được biết "
                   "là lưu giữ dữ liệu này"),
    # 23(6), 23(7)
    "user-centred-basis": ("the proposal format does not describe users, channels or accessibility; basis "
                           "needed: the design dossier", "mẫu đề xuất không mô tả người dùng, kênh tương tác và "
                           "khả năng tiếp cận; cần căn cứ: hồ sơ thiết kế"),
    "modular-basis": ("the proposal format does not describe modules or vendor-specific features; basis needed: "
                      "the technical design", "mẫu đề xuất không mô tả mô-đun và tính năng đặc thù của nhà cung "
                      "cấp; cần căn cứ: hồ sơ thiết kế cơ sở"),
    # reuse 23(1), QĐ 1425 III.3, QĐ 1132
    "objects-unstated": ("the proposal does not state its objects, so what it reuses cannot be judged",
                         "đề xuất không nêu đối tượng nên chưa đánh giá được việc tái sử dụng"),
    "builds-on-existing": ("{object} builds on an existing object of the architecture ({treatment})",
                           "{object} kế thừa đối tượng sẵn có của kiến trúc ({treatment})"),
    "no-candidate": ("{object}: no object of the architecture or national platform with the same function "
                     "was found", "{object}: không thấy đối tượng của kiến trúc hay nền tảng quốc gia có cùng "
                     "chức năng"),
    "candidate": ("{object} may duplicate {target} (score {score}); the appraiser decides whether reusing it "
                  "cannot meet the need (QĐ 1425 Art. 2(1)(d))",
                  "{object} có thể trùng lặp {target} (điểm {score}); người thẩm định quyết định việc tái sử "
                  "dụng có đáp ứng được yêu cầu hay không (QĐ 1425 Điều 2(1)(d))"),
    "no-national-candidate": ("no object resembles a national shared platform of framework {framework}",
                              "không đối tượng nào tương tự nền tảng số dùng chung quốc gia của khung {framework}"),
    # NĐ 278 Art. 7
    "route-internal": ("connection {source} → {target} stays inside the province",
                       "kết nối {source} → {target} trong nội bộ tỉnh"),
    "route-ok": ("connection {source} → {target} runs through {via}", "kết nối {source} → {target} qua {via}"),
    "route-unstated": ("connection {source} → {target} reaches {national}; its route is not stated (`via`)",
                       "kết nối {source} → {target} tới {national}; chưa nêu kênh kết nối (`via`)"),
    "route-bypass": ("connection {source} → {target} reaches {national} without the provincial platform "
                     "(LGSP/LDOP): via {via}",
                     "kết nối {source} → {target} tới {national} không qua nền tảng cấp tỉnh (LGSP/LDOP): "
                     "qua {via}"),
    "route-no-agent": ("connection {source} → {target} reaches NDOP without an Agent Node: via {via}",
                       "kết nối {source} → {target} tới NDOP không qua Agent Node: qua {via}"),
    "no-connections-route": ("the proposal states no connections", "đề xuất không nêu kết nối nào"),
    # NĐ 69/2024 Art. 18(1)
    "identity-none": ("it does not connect to the e-identification platform or VNeID",
                      "hệ thống không kết nối với nền tảng định danh và xác thực điện tử hay VNeID"),
    "identity-level-ok": ("connection {source} → {target} reaches {national}; security level {level}",
                          "kết nối {source} → {target} tới {national}; cấp độ an toàn {level}"),
    "identity-level-low": ("connection {source} → {target} reaches {national}, but the security level is {level}",
                           "kết nối {source} → {target} tới {national} nhưng cấp độ an toàn là {level}"),
    "identity-level-unstated": ("connection {source} → {target} reaches {national}; the security level is not "
                                "stated", "kết nối {source} → {target} tới {national}; chưa nêu cấp độ an toàn"),
    # Art. 37(1)
    "not-state-funded": ("funding '{funding}' has no state-budget share",
                         "nguồn vốn '{funding}' không có ngân sách nhà nước"),
    "funding-unknown": ("the state-budget share is not stated (`funding`)",
                        "chưa nêu tỷ lệ ngân sách nhà nước (`funding`)"),
    "state-funded": ("state-funded: {funding}", "sử dụng ngân sách nhà nước: {funding}"),
    "not-positioned": ("its place in the architecture is not shown (see NĐ 224/2026/NĐ-CP Art. 23(3)(a))",
                       "chưa thể hiện vị trí trong kiến trúc (xem Nghị định 224/2026/NĐ-CP Điều 23(3)(a))"),
    "positioned": ("every object has its place in {province}'s architecture (framework {framework})",
                   "mọi đối tượng có vị trí trong kiến trúc của {province} (khung {framework})"),
    "linked": ("it carries out the roadmap's gaps {nd} and tasks {nv}",
               "thực hiện nội dung cần hoàn thiện {nd} và nhiệm vụ {nv} của lộ trình"),
    "not-linked": ("it names no gap (ND-) or task (NV-) of the architecture's roadmap (`linked`)",
                   "không nêu nội dung cần hoàn thiện (ND-) hay nhiệm vụ (NV-) nào của lộ trình (`linked`)"),
    # duplicate reasons
    "reason-function": ("same function: {family}", "cùng chức năng: {family}"),
    "reason-kind": ("same kind: {kind}", "cùng loại: {kind}"),
    "reason-layer": ("same layer: {layer}", "cùng lớp: {layer}"),
    "reason-name": ("similar names (shared words: {words})", "tên tương tự (từ chung: {words})"),
    "reason-scope": ("overlapping scope: {scope}", "phạm vi sử dụng trùng: {scope}"),
    "reason-national": ("a national shared platform", "nền tảng số dùng chung quốc gia"),
    "new-object": ("new object", "đối tượng mới"),
}
"""Every sentence of an appraisal: key → (English, Vietnamese), formatted with the message's parameters."""


@record
class Message:
    """A sentence as a key of :data:`MESSAGES` and its parameters (strings)."""

    key: str
    params: Mapping[str, str] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The sentence in ``lang`` (``en`` or ``vi``)."""
        en, vi = MESSAGES[self.key]
        return (vi if lang == "vi" else en).format(**self.params)


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


def _layer_name(layer: str | None, lang: str = "vi") -> str:
    if layer is None:
        return "?"
    v = value_lists().get("layers", layer)
    return f"{layer} {v.vi if lang == 'vi' else v.en}"


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
                reasons.append(Message("reason-function", {"family": fam.vi}))
                score += 0.45
            if sim >= NAME_SIMILARITY:
                reasons.append(Message("reason-name", {"words": ", ".join(sorted(s.words & t.words))}))
            score += 0.3 * sim
            if same_kind:
                info = arch.framework.kind(t.kind)
                kind_name = (info.vi if info is not None and t.kind in s.kinds else
                             value_lists().get("object_kinds", t.object_type).vi if t.object_type else t.kind)
                reasons.append(Message("reason-kind", {"kind": kind_name}))
                score += 0.1
            if same_layer:
                reasons.append(Message("reason-layer", {"layer": _layer_name(t.layer)}))
                score += 0.1
            common_scope = sorted(s.scope & set(t.scope))
            if common_scope:
                reasons.append(Message("reason-scope", {"scope": ", ".join(
                    value_lists().get("scopes", x).vi for x in common_scope)}))
                score += 0.05
            if t.national:
                reasons.append(Message("reason-national"))
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
        ev.append(Evidence(Message("no-objects"), ("objects",)))
    for o in p.objects or ():
        if o.code is not None:
            t = ctx.arch.lookup(o.code)
            if t is None:
                ok = False
                ev.append(Evidence(Message("object-unknown", {"object": o.label, "code": o.code}), o.path))
            else:
                ev.append(Evidence(Message("object-maps", {"object": o.label, "target": t.label,
                                                           "layer": _layer_name(t.layer)}), o.path))
            continue
        if o.layer is None:
            ok = False
            ev.append(Evidence(Message("new-object-no-layer", {"object": o.label}), o.path))
            continue
        comp = value_lists().get("components", o.component) if o.component else None
        if comp is not None and comp.layer is not None and comp.layer != o.layer:
            ok = False
            ev.append(Evidence(Message("component-not-in-layer", {"object": o.label, "component": comp.vi,
                                                                  "layer": _layer_name(o.layer)}), o.path))
        elif comp is None and o.layer.startswith("L"):
            ev.append(Evidence(Message("new-object-no-component", {"object": o.label,
                                                                   "layer": _layer_name(o.layer)}), o.path))
        else:
            ev.append(Evidence(Message("new-object-placed", {"object": o.label, "layer": _layer_name(o.layer),
                                                             "component": comp.vi if comp else "—"}), o.path))
    if p.connections is None:
        ok = False
        ev.append(Evidence(Message("no-connections"), ("connections",)))
    elif not p.connections:
        ev.append(Evidence(Message("states-no-connections"), ("connections",)))
    for c in p.connections or ():
        ends = [_resolve(code, ctx) for code in (c.source, c.target)]
        unknown = next((code for code, end in zip((c.source, c.target), ends, strict=True) if end is None), None)
        if unknown is not None:
            ok = False
            ev.append(Evidence(Message("connection-unknown", {"source": c.source, "target": c.target,
                                                              "code": unknown}), c.path))
            continue
        source, target = (e.label if isinstance(e, ArchObject) else code
                          for e, code in zip(ends, (c.source, c.target), strict=True))
        ev.append(Evidence(Message("connection-resolved-via" if c.via else "connection-resolved",
                                   {"source": source, "target": target, "via": c.via or ""}), c.path))
    return (Outcome.PASSED if ok else Outcome.FAILED), ev


def _interfaces(ctx: Context) -> Result:
    ev = [Evidence(Message("interfaces-basis"))]
    for c in ctx.proposal.connections or ():
        key = "connection-data" if c.data else "connection-no-data"
        ev.append(Evidence(Message(key, {"source": c.source, "target": c.target, "data": c.data or ""}), c.path))
    return Outcome.CANNOT_VERIFY, ev


def _cloud_first(ctx: Context) -> Result:
    p = ctx.proposal
    if p.hosting is None:
        return Outcome.CANNOT_VERIFY, [Evidence(Message("hosting-unstated"), ("hosting",))]
    if p.hosting == "cloud":
        return Outcome.PASSED, [Evidence(Message("hosting-cloud"), ("hosting",))]
    where = value_lists().get("hosting", p.hosting).vi
    if p.hosting_note:
        return Outcome.PASSED, [Evidence(Message("hosting-reason", {"hosting": where, "note": p.hosting_note}),
                                         ("hosting_note",))]
    return Outcome.FAILED, [Evidence(Message("hosting-no-reason", {"hosting": where}), ("hosting",))]


def _security_level(ctx: Context) -> Result:
    p = ctx.proposal
    if p.security_level is None:
        return Outcome.FAILED, [Evidence(Message("level-missing"), ("security_level",))]
    if p.security_basis:
        return Outcome.PASSED, [Evidence(Message("level-stated", {"level": str(p.security_level),
                                                                  "basis": p.security_basis}), ("security_level",))]
    return Outcome.PASSED, [Evidence(Message("level-no-basis", {"level": str(p.security_level)}),
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
        return Outcome.CANNOT_VERIFY, [Evidence(Message("master-unstated"), ("master_data",))]
    if not p.master_data:
        return Outcome.PASSED, [Evidence(Message("master-none"), ("master_data",))]
    own = {s.existing.id for s in ctx.subjects if s.existing is not None}
    ev: list[Evidence] = []
    outcomes: list[Outcome] = []
    for i, item in enumerate(p.master_data):
        path: ModelPath = ("master_data", i)
        hit = _match_group(item, [g for g in ctx.groups if g.confirmed])
        if hit is not None:
            g, term = hit
            ev.append(Evidence(Message("master-national", {"item": item, "group": g.vi, "holder": g.holder_vi,
                                                           "term": term}), path))
            outcomes.append(Outcome.FAILED)
            continue
        holder = next(((t, e) for t in ctx.arch.objects if t.id not in own for e in t.master_data
                       if contains_phrase(item, e) or contains_phrase(e, item)), None)
        if holder is not None:
            ev.append(Evidence(Message("master-province", {"item": item, "holder": holder[0].label,
                                                           "entry": holder[1]}), path))
            outcomes.append(Outcome.FAILED)
            continue
        hit = _match_group(item, [g for g in ctx.groups if not g.confirmed])
        if hit is not None:
            g, term = hit
            ev.append(Evidence(Message("master-national-unconfirmed", {"item": item, "group": g.vi,
                                                                       "holder": g.holder_vi, "term": term}), path))
            outcomes.append(Outcome.CANNOT_VERIFY)
            continue
        ev.append(Evidence(Message("master-own", {"item": item}), path))
        outcomes.append(Outcome.PASSED)
    for o in (Outcome.FAILED, Outcome.CANNOT_VERIFY):
        if o in outcomes:
            return o, ev
    return Outcome.PASSED, ev


def _basis_only(key: str) -> Callable[[Context], Result]:
    def check(ctx: Context) -> Result:
        return Outcome.CANNOT_VERIFY, [Evidence(Message(key))]
    return check


def _candidate_evidence(cands: Sequence[Candidate]) -> list[Evidence]:
    return [Evidence(Message("candidate", {"object": c.subject, "target": c.target.label,
                                           "score": f"{c.score:.2f}"}), c.subject_path) for c in cands]


def _reuse(ctx: Context) -> Result:
    if ctx.proposal.objects is None:
        return Outcome.CANNOT_VERIFY, [Evidence(Message("objects-unstated"), ("objects",))]
    ev: list[Evidence] = []
    outcome = Outcome.PASSED
    for s in ctx.subjects:
        if s.existing is not None:
            treatment = value_lists().get("treatments", s.obj.treatment).vi if s.obj.treatment else "—"
            ev.append(Evidence(Message("builds-on-existing", {"object": s.label, "treatment": treatment}), s.obj.path))
            continue
        mine = [c for c in ctx.candidates if c.subject_path == s.obj.path]
        if mine:
            outcome = Outcome.CANNOT_VERIFY
            ev.extend(_candidate_evidence(mine))
        else:
            ev.append(Evidence(Message("no-candidate", {"object": s.label}), s.obj.path))
    if not ctx.subjects:
        return Outcome.CANNOT_VERIFY, [Evidence(Message("no-objects"), ("objects",))]
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
        return Outcome.CANNOT_VERIFY, [Evidence(Message("objects-unstated"), ("objects",))]
    national = [c for c in ctx.candidates if c.target.national]
    if national:
        return Outcome.CANNOT_VERIFY, _candidate_evidence(national)
    return Outcome.PASSED, [Evidence(Message("no-national-candidate", {"framework": ctx.arch.framework.id}))]


def _mentions(via: str, *words: str) -> bool:
    folded = fold(via)
    return any(f" {w} " in f" {folded} " for w in words)


def _sharing_route(ctx: Context) -> Result:
    conns = ctx.proposal.connections
    if not conns:
        return Outcome.NOT_APPLICABLE, [Evidence(Message("no-connections-route"), ("connections",))]
    ev: list[Evidence] = []
    outcomes: list[Outcome] = []
    for c in conns:
        ends = [_resolve(code, ctx) for code in (c.source, c.target)]
        objs = [e for e in ends if isinstance(e, ArchObject)]
        national = next((o for o in objs if o.national), None)
        params = {"source": c.source, "target": c.target, "via": c.via or ""}
        if national is None:
            ev.append(Evidence(Message("route-internal", params), c.path))
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
            ev.append(Evidence(Message("route-unstated", params), c.path))
            outcomes.append(Outcome.CANNOT_VERIFY)
        elif not through_platform:
            ev.append(Evidence(Message("route-bypass", params), c.path))
            outcomes.append(Outcome.FAILED)
        elif national.kind == "national-data-coordination-platform" and not agent:
            if c.via is None:
                ev.append(Evidence(Message("route-unstated", params), c.path))
                outcomes.append(Outcome.CANNOT_VERIFY)
            else:
                ev.append(Evidence(Message("route-no-agent", params), c.path))
                outcomes.append(Outcome.FAILED)
        else:
            ev.append(Evidence(Message("route-ok", {**params, "via": c.via or national.label}), c.path))
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
            ev.append(Evidence(Message("identity-level-unstated", params), c.path))
            outcomes.append(Outcome.CANNOT_VERIFY)
        elif p.security_level < 3:
            ev.append(Evidence(Message("identity-level-low", params), ("security_level",)))
            outcomes.append(Outcome.FAILED)
        else:
            ev.append(Evidence(Message("identity-level-ok", params), c.path))
            outcomes.append(Outcome.PASSED)
    if not outcomes:
        return Outcome.NOT_APPLICABLE, [Evidence(Message("identity-none"))]
    for o in (Outcome.FAILED, Outcome.CANNOT_VERIFY):
        if o in outcomes:
            return o, ev
    return Outcome.PASSED, ev


def _conformance(ctx: Context) -> Result:
    p = ctx.proposal
    share = p.state_share()
    if share == 0.0:
        return Outcome.NOT_APPLICABLE, [Evidence(Message("not-state-funded", {"funding": p.funding or ""}),
                                                 ("funding",))]
    ev = [Evidence(Message("state-funded", {"funding": p.funding or ""}), ("funding",)) if share is not None
          else Evidence(Message("funding-unknown"), ("funding",))]
    placed, _ = _position(ctx)
    if placed is Outcome.FAILED:
        ev.append(Evidence(Message("not-positioned")))
        return (Outcome.FAILED if share is not None else Outcome.CANNOT_VERIFY), ev
    ev.append(Evidence(Message("positioned", {"province": ctx.arch.province, "framework": ctx.arch.framework.id})))
    if not (p.linked_nd or p.linked_nv):
        ev.append(Evidence(Message("not-linked"), ("linked",)))
        return Outcome.CANNOT_VERIFY, ev
    ev.append(Evidence(Message("linked", {"nd": ", ".join(p.linked_nd or ()) or "—",
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
                                    (Evidence(Message(key, {"date": str(as_of), **params})),)))
            continue
        outcome, ev = CHECKS[crit.check](ctx)
        sections.append(Section(crit, outcome, tuple(ev)))
    return Appraisal(proposal, arch, as_of, tuple(sections), ctx.candidates)


__all__ = ["CHECKS", "MESSAGES", "Appraisal", "Candidate", "Evidence", "Message", "Outcome", "Section", "appraise",
           "duplicates"]
