"""``archcheck progress MODEL``: per stage of the approved design, what it includes, what is in
operation and what is overdue at the model's date. Reads the model only (no rules, no graph)."""

from __future__ import annotations

import datetime as dt

import click

from archcheck.cli._common import guarded, write_output
from archcheck.report.escape import for_line


def progress_text(path: str) -> str:
    """The progress report of every province in the model file that has a design.

    Raises:
        ArchcheckError: the file cannot be read or checked against the schema; no province has a design.
    """
    from archcheck.errors import SchemaError
    from archcheck.model import Component, Connection, Province, Status
    from archcheck.read.loading import load_model

    model = load_model(path)
    out: list[str] = []

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
        lines = [f"    in the design: {len(items)}; in operation: {len(done)}; planned: {len(planned)}"
                 + ("; OVERDUE (the stage ended " + str(end) + ")" if overdue else "")]
        lines += [f"      in operation: {item(x)}" for x in done]
        lines += [f"      {'overdue' if overdue else 'planned'}: {item(x)}" for x in planned]
        lines += [f"      {x.status}: {item(x)}" for x in other]
        return lines

    for p in model.provinces:
        if p.design is None:
            continue
        d = p.design
        out.append(f"{model.file}: {p.name} — design to {d.horizon or 'unknown'}, model as of {p.as_of}")
        for s in d.stages:
            name = f" {s.name}" if s.name else ""
            if s.end is not None and s.end < p.as_of:
                state = "ended"
            elif s.start is not None and s.start <= p.as_of:
                state = "under way"
            elif s.start is not None:
                state = "not started"
            else:
                state = "dates unknown"
            out.append(f"  stage {s.id}{name} ({s.start or 'unknown'} – {s.end or 'unknown'}, {state})")
            out.extend(section(p, s.id, s.end))
        unstaged = [c for c in p.components if c.stage is None and c.status is Status.PLANNED]
        if unstaged or any(c.stage is None and c.status is Status.PLANNED for c in p.connections):
            out.append("  planned without a stage")
            out.extend(section(p, None, None))
        if p.targets:
            out.append("  targets (the province's own; not evidence for a count)")
            for t in p.targets:
                due = "due" if t.by < p.as_of else "open"
                out.append(f"    {t.metric}: {t.value} by {t.by} ({due})")
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
@guarded
def progress(model: str) -> None:
    """Per stage of MODEL's approved design: what it includes, what is in operation, what is overdue."""
    write_output(progress_text(model), None)
