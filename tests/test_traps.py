"""Small traps (issue 18): YAML 1.1 words where a word was meant get a hint to quote them; the
pre-commit hook picks model files by content, in any repository layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from archcheck.cli import main
from tests.conftest import MINIMAL, ROOT


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("raw", "read"), [("no", "the boolean false"), ("off", "the boolean false"),
                                           ("yes", "the boolean true")])
def test_a_yaml11_boolean_status_is_explained(raw: str, read: str, write: Callable[[str, str], Path],
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write("m.yaml", MINIMAL.replace("kind: document-management}", f"kind: document-management, status: {raw}}}"))
    code, _, err = run("validate", "m.yaml")
    assert code == 2
    assert f'(YAML 1.1 reads {raw} as {read}: write "{raw}" in quotes if you meant text)' in err


def test_hook_selects_models_by_content_in_any_layout(write: Callable[[str, str], Path], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    assert hook["types"] == ["yaml"] and "files" not in hook
    monkeypatch.chdir(tmp_path)
    write("ci.yaml", "jobs: {test: {runs-on: ubuntu-latest}}\n")
    (tmp_path / "arch").mkdir()
    write("arch/lamdong.yml", MINIMAL)
    args = hook["entry"].split()[1:]
    code, out, _ = run(*args, "ci.yaml", "arch/lamdong.yml")
    assert code == 1
    lines = out.splitlines()
    assert all(ln.startswith("arch/lamdong.yml:") for ln in lines[:-1])
    assert lines[-1].startswith("1 province checked: ")
    code, out, _ = run(*args, "ci.yaml")
    assert (code, out) == (0, "0 provinces checked: 0 errors, 0 warnings, 0 info; failing on error or worse → exit 0\n")
