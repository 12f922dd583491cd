"""Shared fixtures and paths for the test suite."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "province_models"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(autouse=True)
def _no_user_environment(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without the ARCHCHECK_* settings of the shell that runs the suite.

    CI sets ARCHCHECK_SOURCES for the shipped models' quote check (tests/test_models.py keeps it);
    everywhere else a test sets what it needs, so the same test gives the same result on any machine.
    """
    keep = {"ARCHCHECK_SOURCES"} if request.node.path.name == "test_models.py" else set()
    # FORCE_COLOR and NO_COLOR too: a shell (or CI) that forces colour must not colour the reports compared here.
    for name in ("ARCHCHECK_SOURCES", "ARCHCHECK_STAGES", "ARCHCHECK_WORKERS", "FORCE_COLOR", "NO_COLOR"):
        if name not in keep:
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite's archcheck runs (in-process and the commands it starts) keep their cache of parsed
    rules and frameworks, and the cache's secret, in folders of the suite's own, never the user's
    ~/.cache and ~/.local/state."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        mp.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("xdg-state")))
        yield


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p

    return _write


MINIMAL = """\
province:
  name: Tỉnh Mẫu
  as_of: 2021-01-01
  framework: "2.0"
  components:
    - {id: qlvb, kind: document-management}
"""


def checked(run: Any) -> Any:
    """A validation run, raising the first file error it holds (a batch reports errors, never raises)."""
    if run.errors:
        raise run.errors[0]
    return run
