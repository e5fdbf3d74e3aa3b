"""The pure risk rules (app/domain/risk.py), table-tested at their boundaries without a database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from app.domain.loan_facts import AnomalyFacts, AssessmentFacts, LoanFacts, PovertyChange
from app.domain.risk import (
    DpdBucket,
    RiskPolicy,
    Rule,
    add_months,
    bucket_for,
    class_for_days,
    days_past_due,
    portfolio,
    warnings_for,
)
from app.models.enums import (
    AnomalyKind,
    AnomalyStatus,
    LoanStatus,
    PovertyStatus,
    RepaymentAbility,
    RiskClass,
    Severity,
    UseMode,
)

D = dt.date
POLICY = RiskPolicy()


def loan(**changes) -> LoanFacts:
    base = LoanFacts(contract_no="C-1", disbursed_on=D(2023, 1, 10), matures_on=D(2026, 1, 10), term_months=36,
                     amount_fen=5_000_000, balance_fen=5_000_000, street_code="610111001", street_name="纺织城街道",
                     bank_name="长安银行", bank_id=uuid.UUID(int=1), borrower_name="张三",
                     visits=(D(2024, 12, 1),))
    return dataclasses.replace(base, **changes)


def rules_of(facts: LoanFacts | list[LoanFacts], as_of: dt.date, policy: RiskPolicy = POLICY) -> set[Rule]:
    return {w.rule for w in warnings_for(facts if isinstance(facts, list) else [facts], as_of, policy)}


# -- calendar ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year February
    (D(2023, 1, 31), 1, D(2023, 2, 28)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 8, 31), 6, D(2025, 2, 28)),
    (D(2024, 3, 31), -1, D(2024, 2, 29)),
    (D(2023, 12, 15), 1, D(2024, 1, 15)),
    (D(2024, 6, 30), 36, D(2027, 6, 30)),
])
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


# -- maturity ------------------------------------------------------------------------------------------------
# issue 21 changed the severities: ranked by days left (and risk, below) instead of "high within 7 days"
@pytest.mark.parametrize(("days_left", "warned", "severity"), [
    (31, False, None), (30, True, Severity.LOW), (29, True, Severity.LOW), (11, True, Severity.LOW),
    (10, True, Severity.MEDIUM), (4, True, Severity.MEDIUM), (3, True, Severity.HIGH), (0, True, Severity.HIGH),
    (-1, False, None),
])
def test_maturity_window_boundaries(days_left, warned, severity):
    matures = D(2025, 7, 15)
    as_of = matures - dt.timedelta(days=days_left)
    found = [w for w in warnings_for([loan(matures_on=matures)], as_of) if w.rule is Rule.MATURITY]
    assert bool(found) is warned
    if warned:
        assert found[0].severity is severity and found[0].days == days_left
        assert found[0].params.get("days", 0) == days_left


@pytest.mark.parametrize(("days_left", "severity"), [(30, Severity.MEDIUM), (16, Severity.MEDIUM),
                                                     (15, Severity.HIGH), (4, Severity.HIGH)])
def test_a_maturing_loan_in_trouble_ranks_higher(days_left, severity):
    matures = D(2025, 7, 15)
    troubled = loan(matures_on=matures, risk_class=RiskClass.SPECIAL_MENTION)
    [found] = [w for w in warnings_for([troubled], matures - dt.timedelta(days=days_left)) if w.rule is Rule.MATURITY]
    assert found.severity is severity


def test_maturity_reason_names_the_days():
    warning = next(w for w in warnings_for([loan(matures_on=D(2025, 7, 15))], D(2025, 7, 3))
                   if w.rule is Rule.MATURITY)
    assert warning.reason == "Matures in 12 days (2025-07-15); no pre-maturity assessment yet"
    today = next(w for w in warnings_for([loan(matures_on=D(2025, 7, 15))], D(2025, 7, 15))
                 if w.rule is Rule.MATURITY)
    assert "today" in today.reason


@pytest.mark.parametrize(("assessed_on", "warned"), [
    (D(2025, 7, 1), False),  # within the window, before as_of
    (D(2025, 6, 15), False),  # exactly 30 days before maturity
    (D(2025, 6, 14), True),  # 31 days before: too early for this maturity
    (D(2025, 7, 6), True),  # after as_of: not known yet on the replayed day
])
def test_an_assessment_in_the_window_silences_the_maturity_warning(assessed_on, warned):
    facts = loan(matures_on=D(2025, 7, 15),
                 assessments=(AssessmentFacts(assessed_on, D(2025, 1, 1) if assessed_on == D(2025, 6, 14)
                                              else D(2025, 7, 15)),))
    assert (Rule.MATURITY in rules_of(facts, D(2025, 7, 5))) is warned


def test_maturity_on_a_leap_day():
    facts = loan(matures_on=D(2024, 2, 29))
    assert Rule.MATURITY in rules_of(facts, D(2024, 1, 30))  # 30 days before
    assert Rule.MATURITY not in rules_of(facts, D(2024, 1, 29))  # 31 days before
    assert days_past_due(facts, D(2024, 2, 29)) == 0
    assert days_past_due(facts, D(2024, 3, 1)) == 1  # unpaid at maturity: overdue from the next day


# -- overdue and five-class --------------------------------------------------------------------------------
@pytest.mark.parametrize(("days", "bucket", "risk_class"), [
    (0, DpdBucket.CURRENT, RiskClass.NORMAL),
    (1, DpdBucket.D1_30, RiskClass.SPECIAL_MENTION),
    (30, DpdBucket.D1_30, RiskClass.SPECIAL_MENTION),
    (31, DpdBucket.D31_90, RiskClass.SPECIAL_MENTION),
    (90, DpdBucket.D31_90, RiskClass.SPECIAL_MENTION),
    (91, DpdBucket.D91_180, RiskClass.SUBSTANDARD),
    (180, DpdBucket.D91_180, RiskClass.SUBSTANDARD),
    (181, DpdBucket.D181_360, RiskClass.DOUBTFUL),
    (360, DpdBucket.D181_360, RiskClass.DOUBTFUL),
    (361, DpdBucket.D361_PLUS, RiskClass.LOSS),
    (2000, DpdBucket.D361_PLUS, RiskClass.LOSS),
])
def test_days_past_due_buckets_and_classes(days, bucket, risk_class):
    assert bucket_for(days) is bucket
    assert class_for_days(days, POLICY) is risk_class
    matures = D(2024, 1, 31)
    facts = loan(matures_on=matures, overdue_since=matures + dt.timedelta(days=1), overdue_fen=4_000_000,
                 status=LoanStatus.OVERDUE, risk_class=risk_class)
    as_of = matures + dt.timedelta(days=days)
    assert days_past_due(facts, as_of) == days
    overdue = [w for w in warnings_for([facts], as_of) if w.rule is Rule.OVERDUE]
    assert bool(overdue) is (days > 0)
    if overdue:
        assert overdue[0].params["bucket"] is bucket and overdue[0].params["suggested"] is risk_class
        assert overdue[0].severity is (Severity.MEDIUM if days <= 30 else Severity.HIGH)
        assert overdue[0].risk_class is risk_class and overdue[0].days_past_due == days
        assert "40,000.00 yuan" in overdue[0].reason


def test_thresholds_are_configurable():
    strict = RiskPolicy(special_mention_days=1, substandard_days=61, doubtful_days=121, loss_days=241)
    assert [class_for_days(d, strict) for d in (60, 61, 120, 121, 240, 241)] == [
        RiskClass.SPECIAL_MENTION, RiskClass.SUBSTANDARD, RiskClass.SUBSTANDARD, RiskClass.DOUBTFUL,
        RiskClass.DOUBTFUL, RiskClass.LOSS]


def test_overdue_across_a_leap_day_counts_calendar_days():
    facts = loan(overdue_since=D(2024, 2, 28), status=LoanStatus.OVERDUE, matures_on=D(2024, 2, 27))
    assert days_past_due(facts, D(2024, 3, 1)) == 3


def test_understated_class_is_warned():
    facts = loan(matures_on=D(2024, 6, 30), status=LoanStatus.OVERDUE, overdue_since=D(2024, 7, 1),
                 risk_class=RiskClass.SPECIAL_MENTION)
    found = {w.rule: w for w in warnings_for([facts], D(2024, 10, 1))}  # 93 days
    assert found[Rule.CLASSIFICATION].severity is Severity.HIGH
    assert found[Rule.CLASSIFICATION].reason == "Recorded as Special mention, but 93 days overdue suggests Substandard"
    assert Rule.CLASSIFICATION not in rules_of(dataclasses.replace(facts, risk_class=RiskClass.DOUBTFUL),
                                               D(2024, 10, 1))


def test_an_unable_assessment_suggests_special_mention():
    facts = loan(matures_on=D(2025, 7, 15),
                 assessments=(AssessmentFacts(D(2025, 7, 1), D(2025, 7, 15), RepaymentAbility.UNABLE),))
    found = {w.rule: w for w in warnings_for([facts], D(2025, 7, 5))}
    assert found[Rule.CLASSIFICATION].risk_class is RiskClass.SPECIAL_MENTION
    assert Rule.MATURITY not in found


# -- visits --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("visits", "as_of", "late"), [
    ((), D(2024, 2, 29), None),  # disbursed 2023-08-31 + 6 months = 2024-02-29 (leap day): due, not late
    ((), D(2024, 3, 1), 1),
    ((D(2023, 7, 1),), D(2024, 3, 1), 1),  # a visit before the loan does not count
    ((D(2024, 1, 31),), D(2025, 1, 31), None),  # then every 12 months
    ((D(2024, 1, 31),), D(2025, 2, 1), 1),
    ((D(2024, 1, 31), D(2025, 3, 1)), D(2025, 2, 1), 1),  # a later visit is not known yet on the replayed day
])
def test_visit_intervals(visits, as_of, late):
    facts = loan(disbursed_on=D(2023, 8, 31), matures_on=D(2026, 8, 31), visits=visits)
    found = [w for w in warnings_for([facts], as_of) if w.rule is Rule.VISIT]
    assert (found[0].days if found else None) == late


def test_visit_interval_is_configurable():
    facts = loan(disbursed_on=D(2024, 1, 1), visits=())
    assert Rule.VISIT in rules_of(facts, D(2024, 4, 2), RiskPolicy(first_visit_months=3))
    assert Rule.VISIT not in rules_of(facts, D(2024, 4, 2))


# -- anomalies -----------------------------------------------------------------------------------------------
def test_open_anomalies_by_severity_and_replayed_status():
    anomaly = AnomalyFacts(uuid.uuid4(), AnomalyKind.FAMILY_EVENT, Severity.HIGH, D(2025, 3, 1),
                           AnomalyStatus.CLOSED,
                           steps=((D(2025, 3, 1), AnomalyStatus.REPORTED), (D(2025, 3, 5), AnomalyStatus.ACKNOWLEDGED),
                                  (D(2025, 4, 10), AnomalyStatus.RESOLVED), (D(2025, 4, 20), AnomalyStatus.CLOSED)))
    facts = loan(anomalies=(anomaly,))
    assert Rule.ANOMALY not in rules_of(facts, D(2025, 2, 28))  # not found yet
    open_on = [w for w in warnings_for([facts], D(2025, 4, 9)) if w.rule is Rule.ANOMALY]
    assert open_on[0].severity is Severity.HIGH and open_on[0].subject_id == anomaly.anomaly_id
    assert open_on[0].params["status"] is AnomalyStatus.ACKNOWLEDGED and open_on[0].days == 39
    assert Rule.ANOMALY not in rules_of(facts, D(2025, 4, 10))  # resolved


def test_anomaly_of_another_loan_is_not_this_loans():
    other = AnomalyFacts(uuid.uuid4(), AnomalyKind.CHANGED_USE, Severity.LOW, D(2025, 1, 1), AnomalyStatus.REPORTED,
                         loan_id=uuid.uuid4())
    assert Rule.ANOMALY not in rules_of(loan(anomalies=(other,)), D(2025, 2, 1))


# -- poverty status, subsidy, enterprise use --------------------------------------------------------------------
@pytest.mark.parametrize(("effective_on", "status", "severity"), [
    (D(2023, 1, 10), PovertyStatus.EXITED, None),  # the day the loan was made: not a change since
    (D(2023, 1, 11), PovertyStatus.EXITED, Severity.LOW),
    (D(2024, 5, 1), PovertyStatus.RETURNED, Severity.HIGH),
    (D(2025, 8, 1), PovertyStatus.RETURNED, None),  # after as_of
])
def test_poverty_status_changed_since_the_loan(effective_on, status, severity):
    facts = loan(poverty_changes=(PovertyChange(D(2016, 1, 1), PovertyStatus.REGISTERED),
                                  PovertyChange(effective_on, status)))
    found = [w for w in warnings_for([facts], D(2025, 7, 1)) if w.rule is Rule.POVERTY]
    assert (found[0].severity if found else None) is severity


@pytest.mark.parametrize(("claimed", "paid", "overdue", "warned"), [
    (80_000, 40_000, True, True), (80_000, 80_000, True, False), (80_000, 40_000, False, False),
    (0, 0, True, False),
])
def test_subsidy_claimed_on_an_overdue_loan(claimed, paid, overdue, warned):
    facts = loan(matures_on=D(2025, 5, 31), subsidy_claimed_fen=claimed, subsidy_paid_fen=paid,
                 overdue_since=D(2025, 6, 1) if overdue else None, balance_fen=5_000_000 if overdue else 0,
                 status=LoanStatus.OVERDUE if overdue else LoanStatus.REPAID)
    assert (Rule.SUBSIDY in rules_of(facts, D(2025, 6, 20))) is warned


@pytest.mark.parametrize(("disbursed_on", "mode", "warned"), [
    (D(2017, 11, 29), UseMode.ENTERPRISE, False), (D(2017, 11, 30), UseMode.ENTERPRISE, False),
    (D(2017, 12, 1), UseMode.ENTERPRISE, True),
    (D(2019, 3, 1), UseMode.ENTERPRISE, True), (D(2019, 3, 1), UseMode.HOUSEHOLD, False),
])
def test_enterprise_use_after_the_cutoff(disbursed_on, mode, warned):
    facts = loan(disbursed_on=disbursed_on, matures_on=add_months(disbursed_on, 36) + dt.timedelta(days=3000),
                 use_mode=mode, visits=(D(2025, 1, 1),))
    assert (Rule.ENTERPRISE in rules_of(facts, D(2025, 6, 1))) is warned


# -- replay and the whole list ---------------------------------------------------------------------------------
def test_same_data_two_dates_give_two_lists():
    maturing = loan(contract_no="M", matures_on=D(2025, 7, 20), disbursed_on=D(2022, 7, 20))
    overdue = loan(contract_no="O", matures_on=D(2025, 5, 31), overdue_since=D(2025, 6, 1),
                   status=LoanStatus.OVERDUE, risk_class=RiskClass.SPECIAL_MENTION)
    not_yet = loan(contract_no="N", disbursed_on=D(2025, 7, 1), matures_on=D(2028, 7, 1), visits=())
    data = [maturing, overdue, not_yet]
    june = {(w.contract_no, w.rule) for w in warnings_for(data, D(2025, 6, 15))}
    july = {(w.contract_no, w.rule) for w in warnings_for(data, D(2025, 7, 1))}
    assert june == {("O", Rule.OVERDUE)}  # M matures in 35 days, N is not made yet
    assert july == {("M", Rule.MATURITY), ("O", Rule.OVERDUE)}  # 31 days overdue: still special mention
    september = {(w.contract_no, w.rule) for w in warnings_for(data, D(2025, 9, 1))}
    assert ("O", Rule.CLASSIFICATION) in september  # 93 days: substandard suggested
    assert ("M", Rule.OVERDUE) in september  # unpaid at maturity
    assert ("N", Rule.VISIT) not in september


def test_loans_not_live_are_skipped():
    assert warnings_for([loan(balance_fen=0, status=LoanStatus.REPAID, matures_on=D(2025, 7, 1))], D(2025, 6, 20)) == []
    assert warnings_for([loan(disbursed_on=D(2025, 7, 1))], D(2025, 6, 20)) == []
    assert warnings_for([loan(status=LoanStatus.WRITTEN_OFF, overdue_since=D(2020, 1, 1))], D(2025, 6, 20)) == []


def test_warnings_are_sorted_by_urgency():
    found = warnings_for([
        loan(contract_no="A", matures_on=D(2025, 7, 25)),
        loan(contract_no="B", matures_on=D(2025, 7, 3)),
        loan(contract_no="C", matures_on=D(2025, 3, 31), overdue_since=D(2025, 4, 1), status=LoanStatus.OVERDUE,
             risk_class=RiskClass.SPECIAL_MENTION),
    ], D(2025, 7, 1), rules=[Rule.MATURITY, Rule.OVERDUE])
    assert [(w.contract_no, w.severity) for w in found] == [
        ("C", Severity.HIGH), ("B", Severity.HIGH), ("A", Severity.LOW)]  # A: 24 days left, no trouble (issue 21)


# -- portfolio -----------------------------------------------------------------------------------------------
def test_portfolio_sums_equal_totals():
    as_of = D(2025, 7, 1)
    banks = [uuid.UUID(int=1), uuid.UUID(int=2)]
    data = []
    for i, days in enumerate((0, 0, 5, 30, 31, 60, 91, 150, 181, 300, 361, 700)):
        matures = as_of - dt.timedelta(days=days) if days else D(2026, 1, 1)
        data.append(loan(contract_no=f"L{i}", balance_fen=1_000_000 + i * 10_000, matures_on=matures,
                         street_code="610111001" if i % 3 else "610111002", bank_id=banks[i % 2],
                         bank_name=f"银行{i % 2}"))
    data.append(loan(contract_no="repaid", balance_fen=0, status=LoanStatus.REPAID))
    view = portfolio(data, as_of)
    total = view.overall.total
    assert total.count == 12 and total.balance_fen == sum(1_000_000 + i * 10_000 for i in range(12))
    for segments in (view.by_street, view.by_bank):
        assert sum(s.total.count for s in segments.values()) == total.count
        assert sum(s.total.balance_fen for s in segments.values()) == total.balance_fen
        assert sum(s.par30_fen for s in segments.values()) == view.overall.par30_fen
    for segment in [view.overall, *view.by_street.values(), *view.by_bank.values()]:
        for table in (segment.by_class, segment.by_recorded_class, segment.by_bucket):
            assert sum(c.count for c in table.values()) == segment.total.count
            assert sum(c.balance_fen for c in table.values()) == segment.total.balance_fen
    assert view.overall.by_bucket[DpdBucket.D1_30].count == 2
    assert view.overall.by_class[RiskClass.LOSS].count == 2
    assert view.overall.by_class[RiskClass.NORMAL].count == 2
    par30 = sum(1_000_000 + i * 10_000 for i in range(4, 12))
    par90 = sum(1_000_000 + i * 10_000 for i in range(6, 12))
    assert view.overall.par30_fen == par30 and view.overall.par90_fen == par90
    assert view.overall.par30 == pytest.approx(par30 / total.balance_fen)
    assert list(view.by_street) == ["610111001", "610111002"]


def test_policy_reads_settings():
    from app import settings

    values = {settings.LOSS_DAYS.key: 400}
    policy = RiskPolicy.from_settings(lambda s: values.get(s.key, s.default))
    assert policy.loss_days == 400 and policy.substandard_days == 91 and policy.loan_cap_fen == 5_000_000


def test_every_risk_string_has_a_chinese_translation():
    from pathlib import Path

    from resources.i18n.update_catalog import CATALOGUES, existing, extract

    root = Path(__file__).resolve().parents[2]
    files = [root / "app" / name for name in ("domain/risk.py", "domain/risk_query.py", "domain/risk_disposal.py",
                                              "models/risk.py", "reports/risk_ledgers.py", "reports/risk_summary.py",
                                              "cli/risk.py", "ui/pages/warnings.py", "ui/pages/workbench.py")]
    translated = existing(CATALOGUES[0])
    missing = [f"{ctx}: {src}" for ctx, sources in extract(files).items() for src in sources
               if (ctx, src) not in translated]
    assert missing == []
