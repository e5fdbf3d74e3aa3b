"""registry indexes: the household filter of the Households page

Typing in the filter matches the start of the head's name, the start of the phone number, the pinyin initials
(sorted by initials then name); each needs its index to stay within tens of milliseconds over 100,000 households.
The composite (head_initials, head_name) replaces the single-column index on head_initials: it serves the same
prefix searches and also the default sort without a temporary B-tree.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_households_head_initials", table_name="households")
    op.create_index("ix_households_head_initials_head_name", "households", ["head_initials", "head_name"])
    op.create_index("ix_households_head_name", "households", ["head_name"])
    op.create_index("ix_households_phone", "households", ["phone"])


def downgrade() -> None:
    raise RuntimeError("Fieldbook databases are never downgraded")
