"""Applying a verified bundle: the merge pipeline, one named step after another, inside the import's single
``BEGIN IMMEDIATE`` transaction (app/sync/importer.py). Any refusal rolls everything back, so a refused bundle
leaves the database, its audit log included, exactly as it was.

    sender        validate.enrolled_sender     the sender is still enrolled (checked again inside the transaction)
    deduplicate   deduplicate.already_received a bundle imported before is a no-op
    epochs        epochs.load_epochs           which node each origin belongs to, with the bundle's announcements
    validate      validate.validate_changes    shape, declared ranges, own changes only (any of the sender's
                                               origins), none twice
    deduplicate   deduplicate.fresh_changes    drop what is here already (own, below the vector, logged, proposed);
                                               a held (origin, sequence) with other content refuses the bundle
    validate      validate.check_epochs        epoch announcements: first change of a new origin, the sender's own
                  validate.check_clocks        stamps rise per origin; far-ahead clocks refused, ahead ones flagged
    scope         context.load_rows            the rows the fresh changes touch, as held now
                  authorize.authorize          ownership (app/models/ownership.py) and street, every link of the
                                               row, per change → to apply / proposals / photos held already
    invariants    invariants.check_invariants  a field node's rows hang together (the loan of the household...)
    merge         fields.merge_changes         per field, last writer wins; the losers become conflicts
    write         write.write_rows             converted, type-checked rows, executemany
    log           log.log_changes              the applied changes into the log with their own identity
                  log.observe_stamps           the local clock sees the newest stamp
                  log.keep_for_review          proposals and conflicts for a supervisor
    advance       advance.advance_vector       the version vector, without gaps
                  advance.take_acknowledgement the sender's acknowledgement (newest bundle only)
                  advance.record_bundle        the bundle id with its counts, and the audit event

A new rule is a new step (or a check inside one) between the two whose data it needs: a step takes what the
earlier ones produced and returns what it found; per-change refusals are :class:`~app.sync.merge.context.
ChangeRefused` naming the record. The steps run in this order for every bundle, at the hub and at field nodes.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.store import Store
from app.models.enums import NodeRole
from app.sync.bundle import Limits, Opened
from app.sync.merge.advance import advance_vector, record_bundle, take_acknowledgement
from app.sync.merge.authorize import authorize
from app.sync.merge.context import MergeContext, MergeOutcome, load_rows
from app.sync.merge.deduplicate import already_received, fresh_changes
from app.sync.merge.epochs import load_epochs, with_announcements
from app.sync.merge.fields import clock_conflicts, merge_changes
from app.sync.merge.invariants import check_invariants
from app.sync.merge.log import keep_for_review, log_changes, observe_stamps
from app.sync.merge.validate import check_clocks, check_epochs, enrolled_sender, validate_changes
from app.sync.merge.write import write_rows
from app.sync.tables import synced_models
from app.sync.vector import version_vector


def defer_foreign_keys(conn: sa.Connection) -> None:
    """Rows of one bundle may refer to each other in any order: foreign keys are checked at commit."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    else:  # PostgreSQL: app/db/migrate.py makes every foreign key deferrable
        conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")


def apply_bundle(session: Session, store: Store, opened: Opened, limits: Limits, wall_ms: Callable[[], int],
                 crash_hook: Callable[[str], None] | None = None) -> MergeOutcome:
    """Run every step over ``opened`` in ``session``'s transaction; return what it did, or raise BundleRefused.

    ``wall_ms`` is this computer's clock (milliseconds); ``crash_hook("apply")`` runs after the rows are written
    and before they are logged (tests kill the process there)."""
    header = opened.header
    me = store.origin  # this node's own changes carry its current origin (app/db/epochs.py)
    at_hub = store.info.role == NodeRole.HUB
    peer = enrolled_sender(session, store, header["sender"])
    if already_received(session, header["bundle_id"]):
        return MergeOutcome(already=True, skipped=len(opened.changes))
    conn = session.connection()
    defer_foreign_keys(conn)
    epochs = with_announcements(load_epochs(conn), opened.changes)
    ctx = MergeContext(conn, store.info.node_id, peer, at_hub, header["bundle_id"], synced_models(), epochs)
    vector = version_vector(conn, me)

    validate_changes(opened.changes, header["ranges"], sender=peer.node_id, at_hub=at_hub, tables=set(ctx.models),
                     node_of=epochs.node)
    fresh = fresh_changes(conn, opened.changes, vector, me,
                          frozenset(epochs.origins(store.info.node_id)) - {me})
    check_epochs(fresh, epochs, sender=peer.node_id, at_hub=at_hub, sender_name=ctx.sender_name)
    flagged = check_clocks(conn, fresh, wall_ms(), limits)

    current = load_rows(conn, ctx.models, fresh)
    authorized = authorize(ctx, fresh, current)
    assert authorized.resolver is not None
    check_invariants(authorized.to_apply, authorized.rows, authorized.resolver,
                     lambda change: epochs.node(change["origin"]) != ctx.hub_id, ctx.sender_name)

    conflicts = merge_changes(conn, current, authorized.to_apply, ctx.bundle_id)
    conflicts += clock_conflicts(flagged, ctx.bundle_id)

    hashes = write_rows(conn, ctx.models, current, opened.blobs)
    if crash_hook:
        crash_hook("apply")

    log_changes(store.audit, conn, authorized.to_apply, hashes)
    observe_stamps(store.clock, fresh)
    keep_for_review(session, authorized.proposals, conflicts, ctx.bundle_id)

    advance_vector(conn, header["ranges"], vector, me)
    take_acknowledgement(peer, header, epochs)
    echoed = sum(1 for change in opened.changes if change["origin"] == me)
    outcome = MergeOutcome(skipped=len(opened.changes) - len(fresh) + len(authorized.skipped) - echoed,
                           applied=len(authorized.to_apply), echoed=echoed,
                           proposals=len(authorized.proposals), conflicts=len(conflicts),
                           flagged=[f"{table} {record}" for table, record in flagged])
    record_bundle(session, store, opened, outcome)
    return outcome
