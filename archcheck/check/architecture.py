"""A province's architecture as the appraisal sees it: every object with its code, kind, QĐ 1425 layer,
function families and master data, plus the national shared platforms of the framework in force.

Built from whatever archcheck's read layer turns into a :class:`~archcheck.model.Province` (a YAML
model; a Mẫu 03 data set), and from a :class:`~archcheck.law.frameworks.Framework`'s national kinds, so
that a newer framework's platforms (QĐ 1425 Appendix II) appear without a change here.
"""

from __future__ import annotations

from collections.abc import Mapping

from archcheck.law.appraisal import Functions, functions
from archcheck.law.frameworks import Framework
from archcheck.model import Component, Province
from archcheck.read.proposal import value_lists
from archcheck.read.words import contains_phrase, content_words, fold
from archcheck.values import record

QD1425_LAYERS = frozenset({"L1", "L2", "L3", "L4", "X1", "X2", "X3", "X4"})


@record
class ArchObject:
    """An object of the architecture, or a national shared platform of the framework.

    Attributes:
        code: how proposals name it: its Mẫu 03 local code (the DM_DOITUONG row it was read from, for a data
            set; ``attributes.code`` for a YAML model), else the model id.
        layer: its QĐ 1425 layer (L1–L4, X1–X4), or None where nothing says.
        from_framework: a national platform the framework lists and the model does not.
    """

    id: str
    code: str
    name: str
    kind: str
    layer: str | None
    national: bool
    object_type: str | None
    scope: tuple[str, ...]
    master_data: tuple[str, ...]
    families: frozenset[str]
    words: frozenset[str]
    from_framework: bool = False

    @property
    def label(self) -> str:
        """``code (name)``."""
        return f"{self.code} ({self.name})" if self.name and self.name != self.code else self.code


@record
class Architecture:
    """The objects of a province's architecture and the national platforms of its framework.

    Attributes:
        dataset: read from a Mẫu 03 data set (or a model imported from one): its objects are named by
            their local codes only, never by the model ids the reader derived from them.
    """

    province: str
    file: str
    framework: Framework
    objects: tuple[ArchObject, ...]
    dataset: bool = False

    def lookup(self, code: str) -> ArchObject | None:
        """The object a proposal's code names: its local code (any case or spacing; for a model that is not a
        data set, its id too), or for a national platform its kind, an alias or its name ("NDXP",
        "national-integration-platform")."""
        key = _code_key(code)
        for o in self.objects:
            if key == _code_key(o.code) or (not self.dataset and key == _code_key(o.id)):
                return o
        folded = fold(code)
        for o in self.objects:
            if not o.national:
                continue
            info = self.framework.kind(o.kind)
            names = (o.kind, o.name, *(info.aliases if info else ()), *(_acronyms(info.vi) if info else ()))
            if folded and any(folded == fold(n) for n in names):
                return o
        return None


def _code_key(code: str) -> str:
    """A code as compared: case and spacing ignored ("kt-01 " and "KT-01" are one code)."""
    return " ".join(code.split()).casefold()


def _acronyms(text: str) -> tuple[str, ...]:
    """The upper-case words in brackets of a name: "(NDXP)" → ("NDXP",)."""
    import re  # noqa: PLC0415

    return tuple(re.findall(r"\(([A-Z][A-Za-z0-9]{2,})\)", text))


def families_in(name: str | None, fns: Functions) -> frozenset[str]:
    """The function families whose phrases occur in ``name``.

    >>> sorted(families_in("Phần mềm một cửa điện tử Sở Xây dựng", functions()))
    ['administrative-procedures']
    """
    if not name:
        return frozenset()
    words = fold(name).split()
    found = set()
    for fam in fns.families:
        for term in fam.terms:
            if (term.isupper() or fold(term) == term) and " " not in term:
                if fold(term) in words:  # an acronym is a whole word
                    found.add(fam.id)
            elif contains_phrase(name, term):
                found.add(fam.id)
    return frozenset(found)


def kinds_in(name: str | None, framework: Framework) -> frozenset[str]:
    """The component kinds whose Vietnamese name (at least two content words) or a multi-word alias or an
    acronym occurs in ``name``."""
    if not name:
        return frozenset()
    words = content_words(name)
    folded = fold(name).split()
    found = set()
    for kind in framework.kinds.values():
        kw = content_words(kind.vi)
        if len(kw) >= 2 and kw <= words:
            found.add(kind.id)
            continue
        for alias in (*kind.aliases, *_acronyms(kind.vi)):
            phrase = len(fold(alias).split()) >= 2 and contains_phrase(name, alias)
            acronym = alias.isupper() and len(alias) >= 3 and fold(alias) in folded
            if phrase or acronym:
                found.add(kind.id)
    return frozenset(found)


def layer_of(kind: str, framework: Framework, stated: object = None) -> str | None:
    """A kind's QĐ 1425 layer: the model's ``attributes.layer`` if stated, else functions.yaml's table (from
    QĐ 1425 Hình 8), else the framework's own layer where the framework is QĐ 1425 or extends it (a kind
    the table does not know, such as a platform of Appendix II). The table comes before the framework: a
    kind that a 1425 file inherits from 4.0 keeps 4.0's layer code, which means another layer there."""
    if isinstance(stated, str):
        found = value_lists().find("layers", stated)
        if found is not None:
            return found.id
    known = functions().layers.get(kind)
    if known is not None:
        return known
    info = framework.kind(kind)
    if info is not None and info.layer in QD1425_LAYERS and "1425" in framework.chain:
        return info.layer
    return None


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value)
    return ()


def _scopes(value: object) -> tuple[str, ...]:
    """The ids of the Phạm vi sử dụng values a list or a data-set cell names ("Cấp tỉnh; Cấp xã"). A cell is
    split on ";" and line breaks, and on commas only where the whole part is not a value ("Ngành, lĩnh
    vực" is one)."""
    found = value_lists().find
    out: list[str] = []
    for text in _strings(value):
        for part in (p.strip() for p in text.replace("\n", ";").split(";")):
            hit = found("scopes", part) if part else None
            hits = [hit] if hit is not None else [found("scopes", q.strip()) for q in part.split(",") if q.strip()]
            out.extend(v.id for v in hits if v is not None and v.id not in out)
    return tuple(out)


def _object(c: Component, framework: Framework, fns: Functions, row: Mapping[str, str] | None = None) -> ArchObject:
    """``c`` as the appraisal sees it; ``row``: the DM_DOITUONG cells it was read from (a data set), whose
    local code, object type, layer and usage scope are taken where the model's attributes do not state them."""
    attrs = c.attributes
    row = row or {}
    code = row.get("code") or attrs.get("code") or attrs.get("local_code")
    fam = fns.family_of_kind(c.kind)
    obj_type = attrs.get("object_type") or row.get("object_type")
    found_type = value_lists().find("object_kinds", obj_type) if isinstance(obj_type, str) else None
    scopes = _scopes(attrs.get("scope") or row.get("usage_scope"))
    name = c.name or c.id
    return ArchObject(
        id=c.id, code=code if isinstance(code, str) else c.id, name=name, kind=c.kind,
        layer=layer_of(c.kind, framework, attrs.get("layer") or row.get("layer")), national=c.national,
        object_type=found_type.id if found_type else None, scope=scopes,
        master_data=_strings(attrs.get("master_data")),
        families=families_in(name, fns) | ({fam.id} if fam else frozenset()), words=content_words(name))


def architecture(province: Province, framework: Framework, file: str) -> Architecture:
    """The appraisal's view of ``province``, with the national platforms ``framework`` lists and the model
    does not state (each once, by kind)."""
    fns = functions()
    rows = dataset_rows(province)
    objects = [_object(c, framework, fns, rows.get(c.id)) for c in province.components]
    stated = {o.kind for o in objects if o.national}
    for kind in framework.kinds.values():
        if not kind.national or kind.id in stated:
            continue
        fam = fns.family_of_kind(kind.id)
        objects.append(ArchObject(
            id=kind.id, code=kind.id, name=kind.vi, kind=kind.id, layer=layer_of(kind.id, framework),
            national=True, object_type=None, scope=("national",), master_data=(),
            families=families_in(kind.vi, fns) | ({fam.id} if fam else frozenset()),
            words=content_words(kind.vi), from_framework=True))
    return Architecture(province.name, file, framework, tuple(objects), dataset=province.dataset is not None)


def dataset_rows(province: Province) -> dict[str, Mapping[str, str]]:
    """Model id → the DM_DOITUONG row (its cells by field key) each object of a data set was read from; empty
    for a model that is not a data set.

    A component keeps its local code (``attributes.local_code``); a national entry has none, and is found by
    the id the reader derived from its code (:func:`archcheck.read.mau03.convert.slug`), the row with its
    name first where several codes read as one id.
    """
    if province.dataset is None:
        return {}
    from archcheck.read.mau03.convert import slug  # noqa: PLC0415 - only a data set needs the reader's ids

    by_code: dict[str, list[Mapping[str, str]]] = {}
    by_id: dict[str, list[Mapping[str, str]]] = {}
    for r in province.dataset.rows("DM_DOITUONG"):
        code = r.cells.get("code", "")
        if code:
            by_code.setdefault(code, []).append(r.cells)
            by_id.setdefault(slug(code), []).append(r.cells)
    out: dict[str, Mapping[str, str]] = {}
    for c in province.components:
        local = c.attributes.get("local_code")
        rows = by_code.get(local, []) if isinstance(local, str) else by_id.get(c.id, [])
        row = next((x for x in rows if x.get("name") == c.name), rows[0] if rows else None)
        if row is not None:
            out[c.id] = row
    return out
