"""The ``scope`` step: ownership per change (who may write what) and, at the hub, the sender's street."""

from __future__ import annotations

import uuid

import pytest

from app.models.enums import NodeRole
from app.sync.merge.authorize import authorize
from app.sync.merge.context import ChangeRefused, load_rows
from app.sync.merge.ownership import check_change
from tests.sync.conftest import OTHER_STREET, STREET

from .conftest import FIELD, OTHER_FIELD, add_household, change, context, field_peer, rolled_back

HUB = "40b00000-0000-4000-8000-000000000000"


def verdict(item, row_origin=None, at_hub=True):
    return check_change(item, hub_id=HUB, at_hub=at_hub, row_origin=row_origin, sender_name="f1e1d000")


def test_ownership_per_table():
    new_household = change(table="households", action="insert", new={"origin_node": FIELD})
    assert verdict(new_household) == "apply"  # a household found in the field
    assert verdict(change(table="households", new={"phone": "1"}), row_origin=HUB) == "proposal"
    assert verdict(change(origin=HUB, table="households", new={"phone": "1"}), row_origin=HUB) == "apply"
    assert verdict(change(table="visits", action="insert", new={"origin_node": FIELD})) == "apply"
    assert verdict(change(table="visits", new={"signed_off_by": "sup", "updated_at": "x"}), row_origin=FIELD) == "apply"
    assert verdict(change(table="visits", new={"deleted": True}), row_origin=FIELD) == "apply"
    assert verdict(change(table="attachments", action="insert"), row_origin=OTHER_FIELD) == "apply"
    assert verdict(change(origin=HUB, table="loans", new={"amount_fen": 1}), row_origin=HUB) == "apply"


@pytest.mark.parametrize(("item", "row_origin", "words"), [
    (change(table="loans", action="insert", new={}), None, "only the bank"),
    (change(table="households", new={"phone": "1"}), HUB, "only the hub"),  # at a field node: no proposals
    (change(table="visits", action="insert", new={"origin_node": OTHER_FIELD}), None, "in the name of another"),
    (change(table="visits", new={"findings": "改写"}), FIELD, "overwrites the submitted record"),
    (change(table="visits", new={"deleted": True}), OTHER_FIELD, "overwrites the submitted record"),
    (change(table="anomaly_steps", new={"note": "x"}), OTHER_FIELD, "made by another node"),
])
def test_writes_the_sender_may_not_make_are_refused_naming_the_record(item, row_origin, words):
    with pytest.raises(ChangeRefused, match=words) as info:
        verdict(item, row_origin, at_hub=words != "only the hub")
    assert info.value.key == (item["table"], item["record"])
    assert item["record"] in str(info.value)


def test_a_bundle_is_sorted_into_changes_to_apply_and_proposals(hub):
    held = str(add_household(hub))
    found = change(seq=1, table="households", action="insert",
                   new={"street_code": STREET, "origin_node": FIELD, "head_name": "新户"})
    visit = change(seq=2, table="visits", action="insert", new={"household_id": held, "origin_node": FIELD})
    signed = change(seq=3, table="visits", record=visit["record"], new={"sign_off_note": "ok"})
    phone = change(seq=4, table="households", record=held, new={"phone": "13900000000"})
    fresh = [phone, signed, found, visit]  # checked in sequence order, whatever the bundle order
    with rolled_back(hub) as conn:
        ctx = context(conn, hub, field_peer())
        result = authorize(ctx, fresh, load_rows(conn, ctx.models, fresh))
    assert result.to_apply == [found, visit, signed]  # the visit's sign-off: its creator, in the same bundle
    assert result.proposals == [phone]


def test_at_the_hub_a_change_outside_the_senders_street_is_refused(hub):
    elsewhere = str(add_household(hub, street=OTHER_STREET, n=2))
    cases = [
        change(table="households", action="insert", new={"street_code": OTHER_STREET, "origin_node": FIELD}),
        change(table="visits", action="insert", new={"household_id": elsewhere, "origin_node": FIELD}),
        change(table="villages", action="insert", new={"origin_node": FIELD}),  # hub-owned without a street
    ]
    for item in cases:
        with rolled_back(hub) as conn:
            ctx = context(conn, hub, field_peer())
            with pytest.raises(ChangeRefused, match="outside its street") as info:
                authorize(ctx, [item], load_rows(conn, ctx.models, [item]))
        assert info.value.key == (item["table"], item["record"])


def test_a_field_node_takes_its_hubs_relays_of_any_street(make_node, tmp_path):
    field = make_node(role="field", folder=tmp_path / "field")[0]
    hub_peer = field_peer(node_id=HUB, street="")
    hub_peer.role = NodeRole.HUB
    relayed = change(origin=OTHER_FIELD, table="visits", action="insert",
                     new={"household_id": str(uuid.uuid4()), "origin_node": OTHER_FIELD})
    with rolled_back(field) as conn:
        ctx = context(conn, field, hub_peer)
        assert authorize(ctx, [relayed], {}).to_apply == [relayed]


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
