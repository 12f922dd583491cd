"""The HTML report and the SVG drawing, opened in a real headless Chromium.

Debian's ``chromium`` (installed by ``.ci/run`` when missing) is driven by playwright, launched on
``/usr/bin/chromium`` — playwright's own browser download is never used. The tests assert on what the
browser renders (the verdict, the number of findings shown, the drawing's boxes), that no request
leaves the file, that the page fits a phone's width and prints to A4, and save screenshots under the
test's temporary folder. ``ARCHCHECK_REGEN=1`` also copies the report's screenshot to docs/ for the
README. Without Chromium the tests are skipped with the reason, except in CI, where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the fixture skips (or, in CI, fails) with the reason
    sync_playwright = None

from archcheck import api
from archcheck.report import REPORTERS, ReportOptions
from archcheck.report.drawing import report_scene, requirements, to_svg
from benchmarks.generate import document, province
from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is not installed (Debian package chromium; .ci/run installs it)"
    if sync_playwright is None:
        reason = reason or "playwright is not installed (pip install -e '.[dev]')"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _page(browser: Any, url: str, **context: Any) -> tuple[Any, list[str]]:
    """A page at ``url`` on which every request is recorded and any but ``url`` itself refused."""
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    requests: list[str] = []

    def route(r: Any) -> None:
        requests.append(r.request.url)
        if r.request.url == url:
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.goto(url)
    return page, requests


def _html(tmp_path: Path, paths: list[str], lang: str | None, framework: str | None = "2.0") -> tuple[Path, Any]:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        run = api.validate(paths, framework=framework, outline=True)
    finally:
        os.chdir(cwd)
    target = tmp_path / "report.html"
    target.write_text(REPORTERS["html"](run, ReportOptions(lang=lang)), encoding="utf-8")
    return target, run


def test_html_report_renders_verdict_and_every_finding(browser: Any, tmp_path: Path) -> None:
    target, run = _html(tmp_path, ["province_models/lamdong.yaml"], "vi")
    url = target.as_uri()
    page, requests = _page(browser, url, viewport={"width": 1100, "height": 900})
    assert page.inner_text(".verdict .headline") == "Không đạt: 1 vi phạm ở mức lỗi trở lên"
    findings = run.reports[0].findings
    assert page.locator("section.findings article.finding").count() == sum(1 for f in findings
                                                                              if not f.unverifiable)
    assert page.locator("section.cannot-verify article.finding").count() == sum(1 for f in findings
                                                                                 if f.unverifiable)
    assert page.locator("section.findings article.finding").first.get_attribute("data-rule") == "DOC-002"
    assert page.locator("figure.drawing svg g.box").count() > 10
    assert page.locator("figure.drawing svg path.missing").count() == 1
    assert requests == [url]  # nothing but the file itself: no font, style sheet, image or script
    shot = tmp_path / "report.png"
    page.set_viewport_size({"width": 1100, "height": 1500})
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("ARCHCHECK_REGEN"):
        shutil.copyfile(shot, ROOT / "docs" / "html-report.png")
    page.context.close()


def test_html_report_fits_a_phone_and_prints_to_a4(browser: Any, tmp_path: Path) -> None:
    target, _ = _html(tmp_path, ["province_models/phutho.yaml"], "both", framework=None)
    page, requests = _page(browser, target.as_uri(), viewport={"width": 390, "height": 844}, is_mobile=True)
    # the page itself does not scroll sideways on a phone; only the drawing does, inside its frame
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.inner_text(".verdict .headline") == ("Đạt: không có vi phạm ở mức lỗi trở lên\n"
                                                     "Passes: no violation at error or worse")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert requests == [target.as_uri()]
    page.context.close()


def test_model_text_cannot_inject_markup(browser: Any, tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        "province:\n  name: Tỉnh Mẫu\n  as_of: 2021-01-01\n  framework: \"2.0\"\n  components:\n"
        "    - {id: qlvb, kind: document-management,\n"
        "       name: \"<img src=x onerror=alert(1)><script>alert(2)</script>\"}\n",
        encoding="utf-8")
    run = api.validate([model], outline=True)
    target = tmp_path / "report.html"
    target.write_text(REPORTERS["html"](run, ReportOptions(lang="en")), encoding="utf-8")
    page, requests = _page(browser, target.as_uri())
    assert page.locator("img").count() == 0 and page.locator("body script").count() == 0
    assert "<img src=x" in page.inner_text("figure.drawing")
    assert requests == [target.as_uri()]
    page.context.close()


def test_svg_drawing_opens_in_the_browser(browser: Any, tmp_path: Path) -> None:
    run = api.validate([ROOT / "province_models/lamdong.yaml"], framework="2.0", outline=True)
    s = report_scene(run.reports[0], "vi", requirements(api.builtin_rules()))
    assert s is not None
    svg = tmp_path / "lamdong.svg"
    svg.write_text(to_svg(s), encoding="utf-8")
    page, requests = _page(browser, svg.as_uri(), viewport={"width": 1700, "height": 900})
    assert page.locator("g.box").count() == len(s.boxes)
    assert page.locator("g.box.failed").count() == 1
    assert page.locator("path.line.missing").count() == 1
    assert "Lâm Đồng" in page.locator("svg > text").first.text_content()
    box = page.locator("g.box.failed rect").bounding_box()
    assert box is not None and box["width"] > 100  # laid out, not collapsed
    page.screenshot(path=str(tmp_path / "lamdong-svg.png"))
    assert requests == [svg.as_uri()]
    page.context.close()


def test_national_html_of_63_provinces_renders(browser: Any, tmp_path: Path) -> None:
    nation = tmp_path / "nation.yaml"
    nation.write_text(document([province(i) for i in range(63)]), encoding="utf-8")
    run = api.validate([nation], framework="2.0", outline=True)
    target = tmp_path / "report.html"
    target.write_text(REPORTERS["html"](run, ReportOptions(lang="vi")), encoding="utf-8")
    page, requests = _page(browser, target.as_uri(), viewport={"width": 1100, "height": 900})
    assert page.locator("section.province").count() == 63
    assert page.locator("section.summary tbody tr").count() == 63
    assert page.locator("figure.drawing svg").count() == 63
    assert page.locator("article.finding").count() == len(run.findings())
    page.screenshot(path=str(tmp_path / "nation.png"))
    assert requests == [target.as_uri()]
    page.context.close()


# -- issue 33: lines around boxes, labels that can be read, a report that prints ----------------------

_GEOMETRY_JS = """() => {
  const boxes = [...document.querySelectorAll('g.box')].map(g => {
    const b = g.querySelector('rect').getBBox();
    return {key: g.dataset.key, x: b.x, y: b.y, w: b.width, h: b.height};
  });
  const captions = [...document.querySelectorAll('text.caption')].map(t => {
    const b = t.getBBox(); return {x: b.x, y: b.y, w: b.width, h: b.height};
  });
  const lines = [...document.querySelectorAll('path.line')].map(p => ({
    source: p.dataset.source, target: p.dataset.target,
    points: [...p.getAttribute('d').matchAll(/(-?[\\d.]+),(-?[\\d.]+)/g)].map(m => [+m[1], +m[2]])}));
  return {boxes, captions, lines};
}"""


def _crossings_in_browser(page: Any) -> list[str]:
    """What Chromium lays out, checked as tests/test_drawing_route.py checks the SVG text: every line
    segment against every box that is not one of its ends, and against each caption's real extent."""
    g = page.evaluate(_GEOMETRY_JS)
    bad = []
    for ln in g["lines"]:
        for (x1, y1), (x2, y2) in zip(ln["points"], ln["points"][1:], strict=False):
            lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
            for r in g["boxes"] + [dict(c, key="caption") for c in g["captions"]]:
                if r["key"] in (ln["source"], ln["target"]):
                    continue
                if lo_x < r["x"] + r["w"] and hi_x > r["x"] and lo_y < r["y"] + r["h"] and hi_y > r["y"]:
                    bad.append(f"{ln['source']} → {ln['target']} through {r['key']}")
    return sorted(set(bad))


def _drawing_models(tmp_path: Path) -> list[tuple[Path, str | None, tuple[Path, ...]]]:
    drawing = ROOT / "tests" / "models" / "drawing"
    models: list[tuple[Path, str | None, tuple[Path, ...]]] = [
        (p, fw, ()) for p in sorted((ROOT / "province_models").glob("*.yaml")) for fw in (None, "2.0")]
    models += [(drawing / n, None, ()) for n in ("report-2018.yaml", "design-2021.yaml", "province-2026.yaml")]
    models.append((drawing / "province-1425.yaml", "t1425", (drawing / "frameworks",)))
    for i in range(3):
        gen = tmp_path / f"gen-{i}.yaml"
        gen.write_text(document([province(i, two_tier=i == 2)]), encoding="utf-8")
        models.append((gen, None, ()))
    return models


def test_no_line_passes_through_a_box_as_chromium_draws_it(browser: Any, tmp_path: Path) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    checked = 0
    for path, framework, dirs in _drawing_models(tmp_path):
        run = api.validate([path], framework=framework, framework_dirs=dirs, outline=True)
        s = report_scene(run.reports[0], None, requirements(api.builtin_rules()))
        assert s is not None
        svg = tmp_path / "d.svg"
        svg.write_text(to_svg(s), encoding="utf-8")
        page.goto(svg.as_uri())
        assert _crossings_in_browser(page) == [], path.name
        assert page.locator("path.line").count() == len(s.lines)
        checked += len(s.lines)
    assert checked > 200
    ctx.close()


def _json_counts(run: Any) -> dict[str, int]:
    doc = json.loads(REPORTERS["json"](run, ReportOptions()))
    return dict(doc["reports"][0]["summary"])


@pytest.mark.parametrize("name", ["lamdong", "phutho", "danang", "lamdong-2017"])
def test_a_shipped_province_prints_on_four_a4_pages_with_labels_of_9_px(browser: Any, tmp_path: Path,
                                                                        name: str) -> None:
    target, run = _html(tmp_path, [f"province_models/{name}.yaml"], "both", framework="2.0")
    page, requests = _page(browser, target.as_uri(), viewport={"width": 1280, "height": 900})
    # at 1280 px the drawing's smallest label is at least 9 px on screen (the drawing keeps its own size)
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('figure.drawing svg text')]
        .filter(t => t.textContent.trim())
        .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))""")
    assert smallest >= 9
    # the counts the page shows are the JSON report's
    counts = page.locator(".verdict p.counts")
    assert {k: int(counts.get_attribute(f"data-{k}") or -1) for k in ("error", "warning", "info")} == \
        _json_counts(run)
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 4
    assert requests == [target.as_uri()]
    page.context.close()


def test_the_drawing_zooms_and_pans_on_screen(browser: Any, tmp_path: Path) -> None:
    target, _ = _html(tmp_path, ["province_models/lamdong.yaml"], "vi")
    page, requests = _page(browser, target.as_uri(), viewport={"width": 1280, "height": 900})
    fig = page.locator("figure.drawing").first
    svg = fig.locator("svg")
    natural = float(svg.get_attribute("width") or 0)
    assert fig.get_attribute("data-scale") == "1.000"
    assert abs(svg.bounding_box()["width"] - natural) < 1
    fig.locator("button.zoom-in").click()
    assert abs(svg.bounding_box()["width"] - natural * 1.25) < 1
    fig.locator("button.zoom-fit").click()
    pan = fig.locator(".pan")
    assert svg.bounding_box()["width"] <= pan.bounding_box()["width"] + 1
    fig.locator("button.zoom-one").click()
    before = pan.evaluate("p => p.scrollLeft")
    box = pan.bounding_box()
    page.mouse.move(box["x"] + 600, box["y"] + 100)
    page.mouse.down()
    page.mouse.move(box["x"] + 300, box["y"] + 100, steps=5)
    page.mouse.up()
    assert pan.evaluate("p => p.scrollLeft") > before  # dragged to the left: the drawing moved
    assert requests == [target.as_uri()]
    page.context.close()


def test_html_info_count_equals_json_on_a_model_with_cannot_verify_findings(browser: Any, tmp_path: Path) -> None:
    target, run = _html(tmp_path, ["tests/models/drawing/report-2018.yaml"], "en", framework=None)
    page, _ = _page(browser, target.as_uri(), viewport={"width": 1280, "height": 900})
    counts = page.locator(".verdict p.counts")
    json_counts = _json_counts(run)
    assert json_counts["info"] > 0 and any(f.unverifiable for f in run.reports[0].findings)
    assert {k: int(counts.get_attribute(f"data-{k}") or -1) for k in ("error", "warning", "info")} == json_counts
    assert f"info: {json_counts['info']}" in counts.inner_text()
    page.context.close()
