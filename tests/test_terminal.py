"""A model's text never drives the terminal, and writing a report never fails on what was accepted (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from archcheck.cli import main
from archcheck.report.escape import for_terminal
from tests.conftest import MINIMAL

HOSTILE = MINIMAL.replace("name: Tỉnh Mẫu", 'name: "Tỉnh \\e[2J\\e[31mMẫu\\a\\b\\r\\u202e"')


def test_control_characters_from_a_model_are_escaped_in_the_text_report(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "m.yaml")])
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == f"{tmp_path / 'm.yaml'}: Tỉnh \\x1b[2J\\x1b[31mMẫu\\x07\\x08\\x0d\\u202e"
    assert not any(c in result.stdout for c in "\x1b\x07\x08\r\u202e")


def test_for_terminal_keeps_newlines_and_vietnamese() -> None:
    assert for_terminal("Tỉnh Mẫu\nĐà Nẵng\n") == "Tỉnh Mẫu\nĐà Nẵng\n"
    assert for_terminal("a\tb\x00c\x9bd\u2066e\udce2") == "a\\x09b\\x00c\\x9bd\\u2066e\\udce2"


def test_a_file_name_that_is_not_utf8_is_reported_as_valid_utf8(tmp_path: Path) -> None:
    # The name reaches Python as a lone surrogate (surrogateescape): stdout and -o must still be UTF-8.
    folder = os.fsencode(tmp_path)
    model = folder + b"/m\xff.yaml"
    Path(os.fsdecode(model)).write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "r.txt"
    done = subprocess.run([sys.executable, "-m", "archcheck", "validate", model, "-o", str(out)],
                          capture_output=True, check=False)
    assert done.returncode == 1, done.stderr
    assert out.read_bytes().decode("utf-8").startswith(f"{tmp_path}/m\\udcff.yaml: Tỉnh Mẫu\n")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    done = subprocess.run([sys.executable, "-m", "archcheck", "validate", model], capture_output=True, check=False)
    assert done.returncode == 1
    assert done.stdout.decode("utf-8").startswith(f"{tmp_path}/m\\udcff.yaml: Tỉnh Mẫu\n")
