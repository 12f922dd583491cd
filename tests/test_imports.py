"""Each command imports only what it uses (issue 15): checked in a fresh interpreter per command.

Start-up is most of the time of a small command, and of checking one province model, so the graph
library, the engine and the pure-Python schema validator (which only explains an invalid file) are
imported where they are needed and nowhere else. Every command registered in ``archcheck.cli`` is
covered: its ``--help``, and a real run. No time is measured here (benchmarks/startup.py does that).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from archcheck.cli import COMMANDS
from tests.conftest import MODELS, ROOT

WATCHED = ("networkx", "jsonschema", "jsonschema_rs", "ryml", "archcheck.read.fastload", "yaml", "multiprocessing",
           "concurrent.futures", "archcheck.api", "archcheck.law.rules", "archcheck.check.kinds",
           "archcheck.check.engine", "archcheck.report.html", "tomllib")
"""The modules whose import these tests follow: the heavy libraries and archcheck's own layers."""

PROBE = f"""
import sys
from archcheck.cli import main
sys.argv = ["archcheck", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(" ".join(m for m in {WATCHED!r} if m in sys.modules), file=sys.stderr)
"""

MODEL = str(MODELS / "lamdong.yaml")
XLSX = str(ROOT / "examples" / "mau03" / "lamdong-mau03.xlsx")
# What a command that reads a model file pulls in: PyYAML's event parser and the compiled schema check.
READ = ("jsonschema_rs", "yaml")
# What binding the rules to the frameworks needs: the check kinds read each rule's check; no engine.
BIND = ("archcheck.api", "archcheck.law.rules", "archcheck.check.kinds")
# ... and what checking a model against the rules adds: the checks read the graph in networkx's layout
# without importing networkx (archcheck/check/graph.py).
CHECK = (*READ, "archcheck.api", "archcheck.law.rules", "archcheck.check.kinds", "archcheck.check.engine")

CASES: list[tuple[list[str], tuple[str, ...]]] = [
    (["--version"], ()),
    (["--help"], ()),
    *(([name, "--help"], ()) for name in sorted(COMMANDS)),
    (["schema", "model"], ()),  # the schema file itself: not even the library facade
    (["kinds"], READ),
    (["kinds", "--search", "IOC", "--framework", "2.0"], READ),
    # the rules as data: no engine, no graph; grading them binds them to the frameworks
    # (archcheck/check/binding.py), still without the engine
    (["rules", "list"], (*READ, "archcheck.api", "archcheck.law.rules")),
    (["rules", "list", "--framework", "2.0"], (*READ, *BIND)),
    (["rules", "show", "DOC-001"], (*READ, *BIND)),
    (["rules", "test"], CHECK),
    (["progress", MODEL], READ),
    (["sources", MODEL], ("yaml", "archcheck.api")),
    # a valid one-province file: not the validator that only explains invalid files, not rapidyaml
    # (a small file), not the process pool (one file), not the HTML reporter (a text report)
    (["validate", MODEL], CHECK),
    (["validate", MODEL, "--format", "json"], CHECK),
    # two files: a batch tries the fast path (rapidyaml) whatever their size; too small to fork workers
    (["validate", MODEL, str(MODELS / "phutho.yaml")], (*CHECK, "ryml", "archcheck.read.fastload")),
    (["validate", MODEL, "--format", "html"], (*CHECK, "archcheck.report.html")),
    (["baseline", MODEL], CHECK),
    (["graph", MODEL], CHECK),
    (["score", MODEL], (*CHECK, "archcheck.report.html")),
    (["diff", "frameworks", "1.0", "2.0"], (*READ, *BIND, "archcheck.check.engine")),  # its reporters name reports
    (["diff", "models", MODEL, MODEL], CHECK),
    # reads the architecture as validate reads a model and a proposal; no rules, no engine, no graph
    (["appraise", str(ROOT / "examples" / "appraisal" / "projects" / "1-lgsp-upgrade.yaml"), "--architecture",
      str(ROOT / "examples" / "appraisal" / "architecture.yaml")], (*READ, "archcheck.api")),
    # a Mẫu 03 data set: the same as a YAML model (the workbook reader is not in the watched list)
    (["validate", XLSX, "--framework", "1425"], CHECK),
    (["import", XLSX, "-o", "model.yaml"], (*READ, "archcheck.api")),
    (["export", MODEL, "-o", "out.xlsx"], (*READ, "archcheck.api")),
]


def test_every_registered_command_is_covered() -> None:
    ran = {args[0] for args, _ in CASES if not args[0].startswith("-") and "--help" not in args}
    assert ran == set(COMMANDS)


def _imported(args: list[str], folder: Path) -> list[str]:
    """The watched modules a run of ``archcheck ARGS`` imported, with its cache of parsed rules in ``folder``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHCHECK_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True,
                          cwd=folder, env=env)  # in an empty folder: `baseline` writes its file there
    return done.stderr.splitlines()[-1:]


def _line(imported: tuple[str, ...]) -> list[str]:
    return [" ".join(m for m in WATCHED if m in imported)]


@pytest.mark.parametrize(("args", "imported"), CASES, ids=[" ".join(a).replace(MODEL, "MODEL") for a, _ in CASES])
def test_a_command_imports_only_what_it_uses(args: list[str], imported: tuple[str, ...], tmp_path: Path) -> None:
    assert _imported(args, tmp_path) == _line(imported)  # an empty cache: the rule files are read


@pytest.mark.parametrize(("args", "imported"), [
    # what the listings show, from the cache: no rule or framework objects, no YAML parser, no schema check
    (["rules", "list"], ()),
    (["kinds"], ()),
    # graded by a framework: the parsed rules from the cache, bound to it, still no YAML parser
    (["rules", "list", "--framework", "2.0"], ("archcheck.api", "archcheck.law.rules", "archcheck.check.kinds")),
    (["validate", MODEL], CHECK),  # the model itself is schema-checked
])
def test_with_the_rules_cached(args: list[str], imported: tuple[str, ...], tmp_path: Path) -> None:
    _imported(args, tmp_path)
    assert _imported(args, tmp_path) == _line(imported)


@pytest.mark.parametrize("args", [["--version"], ["--help"], []], ids=["--version", "--help", "nothing"])
def test_the_top_level_imports_no_command(args: list[str], tmp_path: Path) -> None:
    """``archcheck --help`` lists the commands from archcheck.cli.COMMANDS: no command module is imported."""
    probe = PROBE.replace(repr(WATCHED), "sorted(sys.modules)")
    assert probe != PROBE
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True,
                          cwd=tmp_path, env=env)
    imported = done.stderr.splitlines()[-1].split()
    assert [m for m in imported if m.startswith("archcheck")] == ["archcheck", "archcheck.cli"]


@pytest.mark.parametrize("config", [".archcheck.toml", "pyproject.toml"])
def test_the_toml_parser_only_when_a_configuration_is_found(config: str, tmp_path: Path) -> None:
    """Looking for [tool.archcheck] costs a few stat calls; tomllib is imported only when a file is there."""
    (tmp_path / ".git").mkdir()  # the repository's root: the search stops here
    assert _imported(["rules", "list"], tmp_path) == _line((*READ, "archcheck.api", "archcheck.law.rules"))
    text = 'lang = "vi"\n' if config == ".archcheck.toml" else '[project]\nname = "x"\n'
    (tmp_path / config).write_text(text, encoding="utf-8")
    if config == "pyproject.toml":  # a pyproject.toml without the table is read as bytes, not parsed
        assert _imported(["rules", "list"], tmp_path) == _line(())
        (tmp_path / config).write_text(text + '[tool.archcheck]\nlang = "vi"\n', encoding="utf-8")
    assert _imported(["rules", "list"], tmp_path) == _line(("tomllib",))

