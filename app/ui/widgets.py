"""Small widgets shared by the windows: inline field messages, the new-password pair, the empty state."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.db.credentials import MIN_PASSWORD, password_problem
from app.i18n import translate
from app.ui.qtcompat import emit

ERROR_COLOR = "#b3261e"
MUTED_COLOR = "#5f6368"


class FieldMessage(QLabel):
    """The message line under a field: red for a problem, empty when there is none.

    Its line is always there, empty or not, so that fields do not move as messages come and go (the next click
    lands where the cadre aimed). A message longer than the field is wide wraps onto more lines.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOR};")
        self.setMinimumHeight(self.fontMetrics().height())
        # its width is the field's: a long message wraps, it never widens the column (the other column would
        # move sideways under the cadre's pointer)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # larger text (View menu): a taller reserved line
            self.setMinimumHeight(self.fontMetrics().height())

    def show_error(self, text: str) -> None:
        if text != self.text():
            self.setText(text)

    def has_message(self) -> bool:
        return bool(self.text())

    def clear_message(self) -> None:
        self.show_error("")


def with_message(field: QWidget, message: FieldMessage) -> QWidget:
    """The field with its message right below it, as one cell of a form."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(message)
    return box


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class NewPasswordFields(QObject):
    """A password typed twice, checked as it is typed; used wherever a password is set.

    Signals: changed() whenever either field changes.
    """

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.password = password_edit(translate("Forms", "at least {n} characters", n=MIN_PASSWORD))
        self.repeat = password_edit(translate("Forms", "the same password again"))
        self.password_message = FieldMessage()
        self.repeat_message = FieldMessage()
        self.password.textChanged.connect(self._check)
        self.repeat.textChanged.connect(self._check)

    def add_to(self, form: QFormLayout, label: str | None = None) -> None:
        form.addRow(label or translate("Forms", "Password:"), with_message(self.password, self.password_message))
        form.addRow(translate("Forms", "Repeat password:"), with_message(self.repeat, self.repeat_message))

    def _check(self) -> None:
        text, repeat = self.password.text(), self.repeat.text()
        self.password_message.show_error(password_problem(text) if text else "")
        if repeat and repeat != text:
            self.repeat_message.show_error(translate("Forms", "The two passwords differ."))
        else:
            self.repeat_message.clear_message()
        emit(self.changed)

    def is_valid(self) -> bool:
        return not password_problem(self.password.text()) and self.password.text() == self.repeat.text()

    def value(self) -> str:
        return self.password.text()

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()


class EmptyState(QWidget):
    """A page or list with nothing to show yet: a title and one honest sentence, centred."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("emptyStateTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        body = QLabel(text)
        body.setObjectName("emptyStateText")
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setWordWrap(True)
        body.setStyleSheet(f"color: {MUTED_COLOR}; font-size: 11pt;")
        # No alignment flags around the wrapped label: they would break its height-for-width (cut-off text).
        column = QWidget()
        column.setMaximumWidth(560)
        column_layout = QVBoxLayout(column)
        column_layout.addWidget(heading)
        column_layout.addSpacing(8)
        column_layout.addWidget(body)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


def page_header(title: str, subtitle: str = "") -> QWidget:
    """The title line at the top of a page."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 8)
    heading = QLabel(title)
    heading.setObjectName("pageTitle")
    heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
    layout.addWidget(heading)
    if subtitle:
        sub = QLabel(subtitle)
        sub.setWordWrap(True)
        sub.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(sub)
    return box
