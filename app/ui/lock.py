"""Locking: an idle watcher over the whole application and the lock screen that asks for the password.

While locked the database stays open (a job may still be running) but nothing of it is visible: the main
window shows only the lock screen and the application's other windows are hidden until the password is given.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFormLayout, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.cancel import CancelToken
from app.db.store import Store
from app.domain.permissions import role_label
from app.errors import FieldbookError, WrongPassword
from app.i18n import translate
from app.ui.operations import run_in_background
from app.ui.qtcompat import emit
from app.ui.widgets import MUTED_COLOR, FieldMessage, password_edit, with_message

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    """Emits ``idle`` after ``interval_ms`` without keyboard, mouse or touch input anywhere in the application.

    Signals: idle().
    """

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        if self._timer.isActive():
            self._timer.start()

    def interval(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def remove(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockScreen(QWidget):
    """Shown in place of the main window's content; asks the current user's password.

    Signals: unlocked(), logout_requested().
    """

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("lockScreen")
        self.password = password_edit()
        self.message = FieldMessage()
        self.unlock_button = QPushButton(translate("Lock", "Unlock"))
        self.unlock_button.setDefault(True)
        self.logout_button = QPushButton(translate("Lock", "Log out"))
        self.logout_button.setFlat(True)

        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(420)
        card.setStyleSheet("#lockCard { background: white; border: 1px solid #d8dce3; border-radius: 10px; }")
        title = QLabel(translate("Lock", "Fieldbook is locked"))
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        who = QLabel(translate("Lock", "{user} ({role}) — enter your password to continue.",
                               user=store.user.display_name, role=role_label(store.user.role)))
        who.setWordWrap(True)
        who.setStyleSheet(f"color: {MUTED_COLOR};")
        form = QFormLayout()
        form.addRow(translate("Lock", "Password:"), with_message(self.password, self.message))
        layout = QVBoxLayout(card)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self.logout_button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockScreen { background: #f3f5f8; }")

        self.password.returnPressed.connect(self.submit)
        self.password.textEdited.connect(self.message.clear_message)
        self.unlock_button.clicked.connect(self.submit)
        self.logout_button.clicked.connect(self.logout_requested)

    def reset(self) -> None:
        self.password.clear()
        self.message.clear_message()
        self.password.setFocus()

    def submit(self) -> None:
        password = self.password.text()
        if not password or not self.unlock_button.isEnabled():
            return
        store = self.store

        def job(_token: CancelToken) -> None:
            store.verify_password(password)

        self.unlock_button.setEnabled(False)
        run_in_background(self, job, on_success=lambda _: emit(self.unlocked), on_error=self._failed,
                          on_finished=lambda: self.unlock_button.setEnabled(True),
                          title=translate("Lock", "Checking the password…"), cancellable=False)

    def _failed(self, exc: FieldbookError) -> None:
        # the lock screen asks only for the password: "wrong user name or password" would send the cadre looking
        # for a user name field
        self.message.show_error(translate("Lock", "Wrong password. Type the password of {user} again.",
                                          user=self.store.user.display_name) if isinstance(exc, WrongPassword)
                                else exc.message)
        self.password.clear()
        self.password.setFocus()
