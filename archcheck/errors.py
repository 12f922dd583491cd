"""Errors that stop archcheck from checking: every one of them means exit code 2.

"Could not check" is kept apart from "check failed" (findings, exit 1), as import-linter does.
Each error carries the file, line and column it is about, and says what to do.
"""

from __future__ import annotations


class ArchcheckError(Exception):
    """Base of every error that means "archcheck could not check" (exit code 2).

    Args:
        message: what is wrong, in one sentence.
        file: the file the error is about, if any.
        line: 1-based line, if known.
        column: 1-based column, if known.
        hint: what the user can do about it.
        sheet: in a workbook (a Mẫu 03 data set), the sheet (``line``/``column`` are its row and column).
        cell: in a workbook, the cell (``D14``).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint
        self.sheet = sheet
        """For a workbook (a Mẫu 03 data set): the sheet; ``line`` and ``column`` are then its row and column."""
        self.cell = cell
        """For a workbook: the cell (``D14``)."""

    def __reduce__(self) -> tuple[object, ...]:
        # Keep file, line, column and hint when the error crosses a process boundary.
        return (_rebuild, (type(self), self.message, self.__dict__))

    def location(self) -> str:
        """``file:line:column`` as far as it is known, or an empty string."""
        if self.file is None:
            return ""
        if self.sheet is not None:
            return f"{self.file}:{self.sheet}!{self.cell}" if self.cell else f"{self.file}:{self.sheet}"
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def _rebuild(cls: type[ArchcheckError], message: str, state: dict[str, object]) -> ArchcheckError:
    err = cls(message)
    err.__dict__.update(state)
    return err


class InputError(ArchcheckError):
    """The model file cannot be read or does not describe a province."""


class LoadError(InputError):
    """The file is not readable YAML (syntax, encoding, duplicate keys, forbidden tags, size)."""


class SchemaError(InputError):
    """The YAML is well formed but does not follow the schema (model, rule or framework).

    Attributes:
        issues: every problem found, each as ``file:line:col: message``, in file order.
    """

    issues: tuple[str, ...] = ()
    located: tuple[tuple[object, str], ...] = ()
    """The same problems as (location, message) pairs, where the schema check found them."""


class RuleDefinitionError(ArchcheckError):
    """A rule file is invalid: unknown check kind, bad parameters, inconsistent metadata."""


class FrameworkError(ArchcheckError):
    """A framework file is invalid or names something that does not exist."""


class OutputError(ArchcheckError):
    """The report could not be written where it was asked to go."""
