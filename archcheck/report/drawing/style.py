"""The drawing's colours, which every format shares: one colour per connection kind, and the marks'."""

from __future__ import annotations

from collections.abc import Mapping

COLOURS: Mapping[str, str] = {
    "document-exchange": "#1f5fbf", "data-exchange": "#138a72", "synchronisation": "#7b3fb5",
    "authentication": "#c46a00", "payment": "#2e7d32", "hosting": "#6b6b6b", "monitoring": "#8d5524",
    "operates": "#ad1457",
}
"""A line's colour by its connection kind (the legend keys them)."""
RED, AMBER, GREY = "#c62828", "#b7791f", "#9e9e9e"
ORANGE, BLUE = "#ef6c00", "#1976d2"
MARK_COLOURS: Mapping[str, str] = {"failed": RED, "warning": ORANGE, "info": BLUE, "cannot-verify": AMBER}
"""A box's border by its mark: the worst established finding's severity, or amber for "cannot verify"."""
