"""A restore that replaces a lost or stolen laptop: the restored node becomes a new node (docs/architecture-notes.md
"Epochs: a restore never loses work").

The stolen laptop's identity is revoked at the hub, so its replacement cannot go on under it. Restored with
``restore FILE --new-identity`` it gets a new node id (new keys are made when first needed, and it enrols afresh:
request, approval at the hub, acceptance), keeping the data. The changes of the old identity the hub has not
acknowledged (made after the last sync, before the backup) are recorded again under the new node's own origin, so
they travel as its own work; nothing signed by the revoked identity is ever sent again. The key ring and the
integrity anchor stay bound to the id they were made with (``NodeInfo.local_id``): they are local files.
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.db.audit import AuditLog, Pending, synced_tables
from app.db.epochs import highest_seq, own_origins
from app.db.hlc import HybridClock
from app.db.rowhash import hasher
from app.models import AuditEntry, Base, Node, NodeKey, Peer, VersionVector
from app.models.enums import NodeRole

if TYPE_CHECKING:
    from app.db.store import Store


def _acked(conn: sa.Connection) -> dict[str, int]:
    """What the hub acknowledged, per origin (``Peer.acked``: app/sync/vector.py)."""
    acked: dict[str, int] = {}
    for text in conn.execute(sa.select(Peer.acked).where(Peer.role == NodeRole.HUB)).scalars():
        try:
            vector = json.loads(text or "{}")
        except ValueError:
            continue
        for origin, seq in (vector.items() if isinstance(vector, dict) else ()):
            if isinstance(seq, int):
                acked[str(origin)] = max(acked.get(str(origin), 0), seq)
    return acked


def _record_again(conn: sa.Connection, audit: AuditLog, unsent: list[Any], old: set[str], new: str) -> int:
    """Append each unsent change again under ``audit``'s (new) origin with a fresh stamp; a record it created
    becomes the new node's own (``origin_node``). Each record's row takes the newest stamp and owner, and its
    newest entry the row's hash (so ``check`` binds them, app/db/rowhash.py)."""
    synced = synced_tables()
    wanted = [row for row in unsent if row.table_name in synced and row.record_id]
    last_of = {(row.table_name, row.record_id): i for i, row in enumerate(wanted)}
    touched: dict[tuple[str, str], dict[str, Any]] = {}
    for i, row in enumerate(wanted):
        data = json.loads(row.data)
        stamp = audit.clock.now()
        values = data.get("new") if isinstance(data, dict) else None
        if isinstance(values, dict):
            if "hlc" in values or row.action == "insert":
                values["hlc"] = stamp
            if values.get("origin_node") in old:
                values["origin_node"] = new
        key = (str(row.table_name), str(row.record_id))
        fix = touched.setdefault(key, {})
        fix["hlc"] = stamp
        if isinstance(values, dict) and values.get("origin_node") == new:
            fix["origin_node"] = new
        row_hash = None
        if last_of[key] == i:
            row_hash = _rewrite_row(conn, key, fix)
        audit.append(conn, [Pending(row.action, row.table_name, row.record_id, data, local=False, hlc=stamp,
                                    row_hash=row_hash)], actor=row.actor)
    return len(wanted)


def _rewrite_row(conn: sa.Connection, key: tuple[str, str], values: dict[str, Any]) -> str | None:
    """Give the record ``key`` its new stamp and owner; return the row's hash (None if the row is not held)."""
    table = Base.metadata.tables[key[0]]
    where = table.c.id == uuid.UUID(key[1])
    conn.info["audit_ok"] = conn.info.get("audit_ok", 0) + 1
    try:
        conn.execute(sa.update(table).where(where).values(**values))
    finally:
        conn.info["audit_ok"] -= 1
    row = conn.execute(sa.select(table).where(where)).mappings().first()
    return None if row is None else hasher(table)(dict(row))


def become_new_node(store: Store) -> tuple[str, int]:
    """Give ``store``'s node a new node id; return it and how many unsent changes were recorded again.

    In one write transaction: the old identity's origins go into the version vector at the highest sequence held
    (so the hub sends back what it holds beyond the backup), every change of them the hub has not acknowledged is
    recorded again under the new origin (same action, record and data), the node's keys are dropped (new ones are
    made for the new id) and the hub's certificate and bundle count are cleared (the node enrols again). The caller
    saves node.json with the new id (``store.info`` is updated here)."""
    old = store.info.node_id
    new = str(uuid.uuid4())
    audit = store.audit
    before = (audit.node_id, audit.origin, audit.clock)
    replayed = 0
    try:
        with store.write() as session:
            conn = session.connection()
            origins = own_origins(conn, old)
            acked = _acked(conn)
            for origin in origins:
                seq = highest_seq(conn, origin)
                if seq:
                    conn.execute(sqlite_insert(VersionVector).values(origin_node=origin, seq=seq)
                                 .on_conflict_do_update(index_elements=["origin_node"], set_={"seq": seq}))
            unsent = list(conn.execute(
                sa.select(AuditEntry.actor, AuditEntry.action, AuditEntry.table_name, AuditEntry.record_id,
                          AuditEntry.data, AuditEntry.row_hash, AuditEntry.origin_node, AuditEntry.origin_seq)
                .where(AuditEntry.origin_node.in_(origins), AuditEntry.local.is_(False))
                .order_by(AuditEntry.seq)))
            unsent = [row for row in unsent if (row.origin_seq or 0) > acked.get(str(row.origin_node), 0)]
            own = session.get(Node, old)
            session.add(Node(id=new, name=store.info.name, role=NodeRole.FIELD, street_code=store.info.street_code,
                             is_self=True))
            if own is not None:
                own.is_self = False
                own.revoked = True
            session.flush()
            audit.node_id = audit.origin = new
            audit.clock = HybridClock(new, audit.clock.last)
            replayed = _record_again(conn, audit, unsent, set(origins), new)
            for key in session.execute(sa.select(NodeKey)).scalars():
                session.delete(key)
            for peer in session.execute(sa.select(Peer).where(Peer.role == NodeRole.HUB)).scalars():
                peer.certificate, peer.expires_at, peer.sent_ack = "", None, "{}"
                # the hub numbers its bundles to the new node from 1: the stolen identity's count, back with the
                # backup, would make the new node ignore every acknowledgement below it (take_acknowledgement)
                peer.acked_bundle_seq = 0
            session.flush()
            audit.event(session, "identity_replaced", {"previous": old, "node": new, "recorded_again": replayed})
    except BaseException:
        audit.node_id, audit.origin, audit.clock = before
        raise
    store.clock = audit.clock
    store.info.extra = {**store.info.extra, "local_id": store.info.local_id}
    store.info.node_id = new
    return new, replayed
