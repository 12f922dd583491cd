"""The wheel ships the parsed built-in rules, frameworks and provinces (issue 34: a first run as fast
as the next). Everything else about the build is in pyproject.toml.

After the usual ``build_py``, ``python -m archcheck.cli.ship`` reads the rule, framework and province
files of the tree being built and writes what they give into the build's ``archcheck/law/shipped``
(archcheck.law.cache uses an entry only while the files beside it are the bytes it was made from).
It runs archcheck's own reader, so the build needs PyYAML, jsonschema-rs and click
(``[build-system] requires``). An editable install ships nothing: its files change under it, and its
cache serves it. A failure fails the build: a wheel is never quietly slower than it should be.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithParsedLaw(build_py):
    """``build_py``, then the shipped entries written beside the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib).resolve() / "archcheck" / "law" / "shipped"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(self.build_lib).resolve()),
                                                            *filter(None, [os.environ.get("PYTHONPATH")])])}
        # The built tree, not the source tree, is imported: the entries are made from the very files,
        # at the very paths relative to the package, that the wheel installs.
        subprocess.run([sys.executable, "-m", "archcheck.cli.ship", str(target)], check=True, env=env,
                       cwd=self.build_lib, stdout=subprocess.DEVNULL)


setup(cmdclass={"build_py": BuildWithParsedLaw})
