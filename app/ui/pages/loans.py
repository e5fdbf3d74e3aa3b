"""Loans: contracts, repayments and risk class.

Filters by text (contract number, borrower, ID digits), bank, street (fixed on a field node), status, five-class
risk class, maturity window (within 30/60/90 days) and days past due (> 0, > 30, > 90); maturity and overdue
state are derived from the dates by :func:`app.domain.registry.loan_state`. The table pages in SQL and sorts by the
clicked column; Enter or a double-click opens the loan with its repayments and history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.domain.registry import LoanQuery, banks, search_loans
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import LoanStatus, RiskClass
from app.ui.import_dialog import LOANS, ImportDialog, import_permission_problem
from app.ui.ledger_export import LedgerExportDialog, export_permission_problem
from app.ui.loan_detail import LoanDetailDialog
from app.ui.registry_models import (
    L_AMOUNT,
    L_BALANCE,
    L_BANK,
    L_BORROWER,
    L_CITIZEN_ID,
    L_CONTRACT,
    L_DUE,
    L_MATURES,
    L_RISK,
    L_STATUS,
    L_VILLAGE,
    LoanTableModel,
)
from app.ui.registry_page import DEBOUNCE_MS, EmptyWithAction, action_button, configure_view, street_combo
from app.ui.widgets import MUTED_COLOR, page_header

COLUMN_WIDTHS = {L_CONTRACT: 162, L_BORROWER: 60, L_CITIZEN_ID: 134, L_BANK: 128, L_VILLAGE: 112, L_AMOUNT: 80,
                 L_BALANCE: 80, L_MATURES: 84, L_DUE: 126, L_RISK: 64, L_STATUS: 60}
LIVE = "live"
WINDOWS = (30, 60, 90)
OVERDUE_MINIMUMS = ((1, QT_TRANSLATE_NOOP("Registry", "Overdue (any)")),
                    (31, QT_TRANSLATE_NOOP("Registry", "Over 30 days past due")),
                    (91, QT_TRANSLATE_NOOP("Registry", "Over 90 days past due")))


class LoansPage(QWidget):
    def __init__(self, store: Store, as_of: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.as_of = as_of
        self.windows: list[QWidget] = []
        self.may_full_ids = has_permission(store.user.role, Permission.VIEW_FULL_IDS)

        import_problem = import_permission_problem(store, LOANS)
        export_problem = export_permission_problem(store, "post-loan")
        self.import_button = action_button(translate("Registry", "Import loan list…"), "importLoans", import_problem)
        self.export_button = action_button(translate("Registry", "Export post-loan ledger…"), "exportPostLoan",
                                           export_problem)
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self.open_export)
        top = QHBoxLayout()
        top.addWidget(page_header(translate("Pages", "Loans"),
                                  translate("Registry", "Maturity and overdue days are worked out from the dates; "
                                                        "double-click or press Enter to open a loan.")), 1)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)

        self.filter = QLineEdit()
        self.filter.setObjectName("loanFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(translate("Registry", "Contract no., borrower, pinyin initials or ID digits"))
        self.bank = QComboBox()
        self.bank.setObjectName("bankFilter")
        self.bank.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.street = street_combo(store)
        self.status = QComboBox()
        self.status.setObjectName("loanStatusFilter")
        self.status.addItem(translate("Registry", "All statuses"), None)
        self.status.addItem(translate("Registry", "Live loans (balance outstanding)"), LIVE)
        for status in LoanStatus:
            self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(1)  # what needs watching; closed loans are one choice away
        self.risk = QComboBox()
        self.risk.setObjectName("riskFilter")
        self.risk.addItem(translate("Registry", "All risk classes"), None)
        for risk_class in RiskClass:
            self.risk.addItem(risk_class.label, risk_class.value)
        self.maturity = QComboBox()
        self.maturity.setObjectName("maturityFilter")
        self.maturity.addItem(translate("Registry", "Any maturity"), None)
        for days in WINDOWS:
            self.maturity.addItem(translate("Registry", "Maturing within {n} days", n=days), days)
        self.overdue = QComboBox()
        self.overdue.setObjectName("overdueFilter")
        self.overdue.addItem(translate("Registry", "Overdue or not"), None)
        for minimum, label in OVERDUE_MINIMUMS:
            self.overdue.addItem(translate("Registry", label), minimum)
        for combo in (self.status, self.risk, self.maturity, self.overdue):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_full_ids = QCheckBox(translate("Registry", "Show full IDs"))
        self.show_full_ids.setObjectName("showFullIds")
        self.show_full_ids.setVisible(self.may_full_ids)
        first = QHBoxLayout()
        first.addWidget(self.filter, 1)
        first.addWidget(self.bank)
        first.addWidget(self.street)
        second = QHBoxLayout()
        for widget in (self.status, self.risk, self.maturity, self.overdue):
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.show_full_ids)

        self.count_label = QLabel()
        self.count_label.setObjectName("loanCount")
        self.count_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.model = LoanTableModel(store, LoanQuery(as_of=as_of, street_code=self.street.currentData()),
                                    parent=self)
        self.table = QTableView()
        self.table.setObjectName("loans")
        configure_view(self.table, self.model, L_MATURES, COLUMN_WIDTHS)
        self.table.activated.connect(self.open_detail)
        empty_button = action_button(translate("Registry", "Import loan list…"), "emptyImportLoans", import_problem)
        empty_button.clicked.connect(self.open_import)
        self.empty = EmptyWithAction(translate("Registry", "No loans yet"),
                                     translate("Registry", "No loans yet: import the lending bank's loan list from "
                                                           "Excel (the households must be in the roster first)."),
                                     empty_button)
        self.empty.setObjectName("loansEmpty")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.count_label)
        layout.addWidget(self.stack, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._typed)
        self.filter.returnPressed.connect(self.apply_filter)
        for combo in (self.bank, self.street, self.status, self.risk, self.maturity, self.overdue):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.show_full_ids.toggled.connect(self.model.set_full_ids)
        self._fill_banks()
        self.apply_filter()

    def _fill_banks(self) -> None:
        current = self.bank.currentData()
        self.bank.blockSignals(True)
        self.bank.clear()
        self.bank.addItem(translate("Registry", "All banks"), None)
        with self.store.read() as session:
            for bank_id, name in banks(session):
                self.bank.addItem(name, bank_id)
        index = self.bank.findData(current)
        self.bank.setCurrentIndex(max(index, 0))
        self.bank.blockSignals(False)

    # -- filtering ------------------------------------------------------------------------------------------
    def query(self) -> LoanQuery:
        status = self.status.currentData()
        risk_class = self.risk.currentData()
        return dataclasses.replace(
            self.model.query, text=self.filter.text().strip(), bank_id=self.bank.currentData(),
            street_code=self.street.currentData(),
            statuses=(LoanStatus(status),) if status and status != LIVE else (),
            include_closed=status != LIVE,
            risk_classes=(RiskClass(risk_class),) if risk_class else (),
            matures_within_days=self.maturity.currentData(), overdue_min_days=self.overdue.currentData())

    def _typed(self, _text: str) -> None:
        self.timer.start()

    def no_loans_at_all(self) -> bool:
        return search_loans(self.store, LoanQuery(limit=1)).total == 0

    def apply_filter(self) -> None:
        self.timer.stop()
        self.model.set_query(self.query())
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if total == 0 and self.no_loans_at_all():
            self.stack.setCurrentWidget(self.empty)
            self.count_label.setText("")
            return
        self.stack.setCurrentWidget(self.table)
        if total == 0:
            self.count_label.setText(translate("Registry", "No loan matches the filter."))
            return
        text = translate("Registry", "{total} loans", total=total)
        if shown < total:
            text = translate("Registry", "{total} loans (first {shown} shown; scroll for more)", total=total,
                             shown=shown)
        self.count_label.setText(text)

    # -- detail -------------------------------------------------------------------------------------------------
    def open_detail(self, index: QModelIndex) -> LoanDetailDialog | None:
        if not index.isValid():
            return None
        return self.open_loan(self.model.row_at(index.row()).id)

    def open_loan(self, loan_id: uuid.UUID) -> LoanDetailDialog:
        dialog = LoanDetailDialog(self.store, loan_id, full_ids=self.model.full_ids, as_of=self.as_of, parent=self)
        self._keep(dialog)
        dialog.show()
        return dialog

    def _keep(self, window: QWidget) -> None:
        self.windows = [w for w in self.windows if w.isVisible()] + [window]

    # -- import and export ----------------------------------------------------------------------------------------
    def open_import(self) -> ImportDialog:
        dialog = ImportDialog(self.store, LOANS, self)
        dialog.imported.connect(self._imported)
        self._keep(dialog)
        dialog.show()
        return dialog

    def _imported(self, _report: object) -> None:
        self._fill_banks()
        self.apply_filter()

    def open_export(self) -> LedgerExportDialog:
        dialog = LedgerExportDialog(self.store, "post-loan", parent=self)
        self._keep(dialog)
        dialog.show()
        return dialog


def create(store: Store) -> QWidget:
    return LoansPage(store)
