"""The ``vocabulary`` check kind (rule VOC-001): every component's kind is one of the framework's.

Its messages are catalogue keys (``vocabulary.*``), so that a report says them in Vietnamese too.
"""

from __future__ import annotations

from typing import Any, Self

from archcheck.catalogue import Message, msg
from archcheck.check.kinds.base import Check, CheckContext, ParseCheck, Result
from archcheck.findings import Evidence, Violation
from archcheck.values import record


@record
class VocabularyCheck(Check):
    """Every component's kind is in the vocabulary of the framework the model is checked against.

    A kind that no framework knows at all is a typo and stops the check (the engine refuses it,
    located); this check reports a kind another version has (a 2.0 kind in a 1.0 model).
    """

    @classmethod
    def parse(cls, params: dict[str, Any], parse_check: ParseCheck) -> Self:
        return cls()

    def kinds_used(self) -> frozenset[str]:
        return frozenset()

    def fields_read(self) -> frozenset[str]:
        return frozenset({"component.kind", "component.national"})

    def evaluate(self, ctx: CheckContext) -> Result:
        vocabulary = ctx.vocabulary
        if vocabulary is None:
            return Result.not_applicable(msg("vocabulary.no-framework"))
        fw: Message | str = ctx.framework or msg("vocabulary.this-framework")
        found = []
        for comp in ctx.province.components:
            known = vocabulary.get(comp.kind)
            if known == comp.national:
                continue
            side = msg("vocabulary.national-kind" if comp.national else "vocabulary.component-kind", framework=fw)
            kind = repr(comp.kind)
            if known is not None:  # the kind is known, on the other side: say where it belongs
                found.append(Violation(
                    comp.id, (*comp.path, "kind"),
                    msg("vocabulary.is-national" if known else "vocabulary.is-provincial", component=comp.label,
                        kind=kind),
                    Evidence(expected=side,
                             actual=msg("vocabulary.kind-national" if known else "vocabulary.kind-component",
                                        kind=comp.kind))))
                continue
            mapped = ctx.kind_map.get(comp.kind)
            message = msg("vocabulary.not-in-mapped", component=comp.label, kind=kind, framework=fw,
                          mapped=repr(mapped)) if mapped else \
                msg("vocabulary.not-in", component=comp.label, kind=kind, framework=fw)
            found.append(Violation(comp.id, (*comp.path, "kind"), message,
                                   Evidence(expected=mapped or side, actual=comp.kind)))
        return Result.of(found)
