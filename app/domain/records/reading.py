"""Reading records: the model of each kind, a record's values, its latest version and its version history, and
the photos attached to it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.domain.records.kinds import FIELDS, R, Values
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models.enums import RecordKind
from app.models.records import RECORD_MODELS, Attachment, FieldRecord, RecordAttachment


def model_for(kind: RecordKind | str) -> type[FieldRecord]:
    return RECORD_MODELS[RecordKind(kind)]


def record_values(record: FieldRecord) -> Values:
    kind = type(record).KIND
    return {name: getattr(record, name) for name in FIELDS[kind]}


def latest_version(session: Session, model: type[R], root_id: uuid.UUID) -> R:
    row = session.execute(sa.select(model).where(sa.or_(model.id == root_id, model.original_id == root_id))
                          .order_by(model.version.desc()).limit(1)).scalar_one_or_none()
    if row is None:
        raise ValidationError(translate("Records", "The record was not found."))
    return row


def get_record(store: StoreLike, kind: RecordKind, record_id: uuid.UUID) -> FieldRecord:
    with store.read() as session:
        record = session.get(model_for(kind), record_id)
        if record is None:
            raise ValidationError(translate("Records", "The record was not found."))
        return record


def history(store: StoreLike, kind: RecordKind, record_id: uuid.UUID) -> list[FieldRecord]:
    """Every version of the record ``record_id`` belongs to, oldest first."""
    model = model_for(kind)
    with store.read() as session:
        record = session.get(model, record_id)
        if record is None:
            raise ValidationError(translate("Records", "The record was not found."))
        root = record.root_id
        return list(session.execute(sa.select(model).where(sa.or_(model.id == root, model.original_id == root))
                                    .order_by(model.version)).scalars())


def is_latest_version(model: type[FieldRecord]) -> Any:
    """SQL condition: the row is the newest version of its chain."""
    newer = aliased(model)
    return ~sa.exists().where(sa.func.coalesce(newer.original_id, newer.id)
                              == sa.func.coalesce(model.original_id, model.id),
                              newer.version > model.version)


@dataclass(frozen=True)
class AttachmentInfo:
    id: uuid.UUID
    sha256: str
    mime: str
    size: int
    width: int
    height: int
    original_name: str
    thumbnail: bytes


def record_attachments(store: StoreLike, kind: RecordKind, record_id: uuid.UUID) -> list[AttachmentInfo]:
    with store.read() as session:
        rows = session.execute(
            sa.select(Attachment.id, Attachment.sha256, Attachment.mime, Attachment.size, Attachment.width,
                      Attachment.height, Attachment.original_name, Attachment.thumbnail)
            .join(RecordAttachment, RecordAttachment.attachment_id == Attachment.id)
            .where(RecordAttachment.record_kind == RecordKind(kind), RecordAttachment.record_id == record_id,
                   RecordAttachment.deleted.is_(False))
            .order_by(RecordAttachment.position)).all()
    return [AttachmentInfo(*row) for row in rows]
