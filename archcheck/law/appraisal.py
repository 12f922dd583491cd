"""The appraisal's law and catalogues as data: the criteria a project proposal is appraised against, the
data groups the national databases hold, and the function families duplicate candidates are found with.

Each from a shipped YAML file beside this module (appraisal-criteria.yaml, data-groups.yaml,
functions.yaml), whose header names its sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, cast

from archcheck.findings import Confidence
from archcheck.values import record

_HERE = Path(__file__).resolve().parent


def _read(name: str) -> dict[str, Any]:
    import yaml  # noqa: PLC0415 - read only by the commands that appraise

    loaded = yaml.load((_HERE / name).read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return cast(dict[str, Any], loaded)


@record
class Criterion:
    """One appraisal criterion: a clause of a legal text, its lifetime, and the check that evaluates it."""

    id: str
    check: str
    document: str
    clause: str
    clause_vi: str
    effective: dt.date
    until: dt.date | None
    binding: str
    confidence: Confidence
    reference: str
    severity: str
    title_en: str
    title_vi: str

    def in_force(self, date: dt.date) -> bool:
        """True if the criterion binds on ``date`` (``effective`` ≤ date < ``until``)."""
        return self.effective <= date and (self.until is None or date < self.until)

    @property
    def citation(self) -> str:
        """``NĐ 224/2026/NĐ-CP Art. 23(2)(a)``."""
        return f"{self.document} {self.clause}"


@cache
def criteria() -> tuple[Criterion, ...]:
    """The shipped criteria, in file order.

    Raises:
        ValueError: an unconfirmed criterion graded as an error (the file is wrong; a test holds it).
    """
    out = []
    for c in _read("appraisal-criteria.yaml")["criteria"]:
        s = c["source"]
        crit = Criterion(
            id=c["id"], check=c["check"], document=s["document"], clause=s["clause"],
            clause_vi=s.get("clause_vi", s["clause"]), effective=s["effective"],
            until=s.get("until"), binding=s["binding"], confidence=Confidence(s["confidence"]),
            reference=s.get("reference", ""), severity=c["severity"], title_en=c["title"]["en"],
            title_vi=c["title"]["vi"])
        if crit.confidence is not Confidence.CONFIRMED and crit.severity == "error":
            raise ValueError(f"criterion {crit.id}: an unconfirmed criterion is never an error")
        out.append(crit)
    return tuple(out)


@record
class DataGroup:
    """A group of data a national database holds as master copy."""

    id: str
    holder_kind: str | None
    holder_vi: str
    holder_en: str
    vi: str
    en: str
    confirmed: bool
    source: str
    terms: tuple[str, ...]


@cache
def data_groups() -> tuple[DataGroup, ...]:
    """The shipped catalogue of the national databases' data groups."""
    return tuple(
        DataGroup(g["id"], g["holder"].get("kind"), g["holder"]["vi"], g["holder"]["en"], g["vi"], g["en"],
                  g["confidence"] == "confirmed",
                  " ".join(x for x in (g["source"]["document"], g["source"].get("url", "")) if x),
                  tuple(g["terms"]))
        for g in _read("data-groups.yaml")["groups"])


@record
class Family:
    """Component kinds of one function, and the phrases that name it."""

    id: str
    vi: str
    en: str
    kinds: tuple[str, ...]
    terms: tuple[str, ...]


@record
class Functions:
    """functions.yaml: QĐ 1425 layers of kinds, function families, counterparts."""

    layers: Mapping[str, str]
    families: tuple[Family, ...]
    counterparts: Mapping[str, frozenset[str]]

    def family_of_kind(self, kind: str) -> Family | None:
        """The family a kind belongs to."""
        return next((f for f in self.families if kind in f.kinds), None)

    def counterpart(self, a: str, b: str) -> bool:
        """True if kinds ``a`` and ``b`` are a provincial component and the national platform beside it."""
        return b in self.counterparts.get(a, frozenset()) or a in self.counterparts.get(b, frozenset())


@cache
def functions() -> Functions:
    """The shipped function tables."""
    d = _read("functions.yaml")
    fams = tuple(Family(f["id"], f["vi"], f["en"], tuple(f["kinds"]), tuple(f["terms"])) for f in d["families"])
    return Functions(dict(d["layers"]), fams, {k: frozenset(v) for k, v in d["counterparts"].items()})
