"""The inline progress of a dialog's job: a status line, then a progress bar with its Cancel button while it runs.

    self.panel = ProgressPanel("import", "cancelImport")
    self.panel.run(job, text, on_success=..., on_cancelled=..., on_finished=...)

The job goes through :func:`app.ui.operations.run_in_background` (its ``token`` reports progress and sees Cancel),
so it is one job at a time on the operations worker, known errors land in the status line in red (unless the
dialog passes ``on_error``), and ``on_finished`` runs last whatever happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.cancel import CancelToken
from app.errors import FieldbookError
from app.i18n import translate
from app.ui.operations import Operation, run_in_background
from app.ui.widgets import ERROR_COLOR


class ProgressPanel(QWidget):
    """Status line, progress bar and Cancel button of one dialog; object names ``<name>Status`` and
    ``<name>Progress``, and ``cancel_name`` for the button."""

    def __init__(self, name: str, cancel_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operation: Operation[Any] | None = None
        self.status = QLabel()
        self.status.setObjectName(f"{name}Status")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName(f"{name}Progress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(translate("Operations", "Cancel"))
        self.cancel_button.setObjectName(cancel_name)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(row)

    @property
    def busy(self) -> bool:
        return self.operation is not None

    def set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")

    def run(self, job: Callable[[CancelToken], Any], text: str, *, on_success: Callable[[Any], None],
            on_cancelled: Callable[[], None], on_error: Callable[[FieldbookError], None] | None = None,
            on_finished: Callable[[], None] | None = None, **options: Any) -> Operation[Any]:
        """Start ``job`` with ``text`` in the status line; ``options`` go to :func:`run_in_background`."""
        self.set_status(text)
        self.progress.setRange(0, 0)
        self._show_running(True)

        def finished() -> None:
            self.operation = None
            self._show_running(False)
            if on_finished is not None:
                on_finished()

        self.operation = run_in_background(self, job, on_success=on_success, on_error=on_error or self._failed,
                                           on_cancelled=on_cancelled, on_progress=self._progress,
                                           on_finished=finished, title=text, **options)
        return self.operation

    def cancel(self) -> None:
        if self.operation is not None:
            self.operation.cancel()
            self.set_status(translate("Operations", "Cancelling…"))

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 0))
        if total > 0:
            self.progress.setValue(min(done, total))

    def _failed(self, exc: FieldbookError) -> None:
        self.set_status(exc.message, error=True)
