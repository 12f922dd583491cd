"""Messages as values, and the one catalogue that says them in English and Vietnamese.

Below :mod:`archcheck.report` nothing writes a sentence. A check, the engine, the gate or a target
hands up a :class:`Message`: a key of the catalogue (``archcheck/catalogue.yaml``) and typed
arguments. A reporter says it in a language with :func:`say`; the machine formats say it in English
and carry the key as ``message_id``.

An argument is one of:

- a plain ``str``, ``int`` or ``float``: an id, a label, a date, a document's number, a count, said
  as it is in every language;
- another :class:`Message`: said in the same language (a level, a status, a clause of a sentence);
- a :class:`Text`: prose a rule file writes in both languages (its ``vi`` block), said in the language
  asked, its English otherwise;
- a :class:`Join`: several arguments joined with the language's "and", "or", comma or arrow.

``str(message)`` is the English sentence, so that code which only logs or sorts needs no language.
The catalogue is one YAML mapping, ``key: {en: …, vi: …}``, every key once, the same placeholders in
both (tests/test_catalogue.py reads it statically); a translator edits it without reading code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from archcheck.values import record

Lang = Literal["en", "vi", "both"]
LANGS: tuple[str, ...] = ("en", "vi", "both")
"""The values of ``--lang``, one meaning everywhere: ``en`` English only; ``vi`` Vietnamese only;
``both`` each phrase in Vietnamese followed by its English (``vi / en``) where the two differ."""

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yaml")


class Text(str):
    """A text in two languages that behaves as its English (a rule's own prose: a parameter, a
    remediation, a document's name). ``vi`` is None where the rule gives no Vietnamese."""

    __slots__ = ("vi",)
    vi: str | None

    def __new__(cls, en: str, vi: str | None = None) -> Text:
        self = super().__new__(cls, en)
        self.vi = vi
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (str(self), self.vi))

    def in_lang(self, lang: str) -> str:
        """The text in ``lang`` (its English where it has no Vietnamese)."""
        en = str.__str__(self)
        if lang == "en" or self.vi is None:
            return en
        if lang == "vi":
            return self.vi
        return self.vi if self.vi == en else f"{self.vi} / {en}"


@record
class Message:
    """A sentence or phrase as a catalogue key and its arguments (``(name, value)`` pairs, in order)."""

    key: str
    args: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        return say(self, "en")

    def arg(self, name: str, default: Any = None) -> Any:
        """The value of argument ``name`` (``default`` if it has none)."""
        for k, v in self.args:
            if k == name:
                return v
        return default

    @property
    def id(self) -> str:
        """The stable id a machine format carries (``message_id``): the key, and where the message
        wraps another (its argument ``m``), the wrapped one's id after a slash."""
        inner = self.arg("m")
        return f"{self.key}/{inner.id}" if isinstance(inner, Message) else self.key

    def keys(self) -> Iterable[str]:
        """This message's key and the keys of every message among its arguments, depth first."""
        yield self.key
        for _, v in self.args:
            yield from _keys(v)


def _keys(value: Any) -> Iterable[str]:
    if isinstance(value, Message):
        yield from value.keys()
    elif isinstance(value, Join):
        for item in value.items:
            yield from _keys(item)


@record
class Join:
    """Arguments said as one: ``how`` is ``and``, ``or``, ``comma``, ``semicolon`` or ``arrow``."""

    items: tuple[Any, ...]
    how: str = "comma"


def msg(key: str, /, **args: Any) -> Message:
    """A message: ``msg("reach.not-reached", c="qlvb", t="ndxp")``."""
    return Message(key, tuple(args.items()))


def as_message(value: Message | str) -> Message:
    """``value`` as a message: a text the code does not write (a rule's own prose, a :class:`Text`,
    or a user's words) is the ``text`` key's argument, said in the language its text has."""
    return value if isinstance(value, Message) else Message("text", (("text", value),))


def word(group: str, value: str) -> Message:
    """A word of a closed list (a level, a status, an outcome): ``word("level", "district")``."""
    return Message(f"{group}.{value}")


def join(items: Iterable[Any], how: str = "comma") -> Join:
    """``items`` said as a list joined by ``how``."""
    return Join(tuple(items), how)


_CATALOGUE: dict[str, tuple[str, str]] = {}


def catalogue() -> Mapping[str, tuple[str, str]]:
    """Every key with its English and Vietnamese, read once (by :func:`read_lines` where every entry
    is written on one line as the file's header asks, else by the YAML parser)."""
    if not _CATALOGUE:
        text = CATALOGUE_FILE.read_text(encoding="utf-8")
        fast = read_lines(text)
        if fast is None:
            import yaml  # noqa: PLC0415 - only for a catalogue not written one entry a line

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(text, Loader=loader)
            fast = {k: (v["en"], v["vi"]) for k, v in data.items()}
        _CATALOGUE.update(fast)
    return _CATALOGUE


_PLAIN = r"[^\s\"'{},\[\]#&*!|>%@`][^{},\[\]#]*?"
_QUOTED = r'"(?:[^"\\]|\\["\\])*"'
_VALUE = f"(?:{_QUOTED}|{_PLAIN})"


def read_lines(text: str) -> dict[str, tuple[str, str]] | None:
    """The catalogue read line by line, without a YAML parser (a command that says a few words need
    not import one): ``key: {en: V, vi: V}`` where V is a plain word or a double-quoted text. None if
    a line is written otherwise (the YAML parser reads it then); tests/test_catalogue.py holds the two
    readings of the shipped file equal."""
    import json  # noqa: PLC0415
    import re  # noqa: PLC0415

    entry = re.compile(rf"([a-z0-9][a-z0-9.-]*): \{{en: ({_VALUE}), vi: ({_VALUE})\}}")
    out: dict[str, tuple[str, str]] = {}

    def value(v: str) -> str | None:
        if v.startswith('"'):
            return str(json.loads(v))
        if ": " in v or v != v.strip() or v.lower() in _NOT_PLAIN_TEXT or v[0].isdigit():
            return None
        return v

    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = entry.fullmatch(line)
        if m is None or m.group(1) in out:
            return None
        en, vi = value(m.group(2)), value(m.group(3))
        if en is None or vi is None:
            return None
        out[m.group(1)] = (en, vi)
    return out


_NOT_PLAIN_TEXT = frozenset({"yes", "no", "on", "off", "true", "false", "null", "~", "y", "n"})


def has(key: str) -> bool:
    """Whether the catalogue has ``key``."""
    return key in catalogue()


def say(value: Any, lang: str = "en") -> str:
    """``value`` (a message, a :class:`Text`, a :class:`Join`, or a plain value) in ``lang``."""
    kind = type(value)
    if kind is Message:
        if not value.args:  # a word: said once per language
            key = (value.key, lang)
            hit = _WORDS.get(key)
            if hit is None:
                hit = _WORDS[key] = _both(value) if lang == "both" else \
                    (_CATALOGUE or catalogue())[value.key][1 if lang == "vi" else 0]
            return hit
        if lang == "both":
            return _both(value)
        entry = (_CATALOGUE or catalogue())[value.key]
        template = entry[1] if lang == "vi" else entry[0]
        return template.format_map({k: v if type(v) is str else say(v, lang) for k, v in value.args})
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is Text:
        return value.in_lang(lang)  # type: ignore[no-any-return]
    if kind is Join:
        if lang == "both":
            return _both(value)
        sep = (_CATALOGUE or catalogue())[f"join.{value.how}"][1 if lang == "vi" else 0]
        return sep.join(say(v, lang) for v in value.items)
    if kind is float:
        return f"{value:g}"
    return str(value)


_WORDS: dict[tuple[str, str], str] = {}
"""The words (messages without arguments) said so far, by key and language."""


def _both(value: Message | Join) -> str:
    vi, en = say(value, "vi"), say(value, "en")
    return vi if vi == en else f"{vi} / {en}"


def words(group: str, lang: str = "en") -> dict[str, str]:
    """Every word of a group (``level``, ``status`` …) in ``lang``, by its value."""
    prefix = f"{group}."
    return {k[len(prefix):]: say(Message(k), lang) for k in catalogue() if k.startswith(prefix)}


__all__ = ["LANGS", "Join", "Lang", "Message", "Text", "as_message", "catalogue", "has", "join", "msg", "say", "word",
           "words"]
