"""The ``log`` step: what was merged is recorded. The applied changes are appended to this node's audit log with
their original origin node, origin sequence, stamp and author (so they travel on, and the same change is never
applied twice); the local clock observes the newest stamp, so its own later changes sort after them; proposals
and conflicts are kept for review."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.audit import AuditLog
from app.db.hlc import HybridClock
from app.models import Conflict, Proposal
from app.sync.merge.context import Change, RecordKey, record_key
from app.sync.merge.fields import ConflictRow


def log_changes(audit: AuditLog, conn: sa.Connection, applied: list[Change],
                hashes: dict[RecordKey, str] | None = None) -> None:
    """Append ``applied`` to the log in stamp order, keeping each change's identity (the rows are written); each
    entry holds the hash of its record's row as the bundle leaves it (``hashes``, from the ``write`` step)."""
    hashes = hashes or {}
    audit.append_remote(conn, [
        {"actor": c["actor"], "action": c["action"], "table_name": c["table"], "record_id": c["record"],
         "origin_node": c["origin"], "origin_seq": c["seq"], "hlc": c["hlc"], "data": c["data"],
         "row_hash": hashes.get(record_key(c))}
        for c in sorted(applied, key=lambda c: c["hlc"])])


def observe_stamps(clock: HybridClock, fresh: list[Change]) -> None:
    """Let the local clock see the newest stamp that arrived (applied or proposed)."""
    if fresh:
        clock.observe(max(c["hlc"] for c in fresh))


def keep_for_review(session: Session, proposals: list[Change], conflicts: list[ConflictRow], bundle_id: str) -> None:
    """Store the proposals (not applied) and the conflicts for a supervisor."""
    session.add_all([Proposal(origin_node=c["origin"], origin_seq=c["seq"], hlc=c["hlc"], actor=c["actor"],
                              action=c["action"], table_name=c["table"], record_id=c["record"],
                              data=json.dumps(c["data"], ensure_ascii=False, sort_keys=True),
                              bundle_id=bundle_id) for c in proposals])
    session.add_all([Conflict(**row) for row in conflicts])
