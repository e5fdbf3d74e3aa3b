"""The Settings page: every registered setting editable (or read-only), users, own password, backup."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialogButtonBox, QSpinBox

from app.db.store import Store
from app.models import AuditEntry
from app.settings import ENTERPRISE_USE_CUTOFF, IDLE_LOCK_MINUTES, LANGUAGE, LOAN_CAP_YUAN, REGISTRY
from app.ui.pages.settings import SettingsPage
from app.ui.settings import backup as backup_tab
from app.ui.settings.users import AddUserDialog, UsersModel
from tests.conftest import ADMIN, FAST_KDF, PASSWORD


def settings_page(qtbot, store) -> SettingsPage:
    page = SettingsPage(store, kdf=FAST_KDF)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def audit_rows(store: Store) -> list[AuditEntry]:
    with store.read() as session:
        return list(session.execute(sa.select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def test_every_setting_has_an_editor_of_its_type(qtbot, store) -> None:
    page = settings_page(qtbot, store)
    editors = page.general.editors
    assert set(editors) == set(REGISTRY)
    assert isinstance(editors[LANGUAGE.key], QComboBox)
    assert isinstance(editors[ENTERPRISE_USE_CUTOFF.key], QDateEdit)
    spin = editors[IDLE_LOCK_MINUTES.key]
    assert isinstance(spin, QSpinBox)
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 240, 10)


def test_edit_persists_and_is_audited(qtbot, store) -> None:
    page = settings_page(qtbot, store)
    before = len(audit_rows(store))
    spin = page.general.editors[IDLE_LOCK_MINUTES.key]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "15")
    cap = page.general.editors[LOAN_CAP_YUAN.key]
    cap.setValue(40_000)
    page.general.editors[ENTERPRISE_USE_CUTOFF.key].setDate(QDate(2017, 12, 31))
    qtbot.mouseClick(page.general.save_button, Qt.MouseButton.LeftButton)
    assert page.general.notice.text() == "Saved 3 settings."
    assert store.setting(IDLE_LOCK_MINUTES) == 15
    assert store.setting(LOAN_CAP_YUAN) == 40_000
    assert store.setting(ENTERPRISE_USE_CUTOFF) == dt.date(2017, 12, 31)
    new = audit_rows(store)[before:]
    settings_rows = [r for r in new if r.table_name == "settings"]
    assert {r.action for r in settings_rows} <= {"insert", "update"} and len(settings_rows) == 3
    assert all(r.actor == ADMIN for r in settings_rows)
    # Saving again changes nothing and says so.
    page.general.save()
    assert page.general.notice.text() == "Nothing to save: no setting was changed."
    # A second edit of the same key is an update.
    spin.setValue(20)
    page.general.save()
    assert audit_rows(store)[-1].action == "update" and store.setting(IDLE_LOCK_MINUTES) == 20


def test_language_change_says_restart(qtbot, store) -> None:
    page = settings_page(qtbot, store)
    combo = page.general.editors[LANGUAGE.key]
    combo.setCurrentIndex(combo.findData("en"))
    page.general.save()
    assert "restarted" in page.general.notice.text()
    assert store.info.language == "en"
    assert json.loads(store.paths.node_file.read_text())["language"] == "en"


def test_undo_restores_the_stored_values(qtbot, store) -> None:
    page = settings_page(qtbot, store)
    spin = page.general.editors[IDLE_LOCK_MINUTES.key]
    spin.setValue(99)
    page.general.revert_button.click()
    assert spin.value() == 10 and store.setting(IDLE_LOCK_MINUTES) == 10


def test_field_cadre_sees_settings_read_only(qtbot, make_node, node_dir) -> None:
    admin, _ = make_node()
    admin.add_user("cadre1", "field", PASSWORD, kdf=FAST_KDF)
    cadre = Store.open(node_dir, "cadre1", PASSWORD)
    try:
        page = settings_page(qtbot, cadre)
        assert not page.general.editable
        assert not page.general.save_button.isVisible()
        spin = page.general.editors[IDLE_LOCK_MINUTES.key]
        assert spin.isReadOnly()
        assert not page.general.editors[LANGUAGE.key].isEnabled()
        assert page.users is None
        assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Settings", "My password", "Backup"]
    finally:
        cadre.engine.dispose()


def test_admin_adds_and_deactivates_a_user(qtbot, store, node_dir) -> None:
    page = settings_page(qtbot, store)
    users = page.users
    assert users is not None and users.model.rowCount() == 1
    page.tabs.setCurrentWidget(users)
    dialog = users.open_add_dialog()
    assert isinstance(dialog, AddUserDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.username, "bad name")
    assert dialog.username_message.has_message() and not ok.isEnabled()
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "cadre2")
    dialog.display_name.insert("王芳")  # QTest types ASCII only
    dialog.role.setCurrentIndex(dialog.role.findData("field"))
    qtbot.keyClicks(dialog.passwords.password, "field pass 1")
    qtbot.keyClicks(dialog.passwords.repeat, "field pass 1")
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: users.model.rowCount() == 2, timeout=5_000)
    names = [users.model.index(r, UsersModel.COL_USERNAME).data() for r in range(2)]
    assert names == ["admin", "cadre2"]
    assert users.model.index(1, UsersModel.COL_NAME).data() == "王芳"
    assert users.model.index(1, UsersModel.COL_ROLE).data() == "Field cadre"

    users.table.selectRow(1)
    assert users.toggle_button.isEnabled() and users.toggle_button.text() == "Deactivate"
    users.toggle_button.click()
    assert users.model.index(1, UsersModel.COL_ACTIVE).data() == "deactivated"
    assert users.toggle_button.text() == "Activate"
    assert not next(u for u in store.users() if u.username == "cadre2").active
    users.table.selectRow(0)
    assert not users.toggle_button.isEnabled()  # nobody deactivates themselves


def test_change_own_password(qtbot, store, node_dir) -> None:
    page = settings_page(qtbot, store)
    account = page.account
    page.tabs.setCurrentWidget(account)
    qtbot.keyClicks(account.old, "not it at all")
    qtbot.keyClicks(account.passwords.password, "another secret")
    qtbot.keyClicks(account.passwords.repeat, "another secret")
    account.change_button.click()
    qtbot.waitUntil(lambda: account.old_message.has_message(), timeout=5_000)
    assert account.old_message.text() == "Wrong user name or password."
    qtbot.keyClicks(account.old, PASSWORD)
    qtbot.waitUntil(account.change_button.isEnabled)
    account.change_button.click()
    qtbot.waitUntil(lambda: account.notice.text() == "Your password was changed.", timeout=5_000)
    Store.open(node_dir, ADMIN, "another secret").engine.dispose()


def test_back_up_now(qtbot, store, tmp_path: Path, monkeypatch) -> None:
    calls = []

    def fake_backup(store: Store, folder: Path) -> Path:
        calls.append(folder)
        store.set_meta("last_backup_at", dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat())
        return folder / "fieldbook-backup.db"

    monkeypatch.setattr(backup_tab, "backup_function", lambda: fake_backup)
    monkeypatch.setattr(backup_tab, "choose_folder", lambda parent: tmp_path)
    page = settings_page(qtbot, store)
    tab = page.backup
    page.show_backup()
    assert tab.status.text() == "No backup has been made on this node yet."
    assert tab.backup_button.isEnabled()
    tab.backup_button.click()
    qtbot.waitUntil(lambda: bool(tab.result.text()), timeout=5_000)
    assert calls == [tmp_path]
    assert tab.result.text() == f"Backup written to {tmp_path / 'fieldbook-backup.db'}"
    assert tab.status.text().startswith("Last backup: ")
    assert backup_tab.backup_reminder(store) == ""


def test_backup_missing_in_this_build_is_said_plainly(qtbot, store, monkeypatch) -> None:
    monkeypatch.setattr(backup_tab, "backup_function", lambda: None)
    page = settings_page(qtbot, store)
    assert not page.backup.backup_button.isEnabled()
    assert page.backup.result.text() == "Backups are not available in this version yet."


def test_back_up_now_writes_a_real_backup(qtbot, store, tmp_path: Path, monkeypatch) -> None:
    if backup_tab.backup_function() is None:
        pytest.skip("app.db.backup.create_backup is not in this build yet")
    target = tmp_path / "usb"
    monkeypatch.setattr(backup_tab, "choose_folder", lambda parent: target)
    page = settings_page(qtbot, store)
    page.show_backup()
    page.backup.backup_button.click()
    qtbot.waitUntil(lambda: page.backup.result.text().startswith("Backup written to"), timeout=20_000)
    written = list(target.iterdir())
    assert len(written) == 1 and str(written[0]) in page.backup.result.text()
    assert store.meta("last_backup_at") is not None
    assert backup_tab.backup_reminder(store) == ""
