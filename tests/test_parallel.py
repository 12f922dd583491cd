"""The parallel paths (a large national file split across cores; many files across cores) give
exactly what the one-process path gives: same reports, same notices, same errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from archcheck import api
from archcheck.check.national import check_split, split
from archcheck.report import REPORTERS, ReportOptions
from benchmarks.generate import document, province


def _render(paths: list[Path], monkeypatch: pytest.MonkeyPatch, *, workers: str | None) -> str:
    with monkeypatch.context() as mp:
        if workers is not None:
            mp.setenv("ARCHCHECK_WORKERS", workers)
        return REPORTERS["json"](api.validate(paths), ReportOptions())


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    provinces = [province(i) for i in range(13)]
    provinces[4]["name"] = "Ti\u0309nh NFD"  # notices must come back from the workers, in file order
    provinces[9]["name"] = "Lâm \u00d0ồng"
    path = tmp_path_factory.mktemp("nat") / "nation.yaml"
    path.write_text(document(provinces), encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024  # large enough to be split
    return path


def test_split_file_gives_the_whole_file_result(national: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert split(national.read_text("utf-8"), 4) is not None
    reports = check_split(str(national), api.rulesets(), framework=None, as_of=None, workers=2)
    assert reports is not None and len(reports) == 13  # the split path ran; it did not fall back
    assert [n.message for n in reports[0].notices] == [
        "normalised 'Ti\u0309nh NFD' to Unicode NFC (composed letters)",
        "replaced the look-alike letter Ð/ð (U+00D0/U+00F0, Icelandic eth) with Vietnamese Đ/đ (U+0110/U+0111) "
        "in 'Lâm Ðồng'"]
    assert _render([national], monkeypatch, workers=None) == _render([national], monkeypatch, workers="1")


def test_error_in_a_slice_gives_the_whole_file_message(national: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text = national.read_text("utf-8")
    broken = tmp_path / "broken.yaml"
    last = text.rindex("kind: sector-database")
    broken.write_text(text[:last] + "kind: sector-databse" + text[last + len("kind: sector-database"):], "utf-8")
    messages = []
    for workers in (None, "1"):
        with monkeypatch.context() as mp:
            if workers:
                mp.setenv("ARCHCHECK_WORKERS", workers)
            run = api.validate([broken])
            assert not run.reports
            messages.append(str(run.errors[0]))
    assert messages[0] == messages[1]
    assert "unknown component kind 'sector-databse'; did you mean 'sector-database'?" in messages[0]


@pytest.mark.parametrize(
    "text",
    [
        "provinces:\n- &a {name: x}\n- *a\n",  # anchors and aliases
        "provinces:\n- a: 1\n- a: 2\nextra: 1\n",  # something after the list
        "provinces:\n- a: 1\n---\nprovinces:\n- a: 2\n",  # several documents
        "provinces:\n- a: !!str 1\n- a: 2\n",  # tags
        "province:\n  name: x\n",  # not a national file
        "archcheck: 1\nprovinces:\n- a: 1\r  b: 2\n- a: 2\n",  # a lone CR: libyaml counts it as a line
        "provinces:\n  - a: 1\n - b: 2\n  - a: 2\n",  # an item left of the list's indent
        "provinces:\n- a: 1\nprovinces:\n- a: 2\n",  # the key twice
        "provinces:\n-\n  a: 1\n- a: 2\n",  # an item whose content starts on the next line
        "provinces:\nx: 1\n- a: 1\n- a: 2\n",  # something between the key and the list
    ],
)
def test_irregular_files_are_not_split(text: str) -> None:
    assert split(text, 2) is None


@pytest.mark.parametrize(
    ("text", "header", "starts"),
    [
        ("provinces:\n- a: 1\n- a: 2\n", "provinces:\n", [(1, 0), (2, 1)]),
        ("x: 1\nprovinces:  \n  # c\n  - a: 1\n    b: [1,\n      2]\n# c\n  - a: 2\n",
         "x: 1\nprovinces:  \n", [(3, 0), (7, 1)]),
    ],
)
def test_split_cuts_at_top_level_items(text: str, header: str, starts: list[tuple[int, int]]) -> None:
    cut = split(text, 2)
    assert cut is not None
    assert cut[0] == header
    assert [(s.start_line, s.first_index) for s in cut[1]] == starts
    assert text.endswith("".join(s.text for s in cut[1]))  # the comments before the first item are dropped


def test_many_files_in_parallel_give_the_sequential_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = []
    for i in range(7):
        p = tmp_path / f"{i:02d}.yaml"
        p.write_text(document([province(i)]), encoding="utf-8")
        paths.append(p)
    assert sum(p.stat().st_size for p in paths) > 512 * 1024  # enough to use the workers
    assert _render(paths, monkeypatch, workers=None) == _render(paths, monkeypatch, workers="1")


def test_fork_map_from_two_threads_keeps_each_task_its_own() -> None:
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    from archcheck.check.parallel import fork_map  # noqa: PLC0415

    def run(offset: int) -> list[int]:
        return fork_map(lambda x: x + offset, list(range(20)), 2)

    with ThreadPoolExecutor(max_workers=2) as threads:
        results = list(threads.map(run, [0, 1000, 2000, 3000]))
    assert results == [[x + k for x in range(20)] for k in (0, 1000, 2000, 3000)]
