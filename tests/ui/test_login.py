"""The login window: inline errors, lockout message, demo accounts, the recovery-code path."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QGroupBox, QLabel, QPushButton

from app.db.store import NodeInfo, Store
from app.paths import NodePaths
from app.ui.login import LoginWindow, RecoveryDialog
from tests.conftest import ADMIN, FAST_KDF, PASSWORD


def login_window(qtbot, node_dir, **kwargs) -> LoginWindow:
    window = LoginWindow(node_dir, NodeInfo.load(NodePaths(node_dir)), kdf=FAST_KDF, **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window


def test_login_opens_the_store(qtbot, make_node, node_dir) -> None:
    make_node()[0].close()
    window = login_window(qtbot, node_dir)
    assert window.node_label.text() == "测试节点 · Field node · 纺织城街道"
    qtbot.keyClicks(window.username, ADMIN)
    qtbot.keyClick(window.username, Qt.Key.Key_Return)  # Enter in the name moves on to the password
    assert not window.message.has_message() and window.login_button.isEnabled()
    qtbot.keyClicks(window.password, PASSWORD)
    with qtbot.waitSignal(window.logged_in, timeout=5_000) as blocker:
        qtbot.keyClick(window.password, Qt.Key.Key_Return)
    store = blocker.args[0]
    assert isinstance(store, Store) and store.user.username == ADMIN
    store.close()


def test_empty_fields_and_lockout_are_explained(qtbot, make_node, node_dir) -> None:
    make_node()[0].close()
    window = login_window(qtbot, node_dir)
    window.login_button.click()
    assert window.message.text() == "Enter your user name."
    qtbot.keyClicks(window.username, ADMIN)
    window.login_button.click()
    assert window.message.text() == "Enter your password."
    for attempt in range(3):
        qtbot.keyClicks(window.password, f"wrong {attempt}")
        window.login_button.click()
        qtbot.waitUntil(lambda: window.login_button.isEnabled() and window.message.has_message(), timeout=5_000)
    assert window.message.text() == "Wrong user name or password."
    qtbot.keyClicks(window.password, PASSWORD)
    window.login_button.click()  # the third failure imposes a delay before the next try
    qtbot.waitUntil(lambda: window.login_button.isEnabled() and window.message.has_message(), timeout=5_000)
    assert window.message.text().startswith("Please wait")


def test_demo_accounts_are_listed(qtbot, make_node, node_dir) -> None:
    store, _ = make_node()
    store.info.extra["demo_login"] = {"users": ["cadre1", {"username": "bank1", "role": "bank"}],
                                      "password": "demo-pass-1"}
    store.info.save(store.paths)
    store.close()
    window = login_window(qtbot, node_dir)
    box = window.findChild(QGroupBox, "demoAccounts")
    assert box is not None and box.isVisible()
    labels = [label.text() for label in box.findChildren(QLabel)]
    assert "Bank officer" in labels and "Password for every demo account: demo-pass-1" in labels
    bank = next(b for b in box.findChildren(QPushButton) if b.text() == "bank1")
    bank.click()
    assert (window.username.text(), window.password.text()) == ("bank1", "demo-pass-1")


def test_no_demo_box_on_a_real_node(qtbot, make_node, node_dir) -> None:
    make_node()[0].close()
    window = login_window(qtbot, node_dir)
    assert window.findChild(QGroupBox, "demoAccounts") is None


def test_recovery_code_sets_a_new_password(qtbot, make_node, node_dir) -> None:
    store, code = make_node()
    store.close()
    window = login_window(qtbot, node_dir, username=ADMIN)
    dialog = window.open_recovery()
    assert isinstance(dialog, RecoveryDialog) and dialog.username.text() == ADMIN
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.code, "WRONG-CODE")
    qtbot.keyClicks(dialog.passwords.password, "brand new pass")
    qtbot.keyClicks(dialog.passwords.repeat, "brand new pass")
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: dialog.message.has_message(), timeout=5_000)
    assert dialog.message.text() == "The recovery code is not right."
    dialog.code.setText(code.lower())
    qtbot.waitUntil(ok.isEnabled)
    with qtbot.waitSignal(window.logged_in, timeout=5_000) as blocker:
        ok.click()
    opened = blocker.args[0]
    assert opened.user.username == ADMIN
    opened.close()
    Store.open(node_dir, ADMIN, "brand new pass").close()
