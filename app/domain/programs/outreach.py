"""Outreach (宣传教育): campaigns and sessions with their photos."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.ownership import require_create
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models import OutreachCampaign, OutreachPhoto, OutreachSession, Street


def add_campaign(store: StoreLike, name: str, starts_on: dt.date, ends_on: dt.date | None = None, organiser: str = "",
                 note: str = "") -> uuid.UUID:
    require_create(store, "outreach_campaigns")
    if not name.strip():
        raise ValidationError(translate("Programs", "The campaign needs a name."))
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(translate("Programs", "A campaign cannot end before it starts."))
    with store.write() as session:
        row = OutreachCampaign(name=name.strip(), starts_on=starts_on, ends_on=ends_on, organiser=organiser.strip(),
                               note=note.strip())
        session.add(row)
        session.flush()
        return row.id


@dataclass(frozen=True)
class SessionInput:
    held_on: dt.date
    place: str
    topic: str
    organiser: str = ""
    people_reached: int = 0
    street_code: str | None = None
    campaign_id: uuid.UUID | None = None
    note: str = ""
    images: tuple[Any, ...] = field(default=())  # PreparedImage (app.domain.attachments)


def add_session(store: StoreLike, values: SessionInput) -> uuid.UUID:
    """An outreach session with its photos (stored encrypted in the database as attachments)."""
    from app.domain.attachments import store_attachments

    require_create(store, "outreach_sessions")
    if not values.place.strip() or not values.topic.strip():
        raise ValidationError(translate("Programs", "A session needs a place and a topic."))
    if values.people_reached < 0:
        raise ValidationError(translate("Programs", "The number of people reached cannot be negative."))
    if values.held_on > dt.date.today():
        raise ValidationError(translate("Programs", "A session cannot be recorded before it is held."))
    street = values.street_code or scope_street(store)
    scope = scope_street(store)
    if scope and street != scope:
        raise ValidationError(translate("Programs", "A field node records sessions of its own street only."))
    with store.write() as session:
        row = OutreachSession(campaign_id=values.campaign_id, held_on=values.held_on, street_code=street,
                              place=values.place.strip(), topic=values.topic.strip(),
                              organiser=values.organiser.strip(), people_reached=values.people_reached,
                              note=values.note.strip())
        session.add(row)
        session.flush()
        for position, attachment in enumerate(store_attachments(session, values.images)):
            session.add(OutreachPhoto(session_id=row.id, street_code=street, attachment_id=attachment.id,
                                      position=position))
        return row.id


@dataclass(frozen=True)
class SessionRow:
    """An outreach session: a row of the outreach ledger and of the Fund & subsidies page."""

    session_id: uuid.UUID
    held_on: dt.date
    campaign_name: str
    street_name: str
    place: str
    topic: str
    organiser: str
    people_reached: int
    photos: int
    note: str


def session_rows(session: Session, scope: str | None = None, as_of: dt.date | None = None) -> list[SessionRow]:
    photos = dict(session.execute(sa.select(OutreachPhoto.session_id, sa.func.count())
                                  .where(OutreachPhoto.deleted.is_(False))
                                  .group_by(OutreachPhoto.session_id)).all())
    query = (sa.select(OutreachSession.id, OutreachSession.held_on, OutreachCampaign.name, Street.name,
                       OutreachSession.place, OutreachSession.topic, OutreachSession.organiser,
                       OutreachSession.people_reached, OutreachSession.note)
             .outerjoin(OutreachCampaign, OutreachCampaign.id == OutreachSession.campaign_id)
             .outerjoin(Street, Street.code == OutreachSession.street_code)
             .where(OutreachSession.deleted.is_(False))
             .order_by(OutreachSession.held_on.desc(), OutreachSession.id))
    if scope:
        query = query.where(sa.or_(OutreachSession.street_code == scope, OutreachSession.street_code.is_(None)))
    if as_of is not None:
        query = query.where(OutreachSession.held_on <= as_of)
    return [SessionRow(sid, held, campaign or "", street or "", place, topic, organiser, reached,
                       int(photos.get(sid, 0)), note)
            for sid, held, campaign, street, place, topic, organiser, reached, note in session.execute(query)]


def session_photos(session: Session, session_id: uuid.UUID) -> list[tuple[uuid.UUID, bytes, str]]:
    """(attachment id, thumbnail, name) of a session's photos present on this node."""
    from app.models import Attachment

    return [(a, bytes(t or b""), n) for a, t, n in session.execute(
        sa.select(Attachment.id, Attachment.thumbnail, Attachment.original_name)
        .join(OutreachPhoto, OutreachPhoto.attachment_id == Attachment.id)
        .where(OutreachPhoto.session_id == session_id, OutreachPhoto.deleted.is_(False))
        .order_by(OutreachPhoto.position))]


def campaigns(session: Session) -> list[tuple[uuid.UUID, str]]:
    return [(i, n) for i, n in session.execute(sa.select(OutreachCampaign.id, OutreachCampaign.name)
                                                .where(OutreachCampaign.deleted.is_(False))
                                                .order_by(OutreachCampaign.starts_on.desc()))]
