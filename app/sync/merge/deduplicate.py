"""The ``deduplicate`` step: what of a bundle is here already. A bundle id already received makes the whole bundle
a no-op; a change this node made itself, or whose (origin, sequence) is at or below the version vector, in the
log, kept as a proposal, set aside in quarantine or found to be a record held here (an alias), is skipped. So
the same bundle twice, or bundles in any order, change nothing more.

(A change that comes back with a known (origin, sequence) but different content is skipped like any other today;
telling the two apart belongs here.)
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Alias, AuditEntry, Proposal, QuarantinedChange, ReceivedBundle
from app.sync.merge.context import Change


def already_received(session: Session, bundle_id: str) -> bool:
    """Whether the bundle ``bundle_id`` was imported here before."""
    return session.get(ReceivedBundle, bundle_id) is not None


def held_changes(conn: sa.Connection, changes: list[Change]) -> set[tuple[str, int]]:
    """The (origin, sequence) pairs among ``changes`` that this node's log holds, keeps as proposals or in
    quarantine, or aliased."""
    held: set[tuple[str, int]] = set()
    by_origin: dict[str, list[int]] = defaultdict(list)
    for change in changes:
        by_origin[change["origin"]].append(change["seq"])
    for origin, seqs in by_origin.items():
        rows = conn.execute(sa.select(AuditEntry.origin_seq).where(
            AuditEntry.origin_node == origin, AuditEntry.origin_seq.between(min(seqs), max(seqs))))
        held.update((origin, int(r[0] or 0)) for r in rows)
        for kept in (Proposal, QuarantinedChange, Alias):  # proposed, set aside, or found to be held already
            rows = conn.execute(sa.select(kept.origin_seq).where(
                kept.origin_node == origin, kept.origin_seq.between(min(seqs), max(seqs))))
            held.update((origin, r[0]) for r in rows if r[0] is not None)
    return held


def fresh_changes(conn: sa.Connection, changes: list[Change], vector: dict[str, int], me: str) -> list[Change]:
    """The changes of a (validated) bundle that are new here, in bundle order: not made by this node, above the
    version vector, and neither in the log nor kept (proposals, quarantine, aliases)."""
    fresh = [c for c in changes if c["origin"] != me and c["seq"] > vector.get(c["origin"], 0)]
    held = held_changes(conn, fresh)
    return [c for c in fresh if (c["origin"], c["seq"]) not in held]
