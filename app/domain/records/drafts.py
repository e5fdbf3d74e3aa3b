"""Drafts: a form's values saved as it is typed (after a crash too), with the photos kept until it is submitted."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.attachments import PreparedImage
from app.domain.records.reading import AttachmentInfo
from app.domain.storelike import StoreLike
from app.errors import PermissionDenied, ValidationError
from app.i18n import translate
from app.models import Household
from app.models.base import utcnow
from app.models.enums import RecordKind
from app.models.records import Draft, DraftPhoto


def draft_images(session: Session, draft_id: uuid.UUID | None) -> list[PreparedImage]:
    """The photos kept with a draft, ready to be stored with the record made from it."""
    if draft_id is None:
        return []
    photos = session.execute(sa.select(DraftPhoto).where(DraftPhoto.draft_id == draft_id)
                             .order_by(DraftPhoto.position)).scalars()
    return [PreparedImage(sha256=p.sha256, mime=p.mime, data=p.data, thumbnail=p.thumbnail, width=p.width,
                          height=p.height, original_name=p.original_name) for p in photos]


def drop_draft(session: Session, draft_id: uuid.UUID | None) -> None:
    """Remove a draft and its photos (in the write that submitted the record)."""
    if draft_id is not None:
        session.execute(sa.delete(DraftPhoto).where(DraftPhoto.draft_id == draft_id))
        session.execute(sa.delete(Draft).where(Draft.id == draft_id))


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, uuid.UUID):
        return {"$uuid": str(value)}
    raise TypeError(type(value))


def _json_hook(obj: dict[str, Any]) -> Any:
    if set(obj) == {"$date"}:
        return dt.date.fromisoformat(obj["$date"])
    if set(obj) == {"$uuid"}:
        return uuid.UUID(obj["$uuid"])
    return obj


def dump_draft(data: Mapping[str, Any]) -> str:
    return json.dumps(data, default=_json_default, ensure_ascii=False, sort_keys=True)


def load_draft_data(text: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(text, object_hook=_json_hook)
    return loaded


@dataclass(frozen=True)
class DraftInfo:
    id: uuid.UUID
    kind: RecordKind
    household_id: uuid.UUID | None
    loan_id: uuid.UUID | None
    amends_id: uuid.UUID | None
    updated_at: dt.datetime
    data: dict[str, Any] = field(default_factory=dict)
    head_name: str = ""


def save_draft(store: StoreLike, kind: RecordKind, data: Mapping[str, Any], *, draft_id: uuid.UUID | None = None,
               household_id: uuid.UUID | None = None, loan_id: uuid.UUID | None = None,
               amends_id: uuid.UUID | None = None) -> uuid.UUID:
    """Create or overwrite the current user's draft; ``data`` is whatever the form needs to come back
    exactly as it was (raw text included), JSON with dates and UUIDs."""
    text = dump_draft(data)
    with store.write() as session:
        draft = session.get(Draft, draft_id) if draft_id else None
        if draft is None:
            draft = Draft(id=draft_id or uuid.uuid4(), kind=RecordKind(kind), owner=store.user.username,
                          household_id=household_id, loan_id=loan_id, amends_id=amends_id)
            session.add(draft)
        elif draft.owner != store.user.username:
            raise PermissionDenied(translate("Records", "This draft belongs to another user."))
        draft.data, draft.updated_at = text, utcnow()
        return draft.id


def find_drafts(store: StoreLike, kind: RecordKind | None = None, *, household_id: uuid.UUID | None = None,
                loan_id: uuid.UUID | None = None, amends_id: uuid.UUID | None = None,
                any_target: bool = True) -> list[DraftInfo]:
    """The current user's drafts, newest first; with ``any_target=False`` only those for exactly this
    household / loan / amended record."""
    query = (sa.select(Draft, Household.head_name).outerjoin(Household, Household.id == Draft.household_id)
             .where(Draft.owner == store.user.username).order_by(Draft.updated_at.desc()))
    if kind is not None:
        query = query.where(Draft.kind == RecordKind(kind))
    if not any_target:
        for column, value in ((Draft.household_id, household_id), (Draft.loan_id, loan_id),
                              (Draft.amends_id, amends_id)):
            query = query.where(column.is_(None) if value is None else column == value)
    with store.read() as session:
        return [DraftInfo(d.id, d.kind, d.household_id, d.loan_id, d.amends_id, d.updated_at,
                          load_draft_data(d.data), head or "") for d, head in session.execute(query)]


def load_draft(store: StoreLike, draft_id: uuid.UUID) -> DraftInfo:
    with store.read() as session:
        draft = session.get(Draft, draft_id)
        if draft is None or draft.owner != store.user.username:
            raise ValidationError(translate("Records", "The draft was not found."))
        return DraftInfo(draft.id, draft.kind, draft.household_id, draft.loan_id, draft.amends_id,
                         draft.updated_at, load_draft_data(draft.data))


def discard_draft(store: StoreLike, draft_id: uuid.UUID) -> None:
    with store.write() as session:
        drop_draft(session, draft_id)


def add_draft_photo(store: StoreLike, draft_id: uuid.UUID, image: PreparedImage) -> uuid.UUID:
    """Keep a photo with a draft (encrypted, in the database) until the record is submitted."""
    with store.write() as session:
        if session.get(Draft, draft_id) is None:
            raise ValidationError(translate("Records", "The draft was not found."))
        existing = session.execute(sa.select(DraftPhoto.id).where(DraftPhoto.draft_id == draft_id,
                                                                  DraftPhoto.sha256 == image.sha256)).scalar()
        if existing is not None:
            return uuid.UUID(str(existing))
        position = session.execute(sa.select(sa.func.count()).select_from(DraftPhoto)
                                   .where(DraftPhoto.draft_id == draft_id)).scalar() or 0
        photo = DraftPhoto(draft_id=draft_id, position=position, sha256=image.sha256, mime=image.mime,
                           width=image.width, height=image.height, original_name=image.original_name,
                           data=image.data, thumbnail=image.thumbnail)
        session.add(photo)
        session.flush()
        return photo.id


def remove_draft_photo(store: StoreLike, photo_id: uuid.UUID) -> None:
    with store.write() as session:
        session.execute(sa.delete(DraftPhoto).where(DraftPhoto.id == photo_id))


def draft_photo_bytes(session: Session, photo_id: uuid.UUID) -> bytes:
    """The stored image of a photo kept with a draft."""
    return bytes(session.execute(sa.select(DraftPhoto.data).where(DraftPhoto.id == photo_id)).scalar_one())


def draft_photos(store: StoreLike, draft_id: uuid.UUID) -> list[AttachmentInfo]:
    with store.read() as session:
        rows = session.execute(
            sa.select(DraftPhoto.id, DraftPhoto.sha256, DraftPhoto.mime, sa.func.length(DraftPhoto.data),
                      DraftPhoto.width, DraftPhoto.height, DraftPhoto.original_name, DraftPhoto.thumbnail)
            .where(DraftPhoto.draft_id == draft_id).order_by(DraftPhoto.position)).all()
    return [AttachmentInfo(*row) for row in rows]
