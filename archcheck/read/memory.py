"""A model held in memory rather than in a file: YAML text, read by the same loader as a file.

The Python API (:mod:`archcheck.facade`) takes a model as a path, as data (a dict in the model schema's
shape, written here as YAML first) or as YAML text (:class:`YAMLText`). Either way the text goes
through the exact loader a file goes through (UTF-8, line breaks, depth and size limits, the schema
check), so a model in memory is refused or accepted exactly as the same text in a file would be, with
the same located messages; only the name in them is the one given here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archcheck.errors import InputError
from archcheck.values import record

if TYPE_CHECKING:
    from archcheck.read.loading import ModelFile


@record
class YAMLText:
    """A model's YAML text, held in memory (what a model file would hold).

    Attributes:
        text: the YAML text.
        name: how the model is named in findings and messages, where a file's path would be
            (``file:line:column`` then counts lines in ``text``).
    """

    text: str
    name: str = "<yaml>"


ModelSource = str | Path | YAMLText
"""What the engine reads a model from: a file's path (``-``: standard input), or YAML text."""


def from_data(data: Mapping[str, Any], name: str = "<dict>") -> YAMLText:
    """A model given as data (a dict in the model schema's shape) as the YAML text a file would hold.

    The text is what ``yaml.safe_dump`` writes of ``data`` (keys in the order given); the findings'
    lines count in that text. Dates may be ``datetime.date`` values or ``YYYY-MM-DD`` strings.

    Raises:
        InputError: ``data`` holds something YAML cannot write (an object, a set) or is not a mapping.
    """
    import yaml  # noqa: PLC0415 - only a model given as data pays for the writer

    if not isinstance(data, Mapping):
        raise InputError(f"a model given as data must be a dict, not {type(data).__name__}", file=name,
                         hint="pass a dict in the model schema's shape (`archcheck schema model`), a path, "
                              "or archcheck.YAMLText(text)")
    try:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's writer where PyYAML has it: 3× faster
        text = yaml.dump(_plain(data), Dumper=dumper, allow_unicode=True, sort_keys=False, width=1 << 16)
    except yaml.YAMLError as exc:
        raise InputError(f"the model's data cannot be written as YAML: {exc}", file=name,
                         hint="use only dicts, lists, str, int, float, bool, None and dates") from None
    return YAMLText(text, name)


def _plain(value: Any) -> Any:
    """``value`` with mappings as dicts and tuples as lists (what YAML writes plainly)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def load_source(source: ModelSource, *, batch: bool = False, mappings: Sequence[str | Path] = (),
                known_kinds: Iterable[str] | None = None) -> ModelFile:
    """Read one model from a path (as :func:`archcheck.read.loading.load_model` does) or from YAML text.

    Raises:
        LoadError: unreadable file, text or YAML.
        SchemaError: the data does not follow the model schema or refers to unknown ids.
    """
    from archcheck.read.loading import load_model, model_from_document  # noqa: PLC0415 - the loader's weight

    if not isinstance(source, YAMLText):
        return load_model(source, batch=batch, mappings=mappings, known_kinds=known_kinds)
    from archcheck.read import sourcemap  # noqa: PLC0415

    raw = source.text.encode("utf-8", "surrogatepass")
    if len(raw) > sourcemap.MAX_FILE_BYTES:
        raise InputError(f"the model's text is {len(raw):,} bytes; archcheck reads at most "
                         f"{sourcemap.MAX_FILE_BYTES:,}", file=source.name, hint="split it, one province per model")
    return model_from_document(sourcemap.load_bytes(raw, source.name))


def source_name(source: ModelSource) -> str:
    """How ``source`` is named in findings and messages."""
    if isinstance(source, YAMLText):
        return source.name
    from archcheck.read.files import display_name  # noqa: PLC0415

    return display_name(source)


__all__ = ["ModelSource", "YAMLText", "from_data", "load_source", "source_name"]
