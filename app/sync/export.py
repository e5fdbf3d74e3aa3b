"""Export: which changes a peer still needs, written as one bundle per peer (ARCHITECTURE.md "Change log, bundles
and enrollment").

The change log is the audit log (app/db/audit.py): every write to a synced record already has an entry keyed by
(origin node, origin sequence) with its stamp, in the same transaction. A field node sends its own changes above
what the hub acknowledged; the hub sends every change of every origin but the recipient above the recipient's
acknowledgement, in the recipient's street (relaying). Bundles are cumulative, so a lost stick costs nothing;
nothing is ever pruned from the log. Each bundle carries the sender's version vector as its acknowledgement, and
per origin the range (after, upto] it covers completely (changes the recipient may not see, such as another
street's, are simply not in it), and the attachments its changes reference, by SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.epochs import current_origin, own_origins
from app.db.store import Store
from app.domain.permissions import Permission
from app.errors import ValidationError
from app.i18n import translate
from app.models import AuditEntry, Peer
from app.models.base import utcnow
from app.models.enums import NodeRole
from app.settings import BUNDLE_SUITE
from app.sync import bundle as fmt
from app.sync import suites
from app.sync.bundle import LIMITS, Limits
from app.sync.enroll import find_peer
from app.sync.keys import NodeKeys, node_keys, peer_public_keys
from app.sync.merge.context import Change
from app.sync.merge.epochs import load_epochs
from app.sync.merge.scope import GLOBAL, WITHOUT_STREET, ScopeResolver, origin_streets
from app.sync.tables import synced_models, table_of
from app.sync.vector import parse_vector, version_vector


@dataclass
class ExportResult:
    peer: str
    path: Path | None
    changes: int
    blobs: int
    bundle_id: str = ""


def peers_to_send(session: Session, store: Store, to: str | None) -> list[Peer]:
    """The active peers a bundle goes to (a field node: its hub), or the one ``to`` names (its name, its id or 8+
    characters of it: :func:`app.sync.enroll.find_peer`)."""
    hubs_only = store.info.role == NodeRole.FIELD
    if to:
        return [find_peer(session, to, active_only=True, hubs_only=hubs_only)]
    query = sa.select(Peer).where(Peer.revoked_at.is_(None))
    if hubs_only:
        query = query.where(Peer.role == NodeRole.HUB)
    return list(session.execute(query.order_by(Peer.node_id)).scalars())


def collect(conn: sa.Connection, store: Store, peer: Peer, limits: Limits = LIMITS
            ) -> tuple[list[Change], dict[str, list[int]], list[fmt.PayloadEntry]]:
    """The changes ``peer`` has not acknowledged, the ranges they cover and the attachments they reference.

    A field node sends the changes of its own origins (every epoch of its log: app/db/epochs.py); the hub sends
    those of every other origin, the recipient's earlier epochs included (what a restore lost comes back), but
    not of the recipient's current origin (:func:`echo` adds the one change of it that lets a copy of the node
    notice it)."""
    vector = version_vector(conn, store.origin)
    acked = parse_vector(peer.acked)
    if store.info.role == NodeRole.FIELD:
        origins = [o for o in own_origins(conn, store.info.node_id) if o in vector]
    else:
        recipient = current_origin(conn, peer.node_id)
        origins = sorted(o for o in vector if o != recipient)
    ranges: dict[str, list[int]] = {}
    changes: list[Change] = []
    for origin in origins:
        after, upto = acked.get(origin, 0), vector.get(origin, 0)
        if upto <= after:
            continue
        ranges[origin] = [after, upto]
        changes += logged_changes(conn, origin, after, upto)
    if store.info.role == NodeRole.HUB and changes:
        changes = in_street(conn, changes, peer.street_code or "")
    return changes, ranges, _blobs_for(conn, changes)


def logged_changes(conn: sa.Connection, origin: str, after: int, upto: int) -> list[Change]:
    """The changes of ``origin`` in the log with sequence numbers in (after, upto], as a bundle carries them."""
    rows = conn.execute(sa.select(AuditEntry.origin_node, AuditEntry.origin_seq, AuditEntry.hlc, AuditEntry.action,
                                  AuditEntry.table_name, AuditEntry.record_id, AuditEntry.actor, AuditEntry.data)
                        .where(AuditEntry.origin_node == origin, AuditEntry.origin_seq > after,
                               AuditEntry.origin_seq <= upto, AuditEntry.local.is_(False))
                        .order_by(AuditEntry.origin_seq))
    return [{"origin": row.origin_node, "seq": row.origin_seq, "hlc": row.hlc, "action": row.action,
             "table": row.table_name, "record": row.record_id, "actor": row.actor, "data": json.loads(row.data)}
            for row in rows]


def echo(conn: sa.Connection, store: Store, peer: Peer) -> tuple[list[Change], dict[str, list[int]]]:
    """At the hub: the newest change it holds of ``peer``'s current origin, with the one-change range that
    covers it. The recipient holds that change already; if it holds another one under the same number, or none
    at all, a second copy of it wrote in its name and it refuses the bundle (app/sync/merge/deduplicate.py)."""
    if store.info.role != NodeRole.HUB:
        return [], {}
    origin = current_origin(conn, peer.node_id)
    newest = version_vector(conn, store.origin).get(origin, 0)
    found = logged_changes(conn, origin, newest - 1, newest) if newest else []
    return found, ({origin: [newest - 1, newest]} if found else {})


def in_street(conn: sa.Connection, changes: list[Change], street: str) -> list[Change]:
    """The changes a field node of ``street`` may receive: its street's records, records every node sees, those
    a field node of its street made without a street (app/sync/merge/scope.py), the joint reviews of its loans,
    and the photos its records link."""
    epochs = load_epochs(conn)
    resolver = ScopeResolver(conn, origin_streets=origin_streets(conn, epochs.node_of))
    by_table: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        by_table[change["table"]].add(change["record"])
    for table, ids in by_table.items():
        resolver.prefetch(table, ids)
    resolver.prefetch_links([(table, resolver.row(table, i) or {}) for table, ids in by_table.items() for i in ids])
    kept = []
    followed: dict[tuple[str, str], bool] = {}
    for change in changes:
        key = (change["table"], change["record"])
        if change["table"] == "attachments":
            if key not in followed:
                streets = resolver.streets_of_attachment(change["record"])
                followed[key] = street in streets or GLOBAL in streets
            if followed[key]:
                kept.append(change)
            continue
        if WITHOUT_STREET.get(change["table"]) == "reviews":
            if key not in followed:
                followed[key] = street in resolver.streets_of_review(change["record"])
            if followed[key]:
                kept.append(change)
            continue
        where = resolver.street(change["table"], change["record"])
        if where in (street, GLOBAL):
            kept.append(change)
    return kept


def _blob_columns() -> dict[str, list[str]]:
    result = {}
    for table, model in synced_models().items():
        columns = [c.name for c in table_of(model).c if isinstance(c.type, sa.LargeBinary)]
        if columns:
            result[table] = columns
    return result


def _blobs_for(conn: sa.Connection, changes: list[Change]) -> list[fmt.PayloadEntry]:
    columns = _blob_columns()
    models = synced_models()
    entries: dict[str, fmt.PayloadEntry] = {}
    for change in changes:
        for name in columns.get(change["table"], ()):
            value = (change["data"].get("new") or {}).get(name)
            if not isinstance(value, dict) or value.get("sha256") in entries:
                continue
            sha, size = str(value["sha256"]), int(value["size"])
            table = table_of(models[change["table"]])
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
                   crash_hook: Callable[[str], None] | None = None, force: bool | None = None,
                   suite: str | None = None) -> list[ExportResult]:
    """Write one bundle per peer with something to send (changes, or a new acknowledgement); with ``to``, one
    bundle for that peer even if it only carries the acknowledgement (unless ``force`` is False: the HTTP hub
    asks for one peer's bundle only when there is something to send). ``suite``: the cipher suite's name
    (app/sync/suites.py) for this export; by default the district's (:func:`district_suite`)."""
    chosen = suites.by_name(suite) if suite is not None else None
    if force is None:
        force = to is not None
    store.require(Permission.EXCHANGE_DATA)
    keys = node_keys(store)
    with store.read() as session:
        peers = peers_to_send(session, store, to)
    if not peers:
        raise ValidationError(translate("Sync", "This node is not enrolled with any peer yet; enroll it first."))
    return [_export_for(store, keys, peer, out_dir, limits, crash_hook, force, chosen or district_suite(store, peer))
            for peer in peers]


def district_suite(store: Store, peer: Peer) -> suites.Suite:
    """The suite bundles to ``peer`` use by default: at the hub its setting; at a field node the one the hub named
    in the node certificate (its setting when it enrolled the node), else the node's own setting."""
    name = store.setting(BUNDLE_SUITE)
    if store.info.role == NodeRole.FIELD and peer.certificate:
        try:
            named = json.loads(peer.certificate)["body"].get("suite")
        except (ValueError, KeyError, TypeError, AttributeError):
            named = None
        name = named if named in suites.BY_NAME else name
    return suites.by_name(name)


def _export_for(store: Store, keys: NodeKeys, peer: Peer, out_dir: Path, limits: Limits,
                crash_hook: Callable[[str], None] | None, force: bool, suite: suites.Suite) -> ExportResult:
    """The bundle for one peer (None as its path when there is nothing to send and ``force`` is off)."""
    me = store.info.node_id
    recipient = peer_public_keys(peer.node_id, peer.sign_public, peer.box_public, peer.certificate)
    as_peer_knows_me = peer_public_keys(me, keys.public.sign_public, keys.public.box_public, peer.certificate)
    suites.require_keys(suite, as_peer_knows_me, recipient,
                        None if store.info.role == NodeRole.FIELD else peer.node_id[:8])
    # one read transaction: a consistent snapshot of the log while the file is written (WAL readers)
    with store.engine.connect() as conn, conn.begin():
        vector = version_vector(conn, store.origin)
        changes, ranges, blobs = collect(conn, store, peer, limits)
        if not changes and vector == parse_vector(peer.sent_ack) and peer.sent_bundle_seq and not force:
            return ExportResult(peer.node_id, None, 0, 0)
        counted = len(changes)
        echoed, echo_range = echo(conn, store, peer)
        changes, ranges = changes + echoed, {**ranges, **echo_range}
        with store.write() as session:  # reserve the bundle's sequence number
            row = session.get(Peer, peer.node_id)
            assert row is not None
            row.sent_bundle_seq += 1
            seq = row.sent_bundle_seq
        bundle_id = fmt.new_bundle_id()
        header: dict[str, Any] = {
            "bundle_id": bundle_id, "sender": me, "sender_key": keys.fingerprint, "recipient": peer.node_id,
            "recipient_key": peer.fingerprint, "bundle_seq": seq, "created_at": utcnow().isoformat(timespec="seconds"),
            "ranges": ranges, "ack": vector, "roster": _roster(conn)}
        entries = [fmt.batch_entry(i + 1, changes[start:start + limits.batch_changes])
                   for i, start in enumerate(range(0, len(changes), limits.batch_changes))]
        entries += blobs
        manifest = fmt.build_manifest(header, entries, len(changes))
        path = fmt.write_bundle(out_dir, bundle_file_name(me, peer.node_id, seq), keys, recipient, header,
                                manifest, entries, crash_hook=crash_hook, suite=suite)
    with store.write() as session:
        row = session.get(Peer, peer.node_id)
        assert row is not None
        row.sent_ack = json.dumps(vector, sort_keys=True)
        store.audit.event(session, "bundle_exported", {"bundle": bundle_id, "to": peer.node_id, "seq": seq,
                                                       "changes": counted, "blobs": len(blobs),
                                                       "file": path.name, "suite": suite.name})
    return ExportResult(peer.node_id, path, counted, len(blobs), bundle_id)


def _roster(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.max(Peer.roster_version))).scalar() or 0)
