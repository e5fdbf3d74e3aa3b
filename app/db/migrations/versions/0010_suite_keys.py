"""bundle suites (issue 24): the private keys of the suites ``gm`` (SM2) and ``pq`` (ML-KEM-768, ML-DSA-65) beside
the node's Ed25519 and X25519 keys. Existing rows: empty; app/sync/keys.py makes them at first need, and peers learn
the public halves when the node enrols again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 17:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("node_keys") as batch:
        batch.add_column(sa.Column("suite_private", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("node_keys") as batch:
        batch.drop_column("suite_private")
