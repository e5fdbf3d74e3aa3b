"""Row hashes recorded for rows whose log entries carry none (docs/architecture-notes.md "check").

Entries written before schema 0009 have no row hash; a migration that changes how audited rows are stored (a new
NOT NULL column, a changed default, a rename) changes their hashes. Either way :func:`rebaseline` records the hash
of every row of the tables concerned in ``audit_baseline`` and appends one local log entry (``row_baseline``)
holding, per table, how many rows it recorded and the sum of their hashes. ``check`` then expects each row to
match the later of its newest log entry and its baseline, and the baseline table to add up to the sums the chain
holds (so editing a baseline is an edit ``check`` sees). Runs inside migrations, before the store is open.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, cast

import sqlalchemy as sa

from app.db.rowhash import converter, digest_stored
from app.models import AuditBaseline, AuditEntry, Base, Node

BASELINE_ACTION = "row_baseline"


def audited_models() -> dict[str, type[Base]]:
    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers
            if getattr(m.class_, "__audited__", False)}


def _table(model: type[Base]) -> sa.Table:
    return cast(sa.Table, sa.inspect(model).local_table)


def record_id_of(model: type[Base], value: Any) -> str:
    """The primary key of a row as log entries name it (UUIDs with dashes)."""
    column = next(iter(_table(model).primary_key.columns))
    if isinstance(column.type, sa.Uuid) and value is not None:
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
    return str(value)


def stored_rows(conn: sa.Connection, name: str) -> tuple[list[str], Iterable[tuple[Any, ...]]]:
    """The column names of table ``name`` as it is in the database, and its rows in stored form."""
    table = sa.Table(name, sa.MetaData(), autoload_with=conn)
    names = [c.name for c in table.c]
    converters = [converter(c) for c in table.c]
    rows = conn.execute(sa.select(table))

    def stored() -> Iterable[tuple[Any, ...]]:
        for row in rows:
            yield tuple(None if v is None else convert(v) for v, convert in zip(row, converters, strict=True))
    return names, stored()


def rebaseline(conn: sa.Connection, tables: Iterable[str] | None = None, reason: str = "schema") -> int:
    """Record the row hash of every row of ``tables`` (default: every audited table in the database) and log the
    per-table sums; return how many rows were recorded. For migrations (the audit guard is not installed yet)."""
    from app.db.audit import GENESIS, canonical_json, entry_hash
    from app.db.rowhash import MODULUS

    models = audited_models()
    present = set(sa.inspect(conn).get_table_names())
    names = sorted(n for n in (models if tables is None else set(tables)) if n in present and n in models)
    baseline = _table(AuditBaseline)
    last = conn.execute(sa.select(AuditEntry.seq, AuditEntry.hash, AuditEntry.hlc)
                        .order_by(AuditEntry.seq.desc()).limit(1)).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    summary: dict[str, dict[str, Any]] = {}
    recorded = 0
    for name in names:
        model = models[name]
        key = next(iter(_table(model).primary_key.columns)).name
        columns, rows = stored_rows(conn, name)
        position = columns.index(key)
        conn.execute(sa.delete(baseline).where(baseline.c.table_name == name))
        total, count, batch = 0, 0, []
        for row in rows:
            digest = digest_stored(columns, row)
            total = (total + int(digest, 16)) % MODULUS
            count += 1
            batch.append({"table_name": name, "record_id": record_id_of(model, row[position]), "row_hash": digest,
                          "seq": seq})
            if len(batch) >= 5000:
                conn.execute(sa.insert(baseline), batch)
                batch = []
        if batch:
            conn.execute(sa.insert(baseline), batch)
        summary[name] = {"rows": count, "sum": f"{total:064x}"}
        recorded += count
    if not recorded:
        return 0
    node_id = conn.execute(sa.select(Node.id).where(Node.is_self.is_(True))).scalar() or ""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    entry = {"seq": seq, "at": now.isoformat(), "node_id": node_id, "actor": "", "action": BASELINE_ACTION,
             "table_name": None, "record_id": None, "origin_node": None, "origin_seq": None,
             "hlc": last[2] if last else f"{0:013d}-{0:05d}-{node_id}", "local": True,
             "data": canonical_json({"reason": reason, "tables": summary}), "row_hash": None}
    entry["prev_hash"] = prev
    entry["hash"] = entry_hash(prev, entry)
    entry["at"] = now
    conn.execute(sa.insert(_table(AuditEntry)), [entry])
    return recorded
