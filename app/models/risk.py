"""Classified disposal (分类处置) and joint review meetings (会商研判), DOMAIN.md task 6.

A :class:`DisposalProposal` moves proposed → approved / rejected → executed; each step keeps who and when, and the
loan changes only when the bank executes it (app/domain/risk_disposal.py). A :class:`JointReview` is a meeting with
its participants and one :class:`JointReviewDecision` per loan it looked at. All are synced records.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.i18n import QT_TRANSLATE_NOOP
from app.models.base import Base, Synced, enum_column
from app.models.enums import Disposal, Labelled
from app.models.loans import Repayment


class DisposalStatus(Labelled):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXECUTED = "executed"
    WITHDRAWN = "withdrawn"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"proposed": QT_TRANSLATE_NOOP("Enums", "Proposed"),
                "approved": QT_TRANSLATE_NOOP("Enums", "Approved"),
                "rejected": QT_TRANSLATE_NOOP("Enums", "Rejected"),
                "executed": QT_TRANSLATE_NOOP("Enums", "Executed"),
                "withdrawn": QT_TRANSLATE_NOOP("Enums", "Withdrawn")}


class DisposalProposal(Synced, Base):
    """A proposed disposal of one loan, its maker-checker decision and its execution by the bank."""

    __tablename__ = "disposals"

    loan_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("loans.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("households.id"), index=True)
    kind: Mapped[Disposal] = enum_column(Disposal)
    status: Mapped[DisposalStatus] = enum_column(DisposalStatus, default=DisposalStatus.PROPOSED, index=True)
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    # proposed terms (those the kind needs; the others stay empty)
    new_matures_on: Mapped[dt.date | None] = mapped_column(default=None)
    extension_months: Mapped[int | None] = mapped_column(default=None)
    top_up_fen: Mapped[int | None] = mapped_column(default=None)
    claim_fen: Mapped[int | None] = mapped_column(default=None)
    terms_note: Mapped[str] = mapped_column(sa.Text, default="")
    #: the loan when proposed, so the ledger shows what the proposal was measured against
    matures_on_before: Mapped[dt.date | None] = mapped_column(default=None)
    balance_before_fen: Mapped[int] = mapped_column(default=0)
    # steps
    proposed_on: Mapped[dt.date]
    proposed_by: Mapped[str] = mapped_column(sa.String(64))
    decided_on: Mapped[dt.date | None] = mapped_column(default=None)
    decided_by: Mapped[str] = mapped_column(sa.String(64), default="")
    decision_note: Mapped[str] = mapped_column(sa.Text, default="")
    executed_on: Mapped[dt.date | None] = mapped_column(default=None)
    executed_by: Mapped[str] = mapped_column(sa.String(64), default="")
    execution_note: Mapped[str] = mapped_column(sa.Text, default="")
    #: the joint review whose decision led to this proposal, if any
    joint_review_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("joint_reviews.id"), default=None)
    reported_to_finance_on: Mapped[dt.date | None] = mapped_column(default=None)
    #: who reported it to 区财政局(金融办) and in which report (its title or document number)
    reported_to_finance_by: Mapped[str] = mapped_column(sa.String(64), default="")
    finance_report: Mapped[str] = mapped_column(sa.String(200), default="")
    #: the district's approval, needed above the threshold (setting disposal.district_approval_above_yuan) and for
    #: the extension of an overdue loan where the setting allows it
    district_approved_on: Mapped[dt.date | None] = mapped_column(default=None)
    district_approved_by: Mapped[str] = mapped_column(sa.String(64), default="")
    district_note: Mapped[str] = mapped_column(sa.Text, default="")
    #: a compensation claim: what the bank did to recover the loan, and when and how the loss was confirmed
    recovery_effort: Mapped[str] = mapped_column(sa.Text, default="")
    loss_confirmed_on: Mapped[dt.date | None] = mapped_column(default=None)
    loss_basis: Mapped[str] = mapped_column(sa.String(200), default="")


class JointReview(Synced, Base):
    """会商研判: a meeting that looked at loans at risk and decided what to do with each."""

    __tablename__ = "joint_reviews"

    held_on: Mapped[dt.date] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    chair: Mapped[str] = mapped_column(sa.String(100), default="")
    #: one participant per line: name and unit (区扶贫办 / 区财政局 / 经办银行 / 街道 ...)
    participants: Mapped[str] = mapped_column(sa.Text, default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by: Mapped[str] = mapped_column(sa.String(64), default="")

    decisions: Mapped[list[JointReviewDecision]] = relationship(back_populates="review",
                                                                order_by="JointReviewDecision.position")


class JointReviewDecision(Synced, Base):
    """The meeting's decision on one loan: a disposal kind (None = keep monitoring) and why."""

    __tablename__ = "joint_review_decisions"

    review_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("joint_reviews.id"), index=True)
    loan_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("loans.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    decision: Mapped[Disposal | None] = enum_column(Disposal, default=None)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    #: the proposal raised to carry the decision out, if any
    disposal_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("disposals.id"), default=None)

    review: Mapped[JointReview] = relationship(back_populates="decisions")


#: The risk queries replay a past day by adding back principal repaid after it (app/domain/risk_query.py); without
#: this index that is a scan of every repayment even for today, the most common day asked for.
REPAYMENTS_BY_DATE = sa.Index("ix_repayments_paid_on", Repayment.paid_on)
