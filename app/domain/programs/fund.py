"""The risk compensation fund (风险补偿金): contributions, compensation payouts and its leverage against the
covered loans.
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
from app.domain.permissions import Permission
from app.domain.programs.rules import ProgramRule, ProgramWarning, leverage_exceeded
from app.domain.risk import is_live
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import FundContribution, FundPayout, FundPayoutItem, Loan, Street
from app.models.enums import Disposal, Severity


def add_contribution(store: StoreLike, contributed_on: dt.date, amount_fen: int, source: str,
                     note: str = "") -> uuid.UUID:
    store.require(Permission.MANAGE_FUND)
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


def add_payout(store: StoreLike, paid_on: dt.date, items: Sequence[PayoutItem], note: str = "") -> uuid.UUID:
    """Compensation paid from the fund for one or more loans, each settling (optionally) a compensation-claim
    disposal of that loan. Refused when the fund does not hold enough on that day."""
    from app.models.risk import DisposalProposal, DisposalStatus

    store.require(Permission.MANAGE_FUND)
    if not items:
        raise ValidationError(translate("Programs", "A payout names at least one loan."))
    if any(item.amount_fen <= 0 for item in items):
        raise ValidationError(translate("Programs", "Each loan's compensation needs an amount above zero."))
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
        for item in items:
            loan = session.get(Loan, item.loan_id)
            if loan is None or loan.deleted:
                raise ValidationError(translate("Programs", "This loan no longer exists."))
            if item.disposal_id is not None:
                disposal = session.get(DisposalProposal, item.disposal_id)
                if disposal is None or disposal.loan_id != loan.id or disposal.kind is not Disposal.COMPENSATION_CLAIM:
                    raise ValidationError(translate("Programs", "The decision chosen for the loan {contract} is not "
                                                                "a compensation "
                                              "claim of that loan.", contract=loan.contract_no))
                if disposal.status not in (DisposalStatus.APPROVED, DisposalStatus.EXECUTED):
                    raise ValidationError(translate("Programs", "The compensation claim of the loan {contract} is "
                                                                "not approved yet.",
                                              contract=loan.contract_no))
            session.add(FundPayoutItem(payout_id=payout.id, loan_id=loan.id, disposal_id=item.disposal_id,
                                       amount_fen=item.amount_fen))
        return payout.id


@dataclass(frozen=True)
class CompensationCandidate:
    """An approved or executed compensation-claim disposal not yet (fully) paid from the fund."""

    disposal_id: uuid.UUID
    loan_id: uuid.UUID
    contract_no: str
    borrower_name: str
    street_name: str
    claim_fen: int
    paid_fen: int


def compensation_candidates(session: Session) -> list[CompensationCandidate]:
    from app.models.risk import DisposalProposal, DisposalStatus

    paid = dict(session.execute(sa.select(FundPayoutItem.disposal_id, sa.func.sum(FundPayoutItem.amount_fen))
                                .where(FundPayoutItem.deleted.is_(False), FundPayoutItem.disposal_id.is_not(None))
                                .group_by(FundPayoutItem.disposal_id)).all())
    rows = session.execute(
        sa.select(DisposalProposal.id, Loan.id, Loan.contract_no, Loan.borrower_name, Street.name,
                  sa.func.coalesce(DisposalProposal.claim_fen, DisposalProposal.balance_before_fen))
        .join(Loan, Loan.id == DisposalProposal.loan_id).join(Street, Street.code == Loan.street_code)
        .where(DisposalProposal.kind == Disposal.COMPENSATION_CLAIM, DisposalProposal.deleted.is_(False),
               DisposalProposal.status.in_([DisposalStatus.APPROVED, DisposalStatus.EXECUTED]))
        .order_by(DisposalProposal.proposed_on)).all()
    return [CompensationCandidate(d, loan, contract, borrower, street, int(claim or 0), int(paid.get(d) or 0))
            for d, loan, contract, borrower, street, claim in rows if int(paid.get(d) or 0) < int(claim or 0)]


@dataclass(frozen=True)
class FundPosition:
    as_of: dt.date
    contributions_fen: int
    payouts_fen: int
    covered_fen: int
    covered_count: int
    limit: int

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


def fund_position(store: StoreLike, as_of: dt.date | None = None) -> FundPosition:
    from app.domain.risk_query import LoanFilter, loan_facts

    as_of = as_of or dt.date.today()
    cap = store.setting(settings.LOAN_CAP_YUAN) * 100
    with store.read() as session:
        inflow, outflow = fund_balance(session, as_of)
        covered = covered_loans(loan_facts(session, as_of, LoanFilter(street=scope_street(store))), as_of, cap)
    return FundPosition(as_of, inflow, outflow, sum(f.balance_fen for f in covered), len(covered),
                        store.setting(settings.FUND_LEVERAGE_MAX))


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
