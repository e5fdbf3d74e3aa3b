"""Applying a verified bundle: the merge pipeline, one named step after another, inside the import's single
``BEGIN IMMEDIATE`` transaction (app/sync/importer.py). A refusal of the whole bundle rolls everything back, so a
refused bundle leaves the database, its audit log included, exactly as it was.

    sender        validate.enrolled_sender     the sender is still enrolled (checked again inside the transaction)
    deduplicate   deduplicate.already_received a bundle imported before is a no-op
    epochs        epochs.load_epochs           which node each origin belongs to, with the bundle's announcements
    validate      validate.validate_changes    shape, declared ranges, own changes only (any of the sender's
                                               origins), none twice
    deduplicate   deduplicate.fresh_changes    drop what is here already (own, below the vector, logged, kept);
                                               a held (origin, sequence) with other content refuses the bundle
    validate      validate.check_epochs        epoch announcements: first change of a new origin, the sender's own
                  validate.check_clocks        stamps rise per origin; far-ahead ones set aside, ahead ones flagged
    ── settle: the steps below run over the changes not set aside, again after each change set aside ──
    alias         alias.alias_changes          a record created twice is one record (natural keys)
    scope         context.load_rows            the rows the changes touch, as held now
                  authorize.authorize          ownership (app/models/ownership.py) and street, every link of the
                                               row, per change → to apply / proposals / photos held already
    invariants    invariants.check_invariants  a field node's rows hang together (the loan of the household...)
    merge         fields.merge_changes         per field, last writer wins; the losers become conflicts
    integrity     integrity.check_rows         links to records held, unique values not repeated
    write         write.prepare_rows           converted, type-checked rows, and the hash of each (for the log)
                  write.write_prepared         executemany, in a savepoint
    ───────────────────────────────────────────────────────────────────────────────────────────────────────────
    log           log.log_changes              the applied changes into the log with their own identity and the
                                               hash of their rows
                  log.observe_stamps           the local clock sees the newest stamp
                  log.keep_for_review          proposals and conflicts for a supervisor
                  alias.store_aliases          the aliases found
                  quarantine.keep              the changes set aside, with their reasons
    advance       advance.advance_vector       the version vector, without gaps
                  advance.take_acknowledgement the sender's acknowledgement (newest bundle only)
                  advance.record_bundle        the bundle id with its counts, and the audit event

**One change never blocks the rest.** A data step that cannot apply a change raises (or returns)
:class:`~app.sync.merge.context.ChangeRefused` naming its record; :func:`settle` sets every change of that record
aside, with the reason, and runs the steps again over the rest (a change waiting for a record set aside follows it
there through the ``integrity`` step). A *security* refusal (:class:`~app.sync.merge.context.ChangeForbidden`:
ownership, street, epochs, a held change number with other content, the domain's invariants; and anything the
checks before ``settle`` raise) still refuses the whole bundle:
app/sync/merge/quarantine.py says which refusals are which, and why.

A new rule is a new step (or a check inside one) between the two whose data it needs: a step takes what the
earlier ones produced and returns what it found. The steps run in this order for every bundle, at the hub and at
field nodes; a retry of quarantined changes (app/sync/merge/review.py) runs ``settle`` and ``log`` again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.hlc import Stamp
from app.db.store import Store
from app.memory import cyclic_gc_paused
from app.models.enums import NodeRole
from app.sync.bundle import BundleRefused, Limits, Opened
from app.sync.merge import quarantine
from app.sync.merge.advance import advance_vector, record_bundle, take_acknowledgement
from app.sync.merge.alias import alias_changes, store_aliases
from app.sync.merge.authorize import Authorized, authorize
from app.sync.merge.context import (
    Change,
    ChangeForbidden,
    ChangeRefused,
    MergeContext,
    MergeOutcome,
    RecordKey,
    load_rows,
    refused,
)
from app.sync.merge.deduplicate import already_received, fresh_changes
from app.sync.merge.epochs import load_epochs, with_announcements
from app.sync.merge.fields import ConflictRow, clock_conflicts, merge_changes
from app.sync.merge.integrity import check_rows
from app.sync.merge.invariants import check_invariants
from app.sync.merge.log import keep_for_review, log_changes, observe_stamps
from app.sync.merge.quarantine import Identity, identity
from app.sync.merge.validate import check_clocks, check_epochs, enrolled_sender, validate_changes
from app.sync.merge.write import Prepared, prepare_rows, write_prepared
from app.sync.tables import synced_models
from app.sync.vector import version_vector

#: how many reasons an outcome lists (the rest are in the quarantine list)
REASONS_SHOWN = 20


def defer_foreign_keys(conn: sa.Connection) -> None:
    """Rows of one bundle may refer to each other in any order: foreign keys are checked at commit."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    else:  # PostgreSQL: app/db/migrate.py makes every foreign key deferrable
        conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")


@dataclass
class Settled:
    """What :func:`settle` leaves to record: the changes applied (rewritten to canonical ids; their rows are
    written), kept as proposals, the conflicts, the aliases found, the changes set aside (as they came), the
    photos skipped as held here already, and the hash of every row written (for the log entries)."""

    applied: list[Change] = field(default_factory=list)
    proposals: list[Change] = field(default_factory=list)
    conflicts: list[ConflictRow] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)
    held: dict[Identity, tuple[Change, BundleRefused]] = field(default_factory=dict)
    skipped: list[Change] = field(default_factory=list)
    hashes: dict[RecordKey, str] = field(default_factory=dict)


def settle(ctx: MergeContext, fresh: list[Change], blobs: dict[str, bytes],
           held: dict[Identity, tuple[Change, BundleRefused]] | None = None,
           retrying: set[Identity] | None = None) -> Settled:
    """Alias, authorize, merge, check and write ``fresh`` but the changes in ``held`` (and those set aside on the
    way, each with its reason), until the rest writes cleanly. ``retrying``: quarantined changes being applied
    again (they do not wait for themselves)."""
    held = dict(held or {})
    by_identity = {identity(c): c for c in fresh}
    blocked = quarantine.waiting_inserts(ctx.conn, fresh, retrying)
    for _ in range(len(fresh) + 1):
        quarantine.hold_waiting(fresh, held, blocked)
        todo = [c for c in fresh if identity(c) not in held]
        aliasing = alias_changes(ctx, todo)
        changes = aliasing.changes
        current = load_rows(ctx.conn, ctx.models, changes)
        authorized = authorize(ctx, changes, current)  # a refusal here refuses the bundle
        problems = invariants(ctx, authorized)
        if problems:
            if not set_aside(problems, changes, by_identity, held):
                raise problems[0]
            continue
        conflicts = merge_changes(ctx.conn, current, authorized.to_apply, ctx.bundle_id)
        problems = check_rows(ctx.conn, current)
        prepared: Prepared | None = None
        if not problems:
            try:
                prepared = prepare_rows(ctx.models, current, blobs)
                problems = write_checked(ctx.conn, prepared)
            except ChangeForbidden:
                raise
            except ChangeRefused as exc:
                problems = [exc]
        if not problems and prepared is not None:
            return Settled(authorized.to_apply, authorized.proposals, conflicts, aliasing.aliases, held,
                           authorized.skipped, prepared.hashes)
        if not set_aside(problems, changes, by_identity, held):
            raise problems[0]  # not tied to a change of this bundle: the bundle is refused
    raise refused(None, "The bundle could not be applied; it was not imported.")


def invariants(ctx: MergeContext, authorized: Authorized) -> list[ChangeRefused]:
    """The ``invariants`` step over what ``authorize`` lets through: a broken rule is a security refusal (raised:
    the bundle is refused); a photo linked to a record not held here is a missing parent (returned: set aside)."""
    assert authorized.resolver is not None
    try:
        check_invariants(authorized.to_apply, authorized.rows, authorized.resolver,
                         lambda change: ctx.epochs.node(change["origin"]) != ctx.hub_id, ctx.sender_name)
    except ChangeForbidden:
        raise
    except ChangeRefused as exc:
        return [exc]
    return []


def set_aside(problems: list[ChangeRefused], changes: list[Change], by_identity: dict[Identity, Change],
              held: dict[Identity, tuple[Change, BundleRefused]]) -> bool:
    """Hold back every change of the records ``problems`` name (as the changes came); True if any was new."""
    reasons: dict[RecordKey, ChangeRefused] = {p.key: p for p in problems if p.key is not None}
    added = False
    for change in changes:
        reason = reasons.get((change["table"], change["record"]))
        ident = identity(change)
        if reason is not None and ident not in held and ident in by_identity:
            held[ident] = (by_identity[ident], reason)
            added = True
    return added


def write_checked(conn: sa.Connection, prepared: Prepared) -> list[ChangeRefused]:
    """Write ``prepared`` in a savepoint. Should the database still refuse it (a rule the ``integrity`` step does
    not know), undo it and find the rows it refuses one by one: their refusals are returned, nothing is written."""
    savepoint = conn.begin_nested()
    try:
        write_prepared(conn, prepared)
    except IntegrityError:
        savepoint.rollback()
    else:
        savepoint.commit()
        return []
    problems: list[ChangeRefused] = []
    outer = conn.begin_nested()
    try:
        for key, single in single_rows(prepared):
            attempt = conn.begin_nested()
            try:
                write_prepared(conn, single)
                attempt.commit()
            except IntegrityError as exc:
                attempt.rollback()
                problems.append(refused(key, "The database refuses {table} record {record} ({reason}); the change "
                                             "was set aside in quarantine.", table=key[0], record=key[1],
                                        reason=str(exc.orig).split("\n")[0]))
    finally:
        outer.rollback()
    return problems


def single_rows(prepared: Prepared) -> list[tuple[RecordKey, Prepared]]:
    """Each row of ``prepared`` on its own (inserts first, parents before children), with its record."""
    result = []
    for groups, is_insert in ((prepared.inserts, True), (prepared.updates, False)):
        for (name, columns), rows in groups.items():
            for row in rows:
                record = row[columns.index("id")] if is_insert else row[-1]
                single = Prepared(prepared.tables)
                (single.inserts if is_insert else single.updates)[(name, columns)].append(row)
                result.append(((name, str(uuid.UUID(str(record)))), single))
    return result


def record_settled(session: Session, store: Store, ctx: MergeContext, settled: Settled) -> None:
    """The ``log`` step over what :func:`settle` did: applied changes into the log, the clock, proposals, conflicts,
    aliases and quarantine."""
    conn = session.connection()
    log_changes(store.audit, conn, settled.applied, settled.hashes)
    observe_stamps(store.clock, settled.applied + settled.proposals)
    keep_for_review(session, settled.proposals, settled.conflicts, ctx.bundle_id)
    store_aliases(session, settled.aliases)
    quarantine.keep(session, settled.held, ctx.sender.node_id, ctx.bundle_id)


def reasons_of(held: dict[Identity, tuple[Change, BundleRefused]]) -> list[str]:
    """One translated reason per record set aside (the first few)."""
    seen: dict[tuple[str, str], str] = {}
    for change, reason in held.values():
        seen.setdefault((change["table"], change["record"]), reason.message)
    return list(seen.values())[:REASONS_SHOWN]


def apply_bundle(session: Session, store: Store, opened: Opened, limits: Limits, wall_ms: Callable[[], int],
                 crash_hook: Callable[[str], None] | None = None) -> MergeOutcome:
    """Run every step over ``opened`` in ``session``'s transaction; return what it did, or raise BundleRefused.

    ``wall_ms`` is this computer's clock (milliseconds); ``crash_hook("apply")`` runs after the rows are written
    and before they are logged (tests kill the process there)."""
    with cyclic_gc_paused():  # the bundle's changes and rows all live until the end (app/memory.py)
        return _apply_bundle(session, store, opened, limits, wall_ms, crash_hook)


def _apply_bundle(session: Session, store: Store, opened: Opened, limits: Limits, wall_ms: Callable[[], int],
                  crash_hook: Callable[[str], None] | None) -> MergeOutcome:
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
    fresh = fresh_changes(conn, opened.changes, vector, me, frozenset(epochs.origins(store.info.node_id)) - {me})
    check_epochs(fresh, epochs, sender=peer.node_id, at_hub=at_hub, sender_name=ctx.sender_name)
    flagged, too_far = check_clocks(conn, fresh, wall_ms(), limits, Stamp.parse(store.clock.last).millis)

    settled = settle(ctx, fresh, opened.blobs, {identity(c): (c, reason) for c, reason in too_far})
    set_aside_keys = {(c["table"], c["record"]) for c, _ in settled.held.values()}
    settled.conflicts += clock_conflicts([k for k in flagged if k not in set_aside_keys], ctx.bundle_id)
    if crash_hook:
        crash_hook("apply")

    record_settled(session, store, ctx, settled)
    advance_vector(conn, header["ranges"], vector, me)
    take_acknowledgement(peer, header, epochs)
    echoed = sum(1 for change in opened.changes if change["origin"] == me)
    outcome = MergeOutcome(skipped=len(opened.changes) - len(fresh) + len(settled.skipped) - echoed,
                           applied=len(settled.applied), echoed=echoed,
                           proposals=len(settled.proposals), conflicts=len(settled.conflicts),
                           flagged=[f"{table} {record}" for table, record in flagged],
                           quarantined=len(settled.held), aliased=len(settled.aliases),
                           reasons=reasons_of(settled.held))
    record_bundle(session, store, opened, outcome)
    return outcome
