"""Hard inputs: every malformed, hostile or ambiguous model, rule or framework file gets a clear,
located message and exit code 2 (or a notice/finding where the input is valid but questionable);
never a traceback, never a partly written --output file.

Each case is a test; together they generate docs/robustness.md (the exact messages):
  ARCHCHECK_REGEN=1 python -m pytest tests/test_robustness.py
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.check.kinds.core import ComponentCount
from archcheck.cli import main
from archcheck.read import sourcemap
from tests.conftest import MINIMAL, ROOT

DOC = ROOT / "docs" / "robustness.md"


@dataclass(frozen=True)
class Case:
    """One hostile input: files to write, the command, and what must hold of the outcome."""

    id: str
    what: str
    files: dict[str, str | bytes]
    args: tuple[str, ...]
    code: int
    expect: str  # a phrase the message must contain
    located: bool = True  # the message names file:line:column
    setup: Callable[[pytest.MonkeyPatch], None] | None = None


def m(old: str, new: str, base: str = MINIMAL) -> str:
    assert old in base, old
    return base.replace(old, new)


REFS = MINIMAL + "  national:\n    - {id: axis, kind: national-document-axis}\n  connections:\n" \
                 "    - {from: qlvb, to: axis, kind: document-exchange}\n"
BOMB = "\n".join(['a: &a ["x","x","x","x","x","x","x","x","x"]'] + [
    f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]) + "\n"
RULE = (ROOT / "rules" / "DOC-001.yaml").read_text("utf-8").replace("id: DOC-001", "id: TST-001").replace(
    "name: dms-present", "name: test-rule")
FW_BASE = 'id: "9.1"\ntitle: {en: Test profile, vi: Hồ sơ thử}\nissued: {document: test, date: 2020-01-01, ' \
          'confidence: confirmed}\n'


def _unreadable(mp: pytest.MonkeyPatch) -> None:  # chmod 000 does not stop root: refuse the open itself
    real = os.open

    def deny(path: str, flags: int, *args: int, **kwargs: int) -> int:
        if str(path).endswith("m.yaml"):
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    mp.setattr(os, "open", deny)


def _small_limit(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(sourcemap, "MAX_FILE_BYTES", 100)


def _raising_check(mp: pytest.MonkeyPatch) -> None:
    def boom(self: object, ctx: object) -> object:
        raise ZeroDivisionError("division by zero")

    mp.setattr(ComponentCount, "evaluate", boom)


CASES = [
    # -- not YAML ---------------------------------------------------------------------------------
    Case("syntax", "YAML syntax error", {"m.yaml": "province:\n  name: [unclosed\n"}, ("m.yaml",), 2,
         "not valid YAML"),
    Case("tabs", "tab indentation", {"m.yaml": "province:\n\tname: x\n"}, ("m.yaml",), 2, "tab"),
    Case("empty", "empty file", {"m.yaml": ""}, ("m.yaml",), 2, "file is empty"),
    Case("multi-doc", "several documents in one file", {"m.yaml": MINIMAL + "---\n" + MINIMAL}, ("m.yaml",), 2,
         "more than one YAML document"),
    Case("directory", "a directory with no model in it", {"d/keep": ""}, ("d",), 2,
         "is a folder with no model file in it", False),
    Case("unreadable", "an unreadable file", {"m.yaml": MINIMAL}, ("m.yaml",), 2, "permission denied", False,
         _unreadable),
    Case("missing", "a file that does not exist", {}, ("m.yaml",), 2, "no such file", False),
    Case("dangling-link", "a symbolic link to nothing", {}, ("m.yaml",), 2, "is a symbolic link to nothing", False,
         lambda mp: Path("m.yaml").symlink_to("gone.yaml")),
    Case("fifo-input", "a FIFO with nothing writing to it (read without blocking)", {}, ("m.yaml",), 2,
         "file is empty", True, lambda mp: os.mkfifo("m.yaml")),
    Case("stdin-empty", "`-` (standard input) with nothing on it", {}, ("-",), 2, "<stdin>:1:1: file is empty"),
    # -- encoding and letters ---------------------------------------------------------------------
    Case("not-utf8", "bytes that are not UTF-8", {"m.yaml": MINIMAL.replace("Mẫu", "M\udce2u").encode(
        "utf-8", "surrogateescape")}, ("m.yaml",), 2, "not valid UTF-8"),
    Case("bom", "a UTF-8 byte-order mark (removed, with a note)", {"m.yaml": b"\xef\xbb\xbf" + MINIMAL.encode()},
         ("m.yaml",), 1, "removed a UTF-8 byte-order mark"),
    Case("nfd", "a name in NFD (normalised to NFC, with a note)",
         {"m.yaml": m("Tỉnh Mẫu", "Ti\u0309nh Mâ\u0303u")}, ("m.yaml",), 1, "to Unicode NFC"),
    Case("eth", "Ð (U+00D0) for Đ (U+0110) in a name (replaced, with a note)",
         {"m.yaml": m("Tỉnh Mẫu", "Lâm \u00d0ồng")}, ("m.yaml",), 1, "look-alike letter"),
    Case("cyrillic-name", "Latin/Cyrillic mix in a name (flagged, not changed)",
         {"m.yaml": m("Tỉnh Mẫu", "Tỉnh M\u0430u")}, ("m.yaml",), 1, "mixes Latin with Cyrillic"),
    Case("cyrillic-id", "a Cyrillic letter in an id", {"m.yaml": m("id: qlvb", "id: qlv\u0432")}, ("m.yaml",), 2,
         "is not a valid id"),
    # -- structure --------------------------------------------------------------------------------
    Case("dup-key", "duplicate keys", {"m.yaml": m('  framework: "2.0"\n', '  framework: "2.0"\n  framework: "1.0"\n')},
         ("m.yaml",), 2, "duplicate key 'framework'"),
    Case("dup-id", "duplicate component ids", {"m.yaml": m("{id: axis,", "{id: qlvb,", REFS)}, ("m.yaml",), 2,
         "duplicate id 'qlvb'"),
    Case("bad-ref", "a connection to an id that does not exist", {"m.yaml": m("to: axis,", "to: axsi,", REFS)},
         ("m.yaml",), 2, "did you mean 'axis'?"),
    Case("self-loop", "a connection to itself", {"m.yaml": m("to: axis,", "to: qlvb,", REFS)}, ("m.yaml",), 2,
         "to itself"),
    Case("unknown-kind", "an unknown component kind", {"m.yaml": m("document-management", "document-managment")},
         ("m.yaml",), 2, "did you mean 'document-management'?"),
    Case("misspelt-key", "a misspelt key", {"m.yaml": m("  components:", "  compnents:")}, ("m.yaml",), 2,
         "did you mean 'components'?"),
    Case("wrong-type", "a wrong type",
         {"m.yaml": m("  components:\n", "  units: {commune: {total: many}}\n  components:\n")},
         ("m.yaml",), 2, "expected a whole number ≥ 0 or `unknown`"),
    Case("negative", "a negative count",
         {"m.yaml": m("  components:\n", "  units: {commune: {total: -3}}\n  components:\n")},
         ("m.yaml",), 2, "expected a whole number ≥ 0 or `unknown`"),
    Case("over-total", "coverage above its total",
         {"m.yaml": m("{id: qlvb, kind: document-management}",
                      "{id: qlvb, kind: document-management, deployment: {commune: {used: 160, total: 150}}}")},
         ("m.yaml",), 2, "cannot exceed"),
    Case("impossible-date", "an impossible date", {"m.yaml": m("2021-01-01", "2021-02-30")}, ("m.yaml",), 2,
         "is not a valid date"),
    Case("malformed-date", "a malformed date", {"m.yaml": m("2021-01-01", "'01/02/2021'")}, ("m.yaml",), 2,
         "is not a date"),
    Case("unknown-framework", "an unknown framework version", {"m.yaml": m('"2.0"', '"2.1"')}, ("m.yaml",), 2,
         "did you mean '2.0'?"),
    Case("year-0", "a quoted date of year 0 (`as_of: '0000-01-01'`)", {"m.yaml": m("2021-01-01", "'0000-01-01'")},
         ("m.yaml",), 2, "there is no year 0"),
    Case("nan", "`.nan` where a number is expected",
         {"m.yaml": m("kind: document-management}", "kind: document-management, "
                      "deployment: {commune: {percent: .nan}}}")}, ("m.yaml",), 2, ".nan is not a finite number"),
    Case("infinity", "`.inf` as an attribute value",
         {"m.yaml": m("kind: document-management}", "kind: document-management, attributes: {users: .inf}}")},
         ("m.yaml",), 2, ".inf is not a finite number"),
    Case("line-separator", "U+2028 in a comment (YAML reads a line break, editors do not)",
         {"m.yaml": m("  as_of:", "  # note\u2028  completeness: partial\n  as_of:")}, ("m.yaml",), 2,
         "U+2028 (LINE SEPARATOR) is a line break to YAML but not to editors"),
    Case("next-line", "U+0085 (NEL) inside a name",
         {"m.yaml": m("Tỉnh Mẫu", "Tỉnh\x85Mẫu")}, ("m.yaml",), 2, "U+0085 (NEXT LINE)"),
    # -- YAML 1.1 surprises -----------------------------------------------------------------------
    Case("yaml11-no", "`no` where a string was meant", {"m.yaml": m("name: Tỉnh Mẫu", "name: no")}, ("m.yaml",), 2,
         "reads no as the boolean false"),
    Case("yaml11-on", "`on` where a string was meant", {"m.yaml": m("name: Tỉnh Mẫu", "name: on")}, ("m.yaml",), 2,
         "reads on as the boolean true"),
    Case("yaml11-octal", "a leading-zero number where a string was meant",
         {"m.yaml": m("  as_of:", "  code: 010\n  as_of:")}, ("m.yaml",), 2, "reads 010 as the octal number 8"),
    Case("yaml11-sexagesimal", "`12:30` where a string was meant",
         {"m.yaml": m("kind: document-management}", "kind: document-management, name: 12:30}")}, ("m.yaml",), 2,
         "reads 12:30 as the base-60 number 750"),
    # -- hostile YAML -----------------------------------------------------------------------------
    Case("alias-bomb", "alias expansion bomb (billion laughs)", {"m.yaml": BOMB}, ("m.yaml",), 2, "alias bomb"),
    Case("deep", "very deep nesting", {"m.yaml": "a: " + "[" * 100_000 + "]" * 100_000 + "\n"}, ("m.yaml",), 2,
         "nesting deeper than 100 levels"),
    Case("large", "a very large file (limit lowered to 100 bytes for the test)", {"m.yaml": MINIMAL},
         ("m.yaml",), 2, "the limit is 100", False, _small_limit),
    Case("python-tag", "`!!python/object` tag (refused, never constructed)",
         {"m.yaml": "province: !!python/object/apply:os.system ['echo pwned']\n"}, ("m.yaml",), 2, "is not allowed"),
    Case("merge-key", "a merge key `<<`", {"m.yaml": "base: &b {name: X}\nprovince:\n  <<: *b\n"}, ("m.yaml",), 2,
         "merge keys"),
    # -- rule and framework files -----------------------------------------------------------------
    Case("rule-kind", "a rule file with an unknown check kind",
         {"m.yaml": MINIMAL, "r/TST-001.yaml": RULE.replace("kind: component-count", "kind: component-cuont")},
         ("m.yaml", "--rules", "r"), 2, "did you mean 'component-count'?"),
    Case("rule-params", "a rule file with bad parameters",
         {"m.yaml": MINIMAL, "r/TST-001.yaml": RULE.replace("    min: 1\n", "    min: -1\n    mni: 2\n")},
         ("m.yaml", "--rules", "r"), 2, "problems in this rule file"),
    Case("rule-unconfirmed-error", "an unconfirmed rule graded error",
         {"m.yaml": MINIMAL, "r/TST-001.yaml": RULE.replace("confidence: confirmed", "confidence: unconfirmed")},
         ("m.yaml", "--rules", "r"), 2, "cannot be an error"),
    Case("fw-unknown-rule", "a framework naming an unknown rule id",
         {"m.yaml": MINIMAL, "f/9.1.yaml": FW_BASE + 'extends: "2.0"\nrules: {DOC-009: default}\n'},
         ("m.yaml", "--frameworks", "f", "--framework", "9.1"), 2, "applies unknown rule DOC-009"),
    Case("rule-dangling-link", "a rule folder holding a symbolic link to nothing", {"m.yaml": MINIMAL, "r/keep": ""},
         ("m.yaml", "--rules", "r"), 2, "is a symbolic link to nothing", False,
         lambda mp: Path("r/TST-001.yaml").symlink_to("gone.yaml")),
    Case("rule-dir", "a directory named like a rule file", {"m.yaml": MINIMAL, "r/TST-001.yaml/keep": ""},
         ("m.yaml", "--rules", "r"), 2, "is a directory, not a rule file", False),
    Case("rule-link-loop", "a symbolic link loop in a rule folder", {"m.yaml": MINIMAL, "r/keep": ""},
         ("m.yaml", "--rules", "r"), 2, "is a symbolic link that loops", False,
         lambda mp: Path("r/TST-001.yaml").symlink_to("TST-001.yaml")),
    Case("rule-fifo", "a FIFO named like a rule file (refused unread: nothing hangs)",
         {"m.yaml": MINIMAL, "r/keep": ""}, ("m.yaml", "--rules", "r"), 2, "is a FIFO, not a rule file", False,
         lambda mp: os.mkfifo("r/TST-001.yaml")),
    Case("rule-dev-zero", "a rule file that is a symbolic link to /dev/zero (refused unread)",
         {"m.yaml": MINIMAL, "r/keep": ""}, ("m.yaml", "--rules", "r"), 2, "is a device, not a rule file", False,
         lambda mp: Path("r/TST-001.yaml").symlink_to("/dev/zero")),
    Case("rule-example-fails", "an added rule whose own failing example does not fail",
         {"m.yaml": MINIMAL, "r/TST-001.yaml": RULE.replace("    min: 1\n", "    min: 0\n")},
         ("m.yaml", "--rules", "r"), 2, "does not hold: expected finding not produced"),
    Case("fw-long-id", "a framework id of 5,000 digits",
         {"m.yaml": MINIMAL, "f/9.1.yaml": FW_BASE.replace('"9.1"', '"9.' + "1" * 5000 + '"') + 'extends: "2.0"\n'},
         ("m.yaml", "--frameworks", "f"), 2, "5002 characters; at most 64 are allowed"),
    Case("fw-fifo", "a FIFO named like a framework file", {"m.yaml": MINIMAL, "f/keep": ""},
         ("m.yaml", "--frameworks", "f"), 2, "is a FIFO, not a framework file", False,
         lambda mp: os.mkfifo("f/9.1.yaml")),
    Case("rule-year-0", "a rule whose `effective` date is in year 0",
         {"m.yaml": MINIMAL, "r/TST-001.yaml": RULE.replace("effective: 2018-09-06", "effective: '0000-09-06'")},
         ("m.yaml", "--rules", "r"), 2, "there is no year 0"),
    Case("fw-year-0", "a framework issued in year 0",
         {"m.yaml": MINIMAL, "f/9.1.yaml": FW_BASE.replace("date: 2020-01-01", "date: '0000-01-01'")
          + 'extends: "2.0"\n'}, ("m.yaml", "--frameworks", "f", "--framework", "9.1"), 2, "there is no year 0"),
    Case("fw-cycle", "`extends` cycles between framework files",
         {"m.yaml": MINIMAL, "f/9.1.yaml": FW_BASE + 'extends: "9.2"\n',
          "f/9.2.yaml": FW_BASE.replace('"9.1"', '"9.2"') + 'extends: "9.1"\n'},
         ("m.yaml", "--frameworks", "f", "--framework", "9.1"), 2, "forms a cycle"),
    Case("rule-raises", "a rule that raises while running (an internal finding; the other rules still run)",
         {"m.yaml": MINIMAL}, ("m.yaml", "--as-of", "2019-06-01"), 1, "internal error while running this rule",
         setup=_raising_check),
    # -- output -----------------------------------------------------------------------------------
    Case("output", "an output path that cannot be written", {"m.yaml": MINIMAL},
         ("m.yaml", "--output", "no-such-dir/report.txt"), 2, "cannot write the report", False),
    Case("output-input", "the input model given as the output", {"m.yaml": MINIMAL}, ("m.yaml", "-o", "m.yaml"),
         2, "the report would overwrite it", False),
    Case("output-dir", "a directory given as the output", {"m.yaml": MINIMAL, "out/keep": ""},
         ("m.yaml", "-o", "out"), 2, "is a directory, not a report file", False),
    Case("output-fifo", "a FIFO given as the output (refused, not opened: nothing blocks)", {"m.yaml": MINIMAL},
         ("m.yaml", "-o", "pipe"), 2, "is a FIFO, not a regular file", False, lambda mp: os.mkfifo("pipe")),
    Case("output-symlink", "a symbolic link given as the output (left alone)",
         {"m.yaml": MINIMAL, "real.txt": "old"}, ("m.yaml", "-o", "link.txt"), 2, "does not write through links",
         False, lambda mp: Path("link.txt").symlink_to("real.txt")),
]


def run_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    for name, content in case.files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    if case.setup:
        case.setup(monkeypatch)
    result = CliRunner().invoke(main, ["validate", *case.args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    keep = ("note:", "internal error")
    lines = result.stdout.splitlines()
    picked = [f"{lines[i - 2].strip()}: {ln.strip()}" if "internal error" in ln else ln.strip()
              for i, ln in enumerate(lines) if ln.strip().startswith(keep)]
    text = result.stderr if result.exit_code == 2 else "\n".join(picked)
    return result.exit_code, text.strip(), result.stdout


_RESULTS: dict[str, str] = {}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, text, stdout = run_case(case, tmp_path, monkeypatch)
    assert code == case.code, text or stdout
    assert case.expect in text
    assert "Traceback" not in text
    if code == 2:
        assert text.startswith("archcheck: error: ")
        assert stdout == ""  # nothing on stdout, so nothing reaches a redirected report either
        if case.located:
            assert text.removeprefix("archcheck: error: ").split(": ", 1)[0].count(":") == 2, text
    assert not (tmp_path / "no-such-dir").exists()
    _RESULTS[case.id] = text


def test_robustness_doc_is_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = []
    for case in CASES:
        with monkeypatch.context() as mp:
            sub = tmp_path / case.id
            sub.mkdir()
            code, text, _ = run_case(case, sub, mp)
        shown = text.replace("|", "\\|").replace("\n", "<br>")
        rows.append(f"| {case.what} | {code} | `archcheck validate {' '.join(case.args)}` | {shown} |")
    doc = "\n".join([
        "# Robustness: what archcheck says about bad input",
        "",
        "Generated by `ARCHCHECK_REGEN=1 python -m pytest tests/test_robustness.py` from the cases in that",
        "file; each row is also a test. Exit code 2 means \"could not check\" (nothing is written to",
        "`--output`); 1 means the model was checked and has findings; questionable but valid input gets a",
        "note in the report. The fuzz tests in `tests/test_fuzz.py` cover what this table does not list.",
        "",
        "| case | exit | command | message |",
        "|---|---|---|---|",
        *rows,
    ]) + "\n"
    doc += _fast_path_section()
    os.chdir(ROOT)
    if os.environ.get("ARCHCHECK_REGEN"):
        DOC.write_text(doc, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == doc


def _fast_path_section() -> str:
    """What the fast path (rapidyaml) declines, so that a file means the same alone and in a batch:
    the classes in archcheck.read.fastload.DECLINES, each with the tests' inputs that fall in it."""
    from archcheck.read import fastload  # noqa: PLC0415
    from tests.test_fastload import WHY  # noqa: PLC0415

    found: dict[str, list[str]] = {}
    for case, text in WHY.items():
        raw = text.encode("utf-8", "surrogatepass")
        found.setdefault(fastload.declined(raw) or "after parsing", []).append(f"`{case}`")
    rows = [f"| {name} | {why} | {', '.join(found.get(name, [])) or '-'} |" for name, why, _ in fastload.DECLINES]
    rows.append("| after parsing | what only the parsed data shows: an empty or null list item, an empty key, a key "
                f"over {fastload.MAX_KEY_CHARS} characters, a key or plain scalar starting with `:` or `?` | "
                f"{', '.join(found.get('after parsing', [])) or '-'} |")
    return "\n".join([
        "",
        "## What the fast path declines",
        "",
        "A batch of files, or a file over 256 KB, is read with rapidyaml where the result provably equals the",
        "exact loader's; any other text is read the exact way, so `archcheck validate a.yaml` and",
        "`archcheck validate a.yaml b.yaml` say the same about `a.yaml`. Besides anchors, aliases, tags, block",
        "scalars, document markers, merge keys, tabs and line breaks other than LF (`fastload.unsupported`),",
        "it declines these classes (`fastload.DECLINES`); the inputs are the cases of",
        "`tests/test_fastload.py::test_the_fast_path_declines_what_it_cannot_prove`, and",
        "`tests/test_yaml_suite.py` holds the two loaders to each other on the official YAML test suite.",
        "",
        "| class | why | test inputs |",
        "|---|---|---|",
        *rows,
    ]) + "\n"
