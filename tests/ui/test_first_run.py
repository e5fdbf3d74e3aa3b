"""A user's first day: the wizard makes the node, the login window opens it, the main window shows the pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QRadioButton, QWizard

from app.db.store import NodeInfo, Store
from app.domain.permissions import Role
from app.models.places import BAQIAO_STREETS
from app.paths import NodePaths
from app.ui.application import AppFlow
from app.ui.main_window import MainWindow
from app.ui.pages import PAGES
from tests.conftest import FAST_KDF

NEW_PASSWORD = "lantern-field-7"


def click(qtbot, widget) -> None:
    # Radio buttons and check boxes react only on their indicator and text, not the whole row.
    pos = QPoint(6, widget.height() // 2) if isinstance(widget, QRadioButton | QCheckBox) else QPoint()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos if not pos.isNull() else widget.rect().center())


def test_first_run_wizard_login_and_main_window(qtbot, node_dir: Path) -> None:
    flow = AppFlow(node_dir, kdf=FAST_KDF)
    flow.start()
    wizard = flow.wizard
    assert wizard is not None and flow.login is None

    # Role: field node is the default.
    assert wizard.role_page.field_radio.isChecked()
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))

    # Node: name and street are required for a field node.
    page = wizard.node_page
    assert wizard.currentPage() is page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    qtbot.keyClicks(page.name, "Fangzhicheng laptop 1")
    assert not next_button.isEnabled()  # no street yet
    assert page.street.count() == len(BAQIAO_STREETS)
    page.street.setFocus()
    qtbot.keyClick(page.street, Qt.Key.Key_Down)
    assert page.street_code() == BAQIAO_STREETS[0][0]
    assert next_button.isEnabled()
    page.name.selectAll()
    qtbot.keyClick(page.name, Qt.Key.Key_Delete)
    assert page.name_message.has_message() and "name" in page.name_message.text()
    qtbot.keyClicks(page.name, "Fangzhicheng laptop 1")
    assert not page.name_message.has_message()
    click(qtbot, next_button)

    # Administrator: validated as typed, with the reason next to the field.
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    create = wizard.button(QWizard.WizardButton.CommitButton)
    assert admin.username.text() == "admin"
    qtbot.keyClicks(admin.passwords.password, "short")
    assert admin.passwords.password_message.has_message()
    assert "8 characters" in admin.passwords.password_message.text()
    assert not create.isEnabled()
    qtbot.keyClicks(admin.passwords.password, " but now long")
    assert not admin.passwords.password_message.has_message()
    qtbot.keyClicks(admin.passwords.repeat, "short but")
    assert admin.passwords.repeat_message.text() == "The two passwords differ."
    assert not create.isEnabled()
    qtbot.keyClicks(admin.passwords.repeat, " now long")
    assert not admin.passwords.repeat_message.has_message()
    admin.username.selectAll()
    qtbot.keyClicks(admin.username, "bad name!")
    assert admin.username_message.has_message() and not create.isEnabled()
    admin.username.selectAll()
    qtbot.keyClicks(admin.username, "chief")
    assert create.isEnabled()
    click(qtbot, create)

    # Recovery code: shown once, and finishing needs the checkbox.
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=10_000)
    code = wizard.recovery_page.code.text()
    assert len(code.replace("-", "")) >= 20
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # Esc cannot skip the code
    assert wizard.isVisible()
    click(qtbot, wizard.recovery_page.confirm)
    assert finish.isEnabled()
    click(qtbot, finish)

    info = NodeInfo.load(NodePaths(node_dir))
    assert (info.role, info.name, info.street_code) == ("field", "Fangzhicheng laptop 1", BAQIAO_STREETS[0][0])
    # The code works: it resets a password (the keyring was written with the test's fast KDF).
    Store.reset_password_with_recovery(node_dir, code, "chief", NEW_PASSWORD, kdf=FAST_KDF).close()

    # Login window: the admin's name is filled in; a wrong password shows the reason inline.
    login = flow.login
    assert login is not None and login.isVisible() and not wizard.isVisible()
    assert login.username.text() == "chief"
    assert "Fangzhicheng laptop 1" in login.node_label.text()
    qtbot.keyClicks(login.password, "not the password")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.message.has_message() and login.login_button.isEnabled(), timeout=10_000)
    assert login.message.text() == "Wrong user name or password."
    assert login.password.text() == ""
    assert flow.main is None

    qtbot.keyClicks(login.password, NEW_PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.main is not None, timeout=10_000)

    main = flow.main
    assert isinstance(main, MainWindow)
    assert main.isVisible() and flow.login is None
    assert main.store.user.username == "chief" and main.store.user.role is Role.ADMIN
    titles = [main.navigation.item(i).text() for i in range(main.navigation.count())]
    assert titles == [spec.title for spec in PAGES]
    assert titles[0] == "Workbench" and titles[-1] == "Settings"
    assert main.current_key() == "workbench"
    assert main.user_label.text() == "chief (Administrator)"
    assert "Fangzhicheng laptop 1" in main.node_label.text() and "Field node" in main.node_label.text()
    assert main.backup_button.isVisible() and "No backup yet" in main.backup_button.text()

    main.navigation.setCurrentRow(1)
    from app.ui.pages.households import HouseholdsPage

    assert isinstance(main.pages["households"], HouseholdsPage)

    # Lock by the button, unlock with the password.
    click(qtbot, main.lock_button)
    assert main.locked and not main.navigation.isVisible()
    qtbot.keyClicks(main.lock_screen.password, NEW_PASSWORD)
    qtbot.keyClick(main.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not main.locked, timeout=10_000)
    assert main.navigation.isVisible()

    # Log out: back to the login window, store closed.
    store = main.store
    click(qtbot, main.logout_button)
    assert flow.main is None and flow.store is None
    assert flow.login is not None and flow.login.isVisible()
    assert flow.login.username.text() == "chief"
    del store


def test_hub_needs_no_street(qtbot, node_dir: Path) -> None:
    flow = AppFlow(node_dir, kdf=FAST_KDF)
    flow.start()
    wizard = flow.wizard
    click(qtbot, wizard.role_page.hub_radio)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert not wizard.node_page.street.isEnabled()
    qtbot.keyClicks(wizard.node_page.name, "Bank hub")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    qtbot.keyClicks(wizard.admin_page.passwords.password, "correct horse")
    qtbot.keyClicks(wizard.admin_page.passwords.repeat, "correct horse")
    click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=10_000)
    click(qtbot, wizard.recovery_page.confirm)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    info = NodeInfo.load(NodePaths(node_dir))
    assert (info.role, info.street_code) == ("hub", None)
    assert flow.login is not None and flow.login.node_label.text() == "Bank hub · Hub"


def test_existing_node_starts_at_login(qtbot, make_node, node_dir: Path) -> None:
    store, _code = make_node()
    store.close()
    flow = AppFlow(node_dir, kdf=FAST_KDF)
    flow.start()
    assert flow.wizard is None and flow.login is not None
