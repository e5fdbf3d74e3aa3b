"""Nothing sensitive on disk in the clear: database, WAL, SHM, logs, temp files, backups."""

from __future__ import annotations

import logging
from pathlib import Path

import sqlalchemy as sa

from app import logs
from app.db.backup import create_backup
from app.models import Household, Member

NAME = "甄士隐测试户"
CITIZEN_ID = "610111199001011237"
PHONE = "13987654321"


def _needles() -> list[bytes]:
    out = []
    for text in (NAME, CITIZEN_ID, PHONE):
        out += [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("gb18030")]
    return out


def _leaks(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {needle!r}" for needle in _needles() if needle in data]
    return found


def test_distinctive_record_not_found_anywhere(store, node_dir, tmp_path):
    logs.setup(store.paths.logs)
    try:
        with store.write() as session:
            household = Household(street_code="610111001", head_name=NAME, head_citizen_id=CITIZEN_ID, phone=PHONE)
            session.add(household)
            session.flush()
            session.add(Member(household_id=household.id, name=NAME, citizen_id=CITIZEN_ID, phone=PHONE))
        # the application logs about records; the filter must keep IDs and phones out even if code slips
        logging.getLogger("app.test").warning("looked at %s %s", CITIZEN_ID, PHONE)
        try:
            raise ValueError(f"bug while handling {CITIZEN_ID}")
        except ValueError:
            logging.getLogger("app.test").exception("crash")
        with store.read() as session:  # large sort spills would go to temp files if temp_store were FILE
            session.execute(sa.select(Household).order_by(Household.head_name)).all()
        assert _leaks(node_dir) == [], "while open (WAL and SHM present)"
        create_backup(store, tmp_path / "usb")
        assert _leaks(tmp_path / "usb") == []
        store.close()
        store.engine.dispose()
        assert _leaks(node_dir) == [], "after close"
        log_text = (store.paths.logs / "fieldbook.log").read_text(encoding="utf-8")
        assert "6101**********1237" in log_text and "139****4321" in log_text
    finally:
        logs.setup(None)


def test_temp_store_is_memory_and_secure_delete_on(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA cipher_version").scalar().startswith("4.")


def test_scrub_masks_ids_and_phones():
    assert logs.scrub(f"id {CITIZEN_ID} tel {PHONE}") == "id 6101**********1237 tel 139****4321"
    assert logs.scrub("order 12345") == "order 12345"
