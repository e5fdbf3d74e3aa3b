"""Restore from a backup (Settings → Backup): choose a ``.fbk``, see what it is, give the password it opens with,
then Fieldbook closes this node, restores the backup and starts again at the login window.

Only a role with ``Permission.RESTORE`` (the administrator) sees the button enabled. While the node is still open
:func:`app.db.backup.check_restore_login` checks what it can (the manifest and every checksum, that the backup is
this node's, that the password opens its key ring); a refusal stays in the dialog, one line, and nothing changes.
Then the dialog asks the application to restart into the backup (``changes().restore_requested``):
:meth:`app.ui.application.AppFlow.restore` closes the main window and the store and runs
:func:`app.db.backup.restore_backup`, which checks everything again (the full integrity and audit-chain check of
the unpacked copy) before it moves the current files aside.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.cancel import CancelToken
from app.db.backup import check_restore_login
from app.db.store import Store
from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import NodeRole
from app.ui.changes import changes
from app.ui.operations import run_in_background
from app.ui.partials.dialogs import problem_label
from app.ui.qtcompat import emit
from app.ui.widgets import MUTED_COLOR, password_edit


@dataclass(frozen=True)
class RestoreRequest:
    """What the application needs to restart into a backup."""

    path: Path
    username: str
    password: str
    created_at: str
    #: the backup is a lost or stolen laptop's: restore it as a new node, to be enrolled again (app/db/identity.py)
    new_identity: bool = False


def choose_backup_file(parent: QWidget) -> Path | None:
    """Ask for the backup file; None when the user cancels."""
    name, _ = QFileDialog.getOpenFileName(parent, translate("Backup", "Choose the backup to restore"),
                                          str(Path.home()), translate("Backup", "Fieldbook backup (*.fbk)"))
    return Path(name) if name else None


def _when(text: str) -> str:
    """A manifest's UTC time as local time for people."""
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return when.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class RestoreDialog(QDialog):
    """The backup chosen, the account to open it with, and the consequences; OK checks and asks for the restart."""

    def __init__(self, store: Store, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.path = store, Path(path)
        self.setWindowTitle(translate("Backup", "Restore from a backup"))
        self.setMinimumWidth(520)
        self.setObjectName("restoreDialog")
        self.request: RestoreRequest | None = None
        self.file = QLabel(str(self.path))
        self.file.setWordWrap(True)
        self.username = QLineEdit(store.user.username)
        self.username.setObjectName("restoreUser")
        self.password = password_edit()
        self.password.setObjectName("restorePassword")
        self.replaces = QCheckBox(translate("Backup", "This replaces a lost or stolen laptop: restore as a new node "
                                                      "with new keys, to be enrolled with the hub again"))
        self.replaces.setObjectName("restoreNewIdentity")
        self.replaces.setVisible(store.info.role == NodeRole.FIELD)
        warning = QLabel(translate(
            "Backup", "The data on this computer is replaced by the backup; what is here now is kept in the node's "
                      "backups folder (before-restore-…). Records made since the backup was taken are only in "
                      "that folder. Fieldbook then starts again at the login window."))
        warning.setWordWrap(True)
        warning.setStyleSheet(f"color: {MUTED_COLOR};")
        self.problem = problem_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("Backup", "Restore and restart"))
        self.ok_button.setObjectName("restoreOk")
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(translate("Backup", "Backup file:"), self.file)
        form.addRow(translate("Backup", "User name:"), self.username)
        form.addRow(translate("Backup", "Password (as it was when the backup was made):"), self.password)
        form.addRow(self.replaces)
        form.addRow(warning)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.password.textEdited.connect(lambda _text: self.problem.clear())
        self.password.setFocus()

    def check(self) -> None:
        """Check the backup and the password in the background; on success ask the application to restart."""
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.problem.setText(translate("Backup", "Enter the user name and the password the backup opens with."))
            return
        store, path, new_identity = self.store, self.path, self.replaces.isChecked()

        def job(_token: CancelToken) -> dict[str, Any]:
            return check_restore_login(path, store.paths.root, username, password, new_identity)

        self.ok_button.setEnabled(False)
        self.problem.clear()
        run_in_background(self, job, on_success=lambda manifest: self._checked(manifest, username, password),
                          on_error=self._refused, on_finished=lambda: self.ok_button.setEnabled(True),
                          title=translate("Backup", "Checking the backup…"), cancellable=False)

    def _refused(self, exc: FieldbookError) -> None:
        self.problem.setText(exc.message)
        self.password.clear()

    def _checked(self, manifest: dict[str, Any], username: str, password: str) -> None:
        self.request = RestoreRequest(self.path, username, password, _when(str(manifest.get("created_at", ""))),
                                      self.replaces.isChecked())
        self.accept()
        emit(changes().restore_requested, self.request)
