"""archcheck owns its messages: every kind of bad input (depth, aliases, size, syntax, characters, schema)
gets the same message, line, column and hint whichever YAML reader stopped it — libyaml's C parser, the
pure-Python parser (what PyYAML falls back to without libyaml), or a batch, where the fast path is tried
first — and whichever version of the libraries is installed (the matrix in CONTRIBUTING.md runs this file
on the lowest and the newest versions pyproject.toml allows)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archcheck.errors import ArchcheckError
from archcheck.read import sourcemap
from archcheck.read.loading import load_model
from tests.conftest import MINIMAL

READERS = ["libyaml", "pure-python", "batch"]

BOMB = "\n".join(['a: &a ["x","x","x","x","x","x","x","x","x"]'] + [
    f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]) + "\n"


def _block_deep(levels: int) -> str:
    return "".join(" " * i + f"k{i}:\n" for i in range(levels)) + " " * levels + "v: 1\n"


# id → (file text, the message archcheck gives, line, column)
CASES: dict[str, tuple[str, str, int, int]] = {
    "deep-100000": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "nesting deeper than 100 levels", 1, 103),
    "deep-150": ("a: " + "[" * 150 + "]" * 150 + "\n", "nesting deeper than 100 levels", 1, 103),
    "deep-2000-mappings": ("a: " + "{b: " * 2000 + "1" + "}" * 2000 + "\n", "nesting deeper than 100 levels", 1, 400),
    "deep-block": (_block_deep(150), "nesting deeper than 100 levels", 101, 101),
    "alias-bomb": (BOMB, "aliases expand to more than 100000 nodes (an alias bomb?)", 6, 8),
    "unclosed-flow": ("province:\n  name: [unclosed\n",
                      "not valid YAML: a flow sequence `[...]` is not closed here (expected ',' or ']')", 3, 1),
    "unclosed-mapping": ("province: {name: x\n",
                         "not valid YAML: a flow mapping `{...}` is not closed here (expected ',' or '}')", 2, 1),
    "flow-key-broken": ("province: {a\n b: 1}\n",
                        "not valid YAML: a flow mapping `{...}` is not closed here (expected ',' or '}')", 2, 3),
    "bad-indent": ("province:\n  name: x\n as_of: 2021-01-01\n",
                   "not valid YAML: this line does not fit the mapping above it (a key was expected at this "
                   "indentation)", 3, 2),
    "list-after-map": ("province: 1\n- b\n",
                       "not valid YAML: this line does not fit the mapping above it (a key was expected at this "
                       "indentation)", 2, 1),
    "colon-in-value": ("province: a: b\n", "not valid YAML: a ': ' inside a value, where YAML cannot start a new key",
                       1, 12),
    "long-key": ("k" * 1100 + ": 1\n", "not valid YAML: a ': ' inside a value, where YAML cannot start a new key",
                 1, 1101),
    "no-colon": ("province: 1\nb\nc: 2\n",
                 "not valid YAML: a line that is neither `key: value` nor a list item (no ':' found)", 3, 1),
    "unclosed-quote": ('province: "abc\n', "not valid YAML: a quoted value is not closed before the end of the file",
                       2, 1),
    "unknown-escape": ('province: "\\q"\n', "not valid YAML: an unknown escape in a double-quoted value", 1, 12),
    "at-sign": ("province: @x\n", "not valid YAML: '@' cannot start a value", 1, 11),
    "tab": ("province:\n\tname: x\n", "not valid YAML: a tab character where YAML expects spaces", 2, 1),
    "control": ("province: a\x01b\n", "not valid YAML: character U+0001 (a control character) is not allowed in YAML",
                1, 12),
    "form-feed": ("province:\n  name: a\x0cb\n",
                  "not valid YAML: character U+000C (a control character) is not allowed in YAML", 2, 10),
    "c1": ("province: \u00e2b\x9f\n", "not valid YAML: character U+009F (a control character) is not allowed in YAML",
           1, 13),
    "delete": ("province: a\x7f\n", "not valid YAML: character U+007F (a control character) is not allowed in YAML",
               1, 12),
    "non-character": ("province: \uffff\n",
                      "not valid YAML: character U+FFFF (a non-character) is not allowed in YAML", 1, 11),
    "schema-required": (MINIMAL.replace("  name: Tỉnh Mẫu\n", ""), "province: 'name' is required", 1, 1),
    "schema-enum": (MINIMAL.replace("kind: document-management}", "kind: document-management, status: presnt}"),
                    "province.components[0].status: 'presnt' is not allowed", 6, 45),
    "schema-type": (MINIMAL.replace("name: Tỉnh Mẫu", "name: no"),
                    "province.name: expected a string, got a boolean False (YAML 1.1 reads no as the boolean false",
                    2, 3),
}


def _read(reader: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> ArchcheckError:
    if reader == "pure-python":
        monkeypatch.setattr(sourcemap, "_Loader", yaml.SafeLoader)
    with pytest.raises(ArchcheckError) as caught:
        load_model(path, display_name="m.yaml", batch=reader == "batch")
    return caught.value


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", list(CASES))
def test_every_reader_says_the_same(case: str, reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, message, line, column = CASES[case]
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    err = _read(reader, path, monkeypatch)
    assert err.message.startswith(message), err.message
    assert (err.file, err.line, err.column) == ("m.yaml", line, column)
    assert err.hint
    with monkeypatch.context() as mp:  # ... and exactly what libyaml's reader says, hint included
        reference = _read("libyaml", path, mp)
    assert str(err) == str(reference)


@pytest.mark.parametrize("reader", READERS)
def test_a_file_over_the_size_limit(reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sourcemap, "MAX_FILE_BYTES", 100)
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    err = _read(reader, path, monkeypatch)
    assert (err.message, err.hint) == (f"file is {len(MINIMAL.encode())} bytes; the limit is 100",
                                       "split the national file into one file per province")


def test_no_message_is_the_library_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mapping covers what both parsers say for the cases above: none falls through to the
    library's own wording (the generic "not valid YAML: <library text>")."""
    generic: list[str] = []
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        monkeypatch.setattr(sourcemap, "_Loader", loader)
        for case, (text, _, _, _) in CASES.items():
            try:
                sourcemap.load_text(text, "m.yaml")
            except ArchcheckError as err:
                if err.hint == "fix the YAML syntax at this position":
                    generic.append(f"{loader.__name__} {case}: {err.message}")
    assert generic == []
