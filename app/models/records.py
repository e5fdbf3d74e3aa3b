"""Field records (DOMAIN.md "Forms"): visits, loan-use checks, anomaly reports, pre-loan reviews and maturity
assessments; the anomaly workflow's steps; photos as evidence; and the drafts a form saves while it is typed.

A record row exists only once it is submitted, and is then locked: a later change is an *amendment*, a new row
whose ``original_id`` points at the first version and whose ``version`` counts up; the original is never
touched. Only the sign-off fields (and an anomaly's ``status``, which follows its step table) change in place.
Amounts are integer fen.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.models.base import Base, Synced, enum_column, utcnow
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
    Severity,
    UseConclusion,
    VisitType,
    Willingness,
)


class FieldRecord(Synced):
    """Columns every field record carries: whose it is, its version chain and the supervisor's sign-off."""

    #: the record kind, and the attribute holding the date the record is about (for timelines and ledgers)
    KIND: ClassVar[RecordKind]
    DATE_FIELD: ClassVar[str]
    if TYPE_CHECKING:
        __tablename__: str  # each record's own table (declared by the mapped subclasses; the mixin has none)

    household_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("households.id"), index=True)
    loan_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("loans.id"), index=True, default=None)
    version: Mapped[int] = mapped_column(default=1)
    amendment_reason: Mapped[str] = mapped_column(sa.Text, default="")
    signed_off_by: Mapped[str] = mapped_column(sa.String(64), default="")
    signed_off_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    sign_off_note: Mapped[str] = mapped_column(sa.Text, default="")

    @declared_attr
    def original_id(cls) -> Mapped[uuid.UUID | None]:
        """The first version of an amended record (None on the first version itself)."""
        return mapped_column(sa.ForeignKey(f"{cls.__tablename__}.id"), index=True, default=None)

    @property
    def root_id(self) -> uuid.UUID:
        return self.original_id or self.id

    @property
    def record_date(self) -> dt.date:
        value: dt.date = getattr(self, self.DATE_FIELD)
        return value


class Visit(FieldRecord, Base):
    """回访记录."""

    __tablename__ = "visits"
    KIND = RecordKind.VISIT
    DATE_FIELD = "visited_on"

    visited_on: Mapped[dt.date] = mapped_column(index=True)
    visit_type: Mapped[VisitType] = enum_column(VisitType, default=VisitType.ROUTINE)
    visitors: Mapped[str] = mapped_column(sa.String(200), default="")
    people_met: Mapped[str] = mapped_column(sa.String(200), default="")
    business_status: Mapped[BusinessStatus] = enum_column(BusinessStatus, default=BusinessStatus.NORMAL)
    business_seen: Mapped[str] = mapped_column(sa.Text, default="")
    family_changes: Mapped[str] = mapped_column(sa.Text, default="")
    income_estimate_fen: Mapped[int | None] = mapped_column(default=None)
    willingness: Mapped[Willingness] = enum_column(Willingness, default=Willingness.WILLING)
    ability: Mapped[RepaymentAbility] = enum_column(RepaymentAbility, default=RepaymentAbility.ABLE)
    #: loan used as declared: True / False / None (not checked on this visit)
    used_as_declared: Mapped[bool | None] = mapped_column(default=None)
    findings: Mapped[str] = mapped_column(sa.Text, default="")
    follow_up: Mapped[str] = mapped_column(sa.Text, default="")
    next_visit_on: Mapped[dt.date | None] = mapped_column(default=None)
    household_confirmed: Mapped[bool] = mapped_column(default=False)


class UseCheck(FieldRecord, Base):
    """用途核查."""

    __tablename__ = "use_checks"
    KIND = RecordKind.USE_CHECK
    DATE_FIELD = "checked_on"

    checked_on: Mapped[dt.date] = mapped_column(index=True)
    checked_by: Mapped[str] = mapped_column(sa.String(200), default="")
    declared_purpose: Mapped[str] = mapped_column(sa.String(300), default="")
    observed_use: Mapped[str] = mapped_column(sa.Text, default="")
    prohibited_use: Mapped[ProhibitedUse] = enum_column(ProhibitedUse, default=ProhibitedUse.NONE)
    amount_misused_fen: Mapped[int] = mapped_column(default=0)
    conclusion: Mapped[UseConclusion] = enum_column(UseConclusion, default=UseConclusion.COMPLIANT)
    note: Mapped[str] = mapped_column(sa.Text, default="")


class Anomaly(FieldRecord, Base):
    """异常情况报告; its lifecycle is in :class:`AnomalyStep` (keyed by the first version's id)."""

    __tablename__ = "anomalies"
    KIND = RecordKind.ANOMALY
    DATE_FIELD = "found_on"

    found_on: Mapped[dt.date] = mapped_column(index=True)
    kind: Mapped[AnomalyKind] = enum_column(AnomalyKind)
    severity: Mapped[Severity] = enum_column(Severity, default=Severity.MEDIUM)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    measures: Mapped[str] = mapped_column(sa.Text, default="")
    assigned_to: Mapped[str] = mapped_column(sa.String(64), default="")
    status: Mapped[AnomalyStatus] = enum_column(AnomalyStatus, default=AnomalyStatus.REPORTED, index=True)
    #: the use check whose misuse finding opened this report (None when reported by hand)
    use_check_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("use_checks.id"), default=None)


class AnomalyStep(Synced, Base):
    """One step of an anomaly's lifecycle: who moved it to which status, when, and why."""

    __tablename__ = "anomaly_steps"

    anomaly_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("anomalies.id"), index=True)
    from_status: Mapped[AnomalyStatus | None] = enum_column(AnomalyStatus, default=None)
    to_status: Mapped[AnomalyStatus] = enum_column(AnomalyStatus)
    actor: Mapped[str] = mapped_column(sa.String(64))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(sa.Text, default="")


class PreloanReview(FieldRecord, Base):
    """贷前审查: home verification, eligibility and the 100-point credit rating sheet."""

    __tablename__ = "preloan_reviews"
    KIND = RecordKind.PRELOAN_REVIEW
    DATE_FIELD = "reviewed_on"

    reviewed_on: Mapped[dt.date] = mapped_column(index=True)
    reviewers: Mapped[str] = mapped_column(sa.String(200), default="")
    applicant_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("members.id"), default=None)
    applicant_name: Mapped[str] = mapped_column(sa.String(50), default="")
    applicant_age: Mapped[int | None] = mapped_column(default=None)
    # home verification (入户核实)
    home_verified: Mapped[bool] = mapped_column(default=False)
    verification_note: Mapped[str] = mapped_column(sa.Text, default="")
    # eligibility
    registered_poor: Mapped[bool] = mapped_column(default=False)
    credit_good: Mapped[bool] = mapped_column(default=False)
    willing: Mapped[bool] = mapped_column(default=False)
    has_skills: Mapped[bool] = mapped_column(default=False)
    can_repay: Mapped[bool] = mapped_column(default=False)
    gambling_or_drugs: Mapped[bool] = mapped_column(default=False)
    debt_ratio_pct: Mapped[int] = mapped_column(default=0)
    unsettled_poverty_loan: Mapped[bool] = mapped_column(default=False)
    # credit rating sheet (评级授信)
    household_size: Mapped[int] = mapped_column(default=1)
    labour_force: Mapped[int] = mapped_column(default=0)
    total_assets_score: Mapped[int] = mapped_column(default=0)
    net_assets_score: Mapped[int] = mapped_column(default=0)
    share_capital_score: Mapped[int] = mapped_column(default=0)
    net_income_score: Mapped[int] = mapped_column(default=0)
    overall: Mapped[OverallAssessment] = enum_column(OverallAssessment, default=OverallAssessment.FAIR)
    repayment_record_score: Mapped[int] = mapped_column(default=0)
    score: Mapped[int] = mapped_column(default=0)
    grade: Mapped[CreditGrade] = enum_column(CreditGrade, default=CreditGrade.NONE)
    # outcome
    purpose_category: Mapped[PurposeCategory | None] = enum_column(PurposeCategory, default=None)
    purpose_text: Mapped[str] = mapped_column(sa.String(200), default="")
    requested_fen: Mapped[int] = mapped_column(default=0)
    proposed_line_fen: Mapped[int] = mapped_column(default=0)
    eligible: Mapped[bool] = mapped_column(default=False)
    #: the reasons found, as codes joined by commas (app/domain/records/credit.py INELIGIBILITY)
    ineligible_reasons: Mapped[str] = mapped_column(sa.String(300), default="")
    policy_explanation: Mapped[str] = mapped_column(sa.Text, default="")
    explained_to: Mapped[str] = mapped_column(sa.String(100), default="")


class MaturityAssessment(FieldRecord, Base):
    """到期前评估, within the configured days before a loan matures."""

    __tablename__ = "maturity_assessments"
    KIND = RecordKind.MATURITY_ASSESSMENT
    DATE_FIELD = "assessed_on"

    assessed_on: Mapped[dt.date] = mapped_column(index=True)
    assessors: Mapped[str] = mapped_column(sa.String(200), default="")
    matures_on: Mapped[dt.date]
    days_to_maturity: Mapped[int]
    balance_fen: Mapped[int] = mapped_column(default=0)
    ability: Mapped[RepaymentAbility] = enum_column(RepaymentAbility)
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    proposed_disposal: Mapped[Disposal] = enum_column(Disposal, default=Disposal.REPAY)
    decision: Mapped[str] = mapped_column(sa.Text, default="")
    decided_by: Mapped[str] = mapped_column(sa.String(100), default="")
    decided_on: Mapped[dt.date | None] = mapped_column(default=None)
    reported_to_finance_on: Mapped[dt.date | None] = mapped_column(default=None)


RECORD_MODELS: dict[RecordKind, type[FieldRecord]] = {
    model.KIND: model for model in (Visit, UseCheck, Anomaly, PreloanReview, MaturityAssessment)
}


#: photos are named by their content: the id is made from the SHA-256 of their bytes (the same photo has the same id
#: on every node; ``check`` re-hashes the bytes against it)
ATTACHMENT_NAMESPACE = uuid.UUID("6b1f3f0e-3c55-4d1e-9a43-1f6f2c7c8a10")


def attachment_id_for(sha256: str) -> uuid.UUID:
    return uuid.uuid5(ATTACHMENT_NAMESPACE, sha256)


class Attachment(Synced, Base):
    """A photo, content-addressed: ``sha256`` of ``data`` names it and its id is derived from it, so the same
    picture taken into two records (or arriving from two nodes) is one row. The bytes live in the encrypted
    database; the audit log records only their hash and size."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    mime: Mapped[str] = mapped_column(sa.String(40))
    size: Mapped[int]
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    original_name: Mapped[str] = mapped_column(sa.String(200), default="")
    data: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    thumbnail: Mapped[bytes] = mapped_column(sa.LargeBinary, default=b"")


class RecordAttachment(Synced, Base):
    """Which photos a record version carries (an amendment copies its predecessor's links)."""

    __tablename__ = "record_attachments"

    record_kind: Mapped[RecordKind] = enum_column(RecordKind)
    record_id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, index=True)
    attachment_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("attachments.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    caption: Mapped[str] = mapped_column(sa.String(200), default="")


class Draft(Base):
    """What a form holds before it is submitted, saved every few seconds so a crash loses almost nothing.

    Local to this node and its user, never synced. Not audited: it is scratch state rewritten on every pause in
    typing, and logging each save would flood the hash chain; the submitted record is what is audited.
    """

    __tablename__ = "drafts"
    __audited__ = False

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    kind: Mapped[RecordKind] = enum_column(RecordKind)
    owner: Mapped[str] = mapped_column(sa.String(64), index=True)
    household_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, default=None)
    loan_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, default=None)
    #: the record this draft amends (None for a new record)
    amends_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, default=None)
    data: Mapped[str] = mapped_column(sa.Text, default="{}")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DraftPhoto(Base):
    """A photo added to a draft; becomes an :class:`Attachment` when the record is submitted."""

    __tablename__ = "draft_photos"
    __audited__ = False

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    draft_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    mime: Mapped[str] = mapped_column(sa.String(40))
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    original_name: Mapped[str] = mapped_column(sa.String(200), default="")
    data: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    thumbnail: Mapped[bytes] = mapped_column(sa.LargeBinary, default=b"")
