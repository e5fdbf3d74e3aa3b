"""Interest subsidies (贴息): the bank files a claim per loan and period, district staff decide and pay it; a
claim the rules refuse is kept as refused so the bank sees why.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import settings
from app.domain.loan_facts import facts_of
from app.domain.loan_history import LoanTimeline
from app.domain.loans import find_loan, loan_by_id
from app.domain.money import yuan
from app.domain.ownership import require_create, require_state
from app.domain.programs.rules import ClaimFacts, claim_refusal, parse_period
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models import Bank, Loan, Street, SubsidyClaim
from app.models.enums import AnomalyKind, UseConclusion
from app.models.programs import ClaimStatus


def interest_due(timeline: LoanTimeline, start: dt.date, end: dt.date) -> int:
    """The interest due (fen, rounded down) on the loan's outstanding balance for each day from ``start`` to ``end``
    (both included; not before the loan was made) at its contract rate, actual days over a 360-day year (the daily
    rate banks use: 年利率 / 360). The balance of each day is the replayed one (after that day's repayments)."""
    loan = timeline.loan
    first = max(start, loan.disbursed_on)
    if end < first:
        return 0
    changes = sorted({first, *(paid_on for paid_on, _ in timeline.repayments if first < paid_on <= end),
                      *(e.happened_on for e in timeline.events if first < e.happened_on <= end)})
    total = 0
    for index, day in enumerate(changes):
        last = changes[index + 1] - dt.timedelta(days=1) if index + 1 < len(changes) else end
        balance = max(0, timeline.on(day)["balance_fen"])
        total += balance * loan.rate_bp * ((last - day).days + 1)
    return total // (10_000 * 360)


def _claim_facts(session: Session, loan: Loan, as_of: dt.date, timeline: LoanTimeline | None = None) -> ClaimFacts:
    from app.domain.risk_query import LoanFilter, loan_facts, records_model

    facts = loan_facts(session, as_of, LoanFilter(loan_ids=frozenset({loan.id})), live_only=False)
    fact = facts[0] if facts else facts_of(loan)
    misuse_on = fraud_on = None
    UseCheck, Anomaly = records_model("UseCheck"), records_model("Anomaly")
    if UseCheck is not None:
        latest: dict[Any, tuple[int, dt.date, UseConclusion]] = {}
        for root, version, on, conclusion in session.execute(
                sa.select(sa.func.coalesce(UseCheck.original_id, UseCheck.id), UseCheck.version, UseCheck.checked_on,
                          UseCheck.conclusion)
                .where(UseCheck.loan_id == loan.id, UseCheck.deleted.is_(False))):
            if root not in latest or version > latest[root][0]:
                latest[root] = (version, on, conclusion)
        bad = [on for _, on, conclusion in latest.values() if conclusion is not UseConclusion.COMPLIANT]
        misuse_on = min(bad) if bad else None
    if Anomaly is not None:
        fraud_on = session.execute(
            sa.select(sa.func.min(Anomaly.found_on))
            .where(Anomaly.kind == AnomalyKind.FRAUD, Anomaly.deleted.is_(False),
                   sa.or_(Anomaly.loan_id == loan.id,
                          sa.and_(Anomaly.loan_id.is_(None), Anomaly.household_id == loan.household_id)))
        ).scalar()
    first_overdue = (timeline or LoanTimeline(session, loan)).first_overdue_on(as_of)
    return ClaimFacts(fact, misuse_on, fraud_on, first_overdue)


@dataclass(frozen=True)
class ClaimResult:
    claim_id: uuid.UUID
    status: ClaimStatus
    reason: str  # why it was refused by rule ('' when it stands)


def file_claim(store: StoreLike, loan: str | uuid.UUID, period: str, amount_fen: int, claimed_on: dt.date | None = None,
               bank: str | None = None, note: str = "") -> ClaimResult:
    """The bank files a subsidy claim for one loan and period. A claim the rules refuse is kept as refused."""
    require_create(store, "subsidy_claims")
    label, start, end = parse_period(period)
    claimed_on = claimed_on or dt.date.today()
    if amount_fen <= 0:
        raise ValidationError(translate("Programs", "A subsidy claim needs an amount above zero."))
    if claimed_on < start:
        raise ValidationError(translate("Programs", "A claim for {period} cannot be filed before the period begins "
                                                    "({start}).",
                                  period=label, start=start.isoformat()))
    with store.write() as session:
        scope = scope_street(store)
        row = loan_by_id(session, loan, scope) if isinstance(loan, uuid.UUID) else find_loan(session, loan, bank, scope)
        if row.disbursed_on > end:
            raise ValidationError(translate("Programs", "The loan {contract} was made on {date}, after the period "
                                                        "{period}.",
                                      contract=row.contract_no, date=row.disbursed_on.isoformat(), period=label))
        overlapping = session.execute(sa.select(SubsidyClaim.period, SubsidyClaim.period_start,
                                                SubsidyClaim.period_end).where(
            SubsidyClaim.loan_id == row.id, SubsidyClaim.deleted.is_(False), SubsidyClaim.status != ClaimStatus.REFUSED,
            SubsidyClaim.period_start <= end, SubsidyClaim.period_end >= start)).first()
        if overlapping:
            raise ValidationError(translate(
                "Programs", "The loan {contract} already has a claim for {other} ({first} to {last}), which overlaps "
                            "{period} ({start} to {end}); a day is subsidised once.", contract=row.contract_no,
                other=overlapping[0], first=overlapping[1].isoformat(), last=overlapping[2].isoformat(),
                period=label, start=start.isoformat(), end=end.isoformat()))
        timeline = LoanTimeline(session, row)
        share = store.setting(settings.SUBSIDY_SHARE_PERCENT)
        due = interest_due(timeline, start, end)
        ceiling = due * share // 100
        if amount_fen > ceiling:
            raise ValidationError(translate(
                "Programs", "{amount} yuan is more than the subsidy the period allows: {share}% of the {due} yuan of "
                            "interest due on the outstanding balance from {start} to {end} at the contract rate "
                            "{rate}% (actual days / 360), that is {ceiling} yuan.", amount=yuan(amount_fen),
                share=share, due=yuan(due), start=max(start, row.disbursed_on).isoformat(), end=end.isoformat(),
                rate=f"{row.rate_bp / 100:.2f}", ceiling=yuan(ceiling)))
        reason = claim_refusal(_claim_facts(session, row, claimed_on, timeline), end, claimed_on) or ""
        claim = SubsidyClaim(loan_id=row.id, bank_id=row.bank_id, period=label, period_start=start, period_end=end,
                             claimed_on=claimed_on, claimed_by=store.user.username, amount_fen=amount_fen,
                             note=note.strip())
        if reason:
            claim.status, claim.refused_by_rule, claim.decision_note = ClaimStatus.REFUSED, True, reason
            claim.decided_on, claim.decided_by = claimed_on, "rule"
        else:
            row.subsidy_claimed_fen += amount_fen
        session.add(claim)
        session.flush()
        return ClaimResult(claim.id, claim.status, reason)


def decide_claim(store: StoreLike, claim_id: uuid.UUID, approve: bool, note: str = "", approved_fen: int | None = None,
                 decided_on: dt.date | None = None) -> ClaimStatus:
    """District staff approve (possibly a smaller amount) or refuse (with a reason) a filed claim."""
    require_state(store, "subsidy_claims", "status", "claimed", "approved" if approve else "refused")
    decided_on = decided_on or dt.date.today()
    with store.write() as session:
        claim = session.get(SubsidyClaim, claim_id)
        if claim is None or claim.deleted:
            raise ValidationError(translate("Programs", "This claim no longer exists."))
        if claim.status is not ClaimStatus.CLAIMED:
            raise ValidationError(translate("Programs", "This claim was decided already ({status}).",
                                            status=claim.status.label))
        loan = session.get(Loan, claim.loan_id)
        assert loan is not None
        if approve:
            reason = claim_refusal(_claim_facts(session, loan, claim.claimed_on), claim.period_end, claim.claimed_on)
            if reason:
                raise ValidationError(reason)
            amount = claim.amount_fen if approved_fen is None else approved_fen
            if not 0 < amount <= claim.amount_fen:
                raise ValidationError(translate("Programs", "The approved amount must be above zero and at most the "
                                                            "{amount} yuan "
                                          "claimed.", amount=yuan(claim.amount_fen)))
            loan.subsidy_claimed_fen += amount - claim.amount_fen
            claim.status, claim.approved_fen = ClaimStatus.APPROVED, amount
        else:
            if not note.strip():
                raise ValidationError(translate("Programs", "Give the reason for refusing the claim."))
            loan.subsidy_claimed_fen -= claim.amount_fen
            claim.status = ClaimStatus.REFUSED
        claim.decided_on, claim.decided_by, claim.decision_note = decided_on, store.user.username, note.strip()
        return ClaimStatus(claim.status)


def pay_claim(store: StoreLike, claim_id: uuid.UUID, paid_on: dt.date | None = None) -> None:
    """Record that an approved claim was paid (its approved amount)."""
    require_state(store, "subsidy_claims", "status", "approved", "paid")
    paid_on = paid_on or dt.date.today()
    with store.write() as session:
        claim = session.get(SubsidyClaim, claim_id)
        if claim is None or claim.deleted:
            raise ValidationError(translate("Programs", "This claim no longer exists."))
        if claim.status is not ClaimStatus.APPROVED:
            raise ValidationError(translate("Programs", "Only an approved claim can be paid."))
        loan = session.get(Loan, claim.loan_id)
        assert loan is not None
        claim.status, claim.paid_on, claim.paid_fen = ClaimStatus.PAID, paid_on, claim.approved_fen or 0
        loan.subsidy_paid_fen += claim.paid_fen


@dataclass(frozen=True)
class ClaimRow:
    """One subsidy claim: a row of the subsidy ledger and of the Fund & subsidies page."""

    claim_id: uuid.UUID
    bank_name: str
    period: str
    street_name: str
    contract_no: str
    borrower_name: str
    borrower_citizen_id: str
    claimed_on: dt.date
    amount_fen: int
    status: ClaimStatus
    approved_fen: int | None
    decided_on: dt.date | None
    paid_on: dt.date | None
    paid_fen: int
    reason: str
    refused_by_rule: bool


def claim_rows(session: Session, scope: str | None = None, *, bank: str | None = None, period: str | None = None,
               status: ClaimStatus | None = None, as_of: dt.date | None = None) -> list[ClaimRow]:
    query = (sa.select(SubsidyClaim.id, Bank.name, SubsidyClaim.period, Street.name, Loan.contract_no,
                       Loan.borrower_name, Loan.borrower_citizen_id, SubsidyClaim.claimed_on, SubsidyClaim.amount_fen,
                       SubsidyClaim.status, SubsidyClaim.approved_fen, SubsidyClaim.decided_on, SubsidyClaim.paid_on,
                       SubsidyClaim.paid_fen, SubsidyClaim.decision_note, SubsidyClaim.refused_by_rule)
             .join(Loan, Loan.id == SubsidyClaim.loan_id)
             .join(Bank, Bank.id == SubsidyClaim.bank_id)
             .join(Street, Street.code == Loan.street_code)
             .where(SubsidyClaim.deleted.is_(False))
             .order_by(Bank.name, SubsidyClaim.period.desc(), Loan.street_code, Loan.contract_no, SubsidyClaim.id))
    if scope:
        query = query.where(Loan.street_code == scope)
    if bank:
        query = query.where(sa.or_(Bank.code == bank, Bank.name == bank))
    if period:
        query = query.where(SubsidyClaim.period == period.strip().upper())
    if as_of is None:
        if status is not None:
            query = query.where(SubsidyClaim.status == status)
        # the select's columns are ClaimRow's fields in order; past ten columns SQLAlchemy types a row as Any
        return [ClaimRow(*row) for row in session.execute(query)]  # type: ignore[call-arg]
    query = query.where(SubsidyClaim.claimed_on <= as_of)
    rows = [claim_on(ClaimRow(*row), as_of) for row in session.execute(query)]  # type: ignore[call-arg]
    return [row for row in rows if status is None or row.status is status]


def claim_on(row: ClaimRow, day: dt.date) -> ClaimRow:
    """The claim as it stood on ``day`` (a replayed ledger shows what was known then): a decision taken later is
    still pending, a payment made later not yet paid."""
    if row.decided_on is not None and row.decided_on > day:
        return replace(row, status=ClaimStatus.CLAIMED, approved_fen=None, decided_on=None, paid_on=None, paid_fen=0,
                       reason="", refused_by_rule=False)
    if row.paid_on is not None and row.paid_on > day:
        return replace(row, status=ClaimStatus.APPROVED, paid_on=None, paid_fen=0)
    return row


@dataclass
class SubsidyTotal:
    bank_name: str
    period: str
    claims: int = 0
    claimed_fen: int = 0
    pending_fen: int = 0
    approved_fen: int = 0
    refused_fen: int = 0
    paid_fen: int = 0


def subsidy_totals(rows: Iterable[ClaimRow]) -> list[SubsidyTotal]:
    """Totals by bank and period (most recent period first within a bank)."""
    found: dict[tuple[str, str], SubsidyTotal] = {}
    for row in rows:
        total = found.setdefault((row.bank_name, row.period), SubsidyTotal(row.bank_name, row.period))
        total.claims += 1
        total.claimed_fen += row.amount_fen
        if row.status is ClaimStatus.CLAIMED:
            total.pending_fen += row.amount_fen
        elif row.status is ClaimStatus.REFUSED:
            total.refused_fen += row.amount_fen
        else:
            total.approved_fen += row.approved_fen or 0
        total.paid_fen += row.paid_fen
    return sorted(found.values(), key=lambda t: (t.bank_name, _desc(t.period)))


def _desc(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)
