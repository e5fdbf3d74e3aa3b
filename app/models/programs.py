"""The district's programmes around the loans (DOMAIN.md tasks 3, 4, 7 and 8): entrusted enterprises of the
enterprise-use (户贷企用) stock loans with their linked households and dated operating-status observations;
dividends (分红) due to those households and paid by the enterprises; interest-subsidy claims (贴息) filed by the
bank per period and loan; the risk compensation fund (风险补偿金) with its contributions and compensation payouts;
and financial-literacy outreach (宣传教育): campaigns, sessions and their photos.

Amounts are integer fen. All tables are synced records. Ownership, for the sync layer (app/sync/merge/ownership.py):

- **hub-owned** (district staff or the bank write them at the hub; a field node may only propose):
  ``enterprises``, ``enterprise_households``, ``dividend_schedules``, ``dividend_payments``,
  ``fund_contributions``, ``fund_payouts``, ``fund_payout_items``, ``outreach_campaigns``;
- **bank-owned** (the bank files, the district decides, both at the hub): ``subsidy_claims``, ``overdue_reports``;
- **field-owned** (whoever saw it records it, a cadre on a field node or staff at the hub):
  ``enterprise_observations``, ``outreach_sessions``, ``outreach_photos``.

Scope (which street's field node receives a row) follows ``street_code`` / ``household_id`` / ``loan_id``;
rows with none of them (enterprises, the fund, campaigns) go to every node. Two links are deliberately bare UUIDs
rather than foreign keys so a row never arrives before what it points at on a node that will never receive it:
an observation's ``visit_id`` (the visit stays in its street, the enterprise is seen everywhere) and an outreach
photo's ``attachment_id`` (photos travel from the node that took them to the hub, not back out to every street).
``Loan.enterprise_id`` stays a bare UUID for the same reason (and because a foreign key would rebuild the
largest table): :func:`app.domain.programs.mark_enterprise_use` checks the enterprise exists.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import QT_TRANSLATE_NOOP
from app.models.base import CODE, Base, Synced, enum_column
from app.models.enums import BusinessStatus, Labelled


class BenefitLink(Labelled):
    """利益联结方式: how an entrusted enterprise passes the benefit of the household's loan on."""

    DIVIDEND = "dividend"
    EMPLOYMENT = "employment"
    PURCHASE = "purchase"
    LAND_LEASE = "land_lease"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"dividend": QT_TRANSLATE_NOOP("Enums", "Dividend"),
                "employment": QT_TRANSLATE_NOOP("Enums", "Employment"),
                "purchase": QT_TRANSLATE_NOOP("Enums", "Produce purchase"),
                "land_lease": QT_TRANSLATE_NOOP("Enums", "Land lease"),
                "other": QT_TRANSLATE_NOOP("Enums", "Other link")}


class ClaimStatus(Labelled):
    """An interest-subsidy claim: claimed → approved / refused → paid."""

    CLAIMED = "claimed"
    APPROVED = "approved"
    REFUSED = "refused"
    PAID = "paid"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"claimed": QT_TRANSLATE_NOOP("Enums", "Claimed"),
                "approved": QT_TRANSLATE_NOOP("Enums", "Approved"),
                "refused": QT_TRANSLATE_NOOP("Enums", "Refused"),
                "paid": QT_TRANSLATE_NOOP("Enums", "Paid")}


# -- entrusted enterprises (委托经营企业) ----------------------------------------------------------------------------
class Enterprise(Synced, Base):
    """An entrusted enterprise. ``credit_code_note`` keeps the warning shown when the code was entered (a code
    whose check character fails is accepted: some early codes fail it)."""

    __tablename__ = "enterprises"

    name: Mapped[str] = mapped_column(sa.String(100), index=True)
    credit_code: Mapped[str] = mapped_column(sa.String(18), default="", index=True, info=CODE)
    credit_code_note: Mapped[str] = mapped_column(sa.String(300), default="")
    contact: Mapped[str] = mapped_column(sa.String(50), default="")
    phone: Mapped[str] = mapped_column(sa.String(20), default="")
    industry: Mapped[str] = mapped_column(sa.String(100), default="")
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    benefit_link: Mapped[BenefitLink] = enum_column(BenefitLink, default=BenefitLink.DIVIDEND)
    note: Mapped[str] = mapped_column(sa.Text, default="")


class EnterpriseObservation(Synced, Base):
    """The enterprise's operating status as seen on a day (often on a household visit: ``visit_id``)."""

    __tablename__ = "enterprise_observations"

    enterprise_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("enterprises.id"), index=True)
    observed_on: Mapped[dt.date] = mapped_column(index=True)
    status: Mapped[BusinessStatus] = enum_column(BusinessStatus)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    observed_by: Mapped[str] = mapped_column(sa.String(64), default="")
    #: the visit on which it was seen (bare UUID: see the module docstring)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, default=None)


class EnterpriseHousehold(Synced, Base):
    """A household linked to an enterprise, with the benefit-link mode that applies to it."""

    __tablename__ = "enterprise_households"
    __table_args__ = (sa.UniqueConstraint("enterprise_id", "household_id"),)

    enterprise_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("enterprises.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("households.id"), index=True)
    benefit_link: Mapped[BenefitLink] = enum_column(BenefitLink, default=BenefitLink.DIVIDEND)
    linked_on: Mapped[dt.date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(sa.Text, default="")


# -- dividends (分红) ------------------------------------------------------------------------------------------------
class DividendSchedule(Synced, Base):
    """One dividend the enterprise owes a linked household: due date and amount (a period label such as 2025)."""

    __tablename__ = "dividend_schedules"

    enterprise_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("enterprises.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("households.id"), index=True)
    period: Mapped[str] = mapped_column(sa.String(20), default="")
    due_on: Mapped[dt.date] = mapped_column(index=True)
    amount_fen: Mapped[int]
    note: Mapped[str] = mapped_column(sa.Text, default="")


class DividendPayment(Synced, Base):
    """A payment against a scheduled dividend (several for a dividend paid in parts). ``household_id`` repeats the
    schedule's so the payment travels to the household's street."""

    __tablename__ = "dividend_payments"

    schedule_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("dividend_schedules.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("households.id"), index=True)
    paid_on: Mapped[dt.date] = mapped_column(index=True)
    amount_fen: Mapped[int]
    note: Mapped[str] = mapped_column(sa.Text, default="")


# -- interest subsidies (贴息) ---------------------------------------------------------------------------------------
class SubsidyClaim(Synced, Base):
    """The bank's claim of interest subsidy for one loan and one period (``2026Q3``, ``2026H1``, ``2026``).

    ``refused_by_rule`` marks a claim the rules refused when it was filed (overdue, misuse or fraud); the reason
    is kept in ``decision_note`` in the interface language of whoever filed it.
    """

    __tablename__ = "subsidy_claims"

    loan_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("loans.id"), index=True)
    bank_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("banks.id"), index=True)
    #: the label shown (2026Q3, 2026H1, 2026-07, 2026, or 2026-07-01~2026-08-15); the period is the date range
    period: Mapped[str] = mapped_column(sa.String(24), index=True)
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    claimed_on: Mapped[dt.date]
    claimed_by: Mapped[str] = mapped_column(sa.String(64), default="")
    amount_fen: Mapped[int]
    status: Mapped[ClaimStatus] = enum_column(ClaimStatus, default=ClaimStatus.CLAIMED, index=True)
    refused_by_rule: Mapped[bool] = mapped_column(default=False)
    approved_fen: Mapped[int | None] = mapped_column(default=None)
    decided_on: Mapped[dt.date | None] = mapped_column(default=None)
    decided_by: Mapped[str] = mapped_column(sa.String(64), default="")
    decision_note: Mapped[str] = mapped_column(sa.Text, default="")
    paid_on: Mapped[dt.date | None] = mapped_column(default=None)
    paid_fen: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(sa.Text, default="")


# -- risk compensation fund (风险补偿金) ------------------------------------------------------------------------------
class FundContribution(Synced, Base):
    """Money paid into the fund (district finance, city, province...)."""

    __tablename__ = "fund_contributions"

    contributed_on: Mapped[dt.date] = mapped_column(index=True)
    amount_fen: Mapped[int]
    source: Mapped[str] = mapped_column(sa.String(100))
    note: Mapped[str] = mapped_column(sa.Text, default="")


class FundPayout(Synced, Base):
    """Compensation paid out of the fund (代偿); its loans and the disposals it settles are its items."""

    __tablename__ = "fund_payouts"

    paid_on: Mapped[dt.date] = mapped_column(index=True)
    amount_fen: Mapped[int]
    note: Mapped[str] = mapped_column(sa.Text, default="")


class FundPayoutItem(Synced, Base):
    """The part of a payout for one loan, and the compensation-claim disposal decision it settles."""

    __tablename__ = "fund_payout_items"

    payout_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("fund_payouts.id"), index=True)
    loan_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("loans.id"), index=True)
    disposal_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("disposals.id"), default=None)
    amount_fen: Mapped[int]


class OverdueReport(Synced, Base):
    """The bank's report of an overdue loan to the risk compensation fund (due within 15 days of the first overdue
    day, setting ``risk.overdue_report_days``): which loan, the overdue episode (its first overdue day), when and by
    whom it was reported and in which report."""

    __tablename__ = "overdue_reports"
    __table_args__ = (sa.UniqueConstraint("loan_id", "overdue_since"),)

    loan_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("loans.id"), index=True)
    overdue_since: Mapped[dt.date]
    overdue_fen: Mapped[int] = mapped_column(default=0)
    reported_on: Mapped[dt.date] = mapped_column(index=True)
    reported_by: Mapped[str] = mapped_column(sa.String(64), default="")
    report_ref: Mapped[str] = mapped_column(sa.String(200), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")


# -- outreach (宣传教育) ---------------------------------------------------------------------------------------------
class OutreachCampaign(Synced, Base):
    """A financial-literacy and credit-culture campaign (金融知识普及、诚信教育)."""

    __tablename__ = "outreach_campaigns"

    name: Mapped[str] = mapped_column(sa.String(100))
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date | None] = mapped_column(default=None)
    organiser: Mapped[str] = mapped_column(sa.String(100), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")


class OutreachSession(Synced, Base):
    """One session held: when, where, on what, by whom, and how many people it reached."""

    __tablename__ = "outreach_sessions"

    campaign_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("outreach_campaigns.id"), index=True,
                                                         default=None)
    held_on: Mapped[dt.date] = mapped_column(index=True)
    street_code: Mapped[str | None] = mapped_column(sa.String(9), sa.ForeignKey("streets.code"), index=True,
                                                    default=None)
    place: Mapped[str] = mapped_column(sa.String(200))
    topic: Mapped[str] = mapped_column(sa.String(200))
    organiser: Mapped[str] = mapped_column(sa.String(100), default="")
    people_reached: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(sa.Text, default="")


class OutreachPhoto(Synced, Base):
    """A photo of a session; the bytes are an :class:`~app.models.records.Attachment` in the encrypted database.
    ``street_code`` repeats the session's so the link travels where the session does."""

    __tablename__ = "outreach_photos"

    session_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("outreach_sessions.id"), index=True)
    street_code: Mapped[str | None] = mapped_column(sa.String(9), sa.ForeignKey("streets.code"), default=None)
    attachment_id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, index=True)
    position: Mapped[int] = mapped_column(default=0)
    caption: Mapped[str] = mapped_column(sa.String(200), default="")
