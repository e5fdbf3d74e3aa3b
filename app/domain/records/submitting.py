"""Submitting and amending: a record is locked once submitted; ``amend`` writes a new version (``original_id`` →
the first version, ``version`` + 1, a reason) and leaves every earlier version as it was. Sign-off by a
supervisor.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.attachments import PreparedImage, store_attachments
from app.domain.money import yuan
from app.domain.permissions import Permission
from app.domain.records.context import RecordContext, load_context
from app.domain.records.credit import preloan_outcome
from app.domain.records.drafts import draft_images, drop_draft
from app.domain.records.kinds import COMMON_TEXT_LIMITS, FIELDS, Values
from app.domain.records.reading import latest_version, model_for, record_attachments
from app.domain.records.validation import raise_problems, too_long, validate
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models.base import utcnow
from app.models.enums import AnomalyKind, AnomalyStatus, ProhibitedUse, RecordKind, Severity, UseConclusion
from app.models.records import Anomaly, AnomalyStep, FieldRecord, RecordAttachment, UseCheck


@dataclass
class Submitted:
    kind: RecordKind
    record_id: uuid.UUID
    root_id: uuid.UUID
    version: int
    #: the anomaly report a misuse finding opened, if any
    anomaly_id: uuid.UUID | None = None


def _clean(kind: RecordKind, values: Mapping[str, Any]) -> Values:
    unknown = set(values) - set(FIELDS[kind])
    if unknown:
        raise ValueError(f"unknown fields for {kind}: {sorted(unknown)}")
    out: Values = dict(values)
    for name, value in out.items():
        if isinstance(value, str):
            out[name] = value.strip()
        elif value is None and name in _ZERO_WHEN_EMPTY:
            out[name] = 0
    return out


#: amounts and counts a form may leave empty, stored as 0
_ZERO_WHEN_EMPTY = frozenset({"amount_misused_fen", "requested_fen", "proposed_line_fen", "debt_ratio_pct"})


def derived_values(kind: RecordKind, values: Values, ctx: RecordContext) -> Values:
    """Columns the record stores but the cadre does not type (a pre-loan review's score, grade and eligibility;
    a maturity assessment's maturity, balance and days to maturity), from the typed ``values`` and ``ctx``."""
    if kind is RecordKind.PRELOAN_REVIEW:
        outcome = preloan_outcome(values, ctx)
        applicant = next((m for m in ctx.household.members if m.id == values.get("applicant_id")), None)
        return {"applicant_name": applicant.name if applicant else "",
                "applicant_age": outcome.age, "score": outcome.score, "grade": outcome.grade,
                "eligible": outcome.eligible, "ineligible_reasons": ",".join(outcome.reasons)}
    if kind is RecordKind.MATURITY_ASSESSMENT and ctx.loan is not None:
        return {"matures_on": ctx.loan.matures_on, "balance_fen": ctx.loan.balance_fen,
                "days_to_maturity": (ctx.loan.matures_on - values["assessed_on"]).days}
    return {}


def _link_photos(session: Session, kind: RecordKind, record_id: uuid.UUID, attachment_ids: Sequence[uuid.UUID]
                 ) -> None:
    seen: set[uuid.UUID] = set()
    for position, attachment_id in enumerate(attachment_ids):
        if attachment_id in seen:
            continue
        seen.add(attachment_id)
        session.add(RecordAttachment(record_kind=kind, record_id=record_id, attachment_id=attachment_id,
                                     position=position))


def misuse_anomaly_values(check: Mapping[str, Any], actor: str) -> tuple[Values, str]:
    """The anomaly report a use check's misuse finding opens (its columns, status reported) and the note of its
    first step. ``check`` holds the use check's columns, with ``id`` its first version's id."""
    use = ProhibitedUse(check["prohibited_use"]).label
    description = translate("Records", "Opened by the loan-use check of {date}: {use}, {amount} yuan misused. "
                                       "Observed: {observed}", date=check["checked_on"].isoformat(), use=use,
                            amount=yuan(check["amount_misused_fen"]), observed=check["observed_use"])
    values: Values = {
        "household_id": check["household_id"], "loan_id": check["loan_id"], "found_on": check["checked_on"],
        "kind": AnomalyKind.CHANGED_USE,
        "severity": Severity.HIGH if check["conclusion"] == UseConclusion.MISUSED else Severity.MEDIUM,
        "description": description, "assigned_to": actor, "status": AnomalyStatus.REPORTED,
        "use_check_id": check["id"]}
    return values, translate("Records", "Opened automatically by a misuse finding.")


def _open_anomaly_for_misuse(session: Session, check: UseCheck, ctx: RecordContext, actor: str) -> Anomaly:
    facts = {name: getattr(check, name) for name in (
        "household_id", "loan_id", "checked_on", "prohibited_use", "amount_misused_fen", "observed_use",
        "conclusion")}
    values, note = misuse_anomaly_values({**facts, "id": check.root_id}, actor)
    anomaly = Anomaly(**values)
    session.add(anomaly)
    session.flush()
    session.add(AnomalyStep(anomaly_id=anomaly.id, from_status=None, to_status=AnomalyStatus.REPORTED, actor=actor,
                            at=utcnow(), note=note))
    return anomaly


def _construct(model: type[FieldRecord], **columns: Any) -> FieldRecord:
    """``model(**columns)``: the mapped subclasses take keyword columns; the mixin's type does not say so."""
    constructor: Any = model
    record: FieldRecord = constructor(**columns)
    return record


def permission_to_record(kind: RecordKind) -> Permission:
    """What recording a kind takes: field work, except the pre-maturity assessment, which the lending bank records
    too (DOMAIN.md task 6: the bank assesses repayment ability 30 days before maturity)."""
    return Permission.RECORD_ASSESSMENTS if kind is RecordKind.MATURITY_ASSESSMENT else Permission.RECORD_FIELD_WORK


def submit(store: StoreLike, kind: RecordKind, values: Mapping[str, Any], *, household_id: uuid.UUID | None = None,
           loan_id: uuid.UUID | None = None, photos: Sequence[PreparedImage] = (), draft_id: uuid.UUID | None = None,
           today: dt.date | None = None) -> Submitted:
    """Validate and store a new record (locked from now on); its draft is removed in the same transaction.

    A use check concluding partial or full misuse opens an anomaly report in the same transaction.
    """
    kind = RecordKind(kind)
    store.require(permission_to_record(kind))
    values = _clean(kind, values)
    ctx = load_context(store, household_id, loan_id, today)
    raise_problems(validate(kind, values, ctx))
    actor = store.user.username
    model = model_for(kind)
    with store.write() as session:
        record: FieldRecord = _construct(model, household_id=ctx.household.id,
                                         loan_id=ctx.loan.loan_id if ctx.loan else None, version=1, **values,
                                         **derived_values(kind, values, ctx))
        if isinstance(record, Anomaly):
            record.status = AnomalyStatus.REPORTED
        session.add(record)
        session.flush()
        images = list(photos) + draft_images(session, draft_id)
        _link_photos(session, kind, record.id, [a.id for a in store_attachments(session, images)])
        result = Submitted(kind, record.id, record.id, 1)
        if isinstance(record, Anomaly):
            session.add(AnomalyStep(anomaly_id=record.id, to_status=AnomalyStatus.REPORTED, actor=actor,
                                    at=utcnow(), note=""))
        if isinstance(record, UseCheck) and record.conclusion != UseConclusion.COMPLIANT:
            result.anomaly_id = _open_anomaly_for_misuse(session, record, ctx, actor).id
        drop_draft(session, draft_id)
    return result


def amend(store: StoreLike, kind: RecordKind, record_id: uuid.UUID, values: Mapping[str, Any], reason: str, *,
          photos: Sequence[PreparedImage] = (), keep_attachments: Sequence[uuid.UUID] | None = None,
          draft_id: uuid.UUID | None = None, today: dt.date | None = None) -> Submitted:
    """Write a new version of a submitted record; every earlier version stays as it was.

    ``record_id`` must be the latest version (an amendment of an older one would fork the history).
    ``keep_attachments`` are the photos of the latest version to carry over (all of them by default).
    """
    kind = RecordKind(kind)
    store.require(permission_to_record(kind))
    model = model_for(kind)
    values = _clean(kind, values)
    if not reason.strip():
        raise ValidationError(translate("Records", "Give the reason for the amendment."))
    if too_long(reason, COMMON_TEXT_LIMITS["amendment_reason"]):
        raise_problems({"amendment_reason": too_long(reason, COMMON_TEXT_LIMITS["amendment_reason"]) or ""})
    with store.read() as session:
        current = session.get(model, record_id)
        if current is None:
            raise ValidationError(translate("Records", "The record was not found."))
        latest = latest_version(session, model, current.root_id)
    if latest.id != current.id:
        raise ValidationError(translate("Records", "This record was amended since (version {version}); amend the "
                                                   "latest version.", version=latest.version))
    ctx = load_context(store, latest.household_id, latest.loan_id, today)
    raise_problems(validate(kind, values, ctx))
    actor = store.user.username
    old_links = [a.id for a in record_attachments(store, kind, latest.id)]
    kept = old_links if keep_attachments is None else [a for a in old_links if a in set(keep_attachments)]
    with store.write() as session:
        record = _construct(model, household_id=latest.household_id, loan_id=latest.loan_id,
                            original_id=latest.root_id, version=latest.version + 1,
                            amendment_reason=reason.strip(), **values, **derived_values(kind, values, ctx))
        if isinstance(record, Anomaly) and isinstance(latest, Anomaly):
            record.status, record.use_check_id = latest.status, latest.use_check_id
        session.add(record)
        session.flush()
        images = list(photos) + draft_images(session, draft_id)
        _link_photos(session, kind, record.id, kept + [a.id for a in store_attachments(session, images)])
        result = Submitted(kind, record.id, latest.root_id, record.version)
        if isinstance(record, UseCheck) and record.conclusion != UseConclusion.COMPLIANT:
            opened = session.execute(sa.select(Anomaly.id).where(Anomaly.use_check_id == latest.root_id)
                                     .limit(1)).scalar()
            if opened is None:
                result.anomaly_id = _open_anomaly_for_misuse(session, record, ctx, actor).id
        drop_draft(session, draft_id)
    return result


def sign_off(store: StoreLike, kind: RecordKind, record_id: uuid.UUID, note: str = "") -> None:
    """A supervisor's sign-off of the latest version of a record."""
    store.require(Permission.SIGN_OFF)
    if too_long(note, COMMON_TEXT_LIMITS["sign_off_note"]):
        raise ValidationError(too_long(note, COMMON_TEXT_LIMITS["sign_off_note"]) or "")
    model = model_for(kind)
    with store.write() as session:
        record = session.get(model, record_id)
        if record is None:
            raise ValidationError(translate("Records", "The record was not found."))
        if latest_version(session, model, record.root_id).id != record.id:
            raise ValidationError(translate("Records", "Sign off the latest version of the record."))
        if record.signed_off_by:
            raise ValidationError(translate("Records", "{user} signed this record off already.",
                                            user=record.signed_off_by))
        record.signed_off_by, record.signed_off_at = store.user.username, utcnow()
        record.sign_off_note = note.strip()
