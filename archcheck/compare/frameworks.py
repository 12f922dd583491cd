"""What changed between two framework versions, computed from the resolved frameworks and their rules.

Nothing here is written by hand: the kinds come from the resolved :class:`Framework` objects (with
``extends`` applied), the rules and their grades from the bound :class:`RuleSet`. A version compared
with itself gives an empty diff.
"""

from __future__ import annotations

import json

from archcheck.catalogue import Message, msg, word
from archcheck.check.binding import RuleSet
from archcheck.findings import Citation, Severity
from archcheck.law.frameworks import Framework, KindInfo
from archcheck.law.rules import Rule
from archcheck.values import record


@record
class KindEntry:
    """A component or national kind one version has and the other does not."""

    id: str
    en: str
    vi: str
    layer: str | None
    national: bool


@record
class KindRename:
    """A kind whose name changed (same id), or whose id changed (``renamed_from`` in the newer file)."""

    old_id: str
    new_id: str
    old_en: str
    old_vi: str
    new_en: str
    new_vi: str
    national: bool


@record
class KindMove:
    """A kind that sits in another layer of the architecture."""

    id: str
    old_layer: str | None
    new_layer: str | None
    national: bool


@record
class RuleEntry:
    """A rule one version applies and the other does not, at the severity the version gives it."""

    rule_id: str
    name: str
    title_en: str
    title_vi: str
    severity: Severity
    citation: Citation


@record
class RuleRegrade:
    """A rule both versions apply at different severities."""

    rule_id: str
    name: str
    old: Severity
    new: Severity
    citation: Citation


@record
class RuleChange:
    """A rule both versions apply whose check, parameters or lifetime differ.

    Attributes:
        aspects: (what, old, new) for each difference, e.g. ``("check", "{...}", "{...}")``.
    """

    rule_id: str
    name: str
    citation: Citation
    aspects: tuple[tuple[str, str, str], ...]

    @property
    def said(self) -> tuple[Message, ...]:
        """Each aspect as a message, ``what: old → new``, with the aspect's name and "none" as words."""
        def value(v: str) -> object:
            return msg("diff.none") if v == "none" else v

        return tuple(msg("diff.aspect", what=word("diff.aspect", what.replace("_", "-")), old=value(a), new=value(b))
                     for what, a, b in self.aspects)


@record
class FrameworkDiff:
    """Everything version ``new`` changes relative to version ``old``."""

    old: Framework
    new: Framework
    kinds_added: tuple[KindEntry, ...]
    kinds_removed: tuple[KindEntry, ...]
    kinds_renamed: tuple[KindRename, ...]
    kinds_moved: tuple[KindMove, ...]
    rules_added: tuple[RuleEntry, ...]
    rules_removed: tuple[RuleEntry, ...]
    rules_regraded: tuple[RuleRegrade, ...]
    rules_changed: tuple[RuleChange, ...]

    @property
    def empty(self) -> bool:
        """True if the two versions have the same kinds and apply the same rules the same way."""
        return not (self.kinds_added or self.kinds_removed or self.kinds_renamed or self.kinds_moved
                    or self.rules_added or self.rules_removed or self.rules_regraded or self.rules_changed)

    def rename_of(self, old_kind: str) -> KindRename | None:
        """The rename that gives ``old_kind`` a new id, if ``new`` declares one."""
        return next((r for r in self.kinds_renamed if r.old_id == old_kind and r.new_id != old_kind), None)


def _entry(k: KindInfo) -> KindEntry:
    return KindEntry(k.id, k.en, k.vi, k.layer, k.national)


def _rule_entry(rule: Rule, severity: Severity) -> RuleEntry:
    return RuleEntry(rule.id, rule.name, rule.title_en, rule.title_vi, severity, rule.citation)


def _aspects(old: Rule, new: Rule) -> tuple[tuple[str, str, str], ...]:
    """What differs between two versions of one rule: its check, its dates, its successor."""
    if old is new:
        return ()
    out: list[tuple[str, str, str]] = []

    def text(value: object) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)

    if text(old.check_data) != text(new.check_data):
        kinds = (str(old.check_data.get("kind")), str(new.check_data.get("kind")))
        if kinds[0] != kinds[1]:
            out.append(("check", kinds[0], kinds[1]))
        else:
            out.append(("parameters", text(old.check_data.get("params")), text(new.check_data.get("params"))))
    for attr in ("effective", "until", "superseded_by"):
        a, b = getattr(old, attr, None), getattr(new, attr, None)
        if a != b:
            out.append((attr, "none" if a is None else str(a), "none" if b is None else str(b)))
    return tuple(out)


def diff_rulesets(old: RuleSet, new: RuleSet) -> FrameworkDiff:
    """The difference between two bound framework versions (any pair, adjacent or not)."""
    fa, fb = old.framework, new.framework
    renamed_from = {k.renamed_from: k for k in fb.kinds.values()
                    if k.renamed_from and k.renamed_from not in fb.kinds}
    added: list[KindEntry] = []
    removed: list[KindEntry] = []
    renamed: list[KindRename] = []
    moved: list[KindMove] = []
    for kid, kb in fb.kinds.items():
        ka = fa.kinds.get(kid)
        if ka is None:
            src = kb.renamed_from
            ka = fa.kinds.get(src) if src and src in renamed_from else None
            if ka is None:
                added.append(_entry(kb))
                continue
        if (ka.en, ka.vi) != (kb.en, kb.vi) or ka.id != kb.id:
            renamed.append(KindRename(ka.id, kb.id, ka.en, ka.vi, kb.en, kb.vi, kb.national))
        if ka.layer != kb.layer:
            moved.append(KindMove(kb.id, ka.layer, kb.layer, kb.national))
    for kid, ka in fa.kinds.items():
        if kid not in fb.kinds and kid not in renamed_from:
            removed.append(_entry(ka))
    ra = {b.rule.id: b for b in old.rules}
    rb = {b.rule.id: b for b in new.rules}
    regraded: list[RuleRegrade] = []
    changed: list[RuleChange] = []
    for rid in sorted(ra.keys() & rb.keys()):
        a, b = ra[rid], rb[rid]
        if a.severity is not b.severity:
            regraded.append(RuleRegrade(rid, b.rule.name, a.severity, b.severity, b.rule.citation))
        aspects = _aspects(a.rule, b.rule)
        if aspects:
            changed.append(RuleChange(rid, b.rule.name, b.rule.citation, aspects))
    return FrameworkDiff(
        old=fa, new=fb,
        kinds_added=tuple(sorted(added, key=lambda k: (k.national, k.id))),
        kinds_removed=tuple(sorted(removed, key=lambda k: (k.national, k.id))),
        kinds_renamed=tuple(sorted(renamed, key=lambda k: (k.national, k.new_id))),
        kinds_moved=tuple(sorted(moved, key=lambda k: (k.national, k.id))),
        rules_added=tuple(_rule_entry(rb[r].rule, rb[r].severity) for r in sorted(rb.keys() - ra.keys())),
        rules_removed=tuple(_rule_entry(ra[r].rule, ra[r].severity) for r in sorted(ra.keys() - rb.keys())),
        rules_regraded=tuple(regraded), rules_changed=tuple(changed),
    )
