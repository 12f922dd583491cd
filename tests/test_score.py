"""`archcheck score`: golden scorecards of the shipped models and of a generated national file.

Regenerate the golden files after an intended change with:
    ARCHCHECK_REGEN=1 python -m pytest tests/test_score.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck import api
from archcheck.catalogue import Message, catalogue, say
from archcheck.cli import main
from archcheck.findings import Outcome
from archcheck.report.score import FORMATS, Tally, scorecard
from benchmarks.generate import document, province
from tests.conftest import GOLDEN, ROOT

SHIPPED = ["province_models/lamdong-2017.yaml", "province_models/lamdong.yaml", "province_models/phutho.yaml",
           "province_models/danang.yaml"]
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "html": "html"}


def _score(*args: str) -> tuple[int, str]:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["score", *args])
    finally:
        os.chdir(cwd)
    return result.exit_code, result.output


def _golden(name: str, got: str) -> None:
    golden = GOLDEN / "score" / name
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden_scorecard_of_the_shipped_models(fmt: str) -> None:
    code, out = _score(*SHIPPED, "--framework", "2.0", "--as-of", "2022-01-01", "--format", fmt, "--lang", "both")
    assert code == 0, out
    _golden(f"shipped-2.0-2022.{SUFFIX[fmt]}", out)


def test_golden_scorecard_in_each_language() -> None:
    for lang in ("vi", "en"):
        code, out = _score(*SHIPPED, "--lang", lang)
        assert code == 0, out
        _golden(f"shipped-{lang}.txt", out)


def test_the_scorecard_says_the_catalogues_words_in_one_meaning_of_each_language() -> None:
    """Every word of the scorecard is the catalogue's: ``both`` is the default (None), ``vi`` shows no
    English word of the scorecard's keys (its own, the areas', the shared outcome words it uses), ``en`` no
    Vietnamese one; the arithmetic is the same in every language."""
    run = api.validate([ROOT / p for p in SHIPPED], framework="2.0", outline=True)
    card = scorecard(run.reports, run.rules)
    keys = [k for k in catalogue() if k.split(".")[0] in ("score", "area")] + [
        "target-state.met", "target-state.below", "target-state.missed", "outcome.failed", "outcome.cannot-verify",
        "outcome.not-applicable", "outcome.target", "word.framework"]
    for fmt in ("text", "markdown", "html"):
        write = FORMATS[fmt]
        assert write(card, "both") == write(card, None), fmt
        # what a reader sees: the page's text, not its style or markup
        shown = {lang: re.sub(r"<style>.*?</style>|<[^>]*>", " ", write(card, lang), flags=re.S)
                 for lang in ("vi", "en")}
        for key in keys:
            en, vi = say(Message(key), "en"), say(Message(key), "vi")
            for text, other in ((en, shown["vi"]), (vi, shown["en"])):
                # a word as a whole word, either case (the column heads are capitalised)
                assert en == vi or not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", other, re.I), (fmt, key, text)


@pytest.fixture(scope="module")
def nation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("nation") / "nation.yaml"
    path.write_text(document([province(i) for i in range(12)]), encoding="utf-8")
    return path


def test_golden_scorecard_of_a_generated_national_file(nation: Path) -> None:
    result = CliRunner().invoke(main, ["score", str(nation), "--framework", "2.0", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    for p in doc["provinces"]:
        p["file"] = "nation.yaml"  # the temporary folder differs between runs
    _golden("generated-12.json", json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def test_ranking_is_deterministic_and_ties_share_a_rank(nation: Path) -> None:
    run = api.validate([nation], framework="2.0", outline=True)
    first = scorecard(run.reports, run.rules)
    again = scorecard(tuple(reversed(run.reports)), run.rules)
    assert [(p.rank, p.province) for p in first.provinces] == [(p.rank, p.province) for p in again.provinces]
    ranks = [p.rank for p in first.provinces]
    assert ranks == sorted(ranks)  # type: ignore[type-var]
    scores = [p.score for p in first.provinces]
    for i in range(1, len(ranks)):  # a rank is shared exactly when the score is
        assert (ranks[i] == ranks[i - 1]) == (round(scores[i] or 0, 6) == round(scores[i - 1] or 0, 6))
        if ranks[i] != ranks[i - 1]:
            assert ranks[i] == i + 1  # competition ranking: 1, 2, 2, 4


def test_cannot_verify_never_counts_as_met() -> None:
    run = api.validate([ROOT / "province_models/danang.yaml"], outline=True)
    p = scorecard(run.reports, run.rules).provinces[0]
    outcomes = [o.outcome for o in run.reports[0].outcomes]
    assert p.total.met == outcomes.count(Outcome.PASSED)
    assert p.total.cannot_verify == outcomes.count(Outcome.CANNOT_VERIFY)
    assert p.total.cannot_verify > 0
    # a silent model scores lower than one that states the same facts met
    silent = Tally(met=1, cannot_verify=3)
    assert silent.share == 0.25 and Tally(met=1).share == 1.0


def test_the_scorecard_says_it_is_not_the_official_index() -> None:
    code, out = _score("province_models/lamdong.yaml", "--lang", "en")
    assert code == 0
    assert "NOT the ministry's official IT-application index" in out


def test_bad_model_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("province: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(bad)])
    assert result.exit_code == 2 and "bad.yaml:" in result.output
