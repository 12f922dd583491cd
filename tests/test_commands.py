"""The README's command table is complete and says what --help says (issue 34); `rules show` knows every id a
finding can carry; shell completion, as the README documents it, completes framework versions and rule ids."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from archcheck.cli import main
from archcheck.cli.complete import GATE_IDS
from archcheck.compare.gate import GATE_RULES
from archcheck.law.frameworks import available
from archcheck.read.schemas import shipped_files
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
NOT_IN_ROWS = {"--help", "--no-config"}  # said once under the table


def _leaves(cmd: click.Command, path: tuple[str, ...] = ()) -> dict[str, click.Command]:
    if isinstance(cmd, click.Group):
        return {k: v for name in sorted(cmd.commands) for k, v in _leaves(cmd.commands[name], (*path, name)).items()}
    return {" ".join(path): cmd}


LEAVES = _leaves(main)
ROWS = [m.group(1).replace("\\|", "|") for m in re.finditer(r"^\| `(archcheck [^`]+)` \|", README, re.M)]


def _row(path: str) -> str:
    rows = [r for r in ROWS if re.match(rf"archcheck {re.escape(path)}( |$)", r)]
    assert len(rows) == 1, (path, rows)
    return rows[0]


def test_every_command_has_one_row() -> None:
    assert len(ROWS) == len(LEAVES)
    for path in LEAVES:
        _row(path)


@pytest.mark.parametrize("path", sorted(LEAVES))
def test_a_row_says_what_help_says(path: str) -> None:
    cmd, row = LEAVES[path], _row(path)
    options = {p.opts[0]: p for p in cmd.params if isinstance(p, click.Option)}
    long_names = {o for p in cmd.params for o in p.opts if o.startswith("--")}
    written = re.findall(r"\[(--[a-z-]+)([^\]]*)\](\.\.\.)?", row)
    # a required option is written without brackets: `--architecture ARCH`
    written += [(n, v, "") for n, v in re.findall(r"(?<=[` ])(--[a-z-]+)( [A-Z][A-Za-z.]*)(?=[ `])", row)]
    for name, _, _ in written:
        if not row.count(f"[{name}") and name in options:
            assert options[name].required, f"{name}: brackets exactly where the option is optional"
    assert {w for w, _, _ in written} <= long_names, "the row names an option the command does not have"
    assert sorted(w for w, _, _ in written) == sorted(set(options) - NOT_IN_ROWS), "an option is missing"
    for name, value, repeated in written:
        param = options[name]
        assert bool(repeated) == param.multiple, f"{name}: `...` exactly where the option is repeatable"
        assert bool(value.strip()) == (not param.is_flag), f"{name}: a value exactly where it takes one"
        if isinstance(param.type, click.Choice) and "|" in value:
            assert value.strip().split("|") == list(param.type.choices), name
    for arg in (p for p in cmd.params if isinstance(p, click.Argument)):
        if arg.nargs == -1:
            assert re.search(r" [A-Z]+\.\.\.", row), f"{path}: takes several {arg.name}"
        elif isinstance(arg.type, click.Choice):
            assert "|".join(arg.type.choices) in row
    if not any(isinstance(p, click.Argument) and p.nargs == -1 for p in cmd.params):
        assert not re.search(r" [A-Z]+\.\.\.", row), f"{path}: takes one file per argument"
    help_text = CliRunner().invoke(main, [*path.split(), "--help"]).stdout
    for name in options:
        assert name in help_text


@pytest.mark.parametrize("rule_id", [*(f.name.removesuffix(".yaml") for f, _ in shipped_files("rules")),
                                     *GATE_RULES])
def test_rules_show_knows_every_id_a_finding_can_carry(rule_id: str) -> None:
    result = CliRunner().invoke(main, ["rules", "show", rule_id])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{rule_id} ")


def test_rules_show_of_an_expired_waiver() -> None:
    result = CliRunner().invoke(main, ["rules", "show", "waiver-expired"])
    assert result.stdout.splitlines()[:4] == [
        "WVR-001 waiver-expired", "  Miễn trừ chỉ có hiệu lực đến ngày hết hạn",
        "  A waiver applies only until its expiry date",
        "severity: error (a finding of the gate, not of a rule file; every framework)"]
    assert tuple(GATE_RULES) == GATE_IDS


def _complete(words: str) -> list[str]:
    """What bash completion offers for ``words`` (the README's set-up: click's bash_complete)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_ARCHCHECK_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    done = subprocess.run([sys.executable, "-c", "import sys; from archcheck.cli import main; "
                           "main(prog_name='archcheck')"], env=env, capture_output=True, text=True, check=False)
    return [line.partition(",")[2] for line in done.stdout.splitlines()]


def test_completion_of_versions_and_rule_ids() -> None:
    assert sorted(_complete("archcheck validate m.yaml --framework ")) == sorted(available(()))
    assert _complete("archcheck diff frameworks 1") == ["1.0", "1425"]
    assert _complete("archcheck rules show wvr") == ["WVR-001", "WVR-002"]
    assert _complete("archcheck rules show BSL") == ["BSL-001"]
    assert _complete("archcheck schema r") == ["rule", "report"]


def test_completion_is_documented() -> None:
    section = README[README.index("### Shell completion"):]
    section = section[:section.index("\n## ")]
    for shell in ("bash", "zsh", "fish"):
        assert f"_ARCHCHECK_COMPLETE={shell}_source archcheck" in section
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_ARCHCHECK_COMPLETE": "bash_source"}
    script = subprocess.run([sys.executable, "-c", "from archcheck.cli import main; main(prog_name='archcheck')"],
                            env=env, capture_output=True, text=True, check=False).stdout
    assert "_archcheck_completion" in script


def _said(*args: str) -> list[str]:
    result = CliRunner().invoke(main, [*args, "--no-config"])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.mark.parametrize("rule_id", list(GATE_RULES))
def test_rules_show_of_a_gate_finding_in_each_language(rule_id: str) -> None:
    g = GATE_RULES[rule_id]
    english = _said("rules", "show", rule_id, "--lang", "en")
    assert english == _said("rules", "show", rule_id)  # English is the default
    assert [line.split(":", 1)[0] for line in english[3:]] == ["severity", "source", "when", "rationale", "remediation"]
    assert english[1:3] == [f"  {g.title_vi}", f"  {g.title_en}"]
    vi = _said("rules", "show", rule_id, "--lang", "vi")
    assert vi[:2] == [f"{g.id} {g.name}", f"  {g.title_vi}"]
    labels = ["mức độ", "nguồn", "áp dụng khi", "lý do", "cách khắc phục"]
    assert [line.split(": ", 1)[0] for line in vi[2:]] == labels
    grade = "lỗi" if g.severity.value == "error" else "cảnh báo"
    assert vi[2].startswith(f"mức độ: {grade} (phát hiện về tệp miễn trừ")
    assert "every framework" not in vi[2] and "a finding of the gate" not in vi[2]
    both = _said("rules", "show", rule_id, "--lang", "both")
    assert both == [*vi, "", f"{g.id} {g.name}", f"  {g.title_en}", *english[3:]]


def test_rules_show_in_vietnamese_says_grades_and_binding_in_vietnamese() -> None:
    vi = _said("rules", "show", "SEC-001", "--lang", "vi")
    assert vi[2] == "mức độ: lỗi (theo khung kiến trúc: 1.0: lỗi, 2.0: lỗi, 3.0: lỗi, 4.0: lỗi, 3090: lỗi, 1425: lỗi)"
    assert vi[3] == "tính bắt buộc: pháp luật"
    assert _said("rules", "show", "DOC-004", "--lang", "vi")[3] == "tính bắt buộc: khuyến nghị"
    en = _said("rules", "show", "SEC-001")
    assert en[2:4] == ["severity: error (by framework: 1.0: error, 2.0: error, 3.0: error, 4.0: error, 3090: error, "
                       "1425: error)", "binding: law"]
    # the source in the rule's own Vietnamese (its `vi` block, by field: document and clause)
    assert _said("rules", "show", "ADM-001", "--lang", "vi")[4].startswith(
        "nguồn: Luật 72/2025/QH15 về Tổ chức chính quyền địa phương, khoản 3 Điều 51 ")
    labels = [line.split(": ", 1)[0] for line in vi[2:] if not line.startswith(" ")]
    assert labels == ["mức độ", "tính bắt buộc", "nguồn", "hiệu lực", "lý do", "cách khắc phục", "kiểu kiểm tra",
                      "ví dụ", "tệp"]


def test_rules_list_says_severity_and_binding_in_the_language_in_aligned_columns() -> None:
    en = _said("rules", "list")
    assert en[0].startswith("ADM-001   error    2025-07-01               law            no-district-level")
    vi = _said("rules", "list", "--lang", "vi")
    rows = [line for line in vi if re.match(r"[A-Z]+-\d+ ", line)]
    assert rows[0].startswith("ADM-001   lỗi        2025-07-01               pháp luật      no-district-level")
    assert {line[10:20].strip() for line in rows} == {"lỗi", "cảnh báo", "thông tin"}
    assert {line[46:60].strip() for line in rows} == {"pháp luật", "khuyến nghị"}
    starts = (21, 46, 61)  # severity at 10, date at 21, binding at 46, name at 61: the same on every row
    assert all(all(line[i - 1] == " " != line[i] for i in starts) for line in rows)
    assert vi[-1] == en[-1].replace(" rules", " quy tắc")
    both = [line for line in _said("rules", "list", "--lang", "both") if re.match(r"[A-Z]+-\d+ ", line)]
    assert both[0].startswith("ADM-001   lỗi / error         2025-07-01")
    assert "pháp luật / law" in both[0]
    assert not any(" /  (" in line for line in both), "the unconfirmed mark said once per language"
