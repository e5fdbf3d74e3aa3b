"""The hash of a row as it is stored, which binds every audited row to its newest log entry (``check``).

The hash is taken over the row's values in the form SQLite stores them (UUIDs as 32 hex digits, date-times as
``YYYY-MM-DD HH:MM:SS.ffffff``, booleans as 0/1, enums as their codes), as compact JSON of {column: value} for
the columns that are not NULL, bytes replaced by their SHA-256 (so a photo's bytes are re-hashed whenever its row
is). A migration that changes the stored values of audited rows (a new NOT NULL column, a changed default, a
rename) re-records their hashes with :func:`app.db.baseline.rebaseline`. Every writer computes it
from the values it writes (the ORM flush and ``bulk_insert`` in app/db/audit.py, the merge's ``write`` step);
``check`` computes it from what the database holds, read straight from the driver (SQLite) or through
SQLAlchemy (PostgreSQL: :func:`storage_value` turns its Python values into the same form).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

import orjson
import sqlalchemy as sa

#: 2**256: the per-table digests of ``check`` add row hashes modulo this
MODULUS = 1 << 256


def _uuid(value: Any) -> str:
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex


def _datetime(value: Any) -> str:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment.isoformat(sep=" ", timespec="microseconds")


def _date(value: Any) -> str:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _boolean(value: Any) -> int:
    return int(bool(value))


def _blob(value: Any) -> Any:
    return bytes(value) if not isinstance(value, dict) else value  # a log-form {"sha256", "size"}


def _other(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def converter(column: sa.Column[Any]) -> Callable[[Any], Any]:
    """Python (or log-form) value of ``column`` → the form SQLite stores it in (None stays None)."""
    kind = column.type
    for types, convert in ((sa.Uuid, _uuid), (sa.DateTime, _datetime), (sa.Date, _date), (sa.Boolean, _boolean),
                           (sa.LargeBinary, _blob)):
        if isinstance(kind, types):
            return convert
    return _other


def storage_value(column: sa.Column[Any], value: Any) -> Any:
    """A Python (or log-form) value of ``column`` in the form SQLite stores it."""
    return None if value is None else converter(column)(value)


class Hasher:
    """Row hashes of one table, its converters prepared once (the bulk paths hash many rows)."""

    def __init__(self, table: sa.Table) -> None:
        self.table = table
        self.columns = columns_of(table)
        self.names = [c.name for c in self.columns]
        self._convert = [converter(c) for c in self.columns]
        #: (name, converter, whether the converter is ``_other``: a plain value passes through it unchanged)
        self._plan = [(name, convert, convert is _other)
                      for name, convert in zip(self.names, self._convert, strict=True)]

    def __call__(self, values: Mapping[str, Any]) -> str:
        """``digest_stored(self.names, stored values)``, in one pass (the demo and imports hash every row)."""
        present: dict[str, Any] = {}
        get = values.get
        for name, convert, other in self._plan:
            value = get(name)
            if value is None:
                continue
            if not (other and type(value) in _PLAIN):
                value = convert(value)
                if value is None:
                    continue
                if type(value) not in _PLAIN:
                    value = _digestible(value)
            present[name] = value
        return hashlib.sha256(_utf8(present)).hexdigest()


_HASHERS: dict[str, Hasher] = {}


def hasher(table: sa.Table) -> Hasher:
    found = _HASHERS.get(table.name)
    if found is None or found.table is not table:
        found = _HASHERS[table.name] = Hasher(table)
    return found


def _digestible(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, dict):  # a log-form blob: its hash is what the row hash holds
        return value.get("sha256")
    return value


#: the stored values :func:`_digestible` leaves as they are
_PLAIN = frozenset({str, int, float, bool})
#: compact, sorted JSON; made once (``json.dumps`` with options builds an encoder per call)
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def compact_encoder(default: Callable[[Any], Any] | None) -> Any:
    """The C encoder ``JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=default)``
    builds inside every ``encode`` call, built once: ``"".join(encoder(value, 0))`` is the same text as
    ``encode(value)`` for anything but a bare str (tests/unit/test_rowhash.py compares them).
    ``c_make_encoder`` is a private name of :mod:`json.encoder` (not in the stubs), so it is looked up; None on a
    Python without it (the callers then use the plain encoder, which gives the same text)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    try:
        return make(None, default, json.encoder.encode_basestring, None, ":", ",", True, False, True)
    except TypeError:
        return None


_C_ENCODER: Any = compact_encoder(None)


def _encode(present: dict[str, Any]) -> str:
    return "".join(_C_ENCODER(present, 0)) if _C_ENCODER is not None else _ENCODER.encode(present)


#: the value types orjson writes byte for byte as ``json.dumps(ensure_ascii=False, sort_keys=True,
#: separators=(",", ":"))`` does. Not float (``1e+16`` against ``1e16``, ``NaN`` against ``null``) nor any type json
#: hands to a ``default``; an int beyond 64 bits, a lone surrogate or a key that is not a str make orjson raise.
EXACT = frozenset({str, int, bool, type(None)})
_ONE_LEVEL = EXACT | {dict, list}


def compact_utf8(value: Any) -> bytes | None:
    """The UTF-8 of the compact, key-sorted JSON of ``value`` (what :func:`compact_encoder` writes), made by orjson
    about nine times faster, when orjson is sure to write the same bytes: ``value`` a dict or list whose items are of
    :data:`EXACT`, or dicts and lists of those one level down (a log entry's ``{"new": {...}}``). None otherwise:
    the caller encodes with json (tests/unit/test_rowhash.py compares the two on every kind of value)."""
    kind = type(value)
    if kind is not dict and kind is not list:
        return None
    items = value.values() if kind is dict else value
    kinds = set(map(type, items))
    if not kinds <= EXACT:
        if not kinds <= _ONE_LEVEL:
            return None
        for item in items:
            if type(item) is dict:
                if not EXACT.issuperset(map(type, item.values())):
                    return None
            elif type(item) is list and not EXACT.issuperset(map(type, item)):
                return None
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError: a big int, a lone surrogate, a key that is not a str
        return None


def _utf8(present: dict[str, Any]) -> bytes:
    fast = compact_utf8(present)
    return fast if fast is not None else _encode(present).encode("utf-8")


def digest_stored(names: Sequence[str], values: Sequence[Any]) -> str:
    """The hash of one row given its column names and stored values: the columns that are not NULL, by name.
    (Leaving NULLs out keeps the hashes of existing rows when a migration adds a nullable column.)"""
    present = {name: value for name, value in zip(names, values, strict=True) if value is not None}
    if not _PLAIN.issuperset(map(type, present.values())):  # bytes: their hash stands for them
        present = {name: value if type(value) in _PLAIN else _digestible(value) for name, value in present.items()}
    return hashlib.sha256(_utf8(present)).hexdigest()


def columns_of(table: sa.Table) -> list[sa.Column[Any]]:
    """The columns a row hash covers, in the order it covers them (by name)."""
    return sorted(table.c, key=lambda c: c.name)


def row_hash(table: sa.Table, values: Mapping[str, Any]) -> str:
    """The hash of a row of ``table`` whose every column is in ``values`` (Python or log-form values)."""
    return hasher(table)(values)


def add(total: int, digest: str) -> int:
    return (total + int(digest, 16)) % MODULUS


def total_of(digests: Iterable[str]) -> int:
    total = 0
    for digest in digests:
        total = (total + int(digest, 16)) % MODULUS
    return total


def full_values(table: sa.Table, given: Mapping[str, Any]) -> dict[str, Any]:
    """``given`` completed with the column defaults an INSERT that leaves them out would store (scalar defaults
    and callables without arguments; None for the rest)."""
    values = dict(given)
    for column in table.c:
        if column.name in values:
            continue
        default = cast(Any, column.default)
        if default is not None and getattr(default, "is_scalar", False):
            values[column.name] = default.arg
        elif default is not None and getattr(default, "is_callable", False):
            values[column.name] = default.arg(None)
        else:
            values[column.name] = None
    return values
