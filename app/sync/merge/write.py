"""The ``write`` step: the merged rows into their tables. Every value is converted once from its log form to the
form SQLite stores and checked against its column's type on the way (:func:`prepare_rows`; a value that does not
fit is refused naming the record, and the pipeline sets its changes aside in quarantine; a new row's hash is taken
over those stored values, the very form ``check`` reads back, app/db/rowhash.py); then the rows go in with
driver-level executemany, inserts and updates grouped by table and columns, parents before children
(:func:`write_prepared`). A hub on PostgreSQL writes new rows with one ``COPY`` per table (the storage values are
valid PostgreSQL text) and updates through SQLAlchemy's own types and executemany.

The engine's audit guard (app/db/audit.py) refuses DML that bypasses the log; this step is allowed through
(``audit_ok``) because the ``log`` step appends the entries of these very rows in the same transaction.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from app.db.audit import _plain
from app.db.rowhash import digest_stored, row_hash
from app.models import Base
from app.sync.merge.context import RecordKey, Row, refused
from app.sync.merge.values import RowConverter, storage_to_python
from app.sync.tables import table_of

#: (table name, the columns given) → rows of values in storage form (updates end with the record's id)
Grouped = dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]]


@dataclass
class Prepared:
    """The dirty rows of a merge, converted and grouped for executemany."""

    tables: dict[str, sa.Table] = field(default_factory=dict)
    inserts: Grouped = field(default_factory=lambda: defaultdict(list))
    updates: Grouped = field(default_factory=lambda: defaultdict(list))
    #: the hash of every row as the merge leaves it (app/db/rowhash.py), for the log entries
    hashes: dict[RecordKey, str] = field(default_factory=dict)


def column_defaults(table: sa.Table) -> tuple[dict[str, Any], set[str], dict[str, Any]]:
    """An insert logged by ``bulk_insert`` names only the values given; the others are the column defaults. Return
    the scalar defaults (log form), the columns that must be given (no default), and the defaults made per row
    (callables: made here, so the row is written, and hashed, with the value it gets)."""
    fill: dict[str, Any] = {}
    required: set[str] = set()
    made: dict[str, Any] = {}
    for column in table.c:
        default: Any = column.default
        if default is None and column.server_default is None:
            if column.nullable:
                fill[column.name] = None
            else:
                required.add(column.name)
        elif default is not None and getattr(default, "is_scalar", False):
            fill[column.name] = _plain(getattr(default, "arg", None))
        elif default is not None and getattr(default, "is_callable", False):
            made[column.name] = default.arg
    return fill, required, made


def prepare_rows(models: dict[str, type[Base]], current: dict[RecordKey, Row], blobs: dict[str, bytes]) -> Prepared:
    """Convert the dirty rows of ``current`` to storage form, or refuse the bundle naming the first record whose
    value does not fit its column (or whose attachment the bundle does not carry)."""
    prepared = Prepared()
    converters: dict[tuple[str, tuple[str, ...]], RowConverter] = {}  # one per table and columns given
    fills: dict[str, tuple[dict[str, Any], set[str], dict[str, Any]]] = {}
    every: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}  # each table's columns, in order and as a set

    def converter(name: str, columns: tuple[str, ...]) -> RowConverter:
        found = converters.get((name, columns))
        if found is None:
            found = converters[(name, columns)] = RowConverter(prepared.tables[name], columns, blobs)
        return found

    for (name, record), row in current.items():
        if not row.dirty:  # nothing to write; its entries still hold its hash
            prepared.hashes[(name, record)] = row_hash(table_of(models[name]), row.values)
            continue
        if name not in prepared.tables:
            prepared.tables[name] = table_of(models[name])
            every[name] = (tuple(prepared.tables[name].c.keys()), frozenset(prepared.tables[name].c.keys()))
        table = prepared.tables[name]
        ordered, known = every[name]
        try:
            if row.is_new:
                values = row.values
                if len(values) < len(ordered):
                    if name not in fills:
                        fills[name] = column_defaults(table)
                    fill, required, made = fills[name]
                    values = {**fill, **values}
                    values.update({c: _plain(make(None)) for c, make in made.items() if c not in values})
                    if not required <= values.keys():
                        raise ValueError(",".join(sorted(required - values.keys())))
                    row.values = values
                columns = ordered if values.keys() >= known else tuple(c for c in ordered if c in values)
                stored = converter(name, columns)(values)
                prepared.inserts[(name, columns)].append(stored)
                if columns is ordered:  # every column in the form it is stored: hash that, once
                    prepared.hashes[(name, record)] = digest_stored(columns, stored)
                    continue
            else:
                columns = tuple(sorted(c for c in row.dirty if c in known))
                prepared.updates[(name, columns)].append((*converter(name, columns)(row.values),
                                                          uuid.UUID(record).hex))
            prepared.hashes[(name, record)] = row_hash(table, row.values)
        except KeyError as exc:
            raise refused((name, record), "The bundle refers to the attachment {sha} but does not carry it; the "
                                          "change was set aside in quarantine.", sha=str(exc.args[0])[:16]) from exc
        except (ValueError, TypeError, AttributeError) as exc:
            raise refused((name, record), "The bundle holds a value that does not fit {table} record {record}; the "
                                          "change was set aside in quarantine.", table=name, record=record) from exc
    return prepared


def write_prepared(conn: sa.Connection, prepared: Prepared) -> None:
    """Insert and update the prepared rows, parents before children."""
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}

    def in_order(groups: Grouped) -> list[tuple[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]]]:
        return sorted(groups.items(), key=lambda item: order.get(item[0][0], 0))

    conn.info["audit_ok"] = conn.info.get("audit_ok", 0) + 1
    try:
        if conn.dialect.name == "postgresql":  # a hub on PostgreSQL: new rows by COPY, the rest portably
            inserts = in_order(prepared.inserts)
            rest = [item for item in inserts if not _copy_rows(conn, prepared.tables[item[0][0]], *item)]
            _write_portable(conn, prepared.tables, rest, in_order(prepared.updates))
            return
        if conn.dialect.name != "sqlite":
            _write_portable(conn, prepared.tables, in_order(prepared.inserts), in_order(prepared.updates))
            return
        for (name, columns), rows in in_order(prepared.inserts):
            table = prepared.tables[name]
            if len(columns) != len(table.c):  # an older sender's schema: let SQLAlchemy fill the defaults
                conn.execute(sa.insert(table), [dict(zip(columns, r, strict=True)) for r in
                                                storage_to_python(table, columns, rows)])
                continue
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            conn.exec_driver_sql(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', rows)
        for (name, columns), rows in in_order(prepared.updates):
            assignments = ", ".join(f'"{c}" = ?' for c in columns)
            conn.exec_driver_sql(f'UPDATE "{name}" SET {assignments} WHERE id = ?', rows)
    finally:
        conn.info["audit_ok"] -= 1


def _copy_rows(conn: sa.Connection, table: sa.Table, key: tuple[str, tuple[str, ...]],
               rows: list[tuple[Any, ...]]) -> bool:
    """New rows of every column into PostgreSQL with one ``COPY … FROM STDIN`` (no statement per row); False when
    the sender's schema is older (missing columns: SQLAlchemy fills the defaults). The storage values are what
    PostgreSQL reads as text: hex UUIDs, ISO dates and times, 0/1 for booleans, bytes for attachments."""
    _, columns = key
    if len(columns) != len(table.c):
        return False
    names = ", ".join(f'"{c}"' for c in columns)
    driver = conn.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
    return True


def _write_portable(conn: sa.Connection, tables: dict[str, sa.Table],
                    inserts: list[tuple[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]]],
                    updates: list[tuple[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]]]) -> None:
    """The rows of :func:`write_prepared` through SQLAlchemy Core (any dialect): storage values back to Python."""
    for (name, columns), rows in inserts:
        table = tables[name]
        conn.execute(sa.insert(table), [dict(zip(columns, r, strict=True)) for r in
                                        storage_to_python(table, columns, rows)])
    for (name, columns), rows in updates:
        table = tables[name]
        statement = (sa.update(table).where(table.c.id == sa.bindparam("b_key"))
                     .values({c: sa.bindparam(f"b_{c}") for c in columns}))
        converted = storage_to_python(table, columns, [r[:-1] for r in rows])
        conn.execute(statement, [{"b_key": uuid.UUID(r[-1]), **{f"b_{c}": v for c, v in zip(columns, values,
                                                                                            strict=True)}}
                                 for r, values in zip(rows, converted, strict=True)])


def write_rows(conn: sa.Connection, models: dict[str, type[Base]], current: dict[RecordKey, Row],
               blobs: dict[str, bytes]) -> dict[RecordKey, str]:
    """The step: convert and check every dirty row of ``current``, then write them all; return the hash of every
    row of ``current`` as written (the ``log`` step puts it in the entries)."""
    prepared = prepare_rows(models, current, blobs)
    write_prepared(conn, prepared)
    return prepared.hashes
