"""The ``integrity`` step: links to records not held and repeated unique values are found before the write, one
refusal per record, naming it."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from app.sync.merge.context import Row
from app.sync.merge.integrity import check_rows, foreign_keys, unique_keys

from .conftest import add_household, rolled_back


def test_the_rules_come_from_the_schema():
    assert ("village_id", "villages", "id") in foreign_keys()["households"]
    assert ("street_code", "streets", "code") in foreign_keys()["households"]
    assert ("head_citizen_id",) in unique_keys()["households"]
    assert ("street_code", "name") in unique_keys()["villages"]
    assert ("bank_id", "contract_no") in unique_keys()["loans"]


def visit(household: str, record: str | None = None) -> tuple[tuple[str, str], Row]:
    record = record or str(uuid.uuid4())
    values = {"id": record, "household_id": household}
    return ("visits", record), Row(values, is_new=True, dirty=set(values))


def test_a_link_to_a_record_not_held_is_refused_naming_the_row(hub):
    held = str(add_household(hub))
    good_key, good = visit(held)
    bad_key, bad = visit(str(uuid.uuid4()))
    new_household = str(uuid.uuid4())
    both_new = {("households", new_household): Row({"id": new_household, "street_code": "610111001",
                                                     "head_citizen_id": "x"}, True, {"id"})}
    child_key, child = visit(new_household)  # refers to a household the same merge inserts: fine
    with rolled_back(hub) as conn:
        problems = check_rows(conn, {good_key: good, bad_key: bad, child_key: child, **both_new})
    assert [p.key for p in problems] == [bad_key]
    assert "does not hold" in problems[0].message and problems[0].source  # kept untranslated for the list


def test_a_unique_value_another_record_holds_is_refused(hub):
    held = add_household(hub, n=6)
    with hub.read() as session:
        cid = session.execute(sa.text("select head_citizen_id from households where id = :i"),
                              {"i": held.hex}).scalar()
    record = str(uuid.uuid4())
    key = ("households", record)
    row = Row({"id": record, "head_citizen_id": cid, "street_code": "610111002"}, is_new=True,
              dirty={"id", "head_citizen_id", "street_code"})
    with rolled_back(hub) as conn:
        problems = check_rows(conn, {key: row})
        assert [p.key for p in problems] == [key] and "repeats the head_citizen_id" in problems[0].message
        # the held record giving the value up in the same merge makes room for it
        moved = Row({"id": str(held), "head_citizen_id": "610111195001010011"}, is_new=False,
                    dirty={"head_citizen_id"})
        assert check_rows(conn, {key: row, ("households", str(held)): moved}) == []
