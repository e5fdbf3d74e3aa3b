"""Encrypted backups of a running node and restores that check before replacing anything."""

from __future__ import annotations

import zipfile

import pytest
import sqlalchemy as sa

from app.db.backup import create_backup, inspect_backup, restore_backup
from app.db.store import Store
from app.errors import AuthError, FieldbookError, PermissionDenied
from app.models import Household
from tests.conftest import ADMIN, FAST_KDF, PASSWORD


def _count(store):
    with store.read() as session:
        return session.execute(sa.select(sa.func.count(Household.id))).scalar_one()


def _add(store, name, cid):
    with store.write() as session:
        session.add(Household(street_code="610111001", head_name=name, head_citizen_id=cid))


def test_backup_and_restore_round_trip(store, node_dir, tmp_path):
    _add(store, "甲", "11010519491231002X")
    path = create_backup(store, tmp_path / "usb")
    assert path.suffix == ".fbk" and not list((tmp_path / "usb").glob("*.part"))
    assert store.meta("last_backup_at")
    _add(store, "乙", "610111199001011237")
    assert _count(store) == 2
    store.close()
    store.engine.dispose()
    report = restore_backup(path, node_dir, ADMIN, PASSWORD)
    assert report.previous and (node_dir / "backups").exists()
    again = Store.open(node_dir, ADMIN, PASSWORD)
    assert _count(again) == 1 and again.check() == []
    again.engine.dispose()


def test_restore_onto_a_new_laptop(store, tmp_path):
    _add(store, "甲", "11010519491231002X")
    path = create_backup(store, tmp_path / "usb")
    fresh = tmp_path / "newlaptop"
    restore_backup(path, fresh, ADMIN, PASSWORD)
    opened = Store.open(fresh, ADMIN, PASSWORD)
    assert _count(opened) == 1 and opened.info.node_id == store.info.node_id
    opened.engine.dispose()


def test_backup_of_another_node_refused(make_node, tmp_path):
    first, _ = make_node(folder=tmp_path / "a")
    _second, _ = make_node(folder=tmp_path / "b")
    path = create_backup(first, tmp_path / "usb")
    before = (tmp_path / "b" / "fieldbook.db").read_bytes()
    with pytest.raises(FieldbookError, match="another node"):
        restore_backup(path, tmp_path / "b", ADMIN, PASSWORD)
    assert (tmp_path / "b" / "fieldbook.db").read_bytes() == before


@pytest.mark.parametrize("damage", ["flip", "truncate", "not-zip", "missing-member"])
def test_damaged_backup_refused_and_nothing_changed(store, node_dir, tmp_path, damage):
    _add(store, "甲", "11010519491231002X")
    path = create_backup(store, tmp_path / "usb")
    data = bytearray(path.read_bytes())
    if damage == "flip":
        with zipfile.ZipFile(path) as archive:
            offset = archive.getinfo("fieldbook.db").header_offset + 200
        data[offset] ^= 0xFF
        path.write_bytes(bytes(data))
    elif damage == "truncate":
        path.write_bytes(bytes(data[: len(data) // 2]))
    elif damage == "not-zip":
        path.write_bytes(b"hello, this is not a backup")
    else:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path / "x.fbk", "w") as dst:
            for item in src.infolist():
                if item.filename != "keyring.json":
                    dst.writestr(item, src.read(item.filename))
        path = tmp_path / "x.fbk"
    store.engine.dispose()
    before = (node_dir / "fieldbook.db").read_bytes()
    with pytest.raises(FieldbookError, match=r"damaged|not a Fieldbook backup"):
        restore_backup(path, node_dir, ADMIN, PASSWORD)
    assert (node_dir / "fieldbook.db").read_bytes() == before


def test_restore_with_wrong_password_changes_nothing(store, node_dir, tmp_path):
    path = create_backup(store, tmp_path / "usb")
    store.engine.dispose()
    before = (node_dir / "fieldbook.db").read_bytes()
    with pytest.raises(AuthError):
        restore_backup(path, node_dir, ADMIN, "wrong password")
    assert (node_dir / "fieldbook.db").read_bytes() == before
    assert inspect_backup(path)["node_id"] == store.info.node_id


@pytest.mark.parametrize("role", ["field", "supervisor", "bank", "district"])
def test_only_an_administrator_restores(store, node_dir, tmp_path, role):
    store.add_user("clerk", role, "clerk password", kdf=FAST_KDF)
    path = create_backup(store, tmp_path / "usb")
    _add(store, "王五", "11010519491231002X")  # written after the backup: a restore would lose it
    store.engine.dispose()
    before = (node_dir / "fieldbook.db").read_bytes()
    with pytest.raises(PermissionDenied, match="Only an administrator may restore a backup; clerk is"):
        restore_backup(path, node_dir, "clerk", "clerk password")
    assert (node_dir / "fieldbook.db").read_bytes() == before
    assert not (node_dir / "backups").exists() or not any((node_dir / "backups").glob("before-restore-*"))
    restore_backup(path, node_dir, ADMIN, PASSWORD)  # the administrator may


def test_backup_to_unwritable_place(store, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FieldbookError, match=r"Cannot write|could not be written"):
        create_backup(store, blocker / "sub")
