"""The HTML reporter without a browser: structure, escaping, determinism (tests/test_browser.py renders it)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from click.testing import CliRunner

from archcheck import api
from archcheck.cli import main
from archcheck.report import REPORTERS, ReportOptions
from archcheck.report.html import SCRIPT
from tests.conftest import ROOT


def _render(paths: list[Path], lang: str | None = "vi", outline: bool = True) -> tuple[str, api.ValidationRun]:
    run = api.validate(paths, framework="2.0", outline=outline)
    return REPORTERS["html"](run, ReportOptions(lang=lang)), run


def test_one_page_with_verdict_drawing_and_every_finding() -> None:
    html, run = _render([ROOT / "province_models/lamdong.yaml"])
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 1
    assert '<p class="headline">Không đạt: 1 vi phạm ở mức lỗi trở lên</p>' in html
    assert html.count('<article class="finding') == len(run.reports[0].findings)
    assert html.count('<article class="finding cannot-verify"') == sum(1 for f in run.reports[0].findings
                                                                       if f.unverifiable)
    # nothing to load from anywhere: no link, no external URL in an attribute, and one script, the
    # page's own zoom, which the Content-Security-Policy allows by its hash (and no other)
    assert html.count("<script") == 1 and f"<script>{SCRIPT}</script>" in html and "<link" not in html
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html and "script-src 'unsafe-inline'" not in html
    assert not re.search(r'(src|href)="(?!#)', html)
    assert "@media print" in html and "size: A4" in html


def test_areas_group_the_findings() -> None:
    html, _ = _render([ROOT / "province_models/lamdong.yaml"], lang="en")
    areas = re.findall(r'<section class="area" data-area="([a-z-]+)">', html)
    assert areas == ["documents", "integration", "public-services", "security", "infrastructure"]


def test_national_run_has_a_summary_and_unique_drawing_ids() -> None:
    html, _ = _render([ROOT / "province_models/lamdong.yaml", ROOT / "province_models/phutho.yaml"], lang=None)
    assert '<section class="summary">' in html
    ids = re.findall(r'<marker id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) > 0


def test_without_outline_the_page_says_there_is_no_drawing() -> None:
    html, _ = _render([ROOT / "province_models/lamdong.yaml"], lang="en", outline=False)
    assert "<svg" not in html and "No drawing" in html


def test_deterministic_and_from_the_cli(tmp_path: Path) -> None:
    first, _ = _render([ROOT / "province_models/phutho.yaml"])
    assert first == _render([ROOT / "province_models/phutho.yaml"])[0]
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["validate", str(ROOT / "province_models/phutho.yaml"), "--format", "html",
                                       "-o", str(out)])
    assert result.exit_code == 0 and "<svg" in out.read_text(encoding="utf-8")
