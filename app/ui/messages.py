"""Message boxes for known errors and notices; all open window-modal and never block the event loop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import translate

_parentless: set[QMessageBox] = set()


def open_box(box: QMessageBox) -> QMessageBox:
    """Open ``box`` without blocking; a box with no parent window is kept alive until it is closed."""
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if box.parent() is None:
        _parentless.add(box)
        box.finished.connect(lambda _result: _parentless.discard(box))
    box.open()
    return box


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return open_box(box)


def show_error(parent: QWidget | None, message: str) -> QMessageBox:
    """A known problem (``FieldbookError``): the translated message as it is, no traceback."""
    return _box(parent, QMessageBox.Icon.Warning, translate("Messages", "Fieldbook"), message)


def show_info(parent: QWidget | None, message: str) -> QMessageBox:
    return _box(parent, QMessageBox.Icon.Information, translate("Messages", "Fieldbook"), message)
