"""Audit and change log: every write to an audited table is recorded in the same transaction.

How no write path can bypass it:
- ORM flushes are captured by session events (``before_flush`` stamps synced records, ``after_flush`` writes
  one entry per insert, update and delete with old and new values);
- bulk writes go through :func:`bulk_insert`, which writes the rows and their entries together;
- an engine-level guard refuses any INSERT/UPDATE/DELETE on an audited table issued outside those two paths,
  and any UPDATE or DELETE of the log itself (the log is append-only; triggers refuse it inside SQLite too);
- ``check`` verifies the hash chain and that every synced row's clock stamp matches its last log entry, so a
  row changed behind the application's back (another SQLite client holding the key) is found.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.orm import Session, UOWTransaction

from app.db.bulk import insert_rows, writer_for
from app.db.hlc import HybridClock
from app.db.rowhash import compact_encoder, compact_utf8, digest_stored, hasher
from app.models import AuditEntry, Base
from app.models.base import utcnow

GENESIS = "0" * 64
AUDIT_TABLE = AuditEntry.__tablename__
_AUDIT = cast(sa.Table, AuditEntry.__table__)


def audited_tables() -> set[str]:
    return {m.class_.__tablename__ for m in Base.registry.mappers
            if getattr(m.class_, "__audited__", False)}


def synced_tables() -> set[str]:
    return {m.class_.__tablename__ for m in Base.registry.mappers
            if getattr(m.class_, "__synced__", False)}


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest(), "size": len(value)}
    return value


_ENCODER = json.JSONEncoder(default=_plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
#: exact types whose JSON form ``_plain`` gives, converted before encoding so the encoder rarely calls back
_PLAIN_BY_TYPE: dict[type, Any] = {uuid.UUID: str, dt.date: dt.date.isoformat, dt.datetime: dt.datetime.isoformat}


#: the C encoder JSONEncoder.encode builds on every call, built once (app/db/rowhash.py)
_C_ENCODER: Any = compact_encoder(_plain)


def canonical_json(value: Any) -> str:
    """Compact JSON with sorted keys; UUIDs, dates, date-times and bytes as ``_plain`` writes them."""
    fast = compact_utf8(value)
    return fast.decode("utf-8") if fast is not None else _json_text(value)


def canonical_utf8(value: Any) -> bytes:
    """:func:`canonical_json` as UTF-8 (orjson where it writes the same bytes: app/db/rowhash.py)."""
    fast = compact_utf8(value)
    return fast if fast is not None else _json_text(value).encode("utf-8")


def _json_text(value: Any) -> str:
    if _C_ENCODER is not None and not isinstance(value, str):
        return "".join(_C_ENCODER(value, 0))
    return _ENCODER.encode(value)


_TYPED_KINDS = (sa.Uuid, sa.DateTime, sa.Date, sa.Enum)
_TYPED: dict[str, tuple[str, ...]] = {}


def _typed_keys(table: sa.Table) -> tuple[str, ...]:
    """The columns of ``table`` whose values need converting for JSON (UUIDs, dates, datetimes, enum members)."""
    keys = _TYPED.get(table.name)
    if keys is None:
        keys = _TYPED[table.name] = tuple(c.key for c in table.columns if isinstance(c.type, _TYPED_KINDS))
    return keys


def _plain_row(row: Mapping[str, Any], typed: tuple[str, ...]) -> dict[str, Any]:
    """``row`` with the values of its ``typed`` columns already in their JSON form (the same text canonical_json
    gives them through ``_plain``; values of other types are left to it)."""
    plain = dict(row)
    for key in typed:
        value = plain.get(key)
        convert = _PLAIN_BY_TYPE.get(type(value))
        if convert is not None:
            plain[key] = convert(value)
        elif isinstance(value, str) and type(value) is not str:  # a StrEnum member: the text json writes for it
            plain[key] = str.__str__(value)
    return plain


def entry_hash(prev_hash: str, row: Mapping[str, Any]) -> str:
    """The hash of a log entry: SHA-256 of the canonical JSON of its fields, after the previous entry's hash."""
    items = [prev_hash, row["seq"], row["at"], row["node_id"], row["actor"], row["action"], row["table_name"],
             row["record_id"], row["origin_node"], row["origin_seq"], row["hlc"], bool(row["local"]), row["data"]]
    if row.get("row_hash") is not None:  # entries before schema 0009 carry none, and hash as they always did
        items.append(row["row_hash"])
    return hashlib.sha256(canonical_utf8(items)).hexdigest()


@dataclass
class Pending:
    action: str
    table_name: str | None
    record_id: str | None
    #: what changed, or its canonical JSON already made (:meth:`AuditLog.prepare`)
    data: Mapping[str, Any] | str
    local: bool
    hlc: str | None = None
    row_hash: str | None = None


@dataclass
class PreparedRows:
    """Rows of one table ready for :meth:`AuditLog.insert_prepared` (plain data: it may cross a process boundary).

    ``keys`` and ``values`` are the columns and the driver's values of each row; ``rows`` (instead) the rows
    themselves where the dialect needs SQLAlchemy's own insert. ``entries`` are their log entries, JSON made."""

    table: str
    dialect: str
    actor: str
    keys: tuple[str, ...] | None
    values: list[tuple[Any, ...]] | None
    rows: list[dict[str, Any]] | None
    entries: list[Pending]
    #: the origin the entries carry (:meth:`AuditLog.writing_as`); None: the writing node's own
    origin: str | None = None


class AuditLog:
    """Writes entries for one node; installed on the node's engine and session factory.

    ``node_id`` is where entries are recorded; ``origin`` is the id this node's own changes carry: the node id in
    its first epoch, a fresh id after each restore (app/db/epochs.py), with sequence numbers of its own."""

    def __init__(self, node_id: str, clock: HybridClock, origin: str | None = None) -> None:
        self.node_id = node_id
        self.origin = origin or node_id
        self.clock = clock
        self._audited = audited_tables()
        self._synced = synced_tables()
        names = "|".join(sorted(self._audited | {AUDIT_TABLE}))
        self._dml = re.compile(
            rf'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+'
            rf'["`\[]?(?:main\.)?({names})\b', re.IGNORECASE)

    @contextmanager
    def writing_as(self, origin: str | None) -> Iterator[None]:
        """Changes written in the block carry ``origin`` (with its own sequence numbers) instead of this node's:
        the demo of a field node holds what its hub made as if the hub had sent it (app/district/hub_origin.py).
        ``None`` changes nothing."""
        own = self.origin
        if origin is not None:
            self.origin = origin
        try:
            yield
        finally:
            self.origin = own

    # -- writing ----------------------------------------------------------------------------------------
    def append(self, conn: Connection, entries: Sequence[Pending], actor: str) -> None:
        if not entries:
            return
        last = conn.execute(sa.select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc())
                            .limit(1)).first()
        seq, prev = (last[0], last[1]) if last else (0, GENESIS)
        next_origin = conn.execute(sa.select(sa.func.max(AuditEntry.origin_seq))
                                   .where(AuditEntry.origin_node == self.origin)).scalar() or 0
        now = utcnow()
        stamp = now.isoformat()
        rows = []
        for pending in entries:
            seq += 1
            origin_seq = None
            if not pending.local:
                next_origin += 1
                origin_seq = next_origin
            row = {
                "seq": seq, "at": now, "node_id": self.node_id, "actor": actor, "action": pending.action,
                "table_name": pending.table_name, "record_id": pending.record_id,
                "origin_node": None if pending.local else self.origin, "origin_seq": origin_seq,
                "hlc": pending.hlc or self.clock.now(), "local": pending.local,
                "data": pending.data if isinstance(pending.data, str) else canonical_json(pending.data),
                "row_hash": pending.row_hash,
            }
            row["at"] = stamp
            row["prev_hash"] = prev
            row["hash"] = prev = entry_hash(prev, row)
            row["at"] = now
            rows.append(row)
        conn.info["audit_ok"] = conn.info.get("audit_ok", 0) + 1
        try:
            insert_rows(conn, _AUDIT, rows)
        finally:
            conn.info["audit_ok"] -= 1

    def append_remote(self, conn: Connection, entries: Sequence[Mapping[str, Any]]) -> None:
        """Append changes made on other nodes (app/sync), keeping their origin node, origin sequence, stamp,
        author and data; ``at`` and ``node_id`` say when and where they were recorded here. The caller has
        already written the rows they describe, in the same transaction."""
        if not entries:
            return
        last = conn.execute(sa.select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc())
                            .limit(1)).first()
        seq, prev = (last[0], last[1]) if last else (0, GENESIS)
        now = utcnow()
        stamp = now.isoformat()
        rows = []
        for entry in entries:
            seq += 1
            row = {
                "seq": seq, "at": stamp, "node_id": self.node_id, "actor": entry["actor"],
                "action": entry["action"], "table_name": entry["table_name"], "record_id": entry["record_id"],
                "origin_node": entry["origin_node"], "origin_seq": entry["origin_seq"], "hlc": entry["hlc"],
                "local": False, "data": canonical_json(entry["data"]), "row_hash": entry.get("row_hash"),
            }
            row["prev_hash"] = prev
            row["hash"] = prev = entry_hash(prev, row)
            row["at"] = now
            rows.append(row)
        conn.info["audit_ok"] = conn.info.get("audit_ok", 0) + 1
        try:
            if conn.dialect.name == "postgresql":  # a hub on PostgreSQL: one COPY, not a statement per entry
                _copy_entries(conn, rows)
            else:
                insert_rows(conn, _AUDIT, rows)
        finally:
            conn.info["audit_ok"] -= 1

    def event(self, session: Session, action: str, data: Mapping[str, Any] | None = None,
              table_name: str | None = None, record_id: str | None = None) -> None:
        """Record a local-only event (login, export, print, settings, users) in the session's transaction."""
        self.append(session.connection(), [Pending(action, table_name, record_id, data or {}, local=True)],
                    actor=session.info.get("actor", ""))

    def bulk_insert(self, session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
        """Insert many rows with one executemany and their log entries, in the session's transaction."""
        if rows:
            conn = session.connection()
            self.insert_prepared(session, self.prepare(model, rows, session.info.get("actor", ""), conn.dialect))

    def prepare(self, model: type[Base], rows: list[dict[str, Any]], actor: str, dialect: Dialect,
                stamped: bool = False) -> PreparedRows:
        """What :meth:`bulk_insert` writes, made without a database connection: the rows completed (id, authorship,
        clock stamp of a synced record), their values as ``dialect``'s driver takes them, and their log entries
        with the JSON of each row. Anything that builds many rows (the demo, in another process) can prepare them
        here and leave :meth:`insert_prepared` only the hash chain and the writing. ``stamped``: the rows already
        carry the clock stamps they are to keep (stamped where they were made, in :meth:`stamp`'s order)."""
        table = cast(sa.Table, sa.inspect(model).local_table)
        synced = getattr(model, "__synced__", False)
        now = utcnow()
        typed = _typed_keys(table)
        name = str(table.name)  # a plain str binds faster than SQLAlchemy's quoted_name
        made: list[tuple[str, str, str | None]] = []  # (record id, JSON of the entry, clock stamp) of each row
        scalars, callables = _defaults(table)
        for row in rows:
            if synced:
                if "id" not in row:
                    row["id"] = uuid.uuid4()
                row.setdefault("created_at", now)
                row.setdefault("updated_at", now)
                row.setdefault("created_by", actor)
                row.setdefault("updated_by", actor)
                row.setdefault("origin_node", self.origin)
                row.setdefault("deleted", False)
                if not stamped or not row.get("hlc"):
                    row["hlc"] = self.clock.now()
            for column, make in callables.items():  # a default made per row is written (and hashed) as made
                if column not in row:
                    row[column] = make(None)
            plain = _plain_row(row, typed)
            made.append((str(plain.get("id", "")), canonical_json({"new": plain}), row.get("hlc")))
        writer = writer_for(table, dialect)
        keys: tuple[str, ...] | None = None
        values: list[tuple[Any, ...]] | None = None
        if not writer.fallback:
            keys, values = writer.values(rows)
        if values is not None and dialect.name == "sqlite":
            # the driver's values are the form SQLite stores, the very form a row hash is taken over (and ``check``
            # reads back): hashed as they are, not converted a second time
            names = tuple(writer.columns[key].name for key in cast(tuple[str, ...], keys))
            hashes = [digest_stored(names, stored) for stored in values]
        else:
            row_hash = hasher(table)
            hashes = [row_hash({**scalars, **row}) for row in rows]
        pending = [Pending("insert", name, record, data, local=not synced, hlc=hlc, row_hash=digest)
                   for (record, data, hlc), digest in zip(made, hashes, strict=True)]
        if values is None:
            return PreparedRows(name, dialect.name, actor, None, None, rows, pending)
        return PreparedRows(name, dialect.name, actor, keys, values, None, pending)

    def stamp(self, model: type[Base], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Give ``rows`` of a synced ``model`` the clock stamp and origin :meth:`prepare` would, for a later
        ``prepare(..., stamped=True)`` elsewhere (the demo's writer prepares some kinds itself); returns them."""
        if getattr(model, "__synced__", False):
            for row in rows:
                row.setdefault("origin_node", self.origin)
                row["hlc"] = self.clock.now()
        return rows

    def insert_prepared(self, session: Session, prepared: PreparedRows) -> None:
        """Write prepared rows and chain their log entries (in the session's transaction)."""
        if not prepared.entries:
            return
        conn = session.connection()
        if prepared.dialect != conn.dialect.name:
            raise ValueError(f"rows prepared for {prepared.dialect} cannot go into {conn.dialect.name}")
        table = Base.metadata.tables[prepared.table]
        conn.info["audit_ok"] = conn.info.get("audit_ok", 0) + 1
        try:
            if prepared.rows is not None:
                insert_rows(conn, table, prepared.rows)
            else:
                assert prepared.keys is not None and prepared.values is not None
                conn.exec_driver_sql(writer_for(table, conn.dialect).statement(prepared.keys), prepared.values)
        finally:
            conn.info["audit_ok"] -= 1
        with self.writing_as(prepared.origin):
            self.append(conn, prepared.entries, prepared.actor)

    # -- ORM capture ------------------------------------------------------------------------------------
    def _before_flush(self, session: Session, flush_context: UOWTransaction, instances: Any) -> None:
        actor = session.info.get("actor", "")
        now = utcnow()
        for obj in session.new:
            if getattr(obj, "__synced__", False):
                if obj.id is None:
                    obj.id = uuid.uuid4()
                obj.created_at = obj.created_at or now
                obj.created_by = obj.created_by or actor
                obj.origin_node = obj.origin_node or self.origin
                obj.updated_at, obj.updated_by, obj.hlc = now, actor, self.clock.now()
                if obj.deleted is None:
                    obj.deleted = False
            elif getattr(obj, "__audited__", False) and hasattr(obj, "id") and getattr(obj, "id", 1) is None:
                obj.id = uuid.uuid4()
        for obj in session.dirty:
            if getattr(obj, "__synced__", False) and session.is_modified(obj, include_collections=False):
                obj.updated_at, obj.updated_by, obj.hlc = now, actor, self.clock.now()
        for obj in session.deleted:
            if getattr(obj, "__synced__", False):
                raise RuntimeError(f"synced records are never deleted, set the tombstone instead: {obj!r}")
        session.connection().info["audit_ok"] = session.connection().info.get("audit_ok", 0) + 1
        session.info["_audit_flag_set"] = True

    def _after_flush(self, session: Session, flush_context: UOWTransaction) -> None:
        pending: list[Pending] = []
        for obj in session.new:
            if getattr(obj, "__audited__", False):
                values = {attr.key: getattr(obj, attr.key) for attr in sa.inspect(obj).mapper.column_attrs}
                pending.append(self._pending(obj, "insert", {"new": values}, _row_hash(obj)))
        for obj in session.dirty:
            if not getattr(obj, "__audited__", False):
                continue
            state = sa.inspect(obj)
            old, new = {}, {}
            for attr in state.mapper.column_attrs:
                history = state.attrs[attr.key].history
                if history.has_changes() and history.deleted != history.added:
                    old[attr.key] = history.deleted[0] if history.deleted else None
                    new[attr.key] = history.added[0] if history.added else None
            if new:
                pending.append(self._pending(obj, "update", {"old": old, "new": new}, _row_hash(obj)))
        for obj in session.deleted:
            if getattr(obj, "__audited__", False):
                values = {attr.key: getattr(obj, attr.key) for attr in sa.inspect(obj).mapper.column_attrs}
                pending.append(self._pending(obj, "delete", {"old": values}))
        self.append(session.connection(), pending, session.info.get("actor", ""))

    def _after_flush_postexec(self, session: Session, flush_context: UOWTransaction) -> None:
        if session.info.pop("_audit_flag_set", False):
            conn = session.connection()
            conn.info["audit_ok"] = max(0, conn.info.get("audit_ok", 0) - 1)

    def _pending(self, obj: Any, action: str, data: Mapping[str, Any], row_hash: str | None = None) -> Pending:
        state = sa.inspect(obj)
        key = state.identity or state.mapper.primary_key_from_instance(obj)
        record_id = ",".join(str(_plain(k)) for k in key)
        synced = getattr(obj, "__synced__", False)
        return Pending(action, state.mapper.local_table.name, record_id, data, local=not synced,
                       hlc=getattr(obj, "hlc", None) if synced else None, row_hash=row_hash)

    def install(self, engine: Engine, session_class: type[Session] | Any) -> None:
        event.listen(session_class, "before_flush", self._before_flush)
        event.listen(session_class, "after_flush", self._after_flush)
        event.listen(session_class, "after_flush_postexec", self._after_flush_postexec)
        event.listen(engine, "before_cursor_execute", self._guard)
        # A flush that fails half-way never reaches after_flush_postexec; the transaction ends in a rollback,
        # so the permission to write never outlives its transaction.
        event.listen(engine, "commit", self._reset)
        event.listen(engine, "rollback", self._reset)

    @staticmethod
    def _reset(conn: Connection) -> None:
        if conn.invalidated:  # the database connection was lost: it is discarded with what its info held
            return
        conn.info.pop("audit_ok", None)

    def _guard(self, conn: Connection, cursor: Any, statement: str, parameters: Any, context: Any,
               executemany: bool) -> None:
        match = self._dml.match(statement)
        if not match:
            return
        if match.group(1).lower() == AUDIT_TABLE and not statement.lstrip().upper().startswith("INSERT"):
            raise PermissionError("the audit log is append-only")
        if not conn.info.get("audit_ok"):
            raise PermissionError(f"write to {match.group(1)} bypasses the audit log")


def _row_hash(obj: Any) -> str:
    """The row hash of an ORM object as the flush leaves its row (app/db/rowhash.py)."""
    mapper = sa.inspect(obj).mapper
    values = {attr.columns[0].name: getattr(obj, attr.key) for attr in mapper.column_attrs}
    return hasher(cast(sa.Table, mapper.local_table))(values)


_DEFAULTS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}


def _defaults(table: sa.Table) -> tuple[dict[str, Any], dict[str, Any]]:
    """The scalar defaults of ``table`` (what an INSERT leaving a column out stores), and its per-row callable
    defaults (made by ``bulk_insert`` itself, so the row is hashed as written)."""
    if table.name not in _DEFAULTS:
        scalars: dict[str, Any] = {}
        callables: dict[str, Any] = {}
        for column in table.c:
            default: Any = column.default
            if default is not None and getattr(default, "is_scalar", False):
                scalars[column.name] = default.arg
            elif default is not None and getattr(default, "is_callable", False):
                callables[column.name] = default.arg
        _DEFAULTS[table.name] = (scalars, callables)
    return _DEFAULTS[table.name]


# -- verification --------------------------------------------------------------------------------------
@dataclass
class ChainReport:
    entries: int
    problems: list[str]


def verify_chain(conn: Connection, batch: int = 20_000) -> ChainReport:
    problems: list[str] = []
    prev = GENESIS
    count = 0
    expected_seq = 1
    # yield_per on the statement, not the connection (Connection.execution_options changes the connection in
    # place), and the result closed explicitly: on PostgreSQL it is a server-side cursor
    with conn.execute(sa.select(AuditEntry.__table__).order_by(AuditEntry.seq)
                      .execution_options(yield_per=batch)) as result:
        for row in result.mappings():
            count += 1
            if row["seq"] != expected_seq:
                problems.append(f"gap before entry {row['seq']}")
            expected_seq = row["seq"] + 1
            values = dict(row)
            values["at"] = row["at"].isoformat() if isinstance(row["at"], dt.datetime) else row["at"]
            if row["prev_hash"] != prev or entry_hash(prev, values) != row["hash"]:
                problems.append(f"entry {row['seq']} was altered")
                if len(problems) > 20:
                    break
            prev = row["hash"]
    return ChainReport(count, problems)


def verify_rows_match_log(conn: Connection) -> list[str]:
    """Every synced row's stamp must be the greatest stamp among the change entries about it.

    On a node that only writes locally that is the stamp of its last entry (the clock never runs backwards);
    after merging bundles (app/sync/merge/pipeline.py) an older change can be recorded after a newer one it lost to,
    so the comparison is with the greatest stamp, not the last entry. Local events never count.
    """
    # One pass over the log (grouped through its (table, record) index) and one over each table, compared in
    # memory: a correlated lookup per row costs a minute at city scale, this costs seconds.
    latest: dict[tuple[str | None, str | None], str] = {}
    grouped = (sa.select(AuditEntry.table_name, AuditEntry.record_id, sa.func.max(AuditEntry.hlc))
               .where(AuditEntry.local.is_(False)).group_by(AuditEntry.table_name, AuditEntry.record_id))
    for table_name, record_id, hlc in conn.execute(grouped):
        latest[(table_name, record_id)] = hlc
    problems: list[str] = []
    for mapper in Base.registry.mappers:
        if not getattr(mapper.class_, "__synced__", False):
            continue
        table = cast(sa.Table, mapper.local_table)
        with conn.execute(sa.select(table.c.id, table.c.hlc).execution_options(yield_per=50_000)) as rows:
            for record_id, hlc in rows:
                if latest.get((table.name, str(record_id))) != hlc:
                    problems.append(f"{table.name} {record_id} was changed outside the audit log")
                    if len(problems) >= 20:
                        return problems
    return problems


def _copy_entries(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Entries into PostgreSQL's ``audit_log`` with ``COPY … FROM STDIN`` (same transaction, same values)."""
    columns = list(rows[0])
    driver = conn.connection.driver_connection
    assert driver is not None
    names = ", ".join(f'"{c}"' for c in columns)
    with driver.cursor() as cursor, cursor.copy(f'COPY "{AuditEntry.__tablename__}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])
