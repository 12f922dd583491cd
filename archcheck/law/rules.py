"""Rule files → :class:`Rule` objects: metadata, citation, the check as data, runnable examples.

The check stays data here (``Rule.check_data``): the law layer says *what* a rule requires; the
check layer (:func:`archcheck.check.kinds.compiled`) turns it into code, so that listing or showing
rules never imports the graph library or the check kinds."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

from archcheck.catalogue import Message, Text, msg
from archcheck.errors import ArchcheckError, RuleDefinitionError
from archcheck.findings import Citation, Confidence, Severity
from archcheck.read.document import LoadedDocument, SourceMap, document_from_plain, document_to_plain
from archcheck.read.files import read_bounded, yaml_files
from archcheck.read.schemas import shipped_files
from archcheck.values import field, record


@record
class ExpectedFinding:
    """One finding a failing example must produce."""

    subject: str
    path: str
    line: int | None
    """Line in the rule file; None: any line (the author need not count lines)."""
    severity: Severity | None = None
    unverifiable: bool = False


@record
class RuleExample:
    """A small model shipped with the rule, with the findings it must (or must not) produce."""

    name: str
    passes: bool
    document: LoadedDocument
    as_of: dt.date | None
    expect: tuple[ExpectedFinding, ...]


class Binding(enum.StrEnum):
    """Where a rule's force comes from, which decides under which framework versions it applies.

    ``law``: a decree, PM decision or circular — applies by the evaluation date under every
    framework version (graded by a version that lists it, else at the rule's own severity).
    ``recommendation``: a framework's advice, a directive, an official letter or a scheme
    approval — applies only where a framework version lists it.
    """

    LAW = "law"
    RECOMMENDATION = "recommendation"


@record
class Ending:
    """The document that ended an obligation, and what replaced it."""

    document: str
    confidence: Confidence
    clause: str | None = None
    replaced_by: str | None = None
    note: str | None = None


@record
class Target:
    """A policy target: what is to be reached, by when."""

    value: str
    deadline: dt.date
    metric: str | None = None
    """The ``metric`` of a province's own target for the same indicator (``province.targets``)."""
    at_least: float | None = None
    """The national target in the metric's unit."""


@record(eq=False)
class Rule:
    """A rule: what it checks, where the obligation comes from, how to fix a violation.

    Compared and hashed by identity: a rule object is loaded once and then shared.
    """

    id: str
    name: str
    title_en: str
    title_vi: str
    default_severity: Severity
    citation: Citation
    rationale: str
    remediation: str
    check_data: Mapping[str, Any]
    check_kind: str
    examples: tuple[RuleExample, ...]
    file: str
    tags: tuple[str, ...] = ()
    superseded_by: str | None = None
    check_line: tuple[int, int] = (1, 1)
    binding: Binding = Binding.LAW
    until: dt.date | None = None
    ended_by: Ending | None = None
    target: Target | None = None
    """Set for a policy target: the engine reports it as a KPI, never as a finding."""
    vi: Mapping[str, str] = field(default_factory=dict)
    """The Vietnamese of the rule's prose by FIELD (the rule file's ``vi`` block): ``rationale``,
    ``remediation``, ``document``, ``clause``, ``ended_by_document``, ``replaced_by``, ``target`` and
    ``params.NAME`` (a check parameter)."""

    @property
    def effective(self) -> dt.date:
        """The date from which the obligation applies."""
        return dt.date.fromisoformat(self.citation.effective)

    def in_force_on(self, date: dt.date) -> bool:
        """True if ``date`` falls inside the rule's lifetime: from ``effective``, before ``until``."""
        return self.effective <= date and (self.until is None or date < self.until)

    def ended_reason(self) -> Message:
        """Why the rule no longer applies, e.g. "ended 2022-08-15 by NĐ 42/2022/NĐ-CP, replaced by …"."""
        if self.ended_by is None:
            return msg("rule.ended", until=str(self.until))
        document: Message | str = self.ended_by.document
        if self.ended_by.confidence is Confidence.UNCONFIRMED:
            document = msg("finding.unconfirmed", m=self.ended_by.document)
        if self.ended_by.replaced_by:
            return msg("rule.ended-replaced", until=str(self.until), document=document,
                       replaced_by=self.prose("replaced_by"))
        return msg("rule.ended-by", until=str(self.until), document=document)

    def english(self, name: str) -> str | None:
        """The English text of the rule's prose field ``name`` (see :attr:`vi`), None if it has none."""
        if name.startswith("params."):
            value = self.check_data.get("params", {}).get(name[len("params."):])
            return value.strip() if isinstance(value, str) else None
        value = {
            "rationale": self.rationale,
            "remediation": self.remediation,
            "document": self.citation.document,
            "clause": self.citation.clause,
            "ended_by_document": self.ended_by.document if self.ended_by else None,
            "replaced_by": self.ended_by.replaced_by if self.ended_by else None,
            "target": self.target.value if self.target else None,
        }.get(name)
        return None if value is None else value.strip()

    def prose(self, name: str) -> Text:
        """The rule's prose field ``name`` in both languages (its English where the rule gives no Vietnamese).

        Raises:
            KeyError: the rule has no such field.
        """
        en = self.english(name)
        if en is None:
            raise KeyError(f"rule {self.id} has no prose field {name!r}")
        return Text(en, self.vi.get(name))

    def check_with_prose(self) -> dict[str, Any]:
        """The rule's check as data, its prose parameters (those the ``vi`` block translates) as
        :class:`~archcheck.catalogue.Text`, so that a message carrying one says it in Vietnamese."""
        data = dict(self.check_data)
        names = [k[len("params."):] for k in self.vi if k.startswith("params.")]
        if names:
            params = dict(data.get("params", {}))
            for name in names:
                params[name] = self.prose(f"params.{name}")
            data["params"] = params
        return data

    @property
    def confirmed(self) -> bool:
        """True if the domain reference confirms the rule's source (✅)."""
        return self.citation.confidence is Confidence.CONFIRMED


def builtin_rule_files() -> list[tuple[Path, str]]:
    """The rule files shipped inside the package, sorted, with their display names."""
    return shipped_files("rules")


def builtin_rules() -> dict[str, Rule]:
    """The rules shipped with archcheck, by id: their documents from archcheck's cache when it has
    them (archcheck.law.cache), the rules built from them by the same code as from a fresh read."""
    from archcheck.law.cache import cached  # noqa: PLC0415

    files = builtin_rule_files()
    docs = cached("rules", files, lambda: [read_rule_document(f, name) for f, name in files],
                  lambda ds: [document_to_plain(d) for d in ds], _documents_from_plain)
    return collect_rules(rule_from_document(d) for d in docs)


def _documents_from_plain(plain: object) -> list[LoadedDocument]:
    if type(plain) is not list:
        raise ValueError("not a list of documents")
    return [document_from_plain(p) for p in plain]


def load_rule_file(file: Path, display_name: str | None = None) -> Rule:
    """Load, schema-check and parse one rule file.

    Raises:
        RuleDefinitionError: the file is not a valid rule (schema, check kind, metadata).
    """
    return rule_from_document(read_rule_document(file, display_name))


def read_rule_document(file: Path, display_name: str | None = None) -> LoadedDocument:
    """Read and schema-check one rule file: what archcheck's cache keeps of it.

    Raises:
        RuleDefinitionError: the file cannot be read, is not YAML, or does not fit the rule schema.
    """
    # The loaders and the schema check are imported only when a file is read: parsed files usually
    # come from archcheck.law.cache, and then no YAML parser or schema validator is imported at all.
    from archcheck.read.sourcemap import MAX_FILE_BYTES, load_bytes  # noqa: PLC0415
    from archcheck.read.validation import validate_against  # noqa: PLC0415

    name = display_name or str(file)
    try:
        raw = read_bounded(file, name, MAX_FILE_BYTES, what="rule file", regular_only=True,
                           hint="a rule file is a few KB")
        doc = load_bytes(raw, name)
        validate_against("rule", doc.data, doc.sourcemap, "rule file")
    except ArchcheckError as exc:
        raise RuleDefinitionError(exc.message, file=exc.file, line=exc.line, column=exc.column,
                                  hint=exc.hint) from None
    return LoadedDocument(doc.data, doc.sourcemap)


def rule_from_document(doc: LoadedDocument) -> Rule:
    """The rule a schema-checked rule document defines.

    Raises:
        RuleDefinitionError: what the schema cannot say (an unconfirmed error, ``until`` before
            ``effective``, a ``vi`` key for a field the rule does not have).
    """
    name = doc.sourcemap.file
    data = cast(dict[str, Any], doc.data)
    sm = doc.sourcemap
    check_loc = sm.locate(("check", "kind"))
    source = data["source"]
    vi = _vietnamese(data, sm, name)
    clause = source.get("clause")
    # the document and clause in both languages (a str subclass: machine formats keep their English)
    citation = Citation(Text(source["document"], vi.get("document")),
                        None if clause is None else Text(clause, vi.get("clause")), source["effective"],
                        Confidence(source["confidence"]), source.get("note"))
    severity = Severity(data["severity"])
    if citation.confidence is Confidence.UNCONFIRMED and severity is Severity.ERROR:
        loc = sm.locate(("severity",))
        raise RuleDefinitionError(
            "a rule whose source is unconfirmed cannot be an error", file=name, line=loc.line,
            column=loc.column, hint="use warning or info until the source is confirmed",
        )
    until = dt.date.fromisoformat(data["until"]) if "until" in data else None
    ended_by = None
    if "ended_by" in data:
        e = data["ended_by"]
        # the ending document in both languages, like the citation's
        ended_by = Ending(Text(e["document"], vi.get("ended_by_document")), Confidence(e["confidence"]),
                          e.get("clause"), e.get("replaced_by"), e.get("note"))
    if until is not None and until <= dt.date.fromisoformat(citation.effective):
        loc = sm.locate(("until",))
        raise RuleDefinitionError(
            f"until {until} is not after the rule's effective date {citation.effective}", file=name,
            line=loc.line, column=loc.column, hint="`until` is the first day the obligation no longer binds",
        )
    target = None
    if "target" in data:
        t = data["target"]
        target = Target(t["value"], dt.date.fromisoformat(t["deadline"]), t.get("metric"),
                        float(t["at_least"]) if "at_least" in t else None)
    examples: list[RuleExample] = []
    for outcome in ("pass", "fail"):
        for i, ex in enumerate(data["examples"][outcome]):
            prefix = ("examples", outcome, i, "model")
            ex_doc = LoadedDocument(ex["model"], sm.sub(prefix), ())
            expect = tuple(
                ExpectedFinding(e["subject"], e["path"], e.get("line"),
                                Severity(e["severity"]) if "severity" in e else None,
                                bool(e.get("unverifiable", False)))
                for e in ex.get("expect", ())
            )
            as_of = dt.date.fromisoformat(ex["as_of"]) if "as_of" in ex else None
            examples.append(RuleExample(ex["name"], outcome == "pass", ex_doc, as_of, expect))
    return Rule(
        id=data["id"], name=data["name"], title_en=data["title"]["en"], title_vi=data["title"]["vi"],
        default_severity=severity, citation=citation, rationale=data["rationale"].strip(),
        remediation=data["remediation"].strip(), check_data=data["check"], check_kind=data["check"]["kind"],
        examples=tuple(examples), file=name, tags=tuple(data.get("tags", ())),
        superseded_by=data.get("superseded_by"), check_line=(check_loc.line, check_loc.column),
        binding=Binding(data.get("binding", "law")), until=until, ended_by=ended_by, target=target, vi=vi,
    )


def _vietnamese(data: dict[str, Any], sm: SourceMap, name: str) -> dict[str, str]:
    """The rule's ``vi`` block by field: ``rationale``, ``remediation``, ``document``, ``clause``,
    ``ended_by_document``, ``replaced_by``, ``target``, ``params.NAME`` → its Vietnamese.

    Raises:
        RuleDefinitionError: a ``vi`` key translates a field the rule does not have.
    """
    block: dict[str, Any] = data.get("vi", {})
    params = data["check"].get("params", {})
    english = {
        "rationale": data["rationale"],
        "remediation": data["remediation"],
        "document": data["source"]["document"],
        "clause": data["source"].get("clause"),
        "ended_by_document": data.get("ended_by", {}).get("document"),
        "replaced_by": data.get("ended_by", {}).get("replaced_by"),
        "target": data.get("target", {}).get("value"),
    }
    out: dict[str, str] = {}
    for key, text in block.items():
        if key == "params":
            for param, vi_text in text.items():
                if not isinstance(params.get(param), str):
                    loc = sm.locate(("vi", "params", param))
                    raise RuleDefinitionError(
                        f"vi.params.{param} translates a check parameter the rule does not have as text",
                        file=name, line=loc.line, column=loc.column,
                        hint="translate only the check's prose parameters (check.params)",
                    )
                out[f"params.{param}"] = vi_text.strip()
            continue
        if english[key] is None:
            loc = sm.locate(("vi", key))
            raise RuleDefinitionError(
                f"vi.{key} translates a field the rule does not have", file=name, line=loc.line,
                column=loc.column, hint=f"remove vi.{key}, or add the English text it translates",
            )
        out[key] = text.strip()
    return out


def load_rules(files: Iterable[tuple[Path, str]]) -> dict[str, Rule]:
    """Load rule files, given as (file, display name), into a mapping id → rule.

    Raises:
        RuleDefinitionError: an invalid file, or a duplicate id or name.
    """
    return collect_rules(load_rule_file(f, display) for f, display in files)


def collect_rules(rules: Iterable[Rule]) -> dict[str, Rule]:
    """Rules (in file order) as a mapping id → rule, sorted by id.

    Raises:
        RuleDefinitionError: a duplicate id or name, or ``superseded_by`` naming no rule.
    """
    out: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for rule in rules:
        if rule.id in out:
            raise RuleDefinitionError(f"rule id {rule.id} is defined twice ({out[rule.id].file})",
                                      file=rule.file, line=1, column=1)
        if rule.name in names:
            raise RuleDefinitionError(f"rule name {rule.name} is used twice ({names[rule.name]})",
                                      file=rule.file, line=1, column=1)
        out[rule.id] = rule
        names[rule.name] = rule.id
    for rule in out.values():
        if rule.superseded_by is not None and rule.superseded_by not in out:
            raise RuleDefinitionError(f"superseded_by names unknown rule {rule.superseded_by}",
                                      file=rule.file, line=1, column=1)
    return dict(sorted(out.items()))


def rule_dir_files(directory: Path) -> Iterator[tuple[Path, str]]:
    """The ``*.yaml`` files of a user rule folder, sorted, with their display names."""
    for f in yaml_files(directory, what="rule file", error=RuleDefinitionError):
        yield f, str(f)


def find_rule(rules: dict[str, Rule], key: str) -> Rule | None:
    """Look a rule up by id (``DOC-001``) or name (``dms-present``), case-insensitively for ids."""
    if key.upper() in rules:
        return rules[key.upper()]
    for r in rules.values():
        if r.name == key:
            return r
    return None
