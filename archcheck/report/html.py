"""The HTML report: one self-contained page for the people who decide, not only for developers. Inline CSS,
inline SVG and one small inline script (zoom and pan of the drawing, allowed by its hash and nothing
else), no font, image, script or style sheet from anywhere else: the file reads the same offline, on a
phone and printed on A4 (a large drawing on a landscape page of its own). For each province: the verdict
first, in plain words; the drawing of the architecture with the findings on it; the violations grouped
by area (integration, documents, public services, identity, security, infrastructure) with the legal
source and the fix; the "cannot verify" findings apart; the policy targets in their own section (met,
below, missed, cannot verify); the evaluation date and framework; the source quotes behind the model's
facts. A national file (or several files) gets a summary table first. Everything that comes from a model
or a rule is escaped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence

from archcheck import __version__
from archcheck.api import ValidationRun
from archcheck.catalogue import msg, say
from archcheck.check.engine import ProvinceReport
from archcheck.findings import Finding, Severity, TargetState, target_counts
from archcheck.report.areas import Area, area_of, areas
from archcheck.report.drawing import Target, report_scene, requirements, to_svg
from archcheck.report.escape import for_html
from archcheck.report.i18n import Translator, translator
from archcheck.report.options import DEFAULT_LANG, ReportOptions


def _t(key: str, lang: str, **values: object) -> str:
    """The catalogue's ``key`` in ``lang`` (``both``: Vietnamese / English); a value that is a
    :class:`~archcheck.catalogue.Message` is said in the sentence's own language."""
    return say(msg(key, **values), lang)


def _tb(key: str, lang: str, **values: object) -> str:
    """Like :func:`_t`, as escaped HTML; ``both`` on two lines, the English one muted."""
    if lang != "both":
        return _e(_t(key, lang, **values))
    return f'{_e(_t(key, "vi", **values))}<br><span class="en">{_e(_t(key, "en", **values))}</span>'


_TARGET_STATES = {TargetState.MET: "target-state.met", TargetState.BELOW: "html.target-below",
                  TargetState.MISSED: "target-state.missed", TargetState.CANNOT_VERIFY: "outcome.cannot-verify"}


def _each(t: Translator, make: Callable[[Translator], str]) -> str:
    """What ``make`` says with ``t``, as escaped HTML; ``both`` on two lines, the English one muted."""
    lines = t.each(make)
    return _e(lines[0]) + "".join(f'<br><span class="en">{_e(line)}</span>' for line in lines[1:])


def _e(text: object) -> str:
    return for_html(str(text))


CSS = """
:root { --red: #c62828; --amber: #b7791f; --green: #2e7d32; --ink: #212121; --muted: #5f6b73; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: var(--ink);
       background: #f4f6f8; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
header.top { background: #263238; color: #fff; padding: .75rem 1rem; }
header.top h1 { font-size: 1.1rem; margin: 0; font-weight: 600; }
section.province, section.summary { background: #fff; border-radius: 10px; padding: 1rem 1.25rem;
                                     margin: 1rem 0; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h2.name { font-size: 1.6rem; margin: .2rem 0 .6rem; }
h3 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 2px solid #eceff1; padding-bottom: .2rem; }
h4 { font-size: 1.02rem; margin: 1rem 0 .4rem; color: #37474f; }
.verdict { border-radius: 8px; padding: .8rem 1rem; margin: .4rem 0 1rem; border-left: 8px solid; }
.verdict.fail { background: #ffebee; border-color: var(--red); }
.verdict.pass { background: #e8f5e9; border-color: var(--green); }
.verdict .headline { font-size: 1.3rem; font-weight: 700; margin: 0; }
.verdict p { margin: .3rem 0 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; font-size: .95rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
figure.drawing { margin: 1rem 0; border: 1px solid #e0e0e0; border-radius: 8px; position: relative; }
/* On screen the drawing keeps its own size (its smallest label is 10 px), inside a frame that scrolls;
   the inline script adds zoom buttons and drag-to-pan. */
figure.drawing .pan { overflow: auto; max-height: 80vh; cursor: grab; touch-action: pan-x pan-y; }
figure.drawing .pan.dragging { cursor: grabbing; user-select: none; }
figure.drawing svg { display: block; max-width: none; height: auto; }
figure.drawing .zoom { position: absolute; top: .4rem; right: .6rem; display: flex; gap: .25rem; z-index: 1; }
figure.drawing .zoom button { font: inherit; font-size: .9rem; min-width: 2.2rem; padding: .15rem .4rem;
                              border: 1px solid #b0bec5; border-radius: 4px; background: #fff; cursor: pointer; }
.en { color: var(--muted); font-weight: normal; }
.verdict .headline .en { font-size: 1.05rem; }
article.finding { border: 1px solid #e0e0e0; border-left: 6px solid #90a4ae; border-radius: 6px;
                  padding: .6rem .8rem; margin: .6rem 0; break-inside: avoid; }
article.finding.error { border-left-color: var(--red); }
article.finding.warning { border-left-color: #ef6c00; }
article.finding.info { border-left-color: #1976d2; }
article.finding.cannot-verify { border-left-color: var(--amber); background: #fffdf5; }
.finding .rule { font-weight: 700; }
.finding .sev { display: inline-block; font-size: .8rem; padding: 0 .45rem; border-radius: 4px; color: #fff;
                background: #90a4ae; margin-right: .3rem; vertical-align: middle; }
.finding.error .sev { background: var(--red); }
.finding.warning .sev { background: #ef6c00; }
.finding.info .sev { background: #1976d2; }
.finding.cannot-verify .sev { background: var(--amber); }
.finding .title-vi { font-weight: 600; }
.finding .title-en, .finding .meta { color: var(--muted); font-size: .92rem; }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .4rem 0 0;
              font-size: .93rem; }
.finding dt { color: var(--muted); }
.finding dd { margin: 0; overflow-wrap: anywhere; }
blockquote { margin: .2rem 0; padding: .1rem .6rem; border-left: 3px solid #cfd8dc; color: #37474f; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .88em; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #eceff1; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.fail { color: var(--red); font-weight: 700; }
td.pass { color: var(--green); font-weight: 700; }
.table-wrap { overflow-x: auto; }
footer { color: var(--muted); font-size: .85rem; margin: 1.5rem 0 2rem; }
@media (max-width: 40rem) {
  main { padding: .5rem; }
  section.province, section.summary { padding: .8rem; border-radius: 0; }
  dl.facts, .finding dl { grid-template-columns: 1fr; }
  dl.facts dd, .finding dd { margin-bottom: .3rem; }
  h2.name { font-size: 1.35rem; }
}
@media print {
  /* A province on a few A4 pages: its summary and findings in portrait, compact; a large drawing on a
     landscape page of its own, scaled to fit it; every section starts where the last one ends. */
  @page { size: A4 portrait; margin: 9mm 10mm 10mm; }
  @page drawing { size: A4 landscape; margin: 8mm; }
  body { background: #fff; font-size: 8.6pt; line-height: 1.3; }
  header.top { background: none; color: var(--ink); padding: 0 0 2mm; border-bottom: 1px solid #999; }
  header.top h1 { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  section.province, section.summary { box-shadow: none; padding: 0; margin: 0 0 4mm; border-radius: 0; }
  section.province + section.province { break-before: page; }
  h2.name { font-size: 14pt; margin: 1mm 0 2mm; }
  h3 { font-size: 10.5pt; margin: 3mm 0 1.5mm; }
  h4 { font-size: 9.5pt; margin: 2mm 0 1mm; }
  .verdict { padding: 1.5mm 3mm; margin: 1mm 0 2mm; border-left-width: 4px;
             -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .verdict .headline { font-size: 11pt; }
  .verdict p { margin: .5mm 0 0; }
  dl.facts { font-size: 8.4pt; }
  figure.drawing { border: none; margin: 2mm 0; break-inside: avoid; }
  /* on paper a "cannot verify" note keeps its rule, title and message; its details stay on screen */
  section.cannot-verify article.finding dl { display: none; }
  figure.drawing .pan { overflow: visible; max-height: none; }
  figure.drawing .zoom { display: none; }
  figure.drawing svg { width: 100% !important; height: auto; max-height: 240mm; }
  /* a large drawing goes last, on its own landscape page, so the findings fill the portrait pages */
  section.province { display: flex; flex-direction: column; }
  section.province > * { order: 1; }
  section.province > section.drawing-section.large { order: 2; page: drawing; break-before: page; }
  figure.drawing.large { margin: 0; }
  figure.drawing.large svg { max-height: 178mm; }
  /* the footer shares the drawing's landscape page rather than starting a page of its own */
  main:has(> section.province:last-of-type > section.drawing-section.large) > footer { page: drawing; }
  /* findings: two columns of compact cards */
  section.area { display: grid; grid-template-columns: 1fr 1fr; gap: 0 4mm; align-items: start; }
  section.area > h4 { grid-column: 1 / -1; }
  article.finding { padding: 1mm 2mm; margin: 0 0 1.5mm; border-left-width: 3px; font-size: 8pt;
                    break-inside: auto;
                    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .finding .title-en, .finding .meta { font-size: 7.6pt; }
  .finding p { margin: .5mm 0; }
  .finding dl { display: block; font-size: 7.6pt; margin: .5mm 0 0; }
  .finding dt { display: inline; font-weight: 600; }
  .finding dt::after { content: ": "; }
  .finding dd { display: inline; margin: 0; }
  .finding dd::after { content: ""; display: block; }
  .finding .sev { font-size: 7pt; }
  blockquote { margin: 0; padding: 0 1.5mm; }
  h3, h4 { break-after: avoid; }
  footer { margin: 3mm 0 0; font-size: 7.5pt; }
  a { color: inherit; text-decoration: none; }
}
"""


LARGE_DRAWING_PX = 760
"""A drawing wider than this (px) is printed on a landscape page of its own; a smaller one fits the
portrait page's width (about 710 px at 96 dpi) at nearly its own size."""

SCRIPT = """
document.addEventListener("DOMContentLoaded", function () {
  var words = JSON.parse(document.documentElement.dataset.zoom || "{}");
  document.querySelectorAll("figure.drawing").forEach(function (fig) {
    var pan = fig.querySelector(".pan"), svg = pan && pan.querySelector("svg");
    if (!svg) { return; }
    var natural = parseFloat(svg.getAttribute("width")), scale = 1;
    function set(s) {
      var fit = pan.clientWidth / natural;
      scale = Math.max(Math.min(s, 4), Math.min(fit, 1) * 0.5);
      svg.style.width = (natural * scale) + "px";
      fig.dataset.scale = scale.toFixed(3);
    }
    var bar = document.createElement("div");
    bar.className = "zoom";
    [["+", "in", function () { set(scale * 1.25); }], ["\u2212", "out", function () { set(scale / 1.25); }],
     ["\u2922", "fit", function () { set(pan.clientWidth / natural); }], ["1:1", "one", function () { set(1); }]
    ].forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button"; btn.textContent = b[0]; btn.title = words[b[1]] || b[1];
      btn.setAttribute("aria-label", btn.title); btn.className = "zoom-" + b[1];
      btn.addEventListener("click", b[2]);
      bar.appendChild(btn);
    });
    fig.insertBefore(bar, pan);
    set(1);
    var drag = null;
    pan.addEventListener("pointerdown", function (e) {
      if (e.pointerType !== "mouse" || e.button !== 0) { return; }
      drag = {x: e.clientX, y: e.clientY, l: pan.scrollLeft, t: pan.scrollTop};
      pan.classList.add("dragging");
    });
    window.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      pan.scrollLeft = drag.l - (e.clientX - drag.x);
      pan.scrollTop = drag.t - (e.clientY - drag.y);
    });
    window.addEventListener("pointerup", function () { drag = null; pan.classList.remove("dragging"); });
    pan.addEventListener("wheel", function (e) {
      if (!e.ctrlKey) { return; }
      e.preventDefault();
      set(e.deltaY < 0 ? scale * 1.1 : scale / 1.1);
    }, {passive: false});
  });
});
"""
"""Zoom buttons and drag-to-pan for the drawings on screen: inline, allowed by its hash in the page's
Content-Security-Policy and by nothing else (no other script, nothing from the network)."""


def _script_hash() -> str:
    import base64  # noqa: PLC0415 - only when a page is written
    import hashlib  # noqa: PLC0415

    return "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")


def drawing_width(svg: str) -> float:
    """The width (px) an SVG written by :func:`~archcheck.report.drawing.to_svg` declares."""
    head = svg[: svg.index(">")]
    return float(head.split(' width="', 1)[1].split('"', 1)[0])


def _failing(r: ProvinceReport, fail_on: Severity) -> list[Finding]:
    return [f for f in r.findings if not f.unverifiable and f.severity.at_least(fail_on)]


def _verdict(r: ProvinceReport, options: ReportOptions) -> str:
    lang = options.lang or DEFAULT_LANG
    failing = _failing(r, options.fail_on)
    level = msg(f"severity.{options.fail_on.value}")
    unsure = sum(1 for f in r.findings if f.unverifiable)
    # every finding of each severity, as the text and JSON reports count them ("cannot verify" findings
    # are info findings; the sentence below says how many there are)
    counts = {s: sum(1 for f in r.findings if f.severity is s) for s in Severity}
    cls = "fail" if failing else "pass"
    if failing:
        said = msg("html.violation-at" if len(failing) == 1 else "html.violations-at", n=len(failing), level=level)
    else:
        said = msg("html.no-violation", level=level)
    headline = _tb("html.headline", lang, verdict=msg(f"html.{cls}"), said=said)
    parts = [f'<div class="verdict {cls}" data-verdict="{cls}">',
             f'<p class="headline">{headline}</p>',
             f'<p class="counts" data-error="{counts[Severity.ERROR]}" data-warning="{counts[Severity.WARNING]}" '
             f'data-info="{counts[Severity.INFO]}">'
             + _tb("html.counts", lang, e=counts[Severity.ERROR], w=counts[Severity.WARNING], i=counts[Severity.INFO])
             + "</p>"]
    if unsure:
        parts.append(f'<p class="unsure-count">{_tb("html.unsure-count", lang, n=unsure)}</p>')
    parts.append("<p>" + _tb("html.in-force", lang, n=len(r.rules_in_force), date=r.evaluated_as_of.isoformat(),
                             later=len(r.rules_not_in_force)) + "</p>")
    parts.append("</div>")
    return "\n".join(parts)


def _finding(f: Finding, lang: str, t: Translator) -> str:
    sev = "cannot-verify" if f.unverifiable else f.severity.value
    label = _t("html.cannot-verify", lang) if f.unverifiable else _t(f"severity.{f.severity.value}", lang)
    rows: list[tuple[str, str]] = [(_t("html.subject", lang), f"<code>{_e(f.subject)}</code>")]
    if f.location is not None:
        rows.append((_t("html.where", lang), f"<code>{_e(f.location)}</code>"))
    e = f.evidence
    if len(e.chain) > 1:
        stop = (f" ({_e(_t('html.stops', lang))} <code>{_e(e.broken_at)}</code>)"
                if e.broken_at and e.broken_at != e.chain[-1] else "")
        rows.append((_t("html.chain", lang), " → ".join(f"<code>{_e(c)}</code>" for c in e.chain) + stop))
    if e.edge is not None:
        rows.append((_t("html.edge", lang), f"<code>{_e(e.edge)}</code>"))
    if e.expected and e.actual and e.edge is None and len(e.chain) <= 1:
        rows.append((_t("html.expected", lang), _each(t, lambda t: t.message(e.expected))))
        rows.append((_t("html.found", lang), _each(t, lambda t: t.message(e.actual))))
    rows.append((_t("html.source", lang), _each(t, lambda t: t.citation(f.citation))))
    if not f.unverifiable:
        rows.append((_t("html.fix", lang), _each(t, lambda t: t.text(f.remediation))))
    for p in f.provenance:
        where = f" ({_e(p.locator)})" if p.locator else ""
        # the source's own words, as the text report quotes them, in every language
        quote = f"<blockquote>«{_e(p.quote)}»</blockquote>" if p.quote else ""
        rows.append((_t("html.facts", lang), f"<code>{_e(p.document)}</code>{where}{quote}"))
    titles = ""
    if lang != "en":
        titles += f'<div class="title-vi">{_e(f.title_vi)}</div>'
    if lang != "vi":
        titles += f'<div class="title-en">{_e(f.title_en)}</div>'
    body = "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return (f'<article class="finding {sev}" data-rule="{_e(f.rule_id)}">'
            f'<div><span class="sev">{_e(label)}</span><span class="rule">{_e(f.rule_id)}</span> '
            f'<span class="meta">{_e(f.rule_name)}</span></div>{titles}'
            f"<p>{_each(t, lambda t: t.message(f.said))}</p><dl>{body}</dl></article>")


def _grouped(findings: Sequence[Finding], lang: str, t: Translator) -> str:
    if not findings:
        return f'<p class="none">{_e(_t("html.none", lang))}</p>'
    by_area: dict[str, list[Finding]] = {}
    for f in findings:
        by_area.setdefault(area_of(f.rule_id).id, []).append(f)
    out = []
    for area in areas():
        group = by_area.get(area.id)
        if not group:
            continue
        out.append(f'<section class="area" data-area="{_e(area.id)}"><h4>{_e(_area_title(area, lang))} '
                   f"({len(group)})</h4>")
        out.extend(_finding(f, lang, t) for f in group)
        out.append("</section>")
    return "\n".join(out)


def _targets(r: ProvinceReport, lang: str, t: Translator) -> str:
    """The policy targets in force, in their own section: met, below, missed or cannot verify."""
    counts = target_counts(r.kpis)
    said = ", ".join(f"{n} {_t(_TARGET_STATES[state], lang)}" for state, n in counts.items())
    head = "".join(f"<th>{_e(_t(k, lang))}</th>" for k in ("html.target", "html.deadline", "html.figure", "html.state"))
    rows = []
    for k in r.kpis:
        plan = f"<br>{_e(_t('html.plan', lang))}: {_e(t.message(k.plan))}" if k.plan is not None else ""
        rows.append(f'<tr data-rule="{_e(k.rule_id)}" data-state="{_e(k.state.value)}">'
                    f"<td><span class=\"rule\">{_e(k.rule_id)}</span> {_e(t.text(k.target))}{plan}</td>"
                    f"<td>{_e(k.deadline)}</td><td>{_e(t.message(k.figure))}</td>"
                    f"<td class=\"{_e(k.state.value)}\">{_e(_t(_TARGET_STATES[k.state], lang))}</td></tr>")
    return (f'<section class="targets"><h3>{_e(_t("html.targets", lang))} ({len(r.kpis)}: {_e(said)})</h3>'
            f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
            "</table></div></section>")


def _area_title(area: Area, lang: str) -> str:
    return area.title(lang)


def _province(r: ProvinceReport, index: int, options: ReportOptions,
              needs: Mapping[str, tuple[Target, ...]], t: Translator) -> str:
    lang = options.lang or DEFAULT_LANG
    fw = r.framework
    fw_title = fw.title_vi if lang == "vi" else fw.title_en if lang == "en" else fw.title_vi
    out = [f'<section class="province" id="p{index}">',
           f'<h2 class="name">{_e(r.province)}</h2>',
           _verdict(r, options),
           '<dl class="facts">',
           f"<dt>{_e(_t('html.framework', lang))}</dt><dd>{_e(fw.id)}: {_e(fw_title)} ({_e(fw.document)}, "
           f"{_e(fw.issued.isoformat())})</dd>",
           f"<dt>{_e(_t('html.evaluated', lang))}</dt><dd>{_e(r.evaluated_as_of.isoformat())} "
           f"({_e(t.message(r.evaluation_note))})</dd>",
           f"<dt>{_e(_t('html.file', lang))}</dt><dd><code>{_e(r.file)}</code></dd>"]
    out.extend(f"<dt>{_e(_t('html.note', lang))}</dt><dd>{_e(n.location)}: {_e(t.message(n.message))}</dd>"
               for n in r.notices)
    out.append("</dl>")
    out.append(f'<section class="drawing-section"><h3>{_e(_t("html.drawing", lang))}</h3>')
    drawn = report_scene(r, lang, needs)
    if drawn is None:
        out.append(f'<p class="no-drawing">{_e(_t("html.no-drawing", lang))}</p>')
    else:
        svg = to_svg(drawn, prefix=f"p{index}")
        large = " large" if drawing_width(svg) > LARGE_DRAWING_PX else ""
        if large:
            out[-1] = out[-1].replace('class="drawing-section"', 'class="drawing-section large"')
        out.append(f'<figure class="drawing{large}"><div class="pan">{svg}</div></figure>')
    out.append("</section>")
    unsure = [f for f in r.findings if f.unverifiable and not r.later_than_design(f)]
    headings = ((Severity.ERROR, "html.errors"), (Severity.WARNING, "html.warnings"), (Severity.INFO, "html.infos"))
    for sev, key in headings:
        # by severity, as the text report: an info note is never listed as a violation
        group = [f for f in r.findings if f.severity is sev and not f.unverifiable and not r.later_than_design(f)]
        if not group and sev is Severity.INFO:
            continue
        out.append(f'<section class="findings" data-severity="{sev.value}"><h3>{_e(_t(key, lang))} '
                   f"({len(group)})</h3>")
        out.append(_grouped(group, lang, t))
        out.append("</section>")
    out.append(f'<section class="cannot-verify"><h3>{_e(_t("html.cannot-verify", lang))} ({len(unsure)})</h3>')
    if unsure:
        out.append(f"<p>{_tb('html.unsure-intro', lang)}</p>")
    out.append(_grouped(unsure, lang, t))
    out.append("</section>")
    came_later = [f for f in r.findings if r.later_than_design(f)]
    if came_later and r.design_approved is not None:  # the law that came after the design, apart (still counted)
        out.append(f'<section class="after-approval findings"><h3>'
                   f'{_e(_t("html.after-approval", lang, d=r.design_approved.isoformat()))} ({len(came_later)})</h3>')
        out.append(_grouped(came_later, lang, t))
        out.append("</section>")
    if r.kpis:
        out.append(_targets(r, lang, t))
    if r.rules_not_in_force:
        later = ", ".join(f"{_e(rid)} ({_e(d.isoformat())})" for rid, d in r.rules_not_in_force)
        out.append(f"<h4>{_e(_t('html.not-in-force', lang))}</h4><p>{later}</p>")
    if r.rules_superseded:
        sup = ", ".join(f"{_e(rid)} → {_e(by)}" for rid, by in r.rules_superseded)
        out.append(f"<h4>{_e(_t('html.superseded', lang))}</h4><p>{sup}</p>")
    out.append("</section>")
    return "\n".join(out)


def _summary(run: ValidationRun, options: ReportOptions) -> str:
    lang = options.lang or DEFAULT_LANG
    head = "".join(f'<th class="n">{_e(_t(k, lang))}</th>'
                   for k in ("html.errors", "html.warnings", "html.infos", "html.cannot-verify"))
    rows = []
    for i, r in enumerate(run.reports, start=1):
        fails = bool(_failing(r, options.fail_on))
        counts = [sum(1 for f in r.findings if f.severity is s) for s in Severity]  # as in the JSON report
        unsure = sum(1 for f in r.findings if f.unverifiable)
        cells = "".join(f'<td class="n">{n}</td>' for n in (*counts, unsure))
        verdict = _t("html.fail" if fails else "html.pass", lang)
        rows.append(f'<tr><td><a href="#p{i}">{_e(r.province)}</a></td>'
                    f'<td class="{"fail" if fails else "pass"}">{_e(verdict)}</td>{cells}</tr>')
    return (f'<section class="summary"><h2>{_e(_t("html.summary", lang))}</h2><div class="table-wrap"><table>'
            f"<thead><tr><th>{_e(_t('html.province', lang))}</th><th>{_e(_t('html.verdict', lang))}</th>{head}"
            "</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div></section>")


def render_html(run: ValidationRun, options: ReportOptions) -> str:
    """The run as one self-contained HTML page (UTF-8; its own zoom script only, nothing loaded from elsewhere)."""
    lang = options.lang or DEFAULT_LANG
    # every word in --lang (both: each heading and sentence in Vietnamese, the English below it, muted)
    t = translator(lang)
    needs = requirements(run.rules)
    title = _t("html.title", lang)
    names = ", ".join(r.province for r in run.reports[:3]) + (", …" if len(run.reports) > 3 else "")
    zoom = {k: _t(f"html.zoom-{k}", lang) for k in ("in", "out", "fit", "one")}
    out = ["<!DOCTYPE html>",
           f'<html lang="{"en" if lang == "en" else "vi"}" data-zoom="{_e(json.dumps(zoom, ensure_ascii=False))}">',
           "<head>",
           '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           # nothing may load from elsewhere, even if a model's text tried to make it; the one script that
           # runs is the page's own zoom (allowed by its hash)
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           f"img-src data:; script-src '{_script_hash()}'\">",
           f"<title>{_e(title)}: {_e(names)}</title>",
           f"<style>{CSS}</style>",
           f"<script>{SCRIPT}</script>",
           "</head>",
           "<body>",
           f'<header class="top"><h1>{_e(title)}</h1></header>',
           "<main>"]
    if len(run.reports) > 1:
        out.append(_summary(run, options))
    if run.errors:
        items = "".join(f"<li><code>{_e(_error_text(e))}</code></li>" for e in run.errors)
        out.append(f'<section class="summary errors"><h2>{_e(_t("html.not-checked", lang))}</h2>'
                   f"<ul>{items}</ul></section>")
    for i, r in enumerate(run.reports, start=1):
        out.append(_province(r, i, options, needs, t))
    if run.gate is not None and run.gate.findings:  # an expired waiver, a stale baseline entry: they count too
        out.append(f'<section class="gate findings"><h2>{_e(_t("html.gate", lang))} ({len(run.gate.findings)})</h2>')
        out.extend(_finding(f, lang, t) for f in run.gate.findings)
        out.append("</section>")
    out.append(f"<footer>{_e(_t('html.generated', lang, v=__version__))}</footer>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def _error_text(exc: Exception) -> str:
    return str(exc)
