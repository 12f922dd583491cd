"""Worker processes never outlive their parent, and a national run stopped midway writes nothing (issue 16)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from archcheck.check.parallel import WorkerError, fork_map
from archcheck.check.workers import cores
from benchmarks.generate import document, province

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or cores() < 2 or not Path("/proc/self").exists(),
                                reason="needs fork, two cores and /proc")


@pytest.fixture(scope="module")
def nation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lifecycle") / "nation.yaml"
    path.write_text(document([province(i) for i in range(13)]), encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024  # split across the workers
    return path


def _processes_naming(marker: str) -> list[int]:
    """Pids of the live (not zombie) processes whose command line contains ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _gone(marker: str, seconds: float = 5.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while (alive := _processes_naming(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def _start(nation: Path, report: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "ARCHCHECK_WORKERS"}
    return subprocess.Popen([sys.executable, "-m", "archcheck", "validate", str(nation), "-o", str(report)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)


def _workers_started(proc: subprocess.Popen[bytes], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if _children(proc.pid):
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def rng() -> Iterator[random.Random]:
    yield random.Random(16)  # the moments are random, and the same in every run


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_killing_the_parent_leaves_no_worker_and_no_report(nation: Path, tmp_path: Path, rng: random.Random,
                                                            sig: signal.Signals) -> None:
    for attempt in range(2):
        folder = tmp_path / f"{sig.name}-{attempt}"
        folder.mkdir()
        report = folder / "report.txt"
        proc = _start(nation, report)
        if sig is signal.SIGKILL and attempt == 0:
            time.sleep(rng.uniform(0.0, 0.5))  # anywhere, start-up included
        elif not _workers_started(proc):
            proc.wait(timeout=60)
            continue  # finished before the workers could be seen: nothing to kill
        else:
            time.sleep(rng.uniform(0.0, 0.3))
        if sig is signal.SIGINT:
            os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole foreground group, workers included
        else:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        assert _gone(str(folder)) == [] and _gone(str(nation)) == [], "a worker outlived its parent"
        assert proc.returncode not in (0, 1) or report.exists(), "a finished run wrote no report"
        if report.exists():
            # The signal came after the report was in place (the run may have ended, or been stopped
            # between the rename and the exit): the report is whole, and nothing claims otherwise.
            assert report.read_text(encoding="utf-8").rstrip().endswith(("→ exit 0", "→ exit 1"))
            assert proc.returncode in (0, 1, 130, 143, -signal.SIGKILL, -signal.SIGTERM, -signal.SIGINT), err
            assert b"nothing was written" not in err and b"Traceback" not in err
            assert [p.name for p in folder.iterdir()] == ["report.txt"]  # and no temporary file
            continue
        if sig is not signal.SIGKILL:
            assert [p.name for p in folder.iterdir()] == []  # no temporary file either
            assert b"Traceback" not in err
        if sig is signal.SIGINT:
            assert proc.returncode == 130, err
            assert err.decode().endswith("archcheck: interrupted; nothing was written\n")
        if sig is signal.SIGTERM:
            assert proc.returncode in (143, -signal.SIGTERM)


def test_memory_exhaustion_in_a_worker_is_a_memory_error() -> None:
    def exhausted(x: int) -> int:
        if x == 3:
            raise MemoryError
        return x

    with pytest.raises(MemoryError):
        fork_map(exhausted, list(range(6)), 2)
    assert fork_map(lambda x: x * 2, [1, 2, 3], 2) == [2, 4, 6]  # and the next run is unaffected


def test_a_worker_killed_by_the_kernel_is_a_clear_error() -> None:
    def killed(x: int) -> int:
        if x == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return x

    with pytest.raises(WorkerError, match="a worker process was killed before it finished"):
        fork_map(killed, [0, 1, 2, 3], 2)
