"""The fast paths under imports give exactly what the plain paths give: the driver tuples of
app/db/bulk.py against SQLAlchemy's own insert, the cached JSON encoder of the audit log against
json.dumps, batched pinyin initials against one name at a time, time-ordered keys."""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from app.db.audit import _plain, canonical_json, verify_chain
from app.db.bulk import insert_rows
from app.db.ids import TimeOrderedIds
from app.domain.names import pinyin_initials, pinyin_initials_many
from app.models import Household, Member
from app.models.enums import LabourCapacity, PovertyStatus, Sex
from tests.unit.test_import_workbooks import make_id


def _household(i: int) -> dict:
    return {"id": uuid.uuid4(), "street_code": "610111001", "head_name": f"户主{i}", "head_citizen_id": make_id(i),
            "poverty_status": PovertyStatus.EXITED, "poverty_status_since": dt.date(2019, 1, i % 28 + 1),
            "created_at": dt.datetime(2026, 1, 2, 3, 4, 5, 678), "updated_at": dt.datetime(2026, 1, 2, 3, 4, 5, 678),
            "deleted": False, "hlc": f"{i:013d}-00000-n", "origin_node": "n"}


def test_insert_rows_stores_what_sqlalchemy_stores(store):
    fast = [_household(i) for i in range(1, 6)]
    plain = [_household(i) for i in range(6, 11)]
    plain[0].pop("poverty_status_since")  # a row may leave a column to its default
    table = Household.__table__
    with store.write() as session:
        conn = session.connection()
        conn.info["audit_ok"] = 1  # this test writes around the audit log on purpose
        insert_rows(conn, table, fast)
        conn.execute(sa.insert(table), plain[:1])
        conn.execute(sa.insert(table), plain[1:])
        stored = {row.head_name: row for row in conn.exec_driver_sql("SELECT * FROM households").mappings()}
    for mine, theirs in zip(fast, plain, strict=True):
        a, b = dict(stored[mine["head_name"]]), dict(stored[theirs["head_name"]])
        for column in ("id", "head_name", "head_citizen_id", "poverty_status_since", "hlc"):
            a.pop(column), b.pop(column)
        assert a == b
    assert stored["户主1"]["id"] == fast[0]["id"].hex  # the dialect's own UUID storage
    assert stored["户主1"]["poverty_status"] == "exited_poverty" and stored["户主1"]["group_name"] == ""


def test_bulk_insert_keeps_the_chain_and_the_rows(store):
    rows = [{"household_id": None, "name": f"成员{i}", "sex": Sex.FEMALE, "labour_capacity": LabourCapacity.NONE,
             "birth_date": dt.date(1990, 1, 1)} for i in range(3)]
    with store.write() as session:
        household = _household(1)
        store.audit.bulk_insert(session, Household, [household])
        for row in rows:
            row["household_id"] = household["id"]
        store.audit.bulk_insert(session, Member, rows)
    with store.read() as session:
        members = session.execute(sa.select(Member).order_by(Member.name)).scalars().all()
        assert [(m.name, m.sex, m.labour_capacity, m.birth_date) for m in members] == [
            (f"成员{i}", Sex.FEMALE, LabourCapacity.NONE, dt.date(1990, 1, 1)) for i in range(3)]
        assert verify_chain(session.connection()).problems == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
    | st.uuids() | st.dates() | st.datetimes() | st.binary(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_canonical_json_is_json_dumps(value):
    assert canonical_json(value) == json.dumps(value, default=_plain, ensure_ascii=False, sort_keys=True,
                                               separators=(",", ":"))


def test_pinyin_initials_in_batches_equal_one_at_a_time():
    rng = random.Random(7)
    common = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
              "长重乐单解区朴查盖翟")
    names = ["".join(rng.choice(common) for _ in range(rng.choice((2, 3, 4)))) for _ in range(3000)]
    names += ["王00001", "买买提·艾力", "A张B", "𠮷王", "张 三", "长江", "重庆", "单于", "银行", "长安", ""]
    assert pinyin_initials_many(names) == [pinyin_initials.__wrapped__(name) for name in names]


def test_time_ordered_keys():
    new_id = TimeOrderedIds()
    keys = [new_id() for _ in range(1000)]
    assert keys == sorted(keys) and len(set(keys)) == 1000
    assert {k.version for k in keys} == {7} and {k.variant for k in keys} == {uuid.RFC_4122}
    assert TimeOrderedIds()() != keys[0]
