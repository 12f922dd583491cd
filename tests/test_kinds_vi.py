"""A kind's note in Vietnamese (issue 31): every note of the built-in framework files has its Vietnamese
(``note_vi``), ``archcheck kinds --lang vi`` says it, ``--lang en`` is the listing it always was, and the
Vietnamese survives archcheck's cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from archcheck.catalogue import Text
from archcheck.cli.kinds import _table, _table_from_plain, _table_to_plain, kind_rows
from archcheck.law.frameworks import all_frameworks, available
from tests.conftest import GOLDEN, ROOT
from tests.test_cli import run

FRAMEWORKS = sorted((ROOT / "frameworks").glob("*.yaml"))


def _notes(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every entry of a framework file that has a note: the issue, the repeal and each kind."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = [(part, data[part]) for part in ("issued", "repealed") if part in data]
    entries += [(f"{group}.{k}", info) for group in ("component_kinds", "national_kinds")
                for k, info in (data.get(group) or {}).items()]
    return [(where, entry) for where, entry in entries if "note" in entry or "note_vi" in entry]


def test_every_note_of_the_framework_files_has_its_vietnamese() -> None:
    notes = [(path.name, where, entry) for path in FRAMEWORKS for where, entry in _notes(path)]
    assert len(notes) == 23  # 18 kinds' notes, 4 issues' and 1 repeal's
    for name, where, entry in notes:
        assert entry.get("note", "").strip() and entry.get("note_vi", "").strip(), (name, where)
        assert entry["note_vi"] != entry["note"], (name, where)


def test_the_kind_record_carries_the_note_as_a_text_in_two_languages() -> None:
    fws = all_frameworks()
    info = fws["1425"].kinds["administrative-procedure-system"]
    assert isinstance(info.note, Text)
    assert info.note == ("Reuses the national TTHC component, synchronises with Cổng DVCQG; takes the place of "
                         "the 1.0–4.0 public-service portal and one-stop system.")  # behaves as its English
    assert info.note.vi == ("Tái sử dụng thành phần TTHC quốc gia, đồng bộ với Cổng DVCQG; thay thế Cổng dịch vụ "
                            "công cấp tỉnh và Hệ thống thông tin một cửa điện tử của các phiên bản 1.0–4.0.")
    for fw in fws.values():
        for k in fw.kinds.values():
            assert k.note is None or (isinstance(k.note, Text) and k.note.vi), (fw.id, k.id)
    repealed = fws["3090"].repealed
    assert repealed is not None and isinstance(repealed.note, Text)
    assert repealed.note.vi is not None and repealed.note.vi.startswith("Khoản 2 Điều 3 QĐ 1425/QĐ-TTg bãi bỏ")


def _note_lines(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.startswith("    ") and ": " in line
            and line.strip().split(": ", 1)[0] in ("note", "lưu ý")]


@pytest.mark.parametrize("version", [*available(), None])
def test_kinds_in_vietnamese_says_every_note_in_vietnamese(version: str | None) -> None:
    scope = ["--framework", version] if version else []
    code, out, _ = run("kinds", *scope, "--lang", "vi")
    assert code == 0
    rows = [r for r in kind_rows(version) if r.note]
    assert _note_lines(out) == [f"lưu ý: {r.note.vi}" for r in rows if r.note and r.note.vi]
    assert len(_note_lines(out)) == len(rows)
    for r in rows:
        assert str(r.note) not in out, r.id  # no English note


def test_kinds_in_english_is_the_listing_it_always_was() -> None:
    for version in [*available(), None]:
        scope = ["--framework", version] if version else []
        golden = (GOLDEN / f"kinds-{version or 'all'}.txt").read_text(encoding="utf-8")
        assert run("kinds", *scope, "--lang", "en")[1] == golden
        assert run("kinds", *scope)[1] == golden


def test_kinds_in_both_languages_says_the_vietnamese_then_the_english() -> None:
    code, out, _ = run("kinds", "--framework", "1425", "--search", "agent node", "--lang", "both")
    assert code == 0
    assert ("    lưu ý: Được bổ sung bên cạnh LGSP/LDOP theo khoản 2, 3 Điều 7 NĐ 278/2025; không thay thế "
            "LGSP/LDOP. / note: Added beside the LGSP/LDOP by NĐ 278/2025 Art. 7(2)–(3); it does not replace "
            "the LGSP/LDOP.\n") in out


def test_kinds_json_keeps_the_english_note_and_adds_the_vietnamese() -> None:
    code, out, _ = run("kinds", "--framework", "2.0", "--search", "IOC", "--format", "json")
    assert code == 0
    (row,) = json.loads(out)
    assert row["note"] == "Not a security operations centre (SOC): an IOC does not satisfy SEC-002."
    assert row["note_vi"] == "Không phải trung tâm điều hành an ninh mạng (SOC): IOC không đáp ứng SEC-002."
    (plain,) = json.loads(run("kinds", "--framework", "2.0", "--search", "LGSP", "--format", "json")[1])
    assert plain["note"] is None and "note_vi" not in plain


def test_the_cached_listing_keeps_both_languages_of_a_note() -> None:
    table = _table(())
    again = _table_from_plain(json.loads(json.dumps(_table_to_plain(table))))
    assert again == table
    notes = [(r[7], n[7]) for v in table for r, n in zip(table[v], again[v], strict=True) if r[7] is not None]
    assert notes and all(isinstance(b, Text) and b.vi == a.vi and b.vi for a, b in notes)
    # the rows a warm run reads (from the cache this test session keeps) say the Vietnamese too
    assert run("kinds", "--lang", "vi")[1] == run("kinds", "--lang", "vi")[1]
    assert all(r.note is None or r.note.vi for r in kind_rows(None))


@pytest.mark.parametrize("bad", [["only one"], "a note", [1, None], ["en", 2]])
def test_a_cached_note_not_in_its_shape_is_a_bad_entry(bad: object) -> None:
    plain = _table_to_plain(_table(()))
    row = next(r for r in plain[0][1] if r[7] is not None)
    row[7] = bad
    with pytest.raises(ValueError, match="not a"):
        _table_from_plain(plain)


PROFILE = ('id: "p-2027"\nextends: "1425"\ntitle: {{en: a profile, vi: hồ sơ}}\n'
           "issued: {{document: QĐ 1/QĐ-UBND, date: 2027-01-01, confidence: confirmed}}\n"
           "component_kinds:\n  city-app: {{en: City app, vi: Ứng dụng đô thị, layer: L3,\n{note}}}\n")


def test_a_profile_note_without_vietnamese_is_said_in_english(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(PROFILE.format(note='             note: "English only"'), encoding="utf-8")
    code, out, _ = run("kinds", "--frameworks", str(tmp_path), "--search", "city-app", "--lang", "vi")
    assert code == 0
    assert "    lưu ý: English only\n" in out


def test_a_vietnamese_note_without_the_english_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(PROFILE.format(note='             note_vi: "Chỉ tiếng Việt"'), encoding="utf-8")
    code, _, err = run("kinds", "--frameworks", str(tmp_path))
    assert code == 2
    assert err.startswith(f"archcheck: error: {tmp_path / 'p.yaml'}:7:14: ")
    assert "'note_vi' needs 'note' beside it" in err
