"""Loans: contracts, repayments and risk class.

Filters by text (contract number, borrower, ID digits), bank, street (fixed on a field node), status, five-class
risk class, maturity window (within 30/60/90 days) and days past due (> 0, > 30, > 90); maturity and overdue
state are derived from the dates by :func:`app.domain.registry.loan_state`. The table pages in SQL and sorts by the
clicked column; Enter or a double-click opens the loan with its repayments and history. The skeleton is
:class:`app.ui.partials.filtered_list.FilteredListPage`.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import ClassVar

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLayout, QWidget

from app.db.store import Store
from app.domain.registry import LoanQuery, banks
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import LoanStatus, RiskClass
from app.ui.changes import DataKind
from app.ui.import_dialog import LOANS, REPAYMENTS, ImportDialog, import_permission_problem
from app.ui.loan_detail import LoanDetailDialog
from app.ui.partials.controls import action_button, street_combo
from app.ui.partials.filtered_list import FilteredListPage, ListTexts
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

COLUMN_WIDTHS = {L_CONTRACT: 162, L_BORROWER: 60, L_CITIZEN_ID: 134, L_BANK: 128, L_VILLAGE: 112, L_AMOUNT: 80,
                 L_BALANCE: 80, L_MATURES: 84, L_DUE: 126, L_RISK: 64, L_STATUS: 60}
LIVE = "live"
WINDOWS = (30, 60, 90)
OVERDUE_MINIMUMS = ((1, QT_TRANSLATE_NOOP("Registry", "Overdue (any)")),
                    (31, QT_TRANSLATE_NOOP("Registry", "Over 30 days past due")),
                    (91, QT_TRANSLATE_NOOP("Registry", "Over 90 days past due")))


class LoansPage(FilteredListPage):
    IMPORT_KIND = LOANS
    DATA_KINDS = frozenset({DataKind.LOANS})
    EXPORT_KIND = "post-loan"
    NAME = "loan"
    TABLE_NAME = "loans"
    EMPTY_NAME = "loansEmpty"
    IMPORT_NAME = "importLoans"
    EXPORT_NAME = "exportPostLoan"
    SORT_COLUMN = L_MATURES
    COLUMN_WIDTHS: ClassVar[dict[int, int]] = COLUMN_WIDTHS
    model: LoanTableModel

    def texts(self) -> ListTexts:
        return ListTexts(
            title=translate("Pages", "Loans"),
            subtitle=translate("Registry", "Maturity and overdue days are worked out from the dates; double-click "
                                           "or press Enter to open a loan."),
            placeholder=translate("Registry", "Contract no., borrower, pinyin initials or ID digits"),
            import_button=translate("Registry", "Import loan list…"),
            export_button=translate("Registry", "Export post-loan ledger…"),
            empty_title=translate("Registry", "No loans yet"),
            empty_text=translate("Registry", "No loans yet: import the lending bank's loan list from Excel (the "
                                             "households must be in the roster first)."))

    def extra_buttons(self) -> list[QWidget]:
        """The bank's repayment statements (issue 20: repayments can be imported, not only made by the demo)."""
        button = action_button(translate("Registry", "Import repayments…"), "importRepayments",
                               import_permission_problem(self.store, REPAYMENTS))
        button.clicked.connect(self.open_repayments_import)
        return [button]

    def open_repayments_import(self) -> ImportDialog:
        dialog = ImportDialog(self.store, REPAYMENTS, self)
        dialog.imported.connect(self._imported)
        self.keep(dialog)
        return dialog

    def make_model(self) -> LoanTableModel:
        return LoanTableModel(self.store, LoanQuery(as_of=self.as_of, street_code=self.street.currentData()),
                              parent=self)

    def make_filters(self) -> list[QLayout]:
        self.bank = QComboBox()
        self.bank.setObjectName("bankFilter")
        self.bank.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.street = street_combo(self.store)
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
        first = QHBoxLayout()
        first.addWidget(self.filter, 1)
        first.addWidget(self.bank)
        first.addWidget(self.street)
        second = QHBoxLayout()
        for widget in (self.status, self.risk, self.maturity, self.overdue):
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.show_full_ids)
        for combo in (self.bank, self.street, self.status, self.risk, self.maturity, self.overdue):
            combo.currentIndexChanged.connect(self.apply_filter)
        return [first, second]

    def fill_choices(self) -> None:
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

    def count_text(self, total: int, shown: int) -> str:
        if total == 0:
            return translate("Registry", "No loan matches the filter.")
        if shown < total:
            return translate("Registry", "{total} loans (first {shown} shown; scroll for more)", total=total,
                             shown=shown)
        return translate("Registry", "{total} loans", total=total)

    # -- detail -------------------------------------------------------------------------------------------------
    def open_row(self, row_id: uuid.UUID) -> LoanDetailDialog:
        return self.open_loan(row_id)

    def open_loan(self, loan_id: uuid.UUID) -> LoanDetailDialog:
        dialog = LoanDetailDialog(self.store, loan_id, full_ids=self.model.full_ids, as_of=self.as_of, parent=self)
        self.keep(dialog)
        return dialog


def create(store: Store) -> QWidget:
    return LoansPage(store)
