"""Reports: print visit records and loan-use checks, the follow-up list, and check a printed record's code.

- Records: choose the kind and a date range, select one or many (Ctrl/Shift) → **Preview** shows the PDF inside
  Fieldbook (:class:`app.ui.print_preview.PdfPreview`, from memory, nothing on disk); **Print…** opens the system
  print dialog; **Save as PDF…** writes the file. Every PDF is made on the operations worker with progress and
  Cancel (a batch of hundreds takes seconds). A preview is not a print: the audit event is written when the user
  prints or saves.
- Follow-up list: street (fixed to the node's own on a field node), optional village, date range → preview.
- Verify: type or scan a code → whether the record exists, is unchanged, or was amended since.

Signals: previewed(int pages) once a preview is shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.cancel import CancelToken
from app.db.store import Store
from app.domain import records as rec
from app.domain.permissions import Permission, has_permission
from app.domain.scope import in_scope, scope_street
from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import RecordKind
from app.reports.pdf.fonts import missing_glyphs_message
from app.reports.pdf.forms import PrintResult, log_print, print_records
from app.ui.changes import DataKind, on_data_changed
from app.ui.forms.timeline import ROW_ROLE, RecordsModel, configure_table
from app.ui.messages import show_error
from app.ui.operations import run_in_background
from app.ui.partials.editors import date_edit, pydate
from app.ui.print_preview import PdfPreview
from app.ui.qtcompat import emit
from app.ui.widgets import ERROR_COLOR, MUTED_COLOR, page_header

PRINTABLE = (RecordKind.VISIT, RecordKind.USE_CHECK)


class ReportsPage(QWidget):
    previewed = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.result: PrintResult | None = None
        self.preview_kind = ""  # "records" or "follow-up": what the preview shows
        today = dt.date.today()

        # -- records --------------------------------------------------------------------------------------
        self.kind = QComboBox()
        self.kind.setObjectName("printKind")
        for kind in PRINTABLE:
            self.kind.addItem(kind.label, kind.value)
        self.date_from = date_edit(today - dt.timedelta(days=90), "printFrom")
        self.date_to = date_edit(today, "printTo")
        refresh = QPushButton(translate("Printing", "Show"))
        refresh.setObjectName("printRefresh")
        refresh.clicked.connect(self.refresh)
        filters = QHBoxLayout()
        for widget in (self.kind, QLabel(translate("Printing", "from")), self.date_from,
                       QLabel(translate("Printing", "to")), self.date_to, refresh):
            filters.addWidget(widget)
        filters.addStretch(1)

        self.model = RecordsModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("printRecords")
        configure_table(self.table, self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(self.preview_selected)

        self.full_ids = QCheckBox(translate("Printing", "Full citizen IDs and phone numbers"))
        self.full_ids.setObjectName("printFullIds")
        self.full_ids.setVisible(has_permission(store.user.role, Permission.VIEW_FULL_IDS))
        self.preview_button = QPushButton(translate("Printing", "Preview"))
        self.preview_button.setObjectName("printPreview")
        self.preview_button.clicked.connect(self.preview_selected)
        self.print_button = QPushButton(translate("Printing", "Print…"))
        self.print_button.setObjectName("printPrint")
        self.print_button.clicked.connect(self.print_preview)
        self.save_button = QPushButton(translate("Printing", "Save as PDF…"))
        self.save_button.setObjectName("printSave")
        self.save_button.clicked.connect(self.save_pdf)
        actions = QHBoxLayout()
        for action in (self.full_ids, self.preview_button, self.print_button, self.save_button):
            actions.addWidget(action)
        actions.addStretch(1)
        self.actions_why = QLabel()  # why Print and Save are greyed out, beside them
        self.actions_why.setObjectName("printWhy")
        self.actions_why.setWordWrap(True)
        self.actions_why.setStyleSheet(f"color: {MUTED_COLOR}")
        self._after_preview: Any = None
        self._reselect = QTimer(self)
        self._reselect.setSingleShot(True)
        self._reselect.setInterval(250)
        self._reselect.timeout.connect(self.preview_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        # the list keeps room for several rows on a netbook: the panes below it scroll instead
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 6
                                    + self.table.horizontalHeader().sizeHint().height())

        records_box = QGroupBox(translate("Printing", "Visit records and loan-use checks"))
        records_layout = QVBoxLayout(records_box)
        records_layout.addLayout(filters)
        records_layout.addWidget(self.table, 1)
        records_layout.addLayout(actions)
        records_layout.addWidget(self.actions_why)

        # -- follow-up list -------------------------------------------------------------------------------
        # streets by name, never a code to type (a field node has only its own)
        from app.models.places import BAQIAO_STREETS

        self.street = QComboBox()
        self.street.setObjectName("followStreet")
        scope = scope_street(store)
        for code, name in BAQIAO_STREETS:
            if in_scope(code, scope):
                self.street.addItem(name, code)
        self.street.setEnabled(self.street.count() > 1)
        self.village = QLineEdit()
        self.village.setObjectName("followVillage")
        self.village.setPlaceholderText(translate("Printing", "all villages"))
        self.follow_from = date_edit(today, "followFrom")
        self.follow_to = date_edit(today + dt.timedelta(days=30), "followTo")
        follow_button = QPushButton(translate("Printing", "Preview the follow-up list"))
        follow_button.setObjectName("followPreview")
        follow_button.clicked.connect(self.preview_follow_up)
        follow_box = QGroupBox(translate("Printing", "Follow-up list (loans due a visit)"))
        follow_form = QFormLayout(follow_box)
        follow_form.addRow(translate("Printing", "Street"), self.street)
        follow_form.addRow(translate("Printing", "Village"), self.village)
        dates = QHBoxLayout()
        dates.addWidget(self.follow_from)
        dates.addWidget(QLabel(translate("Printing", "to")))
        dates.addWidget(self.follow_to)
        follow_form.addRow(translate("Printing", "Visits due"), dates)
        follow_form.addRow(follow_button)

        # -- verify ---------------------------------------------------------------------------------------
        self.code = QLineEdit()
        self.code.setObjectName("verifyCode")
        self.code.setPlaceholderText("VXXXX-XXXXX-XXXXX-XXXXX")
        self.code.returnPressed.connect(self.verify_code)
        verify_button = QPushButton(translate("Printing", "Verify"))
        verify_button.setObjectName("verifyButton")
        verify_button.clicked.connect(self.verify_code)
        self.verify_result = QLabel()
        self.verify_result.setObjectName("verifyResult")
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        verify_box = QGroupBox(translate("Printing", "Check a printed record"))
        verify_layout = QVBoxLayout(verify_box)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(verify_button)
        verify_layout.addLayout(row)
        verify_layout.addWidget(self.verify_result)

        left_content = QWidget()
        left_layout = QVBoxLayout(left_content)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(records_box, 1)
        left_layout.addWidget(follow_box)
        left_layout.addWidget(verify_box)
        left = QScrollArea()  # on a netbook the three boxes scroll rather than squeeze the list to nothing
        left.setObjectName("reportsLeft")
        left.setWidgetResizable(True)
        left.setFrameShape(QFrame.Shape.NoFrame)
        left.setWidget(left_content)

        self.preview = PdfPreview()
        self.preview.setObjectName("printPreviewPane")
        self.status = QLabel(translate("Printing", "Choose records and press Preview."))
        self.status.setObjectName("printStatus")
        self.status.setStyleSheet(f"color: {MUTED_COLOR}")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.preview, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header(translate("Pages", "Reports"),
                                     translate("Printing", "Printed records carry a verification code.")))
        layout.addWidget(splitter, 1)
        on_data_changed(self, {DataKind.RECORDS}, self.refresh)
        self.refresh()
        self._update_buttons()

    # -- records ----------------------------------------------------------------------------------------------
    def current_kind(self) -> RecordKind:
        return RecordKind(self.kind.currentData())

    def refresh(self) -> None:
        rows = rec.list_records(self.store, [self.current_kind()], date_from=pydate(self.date_from),
                                date_to=pydate(self.date_to), limit=20000)
        rows.reverse()  # oldest first: the order a batch prints in
        self.model.set_rows(rows)
        self._update_buttons()

    def selected_rows(self) -> list[rec.TimelineRow]:
        indexes = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.data(self.model.index(i, 0), ROW_ROLE) for i in indexes]

    def _selected_ids(self) -> list[Any]:
        return [r.record_id for r in self.selected_rows() if r.record_id is not None]

    def _preview_is_selection(self) -> bool:
        """The preview shows exactly the records selected now."""
        return (self.preview_kind == "records" and self.result is not None
                and list(self.result.record_ids) == self._selected_ids() and self.result.kind is self.current_kind())

    def _selection_changed(self) -> None:
        # Print and Save act on the selection, never on an older preview: a preview of something else is
        # replaced by the selection's (a moment later, so that Shift+click ranges are taken whole)
        self._update_buttons()
        if self._selected_ids() and self.preview_kind == "records" and not self._preview_is_selection():
            self._reselect.start()

    def _update_buttons(self) -> None:
        selected = bool(self.table.selectionModel() and self.table.selectionModel().hasSelection())
        has_preview = self.preview.page_count() > 0
        self.print_button.setEnabled(selected or (has_preview and self.preview_kind == "follow-up"))
        self.save_button.setEnabled(selected)
        self.actions_why.setText("" if selected else translate(
            "Printing", "Select one or more records to preview, print or save them."))

    def preview_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            self.status.setText(translate("Printing", "Select one or more records first."))
            return
        ids = [r.record_id for r in rows if r.record_id is not None]  # the page lists records only: all have one
        kind, full_ids = self.current_kind(), self.full_ids.isChecked()
        store = self.store

        def job(token: CancelToken) -> PrintResult:
            return print_records(store, kind, ids, full_ids=full_ids, audit=False, cancel=token,
                                 progress=lambda done, total: token.report_progress(
                                     done, total, translate("Printing", "Laying out {done} of {total} records…",
                                                            done=done, total=total)))

        self._run(job, self._show_records, translate("Printing", "Preparing the preview"))

    def _run(self, job: Any, on_success: Any, title: str) -> None:
        self.preview_button.setEnabled(False)
        self.status.setText(translate("Printing", "Working…"))
        run_in_background(self, job, on_success=on_success, on_error=self._failed, title=title,
                          on_cancelled=lambda: self.status.setText(translate("Printing", "Cancelled.")),
                          on_finished=lambda: self.preview_button.setEnabled(True))

    def _failed(self, exc: FieldbookError) -> None:
        self.status.setText(exc.message)
        show_error(self, exc.message)

    def _show_records(self, result: PrintResult) -> None:
        self.result = result
        self.preview_kind = "records"
        pages = self.preview.set_pdf(result.data or b"")
        text = translate("Printing", "{n} records, {pages} pages.", n=result.records, pages=pages)
        if result.missing:
            text += " " + missing_glyphs_message(result.missing)
        self.status.setText(text)
        self._update_buttons()
        emit(self.previewed, pages)
        then, self._after_preview = self._after_preview, None
        if then is not None and self._preview_is_selection():
            then()

    def print_preview(self) -> None:
        """Print the selected records (previewing them first when the preview shows anything else), or the
        follow-up list when that is what the preview shows and no record is selected."""
        if self._selected_ids() and not self._preview_is_selection():
            self._after_preview = self.print_preview
            self.preview_selected()
            return
        if not self.preview.print_with_dialog():
            return
        if self.preview_kind == "records" and self.result is not None:
            log_print(self.store, self.result)
        self.status.setText(translate("Printing", "Sent to the printer."))

    def save_pdf(self) -> None:
        ids = self._selected_ids()
        if not ids:
            return
        codes = self.result.codes if self._preview_is_selection() and self.result is not None else []
        default = Path.home() / (f"{codes[0]}.pdf" if len(ids) == 1 and codes else
                                 f"records-{dt.date.today().isoformat()}.pdf")
        name, _ = QFileDialog.getSaveFileName(self, translate("Printing", "Save as PDF"), str(default),
                                              translate("Printing", "PDF files (*.pdf)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        """Write the *selected* records to ``path`` (on the worker; audited as a print), whatever was previewed."""
        ids = self._selected_ids()
        if not ids:
            return
        kind, full_ids, store = self.current_kind(), self.full_ids.isChecked(), self.store

        def job(token: CancelToken) -> PrintResult:
            return print_records(store, kind, ids, path, full_ids=full_ids,
                                 cancel=token, progress=lambda d, t: token.report_progress(d, t, ""))

        run_in_background(self, job, title=translate("Printing", "Saving the PDF"), on_error=self._failed,
                          on_success=lambda saved: self.status.setText(
                              translate("Printing", "Saved {path}.", path=saved.path)))

    # -- follow-up --------------------------------------------------------------------------------------------
    def preview_follow_up(self) -> None:
        from app.reports.pdf.followup import write_follow_up

        store, street, village = self.store, self.street.currentData(), self.village.text().strip() or None
        start, end = pydate(self.follow_from), pydate(self.follow_to)

        def job(_token: CancelToken) -> tuple[Any, int]:
            return write_follow_up(store, street, start, end, village=village)

        def shown(outcome: tuple[Any, int]) -> None:
            data, count = outcome
            self.result = None
            self.preview_kind = "follow-up"
            pages = self.preview.set_pdf(data)
            self.status.setText(translate("Printing", "Follow-up list: {n} loans, {pages} pages.", n=count,
                                          pages=pages))
            self._update_buttons()
            emit(self.previewed, pages)

        self._run(job, shown, translate("Printing", "Preparing the follow-up list"))

    # -- verify -----------------------------------------------------------------------------------------------
    def verify_code(self) -> None:
        from app.reports.pdf.verify import Outcome, verify

        try:
            result = verify(self.store, self.code.text())
        except FieldbookError as exc:
            self.verify_result.setStyleSheet(f"color: {ERROR_COLOR}")
            self.verify_result.setText(exc.message)
            return
        self.verify_result.setStyleSheet("" if result.outcome is Outcome.OK else f"color: {ERROR_COLOR}")
        self.verify_result.setText(result.message())


def create(store: Store) -> QWidget:
    return ReportsPage(store)
