"""The appraisal reports: text (one proposal in full, or one line per proposal), JSON and a one-page HTML
appraisal note. Pure functions of an :class:`~archcheck.api.AppraisalRun`; every sentence comes from the
message catalogue (English or Vietnamese), every label from it too (``appraisal.label.*`` and the
shared words). A proposal is submitted by an outside party: each text line goes through
:func:`~archcheck.report.escape.for_line` (a name cannot start a line of its own, nor a CI command, nor
write an ESC), the HTML through :func:`~archcheck.report.escape.for_html`, the JSON through
:func:`~archcheck.report.escape.for_json`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from archcheck.api import AppraisalRun
from archcheck.catalogue import Message, msg, say
from archcheck.check.appraisal import OUTCOME_TEXT, Appraisal, Candidate, Evidence, Outcome, Section
from archcheck.errors import ArchcheckError
from archcheck.report.escape import for_html, for_json, for_line

_SHARED = {"framework": "word.framework", "unconfirmed": "word.unconfirmed", "not-stated": "word.not-stated",
           "error-severity": "severity.error", "warning-severity": "severity.warning", "info-severity": "severity.info",
           "verdict": "html.verdict"}
"""Labels the appraisal note shares with every report: the catalogue's shared words."""


def _l(key: str, lang: str, **params: object) -> str:
    """A label of the appraisal note in ``lang`` (en or vi), from the catalogue."""
    return say(msg(_SHARED.get(key, f"appraisal.label.{key}"), **params), "vi" if lang == "vi" else "en")


def _outcome(o: Outcome, lang: str) -> str:
    return say(OUTCOME_TEXT[o], lang)


def _title(s: Section, lang: str) -> str:
    return s.criterion.title_vi if lang == "vi" else s.criterion.title_en


def _citation(s: Section, lang: str) -> str:
    return f"{s.criterion.document} {s.criterion.clause_vi if lang == 'vi' else s.criterion.clause}"


def _line(a: Appraisal, e: Evidence) -> int | None:
    """The evidence's line in the proposal; None for a fact the proposal does not state (no line to show)."""
    if e.path is None or tuple(e.path) not in a.proposal.sourcemap.positions:
        return None
    return a.proposal.locate(e.path).line


def _summary(a: Appraisal, lang: str) -> str:
    c = a.counts()
    return _l("summary", lang, passed=c["passed"], failed=c["failed"], cannot=c["cannot-verify"],
              na=c["not-applicable"])


def _failed_clauses(a: Appraisal, lang: str) -> str:
    return ", ".join(_citation(s, lang) for s in a.sections if s.outcome is Outcome.FAILED)


# -- text --------------------------------------------------------------------------------------------

def _text_one(a: Appraisal, lang: str) -> list[str]:
    p = a.proposal
    out = [f"{_l('title', lang)}",
           f"{_l('project', lang)}: {p.name} ({p.file})",
           f"{_l('owner', lang)}: {p.owner or _l('not-stated', lang)}; "
           f"{_l('funding', lang)}: {p.funding or _l('not-stated', lang)}",
           f"{_l('architecture', lang)}: {a.architecture.province} ({a.architecture.file}), "
           f"{_l('framework', lang)} {a.architecture.framework.id}; {_l('as-of', lang)}: {a.as_of}",
           f"{_l('verdict', lang)}: {_outcome(a.verdict, lang)} ({_summary(a, lang)})", ""]
    for s in a.sections:
        crit = s.criterion
        extra = "" if crit.confidence.value == "confirmed" else f"; {_l('unconfirmed', lang)}"
        out.append(f"[{_outcome(s.outcome, lang)}] {crit.id} {_citation(s, lang)}: {_title(s, lang)}")
        out.append(f"    ({_l('in-force', lang)} {crit.effective}, {_l(crit.severity + '-severity', lang)}{extra})")
        for e in s.evidence:
            line = _line(a, e)
            where = f"{p.file}:{line}: " if line is not None else ""
            out.append(f"    - {where}{say(e.message, lang)}")
    out += ["", _l("duplicates", lang) + ":"]
    if not a.candidates:
        out.append("    " + _l("no-duplicates", lang))
    for c in a.candidates:
        out.append(f"    - {c.subject} ~ {c.target.label} ({_l('score', lang)} {c.score:.2f}): "
                   + "; ".join(say(m, lang) for m in c.reasons))
    return out


def _one_line(a: Appraisal, lang: str) -> str:
    failed = _failed_clauses(a, lang)
    dups = len(a.candidates)
    tail = f"; {_l('duplicates-short', lang)}: {dups}" if dups else ""
    return (f"{a.proposal.file}: {_outcome(a.verdict, lang)}"
            + (f" ({failed})" if failed else "") + f" — {_summary(a, lang)}{tail} — {a.proposal.name}")


def _error_line(exc: ArchcheckError, lang: str) -> str:
    return f"{exc.location() or exc.file}: {_l('error', lang)}: {exc.message}"


def render_text(run: AppraisalRun, lang: str = "en", *, lines: bool = False) -> str:
    """The appraisal of one proposal in full, or one line per proposal (``lines``, or several proposals)."""
    if not lines and len(run.files) == 1 and run.appraisals:
        return "\n".join(for_line(line) for line in _text_one(run.appraisals[0], lang)) + "\n"
    by_file = {a.proposal.file: a for a in run.appraisals}
    errors = {e.file: e for e in run.errors}
    out = []
    for f in run.files:
        if f in by_file:
            out.append(_one_line(by_file[f], lang))
        elif f in errors:
            out.append(_error_line(errors[f], lang))
    failed = sum(1 for a in run.appraisals if a.verdict is Outcome.FAILED)
    out.append(_l("total", lang, n=len(run.files), failed=failed, passed=len(run.appraisals) - failed,
                  errors=len(run.errors)))
    return "\n".join(for_line(line) for line in out) + "\n"


# -- JSON --------------------------------------------------------------------------------------------

def _evidence_json(a: Appraisal, e: Evidence) -> dict[str, Any]:
    line = _line(a, e)
    loc = a.proposal.locate(e.path) if line is not None and e.path is not None else None
    return {**_message_json(e.message),
            "path": list(e.path) if e.path is not None else None,
            "line": loc.line if loc else None, "column": loc.column if loc else None}


def _candidate_json(a: Appraisal, c: Candidate) -> dict[str, Any]:
    t = c.target
    return {"object": c.subject, "line": a.proposal.locate(c.subject_path).line,
            "target": {"code": t.code, "id": t.id, "name": t.name, "kind": t.kind, "layer": t.layer,
                       "national": t.national, "from_framework": t.from_framework},
            "score": c.score,
            "reasons": [_message_json(m) for m in c.reasons]}


def _message_json(m: Message) -> dict[str, Any]:
    """A message as the appraisal JSON has always carried it: its key within the appraisal (the catalogue's
    ``appraisal.KEY`` without the group), its parameters and its text in both languages."""
    return {"key": m.key.removeprefix("appraisal."), "params": dict(sorted((k, say(v)) for k, v in m.args)),
            "text": {"en": say(m, "en"), "vi": say(m, "vi")}}


def appraisal_json(a: Appraisal) -> dict[str, Any]:
    """One appraisal as JSON data (archcheck schema appraisal, ``appraisals[]``)."""
    p = a.proposal
    return {
        "file": p.file,
        "project": {"name": p.name, "owner": p.owner, "funding": p.funding, "state_share": p.state_share()},
        "architecture": {"file": a.architecture.file, "province": a.architecture.province,
                         "framework": a.architecture.framework.id},
        "as_of": str(a.as_of),
        "verdict": a.verdict.value,
        "counts": a.counts(),
        "criteria": [{
            "id": s.criterion.id, "document": s.criterion.document,
            "clause": {"en": s.criterion.clause, "vi": s.criterion.clause_vi},
            "effective": str(s.criterion.effective),
            "until": str(s.criterion.until) if s.criterion.until else None,
            "binding": s.criterion.binding, "confidence": s.criterion.confidence.value,
            "severity": s.criterion.severity,
            "title": {"en": s.criterion.title_en, "vi": s.criterion.title_vi},
            "outcome": s.outcome.value,
            "evidence": [_evidence_json(a, e) for e in s.evidence]} for s in a.sections],
        "duplicates": [_candidate_json(a, c) for c in a.candidates],
    }


def render_json(run: AppraisalRun, lang: str = "en") -> str:
    """Every appraisal and every error of the run (both languages: ``lang`` does not change it)."""
    data = {
        "archcheck_appraisal": 1,
        "appraisals": [appraisal_json(a) for a in run.appraisals],
        "errors": [{"file": e.file, "line": e.line, "column": e.column, "message": e.message, "hint": e.hint}
                   for e in run.errors],
    }
    return for_json(data) + "\n"


# -- HTML --------------------------------------------------------------------------------------------

def _e(text: object) -> str:
    return for_html(str(text))


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:1.5rem auto;
padding:0 1rem;color:#111}
h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.05rem;margin:1.2rem 0 .4rem}
table.meta td{padding:.1rem .6rem .1rem 0;vertical-align:top}
.crit{border-left:4px solid #999;padding:.3rem .7rem;margin:.5rem 0;page-break-inside:avoid}
.passed{border-color:#2e7d32}.failed{border-color:#c62828;background:#fff5f5}.cannot-verify{border-color:#f9a825}
.not-applicable{border-color:#bbb;color:#555}
.badge{font-weight:600;text-transform:uppercase;font-size:.8rem}.cite{color:#444}
ul{margin:.2rem 0 .2rem 1.2rem;padding:0}.note{page-break-after:always}
small{color:#555}@media print{body{margin:0}}
"""


def _html_one(a: Appraisal, lang: str) -> str:
    p = a.proposal
    parts = [f'<section class="note"><h1>{_e(_l("title", lang))}</h1>', '<table class="meta">']
    rows = [("project", f"{p.name} <small>({p.file})</small>"), ("owner", p.owner or _l("not-stated", lang)),
            ("funding", p.funding or _l("not-stated", lang)),
            ("architecture", f"{a.architecture.province} ({_l('framework', lang)} {a.architecture.framework.id})"),
            ("as-of", str(a.as_of)),
            ("verdict", f"{_outcome(a.verdict, lang)} — {_summary(a, lang)}")]
    for key, value in rows:
        cell = (f"{_e(p.name)} <small>({_e(p.file)})</small>" if key == "project" else _e(value))
        parts.append(f"<tr><td><b>{_e(_l(key, lang))}</b></td><td>{cell}</td></tr>")
    parts.append(f'</table><h2>{_e(_l("criteria", lang))}</h2>')
    for s in a.sections:
        crit = s.criterion
        parts.append(f'<div class="crit {_e(s.outcome.value)}"><span class="badge">{_e(_outcome(s.outcome, lang))}'
                     f'</span> <b>{_e(_title(s, lang))}</b><br><span class="cite">{_e(crit.id)} · '
                     f'{_e(_citation(s, lang))} · {_e(_l("in-force", lang))} {_e(crit.effective)}'
                     + (f' · {_e(_l("unconfirmed", lang))}' if crit.confidence.value != "confirmed" else "")
                     + "</span><ul>")
        for e in s.evidence:
            line = _line(a, e)
            where = f' <small>({_e(_l("line", lang))} {line})</small>' if line is not None else ""
            parts.append(f"<li>{_e(say(e.message, lang))}{where}</li>")
        parts.append("</ul></div>")
    parts.append(f'<h2>{_e(_l("duplicates", lang))}</h2><ul>')
    if not a.candidates:
        parts.append(f"<li>{_e(_l('no-duplicates', lang))}</li>")
    for c in a.candidates:
        parts.append(f"<li><b>{_e(c.subject)}</b> ~ <b>{_e(c.target.label)}</b> ({_e(_l('score', lang))} "
                     f"{c.score:.2f}): {_e('; '.join(say(m, lang) for m in c.reasons))}</li>")
    parts.append(f'</ul><p><small>{_e(_l("generated", lang))}</small></p></section>')
    return "".join(parts)


def render_html(run: AppraisalRun, lang: str = "en") -> str:
    """A one-page appraisal note per proposal (self-contained: no scripts, fonts or images from the network)."""
    body = "".join(_html_one(a, lang) for a in run.appraisals)
    body += "".join(f"<p><b>{_e(_error_line(e, lang))}</b></p>" for e in run.errors)
    return (f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
            f"<title>{_e(_l('title', lang))}</title><style>{_CSS}</style></head><body>{body}</body></html>\n")


APPRAISAL_REPORTERS: Mapping[str, Callable[[AppraisalRun, str], str]] = {
    "text": render_text,
    "json": render_json,
    "html": render_html,
}
"""Format name → ``render(run, lang) -> str``; the CLI's ``--format`` choices."""
