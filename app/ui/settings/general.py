"""Every setting of ``app.settings.REGISTRY`` with an editor by type; saved through ``store.set_setting``.

Only users with ``EDIT_SETTINGS`` may change anything; everybody else sees the values read-only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.errors import FieldbookError
from app.i18n import LANGUAGES, noop, translate
from app.settings import LANGUAGE, REGISTRY, Setting
from app.ui.changes import changes
from app.ui.messages import show_error
from app.ui.partials.editors import qdate
from app.ui.qtcompat import emit
from app.ui.widgets import MUTED_COLOR

_ = noop
#: group boxes by the first part of the setting key, in this order
GROUPS: dict[str, str] = {
    "ui": _("SettingsPage", "Display"),
    "security": _("SettingsPage", "Security"),
    "backup": _("SettingsPage", "Backup"),
    "visits": _("SettingsPage", "Post-loan visits"),
    "loans": _("SettingsPage", "Loans"),
    "risk": _("SettingsPage", "Risk classification"),
    "credit": _("SettingsPage", "Credit rating (评级授信)"),
    "fund": _("SettingsPage", "Risk compensation fund"),
}
SPIN_LIMIT = 2_147_483_647
EDITOR_WIDTH = 170
LABEL_WIDTH = 340


def editor_for(setting: Setting[Any]) -> QWidget:
    """The editor widget for one setting, by its type."""
    if setting is LANGUAGE:
        combo = QComboBox()
        for code in setting.choices:
            combo.addItem(LANGUAGES.get(code, code), code)
        return combo
    if setting.choices:
        combo = QComboBox()
        for choice in setting.choices:
            combo.addItem(str(choice), choice)
        return combo
    if setting.kind is bool:
        return QCheckBox()
    if setting.kind is int:
        spin = QSpinBox()
        spin.setRange(setting.minimum if setting.minimum is not None else -SPIN_LIMIT,
                      setting.maximum if setting.maximum is not None else SPIN_LIMIT)
        spin.setGroupSeparatorShown(True)
        return spin
    if setting.kind is dt.date:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit
    return QLineEdit()


def editor_value(editor: QWidget) -> Any:
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QDateEdit):
        return editor.date().toPython()
    assert isinstance(editor, QLineEdit)
    return editor.text()


def set_editor_value(editor: QWidget, value: Any) -> None:
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(0, editor.findData(value)))
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QSpinBox):
        editor.setValue(int(value))
    elif isinstance(editor, QDateEdit):
        editor.setDate(qdate(value))
    else:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(value))


def set_editor_read_only(editor: QWidget) -> None:
    if isinstance(editor, QSpinBox | QDateEdit | QLineEdit):
        editor.setReadOnly(True)
        if isinstance(editor, QSpinBox | QDateEdit):
            editor.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
    else:
        editor.setEnabled(False)


class GeneralSettings(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.editable = has_permission(store.user.role, Permission.EDIT_SETTINGS)
        self.editors: dict[str, QWidget] = {}
        # One grid for all groups, so every editor lines up in one column.
        content = QWidget()
        self.grid = QGridLayout(content)
        self.grid.setHorizontalSpacing(14)
        self.grid.setColumnStretch(1, 1)
        for prefix, title in GROUPS.items():
            self._add_group(translate("SettingsPage", title),
                            [s for s in REGISTRY.values() if s.key.split(".")[0] == prefix])
        self._add_group(translate("SettingsPage", "Other"),
                        [s for s in REGISTRY.values() if s.key.split(".")[0] not in GROUPS])
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("settingsNotice")
        self.save_button = QPushButton(translate("SettingsPage", "Save settings"))
        self.revert_button = QPushButton(translate("SettingsPage", "Undo changes"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.notice, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        if not self.editable:
            note = QLabel(translate("SettingsPage", "Only an administrator can change these settings; you can "
                                                    "see them here."))
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {MUTED_COLOR};")
            layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.save_button.setVisible(self.editable)
        self.revert_button.setVisible(self.editable)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        self.load()

    def _add_group(self, title: str, members: list[Setting[Any]]) -> None:
        if not members:
            return
        row = self.grid.rowCount()
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.grid.addWidget(heading, row, 0, 1, 2)
        if row > 0:
            heading.setContentsMargins(0, 14, 0, 0)
        for setting in members:
            row += 1
            editor = editor_for(setting)
            editor.setObjectName(f"setting:{setting.key}")
            editor.setToolTip(setting.translated_help())
            if not self.editable:
                set_editor_read_only(editor)
            self.editors[setting.key] = editor
            label = QLabel(setting.translated_label() + translate("SettingsPage", ":"))
            label.setBuddy(editor)
            label.setContentsMargins(12, 0, 0, 0)
            label.setWordWrap(True)  # some labels are long; keep the editors near them
            label.setFixedWidth(LABEL_WIDTH)
            hint = QLabel(translate("SettingsPage", "takes effect after Fieldbook is restarted")
                          if setting is LANGUAGE else setting.translated_help())
            hint.setWordWrap(True)
            hint.setStyleSheet(f"color: {MUTED_COLOR};")
            if isinstance(editor, QSpinBox | QDateEdit | QComboBox):
                editor.setFixedWidth(EDITOR_WIDTH)  # so the hints start in one column
            cell = QHBoxLayout()
            cell.setSpacing(14)
            cell.addWidget(editor)
            cell.addWidget(hint, 1)
            self.grid.addWidget(label, row, 0)
            self.grid.addLayout(cell, row, 1)

    def load(self) -> None:
        for key, editor in self.editors.items():
            set_editor_value(editor, self.store.setting(REGISTRY[key]))
        self.notice.clear()

    def changed_settings(self) -> list[tuple[Setting[Any], Any]]:
        result = []
        for key, editor in self.editors.items():
            setting = REGISTRY[key]
            value = editor_value(editor)
            if value != self.store.setting(setting):
                result.append((setting, value))
        return result

    def save(self) -> None:
        if not self.editable:
            return
        saved: list[Setting[Any]] = []
        for setting, value in self.changed_settings():
            try:
                self.store.set_setting(setting, value)
            except FieldbookError as exc:
                show_error(self, exc.message)
                break
            saved.append(setting)
            emit(changes().setting_changed, setting.key)
        if not saved:
            self.notice.setText(translate("SettingsPage", "Nothing to save: no setting was changed."))
        elif LANGUAGE in saved:
            self.notice.setText(translate("SettingsPage", "Saved. The new language takes effect after Fieldbook "
                                                          "is restarted."))
        else:
            self.notice.setText(translate("SettingsPage", "Saved {n} settings.", n=len(saved)))
