"""The encrypted store: node creation, login, lock-out, password change, recovery, settings, bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from app import settings
from app.db.keyring import MAX_FAILURES
from app.db.store import NodeInfo, Store
from app.errors import AuthError, NotANodeError, PermissionDenied, StoreError, ValidationError
from app.models import AuditEntry, Household, User
from app.paths import NodePaths
from tests.conftest import ADMIN, FAST_KDF, PASSWORD


def _household(**kw):
    values = dict(street_code="610111001", head_name="王五", head_citizen_id="11010519491231002X")
    values.update(kw)
    return Household(**values)


def test_create_and_reopen(store, node_dir):
    with store.write() as session:
        session.add(_household())
    store.close()
    again = Store.open(node_dir, ADMIN, PASSWORD)
    with again.read() as session:
        assert session.execute(sa.select(Household.head_name)).scalar_one() == "王五"
    assert again.user.role == "admin"
    assert again.check() == []
    again.engine.dispose()


def test_node_files_are_private(store, node_dir):
    for name in ("node.json", "keyring.json", "fieldbook.db"):
        assert (node_dir / name).stat().st_mode & 0o077 == 0, name


def test_wrong_password_and_unknown_user(store, node_dir):
    with pytest.raises(AuthError, match="Wrong user name or password"):
        Store.open(node_dir, ADMIN, "not the password")
    with pytest.raises(AuthError, match="Wrong user name or password"):
        Store.open(node_dir, "nobody", PASSWORD)


def test_delay_then_lockout(store, node_dir):
    now = dt.datetime(2026, 1, 1, 12, 0, 0)
    for attempt in range(MAX_FAILURES):
        with pytest.raises(AuthError):
            Store.open(node_dir, ADMIN, "bad", now=now + dt.timedelta(minutes=attempt))
    # even the right password is refused while locked
    with pytest.raises(AuthError, match="locked"):
        Store.open(node_dir, ADMIN, PASSWORD, now=now + dt.timedelta(minutes=10))
    opened = Store.open(node_dir, ADMIN, PASSWORD, now=now + dt.timedelta(minutes=40))
    opened.engine.dispose()


def test_delay_after_third_failure(store, node_dir):
    now = dt.datetime(2026, 1, 1, 12, 0, 0)
    for _ in range(3):
        with pytest.raises(AuthError):
            Store.open(node_dir, ADMIN, "bad", now=now)
    with pytest.raises(AuthError, match="wait"):
        Store.open(node_dir, ADMIN, PASSWORD, now=now + dt.timedelta(seconds=1))


def test_password_change_rewraps_without_reencrypting(store, node_dir):
    db = NodePaths(node_dir).database
    before = db.read_bytes()[:16]  # SQLCipher keeps its per-file salt here; a rekey would change it
    store.change_password(PASSWORD, "a new password", kdf=FAST_KDF)
    store.close()
    with pytest.raises(AuthError):
        Store.open(node_dir, ADMIN, PASSWORD)
    again = Store.open(node_dir, ADMIN, "a new password")
    again.engine.dispose()
    assert db.read_bytes()[:16] == before


def test_recovery_code_opens_the_data(make_node, node_dir):
    store, recovery = make_node()
    with store.write() as session:
        session.add(_household())
    store.close()
    with pytest.raises(AuthError):
        Store.reset_password_with_recovery(node_dir, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", ADMIN, "whatever12")
    reopened = Store.reset_password_with_recovery(node_dir, recovery.lower().replace("-", " "), ADMIN,
                                                  "brand new pw", kdf=FAST_KDF)
    with reopened.read() as session:
        assert session.execute(sa.select(sa.func.count(Household.id))).scalar_one() == 1
    reopened.engine.dispose()
    Store.open(node_dir, ADMIN, "brand new pw").engine.dispose()


def test_users_and_roles(store, node_dir):
    store.add_user("cadre1", "field", "cadre pass", kdf=FAST_KDF)
    with pytest.raises(ValidationError):
        store.add_user("cadre1", "field", "cadre pass", kdf=FAST_KDF)
    with pytest.raises(ValidationError):
        store.add_user("short", "field", "123", kdf=FAST_KDF)
    cadre = Store.open(node_dir, "cadre1", "cadre pass")
    assert cadre.user.role == "field"
    with pytest.raises(PermissionDenied):
        cadre.add_user("x", "field", "password1", kdf=FAST_KDF)
    with pytest.raises(PermissionDenied):
        cadre.set_setting(settings.IDLE_LOCK_MINUTES, 5)
    cadre.engine.dispose()
    store.set_user_active("cadre1", False)
    with pytest.raises(AuthError, match="not active"):
        Store.open(node_dir, "cadre1", "cadre pass")


def test_settings_typed_and_audited(store):
    assert store.setting(settings.IDLE_LOCK_MINUTES) == 10
    assert store.setting(settings.ENTERPRISE_USE_CUTOFF) == dt.date(2017, 11, 30)
    store.set_setting(settings.IDLE_LOCK_MINUTES, "15")
    store.set_setting(settings.ENTERPRISE_USE_CUTOFF, "2018-01-31")
    assert store.setting(settings.IDLE_LOCK_MINUTES) == 15
    assert store.setting(settings.ENTERPRISE_USE_CUTOFF) == dt.date(2018, 1, 31)
    with pytest.raises(ValidationError, match="at least"):
        store.set_setting(settings.IDLE_LOCK_MINUTES, 0)
    with pytest.raises(ValidationError):
        store.set_setting(settings.SUBSTANDARD_DAYS, "ninety")
    with store.read() as session:
        entries = session.execute(sa.select(AuditEntry).where(AuditEntry.table_name == "settings")
                                   .order_by(AuditEntry.seq)).scalars().all()
    assert len(entries) == 2 and all(e.local for e in entries)
    assert json.loads(entries[-1].data)["new"]["value"] == '"2018-01-31"'
    store.set_setting(settings.LANGUAGE, "en")
    assert NodeInfo.load(store.paths).language == "en"


def test_not_a_node(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "hello.txt").write_text("hi")
    with pytest.raises(NotANodeError):
        Store.open(tmp_path / "x", ADMIN, PASSWORD)
    (tmp_path / "x" / "node.json").write_text("{not json")
    with pytest.raises(NotANodeError):
        Store.open(tmp_path / "x", ADMIN, PASSWORD)


def test_create_refuses_existing_or_bad(store, node_dir, tmp_path):
    with pytest.raises(StoreError):
        Store.create(node_dir, "field", "x", "610111001", ADMIN, PASSWORD, kdf=FAST_KDF)
    with pytest.raises(ValidationError):
        Store.create(tmp_path / "n2", "field", "x", None, ADMIN, PASSWORD, kdf=FAST_KDF)
    with pytest.raises(ValidationError):
        Store.create(tmp_path / "n3", "field", "x", "999999999", ADMIN, PASSWORD, kdf=FAST_KDF)
    assert not (tmp_path / "n3" / "node.json").exists()


def test_newer_database_refused_and_untouched(store, node_dir):
    store.close()
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    store.engine.dispose()
    before = (node_dir / "fieldbook.db").read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        Store.open(node_dir, ADMIN, PASSWORD)
    assert (node_dir / "fieldbook.db").read_bytes() == before


@pytest.mark.parametrize("damage", ["truncate", "garbage", "zero"])
def test_damaged_database_gives_clear_error(store, node_dir, damage):
    store.close()
    store.engine.dispose()
    db = node_dir / "fieldbook.db"
    for extra in ("fieldbook.db-wal", "fieldbook.db-shm"):
        (node_dir / extra).unlink(missing_ok=True)
    data = db.read_bytes()
    if damage == "truncate":
        db.write_bytes(data[:1000])
    elif damage == "garbage":
        db.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))
    else:
        db.write_bytes(b"")
    with pytest.raises((StoreError, AuthError)):
        opened = Store.open(node_dir, ADMIN, PASSWORD)
        problems = opened.check()
        opened.engine.dispose()
        if problems:
            raise StoreError("check found problems")


def test_disk_full_maps_to_clear_message(store, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from app.db.store import _store_error

    err = _store_error(OperationalError("INSERT", {}, Exception("database or disk is full")))
    assert "disk is full" in str(err)
    err = _store_error(OperationalError("INSERT", {}, Exception("attempt to write a readonly database")))
    assert "read-only" in str(err)


def test_user_row_written_once(store):
    with store.read() as session:
        assert session.execute(sa.select(sa.func.count(User.id))).scalar_one() == 1


def _limit_connections(store, pragma):
    from sqlalchemy import event

    store.engine.dispose()
    event.listen(store.engine, "connect", lambda dbapi_conn, record: dbapi_conn.execute(pragma).fetchall())


def test_full_disk_gives_clear_message_and_keeps_data(store):
    with store.write() as session:
        session.add(_household())
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    _limit_connections(store, f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="disk is full"), store.write() as session:
        for i in range(2000):
            session.add(Household(street_code="610111001", head_name=f"户{i}", head_citizen_id=f"X{i:017d}",
                                  note="x" * 500))
    with store.read() as session:
        assert session.execute(sa.select(sa.func.count(Household.id))).scalar_one() == 1
    assert store.check() == []


def test_read_only_database_gives_clear_message(store):
    _limit_connections(store, "PRAGMA query_only = ON")
    with pytest.raises(StoreError, match="read-only"), store.write() as session:
        session.add(_household())


def test_another_user_logs_in_on_the_open_node_with_one_clock(store):
    """Store.as_user: the same database, engine and hybrid clock, the other user's name and permissions in the
    log; a second Store.open in the same process would keep a second clock that can stamp out of order."""
    store.add_user("cadre1", "field", "cadre pass", kdf=FAST_KDF)
    with pytest.raises(AuthError):
        store.as_user("cadre1", "wrong pass")
    cadre = store.as_user("cadre1", "cadre pass")
    assert cadre.user.username == "cadre1" and cadre.user.role == "field" and store.user.username == ADMIN
    assert cadre.clock is store.clock and cadre.engine is store.engine
    with pytest.raises(PermissionDenied):
        cadre.set_setting(settings.IDLE_LOCK_MINUTES, 5)
    with cadre.write() as session:
        session.add(_household())
    with store.write() as session:
        session.add(_household(head_citizen_id="610111195001010011"))
    with store.read() as session:
        entries = session.execute(sa.select(AuditEntry.actor, AuditEntry.hlc).where(
            AuditEntry.table_name == "households").order_by(AuditEntry.seq)).all()
    assert [actor for actor, _ in entries] == ["cadre1", ADMIN]
    assert entries[0][1] < entries[1][1]  # one clock: stamps rise with the log
    assert store.check() == []
