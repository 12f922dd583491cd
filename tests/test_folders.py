"""Framework `extends` chains resolve in linear time without recursion (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archcheck import api
from archcheck.errors import FrameworkError
from archcheck.law import frameworks
from archcheck.read import files

FRAMEWORK = ('id: "9.{i}"\ntitle: {{en: Profile {i}, vi: Hồ sơ {i}}}\n'
             'issued: {{document: test, date: 2020-01-01, confidence: confirmed}}\nextends: "{parent}"\n')


def chain(folder: Path, depth: int) -> Path:
    folder.mkdir()
    for i in range(1, depth + 1):
        parent = "2.0" if i == 1 else f"9.{i - 1}"
        (folder / f"9.{i}.yaml").write_text(FRAMEWORK.format(i=i, parent=parent), encoding="utf-8")
    return folder


def test_a_chain_deeper_than_the_recursion_limit_resolves(tmp_path: Path) -> None:
    folder = chain(tmp_path / "f", 1200)  # 1,000 deep was a RecursionError
    top = frameworks.all_frameworks((folder,))["9.1200"]
    assert top.chain[:2] == ("9.1200", "9.1199") and top.chain[-2:] == ("2.0", "1.0")
    assert len(top.chain) == 1202
    assert top.rules == frameworks.get_framework("2.0").rules


def test_each_framework_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = chain(tmp_path / "f", 40)
    reads: list[str] = []
    real = files.read_bounded

    def counting(path: object, name: str, *args: object, **kwargs: object) -> bytes:
        reads.append(name)
        return real(path, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(frameworks, "read_bounded", counting)
    sets = api.rulesets(framework_dirs=(folder,))
    assert len(sets) == 40 + len(frameworks.available())
    assert sorted(reads) == sorted(str(p) for p in folder.iterdir())  # 40 files, 40 reads (was 40 × 40)


def test_a_chain_longer_than_the_limit_is_refused_where_it_starts(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(frameworks, "MAX_EXTENDS_DEPTH", 25)
    folder = chain(tmp_path / "f", 30)
    with pytest.raises(FrameworkError) as info:
        frameworks.all_frameworks((folder,))
    assert str(info.value) == (f"{folder}/9.24.yaml:4:1: the `extends` chain of 9.24 is longer than 25 versions\n"
                               "  hint: extend a built-in version directly")
