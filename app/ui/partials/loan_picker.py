"""Which loan a record is about, asked whenever a household has more than one: never a silent guess.

:func:`pick_loan` returns at once when there is nothing to choose (no loan, or exactly one not yet repaid);
otherwise it shows :class:`LoanPickerDialog` listing the household's loans with what tells them apart
(contract, bank, amount, balance, maturity, state).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.loan_facts import LoanFacts
from app.domain.money import yuan
from app.i18n import translate
from app.models.enums import LoanStatus

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: the answer "a record about the household, no particular loan"
NO_LOAN = "no-loan"


def loan_line(loan: LoanFacts) -> str:
    return translate("Forms", "{contract} · {bank} · {amount} yuan, balance {balance} yuan, matures {date} · {status}",
                     contract=loan.contract_no, bank=loan.bank_name, amount=yuan(loan.amount_fen),
                     balance=yuan(loan.balance_fen), date=loan.matures_on.isoformat(), status=loan.status.label)


def open_loans(loans: Sequence[LoanFacts]) -> list[LoanFacts]:
    return [loan for loan in loans if loan.status is not LoanStatus.REPAID and loan.balance_fen > 0]


class LoanPickerDialog(QDialog):
    """The household's loans, open ones first; OK takes the one chosen (double-click too)."""

    def __init__(self, loans: Sequence[LoanFacts], needs_loan: bool, record_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loanPicker")
        self.setWindowTitle(translate("Forms", "Which loan?"))
        intro = QLabel(translate("Forms", "This household has {n} loans. Which one is this {record} about?",
                                 n=len(loans), record=record_label))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("loanChoices")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        current = open_loans(loans)
        for loan in sorted(loans, key=lambda item: (item not in current, item.matures_on)):
            item = QListWidgetItem(loan_line(loan))
            item.setData(ID_ROLE, loan.loan_id)
            self.list.addItem(item)
        if len(current) == 1:  # the one not yet repaid is chosen, visibly; Enter takes it
            self.list.setCurrentRow(0)
        if not needs_loan:
            item = QListWidgetItem(translate("Forms", "No particular loan (about the household)"))
            item.setData(ID_ROLE, NO_LOAN)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.why = QLabel(translate("Forms", "Choose a loan above to go on."))
        self.why.setObjectName("loanPickerWhy")
        self.why.setStyleSheet("color: #5f6368;")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(self._changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.why)
        layout.addWidget(self.buttons)
        self.resize(720, 320)
        self._changed()

    def _changed(self, *_args: object) -> None:
        chosen = self.list.currentItem() is not None
        self.ok.setEnabled(chosen)
        self.why.setVisible(not chosen)

    def choice(self) -> uuid.UUID | str | None:
        item = self.list.currentItem()
        if item is None:
            return None
        value: uuid.UUID | str = item.data(ID_ROLE)
        return value


def needs_choice(loans: Sequence[LoanFacts]) -> bool:
    """More than one loan: the cadre says which one the record is about."""
    return len(loans) > 1


def only_loan(loans: Sequence[LoanFacts]) -> uuid.UUID | None:
    """The loan when there is nothing to choose: the household's only one."""
    return loans[0].loan_id if len(loans) == 1 else None
