"""archcheck.values.record behaves as ``dataclasses.dataclass(frozen=True, slots=True)`` where both apply."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import ClassVar

import pytest

from archcheck import model, values
from archcheck.values import FrozenInstanceError, field, fields, record, replace


class Mixin:
    __slots__ = ()

    def shout(self) -> str:
        return "mixin"


@record
class Point(Mixin):
    """A record with a required field, a default and a default factory."""

    x: int
    label: str = "p"
    tags: tuple[str, ...] = field(default_factory=tuple)

    def doubled(self) -> int:
        return 2 * self.x


@dataclasses.dataclass(frozen=True, slots=True)
class DataPoint(Mixin):
    """The same as a dataclass."""

    x: int
    label: str = "p"
    tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)

    def doubled(self) -> int:
        return 2 * self.x


@record(frozen=False)
class Box:
    """A mutable record."""

    items: list[int] = field(default_factory=list)


@record(eq=False)
class Token:
    """Compared by identity."""

    name: str


@record
class One:
    """One field: compared and hashed as a one-tuple, as dataclasses do."""

    value: float


def _same(rec: object, dc: object) -> None:
    """The record and the dataclass instance look alike, but for the class name in the repr."""
    assert repr(rec).replace("Point", "DataPoint", 1) == repr(dc)


def test_construction_defaults_repr_and_methods() -> None:
    _same(Point(1), DataPoint(1))
    _same(Point(1, "q", ("a",)), DataPoint(1, "q", ("a",)))
    _same(Point(x=2, tags=("b",)), DataPoint(x=2, tags=("b",)))
    assert Point(3).doubled() == 6
    assert Point(3).shout() == "mixin"
    assert isinstance(Point(3), Mixin)
    assert Box().items is not Box().items


@pytest.mark.parametrize("args", [(), (1, "a", (), 4)])
def test_wrong_arguments_are_refused_as_by_a_dataclass(args: tuple[object, ...]) -> None:
    with pytest.raises(TypeError) as rec:
        Point(*args)  # type: ignore[arg-type]
    with pytest.raises(TypeError) as dc:
        DataPoint(*args)  # type: ignore[arg-type]
    assert str(rec.value).split(" ", 1)[1] == str(dc.value).split(" ", 1)[1]


def test_equality_and_hash_are_the_dataclass_ones() -> None:
    assert Point(1) == Point(1, "p", ())
    assert Point(1) != Point(2)
    assert Point(1) != DataPoint(1)  # type: ignore[comparison-overlap]  # another class is never equal
    assert Point(1).__eq__(object()) is NotImplemented
    assert hash(Point(1, "q", ("a",))) == hash(DataPoint(1, "q", ("a",)))
    assert {Point(1), Point(1), Point(2)} == {Point(2), Point(1)}
    nan = float("nan")
    assert One(nan) == One(nan)  # the tuples' identity rule, as dataclasses compare them
    assert hash(One(2.0)) == hash((2.0,))
    assert Token("a") != Token("a")
    hash(Token("a"))  # identity hash
    with pytest.raises(TypeError):
        hash(Box())  # mutable and compared by value: unhashable, as a dataclass is


def test_frozen_as_a_dataclass() -> None:
    p = Point(1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.label
    with pytest.raises(AttributeError):
        p.other = 1  # type: ignore[attr-defined]
    assert not hasattr(p, "__dict__")
    assert Point.__slots__ == DataPoint.__slots__ == ("x", "label", "tags")  # type: ignore[comparison-overlap]
    assert Point.__match_args__ == DataPoint.__match_args__
    box = Box()
    box.items = [1]
    assert box == Box([1])


def test_pickle_copy_replace_fields() -> None:
    p = Point(1, "q", ("a",))
    for again in (pickle.loads(pickle.dumps(p)), copy.copy(p), copy.deepcopy(p)):
        assert again == p
        assert again is not p
    assert pickle.loads(pickle.dumps(Box([1]))) == Box([1])
    assert replace(p, label="r") == Point(1, "r", ("a",))
    assert replace(p) == p
    with pytest.raises(TypeError, match="has no field 'nope'"):
        replace(p, nope=1)
    assert fields(p) == fields(Point) == ("x", "label", "tags")
    with pytest.raises(TypeError, match="is not a record"):
        fields(object())
    match Point(5):
        case Point(x):
            assert x == 5


def test_what_a_record_refuses() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        @record
        class Bad:
            a: int = 1
            b: int  # type: ignore[misc]

    with pytest.raises(ValueError, match="mutable default list"):
        @record
        class Mutable:
            a: list[int] = []  # noqa: RUF012

    with pytest.raises(TypeError, match="does not support ClassVar"):
        @record
        class WithClassVar:
            a: ClassVar[int] = 1

    with pytest.raises(TypeError, match="does not support __post_init__"):
        @record
        class Post:
            a: int

            def __post_init__(self) -> None: ...

    with pytest.raises(ValueError, match="both default and default_factory"):
        field(default=1, default_factory=int)  # type: ignore[call-overload]


@pytest.mark.parametrize(("body", "message"), [
    ("a: typing.ClassVar[int] = 1", "does not support ClassVar"),
    ("a: 'dataclasses.InitVar[int]'", "does not support InitVar"),
    ("a = field(default=1)", r"Made\.a is a field\(\) without a type annotation"),
    ("__slots__ = ('a',)\n    a: int", "a record makes its own __slots__"),
    ("__match_args__ = ()\n    a: int", "a record makes its own __match_args__"),
    ("self: int", "may not be named 'self'"),
])
def test_what_a_record_refuses_rather_than_guess(body: str, message: str) -> None:
    """Each of these a dataclass either supports or refuses; a record refuses it, never half-does it."""
    scope = {"record": record, "field": field, "typing": __import__("typing"), "dataclasses": dataclasses}
    with pytest.raises(TypeError, match=message):
        exec(f"@record\nclass Made:\n    {body}\n", scope)


def test_names_that_only_look_like_refused_ones_are_fields() -> None:
    @record
    class Lookalike:
        ClassVarish: int
        InitVarious: str = "x"

    assert fields(Lookalike) == ("ClassVarish", "InitVarious")


def test_a_bare_field_is_required_as_in_dataclasses() -> None:
    @record
    class Bare:
        a: int = field()  # type: ignore[call-overload]

    with pytest.raises(TypeError, match="missing 1 required positional argument: 'a'"):
        Bare()  # type: ignore[call-arg]
    assert Bare(1).a == 1


def test_frozen_and_mutable_records_do_not_inherit_from_each_other() -> None:
    @record(frozen=False)
    class Loose:
        a: int

    with pytest.raises(TypeError, match="a frozen record cannot inherit from the mutable record"):
        @record
        class Tight(Loose):
            b: int = 0

    @record
    class Base:
        a: int

    @record
    class Child(Base):
        b: int = 0

    assert Child(1, 2) == Child(a=1, b=2)
    assert fields(Child) == ("a", "b")
    assert repr(Child(1)).endswith("Child(a=1, b=0)")


def test_a_field_named_like_a_helper_does_not_hide_it() -> None:
    @record
    class Odd:
        _set: int
        _MISSING: int = 2
        _factory0: tuple[int, ...] = field(default_factory=tuple)

    assert repr(Odd(1)).endswith("<locals>.Odd(_set=1, _MISSING=2, _factory0=())")


def test_the_project_is_built_of_records_not_dataclasses() -> None:
    """What made start-up slow (issue 15) does not come back by one import."""
    assert fields(model.Component)
    assert not dataclasses.is_dataclass(model.Component)
    assert values.__all__ == ["FrozenInstanceError", "field", "fields", "record", "replace"]
