"""The Python API (issue 31, item 5): ``archcheck.validate``, ``diff_models``, ``diff_frameworks`` and ``render``,
from ``import archcheck``, taking paths or models held in memory, typed, and the README's example run as written."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

import archcheck
from archcheck import api, formats
from archcheck.compare.impact import FrameworkComparison
from archcheck.compare.models import ModelDiff
from archcheck.errors import ArchcheckError, InputError
from archcheck.findings import Finding, Severity
from archcheck.report import APPRAISAL_REPORTERS, REPORTERS, SCORE_REPORTERS, ReportOptions
from archcheck.report.diff import FRAMEWORK_DIFF_REPORTERS, MODEL_DIFF_REPORTERS
from archcheck.report.score import scorecard
from tests.conftest import MODELS, ROOT

LAMDONG = MODELS / "lamdong.yaml"
OLD = MODELS / "lamdong-2017.yaml"

SMALL: dict[str, Any] = {"province": {
    "name": "Tỉnh Mẫu", "as_of": dt.date(2021, 1, 1), "framework": "2.0",
    "components": [{"id": "motcua", "kind": "one-stop-shop"}, {"id": "dvc", "kind": "public-service-portal"}],
    "connections": [{"from": "motcua", "to": "dvc", "kind": "synchronisation"}]}}


def _what(findings: list[Finding]) -> list[tuple[str, str, tuple[str | int, ...], Severity, str]]:
    """What a finding says apart from where its line is: rule, subject, model path, severity, message."""
    return [(f.rule_id, f.subject, f.path, f.severity, f.text()) for f in findings]


def _lines(findings: list[Finding]) -> list[tuple[int, int]]:
    return [(f.location.line, f.location.column) if f.location else (0, 0) for f in findings]


@pytest.fixture(scope="module")
def lamdong() -> api.ValidationRun:
    return archcheck.validate(LAMDONG)


def test_the_api_is_on_the_package(lamdong: api.ValidationRun) -> None:
    assert archcheck.validate.__module__ == "archcheck.facade"
    for name in archcheck.__all__:
        assert getattr(archcheck, name) is not None, name
    assert {"validate", "diff_models", "diff_frameworks", "render", "YAMLText"} <= set(dir(archcheck))
    with pytest.raises(AttributeError):
        archcheck.no_such_name  # noqa: B018 - the attribute access is the test
    assert isinstance(lamdong, archcheck.ValidationRun)


def test_a_path_gives_what_the_engine_gives(lamdong: api.ValidationRun) -> None:
    engine = api.validate([str(LAMDONG)])
    assert _what(lamdong.findings()) == _what(engine.findings())
    assert _lines(lamdong.findings()) == _lines(engine.findings())
    assert lamdong.files == (str(LAMDONG),)
    assert lamdong.exit_code("error") == engine.exit_code(Severity.ERROR) == 0
    assert [r.outline is not None for r in lamdong.reports] == [True]  # kept: render(run, "html") draws it
    as_str = archcheck.validate(str(LAMDONG), outline=False)
    assert _what(as_str.findings()) == _what(lamdong.findings()) and as_str.reports[0].outline is None


def test_a_dict_is_checked_as_the_same_yaml_in_a_file(lamdong: api.ValidationRun) -> None:
    data = yaml.safe_load(LAMDONG.read_text(encoding="utf-8"))
    run = archcheck.validate(data)
    assert run.files == ("<dict>",) and {r.file for r in run.reports} == {"<dict>"}
    assert _what(run.findings()) == _what(lamdong.findings())
    assert all(f.location is not None and f.location.file == "<dict>" for f in run.findings())


def test_yaml_text_keeps_its_own_lines(lamdong: api.ValidationRun) -> None:
    run = archcheck.validate(archcheck.YAMLText(LAMDONG.read_text(encoding="utf-8"), "lamdong (edited)"))
    assert _what(run.findings()) == _what(lamdong.findings())
    assert _lines(run.findings()) == _lines(lamdong.findings())
    assert {f.location.file for f in run.findings() if f.location} == {"lamdong (edited)"}


def test_several_models_in_memory_and_on_disk() -> None:
    run = archcheck.validate([SMALL, LAMDONG, SMALL], framework="2.0", as_of=dt.date(2021, 6, 1))
    assert run.files == ("<dict 1>", str(LAMDONG), "<dict 3>")
    assert [name for name, _, _ in run.in_file_order()] == list(run.files)
    assert run.exit_code("error") == 1
    assert all(r.evaluated_as_of == dt.date(2021, 6, 1) for r in run.reports)
    assert archcheck.validate(SMALL, as_of="2021-06-01").reports[0].evaluated_as_of == dt.date(2021, 6, 1)


def test_a_bad_model_in_memory_is_located_and_does_not_stop_the_others() -> None:
    bad = archcheck.YAMLText("province:\n  name: X\n  as_of: 2021-01-01\n  framework: '2.0'\n  components: 7\n",
                             "bad.yaml")
    run = archcheck.validate([bad, SMALL])
    (error,) = run.errors
    assert (error.file, error.line) == ("bad.yaml", 5)
    assert [r.file for r in run.reports] == ["<dict 2>"] and run.exit_code("info") == 2


def test_nothing_is_guessed() -> None:
    text = LAMDONG.read_text(encoding="utf-8")
    with pytest.raises(InputError) as caught:
        archcheck.validate(text)  # a str is a path; this one is YAML text
    assert "archcheck.YAMLText(text)" in str(caught.value)
    with pytest.raises(TypeError, match=r"a path, a dict or archcheck\.YAMLText"):
        archcheck.validate([3])  # type: ignore[list-item]
    with pytest.raises(InputError, match="cannot be written as YAML"):
        archcheck.validate({"province": {"name": object()}})
    with pytest.raises(ValueError, match="as_of '2021-13-01' is not a date"):
        archcheck.validate(SMALL, as_of="2021-13-01")
    with pytest.raises(ArchcheckError, match="framework"):
        archcheck.validate(SMALL, framework="9.9")


BAD_INPUT: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("models None", lambda: archcheck.validate(None),  # type: ignore[arg-type]
     TypeError, r"^models=None is None, not a model or an iterable of models: a model is a path, a dict or "
                r"archcheck\.YAMLText"),
    ("models int", lambda: archcheck.validate(42),  # type: ignore[arg-type]
     TypeError, r"^models=42 is an int, not a model or an iterable of models"),
    ("models bytes", lambda: archcheck.validate(b"province: {}"),  # type: ignore[arg-type]
     TypeError, r"^models=b'province: \{\}' is bytes, not a model .*archcheck\.YAMLText\(data\.decode\(\)\)"),
    ("one of the models", lambda: archcheck.validate([LAMDONG, None]),  # type: ignore[list-item]
     TypeError, r"^models\[1\]=None is None, not a model: a model is a path, a dict or archcheck\.YAMLText"),
    ("framework float", lambda: archcheck.validate(LAMDONG, framework=2.0),  # type: ignore[arg-type]
     TypeError, r'^framework=2\.0 is a float, not a framework version: give a str such as "2\.0"'),
    ("view", lambda: archcheck.validate(LAMDONG, view="nope"),  # type: ignore[arg-type]
     ValueError, r"^view='nope' is not a view: give \"operation\" .* or \"design\""),
    ("stage outside the design view", lambda: archcheck.validate(LAMDONG, stage="1"),
     ValueError, r"^stage='1' is given with view='operation': a stage is checked only in the design view; "
                 r"give view=\"design\""),
    ("stage int", lambda: archcheck.validate(LAMDONG, view="design", stage=1),  # type: ignore[arg-type]
     TypeError, r"^stage=1 is an int, not a stage id"),
    ("as_of int", lambda: archcheck.validate(LAMDONG, as_of=20210101),  # type: ignore[arg-type]
     TypeError, r"^as_of=20210101 is an int, not a date: give a datetime\.date or YYYY-MM-DD"),
    ("rules None", lambda: archcheck.validate(LAMDONG, rules=None),  # type: ignore[arg-type]
     TypeError, r"^rules=None is None: give a path"),
    ("waivers int", lambda: archcheck.validate(LAMDONG, waivers=1),  # type: ignore[arg-type]
     TypeError, r"^waivers=1 is an int, not a file's path"),
    ("diff_models new", lambda: archcheck.diff_models(OLD, None),  # type: ignore[arg-type]
     TypeError, r"^new=None is None, not a model: a model is a path, a dict or archcheck\.YAMLText"),
    ("diff_models framework", lambda: archcheck.diff_models(OLD, LAMDONG, framework=1.0),  # type: ignore[arg-type]
     TypeError, r"^framework=1\.0 is a float, not a framework version"),
    ("diff_frameworks floats", lambda: archcheck.diff_frameworks(1.0, 2.0),  # type: ignore[arg-type]
     TypeError, r'^old=1\.0 is a float, not a framework version: give a str such as "2\.0" or "1425"$'),
    ("diff_frameworks None", lambda: archcheck.diff_frameworks(None, "2.0"),  # type: ignore[arg-type]
     TypeError, r"^old=None is None, not a framework version"),
    ("diff_frameworks new", lambda: archcheck.diff_frameworks("1.0", 2),  # type: ignore[arg-type]
     TypeError, r"^new=2 is an int, not a framework version"),
    ("diff_frameworks models", lambda: archcheck.diff_frameworks("1.0", "2.0", models=7),  # type: ignore[arg-type]
     TypeError, r"^models=7 is an int, not a model or an iterable of models"),
]


@pytest.mark.parametrize(("case", "call", "error", "says"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_names_the_parameter_the_value_and_what_is_expected_before_any_work(
        case: str, call: Callable[[], object], error: type[Exception], says: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_work(*_: object, **__: object) -> None:
        raise AssertionError(f"{case}: the engine ran before the argument was refused")

    for name in ("validate", "diff_models", "diff_frameworks", "framework_impact", "apply_gate"):
        monkeypatch.setattr(api, name, no_work)
    monkeypatch.setattr("archcheck.read.memory.from_data", no_work)
    with pytest.raises(error, match=says) as caught:
        call()
    assert type(caught.value) is error, case


def test_good_input_of_every_accepted_shape_still_runs() -> None:
    one_folder = archcheck.validate(SMALL, rules=str(ROOT / "examples" / "my-rules"), as_of=dt.date(2021, 1, 1))
    assert one_folder.reports and not one_folder.errors
    design = archcheck.validate(MODELS / "danang.yaml", view="design", stage="nq17-2019-2020")
    assert design.reports and not design.errors
    assert archcheck.validate(iter([SMALL, archcheck.YAMLText("province: {}", "e.yaml")])).errors


def test_the_gate_applies(tmp_path: Path, lamdong: api.ValidationRun) -> None:
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text(api.baseline_text(lamdong), encoding="utf-8")
    gated = archcheck.validate(LAMDONG, baseline=baseline)
    assert gated.findings() == [] and gated.gate is not None


def test_diff_models_from_paths_and_from_memory() -> None:
    from_files = archcheck.diff_models(OLD, LAMDONG)
    assert isinstance(from_files, ModelDiff)
    assert (from_files.old_file, from_files.new_file) == (str(OLD), str(LAMDONG))
    assert from_files.changes()
    old = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    new = archcheck.YAMLText(LAMDONG.read_text(encoding="utf-8"), "new.yaml")
    in_memory = archcheck.diff_models(old, new)
    assert (in_memory.old_file, in_memory.new_file) == ("<dict 1>", "new.yaml")
    assert [(c.change, c.finding.rule_id, c.finding.subject) for c in in_memory.changes()] == \
           [(c.change, c.finding.rule_id, c.finding.subject) for c in from_files.changes()]


def test_diff_frameworks() -> None:
    alone = archcheck.diff_frameworks("4.0", "1425")
    assert isinstance(alone, FrameworkComparison) and alone.impacts == ()
    assert (alone.diff.old.id, alone.diff.new.id) == ("4.0", "1425")
    with_model = archcheck.diff_frameworks("1.0", "2.0", models=LAMDONG)
    assert [i.file for i in with_model.impacts] == [str(LAMDONG)]
    with pytest.raises(ArchcheckError):
        archcheck.diff_frameworks("4.0", "no-such-version")


RESULTS = ["validation", "model diff", "framework diff", "framework impact"]


@pytest.fixture(scope="module")
def results(lamdong: api.ValidationRun) -> dict[str, Any]:
    return {"validation": lamdong, "model diff": archcheck.diff_models(OLD, LAMDONG),
            "framework diff": archcheck.diff_frameworks("4.0", "1425"),
            "framework impact": archcheck.diff_frameworks("1.0", "2.0", models=[LAMDONG])}


@pytest.mark.parametrize("kind", RESULTS)
def test_render_json_and_text_in_each_language(kind: str, results: dict[str, Any]) -> None:
    result = results[kind]
    machine = {lang: archcheck.render(result, "json", lang=lang) for lang in ("en", "vi", "both")}
    assert machine["en"] == machine["vi"] == machine["both"]  # machine formats are English whatever lang says
    json.loads(machine["en"])
    text = {lang: archcheck.render(result, "text", lang=lang) for lang in ("en", "vi", "both")}
    assert all(t.strip() for t in text.values())
    assert archcheck.render(result) == text["en"]  # text, in English, by default
    for lang in ("en", "vi", "both"):  # human formats: the language asked, as the command's --lang gives it
        assert text[lang] == _reporter(kind)(result, ReportOptions(lang=lang))
    if kind == "validation":
        assert text["en"] != text["vi"]


def _reporter(kind: str) -> Callable[[Any, ReportOptions], str]:
    registry = {"validation": REPORTERS, "model diff": MODEL_DIFF_REPORTERS}.get(kind, FRAMEWORK_DIFF_REPORTERS)
    return cast(Callable[[Any, ReportOptions], str], registry["text"])


def test_render_gives_what_the_cli_gives(lamdong: api.ValidationRun, results: dict[str, Any]) -> None:
    for fmt in formats.VALIDATION:
        lang = "en" if fmt in formats.MACHINE else "vi"
        assert archcheck.render(lamdong, fmt, lang="vi", verbose=True) == \
               REPORTERS[fmt](lamdong, ReportOptions(lang=lang, verbose=True)), fmt
    for fmt in formats.MODEL_DIFF:
        assert archcheck.render(results["model diff"], fmt) == \
               MODEL_DIFF_REPORTERS[fmt](results["model diff"], ReportOptions(lang="en")), fmt


def test_render_refuses_what_it_cannot_write(lamdong: api.ValidationRun, results: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="'sarif' is not a format of a model diff; choose from text, json, markdown"):
        archcheck.render(results["model diff"], "sarif")
    with pytest.raises(ValueError, match="lang 'fr' is not one of en, vi, both"):
        archcheck.render(lamdong, "text", lang="fr")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not dict"):
        archcheck.render({}, "text")  # type: ignore[arg-type]


def test_score_and_appraise_and_render_them() -> None:
    card = archcheck.score([LAMDONG, MODELS / "danang.yaml"])
    assert card == scorecard(api.validate([str(LAMDONG), str(MODELS / "danang.yaml")], outline=True).reports,
                             api.builtin_rules())
    for fmt in formats.SCORE:
        assert archcheck.render(card, fmt, lang="vi") == SCORE_REPORTERS[fmt](card, "vi"), fmt
    project = ROOT / "examples" / "appraisal" / "projects" / "1-lgsp-upgrade.yaml"
    architecture = ROOT / "examples" / "appraisal" / "architecture.yaml"
    appraisal = archcheck.appraise(project, architecture)
    assert appraisal == api.appraise([str(project)], str(architecture))
    for fmt in formats.APPRAISAL:
        lang = "en" if fmt in formats.MACHINE else "vi"
        assert archcheck.render(appraisal, fmt, lang="vi") == APPRAISAL_REPORTERS[fmt](appraisal, lang), fmt
    with pytest.raises(ArchcheckError):
        archcheck.score([archcheck.YAMLText("province: 7\n", "bad.yaml")])


TYPED = '''\
from typing import assert_type

import archcheck
from archcheck.api import ValidationRun
from archcheck.compare.impact import FrameworkComparison
from archcheck.compare.models import ModelDiff
from archcheck.findings import Finding

run = archcheck.validate("m.yaml")
assert_type(run, ValidationRun)
assert_type(run.findings(), list[Finding])
assert_type(archcheck.validate([{"province": {}}, archcheck.YAMLText("")]), ValidationRun)
assert_type(archcheck.diff_models("a.yaml", "b.yaml"), ModelDiff)
assert_type(archcheck.diff_frameworks("4.0", "1425"), FrameworkComparison)
assert_type(archcheck.render(run, "json", lang="vi"), str)
assert_type(archcheck.score(["a.yaml"]), archcheck.Scorecard)
assert_type(archcheck.appraise("p.yaml", "a.yaml"), archcheck.AppraisalRun)
archcheck.render(run, "text", lang="fr")  # refused: not a language
'''


def test_the_api_is_typed(tmp_path: Path) -> None:
    """A user's code checked by mypy --strict sees the API's own types, not Any (assert_type fails on Any)."""
    user = tmp_path / "user.py"
    user.write_text(TYPED, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(user)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    errors = [line.split(": error: ")[1] for line in done.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and 'Argument "lang" to "render" has incompatible type' in errors[0], done.stdout


def _readme_python() -> tuple[str, str]:
    """The README's Python example (the ```python block under "## Python API") and the output block after it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    code, output = re.findall(r"```python\n(.*?)```\n.*?```\n(.*?)```", section, flags=re.S)[0]
    return code, output


def test_the_readme_example_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    code, shown = _readme_python()
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md (Python API)", "exec"), {"__name__": "__readme__"})
    assert out.getvalue() == shown


def test_import_archcheck_stays_cheap() -> None:
    """``import archcheck`` imports the package alone (not even typing); naming the API imports the facade,
    not the engine; the engine comes with the first call."""
    probe = """
import sys
before = set(sys.modules)
import archcheck
print(" ".join(sorted(set(sys.modules) - before)))
archcheck.validate, archcheck.render, archcheck.YAMLText
print(" ".join(sorted(m for m in set(sys.modules) - before if m.startswith("archcheck"))))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    alone, named = done.stdout.splitlines()
    assert alone == "archcheck"
    assert "archcheck.facade" in named.split()
    assert not {"archcheck.api", "archcheck.check.engine", "archcheck.report", "yaml"} & set(named.split())
