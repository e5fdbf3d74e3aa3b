"""The anomaly workflow: reported → acknowledged → measures taken → resolved → closed, each step by a role that
may take it, with its note.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from app.domain.permissions import Permission, has_permission
from app.domain.records.reading import latest_version
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models.base import utcnow
from app.models.enums import AnomalyStatus
from app.models.records import Anomaly, AnomalyStep

ANOMALY_ORDER = (AnomalyStatus.REPORTED, AnomalyStatus.ACKNOWLEDGED, AnomalyStatus.MEASURES_TAKEN,
                 AnomalyStatus.RESOLVED, AnomalyStatus.CLOSED)


@dataclass(frozen=True)
class StepRow:
    from_status: AnomalyStatus | None
    to_status: AnomalyStatus
    actor: str
    at: dt.datetime
    note: str


def next_status(status: AnomalyStatus) -> AnomalyStatus | None:
    index = ANOMALY_ORDER.index(AnomalyStatus(status))
    return ANOMALY_ORDER[index + 1] if index + 1 < len(ANOMALY_ORDER) else None


def may_advance(role: str, to_status: AnomalyStatus) -> bool:
    if to_status is AnomalyStatus.CLOSED:
        return has_permission(role, Permission.CLOSE_ANOMALIES)
    return has_permission(role, Permission.RECORD_FIELD_WORK) or has_permission(role, Permission.SIGN_OFF)


def advance_anomaly(store: StoreLike, anomaly_id: uuid.UUID, to_status: AnomalyStatus | str, note: str = "") -> None:
    """Move an anomaly one step on (reported → acknowledged → measures taken → resolved → closed).

    Every step records who, when and a note; taking measures and closing need the note, and closing needs the
    supervisor's permission.
    """
    to_status = AnomalyStatus(to_status)
    if not may_advance(store.user.role, to_status):
        store.require(Permission.CLOSE_ANOMALIES if to_status is AnomalyStatus.CLOSED else Permission.SIGN_OFF)
    note = note.strip()
    if to_status is AnomalyStatus.CLOSED and not note:
        raise ValidationError(translate("Records", "Closing an anomaly needs a note: how was it settled?"))
    if to_status is AnomalyStatus.MEASURES_TAKEN and not note:
        raise ValidationError(translate("Records", "Describe the measures taken."))
    with store.write() as session:
        anomaly = session.get(Anomaly, anomaly_id)
        if anomaly is None:
            raise ValidationError(translate("Records", "The record was not found."))
        latest = latest_version(session, Anomaly, anomaly.root_id)
        expected = next_status(latest.status)
        if expected is None:
            raise ValidationError(translate("Records", "This anomaly is closed already."))
        if to_status is not expected:
            raise ValidationError(translate("Records", "The anomaly is \"{current}\"; its next step is \"{next}\".",
                                            current=latest.status.label, next=expected.label))
        session.add(AnomalyStep(anomaly_id=latest.root_id, from_status=latest.status, to_status=to_status,
                                actor=store.user.username, at=utcnow(), note=note))
        latest.status = to_status


def anomaly_steps(store: StoreLike, anomaly_id: uuid.UUID) -> list[StepRow]:
    with store.read() as session:
        anomaly = session.get(Anomaly, anomaly_id)
        if anomaly is None:
            raise ValidationError(translate("Records", "The record was not found."))
        rows = session.execute(sa.select(AnomalyStep).where(AnomalyStep.anomaly_id == anomaly.root_id)
                               .order_by(AnomalyStep.at, AnomalyStep.created_at)).scalars()
        return [StepRow(r.from_status, r.to_status, r.actor, r.at, r.note) for r in rows]
