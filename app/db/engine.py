"""SQLAlchemy engine over SQLCipher 4 with the data key given as a raw key through our own creator.

Settings, and why:
- ``PRAGMA key = "x'…'"``: a raw 256-bit key, so opening costs no second KDF (the password KDF already ran
  when the key was unwrapped) and no passphrase ever appears in a URL;
- ``journal_mode=WAL``: readers (the GUI) never block the writer (imports, sync) and vice versa; the WAL is
  encrypted page by page like the database;
- ``synchronous=FULL``: a power cut after commit must not lose what a cadre entered; the cost is one fsync
  per transaction, which our batched writes amortise;
- ``temp_store=MEMORY``: SQLCipher does not encrypt every transient file (sort spills, temp indices);
  keeping them in memory means nothing transient reaches the disk in the clear;
- ``cache_size=-131072`` (128 MiB): measured by SQLCipher users and in our benchmark, a cache this size makes
  repeated reads pay decryption once; the cache is a ceiling, memory is used only as pages are read;
- ``secure_delete=ON``: freed pages are zeroed, so deleted drafts do not linger inside the file;
- ``foreign_keys=ON`` and a ``busy_timeout`` so a second connection waits instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool
from sqlcipher3 import dbapi2 as sqlcipher

from app.errors import StoreError
from app.i18n import translate

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -131072",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 15000",
)


def open_raw(path: Path, key: bytes) -> Any:
    """A plain SQLCipher DB-API connection keyed with ``key``; raises StoreError if it cannot be read."""
    if len(key) != 32:
        raise ValueError("the data key is 32 bytes")
    try:
        conn = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    except sqlcipher.Error as exc:
        raise StoreError(translate("Store", "The database cannot be opened: {reason}", reason=exc)) from exc
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in PRAGMAS:
            conn.execute(pragma).fetchall()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise StoreError(translate("Store", "The database file is damaged or does not belong to this "
                                                "node's key.")) from exc
        raise StoreError(translate("Store", "The database cannot be opened: {reason}", reason=exc)) from exc
    return conn


def make_engine(path: Path, key: bytes) -> Engine:
    # Open once in the caller's thread so a wrong key or a damaged file fails here with a clear message.
    open_raw(path, key).close()

    def creator() -> Any:
        return open_raw(path, key)

    engine = sa.create_engine("sqlite://", creator=creator, module=sqlcipher, poolclass=QueuePool,
                              pool_size=4, max_overflow=4, pool_pre_ping=False)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # pysqlite's own transaction handling is disabled (isolation_level=None); we emit BEGIN ourselves so
        # write transactions can take the write lock up front (BEGIN IMMEDIATE) and never fail halfway.
        mode = "IMMEDIATE" if conn.get_execution_options().get("immediate") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def create_database(path: Path, key: bytes) -> None:
    """Create an empty encrypted database file with restrictive permissions."""
    if path.exists():
        raise StoreError(translate("Store", "A database already exists at {path}.", path=path))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.touch(mode=0o600)
    conn = open_raw(path, key)
    conn.execute("CREATE TABLE _init(x)")
    conn.execute("DROP TABLE _init")
    conn.close()


# -- a server database (the hub on PostgreSQL; docs/hub.md) ----------------------------------------------------
#: key of the transaction-scoped advisory lock that serializes write transactions on PostgreSQL, the way
#: ``BEGIN IMMEDIATE`` does in SQLite (the audit log's sequence and hash chain need one writer at a time)
WRITE_LOCK_KEY = 0x46424B48  # "FBKH"


def is_sqlite(engine: Engine | sa.Connection) -> bool:
    return engine.dialect.name == "sqlite"


def redact_url(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):
        return "<invalid database URL>"


def make_server_engine(url: str) -> Engine:
    """An engine on a server database (PostgreSQL through psycopg 3). Write transactions (execution option
    ``immediate``) take one advisory lock first, so writers queue as they do in SQLite; readers never wait."""
    try:
        parsed = sa.engine.make_url(url)
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise StoreError(translate("Store", "The database URL is not valid: {url}", url=redact_url(url))) from exc
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(translate("Store", "Only PostgreSQL is supported as a server database (got {url}).",
                                   url=redact_url(url)))
    try:
        engine = sa.create_engine(parsed, pool_size=8, max_overflow=8, pool_pre_ping=True,
                                  isolation_level="READ COMMITTED")
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except (sa.exc.SQLAlchemyError, ImportError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc)
        raise StoreError(translate("Store", "The database {url} cannot be opened: {reason}", url=redact_url(url),
                                   reason=reason)) from exc

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if conn.get_execution_options().get("immediate"):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")

    return engine
