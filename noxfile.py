"""The version matrix: `nox -s matrix` runs the test suite on Python 3.11, 3.12 and 3.13, each with the
newest versions of the dependencies and with the lowest that pyproject.toml allows (uv's
``--resolution lowest-direct``). The table it ends with is quoted in CONTRIBUTING.md.

    pip install nox uv && nox -s matrix          # every cell (about 15 minutes on two cores)
    nox -s "matrix-3.12(resolution='lowest')"     # one cell

The newest cells run the whole suite; the lowest cells run it without the gates (ruff, mypy and
import-linter are pinned exactly, so they are the same in every cell) and with the property tests on a
sample (hypothesis profile ``matrix``), as `.ci/run` does for its second cell.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nox

PYTHONS = ["3.11", "3.12", "3.13"]
RESOLUTIONS = ["newest", "lowest"]
GATES = ("ruff", "mypy-strict", "import-layers")
RESULTS = Path(".nox") / "matrix-results.txt"

nox.options.sessions = ["matrix"]
nox.options.default_venv_backend = "uv"

# Interpreters installed with pyenv are found even where `python3.12` is not on PATH.
_PYENV = sorted(str(p) for p in (Path.home() / ".pyenv" / "versions").glob("3.1[1-3]*/bin"))
os.environ["PATH"] = os.pathsep.join([*_PYENV, os.environ.get("PATH", "")])


@nox.session(python=PYTHONS)
@nox.parametrize("resolution", RESOLUTIONS)
def matrix(session: nox.Session, resolution: str) -> None:
    """One cell: install archcheck with the newest or the lowest allowed dependencies, run the tests."""
    extra = ["--resolution", "lowest-direct"] if resolution == "lowest" else []
    session.install(*extra, "-e", ".[dev]")
    session.install("pip")  # tests/test_wheel.py builds the wheel with it (newest: its lowest is a 2008 pip)
    args = ["-q", "-p", "no:cacheprovider", "-n", "auto", "-rf"]  # -rf: a failed test is named in the log
    env = {"HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "ci")}
    if resolution == "lowest":
        # check-jsonschema (a dev tool) needs a newer click than archcheck's lower bound: put click back
        # to that bound, and leave the one test that runs check-jsonschema to the newest cells.
        session.install("--no-deps", f"click=={_lower_bound('click')}")
        args += [f"--deselect=tests/test_quality.py::test_gate[{gate}]" for gate in GATES]
        args += ["--deselect=tests/test_ci_docs.py::test_snippet_follows_the_published_schema"]
        env["HYPOTHESIS_PROFILE"] = "matrix"
    out = session.run("python", "-m", "pytest", *args, *session.posargs, env=env, silent=True,
                      success_codes=[0, 1])
    if out is None:  # --install-only
        return
    summary = [ln.strip("= ") for ln in str(out).splitlines() if re.search(r"\d+ (passed|failed)", ln)]
    result = summary[-1] if summary else "no test summary"
    session.log(result)
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(f"| {session.python} | {resolution} | {result} |\n")
    if "failed" in result or not summary:
        failed = [ln for ln in str(out).splitlines() if ln.startswith(("FAILED ", "ERROR "))]
        with RESULTS.open("a", encoding="utf-8") as f:
            f.writelines(f"|   | {ln} |\n" for ln in failed)
        session.error("; ".join([result, *failed]))


def _lower_bound(name: str) -> str:
    """The lower bound pyproject.toml gives a runtime dependency (``"click>=8.2"`` gives ``8.2``)."""
    text = Path("pyproject.toml").read_text(encoding="utf-8")
    found = re.search(rf'^\s*"{re.escape(name)}>=([0-9.]+)', text, re.MULTILINE)
    assert found is not None, f"no lower bound for {name} in pyproject.toml"
    return found.group(1)
