"""Field records without Qt: the rules each form checks as it is typed, submitting and amending, drafts, sign-off,
the anomaly workflow, the credit rating sheet and a household's timeline.

The same validators serve the forms (messages next to each field) and every other path (CLI, import, tests):
``validate(kind, values, ctx)`` returns ``{field: translated message}``; ``submit`` and ``amend`` run it again
inside their write and raise :class:`ValidationError` when anything is left.

A record is locked once submitted. ``amend`` writes a new version (``original_id`` → the first version,
``version`` + 1, a reason) and leaves every earlier version as it was; lists and timelines show the latest.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app import settings
from app.db.store import Store
from app.domain.attachments import PreparedImage, store_attachments
from app.domain.codes import citizen_id_error
from app.domain.loan_facts import LoanFacts, facts_of
from app.domain.money import parse_yuan as parse_yuan
from app.domain.money import yuan as yuan_text  # the records' name for it
from app.domain.permissions import Permission, has_permission
from app.domain.scope import scope_street
from app.errors import PermissionDenied, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Bank, Household, Loan, Member, Repayment
from app.models.base import utcnow
from app.models.enums import (
    AnomalyKind,
    AnomalyStatus,
    BusinessStatus,
    CreditGrade,
    Disposal,
    Labelled,
    LabourCapacity,
    OverallAssessment,
    PovertyStatus,
    ProhibitedUse,
    PurposeCategory,
    RecordKind,
    RepaymentAbility,
    Severity,
    UseConclusion,
    VisitType,
    Willingness,
)
from app.models.records import (
    RECORD_MODELS,
    Anomaly,
    AnomalyStep,
    Attachment,
    Draft,
    DraftPhoto,
    FieldRecord,
    MaturityAssessment,
    PreloanReview,
    RecordAttachment,
    UseCheck,
    Visit,
)

R = TypeVar("R", bound=FieldRecord)
Problems = dict[str, str]
Values = dict[str, Any]

#: the fields a form edits, per kind (everything else is derived or belongs to the version chain)
FIELDS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.VISIT: (
        "visited_on", "visit_type", "visitors", "people_met", "business_status", "business_seen",
        "family_changes", "income_estimate_fen", "willingness", "ability", "used_as_declared", "findings",
        "follow_up", "next_visit_on", "household_confirmed"),
    RecordKind.USE_CHECK: (
        "checked_on", "checked_by", "declared_purpose", "observed_use", "prohibited_use", "amount_misused_fen",
        "conclusion", "note"),
    RecordKind.ANOMALY: (
        "found_on", "kind", "severity", "description", "measures", "assigned_to"),
    RecordKind.PRELOAN_REVIEW: (
        "reviewed_on", "reviewers", "applicant_id", "home_verified", "verification_note",
        "registered_poor", "credit_good", "willing", "has_skills", "can_repay", "gambling_or_drugs",
        "debt_ratio_pct", "unsettled_poverty_loan", "household_size", "labour_force", "total_assets_score",
        "net_assets_score", "share_capital_score", "net_income_score", "overall", "repayment_record_score",
        "purpose_category", "purpose_text", "requested_fen", "proposed_line_fen", "policy_explanation",
        "explained_to"),
    RecordKind.MATURITY_ASSESSMENT: (
        "assessed_on", "assessors", "ability", "reason", "proposed_disposal", "decision", "decided_by",
        "decided_on", "reported_to_finance_on"),
}
#: kinds that are about one loan and cannot be made without it
NEEDS_LOAN = frozenset({RecordKind.USE_CHECK, RecordKind.MATURITY_ASSESSMENT})
ANOMALY_ORDER = (AnomalyStatus.REPORTED, AnomalyStatus.ACKNOWLEDGED, AnomalyStatus.MEASURES_TAKEN,
                 AnomalyStatus.RESOLVED, AnomalyStatus.CLOSED)
#: a debt ratio above this is a ground for refusal (DOMAIN.md credit rating)
MAX_DEBT_RATIO_PCT = 60


# -- dates --------------------------------------------------------------------------------------------------
def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birth_date_of(member: MemberFacts) -> dt.date | None:
    if member.birth_date is not None:
        return member.birth_date
    number = (member.citizen_id or "").upper()
    if number and citizen_id_error(number) is None:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return None


# -- what the rules know about a household and a loan -------------------------------------------------------
@dataclass(frozen=True)
class MemberFacts:
    id: uuid.UUID
    name: str
    relation: str
    citizen_id: str | None
    birth_date: dt.date | None
    labour_capacity: LabourCapacity
    is_head: bool


@dataclass(frozen=True)
class HouseholdFacts:
    id: uuid.UUID
    street_code: str
    head_name: str
    address: str
    phone: str
    poverty_status: PovertyStatus
    members: tuple[MemberFacts, ...]
    loans: tuple[LoanFacts, ...]

    @property
    def head(self) -> MemberFacts | None:
        return next((m for m in self.members if m.is_head), self.members[0] if self.members else None)

    @property
    def workers(self) -> int:
        return sum(1 for m in self.members if m.labour_capacity is not LabourCapacity.NONE)


@dataclass(frozen=True)
class RecordContext:
    """Everything besides the typed values that the rules of a form depend on."""

    today: dt.date
    household: HouseholdFacts
    loan: LoanFacts | None
    #: the street this node may record in (None on the hub, which sees all)
    node_street: str | None = None
    age_min: int = settings.BORROWER_AGE_MIN.default
    age_max: int = settings.BORROWER_AGE_MAX.default
    maturity_days: int = settings.MATURITY_ASSESSMENT_DAYS.default
    loan_cap_fen: int = settings.LOAN_CAP_YUAN.default * 100


def household_facts(session: Session, household_id: uuid.UUID) -> HouseholdFacts:
    household = session.get(Household, household_id)
    if household is None or household.deleted:
        raise ValidationError(translate("Records", "The household was not found on this node."))
    members = session.execute(sa.select(Member).where(Member.household_id == household_id,
                                                      Member.deleted.is_(False))
                              .order_by(Member.position)).scalars()
    loans = session.execute(sa.select(Loan, Bank.name).join(Bank, Bank.id == Loan.bank_id)
                            .where(Loan.household_id == household_id, Loan.deleted.is_(False))
                            .order_by(Loan.disbursed_on.desc())).all()
    return HouseholdFacts(
        id=household.id, street_code=household.street_code, head_name=household.head_name,
        address=household.address, phone=household.phone, poverty_status=household.poverty_status,
        members=tuple(MemberFacts(m.id, m.name, m.relation, m.citizen_id, m.birth_date, m.labour_capacity,
                                  m.is_head) for m in members),
        loans=tuple(facts_of(loan, bank) for loan, bank in loans))


def load_context(store: Store, household_id: uuid.UUID | None = None, loan_id: uuid.UUID | None = None,
                 today: dt.date | None = None) -> RecordContext:
    """The context for a form started from a household, or from a loan (whose household is then implied)."""
    with store.read() as session:
        if household_id is None:
            if loan_id is None:
                raise ValidationError(translate("Records", "Choose a household or a loan first."))
            loan_row = session.get(Loan, loan_id)
            if loan_row is None:
                raise ValidationError(translate("Records", "The loan was not found on this node."))
            household_id = loan_row.household_id
        facts = household_facts(session, household_id)
    loan = None
    if loan_id is not None:
        loan = next((item for item in facts.loans if item.loan_id == loan_id), None)
        if loan is None:
            raise ValidationError(translate("Records", "This loan does not belong to the household."))
    return RecordContext(
        today=today or dt.date.today(), household=facts, loan=loan,
        node_street=scope_street(store),
        age_min=store.setting(settings.BORROWER_AGE_MIN), age_max=store.setting(settings.BORROWER_AGE_MAX),
        maturity_days=store.setting(settings.MATURITY_ASSESSMENT_DAYS),
        loan_cap_fen=store.setting(settings.LOAN_CAP_YUAN) * 100)


# -- the credit rating sheet (评级授信) -----------------------------------------------------------------------
@dataclass(frozen=True)
class CreditSheet:
    """The 100-point sheet of DOMAIN.md; a district with another sheet replaces this value."""

    household_size_points: tuple[tuple[int, int], ...] = ((3, 8), (2, 7), (1, 5))
    labour_points: tuple[tuple[int, int], ...] = ((3, 8), (2, 7), (1, 3), (0, 0))
    total_assets_max: int = 13
    net_assets_max: int = 13
    share_capital_max: int = 4
    net_income_max: int = 14
    overall_points: tuple[tuple[OverallAssessment, int], ...] = (
        (OverallAssessment.EXCELLENT, 30), (OverallAssessment.GOOD, 25), (OverallAssessment.FAIR, 15),
        (OverallAssessment.POOR, 0))
    repayment_record_max: int = 10
    #: lowest score for each grade, best first
    grade_floors: tuple[tuple[CreditGrade, int], ...] = (
        (CreditGrade.AAA, 80), (CreditGrade.AA, 70), (CreditGrade.A, 60))
    #: the largest line (yuan) each grade may be offered; never more than the loan cap
    grade_lines_yuan: tuple[tuple[CreditGrade, int], ...] = (
        (CreditGrade.AAA, 50_000), (CreditGrade.AA, 30_000), (CreditGrade.A, 10_000))

    @staticmethod
    def _steps(table: tuple[tuple[int, int], ...], count: int) -> int:
        return next((points for floor, points in table if count >= floor), 0)

    def score(self, values: Mapping[str, Any]) -> int:
        def clamp(name: str, top: int) -> int:
            return max(0, min(top, int(values.get(name) or 0)))

        return (self._steps(self.household_size_points, int(values.get("household_size") or 0))
                + self._steps(self.labour_points, int(values.get("labour_force") or 0))
                + clamp("total_assets_score", self.total_assets_max) + clamp("net_assets_score", self.net_assets_max)
                + clamp("share_capital_score", self.share_capital_max)
                + clamp("net_income_score", self.net_income_max)
                + dict(self.overall_points).get(OverallAssessment(values.get("overall") or "poor"), 0)
                + clamp("repayment_record_score", self.repayment_record_max))

    def grade(self, score: int) -> CreditGrade:
        return next((grade for grade, floor in self.grade_floors if score >= floor), CreditGrade.NONE)

    def line_fen(self, grade: CreditGrade, cap_fen: int) -> int:
        return min(dict(self.grade_lines_yuan).get(grade, 0) * 100, cap_fen)


CREDIT_SHEET = CreditSheet()

#: reasons a household is not eligible; stored as codes, shown with these labels
INELIGIBILITY: dict[str, str] = {
    "home_not_verified": QT_TRANSLATE_NOOP("Records", "home not verified"),
    "not_registered": QT_TRANSLATE_NOOP("Records", "not a registered poor household"),
    "too_young": QT_TRANSLATE_NOOP("Records", "applicant younger than the minimum age"),
    "too_old": QT_TRANSLATE_NOOP("Records", "applicant older than the maximum age"),
    "age_unknown": QT_TRANSLATE_NOOP("Records", "applicant's age unknown"),
    "credit_bad": QT_TRANSLATE_NOOP("Records", "credit not good"),
    "unwilling": QT_TRANSLATE_NOOP("Records", "not willing to borrow"),
    "no_skills": QT_TRANSLATE_NOOP("Records", "no skills for the project"),
    "cannot_repay": QT_TRANSLATE_NOOP("Records", "no ability to repay"),
    "gambling_or_drugs": QT_TRANSLATE_NOOP("Records", "gambling or drugs"),
    "debt_ratio": QT_TRANSLATE_NOOP("Records", "debt ratio above 60%"),
    "unsettled_loan": QT_TRANSLATE_NOOP("Records", "an unsettled poverty-alleviation loan"),
    "grade_none": QT_TRANSLATE_NOOP("Records", "credit score below grade A"),
}


def reason_labels(codes: str | Iterable[str]) -> list[str]:
    items = [c for c in codes.split(",") if c] if isinstance(codes, str) else list(codes)
    return [translate("Records", INELIGIBILITY.get(code, code)) for code in items]


@dataclass(frozen=True)
class PreloanOutcome:
    age: int | None
    score: int
    grade: CreditGrade
    max_line_fen: int
    reasons: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return not self.reasons


def preloan_outcome(values: Mapping[str, Any], ctx: RecordContext, sheet: CreditSheet = CREDIT_SHEET
                    ) -> PreloanOutcome:
    """Age, score, grade, the largest line allowed and every reason the household is not eligible."""
    age = None
    applicant = next((m for m in ctx.household.members if m.id == values.get("applicant_id")), None)
    day = values.get("reviewed_on") or ctx.today
    if applicant is not None:
        birth = birth_date_of(applicant)
        age = age_on(birth, day) if birth else None
    score = sheet.score(values)
    grade = sheet.grade(score)
    reasons = []
    if not values.get("home_verified"):
        reasons.append("home_not_verified")
    if not values.get("registered_poor"):
        reasons.append("not_registered")
    if age is None:
        reasons.append("age_unknown")
    elif age < ctx.age_min:
        reasons.append("too_young")
    elif age > ctx.age_max:
        reasons.append("too_old")
    for flag, code in (("credit_good", "credit_bad"), ("willing", "unwilling"), ("has_skills", "no_skills"),
                       ("can_repay", "cannot_repay")):
        if not values.get(flag):
            reasons.append(code)
    if values.get("gambling_or_drugs"):
        reasons.append("gambling_or_drugs")
    if int(values.get("debt_ratio_pct") or 0) > MAX_DEBT_RATIO_PCT:
        reasons.append("debt_ratio")
    if values.get("unsettled_poverty_loan"):
        reasons.append("unsettled_loan")
    if grade is CreditGrade.NONE:
        reasons.append("grade_none")
    max_line = sheet.line_fen(grade, ctx.loan_cap_fen) if not reasons else 0
    return PreloanOutcome(age=age, score=score, grade=grade, max_line_fen=max_line, reasons=tuple(reasons))


# -- validation -----------------------------------------------------------------------------------------------
def _date_rules(problems: Problems, values: Mapping[str, Any], name: str, ctx: RecordContext,
                required: bool = True, not_before: dt.date | None = None, not_before_text: str = "") -> None:
    value = values.get(name)
    if value is None:
        if required:
            problems[name] = translate("Records", "Enter the date.")
        return
    if not isinstance(value, dt.date):
        problems[name] = translate("Records", "Not a date.")
    elif value > ctx.today:
        problems[name] = translate("Records", "The date {date} is in the future.", date=value.isoformat())
    elif not_before is not None and value < not_before:
        problems[name] = not_before_text


def _required_text(problems: Problems, values: Mapping[str, Any], name: str, message: str) -> None:
    if not str(values.get(name) or "").strip():
        problems[name] = message


def _enum_rule(problems: Problems, values: Mapping[str, Any], name: str, enum: type[Labelled],
               required: bool = True) -> None:
    value = values.get(name)
    if value in (None, ""):
        if required:
            problems[name] = translate("Records", "Choose one.")
        return
    try:
        enum(value)
    except ValueError:
        problems[name] = translate("Records", "Not one of the choices.")


def _common_rules(kind: RecordKind, values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems: Problems = {}
    if ctx.node_street and ctx.household.street_code != ctx.node_street:
        problems["household_id"] = translate(
            "Records", "This household belongs to another street ({street}); this node records only its own "
                       "street's households.", street=ctx.household.street_code)
    if kind in NEEDS_LOAN and ctx.loan is None:
        problems["loan_id"] = translate("Records", "Choose the loan this record is about.")
    if ctx.loan is not None and ctx.loan.household_id != ctx.household.id:
        problems["loan_id"] = translate("Records", "This loan does not belong to the household.")
    return problems


def validate_visit(values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems = _common_rules(RecordKind.VISIT, values, ctx)
    _date_rules(problems, values, "visited_on", ctx)
    _enum_rule(problems, values, "visit_type", VisitType)
    _enum_rule(problems, values, "business_status", BusinessStatus)
    _enum_rule(problems, values, "willingness", Willingness)
    _enum_rule(problems, values, "ability", RepaymentAbility)
    _required_text(problems, values, "visitors", translate("Records", "Who made the visit?"))
    _required_text(problems, values, "people_met", translate("Records", "Whom did you meet?"))
    _required_text(problems, values, "findings", translate("Records", "Write down what you found."))
    if values.get("business_status") in (BusinessStatus.DIFFICULT, BusinessStatus.STOPPED) \
            and not str(values.get("business_seen") or "").strip():
        problems["business_seen"] = translate("Records", "Describe what you saw of the business.")
    if values.get("visit_type") == VisitType.PRE_MATURITY and ctx.loan is None:
        problems["loan_id"] = translate("Records", "A pre-maturity visit is about a loan; choose it.")
    income = values.get("income_estimate_fen")
    if income is not None and income < 0:
        problems["income_estimate_fen"] = translate("Records", "An amount cannot be negative.")
    follow_up_on = values.get("next_visit_on")
    visited_on = values.get("visited_on")
    if follow_up_on is not None and isinstance(visited_on, dt.date) and follow_up_on <= visited_on:
        problems["next_visit_on"] = translate("Records", "The next visit comes after this one.")
    return problems


def validate_use_check(values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems = _common_rules(RecordKind.USE_CHECK, values, ctx)
    loan = ctx.loan
    _date_rules(problems, values, "checked_on", ctx, not_before=loan.disbursed_on if loan else None,
                not_before_text=translate("Records", "The loan was disbursed on {date}; a use check comes after.",
                                          date=loan.disbursed_on.isoformat()) if loan else "")
    _required_text(problems, values, "checked_by", translate("Records", "Who made the check?"))
    _required_text(problems, values, "observed_use", translate("Records", "Describe how the money was used."))
    _enum_rule(problems, values, "prohibited_use", ProhibitedUse)
    _enum_rule(problems, values, "conclusion", UseConclusion)
    amount = values.get("amount_misused_fen") or 0
    prohibited = values.get("prohibited_use") or ProhibitedUse.NONE
    conclusion = values.get("conclusion")
    if amount < 0:
        problems["amount_misused_fen"] = translate("Records", "An amount cannot be negative.")
    elif loan is not None and amount > loan.amount_fen:
        problems["amount_misused_fen"] = translate(
            "Records", "The amount misused ({amount} yuan) is larger than the loan ({loan} yuan).",
            amount=yuan_text(amount), loan=yuan_text(loan.amount_fen))
    if conclusion == UseConclusion.COMPLIANT:
        if prohibited != ProhibitedUse.NONE:
            problems["conclusion"] = translate("Records", "A prohibited use was found; the loan was not used as "
                                                          "declared.")
        elif amount:
            problems["conclusion"] = translate("Records", "An amount was misused; the loan was not used as "
                                                          "declared.")
    elif conclusion in (UseConclusion.PARTLY, UseConclusion.MISUSED):
        if prohibited == ProhibitedUse.NONE:
            problems.setdefault("prohibited_use", translate("Records", "Name the prohibited use that was found."))
        if not amount:
            problems.setdefault("amount_misused_fen", translate("Records", "Enter the amount misused."))
        elif conclusion == UseConclusion.PARTLY and loan is not None and amount >= loan.amount_fen:
            problems.setdefault("amount_misused_fen", translate(
                "Records", "The whole loan was misused; conclude \"misused\" rather than \"partly\"."))
    return problems


def validate_anomaly(values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems = _common_rules(RecordKind.ANOMALY, values, ctx)
    _date_rules(problems, values, "found_on", ctx)
    _enum_rule(problems, values, "kind", AnomalyKind)
    _enum_rule(problems, values, "severity", Severity)
    _required_text(problems, values, "description", translate("Records", "Describe what happened."))
    return problems


def validate_preloan_review(values: Mapping[str, Any], ctx: RecordContext,
                            sheet: CreditSheet = CREDIT_SHEET) -> Problems:
    problems = _common_rules(RecordKind.PRELOAN_REVIEW, values, ctx)
    _date_rules(problems, values, "reviewed_on", ctx)
    _required_text(problems, values, "reviewers", translate("Records", "Who made the review?"))
    if values.get("applicant_id") is None:
        problems["applicant_id"] = translate("Records", "Choose the applicant among the household's members.")
    elif not any(m.id == values.get("applicant_id") for m in ctx.household.members):
        problems["applicant_id"] = translate("Records", "The applicant is not a member of this household.")
    if values.get("home_verified") and not str(values.get("verification_note") or "").strip():
        problems["verification_note"] = translate("Records", "Note what the home verification found.")
    for name, top in (("household_size", 30), ("labour_force", 30), ("debt_ratio_pct", 1000),
                      ("total_assets_score", sheet.total_assets_max), ("net_assets_score", sheet.net_assets_max),
                      ("share_capital_score", sheet.share_capital_max),
                      ("net_income_score", sheet.net_income_max),
                      ("repayment_record_score", sheet.repayment_record_max)):
        value = values.get(name)
        if value is None or not 0 <= int(value) <= top:
            problems[name] = translate("Records", "Enter a number from 0 to {top}.", top=top)
    if not values.get("household_size"):
        problems["household_size"] = translate("Records", "A household has at least one person.")
    _enum_rule(problems, values, "overall", OverallAssessment)
    _enum_rule(problems, values, "purpose_category", PurposeCategory, required=False)
    requested = values.get("requested_fen") or 0
    line = values.get("proposed_line_fen") or 0
    if requested > ctx.loan_cap_fen:
        problems["requested_fen"] = translate("Records", "At most {cap} yuan per household.",
                                              cap=yuan_text(ctx.loan_cap_fen))
    outcome = preloan_outcome(values, ctx, sheet)
    if line and not outcome.eligible:
        problems["proposed_line_fen"] = translate("Records", "An ineligible household gets no credit line.")
    elif line > outcome.max_line_fen:
        problems["proposed_line_fen"] = translate("Records", "Grade {grade} allows at most {line} yuan.",
                                                  grade=outcome.grade.label, line=yuan_text(outcome.max_line_fen))
    elif outcome.eligible and not line:
        problems["proposed_line_fen"] = translate("Records", "Propose a credit line (at most {line} yuan).",
                                                  line=yuan_text(outcome.max_line_fen))
    if outcome.eligible and not values.get("purpose_category"):
        problems["purpose_category"] = translate("Records", "Choose the project the loan is for.")
    if not outcome.eligible:
        _required_text(problems, values, "policy_explanation", translate(
            "Records", "Record the policy explanation given to the household (it is not eligible)."))
        _required_text(problems, values, "explained_to", translate("Records", "To whom was it explained?"))
    return problems


def maturity_window_problem(assessed_on: dt.date, matures_on: dt.date, window_days: int) -> str | None:
    days = (matures_on - assessed_on).days
    if days < 0:
        return translate("Records", "The loan matured on {date}; the assessment is made before maturity.",
                         date=matures_on.isoformat())
    if days > window_days:
        return translate("Records", "The assessment is made at most {n} days before maturity; this loan matures "
                                    "on {date}, {days} days later.", n=window_days, date=matures_on.isoformat(),
                         days=days)
    return None


def validate_maturity_assessment(values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems = _common_rules(RecordKind.MATURITY_ASSESSMENT, values, ctx)
    _date_rules(problems, values, "assessed_on", ctx)
    assessed_on = values.get("assessed_on")
    if ctx.loan is not None and isinstance(assessed_on, dt.date) and "assessed_on" not in problems:
        window = maturity_window_problem(assessed_on, ctx.loan.matures_on, ctx.maturity_days)
        if window:
            problems["assessed_on"] = window
    _required_text(problems, values, "assessors", translate("Records", "Who made the assessment?"))
    _enum_rule(problems, values, "ability", RepaymentAbility)
    _enum_rule(problems, values, "proposed_disposal", Disposal)
    if (values.get("ability") not in (None, RepaymentAbility.ABLE)
            or values.get("proposed_disposal") not in (None, Disposal.REPAY)):
        _required_text(problems, values, "reason", translate("Records", "Give the reason."))
    if values.get("ability") == RepaymentAbility.UNABLE and values.get("proposed_disposal") == Disposal.REPAY:
        problems["proposed_disposal"] = translate("Records", "The household cannot repay; propose a disposal.")
    for name in ("decided_on", "reported_to_finance_on"):
        _date_rules(problems, values, name, ctx, required=False,
                    not_before=assessed_on if isinstance(assessed_on, dt.date) else None,
                    not_before_text=translate("Records", "This comes after the assessment."))
    if str(values.get("decision") or "").strip() and not str(values.get("decided_by") or "").strip():
        problems["decided_by"] = translate("Records", "Who decided?")
    if values.get("decided_on") and not str(values.get("decision") or "").strip():
        problems["decision"] = translate("Records", "Write down the decision.")
    return problems


VALIDATORS: dict[RecordKind, Callable[[Mapping[str, Any], RecordContext], Problems]] = {
    RecordKind.VISIT: validate_visit,
    RecordKind.USE_CHECK: validate_use_check,
    RecordKind.ANOMALY: validate_anomaly,
    RecordKind.PRELOAN_REVIEW: validate_preloan_review,
    RecordKind.MATURITY_ASSESSMENT: validate_maturity_assessment,
}


def validate(kind: RecordKind, values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    return VALIDATORS[RecordKind(kind)](values, ctx)


def raise_problems(problems: Problems) -> None:
    if problems:
        lines = [f"{field_label(name)}：{text}" for name, text in problems.items()]
        raise ValidationError("\n".join(lines))


#: field labels shown in forms, ledgers and error summaries ("Records" context)
FIELD_LABELS: dict[str, str] = {
    "household_id": QT_TRANSLATE_NOOP("Records", "Household"),
    "loan_id": QT_TRANSLATE_NOOP("Records", "Loan"),
    "visited_on": QT_TRANSLATE_NOOP("Records", "Visited on"),
    "visit_type": QT_TRANSLATE_NOOP("Records", "Visit type"),
    "visitors": QT_TRANSLATE_NOOP("Records", "Visitors"),
    "people_met": QT_TRANSLATE_NOOP("Records", "People met"),
    "business_status": QT_TRANSLATE_NOOP("Records", "Business status"),
    "business_seen": QT_TRANSLATE_NOOP("Records", "What was seen"),
    "family_changes": QT_TRANSLATE_NOOP("Records", "Family changes"),
    "income_estimate_fen": QT_TRANSLATE_NOOP("Records", "Income estimate (yuan/year)"),
    "willingness": QT_TRANSLATE_NOOP("Records", "Willingness to repay"),
    "ability": QT_TRANSLATE_NOOP("Records", "Ability to repay"),
    "used_as_declared": QT_TRANSLATE_NOOP("Records", "Loan used as declared"),
    "findings": QT_TRANSLATE_NOOP("Records", "Findings"),
    "follow_up": QT_TRANSLATE_NOOP("Records", "Follow-up actions"),
    "next_visit_on": QT_TRANSLATE_NOOP("Records", "Next visit by"),
    "household_confirmed": QT_TRANSLATE_NOOP("Records", "Household confirmed"),
    "checked_on": QT_TRANSLATE_NOOP("Records", "Checked on"),
    "checked_by": QT_TRANSLATE_NOOP("Records", "Checked by"),
    "declared_purpose": QT_TRANSLATE_NOOP("Records", "Declared purpose"),
    "observed_use": QT_TRANSLATE_NOOP("Records", "Observed use"),
    "prohibited_use": QT_TRANSLATE_NOOP("Records", "Prohibited use found"),
    "amount_misused_fen": QT_TRANSLATE_NOOP("Records", "Amount misused (yuan)"),
    "conclusion": QT_TRANSLATE_NOOP("Records", "Conclusion"),
    "note": QT_TRANSLATE_NOOP("Records", "Note"),
    "found_on": QT_TRANSLATE_NOOP("Records", "Found on"),
    "kind": QT_TRANSLATE_NOOP("Records", "Kind"),
    "severity": QT_TRANSLATE_NOOP("Records", "Severity"),
    "description": QT_TRANSLATE_NOOP("Records", "Description"),
    "measures": QT_TRANSLATE_NOOP("Records", "Measures"),
    "assigned_to": QT_TRANSLATE_NOOP("Records", "Assigned to"),
    "reviewed_on": QT_TRANSLATE_NOOP("Records", "Reviewed on"),
    "reviewers": QT_TRANSLATE_NOOP("Records", "Reviewers"),
    "applicant_id": QT_TRANSLATE_NOOP("Records", "Applicant"),
    "applicant_name": QT_TRANSLATE_NOOP("Records", "Applicant"),
    "home_verified": QT_TRANSLATE_NOOP("Records", "Home verified"),
    "verification_note": QT_TRANSLATE_NOOP("Records", "Home verification findings"),
    "registered_poor": QT_TRANSLATE_NOOP("Records", "Registered poor household"),
    "credit_good": QT_TRANSLATE_NOOP("Records", "Credit good"),
    "willing": QT_TRANSLATE_NOOP("Records", "Willing to borrow"),
    "has_skills": QT_TRANSLATE_NOOP("Records", "Has skills for the project"),
    "can_repay": QT_TRANSLATE_NOOP("Records", "Able to repay"),
    "gambling_or_drugs": QT_TRANSLATE_NOOP("Records", "Gambling or drugs"),
    "debt_ratio_pct": QT_TRANSLATE_NOOP("Records", "Debt ratio (%)"),
    "unsettled_poverty_loan": QT_TRANSLATE_NOOP("Records", "Unsettled poverty loan"),
    "household_size": QT_TRANSLATE_NOOP("Records", "Household size"),
    "labour_force": QT_TRANSLATE_NOOP("Records", "Labour force"),
    "total_assets_score": QT_TRANSLATE_NOOP("Records", "Total assets (0–13)"),
    "net_assets_score": QT_TRANSLATE_NOOP("Records", "Net assets (0–13)"),
    "share_capital_score": QT_TRANSLATE_NOOP("Records", "Share capital (0–4)"),
    "net_income_score": QT_TRANSLATE_NOOP("Records", "Net income (0–14)"),
    "overall": QT_TRANSLATE_NOOP("Records", "Overall assessment"),
    "repayment_record_score": QT_TRANSLATE_NOOP("Records", "Repayment record (0–10)"),
    "purpose_category": QT_TRANSLATE_NOOP("Records", "Project"),
    "purpose_text": QT_TRANSLATE_NOOP("Records", "Project description"),
    "requested_fen": QT_TRANSLATE_NOOP("Records", "Amount requested (yuan)"),
    "proposed_line_fen": QT_TRANSLATE_NOOP("Records", "Proposed credit line (yuan)"),
    "policy_explanation": QT_TRANSLATE_NOOP("Records", "Policy explanation"),
    "explained_to": QT_TRANSLATE_NOOP("Records", "Explained to"),
    "assessed_on": QT_TRANSLATE_NOOP("Records", "Assessed on"),
    "assessors": QT_TRANSLATE_NOOP("Records", "Assessors"),
    "reason": QT_TRANSLATE_NOOP("Records", "Reason"),
    "proposed_disposal": QT_TRANSLATE_NOOP("Records", "Proposed disposal"),
    "decision": QT_TRANSLATE_NOOP("Records", "Decision"),
    "decided_by": QT_TRANSLATE_NOOP("Records", "Decided by"),
    "decided_on": QT_TRANSLATE_NOOP("Records", "Decided on"),
    "reported_to_finance_on": QT_TRANSLATE_NOOP("Records", "Reported to the finance office on"),
    "amendment_reason": QT_TRANSLATE_NOOP("Records", "Reason for the amendment"),
}


def field_label(name: str) -> str:
    return translate("Records", FIELD_LABELS.get(name, name))


# -- defaults: a form starts with everything already known ------------------------------------------------
def defaults(kind: RecordKind, ctx: RecordContext, author: str) -> Values:
    """Initial values for a new record of ``kind`` from what the household and loan already say."""
    household, loan = ctx.household, ctx.loan
    head = household.head
    if kind is RecordKind.VISIT:
        return {"visited_on": ctx.today, "visit_type": VisitType.ROUTINE, "visitors": author,
                "people_met": head.name if head else household.head_name, "business_status": BusinessStatus.NORMAL,
                "willingness": Willingness.WILLING, "ability": RepaymentAbility.ABLE, "used_as_declared": None,
                "household_confirmed": False}
    if kind is RecordKind.USE_CHECK:
        return {"checked_on": ctx.today, "checked_by": author,
                "declared_purpose": loan.declared_purpose if loan else "",
                "prohibited_use": ProhibitedUse.NONE, "amount_misused_fen": 0,
                "conclusion": UseConclusion.COMPLIANT}
    if kind is RecordKind.ANOMALY:
        return {"found_on": ctx.today, "severity": Severity.MEDIUM, "assigned_to": author}
    if kind is RecordKind.PRELOAN_REVIEW:
        applicant = head
        return {"reviewed_on": ctx.today, "reviewers": author,
                "applicant_id": applicant.id if applicant else None,
                "registered_poor": household.poverty_status in (PovertyStatus.REGISTERED, PovertyStatus.RETURNED,
                                                                PovertyStatus.MONITORED),
                "household_size": max(1, len(household.members)), "labour_force": household.workers,
                "overall": OverallAssessment.GOOD, "debt_ratio_pct": 0, "requested_fen": 0,
                "proposed_line_fen": 0}
    if kind is RecordKind.MATURITY_ASSESSMENT:
        return {"assessed_on": ctx.today, "assessors": author, "ability": RepaymentAbility.ABLE,
                "proposed_disposal": Disposal.REPAY}
    raise ValueError(kind)


# -- reading records ------------------------------------------------------------------------------------------
def model_for(kind: RecordKind | str) -> type[FieldRecord]:
    return RECORD_MODELS[RecordKind(kind)]


def record_values(record: FieldRecord) -> Values:
    kind = type(record).KIND
    return {name: getattr(record, name) for name in FIELDS[kind]}


def latest_version(session: Session, model: type[R], root_id: uuid.UUID) -> R:
    row = session.execute(sa.select(model).where(sa.or_(model.id == root_id, model.original_id == root_id))
                          .order_by(model.version.desc()).limit(1)).scalar_one_or_none()
    if row is None:
        raise ValidationError(translate("Records", "The record was not found."))
    return row


def get_record(store: Store, kind: RecordKind, record_id: uuid.UUID) -> FieldRecord:
    with store.read() as session:
        record = session.get(model_for(kind), record_id)
        if record is None:
            raise ValidationError(translate("Records", "The record was not found."))
        return record


def history(store: Store, kind: RecordKind, record_id: uuid.UUID) -> list[FieldRecord]:
    """Every version of the record ``record_id`` belongs to, oldest first."""
    model = model_for(kind)
    with store.read() as session:
        record = session.get(model, record_id)
        if record is None:
            raise ValidationError(translate("Records", "The record was not found."))
        root = record.root_id
        return list(session.execute(sa.select(model).where(sa.or_(model.id == root, model.original_id == root))
                                    .order_by(model.version)).scalars())


def is_latest_version(model: type[FieldRecord]) -> Any:
    """SQL condition: the row is the newest version of its chain."""
    newer = aliased(model)
    return ~sa.exists().where(sa.func.coalesce(newer.original_id, newer.id)
                              == sa.func.coalesce(model.original_id, model.id),
                              newer.version > model.version)


@dataclass(frozen=True)
class AttachmentInfo:
    id: uuid.UUID
    sha256: str
    mime: str
    size: int
    width: int
    height: int
    original_name: str
    thumbnail: bytes


def record_attachments(store: Store, kind: RecordKind, record_id: uuid.UUID) -> list[AttachmentInfo]:
    with store.read() as session:
        rows = session.execute(
            sa.select(Attachment.id, Attachment.sha256, Attachment.mime, Attachment.size, Attachment.width,
                      Attachment.height, Attachment.original_name, Attachment.thumbnail)
            .join(RecordAttachment, RecordAttachment.attachment_id == Attachment.id)
            .where(RecordAttachment.record_kind == RecordKind(kind), RecordAttachment.record_id == record_id,
                   RecordAttachment.deleted.is_(False))
            .order_by(RecordAttachment.position)).all()
    return [AttachmentInfo(*row) for row in rows]


# -- submitting and amending ----------------------------------------------------------------------------------
@dataclass
class Submitted:
    kind: RecordKind
    record_id: uuid.UUID
    root_id: uuid.UUID
    version: int
    #: the anomaly report a misuse finding opened, if any
    anomaly_id: uuid.UUID | None = None


def _clean(kind: RecordKind, values: Mapping[str, Any]) -> Values:
    unknown = set(values) - set(FIELDS[kind])
    if unknown:
        raise ValueError(f"unknown fields for {kind}: {sorted(unknown)}")
    out: Values = dict(values)
    for name, value in out.items():
        if isinstance(value, str):
            out[name] = value.strip()
        elif value is None and name in _ZERO_WHEN_EMPTY:
            out[name] = 0
    return out


#: amounts and counts a form may leave empty, stored as 0
_ZERO_WHEN_EMPTY = frozenset({"amount_misused_fen", "requested_fen", "proposed_line_fen", "debt_ratio_pct"})


def _derived(kind: RecordKind, values: Values, ctx: RecordContext) -> Values:
    """Columns the record stores but the cadre does not type."""
    if kind is RecordKind.PRELOAN_REVIEW:
        outcome = preloan_outcome(values, ctx)
        applicant = next((m for m in ctx.household.members if m.id == values.get("applicant_id")), None)
        return {"applicant_name": applicant.name if applicant else "",
                "applicant_age": outcome.age, "score": outcome.score, "grade": outcome.grade,
                "eligible": outcome.eligible, "ineligible_reasons": ",".join(outcome.reasons)}
    if kind is RecordKind.MATURITY_ASSESSMENT and ctx.loan is not None:
        return {"matures_on": ctx.loan.matures_on, "balance_fen": ctx.loan.balance_fen,
                "days_to_maturity": (ctx.loan.matures_on - values["assessed_on"]).days}
    return {}


def _link_photos(session: Session, kind: RecordKind, record_id: uuid.UUID, attachment_ids: Sequence[uuid.UUID]
                 ) -> None:
    seen: set[uuid.UUID] = set()
    for position, attachment_id in enumerate(attachment_ids):
        if attachment_id in seen:
            continue
        seen.add(attachment_id)
        session.add(RecordAttachment(record_kind=kind, record_id=record_id, attachment_id=attachment_id,
                                     position=position))


def _draft_images(session: Session, draft_id: uuid.UUID | None) -> list[PreparedImage]:
    if draft_id is None:
        return []
    photos = session.execute(sa.select(DraftPhoto).where(DraftPhoto.draft_id == draft_id)
                             .order_by(DraftPhoto.position)).scalars()
    return [PreparedImage(sha256=p.sha256, mime=p.mime, data=p.data, thumbnail=p.thumbnail, width=p.width,
                          height=p.height, original_name=p.original_name) for p in photos]


def _drop_draft(session: Session, draft_id: uuid.UUID | None) -> None:
    if draft_id is not None:
        session.execute(sa.delete(DraftPhoto).where(DraftPhoto.draft_id == draft_id))
        session.execute(sa.delete(Draft).where(Draft.id == draft_id))


def _open_anomaly_for_misuse(session: Session, check: UseCheck, ctx: RecordContext, actor: str) -> Anomaly:
    use = ProhibitedUse(check.prohibited_use).label
    description = translate("Records", "Opened by the loan-use check of {date}: {use}, {amount} yuan misused. "
                                       "Observed: {observed}", date=check.checked_on.isoformat(), use=use,
                            amount=yuan_text(check.amount_misused_fen), observed=check.observed_use)
    anomaly = Anomaly(household_id=check.household_id, loan_id=check.loan_id, found_on=check.checked_on,
                      kind=AnomalyKind.CHANGED_USE,
                      severity=Severity.HIGH if check.conclusion == UseConclusion.MISUSED else Severity.MEDIUM,
                      description=description, assigned_to=actor, status=AnomalyStatus.REPORTED,
                      use_check_id=check.root_id)
    session.add(anomaly)
    session.flush()
    session.add(AnomalyStep(anomaly_id=anomaly.id, from_status=None, to_status=AnomalyStatus.REPORTED, actor=actor,
                            at=utcnow(), note=translate("Records", "Opened automatically by a misuse finding.")))
    return anomaly


def _construct(model: type[FieldRecord], **columns: Any) -> FieldRecord:
    """``model(**columns)``: the mapped subclasses take keyword columns; the mixin's type does not say so."""
    constructor: Any = model
    record: FieldRecord = constructor(**columns)
    return record


def submit(store: Store, kind: RecordKind, values: Mapping[str, Any], *, household_id: uuid.UUID | None = None,
           loan_id: uuid.UUID | None = None, photos: Sequence[PreparedImage] = (), draft_id: uuid.UUID | None = None,
           today: dt.date | None = None) -> Submitted:
    """Validate and store a new record (locked from now on); its draft is removed in the same transaction.

    A use check concluding partial or full misuse opens an anomaly report in the same transaction.
    """
    store.require(Permission.RECORD_FIELD_WORK)
    kind = RecordKind(kind)
    values = _clean(kind, values)
    ctx = load_context(store, household_id, loan_id, today)
    raise_problems(validate(kind, values, ctx))
    actor = store.user.username
    model = model_for(kind)
    with store.write() as session:
        record: FieldRecord = _construct(model, household_id=ctx.household.id,
                                         loan_id=ctx.loan.loan_id if ctx.loan else None, version=1, **values,
                                         **_derived(kind, values, ctx))
        if isinstance(record, Anomaly):
            record.status = AnomalyStatus.REPORTED
        session.add(record)
        session.flush()
        images = list(photos) + _draft_images(session, draft_id)
        _link_photos(session, kind, record.id, [a.id for a in store_attachments(session, images)])
        result = Submitted(kind, record.id, record.id, 1)
        if isinstance(record, Anomaly):
            session.add(AnomalyStep(anomaly_id=record.id, to_status=AnomalyStatus.REPORTED, actor=actor,
                                    at=utcnow(), note=""))
        if isinstance(record, UseCheck) and record.conclusion != UseConclusion.COMPLIANT:
            result.anomaly_id = _open_anomaly_for_misuse(session, record, ctx, actor).id
        _drop_draft(session, draft_id)
    return result


def amend(store: Store, kind: RecordKind, record_id: uuid.UUID, values: Mapping[str, Any], reason: str, *,
          photos: Sequence[PreparedImage] = (), keep_attachments: Sequence[uuid.UUID] | None = None,
          draft_id: uuid.UUID | None = None, today: dt.date | None = None) -> Submitted:
    """Write a new version of a submitted record; every earlier version stays as it was.

    ``record_id`` must be the latest version (an amendment of an older one would fork the history).
    ``keep_attachments`` are the photos of the latest version to carry over (all of them by default).
    """
    store.require(Permission.RECORD_FIELD_WORK)
    kind = RecordKind(kind)
    model = model_for(kind)
    values = _clean(kind, values)
    if not reason.strip():
        raise ValidationError(translate("Records", "Give the reason for the amendment."))
    with store.read() as session:
        current = session.get(model, record_id)
        if current is None:
            raise ValidationError(translate("Records", "The record was not found."))
        latest = latest_version(session, model, current.root_id)
    if latest.id != current.id:
        raise ValidationError(translate("Records", "This record was amended since (version {version}); amend the "
                                                   "latest version.", version=latest.version))
    ctx = load_context(store, latest.household_id, latest.loan_id, today)
    raise_problems(validate(kind, values, ctx))
    actor = store.user.username
    old_links = [a.id for a in record_attachments(store, kind, latest.id)]
    kept = old_links if keep_attachments is None else [a for a in old_links if a in set(keep_attachments)]
    with store.write() as session:
        record = _construct(model, household_id=latest.household_id, loan_id=latest.loan_id,
                            original_id=latest.root_id, version=latest.version + 1,
                            amendment_reason=reason.strip(), **values, **_derived(kind, values, ctx))
        if isinstance(record, Anomaly) and isinstance(latest, Anomaly):
            record.status, record.use_check_id = latest.status, latest.use_check_id
        session.add(record)
        session.flush()
        images = list(photos) + _draft_images(session, draft_id)
        _link_photos(session, kind, record.id, kept + [a.id for a in store_attachments(session, images)])
        result = Submitted(kind, record.id, latest.root_id, record.version)
        if isinstance(record, UseCheck) and record.conclusion != UseConclusion.COMPLIANT:
            opened = session.execute(sa.select(Anomaly.id).where(Anomaly.use_check_id == latest.root_id)
                                     .limit(1)).scalar()
            if opened is None:
                result.anomaly_id = _open_anomaly_for_misuse(session, record, ctx, actor).id
        _drop_draft(session, draft_id)
    return result


def sign_off(store: Store, kind: RecordKind, record_id: uuid.UUID, note: str = "") -> None:
    """A supervisor's sign-off of the latest version of a record."""
    store.require(Permission.SIGN_OFF)
    model = model_for(kind)
    with store.write() as session:
        record = session.get(model, record_id)
        if record is None:
            raise ValidationError(translate("Records", "The record was not found."))
        if latest_version(session, model, record.root_id).id != record.id:
            raise ValidationError(translate("Records", "Sign off the latest version of the record."))
        if record.signed_off_by:
            raise ValidationError(translate("Records", "{user} signed this record off already.",
                                            user=record.signed_off_by))
        record.signed_off_by, record.signed_off_at = store.user.username, utcnow()
        record.sign_off_note = note.strip()


# -- the anomaly workflow -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StepRow:
    from_status: AnomalyStatus | None
    to_status: AnomalyStatus
    actor: str
    at: dt.datetime
    note: str


def next_status(status: AnomalyStatus) -> AnomalyStatus | None:
    index = ANOMALY_ORDER.index(AnomalyStatus(status))
    return ANOMALY_ORDER[index + 1] if index + 1 < len(ANOMALY_ORDER) else None


def may_advance(role: str, to_status: AnomalyStatus) -> bool:
    if to_status is AnomalyStatus.CLOSED:
        return has_permission(role, Permission.CLOSE_ANOMALIES)
    return has_permission(role, Permission.RECORD_FIELD_WORK) or has_permission(role, Permission.SIGN_OFF)


def advance_anomaly(store: Store, anomaly_id: uuid.UUID, to_status: AnomalyStatus | str, note: str = "") -> None:
    """Move an anomaly one step on (reported → acknowledged → measures taken → resolved → closed).

    Every step records who, when and a note; taking measures and closing need the note, and closing needs the
    supervisor's permission.
    """
    to_status = AnomalyStatus(to_status)
    if not may_advance(store.user.role, to_status):
        store.require(Permission.CLOSE_ANOMALIES if to_status is AnomalyStatus.CLOSED else Permission.SIGN_OFF)
    note = note.strip()
    if to_status is AnomalyStatus.CLOSED and not note:
        raise ValidationError(translate("Records", "Closing an anomaly needs a note: how was it settled?"))
    if to_status is AnomalyStatus.MEASURES_TAKEN and not note:
        raise ValidationError(translate("Records", "Describe the measures taken."))
    with store.write() as session:
        anomaly = session.get(Anomaly, anomaly_id)
        if anomaly is None:
            raise ValidationError(translate("Records", "The record was not found."))
        latest = latest_version(session, Anomaly, anomaly.root_id)
        expected = next_status(latest.status)
        if expected is None:
            raise ValidationError(translate("Records", "This anomaly is closed already."))
        if to_status is not expected:
            raise ValidationError(translate("Records", "The anomaly is \"{current}\"; its next step is \"{next}\".",
                                            current=latest.status.label, next=expected.label))
        session.add(AnomalyStep(anomaly_id=latest.root_id, from_status=latest.status, to_status=to_status,
                                actor=store.user.username, at=utcnow(), note=note))
        latest.status = to_status


def anomaly_steps(store: Store, anomaly_id: uuid.UUID) -> list[StepRow]:
    with store.read() as session:
        anomaly = session.get(Anomaly, anomaly_id)
        if anomaly is None:
            raise ValidationError(translate("Records", "The record was not found."))
        rows = session.execute(sa.select(AnomalyStep).where(AnomalyStep.anomaly_id == anomaly.root_id)
                               .order_by(AnomalyStep.at, AnomalyStep.created_at)).scalars()
        return [StepRow(r.from_status, r.to_status, r.actor, r.at, r.note) for r in rows]


# -- drafts ---------------------------------------------------------------------------------------------------------
def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, uuid.UUID):
        return {"$uuid": str(value)}
    raise TypeError(type(value))


def _json_hook(obj: dict[str, Any]) -> Any:
    if set(obj) == {"$date"}:
        return dt.date.fromisoformat(obj["$date"])
    if set(obj) == {"$uuid"}:
        return uuid.UUID(obj["$uuid"])
    return obj


def dump_draft(data: Mapping[str, Any]) -> str:
    return json.dumps(data, default=_json_default, ensure_ascii=False, sort_keys=True)


def load_draft_data(text: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(text, object_hook=_json_hook)
    return loaded


@dataclass(frozen=True)
class DraftInfo:
    id: uuid.UUID
    kind: RecordKind
    household_id: uuid.UUID | None
    loan_id: uuid.UUID | None
    amends_id: uuid.UUID | None
    updated_at: dt.datetime
    data: dict[str, Any] = field(default_factory=dict)
    head_name: str = ""


def save_draft(store: Store, kind: RecordKind, data: Mapping[str, Any], *, draft_id: uuid.UUID | None = None,
               household_id: uuid.UUID | None = None, loan_id: uuid.UUID | None = None,
               amends_id: uuid.UUID | None = None) -> uuid.UUID:
    """Create or overwrite the current user's draft; ``data`` is whatever the form needs to come back
    exactly as it was (raw text included), JSON with dates and UUIDs."""
    text = dump_draft(data)
    with store.write() as session:
        draft = session.get(Draft, draft_id) if draft_id else None
        if draft is None:
            draft = Draft(id=draft_id or uuid.uuid4(), kind=RecordKind(kind), owner=store.user.username,
                          household_id=household_id, loan_id=loan_id, amends_id=amends_id)
            session.add(draft)
        elif draft.owner != store.user.username:
            raise PermissionDenied(translate("Records", "This draft belongs to another user."))
        draft.data, draft.updated_at = text, utcnow()
        return draft.id


def find_drafts(store: Store, kind: RecordKind | None = None, *, household_id: uuid.UUID | None = None,
                loan_id: uuid.UUID | None = None, amends_id: uuid.UUID | None = None,
                any_target: bool = True) -> list[DraftInfo]:
    """The current user's drafts, newest first; with ``any_target=False`` only those for exactly this
    household / loan / amended record."""
    query = (sa.select(Draft, Household.head_name).outerjoin(Household, Household.id == Draft.household_id)
             .where(Draft.owner == store.user.username).order_by(Draft.updated_at.desc()))
    if kind is not None:
        query = query.where(Draft.kind == RecordKind(kind))
    if not any_target:
        for column, value in ((Draft.household_id, household_id), (Draft.loan_id, loan_id),
                              (Draft.amends_id, amends_id)):
            query = query.where(column.is_(None) if value is None else column == value)
    with store.read() as session:
        return [DraftInfo(d.id, d.kind, d.household_id, d.loan_id, d.amends_id, d.updated_at,
                          load_draft_data(d.data), head or "") for d, head in session.execute(query)]


def load_draft(store: Store, draft_id: uuid.UUID) -> DraftInfo:
    with store.read() as session:
        draft = session.get(Draft, draft_id)
        if draft is None or draft.owner != store.user.username:
            raise ValidationError(translate("Records", "The draft was not found."))
        return DraftInfo(draft.id, draft.kind, draft.household_id, draft.loan_id, draft.amends_id,
                         draft.updated_at, load_draft_data(draft.data))


def discard_draft(store: Store, draft_id: uuid.UUID) -> None:
    with store.write() as session:
        _drop_draft(session, draft_id)


def add_draft_photo(store: Store, draft_id: uuid.UUID, image: PreparedImage) -> uuid.UUID:
    """Keep a photo with a draft (encrypted, in the database) until the record is submitted."""
    with store.write() as session:
        if session.get(Draft, draft_id) is None:
            raise ValidationError(translate("Records", "The draft was not found."))
        existing = session.execute(sa.select(DraftPhoto.id).where(DraftPhoto.draft_id == draft_id,
                                                                  DraftPhoto.sha256 == image.sha256)).scalar()
        if existing is not None:
            return uuid.UUID(str(existing))
        position = session.execute(sa.select(sa.func.count()).select_from(DraftPhoto)
                                   .where(DraftPhoto.draft_id == draft_id)).scalar() or 0
        photo = DraftPhoto(draft_id=draft_id, position=position, sha256=image.sha256, mime=image.mime,
                           width=image.width, height=image.height, original_name=image.original_name,
                           data=image.data, thumbnail=image.thumbnail)
        session.add(photo)
        session.flush()
        return photo.id


def remove_draft_photo(store: Store, photo_id: uuid.UUID) -> None:
    with store.write() as session:
        session.execute(sa.delete(DraftPhoto).where(DraftPhoto.id == photo_id))


def draft_photo_bytes(session: Session, photo_id: uuid.UUID) -> bytes:
    """The stored image of a photo kept with a draft."""
    return bytes(session.execute(sa.select(DraftPhoto.data).where(DraftPhoto.id == photo_id)).scalar_one())


def draft_photos(store: Store, draft_id: uuid.UUID) -> list[AttachmentInfo]:
    with store.read() as session:
        rows = session.execute(
            sa.select(DraftPhoto.id, DraftPhoto.sha256, DraftPhoto.mime, sa.func.length(DraftPhoto.data),
                      DraftPhoto.width, DraftPhoto.height, DraftPhoto.original_name, DraftPhoto.thumbnail)
            .where(DraftPhoto.draft_id == draft_id).order_by(DraftPhoto.position)).all()
    return [AttachmentInfo(*row) for row in rows]


# -- lists and the household timeline ------------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineRow:
    """One line of a household's history: a field record (latest version) or a loan event."""

    on: dt.date
    kind: str  # a RecordKind value, or "loan_disbursed" / "repayment" / "loan_matures"
    title: str
    summary: str
    record_id: uuid.UUID | None = None
    root_id: uuid.UUID | None = None
    version: int = 1
    loan_id: uuid.UUID | None = None
    contract_no: str = ""
    author: str = ""
    status: str = ""
    signed_off_by: str = ""
    household_id: uuid.UUID | None = None
    head_name: str = ""
    created_at: dt.datetime | None = None

    @property
    def amended(self) -> bool:
        return self.version > 1


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def summarize(record: FieldRecord) -> tuple[str, str]:
    """(summary, status) of a record for lists, timelines and ledgers."""
    if isinstance(record, Visit):
        return (translate("Records", "{type}; business {business}. {findings}", type=record.visit_type.label,
                          business=record.business_status.label, findings=_short(record.findings)), "")
    if isinstance(record, UseCheck):
        text = record.conclusion.label
        if record.conclusion != UseConclusion.COMPLIANT:
            text = translate("Records", "{conclusion}: {use}, {amount} yuan", conclusion=text,
                             use=record.prohibited_use.label, amount=yuan_text(record.amount_misused_fen))
        return text, ""
    if isinstance(record, Anomaly):
        return (translate("Records", "{kind} ({severity}): {description}", kind=record.kind.label,
                          severity=record.severity.label, description=_short(record.description)),
                record.status.label)
    if isinstance(record, PreloanReview):
        verdict = (translate("Records", "eligible, line {line} yuan", line=yuan_text(record.proposed_line_fen))
                   if record.eligible else
                   translate("Records", "not eligible: {reasons}",
                             reasons="、".join(reason_labels(record.ineligible_reasons))))
        return (translate("Records", "Score {score}, grade {grade}; {verdict}", score=record.score,
                          grade=record.grade.label, verdict=verdict), "")
    if isinstance(record, MaturityAssessment):
        return (translate("Records", "{days} days before maturity: {ability}; proposed: {disposal}",
                          days=record.days_to_maturity, ability=record.ability.label,
                          disposal=record.proposed_disposal.label), "")
    return "", ""


def _record_row(record: FieldRecord, contract_no: str, head_name: str) -> TimelineRow:
    summary, status = summarize(record)
    return TimelineRow(on=record.record_date, kind=type(record).KIND.value, title=type(record).KIND.label,
                       summary=summary, record_id=record.id, root_id=record.root_id, version=record.version,
                       loan_id=record.loan_id, contract_no=contract_no, author=record.created_by, status=status,
                       signed_off_by=record.signed_off_by, household_id=record.household_id, head_name=head_name,
                       created_at=record.created_at)


def list_records(store: Store, kinds: Iterable[RecordKind] | None = None, *,
                 household_id: uuid.UUID | None = None, open_anomalies_only: bool = False,
                 date_from: dt.date | None = None, date_to: dt.date | None = None,
                 limit: int = 2000) -> list[TimelineRow]:
    """Latest versions of field records, newest first (the field-records page, ledgers, the workbench)."""
    rows: list[TimelineRow] = []
    for kind in kinds or list(RecordKind):
        model = model_for(kind)
        date_col = getattr(model, model.DATE_FIELD)
        query = (sa.select(model, Loan.contract_no, Household.head_name)
                 .join(Household, Household.id == model.household_id)
                 .outerjoin(Loan, Loan.id == model.loan_id)
                 .where(is_latest_version(model), model.deleted.is_(False)).order_by(date_col.desc()).limit(limit))
        if household_id is not None:
            query = query.where(model.household_id == household_id)
        if date_from is not None:
            query = query.where(date_col >= date_from)
        if date_to is not None:
            query = query.where(date_col <= date_to)
        if open_anomalies_only and model is Anomaly:
            query = query.where(Anomaly.status != AnomalyStatus.CLOSED)
        with store.read() as session:
            rows += [_record_row(rec, contract or "", head) for rec, contract, head in session.execute(query)]
    rows.sort(key=lambda r: (r.on, r.created_at or dt.datetime.min), reverse=True)
    return rows[:limit]


def household_timeline(store: Store, household_id: uuid.UUID) -> list[TimelineRow]:
    """Every record of a household and its loans, oldest first: field records (latest versions), loans
    disbursed and maturing, repayments."""
    rows = list_records(store, household_id=household_id)
    with store.read() as session:
        household = session.get(Household, household_id)
        head = household.head_name if household else ""
        for loan in session.execute(sa.select(Loan).where(Loan.household_id == household_id,
                                                          Loan.deleted.is_(False))).scalars():
            rows.append(TimelineRow(
                on=loan.disbursed_on, kind="loan_disbursed", title=translate("Records", "Loan disbursed"),
                summary=translate("Records", "{amount} yuan for {months} months, {purpose}",
                                  amount=yuan_text(loan.amount_fen), months=loan.term_months,
                                  purpose=loan.purpose_category.label),
                loan_id=loan.id, contract_no=loan.contract_no, household_id=household_id, head_name=head))
            rows.append(TimelineRow(
                on=loan.matures_on, kind="loan_matures", title=translate("Records", "Loan matures"),
                summary=translate("Records", "balance {balance} yuan", balance=yuan_text(loan.balance_fen)),
                loan_id=loan.id, contract_no=loan.contract_no, household_id=household_id, head_name=head,
                status=loan.status.label))
            for repayment in session.execute(sa.select(Repayment).where(Repayment.loan_id == loan.id,
                                                                        Repayment.deleted.is_(False))).scalars():
                rows.append(TimelineRow(
                    on=repayment.paid_on, kind="repayment", title=translate("Records", "Repayment"),
                    summary=translate("Records", "principal {principal} yuan, interest {interest} yuan",
                                      principal=yuan_text(repayment.principal_fen),
                                      interest=yuan_text(repayment.interest_fen)),
                    loan_id=loan.id, contract_no=loan.contract_no, household_id=household_id, head_name=head))
    order = {"loan_disbursed": 0, "repayment": 1}
    rows.sort(key=lambda r: (r.on, order.get(r.kind, 2), r.created_at or dt.datetime.min))
    return rows


def open_anomaly_count(store: Store) -> int:
    with store.read() as session:
        return int(session.execute(sa.select(sa.func.count()).select_from(Anomaly)
                                   .where(is_latest_version(Anomaly), Anomaly.status != AnomalyStatus.CLOSED,
                                          Anomaly.deleted.is_(False))).scalar() or 0)


def loans_due_for_assessment(store: Store, today: dt.date | None = None) -> list[LoanFacts]:
    """Active loans within the assessment window that have no assessment yet (the workbench's list)."""
    today = today or dt.date.today()
    window = store.setting(settings.MATURITY_ASSESSMENT_DAYS)
    with store.read() as session:
        assessed = sa.select(MaturityAssessment.loan_id).where(MaturityAssessment.loan_id == Loan.id)
        query = (sa.select(Loan, Bank.name).join(Bank, Bank.id == Loan.bank_id)
                 .where(Loan.matures_on >= today, Loan.matures_on <= today + dt.timedelta(days=window),
                        Loan.balance_fen > 0, Loan.deleted.is_(False), ~sa.exists(assessed))
                 .order_by(Loan.matures_on))
        return [facts_of(loan, bank) for loan, bank in session.execute(query)]
