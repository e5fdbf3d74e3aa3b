"""Change capture and exchange: which changes a peer still needs (export), and applying a verified bundle in one
transaction (import).

The change log is the audit log (app/db/audit.py): every write to a synced record already has an entry keyed by
(origin node, origin sequence) with its stamp, in the same transaction. Each node keeps a version vector
{origin: highest sequence held} in ``sync_vector`` (its own entry is the highest sequence of its own log).

Export: a field node sends its own changes above what the hub acknowledged; the hub sends every change of every
origin but the recipient above the recipient's acknowledgement, in the recipient's street (relaying). Bundles are
cumulative, so a lost stick costs nothing; nothing is ever pruned from the log. Each bundle carries the sender's
version vector as its acknowledgement, and per origin the range (after, upto] it covers completely (changes the
recipient may not see, such as another street's, are simply not in it).

Import: verify everything first (app/sync/bundle.py), then in ONE ``BEGIN IMMEDIATE`` transaction: skip bundles
and (origin, seq) already held, check clocks and ownership (app/sync/merge.py), merge per field, write the rows
with executemany, record the changes in the local log with their original origin, sequence and stamp, keep
proposals and conflicts, record the bundle id, advance the version vector and the peer's acknowledgement.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from app.db.audit import _plain
from app.db.hlc import Stamp
from app.db.store import Store
from app.domain.permissions import Permission
from app.errors import ValidationError
from app.i18n import translate
from app.models import AuditEntry, Base, Conflict, Peer, Proposal, ReceivedBundle, VersionVector
from app.models.base import utcnow
from app.models.enums import NodeRole
from app.sync import bundle as fmt
from app.sync.bundle import LIMITS, BundleRefused, Header, Limits, Opened
from app.sync.keys import PublicKeys, node_keys
from app.sync.merge import (
    BOOKKEEPING,
    GLOBAL,
    HUB_OWNED,
    IMMUTABLE,
    ScopeResolver,
    check_change,
    synced_models,
)

CHANGE_KEYS = ("origin", "seq", "hlc", "action", "table", "record", "actor", "data")


def _refuse(text: str, **params: object) -> BundleRefused:
    return BundleRefused(translate("Sync", text, **params))


# -- version vectors --------------------------------------------------------------------------------------------
def version_vector(conn: sa.Connection, self_id: str) -> dict[str, int]:
    vector = {row.origin_node: row.seq for row in conn.execute(sa.select(VersionVector))}
    own = conn.execute(sa.select(sa.func.max(AuditEntry.origin_seq))
                       .where(AuditEntry.origin_node == self_id)).scalar() or 0
    vector[self_id] = int(own)
    return {k: v for k, v in vector.items() if v}


def _loads(text: str) -> dict[str, int]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): int(v) for k, v in value.items()} if isinstance(value, dict) else {}


# -- export -----------------------------------------------------------------------------------------------------
@dataclass
class ExportResult:
    peer: str
    path: Path | None
    changes: int
    blobs: int
    bundle_id: str = ""


def _peers_to_send(session: Any, store: Store, to: str | None) -> list[Peer]:
    query = sa.select(Peer).where(Peer.revoked_at.is_(None))
    if store.info.role == NodeRole.FIELD:
        query = query.where(Peer.role == NodeRole.HUB)
    found = list(session.execute(query.order_by(Peer.node_id)).scalars())
    if to:
        ref = to.strip().lower()
        found = [p for p in found if p.node_id == ref or (len(ref) >= 8 and p.node_id.startswith(ref))]
        if len(found) != 1:
            raise ValidationError(translate("Sync", "No enrolled node matches {node}.", node=to))
    return found


def collect(conn: sa.Connection, store: Store, peer: Peer, limits: Limits = LIMITS
            ) -> tuple[list[dict[str, Any]], dict[str, list[int]], list[fmt.PayloadEntry]]:
    """The changes ``peer`` has not acknowledged, the ranges they cover and the attachments they reference."""
    me = store.info.node_id
    vector = version_vector(conn, me)
    acked = _loads(peer.acked)
    field_node = store.info.role == NodeRole.FIELD
    origins = [me] if field_node else sorted(o for o in vector if o != peer.node_id)
    ranges: dict[str, list[int]] = {}
    changes: list[dict[str, Any]] = []
    for origin in origins:
        after, upto = acked.get(origin, 0), vector.get(origin, 0)
        if upto <= after:
            continue
        ranges[origin] = [after, upto]
        rows = conn.execute(sa.select(AuditEntry.origin_node, AuditEntry.origin_seq, AuditEntry.hlc,
                                      AuditEntry.action, AuditEntry.table_name, AuditEntry.record_id,
                                      AuditEntry.actor, AuditEntry.data)
                            .where(AuditEntry.origin_node == origin, AuditEntry.origin_seq > after,
                                   AuditEntry.origin_seq <= upto, AuditEntry.local.is_(False))
                            .order_by(AuditEntry.origin_seq))
        for row in rows:
            changes.append({"origin": row.origin_node, "seq": row.origin_seq, "hlc": row.hlc,
                            "action": row.action, "table": row.table_name, "record": row.record_id,
                            "actor": row.actor, "data": json.loads(row.data)})
    if store.info.role == NodeRole.HUB and changes:
        changes = _in_scope(conn, changes, peer.street_code or "")
    return changes, ranges, _blobs_for(conn, changes)


def _in_scope(conn: sa.Connection, changes: list[dict[str, Any]], street: str) -> list[dict[str, Any]]:
    resolver = ScopeResolver(conn)
    by_table: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        by_table[change["table"]].add(change["record"])
    for table in ("households", "loans", "anomalies", *by_table):
        resolver.prefetch(table, by_table.get(table, ()))
    kept = []
    attachment_scope: dict[str, bool] = {}
    for change in changes:
        if change["table"] == "attachments":
            if change["record"] not in attachment_scope:
                streets = resolver.streets_of_attachment(change["record"])
                attachment_scope[change["record"]] = street in streets or GLOBAL in streets
            if attachment_scope[change["record"]]:
                kept.append(change)
            continue
        where = resolver.street(change["table"], change["record"])
        if where in (street, GLOBAL):
            kept.append(change)
    return kept


def _blob_columns() -> dict[str, list[str]]:
    result = {}
    for table, model in synced_models().items():
        columns = [c.name for c in cast(sa.Table, sa.inspect(model).local_table).c
                   if isinstance(c.type, sa.LargeBinary)]
        if columns:
            result[table] = columns
    return result


def _blobs_for(conn: sa.Connection, changes: list[dict[str, Any]]) -> list[fmt.PayloadEntry]:
    columns = _blob_columns()
    models = synced_models()
    entries: dict[str, fmt.PayloadEntry] = {}
    for change in changes:
        for name in columns.get(change["table"], ()):
            value = (change["data"].get("new") or {}).get(name)
            if not isinstance(value, dict) or value.get("sha256") in entries:
                continue
            sha, size = str(value["sha256"]), int(value["size"])
            table = cast(sa.Table, sa.inspect(models[change["table"]]).local_table)
            data = conn.execute(sa.select(table.c[name]).where(table.c.id == uuid.UUID(change["record"]))).scalar()
            if data is None or hashlib.sha256(data).hexdigest() != sha:
                continue  # the row holds newer bytes; that later change carries them
            entries[sha] = fmt.blob_entry(sha, size, _loader(conn, table, name, change["record"]))
    return list(entries.values())


def _loader(conn: sa.Connection, table: sa.Table, column: str, record: str) -> Callable[[], bytes]:
    def load() -> bytes:
        value = conn.execute(sa.select(table.c[column]).where(table.c.id == uuid.UUID(record))).scalar()
        return bytes(value or b"")
    return load


def bundle_file_name(sender: str, recipient: str, seq: int) -> str:
    return f"fieldbook-{sender[:8]}-to-{recipient[:8]}-{seq:06d}{fmt.SUFFIX}"


def export_bundles(store: Store, out_dir: Path, to: str | None = None, limits: Limits = LIMITS,
                   crash_hook: Callable[[str], None] | None = None, force: bool | None = None
                   ) -> list[ExportResult]:
    """Write one bundle per peer with something to send (changes, or a new acknowledgement); with ``to``, one
    bundle for that peer even if it only carries the acknowledgement (unless ``force`` is False: the HTTP hub
    asks for one peer's bundle only when there is something to send)."""
    if force is None:
        force = to is not None
    store.require(Permission.EXCHANGE_DATA)
    keys = node_keys(store)
    me = store.info.node_id
    results: list[ExportResult] = []
    with store.read() as session:
        peers = _peers_to_send(session, store, to)
    if not peers:
        raise ValidationError(translate("Sync", "This node is not enrolled with any peer yet; enroll it first."))
    for peer in peers:
        # one read transaction: a consistent snapshot of the log while the file is written (WAL readers)
        with store.engine.connect() as conn, conn.begin():
            vector = version_vector(conn, me)
            changes, ranges, blobs = collect(conn, store, peer, limits)
            if not changes and vector == _loads(peer.sent_ack) and peer.sent_bundle_seq and not force:
                results.append(ExportResult(peer.node_id, None, 0, 0))
                continue
            with store.write() as session:  # reserve the bundle's sequence number
                row = session.get(Peer, peer.node_id)
                assert row is not None
                row.sent_bundle_seq += 1
                seq = row.sent_bundle_seq
            bundle_id = fmt.new_bundle_id()
            header = {"bundle_id": bundle_id, "sender": me, "sender_key": keys.fingerprint,
                      "recipient": peer.node_id, "recipient_key": peer.fingerprint, "bundle_seq": seq,
                      "created_at": utcnow().isoformat(timespec="seconds"), "ranges": ranges, "ack": vector,
                      "roster": _roster(conn)}
            entries = [fmt.batch_entry(i + 1, changes[start:start + limits.batch_changes])
                       for i, start in enumerate(range(0, len(changes), limits.batch_changes))]
            entries += blobs
            manifest = fmt.build_manifest(header, entries, len(changes))
            recipient = PublicKeys(peer.node_id, peer.sign_public, peer.box_public)
            path = fmt.write_bundle(out_dir, bundle_file_name(me, peer.node_id, seq), keys, recipient, header,
                                    manifest, entries, crash_hook=crash_hook)
        with store.write() as session:
            row = session.get(Peer, peer.node_id)
            assert row is not None
            row.sent_ack = json.dumps(vector, sort_keys=True)
            store.audit.event(session, "bundle_exported", {"bundle": bundle_id, "to": peer.node_id, "seq": seq,
                                                           "changes": len(changes), "blobs": len(blobs),
                                                           "file": path.name})
        results.append(ExportResult(peer.node_id, path, len(changes), len(blobs), bundle_id))
    return results


def _roster(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.max(Peer.roster_version))).scalar() or 0)


# -- import -----------------------------------------------------------------------------------------------------
@dataclass
class ImportReport:
    path: Path
    bundle_id: str = ""
    sender: str = ""
    already: bool = False
    changes: int = 0
    applied: int = 0
    skipped: int = 0
    proposals: int = 0
    conflicts: int = 0
    flagged: list[str] = field(default_factory=list)


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


def import_bundles(store: Store, paths: Sequence[Path], limits: Limits = LIMITS) -> list[ImportReport]:
    return [import_bundle(store, path, limits) for path in fmt.iter_bundle_files(paths)]


def import_bundle(store: Store, path: Path, limits: Limits = LIMITS, wall_ms: Callable[[], int] = _wall_ms,
                  crash_hook: Callable[[str], None] | None = None) -> ImportReport:
    """Verify and apply one bundle file; raise BundleRefused (nothing changed) if anything is wrong."""
    store.require(Permission.EXCHANGE_DATA)
    keys = node_keys(store)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise _refuse("The file {path} does not exist.", path=path) from exc
    if size > limits.max_file_bytes:
        raise _refuse("The bundle is larger than Fieldbook accepts ({size} bytes).", size=size)
    store.paths.tmp.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix="import-", suffix=fmt.SUFFIX, dir=store.paths.tmp)
    os.close(fd)
    local = Path(tmp_name)
    try:
        shutil.copyfile(path, local)  # sticks lie about what they hold; work on our own copy
        opened = fmt.verify_and_open(local, keys, lambda header: _sender_keys(store, header), limits)
    finally:
        with contextlib.suppress(FileNotFoundError):
            local.unlink()
    report = ImportReport(path, opened.header["bundle_id"], opened.header["sender"],
                          changes=len(opened.changes))
    try:
        with store.write() as session:
            _apply(session, store, opened, report, limits, wall_ms, crash_hook)
    except IntegrityError as exc:
        raise _refuse("The bundle refers to records this node does not hold, or repeats a unique value "
                      "({reason}); it was not imported.", reason=str(exc.orig).split("\n")[0]) from exc
    return report


def _sender_keys(store: Store, header: Header) -> PublicKeys:
    sender = header["sender"]
    with store.read() as session:
        peer = session.get(Peer, sender)
        if peer is None:
            raise _refuse("The bundle comes from the node {node}, which is not enrolled here; it was not "
                          "imported.", node=sender)
        _check_peer(store, peer)
        return PublicKeys(peer.node_id, peer.sign_public, peer.box_public)


def _check_peer(store: Store, peer: Peer) -> None:
    if peer.revoked_at is not None:
        raise _refuse("The bundle comes from the node {node}, which was revoked; it was not imported.",
                      node=peer.node_id)
    if store.info.role == NodeRole.HUB:
        if peer.role != NodeRole.FIELD:
            raise _refuse("The bundle comes from the node {node}, which is not enrolled here; it was not "
                          "imported.", node=peer.node_id)
        if peer.expires_at is not None and peer.expires_at < utcnow():
            raise _refuse("The certificate of node {node} has expired; enroll it again before importing its "
                          "bundles.", node=peer.node_id)
    elif peer.role != NodeRole.HUB:
        raise _refuse("A field node imports bundles from its hub only; {node} is not its hub.", node=peer.node_id)


def _valid_change(change: dict[str, Any], tables: set[str]) -> bool:
    if set(change) != set(CHANGE_KEYS):
        return False
    ok = (isinstance(change["origin"], str) and len(change["origin"]) == 36
          and isinstance(change["seq"], int) and not isinstance(change["seq"], bool) and change["seq"] > 0
          and isinstance(change["hlc"], str) and len(change["hlc"]) <= 64
          and change["action"] in ("insert", "update") and change["table"] in tables
          and isinstance(change["record"], str) and isinstance(change["actor"], str) and len(change["actor"]) <= 64
          and isinstance(change["data"], dict) and isinstance(change["data"].get("new"), dict)
          and isinstance(change["data"].get("old", {}), dict))
    if not ok:
        return False
    try:
        stamp = Stamp.parse(change["hlc"])
    except (ValueError, TypeError):
        return False
    return stamp.node == change["origin"] and bool(_CANONICAL_UUID.match(change["record"]))


@dataclass
class _Row:
    values: dict[str, Any]  # plain (log) form
    is_new: bool
    dirty: set[str] = field(default_factory=set)


def _apply(session: Any, store: Store, opened: Opened, report: ImportReport, limits: Limits,
           wall_ms: Callable[[], int], crash_hook: Callable[[str], None] | None) -> None:
    conn: sa.Connection = session.connection()
    header = opened.header
    me, sender = store.info.node_id, header["sender"]
    at_hub = store.info.role == NodeRole.HUB
    peer = session.get(Peer, sender)
    if peer is None:
        raise _refuse("The bundle comes from the node {node}, which is not enrolled here; it was not imported.",
                      node=sender)
    _check_peer(store, peer)
    if session.get(ReceivedBundle, header["bundle_id"]) is not None:
        report.already = True
        report.skipped = len(opened.changes)
        return
    # rows of one bundle may refer to each other: foreign keys are checked at commit
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    else:  # PostgreSQL: app/db/migrate.py makes every foreign key deferrable
        conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")
    hub_id = me if at_hub else sender
    models = synced_models()
    vector = version_vector(conn, me)

    # 1. shape, origin, ranges and duplicates
    ranges: dict[str, list[int]] = header["ranges"]
    if at_hub and set(ranges) - {sender}:
        raise _refuse("The bundle from {sender} carries changes made on another node; a field node sends "
                      "only its own. It was not imported.", sender=sender)
    fresh: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for change in opened.changes:
        if not _valid_change(change, set(models)):
            raise _refuse("The bundle holds a change that Fieldbook cannot read; it was not imported.")
        low, high = ranges.get(change["origin"], (0, 0))
        if not low < change["seq"] <= high:
            raise _refuse("The bundle holds a change outside the ranges its header declares; it was not "
                          "imported.")
        if at_hub and change["origin"] != sender:
            raise _refuse("The bundle from {sender} carries changes made on another node; a field node sends "
                          "only its own. It was not imported.", sender=sender)
        key = (change["origin"], change["seq"])
        if key in seen:
            raise _refuse("The bundle holds the same change twice; it was not imported.")
        seen.add(key)
        if change["origin"] != me and change["seq"] > vector.get(change["origin"], 0):
            fresh.append(change)
    held = _already_logged(conn, fresh)
    fresh = [c for c in fresh if (c["origin"], c["seq"]) not in held]
    report.skipped = len(opened.changes) - len(fresh)

    # 2. clocks: each origin's stamps rise with its sequence; none far in the future
    now_ms = wall_ms()
    by_origin: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for change in fresh:
        by_origin[change["origin"]].append(change)
    for origin, items in by_origin.items():
        items.sort(key=lambda c: c["seq"])
        before = conn.execute(sa.select(AuditEntry.hlc).where(AuditEntry.origin_node == origin,
                                                              AuditEntry.origin_seq < items[0]["seq"])
                              .order_by(AuditEntry.origin_seq.desc()).limit(1)).scalar()
        for change in items:
            if before is not None and change["hlc"] <= before:
                raise _refuse("The clock of node {node} ran backwards (change {seq}); the bundle was not "
                              "imported. Check that computer's date and time.", node=origin, seq=change["seq"])
            before = change["hlc"]
            ahead = Stamp.parse(change["hlc"]).millis - now_ms
            if ahead > limits.clock_refuse_ahead_ms:
                raise _refuse("The clock of node {node} is {days} days ahead of this computer's; the bundle was "
                              "not imported. Correct the date on the computer that is wrong.", node=origin,
                              days=ahead // 86_400_000)
            if ahead > limits.clock_flag_ahead_ms:
                report.flagged.append(f"{change['table']} {change['record']}")

    # 3. current rows, ownership, scope
    current = _load_rows(conn, models, fresh)
    pending = {k: v.values for k, v in current.items()}
    for change in fresh:
        if change["action"] == "insert":
            pending.setdefault((change["table"], change["record"]), change["data"]["new"])
    resolver = ScopeResolver(conn, pending)
    if at_hub:
        resolver.prefetch_links(pending.values())
    sender_name = (peer.node_id[:8])
    to_apply: list[dict[str, Any]] = []
    proposals: list[dict[str, Any]] = []
    new_in_bundle: dict[tuple[str, str], str] = {}
    for change in sorted(fresh, key=lambda c: (c["origin"], c["seq"])):
        key = (change["table"], change["record"])
        row = current.get(key)
        row_origin = row.values.get("origin_node") if row is not None else new_in_bundle.get(key)
        outcome = check_change(change, hub_id=hub_id, at_hub=at_hub, row_origin=row_origin,
                               sender_name=sender_name)
        if row is None and key not in new_in_bundle and change["action"] == "insert":
            new_in_bundle[key] = str((change["data"]["new"]).get("origin_node") or change["origin"])
        if at_hub and change["origin"] == sender:
            _check_scope(resolver, change, row, peer, sender_name)
        (proposals if outcome == "proposal" else to_apply).append(change)

    # 4. merge per field, newest stamp last
    conflict_rows: list[dict[str, Any]] = []
    for change in sorted(to_apply, key=lambda c: c["hlc"]):
        _merge(conn, current, change, conflict_rows, header["bundle_id"])
    for item in report.flagged:
        table, record = item.split(" ", 1)
        conflict_rows.append({"kind": "clock_ahead", "table_name": table, "record_id": record,
                              "bundle_id": header["bundle_id"]})

    # 5. write rows (executemany), then the log entries with their original identity
    _write_rows(conn, models, current, opened.blobs)
    if crash_hook:
        crash_hook("apply")
    store.audit.append_remote(conn, [
        {"actor": c["actor"], "action": c["action"], "table_name": c["table"], "record_id": c["record"],
         "origin_node": c["origin"], "origin_seq": c["seq"], "hlc": c["hlc"], "data": c["data"]}
        for c in sorted(to_apply, key=lambda c: c["hlc"])])
    if fresh:
        store.clock.observe(max(c["hlc"] for c in fresh))
    session.add_all([Proposal(origin_node=c["origin"], origin_seq=c["seq"], hlc=c["hlc"], actor=c["actor"],
                              action=c["action"], table_name=c["table"], record_id=c["record"],
                              data=json.dumps(c["data"], ensure_ascii=False, sort_keys=True),
                              bundle_id=header["bundle_id"]) for c in proposals])
    session.add_all([Conflict(**row) for row in conflict_rows])

    # 6. version vector, acknowledgement, bundle record
    for origin, (after, upto) in ranges.items():
        if origin != me and vector.get(origin, 0) >= after and upto > vector.get(origin, 0):
            vector[origin] = upto
            upsert = sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert
            conn.execute(upsert(VersionVector).values(origin_node=origin, seq=upto)
                         .on_conflict_do_update(index_elements=["origin_node"], set_={"seq": upto}))
    if header["bundle_seq"] > peer.acked_bundle_seq:
        peer.acked = json.dumps(header["ack"], sort_keys=True)
        peer.acked_bundle_seq = header["bundle_seq"]
    report.applied, report.proposals, report.conflicts = len(to_apply), len(proposals), len(conflict_rows)
    session.add(ReceivedBundle(bundle_id=header["bundle_id"], sender=sender, bundle_seq=header["bundle_seq"],
                               sha256=opened.sha256, imported_by=store.user.username,
                               entries=len(opened.changes), applied=report.applied, skipped=report.skipped,
                               proposals=report.proposals, conflicts=report.conflicts))
    session.flush()
    store.audit.event(session, "bundle_imported", {
        "bundle": header["bundle_id"], "from": sender, "seq": header["bundle_seq"], "applied": report.applied,
        "skipped": report.skipped, "proposals": report.proposals, "conflicts": report.conflicts,
        "flagged": len(report.flagged)})


def _already_logged(conn: sa.Connection, changes: list[dict[str, Any]]) -> set[tuple[str, int]]:
    held: set[tuple[str, int]] = set()
    by_origin: dict[str, list[int]] = defaultdict(list)
    for change in changes:
        by_origin[change["origin"]].append(change["seq"])
    for origin, seqs in by_origin.items():
        rows = conn.execute(sa.select(AuditEntry.origin_seq).where(
            AuditEntry.origin_node == origin, AuditEntry.origin_seq.between(min(seqs), max(seqs))))
        held.update((origin, int(r[0] or 0)) for r in rows)
        proposed = conn.execute(sa.select(Proposal.origin_seq).where(
            Proposal.origin_node == origin, Proposal.origin_seq.between(min(seqs), max(seqs))))
        held.update((origin, r[0]) for r in proposed)
    return held


def _table(models: dict[str, type[Base]], name: str) -> sa.Table:
    return cast(sa.Table, sa.inspect(models[name]).local_table)


def _load_rows(conn: sa.Connection, models: dict[str, type[Base]], changes: list[dict[str, Any]]
               ) -> dict[tuple[str, str], _Row]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        wanted[change["table"]].add(change["record"])
    current: dict[tuple[str, str], _Row] = {}
    for name, ids in wanted.items():
        table = _table(models, name)
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            keys = [uuid.UUID(i) for i in id_list[start:start + 500]]
            for row in conn.execute(sa.select(table).where(table.c.id.in_(keys))):
                values = {k: _plain(v) for k, v in row._mapping.items()}
                current[(name, str(values["id"]))] = _Row(values, is_new=False)
    return current


def _check_scope(resolver: ScopeResolver, change: dict[str, Any], row: _Row | None, peer: Peer,
                 sender_name: str) -> None:
    if change["table"] in ("attachments",):
        return
    values = dict(row.values) if row is not None else {}
    values.update(change["data"].get("new") or {})
    street = resolver.street(change["table"], change["record"], values)
    if street not in (GLOBAL, peer.street_code) or (street == GLOBAL and change["table"] in HUB_OWNED):
        raise _refuse("The bundle from {sender} writes {table} record {record}, which is outside its street; "
                      "the whole bundle was refused.", sender=sender_name, table=change["table"],
                      record=change["record"])


def _merge(conn: sa.Connection, current: dict[tuple[str, str], _Row], change: dict[str, Any],
           conflict_rows: list[dict[str, Any]], bundle_id: str) -> None:
    key = (change["table"], change["record"])
    new, old = change["data"].get("new") or {}, change["data"].get("old") or {}
    row = current.get(key)
    if row is None:
        if change["action"] == "insert":
            values = dict(new)
            values["id"], values["hlc"] = change["record"], change["hlc"]
            current[key] = _Row(values, is_new=True, dirty=set(values))
        else:
            conflict_rows.append({"kind": "missing_record", "table_name": key[0], "record_id": key[1],
                                  "loser_value": json.dumps(new, ensure_ascii=False, sort_keys=True),
                                  "loser_hlc": change["hlc"], "loser_node": change["origin"],
                                  "bundle_id": bundle_id})
        return
    fields = [f for f in new if f not in IMMUTABLE and f != "hlc"]
    row_hlc = str(row.values.get("hlc") or "")
    if change["hlc"] > row_hlc:
        for name in fields:
            here = row.values.get(name)
            if new[name] == here:
                continue
            if name not in BOOKKEEPING and name in old and old[name] != here:
                conflict_rows.append(_conflict(key, name, new[name], change["hlc"], here, row_hlc, bundle_id))
            row.values[name] = new[name]
            row.dirty.add(name)
        row.values["hlc"] = change["hlc"]
        row.dirty.add("hlc")
        return
    newer = _newer_fields(conn, key, change["hlc"])
    for name in fields:
        if name in BOOKKEEPING or new[name] == row.values.get(name):
            continue
        if name in newer:
            conflict_rows.append(_conflict(key, name, row.values.get(name), row_hlc, new[name], change["hlc"],
                                           bundle_id))
        else:
            row.values[name] = new[name]
            row.dirty.add(name)


def _conflict(key: tuple[str, str], name: str, winner: Any, winner_hlc: str, loser: Any, loser_hlc: str,
              bundle_id: str) -> dict[str, Any]:
    loser_node = Stamp.parse(loser_hlc).node if loser_hlc else ""
    return {"kind": "field", "table_name": key[0], "record_id": key[1], "field": name,
            "winner_value": json.dumps(winner, ensure_ascii=False), "winner_hlc": winner_hlc,
            "loser_value": json.dumps(loser, ensure_ascii=False), "loser_hlc": loser_hlc,
            "loser_node": loser_node, "bundle_id": bundle_id}


def _newer_fields(conn: sa.Connection, key: tuple[str, str], hlc: str) -> set[str]:
    names: set[str] = set()
    for (data,) in conn.execute(sa.select(AuditEntry.data).where(
            AuditEntry.table_name == key[0], AuditEntry.record_id == key[1], AuditEntry.local.is_(False),
            AuditEntry.hlc > hlc)):
        names.update((json.loads(data).get("new") or {}).keys())
    return names


def _write_rows(conn: sa.Connection, models: dict[str, type[Base]], current: dict[tuple[str, str], _Row],
                blobs: dict[str, bytes]) -> None:
    """Write merged rows with driver-level executemany (values converted once, straight to SQLite's storage
    form, validated against the column types on the way)."""
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    inserts: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = defaultdict(list)
    updates: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = defaultdict(list)
    tables: dict[str, sa.Table] = {}
    converters: dict[str, dict[str, Callable[[Any], Any]]] = {}
    fills: dict[str, tuple[dict[str, Any], set[str]]] = {}
    for (name, record), row in current.items():
        if not row.dirty:
            continue
        if name not in tables:
            tables[name] = _table(models, name)
            converters[name] = {c.name: storage_converter(c, blobs) for c in tables[name].c}
        convert = converters[name]
        try:
            if row.is_new:
                values = row.values
                if len(values) < len(convert):
                    if name not in fills:
                        fills[name] = _defaults(tables[name])
                    fill, required = fills[name]
                    values = {**fill, **values}
                    if not required <= values.keys():
                        raise ValueError(",".join(sorted(required - values.keys())))
                columns = tuple(c for c in convert if c in values)
                inserts[(name, columns)].append(tuple(convert[c](values[c]) for c in columns))
            else:
                columns = tuple(sorted(c for c in row.dirty if c in convert))
                updates[(name, columns)].append(
                    (*(convert[c](row.values[c]) for c in columns), uuid.UUID(record).hex))
        except KeyError as exc:
            raise _refuse("The bundle refers to the attachment {sha} but does not carry it; it was not imported.",
                          sha=str(exc.args[0])[:16]) from exc
        except (ValueError, TypeError, AttributeError) as exc:
            raise _refuse("The bundle holds a value that does not fit {table} record {record}; it was not "
                          "imported.", table=name, record=record) from exc
    conn.info["audit_ok"] = conn.info.get("audit_ok", 0) + 1
    try:
        if conn.dialect.name != "sqlite":  # a hub on PostgreSQL: SQLAlchemy's own types and executemany
            _write_rows_portable(conn, tables, inserts, updates, order)
            return
        for (name, columns), rows in sorted(inserts.items(), key=lambda item: order.get(item[0][0], 0)):
            table = tables[name]
            if len(columns) != len(table.c):  # an older sender's schema: let SQLAlchemy fill the defaults
                conn.execute(sa.insert(table), [dict(zip(columns, r, strict=True)) for r in
                                                _python_rows(table, columns, rows)])
                continue
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            conn.exec_driver_sql(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', rows)
        for (name, columns), rows in sorted(updates.items(), key=lambda item: order.get(item[0][0], 0)):
            assignments = ", ".join(f'"{c}" = ?' for c in columns)
            conn.exec_driver_sql(f'UPDATE "{name}" SET {assignments} WHERE id = ?', rows)
    finally:
        conn.info["audit_ok"] -= 1


def _write_rows_portable(conn: sa.Connection, tables: dict[str, sa.Table],
                         inserts: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]],
                         updates: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]],
                         order: dict[str, int]) -> None:
    """The rows of :func:`_write_rows` through SQLAlchemy Core (any dialect): storage values back to Python."""
    for (name, columns), rows in sorted(inserts.items(), key=lambda item: order.get(item[0][0], 0)):
        table = tables[name]
        conn.execute(sa.insert(table), [dict(zip(columns, r, strict=True)) for r in
                                        _python_rows(table, columns, rows)])
    for (name, columns), rows in sorted(updates.items(), key=lambda item: order.get(item[0][0], 0)):
        table = tables[name]
        statement = (sa.update(table).where(table.c.id == sa.bindparam("b_key"))
                     .values({c: sa.bindparam(f"b_{c}") for c in columns}))
        converted = _python_rows(table, columns, [r[:-1] for r in rows])
        conn.execute(statement, [{"b_key": uuid.UUID(r[-1]), **{f"b_{c}": v for c, v in zip(columns, values,
                                                                                            strict=True)}}
                                 for r, values in zip(rows, converted, strict=True)])


def _defaults(table: sa.Table) -> tuple[dict[str, Any], set[str]]:
    """An insert logged by ``bulk_insert`` names only the values given; the others are the column defaults. Return
    the scalar defaults (log form) and the columns that must be given (no default; or a callable one, which takes
    SQLAlchemy's own path)."""
    fill: dict[str, Any] = {}
    required: set[str] = set()
    for column in table.c:
        default = column.default
        if default is None and column.server_default is None:
            if column.nullable:
                fill[column.name] = None
            else:
                required.add(column.name)
        elif default is not None and getattr(default, "is_scalar", False):
            fill[column.name] = _plain(getattr(default, "arg", None))
    return fill, required


def _python_rows(table: sa.Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Storage values back to Python values for SQLAlchemy (the rare path of a sender with an older schema)."""
    result = []
    for row in rows:
        values = []
        for name, value in zip(columns, row, strict=True):
            kind = table.c[name].type
            if value is not None and isinstance(kind, sa.Uuid):
                value = uuid.UUID(value)
            elif value is not None and isinstance(kind, sa.DateTime):
                value = dt.datetime.fromisoformat(value)
            elif value is not None and isinstance(kind, sa.Date):
                value = dt.date.fromisoformat(value)
            values.append(value)
        result.append(tuple(values))
    return result


_CANONICAL_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _uuid_hex(value: Any) -> str:
    """The 32-digit form SQLAlchemy stores for a Uuid in SQLite (the log holds the dashed form)."""
    if isinstance(value, str) and _CANONICAL_UUID.match(value):
        return value.replace("-", "")
    return uuid.UUID(str(value)).hex


def storage_converter(column: sa.Column[Any], blobs: dict[str, bytes]) -> Callable[[Any], Any]:
    """JSON value of the change log → the value SQLAlchemy would store in SQLite for ``column`` (raising
    ValueError/TypeError/KeyError when it does not fit)."""
    kind = column.type
    nullable = bool(column.nullable)

    def null_or(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def convert(value: Any) -> Any:
            if value is None:
                if not nullable:
                    raise ValueError(column.name)
                return None
            return func(value)
        return convert

    def text(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError(column.name)
        return value

    if isinstance(kind, sa.Uuid):
        return null_or(_uuid_hex)
    if isinstance(kind, sa.DateTime):
        return null_or(lambda v: dt.datetime.fromisoformat(text(v)).isoformat(sep=" ", timespec="microseconds"))
    if isinstance(kind, sa.Date):
        return null_or(lambda v: dt.date.fromisoformat(text(v)).isoformat())
    if isinstance(kind, sa.LargeBinary):
        return null_or(lambda v: blobs[str(v["sha256"])])
    if isinstance(kind, sa.Boolean):
        def boolean(value: Any) -> int:
            if not isinstance(value, bool | int):
                raise TypeError(column.name)
            return int(bool(value))
        return null_or(boolean)
    if isinstance(kind, sa.Enum):
        allowed = frozenset(kind.enums)

        def member(value: Any) -> str:
            if text(value) not in allowed:
                raise ValueError(column.name)
            return str(value)
        return null_or(member)
    if isinstance(kind, sa.Integer):
        def integer(value: Any) -> int:
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(column.name)
            return value
        return null_or(integer)
    if isinstance(kind, sa.String | sa.Text):
        return null_or(text)
    return null_or(lambda v: v)


def received(store: Store) -> list[ReceivedBundle]:
    with store.read() as session:
        return list(session.execute(sa.select(ReceivedBundle).order_by(ReceivedBundle.received_at)).scalars())
