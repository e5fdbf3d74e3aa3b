"""One loan: found by its contract number (:func:`find_loan`, the one lookup every page and command uses) or by id,
and its detail (contract facts, the state derived from its dates, repayments and its history from the audit log).

Contract numbers are unique only within a bank: two banks may each have a loan "BQ-7". :func:`find_loan` therefore
refuses a number several banks share unless the bank is named, listing the banks, and never picks one silently.
Like every query it is narrowed by the street scope: a field node finds only its own street's loans.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.codes import mask_citizen_id
from app.domain.money import yuan
from app.domain.permissions import Permission
from app.domain.registry import LoanRow, loan_rows, loan_select
from app.domain.scope import in_scope, scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import AuditEntry, Bank, Loan, Repayment
from app.models.enums import LoanStatus, PurposeCategory, RiskClass, UseMode


class AmbiguousContract(ValidationError):
    """Several banks have a loan with this contract number; ``banks`` are their names."""

    def __init__(self, contract: str, banks: list[str]) -> None:
        super().__init__(translate("Loans", "Several banks have a loan with the contract number {contract} "
                                            "({banks}); name the bank.", contract=contract, banks=", ".join(banks)))
        self.contract = contract
        self.banks = banks


def find_loan(session: Session, contract: str, bank: str | None = None, scope: str | None = None) -> Loan:
    """The loan with contract number ``contract`` (at ``bank``, its code or name, when given) within ``scope``.

    Raises ValidationError when there is none, :class:`AmbiguousContract` when several banks have one."""
    contract = contract.strip()
    if not contract:
        raise ValidationError(translate("Loans", "Enter a contract number."))
    query = (sa.select(Loan, Bank.name).join(Bank, Bank.id == Loan.bank_id)
             .where(Loan.contract_no == contract, Loan.deleted.is_(False)))
    if bank and bank.strip():
        query = query.where(sa.or_(Bank.code == bank.strip(), Bank.name == bank.strip()))
    if scope:
        query = query.where(Loan.street_code == scope)
    found = session.execute(query.order_by(Bank.name)).all()
    if not found:
        if bank and bank.strip():
            raise ValidationError(translate("Loans", "No loan with the contract number {contract} at {bank}.",
                                            contract=contract, bank=bank.strip()))
        raise ValidationError(translate("Loans", "No loan with the contract number {contract}.", contract=contract))
    if len(found) > 1:
        raise AmbiguousContract(contract, [name for _loan, name in found])
    loan: Loan = found[0][0]
    return loan


def find_loan_row(session: Session, contract: str, bank: str | None = None, scope: str | None = None,
                  as_of: dt.date | None = None) -> LoanRow:
    """:func:`find_loan`, as the loan lists show it (with its bank's name, household and derived state)."""
    loan = find_loan(session, contract, bank, scope)
    found = session.execute(loan_select().where(Loan.id == loan.id)).one()
    return loan_rows(session, [found], as_of or dt.date.today())[0]


def loan_by_id(session: Session, loan_id: uuid.UUID, scope: str | None = None) -> Loan:
    """The loan with this id within ``scope``; raises ValidationError when it is gone or not visible here."""
    loan = session.get(Loan, loan_id)
    if loan is None or loan.deleted or not in_scope(loan.street_code, scope):
        raise ValidationError(translate("Loans", "This loan no longer exists."))
    return loan


def contract_numbers(session: Session, loan_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Loan id → contract number, for lists that name loans by their contract."""
    if not loan_ids:
        return {}
    return {loan_id: contract for loan_id, contract in
            session.execute(sa.select(Loan.id, Loan.contract_no).where(Loan.id.in_(loan_ids)))}


# -- the detail window's data ----------------------------------------------------------------------------------
#: bookkeeping columns every synced change touches; the history shows what a person changed
_BOOKKEEPING = frozenset({"hlc", "updated_at", "updated_by", "created_at", "created_by", "origin_node", "id"})
FIELD_LABELS = {
    "contract_no": QT_TRANSLATE_NOOP("Registry", "contract no."),
    "borrower_name": QT_TRANSLATE_NOOP("Registry", "borrower"),
    "borrower_citizen_id": QT_TRANSLATE_NOOP("Registry", "borrower's citizen ID"),
    "amount_fen": QT_TRANSLATE_NOOP("Registry", "amount"),
    "disbursed_on": QT_TRANSLATE_NOOP("Registry", "disbursed on"),
    "term_months": QT_TRANSLATE_NOOP("Registry", "term (months)"),
    "matures_on": QT_TRANSLATE_NOOP("Registry", "matures on"),
    "rate_bp": QT_TRANSLATE_NOOP("Registry", "rate"),
    "purpose_category": QT_TRANSLATE_NOOP("Registry", "purpose"),
    "purpose_text": QT_TRANSLATE_NOOP("Registry", "purpose description"),
    "use_mode": QT_TRANSLATE_NOOP("Registry", "use mode"),
    "balance_fen": QT_TRANSLATE_NOOP("Registry", "balance"),
    "overdue_fen": QT_TRANSLATE_NOOP("Registry", "overdue amount"),
    "overdue_since": QT_TRANSLATE_NOOP("Registry", "overdue since"),
    "interest_arrears_fen": QT_TRANSLATE_NOOP("Registry", "interest arrears"),
    "risk_class": QT_TRANSLATE_NOOP("Registry", "risk class"),
    "risk_class_on": QT_TRANSLATE_NOOP("Registry", "risk class date"),
    "risk_class_reason": QT_TRANSLATE_NOOP("Registry", "risk class reason"),
    "subsidy_claimed_fen": QT_TRANSLATE_NOOP("Registry", "subsidy claimed"),
    "subsidy_paid_fen": QT_TRANSLATE_NOOP("Registry", "subsidy paid"),
    "extended_months": QT_TRANSLATE_NOOP("Registry", "months extended"),
    "status": QT_TRANSLATE_NOOP("Registry", "status"),
    "deleted": QT_TRANSLATE_NOOP("Registry", "deleted"),
}
_ENUMS: dict[str, Any] = {"status": LoanStatus, "risk_class": RiskClass, "purpose_category": PurposeCategory,
                          "use_mode": UseMode}
#: what the "recorded" line of the history says about a new loan
_RECORDED = ("amount_fen", "balance_fen", "disbursed_on", "matures_on", "status", "risk_class")
ACTIONS = {"insert": QT_TRANSLATE_NOOP("Registry", "recorded"), "update": QT_TRANSLATE_NOOP("Registry", "changed"),
           "delete": QT_TRANSLATE_NOOP("Registry", "removed")}


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    actor: str
    action: str
    changes: list[tuple[str, str, str]]  # (field label, old, new)

    @property
    def action_label(self) -> str:
        return translate("Registry", ACTIONS.get(self.action, self.action))


@dataclass(frozen=True)
class LoanDetail:
    row: LoanRow
    loan: Loan
    repayments: list[Repayment]
    history: list[HistoryEntry]


def _shown(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if key.endswith("_fen") and isinstance(value, int):
        return yuan(value)
    if key == "rate_bp" and isinstance(value, int):
        return f"{value / 100:.2f}%"
    if key in _ENUMS:
        try:
            return str(_ENUMS[key](value).label)
        except ValueError:
            return str(value)
    if key.endswith("citizen_id"):
        return mask_citizen_id(str(value))
    return str(value)


def _local(at: dt.datetime) -> dt.datetime:
    """The log keeps UTC; people read their own clock."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone()


def loan_audit_history(session: Session, loan_id: uuid.UUID) -> list[HistoryEntry]:
    """Every recorded change of the loan from the audit log, oldest first, with old → new values."""
    entries = []
    for at, actor, action, data in session.execute(
            sa.select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.data)
            .where(AuditEntry.table_name == Loan.__tablename__, AuditEntry.record_id == str(loan_id))
            .order_by(AuditEntry.seq)):
        body = json.loads(data)
        old, new = body.get("old") or {}, body.get("new") or {}
        if action == "insert":  # one line: what the loan was when it was recorded
            summary = "; ".join(f"{translate('Registry', FIELD_LABELS[k])} {_shown(k, new.get(k))}"
                                for k in _RECORDED if k in new)
            changes = [("", "", summary)]
        else:
            keys = [k for k in (new if action != "delete" else old) if k not in _BOOKKEEPING]
            changes = [(translate("Registry", FIELD_LABELS[k]) if k in FIELD_LABELS else k,
                        _shown(k, old.get(k)), _shown(k, new.get(k))) for k in keys]
        entries.append(HistoryEntry(_local(at), actor, action, changes))
    return entries


def load_loan_detail(store: StoreLike, loan_id: uuid.UUID, as_of: dt.date | None = None) -> LoanDetail | None:
    """The loan within the node's scope, its repayments and its audit history; None if not visible here."""
    store.require(Permission.VIEW_RECORDS)
    as_of = as_of or dt.date.today()
    scope = scope_street(store)
    with store.read() as session:
        conditions = [Loan.id == loan_id, Loan.deleted.is_(False)]
        if scope:
            conditions.append(Loan.street_code == scope)
        found = session.execute(loan_select().where(*conditions)).first()
        if found is None:
            return None
        loan = session.get(Loan, loan_id)
        assert loan is not None
        repayments = list(session.execute(sa.select(Repayment).where(Repayment.loan_id == loan_id,
                                                                     Repayment.deleted.is_(False))
                                          .order_by(Repayment.paid_on)).scalars())
        return LoanDetail(loan_rows(session, [found], as_of)[0], loan, repayments,
                          loan_audit_history(session, loan_id))


# -- a repayment entered by hand (the bank role; statements come through app/reports/import_repayments.py) ----------
def add_repayment(store: StoreLike, loan_id: uuid.UUID, paid_on: dt.date, principal_fen: int, interest_fen: int = 0,
                  arrears_fen: int | None = None, note: str = "", today: dt.date | None = None) -> None:
    """Record one repayment of the loan (``EDIT_LOANS``: the lending bank) with the checks of the statement import:
    not before the loan was made nor in the future, something repaid, no more principal than the loan owes. The
    loan's balance and state change through :func:`app.domain.loan_history.record_repayment` (a dated history)."""
    from app.domain.loan_history import record_repayment

    store.require(Permission.EDIT_LOANS)
    today = today or dt.date.today()
    if principal_fen < 0 or interest_fen < 0 or (arrears_fen is not None and arrears_fen < 0):
        raise ValidationError(translate("Loans", "Amounts cannot be negative."))
    if principal_fen == 0 and interest_fen == 0 and arrears_fen is None:
        raise ValidationError(translate("Loans", "Enter the principal or the interest repaid."))
    if paid_on > today:
        raise ValidationError(translate("Loans", "The repayment date {date} is in the future.",
                                        date=paid_on.isoformat()))
    with store.write() as session:
        loan = loan_by_id(session, loan_id, scope_street(store))
        if paid_on < loan.disbursed_on:
            raise ValidationError(translate("Loans", "The repayment date {date} is before the loan was made on "
                                                     "{disbursed}.", date=paid_on.isoformat(),
                                            disbursed=loan.disbursed_on.isoformat()))
        if principal_fen > loan.balance_fen:
            raise ValidationError(translate("Loans", "The principal of {principal} yuan is more than the {balance} "
                                                     "yuan the loan still owes.", principal=yuan(principal_fen),
                                            balance=yuan(max(loan.balance_fen, 0))))
        record_repayment(session, loan, paid_on, principal_fen, interest_fen, arrears_fen, note.strip()[:200],
                         source="manual")
