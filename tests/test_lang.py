"""``--lang vi`` and ``--lang en``: the text report in one language.

With ``--lang vi`` every sentence of the text report comes from the message catalogue
(archcheck/report/i18n.py) or from a rule's ``vi`` block: the translator records anything it could
not translate, and for every shipped model (each framework, two dates, every option that adds text)
and every rule example that record stays empty, and no English word is left. With ``--lang en`` no
Vietnamese is left except the names of components, provinces, frameworks and documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from archcheck import api
from archcheck.catalogue import Message, Text, msg
from archcheck.check.examples import run_examples
from archcheck.cli import main
from archcheck.report.i18n import translator
from archcheck.report.options import ReportOptions
from archcheck.report.text import _render

ROOT = Path(__file__).resolve().parent.parent
MODELS = sorted((ROOT / "province_models").glob("*.yaml"))
CASES = [(fw, as_of) for fw in (None, "1.0", "2.0", "3.0", "4.0") for as_of in (None, dt.date(2026, 12, 1))]

# English words that no Vietnamese sentence of the report may hold (identifiers, code in backticks,
# option names and quotes are taken out first).
ENGLISH = re.compile(r"\b(the|is|of|and|to|from|not|no|has|by|at|in|or|with|only|are|this|that|which|must|"
                     r"each|every|level|connection|connections|system|verify|cannot|found|expected|required|"
                     r"source|fix|rules?|passed|failed|errors?|warnings?|checked|exit|unknown|stated|model|"
                     r"framework|reaches|through|over|units|coverage|present|operation|planned)\b", re.IGNORECASE)
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)


def _names(node: Any) -> Iterator[str]:
    """Every ``name:`` (and the province's) in a model: names stay as the model writes them."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("name", "title") and isinstance(value, str):
                yield value
            yield from _names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _names(item)


def _without_names(text: str, model: Path, run: api.ValidationRun) -> str:
    allowed = set(_names(yaml.safe_load(model.read_text(encoding="utf-8"))))
    for r in run.reports:
        allowed |= {r.province, r.framework.title_vi, r.framework.document}
        allowed |= {f.citation.document for f in r.findings} | {str(k.document) for k in r.kpis}
        allowed |= {str(rid_why) for _, rid_why in r.rules_ended}  # "ended … by NĐ 42/2022/NĐ-CP": a document
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, "")
    # Documents named by number inside a clause (NĐ 47/2020, QĐ 274/QĐ-TTg), the system's official
    # abbreviation QLVB&ĐH, and a source's own term quoted in a clause ("cấp tỉnh") are names too, and so
    # is a place in a document cited by its own heading (QĐ 1425/QĐ-TTg Hình 8).
    return re.sub(r"\b(?:NĐ|QĐ|TT|CV|CT|NQ)[ -][\w/.-]+|\bHình \d+|QLVB&ĐH|\(\"[^\"]*\"\)", "", text)


def _english_left(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        bare = re.sub(r"[\w.]+: unknown\b", " ", line)  # YAML as the model has it
        bare = re.sub(r"`[^`]*`|\"[^\"]*\"|“[^”]*”|--[\w-]+|\S*[-_./→>\[\]]\S*|\([^()]*\([^()]*\)[^()]*\)", " ", bare)
        bare = re.sub(r"\b[a-z]+(?:-[a-z]+)+\b", " ", bare)  # ids
        if ENGLISH.search(bare):
            out.append(line)
    return out


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_vietnamese_report_of_every_shipped_model_is_all_from_the_catalogue(model: Path) -> None:
    for framework, as_of in CASES:
        run = api.validate([model], framework=framework, as_of=as_of)
        t = translator("vi")
        text = _render(run, ReportOptions(lang="vi", verbose=True, show_passed=True), t)
        assert t.missed == [], (framework, as_of, t.missed)
        assert _english_left(_without_names(text, model, run)) == [], (framework, as_of)


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_english_report_of_every_shipped_model_has_no_vietnamese_but_names(model: Path) -> None:
    for framework, as_of in CASES:
        run = api.validate([model], framework=framework, as_of=as_of)
        text = _render(run, ReportOptions(lang="en", verbose=True, show_passed=True), translator("en"))
        # the sources' own words, quoted, stay as the sources write them
        bare = re.sub(r'"[^"]*"|“[^”]*”', "", _without_names(text, model, run))
        left = [ln for ln in bare.splitlines() if VIETNAMESE.search(ln)]
        assert left == [], (framework, as_of)


def test_every_rule_example_finding_has_its_vietnamese() -> None:
    rules = api.builtin_rules()
    t = translator("vi")
    for rule in rules.values():
        for outcome in run_examples(rule):
            for f in outcome.findings:
                t.message(f.said)
                for part in (f.evidence.expected, f.evidence.actual):
                    if part:
                        t.message(part)
    assert t.missed == []


def test_every_rule_has_vietnamese_for_its_prose() -> None:
    missing = {}
    for rule in api.builtin_rules().values():
        fields = ["remediation", "clause", "target", "replaced_by"]
        lacking = [f for f in fields if rule.english(f) and rule.prose(f).vi is None]
        if lacking:
            missing[rule.id] = lacking
    assert missing == {}


def test_lang_vi_on_the_command_line() -> None:
    result = CliRunner().invoke(main, ["validate", str(ROOT / "province_models" / "lamdong.yaml"), "--lang", "vi"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("  khung kiến trúc 1.0: Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 1.0")
    assert lines[2] == ("  đánh giá tại ngày 2018-08-26 (ngày as_of của mô hình); 11 quy tắc có hiệu lực, "
                        "35 quy tắc chưa có hiệu lực")
    assert lines[3] == "  quy tắc: 5 đạt, 0 không đạt, 6 chưa thể xác minh, 0 không áp dụng"
    assert ("      chưa thể xác minh: chưa rõ ttdl (data-centre) có tồn tại hay không") in lines
    assert lines[-1] == "đã kiểm tra 1 tỉnh: 0 lỗi, 0 cảnh báo, 9 thông tin; không đạt từ mức lỗi trở lên → mã thoát 0"
    assert "The province has a data centre (or government cloud) for its shared systems" not in result.stdout


def test_lang_en_drops_the_vietnamese_titles_and_keeps_the_quotes() -> None:
    """The sources' own words are quoted as they are in every language, like names."""
    result = CliRunner().invoke(main, ["validate", str(ROOT / "province_models" / "lamdong.yaml"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "      The province has a data centre (or government cloud) for its shared systems" in result.stdout
    assert "Tỉnh có Trung tâm dữ liệu" not in result.stdout
    assert '      model fact from moha-2018: "nâng cấp hệ thống máy chủ"\n' in result.stdout


def test_without_lang_the_report_is_in_english() -> None:
    model = str(ROOT / "province_models" / "lamdong.yaml")
    default = CliRunner().invoke(main, ["validate", model]).stdout
    assert default == CliRunner().invoke(main, ["validate", model, "--lang", "en"]).stdout
    assert "Tỉnh có Trung tâm dữ liệu" not in default


def test_lang_both_says_each_title_message_and_fix_in_vietnamese_then_english() -> None:
    result = CliRunner().invoke(main, ["validate", str(ROOT / "province_models" / "lamdong.yaml"), "--lang", "both"])
    assert result.exit_code == 0, result.output
    assert "      Tỉnh có Trung tâm dữ liệu (hoặc hạ tầng điện toán đám mây) cho các hệ thống dùng chung\n" \
        "      The province has a data centre (or government cloud) for its shared systems\n" \
        "      chưa thể xác minh: chưa rõ ttdl (data-centre) có tồn tại hay không\n" \
        "      cannot verify: whether ttdl (data-centre) exists is unknown\n" in result.stdout
    lines = result.stdout.splitlines()
    assert lines[-2:] == [
        "đã kiểm tra 1 tỉnh: 0 lỗi, 0 cảnh báo, 9 thông tin; không đạt từ mức lỗi trở lên → mã thoát 0",
        "1 province checked: 0 errors, 0 warnings, 9 info; failing on error or worse → exit 0"]
    assert "  quy tắc / rules: 5 đạt / passed, 0 không đạt / failed, 6 chưa thể xác minh / cannot verify, " \
        "0 không áp dụng / not applicable" in lines


def test_the_gate_in_vietnamese_is_all_from_the_catalogue() -> None:
    """Waived, baselined and fixed findings, and the findings about the waivers and the baseline."""
    from tests.test_golden import ci_run  # noqa: PLC0415

    run = ci_run("broken-chain-gated")
    t = translator("vi")
    text = _render(run, ReportOptions(lang="vi", verbose=True), t)
    assert t.missed == []
    gate = text[text.index("broken-chain.waivers.yaml: các miễn trừ"):]
    user_text = set(re.findall(r": ([A-Z][^:]*\.)$", gate, re.MULTILINE))  # the waivers' reasons
    left = [ln for ln in _english_left(gate) if not any(u in ln for u in user_text)
            and "an old finding the model no longer has" not in ln]  # the baseline's own record
    assert left == []


def test_markdown_in_vietnamese_on_the_command_line() -> None:
    model = str(ROOT / "province_models" / "lamdong.yaml")
    result = CliRunner().invoke(main, ["validate", model, "--format", "markdown", "--lang", "vi"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "## archcheck: ✅ đạt (mã thoát 0)"
    assert lines[2] == "Đã kiểm tra 1 tỉnh: **0 lỗi**, 0 cảnh báo, 9 thông tin; không đạt từ mức lỗi trở lên."
    assert "| Vị trí | Quy tắc | Đối tượng | Phát hiện | Nguồn |" in lines
    english = CliRunner().invoke(main, ["validate", model, "--format", "markdown"]).stdout
    assert english.splitlines()[0] == "## archcheck: ✅ passes (exit 0)"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("case", [*(m.name for m in MODELS), "broken-chain-gated"])
def test_html_and_markdown_in_vietnamese_are_all_from_the_catalogue(fmt: str, case: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages a decision-maker or a reviewer reads: with --lang vi no message is left in English."""
    import importlib  # noqa: PLC0415

    from archcheck.report import REPORTERS  # noqa: PLC0415
    from tests.test_golden import ci_run  # noqa: PLC0415

    module = importlib.import_module(f"archcheck.report.{fmt}")
    made = []

    def keep(lang: str | None) -> Any:
        made.append(text_translator_of(lang))
        return made[-1]

    text_translator_of = module.translator
    monkeypatch.setattr(module, "translator", keep)
    run = ci_run(case) if case == "broken-chain-gated" else api.validate([ROOT / "province_models" / case])
    out = REPORTERS[fmt](run, ReportOptions(lang="vi"))
    assert len(made) == 1 and made[0].missed == [], made[0].missed
    if run.findings():
        assert made[0].message(run.findings()[0].message) in out.replace("&amp;", "&").replace("&gt;", ">")


def test_a_rules_prose_is_said_by_its_field_never_by_its_english() -> None:
    """A user's rule without Vietnamese is printed as it is and recorded, never half-translated; prose a
    rule file writes in both languages (a Text) is said in the language asked; the gate's own prose
    (WVR-, BSL-) is the catalogue's."""
    t = translator("vi")
    for english in ("Note: the portal is not optional.", "ended 2020-01-01 by a later decision"):
        assert t.text(english) == english
    assert t.text("fixed") == "fixed"  # a word, not prose: printed as it is, not a sentence missed
    assert t.missed == ["Note: the portal is not optional.", "ended 2020-01-01 by a later decision"]
    assert t.text(Text("Remove the waiver.", "Xoá miễn trừ.")) == "Xoá miễn trừ."
    assert t.message(msg("gate.fixed")) == "đã sửa"
    assert len(t.missed) == 2


def test_a_design_horizon_the_model_does_not_give_is_said_in_vietnamese() -> None:
    run = api.validate([ROOT / "province_models" / "danang.yaml"], view="design")
    note = run.reports[0].evaluation.note
    assert isinstance(note, Message)
    t = translator("vi")
    assert "góc nhìn thiết kế, toàn bộ lộ trình" in t.message(note)
    assert t.missed == []


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_both_says_each_finding_in_vietnamese_then_in_english(model: Path) -> None:
    """``--lang both``: nothing missed, and every finding's Vietnamese line followed by its English one."""
    run = api.validate([model])
    t = translator("both")
    lines = _render(run, ReportOptions(lang="both", verbose=True), t).splitlines()
    assert t.missed == []
    for f in run.findings():
        vi, en = translator("vi").message(f.said), f.text("en")
        if vi != en:
            assert lines[lines.index(f"      {vi}") + 1] == f"      {en}"
