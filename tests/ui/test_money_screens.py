"""The screens of issue 20: the bank enters a repayment in the loan window and opens a statement import from the
Loans page; the Fund page lists the overdue loans to report to the fund and records the report; the Warnings page
records that a decided disposal was reported to the finance office, and lets the district take its step."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.domain import risk_disposal as rd
from app.models import Loan, OverdueReport, Repayment
from app.models.enums import Disposal
from app.models.risk import DisposalStatus
from app.ui.import_dialog import REPAYMENTS, ImportDialog
from app.ui.loan_detail import LoanDetailDialog
from app.ui.operations import wait_for_all
from app.ui.overdue_reports import OverdueReportsDialog
from app.ui.pages.fund import FundPage
from app.ui.pages.loans import LoansPage
from app.ui.pages.warnings import WarningsPage
from app.ui.repayment_dialog import RepaymentDialog
from tests.records_data import make_household, make_loan
from tests.ui.test_risk_pages import _select, _wait

D = dt.date
TODAY = dt.date.today()


@pytest.fixture
def hub(make_node):
    return make_node(role="hub", street=None)[0]


def test_the_bank_records_a_repayment_in_the_loan_window(qtbot, hub):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=30_000, disbursed=TODAY - dt.timedelta(days=100),
                        months=24)
    window = LoanDetailDialog(hub, loan_id)
    qtbot.addWidget(window)
    assert not window.repay_button.isHidden()
    dialog = window.record_repayment()
    assert isinstance(dialog, RepaymentDialog)
    dialog.principal.setValue(40_000)
    dialog.accept()
    assert "more than the 30,000.00 yuan the loan still owes" in dialog.problem.text()
    dialog.principal.setValue(10_000)
    dialog.interest.setValue(120.5)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with hub.read() as session:
        assert session.get(Loan, loan_id).balance_fen == 2_000_000
        assert session.execute(sa.select(Repayment.interest_fen)).scalar_one() == 12_050
    assert window.repayments.item(0, 1).text() == "10,000.00"


def test_only_the_bank_records_repayments_and_imports_statements(qtbot, hub, node_dir):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    loan_id = make_loan(hub, make_household(hub), amount_yuan=30_000, disbursed=TODAY - dt.timedelta(days=100),
                        months=24)
    hub.add_user("boss", "supervisor", "boss password", kdf=FAST_KDF)
    boss = Store.open(node_dir, "boss", "boss password")
    try:
        window = LoanDetailDialog(boss, loan_id)
        qtbot.addWidget(window)
        assert window.repay_button.isHidden()
        page = LoansPage(boss)
        qtbot.addWidget(page)
        button = page.findChild(type(page.import_button), "importRepayments")
        assert button is not None and not button.isEnabled() and "bank officer" in button.toolTip()
    finally:
        boss.engine.dispose()
    page = LoansPage(hub)
    qtbot.addWidget(page)
    dialog = page.open_repayments_import()
    assert isinstance(dialog, ImportDialog) and dialog.kind == REPAYMENTS
    assert dialog.windowTitle() == "Import repayments"


def test_the_fund_page_lists_the_overdue_loans_to_report_and_records_the_report(qtbot, hub):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=20_000, disbursed=TODAY - dt.timedelta(days=400),
                        months=12, matures=TODAY - dt.timedelta(days=20))
    import app.reports.program_ledgers  # noqa: F401 - the page's export buttons name these ledgers

    page = FundPage(hub, today=TODAY)
    qtbot.addWidget(page)
    wait_for_all()
    dialog = page.overdue_reports()
    assert isinstance(dialog, OverdueReportsDialog)
    [row] = dialog.model.rows
    assert row.loan_id == loan_id and row.days_past_due == 20 and row.state.value == "late"
    assert "1 overdue loans to report to the fund, 1 of them late" in dialog.summary.text()
    dialog.record()
    assert "Name the report" in dialog.problem.text()
    dialog.report.setText("邮储灞桥〔2026〕9号")
    dialog.record()
    assert dialog.problem.text() == "" and dialog.model.rows[0].state.value == "reported_late"
    with hub.read() as session:
        assert session.execute(sa.select(OverdueReport.report_ref)).scalar_one() == "邮储灞桥〔2026〕9号"


def test_the_warnings_page_records_the_report_to_the_finance_office(qtbot, hub, node_dir):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    loan_id = make_loan(hub, make_household(hub), amount_yuan=20_000, months=24,
                        disbursed=TODAY - dt.timedelta(days=700), matures=TODAY + dt.timedelta(days=20))
    hub.add_user("banker", "bank", "banker password", kdf=FAST_KDF)
    banker = Store.open(node_dir, "banker", "banker password")
    try:
        proposal = rd.propose(banker, loan_id, rd.DisposalTerms(Disposal.EXTENSION, extension_months=3), "展期",
                              on=TODAY)
    finally:
        banker.engine.dispose()
    rd.decide(hub, proposal, True, on=TODAY)
    page = WarningsPage(hub, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    _select(page.disposals, 0)
    assert page.report_button.isEnabled()
    dialog = page.report_selected()
    dialog.note.setText("灞扶贫〔2026〕30号")
    dialog.accept()
    _wait(qtbot, page)
    [found] = rd.proposals(hub, loan_id)
    assert (found.status, found.reported_to_finance_by, found.finance_report) == (
        DisposalStatus.APPROVED, "admin", "灞扶贫〔2026〕30号")
