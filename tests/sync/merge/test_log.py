"""The ``log`` step: applied changes logged with their own identity, the local clock past their stamps,
proposals and conflicts kept for review."""

from __future__ import annotations

import json

import sqlalchemy as sa

from app.db.hlc import Stamp
from app.models import AuditEntry, Conflict, Proposal
from app.sync.merge.log import keep_for_review, log_changes, observe_stamps

from .conftest import FIELD, NOW_MS, change, rolled_back


def test_applied_changes_are_logged_in_stamp_order_with_their_identity(hub):
    later, earlier = change(seq=2, millis=NOW_MS + 5), change(seq=1, millis=NOW_MS)
    with rolled_back(hub) as conn:
        log_changes(hub.audit, conn, [later, earlier])
        rows = conn.execute(sa.select(AuditEntry.origin_node, AuditEntry.origin_seq, AuditEntry.hlc,
                                      AuditEntry.record_id, AuditEntry.actor, AuditEntry.local, AuditEntry.data)
                            .where(AuditEntry.origin_node == FIELD).order_by(AuditEntry.seq)).all()
    assert [(r.origin_seq, r.hlc, r.record_id, r.actor, r.local) for r in rows] == [
        (1, earlier["hlc"], earlier["record"], "cadre", False), (2, later["hlc"], later["record"], "cadre", False)]
    assert json.loads(rows[0].data) == earlier["data"]


def test_the_local_clock_moves_past_the_newest_stamp(hub):
    ahead = hub.clock._wall() + 3_600_000
    observe_stamps(hub.clock, [change(millis=ahead - 1), change(millis=ahead)])
    assert Stamp.parse(hub.clock.now()).millis >= ahead
    observe_stamps(hub.clock, [])  # nothing arrived: nothing to see


def test_proposals_and_conflicts_are_kept_for_review(hub):
    proposal = change(table="households", new={"phone": "13900000000"}, old={"phone": ""})
    conflict = {"kind": "clock_ahead", "table_name": "visits", "record_id": "r1", "bundle_id": "b1"}
    with hub.write() as session:
        keep_for_review(session, [proposal], [conflict], "b1")
    with hub.read() as session:
        kept = session.execute(sa.select(Proposal)).scalar_one()
        assert (kept.origin_node, kept.origin_seq, kept.record_id, kept.status, kept.bundle_id) == (
            FIELD, 1, proposal["record"], "pending", "b1")
        assert json.loads(kept.data) == proposal["data"]
        assert session.execute(sa.select(Conflict.kind, Conflict.record_id)).one() == ("clock_ahead", "r1")
