"""Entrusted enterprises (带贫企业), the households linked to them and enterprise-use loans (户贷企用): writes and
the queries of the Enterprises page and its ledger.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.codes import phone_error
from app.domain.ownership import require_create
from app.domain.programs.dividends import dividend_rows
from app.domain.programs.rules import DividendState, check_credit_code
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models import Enterprise, EnterpriseHousehold, EnterpriseObservation, Household, Loan
from app.models.enums import BusinessStatus
from app.models.programs import BenefitLink


@dataclass(frozen=True)
class EnterpriseInput:
    name: str
    credit_code: str = ""
    contact: str = ""
    phone: str = ""
    industry: str = ""
    address: str = ""
    benefit_link: BenefitLink = BenefitLink.DIVIDEND
    note: str = ""


def save_enterprise(store: StoreLike, values: EnterpriseInput, enterprise_id: uuid.UUID | None = None
                    ) -> tuple[uuid.UUID, str]:
    """Create or update an enterprise; returns its id and the credit-code warning kept with it ('' if none)."""
    require_create(store, "enterprises")
    name = values.name.strip()
    if not name:
        raise ValidationError(translate("Programs", "The enterprise needs a name."))
    code, warning = check_credit_code(values.credit_code)
    phone = values.phone.strip()
    problem = phone_error(phone)
    if problem:
        raise ValidationError(problem)
    with store.write() as session:
        if enterprise_id is None:
            row = Enterprise(name=name)
            session.add(row)
        else:
            found = session.get(Enterprise, enterprise_id)
            if found is None or found.deleted:
                raise ValidationError(translate("Programs", "This enterprise no longer exists."))
            row = found
        row.name, row.credit_code, row.credit_code_note = name, code, warning
        row.contact, row.phone, row.industry = values.contact.strip(), phone, values.industry.strip()
        row.address, row.benefit_link, row.note = values.address.strip(), BenefitLink(values.benefit_link), \
            values.note.strip()
        session.flush()
        return row.id, warning


def record_observation(store: StoreLike, enterprise_id: uuid.UUID, observed_on: dt.date, status: BusinessStatus | str,
                       note: str = "", visit_id: uuid.UUID | None = None) -> uuid.UUID:
    """A dated observation of the enterprise's operating status (on a visit, or by district staff)."""
    require_create(store, "enterprise_observations")
    if observed_on > dt.date.today():
        raise ValidationError(translate("Programs", "An observation cannot be dated in the future."))
    with store.write() as session:
        if session.get(Enterprise, enterprise_id) is None:
            raise ValidationError(translate("Programs", "This enterprise no longer exists."))
        row = EnterpriseObservation(enterprise_id=enterprise_id, observed_on=observed_on,
                                    status=BusinessStatus(status), note=note.strip(),
                                    observed_by=store.user.username, visit_id=visit_id)
        session.add(row)
        session.flush()
        return row.id


# -- enterprise queries ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EnterpriseRow:
    id: uuid.UUID
    name: str
    credit_code: str
    credit_code_note: str
    contact: str
    phone: str
    industry: str
    address: str
    benefit_link: BenefitLink
    note: str
    status: BusinessStatus | None
    status_on: dt.date | None
    households: int
    loans: int
    balance_fen: int
    dividends_overdue_fen: int


def latest_observations(session: Session, as_of: dt.date) -> dict[uuid.UUID, EnterpriseObservation]:
    """The latest observation on or before ``as_of`` of every enterprise."""
    found: dict[uuid.UUID, EnterpriseObservation] = {}
    for row in session.execute(sa.select(EnterpriseObservation)
                               .where(EnterpriseObservation.deleted.is_(False),
                                      EnterpriseObservation.observed_on <= as_of)
                               .order_by(EnterpriseObservation.observed_on, EnterpriseObservation.created_at)
                               ).scalars():
        found[row.enterprise_id] = row
    return found


def list_enterprises(session: Session, as_of: dt.date, scope: str | None = None, grace_days: int = 0,
                     text: str = "") -> list[EnterpriseRow]:
    """Enterprises with their latest status, linked households and enterprise-use loans (of ``scope``'s street)."""
    query = sa.select(Enterprise).where(Enterprise.deleted.is_(False)).order_by(Enterprise.name)
    if text:
        query = query.where(sa.or_(Enterprise.name.contains(text), Enterprise.credit_code.contains(text.upper())))
    enterprises = list(session.execute(query).scalars())
    latest = latest_observations(session, as_of)
    link_q = (sa.select(EnterpriseHousehold.enterprise_id, sa.func.count())
              .join(Household, Household.id == EnterpriseHousehold.household_id)
              .where(EnterpriseHousehold.deleted.is_(False)).group_by(EnterpriseHousehold.enterprise_id))
    loan_q = (sa.select(Loan.enterprise_id, sa.func.count(), sa.func.sum(Loan.balance_fen))
              .where(Loan.deleted.is_(False), Loan.enterprise_id.is_not(None)).group_by(Loan.enterprise_id))
    if scope:
        link_q = link_q.where(Household.street_code == scope)
        loan_q = loan_q.where(Loan.street_code == scope)
    links = dict(session.execute(link_q).all())
    loans = {e: (int(n), int(b or 0)) for e, n, b in session.execute(loan_q)}
    overdue: dict[uuid.UUID, int] = defaultdict(int)
    for row in dividend_rows(session, as_of, scope, grace_days=grace_days):
        if row.state is DividendState.OVERDUE:
            overdue[row.enterprise_id] += row.unpaid_fen
    result = []
    for e in enterprises:
        seen = latest.get(e.id)
        count, balance = loans.get(e.id, (0, 0))
        result.append(EnterpriseRow(e.id, e.name, e.credit_code, e.credit_code_note, e.contact, e.phone, e.industry,
                                    e.address, e.benefit_link, e.note, seen.status if seen else None,
                                    seen.observed_on if seen else None, int(links.get(e.id, 0)), count, balance,
                                    overdue.get(e.id, 0)))
    return result


@dataclass(frozen=True)
class ObservationRow:
    id: uuid.UUID
    observed_on: dt.date
    status: BusinessStatus
    note: str
    observed_by: str
    visit_id: uuid.UUID | None


def observations(session: Session, enterprise_id: uuid.UUID) -> list[ObservationRow]:
    rows = session.execute(sa.select(EnterpriseObservation)
                           .where(EnterpriseObservation.enterprise_id == enterprise_id,
                                  EnterpriseObservation.deleted.is_(False))
                           .order_by(EnterpriseObservation.observed_on.desc())).scalars()
    return [ObservationRow(o.id, o.observed_on, o.status, o.note, o.observed_by, o.visit_id) for o in rows]


def enterprise_choices(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of the enterprises, by name, for choosing one."""
    return [(i, n) for i, n in session.execute(sa.select(Enterprise.id, Enterprise.name)
                                               .where(Enterprise.deleted.is_(False)).order_by(Enterprise.name))]


