"""Enterprises: the entrusted enterprises (委托经营企业) with their operating status, linked households and loans;
the enterprise-use (户贷企用) stock-loan ledger with the loans that break the cutoff; dividends due and paid.

Lists load off the GUI thread (``loading`` is true meanwhile); the small writes of the dialogs run directly, as
the other pages' dialogs do. The table models are the ones the tests compare with the ledgers; the table, dialog
and editor pieces come from :mod:`app.ui.partials`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import app.reports.program_ledgers  # noqa: F401  (registers the programme ledgers for the export dialog)
from app import settings
from app.db.store import Store
from app.domain import programs as pg
from app.domain.codes import mask_citizen_id, normalize_code
from app.domain.dates import day_text
from app.domain.loans import find_loan_row
from app.domain.money import yuan
from app.domain.scope import scope_street
from app.errors import FieldbookError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import BusinessStatus
from app.models.programs import BenefitLink
from app.ui.changes import DataKind, notify, on_data_changed
from app.ui.ledger_export import LedgerExportDialog
from app.ui.operations import run_in_background
from app.ui.partials.controls import (
    action_button,
    bank_combo,
    button_row,
    export_button,
    filter_bar,
    open_ledger_export,
    street_combo,
)
from app.ui.partials.dialogs import WriteDialog, open_modal
from app.ui.partials.editors import date_edit, fen_of, pydate, qdate, yuan_edit
from app.ui.partials.table import ALERT_BACKGROUND, WARN_BACKGROUND, Column, RowsModel, make_table, selected_row
from app.ui.widgets import ERROR_COLOR, MUTED_COLOR, page_header

CONTEXT = "ProgramPages"


def yes(value: bool) -> str:
    return translate("ProgramPages", "Yes") if value else ""


def status_text(status: BusinessStatus | None, on: dt.date | None) -> str:
    if status is None:
        return translate("ProgramPages", "Not observed")
    return translate("ProgramPages", "{status} ({date})", status=status.label, date=day_text(on))


def link_text(link: BenefitLink | None) -> str:
    return link.label if link else ""


# == columns ==========================================================================================================
ENTERPRISE_COLUMNS: list[Column[pg.EnterpriseRow]] = [
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Enterprise"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Credit code"),
           lambda r: r.credit_code + (" ⚠" if r.credit_code_note else "")),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Industry"), lambda r: r.industry),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Benefit link"), lambda r: r.benefit_link.label),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Operating status"), lambda r: status_text(r.status, r.status_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Households"), lambda r: str(r.households), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Loans"), lambda r: str(r.loans), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Balance (yuan)"), lambda r: yuan(r.balance_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Overdue dividends (yuan)"),
           lambda r: yuan(r.dividends_overdue_fen) if r.dividends_overdue_fen else "", True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Contact"), lambda r: f"{r.contact} {r.phone}".strip()),
]

USE_COLUMNS: list[Column[pg.EnterpriseUseRow]] = [
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Enterprise"), lambda r: r.enterprise_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Credit code"), lambda r: r.credit_code),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Benefit link"), lambda r: link_text(r.benefit_link)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Operating status"), lambda r: r.status.label if r.status else ""),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Street"), lambda r: r.street_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Village"), lambda r: r.village_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Head of household"), lambda r: r.head_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Borrower"), lambda r: r.borrower_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Citizen ID"), lambda r: r.masked_id),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Bank"), lambda r: r.bank_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Contract"), lambda r: r.contract_no),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Amount (yuan)"), lambda r: yuan(r.amount_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Disbursed"), lambda r: day_text(r.disbursed_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Matures"), lambda r: day_text(r.matures_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Balance (yuan)"), lambda r: yuan(r.balance_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Dividends due (yuan)"), lambda r: yuan(r.dividends_due_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Dividends paid (yuan)"), lambda r: yuan(r.dividends_paid_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "After the cutoff"), lambda r: yes(r.after_cutoff)),
]

DIVIDEND_COLUMNS: list[Column[pg.DividendRow]] = [
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Street"), lambda r: r.street_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Village"), lambda r: r.village_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Head of household"), lambda r: r.head_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Citizen ID"), lambda r: mask_citizen_id(r.head_citizen_id)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Enterprise"), lambda r: r.enterprise_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Benefit link"), lambda r: link_text(r.benefit_link)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Period"), lambda r: r.period),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Due on"), lambda r: day_text(r.due_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Amount (yuan)"), lambda r: yuan(r.amount_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Paid (yuan)"), lambda r: yuan(r.paid_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Unpaid (yuan)"), lambda r: yuan(r.unpaid_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Last paid"), lambda r: day_text(r.last_paid_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Status"), lambda r: r.state.label),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Days overdue"), lambda r: str(r.days_overdue or ""), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Note"), lambda r: r.note),
]

LINKED_COLUMNS: list[Column[pg.LinkedHouseholdRow]] = [
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Street"), lambda r: r.street_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Village"), lambda r: r.village_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Head of household"), lambda r: r.head_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Citizen ID"), lambda r: mask_citizen_id(r.head_citizen_id)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Benefit link"), lambda r: r.benefit_link.label),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Linked since"), lambda r: day_text(r.linked_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Loans"), lambda r: str(r.loans), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Balance (yuan)"), lambda r: yuan(r.balance_fen), True),
]

OBSERVATION_COLUMNS: list[Column[pg.ObservationRow]] = [
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Observed on"), lambda r: day_text(r.observed_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Status"), lambda r: r.status.label),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "By"), lambda r: r.observed_by),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "On a visit"), lambda r: yes(r.visit_id is not None)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "What was seen"), lambda r: r.note),
]

_STATUS_TINT = {BusinessStatus.DIFFICULT: WARN_BACKGROUND, BusinessStatus.STOPPED: ALERT_BACKGROUND}


# == dialogs ==========================================================================================================
class EnterpriseDialog(WriteDialog):
    """New or changed enterprise; the credit code is checked as it is typed: a wrong check character is a warning
    that is saved with the enterprise, a malformed code is refused."""

    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, row: pg.EnterpriseRow | None = None, parent: QWidget | None = None) -> None:
        title = translate("ProgramPages", "Edit the enterprise") if row else translate("ProgramPages", "New enterprise")
        super().__init__(title, parent)
        self.store, self.row = store, row
        self.saved_id: uuid.UUID | None = None
        self.name = QLineEdit(row.name if row else "")
        self.name.setObjectName("enterpriseName")
        self.code = QLineEdit(row.credit_code if row else "")
        self.code.setObjectName("creditCode")
        self.code.setMaxLength(30)  # spaces and dashes are dropped (normalize_code)
        self.code_message = QLabel()
        self.code_message.setObjectName("creditCodeMessage")
        self.code_message.setWordWrap(True)
        self.contact = QLineEdit(row.contact if row else "")
        self.phone = QLineEdit(row.phone if row else "")
        self.phone.setObjectName("enterprisePhone")
        self.industry = QLineEdit(row.industry if row else "")
        self.address = QLineEdit(row.address if row else "")
        self.link = QComboBox()
        self.link.setObjectName("benefitLink")
        for mode in BenefitLink:
            self.link.addItem(mode.label, mode.value)
        if row:
            self.link.setCurrentIndex(list(BenefitLink).index(row.benefit_link))
        self.note = QLineEdit(row.note if row else "")
        code_box = QWidget()
        code_layout = QVBoxLayout(code_box)
        code_layout.setContentsMargins(0, 0, 0, 0)
        code_layout.addWidget(self.code)
        code_layout.addWidget(self.code_message)
        self.form.addRow(translate("ProgramPages", "Name:"), self.name)
        self.form.addRow(translate("ProgramPages", "Unified social credit code:"), code_box)
        self.form.addRow(translate("ProgramPages", "Contact person:"), self.contact)
        self.form.addRow(translate("ProgramPages", "Phone:"), self.phone)
        self.form.addRow(translate("ProgramPages", "Industry:"), self.industry)
        self.form.addRow(translate("ProgramPages", "Address:"), self.address)
        self.form.addRow(translate("ProgramPages", "Benefit link:"), self.link)
        self.form.addRow(translate("ProgramPages", "Note:"), self.note)
        self.finish_form()
        self.code.textChanged.connect(self._check_code)
        self._check_code()

    def _check_code(self) -> None:
        try:
            _, warning = pg.check_credit_code(self.code.text())
        except FieldbookError as exc:
            self.code_message.setText(exc.message)
            self.code_message.setStyleSheet(f"color: {ERROR_COLOR};")
            return
        self.code_message.setText(translate("ProgramPages", "Warning (saved with the enterprise): {warning}",
                                            warning=warning)
                                  if warning else "")
        self.code_message.setStyleSheet("color: #8a5a00;")

    def save(self) -> None:
        values = pg.EnterpriseInput(self.name.text(), self.code.text(), self.contact.text(), self.phone.text(),
                                    self.industry.text(), self.address.text(), BenefitLink(self.link.currentData()),
                                    self.note.text())
        self.saved_id, _ = pg.save_enterprise(self.store, values, self.row.id if self.row else None)


class ObservationDialog(WriteDialog):
    """The enterprise's operating status as seen on a day, optionally on one of the visits to a linked household."""

    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, enterprise: pg.EnterpriseRow, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramPages", "Operating status of {name}", name=enterprise.name), parent)
        self.store, self.enterprise = store, enterprise
        self.observed_on = date_edit(today, "observedOn")
        self.observed_on.setMaximumDate(qdate(dt.date.today()))
        self.status = QComboBox()
        self.status.setObjectName("operatingStatus")
        for status in BusinessStatus:
            self.status.addItem(status.label, status.value)
        self.visit = QComboBox()
        self.visit.setObjectName("observationVisit")
        self.visit.addItem(translate("ProgramPages", "Not on a visit"), None)
        with store.read() as session:
            visits = pg.linked_household_visits(session, enterprise.id)
        for visit_id, on, head_name in visits:
            self.visit.addItem(f"{on.isoformat()} {head_name}", visit_id)
        self.note = QPlainTextEdit()
        self.note.setObjectName("observationNote")
        self.note.setFixedHeight(70)
        self.form.addRow(translate("ProgramPages", "Observed on:"), self.observed_on)
        self.form.addRow(translate("ProgramPages", "Status:"), self.status)
        self.form.addRow(translate("ProgramPages", "Visit:"), self.visit)
        self.form.addRow(translate("ProgramPages", "What was seen:"), self.note)
        self.finish_form()

    def save(self) -> None:
        pg.record_observation(self.store, self.enterprise.id, pydate(self.observed_on.date()),
                              BusinessStatus(self.status.currentData()), self.note.toPlainText(),
                              self.visit.currentData())


def _enterprise_choices(store: Store) -> list[tuple[uuid.UUID, str]]:
    with store.read() as session:
        return pg.enterprise_choices(session)


class MarkUseDialog(WriteDialog):
    """Mark a loan as used by an entrusted enterprise; a loan made after the cutoff is refused as soon as its
    contract number is typed, naming the cutoff."""

    CHANGES = frozenset({DataKind.PROGRAMMES, DataKind.LOANS})

    def __init__(self, store: Store, enterprise_id: uuid.UUID | None = None, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramPages", "Mark a loan as enterprise use"), parent)
        self.store = store
        self.cutoff = store.setting(settings.ENTERPRISE_USE_CUTOFF)
        self.contract = QLineEdit()
        self.contract.setObjectName("useContract")
        self.contract.setPlaceholderText(translate("ProgramPages", "contract number"))
        self.bank = bank_combo(store, "useBank")
        self.loan_info = QLabel()
        self.loan_info.setWordWrap(True)
        self.loan_info.setStyleSheet(f"color: {MUTED_COLOR};")
        self.enterprise = QComboBox()
        self.enterprise.setObjectName("useEnterprise")
        for i, name in _enterprise_choices(store):
            self.enterprise.addItem(name, i)
            if i == enterprise_id:
                self.enterprise.setCurrentIndex(self.enterprise.count() - 1)
        self.loan_id: uuid.UUID | None = None
        self.form.addRow(QLabel(translate("ProgramPages", "Only loans made on or before {cutoff} may be used by an "
                                                          "enterprise.",
                                   cutoff=self.cutoff.isoformat())))
        self.form.addRow(translate("ProgramPages", "Loan:"), self.contract)
        self.form.addRow(translate("ProgramPages", "Bank:"), self.bank)
        self.form.addRow("", self.loan_info)
        self.form.addRow(translate("ProgramPages", "Enterprise:"), self.enterprise)
        self.finish_form()
        self.contract.textChanged.connect(self._check)
        self.bank.currentIndexChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        text = self.contract.text().strip()
        self.loan_id = None
        problem = ""
        info = ""
        if text:
            try:
                with self.store.read() as session:
                    loan = find_loan_row(session, text, self.bank.currentData(), scope_street(self.store))
            except ValidationError as exc:
                problem = exc.message
            else:
                info = translate("ProgramPages", "{borrower}, {bank}, made on {date}", borrower=loan.borrower_name,
                                 bank=loan.bank_name, date=loan.disbursed_on.isoformat())
                problem = pg.enterprise_use_problem(loan.disbursed_on, self.cutoff) or ""
                self.loan_id = loan.id
        if not self.enterprise.count():
            problem = problem or translate("ProgramPages", "Add the enterprise first.")
        self.loan_info.setText(info)
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text) and not problem)

    def save(self) -> None:
        if self.loan_id is None:
            return
        pg.mark_enterprise_use(self.store, self.loan_id, self.enterprise.currentData())


class DividendDialog(WriteDialog):
    """Schedule a dividend an enterprise owes one of its linked households."""

    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, enterprise_id: uuid.UUID | None, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramPages", "Schedule a dividend"), parent)
        self.store = store
        self.enterprise = QComboBox()
        self.enterprise.setObjectName("dividendEnterprise")
        for i, name in _enterprise_choices(store):
            self.enterprise.addItem(name, i)
            if i == enterprise_id:
                self.enterprise.setCurrentIndex(self.enterprise.count() - 1)
        self.household = QComboBox()
        self.household.setObjectName("dividendHousehold")
        self.period = QLineEdit(str(today.year))
        self.period.setObjectName("dividendPeriod")
        self.due_on = date_edit(today, "dividendDue")
        self.amount = yuan_edit("dividendAmount")
        self.note = QLineEdit()
        self.form.addRow(translate("ProgramPages", "Enterprise:"), self.enterprise)
        self.form.addRow(translate("ProgramPages", "Household:"), self.household)
        self.form.addRow(translate("ProgramPages", "Period:"), self.period)
        self.form.addRow(translate("ProgramPages", "Due on:"), self.due_on)
        self.form.addRow(translate("ProgramPages", "Amount:"), self.amount)
        self.form.addRow(translate("ProgramPages", "Note:"), self.note)
        self.finish_form()
        self.enterprise.currentIndexChanged.connect(self._households)
        self._households()

    def _households(self) -> None:
        self.household.clear()
        enterprise_id = self.enterprise.currentData()
        if enterprise_id is None:
            return
        with self.store.read() as session:
            for row in pg.linked_households(session, enterprise_id, scope_street(self.store)):
                self.household.addItem(f"{row.head_name}（{row.street_name}{row.village_name}）", row.household_id)
        if not self.household.count():
            self.problem.setText(translate("ProgramPages", "No household is linked to this enterprise yet."))
        else:
            self.problem.clear()

    def save(self) -> None:
        if self.household.currentData() is None:
            raise FieldbookError(translate("ProgramPages", "Choose the household."))
        pg.add_dividend(self.store, self.enterprise.currentData(), self.household.currentData(),
                        pydate(self.due_on.date()), fen_of(self.amount), self.period.text(), self.note.text())


class PaymentDialog(WriteDialog):
    """A (possibly partial) payment of the chosen dividend."""

    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, row: pg.DividendRow, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramPages", "Record a dividend payment"), parent)
        self.store, self.row = store, row
        self.paid_on = date_edit(min(today, dt.date.today()), "paymentDate")
        self.paid_on.setMaximumDate(qdate(dt.date.today()))
        self.amount = yuan_edit("paymentAmount", row.unpaid_fen)
        self.note = QLineEdit()
        self.form.addRow(QLabel(translate("ProgramPages", "{household} — {enterprise}, {period}: {amount} yuan due "
                                                          "on {due}, {unpaid} yuan "
                                   "unpaid", household=row.head_name, enterprise=row.enterprise_name,
                                   period=row.period, amount=yuan(row.amount_fen), due=row.due_on.isoformat(),
                                   unpaid=yuan(row.unpaid_fen))))
        self.form.addRow(translate("ProgramPages", "Paid on:"), self.paid_on)
        self.form.addRow(translate("ProgramPages", "Amount:"), self.amount)
        self.form.addRow(translate("ProgramPages", "Note:"), self.note)
        self.finish_form()

    def save(self) -> None:
        pg.record_dividend_payment(self.store, self.row.schedule_id, pydate(self.paid_on.date()),
                                   fen_of(self.amount), self.note.text())


# == the page =========================================================================================================
@dataclass
class _Loaded:
    enterprises: list[pg.EnterpriseRow]
    uses: list[pg.EnterpriseUseRow]
    dividends: list[pg.DividendRow]


class EnterprisesPage(QWidget):
    def __init__(self, store: Store, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.loading = False
        self.manage = pg.may_manage(store)
        self.may_mark = pg.may_mark_use(store)
        self.cutoff = store.setting(settings.ENTERPRISE_USE_CUTOFF)
        self.grace = store.setting(settings.DIVIDEND_GRACE_DAYS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(page_header(translate("ProgramPages", "Enterprises"), translate("ProgramPages",
            "Entrusted enterprises of the enterprise-use (户贷企用) stock loans, their linked households, operating "
            "status and dividends. As of {date}.", date=self.today.isoformat())))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("enterpriseTabs")
        self.tabs.addTab(self._enterprise_tab(), translate("ProgramPages", "Enterprises"))
        self.tabs.addTab(self._use_tab(), translate("ProgramPages", "Enterprise-use loans"))
        self.tabs.addTab(self._dividend_tab(), translate("ProgramPages", "Dividends"))
        layout.addWidget(self.tabs, 1)
        on_data_changed(self, {DataKind.PROGRAMMES, DataKind.LOANS, DataKind.HOUSEHOLDS}, self.refresh)
        self.refresh()

    # -- tabs ------------------------------------------------------------------------------------------------------
    def _enterprise_tab(self) -> QWidget:
        no_manage = "" if self.manage else translate("ProgramPages", "District staff manage the enterprises.")
        self.search = QLineEdit()
        self.search.setObjectName("enterpriseSearch")
        self.search.setPlaceholderText(translate("ProgramPages", "Name or credit code"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_enterprises)
        self.new_button = action_button(translate("ProgramPages", "New enterprise…"), "newEnterprise", no_manage)
        self.edit_button = action_button(translate("ProgramPages", "Edit…"), "editEnterprise", no_manage)
        self.status_button = action_button(translate("ProgramPages", "Record operating status…"), "recordStatus",
                                           "" if pg.may_record_outreach(self.store) else no_manage)
        self.new_button.clicked.connect(self.new_enterprise)
        self.edit_button.clicked.connect(self.edit_enterprise)
        self.status_button.clicked.connect(self.record_status)
        self.enterprise_model: RowsModel[pg.EnterpriseRow] = RowsModel(
            ENTERPRISE_COLUMNS, context=CONTEXT, tint=lambda r: _STATUS_TINT.get(r.status) if r.status else None,
            tip=lambda r, c: r.credit_code_note or None if c == 1 else None)
        self.enterprise_view = make_table(self.enterprise_model, "enterpriseTable",
                                          (210, 170, 110, 90, 150, 70, 50, 110, 120))
        self.enterprise_view.selectionModel().selectionChanged.connect(self._show_detail)
        self.detail = QLabel()
        self.detail.setObjectName("enterpriseDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.linked_model: RowsModel[pg.LinkedHouseholdRow] = RowsModel(LINKED_COLUMNS, context=CONTEXT)
        self.observation_model: RowsModel[pg.ObservationRow] = RowsModel(
            OBSERVATION_COLUMNS, context=CONTEXT, tint=lambda r: _STATUS_TINT.get(r.status))
        detail_tabs = QTabWidget()
        detail_tabs.addTab(make_table(self.linked_model, "linkedHouseholds", (100, 100, 90, 150, 90, 100, 50)),
                           translate("ProgramPages", "Linked households"))
        detail_tabs.addTab(make_table(self.observation_model, "observationTable", (100, 110, 90, 70)),
                           translate("ProgramPages", "Operating status history"))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(detail_tabs, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.enterprise_view)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        box = QWidget()
        layout = QVBoxLayout(box)
        top = button_row(self.new_button, self.edit_button, self.status_button)
        top.insertWidget(0, self.search, 1)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        return box

    def _use_tab(self) -> QWidget:
        self.violations = QLabel()
        self.violations.setObjectName("useViolations")
        self.violations.setWordWrap(True)
        self.mark_button = action_button(translate("ProgramPages", "Mark a loan as enterprise use…"), "markUse",
                                         "" if self.may_mark else translate("ProgramPages", "The bank or district "
                                                                                            "staff mark loans."))
        self.unmark_button = action_button(translate("ProgramPages", "Back to household use"), "unmarkUse",
                                           "" if self.may_mark else translate("ProgramPages", "The bank or district "
                                                                                              "staff mark loans."))
        self.use_export = export_button(self.store, "enterprise-use", "exportUseLedger")
        self.mark_button.clicked.connect(self.mark_use)
        self.unmark_button.clicked.connect(self.unmark_use)
        self.use_export.clicked.connect(lambda: self.open_export("enterprise-use"))
        self.use_model: RowsModel[pg.EnterpriseUseRow] = RowsModel(
            USE_COLUMNS, context=CONTEXT, tint=lambda r: ALERT_BACKGROUND if r.after_cutoff else None)
        self.use_view = make_table(self.use_model, "useTable",
                                   (200, 165, 80, 80, 90, 80, 70, 70, 150, 150, 190, 90, 90, 90, 90, 90, 90))
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(self.violations)
        layout.addLayout(button_row(self.mark_button, self.unmark_button, self.use_export))
        layout.addWidget(self.use_view, 1)
        return box

    def _dividend_tab(self) -> QWidget:
        no_manage = "" if self.manage else translate("ProgramPages", "District staff record dividends.")
        self.street = street_combo(self.store)
        self.street.currentIndexChanged.connect(self._filter_dividends)
        self.only_overdue = QCheckBox(translate("ProgramPages", "Only overdue"))
        self.only_overdue.setObjectName("onlyOverdue")
        self.only_overdue.toggled.connect(self._filter_dividends)
        self.schedule_button = action_button(translate("ProgramPages", "Schedule dividend…"), "scheduleDividend",
                                             no_manage)
        self.pay_button = action_button(translate("ProgramPages", "Record payment…"), "recordPayment", no_manage)
        self.dividend_export = export_button(self.store, "dividends", "exportDividendLedger")
        self.schedule_button.clicked.connect(self.schedule_dividend)
        self.pay_button.clicked.connect(self.record_payment)
        self.dividend_export.clicked.connect(lambda: self.open_export("dividends"))
        self.dividend_summary = QLabel()
        self.dividend_summary.setObjectName("dividendSummary")
        self.dividend_model: RowsModel[pg.DividendRow] = RowsModel(
            DIVIDEND_COLUMNS, context=CONTEXT,
            tint=lambda r: ALERT_BACKGROUND if r.state is pg.DividendState.OVERDUE else None)
        self.dividend_view = make_table(self.dividend_model, "dividendTable",
                                        (90, 80, 70, 150, 190, 70, 60, 90, 90, 90, 90, 90, 70, 60))
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addLayout(filter_bar((translate("ProgramPages", "Street:"), self.street), self.only_overdue,
                                    summary=self.dividend_summary))
        layout.addLayout(button_row(self.schedule_button, self.pay_button, self.dividend_export))
        layout.addWidget(self.dividend_view, 1)
        return box

    # -- loading ---------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        store, today, scope, cutoff, grace = self.store, self.today, scope_street(self.store), self.cutoff, self.grace

        def job(token: Any) -> _Loaded:
            with store.read() as session:
                return _Loaded(pg.list_enterprises(session, today, scope, grace),
                               pg.enterprise_use_rows(session, today, scope, cutoff),
                               pg.dividend_rows(session, today, scope, grace_days=grace))

        run_in_background(self, job, on_success=self._loaded, on_finished=self._finished)

    def _finished(self) -> None:
        self.loading = False

    def _loaded(self, data: _Loaded) -> None:
        self.all_enterprises = data.enterprises
        self._filter_enterprises()
        self.use_model.set_rows(data.uses)
        late = [r for r in data.uses if r.after_cutoff]
        if late:
            self.violations.setText(translate("ProgramPages", "{n} enterprise-use loans were made after the "
                                                              "cutoff {cutoff}; after the "
                                       "cutoff every loan must be borrowed, used and repaid by the household. They "
                                       "are marked in red.", n=len(late), cutoff=self.cutoff.isoformat()))
            self.violations.setStyleSheet(f"color: {ERROR_COLOR};")
        else:
            self.violations.setText(translate("ProgramPages", "{n} enterprise-use loans, all made on or before the "
                                                              "cutoff {cutoff}.",
                                       n=len(data.uses), cutoff=self.cutoff.isoformat()))
            self.violations.setStyleSheet(f"color: {MUTED_COLOR};")
        self.all_dividends = data.dividends
        self._filter_dividends()

    def _filter_enterprises(self) -> None:
        text = self.search.text().strip().upper()
        code = normalize_code(text)
        rows = getattr(self, "all_enterprises", [])
        if text:
            rows = [r for r in rows if text in r.name.upper() or (code and code in r.credit_code)]
        self.enterprise_model.set_rows(rows)
        if rows:
            self.enterprise_view.selectRow(0)
        else:
            self._show_detail()

    def _filter_dividends(self) -> None:
        rows = getattr(self, "all_dividends", [])
        street = self.street.currentData()
        if street:
            rows = [r for r in rows if r.street_code == street]
        if self.only_overdue.isChecked():
            rows = [r for r in rows if r.state is pg.DividendState.OVERDUE]
        self.dividend_model.set_rows(rows)
        overdue = [r for r in rows if r.state is pg.DividendState.OVERDUE]
        self.dividend_summary.setText(translate("ProgramPages", "{n} dividends; {late} overdue with {amount} yuan "
                                                                "unpaid.", n=len(rows),
                                         late=len(overdue), amount=yuan(sum(r.unpaid_fen for r in overdue))))

    def _show_detail(self, *_: Any) -> None:
        row: pg.EnterpriseRow | None = selected_row(self.enterprise_view)
        if row is None:
            self.detail.setText("" if self.enterprise_model.rows else translate("ProgramPages", "No enterprise yet."))
            self.linked_model.set_rows([])
            self.observation_model.set_rows([])
            return
        parts = [row.name]
        if row.credit_code:
            parts.append(translate("ProgramPages", "Credit code {code}", code=row.credit_code))
        if row.address:
            parts.append(row.address)
        text = "  ·  ".join(parts)
        if row.credit_code_note:
            text += "\n⚠ " + row.credit_code_note
        self.detail.setText(text)
        with self.store.read() as session:
            self.linked_model.set_rows(pg.linked_households(session, row.id, scope_street(self.store)))
            self.observation_model.set_rows(pg.observations(session, row.id))

    # -- actions ---------------------------------------------------------------------------------------------------
    def _run(self, dialog: QDialog) -> QDialog:
        return open_modal(dialog, self.refresh)

    def new_enterprise(self) -> QDialog:
        return self._run(EnterpriseDialog(self.store, parent=self))

    def edit_enterprise(self) -> QDialog | None:
        row = selected_row(self.enterprise_view)
        return self._run(EnterpriseDialog(self.store, row, parent=self)) if row else None

    def record_status(self) -> QDialog | None:
        row = selected_row(self.enterprise_view)
        return self._run(ObservationDialog(self.store, row, self.today, parent=self)) if row else None

    def mark_use(self) -> QDialog:
        row = selected_row(self.enterprise_view)
        return self._run(MarkUseDialog(self.store, row.id if row else None, parent=self))

    def unmark_use(self) -> None:
        row: pg.EnterpriseUseRow | None = selected_row(self.use_view)
        if row is None:
            return
        pg.mark_household_use(self.store, row.loan_id)
        notify(DataKind.PROGRAMMES, DataKind.LOANS)
        self.refresh()

    def schedule_dividend(self) -> QDialog:
        row = selected_row(self.enterprise_view)
        return self._run(DividendDialog(self.store, row.id if row else None, self.today, parent=self))

    def record_payment(self) -> QDialog | None:
        row = selected_row(self.dividend_view)
        return self._run(PaymentDialog(self.store, row, self.today, parent=self)) if row else None

    def open_export(self, kind: str) -> LedgerExportDialog:
        return open_ledger_export(self, self.store, kind)


def create(store: Store) -> QWidget:
    return EnterprisesPage(store)
