"""The login window (and the recovery-code path for a forgotten password).

Signals (of :class:`LoginWindow`): logged_in(store) with the opened :class:`~app.db.store.Store`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.cancel import CancelToken
from app.db.keyring import DEFAULT_KDF, KdfParams
from app.db.server_link import connection_problem, load_link
from app.db.store import NodeInfo, Store
from app.domain.server_database import may_choose_database, refuse_stale_file, remember_server
from app.errors import FieldbookError, StoreError
from app.i18n import translate
from app.models.enums import NodeRole
from app.models.places import BAQIAO_STREETS
from app.paths import NodePaths
from app.ui.operations import run_in_background
from app.ui.qtcompat import emit
from app.ui.server_dialog import DatabaseChoice, ServerDatabaseDialog, where_text
from app.ui.widgets import MUTED_COLOR, FieldMessage, NewPasswordFields, password_edit, with_message


def node_summary(info: NodeInfo) -> str:
    """"Name · Field node · Street" for the login screen and the status bar."""
    parts = [info.name, NodeRole(info.role).label]
    street = dict(BAQIAO_STREETS).get(info.street_code or "")
    if street:
        parts.append(street)
    return " · ".join(parts)


def demo_accounts(info: NodeInfo) -> tuple[list[tuple[str, str]], str]:
    """The demo accounts the demo command published in node.json: ([(user, role), ...], password)."""
    demo = info.extra.get("demo_login")
    if not isinstance(demo, dict):
        return [], ""
    users: list[tuple[str, str]] = []
    for entry in demo.get("users", []):
        if isinstance(entry, str):
            users.append((entry, ""))
        elif isinstance(entry, dict) and (entry.get("username") or entry.get("user")):
            users.append((str(entry.get("username") or entry.get("user")), str(entry.get("role", ""))))
    return users, str(demo.get("password", ""))


def open_desk_store(data_dir: Path, username: str, password: str, choice: DatabaseChoice | None) -> Store:
    """Log in on the database chosen (``None``: the remembered one, else the node's file); a new choice is
    remembered once the login succeeded, by an account that may edit settings. A hub's stale file is refused."""
    try:
        store = Store.open(data_dir, username, password, db_url=None if choice is None else choice.url)
    except StoreError as exc:
        link = None if choice is not None else load_link(NodePaths(data_dir))
        url = choice.url if choice is not None else (link.url if link is not None else "")
        better = connection_problem(exc, url) if url else None
        if better is not None:
            raise better from exc
        raise
    try:
        refuse_stale_file(store)
        if choice is not None and choice.remember and may_choose_database(store):
            remember_server(store, choice.url)
    except BaseException:
        store.close()
        raise
    return store


class LoginWindow(QWidget):
    logged_in = Signal(object)

    def __init__(self, data_dir: Path, info: NodeInfo, username: str = "", kdf: KdfParams = DEFAULT_KDF,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.info, self.kdf = data_dir, info, kdf
        self.setWindowTitle(translate("Login", "Fieldbook: log in"))
        self.setObjectName("loginWindow")
        self.username = QLineEdit(username or info.demo_user or "")
        self.username.setMaxLength(64)
        self.password = password_edit()
        self.message = FieldMessage()
        self.message.setObjectName("loginMessage")
        self.notice = QLabel()
        self.notice.setObjectName("loginNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.notice.setStyleSheet("background: #e8f4ea; border-radius: 4px; padding: 6px 8px;")
        self.login_button = QPushButton(translate("Login", "Log in"))
        self.login_button.setDefault(True)
        self.login_button.setMinimumHeight(34)
        self.forgot_button = QPushButton(translate("Login", "Forgot the password? Use the recovery code"))
        self.forgot_button.setFlat(True)
        self.forgot_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot_button.setStyleSheet("color: #1a5fb4; text-align: left; padding: 0;")

        card = QFrame()
        card.setObjectName("loginCard")
        card.setFixedWidth(440)
        card.setStyleSheet("#loginCard { background: white; border: 1px solid #d8dce3; border-radius: 10px; }")
        title = QLabel(translate("Login", "Fieldbook"))
        title.setStyleSheet("font-size: 22pt; font-weight: 700;")
        subtitle = QLabel(translate("Login", "Field records for poverty-alleviation microcredit"))
        subtitle.setStyleSheet(f"color: {MUTED_COLOR};")
        self.node_label = node = QLabel(node_summary(info))
        node.setObjectName("nodeSummary")
        node.setWordWrap(True)
        node.setStyleSheet("background: #eef3fb; border-radius: 4px; padding: 6px 8px;")
        self.choice: DatabaseChoice | None = None
        self.where_label = QLabel()
        self.where_label.setObjectName("dataWhere")
        self.where_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.database_button = QPushButton(translate("Login", "Database…"))
        self.database_button.setObjectName("databaseButton")
        self.database_button.clicked.connect(self.open_database)
        hub = info.role == NodeRole.HUB.value
        self.where_label.setVisible(hub)
        self.database_button.setVisible(hub)
        if hub:
            self._show_where()
        form = QFormLayout()
        form.addRow(translate("Login", "User name:"), self.username)
        form.addRow(translate("Login", "Password:"), with_message(self.password, self.message))
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(28, 24, 28, 20)
        card_layout.addWidget(title)
        card_layout.addWidget(subtitle)
        card_layout.addSpacing(10)
        card_layout.addWidget(node)
        where_row = QHBoxLayout()
        where_row.addWidget(self.where_label, 1)
        where_row.addWidget(self.database_button)
        card_layout.addLayout(where_row)
        card_layout.addWidget(self.notice)
        card_layout.addSpacing(14)
        card_layout.addLayout(form)
        card_layout.addSpacing(6)
        card_layout.addWidget(self.login_button)
        card_layout.addWidget(self.forgot_button)

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        demo = self._demo_box()
        if demo is not None:
            column.addSpacing(12)
            column.addWidget(demo, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column)
        row.addStretch(1)
        # a netbook (1024×600 less the taskbar) is shorter than the card and the demo accounts: they scroll
        content = QWidget()
        content.setObjectName("loginContent")
        content.setLayout(row)
        scroll = QScrollArea()
        scroll.setObjectName("loginScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setStyleSheet("#loginWindow, #loginContent { background: #f3f5f8; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        self.username.returnPressed.connect(self._username_entered)
        self.password.returnPressed.connect(self.submit)
        self.login_button.clicked.connect(self.submit)
        self.forgot_button.clicked.connect(self.open_recovery)
        self.password.textEdited.connect(self.message.clear_message)
        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.login_button)
        self.setTabOrder(self.login_button, self.forgot_button)
        self.resize(960, 640)
        (self.password if self.username.text() else self.username).setFocus()

    def show_notice(self, text: str) -> None:
        """A line above the fields that is not a problem (the backup just restored); '' hides it."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _demo_box(self) -> QGroupBox | None:
        users, password = demo_accounts(self.info)
        if not users:
            return None
        box = QGroupBox(translate("Login", "Demo accounts (synthetic data only)"))
        box.setObjectName("demoAccounts")
        box.setFixedWidth(440)
        grid = QGridLayout(box)
        for row, (user, role) in enumerate(users):
            button = QPushButton(user)
            button.setObjectName(f"demo-{user}")
            button.clicked.connect(lambda _=False, u=user: self._fill_demo(u, password))
            grid.addWidget(button, row, 0)
            if role:
                from app.domain.permissions import Role, role_label

                grid.addWidget(QLabel(role_label(role) if role in set(Role) else role), row, 1)
        note = QLabel(translate("Login", "Password for every demo account: {password}", password=password))
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note.setStyleSheet(f"color: {MUTED_COLOR};")
        grid.addWidget(note, len(users), 0, 1, 2)
        return box

    def _fill_demo(self, user: str, password: str) -> None:
        self.username.setText(user)
        self.password.setText(password)
        self.login_button.setFocus()

    def _username_entered(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username:
            self.message.show_error(translate("Login", "Enter your user name."))
            self.username.setFocus()
            return
        if not password:
            self.message.show_error(translate("Login", "Enter your password."))
            self.password.setFocus()
            return
        if not self.login_button.isEnabled():
            return
        self.message.clear_message()
        self._set_busy(True)
        data_dir, choice = self.data_dir, self.choice

        def job(_token: CancelToken) -> Store:
            return open_desk_store(data_dir, username, password, choice)

        run_in_background(self, job, on_success=lambda store: emit(self.logged_in, store), on_error=self._failed,
                          on_finished=lambda: self._set_busy(False), title=translate("Login", "Logging in…"),
                          cancellable=False)

    def _show_where(self) -> None:
        try:
            link = load_link(NodePaths(self.data_dir))
        except FieldbookError as exc:
            self.where_label.setText(exc.message)
            return
        url = self.choice.shown() if self.choice is not None else (link.url if link else "")
        text = where_text(url)
        self.where_label.setToolTip(text)
        self.where_label.setText(self.where_label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, 270))

    def open_database(self) -> ServerDatabaseDialog:
        try:
            link = load_link(NodePaths(self.data_dir))
        except FieldbookError:
            link = None
        dialog = ServerDatabaseDialog(link, self.choice, self)
        dialog.accepted.connect(lambda: self._database_chosen(dialog.choice))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _database_chosen(self, choice: DatabaseChoice | None) -> None:
        self.choice = choice
        self.message.clear_message()
        self._show_where()
        (self.password if self.username.text() else self.username).setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.login_button.setEnabled(not busy)
        self.database_button.setEnabled(not busy)
        self.login_button.setText(translate("Login", "Logging in…") if busy else translate("Login", "Log in"))

    def _failed(self, exc: FieldbookError) -> None:
        self.message.show_error(exc.message)
        self.password.clear()
        self.password.setFocus()

    def open_recovery(self) -> RecoveryDialog:
        dialog = RecoveryDialog(self.data_dir, self.username.text().strip(), self.kdf, self)
        dialog.recovered.connect(self.logged_in)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class RecoveryDialog(QDialog):
    """A new password for one account, unlocked with the recovery code written down at setup.

    Signals: recovered(store) with the store opened as that user.
    """

    recovered = Signal(object)

    def __init__(self, data_dir: Path, username: str, kdf: KdfParams, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.kdf = data_dir, kdf
        self.setWindowTitle(translate("Login", "Set a new password with the recovery code"))
        self.username = QLineEdit(username)
        self.code = QLineEdit()
        self.code.setPlaceholderText(translate("Login", "the code written down at setup"))
        self.passwords = NewPasswordFields(self)
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow(translate("Login", "User name:"), self.username)
        form.addRow(translate("Login", "Recovery code:"), self.code)
        self.passwords.add_to(form, translate("Login", "New password:"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Login", "Set password and log in"))
        layout = QVBoxLayout(self)
        intro = QLabel(translate("Login", "The recovery code opens the data without a password. Use it only "
                                          "for your own account or when every administrator is locked out."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for signal in (self.username.textChanged, self.code.textChanged, self.passwords.changed):
            signal.connect(self._update)
        self._busy = False
        self._update()
        self.setMinimumWidth(520)
        self.adjustSize()

    def _update(self) -> None:
        ok = bool(self.username.text().strip() and self.code.text().strip() and self.passwords.is_valid())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok and not self._busy)

    def submit(self) -> None:
        username, code, password = self.username.text().strip(), self.code.text(), self.passwords.value()
        data_dir, kdf = self.data_dir, self.kdf

        def job(_token: CancelToken) -> Store:
            return Store.reset_password_with_recovery(data_dir, code, username, password, kdf=kdf)

        self._busy = True
        self._update()
        self.message.clear_message()
        run_in_background(self, job, on_success=self._done, on_error=lambda e: self.message.show_error(e.message),
                          on_finished=self._finished, title=translate("Login", "Checking the recovery code…"),
                          cancellable=False)

    def _finished(self) -> None:
        self._busy = False
        self._update()

    def _done(self, store: Any) -> None:
        self.accept()
        emit(self.recovered, store)

    def reject(self) -> None:
        if not self._busy:
            super().reject()
