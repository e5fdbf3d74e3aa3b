"""The append-only, hash-chained audit log, which is also the change log sync reads.

Every write to an audited table adds one entry in the same transaction (app/db/audit.py). Entries of synced
records carry (origin node, origin sequence, clock stamp) so they can travel; local events (logins,
exports, prints, settings, user changes) are marked ``local`` and never leave the node.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __audited__ = False
    __table_args__ = (sa.UniqueConstraint("origin_node", "origin_seq"),
                      sa.Index("ix_audit_log_record", "table_name", "record_id"))

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime]
    node_id: Mapped[str] = mapped_column(sa.String(36))
    actor: Mapped[str] = mapped_column(sa.String(64))
    action: Mapped[str] = mapped_column(sa.String(32))
    table_name: Mapped[str | None] = mapped_column(sa.String(64))
    record_id: Mapped[str | None] = mapped_column(sa.String(64))
    origin_node: Mapped[str | None] = mapped_column(sa.String(36))
    origin_seq: Mapped[int | None]
    hlc: Mapped[str] = mapped_column(sa.String(64))
    local: Mapped[bool]
    data: Mapped[str] = mapped_column(sa.Text)
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))
    #: the hash of the record's row as this entry left it (app/db/rowhash.py; None for local events, deletions and
    #: entries written before schema 0009), which ``check`` compares with the row
    row_hash: Mapped[str | None] = mapped_column(sa.String(64), default=None)


class AuditBaseline(Base):
    """The row hash of every audited row that existed when schema 0009 introduced row hashes (their entries carry
    none), or when a later migration changed how a table's rows are stored (app/db/baseline.py). The same
    migration logs the per-table sums of these hashes, so ``check`` binds those rows too until they next change."""

    __tablename__ = "audit_baseline"
    __audited__ = False

    table_name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    row_hash: Mapped[str] = mapped_column(sa.String(64))
    #: the ``row_baseline`` log entry that recorded it (a later entry about the record supersedes it)
    seq: Mapped[int]
