"""Enterprise-use loans (户贷企用): marking a loan used by an enterprise (only if made on or before the cutoff) or back
to household use, the loans so marked and those the risk rule finds after the cutoff."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app import settings
from app.domain.codes import mask_citizen_id
from app.domain.loan_history import LaterHistory
from app.domain.ownership import require_write
from app.domain.programs.enterprises import latest_observations
from app.domain.programs.links import link_in_session
from app.domain.programs.rules import enterprise_use_problem
from app.domain.risk import RiskWarning, Rule, after_enterprise_cutoff
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models import (
    Bank,
    DividendPayment,
    DividendSchedule,
    Enterprise,
    EnterpriseHousehold,
    Household,
    Loan,
    Street,
    Village,
)
from app.models.enums import BusinessStatus, UseMode
from app.models.programs import BenefitLink


def mark_enterprise_use(store: StoreLike, loan_id: uuid.UUID, enterprise_id: uuid.UUID) -> None:
    """Mark a loan as used by an entrusted enterprise (户贷企用) and link its household to the enterprise.

    Refused for a loan made after the cutoff, naming the cutoff."""
    require_write(store, "loans", "enterprise_id")
    cutoff = store.setting(settings.ENTERPRISE_USE_CUTOFF)
    with store.write() as session:
        loan = session.get(Loan, loan_id)
        if loan is None or loan.deleted:
            raise ValidationError(translate("Programs", "This loan no longer exists."))
        problem = enterprise_use_problem(loan.disbursed_on, cutoff)
        if problem:
            raise ValidationError(problem)
        link_in_session(session, enterprise_id, loan.household_id, None, loan.disbursed_on, "")
        loan.use_mode, loan.enterprise_id = UseMode.ENTERPRISE, enterprise_id


def mark_household_use(store: StoreLike, loan_id: uuid.UUID) -> None:
    """Back to household use (户贷户用): always allowed."""
    require_write(store, "loans", "enterprise_id")
    with store.write() as session:
        loan = session.get(Loan, loan_id)
        if loan is None or loan.deleted:
            raise ValidationError(translate("Programs", "This loan no longer exists."))
        loan.use_mode, loan.enterprise_id = UseMode.HOUSEHOLD, None


def enterprise_use_violations(store: StoreLike, as_of: dt.date | None = None) -> list[RiskWarning]:
    """Enterprise-use loans made after the cutoff: the risk rule's warnings (reused, not repeated)."""
    from app.domain.risk_query import warnings

    return warnings(store, as_of, rules=[Rule.ENTERPRISE], street=scope_street(store))


@dataclass(frozen=True)
class EnterpriseUseRow:
    """One enterprise-use loan: a row of the 户贷企用 ledger and of the Enterprises page's loan list."""

    loan_id: uuid.UUID
    enterprise_id: uuid.UUID | None
    enterprise_name: str
    credit_code: str
    benefit_link: BenefitLink | None
    status: BusinessStatus | None
    street_name: str
    village_name: str
    head_name: str
    borrower_name: str
    borrower_citizen_id: str
    bank_name: str
    contract_no: str
    amount_fen: int
    disbursed_on: dt.date
    matures_on: dt.date
    balance_fen: int
    dividends_due_fen: int  # scheduled with a due date on or before as_of
    dividends_paid_fen: int  # paid on or before as_of
    after_cutoff: bool

    @property
    def masked_id(self) -> str:
        return mask_citizen_id(self.borrower_citizen_id)


def enterprise_use_rows(session: Session, as_of: dt.date, scope: str | None = None,
                        cutoff: dt.date | None = None, enterprise_id: uuid.UUID | None = None
                        ) -> list[EnterpriseUseRow]:
    cutoff = cutoff or settings.ENTERPRISE_USE_CUTOFF.default
    link = aliased(EnterpriseHousehold)
    query = (sa.select(Loan.id, Loan.enterprise_id, Enterprise.name, Enterprise.credit_code,
                       sa.func.coalesce(link.benefit_link, Enterprise.benefit_link), Street.name, Village.name,
                       Household.head_name, Loan.borrower_name, Loan.borrower_citizen_id, Bank.name,
                       Loan.contract_no, Loan.amount_fen, Loan.disbursed_on, Loan.matures_on, Loan.balance_fen,
                       Loan.household_id)
             .join(Household, Household.id == Loan.household_id)
             .join(Street, Street.code == Loan.street_code)
             .join(Bank, Bank.id == Loan.bank_id)
             .outerjoin(Village, Village.id == Household.village_id)
             .outerjoin(Enterprise, Enterprise.id == Loan.enterprise_id)
             .outerjoin(link, sa.and_(link.enterprise_id == Loan.enterprise_id,
                                      link.household_id == Loan.household_id, link.deleted.is_(False)))
             .where(Loan.deleted.is_(False), Loan.use_mode == UseMode.ENTERPRISE, Loan.disbursed_on <= as_of)
             .order_by(Enterprise.name, Loan.street_code, Village.name, Household.head_initials, Loan.contract_no))
    if scope:
        query = query.where(Loan.street_code == scope)
    if enterprise_id is not None:
        query = query.where(Loan.enterprise_id == enterprise_id)
    rows = session.execute(query).all()
    history = LaterHistory(session, as_of, [r[0] for r in rows])  # amounts, maturities, balances of that day
    latest = latest_observations(session, as_of)
    due: dict[tuple[Any, Any], int] = defaultdict(int)
    paid: dict[tuple[Any, Any], int] = defaultdict(int)
    for e_id, h_id, amount in session.execute(
            sa.select(DividendSchedule.enterprise_id, DividendSchedule.household_id, DividendSchedule.amount_fen)
            .where(DividendSchedule.deleted.is_(False), DividendSchedule.due_on <= as_of)):
        due[(e_id, h_id)] += amount
    for e_id, h_id, amount in session.execute(
            sa.select(DividendSchedule.enterprise_id, DividendSchedule.household_id, DividendPayment.amount_fen)
            .join(DividendSchedule, DividendSchedule.id == DividendPayment.schedule_id)
            .where(DividendPayment.deleted.is_(False), DividendSchedule.deleted.is_(False),
                   DividendPayment.paid_on <= as_of)):
        paid[(e_id, h_id)] += amount
    seen_pairs: set[tuple[Any, Any]] = set()
    result = []
    for (loan_id, ent, name, code, mode, street, village, head, borrower, cid, bank, contract, amount, disbursed,
         matures, balance, household) in rows:
        pair = (ent, household)
        # a household's dividends are counted once even if it has two enterprise-use loans with the enterprise
        first = pair not in seen_pairs
        seen_pairs.add(pair)
        seen = latest.get(ent) if ent else None
        if loan_id.hex in history.loans:
            state = history.rewind(loan_id.hex, {"amount_fen": amount, "matures_on": matures, "balance_fen": balance})
            amount, matures, balance = state["amount_fen"], state["matures_on"], max(0, state["balance_fen"])
        result.append(EnterpriseUseRow(
            loan_id, ent, name or "", code or "", BenefitLink(mode) if mode else None, seen.status if seen else None,
            street, village or "", head, borrower, cid, bank, contract, amount, disbursed, matures, balance,
            due.get(pair, 0) if first and ent else 0, paid.get(pair, 0) if first and ent else 0,
            after_enterprise_cutoff(disbursed, cutoff)))
    return result
