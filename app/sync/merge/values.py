"""Values as the change log holds them (JSON: ISO dates, dashed UUIDs, ``{"sha256", "size"}`` for bytes) turned
back into column values: the Python value an ORM row takes (:func:`to_python`), or straight the form SQLite stores
(:func:`storage_converter`, for the executemany of the ``write`` step). Both raise ValueError or TypeError for a value
that does not fit its column (KeyError for an attachment the bundle does not carry), so a bundle can never put a
wrong type into a row."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
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


def storage_converter(column: sa.Column[Any], blobs: dict[str, bytes]) -> Converter:
    """JSON value of the change log → the value SQLAlchemy would store in SQLite for ``column`` (raising
    ValueError/TypeError/KeyError when it does not fit). ``blobs`` are the attachments the bundle carries, by
    SHA-256."""
    convert: Converter = lambda v: v  # noqa: E731 - other types are stored as they come
    if isinstance(column.type, sa.LargeBinary):
        convert = lambda v: blobs[str(v["sha256"])]  # noqa: E731
    elif column.info.get("code"):
        convert = _code(column)
    else:
        for kind, factory in _STORAGE:
            if isinstance(column.type, kind):
                convert = factory(column)
                break
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
