"""Bad input: each case gets a located message (file:line:column) and an ArchcheckError, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.errors import ArchcheckError, LoadError, SchemaError
from archcheck.read.sourcemap import load_text
from tests.conftest import MINIMAL

Write = Callable[[str, str | bytes], Path]


def error_of(path: Path) -> ArchcheckError:
    run = api.validate([path])
    assert not run.reports
    assert len(run.errors) == 1
    return run.errors[0]


def test_duplicate_key_is_refused(write: Write) -> None:
    p = write("m.yaml", MINIMAL.replace('  framework: "2.0"\n', '  framework: "2.0"\n  framework: "1.0"\n'))
    err = error_of(p)
    assert isinstance(err, LoadError)
    assert str(err) == (f"{p}:5:3: duplicate key 'framework' (first defined at line 4)\n"
                        "  hint: remove one of the two; YAML would silently keep only the last")


def test_python_tag_is_refused_and_not_executed(write: Write, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    p = write("m.yaml", f"province: !!python/object/apply:os.system ['touch {marker}']\n")
    err = error_of(p)
    assert err.message == "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    assert (err.line, err.column) == (1, 11)
    assert not marker.exists()


def test_alias_bomb_is_refused(write: Write) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    p = write("bomb.yaml", "\n".join(lines) + "\n")
    err = error_of(p)
    assert err.message == "aliases expand to more than 100000 nodes (an alias bomb?)"


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("", "file is empty", 1),
        ("   \n\n", "file is empty", 1),
        ("province: {}\n---\nprovince: {}\n", "file holds more than one YAML document; one is expected", 2),
        ("province:\n\tname: x\n", "not valid YAML: a tab character where YAML expects spaces", 2),
    ],
)
def test_unreadable_yaml(write: Write, content: str, message: str, line: int) -> None:
    err = error_of(write("m.yaml", content))
    assert (err.message, err.line) == (message, line)


def test_not_utf8(write: Write) -> None:
    err = error_of(write("m.yaml", b"province:\n  name: L\xe2m\n"))
    assert (err.message, err.line, err.column) == ("byte 0xe2 is not valid UTF-8", 2, 10)


def test_directory(tmp_path: Path) -> None:
    err = error_of(tmp_path)
    assert err.message == "is a directory, not a model file"


def test_bom_and_nfd_are_normalised_with_notices() -> None:
    nfd = "Lâm Đồng".replace("â", "a\u0302").replace("ồ", "o\u0302\u0300")
    doc = load_text(MINIMAL.replace("Tỉnh Mẫu", nfd), "m.yaml")
    assert doc.data["province"]["name"] == "Lâm Đồng"  # type: ignore[index,call-overload]
    assert [n.message for n in doc.notices] == [f"normalised {nfd!r} to Unicode NFC (composed letters)"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  components:", "  compnents:", "unknown key 'compnents' in province; did you mean 'components'?"),
        ("kind: document-management", "kind: document-managment",
         "unknown component kind 'document-managment'; did you mean 'document-management'?"),
        ("as_of: 2021-01-01", "as_of: 2021-02-30", "'2021-02-30' is not a valid date: day is out of range for month"),
        ('framework: "2.0"', "framework: 2.0", "province.framework: expected a string or `unknown`, got a number "
         '2.0 (YAML reads 2.0 as a number: write "2.0" in quotes if you meant text)'),
        ("id: qlvb,", "id: Qlvb,", "province.components[0].id: 'Qlvb' is not a valid id"),
    ],
)
def test_schema_errors(write: Write, old: str, new: str, expected: str) -> None:
    assert old in MINIMAL
    err = error_of(write("m.yaml", MINIMAL.replace(old, new)))
    assert isinstance(err, SchemaError | LoadError)
    assert expected in str(err)


def test_misspelt_key_suggests(write: Write) -> None:
    p = write("m.yaml", MINIMAL.replace("  components:", "  compnents:"))
    err = error_of(p)
    assert str(err).startswith(f"{p}:5:3: unknown key 'compnents' in province; did you mean 'components'?")


def test_yaml11_boolean_where_a_string_was_meant(write: Write) -> None:
    err = error_of(write("m.yaml", MINIMAL.replace("name: Tỉnh Mẫu", "name: no")))
    assert err.message == ('province.name: expected a string, got a boolean False (YAML 1.1 reads no as the '
                           'boolean false: write "no" in quotes if you meant text)')


REFS = MINIMAL + """\
  national:
    - {id: axis, kind: national-document-axis}
  connections:
    - {from: qlvb, to: axis, kind: document-exchange}
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("to: axis,", "to: axsi,",
         "province.connections[0].to: to 'axsi' is not a declared component; did you mean 'axis'?"),
        ("to: axis,", "to: qlvb,", "province.connections[0].to: connection from 'qlvb' to itself"),
        ("{id: axis,", "{id: qlvb,", "province.national[0].id: duplicate id 'qlvb' (first used at line 6)"),
    ],
)
def test_reference_errors(write: Write, old: str, new: str, message: str) -> None:
    err = error_of(write("m.yaml", REFS.replace(old, new)))
    assert err.issues[0].split(": ", 1)[1] == message if err.issues else err.message == message


def test_every_reference_error_of_a_province_at_once(write: Write) -> None:
    """A duplicate id, a dangling end and a self-connection: one error naming all three, in file order."""
    p = write("m.yaml", REFS.replace("{id: axis,", "{id: qlvb,")
              + "    - {from: qlvb, to: qlvb, kind: data-exchange}\n")
    err = error_of(p)
    assert err.message.splitlines()[0] == "3 problems in this model:"
    assert [i.removeprefix(f"{p}:") for i in err.issues] == [
        "8:8: province.national[0].id: duplicate id 'qlvb' (first used at line 6)",
        "10:20: province.connections[0].to: to 'axis' is not a declared component",
        "11:20: province.connections[1].to: connection from 'qlvb' to itself"]


def test_coverage_above_total(write: Write) -> None:
    text = MINIMAL.replace("{id: qlvb, kind: document-management}",
                           "{id: qlvb, kind: document-management, deployment: {commune: {used: 160, total: 150}}}")
    err = error_of(write("m.yaml", text))
    assert err.message == "province.components[0].deployment.commune: 160 units use 'qlvb' but the commune total is 150"
    assert err.line == 6


def test_unknown_declared_framework(write: Write) -> None:
    p = write("m.yaml", MINIMAL.replace('framework: "2.0"', 'framework: "2.1"'))
    err = error_of(p)
    assert str(err) == (f"{p}:4:3: unknown framework version '2.1'; did you mean '2.0'?\n"
                        "  hint: available: 1.0, 2.0, 3.0, 4.0, 3090, 1425")


def test_the_builtin_rules_and_frameworks_are_found_installed_and_in_a_checkout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed archcheck has archcheck/builtin_rules and archcheck/builtin_frameworks; a source
    checkout (this one: an editable install) has no such folders, and the repository's rules/ and
    frameworks/ serve instead."""
    from archcheck.read import schemas  # noqa: PLC0415

    root = Path(__file__).resolve().parents[1]
    for folder in ("rules", "frameworks"):
        assert schemas.shipped(folder) == root / folder
    package = tmp_path / "archcheck"
    for folder in ("builtin_rules", "builtin_frameworks"):
        (package / folder).mkdir(parents=True)
    monkeypatch.setattr(schemas, "_PACKAGE", package)
    assert schemas.shipped("rules") == package / "builtin_rules"
    assert schemas.shipped("frameworks") == package / "builtin_frameworks"
