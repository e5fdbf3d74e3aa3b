"""sync state

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 07:13:51.003970
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('node_keys',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('sign_private', sa.LargeBinary(), nullable=False),
    sa.Column('box_private', sa.LargeBinary(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_node_keys'))
    )
    op.create_table('sync_conflicts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('record_id', sa.String(length=64), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('winner_value', sa.Text(), nullable=False),
    sa.Column('winner_hlc', sa.String(length=64), nullable=False),
    sa.Column('loser_value', sa.Text(), nullable=False),
    sa.Column('loser_hlc', sa.String(length=64), nullable=False),
    sa.Column('loser_node', sa.String(length=36), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('detected_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_by', sa.String(length=64), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflicts'))
    )
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflicts_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflicts_record_id'), ['record_id'], unique=False)

    op.create_table('sync_proposals',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_node', sa.String(length=36), nullable=False),
    sa.Column('origin_seq', sa.Integer(), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('record_id', sa.String(length=64), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_proposals')),
    sa.UniqueConstraint('origin_node', 'origin_seq', name=op.f('uq_sync_proposals_origin_node_origin_seq'))
    )
    with op.batch_alter_table('sync_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_proposals_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_proposals_status'), ['status'], unique=False)

    op.create_table('sync_received',
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('sender', sa.String(length=36), nullable=False),
    sa.Column('bundle_seq', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('imported_by', sa.String(length=64), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('applied', sa.Integer(), nullable=False),
    sa.Column('skipped', sa.Integer(), nullable=False),
    sa.Column('proposals', sa.Integer(), nullable=False),
    sa.Column('conflicts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('bundle_id', name=op.f('pk_sync_received'))
    )
    with op.batch_alter_table('sync_received', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_received_sender'), ['sender'], unique=False)

    op.create_table('sync_vector',
    sa.Column('origin_node', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('origin_node', name=op.f('pk_sync_vector'))
    )
    op.create_table('sync_peers',
    sa.Column('node_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.Enum('field', 'hub', name='noderole', native_enum=False, length=32), nullable=False),
    sa.Column('street_code', sa.String(length=9), nullable=True),
    sa.Column('sign_public', sa.LargeBinary(), nullable=False),
    sa.Column('box_public', sa.LargeBinary(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('certificate', sa.Text(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('roster_version', sa.Integer(), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('acked', sa.Text(), nullable=False),
    sa.Column('acked_bundle_seq', sa.Integer(), nullable=False),
    sa.Column('sent_bundle_seq', sa.Integer(), nullable=False),
    sa.Column('sent_ack', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_sync_peers_node_id_nodes')),
    sa.PrimaryKeyConstraint('node_id', name=op.f('pk_sync_peers'))
    )


def downgrade() -> None:
    raise RuntimeError("Fieldbook databases are never downgraded")
