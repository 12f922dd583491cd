"""``archcheck appraise``: five proposals against an invented merged province (issue 35's "done when"),
what a proposal leaves out, duplicate candidates, the reports and the properties of the appraisal."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from archcheck.api import appraise, import_dataset, validate
from archcheck.catalogue import Message, catalogue, say
from archcheck.check.appraisal import Outcome
from archcheck.check.appraisal import appraise as appraise_one
from archcheck.check.architecture import Architecture, architecture
from archcheck.cli import main
from archcheck.cli.appraise import FORMATS
from archcheck.law.appraisal import criteria
from archcheck.law.frameworks import get_framework
from archcheck.read.loading import load_model
from archcheck.read.mau03.export import write_workbook
from archcheck.read.mau03.spec import load_spec
from archcheck.read.proposal import load_proposal
from archcheck.read.schemas import schema
from archcheck.report.appraisal import APPRAISAL_REPORTERS, render_html, render_text
from tests.conftest import ROOT

EX = ROOT / "examples" / "appraisal"
ARCH = str(EX / "architecture.yaml")
WORKBOOK = str(EX / "architecture.xlsx")
"""The same invented province as a Mẫu 03 data set (scripts/gen_appraisal_example.py): proposals name its
objects by their local codes (KT-01, QG-8)."""
PROJECTS = EX / "projects"
BOTH = pytest.mark.parametrize("arch", [ARCH, WORKBOOK], ids=["yaml", "xlsx"])


def _key(m: Message) -> str:
    """A message's key within the appraisal (the catalogue's ``appraisal.KEY``)."""
    return m.key.removeprefix("appraisal.")


def _one(name: str, as_of: dt.date | None = None, arch: str = ARCH):  # type: ignore[no-untyped-def]
    # the data set says `framework: unknown` (a Mẫu 03 workbook does not name the framework): 1425 as the YAML
    run = appraise([str(PROJECTS / name)], arch, as_of=as_of, framework="1425" if arch == WORKBOOK else None)
    assert not run.errors
    return run.appraisals[0]


def _outcomes(a) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {s.criterion.id: s.outcome.value for s in a.sections}


def _failed(a) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{s.criterion.document} {s.criterion.clause}" for s in a.sections if s.outcome is Outcome.FAILED]


# -- the five proposals -------------------------------------------------------------------------------

@BOTH
def test_an_lgsp_upgrade_passes(arch: str) -> None:
    a = _one("1-lgsp-upgrade.yaml", arch=arch)
    assert a.verdict is Outcome.PASSED
    assert _failed(a) == []
    assert a.candidates == ()
    o = _outcomes(a)
    assert o["ND224-23-3a"] == o["ND224-23-4a"] == o["ND278-7"] == o["QD1425-III3"] == o["QD1132"] == "passed"
    position = next(s for s in a.sections if s.criterion.id == "ND224-23-3a")
    assert position.criterion.citation == "NĐ 224/2026/NĐ-CP Art. 23(3)(a)"
    assert [_key(e.message) for e in position.evidence] == ["object-maps", *["connection-resolved-via"] * 3]
    assert position.evidence[0].message.arg("target") == "KT-01 (Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP))"
    route = next(s for s in a.sections if s.criterion.id == "ND278-7")
    assert [_key(e.message) for e in route.evidence] == ["route-ok", "route-ok", "route-internal"]
    assert route.criterion.citation.startswith("NĐ 278/2025/NĐ-CP Art. 7")


@BOTH
def test_a_departments_own_one_stop_software_is_a_duplicate_of_the_provincial_procedure_system(arch: str) -> None:
    a = _one("2-department-one-stop.yaml", arch=arch)
    [cand] = a.candidates
    assert (cand.subject, cand.target.code, cand.score) == (
        "mới (Phần mềm một cửa điện tử Sở Xây dựng)", "KT-03", 0.65)
    assert cand.target.name == "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh"
    assert [_key(m) for m in cand.reasons] == ["reason-function", "reason-kind", "reason-layer"]
    # advice, never a failure by itself: the criteria it bears on cannot be verified, and name the clause
    assert a.verdict is Outcome.PASSED
    assert _outcomes(a)["QD1425-III3"] == _outcomes(a)["ND224-23-1"] == "cannot-verify"
    section = next(s for s in a.sections if s.criterion.id == "QD1425-III3")
    assert section.criterion.citation == "QĐ 1425/QĐ-TTg Section III.3"
    assert "KT-03 (Hệ thống thông tin giải quyết thủ tục hành chính tỉnh)" in str(section.evidence[0].message)


@BOTH
def test_own_servers_without_a_reason_fail_cloud_first(arch: str) -> None:
    a = _one("3-own-servers.yaml", arch=arch)
    assert _failed(a) == ["NĐ 224/2026/NĐ-CP Art. 23(2)(a)"]
    assert _outcomes(a)["ND224-23-3a"] == "passed"  # its connection to KT-01 is found
    [ev] = next(s for s in a.sections if s.criterion.id == "ND224-23-2a").evidence
    assert _key(ev.message) == "hosting-no-reason" and a.proposal.locate(ev.path).line == 10


@BOTH
def test_no_security_level_and_no_place_fail_23_3_a_and_23_4_a(arch: str) -> None:
    a = _one("4-no-place.yaml", arch=arch)
    assert _failed(a) == ["NĐ 224/2026/NĐ-CP Art. 23(3)(a)", "NĐ 224/2026/NĐ-CP Art. 23(4)(a)",
                          "NĐ 224/2026/NĐ-CP Art. 37(1)"]
    position = next(s for s in a.sections if s.criterion.id == "ND224-23-3a")
    assert [_key(e.message) for e in position.evidence] == ["new-object-no-layer", "no-connections"]
    # what the decree does not require stated is "cannot verify", never a failure
    assert _outcomes(a)["ND224-23-5b"] == "cannot-verify"


@BOTH
def test_storing_citizens_master_data_fails_23_5_b(arch: str) -> None:
    a = _one("5-citizen-data.yaml", arch=arch)
    assert _failed(a) == ["NĐ 224/2026/NĐ-CP Art. 23(5)(b)"]
    ev = next(s for s in a.sections if s.criterion.id == "ND224-23-5b").evidence
    assert [(_key(e.message), e.message.arg("term")) for e in ev] == [
        ("master-national", "Thông tin cơ bản của công dân"), ("master-national", "số định danh cá nhân"),
        ("master-own", None)]
    assert say(ev[0].message.arg("holder"), "vi") == "Cơ sở dữ liệu quốc gia về dân cư"
    # a provincial data centre with a reason passes cloud first
    assert _outcomes(a)["ND224-23-2a"] == "passed"


@BOTH
def test_the_folder_gives_one_line_per_proposal_naming_the_clauses(arch: str) -> None:
    result = CliRunner().invoke(main, ["appraise", str(PROJECTS), "--architecture", arch, "--framework", "1425"])
    assert result.exit_code == 1
    lines = result.output.replace(str(PROJECTS) + "/", "").splitlines()
    assert lines == [
        "1-lgsp-upgrade.yaml: passed — 9 passed, 0 failed, 3 cannot verify, 1 not applicable — "
        "Nâng cấp Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
        "2-department-one-stop.yaml: passed — 7 passed, 0 failed, 5 cannot verify, 1 not applicable; "
        "duplicate candidates: 1 — Xây dựng phần mềm một cửa điện tử của Sở Xây dựng",
        "3-own-servers.yaml: failed (NĐ 224/2026/NĐ-CP Art. 23(2)(a)) — 8 passed, 1 failed, 3 cannot verify, "
        "1 not applicable — Xây dựng cơ sở dữ liệu chuyên ngành tài nguyên nước",
        "4-no-place.yaml: failed (NĐ 224/2026/NĐ-CP Art. 23(3)(a), NĐ 224/2026/NĐ-CP Art. 23(4)(a), "
        "NĐ 224/2026/NĐ-CP Art. 37(1)) — 4 passed, 3 failed, 4 cannot verify, 2 not applicable — "
        "Ứng dụng quản lý hội nghị trực tuyến",
        "5-citizen-data.yaml: failed (NĐ 224/2026/NĐ-CP Art. 23(5)(b)) — 8 passed, 1 failed, 3 cannot verify, "
        "1 not applicable — Hệ thống quản lý đối tượng bảo trợ xã hội",
        "5 proposal(s): 3 failed, 2 passed, 0 could not be read",
    ]


# -- the architecture as a Mẫu 03 data set ------------------------------------------------------------

def _cells(path: str | Path) -> dict[str, list[tuple[object, ...]]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def test_the_shipped_workbook_is_what_its_script_writes(tmp_path: Path) -> None:
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.spec_from_file_location("gen_appraisal_example", ROOT / "scripts" /
                                                  "gen_appraisal_example.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    again = tmp_path / "architecture.xlsx"
    gen.write(again)
    assert _cells(again) == _cells(WORKBOOK), "run python scripts/gen_appraisal_example.py"


def _province_facts(path: str) -> tuple[object, ...]:
    (p,) = load_model(path).provinces
    comps = sorted((c.id, c.kind, c.name, c.status.value, c.national) for c in p.components)
    conns = sorted((c.source, c.target, c.kind, c.via, c.status.value) for c in p.connections)
    return p.name, p.as_of, comps, conns


def test_the_workbook_is_the_same_province_as_the_yaml_model() -> None:
    assert _province_facts(WORKBOOK) == _province_facts(ARCH)
    run = validate([WORKBOOK], framework="1425")
    assert not run.errors
    assert [f.rule_id for f in run.findings() if f.rule_id.startswith("MAU-")] == []  # a clean data set


def test_a_data_set_object_is_found_by_its_local_code_never_by_the_derived_id(tmp_path: Path) -> None:
    """Proposals name objects as DM_DOITUONG does; the model id the reader derives ("ht-01" from "HT.01")
    is archcheck's, not the province's. A national platform is found by the data set's own QG- code."""
    book = tmp_path / "arch.xlsx"
    rows = {"DM_DOITUONG": [
        {"code": "HT.01", "record_type": "Bản ghi gốc", "name": "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh",
         "object_type": "Nền tảng số", "layer": "Dữ liệu và nền tảng lõi", "usage_scope": "Cấp tỉnh; Cấp xã"},
        {"code": "QG-2", "record_type": "Bản ghi tham chiếu", "name": "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia",
         "sharing_scope": "Dùng chung quốc gia cho các ngành, lĩnh vực - Nhóm A"}],
        "LS_PHIENBAN": [{"version": "1.0", "effective": "01/12/2026", "cutoff": "01/12/2026",
                         "content": "Ban hành", "body": "UBND tỉnh Thử"}]}
    write_workbook(rows, book, load_spec())
    (p,) = load_model(book).provinces
    arch = architecture(p, get_framework("1425"), str(book))
    lgsp = arch.lookup("HT.01")
    assert lgsp is not None and (lgsp.id, lgsp.code, lgsp.kind) == ("ht-01", "HT.01", "integration-platform")
    assert (lgsp.object_type, lgsp.scope, lgsp.layer) == ("platform", ("province", "commune"), "L2")
    assert arch.lookup(" ht.01") is lgsp and arch.lookup("ht-01") is None
    ndxp = arch.lookup("QG-2")
    assert ndxp is not None and (ndxp.code, ndxp.kind, ndxp.national) == ("QG-2", "national-integration-platform",
                                                                         True)
    assert arch.lookup("NDXP") is ndxp  # its acronym still names it
    f = _proposal_file(tmp_path, "name: Kết nối\nobjects:\n  - {code: HT.01, treatment: Nâng cấp/mở rộng}\n"
                                 "connections:\n  - {from: HT.01, to: QG-2, via: NDXP}\n"
                                 "  - {from: HT.01, to: ht-01, via: API}\n")
    a = appraise([str(f)], str(book), framework="1425").appraisals[0]
    position = next(s for s in a.sections if s.criterion.id == "ND224-23-3a")
    assert position.outcome is Outcome.FAILED
    assert [(_key(e.message), e.message.arg("target")) for e in position.evidence] == [
        ("object-maps", "HT.01 (Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh)"),
        ("connection-resolved-via", "QG-2 (Nền tảng tích hợp, chia sẻ dữ liệu quốc gia)"),
        ("connection-unknown", "ht-01")]


def test_a_model_imported_from_the_workbook_is_appraised_as_the_workbook(tmp_path: Path) -> None:
    model = tmp_path / "imported.yaml"
    model.write_text(import_dataset(WORKBOOK), "utf-8")
    for name in ("1-lgsp-upgrade.yaml", "2-department-one-stop.yaml"):
        a, b = _one(name, arch=WORKBOOK), appraise([str(PROJECTS / name)], str(model), framework="1425").appraisals[0]
        assert _outcomes(b) == _outcomes(a)
        assert [(c.target.code, c.score) for c in b.candidates] == [(c.target.code, c.score) for c in a.candidates]
    assert architecture(load_model(model).provinces[0], get_framework("1425"), str(model)).dataset


def test_a_yaml_model_names_objects_by_id_or_by_the_code_it_gives() -> None:
    arch = architecture(load_model(ARCH).provinces[0], get_framework("1425"), ARCH)
    assert not arch.dataset
    by_code, by_id = arch.lookup("KT-01"), arch.lookup("kt-01")
    assert by_code is by_id and by_code is not None and by_code.code == "KT-01"
    assert arch.lookup("QG-8") is arch.lookup("qg-8") is not None


# -- law by date, exit codes, bad input ---------------------------------------------------------------

def test_a_criterion_applies_only_inside_its_lifetime() -> None:
    a = _one("3-own-servers.yaml", as_of=dt.date(2026, 6, 30))
    o = _outcomes(a)
    assert o["ND224-23-2a"] == o["ND224-23-3a"] == o["QD1425-III3"] == "not-applicable"
    assert o["ND278-7"] == o["QD1132"] == "passed"  # in force since 22/10/2025 and 24/06/2026
    assert a.verdict is Outcome.PASSED
    a = _one("3-own-servers.yaml", as_of=dt.date(2026, 7, 28))
    assert _outcomes(a)["ND224-23-2a"] == "failed" and _outcomes(a)["QD1425-III3"] == "not-applicable"


def test_exit_codes_follow_fail_on() -> None:
    one = str(PROJECTS / "1-lgsp-upgrade.yaml")
    assert CliRunner().invoke(main, ["appraise", one, "--architecture", ARCH]).exit_code == 0
    three = str(PROJECTS / "3-own-servers.yaml")
    assert CliRunner().invoke(main, ["appraise", three, "--architecture", ARCH]).exit_code == 1


def test_a_warning_criterion_fails_only_from_fail_on_warning(tmp_path: Path) -> None:
    text = (PROJECTS / "1-lgsp-upgrade.yaml").read_text("utf-8").replace('via: "LGSP, Agent Node"', "via: API")
    f = tmp_path / "p.yaml"
    f.write_text(text, "utf-8")
    a = appraise([str(f)], ARCH).appraisals[0]
    assert _failed(a) == ["NĐ 278/2025/NĐ-CP Art. 7(2)–(3)"]
    assert [_key(e.message) for s in a.sections if s.criterion.id == "ND278-7" for e in s.evidence] == [
        "route-ok", "route-no-agent", "route-internal"]
    assert CliRunner().invoke(main, ["appraise", str(f), "--architecture", ARCH]).exit_code == 0
    assert CliRunner().invoke(main, ["appraise", str(f), "--architecture", ARCH,
                                     "--fail-on", "warning"]).exit_code == 1


@pytest.mark.parametrize(("text", "where", "says"), [
    ("name: X\nobjects:\n  - {code: mới, treatment: Xây mới}\n", ":3:", "'Xây mới' is not a treatment option"),
    ("name: X\nhosting: ngoài trời\n", ":2:", "is not a hosting"),
    ("name: X\nobjects:\n  - {code: mới, layer: Lớp ứng dụng}\n", ":3:", "is not a layer"),
    ("name: X\nsecurity_level: 7\n", ":2:", "security_level"),
    ("name: X\nfunding: [1, 2]\n", ":2:", "funding"),
    ("owner: Y\n", ":1:", "name"),
    ("name: X\nname: Y\n", ":2:", "duplicate"),
])
def test_a_bad_proposal_is_refused_with_its_location(tmp_path: Path, text: str, where: str, says: str) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["appraise", str(f), "--architecture", ARCH])
    assert result.exit_code == 2
    assert f"{f}{where}" in result.output and says in result.output
    assert "Traceback" not in result.output


def test_a_bad_proposal_in_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text((PROJECTS / "1-lgsp-upgrade.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "b.yaml").write_text("name: X\nhosting: ngoài trời\n", "utf-8")
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(main, ["appraise", str(tmp_path), "--architecture", ARCH, "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert f"{tmp_path}/a.yaml: passed" in result.output
    assert f"{tmp_path}/b.yaml:2:1: could not be appraised: hosting: 'ngoài trời' is not a hosting" in result.output


def test_what_a_proposal_leaves_out_is_appraised_never_refused(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("name: Chỉ có tên\n", "utf-8")
    a = appraise([str(f)], ARCH).appraisals[0]
    o = _outcomes(a)
    assert o["ND224-23-3a"] == o["ND224-23-4a"] == "failed"  # the decree requires these stated
    assert {o[k] for k in ("ND224-23-1", "ND224-23-2a", "ND224-23-5b", "QD1425-III3", "QD1132",
                           "ND224-37-1")} == {"cannot-verify"}


# -- duplicates: properties ---------------------------------------------------------------------------

_ARCH = architecture(load_model(ARCH).provinces[0], get_framework("1425"), ARCH)
_BOOK = architecture(load_model(WORKBOOK).provinces[0], get_framework("1425"), WORKBOOK)
_TREATMENTS = ["Tiếp tục sử dụng", "Chuẩn hóa/kết nối/tích hợp", "Nâng cấp/mở rộng", "Hợp nhất/tổ chức lại",
               "Thay thế/kết thúc sử dụng"]
_CODES = [o.code for o in _ARCH.objects if not o.from_framework]  # the workbook's, whatever their case
_NAMES = st.text(alphabet="abcdeghiklmnopqrstuvxyàáảãạăâđêôơưệộờừ ", min_size=0, max_size=40)


def _proposal_file(tmp: Path, body: str) -> Path:
    f = tmp / "p.yaml"
    f.write_text(body, "utf-8")
    return f


@pytest.mark.parametrize("arch", [_ARCH, _BOOK], ids=["yaml", "xlsx"])
@settings(max_examples=60, deadline=None)
@given(code=st.sampled_from(_CODES), treatment=st.sampled_from(_TREATMENTS), name=_NAMES,
       layer=st.sampled_from(["", "Ứng dụng và nghiệp vụ dùng chung", "Dữ liệu và nền tảng lõi"]))
def test_upgrading_an_existing_object_never_gives_that_object_as_a_duplicate(
        tmp_path_factory: pytest.TempPathFactory, arch: Architecture, *, code: str, treatment: str, name: str,
        layer: str) -> None:
    target = arch.lookup(code)
    assert target is not None
    obj = {"code": code.upper(), "name": name or target.name, "treatment": treatment}
    if layer:
        obj["layer"] = layer
    body = "name: " + json.dumps(f"Nâng cấp {target.name}", ensure_ascii=False) + "\nobjects: [" + \
        json.dumps(obj, ensure_ascii=False) + "]\n"
    p = load_proposal(_proposal_file(tmp_path_factory.mktemp("p"), body))
    a = appraise_one(p, arch, dt.date(2026, 12, 1))
    assert all(c.target.id != target.id for c in a.candidates)
    assert all(c.target.national for c in a.candidates)  # an upgrade is compared with national platforms only


@settings(max_examples=30, deadline=None)
@given(name=st.text(min_size=1, max_size=60).filter(lambda s: s.strip() != ""),
       which=st.sampled_from(sorted(p.name for p in PROJECTS.glob("*.yaml"))))
def test_renaming_a_proposal_changes_no_outcome(tmp_path_factory: pytest.TempPathFactory, name: str,
                                                which: str) -> None:
    original = (PROJECTS / which).read_text("utf-8")
    line = yaml.safe_dump({"name": name}, allow_unicode=False, width=10**6).rstrip("\n")
    renamed = re.sub(r"^name: .*$", lambda _: line, original, count=1,
                     flags=re.MULTILINE)
    f = _proposal_file(tmp_path_factory.mktemp("p"), renamed)
    before = appraise_one(load_proposal(PROJECTS / which), _ARCH, dt.date(2026, 12, 1))
    after = appraise_one(load_proposal(f), _ARCH, dt.date(2026, 12, 1))
    assert _outcomes(after) == _outcomes(before)
    assert [(c.subject, c.target.id, c.score) for c in after.candidates] == \
        [(c.subject, c.target.id, c.score) for c in before.candidates]


def test_the_projects_name_alone_never_makes_a_candidate(tmp_path: Path) -> None:
    f = _proposal_file(tmp_path, "name: Phần mềm một cửa điện tử\nobjects:\n  - {code: mới, "
                                 "name: Ứng dụng quản lý lịch họp, layer: Ứng dụng và nghiệp vụ dùng chung}\n")
    assert appraise([str(f)], ARCH).appraisals[0].candidates == ()


def test_lgsp_and_ndxp_are_counterparts_not_duplicates(tmp_path: Path) -> None:
    f = _proposal_file(tmp_path, "name: X\nobjects:\n  - {code: mới, name: Nền tảng tích hợp chia sẻ dữ liệu (LGSP), "
                                 "layer: Dữ liệu và nền tảng lõi}\n")
    [cand] = appraise([str(f)], ARCH).appraisals[0].candidates
    assert cand.target.code == "KT-01"  # the province's own LGSP, never the national NDXP beside it


def test_national_platforms_come_from_the_framework() -> None:
    kinds = {o.kind for o in _ARCH.objects if o.national}
    assert {k for k, info in get_framework("1425").kinds.items() if info.national} <= kinds


# -- reports -----------------------------------------------------------------------------------------

def test_json_follows_its_schema_and_carries_both_languages() -> None:
    result = CliRunner().invoke(main, ["appraise", str(PROJECTS), "--architecture", ARCH, "--format", "json"])
    data = json.loads(result.output)
    jsonschema.validate(data, schema("appraisal"))
    assert [a["verdict"] for a in data["appraisals"]] == ["passed", "passed", "failed", "failed", "failed"]
    dup = data["appraisals"][1]["duplicates"][0]
    assert dup["target"]["code"] == "KT-03" and dup["reasons"][0]["text"]["vi"].startswith("cùng chức năng")


def test_the_schemas_are_printed() -> None:
    for name in ("project", "appraisal"):
        result = CliRunner().invoke(main, ["schema", name])
        assert result.exit_code == 0 and json.loads(result.output)["$schema"]


def test_the_shipped_proposals_follow_the_project_schema() -> None:
    for f in sorted(PROJECTS.glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(f.read_text("utf-8")), schema("project"))


def test_every_message_has_both_languages_and_vietnamese_text_is_vietnamese() -> None:
    run = appraise([str(PROJECTS)], ARCH)
    vi = render_text(run, "vi") + "".join(render_text(type(run)((a,), (), (a.proposal.file,)), "vi")
                                         for a in run.appraisals)
    for word in ("passed", "failed", "cannot verify", "connection ", "the proposal", " via ", "error)", "warning"):
        assert word not in vi, word
    appraisal = {k: v for k, v in catalogue().items() if k.startswith("appraisal.")}
    assert appraisal and all(len(v) == 2 and all(v) for v in appraisal.values())


def test_the_html_note_escapes_everything_and_loads_nothing(tmp_path: Path) -> None:
    f = _proposal_file(tmp_path, 'name: "<script>alert(1)</script>"\nowner: "a & b"\nobjects:\n'
                                 '  - {code: mới, name: "<img src=x>", layer: Dữ liệu và nền tảng lõi}\n')
    html = render_html(appraise([str(f)], ARCH), "vi")
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html and "a &amp; b" in html
    assert not re.search(r"<[^>]*\b(src|href)=|@import|url\(", html)


def test_the_reporters_are_the_cli_formats() -> None:
    assert tuple(APPRAISAL_REPORTERS) == FORMATS


def test_unconfirmed_criteria_are_never_errors() -> None:
    assert all(c.severity != "error" for c in criteria() if c.confidence.value != "confirmed")
    assert {c.id for c in criteria()} >= {"ND224-23-1", "ND224-23-2a", "ND224-23-3a", "ND224-23-4a", "ND224-23-5b",
                                          "ND224-23-6", "ND224-23-7", "ND224-37-1", "QD1425-III3", "QD1132",
                                          "ND278-7"}


def test_an_unknown_code_fails_the_position_with_what_is_wrong(tmp_path: Path) -> None:
    f = _proposal_file(tmp_path, "name: X\nobjects:\n  - {code: KT-99, treatment: Nâng cấp/mở rộng}\n"
                                 "connections:\n  - {from: KT-99, to: LQ-4, via: LGSP}\nsecurity_level: 2\n")
    a = appraise([str(f)], ARCH).appraisals[0]
    position = next(s for s in a.sections if s.criterion.id == "ND224-23-3a")
    assert position.outcome is Outcome.FAILED
    assert [(_key(e.message), a.proposal.locate(e.path).line) for e in position.evidence] == [
        ("object-unknown", 3), ("connection-unknown", 5)]
    assert position.evidence[1].message.arg("code") == "LQ-4"  # KT-99 is the proposal's own (unknown) object


@pytest.mark.parametrize(("text", "says"), [
    ("province:\n  name: X\n  as_of: 2026-12-01\n  framework: unknown\n", ":4:3: the architecture does not say"),
    ("province:\n  name: X\n  as_of: 2026-12-01\n  framework: '9.9'\n", "unknown framework version '9.9'"),
    ("province: [\n", ":2:1:"),
])
def test_a_bad_architecture_is_refused_with_its_location(tmp_path: Path, text: str, says: str) -> None:
    arch = tmp_path / "arch.yaml"
    arch.write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["appraise", str(PROJECTS / "1-lgsp-upgrade.yaml"), "--architecture",
                                       str(arch)])
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


def test_the_html_note_in_vietnamese_has_no_english_sentence(tmp_path: Path) -> None:
    out = tmp_path / "note.html"
    result = CliRunner().invoke(main, ["appraise", str(PROJECTS / "4-no-place.yaml"), "--architecture", ARCH,
                                       "--format", "html", "--lang", "vi", "-o", str(out)])
    assert result.exit_code == 1 and result.output == ""
    html = re.sub(r"<[^>]*>", " ", re.sub(r"<style>.*?</style>", "", out.read_text("utf-8"), flags=re.DOTALL))
    assert "Điều 23(4)(a)" in html and "không đạt" in html
    for word in ("passed", "failed", "cannot verify", "the proposal", "Art. ", "not stated"):
        assert word not in html, word


@pytest.mark.parametrize(("funding", "share"), [
    ("Ngân sách tỉnh 100%", 1.0), ("Ngân sách tỉnh 70%, ngân sách trung ương 30%", 1.0),
    ("Ngân sách nhà nước 40%, xã hội hóa 60%", 0.4), ("Ngân sách tỉnh", 1.0), ("Vốn doanh nghiệp", 0.0),
    ("Ngân sách tỉnh, vốn doanh nghiệp", None),
])
def test_the_state_budget_share_is_read_from_the_words(tmp_path: Path, funding: str, share: float | None) -> None:
    f = _proposal_file(tmp_path, f"name: X\nfunding: {funding}\n")
    assert load_proposal(f).state_share() == share


def test_a_project_without_state_funds_is_outside_art_37(tmp_path: Path) -> None:
    f = _proposal_file(tmp_path, "name: X\nfunding: Vốn doanh nghiệp 100%\n")
    assert _outcomes(appraise([str(f)], ARCH).appraisals[0])["ND224-37-1"] == "not-applicable"


def test_another_frameworks_national_platforms_are_candidates(tmp_path: Path) -> None:
    f = _proposal_file(tmp_path, "name: X\nobjects:\n  - {code: mới, name: Hệ thống định danh và xác thực điện tử "
                                 "của tỉnh, function: authentication}\n")
    a = appraise([str(f)], ARCH, framework="4.0").appraisals[0]
    assert {c.target.code for c in a.candidates} >= {"national-identity-platform"}
    assert _outcomes(a)["QD1132"] == "cannot-verify"


@pytest.mark.parametrize(("level", "outcome"), [(2, "failed"), (3, "passed"), (None, "cannot-verify")])
def test_a_system_linked_to_vneid_needs_level_3(tmp_path: Path, level: int | None, outcome: str) -> None:
    body = "name: X\nconnections:\n  - {from: KT-03, to: VNeID, via: LGSP}\n"
    if level is not None:
        body += f"security_level: {level}\n"
    a = appraise([str(_proposal_file(tmp_path, body))], ARCH).appraisals[0]
    assert _outcomes(a)["ND69-18-1"] == outcome
    section = next(s for s in a.sections if s.criterion.id == "ND69-18-1")
    assert section.evidence[0].message.arg("national") == (
        "national-identity-system (Nền tảng VNeID)")  # 1425 Appendix II's name for it


def test_a_newer_frameworks_national_platforms_appear_without_a_change(tmp_path: Path) -> None:
    """A framework's national platforms are candidates with no change to the appraisal: a profile that
    extends 4.0 with one of 1425's Appendix II platforms, against 4.0 itself (which has none such)."""
    fw = tmp_path / "fw"
    fw.mkdir()
    (fw / "next.yaml").write_text(
        'id: "9425"\nextends: "4.0"\ntitle: {en: A test profile, vi: Khung thử}\n'
        "issued: {document: test, form: test, date: 2026-07-29, confidence: confirmed}\n"
        "national_kinds:\n  national-virtual-assistant: {en: National virtual assistant, vi: Trợ lý ảo quốc gia,"
        " layer: L3}\n", "utf-8")
    f = _proposal_file(tmp_path, "name: X\nobjects:\n  - {code: mới, name: Trợ lý ảo phục vụ người dân tỉnh, "
                                 "layer: Ứng dụng và nghiệp vụ dùng chung, treatment: Bổ sung mới}\n")
    assert appraise([str(f)], ARCH, framework="4.0").appraisals[0].candidates == ()
    a = appraise([str(f)], ARCH, framework="9425", framework_dirs=[fw]).appraisals[0]
    [cand] = a.candidates
    assert (cand.target.code, cand.target.from_framework) == ("national-virtual-assistant", True)
    assert [_key(m) for m in cand.reasons] == ["reason-function", "reason-kind", "reason-national"]
    assert _outcomes(a)["QD1132"] == "cannot-verify"
    result = CliRunner().invoke(main, ["appraise", str(f), "--architecture", ARCH, "--framework", "9425",
                                       "--frameworks", str(fw)])
    assert "~ national-virtual-assistant (Trợ lý ảo quốc gia)" in result.output


def test_the_examples_own_1425_brings_appendix_ii_platforms(tmp_path: Path) -> None:
    """The example architecture follows 1425, so Appendix II's national virtual assistant is a candidate."""
    f = _proposal_file(tmp_path, "name: X\nobjects:\n  - {code: mới, name: Trợ lý ảo phục vụ người dân tỉnh, "
                                 "layer: Ứng dụng và nghiệp vụ dùng chung, treatment: Bổ sung mới}\n")
    assert load_model(ARCH).provinces[0].framework == "1425"
    [cand] = appraise([str(f)], ARCH).appraisals[0].candidates
    assert (cand.target.code, cand.target.from_framework) == ("national-virtual-assistant", True)


def test_a_data_set_without_a_framework_is_told_the_newest_by_its_date() -> None:
    result = CliRunner().invoke(main, ["appraise", str(PROJECTS), "--architecture", WORKBOOK])
    assert result.exit_code == 2
    assert "hint: name one with --framework (the newest issued by 2026-12-01: --framework 1425)" in result.output
