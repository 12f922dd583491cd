"""``archcheck kinds``: the component and national kinds, with their names, layer and versions.

Reads only the framework files: no rule, no graph, no engine (a test checks the imports).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from archcheck.cli._common import guarded, write_output
from archcheck.cli.config import configured
from archcheck.cli.lang import lang_option
from archcheck.report.escape import for_json, for_line

if TYPE_CHECKING:
    from archcheck.catalogue import Text


def fold(text: str) -> str:
    """Text for matching: case and Vietnamese diacritics folded (``Một cửa`` → ``mot cua``).

    >>> fold("Nền tảng Đô thị")
    'nen tang do thi'
    """
    import unicodedata  # only when searching

    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class KindRow(NamedTuple):
    """One kind as the command shows it: names from the chosen (or latest) version that knows it.

    A row of a table, kept in archcheck's cache as a plain tuple, so a NamedTuple: a frozen dataclass
    would import ``dataclasses`` and generate its methods at start-up, a few milliseconds of a command
    whose run is mostly start-up (docs/performance.md).
    """

    id: str
    national: bool
    en: str
    vi: str
    layer: str | None
    versions: tuple[str, ...]
    aliases: tuple[str, ...]
    note: Text | None
    """The framework file's note: its English, with its Vietnamese (``note.vi``) where the file gives one."""
    group: str | None = None
    """For a national shared digital platform (QĐ 1425 Appendix II): A or B."""
    owner: str | None = None

    def matches(self, word: str) -> bool:
        """True if ``word`` occurs in the id, a name or an alias (case and diacritics folded)."""
        needle = fold(word).strip()
        return any(needle in fold(text) for text in (self.id, self.en, self.vi, *self.aliases))


def kind_rows(framework: str | None, framework_dirs: tuple[Path, ...] = ()) -> list[KindRow]:
    """Every kind (of ``framework``, or of any version), sorted national last, then by id.

    The rows of the built-in frameworks are kept in archcheck's cache (archcheck.law.cache, keyed by the
    framework files' bytes and archcheck's code) for every version at once, so that a warm ``kinds``
    reads one small entry and builds no framework; a ``--frameworks`` folder is read afresh.

    Raises:
        FrameworkError: an unknown framework version (with the available ones).
    """
    if framework_dirs:
        table = _table(framework_dirs)
    else:
        from archcheck.law.cache import cached
        from archcheck.read.schemas import shipped_files

        table = cached("kindlist", shipped_files("frameworks"), lambda: _table(()), _table_to_plain,
                       _table_from_plain)
    versions = [v for v in table if v is not None]
    if framework is not None and framework not in versions:
        from archcheck.errors import FrameworkError
        from archcheck.read.validation import suggest  # only on this error path

        raise FrameworkError(f"unknown framework version {framework!r}{suggest(framework, versions)}",
                             hint=f"available: {', '.join(versions)}")
    return [KindRow._make(row) for row in table[framework]]


_Row = tuple[str, bool, str, str, "str | None", tuple[str, ...], tuple[str, ...], "Text | None", "str | None",
             "str | None"]


def _table(framework_dirs: tuple[Path, ...]) -> dict[str | None, list[_Row]]:
    """The rows (KindRow's fields, as plain data) of every version, and of all of them (key None)."""
    from archcheck.law.frameworks import available, get_framework

    frameworks = {v: get_framework(v, framework_dirs) for v in available(framework_dirs)}
    known: dict[tuple[str, bool], list[str]] = {}
    for v, fw in frameworks.items():
        for k, info in fw.kinds.items():
            known.setdefault((k, info.national), []).append(v)
    table: dict[str | None, list[_Row]] = {}
    for framework in (None, *frameworks):
        rows = []
        for (k, national), in_versions in known.items():
            if framework is not None and framework not in in_versions:
                continue
            info = frameworks[framework or in_versions[-1]].kinds[k]
            rows.append((k, national, info.en, info.vi, info.layer, tuple(in_versions), info.aliases, info.note,
                         info.group, info.owner))
        table[framework] = sorted(rows, key=lambda r: (r[1], r[0]))
    return table


def _table_to_plain(table: dict[str | None, list[_Row]]) -> list[Any]:
    """The table as plain data; a note as ``[en, vi]`` (``vi`` None where the file gives none)."""
    def note(n: Text | None) -> list[str | None] | None:
        return None if n is None else [str.__str__(n), n.vi]

    return [[version, [[*r[:5], list(r[5]), list(r[6]), note(r[7]), *r[8:]] for r in rows]]
            for version, rows in table.items()]


def _table_from_plain(plain: object) -> dict[str | None, list[_Row]]:
    """The table :func:`_table` made, as archcheck's cache kept it, every field checked."""
    from archcheck.catalogue import Text
    from archcheck.law.cache import plain_text, plain_texts  # imported already: this runs inside cached()

    def text(v: object, *, optional: bool = False) -> Any:
        return plain_text(v, "a kind row", optional=optional)

    def texts(v: object) -> tuple[str, ...]:
        return plain_texts(v, "a kind row")

    def note(v: object) -> Text | None:
        if v is None:
            return None
        if type(v) is not list or len(v) != 2:
            raise ValueError("not a kind's note")
        return Text(text(v[0]), text(v[1], optional=True))

    if type(plain) is not list:
        raise ValueError("not a table of kinds")
    table: dict[str | None, list[_Row]] = {}
    for item in plain:
        if type(item) is not list or len(item) != 2 or type(item[1]) is not list:
            raise ValueError("not a table of kinds")
        rows: list[_Row] = []
        for r in item[1]:
            if type(r) is not list or len(r) != len(KindRow._fields) or type(r[1]) is not bool:
                raise ValueError("not a kind row")
            rows.append((text(r[0]), r[1], text(r[2]), text(r[3]), text(r[4], optional=True), texts(r[5]),
                         texts(r[6]), note(r[7]), text(r[8], optional=True),
                         text(r[9], optional=True)))
        table[text(item[0], optional=True)] = rows
    return table


def _text(rows: list[KindRow], framework: str | None, search: str | None, lang: str = "en") -> str:
    """The listing in ``lang``: its own words from the catalogue; each kind's two names, its id and
    aliases as the framework files write them, in every language."""
    from archcheck.catalogue import msg, say

    def w(key: str, **values: object) -> str:
        return say(msg(key, **values), lang)

    scope = msg("cmd.kinds-scope-framework", fw=framework) if framework else msg("cmd.kinds-scope-all")
    found = msg("cmd.kinds-matching", q=repr(search)) if search else ""
    provincial = [r for r in rows if not r.national]
    national = [r for r in rows if r.national]
    out = [w("cmd.kinds-head", scope=scope, found=found, p=len(provincial), n=len(national))]
    for title, group in (("cmd.kinds-components", provincial), ("cmd.kinds-national", national)):
        if not group:
            continue
        out += ["", w(title)]
        for r in group:
            layer = f"{r.layer}; " if r.layer else ""
            out.append(f"  {r.id}  [{layer}{' '.join(r.versions)}]")
            out.append(f"    {r.vi}")
            out.append(f"    {r.en}")
            if r.aliases:
                out.append(f"    {w('cmd.kinds-aliases', x=', '.join(r.aliases))}")
            if r.group:
                owner = msg("cmd.kinds-owner", x=r.owner) if r.owner else ""
                out.append(f"    {w('cmd.kinds-group', g=r.group, owner=owner)}")
            if r.note:
                out.append(f"    {w('cmd.kinds-note', x=r.note)}")  # a Text: said in ``lang``
    if not rows:
        out += ["", w("cmd.kinds-none")]
    return "\n".join(for_line(line) for line in out) + "\n"  # a line break in a name cannot start a line


def _json(rows: list[KindRow]) -> str:
    """The rows as JSON: ``note`` is the English, ``note_vi`` (where the file gives one) the Vietnamese,
    as ``name`` carries both names."""
    data = [{"id": r.id, "national": r.national, "name": {"en": r.en, "vi": r.vi}, "layer": r.layer,
             "versions": list(r.versions), "aliases": list(r.aliases),
             "note": None if r.note is None else str.__str__(r.note),
             **({"note_vi": r.note.vi} if r.note is not None and r.note.vi is not None else {}),
             **({"group": r.group, "owner": r.owner} if r.group else {})} for r in rows]

    return for_json(data) + "\n"


@click.command()
@click.option("--framework", metavar="VERSION", help="Only the kinds this version knows, with its names.")
@click.option("--search", metavar="WORD",
              help="Only kinds whose id, English or Vietnamese name or alias contains WORD "
                   "(case and diacritics ignored: IOC, LGSP, QLVB, một cửa, nền tảng).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--frameworks", "framework_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of extra framework files (repeatable).")
@lang_option("The listing's own words (each kind's two names always)")
@configured
@guarded
def kinds(framework: str | None, search: str | None, fmt: str, framework_dirs: tuple[Path, ...],
          lang: str = "en") -> None:
    """List the component and national kinds a model may use: Vietnamese and English names, layer,
    and the framework versions that know each."""
    rows = kind_rows(framework, framework_dirs)
    if search:
        rows = [r for r in rows if r.matches(search)]
    write_output(_json(rows) if fmt == "json" else _text(rows, framework, search, lang), None)
