"""The Loans page: its table model without a view (derived maturity state, masking, paging), the filters, the
detail window (repayments, history from the audit log), scope on a field node, the post-loan ledger export."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from app.domain.loans import load_loan_detail
from app.domain.registry import LoanQuery
from app.models import Loan, Repayment
from app.ui.loan_detail import LoanDetailDialog
from app.ui.pages import PAGES
from app.ui.pages.loans import LoansPage
from app.ui.registry_models import (
    L_AMOUNT,
    L_BALANCE,
    L_CITIZEN_ID,
    L_CONTRACT,
    L_DUE,
    L_MATURES,
    L_STATUS,
    LoanTableModel,
)
from tests.ui.test_households_page import fill_field_node, login_as, texts
from tests.unit.test_import_workbooks import make_id
from tests.unit.test_registry import AS_OF, fill


@pytest.fixture
def hub(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    fill(store, tmp_path)
    return store


def loan_id(store, contract):
    with store.read() as session:
        return session.execute(sa.select(Loan.id).where(Loan.contract_no == contract)).scalar_one()


def test_page_registered():
    assert [p.module for p in PAGES if p.key == "loans"] == ["loans"]


def test_loan_model_without_view(hub, node_dir, qapp):
    model = LoanTableModel(hub, LoanQuery(as_of=AS_OF))
    model.set_query(model.query)
    assert model.rowCount() == 4 and model.columnCount() == 11
    assert texts(model, L_CONTRACT) == ["L3", "L2", "L1", "L4"]  # by maturity
    due = dict(zip(texts(model, L_CONTRACT), texts(model, L_DUE), strict=True))
    assert due == {"L1": "in 23 days", "L2": "179 days past due", "L3": "closed", "L4": "in 35 days"}
    row = texts(model, L_CONTRACT).index("L2")
    assert model.index(row, L_AMOUNT).data() == "50,000.00" and model.index(row, L_BALANCE).data() == "20,000.00"
    assert model.index(row, L_MATURES).data() == "2026-06-01" and model.index(row, L_STATUS).data() == "Overdue"
    assert model.index(row, L_DUE).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert model.index(row, L_AMOUNT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(row, L_CITIZEN_ID).data() == make_id(2)[:4] + "*" * 10 + make_id(2)[-4:]
    model.set_full_ids(True)
    assert model.index(row, L_CITIZEN_ID).data() == make_id(2)
    model.sort(L_DUE, Qt.SortOrder.AscendingOrder)  # the maturity column sorts by the first overdue day
    assert texts(model, L_CONTRACT)[0] == "L3"

    paged = LoanTableModel(hub, LoanQuery(as_of=AS_OF), page_size=3)
    paged.set_query(paged.query)
    assert paged.rowCount() == 3 and paged.canFetchMore()
    paged.fetchMore()
    assert paged.rowCount() == 4 and not paged.canFetchMore()

    banker = LoanTableModel(login_as(hub, node_dir, "banker", "bank"), LoanQuery(as_of=AS_OF))
    banker.set_query(banker.query)
    banker.set_full_ids(True)  # bank officers may see full IDs
    assert make_id(1) in texts(banker, L_CITIZEN_ID)


def test_loan_filters(qtbot, hub):
    page = LoansPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    page.show()
    assert sorted(texts(page.model, L_CONTRACT)) == ["L1", "L2", "L4"], "live loans by default"
    assert page.count_label.text() == "3 loans"
    page.overdue.setCurrentIndex(page.overdue.findData(1))
    assert texts(page.model, L_CONTRACT) == ["L2"]
    page.overdue.setCurrentIndex(page.overdue.findData(91))
    assert texts(page.model, L_CONTRACT) == ["L2"]  # 179 days
    page.overdue.setCurrentIndex(0)
    page.maturity.setCurrentIndex(page.maturity.findData(30))
    assert texts(page.model, L_CONTRACT) == ["L1"]
    page.maturity.setCurrentIndex(page.maturity.findData(60))
    assert texts(page.model, L_CONTRACT) == ["L1", "L4"]
    page.maturity.setCurrentIndex(0)
    page.status.setCurrentIndex(0)  # all statuses
    page.bank.setCurrentIndex(page.bank.findText("邮储"))
    assert texts(page.model, L_CONTRACT) == ["L3", "L4"]
    page.bank.setCurrentIndex(0)
    page.street.setCurrentIndex(page.street.findData("610111006"))
    assert texts(page.model, L_CONTRACT) == ["L4"]
    page.street.setCurrentIndex(0)
    page.risk.setCurrentIndex(page.risk.findData("normal"))
    assert "L1" in texts(page.model, L_CONTRACT)
    page.risk.setCurrentIndex(0)
    qtbot.keyClicks(page.filter, "zsf")
    qtbot.waitUntil(lambda: texts(page.model, L_CONTRACT) == ["L2"], timeout=2000)
    page.filter.setText("nothing-like-this")
    page.apply_filter()
    assert page.count_label.text() == "No loan matches the filter." and page.stack.currentWidget() is page.table


def test_loan_detail_shows_state_repayments_and_history(qtbot, hub):
    loan = loan_id(hub, "L2")
    with hub.write() as session:
        session.add(Repayment(loan_id=loan, paid_on=dt.date(2025, 6, 1), principal_fen=3_000_000,
                              interest_fen=120_000))
    with hub.write() as session:
        session.get(Loan, loan).balance_fen = 1_000_000
    page = LoansPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    page.show()
    row = texts(page.model, L_CONTRACT).index("L2")
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.windows[-1]
    assert isinstance(dialog, LoanDetailDialog) and dialog.isVisible()
    assert dialog.heading.text() == "L2 — 张三丰"
    assert "179 days past due" in dialog.state_label.text() and "overdue since 2026-06-02" in dialog.state_label.text()
    assert dialog.repayments.rowCount() == 2  # the repayment and the total
    assert [dialog.repayments.item(0, c).text() for c in range(3)] == ["2025-06-01", "30,000.00", "1,200.00"]
    history = [[dialog.history.item(r, c).text() for c in range(6)] for r in range(dialog.history.rowCount())]
    assert history[0][2] == "recorded" and "amount 50,000.00" in history[0][5]
    assert ["changed", "balance", "20,000.00", "10,000.00"] in [h[2:] for h in history]
    assert all(h[1] == "admin" for h in history)


def test_loan_outside_the_field_nodes_street_is_not_shown(qtbot, make_node):
    from tests.records_data import make_household, make_loan

    store = make_node(role="field", street="610111001")[0]
    household = make_household(store, street="610111006")
    other = make_loan(store, household)
    with store.write() as session:
        session.get(Loan, other).street_code = "610111006"
    assert load_loan_detail(store, other, AS_OF) is None
    dialog = LoanDetailDialog(store, other, as_of=AS_OF)
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == "This loan is not visible on this node."
    page = LoansPage(store, as_of=AS_OF)
    qtbot.addWidget(page)
    assert page.model.total == 0


def test_field_node_sees_only_its_street(qtbot, make_node, node_dir, tmp_path):
    store = make_node(role="field", street="610111001")[0]
    fill_field_node(store, tmp_path)
    from app.reports.import_loans import import_loans
    from tests.unit.test_import_workbooks import build_workbook

    header = ["经办银行", "合同编号", "借款人", "身份证号", "贷款金额", "放款日期", "到期日期", "余额", "状态"]
    rows = [["农商行", "F1", "张三", make_id(1), 50000, "2024-01-01", "2026-12-20", 50000, "正常"]]
    import_loans(store, build_workbook(tmp_path / "l.xlsx", header, rows))
    cadre = login_as(store, node_dir, "cadre", "field")
    page = LoansPage(cadre, as_of=AS_OF)
    qtbot.addWidget(page)
    assert page.street.count() == 1 and not page.street.isEnabled()
    assert texts(page.model, L_CONTRACT) == ["F1"]
    assert not page.import_button.isEnabled() and "bank officer" in page.import_button.toolTip()
    assert not page.export_button.isEnabled()
    assert not page.show_full_ids.isVisibleTo(page)


def test_empty_loans_page_says_what_to_do(qtbot, make_node):
    store = make_node(role="hub", street=None)[0]
    page = LoansPage(store)
    qtbot.addWidget(page)
    assert page.stack.currentWidget() is page.empty and page.empty.button.text() == "Import loan list…"


def test_export_post_loan_ledger(qtbot, hub, tmp_path):
    page = LoansPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    dialog = page.open_export()
    out = tmp_path / "post-loan.xlsx"
    dialog.path_edit.setText(str(out))
    dialog.full_ids.setChecked(True)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    assert dialog.outcome.full_ids and dialog.outcome.rows == 4
    sheet = openpyxl.load_workbook(out).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "L2" in values and make_id(2) in values
