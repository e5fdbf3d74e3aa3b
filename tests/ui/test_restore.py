"""Restore in the GUI (Settings → Backup): a real backup restored through the dialog, the application restarting
at the login window of the restored node; refusals stay in the dialog and change nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import i18n
from app.db.backup import create_backup
from app.db.store import Store
from app.models import Household
from app.ui.application import AppFlow, node_language, setup_application
from app.ui.settings import backup as backup_tab
from tests.conftest import ADMIN, FAST_KDF, PASSWORD
from tests.records_data import make_household


def _households(node_dir: Path) -> list[str]:
    store = Store.open(node_dir, ADMIN, PASSWORD)
    try:
        with store.read() as session:
            return sorted(session.execute(sa.select(Household.head_name)).scalars())
    finally:
        store.close()


@pytest.fixture
def backed_up(make_node, node_dir, tmp_path):
    """A node with one household in its backup and a second one added after the backup was made."""
    store = make_node()[0]
    make_household(store, head="王建国")
    backup = create_backup(store, tmp_path / "stick")
    make_household(store, head="李四", citizen_id="11010519491231002X")
    store.close()
    return backup


@pytest.fixture
def logged_in(qtbot, node_dir, monkeypatch):
    """The application flow on the node, logged in as ``user``; returns (flow, the Backup tab)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    flows: list[AppFlow] = []

    def login(user: str = ADMIN, password: str = PASSWORD) -> tuple[AppFlow, backup_tab.BackupTab]:
        flow = AppFlow(node_dir, kdf=FAST_KDF, idle_interval_ms=3_600_000)
        flows.append(flow)
        flow.start()
        assert flow.login is not None
        flow.login.username.setText(user)
        flow.login.password.setText(password)
        flow.login.submit()
        qtbot.waitUntil(lambda: flow.main is not None, timeout=10_000)
        page = flow.main.show_page("settings")
        page.show_backup()
        return flow, page.backup

    yield login
    for flow in flows:
        flow.close_windows()
    from PySide6.QtWidgets import QApplication

    setup_application(QApplication.instance(), "en")


def _open_dialog(tab, backup: Path, monkeypatch):
    monkeypatch.setattr(backup_tab, "choose_backup_file", lambda parent: backup)
    dialog = tab.restore()
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_an_administrator_restores_a_backup_and_logs_in_again(qtbot, backed_up, logged_in, node_dir, monkeypatch):
    assert _households(node_dir) == ["李四", "王建国"]
    flow, tab = logged_in()
    assert tab.restore_button.isEnabled()
    dialog = _open_dialog(tab, backed_up, monkeypatch)
    assert dialog.username.text() == ADMIN
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.ok_button.click()
    # the login window of the restored node, in that node's language, says where the data that was here is kept
    qtbot.waitUntil(lambda: flow.main is None and flow.login is not None and flow.login.isEnabled()
                    and "before-restore-" in flow.login.notice.text(), timeout=30_000)
    assert flow.store is None
    assert i18n.current_language() == node_language(node_dir)
    assert _households(node_dir) == ["王建国"]  # the household added after the backup is gone
    kept = list((node_dir / "backups").glob("before-restore-*"))
    assert len(kept) == 1 and (kept[0] / "fieldbook.db").exists() and kept[0].name in flow.login.notice.text()
    store = Store.open(node_dir, ADMIN, PASSWORD)
    try:
        assert store.check() == []
    finally:
        store.close()
    # the restored node is the one the login window opens
    flow.login.username.setText(ADMIN)
    flow.login.password.setText(PASSWORD)
    flow.login.submit()
    qtbot.waitUntil(lambda: flow.main is not None, timeout=10_000)


def test_a_wrong_password_stays_in_the_dialog_and_changes_nothing(qtbot, backed_up, logged_in, node_dir,
                                                                  monkeypatch):
    flow, tab = logged_in()
    dialog = _open_dialog(tab, backed_up, monkeypatch)
    qtbot.keyClicks(dialog.password, "not the password")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.problem.text()), timeout=10_000)
    assert dialog.problem.text() == "Wrong user name or password."
    assert dialog.isVisible() and flow.main is not None and flow.store is not None
    assert not list((node_dir / "backups").glob("before-restore-*"))
    dialog.reject()
    flow.close_windows()
    assert _households(node_dir) == ["李四", "王建国"]


def test_a_backup_of_another_node_or_a_damaged_file_is_refused(qtbot, backed_up, logged_in, make_node, node_dir,
                                                               tmp_path, monkeypatch):
    other = make_node(folder=tmp_path / "other", name="另一台")[0]
    foreign = create_backup(other, tmp_path / "other-stick")
    other.close()
    damaged = tmp_path / "damaged.fbk"
    damaged.write_bytes(backed_up.read_bytes()[:-200])
    flow, tab = logged_in()
    for path, fragment in ((foreign, "belongs to another node (另一台)"), (damaged, "is not a Fieldbook backup")):
        dialog = _open_dialog(tab, path, monkeypatch)
        qtbot.keyClicks(dialog.password, PASSWORD)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda d=dialog: bool(d.problem.text()), timeout=10_000)
        assert fragment in dialog.problem.text() and "\n" not in dialog.problem.text()
        dialog.reject()
    assert flow.main is not None
    flow.close_windows()
    assert _households(node_dir) == ["李四", "王建国"]


def test_only_the_administrator_may_restore(qtbot, backed_up, logged_in, node_dir):
    store = Store.open(node_dir, ADMIN, PASSWORD)
    store.add_user("cadre", "field", "cadre password 1", kdf=FAST_KDF)
    store.close()
    flow, tab = logged_in("cadre", "cadre password 1")
    assert not tab.restore_button.isEnabled()
    assert tab.restore_note.text() == "Only the administrator may restore a backup."
    # and the application will not restart into a backup for this user whatever asks it to
    from app.ui.settings.restore import RestoreRequest

    flow.restore(RestoreRequest(backed_up, "cadre", "cadre password 1", "-"))
    assert flow.main is not None
    flow.close_windows()
    assert _households(node_dir) == ["李四", "王建国"]
