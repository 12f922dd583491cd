"""The adversarial campaign's classes as regression tests (issue 28, item 7): small probe files in
tests/probes/, each run through every command and format it reaches, alone, in a batch and in a file
of 256 KB or more; and the inputs that stalled the gate, generated small enough to run here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archcheck.check.graph import MAX_CHAIN
from archcheck.read.loading import MAX_ITEMS
from tests.conftest import ROOT
from tests.test_hostile import CHECKS, VALIDATE, _assert_github, _assert_inert, _assert_markdown, _run

PROBES = ROOT / "tests" / "probes"

EXIT = {"ci-newline-name": 1, "terminal-escapes": 1, "markdown-injection": 1, "control-characters": 1,
        "minus-dot": 1, "indicator-at": 2, "indicator-backtick": 2, "indicator-bracket": 2, "indicator-brace": 2,
        "indicator-percent-flow": 2}
"""Each probe's exit code: the same alone, in a batch and in a large file."""


def test_every_probe_is_listed() -> None:
    assert sorted(p.stem for p in PROBES.glob("*.yaml")) == sorted(EXIT)


def _check(fmt: str, out: str, files: set[str]) -> None:
    if fmt == "markdown":
        _assert_markdown(out, files)
    elif fmt == "github":
        _assert_github(out)
    else:
        CHECKS[fmt](out)  # type: ignore[misc]


@pytest.mark.parametrize("fmt", VALIDATE)
@pytest.mark.parametrize("probe", sorted(EXIT))
def test_validate(probe: str, fmt: str) -> None:
    path = str(PROBES / f"{probe}.yaml")
    code, out = _run("validate", path, "--format", fmt)
    assert code == EXIT[probe], out[-1000:]
    _check(fmt, out, {path, os.path.relpath(path)})  # the links to the model's lines: the report's own


@pytest.mark.parametrize("probe", sorted(EXIT))
def test_the_same_exit_in_a_batch_and_in_a_large_file(probe: str, tmp_path: Path) -> None:
    """Alone (the exact loader), beside another file (the fast path) and padded past 256 KB."""
    text = (PROBES / f"{probe}.yaml").read_text(encoding="utf-8")
    large = tmp_path / "large.yaml"
    large.write_text(text + ("# " + "padding " * 12 + "\n") * 2800, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text((PROBES / "minus-dot.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    alone, _ = _run("validate", str(PROBES / f"{probe}.yaml"), "--format", "compact")
    batch, out = _run("validate", str(PROBES / f"{probe}.yaml"), str(other), "--format", "compact")
    assert max(alone, 1) == batch, out[-1000:]  # a batch with a refused file is exit 2, else 1
    assert _run("validate", str(large), "--format", "compact")[0] == alone


@pytest.mark.parametrize("probe", ["ci-newline-name", "terminal-escapes", "markdown-injection", "control-characters"])
def test_other_commands(probe: str) -> None:
    path = str(PROBES / f"{probe}.yaml")
    for fmt in ("mermaid", "dot", "svg"):
        code, out = _run("graph", path, "--format", fmt)
        assert code == 0
        CHECKS[fmt](out)  # type: ignore[misc]
    for fmt in ("text", "json", "markdown", "html"):
        code, out = _run("score", path, "--format", fmt)
        assert code in (0, 1)
        _check(fmt if fmt != "json" else "text", out, {path}) if fmt != "html" else CHECKS["html"](out)  # type: ignore[misc]
    for fmt in ("text", "json", "markdown"):
        code, out = _run("diff", "models", str(PROBES / "minus-dot.yaml"), path, "--format", fmt)
        assert code in (0, 1)
        _assert_markdown(out, set()) if fmt == "markdown" else _assert_inert(out)


def _chain(n: int) -> str:
    comps = "".join(f"    - {{id: c{i}, kind: document-management}}\n" for i in range(n))
    conns = "".join(f"    - {{from: c{i}, to: c{i + 1}, kind: document-exchange}}\n" for i in range(n - 1))
    return ("province:\n  name: Tỉnh Mẫu\n  as_of: 2021-01-01\n  framework: \"2.0\"\n  components:\n" + comps
            + "  connections:\n" + conns)


def test_a_long_chain_is_checked(tmp_path: Path) -> None:
    """Every component of a chain that reaches nothing is reported, with the chain as far as it goes."""
    path = tmp_path / "chain.yaml"
    path.write_text(_chain(300), encoding="utf-8")
    code, out = _run("validate", str(path), "--format", "compact")
    assert code == 1
    lines = [x for x in out.splitlines() if " DOC-002 " in x]
    assert len(lines) == 300
    assert lines[0].startswith(f"{path}:6:7: error DOC-002 [c0] c0 does not reach national-document-axis over "
                               "document-exchange connections: the chain c0 → c1 → c2")
    assert lines[0].endswith("→ c299 stops at c299")


def test_a_chain_over_the_limit_is_refused_where_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "chain.yaml"
    path.write_text(_chain(MAX_CHAIN + 1), encoding="utf-8")
    code, out = _run("validate", str(path), "--format", "compact")
    assert code == 2
    assert out.splitlines()[0] == (
        f"{path}:6:7: error INPUT province.components[0]: the connections make a chain of {MAX_CHAIN + 1:,} "
        f"components from c0, longer than the {MAX_CHAIN:,} archcheck checks (hint: a real architecture's chains "
        "of connections are a few components long; check whether the model was generated or meant to be this "
        "long)")


def test_too_many_components_are_refused_at_the_first_over_the_limit(tmp_path: Path) -> None:
    n = MAX_ITEMS["components"] + 1
    path = tmp_path / "many.yaml"
    path.write_text("province:\n  name: Tỉnh Mẫu\n  as_of: 2021-01-01\n  framework: \"2.0\"\n  components:\n"
                    + "".join(f"  - {{id: c{i}, kind: sector-application}}\n" for i in range(n)), encoding="utf-8")
    code, out = _run("validate", str(path), "--format", "compact")
    assert code == 2
    assert out.splitlines()[0].startswith(
        f"{path}:{n + 5}:5: error INPUT province.components[{n - 1}]: the province lists {n:,} components, more "
        f"than the {n - 1:,} archcheck checks in one province")
