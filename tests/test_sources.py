"""`archcheck sources` and `validate --check-sources`: every cited source text exists and holds each
quote (NFC, Ð as Đ, whitespace folded); each miss is reported with file:line:column (issue 13 point 8)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.cli import main
from tests.conftest import MINIMAL

MODEL = """\
sources:
  news: {title: "A report", publisher: A paper, published_in: a paper, file: news.txt}
  gone: {title: "Another", publisher: A paper, published_in: a paper, file: gone.txt}
province:
  name: Lâm Đồng
  as_of: 2021-01-01
  framework: "2.0"
  components:
    - id: qlvb
      kind: document-management
      source: {doc: news, quote: "phần mềm   quản lý\\nvăn bản"}
    - id: motcua
      kind: one-stop-shop
      source: {doc: news, quote: "một cửa điện tử"}
"""
TEXT = "Tỉnh Lâm Ðồng dùng phần mềm quản lý văn bản.\n"  # Ð U+00D0: read as Đ


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_each_miss_is_located(write: Callable[[str, str], Path], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write("m.yaml", MODEL)
    (tmp_path / "texts").mkdir()
    write("texts/news.txt", TEXT)
    code, out, _ = run("sources", "m.yaml", "--sources-dir", "texts")
    assert code == 1
    assert out.splitlines() == [
        "m.yaml:3:71: source text 'gone.txt' of 'gone' not found in texts",
        "m.yaml:14:27: quote not found in 'news.txt' (news): 'một cửa điện tử'",
        "2 quotes from 2 sources in 1 model checked: 2 missing → exit 1",
    ]


def test_the_folder_comes_from_the_environment(write: Callable[[str, str], Path], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write("m.yaml", MODEL.replace("  gone: {title: \"Another\", publisher: A paper, published_in: a paper, "
                                  "file: gone.txt}\n", "").replace("một cửa điện tử", "Lâm Đồng dùng"))
    (tmp_path / "texts").mkdir()
    write("texts/news.txt", TEXT)
    monkeypatch.setenv("ARCHCHECK_SOURCES", str(tmp_path / "texts"))
    code, out, _ = run("sources", "m.yaml")
    assert (code, out) == (0, "2 quotes from 1 sources in 1 model checked: 0 missing → exit 0\n")


def test_validate_check_sources(write: Callable[[str, str], Path], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHCHECK_SOURCES", raising=False)  # CI sets it for the model quotes
    write("m.yaml", MINIMAL.replace("province:", "sources:\n  n: {title: T, file: none.txt}\nprovince:").replace(
        "kind: document-management}", "kind: document-management, source: {doc: n, quote: x}}"))
    code, out, err = run("validate", "m.yaml", "--check-sources", "--fail-on", "info", "--format", "compact")
    assert code == 1
    assert err == ""
    assert ("m.yaml:2:17: error SRC-001 [n] source text 'none.txt' of 'n' not found beside the model "
            "(no folder of source texts: --sources-dir or ARCHCHECK_SOURCES)") in out.splitlines()
    assert out.endswith("→ exit 1\n")
