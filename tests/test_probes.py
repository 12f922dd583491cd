"""The adversarial campaign's classes as regression tests (issue 28, item 7): small probe files in
tests/probes/, each run through every command and format it reaches, alone, in a batch and in a file
of 256 KB or more; and the inputs that stalled the gate, generated small enough to run here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import ryml  # type: ignore[import-untyped]

from archcheck.check.graph import MAX_CHAIN
from archcheck.errors import SchemaError
from archcheck.read.fastload import fast_load
from archcheck.read.sourcemap import MAX_ITEMS, load_text
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


_HEAD = "province:\n  name: Tỉnh Mẫu\n  as_of: 2021-01-01\n  framework: \"2.0\"\n"


def _many(n: int, key: str = "components", tail: str = "") -> str:
    """A province listing ``n`` items under ``key`` (line 6 is the first), then ``tail``."""
    item = "{from: a, to: b, kind: data-exchange}" if key == "connections" else "{id: c%d, kind: sector-application}"
    lines = [f"  - {item % i if '%' in item else item}\n" for i in range(n)]
    return _HEAD + f"  {key}:\n" + "".join(lines) + tail


def _refusal(key: str, prefix: str = "province") -> str:
    limit = MAX_ITEMS[key]
    return (f"{prefix}.{key}[{limit}]: the province lists more than {limit:,} {key}, the most archcheck checks in "
            f"one province (reading stopped here)")


def test_too_many_components_are_refused_at_the_first_over_the_limit(tmp_path: Path) -> None:
    n = MAX_ITEMS["components"] + 1
    path = tmp_path / "many.yaml"
    path.write_text(_many(n), encoding="utf-8")
    code, out = _run("validate", str(path), "--format", "compact")
    assert code == 2
    assert out.splitlines()[0] == (
        f"{path}:{n + 5}:5: error INPUT {_refusal('components')} (hint: a province's model has at most "
        "50,000 components; split a generated model, or check whether it was meant to be this large)")


@pytest.mark.parametrize("tail", ["  - {id: broken, kind: [\n", "\tname: a tab sends the file to the exact loader\n",
                                  "  name: a duplicate key, never reached\n"])
def test_the_refusal_comes_before_anything_after_the_first_item_over(tmp_path: Path, tail: str) -> None:
    """Reading stops at the 50,001st item: what follows a few items later (broken YAML, a tab, a
    duplicate key), which a reader of the whole file would report instead, is never read."""
    n = MAX_ITEMS["components"] + 1
    path = tmp_path / "many.yaml"
    path.write_text(_many(n + 2, tail=tail), encoding="utf-8")
    code, out = _run("validate", str(path), "--format", "compact")
    assert code == 2
    assert out.splitlines()[0].startswith(f"{path}:{n + 5}:5: error INPUT {_refusal('components')}")


@pytest.mark.parametrize("key", sorted(MAX_ITEMS))
def test_each_limit_at_its_exact_boundary_both_loaders(key: str) -> None:
    """At the limit both loaders read the file, with the same data; one item more and the exact loader
    stops at that item (its location and message) while the fast path leaves the file to it, having
    built nothing from its parse (no JSON emitted)."""
    limit = MAX_ITEMS[key]
    at_limit = _many(limit, key)
    fast = fast_load(at_limit, "m.yaml")
    assert fast is not None
    assert fast.data == load_text(at_limit, "m.yaml").data
    assert len(fast.data["province"][key]) == limit  # type: ignore[call-overload,index]
    over = _many(limit + 1, key)
    emitted: list[object] = []
    real_emit = ryml.emit_json
    try:
        ryml.emit_json = lambda tree: emitted.append(tree) or real_emit(tree)
        assert fast_load(over, "m.yaml") is None
    finally:
        ryml.emit_json = real_emit
    assert emitted == []
    with pytest.raises(SchemaError) as err:
        load_text(over, "m.yaml")
    assert (err.value.file, err.value.line, err.value.column) == ("m.yaml", limit + 6, 5)
    assert err.value.message == _refusal(key)


def test_a_national_file_and_its_slices_are_refused_at_the_same_item() -> None:
    """A province of a national file over the limit: the whole file and a slice of it (as the
    parallel checker reads one) stop at the same item, with the same path."""
    limit = MAX_ITEMS["national"]
    body = "".join(f"    - {{id: n{i}, kind: national-identity-system}}\n" for i in range(limit + 1))
    province = "  - name: Tỉnh Mẫu\n    as_of: 2021-01-01\n    national:\n" + body
    whole = "provinces:\n  - name: A\n    as_of: 2021-01-01\n" + province
    assert fast_load(whole, "n.yaml") is None
    with pytest.raises(SchemaError) as err:
        load_text(whole, "n.yaml")
    assert (err.value.line, err.value.column) == (limit + 7, 7)
    assert err.value.message == _refusal("national", "provinces[1]")
    assert fast_load(province, "n.yaml", line_offset=3, root=("provinces",), index_offset=1) is None
    with pytest.raises(SchemaError) as sliced:
        load_text(province, "n.yaml", line_offset=3, root=("provinces",), index_offset=1)
    assert (sliced.value.line, sliced.value.column, sliced.value.message) == (
        err.value.line, err.value.column, err.value.message)


def test_items_an_alias_brings_get_the_same_refusal_after_reading(tmp_path: Path) -> None:
    """A list over the limit that an alias places under `components` is not counted as it is read
    (its items stand elsewhere); the check of the data read gives the same message."""
    n = MAX_ITEMS["components"] + 1
    path = tmp_path / "alias.yaml"
    path.write_text("many: &many [" + ", ".join("x" for _ in range(n)) + "]\n" + _HEAD + "  components: *many\n",
                    encoding="utf-8")
    code, out = _run("validate", str(path), "--format", "compact")
    assert code == 2
    assert f" error INPUT {_refusal('components')} (hint: " in out.splitlines()[0]
