"""docs/ci.md: its GitHub Actions workflow and GitLab CI job follow the published schemas, and every
archcheck command line in them (and in the setup snippet) runs and writes the reports it names."""

from __future__ import annotations

import itertools
import json
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from archcheck.cli import main
from tests.conftest import ROOT

DOC = ROOT / "docs" / "ci.md"


def _block(first_line: str, lang: str = "yaml") -> str:
    """The fenced block of docs/ci.md whose first line is ``first_line``."""
    for body in re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S):
        if body.splitlines()[0] == first_line:
            return str(body)
    raise AssertionError(f"docs/ci.md has no {lang} block starting {first_line!r}")


GITHUB = "# .github/workflows/architecture.yml"
GITLAB = "# .gitlab-ci.yml"
WAIVERS = "# archcheck-waivers.yaml"


def _commands() -> list[str]:
    """Every archcheck command line of the docs, in the order a new adopter runs them."""
    sh = re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    setup = [line for body in sh for line in body.splitlines() if line.startswith("archcheck ")]
    workflow: dict[str, Any] = yaml.safe_load(_block(GITHUB))
    steps = [s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "run" in s]
    job: dict[str, Any] = yaml.safe_load(_block(GITLAB))["archcheck"]
    return setup + [c for c in (*steps, *job["script"]) if c.startswith("archcheck ")]


def test_setup_and_ci_commands_are_found() -> None:
    cmds = _commands()
    assert cmds[0] == "archcheck baseline province_models/lamdong.yaml --output archcheck-baseline.json"
    assert len(cmds) == 3


@pytest.mark.parametrize(("first_line", "schema"), [(GITHUB, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")])
def test_snippet_follows_the_published_schema(tmp_path: Path, first_line: str, schema: str) -> None:
    path = tmp_path / ("workflow.yml" if first_line == GITHUB else ".gitlab-ci.yml")
    path.write_text(_block(first_line), encoding="utf-8")
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool is not None, "check-jsonschema is a dev dependency"
    proc = subprocess.run([tool, "--builtin-schema", schema, str(path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_commands_run_and_write_their_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "province_models").mkdir()
    shutil.copy(ROOT / "province_models" / "lamdong.yaml", tmp_path / "province_models" / "lamdong.yaml")
    (tmp_path / "archcheck-waivers.yaml").write_text(_block(WAIVERS), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "so-tttt/kien-truc",
           "GITHUB_SHA": "0123abc"}
    for cmd in _commands():
        args = shlex.split(re.sub(r"\$(\w+)", lambda m: env[m.group(1)], cmd))
        result = CliRunner().invoke(main, args[1:])
        assert result.exit_code in (0, 1), (cmd, result.output)
        written = [v.split(":", 1)[1] for k, v in itertools.pairwise(args) if k == "--report"]
        written += [v for k, v in itertools.pairwise(args) if k == "--output"]
        for file in written:
            assert Path(file).stat().st_size > 0, (cmd, file)
    assert json.loads(Path("archcheck.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert Path("archcheck.md").read_text(encoding="utf-8").startswith("## archcheck: ")
    assert ET.parse("archcheck-junit.xml").getroot().tag == "testsuites"
    assert isinstance(json.loads(Path("gl-code-quality-report.json").read_text(encoding="utf-8")), list)
    assert Path("archcheck-baseline.json").stat().st_size > 0
