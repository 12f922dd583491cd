"""`archcheck diff frameworks` and `archcheck diff models`: the framework diff derived from the data,
the impact on a model attributed cause by cause, model diffs matched by fingerprint, the three output
formats (golden files, JSON against its schema), exit codes 0/1/2.

Regenerate the golden files after an intended change with:
  ARCHCHECK_REGEN=1 python -m pytest tests/test_diff.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from archcheck import api
from archcheck.check import workers
from archcheck.cli import main
from archcheck.compare.impact import FrameworkComparison
from archcheck.compare.matching import Cause, Change, FindingChange
from archcheck.compare.models import What
from archcheck.errors import ArchcheckError
from archcheck.findings import Severity
from archcheck.law.frameworks import available, get_framework
from archcheck.law.rules import Binding
from archcheck.read.schemas import schema
from archcheck.report import ReportOptions
from archcheck.report.diff import DIFF_REPORTERS, DiffResult
from tests.conftest import GOLDEN, MINIMAL, ROOT

DIFF_GOLDEN = GOLDEN / "diff"
MODELS = ["lamdong-2017", "lamdong", "phutho", "danang"]
SUFFIX = {"text": "txt", "json": "json", "markdown": "md"}


@pytest.fixture
def in_root() -> Iterator[None]:
    """Run from the repository, so files are named by their path relative to it (as in the goldens)."""
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(cwd)


def _check_golden(name: str, got: str) -> None:
    path = DIFF_GOLDEN / name
    if os.environ.get("ARCHCHECK_REGEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def _schema_errors(result: DiffResult) -> list[str]:
    doc = json.loads(DIFF_REPORTERS["json"](result, ReportOptions()))
    return sorted(str(e) for e in Draft202012Validator(schema("diff")).iter_errors(doc))


# -- the framework diff ----------------------------------------------------------------------------


@pytest.mark.parametrize("version", available())
def test_every_framework_diffed_with_itself_is_empty(version: str) -> None:
    d = api.diff_frameworks(version, version)
    assert d.empty
    assert DIFF_REPORTERS["text"](FrameworkComparison(d), ReportOptions()).splitlines()[3] == "  no differences"
    assert DIFF_REPORTERS["text"](FrameworkComparison(d), ReportOptions(lang="both")).splitlines()[3] == (
        "  không có thay đổi / no differences")


def _expected_from_file(version: str) -> dict[str, set[Any]]:
    """What a framework file says it changes relative to the version it extends, read from the YAML."""
    data = yaml.safe_load((ROOT / "frameworks" / f"{version}.yaml").read_text("utf-8"))
    parent = get_framework(data["extends"])
    rules = api.builtin_rules()
    out: dict[str, set[Any]] = {k: set() for k in ("added", "removed", "renamed", "moved", "rules_added",
                                                    "rules_removed", "regraded")}
    for group in ("component_kinds", "national_kinds"):
        for kid, info in (data.get(group) or {}).items():
            old = parent.kinds.get(kid)
            if old is None:
                out["added"].add(kid)
                continue
            if (old.en, old.vi) != (info["en"], info["vi"]):
                out["renamed"].add((kid, old.en, info["en"], old.vi, info["vi"]))
            if old.layer != info.get("layer"):
                out["moved"].add((kid, old.layer, info.get("layer")))
        out["removed"].update((data.get("remove") or {}).get(group, ()))
    out["rules_removed"].update((data.get("remove") or {}).get("rules", ()))
    for rid, grade in (data.get("rules") or {}).items():
        new_sev = rules[rid].default_severity if grade == "default" else Severity(grade)
        if rid not in parent.rules:
            # binding law applies under the parent too (at its own severity): only a recommendation is added
            if rules[rid].binding is Binding.RECOMMENDATION:
                out["rules_added"].add((rid, new_sev))
            elif new_sev is not rules[rid].default_severity:
                out["regraded"].add((rid, rules[rid].default_severity, new_sev))
            continue
        old_grade = parent.rules[rid]
        old_sev = rules[rid].default_severity if old_grade == "default" else Severity(old_grade)
        if old_sev is not new_sev:
            out["regraded"].add((rid, old_sev, new_sev))
    return out


EXTENDING = [v for v in available() if get_framework(v).chain[1:]]


@pytest.mark.parametrize("version", EXTENDING)
def test_diff_with_the_parent_is_what_the_framework_file_says(version: str) -> None:
    parent = get_framework(version).chain[1]
    want = _expected_from_file(version)
    d = api.diff_frameworks(parent, version)
    assert {k.id for k in d.kinds_added} == want["added"]
    assert {k.id for k in d.kinds_removed} == want["removed"]
    assert {(r.new_id, r.old_en, r.new_en, r.old_vi, r.new_vi) for r in d.kinds_renamed} == want["renamed"]
    assert {(m.id, m.old_layer, m.new_layer) for m in d.kinds_moved} == want["moved"]
    assert {(e.rule_id, e.severity) for e in d.rules_added} == want["rules_added"]
    assert {e.rule_id for e in d.rules_removed} == want["rules_removed"]
    assert {(g.rule_id, g.old, g.new) for g in d.rules_regraded} == want["regraded"]
    assert d.rules_changed == ()
    assert (d.old.document, d.new.document) == (get_framework(parent).document, get_framework(version).document)


def test_1_0_to_2_0_is_not_empty_and_cites_each_added_rule() -> None:
    d = api.diff_frameworks("1.0", "2.0")
    assert not d.empty
    rules = api.builtin_rules()
    for e in d.rules_added:
        assert e.citation == rules[e.rule_id].citation
    text = DIFF_REPORTERS["text"](FrameworkComparison(d), ReportOptions())
    assert "  1.0: Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 1.0 (CV 1178/BTTTT-THH, 2015-04-21)" in text
    assert "    document-management: L5 → L4" in text


def test_non_adjacent_versions_compare(in_root: None) -> None:
    latest = available()[-1]
    d = api.diff_frameworks("1.0", latest)
    assert d.new.id == latest
    assert _schema_errors(FrameworkComparison(d)) == []


# -- impact on a model, cause by cause -------------------------------------------------------------

PROFILES = {
    "2.1.yaml": """\
id: "2.1"
extends: "2.0"
title: {en: A stricter profile, vi: Hồ sơ chặt hơn}
issued: {document: Test profile, date: 2019-12-31, confidence: confirmed}
rules: {SEC-002: info}
""",
    "2.2.yaml": """\
id: "2.2"
extends: "2.0"
title: {en: A profile that renames a kind, vi: Hồ sơ đổi tên một loại thành phần}
issued: {document: Test profile, date: 2019-12-31, confidence: confirmed}
remove: {component_kinds: [document-management]}
component_kinds:
  records-management: {en: Records management, vi: Quản lý hồ sơ, layer: L4, renamed_from: document-management}
""",
}

SMALL_2021 = MINIMAL  # the suite's minimal 2021 model: one document system

SMALL_2018 = """\
province:
  name: Tỉnh Mẫu
  as_of: 2018-06-01
  framework: "1.0"
  components:
    - {id: qlvb, kind: document-management}
  national:
    - {id: axis, kind: national-document-axis}
"""


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name, text in PROFILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _impact(old: str, new: str, model: Path, profiles: Path | None = None) -> list[FindingChange]:
    dirs = (profiles,) if profiles else ()
    (impact,) = api.framework_impact(old, new, [model], framework_dirs=dirs).impacts
    return list(impact.changes)


def _one(changes: list[FindingChange], rule_id: str) -> FindingChange:
    (c,) = [c for c in changes if c.finding.rule_id == rule_id]
    return c


def test_cause_rule_added(write: Callable[[str, str], Path]) -> None:
    changes = _impact("1.0", "2.0", write("m.yaml", SMALL_2021))
    c = _one(changes, "SEC-002")
    # SEC-002 is a recommendation (CT 14/CT-TTg, CV 1552): only the versions that list it apply it
    assert (c.change, c.cause, c.severity) == (Change.NEW, Cause.RULE_ADDED, Severity.WARNING)
    assert c.explanation == "new in 2.0, in force since 2020-04-28"
    added = {e.rule_id for e in api.diff_frameworks("1.0", "2.0").rules_added}
    for other in changes:  # same date on both sides: every other change is a rule 2.0 adds
        assert other.cause is Cause.UNCHANGED or (other.cause is Cause.RULE_ADDED and other.finding.rule_id in added)


def test_cause_rule_removed(write: Callable[[str, str], Path]) -> None:
    c = _one(_impact("2.0", "1.0", write("m.yaml", SMALL_2021)), "SEC-002")
    assert (c.change, c.cause, c.explanation) == (Change.FIXED, Cause.RULE_REMOVED, "1.0 no longer applies SEC-002")


def test_cause_regraded(write: Callable[[str, str], Path], profiles: Path) -> None:
    changes = _impact("2.0", "2.1", write("m.yaml", SMALL_2021), profiles)
    c = _one(changes, "SEC-002")
    assert (c.change, c.cause) == (Change.SEVERITY, Cause.REGRADED)
    assert c.explanation == "SEC-002 re-graded warning → info in 2.1"
    assert c.old is not None and c.old.severity is Severity.WARNING and c.severity is Severity.INFO
    assert all(o.change is Change.UNCHANGED for o in changes if o is not c)


def test_cause_kind_renamed(write: Callable[[str, str], Path], profiles: Path) -> None:
    d = api.diff_frameworks("2.0", "2.2", framework_dirs=(profiles,))
    (rename,) = d.kinds_renamed
    assert (rename.old_id, rename.new_id, d.kinds_added, d.kinds_removed) == (
        "document-management", "records-management", (), ())
    c = _one(_impact("2.0", "2.2", write("m.yaml", SMALL_2021), profiles), "VOC-001")
    assert (c.change, c.cause, c.finding.subject) == (Change.NEW, Cause.KIND_RENAMED, "qlvb")
    assert c.explanation == ("the model still uses kind document-management, which 2.2 renames "
                             "records-management (Records management / Quản lý hồ sơ)")


def test_cause_in_force_at_one_date_only(write: Callable[[str, str], Path]) -> None:
    comparison = api.framework_impact("1.0", "2.0", [write("m.yaml", SMALL_2018)])
    (impact,) = comparison.impacts
    assert (str(impact.old.evaluated_as_of), str(impact.new.evaluated_as_of)) == ("2018-06-01", "2019-12-31")
    c = _one(list(impact.changes), "DOC-002")
    assert (c.change, c.cause, c.severity) == (Change.NEW, Cause.IN_FORCE, Severity.ERROR)
    assert c.explanation == ("in force since 2019-03-12: not yet on 2018-06-01 (the 1.0 evaluation date), "
                             "in force on 2019-12-31 (the 2.0 one)")
    text = DIFF_REPORTERS["text"](comparison, ReportOptions())
    assert "  under 1.0: evaluated as of 2018-06-01 (the model's as_of)" in text
    assert "under 2.0 you gain 3 errors: DOC-002 [qlvb] (in force since 2019-03-12: not yet on 2018-06-01" in text


def test_cause_unchanged(write: Callable[[str, str], Path]) -> None:
    c = _one(_impact("1.0", "2.0", write("m.yaml", SMALL_2021)), "SEC-001")
    assert (c.change, c.cause, c.explanation) == (Change.UNCHANGED, Cause.UNCHANGED, "")


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
@pytest.mark.parametrize("model", MODELS)
def test_impact_golden(model: str, fmt: str, in_root: None) -> None:
    result = api.framework_impact("1.0", "2.0", [f"province_models/{model}.yaml"])
    _check_golden(f"{model}-1.0-2.0.{SUFFIX[fmt]}", DIFF_REPORTERS[fmt](result, ReportOptions()))


@pytest.mark.parametrize("model", MODELS)
def test_impact_json_follows_the_schema(model: str, in_root: None) -> None:
    assert _schema_errors(api.framework_impact("1.0", "2.0", [f"province_models/{model}.yaml"])) == []


# -- model diffs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_model_diff_golden(fmt: str, in_root: None) -> None:
    result = api.diff_models("province_models/lamdong-2017.yaml", "province_models/lamdong.yaml")
    _check_golden(f"lamdong-2017-lamdong.{SUFFIX[fmt]}", DIFF_REPORTERS[fmt](result, ReportOptions()))


def test_model_diff_json_follows_the_schema(in_root: None) -> None:
    result = api.diff_models("province_models/lamdong-2017.yaml", "province_models/lamdong.yaml",
                             framework="2.0")
    assert _schema_errors(result) == []


def test_model_diff_points_new_findings_at_the_model_change(in_root: None) -> None:
    result = api.diff_models("province_models/lamdong-2017.yaml", "province_models/lamdong.yaml",
                             framework="2.0", as_of=dt.date(2021, 12, 31))
    (p,) = result.provinces
    c = next(c for c in p.of(Change.NEW) if c.finding.rule_id == "INT-009")
    assert c.cause is Cause.MODEL
    assert [(p.structural[i].what, p.structural[i].subject) for i in c.explained_by] == [
        (What.COMPONENT_ADDED, "danh-muc")]
    assert c.explanation == "component-added: danh-muc (shared-catalogue, planned)"
    units = {(s.detail, s.old, s.new) for s in p.structural if s.what is What.UNITS}
    assert ("department", "20", "21") in units


ORDERED = """\
province:
  name: Tỉnh Mẫu
  as_of: 2021-01-01
  framework: "2.0"
  components:
    - {id: qlvb, kind: document-management, deployment: {commune: {used: 10, total: 20}}}
    - {id: motcua, kind: one-stop-shop}
    - {id: dvc, kind: public-service-portal}
  connections:
    - {from: motcua, to: dvc, kind: synchronisation}
    - {from: qlvb, to: motcua, kind: data-exchange}
"""

REORDERED = """\
province:
    framework: "2.0"
    components:
        -   kind: public-service-portal
            id: dvc
        -   {kind: one-stop-shop, id: motcua}
        -   id: qlvb
            deployment:
                commune: {total: 20, used: 10}
            kind: document-management
    connections:
        -   {from: qlvb, to: motcua, kind: data-exchange}
        -   {from: motcua, to: dvc, kind: synchronisation}
    as_of: 2021-01-01
    name: Tỉnh Mẫu
"""


def test_reindenting_and_reordering_gives_an_empty_diff(write: Callable[[str, str], Path]) -> None:
    result = api.diff_models(write("a.yaml", ORDERED), write("b.yaml", REORDERED))
    (p,) = result.provinces
    assert p.structural == ()
    assert [c.change for c in p.changes if c.change is not Change.UNCHANGED] == []
    assert result.empty and p.changes  # there are findings, all unchanged
    assert result.exit_code(Severity.INFO) == 0


def _national(*provinces: str) -> str:
    """A national file of the given single-province models, in that order."""
    doc = {"archcheck": 1, "provinces": [yaml.safe_load(p)["province"] for p in provinces]}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def test_two_national_files_compare_province_by_province(write: Callable[[str, str], Path]) -> None:
    other = ORDERED.replace("Tỉnh Mẫu", "Tỉnh Khác")
    changed = other.replace("    - {id: motcua, kind: one-stop-shop}\n", "").replace(
        "    - {from: motcua, to: dvc, kind: synchronisation}\n    - {from: qlvb, to: motcua, kind: data-exchange}\n",
        "    - {from: qlvb, to: dvc, kind: data-exchange}\n")
    old = write("old.yaml", _national(ORDERED, other))
    new = write("new.yaml", _national(changed, REORDERED))  # the other order, one province changed
    result = api.diff_models(old, new)
    assert [p.province for p in result.provinces] == ["Tỉnh Khác", "Tỉnh Mẫu"]
    khac, mau = result.provinces
    assert mau.structural == ()
    assert {(s.what, s.subject) for s in khac.structural} == {
        (What.COMPONENT_REMOVED, "motcua"), (What.CONNECTION_ADDED, "qlvb->dvc [data-exchange]"),
        (What.CONNECTION_REMOVED, "motcua->dvc [synchronisation]"),
        (What.CONNECTION_REMOVED, "qlvb->motcua [data-exchange]")}


# -- the command line ------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_exit_0_when_nothing_new(in_root: None) -> None:
    code, out, _ = run("diff", "models", "province_models/lamdong.yaml", "province_models/lamdong.yaml")
    assert code == 0
    n = len(api.validate(["province_models/lamdong.yaml"]).findings())
    assert out.splitlines()[-1] == (f"1 province compared: 0 new, 0 fixed, 0 severity changed, {n} unchanged; "
                                    "0 model changes; failing on error or worse → exit 0")


def test_cli_exit_1_when_something_new_is_at_or_above_fail_on(in_root: None) -> None:
    code, out, _ = run("diff", "frameworks", "1.0", "2.0", "--model", "province_models/lamdong.yaml")
    assert code == 1
    assert out.splitlines()[-1].endswith("failing on error or worse → exit 1")
    code, _, _ = run("diff", "models", "province_models/lamdong-2017.yaml", "province_models/lamdong.yaml",
                     "--framework", "2.0", "--as-of", "2021-12-31")
    assert code == 1


def test_cli_frameworks_without_model_exits_0() -> None:
    code, out, _ = run("diff", "frameworks", "1.0", "2.0", "--format", "json")
    assert code == 0
    assert json.loads(out)["frameworks"]["new"]["id"] == "2.0"


def test_cli_exit_2_on_a_bad_second_model(write: Callable[[str, str], Path], in_root: None) -> None:
    bad = write("bad.yaml", "province:\n  name: X\n  as_of: 2021-01-01\n  framework: \"2.0\"\n  components:\n"
                            "    - {id: a, kind: documnet-management}\n")
    code, out, err = run("diff", "models", "province_models/lamdong.yaml", str(bad))
    assert (code, out) == (2, "")
    assert f"{bad}:6:" in err and "documnet-management" in err and "document-management" in err


def test_cli_exit_2_on_a_bad_model_for_framework_impact(write: Callable[[str, str], Path]) -> None:
    bad = write("bad.yaml", "province: [\n")
    code, out, err = run("diff", "frameworks", "1.0", "2.0", "--model", str(bad))
    assert (code, out) == (2, "")
    assert err.startswith(f"archcheck: error: {bad}:")


def test_cli_exit_2_on_an_unknown_framework() -> None:
    code, _, err = run("diff", "frameworks", "1.0", "9.9")
    assert code == 2
    assert "unknown framework version '9.9'" in err


def test_cli_schema_diff() -> None:
    code, out, _ = run("schema", "diff")
    assert code == 0
    assert json.loads(out)["$id"].endswith("/diff/1")


def test_large_files_are_read_side_by_side_with_the_same_result(monkeypatch: pytest.MonkeyPatch,
                                                                in_root: None) -> None:
    files = ("province_models/lamdong-2017.yaml", "province_models/lamdong.yaml")
    sequential = DIFF_REPORTERS["json"](api.diff_models(*files), ReportOptions())
    monkeypatch.setattr(workers, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    assert DIFF_REPORTERS["json"](api.diff_models(*files), ReportOptions()) == sequential


def test_side_by_side_reports_a_bad_old_file_located(monkeypatch: pytest.MonkeyPatch,
                                                     write: Callable[[str, str], Path]) -> None:
    monkeypatch.setattr(workers, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    bad = write("old.yaml", ORDERED.replace("one-stop-shop", "one-stop-shopp"))
    with pytest.raises(ArchcheckError) as exc:
        api.diff_models(bad, write("new.yaml", ORDERED))
    assert (exc.value.file, exc.value.line) == (str(bad), 7)
    assert "one-stop-shopp" in str(exc.value)
