"""The ``deduplicate`` step: a bundle read before is a no-op; changes already here are skipped."""

from __future__ import annotations

import json
import uuid

import pytest

from app.models import Alias, Proposal, QuarantinedChange, ReceivedBundle
from app.sync.merge.context import ChangeForbidden, ChangeRefused
from app.sync.merge.deduplicate import already_received, fresh_changes, held_changes

from .conftest import FIELD, NOW_MS, OTHER_FIELD, add_household, change, logged, rolled_back


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
                             actor="cadre", table_name="visits", record_id=incoming[2]["record"],
                             data=json.dumps(incoming[2]["data"])))
    with rolled_back(hub) as conn:
        hub.audit.append_remote(conn, [  # seq 2 was applied by an earlier bundle (the vector has a gap below it)
            {"actor": "cadre", "action": "update", "table_name": "visits", "record_id": incoming[1]["record"],
             "origin_node": FIELD, "origin_seq": 2, "hlc": incoming[1]["hlc"], "data": incoming[1]["data"]}])
        assert set(held_changes(conn, incoming)) == {(FIELD, 2), (FIELD, 3)}
        assert fresh_changes(conn, incoming, {}, hub.info.node_id) == [incoming[0], incoming[3]]


def test_a_held_change_with_other_content_refuses_the_bundle(hub):
    """Issue 16.1: an (origin, sequence) this node holds, arriving with other content, is two writers under one
    origin (a copy of a node, or one rolled back by hand): refused, naming the record, never "already here"."""
    held = change(seq=2, new={"findings": "走访"})
    with rolled_back(hub) as conn:
        hub.audit.append_remote(conn, [
            {"actor": "cadre", "action": "update", "table_name": "visits", "record_id": held["record"],
             "origin_node": FIELD, "origin_seq": 2, "hlc": held["hlc"], "data": held["data"]}])
        assert fresh_changes(conn, [held], {FIELD: 2}, hub.info.node_id) == []  # the same change: skipped
        for other in (dict(held, data={"new": {"findings": "改写"}}), dict(held, record=change()["record"]),
                      dict(held, actor="mallory"), dict(held, hlc=change(millis=NOW_MS + 1)["hlc"])):
            with pytest.raises(ChangeRefused, match="other content") as info:
                fresh_changes(conn, [other], {FIELD: 2}, hub.info.node_id)
            assert info.value.key == ("visits", other["record"])


def test_a_change_of_this_nodes_own_origin_it_never_made_is_refused(make_node, tmp_path):
    """The hub's echo of a field node's newest change (or any change of its current origin) that the node does
    not hold means another copy of it wrote under its name."""
    field = make_node(role="field", folder=tmp_path / "field")[0]
    add_household(field)
    own = logged(field)
    with rolled_back(field) as conn:
        assert fresh_changes(conn, own, {}, field.origin) == []  # its own, as it holds them: nothing to do
        foreign = change(origin=field.origin, seq=len(own) + 1)
        with pytest.raises(ChangeRefused, match="never made"):
            fresh_changes(conn, [foreign], {}, field.origin)


def test_earlier_epochs_come_back_in_sequence_only(hub):
    """Changes of this node's earlier origins (before a restore) are taken without a gap: the echo of a newer one
    waits for those before it."""
    older = "e0000000-0000-4000-8000-000000000001"
    items = [change(origin=older, seq=seq) for seq in (3, 4, 6)]
    with rolled_back(hub) as conn:
        assert fresh_changes(conn, items, {older: 2}, hub.origin, frozenset({older})) == items[:2]


def test_quarantined_and_aliased_changes_count_as_held(hub):
    """Issues 16.1 and 17: a change set aside in quarantine (kept as it came) or an insert found to be a record held
    here (an alias) is already here: the same change again is skipped, other content under its number refused."""
    waiting = change(seq=1, new={"findings": "走访"})
    aliased = change(seq=2, table="households", action="insert", new={"head_name": "户主"})
    with hub.write() as session:
        session.add(QuarantinedChange(origin_node=FIELD, origin_seq=1, hlc=waiting["hlc"], actor="cadre",
                                      action="update", table_name="visits", record_id=waiting["record"],
                                      data=json.dumps(waiting["data"]), sender=FIELD))
        session.add(Alias(table_name="households", alias_id=aliased["record"], canonical_id=str(uuid.uuid4()),
                          origin_node=FIELD, origin_seq=2))
    with rolled_back(hub) as conn:
        assert set(held_changes(conn, [waiting, aliased])) == {(FIELD, 1), (FIELD, 2)}
        assert fresh_changes(conn, [waiting, aliased], {}, hub.info.node_id) == []
        for other in (dict(waiting, data={"new": {"findings": "改写"}}), dict(aliased, record=str(uuid.uuid4()))):
            with pytest.raises(ChangeForbidden, match="other content"):
                fresh_changes(conn, [other], {}, hub.info.node_id)


def test_a_change_logged_with_its_links_rewritten_to_an_alias_is_the_same_change(hub):
    """The hub logs a laptop's visit under the household it held first (app/sync/merge/alias.py) and echoes it back
    so; the laptop, which does not know that alias yet, holds it under its own household: the same change. Any
    other difference is not."""
    mine = change(seq=3, action="insert", new={"household_id": str(uuid.uuid4()), "findings": "走访"})
    echoed = dict(mine, data={"new": dict(mine["data"]["new"], household_id=str(uuid.uuid4()))})
    with rolled_back(hub) as conn:
        hub.audit.append_remote(conn, [
            {"actor": "cadre", "action": "insert", "table_name": "visits", "record_id": mine["record"],
             "origin_node": FIELD, "origin_seq": 3, "hlc": mine["hlc"], "data": mine["data"]}])
        assert fresh_changes(conn, [echoed], {FIELD: 3}, hub.info.node_id) == []
        changed = dict(echoed, data={"new": dict(echoed["data"]["new"], findings="改写")})
        with pytest.raises(ChangeForbidden, match="other content"):
            fresh_changes(conn, [changed], {FIELD: 3}, hub.info.node_id)
