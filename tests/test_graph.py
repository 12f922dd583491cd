"""`archcheck graph`: golden drawings of the shipped models in every format, and what findings draw.

Regenerate the golden files after an intended change with:
    ARCHCHECK_REGEN=1 python -m pytest tests/test_graph.py
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from archcheck import api
from archcheck.catalogue import Message, catalogue, has, say
from archcheck.cli import main
from archcheck.compare.areas import areas
from archcheck.report.drawing import FORMATS, Mark, Role, report_scene, requirements, to_svg
from tests.conftest import GOLDEN, ROOT

SUFFIX = {"mermaid": "mmd", "dot": "dot", "svg": "svg"}
CASES = [(m, v) for m in ("lamdong", "phutho") for v in ("1.0", "2.0")]


def _graph(*args: str) -> tuple[int, str]:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["graph", *args])
    finally:
        os.chdir(cwd)
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize(("model", "version"), CASES)
def test_golden_drawing(model: str, version: str, fmt: str) -> None:
    code, out = _graph(f"province_models/{model}.yaml", "--framework", version, "--format", fmt, "--lang", "both")
    assert code == 0, out
    golden = GOLDEN / "graph" / f"{model}-{version}.{SUFFIX[fmt]}"
    if os.environ.get("ARCHCHECK_REGEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_drawing_is_deterministic() -> None:
    first = _graph("province_models/lamdong.yaml", "--framework", "2.0", "--format", "svg")
    assert first == _graph("province_models/lamdong.yaml", "--framework", "2.0", "--format", "svg")


def _scene(path: Path | str, lang: str | None = None, framework: str | None = None):  # type: ignore[no-untyped-def]
    run = api.validate([path], framework=framework, outline=True)
    drawn = report_scene(run.reports[0], lang, requirements(api.builtin_rules()))
    assert drawn is not None
    return drawn


def test_missing_required_connection_is_a_red_dashed_line_to_the_axis() -> None:
    s = _scene(ROOT / "province_models/lamdong.yaml", framework="2.0")
    missing = [(ln.source, ln.target, ln.rules) for ln in s.lines if ln.role is Role.MISSING]
    # eoffice → truc-lt-vb-qg is stated absent: that very line is drawn as the missing one
    assert missing == [("c:eoffice", "c:truc-lt-vb-qg", ("DOC-002",))]
    assert s.boxes["c:eoffice"].mark is Mark.FAILED
    assert s.boxes["c:lgsp"].mark is Mark.CANNOT_VERIFY and s.boxes["c:lgsp"].hub
    assert {b.id for b in s.bands} == {"L2", "L3", "L4", "L5", "L7", "national"}
    assert [b.id for b in s.bands][-1] == "national"
    svg = to_svg(s)
    assert 'class="line missing"' in svg and 'stroke-dasharray="7 5"' in svg


FORBIDDEN = """\
province:
  name: Tỉnh Mẫu
  as_of: 2021-01-01
  framework: "2.0"
  components:
    - {id: motcua, kind: one-stop-shop, name: "Một cửa <điện tử> & \\"DVC\\""}
    - {id: qlvb, kind: document-management}
    - {id: lgsp, kind: integration-platform}
  national:
    - {id: dan-cu, kind: national-population-database}
  connections:
    - {from: motcua, to: dan-cu, kind: data-exchange}
    - {from: qlvb, to: motcua, kind: data-exchange, via: lgsp}
"""


def test_forbidden_direct_link_is_marked_and_missing_axis_is_a_ghost(write: Callable[[str, str], Path]) -> None:
    s = _scene(write("m.yaml", FORBIDDEN))
    forbidden = [(ln.source, ln.target, ln.rules) for ln in s.lines if ln.role is Role.FORBIDDEN]
    assert forbidden == [("c:motcua", "c:dan-cu", ("INT-007",))]
    # the model has no national axis: DOC-002 draws the box it should reach, dashed, with the line to it
    ghost = s.boxes["m:national-document-axis"]
    assert ghost.missing and ghost.band == "national" and ghost.rules == ("DOC-002",)
    assert ("c:qlvb", "m:national-document-axis") in {(ln.source, ln.target) for ln in s.lines
                                                     if ln.role is Role.MISSING}
    # a connection through the hub is drawn as its two legs, so the hub is in the middle
    legs = {(ln.source, ln.target) for ln in s.lines if ln.role is Role.CONNECTION}
    assert {("c:qlvb", "c:lgsp"), ("c:lgsp", "c:motcua")} <= legs


def test_model_text_is_escaped_in_every_format(write: Callable[[str, str], Path]) -> None:
    path = write("m.yaml", FORBIDDEN)
    s = _scene(path)
    svg = to_svg(s)
    ET.fromstring(svg)  # well-formed XML despite <, & and " in a name
    assert "Một cửa &lt;điện tử&gt; &amp; &quot;DVC&quot;" in svg
    mermaid = FORMATS["mermaid"](s)
    assert '#quot;DVC#quot;' in mermaid and "<điện tử>" not in mermaid
    dot = FORMATS["dot"](s)
    assert '\\"DVC\\"' in dot


def test_many_components_of_one_kind_are_one_box(write: Callable[[str, str], Path]) -> None:
    comps = "\n".join(f"    - {{id: app{i}, kind: sector-application, attributes: {{security_level: 2}}}}"
                      for i in range(9))
    path = write("m.yaml", f"province:\n  name: Tỉnh Mẫu\n  as_of: 2021-01-01\n  framework: \"2.0\"\n"
                           f"  components:\n{comps}\n")
    s = _scene(path, lang="vi")
    groups = [b for b in s.boxes.values() if b.count > 1]
    assert [(g.key, g.title, g.detail) for g in groups] == [
        ("g:L4:sector-application", "Ứng dụng chuyên ngành", "×9")]


def test_languages(write: Callable[[str, str], Path]) -> None:
    vi = to_svg(_scene(ROOT / "province_models/lamdong.yaml", lang="vi"))
    en = to_svg(_scene(ROOT / "province_models/lamdong.yaml", lang="en"))
    assert "Hạ tầng kỹ thuật" in vi and "Technical infrastructure" not in vi
    assert "Technical infrastructure" in en and "Hạ tầng kỹ thuật" not in en


def test_the_drawing_says_the_catalogues_words_in_one_meaning_of_each_language() -> None:
    """Every word of the drawing is the catalogue's: ``both`` (the default, None) is "vi / en", ``vi``
    shows no English word of the drawing's keys, ``en`` no Vietnamese one (the SVG's texts and titles)."""
    drawn = {lang: _scene(ROOT / "province_models/lamdong.yaml", lang=lang) for lang in ("vi", "en", "both", None)}
    for fmt, write in FORMATS.items():
        assert write(drawn["both"]) == write(drawn[None]), fmt  # None is "both", the drawing's default for now
    shown = {lang: "\n".join(re.findall(r">([^<]+)<", to_svg(drawn[lang]))) for lang in ("vi", "en")}
    keys = [k for k in catalogue() if k.split(".")[0] in ("drawing", "connection", "layer")]
    assert len(keys) > 20
    for key in keys:
        en, vi = say(Message(key), "en"), say(Message(key), "vi")
        assert en == vi or en not in shown["vi"], key
        assert en == vi or vi not in shown["en"], key
    assert "chưa thể xác minh / cannot verify" in to_svg(drawn["both"])  # one word per meaning: the catalogue's


def test_the_layer_and_area_files_hold_no_words() -> None:
    """report/layers.yaml and compare/areas.yaml are data: each title is a catalogue key."""
    layers = yaml.safe_load((ROOT / "archcheck/report/layers.yaml").read_text(encoding="utf-8"))
    for version, entries in layers.items():
        for lid, entry in entries.items():
            assert set(entry) == {"place", "title"}, (version, lid)
            assert has(entry["title"]), (version, lid, entry["title"])
    for a in areas():
        assert has(a.message.key), a.id
    raw = yaml.safe_load((ROOT / "archcheck/compare/areas.yaml").read_text(encoding="utf-8"))["areas"]
    assert all(set(a) == {"id", "prefixes", "weight"} for a in raw)


def test_national_file_needs_a_province(write: Callable[[str, str], Path]) -> None:
    two = ("provinces:\n" + "".join(
        f"  - name: {n}\n    as_of: 2021-01-01\n    framework: \"2.0\"\n    components: []\n"
        for n in ("Lâm Đồng", "Phú Thọ")))
    path = write("n.yaml", two)
    result = CliRunner().invoke(main, ["graph", str(path)])
    assert result.exit_code == 2
    assert "holds 2 provinces" in result.output and "--province" in result.output
    result = CliRunner().invoke(main, ["graph", str(path), "--province", "Phú Thọ"])
    assert result.exit_code == 0 and "Phú Thọ" in result.output
    result = CliRunner().invoke(main, ["graph", str(path), "--province", "Phu Tho"])
    assert result.exit_code == 2 and "no province 'Phu Tho'" in result.output


def test_bad_model_exit_2_and_no_output_file(tmp_path: Path, write: Callable[[str, str], Path]) -> None:
    bad = write("bad.yaml", "province: [\n")
    out = tmp_path / "d.svg"
    result = CliRunner().invoke(main, ["graph", str(bad), "--format", "svg", "-o", str(out)])
    assert result.exit_code == 2 and re.search(r"bad\.yaml:\d+:\d+", result.output)
    assert not out.exists()


def test_readme_shows_what_the_graph_command_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "archcheck graph province_models/lamdong.yaml --framework 2.0 --lang vi"
    assert f"`{command}`" in readme
    block = readme.split("```mermaid\n", 1)[1].split("```", 1)[0]
    code, out = _graph(*command.split()[2:])
    assert code == 0
    if os.environ.get("ARCHCHECK_REGEN"):
        (ROOT / "README.md").write_text(readme.replace(f"```mermaid\n{block}```", f"```mermaid\n{out}```"),
                                        encoding="utf-8")
        block = out
    assert block == out
