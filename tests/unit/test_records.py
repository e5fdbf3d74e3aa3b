"""Field records: the rules of each form, submit locks, amendments keep the original, sign-off, timeline."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from app import settings
from app.domain import records as rec
from app.errors import PermissionDenied, ValidationError
from app.models import AuditEntry, Visit
from app.models.enums import (
    AnomalyKind,
    AnomalyStatus,
    BusinessStatus,
    CreditGrade,
    Disposal,
    OverallAssessment,
    ProhibitedUse,
    PurposeCategory,
    RecordKind,
    RepaymentAbility,
    UseConclusion,
    VisitType,
    Willingness,
)
from app.models.records import Anomaly, AnomalyStep, MaturityAssessment, PreloanReview, UseCheck
from tests import records_data
from tests.records_data import TODAY, audit_intact, make_household, make_loan

make_users = records_data.make_users  # the fixtures
hub_users = records_data.hub_users

K = RecordKind


def visit_values(**changes):
    values = {"visited_on": TODAY, "visit_type": VisitType.ROUTINE, "visitors": "张干部", "people_met": "王建国",
              "business_status": BusinessStatus.NORMAL, "business_seen": "牛圈5头牛", "family_changes": "",
              "income_estimate_fen": 3_000_000, "willingness": Willingness.WILLING, "ability": RepaymentAbility.ABLE,
              "used_as_declared": True, "findings": "养殖正常", "follow_up": "", "next_visit_on": None,
              "household_confirmed": True}
    values.update(changes)
    return values


def check_values(**changes):
    values = {"checked_on": TODAY, "checked_by": "张干部", "declared_purpose": "养殖肉牛", "observed_use": "买了5头牛",
              "prohibited_use": ProhibitedUse.NONE, "amount_misused_fen": 0, "conclusion": UseConclusion.COMPLIANT,
              "note": ""}
    values.update(changes)
    return values


def review_values(ctx, **changes):
    values = rec.defaults(K.PRELOAN_REVIEW, ctx, "张干部")
    values.update({"home_verified": True, "verification_note": "住房、牛圈属实", "credit_good": True, "willing": True,
                   "has_skills": True, "can_repay": True, "total_assets_score": 10, "net_assets_score": 10,
                   "share_capital_score": 2, "net_income_score": 10, "overall": OverallAssessment.GOOD,
                   "repayment_record_score": 8, "purpose_category": PurposeCategory.LIVESTOCK,
                   "purpose_text": "养牛", "requested_fen": 5_000_000, "proposed_line_fen": 3_000_000,
                   "policy_explanation": "", "explained_to": "", "unsettled_poverty_loan": False,
                   "gambling_or_drugs": False})
    values.update(changes)
    return values


@pytest.fixture
def household(store):
    return make_household(store)


@pytest.fixture
def loan(store, household):
    return make_loan(store, household)


def test_visit_submitted_and_audited(store, household, loan):
    done = rec.submit(store, K.VISIT, visit_values(), household_id=household, loan_id=loan, today=TODAY)
    with store.read() as session:
        visit = session.get(Visit, done.record_id)
        entry = session.execute(sa.select(AuditEntry).where(AuditEntry.table_name == "visits")).scalar_one()
    assert visit.findings == "养殖正常" and visit.income_estimate_fen == 3_000_000 and visit.loan_id == loan
    assert visit.created_by == "admin" and visit.version == 1 and visit.original_id is None
    data = json.loads(entry.data)["new"]
    assert entry.action == "insert" and data["findings"] == "养殖正常" and data["visitors"] == "张干部"
    assert audit_intact(store) == []


def test_future_date_refused(store, household):
    with pytest.raises(ValidationError, match="in the future"):
        rec.submit(store, K.VISIT, visit_values(visited_on=TODAY + dt.timedelta(days=1)), household_id=household,
                   today=TODAY)


def test_required_fields_reported_per_field(store, household):
    ctx = rec.load_context(store, household, today=TODAY)
    problems = rec.validate(K.VISIT, visit_values(visitors=" ", findings="", visited_on=None,
                                                  business_status=BusinessStatus.STOPPED, business_seen=""), ctx)
    assert set(problems) == {"visitors", "findings", "visited_on", "business_seen"}
    assert problems["visited_on"] == "Enter the date."


def test_household_outside_the_field_nodes_street_refused(store):
    other = make_household(store, street="610111002", citizen_id="610111197001010011")
    with pytest.raises(ValidationError, match="another street"):
        rec.submit(store, K.VISIT, visit_values(), household_id=other, today=TODAY)


def test_hub_records_in_any_street(make_node):
    hub = make_node(role="hub", street=None)[0]
    other = make_household(hub, street="610111002", citizen_id="610111197001010011")
    assert rec.submit(hub, K.VISIT, visit_values(), household_id=other, today=TODAY).version == 1


def test_loan_of_another_household_refused(store, household):
    other = make_household(store, citizen_id="610111197001010011", head="赵四")
    other_loan = make_loan(store, other, contract="BQ-OTHER")
    with pytest.raises(ValidationError, match="does not belong"):
        rec.submit(store, K.VISIT, visit_values(), household_id=household, loan_id=other_loan, today=TODAY)


def test_use_check_amount_larger_than_loan_refused(store, household, loan):
    values = check_values(prohibited_use=ProhibitedUse.HOUSING, amount_misused_fen=6_000_000,
                          conclusion=UseConclusion.MISUSED)
    with pytest.raises(ValidationError, match="larger than the loan"):
        rec.submit(store, K.USE_CHECK, values, household_id=household, loan_id=loan, today=TODAY)


def test_use_check_needs_a_loan_and_comes_after_disbursement(store, household, loan):
    ctx = rec.load_context(store, household, today=TODAY)
    assert "loan_id" in rec.validate(K.USE_CHECK, check_values(), ctx)
    ctx = rec.load_context(store, household, loan, today=TODAY)
    problems = rec.validate(K.USE_CHECK, check_values(checked_on=dt.date(2023, 1, 1)), ctx)
    assert "disbursed on 2023-07-10" in problems["checked_on"]


def test_use_check_conclusion_must_match_findings(store, household, loan):
    ctx = rec.load_context(store, household, loan, today=TODAY)
    problems = rec.validate(K.USE_CHECK, check_values(prohibited_use=ProhibitedUse.CONSUMPTION), ctx)
    assert "not used as declared" in problems["conclusion"]
    problems = rec.validate(K.USE_CHECK, check_values(conclusion=UseConclusion.PARTLY), ctx)
    assert set(problems) == {"prohibited_use", "amount_misused_fen"}


def test_misuse_opens_an_anomaly_in_the_same_transaction(store, household, loan):
    values = check_values(prohibited_use=ProhibitedUse.HOUSING, amount_misused_fen=2_000_000,
                          conclusion=UseConclusion.PARTLY, observed_use="2万元用于翻修住房")
    done = rec.submit(store, K.USE_CHECK, values, household_id=household, loan_id=loan, today=TODAY)
    assert done.anomaly_id is not None
    with store.read() as session:
        anomaly = session.get(Anomaly, done.anomaly_id)
        steps = session.execute(sa.select(AnomalyStep).where(AnomalyStep.anomaly_id == anomaly.id)).scalars().all()
    assert anomaly.use_check_id == done.record_id and anomaly.kind is AnomalyKind.CHANGED_USE
    assert anomaly.status is AnomalyStatus.REPORTED and anomaly.loan_id == loan and anomaly.found_on == TODAY
    assert "20,000.00" in anomaly.description and [s.to_status for s in steps] == [AnomalyStatus.REPORTED]
    compliant = rec.submit(store, K.USE_CHECK, check_values(), household_id=household, loan_id=loan, today=TODAY)
    assert compliant.anomaly_id is None


def test_misuse_check_and_its_anomaly_are_one_transaction(store, household, loan, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("power cut")

    from app.domain.records import submitting

    monkeypatch.setattr(submitting, "_open_anomaly_for_misuse", broken)
    values = check_values(prohibited_use=ProhibitedUse.HOUSING, amount_misused_fen=2_000_000,
                          conclusion=UseConclusion.PARTLY)
    with pytest.raises(RuntimeError):
        rec.submit(store, K.USE_CHECK, values, household_id=household, loan_id=loan, today=TODAY)
    with store.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(UseCheck)).scalar() == 0


def test_maturity_assessment_window(store, household, loan):
    # the loan matures 2025-07-10
    ctx = rec.load_context(store, household, loan, today=dt.date(2025, 7, 20))
    values = {"assessed_on": dt.date(2025, 6, 9), "assessors": "张干部", "ability": RepaymentAbility.ABLE,
              "reason": "", "proposed_disposal": Disposal.REPAY, "decision": "", "decided_by": "",
              "decided_on": None, "reported_to_finance_on": None}
    assert "at most 30 days before maturity" in rec.validate(K.MATURITY_ASSESSMENT, values, ctx)["assessed_on"]
    values["assessed_on"] = dt.date(2025, 7, 11)
    assert "matured on 2025-07-10" in rec.validate(K.MATURITY_ASSESSMENT, values, ctx)["assessed_on"]
    for day in (dt.date(2025, 6, 10), dt.date(2025, 7, 10)):  # 30 days before, and the day itself
        values["assessed_on"] = day
        assert rec.validate(K.MATURITY_ASSESSMENT, values, ctx) == {}
    with pytest.raises(ValidationError, match="at most 30 days"):
        rec.submit(store, K.MATURITY_ASSESSMENT, dict(values, assessed_on=dt.date(2025, 6, 1)),
                   household_id=household, loan_id=loan, today=dt.date(2025, 6, 1))
    store.set_setting(settings.MATURITY_ASSESSMENT_DAYS, 45)
    done = rec.submit(store, K.MATURITY_ASSESSMENT, dict(values, assessed_on=dt.date(2025, 6, 1)),
                      household_id=household, loan_id=loan, today=dt.date(2025, 6, 1))
    with store.read() as session:
        row = session.get(MaturityAssessment, done.record_id)
    assert row.days_to_maturity == 39 and row.matures_on == dt.date(2025, 7, 10) and row.balance_fen == 5_000_000


def test_maturity_unable_needs_disposal_and_reason(store, household, loan):
    ctx = rec.load_context(store, household, loan, today=TODAY)
    values = {"assessed_on": TODAY, "assessors": "张干部", "ability": RepaymentAbility.UNABLE, "reason": "",
              "proposed_disposal": Disposal.REPAY, "decision": "", "decided_by": "", "decided_on": None,
              "reported_to_finance_on": None}
    assert set(rec.validate(K.MATURITY_ASSESSMENT, values, ctx)) == {"reason", "proposed_disposal"}


def test_credit_sheet_scores_and_grades():
    sheet = rec.CREDIT_SHEET
    full = {"household_size": 4, "labour_force": 3, "total_assets_score": 13, "net_assets_score": 13,
            "share_capital_score": 4, "net_income_score": 14, "overall": "excellent", "repayment_record_score": 10}
    assert sheet.score(full) == 100 and sheet.grade(100) is CreditGrade.AAA
    assert sheet.score(dict(full, household_size=1, labour_force=1)) == 100 - 3 - 5
    assert [sheet.grade(s) for s in (80, 79, 70, 69, 60, 59)] == [CreditGrade.AAA, CreditGrade.AA, CreditGrade.AA,
                                                                 CreditGrade.A, CreditGrade.A, CreditGrade.NONE]
    assert sheet.line_fen(CreditGrade.AAA, 4_000_000) == 4_000_000, "never above the cap"


def test_preloan_review_eligible(store, household):
    ctx = rec.load_context(store, household, today=TODAY)
    values = review_values(ctx)
    outcome = rec.preloan_outcome(values, ctx)
    # size 2 → 7, two workers → 7, 10+10+2+10, good 25, record 8
    assert outcome.score == 79 and outcome.grade is CreditGrade.AA and outcome.eligible and outcome.age == 50
    assert outcome.max_line_fen == 4_000_000  # issue 20: the seed's AA line (40,000 yuan) is the default
    done = rec.submit(store, K.PRELOAN_REVIEW, values, household_id=household, today=TODAY)
    with store.read() as session:
        row = session.get(PreloanReview, done.record_id)
    assert (row.score, row.grade, row.eligible, row.applicant_age, row.applicant_name) == (
        79, CreditGrade.AA, True, 50, "王建国")
    with pytest.raises(ValidationError, match=r"at most 40,000\.00"):
        rec.submit(store, K.PRELOAN_REVIEW, dict(values, proposed_line_fen=5_000_000), household_id=household,
                   today=TODAY)


def test_the_districts_credit_settings_change_score_grade_and_line(store, household):
    """Issue 20.9: the sheet and the grade → line table are district settings; the same answers score, grade and
    get a line as the settings now say (79 points: AA by default, A once AA starts at 80)."""
    values = review_values(rec.load_context(store, household, today=TODAY))

    def outcome():
        return rec.preloan_outcome(values, rec.load_context(store, household, today=TODAY))

    assert (outcome().score, outcome().grade, outcome().max_line_fen) == (79, CreditGrade.AA, 4_000_000)
    store.set_setting(settings.CREDIT_GRADE_LINES, "AAA=50000、AA=35000、A=20000")
    assert (outcome().grade, outcome().max_line_fen) == (CreditGrade.AA, 3_500_000)
    store.set_setting(settings.CREDIT_GRADE_FLOORS, "AAA=90、AA=80、A=60")
    assert (outcome().grade, outcome().max_line_fen) == (CreditGrade.A, 2_000_000)
    store.set_setting(settings.CREDIT_HOUSEHOLD_POINTS, "3=8、2=8、1=5")  # a household of two now scores 8, not 7
    assert (outcome().score, outcome().grade, outcome().max_line_fen) == (80, CreditGrade.AA, 3_500_000)


def test_preloan_review_ineligible_needs_policy_explanation(store):
    old = make_household(store, head="老汉", birth=dt.date(1955, 1, 1), citizen_id="610111195501010013")
    ctx = rec.load_context(store, old, today=TODAY)
    values = review_values(ctx, proposed_line_fen=0)
    outcome = rec.preloan_outcome(values, ctx)
    assert outcome.reasons == ("too_old",) and outcome.max_line_fen == 0
    problems = rec.validate(K.PRELOAN_REVIEW, values, ctx)
    assert set(problems) == {"policy_explanation", "explained_to"}
    assert "ineligible household gets no credit line" in rec.validate(
        K.PRELOAN_REVIEW, dict(values, proposed_line_fen=100_000), ctx)["proposed_line_fen"]
    explained = dict(values, policy_explanation="年龄超过65周岁，按政策不能享受扶贫小额信贷", explained_to="老汉本人")
    done = rec.submit(store, K.PRELOAN_REVIEW, explained, household_id=old, today=TODAY)
    with store.read() as session:
        row = session.get(PreloanReview, done.record_id)
    assert not row.eligible and row.ineligible_reasons == "too_old" and "65" in row.policy_explanation
    store.set_setting(settings.BORROWER_AGE_MAX, 75)
    assert rec.preloan_outcome(values, rec.load_context(store, old, today=TODAY)).eligible


def test_preloan_refusal_grounds(store, household):
    ctx = rec.load_context(store, household, today=TODAY)
    values = review_values(ctx, gambling_or_drugs=True, debt_ratio_pct=75, unsettled_poverty_loan=True,
                           registered_poor=False, overall=OverallAssessment.POOR)
    assert rec.preloan_outcome(values, ctx).reasons == (
        "not_registered", "gambling_or_drugs", "debt_ratio", "unsettled_loan", "grade_none")


def test_amendment_keeps_the_original(store, household, loan):
    first = rec.submit(store, K.VISIT, visit_values(), household_id=household, loan_id=loan, today=TODAY)
    with store.read() as session:
        before = {c.key: getattr(session.get(Visit, first.record_id), c.key) for c in Visit.__table__.c}
    second = rec.amend(store, K.VISIT, first.record_id, visit_values(findings="养殖正常，新增2头牛犊"),
                       "补记牛犊", today=TODAY)
    with store.read() as session:
        after = {c.key: getattr(session.get(Visit, first.record_id), c.key) for c in Visit.__table__.c}
        new = session.get(Visit, second.record_id)
    assert after == before, "the original row is untouched"
    assert (new.original_id, new.version, new.amendment_reason) == (first.record_id, 2, "补记牛犊")
    versions = rec.history(store, K.VISIT, second.record_id)
    assert [v.version for v in versions] == [1, 2] and versions[0].findings == "养殖正常"
    rows = rec.list_records(store, [K.VISIT])
    assert [(r.record_id, r.version, r.amended) for r in rows] == [(second.record_id, 2, True)]
    with pytest.raises(ValidationError, match="amended since"):
        rec.amend(store, K.VISIT, first.record_id, visit_values(), "again", today=TODAY)
    with pytest.raises(ValidationError, match="reason"):
        rec.amend(store, K.VISIT, second.record_id, visit_values(), "  ", today=TODAY)
    with pytest.raises(ValidationError, match="in the future"):
        rec.amend(store, K.VISIT, second.record_id, visit_values(visited_on=TODAY + dt.timedelta(days=3)), "x",
                  today=TODAY)
    assert audit_intact(store) == []


def test_amended_use_check_opens_anomaly_once(store, household, loan):
    first = rec.submit(store, K.USE_CHECK, check_values(), household_id=household, loan_id=loan, today=TODAY)
    misuse = check_values(prohibited_use=ProhibitedUse.CONSUMPTION, amount_misused_fen=500_000,
                          conclusion=UseConclusion.PARTLY)
    second = rec.amend(store, K.USE_CHECK, first.record_id, misuse, "复查发现", today=TODAY)
    third = rec.amend(store, K.USE_CHECK, second.record_id, misuse, "再次更正", today=TODAY)
    assert second.anomaly_id is not None and third.anomaly_id is None


def test_sign_off_by_supervisor_only(store, household, make_users, hub_users):
    cadre, supervisor = make_users
    done = rec.submit(cadre, K.VISIT, visit_values(), household_id=household, today=TODAY)
    with pytest.raises(PermissionDenied):
        rec.sign_off(cadre, K.VISIT, done.record_id)
    with pytest.raises(PermissionDenied, match="at the hub"):  # issue 16: not even a supervisor on a field node
        rec.sign_off(supervisor, K.VISIT, done.record_id)
    hub, cadre, supervisor = hub_users
    done = rec.submit(cadre, K.VISIT, visit_values(), household_id=make_household(hub), today=TODAY)
    with pytest.raises(PermissionDenied):
        rec.sign_off(cadre, K.VISIT, done.record_id)
    rec.sign_off(supervisor, K.VISIT, done.record_id, "同意")
    with hub.read() as session:
        visit = session.get(Visit, done.record_id)
    assert visit.signed_off_by == "boss" and visit.sign_off_note == "同意" and visit.signed_off_at is not None
    with pytest.raises(ValidationError, match="already"):
        rec.sign_off(supervisor, K.VISIT, done.record_id)


def test_timeline_in_date_order(store, household, loan):
    rec.submit(store, K.VISIT, visit_values(visited_on=dt.date(2024, 1, 5)), household_id=household, today=TODAY)
    rec.submit(store, K.USE_CHECK, check_values(checked_on=dt.date(2023, 9, 1)), household_id=household,
               loan_id=loan, today=TODAY)
    rec.submit(store, K.ANOMALY, {"found_on": dt.date(2024, 3, 1), "kind": AnomalyKind.FAMILY_EVENT,
                                  "severity": "high", "description": "户主住院", "measures": "", "assigned_to": ""},
               household_id=household, today=TODAY)
    rows = rec.household_timeline(store, household)
    assert [(r.on.isoformat(), r.kind) for r in rows] == [
        ("2023-07-10", "loan_disbursed"), ("2023-09-01", "use_check"), ("2024-01-05", "visit"),
        ("2024-03-01", "anomaly"), ("2025-07-10", "loan_matures")]
    assert rows[3].status == "Reported" and "户主住院" in rows[3].summary
    assert isinstance(rows[0], rec.TimelineRow) and rows[1].contract_no == "BQ-2023-0001"


def test_parse_yuan():
    assert rec.parse_yuan("12,000") == 1_200_000
    assert rec.parse_yuan("１２０００．５") == 1_200_050
    assert rec.parse_yuan("") is None
    for bad in ("abc", "-5", "1.234"):
        with pytest.raises(ValidationError):
            rec.parse_yuan(bad)
    assert rec.yuan_text(1_234_567) == "12,345.67"
