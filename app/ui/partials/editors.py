"""Date and money editors, and the ``QDate`` ↔ ``datetime.date`` conversions (the one place they are written).

PySide6 would take a ``date`` for a ``QDate`` and give one back through ``toPython()``, but its type stubs know
neither, so the conversions are spelled out here once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDoubleSpinBox

from app.domain.money import to_fen, to_yuan
from app.i18n import translate
from app.ui.partials.date_entry import DateEdit

DATE_FORMAT = "yyyy-MM-dd"
#: the largest amount a yuan editor takes (100 million yuan)
MAX_YUAN = 100_000_000


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate | QDateEdit | DateEdit) -> dt.date:
    """The date a ``QDate`` (or a date editor) holds; a :class:`DateEdit` whose text is not a date it takes raises
    ``ValidationError`` with the message it shows."""
    if isinstance(value, QDateEdit | DateEdit):
        value = value.date()
    return dt.date(value.year(), value.month(), value.day())


def date_edit(day: dt.date, name: str = "") -> DateEdit:
    """A ``YYYY-MM-DD`` editor with a calendar pop-up, taking typed dates as typed (:mod:`date_entry`)."""
    return DateEdit(day, name)


def yuan_edit(name: str, value_fen: int = 0) -> QDoubleSpinBox:
    """An amount in yuan with two decimals and group separators; read it back with :func:`fen_of`."""
    edit = QDoubleSpinBox()
    edit.setObjectName(name)
    edit.setDecimals(2)
    edit.setRange(0, MAX_YUAN)
    edit.setSingleStep(100)
    edit.setGroupSeparatorShown(True)
    edit.setSuffix(translate("ProgramPages", " yuan"))
    set_fen(edit, value_fen)
    return edit


def fen_of(edit: QDoubleSpinBox) -> int:
    return to_fen(edit.value())


def set_fen(edit: QDoubleSpinBox, fen: int) -> None:
    edit.setValue(to_yuan(fen))
