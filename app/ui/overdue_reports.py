"""The overdue loans to report to the risk compensation fund (the generated list of
app/domain/programs/overdue_reports.py), opened from the Fund page: what is due, today's and late reports first;
the bank records that it reported the chosen ones, naming the report."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.db.store import Store
from app.domain.dates import day_text
from app.domain.money import yuan
from app.domain.permissions import Permission, has_permission
from app.domain.programs.overdue_reports import (
    OverdueReportRow,
    ReportState,
    overdue_report_rows,
    record_overdue_reports,
)
from app.domain.scope import scope_street
from app.errors import FieldbookError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.changes import DataKind, notify
from app.ui.partials.controls import action_button, button_row
from app.ui.partials.dialogs import problem_label
from app.ui.partials.table import ALERT_BACKGROUND, WARN_BACKGROUND, Column, RowsModel, make_table
from app.ui.widgets import MUTED_COLOR

CONTEXT = "OverdueReports"
COLUMNS: list[Column[OverdueReportRow]] = [
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Contract"), lambda r: r.contract_no),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Borrower"), lambda r: r.borrower_name),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Street"), lambda r: r.street_name),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Bank"), lambda r: r.bank_name),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Overdue since"), lambda r: day_text(r.overdue_since)),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Days"), lambda r: str(r.days_past_due or ""), True),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Overdue (yuan)"), lambda r: yuan(r.overdue_fen), True),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Report by"), lambda r: day_text(r.due_on)),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Report"), lambda r: r.state.label),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Reported on"), lambda r: day_text(r.reported_on)),
    Column(QT_TRANSLATE_NOOP("OverdueReports", "Report name"), lambda r: r.report_ref),
]


def _tint(row: OverdueReportRow) -> str | None:
    if row.state is ReportState.LATE:
        return ALERT_BACKGROUND
    return WARN_BACKGROUND if row.state is ReportState.DUE_TODAY else None


class OverdueReportsDialog(QDialog):
    """The list on ``today``; the bank selects loans (all that are to report when none is selected) and records
    the report that carried them to the fund."""

    def __init__(self, store: Store, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.setWindowTitle(translate(CONTEXT, "Overdue loans to report to the risk fund"))
        self.resize(1000, 480)
        self.model: RowsModel[OverdueReportRow] = RowsModel(COLUMNS, context=CONTEXT, tint=_tint)
        self.view = make_table(self.model, "overdueReports", (130, 70, 90, 130, 95, 50, 100, 95, 110, 95, 160))
        self.view.setSelectionMode(self.view.SelectionMode.ExtendedSelection)
        self.summary = QLabel()
        self.summary.setObjectName("overdueReportSummary")
        self.summary.setWordWrap(True)
        self.report = QLineEdit()
        self.report.setObjectName("overdueReportName")
        self.report.setPlaceholderText(translate(CONTEXT, "Report title or number, e.g. 邮储灞桥〔2026〕5号"))
        bank = has_permission(store.user.role, Permission.EDIT_LOANS)
        self.record_button = action_button(translate(CONTEXT, "Record as reported"), "recordOverdueReport",
                                           "" if bank else translate(CONTEXT, "The lending bank reports to the fund."))
        self.record_button.clicked.connect(self.record)
        self.problem = problem_label()
        hint = QLabel(translate(CONTEXT, "Each overdue loan is reported to the fund once per overdue episode, within "
                                         "the days the setting allows. With no row selected, every loan still to "
                                         "report is recorded."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addLayout(button_row(self.report, self.record_button))
        layout.addWidget(self.problem)
        self.load()

    def load(self) -> None:
        with self.store.read() as session:
            rows = overdue_report_rows(session, self.today, scope_street(self.store))
        self.model.set_rows(rows)
        due = [r for r in rows if r.to_report]
        late = [r for r in due if r.state is ReportState.LATE]
        self.summary.setText(translate(CONTEXT, "{date}: {n} overdue loans to report to the fund, {late} of them "
                                                "late.", date=self.today.isoformat(), n=len(due), late=len(late)))

    def chosen(self) -> list[OverdueReportRow]:
        picked = [self.model.row_at(index.row()) for index in self.view.selectionModel().selectedRows()]
        return [r for r in (picked or self.model.rows) if r.to_report]

    def record(self) -> None:
        try:
            count = record_overdue_reports(self.store, [r.loan_id for r in self.chosen()], self.report.text(),
                                           on=self.today)
        except FieldbookError as exc:
            self.problem.setText(exc.message)
            return
        self.problem.clear()
        notify({DataKind.PROGRAMMES})
        self.load()
        self.summary.setText(self.summary.text() + " " + translate(CONTEXT, "{n} recorded as reported.", n=count))
