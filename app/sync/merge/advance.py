"""The ``advance`` step: the bundle is remembered. The version vector of each origin the bundle covers moves to
the end of its range (only when it already reached the range's start, so no gap is ever skipped); the sender's
acknowledgement is taken from its newest bundle only; the bundle id is recorded (so a second import is a no-op)
with its counts, and the import is audited."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.db.store import Store
from app.models import Peer, ReceivedBundle, VersionVector
from app.sync.bundle import Header, Opened
from app.sync.merge.context import MergeOutcome


def advance_vector(conn: sa.Connection, ranges: dict[str, list[int]], vector: dict[str, int], me: str
                   ) -> dict[str, int]:
    """Move each origin of ``ranges`` (after, upto] to ``upto`` where the vector already reached ``after``; store
    and return the new vector (this node's own entry is never taken from a bundle)."""
    advanced = dict(vector)
    upsert = sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert
    for origin, (after, upto) in ranges.items():
        if origin != me and advanced.get(origin, 0) >= after and upto > advanced.get(origin, 0):
            advanced[origin] = upto
            conn.execute(upsert(VersionVector).values(origin_node=origin, seq=upto)
                         .on_conflict_do_update(index_elements=["origin_node"], set_={"seq": upto}))
    return advanced


def take_acknowledgement(peer: Peer, header: Header) -> None:
    """Keep the vector the sender acknowledges, if this is its newest bundle so far."""
    if header["bundle_seq"] > peer.acked_bundle_seq:
        peer.acked = json.dumps(header["ack"], sort_keys=True)
        peer.acked_bundle_seq = header["bundle_seq"]


def record_bundle(session: Session, store: Store, opened: Opened, outcome: MergeOutcome) -> None:
    """Record the bundle as received, with its counts, and audit the import (a local event)."""
    header = opened.header
    session.add(ReceivedBundle(bundle_id=header["bundle_id"], sender=header["sender"],
                               bundle_seq=header["bundle_seq"], sha256=opened.sha256,
                               imported_by=store.user.username, entries=len(opened.changes),
                               applied=outcome.applied, skipped=outcome.skipped, proposals=outcome.proposals,
                               conflicts=outcome.conflicts, quarantined=outcome.quarantined,
                               aliased=outcome.aliased))
    session.flush()
    store.audit.event(session, "bundle_imported", {
        "bundle": header["bundle_id"], "from": header["sender"], "seq": header["bundle_seq"],
        "applied": outcome.applied, "skipped": outcome.skipped, "proposals": outcome.proposals,
        "conflicts": outcome.conflicts, "flagged": len(outcome.flagged), "quarantined": outcome.quarantined,
        "aliased": outcome.aliased})
