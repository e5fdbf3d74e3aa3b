"""The login window's "Database…" dialog: a hub's desk works on the node's encrypted file or on a PostgreSQL server.

The choice is used for the next login; it is remembered for this data folder (app/db/server_link.py: the URL without
its password, the password sealed under the node's data key) when the account that logs in may edit settings.
Nothing is written before a login with it succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.db.server_link import ServerLink, parse_server_url, server_url, shown_url
from app.errors import StoreError
from app.i18n import translate
from app.ui.widgets import MUTED_COLOR, FieldMessage, password_edit

PLACEHOLDER = "postgresql+psycopg://fieldbook@dbhost:5432/fieldbook"


@dataclass(frozen=True)
class DatabaseChoice:
    url: str  # with its password; "" = the node's own encrypted file
    remember: bool

    def shown(self) -> str:
        return shown_url(self.url) if self.url else ""


def where_text(url: str) -> str:
    """"Data: …" for the login window (``url`` without password; empty: the node's file)."""
    if not url:
        return translate("Login", "Data: the encrypted file on this computer")
    try:  # user@host:port/database: what tells servers apart, short enough for one line
        parsed = parse_server_url(url)
        url = (f"{parsed.username + '@' if parsed.username else ''}{parsed.host}"
               f"{':' + str(parsed.port) if parsed.port else ''}/{parsed.database}")
    except StoreError:
        pass
    return translate("Login", "Data: PostgreSQL server {url}", url=url)


class ServerDatabaseDialog(QDialog):
    def __init__(self, link: ServerLink | None, choice: DatabaseChoice | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Login", "Where this hub's data is"))
        self.choice: DatabaseChoice | None = None
        current = choice.shown() if choice is not None else (link.url if link else "")
        self.local = QRadioButton(translate("Login", "In the encrypted file on this computer"))
        self.server = QRadioButton(translate("Login", "In a PostgreSQL server database"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        (self.server if current else self.local).setChecked(True)
        self.url = QLineEdit(current)
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText(PLACEHOLDER)
        self.password = password_edit(translate("Login", "the database account's password"))
        self.password.setObjectName("serverPassword")
        if link is not None and link.sealed and not choice:
            self.password.setPlaceholderText(translate("Login", "kept (sealed); type to change it"))
        self.remember = QCheckBox(translate("Login", "Remember on this computer (the password is kept sealed with "
                                                     "the node's key)"))
        self.remember.setChecked(choice.remember if choice is not None else True)
        note = QLabel(translate("Login", "Your own Fieldbook user name and password are still asked at login. "
                                         "Only an account that may edit settings changes what is remembered."))
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED_COLOR};")
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow(translate("Login", "Address:"), self.url)
        form.addRow(translate("Login", "Database password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.server.toggled.connect(self._update)
        self._kept = link if link is not None and link.sealed and choice is None else None
        self._update()
        self.setMinimumWidth(560)

    def _update(self) -> None:
        for widget in (self.url, self.password):
            widget.setEnabled(self.server.isChecked())

    def submit(self) -> None:
        if self.local.isChecked():
            self.choice = DatabaseChoice("", self.remember.isChecked())
            self.accept()
            return
        try:
            parsed = parse_server_url(self.url.text())
        except StoreError as exc:
            self.message.show_error(exc.message)
            self.url.setFocus()
            return
        password = self.password.text() or (str(parsed.password) if parsed.password else "")
        if not password and self._kept is not None and self._kept.url == self.url.text().strip():
            self.choice = None  # the remembered connection, unchanged
            self.accept()
            return
        self.choice = DatabaseChoice(server_url(self.url.text(), password or None), self.remember.isChecked())
        self.accept()
