"""The ``merge`` step: per field, last writer wins by stamp, and every losing value is kept as a conflict."""

from __future__ import annotations

import json

from app.models import Household
from app.sync.merge.context import Row, load_rows
from app.sync.merge.fields import clock_conflicts, merge_change, merge_changes, newer_fields
from app.sync.tables import synced_models

from .conftest import FIELD, NOW_MS, OTHER_FIELD, add_household, change, logged, rolled_back, stamp

KEY = ("visits", "0f8fad5b-d9cb-469f-a165-70867728950e")


def held(**values) -> dict:
    return {KEY: Row({"id": KEY[1], "hlc": stamp(NOW_MS, FIELD), **values}, is_new=False)}


def test_an_insert_of_a_new_record_becomes_a_new_row():
    current: dict = {}
    insert = change(table=KEY[0], record=KEY[1], action="insert", new={"findings": "走访", "origin_node": FIELD})
    conflicts: list = []
    merge_change(None, current, insert, conflicts, "b1")
    row = current[KEY]
    assert row.is_new and row.values == {"findings": "走访", "origin_node": FIELD, "id": KEY[1],
                                         "hlc": insert["hlc"]}
    assert row.dirty == set(row.values) and conflicts == []


def test_an_update_of_a_record_not_held_is_kept_as_a_missing_record():
    update = change(table=KEY[0], record=KEY[1], new={"sign_off_note": "ok"})
    conflicts = merge_changes(None, {}, [update], "b1")
    assert conflicts == [{"kind": "missing_record", "table_name": "visits", "record_id": KEY[1],
                          "loser_value": '{"sign_off_note": "ok"}', "loser_hlc": update["hlc"], "loser_node": FIELD,
                          "bundle_id": "b1"}]


def test_a_newer_change_wins_and_keeps_a_value_its_author_had_not_seen():
    current = held(sign_off_note="here", status="open", created_by="a")
    newer = change(origin=OTHER_FIELD, table=KEY[0], record=KEY[1], millis=NOW_MS + 1,
                   new={"sign_off_note": "there", "status": "closed", "created_by": "b", "updated_at": "t"},
                   old={"sign_off_note": "before", "status": "open", "updated_at": "s"})
    conflicts = merge_changes(None, current, [newer], "b1")
    row = current[KEY]
    assert row.values["sign_off_note"] == "there" and row.values["status"] == "closed"
    assert row.values["created_by"] == "a"  # fixed at creation
    assert row.values["hlc"] == newer["hlc"] and row.dirty == {"sign_off_note", "status", "updated_at", "hlc"}
    assert [(c["field"], json.loads(c["winner_value"]), json.loads(c["loser_value"]), c["loser_node"])
            for c in conflicts] == [("sign_off_note", "there", "here", FIELD)]


def test_changes_merge_in_stamp_order_whatever_their_order():
    first = change(table=KEY[0], record=KEY[1], millis=NOW_MS + 1, new={"status": "a"})
    second = change(table=KEY[0], record=KEY[1], millis=NOW_MS + 2, new={"status": "b"})
    current = held(status="")
    merge_changes(None, current, [second, first], "b1")
    assert current[KEY].values["status"] == "b"


def test_an_older_change_writes_only_what_no_newer_change_touched(hub):
    base = hub.clock._wall() + 1000  # the clock never runs back: ahead of whatever it stamped so far
    hub.clock._wall = lambda: base
    household = add_household(hub)
    hub.clock._wall = lambda: base + 10
    with hub.write() as session:
        session.get(Household, household).phone = "13800000000"  # a newer change, logged here
    record = str(household)
    key = ("households", record)
    older = change(table="households", record=record, millis=base + 5,  # after the insert, before the update
                   new={"phone": "13911111111", "address": "新地址", "updated_by": "x"})
    with rolled_back(hub) as conn:
        current = load_rows(conn, synced_models(), [older])
        assert "phone" in newer_fields(conn, key, older["hlc"])
        conflicts = merge_changes(conn, current, [older], "b1")
    row = current[key]
    assert row.values["phone"] == "13800000000" and row.values["address"] == "新地址"
    assert row.dirty == {"address"} and row.values["hlc"] == logged(hub)[-1]["hlc"]
    assert [(c["field"], c["winner_value"], c["loser_value"]) for c in conflicts] == [
        ("phone", '"13800000000"', '"13911111111"')]


def test_far_ahead_stamps_become_clock_conflicts():
    assert clock_conflicts([KEY], "b1") == [{"kind": "clock_ahead", "table_name": "visits", "record_id": KEY[1],
                                            "bundle_id": "b1"}]
