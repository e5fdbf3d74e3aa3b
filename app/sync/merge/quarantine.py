"""Quarantine: the changes of an imported bundle that could not be applied, set aside with their reason while the
rest of the bundle, and every later bundle, apply. One change that cannot be applied never stalls a laptop.

**Which refusals quarantine one change, and which refuse the whole bundle.** Quarantine must not become a way in
for hostile input, so it takes only what an honest node with other data can send:

- *quarantined* (:class:`~app.sync.merge.context.ChangeRefused` from the data steps): a value that does not fit its
  column (a newer program version), a photo the bundle does not carry, a link to a record this node does not hold,
  a unique value (citizen ID, contract number...) that another record holds and that is not the same record (a
  household of another street, say: the ``alias`` step makes true duplicates one record first), a stamp far ahead of
  this computer's clock (a laptop's date wrong by weeks), and every change to a record whose insert waits here.
- *the whole bundle refused* (:class:`~app.sync.bundle.BundleRefused`, kept in the exchange history with its reason):
  anything wrong with the file (signature, encryption, format, sizes, hashes), its sender (not enrolled, revoked,
  expired, the wrong kind of node), its content's identity (an unreadable change, one outside the declared ranges or
  made on another node, the same change twice, a clock running backwards), and every security rule of the
  ``authorize`` step (:class:`~app.sync.merge.context.ChangeForbidden`): a field node writing the bank's records,
  another node's records, a submitted record, or a record outside its street. Such a bundle is forged, tampered with
  or made by a broken program, and applying "the rest" of it would trust it; it is refused loudly.

A quarantined change keeps its identity (origin, sequence): the version vector moves past it and the
``deduplicate`` step counts it as received, so it is not applied behind a person's back when the bundle comes
again. A person applies it after fixing the cause, or discards it with a note (app/sync/merge/review.py); both are
audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import QuarantinedChange
from app.sync.bundle import BundleRefused
from app.sync.merge.context import Change, ChangeRefused, RecordKey, record_key, refused
from app.sync.merge.integrity import linked_records

#: (origin node, origin sequence): a change's identity
Identity = tuple[str, int]


def identity(change: Change) -> Identity:
    return str(change["origin"]), int(change["seq"])


def waiting_inserts(conn: sa.Connection, changes: Iterable[Change], exclude: set[Identity] | None = None
                    ) -> dict[RecordKey, Identity]:
    """The records that ``changes`` touch or link to whose insert waits in quarantine (not one of ``exclude``)."""
    if conn.execute(sa.select(QuarantinedChange.id).where(QuarantinedChange.status == "pending").limit(1)
                    ).first() is None:
        return {}
    keys: set[RecordKey] = set()
    for change in changes:
        keys.add(record_key(change))
        keys |= linked_records(change)
    found: dict[RecordKey, Identity] = {}
    records = sorted({k[1] for k in keys})
    for start in range(0, len(records), 500):
        for table, record, origin, seq in conn.execute(
                sa.select(QuarantinedChange.table_name, QuarantinedChange.record_id, QuarantinedChange.origin_node,
                          QuarantinedChange.origin_seq)
                .where(QuarantinedChange.status == "pending", QuarantinedChange.action == "insert",
                       QuarantinedChange.record_id.in_(records[start:start + 500]))):
            if (table, record) in keys and (origin, seq) not in (exclude or set()):
                found[(table, record)] = (origin, seq)
    return found


def hold_waiting(fresh: list[Change], held: dict[Identity, tuple[Change, BundleRefused]],
                 blocked: dict[RecordKey, Identity]) -> None:
    """Set aside every change of ``fresh`` that touches or links to a record whose insert is set aside (in
    ``held``, or in quarantine already: ``blocked``), and the changes waiting for those, until none is added."""
    blocked = dict(blocked)
    for ident, (change, _) in held.items():
        if change["action"] == "insert":
            blocked.setdefault(record_key(change), ident)
    grew = True
    while grew:
        grew = False
        for change in fresh:
            ident = identity(change)
            if ident in held:
                continue
            for key in (record_key(change), *linked_records(change)):
                blocker = blocked.get(key)
                if blocker is not None and blocker != ident:
                    held[ident] = (change, waits_for(change, key, blocker))
                    if change["action"] == "insert":
                        blocked.setdefault(record_key(change), ident)
                    grew = True
                    break


def waits_for(change: Change, key: RecordKey, blocker: Identity) -> ChangeRefused:
    """The refusal of a change to, or linking to, a record whose insert is set aside."""
    return refused(record_key(change), "{table} record {record} waits for {other_table} record {other}, whose "
                                       "creation (change {seq} of node {node}) is in quarantine.",
                   table=change["table"], record=change["record"], other_table=key[0], other=key[1],
                   seq=blocker[1], node=blocker[0][:8])


def keep(session: Session, held: dict[Identity, tuple[Change, BundleRefused]], sender: str, bundle_id: str
         ) -> None:
    """Store the changes set aside (a change set aside again, on a retry, gets its new reason)."""
    if not held:
        return
    existing = {(q.origin_node, q.origin_seq): q for q in session.execute(
        sa.select(QuarantinedChange).where(QuarantinedChange.status == "pending",
                                           QuarantinedChange.origin_node.in_({o for o, _ in held}))).scalars()}
    for ident, (change, reason) in sorted(held.items()):
        entry = existing.get(ident)
        if entry is not None:
            entry.reason = reason.reason()
            entry.attempts += 1
            continue
        session.add(QuarantinedChange(
            origin_node=change["origin"], origin_seq=change["seq"], hlc=change["hlc"], actor=change["actor"],
            action=change["action"], table_name=change["table"], record_id=change["record"],
            data=json.dumps(change["data"], ensure_ascii=False, sort_keys=True), sender=sender,
            bundle_id=bundle_id, reason=reason.reason()))


def as_change(entry: QuarantinedChange) -> Change:
    """A stored quarantined change in the shape a bundle carries it."""
    data: Any = json.loads(entry.data)
    return {"origin": entry.origin_node, "seq": entry.origin_seq, "hlc": entry.hlc, "action": entry.action,
            "table": entry.table_name, "record": entry.record_id, "actor": entry.actor, "data": data}


def pending_count(session: Session) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(QuarantinedChange)
                               .where(QuarantinedChange.status == "pending")).scalar() or 0)
