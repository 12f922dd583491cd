"""Pairing the findings of two runs by fingerprint, and the value that says what became of each one.

A finding is matched by :attr:`Finding.fingerprint` (rule and what the finding is about, never a line
number), so one that only moved lines is unchanged.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from archcheck.catalogue import Message
from archcheck.findings import Finding, Severity
from archcheck.values import record


class Change(enum.StrEnum):
    """What became of one finding between the old run and the new one."""

    NEW = "new"
    FIXED = "fixed"
    SEVERITY = "severity-changed"
    UNCHANGED = "unchanged"


class Cause(enum.StrEnum):
    """Why a finding appeared, disappeared or changed severity.

    ``rule-added`` / ``rule-removed``: the newer framework applies a rule the older one does not (or
    drops one); ``re-graded``: both apply the rule at different severities; ``kind-renamed``: the model
    still uses a kind id the newer framework renames; ``vocabulary``: the kind is in one version's
    vocabulary and not the other's; ``in-force``: the rule binds on one evaluation date and not the
    other (not yet in force, ended, superseded); ``rule-changed``: the rule's check differs;
    ``evaluation-date``: same rule and grade, checked at another date; ``model``: the model changed;
    ``province-added`` / ``province-removed``: a province only one file has; ``unchanged``.
    """

    RULE_ADDED = "rule-added"
    RULE_REMOVED = "rule-removed"
    REGRADED = "re-graded"
    KIND_RENAMED = "kind-renamed"
    VOCABULARY = "vocabulary"
    IN_FORCE = "in-force"
    RULE_CHANGED = "rule-changed"
    EVALUATION_DATE = "evaluation-date"
    MODEL = "model"
    PROVINCE_ADDED = "province-added"
    PROVINCE_REMOVED = "province-removed"
    UNCHANGED = "unchanged"


@record
class FindingChange:
    """One finding of either run, with what became of it and why.

    Attributes:
        why: the cause as a catalogue message, e.g. ``diff.rule-added`` ("new in 2.0, in force since
            2019-03-12"); None for an unchanged finding.
        old: the finding in the old run (None if new).
        new: the finding in the new run (None if fixed).
        explained_by: indexes into the province diff's structural changes that explain it.
    """

    change: Change
    cause: Cause
    why: Message | None
    old: Finding | None
    new: Finding | None
    explained_by: tuple[int, ...] = ()

    @property
    def explanation(self) -> str:
        """The cause in English ("" for an unchanged finding): what the JSON diff carries."""
        return "" if self.why is None else str(self.why)

    @property
    def finding(self) -> Finding:
        """The newer side where there is one, else the old one."""
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def severity(self) -> Severity:
        """The finding's severity now (the old one for a fixed finding)."""
        return self.finding.severity

    @property
    def worse(self) -> bool:
        """True for a new finding, or one whose severity went up."""
        if self.change is Change.NEW:
            return True
        return (self.change is Change.SEVERITY and self.old is not None and self.new is not None
                and self.new.severity.rank < self.old.severity.rank)

    def sort_key(self) -> tuple[int, tuple[int, str, tuple[tuple[int, str | int], ...], str, str]]:
        """Order: new, severity changed, fixed, unchanged; then the finding's own order."""
        order = {Change.NEW: 0, Change.SEVERITY: 1, Change.FIXED: 2, Change.UNCHANGED: 3}[self.change]
        return order, self.finding.sort_key()


def pair(old: Iterable[Finding], new: Iterable[Finding]) -> tuple[list[tuple[Finding, Finding]], list[Finding],
                                                                  list[Finding]]:
    """Match findings by fingerprint: (pairs, only in old, only in new), each in finding order.

    Two findings of one run with one fingerprint (possible only with hand-made findings) pair in order.
    """
    by_fp: dict[str, list[Finding]] = {}
    for f in sorted(new, key=Finding.sort_key):
        by_fp.setdefault(f.fingerprint, []).append(f)
    pairs: list[tuple[Finding, Finding]] = []
    gone: list[Finding] = []
    for f in sorted(old, key=Finding.sort_key):
        bucket = by_fp.get(f.fingerprint)
        if bucket:
            pairs.append((f, bucket.pop(0)))
        else:
            gone.append(f)
    came = sorted((f for bucket in by_fp.values() for f in bucket), key=Finding.sort_key)
    return pairs, gone, came


def exit_code(changes: Iterable[FindingChange], fail_on: Severity) -> int:
    """1 if a new finding (or one that got worse) is at or above ``fail_on``, else 0."""
    return 1 if any(c.worse and c.severity.at_least(fail_on) for c in changes) else 0
