"""The ``scope`` step: ownership per change (who may write what: the table of app/models/ownership.py, per field
and per state) and, at the hub, the sender's street for every link of the row."""

from __future__ import annotations

import uuid

import pytest

from app.domain.attachments import attachment_id_for
from app.models.enums import NodeRole
from app.sync.merge.authorize import authorize
from app.sync.merge.context import ChangeRefused, load_rows
from app.sync.merge.epochs import Epochs
from app.sync.merge.ownership import Writer, check_change
from tests.sync.conftest import OTHER_STREET, STREET

from .conftest import FIELD, OTHER_FIELD, add_household, change, context, field_peer, rolled_back

HUB = "40b00000-0000-4000-8000-000000000000"


def verdict(item, row=None, at_hub=True):
    writer = Writer(at_hub=at_hub, from_hub=item["origin"] == HUB, epochs=Epochs(), sender_name="f1e1d000")
    return check_change(item, row, writer)


def held(origin=FIELD, **values):
    return {"origin_node": origin, **values}


def test_ownership_per_table():
    new_household = change(table="households", action="insert", new={"origin_node": FIELD})
    assert verdict(new_household) == "apply"  # a household found in the field
    assert verdict(change(table="households", new={"phone": "1"}), held(HUB)) == "proposal"
    assert verdict(change(origin=HUB, table="households", new={"phone": "1"}), held(HUB)) == "apply"
    assert verdict(change(table="visits", action="insert", new={"origin_node": FIELD})) == "apply"
    assert verdict(change(table="visits", new={"deleted": True}), held(deleted=False)) == "apply"
    assert verdict(change(origin=HUB, table="visits", new={"signed_off_by": "sup"}), held()) == "apply"
    assert verdict(change(origin=HUB, table="loans", new={"amount_fen": 1}), held(HUB)) == "apply"
    assert verdict(change(table="anomalies", new={"status": "acknowledged"}, old={"status": "reported"}),
                   held(status="reported")) == "apply"


@pytest.mark.parametrize(("item", "row", "words"), [
    (change(table="loans", action="insert", new={"origin_node": FIELD}), None, "only Bank officer at the hub"),
    (change(table="households", new={"phone": "1"}), held(HUB), "only the hub"),  # at a field node: no proposals
    (change(table="visits", action="insert", new={"origin_node": OTHER_FIELD}), None, "in the name of another"),
    (change(table="visits", new={"findings": "改写"}), held(), "overwrites the submitted record"),
    (change(table="visits", new={"deleted": True}), held(OTHER_FIELD), "made by another node"),
    (change(table="anomaly_steps", new={"note": "x"}), held(OTHER_FIELD), "written once"),
    # 16.2: sign-off, approval, execution, payments and fund entries only by their roles, only at the hub
    (change(table="use_checks", new={"signed_off_by": "supervisor1"}), held(), "which only Supervisor at the hub"),
    (change(table="use_checks", action="insert", new={"origin_node": FIELD, "signed_off_by": "supervisor1"}), None,
     "sets signed_off_by"),
    (change(table="disposals", action="insert", new={"origin_node": FIELD, "status": "executed"}), None,
     "creates disposals record"),
    (change(table="dividend_payments", action="insert", new={"origin_node": FIELD}), None, "District staff at the hub"),
    (change(table="fund_contributions", action="insert", new={"origin_node": FIELD}), None, "District staff"),
    (change(table="anomalies", new={"status": "closed"}, old={"status": "resolved"}), held(status="resolved"),
     "from \"resolved\" to \"closed\""),
    (change(table="anomalies", action="insert", new={"origin_node": FIELD, "status": "closed"}), None,
     "in the state \"closed\""),
])
def test_writes_the_sender_may_not_make_are_refused_naming_the_record(item, row, words):
    with pytest.raises(ChangeRefused, match=words) as info:
        verdict(item, row, at_hub=words != "only the hub")
    assert info.value.key == (item["table"], item["record"])
    assert item["record"] in str(info.value)


def test_a_photo_is_never_replaced():
    """16.3: a re-sent photo with the content held is skipped; other bytes under its name are refused."""
    sha = "a" * 64
    row = held(OTHER_FIELD, sha256=sha, data={"sha256": sha, "size": 3}, size=3, mime="image/jpeg",
               original_name="a.jpg")
    record = str(attachment_id_for(sha))
    same = change(table="attachments", action="insert", record=record,
                  new={**row, "origin_node": FIELD, "original_name": "b.jpg"})
    assert verdict(same, row) == "skip"
    other = change(table="attachments", action="insert", record=record,
                   new={**row, "origin_node": FIELD, "data": {"sha256": "b" * 64, "size": 3}})
    with pytest.raises(ChangeRefused, match="other content"):
        verdict(other, row)
    with pytest.raises(ChangeRefused, match="other content"):  # not even from the hub
        verdict(dict(other, origin=HUB), row)
    with pytest.raises(ChangeRefused, match="other content"):
        verdict(change(table="attachments", record=record, new={"data": {"sha256": "b" * 64, "size": 3}}), row)


def test_a_bundle_is_sorted_into_changes_to_apply_and_proposals(hub):
    held_id = str(add_household(hub))
    found = change(seq=1, table="households", action="insert",
                   new={"street_code": STREET, "origin_node": FIELD, "head_name": "新户"})
    visit = change(seq=2, table="visits", action="insert", new={"household_id": held_id, "origin_node": FIELD})
    deleted = change(seq=3, table="visits", record=visit["record"], new={"deleted": True})
    phone = change(seq=4, table="households", record=held_id, new={"phone": "13900000000"})
    fresh = [phone, deleted, found, visit]  # checked in sequence order, whatever the bundle order
    with rolled_back(hub) as conn:
        ctx = context(conn, hub, field_peer())
        result = authorize(ctx, fresh, load_rows(conn, ctx.models, fresh))
    assert result.to_apply == [found, visit, deleted]  # the visit's tombstone: its creator, in the same bundle
    assert result.proposals == [phone]


def test_at_the_hub_a_change_outside_the_senders_street_is_refused(hub):
    elsewhere = str(add_household(hub, street=OTHER_STREET, n=2))
    cases = [
        change(table="households", action="insert", new={"street_code": OTHER_STREET, "origin_node": FIELD}),
        change(table="visits", action="insert", new={"household_id": elsewhere, "origin_node": FIELD}),
        change(table="villages", action="insert", new={"origin_node": FIELD}),  # hub-kept without a street
    ]
    for item in cases:
        with rolled_back(hub) as conn:
            ctx = context(conn, hub, field_peer())
            with pytest.raises(ChangeRefused, match=r"outside its street|to a record of another street") as info:
                authorize(ctx, [item], load_rows(conn, ctx.models, [item]))
        assert info.value.key == (item["table"], item["record"])


def test_every_link_of_a_row_is_checked_for_the_street(hub):
    """16.4: a maturity assessment pairing the sender's household with another street's loan is refused (the
    scope once followed the first link only)."""
    mine = str(add_household(hub, n=3))
    theirs = str(add_household(hub, street=OTHER_STREET, n=4))
    loan = change(origin=HUB, table="loans", action="insert", record=str(uuid.uuid4()),
                  new={"household_id": theirs, "street_code": OTHER_STREET, "origin_node": HUB})
    assessment = change(table="maturity_assessments", action="insert",
                        new={"household_id": mine, "loan_id": loan["record"], "origin_node": FIELD})
    with rolled_back(hub) as conn:
        ctx = context(conn, hub, field_peer())
        rows = load_rows(conn, ctx.models, [assessment])
        from app.sync.merge.authorize import scope_resolver

        resolver = scope_resolver(ctx, rows, [assessment])
        resolver.pending[("loans", loan["record"])] = loan["data"]["new"]
        from app.sync.merge.authorize import check_scope

        with pytest.raises(ChangeRefused, match="through loan_id to a record of another street"):
            check_scope(resolver, assessment, assessment["data"]["new"], STREET, "f1e1d000")


def test_a_field_node_takes_its_hubs_relays_of_any_street(make_node, tmp_path):
    field = make_node(role="field", folder=tmp_path / "field")[0]
    hub_peer = field_peer(node_id=HUB, street="")
    hub_peer.role = NodeRole.HUB
    relayed = change(origin=OTHER_FIELD, table="visits", action="insert",
                     new={"household_id": str(uuid.uuid4()), "origin_node": OTHER_FIELD})
    with rolled_back(field) as conn:
        ctx = context(conn, field, hub_peer)
        assert authorize(ctx, [relayed], {}).to_apply == [relayed]


def test_every_synced_table_has_its_row_in_the_ownership_table():
    """A new synced table must say who writes it (app/models/ownership.py), or the merge could not decide."""
    from app.models.ownership import OWNERSHIP
    from app.sync.tables import synced_models

    assert set(synced_models()) == set(OWNERSHIP)


def test_a_relayed_record_and_the_hubs_change_to_it_in_one_bundle_apply_whatever_their_order(make_node, tmp_path):
    """Issue 17 (found by the simulator): the hub signs off a laptop's visit and relays both to another laptop of
    the street in one bundle; the hub's origin sorts before the laptop's, so its update was checked before the
    insert that creates the record and the whole bundle was refused ("in the name of another node")."""
    field = make_node(role="field", folder=tmp_path / "field")[0]
    hub_peer = field_peer(node_id=HUB, street="")
    hub_peer.role = NodeRole.HUB
    visit = change(origin=OTHER_FIELD, seq=5, table="visits", action="insert",
                   new={"household_id": str(uuid.uuid4()), "origin_node": OTHER_FIELD})
    signed = change(origin=HUB, seq=1, table="visits", record=visit["record"], new={"signed_off_by": "supervisor"})
    with rolled_back(field) as conn:
        ctx = context(conn, field, hub_peer)
        assert authorize(ctx, [visit, signed], {}).to_apply == [signed, visit]
