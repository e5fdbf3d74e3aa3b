"""sync aliases, quarantine and refused bundles (issue 17: sync that never stalls)

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_aliases",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("alias_id", sa.String(length=36), nullable=False),
        sa.Column("canonical_id", sa.String(length=36), nullable=False),
        sa.Column("natural_key", sa.String(length=100), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("origin_seq", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_aliases")),
        sa.UniqueConstraint("table_name", "alias_id", name=op.f("uq_sync_aliases_table_name_alias_id")),
    )
    with op.batch_alter_table("sync_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_aliases_canonical_id"), ["canonical_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_aliases_origin_seq"), ["origin_seq"], unique=False)

    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("origin_seq", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("sender", sa.String(length=36), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_quarantine")),
        sa.UniqueConstraint("origin_node", "origin_seq", name=op.f("uq_sync_quarantine_origin_node_origin_seq")),
    )
    with op.batch_alter_table("sync_quarantine", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_quarantine_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_quarantine_status"), ["status"], unique=False)

    op.create_table(
        "sync_refused",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("sender", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("refused_at", sa.DateTime(), nullable=False),
        sa.Column("refused_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_refused")),
    )
    with op.batch_alter_table("sync_refused", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_refused_bundle_id"), ["bundle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_refused_refused_at"), ["refused_at"], unique=False)


    with op.batch_alter_table("sync_received", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quarantined", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("aliased", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    raise RuntimeError("Fieldbook databases are never downgraded")
