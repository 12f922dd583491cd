"""One function over many items on every core, by forking.

The children inherit the function and everything it refers to (loaded rules, file slices), so
nothing but an index is sent to them; only results travel back, pickled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
_ONE_AT_A_TIME = threading.Lock()  # two threads of a library user must not fork each other's task


def _call(index: int) -> Any:
    assert _TASK is not None, "run only in a child forked by fork_map"
    fn, items = _TASK
    return fn(items[index])


def fork_map(fn: Callable[[T], R], items: Sequence[T], workers: int, *, chunksize: int = 1) -> list[R]:
    """``[fn(x) for x in items]``, computed in ``workers`` forked processes, in the order of ``items``."""
    global _TASK  # noqa: PLW0603 - the children read it; nothing else does
    import multiprocessing  # noqa: PLC0415 - imported by the runs that fork, not by every run
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    with _ONE_AT_A_TIME:
        _TASK = (fn, items)
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(_call, range(len(items)), chunksize=chunksize))
        finally:
            _TASK = None
