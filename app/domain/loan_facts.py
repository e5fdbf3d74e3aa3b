"""What the rules know about a loan: one frozen :class:`LoanFacts` for the risk rules, the forms and the workflows.

The risk rules (:mod:`app.domain.risk`) read it with the household's field facts attached (visits, maturity
assessments, anomaly reports with their steps, poverty-status changes), built in bulk by
:mod:`app.domain.risk_query` for a given day; a form's context (:mod:`app.domain.records`) and the disposal checks
(:mod:`app.domain.risk_disposal`) take one loan as it stands through :func:`facts_of`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from app.models import Loan
from app.models.enums import (
    AnomalyKind,
    AnomalyStatus,
    LoanStatus,
    PovertyStatus,
    PurposeCategory,
    RepaymentAbility,
    RiskClass,
    Severity,
    UseMode,
    Willingness,
)


@dataclass(frozen=True, slots=True)
class AssessmentFacts:
    """A maturity assessment (到期前评估) of a loan."""

    assessed_on: dt.date
    matures_on: dt.date
    ability: RepaymentAbility = RepaymentAbility.ABLE


@dataclass(frozen=True, slots=True)
class AnomalyFacts:
    """An anomaly report about a household (and perhaps one loan) with its status steps for replay."""

    anomaly_id: uuid.UUID
    kind: AnomalyKind
    severity: Severity
    found_on: dt.date
    status: AnomalyStatus
    loan_id: uuid.UUID | None = None
    #: (day, status reached) in any order; empty means "only the current status is known"
    steps: tuple[tuple[dt.date, AnomalyStatus], ...] = ()

    def status_on(self, day: dt.date) -> AnomalyStatus | None:
        """The status on ``day`` (None before it was found)."""
        if self.found_on > day:
            return None
        if not self.steps:
            return self.status
        reached = [(on, status) for on, status in self.steps if on <= day]
        return max(reached, key=lambda step: (step[0], _ANOMALY_ORDER[step[1]]))[1] if reached \
            else AnomalyStatus.REPORTED


_ANOMALY_ORDER = {status: rank for rank, status in enumerate(AnomalyStatus)}


@dataclass(frozen=True, slots=True)
class PovertyChange:
    effective_on: dt.date
    status: PovertyStatus


@dataclass(frozen=True, slots=True)
class LoanFacts:
    """What the rules know about one loan on the day the facts were built for.

    Every state field is as it was on that day (the builder rewinds the loan's later repayments and events,
    app/domain/loan_history.py); ``risk_class`` is the class the bank had recorded by then (the class the days past
    due suggest where the bank's class was recorded only later). The household's visits, anomalies and
    poverty-status changes are attached to each of its loans.
    """

    contract_no: str
    disbursed_on: dt.date
    matures_on: dt.date
    term_months: int
    amount_fen: int
    balance_fen: int
    loan_id: uuid.UUID = field(default_factory=uuid.uuid4)
    household_id: uuid.UUID = field(default_factory=uuid.uuid4)
    bank_id: uuid.UUID | None = None
    borrower_name: str = ""
    household_name: str = ""
    street_code: str = ""
    street_name: str = ""
    bank_name: str = ""
    overdue_fen: int = 0
    overdue_since: dt.date | None = None
    extended_months: int = 0
    status: LoanStatus = LoanStatus.ACTIVE
    risk_class: RiskClass = RiskClass.NORMAL
    use_mode: UseMode = UseMode.HOUSEHOLD
    subsidy_claimed_fen: int = 0
    subsidy_paid_fen: int = 0
    visits: tuple[dt.date, ...] = ()
    assessments: tuple[AssessmentFacts, ...] = ()
    anomalies: tuple[AnomalyFacts, ...] = ()
    poverty_changes: tuple[PovertyChange, ...] = ()
    borrower_id: uuid.UUID | None = None
    purpose_category: PurposeCategory = PurposeCategory.OTHER_PRODUCTION
    purpose_text: str = ""
    interest_arrears_fen: int = 0
    #: the repayment willingness and ability the household's latest visit (on or before the day) found
    willingness: Willingness | None = None
    visit_ability: RepaymentAbility | None = None
    rate_bp: int = 0

    @property
    def declared_purpose(self) -> str:
        """The purpose as the contract declares it ("养殖：养殖肉牛5头")."""
        label = self.purpose_category.label
        return f"{label}：{self.purpose_text}" if self.purpose_text else label


def facts_of(loan: Loan, bank_name: str = "") -> LoanFacts:
    """The facts of one stored loan as it stands (its current balance; no field records attached)."""
    return LoanFacts(loan.contract_no, loan.disbursed_on, loan.matures_on, loan.term_months, loan.amount_fen,
                     loan.balance_fen, loan.id, loan.household_id, loan.bank_id, loan.borrower_name,
                     street_code=loan.street_code, bank_name=bank_name, overdue_fen=loan.overdue_fen,
                     overdue_since=loan.overdue_since, extended_months=loan.extended_months, status=loan.status,
                     risk_class=loan.risk_class, use_mode=loan.use_mode,
                     subsidy_claimed_fen=loan.subsidy_claimed_fen, subsidy_paid_fen=loan.subsidy_paid_fen,
                     borrower_id=loan.borrower_id, purpose_category=loan.purpose_category,
                     purpose_text=loan.purpose_text, interest_arrears_fen=loan.interest_arrears_fen,
                     rate_bp=loan.rate_bp)
