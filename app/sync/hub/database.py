"""Move a hub's data from its encrypted SQLite file into a server database (PostgreSQL), once.

``hub init-db --db URL``: the empty server database gets the same Alembic migrations as every node (to head),
then every table is copied row by row in dependency order inside one transaction, the audit log verbatim (its
hash chain verifies on the copy), and the copy is compared table by table. The SQLite file stays as it was and
records where the data went (meta ``hub.server_database``), so ``hub serve`` without ``--db`` refuses to run on a
stale copy. node.json and keyring.json stay in the data folder: the users' passwords unlock the same data key, which
also opens the hub's private keys (sealed on the way: the server database never holds them in clear).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from app.db import migrate
from app.db.audit import verify_chain
from app.db.engine import make_server_engine, redact_url
from app.db.epochs import start_epoch
from app.db.integrity import Anchor
from app.db.store import Store
from app.domain.permissions import Permission
from app.errors import StoreError, ValidationError
from app.i18n import translate
from app.models import AuditEntry, Base
from app.models.base import utcnow
from app.models.enums import NodeRole
from app.sync.keys import seal_row

log = logging.getLogger(__name__)
MOVED_META = "hub.server_database"
BATCH = 5_000
#: collations under which text compares byte by byte, as SQLite does (clock stamps, ids)
BYTE_ORDER_COLLATIONS = frozenset({"C", "POSIX", "C.UTF-8", "C.utf8"})


@dataclass
class CopyReport:
    url: str
    rows: dict[str, int] = field(default_factory=dict)
    audit_entries: int = 0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def moved_to(store: Store) -> str | None:
    """Where this hub's data was moved (redacted URL), if it was."""
    return store.meta(MOVED_META)


def check_collation(conn: sa.Connection) -> str:
    collation = str(conn.exec_driver_sql(
        "SELECT datcollate FROM pg_database WHERE datname = current_database()").scalar() or "")
    if collation not in BYTE_ORDER_COLLATIONS:
        raise StoreError(translate("Store", "The database uses the collation {collation}; Fieldbook needs \"C\" "
                                            "(create it with LC_COLLATE 'C' TEMPLATE template0, see docs/hub.md).",
                                   collation=collation or "?"))
    return collation


def init_server_database(store: Store, url: str) -> CopyReport:
    """Copy the open SQLite hub ``store`` into the empty server database at ``url``."""
    store.require(Permission.ENROLL_NODES)
    if store.info.role != NodeRole.HUB:
        raise ValidationError(translate("Store", "Only a hub keeps its data in a server database."))
    if store.engine.dialect.name != "sqlite":
        raise ValidationError(translate("Store", "This hub already works on a server database."))
    target = make_server_engine(url)
    shown = redact_url(url)
    try:
        with target.connect() as conn:
            check_collation(conn)
        if migrate.current_revision(target) is not None:
            raise StoreError(translate("Store", "The database {url} already holds Fieldbook data; use an empty "
                                                "database.", url=shown))
        migrate.upgrade(target, b"", backup_to=None)
        report = CopyReport(shown)
        tables = [t for t in Base.metadata.sorted_tables]
        with store.engine.connect() as source, source.begin(), target.begin() as dest:
            dest.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")
            for table in reversed(tables):  # rows the migrations seeded (streets) make way for the node's own
                if table.name != "audit_log":
                    dest.execute(table.delete())
            secret = store.data_key_for_backup
            for table in tables:
                report.rows[table.name] = _copy_table(source, dest, table, secret)
            _check_counts(source, dest, tables)
            chain = verify_chain(dest)
            if chain.problems:
                raise StoreError(translate("Store", "The copied audit log does not verify: {problem}",
                                           problem=chain.problems[0]))
            report.audit_entries = chain.entries
            seq = dest.exec_driver_sql("SELECT pg_get_serial_sequence('audit_log', 'seq')").scalar()
            if seq:
                dest.exec_driver_sql(f"SELECT setval('{seq}', GREATEST((SELECT max(seq) FROM audit_log), 1))")
            head = dest.execute(sa.select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc())
                                .limit(1)).first()
        # the copy's log is anchored on its own (the SQLite file's log goes on with this event and the logout)
        anchor = Anchor(store.paths.server_integrity_file, store.info.node_id, store.data_key_for_backup)
        anchor.path.unlink(missing_ok=True)  # a new server database: an earlier one's anchor says nothing about it
        if head is not None:
            anchor.advance_head(int(head[0]), str(head[1]))
    finally:
        target.dispose()
    store.set_meta(MOVED_META, f"{shown} {utcnow().isoformat(timespec='seconds')}")
    with store.write() as session:
        store.audit.event(session, "hub_database_moved", {"to": shown, "rows": report.total})
    log.info("hub data copied to %s: %d rows", shown, report.total)
    return report


def _copy_table(source: sa.Connection, dest: sa.Connection, table: sa.Table, secret: bytes) -> int:
    """Copy ``table`` in batches; the node's private keys are sealed on the way (never in clear on the server)."""
    count = 0
    batch: list[dict[str, Any]] = []
    with source.execute(sa.select(table).execution_options(yield_per=BATCH)) as result:
        for row in result.mappings():
            batch.append(seal_row(secret, dict(row)) if table.name == "node_keys" else dict(row))
            if len(batch) >= BATCH:
                dest.execute(table.insert(), batch)
                count += len(batch)
                batch = []
    if batch:
        dest.execute(table.insert(), batch)
        count += len(batch)
    return count


def _check_counts(source: sa.Connection, dest: sa.Connection, tables: list[sa.Table]) -> None:
    for table in tables:
        query = sa.select(sa.func.count()).select_from(table)
        if source.execute(query).scalar() != dest.execute(query).scalar():
            raise StoreError(translate("Store", "The copy of the table {table} is incomplete; nothing was kept.",
                                       table=table.name))


@dataclass
class RestoreReport:
    peers: int
    bundle_seq: int


def resume_after_restore(store: Store) -> RestoreReport:
    """Make a hub restored from a backup (``pg_restore`` of a dump, or an older copy) resume with its laptops.

    The restored database forgot what arrived after the dump, but the laptops took the hub's later bundles as
    acknowledgements of it. So every peer's bundle numbering jumps past anything the hub can have issued before (the
    Unix time, and at least 100,000 more), and the acknowledgement last sent to each peer is forgotten: the next
    pull gives every laptop a bundle with the hub's real holdings, which the laptop takes as newest, and its next
    round sends again what the dump lost (imports are idempotent: nothing is applied twice). The hub starts a new
    change-log epoch (app/db/epochs.py, as a restored laptop does): its own change numbers restarted at the dump's,
    which laptops already hold for changes the dump lost, so what its desk users enter from now on goes under a new
    origin that no laptop has seen. The shared state of the workers (nonces, uploads, mailboxes of the lost time)
    is emptied.
    """
    from app.models import Peer
    from app.sync.hub.state import HubState

    store.require(Permission.ENROLL_NODES)
    if store.info.role != NodeRole.HUB:
        raise ValidationError(translate("Store", "Only a hub is restored this way; a field node restores a backup."))
    floor = int(time.time())
    highest = 0
    with store.write() as session:
        peers = list(session.execute(sa.select(Peer)).scalars())
        for peer in peers:
            peer.sent_bundle_seq = max(peer.sent_bundle_seq + 100_000, floor)
            peer.sent_ack = "{}"
            highest = max(highest, peer.sent_bundle_seq)
        store.audit.event(session, "hub_resumed_after_restore", {"peers": len(peers), "bundle_seq": highest})
    start_epoch(store, "restore")
    state = HubState.for_store(store)
    try:
        state.prepare()
        state.clear()
    finally:
        state.dispose()
    log.info("hub resumed after a restore: %d peers, bundles numbered from %d", len(peers), highest)
    return RestoreReport(len(peers), highest)
