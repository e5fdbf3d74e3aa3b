"""What the Data exchange page shows and does, without widgets: the unsent count, the history of bundles, the
review lists, the enrolled nodes, and the jobs that write and read a stick (run through app/ui/operations.py).

Sent bundles are the ``bundle_exported`` events of the audit log (the sync tables keep only the peer's newest
acknowledgement); a sent bundle counts as *acknowledged* once the peer's acknowledgement covers every change
logged before it was written and the peer has sent a bundle since. Received bundles are ``sync_received``.
Refused bundles change nothing in the database, so they are remembered for this session only.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.db.hlc import Stamp
from app.db.store import Store
from app.errors import FieldbookError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import AuditEntry, Conflict, Household, Node, Peer, Proposal, ReceivedBundle, Street
from app.models.enums import NodeRole
from app.sync import bundle as fmt
from app.sync import enroll
from app.sync.export import ExportResult, export_bundles
from app.sync.importer import ImportReport, import_bundle
from app.sync.keys import node_keys, short_fingerprint
from app.sync.tables import synced_models
from app.sync.vector import version_vector

#: rows of each list loaded at most (the oldest unreviewed conflicts first, the newest bundles first)
LIST_LIMIT = 500
REQUEST_PREFIX = "fieldbook-request-"
CERTIFICATE_PREFIX = "fieldbook-certificate-"
ALL_NODES = ""

SENT, ACKNOWLEDGED, RECEIVED, APPLIED, REFUSED = "sent", "acknowledged", "received", "applied", "refused"


def _loads(text: str | None) -> dict[str, int]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): int(v) for k, v in value.items()} if isinstance(value, dict) else {}


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
    me = store.info.node_id
    with store.read() as session:
        peers = list(session.execute(sa.select(Peer).where(Peer.revoked_at.is_(None))).scalars())
        if store.info.role == NodeRole.FIELD:
            hub = next((p for p in peers if p.role == NodeRole.HUB), None)
            acked = _loads(hub.acked).get(me, 0) if hub is not None else 0
            records = session.execute(
                sa.select(sa.func.count(sa.distinct(AuditEntry.table_name + ":" + AuditEntry.record_id)))
                .where(AuditEntry.origin_node == me, AuditEntry.origin_seq > acked)).scalar() or 0
            return Unsent(NodeRole.FIELD, hub is not None, records=int(records))
        vector = version_vector(session.connection(), me)
    waiting = sum(1 for peer in peers if _waiting(vector, peer))
    return Unsent(NodeRole.HUB, bool(peers), nodes=waiting)


def _waiting(vector: dict[str, int], peer: Peer) -> bool:
    acked = _loads(peer.acked)
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


@dataclass
class Refusal:
    path: Path
    reason: str
    at: dt.datetime
    bundle_id: str = ""
    sender: str = ""


_refusals: dict[str, list[Refusal]] = {}
_refusals_lock = threading.Lock()


def remember_refusal(store: Store, refusal: Refusal) -> None:
    with _refusals_lock:
        _refusals.setdefault(store.info.node_id, []).append(refusal)


def refusals(store: Store) -> list[Refusal]:
    with _refusals_lock:
        return list(_refusals.get(store.info.node_id, []))


def node_names(session: Any) -> dict[str, str]:
    return {row.id: row.name for row in session.execute(sa.select(Node.id, Node.name))}


def _first_unacked(session: Any, vector: dict[str, int], peer: Peer, field_node: bool, me: str) -> int | None:
    """Position in the local log of the first change ``peer`` has not acknowledged (None: it has them all)."""
    acked = _loads(peer.acked)
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
    """Bundles sent and received (and refused this session), newest first."""
    me = store.info.node_id
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
                                   state, bundle.applied, bundle.skipped, bundle.proposals, bundle.conflicts))
    for refusal in refusals(store):
        rows.append(HistoryRow(refusal.bundle_id, "received", refusal.sender,
                               names.get(refusal.sender, refusal.sender[:8]), refusal.at, 0, REFUSED,
                               reason=refusal.reason, file=refusal.path.name))
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


def record_labels(session: Any, records: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
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
        columns = sa.inspect(model).local_table.c if model is not None else None
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


def pending_proposals(store: Store, limit: int = LIST_LIMIT) -> tuple[list[ProposalRow], int]:
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
        vector = version_vector(session.connection(), store.info.node_id)
        rows = []
        for peer in session.execute(sa.select(Peer).order_by(Peer.enrolled_at)).scalars():
            rows.append(NodeRow(peer.node_id, names.get(peer.node_id, peer.node_id[:8]), str(peer.role),
                                peer.street_code or "", streets.get(peer.street_code or "", ""),
                                short_fingerprint(peer.fingerprint), peer.enrolled_at, peer.expires_at,
                                peer.revoked_at, last.get(peer.node_id),
                                peer.revoked_at is None and _waiting(vector, peer)))
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
    if review:
        result.conflicts, result.conflicts_total = open_conflicts(store)
        if store.info.role == NodeRole.HUB:
            result.proposals, result.proposals_total = pending_proposals(store)
    return result


# -- writing and reading the stick -------------------------------------------------------------------------------
@dataclass
class ExportSummary:
    folder: Path
    written: list[ExportResult] = field(default_factory=list)
    nothing_for: list[str] = field(default_factory=list)  # node names with nothing new
    names: dict[str, str] = field(default_factory=dict)


def export_targets(store: Store) -> list[tuple[str, str]]:
    """(node id, name) of the peers a bundle can be written for, active ones only."""
    with store.read() as session:
        names = node_names(session)
        query = sa.select(Peer.node_id).where(Peer.revoked_at.is_(None)).order_by(Peer.enrolled_at)
        return [(pid, names.get(pid, pid[:8])) for pid in session.execute(query).scalars()]


def write_bundles(store: Store, folder: Path, target: str | None, token: Any) -> ExportSummary:
    """The export job: one bundle per peer with something to send (``target`` None/ALL_NODES), or one for
    ``target`` even if it only carries the acknowledgement. Cancelling stops between peers (each file is written
    whole or not at all)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FieldbookError(translate("Exchange", "Cannot write to {path}: {reason}", path=str(folder),
                                       reason=exc.strerror or str(exc))) from exc
    summary = ExportSummary(folder)
    targets = export_targets(store)
    summary.names = dict(targets)
    todo = [t for t in targets if t[0] == target] if target else targets
    if not todo:
        raise FieldbookError(translate("Exchange", "This node is not registered with any peer yet."))
    for done, (peer_id, name) in enumerate(todo):
        token.raise_if_cancelled()
        token.report_progress(done, len(todo), translate("Exchange", "Writing the bundle for {name}…", name=name))
        if target or len(todo) == 1:
            results = export_bundles(store, folder, to=peer_id if target else None)
        elif _has_news(store, peer_id):
            results = export_bundles(store, folder, to=peer_id)
        else:
            results = [ExportResult(peer_id, None, 0, 0)]
        for result in results:
            if result.path is None:
                summary.nothing_for.append(summary.names.get(result.peer, result.peer[:8]))
            else:
                summary.written.append(result)
    token.report_progress(len(todo), len(todo), "")
    return summary


def _has_news(store: Store, peer_id: str) -> bool:
    """Whether a bundle for ``peer_id`` would carry anything: changes it has not acknowledged or a newer
    acknowledgement (export_bundles' own test, without collecting the changes). Errs towards writing."""
    with store.read() as session:
        peer = session.get(Peer, peer_id)
        if peer is None or not peer.sent_bundle_seq:
            return True
        vector = version_vector(session.connection(), store.info.node_id)
        return vector != _loads(peer.sent_ack) or _waiting(vector, peer)


@dataclass
class FileOutcome:
    path: Path
    report: ImportReport | None = None
    refused: str = ""


@dataclass
class ImportSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    for_others: int = 0
    unreadable: int = 0

    @property
    def imported(self) -> list[ImportReport]:
        return [o.report for o in self.outcomes if o.report is not None and not o.report.already]

    @property
    def already(self) -> list[ImportReport]:
        return [o.report for o in self.outcomes if o.report is not None and o.report.already]

    @property
    def refused(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.refused]


def scan_for_bundles(store: Store, folders: Sequence[Path]) -> tuple[list[Path], int, int]:
    """Bundle files in ``folders`` addressed to this node (oldest first per sender), how many are addressed to
    others, and how many cannot be read as bundles at all."""
    me = store.info.node_id
    mine: list[tuple[str, int, Path]] = []
    others = unreadable = 0
    for path in fmt.iter_bundle_files([f for f in folders if f.is_dir()]):
        try:
            header = fmt.read_header(path)
        except (fmt.BundleRefused, OSError):
            unreadable += 1
            mine.append(("", 0, path))  # import names what is wrong with it
            continue
        if header["recipient"] != me:
            others += 1
            continue
        mine.append((str(header["sender"]), int(header["bundle_seq"]), path))
    mine.sort(key=lambda item: (item[0], item[1], item[2].name))
    return [path for _, _, path in mine], others, unreadable


def read_bundles(store: Store, paths: Sequence[Path], token: Any, for_others: int = 0) -> ImportSummary:
    """The import job: each file verified and applied on its own; a refused file changes nothing and does not
    stop the others. Cancelling stops between files."""
    summary = ImportSummary(for_others=for_others)
    for done, path in enumerate(paths):
        token.raise_if_cancelled()
        token.report_progress(done, len(paths), translate("Exchange", "Reading {file}…", file=path.name))
        try:
            summary.outcomes.append(FileOutcome(path, report=import_bundle(store, path)))
        except fmt.BundleRefused as exc:
            bundle_id = sender = ""
            try:
                header = fmt.read_header(path)
                bundle_id, sender = str(header["bundle_id"]), str(header["sender"])
            except (fmt.BundleRefused, OSError, KeyError):
                pass
            remember_refusal(store, Refusal(path, exc.message, _now(), bundle_id, sender))
            summary.outcomes.append(FileOutcome(path, refused=exc.message))
    token.report_progress(len(paths), len(paths), "")
    return summary


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def export_text(summary: ExportSummary) -> str:
    """The result of writing, in plain words."""
    lines = []
    for result in summary.written:
        name = summary.names.get(result.peer, result.peer[:8])
        if result.changes:
            lines.append(translate("Exchange", "For {name}: {changes} changes and {blobs} photos written to {file}.",
                                   name=name, changes=result.changes, blobs=result.blobs,
                                   file=result.path.name if result.path else ""))
        else:
            lines.append(translate("Exchange", "For {name}: no new changes; the file {file} tells it what arrived "
                                               "here.", name=name, file=result.path.name if result.path else ""))
    if summary.nothing_for:
        lines.append(translate("Exchange", "Nothing new to send to {names}.", names="、".join(summary.nothing_for)))
    if summary.written:
        lines.append(translate("Exchange", "Folder: {path}. Eject the stick safely before pulling it out.",
                               path=str(summary.folder)))
    return "\n".join(lines)


def import_lines(summary: ImportSummary) -> list[tuple[str, bool]]:
    """The result of reading, in plain words: received, applied, skipped, refused and why (``True`` marks a line
    about a refusal)."""
    lines: list[tuple[str, bool]] = []
    imported = summary.imported
    if imported:
        lines.append((translate(
            "Exchange", "{bundles} bundles read: {received} changes received, {applied} applied, {skipped} skipped "
                        "as already here.", bundles=len(imported), received=sum(r.changes for r in imported),
            applied=sum(r.applied for r in imported), skipped=sum(r.skipped for r in imported)), False))
        proposals = sum(r.proposals for r in imported)
        conflicts = sum(r.conflicts for r in imported)
        if proposals:
            lines.append((translate("Exchange", "{n} corrections to households are kept for review.", n=proposals),
                          False))
        if conflicts:
            lines.append((translate("Exchange", "{n} conflicting edits are listed for review; nothing was lost.",
                                    n=conflicts), False))
    if summary.already:
        lines.append((translate("Exchange", "{n} bundles had been read before; nothing changed.",
                                n=len(summary.already)), False))
    for outcome in summary.refused:
        lines.append((translate("Exchange", "Refused {file}: {reason} Nothing from this file was applied.",
                                file=outcome.path.name, reason=outcome.refused), True))
    if summary.for_others:
        lines.append((translate("Exchange", "{n} files are for other laptops; they were left on the stick.",
                                n=summary.for_others), False))
    if not summary.outcomes:
        lines.append((translate("Exchange", "No bundle for this computer was found."), False))
    return lines


def import_text(summary: ImportSummary) -> str:
    return "\n".join(text for text, _ in import_lines(summary))


# -- enrolment files ---------------------------------------------------------------------------------------------
def request_file(store: Store, folder: Path) -> Path:
    return folder / f"{REQUEST_PREFIX}{store.info.node_id[:8]}.json"


def certificate_file(folder: Path, node_id: str) -> Path:
    return folder / f"{CERTIFICATE_PREFIX}{node_id[:8]}.json"


def find_certificate(store: Store, folders: Sequence[Path]) -> Path | None:
    """The hub's response for this node on the stick, if there is exactly one candidate."""
    found = [certificate_file(f, store.info.node_id) for f in folders]
    found = [p for p in found if p.is_file()]
    return found[0] if len(found) == 1 else None


def find_requests(folders: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            found += sorted(p for p in folder.glob(f"{REQUEST_PREFIX}*.json") if p.is_file())
    return found


@dataclass(frozen=True)
class RequestPreview:
    path: Path
    node_id: str
    name: str
    street_code: str
    street_name: str
    fingerprint: str
    already_enrolled: bool


def preview_request(store: Store, path: Path) -> RequestPreview:
    """Read an enrolment request without approving it, so the administrator can compare the fingerprint first.
    The same checks as :func:`enroll.approve` apply later; the signature is checked here already."""
    body, signature = enroll._read(path, enroll.REQUEST_TYPE)
    keys = enroll._keys_of(body)
    if not enroll._verify(body, signature, keys):
        raise enroll.EnrollError(translate("Sync", "The request's signature does not match its keys; "
                                                   "the file was altered."))
    street = str(body.get("street") or "")
    with store.read() as session:
        street_name = session.execute(sa.select(Street.name).where(Street.code == street)).scalar() or ""
        enrolled = session.get(Peer, keys.node_id) is not None
    return RequestPreview(path, keys.node_id, str(body.get("name") or "").strip()[:100], street, street_name,
                          short_fingerprint(keys.fingerprint), enrolled)
