"""Typed input fields for the record forms: each wraps one widget and its message line.

A field gives the form three things: ``value()`` (the typed Python value the domain rules take; raises
ValidationError when what was typed cannot be read, e.g. "12,0x" yuan), ``raw()`` / ``set_raw()`` (what was
typed, JSON-able, for drafts: a half-typed amount comes back exactly as it was) and ``changed`` (any edit).

Signals (of :class:`Field`): changed().
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.domain.money import parse_yuan, yuan
from app.i18n import translate
from app.models.enums import Labelled
from app.ui.partials.date_entry import DateEdit
from app.ui.qtcompat import emit
from app.ui.widgets import ERROR_COLOR, MUTED_COLOR, FieldMessage


class Field(QObject):
    #: show the length counter from the first character (notes), not only once the text is half the limit
    always_count = False

    changed = Signal()

    def __init__(self, name: str, label: str, widget: QWidget) -> None:
        super().__init__(widget)
        self.name = name
        self.label = label
        self.widget = widget
        self.message = FieldMessage()
        self.message.setObjectName(f"message_{name}")
        widget.setObjectName(f"field_{name}")
        #: the user has edited this field (messages show for touched fields until a submit is tried)
        self.touched = False
        #: the longest text the field takes (text fields; from the domain's TEXT_LIMITS), for a counter
        self.max_length: int | None = None
        self.counter = QLabel()
        self.counter.setObjectName(f"counter_{name}")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.counter.setVisible(False)

    def _edited(self, *args: Any) -> None:
        self.touched = True
        self.update_counter()
        emit(self.changed)

    def text_length(self) -> int | None:
        """How many characters a text field holds (None: not a text field)."""
        return None

    def update_counter(self) -> None:
        """"120/2,000" beside the message while there is text in a field with a limit; red beyond the limit."""
        length = self.text_length()
        if self.max_length is None or length is None:
            self.counter.setVisible(False)
            return
        over = length > self.max_length
        self.counter.setText(translate("Forms", "{length}/{limit}", length=f"{length:,}", limit=f"{self.max_length:,}"))
        self.counter.setStyleSheet(f"color: {ERROR_COLOR if over else MUTED_COLOR};")
        self.counter.setToolTip(translate("Forms", "At most {limit} characters.", limit=self.max_length))
        # a note always counts (that is where long text is typed); a line only once it is half full ("3/100"
        # under every name was noise)
        self.counter.setVisible(length > 0 and (self.always_count or length * 2 >= self.max_length))

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def raw(self) -> Any:
        return self.value()

    def set_raw(self, raw: Any) -> None:
        self.set_value(raw)

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)


class TextField(Field):
    def __init__(self, name: str, label: str, placeholder: str = "", max_length: int = 200) -> None:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        super().__init__(name, label, edit)
        self.edit = edit
        self.max_length = max_length
        edit.textEdited.connect(self._edited)

    def value(self) -> str:
        return self.edit.text().strip()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))
        self.update_counter()

    def text_length(self) -> int:
        return len(self.edit.text().strip())

    def set_max_length(self, limit: int) -> None:
        self.max_length = limit
        self.edit.setMaxLength(limit)
        self.update_counter()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class NoteField(Field):
    """Several lines of text; Tab moves on to the next field (a form is filled with the keyboard)."""

    always_count = True

    def __init__(self, name: str, label: str, placeholder: str = "", lines: int = 3) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        super().__init__(name, label, edit)
        self.edit = edit
        edit.textChanged.connect(self._text_changed)
        self._loading = False

    def _text_changed(self) -> None:
        if not self._loading:
            self._edited()

    def value(self) -> str:
        return self.edit.toPlainText().strip()

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.edit.setPlainText("" if value is None else str(value))
        finally:
            self._loading = False
        self.update_counter()

    def text_length(self) -> int:
        return len(self.edit.toPlainText().strip())

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class DateField(Field):
    """A date typed as 2025-06-10 (or picked from the calendar, which opens on the date shown, else on
    ``default`` or today); an optional one may be left empty. A text that is not a date is refused with a message
    under the field, never changed into another date."""

    def __init__(self, name: str, label: str, optional: bool = False, default: dt.date | None = None) -> None:
        edit = DateEdit(None if optional else dt.date.today(), optional=optional, show_message=False)
        edit.calendar_default = default
        self.optional = optional
        super().__init__(name, label, edit)
        self.edit = edit
        edit.edited.connect(self._edited)
        edit.dateChanged.connect(self._edited)

    def value(self) -> dt.date | None:
        return self.edit.day()

    def set_value(self, value: Any) -> None:
        if isinstance(value, str) and value:
            value = dt.date.fromisoformat(value)
        self.edit.blockSignals(True)  # loading a value is not an edit
        try:
            self.edit.setDate(value if isinstance(value, dt.date) else None)
        finally:
            self.edit.blockSignals(False)

    def raw(self) -> str | None:
        return self.edit.text().strip() or None  # as typed: a half-typed date comes back from a draft as it was

    def set_raw(self, raw: Any) -> None:
        self.edit.line.setText("" if raw is None else str(raw))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class ChoiceField(Field):
    """One of an enum's members, shown by its translated label; optional ones start with "—", and ones the cadre
    must answer on the spot (``must_choose``) start unset with "— choose —" until a value is given."""

    def __init__(self, name: str, label: str, enum: type[Labelled], optional: bool = False,
                 members: Sequence[Labelled] | None = None, must_choose: bool = False) -> None:
        combo = QComboBox()
        if optional:
            combo.addItem("—", None)
        elif must_choose:
            combo.addItem(translate("Forms", "— choose —"), None)
        for member in members or list(enum):
            combo.addItem(member.label, member.value)
        super().__init__(name, label, combo)
        self.enum = enum
        self.combo = combo
        combo.currentIndexChanged.connect(self._index_changed)
        self._loading = False

    def _index_changed(self, index: int) -> None:
        if not self._loading:
            self._edited()

    def value(self) -> Labelled | None:
        data = self.combo.currentData()
        return None if data is None else self.enum(data)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            index = self.combo.findData(None if value is None else str(getattr(value, "value", value)))
            self.combo.setCurrentIndex(max(index, 0))
        finally:
            self._loading = False

    def raw(self) -> str | None:
        value = self.value()
        return None if value is None else value.value

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)


class OptionField(Field):
    """A choice among (value, label) pairs that are not an enum: yes / no / not checked, a household member."""

    def __init__(self, name: str, label: str, options: Sequence[tuple[Any, str]]) -> None:
        combo = QComboBox()
        self._values: list[Any] = []
        for value, text in options:
            combo.addItem(text)
            self._values.append(value)
        super().__init__(name, label, combo)
        self.combo = combo
        combo.currentIndexChanged.connect(self._index_changed)
        self._loading = False

    def _index_changed(self, index: int) -> None:
        if not self._loading:
            self._edited()

    def value(self) -> Any:
        index = self.combo.currentIndex()
        return self._values[index] if index >= 0 else None

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            if value in self._values:
                self.combo.setCurrentIndex(self._values.index(value))
        finally:
            self._loading = False

    def raw(self) -> Any:
        value = self.value()
        return str(value) if isinstance(value, uuid.UUID) else value

    def set_raw(self, raw: Any) -> None:
        for candidate in self._values:
            if candidate == raw or (isinstance(candidate, uuid.UUID) and str(candidate) == raw):
                self.set_value(candidate)
                return

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)


def yes_no_unknown(name: str, label: str) -> OptionField:
    return OptionField(name, label, [(None, translate("Forms", "Not checked")), (True, translate("Forms", "Yes")),
                                     (False, translate("Forms", "No"))])


class MoneyField(Field):
    """An amount typed in yuan ("12,000" or "3500.50"), held as integer fen."""

    def __init__(self, name: str, label: str, optional: bool = True) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(translate("Forms", "yuan, e.g. 12,000"))
        super().__init__(name, label, edit)
        self.edit = edit
        self.optional = optional
        edit.textEdited.connect(self._edited)

    def value(self) -> int | None:
        fen = parse_yuan(self.edit.text(), allow_empty=self.optional)
        return fen

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if not value else yuan(int(value)))

    def raw(self) -> str:
        return self.edit.text()

    def set_raw(self, raw: Any) -> None:
        self.edit.setText("" if raw is None else str(raw))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class IntField(Field):
    def __init__(self, name: str, label: str, minimum: int = 0, maximum: int = 100, suffix: str = "") -> None:
        spin = QSpinBox()
        spin.setRange(minimum, maximum)
        spin.setMaximumWidth(140)
        if suffix:
            spin.setSuffix(suffix)
        super().__init__(name, label, spin)
        self.spin = spin
        spin.valueChanged.connect(self._value_changed)
        self._loading = False

    def _value_changed(self, value: int) -> None:
        if not self._loading:
            self._edited()

    def value(self) -> int:
        return int(self.spin.value())

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.spin.setValue(int(value or 0))
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.spin.setReadOnly(read_only)


class BoolField(Field):
    """A yes/no fact, with its label on the check box itself."""

    def __init__(self, name: str, label: str) -> None:
        box = QCheckBox(label)
        super().__init__(name, label, box)
        self.box = box
        box.toggled.connect(self._toggled)
        self._loading = False

    def _toggled(self, checked: bool) -> None:
        if not self._loading:
            self._edited()

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.box.setChecked(bool(value))
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.box.setEnabled(not read_only)
