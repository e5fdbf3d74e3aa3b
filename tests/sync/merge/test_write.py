"""The ``write`` step: merged rows converted, checked against their columns, and written with executemany."""

from __future__ import annotations

import itertools
import uuid

import pytest
import sqlalchemy as sa

from app.models import Household
from app.sync.merge.context import ChangeRefused, Row
from app.sync.merge.write import column_defaults, prepare_rows, write_rows
from app.sync.tables import synced_models, table_of
from tests.sync.conftest import citizen_id

from .conftest import FIELD, add_household, logged, rolled_back, stamp

MODELS = synced_models()
_serial = itertools.count(424_242)


def new_household(hub, **values) -> tuple[tuple[str, str], Row]:
    """A household as a bundle inserts it: the values of a real logged insert, under a new id."""
    inserts = [c for c in logged(hub) if c["action"] == "insert" and c["table"] == "households"]
    if not inserts:
        add_household(hub, n=9)
        inserts = [c for c in logged(hub) if c["action"] == "insert" and c["table"] == "households"]
    record = str(uuid.uuid4())
    row = dict(inserts[0]["data"]["new"], id=record, head_citizen_id=citizen_id(next(_serial)), origin_node=FIELD,
               hlc=stamp(1_714_521_600_000, FIELD), **values)
    return ("households", record), Row(row, is_new=True, dirty=set(row))


def test_inserts_and_updates_land_in_their_tables(hub):
    held = add_household(hub)
    key, row = new_household(hub, head_name="新户")
    current = {key: row,
               ("households", str(held)): Row({"id": str(held), "phone": "13900000000", "head_name": "不写"},
                                              is_new=False, dirty={"phone"})}
    with rolled_back(hub) as conn:
        write_rows(conn, MODELS, current, {})
        table = table_of(Household)
        names = dict(conn.execute(sa.select(table.c.id, table.c.head_name)).all())
        phone = conn.execute(sa.select(table.c.phone).where(table.c.id == held)).scalar()
    assert names[uuid.UUID(key[1])] == "新户" and phone == "13900000000"
    assert names[held] != "不写"  # only the dirty fields are written


def test_prepared_rows_are_grouped_by_table_and_columns(hub):
    (k1, r1), (k2, r2) = new_household(hub), new_household(hub)
    held = str(uuid.uuid4())
    prepared = prepare_rows(MODELS, {k1: r1, k2: r2, ("households", held): Row({"phone": "1"}, False, {"phone"}),
                                     ("visits", str(uuid.uuid4())): Row({}, False)}, {})
    (insert_key, inserted), = prepared.inserts.items()
    assert insert_key[0] == "households" and len(inserted) == 2
    assert dict(prepared.updates) == {("households", ("phone",)): [("1", uuid.UUID(held).hex)]}
    assert set(prepared.tables) == {"households"}  # rows that nothing changed are not touched


def test_an_insert_missing_values_takes_the_column_defaults(hub):
    key, row = new_household(hub)
    for name in ("note", "address", "deleted"):
        del row.values[name]
    fill, required, _made = column_defaults(table_of(Household))
    assert {"note", "address", "deleted"} <= fill.keys() and "head_name" in required
    with rolled_back(hub) as conn:
        write_rows(conn, MODELS, {key: row}, {})
        written = conn.execute(sa.select(table_of(Household).c.note)
                               .where(table_of(Household).c.id == uuid.UUID(key[1]))).scalar()
    assert written == ""
    del row.values["head_name"]
    with pytest.raises(ChangeRefused, match="does not fit"):
        prepare_rows(MODELS, {key: row}, {})


@pytest.mark.parametrize(("values", "words"), [
    ({"street_code": 610111001}, "does not fit households record"),
    ({"poverty_status": "rich"}, "does not fit households record"),
    ({"created_at": "yesterday"}, "does not fit households record"),
])
def test_a_value_that_does_not_fit_refuses_naming_the_record(hub, values, words):
    key, row = new_household(hub, **values)
    with pytest.raises(ChangeRefused, match=words) as info:
        prepare_rows(MODELS, {key: row}, {})
    assert info.value.key == key and key[1] in str(info.value)


def test_an_attachment_the_bundle_does_not_carry_is_refused():
    record = str(uuid.uuid4())
    row = Row({"id": record, "data": {"sha256": "ab" * 32, "size": 3}}, is_new=False, dirty={"data"})
    with pytest.raises(ChangeRefused, match="does not carry it") as info:
        prepare_rows(MODELS, {("attachments", record): row}, {})
    assert info.value.key == ("attachments", record)
    prepared = prepare_rows(MODELS, {("attachments", record): row}, {"ab" * 32: b"abc"})
    assert list(prepared.updates.values()) == [[(b"abc", uuid.UUID(record).hex)]]
