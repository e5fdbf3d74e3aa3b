"""Message boxes for known errors and notices; all open window-modal and never block the event loop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import translate


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    box.open()
    return box


def show_error(parent: QWidget | None, message: str) -> QMessageBox:
    """A known problem (``FieldbookError``): the translated message as it is, no traceback."""
    return _box(parent, QMessageBox.Icon.Warning, translate("Messages", "Fieldbook"), message)


def show_info(parent: QWidget | None, message: str) -> QMessageBox:
    return _box(parent, QMessageBox.Icon.Information, translate("Messages", "Fieldbook"), message)
