"""Records: the frozen value classes every layer is built of, made without generating code at import.

``@record`` is a small subset of ``@dataclasses.dataclass(frozen=True, slots=True)`` with the same
behaviour where both apply: the fields are the class's annotations, in order, with their defaults
(``field(default_factory=...)`` for mutable ones); ``__init__`` takes them by position or keyword;
``__eq__`` and ``__hash__`` compare the tuple of the fields, for instances of the same class only;
``__repr__`` is ``Name(a=1, b=2)``; assigning or deleting an attribute raises
:class:`FrozenInstanceError` (an ``AttributeError``); instances pickle and copy; ``__slots__`` and
``__match_args__`` are set. :func:`replace` is ``dataclasses.replace``.

Why not dataclasses: a dataclass writes the source of six methods per class and compiles each with
``exec`` when its module is imported, about 0.85 ms a frozen class on Python 3.11. The validate path
imports some sixty classes, so that was 50-60 ms of a one-province run of about 0.2 s, paid on every
run, in the start-up a pre-commit hook or an editor waits for (issue 15, docs/performance.md). Here
``__eq__``, ``__hash__``, ``__repr__``, ``__setattr__``, ``__delattr__`` and the pickling methods are
closures over the field names, made in microseconds; only ``__init__`` is compiled, once per class,
from one short function, so that making an instance costs what it costs with a dataclass.
tests/test_values.py holds a record and the equivalent dataclass to the same behaviour.

Not supported, and refused where a class asks for it (a TypeError when the class is made, never a
half-made record): ``ClassVar`` and ``InitVar`` fields, keyword-only fields, ``__post_init__``, a
class's own ``__slots__`` or ``__match_args__``, a ``field()`` without an annotation, a field named
``self`` or starting with two underscores, a frozen record inheriting from a mutable one or the other
way round. Ordering is not made. None of the project needs any of them.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["FrozenInstanceError", "field", "fields", "record", "replace"]

T = TypeVar("T")
_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "<factory>", "__slots__": ()})()  # as signatures show it
_REFUSED = frozenset({"ClassVar", "InitVar", "KW_ONLY"})
_FIELDS = "__record_fields__"


class FrozenInstanceError(AttributeError):
    """Raised on assigning to, or deleting, an attribute of a frozen record."""


class _Field:
    """A field's default, as ``field(...)`` gives it in the class body."""

    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        self.default = default
        self.default_factory = default_factory


@overload
def field(*, default: T) -> T: ...
@overload
def field(*, default_factory: Callable[[], T]) -> T: ...
def field(*, default: Any = _MISSING, default_factory: Any = _MISSING) -> Any:
    """A field's default (``default=``) or a callable making a fresh one per instance (``default_factory=``)."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return _Field(default, default_factory)


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, frozen: bool = True, eq: bool = True) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True, eq: bool = True) -> Any:
    """Make ``cls`` a record: ``@record``, or ``@record(frozen=False)`` for a mutable one, or
    ``@record(eq=False)`` for one compared by identity."""
    if cls is None:
        return lambda c: _make(c, frozen=frozen, eq=eq)
    return _make(cls, frozen=frozen, eq=eq)


def fields(obj: object) -> tuple[str, ...]:
    """The names of a record's (or record class's) fields, in order."""
    try:
        return getattr(obj, _FIELDS)  # type: ignore[no-any-return]
    except AttributeError:
        raise TypeError(f"{obj!r} is not a record") from None


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record ``obj`` with some fields changed (``dataclasses.replace``)."""
    names = fields(obj)
    unknown = changes.keys() - set(names)
    if unknown:
        raise TypeError(f"{type(obj).__qualname__} has no field {sorted(unknown)[0]!r}")
    return type(obj)(*[changes[n] if n in changes else getattr(obj, n) for n in names])


# -- making a record ------------------------------------------------------------------------------


def _defaults(cls: type, own: dict[str, Any], frozen: bool) -> dict[str, _Field | None]:
    """Each field's default (None: required), the inherited ones first; what a record refuses, refused."""
    for name in ("__slots__", "__match_args__"):
        if name in cls.__dict__:
            raise TypeError(f"{cls.__qualname__}: a record makes its own {name}")
    for name, value in cls.__dict__.items():
        if isinstance(value, _Field) and name not in own:
            raise TypeError(f"{cls.__qualname__}.{name} is a field() without a type annotation")
    defaults: dict[str, _Field | None] = {}  # the bases' fields first, in their order
    for base in reversed(cls.__mro__[1:-1]):
        defaults.update(base.__dict__.get("__record_defaults__", {}))
    for base in cls.__mro__[1:-1]:
        base_frozen = base.__dict__.get("__record_frozen__")
        if base_frozen is not None and base_frozen != frozen:
            raise TypeError(f"{cls.__qualname__}: a {'frozen' if frozen else 'mutable'} record cannot inherit "
                            f"from the {'frozen' if base_frozen else 'mutable'} record {base.__qualname__}")
    for name, annotation in own.items():
        text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
        head = text.split("[", 1)[0].strip().rsplit(".", 1)[-1]
        if head in _REFUSED:
            raise TypeError(f"{cls.__qualname__}.{name}: a record does not support {head}")
        if name.startswith("__") or name == "self":
            raise TypeError(f"{cls.__qualname__}.{name}: a record's field may not be named {name!r}")
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, _Field) else None if value is _MISSING else _Field(value, _MISSING)
        if spec is not None and spec.default is _MISSING and spec.default_factory is _MISSING:
            spec = None  # a bare field(): required, as in dataclasses
        if spec is not None and spec.default is not _MISSING and type(spec.default).__hash__ is None:
            raise ValueError(f"{cls.__qualname__}.{name}: mutable default {type(spec.default).__name__} "
                             "is not allowed: use default_factory")
        defaults[name] = spec
    if "__post_init__" in cls.__dict__:
        raise TypeError(f"{cls.__qualname__}: a record does not support __post_init__")
    return defaults


def _make(cls: type[T], *, frozen: bool, eq: bool) -> type[T]:
    own = cls.__annotations__  # the class's own (Python 3.10+); strings under `from __future__ import annotations`
    defaults = _defaults(cls, own, frozen)
    names = tuple(defaults)
    seen_default = False
    for name in names:
        if defaults[name] is not None:
            seen_default = True
        elif seen_default:
            raise TypeError(f"{cls.__qualname__}: non-default argument {name!r} follows default argument")

    # A new class with __slots__ (a class's slots are fixed when it is made), as dataclasses does.
    body = {k: v for k, v in cls.__dict__.items() if k not in own and k not in ("__dict__", "__weakref__")}
    inherited_slots = {s for base in cls.__mro__[1:-1] for s in _slots_of(base)}
    body["__slots__"] = tuple(n for n in own if n not in inherited_slots)
    body[_FIELDS] = names
    body["__record_defaults__"] = defaults
    body["__match_args__"] = names
    body["__record_frozen__"] = frozen
    metaclass: Any = type(cls)
    new = metaclass(cls.__name__, cls.__bases__, body)
    new.__qualname__ = cls.__qualname__

    # A method the class writes itself is kept; a class body with __eq__ gets __hash__ = None from
    # Python, which is not a __hash__ of its own (the rule dataclasses follows).
    own_hash = cls.__dict__.get("__hash__", _MISSING)
    explicit_hash = not (own_hash is _MISSING or (own_hash is None and "__eq__" in cls.__dict__))
    key = _key(names)
    methods: dict[str, Any] = {"__init__": _init(new, names, defaults, frozen), "__repr__": _repr(names)}
    if eq:
        methods["__eq__"] = _eq(key)
        if not explicit_hash:
            methods["__hash__"] = _hash(key) if frozen else None
    if frozen:
        for name in ("__setattr__", "__delattr__"):
            if name in cls.__dict__:
                raise TypeError(f"{cls.__qualname__}: cannot overwrite {name} of a frozen record")
        methods.update(__setattr__=_frozen_setattr, __delattr__=_frozen_delattr,
                       __getstate__=_getstate(names), __setstate__=_setstate(names))
    for name, method in methods.items():
        if name in cls.__dict__ and name != "__hash__":
            continue
        if method is not None and name not in ("__setattr__", "__delattr__"):
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(new, name, method)
    return new  # type: ignore[no-any-return]


def _slots_of(cls: type) -> tuple[str, ...]:
    slots = cls.__dict__.get("__slots__", ())
    return (slots,) if isinstance(slots, str) else tuple(slots)


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of an instance's fields (what dataclasses compare and hash)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _init(cls: type, names: tuple[str, ...], defaults: dict[str, _Field | None], frozen: bool) -> Any:
    """``__init__(self, a, b=<default>, ...)``: one short function compiled per class."""
    # The helpers' names start with two underscores so that no field's parameter hides them.
    params, lines, scope = [], [], {"__set": object.__setattr__, "__MISSING": _MISSING}
    for i, name in enumerate(names):
        spec = defaults[name]
        value = name
        if spec is None:
            params.append(name)
        elif spec.default_factory is not _MISSING:
            scope[f"__factory{i}"] = spec.default_factory
            params.append(f"{name}=__MISSING")
            value = f"__factory{i}() if {name} is __MISSING else {name}"
        else:
            scope[f"__default{i}"] = spec.default
            params.append(f"{name}=__default{i}")
        lines.append(f"  __set(self, {name!r}, {value})" if frozen else f"  self.{name} = {value}")
    args = ", ".join(params)
    source = (f"def __make({', '.join(scope)}):\n def __init__(self{', ' if args else ''}{args}):\n"
              + ("\n".join(lines) or "  pass") + "\n return __init__\n")
    made: dict[str, Any] = {}
    exec(compile(source, f"<record {cls.__module__}.{cls.__qualname__}>", "exec"), {}, made)
    init = made["__make"](**scope)
    init.__module__ = cls.__module__
    return init


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"
    return __repr__


def _eq(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented
    return __eq__


def _hash(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))
    return __hash__


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(names: tuple[str, ...]) -> Callable[[Any], list[Any]]:
    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, n) for n in names]
    return __getstate__


def _setstate(names: tuple[str, ...]) -> Callable[[Any, list[Any]], None]:
    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)
    return __setstate__
