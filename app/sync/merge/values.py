"""Values as the change log holds them (JSON: ISO dates, dashed UUIDs, ``{"sha256", "size"}`` for bytes) turned
back into column values: the Python value an ORM row takes (:func:`to_python`), or straight the form SQLite stores
(:func:`storage_converter`, for the executemany of the ``write`` step). Both raise ValueError or TypeError for a value
that does not fit its column (KeyError for an attachment the bundle does not carry), so a bundle can never put a
wrong type into a row."""

from __future__ import annotations

import datetime as dt
import operator
import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa

from app.domain.codes import normalize_code

CANONICAL_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

Converter = Callable[[Any], Any]


def to_python(column: sa.Column[Any], value: Any, blobs: dict[str, bytes]) -> Any:
    """A value as the change log holds it (JSON) → the Python value for the column; ValueError if it does not fit."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return uuid.UUID(str(value))
    if isinstance(kind, sa.DateTime | sa.Date):
        if not isinstance(value, str):
            raise ValueError(column.name)
        return (dt.datetime if isinstance(kind, sa.DateTime) else dt.date).fromisoformat(value)
    if isinstance(kind, sa.LargeBinary):
        if not isinstance(value, dict) or str(value.get("sha256")) not in blobs:
            raise KeyError(str(value.get("sha256")) if isinstance(value, dict) else column.name)
        return blobs[str(value["sha256"])]
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool | int):
            raise ValueError(column.name)
        return bool(value)
    if isinstance(kind, sa.Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(column.name)
        return value
    if isinstance(kind, sa.String | sa.Text | sa.Enum):
        if not isinstance(value, str):
            raise ValueError(column.name)
        return normalize_code(value) if column.info.get("code") else value
    return value


def uuid_hex(value: Any) -> str:
    """The 32-digit form SQLAlchemy stores for a Uuid in SQLite (the log holds the dashed form)."""
    if isinstance(value, str) and CANONICAL_UUID.match(value):
        return value.replace("-", "")
    return uuid.UUID(str(value)).hex


def _text(column: sa.Column[Any]) -> Converter:
    def text(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError(column.name)
        return value
    return text


def _code(column: sa.Column[Any]) -> Converter:
    """A column of a code people type (``info=CODE``): normalised like every other way in, so a bundle from an
    older node cannot bring a full-width citizen ID past the duplicate checks."""
    text = _text(column)
    return lambda v: normalize_code(text(v))


def _date_time(column: sa.Column[Any]) -> Converter:
    text = _text(column)
    return lambda v: dt.datetime.fromisoformat(text(v)).isoformat(sep=" ", timespec="microseconds")


def _date(column: sa.Column[Any]) -> Converter:
    text = _text(column)
    return lambda v: dt.date.fromisoformat(text(v)).isoformat()


def _boolean(column: sa.Column[Any]) -> Converter:
    def boolean(value: Any) -> int:
        if not isinstance(value, bool | int):
            raise TypeError(column.name)
        return int(bool(value))
    return boolean


def _member(column: sa.Column[Any]) -> Converter:
    allowed = frozenset(getattr(column.type, "enums", ()))
    text = _text(column)

    def member(value: Any) -> str:
        if text(value) not in allowed:
            raise ValueError(column.name)
        return str(value)
    return member


def _integer(column: sa.Column[Any]) -> Converter:
    def integer(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(column.name)
        return value
    return integer


#: column type → converter factory, first match wins (Enum before String: an Enum is a String)
_STORAGE: tuple[tuple[type[sa.types.TypeEngine[Any]], Callable[[sa.Column[Any]], Converter]], ...] = (
    (sa.Uuid, lambda column: uuid_hex),
    (sa.DateTime, _date_time),
    (sa.Date, _date),
    (sa.Boolean, _boolean),
    (sa.Enum, _member),
    (sa.Integer, _integer),
    (sa.String, _text),
    (sa.Text, _text),
)


def _value_converter(column: sa.Column[Any], blobs: dict[str, bytes]) -> Converter:
    """:func:`storage_converter` for a value that is not None."""
    if isinstance(column.type, sa.LargeBinary):
        return lambda v: blobs[str(v["sha256"])]
    if column.info.get("code"):
        return _code(column)
    for kind, factory in _STORAGE:
        if isinstance(column.type, kind):
            return factory(column)
    return lambda v: v  # other types are stored as they come


def storage_converter(column: sa.Column[Any], blobs: dict[str, bytes]) -> Converter:
    """JSON value of the change log → the value SQLAlchemy would store in SQLite for ``column`` (raising
    ValueError/TypeError/KeyError when it does not fit). ``blobs`` are the attachments the bundle carries, by
    SHA-256."""
    convert = _value_converter(column, blobs)
    nullable = bool(column.nullable)

    def null_or(value: Any) -> Any:
        if value is None:
            if not nullable:
                raise ValueError(column.name)
            return None
        return convert(value)
    return null_or


def storage_to_python(table: sa.Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
                      ) -> list[tuple[Any, ...]]:
    """Storage values back to Python values for SQLAlchemy (a sender with an older schema, or a hub on PostgreSQL)."""
    result = []
    for row in rows:
        values = []
        for name, value in zip(columns, row, strict=True):
            kind = table.c[name].type
            if value is not None and isinstance(kind, sa.Uuid):
                value = uuid.UUID(value)
            elif value is not None and isinstance(kind, sa.DateTime):
                value = dt.datetime.fromisoformat(value)
            elif value is not None and isinstance(kind, sa.Date):
                value = dt.date.fromisoformat(value)
            values.append(value)
        result.append(tuple(values))
    return result


def _plain_types(column: sa.Column[Any]) -> frozenset[type] | None:
    """The JSON types a value of ``column`` may have when it is stored exactly as it comes (text that is not a code,
    an integer that is not a bool); None for a column whose value is converted or checked against a set."""
    kind = column.type
    if column.info.get("code") or isinstance(kind, sa.Enum | sa.LargeBinary):
        return None
    if isinstance(kind, sa.String | sa.Text):
        allowed: frozenset[type] = frozenset({str})
    elif isinstance(kind, sa.Integer) and not isinstance(kind, sa.Boolean):
        allowed = frozenset({int})
    else:
        return None
    return allowed | {type(None)} if column.nullable else allowed


class RowConverter:
    """``columns`` of rows of ``table`` from log form to storage form, one call per row: the tuple
    :func:`storage_converter` makes column by column (tests/sync/merge/test_values.py compares them). The columns
    stored as they come are type-checked a group at a time (the set of their types, in C) and enum columns by
    membership; only the others go through converters. A row that fails a check goes through every column's
    converter, which raises naming the column (or converts it, were the check stricter than the converter). A merge
    converts tens of thousands of rows of thirty columns: a converter call per value was a fifth of an import."""

    def __init__(self, table: sa.Table, columns: tuple[str, ...], blobs: dict[str, bytes]) -> None:
        self.slow = tuple(storage_converter(table.c[name], blobs) for name in columns)
        self.pick = _getter(columns)
        by_types: dict[frozenset[type], list[int]] = {}
        #: (position, the values it may take) of an Enum column
        self.members: list[tuple[int, frozenset[Any]]] = []
        #: (position, converter of a value that is not None, whether None is allowed) of every other column
        self.converted: list[tuple[int, Converter, bool]] = []
        for position, name in enumerate(columns):
            column = table.c[name]
            allowed = _plain_types(column)
            if allowed is not None:
                by_types.setdefault(allowed, []).append(position)
            elif isinstance(column.type, sa.Enum) and not column.info.get("code"):
                values = frozenset(getattr(column.type, "enums", ()))
                self.members.append((position, values | {None} if column.nullable else values))
            else:
                self.converted.append((position, _value_converter(column, blobs), bool(column.nullable)))
        self.typed = [(_getter(positions), allowed) for allowed, positions in by_types.items()]

    def __call__(self, values: Any) -> tuple[Any, ...]:
        """The storage tuple of ``values`` (a mapping holding every column); ValueError, TypeError or KeyError as
        :func:`storage_converter` raises them when a value does not fit."""
        raw = self.pick(values)
        try:
            fits = (all(allowed.issuperset(map(type, get(raw))) for get, allowed in self.typed)
                    and all(raw[position] in allowed for position, allowed in self.members))
        except TypeError:  # an unhashable value where a member was expected
            fits = False
        if not fits:
            return tuple(convert(value) for convert, value in zip(self.slow, raw, strict=True))
        if not self.converted:
            return raw
        stored = list(raw)
        for position, convert, nullable in self.converted:
            value = stored[position]
            if value is not None:
                stored[position] = convert(value)
            elif not nullable:
                raise ValueError(position)
        return tuple(stored)


def _getter(items: Sequence[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """``operator.itemgetter(*items)``, which returns a tuple for one item too."""
    if len(items) == 1:
        only = items[0]
        return lambda source: (source[only],)
    return operator.itemgetter(*items)
