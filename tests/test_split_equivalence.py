"""The national splitter cuts only where the exact loader starts a province (issues 16 and 9): a province's
findings and lines are the same checked alone, in a national file split across workers, or read whole."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from archcheck import api
from archcheck.check import national
from archcheck.check.engine import ProvinceReport, check_model
from archcheck.errors import ArchcheckError
from archcheck.findings import Finding
from archcheck.read import files
from archcheck.read.loading import load_model
from benchmarks.generate import document, province

Row = tuple[str, str, str, str, int, int, str]


def _rows(reports: list[ProvinceReport], *, index: int | None = None) -> list[list[Row]]:
    """Each province's findings as comparable rows (``index``: the whole-file index of a lone province)."""
    def row(f: Finding) -> Row:
        path = list(f.path)
        if index is not None and path[:1] == ["provinces"]:
            path[1] = index
        loc = f.location
        return (f.rule_id, f.subject, str(path), f.severity.value, loc.line if loc else 0,
                loc.column if loc else 0, f.message)

    return [sorted(row(f) for f in r.findings) for r in reports]


def _whole(path: Path) -> list[ProvinceReport] | ArchcheckError:
    try:
        return check_model(load_model(path), api.rulesets(), framework=None, as_of=None)
    except ArchcheckError as exc:
        return exc


def _split(path: Path) -> list[ProvinceReport] | None:
    return national.check_split(str(path), api.rulesets(), framework=None, as_of=None, workers=2)


def _lines(provinces: int, seed: int) -> tuple[str, list[dict[str, object]]]:
    rng = random.Random(seed)
    items = [province(i) for i in range(provinces)]
    for p in items:  # fewer communes: small files, many of them
        p["name"] = f"{p['name']} {rng.choice(['A', 'B', 'C'])}"
    return document(items), items


@pytest.fixture(autouse=True)
def _small_files_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "SPLIT_MIN_BYTES", 0)


def test_a_quoted_scalar_continuing_at_column_0_with_a_dash_is_not_a_cut(tmp_path: Path) -> None:
    text, _ = _lines(6, 0)
    names = [ln for ln in text.splitlines() if ln.startswith("- name: Tỉnh")]
    # province 3's name is a double-quoted scalar whose second line starts, at column 0, with "- "
    text = text.replace(names[3] + "\n", f'- name: "{names[3][8:]}\n- tiếp theo"\n', 1)
    path = tmp_path / "nation.yaml"
    path.write_text(text, encoding="utf-8")
    whole = _whole(path)
    assert not isinstance(whole, ArchcheckError)
    assert whole[3].province.endswith(" - tiếp theo")  # the exact loader reads one scalar, folded
    split = _split(path)
    assert split is None or _rows(split) == _rows(whole)  # declined, or exactly the whole-file result
    assert _rows(_reports_via_cli(path)) == _rows(whole)


def _reports_via_cli(path: Path) -> list[ProvinceReport]:
    return list(api.validate([path]).reports)


def _mutations(text: str, rng: random.Random) -> str:
    """Scatter multi-line scalars written at column 0 (quoted and plain) through a national file."""
    lines = text.split("\n")
    out: list[str] = []
    for ln in lines:
        lead = "- " if ln.startswith("- ") else ""
        stripped = ln.removeprefix(lead).lstrip(" ")
        indent = len(ln) - len(stripped) - len(lead)
        if stripped.startswith(("name: ", "quote: ", "vendor: ")) and rng.random() < 0.02:
            key, value = stripped.split(": ", 1)
            value = value.strip("'\"")
            cont = rng.choice(["- " + value, "-", "- x: y", "#" + value, "-- " + value, " - " + value])
            style = rng.choice(['"', "'", ""])
            out.append(f"{lead}{' ' * indent}{key}: {style}{value}")
            out.append(f"{cont}{style}")
            continue
        out.append(ln)
    return "\n".join(out)


@pytest.mark.parametrize("seed", range(8))
def test_split_equals_whole_on_generated_national_files(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    text, _ = _lines(rng.randint(2, 4), seed)
    path = tmp_path / "nation.yaml"
    path.write_text(_mutations(text, rng), encoding="utf-8")
    whole = _whole(path)
    split = _split(path)
    if isinstance(whole, ArchcheckError):
        assert split is None  # an error is always the whole-file message
        return
    if split is not None:
        assert _rows(split) == _rows(whole)
        assert [r.province for r in split] == [r.province for r in whole]


def test_a_province_alone_split_and_whole_agree(tmp_path: Path) -> None:
    text, _ = _lines(5, 7)
    path = tmp_path / "nation.yaml"
    path.write_text(text, encoding="utf-8")
    whole = _whole(path)
    split = _split(path)
    assert not isinstance(whole, ArchcheckError) and split is not None
    assert _rows(split) == _rows(whole)
    starts = [i for i, ln in enumerate(text.split("\n")) if ln.startswith("- ")]
    lines = text.split("\n")
    head = lines[: starts[0]]
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        # the province alone, at the same lines (the others blanked out as comments)
        alone = head + ["#"] * (start - len(head)) + lines[start:end]
        one = tmp_path / f"alone-{k}.yaml"
        one.write_text("\n".join(alone) + "\n", encoding="utf-8")
        reports = _whole(one)
        assert not isinstance(reports, ArchcheckError) and len(reports) == 1
        assert _rows(reports, index=k) == [_rows(whole)[k]]
        assert reports[0].province == whole[k].province
