"""Backup: when the last one was made, "Back up now" to a chosen folder, "Restore from a backup" (the dialog is
:mod:`app.ui.settings.restore`), and the reminder for the status bar.

The backup itself is ``app.db.backup.create_backup(store, folder)``, which records the meta key
``last_backup_at``; it runs through the background helper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.cancel import CancelToken
from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.i18n import translate
from app.settings import BACKUP_REMINDER_DAYS
from app.ui.changes import changes
from app.ui.operations import run_in_background
from app.ui.qtcompat import emit
from app.ui.settings.restore import RestoreDialog, choose_backup_file
from app.ui.widgets import MUTED_COLOR

LAST_BACKUP_META = "last_backup_at"


def last_backup(store: Store) -> dt.datetime | None:
    """When the last backup was made (UTC), or None."""
    raw = store.meta(LAST_BACKUP_META)
    if not raw:
        return None
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        return None
    return when.astimezone(dt.UTC).replace(tzinfo=None) if when.tzinfo else when


def backup_reminder(store: Store, now: dt.datetime | None = None) -> str:
    """A reminder for the status bar when a backup is due; '' when the last one is recent enough."""
    if store.engine.dialect.name != "sqlite":
        return ""  # a server database is backed up on the server (pg_dump, docs/hub.md)
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    when = last_backup(store)
    days = store.setting(BACKUP_REMINDER_DAYS)
    if when is None:
        return translate("Backup", "No backup yet: back up now")
    age = (now - when).days
    if age < days:
        return ""
    return translate("Backup", "Last backup {days} days ago: back up now", days=age)


def backup_function() -> Callable[[Store, Path], Path] | None:
    """``app.db.backup.create_backup`` when this build has it."""
    try:
        from app.db.backup import create_backup
    except ImportError:
        return None
    return create_backup


def choose_folder(parent: QWidget) -> Path | None:
    """Ask where to write the backup (a removable drive, ideally); None when the user cancels."""
    folder = QFileDialog.getExistingDirectory(parent, translate("Backup", "Choose the folder for the backup"),
                                              str(Path.home()))
    return Path(folder) if folder else None


class BackupTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.result = QLabel()
        self.result.setObjectName("backupResult")
        self.result.setWordWrap(True)
        self.backup_button = QPushButton(translate("Backup", "Back up now…"))
        self.restore_button = QPushButton(translate("Backup", "Restore from a backup…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_note = QLabel()
        self.restore_note.setObjectName("restoreNote")
        self.restore_note.setWordWrap(True)
        self.restore_note.setStyleSheet(f"color: {MUTED_COLOR};")
        explain = QLabel(translate("Backup", "A backup is an encrypted copy of the whole database, made while "
                                             "Fieldbook keeps running. Keep it on a USB stick away from this "
                                             "computer; it opens only with a password or the recovery code of "
                                             "this node."))
        explain.setWordWrap(True)
        explain.setStyleSheet(f"color: {MUTED_COLOR};")
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(640)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.status)
        box_layout.addWidget(explain)
        box_layout.addSpacing(8)
        box_layout.addLayout(row)
        box_layout.addWidget(self.result)
        box_layout.addWidget(self.restore_note)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore)
        may_restore = has_permission(store.user.role, Permission.RESTORE)
        self.restore_button.setEnabled(may_restore)
        if not may_restore:
            self.restore_note.setText(translate("Backup", "Only the administrator may restore a backup."))
        changes().backup_created.connect(self._refresh)
        allowed = has_permission(store.user.role, Permission.BACKUP)
        available = backup_function() is not None
        self.backup_button.setEnabled(allowed and available)
        if not available:
            self.result.setText(translate("Backup", "Backups are not available in this version yet."))
        elif not allowed:
            self.result.setText(translate("Backup", "Your role may not make backups."))
        self._refresh()

    def _refresh(self) -> None:
        when = last_backup(self.store)
        if when is None:
            self.status.setText(translate("Backup", "No backup has been made on this node yet."))
        else:
            local = when.replace(tzinfo=dt.UTC).astimezone()
            self.status.setText(translate("Backup", "Last backup: {when}", when=local.strftime("%Y-%m-%d %H:%M")))

    def back_up(self) -> None:
        create_backup = backup_function()
        if create_backup is None:
            return
        folder = choose_folder(self)
        if folder is None:
            return
        store = self.store

        def job(_token: CancelToken) -> Path:
            return create_backup(store, folder)

        self.backup_button.setEnabled(False)
        self.result.clear()
        run_in_background(self, job, on_success=self._done, on_finished=lambda: self.backup_button.setEnabled(True),
                          title=translate("Backup", "Backing up…"), cancellable=False)

    def _done(self, path: Path) -> None:
        self.result.setText(translate("Backup", "Backup written to {path}", path=path))
        emit(changes().backup_created, str(path))

    def restore(self) -> RestoreDialog | None:
        """Choose a backup and open the restore dialog (which asks the application to restart into it)."""
        path = choose_backup_file(self)
        if path is None:
            return None
        dialog = RestoreDialog(self.store, path, self)
        dialog.setModal(True)
        dialog.open()
        return dialog
