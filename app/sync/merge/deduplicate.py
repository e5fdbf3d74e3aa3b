"""The ``deduplicate`` step: what of a bundle is here already. A bundle id already received makes the whole bundle
a no-op; a change this node made itself, or whose (origin, sequence) is at or below the version vector, in the
log, kept as a proposal, set aside in quarantine or found to be a record held here (an alias), is skipped. So
the same bundle twice, or bundles in any order, change nothing more.

A change is skipped only when it is *the same* change: one whose (origin, sequence) is held here with other content
(stamp, author, record, values) means that two writers used one origin's sequence numbers (two copies of one node
running, or a node rolled back by copying its files instead of restoring them, which starts a new epoch:
app/db/epochs.py), and the bundle is refused, naming the record, instead of being counted as "already here" (a
security refusal: :class:`~app.sync.merge.context.ChangeForbidden`). A change held in quarantine is compared as it
came; one held in the log may have been logged with its links rewritten to the records they are aliases of
(app/sync/merge/alias.py), so those links may differ (:func:`same_change`); an insert found to be a record held here
(an alias) is the same change when it names the same record. The hub's bundles also carry the newest change it holds
of the recipient's own origin (the *echo*, app/sync/export.py), so a copy of a node learns at its next import that
another copy wrote in its name.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.audit import canonical_json
from app.models import Alias, AuditEntry, Proposal, QuarantinedChange, ReceivedBundle
from app.sync.merge.alias import NATURAL_KEYS, links
from app.sync.merge.context import Change, forbidden, record_key


def already_received(session: Session, bundle_id: str) -> bool:
    """Whether the bundle ``bundle_id`` was imported here before."""
    return session.get(ReceivedBundle, bundle_id) is not None


#: a change as held here: (stamp, action, table, record, author, data as canonical JSON)
Held = tuple[str, str, str, str, str, str]


def held_changes(conn: sa.Connection, changes: list[Change]) -> dict[tuple[str, int], Held]:
    """The (origin, sequence) pairs among ``changes`` that this node's log holds, keeps as proposals or in
    quarantine, or found to be aliases, with what it holds under them (an alias: its table and the id it came
    with, the other parts empty)."""
    held: dict[tuple[str, int], Held] = {}
    by_origin: dict[str, set[int]] = defaultdict(set)
    for change in changes:
        by_origin[change["origin"]].add(change["seq"])
    for origin, seqs in by_origin.items():
        low, high = min(seqs), max(seqs)
        rows = conn.execute(sa.select(AuditEntry.origin_seq, AuditEntry.hlc, AuditEntry.action,
                                      AuditEntry.table_name, AuditEntry.record_id, AuditEntry.actor, AuditEntry.data)
                            .where(AuditEntry.origin_node == origin, AuditEntry.origin_seq.between(low, high)))
        for seq, hlc, action, table, record, actor, data in rows:
            if seq in seqs:
                held[(origin, int(seq))] = (hlc, action, table or "", record or "", actor, data)
        for kept in (Proposal, QuarantinedChange):  # proposed, or set aside (as it came)
            kept_rows = conn.execute(sa.select(kept.origin_seq, kept.hlc, kept.action, kept.table_name,
                                               kept.record_id, kept.actor, kept.data)
                                     .where(kept.origin_node == origin, kept.origin_seq.between(low, high)))
            for seq, hlc, action, table, record, actor, data in kept_rows:
                if seq in seqs:
                    held[(origin, int(seq))] = (hlc, action, table, record, actor, canonical_json(json.loads(data)))
        aliased = conn.execute(sa.select(Alias.origin_seq, Alias.table_name, Alias.alias_id)
                               .where(Alias.origin_node == origin, Alias.origin_seq.between(low, high)))
        for seq, table, alias_id in aliased:  # an insert found to be a record held here: what it was logged as
            if seq in seqs:                   # (an update of what differed, or nothing) is not the insert
                held[(origin, int(seq))] = ("", ALIASED, table, alias_id, "", "")
    return held


#: the action :func:`held_changes` gives an aliased insert
ALIASED = "aliased"


def same_change(change: Change, held: Held) -> bool:
    """Whether ``change`` is the change held here under its (origin, sequence).

    A node that merged the change may have rewritten it to the records its links are aliases of
    (app/sync/merge/alias.py: the hub logs a laptop's visit under the household it held first, and echoes it back
    so), and this node may not know that alias yet: a value of a link to a table with natural keys, or the record
    id of such a table, may differ. The stamp, action, table, author and every other value may not."""
    hlc, action, table, record, actor, data = held
    if action == ALIASED:
        return change["action"] == "insert" and (change["table"], change["record"]) == (table, record)
    if (change["hlc"], change["action"], change["table"], change["actor"]) != (hlc, action, table, actor):
        return False
    if canonical_json(change["data"]) == data and change["record"] == record:
        return True
    if change["record"] != record and table not in NATURAL_KEYS:
        return False
    aliased = links().get(table, {})
    mine, theirs = change["data"], json.loads(data)
    if not isinstance(theirs, dict) or set(mine) != set(theirs):
        return False
    for part, values in mine.items():
        other = theirs[part]
        if not isinstance(values, dict) or not isinstance(other, dict):
            if canonical_json(values) != canonical_json(other):
                return False
            continue
        if set(values) != set(other):
            return False
        for name, value in values.items():
            if canonical_json(value) != canonical_json(other[name]) and not (
                    name in aliased and isinstance(value, str) and isinstance(other[name], str)):
                return False
    return True


def _diverged(change: Change) -> Any:
    return forbidden(record_key(change), "Change {seq} of node {node} ({table} record {record}) arrived with other "
                                         "content than this node holds under the same number: two copies of that "
                                         "node are running, or it was rolled back by copying its files instead of "
                                         "restoring a backup. Nothing was imported.",
                     seq=change["seq"], node=change["origin"][:8], table=change["table"], record=change["record"])


def fresh_changes(conn: sa.Connection, changes: list[Change], vector: dict[str, int], me: str,
                  earlier: frozenset[str] = frozenset()) -> list[Change]:
    """The changes of a (validated) bundle that are new here, in bundle order: not made under this node's own
    origin ``me``, above the version vector, and neither in the log nor kept as proposals. Raise ChangeRefused
    for a change held here with other content, or for a change of ``me`` this node never made.

    Changes of this node's ``earlier`` origins (epochs before a restore) come back from the hub; they are taken
    only in sequence, without a gap (the hub's echo of a newer one waits for the changes before it)."""
    held = held_changes(conn, changes)
    following = {origin: vector.get(origin, 0) + 1 for origin in earlier}
    fresh = []
    for change in sorted(changes, key=lambda c: (c["origin"], c["seq"])) if earlier else changes:
        key = (change["origin"], change["seq"])
        if key in held:
            if not same_change(change, held[key]):
                raise _diverged(change)
            continue
        if change["origin"] == me:
            raise forbidden(record_key(change), "The bundle carries change {seq} of this node's own log ({table} "
                                                "record {record}), which this computer never made: another copy of "
                                                "this node is running, or it was rolled back by copying its files "
                                                "instead of restoring a backup. Nothing was imported.",
                            seq=change["seq"], table=change["table"], record=change["record"])
        if change["origin"] in following:
            if change["seq"] != following[change["origin"]]:
                continue
            following[change["origin"]] += 1
        if change["seq"] > vector.get(change["origin"], 0):
            fresh.append(change)
    return fresh
