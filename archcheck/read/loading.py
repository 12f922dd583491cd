"""Model file → schema check → :class:`~archcheck.model.Province` objects, with positions.

Schema errors are reported all at once, each with file:line:column, what is wrong and, for a
misspelt key or value, the nearest valid one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any, cast

from archcheck.errors import ArchcheckError, SchemaError
from archcheck.findings import ModelPath, Provenance, format_path
from archcheck.model import (
    UNKNOWN,
    AttrValue,
    Component,
    Connection,
    Count,
    Coverage,
    Extent,
    Province,
    Readiness,
    Status,
    UnitCount,
)
from archcheck.read.fastload import fast_load
from archcheck.read.sourcemap import LoadedDocument, Notice, SourceMap, load_file
from archcheck.read.validation import suggest, validate_against
from archcheck.stages import stage

# -- data → dataclasses ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModelFile:
    """A loaded model file: its provinces, source map and loader notices."""

    file: str
    provinces: tuple[Province, ...]
    sourcemap: SourceMap
    notices: tuple[Notice, ...]


def load_model(path: str | Path, *, display_name: str | None = None, batch: bool = False) -> ModelFile:
    """Load, schema-check and build one model file.

    ``batch``: the file is one of many, so the fast path is worth trying whatever its size.

    Raises:
        LoadError: unreadable file or YAML.
        SchemaError: the data does not follow the model schema or refers to unknown ids.
    """
    with stage("parse"):
        doc = load_file(path, display_name=display_name,
                        fast=partial(fast_load, min_chars=0) if batch else fast_load)
    if not doc.fast:
        return model_from_document(doc)
    try:
        return model_from_document(doc)
    except ArchcheckError:
        # Whatever is wrong, say it exactly as the exact loader's document does (raw YAML 1.1 text
        # for hints, the same positions): read the file again the exact way.
        with stage("parse"):
            doc = load_file(path, display_name=display_name)
        return model_from_document(doc)


def model_from_document(doc: LoadedDocument, *, first_index: int = 0) -> ModelFile:
    """Build a :class:`ModelFile` from an already loaded YAML document (rule examples, file slices).

    ``first_index`` is the index in the whole file of the first item of ``provinces`` (a slice).
    """
    sm = doc.sourcemap
    with stage("schema"):
        validate_against("model", doc.data, sm, "model")
    data = cast(dict[str, Any], doc.data)
    sources = {k: str(v.get("title", k)) for k, v in data.get("sources", {}).items()}
    raw: list[tuple[ModelPath, dict[str, Any]]]
    if "province" in data:
        raw = [(("province",), data["province"])]
    else:
        raw = [(("provinces", first_index + i), p) for i, p in enumerate(data["provinces"])]
    with stage("model"):
        provinces = tuple(_province(p, path, sources, sm) for path, p in raw)
    return ModelFile(sm.file, provinces, sm, doc.notices)


def _prov(raw: object, sources: Mapping[str, str], sm: SourceMap, path: ModelPath) -> tuple[Provenance, ...]:
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for i, item in enumerate(items):
        doc = item["doc"]
        if doc not in sources:
            p = (*path, "source", i, "doc") if isinstance(raw, list) else (*path, "source", "doc")
            raise _ref_error(sm, p, f"source {doc!r} is not declared under `sources:`",
                             suggest(doc, sources))
        out.append(Provenance(doc, item.get("locator"), item.get("quote")))
    return tuple(out)


def _ref_error(sm: SourceMap, path: ModelPath, message: str, suggestion: str = "") -> SchemaError:
    loc = sm.locate(path)
    return SchemaError(
        f"{format_path(path)}: {message}{suggestion}",
        file=loc.file, line=loc.line, column=loc.column,
        hint="every id a connection names must be declared under `components:` or `national:`",
    )


def _count(v: object) -> Count:
    return UNKNOWN if v == "unknown" else cast(int, v)


def _attr(v: object) -> AttrValue:
    if v == "unknown":
        return UNKNOWN
    if isinstance(v, list):
        return tuple(v)
    if isinstance(v, dict):
        return {k: _attr(x) for k, x in v.items() if k != "source"}
    return cast(AttrValue, v)


_STATUS = {s.value: s for s in Status}  # a dict lookup: calling the enum costs 5x more, 40,000 times a nation
_READINESS = {r.value: r for r in Readiness}


def _province(d: dict[str, Any], path: ModelPath, sources: Mapping[str, str], sm: SourceMap) -> Province:
    units = {
        level: UnitCount(_count(u["total"]), tuple(u.get("names", ())),
                         _prov(u.get("source"), sources, sm, (*path, "units", level)))
        for level, u in d.get("units", {}).items()
    }
    comps: list[Component] = []
    seen: dict[str, ModelPath] = {}
    for group, national in (("components", False), ("national", True)):
        for i, c in enumerate(d.get(group, ())):
            cpath = (*path, group, i)
            if c["id"] in seen:
                first = sm.locate(seen[c["id"]])
                raise _ref_error(sm, (*cpath, "id"),
                                 f"duplicate id {c['id']!r} (first used at line {first.line})")
            seen[c["id"]] = cpath
            deployment = {
                level: _coverage(cov, (*cpath, "deployment", level), sources, sm)
                for level, cov in c.get("deployment", {}).items()
            }
            attrs = {k: _attr(v) for k, v in c.get("attributes", {}).items()}
            comps.append(Component(
                id=c["id"], kind=c["kind"], name=c.get("name"),
                status=_STATUS[c.get("status", "present")],
                readiness=_READINESS[c.get("readiness", "unknown" if national else "ready")],
                attributes=attrs, deployment=deployment, path=cpath, national=national,
                provenance=_prov(c.get("source"), sources, sm, cpath),
            ))
    conns: list[Connection] = []
    for i, c in enumerate(d.get("connections", ())):
        cpath = (*path, "connections", i)
        via_unknown = c.get("via") == "unknown"
        for end in ("from", "to", "via"):
            ref = c.get(end)
            if end == "via" and via_unknown:
                continue
            if ref is not None and ref not in seen:
                raise _ref_error(sm, (*cpath, end), f"{end} {ref!r} is not a declared component",
                                 suggest(ref, seen))
        if c["from"] == c["to"]:
            raise _ref_error(sm, (*cpath, "to"), f"connection from {c['from']!r} to itself")
        if c.get("via") in (c["from"], c["to"]):
            raise _ref_error(sm, (*cpath, "via"), f"a connection cannot pass through its own end {c['via']!r}")
        reach = _coverage(c["reach"], (*cpath, "reach"), sources, sm) if "reach" in c else None
        if reach is not None and isinstance(reach.used, int) and isinstance(reach.total, int) \
                and reach.used > reach.total:
            loc = sm.locate((*cpath, "reach", "used"))
            raise SchemaError(f"{format_path((*cpath, 'reach'))}: used {reach.used} is more than total {reach.total}",
                              file=loc.file, line=loc.line, column=loc.column,
                              hint="a part cannot exceed its total; check both figures against the source")
        conns.append(Connection(
            index=i, source=c["from"], target=c["to"], kind=c["kind"],
            via=None if via_unknown else c.get("via"),
            status=_STATUS[c.get("status", "present")], path=cpath, id=c.get("id"),
            provenance=_prov(c.get("source"), sources, sm, cpath), via_unknown=via_unknown, reach=reach,
        ))
    _check_coverage_totals(comps, units, sm)
    for comp in comps:
        services = comp.attributes.get("online_services")
        if isinstance(services, Mapping):
            _check_service_counts(services, (*comp.path, "attributes", "online_services"), sm)
    return Province(
        name=d["name"], code=d.get("code"), as_of=dt.date.fromisoformat(d["as_of"]),
        framework=d["framework"], admin_structure=d.get("admin_structure"), units=units,
        components=tuple(comps), connections=tuple(conns), path=path, sources=dict(sources),
        partial=d.get("completeness") == "partial",
    )


def _coverage(cov: dict[str, Any], path: ModelPath, sources: Mapping[str, str], sm: SourceMap) -> Coverage:
    return Coverage(
        _count(cov["used"]) if "used" in cov else None,
        _count(cov["total"]) if "total" in cov else None,
        cov.get("percent"),
        cov.get("bound") == "at-least",
        path,
        _prov(cov.get("source"), sources, sm, path),
        Extent(cov["extent"]) if "extent" in cov else None,
        cov.get("phrase"),
    )


_LEVELS = ("level1", "level2", "level3", "level4")


def _parts_error(sm: SourceMap, path: ModelPath, message: str) -> SchemaError:
    loc = sm.locate(path)
    return SchemaError(f"{format_path(path[:-1])}: {message}", file=loc.file, line=loc.line, column=loc.column,
                       hint="a part cannot exceed its total; check both figures against the source (and the "
                            "`counting:` rule it uses)")


def _check_service_counts(counts: Mapping[str, AttrValue], path: ModelPath, sm: SourceMap,
                          counting: AttrValue | None = None) -> None:
    """Parts never exceed totals: each level, full-process and partial within ``total``; under
    ``highest-level`` counting the levels add up to at most ``total``; under ``cumulative`` a higher
    level never counts more than a lower one; dossiers online within all dossiers.

    Raises:
        SchemaError: located at the part that is too large.
    """
    counting = counts.get("counting", counting)
    total = counts.get("total")
    known = {k: v for k, v in counts.items() if isinstance(v, int) and not isinstance(v, bool)}
    if isinstance(total, int):
        for key in (*_LEVELS, "full_process", "partial"):
            if key in known and known[key] > total:
                raise _parts_error(sm, (*path, key), f"{key} {known[key]} is more than total {total}")
        if "full_process" in known and "partial" in known and known["full_process"] + known["partial"] > total:
            raise _parts_error(sm, (*path, "partial"), f"full_process {known['full_process']} + partial "
                               f"{known['partial']} is more than total {total}")
        levels = [k for k in _LEVELS if k in known]
        if counting == "highest-level" and sum(known[k] for k in levels) > total:
            raise _parts_error(sm, (*path, levels[-1]), f"the levels add up to {sum(known[k] for k in levels)}, "
                               f"more than total {total} (counting: highest-level)")
    if counting == "cumulative":
        levels = [k for k in _LEVELS if k in known]
        for low, high in pairwise(levels):
            if known[high] > known[low]:
                raise _parts_error(sm, (*path, high), f"{high} {known[high]} is more than {low} {known[low]} "
                                   "(counting: cumulative, so every higher-level service also counts lower)")
    dossiers = counts.get("dossiers")
    if isinstance(dossiers, Mapping):
        online, all_ = dossiers.get("online"), dossiers.get("total")
        if isinstance(online, int) and isinstance(all_, int) and online > all_:
            raise _parts_error(sm, (*path, "dossiers", "online"), f"dossiers.online {online} is more than "
                               f"dossiers.total {all_}")
    deployers = counts.get("by_deployer")
    if isinstance(deployers, Mapping):
        for who, part in deployers.items():
            if isinstance(part, Mapping):
                _check_service_counts(part, (*path, "by_deployer", who), sm, counting)


def _check_coverage_totals(comps: Sequence[Component], units: Mapping[str, UnitCount], sm: SourceMap) -> None:
    for c in comps:
        for level, cov in c.deployment.items():
            total = cov.total if cov.total is not None else (units[level].total if level in units else None)
            if isinstance(cov.used, int) and isinstance(total, int) and cov.used > total:
                loc = sm.locate((*cov.path, "used"))
                raise SchemaError(
                    f"{format_path(cov.path)}: {cov.used} units use {c.id!r} but the {level} total is {total}",
                    file=loc.file, line=loc.line, column=loc.column,
                    hint="coverage cannot exceed the number of units; check both figures against the source",
                )
