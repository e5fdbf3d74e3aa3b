"""The ``deduplicate`` step: a bundle read before is a no-op; changes already here are skipped."""

from __future__ import annotations

from app.models import Proposal, ReceivedBundle
from app.sync.merge.deduplicate import already_received, fresh_changes, held_changes

from .conftest import FIELD, OTHER_FIELD, add_household, change, logged, rolled_back


def test_a_bundle_received_before_is_known_by_its_id(hub):
    with hub.read() as session:
        assert not already_received(session, "bundle-1")
    with hub.write() as session:
        session.add(ReceivedBundle(bundle_id="bundle-1", sender=FIELD, bundle_seq=1, sha256="0" * 64))
    with hub.read() as session:
        assert already_received(session, "bundle-1")
        assert not already_received(session, "bundle-2")


def test_own_changes_and_those_below_the_vector_are_not_fresh(hub):
    add_household(hub)
    own = logged(hub)
    theirs = [change(seq=1), change(seq=2), change(origin=OTHER_FIELD, seq=1)]
    with rolled_back(hub) as conn:
        fresh = fresh_changes(conn, own + theirs, {FIELD: 1}, hub.info.node_id)
    assert fresh == theirs[1:]  # bundle order kept


def test_changes_in_the_log_or_kept_as_proposals_are_not_fresh(hub):
    incoming = [change(seq=seq) for seq in (1, 2, 3, 4)]
    with hub.write() as session:  # seq 3 was kept as a proposal by an earlier bundle
        session.add(Proposal(origin_node=FIELD, origin_seq=3, hlc=incoming[2]["hlc"], action="update",
                             table_name="households", record_id=incoming[2]["record"], data="{}"))
    with rolled_back(hub) as conn:
        hub.audit.append_remote(conn, [  # seq 2 was applied by an earlier bundle (the vector has a gap below it)
            {"actor": "cadre", "action": "update", "table_name": "visits", "record_id": incoming[1]["record"],
             "origin_node": FIELD, "origin_seq": 2, "hlc": incoming[1]["hlc"], "data": incoming[1]["data"]}])
        assert held_changes(conn, incoming) == {(FIELD, 2), (FIELD, 3)}
        assert fresh_changes(conn, incoming, {}, hub.info.node_id) == [incoming[0], incoming[3]]
