"""What the merge kept for people to decide: proposals (a field node's correction of a hub-owned record, kept at
the hub and not applied) and conflicts (a value that lost a concurrent edit, or a change to a record not held). A
supervisor accepts or rejects a proposal and marks a conflict reviewed; nothing here is ever decided silently."""

from __future__ import annotations

import json
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import attributes

from app.db.store import Store
from app.domain.permissions import Permission
from app.errors import ValidationError
from app.i18n import translate
from app.models import Conflict, Proposal
from app.models.base import utcnow
from app.sync.merge.ownership import BOOKKEEPING, IMMUTABLE
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
