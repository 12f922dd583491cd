"""Under ``--lang vi``, diff models, diff frameworks, score and progress say causes, model changes,
coverage figures and area weights from the catalogue: no English sentence of the compare layer
(issue 31, review of the diff and scorecard reporters)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck import api
from archcheck.cli import main
from archcheck.compare.frameworks import FrameworkDiff, RuleChange
from archcheck.report.diff_markdown import framework_diff_markdown
from archcheck.report.diff_text import framework_diff_lines
from tests.conftest import ROOT

LAMDONG = str(ROOT / "province_models" / "lamdong.yaml")
LAMDONG_2017 = str(ROOT / "province_models" / "lamdong-2017.yaml")
DANANG = str(ROOT / "province_models" / "danang.yaml")


def _run(*args: str) -> str:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, [*args, "--no-config"])
    finally:
        os.chdir(cwd)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


ENGLISH = ("in force since", "not yet on", "evaluation date", "'s vocabulary", "units-changed", "attribute-changed",
           "coverage-changed", "status-changed", "component-added", "not stated", "more than", "unknown/unknown",
           "the model changed", "no longer applies")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_models_in_vietnamese_says_causes_and_model_changes_from_the_catalogue(fmt: str) -> None:
    out = _run("diff", "models", LAMDONG_2017, LAMDONG, "--lang", "vi", "--verbose", "--format", fmt)
    for english in ENGLISH:
        assert english not in out, english
    assert ("có hiệu lực từ 2018-06-21: chưa có hiệu lực tại ngày 2017-06-08 (ngày đánh giá theo 1.0), "
            "có hiệu lực tại ngày 2018-08-26 (ngày đánh giá theo 1.0)") in out
    assert "đổi số đơn vị: province xã: chưa rõ → 147" in out
    assert "đổi thuộc tính: cong-ttdt security_level: không nêu → chưa rõ" in out
    assert "đổi mức triển khai: motcua xã: chưa rõ/chưa rõ → hơn 30%" in out
    if fmt == "text":
        assert "nguyên nhân: model: đổi trạng thái: cong-ttdt: chưa rõ → đang vận hành" in out


def test_diff_models_in_english_is_unchanged() -> None:
    out = _run("diff", "models", LAMDONG_2017, LAMDONG, "--lang", "en", "--verbose")
    assert "units-changed: province commune: unknown → 147" in out
    assert "coverage-changed: motcua commune: unknown/unknown → more than 30%" in out
    assert ("cause: in-force: in force since 2018-06-21: not yet on 2017-06-08 (the 1.0 evaluation date), "
            "in force on 2018-08-26 (the 1.0 one)") in out


def test_diff_models_in_both_languages_gives_each_cause_in_each() -> None:
    out = _run("diff", "models", LAMDONG_2017, LAMDONG, "--lang", "both", "--verbose")
    assert "nguyên nhân: in-force: có hiệu lực từ 2018-06-21" in out
    assert "cause: in-force: in force since 2018-06-21" in out


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_frameworks_in_vietnamese_says_causes_from_the_catalogue(fmt: str) -> None:
    out = _run("diff", "frameworks", "2.0", "1425", "--model", DANANG, "--lang", "vi", "--format", fmt)
    for english in ENGLISH:
        assert english not in out, english
    assert "(có hiệu lực từ 2025-07-01: chưa có hiệu lực tại ngày 2019-12-31 (ngày đánh giá theo 2.0)" in out
    assert ("loại public-service-portal thuộc bộ từ vựng của khung kiến trúc 2.0, không thuộc bộ từ vựng của "
            "khung kiến trúc 1425") in out
    assert "1425 không còn áp dụng INT-001" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_score_in_vietnamese_says_levels_figures_and_areas(fmt: str) -> None:
    out = _run("score", LAMDONG, LAMDONG_2017, DANANG, "--as-of", "2026-08-01", "--lang", "vi", "--format", fmt)
    for english in ("more than", "unknown", " commune:", " department:", " district:", "integration 1"):
        assert english not in out, english
    assert "xã: hơn 30%" in out
    assert "sở, ngành: 21/21" in out
    assert "xã: chưa rõ/chưa rõ" in out
    if fmt == "text":
        assert "Trọng số lĩnh vực: Tích hợp, chia sẻ dữ liệu: 1; Văn bản điện tử: 1;" in out


def test_score_in_english_keeps_the_figures_and_the_weights_by_id() -> None:
    out = _run("score", LAMDONG, "--as-of", "2026-08-01", "--lang", "en")
    assert "motcua commune: more than 30% (target 100%)" in out
    assert "Area weights: integration 1, documents 1," in out


def test_progress_says_planned_as_validate_does() -> None:
    out = _run("progress", LAMDONG, "--lang", "vi")
    assert "trong thiết kế: 4; đang vận hành: 0; mới có kế hoạch: 4" in out
    assert "      mới có kế hoạch: danh-muc (shared-catalogue)" in out
    assert "planned" not in out
    en = _run("progress", LAMDONG, "--lang", "en")
    assert "in the design: 4; in operation: 0; planned: 4" in en
    assert "      planned: danh-muc (shared-catalogue)" in en


def test_a_changed_rules_aspects_are_said_in_the_language() -> None:
    d = api.diff_frameworks("1.0", "2.0")
    rule = d.rules_added[0]
    changed = RuleChange(rule.rule_id, rule.name, rule.citation,
                         (("effective", "2019-01-01", "2020-01-01"), ("superseded_by", "none", "DOC-009")))
    d = FrameworkDiff(d.old, d.new, (), (), (), (), (), (), (), (changed,))
    vi = "\n".join(framework_diff_lines(d, "vi"))
    assert "      ngày có hiệu lực: 2019-01-01 → 2020-01-01" in vi
    assert "      được thay bằng: không có → DOC-009" in vi
    en = "\n".join(framework_diff_lines(d, "en"))
    assert "      effective: 2019-01-01 → 2020-01-01" in en
    assert "      superseded_by: none → DOC-009" in en
    md = "\n".join(framework_diff_markdown(d, lang="vi"))
    assert "| được thay bằng | không có | DOC-009 |" in md
    assert "| superseded_by | none | DOC-009 |" in "\n".join(framework_diff_markdown(d, lang="en"))
