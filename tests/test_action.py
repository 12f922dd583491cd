"""The GitHub Action (action.yml, issue 34) follows GitHub's published action schema, runs archcheck as the
documented workflow does, installs the pinned release, and docs/ci.md uses it."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from archcheck import __version__
from tests.conftest import ROOT

ACTION = ROOT / "action.yml"
DOC = ROOT / "docs" / "ci.md"


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


def _block(first_line: str) -> str:
    for body in re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S):
        if body.splitlines()[0] == first_line:
            return str(body)
    raise AssertionError(first_line)


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool is not None, "check-jsonschema is a dev dependency"
    return subprocess.run([tool, "--builtin-schema", schema, str(path)], capture_output=True, text=True,
                          timeout=120, check=False)


def test_action_follows_githubs_action_schema() -> None:
    done = _check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_documented_use_follows_the_workflow_schema(tmp_path: Path) -> None:
    workflow = tmp_path / "workflow.yml"
    workflow.write_text(_block("# .github/workflows/architecture-action.yml"), encoding="utf-8")
    done = _check_jsonschema("vendor.github-workflows", workflow)
    assert done.returncode == 0, done.stdout + done.stderr
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["archcheck"]["steps"]
    (used,) = [s for s in steps if s.get("uses", "").startswith("archcheck-vn/archcheck@")]
    assert used["uses"] == f"archcheck-vn/archcheck@v{__version__}"
    assert set(used["with"]) <= set(_action()["inputs"])


def test_action_is_composite_and_installs_the_pinned_release() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert action["inputs"]["version"]["default"] == __version__
    steps = action["runs"]["steps"]
    install = next(s for s in steps if s.get("name") == "Install archcheck")
    assert 'archcheck-vn==${ARCHCHECK_VERSION}' in install["run"]
    assert install["env"]["ARCHCHECK_VERSION"] == "${{ inputs.version }}"  # inputs reach the shell as data
    assert all("${{ inputs." not in s.get("run", "") for s in steps)


def _validate_args(command: str) -> list[str]:
    return [a for a in shlex.split(command.replace("\\\n", " ")) if a.startswith("--")]


def test_action_runs_archcheck_as_the_documented_workflow_does() -> None:
    steps = _action()["runs"]["steps"]
    check = next(s for s in steps if s.get("id") == "check")
    line = next(ln for ln in check["run"].replace("\\\n", " ").splitlines() if ln.strip().startswith("archcheck "))
    workflow = yaml.safe_load(_block("# .github/workflows/architecture.yml"))
    documented = next(s["run"] for s in workflow["jobs"]["archcheck"]["steps"]
                      if s.get("run", "").startswith("archcheck validate"))
    wanted = {"--format", "--report", "--link-base"}
    assert [a for a in _validate_args(line) if a in wanted] == [a for a in _validate_args(documented) if a in wanted]
    for flag in ("sarif:archcheck.sarif", "markdown:archcheck.md", "--format github"):
        assert flag in line and flag in documented
    names = [s.get("name") for s in steps]
    assert names.index("Job summary") > names.index("Check the architecture")
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "archcheck.sarif"
    assert "!cancelled()" in upload["if"]
    assert steps[-1]["run"] == 'exit "${CODE:-2}"'  # the action fails as archcheck did, after the reports


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_action_check_step_runs(tmp_path: Path) -> None:
    """The check step's script, run by bash as the runner would, with archcheck on the PATH."""
    check = next(s for s in _action()["runs"]["steps"] if s.get("id") == "check")
    (tmp_path / "models").mkdir()
    shutil.copy(ROOT / "province_models" / "lamdong.yaml", tmp_path / "models" / "lamdong.yaml")
    (tmp_path / ".git").mkdir()
    out = tmp_path / "github-output"
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "MODELS": "models", "ARGS": "--framework 2.0",
           "GITHUB_OUTPUT": str(out), "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "so/kt",
           "GITHUB_SHA": "abc", "HOME": str(tmp_path)}
    done = subprocess.run(["bash", "-e", "-c", check["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == "exit-code=1\n"  # DOC-002 under 2.0
    assert done.stdout.startswith("::error file=models/lamdong.yaml,line=48,col=7")
    assert (tmp_path / "archcheck.sarif").stat().st_size > 0
    assert (tmp_path / "archcheck.md").read_text(encoding="utf-8").startswith("## archcheck: ")


def test_docs_install_the_pinned_release() -> None:
    text = DOC.read_text(encoding="utf-8")
    installs = re.findall(r"pip install \"([^\"]+)\"", text)  # the commands (prose names `pip install archcheck`)
    assert installs, "docs/ci.md installs archcheck"
    assert set(installs) == {f"archcheck-vn=={__version__}"}
    assert "git+https://" not in text
