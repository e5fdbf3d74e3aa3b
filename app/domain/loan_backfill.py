"""Existing data into loan events (issue 20), once, on the hub: how a node written before loan events learns its
loans' history.

Before schema 0007 a loan's state was overwritten in place; every change is nevertheless in the audit log, with
its old and new values and when it was made. Migration 0007 notes the last such entry (meta
``loan_history.backfill_to_seq``); the first time the hub is opened after it, :func:`backfill` turns each audited
update of a loan's state fields up to that entry into a :class:`~app.models.LoanEvent` dated on the (local) day
of the change: ``stated`` for an import or an edit, or the disposal's own kind (extended, renewed, rescheduled,
topped up, compensated) when a disposal was executed in the same write. The events are ordinary hub changes, so
they reach the field nodes with the next exchange; field nodes never derive them themselves (the loans are the
bank's, written at the hub), so no event is made twice. Their ids are derived from the audit entry (uuid5), so
running it again, or on a restored copy, makes the same rows.

What cannot be recovered: changes made before the audit log existed, and a loan's state before it was first
imported (there is no earlier record of it).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from typing import Any

import sqlalchemy as sa

from app.domain.loan_history import STATE_FIELDS
from app.models import AuditEntry, Loan, LoanEvent, Meta
from app.models.enums import Disposal, LoanEventKind, NodeRole

log = logging.getLogger(__name__)
BACKFILL_KEY = "loan_history.backfill_to_seq"
NAMESPACE = uuid.UUID("6f0a2c1e-5b7d-4c59-9a43-0d2e7f3b8a61")
_KIND_OF_DISPOSAL = {Disposal.EXTENSION.value: LoanEventKind.EXTENDED,
                     Disposal.RESCHEDULE.value: LoanEventKind.RESCHEDULED,
                     Disposal.RENEWAL_WITHOUT_PRINCIPAL.value: LoanEventKind.RENEWED,
                     Disposal.TOP_UP.value: LoanEventKind.TOPPED_UP,
                     Disposal.COMPENSATION_CLAIM.value: LoanEventKind.COMPENSATED}


def _local_day(at: dt.datetime) -> dt.date:
    return at.replace(tzinfo=dt.UTC).astimezone().date()


def backfill(store: Any) -> int:
    """Make the loan events of the audited history up to the migration's mark (hub only, once); returns how many."""
    if NodeRole(store.info.role) is not NodeRole.HUB:
        return 0
    with store.read() as session:
        mark = session.get(Meta, BACKFILL_KEY)
        if mark is None:
            return 0
        last = int(mark.value)
        executed: dict[tuple[str, dt.datetime], tuple[str, str]] = {}
        for record_id, at, data in session.execute(
                sa.select(AuditEntry.record_id, AuditEntry.at, AuditEntry.data)
                .where(AuditEntry.table_name == "disposals", AuditEntry.action == "update", AuditEntry.seq <= last)):
            new = json.loads(data).get("new") or {}
            if new.get("status") == "executed":
                executed[(str(record_id), at)] = ("", "")
        disposals = _disposal_kinds(session, {key[0] for key in executed})
        by_moment = {at: (disposal_id, disposals.get(disposal_id, ("", "")))
                     for (disposal_id, at) in executed}
        existing = set(session.execute(sa.select(LoanEvent.id)).scalars())
        loans = set(session.execute(sa.select(Loan.id)).scalars())
        rows = []
        for seq, record_id, at, origin, origin_seq, data in session.execute(
                sa.select(AuditEntry.seq, AuditEntry.record_id, AuditEntry.at, AuditEntry.origin_node,
                          AuditEntry.origin_seq, AuditEntry.data)
                .where(AuditEntry.table_name == "loans", AuditEntry.action == "update", AuditEntry.seq <= last)
                .order_by(AuditEntry.seq)):
            body = json.loads(data)
            old, new = body.get("old") or {}, body.get("new") or {}
            changes = {name: [old.get(name), value] for name, value in new.items() if name in STATE_FIELDS}
            try:
                loan_id = uuid.UUID(str(record_id))
            except ValueError:
                continue
            if not changes or loan_id not in loans:
                continue
            event_id = uuid.uuid5(NAMESPACE, f"{origin or store.info.node_id}:{origin_seq or seq}")
            if event_id in existing:
                continue
            disposal_id, (kind, loan_of_disposal) = by_moment.get(at, ("", ("", "")))
            event_kind = LoanEventKind.STATED
            if kind and loan_of_disposal == str(loan_id):
                event_kind = _KIND_OF_DISPOSAL.get(kind, LoanEventKind.STATED)
            rows.append(LoanEvent(id=event_id, loan_id=loan_id, happened_on=_local_day(at), kind=event_kind,
                                  changes=json.dumps(changes, ensure_ascii=False, sort_keys=True),
                                  disposal_id=uuid.UUID(disposal_id) if event_kind is not LoanEventKind.STATED
                                  else None, source="backfill",
                                  note="由审计日志补记" if event_kind is LoanEventKind.STATED else ""))
    with store.write() as session:
        session.add_all(rows)
        mark = session.get(Meta, BACKFILL_KEY)
        if mark is not None:
            session.delete(mark)
    if rows:
        log.info("derived %d loan events from the audit log", len(rows))
    return len(rows)


def _disposal_kinds(session: Any, ids: set[str]) -> dict[str, tuple[str, str]]:
    """Disposal id → (its kind, its loan id) as text."""
    from app.models.risk import DisposalProposal

    wanted = []
    for text in ids:
        try:
            wanted.append(uuid.UUID(text))
        except ValueError:
            continue
    if not wanted:
        return {}
    return {str(d): (kind.value, str(loan_id)) for d, kind, loan_id in session.execute(
        sa.select(DisposalProposal.id, DisposalProposal.kind, DisposalProposal.loan_id)
        .where(DisposalProposal.id.in_(wanted)))}


def _on_open(store: Any) -> None:
    backfill(store)


def register() -> None:
    """Run :func:`backfill` whenever a store is opened (app/db/store.py ``OPEN_HOOKS``)."""
    from app.db.store import OPEN_HOOKS

    if _on_open not in OPEN_HOOKS:
        OPEN_HOOKS.append(_on_open)
