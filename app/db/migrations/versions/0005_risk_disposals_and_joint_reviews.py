"""risk: disposal proposals, joint reviews and their decisions; an index on repayments.paid_on (the risk
queries replay a past day by adding back principal repaid after it)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 07:14:28.601635
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "joint_reviews",
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("chair", sa.String(length=100), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joint_reviews")),
    )
    with op.batch_alter_table("joint_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joint_reviews_held_on"), ["held_on"], unique=False)

    op.create_table(
        "disposals",
        sa.Column("loan_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "repay",
                "reschedule",
                "renewal_without_principal",
                "extension",
                "top_up",
                "compensation_claim",
                "legal_action",
                name="disposal",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "approved",
                "rejected",
                "executed",
                "withdrawn",
                name="disposalstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("new_matures_on", sa.Date(), nullable=True),
        sa.Column("extension_months", sa.Integer(), nullable=True),
        sa.Column("top_up_fen", sa.Integer(), nullable=True),
        sa.Column("claim_fen", sa.Integer(), nullable=True),
        sa.Column("terms_note", sa.Text(), nullable=False),
        sa.Column("matures_on_before", sa.Date(), nullable=True),
        sa.Column("balance_before_fen", sa.Integer(), nullable=False),
        sa.Column("proposed_on", sa.Date(), nullable=False),
        sa.Column("proposed_by", sa.String(length=64), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("executed_on", sa.Date(), nullable=True),
        sa.Column("executed_by", sa.String(length=64), nullable=False),
        sa.Column("execution_note", sa.Text(), nullable=False),
        sa.Column("joint_review_id", sa.Uuid(), nullable=True),
        sa.Column("reported_to_finance_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["household_id"], ["households.id"], name=op.f("fk_disposals_household_id_households")),
        sa.ForeignKeyConstraint(
            ["joint_review_id"], ["joint_reviews.id"], name=op.f("fk_disposals_joint_review_id_joint_reviews")
        ),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name=op.f("fk_disposals_loan_id_loans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disposals")),
    )
    with op.batch_alter_table("disposals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disposals_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_disposals_loan_id"), ["loan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_disposals_status"), ["status"], unique=False)

    op.create_table(
        "joint_review_decisions",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("loan_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "repay",
                "reschedule",
                "renewal_without_principal",
                "extension",
                "top_up",
                "compensation_claim",
                "legal_action",
                name="disposal",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("disposal_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["disposal_id"], ["disposals.id"], name=op.f("fk_joint_review_decisions_disposal_id_disposals")
        ),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name=op.f("fk_joint_review_decisions_loan_id_loans")),
        sa.ForeignKeyConstraint(
            ["review_id"], ["joint_reviews.id"], name=op.f("fk_joint_review_decisions_review_id_joint_reviews")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joint_review_decisions")),
    )
    with op.batch_alter_table("joint_review_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joint_review_decisions_loan_id"), ["loan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_joint_review_decisions_review_id"), ["review_id"], unique=False)

    with op.batch_alter_table("repayments", schema=None) as batch_op:
        batch_op.create_index("ix_repayments_paid_on", ["paid_on"], unique=False)


def downgrade() -> None:
    raise RuntimeError("Fieldbook databases are never downgraded")
