"""Saying a report's words and messages in ``--lang en``, ``vi`` or ``both``.

Every word of a report comes from the one catalogue (``archcheck/catalogue.yaml``): a reporter asks
:meth:`Translator.word` for a key, and a check's message (a :class:`~archcheck.catalogue.Message`) is
said by :func:`archcheck.catalogue.say`. A rule's own prose (remediation, clause, document, target) is
a :class:`~archcheck.catalogue.Text` carrying the rule file's Vietnamese for that field. Nothing is
translated by matching English text: a plain string is a value (an id, a figure, a quote, a user's own
words) and is printed as it is; under ``vi`` one that reads as an English sentence is recorded in
:attr:`Translator.missed`, which the test suite requires to stay empty.

``en`` English only; ``vi`` Vietnamese only; ``both`` each phrase in Vietnamese then English. The names
of components, provinces, frameworks and documents, and the quotes from the sources, stay as the model
and the law write them in every language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from archcheck.catalogue import Message, Text, msg, say
from archcheck.findings import Citation
from archcheck.report.options import DEFAULT_LANG
from archcheck.values import field, record

_SENTENCE = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+")
"""Three words of plain ASCII letters in a row: English prose, not an id, a figure or a path."""


@record(frozen=False)
class Translator:
    """Words and messages in ``lang``: ``en``, ``vi`` or ``both`` (Vietnamese, then English).

    Attributes:
        lang: the report's language (archcheck.catalogue.LANGS).
        missed: under ``vi``, the plain strings printed that read as English prose (a rule of the
            user's without Vietnamese, or a sentence a check wrote instead of a message): kept empty
            by the tests for every shipped model and rule.
    """

    lang: str
    missed: list[str] = field(default_factory=list)

    @property
    def vi(self) -> bool:
        """Vietnamese only."""
        return self.lang == "vi"

    def phrase(self, key: str, /, **values: object) -> Message:
        """The catalogue's ``key`` with ``values``, unsaid: an argument of another phrase."""
        return msg(key, **values)

    def word(self, key: str, /, **values: object) -> str:
        """One of the report's own phrases: the catalogue's ``key``, filled in (a value that is a
        :class:`Message` is said in the same language)."""
        return say(msg(key, **values), self.lang)

    def in_lang(self, lang: str) -> Translator:
        """A translator like this one in ``lang`` (sharing what it has missed)."""
        return self if lang == self.lang else Translator(lang, self.missed)

    def lines(self, value: object) -> list[str]:
        """``value`` (a message) as one line per language: Vietnamese then English for ``both``
        (one line where the two are the same)."""
        return self.each(lambda t: t.message(value))

    def each(self, make: Callable[[Translator], str]) -> list[str]:
        """The line ``make`` writes with a translator, once per language (``both``: the Vietnamese
        line, then the English one where it differs)."""
        if self.lang != "both":
            return [make(self)]
        vi, en = make(self.in_lang("vi")), make(self.in_lang("en"))
        return [vi] if vi == en else [vi, en]

    def arg(self, value: object) -> object:
        """A check's message or evidence as an argument of a catalogue phrase (said in the phrase's
        language)."""
        if isinstance(value, (Message, Text)) or value is None:
            return "" if value is None else value
        self._note(value)
        return value

    def _both(self, say_in: Callable[[Translator], str]) -> str:
        vi, en = say_in(self.in_lang("vi")), say_in(self.in_lang("en"))
        return vi if vi == en else f"{vi} / {en}"

    def _note(self, value: object) -> None:
        if self.lang == "vi" and type(value) is str and _SENTENCE.search(value):
            self.missed.append(value)

    def text(self, prose: object) -> str:
        """A rule's own prose (remediation, clause, target, a document's name): the Vietnamese its
        rule file gives for that field (a :class:`Text`), or as it is."""
        if self.lang == "both":
            return self._both(lambda t: t.text(prose))
        if prose is None:
            return ""
        self._note(prose)
        return say(prose, self.lang)

    name = text

    def citation(self, c: Citation) -> str:
        """A finding's source in the report's language."""
        if self.lang == "both":
            return self._both(lambda t: t.citation(c))
        self._note(c.document)
        self._note(c.clause)
        return say(c.said, self.lang)

    def message(self, value: object) -> str:
        """A check's message or evidence, said from the catalogue; a plain value as it is."""
        if self.lang == "both":
            return self._both(lambda t: t.message(value))
        if value is None:
            return ""
        self._note(value)
        return say(value, self.lang)


def translator(lang: str | None) -> Translator:
    """A translator for ``lang`` (None: the default, :data:`archcheck.report.options.DEFAULT_LANG`)."""
    return Translator(lang or DEFAULT_LANG)
