"""The parsed built-in rules, frameworks and provinces shipped with the package (issue 34: a first run
as fast as the next), verified against the files they were made from.

A wheel's build writes them (setup.py → ``python -m archcheck.cli.ship``); tests/test_wheel.py checks
that an installed wheel has and uses them. Here they are written from this checkout into a folder of
the test's own and held to what reading the files gives, and to being ignored the moment a file
changes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archcheck.cli.kinds import kind_rows
from archcheck.cli.rules import list_rows
from archcheck.cli.ship import write_shipped
from archcheck.law import cache, frameworks, provinces
from archcheck.law.rules import builtin_rule_files, builtin_rules, load_rules
from tests.conftest import ROOT

KINDS = ["frameworks", "kindlist", "provinces", "rulelist", "rules"]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Written as the wheel's build writes them: by ``python -m archcheck.cli.ship``, in a process of its own."""
    folder = tmp_path_factory.mktemp("shipped")
    done = subprocess.run([sys.executable, "-m", "archcheck.cli.ship", str(folder)], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.splitlines() == [str(folder / f"{k}.json") for k in KINDS]
    return folder


def test_writing_them_in_a_process_that_read_the_files_before(tmp_path: Path, shipped: Path) -> None:
    builtin_rules()
    written = write_shipped(tmp_path)
    assert [p.name for p in written] == [f"{k}.json" for k in KINDS]
    assert all(p.read_bytes() == (shipped / p.name).read_bytes() for p in written)


@pytest.fixture
def from_package(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped entries in place, and no usable user cache: whatever is not shipped is read afresh."""
    monkeypatch.setattr(cache, "SHIPPED", shipped)
    blocker = tmp_path / "no-cache"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    return shipped


def _never() -> object:
    pytest.fail("the files were read: the shipped entry was not used")


def test_each_entry_is_what_reading_the_files_gives(from_package: Path) -> None:
    fresh = repr(load_rules(builtin_rule_files()))  # rules compare by identity; their repr shows every field
    assert " at 0x" not in fresh
    assert repr(builtin_rules()) == fresh
    files = [(f, n) for f, n in builtin_rule_files()]
    docs = cache.cached("rules", files, _never, lambda v: v, _rules_docs)
    assert len(docs) == len(files)
    assert frameworks._builtin_raw.__wrapped__() == frameworks._read_raw(  # type: ignore[attr-defined]
        frameworks.shipped_files("frameworks"), {})
    assert provinces.lists.__wrapped__() == provinces._parse(  # type: ignore[attr-defined]
        (Path(provinces.__file__).with_name("provinces.yaml")).read_text("utf-8"))


def _rules_docs(plain: object) -> list[object]:
    from archcheck.law.rules import _documents_from_plain  # noqa: PLC0415

    return list(_documents_from_plain(plain))


def test_the_listings_are_what_the_files_give(from_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped_rows, shipped_kinds = list_rows(None), kind_rows(None)
    monkeypatch.setattr(cache, "SHIPPED", from_package / "nowhere")
    assert shipped_rows == list_rows(None)
    assert shipped_kinds == kind_rows(None)


def test_an_edited_file_makes_its_entry_stale(from_package: Path, tmp_path: Path) -> None:
    """The same names, one byte changed: the entry is not used, the files are read."""
    copies = []
    for f, name in builtin_rule_files():
        copy = tmp_path / f.name
        shutil.copy(f, copy)
        copies.append((copy, name))
    calls: list[int] = []

    def build() -> list[object]:
        calls.append(1)
        return []

    assert cache.cached("rules", copies, build, lambda v: v, _rules_docs) != []  # the copies are the same bytes
    assert calls == []
    copies[0][0].write_bytes(copies[0][0].read_bytes().replace(b"severity: error", b"severity: info", 1))
    assert cache.cached("rules", copies, build, lambda v: v, _rules_docs) == []
    assert calls == [1]


@pytest.mark.parametrize("damage", ["header", "digest", "json", "content"])
def test_a_damaged_entry_is_not_believed(from_package: Path, tmp_path: Path, damage: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "shipped"
    shutil.copytree(from_package, folder)
    entry = folder / "provinces.json"
    raw = entry.read_bytes()
    entry.write_bytes({"header": raw.replace(b"archcheck-shipped 1", b"archcheck-shipped 9", 1),
                       "digest": raw.replace(raw.split(b"\n")[1], b"0" * 64, 1),
                       "json": raw[:-10],
                       "content": raw.replace(b'"01"', b'1', 1)}[damage])
    monkeypatch.setattr(cache, "SHIPPED", folder)
    calls: list[int] = []
    file = Path(provinces.__file__).with_name("provinces.yaml")

    def build() -> tuple[()]:
        calls.append(1)
        return ()

    cache.cached("provinces", [(file, "provinces.yaml")], build, provinces._to_plain, provinces._from_plain)
    assert calls == [1]


def test_a_checkout_ships_nothing() -> None:
    """The entries exist only in a built wheel: none is committed, so none can go stale in git."""
    assert not (ROOT / "archcheck" / "law" / "shipped").exists()
