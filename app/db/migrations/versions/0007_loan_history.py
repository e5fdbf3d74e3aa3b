"""loan history and the money rules (issue 20): loan events (a loan's dated state changes, replayed for any past
day), overdue reports to the risk fund, the district's approval, the finance-office report and the compensation
claim's conditions on disposals, interest arrears on repayments, subsidy period labels long enough for a date range.

Existing rows: every new column is empty (no district approval, nothing reported, no recovery effort recorded), which
is what the old schema knew. Events for what happened before this revision are derived from the audit log once, on
the hub, by app/domain/loan_backfill.py (docs/money-rules.md "Existing data").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

#: app/domain/loan_backfill.py reads it: the last audit entry whose loan changes predate loan events
BACKFILL_KEY = "loan_history.backfill_to_seq"

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

def _synced() -> list[sa.Column]:  # type: ignore[type-arg]
    """The columns every synced record carries (app/models/base.py ``Synced``)."""
    return [sa.Column("id", sa.Uuid(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("created_by", sa.String(length=64), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("updated_by", sa.String(length=64), nullable=False),
            sa.Column("origin_node", sa.String(length=36), nullable=False),
            sa.Column("hlc", sa.String(length=64), nullable=False),
            sa.Column("deleted", sa.Boolean(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "loan_events",
        sa.Column("loan_id", sa.Uuid(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.Enum("stated", "overdue", "extended", "rescheduled", "renewed", "topped_up",
                                  "compensated", "written_off", "settled", "arrears", name="loaneventkind",
                                  native_enum=False, length=32), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("disposal_id", sa.Uuid(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name=op.f("fk_loan_events_loan_id_loans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan_events")),
    )
    with op.batch_alter_table("loan_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loan_events_loan_id"), ["loan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_loan_events_happened_on"), ["happened_on"], unique=False)

    op.create_table(
        "overdue_reports",
        sa.Column("loan_id", sa.Uuid(), nullable=False),
        sa.Column("overdue_since", sa.Date(), nullable=False),
        sa.Column("overdue_fen", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("report_ref", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name=op.f("fk_overdue_reports_loan_id_loans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overdue_reports")),
        sa.UniqueConstraint("loan_id", "overdue_since", name=op.f("uq_overdue_reports_loan_id_overdue_since")),
    )
    with op.batch_alter_table("overdue_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_overdue_reports_loan_id"), ["loan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_overdue_reports_reported_on"), ["reported_on"], unique=False)

    with op.batch_alter_table("disposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reported_to_finance_by", sa.String(length=64), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("finance_report", sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("district_approved_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("district_approved_by", sa.String(length=64), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("district_note", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("recovery_effort", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("loss_confirmed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("loss_basis", sa.String(length=200), nullable=False, server_default=""))

    with op.batch_alter_table("repayments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interest_arrears_fen", sa.Integer(), nullable=True))

    with op.batch_alter_table("subsidy_claims", schema=None) as batch_op:
        batch_op.alter_column("period", existing_type=sa.String(length=7), type_=sa.String(length=24),
                              existing_nullable=False)

    # the loans' history before this revision is in the audit log: app/domain/loan_backfill.py turns the entries up
    # to here into loan events, once, on the hub (the meta table is local bookkeeping, not audited)
    conn = op.get_bind()
    last = conn.execute(sa.text("SELECT max(seq) FROM audit_log WHERE table_name = 'loans' AND action = 'update'")
                        ).scalar()
    if last:
        conn.execute(sa.text("INSERT INTO meta (key, value) VALUES (:key, :value)"),
                     {"key": BACKFILL_KEY, "value": str(last)})


def downgrade() -> None:
    raise RuntimeError("Fieldbook databases are never downgraded")
