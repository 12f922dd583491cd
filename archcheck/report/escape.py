"""The escaping every reporter shares: :func:`archcheck.terminal.for_terminal`, re-exported here.

It lives at the bottom of the package so that an error message can be escaped without importing the
reporters (and, through them, the whole engine).
"""

from __future__ import annotations

from archcheck.terminal import for_terminal

__all__ = ["for_terminal"]
