"""The dialogs of classified disposal: propose one (the policy limits, and for a compensation claim the fund's
conditions, checked as the user types) and the note of a decision, an execution or a report to the finance office.
Used by the Warnings page and the workbench."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.db.store import Store
from app.domain import risk_disposal as rd
from app.domain import risk_query
from app.domain.money import yuan
from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import Disposal
from app.ui.changes import DataKind, notify
from app.ui.partials.editors import date_edit, pydate
from app.ui.widgets import ERROR_COLOR


class ProposeDisposalDialog(QDialog):
    """Propose a disposal of one loan; the policy limits are checked as the user types and named when broken."""

    def __init__(self, store: Store, loan_id: uuid.UUID, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.loan_id = loan_id
        self.today = today or dt.date.today()
        self.policy = risk_query.policy_of(store)
        self.facts, self.household_balance = rd.proposal_basis(store, loan_id)
        self.setWindowTitle(translate("Warnings", "Propose a disposal"))
        self.kind = QComboBox()
        self.kind.setObjectName("disposalKind")
        for kind in rd.PROPOSABLE:
            self.kind.addItem(kind.label, kind.value)
        self.months = QSpinBox()
        self.months.setObjectName("extensionMonths")
        self.months.setRange(0, 60)
        self.months.setValue(6)
        self.new_maturity = date_edit(self.facts.matures_on, "newMaturity")
        self.amount = QSpinBox()
        self.amount.setObjectName("topUpYuan")
        self.amount.setRange(0, 1_000_000)
        self.amount.setSingleStep(1000)
        self.amount.setSuffix(translate("Warnings", " yuan"))
        self.recovery = QPlainTextEdit()
        self.recovery.setObjectName("recoveryEffort")
        self.recovery.setFixedHeight(60)
        self.recovery.setPlaceholderText(translate("Warnings", "Calls, visits, notices, legal steps, with dates"))
        self.loss_on = date_edit(self.today, "lossConfirmedOn")
        self.loss_basis = QLineEdit()
        self.loss_basis.setObjectName("lossBasis")
        self.loss_basis.setPlaceholderText(translate("Warnings", "A joint review, a court ruling, the borrower's "
                                                                 "death..."))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("disposalReason")
        self.reason.setFixedHeight(70)
        self.problem = QLabel()
        self.problem.setObjectName("disposalProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(translate("Warnings", "Loan:"), QLabel(translate(
            "Warnings", "{contract} — {borrower}, balance {balance} yuan, matures on {date}, extended {months} "
                        "months", contract=self.facts.contract_no, borrower=self.facts.borrower_name,
            balance=yuan(self.facts.balance_fen), date=self.facts.matures_on.isoformat(),
            months=self.facts.extended_months)))
        form.addRow(translate("Warnings", "Disposal:"), self.kind)
        form.addRow(translate("Warnings", "Extension (months):"), self.months)
        form.addRow(translate("Warnings", "New maturity:"), self.new_maturity)
        form.addRow(translate("Warnings", "Top-up amount:"), self.amount)
        form.addRow(translate("Warnings", "Recovery effort:"), self.recovery)
        form.addRow(translate("Warnings", "Loss confirmed on:"), self.loss_on)
        form.addRow(translate("Warnings", "How the loss was confirmed:"), self.loss_basis)
        form.addRow(translate("Warnings", "Reason:"), self.reason)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self._form = form
        for signal in (self.kind.currentIndexChanged, self.months.valueChanged, self.new_maturity.dateChanged,
                       self.amount.valueChanged, self.reason.textChanged, self.recovery.textChanged,
                       self.loss_on.dateChanged, self.loss_basis.textChanged):
            signal.connect(self._check)
        self._check()

    def terms(self) -> rd.DisposalTerms:
        kind = Disposal(self.kind.currentData())
        return rd.DisposalTerms(kind, extension_months=self.months.value(),
                                new_matures_on=pydate(self.new_maturity), top_up_fen=self.amount.value() * 100,
                                recovery_effort=self.recovery.toPlainText(), loss_confirmed_on=pydate(self.loss_on),
                                loss_basis=self.loss_basis.text())

    def problem_text(self) -> str:
        try:
            rd.check_terms(self.facts, self.terms(), self.today, self.policy, self.household_balance)
        except FieldbookError as exc:
            return str(exc)
        if not self.reason.toPlainText().strip():
            return translate("Disposal", "Give the reason for the proposal.")
        return ""

    def _check(self) -> None:
        kind = Disposal(self.kind.currentData())
        for widget, kinds in ((self.months, {Disposal.EXTENSION}),
                              (self.new_maturity, {Disposal.RESCHEDULE, Disposal.RENEWAL_WITHOUT_PRINCIPAL}),
                              (self.amount, {Disposal.TOP_UP}),
                              (self.recovery, {Disposal.COMPENSATION_CLAIM}),
                              (self.loss_on, {Disposal.COMPENSATION_CLAIM}),
                              (self.loss_basis, {Disposal.COMPENSATION_CLAIM})):
            widget.setVisible(kind in kinds)
            label = self._form.labelForField(widget)
            if label is not None:
                label.setVisible(kind in kinds)
        text = self.problem_text()
        self.problem.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not text)

    def accept(self) -> None:
        try:
            rd.propose(self.store, self.loan_id, self.terms(), self.reason.toPlainText(), on=self.today)
        except FieldbookError as exc:
            self.problem.setText(str(exc))
            return
        notify(DataKind.WARNINGS)
        super().accept()


class DecisionDialog(QDialog):
    """A note for approving, rejecting or executing a proposal (a rejection needs one), or the report that carried
    decided disposals to the finance office (``label``)."""

    def __init__(self, title: str, need_note: bool, parent: QWidget | None = None, label: str = "",
                 explanation: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.need_note = need_note
        self.note = QLineEdit()
        self.note.setObjectName("decisionNote")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        if explanation:
            text = QLabel(explanation)
            text.setWordWrap(True)
            form.addRow(text)
        form.addRow(label or translate("Warnings", "Note:"), self.note)
        form.addRow(self.buttons)
        self.note.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = not self.need_note or bool(self.note.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
