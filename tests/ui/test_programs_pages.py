"""The Enterprises, Fund & subsidies and Dashboards pages, driven as a user would; what the tables show is what
the ledgers hold."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialogButtonBox

from app.domain import programs as pg
from app.domain.codes import credit_code_check_char
from app.models import Enterprise, FundPayoutItem, Loan, OutreachPhoto, SubsidyClaim
from app.models.enums import UseMode
from app.models.programs import ClaimStatus
from app.reports.ledgers import export_ledger
from app.ui.charts import save_chart_png, save_series_xlsx
from app.ui.operations import wait_for_all
from app.ui.pages import PAGES
from app.ui.pages.dashboards import DashboardsPage
from app.ui.pages.enterprises import EnterpriseDialog, EnterprisesPage, MarkUseDialog
from app.ui.pages.fund import ClaimDialog, FundPage, PayoutDialog, SessionDialog
from tests.ledger_rows import data_rows
from tests.records_data import jpeg_bytes, make_household, make_loan

D = dt.date
TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
CODE17 = "91610111MA6TG1234"
BAD_CODE = CODE17 + ("0" if credit_code_check_char(CODE17) != "0" else "1")


@pytest.fixture
def hub(make_node):
    return make_node(role="hub", street=None)[0]


@pytest.fixture
def district(hub):
    """An enterprise (credit code failing its check) with an enterprise-use loan, an overdue and a paid dividend,
    the fund, a refused and a paid subsidy claim, and an outreach session."""
    household = make_household(hub)
    other = make_household(hub, head="李四", citizen_id="11010519491231002X")
    enterprise, _ = pg.save_enterprise(hub, pg.EnterpriseInput(name="灞桥区洪庆山养殖有限公司", credit_code=BAD_CODE))
    early = make_loan(hub, household, disbursed=D(2017, 3, 1), months=36, contract="BQ-E")
    pg.mark_enterprise_use(hub, early, enterprise)
    make_loan(hub, other, disbursed=D(2019, 3, 1), months=36, contract="BQ-LATE")
    make_loan(hub, other, amount_yuan=40_000, disbursed=TODAY - DAY * 200, months=24, contract="BQ-OK")
    overdue = make_loan(hub, other, amount_yuan=20_000, disbursed=TODAY - DAY * 500, months=12, contract="BQ-OD")
    with hub.write() as session:
        loan = session.get(Loan, overdue)
        loan.overdue_since = loan.matures_on + DAY
    late = pg.add_dividend(hub, enterprise, household, TODAY - DAY, 120_000, "2025", "年度分红")
    pg.record_dividend_payment(hub, late, TODAY - DAY, 20_000)
    paid = pg.add_dividend(hub, enterprise, household, TODAY - DAY * 400, 100_000, "2024")
    pg.record_dividend_payment(hub, paid, TODAY - DAY * 390, 100_000)
    pg.add_contribution(hub, D(2020, 1, 1), 600_000, "区财政局")
    claim = pg.file_claim(hub, "BQ-OK", _period(TODAY - DAY * 100), 43_500, claimed_on=TODAY - DAY * 5)
    pg.decide_claim(hub, claim.claim_id, True, decided_on=TODAY - DAY * 4)
    pg.pay_claim(hub, claim.claim_id, TODAY - DAY * 3)
    pg.add_session(hub, pg.SessionInput(TODAY - DAY * 30, "红旗街道便民服务中心", "防范非法集资", "红旗街道办", 85,
                                        "610111003"))
    return {"enterprise": enterprise, "household": household, "late_dividend": late}


def _period(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def _wait(qtbot, page):
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    wait_for_all()


def shown(value) -> str:
    """A ledger cell as the page writes it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:,.2f}" if isinstance(value, float) else str(value)
    return str(value)


def _ledger(store, kind, tmp_path):
    result = export_ledger(store, kind, tmp_path / f"{kind}.xlsx", as_of=TODAY)
    sheet = load_workbook(result.path).active
    return [list(row) for row in data_rows(sheet, values_only=True)]


def _same(model_rows, ledger_rows, pairs, money_columns=()):
    """Model column → ledger column for every row; money columns compare as yuan with two decimals."""
    assert len(model_rows) == len(ledger_rows)
    for shown_row, cells in zip(model_rows, ledger_rows, strict=True):
        for model_col, ledger_col in pairs:
            cell = cells[ledger_col]
            expected = f"{float(cell):,.2f}" if model_col in money_columns and cell is not None else shown(cell)
            assert shown_row[model_col] == expected, (model_col, shown_row, cells)


def test_pages_registered():
    keys = {spec.key: spec for spec in PAGES}
    assert keys["enterprises"].module == "enterprises" and keys["fund"].module == "fund"
    assert keys["dashboards"].module == "dashboards"


def test_enterprise_page_shows_and_exports_the_same_rows(qtbot, hub, district, tmp_path):
    page = EnterprisesPage(hub, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    rows = page.enterprise_model.display_rows()
    assert rows[0][0] == "灞桥区洪庆山养殖有限公司" and rows[0][1].endswith("⚠")
    assert "check character" in page.detail.text()
    assert page.enterprise_model.data(page.enterprise_model.index(0, 1), 3)  # the warning as a tooltip
    assert [r[2] for r in page.linked_model.display_rows()] == ["王建国"]
    # enterprise-use loans: the table and the ledger
    money = {11, 14, 15, 16}
    _same(page.use_model.display_rows(), _ledger(hub, "enterprise-use", tmp_path),
          [(i, i + 1) for i in (0, 1, 4, 5, 6, 7, 8, 9, 10, 12, 13)] + [(i, i + 1) for i in money], money)
    assert page.use_model.display_rows()[0][15] == "2,200.00"  # 1,200 + 1,000 due by today
    # dividends: the table and the per-street ledger
    dividends = page.dividend_model.display_rows()
    _same(dividends, _ledger(hub, "dividends", tmp_path),
          [(i, i + 1) for i in (0, 1, 2, 3, 4, 6, 7, 11, 13, 14)] + [(i, i + 1) for i in (8, 9, 10)], {8, 9, 10})
    assert [r[12] for r in dividends] == ["Paid in full", "Overdue"]  # by due date
    assert "1 overdue with 1,000.00 yuan unpaid" in page.dividend_summary.text()
    page.only_overdue.setChecked(True)
    assert len(page.dividend_model.rows) == 1


def test_marking_a_loan_after_the_cutoff_is_refused_in_the_dialog(qtbot, hub, district):
    page = EnterprisesPage(hub, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    page.tabs.setCurrentIndex(1)
    dialog = page.mark_use()
    assert isinstance(dialog, MarkUseDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.contract, "BQ-LATE")
    assert not ok.isEnabled()
    assert "on or before 2017-11-30" in dialog.problem.text()
    dialog.contract.clear()
    early = make_loan(hub, make_household(hub, head="赵六", citizen_id="610111198001010018"),
                      disbursed=D(2017, 6, 1), months=36, contract="BQ-E2")
    qtbot.keyClicks(dialog.contract, "BQ-E2")
    assert ok.isEnabled() and dialog.problem.text() == ""
    dialog.accept()
    _wait(qtbot, page)
    with hub.read() as session:
        assert session.get(Loan, early).use_mode is UseMode.ENTERPRISE
    assert "BQ-E2" in [r[10] for r in page.use_model.display_rows()]


def test_credit_code_warning_is_shown_and_kept(qtbot, hub):
    page = EnterprisesPage(hub, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    dialog = page.new_enterprise()
    assert isinstance(dialog, EnterpriseDialog)
    dialog.name.setText("西安灞水农业科技有限公司")  # QTest types ASCII only
    qtbot.keyClicks(dialog.code, "123")
    assert "18 characters" in dialog.code_message.text()
    dialog.code.setText(BAD_CODE)
    assert "saved with the enterprise" in dialog.code_message.text()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    _wait(qtbot, page)
    with hub.read() as session:
        note = session.execute(sa.select(Enterprise.credit_code_note)).scalar_one()
    assert "check character" in note
    assert page.enterprise_model.display_rows()[0][1] == BAD_CODE + " ⚠"


def test_fund_page_leverage_claims_and_ledgers(qtbot, hub, district, tmp_path):
    page = FundPage(hub, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    # covered: 50,000 + 40,000 + 20,000 live loans and the 2019 one (BQ-LATE, overdue but live) = 160,000 yuan
    position = page.position
    assert position.balance_fen == 600_000 and position.exceeded
    assert "Over the limit" in page.leverage_state.text()
    _same(page.move_model.display_rows(), _ledger(hub, "fund", tmp_path), [(0, 1), (2, 3), (6, 7), (3, 4), (5, 6)],
          {3, 5})
    # a claim on the overdue loan is recorded and refused by rule, and the page says why
    page.tabs.setCurrentIndex(1)
    dialog = page.file_claim()
    assert isinstance(dialog, ClaimDialog)
    qtbot.keyClicks(dialog.contract, "BQ-OD")
    dialog.period.setText(_period(TODAY - DAY * 100))
    dialog.amount.setValue(200)
    dialog.accept()
    _wait(qtbot, page)
    assert "refused by rule" in page.message.text() and "overdue since" in page.message.text()
    with hub.read() as session:
        refused = session.execute(sa.select(SubsidyClaim).where(SubsidyClaim.refused_by_rule)).scalar_one()
    assert refused.status is ClaimStatus.REFUSED
    claims = page.claim_model.display_rows()
    assert sorted(r[7] for r in claims) == ["Paid", "Refused by rule"]
    _same(claims, _ledger(hub, "subsidies", tmp_path),
          [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 7), (9, 11), (10, 12), (12, 14), (6, 8), (8, 10), (11, 13)],
          {6, 8, 11})
    totals = page.total_model.display_rows()
    assert [(t[2], t[6], t[7]) for t in totals] == [("2", "200.00", "435.00")]


def test_a_payout_is_made_only_against_an_approved_claim_and_within_its_share(qtbot, hub):
    """Issue 20: the page used to pay any loan named by contract, claim or not; it now offers only the approved
    compensation claims not yet paid, at most the fund's share (70 % by default) of each."""
    from app.models.enums import Disposal
    from app.models.risk import DisposalProposal, DisposalStatus

    household = make_household(hub)
    loan_id = make_loan(hub, household, contract="BQ-7")
    pg.add_contribution(hub, D(2020, 1, 1), 5_000_000, "区财政局")
    page = FundPage(hub, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    dialog = page.record_payout()
    assert isinstance(dialog, PayoutDialog) and dialog.claim.currentData() is None
    dialog.amount.setValue(500)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "approved compensation claim" in dialog.problem.text()
    dialog.reject()
    with hub.write() as session:
        session.add(DisposalProposal(loan_id=loan_id, household_id=household, kind=Disposal.COMPENSATION_CLAIM,
                                     status=DisposalStatus.APPROVED, claim_fen=4_000_000, proposed_on=D(2025, 3, 1),
                                     proposed_by="banker", decided_on=D(2025, 3, 2), decided_by="boss",
                                     district_approved_on=D(2025, 3, 3), district_approved_by="district"))
    dialog = page.record_payout()
    assert dialog.claim.currentData().allowed_fen == 2_800_000 and dialog.amount.value() == 28_000
    dialog.amount.setValue(28_000.01)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "allows 28,000.00 yuan" in dialog.problem.text()
    dialog.amount.setValue(28_000)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with hub.read() as session:
        assert session.execute(sa.select(FundPayoutItem.loan_id, FundPayoutItem.amount_fen)).all() == [
            (loan_id, 2_800_000)]
    _wait(qtbot, page)


def test_outreach_session_with_a_photo(qtbot, hub, district, tmp_path):
    page = FundPage(hub, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    page.tabs.setCurrentIndex(2)
    dialog = page.record_session()
    assert isinstance(dialog, SessionDialog)
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(jpeg_bytes(marker="session"))
    dialog.add_photo_files([photo])
    dialog.place.setText("狄寨街道文化广场")
    dialog.topic.setText("珍惜个人信用")
    dialog.reached.setValue(120)
    dialog.street.setCurrentIndex(dialog.street.findData("610111006"))
    dialog.accept()
    _wait(qtbot, page)
    rows = page.session_model.display_rows()
    assert rows[0][4] == "珍惜个人信用" and rows[0][7] == "1"
    assert "2 sessions reached 205 people" in page.reach_summary.text()
    page.session_view.selectRow(0)
    assert page.thumbs.count() == 2  # one thumbnail and the stretch
    with hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(OutreachPhoto)).scalar_one() == 1
    _same(rows, _ledger(hub, "outreach", tmp_path), [(i, i + 1) for i in range(9)])


def test_dashboards_draw_and_export(qtbot, hub, district, tmp_path):
    page = DashboardsPage(hub, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    assert set(page.cards) >= {"class_balance", "bucket_balance", "street_balance", "bank_balance",
                               "month_disbursed", "dividend_status", "subsidy_status", "fund_leverage"}
    card = page.cards["fund_leverage"]
    assert "Covered loans" in card.chart.highlight  # over the limit: drawn in red
    page.resize(1366, 768)
    png = save_chart_png(card, tmp_path / "leverage.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    xlsx = save_series_xlsx(card.chart.series, tmp_path / "leverage.xlsx")
    sheet = load_workbook(xlsx).active
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["Fund balance"] == 6_000
    assert values["Covered loans"] == page.cards["fund_leverage"].chart.series.points[1][1]
