"""The SVG drawing's lines go around boxes and captions, read back from the SVG's own geometry.

The check here does not use the router: it parses the written SVG (each box's ``<rect>``, each line's
``d``, each caption's position and size) and asks of every segment whether it passes through the inside
of a box that is not one of the line's two ends, or through a caption. It runs on every shipped model
under each framework, on the held-out-style models in tests/models/drawing (a 2018 report with
centres, a 2021 design, a 2026 province, the 1425 view) and on generated provinces with many random
extra connections. tests/test_browser.py repeats it on what Chromium lays out (real caption widths).
"""

from __future__ import annotations

import itertools
import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from archcheck import api
from archcheck.cli import main
from archcheck.report.drawing import Line, Mark, Role, Scene, report_scene, requirements, to_dot, to_svg
from benchmarks.generate import document, province
from tests.conftest import MODELS, ROOT

NS = "{http://www.w3.org/2000/svg}"
DRAWING = ROOT / "tests" / "models" / "drawing"
FRAMEWORKS = DRAWING / "frameworks"
Rect = tuple[float, float, float, float]


def geometry(svg: str) -> tuple[dict[str, Rect], list[tuple[str, str, list[tuple[float, float]]]], list[Rect]]:
    """Boxes (key → rect), lines (source, target, points) and caption rectangles of a written SVG."""
    root = ET.fromstring(svg)
    boxes: dict[str, Rect] = {}
    for g in root.iter(f"{NS}g"):
        if "box" in (g.get("class") or "").split():
            r = g.find(f"{NS}rect")
            assert r is not None
            boxes[g.get("data-key", "")] = (float(r.get("x", 0)), float(r.get("y", 0)),
                                            float(r.get("width", 0)), float(r.get("height", 0)))
    lines = []
    for p in root.iter(f"{NS}path"):
        if "line" not in (p.get("class") or "").split():
            continue
        d = p.get("d", "")
        assert re.fullmatch(r"M[-\d.]+,[-\d.]+( L[-\d.]+,[-\d.]+)+", d), d
        pts = [(float(x), float(y)) for x, y in re.findall(r"([-\d.]+),([-\d.]+)", d)]
        lines.append((p.get("data-source", ""), p.get("data-target", ""), pts))
    captions = []
    for t in root.iter(f"{NS}text"):
        if "caption" in (t.get("class") or "").split():
            size = float(t.get("font-size", 12))
            # a generous width: 0.62 em a character, bold
            captions.append((float(t.get("x", 0)), float(t.get("y", 0)) - size, len(t.text or "") * size * 0.62,
                             size * 1.2))
    return boxes, lines, captions


def _through(a: tuple[float, float], b: tuple[float, float], r: Rect) -> bool:
    """Whether the segment a–b enters the inside of r (touching its border is not passing through)."""
    x, y, w, h = r
    lo_x, hi_x, lo_y, hi_y = min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])
    return lo_x < x + w and hi_x > x and lo_y < y + h and hi_y > y


def crossings(svg: str) -> list[str]:
    """Every (line, box or caption) pair where a line passes through something it must go around."""
    boxes, lines, captions = geometry(svg)
    bad = []
    for source, target, pts in lines:
        for a, b in itertools.pairwise(pts):
            assert a[0] == b[0] or a[1] == b[1], f"{source} → {target}: a slanted segment {a}–{b}"
            for key, r in boxes.items():
                if key not in (source, target) and _through(a, b, r):
                    bad.append(f"{source} → {target} through box {key}")
            for r in captions:
                if _through(a, b, r):
                    bad.append(f"{source} → {target} through a caption at {r}")
    return sorted(set(bad))


def _scene(path: Path | str, framework: str | None = None, *, frameworks: tuple[Path, ...] = (),
           lang: str | None = "vi", view: str | None = None) -> Scene:
    kwargs: dict[str, Any] = {"view": view} if view else {}
    run = api.validate([path], framework=framework, outline=True, framework_dirs=frameworks, **kwargs)
    assert not run.errors, run.errors
    drawn = report_scene(run.reports[0], lang, requirements(api.builtin_rules()))
    assert drawn is not None
    return drawn


SHIPPED = [(p.name, fw) for p in sorted(MODELS.glob("*.yaml")) for fw in (None, "1.0", "2.0", "4.0", "1425")]
HELD_OUT = ["report-2018.yaml", "design-2021.yaml", "province-2026.yaml"]


@pytest.mark.parametrize(("name", "framework"), SHIPPED)
def test_no_line_through_a_box_on_shipped_models(name: str, framework: str | None) -> None:
    for lang in ("vi", None):  # Vietnamese, and both languages (the longest captions)
        svg = to_svg(_scene(MODELS / name, framework, lang=lang))
        assert crossings(svg) == []


@pytest.mark.parametrize("lang", ["vi", "en", None])
@pytest.mark.parametrize("name", HELD_OUT)
def test_no_line_through_a_box_on_held_out_style_models(name: str, lang: str | None) -> None:
    s = _scene(DRAWING / name, lang=lang)
    assert len(s.lines) >= 15
    svg = to_svg(s)
    assert crossings(svg) == []
    assert len(geometry(svg)[1]) == len(s.lines)


def test_no_line_through_a_box_in_the_design_view() -> None:
    assert crossings(to_svg(_scene(DRAWING / "design-2021.yaml", view="design"))) == []


def test_no_line_through_a_box_with_operates_connections() -> None:
    s = _scene(DRAWING / "report-2018-operates.yaml")
    assert crossings(to_svg(s)) == []


def test_the_shipped_1425_framework_draws_its_channels_on_top() -> None:
    """frameworks/1425.yaml names its layers L1 first, with no drawing place: rows are drawn from L4 down."""
    s = _scene(ROOT / "tests" / "models" / "two-tier-2026.yaml", "1425")
    assert [b.id for b in s.bands if b.place.value == "row"][:4] == ["L4", "L3", "L2", "L1"]
    assert crossings(to_svg(s)) == []


def test_a_mau03_data_set_is_drawn_in_the_1425_view() -> None:
    s = _scene(ROOT / "examples" / "mau03" / "lamdong-mau03.xlsx", "1425")
    assert [b.id for b in s.bands if b.place.value == "row"][:4] == ["L4", "L3", "L2", "L1"]
    assert crossings(to_svg(s)) == []


def test_the_1425_view_is_drawn_from_the_framework_s_layer_data() -> None:
    s = _scene(DRAWING / "province-1425.yaml", "t1425", frameworks=(FRAMEWORKS,))
    rows = [b.id for b in s.bands if b.place.value == "row"]
    assert rows == ["L4", "L3", "L2", "L1", "commune"]  # channels on top, infrastructure at the bottom
    assert [b.id for b in s.bands if b.place.value == "left"] == ["X1", "X2"]  # the cross-cutting side band
    assert [b.id for b in s.bands if b.place.value == "right"] == ["national"]
    commune = next(b for b in s.bands if b.id == "commune")
    assert commune.boxes == ("g:commune:public-service-centre",)  # the commune-level parts, grouped
    assert s.boxes["g:commune:public-service-centre"].detail == "×3"
    svg = to_svg(s)
    assert crossings(svg) == []
    assert "L4 · Kênh tương tác và đo lường hiệu quả" in svg


def test_commune_parts_are_not_grouped_outside_the_1425_view() -> None:
    s = _scene(DRAWING / "province-1425.yaml")  # its own 4.0: no cross-cutting layers
    assert "commune" not in [b.id for b in s.bands]


def _random_province(seed: int) -> dict[str, Any]:
    """A generated province with many extra connections between random components."""
    p = province(seed, two_tier=seed % 2 == 1)
    rng = random.Random(1000 + seed)
    ids = [c["id"] for c in p["components"] if not c["id"].startswith("hcc-xa-")] + [n["id"] for n in p["national"]]
    kinds = ["document-exchange", "data-exchange", "synchronisation", "authentication", "payment", "hosting",
             "monitoring"]
    for _ in range(25):
        a, b = rng.sample(ids, 2)
        conn: dict[str, Any] = {"from": a, "to": b, "kind": rng.choice(kinds)}
        if rng.random() < 0.2:
            conn["status"] = rng.choice(["unknown", "planned", "absent"])
        p["connections"].append(conn)
    return p


@pytest.mark.parametrize("seed", range(8))
def test_no_line_through_a_box_on_generated_models(seed: int, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(document([_random_province(seed)]), encoding="utf-8")
    s = _scene(path, lang=None if seed % 2 else "vi")
    assert len(s.lines) >= 30
    svg = to_svg(s)
    assert crossings(svg) == []
    assert len(geometry(svg)[1]) == len(s.lines)


def test_the_check_sees_a_line_through_a_box() -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g class="box" data-key="a"><rect x="0" y="0" width="10" '
           'height="10"/></g><g class="box" data-key="b"><rect x="0" y="50" width="10" height="10"/></g>'
           '<g class="box" data-key="c"><rect x="0" y="20" width="10" height="10"/></g>'
           '<path class="line connection" data-source="a" data-target="b" d="M5.0,10.0 L5.0,50.0"/></svg>')
    assert crossings(svg) == ["a → b through box c"]


def test_unsure_connections_are_dashed_and_only_established_findings_colour_a_box() -> None:
    s = _scene(DRAWING / "province-2026.yaml")
    by = {(ln.source, ln.target, ln.kind): ln for ln in s.lines}
    reach = by[("c:lgsp", "c:ndop", "data-exchange")]  # reach: most
    route = by[("c:tthc", "c:vneid", "authentication")]  # via: unknown
    assert reach.unsure and route.unsure
    assert not by[("c:lgsp", "c:ndxp", "data-exchange")].unsure
    svg = to_svg(s)
    for ln in (reach, route):
        tag = next(t for t in svg.splitlines() if f'data-source="{ln.source}" data-target="{ln.target}"' in t)
        # dashed (a forbidden line, such as lgsp → ndop without the Agent Node under INT-012, dashes 7 5)
        assert re.search(r'stroke-dasharray="(6 4|7 5)"', tag) and "unsure" in tag


def test_a_box_with_only_cannot_verify_findings_is_not_red(write: Any) -> None:
    path = write("m.yaml", "archcheck: 2\nprovince:\n  name: Tỉnh Mẫu\n  as_of: 2021-01-01\n  framework: \"2.0\"\n"
                           "  components:\n    - {id: qlvb, kind: document-management, status: unknown}\n")
    s = _scene(path)
    box = s.boxes["c:qlvb"]
    assert box.mark is Mark.CANNOT_VERIFY
    svg = to_svg(s)
    group = svg[svg.index('data-key="c:qlvb"') - 40:]
    assert "#c62828" not in group[: group.index("</g>")]


def test_lines_carry_their_kind() -> None:
    s = _scene(DRAWING / "province-2026.yaml")
    svg = to_svg(s)
    root = ET.fromstring(svg)
    kinds = {p.get("data-kind") for p in root.iter(f"{NS}path") if "line" in (p.get("class") or "")}
    assert kinds == {ln.kind for ln in s.lines}
    labels = {t.text for t in root.iter(f"{NS}text") if "label" in (t.get("class") or "").split()}
    assert {"giám sát", "trao đổi dữ liệu"} <= labels


def test_line_roles_are_kept_for_missing_and_forbidden() -> None:
    s = _scene(DRAWING / "report-2018.yaml")
    assert any(ln.role is Role.FORBIDDEN for ln in s.lines) or any(ln.role is Role.MISSING for ln in s.lines)
    assert all(isinstance(ln, Line) for ln in s.lines)


def test_diagram_code_and_version_in_the_title_and_file_name(tmp_path: Path) -> None:
    out = tmp_path / "d.svg"
    result = CliRunner().invoke(main, ["graph", str(DRAWING / "province-2026.yaml"), "--format", "svg",
                                       "--diagram-code", "SĐ-T-02", "--diagram-version", "1.0", "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text("utf-8")
    assert "<title>SĐ-T-02 v1.0 · Tỉnh Thử Hai Cấp:" in svg
    result = CliRunner().invoke(main, ["graph", str(DRAWING / "province-2026.yaml"), "--format", "svg",
                                       "--diagram-code", "SĐ-T-02", "--diagram-version", "1.0"])
    assert result.exit_code == 0
    assert "suggested file name: SĐ-T-02_Tinh-Thu-Hai-Cap_v1.0.svg" in result.stderr


# -- Graphviz -------------------------------------------------------------------------------------


def _sets_builtin(svg: str) -> tuple[set[str], set[str], set[tuple[str, str, str]]]:
    root = ET.fromstring(svg)
    boxes = {g.get("data-key", "") for g in root.iter(f"{NS}g") if "box" in (g.get("class") or "").split()}
    bands = {r.get("data-band", "") for r in root.iter(f"{NS}rect") if "band" in (r.get("class") or "").split()}
    edges = {(p.get("data-source", ""), p.get("data-target", ""), p.get("data-kind", ""))
             for p in root.iter(f"{NS}path") if "line" in (p.get("class") or "").split()}
    return boxes, bands, edges


def _sets_graphviz(svg: str) -> tuple[set[str], set[str], set[tuple[str, str, str]]]:
    root = ET.fromstring(svg)
    boxes, bands, edges = set(), set(), set()
    for g in root.iter(f"{NS}g"):
        gid, cls = g.get("id", ""), (g.get("class") or "").split()
        if "node" in cls:
            boxes.add(gid.removeprefix("box:"))
        elif "cluster" in cls:
            bands.add(gid.removeprefix("band:"))
        elif "edge" in cls:
            source, target, kind = gid.removeprefix("line:").split("|")[:3]
            edges.add((source, target, kind))
    return boxes, bands, edges


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed (Debian package graphviz)")
@pytest.mark.parametrize("name", ["province-2026.yaml", "report-2018.yaml", "design-2021.yaml"])
def test_graphviz_and_builtin_layouts_draw_the_same_components_layers_and_edges(name: str) -> None:
    s = _scene(DRAWING / name)
    dot_svg = subprocess.run(["dot", "-Tsvg"], input=to_dot(s), capture_output=True, text=True, check=True).stdout
    assert _sets_graphviz(dot_svg) == _sets_builtin(to_svg(s))


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed (Debian package graphviz)")
def test_graph_layout_graphviz_option(tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    result = CliRunner().invoke(main, ["graph", str(DRAWING / "province-2026.yaml"), "--format", "svg",
                                       "--layout", "graphviz", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _sets_graphviz(out.read_text("utf-8"))[0] == _sets_builtin(to_svg(_scene(DRAWING / "province-2026.yaml",
                                                                                    lang=None)))[0]


def test_graph_layout_graphviz_without_dot_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    result = CliRunner().invoke(main, ["graph", str(DRAWING / "province-2026.yaml"), "--format", "svg",
                                       "--layout", "graphviz"])
    assert result.exit_code == 2
    assert "Graphviz" in result.output and "dot" in result.output and "Traceback" not in result.output


def test_the_1425_view_from_the_command_line_with_frameworks(tmp_path: Path) -> None:
    out = tmp_path / "v.svg"
    result = CliRunner().invoke(main, ["graph", str(DRAWING / "province-1425.yaml"), "--frameworks", str(FRAMEWORKS),
                                       "--framework", "t1425", "--format", "svg", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text("utf-8")
    bands = re.findall(r'data-band="([^"]+)"', svg)
    assert bands == ["L4", "L3", "L2", "L1", "commune", "X1", "X2", "national"]
    assert ">X1 · Governance,</text>" in svg and ">coordination and monitoring</text>" in svg  # the side band
    assert crossings(svg) == []


def test_a_framework_file_s_layers_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "fw"
    bad.mkdir()
    (bad / "x.yaml").write_text((FRAMEWORKS / "t1425.yaml").read_text("utf-8").replace(
        "place: cross-cutting, vi: \"AI First\"", "place: diagonal, vi: \"AI First\""), encoding="utf-8")
    result = CliRunner().invoke(main, ["graph", str(DRAWING / "province-1425.yaml"), "--frameworks", str(bad),
                                       "--framework", "t1425", "--format", "svg"])
    assert result.exit_code == 2
    assert "x.yaml" in result.output and "layers" in result.output and "Traceback" not in result.output
