"""``--lang en|vi|both``: one option, one meaning, one default, on every command that prints prose;
the machine formats in English with each finding's message_id (issue 31)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from archcheck import catalogue
from archcheck.cli import lang as cli_lang
from archcheck.cli import main
from archcheck.report import REPORTERS, ReportOptions
from archcheck.report.options import DEFAULT_LANG
from tests.conftest import ROOT
from tests.test_golden import ci_run

LAMDONG = str(ROOT / "province_models" / "lamdong.yaml")
DANANG = str(ROOT / "province_models" / "danang.yaml")

PROSE = {
    "validate": ["validate", LAMDONG],
    "diff models": ["diff", "models", str(ROOT / "province_models" / "lamdong-2017.yaml"), LAMDONG],
    "diff frameworks": ["diff", "frameworks", "1.0", "2.0"],
    "progress": ["progress", DANANG],
    "kinds": ["kinds", "--search", "lgsp"],
    "rules list": ["rules", "list", "--framework", "1.0"],
    "rules show": ["rules", "show", "DOC-002"],
    "score": ["score", LAMDONG],
    "graph": ["graph", LAMDONG],
    "appraise": ["appraise", str(ROOT / "examples" / "appraisal" / "projects"), "--architecture",
                 str(ROOT / "examples" / "appraisal" / "architecture.yaml")],
}


def _run(args: list[str]) -> tuple[int, str]:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, [*args, "--no-config"] if args[0] != "kinds" else args)
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout


def test_the_cli_names_the_catalogues_languages_and_the_reports_default() -> None:
    assert cli_lang.LANGS == catalogue.LANGS
    assert cli_lang.DEFAULT_LANG == DEFAULT_LANG == ReportOptions().lang == "en"


@pytest.mark.parametrize("command", list(PROSE))
def test_every_command_that_prints_prose_takes_each_language(command: str) -> None:
    outputs = {}
    for lang in (None, "en", "vi", "both"):
        code, out = _run(PROSE[command] + ([] if lang is None else ["--lang", lang]))
        assert code in (0, 1), (command, lang, out)
        outputs[lang] = out
    assert outputs[None] == outputs["en"], command  # the default is en
    assert outputs["vi"] != outputs["en"], command
    assert outputs["both"] not in (outputs["vi"], outputs["en"]), command


def test_the_configuration_sets_the_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".archcheck.toml").write_text('lang = "vi"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    said = CliRunner().invoke(main, ["validate", LAMDONG]).stdout
    assert said.splitlines()[-1].startswith("đã kiểm tra 1 tỉnh")
    assert CliRunner().invoke(main, ["progress", DANANG]).stdout.startswith(f"{DANANG}: Đà Nẵng — thiết kế đến")
    english = CliRunner().invoke(main, ["validate", LAMDONG, "--lang", "en"]).stdout
    assert english.splitlines()[-1].startswith("1 province checked")


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "gitlab"])
def test_machine_formats_stay_english_and_carry_message_ids(fmt: str) -> None:
    run = ci_run("broken-chain")
    english = REPORTERS[fmt](run, ReportOptions(lang="en"))
    assert REPORTERS[fmt](run, ReportOptions(lang="vi")) == english
    assert REPORTERS[fmt](run, ReportOptions(lang="both")) == english
    ids = {f.message_id for f in run.findings()}
    assert ids
    if fmt == "json":
        said = {f["message_id"] for r in json.loads(english)["reports"] for f in r["findings"]}
    elif fmt == "sarif":
        said = {r["properties"]["messageId"] for r in json.loads(english)["runs"][0]["results"]}
    elif fmt == "gitlab":
        said = {i["message_id"] for i in json.loads(english)}
    else:
        said = {line.split("message_id: ", 1)[1].split("%0A")[0].split("&#10;")[0].split("\n")[0]
                for line in english.replace("&#10;", "\n").splitlines() if "message_id: " in line}
    assert said == ids


def test_compact_follows_the_language_and_keeps_what_problem_matchers_read() -> None:
    import re  # noqa: PLC0415

    from archcheck.report.compact import PATTERN  # noqa: PLC0415

    run = ci_run("broken-chain")
    lines = REPORTERS["compact"](run, ReportOptions(lang="vi")).splitlines()
    assert all(re.match(PATTERN, line) for line in lines[:-1])
    assert lines[-1] == "đã kiểm tra 1 tỉnh: 5 lỗi, 7 cảnh báo, 0 thông tin; không đạt từ mức lỗi trở lên → mã thoát 1"


def test_html_says_one_word_per_meaning() -> None:
    """'rule' is 'quy tắc' and 'cannot verify' 'chưa thể xác minh' in the HTML as in the text report."""
    run = ci_run("broken-chain")
    page = REPORTERS["html"](run, ReportOptions(lang="vi"))
    assert "quy định" not in page.replace("quy định", "quy định") or "quy tắc có hiệu lực" in page
    assert "quy tắc có hiệu lực ngày" in page
    assert "chưa xác minh được" not in page
    both = REPORTERS["html"](run, ReportOptions(lang="both"))
    assert 'Không đạt: 5 vi phạm ở mức lỗi trở lên<br><span class="en">Does not pass: 5 violations at error or ' \
        "worse</span>" in both


def test_the_catalogue_is_read_without_a_yaml_parser_as_yaml_reads_it() -> None:
    text = catalogue.CATALOGUE_FILE.read_text(encoding="utf-8")
    assert catalogue.read_lines(text) == {k: (v["en"], v["vi"]) for k, v in yaml.safe_load(text).items()}
    assert catalogue.read_lines('a.b: {en: "x: y", vi: x}\n') == {"a.b": ("x: y", "x")}
    assert catalogue.read_lines("a.b: {en: yes, vi: x}\n") is None  # YAML would read a boolean: the parser decides
    assert catalogue.read_lines("a.b:\n  en: x\n  vi: y\n") is None
