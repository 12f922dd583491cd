"""The provincial-level units by date (63 until 30/6/2025, 34 from 1/7/2025) and the model's
province name checked against the list for its date (issues 12 and 18)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.law import provinces
from tests.conftest import MODELS

BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def test_counts_and_types() -> None:
    old, new = provinces.list_for(BEFORE), provinces.list_for(AFTER)
    assert (len(old.units), len(new.units)) == (63, 34)
    assert Counter(u.type for u in old.units) == {"province": 57, "city": 6}
    assert Counter(u.type for u in new.units) == {"province": 28, "city": 6}
    assert provinces.list_for(dt.date(2008, 8, 1)) is old


def test_every_old_unit_is_absorbed_exactly_once() -> None:
    old, new = provinces.list_for(BEFORE), provinces.list_for(AFTER)
    absorbed = [c for u in new.units for c in u.formed_from]
    assert sorted(absorbed) == sorted(u.code for u in old.units)
    assert all(new.by_code(u.successor or "") is not None and u.code in new.by_code(u.successor or "").formed_from
               for u in old.units)
    assert Counter(len(u.formed_from) for u in new.units) == {1: 11, 2: 17, 3: 6}
    lamdong = new.by_code("68")
    assert lamdong is not None
    assert [old.by_code(c).name for c in lamdong.formed_from] == ["Bình Thuận", "Đắk Nông", "Lâm Đồng"]  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "date", "code"), [
    ("Lâm Đồng", BEFORE, "68"), ("Lâm Đồng", AFTER, "68"), ("Tỉnh Lâm Đồng", BEFORE, "68"),
    ("Lâm \u00d0ồng", BEFORE, "68"), ("La\u0302m \u0110o\u0302\u0300ng", BEFORE, "68"),
    ("TP. Hồ Chí Minh", AFTER, "79"), ("Bà Rịa–Vũng Tàu", BEFORE, "77"), ("Hòa Bình", BEFORE, "17"),
    ("Thừa Thiên Huế", dt.date(2020, 1, 1), "46"), ("Đà Nẵng", dt.date(2019, 8, 19), "48"),
])
def test_names_found(name: str, date: dt.date, code: str) -> None:
    found = provinces.check_name(name, date)
    assert (found.unit.code if found.unit else None, found.problem) == (code, None)


@pytest.mark.parametrize(("name", "date", "hint"), [
    ("Lam Dong", BEFORE, "did you mean Lâm Đồng? (write the name with its diacritics)"),
    ("Lâm Đồngg", BEFORE, "did you mean Lâm Đồng?"),
    ("Đăk Nông", BEFORE, "did you mean Đắk Nông? (write the name with its diacritics)"),
    ("Đắk Nông", AFTER, "did you mean Lâm Đồng? (or check the model's as_of)"),
])
def test_names_refused_with_a_suggestion(name: str, date: dt.date, hint: str) -> None:
    assert provinces.check_name(name, date).hint == hint


def test_a_synthetic_name_is_checked_as_written() -> None:
    assert provinces.check_name("Tỉnh Mẫu", BEFORE) == provinces.NameCheck(None)


@pytest.mark.parametrize("model", ["danang.yaml", "phutho.yaml", "lamdong.yaml", "lamdong-2017.yaml"])
def test_shipped_models_name_real_units(model: str) -> None:
    run = api.validate([MODELS / model])
    assert run.errors == ()


def test_undiacritised_name_is_a_located_error(write: Callable[[str, str], Path]) -> None:
    text = (MODELS / "lamdong.yaml").read_text("utf-8").replace("  name: Lâm Đồng\n", "  name: Lam Dong\n")
    run = api.validate([write("m.yaml", text)])
    (err,) = run.errors
    assert (err.line, err.column, err.hint) == (18, 3, "did you mean Lâm Đồng? (write the name with its diacritics)")
    assert err.message == ("province.name: province name 'Lam Dong' is not spelt as in the 63 provincial-level "
                           "units in force on 2018-08-26")
