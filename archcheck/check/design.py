"""The design view: the architecture an approved document designs, as of the end of a stage.

In the design view every component and connection the design includes counts as if in operation:
those ``present``, and those ``planned`` (or of ``unknown`` current state) in the stages up to the
chosen one (all of them, and the planned ones without a stage, for the whole roadmap). The law and
framework in force are those at the stage's end (or the design's horizon), unless ``--as-of`` says
otherwise.
"""

from __future__ import annotations

import datetime as dt

from archcheck.catalogue import Message, msg, word
from archcheck.errors import SchemaError
from archcheck.model import Design, Province, Stage, Status
from archcheck.read.document import SourceMap
from archcheck.read.validation import suggest
from archcheck.values import record, replace


@record
class DesignScope:
    """Which part of the design a run checks, and at which date."""

    date: dt.date | None
    """The end of the checked part; None where the document does not give it (then --as-of dates the run)."""
    stages: tuple[Stage, ...]
    whole: bool

    def includes(self, stage: str | None) -> bool:
        """True if a planned item of this stage (None: not staged) is part of the checked design."""
        if stage is None:
            return self.whole
        return any(s.id == stage for s in self.stages)

    def describe(self) -> Message:
        """``design view, up to stage s2 … (to 2025-12-31)`` or ``design view, the whole roadmap (horizon …)``."""
        if self.whole:
            if self.date is None:
                return msg("design.whole-no-horizon")
            return msg("design.whole", date=self.date.isoformat())
        last = self.stages[-1]
        end: Message | str = self.date.isoformat() if self.date else word("status", "unknown")
        return msg("design.stage", stage=f"{last.id} {last.name}" if last.name else last.id, date=end)


def scope(province: Province, stage: str | None, sourcemap: SourceMap) -> DesignScope:
    """The part of ``province``'s design to check.

    Raises:
        SchemaError: the model has no design, or no stage with this id.
    """
    design: Design | None = province.design
    if design is None:
        loc = sourcemap.locate(province.path)
        raise SchemaError("--view design needs the approved design: the model has no `design:`",
                          file=loc.file, line=loc.line, column=loc.column,
                          hint="add `design: {document, horizon, stages: [{id, name, from, to}]}` to the province "
                               "(README, \"Checking an architecture document\")")
    if stage is None:
        return DesignScope(design.horizon, design.stages, whole=True)
    ids = [s.id for s in design.stages]
    if stage not in ids:
        raise SchemaError(f"--stage {stage!r}: the design has no such stage{suggest(stage, ids)}",
                          hint=f"the design's stages: {', '.join(ids)}")
    upto = design.stages[: ids.index(stage) + 1]
    return DesignScope(upto[-1].end, upto, whole=False)


def in_design(status: Status, stage: str | None, within: DesignScope) -> bool:
    """True if an item not (known to be) in operation is part of the checked design: planned in a stage
    in scope (or unstaged, for the whole roadmap), or of unknown current state with a stage in scope (the
    design includes it; the document does not say whether it is in operation yet, as ``progress`` counts
    it)."""
    if status is Status.PLANNED:
        return within.includes(stage)
    return status is Status.UNKNOWN and stage is not None and within.includes(stage)


def designed(province: Province, within: DesignScope, as_of: dt.date | None, sourcemap: SourceMap) -> Province:
    """The province as designed: planned items in scope count as present, dated at the scope's end
    (or ``as_of``, the date given): the engine's :func:`~archcheck.check.engine.evaluation_for` reads that
    date as the design basis of the run.

    Raises:
        SchemaError: the document gives no end date for the checked part and no ``--as-of`` was given.
    """
    date = as_of or within.date
    if date is None:
        what = "horizon" if within.whole else f"stage {within.stages[-1].id!r}"
        where = province.design.path if province.design else province.path
        if within.whole and province.design:
            where = (*where, "horizon")
        elif province.design:
            where = (*within.stages[-1].path, "to")
        loc = sourcemap.locate(where)
        raise SchemaError(f"--view design: the design's {what} has no end date (the document does not give it), "
                          "so there is no date to check the design at", file=loc.file, line=loc.line,
                          column=loc.column, hint="pass --as-of DATE to check the design at a date you choose")
    comps = tuple(replace(c, status=Status.PRESENT) if in_design(c.status, c.stage, within) else c
                  for c in province.components)
    conns = tuple(replace(c, status=Status.PRESENT) if in_design(c.status, c.stage, within) else c
                  for c in province.connections)
    return replace(province, components=comps, connections=conns, as_of=date)
