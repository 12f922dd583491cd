"""What a reporter may be told besides the run."""

from __future__ import annotations

from archcheck.findings import Severity
from archcheck.values import record

DEFAULT_LANG = "en"
"""The language of every command and format when neither ``--lang`` nor the configuration's ``lang``
says one (README "Languages"): English, so that a report read in a terminal or a CI log says each
thing once; ``--lang vi`` for Vietnamese only, ``--lang both`` for Vietnamese then English."""


@record
class ReportOptions:
    """What a reporter may be told besides the run.

    Attributes:
        fail_on: the severity at which the run fails (reporters state the verdict it gives).
        verbose: show every finding in full, without grouping repeats.
        show_passed: list the rules that passed, not only the findings.
        root: the folder that file paths in machine reports are made relative to (None: as given).
        lang: ``en``, ``vi`` or ``both`` (archcheck.catalogue.LANGS); the machine formats ignore it.
        link_base: the URL that file paths are appended to for links to lines (Markdown), e.g.
            ``https://github.com/OWNER/REPO/blob/SHA``; None links relative to ``root``.
        quiet: text and compact: only the findings that fail the run (at or above ``fail_on``), and the
            summary line (which still counts every finding).
    """

    fail_on: Severity = Severity.ERROR
    verbose: bool = False
    show_passed: bool = False
    root: str | None = None
    lang: str = DEFAULT_LANG
    link_base: str | None = None
    quiet: bool = False
