"""The province drawn: components in their framework layers, connections by kind, findings on it.

:mod:`.scene` lays out what to draw from one province's report (a :class:`Scene`, a plain value:
:func:`~.scene.scene`, or :func:`report_scene` from a report); one module per format writes a scene out,
in the colours of :mod:`.style`: :mod:`.mermaid`, :mod:`.dot`, :mod:`.svg` (laid out here, its lines
routed by :mod:`.route`), and :mod:`.graphviz` (the SVG laid out by Graphviz's ``dot``, only imported
when asked for). All are pure functions and deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from archcheck.report.drawing.dot import to_dot
from archcheck.report.drawing.mermaid import to_mermaid
from archcheck.report.drawing.scene import (
    Band,
    Box,
    Line,
    Mark,
    Place,
    Role,
    Scene,
    Target,
    file_name,
    layers_of,
    report_scene,
    requirements,
    targets_of,
    title_of,
    word,
)
from archcheck.report.drawing.style import COLOURS
from archcheck.report.drawing.svg import layout, to_svg, wrap

FORMATS: Mapping[str, Callable[[Scene], str]] = {"mermaid": to_mermaid, "dot": to_dot, "svg": to_svg}
"""Drawing format name → writer; `archcheck graph --format` reads its choices from here."""

__all__ = ["COLOURS", "FORMATS", "Band", "Box", "Line", "Mark", "Place", "Role", "Scene", "Target", "file_name",
           "layers_of", "layout", "report_scene", "requirements", "targets_of", "title_of", "to_dot",
           "to_mermaid", "to_svg", "word", "wrap"]
