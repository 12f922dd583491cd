"""The Markdown form of a diff, for a pull-request comment: the verdict first, then tables."""

from __future__ import annotations

from collections.abc import Sequence

from archcheck.compare.frameworks import FrameworkDiff
from archcheck.compare.impact import FrameworkComparison
from archcheck.compare.matching import Change, FindingChange
from archcheck.compare.models import ModelDiff, ProvinceDiff
from archcheck.report.diff_text import DiffResult, counts, structural_line, title, verdict
from archcheck.report.escape import for_markdown, for_markdown_code
from archcheck.report.options import ReportOptions

_cell = for_markdown


def _code(text: str) -> str:
    return for_markdown_code(text, table=True)


def framework_diff_markdown(d: FrameworkDiff, level: str = "##") -> list[str]:
    """The framework diff as Markdown sections (used for the generated docs page too)."""
    out = [f"{level} Khung kiến trúc {d.old.id} → {d.new.id} / framework {d.old.id} → {d.new.id}", "",
           "| | version | document | issued |", "|---|---|---|---|",
           f"| old | {d.old.id}: {_cell(d.old.title_vi)} | {d.old.document} | {d.old.issued} |",
           f"| new | {d.new.id}: {_cell(d.new.title_vi)} | {d.new.document} | {d.new.issued} |", ""]
    if d.empty:
        out += ["No differences / không có thay đổi.", ""]
        return out
    sub = level + "#"

    def table(key: str, head: str, rows: Sequence[str]) -> None:
        if rows:
            out.extend([f"{sub} {title(key, len(rows))}", "", head,
                        "|" + "---|" * head.count("|", 1), *rows, ""])

    table("kinds_added", "| kind | layer | vi | en |",
          [f"| {'national ' if k.national else ''}`{k.id}` | {k.layer or ''} | {_cell(k.vi)} | {_cell(k.en)} |"
           for k in d.kinds_added])
    table("kinds_removed", "| kind | layer | vi | en |",
          [f"| {'national ' if k.national else ''}`{k.id}` | {k.layer or ''} | {_cell(k.vi)} | {_cell(k.en)} |"
           for k in d.kinds_removed])
    table("kinds_renamed", "| kind | old name (vi / en) | new name (vi / en) |",
          [f"| `{r.new_id if r.old_id == r.new_id else f'{r.old_id}` → `{r.new_id}'}` | {_cell(r.old_vi)} / "
           f"{_cell(r.old_en)} | {_cell(r.new_vi)} / {_cell(r.new_en)} |" for r in d.kinds_renamed])
    table("kinds_moved", "| kind | old layer | new layer |",
          [f"| `{m.id}` | {m.old_layer or ''} | {m.new_layer or ''} |" for m in d.kinds_moved])
    for key, entries in (("rules_added", d.rules_added), ("rules_removed", d.rules_removed)):
        table(key, "| rule | severity | title | source | in force from |",
              [f"| {e.rule_id} `{e.name}` | {e.severity.value} | {_cell(e.title_vi)} / {_cell(e.title_en)} | "
               f"{_cell(e.citation.document)} | {e.citation.effective} |" for e in entries])
    table("rules_regraded", "| rule | old | new | source | in force from |",
          [f"| {g.rule_id} `{g.name}` | {g.old.value} | {g.new.value} | {_cell(g.citation.document)} | "
           f"{g.citation.effective} |" for g in d.rules_regraded])
    table("rules_changed", "| rule | what | old | new |",
          [f"| {c.rule_id} `{c.name}` | {w} | {_cell(a)} | {_cell(b)} |"
           for c in d.rules_changed for w, a, b in c.aspects])
    return out


def changes_table(changes: Sequence[FindingChange], *, framework: bool, level: str = "####") -> list[str]:
    """New, re-graded and fixed (or gone) findings as Markdown tables, then the unchanged count."""
    out: list[str] = []
    for change in (Change.NEW, Change.SEVERITY, Change.FIXED):
        group = [c for c in changes if c.change is change]
        if not group:
            continue
        out += [f"{level} {title('gone' if framework and change is Change.FIXED else change, len(group))}", "",
                "| severity | rule | subject | where | cause |", "|---|---|---|---|---|"]
        for c in group:
            f = c.finding
            sev = (f"{c.old.severity.value} → {c.new.severity.value}"
                   if c.old is not None and c.new is not None else f.severity.value)
            where = _code(str(f.location)) if f.location else ""
            refs = (" (model change " + ", ".join(f"{i + 1}" for i in c.explained_by) + ")") if c.explained_by else ""
            out.append(f"| {sev} | {f.rule_id} {_cell(f.title_vi)} / {_cell(f.title_en)} | {_code(f.subject)} | "
                       f"{where} | {c.cause.value}: {_cell(c.explanation)}{refs} |")
        out.append("")
    same = sum(1 for c in changes if c.change is Change.UNCHANGED)
    out += [f"{title(Change.UNCHANGED)}: {same}", ""]
    return out


def structural_table(p: ProvinceDiff) -> list[str]:
    """A province's model changes, numbered as the findings refer to them, in a folded table."""
    if not p.structural:
        return []
    out = [f"<details><summary>{title('structural', len(p.structural))}</summary>", "",
           "| # | where | change |", "|---|---|---|"]
    out += [f"| {n} | {_code(str(s.location))} | {_cell(structural_line(s))} |"
            for n, s in enumerate(p.structural, start=1)]
    return [*out, "", "</details>", ""]


def render_diff_markdown(result: DiffResult, options: ReportOptions) -> str:
    """A framework comparison or a model diff as Markdown."""
    code = result.exit_code(options.fail_on)
    out: list[str] = []
    if isinstance(result, FrameworkComparison):
        d = result.diff
        out += [f"## archcheck diff frameworks {d.old.id} → {d.new.id}", ""]
        if result.impacts:
            out += [f"**{counts(result.changes())}**; failing on {options.fail_on.value} or worse → exit {code}", ""]
        for i in result.impacts:
            out += [f"### {_cell(i.province)} ({for_markdown_code(i.file)})", "",
                    f"Evaluated as of {i.old.evaluated_as_of} under {d.old.id} ({_cell(i.old.evaluation_note)}) "
                    f"and {i.new.evaluated_as_of} under {d.new.id} ({_cell(i.new.evaluation_note)}).", "",
                    f"> {_cell(verdict(d.new.id, i.changes, framework=True))}", ""]
            out += changes_table(i.changes, framework=True)
        out += ["<details><summary>What the framework changes</summary>", ""]
        out += framework_diff_markdown(d, "###")
        out += ["</details>", ""]
    else:
        assert isinstance(result, ModelDiff)
        out += [f"## archcheck diff models {for_markdown_code(result.old_file)} → {for_markdown_code(result.new_file)}",
                "",
                f"**{counts(result.changes())}**; failing on {options.fail_on.value} or worse → exit {code}", ""]
        for p in result.provinces:
            out += [f"### {_cell(p.province)}", "", f"> {_cell(verdict('', p.changes, framework=False))}", ""]
            out += changes_table(p.changes, framework=False)
            out += structural_table(p)
    return "\n".join(out).rstrip("\n") + "\n"
