"""Many plain rows into one table with one ``executemany``, converted once per column instead of once per row.

SQLAlchemy Core's ``conn.execute(insert(table), rows)`` builds a parameter dict per row and runs every value
through its type's bind processor by looking both up per row; for the demo's 50,000 households (≈ 800,000 rows
and as many log entries) that bookkeeping cost more than SQLCipher's own work. Here the columns, their Python
defaults and their processors are looked up once per table and dialect, each row becomes a tuple in column order,
and the tuples go to the driver through ``exec_driver_sql`` (so the engine's events, the audit guard among them,
still see the statement). Values are what the dialect's own processors make of them; on SQLite the common exact
types (UUID, date, datetime, bool, the models' enums) take shortcuts that give the same text
(``tests/unit/test_bulk.py`` compares them with the processors).

Only :mod:`app.db.audit` calls this: a write that bypasses the audit log is refused by its guard anyway.
"""

from __future__ import annotations

import datetime as dt
import operator
import uuid
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect

Convert = Callable[[Any], Any]


def _sqlite_datetime(value: dt.datetime) -> str:
    # SQLite's DATETIME storage format always carries six digits of microseconds (isoformat drops zeros)
    text = value.isoformat(" ")
    return text if value.microsecond else text + ".000000"


def _shortcut(column: sa.Column[Any], dialect: Dialect, processor: Convert | None) -> Convert | None:
    """A faster converter for the exact Python types the models use, falling back to ``processor``."""
    if processor is None or dialect.name != "sqlite":
        return processor
    kind = column.type
    if isinstance(kind, sa.Uuid):
        def uuid_hex(value: Any) -> Any:
            return value.hex if type(value) is uuid.UUID else processor(value)
        return uuid_hex
    if isinstance(kind, sa.DateTime):
        last: list[Any] = [None, None]  # the rows of one batch share their timestamps

        def datetime_text(value: Any) -> Any:
            if value is last[0] and value is not None:
                return last[1]
            text = _sqlite_datetime(value) if type(value) is dt.datetime and value.year >= 1000 \
                and value.tzinfo is None else processor(value)
            last[0], last[1] = value, text
            return text
        return datetime_text
    if isinstance(kind, sa.Date):
        def date_text(value: Any) -> Any:
            return value.isoformat() if type(value) is dt.date and value.year >= 1000 else processor(value)
        return date_text
    if isinstance(kind, sa.Boolean):
        def flag(value: Any) -> Any:
            return int(value) if type(value) is bool else processor(value)
        return flag
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        members = kind.enum_class

        def member_value(value: Any) -> Any:
            return value._value_ if type(value) is members else processor(value)
        return member_value
    return processor


@dataclass(frozen=True)
class _Column:
    name: str
    convert: Convert | None
    default: Any  # a scalar, a zero-argument callable's result maker, or _NONE
    call_default: bool


_NONE = object()


class TableWriter:
    """Inserts rows (dicts keyed by column key) into one table through one dialect."""

    def __init__(self, table: sa.Table, dialect: Dialect) -> None:
        self.table = table
        self.dialect = dialect
        self.columns: dict[str, _Column] = {}
        self.fallback = dialect.paramstyle not in ("qmark", "format", "pyformat")
        for column in table.columns:
            processor = column.type.dialect_impl(dialect).bind_processor(dialect)
            default: Any = _NONE
            call = False
            if column.default is not None and isinstance(column.default, sa.ColumnDefault):
                if column.default.is_callable:
                    default, call = column.default.arg, True
                elif column.default.is_scalar:
                    default = column.default.arg
            elif column.default is not None or column.server_default is not None:
                self.fallback = True  # a default only the database or SQLAlchemy knows how to make
            self.columns[column.key] = _Column(column.name, _shortcut(column, dialect, processor), default, call)
        self._statements: dict[tuple[str, ...], str] = {}

    def statement(self, keys: tuple[str, ...]) -> str:
        statement = self._statements.get(keys)
        if statement is None:
            mark = "?" if self.dialect.paramstyle == "qmark" else "%s"
            preparer = self.dialect.identifier_preparer
            names = ", ".join(preparer.quote(self.columns[k].name) for k in keys)
            statement = f"INSERT INTO {preparer.format_table(self.table)} ({names}) " \
                        f"VALUES ({', '.join(mark for _ in keys)})"
            self._statements[keys] = statement
        return statement

    def values(self, rows: Sequence[dict[str, Any]]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        """The columns to insert and each row's values in their order, as the driver takes them (the columns a
        row leaves out get their Python defaults, or NULL)."""
        present: set[str] = set()
        for row in rows:
            present.update(row)
        unknown = present - self.columns.keys()
        if unknown:
            raise sa.exc.ArgumentError(f"unknown columns for {self.table.name}: {sorted(unknown)}")
        keys = tuple(k for k in self.columns if k in present or self.columns[k].default is not _NONE)
        plan = [self.columns[k] for k in keys]
        converts = [(i, c.convert) for i, c in enumerate(plan) if c.convert is not None]
        fixed = {k: c.default for k, c in zip(keys, plan, strict=True) if c.default is not _NONE and not c.call_default}
        made = [(k, c.default) for k, c in zip(keys, plan, strict=True) if c.call_default]
        getter = operator.itemgetter(*keys)
        tuples = []
        for row in rows:
            if len(row) != len(keys):  # some columns left to their defaults
                full = dict.fromkeys(keys)
                full.update(fixed)
                for key, default in made:
                    if key not in row:
                        full[key] = _call(default)
                full.update(row)
                row = full
            values = getter(row) if len(keys) > 1 else (getter(row),)
            if converts:
                values = list(values)
                for i, convert in converts:
                    values[i] = convert(values[i])
            tuples.append(tuple(values))
        return keys, tuples

    def insert(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        if self.fallback:
            conn.execute(sa.insert(self.table), list(rows))
            return
        keys, tuples = self.values(rows)
        conn.exec_driver_sql(self.statement(keys), tuples)


def _call(default: Callable[..., Any]) -> Any:
    # SQLAlchemy wraps zero-argument callables so they take an execution context; ours ignore it
    return default(None)


_WRITERS: weakref.WeakKeyDictionary[Dialect, dict[str, TableWriter]] = weakref.WeakKeyDictionary()


def writer_for(table: sa.Table, dialect: Dialect) -> TableWriter:
    """The (cached) writer of ``table`` through ``dialect``."""
    by_table = _WRITERS.setdefault(dialect, {})
    writer = by_table.get(table.name)
    if writer is None or writer.table is not table:
        writer = by_table[table.name] = TableWriter(table, dialect)
    return writer


def insert_rows(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """``INSERT`` ``rows`` into ``table`` in one executemany on ``conn`` (see the module docstring)."""
    writer_for(table, conn.dialect).insert(conn, rows)


