"""The Mẫu 03 column map (``columns.yaml`` and ``kinds.yaml``, plus a user's ``--mapping`` files) as values.

Headers, sheet names and controlled values are compared by meaning, through :func:`normalise`: case,
spacing, line breaks, "/" and dash variants, NFC/NFD, missing accents and "đ" → "d" do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from archcheck.errors import LoadError
from archcheck.values import record

_NUMBER = re.compile(r"^\(?\d+(?:\.\d+)*\)?\.?\s+")
_SEPARATORS = re.compile(r"[\s/\\\-‐‑‒–—―_:;,.()\[\]*]+")


@lru_cache(maxsize=1 << 16)  # a data set repeats its values (lists, owners, statuses) thousands of times
def normalise(text: str) -> str:
    """A header, sheet name or value reduced to what it means.

    >>> normalise("Mã  đối tượng\\n(B)") == normalise("MA DOI TUONG (b)")
    True
    >>> normalise("1.1. Loại bản ghi")
    'loai ban ghi'
    >>> normalise("Hoàn thành – đã kiểm chứng") == normalise("hoan thanh - da kiem chung")
    True
    """
    text = unicodedata.normalize("NFD", text.strip())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    text = _NUMBER.sub("", text)
    text = re.sub(r"\((?:b\*?|kc|kn|tc|kcn|bd)\)\s*$", "", text)  # a level marker after the name
    return " ".join(_SEPARATORS.sub(" ", text).split())


@record
class Field:
    """One field of a sheet: archcheck's key, the guidance's number, name, level and value list."""

    key: str
    name: str
    level: str
    no: str | None = None
    values: str | None = None
    multi: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def mandatory(self) -> bool:
        """The guidance's level B: the column must exist and no cell may be empty."""
        return self.level == "B"

    @property
    def label(self) -> str:
        """``1.1 Mã đối tượng`` for messages."""
        return f"{self.no} {self.name}" if self.no else self.name


@record
class Sheet:
    """One sheet of the template."""

    name: str
    fields: tuple[Field, ...]
    aliases: tuple[str, ...] = ()
    table: str | None = None
    optional: bool = False
    support: bool = False

    def field(self, key: str) -> Field:
        """The field with this key."""
        return next(f for f in self.fields if f.key == key)


@record
class KindRule:
    """Names of an object that make it a component of ``kind`` (national or not)."""

    kind: str
    names: tuple[str, ...]
    national: bool = False


@record
class Spec:
    """Everything the reader and the exporter know of the template."""

    template: str
    sheets: tuple[Sheet, ...]
    values: Mapping[str, tuple[str, ...]]
    list_names: Mapping[str, tuple[str, ...]]
    separators: tuple[str, ...]
    unknown: tuple[str, ...]
    not_applicable: tuple[str, ...]
    kinds: tuple[KindRule, ...]
    by_type: Mapping[str, str]
    national_prefixes: tuple[str, ...]
    national_scopes: tuple[str, ...]
    unstated_attributes: tuple[str, ...]
    relation_kinds: Mapping[str, str | None]
    routes: Mapping[str, tuple[str, ...]]
    route_kinds: Mapping[str, str]
    lifecycle_status: Mapping[str, str]
    relation_status: Mapping[str, str]
    province_prefixes: tuple[str, ...]
    framework: str

    def sheet(self, name: str) -> Sheet:
        """The sheet with this canonical name."""
        return next(s for s in self.sheets if s.name == name)

    def is_unknown(self, text: str) -> bool:
        """The cell says "Chưa xác định"."""
        return any(normalise(text) == normalise(u) for u in self.unknown)

    def is_not_applicable(self, text: str) -> bool:
        """The cell says "Không áp dụng"."""
        return any(normalise(text) == normalise(u) for u in self.not_applicable)

    def split(self, text: str) -> list[str]:
        """A list cell's items, split on the template's separators, trimmed, empty ones left out."""
        parts = [text]
        for sep in self.separators:
            parts = [p for part in parts for p in part.split(sep)]
        return [p.strip() for p in parts if p.strip()]


def _builtin_text(name: str) -> str:
    return resources.files("archcheck.read.mau03").joinpath(name).read_text(encoding="utf-8")


_SHARED_LISTS = {"treatments": "treatments", "object_types": "object_kinds", "layers": "layers",
                 "layer_components": "components"}
"""DM_GIATRI lists kept once, in archcheck/read/mau03-values.yaml (which a project proposal reads too):
this column map's list name → that file's."""


def _shared_lists(values: Mapping[str, Any]) -> dict[str, list[str]]:
    """The DM_GIATRI lists of :data:`_SHARED_LISTS`, as their Vietnamese values in the guidance's order."""
    return {ours: [str(v["vi"]) for v in values[theirs]] for ours, theirs in _SHARED_LISTS.items()}


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> None:
    """Add ``extra`` to ``base``: mappings merge, lists extend (aliases, names), scalars replace."""
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            base[key].extend(v for v in value if v not in base[key])
        else:
            base[key] = value


def _load_mapping(path: Path) -> dict[str, Any]:
    import yaml  # noqa: PLC0415 - listing rules imports the check kinds, not a YAML parser

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LoadError(f"cannot read the mapping file: {exc.strerror}", file=str(path),
                        hint="--mapping takes a YAML file laid out like archcheck/read/mau03/columns.yaml") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise LoadError(f"the mapping file is not valid YAML: {getattr(exc, 'problem', exc)}", file=str(path),
                        line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise LoadError("the mapping file must be a mapping (sheets:, values:, kinds: …)", file=str(path), line=1,
                        column=1, hint="see archcheck/read/mau03/columns.yaml for the layout")
    return cast(dict[str, Any], data)


def load_spec(mappings: Sequence[str | Path] = ()) -> Spec:
    """The built-in map plus ``mappings`` (each added on top, in order).

    Raises:
        LoadError: a mapping file cannot be read or is not laid out like the built-in one.
    """
    return _spec(tuple(str(m) for m in mappings))


@cache
def _spec(mappings: tuple[str, ...]) -> Spec:
    import yaml  # noqa: PLC0415 - listing rules imports the check kinds, not a YAML parser

    data = cast(dict[str, Any], yaml.safe_load(_builtin_text("columns.yaml")))
    _merge(data, cast(dict[str, Any], yaml.safe_load(_builtin_text("kinds.yaml"))))
    _merge(data, {"values": _shared_lists(yaml.safe_load(
        resources.files("archcheck.read").joinpath("mau03-values.yaml").read_text(encoding="utf-8")))})
    for m in mappings:
        extra = _load_mapping(Path(m))
        try:
            _merge(data, extra)
        except (TypeError, AttributeError) as exc:
            raise LoadError(f"the mapping file does not fit the built-in layout: {exc}", file=m, line=1,
                            column=1) from None
    try:
        return _build(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LoadError(f"the column map is not laid out like the built-in one: {exc!r}",
                        file=mappings[-1] if mappings else "columns.yaml", line=1, column=1,
                        hint="each field needs `name` and `level`; see archcheck/read/mau03/columns.yaml") from None


def _build(data: Mapping[str, Any]) -> Spec:
    sheets = []
    for sname, s in data["sheets"].items():
        # `no:` is YAML 1.1's false: the field number is read under either key
        fields = tuple(Field(key, str(f["name"]), str(f["level"]), str(f.get("no") or f.get(False) or "") or None,
                             f.get("values"), bool(f.get("multi", False)), tuple(str(a) for a in f.get("aliases", ())))
                       for key, f in s["fields"].items())
        sheets.append(Sheet(sname, fields, tuple(str(a) for a in s.get("aliases", ())), s.get("table"),
                            bool(s.get("optional", False)), bool(s.get("support", False))))
    return Spec(
        template=str(data["template"]), sheets=tuple(sheets),
        values={k: tuple(str(x) for x in v) for k, v in data["values"].items()},
        list_names={k: tuple(str(x) for x in v) for k, v in data["list_names"].items()},
        separators=tuple(data["separators"]), unknown=tuple(data["unknown"]),
        not_applicable=tuple(data["not_applicable"]),
        kinds=tuple(KindRule(str(k["kind"]), tuple(str(n) for n in k["names"]), bool(k.get("national", False)))
                    for k in data["kinds"]),
        by_type={normalise(k): str(v) for k, v in data["by_type"].items()},
        national_prefixes=tuple(data["national_prefixes"]),
        national_scopes=tuple(normalise(x) for x in data["national_scopes"]),
        unstated_attributes=tuple(data.get("unstated_attributes", ())),
        relation_kinds={normalise(k): v for k, v in data["relation_kinds"].items()},
        routes={normalise(k): tuple(v or ()) for k, v in data["routes"].items()},
        route_kinds={normalise(k): str(v) for k, v in data["route_kinds"].items()},
        lifecycle_status={normalise(k): str(v) for k, v in data["lifecycle_status"].items()},
        relation_status={normalise(k): str(v) for k, v in data["relation_status"].items()},
        province_prefixes=tuple(data["province_prefixes"]),
        framework=str(data["framework"]),
    )
