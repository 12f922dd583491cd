"""Finding fingerprints: unique within a run, and kept when unrelated parts of a model move.

A fingerprint hashes what a finding is about (rule, province, component id or connection ends and
kind, attribute, level), never a list position or a line number (issue 18).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from archcheck import api
from archcheck.findings import Finding
from benchmarks.generate import document, province
from tests.conftest import MODELS

SHIPPED = sorted(MODELS.glob("*.yaml"))


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _content(f: Finding) -> tuple[object, ...]:
    """What a finding says, without where it is: two runs' findings are matched on this."""
    return (f.rule_id, f.subject, f.message, f.severity, f.evidence.expected, f.evidence.actual,
            f.evidence.edge and (f.evidence.edge.source, f.evidence.edge.target, f.evidence.edge.kind))


def _by_content(findings: list[Finding]) -> dict[tuple[object, ...], set[str]]:
    out: dict[tuple[object, ...], set[str]] = {}
    for f in findings:
        out.setdefault(_content(f), set()).add(f.fingerprint)
    return out


def _assert_unique(findings: list[Finding]) -> None:
    dup = [(fp, n) for fp, n in Counter(f.fingerprint for f in findings).items() if n > 1]
    assert not dup, [(f.rule_id, f.about) for f in findings if f.fingerprint in dict(dup)]


@pytest.mark.parametrize("framework", ["1.0", "2.0"])
@pytest.mark.parametrize("model", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_models_have_unique_fingerprints(model: Path, framework: str) -> None:
    findings = api.validate([model], framework=framework).findings()
    assert findings
    _assert_unique(findings)


def test_generated_national_file_has_unique_fingerprints(write: Callable[[str, str], Path]) -> None:
    nation = write("nation.yaml", document([province(i) for i in range(4)] + [province(40, two_tier=True)]))
    findings = api.validate([nation]).findings()
    assert len(findings) > 20
    _assert_unique(findings)


def test_a_system_without_deployment_gets_one_fingerprint_per_level(
        write: Callable[[str, str], Path]) -> None:
    model = write("m.yaml", """\
province:
  name: Lâm Đồng
  as_of: 2021-01-01
  framework: "2.0"
  components:
    - {id: motcua, kind: one-stop-shop}
""")
    # DOC-004 (the case the issue names) is now a target, reported as a KPI; DVC-008 has the same shape.
    per_level = [f for f in api.validate([model]).findings() if f.rule_id == "DVC-008"]
    assert [f.about for f in per_level] == ["Lâm Đồng/component=motcua/deployment/commune",
                                            "Lâm Đồng/component=motcua/deployment/department",
                                            "Lâm Đồng/component=motcua/deployment/district"]
    assert len({f.fingerprint for f in per_level}) == 3


def _lamdong() -> dict[str, Any]:
    data = yaml.safe_load((MODELS / "lamdong.yaml").read_text(encoding="utf-8"))
    for src in data.get("sources", {}).values():
        src.pop("file", None)  # the copy lives elsewhere; its sources are not read here
    return data  # type: ignore[no-any-return]


def _run(write: Callable[[str, str], Path], name: str, data: Any, framework: str) -> list[Finding]:
    return api.validate([write(name, _dump(data))], framework=framework).findings()


def _assert_kept(before: list[Finding], after: list[Finding]) -> None:
    """Every finding present in both runs (same rule, subject, message, evidence) has one fingerprint."""
    old, new = _by_content(before), _by_content(after)
    common = old.keys() & new.keys()
    assert len(common) >= 5
    assert {k: old[k] for k in common} == {k: new[k] for k in common}


@pytest.mark.parametrize("framework", ["1.0", "2.0"])
def test_moving_the_last_component_to_the_top_keeps_every_fingerprint(
        write: Callable[[str, str], Path], framework: str) -> None:
    data = _lamdong()
    moved = copy.deepcopy(data)
    comps = moved["province"]["components"]
    comps.insert(0, comps.pop())
    before, after = _run(write, "a.yaml", data, framework), _run(write, "b.yaml", moved, framework)
    assert sorted(f.fingerprint for f in before) == sorted(f.fingerprint for f in after)
    assert [f.path for f in before] != [f.path for f in after]  # the positions did change


@pytest.mark.parametrize("framework", ["1.0", "2.0"])
def test_inserting_and_deleting_keeps_the_other_fingerprints(
        write: Callable[[str, str], Path], framework: str) -> None:
    data = _lamdong()
    before = _run(write, "a.yaml", data, framework)
    inserted = copy.deepcopy(data)
    inserted["province"]["components"].insert(0, {"id": "app-new", "kind": "sector-application"})
    conns = inserted["province"].setdefault("connections", [])
    conns.insert(0, {"from": "app-new", "to": conns[0]["to"] if conns else "app-new", "kind": "data-exchange"})
    if conns[0]["to"] == "app-new":
        conns.pop(0)
    _assert_kept(before, _run(write, "b.yaml", inserted, framework))
    deleted = copy.deepcopy(data)
    del deleted["province"]["connections"][0]
    _assert_kept(before, _run(write, "c.yaml", deleted, framework))


def test_moving_or_deleting_a_province_keeps_the_others_fingerprints(write: Callable[[str, str], Path]) -> None:
    provinces = [province(i) for i in range(3)]
    before = api.validate([write("a.yaml", document(provinces))]).findings()
    reordered = api.validate([write("b.yaml", document(provinces[::-1]))]).findings()
    assert sorted(f.fingerprint for f in before) == sorted(f.fingerprint for f in reordered)
    first_dropped = api.validate([write("c.yaml", document(provinces[1:]))]).findings()
    kept = {f.fingerprint for f in before if not f.about.startswith(provinces[0]["name"] + "/")}
    assert kept == {f.fingerprint for f in first_dropped}
