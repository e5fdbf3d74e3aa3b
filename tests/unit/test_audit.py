"""The audit/change log: every write recorded in the same transaction, hash-chained, append-only."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from sqlcipher3 import dbapi2

from app.models import AuditEntry, Bank, Household
from app.paths import NodePaths


def _entries(store, **where):
    with store.read() as session:
        query = sa.select(AuditEntry).order_by(AuditEntry.seq)
        for key, value in where.items():
            query = query.where(getattr(AuditEntry, key) == value)
        return session.execute(query).scalars().all()


def _add_household(store, name="赵六"):
    with store.write() as session:
        household = Household(street_code="610111001", head_name=name, head_citizen_id="11010519491231002X")
        session.add(household)
    return household


def test_insert_update_tombstone_are_logged_with_old_and_new(store):
    household = _add_household(store)
    with store.write() as session:
        session.get(Household, household.id).phone = "13912345678"
    with store.write() as session:
        session.get(Household, household.id).deleted = True
    entries = _entries(store, table_name="households")
    assert [e.action for e in entries] == ["insert", "update", "update"]
    assert all(e.actor == "admin" and e.node_id == store.info.node_id and not e.local for e in entries)
    assert [e.origin_seq for e in entries] == [1, 2, 3]
    update = json.loads(entries[1].data)
    assert update["old"]["phone"] == "" and update["new"]["phone"] == "13912345678"
    assert entries[0].hlc < entries[1].hlc < entries[2].hlc
    with store.read() as session:
        row = session.get(Household, household.id)
        assert row.hlc == entries[-1].hlc and row.updated_by == "admin" and row.created_by == "admin"
    assert store.check() == []


def test_hard_delete_of_synced_record_refused(store):
    household = _add_household(store)
    with pytest.raises(RuntimeError, match="tombstone"), store.write() as session:
        session.delete(session.get(Household, household.id))
    assert len(_entries(store, table_name="households")) == 1


def test_failed_transaction_leaves_no_entry(store):
    before = len(_entries(store))
    with pytest.raises(ValueError), store.write() as session:
        session.add(Bank(code="B1", name="测试银行"))
        session.flush()
        raise ValueError("user cancelled")
    assert len(_entries(store)) == before


@pytest.mark.parametrize("statement", [
    sa.update(Household).values(phone="1"),
    sa.delete(Household),
    sa.insert(Bank).values(id=None, code="x", name="y"),
])
def test_writes_around_the_log_are_refused(store, statement):
    _add_household(store)
    with pytest.raises(PermissionError), store.write() as session:
        session.execute(statement)


def test_raw_sql_around_the_log_is_refused(store):
    _add_household(store)
    with pytest.raises(PermissionError), store.write() as session:
        session.connection().exec_driver_sql("UPDATE households SET phone = '1'")
    with pytest.raises(PermissionError), store.write() as session:
        session.connection().exec_driver_sql("DELETE FROM audit_log")


def test_bulk_insert_is_logged(store):
    with store.write() as session:
        store.audit.bulk_insert(session, Bank, [{"code": f"B{i}", "name": f"银行{i}"} for i in range(50)])
    assert len(_entries(store, table_name="banks")) == 50
    assert store.check() == []


def test_local_events_do_not_travel(store):
    with store.write() as session:
        store.audit.event(session, "export", {"kind": "households", "rows": 3})
    entry = _entries(store, action="export")[0]
    assert entry.local and entry.origin_seq is None and entry.origin_node is None


def _raw(store):
    conn = dbapi2.connect(str(NodePaths(store.paths.root).database), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{store.data_key_for_backup.hex()}'\"")
    return conn


def test_edited_audit_row_is_detected_by_check(store):
    household = _add_household(store)
    with store.write() as session:
        session.get(Household, household.id).head_name = "赵六六"
    assert store.check() == []
    store.engine.dispose()
    conn = _raw(store)
    with pytest.raises(dbapi2.IntegrityError):  # the trigger keeps the log append-only
        conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE table_name = 'households'")
    # an attacker holding the key drops the trigger and rewrites history: the chain exposes it
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET data = replace(data, '赵六六', '钱七') WHERE table_name = 'households'")
    conn.close()
    # history before the last verified entry is the full check's to re-read (the routine check starts there)
    problems = store.check(full=True)
    assert any("altered" in p for p in problems)


def test_row_changed_behind_the_log_is_detected(store):
    _add_household(store)
    store.engine.dispose()
    conn = _raw(store)
    conn.execute("UPDATE households SET head_name = '假名', hlc = '0'")
    conn.close()
    assert any("outside the audit log" in p for p in store.check())


def test_deleted_audit_row_is_detected(store):
    _add_household(store)
    with store.write() as session:
        session.add(Bank(code="B", name="银行"))
    store.engine.dispose()
    conn = _raw(store)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE table_name = 'households'")
    conn.close()
    problems = store.check()
    assert any("gap" in p or "altered" in p for p in problems)


def test_failed_flush_does_not_leave_the_guard_open(store):
    _add_household(store)
    with pytest.raises(sa.exc.IntegrityError), store.write() as session:  # duplicate citizen ID
        session.add(Household(street_code="610111001", head_name="重复", head_citizen_id="11010519491231002X"))
    for _ in range(6):  # every pooled connection refuses raw writes again
        with pytest.raises(PermissionError), store.write() as session:
            session.connection().exec_driver_sql("UPDATE households SET phone = '2'")
