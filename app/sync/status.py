"""What this node's data exchange looks like, without widgets (the Data exchange page, the status bar and the CLI
read it): the unsent count, the history of bundles, the review lists, the enrolled nodes, and the snapshot of all
of them the page loads off the GUI thread.

Sent bundles are the ``bundle_exported`` events of the audit log (the sync tables keep only the peer's newest
acknowledgement); a sent bundle counts as *acknowledged* once the peer's acknowledgement covers every change
logged before it was written and the peer has sent a bundle since. Received bundles are ``sync_received``, refused
ones ``sync_refused`` (kept by the import with their reason; nothing else of them is written), and the changes set
aside in quarantine ``sync_quarantine`` (app/sync/merge/quarantine.py).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.hlc import Stamp
from app.db.store import Store
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import (
    AuditEntry,
    Conflict,
    Household,
    Node,
    Peer,
    Proposal,
    QuarantinedChange,
    ReceivedBundle,
    RefusedBundle,
    Street,
)
from app.models.enums import NodeRole
from app.sync.bundle import reason_text
from app.sync.keys import node_keys, short_fingerprint
from app.sync.tables import synced_models, table_of
from app.sync.vector import parse_vector, version_vector

LIST_LIMIT = 500

SENT, ACKNOWLEDGED, RECEIVED, APPLIED, REFUSED = "sent", "acknowledged", "received", "applied", "refused"


def stamp_time(hlc: str) -> dt.datetime | None:
    """The wall-clock time (naive UTC) of a hybrid-logical-clock stamp."""
    try:
        return dt.datetime.fromtimestamp(Stamp.parse(hlc).millis / 1000, dt.UTC).replace(tzinfo=None)
    except (ValueError, TypeError, OverflowError, OSError):
        return None


def local_text(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    return when.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


# -- unsent ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Unsent:
    """At a field node: records changed here that the hub has not confirmed (``records``). At the hub: enrolled
    nodes that have not confirmed everything meant for them (``nodes``)."""

    role: str
    enrolled: bool
    records: int = 0
    nodes: int = 0


def unsent(store: Store) -> Unsent:
    me = store.origin
    with store.read() as session:
        peers = list(session.execute(sa.select(Peer).where(Peer.revoked_at.is_(None))).scalars())
        if store.info.role == NodeRole.FIELD:
            hub = next((p for p in peers if p.role == NodeRole.HUB), None)
            acked = parse_vector(hub.acked).get(me, 0) if hub is not None else 0
            records = session.execute(
                sa.select(sa.func.count(sa.distinct(AuditEntry.table_name + ":" + AuditEntry.record_id)))
                .where(AuditEntry.origin_node == me, AuditEntry.origin_seq > acked)).scalar() or 0
            return Unsent(NodeRole.FIELD, hub is not None, records=int(records))
        vector = version_vector(session.connection(), me)
    waiting = sum(1 for peer in peers if peer_waiting(vector, peer))
    return Unsent(NodeRole.HUB, bool(peers), nodes=waiting)


def peer_waiting(vector: dict[str, int], peer: Peer) -> bool:
    """Whether ``peer`` has not acknowledged everything of ``vector`` meant for it (every origin but its own)."""
    acked = parse_vector(peer.acked)
    return any(seq > acked.get(origin, 0) for origin, seq in vector.items() if origin != peer.node_id)


def unsent_text(counts: Unsent) -> str:
    if counts.role == NodeRole.FIELD:
        if not counts.enrolled:
            return translate("Exchange", "Not yet registered with the hub")
        if counts.records == 0:
            return translate("Exchange", "The hub has every change")
        return translate("Exchange", "{n} records not yet confirmed by the hub", n=counts.records)
    if not counts.enrolled:
        return translate("Exchange", "No field laptop registered yet")
    if counts.nodes == 0:
        return translate("Exchange", "Every field laptop is up to date")
    return translate("Exchange", "{n} field laptops not yet up to date", n=counts.nodes)


# -- history -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryRow:
    bundle_id: str
    direction: str  # "sent" | "received"
    peer_id: str
    peer_name: str
    at: dt.datetime | None
    changes: int
    state: str  # SENT, ACKNOWLEDGED, RECEIVED, APPLIED, REFUSED
    applied: int = 0
    skipped: int = 0
    proposals: int = 0
    conflicts: int = 0
    reason: str = ""
    file: str = ""
    quarantined: int = 0
    aliased: int = 0


def node_names(session: Session) -> dict[str, str]:
    return {row.id: row.name for row in session.execute(sa.select(Node.id, Node.name))}


def _first_unacked(session: Session, vector: dict[str, int], peer: Peer, field_node: bool, me: str) -> int | None:
    """Position in the local log of the first change ``peer`` has not acknowledged (None: it has them all)."""
    acked = parse_vector(peer.acked)
    origins = [me] if field_node else [o for o in vector if o != peer.node_id]
    first: int | None = None
    for origin in origins:
        if vector.get(origin, 0) <= acked.get(origin, 0):
            continue
        position = session.execute(sa.select(sa.func.min(AuditEntry.seq)).where(
            AuditEntry.origin_node == origin, AuditEntry.origin_seq > acked.get(origin, 0))).scalar()
        if position is not None and (first is None or position < first):
            first = int(position)
    return first


def history(store: Store, limit: int = LIST_LIMIT) -> list[HistoryRow]:
    """Bundles sent, received and refused, newest first."""
    me = store.origin
    field_node = store.info.role == NodeRole.FIELD
    rows: list[HistoryRow] = []
    with store.read() as session:
        names = node_names(session)
        peers = {p.node_id: p for p in session.execute(sa.select(Peer)).scalars()}
        vector = version_vector(session.connection(), me)
        first_unacked = {pid: _first_unacked(session, vector, p, field_node, me) for pid, p in peers.items()}
        last_received: dict[str, dt.datetime] = dict(session.execute(
            sa.select(ReceivedBundle.sender, sa.func.max(ReceivedBundle.received_at))
            .group_by(ReceivedBundle.sender)).all())
        exported = session.execute(
            sa.select(AuditEntry.seq, AuditEntry.at, AuditEntry.data)
            .where(AuditEntry.action == "bundle_exported", AuditEntry.local.is_(True))
            .order_by(AuditEntry.seq.desc()).limit(limit)).all()
        for position, at, data in exported:
            info = json.loads(data)
            peer_id = str(info.get("to", ""))
            first = first_unacked.get(peer_id)
            answered = last_received.get(peer_id)
            acknowledged = (peer_id in peers and (first is None or position < first)
                            and answered is not None and answered >= at)
            rows.append(HistoryRow(str(info.get("bundle", "")), "sent", peer_id, names.get(peer_id, peer_id[:8]),
                                   at, int(info.get("changes", 0)), ACKNOWLEDGED if acknowledged else SENT,
                                   file=str(info.get("file", ""))))
        for bundle in session.execute(sa.select(ReceivedBundle).order_by(ReceivedBundle.received_at.desc())
                                      .limit(limit)).scalars():
            state = APPLIED if bundle.applied or bundle.proposals else RECEIVED
            rows.append(HistoryRow(bundle.bundle_id, "received", bundle.sender,
                                   names.get(bundle.sender, bundle.sender[:8]), bundle.received_at, bundle.entries,
                                   state, bundle.applied, bundle.skipped, bundle.proposals, bundle.conflicts,
                                   quarantined=bundle.quarantined, aliased=bundle.aliased))
        for refusal in session.execute(sa.select(RefusedBundle).order_by(RefusedBundle.refused_at.desc())
                                       .limit(limit)).scalars():
            rows.append(HistoryRow(refusal.bundle_id, "received", refusal.sender,
                                   names.get(refusal.sender, refusal.sender[:8]), refusal.refused_at, 0, REFUSED,
                                   reason=reason_text(refusal.reason), file=refusal.file_name))
    rows.sort(key=lambda r: r.at or dt.datetime.min, reverse=True)
    return rows[:limit]


# -- review lists ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConflictRow:
    id: uuid.UUID
    kind: str
    table: str
    record_id: str
    record_label: str
    field: str
    winner_value: str
    winner_at: dt.datetime | None
    winner_node: str
    loser_value: str
    loser_at: dt.datetime | None
    loser_node: str
    detected_at: dt.datetime


@dataclass(frozen=True)
class ProposalRow:
    id: uuid.UUID
    node_name: str
    actor: str
    table: str
    record_id: str
    record_label: str
    changes: tuple[tuple[str, str, str], ...]  # (field, old, proposed)
    received_at: dt.datetime


def _value_text(text: str) -> str:
    try:
        value = json.loads(text)
    except (ValueError, TypeError):
        return str(text)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return translate("Exchange", "yes") if value else translate("Exchange", "no")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _uuids(texts: set[str]) -> list[uuid.UUID]:
    keys = []
    for text in texts:
        try:
            keys.append(uuid.UUID(text))
        except ValueError:
            continue
    return keys


def record_labels(session: Session, records: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """"Visit · 张三" for each (table, id): the kind of record and the head of the household it belongs to (when the
    record names one), else the kind and the short id."""
    models = synced_models()
    household_of: dict[tuple[str, str], str] = {}
    by_table: dict[str, set[str]] = {}
    for table, record in records:
        by_table.setdefault(table, set()).add(record)
    for table, ids in by_table.items():
        if table == "households":
            household_of.update({(table, i): i for i in ids})
            continue
        model = models.get(table)
        columns = table_of(model).c if model is not None else None
        if columns is None or "household_id" not in columns:
            continue
        query = sa.select(columns["id"], columns["household_id"]).where(columns["id"].in_(_uuids(ids)))
        for row_id, household_id in session.execute(query):
            if household_id is not None:
                household_of[(table, str(row_id))] = str(household_id)
    names = {str(row.id): row.head_name for row in session.execute(
        sa.select(Household.id, Household.head_name).where(Household.id.in_(_uuids(set(household_of.values())))))}
    labels = {}
    for table, record in records:
        name = names.get(household_of.get((table, record), ""))
        labels[(table, record)] = (f"{table_label(table)} · {name}" if name
                                   else f"{table_label(table)} {record[:8]}")
    return labels


TABLE_LABELS = {
    "households": QT_TRANSLATE_NOOP("Exchange", "Household"),
    "members": QT_TRANSLATE_NOOP("Exchange", "Household member"),
    "poverty_status_changes": QT_TRANSLATE_NOOP("Exchange", "Poverty status"),
    "villages": QT_TRANSLATE_NOOP("Exchange", "Village"),
    "loans": QT_TRANSLATE_NOOP("Exchange", "Loan"),
    "repayments": QT_TRANSLATE_NOOP("Exchange", "Repayment"),
    "visits": QT_TRANSLATE_NOOP("Exchange", "Visit"),
    "use_checks": QT_TRANSLATE_NOOP("Exchange", "Use check"),
    "anomalies": QT_TRANSLATE_NOOP("Exchange", "Anomaly report"),
    "anomaly_steps": QT_TRANSLATE_NOOP("Exchange", "Anomaly step"),
    "preloan_reviews": QT_TRANSLATE_NOOP("Exchange", "Pre-loan review"),
    "maturity_assessments": QT_TRANSLATE_NOOP("Exchange", "Maturity assessment"),
    "attachments": QT_TRANSLATE_NOOP("Exchange", "Photo"),
    "record_attachments": QT_TRANSLATE_NOOP("Exchange", "Photo link"),
    "outreach_sessions": QT_TRANSLATE_NOOP("Exchange", "Outreach session"),
}

#: the fields people meet in conflicts and proposals; others show their column name
FIELD_LABELS = {
    "sign_off_note": QT_TRANSLATE_NOOP("Exchange", "Sign-off note"),
    "signed_off_by": QT_TRANSLATE_NOOP("Exchange", "Signed off by"),
    "signed_off_at": QT_TRANSLATE_NOOP("Exchange", "Signed off at"),
    "status": QT_TRANSLATE_NOOP("Exchange", "Status"),
    "deleted": QT_TRANSLATE_NOOP("Exchange", "Deleted"),
    "head_name": QT_TRANSLATE_NOOP("Exchange", "Head of household"),
    "phone": QT_TRANSLATE_NOOP("Exchange", "Phone"),
    "address": QT_TRANSLATE_NOOP("Exchange", "Address"),
    "group_name": QT_TRANSLATE_NOOP("Exchange", "Village group"),
    "size": QT_TRANSLATE_NOOP("Exchange", "Household size"),
    "poverty_status": QT_TRANSLATE_NOOP("Exchange", "Poverty status"),
    "note": QT_TRANSLATE_NOOP("Exchange", "Note"),
    "findings": QT_TRANSLATE_NOOP("Exchange", "Findings"),
}


def table_label(table: str) -> str:
    source = TABLE_LABELS.get(table)
    return translate("Exchange", source) if source else table


def field_label(name: str) -> str:
    source = FIELD_LABELS.get(name)
    return translate("Exchange", source) if source else name


def _stamp_node(hlc: str) -> str:
    try:
        return Stamp.parse(hlc).node if hlc else ""
    except (ValueError, TypeError):
        return ""


def open_conflicts(store: Store, limit: int = LIST_LIMIT) -> tuple[list[ConflictRow], int]:
    """Conflicts not yet reviewed, oldest first (at most ``limit``), and how many there are."""
    with store.read() as session:
        names = node_names(session)
        where = Conflict.resolved_at.is_(None)
        total = int(session.execute(sa.select(sa.func.count()).select_from(Conflict).where(where)).scalar() or 0)
        found = list(session.execute(sa.select(Conflict).where(where).order_by(Conflict.detected_at)
                                     .limit(limit)).scalars())
        labels = record_labels(session, {(c.table_name, c.record_id) for c in found})
        rows = []
        for c in found:
            winner_node = _stamp_node(c.winner_hlc)
            rows.append(ConflictRow(c.id, c.kind, c.table_name, c.record_id,
                                    labels[(c.table_name, c.record_id)], c.field,
                                    _value_text(c.winner_value), stamp_time(c.winner_hlc),
                                    names.get(winner_node, winner_node[:8]), _value_text(c.loser_value),
                                    stamp_time(c.loser_hlc), names.get(c.loser_node, c.loser_node[:8]),
                                    c.detected_at))
    return rows, total


def open_proposals(store: Store, limit: int = LIST_LIMIT) -> tuple[list[ProposalRow], int]:
    with store.read() as session:
        names = node_names(session)
        where = Proposal.status == "pending"
        total = int(session.execute(sa.select(sa.func.count()).select_from(Proposal).where(where)).scalar() or 0)
        found = list(session.execute(sa.select(Proposal).where(where).order_by(Proposal.hlc).limit(limit))
                     .scalars())
        labels = record_labels(session, {(p.table_name, p.record_id) for p in found})
        rows = []
        for p in found:
            data = json.loads(p.data)
            new, old = data.get("new") or {}, data.get("old") or {}
            changes = tuple((name, _value_text(json.dumps(old.get(name), ensure_ascii=False)),
                             _value_text(json.dumps(value, ensure_ascii=False)))
                            for name, value in new.items() if name not in ("updated_at", "updated_by", "hlc"))
            rows.append(ProposalRow(p.id, names.get(p.origin_node, p.origin_node[:8]), p.actor, p.table_name,
                                    p.record_id, labels[(p.table_name, p.record_id)], changes,
                                    p.received_at))
    return rows, total


@dataclass(frozen=True)
class QuarantineRow:
    """A change set aside: from which node (and which bundle brought it), about which record, what it would
    write, why it could not be applied, and how often it was tried."""

    id: uuid.UUID
    node_name: str
    sender_name: str
    actor: str
    table: str
    record_id: str
    record_label: str
    action: str
    changes: tuple[tuple[str, str], ...]  # (field, value)
    reason: str
    received_at: dt.datetime
    attempts: int


def open_quarantine(store: Store, limit: int = LIST_LIMIT) -> tuple[list[QuarantineRow], int]:
    """The changes waiting in quarantine, oldest first (at most ``limit``), and how many there are."""
    with store.read() as session:
        names = node_names(session)
        where = QuarantinedChange.status == "pending"
        total = int(session.execute(sa.select(sa.func.count()).select_from(QuarantinedChange).where(where))
                    .scalar() or 0)
        found = list(session.execute(sa.select(QuarantinedChange).where(where)
                                     .order_by(QuarantinedChange.received_at, QuarantinedChange.origin_seq)
                                     .limit(limit)).scalars())
        labels = record_labels(session, {(q.table_name, q.record_id) for q in found})
        rows = []
        for q in found:
            new = (json.loads(q.data).get("new") or {})
            changes = tuple((name, _value_text(json.dumps(value, ensure_ascii=False))) for name, value in new.items()
                            if name not in ("updated_at", "updated_by", "hlc", "created_at", "created_by", "id",
                                            "origin_node"))
            rows.append(QuarantineRow(q.id, names.get(q.origin_node, q.origin_node[:8]),
                                      names.get(q.sender, q.sender[:8]), q.actor, q.table_name, q.record_id,
                                      labels[(q.table_name, q.record_id)], q.action, changes,
                                      reason_text(q.reason), q.received_at, q.attempts))
    return rows, total


# -- nodes -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NodeRow:
    node_id: str
    name: str
    role: str
    street_code: str
    street_name: str
    fingerprint: str
    enrolled_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    last_received: dt.datetime | None
    waiting: bool


def enrolled_nodes(store: Store) -> list[NodeRow]:
    with store.read() as session:
        names = node_names(session)
        streets = dict(session.execute(sa.select(Street.code, Street.name)).all())
        last: dict[str, dt.datetime] = dict(session.execute(
            sa.select(ReceivedBundle.sender, sa.func.max(ReceivedBundle.received_at))
            .group_by(ReceivedBundle.sender)).all())
        vector = version_vector(session.connection(), store.origin)
        rows = []
        for peer in session.execute(sa.select(Peer).order_by(Peer.enrolled_at)).scalars():
            rows.append(NodeRow(peer.node_id, names.get(peer.node_id, peer.node_id[:8]), str(peer.role),
                                peer.street_code or "", streets.get(peer.street_code or "", ""),
                                short_fingerprint(peer.fingerprint), peer.enrolled_at, peer.expires_at,
                                peer.revoked_at, last.get(peer.node_id),
                                peer.revoked_at is None and peer_waiting(vector, peer)))
    return rows


# -- the page's snapshot -----------------------------------------------------------------------------------------
@dataclass
class Snapshot:
    """Everything the page shows, loaded together off the GUI thread."""

    unsent: Unsent
    own_fingerprint: str
    hub_name: str = ""
    hub_fingerprint: str = ""
    history: list[HistoryRow] = field(default_factory=list)
    conflicts: list[ConflictRow] = field(default_factory=list)
    conflicts_total: int = 0
    proposals: list[ProposalRow] = field(default_factory=list)
    proposals_total: int = 0
    quarantine: list[QuarantineRow] = field(default_factory=list)
    quarantine_total: int = 0
    nodes: list[NodeRow] = field(default_factory=list)


def snapshot(store: Store, review: bool) -> Snapshot:
    counts = unsent(store)
    result = Snapshot(counts, short_fingerprint(node_keys(store).fingerprint))
    nodes = enrolled_nodes(store)
    if store.info.role == NodeRole.FIELD:
        hub = next((n for n in nodes if n.role == NodeRole.HUB and n.revoked_at is None), None)
        if hub is not None:
            result.hub_name, result.hub_fingerprint = hub.name, hub.fingerprint
    else:
        result.nodes = nodes
    if counts.enrolled or store.info.role == NodeRole.HUB:
        result.history = history(store)
        result.quarantine, result.quarantine_total = open_quarantine(store)
    if review:
        result.conflicts, result.conflicts_total = open_conflicts(store)
        if store.info.role == NodeRole.HUB:
            result.proposals, result.proposals_total = open_proposals(store)
    return result
