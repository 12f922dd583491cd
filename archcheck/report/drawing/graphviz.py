"""The drawing laid out by Graphviz (``dot``), when it is installed and asked for (``--layout graphviz``).

The scene is the same as the built-in layout's (:func:`archcheck.report.drawing.dot.to_dot` writes it, with an
id on every box, layer and line), so the two drawings show the same components, layers and edges; only
where they are placed and how the lines run differ. Nothing here is imported unless Graphviz is asked for.
"""

from __future__ import annotations

import shutil
import subprocess

from archcheck.errors import ArchcheckError
from archcheck.report.drawing.dot import to_dot
from archcheck.report.drawing.scene import Scene

TIMEOUT_S = 120
"""Longest a ``dot`` run may take before archcheck gives up (a province draws in well under a second)."""


def to_svg_graphviz(s: Scene) -> str:
    """The scene as SVG laid out by Graphviz's ``dot``.

    Raises:
        ArchcheckError: ``dot`` is not on PATH, fails or takes too long (the message says what to do).
    """
    dot = shutil.which("dot")
    if dot is None:
        raise ArchcheckError("--layout graphviz needs Graphviz's `dot` program, which is not on PATH",
                             hint="install Graphviz (Debian/Ubuntu: apt-get install graphviz), or leave out "
                                  "--layout to use the built-in layout, which needs nothing installed")
    try:
        done = subprocess.run([dot, "-Tsvg"], input=to_dot(s).encode("utf-8"), capture_output=True,
                              timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ArchcheckError(f"Graphviz `dot` could not draw the province: {exc}",
                             hint="leave out --layout to use the built-in layout") from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ArchcheckError(f"Graphviz `dot` failed (exit {done.returncode}): {err[-1] if err else 'no message'}",
                             hint="leave out --layout to use the built-in layout")
    return done.stdout.decode("utf-8")
