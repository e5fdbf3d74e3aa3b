"""Strict schema versions (Vorta/qutebrowser habit): one head, each migration in its own transaction,
a copy of the database before migrating, and a clear refusal of a database from a newer Fieldbook."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from app.errors import StoreError
from app.i18n import translate

log = logging.getLogger(__name__)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, key: bytes, backup_to: Path | None = None, target: str = "head") -> str | None:
    """Bring the database to ``target``; return the path of the pre-migration copy, if one was made."""
    current = current_revision(engine)
    head = head_revision() if target == "head" else target
    if current == head:
        return None
    if current is not None and current not in known_revisions():
        raise StoreError(translate("Store", "This database was written by a newer version of Fieldbook "
                                            "(schema {revision}); please install the newer version.",
                                   revision=current))
    copy = None
    if current is not None and backup_to is not None:
        from app.db.backup import copy_database

        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = backup_to / f"before-upgrade-{current}-{stamp}.db"
        copy_database(engine, key, copy)
        log.info("copied the database before migrating from %s", current)
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        conn.commit()
        if conn.dialect.name == "postgresql":
            deferrable_foreign_keys(conn)
    return str(copy) if copy else None


def deferrable_foreign_keys(conn: Connection) -> int:
    """PostgreSQL: make every foreign key DEFERRABLE (INITIALLY IMMEDIATE), so an import can defer them to the
    commit like SQLite's ``PRAGMA defer_foreign_keys`` (the rows of one bundle may refer to each other in any
    order). Idempotent; returns how many constraints it changed. SQLite needs nothing."""
    rows = conn.exec_driver_sql(
        "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c "
        "JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE c.contype = 'f' AND NOT c.condeferrable AND n.nspname = current_schema()").fetchall()
    preparer = conn.dialect.identifier_preparer
    for table, name in rows:
        conn.exec_driver_sql(f"ALTER TABLE {table} ALTER CONSTRAINT {preparer.quote(name)} "
                             "DEFERRABLE INITIALLY IMMEDIATE")
    conn.commit()
    return len(rows)
