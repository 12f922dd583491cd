"""archcheck: validate a province's e-government architecture against the national framework.

The Python API (README, "Python API")::

    import archcheck

    run = archcheck.validate("province_models/lamdong.yaml")
    print(archcheck.render(run, "text", lang="vi"))

:func:`validate`, :func:`diff_models`, :func:`diff_frameworks`, :func:`render`, :func:`score` and
:func:`appraise` are those of :mod:`archcheck.facade`; the names below are imported the first time
they are used, so ``import archcheck`` (and ``archcheck --help``) pays for nothing but this file.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which `import archcheck` would pay for
if TYPE_CHECKING:  # what type checkers and editors see; at run time, __getattr__ below
    from typing import Any

    from archcheck.api import AppraisalRun, ValidationRun
    from archcheck.compare.impact import FrameworkComparison
    from archcheck.compare.models import ModelDiff
    from archcheck.errors import ArchcheckError
    from archcheck.facade import Model, appraise, diff_frameworks, diff_models, render, score, validate
    from archcheck.findings import Finding, Severity
    from archcheck.read.memory import YAMLText
    from archcheck.report.score import Scorecard

_LAZY: dict[str, str] = {
    "validate": "archcheck.facade",
    "diff_models": "archcheck.facade",
    "diff_frameworks": "archcheck.facade",
    "render": "archcheck.facade",
    "score": "archcheck.facade",
    "appraise": "archcheck.facade",
    "Model": "archcheck.facade",
    "YAMLText": "archcheck.read.memory",
    "ValidationRun": "archcheck.api",
    "AppraisalRun": "archcheck.api",
    "Scorecard": "archcheck.report.score",
    "ModelDiff": "archcheck.compare.models",
    "FrameworkComparison": "archcheck.compare.impact",
    "Finding": "archcheck.findings",
    "Severity": "archcheck.findings",
    "ArchcheckError": "archcheck.errors",
}
"""Each public name and the module it lives in, imported on first use."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:  # not ours: `from archcheck import report` then imports the submodule
        raise AttributeError(f"module 'archcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = ["AppraisalRun", "ArchcheckError", "Finding", "FrameworkComparison", "Model", "ModelDiff", "Scorecard",
           "Severity", "ValidationRun", "YAMLText", "__version__", "appraise", "diff_frameworks", "diff_models",
           "render", "score", "validate"]
