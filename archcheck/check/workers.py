"""How many processes check a run, and what each of them runs.

The policy (one process per core when there is enough input, none for standard input or a model held
in memory), the job a worker runs on one model (read it, check it, hand up its reports or its located
error), and the fork-and-pipe of a model diff (the old side read and checked in a forked child while
this process does the new one). :mod:`archcheck.check.parallel` does the forking itself;
:mod:`archcheck.api` decides nothing about processes and calls these.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from archcheck.errors import ArchcheckError, SchemaError
from archcheck.read.memory import ModelSource, YAMLText
from archcheck.values import record

# ruff: noqa: PLC0415 - the engine and the loader are imported where a job runs: `rules list` imports
# archcheck.api, which imports this module, and must not pay for them (tests/test_imports.py).
if TYPE_CHECKING:
    from archcheck.check.binding import RuleSet
    from archcheck.check.engine import ProvinceReport
    from archcheck.findings import Location, ModelPath
    from archcheck.read.loading import ModelFile

PARALLEL_MIN_BYTES = 512 * 1024
"""Below this much input, one process is faster than starting workers."""


def cores() -> int:
    """Cores this process may use, or 1 where workers cannot be forked (``ARCHCHECK_WORKERS=1``)."""
    if not hasattr(os, "fork") or os.environ.get("ARCHCHECK_WORKERS") == "1":
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def workers(sources: Sequence[ModelSource]) -> int:
    """How many processes to check ``sources`` with: one per core, when there is enough work in files."""
    from archcheck.read.files import STDIN

    n = cores()
    if len(sources) < 2 or n < 2:
        return 1
    if any(not isinstance(s, YAMLText) and str(s) == STDIN for s in sources):
        return 1  # standard input can be read once, by this process
    size = 0
    for s in sources:
        if isinstance(s, YAMLText):
            return 1  # text in memory is checked here: it is small, and a worker would need it sent
        try:
            size += Path(s).stat().st_size
        except OSError:
            return 1  # let the sequential path report the problem where it belongs
    return min(n, len(sources)) if size >= PARALLEL_MIN_BYTES else 1


def large(source: ModelSource) -> bool:
    """True if ``source`` is a file large enough to be split across the cores (the splitter decides the rest)."""
    from archcheck.read.files import SPLIT_MIN_BYTES, STDIN

    if isinstance(source, YAMLText) or str(source) == STDIN:
        return False
    try:
        return Path(source).stat().st_size >= SPLIT_MIN_BYTES
    except OSError:
        return False  # the whole-file path says what is wrong with it


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while models are read and checked.

    Reading a national file allocates about a million objects, none of them in a reference cycle;
    the collector would walk the growing heap again and again (a fifth of the wall time on the
    63-province file). Forked workers inherit the pause and end with the pool. Checking a file makes
    no reference cycles (none found after checking the 63 files of the benchmark), so nothing piles
    up while the collector waits; it resumes when the call returns.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def known_kinds(sets: dict[str, RuleSet]) -> frozenset[str]:
    """Every component kind the bound frameworks know (a data set's objects are given only those)."""
    return frozenset(k for rs in sets.values() for k in rs.framework.kinds)


@record
class CheckJob:
    """Checking one model: what a worker process runs."""

    sets: dict[str, RuleSet]
    framework: str | None
    as_of: dt.date | None
    batch: bool = False
    view: str = "operation"
    stage: str | None = None
    outline: bool = False
    mappings: tuple[str, ...] = ()

    def run(self, source: ModelSource) -> list[ProvinceReport] | ArchcheckError:
        """The reports of ``source``'s provinces, or the located error that stopped it."""
        from archcheck.check.engine import check_model
        from archcheck.read.memory import load_source, source_name

        try:
            model = load_source(source, batch=self.batch, mappings=self.mappings, known_kinds=known_kinds(self.sets))
            return check_model(model, self.sets, framework=self.framework, as_of=self.as_of, view=self.view,
                               stage_id=self.stage, outline=self.outline)
        except ArchcheckError as exc:
            if isinstance(exc, SchemaError) and "document" in exc.__dict__:
                from archcheck.check.engine import with_unknown_kinds

                exc = with_unknown_kinds(exc, self.sets, self.framework)
            if exc.file is None:
                exc.file = source_name(source) if isinstance(source, YAMLText) else str(source)
            return exc


Side = tuple["ModelFile", list["ProvinceReport"]]
"""One side of a model diff: the model read, and its reports."""


@record
class DiffSide:
    """Reading and checking one side of a model diff."""

    sets: dict[str, RuleSet]
    framework: str | None
    as_of: dt.date | None

    def run(self, source: ModelSource) -> Side | ArchcheckError:
        """The model and its reports, or the located error that stopped it."""
        from archcheck.check.engine import check_model
        from archcheck.read.memory import load_source

        try:
            model = load_source(source, known_kinds=known_kinds(self.sets))
            return model, check_model(model, self.sets, framework=self.framework, as_of=self.as_of)
        except ArchcheckError as exc:
            return exc


Locate = Callable[["ModelPath"], "Location"]
"""Where a path is in the old side's file."""


T = TypeVar("T")


def both_sides(job: DiffSide, old: ModelSource, new: ModelSource,
               compare: Callable[[Side, Side, Locate | None], T]) -> T:
    """Read and check both sides of a model diff, and ``compare`` them: ``compare(old side, new side,
    locate_old)``, where ``locate_old`` says where a path is in the old file (None: the old side carries its
    own source map).

    Large files: the old one is read and checked in a forked child while this process does the new one;
    the child sends back the provinces and reports (not the file's source map: a million positions),
    then answers, one at a time while ``compare`` runs, where each path a structural change needs is in
    the old file.

    Raises:
        ArchcheckError: either side cannot be read or checked (located).
    """
    if workers([old, new]) < 2:
        sides: list[Side] = []
        for source in (old, new):
            side = job.run(source)
            if isinstance(side, ArchcheckError):
                raise side
            sides.append(side)
        return compare(sides[0], sides[1], None)
    return _side_by_side(job, old, new, compare)


def _side_by_side(job: DiffSide, old: ModelSource, new: ModelSource,
                  compare: Callable[[Side, Side, Locate | None], T]) -> T:
    import multiprocessing  # only large diffs fork

    from archcheck.read.document import SourceMap
    from archcheck.read.loading import ModelFile

    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe()

    def child() -> None:
        side = job.run(old)
        if isinstance(side, ArchcheckError):
            there.send(side)
            return
        model, reports = side
        there.send((ModelFile(model.file, model.provinces, SourceMap(model.file, {}), model.notices), reports))
        while (path := there.recv()) is not None:
            there.send(model.sourcemap.locate(path))

    proc = ctx.Process(target=child, daemon=True)
    proc.start()
    there.close()  # the child's end: if the child dies, recv() here ends instead of waiting forever
    try:
        mine = job.run(new)
        locate_old: Locate | None
        try:
            theirs = here.recv()
        except EOFError:  # the child died without an answer: read the old file here after all
            theirs = job.run(old)
            if isinstance(theirs, ArchcheckError):
                raise theirs from None
            locate_old = None
        else:
            def ask(path: ModelPath) -> Location:
                here.send(path)
                found: Location = here.recv()
                return found

            locate_old = ask
        if isinstance(theirs, ArchcheckError):
            raise theirs
        if isinstance(mine, ArchcheckError):
            raise mine
        return compare(theirs, mine, locate_old)
    finally:
        with suppress(OSError):
            here.send(None)
        proc.join()


__all__ = ["PARALLEL_MIN_BYTES", "CheckJob", "DiffSide", "both_sides", "cores", "cycle_collector_paused",
           "large", "workers"]
