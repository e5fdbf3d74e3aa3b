"""The ``integrity`` step: what the database would refuse, found before anything is written, record by record.

A foreign key that points at a record this node does not hold, or a unique value (a head's citizen ID, a contract
number at one bank, a village name in a street, ...) that another record holds already, would make SQLite refuse the
whole transaction at the write or at the commit, naming no record. This step checks every row the merge changed
the same way, in memory and with batched lookups, and returns one :class:`~app.sync.merge.context.ChangeRefused`
per row that breaks a rule, naming it: the pipeline sets the changes of that record aside in quarantine and merges
the rest again (app/sync/merge/pipeline.py). Duplicates that are the same record are not refused here: the
``alias`` step made them one record before.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from app.db.audit import _plain
from app.models import Base
from app.sync.merge.context import Change, ChangeRefused, RecordKey, Row, refused
from app.sync.merge.values import to_python
from app.sync.tables import synced_models, table_of


@functools.cache
def foreign_keys() -> dict[str, list[tuple[str, str, str]]]:
    """{table: [(column, referred table, referred column)]} of every synced table."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for name, model in synced_models().items():
        found[name] = [(column.name, fk.column.table.name, fk.column.name)
                       for column in table_of(model).c for fk in column.foreign_keys]
    return found


@functools.cache
def unique_keys() -> dict[str, list[tuple[str, ...]]]:
    """{table: [column names]} of every unique constraint and unique column of the synced tables (the primary
    key aside)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for name, model in synced_models().items():
        table = table_of(model)
        keys = [tuple(c.name for c in constraint.columns) for constraint in table.constraints
                if isinstance(constraint, sa.UniqueConstraint)]
        keys += [(c.name,) for c in table.c if c.unique and (c.name,) not in keys]
        if keys:
            found[name] = keys
    return found


def linked_records(change: Change) -> set[RecordKey]:
    """The records a change links to (its foreign keys, and a photo link's record), as (table, id)."""
    new = change["data"].get("new") or {}
    found: set[RecordKey] = set()
    for column, target, target_column in foreign_keys().get(change["table"], ()):
        value = new.get(column)
        if target_column == "id" and isinstance(value, str):
            found.add((target, value))
    if change["table"] == "record_attachments" and isinstance(new.get("record_id"), str):
        table = record_tables().get(str(new.get("record_kind")))
        if table is not None:
            found.add((table, new["record_id"]))
    return found


@functools.cache
def record_tables() -> dict[str, str]:
    """{record kind: table} of the field records (a photo link names its record by kind and id)."""
    from app.models.records import RECORD_MODELS

    return {str(kind.value): str(model.__tablename__) for kind, model in RECORD_MODELS.items()}


def _exists(conn: sa.Connection, table: str, column: str, values: set[Any]) -> set[Any]:
    """Which of ``values`` (plain) a row of ``table`` holds in ``column`` (plain values back)."""
    model_table = _table(table)
    if model_table is None:
        return set(values)  # not a table of ours: the database decides
    target = model_table.c[column]
    held: set[Any] = set()
    items = sorted(values, key=str)
    for start in range(0, len(items), 500):
        chunk = []
        for value in items[start:start + 500]:
            try:
                chunk.append(to_python(target, value, {}))
            except (ValueError, TypeError):
                continue
        if chunk:
            held.update(_plain(v) for (v,) in conn.execute(sa.select(target).where(target.in_(chunk))))
    return held


@functools.cache
def _tables() -> dict[str, sa.Table]:
    return {t.name: t for t in Base.metadata.sorted_tables}


def _table(name: str) -> sa.Table | None:
    return _tables().get(name)


def missing_references(conn: sa.Connection, current: dict[RecordKey, Row]) -> list[ChangeRefused]:
    """One refusal per changed row whose changed link points at a record neither held here nor written by this
    merge."""
    wanted: dict[tuple[str, str], set[Any]] = defaultdict(set)
    links: list[tuple[RecordKey, str, str, str, Any]] = []
    all_keys = foreign_keys()
    for key, row in current.items():
        if not row.dirty:
            continue
        for column, target, target_column in all_keys.get(key[0], ()):
            value = row.values.get(column)
            if column not in row.dirty or value is None:
                continue
            if target_column == "id" and (target, str(value)) in current:
                continue
            wanted[(target, target_column)].add(value)
            links.append((key, column, target, target_column, value))
    if not links:
        return []
    held = {where: _exists(conn, where[0], where[1], values) for where, values in wanted.items()}
    problems: list[ChangeRefused] = []
    refused_keys: set[RecordKey] = set()
    for key, column, target, target_column, value in links:
        if value in held[(target, target_column)] or key in refused_keys:
            continue
        refused_keys.add(key)
        problems.append(refused(key, "{table} record {record} refers to {target} record {value} ({column}), which "
                                     "this node does not hold; the change was set aside in quarantine.",
                                table=key[0], record=key[1], target=target, value=value, column=column))
    return problems


def repeated_unique_values(conn: sa.Connection, current: dict[RecordKey, Row]) -> list[ChangeRefused]:
    """One refusal per changed row whose unique value another record holds (here, or among the rows merged)."""
    problems: list[ChangeRefused] = []
    refused_keys: set[RecordKey] = set()
    all_unique = unique_keys()
    by_table: dict[str, list[tuple[RecordKey, Row]]] = defaultdict(list)
    for key, row in current.items():
        if row.dirty and key[0] in all_unique:
            by_table[key[0]].append((key, row))
    for table, rows in by_table.items():
        model_table = table_of(synced_models()[table])
        for columns in all_unique[table]:
            changed = [(key, row) for key, row in rows if row.is_new or set(columns) & row.dirty]
            if not changed:
                continue
            # the values every merged row of the table will hold
            merged: dict[tuple[Any, ...], list[str]] = defaultdict(list)
            for key, row in current.items():
                if key[0] == table:
                    held = tuple(row.values.get(c) for c in columns)
                    if None not in held:
                        merged[held].append(key[1])
            lookups = {row.values.get(columns[0]) for _, row in changed} - {None}
            in_database: dict[tuple[Any, ...], set[str]] = defaultdict(set)
            column = model_table.c[columns[0]]
            items = sorted(lookups, key=str)
            for start in range(0, len(items), 500):
                chunk = []
                for value in items[start:start + 500]:
                    try:
                        chunk.append(to_python(column, value, {}))
                    except (ValueError, TypeError):
                        continue
                for found in conn.execute(sa.select(model_table.c.id, *[model_table.c[c] for c in columns])
                                          .where(column.in_(chunk))):
                    record = str(found[0])
                    if (table, record) in current:
                        continue  # its merged values count, not what the database holds now
                    in_database[tuple(_plain(v) for v in found[1:])].add(record)
            for key, row in changed:
                row_value = tuple(row.values.get(c) for c in columns)
                if None in row_value or key in refused_keys:
                    continue
                others = (in_database.get(row_value, set()) | set(merged.get(row_value, ()))) - {key[1]}
                if not others:
                    continue
                if not row.is_new and all(o in {k[1] for k, r in changed if r.is_new} for o in others):
                    continue  # the new row is the one refused (below, when it comes)
                refused_keys.add(key)
                problems.append(refused(key, "{table} record {record} repeats the {columns} of another record "
                                             "held here ({other}); the change was set aside in quarantine.",
                                        table=table, record=key[1], columns="+".join(columns),
                                        other=sorted(others)[0]))
    return problems


def check_rows(conn: sa.Connection, current: dict[RecordKey, Row]) -> list[ChangeRefused]:
    """The step: every problem of the merged rows, one refusal per record (links first, then unique values)."""
    problems = missing_references(conn, current)
    seen = {p.key for p in problems}
    problems += [p for p in repeated_unique_values(conn, current) if p.key not in seen]
    return problems

