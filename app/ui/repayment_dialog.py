"""A repayment entered by hand by the lending bank (the statement import is for many at once): date, principal,
interest and the interest arrears after it; checked by :func:`app.domain.loans.add_repayment`."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from app.db.store import Store
from app.domain.loans import add_repayment
from app.i18n import translate
from app.ui.changes import DataKind
from app.ui.partials.dialogs import WriteDialog
from app.ui.partials.editors import date_edit, fen_of, pydate, yuan_edit


class RepaymentDialog(WriteDialog):
    CHANGES = frozenset({DataKind.LOANS})

    def __init__(self, store: Store, loan_id: uuid.UUID, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("Registry", "Record a repayment"), parent)
        self.store = store
        self.loan_id = loan_id
        self.today = today or dt.date.today()
        self.on = date_edit(self.today, "repaymentDate")
        self.principal = yuan_edit("repaymentPrincipal")
        self.interest = yuan_edit("repaymentInterest")
        self.with_arrears = QCheckBox(translate("Registry", "The statement gives the interest arrears (欠息)"))
        self.with_arrears.setObjectName("repaymentWithArrears")
        self.arrears = yuan_edit("repaymentArrears")
        self.arrears.setEnabled(False)
        self.with_arrears.toggled.connect(self.arrears.setEnabled)
        self.note = QLineEdit()
        self.note.setObjectName("repaymentNote")
        self.form.addRow(translate("Registry", "Date:"), self.on)
        self.form.addRow(translate("Registry", "Principal:"), self.principal)
        self.form.addRow(translate("Registry", "Interest:"), self.interest)
        self.form.addRow(self.with_arrears)
        self.form.addRow(translate("Registry", "Interest arrears after it:"), self.arrears)
        self.form.addRow(translate("Registry", "Note:"), self.note)
        self.finish_form()

    def save(self) -> None:
        add_repayment(self.store, self.loan_id, pydate(self.on.date()), fen_of(self.principal) or 0,
                      fen_of(self.interest) or 0, fen_of(self.arrears) if self.with_arrears.isChecked() else None,
                      self.note.text(), today=max(self.today, dt.date.today()))
