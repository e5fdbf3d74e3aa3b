"""The risk compensation fund (风险补偿金): contributions, compensation payouts and its leverage against the
covered loans.

A payout settles an approved compensation claim (a disposal of kind ``compensation_claim``, approved by the checker
and by the district where its amount needs it) and never pays more than the claim allows: the fund's share
(setting ``fund.share_percent``) of the amount claimed, less what was paid on it before. What the fund paid for a
loan leaves the covered balance from the day it was paid, so the leverage is not overstated by compensated loans.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import settings
from app.domain.loan_facts import LoanFacts
from app.domain.money import yuan
from app.domain.ownership import require_create
from app.domain.programs.rules import ProgramRule, ProgramWarning, leverage_exceeded
from app.domain.risk import is_live
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import FundContribution, FundPayout, FundPayoutItem, Loan, Street
from app.models.enums import Disposal, LoanStatus, Severity


def add_contribution(store: StoreLike, contributed_on: dt.date, amount_fen: int, source: str,
                     note: str = "") -> uuid.UUID:
    require_create(store, "fund_contributions")
    if amount_fen <= 0:
        raise ValidationError(translate("Programs", "A contribution needs an amount above zero."))
    if not source.strip():
        raise ValidationError(translate("Programs", "Name where the money came from (for example 区财政局)."))
    with store.write() as session:
        row = FundContribution(contributed_on=contributed_on, amount_fen=amount_fen, source=source.strip(),
                               note=note.strip())
        session.add(row)
        session.flush()
        return row.id


@dataclass(frozen=True)
class PayoutItem:
    loan_id: uuid.UUID
    amount_fen: int
    disposal_id: uuid.UUID | None = None


def fund_balance(session: Session, as_of: dt.date) -> tuple[int, int]:
    """(contributions, payouts) on or before ``as_of``."""
    inflow = session.execute(sa.select(sa.func.coalesce(sa.func.sum(FundContribution.amount_fen), 0)).where(
        FundContribution.deleted.is_(False), FundContribution.contributed_on <= as_of)).scalar_one()
    outflow = session.execute(sa.select(sa.func.coalesce(sa.func.sum(FundPayout.amount_fen), 0)).where(
        FundPayout.deleted.is_(False), FundPayout.paid_on <= as_of)).scalar_one()
    return int(inflow), int(outflow)


def claim_allowance(claim_fen: int, share_percent: int) -> int:
    """What the fund pays at most on a claim: its share of the amount claimed, in whole fen (rounded down)."""
    return claim_fen * share_percent // 100


def paid_on_claims(session: Session, disposal_ids: Iterable[uuid.UUID] | None = None) -> dict[uuid.UUID, int]:
    """Claim (disposal id) → what the fund has paid on it so far."""
    query = (sa.select(FundPayoutItem.disposal_id, sa.func.sum(FundPayoutItem.amount_fen))
             .where(FundPayoutItem.deleted.is_(False), FundPayoutItem.disposal_id.is_not(None))
             .group_by(FundPayoutItem.disposal_id))
    if disposal_ids is not None:
        query = query.where(FundPayoutItem.disposal_id.in_(list(disposal_ids)))
    return {disposal_id: int(paid or 0) for disposal_id, paid in session.execute(query) if disposal_id is not None}


def compensated_by_loan(session: Session, as_of: dt.date) -> dict[uuid.UUID, int]:
    """Loan → what the fund paid for it on or before ``as_of`` (it leaves the covered balance)."""
    return {loan_id: int(paid or 0) for loan_id, paid in session.execute(
        sa.select(FundPayoutItem.loan_id, sa.func.sum(FundPayoutItem.amount_fen))
        .join(FundPayout, FundPayout.id == FundPayoutItem.payout_id)
        .where(FundPayoutItem.deleted.is_(False), FundPayout.deleted.is_(False), FundPayout.paid_on <= as_of)
        .group_by(FundPayoutItem.loan_id))}


def add_payout(store: StoreLike, paid_on: dt.date, items: Sequence[PayoutItem], note: str = "") -> uuid.UUID:
    """Compensation paid from the fund for one or more loans, each settling an approved compensation claim of that
    loan and within what the claim allows (:func:`claim_allowance`). Refused when the fund does not hold enough on
    that day, for a loan without an approved claim, before the district's approval a claim needs, or above the
    allowance (counting what was paid on the claim before and the other items of this payout)."""
    from app.domain.loan_facts import facts_of
    from app.domain.loan_history import LoanTimeline
    from app.domain.risk_disposal import district_step_reason
    from app.domain.risk_query import policy_in
    from app.models.risk import DisposalProposal, DisposalStatus

    require_create(store, "fund_payouts")
    if not items:
        raise ValidationError(translate("Programs", "A payout names at least one loan."))
    if any(item.amount_fen <= 0 for item in items):
        raise ValidationError(translate("Programs", "Each loan's compensation needs an amount above zero."))
    share = store.setting(settings.FUND_SHARE_PERCENT)
    total = sum(item.amount_fen for item in items)
    with store.write() as session:
        inflow, outflow = fund_balance(session, paid_on)
        later = session.execute(sa.select(sa.func.coalesce(sa.func.sum(FundPayout.amount_fen), 0)).where(
            FundPayout.deleted.is_(False), FundPayout.paid_on > paid_on)).scalar_one()
        available = inflow - outflow - int(later)
        if total > available:
            raise ValidationError(translate("Programs", "The fund holds {balance} yuan on {date}; a payout of "
                                                        "{amount} yuan is more "
                                      "than that.", balance=yuan(available), date=paid_on.isoformat(),
                                      amount=yuan(total)))
        payout = FundPayout(paid_on=paid_on, amount_fen=total, note=note.strip())
        session.add(payout)
        session.flush()
        paid = paid_on_claims(session, {item.disposal_id for item in items if item.disposal_id is not None})
        policy = policy_in(session)
        for item in items:
            loan = session.get(Loan, item.loan_id)
            if loan is None or loan.deleted:
                raise ValidationError(translate("Programs", "This loan no longer exists."))
            if item.disposal_id is None:
                raise ValidationError(translate("Programs", "The fund pays only against an approved compensation "
                                                            "claim; the loan {contract} has none chosen.",
                                                contract=loan.contract_no))
            disposal = session.get(DisposalProposal, item.disposal_id)
            if disposal is None or disposal.loan_id != loan.id or disposal.kind is not Disposal.COMPENSATION_CLAIM:
                raise ValidationError(translate("Programs", "The decision chosen for the loan {contract} is not "
                                                            "a compensation "
                                          "claim of that loan.", contract=loan.contract_no))
            if disposal.status not in (DisposalStatus.APPROVED, DisposalStatus.EXECUTED) \
                    or (disposal.decided_on is not None and disposal.decided_on > paid_on):
                raise ValidationError(translate("Programs", "The compensation claim of the loan {contract} is "
                                                            "not approved yet.",
                                          contract=loan.contract_no))
            if disposal.district_approved_on is None \
                    and district_step_reason(disposal, facts_of(loan), paid_on, policy) is not None:
                raise ValidationError(translate("Programs", "The compensation claim of the loan {contract} waits for "
                                                            "the district's approval.", contract=loan.contract_no))
            state = LoanTimeline(session, loan).on(paid_on)
            if state["status"] is LoanStatus.REPAID or state["balance_fen"] <= 0:
                raise ValidationError(translate("Programs", "The loan {contract} is repaid by {date}; the fund "
                                                            "compensates only a loss.", contract=loan.contract_no,
                                                date=paid_on.isoformat()))
            allowed = claim_allowance(disposal.claim_fen or disposal.balance_before_fen, share)
            done = paid.get(disposal.id, 0)
            if done + item.amount_fen > allowed:
                raise ValidationError(translate(
                    "Programs", "The claim of the loan {contract} allows {allowed} yuan (the fund's {share}% of "
                                "{claim} yuan); {paid} yuan was paid on it already, so {amount} yuan more is too "
                                "much.", contract=loan.contract_no, allowed=yuan(allowed), share=share,
                    claim=yuan(disposal.claim_fen or disposal.balance_before_fen), paid=yuan(done),
                    amount=yuan(item.amount_fen)))
            paid[disposal.id] = done + item.amount_fen
            session.add(FundPayoutItem(payout_id=payout.id, loan_id=loan.id, disposal_id=item.disposal_id,
                                       amount_fen=item.amount_fen))
        return payout.id


@dataclass(frozen=True)
class CompensationCandidate:
    """An approved or executed compensation-claim disposal the fund has not paid in full: ``allowed_fen`` is the
    fund's share of the claim (:func:`claim_allowance`)."""

    disposal_id: uuid.UUID
    loan_id: uuid.UUID
    contract_no: str
    borrower_name: str
    street_name: str
    claim_fen: int
    paid_fen: int
    allowed_fen: int = 0

    @property
    def left_fen(self) -> int:
        return max(0, self.allowed_fen - self.paid_fen)


def compensation_candidates(session: Session, share_percent: int | None = None) -> list[CompensationCandidate]:
    from app.domain.risk_query import setting_in
    from app.models.risk import DisposalProposal, DisposalStatus

    share = share_percent if share_percent is not None else setting_in(session, settings.FUND_SHARE_PERCENT)
    paid = paid_on_claims(session)
    rows = session.execute(
        sa.select(DisposalProposal.id, Loan.id, Loan.contract_no, Loan.borrower_name, Street.name,
                  sa.func.coalesce(DisposalProposal.claim_fen, DisposalProposal.balance_before_fen))
        .join(Loan, Loan.id == DisposalProposal.loan_id).join(Street, Street.code == Loan.street_code)
        .where(DisposalProposal.kind == Disposal.COMPENSATION_CLAIM, DisposalProposal.deleted.is_(False),
               DisposalProposal.status.in_([DisposalStatus.APPROVED, DisposalStatus.EXECUTED]))
        .order_by(DisposalProposal.proposed_on)).all()
    found = [CompensationCandidate(d, loan, contract, borrower, street, int(claim or 0), paid.get(d, 0),
                                   claim_allowance(int(claim or 0), share))
             for d, loan, contract, borrower, street, claim in rows]
    return [c for c in found if c.left_fen > 0]


@dataclass(frozen=True)
class FundPosition:
    as_of: dt.date
    contributions_fen: int
    payouts_fen: int
    covered_fen: int
    covered_count: int
    limit: int
    #: what the fund paid for the covered loans by then (already taken out of ``covered_fen``)
    compensated_fen: int = 0

    @property
    def balance_fen(self) -> int:
        return self.contributions_fen - self.payouts_fen

    @property
    def leverage(self) -> float | None:
        """Covered balance / fund balance (None when the fund is empty)."""
        return self.covered_fen / self.balance_fen if self.balance_fen > 0 else None

    @property
    def exceeded(self) -> bool:
        return leverage_exceeded(self.covered_fen, self.balance_fen, self.limit)

    @property
    def headroom_fen(self) -> int:
        """How much more covered balance the fund can carry (negative when over the limit)."""
        return self.limit * max(self.balance_fen, 0) - self.covered_fen


def covered_loans(facts: Iterable[LoanFacts], as_of: dt.date, cap_fen: int) -> list[LoanFacts]:
    return [f for f in facts if is_live(f, as_of) and f.amount_fen <= cap_fen]


def covered_balance(facts: Iterable[LoanFacts], compensated: dict[uuid.UUID, int]) -> tuple[int, int]:
    """(covered balance, compensated part taken out of it): each covered loan's balance less what the fund has
    paid for it, never below zero."""
    covered = taken = 0
    for fact in facts:
        paid = min(compensated.get(fact.loan_id, 0), fact.balance_fen)
        covered += fact.balance_fen - paid
        taken += paid
    return covered, taken


def fund_position(store: StoreLike, as_of: dt.date | None = None) -> FundPosition:
    from app.domain.risk_query import LoanFilter, loan_facts

    as_of = as_of or dt.date.today()
    cap = store.setting(settings.LOAN_CAP_YUAN) * 100
    with store.read() as session:
        inflow, outflow = fund_balance(session, as_of)
        covered = covered_loans(loan_facts(session, as_of, LoanFilter(street=scope_street(store))), as_of, cap)
        balance, compensated = covered_balance(covered, compensated_by_loan(session, as_of))
    return FundPosition(as_of, inflow, outflow, balance, len(covered), store.setting(settings.FUND_LEVERAGE_MAX),
                        compensated)


def fund_status_lines(position: FundPosition) -> list[str]:
    """What ``fund status`` and the Fund page say about the position, in words that hold for an empty fund too."""
    lines = [translate("Programs", "Fund balance {fund} yuan; covered loans {covered} yuan ({count} loans).",
                       fund=yuan(position.balance_fen), covered=yuan(position.covered_fen),
                       count=position.covered_count)]
    if position.compensated_fen:
        lines.append(translate("Programs", "{amount} yuan the fund paid for covered loans is no longer covered.",
                               amount=yuan(position.compensated_fen)))
    if position.balance_fen <= 0:
        if position.covered_fen > 0:
            lines.append(translate("Programs", "The fund holds nothing, so no leverage can be worked out: any covered "
                                               "loan is beyond the limit of {limit} times the fund. Pay into the "
                                               "fund before lending under its cover.", limit=position.limit))
        else:
            lines.append(translate("Programs", "The fund holds nothing and covers no loans."))
        return lines
    assert position.leverage is not None
    if position.exceeded:
        lines.append(translate("Programs", "Leverage {ratio} times, above the limit of {limit} times: {amount} yuan "
                                           "over it.", ratio=f"{position.leverage:.2f}", limit=position.limit,
                               amount=yuan(-position.headroom_fen)))
    else:
        lines.append(translate("Programs", "Leverage {ratio} times, within the limit of {limit} times ({amount} yuan "
                                           "of room).", ratio=f"{position.leverage:.2f}", limit=position.limit,
                               amount=yuan(position.headroom_fen)))
    return lines


def fund_warnings(position: FundPosition) -> list[ProgramWarning]:
    if not position.exceeded:
        return []
    ratio = f"{position.leverage:.2f}" if position.leverage is not None else "∞"
    return [ProgramWarning(
        ProgramRule.FUND_LEVERAGE, Severity.HIGH, position.as_of, position.as_of, 0, "", "",
        translate("Programs", "Risk compensation fund"), None,
        QT_TRANSLATE_NOOP("Programs", "Covered loans of {covered} yuan are {ratio} times the fund's {fund} yuan; the "
                                      "limit is {limit} times"),
        {"covered": yuan(position.covered_fen), "ratio": ratio, "fund": yuan(position.balance_fen),
         "limit": position.limit})]


@dataclass(frozen=True)
class FundMovementRow:
    """A row of the fund ledger: a contribution or a payout, with the balance after it."""

    on: dt.date
    kind: str  # "in" / "out"
    counterpart: str  # the source, or the loans compensated
    note: str
    in_fen: int
    out_fen: int
    balance_fen: int


def fund_movements(session: Session, as_of: dt.date) -> list[FundMovementRow]:
    items: dict[uuid.UUID, list[str]] = defaultdict(list)
    for payout_id, contract, borrower in session.execute(
            sa.select(FundPayoutItem.payout_id, Loan.contract_no, Loan.borrower_name)
            .join(Loan, Loan.id == FundPayoutItem.loan_id).where(FundPayoutItem.deleted.is_(False))
            .order_by(Loan.contract_no)):
        items[payout_id].append(f"{contract} {borrower}")
    moves: list[tuple[dt.date, int, dt.datetime, str, str, int, int]] = []
    for c in session.execute(sa.select(FundContribution).where(FundContribution.deleted.is_(False),
                                                               FundContribution.contributed_on <= as_of)).scalars():
        moves.append((c.contributed_on, 0, c.created_at, c.source, c.note, c.amount_fen, 0))
    for p in session.execute(sa.select(FundPayout).where(FundPayout.deleted.is_(False),
                                                         FundPayout.paid_on <= as_of)).scalars():
        moves.append((p.paid_on, 1, p.created_at, "；".join(items.get(p.id, [])), p.note, 0, p.amount_fen))
    moves.sort(key=lambda m: (m[0], m[1], m[2]))
    balance = 0
    result = []
    for on, kind, _, counterpart, note, inflow, outflow in moves:
        balance += inflow - outflow
        result.append(FundMovementRow(on, "out" if kind else "in", counterpart, note, inflow, outflow, balance))
    return result
