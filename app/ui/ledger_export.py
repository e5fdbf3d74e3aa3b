"""Export a ledger (台账) to Excel from a page: where to, as of which day, masked or full citizen IDs.

The export runs on the operations worker with progress and Cancel; :func:`app.reports.ledgers.export_ledger`
writes a temporary file and renames it only when complete, so a cancelled or failed export leaves no file.
Full citizen IDs are offered only to roles with VIEW_FULL_IDS.

Signals: exported(LedgerResult).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import app.reports.field_ledgers
import app.reports.program_ledgers
import app.reports.risk_ledgers  # noqa: F401  (with the two above: every ledger registered, whichever page asks first)
from app.cancel import CancelToken
from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.i18n import translate
from app.reports.ledgers import LEDGERS, LedgerResult, export_ledger
from app.ui.operations import Operation
from app.ui.partials.editors import date_edit, pydate
from app.ui.partials.progress import ProgressPanel
from app.ui.qtcompat import emit
from app.ui.widgets import MUTED_COLOR


def export_permission_problem(store: Store, kind: str) -> str:
    """Why this user may not export the ledger ``kind`` ('' when they may)."""
    ledger = LEDGERS[kind]
    if has_permission(store.user.role, ledger.permission):
        return ""
    return translate("Ledgers", "Your role may not export ledgers.")


def default_file_name(kind: str, as_of: dt.date) -> str:
    return f"{LEDGERS[kind].sheet}_{as_of.isoformat()}.xlsx"


class LedgerExportDialog(QDialog):
    exported = Signal(object)

    def __init__(self, store: Store, kind: str, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.kind = kind
        self.ledger = LEDGERS[kind]
        self.outcome: LedgerResult | None = None  # not `result`: QDialog.result() is the dialog code
        self.cancelled = False
        self.setWindowTitle(translate("Ledgers", "Export {ledger}", ledger=self.ledger.translated_label()))
        self.setMinimumWidth(560)
        folder = folder or Path.home()
        today = dt.date.today()
        self.path_edit = QLineEdit(str(folder / default_file_name(kind, today)))
        self.path_edit.setObjectName("exportPath")
        browse = QPushButton(translate("Ledgers", "Choose…"))
        browse.clicked.connect(self.choose)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.as_of = date_edit(today, "exportAsOf")
        self.full_ids = QCheckBox(translate("Ledgers", "Full citizen IDs (the file then holds personal data: "
                                                       "keep it safe)"))
        self.full_ids.setObjectName("exportFullIds")
        may_full = has_permission(store.user.role, Permission.VIEW_FULL_IDS)
        self.full_ids.setVisible(may_full)
        masked_note = QLabel(translate("Ledgers", "Citizen IDs are masked (6101**********123X)."))
        masked_note.setStyleSheet(f"color: {MUTED_COLOR};")
        masked_note.setVisible(not may_full)
        form = QFormLayout()
        form.addRow(translate("Ledgers", "Save to:"), path_row)
        form.addRow(translate("Ledgers", "As of:"), self.as_of)
        form.addRow("", self.full_ids if may_full else masked_note)
        self.panel = ProgressPanel("export", "cancelExport")
        self.status, self.cancel_button = self.panel.status, self.panel.cancel_button
        self.export_button = QPushButton(translate("Ledgers", "Export"))
        self.export_button.setObjectName("startExport")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.close_button = QPushButton(translate("Ledgers", "Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.panel)
        layout.addLayout(buttons)
        problem = export_permission_problem(store, kind)
        if problem:
            self.export_button.setEnabled(False)
            self.export_button.setToolTip(problem)
            self._set_status(problem, error=True)

    @property
    def operation(self) -> Operation[Any] | None:
        return self.panel.operation

    def _set_status(self, text: str, error: bool = False) -> None:
        self.panel.set_status(text, error)

    def choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path_edit.text(),
                                              translate("Ledgers", "Excel workbooks (*.xlsx)"))
        if name:
            self.path_edit.setText(name if name.lower().endswith(".xlsx") else name + ".xlsx")

    def start(self) -> None:
        if self.operation is not None or export_permission_problem(self.store, self.kind):
            return
        text = self.path_edit.text().strip()
        if not text:
            self._set_status(translate("Ledgers", "Choose where to save the ledger."), error=True)
            return
        out = Path(text if text.lower().endswith(".xlsx") else text + ".xlsx")
        as_of = pydate(self.as_of)
        full_ids = self.full_ids.isChecked() and has_permission(self.store.user.role, Permission.VIEW_FULL_IDS)
        store, kind = self.store, self.kind
        label = translate("Ledgers", "Exporting {ledger}…", ledger=self.ledger.translated_label())

        def job(token: CancelToken) -> LedgerResult:
            return export_ledger(store, kind, out, as_of=as_of, full_ids=full_ids, cancel=token,
                                 progress=lambda done, total: token.report_progress(done, total, label))

        self.cancelled = False
        self.export_button.setEnabled(False)
        self.panel.run(job, label, on_success=self._done, on_cancelled=self._cancelled, on_finished=self._finished)

    def cancel(self) -> None:
        self.panel.cancel()

    def _done(self, result: LedgerResult) -> None:
        self.outcome = result
        self._set_status(translate("Ledgers", "Exported {rows} rows to {path}.", rows=result.rows, path=result.path))
        emit(self.exported, result)

    def _cancelled(self) -> None:
        self.cancelled = True
        self._set_status(translate("Ledgers", "Export cancelled; no file was written."))

    def _finished(self) -> None:
        self.export_button.setEnabled(not export_permission_problem(self.store, self.kind))
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
