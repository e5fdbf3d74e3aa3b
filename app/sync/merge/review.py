"""What the merge kept for people to decide: proposals (a field node's correction of a hub-owned record, kept at
the hub and not applied), conflicts (a value that lost a concurrent edit, or a change to a record not held) and
quarantined changes (a change that could not be applied: app/sync/merge/quarantine.py). A supervisor accepts or
rejects a proposal and marks a conflict reviewed; a quarantined change is applied again after its cause is fixed,
or discarded with a note. Nothing here is ever decided silently, and every decision is audited."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import attributes

from app.db.store import Store
from app.domain.permissions import Permission
from app.errors import ValidationError
from app.i18n import translate
from app.models import Conflict, Peer, Proposal, QuarantinedChange
from app.models.base import utcnow
from app.models.enums import NodeRole
from app.sync.bundle import LIMITS, Limits
from app.sync.merge.context import MergeContext
from app.sync.merge.ownership import BOOKKEEPING, IMMUTABLE
from app.sync.merge.quarantine import as_change, identity
from app.sync.merge.values import to_python
from app.sync.tables import synced_models, table_of


def pending_proposals(store: Store) -> list[Proposal]:
    with store.read() as session:
        return list(session.execute(sa.select(Proposal).where(Proposal.status == "pending")
                                    .order_by(Proposal.hlc)).scalars())


def decide_proposal(store: Store, proposal_id: uuid.UUID, accept: bool) -> None:
    """Accept (the hub writes the proposed values as its own change) or reject (the hub writes its current values
    again, so the proposing node takes them back). Either way a new hub change travels to the field nodes."""
    store.require(Permission.EDIT_HOUSEHOLDS)
    with store.write() as session:
        proposal = session.get(Proposal, proposal_id)
        if proposal is None or proposal.status != "pending":
            raise ValidationError(translate("Sync", "This proposal was decided already."))
        model = synced_models()[proposal.table_name]
        row = session.get(model, uuid.UUID(proposal.record_id))
        if row is None:
            raise ValidationError(translate("Sync", "The record of this proposal no longer exists."))
        new = json.loads(proposal.data).get("new") or {}
        table = table_of(model)
        for name, value in new.items():
            if name in BOOKKEEPING or name in IMMUTABLE or name not in table.c:
                continue
            if accept:
                setattr(row, name, to_python(table.c[name], value, {}))
            attributes.flag_modified(row, name)
        proposal.status = "accepted" if accept else "rejected"
        proposal.decided_by, proposal.decided_at = store.user.username, utcnow()


def mark_conflict_reviewed(store: Store, conflict_id: uuid.UUID) -> None:
    """A supervisor has looked at a listed conflict: it leaves the review list (the row and its losing value stay,
    with who reviewed it and when). Nothing else changes: the winning value stands."""
    store.require(Permission.SIGN_OFF)
    with store.write() as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None:
            raise ValidationError(translate("Sync", "This conflict no longer exists."))
        if conflict.resolved_at is not None:
            raise ValidationError(translate("Sync", "This conflict was marked reviewed already."))
        conflict.resolved_by, conflict.resolved_at = store.user.username, utcnow()


# -- quarantine ----------------------------------------------------------------------------------------------------
@dataclass
class RetryOutcome:
    """What applying quarantined changes again did: how many applied (or became proposals or aliases), and the
    translated reasons of those still set aside."""

    applied: int = 0
    still_held: int = 0
    reasons: list[str] = field(default_factory=list)
    #: the tables the applied changes wrote (the screens refresh what shows them)
    tables: set[str] = field(default_factory=set)


def _waiting_on(entries: list[QuarantinedChange], chosen: set[uuid.UUID]) -> list[QuarantinedChange]:
    """``chosen`` and every pending entry that waits for one of them (the same record, or a link to it), again
    for those, until nothing more is added."""
    picked = [e for e in entries if e.id in chosen]
    records = {e.record_id for e in picked}
    rest = [e for e in entries if e.id not in chosen]
    grew = True
    while grew and rest:
        grew = False
        for entry in list(rest):
            data = json.loads(entry.data)
            values = {str(v) for part in ("new", "old") for v in (data.get(part) or {}).values()}
            if entry.record_id in records or values & records:
                picked.append(entry)
                records.add(entry.record_id)
                rest.remove(entry)
                grew = True
    return picked


def retry_quarantined(store: Store, entry_ids: Sequence[uuid.UUID], limits: Limits = LIMITS,
                      wall_ms: Callable[[], int] | None = None) -> RetryOutcome:
    """Apply quarantined changes again once their cause is fixed, with every pending change that waits for them,
    in one transaction and through the same steps as an import (app/sync/merge/pipeline.py). A change still
    refused stays in quarantine with its new reason; a security refusal refuses the retry as a whole."""
    from app.sync.merge.pipeline import defer_foreign_keys, reasons_of, record_settled, settle
    from app.sync.merge.validate import check_clocks

    store.require(Permission.EXCHANGE_DATA)
    now = (wall_ms or (lambda: time.time_ns() // 1_000_000))()
    outcome = RetryOutcome()
    with store.write() as session:
        pending = list(session.execute(sa.select(QuarantinedChange).where(QuarantinedChange.status == "pending")
                                       .order_by(QuarantinedChange.origin_node, QuarantinedChange.origin_seq))
                       .scalars())
        picked = _waiting_on(pending, set(entry_ids))
        if not picked:
            raise ValidationError(translate("Sync", "These changes are no longer in quarantine."))
        conn = session.connection()
        defer_foreign_keys(conn)
        by_sender: dict[str, list[QuarantinedChange]] = {}
        for entry in picked:
            by_sender.setdefault(entry.sender, []).append(entry)
        for sender, entries in by_sender.items():
            peer = session.get(Peer, sender)
            if peer is None:
                raise ValidationError(translate("Sync", "The node {node} that sent these changes is not known here.",
                                                node=sender[:8]))
            ctx = MergeContext(conn, store.info.node_id, peer, store.info.role == NodeRole.HUB,
                               f"retry-{uuid.uuid4()}", synced_models())
            changes = [as_change(e) for e in entries]
            _, too_far = check_clocks(conn, changes, now, limits)
            settled = settle(ctx, changes, {}, {identity(c): (c, r) for c, r in too_far},
                             retrying={identity(c) for c in changes})
            record_settled(session, store, ctx, settled)
            outcome.tables |= {str(c["table"]) for c in settled.applied + settled.proposals}
            for entry in entries:
                if (entry.origin_node, entry.origin_seq) not in settled.held:
                    entry.status, entry.decided_by, entry.decided_at = "applied", store.user.username, utcnow()
                    outcome.applied += 1
            outcome.still_held += len(settled.held)
            outcome.reasons += reasons_of(settled.held)
        store.audit.event(session, "quarantine_retried", {"entries": len(picked), "applied": outcome.applied,
                                                          "still_held": outcome.still_held})
    return outcome


def discard_quarantined(store: Store, entry_ids: Sequence[uuid.UUID], note: str) -> int:
    """Give up quarantined changes for good, with a note saying why (required); audited. Returns how many."""
    store.require(Permission.SIGN_OFF)
    note = note.strip()
    if not note:
        raise ValidationError(translate("Sync", "Say why the change is discarded."))
    with store.write() as session:
        entries = list(session.execute(sa.select(QuarantinedChange).where(
            QuarantinedChange.id.in_(list(entry_ids)), QuarantinedChange.status == "pending")).scalars())
        if not entries:
            raise ValidationError(translate("Sync", "These changes are no longer in quarantine."))
        for entry in entries:
            entry.status, entry.decided_by, entry.decided_at = "discarded", store.user.username, utcnow()
            entry.decision_note = note
        store.audit.event(session, "quarantine_discarded", {
            "entries": [f"{e.origin_node}:{e.origin_seq}" for e in entries], "note": note})
    return len(entries)
