"""The Markdown form of a diff, for a pull-request comment: the verdict first, then tables, in
``--lang en`` (the default), ``vi`` or ``both``. Called without a language (the docs pages), the
section titles are bilingual and the rest English."""

from __future__ import annotations

from collections.abc import Sequence

from archcheck.catalogue import msg, say
from archcheck.compare.frameworks import FrameworkDiff
from archcheck.compare.impact import FrameworkComparison
from archcheck.compare.matching import Change, FindingChange
from archcheck.compare.models import ModelDiff, ProvinceDiff
from archcheck.report.diff_text import DiffResult, counts, structural_line, title, verdict
from archcheck.report.escape import for_markdown, for_markdown_code
from archcheck.report.i18n import translator
from archcheck.report.options import DEFAULT_LANG, ReportOptions

_cell = for_markdown


def _code(text: str) -> str:
    return for_markdown_code(text, table=True)


def _w(key: str, lang: str, **values: object) -> str:
    return say(msg(key, **values), lang)


def _none(value: str, lang: str) -> str:
    """An aspect's value: "none" as a word (RuleChange.said's reading)."""
    return _w("diff.none", lang) if value == "none" else value


def _aspect(what: str, lang: str) -> str:
    """An aspect's name ("check", "superseded_by") as a word."""
    return _w("diff.aspect." + what.replace("_", "-"), lang)


def _titles(vi: str, en: str, lang: str) -> str:
    return vi if lang == "vi" else en if lang == "en" else f"{vi} / {en}"


def framework_diff_markdown(d: FrameworkDiff, level: str = "##", lang: str = "both") -> list[str]:
    """The framework diff as Markdown sections (used for the generated docs page too, in ``both``)."""
    words = "en" if lang == "both" else lang  # a table's head in one language: the docs page's in English
    head = _w("cmd.diff-framework-title", lang, a=d.old.id, b=d.new.id)
    out = [f"{level} {head}",
           "", _w("cmd.diff-md-versions", words), "|---|---|---|---|",
           f"| {_w('cmd.diff-md-old', words)} | {d.old.id}: {_cell(d.old.title_vi)} | {d.old.document} | "
           f"{d.old.issued} |",
           f"| {_w('cmd.diff-md-new', words)} | {d.new.id}: {_cell(d.new.title_vi)} | {d.new.document} | "
           f"{d.new.issued} |", ""]
    if d.empty:
        none = _w("cmd.diff-no-differences", lang)
        out += [none[0].upper() + none[1:] + ".", ""]
        return out
    sub = level + "#"

    def table(key: str, head: str, rows: Sequence[str]) -> None:
        if rows:
            out.extend([f"{sub} {title(key, len(rows), lang)}", "", head,
                        "|" + "---|" * head.count("|", 1), *rows, ""])

    def national(yes: bool, kind: str) -> str:
        return _w("cmd.diff-national", words, x=kind) if yes else kind

    table("kinds_added", _w("cmd.diff-md-kinds", words),
          [f"| {national(k.national, f'`{k.id}`')} | {k.layer or ''} | {_cell(k.vi)} | {_cell(k.en)} |"
           for k in d.kinds_added])
    table("kinds_removed", _w("cmd.diff-md-kinds", words),
          [f"| {national(k.national, f'`{k.id}`')} | {k.layer or ''} | {_cell(k.vi)} | {_cell(k.en)} |"
           for k in d.kinds_removed])
    table("kinds_renamed", _w("cmd.diff-md-renamed", words),
          [f"| `{r.new_id if r.old_id == r.new_id else f'{r.old_id}` → `{r.new_id}'}` | {_cell(r.old_vi)} / "
           f"{_cell(r.old_en)} | {_cell(r.new_vi)} / {_cell(r.new_en)} |" for r in d.kinds_renamed])
    table("kinds_moved", _w("cmd.diff-md-moved", words),
          [f"| `{m.id}` | {m.old_layer or ''} | {m.new_layer or ''} |" for m in d.kinds_moved])
    for key, entries in (("rules_added", d.rules_added), ("rules_removed", d.rules_removed)):
        table(key, _w("cmd.diff-md-rules", words),
              [f"| {e.rule_id} `{e.name}` | {_w(f'severity.{e.severity.value}', words)} | "
               f"{_cell(_titles(e.title_vi, e.title_en, lang))} | "
               f"{_cell(e.citation.document)} | {e.citation.effective} |" for e in entries])
    table("rules_regraded", _w("cmd.diff-md-regraded", words),
          [f"| {g.rule_id} `{g.name}` | {_w(f'severity.{g.old.value}', words)} | "
           f"{_w(f'severity.{g.new.value}', words)} | {_cell(g.citation.document)} | {g.citation.effective} |"
           for g in d.rules_regraded])
    table("rules_changed", _w("cmd.diff-md-changed", words),
          [f"| {c.rule_id} `{c.name}` | {_aspect(w, words)} | {_cell(_none(a, words))} | "
           f"{_cell(_none(b, words))} |" for c in d.rules_changed for w, a, b in c.aspects])
    return out


def changes_table(changes: Sequence[FindingChange], *, framework: bool, level: str = "####",
                  lang: str = "both") -> list[str]:
    """New, re-graded and fixed (or gone) findings as Markdown tables, then the unchanged count."""
    words = "en" if lang == "both" else lang
    t = translator(lang)
    out: list[str] = []
    for change in (Change.NEW, Change.SEVERITY, Change.FIXED):
        group = [c for c in changes if c.change is change]
        if not group:
            continue
        out += [f"{level} {title('gone' if framework and change is Change.FIXED else change, len(group), lang)}", "",
                _w("cmd.diff-md-changes", words), "|---|---|---|---|---|"]
        for c in group:
            f = c.finding
            sev = (f"{_w(f'severity.{c.old.severity.value}', words)} → {_w(f'severity.{c.new.severity.value}', words)}"
                   if c.old is not None and c.new is not None else _w(f"severity.{f.severity.value}", words))
            where = _code(str(f.location)) if f.location else ""
            refs = (_w("cmd.diff-md-model-change", words, x=", ".join(f"{i + 1}" for i in c.explained_by))
                    if c.explained_by else "")
            why = t.message(c.why) if lang != "both" else say(c.why, "en") if c.why is not None else ""
            out.append(f"| {sev} | {f.rule_id} {_cell(_titles(f.title_vi, f.title_en, lang))} | {_code(f.subject)} | "
                       f"{where} | {c.cause.value}: {_cell(why)}{refs} |")
        out.append("")
    same = sum(1 for c in changes if c.change is Change.UNCHANGED)
    out += [f"{title(Change.UNCHANGED, None, lang)}: {same}", ""]
    return out


def structural_table(p: ProvinceDiff, lang: str = "both") -> list[str]:
    """A province's model changes, numbered as the findings refer to them, in a folded table."""
    if not p.structural:
        return []
    words = "en" if lang == "both" else lang
    out = [f"<details><summary>{title('structural', len(p.structural), lang)}</summary>", "",
           _w("cmd.diff-md-structural", words), "|---|---|---|"]
    out += [f"| {n} | {_code(str(s.location))} | {_cell(structural_line(s, words))} |"
            for n, s in enumerate(p.structural, start=1)]
    return [*out, "", "</details>", ""]


def render_diff_markdown(result: DiffResult, options: ReportOptions) -> str:
    """A framework comparison or a model diff as Markdown."""
    lang = options.lang or DEFAULT_LANG
    t = translator(lang)
    code = result.exit_code(options.fail_on)
    level = msg(f"severity.{options.fail_on.value}")
    out: list[str] = []
    if isinstance(result, FrameworkComparison):
        d = result.diff
        out += [f"## archcheck diff frameworks {d.old.id} → {d.new.id}", ""]
        if result.impacts:
            out += [t.word("cmd.diff-md-verdict", counts=counts(result.changes(), lang), level=level, code=code), ""]
        for i in result.impacts:
            out += [f"### {_cell(i.province)} ({for_markdown_code(i.file)})", "",
                    _cell(t.word("cmd.diff-md-evaluated", d1=i.old.evaluated_as_of, a=d.old.id,
                                 n1=t.arg(i.old.evaluation_note), d2=i.new.evaluated_as_of, b=d.new.id,
                                 n2=t.arg(i.new.evaluation_note))), "",
                    f"> {_cell(verdict(d.new.id, i.changes, framework=True, lang=lang))}", ""]
            out += changes_table(i.changes, framework=True, lang=lang)
        out += [f"<details><summary>{t.word('cmd.diff-md-what-changes')}</summary>", ""]
        out += framework_diff_markdown(d, "###", lang)
        out += ["</details>", ""]
    else:
        assert isinstance(result, ModelDiff)
        out += [f"## archcheck diff models {for_markdown_code(result.old_file)} → {for_markdown_code(result.new_file)}",
                "", t.word("cmd.diff-md-verdict", counts=counts(result.changes(), lang), level=level, code=code), ""]
        for p in result.provinces:
            out += [f"### {_cell(p.province)}", "", f"> {_cell(verdict('', p.changes, framework=False, lang=lang))}",
                    ""]
            out += changes_table(p.changes, framework=False, lang=lang)
            out += structural_table(p, lang)
    return "\n".join(out).rstrip("\n") + "\n"
