"""Vietnam's provincial-level units by date: the 63 until 30 June 2025 and the 34 from 1 July 2025.

The list is data (``provinces.yaml`` beside this module, with its sources). A model's province name
is looked up in the list for the model's date after normalising what does not change the name
(Unicode NFC, the look-alike Ð/ð, the unit prefix *Tỉnh* / *Thành phố* / *TP.*, spaces, hyphens,
case); a name that is not there gets the nearest unit's name as a suggestion: the same name
without diacritics ("Lam Dong" → Lâm Đồng), a misspelling, or a unit merged on 1 July 2025 (its
successor).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, cast

from archcheck.law.cache import cached, plain_text, plain_texts
from archcheck.values import record

REFORM = dt.date(2025, 7, 1)
"""From this date the 34-unit list applies (NQ 202/2025/QH15; the new governments operate from it)."""

TYPO_CUTOFF = 0.85
"""How alike (difflib's ratio, on the names without diacritics) a name must be to a unit's to be its typo."""

_PREFIX = re.compile(r"^(tỉnh|thành phố|thủ đô|tp\.?)\s+", re.IGNORECASE)


@record
class Unit:
    """One provincial-level unit of one list.

    Attributes:
        code: the two-digit code of the national list (QĐ 124/2004/QĐ-TTg; QĐ 19/2025/QĐ-TTg).
        type: ``province`` (tỉnh) or ``city`` (thành phố trực thuộc trung ương).
        aliases: other spellings seen in official data, and former names.
        successor: (63-unit list) the code of the 34-unit list's unit it became part of.
        formed_from: (34-unit list) the codes of the 63-unit list's units it was formed from.
    """

    code: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    successor: str | None = None
    formed_from: tuple[str, ...] = ()
    became: tuple[tuple[dt.date, str, str], ...] = ()
    """Later changes of type within the list's period: (from, type, by which resolution), oldest first."""

    def type_on(self, date: dt.date) -> str:
        """The unit's type on ``date``: ``type``, or the latest change of type in force by then.

        >>> dong_nai = Unit("75", "Đồng Nai", "province", became=((dt.date(2026, 4, 30), "city", "NQ 30/2026/QH16"),))
        >>> dong_nai.type_on(dt.date(2026, 4, 29)), dong_nai.type_on(dt.date(2026, 4, 30))
        ('province', 'city')
        """
        current = self.type
        for start, kind, _ in self.became:
            if start <= date:
                current = kind
        return current


@record
class UnitList:
    """The units in force over a period (``start`` to ``end``, inclusive; None: open)."""

    id: str
    start: dt.date | None
    end: dt.date | None
    units: tuple[Unit, ...]

    def by_code(self, code: str) -> Unit | None:
        """The unit with this code, if the list has one."""
        return next((u for u in self.units if u.code == code), None)


@cache
def lists() -> tuple[UnitList, ...]:
    """The lists, oldest first (parsed once and kept in archcheck's cache, like the rule files)."""
    file = Path(__file__).with_name("provinces.yaml")
    return cached("provinces", [(file, "provinces.yaml")], lambda: _parse(file.read_text("utf-8")),
                  _to_plain, _from_plain)


def _to_plain(lists: tuple[UnitList, ...]) -> list[list[Any]]:
    return [[ul.id, ul.start and ul.start.isoformat(), ul.end and ul.end.isoformat(),
             [[u.code, u.name, u.type, list(u.aliases), u.successor, list(u.formed_from),
               [[b[0].isoformat(), b[1], b[2]] for b in u.became]] for u in ul.units]]
            for ul in lists]


def _from_plain(plain: object) -> tuple[UnitList, ...]:
    """The lists :func:`_to_plain` kept, every field checked (archcheck.law.cache: a bad entry is rebuilt)."""
    def text(v: object, *, optional: bool = False) -> Any:
        return plain_text(v, "a list of provinces", optional=optional)

    def texts(v: object) -> tuple[str, ...]:
        return plain_texts(v, "a list of provinces")

    def date(v: object) -> dt.date | None:
        return None if v is None else dt.date.fromisoformat(text(v))

    if type(plain) is not list:
        raise ValueError("not a list of provinces")
    out = []
    for item in plain:
        if type(item) is not list or len(item) != 4 or type(item[3]) is not list:
            raise ValueError("not a list of provinces")
        units = []
        for u in item[3]:
            if type(u) is not list or len(u) != 7 or type(u[6]) is not list:
                raise ValueError("not a province")
            became = []
            for b in u[6]:
                if type(b) is not list or len(b) != 3:
                    raise ValueError("not a change of type")
                became.append((dt.date.fromisoformat(text(b[0])), text(b[1]), text(b[2])))
            units.append(Unit(text(u[0]), text(u[1]), text(u[2]), texts(u[3]), text(u[4], optional=True),
                              texts(u[5]), tuple(became)))
        out.append(UnitList(text(item[0]), date(item[1]), date(item[2]), tuple(units)))
    return tuple(out)


def _parse(text: str) -> tuple[UnitList, ...]:
    import yaml  # noqa: PLC0415 - only when the list is not in the cache

    data = cast(dict[str, Any], yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    out = []
    for raw in data["lists"]:
        units = tuple(Unit(u["code"], u["name"], u["type"], tuple(u.get("aliases", ())), u.get("successor"),
                           tuple(u.get("formed_from", ())),
                           tuple((_date(b["from"]), b["type"], b["by"]) for b in u.get("became", ())))
                      for u in raw["units"])
        out.append(UnitList(str(raw["id"]), raw.get("from"), raw.get("until"), units))
    return tuple(out)


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def list_for(date: dt.date) -> UnitList:
    """The list in force on ``date``: 63 units before 1 July 2025, 34 from it."""
    for ul in lists():
        if (ul.start is None or ul.start <= date) and (ul.end is None or date <= ul.end):
            return ul
    return lists()[-1]


def normalise(name: str) -> str:
    """The form names are compared in: NFC, Đ for Ð, no unit prefix, one space, ``-`` spaced, case-folded.

    >>> normalise("Tỉnh  Bà Rịa–Vũng Tàu") == normalise("Bà Rịa - Vũng Tàu")
    True
    """
    text = unicodedata.normalize("NFC", name).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    text = re.sub(r"\s*[-–—]\s*", " - ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = _PREFIX.sub("", text)
    return text.casefold()


def ascii_fold(name: str) -> str:
    """``normalise``d, without diacritics (Đ/đ as d).

    >>> ascii_fold("Lâm Đồng")
    'lam dong'
    """
    text = normalise(name).replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _names(unit: Unit) -> tuple[str, ...]:
    return (unit.name, *unit.aliases)


@record
class NameCheck:
    """What the list says of a model's province name: the unit, or what is wrong and a suggestion.

    Neither (``unit`` and ``problem`` None): the name is like no unit's (a sample or synthetic
    province, e.g. in a rule example); it is checked as written.
    """

    unit: Unit | None
    problem: str | None = None
    hint: str | None = None


def check_name(name: str, date: dt.date) -> NameCheck:
    """Look ``name`` up in the list in force on ``date``.

    A problem is reported for a unit's name without its diacritics, a unit merged into another
    before ``date``, and a misspelling of a unit's name.

    >>> check_name("Lam Dong", dt.date(2018, 8, 26)).hint
    'did you mean Lâm Đồng?'
    """
    current = list_for(date)
    key = normalise(name)
    for unit in current.units:
        if key in {normalise(n) for n in _names(unit)}:
            return NameCheck(unit)
    period = f"the {len(current.units)} provincial-level units in force on {date.isoformat()}"
    folded = ascii_fold(name)
    for unit in current.units:
        if folded in {ascii_fold(n) for n in _names(unit)}:
            return NameCheck(None, f"province name {name!r} is not spelt as in {period}",
                             f"did you mean {unit.name}? (write the name with its diacritics)")
    if current.start is not None:  # a unit of an earlier list, merged since
        for old_list in lists():
            if old_list is current:
                break
            for old in old_list.units:
                if key in {normalise(n) for n in _names(old)} and old.successor:
                    new = current.by_code(old.successor)
                    if new is not None:
                        return NameCheck(None, f"province {old.name} is not one of {period}: "
                                               f"it is part of {new.name} ({new.code}) since {current.start}",
                                         f"did you mean {new.name}? (or check the model's as_of)")
    if not any(c.isdigit() for c in name):  # no unit's name has a digit: a synthetic name is not a typo
        candidates = {ascii_fold(n): unit.name for unit in current.units for n in _names(unit)}
        import difflib  # noqa: PLC0415 - only for a name no list knows

        close = difflib.get_close_matches(folded, list(candidates), n=1, cutoff=TYPO_CUTOFF)
        if close:
            return NameCheck(None, f"province name {name!r} is not one of {period}",
                             f"did you mean {candidates[close[0]]}?")
    return NameCheck(None)


def counts() -> Mapping[str, int]:
    """How many units each list has, by list id."""
    return {ul.id: len(ul.units) for ul in lists()}
