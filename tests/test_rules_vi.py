"""A rule's rationale and the name of the document that ended it in Vietnamese (``vi.rationale``,
``vi.ended_by_document``), looked up by field (issue 31): ``rules show --lang vi`` says them in Vietnamese,
``--lang en`` as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.catalogue import say
from archcheck.cli import main
from archcheck.law.rules import builtin_rules
from tests.conftest import ROOT

RULES = builtin_rules()

# words of running English prose that no Vietnamese sentence contains
_ENGLISH = re.compile(r"\b(the|and|of|is|are|which|that|with|from|without|every|cannot)\b")


def _show(rule_id: str, lang: str) -> str:
    result = CliRunner().invoke(main, ["rules", "show", rule_id, "--lang", lang])
    assert result.exit_code == 0, result.output
    return result.output


def _line(output: str, label: str) -> str:
    [line] = [x for x in output.splitlines() if x.startswith(label)]
    return line


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_builtin_rule_has_a_vietnamese_rationale(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.vi.get("rationale"), f"{rule.file}: no vi.rationale"
    prose = rule.prose("rationale")
    assert prose == rule.rationale  # behaves as its English
    assert say(prose, "vi") == rule.vi["rationale"] != rule.rationale
    assert not _ENGLISH.search(rule.vi["rationale"]), rule.vi["rationale"]


def test_every_ending_document_with_words_is_said_in_vietnamese() -> None:
    ended = [r for r in RULES.values() if r.ended_by is not None]
    assert ended
    for rule in ended:
        assert rule.ended_by is not None
        document = rule.ended_by.document
        if re.search(r"[A-Za-z]{3,}", document.replace("QĐ-TTg", "").replace("NĐ-CP", "")):
            assert say(document, "vi") != document, f"{rule.id}: {document} has no vi.ended_by_document"
    sec = RULES["SEC-001"]
    assert sec.ended_by is not None
    assert str(sec.ended_by.document) == "Law 116/2025/QH15 (Luật An ninh mạng)"
    assert say(sec.ended_by.document, "vi") == "Luật 116/2025/QH15 (Luật An ninh mạng)"
    assert say(sec.ended_reason(), "vi").startswith(
        "chấm dứt từ 2026-07-01 theo Luật 116/2025/QH15 (Luật An ninh mạng)")
    assert "Law 116/2025/QH15 (Luật An ninh mạng), replaced by" in say(sec.ended_reason(), "en")


def test_rules_show_vi_says_the_rationale_in_vietnamese() -> None:
    line = _line(_show("ADM-001", "vi"), "lý do: ")
    assert line == "lý do: " + RULES["ADM-001"].vi["rationale"]
    assert line.startswith("lý do: Từ ngày 1 tháng 7 năm 2025, chính quyền địa phương ở Việt Nam có hai cấp")
    assert not _ENGLISH.search(line)
    assert "hiệu lực: từ 2016-07-01, chấm dứt từ 2026-07-01 theo Luật 116/2025/QH15" in _show("SEC-001", "vi")


def test_rules_show_both_says_the_rationale_in_each_language() -> None:
    out = _show("DVC-010", "both")
    assert "lý do: " + RULES["DVC-010"].vi["rationale"] in out
    assert "rationale: " + RULES["DVC-010"].rationale in out


@pytest.mark.parametrize("rule_id", ["ADM-001", "DOC-002", "SEC-001", "MAU-003"])
def test_rules_show_en_keeps_the_english_rationale(rule_id: str) -> None:
    out = _show(rule_id, "en")
    rule = RULES[rule_id]
    assert _line(out, "rationale: ") == "rationale: " + " ".join(rule.rationale.split())
    assert rule.vi["rationale"] not in out
    assert "Luật 116/2025/QH15" not in out


def test_rules_show_en_of_sec_001_is_as_it_was() -> None:
    out = _show("SEC-001", "en")
    assert _line(out, "lifetime: ").startswith(
        "lifetime: from 2016-07-01, ended 2026-07-01 by Law 116/2025/QH15 (Luật An ninh mạng), replaced by SEC-005")
    assert _line(out, "rationale: ") == (
        "rationale: NĐ 85/2016 requires each information system to be classified at a security level from 1 to 5 "
        "and protected accordingly; an architecture that does not record the level cannot show the protection plan "
        "fits the system.")


def test_a_vietnamese_ending_for_a_rule_that_did_not_end_is_refused(tmp_path: Path) -> None:
    text = (ROOT / "rules" / "ADM-001.yaml").read_text(encoding="utf-8")
    (tmp_path / "ADM-001.yaml").write_text(text + "  ended_by_document: Luật 1/2025/QH15\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "show", "ADM-001", "--rules", str(tmp_path)])
    assert result.exit_code == 2
    assert "vi.ended_by_document translates a field the rule does not have" in result.output
    assert "ADM-001.yaml" in result.output
