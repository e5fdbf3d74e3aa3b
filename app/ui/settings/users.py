"""Users of this node (administrators only): list, add with a role and password, deactivate and reactivate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.cancel import CancelToken
from app.db.credentials import username_problem
from app.db.keyring import DEFAULT_KDF, KdfParams
from app.db.store import Store
from app.domain.permissions import Role, role_label
from app.errors import FieldbookError
from app.i18n import translate
from app.models import User
from app.ui.changes import changes
from app.ui.messages import show_error
from app.ui.operations import run_in_background
from app.ui.qtcompat import emit
from app.ui.widgets import FieldMessage, NewPasswordFields, with_message

_Index = QModelIndex | QPersistentModelIndex


class UsersModel(QAbstractTableModel):
    COL_USERNAME, COL_NAME, COL_ROLE, COL_ACTIVE, COL_LAST_LOGIN = range(5)
    USERNAME_ROLE = Qt.ItemDataRole.UserRole + 1
    ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._users: list[User] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._users = self.store.users()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (translate("Users", "User name"), translate("Users", "Name"), translate("Users", "Role"),
                translate("Users", "Status"), translate("Users", "Last login"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        user = self._users[index.row()]
        if role == self.USERNAME_ROLE:
            return user.username
        if role == self.ACTIVE_ROLE:
            return user.active
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.COL_USERNAME:
            return user.username
        if column == self.COL_NAME:
            return user.display_name
        if column == self.COL_ROLE:
            return role_label(user.role)
        if column == self.COL_ACTIVE:
            return translate("Users", "active") if user.active else translate("Users", "deactivated")
        if column == self.COL_LAST_LOGIN:
            return user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else ""
        return None


class AddUserDialog(QDialog):
    """Signals: added(username)."""

    added = Signal(str)

    def __init__(self, store: Store, kdf: KdfParams = DEFAULT_KDF, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.kdf = store, kdf
        self.setWindowTitle(translate("Users", "Add a user"))
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.username_message = FieldMessage()
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(100)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role_label(role), role.value)
        self.passwords = NewPasswordFields(self)
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow(translate("Users", "User name:"), with_message(self.username, self.username_message))
        form.addRow(translate("Users", "Name:"), self.display_name)
        form.addRow(translate("Users", "Role:"), self.role)
        self.passwords.add_to(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Users", "Add user"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.username.textChanged.connect(self._update)
        self.passwords.changed.connect(self._update)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._busy = False
        self._update()
        self.setMinimumWidth(460)
        self.adjustSize()

    def _update(self) -> None:
        name = self.username.text()
        self.username_message.show_error(username_problem(name) if name else "")
        ok = bool(name) and not username_problem(name) and self.passwords.is_valid() and not self._busy
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def submit(self) -> None:
        store, kdf = self.store, self.kdf
        username, role = self.username.text(), self.role.currentData()
        display, password = self.display_name.text().strip(), self.passwords.value()

        def job(_token: CancelToken) -> str:
            store.add_user(username, role, password, display, kdf=kdf)
            return username

        self._busy = True
        self._update()
        run_in_background(self, job, on_success=self._added, on_error=lambda e: self.message.show_error(e.message),
                          on_finished=self._finished, title=translate("Users", "Adding the user…"),
                          cancellable=False)

    def _finished(self) -> None:
        self._busy = False
        self._update()

    def _added(self, username: str) -> None:
        self.accept()
        emit(self.added, username)

    def reject(self) -> None:
        if not self._busy:
            super().reject()


class UsersTab(QWidget):
    def __init__(self, store: Store, kdf: KdfParams = DEFAULT_KDF, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.kdf = store, kdf
        self.model = UsersModel(store)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(translate("Users", "Add user…"))
        self.toggle_button = QPushButton(translate("Users", "Deactivate"))
        self.toggle_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.open_add_dialog)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        changes().users_changed.connect(self._reload)

    def _reload(self) -> None:
        chosen = self.selected()
        self.model.reload()
        if chosen is not None:
            for row in range(self.model.rowCount()):
                if self.model.index(row, 0).data(UsersModel.USERNAME_ROLE) == chosen[0]:
                    self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> tuple[str, bool] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return (rows[0].data(UsersModel.USERNAME_ROLE), rows[0].data(UsersModel.ACTIVE_ROLE))

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.toggle_button.setEnabled(chosen is not None and chosen[0] != self.store.user.username)
        self.toggle_button.setText(translate("Users", "Activate") if chosen and not chosen[1]
                                   else translate("Users", "Deactivate"))

    def open_add_dialog(self) -> AddUserDialog:
        dialog = AddUserDialog(self.store, self.kdf, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(lambda _name: emit(changes().users_changed))
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        username, active = chosen
        try:
            self.store.set_user_active(username, not active)
        except FieldbookError as exc:
            show_error(self, exc.message)
            return
        emit(changes().users_changed)
