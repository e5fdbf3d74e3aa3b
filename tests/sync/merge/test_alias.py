"""The ``alias`` step: an insert of a record held here under another id (by its natural key) becomes that record;
every change to the alias, or referring to it, follows it; only what differs goes on."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from app.models import Alias
from app.sync.merge.alias import ALIAS_OF, NATURAL_KEYS, NOT_ALIASED, alias_changes, links, rewrite, store_aliases
from app.sync.merge.integrity import unique_keys
from app.sync.tables import synced_models, table_of
from tests.sync.conftest import OTHER_STREET, STREET, citizen_id

from .conftest import FIELD, OTHER_FIELD, add_household, change, context, field_peer, logged, rolled_back


def household_insert(hub, seq=1, origin=FIELD, **values):
    """A household insert as a field node sends it: a real logged insert's values under a new id."""
    inserts = [c for c in logged(hub) if c["table"] == "households" and c["action"] == "insert"]
    if not inserts:
        add_household(hub, n=77)
        inserts = [c for c in logged(hub) if c["table"] == "households" and c["action"] == "insert"]
    base = inserts[0]["data"]["new"]
    new = dict(base, origin_node=origin, **values)
    return change(origin=origin, seq=seq, table="households", action="insert", new=new)


def test_every_unique_key_of_the_schema_has_a_rule():
    """A unique value of a synced table is either a natural key the step aliases, or deliberately not (photos):
    a new unique constraint fails here until someone decides which."""
    for table, keys in unique_keys().items():
        named = {tuple(sorted(k.columns)) for k in NATURAL_KEYS.get(table, ()) if k.enforced}
        named |= {tuple(sorted(k)) for k in NOT_ALIASED.get(table, ())}
        for key in keys:
            assert tuple(sorted(key)) in named, (table, key)
    for table, keys in NATURAL_KEYS.items():
        columns = table_of(synced_models()[table]).c
        for key in keys:
            assert set(key.columns) <= set(columns.keys()) and key.lookup in key.columns, (table, key)


def test_links_follow_foreign_keys_and_bare_ids():
    assert links()["households"]["village_id"] == "villages"
    assert links()["visits"]["household_id"] == "households"
    assert links()["loans"]["borrower_id"] == "members"
    assert links()["loans"]["enterprise_id"] == "enterprises"  # a bare UUID


def test_an_insert_of_a_held_household_becomes_an_update_of_what_differs(hub):
    held = add_household(hub, n=3)
    with hub.read() as session:
        cid = session.execute(sa.text("select head_citizen_id from households where id = :i"),
                              {"i": held.hex}).scalar()
    same = household_insert(hub, head_citizen_id=cid, head_name="户主3", phone="13911112222")
    visit = change(seq=2, table="visits", action="insert",
                   new={"household_id": same["record"], "origin_node": FIELD})
    with rolled_back(hub) as conn:
        result = alias_changes(context(conn, hub, field_peer()), [same, visit])
    assert [a["alias_id"] for a in result.aliases] == [same["record"]]
    assert result.aliases[0]["canonical_id"] == str(held) and result.aliases[0]["natural_key"] == "head_citizen_id"
    update, moved = result.changes
    assert update["action"] == "update" and update["record"] == str(held) and update[ALIAS_OF] == same["record"]
    assert update["data"]["new"] == {"phone": "13911112222"}  # the name is the same: only the phone goes on
    assert moved["data"]["new"]["household_id"] == str(held)
    assert visit["data"]["new"]["household_id"] == same["record"]  # the changes as they came are untouched


def test_an_identical_duplicate_goes_no_further_and_other_keys_stay_new(hub):
    held = add_household(hub, n=4)
    with hub.read() as session:
        row = session.execute(sa.text("select head_citizen_id, head_name from households where id = :i"),
                              {"i": held.hex}).one()
    same = household_insert(hub, head_citizen_id=row[0], head_name=row[1])
    other = household_insert(hub, seq=2, head_citizen_id=citizen_id(99_001))
    with rolled_back(hub) as conn:
        result = alias_changes(context(conn, hub, field_peer()), [same, other])
    assert result.aliased == 1 and result.changes == [other]


def test_a_household_of_another_street_with_the_same_id_is_not_aliased(hub):
    held = add_household(hub, street=OTHER_STREET, n=5)
    with hub.read() as session:
        cid = session.execute(sa.text("select head_citizen_id from households where id = :i"),
                              {"i": held.hex}).scalar()
    same_id = household_insert(hub, head_citizen_id=cid, street_code=STREET)
    with rolled_back(hub) as conn:
        result = alias_changes(context(conn, hub, field_peer()), [same_id])
    assert result.aliased == 0 and result.changes == [same_id]  # the integrity step refuses it into quarantine


def test_keys_not_enforced_alias_across_nodes_only(hub):
    household = str(uuid.uuid4())
    mine = change(seq=1, table="members", action="insert",
                  new={"household_id": household, "name": "王小", "citizen_id": None, "origin_node": FIELD})
    twin = change(seq=2, table="members", action="insert",
                  new={"household_id": household, "name": "王小", "citizen_id": None, "origin_node": FIELD})
    theirs = change(origin=OTHER_FIELD, seq=1, table="members", action="insert",
                    new={"household_id": household, "name": "王小", "citizen_id": None, "origin_node": OTHER_FIELD})
    with rolled_back(hub) as conn:
        result = alias_changes(context(conn, hub, field_peer()), [mine, twin, theirs])
    # two children of one household with the same name from one laptop are two people; the other laptop's is one
    assert [a["alias_id"] for a in result.aliases] == [theirs["record"]]
    assert [c["record"] for c in result.changes] == [mine["record"], twin["record"]]


def test_parents_are_aliased_before_their_children_and_aliases_are_remembered(hub):
    village = str(uuid.uuid4())
    first = change(seq=1, table="villages", action="insert",
                   new={"street_code": STREET, "name": "新村", "origin_node": FIELD})
    first["record"] = village
    second = change(origin=OTHER_FIELD, seq=1, table="villages", action="insert",
                    new={"street_code": STREET, "name": "新村", "origin_node": OTHER_FIELD})
    household = household_insert(hub, seq=2, origin=OTHER_FIELD, village_id=second["record"],
                                 head_citizen_id=citizen_id(99_002))
    with rolled_back(hub) as conn:
        result = alias_changes(context(conn, hub, field_peer()), [household, second, first])
    assert result.known[("villages", second["record"])] == village
    going = next(c for c in result.changes if c["table"] == "households")
    assert going["data"]["new"]["village_id"] == village
    with hub.write() as session:
        store_aliases(session, result.aliases)
    later = change(origin=OTHER_FIELD, seq=3, table="households", record=household["record"],
                   new={"village_id": second["record"]})
    with rolled_back(hub) as conn:
        again = alias_changes(context(conn, hub, field_peer()), [later])
    assert again.changes[0]["data"]["new"]["village_id"] == village
    with hub.read() as session:
        assert session.execute(sa.select(Alias.canonical_id)).scalars().all() == [village]


def test_rewrite_touches_only_links_to_aliased_records():
    original = change(table="visits", new={"household_id": "a", "loan_id": "b"}, old={"household_id": "c"})
    assert rewrite(original, {}) is original
    moved = rewrite(original, {("households", "a"): "A", ("households", "c"): "C", ("loans", "b"): "B"})
    assert moved["data"]["new"] == {"household_id": "A", "loan_id": "B"} and moved["data"]["old"] == {
        "household_id": "C"}
    assert original["data"]["new"]["household_id"] == "a"
