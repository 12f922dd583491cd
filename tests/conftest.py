"""Shared fixtures and paths for the test suite."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "province_models"
GOLDEN = Path(__file__).resolve().parent / "golden"


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
