"""The loan detail window: contract facts, the state derived from its dates, repayments, and its history from the
audit log (every recorded change of the loan with old → new values, who and when); the data comes from
:func:`app.domain.loans.load_loan_detail`."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.db.store import Store
from app.domain.codes import mask_citizen_id
from app.domain.dates import day_text
from app.domain.loans import LoanDetail, load_loan_detail
from app.domain.money import yuan
from app.domain.permissions import Permission, has_permission
from app.i18n import translate
from app.ui.partials.table import fill_table, read_only_table
from app.ui.registry_models import OVERDUE_COLOR, SOON_COLOR, maturity_text
from app.ui.repayment_dialog import RepaymentDialog
from app.ui.widgets import MUTED_COLOR


class LoanDetailDialog(QDialog):
    def __init__(self, store: Store, loan_id: uuid.UUID, full_ids: bool = False, as_of: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.loan_id = loan_id
        self.full_ids = full_ids and has_permission(store.user.role, Permission.VIEW_FULL_IDS)
        self.detail = load_loan_detail(store, loan_id, as_of)
        self.setWindowTitle(translate("Registry", "Loan"))
        self.resize(900, 600)
        self.heading = QLabel()
        self.heading.setObjectName("loanHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.state_label = QLabel()
        self.state_label.setObjectName("loanState")
        self.state_label.setWordWrap(True)
        self.facts = QWidget()
        self.fact_labels: dict[str, QLabel] = {}
        self.repayments = read_only_table("repayments")
        self.history = read_only_table("loanHistory")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.facts, translate("Registry", "Facts"))
        self.tabs.addTab(self.repayments, translate("Registry", "Repayments"))
        self.tabs.addTab(self.history, translate("Registry", "History"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("Registry", "Close"))
        buttons.rejected.connect(self.reject)
        self.as_of = as_of
        self.repay_button = buttons.addButton(translate("Registry", "Record a repayment…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.repay_button.setObjectName("recordRepayment")
        self.repay_button.setVisible(has_permission(store.user.role, Permission.EDIT_LOANS))
        self.repay_button.clicked.connect(self.record_repayment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.state_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        if self.detail is None:
            self.heading.setText(translate("Registry", "This loan is not visible on this node."))
            return
        self._fill(self.detail)

    def record_repayment(self) -> RepaymentDialog:
        """The bank records one repayment; the window shows the loan again once it is saved."""
        dialog = RepaymentDialog(self.store, self.loan_id, self.as_of, self)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def reload(self) -> None:
        self.detail = load_loan_detail(self.store, self.loan_id, self.as_of)
        if self.detail is not None:
            old, self.facts = self.facts, QWidget()  # a widget keeps its first layout: the facts start afresh
            self.tabs.removeTab(0)
            self.tabs.insertTab(0, self.facts, translate("Registry", "Facts"))
            old.deleteLater()
            self._fill(self.detail)

    def _fill(self, detail: LoanDetail) -> None:
        row, loan = detail.row, detail.loan
        self.setWindowTitle(translate("Registry", "Loan {contract}", contract=row.contract_no))
        self.heading.setText(translate("Registry", "{contract} — {borrower}", contract=row.contract_no,
                                       borrower=row.borrower_name))
        state = row.state
        color = OVERDUE_COLOR if state.days_past_due else SOON_COLOR if state.maturing_soon else MUTED_COLOR
        parts = [maturity_text(row)]
        if not state.closed:
            if state.overdue_start and state.days_past_due:  # a loan due today is not overdue "from tomorrow"
                parts.append(translate("Registry", "overdue since {date}", date=state.overdue_start.isoformat()))
            if state.maturing_soon:
                parts.append(translate("Registry", "pre-maturity assessment due (30 days before maturity)"))
        self.state_label.setText(" · ".join(dict.fromkeys(parts)))
        self.state_label.setStyleSheet(f"color: {color}; font-weight: 600;")
        citizen_id = (row.borrower_citizen_id if self.full_ids else mask_citizen_id(row.borrower_citizen_id))
        facts = (
            (translate("Registry", "Bank:"), row.bank_name),
            (translate("Registry", "Borrower:"), f"{row.borrower_name}  {citizen_id}"),
            (translate("Registry", "Household:"), " ".join(p for p in (row.head_name, row.street_name,
                                                                       row.village_name) if p)),
            (translate("Registry", "Amount:"), translate("Registry", "{amount} yuan", amount=yuan(row.amount_fen))),
            (translate("Registry", "Disbursed on:"), row.disbursed_on.isoformat()),
            (translate("Registry", "Term:"), translate("Registry", "{n} months", n=row.term_months)
             + (translate("Registry", " (extended by {n})", n=loan.extended_months) if loan.extended_months else "")),
            (translate("Registry", "Matures on:"), row.matures_on.isoformat()),
            (translate("Registry", "Rate:"), f"{row.rate_bp / 100:.2f}%"),
            (translate("Registry", "Purpose:"), " — ".join(p for p in (row.purpose_category.label, row.purpose_text)
                                                            if p)),
            (translate("Registry", "Use mode:"), row.use_mode.label),
            (translate("Registry", "Balance:"), translate("Registry", "{amount} yuan", amount=yuan(row.balance_fen))),
            (translate("Registry", "Overdue amount:"), translate("Registry", "{amount} yuan",
                                                                  amount=yuan(state.overdue_amount_fen))),
            (translate("Registry", "Interest arrears:"), translate("Registry", "{amount} yuan",
                                                                    amount=yuan(loan.interest_arrears_fen))),
            (translate("Registry", "Risk class:"), " ".join(p for p in (row.risk_class.label,
                                                                         day_text(loan.risk_class_on),
                                                                         loan.risk_class_reason) if p)),
            (translate("Registry", "Credit grade:"), loan.credit_grade.label if loan.credit_grade else "—"),
            (translate("Registry", "Subsidy claimed / paid:"), f"{yuan(loan.subsidy_claimed_fen)} / "
                                                                f"{yuan(loan.subsidy_paid_fen)}"),
            (translate("Registry", "Status:"), row.status.label),
        )
        form = QFormLayout(self.facts)
        for label, value in facts:
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
        paid = sum(r.principal_fen for r in detail.repayments)
        fill_table(self.repayments,
                   [translate("Registry", "Paid on"), translate("Registry", "Principal (yuan)"),
                    translate("Registry", "Interest (yuan)"), translate("Registry", "Note")],
                   [[r.paid_on.isoformat(), yuan(r.principal_fen), yuan(r.interest_fen), r.note]
                    for r in detail.repayments]
                   + ([[translate("Registry", "Total"), yuan(paid),
                        yuan(sum(r.interest_fen for r in detail.repayments)), ""]] if detail.repayments else []))
        history_rows = []
        for entry in detail.history:
            when = entry.at.strftime("%Y-%m-%d %H:%M")
            action = entry.action_label
            if not entry.changes:
                history_rows.append([when, entry.actor, action, "", "", ""])
            for field, old, new in entry.changes:
                history_rows.append([when, entry.actor, action, field, old, new])
        fill_table(self.history,
                   [translate("Registry", "When"), translate("Registry", "Who"), translate("Registry", "What"),
                    translate("Registry", "Field"), translate("Registry", "Old value"),
                    translate("Registry", "New value")], history_rows)
        self.history.setWordWrap(True)
        self.history.resizeRowsToContents()

