"""The money rules the finance office audits (issue 20): fund payouts against approved claims within the fund's
share, compensated amounts out of the covered balance, words for an empty fund, subsidies as non-overlapping date
ranges at most the interest due, the 15-day overdue report to the fund, repayments imported and entered, and a
migrated node's loan history derived from its audit log. Boundaries: the day before, the day, the day after; the
amount just under, at, over."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import sqlalchemy as sa

from app import settings
from app.domain import programs as pg
from app.domain.loans import add_repayment
from app.domain.programs.overdue_reports import ReportState, overdue_report_rows, record_overdue_reports
from app.domain.programs.subsidies import interest_due
from app.errors import ValidationError
from app.models import Loan, LoanEvent, Meta, Repayment
from app.models.enums import Disposal, LoanEventKind, LoanStatus
from app.models.programs import ClaimStatus
from app.models.risk import DisposalProposal, DisposalStatus
from app.reports.import_repayments import import_repayments
from tests.records_data import make_household, make_loan
from tests.unit.test_import_workbooks import build_workbook

D = dt.date
DAY = dt.timedelta(days=1)


@pytest.fixture
def hub(make_node):
    return make_node(role="hub", street=None)[0]


def _claim(store, loan_id, household, claim_fen, **changes) -> DisposalProposal:
    values = {"loan_id": loan_id, "household_id": household, "kind": Disposal.COMPENSATION_CLAIM,
              "status": DisposalStatus.APPROVED, "claim_fen": claim_fen, "proposed_on": D(2025, 3, 1),
              "proposed_by": "banker", "decided_on": D(2025, 3, 2), "decided_by": "boss",
              "district_approved_on": D(2025, 3, 3), "district_approved_by": "district"}
    values.update(changes)
    with store.write() as session:
        claim = DisposalProposal(**values)
        session.add(claim)
        session.flush()
        return claim


# -- the fund -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("amount_fen", "paid"), [(2_099_999, True), (2_100_000, True), (2_100_001, False)])
def test_a_payout_is_at_most_the_funds_share_of_the_claim(hub, amount_fen, paid):
    household = make_household(hub)
    loan_id = make_loan(hub, household, amount_yuan=30_000, disbursed=D(2023, 1, 10), months=24)
    claim = _claim(hub, loan_id, household, 3_000_000)  # the fund's 70 %: 21,000 yuan
    pg.add_contribution(hub, D(2024, 1, 1), 10_000_000, "区财政局")
    if paid:
        pg.add_payout(hub, D(2025, 4, 1), [pg.PayoutItem(loan_id, amount_fen, claim.id)])
    else:
        with pytest.raises(ValidationError, match=r"allows 21,000\.00 yuan \(the fund's 70% of 30,000\.00 yuan\)"):
            pg.add_payout(hub, D(2025, 4, 1), [pg.PayoutItem(loan_id, amount_fen, claim.id)])


def test_one_claim_is_not_paid_twice_and_a_payout_needs_an_approved_claim(hub):
    household = make_household(hub)
    loan_id = make_loan(hub, household, amount_yuan=50_000, disbursed=D(2023, 1, 10), months=24)
    pg.add_contribution(hub, D(2024, 1, 1), 20_000_000, "区财政局")
    with pytest.raises(ValidationError, match="only against an approved compensation claim"):
        pg.add_payout(hub, D(2025, 4, 1), [pg.PayoutItem(loan_id, 2_000_000)])
    claim = _claim(hub, loan_id, household, 5_000_000)  # allows 35,000 yuan
    pg.add_payout(hub, D(2025, 4, 1), [pg.PayoutItem(loan_id, 3_500_000, claim.id)])
    with pytest.raises(ValidationError, match=r"35,000\.00 yuan was paid on it already"):
        pg.add_payout(hub, D(2025, 5, 1), [pg.PayoutItem(loan_id, 1, claim.id)])
    with hub.read() as session:  # nothing left on it: no longer offered for payment
        assert pg.compensation_candidates(session) == []
    proposed = _claim(hub, loan_id, household, 5_000_000, status=DisposalStatus.PROPOSED, decided_on=None)
    with pytest.raises(ValidationError, match="not approved yet"):
        pg.add_payout(hub, D(2025, 5, 1), [pg.PayoutItem(loan_id, 100, proposed.id)])
    waiting = _claim(hub, loan_id, household, 5_000_000, district_approved_on=None)  # 50,000 > 30,000 yuan
    with pytest.raises(ValidationError, match="waits for the district's approval"):
        pg.add_payout(hub, D(2025, 5, 1), [pg.PayoutItem(loan_id, 100, waiting.id)])


@pytest.mark.parametrize(("repaid_on", "paid"), [(D(2025, 3, 31), False), (D(2025, 4, 1), False),
                                               (D(2025, 4, 2), True)])
def test_the_fund_pays_nothing_on_a_loan_repaid_by_the_day(hub, repaid_on, paid):
    from app.domain.loan_history import record_repayment

    household = make_household(hub)
    loan_id = make_loan(hub, household, amount_yuan=20_000, disbursed=D(2023, 1, 10), months=24)
    claim = _claim(hub, loan_id, household, 2_000_000)
    pg.add_contribution(hub, D(2024, 1, 1), 10_000_000, "区财政局")
    with hub.write() as session:  # the bank recovered the loan after the claim was approved
        record_repayment(session, session.get(Loan, loan_id), repaid_on, 2_000_000, 0)
    if paid:
        pg.add_payout(hub, D(2025, 4, 1), [pg.PayoutItem(loan_id, 1_400_000, claim.id)])
    else:
        with pytest.raises(ValidationError, match="is repaid by 2025-04-01; the fund compensates only a loss"):
            pg.add_payout(hub, D(2025, 4, 1), [pg.PayoutItem(loan_id, 1_400_000, claim.id)])


def test_compensated_amounts_leave_the_covered_balance_from_the_day_paid(hub):
    household = make_household(hub)
    loan_id = make_loan(hub, household, amount_yuan=50_000, disbursed=D(2024, 1, 10), months=36)
    claim = _claim(hub, loan_id, household, 5_000_000)
    pg.add_contribution(hub, D(2024, 1, 1), 1_000_000, "区财政局")
    paid_on = D(2025, 4, 1)
    pg.add_payout(hub, paid_on, [pg.PayoutItem(loan_id, 800_000, claim.id)])
    before, on = pg.fund_position(hub, paid_on - DAY), pg.fund_position(hub, paid_on)
    assert (before.covered_fen, before.compensated_fen) == (5_000_000, 0)
    assert (on.covered_fen, on.compensated_fen, on.balance_fen) == (4_200_000, 800_000, 200_000)


def test_fund_status_words_for_an_empty_fund(hub):
    empty = pg.FundPosition(D(2025, 1, 1), 0, 0, 0, 0, 10)
    assert pg.fund_status_lines(empty)[-1] == "The fund holds nothing and covers no loans."
    lines = pg.fund_status_lines(pg.FundPosition(D(2025, 1, 1), 0, 0, 5_000_000, 1, 10))
    assert "no leverage can be worked out" in lines[-1] and not any(word == "-" for word in " ".join(lines).split())
    within = pg.fund_status_lines(pg.FundPosition(D(2025, 1, 1), 500_000, 0, 5_000_000, 1, 10))
    assert within[-1] == "Leverage 10.00 times, within the limit of 10 times (0.00 yuan of room)."
    over = pg.fund_status_lines(pg.FundPosition(D(2025, 1, 1), 499_999, 0, 5_000_000, 1, 10))
    assert over[-1] == "Leverage 10.00 times, above the limit of 10 times: 0.10 yuan over it."


# -- subsidies ------------------------------------------------------------------------------------------------------
@pytest.fixture
def banker(hub, node_dir):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    hub.add_user("banker", "bank", "banker password", kdf=FAST_KDF)
    opened = Store.open(node_dir, "banker", "banker password")
    yield opened
    opened.engine.dispose()


def test_subsidy_periods_are_date_ranges_that_never_overlap(hub, banker):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=30_000, disbursed=D(2026, 1, 1), months=24,
                        contract="BQ-S")
    assert pg.file_claim(banker, "BQ-S", "2026Q3", 10_000, D(2026, 10, 8)).status is ClaimStatus.CLAIMED
    for overlapping in ("2026H2", "2026", "2026-08", "2026-09-30~2026-10-31"):
        with pytest.raises(ValidationError, match="overlaps"):
            pg.file_claim(banker, "BQ-S", overlapping, 1_000, D(2026, 11, 8))
    assert pg.file_claim(banker, "BQ-S", "2026-10-01~2026-10-31", 1_000, D(2026, 11, 8)).status \
        is ClaimStatus.CLAIMED
    with hub.read() as session:
        assert {r.period for r in pg.claim_rows(session)} == {"2026Q3", "2026-10-01~2026-10-31"}
    assert loan_id


@pytest.mark.parametrize(("offset", "filed"), [(-1, True), (0, True), (1, False)])
def test_a_claim_is_at_most_the_interest_due_for_its_period(hub, banker, offset, filed):
    make_loan(hub, make_household(hub), amount_yuan=30_000, disbursed=D(2026, 1, 1), months=24, contract="BQ-I")
    # 30,000 yuan at 4.35 % for the 31 days of August: 30,000 × 0.0435 × 31 / 360 = 112.375 → 112.37 yuan
    with hub.read() as session:
        from app.domain.loan_history import LoanTimeline

        loan = session.execute(sa.select(Loan).where(Loan.contract_no == "BQ-I")).scalar_one()
        assert loan.rate_bp == 435 and interest_due(LoanTimeline(session, loan), D(2026, 8, 1), D(2026, 8, 31)) \
            == 11_237
    if filed:
        pg.file_claim(banker, "BQ-I", "2026-08", 11_237 + offset, D(2026, 9, 5))
    else:
        with pytest.raises(ValidationError, match=r"that is 112\.37 yuan"):
            pg.file_claim(banker, "BQ-I", "2026-08", 11_237 + offset, D(2026, 9, 5))
    with pytest.raises(ValidationError, match="more than the subsidy the period allows"):
        pg.file_claim(banker, "BQ-I", "2026-07", 10_000_000, D(2026, 9, 5))  # 100,000 yuan for a month


def test_the_interest_due_follows_the_replayed_balance_and_the_share(hub, banker):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=36_000, disbursed=D(2026, 1, 1), months=24,
                        contract="BQ-R")
    add_repayment(hub, loan_id, D(2026, 8, 16), 1_800_000, today=D(2026, 9, 1))
    with hub.read() as session:
        from app.domain.loan_history import LoanTimeline

        timeline = LoanTimeline(session, session.get(Loan, loan_id))
        # 15 days of 36,000 and 16 days of 18,000 yuan at 4.35 % / 360
        assert interest_due(timeline, D(2026, 8, 1), D(2026, 8, 31)) == (3_600_000 * 435 * 15
                                                                        + 1_800_000 * 435 * 16) // 3_600_000
    hub.set_setting(settings.SUBSIDY_SHARE_PERCENT, 50)
    banker.settings.invalidate()
    with pytest.raises(ValidationError, match="50% of the"):
        pg.file_claim(banker, "BQ-R", "2026-08", 10_000, D(2026, 9, 5))


def test_a_subsidy_after_a_renewal_stays_refused_for_the_overdue_months(hub, banker):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=20_000, disbursed=D(2025, 6, 1), months=12,
                        contract="BQ-O", matures=D(2026, 6, 1))
    with hub.write() as session:
        from app.domain.loan_history import change_loan

        loan = session.get(Loan, loan_id)
        change_loan(session, loan, LoanEventKind.RENEWED, D(2026, 8, 25),
                    {"matures_on": D(2027, 6, 1), "status": LoanStatus.RENEWED})
    result = pg.file_claim(banker, "BQ-O", "2026-07", 100, D(2026, 9, 1))
    assert result.status is ClaimStatus.REFUSED and "overdue since 2026-06-02" in result.reason


@pytest.mark.parametrize(("period", "refused"), [("2026-05-02~2026-06-01", False), ("2026-05-03~2026-06-02", True),
                                                 ("2026-06-03~2026-06-30", True)])
def test_the_subsidy_stops_on_the_first_overdue_day_even_after_a_renewal(hub, banker, period, refused):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=20_000, disbursed=D(2025, 6, 1), months=12,
                        contract="BQ-B", matures=D(2026, 6, 1))  # overdue from 2026-06-02
    with hub.write() as session:
        from app.domain.loan_history import change_loan

        change_loan(session, session.get(Loan, loan_id), LoanEventKind.RENEWED, D(2026, 6, 20),
                    {"matures_on": D(2027, 6, 1), "status": LoanStatus.RENEWED})
    result = pg.file_claim(banker, "BQ-B", period, 100, D(2026, 7, 5))
    assert (result.status is ClaimStatus.REFUSED) is refused


# -- the 15-day overdue report to the fund --------------------------------------------------------------------------
@pytest.mark.parametrize(("day", "state"), [(D(2025, 6, 14), ReportState.NOT_DUE),
                                            (D(2025, 6, 15), ReportState.DUE_TODAY),
                                            (D(2025, 6, 16), ReportState.LATE)])
def test_an_overdue_loan_is_reported_to_the_fund_within_15_days(hub, day, state):
    make_loan(hub, make_household(hub), amount_yuan=20_000, disbursed=D(2024, 5, 31), months=12,
              matures=D(2025, 5, 31))
    with hub.read() as session:
        [row] = overdue_report_rows(session, day)
    assert (row.overdue_since, row.due_on, row.state, row.overdue_fen) == (D(2025, 6, 1), D(2025, 6, 15), state,
                                                                            2_000_000)
    warned = [w for w in pg.program_warnings(hub, day) if w.rule is pg.ProgramRule.OVERDUE_REPORT]
    assert bool(warned) is (state is not ReportState.NOT_DUE)


@pytest.mark.parametrize(("reported", "state"), [(D(2025, 6, 15), ReportState.ON_TIME),
                                                 (D(2025, 6, 16), ReportState.REPORTED_LATE)])
def test_the_report_is_recorded_once_and_shown_in_its_ledger(hub, banker, tmp_path, reported, state):
    import app.reports.program_ledgers  # noqa: F401 - registers the ledger
    from app.reports.ledgers import export_ledger

    loan_id = make_loan(hub, make_household(hub), amount_yuan=20_000, disbursed=D(2024, 5, 31), months=12,
                        matures=D(2025, 5, 31))
    with pytest.raises(ValidationError, match="not overdue"):
        record_overdue_reports(banker, [loan_id], "邮储灞桥〔2025〕3号", on=D(2025, 5, 31))
    assert record_overdue_reports(banker, [loan_id], "邮储灞桥〔2025〕3号", on=reported) == 1
    with pytest.raises(ValidationError, match="was reported on"):
        record_overdue_reports(banker, [loan_id], "again", on=reported)
    with hub.read() as session:
        [row] = overdue_report_rows(session, D(2025, 7, 1))
    assert (row.state, row.reported_by, row.report_ref) == (state, "banker", "邮储灞桥〔2025〕3号")
    out = tmp_path / "reports.xlsx"
    export_ledger(hub, "overdue-reports", out, as_of=D(2025, 7, 1))
    sheet = openpyxl.load_workbook(out).active
    values = [c.value for c in next(sheet.iter_rows(min_row=3))]
    assert values[9] == ("按时报告" if state is ReportState.ON_TIME else "超期报告")
    assert values[12] == "邮储灞桥〔2025〕3号"


# -- repayments -----------------------------------------------------------------------------------------------------
STATEMENT = ["贷款合同编号", "还款日期", "还款本金", "还款利息", "欠息", "摘要"]


def test_a_bank_statement_of_repayments_is_imported_once(hub, tmp_path):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=30_000, disbursed=D(2024, 3, 1), months=24,
                        contract="BQ-P", matures=D(2026, 3, 1))
    rows = [["BQ-P", "2025-03-01", 10_000, 1_425, None, "按期还款"],
            ["BQ-P", "2025-09-01", 0, 712.5, 120, "仅还利息"],
            ["BQ-P", "2026-02-20", 20_000, 600, 0, "结清"],
            ["BQ-X", "2025-03-01", 100, 0, None, ""],
            ["BQ-P", "2024-02-01", 100, 0, None, "放款前"],
            ["BQ-P", "2025-04-01", 0, 0, None, "空行"]]
    path = build_workbook(tmp_path / "statement.xlsx", STATEMENT, rows)
    errors = tmp_path / "errors.xlsx"
    dry = import_repayments(hub, path, dry_run=True, today=D(2026, 3, 1))
    assert dry.counts["repayments"].added == 3 and len(dry.refused) == 3
    report = import_repayments(hub, path, errors_out=errors, today=D(2026, 3, 1))
    reasons = {r.number: r.chinese() for r in report.refused}
    assert reasons == {5: "没有合同编号为BQ-X的贷款", 6: "还款日期2024-02-01早于放款日期2024-03-01",
                       7: "还款本金和利息均为空或为0"}
    assert openpyxl.load_workbook(errors).active.max_row == 4
    with hub.read() as session:
        loan = session.get(Loan, loan_id)
        assert (loan.balance_fen, loan.status, loan.interest_arrears_fen) == (0, LoanStatus.REPAID, 0)
        kinds = [e.kind for e in session.execute(sa.select(LoanEvent).order_by(LoanEvent.happened_on)).scalars()]
        assert kinds == [LoanEventKind.ARREARS, LoanEventKind.SETTLED]
    again = import_repayments(hub, path, today=D(2026, 3, 1))
    assert again.counts["repayments"].unchanged == 3 and not again.changed
    over = build_workbook(tmp_path / "over.xlsx", STATEMENT, [["BQ-P", "2026-02-25", 1, 0, None, ""]])
    assert "超过贷款余额0.00元" in import_repayments(hub, over, today=D(2026, 3, 1)).refused[0].chinese()


@pytest.mark.parametrize(("paid_on", "principal", "fragment"), [
    (D(2024, 2, 29), 100, "before the loan was made"), (D(2030, 1, 1), 100, "in the future"),
    (D(2025, 1, 1), 3_000_001, "more than the 30,000.00 yuan"), (D(2025, 1, 1), 0, "principal or the interest")])
def test_a_repayment_entered_by_hand_is_checked(hub, paid_on, principal, fragment):
    loan_id = make_loan(hub, make_household(hub), amount_yuan=30_000, disbursed=D(2024, 3, 1), months=24)
    with pytest.raises(ValidationError, match=fragment):
        add_repayment(hub, loan_id, paid_on, principal, today=D(2026, 1, 1))
    add_repayment(hub, loan_id, D(2025, 1, 1), 3_000_000, 50_000, today=D(2026, 1, 1))
    with hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Repayment)).scalar_one() == 1


# -- a node from before loan events ---------------------------------------------------------------------------------
def test_a_migrated_hub_derives_its_loans_history_from_the_audit_log(hub, node_dir):
    from app.db.store import Store
    from app.domain.risk import days_past_due
    from app.domain.risk_query import LoanFilter, loan_facts
    from tests.conftest import ADMIN, PASSWORD

    loan_id = make_loan(hub, make_household(hub), amount_yuan=20_000, disbursed=D(2024, 6, 1), months=12,
                        matures=D(2025, 6, 1))
    with hub.write() as session:  # what the old code did: renewal overwrote the overdue state in place
        loan = session.get(Loan, loan_id)
        loan.overdue_since, loan.status = D(2025, 6, 2), LoanStatus.OVERDUE
    with hub.write() as session:
        loan = session.get(Loan, loan_id)
        loan.overdue_since, loan.matures_on, loan.status = None, D(2026, 6, 1), LoanStatus.RENEWED
    with hub.write() as session:  # migration 0007's mark: the last loan change before loan events
        last = session.execute(sa.select(sa.func.max(sa.text("seq"))).select_from(sa.text("audit_log"))).scalar()
        session.add(Meta(key="loan_history.backfill_to_seq", value=str(last)))
    hub.engine.dispose()
    reopened = Store.open(node_dir, ADMIN, PASSWORD)
    try:
        with reopened.read() as session:
            events = session.execute(sa.select(LoanEvent)).scalars().all()
            assert session.get(Meta, "loan_history.backfill_to_seq") is None
            assert [e.source for e in events] == ["backfill", "backfill"]
            [fact] = loan_facts(session, D(2025, 6, 20), LoanFilter(loan_ids=frozenset({loan_id})))
            # both changes were made (and are dated) today: an earlier day is the loan before them, overdue
            assert (fact.matures_on, days_past_due(fact, D(2025, 6, 20))) == (D(2025, 6, 1), 19)
        assert reopened.check() == []
    finally:
        reopened.engine.dispose()
    again = Store.open(node_dir, ADMIN, PASSWORD)
    try:
        with again.read() as session:
            assert session.execute(sa.select(sa.func.count()).select_from(LoanEvent)).scalar_one() == 2
    finally:
        again.engine.dispose()
