"""The text report of a diff, for a person: grouped, Vietnamese titles beside English as in
``validate``, every change with its cause. Also the sentences the Markdown report shares."""

from __future__ import annotations

from collections.abc import Sequence

from archcheck.check.engine import ProvinceReport
from archcheck.compare.frameworks import FrameworkDiff
from archcheck.compare.impact import FrameworkComparison, ProvinceImpact
from archcheck.compare.matching import Change, FindingChange
from archcheck.compare.models import ModelDiff, ProvinceDiff, StructuralChange
from archcheck.findings import Severity
from archcheck.law.frameworks import Framework
from archcheck.report.escape import for_line
from archcheck.report.options import ReportOptions

DiffResult = FrameworkComparison | ModelDiff

SECTIONS = {
    "kinds_added": ("Loại thành phần được thêm", "Kinds added"),
    "kinds_removed": ("Loại thành phần bị bỏ", "Kinds removed"),
    "kinds_renamed": ("Loại thành phần đổi tên", "Kinds renamed"),
    "kinds_moved": ("Loại thành phần chuyển lớp", "Kinds moved between layers"),
    "rules_added": ("Quy tắc mới", "Rules added"),
    "rules_removed": ("Quy tắc bị bỏ", "Rules removed"),
    "rules_regraded": ("Quy tắc đổi mức độ", "Rules re-graded"),
    "rules_changed": ("Quy tắc đổi nội dung kiểm tra", "Rules whose check changed"),
    "structural": ("Thay đổi trong mô hình", "Model changes"),
    Change.NEW: ("Phát hiện mới", "New findings"),
    Change.FIXED: ("Đã khắc phục", "Fixed"),
    Change.SEVERITY: ("Thay đổi mức độ", "Severity changed"),
    Change.UNCHANGED: ("Không đổi", "Unchanged"),
}
"""Section titles, Vietnamese then English."""

GONE = ("Không còn", "Gone")
"""The title of the fixed findings under a framework change (nothing was fixed: a rule left)."""


def title(key: object, n: int | None = None) -> str:
    """``Vietnamese / English (n)``."""
    vi, en = GONE if key == "gone" else SECTIONS[key]  # type: ignore[index]
    return f"{vi} / {en}" + (f" ({n})" if n is not None else "")


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 errors``, ``3 info``."""
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def framework_line(fw: Framework) -> str:
    """``2.0: title (document, date)``."""
    return f"{fw.id}: {fw.title_vi} ({fw.document}, {fw.issued})"


def evaluation(r: ProvinceReport) -> str:
    """``2019-12-31 (why)``."""
    return f"{r.evaluated_as_of} ({r.evaluation_note})"


def _by_severity(changes: Sequence[FindingChange]) -> list[tuple[Severity, list[FindingChange]]]:
    return [(s, [c for c in changes if c.severity is s]) for s in Severity
            if any(c.severity is s for c in changes)]


def _listing(changes: Sequence[FindingChange], *, why: bool) -> str:
    if not why and len(changes) > 5:
        return ", ".join(f"{c.finding.rule_id} [{c.finding.subject}]" for c in changes[:5]) + ", …"
    return ", ".join(f"{c.finding.rule_id} [{c.finding.subject}]" + (f" ({c.explanation})" if why else "")
                     for c in changes)


def verdict(new_version: str, changes: Sequence[FindingChange], *, framework: bool) -> str:
    """The sentence an architect reads first, e.g. "under 2.0 you gain 1 error: DOC-002 (…)"."""
    lead = f"under {new_version} " if framework else ""
    parts: list[str] = []
    gained = [c for c in changes if c.change is Change.NEW]
    lost = [c for c in changes if c.change is Change.FIXED]
    moved = [c for c in changes if c.change is Change.SEVERITY]
    if gained:
        parts.append(("you gain " if framework else "new: ")
                     + "; ".join(f"{plural(len(g), s.value)}: {_listing(g, why=framework)}"
                               for s, g in _by_severity(gained)))
    for c in moved:
        assert c.old is not None and c.new is not None
        parts.append(f"1 {c.old.severity.value} becomes {_article(c.new.severity.value)} {c.new.severity.value} "
                     f"({c.finding.rule_id} [{c.finding.subject}]: {c.explanation})")
    if lost:
        parts.append(("you lose " if framework else "fixed: ")
                     + "; ".join(f"{plural(len(g), s.value)}: {_listing(g, why=framework)}"
                               for s, g in _by_severity(lost)))
    unchanged = sum(1 for c in changes if c.change is Change.UNCHANGED)
    if not parts:
        return f"{lead}nothing changes ({plural(unchanged, 'finding')} unchanged)"
    return lead + "; ".join(parts) + f"; {plural(unchanged, 'finding')} unchanged"


def counts(changes: Sequence[FindingChange]) -> str:
    """``2 new (1 error, 1 info), 0 fixed, 1 severity changed, 7 unchanged``."""
    def n(change: Change) -> list[FindingChange]:
        return [c for c in changes if c.change is change]

    new = n(Change.NEW)
    sev = ", ".join(plural(len(g), s.value) for s, g in _by_severity(new))
    return (f"{len(new)} new" + (f" ({sev})" if sev else "") + f", {len(n(Change.FIXED))} fixed, "
            f"{len(n(Change.SEVERITY))} severity changed, {len(n(Change.UNCHANGED))} unchanged")


def structural_line(s: StructuralChange) -> str:
    """One structural change as text."""
    return s.describe()


# -- framework diff --------------------------------------------------------------------------------


def framework_diff_lines(d: FrameworkDiff) -> list[str]:
    """The framework diff as indented lines."""
    out = [f"Khung kiến trúc {d.old.id} → {d.new.id}: những thay đổi / framework {d.old.id} → {d.new.id}: what changed",
           f"  {framework_line(d.old)}", f"  {framework_line(d.new)}"]
    if d.empty:
        out.append("  không có thay đổi / no differences")
        return out

    def section(key: str, items: Sequence[str], n: int | None = None) -> None:
        if items:
            out.append("")
            out.append(f"  {title(key, len(items) if n is None else n)}")
            out.extend(items)

    section("kinds_added", [f"    {'national ' if k.national else ''}{k.id}{f' ({k.layer})' if k.layer else ''}: "
                            f"{k.vi} / {k.en}" for k in d.kinds_added])
    section("kinds_removed", [f"    {'national ' if k.national else ''}{k.id}: {k.vi} / {k.en}"
                              + (f" → {d.new.kind_map[k.id]}" if k.id in d.new.kind_map else "")
                              for k in d.kinds_removed])
    renamed: list[str] = []
    for r in d.kinds_renamed:
        ids = r.new_id if r.old_id == r.new_id else f"{r.old_id} → {r.new_id}"
        renamed.append(f"    {'national ' if r.national else ''}{ids}")
        if r.old_vi != r.new_vi:
            renamed.append(f"      vi: {r.old_vi} → {r.new_vi}")
        if r.old_en != r.new_en:
            renamed.append(f"      en: {r.old_en} → {r.new_en}")
    section("kinds_renamed", renamed, len(d.kinds_renamed))
    section("kinds_moved", [f"    {m.id}: {m.old_layer or 'no layer'} → {m.new_layer or 'no layer'}"
                            for m in d.kinds_moved])
    for key, entries in (("rules_added", d.rules_added), ("rules_removed", d.rules_removed)):
        lines: list[str] = []
        for e in entries:
            lines += [f"    {e.rule_id} {e.name}  {e.severity.value}", f"      {e.title_vi}", f"      {e.title_en}",
                      f"      source: {e.citation}"]
        section(key, lines, len(entries))
    section("rules_regraded", [f"    {g.rule_id} {g.name}: {g.old.value} → {g.new.value}\n      source: {g.citation}"
                               for g in d.rules_regraded])
    changed: list[str] = []
    for c in d.rules_changed:
        changed.append(f"    {c.rule_id} {c.name}")
        changed += [f"      {what}: {a} → {b}" for what, a, b in c.aspects]
        changed.append(f"      source: {c.citation}")
    section("rules_changed", changed, len(d.rules_changed))
    return out


# -- findings --------------------------------------------------------------------------------------


def _change_lines(c: FindingChange, numbering: int) -> list[str]:
    f = c.finding
    where = str(f.location) if f.location else "-"
    sev = (f"{c.old.severity.value} → {c.new.severity.value}" if c.change is Change.SEVERITY
           and c.old is not None and c.new is not None else f.severity.value)
    lines = [f"    {where}  {f.rule_id} {f.rule_name}  [{f.subject}]  {sev}",
             f"      {f.title_vi}", f"      {f.title_en}", f"      {f.text()}",
             f"      cause: {c.cause.value}: {c.explanation}"]
    if c.explained_by:
        lines.append("      model change: " + ", ".join(f"[{i + numbering}]" for i in c.explained_by))
    return lines


def _findings_sections(changes: Sequence[FindingChange], *, framework: bool, verbose: bool,
                       numbering: int = 1) -> list[str]:
    out: list[str] = []
    for change in (Change.NEW, Change.SEVERITY, Change.FIXED):
        group = [c for c in changes if c.change is change]
        if not group:
            continue
        out.append("")
        out.append(f"  {title('gone' if framework and change is Change.FIXED else change, len(group))}")
        for c in group:
            out.extend(_change_lines(c, numbering))
    same = [c for c in changes if c.change is Change.UNCHANGED]
    if same:
        out.append("")
        out.append(f"  {title(Change.UNCHANGED, len(same))}" + ("" if verbose else ": "
                   + ", ".join(f"{c.finding.rule_id} [{c.finding.subject}]" for c in same)))
        if verbose:
            out.extend(f"    {c.finding.location or '-'}  {c.finding.rule_id} [{c.finding.subject}]  "
                       f"{c.finding.severity.value}" for c in same)
    return out


def _impact_lines(i: ProvinceImpact, verbose: bool) -> list[str]:
    a, b = i.old.framework.id, i.new.framework.id
    out = [f"{i.file}: {i.province}",
           f"  under {a}: evaluated as of {evaluation(i.old)}",
           f"  under {b}: evaluated as of {evaluation(i.new)}",
           f"  {verdict(b, i.changes, framework=True)}"]
    out += _findings_sections(i.changes, framework=True, verbose=verbose)
    return out


def _province_lines(p: ProvinceDiff, verbose: bool) -> list[str]:
    out = [p.province]
    for label, r in (("old", p.old), ("new", p.new)):
        if r is None:
            out.append(f"  {label}: not in the {label} file")
        else:
            out.append(f"  {label}: {r.file}, framework {r.framework.id}, evaluated as of {evaluation(r)}")
    out.append(f"  {verdict('', p.changes, framework=False)}")
    if p.structural:
        out.append("")
        out.append(f"  {title('structural', len(p.structural))}")
        for n, s in enumerate(p.structural, start=1):
            out.append(f"    [{n}] {s.location or '-'}  {structural_line(s)}")
    out += _findings_sections(p.changes, framework=False, verbose=verbose)
    return out


def render_diff_text(result: DiffResult, options: ReportOptions) -> str:
    """A framework comparison or a model diff as plain text, then a summary line with the exit code."""
    lines: list[str] = []
    code = result.exit_code(options.fail_on)
    if isinstance(result, FrameworkComparison):
        lines += framework_diff_lines(result.diff)
        for i in result.impacts:
            lines.append("")
            lines += _impact_lines(i, options.verbose)
        lines.append("")
        if result.impacts:
            lines.append(f"{plural(len(result.impacts), 'province')} checked under {result.diff.old.id} and "
                         f"{result.diff.new.id}: {counts(result.changes())}; failing on {options.fail_on.value} "
                         f"or worse → exit {code}")
        else:
            lines.append(f"framework {result.diff.old.id} → {result.diff.new.id}: "
                         + ("no differences" if result.diff.empty else "differences listed above") + f" → exit {code}")
    else:
        lines.append(f"diff {result.old_file} → {result.new_file}")
        for p in result.provinces:
            lines.append("")
            lines += _province_lines(p, options.verbose)
        lines.append("")
        structural = sum(len(p.structural) for p in result.provinces)
        lines.append(f"{plural(len(result.provinces), 'province')} compared: {counts(result.changes())}; "
                     f"{plural(structural, 'model change')}; failing on {options.fail_on.value} or worse "
                     f"→ exit {code}")
    # each line escaped on its own: a newline inside a name cannot start a line (a CI runner's command)
    return "\n".join(for_line(line) for line in lines) + "\n"
