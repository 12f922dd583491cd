"""The fast path (rapidyaml) gives exactly what the exact loader gives, or declines (None).

For every generated and mutated model, in block, flow and mixed YAML styles: if the fast path
answers, the data are equal and every position the exact loader records is the same; if the exact
loader refuses the text, the fast path has declined.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from archcheck.api import rulesets
from archcheck.check.workers import CheckJob
from archcheck.errors import ArchcheckError
from archcheck.read import fastload, files
from archcheck.read.fastload import fast_load
from archcheck.read.sourcemap import load_text
from tests.conftest import MINIMAL, MODELS
from tests.test_fuzz import models, mutated


@pytest.fixture(autouse=True, scope="module")
def small_texts_too() -> Iterator[None]:
    """Take the fast path for texts of any size here (in use it starts at FAST_MIN_CHARS)."""
    saved = files.FAST_MIN_CHARS
    files.FAST_MIN_CHARS = 0
    yield
    files.FAST_MIN_CHARS = saved


def assert_same(text: str) -> bool:
    """True if the fast path answered (and then agreed in everything)."""
    try:
        exact = load_text(text, "m.yaml")
    except ArchcheckError:
        assert fast_load(text, "m.yaml") is None
        return False
    fast = fast_load(text, "m.yaml")
    if fast is None:
        return False
    assert fast.data == exact.data
    assert exact.notices == ()
    mismatched = {p: (fast.sourcemap.positions.get(p), pos) for p, pos in exact.sourcemap.positions.items()
                  if fast.sourcemap.positions.get(p) != pos}
    assert mismatched == {}
    return True


# Inputs per property test under each hypothesis profile (tests/test_fuzz.py registers them): 10,000 in
# all per CI run, 100,000 under HYPOTHESIS_PROFILE=release, a sample in the version matrix's cells.
BUDGET = {"generated": (1200, 12_000), "mutated": (1200, 12_000), "hostile": (7600, 76_000)}


def _examples(test: str) -> int:
    """How many inputs ``test`` draws under the loaded profile."""
    ci, release = BUDGET[test]
    profile = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    return {"release": release, "matrix": max(1, ci // 12)}.get(profile, ci)


STYLES = [False, None, True]  # block, mixed (flow for leaves), flow


@settings(max_examples=_examples("generated"))
@given(models(), st.sampled_from(STYLES))
def test_generated_models(doc: dict[str, Any], style: bool | None) -> None:
    assert_same(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=style))


@settings(max_examples=_examples("mutated"))
@given(mutated(), st.sampled_from(STYLES))
def test_mutated_models(doc: dict[str, Any], style: bool | None) -> None:
    assert_same(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=style))


@pytest.mark.parametrize("model", sorted(MODELS.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_models(model: Path) -> None:
    assert_same(model.read_text("utf-8"))


def test_the_fast_path_is_taken_on_plain_models() -> None:
    from benchmarks.generate import document, province  # noqa: PLC0415

    assert assert_same(document([province(1)]))
    assert assert_same(document([province(1), province(2)]))


@pytest.mark.parametrize(
    "text",
    [
        "a: no\n",  # YAML 1.1 boolean
        "a: '1.5'\nb: 1e3\n",  # 1e3 is a string in YAML 1.1
        "a: 010\n",  # octal
        "a: 12:30\n",  # base 60
        "a: ~\n",  # null
        "a: 1\na: 2\n",  # duplicate key
        "a:\n- {b: 1, c: 2}\n- {b: 1, b: 1}\n",  # a duplicate key deep in a sequence, same value
        "a: {x: {y: 1, y: {z: 1}}}\n",  # a duplicate key whose second value is a mapping
        "a:\n- no-dup\n- '0'\nb: 0\nb: 0\n",  # a duplicate after strings that are clean
        "a:\n- x\nb: ''\nc:\n- ''\n",  # '' is fine as a value, not as an item, even when seen before
        "a: &x 1\nb: *x\n",  # anchors
        "a: !!str 1\n",  # tags
        "a: |\n  text\n",  # block scalar
        "name: Ti\u0309nh\n",  # NFD
        "name: L\u00e2m \u00d0\u1ed3ng\n",  # look-alike letter in a name
        "a: [[1]]\n",  # a sequence in a sequence
        "a: 2018-08-26 10:30:00\n",  # a timestamp, which the exact loader writes in ISO form
        "a:\n- '': null\n",  # an empty key
        "a:\n- ''\n",  # an empty string as an item
        "a:\n- ? \"\\n\"\n  : 1\n",  # a multi-line key
    ],
)
def test_the_fast_path_declines(text: str) -> None:
    assert fast_load(text, "m.yaml") is None
    assert_same(text)


# -- Issue 9: each way the fast path once disagreed with the exact loader ---------------------------

ONE = MINIMAL.replace("    - {id: qlvb, kind: document-management}\n",
                      "    - id: qlvb\n      kind: document-management\n      name: Hệ thống\n")
"""A minimal model in block style, which the fast path takes."""

WHY: dict[str, str] = {
    # characters YAML forbids or libyaml rejects: the exact loader refuses, the fast path accepted
    "c1-control": ONE.replace("Hệ thống", "Hệ\x9fthống"),
    "c1-control-80": ONE.replace("Hệ thống", "Hệ\x80thống"),
    "delete": ONE.replace("Hệ thống", "Hệ\x7fthống"),
    "c0-control": ONE.replace("Hệ thống", "Hệ\x01thống"),
    "fffe": ONE.replace("Hệ thống", "Hệ\ufffething"),
    "ffff": ONE.replace("Hệ thống", "Hệ\uffffthing"),
    "form-feed": ONE.replace("Hệ thống", "Hệ\x0cthống"),
    "bom-inside": ONE.replace("Hệ thống", "Hệ\ufeffthống"),
    "lone-surrogate-escape": ONE.replace("Hệ thống", '"\\ud800"'),
    "surrogate-pair-escape": ONE.replace("Hệ thống", '"\\ud83d\\ude00"'),
    "escape": ONE.replace("Hệ thống", '"H\\u1ec7 th\\u1ed1ng"'),
    "flow-key-broken": ONE.replace("      kind: document-management\n", "      kind: {a\n        : b}\n"),
    "long-implicit-key": ONE.replace("      name: Hệ thống\n", "      " + "k" * 1100 + ": x\n"),
    "padded-key": ONE.replace("      name: Hệ thống\n", "      name" + " " * 1100 + ": x\n"),
    # explicit keys and comments inside flow collections: different line/column positions
    "explicit-key": ONE.replace("    - id: qlvb\n", "    - ? id\n      : qlvb\n"),
    "comment-in-flow": ONE.replace("      kind: document-management\n",
                                   "      attributes: {security_level: 9, # c\n        x: 1}\n"
                                   "      kind: document-management\n"),
    # an empty list item: an internal error in a batch (TypeError), a located message alone
    "empty-item": ONE + "    -\n",
    "empty-item-end": ONE + "    -",
    "null-item": ONE + "    - ~\n",
    # more of what the official YAML test suite showed
    "colon-led-scalar": ONE.replace("Hệ thống", ":x"),
    "adjacent-value": ONE.replace("      kind: document-management\n",
                                  '      attributes: {"security_level":9}\n      kind: document-management\n'),
    "empty-flow-entry": ONE.replace("      kind: document-management\n",
                                    "      attributes: {security_level: 1, , a: 2}\n      kind: document-management\n"),
    "dash-comment": ONE.replace("    - id: qlvb\n", "    - # the DMS\n      id: qlvb\n"),
    "flow-pair": ONE.replace("      kind: document-management\n",
                             "      attributes: {x: [a: b]}\n      kind: document-management\n"),
    "quoted-bracket": ONE.replace("      kind: document-management\n",
                                  "      attributes: {note: 'x}'}\n      kind: document-management\n"),
    "flow-comment": ONE.replace("      kind: document-management\n",
                                "      attributes: {security_level: 1} # c\n      kind: document-management\n"),
}


@pytest.mark.parametrize("case", list(WHY))
def test_the_fast_path_declines_what_it_cannot_prove(case: str) -> None:
    text = WHY[case]
    assert fast_load(ONE, "m.yaml") is not None  # the model around it takes the fast path
    assert fast_load(text, "m.yaml") is None, fastload.declined(text.encode("utf-8", "surrogatepass"))
    assert_same(text)


def outcome(path: Path, *, batch: bool) -> object:
    """What checking ``path`` gives, alone (``batch=False``) or as one file of several."""
    result = CheckJob(rulesets(), None, None, batch=batch).run(str(path))
    return str(result) if isinstance(result, ArchcheckError) else result


@pytest.mark.parametrize("case", list(WHY))
def test_alone_and_in_a_batch_say_the_same(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`validate a.yaml` and `validate a.yaml b.yaml` report the same for a.yaml."""
    monkeypatch.setattr(files, "FAST_MIN_CHARS", 256 * 1024)  # as in use: alone, a small file is read exactly
    a = tmp_path / "a.yaml"
    a.write_text(WHY[case], encoding="utf-8", errors="surrogatepass")
    assert outcome(a, batch=True) == outcome(a, batch=False)


# -- the same, generated --------------------------------------------------------------------------

HOSTILE_CHARS = [*map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0),
                            0xFEFF, 0xFFFE, 0xFFFF, 0x2028, 0x85])]
ESCAPES = ['"\\ud800"', '"\\udfff"', '"\\ud83d\\ude00"', '"\\x41"', '"\\N"', '"\\_"', '"\\L"', '"a\\\nb"',
           '"\\t"', '"\\/"', '"\\U0001F600"', '"\\u00e9"', '"\\e"', '"\\0"',
           '"a\\"b"', '"a\\\\\\\\b"', '"a\\\\\\\\"', '"\\\\\\"x"', "'a\\\\'", 'a\\\\b']
CONSTRUCTS = [
    "? k\n: v", "? k", ": v", "k: {a: 1, # c\n b: 2}", "k: [1, # c\n 2]", "-", "- ", "- # c", "k: [a, , b]",
    "k: {a\n : b}", "k: {a: 1, }", "k: [a,]", "[a, b]", "{a: b}", "k" * 1030 + ": v", "k" + " " * 1030 + ": v",
    "k: :x", "k: ?x", '{"a":b}', "k: 'it''s'", "k: 'a\n  b'", 'k: "a\n  b"', "k: a\n  b", "- - a", "k: !!str 1",
    "k: &a 1", "k: *a", "k: |\n  a", "k: >\n  a", "%YAML 1.1\n---", "k: [a: b]", "? [a]\n: b", "k: {? a}",
    "k: 'a#b'", "k: a #c", "k: '[x'", 'k: "{"', "k: [a, 'b]'\n, c]", "k:\n- a\n-\n- b", "k: 0o17", "k: 1_000",
    # issue 28: reserved indicators at the start of a plain scalar, numbers with a leading dot
    "k: @x", "k: `x", "k: ]x", "k: }x", "k: [%x]", "k: {a: %x}", "@k: v", "`k: v", "k: [@x]", "k: {a: `x}",
    "k: -.5", "k: -.0", "k: -.5e+3", "k: [-.5]", "k: {a: -.5}", "k: .5", "k: 1.5e5", "k: 1.",
]


BASES = [
    ONE,
    MINIMAL,
    MINIMAL + "  national:\n    - {id: axis, kind: national-document-axis}\n  connections:\n"
              "    - {from: qlvb, to: axis, kind: document-exchange, status: planned}\n",
    "sources:\n  r:\n    title: 'Báo cáo'\n" + ONE.replace("  components:\n", "  code: '01'\n  units:\n"
        "    commune:\n      total: 12\n      names:\n      - Xã An\n      - Xã Bình\n  components:\n"),
    yaml.safe_dump(yaml.safe_load(ONE), allow_unicode=True, sort_keys=False, default_flow_style=True),
]
"""Small models in block, mixed and flow style: cheap to generate, so that CI runs 10,000 of them."""


@st.composite
def hostile(draw: st.DrawFn) -> str:
    """A model's YAML with hostile characters, escapes and constructs put in at random places."""
    lines = draw(st.sampled_from(BASES)).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        what = draw(st.sampled_from(["char", "escape", "construct", "construct-line"]))
        at = draw(st.integers(0, len(line)))
        if what == "char":
            lines[i] = line[:at] + draw(st.sampled_from(HOSTILE_CHARS)) + line[at:]
        elif what == "escape" and ": " in line:
            lines[i] = line.split(": ", 1)[0] + ": " + draw(st.sampled_from(ESCAPES))
        elif what == "construct" and ": " in line:
            lines[i] = line.split(": ", 1)[0] + ": " + draw(st.sampled_from(CONSTRUCTS))
        else:
            indent = len(line) - len(line.lstrip(" "))
            lines[i] = " " * indent + draw(st.sampled_from(CONSTRUCTS)).replace("\n", "\n" + " " * indent)
    return "\n".join(lines)


@settings(max_examples=_examples("hostile"))
@given(hostile())
def test_hostile_constructs(text: str) -> None:
    assert_same(text)


# -- Issue 28: one meaning by construction -----------------------------------------------------------
# The fast path takes a plain scalar only if it starts with a character it has proved (letters, digits,
# a few signs) and a float only in one written shape; everything else is the exact loader's. Generated
# here: every ASCII sign at the start of a plain scalar or key in every context, and the number shapes.

SIGNS = [chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()]
CONTEXTS = ["k: {s}x", "k: [{s}x]", "k: {{a: {s}x}}", "{s}k: v", "k:\n  - {s}x", "k: [a, {s}x]", "k: {{{s}a: v}}",
            "k: x{s}", "k: {s}"]
NUMBERS = ["-.5", "-.0", "-.5e+3", ".5", "+.5", "1.", "1.5e5", "1.5e+3", "-1.5E-3", "-0.0", "0.5", "1.0", "-1",
           "0", "007", "1_000", "1:30", "0x1f", "0o17", "+1", ".inf", "-.inf", ".nan", "1e+5", "[-.5]", "{a: -.5}"]


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("sign", SIGNS)
def test_a_plain_scalar_starts_only_as_proved(sign: str, context: str) -> None:
    assert_same("k0: 1\n" + context.format(s=sign) + "\n")


@pytest.mark.parametrize("number", NUMBERS)
def test_a_number_is_taken_only_in_a_proved_shape(number: str) -> None:
    assert_same(f"k0: 1\nk: {number}\n")
    assert_same(ONE.replace("      name: Hệ thống\n",
                            f"      name: Hệ thống\n      attributes: {{vendor: {number}}}\n"))


VERDICT_CASES = {
    "at": "name: @x", "backtick": "name: `x", "bracket-in-block": "name: ]x", "brace-in-block": "name: }x",
    "percent-in-flow": "attributes: {vendor: %x}", "at-in-flow": "attributes: {vendor: [@x]}",
    "minus-dot": "attributes: {vendor: -.5}", "minus-dot-zero": "attributes: {vendor: -.0}",
    "minus-dot-exponent": "attributes: {vendor: -.5e+3}", "leading-dot": "attributes: {vendor: .5}",
    "at-key": "'@x': 1",
}
"""What the campaign found read one way alone and another in a batch or a large file."""

REFUSED = {"at", "backtick", "bracket-in-block", "brace-in-block", "percent-in-flow", "at-in-flow", "leading-dot",
           "at-key"}
"""The cases that cannot be checked (exit 2), so in every reading: YAML forbids the first six, the schema
the last two (``.5`` is a number where a vendor's name is wanted; ``@x`` is no component field)."""


def _body(line: str | None) -> list[str]:
    return ["name: Tỉnh Mẫu", "as_of: 2021-01-01", 'framework: "2.0"', "components:", "  - id: qlvb",
            "    kind: document-management", "    name: Hệ thống", *([f"    {line}"] if line else [])]


def _province(line: str | None) -> str:
    """One province of a national file, with ``line`` in its component."""
    first, *rest = _body(line)
    return f"  - {first}\n" + "".join(f"    {x}\n" for x in rest)


def _single(line: str | None) -> str:
    """A one-province file, with ``line`` in its component."""
    return "province:\n" + "".join(f"  {x}\n" for x in _body(line))


def _verdict(path: Path, *, batch: bool, index: int = 0) -> object:
    """Could not check (and that is all), or the findings of the ``index``-th province of ``path``."""
    result = CheckJob(rulesets(), None, None, batch=batch).run(str(path))
    if isinstance(result, ArchcheckError):
        return "could not check"
    return sorted((f.rule_id, f.subject, f.message) for f in result[index].findings)


@pytest.mark.parametrize("case", list(VERDICT_CASES))
def test_the_same_verdict_alone_in_a_batch_and_in_a_large_file(case: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Alone (the exact loader), in a batch and in a file of 256 KB or more (the fast path), and in a
    national file of three provinces: one verdict for the province."""
    monkeypatch.setattr(files, "FAST_MIN_CHARS", 256 * 1024)  # as in use
    single = _single(VERDICT_CASES[case])
    alone = tmp_path / "alone.yaml"
    alone.write_text(single, encoding="utf-8")
    large = tmp_path / "large.yaml"
    large.write_text(single + ("# " + "padding " * 12 + "\n") * 2800, encoding="utf-8")
    assert len(large.read_text(encoding="utf-8")) >= 256 * 1024
    national = tmp_path / "national.yaml"
    national.write_text("provinces:\n" + _province(None) + _province(VERDICT_CASES[case]) + _province(None),
                        encoding="utf-8")
    expected = _verdict(alone, batch=False)
    assert expected != _verdict(tmp_path / "missing.yaml", batch=False) or case in REFUSED  # (the case is read)
    assert _verdict(alone, batch=True) == expected
    assert _verdict(large, batch=False) == expected
    assert _verdict(national, batch=False, index=1) == expected
    assert _verdict(national, batch=True, index=1) == expected


@pytest.mark.parametrize("case", ["at", "minus-dot"])
def test_the_same_verdict_in_a_national_file_of_3000(case: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The campaign's national files: the province is exit 2 in one of 3 provinces, so in one of 3,000."""
    monkeypatch.setattr(files, "FAST_MIN_CHARS", 256 * 1024)
    alone = tmp_path / "alone.yaml"
    alone.write_text(_single(VERDICT_CASES[case]), encoding="utf-8")
    national = tmp_path / "national.yaml"
    national.write_text("provinces:\n" + _province(None) * 1500 + _province(VERDICT_CASES[case])
                        + _province(None) * 1499, encoding="utf-8")
    assert len(national.read_text(encoding="utf-8")) >= 256 * 1024  # the fast path's size
    assert _verdict(national, batch=False, index=1500) == _verdict(alone, batch=False)
