"""What every worker of a hub must share (issue 23.1): request nonces, rate-limit buckets, leases, and the bytes of
resumable uploads and waiting mailbox bundles. Kept in a database, so a request replayed to any worker - or after a
restart - is refused, and an upload started on one worker continues on another.

Where: on PostgreSQL, tables ``hub_*`` in the hub's own database (several hosts may serve one hub); on SQLite, the
file ``hub/state.db`` next to the node's database, encrypted with the same data key (several worker processes on
one machine). These tables are the mailbox's working state, not the node's records: they are made by
:meth:`HubState.prepare` (not by the node's migrations), carry their own layout version, and are emptied, never
migrated, when it changes (the state is short-lived: a nonce lives eleven minutes, an upload a day); the audit log
never sees them.

Every operation is one short transaction. On SQLite a writer takes the file's lock (``BEGIN IMMEDIATE``); on
PostgreSQL a row lock (``SELECT … FOR UPDATE``) or a unique key decides, so workers never wait for an import.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

from app.db.engine import create_database, make_engine

LAYOUT = 1
#: bytes of one stored piece of an upload or a mailbox bundle (chunks of an upload are stored as they come)
PIECE = 1024 * 1024
UPLOAD, MAILBOX = "up", "mail"
OPEN, MAKING, DONE = "open", "making", "done"

STATE = sa.MetaData()
layout_table = sa.Table("hub_state_layout", STATE, sa.Column("layout", sa.Integer, primary_key=True))
nonces = sa.Table("hub_nonces", STATE,
                  sa.Column("node_id", sa.String(36), primary_key=True),
                  sa.Column("nonce", sa.String(64), primary_key=True),
                  sa.Column("expires", sa.Float, nullable=False, index=True))
rates = sa.Table("hub_rates", STATE,
                 sa.Column("key", sa.String(80), primary_key=True),
                 sa.Column("tokens", sa.Float, nullable=False),
                 sa.Column("at", sa.Float, nullable=False))
leases = sa.Table("hub_leases", STATE,
                  sa.Column("key", sa.String(200), primary_key=True),
                  sa.Column("holder", sa.String(64), nullable=False),
                  sa.Column("until", sa.Float, nullable=False))
transfers = sa.Table("hub_transfers", STATE,
                     sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                     sa.Column("node_id", sa.String(36), nullable=False),
                     sa.Column("kind", sa.String(8), nullable=False),
                     sa.Column("name", sa.String(128), nullable=False),
                     sa.Column("size", sa.BigInteger, nullable=False),
                     sa.Column("sha256", sa.String(64), nullable=False),
                     sa.Column("received", sa.BigInteger, nullable=False, default=0),
                     sa.Column("state", sa.String(12), nullable=False),
                     sa.Column("result", sa.Text, nullable=True),
                     sa.Column("created", sa.Float, nullable=False),
                     sa.Column("updated", sa.Float, nullable=False),
                     sa.UniqueConstraint("node_id", "kind", "name"))
pieces = sa.Table("hub_pieces", STATE,
                  sa.Column("transfer_id", sa.Integer, primary_key=True),
                  sa.Column("pos", sa.BigInteger, primary_key=True),
                  sa.Column("data", sa.LargeBinary, nullable=False))


@dataclass(frozen=True)
class Admission:
    """What the shared state says of an authenticated request: a replayed nonce, or seconds to wait (0: go)."""

    replay: bool = False
    wait: int = 0


@dataclass(frozen=True)
class Transfer:
    id: int
    node_id: str
    kind: str
    name: str
    size: int
    sha256: str
    received: int
    state: str
    result: dict[str, Any] | None
    created: float


def _transfer(row: Any) -> Transfer:
    result = json.loads(row.result) if row.result else None
    return Transfer(row.id, row.node_id, row.kind, row.name, int(row.size), row.sha256, int(row.received), row.state,
                    result if isinstance(result, dict) else None, float(row.created))


class Lease:
    """A key held by this worker (:meth:`HubState.hold`), renewed by a thread until released."""

    def __init__(self, state: HubState, key: str, holder: str, seconds: float) -> None:
        self.state, self.key, self.holder, self.seconds = state, key, holder, seconds
        self._stop = threading.Event()
        self._keeper = threading.Thread(target=self._renew, name=f"lease {key[:20]}", daemon=True)
        self._keeper.start()

    def _renew(self) -> None:
        while not self._stop.wait(self.seconds / 3):
            with contextlib.suppress(sa.exc.SQLAlchemyError):
                self.state.acquire(self.key, self.holder, self.seconds)

    def release(self) -> None:
        self._stop.set()
        self._keeper.join()
        with contextlib.suppress(sa.exc.SQLAlchemyError):
            self.state.release(self.key, self.holder)


class HubState:
    """The shared state of one hub, on ``engine`` (see the module docstring)."""

    def __init__(self, engine: Engine, own_engine: bool, clock: Callable[[], float] = time.time) -> None:
        self.engine, self.own_engine, self.clock = engine, own_engine, clock
        self.sqlite = engine.dialect.name == "sqlite"
        self._writer = engine.execution_options(immediate=True) if self.sqlite else engine
        self._insert = sqlite_insert if self.sqlite else postgresql_insert
        self._purged_at = 0.0

    @classmethod
    def for_store(cls, store: Any) -> HubState:
        """The state of the hub ``store``: its own PostgreSQL database, or ``hub/state.db`` beside its SQLite file."""
        if store.engine.dialect.name != "sqlite":
            return cls(store.engine, own_engine=False)
        path: Path = store.paths.root / "hub" / "state.db"
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = store.data_key_for_backup
        if not path.exists():
            with contextlib.suppress(FileExistsError):  # another worker made it first
                create_database(path, key)
        return cls(make_engine(path, key), own_engine=True)

    def prepare(self) -> None:
        """Make the tables (or empty them when their layout changed); safe to run from several workers."""
        for attempt in range(3):
            try:
                STATE.create_all(self.engine, checkfirst=True)
                break
            except sa.exc.SQLAlchemyError:  # two hosts creating the same table at once
                if attempt == 2:
                    raise
                time.sleep(0.2)
        with self._writer.begin() as conn:
            layout = conn.execute(sa.select(layout_table.c.layout)).scalar()
            if layout == LAYOUT:
                return
            for table in reversed(STATE.sorted_tables):
                conn.execute(table.delete())
            conn.execute(layout_table.insert().values(layout=LAYOUT))

    def after_fork(self) -> None:
        """A worker process made by fork must not use its parent's connections."""
        if self.own_engine:
            self.engine.dispose(close=False)

    def dispose(self) -> None:
        if self.own_engine:
            self.engine.dispose()

    def clear(self) -> None:
        """Forget everything (a hub restored from a backup: nonces, uploads and mailboxes of the lost time)."""
        with self._writer.begin() as conn:
            for table in reversed(STATE.sorted_tables):
                if table is not layout_table:
                    conn.execute(table.delete())

    # -- requests ---------------------------------------------------------------------------------------------
    def admit(self, node_id: str, nonce: str, nonce_ttl: float, rate: float, burst: int) -> Admission:
        """Record ``nonce`` (a replay if ``node_id`` used it before) and take a token from the node's bucket."""
        now = self.clock()
        with self._writer.begin() as conn:
            added = conn.execute(self._insert(nonces).values(node_id=node_id, nonce=nonce, expires=now + nonce_ttl)
                                 .on_conflict_do_nothing().returning(nonces.c.nonce)).first()
            if added is None:
                return Admission(replay=True)
            wait = self._take(conn, f"node:{node_id}", rate, burst, now)
            if now - self._purged_at > 60:
                self._purged_at = now
                conn.execute(nonces.delete().where(nonces.c.expires < now))
                conn.execute(rates.delete().where(rates.c.at < now - 3600))
                conn.execute(leases.delete().where(leases.c.until < now - 3600))
        return Admission(wait=wait)

    def _take(self, conn: sa.Connection, key: str, rate: float, burst: int, now: float) -> int:
        conn.execute(self._insert(rates).values(key=key, tokens=float(burst), at=now).on_conflict_do_nothing())
        tokens, last = conn.execute(sa.select(rates.c.tokens, rates.c.at).where(rates.c.key == key)
                                    .with_for_update()).one()
        tokens = min(float(burst), tokens + max(0.0, now - last) * rate)
        wait = 0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = max(1, int((1.0 - tokens) / rate + 0.999))
        conn.execute(rates.update().where(rates.c.key == key).values(tokens=tokens, at=now))
        return wait

    # -- leases -----------------------------------------------------------------------------------------------
    def acquire(self, key: str, holder: str, seconds: float) -> bool:
        now = self.clock()
        with self._writer.begin() as conn:
            row = conn.execute(sa.select(leases.c.holder, leases.c.until).where(leases.c.key == key)
                               .with_for_update()).first()
            if row is not None and row.until > now and row.holder != holder:
                return False
            statement = self._insert(leases).values(key=key, holder=holder, until=now + seconds)
            conn.execute(statement.on_conflict_do_update(index_elements=["key"],
                                                         set_={"holder": holder, "until": now + seconds}))
        return True

    def release(self, key: str, holder: str) -> None:
        with self._writer.begin() as conn:
            conn.execute(leases.delete().where(leases.c.key == key, leases.c.holder == holder))

    def hold(self, key: str, seconds: float = 60.0, wait: float = 30.0) -> Lease | None:
        """Hold ``key`` for one worker at a time (renewed while held, it lapses ``seconds`` after the worker
        died); None if another worker still held it after ``wait`` seconds. Release the lease when done."""
        holder = f"{os.getpid()}-{threading.get_ident()}-{secrets.token_hex(4)}"
        deadline, pause = time.monotonic() + wait, 0.02
        while not self.acquire(key, holder, seconds):
            if time.monotonic() >= deadline:
                return None
            time.sleep(pause)
            pause = min(0.5, pause * 2)
        return Lease(self, key, holder, seconds)

    @contextlib.contextmanager
    def lease(self, key: str, seconds: float = 60.0, wait: float = 30.0) -> Iterator[bool]:
        """:meth:`hold` as a context: yields whether the lease is held."""
        held = self.hold(key, seconds, wait)
        try:
            yield held is not None
        finally:
            if held is not None:
                held.release()

    # -- transfers --------------------------------------------------------------------------------------------
    def _find(self, conn: sa.Connection, node_id: str, kind: str, name: str | None = None, lock: bool = False
              ) -> Transfer | None:
        query = sa.select(transfers).where(transfers.c.node_id == node_id, transfers.c.kind == kind)
        if name is not None:
            query = query.where(transfers.c.name == name)
        row = conn.execute((query.with_for_update() if lock else query).order_by(transfers.c.id.desc())).first()
        return _transfer(row) if row is not None else None

    def _drop(self, conn: sa.Connection, transfer_ids: list[int]) -> None:
        if transfer_ids:
            conn.execute(pieces.delete().where(pieces.c.transfer_id.in_(transfer_ids)))
            conn.execute(transfers.delete().where(transfers.c.id.in_(transfer_ids)))

    def transfer(self, node_id: str, kind: str, name: str) -> Transfer | None:
        with self.engine.connect() as conn:
            return self._find(conn, node_id, kind, name)

    def start_upload(self, node_id: str, sha: str, size: int, max_open: int) -> Transfer:
        """The upload ``sha`` of ``node_id`` (made, or reset if it was started with another size); the oldest
        unfinished uploads of the node make way so that at most ``max_open`` remain."""
        now = self.clock()
        with self._writer.begin() as conn:
            found = self._find(conn, node_id, UPLOAD, sha, lock=True)
            if found is not None and found.state == DONE:
                return found
            if found is not None and found.size != size:
                self._drop(conn, [found.id])
                found = None
            if found is None:
                open_ids = list(conn.execute(sa.select(transfers.c.id).where(
                    transfers.c.node_id == node_id, transfers.c.kind == UPLOAD, transfers.c.state == OPEN)
                    .order_by(transfers.c.updated)).scalars())
                self._drop(conn, open_ids[:max(0, len(open_ids) - max_open + 1)])
                conn.execute(transfers.insert().values(node_id=node_id, kind=UPLOAD, name=sha, size=size, sha256=sha,
                                                       received=0, state=OPEN, created=now, updated=now))
                found = self._find(conn, node_id, UPLOAD, sha)
                assert found is not None
            return found

    def append(self, node_id: str, sha: str, offset: int, data: bytes) -> tuple[str, int]:
        """Store the chunk at ``offset`` of an upload: ("ok", new offset), ("offset", the offset held),
        ("missing", 0) or ("too_large", the offset held)."""
        with self._writer.begin() as conn:
            found = self._find(conn, node_id, UPLOAD, sha, lock=True)
            if found is None or found.state != OPEN:
                return "missing", 0
            if offset != found.received:
                return "offset", found.received
            if found.received + len(data) > found.size:
                return "too_large", found.received
            if data:
                conn.execute(pieces.insert().values(transfer_id=found.id, pos=offset, data=data))
            conn.execute(transfers.update().where(transfers.c.id == found.id)
                         .values(received=found.received + len(data), updated=self.clock()))
            return "ok", found.received + len(data)

    def copy_to(self, transfer: Transfer, out: IO[bytes]) -> int:
        """Write the stored bytes of ``transfer`` to ``out`` in order; return how many (each piece read alone)."""
        written = 0
        while written < transfer.received:
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(pieces.c.data).where(pieces.c.transfer_id == transfer.id,
                                                                   pieces.c.pos == written)).first()
            if row is None or not row.data:
                break
            out.write(row.data)
            written += len(row.data)
        return written

    def finish_upload(self, transfer: Transfer, result: dict[str, Any] | None, keep_done: int = 20) -> None:
        """``result``: the import's answer, kept (the bytes go) so a commit whose answer was lost is answered
        again; None: the upload is dropped."""
        now = self.clock()
        with self._writer.begin() as conn:
            conn.execute(pieces.delete().where(pieces.c.transfer_id == transfer.id))
            if result is None:
                conn.execute(transfers.delete().where(transfers.c.id == transfer.id))
                return
            conn.execute(transfers.update().where(transfers.c.id == transfer.id)
                         .values(state=DONE, result=json.dumps(result), updated=now))
            done = list(conn.execute(sa.select(transfers.c.id).where(
                transfers.c.node_id == transfer.node_id, transfers.c.kind == UPLOAD, transfers.c.state == DONE)
                .order_by(transfers.c.updated.desc())).scalars())
            self._drop(conn, done[keep_done:])

    def sweep(self, upload_max_age: float, done_max_age: float) -> int:
        """Drop uploads untouched for ``upload_max_age`` and finished ones older than ``done_max_age``."""
        now = self.clock()
        with self._writer.begin() as conn:
            stale = list(conn.execute(sa.select(transfers.c.id).where(sa.or_(
                sa.and_(transfers.c.state != DONE, transfers.c.updated < now - upload_max_age),
                sa.and_(transfers.c.kind == UPLOAD, transfers.c.state == DONE,
                        transfers.c.updated < now - done_max_age)))).scalars())
            self._drop(conn, stale)
        return len(stale)

    # -- mailbox ----------------------------------------------------------------------------------------------
    def waiting(self, node_id: str, max_age: float) -> Transfer | None:
        """The bundle waiting for ``node_id``, if it is complete and younger than ``max_age`` seconds."""
        found = self.transfer_of(node_id)
        if found is None or found.state != DONE or self.clock() - found.created >= max_age:
            return None
        return found

    def transfer_of(self, node_id: str) -> Transfer | None:
        with self.engine.connect() as conn:
            return self._find(conn, node_id, MAILBOX)

    def put_mailbox(self, node_id: str, path: Path, sha: str, info: dict[str, Any], batch: int = 16) -> Transfer:
        """Keep the bundle file ``path`` as the one waiting for ``node_id`` (replacing any other): written in
        pieces, a few per transaction, and offered only once complete."""
        now, size = self.clock(), path.stat().st_size
        with self._writer.begin() as conn:
            conn.execute(transfers.insert().values(node_id=node_id, kind=MAILBOX, name=path.name, size=size,
                                                   sha256=sha, received=0, state=MAKING, result=json.dumps(info),
                                                   created=now, updated=now))
            made = self._find(conn, node_id, MAILBOX, path.name)
            assert made is not None
        with open(path, "rb") as handle:
            position = 0
            while position < size:
                with self._writer.begin() as conn:
                    for _ in range(batch):
                        data = handle.read(PIECE)
                        if not data:
                            break
                        conn.execute(pieces.insert().values(transfer_id=made.id, pos=position, data=data))
                        position += len(data)
        with self._writer.begin() as conn:
            older = list(conn.execute(sa.select(transfers.c.id).where(
                transfers.c.node_id == node_id, transfers.c.kind == MAILBOX, transfers.c.id != made.id)).scalars())
            self._drop(conn, older)
            conn.execute(transfers.update().where(transfers.c.id == made.id)
                         .values(state=DONE, received=size, updated=self.clock()))
        found = self.transfer(node_id, MAILBOX, path.name)
        assert found is not None
        return found

    def read(self, transfer: Transfer, start: int, end: int) -> Iterator[bytes]:
        """The bytes ``start`` .. ``end`` (inclusive) of a stored transfer, a piece at a time."""
        position = start - start % PIECE
        while position <= end:
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(pieces.c.data).where(pieces.c.transfer_id == transfer.id,
                                                                   pieces.c.pos == position)).first()
            if row is None:
                return
            data = bytes(row.data)
            yield data[max(0, start - position):end - position + 1]
            position += len(data)

    def drop_mailbox(self, node_id: str, name: str | None = None) -> None:
        with self._writer.begin() as conn:
            query = sa.select(transfers.c.id).where(transfers.c.node_id == node_id, transfers.c.kind == MAILBOX)
            if name is not None:
                query = query.where(transfers.c.name == name)
            self._drop(conn, list(conn.execute(query).scalars()))
