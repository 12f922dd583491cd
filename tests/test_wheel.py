"""The built wheel works after a plain `pip install`, from a folder outside the checkout:
built-in frameworks, rules and schemas ship inside it, and so do they parsed (issue 34), used on a
first run with an empty cache; its metadata names the distribution archcheck-vn (the registry's `archcheck`
is another project), with an SPDX licence, the LICENSE file and classifiers."""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from tests.conftest import MODELS, ROOT


def test_wheel_installs_and_runs_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = dist.glob("archcheck_vn-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = email.parser.HeaderParser().parsestr(zf.read(metadata).decode("utf-8"))
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        assert "archcheck = archcheck.cli:main" in zf.read(entry_points).decode("utf-8")
    assert meta["Name"] == "archcheck-vn"
    assert meta["License-Expression"] == "MIT"
    assert meta.get_all("License-File") == ["LICENSE"]
    assert "Natural Language :: Vietnamese" in meta.get_all("Classifier")
    assert not [c for c in meta.get_all("Classifier") if c.startswith("License ::")]  # PEP 639: the expression alone
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(MODELS / "lamdong.yaml", elsewhere / "lamdong.yaml")
    shipped = subprocess.run([str(py), "-c", "from archcheck.law import cache; "
                              "print(' '.join(sorted(p.name for p in cache.SHIPPED.iterdir())))"],
                             cwd=elsewhere, capture_output=True, text=True, check=True).stdout.split()
    assert shipped == ["frameworks.json", "kindlist.json", "provinces.json", "rulelist.json", "rules.json"]
    # A first run, as in CI: an empty cache stays empty, for what the files gave came with the wheel.
    empty = tmp_path / "empty-cache"
    empty.mkdir()
    first_run = {**os.environ, "XDG_CACHE_HOME": str(empty), "XDG_STATE_HOME": str(empty)}
    for args in (["rules", "list"], ["kinds"]):
        subprocess.run([str(env_dir / "bin" / "archcheck"), *args], cwd=elsewhere, env=first_run, check=True,
                       capture_output=True)
    result = subprocess.run([str(env_dir / "bin" / "archcheck"), "validate", "lamdong.yaml", "--framework", "2.0"],
                            cwd=elsewhere, capture_output=True, text=True, check=False, env=first_run)
    assert list(empty.iterdir()) == []
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "1 province checked: 1 error, 0 warnings, 9 info; failing on error or worse → exit 1")
    rules = subprocess.run([str(env_dir / "bin" / "archcheck"), "rules", "test"], cwd=elsewhere,
                           capture_output=True, text=True, check=False)
    assert rules.returncode == 0, rules.stdout + rules.stderr
    # the appraisal's data files (criteria, catalogues, Mẫu 03 value lists) ship in the wheel
    shutil.copytree(ROOT / "examples" / "appraisal", elsewhere / "appraisal")
    appraised = subprocess.run([str(env_dir / "bin" / "archcheck"), "appraise", "appraisal/projects",
                                "--architecture", "appraisal/architecture.yaml"], cwd=elsewhere,
                               capture_output=True, text=True, check=False)
    assert appraised.returncode == 1, appraised.stderr
    assert appraised.stdout.splitlines()[-1] == "5 proposal(s): 3 failed, 2 passed, 0 could not be read"
