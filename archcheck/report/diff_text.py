"""The text report of a diff, for a person: grouped, every change with its cause, in ``--lang en``
(the default), ``vi`` or ``both`` (section titles ``vi / en``, each sentence in Vietnamese then in
English). Also the sentences the Markdown report and the docs pages (scripts/gen_framework_diff.py,
scripts/gen_case_studies.py) share: called without a language, these keep the docs' bilingual
section titles and English sentences."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from archcheck.catalogue import Message, msg, say
from archcheck.check.engine import ProvinceReport
from archcheck.compare.frameworks import FrameworkDiff
from archcheck.compare.impact import FrameworkComparison, ProvinceImpact
from archcheck.compare.matching import Change, FindingChange
from archcheck.compare.models import ModelDiff, ProvinceDiff, StructuralChange
from archcheck.findings import Citation, Severity
from archcheck.law.frameworks import Framework
from archcheck.report.escape import for_line
from archcheck.report.i18n import Translator, translator
from archcheck.report.options import DEFAULT_LANG, ReportOptions

DiffResult = FrameworkComparison | ModelDiff

SECTIONS: dict[object, str] = {
    "kinds_added": "cmd.diff-kinds-added", "kinds_removed": "cmd.diff-kinds-removed",
    "kinds_renamed": "cmd.diff-kinds-renamed", "kinds_moved": "cmd.diff-kinds-moved",
    "rules_added": "cmd.diff-rules-added", "rules_removed": "cmd.diff-rules-removed",
    "rules_regraded": "cmd.diff-rules-regraded", "rules_changed": "cmd.diff-rules-changed",
    "structural": "cmd.diff-structural", "gone": "cmd.diff-gone",
    Change.NEW: "cmd.diff-new", Change.FIXED: "cmd.diff-fixed", Change.SEVERITY: "cmd.diff-severity",
    Change.UNCHANGED: "cmd.diff-unchanged",
}
"""Each section's catalogue key ("gone": the fixed findings under a framework change, where nothing
was fixed: a rule left)."""


def title(key: object, n: int | None = None, lang: str = "both") -> str:
    """A section's title in ``lang`` (``both``: ``Vietnamese / English``), with its count."""
    return say(msg(SECTIONS[key]), lang) + (f" ({n})" if n is not None else "")


_N_KEYS = {"error": ("report.error-n", "report.errors-n"), "warning": ("report.warning-n", "report.warnings-n"),
           "info": ("report.info-n", "report.info-n"), "province": ("report.province-n", "report.provinces-n"),
           "finding": ("cmd.diff-finding-n", "cmd.diff-findings-n"),
           "model change": ("cmd.diff-model-change-n", "cmd.diff-model-changes-n")}


def counted(n: int, word: str) -> Message:
    """``1 error``, ``2 errors``, ``3 info``, ``2 provinces`` as a message (``word``: a severity,
    ``province``, ``finding`` or ``model change``)."""
    one, many = _N_KEYS[word]
    return msg(one if n == 1 else many, n=n)


def plural(n: int, word: str, lang: str = "en") -> str:
    """``1 error``, ``2 errors``, ``3 info``."""
    return say(counted(n, word), lang)


def framework_line(fw: Framework) -> str:
    """``2.0: title (document, date)``."""
    return f"{fw.id}: {fw.title_vi} ({fw.document}, {fw.issued})"


def evaluation(r: ProvinceReport, t: Translator | None = None) -> str:
    """``2019-12-31 (why)``."""
    note = t.message(r.evaluation_note) if t is not None else str(r.evaluation_note)
    return f"{r.evaluated_as_of} ({note})"


def _by_severity(changes: Sequence[FindingChange]) -> list[tuple[Severity, list[FindingChange]]]:
    return [(s, [c for c in changes if c.severity is s]) for s in Severity
            if any(c.severity is s for c in changes)]


def _listing(changes: Sequence[FindingChange], t: Translator, *, why: bool) -> str:
    if not why and len(changes) > 5:
        return ", ".join(f"{c.finding.rule_id} [{c.finding.subject}]" for c in changes[:5]) + ", …"
    return ", ".join(f"{c.finding.rule_id} [{c.finding.subject}]" + (f" ({t.message(c.why)})" if why else "")
                     for c in changes)


def _each(lang: str, make: Callable[[str], str]) -> str:
    """``make`` in ``lang``; ``both``: ``Vietnamese / English`` where they differ."""
    if lang != "both":
        return make(lang)
    vi, en = make("vi"), make("en")
    return vi if vi == en else f"{vi} / {en}"


def _lines(lang: str, make: Callable[[str], str]) -> list[str]:
    """``make`` in ``lang``, one line; ``both``: the Vietnamese line, then the English one."""
    if lang != "both":
        return [make(lang)]
    vi, en = make("vi"), make("en")
    return [vi] if vi == en else [vi, en]


def verdict(new_version: str, changes: Sequence[FindingChange], *, framework: bool, lang: str = "en") -> str:
    """The sentence an architect reads first, e.g. "under 2.0 you gain 1 error: DOC-002 (…)"."""
    return _each(lang, lambda one: _verdict(new_version, changes, framework=framework, lang=one))


def _verdict(new_version: str, changes: Sequence[FindingChange], *, framework: bool, lang: str) -> str:
    t = translator(lang)
    parts: list[str] = []
    gained = [c for c in changes if c.change is Change.NEW]
    lost = [c for c in changes if c.change is Change.FIXED]
    moved = [c for c in changes if c.change is Change.SEVERITY]
    if gained:
        parts.append(t.word("cmd.diff-you-gain" if framework else "cmd.diff-new-list", x="; ".join(
            f"{plural(len(g), s.value, lang)}: {_listing(g, t, why=framework)}" for s, g in _by_severity(gained))))
    for c in moved:
        assert c.old is not None and c.new is not None
        new = c.new.severity.value
        parts.append(t.word("cmd.diff-becomes-an" if new[0] in "aeiou" else "cmd.diff-becomes-a",
                            old=msg(f"severity.{c.old.severity.value}"), new=msg(f"severity.{new}"),
                            x=f"{c.finding.rule_id} [{c.finding.subject}]: {t.message(c.why)}"))
    if lost:
        parts.append(t.word("cmd.diff-you-lose" if framework else "cmd.diff-fixed-list", x="; ".join(
            f"{plural(len(g), s.value, lang)}: {_listing(g, t, why=framework)}" for s, g in _by_severity(lost))))
    unchanged = counted(sum(1 for c in changes if c.change is Change.UNCHANGED), "finding")
    said = (t.word("cmd.diff-unchanged-tail", parts="; ".join(parts), x=unchanged) if parts
            else t.word("cmd.diff-nothing", x=unchanged))
    return t.word("cmd.diff-under", v=new_version, x=said) if framework else said


def counts(changes: Sequence[FindingChange], lang: str = "en") -> str:
    """``2 new (1 error, 1 info), 0 fixed, 1 severity changed, 7 unchanged``."""
    def n(change: Change) -> list[FindingChange]:
        return [c for c in changes if c.change is change]

    def one(lang: str) -> str:
        new = n(Change.NEW)
        sev = ", ".join(plural(len(g), s.value, lang) for s, g in _by_severity(new))
        return say(msg("cmd.diff-counts", new=len(new), sev=f" ({sev})" if sev else "", fixed=len(n(Change.FIXED)),
                       severity=len(n(Change.SEVERITY)), same=len(n(Change.UNCHANGED))), lang)

    return _each(lang, one)


def structural_line(s: StructuralChange, lang: str = "en") -> str:
    """One structural change as text."""
    return translator(lang).message(s.message)


# -- framework diff --------------------------------------------------------------------------------


def _national(national: bool, text: str, lang: str) -> str:
    return say(msg("cmd.diff-national", x=text), lang) if national else text


def framework_diff_lines(d: FrameworkDiff, lang: str = "both") -> list[str]:
    """The framework diff as indented lines."""
    t = translator(lang)
    out = [t.word("cmd.diff-framework-head", a=d.old.id, b=d.new.id), f"  {framework_line(d.old)}",
           f"  {framework_line(d.new)}"]
    if d.empty:
        out.append(f"  {t.word('cmd.diff-no-differences')}")
        return out

    def section(key: str, items: Sequence[str], n: int | None = None) -> None:
        if items:
            out.append("")
            out.append(f"  {title(key, len(items) if n is None else n, lang)}")
            out.extend(items)

    def source(c: Citation) -> list[str]:
        return _lines(lang, lambda one: f"      {say(msg('word.source'), one)}: {translator(one).citation(c)}")

    section("kinds_added", [f"    {_national(k.national, k.id, lang)}{f' ({k.layer})' if k.layer else ''}: "
                            f"{k.vi} / {k.en}" for k in d.kinds_added])
    section("kinds_removed", [f"    {_national(k.national, k.id, lang)}: {k.vi} / {k.en}"
                              + (f" → {d.new.kind_map[k.id]}" if k.id in d.new.kind_map else "")
                              for k in d.kinds_removed])
    renamed: list[str] = []
    for r in d.kinds_renamed:
        ids = r.new_id if r.old_id == r.new_id else f"{r.old_id} → {r.new_id}"
        renamed.append(f"    {_national(r.national, ids, lang)}")
        if r.old_vi != r.new_vi:
            renamed.append(f"      vi: {r.old_vi} → {r.new_vi}")
        if r.old_en != r.new_en:
            renamed.append(f"      en: {r.old_en} → {r.new_en}")
    section("kinds_renamed", renamed, len(d.kinds_renamed))
    no_layer = t.word("cmd.diff-no-layer")
    section("kinds_moved", [f"    {m.id}: {m.old_layer or no_layer} → {m.new_layer or no_layer}"
                            for m in d.kinds_moved])
    for key, entries in (("rules_added", d.rules_added), ("rules_removed", d.rules_removed)):
        lines: list[str] = []
        for e in entries:
            titles = {"vi": [e.title_vi], "en": [e.title_en]}.get(lang, [e.title_vi, e.title_en])
            lines += [f"    {e.rule_id} {e.name}  {t.word(f'severity.{e.severity.value}')}",
                      *(f"      {x}" for x in titles), *source(e.citation)]
        section(key, lines, len(entries))
    regraded: list[str] = []
    for g in d.rules_regraded:
        regraded.append(f"    {g.rule_id} {g.name}: {t.word(f'severity.{g.old.value}')} → "
                        f"{t.word(f'severity.{g.new.value}')}")
        regraded += source(g.citation)
    section("rules_regraded", regraded, len(d.rules_regraded))
    changed: list[str] = []
    for c in d.rules_changed:
        changed.append(f"    {c.rule_id} {c.name}")
        changed += [f"      {t.message(aspect)}" for aspect in c.said]
        changed += source(c.citation)
    section("rules_changed", changed, len(d.rules_changed))
    return out


# -- findings --------------------------------------------------------------------------------------


def _change_lines(c: FindingChange, numbering: int, t: Translator) -> list[str]:
    f = c.finding
    where = str(f.location) if f.location else "-"
    sev = (f"{t.word(f'severity.{c.old.severity.value}')} → {t.word(f'severity.{c.new.severity.value}')}"
           if c.change is Change.SEVERITY and c.old is not None and c.new is not None
           else t.word(f"severity.{f.severity.value}"))
    titles = {"vi": [f.title_vi], "en": [f.title_en]}.get(t.lang, [f.title_vi, f.title_en])
    lines = [f"    {where}  {f.rule_id} {f.rule_name}  [{f.subject}]  {sev}", *(f"      {x}" for x in titles),
             *(f"      {line}" for line in t.lines(f.said)),
             *t.each(lambda t: "      " + t.word("cmd.diff-cause", x=f"{c.cause.value}: {t.message(c.why)}"))]
    if c.explained_by:
        lines.append("      " + t.word("cmd.diff-model-change-ref",
                                       x=", ".join(f"[{i + numbering}]" for i in c.explained_by)))
    return lines


def _findings_sections(changes: Sequence[FindingChange], t: Translator, *, framework: bool, verbose: bool,
                       numbering: int = 1) -> list[str]:
    out: list[str] = []
    for change in (Change.NEW, Change.SEVERITY, Change.FIXED):
        group = [c for c in changes if c.change is change]
        if not group:
            continue
        out.append("")
        out.append(f"  {title('gone' if framework and change is Change.FIXED else change, len(group), t.lang)}")
        for c in group:
            out.extend(_change_lines(c, numbering, t))
    same = [c for c in changes if c.change is Change.UNCHANGED]
    if same:
        out.append("")
        out.append(f"  {title(Change.UNCHANGED, len(same), t.lang)}" + ("" if verbose else ": "
                   + ", ".join(f"{c.finding.rule_id} [{c.finding.subject}]" for c in same)))
        if verbose:
            out.extend(f"    {c.finding.location or '-'}  {c.finding.rule_id} [{c.finding.subject}]  "
                       f"{t.word(f'severity.{c.finding.severity.value}')}" for c in same)
    return out


def _impact_lines(i: ProvinceImpact, verbose: bool, t: Translator) -> list[str]:
    a, b = i.old.framework.id, i.new.framework.id
    out = [f"{i.file}: {i.province}",
           *t.each(lambda t: "  " + t.word("cmd.diff-evaluated-under", v=a, x=evaluation(i.old, t))),
           *t.each(lambda t: "  " + t.word("cmd.diff-evaluated-under", v=b, x=evaluation(i.new, t))),
           *(f"  {line}" for line in _lines(t.lang, lambda one: verdict(b, i.changes, framework=True, lang=one)))]
    out += _findings_sections(i.changes, t, framework=True, verbose=verbose)
    return out


def _province_lines(p: ProvinceDiff, verbose: bool, t: Translator) -> list[str]:
    out = [p.province]
    for label, r in (("old", p.old), ("new", p.new)):
        if r is None:
            out += t.each(lambda t: f"  {t.word(f'cmd.diff-{label}-missing')}")  # noqa: B023
        else:
            out += t.each(lambda t: "  " + t.word(f"cmd.diff-{label}-side", file=r.file,  # noqa: B023
                                                  fw=r.framework.id, x=evaluation(r, t)))  # noqa: B023
    out += [f"  {line}" for line in _lines(t.lang, lambda one: verdict("", p.changes, framework=False, lang=one))]
    if p.structural:
        out.append("")
        out.append(f"  {title('structural', len(p.structural), t.lang)}")
        for n, s in enumerate(p.structural, start=1):
            out.append(f"    [{n}] {s.location or '-'}  {t.message(s.message)}")
    out += _findings_sections(p.changes, t, framework=False, verbose=verbose)
    return out


def render_diff_text(result: DiffResult, options: ReportOptions) -> str:
    """A framework comparison or a model diff as plain text, then a summary line with the exit code."""
    lang = options.lang or DEFAULT_LANG
    t = translator(lang)
    lines: list[str] = []
    code = result.exit_code(options.fail_on)
    level = msg(f"severity.{options.fail_on.value}")
    if isinstance(result, FrameworkComparison):
        d = result.diff
        lines += framework_diff_lines(d, lang)
        for i in result.impacts:
            lines.append("")
            lines += _impact_lines(i, options.verbose, t)
        lines.append("")
        if result.impacts:
            lines += _lines(lang, lambda one: say(msg(
                "cmd.diff-summary-impact", provinces=counted(len(result.impacts), "province"), a=d.old.id, b=d.new.id,
                counts=counts(result.changes(), one), level=level, code=code), one))
        else:
            what = msg("cmd.diff-no-differences" if d.empty else "cmd.diff-listed-above")
            lines += _lines(lang, lambda one: say(msg("cmd.diff-summary-framework", a=d.old.id, b=d.new.id,
                                                      what=what, code=code), one))
    else:
        lines.append(f"diff {result.old_file} → {result.new_file}")
        for p in result.provinces:
            lines.append("")
            lines += _province_lines(p, options.verbose, t)
        lines.append("")
        structural = sum(len(p.structural) for p in result.provinces)
        lines += _lines(lang, lambda one: say(msg(
            "cmd.diff-summary-models", provinces=counted(len(result.provinces), "province"),
            counts=counts(result.changes(), one), changes=counted(structural, "model change"), level=level,
            code=code), one))
    # each line escaped on its own: a newline inside a name cannot start a line (a CI runner's command)
    return "\n".join(for_line(line) for line in lines) + "\n"
