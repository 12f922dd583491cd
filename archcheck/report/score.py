"""The scorecard written out: text, JSON, Markdown and HTML.

The arithmetic (tallies by area, weights, the ranking, the coverage figures) is
:mod:`archcheck.compare.score`'s; this module only says a :class:`Scorecard` in words. A compliance
scorecard of the rules archcheck encodes, **not** the ministry's official IT-application index or the
DTI, whose indicators and weights differ; each format says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from archcheck import __version__
from archcheck.api import ValidationRun
from archcheck.catalogue import Message, has, msg, say, word
from archcheck.check.engine import ProvinceReport
from archcheck.compare import score as arithmetic
from archcheck.compare.areas import areas
from archcheck.compare.score import FAILED, MET, CoverageFigure, ProvinceScore, Scorecard, Tally
from archcheck.findings import Outcome, TargetState
from archcheck.law.rules import Rule
from archcheck.report.escape import for_html, for_json, for_line, for_markdown, for_markdown_code
from archcheck.report.html import CSS  # the report's style: one look for both pages


def scorecard(reports: Iterable[ProvinceReport], rules: Mapping[str, Rule]) -> Scorecard:
    """Score each province report and rank them (:func:`archcheck.compare.score.scorecard`); ``rules``:
    the rules the run used (for the coverage targets)."""
    return arithmetic.scorecard(reports, rules)


# -- output ---------------------------------------------------------------------------------------
#
# Every word is the catalogue's (archcheck/catalogue.yaml: ``score.*``, ``area.*`` and the shared outcome
# and target words); ``lang`` is ``en``, ``vi`` or ``both`` (None: both, the command's default for now).
# The column heads are the shared outcome words with a capital.

_HEADS: Mapping[str, Message] = {
    "rank": msg("score.rank"), "province": word("level", "province"), "score": msg("score.score"),
    "met": word("target-state", "met"), "failed": word("outcome", "failed"),
    "unsure": word("outcome", "cannot-verify"), "na": word("outcome", "not-applicable"),
    "not_in_force": msg("score.not-in-force"), "area": msg("score.area"),
}


def _say(m: Message, lang: str | None) -> str:
    return say(m, lang or "both")


def _head(key: str, lang: str | None) -> str:
    """A column's head: its word with a capital (in each language of ``both``)."""
    m = _HEADS[key]
    if (lang or "both") == "both":
        vi, en = _capital(_say(m, "vi")), _capital(_say(m, "en"))
        return vi if vi == en else f"{vi} / {en}"
    return _capital(_say(m, lang))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _notice(lang: str | None) -> str:
    """What the scorecard is not; in ``both``, the Vietnamese and the English on lines of their own."""
    notice = msg("score.notice")
    if (lang or "both") == "both":
        return f"{say(notice, 'vi')}\n{say(notice, 'en')}"
    return say(notice, lang or "both")


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:.1f}%"


_OUTCOME_WORDS: Mapping[Outcome, Message] = {MET: word("target-state", "met"), FAILED: word("outcome", "failed")}


def _outcome_word(c: CoverageFigure, lang: str | None) -> str:
    """A coverage figure against its target: met, failed (below the target, for a policy target) or cannot verify."""
    if c.outcome is FAILED and c.target:
        return _say(msg("score.below-target"), lang)
    return _say(_OUTCOME_WORDS.get(c.outcome, word("outcome", "cannot-verify")), lang)


def _state(state: TargetState) -> Message:
    """A target's state in words: met, below, missed (``target-state.*``) or cannot verify (the outcome's word)."""
    return word("outcome", "cannot-verify") if state is TargetState.CANNOT_VERIFY else word("target-state", state)


def _targets(p: ProvinceScore, lang: str | None) -> str:
    """``DOC-004 met; DVC-007 missed`` (or that there is none)."""
    return "; ".join(f"{rid} {_say(_state(state), lang)}" for rid, state in p.targets) or \
        _say(msg("score.no-targets"), lang)


def _figure(c: CoverageFigure, lang: str | None) -> str:
    """``commune: more than 30%`` in ``lang``: the level and the figure said (a level the catalogue
    does not have as it is)."""
    level = word("level", c.level) if has(f"level.{c.level}") else c.level
    one = lang or "both"
    if one == "both":  # each language whole: "xã: hơn 30% / commune: more than 30%"
        vi, en = _figure(c, "vi"), _figure(c, "en")
        return vi if vi == en else f"{vi} / {en}"
    return f"{say(level, one)}: {say(c.figure, one)}"


def _weights(lang: str | None) -> str:
    """Each area's weight: by id in English (``integration 1, documents 1``), by title otherwise."""
    if lang == "en":
        return ", ".join(f"{a.id} {a.weight:g}" for a in areas())
    return "; ".join(f"{a.title(lang)}: {a.weight:g}" for a in areas())


def _area_titles(lang: str | None) -> dict[str, str]:
    return {a.id: a.title(lang) for a in areas()}


def _said(lang: str | None) -> tuple[str, str, str, str, str]:
    """The words of a province's section: framework, as of, target, coverage, targets."""
    keys = (word("word", "framework"), msg("score.as-of"), word("outcome", "target"), msg("score.coverage"),
            msg("score.targets"))
    framework, as_of, target, coverage, targets = (_say(m, lang) for m in keys)
    return framework, as_of, target, coverage, targets


def _table(head: list[str], rows: list[list[str]], right: set[int], indent: str = "") -> list[str]:
    """Rows of text in columns as wide as their widest cell; ``right`` columns aligned right."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return indent + "  ".join(c.rjust(w) if i in right else c.ljust(w)
                                  for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return [line(head), *(line(r) for r in rows)]


def render_text(card: Scorecard, lang: str | None = None) -> str:
    """The scorecard as plain text: the ranking, then each province by area."""
    out = [_say(msg("score.title"), lang), *_notice(lang).split("\n"), ""]
    head = [_head(k, lang) for k in ("rank", "score", "met", "failed", "unsure", "not_in_force", "province")]
    rows = [[str(p.rank) if p.rank is not None else "-", _pct(p.score), str(p.total.met), str(p.total.failed),
             str(p.total.cannot_verify), str(p.total.not_in_force), f"{p.province} ({p.file})"]
            for p in card.provinces]
    out += _table(head, rows, {0, 1, 2, 3, 4, 5})
    titles = _area_titles(lang)
    framework, as_of, target, coverage, targets = _said(lang)
    area_head = [_head(k, lang) for k in ("area", "met", "failed", "unsure", "na", "not_in_force")] + ["%"]
    for p in card.provinces:
        out.append("")
        rank = f"#{p.rank}" if p.rank is not None else _say(msg("score.unranked"), lang)
        out.append(f"{p.province} ({p.file}; {framework} {p.framework}, {as_of} {p.evaluated_as_of}): "
                   f"{_pct(p.score)}, {rank}")
        rows = [[titles[aid], str(t.met), str(t.failed), str(t.cannot_verify), str(t.not_applicable),
                 str(t.not_in_force), _pct(t.share)] for aid, t in p.areas]
        out += _table(area_head, rows, {1, 2, 3, 4, 5, 6}, "  ")
        out.append(f"  {coverage}:")
        if not p.coverage:
            out.append(f"    {_say(msg('score.no-coverage'), lang)}")
        for c in p.coverage:
            out.append(f"    {c.rule_id} {c.component} {_figure(c, lang)} ({target} {c.target_percent:g}%) → "
                       f"{_outcome_word(c, lang)}")
        out.append(f"  {targets}: {_targets(p, lang)}")
    out.append("")
    out.append(f"{_say(msg('score.weights'), lang)}: {_weights(lang)}")
    # each line escaped on its own: a newline inside a name cannot start a line (a CI runner's command)
    return "\n".join(for_line(line) for line in out) + "\n"


def _tally(t: Tally) -> dict[str, Any]:
    return {"met": t.met, "failed": t.failed, "cannot_verify": t.cannot_verify, "not_applicable": t.not_applicable,
            "not_in_force": t.not_in_force, "targets": t.targets,
            "share": None if t.share is None else round(t.share, 6)}


def render_json(card: Scorecard, lang: str | None = None) -> str:
    """The scorecard as JSON (sorted, no timestamps)."""
    doc = {
        "scorecard_version": 1,
        "tool": {"name": "archcheck", "version": __version__},
        "notice": {"vi": say(msg("score.notice"), "vi"), "en": say(msg("score.notice"), "en")},
        "areas": [{"id": a.id, "title": {"vi": a.title("vi"), "en": a.title("en")}, "weight": a.weight,
                   "prefixes": list(a.prefixes)} for a in areas()],
        "provinces": [
            {"rank": p.rank, "province": p.province, "file": p.file, "framework": p.framework,
             "evaluated_as_of": p.evaluated_as_of, "score": None if p.score is None else round(p.score, 6),
             "total": _tally(p.total), "areas": {aid: _tally(t) for aid, t in p.areas},
             "coverage": [{"rule_id": c.rule_id, "component": c.component, "level": c.level, "figure": str(c.figure),
                           "target_percent": c.target_percent, "outcome": c.outcome.value, "target": c.target}
                          for c in p.coverage],
             "targets": [{"rule_id": rid, "state": state.value} for rid, state in p.targets]}
            for p in card.provinces],
    }
    return for_json(doc) + "\n"


_md = for_markdown


def render_markdown(card: Scorecard, lang: str | None = None) -> str:
    """The scorecard as Markdown tables (a pull-request comment, a wiki page)."""
    out = [f"# {_say(msg('score.title'), lang)}", "", "> " + _notice(lang).replace("\n", "\n>\n> "), ""]
    keys = ("rank", "province", "score", "met", "failed", "unsure", "not_in_force")
    out.append("| " + " | ".join(_head(k, lang) for k in keys) + " |")
    out.append("|---:|---|---:|---:|---:|---:|---:|")
    for p in card.provinces:
        t = p.total
        out.append(f"| {p.rank if p.rank is not None else '-'} | {_md(p.province)} | {_pct(p.score)} | {t.met} | "
                   f"{t.failed} | {t.cannot_verify} | {t.not_in_force} |")
    titles = _area_titles(lang)
    framework, as_of, target, coverage, targets = _said(lang)
    area_head = "| " + " | ".join(_head(k, lang) for k in ("area", "met", "failed", "unsure", "na", "not_in_force"))
    for p in card.provinces:
        out += ["", f"## {_md(p.province)}", "",
                f"{for_markdown_code(p.file)}, {framework} {p.framework}, {as_of} {p.evaluated_as_of}: "
                f"**{_pct(p.score)}**", "",
                f"{area_head} | % |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        for aid, t in p.areas:
            out.append(f"| {_md(titles[aid])} | {t.met} | {t.failed} | {t.cannot_verify} | {t.not_applicable} | "
                       f"{t.not_in_force} | {_pct(t.share)} |")
        if p.coverage:
            out += ["", f"{coverage}:", ""]
            out += [f"- {c.rule_id} {for_markdown_code(c.component)} {_md(_figure(c, lang))} ({target} "
                    f"{c.target_percent:g}%) → {_outcome_word(c, lang)}" for c in p.coverage]
        out += ["", f"{targets}: {_md(_targets(p, lang))}"]
    return "\n".join(out) + "\n"


def render_html(card: Scorecard, lang: str | None = None) -> str:
    """The scorecard as one self-contained HTML page (inline CSS, no script)."""
    e = for_html
    rows = "".join(
        f"<tr><td class=\"n\">{p.rank if p.rank is not None else '-'}</td><td>{e(p.province)}</td>"
        f"<td class=\"n\">{_pct(p.score)}</td><td class=\"n\">{p.total.met}</td><td class=\"n\">{p.total.failed}</td>"
        f"<td class=\"n\">{p.total.cannot_verify}</td><td class=\"n\">{p.total.not_in_force}</td></tr>"
        for p in card.provinces)
    cols = "".join(f'<th class="n">{e(_head(k, lang))}</th>'
                   for k in ("score", "met", "failed", "unsure", "not_in_force"))
    titles = _area_titles(lang)
    framework, as_of, target, coverage, targets = _said(lang)
    title, none = _say(msg("score.title"), lang), _say(msg("score.no-coverage"), lang)
    acols = "".join(f'<th class="n">{e(_head(k, lang))}</th>'
                    for k in ("met", "failed", "unsure", "na", "not_in_force"))
    sections = []
    for p in card.provinces:
        arows = "".join(
            f"<tr><td>{e(titles[aid])}</td><td class=\"n\">{t.met}</td><td class=\"n\">{t.failed}</td>"
            f"<td class=\"n\">{t.cannot_verify}</td><td class=\"n\">{t.not_applicable}</td>"
            f"<td class=\"n\">{t.not_in_force}</td><td class=\"n\">{_pct(t.share)}</td></tr>" for aid, t in p.areas)
        cov = "".join(f"<li>{e(c.rule_id)} <code>{e(c.component)}</code> {e(_figure(c, lang))} "
                      f"({e(target)} {c.target_percent:g}%) → {e(_outcome_word(c, lang))}</li>"
                      for c in p.coverage)
        sections.append(
            f'<section class="province"><h2 class="name">{e(p.province)}</h2>'
            f"<p><code>{e(p.file)}</code>, {e(framework)} {e(p.framework)}, {e(as_of)} "
            f"{e(p.evaluated_as_of)}: <strong>{_pct(p.score)}</strong></p>"
            f'<div class="table-wrap"><table><thead><tr><th>{e(_head("area", lang))}</th>{acols}<th class="n">%</th>'
            f"</tr></thead><tbody>{arows}</tbody></table></div>"
            f"<h3>{e(coverage)}</h3><ul>{cov or '<li>' + e(none) + '</li>'}</ul>"
            f"<h3>{e(targets)}</h3><p>{e(_targets(p, lang))}</p>"
            "</section>")
    notice = "".join(f"<p>{e(line)}</p>" for line in _notice(lang).split("\n"))
    return ("<!DOCTYPE html>\n"
            f'<html lang="{"en" if lang == "en" else "vi"}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
            f'<header class="top"><h1>{e(title)}</h1></header><main>'
            f'<section class="summary"><div class="notice">{notice}</div><div class="table-wrap"><table>'
            f"<thead><tr><th class=\"n\">{e(_head('rank', lang))}</th><th>{e(_head('province', lang))}</th>{cols}</tr>"
            f"</thead><tbody>{rows}</tbody></table></div></section>{''.join(sections)}"
            f"<footer>archcheck {e(__version__)}</footer></main></body></html>\n")


FORMATS = {"text": render_text, "json": render_json, "markdown": render_markdown, "html": render_html}
"""Scorecard format name → writer; `archcheck score --format` reads its choices from here."""


def score_run(run: ValidationRun) -> Scorecard:
    """The scorecard of a validation run, by the rules it used (keep its outlines for the coverage figures)."""
    return scorecard(run.reports, run.rules)


__all__ = ["FORMATS", "Scorecard", "Tally", "score_run", "scorecard"]
