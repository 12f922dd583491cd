"""`archcheck sources` and `validate --check-sources` read source texts only (issue 28, item 2).

A model from an outside party names its source texts; what the check says must never tell it
anything about a file that is not a source text. A `file:` is a plain file name found in a folder
of source texts (or beside the model when no folder is given): an absolute path, `..`, a folder part
or a symbolic link out of the folder is a located error (the model's file:line:column) that is the
same whatever the named file holds, and no quote of it is looked for; a text is read as a regular
file with its size bounded.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.check import sources
from archcheck.cli import main

MODEL = """\
sources:
  news: {{title: "A report", publisher: A paper, published_in: a paper, file: {file}}}
province:
  name: Lâm Đồng
  as_of: 2021-01-01
  framework: "2.0"
  components:
    - id: qlvb
      kind: document-management
      source: {{doc: news, quote: "{quote}"}}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "news.txt").write_text("phần mềm quản lý văn bản\n", encoding="utf-8")
    return tmp_path / "texts"


def _model(write: Callable[[str, str], Path], file: str, quote: str) -> None:
    write("m.yaml", MODEL.format(file=file, quote=quote))


@pytest.mark.parametrize(("file", "why"), [
    ("/etc/passwd", "is an absolute path"),
    ('"../.."', "goes up out of the folder (`..`)"),
    ('"../../../../etc/passwd"', "goes up out of the folder (`..`)"),
    ("sub/news.txt", "has a folder part"),
    ('"C:\\\\Windows\\\\win.ini"', "is an absolute path"),
    ('"."', "is not a file name"),
])
def test_a_name_that_is_not_a_plain_file_name_is_a_located_error(write: Callable[[str, str], Path], texts: Path,
                                                                 file: str, why: str) -> None:
    _model(write, file, "root:x:0:0")
    code, out, err = run("sources", "m.yaml", "--sources-dir", "texts")
    assert code == 2
    assert out == ""
    first = err.splitlines()[0]
    assert first.startswith("archcheck: error: m.yaml:2:")
    assert first.endswith(f"of 'news' {why}")


@pytest.mark.parametrize("command", [["sources", "m.yaml", "--sources-dir", "texts"],
                                     ["validate", "m.yaml", "--check-sources", "--sources-dir", "texts"]])
@pytest.mark.parametrize("file", ["/etc/passwd", '"../../../../../etc/passwd"', "environ"])
def test_what_is_said_of_a_refused_name_does_not_depend_on_what_the_file_holds(
        write: Callable[[str, str], Path], texts: Path, file: str, command: list[str]) -> None:
    """A quote that is in the file and one that is not get the same answer, byte for byte: no oracle.
    (validate's report shows the model's own quote, so only its exit code and standard error are
    compared.)"""
    (texts / "environ").symlink_to("/proc/self/environ")
    said = []
    for quote in ("root:x:0:0", "not in any file 8d1e"):
        _model(write, file, quote)
        code, out, err = run(*command)
        said.append((code, out if command[0] == "sources" else "", err))
    assert said[0] == said[1]
    assert said[0][0] == 2
    assert "quote not found" not in said[0][1] + said[0][2]


def test_a_symbolic_link_out_of_the_folder_is_refused(write: Callable[[str, str], Path], texts: Path) -> None:
    (texts / "environ").symlink_to("/proc/self/environ")
    _model(write, "environ", "PATH=")
    code, _, err = run("sources", "m.yaml", "--sources-dir", "texts")
    assert code == 2
    assert err.splitlines()[0] == ("archcheck: error: m.yaml:2:72: source text 'environ' of 'news' is a symbolic "
                                   "link out of the folder of source texts")


def test_a_symbolic_link_inside_the_folder_is_followed(write: Callable[[str, str], Path], texts: Path) -> None:
    (texts / "alias.txt").symlink_to("news.txt")
    _model(write, "alias.txt", "quản lý văn bản")
    assert run("sources", "m.yaml", "--sources-dir", "texts")[0] == 0


def test_without_a_folder_the_models_folder_is_the_only_one(write: Callable[[str, str], Path], texts: Path,
                                                          tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("hunter2", encoding="utf-8")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "m.yaml").write_text(MODEL.format(file='"../secret.txt"', quote="hunter2"),
                                                encoding="utf-8")
    code, _, err = run("sources", "models/m.yaml")
    assert code == 2
    assert "goes up out of the folder" in err


def test_a_folder_given_is_the_only_place_looked(write: Callable[[str, str], Path], texts: Path,
                                                tmp_path: Path) -> None:
    """Beside the model is where texts are only when no folder is given: a file there that is not in
    the folder of source texts is not found."""
    (tmp_path / "beside.txt").write_text("phần mềm", encoding="utf-8")
    _model(write, "beside.txt", "phần mềm")
    code, out, _ = run("sources", "m.yaml", "--sources-dir", "texts")
    assert code == 1
    assert out.splitlines()[0] == "m.yaml:2:72: source text 'beside.txt' of 'news' not found in texts"


def test_a_huge_text_is_refused_from_its_size(write: Callable[[str, str], Path], texts: Path) -> None:
    with (texts / "huge.txt").open("wb") as fh:  # sparse: no disk, and never read
        fh.truncate(sources.MAX_SOURCE_BYTES + 1)
    _model(write, "huge.txt", "x")
    code, _, err = run("sources", "m.yaml", "--sources-dir", "texts")
    assert code == 2
    assert err.splitlines()[0] == (f"archcheck: error: m.yaml:2:72: source text 'huge.txt' of 'news': file is "
                                   f"{sources.MAX_SOURCE_BYTES + 1} bytes; the limit is {sources.MAX_SOURCE_BYTES}")


def test_a_fifo_is_refused_without_waiting_for_a_writer(write: Callable[[str, str], Path], texts: Path) -> None:
    os.mkfifo(texts / "pipe.txt")
    _model(write, "pipe.txt", "x")
    code, _, err = run("sources", "m.yaml", "--sources-dir", "texts")
    assert code == 2
    assert "source text 'pipe.txt' of 'news'" in err.splitlines()[0]
