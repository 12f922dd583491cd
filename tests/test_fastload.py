"""The fast path (rapidyaml) gives exactly what the exact loader gives, or declines (None).

For every generated and mutated model, in block, flow and mixed YAML styles: if the fast path
answers, the data are equal and every position the exact loader records is the same; if the exact
loader refuses the text, the fast path has declined.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from archcheck.errors import ArchcheckError
from archcheck.read import fastload
from archcheck.read.fastload import fast_load
from archcheck.read.sourcemap import load_text
from tests.conftest import MODELS
from tests.test_fuzz import models, mutated


@pytest.fixture(autouse=True, scope="module")
def small_texts_too() -> Iterator[None]:
    """Take the fast path for texts of any size here (in use it starts at FAST_MIN_CHARS)."""
    saved = fastload.FAST_MIN_CHARS
    fastload.FAST_MIN_CHARS = 0
    yield
    fastload.FAST_MIN_CHARS = saved


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


STYLES = [False, None, True]  # block, mixed (flow for leaves), flow


@given(models(), st.sampled_from(STYLES))
def test_generated_models(doc: dict[str, Any], style: bool | None) -> None:
    assert_same(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=style))


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
