"""Import a household roster (花名册) or a bank's loan list from .xlsx, .xls or .ods: preview first, then commit.

Choosing a file runs a dry run on the operations worker (progress, Cancel) and shows what the import would do:
how the file was read (which column fed a field two columns could feed, hidden rows not read, fields left out of
rows), counts of added / updated / unchanged / refused per category and every refused row with its reasons. "Import"
then commits in the background; "Save error workbook…" writes the refused rows, with their reasons, to a workbook
the office can correct and send back. A file that is not a readable workbook gets one clear message.

Signals: imported(ImportReport) after a committed import that changed something (the page that opened the dialog
refreshes on it); the change board hears of every committed import (``IMPORT_CHANGES``, with this dialog as its
origin), so the other pages showing households or loans refresh too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.cancel import CancelToken
from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.i18n import translate
from app.reports.import_households import import_households
from app.reports.import_loans import import_loans
from app.reports.import_repayments import import_repayments
from app.reports.reader import SUFFIXES
from app.reports.xlsx_import import ImportReport
from app.ui.changes import DataKind
from app.ui.messages import show_info
from app.ui.operations import Operation
from app.ui.partials.progress import ProgressPanel
from app.ui.partials.table import fill_table, read_only_table
from app.ui.qtcompat import emit
from app.ui.widgets import MUTED_COLOR

HOUSEHOLDS, LOANS, REPAYMENTS = "households", "loans", "repayments"
#: what a committed import may change, for the change board
IMPORT_CHANGES = {HOUSEHOLDS: {DataKind.HOUSEHOLDS}, LOANS: {DataKind.LOANS}, REPAYMENTS: {DataKind.LOANS}}
CATEGORY_LABELS = {"households": "Households", "members": "Members", "villages": "Villages",
                   "status_changes": "Status changes", "loans": "Loans", "banks": "Banks",
                   "repayments": "Repayments"}


def import_permission_problem(store: Store, kind: str) -> str:
    """Why this user may not import ``kind`` ('' when they may); the same rule as the import itself."""
    role = store.user.role
    if kind == HOUSEHOLDS:
        if has_permission(role, Permission.IMPORT_HOUSEHOLDS) or has_permission(role, Permission.EDIT_HOUSEHOLDS):
            return ""
        return translate("Import", "Your role may not import the household roster.")
    if has_permission(role, Permission.IMPORT_LOANS):
        return ""
    return translate("Import", "Only a bank officer (or an administrator) may import loan lists.")


def _importer(kind: str) -> Callable[..., ImportReport]:
    return {HOUSEHOLDS: import_households, LOANS: import_loans, REPAYMENTS: import_repayments}[kind]


class ImportDialog(QDialog):
    imported = Signal(object)

    def __init__(self, store: Store, kind: str = HOUSEHOLDS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.kind = kind
        self.path: Path | None = None
        self.preview: ImportReport | None = None  # the last dry run
        self.report: ImportReport | None = None  # the committed import
        self.errors_path: Path | None = None
        self.permission_problem = import_permission_problem(store, kind)
        households = kind == HOUSEHOLDS
        self.setWindowTitle(translate("Import", "Import household roster") if households
                            else translate("Import", "Import repayments") if kind == REPAYMENTS
                            else translate("Import", "Import loan list"))
        self.resize(900, 600)

        hint = QLabel(translate("Import", "Choose the roster (建档立卡花名册): an .xlsx, .xls or .ods workbook. "
                                          "Fieldbook first shows what the import would change; nothing is written "
                                          "until you press Import.") if households else
                      translate("Import", "Choose the bank's repayment statement (还款流水): an .xlsx, .xls or .ods "
                                          "workbook with contract number, date, principal, interest and 欠息. A "
                                          "repayment already recorded is left as it is. Fieldbook first shows what "
                                          "the import would change; nothing is written until you press Import.")
                      if kind == REPAYMENTS
                      else translate("Import", "Choose the bank's loan list: an .xlsx, .xls or .ods workbook. "
                                               "Borrowers must be in the household roster already. Fieldbook first "
                                               "shows what the import would change; nothing is written until you "
                                               "press Import."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(translate("Import", "No file chosen"))
        self.choose_button = QPushButton(translate("Import", "Choose file…"))
        self.choose_button.setObjectName("chooseFile")
        self.choose_button.clicked.connect(self.choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)

        self.panel = ProgressPanel("import", "cancelImport")
        self.status, self.cancel_button = self.panel.status, self.panel.cancel_button

        self.counts = read_only_table("importCounts")
        self.counts.horizontalHeader().setMinimumSectionSize(90)
        self.counts.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.refused = read_only_table("refusedRows")
        self.refused.setWordWrap(True)
        refused_box = QWidget()
        refused_layout = QVBoxLayout(refused_box)
        refused_layout.setContentsMargins(0, 0, 0, 0)
        self.refused_title = QLabel(translate("Import", "Refused rows"))
        self.refused_title.setStyleSheet("font-weight: 600;")
        refused_layout.addWidget(self.refused_title)
        refused_layout.addWidget(self.refused, 1)
        self.reading_notes = QLabel()
        self.reading_notes.setObjectName("readingNotes")
        self.reading_notes.setWordWrap(True)
        self.results = QWidget()
        results_layout = QVBoxLayout(self.results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.reading_notes)
        results_layout.addWidget(self.counts)
        results_layout.addWidget(refused_box, 1)
        self.results.setVisible(False)

        self.errors_button = QPushButton(translate("Import", "Save error workbook…"))
        self.errors_button.setObjectName("saveErrors")
        self.errors_button.setToolTip(translate("Import", "The refused rows with their reasons, to correct and "
                                                          "import again"))
        self.errors_button.clicked.connect(self.choose_errors_path)
        self.import_button = QPushButton(translate("Import", "Import"))
        self.import_button.setObjectName("commitImport")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.commit)
        self.close_button = QPushButton(translate("Import", "Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.errors_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(file_row)
        layout.addWidget(self.panel)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        if self.permission_problem:
            self.choose_button.setEnabled(False)
            self.choose_button.setToolTip(self.permission_problem)
            self._set_status(self.permission_problem, error=True)
        self._update_buttons()

    # -- state ----------------------------------------------------------------------------------------------
    @property
    def operation(self) -> Operation[Any] | None:
        return self.panel.operation

    @property
    def busy(self) -> bool:
        return self.panel.busy

    def _set_status(self, text: str, error: bool = False) -> None:
        self.panel.set_status(text, error)

    def _update_buttons(self) -> None:
        preview = self.preview
        committed = self.report is not None
        can_import = (not self.busy and not self.permission_problem and preview is not None and preview.changed
                      and not committed)
        self.import_button.setEnabled(can_import)
        if self.permission_problem:
            self.import_button.setToolTip(self.permission_problem)
        elif committed:
            self.import_button.setToolTip(translate("Import", "This file has been imported."))
        elif preview is not None and not preview.changed:
            self.import_button.setToolTip(translate("Import", "Nothing to import: every row is unchanged or "
                                                              "refused."))
        elif preview is None:
            self.import_button.setToolTip(translate("Import", "Choose a file first; the import is previewed "
                                                              "before anything is written."))
        else:
            self.import_button.setToolTip("")
        has_refused = preview is not None and bool(preview.refused)
        self.errors_button.setEnabled(has_refused and not self.busy)
        self.choose_button.setEnabled(not self.busy and not self.permission_problem)

    # -- choosing and previewing ------------------------------------------------------------------------------
    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), str(self.path.parent if self.path else ""),
                                              translate("Import", "Workbooks ({patterns});;All files (*)",
                                                        patterns=" ".join("*" + s for s in SUFFIXES)))
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path | str) -> None:
        """Show ``path`` and start its dry run."""
        if self.busy or self.permission_problem:
            return
        self.path = Path(path)
        self.path_edit.setText(str(self.path))
        self.preview = self.report = None
        self.results.setVisible(False)
        self._run(dry_run=True, errors_out=None, text=translate("Import", "Reading {name}…", name=self.path.name),
                  on_success=self._previewed)

    def _run(self, dry_run: bool, errors_out: Path | None, text: str,
             on_success: Callable[[ImportReport], None]) -> None:
        assert self.path is not None
        path, store, importer = self.path, self.store, _importer(self.kind)

        def job(token: CancelToken) -> ImportReport:
            return importer(store, path, dry_run=dry_run, errors_out=errors_out,
                            progress=lambda done, total: token.report_progress(done, total, text), cancel=token)

        self.panel.run(job, text, on_success=on_success, on_cancelled=self._cancelled,
                       on_finished=self._update_buttons, changes=() if dry_run else IMPORT_CHANGES[self.kind],
                       origin=self)
        self._update_buttons()

    def cancel(self) -> None:
        self.panel.cancel()

    def _cancelled(self) -> None:
        self._set_status(translate("Import", "Cancelled; nothing was written."))

    def _previewed(self, report: ImportReport) -> None:
        self.preview = report
        self._show_report(report)
        if report.changed:
            head = translate("Import", "Preview of {name} ({rows} rows read): press Import to write these changes.",
                             name=report.path.name, rows=report.rows_read)
        else:
            head = translate("Import", "Preview of {name} ({rows} rows read): nothing would change.",
                             name=report.path.name, rows=report.rows_read)
        self._set_status(head)

    def _show_report(self, report: ImportReport) -> None:
        notes = list(report.reading_notes) + [
            translate("Import", "Row {row} is imported without: {reason}", row=r.number, reason=r.message())
            for r in report.partial]
        self.reading_notes.setText("\n".join(notes))
        self.reading_notes.setVisible(bool(notes))
        categories = [(c, n) for c, n in report.counts.items() if c == report.kind or n.changed or n.refused]
        fill_table(self.counts,
                   [translate("Import", "Records"), translate("Import", "Added"), translate("Import", "Updated"),
                    translate("Import", "Unchanged"), translate("Import", "Refused")],
                   [[translate("Import", CATEGORY_LABELS.get(c, c)), str(n.added), str(n.updated), str(n.unchanged),
                     str(n.refused)] for c, n in categories])
        self.counts.resizeRowsToContents()
        header = max(self.counts.horizontalHeader().height(), self.counts.horizontalHeader().sizeHint().height())
        self.counts.setFixedHeight(header + self.counts.verticalHeader().length() + 2 * self.counts.frameWidth() + 2)
        fill_table(self.refused, [translate("Import", "Row"), translate("Import", "Reason")],
                   [[str(r.number), r.message()] for r in sorted(report.refused, key=lambda r: r.number)]
                   + [[str(r.number), translate("Import", "Imported, with a warning: {reason}", reason=r.message())]
                      for r in sorted(report.warned, key=lambda r: r.number)], stretch=1)
        self.refused.resizeRowsToContents()
        title = (translate("Import", "Refused rows ({n}): these rows are not imported; save the error workbook to "
                                     "correct them.", n=len(report.refused))
                 if report.refused else translate("Import", "No rows refused."))
        if report.warned:
            title += " " + translate("Import", "{n} rows are imported with a warning (listed below them).",
                                     n=len(report.warned))
        self.refused_title.setText(title)
        self.refused.setVisible(bool(report.refused or report.warned))
        self.results.setVisible(True)

    # -- committing ---------------------------------------------------------------------------------------------
    def commit(self) -> None:
        if self.busy or self.preview is None or not self.preview.changed or self.permission_problem:
            return
        self._run(dry_run=False, errors_out=None, text=translate("Import", "Importing {name}…",
                                                                 name=self.path.name if self.path else ""),
                  on_success=self._committed)

    def _committed(self, report: ImportReport) -> None:
        self.report = report
        self._show_report(report)
        self._set_status(translate("Import", "Imported {name}.", name=report.path.name))
        if report.changed:
            emit(self.imported, report)

    # -- error workbook -------------------------------------------------------------------------------------------
    def choose_errors_path(self) -> None:
        if self.path is None:
            return
        suggested = self.path.with_name(self.path.stem + translate("Import", "_errors") + ".xlsx")
        name, _ = QFileDialog.getSaveFileName(self, translate("Import", "Save error workbook"), str(suggested),
                                              translate("Import", "Excel workbooks (*.xlsx)"))
        if name:
            self.save_errors(Path(name if name.lower().endswith(".xlsx") else name + ".xlsx"))

    def save_errors(self, out: Path) -> None:
        """Write the refused rows of the previewed file to ``out`` (a dry run with an error workbook)."""
        if self.busy or self.preview is None or not self.preview.refused:
            return

        def saved(report: ImportReport) -> None:
            if report.errors_path is not None:
                self.errors_path = report.errors_path
                self._set_status(translate("Import", "Saved {n} refused rows to {path}.", n=len(report.refused),
                                           path=report.errors_path))
                show_info(self, translate("Import", "Saved {n} refused rows to {path}.", n=len(report.refused),
                                          path=report.errors_path))

        self._run(dry_run=True, errors_out=out, text=translate("Import", "Writing the error workbook…"),
                  on_success=saved)
