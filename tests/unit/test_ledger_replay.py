"""Money ledgers replayed on a past day (issue 20, "every as-of view replays events"): the maturities ledger lists
the loans maturing within the window as they stood that day (a later extension or repayment does not move them out
or in), the enterprise-use ledger shows that day's balance, the subsidy ledger that day's decisions and payments;
the overdue-reports ledger has its 合计 row. Boundaries: the day before, the day, the day after."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

import app.reports.program_ledgers
import app.reports.risk_ledgers  # noqa: F401 - registers the ledgers
from app.domain import programs as pg
from app.domain.loan_history import change_loan, record_repayment
from app.models import Loan
from app.models.enums import LoanEventKind, LoanStatus, UseMode
from app.models.programs import ClaimStatus
from app.reports.ledgers import export_ledger
from tests.ledger_rows import data_rows
from tests.records_data import make_household, make_loan

D = dt.date
DAY = dt.timedelta(days=1)


@pytest.fixture
def hub(make_node):
    return make_node(role="hub", street=None)[0]


def _rows(store, kind, tmp_path, as_of) -> list[dict[str, object]]:
    out = tmp_path / f"{kind}-{as_of}.xlsx"
    export_ledger(store, kind, out, as_of=as_of)
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[2]]
    return [dict(zip(header, row, strict=False)) for row in data_rows(sheet, values_only=True)]


def _totals(store, kind, tmp_path, as_of) -> dict[str, object]:
    out = tmp_path / f"{kind}-{as_of}-totals.xlsx"
    export_ledger(store, kind, out, as_of=as_of)
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "合计")
    return dict(zip(header, row, strict=False))


# -- maturities (到期前评估台账) ------------------------------------------------------------------------------------
@pytest.fixture
def extended(hub):
    """A loan maturing on 2025-07-10, extended by six months on 2025-06-26 (to 2026-01-10)."""
    loan_id = make_loan(hub, make_household(hub), amount_yuan=20_000, disbursed=D(2023, 7, 10), months=24,
                        contract="BQ-EXT", matures=D(2025, 7, 10))
    with hub.write() as session:
        change_loan(session, session.get(Loan, loan_id), LoanEventKind.EXTENDED, D(2025, 6, 26),
                    {"matures_on": D(2026, 1, 10), "extended_months": 6, "status": LoanStatus.EXTENDED})
    return loan_id


@pytest.mark.parametrize(("as_of", "matures"), [
    (D(2025, 6, 9), None),  # 31 days before the maturity of the day: not yet in the window
    (D(2025, 6, 10), D(2025, 7, 10)),  # 30 days before: in it
    (D(2025, 6, 25), D(2025, 7, 10)),  # the day before the extension: still the old maturity
    (D(2025, 6, 26), None),  # the day of the extension: the new maturity is months away
    (D(2025, 12, 11), D(2026, 1, 10)),  # 30 days before the new maturity
    (D(2025, 12, 10), None),
])
def test_the_maturities_ledger_replays_the_maturity_of_the_day(hub, extended, tmp_path, as_of, matures):
    rows = _rows(hub, "maturities", tmp_path, as_of)
    assert [r["到期日期"] for r in rows] == ([dt.datetime.combine(matures, dt.time())] if matures else [])
    if matures:
        assert rows[0]["距到期天数"] == (matures - as_of).days


@pytest.mark.parametrize(("as_of", "balance"), [(D(2025, 6, 30), 30_000), (D(2025, 7, 1), None),
                                                (D(2025, 7, 2), None)])
def test_a_loan_repaid_later_is_in_the_maturities_ledger_of_an_earlier_day(hub, tmp_path, as_of, balance):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=30_000, disbursed=D(2023, 7, 15), months=24,
                        contract="BQ-PAID", matures=D(2025, 7, 15))
    with hub.write() as session:
        record_repayment(session, session.get(Loan, loan_id), D(2025, 7, 1), 3_000_000, 90_000)
    rows = _rows(hub, "maturities", tmp_path, as_of)
    assert [r["贷款余额(元)"] for r in rows] == ([balance] if balance else [])


# -- enterprise use (户贷企用台账) ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("as_of", "balance"), [(D(2025, 3, 31), 50_000), (D(2025, 4, 1), 20_000),
                                                (D(2025, 4, 2), 20_000)])
def test_the_enterprise_use_ledger_shows_the_balance_of_the_day(hub, tmp_path, as_of, balance):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=50_000, disbursed=D(2017, 6, 1), months=36,
                        contract="BQ-ENT", matures=D(2026, 6, 1))
    with hub.write() as session:
        loan = session.get(Loan, loan_id)
        loan.use_mode = UseMode.ENTERPRISE
        record_repayment(session, loan, D(2025, 4, 1), 3_000_000, 0)
    [row] = _rows(hub, "enterprise-use", tmp_path, as_of)
    assert row["贷款余额(元)"] == balance
    assert _totals(hub, "enterprise-use", tmp_path, as_of)["贷款余额(元)"] == balance


# -- interest subsidies (贴息台账) ----------------------------------------------------------------------------------
@pytest.fixture
def claim(hub):
    """A claim for 2025Q1 of 100 yuan, filed 2025-04-02, approved 2025-04-10, paid 2025-04-20."""
    make_loan(hub, make_household(hub), amount_yuan=30_000, disbursed=D(2024, 7, 1), months=24, contract="BQ-SUB",
              matures=D(2026, 7, 1))
    result = pg.file_claim(hub, "BQ-SUB", "2025Q1", 10_000, claimed_on=D(2025, 4, 2))
    assert result.status is ClaimStatus.CLAIMED
    pg.decide_claim(hub, result.claim_id, True, decided_on=D(2025, 4, 10))
    pg.pay_claim(hub, result.claim_id, paid_on=D(2025, 4, 20))
    return result.claim_id


@pytest.mark.parametrize(("as_of", "state", "approved", "paid"), [
    (D(2025, 4, 1), None, None, None),  # not filed yet
    (D(2025, 4, 2), "已申请", None, None),
    (D(2025, 4, 9), "已申请", None, None),  # decided only the next day
    (D(2025, 4, 10), "已审核", 100, None),
    (D(2025, 4, 19), "已审核", 100, None),  # paid only the next day
    (D(2025, 4, 20), "已拨付", 100, 100),
])
def test_the_subsidy_ledger_shows_the_decisions_and_payments_of_the_day(hub, claim, tmp_path, as_of, state,
                                                                        approved, paid):
    rows = _rows(hub, "subsidies", tmp_path, as_of)
    assert [(r["审核状态"], r["核定金额(元)"], r["拨付金额(元)"]) for r in rows] == \
        ([(state, approved, paid)] if state else [])
    if state:
        totals = _totals(hub, "subsidies", tmp_path, as_of)
        assert (totals["申请金额(元)"], totals["核定金额(元)"] or None, totals["拨付金额(元)"] or None) == \
            (100, approved, paid)
    with hub.read() as session:  # the domain's answer, which the Fund page and the dashboard read
        assert [r.status for r in pg.claim_rows(session, as_of=as_of)] == \
            ([{"已申请": ClaimStatus.CLAIMED, "已审核": ClaimStatus.APPROVED, "已拨付": ClaimStatus.PAID}[state]]
             if state else [])
        assert [r.status for r in pg.claim_rows(session, as_of=as_of, status=ClaimStatus.CLAIMED)] == \
            ([ClaimStatus.CLAIMED] if state == "已申请" else [])


# -- overdue loans reported to the fund (逾期贷款报告风险补偿金台账) -------------------------------------------------
def test_the_overdue_reports_ledger_has_a_totals_row(hub, tmp_path):
    household = make_household(hub)
    make_loan(hub, household, amount_yuan=20_000, disbursed=D(2024, 5, 31), months=12, contract="BQ-O1",
              matures=D(2025, 5, 31))
    make_loan(hub, household, amount_yuan=15_000, disbursed=D(2024, 6, 10), months=12, contract="BQ-O2",
              matures=D(2025, 6, 10))
    rows = _rows(hub, "overdue-reports", tmp_path, D(2025, 7, 1))
    assert sorted(r["逾期金额(元)"] for r in rows) == [15_000, 20_000]
    assert _totals(hub, "overdue-reports", tmp_path, D(2025, 7, 1))["逾期金额(元)"] == 35_000


# -- the loan lists and the loan window on a past day ----------------------------------------------------------------
@pytest.mark.parametrize(("as_of", "balance", "status"), [(D(2025, 3, 31), 3_000_000, LoanStatus.ACTIVE),
                                                          (D(2025, 4, 1), 0, LoanStatus.REPAID),
                                                          (D(2025, 4, 2), 0, LoanStatus.REPAID)])
def test_the_loan_rows_of_a_past_day_are_replayed(hub, as_of, balance, status):
    from app.domain.loans import load_loan_detail
    from app.domain.registry import get_household_detail

    household = make_household(hub)
    loan_id = make_loan(hub, household, amount_yuan=30_000, disbursed=D(2024, 3, 1), months=24, contract="BQ-ROW",
                        matures=D(2026, 3, 1))
    make_loan(hub, household, amount_yuan=10_000, disbursed=D(2025, 4, 2), months=12, contract="BQ-LATER")
    with hub.write() as session:
        record_repayment(session, session.get(Loan, loan_id), D(2025, 4, 1), 3_000_000, 50_000)
    row = load_loan_detail(hub, loan_id, as_of=as_of).row
    listed, *later = get_household_detail(hub, household, as_of=as_of).loans
    assert [loan.contract_no for loan in later] == (["BQ-LATER"] if as_of >= D(2025, 4, 2) else [])
    for shown in (row, listed):
        assert (shown.balance_fen, shown.state.status) == (balance, status)
