"""Programmes: enterprise use and its cutoff, credit codes, dividends, subsidy claims, the risk fund, outreach."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from app.domain import programs as pg
from app.domain.codes import credit_code_check_char
from app.errors import PermissionDenied, ValidationError
from app.models import DividendPayment, Enterprise, EnterpriseHousehold, Loan, SubsidyClaim
from app.models.enums import AnomalyKind, BusinessStatus, Disposal, UseConclusion, UseMode
from app.models.programs import BenefitLink, ClaimStatus
from app.reports import program_ledgers as pl
from app.reports.ledgers import export_ledger
from tests.records_data import make_household, make_loan

D = dt.date
TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
CODE17 = "91610111MA6TG1234"
GOOD_CODE = CODE17 + credit_code_check_char(CODE17)
BAD_CHECK = CODE17 + ("0" if GOOD_CODE[-1] != "0" else "1")


@pytest.fixture
def hub(make_node):
    return make_node(role="hub", street=None)[0]


def _enterprise(store, name="西安白鹿原樱桃专业合作社", code=GOOD_CODE):
    return pg.save_enterprise(store, pg.EnterpriseInput(name=name, credit_code=code, contact="张经理",
                                                        phone="13900001111", industry="樱桃种植"))[0]


def _loan(store, household, **kw):
    return make_loan(store, household, **kw)


# -- pure rules -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("covered", "fund", "exceeded"), [
    (10_000_000, 1_000_000, False),  # exactly 10 × the fund: at the limit, within it
    (9_999_999, 1_000_000, False),  # one fen under
    (10_000_001, 1_000_000, True),  # one fen over
    (1, 0, True),  # an empty fund with loans outstanding
    (0, 0, False),
])
def test_leverage_limit_boundaries(covered, fund, exceeded):
    assert pg.leverage_exceeded(covered, fund, 10) is exceeded


@pytest.mark.parametrize(("due", "paid", "state", "days"), [
    (TODAY - DAY, 0, pg.DividendState.OVERDUE, 1),  # due yesterday, unpaid: overdue
    (TODAY, 0, pg.DividendState.DUE, 0),  # due today: not yet overdue
    (TODAY + DAY, 0, pg.DividendState.DUE, 0),
    (TODAY - DAY, 400, pg.DividendState.OVERDUE, 1),  # partly paid, due yesterday: still overdue
    (TODAY + DAY, 400, pg.DividendState.PARTLY_PAID, 0),
    (TODAY - DAY, 1000, pg.DividendState.PAID, 0),
])
def test_dividend_overdue_boundaries(due, paid, state, days):
    assert pg.dividend_state(due, 1000, paid, TODAY) == (state, days)


def test_dividend_grace_days():
    assert pg.dividend_state(TODAY - DAY * 3, 1000, 0, TODAY, grace_days=3)[0] is pg.DividendState.DUE
    assert pg.dividend_state(TODAY - DAY * 4, 1000, 0, TODAY, grace_days=3) == (pg.DividendState.OVERDUE, 4)


def test_periods():
    assert pg.parse_period("2026q3") == ("2026Q3", D(2026, 7, 1), D(2026, 9, 30))
    assert pg.parse_period("2024H1") == ("2024H1", D(2024, 1, 1), D(2024, 6, 30))
    assert pg.parse_period("2024-02") == ("2024-02", D(2024, 2, 1), D(2024, 2, 29))
    assert pg.parse_period("2025") == ("2025", D(2025, 1, 1), D(2025, 12, 31))
    with pytest.raises(ValidationError, match="not a subsidy period"):
        pg.parse_period("Q3 2026")


def test_enterprise_use_cutoff_rule():
    cutoff = D(2017, 11, 30)
    # the stock is "2017年11月底之前": the cutoff day itself is still stock (issue 20, off by one)
    assert pg.enterprise_use_problem(D(2017, 11, 29), cutoff) is None
    assert pg.enterprise_use_problem(cutoff, cutoff) is None
    assert "on or before 2017-11-30" in pg.enterprise_use_problem(D(2017, 12, 1), cutoff)


# -- enterprises ------------------------------------------------------------------------------------------------
def test_credit_code_warning_is_kept_and_does_not_block(hub):
    enterprise_id, warning = pg.save_enterprise(hub, pg.EnterpriseInput(name="灞桥区洪庆山养殖有限公司",
                                                                        credit_code=BAD_CHECK.lower()))
    assert "check character" in warning
    with hub.read() as session:
        row = session.get(Enterprise, enterprise_id)
        assert row.credit_code == BAD_CHECK and row.credit_code_note == warning
        listed = pg.list_enterprises(session, TODAY)
    assert listed[0].credit_code_note == warning
    assert pg.save_enterprise(hub, pg.EnterpriseInput(name="好企业", credit_code=GOOD_CODE))[1] == ""
    with pytest.raises(ValidationError, match="18 characters"):
        pg.save_enterprise(hub, pg.EnterpriseInput(name="坏代码", credit_code="123"))
    with pytest.raises(ValidationError, match="needs a name"):
        pg.save_enterprise(hub, pg.EnterpriseInput(name="  "))


def test_marking_enterprise_use_after_cutoff_is_refused(hub):
    household = make_household(hub)
    enterprise = _enterprise(hub)
    late = _loan(hub, household, disbursed=D(2019, 3, 1), contract="BQ-LATE")
    with pytest.raises(ValidationError, match="on or before 2017-11-30"):
        pg.mark_enterprise_use(hub, late, enterprise)
    early = _loan(hub, household, disbursed=D(2017, 3, 1), months=36, contract="BQ-EARLY")
    pg.mark_enterprise_use(hub, early, enterprise)
    with hub.read() as session:
        loan = session.get(Loan, early)
        assert loan.use_mode is UseMode.ENTERPRISE and loan.enterprise_id == enterprise
        assert session.execute(sa.select(EnterpriseHousehold.household_id)).scalar_one() == household
        assert session.get(Loan, late).use_mode is UseMode.HOUSEHOLD
    pg.mark_household_use(hub, early)
    with hub.read() as session:
        assert session.get(Loan, early).use_mode is UseMode.HOUSEHOLD


def test_existing_violators_are_listed_as_warnings(hub):
    household = make_household(hub)
    late = _loan(hub, household, disbursed=TODAY - DAY * 100, months=24, contract="BQ-V")
    with hub.write() as session:
        session.get(Loan, late).use_mode = UseMode.ENTERPRISE  # imported that way before the rule existed
    found = pg.enterprise_use_violations(hub, TODAY)
    assert [w.contract_no for w in found] == ["BQ-V"]
    assert "cutoff" in found[0].reason
    with hub.read() as session:
        rows = pg.enterprise_use_rows(session, TODAY)
    assert [(r.contract_no, r.after_cutoff) for r in rows] == [("BQ-V", True)]


def test_observations_give_the_latest_status(hub):
    enterprise = _enterprise(hub)
    pg.record_observation(hub, enterprise, TODAY - DAY * 40, BusinessStatus.NORMAL, "正常生产")
    pg.record_observation(hub, enterprise, TODAY - DAY * 5, BusinessStatus.DIFFICULT, "订单减少")
    with hub.read() as session:
        assert pg.list_enterprises(session, TODAY)[0].status is BusinessStatus.DIFFICULT
        assert pg.list_enterprises(session, TODAY - DAY * 10)[0].status is BusinessStatus.NORMAL
        assert [o.status for o in pg.observations(session, enterprise)] == [BusinessStatus.DIFFICULT,
                                                                            BusinessStatus.NORMAL]
    with pytest.raises(ValidationError, match="future"):
        pg.record_observation(hub, enterprise, TODAY + DAY, BusinessStatus.NORMAL)


def test_field_cadre_may_not_manage_enterprises(store, node_dir):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    store.add_user("cadre", "field", "cadre password", kdf=FAST_KDF)
    cadre = Store.open(node_dir, "cadre", "cadre password")
    try:
        with pytest.raises(PermissionDenied):
            pg.save_enterprise(cadre, pg.EnterpriseInput(name="x"))
    finally:
        cadre.engine.dispose()


# -- dividends --------------------------------------------------------------------------------------------------
def test_dividends_overdue_partly_paid_and_replayed(hub):
    household = make_household(hub)
    enterprise = _enterprise(hub)
    yesterday = pg.add_dividend(hub, enterprise, household, TODAY - DAY, 100_000, "2025")
    pg.add_dividend(hub, enterprise, household, TODAY, 100_000, "2026")
    tomorrow = pg.add_dividend(hub, enterprise, household, TODAY + DAY, 100_000, "2027")
    pg.record_dividend_payment(hub, yesterday, TODAY - DAY * 2, 30_000, "第一笔")
    pg.record_dividend_payment(hub, tomorrow, TODAY, 50_000)
    with pytest.raises(ValidationError, match="still unpaid"):
        pg.record_dividend_payment(hub, yesterday, TODAY, 70_001)
    with hub.read() as session:
        rows = pg.dividend_rows(session, TODAY)
        earlier = pg.dividend_rows(session, TODAY - DAY * 3)
    assert [(r.period, r.state, r.paid_fen, r.unpaid_fen) for r in rows] == [
        ("2025", pg.DividendState.OVERDUE, 30_000, 70_000),
        ("2026", pg.DividendState.DUE, 0, 100_000),
        ("2027", pg.DividendState.PARTLY_PAID, 50_000, 50_000)]
    assert [r.paid_fen for r in earlier] == [0, 0, 0]  # payments after the day are not known on it
    warnings = pg.program_warnings(hub, TODAY)
    assert [(w.rule, w.days) for w in warnings] == [(pg.ProgramRule.DIVIDEND_OVERDUE, 1)]
    assert "700.00" in warnings[0].reason
    streets = pg.dividends_by_street(rows, TODAY)
    assert (streets[0].overdue_count, streets[0].overdue_fen, streets[0].paid_fen) == (1, 70_000, 80_000)
    pg.record_dividend_payment(hub, yesterday, TODAY, 70_000)
    assert pg.program_warnings(hub, TODAY) == []
    with hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(DividendPayment)).scalar_one() == 3


# -- interest subsidies -----------------------------------------------------------------------------------------
@pytest.fixture
def subsidy_loans(hub):
    household = make_household(hub)
    current = _loan(hub, household, disbursed=D(2024, 1, 10), months=36, contract="BQ-OK")
    overdue = _loan(hub, household, disbursed=D(2024, 1, 10), months=36, contract="BQ-OD")
    with hub.write() as session:
        loan = session.get(Loan, overdue)
        loan.overdue_since, loan.overdue_fen = D(2025, 8, 15), 2_000_000
    return {"current": current, "overdue": overdue, "household": household}


def test_claim_on_overdue_loan_is_refused_by_rule(hub, subsidy_loans):
    result = pg.file_claim(hub, "BQ-OD", "2025Q3", 45_000, claimed_on=D(2025, 10, 8))
    assert result.status is ClaimStatus.REFUSED
    assert "overdue since 2025-08-15" in result.reason
    with hub.read() as session:
        claim = session.get(SubsidyClaim, result.claim_id)
        assert claim.refused_by_rule and claim.decision_note == result.reason
        assert session.get(Loan, subsidy_loans["overdue"]).subsidy_claimed_fen == 0
    # the quarter before it fell overdue is still subsidised
    assert pg.file_claim(hub, "BQ-OD", "2025Q2", 45_000, claimed_on=D(2025, 7, 8)).status is ClaimStatus.CLAIMED
    # a claim filed before the overdue day for the period it falls in: the claim date is the last day covered
    assert pg.file_claim(hub, "BQ-OD", "2025Q3", 10_000, claimed_on=D(2025, 8, 14)).status is ClaimStatus.CLAIMED


def test_claim_lifecycle_keeps_loan_totals(hub, subsidy_loans):
    loan_id = subsidy_loans["current"]
    first = pg.file_claim(hub, "BQ-OK", "2025Q3", 45_000, claimed_on=D(2025, 10, 8))
    second = pg.file_claim(hub, "BQ-OK", "2025Q4", 40_000, claimed_on=D(2026, 1, 8))
    with pytest.raises(ValidationError, match="already has a claim"):
        pg.file_claim(hub, "BQ-OK", "2025Q3", 1, claimed_on=D(2025, 10, 9))

    def totals():
        with hub.read() as session:
            loan = session.get(Loan, loan_id)
            return loan.subsidy_claimed_fen, loan.subsidy_paid_fen

    assert totals() == (85_000, 0)
    assert pg.decide_claim(hub, first.claim_id, True, approved_fen=44_000) is ClaimStatus.APPROVED
    assert totals() == (84_000, 0)
    with pytest.raises(ValidationError, match="reason"):
        pg.decide_claim(hub, second.claim_id, False)
    pg.decide_claim(hub, second.claim_id, False, "利息计算有误")
    assert totals() == (44_000, 0)
    with pytest.raises(ValidationError, match="approved"):
        pg.pay_claim(hub, second.claim_id)
    pg.pay_claim(hub, first.claim_id, D(2025, 11, 1))
    assert totals() == (44_000, 44_000)
    with hub.read() as session:
        rows = pg.claim_rows(session)
    totals_by = pg.subsidy_totals(rows)
    assert [(t.period, t.claims, t.paid_fen, t.refused_fen) for t in totals_by] == [
        ("2025Q4", 1, 0, 40_000), ("2025Q3", 1, 44_000, 0)]


def test_claim_refused_on_misuse_and_fraud(hub, subsidy_loans):
    from app.models.records import Anomaly, UseCheck

    with hub.write() as session:
        session.add(UseCheck(household_id=subsidy_loans["household"], loan_id=subsidy_loans["current"],
                             checked_on=D(2025, 9, 1), conclusion=UseConclusion.MISUSED))
    result = pg.file_claim(hub, "BQ-OK", "2025Q3", 45_000, claimed_on=D(2025, 10, 8))
    assert result.status is ClaimStatus.REFUSED and "misused" in result.reason
    assert pg.file_claim(hub, "BQ-OK", "2025Q2", 45_000, claimed_on=D(2025, 7, 8)).status is ClaimStatus.CLAIMED
    with hub.write() as session:
        session.add(Anomaly(household_id=subsidy_loans["household"], found_on=D(2025, 6, 1),
                            kind=AnomalyKind.FRAUD))
    with hub.read() as session:
        claim_id = session.execute(sa.select(SubsidyClaim.id).where(SubsidyClaim.period == "2025Q2")).scalar_one()
    with pytest.raises(ValidationError, match="fraud"):  # approval re-applies the rule
        pg.decide_claim(hub, claim_id, True)


def test_bank_files_district_decides(hub, subsidy_loans, node_dir):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    hub.add_user("banker", "bank", "banker password", kdf=FAST_KDF)
    banker = Store.open(node_dir, "banker", "banker password")
    try:
        result = pg.file_claim(banker, "BQ-OK", "2025Q3", 45_000, claimed_on=D(2025, 10, 8))
        with pytest.raises(PermissionDenied):
            pg.decide_claim(banker, result.claim_id, True)
    finally:
        banker.engine.dispose()


# -- the fund ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("fund_fen", "exceeded"), [(500_000, False), (500_001, False), (499_999, True)])
def test_fund_position_at_under_and_over_the_limit(hub, fund_fen, exceeded):
    """One live loan of 50,000 yuan; the fund at exactly a tenth of it, a fen more, a fen less."""
    household = make_household(hub)
    _loan(hub, household, amount_yuan=50_000, disbursed=TODAY - DAY * 30, months=24, contract="BQ-F")
    pg.add_contribution(hub, TODAY - DAY * 10, fund_fen, "区财政局")
    position = pg.fund_position(hub, TODAY)
    assert (position.covered_fen, position.balance_fen, position.covered_count) == (5_000_000, fund_fen, 1)
    assert position.exceeded is exceeded
    assert [w.rule for w in pg.program_warnings(hub, TODAY)] == ([pg.ProgramRule.FUND_LEVERAGE] if exceeded else [])


def test_payouts_settle_compensation_claims(hub):
    from app.models.risk import DisposalProposal, DisposalStatus

    household = make_household(hub)
    loan_id = _loan(hub, household, disbursed=D(2023, 1, 10), months=24, contract="BQ-C")
    with hub.write() as session:
        disposal = DisposalProposal(loan_id=loan_id, household_id=household, kind=Disposal.COMPENSATION_CLAIM,
                                    status=DisposalStatus.APPROVED, claim_fen=3_000_000, proposed_on=D(2025, 3, 1),
                                    proposed_by="banker")
        other = DisposalProposal(loan_id=loan_id, household_id=household, kind=Disposal.EXTENSION,
                                 status=DisposalStatus.APPROVED, proposed_on=D(2025, 3, 1), proposed_by="banker")
        session.add_all([disposal, other])
        session.flush()
        disposal_id, other_id = disposal.id, other.id
    pg.add_contribution(hub, D(2025, 1, 1), 2_000_000, "区财政局")
    with pytest.raises(ValidationError, match=r"holds 20,000\.00 yuan"):
        pg.add_payout(hub, D(2025, 4, 1), [pg.PayoutItem(loan_id, 3_000_000, disposal_id)])
    with pytest.raises(ValidationError, match="not a compensation claim"):
        pg.add_payout(hub, D(2025, 4, 1), [pg.PayoutItem(loan_id, 1_000_000, other_id)])
    with hub.read() as session:
        assert [c.disposal_id for c in pg.compensation_candidates(session)] == [disposal_id]
    pg.add_payout(hub, D(2025, 4, 1), [pg.PayoutItem(loan_id, 1_500_000, disposal_id)], "第一批代偿")
    with hub.read() as session:
        moves = pg.fund_movements(session, TODAY)
        assert pg.compensation_candidates(session)[0].paid_fen == 1_500_000
    assert [(m.kind, m.balance_fen) for m in moves] == [("in", 2_000_000), ("out", 500_000)]
    assert "BQ-C" in moves[1].counterpart


# -- outreach ---------------------------------------------------------------------------------------------------
def test_outreach_session_with_photos(hub):
    from app.domain.attachments import prepare_image
    from app.models import Attachment
    from tests.records_data import jpeg_bytes

    campaign = pg.add_campaign(hub, "2025年诚信教育月", D(2025, 5, 1), D(2025, 5, 31), "区扶贫办")
    image = prepare_image(jpeg_bytes(marker="outreach"), "现场.jpg")
    session_id = pg.add_session(hub, pg.SessionInput(D(2025, 5, 12), "红旗街道便民服务中心", "防范非法集资",
                                                     "红旗街道办", 85, "610111003", campaign, images=(image,)))
    with hub.read() as session:
        rows = pg.session_rows(session)
        photos = pg.session_photos(session, session_id)
        stored = session.execute(sa.select(Attachment.data).where(Attachment.id == photos[0][0])).scalar_one()
    assert [(r.topic, r.people_reached, r.photos, r.campaign_name) for r in rows] == [
        ("防范非法集资", 85, 1, "2025年诚信教育月")]
    assert stored == image.data
    with pytest.raises(ValidationError, match="place and a topic"):
        pg.add_session(hub, pg.SessionInput(D(2025, 5, 12), "", "x"))


# -- ledgers ----------------------------------------------------------------------------------------------------
def test_every_program_ledger_exports(hub, tmp_path):
    household = make_household(hub)
    enterprise = _enterprise(hub)
    loan = _loan(hub, household, disbursed=D(2017, 3, 1), months=36, contract="BQ-E")
    pg.mark_enterprise_use(hub, loan, enterprise)
    schedule = pg.add_dividend(hub, enterprise, household, D(2025, 1, 15), 120_000, "2024", "年度分红")
    pg.record_dividend_payment(hub, schedule, D(2025, 1, 20), 20_000)
    pg.add_contribution(hub, D(2024, 1, 1), 10_000_000, "区财政局")
    for kind in ("enterprise-use", "dividends", "subsidies", "fund", "outreach"):
        result = export_ledger(hub, kind, tmp_path / f"{kind}.xlsx", as_of=D(2025, 6, 30))
        sheet = load_workbook(result.path).active
        assert sheet.freeze_panes == "A3"
        assert "截至2025-06-30" in sheet["A1"].value
    sheet = load_workbook(tmp_path / "dividends.xlsx").active
    values = [c.value for c in sheet[3]]
    assert values[1] == "纺织城街道" and values[3] == "王建国" and values[4] == "6101**********0016"
    assert values[9:12] == [1200, 200, 1000] and values[13] == "逾期未付"
    sheet = load_workbook(tmp_path / "enterprise-use.xlsx").active
    values = [c.value for c in sheet[3]]
    assert values[1] == "西安白鹿原樱桃专业合作社" and values[2] == GOOD_CODE and values[17] == 200
    with hub.read() as session:
        row = pl._dividends(session, pl.LedgerContext(D(2025, 6, 30), False, None))[0]
    assert row.state is pg.DividendState.OVERDUE


def test_benefit_link_modes_have_words():
    assert set(pl.BENEFIT_WORDS) == set(BenefitLink)
    assert set(pl.CLAIM_WORDS) == set(ClaimStatus)
    assert set(pl.DIVIDEND_WORDS) == set(pg.DividendState)
