"""Warnings and the portfolio built from a real encrypted node, replayed on two dates."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.domain import risk_query
from app.domain.risk import DpdBucket, Rule
from app.models import Household, Loan, PovertyStatusChange, Repayment
from app.models.enums import (
    AnomalyKind,
    AnomalyStatus,
    LoanStatus,
    PovertyStatus,
    RepaymentAbility,
    RiskClass,
    Severity,
)
from app.models.records import Anomaly, AnomalyStep, MaturityAssessment, Visit
from tests.records_data import make_household, make_loan

D = dt.date
JUNE = D(2025, 6, 20)
JULY = D(2025, 7, 15)


@pytest.fixture
def district(store):
    """Three loans in two households with visits, an assessment, an anomaly and poverty-status changes."""
    first = make_household(store)
    second = make_household(store, head="李四", citizen_id="11010519491231002X", street="610111001")
    maturing = make_loan(store, first, months=24, disbursed=D(2023, 7, 10), matures=D(2025, 7, 10),
                         contract="L1")
    repaid_later = make_loan(store, first, amount_yuan=20_000, months=12, disbursed=D(2024, 1, 10),
                             matures=D(2025, 1, 10), contract="L2")
    fresh = make_loan(store, second, months=24, disbursed=D(2025, 3, 1), matures=D(2027, 3, 1), contract="L3")
    with store.write() as session:
        repaid = session.get(Loan, repaid_later)
        repaid.balance_fen, repaid.status = 0, LoanStatus.REPAID
        session.add(Repayment(loan_id=repaid_later, paid_on=D(2025, 6, 25), principal_fen=2_000_000,
                              interest_fen=87_000))
        session.add(Visit(household_id=first, loan_id=maturing, visited_on=D(2025, 1, 5), visitors="张干部"))
        session.add(MaturityAssessment(household_id=first, loan_id=maturing, assessed_on=D(2025, 7, 1),
                                       matures_on=D(2025, 7, 10), days_to_maturity=9,
                                       ability=RepaymentAbility.PARTLY))
        household = session.get(Household, first)
        household.poverty_status, household.poverty_status_since = PovertyStatus.RETURNED, D(2025, 7, 1)
        for status, on in ((PovertyStatus.REGISTERED, D(2016, 5, 1)), (PovertyStatus.EXITED, D(2024, 3, 1)),
                           (PovertyStatus.RETURNED, D(2025, 7, 1))):
            session.add(PovertyStatusChange(household_id=first, status=status, effective_on=on))
        anomaly = Anomaly(household_id=second, found_on=D(2025, 6, 1), kind=AnomalyKind.FAMILY_EVENT,
                          severity=Severity.HIGH, status=AnomalyStatus.RESOLVED, description="户主住院")
        session.add(anomaly)
        session.flush()
        for status, day in ((AnomalyStatus.REPORTED, 1), (AnomalyStatus.ACKNOWLEDGED, 2),
                            (AnomalyStatus.MEASURES_TAKEN, 5), (AnomalyStatus.RESOLVED, 31)):
            at = dt.datetime(2025, 6, 1, 4) + dt.timedelta(days=day - 1)
            session.add(AnomalyStep(anomaly_id=anomaly.id, to_status=status, actor="cadre", at=at))
    return {"L1": maturing, "L2": repaid_later, "L3": fresh, "first": first, "second": second}


def _pairs(found):
    return {(w.contract_no, w.rule) for w in found}


def test_two_dates_give_two_lists(store, district):
    june = risk_query.warnings(store, JUNE)
    assert _pairs(june) == {
        ("L1", Rule.MATURITY),  # 20 days to maturity; the assessment of 07-01 is not made yet
        ("L2", Rule.OVERDUE), ("L2", Rule.CLASSIFICATION),  # unpaid on 06-20, repaid on 06-25
        # no visit warning: the household was visited on 2025-01-05, after both loans were made
        ("L1", Rule.POVERTY), ("L2", Rule.POVERTY),  # exited poverty on 2024-03-01, after both loans were made
        ("L3", Rule.ANOMALY),  # open until 07-01
    }
    by_pair = {(w.contract_no, w.rule): w for w in june}
    assert by_pair[("L1", Rule.MATURITY)].reason == "Matures in 20 days (2025-07-10); no pre-maturity assessment yet"
    assert by_pair[("L2", Rule.OVERDUE)].days == 161 and by_pair[("L2", Rule.OVERDUE)].risk_class is \
        RiskClass.SUBSTANDARD
    assert by_pair[("L1", Rule.POVERTY)].params["status"] is PovertyStatus.EXITED
    assert by_pair[("L3", Rule.ANOMALY)].severity is Severity.HIGH
    assert by_pair[("L3", Rule.ANOMALY)].params["status"] is AnomalyStatus.MEASURES_TAKEN

    july = risk_query.warnings(store, JULY)
    assert _pairs(july) == {
        ("L1", Rule.OVERDUE), ("L1", Rule.CLASSIFICATION),  # unpaid at maturity: 5 days overdue
        ("L1", Rule.POVERTY),  # returned to poverty on 07-01
    }
    returned = next(w for w in july if w.rule is Rule.POVERTY)
    assert returned.params["status"] is PovertyStatus.RETURNED and returned.severity is Severity.HIGH
    assert _pairs(risk_query.warnings(store, D(2025, 7, 2), rules=[Rule.MATURITY])) == set()  # assessed


def test_filters(store, district):
    assert {w.contract_no for w in risk_query.warnings(store, JUNE, rules=["overdue"])} == {"L2"}
    assert risk_query.warnings(store, JUNE, street="610111002") == []
    assert {w.contract_no for w in risk_query.warnings(store, JUNE, bank="PSBC")} == {"L1", "L2", "L3"}
    assert risk_query.warnings(store, JUNE, bank="no such bank") == []
    assert {w.contract_no for w in risk_query.warnings(store, JUNE, risk_class=RiskClass.SUBSTANDARD)} == {"L2"}
    assert {w.contract_no for w in risk_query.warnings(store, JUNE, loan_ids=[district["L3"]])} == {"L3"}
    everything = risk_query.warnings(store, JUNE)
    high = risk_query.warnings(store, JUNE, min_severity="high")
    assert high == [w for w in everything if w.severity is Severity.HIGH] and 0 < len(high) < len(everything)
    assert risk_query.warnings(store, JUNE, min_severity=Severity.LOW) == everything


def test_portfolio_view_sums_and_par(store, district):
    june = risk_query.portfolio_view(store, JUNE)
    assert june.overall.total.count == 3 and june.overall.total.balance_fen == 5_000_000 + 2_000_000 + 5_000_000
    assert june.overall.by_bucket[DpdBucket.D91_180].balance_fen == 2_000_000
    assert june.overall.par30_fen == june.overall.par90_fen == 2_000_000
    assert june.overall.par30 == pytest.approx(2 / 12)
    assert sum(c.balance_fen for c in june.overall.by_class.values()) == june.overall.total.balance_fen
    assert [s.name for s in june.by_street.values()] == ["纺织城街道"]
    assert [s.name for s in june.by_bank.values()] == ["邮储银行灞桥支行"]
    july = risk_query.portfolio_view(store, JULY)
    assert july.overall.total.count == 2 and july.overall.par30_fen == 0
    assert july.overall.by_bucket[DpdBucket.D1_30].count == 1


def test_a_node_without_loans_has_no_warnings(store):
    assert risk_query.warnings(store, JUNE) == []
    assert risk_query.portfolio_view(store, JUNE).overall.total.count == 0


def test_facts_are_read_in_a_few_queries(store, district):
    """Set-based: the number of statements does not grow with the number of loans."""
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    risk_query.warnings(store, JUNE)  # settings are cached after the first call
    sa.event.listen(store.engine, "before_cursor_execute", count)
    try:
        risk_query.warnings(store, JUNE)
        first = len(statements)
        for n in range(30):
            make_loan(store, district["second"], contract=f"more-{n}", disbursed=D(2024, 1, 1))
        statements.clear()
        risk_query.warnings(store, JUNE)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", count)
    assert len(statements) == first <= 12
