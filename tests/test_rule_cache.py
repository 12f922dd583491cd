"""The parsed built-in rules and frameworks are reused across runs, never stale (issue 15).

The cache is keyed by the bytes of every file, archcheck's version and its modules; these tests
point it at their own folder (XDG_CACHE_HOME) and never at the user's. tests/test_hardening_cache.py
holds what it refuses to believe.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from archcheck.law import cache
from archcheck.law.rules import builtin_rule_files, builtin_rules, load_rules
from tests.conftest import ROOT


def _files(tmp_path: Path, text: str) -> list[tuple[Path, str]]:
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    return [(f, "a.txt")]


def _same(value: str) -> str:
    return value


def _text(plain: object) -> str:
    if type(plain) is not str:
        raise cache.BadEntry("not a text")
    return plain


def _entries(kind: str) -> list[Path]:
    folder = cache.cache_folder()
    assert folder is not None
    return list(folder.glob(f"{kind}-*.json"))


def _counting(files: list[tuple[Path, str]], calls: list[int]) -> object:
    def build() -> str:
        calls.append(1)
        return files[0][0].read_text(encoding="utf-8").upper()

    return build


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "archcheck"


def test_a_second_read_comes_from_the_cache(tmp_path: Path, folder: Path) -> None:
    files, calls = _files(tmp_path, "one"), []
    assert cache.cached("t", files, _counting(files, calls), _same, _text) == "ONE"
    assert cache.cached("t", files, _counting(files, calls), _same, _text) == "ONE"
    assert len(calls) == 1
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["t"]


def test_an_edited_file_is_read_afresh_and_the_old_entry_removed(tmp_path: Path, folder: Path) -> None:
    files, calls = _files(tmp_path, "one"), []
    cache.cached("t", files, _counting(files, calls), _same, _text)
    files = _files(tmp_path, "two")  # same name, same length, other bytes
    assert cache.cached("t", files, _counting(files, calls), _same, _text) == "TWO"
    assert len(calls) == 2
    assert len(list(folder.iterdir())) == 1


def test_another_archcheck_version_does_not_use_the_entry(tmp_path: Path, folder: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    files, calls = _files(tmp_path, "one"), []
    cache.cached("t", files, _counting(files, calls), _same, _text)
    monkeypatch.setattr(cache, "__version__", "99.0")
    cache._code_fingerprint.cache_clear()
    try:
        cache.cached("t", files, _counting(files, calls), _same, _text)
    finally:
        cache._code_fingerprint.cache_clear()
    assert len(calls) == 2


def test_a_corrupt_entry_is_rebuilt(tmp_path: Path, folder: Path) -> None:
    files, calls = _files(tmp_path, "one"), []
    cache.cached("t", files, _counting(files, calls), _same, _text)
    (entry,) = folder.iterdir()
    entry.write_bytes(b"not a pickle")
    assert cache.cached("t", files, _counting(files, calls), _same, _text) == "ONE"
    assert len(calls) == 2


def test_an_entry_made_from_other_bytes_is_never_used_whatever_its_name(tmp_path: Path, folder: Path) -> None:
    """The key (the files' bytes) is covered by the entry's MAC: an entry made from other bytes and
    renamed to the name these bytes give answers nothing."""
    files, calls = _files(tmp_path, "one"), []
    cache.cached("t", files, _counting(files, calls), _same, _text)
    (entry,) = folder.iterdir()
    (tmp_path / "other").mkdir()
    other = _files(tmp_path / "other", "two")
    cache.cached("t", other, _counting(other, calls), _same, _text)
    (made_from_two,) = folder.iterdir()
    made_from_two.rename(entry)
    assert cache.cached("t", files, _counting(files, calls), _same, _text) == "ONE"
    assert len(calls) == 3


def test_an_unwritable_folder_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file: no folder can be made under it (even as root)
    files, calls = _files(tmp_path, "one"), []
    assert cache.cached("t", files, _counting(files, calls), _same, _text) == "ONE"
    assert cache.cached("t", files, _counting(files, calls), _same, _text) == "ONE"
    assert len(calls) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "file"]


def test_cached_rules_equal_the_files_read_afresh(folder: Path) -> None:
    files = builtin_rule_files()
    fresh = repr(load_rules(files))  # rules compare by identity; their repr shows every field
    assert " at 0x" not in fresh
    assert repr(builtin_rules()) == fresh  # the cache is made
    assert _entries("rules")
    assert repr(builtin_rules()) == fresh  # and read


@pytest.mark.parametrize("state", ["cold", "warm", "unwritable"])
def test_commands_print_the_same_whatever_the_cache(tmp_path: Path, state: str) -> None:
    home = tmp_path / "cache"
    if state == "unwritable":
        home.write_text("", encoding="utf-8")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ARCHCHECK_")}, "XDG_CACHE_HOME": str(home)}

    def run(*args: str) -> str:
        return subprocess.run([sys.executable, "-m", "archcheck", *args], capture_output=True, text=True,
                              env=env, cwd=ROOT, check=False).stdout

    model = str(ROOT / "province_models" / "lamdong.yaml")
    commands = [("rules", "list", "--framework", "2.0"), ("validate", model, "--format", "json"),
                ("rules", "list", "--format", "json"), ("rules", "list"), ("kinds",), ("kinds", "--format", "json"),
                ("kinds", "--framework", "1.0")]
    if state == "warm":
        for args in commands:
            run(*args)
    assert run("rules", "show", "DOC-001") and run("validate", model, "--format", "json")
    out = [run(*args) for args in commands]
    env["XDG_CACHE_HOME"] = str(tmp_path / "never-used")
    (tmp_path / "never-used").write_text("", encoding="utf-8")  # no cache at all: the reference
    assert out == [run(*args) for args in commands]
    if state != "unwritable":
        assert {p.name.split("-")[0] for p in (home / "archcheck").iterdir()} == {
            "rules", "frameworks", "provinces", "rulelist", "kindlist"}
