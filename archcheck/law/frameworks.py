"""Framework versions as data; ``extends`` resolved into one flat :class:`Framework`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, cast

from archcheck.errors import ArchcheckError, FrameworkError
from archcheck.findings import Confidence
from archcheck.read.schemas import shipped
from archcheck.read.sourcemap import SourceMap, load_bytes
from archcheck.read.validation import suggest, validate_against


@dataclass(frozen=True, slots=True)
class KindInfo:
    """A component kind in a framework's vocabulary."""

    id: str
    en: str
    vi: str
    layer: str | None
    national: bool
    renamed_from: str | None = None
    """The id this kind had in the version this one extends, if the newer file renames it."""
    aliases: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Framework:
    """One framework version, with everything it inherits already merged in.

    Attributes:
        rules: rule id → severity in this framework (``default`` keeps the rule's own).
        rule_lines: rule id → (framework file, line) where this version grades the rule.
        chain: this version and the ones it extends, newest first.
    """

    id: str
    title_en: str
    title_vi: str
    document: str
    issued: dt.date
    issued_confidence: Confidence
    kinds: Mapping[str, KindInfo]
    rules: Mapping[str, str]
    chain: tuple[str, ...]
    file: str
    rule_lines: Mapping[str, tuple[str, int]]

    def kind(self, kind_id: str) -> KindInfo | None:
        """Vocabulary entry for a kind, or None if the framework does not know it."""
        return self.kinds.get(kind_id)


@dataclass(frozen=True, slots=True)
class _Raw:
    data: dict[str, Any]
    sourcemap: SourceMap
    file: str


@cache
def _builtin_raw() -> dict[str, _Raw]:
    root = shipped("frameworks")
    files = sorted((f for f in root.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    return _read_raw([(f, f"frameworks/{f.name}") for f in files], {})


def _read_raw(files: list[tuple[Traversable | Path, str]], base: Mapping[str, _Raw]) -> dict[str, _Raw]:
    out: dict[str, _Raw] = dict(base)
    for f, name in files:
        try:
            doc = load_bytes(f.read_bytes(), name)
            validate_against("framework", doc.data, doc.sourcemap, "framework file")
        except ArchcheckError as exc:
            raise FrameworkError(exc.message, file=exc.file, line=exc.line, column=exc.column,
                                 hint=exc.hint) from None
        data = cast(dict[str, Any], doc.data)
        if data["id"] in out:
            loc = doc.sourcemap.locate(("id",))
            raise FrameworkError(f"framework {data['id']} is defined twice (also in {out[data['id']].file})",
                                 file=name, line=loc.line, column=loc.column,
                                 hint="give your framework its own version id, and `extends` the built-in one")
        out[data["id"]] = _Raw(data, doc.sourcemap, name)
    return out


def _raws(extra_dirs: tuple[Path, ...]) -> dict[str, _Raw]:
    # Only the built-in files are cached: user folders are read afresh, so an edited profile
    # (or the same relative path from another folder) is never answered from a stale cache.
    raws = _builtin_raw()
    for d in extra_dirs:
        if not d.is_dir():
            raise FrameworkError("is not a folder of framework files", file=str(d))
        raws = _read_raw([(f, str(f)) for f in sorted(d.glob("*.yaml"))], raws)
    return raws


def available(extra_dirs: tuple[Path, ...] = ()) -> list[str]:
    """Ids of the framework versions (built-in, plus those in ``extra_dirs``), oldest first."""
    return sorted(_raws(extra_dirs), key=lambda v: tuple(int(x) for x in v.split(".")))


def get_framework(version: str, extra_dirs: tuple[Path, ...] = ()) -> Framework:
    """The framework ``version`` with ``extends`` resolved.

    Raises:
        FrameworkError: unknown version, an ``extends`` cycle, or a removal of something absent.
    """
    raws = _raws(extra_dirs)
    if version not in raws:
        raise FrameworkError(
            f"unknown framework version {version!r}{suggest(version, raws)}",
            hint=f"available: {', '.join(available())}",
        )
    return _resolve(version, raws, ())


def _resolve(version: str, raws: Mapping[str, _Raw], seen: tuple[str, ...]) -> Framework:
    if version in seen:
        cycle = " → ".join((*seen, version))
        last = raws[seen[-1]]
        loc = last.sourcemap.locate(("extends",))
        raise FrameworkError(f"`extends` forms a cycle: {cycle}", file=last.file, line=loc.line,
                             column=loc.column, hint="a framework may extend only an older version")
    raw = raws[version]
    d = raw.data
    kinds: dict[str, KindInfo] = {}
    rules: dict[str, str] = {}
    rule_lines: dict[str, tuple[str, int]] = {}
    chain: tuple[str, ...] = (version,)
    parent_id = d.get("extends")
    if parent_id is not None:
        if parent_id not in raws:
            loc = raw.sourcemap.locate(("extends",))
            raise FrameworkError(f"extends unknown framework {parent_id!r}", file=raw.file,
                                 line=loc.line, column=loc.column)
        parent = _resolve(parent_id, raws, (*seen, version))
        kinds.update(parent.kinds)
        rules.update(parent.rules)
        rule_lines.update(parent.rule_lines)
        chain = (version, *parent.chain)
    removals = d.get("remove", {})
    for group, national in (("component_kinds", False), ("national_kinds", True)):
        for i, k in enumerate(removals.get(group, ())):
            if k not in kinds:
                loc = raw.sourcemap.locate(("remove", group, i))
                raise FrameworkError(f"removes kind {k!r}, which {parent_id} does not have",
                                     file=raw.file, line=loc.line, column=loc.column)
            del kinds[k]
        for k, info in d.get(group, {}).items():
            kinds[k] = KindInfo(k, info["en"], info["vi"], info.get("layer"), national, info.get("renamed_from"),
                                tuple(info.get("aliases", ())), info.get("note"))
    for i, rid in enumerate(removals.get("rules", ())):
        if rid not in rules:
            loc = raw.sourcemap.locate(("remove", "rules", i))
            raise FrameworkError(f"removes rule {rid}, which {parent_id} does not apply",
                                 file=raw.file, line=loc.line, column=loc.column)
        del rules[rid]
    for rid, sev in d.get("rules", {}).items():
        rules[rid] = sev
        rule_lines[rid] = (raw.file, raw.sourcemap.locate(("rules", rid)).line)
    return Framework(
        id=d["id"], title_en=d["title"]["en"], title_vi=d["title"]["vi"],
        document=d["issued"]["document"], issued=dt.date.fromisoformat(d["issued"]["date"]),
        issued_confidence=Confidence(d["issued"]["confidence"]), kinds=dict(sorted(kinds.items())),
        rules=dict(sorted(rules.items())), chain=chain, file=raw.file, rule_lines=rule_lines,
    )
