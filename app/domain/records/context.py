"""What the rules of a form know besides the typed values: the household and its members, the loan, the node's
street and the settings; and the values a new record starts with.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import settings
from app.domain.codes import citizen_id_error, normalize_code
from app.domain.loan_facts import LoanFacts, facts_of
from app.domain.records.kinds import Values
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models import Bank, Household, Loan, Member
from app.models.enums import (
    BusinessStatus,
    Disposal,
    LabourCapacity,
    LoanStatus,
    OverallAssessment,
    PovertyStatus,
    ProhibitedUse,
    RecordKind,
    RepaymentAbility,
    RiskClass,
    Severity,
    UseConclusion,
    VisitType,
    Willingness,
)


# -- ages ---------------------------------------------------------------------------------------------------
def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birth_date_of(member: MemberFacts) -> dt.date | None:
    if member.birth_date is not None:
        return member.birth_date
    number = normalize_code(member.citizen_id)
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
    #: the node's credit rating sheet (app/domain/records/credit.py ``CreditSheet``; None: the defaults)
    credit_sheet: Any = None


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


def load_context(store: StoreLike, household_id: uuid.UUID | None = None, loan_id: uuid.UUID | None = None,
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
        loan_cap_fen=store.setting(settings.LOAN_CAP_YUAN) * 100, credit_sheet=_credit_sheet(store))


# -- defaults: a form starts with everything already known ------------------------------------------------
#: risk classes below "normal": the bank already worries about the loan
TROUBLED_CLASSES = frozenset({RiskClass.SPECIAL_MENTION, RiskClass.SUBSTANDARD, RiskClass.DOUBTFUL, RiskClass.LOSS})
TROUBLED_STATUSES = frozenset({LoanStatus.OVERDUE, LoanStatus.COMPENSATED, LoanStatus.WRITTEN_OFF})


def loan_in_trouble(loan: LoanFacts | None, today: dt.date) -> bool:
    """Overdue (an amount past due, or past maturity with a balance), flagged by its risk class or its state."""
    if loan is None:
        return False
    return bool(loan.overdue_fen > 0 or loan.overdue_since is not None or loan.status in TROUBLED_STATUSES
                or loan.risk_class in TROUBLED_CLASSES or (loan.balance_fen > 0 and loan.matures_on < today))
def defaults(kind: RecordKind, ctx: RecordContext, author: str) -> Values:
    """Initial values for a new record of ``kind`` from what the household and loan already say."""
    household, loan = ctx.household, ctx.loan
    head = household.head
    if kind is RecordKind.VISIT:
        # for a loan in trouble the cadre must judge willingness, ability and the business on the spot: no
        # reassuring answer is filled in for them
        trouble = loan_in_trouble(loan, ctx.today)
        return {"visited_on": ctx.today, "visit_type": VisitType.ROUTINE, "visitors": author,
                "people_met": head.name if head else household.head_name,
                "business_status": None if trouble else BusinessStatus.NORMAL,
                "willingness": None if trouble else Willingness.WILLING,
                "ability": None if trouble else RepaymentAbility.ABLE, "used_as_declared": None,
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
        trouble = loan_in_trouble(loan, ctx.today)
        return {"assessed_on": ctx.today, "assessors": author, "ability": None if trouble else RepaymentAbility.ABLE,
                "proposed_disposal": None if trouble else Disposal.REPAY}
    raise ValueError(kind)


def _credit_sheet(store: StoreLike) -> Any:
    from app.domain.records.credit import CreditSheet

    return CreditSheet.from_settings(store.setting)
