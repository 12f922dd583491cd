"""The areas findings are grouped and scored by (integration, documents, public services, …), as data.

The list, each area's rule-id prefixes and its weight live in ``areas.yaml`` beside this module; an
area's title is the catalogue's ``area.<id>`` (archcheck/catalogue.yaml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from archcheck.catalogue import Message, say
from archcheck.values import record


@record
class Area:
    """One area: its id, the rule-id prefixes it holds and its weight in the scorecard."""

    id: str
    prefixes: tuple[str, ...]
    weight: float

    @property
    def message(self) -> Message:
        """The area's title, as the catalogue says it (``area.<id>``)."""
        return Message(f"area.{self.id}")

    def title(self, lang: str | None) -> str:
        """The title in ``lang`` (``en``, ``vi``, ``both``; None: both)."""
        return say(self.message, lang or "both")


OTHER = "other"


@cache
def areas() -> tuple[Area, ...]:
    """The shipped areas, in report order (``other`` last)."""
    text = Path(__file__).with_name("areas.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=yaml.CSafeLoader)["areas"]
    out = tuple(Area(a["id"], tuple(a["prefixes"]), float(a["weight"])) for a in raw)
    assert out[-1].id == OTHER, "areas.yaml ends with the `other` area"
    return out


def area_of(rule_id: str) -> Area:
    """The area a rule belongs to, by the part of its id before the dash.

    >>> area_of("DOC-002").id, area_of("PORT-001").id, area_of("HCM-001").id
    ('documents', 'public-services', 'other')
    """
    prefix = rule_id.split("-", 1)[0]
    for a in areas():
        if prefix in a.prefixes:
            return a
    return areas()[-1]
