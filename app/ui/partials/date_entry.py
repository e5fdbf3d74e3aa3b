"""A date a cadre can trust: typed as ``2025-06-10`` and taken as typed, or refused with a message; or picked
from a calendar that opens on the date shown, else on today (or the field's own sensible day).

Qt's ``QDateEdit`` is not used for typing: it corrects what it cannot take without a word (a future date
beyond its maximum became last year's; a year typed over a selected section did not take), and an empty
optional date showed its minimum, so the calendar opened in January 2000.

The editor keeps ``QDateEdit``'s names where the screens use them (``date()``, ``setDate()``,
``setMaximumDate()``, ``dateChanged``), so a dialog reads it the same way; ``date()`` raises a
``ValidationError`` with the message when the text is not a date it may take.

Signals: dateChanged(QDate) whenever the text becomes another date it takes (while typing, or set by the program),
edited() on any edit by the cadre.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import translate
from app.ui.qtcompat import emit
from app.ui.widgets import FieldMessage

#: ``2025-06-10``, ``2025/6/10``, ``2025.6.10``, ``2025年6月10日`` and ``20250610``: year first, always
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def read_day(text: str) -> dt.date | None:
    """The date ``text`` names (None for an empty text); a ValidationError saying why it is not one."""
    if not text.strip():
        return None
    match = _DATE.match(text) or _COMPACT.match(text)
    if match is None:
        raise ValidationError(translate("Dates", "Type the date as year-month-day, e.g. {example}.",
                                        example=dt.date.today().isoformat()))
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(translate("Dates", "{typed} is not a day of the calendar.",
                                        typed=text.strip())) from None


def _as_day(value: QDate | dt.date) -> dt.date:
    if isinstance(value, QDate):
        return dt.date(value.year(), value.month(), value.day())
    return value


class CalendarPopup(QFrame):
    """The calendar under the editor; a click on a day picks it, Escape or a click elsewhere closes it."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("datePopupCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def _picked(self, day: QDate) -> None:
        emit(self.picked, day)
        self.hide()


class DateEdit(QWidget):
    dateChanged = Signal(QDate)
    edited = Signal()

    def __init__(self, day: dt.date | None = None, name: str = "", *, optional: bool = False,
                 show_message: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.optional = optional
        #: the day the calendar opens on when no date is typed (today unless the field knows better)
        self.calendar_default: dt.date | None = None
        self.minimum: dt.date | None = None
        self.maximum: dt.date | None = None
        self._last_good: dt.date | None = None
        self.line = QLineEdit()
        self.line.setObjectName(f"{name}Text" if name else "dateText")
        self.line.setPlaceholderText(translate("Dates", "YYYY-MM-DD") if not optional
                                     else translate("Dates", "YYYY-MM-DD, or leave empty"))
        self.line.setMaxLength(16)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("2025-06-10__") + 12)
        self.button = QToolButton()
        self.button.setObjectName(f"{name}Calendar" if name else "dateCalendar")
        self.button.setText(translate("Dates", "Calendar"))
        self.button.setToolTip(translate("Dates", "Pick the date from a calendar (Alt+Down)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        self.popup: CalendarPopup | None = None
        self.message = FieldMessage()
        self.message.setObjectName(f"{name}Message" if name else "dateMessage")
        self.message.setVisible(show_message)
        self._show_message = show_message
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addLayout(row)
        column.addWidget(self.message)
        self.setFocusProxy(self.line)
        shortcut = QShortcut(QKeySequence("Alt+Down"), self.line)  # opens the calendar, as Qt's editors do
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.open_calendar)
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._tidy)
        self.setDate(day)

    # -- reading -----------------------------------------------------------------------------------------------
    def day(self) -> dt.date | None:
        """The date typed (None when an optional date is empty); a ValidationError when it may not be taken."""
        day = read_day(self.line.text())
        if day is None:
            if self.optional:
                return None
            raise ValidationError(translate("Dates", "Type a date."))
        if self.minimum is not None and day < self.minimum:
            raise ValidationError(translate("Dates", "{day} is before {first}, the earliest date here.",
                                            day=day.isoformat(), first=self.minimum.isoformat()))
        if self.maximum is not None and day > self.maximum:
            raise ValidationError(translate("Dates", "{day} is after {last}, the latest date here.",
                                            day=day.isoformat(), last=self.maximum.isoformat()))
        return day

    def problem(self) -> str:
        try:
            self.day()
        except ValidationError as exc:
            return exc.message
        return ""

    def date(self) -> QDate:
        """The date as a ``QDate`` (a null one for an empty optional date); raises ValidationError like day()."""
        day = self.day()
        return QDate() if day is None else QDate(day.year, day.month, day.day)

    def text(self) -> str:
        return self.line.text()

    # -- writing -----------------------------------------------------------------------------------------------
    def setDate(self, value: QDate | dt.date | None) -> None:
        day = None if value is None or (isinstance(value, QDate) and not value.isValid()) else _as_day(value)
        self.line.setText(day.isoformat() if day else "")
        self._after_change(notify=True)  # as QDateEdit: dateChanged also when the program sets another date

    def setMaximumDate(self, value: QDate | dt.date) -> None:
        self.maximum = _as_day(value)
        self._after_change(notify=False)

    def maximumDate(self) -> QDate:
        day = self.maximum or dt.date(2099, 12, 31)
        return QDate(day.year, day.month, day.day)

    def minimumDate(self) -> QDate:
        day = self.minimum or dt.date(1900, 1, 1)
        return QDate(day.year, day.month, day.day)

    def setMinimumDate(self, value: QDate | dt.date) -> None:
        self.minimum = _as_day(value)
        self._after_change(notify=False)

    def setText(self, text: str) -> None:
        """Type ``text`` as the cadre would (tests, drafts)."""
        self.line.setText(text)
        self._typed()

    def setReadOnly(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.button.setVisible(not read_only)

    # -- events ------------------------------------------------------------------------------------------------
    def _typed(self, *_args: object) -> None:
        self._after_change(notify=True)
        emit(self.edited)

    def _after_change(self, notify: bool) -> None:
        problem = self.problem()
        if self._show_message:
            self.message.show_error(problem)
        if problem:
            return
        day = self.day()
        if day != self._last_good:
            self._last_good = day
            if notify:
                emit(self.dateChanged, QDate() if day is None else QDate(day.year, day.month, day.day))

    def _tidy(self) -> None:
        """After typing: show a date the editor took in the one way dates are written (2025/6/1 → 2025-06-01)."""
        if self.problem():
            return
        day = self.day()
        tidy = day.isoformat() if day else ""
        if tidy != self.line.text():
            self.line.setText(tidy)

    def opening_day(self) -> dt.date:
        """The day the calendar shows first: the date typed, else the field's default, else today; within limits."""
        try:
            day = self.day()
        except ValidationError:
            day = None
        day = day or self.calendar_default or dt.date.today()
        if self.maximum is not None:
            day = min(day, self.maximum)
        if self.minimum is not None:
            day = max(day, self.minimum)
        return day

    def open_calendar(self) -> CalendarPopup | None:
        if self.line.isReadOnly():
            return None
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        calendar = self.popup.calendar
        calendar.setMinimumDate(QDate(1900, 1, 1) if self.minimum is None
                                else QDate(self.minimum.year, self.minimum.month, self.minimum.day))
        calendar.setMaximumDate(QDate(2099, 12, 31) if self.maximum is None
                                else QDate(self.maximum.year, self.maximum.month, self.maximum.day))
        day = self.opening_day()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        calendar.setCurrentPage(day.year, day.month)
        self.popup.adjustSize()
        below = self.line.mapToGlobal(QPoint(0, self.line.height()))
        screen = self.screen().availableGeometry()
        x = min(below.x(), screen.right() - self.popup.width())
        y = below.y() if below.y() + self.popup.height() <= screen.bottom() else \
            self.line.mapToGlobal(QPoint(0, 0)).y() - self.popup.height()
        self.popup.move(max(screen.left(), x), max(screen.top(), y))
        self.popup.show()
        calendar.setFocus()
        return self.popup

    def _picked(self, day: QDate) -> None:
        self.line.setText(_as_day(day).isoformat())
        self._typed()
        self.line.setFocus()
