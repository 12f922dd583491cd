"""One vocabulary of connection kinds (issue 30, item 1): the model and rule schemas, the drawing and the
reports read archcheck.model.CONNECTION_KINDS, and every shipped model and one model that uses every
connection kind render in every format of ``validate`` and ``graph`` without an internal error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from archcheck.catalogue import msg, say
from archcheck.cli import main
from archcheck.cli.graph import DRAWING_FORMATS
from archcheck.model import CONNECTION_KINDS
from archcheck.read.schemas import schema
from archcheck.report import REPORTERS
from archcheck.report.drawing import COLOURS, FORMATS, word
from benchmarks.generate import document, province
from tests.conftest import GOLDEN, MODELS, ROOT

VOCABULARY_MODEL = ROOT / "tests" / "models" / "format2-vocabulary.yaml"
SHIPPED = sorted(MODELS.glob("*.yaml"))


def test_the_model_schema_knows_exactly_the_vocabulary() -> None:
    assert schema("model")["$defs"]["connection"]["properties"]["kind"]["enum"] == list(CONNECTION_KINDS)


def test_the_rule_schema_knows_exactly_the_vocabulary() -> None:
    assert schema("rule")["$defs"]["connection_kind"]["enum"] == list(CONNECTION_KINDS)


@pytest.mark.parametrize("kind", list(CONNECTION_KINDS))
def test_the_drawing_has_a_colour_and_words_for_every_kind(kind: str) -> None:
    assert kind in COLOURS
    assert word(kind, "vi") == say(msg(f"connection.{kind}"), "vi") != kind
    assert word(kind, "en") == say(msg(f"connection.{kind}"), "en")


def test_the_drawing_formats_are_the_cli_choices() -> None:
    assert tuple(FORMATS) == DRAWING_FORMATS


def test_the_vocabulary_model_uses_every_connection_kind() -> None:
    data = yaml.safe_load(VOCABULARY_MODEL.read_text(encoding="utf-8"))
    used = {c["kind"] for c in data["province"]["connections"]}
    assert used == set(CONNECTION_KINDS)


def _provinces(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [p["name"] for p in data["provinces"]] if "provinces" in data else [data["province"]["name"]]


CASES = [*SHIPPED, VOCABULARY_MODEL]


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
@pytest.mark.parametrize("model", CASES, ids=lambda p: p.name)
def test_every_model_renders_in_every_validate_format(model: Path, fmt: str) -> None:
    result = CliRunner().invoke(main, ["validate", str(model), "--format", fmt])
    assert "internal error" not in result.stderr, result.stderr
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout


@pytest.mark.parametrize("fmt", DRAWING_FORMATS)
@pytest.mark.parametrize("model", CASES, ids=lambda p: p.name)
def test_every_model_draws_in_every_format(model: Path, fmt: str) -> None:
    for name in _provinces(model):
        result = CliRunner().invoke(main, ["graph", str(model), "--format", fmt, "--province", name])
        assert result.exit_code == 0, result.stderr
        assert result.stdout


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated province (benchmarks/generate.py), before and after the 2025 reform."""
    path = tmp_path_factory.mktemp("generated") / "generated.yaml"
    path.write_text(document([province(3), province(4, two_tier=True)]), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_a_generated_model_renders_in_every_validate_format(generated: Path, fmt: str) -> None:
    result = CliRunner().invoke(main, ["validate", str(generated), "--format", fmt])
    assert "internal error" not in result.stderr, result.stderr
    assert result.exit_code in (0, 1), result.stderr


@pytest.mark.parametrize("fmt", DRAWING_FORMATS)
def test_a_generated_model_draws_in_every_format(generated: Path, fmt: str) -> None:
    for name in _provinces(generated):
        result = CliRunner().invoke(main, ["graph", str(generated), "--format", fmt, "--province", name])
        assert result.exit_code == 0, result.stderr


def test_operates_is_drawn_and_named_in_the_legend() -> None:
    result = CliRunner().invoke(main, ["graph", str(VOCABULARY_MODEL), "--format", "mermaid", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    hcc = next(line for line in result.stdout.splitlines() if "Trung tâm Phục vụ hành chính công tỉnh" in line)
    node = hcc.strip().split("[", 1)[0]
    assert any(line.strip().startswith(f"{node} -->|operates|") for line in result.stdout.splitlines())


# -- golden files of the model that uses format 2's whole vocabulary -------------------------------

GOLDEN_FORMATS = {"text": "txt", "json": "json", "compact": "compact.txt", "markdown": "md"}
GOLDEN_DRAWINGS = {"mermaid": "mmd", "dot": "dot"}


def _golden(name: str, got: str) -> None:
    golden = GOLDEN / "vocabulary" / name
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert golden.is_file(), f"{golden} missing: regenerate with ARCHCHECK_REGEN=1"
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "ext"), list(GOLDEN_FORMATS.items()))
def test_golden_reports_of_the_whole_vocabulary(fmt: str, ext: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["validate", "tests/models/format2-vocabulary.yaml", "--format", fmt])
    assert result.exit_code in (0, 1), result.stderr
    _golden(f"format2-vocabulary.{ext}", result.stdout)


@pytest.mark.parametrize(("fmt", "ext"), list(GOLDEN_DRAWINGS.items()))
def test_golden_drawings_of_the_whole_vocabulary(fmt: str, ext: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["graph", "tests/models/format2-vocabulary.yaml", "--format", fmt,
                                        "--lang", "both"])
    assert result.exit_code == 0, result.stderr
    _golden(f"format2-vocabulary.{ext}", result.stdout)
