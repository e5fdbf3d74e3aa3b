"""epochs and row hashes (issue 16): ``node_epochs`` (a restore starts a new origin for the node's change log,
app/db/epochs.py), ``audit_log.row_hash`` (the hash of the row each entry leaves, compared by ``check``) and
``audit_baseline`` (the hashes of the rows that exist now, whose entries carry none: app/db/baseline.py).

The column is added with a plain ALTER TABLE (not a batch copy), so the triggers that keep the log append-only
stay in place.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "node_epochs",
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("previous_origin", sa.String(length=36), nullable=False),
        sa.Column("previous_seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_node_epochs")),
    )
    with op.batch_alter_table("node_epochs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_node_epochs_node_id"), ["node_id"], unique=False)
    op.create_table(
        "audit_baseline",
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_audit_baseline")),
    )
    op.add_column("audit_log", sa.Column("row_hash", sa.String(length=64), nullable=True))

    from app.db.baseline import rebaseline

    rebaseline(op.get_bind(), reason="schema 0009: rows written before row hashes")


def downgrade() -> None:
    raise RuntimeError("Fieldbook databases are never downgraded")
