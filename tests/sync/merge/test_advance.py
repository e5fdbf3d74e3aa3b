"""The ``advance`` step: the version vector advanced without gaps, the sender's acknowledgement taken from its
newest bundle, the bundle recorded with its counts."""

from __future__ import annotations

import json

import sqlalchemy as sa

from app.models import AuditEntry, ReceivedBundle, VersionVector
from app.sync.bundle import Header, Opened
from app.sync.merge.advance import advance_vector, record_bundle, take_acknowledgement
from app.sync.merge.context import MergeOutcome

from .conftest import FIELD, OTHER_FIELD, change, field_peer, rolled_back


def test_the_vector_advances_only_without_gaps(hub):
    me = hub.info.node_id
    ranges = {FIELD: [3, 7], OTHER_FIELD: [2, 5], me: [0, 99], "c0ffee00-0000-4000-8000-000000000000": [0, 4]}
    with rolled_back(hub) as conn:
        advanced = advance_vector(conn, ranges, {FIELD: 3, OTHER_FIELD: 1}, me)
        stored = dict(conn.execute(sa.select(VersionVector.origin_node, VersionVector.seq)).all())
    assert advanced == {FIELD: 7, OTHER_FIELD: 1, "c0ffee00-0000-4000-8000-000000000000": 4}
    assert stored == {FIELD: 7, "c0ffee00-0000-4000-8000-000000000000": 4}


def _header(seq: int, ack: dict) -> Header:
    return Header(1, 1, {"bundle_id": f"bundle-{seq}", "sender": FIELD, "bundle_seq": seq, "ack": ack,
                         "ranges": {}}, b"")


def test_the_acknowledgement_is_taken_from_the_newest_bundle_only():
    peer = field_peer()
    take_acknowledgement(peer, _header(2, {"hub": 9}))
    take_acknowledgement(peer, _header(1, {"hub": 4}))  # an older bundle read later
    assert (json.loads(peer.acked), peer.acked_bundle_seq) == ({"hub": 9}, 2)


def test_the_bundle_is_recorded_with_its_counts_and_audited(hub):
    opened = Opened(_header(3, {}), {}, [change(), change(seq=2)], {}, "f" * 64)
    outcome = MergeOutcome(skipped=1, applied=1, conflicts=2, flagged=["visits x"])
    with hub.write() as session:
        record_bundle(session, hub, opened, outcome)
    with hub.read() as session:
        bundle = session.get(ReceivedBundle, "bundle-3")
        assert (bundle.sender, bundle.bundle_seq, bundle.entries, bundle.applied, bundle.skipped,
                bundle.conflicts, bundle.imported_by) == (FIELD, 3, 2, 1, 1, 2, "admin")
        event = session.execute(sa.select(AuditEntry).where(AuditEntry.action == "bundle_imported")).scalar_one()
    assert event.local and json.loads(event.data)["flagged"] == 1
