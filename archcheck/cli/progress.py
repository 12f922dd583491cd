"""``archcheck progress MODEL``: per stage of the approved design, what it includes, what is in
operation and what is overdue at the model's date. Reads the model only (no rules, no graph)."""

from __future__ import annotations

import datetime as dt

import click

from archcheck.cli._common import guarded, write_output
from archcheck.cli.config import configured
from archcheck.cli.lang import lang_option
from archcheck.report.escape import for_line


def progress_text(path: str, lang: str = "en") -> str:  # noqa: PLR0915 - one report, read top to bottom
    """The progress report of every province in the model file that has a design, in ``lang``.

    Raises:
        ArchcheckError: the file cannot be read or checked against the schema; no province has a design.
    """
    from archcheck.catalogue import msg, say
    from archcheck.errors import SchemaError
    from archcheck.model import Component, Connection, Province, Status
    from archcheck.read.loading import load_model

    model = load_model(path)
    out: list[str] = []

    def w(key: str, **values: object) -> str:
        return say(msg(key, **values), lang)

    unknown = msg("status.unknown")
    said_planned = msg("status.planned")  # the shared word: "mới có kế hoạch", as validate says it

    def item(x: Component | Connection) -> str:
        if isinstance(x, Component):
            return f"{x.id} ({x.kind})"
        return f"{x.source} → {x.target} ({x.kind})"

    def section(p: Province, stage: str | None, end: dt.date | None) -> list[str]:
        items: list[Component | Connection] = [c for c in p.components if c.stage == stage]
        items += [c for c in p.connections if c.stage == stage]
        if stage is None:
            items = [x for x in items if x.status is Status.PLANNED]
        done = [x for x in items if x.status is Status.PRESENT]
        planned = [x for x in items if x.status is Status.PLANNED]
        other = [x for x in items if x.status not in (Status.PRESENT, Status.PLANNED)]
        overdue = end is not None and end < p.as_of and bool(planned)
        lines = ["    " + w("cmd.progress-counts", n=len(items), done=len(done), status=said_planned,
                             planned=len(planned))
                 + (w("cmd.progress-overdue", d=str(end)) if overdue else "")]
        lines += ["      " + w("cmd.progress-in-operation", x=item(x)) for x in done]
        lines += ["      " + (w("cmd.progress-overdue-item", x=item(x)) if overdue
                             else w("cmd.progress-other-item", status=said_planned, x=item(x))) for x in planned]
        lines += ["      " + w("cmd.progress-other-item", status=msg(f"status.{x.status.value}"), x=item(x))
                  for x in other]
        return lines

    for p in model.provinces:
        if p.design is None:
            continue
        d = p.design
        out.append(w("cmd.progress-head", file=model.file, name=p.name, horizon=d.horizon or unknown, as_of=p.as_of))
        for s in d.stages:
            name = f" {s.name}" if s.name else ""
            if s.end is not None and s.end < p.as_of:
                state = "cmd.stage-ended"
            elif s.start is not None and s.start <= p.as_of:
                state = "cmd.stage-under-way"
            elif s.start is not None:
                state = "cmd.stage-not-started"
            else:
                state = "cmd.stage-dates-unknown"
            out.append("  " + w("cmd.progress-stage", id=s.id, name=name, start=s.start or unknown,
                                end=s.end or unknown, state=msg(state)))
            out.extend(section(p, s.id, s.end))
        unstaged = [c for c in p.components if c.stage is None and c.status is Status.PLANNED]
        if unstaged or any(c.stage is None and c.status is Status.PLANNED for c in p.connections):
            out.append("  " + w("cmd.progress-unstaged", status=said_planned))
            out.extend(section(p, None, None))
        if p.targets:
            out.append("  " + w("cmd.progress-targets"))
            for t in p.targets:
                due = msg("cmd.progress-due" if t.by < p.as_of else "cmd.progress-open")
                out.append("    " + w("cmd.progress-target", metric=t.metric, value=t.value, by=t.by, due=due))
        out.append("")
    if not out:
        loc = model.sourcemap.locate(model.provinces[0].path)
        raise SchemaError("the model has no `design:`, so there is no roadmap to report on",
                          file=loc.file, line=loc.line, column=loc.column,
                          hint="add `design: {document, horizon, stages: [{id, name, from, to}]}` to the province")
    # each line escaped on its own: a newline inside a name cannot start a line (a CI runner's command)
    return "\n".join(for_line(line) for line in out)


@click.command()
@click.argument("model", type=click.Path(dir_okay=False, path_type=str))
@lang_option("The progress report")
@configured
@guarded
def progress(model: str, lang: str = "en") -> None:
    """Per stage of MODEL's approved design: what it includes, what is in operation, what is overdue."""
    write_output(progress_text(model, lang), None)
