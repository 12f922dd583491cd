"""The areas findings are grouped and scored by: :mod:`archcheck.compare.areas` (the scorecard's arithmetic
needs them below the reports); kept importable here for the reporters that group findings by area."""

from __future__ import annotations

from archcheck.compare.areas import OTHER, Area, area_of, areas

__all__ = ["OTHER", "Area", "area_of", "areas"]
