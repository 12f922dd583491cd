"""What a finding is about, as a key that does not depend on list positions or line numbers.

A model path such as ``province.components[3].deployment`` says where a finding points; its list
positions change whenever a component, connection or province is moved, inserted or deleted. The
key replaces each position by what sits there: the province by its name, a component by its id, a
connection by its ends and kind (and its ``via`` and ``id`` if it has them). The finding's
fingerprint hashes the rule id with this key (see :attr:`archcheck.findings.Finding.fingerprint`).
"""

from __future__ import annotations

from collections.abc import Mapping

from archcheck.findings import ModelPath
from archcheck.model import Province

SubjectKeys = Mapping[ModelPath, str]
"""Model path of each component and connection → its key (``component=ID``, ``connection=A->B:kind``)."""


def subject_keys(province: Province) -> dict[ModelPath, str]:
    """The key of each component and connection of ``province``, by its model path.

    Two connections with the same ends, kind and ``via`` and no ``id`` are told apart by their
    order among themselves only (``#2``), so moving any other item keeps their keys.
    """
    keys: dict[ModelPath, str] = {c.path: f"component={c.id}" for c in province.components}
    seen: dict[str, int] = {}
    for conn in province.connections:
        key = f"connection={conn.source}->{conn.target}:{conn.kind}"
        if conn.via:
            key += f" via {conn.via}"
        if conn.id:
            key += f" id {conn.id}"
        seen[key] = seen.get(key, 0) + 1
        keys[conn.path] = key if seen[key] == 1 else f"{key} #{seen[key]}"
    return keys


def about(province: Province, keys: SubjectKeys, subject: str, path: ModelPath, detail: str | None = None) -> str:
    """The key of what a finding is about: province, subject, the item the path points into, then
    the names below it (list positions dropped), then ``detail``.

    The subject is left out where it is the id of the component the path points into.

    >>> import datetime as dt
    >>> p = Province("Lâm Đồng", None, dt.date(2020, 1, 1), "2.0", None, {}, (), (), ("provinces", 4))
    >>> about(p, {("provinces", 4, "components", 0): "component=qlvb"}, "qlvb",
    ...       ("provinces", 4, "components", 0, "deployment"), "district")
    'Lâm Đồng/component=qlvb/deployment/district'
    >>> about(p, {}, "one-stop-shop", ("provinces", 4, "components"))
    'Lâm Đồng/subject=one-stop-shop/components'
    """
    parts = [province.name]
    rest = tuple(path)
    if rest[: len(province.path)] == province.path:
        rest = rest[len(province.path):]
    item = keys.get((*province.path, *rest[:2])) if len(rest) >= 2 else None
    if item != f"component={subject}":
        parts.append(f"subject={subject}")
    if item is not None:
        parts.append(item)
        rest = rest[2:]
    parts.extend(p for p in rest if isinstance(p, str))
    if detail:
        parts.append(detail)
    return "/".join(parts)
