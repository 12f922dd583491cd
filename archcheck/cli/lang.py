"""``--lang en|vi|both``: one option, one meaning, on every command that prints prose.

``en`` English only; ``vi`` Vietnamese only; ``both`` Vietnamese, then English. The default is
:data:`archcheck.report.options.DEFAULT_LANG` (English) unless the configuration's ``lang`` key says
otherwise. The machine formats (json, sarif, junit, github, gitlab) stay in English whatever it says,
and carry each message's ``message_id``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

LANGS = ("en", "vi", "both")
"""The values of ``--lang`` (archcheck.catalogue.LANGS; tests/test_cli_lang.py holds them equal: the
catalogue is not imported at start-up)."""

DEFAULT_LANG = "en"
"""archcheck.report.options.DEFAULT_LANG (held equal by tests/test_cli_lang.py), without importing it."""


def lang_option(what: str = "The output") -> Callable[[F], F]:
    """The ``--lang`` option, with ``what`` it applies to in its help."""
    return click.option(
        "--lang", type=click.Choice(LANGS), default=DEFAULT_LANG, show_default=True,
        help=f"{what} in English (en), Vietnamese (vi) or both (Vietnamese, then English). Machine formats "
             "(json, sarif, junit, github, gitlab) stay in English, with message ids.")
