"""The model schema enumerates the kinds the frameworks know, for editors (issue 34), and stays in step with
the framework files; the editor set-up in docs/editors.md works on every shipped model."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from archcheck.cli import main
from archcheck.cli.kinds import kind_rows
from archcheck.read.schemas import VOCABULARY_DEFS, schema, schema_text
from tests.conftest import MODELS, ROOT

DOC = ROOT / "docs" / "editors.md"


def test_the_schema_is_generated_from_the_frameworks() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_schema_kinds.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_kind_is_an_enum_with_vietnamese_descriptions() -> None:
    published = json.loads(schema_text("model"))
    assert published["$id"] == "https://archcheck.invalid/schemas/model/2"  # the format it describes
    assert published["properties"]["archcheck"]["enum"][-1] == 2
    component = published["$defs"]["component-kind"]
    national = published["$defs"]["national-kind"]
    rows = kind_rows(None)
    assert component["enum"] == [r.id for r in rows if not r.national]
    assert national["enum"] == [r.id for r in rows if r.national]
    lgsp = component["enum"].index("integration-platform")
    # the newest framework's name (QĐ 1425: "Hạ tầng kết nối, chia sẻ dữ liệu cấp tỉnh (LGSP/LDOP)")
    assert component["enumDescriptions"][lgsp].startswith("Hạ tầng kết nối, chia sẻ dữ liệu cấp tỉnh (LGSP/LDOP) — ")
    assert "also called LGSP" in component["enumDescriptions"][lgsp]
    assert len(component["markdownEnumDescriptions"]) == len(component["enum"])
    comp_def = published["$defs"]["component"]["properties"]["kind"]
    assert comp_def == {"$ref": "#/$defs/component-kind"}


def test_archcheck_validates_kinds_itself() -> None:
    """The schema archcheck validates with has no kind list: the vocabulary check answers aliases and profiles."""
    for key in VOCABULARY_DEFS:
        assert "enum" not in schema("model")["$defs"][key]


def _modeline_example() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    (example,) = [b for b in blocks if b.startswith("# yaml-language-server: $schema=")]
    return str(example)


def test_editor_setup_validates_every_shipped_model(tmp_path: Path) -> None:
    """As an editor would: the schema written by the documented command, the modeline's path, every model."""
    result = CliRunner().invoke(main, ["schema", "model"])
    assert result.exit_code == 0
    example = _modeline_example()
    target = example.splitlines()[0].partition("$schema=")[2]
    (tmp_path / target).write_text(result.stdout, encoding="utf-8")
    (tmp_path / "example.yaml").write_text(example, encoding="utf-8")
    models = sorted(MODELS.glob("*.yaml"))
    assert len(models) >= 4
    for m in models:
        shutil.copy(m, tmp_path / m.name)
    settings = json.loads(re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)[0])
    assert list(settings["yaml.schemas"]) == [f"./{target}"]
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool is not None, "check-jsonschema is a dev dependency"
    done = subprocess.run([tool, "--schemafile", str(tmp_path / target), "example.yaml", *(m.name for m in models)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    (tmp_path / "bad.yaml").write_text(example.replace("kind: integration-platform", "kind: lgsp"), encoding="utf-8")
    done = subprocess.run([tool, "--schemafile", str(tmp_path / target), "bad.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "bad.yaml::$.province.components[0].kind: 'lgsp' is not one of" in done.stdout
