"""One function over many items on every core, by forking; workers never outlive the run.

The children inherit the function and everything it refers to (loaded rules, file slices), so
nothing but an index is sent to them; only results travel back, pickled.

A worker dies with its parent, however the parent ends: on Linux the kernel sends it SIGKILL when the
parent dies (``prctl(PR_SET_PDEATHSIG)``, set right after the fork), and everywhere a watcher thread
ends it once its parent is gone (it has been re-parented). Workers ignore Ctrl-C: the parent alone
handles it, kills them and exits 130 with nothing written. A worker that runs out of memory, or is
killed by the kernel, makes the run fail with one clear message, not a broken pool.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from archcheck.errors import ArchcheckError

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
_ONE_AT_A_TIME = threading.Lock()  # two threads of a library user must not fork each other's task
_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.25
_WHILE_FORKING = {signal.SIGINT, signal.SIGTERM}  # blocked while workers are forked (fork_map)


class WorkerError(ArchcheckError):
    """A worker process ended without a result (killed, out of memory)."""


def _call(index: int) -> Any:
    assert _TASK is not None, "run only in a child forked by fork_map"
    fn, items = _TASK
    try:
        return fn(items[index])
    except MemoryError:  # say it in the parent, in one line; the pool stays usable
        return _OutOfMemory()


def _call_range(start: int, stop: int) -> list[Any]:
    """One task of a worker: the items ``start`` to ``stop`` (a chunk)."""
    return [_call(i) for i in range(start, stop)]


class _OutOfMemory:
    """What a worker sends back instead of a result when it ran out of memory."""


def _die_with_parent(parent: int) -> None:
    """Runs first in every worker: end when ``parent`` ends, leave Ctrl-C to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # blocked by fork_map while forking; handled as set above from now on
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _WHILE_FORKING)
    if sys.platform.startswith("linux"):
        try:
            import ctypes  # noqa: PLC0415 - only in workers

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl: the watcher remains
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="archcheck-parent-watch", daemon=True).start()


def fork_map(fn: Callable[[T], R], items: Sequence[T], workers: int, *, chunksize: int = 1) -> list[R]:
    """``[fn(x) for x in items]``, computed in ``workers`` forked processes, in the order of ``items``.

    Raises:
        MemoryError: a worker ran out of memory (the CLI says so in one line, exit 2).
        WorkerError: a worker was killed before it could answer.
        KeyboardInterrupt: Ctrl-C; every worker has been killed before it propagates.
    """
    global _TASK  # noqa: PLW0603 - the children read it; nothing else does
    import multiprocessing  # noqa: PLC0415 - imported by the runs that fork, not by every run
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    with _ONE_AT_A_TIME:
        _TASK = (fn, items)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_die_with_parent, initargs=(os.getpid(),))
        try:
            # Ctrl-C reaches the whole process group, workers included: one forked a moment ago, before
            # its initializer could ignore SIGINT, would die with a KeyboardInterrupt traceback. And a
            # Ctrl-C or a SIGTERM (which the CLI turns into SystemExit) raised between a fork and the
            # pool's record of the new process would leave a worker nobody kills, which the
            # interpreter then waits for at exit, forever. So both signals are blocked while the
            # workers are forked (they inherit the mask, set their own handling, then unblock it);
            # here they are unblocked before the wait, and one that came meanwhile is raised then.
            # Futures of our own rather than pool.map: map's iterator cancels the pending futures when
            # a signal interrupts it, and the pool's manager thread, finding its workers killed, then
            # failed to set an error on them (CPython 3.11: a traceback as the run ended).
            blocked = _block_signals()
            try:
                step = max(1, chunksize)
                futures = [pool.submit(_call_range, i, min(i + step, len(items))) for i in range(0, len(items), step)]
            finally:
                _restore(blocked)
            results = [r for future in futures for r in future.result()]
            pool.shutdown(wait=True)  # inside the try: a signal while the pool winds down kills it too
        except BrokenProcessPool:
            _kill(pool)
            raise WorkerError("a worker process was killed before it finished (out of memory?)",
                              hint="check fewer files at once, or give the run more memory") from None
        except BaseException:  # Ctrl-C, SIGTERM turned into an exception, a bug: no worker survives
            _kill(pool)
            raise
        finally:
            _TASK = None
    if any(isinstance(r, _OutOfMemory) for r in results):
        raise MemoryError("a worker process ran out of memory")
    return results


def _block_signals() -> set[int | signal.Signals] | None:
    """Block SIGINT and SIGTERM in this thread (the one that forks the workers); the previous mask, or None."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _WHILE_FORKING)


def _restore(mask: set[int | signal.Signals] | None) -> None:
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _kill(pool: Any) -> None:
    """Kill every worker of ``pool`` now, and reap them."""
    processes = list(getattr(pool, "_processes", {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)  # taken before shutdown(), which forgets it
    for p in processes:
        if p.is_alive():
            p.kill()
    # Not cancel_futures: the manager thread, finding its workers dead, sets an error on every pending
    # future, and on CPython 3.11 setting one on a cancelled future raised in that thread (a traceback
    # on stderr as the run ended).
    pool.shutdown(wait=False)
    for p in processes:
        p.join(timeout=5)
    # A worker killed in the middle of sending a result leaves the manager thread reading the rest of
    # that message for ever, and the interpreter joins that thread at exit: a SIGTERM hung the run
    # (tests/test_workers.py, about once in 25 under load). With every worker gone this process
    # holds the pipe's last writing end; closing it ends the read (EOF, a broken pool, the thread ends).
    writer = getattr(results, "_writer", None)
    if writer is not None:
        writer.close()
    # Wait for the pool's manager thread too: it closes its wake-up pipe as it ends, and if that
    # raced with the interpreter's exit hook writing to the same pipe (CPython 3.11), the process
    # printed "Exception ignored ... Bad file descriptor" on its way out of a SIGTERM.
    if manager is not None:
        manager.join(timeout=5)
