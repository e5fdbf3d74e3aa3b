"""The main window: navigation on the left, the chosen page on the right, who/where/lock in the status bar.

Pages come from ``app.ui.pages.PAGES`` and are built on first visit; this window knows nothing about what a
page does. Locking (idle or by the button) swaps the content for the lock screen.

Signals: logout_requested(), closed().
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QStyle,
    QWidget,
)

from app.db.store import Store
from app.domain.permissions import Permission, has_permission, role_label
from app.i18n import translate
from app.settings import IDLE_LOCK_MINUTES, UI_HIGH_CONTRAST, UI_TEXT_SCALE
from app.ui.changes import changes
from app.ui.exchange.background_sync import SyncStatus
from app.ui.exchange.unsent_label import UnsentLabel
from app.ui.help import HelpMenus, set_display
from app.ui.lock import IdleWatcher, LockScreen
from app.ui.login import node_summary
from app.ui.pages import PageSpec, pages_for
from app.ui.partials.controls import ElidingLabel
from app.ui.qtcompat import disconnect, emit
from app.ui.server_dialog import where_text
from app.ui.server_watch import ServerWatch
from app.ui.settings.backup import backup_reminder

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
BACKUP_CHECK_MS = 60 * 60 * 1000

NAV_STYLE = """
#navigation { background: #24364f; color: #e8edf4; border: none; font-size: 11pt; padding-top: 8px; outline: 0; }
#navigation::item { padding: 9px 16px; border-left: 3px solid transparent; }
#navigation::item:hover { background: #2f4664; }
#navigation::item:selected { background: #3b5a80; color: white; border-left: 3px solid #8ab4f8; }
"""


class MainWindow(QMainWindow):
    logout_requested = Signal()
    closed = Signal()

    def __init__(self, store: Store, idle_interval_ms: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.specs: list[PageSpec] = pages_for(store)
        self.pages: dict[str, QWidget] = {}
        self._fixed_interval = idle_interval_ms
        self._hidden_windows: list[QWidget] = []
        self._shut_down = False
        self.setWindowTitle(translate("Main", "Fieldbook — {node}", node=store.info.name))
        # small enough for 1366×768 at 125 % scaling (1093×614 logical, less the taskbar)
        self.setMinimumSize(QSize(800, 500))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAV_STYLE)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in self.specs:
            item = QListWidgetItem(spec.title)
            item.setData(KEY_ROLE, spec.key)
            self.navigation.addItem(item)
        self._fit_navigation()
        self.page_stack = QStackedWidget()
        workspace = QWidget()
        workspace_layout = QHBoxLayout(workspace)
        workspace_layout.setContentsMargins(0, 0, 0, 0)
        workspace_layout.setSpacing(0)
        workspace_layout.addWidget(self.navigation)
        workspace_layout.addWidget(self.page_stack, 1)
        self.workspace = workspace
        self.lock_screen = LockScreen(store)
        self.screens = QStackedWidget()
        self.screens.addWidget(workspace)
        self.screens.addWidget(self.lock_screen)
        self.setCentralWidget(self.screens)
        self._build_status_bar()
        self.help_menus = HelpMenus(self, store)  # View (text size, high contrast) and Help (guide, about)

        self.idle = IdleWatcher(self._idle_interval(), self)
        self.idle.idle.connect(self.lock)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.logout_requested.connect(self.logout_requested)
        self.navigation.currentRowChanged.connect(self._show_row)
        changes().setting_changed.connect(self._setting_changed)
        changes().backup_created.connect(self._update_backup_reminder)
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self._update_backup_reminder)
        self._backup_timer.start()
        lock_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        lock_shortcut.activated.connect(self.lock)
        find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find_shortcut.activated.connect(self.focus_filter)
        self.navigation.setCurrentRow(0)
        self.idle.start()
        self.server_watch: ServerWatch | None = None
        if ServerWatch.wanted(store):  # other desk sessions on the same server database (app/ui/server_watch.py)
            self.server_watch = ServerWatch(store, self)
            self.server_watch.start()

    # -- status bar ---------------------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        user = self.store.user
        self.user_label = QLabel(translate("Main", "{user} ({role})", user=user.display_name,
                                           role=role_label(user.role)))
        self.user_label.setObjectName("statusUser")
        self.node_label = ElidingLabel(node_summary(self.store.info))  # squeezed first on a netbook
        if ServerWatch.wanted(self.store):  # where a hub's data is, when it is not in this computer's file
            self.node_label.setToolTip(where_text(self.store.engine.url._replace(password=None)
                                                  .render_as_string(hide_password=False)))
        self.node_label.setObjectName("statusNode")
        self.backup_button = QPushButton()
        self.backup_button.setObjectName("backupReminder")
        self.backup_button.setFlat(True)
        self.backup_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.backup_button.setStyleSheet("color: #a15c00; font-weight: 600;")
        self.backup_button.clicked.connect(self.show_backup)
        self.lock_button = QPushButton(translate("Main", "Lock"))
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setToolTip(translate("Main", "Lock Fieldbook now (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock)
        self.logout_button = QPushButton(translate("Main", "Log out"))
        self.logout_button.setObjectName("logoutButton")
        self.logout_button.clicked.connect(self.logout_requested)
        bar.addWidget(self.user_label)
        bar.addWidget(QLabel("|"))
        bar.addWidget(self.node_label)
        self.unsent_label: UnsentLabel | None = None
        if has_permission(user.role, Permission.EXCHANGE_DATA):
            self.unsent_label = UnsentLabel(self.store)
            bar.addWidget(self.unsent_label.separator)
            bar.addWidget(self.unsent_label)
        bar.addPermanentWidget(self.backup_button)
        self.sync_status = SyncStatus(self.store, self)  # background sync with the hub (field nodes)
        bar.addPermanentWidget(self.sync_status.label)
        if self.unsent_label is not None:  # the sync line shows the unsent count itself when it is on
            self.unsent_label.defer_to(self.sync_status.label, self.sync_status.status_changed)
        self.sync_status.start()
        bar.addPermanentWidget(self.lock_button)
        bar.addPermanentWidget(self.logout_button)
        self._update_backup_reminder()

    def _update_backup_reminder(self) -> None:
        text = backup_reminder(self.store)
        self.backup_button.setText(text)
        self.backup_button.setVisible(bool(text))

    # -- pages --------------------------------------------------------------------------------------------
    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        spec = self.specs[row]
        page = self.pages.get(spec.key)
        if page is None:
            page = spec.factory(self.store)
            page.setObjectName(f"page:{spec.key}")
            self.pages[spec.key] = page
            self.page_stack.addWidget(page)
        self.page_stack.setCurrentWidget(page)

    def show_page(self, key: str) -> QWidget:
        """Switch to the page ``key`` (building it if needed) and return it."""
        row = next(i for i, spec in enumerate(self.specs) if spec.key == key)
        self.navigation.setCurrentRow(row)
        return self.pages[key]

    def _fit_navigation(self) -> None:
        """At least 190 px, wider when the titles need it (larger text, English), with room for a scroll bar (with
        larger text on a netbook the list scrolls, and its bar would cut the longest title short)."""
        self.navigation.ensurePolished()
        bar = self.navigation.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.navigation)
        self.navigation.setFixedWidth(max(190, self.navigation.sizeHintForColumn(0) + 8 + bar))

    def focus_filter(self) -> QLineEdit | None:
        """Ctrl+F: put the cursor in the current page's filter box (if it has one)."""
        page = self.page_stack.currentWidget()
        target = getattr(page, "filter", None)
        if not isinstance(target, QLineEdit) or not target.isVisible():
            target = next((e for e in page.findChildren(QLineEdit) if e.isVisible() and e.isClearButtonEnabled()),
                          None) if page is not None else None
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            target.selectAll()
        return target

    def current_key(self) -> str:
        return self.specs[self.navigation.currentRow()].key

    def show_backup(self) -> None:
        page = self.show_page("settings")
        show = getattr(page, "show_backup", None)
        if show is not None:
            show()

    # -- locking ------------------------------------------------------------------------------------------
    def _idle_interval(self) -> int:
        if self._fixed_interval is not None:
            return self._fixed_interval
        return self.store.setting(IDLE_LOCK_MINUTES) * 60_000

    def _setting_changed(self, key: str) -> None:
        if key == IDLE_LOCK_MINUTES.key:
            self.idle.set_interval(self._idle_interval())
        if key in (UI_TEXT_SCALE.key, UI_HIGH_CONTRAST.key):  # changed on the settings page
            set_display(self.store)
            self.help_menus.sync()
            self._fit_navigation()
        self._update_backup_reminder()

    @property
    def locked(self) -> bool:
        return self.screens.currentWidget() is self.lock_screen

    def lock(self) -> None:
        if self.locked:
            return
        self.idle.stop()
        # Dialogs and other windows could show records; hide them until the password is given again.
        self._hidden_windows = [w for w in QApplication.topLevelWidgets()
                                if w is not self and w.isVisible() and not w.isHidden()]
        for window in self._hidden_windows:
            window.hide()
        self.screens.setCurrentWidget(self.lock_screen)
        for button in (self.lock_button, self.logout_button):
            button.setEnabled(False)
        self.backup_button.setVisible(False)
        self.lock_screen.reset()

    def unlock(self) -> None:
        self.screens.setCurrentWidget(self.workspace)
        for button in (self.lock_button, self.logout_button):
            button.setEnabled(True)
        self._update_backup_reminder()
        for window in self._hidden_windows:
            window.show()
        self._hidden_windows = []
        self.idle.start()

    # -- closing ------------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop watching input and notices (before the window is replaced by the login window)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.idle.remove()
        self._backup_timer.stop()
        self.sync_status.stop()
        if self.server_watch is not None:
            self.server_watch.stop()
        if self.unsent_label is not None:
            self.unsent_label.stop()
        disconnect(changes().setting_changed, self._setting_changed)
        disconnect(changes().backup_created, self._update_backup_reminder)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
        emit(self.closed)
