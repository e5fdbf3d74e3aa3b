"""Many rows into one table without SQLAlchemy's per-row parameter processing.

``conn.execute(sa.insert(table), rows)`` runs every value of every row through SQLAlchemy's parameter
machinery (≈ 25–30 µs a row here, more than SQLCipher needs to store it). :func:`insert_rows` compiles the
INSERT once, takes each column's bind processor from the dialect once, and hands the driver plain tuples:
the same values SQLAlchemy would have sent (the same processors convert UUIDs, dates, enums and booleans),
the same column defaults for keys a row leaves out, through the same connection, so the engine's events (the
audit log's guard) still see the statement.

Only SQLite/SQLCipher takes this path; other dialects (a PostgreSQL hub) keep ``conn.execute``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_MISSING = object()


def insert_rows(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts by column key) into ``table``; keys no row gives are left to the column's default."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(sa.insert(table), list(rows))
        return
    keys = set().union(*(row.keys() for row in rows))
    columns = [c for c in table.columns if c.key in keys or c.default is not None]
    unknown = keys - {c.key for c in table.columns}
    if unknown:
        raise sa.exc.ArgumentError(f"unknown columns for {table.name}: {sorted(unknown)}")
    statement = sa.insert(table).compile(dialect=conn.dialect, column_keys=[c.key for c in columns])
    positions = statement.positiontup
    if positions is None:  # pragma: no cover - SQLite compiles with qmark
        conn.execute(sa.insert(table), list(rows))
        return
    by_key = {c.key: c for c in columns}
    order = [by_key[statement.binds[name].key] for name in positions]
    processors = [c.type._cached_bind_processor(conn.dialect) for c in order]
    params = _tuples(rows, [c.key for c in order], processors, [_default(c) for c in order])
    conn.exec_driver_sql(statement.string, params)


def _tuples(rows: Sequence[dict[str, Any]], keys: list[str], processors: Sequence[Callable[[Any], Any] | None],
            defaults: list[Any]) -> list[tuple[Any, ...]]:
    """The driver's parameter tuples. Rows that carry every key are read with one itemgetter; a processor runs
    once per distinct value object in a row (a batch shares its timestamps), not once per cell."""
    getter = operator.itemgetter(*keys) if len(keys) > 1 else None
    converting = [(i, p) for i, p in enumerate(processors) if p is not None]
    seen: list[tuple[Any, Any]] = [(_MISSING, None)] * len(keys)
    params = []
    for row in rows:
        try:
            values = list(getter(row)) if getter is not None else _values(row, keys, defaults)
        except KeyError:  # this row leaves a column to its default
            values = _values(row, keys, defaults)
        for index, process in converting:
            value = values[index]
            if value is None:
                continue
            before, after = seen[index]
            if value is not before:
                after = process(value)
                seen[index] = (value, after)
            values[index] = after
        params.append(tuple(values))
    return params


def _values(row: dict[str, Any], keys: list[str], defaults: list[Any]) -> list[Any]:
    values = []
    for key, default in zip(keys, defaults, strict=True):
        value = row.get(key, _MISSING)
        if value is _MISSING:
            value = default() if callable(default) else default
        values.append(value)
    return values


def _default(column: sa.Column[Any]) -> Any:
    """A zero-argument callable or a plain value; None where the column has no Python-side default."""
    default = column.default
    if default is None:
        return None
    if getattr(default, "is_scalar", False):
        return default.arg  # type: ignore[attr-defined]
    if getattr(default, "is_callable", False):
        function = default.arg  # type: ignore[attr-defined]
        return lambda: function(None)  # SQLAlchemy wraps zero-argument defaults to take the context
    return None
