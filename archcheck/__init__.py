"""archcheck: validate a province's e-government architecture against the national framework."""

from __future__ import annotations

__version__ = "0.1.0"
