"""Dialog pieces the screens share: the problem line under the fields, OK/Cancel, and :class:`WriteDialog`."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from app.errors import FieldbookError
from app.ui.changes import DataKind, notify
from app.ui.widgets import ERROR_COLOR


def problem_label() -> QLabel:
    """The red line under a dialog's fields that says why it cannot be saved."""
    label = QLabel()
    label.setObjectName("dialogProblem")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    return label


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class WriteDialog(QDialog):
    """A form dialog whose OK runs ``save()``; a :class:`FieldbookError` stays in the dialog, under the fields.

    Subclasses add their rows to ``self.form``, call :meth:`finish_form`, implement :meth:`save` and name in
    ``CHANGES`` what a save changes (the change board tells the pages)."""

    CHANGES: ClassVar[frozenset[DataKind]] = frozenset()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout(self)
        self.problem = problem_label()
        self.buttons = ok_cancel(self)

    def finish_form(self) -> None:
        self.form.addRow(self.problem)
        self.form.addRow(self.buttons)

    def save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.save()
        except FieldbookError as exc:
            self.problem.setText(exc.message)
            return
        notify(self.CHANGES)
        super().accept()


def open_modal(dialog: QDialog, on_accepted: Callable[[], None] | None = None) -> QDialog:
    """Open ``dialog`` modal to its window (without blocking); ``on_accepted`` runs after OK saved."""
    dialog.setModal(True)
    if on_accepted is not None:
        dialog.accepted.connect(on_accepted)
    dialog.open()
    return dialog
