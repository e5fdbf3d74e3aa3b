"""Settings: district settings, users (administrators), own password, backup, each in its own tab."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.db.keyring import DEFAULT_KDF, KdfParams
from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.i18n import translate
from app.ui.settings.account import AccountTab
from app.ui.settings.backup import BackupTab
from app.ui.settings.general import GeneralSettings
from app.ui.settings.users import UsersTab
from app.ui.widgets import page_header


class SettingsPage(QWidget):
    def __init__(self, store: Store, kdf: KdfParams = DEFAULT_KDF, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.general = GeneralSettings(store)
        self.tabs.addTab(self.general, translate("SettingsPage", "Settings"))
        self.users: UsersTab | None = None
        if has_permission(store.user.role, Permission.MANAGE_USERS):
            self.users = UsersTab(store, kdf)
            self.tabs.addTab(self.users, translate("SettingsPage", "Users"))
        self.account = AccountTab(store, kdf)
        self.tabs.addTab(self.account, translate("SettingsPage", "My password"))
        self.backup = BackupTab(store)
        self.tabs.addTab(self.backup, translate("SettingsPage", "Backup"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(page_header(translate("Pages", "Settings")))
        layout.addWidget(self.tabs, 1)

    def show_backup(self) -> None:
        self.tabs.setCurrentWidget(self.backup)


def create(store: Store) -> QWidget:
    return SettingsPage(store)
