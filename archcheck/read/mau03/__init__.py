"""Mẫu 03, the architecture data set (XLSX) of the MOST draft guidance of 13/09/2026: reading it into
a model (:mod:`.workbook`, :mod:`.convert`), and writing one (:mod:`.export`). The column map and the
model mapping are data: ``columns.yaml`` and ``kinds.yaml`` (:mod:`.spec`)."""

from __future__ import annotations

XLSX_SUFFIXES = (".xlsx", ".xlsm")


def is_workbook_name(path: str) -> bool:
    """True if ``path`` names a workbook (read as a Mẫu 03 data set) rather than a YAML model."""
    return path.lower().endswith(XLSX_SUFFIXES)
