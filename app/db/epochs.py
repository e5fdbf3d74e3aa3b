"""Epochs of a node's change log (docs/architecture-notes.md "Epochs: a restore never loses work").

A node's own changes carry an *origin* id and a sequence number. The first origin is the node id. Restoring a
backup rolls the log back to what the backup holds, while the hub may already hold later changes of the same
origin: writing on would reuse their sequence numbers. So a restore starts a new epoch: a fresh origin id whose
first change is the :class:`~app.models.NodeEpoch` row announcing it (inside the node's signed bundles), and the
version vector keeps the old origins as origins like any other, so the hub sends back what it holds of them
beyond the backup.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.db.hlc import HybridClock
from app.models import AuditEntry, NodeEpoch, VersionVector

if TYPE_CHECKING:
    from app.db.store import Store

#: the order in which a node's epochs follow each other (``number`` may repeat: see NodeEpoch)
EPOCH_ORDER = (NodeEpoch.number, NodeEpoch.started_at, NodeEpoch.id)


def epochs_of(conn: sa.Connection, node_id: str) -> list[str]:
    """The origins of ``node_id``'s later epochs, oldest first (its first origin, the node id, is not listed)."""
    return [str(i) for i in conn.execute(sa.select(NodeEpoch.id).where(NodeEpoch.node_id == node_id)
                                         .order_by(*EPOCH_ORDER)).scalars()]


def current_origin(conn: sa.Connection, node_id: str) -> str:
    """The origin ``node_id`` writes its changes under now."""
    later = epochs_of(conn, node_id)
    return later[-1] if later else node_id


def own_origins(conn: sa.Connection, node_id: str) -> list[str]:
    """Every origin of ``node_id``: its node id, then its later epochs."""
    return [node_id, *epochs_of(conn, node_id)]


def highest_seq(conn: sa.Connection, origin: str) -> int:
    return int(conn.execute(sa.select(sa.func.max(AuditEntry.origin_seq))
                            .where(AuditEntry.origin_node == origin)).scalar() or 0)


def start_epoch(store: Store, reason: str = "restore") -> str:
    """Give ``store``'s node a new origin for its change log and announce it; return the new origin.

    In one write transaction: every origin of this node so far becomes an entry of the version vector at the
    highest sequence the log holds of it (so the hub may send back the rest), and the NodeEpoch row is written
    as the first change of the new origin. The store writes under the new origin from then on."""
    node_id = store.info.node_id
    audit = store.audit
    before = (audit.origin, audit.clock)
    new = uuid.uuid4()
    try:
        with store.write() as session:
            conn = session.connection()
            upsert = sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert
            origins = own_origins(conn, node_id)
            for origin in origins:
                seq = highest_seq(conn, origin)
                if seq:
                    conn.execute(upsert(VersionVector).values(origin_node=origin, seq=seq)
                                 .on_conflict_do_update(index_elements=["origin_node"], set_={"seq": seq}))
            previous = audit.origin
            number = int(conn.execute(sa.select(sa.func.max(NodeEpoch.number))
                                      .where(NodeEpoch.node_id == node_id)).scalar() or 0) + 1
            audit.origin = str(new)
            audit.clock = HybridClock(str(new), audit.clock.last)
            session.add(NodeEpoch(id=new, node_id=node_id, number=number, previous_origin=previous,
                                  previous_seq=highest_seq(conn, previous), reason=reason))
            session.flush()
            store.audit.event(session, "epoch_started", {"origin": str(new), "number": number,
                                                         "previous": previous, "reason": reason})
    except BaseException:
        audit.origin, audit.clock = before
        raise
    store.clock = audit.clock
    return str(new)
