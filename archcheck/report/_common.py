"""What the machine-readable reporters share: file paths as CI systems want them, rule documentation
links, and the findings of a run grouped the way a gate sees them (counted, waived, baselined)."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from archcheck.api import ValidationRun
from archcheck.check.engine import ProvinceReport
from archcheck.compare.gate import SetAside
from archcheck.findings import Finding
from archcheck.values import record

REPOSITORY_URL = "https://github.com/archcheck-vn/archcheck"
"""The project's repository (also in pyproject.toml's [project.urls]); rule docs link into it."""

RULES_DOC_URL = f"{REPOSITORY_URL}/blob/main/docs/rules.md"


def rule_help_uri(rule_id: str, rule_name: str) -> str:
    """The rule's section of docs/rules.md, by the anchor GitHub gives its ``### ID name`` heading.

    >>> rule_help_uri("DOC-002", "dms-reaches-national-axis")
    'https://github.com/archcheck-vn/archcheck/blob/main/docs/rules.md#doc-002-dms-reaches-national-axis'
    """
    anchor = re.sub(r"[^a-z0-9 _-]", "", f"{rule_id} {rule_name}".lower()).replace(" ", "-")
    return f"{RULES_DOC_URL}#{anchor}"


@cache  # a report names the same few files thousands of times
def relative_path(file: str, root: str | None) -> str:
    """``file`` with forward slashes, relative to ``root`` (given) or as given (relative paths);
    an absolute path without a root is made relative to the working directory if it is inside it.

    >>> relative_path("province_models/lamdong.yaml", None)
    'province_models/lamdong.yaml'
    """
    path = Path(file)
    if root is not None:
        rel = os.path.relpath(path.absolute(), Path(root).absolute())
    elif path.is_absolute():
        rel = os.path.relpath(path)
        if rel.startswith(os.pardir):
            return path.as_posix()
    else:
        rel = os.path.normpath(path)
    return Path(rel).as_posix()


@record
class Entry:
    """One finding of a province as a gate sees it."""

    finding: Finding
    set_aside: SetAside | None = None

    @property
    def counted(self) -> bool:
        """True if the finding counts toward the run's verdict (not waived, not baselined)."""
        return self.set_aside is None

    @property
    def waived(self) -> bool:
        """True if a valid waiver excuses the finding."""
        return self.set_aside is not None and self.set_aside.waiver is not None

    @property
    def baselined(self) -> bool:
        """True if the baseline accepts the finding."""
        return self.set_aside is not None and self.set_aside.waiver is None


def province_entries(run: ValidationRun) -> list[tuple[ProvinceReport, list[Entry]]]:
    """Each report with its counted findings, then the waived, then the baselined ones."""
    aside: dict[int, list[SetAside]] = {}
    if run.gate is not None:
        for s in (*run.gate.waived, *run.gate.baselined):
            aside.setdefault(s.report, []).append(s)
    return [(r, [Entry(f) for f in r.findings] + [Entry(s.finding, s) for s in aside.get(i, [])])
            for i, r in enumerate(run.reports)]
