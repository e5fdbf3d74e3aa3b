"""SQL pieces that read the same on SQLite and on a server database (the hub on PostgreSQL, docs/hub.md).

- :func:`raw_text`: a column as SQLite stores it (text: 32 hex digits for a UUID, ``YYYY-MM-DD`` for a date), without
  SQLAlchemy's per-row conversion. SQLite hands the stored text over as it is; PostgreSQL's driver returns native
  values, which are turned into the same text, so the fast paths of the risk queries give the same answers.
- :func:`day_after`: the day after a date column (SQLite ``date(x, '+1 day')``, PostgreSQL ``x + 1``).
- :func:`id_text`: a UUID key as 32 lower-case hex digits in SQL, for a prefix search (``LIKE 'abcd1234%'``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


def _sqlite_text(value: Any) -> Any:
    """A driver value as SQLite's SQLAlchemy types store it."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}.{value.microsecond:06d}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


class RawText(sa.types.TypeDecorator[Any]):
    """See :func:`raw_text`. On PostgreSQL parameters are sent untyped (no ``::VARCHAR`` cast), so a hex id
    compares with a ``uuid`` column and an ISO day with a ``date``."""

    impl = sa.String
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        return dialect.type_descriptor(sa.String() if dialect.name == "sqlite" else sa.types.NullType())

    def result_processor(self, dialect: sa.Dialect, coltype: object) -> Any:
        return None if dialect.name == "sqlite" else _sqlite_text

    def bind_processor(self, dialect: sa.Dialect) -> Any:
        return None


def raw_text(column: Any) -> Any:
    """``column`` read as SQLite stores it (see the module docstring)."""
    return sa.type_coerce(column, RawText())


class day_after(FunctionElement[dt.date]):
    """The day after the date column given (see the module docstring)."""

    type = sa.Date()
    inherit_cache = True
    name = "day_after"


@compiles(day_after, "sqlite")
def _day_after_sqlite(element: day_after, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '+1 day')"


@compiles(day_after)
def _day_after_default(element: day_after, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(({compiler.process(element.clauses, **kw)}) + 1)"


class id_text(FunctionElement[str]):
    """A UUID column as 32 lower-case hex digits (see the module docstring)."""

    type = sa.String()
    inherit_cache = True
    name = "id_text"


@compiles(id_text, "sqlite")
def _id_text_sqlite(element: id_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(id_text)
def _id_text_default(element: id_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"replace(CAST({compiler.process(element.clauses, **kw)} AS TEXT), '-', '')"
