"""The anomaly workflow: reported → acknowledged → measures taken → resolved → closed, each step by a role that
may take it, with its note.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from app.domain.ownership import may_change_state, require_state
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


def previous_status(status: AnomalyStatus) -> AnomalyStatus | None:
    index = ANOMALY_ORDER.index(AnomalyStatus(status))
    return ANOMALY_ORDER[index - 1] if index else None


def may_advance(store: StoreLike, to_status: AnomalyStatus) -> bool:
    """Whether the user logged in here may move an anomaly to ``to_status`` (from the step before it): the
    ownership table's answer (closing is a supervisor's, at the hub)."""
    before = previous_status(to_status)
    return before is not None and may_change_state(store, "anomalies", "status", before.value, to_status.value)


def advance_anomaly(store: StoreLike, anomaly_id: uuid.UUID, to_status: AnomalyStatus | str, note: str = "") -> None:
    """Move an anomaly one step on (reported → acknowledged → measures taken → resolved → closed).

    Every step records who, when and a note; taking measures and closing need the note, and closing needs the
    supervisor's permission, at the hub (app/models/ownership.py).
    """
    to_status = AnomalyStatus(to_status)
    before = previous_status(to_status)
    require_state(store, "anomalies", "status", before.value if before else None, to_status.value)
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
