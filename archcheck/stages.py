"""Per-stage wall time and peak memory, for the benchmarks (off unless ARCHCHECK_STAGES names a file).

When ARCHCHECK_STAGES=path is set, the process writes a JSON object {stage: {"seconds", "peak_mb"}}
to that path at exit: seconds summed over every file and province, peak_mb the process's maximum
resident size when the stage last ended. Nothing is measured, and nothing written, otherwise.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

_TARGET = os.environ.get("ARCHCHECK_STAGES")
_T0 = time.perf_counter()
_SECONDS: dict[str, float] = {}
_PEAK: dict[str, float] = {}


def _peak_mb() -> float:
    import resource  # noqa: PLC0415 - only when stages are measured

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the enclosed block under ``name`` (a no-op unless ARCHCHECK_STAGES is set)."""
    if _TARGET is None:
        yield
        return
    if "startup" not in _SECONDS:
        _SECONDS["startup"] = time.perf_counter() - _T0
        _PEAK["startup"] = _peak_mb()
    start = time.perf_counter()
    try:
        yield
    finally:
        _SECONDS[name] = _SECONDS.get(name, 0.0) + time.perf_counter() - start
        _PEAK[name] = _peak_mb()


def _write() -> None:  # pragma: no cover - runs at interpreter exit in benchmark runs
    if _TARGET is None:
        return
    data = {k: {"seconds": round(v, 4), "peak_mb": round(_PEAK[k], 1)} for k, v in _SECONDS.items()}
    try:
        with open(_TARGET, "w", encoding="utf-8") as fh:  # noqa: PTH123 - runs during shutdown
            json.dump(data, fh)
    except OSError as exc:  # a measurement must never turn a run into a traceback
        sys.stderr.write(f"archcheck: warning: ARCHCHECK_STAGES: cannot write {_TARGET}: {exc.strerror}\n")


atexit.register(_write)
