"""Loans, repayments and what happened to a loan on which day. Amounts are integer fen (分) so sums are exact;
rates in basis points.

A loan row holds the loan as it stands after everything recorded so far; its history is its repayments and its
:class:`LoanEvent` rows, each saying which state fields changed from what to what on which day
(app/domain/loan_history.py writes and replays them). Any past day is the row with the later repayments added back
and the later events undone, so a disposal never erases overdue history.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import CODE, Base, Synced, enum_column
from app.models.enums import CreditGrade, LoanEventKind, LoanStatus, PurposeCategory, RiskClass, UseMode


class Loan(Synced, Base):
    __tablename__ = "loans"
    __table_args__ = (sa.UniqueConstraint("bank_id", "contract_no"),)

    bank_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("banks.id"), index=True)
    contract_no: Mapped[str] = mapped_column(sa.String(60))
    household_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("households.id"), index=True)
    borrower_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("members.id"), default=None)
    borrower_name: Mapped[str] = mapped_column(sa.String(50))
    borrower_citizen_id: Mapped[str] = mapped_column(sa.String(18), index=True, info=CODE)
    street_code: Mapped[str] = mapped_column(sa.String(9), sa.ForeignKey("streets.code"), index=True)
    amount_fen: Mapped[int]
    disbursed_on: Mapped[dt.date]
    term_months: Mapped[int]
    matures_on: Mapped[dt.date] = mapped_column(index=True)
    rate_bp: Mapped[int] = mapped_column(default=435)
    purpose_category: Mapped[PurposeCategory] = enum_column(PurposeCategory,
                                                            default=PurposeCategory.OTHER_PRODUCTION)
    purpose_text: Mapped[str] = mapped_column(sa.String(200), default="")
    use_mode: Mapped[UseMode] = enum_column(UseMode, default=UseMode.HOUSEHOLD)
    enterprise_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, default=None)
    credit_grade: Mapped[CreditGrade | None] = enum_column(CreditGrade, default=None)
    credit_line_fen: Mapped[int | None] = mapped_column(default=None)
    balance_fen: Mapped[int] = mapped_column(default=0)
    overdue_fen: Mapped[int] = mapped_column(default=0)
    overdue_since: Mapped[dt.date | None] = mapped_column(default=None, index=True)
    interest_arrears_fen: Mapped[int] = mapped_column(default=0)
    risk_class: Mapped[RiskClass] = enum_column(RiskClass, default=RiskClass.NORMAL)
    risk_class_on: Mapped[dt.date | None] = mapped_column(default=None)
    risk_class_reason: Mapped[str] = mapped_column(sa.String(200), default="")
    subsidy_claimed_fen: Mapped[int] = mapped_column(default=0)
    subsidy_paid_fen: Mapped[int] = mapped_column(default=0)
    extended_months: Mapped[int] = mapped_column(default=0)
    status: Mapped[LoanStatus] = enum_column(LoanStatus, default=LoanStatus.ACTIVE, index=True)

    repayments: Mapped[list[Repayment]] = relationship(back_populates="loan", order_by="Repayment.paid_on")


class Repayment(Synced, Base):
    __tablename__ = "repayments"

    loan_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("loans.id"), index=True)
    paid_on: Mapped[dt.date]
    principal_fen: Mapped[int] = mapped_column(default=0)
    interest_fen: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    #: the interest arrears (欠息) the bank's statement gave after this payment, if it gave any
    interest_arrears_fen: Mapped[int | None] = mapped_column(default=None)

    loan: Mapped[Loan] = relationship(back_populates="repayments")


class LoanEvent(Synced, Base):
    """One change of a loan's state on a day: ``changes`` is JSON ``{field: [before, after]}`` of the fields of
    app/domain/loan_history.py ``STATE_FIELDS`` (dates ISO, enums by code). ``disposal_id`` names the disposal it
    carried out (a bare UUID like ``Loan.enterprise_id``: the event travels with its loan, scoped by ``loan_id``)."""

    __tablename__ = "loan_events"

    loan_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("loans.id"), index=True)
    happened_on: Mapped[dt.date] = mapped_column(index=True)
    kind: Mapped[LoanEventKind] = enum_column(LoanEventKind)
    changes: Mapped[str] = mapped_column(sa.Text, default="{}")
    disposal_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, default=None)
    #: where the change came from: import, statement, disposal, fund, demo, backfill, manual
    source: Mapped[str] = mapped_column(sa.String(20), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")
