"""Dividends (分红) an enterprise owes its linked households: the schedule, payments, and which are overdue."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.domain.money import yuan
from app.domain.ownership import require_create
from app.domain.programs.links import link_in_session
from app.domain.programs.rules import DividendState, ProgramRule, ProgramWarning, dividend_state
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import DividendPayment, DividendSchedule, Enterprise, EnterpriseHousehold, Household, Street, Village
from app.models.enums import Severity
from app.models.programs import BenefitLink


def add_dividend(store: StoreLike, enterprise_id: uuid.UUID, household_id: uuid.UUID, due_on: dt.date, amount_fen: int,
                 period: str = "", note: str = "") -> uuid.UUID:
    """Schedule a dividend the enterprise owes a household (the household is linked if it was not)."""
    require_create(store, "dividend_schedules")
    if amount_fen <= 0:
        raise ValidationError(translate("Programs", "A dividend needs an amount above zero."))
    with store.write() as session:
        link_in_session(session, enterprise_id, household_id, None, None, "")
        row = DividendSchedule(enterprise_id=enterprise_id, household_id=household_id, due_on=due_on,
                               amount_fen=amount_fen, period=period.strip(), note=note.strip())
        session.add(row)
        session.flush()
        return row.id


def record_dividend_payment(store: StoreLike, schedule_id: uuid.UUID, paid_on: dt.date, amount_fen: int,
                            note: str = "") -> uuid.UUID:
    """A (possibly partial) payment of a scheduled dividend; paying more than is left is refused."""
    require_create(store, "dividend_payments")
    if amount_fen <= 0:
        raise ValidationError(translate("Programs", "A payment needs an amount above zero."))
    if paid_on > dt.date.today():
        raise ValidationError(translate("Programs", "A payment cannot be dated in the future."))
    with store.write() as session:
        schedule = session.get(DividendSchedule, schedule_id)
        if schedule is None or schedule.deleted:
            raise ValidationError(translate("Programs", "This dividend no longer exists."))
        paid = int(session.execute(sa.select(sa.func.coalesce(sa.func.sum(DividendPayment.amount_fen), 0))
                                   .where(DividendPayment.schedule_id == schedule_id,
                                          DividendPayment.deleted.is_(False))).scalar_one())
        left = schedule.amount_fen - paid
        if amount_fen > left:
            raise ValidationError(translate("Programs", "Only {left} yuan of this dividend is still unpaid; the "
                                                        "payment of {amount} "
                                      "yuan is more than that.", left=yuan(left), amount=yuan(amount_fen)))
        row = DividendPayment(schedule_id=schedule_id, household_id=schedule.household_id, paid_on=paid_on,
                              amount_fen=amount_fen, note=note.strip())
        session.add(row)
        session.flush()
        return row.id


@dataclass(frozen=True)
class DividendRow:
    """One scheduled dividend on ``as_of``: a row of the dividend ledger and of the Enterprises page."""

    schedule_id: uuid.UUID
    enterprise_id: uuid.UUID
    enterprise_name: str
    household_id: uuid.UUID
    street_code: str
    street_name: str
    village_name: str
    head_name: str
    head_citizen_id: str
    benefit_link: BenefitLink | None
    period: str
    due_on: dt.date
    amount_fen: int
    paid_fen: int
    last_paid_on: dt.date | None
    state: DividendState
    days_overdue: int
    note: str

    @property
    def unpaid_fen(self) -> int:
        return max(self.amount_fen - self.paid_fen, 0)


def dividend_rows(session: Session, as_of: dt.date, scope: str | None = None, *, grace_days: int = 0,
                  street: str | None = None, enterprise_id: uuid.UUID | None = None,
                  only_overdue: bool = False) -> list[DividendRow]:
    """Scheduled dividends (all due dates) with what was paid by ``as_of``, by street, village and household."""
    link = aliased(EnterpriseHousehold)
    query = (sa.select(DividendSchedule.id, DividendSchedule.enterprise_id, Enterprise.name, Household.id,
                       Household.street_code, Street.name, Village.name, Household.head_name,
                       Household.head_citizen_id, link.benefit_link, DividendSchedule.period, DividendSchedule.due_on,
                       DividendSchedule.amount_fen, DividendSchedule.note)
             .join(Enterprise, Enterprise.id == DividendSchedule.enterprise_id)
             .join(Household, Household.id == DividendSchedule.household_id)
             .join(Street, Street.code == Household.street_code)
             .outerjoin(Village, Village.id == Household.village_id)
             .outerjoin(link, sa.and_(link.enterprise_id == DividendSchedule.enterprise_id,
                                      link.household_id == DividendSchedule.household_id, link.deleted.is_(False)))
             .where(DividendSchedule.deleted.is_(False))
             .order_by(Household.street_code, Village.name, Household.head_initials, Enterprise.name,
                       DividendSchedule.due_on, DividendSchedule.id))
    for value in (scope, street):
        if value:
            query = query.where(Household.street_code == value)
    if enterprise_id is not None:
        query = query.where(DividendSchedule.enterprise_id == enterprise_id)
    paid: dict[uuid.UUID, int] = defaultdict(int)
    last: dict[uuid.UUID, dt.date] = {}
    for schedule_id, amount, on in session.execute(
            sa.select(DividendPayment.schedule_id, DividendPayment.amount_fen, DividendPayment.paid_on)
            .where(DividendPayment.deleted.is_(False), DividendPayment.paid_on <= as_of)):
        paid[schedule_id] += amount
        if schedule_id not in last or on > last[schedule_id]:
            last[schedule_id] = on
    result = []
    for (sid, ent, ent_name, hh, street_code, street_name, village, head, cid, mode, period, due_on, amount,
         note) in session.execute(query):
        state, days = dividend_state(due_on, amount, paid.get(sid, 0), as_of, grace_days)
        if only_overdue and state is not DividendState.OVERDUE:
            continue
        result.append(DividendRow(sid, ent, ent_name, hh, street_code, street_name, village or "", head, cid,
                                  BenefitLink(mode) if mode else None, period, due_on, amount, paid.get(sid, 0),
                                  last.get(sid), state, days, note))
    return result


@dataclass
class StreetDividends:
    street_code: str
    street_name: str
    scheduled: int = 0
    due_fen: int = 0  # due on or before as_of
    paid_fen: int = 0
    overdue_count: int = 0
    overdue_fen: int = 0


def dividends_by_street(rows: Iterable[DividendRow], as_of: dt.date) -> list[StreetDividends]:
    found: dict[str, StreetDividends] = {}
    for row in rows:
        item = found.setdefault(row.street_code, StreetDividends(row.street_code, row.street_name))
        item.scheduled += 1
        if row.due_on <= as_of:
            item.due_fen += row.amount_fen
        item.paid_fen += row.paid_fen
        if row.state is DividendState.OVERDUE:
            item.overdue_count += 1
            item.overdue_fen += row.unpaid_fen
    return [found[k] for k in sorted(found)]


def dividend_warnings(rows: Iterable[DividendRow], as_of: dt.date) -> list[ProgramWarning]:
    found = []
    for row in rows:
        if row.state is not DividendState.OVERDUE:
            continue
        severity = Severity.HIGH if row.days_overdue > 90 else Severity.MEDIUM
        found.append(ProgramWarning(
            ProgramRule.DIVIDEND_OVERDUE, severity, as_of, row.due_on, row.days_overdue, row.street_code,
            row.street_name, f"{row.head_name} / {row.enterprise_name}", row.schedule_id,
            QT_TRANSLATE_NOOP("Programs", "{enterprise} owes {household} a dividend of {amount} yuan due on {due}; "
                                          "{unpaid} yuan unpaid after {days} days"),
            {"enterprise": row.enterprise_name, "household": row.head_name, "amount": yuan(row.amount_fen),
             "due": row.due_on.isoformat(), "unpaid": yuan(row.unpaid_fen), "days": row.days_overdue}))
    return found
