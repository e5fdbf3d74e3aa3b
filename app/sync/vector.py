"""Version vectors: {origin node: highest sequence held}. The rows of ``sync_vector`` hold what arrived from other
nodes; this node's own entry is the highest sequence of its own log. A peer's acknowledgement is stored as the
JSON of the vector it sent (``Peer.acked``), and the vector last sent to it as ``Peer.sent_ack``."""

from __future__ import annotations

import json

import sqlalchemy as sa

from app.models import AuditEntry, VersionVector


def version_vector(conn: sa.Connection, self_id: str) -> dict[str, int]:
    """This node's vector: what arrived from every origin, and its own highest sequence (zeros left out)."""
    vector = {row.origin_node: row.seq for row in conn.execute(sa.select(VersionVector))}
    own = conn.execute(sa.select(sa.func.max(AuditEntry.origin_seq))
                       .where(AuditEntry.origin_node == self_id)).scalar() or 0
    vector[self_id] = int(own)
    return {k: v for k, v in vector.items() if v}


def parse_vector(text: str | None) -> dict[str, int]:
    """A vector kept as JSON (an acknowledgement); anything unreadable is the empty vector."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): int(v) for k, v in value.items()} if isinstance(value, dict) else {}
