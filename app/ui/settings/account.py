"""The logged-in user's own account: change the password (rewraps the data key; never re-encrypts)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.cancel import CancelToken
from app.db.keyring import DEFAULT_KDF, KdfParams
from app.db.store import Store
from app.domain.permissions import role_label
from app.errors import FieldbookError
from app.i18n import translate
from app.ui.operations import run_in_background
from app.ui.widgets import FieldMessage, NewPasswordFields, password_edit, with_message


class AccountTab(QWidget):
    def __init__(self, store: Store, kdf: KdfParams = DEFAULT_KDF, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.kdf = store, kdf
        who = QLabel(translate("Account", "Logged in as {user} ({role}).", user=store.user.username,
                               role=role_label(store.user.role)))
        self.old = password_edit()
        self.old_message = FieldMessage()
        self.passwords = NewPasswordFields(self)
        self.notice = QLabel()
        self.notice.setObjectName("accountNotice")
        self.change_button = QPushButton(translate("Account", "Change password"))
        form = QFormLayout()
        form.addRow(translate("Account", "Current password:"), with_message(self.old, self.old_message))
        self.passwords.add_to(form, translate("Account", "New password:"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.notice, 1)
        buttons.addWidget(self.change_button)
        box = QWidget()
        box.setMaximumWidth(560)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(who)
        box_layout.addSpacing(8)
        box_layout.addLayout(form)
        box_layout.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
        self.old.textChanged.connect(self._update)
        self.old.textEdited.connect(self.old_message.clear_message)
        self.passwords.changed.connect(self._update)
        self.change_button.clicked.connect(self.submit)
        self._busy = False
        self._update()

    def _update(self) -> None:
        self.change_button.setEnabled(bool(self.old.text()) and self.passwords.is_valid() and not self._busy)
        if self.old.text() or self.passwords.value():
            self.notice.clear()

    def submit(self) -> None:
        store, kdf, old, new = self.store, self.kdf, self.old.text(), self.passwords.value()

        def job(_token: CancelToken) -> None:
            store.change_password(old, new, kdf=kdf)

        self._busy = True
        self._update()
        run_in_background(self, job, on_success=self._changed, on_error=self._failed,
                          on_finished=self._finished, title=translate("Account", "Changing the password…"),
                          cancellable=False)

    def _finished(self) -> None:
        self._busy = False
        self._update()

    def _changed(self, _result: None) -> None:
        self.old.clear()
        self.passwords.clear()
        self.notice.setText(translate("Account", "Your password was changed."))

    def _failed(self, exc: FieldbookError) -> None:
        self.old.clear()
        self.old_message.show_error(exc.message)
        self.old.setFocus()
