"""Consistent encrypted copies of the live database through the SQLite backup API (never a file copy)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import Engine

from app.db.engine import open_raw


def copy_database(engine: Engine, key: bytes, dest: Path) -> None:
    """Copy the database behind ``engine`` to ``dest`` (encrypted with the same key) while it stays in use."""
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    tmp.touch(mode=0o600)
    target = open_raw(tmp, key)
    target.execute("PRAGMA journal_mode = DELETE").fetchall()
    raw = engine.raw_connection()
    try:
        raw.driver_connection.backup(target)  # type: ignore[union-attr]
    finally:
        raw.close()
        target.close()
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, dest)
