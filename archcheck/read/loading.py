"""Model file → schema check → :class:`~archcheck.model.Province` objects, with positions.

Schema errors are reported all at once, each with file:line:column, what is wrong and, for a
misspelt key or value, the nearest valid one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any, cast

from archcheck.errors import ArchcheckError, SchemaError
from archcheck.findings import Location, ModelPath, Provenance, format_path
from archcheck.model import (
    OPERATES,
    OPERATOR_KINDS,
    UNKNOWN,
    AttrValue,
    Component,
    Connection,
    Count,
    Coverage,
    DataRow,
    DataSet,
    Design,
    Extent,
    OwnFramework,
    Province,
    Readiness,
    Stage,
    Status,
    Target,
    UnitCount,
)
from archcheck.read import files
from archcheck.read.document import LoadedDocument, Notice, SourceMap
from archcheck.read.sourcemap import MAX_ITEMS, load_file, too_many
from archcheck.read.validation import schema_error, suggest, validate_against
from archcheck.stages import stage
from archcheck.values import record

# -- data → records --------------------------------------------------------------------------------


@record
class ModelFile:
    """A loaded model file: its provinces, source map and loader notices."""

    file: str
    provinces: tuple[Province, ...]
    sourcemap: SourceMap
    notices: tuple[Notice, ...]


def load_model(path: str | Path, *, display_name: str | None = None, batch: bool = False,
               mappings: Sequence[str | Path] = (), known_kinds: Iterable[str] | None = None) -> ModelFile:
    """Load, schema-check and build one model file, or a Mẫu 03 data set (``.xlsx``).

    ``batch``: the file is one of many, so the fast path is worth trying whatever its size.
    ``mappings``: extra column maps for a data set (``--mapping``); ``known_kinds``: the component kinds
    the loaded frameworks know (a data set's objects are given only those).

    Raises:
        LoadError: unreadable file or YAML.
        SchemaError: the data does not follow the model schema or refers to unknown ids.
    """
    from archcheck.read.mau03 import is_workbook_name  # noqa: PLC0415 - a small module

    if is_workbook_name(str(path)):
        from archcheck.read.mau03.convert import read_dataset  # noqa: PLC0415 - only data sets pay for it
        from archcheck.read.mau03.spec import load_spec  # noqa: PLC0415

        with stage("parse"):
            book = read_dataset(str(path), load_spec(mappings), display_name=display_name, known_kinds=known_kinds)
        return model_from_document(book)
    with stage("parse"):
        doc = load_file(path, display_name=display_name,
                        fast=partial(_fast_load, min_chars=0) if batch else _fast_load)
    if not doc.fast:
        return model_from_document(doc)
    _refuse_oversized(doc.data, doc.sourcemap)  # its message is the same from either path: no second read
    try:
        return model_from_document(doc)
    except ArchcheckError:
        # Whatever is wrong, say it exactly as the exact loader's document does (raw YAML 1.1 text
        # for hints, the same positions): read the file again the exact way.
        with stage("parse"):
            doc = load_file(path, display_name=display_name)
        return model_from_document(doc)


def _fast_load(text: str, name: str, *, min_chars: int | None = None) -> LoadedDocument | None:
    """The fast path (:func:`archcheck.read.fastload.fast_load`), imported only for a text it may take."""
    if not files.long_enough_for_fast_path(text, min_chars):
        return None
    from archcheck.read.fastload import fast_load  # noqa: PLC0415

    return fast_load(text, name, min_chars=min_chars)


def model_from_document(doc: LoadedDocument, *, first_index: int = 0) -> ModelFile:
    """Build a :class:`ModelFile` from an already loaded YAML document (rule examples, file slices).

    ``first_index`` is the index in the whole file of the first item of ``provinces`` (a slice).
    """
    sm = doc.sourcemap
    _refuse_oversized(doc.data, sm)
    try:
        with stage("schema"):
            validate_against("model", doc.data, sm, "model")
        data = cast(dict[str, Any], doc.data)
        if data.get("archcheck") == 1:
            _refuse_v2_fields(data, sm)
        sources = {k: str(v.get("title", k)) for k, v in data.get("sources", {}).items()}
        raw: list[tuple[ModelPath, dict[str, Any]]]
        if "province" in data:
            raw = [(("province",), data["province"])]
        else:
            raw = [(("provinces", first_index + i), p) for i, p in enumerate(data["provinces"])]
        with stage("model"):
            provinces = tuple(_province(p, path, sources, sm) for path, p in raw)
    except SchemaError as err:
        err.document = doc  # type: ignore[attr-defined]  # the checker adds the unknown kinds it can see
        raise
    return ModelFile(sm.file, provinces, sm, doc.notices)


def _refuse_oversized(data: object, sm: SourceMap) -> None:
    """Raise SchemaError, located at the first item over the limit, if a province lists more of
    something than :data:`MAX_ITEMS` allows (before the schema check, which would read them all).

    The exact loader stops at that item as it reads (:func:`archcheck.read.sourcemap.item_limit`), and
    the fast path leaves such a file to it; this check is for data from elsewhere (an alias, a data
    set), with the same message."""
    if not isinstance(data, dict):
        return
    stated: list[tuple[ModelPath, object]] = [(("province",), data.get("province"))]
    if isinstance(data.get("provinces"), list):
        stated += [(("provinces", i), p) for i, p in enumerate(data["provinces"])]
    for path, p in stated:
        if not isinstance(p, dict):
            continue
        for key, limit in MAX_ITEMS.items():
            items = p.get(key)
            if isinstance(items, list) and len(items) > limit:
                loc = sm.locate((*path, key, limit))
                raise too_many((*path, key), limit, loc.file, loc.line, loc.column)


FORMAT_VERSION = 2
"""The model format this archcheck writes about; version 1 files are read as they are."""

_V2_COVERAGE = ("extent", "phrase")
_V2_SERVICES = ("counting", "by_deployer", "dossiers")


def _v2_fields(data: Mapping[str, Any]) -> Iterator[tuple[ModelPath, str]]:
    """Where a file uses what model format 2 added, and what it is (for a version-1 file)."""
    provinces = ([(("province",), data["province"])] if "province" in data else
                 [(("provinces", i), p) for i, p in enumerate(data.get("provinces", ()))])
    for ppath, p in provinces:
        for i, c in enumerate(p.get("components", ())):
            cpath = (*ppath, "components", i)
            if "owner_level" in c:
                yield (*cpath, "owner_level"), "`owner_level`"
            for level, cov in c.get("deployment", {}).items():
                for key in _V2_COVERAGE:
                    if key in cov:
                        yield (*cpath, "deployment", level, key), f"`{key}` in a deployment"
            services = c.get("attributes", {}).get("online_services", {})
            for key in _V2_SERVICES:
                if key in services:
                    yield (*cpath, "attributes", "online_services", key), f"`online_services.{key}`"
        for i, c in enumerate(p.get("connections", ())):
            cpath = (*ppath, "connections", i)
            if c.get("via") == "unknown":
                yield (*cpath, "via"), "`via: unknown`"
            if "reach" in c:
                yield (*cpath, "reach"), "`reach`"
            if c.get("kind") == "operates":
                yield (*cpath, "kind"), "the `operates` connection kind"
            if "stage" in c:
                yield (*cpath, "stage"), "`stage`"
        for key in ("design", "targets"):
            if key in p:
                yield (*ppath, key), f"`{key}`"
        if isinstance(p.get("admin_structure"), Mapping):
            yield (*ppath, "admin_structure"), "a change of `admin_structure` at a date"
        for i, c in enumerate(p.get("components", ())):
            if "stage" in c:
                yield (*ppath, "components", i, "stage"), "`stage`"


def _refuse_v2_fields(data: Mapping[str, Any], sm: SourceMap) -> None:
    """A file that says ``archcheck: 1`` but uses a version-2 field: say exactly what to change.

    Raises:
        SchemaError: located at the first such field.
    """
    for path, what in _v2_fields(data):
        loc, header = sm.locate(path), sm.locate(("archcheck",))
        raise SchemaError(
            f"{format_path(path)}: {what} is model format 2, but the file says `archcheck: 1` "
            f"(line {header.line})",
            file=loc.file, line=loc.line, column=loc.column,
        sheet=loc.sheet, cell=loc.cell,
            hint=f"change line {header.line} to `archcheck: 2` (a version-1 model stays valid under 2)",
        )


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


def _all_of(errors: list[SchemaError], file: str) -> SchemaError:
    """One error for the reference problems of a province (duplicate ids, dangling ends), all of them."""
    if len(errors) == 1:
        return errors[0]
    located = [(Location(e.file or file, e.line or 1, e.column or 1), e.message) for e in errors]
    err = schema_error(located, "model", file)
    err.hint = errors[0].hint
    return err


def _ref_error(sm: SourceMap, path: ModelPath, message: str, suggestion: str = "") -> SchemaError:
    loc = sm.locate(path)
    return SchemaError(
        f"{format_path(path)}: {message}{suggestion}",
        file=loc.file, line=loc.line, column=loc.column,
        sheet=loc.sheet, cell=loc.cell,
        hint="every id a connection names must be declared under `components:` or `national:`",
    )


def _check_operates(c: Mapping[str, Any], cpath: ModelPath, comps: Mapping[str, Component], sm: SourceMap) -> None:
    """An ``operates`` connection runs from a public-service centre to a provincial system it runs.

    Raises:
        SchemaError: located at the connection's ``from`` (or ``to``) with what to write instead.
    """
    source, target = comps[c["from"]], comps[c["to"]]
    if source.kind not in OPERATOR_KINDS:
        loc = sm.locate((*cpath, "from"))
        raise SchemaError(
            f"{format_path((*cpath, 'kind'))}: an `operates` connection starts at a public-service centre, "
            f"but {source.id!r} is a {source.kind}",
            file=loc.file, line=loc.line, column=loc.column,
            hint="declare the centre (`kind: public-service-centre`, with its `owner_level`) and draw `operates` "
                 "from it; between two systems use the kind of exchange (data-exchange, synchronisation, …)")
    if target.national or target.kind in OPERATOR_KINDS:
        loc = sm.locate((*cpath, "to"))
        what = "a national system" if target.national else "another public-service centre"
        raise SchemaError(
            f"{format_path((*cpath, 'kind'))}: a public-service centre operates a provincial system, but "
            f"{target.id!r} is {what}",
            file=loc.file, line=loc.line, column=loc.column,
            hint="point `operates` at the system the centre runs for citizens (the one-stop or "
                 "administrative-procedure system)")


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


def _connection_problems(c: Mapping[str, Any], cpath: ModelPath, seen: Mapping[str, ModelPath],
                         comps: Sequence[Component], sm: SourceMap) -> list[SchemaError]:
    """Every reference problem of one connection: an undeclared end or route, a loop, a route through its own
    end, an ``operates`` that is not a centre running a system."""
    wrong: list[SchemaError] = []
    for end in ("from", "to", "via"):
        ref = c.get(end)
        if end == "via" and ref == "unknown":
            continue
        if ref is not None and ref not in seen:
            wrong.append(_ref_error(sm, (*cpath, end), f"{end} {ref!r} is not a declared component",
                                    suggest(ref, seen)))
    if c["from"] == c["to"]:
        wrong.append(_ref_error(sm, (*cpath, "to"), f"connection from {c['from']!r} to itself"))
    elif c.get("via") in (c["from"], c["to"]):
        wrong.append(_ref_error(sm, (*cpath, "via"), f"a connection cannot pass through its own end {c['via']!r}"))
    if c["kind"] == OPERATES and not wrong:
        try:
            _check_operates(c, cpath, {x.id: x for x in comps}, sm)
        except SchemaError as exc:
            wrong.append(exc)
    return wrong


def _province(d: dict[str, Any], path: ModelPath, sources: Mapping[str, str], sm: SourceMap) -> Province:
    units = {
        level: UnitCount(_count(u["total"]), tuple(u.get("names", ())),
                         _prov(u.get("source"), sources, sm, (*path, "units", level)))
        for level, u in d.get("units", {}).items()
    }
    comps: list[Component] = []
    seen: dict[str, ModelPath] = {}
    wrong: list[SchemaError] = []  # every reference problem of the province, reported together
    for group, national in (("components", False), ("national", True)):
        for i, c in enumerate(d.get(group, ())):
            cpath = (*path, group, i)
            if c["id"] in seen:
                first = sm.locate(seen[c["id"]])
                wrong.append(_ref_error(sm, (*cpath, "id"),
                                        f"duplicate id {c['id']!r} (first used at line {first.line})"))
                continue
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
                provenance=_prov(c.get("source"), sources, sm, cpath), owner_level=c.get("owner_level"),
                stage=c.get("stage"),
            ))
    conns: list[Connection] = []
    for i, c in enumerate(d.get("connections", ())):
        cpath = (*path, "connections", i)
        via_unknown = c.get("via") == "unknown"
        problems = _connection_problems(c, cpath, seen, comps, sm)
        wrong.extend(problems)
        if problems:
            continue
        reach = _coverage(c["reach"], (*cpath, "reach"), sources, sm) if "reach" in c else None
        if reach is not None and isinstance(reach.used, int) and isinstance(reach.total, int) \
                and reach.used > reach.total:
            loc = sm.locate((*cpath, "reach", "used"))
            raise SchemaError(f"{format_path((*cpath, 'reach'))}: used {reach.used} is more than total {reach.total}",
                              file=loc.file, line=loc.line, column=loc.column, sheet=loc.sheet, cell=loc.cell,
                              hint="a part cannot exceed its total; check both figures against the source")
        conns.append(Connection(
            index=i, source=c["from"], target=c["to"], kind=c["kind"],
            via=None if via_unknown else c.get("via"),
            status=_STATUS[c.get("status", "present")], path=cpath, id=c.get("id"),
            provenance=_prov(c.get("source"), sources, sm, cpath), via_unknown=via_unknown, reach=reach,
            stage=c.get("stage"),
        ))
    if wrong:
        raise _all_of(wrong, sm.file)
    _check_coverage_totals(comps, units, sm)
    _check_contradictions(comps, conns, sm)
    design = _design(d.get("design"), (*path, "design"), sources, sm)
    _check_stages(design, comps, conns, path, sm)
    targets = tuple(
        Target(t["metric"], t["value"], dt.date.fromisoformat(t["by"]), (*path, "targets", i),
               _prov(t.get("source"), sources, sm, (*path, "targets", i)))
        for i, t in enumerate(d.get("targets", ())))
    for comp in comps:
        services = comp.attributes.get("online_services")
        if isinstance(services, Mapping):
            _check_service_counts(services, (*comp.path, "attributes", "online_services"), sm)
    structure = d.get("admin_structure")
    reform_on = None
    if isinstance(structure, Mapping):  # the change stated: the structure before it, and its day
        structure, reform_on = structure["from"], dt.date.fromisoformat(structure["on"])
    return Province(
        name=d["name"], code=d.get("code"), as_of=dt.date.fromisoformat(d["as_of"]),
        framework=d["framework"], admin_structure=structure, units=units, reform_on=reform_on,
        components=tuple(comps), connections=tuple(conns), path=path, sources=dict(sources),
        partial=d.get("completeness") == "partial", design=design, targets=targets,
        dataset=_dataset(d["dataset"], (*path, "dataset")) if "dataset" in d else None,
        own_framework=_own_framework(d.get("digital_architecture_framework"), path, sources, sm),
    )


def _dataset(d: Mapping[str, Any], path: ModelPath) -> DataSet:
    """A Mẫu 03 data set as the model file holds it (``province.dataset``)."""
    return DataSet(str(d["template"]), {
        name: tuple(DataRow(int(r["row"]), {k: str(v) for k, v in r.items() if k != "row"}, (*path, "sheets", name, i))
                    for i, r in enumerate(rows))
        for name, rows in d["sheets"].items()}, path)


def _own_framework(raw: object, path: ModelPath, sources: Mapping[str, str], sm: SourceMap) -> OwnFramework | None:
    """``digital_architecture_framework``: ``none`` (stated not issued), a document and date, or None."""
    if raw is None:
        return None
    fpath = (*path, "digital_architecture_framework")
    if not isinstance(raw, Mapping):  # the schema allows only the word none
        return OwnFramework(None, None, fpath)
    issued = raw["issued"]
    return OwnFramework(str(raw["document"]), None if issued == "unknown" else dt.date.fromisoformat(issued),
                        fpath, _prov(raw.get("source"), sources, sm, fpath))


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
        sheet=loc.sheet, cell=loc.cell,
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


def _design(raw: dict[str, Any] | None, path: ModelPath, sources: Mapping[str, str], sm: SourceMap) -> Design | None:
    """The design block, its stages inside the horizon and in order.

    Raises:
        SchemaError: a stage that ends before it starts, or outside the horizon; a duplicate stage id.
    """
    if raw is None:
        return None
    def day(text: str) -> dt.date | None:
        return None if text == "unknown" else dt.date.fromisoformat(text)

    horizon = day(raw["horizon"])
    stages: list[Stage] = []
    seen: set[str] = set()  # a data set's roadmap has a stage per task: thousands
    for i, s in enumerate(raw["stages"]):
        spath = (*path, "stages", i)
        st = Stage(s["id"], s.get("name"), day(s["from"]), day(s["to"]), spath)
        if st.id in seen:
            raise _contradiction(sm, (*spath, "id"), f"duplicate stage id {st.id!r}", "give every stage its own id")
        if st.end is not None and st.start is not None and st.end < st.start:
            raise _contradiction(sm, (*spath, "to"), f"stage {st.id!r} ends ({st.end}) before it starts "
                                 f"({st.start})", "check both dates against the design document")
        if st.end is not None and horizon is not None and st.end > horizon:
            raise _contradiction(sm, (*spath, "to"), f"stage {st.id!r} ends {st.end}, after the design's "
                                 f"horizon {horizon}", "a stage lies inside the horizon: check the dates "
                                 "against the design document")
        stages.append(st)
    approved = dt.date.fromisoformat(raw["approved"]) if "approved" in raw else None
    return Design(horizon, tuple(stages), path, _prov(raw.get("document"), sources, sm, path), approved)


def _check_stages(design: Design | None, comps: Sequence[Component], conns: Sequence[Connection],
                  path: ModelPath, sm: SourceMap) -> None:
    """Every ``stage`` a component or connection names is a stage of the design.

    Raises:
        SchemaError: located at the ``stage`` key.
    """
    known = [s.id for s in design.stages] if design else []
    named: list[tuple[str | None, ModelPath]] = [(c.stage, c.path) for c in comps]
    named += [(c.stage, c.path) for c in conns]
    for sid, item_path in named:
        if sid is not None and sid not in known:
            where = (*item_path, "stage")
            if design is None:
                raise _contradiction(sm, where, f"stage {sid!r}, but the model has no `design:`",
                                     "add `design: {horizon, stages: [{id, name, from, to}]}` to the province")
            raise _contradiction(sm, where, f"unknown stage {sid!r}{suggest(sid, known)}",
                                 f"the design's stages: {', '.join(known)}")


def _contradiction(sm: SourceMap, path: ModelPath, message: str, hint: str) -> SchemaError:
    loc = sm.locate(path)
    return SchemaError(f"{format_path(path)}: {message}", file=loc.file, line=loc.line, column=loc.column,
        sheet=loc.sheet, cell=loc.cell, hint=hint)


def _check_contradictions(comps: Sequence[Component], conns: Sequence[Connection], sm: SourceMap) -> None:
    """Facts that cannot both hold: an absent component that units use, a connection in operation
    from or to an absent component.

    Raises:
        SchemaError: located at the second fact, naming the first.
    """
    by_id = {c.id: c for c in comps}
    for c in comps:
        if c.status is not Status.ABSENT:
            continue
        for level, cov in c.deployment.items():
            uses = (isinstance(cov.used, int) and cov.used > 0) or bool(cov.percent) or (
                cov.extent is not None and cov.extent.value not in ("none", "unknown"))
            if uses:
                raise _contradiction(sm, cov.path, f"{c.id!r} is `status: absent` (line "
                                     f"{sm.locate((*c.path, 'status')).line}) but {level} units use it "
                                     f"({cov.describe(None)})",
                                     "an absent system has no users: correct the status or the figure against "
                                     "the source (`status: planned` for one announced but not yet in use)")
    for conn in conns:
        if conn.status is not Status.PRESENT:
            continue
        for end in (conn.source, conn.target):
            comp = by_id[end]
            if comp.status is Status.ABSENT:
                raise _contradiction(sm, conn.path, f"a connection in operation from {conn.source!r} to "
                                     f"{conn.target!r}, but {end!r} is `status: absent` (line "
                                     f"{sm.locate((*comp.path, 'status')).line})",
                                     "give the connection `status: absent` (or the component the status the "
                                     "source states)")


def _check_coverage_totals(comps: Sequence[Component], units: Mapping[str, UnitCount], sm: SourceMap) -> None:
    for c in comps:
        for level, cov in c.deployment.items():
            total = cov.total if cov.total is not None else (units[level].total if level in units else None)
            if isinstance(cov.used, int) and isinstance(total, int) and cov.used > total:
                loc = sm.locate((*cov.path, "used"))
                raise SchemaError(
                    f"{format_path(cov.path)}: {cov.used} units use {c.id!r} but the {level} total is {total}",
                    file=loc.file, line=loc.line, column=loc.column,
        sheet=loc.sheet, cell=loc.cell,
                    hint="coverage cannot exceed the number of units; check both figures against the source",
                )
