"""Households linked to an entrusted enterprise (带贫联结): linking one, listing them, their visits."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import translate
from app.models import Enterprise, EnterpriseHousehold, Household, Loan, Street, Village
from app.models.programs import BenefitLink
from app.models.records import Visit


def link_in_session(session: Session, enterprise_id: uuid.UUID, household_id: uuid.UUID,
                    benefit_link: BenefitLink | str | None, linked_on: dt.date | None, note: str) -> uuid.UUID:
    """Link (or re-link) a household to an enterprise inside an open write; a mode, day or note given replaces the
    link's. Also used when a dividend or an enterprise-use loan implies the link."""
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None or enterprise.deleted:
        raise ValidationError(translate("Programs", "This enterprise no longer exists."))
    if session.get(Household, household_id) is None:
        raise ValidationError(translate("Programs", "This household no longer exists."))
    link = session.execute(sa.select(EnterpriseHousehold).where(
        EnterpriseHousehold.enterprise_id == enterprise_id,
        EnterpriseHousehold.household_id == household_id)).scalar_one_or_none()
    mode = BenefitLink(benefit_link) if benefit_link else enterprise.benefit_link
    if link is None:
        link = EnterpriseHousehold(enterprise_id=enterprise_id, household_id=household_id, benefit_link=mode,
                                   linked_on=linked_on, note=note)
        session.add(link)
    else:
        link.deleted = False
        if benefit_link:
            link.benefit_link = mode
        if linked_on:
            link.linked_on = linked_on
        if note:
            link.note = note
    session.flush()
    return link.id


def linked_household_visits(session: Session, enterprise_id: uuid.UUID, limit: int = 50
                            ) -> list[tuple[uuid.UUID, dt.date, str]]:
    """(visit id, date, head's name) of the latest visits to the households linked to an enterprise, newest
    first: an observation of the enterprise may have been made on one of them."""
    rows = session.execute(
        sa.select(Visit.id, Visit.visited_on, Household.head_name)
        .join(Household, Household.id == Visit.household_id)
        .join(EnterpriseHousehold, EnterpriseHousehold.household_id == Visit.household_id)
        .where(EnterpriseHousehold.enterprise_id == enterprise_id, Visit.deleted.is_(False))
        .order_by(Visit.visited_on.desc()).limit(limit)).all()
    return [(visit_id, on, name) for visit_id, on, name in rows]


@dataclass(frozen=True)
class LinkedHouseholdRow:
    household_id: uuid.UUID
    street_name: str
    village_name: str
    head_name: str
    head_citizen_id: str
    benefit_link: BenefitLink
    linked_on: dt.date | None
    loans: int
    balance_fen: int


def linked_households(session: Session, enterprise_id: uuid.UUID, scope: str | None = None
                      ) -> list[LinkedHouseholdRow]:
    query = (sa.select(Household.id, Street.name, Village.name, Household.head_name, Household.head_citizen_id,
                       EnterpriseHousehold.benefit_link, EnterpriseHousehold.linked_on)
             .join(Household, Household.id == EnterpriseHousehold.household_id)
             .join(Street, Street.code == Household.street_code)
             .outerjoin(Village, Village.id == Household.village_id)
             .where(EnterpriseHousehold.enterprise_id == enterprise_id, EnterpriseHousehold.deleted.is_(False))
             .order_by(Household.street_code, Village.name, Household.head_initials))
    if scope:
        query = query.where(Household.street_code == scope)
    loans = {h: (int(n), int(b or 0)) for h, n, b in session.execute(
        sa.select(Loan.household_id, sa.func.count(), sa.func.sum(Loan.balance_fen))
        .where(Loan.enterprise_id == enterprise_id, Loan.deleted.is_(False)).group_by(Loan.household_id))}
    return [LinkedHouseholdRow(h, s, v or "", name, cid, mode, on, *loans.get(h, (0, 0)))
            for h, s, v, name, cid, mode, on in session.execute(query)]
